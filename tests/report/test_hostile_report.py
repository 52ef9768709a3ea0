"""Hostile input, second round (issue 26): ``footstats report``.

One test or more per point of the issue that concerns the report: an input overwritten
(1), files it did not make deleted (2), a kill during the move (10), the shared lock folder
(12), private logs' outputs (13), a symlinked participants folder (14), devices as inputs
(21), a routine of thousands of exercises (22). (Point 6, the window's bounds, is tested
with the follow-up window.)

They drive the command line as a user would (``footstats.cli.main``, or the installed
``footstats`` command in a subprocess where a process must be killed or limited) and the
public ``footstats`` API; no private module is imported. Every test here failed on main at
a7301b7 (the failure each showed is in the notes of issue 26).
"""

from __future__ import annotations

import os
import resource
import subprocess
import sys
import tempfile
from pathlib import Path

import pytest
from _other_user import NOBODY, OTHER, as_user, give, needs_root_for_two_users, open_folder

import footstats
from footstats.charts import registry, sizes
from footstats.cli import main

FOOTSTATS = Path(sys.executable).parent / "footstats"
SOLO = "date,exercise,sets,pain_back\n2026-03-02,Heel raises,2,5\n2026-03-04,Heel raises,3,4\n"
NEW_SOLO = "date,exercise,sets,pain_back\n2026-04-06,Toe walking,6,3\n2026-04-08,Toe walking,6,2\n"
COHORT = (
    "participant,date,exercise,sets,pain_back\n"
    "p1,2026-03-02,Heel raises,2,5\n"
    "p2,2026-03-04,Heel raises,3,4\n"
)
ENROLMENT = "participant,start\np1,2026-03-02\np2,2026-03-04\n"


def run(argv, capsys) -> tuple[object, str, str]:
    """``footstats ARGV`` in this process: its exit code (or the exception it raised, as a
    user sees a traceback), stdout and stderr."""
    try:
        code = main([str(a) for a in argv])
    except SystemExit as exc:
        code = exc.code
    except Exception as exc:  # a traceback for the user
        code = f"raised {type(exc).__name__}: {exc}"
    out, err = capsys.readouterr()
    return code, out, err


@pytest.fixture
def solo(tmp_path) -> Path:
    log = tmp_path / "logs" / "log.csv"
    log.parent.mkdir()
    log.write_text(SOLO)
    return log


@pytest.fixture
def cohort(tmp_path) -> Path:
    log = tmp_path / "logs" / "cohort.csv"
    log.parent.mkdir(exist_ok=True)
    log.write_text(COHORT)
    return log


# -- 1. every input file is guarded, not only the log's folder -------------------------------


@pytest.mark.parametrize("name", ["participants.csv", "study_weeks.csv"])
def test_1_report_never_replaces_the_participants_table_it_reads(tmp_path, cohort, capsys, name):
    """An input file is never written over: a participants table in the output folder
    (study/participants.csv with -o study) stays as it was and the report is refused."""
    study = tmp_path / "study"
    study.mkdir()
    table = study / name
    table.write_text(ENROLMENT)
    code, _, err = run(["report", cohort, "--participants", table, "-o", study], capsys)
    assert table.read_text() == ENROLMENT, f"the enrolment table {name} was replaced"
    assert code == 2 and "refusing" in err and name in err


# -- 2. only files footstats made are removed --------------------------------------------------


def test_2_report_keeps_files_with_report_names_it_did_not_make(tmp_path, solo, capsys):
    """A report removes only what an earlier footstats report wrote: a user's own
    participants.csv, study_weeks.csv, calendar.pdf or frequency.svg in the output folder,
    never written by footstats, stays."""
    out = tmp_path / "out"
    out.mkdir()
    mine = {
        "participants.csv": "my own participants\n",
        "study_weeks.csv": "my own weeks\n",
        "calendar.pdf": "%PDF my calendar\n",
        "frequency.svg": "<svg>my drawing</svg>\n",
    }
    for name, text in mine.items():
        (out / name).write_text(text)
    code, _, err = run(["report", solo, "-o", out], capsys)
    assert code == 0, err
    gone = [name for name in mine if not (out / name).exists()]
    assert gone == [], f"deleted files footstats never made: {gone}"


@pytest.mark.parametrize(
    "name", [".thesis-20261207.tmp", ".notes-20261207.tmp.txt", ".backup-deadbeef.tmp.csv"]
)
def test_2_report_keeps_hidden_files_that_look_like_its_temporaries(tmp_path, solo, capsys, name):
    """Hidden files of the user whose names look like footstats' temporary files (a date
    stamp such as 20261207 is valid hex) are not leftovers of footstats: they stay."""
    out = tmp_path / "out"
    out.mkdir()
    (out / name).write_text("mine")
    code, _, err = run(["report", solo, "-o", out], capsys)
    assert code == 0, err
    assert (out / name).exists(), f"{name} was deleted as a leftover"


# -- 10. a kill during the move leaves one whole report -----------------------------------------

_KILLED_AT_MOVE = r"""
import os, signal, sys
from pathlib import Path
import footstats
log, out, kill_at = sys.argv[1], Path(sys.argv[2]).resolve(), int(sys.argv[3])
moves = 0
def killing(real):
    def move(src, dst, *args, **kwargs):
        global moves
        if Path(dst).resolve().parent == out and Path(src).resolve().parent != out:
            moves += 1  # one more file moved into the output folder itself
            if moves == kill_at:
                os.kill(os.getpid(), signal.SIGKILL)
        return real(src, dst, *args, **kwargs)
    return move
os.replace, os.rename = killing(os.replace), killing(os.rename)
footstats.write_report(footstats.read_log(log), out)
"""


def _which_log(folder: Path) -> dict[str, str]:
    """For each text table of a report, the log it was made from ('old' or 'new')."""
    found = {}
    for name in ("frequency.csv", "sets.csv", "pain.csv", "summary.json"):
        text = (folder / name).read_text()
        found[name] = "old" if "2026-03-02" in text else "new" if "2026-04-06" in text else "?"
    return found


@pytest.mark.parametrize("kill_at", [2, 3])
def test_10_sigkill_during_the_move_leaves_the_old_or_the_new_report(tmp_path, kill_at):
    """A report is replaced whole: a SIGKILL while the staged files are moved into the
    output folder leaves the previous report or the new one, never a mix of the two."""
    old, new = tmp_path / "old.csv", tmp_path / "new.csv"
    old.write_text(SOLO)
    new.write_text(NEW_SOLO)
    out = tmp_path / "out"
    footstats.write_report(footstats.read_log(old), out)
    assert set(_which_log(out).values()) == {"old"}
    run = subprocess.run(
        [sys.executable, "-c", _KILLED_AT_MOVE, str(new), str(out), str(kill_at)],
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert run.returncode in (0, -9), run.stderr
    sources = _which_log(out)
    assert len(set(sources.values())) == 1, f"a mix of two reports: {sources}"


# -- 12. report locks of one user never block another ------------------------------------------


@pytest.fixture
def shared_temp(monkeypatch):
    """A folder every user can traverse, holding a log every user can read, after one
    report written by the current user (its imports done before any fork), and a temporary
    folder like /tmp (sticky, every user writes) that is tempfile's from then on."""
    with open_folder() as folder:
        log = folder / "log.csv"
        log.write_text(SOLO)
        log.chmod(0o644)
        assert main(["report", str(log), "-o", str(folder / "warm-up")]) == 0
        temp = folder / "tmp"
        temp.mkdir()
        temp.chmod(0o1777)
        monkeypatch.setattr(tempfile, "tempdir", str(temp))
        yield folder


def test_12_one_users_report_does_not_block_another_users_report(shared_temp):
    """Two users of one computer each write a report into their own folder: the first
    one's lock folder in the shared temporary folder must not make the second one's fail
    ("cannot write to OUT: Permission denied")."""
    needs_root_for_two_users()
    log = shared_temp / "log.csv"
    first, second = shared_temp / "first", shared_temp / "second"
    first.mkdir()
    second.mkdir()
    give(first, OTHER)
    give(second, NOBODY)

    code, _, err = as_user(lambda: main(["report", str(log), "-o", str(first)]), uid=OTHER)
    assert code == "0", err
    code, _, err = as_user(lambda: main(["report", str(log), "-o", str(second)]), uid=NOBODY)
    assert code == "0", f"the second user's report failed: {err.strip().splitlines()[-1:]}"
    assert (second / "report.pdf").exists()


def test_12_a_lock_that_cannot_be_taken_is_named_in_the_message(shared_temp):
    """When the lock cannot be taken (here: another user made the shared lock folder, as
    any user can with mkdir or touch), the message names the lock, not the output folder,
    which the user can write to."""
    needs_root_for_two_users()
    log = shared_temp / "log.csv"
    assert main(["report", str(log), "-o", str(shared_temp / "root")]) == 0  # root's first
    out = shared_temp / "mine"
    out.mkdir()
    give(out, NOBODY)
    code, _, err = as_user(lambda: main(["report", str(log), "-o", str(out)]), uid=NOBODY)
    if code != "0":  # refused: then say why, naming the lock
        last = err.strip().splitlines()[-1]
        assert "lock" in last, f"the message blames the output folder: {last}"


# -- 13. a private log's report is private too -------------------------------------------------


def test_13_report_of_a_private_log_is_private(tmp_path, solo, capsys):
    """A log only its owner may read (0600) gets outputs only its owner may read: health
    data does not become world-readable in the report folder."""
    solo.chmod(0o600)
    out = tmp_path / "out"
    umask = os.umask(0o022)
    try:
        code, _, err = run(["report", solo, "-o", out, "--format", "png,svg"], capsys)
    finally:
        os.umask(umask)
    assert code == 0, err
    readable = sorted(
        f"{p.relative_to(out)} {oct(p.stat().st_mode & 0o777)}"
        for p in out.rglob("*")
        if p.is_file() and p.stat().st_mode & 0o077
    )
    assert readable == [], f"outputs others can read: {readable[:5]}"


# -- 14. --per-participant never writes outside -o ----------------------------------------------


def test_14_per_participant_does_not_follow_a_symlinked_participants_folder(
    tmp_path, cohort, capsys
):
    """-o DIR is where everything goes: a symbolic link out/participants -> elsewhere is
    not followed (it is refused or replaced), so nothing is written outside DIR."""
    out, elsewhere = tmp_path / "out", tmp_path / "elsewhere"
    out.mkdir()
    elsewhere.mkdir()
    (out / "participants").symlink_to(elsewhere)
    run(["report", cohort, "-o", out, "--per-participant"], capsys)
    written = sorted(str(p.relative_to(elsewhere)) for p in elsewhere.rglob("*"))
    assert written == [], f"written outside -o: {written[:5]}"


# -- 21. devices are refused, not read until memory runs out ------------------------------------


def _limited_memory():
    limit = 3 << 30  # 3 GiB of address space: enough for footstats, not for /dev/zero
    resource.setrlimit(resource.RLIMIT_AS, (limit, limit))


@pytest.mark.parametrize(
    "args",
    [
        ["check", "/dev/zero"],
        ["check", "{log}", "--routine", "/dev/zero"],
        ["check", "{log}", "--map", "/dev/zero"],
        ["report", "{cohort}", "-o", "{out}", "--participants", "/dev/zero"],
    ],
    ids=["log", "routine", "map", "participants"],
)
def test_21_a_device_as_an_input_is_refused(tmp_path, solo, cohort, args):
    """Only regular files (and folders of logs) are read: /dev/zero as the log, the
    routine, the map or the participants table is a usage error (exit 2) naming it, not a
    read until memory runs out."""
    argv = [a.format(log=solo, cohort=cohort, out=tmp_path / "out") for a in args]
    try:
        run = subprocess.run(
            [str(FOOTSTATS), *argv],
            capture_output=True,
            text=True,
            timeout=60,
            preexec_fn=_limited_memory,
        )
    except subprocess.TimeoutExpired:
        pytest.fail("still reading /dev/zero after 60 s")
    assert "MemoryError" not in run.stderr and "Traceback" not in run.stderr, run.stderr[-300:]
    assert run.returncode == 2 and "/dev/zero" in run.stderr


# -- 22. a routine of thousands of exercises: refused or drawn within bounds ---------------------


def test_22_a_routine_of_2000_exercises_is_refused_or_its_charts_are_bounded(tmp_path, capsys):
    """Whatever check accepts, report draws: a 2,000-exercise routine is either refused by
    check (exit 2, with a message) or drawn with charts of bounded size (aggregated past
    N exercises, as cohorts are past 500 participants), not a 1,000-inch figure that
    exhausts memory."""
    lines = ['name = "Big"', "sessions_per_week = [2, 3]"]
    for i in range(2000):
        lines += ["[[exercise]]", f'id = "e{i}"', f'name = "Exercise {i}"', "sets = 2"]
    routine = tmp_path / "big.toml"
    routine.write_text("\n".join(lines) + "\n")
    log = tmp_path / "log.csv"
    log.write_text("date,exercise,sets\n2026-03-02,Exercise 1,2\n")
    code, _, err = run(["check", log, "--routine", routine], capsys)
    if code == 2:  # refused with a message
        assert "exercises" in err
        return
    sizes = {name: sizes.figsize(name, 2000) for name in registry.chart_names()}
    too_big = {name: size for name, size in sizes.items() if max(size) > 60}
    assert too_big == {}, f"charts sized for 2,000 exercises (inches): {too_big}"
