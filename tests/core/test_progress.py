"""Progress bars (footstats.core.progress): shown where someone sees them, never else."""

from __future__ import annotations

import io
import sys
from types import SimpleNamespace

import pytest

import footstats
from footstats.cli import main
from footstats.core import progress as _progress
from footstats.core.progress import progress, progress_shown, tracked


class Terminal(io.StringIO):
    def isatty(self) -> bool:
        return True


class Recorder:
    """Stands for a tqdm bar: what it was asked to show."""

    made: list[Recorder] = []

    def __init__(self, total: int, what: str, unit: str) -> None:
        self.total, self.what, self.unit = total, what, unit
        self.steps: list[int] = []
        self.closed = False
        Recorder.made.append(self)

    def update(self, steps: int) -> None:
        self.steps.append(steps)

    def close(self) -> None:
        self.closed = True


@pytest.fixture
def recorded(monkeypatch):
    Recorder.made = []
    monkeypatch.setattr(_progress, "_bar", Recorder)
    return Recorder.made


def terminal(monkeypatch) -> Terminal:
    """stderr a terminal, from here to the end of the test (pytest's own capture of
    stderr is set again when a test starts: not in a fixture)."""
    stream = Terminal()
    monkeypatch.setattr(sys, "stderr", stream)
    monkeypatch.setattr(_progress, "DELAY", 0)  # shown at once, not after a second
    return stream


def write_folder(folder, files: int) -> None:
    for number in range(files):
        (folder / f"p{number:02d}.csv").write_text(
            f"date,exercise,sets\n2026-03-0{number + 1},Heel raises,2\n"
        )


def test_no_bar_when_stderr_is_not_a_terminal(capsys):
    with progress(3, "reading") as bar:
        bar.advance(3)
    assert not bar.shown
    assert capsys.readouterr().err == ""


def test_a_terminal_gets_a_bar_on_stderr(monkeypatch):
    stream = terminal(monkeypatch)
    with progress(3, "reading") as bar:
        assert bar.shown
        bar.advance(3)
    assert "reading" in stream.getvalue()
    assert "0/3" in stream.getvalue()


def test_quiet_and_one_step_show_no_bar(monkeypatch):
    stream = terminal(monkeypatch)
    with progress_shown(False), progress(3, "reading") as bar:
        bar.advance(3)
    with progress(1, "reading") as one:
        one.advance()
    assert not bar.shown and not one.shown
    assert stream.getvalue() == ""


def test_a_jupyter_kernel_gets_the_notebook_form(monkeypatch):
    class ZMQInteractiveShell:
        pass

    shell = ZMQInteractiveShell()
    monkeypatch.setitem(sys.modules, "IPython", SimpleNamespace(get_ipython=lambda: shell))
    monkeypatch.setitem(sys.modules, "ipykernel", SimpleNamespace())
    assert _progress._where() == "notebook"
    with progress_shown(False):
        assert _progress._where() is None


def test_tracked_advances_once_an_item_and_closes(recorded):
    assert list(tracked("abc", 3, "reports", unit="participant")) == ["a", "b", "c"]
    (bar,) = recorded
    assert (bar.total, bar.what, bar.unit, bar.steps, bar.closed) == (
        3,
        "reports",
        "participant",
        [1, 1, 1],
        True,
    )


def test_a_folder_read_advances_the_bar_by_its_files(tmp_path, recorded):
    write_folder(tmp_path, 3)
    (tmp_path / "p09.csv").write_bytes(b"date,exercise,sets\r\n2026-03-09,Heel raises,2\r\n")
    assert len(footstats.read_logs(tmp_path)) == 4
    (bar,) = recorded
    # three files validated together, then the CRLF file read alone
    assert (bar.total, bar.unit, bar.steps, bar.closed) == (4, "file", [3, 1], True)


def test_the_cli_draws_a_bar_on_a_terminal_and_not_with_quiet(tmp_path, monkeypatch):
    write_folder(tmp_path, 3)
    stream = terminal(monkeypatch)
    assert main(["check", str(tmp_path)]) == 0
    assert "footstats: reading" in stream.getvalue()
    stream.seek(0)
    stream.truncate()
    assert main(["check", "-q", str(tmp_path)]) == 0
    assert "footstats: reading" not in stream.getvalue()
    assert "3 rows loaded" in stream.getvalue()


def test_per_participant_reports_advance_a_bar(tmp_path, recorded):
    log = footstats.read_log(
        io.StringIO(
            "participant,date,exercise,sets\n"
            "a,2026-03-02,Heel raises,2\nb,2026-03-03,Heel raises,2\n"
        )
    )
    footstats.write_report(log, tmp_path / "out", per_participant=True)
    bars = [bar for bar in recorded if bar.unit == "participant"]
    assert [(bar.total, bar.steps, bar.closed) for bar in bars] == [(2, [1, 1], True)]
