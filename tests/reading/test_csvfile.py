"""Tests of footstats.reading.csvfile: bytes -> text -> a raw table of strings with physical lines.

The file layer has two parsers: a fast one (pyarrow) for plain files and an exact one
(Python's csv module) for everything else. For the same content they must agree, so
whether a file happens to take the fast path never changes what a user sees.
"""

from __future__ import annotations

import csv
import io
from pathlib import Path

import pandas as pd
import pandas.testing as pdt
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from footstats import validate_log
from footstats.columns import ERROR, LINE, MESSAGE, NOTICE, SEVERITY
from footstats.reading import csvfile
from footstats.reading.csvfile import (
    NotALog,
    Unreadable,
    _parse_exact,
    _parse_fast,
    decode,
    parse_table,
    read_source,
    sniff_delimiter,
    source_label,
)

LOGS = Path(__file__).parents[1] / "data" / "logs"


def table(text: str, notes=()) -> csvfile.RawTable:
    return parse_table("log.csv", text, list(notes))


def cells(raw: csvfile.RawTable) -> list[list[str]]:
    """The raw values row by row, as plain strings (the fast path may store categories)."""
    values = raw.frame.drop(columns=LINE).astype("str")
    return values.to_numpy().tolist()


def assert_same_table(fast: csvfile.RawTable, exact: csvfile.RawTable) -> None:
    assert fast.header == exact.header
    assert fast.delimiter == exact.delimiter
    assert cells(fast) == cells(exact)
    assert fast.frame[LINE].tolist() == exact.frame[LINE].tolist()
    assert fast.frame[LINE].dtype == exact.frame[LINE].dtype == "int64"
    assert fast.problems == exact.problems


# -- read_source --------------------------------------------------------------------------
def test_read_source_bytes():
    assert (source_label(b"date\n"), read_source(b"date\n")) == ("<bytes>", b"date\n")


def test_read_source_path_and_str(tmp_path):
    path = tmp_path / "log.csv"
    path.write_bytes(b"date\r\n")
    for source in (path, str(path)):
        assert (source_label(source), read_source(source)) == (str(path), b"date\r\n")


def test_read_source_buffers():
    named = io.BytesIO(b"date\n")
    named.name = "upload.csv"
    assert (source_label(named), read_source(named)) == ("upload.csv", b"date\n")
    anonymous = io.BytesIO(b"x")
    assert (source_label(anonymous), read_source(anonymous)) == ("<buffer>", b"x")
    assert read_source(io.StringIO("date\n")) == "date\n"


def test_read_source_missing_and_folder(tmp_path):
    with pytest.raises(Unreadable) as caught:
        read_source(tmp_path / "nope.csv")
    record = caught.value.record
    assert record[LINE] is None and record[SEVERITY] == ERROR
    assert str(tmp_path / "nope.csv") in record[MESSAGE]
    with pytest.raises(Unreadable, match="folder"):
        read_source(tmp_path)


def test_read_source_refuses_other_types():
    with pytest.raises(TypeError):
        read_source(42)


# -- decode -------------------------------------------------------------------------------
def test_decode_plain_utf8():
    assert decode("f", "date,é\n".encode(), None) == ("date,é\n", [])


@pytest.mark.parametrize(
    ("data", "words"),
    [
        (b"\xef\xbb\xbfdate\n", "UTF-8 with a byte-order mark"),
        (b"\xff\xfe" + "date\n".encode("utf-16-le"), "UTF-16"),
        (b"\xfe\xff" + "date\n".encode("utf-16-be"), "UTF-16"),
    ],
)
def test_decode_byte_order_marks(data, words):
    text, notes = decode("f", data, None)
    assert text == "date\n"  # the BOM is not part of the first header name
    assert any(words in note for note in notes)


@pytest.mark.parametrize(
    ("raw", "note"),
    [
        ("a\r\nb\r\n", "CRLF line endings"),
        ("a\rb\r", "CR line endings"),
        ("a\r\nb\rc\n", "mixed line endings"),
        ("a\nb", None),
    ],
)
def test_decode_normalises_line_endings(raw, note):
    text, notes = decode("f", raw.encode(), None)
    assert "\r" not in text
    assert text.count("\n") == raw.count("\n") + raw.count("\r") - raw.count("\r\n")
    assert len(notes) == (1 if note else 0)
    assert all(note in n for n in notes)


def test_decode_text_input_is_normalised_too():
    assert decode("f", "a\r\nb", None)[0] == "a\nb"


def test_decode_empty():
    with pytest.raises(NotALog) as caught:
        decode("f", b"", None)
    assert caught.value.records[0][MESSAGE] == "empty file, expected a header"


@pytest.mark.parametrize("magic", [b"PK\x03\x04", b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"])
def test_decode_excel_workbooks(magic):
    with pytest.raises(NotALog, match="Excel workbook"):
        decode("f", magic + bytes(100), None)


def test_decode_binary():
    with pytest.raises(NotALog, match="not a text file"):
        decode("f", bytes(range(32)) * 10, None)


def test_decode_utf16_without_bom_says_which_encoding():
    with pytest.raises(NotALog, match="utf-16-le"):
        decode("f", "date,exercise,sets\n".encode("utf-16-le"), None)


def test_decode_cp1252_names_the_physical_line_and_byte():
    # CR-only endings: the bad byte 0x92 (a curly apostrophe) is on line 3
    data = "date\r2026-03-02\rit\x92s\r".replace("\x92", "’").encode("cp1252")
    with pytest.raises(NotALog) as caught:
        decode("f", data, None)
    record = caught.value.records[0]
    assert record[LINE] == 3 and record["value"] == "0x92"
    assert "encoding='cp1252'" in record[MESSAGE]


def test_decode_with_an_encoding():
    text, notes = decode("f", "café\n".encode("cp1252"), "cp1252")
    assert text == "café\n" and notes == ["as cp1252"]


def test_decode_unknown_encoding():
    with pytest.raises(NotALog, match="unknown encoding"):
        decode("f", b"date\n", "klingon")


# -- sniff_delimiter ----------------------------------------------------------------------
@pytest.mark.parametrize(
    ("text", "delimiter"),
    [
        ("date,exercise,sets\n1;2;3;4;5\n", ","),  # only the header line counts
        ("date;exercise;sets\n", ";"),
        ("date\texercise\tsets\n", "\t"),
        ('"a;b;c",date,sets\n', ","),  # delimiters inside quotes do not count
        ("date\n", ","),
        ("date;notes,with,commas,x\n", ","),  # the most frequent wins
    ],
)
def test_sniff_delimiter(text, delimiter):
    assert sniff_delimiter(text) == delimiter


# -- parse_table: physical lines ----------------------------------------------------------
def test_physical_lines_with_quoted_line_breaks():
    text = (
        'date,notes\n2026-03-02,"one\ntwo"\n2026-03-03,plain\n2026-03-04,"a\n\n\nb"\n2026-03-05,z\n'
    )
    raw = table(text)
    # line 2 holds a note spanning 2-3; line 5's spans 5-8, so the last row is on line 9
    assert raw.frame[LINE].tolist() == [2, 4, 5, 9]
    assert cells(raw) == [
        ["2026-03-02", "one\ntwo"],
        ["2026-03-03", "plain"],
        ["2026-03-04", "a\n\n\nb"],
        ["2026-03-05", "z"],
    ]
    assert raw.problems == []


@pytest.mark.parametrize("ending", ["\r", "\r\n"])
def test_cr_only_and_crlf_give_the_lf_table(ending):
    lf = 'date,notes\n2026-03-02,"one\ntwo"\n\n2026-03-04,x\n'
    text, notes = decode("log.csv", lf.replace("\n", ending).encode(), None)
    raw, expected = table(text, notes), table(lf)
    assert cells(raw) == cells(expected)
    assert raw.frame[LINE].tolist() == expected.frame[LINE].tolist() == [2, 5]


def test_mixed_endings_count_each_break_once():
    data = b'date,notes\r\n2026-03-02,a\r2026-03-03,b\n2026-03-04,"c\r\nd"\r2026-03-05,e'
    text, notes = decode("log.csv", data, None)
    raw = table(text, notes)
    assert raw.frame[LINE].tolist() == [2, 3, 4, 6]
    assert cells(raw)[2] == ["2026-03-04", "c\nd"]
    assert "mixed" in raw.dialect


def test_blank_lines_and_delimiter_only_lines_are_skipped_with_one_notice():
    raw = table("date,notes\n2026-03-02,a\n\n,\n2026-03-03,b\n   \n")
    assert raw.frame[LINE].tolist() == [2, 5]
    assert [p[SEVERITY] for p in raw.problems] == [NOTICE]
    assert raw.problems[0][LINE] == 3 and "3, 4, 6" in raw.problems[0][MESSAGE]


def test_delimiter_only_line_on_the_fast_path():
    text = "date,notes\n2026-03-02,a\n,\n2026-03-03,b\n"
    fast = _parse_fast("log.csv", text, ",")
    assert fast is not None  # no blank line, no quote: pyarrow reads it
    assert fast.frame[LINE].tolist() == [2, 4]
    assert fast.problems[0][LINE] == 3


def test_wrong_widths_are_errors_at_their_line():
    raw = table(
        'date,exercise,sets\n2026-03-02,Heel raises\n"2026-03-03\nx",a,b,c\n2026-03-04,T,1\n'
    )
    assert raw.frame[LINE].tolist() == [5]
    assert [(p[LINE], p[SEVERITY]) for p in raw.problems] == [(2, ERROR), (3, ERROR)]
    assert "missing: sets" in raw.problems[0][MESSAGE]
    assert "line 4" in raw.problems[1][MESSAGE]  # the quote spanning lines 3-4 is explained


def test_trailing_delimiters_are_trimmed_not_shifted():
    raw = table("date,exercise,sets\n2026-03-02,Heel raises,2,,\n")
    assert cells(raw) == [["2026-03-02", "Heel raises", "2"]]


def test_unclosed_quote():
    raw = table('date,notes\n2026-03-02,ok\n2026-03-03,"never closed\n2026-03-04,lost\n')
    assert raw.frame[LINE].tolist() == [2]
    assert [(p[LINE], p[SEVERITY]) for p in raw.problems] == [(3, ERROR)]
    assert "never closed" in raw.problems[0][MESSAGE]


def test_nul_character_is_reported_at_line_and_column():
    text = "date;exercise;sets\n2026-03-02;Heel raises;2\n2026-03-03;Heel\x00;2\n2026-03-04;T;1\n"
    loaded = validate_log(io.BytesIO(text.encode()))
    errors = loaded.errors
    assert list(zip(errors[LINE], errors["column"], strict=True)) == [(3, "exercise")]
    assert loaded.log[LINE].tolist() == [2, 4]


def test_dialect_notice_comes_first():
    raw = table("date;notes\n2026-03-02;a\n", ["CRLF line endings"])
    assert raw.dialect == "CRLF line endings, semicolon-separated"
    assert raw.problems[0][SEVERITY] == NOTICE and raw.problems[0][LINE] is None


# -- fast path == exact path --------------------------------------------------------------
PLAIN = (
    "date,exercise,sets,notes\n"
    '2026-03-02,Heel raises,2,"with, comma"\n'
    '2026-03-03,Toe walking,6,"said ""ok"""\n'
    "2026-03-05, padded ,3,  \n"
    "2026-03-06,,,\n"
    "2026-03-07,Heel raises,1,💪 é\n"
)


def test_fast_and_exact_paths_agree_on_a_plain_file():
    fast = _parse_fast("log.csv", PLAIN, ",")
    assert fast is not None  # the test is only worth something when pyarrow read it
    assert_same_table(fast, _parse_exact("log.csv", PLAIN, ","))


@pytest.mark.parametrize(
    "cell",
    [
        '"a" ',  # a space after the closing quote, as some exporters write it
        '"ab"c',  # text after the closing quote
        '"a""',  # an unbalanced doubled quote
        'a"b',  # a quote inside an unquoted value (the fast path declines it)
    ],
)
def test_fast_and_exact_paths_agree_on_odd_quoting(cell):
    text = f"date,notes\n2026-03-02,{cell}\n2026-03-03,ok\n"
    fast = _parse_fast("log.csv", text, ",")
    exact = _parse_exact("log.csv", text, ",")
    if fast is not None:  # the fast path may decline, but when it answers it must agree
        assert_same_table(fast, exact)


ROW_CELLS = st.text(alphabet=list('ab ,;\t"é-0'), max_size=5)


@settings(max_examples=60, deadline=None)
@given(
    delimiter=st.sampled_from([",", ";", "\t"]),
    rows=st.lists(st.lists(ROW_CELLS, min_size=3, max_size=3), min_size=1, max_size=8),
)
def test_property_fast_and_exact_agree_on_files_written_by_the_csv_module(delimiter, rows):
    out = io.StringIO()
    writer = csv.writer(out, delimiter=delimiter, lineterminator="\n")
    writer.writerow(["date", "exercise", "notes"])
    writer.writerows([["2026-03-02", *row[1:]] for row in rows])  # no blank rows
    text = out.getvalue()
    fast = _parse_fast("log.csv", text, delimiter)
    exact = _parse_exact("log.csv", text, delimiter)
    assert exact.frame[LINE].tolist() == list(range(2, len(rows) + 2))
    assert cells(exact) == [["2026-03-02", *row[1:]] for row in rows]
    if fast is not None:
        assert_same_table(fast, exact)


def _without_fast_path(monkeypatch):
    monkeypatch.setattr(csvfile, "_parse_fast", lambda *args: None)


@pytest.mark.parametrize(
    "name", ["clean.csv", "unicode_text.txt", "cli_good.csv", "cli_bad.csv", "dayfirst.csv"]
)
def test_the_fast_path_never_changes_what_validate_log_returns(name, monkeypatch):
    fast = validate_log(LOGS / name)
    _without_fast_path(monkeypatch)
    exact = validate_log(LOGS / name)
    pdt.assert_frame_equal(fast.log, exact.log)
    pdt.assert_frame_equal(fast.problems, exact.problems)


def test_the_fast_path_never_changes_a_plain_file_with_errors(monkeypatch):
    text = PLAIN.replace("Toe walking,6", "Toe walking,six").encode()
    fast = validate_log(io.BytesIO(text))
    _without_fast_path(monkeypatch)
    exact = validate_log(io.BytesIO(text))
    assert len(fast.log) == 4 and len(fast.errors) == 1  # 5 rows in PLAIN, one made bad
    pdt.assert_frame_equal(fast.log, exact.log)
    pdt.assert_frame_equal(fast.problems, exact.problems)


def test_raw_frame_is_text():
    raw = table(PLAIN)
    for column in raw.frame.columns.drop(LINE):
        values = raw.frame[column]
        assert pd.api.types.is_string_dtype(values) or isinstance(values.dtype, pd.CategoricalDtype)
