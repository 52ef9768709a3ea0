"""Hostile and careless input: nothing lost or invented, no traceback, clear errors.

One test (or a few) per point of the "hostile input" issue; the fault tests (kill, full
disk, concurrent writers, interrupt) are in test_faults.py.
"""

from __future__ import annotations

import csv
import io

from footstats import validate_log
from footstats._columns import ERROR, LINE, MESSAGE, NOTES, SETS, SEVERITY
from footstats._csvfile import parse_table
from footstats.cli import main

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
