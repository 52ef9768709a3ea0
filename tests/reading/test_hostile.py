"""Hostile and careless input: nothing lost or invented, no traceback, clear errors.

One test (or a few) per point of the "hostile input" issue; the fault tests (kill, full
disk, concurrent writers, interrupt) are in test_faults.py.
"""

from __future__ import annotations

import csv
import io
import json
import os
import tempfile
from contextlib import redirect_stderr, redirect_stdout
from datetime import date
from pathlib import Path

import pandas as pd
import pytest
from hypothesis import HealthCheck, Phase, given, settings
from hypothesis import strategies as st
from matplotlib.cbook import is_math_text
from matplotlib.colors import Normalize
from matplotlib.text import Text

from footstats import read_log, validate_log, validate_logs
from footstats.cli import SHOWN_PROBLEMS, main
from footstats.columns import CODE, ERROR, LINE, MESSAGE, NOTES, SETS, SEVERITY, WARNING
from footstats.reading.csvfile import MAX_COLUMNS, parse_table
from footstats.report.write import _Report, _text_pages, export_report, write_report
from footstats.routine import load_routine, name_key
from footstats.writing.files import neutralise_formulas

HEADER = "date,exercise,sets,notes\n"
ROOT = Path(__file__).parents[2]
SAMPLE = ROOT / "sample_data" / "foot_log.csv"
PACKAGED_ROUTINE = ROOT / "footstats" / "data" / "foot_routine.toml"


def good_rows(n: int, first_day: int = 0) -> str:
    return "".join(
        f"2026-03-{(first_day + i) % 28 + 1:02d},Heel raises,{i % 3 + 1},ok\n" for i in range(n)
    )


def loaded(text: str, **options):
    return validate_log(io.BytesIO(text.encode("utf-8")), **options)


def run(argv, capsys) -> tuple[int, str, str]:
    try:
        code = main(argv)
    except SystemExit as exc:
        code = exc.code
    out, err = capsys.readouterr()
    return code, out, err


# -- 1. rows lost or invented by the exact CSV path ----------------------------------------------


def test_1_unclosed_quote_reports_every_line_it_swallowed():
    text = HEADER + '2026-03-02,"Heel raises,2,x\n' + good_rows(6000)
    result = loaded(text)
    assert len(result.log) == 0  # nothing is loaded from inside the open value
    errors = result.errors
    assert errors[LINE].tolist() == [2]
    message = errors[MESSAGE].iloc[0]
    assert "lines 2–6002 read as one value" in message
    assert "a quote opened on line 2 is never closed" in message
    assert result.left_out_lines() == 6001  # every line is loaded or reported


def test_1_rows_after_a_closed_long_quote_are_all_read():
    # an unclosed-looking quote that does close, 300 lines later: nothing after it is lost
    text = HEADER + '2026-03-02,Heel raises,2,"long\n' + "more\n" * 299 + 'end"\n' + good_rows(50)
    result = loaded(text)
    assert result.ok
    assert result.log[LINE].tolist() == [2, *range(303, 353)]


def test_1_long_quoted_note_with_row_shaped_text_is_one_value():
    note = "y" * 140_000 + "\n2026-03-05,Heel raises,9,invented\n" + "z" * 10
    text = HEADER + f'2026-03-02,Heel raises,2,"{note}"\n2026-03-03,Heel raises,1,ok\n'
    result = loaded(text)
    assert result.ok
    assert result.log[SETS].tolist() == [2, 1]  # no row with 9 sets was invented
    assert result.log[NOTES].iloc[0] == note  # the note is read whole, verbatim
    assert result.log[LINE].tolist() == [2, 5]


def test_1_field_limit_is_restored_after_a_read():
    before = csv.field_size_limit()
    loaded(HEADER + f'2026-03-02,Heel raises,2,"{"x" * 200_000}\n"\n')
    assert csv.field_size_limit() == before


def test_1_reading_never_resumes_inside_a_value():
    # the csv module stops at `"ab"c` and would read `y",z` as a new row: that row is invented
    raw = parse_table("log.csv", 'a,b,c\n"ab"c,"x\ny",z\nq,w,e\n', [])
    assert raw.frame.drop(columns=LINE).values.tolist() == [["q", "w", "e"]]
    assert [(p[LINE], p[SEVERITY]) for p in raw.problems] == [(2, ERROR)]
    assert "lines 2–3 read as one value" in raw.problems[0][MESSAGE]


def test_1_drop_invalid_counts_physical_lines(tmp_path, capsys):
    log = tmp_path / "log.csv"
    # line 3 opens a quoted note spanning lines 3-6 in a record with a bad sets value
    log.write_text(
        HEADER
        + "2026-03-02,Heel raises,2,ok\n"
        + '2026-03-03,Heel raises,two,"a\nb\nc\nd"\n'
        + "2026-03-04,Heel raises,1,ok\n"
    )
    code, _, err = run(["report", str(log), "-o", str(tmp_path / "out"), "--drop-invalid"], capsys)
    assert code == 0
    assert "the 4 line(s) above were left out" in err


def test_1_drop_invalid_counts_an_unclosed_quote_span(tmp_path, capsys):
    log = tmp_path / "log.csv"
    log.write_text(HEADER + "2026-03-02,Heel raises,2,ok\n" + '2026-03-03,Heel raises,2,"x\n' * 4)
    code, _, err = run(["report", str(log), "-o", str(tmp_path / "out"), "--drop-invalid"], capsys)
    assert "the 4 line(s) above were left out" in err


# -- 2. dates no log can hold -----------------------------------------------------------------


@pytest.mark.parametrize(
    ("value", "why"),
    [
        ("0000-01-01", "before 1900"),
        ("0001-01-01", "before 1900"),
        ("0226-02-27", "before 1900"),
        ("1899-12-31", "before 1900"),
        ("2206-02-27", "more than a year in the future"),
        ("9999-12-31", "more than a year in the future"),
    ],
)
def test_2_implausible_date_is_an_error_at_its_line_and_column(tmp_path, capsys, value, why):
    log = tmp_path / "log.csv"
    log.write_text(f"date,exercise,sets\n2026-03-02,Heel raises,2\n{value},Heel raises,2\n")
    code, out, err = run(["check", str(log)], capsys)
    assert code == 1
    assert f"log.csv:3:date: error: '{value}' is {why}: a typo?" in out
    code, out, err = run(["report", str(log), "-o", str(tmp_path / "out")], capsys)
    assert code == 1 and "Traceback" not in err
    assert not (tmp_path / "out").exists()


def test_2_the_window_is_1900_to_a_year_after_today():
    text = "date,exercise,sets\n1900-01-01,Heel raises,2\n2027-03-02,Heel raises,2\n"
    result = loaded(text, today=date(2026, 3, 2))
    assert result.ok  # both ends are plausible, though years apart (a warning)
    result = loaded(text.replace("2027-03-02", "2027-03-03"), today=date(2026, 3, 2))
    assert result.errors[LINE].tolist() == [3]


def test_2_a_date_years_from_all_the_others_is_flagged():
    text = "date,exercise,sets\n" + good_rows(20) + "2016-03-05,Heel raises,2,\n"
    result = loaded(text.replace(",ok", ""))
    assert result.ok
    flagged = result.problems[result.problems[SEVERITY] == WARNING]
    assert flagged[LINE].tolist() == [22] and flagged[CODE].tolist() == ["FS305"]
    assert "10.0 years from every other date of the log; a typo?" in flagged[MESSAGE].iloc[0]


def test_2_nearby_dates_and_a_year_long_pause_are_not_flagged():
    text = "date,exercise,sets\n2024-03-02,Heel raises,2\n2024-03-09,Heel raises,2\n"
    text += "2025-03-01,Heel raises,2\n2025-03-08,Heel raises,2\n"
    assert loaded(text).problems.empty


def test_2_report_draws_a_century_wide_log_quickly(tmp_path, capsys):
    # a warning, so check accepts it and report must draw it: one artist for 5,000+ weeks
    log = tmp_path / "typo.csv"
    log.write_text(
        "date,exercise,sets,pain_back\n1926-03-04,Heel raises,2,5\n"
        "2026-03-02,Heel raises,2,4\n2026-03-04,Heel raises,2,3\n"
    )
    out = tmp_path / "out"
    code, _, err = run(["report", str(log), "-o", str(out)], capsys)
    assert code == 0, err
    assert (out / "report.pdf").read_bytes().startswith(b"%PDF")
    figure = _Report(read_log(log)).figure("frequency")
    assert len(figure.axes[0].patches) < 10  # not one bar patch per week of the century


# -- 5. user text is drawn as written, never as mathematics -------------------------------------

MATH_LOG = (
    "date,exercise,sets,pain_$\\undefinedcmd$\n"
    "2026-03-02,$\\undefinedcmd$,2,3\n"
    "2026-03-04,$x^2$,2,4\n"
)
MATH_ROUTINE = """\
name = "Routine $\\\\oops$"
sessions_per_week = [2, 3]
[[exercise]]
id = "a"
name = "$\\\\undefinedcmd$"
sets = 2
[[exercise]]
id = "b"
name = "$x^2$"
sets = 1
"""


def _drawn_texts(fig):
    return [t for t in fig.findobj(Text) if t.get_visible() and t.get_text()]


def test_5_dollar_names_report_and_are_drawn_as_written(tmp_path, capsys):
    log, routine = tmp_path / "math.csv", tmp_path / "math.toml"
    log.write_text(MATH_LOG)
    routine.write_text(MATH_ROUTINE)
    out = tmp_path / "out"
    code, _, err = run(["report", str(log), "-o", str(out), "--routine", str(routine)], capsys)
    assert code == 0, err
    assert (out / "report.pdf").read_bytes().startswith(b"%PDF")
    report = _Report(read_log(log, routine=load_routine(routine)), load_routine(routine))
    for chart in ("completion", "sets", "pain", "adherence_vs_pain", "dashboard"):
        fig = report.figure(chart)
        fig.canvas.draw()
        texts = _drawn_texts(fig)
        assert texts and not any(t.get_parse_math() and is_math_text(t.get_text()) for t in texts)
    labels = [t.get_text() for t in report.figure("sets").axes[0].get_yticklabels()]
    assert [label.replace("\\$", "$") for label in labels] == ["$\\undefinedcmd$", "$x^2$"]


def test_5_pdf_text_pages_never_parse_math():
    pages = _text_pages([("title", "Routine $x^2$"), ("item", "$\\undefinedcmd$: 2 sets")])
    texts = [t for page in pages for t in page.texts]
    assert [t.get_text() for t in texts][-1] == "$\\undefinedcmd$: 2 sets"
    assert not any(t.get_parse_math() for t in texts)
    pages[0].savefig(io.BytesIO(), format="pdf")  # drawn, not aborted by mathtext


# -- 3. whatever check accepts, report draws ------------------------------------------------------

_TEXT = st.text(
    alphabet=st.sampled_from("ab Zé$\\^_{}%#&'\"-=+@,;\t¡中😀"), min_size=1, max_size=12
).filter(lambda s: s.strip() and s.strip()[0] not in "#")


@st.composite
def routines(draw):
    names = draw(st.lists(_TEXT, min_size=1, max_size=3, unique_by=lambda s: name_key(s)))
    low = draw(st.integers(0, 5))
    lines = [
        f"name = {json.dumps(draw(_TEXT), ensure_ascii=False)}",
        f"sessions_per_week = [{low}, {low + draw(st.integers(0, 3))}]",
    ]
    for i, name in enumerate(names):
        lines += ["[[exercise]]", f'id = "e{i}"', f"name = {json.dumps(name, ensure_ascii=False)}"]
        lines.append(f"sets = {draw(st.integers(1, 6))}")
    return "\n".join(lines) + "\n", names


def _dates():
    near = st.dates(date(2025, 1, 1), date(2026, 6, 30))
    anywhere = st.dates(date(1890, 1, 1), date(2040, 12, 31))
    return st.one_of(near, near, near, anywhere).map(date.isoformat)


@st.composite
def logs(draw, exercise_names):
    participants = draw(st.one_of(st.none(), st.lists(_TEXT, min_size=1, max_size=3)))
    header = ["date", "exercise", "sets", "pain_back"]
    if participants:
        header.insert(0, "participant")
    rows = []
    for _ in range(draw(st.integers(1, 12))):
        exercise = draw(st.one_of(st.sampled_from(exercise_names), _TEXT, st.just("")))
        sets = draw(st.one_of(st.integers(0, 12).map(str), st.sampled_from(["", "x", "-1"])))
        pain = draw(st.one_of(st.integers(0, 10).map(str), st.sampled_from(["", "11"])))
        row = [draw(_dates()), exercise, sets if exercise else "", pain]
        if participants:
            row.insert(0, draw(st.sampled_from(participants)))
        rows.append(row)
    buffer = io.StringIO()
    csv.writer(buffer, lineterminator="\n").writerows([header, *rows])
    return buffer.getvalue()


@settings(
    max_examples=6,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow],
    phases=[Phase.explicit, Phase.reuse, Phase.generate],  # a report per example: no shrinking
)
@given(data=st.data())
def test_3_whatever_check_accepts_report_draws(data):
    routine_text, names = data.draw(routines())
    text = data.draw(logs(names))
    with tempfile.TemporaryDirectory() as folder:
        log, routine = Path(folder) / "log.csv", Path(folder) / "routine.toml"
        log.write_text(text, encoding="utf-8")
        routine.write_text(routine_text, encoding="utf-8")
        options = ["--routine", str(routine)]
        with redirect_stdout(io.StringIO()), redirect_stderr(io.StringIO()) as err:
            checked = main(["check", str(log), *options])
            assert checked in (0, 1), err.getvalue()
            if checked == 0:
                reported = main(["report", str(log), "-o", str(Path(folder) / "out"), *options])
                assert reported == 0, err.getvalue()
                assert (Path(folder) / "out" / "report.pdf").exists()


# -- 4. tracebacks turned into clear errors ---------------------------------------------------


def test_4_time_zone_date_format_is_a_usage_error(tmp_path, capsys):
    log = tmp_path / "log.csv"
    log.write_text("date,exercise,sets\n2026-03-02+0100,Heel raises,2\n")
    code, _, err = run(["check", str(log), "--date-format", "%Y-%m-%d%z"], capsys)
    assert code == 2
    assert "time zones (%z, %Z) are not supported" in err and "Traceback" not in err


@pytest.mark.parametrize(
    ("line", "value", "key"),
    [
        ("sets = 6", "inf", "exercise[0].sets"),
        ("sets = 6", "nan", "exercise[0].sets"),
        ("sets = 6", "12345678901234567890123", "exercise[0].sets"),
        ("sets = 6", "1e300", "exercise[0].sets"),
        ("sets = 6", "[1, inf]", "exercise[0].sets"),
        ("sessions_per_week = [2, 3]", "inf", "sessions_per_week"),
        ("sessions_per_week = [2, 3]", "nan", "sessions_per_week"),
        ("session_minutes = 20", "nan", "session_minutes"),
    ],
)
def test_4_routine_numbers_must_be_finite_and_plausible(tmp_path, capsys, line, value, key):
    text = PACKAGED_ROUTINE.read_text()
    assert line in text
    routine = tmp_path / "routine.toml"
    routine.write_text(text.replace(line, f"{line.split(' = ')[0]} = {value}", 1))
    code, _, err = run(["check", str(SAMPLE), "--routine", str(routine)], capsys)
    assert code == 2 and "Traceback" not in err
    assert f"'{key}': expected a number from 0 to" in err


def test_4_deeply_nested_routine_and_map_are_usage_errors(tmp_path, capsys):
    deep = tmp_path / "deep.toml"
    deep.write_text("x = " + "[" * 5000 + "]" * 5000 + "\n")
    code, _, err = run(["check", str(SAMPLE), "--routine", str(deep)], capsys)
    assert code == 2 and "nested too deeply" in err
    code, _, err = run(["check", str(SAMPLE), "--map", str(deep)], capsys)
    assert code == 2 and "nested too deeply" in err


def test_4_map_that_is_not_a_table_is_a_usage_error(tmp_path, capsys):
    bad = tmp_path / "map.toml"
    bad.write_text("exercises = 5\n")
    code, _, err = run(["check", str(SAMPLE), "--map", str(bad)], capsys)
    assert code == 2 and "expected lines like" in err


def test_4_write_report_refuses_what_is_not_a_log(tmp_path):
    with pytest.raises(
        ValueError, match=r"expects a log from footstats.read_log \(columns line, date"
    ):
        write_report(pd.DataFrame(), tmp_path / "out")
    with pytest.raises(TypeError, match="write_report expects a log from footstats.read_log"):
        write_report([1, 2], tmp_path / "out")
    assert not (tmp_path / "out").exists()


def test_4_empty_out_dir_is_refused(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    log = read_log(SAMPLE)
    with pytest.raises(ValueError, match="out_dir is empty"):
        write_report(log, "")
    with pytest.raises(ValueError, match="path is empty"):
        export_report(log, "")
    assert list(tmp_path.iterdir()) == []


# -- 9. smaller holes ---------------------------------------------------------------------------


def test_9_header_pasted_in_another_column_order_refuses_the_rows_below():
    text = (
        "date,exercise,sets,pain_back\n2026-03-02,Heel raises,2,5\n"
        "Date,pain_back,exercise,sets\n2026-03-03,4,Heel raises,3\n2026-03-04,4,Heel raises,3\n"
        "date,exercise,sets,pain_back\n2026-03-05,Heel raises,2,5\n"
    )
    result = loaded(text)
    # no row loads with sets and pain swapped; the rows after the next header load again
    assert result.log[[LINE, SETS, "pain_back"]].values.tolist() == [[2, 2, 5], [7, 2, 5]]
    assert result.errors[LINE].tolist() == [3, 4, 5]
    assert "another order" in result.errors[MESSAGE].iloc[0]
    assert result.left_out_lines() == 3


def test_9_folder_says_which_csv_entries_it_skips(tmp_path):
    folder = tmp_path / "logs"
    folder.mkdir()
    (folder / "p01.csv").write_text("date,exercise,sets\n2026-03-02,Heel raises,2\n")
    (folder / "dangling.csv").symlink_to(folder / "missing.csv")
    (folder / "loop.csv").symlink_to(folder / "loop.csv")
    (folder / "x.csv").mkdir()
    os.mkfifo(folder / "pipe.csv")
    problems = validate_logs(folder).problems
    found = {Path(f).name: (s, m) for f, s, m in problems[["file", SEVERITY, MESSAGE]].values}
    assert found["dangling.csv"] == (ERROR, "skipped: cannot read it: a broken symbolic link")
    assert found["loop.csv"] == (ERROR, "skipped: cannot read it: a symbolic link that loops")
    assert found["x.csv"][0] == WARNING and "a folder" in found["x.csv"][1]
    assert found["pipe.csv"][0] == WARNING and "not a regular file" in found["pipe.csv"][1]


def test_9_file_name_with_a_line_break_cannot_forge_output_lines(tmp_path, capsys):
    log = tmp_path / "a\nforged.csv:2:sets: error: fake.csv"
    log.write_text("date,exercise,sets\n2026-03-02,Heel raises,two\n")
    code, out, err = run(["check", str(log)], capsys)
    assert code == 1
    assert len(out.splitlines()) == 1  # one problem, one line
    assert out.startswith(str(tmp_path) + "/a\\nforged.csv")
    assert "\\n" in err.splitlines()[-1]


def test_9_utf16_without_bom_names_the_right_byte_order():
    text = "date,exercise,sets\n2026-03-02,Heel raises,2\n"
    for encoding in ("utf-16-le", "utf-16-be"):
        result = validate_log(io.BytesIO(text.encode(encoding)))
        assert f"encoding='{encoding}'" in result.errors[MESSAGE].iloc[0]
        assert validate_log(io.BytesIO(text.encode(encoding)), encoding=encoding).ok


@pytest.mark.parametrize("value", ["\n=1+1", "＝1+1", "＋1", "－1", "＠SUM(A1)"])
def test_9_formula_neutralising_covers_line_feed_and_full_width(value):
    frame = neutralise_formulas(pd.DataFrame({"note": [value, "fine"]}))
    assert frame["note"].tolist() == ["'" + value, "fine"]


def test_9_log_given_as_a_symlink_inside_the_output_folder_is_refused(tmp_path, capsys):
    real = tmp_path / "data" / "log.csv"
    real.parent.mkdir()
    real.write_text("date,exercise,sets\n2026-03-02,Heel raises,2\n")
    out = tmp_path / "out"
    out.mkdir()
    (out / "frequency.csv").symlink_to(real)
    code, _, err = run(["report", str(out / "frequency.csv"), "-o", str(out)], capsys)
    assert code == 2 and "refusing to write into" in err
    assert (out / "frequency.csv").is_symlink()
    assert real.read_text().startswith("date,exercise,sets")


# -- 7. time and memory stay bounded ----------------------------------------------------------


def test_7_too_many_columns_is_one_clear_error():
    header = ",".join(f"c{i}" for i in range(MAX_COLUMNS + 1))
    result = loaded(f"{header}\n" + ",".join(["1"] * (MAX_COLUMNS + 1)) + "\n")
    assert result.errors[MESSAGE].tolist() == [
        f"the header has {MAX_COLUMNS + 1:,} columns; a log has at most {MAX_COLUMNS:,} "
        "(is this a log, or exported with another delimiter?)"
    ]


def test_7_a_huge_first_line_is_refused_before_it_is_split():
    result = loaded("x" * 1_000_000 + "\n2026-03-02\n")
    assert "the first line is 1,000,000 characters long" in result.errors[MESSAGE].iloc[0]


def test_7_a_row_with_thousands_of_extra_values_gives_a_short_message():
    result = loaded("date,exercise,sets\n2026-03-02,Heel raises,2" + ",x" * 50_000 + "\n")
    message = result.errors[MESSAGE].iloc[0]
    assert "and 49,990 more" in message and len(message) < 400


def test_7_problems_past_the_limit_are_counted_by_kind(tmp_path, capsys):
    log = tmp_path / "log.csv"
    rows = [f"2026-03-02,Heel raises,x{i}" for i in range(SHOWN_PROBLEMS + 50)]
    log.write_text("date,exercise,sets\n" + "\n".join(rows) + "\n2026-03-01,,\n")
    code, out, _ = run(["check", str(log)], capsys)
    lines = out.splitlines()
    assert code == 1 and len(lines) == SHOWN_PROBLEMS + 1
    assert lines[-1] == (
        "... and 51 more problems: 50 error(s) in sets, 1 warning(s) on whole lines; "
        "--all prints every one"
    )
    code, out, _ = run(["check", str(log), "--all"], capsys)
    assert len(out.splitlines()) == SHOWN_PROBLEMS + 51


# -- 6. cohort scale ------------------------------------------------------------------------------


def test_6_forty_thousand_participants_on_one_day_draw_aggregated(tmp_path):
    rows = [f"p{i:05d},2026-03-02,Heel raises,2,{i % 11}" for i in range(40_000)]
    log = read_log(io.StringIO("participant,date,exercise,sets,pain_back\n" + "\n".join(rows)))
    report = _Report(log)
    calendar = report.figure("calendar")
    calendar.canvas.draw()  # was: OverflowError ... int16
    mesh = calendar.axes[0].collections[0]
    assert mesh.get_array().max() == 40_000  # one cell counts everyone's sessions that day
    assert isinstance(mesh.norm, Normalize) and mesh.cmap.N == 256
    frequency = report.figure("frequency").axes[0]
    assert len(frequency.patches) == 2  # the one week's bar and the target band, no more
    # the one week's quartile whisker and its two caps: one segment each, no per-person marks
    assert [len(c.get_segments()) for c in frequency.collections] == [1, 1, 1]


def test_6_a_report_of_a_thousand_participants_aggregates_and_keeps_every_one(tmp_path):
    # 1,000 participants (past cohort_plots.MANY_PARTICIPANTS): back pain i % 11 on 2 March,
    # (7 i) % 11 four weeks later, so p0005 goes from 5 to 2 (-3 points, -60 %: important).
    rows = [f"p{i:04d},2026-03-02,Heel raises,2,{i % 11}" for i in range(1000)]
    rows += [f"p{i:04d},2026-03-30,Heel raises,2,{7 * i % 11}" for i in range(1000)]
    header = "participant,date,exercise,sets,pain_back\n"
    log = read_log(io.StringIO(header + "\n".join(rows)))
    paths = write_report(log, tmp_path)
    summary = json.loads((tmp_path / "summary.json").read_text())
    assert summary["cohort"]["participants"] == 1000
    entries = {entry["participant"]: entry for entry in summary["participants"]}
    assert len(entries) == 1000 and entries["p0005"]["sessions"] == 2
    back = entries["p0005"]["pain"]["back"]
    assert (back["baseline"], back["latest"], back["change"]) == (5, 2, -3)
    assert back["clinically_important"] is True
    # summary.json: one participant to a line
    lines = (tmp_path / "summary.json").read_text().splitlines()
    assert sum(line.lstrip().startswith('{"participant": ') for line in lines) == 1000
    assert len(pd.read_csv(tmp_path / "participants.csv")) == 1000
    assert (tmp_path / "pain_waterfall.png") in paths
    # the cohort charts aggregate: no mark per participant
    report = _Report(log)
    waterfall = report.figure("pain_waterfall").axes[0]
    assert len(waterfall.patches) == 0 and len(waterfall.collections) == 2  # two ranked areas
    assert max(len(area.get_paths()[0].vertices) for area in waterfall.collections) < 2100
    scatter = report.figure("adherence_vs_pain_change").axes[0]
    (cells,) = scatter.collections
    assert len(cells.get_offsets()) < 100  # hexagons, every participant counted in one
    assert cells.get_array().sum() == 1000
    spread = report.figure("adherence_spread").axes[0]
    assert len(spread.collections) == 0  # the box, no dot per participant


def test_a_header_repeated_many_times_is_one_short_notice(tmp_path, capsys):
    """Issue 26 (20): a header repeated on 50,000 lines is one notice of reasonable length
    (the first lines and how many more), not a 350 kB line listing every one."""
    path = tmp_path / "log.csv"
    rows = "".join(
        f"2026-03-{i % 28 + 1:02d},Heel raises,2,{i}\ndate,exercise,sets,notes\n"
        for i in range(50_000)
    )
    path.write_text("date,exercise,sets,notes\n" + rows)
    main(["check", str(path)])
    out = capsys.readouterr().out
    notice = next(line for line in out.splitlines() if "header repeated" in line)
    assert len(notice) < 1000, f"a notice of {len(notice):,} characters"
    assert "49990 more" in notice  # the first ten lines, then how many more
