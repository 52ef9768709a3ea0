"""A reader that leaves (``footstats ... | head``): no traceback, and ``add``'s exit code
still says the rows were written (0), as a retry after 1 would add them twice."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
FOOTSTATS = Path(sys.executable).with_name("footstats")


def _piped_to_a_reader_that_leaves(args: list[str], cwd: Path) -> tuple[int, str]:
    """Run footstats with stdout a pipe closed before anything is read."""
    process = subprocess.Popen(
        [str(FOOTSTATS), *args], cwd=cwd, stdout=subprocess.PIPE, stderr=subprocess.PIPE
    )
    assert process.stdout is not None and process.stderr is not None
    process.stdout.close()  # `| head -0`: the reader is gone before the first line
    error = process.stderr.read().decode()
    return process.wait(), error


def test_add_piped_to_head_exits_0_once_the_row_is_written(tmp_path):
    log = tmp_path / "foot_log.csv"
    log.write_bytes((ROOT / "sample_data" / "foot_log.csv").read_bytes())
    before = log.read_text()
    code, error = _piped_to_a_reader_that_leaves(
        ["add", str(log), "--date", "2026-06-21", "--exercise", "Toe walking", "--sets", "6"],
        tmp_path,
    )
    # before: a BrokenPipeError traceback and exit 1, which means "nothing was written"
    assert (code, error) == (0, "")
    assert log.read_text() == before + "2026-06-21,Toe walking,6,,,,,,,,\n"


def test_check_piped_to_head_ends_quietly(tmp_path):
    log = tmp_path / "bad.csv"
    log.write_text("date,exercise,sets\n" + "2026-03-02,Toe walking,x\n" * 50)
    code, error = _piped_to_a_reader_that_leaves(["check", str(log)], tmp_path)
    assert code == 141 and "Traceback" not in error
