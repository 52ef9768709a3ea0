"""footstats.reading.dialect, exactly: the dialect each log is sniffed as, and every byte a
record is written with (separator, quoting, decimal comma, line ending, encoding).

Written for ``make mutate`` (issue 27): each expected value is worked out by hand from the
bytes of a tiny log, so that a changed comparison, quote rule or codec name fails here.

Equivalent mutants left alive (no test can tell them from the original):

- ``format(..., "F")`` for ``"f"`` in ``Dialect.number``: a ``Decimal`` is written alike
  with both, ``Infinity`` and ``NaN`` included.
- ``_first_lines``' ``maxsplit=2`` left out or made 3: only the first two lines are used
  (the limit only spares splitting the rest of the file).
- ``_fields``' ``i + 1 < n`` as ``i + 2 < n``: they differ only for a quote pair that ends
  the line inside a quoted value, and the line is then not one record either way (None).
- ``_head``'s default of 100 lines, and ``whole = ... == ";"`` for a comma or tab file: the
  head of a file only serves to find its header and first data line, which the first
  101 lines hold whatever the count; only a semicolon file's numbers are looked at.
- ``Dialect.number``: ``format(Decimal(...), "F")`` for ``"f"``: the two differ for no
  number a row can hold (an infinite one is written ``Infinity`` either way and refused:
  tests/writing/test_append_exact.py).
"""

from __future__ import annotations

import pytest

from footstats.reading import dialect as d
from footstats.reading.csvfile import NotALog
from footstats.reading.dialect import DEFAULT, Dialect, sniff


def sniffed(data: bytes, encoding: str | None = None) -> Dialect:
    return sniff("log.csv", data, encoding).dialect


# -- Dialect.number ----------------------------------------------------------------------


@pytest.mark.parametrize(
    ("value", "point", "comma"),
    [
        (60, "60", "60"),
        (60.0, "60", "60"),  # whole floats lose their point
        (60.5, "60.5", "60,5"),
        (-2.25, "-2.25", "-2,25"),
        (1e-7, "0.0000001", "0,0000001"),  # never 1e-07
        (1e16, "10000000000000000", "10000000000000000"),  # never 1e+16
        (0.1, "0.1", "0,1"),  # repr, not the binary expansion
        (True, "1", "1"),
    ],
)
def test_number_is_written_plain_with_the_files_decimal_mark(value, point, comma):
    assert Dialect().number(value) == point
    assert Dialect(decimal_comma=True).number(value) == comma


# -- Dialect.line ------------------------------------------------------------------------


def test_default_dialect_is_plain_utf8_csv():
    assert Dialect("utf-8", b"", ",", "\n", False, False, False, False) == DEFAULT


def test_a_field_is_quoted_only_when_it_needs_it():
    cells = [
        ("Heel raises", "text"),
        ("6", "number"),
        ("", "empty"),
        ("a,b", "text"),  # the delimiter
        ('say "hi"', "text"),  # a quote, doubled inside
        ("two\nlines", "text"),  # a line break
        ("cr\ronly", "text"),
        ("a;b", "text"),  # another file's delimiter: no quotes needed here
    ]
    assert DEFAULT.line(cells) == ('Heel raises,6,,"a,b","say ""hi""","two\nlines","cr\nonly",a;b')


def test_line_breaks_in_a_value_take_the_files_line_ending():
    crlf = Dialect(delimiter=";", newline="\r\n")
    cells = [("a\nb", "text"), ("c\r\nd", "text"), ("e\rf", "text"), ("g,h", "text")]
    assert crlf.line(cells) == '"a\r\nb";"c\r\nd";"e\r\nf";g,h'
    cr = Dialect(delimiter="\t", newline="\r")
    assert cr.line([("a\nb", "text"), ("x\ty", "text"), ("z", "text")]) == '"a\rb"\t"x\ty"\tz'


@pytest.mark.parametrize(
    ("dialect", "expected"),
    [
        (Dialect(), "a,1,"),
        (Dialect(quote_text=True), '"a",1,'),
        (Dialect(quote_numbers=True), 'a,"1",'),
        (Dialect(quote_empty=True), 'a,1,""'),
        (Dialect(quote_text=True, quote_numbers=True, quote_empty=True), '"a","1",""'),
    ],
)
def test_each_quoting_style_quotes_only_its_kind_of_cell(dialect, expected):
    assert dialect.line([("a", "text"), ("1", "number"), ("", "empty")]) == expected


# -- sniff: the dialect of each kind of log ----------------------------------------------


def test_plain_utf8_comma_lf():
    found = sniff("log.csv", b"date,exercise,sets\n2026-04-08,Toe walking,6\n")
    assert found.dialect == DEFAULT
    assert found.header == ["date", "exercise", "sets"]
    assert found.text == "date,exercise,sets\n2026-04-08,Toe walking,6\n"
    assert found.table.header == ["date", "exercise", "sets"]


def test_excel_europe_bom_crlf_semicolons_all_quoted_decimal_comma():
    data = (
        b'\xef\xbb\xbf"date";"exercise";"sets";"seconds"\r\n'
        b'"2026-04-08";"Toe walking";"6";"60,5"\r\n'
    )
    found = sniff("log.csv", data)
    assert found.dialect == Dialect(
        encoding="utf-8",
        bom=b"\xef\xbb\xbf",
        delimiter=";",
        newline="\r\n",
        decimal_comma=True,
        quote_text=True,
        quote_numbers=True,
        quote_empty=False,
    )
    assert found.header == ["date", "exercise", "sets", "seconds"]
    assert found.text.startswith('"date";"exercise";"sets";"seconds"\n"2026')


def test_utf16_little_endian_with_its_bom():
    data = "date,exercise,sets\n2026-04-08,Tö,6\n".encode("utf-16")  # BOM FF FE
    assert data[:2] == b"\xff\xfe"
    assert sniffed(data) == Dialect(encoding="utf-16-le", bom=b"\xff\xfe")


def test_utf16_big_endian_with_its_bom_and_cr_endings():
    data = b"\xfe\xff" + "date,exercise,sets\r2026-04-08,T,6\r".encode("utf-16-be")
    assert sniffed(data) == Dialect(encoding="utf-16-be", bom=b"\xfe\xff", newline="\r")


def test_given_encodings_are_written_without_a_second_bom():
    plain = "date;exercise;sets;seconds\n2026-04-08;Tö;6;60.5\n"
    assert sniffed(plain.encode("cp1252"), "cp1252") == Dialect(encoding="cp1252", delimiter=";")
    assert sniffed(plain.encode("latin-1"), "Latin-1").encoding == "iso8859-1"
    assert sniffed(plain.encode("utf-8-sig"), "UTF-8-SIG") == Dialect(
        encoding="utf-8", bom=b"\xef\xbb\xbf", delimiter=";"
    )
    little = plain.encode("utf-16")
    assert sniffed(little, "utf-16") == Dialect(
        encoding="utf-16-le", bom=b"\xff\xfe", delimiter=";"
    )
    big = b"\xfe\xff" + plain.encode("utf-16-be")
    assert sniffed(big, "UTF16") == Dialect(encoding="utf-16-be", bom=b"\xfe\xff", delimiter=";")


@pytest.mark.parametrize(
    ("encoding", "bom", "codec"),
    [
        (None, b"\xff\xfe", "utf-16-le"),
        (None, b"\xfe\xff", "utf-16-be"),
        (None, b"\xef\xbb\xbf", "utf-8"),
        (None, b"", "utf-8"),
        ("utf-8-sig", b"\xef\xbb\xbf", "utf-8"),
        ("utf-16", b"\xfe\xff", "utf-16-be"),
        ("utf-16", b"\xff\xfe", "utf-16-le"),
        ("utf-16", b"", "utf-16-le"),
        ("CP1252", b"", "cp1252"),
    ],
)
def test_writing_codec(encoding, bom, codec):
    assert d._writing_codec(encoding, bom) == codec


@pytest.mark.parametrize(
    ("raw", "newline"),
    [
        ("a\r\nb\r\nc\n", "\r\n"),  # 2 CRLF, 1 LF
        ("a\nb\nc\r\n", "\n"),  # 2 LF, 1 CRLF
        ("a\rb\rc\n", "\r"),  # 2 CR, 1 LF
        ("a\r\nb\rc\n", "\r\n"),  # one each: CRLF first
        ("a\nb\rc", "\r"),  # one CR, one LF: CR before LF
        ("a\r\nb\n", "\r\n"),  # one CRLF, one LF
        ("abc", "\n"),  # no line break at all
    ],
)
def test_newline_is_the_most_frequent_ending(raw, newline):
    assert d._newline(raw) == newline


def test_quoting_styles_are_read_from_the_header_and_the_first_data_line():
    # header quoted: text quoted; the first data line quotes a number and an empty cell
    data = b'"date","exercise","sets","reps"\n"2026-04-08","Toe walking","6",""\n'
    assert sniffed(data) == Dialect(quote_text=True, quote_numbers=True, quote_empty=True)
    # header partly quoted: not every text is quoted
    data = b'"date",exercise,sets\n2026-04-08,Toe walking,6\n'
    assert sniffed(data) == DEFAULT
    # quoted text in the data, numbers and empty cells bare
    data = b'date,exercise,sets,reps\n"2026-04-08","Toe walking",6,\n'
    assert sniffed(data) == DEFAULT


@pytest.mark.parametrize("number", ["-6", "+6", "6.", ".5", ",5", "6,5", " 6 ", "12"])
def test_a_quoted_number_of_any_shape_means_numbers_are_quoted(number):
    data = f'date\tsets\texercise\n2026-04-08\t"{number}"\tx\n'.encode()
    assert sniffed(data) == Dialect(delimiter="\t", quote_numbers=True)


@pytest.mark.parametrize("text", ["6a", "-", "6.5.1", "1e3", ""])
def test_a_quoted_cell_that_is_no_number_is_not_a_quoted_number(text):
    data = f'date\tsets\texercise\n2026-04-08\t"{text}"\tx\n'.encode()
    assert sniffed(data).quote_numbers is False
    assert sniffed(data).quote_empty is (text == "")


def test_without_a_readable_first_data_line_numbers_and_blanks_follow_the_header():
    quoted = b'"date","exercise","sets"\n'
    assert sniffed(quoted) == Dialect(quote_text=True, quote_numbers=True, quote_empty=True)
    assert sniffed(b"date,exercise,sets\n") == DEFAULT
    # a blank first data line, and a first data line whose quote goes on to the next line
    assert sniffed(b'"date","exercise","sets"\n\n2026-04-08,x,6\n') == Dialect(
        quote_text=True, quote_numbers=True, quote_empty=True
    )
    spread = b'"date","exercise","notes"\n2026-04-08,x,"two\nlines"\n'
    assert sniffed(spread) == Dialect(quote_text=True, quote_numbers=True, quote_empty=True)


@pytest.mark.parametrize(
    ("rows", "comma"),
    [
        (["60,5"], True),  # a decimal comma
        (["60.5"], False),  # a decimal point: the file keeps its points
        (["60", "61"], True),  # no decimal yet: a semicolon file takes commas
        ([",5"], True),
        (["5,"], True),  # not a decimal
        (["5."], True),  # not a decimal
        ([".5"], False),
        (["60,5", "60.5"], True),  # commas win
        ([" 60.5 "], False),
    ],
)
def test_decimal_comma_of_a_semicolon_file_from_its_seconds(rows, comma):
    body = "".join(f"2026-04-08;Toe walking;6;{s}\n" for s in rows)
    data = ("date;exercise;sets;Seconds\n" + body).encode()
    assert sniffed(data).decimal_comma is comma


def test_decimal_comma_is_read_from_minutes_too_and_never_from_pain():
    data = b"date;pain_back;minutes\n2026-04-08;4;12.5\n"
    assert sniffed(data).decimal_comma is False
    data = b"date;exercise;sets;pain_back\n2026-04-08;Toe walking;6;4.5\n"
    assert sniffed(data).decimal_comma is True


def test_a_comma_file_never_has_a_decimal_comma():
    assert sniffed(b'date,exercise,sets,seconds\n2026-04-08,x,6,"60,5"\n').decimal_comma is False
    assert (
        sniffed(b"date\texercise\tsets\tseconds\n2026-04-08\tx\t6\t60,5\n").decimal_comma is False
    )


def test_a_semicolon_file_is_read_whole_for_its_decimals():
    # 150 rows of whole seconds, then one with a decimal point on line 152: past the head
    body = "2026-04-08;Toe walking;6;60\n" * 150 + "2026-04-08;Toe walking;6;60.5\n"
    data = ("date;exercise;sets;seconds\n" + body).encode()
    assert sniffed(data).decimal_comma is False
    found = sniff("log.csv", data)
    assert len(found.table.frame) == 151


def test_a_comma_file_is_read_only_by_its_head():
    body = "2026-04-08,Toe walking,6\n" * 150
    found = sniff("log.csv", ("date,exercise,sets\n" + body).encode())
    assert len(found.table.frame) == 99  # the header and 99 rows: 100 lines
    assert found.text.count("\n") == 151


# -- the helpers, exactly -----------------------------------------------------------------


def test_head_is_the_first_lines_with_their_breaks():
    assert d._head("a\nb\nc\n", 2) == "a\nb\n"
    assert d._head("a\nb\nc\n", 1) == "a\n"
    assert d._head("a\nb\n", 2) == "a\nb\n"
    assert d._head("a\nb", 5) == "a\nb"
    assert d._head("a\nb\nc", 3) == "a\nb\nc"
    assert d._head("a\n\nb\nc\n", 2) == "a\n\n"  # a blank line is a line
    assert d._head("".join(f"{i}\n" for i in range(200))) == "".join(f"{i}\n" for i in range(100))


def test_first_lines_splits_on_any_line_ending():
    assert d._first_lines("h\r\nd\r\ne") == ("h", "d")
    assert d._first_lines("h\rd\re") == ("h", "d")
    assert d._first_lines("h\nd\ne\nf") == ("h", "d")
    assert d._first_lines("h\n  \nx") == ("h", None)
    assert d._first_lines("h") == ("h", None)
    assert d._first_lines("h\n") == ("h", None)
    assert d._first_lines("h\nd") == ("h", "d")  # the last line, without its break


def test_a_quoted_number_on_a_last_line_without_its_break_counts():
    assert sniffed(b'date,sets\n"2026-03-02","6"').quote_numbers is True


@pytest.mark.parametrize(
    ("line", "fields"),
    [
        ("a,b", [("a", False), ("b", False)]),
        ('a,"b""c",,d,', [("a", False), ('b"c', True), ("", False), ("d", False), ("", False)]),
        ('"a","b"', [("a", True), ("b", True)]),
        ('""', [("", True)]),
        ('"",x', [("", True), ("x", False)]),
        ('"a,b",c', [("a,b", True), ("c", False)]),
        ('""""', [('"', True)]),
        ("", [("", False)]),
        (",", [("", False), ("", False)]),
        ("a", [("a", False)]),
        ('"a"', [("a", True)]),
        ('"a', None),  # the quote goes on
        ('"a""', None),
        ('"a"x,b', None),  # text after the closing quote
        ('x,"a"b', None),
    ],
)
def test_fields_of_one_line(line, fields):
    assert d._fields(line, ",") == fields


def test_fields_with_another_delimiter():
    assert d._fields('"a";b;"c"', ";") == [("a", True), ("b", False), ("c", True)]
    assert d._fields("a,b;c", ";") == [("a,b", False), ("c", False)]


def test_decimal_marks_of_both_seconds_and_minutes_count():
    data = b"date;exercise;sets;seconds;minutes\n2026-04-08;x;6;60,5;12.5\n"
    assert sniffed(data).decimal_comma is True  # a comma anywhere wins
    data = b"date;exercise;sets;seconds;minutes\n2026-04-08;x;6;60.5;12\n"
    assert sniffed(data).decimal_comma is False  # a point, and no comma
    data = b"date;exercise;sets;minutes;seconds\n2026-04-08;x;6;12.5;60,5\n"
    assert sniffed(data).decimal_comma is True


def test_an_infinite_number_is_written_as_decimal_does():
    assert Dialect().number(float("inf")) == "Infinity"


def test_the_problems_of_a_file_sniffed_name_it():
    with pytest.raises(NotALog) as empty:
        sniff("log.csv", b"")
    assert [(r["file"], r["line"], r["code"]) for r in empty.value.records] == [
        ("log.csv", 1, "FS002")
    ]
    with pytest.raises(NotALog) as wide:  # refused by the parser: 1,201 columns
        sniff("wide.csv", ("a," * 1200 + "\n").encode())
    assert [(r["file"], r["code"]) for r in wide.value.records] == [("wide.csv", "FS009")]


def test_a_bom_that_is_not_the_encoding_given_is_sniffed_without_a_crash():
    # UTF-16-LE said for a file with UTF-8's BOM: the text after the BOM is 21 bytes (the
    # last one half a character), read with a replacement character instead of raising
    data = b"\xef\xbb\xbf" + "date,sets\n".encode("utf-16-le") + b"x"
    assert sniffed(data, "utf-16-le") == Dialect(
        encoding="utf-16-le", bom=b"\xef\xbb\xbf", delimiter=",", newline="\n"
    )
