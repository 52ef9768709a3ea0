"""Tests of the ``footstats`` command line (footstats.cli): ``check``, ``--version``, ``--help``.

Contract (DESIGN.md): ``footstats check LOG`` exits 0 when the log is valid (warnings
allowed), 1 when it has errors, 2 on a usage or I/O error, and prints one problem a line
as ``FILE:LINE:COLUMN: severity: message``.
"""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

import pytest

import footstats
from footstats.cli import main

LOGS = Path(__file__).parent / "data" / "logs"
FOOTSTATS = Path(sys.executable).parent / "footstats"
BAD_LINE = "cli_bad.csv:14:Pain Back: error: 11 is outside 0–10 (pain is a 0–10 rating)"
PROBLEM = re.compile(
    r"^(?P<file>.+?):(?P<line>\d+|-):(?P<column>[^:]+): "
    r"(?P<severity>error|warning|notice): (?P<message>.+)$"
)


def run(argv, capsys) -> tuple[int, str, str]:
    """Exit code, stdout and stderr of ``footstats ARGV`` run in this process."""
    try:
        code = main(argv)
    except SystemExit as exc:  # argparse exits by itself for --help, --version, bad usage
        code = exc.code
    out, err = capsys.readouterr()
    return code, out, err


def problem_lines(output: str) -> list[str]:
    return [line for line in output.splitlines() if PROBLEM.match(line)]


@pytest.fixture
def in_logs(monkeypatch):
    """Run from the fixtures folder, so FILE is printed as the bare name given."""
    monkeypatch.chdir(LOGS)


def test_good_log_exits_0_and_prints_no_problem(in_logs, capsys):
    code, out, err = run(["check", "cli_good.csv"], capsys)
    assert code == 0
    assert problem_lines(out + err) == []
    assert "Traceback" not in err


def test_bad_log_exits_1_with_the_exact_problem_line(in_logs, capsys):
    code, out, err = run(["check", "cli_bad.csv"], capsys)
    assert code == 1
    assert problem_lines(out + err) == [BAD_LINE]


def test_problem_line_format_for_several_problems(tmp_path, monkeypatch, capsys):
    monkeypatch.chdir(tmp_path)
    Path("log.csv").write_text(
        "date,Exercise,sets,Side\n"
        "2026-03-02,Heel raises,2,L\n"
        '2026-03-03,Heel raises,2,"up"\n'
        "2026-03-04,Heel rises,2,R\n"
        "2026-03-05,Heel raises,2,R,extra\n",
        encoding="utf-8",
    )
    code, out, err = run(["check", "log.csv"], capsys)
    assert code == 1
    found = [
        PROBLEM.match(line).group("file", "line", "column", "severity")
        for line in problem_lines(out + err)
    ]
    assert ("log.csv", "3", "Side", "error") in found  # COLUMN is the header as written
    assert ("log.csv", "4", "Exercise", "warning") in found
    assert ("log.csv", "5", "-", "error") in found  # a whole-line problem
    assert len([f for f in found if f[3] == "error"]) == 2


def test_warnings_only_exit_0(tmp_path, capsys):
    log = tmp_path / "log.csv"
    log.write_text("date,exercise,sets\n2026-03-02,Yoga,1\n", encoding="utf-8")
    code, out, err = run(["check", str(log)], capsys)
    assert code == 0
    lines = problem_lines(out + err)
    assert len(lines) == 1 and lines[0].startswith(f"{log}:2:exercise: warning: ")


def test_quiet_prints_errors_only(tmp_path, capsys):
    log = tmp_path / "log.csv"
    log.write_text("date,exercise,sets\n2026-03-02,Yoga,1\n2026-03-03,Yoga,x\n", encoding="utf-8")
    code, out, err = run(["check", "--quiet", str(log)], capsys)
    assert code == 1
    assert [PROBLEM.match(line).group("severity") for line in problem_lines(out + err)] == ["error"]


def test_missing_file_exits_2_naming_it(tmp_path, capsys):
    missing = tmp_path / "nope.csv"
    code, out, err = run(["check", str(missing)], capsys)
    assert code == 2
    assert str(missing) in out + err
    assert "Traceback" not in err


def test_bad_routine_file_exits_2(tmp_path, capsys):
    routine = tmp_path / "mine.toml"
    routine.write_text("not toml [", encoding="utf-8")
    code, out, err = run(["check", str(LOGS / "cli_good.csv"), "--program", str(routine)], capsys)
    assert code == 2
    assert "mine.toml" in err


@pytest.mark.parametrize(
    "argv",
    [[], ["check"], ["check", "a.csv", "--no-such-option"], ["frobnicate", "a.csv"]],
)
def test_usage_errors_exit_2(argv, capsys):
    code, out, err = run(argv, capsys)
    assert code == 2
    assert "usage" in err.casefold()


def test_reading_options_reach_the_reader(in_logs, capsys):
    assert run(["check", "dayfirst.csv"], capsys)[0] == 1
    assert run(["check", "dayfirst.csv", "--dayfirst"], capsys)[0] == 0
    assert run(["check", "dayfirst.csv", "--date-format", "%d/%m/%Y"], capsys)[0] == 0
    code, out, err = run(["check", "cp1252.csv"], capsys)
    assert code == 1
    assert problem_lines(out + err)[0].startswith("cp1252.csv:2:-: error: byte 0xE9 is not UTF-8")
    assert run(["check", "cp1252.csv", "--encoding", "cp1252"], capsys)[0] == 0


def test_messy_export_is_valid_with_notices(in_logs, capsys):
    code, out, err = run(["check", "messy_european.csv"], capsys)
    assert code == 0
    severities = {PROBLEM.match(line).group("severity") for line in problem_lines(out + err)}
    assert severities == {"notice"}
    assert "messy_european.csv:5:-: notice: " in out + err  # the blank line, by its line


def test_bad_data_never_shows_a_traceback(tmp_path, capsys):
    log = tmp_path / "log.csv"
    log.write_bytes(b"date,exercise,sets\n2026-03-02,Heel raises,99999999999999999999\n")
    code, out, err = run(["check", str(log)], capsys)
    assert code == 1
    assert [line.split(": ")[0] for line in problem_lines(out + err)] == [f"{log}:2:sets"]


def test_version(capsys):
    code, out, err = run(["--version"], capsys)
    assert code == 0
    assert footstats.__version__ in out + err


def test_help_describes_the_log_format(capsys):
    code, out, err = run(["--help"], capsys)
    assert code == 0
    for word in ("check", "CSV", "date", "exercise", "sets", "pain_back"):
        assert word in out


def test_check_help_mentions_the_output_format(capsys):
    code, out, _ = run(["check", "--help"], capsys)
    assert code == 0
    assert "LOG" in out and "--dayfirst" in out and "--encoding" in out


# -- the installed command, as a real process ---------------------------------------------
def footstats_process(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run(
        [str(FOOTSTATS), *args],
        cwd=LOGS,
        capture_output=True,
        text=True,
        encoding="utf-8",
        timeout=60,
        check=False,
    )


def test_installed_command_checks_a_bad_log():
    done = footstats_process("check", "cli_bad.csv")
    assert done.returncode == 1
    assert problem_lines(done.stdout + done.stderr) == [BAD_LINE]
    assert "Traceback" not in done.stderr


def test_installed_command_checks_a_good_log_and_a_missing_one():
    good = footstats_process("check", "cli_good.csv")
    assert good.returncode == 0 and problem_lines(good.stdout + good.stderr) == []
    missing = footstats_process("check", "no_such_log.csv")
    assert missing.returncode == 2 and "no_such_log.csv" in missing.stdout + missing.stderr
