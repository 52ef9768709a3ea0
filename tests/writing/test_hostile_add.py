"""Hostile input, second round (issue 26): ``footstats add`` and what it checks with ``check``.

One test or more per point of the issue about adding to a log: a save by another program
overwritten (3), a wrong --encoding (4), the week summary's dates (5), participant ids
in two Unicode forms (7), the decimal comma (8), pain twice on one day (9), an unclosed
quote on the last line (11), private logs' temporary files (13), escape sequences from a
routine (16), a read-only log, a note with a line break and six writers at once (23).

They drive the command line (``footstats.cli.main``) and the public API
(``footstats.plan_append``); the faults are injected through the standard library
(``os.fsync``, ``os.open``) or filelock, never through a private footstats module. Every
test here failed on main at a7301b7 (see the notes of issue 26).
"""

from __future__ import annotations

import contextlib
import os
import threading
import unicodedata
from pathlib import Path

import filelock
import pytest
from _other_user import NOBODY, as_user, give, open_folder

import footstats
from footstats.cli import main

LOG = "date,exercise,sets,pain_back,notes\n2026-03-02,Heel raises,2,5,ok\n"
ROW = {"date": "2026-03-04", "exercise": "Heel raises", "sets": 3}
ADD = ["--date", "2026-03-04", "--exercise", "Heel raises", "--sets", "2"]


def run(argv, capsys) -> tuple[object, str, str]:
    """``footstats ARGV`` in this process: its exit code (or the exception it raised, as a
    user sees a traceback), stdout and stderr."""
    try:
        code = main([str(a) for a in argv])
    except SystemExit as exc:
        code = exc.code
    except Exception as exc:  # a traceback for the user: exit 1, "nothing written"
        code = f"raised {type(exc).__name__}: {exc}"
    out, err = capsys.readouterr()
    return code, out, err


@pytest.fixture
def log(tmp_path) -> Path:
    path = tmp_path / "log.csv"
    path.write_text(LOG)
    return path


# -- 3. a save by another program is never overwritten --------------------------------------


def test_3_a_save_landing_during_the_fsync_is_not_overwritten(log, monkeypatch):
    """ "If the file changed since it was read, nothing is written": also when another
    program saves the log while footstats flushes its new copy to disk (the fsync of a
    multi-MB log on a slow disk), just before the rename. The comparison must come after
    the flush, under the lock, right before the rename (or the write is refused)."""
    plan = footstats.plan_append(log, [ROW])
    theirs = LOG + "2026-03-05,Toe walking,6,,saved from a spreadsheet\n"
    real_fsync = os.fsync
    saved = []

    def slow_fsync(fd):
        name = Path(os.readlink(f"/proc/self/fd/{fd}")).name
        if not saved and name.startswith(".") and name != log.name:  # footstats' new copy
            log.write_text(theirs)  # the other program's save lands meanwhile
            saved.append(name)
        return real_fsync(fd)

    monkeypatch.setattr(os, "fsync", slow_fsync)
    try:
        plan.write()
    except footstats.AppendError as exc:
        assert "changed since it was read" in str(exc)
    assert saved, "no flush of a new copy was seen"
    assert log.read_text() == theirs, "the other program's save was overwritten"


# -- 4. an --encoding that does not fit the log is refused -----------------------------------


def test_4_add_refuses_an_encoding_that_does_not_fit_the_existing_bytes(tmp_path, capsys):
    """Appending never makes the log unreadable: --encoding cp1252 on a UTF-8 log (café
    written as UTF-8) is refused, instead of adding a cp1252 row after UTF-8 ones."""
    path = tmp_path / "log.csv"
    path.write_text("date,exercise,sets,notes\n2026-03-02,Heel raises,2,café\n", "utf-8")
    before = path.read_bytes()
    code, _, err = run(["add", path, *ADD, "--notes", "crème", "--encoding", "cp1252"], capsys)
    assert path.read_bytes() == before, "a cp1252 row was added to a UTF-8 log"
    assert code == 2 and "cp1252" in err
    assert footstats.validate_log(path).ok


# -- 5. the week summary reads the date as the row was read ---------------------------------


def test_5_add_with_a_date_format_exits_0_once_written(tmp_path, capsys):
    """Exit 1 means "nothing written": once the row is written, add exits 0 and its week
    summary reads --date with the log's --date-format (%Y.%j here), so a retry never doubles
    the row."""
    path = tmp_path / "log.csv"
    path.write_text("date,exercise,sets\n2026.061,Heel raises,2\n")
    argv = ["add", path, "--date", "2026.063", "--exercise", "Heel raises", "--sets", "2"]
    code, out, _ = run([*argv, "--date-format", "%Y.%j"], capsys)
    assert path.read_text().count("2026.063") == 1
    assert code == 0, f"the row was written, yet: {code}"
    assert "week of Mon 2 Mar 2026" in out  # day 63 of 2026 is Wednesday 4 March


def test_5_add_dayfirst_reports_the_week_of_the_date_as_read(tmp_path, capsys):
    """With --dayfirst, 09/03/2026 is 9 March: the week summary is about the week of
    Monday 9 March, not of 3 September."""
    path = tmp_path / "log.csv"
    path.write_text("date,exercise,sets\n02/03/2026,Heel raises,2\n")
    argv = ["add", path, "--date", "09/03/2026", "--exercise", "Heel raises", "--sets", "2"]
    code, out, _ = run([*argv, "--dayfirst"], capsys)
    assert code == 0
    assert "week of Mon 9 Mar 2026" in out, out.splitlines()[-1]


# -- 7. one participant, however the id's accents were typed ---------------------------------


def test_7_participant_ids_differing_only_in_unicode_form_are_one_person(tmp_path):
    """José typed as one character é (NFC) or as e + combining accent (NFD) is one
    participant with all their sessions (or, at least, a warning says the ids look alike)."""
    nfc, nfd = unicodedata.normalize("NFC", "José"), unicodedata.normalize("NFD", "José")
    path = tmp_path / "cohort.csv"
    path.write_text(
        "participant,date,exercise,sets\n"
        f"{nfc},2026-03-02,Heel raises,2\n{nfd},2026-03-04,Heel raises,2\n",
        "utf-8",
    )
    loaded = footstats.validate_log(path)
    people = loaded.log["participant"].nunique()
    warned = loaded.problems["message"].str.contains("Unicode|normali|look alike", regex=True)
    assert people == 1 or warned.any(), "José counted as two people, with no word"


# -- 8. the log's own decimal comma ---------------------------------------------------------


def test_8_add_writes_a_decimal_comma_in_a_decimal_comma_log(tmp_path, capsys):
    """The file keeps its format, decimal comma included: --minutes 30.5 from the command
    line is written 30,5 in a log that writes 12,5."""
    path = tmp_path / "log.csv"
    path.write_text("date;exercise;sets;minutes\n2026-03-02;Heel raises;2;12,5\n")
    code, _, err = run(["add", path, *ADD, "--minutes", "30.5"], capsys)
    assert code == 0, err
    assert path.read_text().splitlines()[-1] == "2026-03-04;Heel raises;2;30,5"


# -- 9. one pain value per site per calendar day ---------------------------------------------

TIMED = "date,exercise,sets,pain_back\n2026-03-02 07:00,Heel raises,2,3\n"


def test_9_two_pain_values_on_one_day_with_times_are_an_error(tmp_path, capsys):
    """One pain value per site per session, and a session is a calendar day: 3 at 07:00
    and 7 at 18:00 on 2 March contradict each other (FS307), as they do without times."""
    path = tmp_path / "log.csv"
    path.write_text(TIMED + "2026-03-02 18:00,Heel raises,2,7\n")
    code, out, _ = run(["check", path], capsys)
    assert code == 1
    assert "log.csv:3:pain_back: error: 7 here but 3 on line 2" in out


def test_9_add_refuses_a_second_pain_value_later_the_same_day(tmp_path, capsys):
    """add checks the new row against the same day earlier in the file: a different back
    pain at 18:00 is refused, nothing written."""
    path = tmp_path / "log.csv"
    path.write_text(TIMED)
    argv = ["add", path, "--date", "2026-03-02 18:00", "--exercise", "Heel raises", "--sets"]
    code, _, _ = run([*argv, "2", "--pain-back", "7"], capsys)
    assert code == 1
    assert path.read_text() == TIMED


# -- 11. an unclosed quote on the last line --------------------------------------------------


@pytest.mark.parametrize("end", ["\n", ""], ids=["line-break", "no-line-break"])
def test_11_check_reports_an_unclosed_quote_on_the_last_line(tmp_path, capsys, end):
    """check and add agree: the quote opened on the last line and never closed is FS011
    there, as it is anywhere else (add already refuses the log because of it)."""
    path = tmp_path / "log.csv"
    path.write_text(
        "date,exercise,sets,notes\n2026-03-02,Heel raises,2,ok\n"
        f'2026-03-04,Heel raises,2,"tired{end}'
    )
    code, out, _ = run(["check", path], capsys)
    assert code == 1
    assert "log.csv:3:-: error:" in out and "[FS011]" in out


# -- 13. a private log's temporary copy is private -------------------------------------------


def test_13_the_temporary_copy_of_a_private_log_is_private(log, monkeypatch):
    """A private log (0600) never has a copy others can read, not even for a moment: the
    hidden temporary file add writes (and a SIGKILL may leave behind) is created 0600."""
    log.chmod(0o600)
    plan = footstats.plan_append(log, [ROW])
    real_open = os.open
    created = {}

    def recording_open(path, flags, *args, **kwargs):
        fd = real_open(path, flags, *args, **kwargs)
        where = Path(os.fsdecode(path))
        if flags & os.O_CREAT and where.parent == log.parent and where.suffix != ".lock":
            created[where.name] = os.fstat(fd).st_mode & 0o777
        return fd

    monkeypatch.setattr(os, "open", recording_open)
    umask = os.umask(0o022)
    try:
        plan.write()
    finally:
        os.umask(umask)
    assert created, "no temporary file was seen being created"
    readable = {name: oct(mode) for name, mode in created.items() if mode & 0o077}
    assert readable == {}, f"created readable by others: {readable}"
    assert log.stat().st_mode & 0o777 == 0o600


# -- 16. terminal escapes from a routine are not printed raw --------------------------------

ESCAPING_ROUTINE = """\
name = "Routine"
sessions_per_week = [2, 3]
[[exercise]]
id = "a"
name = "Heel \\u001b[2J\\u001b]0;pwned\\u0007raises"
sets = 2
"""


def test_16_add_never_prints_raw_terminal_escapes(tmp_path, capsys):
    """What add prints is text: an exercise name from a routine file holding escape
    sequences (clear the screen, set the window title) is printed escaped, not sent raw
    to the terminal."""
    routine = tmp_path / "routine.toml"
    routine.write_text(ESCAPING_ROUTINE)
    path = tmp_path / "log.csv"
    argv = ["add", path, "--session", "--yes", "--date", "2026-03-02", "--routine", routine]
    code, out, err = run(argv, capsys)
    assert code == 0, err
    assert "\x1b" not in out + err and "\x07" not in out + err


# -- 23. smaller holes of add ----------------------------------------------------------------


def test_23_a_read_only_log_is_named_not_its_folder(capsys):
    """A read-only log in a writable folder: add says the log is read-only (and writes
    nothing), instead of blaming the folder ("permission denied in the folder")."""
    with open_folder() as folder:
        warm = folder / "warm.csv"
        warm.write_text(LOG)
        assert main(["add", str(warm), *ADD]) == 0  # its imports, before the fork
        capsys.readouterr()
        mine = folder / "mine"
        mine.mkdir()
        give(mine, NOBODY)
        path = mine / "log.csv"
        path.write_text(LOG)
        give(path, NOBODY)
        path.chmod(0o444)
        code, _, err = as_user(lambda: main(["add", str(path), *ADD]))
    assert "in the folder" not in err, err.strip().splitlines()[-1]
    if code != "0":
        assert "read-only" in err


def test_23_a_lock_file_another_user_left_is_named_not_the_folder(capsys):
    """The log's lock file .LOG.lock, made by another user and not writable by this one,
    is what add names (it blamed the folder, which this user may write to)."""
    with open_folder() as folder:
        warm = folder / "warm.csv"
        warm.write_text(LOG)
        assert main(["add", str(warm), *ADD]) == 0  # its imports, before the fork
        capsys.readouterr()
        mine = folder / "mine"
        mine.mkdir()
        give(mine, NOBODY)
        path = mine / "log.csv"
        path.write_text(LOG)
        give(path, NOBODY)
        lock = mine / ".log.csv.lock"
        lock.write_text("")
        lock.chmod(0o444)  # another user's (root's, when root), or read-only
        code, _, err = as_user(lambda: main(["add", str(path), *ADD]))
        assert path.read_text() == LOG
    assert code == "2"
    assert f"permission denied on its lock file {lock}" in err, err


def test_23_a_note_with_a_line_break_is_one_row(log, capsys):
    """One row whose note holds a line break is "Added 1 row (lines 3-4)", not 2 rows."""
    code, out, err = run(["add", log, *ADD, "--notes", "first\nsecond"], capsys)
    assert code == 0, err
    assert out.startswith("Added 1 row (lines 3-4)"), out.splitlines()[0]


def test_23_six_adds_at_once_take_turns(log, monkeypatch, capsys):
    """ "Two footstats writers take turns": six `footstats add` runs started together all
    add their row (the command line plans and writes under one lock, as append_rows does),
    none fails with "changed since it was read".

    To make the worst interleaving certain, every run waits at its first lock until all six
    are there (today: after each planned on the same file)."""
    arrived = threading.Barrier(6, timeout=15)
    seen: set[int] = set()
    real_acquire = filelock.FileLock.acquire

    def acquire(self, *args, **kwargs):
        if threading.get_ident() not in seen:
            seen.add(threading.get_ident())
            with contextlib.suppress(threading.BrokenBarrierError):
                arrived.wait()
        return real_acquire(self, *args, **kwargs)

    monkeypatch.setattr(filelock.FileLock, "acquire", acquire)
    codes: dict[int, object] = {}

    def add(n):
        argv = ["add", str(log), *ADD[:-1], "2", "--notes", f"writer {n}"]
        try:
            codes[n] = main(argv)
        except BaseException as exc:
            codes[n] = f"raised {exc!r}"

    writers = [threading.Thread(target=add, args=(n,)) for n in range(6)]
    for writer in writers:
        writer.start()
    for writer in writers:
        writer.join(60)
    err = capsys.readouterr().err
    assert codes == dict.fromkeys(range(6), 0), err.strip().splitlines()[-3:]
    assert sorted(line.split(",")[-1] for line in log.read_text().splitlines()[2:]) == [
        f"writer {n}" for n in range(6)
    ]
