"""footstats.reading.csvfile, exactly: every problem of the file layer with its line, value,
code and message, the raw table's cells and physical lines, and the limits on both sides
(issue 27, for ``make mutate``).

Equivalent mutants left alive: ``len(head) // 4`` as ``/ 4`` in ``_binary_message`` and
``// 20`` as ``/ 20`` in ``_looks_binary`` (a whole count is above n / 4 exactly when it is
above n // 4); in
``_width_problem``, ``len(record) > width`` as ``>=`` (it is only called for a record whose
width is not the header's); in ``_stray_quote``, ``quoted = None`` for ``quoted = False``
(both false: ``quoted`` is only tested for truth); in ``_LineQuotes.closing_line``,
``total - before`` as ``total + before`` (a difference and a sum have the same parity, and
only the parity is used).
"""

from __future__ import annotations

import csv
import io

import pytest

from footstats.reading import csvfile as c

UTF8 = (
    "the file was probably saved by an older Excel as Windows-1252; save it as 'CSV UTF-8', "
    "or read it with encoding='cp1252' (footstats check --encoding cp1252)"
)
STRAY = (
    "has a quote inside it that is not doubled: write a quote inside a quoted value as two "
    '(""), or export the file again'
)


def not_a_log(data, encoding=None) -> list[tuple]:
    with pytest.raises(c.NotALog) as info:
        text, notes = c.decode("log.csv", data, encoding)
        c.parse_table("log.csv", text, notes)
    assert str(info.value) == info.value.records[0]["message"]
    return [tuple(p.values()) for p in info.value.records]


def parsed(data: bytes, encoding=None):
    text, notes = c.decode("log.csv", data, encoding)
    table = c.parse_table("log.csv", text, notes)
    values = table.frame.drop(columns="line").astype("str").values.tolist()
    problems = [tuple(p.values()) for p in table.problems]
    return table, values, table.frame["line"].tolist(), problems


# -- what is not a log ----------------------------------------------------------------------


@pytest.mark.parametrize(
    ("data", "encoding", "expected"),
    [
        (b"", None, ("log.csv", 1, "-", "", "error", "FS002", "empty file, expected a header")),
        (
            b"PK\x03\x04xx",
            None,
            (
                "log.csv",
                None,
                "-",
                "",
                "error",
                "FS003",
                "this is an Excel workbook, not a CSV file: export it as CSV "
                "(File > Save As > CSV UTF-8)",
            ),
        ),
        (
            b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1xx",
            None,
            (
                "log.csv",
                None,
                "-",
                "",
                "error",
                "FS003",
                "this is an Excel workbook, not a CSV file: export it as CSV "
                "(File > Save As > CSV UTF-8)",
            ),
        ),
        (
            b"\x00\x01\x02\x03" * 10,
            None,
            (
                "log.csv",
                None,
                "-",
                "",
                "error",
                "FS004",
                "not a text file: expected a CSV log (text with one row per exercise per session)",
            ),
        ),
        (
            "date,sets\n".encode("utf-16-le"),
            None,
            (
                "log.csv",
                None,
                "-",
                "",
                "error",
                "FS004",
                "not a text file: it looks like UTF-16 without a byte-order mark; pass "
                "encoding='utf-16-le' (footstats check --encoding utf-16-le)",
            ),
        ),
        (
            "date,sets\n".encode("utf-16-be"),
            None,
            (
                "log.csv",
                None,
                "-",
                "",
                "error",
                "FS004",
                "not a text file: it looks like UTF-16 without a byte-order mark; pass "
                "encoding='utf-16-be' (footstats check --encoding utf-16-be)",
            ),
        ),
        (
            b"date,exercise\n2026-03-02,Caf\xe9\n2026-03-03,x\n2026-03-04,\xe9\xe9\n2026-03-05,\xe9\n",
            None,
            (
                "log.csv",
                2,
                "-",
                "0xE9",
                "error",
                "FS005",
                f"byte 0xE9 is not UTF-8 (and 2 more lines): {UTF8}",
            ),
        ),
        (
            b"date,exercise\r\n2026-03-02,x\r2026-03-03,Caf\xe9\r\n",
            None,
            ("log.csv", 3, "-", "0xE9", "error", "FS005", f"byte 0xE9 is not UTF-8: {UTF8}"),
        ),
        (
            b"date,x\n1,2\n",
            "nope",
            ("log.csv", None, "-", "nope", "error", "FS006", "unknown encoding 'nope'"),
        ),
    ],
)
def test_what_is_not_a_log(data, encoding, expected):
    assert not_a_log(data, encoding) == [expected]


def test_the_binary_threshold_is_one_control_byte_in_twenty():
    assert not c._looks_binary(b"\x00" * 5 + b"a" * 95)
    assert c._looks_binary(b"\x00" * 6 + b"a" * 94)
    assert c._looks_binary(b"\x01" * 6 + b"a" * 94)
    assert c._looks_binary(b"\x1f" * 10 + b"a" * 10)
    assert c._looks_binary(b"\t\n\r" * 50 + b"\x0e" * 8)  # tab, LF and CR are text
    assert not c._looks_binary(b"\t\n\r" * 50 + b"\x0e" * 7)
    assert not c._looks_binary(b"\x20" * 10)
    assert not c._looks_binary(b"\x08" * 2 + b"\x09\x0a\x0b\x0c\x0d" * 8)
    # only the first 4,096 bytes are looked at
    assert not c._looks_binary(b"a" * 4096 + b"\x00" * 4096)


def test_a_nul_byte_in_a_text_file_is_read():
    table, values, _, _ = parsed(b"date,notes\n2026-03-02,a\x00b\n" + b"x" * 200 + b"\n")
    assert values[0] == ["2026-03-02", "a\x00b"]


def test_a_header_too_long_or_too_wide():
    assert not_a_log(b"x" * 65537 + b"\n") == [
        (
            "log.csv",
            1,
            "-",
            "",
            "error",
            "FS008",
            "the first line is 65,537 characters long; expected a header of column names "
            "(at most 65,536 characters): is this a log?",
        )
    ]
    assert parsed(b"x" * 65536)[0].header == ["x" * 65536]
    assert not_a_log(b"a," * 1000 + b"\n1\n") == [
        (
            "log.csv",
            1,
            "-",
            "",
            "error",
            "FS009",
            "the header has 1,001 columns; a log has at most 1,000 (is this a log, or exported "
            "with another delimiter?)",
        )
    ]
    assert len(parsed(b"a," * 999 + b"a\n")[0].header) == 1000
    # only the first line counts
    assert len(parsed(b"a;b\n" + b";" * 2000 + b"\n")[0].header) == 2


def test_a_text_without_a_line_has_no_header():
    with pytest.raises(c.NotALog) as info:
        c.parse_table("log.csv", "", [])
    assert [tuple(p.values()) for p in info.value.records] == [
        ("log.csv", 1, "-", "", "error", "FS010", "no header line")
    ]


# -- decode -----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("data", "encoding", "dialect"),
    [
        (b"date,x\n1,2\n", None, ""),
        (b"\xef\xbb\xbfdate,x\n1,2\n", None, "UTF-8 with a byte-order mark"),
        ("date,x\n1,2\n".encode("utf-16"), None, "UTF-16 (little-endian)"),
        (b"\xfe\xff" + "date,x\n1,2\n".encode("utf-16-be"), None, "UTF-16 (big-endian)"),
        (b"date,x\n1,\xe9\n", "cp1252", "as cp1252"),
        (b"date,x\r1,2\r\n3,4\n", None, "mixed line endings (CRLF, CR, LF)"),
        (b"date,x\r1,2\n", None, "mixed line endings (CR, LF)"),
        (b"date,x\r\n1,2\n", None, "mixed line endings (CRLF, LF)"),
        (b"date,x\r1,2\r", None, "CR line endings"),
        (b"date,x\r\n1,2\r\n", None, "CRLF line endings"),
        (b"date;x\r\n1;2\r\n", None, "CRLF line endings, semicolon-separated"),
        (b"date\tx\n1\t2\n", None, "tab-separated"),
    ],
)
def test_what_was_noticed_of_the_file(data, encoding, dialect):
    table, values, lines, problems = parsed(data, encoding)
    assert table.dialect == dialect
    notice = [("log.csv", None, "-", "", "notice", "FS007", f"read {dialect}")]
    assert problems == (notice if dialect else [])
    assert values[0][0] == "1" and lines[0] == 2


def test_decode_of_text_and_of_bytes():
    assert c.decode("log.csv", "a\r\nb\rc\n", None) == (
        "a\nb\nc\n",
        ["mixed line endings (CRLF, CR, LF)"],
    )
    assert c.decode("log.csv", "a\nb", None) == ("a\nb", [])
    assert c.decode("log.csv", b"\xef\xbb\xbfa\r\n", None) == (
        "a\n",
        ["UTF-8 with a byte-order mark", "CRLF line endings"],
    )


# -- sources --------------------------------------------------------------------------------


def test_source_labels_and_contents(tmp_path):
    assert c.source_label(b"x") == "<bytes>" and c.source_label(bytearray(b"x")) == "<bytes>"
    assert c.source_label(io.StringIO("x")) == "<buffer>"
    path = tmp_path / "log.csv"
    path.write_bytes(b"a\n")
    assert c.source_label(path) == str(path) and c.source_label(str(path)) == str(path)
    assert c.read_source(bytearray(b"a")) == b"a" and type(c.read_source(bytearray(b"a"))) is bytes
    assert c.read_source(path) == b"a\n" and c.read_source(str(path)) == b"a\n"
    assert c.read_source(io.StringIO("t")) == "t"
    with pytest.raises(c.Unreadable) as info:
        c.read_source(tmp_path / "none.csv")
    missing = tmp_path / "none.csv"
    assert info.value.record == {
        "file": str(missing),
        "line": None,
        "column": "-",
        "value": "",
        "severity": "error",
        "code": "FS001",
        "message": f"cannot read {missing}: No such file or directory",
    }
    assert str(info.value) == info.value.record["message"]
    with pytest.raises(TypeError) as info:
        c.read_source(3)
    assert str(info.value) == "expected a path, bytes or an open file, got int"


# -- the delimiter -------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "delimiter"),
    [
        ("a;b,c;d", ";"),
        ("abc", ","),
        ("a\tb\tc;d;e", ";"),  # a tie: comma, semicolon, tab in that order
        ("a,b;c", ","),
        ("a;b\tc", ";"),
        ("a\tb\tc;d", "\t"),
        ('"a;b;c",d\n;;;;', ","),  # quoted names and the lines below do not count
        ("", ","),
    ],
)
def test_sniff_delimiter(text, delimiter):
    assert c.sniff_delimiter(text) == delimiter


# -- records, lines and widths ---------------------------------------------------------------


def test_blank_lines_are_skipped_with_their_lines():
    table, values, lines, problems = parsed(b"a,b\n1,2\n\n,\n  ,  \n3,4\n")
    assert values == [["1", "2"], ["3", "4"]] and lines == [2, 6]
    assert problems == [
        ("log.csv", 3, "-", "", "notice", "FS015", "skipped 3 blank line(s): 3, 4, 5")
    ]
    assert table.lines == 6 and table.spans == {}


def test_a_delimiter_only_line_on_the_fast_path():
    table, values, lines, problems = parsed(b"a,b\n1,2\n,\n3,4\n")
    assert values == [["1", "2"], ["3", "4"]] and lines == [2, 4]
    assert problems == [("log.csv", 3, "-", "", "notice", "FS015", "skipped 1 blank line(s): 3")]
    assert table.lines == 4


def test_a_quoted_line_break_spans_two_lines():
    table, values, lines, problems = parsed(b'a,b\n1,"x\ny"\n3,4\n')
    assert values == [["1", "x\ny"], ["3", "4"]] and lines == [2, 4]
    assert table.spans == {2: 3} and table.lines == 4 and problems == []


def test_an_unclosed_quote_swallows_the_rest():
    table, values, lines, problems = parsed(b'a,b\n1,"x\n3,4\n')
    assert values == [] and table.spans == {2: 3}
    assert problems == [
        (
            "log.csv",
            2,
            "-",
            "",
            "error",
            "FS011",
            "lines 2–3 read as one value: a quote opened on line 2 is never closed: close it "
            "or remove it",
        )
    ]
    table, values, lines, problems = parsed(b'a,b\n1,2\n3,"x')
    assert problems[0][6] == ("a quote opened on this line is never closed: close it or remove it")
    assert values == [["1", "2"]] and lines == [2]


def test_a_stray_quote_names_its_column():
    table, values, lines, problems = parsed(b'a,b\n1,"x"y,2\n3,4\n')
    assert problems == [
        (
            "log.csv",
            2,
            "-",
            "",
            "error",
            "FS012",
            f"the value of 'b' that opens with a quote {STRAY}",
        )
    ]
    assert values == [["3", "4"]] and lines == [3] and table.spans == {2: 2}


def test_a_stray_quote_over_two_lines_names_both():
    table, values, lines, problems = parsed(b'a,b\n1,"x\ny"z\nw",2\n3,4\n')
    assert problems == [
        (
            "log.csv",
            2,
            "-",
            "",
            "error",
            "FS012",
            "lines 2–3 read as one value: the value of 'b' that opens with a quote on line 2 "
            "has a quote inside it on line 3 that is not doubled: write a quote inside a quoted "
            'value as two (""), or export the file again',
        )
    ]
    # reading resumes after the record's quotes balance (line 3), never inside a value
    assert lines == [4, 5] and values[1] == ["3", "4"]


def test_stray_quote_positions():
    assert c._stray_quote('1,"x"y\n', 0, 2, ",", ["a", "b"]) == ("'b'", 2, 2)
    assert c._stray_quote('1,"x"y\n', 0, 2, ",", ["a"]) == ("column 2", 2, 2)
    assert c._stray_quote('1,"x"y\n', 0, 2, ",", None) == ("column 2", 2, 2)
    assert c._stray_quote('1,"x"y\n', 0, 2, ",", ["a", ""]) == ("column 2", 2, 2)
    assert c._stray_quote('1,"x\n"y\n', 0, 7, ",", ["a", "b"]) == ("'b'", 7, 8)
    assert c._stray_quote('1\n"x\n"y\n', 2, 3, ",", ["a"]) == ("'a'", 3, 4)
    assert c._stray_quote("1,2\n", 0, 2, ",", None) is None
    assert c._stray_quote('"x""y"', 0, 2, ",", None) is None
    assert c._stray_quote('"x"\r', 0, 2, ",", None) is None
    assert c._stray_quote('"x";"y"z', 0, 2, ";", ["a", "b"]) == ("'b'", 2, 2)
    assert c._stray_quote('"x",y\n"z"w', 0, 2, ",", None) is None


def test_invalid_record_without_a_stray_quote():
    problem = c._quote_problem("log.csv", 4, 4, "bad", 4)
    assert problem["message"] == "this record is not valid CSV (bad); check its quotes"
    assert (problem["line"], problem["code"]) == (4, "FS012")
    spread = c._quote_problem("log.csv", 4, 6, "bad", 6)
    assert spread["message"] == (
        "lines 4–6 read as one value: this record is not valid CSV (bad); check its quotes"
    )


def test_line_quotes_find_where_quotes_balance():
    quotes = c._LineQuotes('a\n"b\nc"\n"d\n')
    assert quotes.total.tolist() == [0, 1, 2, 3, 3]
    assert quotes.closing_line(2, 2) == 3
    assert quotes.closing_line(2, 3) == 3
    assert quotes.closing_line(4, 4) is None
    assert quotes.closing_line(1, 1) == 1
    assert c._LineQuotes('"a"\n"b\n"\n').closing_line(2, 2) == 3


def test_wrong_widths_and_trailing_delimiters():
    table, values, lines, problems = parsed(b"a,b\n1,2,3\n1\n1,2,,\n1,2,\n")
    assert values == [["1", "2"], ["1", "2"]] and lines == [4, 5]
    assert problems == [
        (
            "log.csv",
            2,
            "-",
            "3",
            "error",
            "FS013",
            "3 values but the header has 2 columns; extra values: '3' (a delimiter inside a "
            "value needs quotes)",
        ),
        (
            "log.csv",
            3,
            "-",
            "",
            "error",
            "FS014",
            "1 values but the header has 2 columns; missing: b",
        ),
        (
            "log.csv",
            4,
            "-",
            "",
            "notice",
            "FS016",
            "ignored empty values after the last column (a trailing delimiter) on 2 line(s): 4, 5",
        ),
    ]


def test_many_or_long_extra_values_are_cut():
    extra = b",".join(b"v%d" % i for i in range(12))
    shown = ", ".join(f"'v{i}'" for i in range(10))
    assert parsed(b"a,b\n1,2," + extra + b"\n")[3] == [
        (
            "log.csv",
            2,
            "-",
            ", ".join(f"v{i}" for i in range(10)),
            "error",
            "FS013",
            f"14 values but the header has 2 columns; extra values: {shown} and 2 more "
            "(a delimiter inside a value needs quotes)",
        )
    ]
    ten = b",".join(b"v%d" % i for i in range(10))
    assert " and " not in parsed(b"a,b\n1,2," + ten + b"\n")[3][0][6]
    long = parsed(b"a,b\n1,2," + b"x" * 100 + b"\n")[3][0]
    assert long[3] == "x" * 80
    assert long[6] == (
        f"3 values but the header has 2 columns; extra values: '{'x' * 80}' (a delimiter "
        "inside a value needs quotes)"
    )
    many = b",".join(b"v" for _ in range(1012))
    assert "and 1,002 more (a delimiter" in parsed(b"a,b\n1,2," + many + b"\n")[3][0][6]


def test_wrong_widths_over_joined_lines():
    assert parsed(b'a,b\n"1\n2",3,4\n')[3] == [
        (
            "log.csv",
            2,
            "-",
            "4",
            "error",
            "FS013",
            "3 values but the header has 2 columns; extra values: '4' (a quote on this line is "
            "only closed on line 3, joining the lines between)",
        )
    ]
    assert parsed(b'a, b ,c \n"1\n2",3\n')[3] == [
        (
            "log.csv",
            2,
            "-",
            "",
            "error",
            "FS014",
            "2 values but the header has 3 columns; missing: c (a quote on this line is only "
            "closed on line 3, joining the lines between)",
        )
    ]


def test_line_count():
    assert [c.line_count(t) for t in ("a\nb", "a\nb\n", "", "\n", "a")] == [2, 2, 1, 1, 1]


def test_the_csv_field_limit_is_lifted_for_a_read_and_restored():
    old = csv.field_size_limit()
    big = "x" * (old + 10)
    table, values, _, problems = parsed(f'a,b\n1,"{big}\n"\n'.encode())
    assert values == [["1", big + "\n"]] and problems == []
    assert csv.field_size_limit() == old


# -- the fast path -------------------------------------------------------------------------------


def plain(data: bytes):
    table = c.parse_plain("log.csv", data, None)
    if table is None:
        return None
    values = table.frame.drop(columns="line").astype("str").values.tolist()
    return values, table.frame["line"].tolist(), [tuple(p.values()) for p in table.problems]


def test_parse_plain_reads_plain_utf8():
    assert plain(b"a,b\n1,2\n") == ([["1", "2"]], [2], [])
    assert plain(b"a,b\n1,2") == ([["1", "2"]], [2], [])
    assert plain(b"\xef\xbb\xbfa;b\r\n1;2\r\n") == (
        [["1", "2"]],
        [2],
        [
            (
                "log.csv",
                None,
                "-",
                "",
                "notice",
                "FS007",
                "read UTF-8 with a byte-order mark, CRLF line endings, semicolon-separated",
            )
        ],
    )
    assert plain(b"a,b\n1,2\n,\n") == (
        [["1", "2"]],
        [2],
        [("log.csv", 3, "-", "", "notice", "FS015", "skipped 1 blank line(s): 3")],
    )
    assert plain(b'a,b\n1,"x,y"\n') == ([["1", "x,y"]], [2], [])
    assert c.parse_plain("log.csv", b"a,b\n1,2\n3,4\n", None).lines == 3


@pytest.mark.parametrize(
    "data",
    [
        b"a,b\r\n1,2\n",  # mixed endings
        b"a,b\r1,2\r",  # CR
        b"a,b",  # no line after the header
        b"a,b\n1,\xe9\n",  # not UTF-8
        b"\xe9,b\n1,2\n",
        b'a,b\n1,"x"y\n',  # odd quoting
        b'"a",b\n1,2\n',  # a quoted header
        b"a,b\n1,2\n\n",  # a blank line
        b"a,b\n\n1,2\n",
        b"a,b\n",  # a header alone
        b"a,b\n1,\x002\n",  # a NUL byte
        b"PK\x03\x04a,b\n1,2\n",
        b'a,b\n1,"x\ny"\n',  # a quoted line break
        b"x" * 65537 + b"\n1\n",
    ],
)
def test_parse_plain_declines_what_is_not_plain(data):
    assert c.parse_plain("log.csv", data, None) is None


def test_parse_plain_declines_text_and_a_given_encoding():
    assert c.parse_plain("log.csv", "a,b\n1,2\n", None) is None
    assert c.parse_plain("log.csv", b"a,b\n1,2\n", "utf-8") is None


def test_parse_plain_checks_the_header_size():
    with pytest.raises(c.NotALog):
        c.parse_plain("log.csv", b"a," * 1000 + b"\n1\n", None)


@pytest.mark.parametrize(
    ("data", "plain"),
    [
        (b'1,"x"\n', True),
        (b'1,"x""y"\n', True),
        (b'1,"x"y\n', False),
        (b'"x', False),
        (b'"x"', True),
        (b'a"b"c', False),
        (b'1;"x";2', True),
        (b'1;"x,"y', False),
        (b'"a"\n"b"', True),
    ],
)
def test_quotes_are_plain(data, plain):
    delimiter = ";" if b";" in data else ","
    assert c._quotes_are_plain(data, delimiter) is plain


def test_whole_number_columns_are_typed_on_the_fast_path():
    table = c.parse_table("log.csv", "a,sets\nx,6\ny,\n", [], whole=lambda name: name == "sets")
    assert str(table.frame[1].dtype) == "Int64"
    assert table.frame[1].tolist()[0] == 6
    assert str(table.frame[0].dtype) != "Int64"


@pytest.mark.parametrize(
    ("data", "encoding", "byte", "tail"),
    [
        (b"date,x\r1,\xe9\r2,\xe9\r3,ok\r", None, "0xE9", " (and 1 more lines)"),  # CR endings
        (b"date,x\n1,\xe9\n2,\xe9 \xe9\n3,ok\n", None, "0xE9", " (and 1 more lines)"),
        (b"date,x\n1,\xe9\n2,ok\n", None, "0xE9", ""),
        # ASCII given: each byte of a UTF-8 letter is a bad byte; the lines below count too
        (b"date,x\n1,\xc3\xa9\n2,\xc3\xa9\n3,ok\n", "ascii", "0xC3", " (and 1 more lines)"),
    ],
)
def test_a_decoding_error_counts_the_other_lines_with_bad_bytes(data, encoding, byte, tail):
    assert not_a_log(data, encoding) == [
        ("log.csv", 2, "-", byte, "error", "FS005", f"byte {byte} is not UTF-8{tail}: {UTF8}")
    ]


def test_the_utf16_guess_reads_the_first_200_bytes_and_ties_go_to_little_endian():
    assert c._binary_message(b"\x00" * 200) == (
        "not a text file: it looks like UTF-16 without a byte-order mark; pass "
        "encoding='utf-16-le' (footstats check --encoding utf-16-le)"
    )
    # 50 zero bytes in even places of the first 200 (a quarter: not more), one more after
    data = bytearray(b"a" * 201)
    for i in range(0, 100, 2):
        data[i] = 0
    data[200] = 0
    assert c._binary_message(bytes(data)) == (
        "not a text file: expected a CSV log (text with one row per exercise per session)"
    )
    data[198] = 0  # 51 of 200
    assert "encoding='utf-16-be'" in c._binary_message(bytes(data))


def test_only_the_first_4096_bytes_are_looked_at_for_binary():
    # 204 control bytes in the first 4,096 (one in 20: not more), one more after them
    data = b"\x01" * 204 + b"a" * (4096 - 204) + b"\x01"
    assert not c._looks_binary(data)
    assert c._looks_binary(b"\x01" * 205 + b"a" * (4096 - 205))


def test_several_missing_values_are_listed():
    assert parsed(b"a,b,c\n1\n")[3] == [
        (
            "log.csv",
            2,
            "-",
            "",
            "error",
            "FS014",
            "1 values but the header has 3 columns; missing: b, c",
        )
    ]


def test_stray_quotes_after_doubled_ones():
    assert c._stray_quote('"a""b"c,d', 0, 2, ",", ["x", "y"]) == ("'x'", 2, 2)
    assert c._stray_quote('"a"""b', 0, 2, ",", ["x"]) == ("'x'", 2, 2)
    assert c._stray_quote('"a""",b"c', 0, 2, ",", ["x", "y"]) is None
    assert c._stray_quote('"a\nb"c', 0, 5, ",", ["x"]) == ("'x'", 5, 6)
    assert c._stray_quote('x,"a"\ny"z', 0, 2, ",", ["p", "q"]) is None


def test_quotes_balance_from_a_later_line():
    quotes = c._LineQuotes('"a\nb"\n"c\nd"\n')
    assert quotes.total.tolist() == [1, 2, 3, 4, 4]
    assert quotes.closing_line(3, 3) == 4
    assert quotes.closing_line(2, 2) == 3
    assert quotes.closing_line(3, 4) == 4
    assert quotes.closing_line(1, 1) == 2


def test_an_invalid_record_problem_in_full():
    assert c._quote_problem("log.csv", 4, 4, "bad", 4) == {
        "file": "log.csv",
        "line": 4,
        "column": "-",
        "value": "",
        "severity": "error",
        "code": "FS012",
        "message": "this record is not valid CSV (bad); check its quotes",
    }


def test_two_quote_problems_keep_the_lines_after_the_first():
    # lines 2-3: a stray quote in a value over two lines (reading resumes at line 4, whose
    # 'w"' is a value of its own); line 6: a stray quote on one line; lines 4, 5 and 7 read
    data = b'a,b\n1,"x\ny"z\nw",2\n3,4\n5,"p"q\n7,8\n'
    table, values, lines, problems = parsed(data)
    assert values == [['w"', "2"], ["3", "4"], ["7", "8"]] and lines == [4, 5, 7]
    assert table.spans == {2: 3, 6: 6} and table.lines == 7
    assert problems == [
        (
            "log.csv",
            2,
            "-",
            "",
            "error",
            "FS012",
            "lines 2–3 read as one value: the value of 'b' that opens with a quote on line 2 "
            f"has a quote inside it on line 3 that is not doubled: {STRAY.split(': ', 1)[1]}",
        ),
        (
            "log.csv",
            6,
            "-",
            "",
            "error",
            "FS012",
            f"the value of 'b' that opens with a quote {STRAY}",
        ),
    ]
