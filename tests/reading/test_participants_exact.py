"""footstats.reading.participants, exactly: one bad cell per rule of the participants table,
each with its line, column, value, severity, code and message, the valid rows as read, and
the enrolment checks against a log (issue 27, for ``make mutate``).

``strict=True`` of the zip over two columns of one table (never unequal) is on a line of
its own, which ``do_not_mutate_patterns`` skips; the redundant casts (``dtype=object`` of
arrays that are object already, ``to_numpy("int64")`` of the int64 line column),
``fillna(False)`` of ``end < start`` (a comparison with NaT is False, never missing) and
the NaT written out in an empty datetime column were removed.

Equivalent mutant left alive: the empty ``end`` column made without ``index=`` (the
assignment aligns it on the table's index and fills every row with NaT all the same).
"""

from __future__ import annotations

from io import StringIO

import numpy as np
import pandas as pd
import pytest

from footstats.errors import LogError
from footstats.reading.participants import (
    enrolment_problems,
    read_participants,
    validate_participants,
)

NA = pd.NA

# one rule broken per line, lines 4-12; lines 2, 3 and 13 are valid
BAD = """participant,start,end,weeks,group,Start,notes
p1,2026-03-02,,12,home,x,
p2,2026-03-16,2026-05-31,,clinic,,
,2026-03-02,,,,,
p1,2026-03-09,,,,,
p3,2026-13-01,,,,,
p4,2026-03-10,2026-03-09,,,,
p5,2026-03-10,2026-03-11,4,,,
p6,2026-03-10,,0,,,
p7,2026-03-10,,x,,,
p8,2026-03-10,2026-02-30,,,,
p9,2026-03-10,2026-03-10,,,,
"""


def rows(problems: pd.DataFrame) -> list[tuple]:
    return [tuple(row) for row in problems.itertuples(index=False)]


def test_one_bad_cell_per_rule_with_line_column_code_and_message():
    loaded = validate_participants(StringIO(BAD))
    assert loaded.problems.columns.tolist() == [
        "file",
        "line",
        "column",
        "value",
        "severity",
        "code",
        "message",
    ]
    assert rows(loaded.problems) == [
        ("<buffer>", 1, "Start", "Start", "error", "FS701", "a second 'start' column"),
        (
            "<buffer>",
            1,
            "notes",
            "notes",
            "warning",
            "FS702",
            "column 'notes' is not used (expected participant, start, end, weeks, group)",
        ),
        ("<buffer>", 4, "participant", "", "error", "FS704", "the participant is blank"),
        ("<buffer>", 5, "participant", "p1", "error", "FS705", "listed twice: also on line 2"),
        ("<buffer>", 6, "start", "2026-13-01", "error", "FS216", "'2026-13-01' is not a real date"),
        (
            "<buffer>",
            7,
            "end",
            "2026-03-09",
            "error",
            "FS706",
            "the end is before the start (2026-03-10)",
        ),
        (
            "<buffer>",
            8,
            "weeks",
            "4",
            "error",
            "FS706",
            "both an end and weeks: give one of them",
        ),
        (
            "<buffer>",
            9,
            "weeks",
            "0",
            "error",
            "FS706",
            "0 weeks: expected a whole number of weeks >= 1",
        ),
        (
            "<buffer>",
            10,
            "weeks",
            "x",
            "error",
            "FS208",
            "'x' is not a number; expected a whole number ≥ 1 (weeks of the programme)",
        ),
        ("<buffer>", 11, "end", "2026-02-30", "error", "FS216", "'2026-02-30' is not a real date"),
    ]
    assert not loaded.ok and loaded.readable and loaded.file == "<buffer>"


def test_the_valid_rows_as_read():
    table = validate_participants(StringIO(BAD)).table
    expected = pd.DataFrame(
        {
            "line": np.array([2, 3, 12], dtype="int64"),
            "participant": pd.Series(["p1", "p2", "p9"], dtype="str"),
            "start": pd.Series(
                pd.to_datetime(["2026-03-02", "2026-03-16", "2026-03-10"]), dtype="datetime64[us]"
            ),
            "end": pd.Series(
                pd.to_datetime([None, "2026-05-31", "2026-03-10"]), dtype="datetime64[us]"
            ),
            "weeks": pd.array([12, NA, NA], dtype="Int64"),
            "group": pd.Series(["home", "clinic", np.nan], dtype="str"),
        }
    )
    pd.testing.assert_frame_equal(table, expected)


def test_headers_in_any_case_accents_in_one_form_and_a_blank_start():
    text = " Participant ,START,Weeks\n\u00e9,2026-03-02,2\ne\u0301,2026-03-03,\np2,,\u200b3\n"
    loaded = validate_participants(StringIO(text))
    assert rows(loaded.problems) == [
        ("<buffer>", 3, "Participant", "é", "error", "FS705", "listed twice: also on line 2"),
        (
            "<buffer>",
            4,
            "START",
            "",
            "error",
            "FS212",
            "the date is blank; every row needs its date (YYYY-MM-DD)",
        ),
    ]
    assert loaded.table.columns.tolist() == ["line", "participant", "start", "end", "weeks"]
    assert loaded.table.values.tolist() == [[2, "é", pd.Timestamp("2026-03-02"), pd.NaT, 2]]
    assert str(loaded.table["end"].dtype) == "datetime64[us]"  # no end column: all NaT


def test_a_table_without_end_or_weeks_has_them_empty_and_typed():
    loaded = validate_participants(StringIO("\u200bparticipant,start\u00a0\np1,2026-03-02\n"))
    assert loaded.ok and loaded.problems.empty
    assert {c: str(t) for c, t in loaded.table.dtypes.items()} == {
        "line": "int64",
        "participant": "str",
        "start": "datetime64[us]",
        "end": "datetime64[us]",
        "weeks": "Int64",
    }
    assert loaded.table["weeks"].isna().all() and loaded.table["end"].isna().all()


def test_a_header_with_invisible_characters_is_named_without_them():
    # the zero-width space (U+200B) before "start" and the no-break space after it are not
    # whitespace to str.strip(); the problem names the column as a reader sees it
    loaded = validate_participants(StringIO("participant,\u200bstart\u00a0\np1,2026-02-30\n"))
    assert rows(loaded.problems) == [
        (
            "<buffer>",
            2,
            "start",
            "2026-02-30",
            "error",
            "FS216",
            "'2026-02-30' is not a real date",
        )
    ]
    assert loaded.table.empty


def test_blank_participants_are_blank_not_listed_twice():
    loaded = validate_participants(StringIO("participant,start\n,2026-03-02\n,2026-03-03\n"))
    assert [p[1:6] for p in rows(loaded.problems)] == [
        (2, "participant", "", "error", "FS704"),
        (3, "participant", "", "error", "FS704"),
    ]


def test_problems_of_the_file_layer_name_the_file():
    loaded = validate_participants(StringIO("participant,start\np1,2026-03-02,x\n"))
    assert rows(loaded.problems)[0][:6] == ("<buffer>", 2, "-", "x", "error", "FS013")


def test_without_the_required_columns():
    loaded = validate_participants(StringIO("who,when\nx,y\n"))
    assert loaded.file == "<buffer>"
    message = "no 'participant' or 'start' column; expected a header like "
    assert rows(loaded.problems) == [
        ("<buffer>", 1, "-", "", "error", "FS703", message + "participant,start[,end,weeks,group]"),
        (
            "<buffer>",
            1,
            "who",
            "who",
            "warning",
            "FS702",
            "column 'who' is not used (expected participant, start, end, weeks, group)",
        ),
        (
            "<buffer>",
            1,
            "when",
            "when",
            "warning",
            "FS702",
            "column 'when' is not used (expected participant, start, end, weeks, group)",
        ),
    ]
    assert loaded.table.empty
    assert {c: str(t) for c, t in loaded.table.dtypes.items()} == {
        "line": "int64",
        "participant": "object",
        "start": "datetime64[us]",
        "end": "datetime64[us]",
        "weeks": "Int64",
    }
    only_start = validate_participants(StringIO("participant,when\nx,y\n"))
    assert only_start.problems["message"].iloc[0] == (
        "no 'start' column; expected a header like participant,start[,end,weeks,group]"
    )


def test_unreadable_and_empty_tables(tmp_path):
    missing = tmp_path / "people.csv"
    loaded = validate_participants(missing)
    assert loaded.readable is False and not loaded.ok and loaded.table.empty
    assert loaded.file == str(missing)
    assert rows(loaded.problems) == [
        (
            str(missing),
            NA,
            "-",
            "",
            "error",
            "FS001",
            f"cannot read {missing}: No such file or directory",
        )
    ]
    empty = validate_participants(b"")
    assert empty.readable and not empty.ok and empty.file == "<bytes>"
    assert empty.table.columns.tolist() == ["line", "participant", "start", "end", "weeks"]
    assert rows(empty.problems) == [
        ("<bytes>", 1, "-", "", "error", "FS002", "empty file, expected a header")
    ]


def test_day_first_dates_a_date_format_and_an_encoding():
    text = "participant;start;end\np1;03/04/2026;05/04/2026\n"
    loaded = validate_participants(StringIO(text), dayfirst=True)
    assert loaded.ok
    assert loaded.table[["start", "end"]].values.tolist() == [
        [pd.Timestamp("2026-04-03"), pd.Timestamp("2026-04-05")]
    ]
    assert not validate_participants(StringIO(text)).ok  # month first: not ISO
    loaded = validate_participants(
        StringIO("participant,start,end\np1,2026/04/03,2026/04/05\n"), date_format="%Y/%m/%d"
    )
    assert loaded.ok and loaded.table["end"].tolist() == [pd.Timestamp("2026-04-05")]
    latin = "participant,start\nJos\u00e9,2026-03-02\n".encode("cp1252")
    assert read_participants(latin, encoding="cp1252")["participant"].tolist() == ["José"]


def test_read_participants_raises_with_every_problem(tmp_path):
    with pytest.raises(LogError) as info:
        read_participants(StringIO(BAD))
    assert len(info.value.problems) == 10
    assert str(info.value).startswith("<buffer>: 9 error(s), 1 warning(s)")
    with pytest.raises(LogError):
        read_participants(tmp_path / "none.csv")
    # warnings alone do not stop it
    table = read_participants(StringIO("participant,start,notes\np1,2026-03-02,x\n"))
    assert table["participant"].tolist() == ["p1"]


def test_enrolment_problems_both_ways():
    log = pd.DataFrame({"line": [2, 3, 5, 4], "participant": ["p1", "p3", "p3", "p1"]})
    table = pd.DataFrame({"line": [2, 3, 4], "participant": ["p1", "p2", "p9"]})
    assert rows(enrolment_problems(log, table, "log.csv", "people.csv")) == [
        (
            "log.csv",
            3,
            "participant",
            "p3",
            "error",
            "FS708",
            "'p3' is not in the participants table people.csv",
        ),
        (
            "people.csv",
            3,
            "participant",
            "p2",
            "warning",
            "FS709",
            "'p2' has no rows in log.csv: enrolled with 0 sessions",
        ),
        (
            "people.csv",
            4,
            "participant",
            "p9",
            "warning",
            "FS709",
            "'p9' has no rows in log.csv: enrolled with 0 sessions",
        ),
    ]
    defaults = enrolment_problems(log, table)
    assert defaults["file"].tolist() == ["the log", "the table", "the table"]
    assert defaults["message"].tolist()[0] == "'p3' is not in the participants table the table"
    assert rows(enrolment_problems(log.drop(columns="participant"), table)) == [
        (
            "the log",
            NA,
            "-",
            "",
            "error",
            "FS707",
            "the log has no participant column, so a participants table does not apply",
        )
    ]
    assert enrolment_problems(
        log, pd.DataFrame({"line": [2, 3], "participant": ["p1", "p3"]})
    ).empty
