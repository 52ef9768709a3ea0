"""Faults while writing a report: kill, full disk, concurrent writers, interrupt.

The promise: the output folder holds one whole report (the previous one, or the new one),
never a mix; leftovers of a killed run are removed by the next run; Ctrl-C prints a
sentence and exits 130. Logs are tiny so that each test takes seconds.
"""

from __future__ import annotations

import errno
import os
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from filelock import FileLock

import footstats
from footstats.cli import main
from footstats.report import folder as folder_module
from footstats.report import write as report_module
from footstats.report.write import write_report

FOOTSTATS = Path(sys.executable).parent / "footstats"
OLD_LOG = "date,exercise,sets,pain_back\n2026-03-02,Heel raises,2,5\n2026-03-04,Heel raises,3,4\n"
NEW_LOG = "date,exercise,sets,pain_back\n2026-04-06,Toe walking,6,3\n2026-04-08,Toe walking,6,2\n"


def snapshot(folder: Path) -> dict[str, bytes]:
    """Every file in ``folder`` (hidden ones too) and its bytes."""
    return {p.name: p.read_bytes() for p in sorted(folder.iterdir()) if p.is_file()}


def visible(folder: Path) -> dict[str, bytes]:
    return {name: data for name, data in snapshot(folder).items() if not name.startswith(".")}


def current_report(folder: Path) -> str | None:
    """The hidden folder of the report shown in ``folder`` (footstats.report.folder)."""
    link = folder / ".footstats-report"
    return os.readlink(link) if link.is_symlink() else None


def staging_folders(folder: Path) -> list[str]:
    """Hidden report folders of ``folder`` that are not the current report's: a run's
    staging folder, or the leftover of a killed one."""
    return [
        p.name
        for p in folder.iterdir()
        if p.name.startswith(".footstats-report-") and p.name != current_report(folder)
    ]


@pytest.fixture
def logs(tmp_path):
    old, new = tmp_path / "old.csv", tmp_path / "new.csv"
    old.write_text(OLD_LOG)
    new.write_text(NEW_LOG)
    return old, new


@pytest.fixture(scope="module")
def _old_report(tmp_path_factory):
    folder = tmp_path_factory.mktemp("old")
    log = folder / "old.csv"
    log.write_text(OLD_LOG)
    write_report(footstats.read_log(log), folder / "out")
    return folder / "out"


@pytest.fixture
def previous_report(tmp_path, _old_report):
    """An output folder holding a whole report of the old log (made once, copied)."""
    return copy_report(_old_report, tmp_path / "out")


def copy_report(source: Path, target: Path) -> Path:
    """A copy of a report folder as footstats left it: its link to the report's hidden
    folder, and its visible files hard links of the hidden ones (``cp -a`` keeps both)."""
    subprocess.run(["cp", "-a", str(source), str(target)], check=True)
    return target


def start_report(log: Path, out: Path) -> subprocess.Popen:
    """``footstats report`` as started from a terminal: Ctrl-C reaches it.

    A shell starts background jobs with SIGINT ignored, and a child inherits that; so
    when the tests run in the background, the run is started with SIGINT at its default.
    """
    previous = signal.signal(signal.SIGINT, signal.default_int_handler)
    try:
        return subprocess.Popen(
            [str(FOOTSTATS), "report", str(log), "-o", str(out)],
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )
    finally:
        signal.signal(signal.SIGINT, previous)


def wait_for_staging(out: Path, process: subprocess.Popen, timeout: float = 60) -> None:
    """Return once the run has started writing (its staging folder exists)."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if staging_folders(out):
            return
        assert process.poll() is None, process.communicate()
        time.sleep(0.005)
    raise AssertionError("the report never started writing")


def stop_while_writing(log: Path, out: Path, old_report: Path, stop) -> tuple[int, str]:
    """Run a report of ``log`` into ``out`` and ``stop(process)`` once it writes; its exit
    code and stderr.

    On a loaded machine the run may finish between the moment its staging folder is seen
    and the signal (Popen then sends nothing). Such a run stopped nothing: ``out`` is put
    back as it was (a copy of ``old_report``) and the run is tried again, so the test
    always checks a stopped run.
    """
    for _ in range(5):
        process = start_report(log, out)
        wait_for_staging(out, process)
        stop(process)
        _, err = process.communicate(timeout=60)
        if process.returncode != 0:
            return process.returncode, err
        shutil.rmtree(out)
        copy_report(old_report, out)
    raise AssertionError("five runs in a row finished before they could be stopped")


def test_kill_leaves_the_previous_report_and_the_next_run_cleans_up(
    previous_report, logs, _old_report
):
    before = visible(previous_report)
    code, _ = stop_while_writing(logs[1], previous_report, _old_report, subprocess.Popen.kill)
    assert code == -signal.SIGKILL
    assert visible(previous_report) == before  # no partial file, no mix of old and new
    # a killed run's hidden leftovers (staging folder, temporary files) are found ...
    (previous_report / ".summary.footstats-0a1b2c3d.tmp.json").write_text("{")
    assert staging_folders(previous_report)
    # ... and removed by the next run, which writes the new report whole
    write_report(footstats.read_log(logs[1]), previous_report)
    assert staging_folders(previous_report) == []
    assert not (previous_report / ".summary.footstats-0a1b2c3d.tmp.json").exists()
    assert '"2026-04-06"' in (previous_report / "summary.json").read_text()


def test_interrupt_prints_a_sentence_exits_130_and_changes_nothing(
    previous_report, logs, _old_report
):
    before = snapshot(previous_report)
    code, err = stop_while_writing(
        logs[1], previous_report, _old_report, lambda process: process.send_signal(signal.SIGINT)
    )
    assert code == 130
    assert "interrupted; nothing was changed" in err
    assert "Traceback" not in err
    assert snapshot(previous_report) == before


def test_interrupt_in_process_exits_130(tmp_path, logs, capsys, monkeypatch):
    def interrupted(*args, **kwargs):
        raise KeyboardInterrupt

    monkeypatch.setattr(report_module._Report, "write_pdf", interrupted)
    code = main(["report", str(logs[0]), "-o", str(tmp_path / "out")])
    assert code == 130
    *notices, last = capsys.readouterr().err.splitlines()
    assert last == "footstats: interrupted; nothing was changed"
    assert all(": notice: " in line for line in notices)  # e.g. the stale-log notice
    assert visible(tmp_path / "out") == {}


def test_full_disk_is_a_clean_message_and_keeps_the_previous_report(
    previous_report, logs, capsys, monkeypatch
):
    before = snapshot(previous_report)
    real_savefig = report_module._Report.write_charts

    def disk_full(self, folder, formats, dpi):
        real_savefig(self, folder, formats[:1], dpi)  # some files are written, then:
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(report_module._Report, "write_charts", disk_full)
    code = main(["report", str(logs[1]), "-o", str(previous_report)])
    err = capsys.readouterr().err
    assert code == 2
    *notices, last = err.splitlines()
    assert last == f"footstats: cannot write to {previous_report}: No space left on device"
    assert all(": notice: " in line for line in notices)  # e.g. the stale-log notice
    assert snapshot(previous_report) == before  # old report whole, no leftovers


def test_a_second_writer_waits_then_refuses_with_a_message(tmp_path, logs, capsys, monkeypatch):
    out = tmp_path / "out"
    out.mkdir()
    monkeypatch.setattr(folder_module, "LOCK_TIMEOUT", 0.2)
    with FileLock(folder_module.lock_path(out)):
        code = main(["report", str(logs[0]), "-o", str(out)])
    err = capsys.readouterr().err
    assert code == 2
    assert "another footstats report has been writing into it" in err
    assert str(out / ".footstats-report.lock") in err  # the message names the lock
    assert visible(out) == {}


def test_concurrent_writers_leave_one_consistent_report(tmp_path, logs):
    out = tmp_path / "out"
    first, second = start_report(logs[0], out), start_report(logs[1], out)
    for process in (first, second):
        _, err = process.communicate(timeout=120)
        assert process.returncode == 0, err
    summary = (out / "summary.json").read_text()
    pdf = (out / "report.pdf").read_bytes()
    frequency = (out / "frequency.csv").read_text()
    if '"2026-03-02"' in summary:  # the old log's run finished last
        assert b"2 March 2026" in pdf and "2026-03-02" in frequency
    else:
        assert '"2026-04-06"' in summary
        assert b"6 April 2026" in pdf and "2026-04-06" in frequency
    # nothing hidden left but footstats' lock, its link to the report and the report's folder
    hidden = sorted(p.name for p in out.iterdir() if p.name.startswith("."))
    assert hidden == sorted([".footstats-report", current_report(out), ".footstats-report.lock"])


def test_a_full_report_removes_charts_of_a_format_it_did_not_write(tmp_path, logs):
    """Files of an earlier report that this one does not write are removed (here the SVG
    charts of a report with --format png,svg), files of yours are not: a chart you drew
    yourself under a report's name (calendar.svg) stays (issue 26, point 2: only files
    footstats made are removed; before, any report name was)."""
    out = tmp_path / "out"
    write_report(footstats.read_log(logs[0]), out, formats=("png", "svg"))
    assert (out / "frequency.svg").exists()
    (out / "calendar.svg").unlink()
    (out / "calendar.svg").write_text("<svg>mine</svg>")  # yours, under a report's name
    mine = out / "my notes.txt"
    mine.write_text("keep")
    write_report(footstats.read_log(logs[1]), out)
    assert not (out / "frequency.svg").exists()
    assert (out / "calendar.svg").read_text() == "<svg>mine</svg>"
    assert mine.read_text() == "keep"


def test_symlinked_outputs_are_replaced_not_followed(previous_report, logs, tmp_path):
    elsewhere = tmp_path / "elsewhere.json"
    elsewhere.write_text("untouched")
    os.remove(previous_report / "summary.json")
    os.symlink(elsewhere, previous_report / "summary.json")
    write_report(footstats.read_log(logs[1]), previous_report)
    assert elsewhere.read_text() == "untouched"
    assert not (previous_report / "summary.json").is_symlink()


# -- the lock of every writer, its file, and the personal reports of an earlier cohort ---------

COHORT_LOG = (
    "participant,date,exercise,sets,pain_back\n"
    "p1,2026-03-02,Heel raises,2,5\n"
    "p2,2026-03-04,Heel raises,3,4\n"
)


def test_export_report_waits_for_the_folder_lock_as_report_does(tmp_path, logs, monkeypatch):
    out = tmp_path / "out"
    out.mkdir()
    monkeypatch.setattr(folder_module, "LOCK_TIMEOUT", 0.2)
    with FileLock(folder_module.lock_path(out)), pytest.raises(OSError) as refused:
        footstats.export_report(footstats.read_log(logs[0]), out / "report.pdf")
    assert refused.value.errno == errno.EBUSY
    assert isinstance(refused.value, footstats.ExportError)
    assert "another footstats report has been writing into it" in str(refused.value)
    assert [p.name for p in out.iterdir()] == [".footstats-report.lock"]
    # once the other writer is done, the PDF is written
    footstats.export_report(footstats.read_log(logs[0]), out / "report.pdf")
    assert (out / "report.pdf").read_bytes().startswith(b"%PDF")


def test_the_lock_is_a_hidden_file_of_the_output_folder_kept_after_the_report(
    tmp_path, logs, monkeypatch
):
    """Each output folder has its own lock, DIR/.footstats-report.lock, which every user
    writing there shares; nothing goes into the temporary folder (issue 26, point 12: the
    shared footstats-report-locks folder there, made by one user, blocked every other)."""
    temporary = tmp_path / "tmp"
    temporary.mkdir()
    monkeypatch.setattr("tempfile.tempdir", str(temporary))
    log = footstats.read_log(logs[0])
    write_report(log, tmp_path / "a")
    write_report(log, tmp_path / "b")
    footstats.export_report(log, tmp_path / "a" / "again.pdf")  # the lock of folder a again
    assert list(temporary.iterdir()) == []
    for folder in "ab":
        lock = folder_module.lock_path(tmp_path / folder)
        assert lock == tmp_path / folder / ".footstats-report.lock"
        assert lock.is_file() and lock.stat().st_size == 0


def test_a_personal_report_removes_the_personal_reports_of_an_earlier_cohort(tmp_path, logs):
    out = tmp_path / "out"
    write_report(footstats.read_log(COHORT_LOG.encode()), out, per_participant=True)
    assert (out / "participants" / "p2" / "report.pdf").exists()
    write_report(footstats.read_log(logs[1]), out)
    assert not (out / "participants").exists()
    assert not (out / "participants.csv").exists()
    assert '"2026-04-06"' in (out / "summary.json").read_text()


def test_a_cohort_report_removes_personal_reports_it_did_not_write_and_keeps_other_files(
    tmp_path,
):
    out = tmp_path / "out"
    write_report(footstats.read_log(COHORT_LOG.encode()), out, per_participant=True)
    mine = out / "participants" / "p2" / "my notes.txt"
    mine.write_text("keep")
    only_p1 = COHORT_LOG.rsplit("p2,", 1)[0]
    write_report(footstats.read_log(only_p1.encode()), out, per_participant=True)
    assert sorted(p.name for p in (out / "participants").iterdir()) == ["p1", "p2"]
    assert [p.name for p in (out / "participants" / "p2").iterdir()] == ["my notes.txt"]
    assert (out / "participants" / "p1" / "report.pdf").exists()
    # without --per-participant, p1's personal report is stale too; the user's file stays
    write_report(footstats.read_log(only_p1.encode()), out)
    assert not (out / "participants" / "p1").exists()
    assert mine.read_text() == "keep"
