"""The report folder's transaction (footstats.report.folder), with small fake reports.

A "report" here is a few text files written by a function, so that a writer can be killed
at every single step of the switch (each rename, link, removal) in a forked child in a few
milliseconds, and what every visible name shows afterwards checked: the whole previous
report or the whole new one, never a mix. The real reports' faults are in
tests/writing/test_faults.py.
"""

from __future__ import annotations

import errno
import json
import os
import signal
import subprocess
import time
from contextlib import suppress
from pathlib import Path

import pytest

from footstats.report import folder as transaction
from footstats.report.folder import Permissions, write_staged

OLD = ("a.csv", "b.csv", "c.csv", "participants/p1/x.csv", "participants/p2/x.csv")
NEW = ("a.csv", "b.csv", "d.csv", "participants/p1/x.csv", "participants/p3/x.csv")
KEPT_IN_CHILD = ("replace", "symlink", "link", "unlink", "rmdir", "mkdir")


def writer(names, text):
    """A fake report: ``names`` holding ``text``."""

    def write(staging: Path) -> list[Path]:
        written = []
        for name in names:
            path = staging / name
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_text(text)
            written.append(path)
        return written

    return write


def shown(folder: Path, names=OLD + NEW) -> dict[str, str]:
    """What each report name shows in ``folder`` (through links; a dangling link or a
    missing file shows nothing)."""
    seen = {}
    for name in dict.fromkeys(names):
        with suppress(OSError):
            seen[name] = (folder / name).read_text()
    return seen


def killed_at(folder: Path, step: int) -> tuple[int, int]:
    """Write the NEW report into ``folder`` in a forked child that SIGKILLs itself at its
    ``step``-th file-system change (0: never); its wait status and the changes counted."""
    read_end, write_end = os.pipe()
    pid = os.fork()
    if pid == 0:  # the child: it ends here, whatever happens
        calls = 0
        try:
            os.close(read_end)

            def counting(real):
                def call(*args, **kwargs):
                    nonlocal calls
                    calls += 1
                    if calls == step:
                        os.kill(os.getpid(), signal.SIGKILL)
                    return real(*args, **kwargs)

                return call

            for name in KEPT_IN_CHILD:
                setattr(os, name, counting(getattr(os, name)))
            write_staged(folder, writer(NEW, "new"), whole=True)
        finally:
            os.write(write_end, str(calls).encode())
            os._exit(0)
    os.close(write_end)
    deadline = time.monotonic() + 30
    while True:
        done, status = os.waitpid(pid, os.WNOHANG)
        if done:
            break
        if time.monotonic() > deadline:
            os.kill(pid, signal.SIGKILL)  # the child started here, by its PID
            os.waitpid(pid, 0)
            pytest.fail("the child hung")
        time.sleep(0.002)
    with os.fdopen(read_end, "rb") as pipe:
        calls = pipe.read().decode() or "0"
    return status, int(calls)


def copy(source: Path, target: Path) -> Path:
    """A copy of a report folder keeping its links and hard links (``cp -a``)."""
    subprocess.run(["cp", "-a", str(source), str(target)], check=True)
    return target


def hidden(folder: Path) -> list[str]:
    return sorted(p.name for p in folder.iterdir() if p.name.startswith("."))


@pytest.fixture
def old_report(tmp_path) -> Path:
    folder = tmp_path / "old"
    folder.mkdir()
    write_staged(folder, writer(OLD, "old"), whole=True)
    return folder


def test_a_kill_at_any_step_of_the_switch_leaves_the_old_or_the_new_report(tmp_path, old_report):
    """Issue 26, point 10: a SIGKILL at each file-system change of the switch (the links
    made, the one rename, the hard links, the removals) leaves every name showing the old
    report, or every name showing the new one; the next report cleans up whatever was left."""
    old = shown(old_report)
    assert old == dict.fromkeys(OLD, "old")
    status, steps = killed_at(copy(old_report, tmp_path / "whole"), 0)
    assert status == 0 and steps > 20
    new = shown(tmp_path / "whole")
    assert new == dict.fromkeys(NEW, "new")
    outcomes = set()
    for step in range(1, steps + 1):
        folder = copy(old_report, tmp_path / f"step{step}")
        status, _ = killed_at(folder, step)
        assert os.WIFSIGNALED(status) and os.WTERMSIG(status) == signal.SIGKILL, step
        now = shown(folder)
        assert now in (old, new), f"killed at step {step} of {steps}: a mix {now}"
        outcomes.add("old" if now == old else "new")
        # the next report leaves exactly what a report leaves, nothing of the killed run
        write_staged(folder, writer(NEW, "again"), whole=True)
        assert shown(folder) == dict.fromkeys(NEW, "again"), step
        assert len(hidden(folder)) == 3, (step, hidden(folder))  # lock, link, its folder
        # (an empty folder may stay, when the kill came between its last file and it)
        assert not list((folder / "participants").glob("p2/*")), step
    assert outcomes == {"old", "new"}


def test_the_visible_files_are_ordinary_files_sharing_the_hidden_ones(old_report):
    """At rest, a report's files are ordinary files (hard links of the hidden folder's),
    not links: copied one by one (to a USB stick, by e-mail) they are whole."""
    for name in OLD:
        visible = old_report / name
        assert visible.is_file() and not visible.is_symlink()
        assert visible.stat().st_nlink == 2
    assert hidden(old_report) == sorted(
        [
            ".footstats-report",
            ".footstats-report.lock",
            os.readlink(old_report / ".footstats-report"),
        ]
    )


def test_only_files_the_last_report_wrote_are_removed(old_report):
    """A full report removes the previous report's files it does not write, when they
    are still the files footstats wrote; a file of yours is never removed, whatever its
    name (issue 26, point 2)."""
    (old_report / "c.csv").unlink()
    (old_report / "c.csv").write_text("mine now")  # saved over footstats' c.csv
    (old_report / "participants" / "p2" / "notes.txt").write_text("mine")
    (old_report / "e.csv").write_text("mine, a name no report wrote")
    write_staged(old_report, writer(NEW, "new"), whole=True)
    assert (old_report / "c.csv").read_text() == "mine now"
    assert (old_report / "e.csv").exists()
    assert sorted(p.name for p in (old_report / "participants" / "p2").iterdir()) == ["notes.txt"]
    assert shown(old_report, NEW) == dict.fromkeys(NEW, "new")


def test_an_export_keeps_the_other_files_of_the_report(old_report):
    """``export_tables`` and ``export_charts`` (``whole=False``) replace their own files
    and keep the rest of the report, also for the next full report to remove."""
    write_staged(old_report, writer(["a.csv", "d.csv"], "export"), whole=False)
    assert shown(old_report) == {
        **dict.fromkeys(OLD, "old"),
        "a.csv": "export",
        "d.csv": "export",
    }
    write_staged(old_report, writer(["a.csv"], "whole"), whole=True)
    assert shown(old_report) == {"a.csv": "whole"}
    assert not (old_report / "participants").exists()


def test_a_symbolic_link_where_a_folder_is_written_is_refused(tmp_path, old_report):
    """Issue 26, point 14: nothing is written through a link below the output folder."""
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    (old_report / "participants" / "p3").symlink_to(elsewhere)
    with pytest.raises(ValueError, match=r"refusing to write into .*p3: it is a symbolic link"):
        write_staged(old_report, writer(NEW, "new"), whole=True)
    assert list(elsewhere.iterdir()) == []
    assert shown(old_report, OLD) == dict.fromkeys(OLD, "old")


def test_an_input_is_never_written_over_nor_removed(tmp_path, old_report):
    """Issue 26, point 1: a report that would write over one of its inputs is refused
    before anything changes, and an earlier report's file that is now an input stays."""
    table = old_report / "b.csv"
    with pytest.raises(ValueError, match="b.csv: it is an input of this report"):
        write_staged(old_report, writer(NEW, "new"), whole=True, inputs=[table])
    assert shown(old_report, OLD) == dict.fromkeys(OLD, "old")
    c_table = old_report / "c.csv"  # written by the old report, read by the new one
    write_staged(old_report, writer(NEW, "new"), whole=True, inputs=[c_table])
    assert c_table.read_text() == "old" and not c_table.is_symlink()


def test_outputs_have_no_more_permissions_than_the_inputs(tmp_path):
    """Issue 26, point 13: a private input (0600) gives private files and folders, the
    staging folder included while it is written; 0644 gives 0644 and 0755."""
    private, shared = tmp_path / "private.csv", tmp_path / "shared.csv"
    private.write_text("x")
    shared.write_text("x")
    private.chmod(0o600)
    shared.chmod(0o644)
    assert Permissions.of([private]) == Permissions(files=0o600, folders=0o700)
    assert Permissions.of([shared]) == Permissions(files=0o644, folders=0o755)
    assert Permissions.of([shared, private]) == Permissions(files=0o600, folders=0o700)
    out = tmp_path / "out"
    out.mkdir()
    seen = []

    def write(staging: Path) -> list[Path]:
        seen.append(staging.stat().st_mode & 0o777)
        return writer(NEW, "new")(staging)

    umask = os.umask(0o022)
    try:
        write_staged(out, write, whole=True, permissions=Permissions.of([private]))
    finally:
        os.umask(umask)
    assert seen == [0o700]
    modes = {str(p.relative_to(out)): p.lstat().st_mode & 0o777 for p in out.rglob("*")}
    loose = {name: oct(mode) for name, mode in modes.items() if mode & 0o077}
    assert loose == {".footstats-report": oct(0o777)}  # the link's own bits mean nothing


def test_where_links_do_not_work_the_files_are_moved_and_listed(old_report, monkeypatch):
    """On FAT or exFAT (no links) the files are moved one by one, the report's files are
    listed in .footstats-report.json, and only those are ever removed."""
    folder = old_report.parent / "fat"
    folder.mkdir()

    def no_links(*args, **kwargs):
        raise OSError(errno.EPERM, "Operation not permitted")

    monkeypatch.setattr(os, "link", no_links)
    monkeypatch.setattr(os, "symlink", no_links)
    write_staged(folder, writer(OLD, "old"), whole=True)
    listed = json.loads((folder / ".footstats-report.json").read_text())["files"]
    assert sorted(listed) == sorted(OLD)
    (folder / "c.csv").write_text("mine now")  # saved over footstats' c.csv: yours
    write_staged(folder, writer(NEW, "new"), whole=True)
    assert shown(folder) == {**dict.fromkeys(NEW, "new"), "c.csv": "mine now"}
    assert not (folder / "participants" / "p2").exists()
    assert hidden(folder) == [".footstats-report.json", ".footstats-report.lock"]


def test_a_lock_that_cannot_be_taken_names_the_lock(tmp_path):
    """Issue 26, point 12: the message of a lock that cannot be made names the lock."""
    out = tmp_path / "out"
    out.mkdir()
    (out / ".footstats-report.lock").mkdir()  # not a file: it cannot be opened
    with pytest.raises(OSError, match=r"cannot take the lock .*\.footstats-report\.lock"):
        write_staged(out, writer(NEW, "new"), whole=True)
    assert transaction.lock_path(out) == out / ".footstats-report.lock"
