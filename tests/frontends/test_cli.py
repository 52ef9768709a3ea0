"""Tests of the ``footstats`` command line (footstats.cli): ``check``, ``report``, ``--version``.

Contract (docs/cli.md): ``footstats check LOG`` exits 0 when the log is valid (warnings
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

LOGS = Path(__file__).parents[1] / "data" / "logs"
FOOTSTATS = Path(sys.executable).parent / "footstats"
BAD_LINE = "cli_bad.csv:14:Pain Back: error: 11 is outside 0–10 (pain is a 0–10 rating) [FS203]"
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
    code, out, err = run(["check", str(LOGS / "cli_good.csv"), "--routine", str(routine)], capsys)
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


# -- footstats report ---------------------------------------------------------------------
SAMPLE = Path(__file__).parents[2] / "sample_data" / "foot_log.csv"
COHORT = Path(__file__).parents[1] / "data" / "folders" / "cohort"
REPORT_FILES = {"frequency.csv", "sets.csv", "pain.csv", "summary.json", "report.pdf"}


def test_report_on_the_sample_writes_the_contract_files(tmp_path, capsys):
    import json

    out = tmp_path / "out"
    code, stdout, _ = run(["report", str(SAMPLE), "-o", str(out), "--format", "png,svg"], capsys)
    assert code == 0
    # every file but footstats' own hidden bookkeeping (footstats.report.folder)
    names = {p.name for p in out.iterdir() if not p.name.startswith(".footstats-report")}
    assert names >= REPORT_FILES
    assert {"frequency.png", "frequency.svg", "dashboard.png", "pain.svg"} <= names
    assert {Path(line).name for line in stdout.splitlines()} == names  # every file listed
    assert (out / "report.pdf").read_bytes()[:4] == b"%PDF"
    summary = json.loads((out / "summary.json").read_text())
    # the same figures as the library computes on the same log
    expected = footstats.summarize(footstats.read_log(SAMPLE))
    assert summary["sessions"] == expected["sessions"] == 30
    assert summary["adherence_pct"] == pytest.approx(expected["adherence_pct"])
    assert (out / "frequency.csv").read_text().splitlines()[0] == (
        "week,sessions,target_min,target_max,target_met,in_progress,habit_strength"
    )


def test_report_refuses_a_log_with_errors_and_writes_nothing(tmp_path, capsys):
    out = tmp_path / "out"
    code, stdout, err = run(["report", str(COHORT), "-o", str(out)], capsys)
    assert code == 1
    assert not out.exists() or not any(out.iterdir())
    assert "p03.csv:3:sets: error:" in err and "--drop-invalid" in err


def test_report_drop_invalid_reports_the_valid_rows_and_lists_the_rest(tmp_path, capsys):
    import json

    out = tmp_path / "out"
    code, stdout, err = run(["report", str(COHORT), "-o", str(out), "--drop-invalid"], capsys)
    assert code == 0
    assert "p03.csv:3:sets: error:" in err and "p03.csv:4:date: error:" in err
    assert "2 line(s) above were left out" in err
    summary = json.loads((out / "summary.json").read_text())
    assert summary["cohort"]["participants"] == len(summary["participants"])
    assert (out / "frequency.csv").read_text().startswith("participant,week,")


@pytest.mark.parametrize("formats", ["gif", "png,bmp", ","])
def test_report_unknown_chart_format_is_a_usage_error(tmp_path, capsys, formats):
    code, _, err = run(["report", str(SAMPLE), "-o", str(tmp_path), "--format", formats], capsys)
    assert code == 2 and "--format" in err


def test_report_never_writes_beside_the_input(tmp_path, capsys):
    log = tmp_path / "log.csv"
    log.write_bytes(SAMPLE.read_bytes())
    code, _, err = run(["report", str(log), "-o", str(tmp_path)], capsys)
    assert code == 2 and "output folder" in err
    assert sorted(p.name for p in tmp_path.iterdir()) == ["log.csv"]
    assert log.read_bytes() == SAMPLE.read_bytes()
