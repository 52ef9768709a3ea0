"""The benchmark script: a smoke run (tiny N, one repeat) so that it cannot rot."""

import importlib.util
import subprocess
import sys
from pathlib import Path

import pandas as pd

BENCHMARK = Path(__file__).resolve().parents[2] / "benchmarks" / "run.py"


def _load_benchmark_module():
    spec = importlib.util.spec_from_file_location("footstats_benchmark_run", BENCHMARK)
    module = importlib.util.module_from_spec(spec)
    # dataclasses look their module up in sys.modules
    sys.modules[spec.name] = module
    spec.loader.exec_module(module)
    return module


bench = _load_benchmark_module()


def _table_rows(output: str) -> dict[str, list[str]]:
    rows = {}
    for line in output.splitlines():
        if line.startswith("| ") and not line.startswith("| measurement"):
            cells = [cell.strip() for cell in line.strip("|").split("|")]
            rows[cells[0]] = cells[1:]
    return rows


def test_quick_run_prints_every_row_with_a_value():
    done = subprocess.run(
        [sys.executable, str(BENCHMARK), "--quick"], capture_output=True, text=True, timeout=300
    )
    assert done.returncode == 0, done.stderr
    rows = _table_rows(done.stdout)
    assert list(rows) == list(bench.ROW_LABELS)
    for label, (value, _ratio, target, result) in rows.items():
        assert value.endswith((" ms", " s", " MB")), label
        # every row with a target says whether it was met
        assert (result == "pass" or result.startswith("miss (")) == bool(target), label
    assert "Machine: " in done.stdout
    assert "Command: " in done.stdout


def test_read_floor_uses_the_given_column_types(tmp_path):
    path = tmp_path / "log.csv"
    path.write_text(
        "date,exercise,sets,pain_back\n2026-03-02,Heel raises,2,\n2026-03-03 07:30,,,4\n"
    )
    frame = bench.read_floor(path)
    assert frame["date"].tolist() == [
        pd.Timestamp("2026-03-02"),
        pd.Timestamp("2026-03-03 07:30"),
    ]
    # int64 columns with a missing value come back as float: 2 and NaN, NaN and 4
    assert frame["sets"].iloc[0] == 2 and frame["sets"].isna().iloc[1]
    assert frame["pain_back"].iloc[1] == 4


def test_verdict_says_by_how_much_a_target_is_missed():
    assert bench._verdict(1.9, 2.0) == "pass"
    assert bench._verdict(2.0, 2.0) == "pass"
    # 3.0 against a limit of 2.0: 3.0 / 2.0 = 1.5 times the target
    assert bench._verdict(3.0, 2.0) == "miss (1.50x the target)"


def test_seconds_are_shown_in_ms_below_one_second():
    assert bench._seconds(0.0123) == "12 ms"
    assert bench._seconds(2.345) == "2.35 s"


def test_table_is_markdown_with_one_line_per_row():
    text = bench.table([bench.Row("a", "1 ms"), bench.Row("b", "2 s", "2.00x", "< 3 s", "pass")])
    lines = text.splitlines()
    assert lines[0] == "| measurement | value | ratio | target | result |"
    assert lines[-1] == "| b | 2 s | 2.00x | < 3 s | pass |"
    assert len(lines) == 4


def test_the_folder_and_the_one_file_hold_the_same_rows(tmp_path):
    import footstats

    folder, one, rows = bench.write_cohort_pair(tmp_path, 3)
    spread, single = footstats.read_logs(folder), footstats.read_log(one)
    columns = ["participant", "date", "exercise", "sets", "pain_back", "notes"]
    assert len(spread) == len(single) == rows > 0
    assert sorted(set(single["participant"])) == ["p0001", "p0002", "p0003"]
    pd.testing.assert_frame_equal(
        spread[columns].astype(str).reset_index(drop=True),
        single[columns].astype(str).reset_index(drop=True),
    )
