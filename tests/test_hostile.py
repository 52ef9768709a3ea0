"""Hostile and careless input: nothing lost or invented, no traceback, clear errors.

One test (or a few) per point of the "hostile input" issue; the fault tests (kill, full
disk, concurrent writers, interrupt) are in test_faults.py.
"""

from __future__ import annotations

import csv
import io
from datetime import date

import pytest
from matplotlib.cbook import is_math_text
from matplotlib.text import Text

from footstats import read_log, validate_log
from footstats._columns import ERROR, LINE, MESSAGE, NOTES, SETS, SEVERITY, WARNING
from footstats._csvfile import parse_table
from footstats.cli import main
from footstats.program import load_program
from footstats.report import _Report, _text_pages

HEADER = "date,exercise,sets,notes\n"


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
    assert flagged[LINE].tolist() == [22]
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
    code, _, err = run(["report", str(log), "-o", str(out), "--program", str(routine)], capsys)
    assert code == 0, err
    assert (out / "report.pdf").read_bytes().startswith(b"%PDF")
    report = _Report(read_log(log, program=load_program(routine)), load_program(routine))
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
