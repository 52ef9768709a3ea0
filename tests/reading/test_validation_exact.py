"""footstats.reading.validation, exactly: one bad cell per rule, each with its line, column,
value, severity, code and message, and the tidy log's columns, dtypes and values
(issue 27, for ``make mutate``). A surviving mutant here would be a bad row that loads,
or a good one refused, or a message naming the wrong line.

``today`` is fixed at 1 June 2026, so that the future-date rule does not move.

Equivalent mutants left alive: in ``_shown``, ``na_action="ignore"`` dropped (a missing
value maps to NaN, which ``fillna("")`` blanks all the same) and ``dtype="str"`` dropped
(pandas 3 infers ``str`` for a list of strings); in ``_number_text``, ``rstrip("XX0XX")``
(``rstrip`` takes a set of characters, and a number's text has no X). ``_Cells.keep`` is
tested directly (its ``numbers`` and ``values`` are kept for a typed column, which a
repeated header hardly ever reaches); its ``minlength`` and ``renumber``'s fill value,
never read, were removed.
In ``empty_log``, ``exercise_name``'s ``dtype="str"`` made ``None``: ``load_log`` makes the
column categorical whatever its dtype (issue 24 point 4), so no log shows it.
"""

from __future__ import annotations

from datetime import date
from io import StringIO

import numpy as np
import pandas as pd
import pytest

import footstats
from footstats.errors import UsageError
from footstats.reading import validation as v

TODAY = date(2026, 6, 1)
NA = pd.NA
B = "<buffer>"
COLUMNS = (
    "A log has the columns date, exercise, sets and optionally reps, seconds, side, "
    "pain_back, pain_hip, pain_knee, minutes, notes"
)
MAP_HINT = "(an exercise_map or an alias in your routine file can match it)"


def loaded(text: str, **options):
    return footstats.validate_log(StringIO(text), today=TODAY, **options)


def problems(text: str, **options) -> list[tuple]:
    found = loaded(text, **options).problems
    return [
        tuple(x.item() if isinstance(x, np.generic) else x for x in row)
        for row in found.itertuples(index=False)
    ]


# one rule broken per line (lines 3 to 26); lines 2, 19 and 20 are valid
CELLS = """date,exercise,sets,reps,seconds,side,pain_back,minutes,participant,session_done
2026-03-02,Toe walking,6,,,,,,p1,
2026-13-02,Toe walking,6,,,,,,p1,
,Toe walking,6,,,,,,p1,
2026-03-03,Toe walking,six,,,,,,p1,
2026-03-03,Heel raises,2,1.5,,left,,,p1,
2026-03-03,Heel raises,2,12,abc,right,,,p1,
2026-03-04,Heel raises,2,12,,middle,,,p1,
2026-03-04,,,,,,11,,p1,
2026-03-04,,,,,,,-3,p1,
2026-03-04,,,,,,,,,
2026-03-05,,,,,,,,p1,maybe
2026-03-05,Toe walking,,,,,,,p1,
2026-03-05,,6,,,,,,p1,
2026-03-06,,,,,,,,p1,
2026-07-01,Toe walking,6,,,,,,p1,
2016-03-06,Toe walking,6,,,,,,p1,
2026-03-02,Toe walking,6,,,,,,p1,
2026-03-09,Toe walking,6,,,,,,p1,
2026-03-09,Toe walking,6,,,,4,,p1,
2026-03-09,Heel raises,2,,,,5,,p1,
2026-03-10,Toe walkin,6,,,,,,p1,
2026-03-10,Hop,6,,,,,,p1,
2026-03-11,Hop,6,,,,,,p1,
2026-03-12,To\u200be walking,6,,,,,,p1,
2026-03-12,Toe walking,6,,,,,,p1,x\x00
"""


def test_one_bad_cell_per_rule():
    assert problems(CELLS) == [
        (B, 3, "date", "2026-13-02", "error", "FS216", "'2026-13-02' is not a real date"),
        (
            B,
            4,
            "date",
            "",
            "error",
            "FS212",
            "the date is blank; every row needs its date (YYYY-MM-DD)",
        ),
        (
            B,
            5,
            "sets",
            "six",
            "error",
            "FS208",
            "'six' is not a number; expected a whole number ≥ 0 (sets)",
        ),
        (
            B,
            6,
            "reps",
            "1.5",
            "error",
            "FS205",
            "1.5 is not a whole number (reps: fractions are not allowed)",
        ),
        (
            B,
            7,
            "seconds",
            "abc",
            "error",
            "FS208",
            "'abc' is not a number; expected a number ≥ 0 like 60 or 7.5 (seconds)",
        ),
        (
            B,
            8,
            "side",
            "middle",
            "error",
            "FS209",
            "'middle' is not a side; expected left, right or both",
        ),
        (
            B,
            9,
            "pain_back",
            "11",
            "error",
            "FS203",
            "11 is outside 0–10 (pain is a 0–10 rating)",
        ),
        (
            B,
            10,
            "minutes",
            "-3",
            "error",
            "FS204",
            "-3 is negative; expected a number ≥ 0 (minutes)",
        ),
        (
            B,
            11,
            "participant",
            "",
            "error",
            "FS211",
            "the participant is blank; every row needs one",
        ),
        (B, 12, "session_done", "maybe", "error", "FS210", "maybe is not true or false"),
        (
            B,
            13,
            "sets",
            "",
            "error",
            "FS301",
            "sets is blank: how many sets were completed? (write 0 for none)",
        ),
        (B, 14, "sets", "6", "error", "FS302", "sets given but the exercise is blank"),
        (
            B,
            15,
            "-",
            "",
            "warning",
            "FS303",
            "this row has a date but no exercise and no pain: kept as an empty check-in",
        ),
        (
            B,
            16,
            "date",
            "2026-07-01",
            "warning",
            "FS304",
            "this date is in the future; is it right?",
        ),
        (
            B,
            17,
            "date",
            "2016-03-06",
            "warning",
            "FS305",
            "this date is 10.0 years from every other date of the log; a typo?",
        ),
        (B, 18, "-", "", "warning", "FS306", "repeats line 2 exactly: both rows kept"),
        (
            B,
            21,
            "pain_back",
            "5",
            "error",
            "FS307",
            "5 here but 4 on line 20 for the same session (2026-03-09): one pain value per site "
            "per session",
        ),
        (
            B,
            22,
            "exercise",
            "Toe walkin",
            "warning",
            "FS221",
            "'Toe walkin' is not in the routine on this line: kept, but not counted as a routine "
            f"exercise. Did you mean 'Toe walking'? {MAP_HINT}",
        ),
        (
            B,
            23,
            "exercise",
            "Hop",
            "warning",
            "FS221",
            "'Hop' is not in the routine on 2 rows (lines 23, 24): kept, but not counted as a "
            f"routine exercise. {MAP_HINT}",
        ),
        (
            B,
            25,
            "exercise",
            "To\u200be walking",
            "warning",
            "FS221",
            "'To\\u200be walking' is not in the routine on this line: kept, but not counted as a "
            f"routine exercise. Did you mean 'Toe walking'? {MAP_HINT}",
        ),
        (
            B,
            26,
            "session_done",
            "x\x00",
            "error",
            "FS201",
            "a NUL byte (binary data) in this value: retype the value",
        ),
        (B, 26, "session_done", "x\x00", "error", "FS210", "x\x00 is not true or false"),
    ]


def test_rows_with_errors_are_left_out_and_the_others_kept():
    lines = loaded(CELLS).log["line"].tolist()
    # errors on 3-14, 21 and 26; warnings keep their rows (15-18, 22-25)
    assert lines == [2, 15, 16, 17, 18, 19, 20, 22, 23, 24, 25]


def test_the_tidy_log_of_every_column():
    text = (
        "date,exercise,sets,reps,seconds,side,pain_back,pain_knee,minutes,notes,participant,"
        "session_done,warmup_sets,extra\n"
        "2026-03-02 07:00,Toe walking,6,10,60,left,3,,12.5,NA,p1,yes,1,x\n"
        "2026-03-02 18:00,Heel raises,2,,7.5,,,4,,,p2,0,,\n"
    )
    result = loaded(text)
    assert result.problems.empty
    log = result.log
    assert log.columns.tolist() == [
        "line",
        "participant",
        "date",
        "exercise",
        "exercise_name",
        "in_program",
        "sets",
        "reps",
        "seconds",
        "side",
        "pain_back",
        "pain_knee",
        "minutes",
        "notes",
        "session_done",
        "warmup_sets",
        "extra",
    ]
    assert {c: str(t) for c, t in log.dtypes.items()} == {
        "line": "int64",
        "participant": "category",
        "date": "datetime64[us]",
        "exercise": "category",
        "exercise_name": "category",
        "in_program": "bool",
        "sets": "Int64",
        "reps": "Int64",
        "seconds": "Float64",
        "side": "category",
        "pain_back": "Int64",
        "pain_knee": "Int64",
        "minutes": "Float64",
        "notes": "str",
        "session_done": "boolean",
        "warmup_sets": "Int64",
        "extra": "str",
    }
    rows = log.astype(object).where(log.notna(), None).values.tolist()
    assert rows == [
        [
            2,
            "p1",
            pd.Timestamp("2026-03-02 07:00"),
            "toe_walking",
            "Toe walking",
            True,
            6,
            10,
            60.0,
            "left",
            3,
            None,
            12.5,
            "NA",  # notes are verbatim
            True,
            1,
            "x",
        ],
        [
            3,
            "p2",
            pd.Timestamp("2026-03-02 18:00"),
            "heel_raises",
            "Heel raises",
            True,
            2,
            None,
            7.5,
            "both",
            None,
            4,
            None,
            "",
            False,
            None,
            "",
        ],
    ]
    assert log["exercise"].cat.categories.tolist()[:5] == [
        "toe_walking",
        "heel_raises",
        "tibialis_anterior",
        "ankle_circles",
        "toe_curls",
    ]
    assert log["side"].cat.categories.tolist() == ["left", "right", "both"]


def test_a_log_without_exercises_or_sides():
    log = loaded("date,pain_back\n2026-03-02,3\n2026-03-03,12\n").log
    assert log.columns.tolist() == [
        "line",
        "date",
        "exercise",
        "exercise_name",
        "in_program",
        "sets",
        "side",
        "pain_back",
    ]
    assert log["exercise"].isna().all() and not log["in_program"].any()
    assert log["side"].tolist() == ["both"] and log["sets"].isna().all()
    assert str(log["sets"].dtype) == "Int64" and str(log["in_program"].dtype) == "bool"


def test_pain_above_ten_is_refused_on_the_fast_path_too():
    # a clean file of whole numbers is read typed; pain 12 must still be refused
    assert problems("date,pain_back\n2026-03-02,3\n2026-03-03,12\n") == [
        (B, 3, "pain_back", "12", "error", "FS203", "12 is outside 0–10 (pain is a 0–10 rating)")
    ]
    assert problems("date,pain_back\n2026-03-02,10\n2026-03-03,0\n") == []


def test_sessions_are_a_participants_calendar_day():
    text = (
        "participant,date,pain_back\n"
        "p1,2026-03-02,3\n"
        "p2,2026-03-02,5\n"  # another participant: no clash
        "p1,2026-03-02,3\n"  # the same value: a repeated row, no clash
        "p1,2026-03-02 09:00,4\n"  # the same day at 09:00: a clash with line 2
        "p1,2026-03-03,4\n"  # another day
    )
    assert problems(text) == [
        (B, 4, "-", "", "warning", "FS306", "repeats line 2 exactly: both rows kept"),
        (
            B,
            5,
            "pain_back",
            "4",
            "error",
            "FS307",
            "4 here but 3 on line 2 for the same session (2026-03-02): one pain value per site "
            "per session",
        ),
    ]


# -- the header -------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "date,exercise,sets\n",
            [(B, 1, "-", "", "notice", "FS101", "only a header: the log has no rows yet")],
        ),
        (
            "date,exercise,sets,,\n2026-03-02,Toe walking,6,,\n",
            [
                (
                    B,
                    1,
                    "-",
                    "",
                    "notice",
                    "FS102",
                    f"dropped column {n}: no header and no values (a trailing delimiter)",
                )
                for n in (4, 5)
            ],
        ),
        (
            "date,exercise,sets,,Unnamed: 5\n2026-03-02,Toe walking,6,x,y\n",
            [
                (
                    B,
                    1,
                    f"column_{n}",
                    "",
                    "warning",
                    "FS103",
                    f"column {n} has values but no header name; kept as column_{n}",
                )
                for n in (4, 5)
            ],
        ),
        (
            "date,exercise,sets,Sets\n2026-03-02,Toe walking,6,6\n",
            [
                (
                    B,
                    1,
                    "-",
                    "",
                    "error",
                    "FS104",
                    "the columns 'sets' and 'Sets' both mean sets; keep one of them",
                )
            ],
        ),
        (
            "exercise,sets\nToe walking,6\n",
            [
                (
                    B,
                    1,
                    "-",
                    "",
                    "error",
                    "FS105",
                    f"missing column(s): date. Found: 'exercise', 'sets'. {COLUMNS}",
                )
            ],
        ),
        (
            "date,exercise\n2026-03-02,Toe walking\n",
            [
                (
                    B,
                    1,
                    "-",
                    "",
                    "error",
                    "FS105",
                    "missing column(s): sets (completed sets, with exercise). "
                    f"Found: 'date', 'exercise'. {COLUMNS}",
                )
            ],
        ),
        (
            "notes\nx\n",
            [
                (
                    B,
                    1,
                    "-",
                    "",
                    "error",
                    "FS105",
                    # the data columns are asked for once the date is there
                    f"missing column(s): date. Found: 'notes'. {COLUMNS}",
                )
            ],
        ),
        (
            "Date,Workout Name,Exercise Name\n2026-03-02,x,y\n",
            [
                (
                    B,
                    1,
                    "-",
                    "",
                    "error",
                    "FS105",
                    "looks like a Strong export without 'Set Order' or 'Reps' column(s); as a "
                    "footstats log it is missing column(s): exercise and sets, or pain_<site> "
                    "columns such as pain_back. Found: 'Date', 'Workout Name', 'Exercise Name'. "
                    + COLUMNS,
                )
            ],
        ),
    ],
)
def test_header_rules(text, expected):
    assert problems(text) == expected


def test_an_unusable_header_gives_an_empty_log():
    log = loaded("exercise,sets\nToe walking,6\n").log
    assert log.empty and log.columns.tolist() == [
        "line",
        "date",
        "exercise",
        "exercise_name",
        "in_program",
        "sets",
        "side",
    ]
    assert {c: str(t) for c, t in log.dtypes.items()} == {
        "line": "int64",
        "date": "datetime64[us]",
        "exercise": "category",
        "exercise_name": "category",
        "in_program": "bool",
        "sets": "Int64",
        "side": "category",
    }
    assert log["side"].cat.categories.tolist() == ["left", "right", "both"]


def test_pain_alone_or_session_done_alone_is_data():
    assert problems("date,Pain Back\n2026-03-02,3\n") == []
    assert problems("date,session done\n2026-03-02,true\n") == []


def test_extra_columns_keep_their_names_out_of_the_tidy_ones():
    log = loaded("date,exercise,sets,line,exercise_name,Line\n2026-03-02,Toe walking,6,a,b,c\n").log
    assert log.columns.tolist()[-3:] == ["line_original", "exercise_name_original", "Line"]
    assert log[["line_original", "exercise_name_original", "Line"]].values.tolist() == [
        ["a", "b", "c"]
    ]


def test_extra_name_never_takes_a_name_twice():
    assert v._extra_name("line", {}) == "line_original"
    assert v._extra_name("in_program", {"in_program_original": 1}) == "in_program_original_"
    assert v._extra_name("x", {"x": 1, "x_": 2}) == "x__"
    assert v._extra_name("x", {}) == "x"


def test_repeated_headers_are_dropped_with_one_notice():
    text = (
        "date,exercise,sets\n2026-03-02,Toe walking,6\nDate,Exercise,Sets\n"
        "2026-03-03,Toe walking,6\ndate,exercise,sets\n"
    )
    assert problems(text) == [
        (B, 3, "-", "", "notice", "FS106", "dropped the header repeated on line(s) 3, 5")
    ]
    assert loaded(text).log["line"].tolist() == [2, 4]


def test_a_header_in_another_order_refuses_the_rows_below_it():
    text = (
        "date,exercise,sets\n2026-03-02,Toe walking,6\nsets,date,exercise\n"
        "6,2026-03-03,Toe walking\n6,2026-03-04,Toe walking\ndate,exercise,sets\n"
        "2026-03-05,Toe walking,6\n"
    )
    below = "below the header on line 3, whose columns are in another order"
    assert problems(text) == [
        (
            B,
            3,
            "-",
            "",
            "error",
            "FS107",
            "the header is repeated here with its columns in another order; the 2 row(s) below "
            "it are left out so that no value lands in the wrong column: paste them in the "
            "column order of line 1, or into a file of their own",
        ),
        (B, 4, "-", "", "error", "FS108", below),
        (B, 5, "-", "", "error", "FS108", below),
        (B, 6, "-", "", "notice", "FS106", "dropped the header repeated on line(s) 6"),
    ]
    assert loaded(text).log["line"].tolist() == [2, 7]


def test_a_value_that_only_looks_like_a_header_is_kept():
    # 'sets' in the exercise column alone is not a header line
    text = "date,exercise,sets\n2026-03-02,sets,6\n2026-03-03,Toe walking,6\n"
    assert loaded(text).log["line"].tolist() == [2, 3]


def test_decimal_commas_of_a_semicolon_file_are_noted():
    text = "date;exercise;sets;seconds;minutes\n2026-03-02;Toe walking;6;60,5;1\n"
    assert problems(text) == [
        (B, NA, "-", "", "notice", "FS007", "read semicolon-separated"),
        (B, NA, "-", "", "notice", "FS220", "read decimal commas (60,5 = 60.5)"),
    ]
    assert loaded(text).log["seconds"].tolist() == [60.5]
    minutes = "date;exercise;sets;minutes\n2026-03-02;Toe walking;6;2,5\n"
    assert problems(minutes)[1][5] == "FS220"
    assert loaded(minutes).log["minutes"].tolist() == [2.5]
    plain = "date;exercise;sets;seconds\n2026-03-02;Toe walking;6;60\n"
    assert [p[5] for p in problems(plain)] == ["FS007"]


def test_invisible_characters_around_a_value_are_removed_and_said():
    assert problems("date,exercise,sets\n2026-03-02,\u200bToe walking\u00a0,6\n") == [
        (
            B,
            2,
            "exercise",
            "\u200bToe walking\u00a0",
            "notice",
            "FS202",
            "removed invisible characters (zero-width or non-breaking spaces) around the value",
        )
    ]


def test_an_unknown_exercise_on_many_rows_shows_five_lines():
    text = "date,exercise,sets\n" + "".join(f"2026-03-0{i},Hop,6\n" for i in range(1, 8))
    assert problems(text) == [
        (
            B,
            2,
            "exercise",
            "Hop",
            "warning",
            "FS221",
            "'Hop' is not in the routine on 7 rows (lines 2, 3, 4, 5, 6, ...): kept, but not "
            f"counted as a routine exercise. {MAP_HINT}",
        )
    ]
    five = "date,exercise,sets\n" + "".join(f"2026-03-0{i},Hop,6\n" for i in range(1, 6))
    assert "(lines 2, 3, 4, 5, 6):" in problems(five)[0][6]
    six = "date,exercise,sets\n" + "".join(f"2026-03-0{i},Hop,6\n" for i in range(1, 7))
    assert "on 6 rows (lines 2, 3, 4, 5, 6, ...):" in problems(six)[0][6]


def test_exercise_map_by_id_or_name_and_its_error():
    log = loaded(
        "date,exercise,sets\n2026-03-02,Hop,6\n2026-03-03,tip toes,6\n",
        exercise_map={"HOP": "Toe walking", "tip toes": "heel_raises"},
    ).log
    assert log["exercise"].tolist() == ["toe_walking", "heel_raises"]
    assert log["exercise_name"].tolist() == ["Hop", "tip toes"]
    assert log["in_program"].tolist() == [True, True]
    with pytest.raises(UsageError) as info:
        loaded("date,exercise,sets\n2026-03-02,Hop,6\n", exercise_map={"Hop": "Flying"})
    assert str(info.value) == (
        "exercise_map: 'Hop' maps to 'Flying', which is not an exercise of the routine "
        "(expected one of toe_walking, heel_raises, tibialis_anterior, ankle_circles, toe_curls)"
    )


# -- the helpers --------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("name", "tidy"),
    [
        ("Date", "date"),
        (" Session-Done ", "session_done"),
        ("WARMUP sets", "warmup_sets"),
        ("\ufeffParticipant", "participant"),
        ("Pain Back", "pain_back"),
        ("pain-lower back", "pain_lower_back"),
        ("pain__knee_", "pain_knee"),
        ("PAIN  Left  Hip", "pain_left_hip"),
        ("pain", None),
        ("painful", "pain_ful"),
        ("weight", None),
    ],
)
def test_canonical_column(name, tidy):
    assert v.canonical_column(name) == tidy


@pytest.mark.parametrize(
    ("name", "whole"),
    [
        ("sets", True),
        ("Reps", True),
        ("warmup_sets", True),
        ("seconds", True),
        ("minutes", True),
        ("pain_back", True),
        ("date", False),
        ("notes", False),
        ("weight", False),
    ],
)
def test_holds_whole_numbers(name, whole):
    assert v.holds_whole_numbers(name) is whole


@pytest.mark.parametrize(
    ("value", "text"),
    [(3, "3"), (3.0, "3"), (2.5, "2.5"), (1 / 3, "0.333333"), (NA, ""), (np.nan, "")],
)
def test_number_text(value, text):
    assert v._number_text(value) == text


def test_shown_text_of_typed_values():
    days = pd.Series(pd.to_datetime(["2026-03-02", None]))
    assert v._shown(days).tolist() == ["2026-03-02", ""]
    times = pd.Series([pd.Timestamp("2026-03-02"), pd.Timestamp("2026-03-02 07:30")])
    assert v._shown(times).tolist() == ["2026-03-02 00:00:00", "2026-03-02 07:30:00"]
    # to the second: a fraction of a second is not shown
    fraction = pd.Series([pd.Timestamp("2026-03-02 07:30:00.5")])
    assert v._shown(fraction).tolist() == ["2026-03-02 07:30:00"]
    flags = pd.Series([True, False, None], dtype="boolean")
    assert v._shown(flags).tolist() == ["true", "false", ""]
    numbers = pd.Series([6, None], dtype="Int64")
    assert v._shown(numbers).tolist() == ["6", ""]


def test_row_keys_are_equal_exactly_when_every_code_is():
    keys = v._row_keys([np.array([0, 1, 0, 1]), np.array([2, 2, 2, 0])])
    assert keys.tolist() == [2, 5, 2, 3]  # (code1 * 3 + code2)
    assert v._row_keys([]).tolist() == []
    big = np.array([0, 2**40, 2**40, 0])
    keys = v._row_keys([big, big, big])
    assert keys[1] == keys[2] and keys[0] == keys[3] and keys[0] != keys[1]


def test_typed_dtypes_of_an_importer():
    assert v._typed_dtype(pd.Series([1], dtype="Int64"))
    assert v._typed_dtype(pd.Series([1.5], dtype="Float64"))
    assert v._typed_dtype(pd.Series([True], dtype="boolean"))
    assert v._typed_dtype(pd.Series(pd.to_datetime(["2026-03-02"])))
    assert not v._typed_dtype(pd.Series(["x"], dtype="str"))
    assert not v._typed_dtype(pd.Series([1], dtype="int64"))


def test_after_a_repeated_header_problems_still_name_the_column_as_written():
    text = (
        "Date,Exercise,Sets\n2026-03-02,Toe walking,6\nDate,Exercise,Sets\n"
        "2026-03-03,Toe walking,x\n2026-03-04,Heel raises,2\n"
    )
    assert problems(text) == [
        (B, 3, "-", "", "notice", "FS106", "dropped the header repeated on line(s) 3"),
        (
            B,
            4,
            "Sets",
            "x",
            "error",
            "FS208",
            "'x' is not a number; expected a whole number ≥ 0 (sets)",
        ),
    ]
    assert loaded(text).log["line"].tolist() == [2, 5]


def test_rows_above_a_reordered_header_are_kept():
    text = (
        "date,exercise,sets\n2026-03-02,Toe walking,6\nsets,date,exercise\n"
        "6,2026-03-03,Toe walking\n"
    )
    assert [p[1] for p in problems(text)] == [3, 4]
    assert loaded(text).log["line"].tolist() == [2]


def test_keep_renumbers_the_uniques_the_kept_rows_use_and_keeps_their_numbers():
    # a typed column: codes are the number + 1 (blank: 0), uniques "", "0" ... "3"
    cells = v._Cells.of("Sets", pd.Series([3, pd.NA, 1, 3], dtype="Int64"))
    assert cells.codes.tolist() == [4, 0, 2, 4]
    assert cells.uniques.tolist() == ["", "0", "1", "2", "3"]
    kept = cells.keep(np.array([True, False, True, True]))
    assert kept.written == "Sets"
    assert kept.codes.dtype == np.intp
    assert kept.codes.tolist() == [1, 0, 1]  # "3" "1" "3" among the uniques "1", "3"
    pd.testing.assert_series_equal(kept.uniques, pd.Series(["1", "3"], dtype="str"))
    pd.testing.assert_series_equal(kept.numbers, pd.Series([3, 1, 3], dtype="Int64"))
    assert kept.values is None


def test_keep_keeps_the_typed_values_of_an_importers_column():
    days = pd.Series(pd.to_datetime(["2026-03-02", "2026-03-03", "2026-03-02", "2026-03-04"]))
    cells = v._Cells.imported("Date", days.astype("datetime64[us]"))
    assert cells.codes.tolist() == [0, 1, 0, 2]
    kept = cells.keep(np.array([False, False, True, True]))
    assert kept.codes.dtype == np.intp
    assert kept.codes.tolist() == [0, 1]
    pd.testing.assert_series_equal(
        kept.uniques, pd.Series(["2026-03-02", "2026-03-04"], dtype="str")
    )
    pd.testing.assert_series_equal(
        kept.values,
        pd.Series(pd.to_datetime(["2026-03-02", "2026-03-04"])).astype("datetime64[us]"),
    )
    assert kept.numbers is None


def test_per_file_splits_lines_by_the_files_of_a_batch_with_each_files_shift():
    # files of a batch read as one text: lines 2-4, 5-7 (none of its rows here), 8-9;
    # 10 is the line after the last; a file's own line is its line here - (start - 2)
    batch = v.Validation.__new__(v.Validation)
    batch.starts = np.array([2, 5, 8, 10])
    parts = batch.per_file(np.array([2, 4, 8, 9]))
    assert [(rows.tolist(), shift) for rows, shift in parts] == [([2, 4], 0), ([8, 9], 6)]
    parts = batch.per_file(np.array([5]))  # the first line of a file is that file's
    assert [(rows.tolist(), shift) for rows, shift in parts] == [([5], 3)]
    batch.starts = None  # one file: one part, lines as they are
    parts = batch.per_file(np.array([3, 7]))
    assert [(rows.tolist(), shift) for rows, shift in parts] == [([3, 7], 0)]


def test_an_unknown_exercise_of_a_batch_is_said_per_file_with_its_own_lines():
    from footstats.core.options import ReadOptions
    from footstats.reading.log import load_log

    # three files read as one: lines 2-4 (its own 2-4), 5-6 (own 2-3), 7 (own 2)
    text = "date,exercise,sets\n2026-03-02,Toe walking,6\n" + "".join(
        f"2026-03-0{day},Hop,6\n" for day in range(3, 8)
    )
    found = load_log(StringIO(text), ReadOptions(today=TODAY), starts=np.array([2, 5, 7, 8]))
    said = "'Hop' is not in the routine {}: kept, but not counted as a routine exercise. "
    assert [
        tuple(x.item() if isinstance(x, np.generic) else x for x in row)
        for row in found.problems.itertuples(index=False)
    ] == [
        (
            B,
            3,
            "exercise",
            "Hop",
            "warning",
            "FS221",
            said.format("on 2 rows (lines 3, 4)") + MAP_HINT,
        ),
        (
            B,
            5,
            "exercise",
            "Hop",
            "warning",
            "FS221",
            said.format("on 2 rows (lines 2, 3)") + MAP_HINT,
        ),
        (B, 7, "exercise", "Hop", "warning", "FS221", said.format("on this line") + MAP_HINT),
    ]
