"""The importers' converters on tiny hand-made exports, compared whole (``make mutate``).

They complement tests/importers/test_importers.py: every row of the converted log and every problem
(line, column, value, severity, code, message) is compared, so that a miscounted set, a
warm-up counted as a set, a misread duration or date, or a Loop amount on the wrong side of
its target fails a test. Every expected number is worked out in a comment.

mutmut leaves out decorated functions: the ``_per_distinct`` parsers of
``footstats.importers.common`` are exercised here but not mutated (each app's ``to_log``
is mutated since it lost its decorator). Mutants that no test can tell from the original
are not generated: ``missing_numbers`` (a column the export lacks) and the groupby and sort
options of ``sets_to_log`` and ``_join_distinct`` carry ``# pragma: no mutate`` with their
reasons, and code that changed nothing is gone (a ``dtype="str"`` pandas infers, the
``fillna(False)`` of masks without missing values, defaults written out such as
``whole=False``, a second rounding, a date format ISO reading covers).
Left alive on purpose, all equivalent (2026-12-02):

- ``sets_to_log``: ``written.get(column)``, ``written.get(column, None)`` or
  ``written.get(column, )`` without its default for the notice of reps or seconds that
  differ: a column that is not in the export has no values to differ, so the default is
  never used; and ``warmup_value="XXXX"`` for its default, which only FitNotes uses: it
  has no warm-ups, so the warm-up notice that quotes the value is never written.
- ``hevy.to_log`` (``minutes``): None, or ``missing_numbers(None)``, for the numbers of a
  column the export lacks: a column of None is as missing as ``missing_numbers``' NA, and
  is written as blanks (the same lines of ``fitnotes.day_log`` and ``fitbod.to_log`` carry
  ``# pragma: no mutate`` since 2026-12-08, and their blank workout column no dtype: pandas
  infers ``str``, as pandas 2.2 gave object for ``dtype="str"`` too).
- ``loop.to_log``: ``when.dt.strftime(None)``: pandas writes dates at midnight as
  ``YYYY-MM-DD`` by default, the format given.
"""

from __future__ import annotations

import pandas as pd
import pytest
from _imported import imported, raw_table

from footstats.core.options import ReadOptions
from footstats.importers import fitnotes, hevy, loop, strong
from footstats.importers.base import Export
from footstats.importers.common import parse_duration_minutes


def found(problems: list[dict]) -> list[tuple]:
    keys = ("line", "column", "value", "severity", "code", "message")
    assert {p["file"] for p in problems} <= {"h.csv", "s.csv", "Checkmarks.csv", "f.csv", "x.csv"}
    return [tuple(p[k] for k in keys) for p in problems]


STRONG_DATE = "a date and time like 2025-01-30 12:34:56 or 2025-01-30 12:34:56 pm"
DAY_FIRST_HINT = (
    " (a date re-saved by a spreadsheet, like 13/09/2021 10:41, needs --dayfirst, or "
    "--date-format for another order)"
)


# -- sets counted, warm-ups apart (Hevy) ----------------------------------------------------

HEVY = (
    "title,start_time,end_time,description,exercise_title,superset_id,exercise_notes,"
    "set_index,set_type,weight_kg,reps,distance_km,duration_seconds,rpe"
)


def hevy_row(start, end, exercise, set_type, reps="", seconds="", notes="", description=""):
    times = f'"{start}","{end}"'
    return f"Feet,{times},{description},{exercise},,{notes},0,{set_type},,{reps},,{seconds},"


def test_hevy_sets_warm_ups_reps_seconds_notes_and_minutes():
    monday, friday = ("3 Mar 2025, 07:30", "3 Mar 2025, 07:49"), ("5 Mar 2025, 18:00",)
    raw = raw_table(
        HEVY,
        hevy_row(*monday, "Heel Raise", "warmup", "5", notes="slow", description="good day"),
        hevy_row(*monday, "Heel Raise", "normal", "15", notes="slow", description="good day"),
        hevy_row(*monday, "Toe Walk", "normal", "0", "60", description="good day"),
        hevy_row(*monday, "Heel Raise", "normal", "12", notes="left side", description="good day"),
        hevy_row(*monday, "Toe Walk", "normal", "0", "45"),
        hevy_row(*friday, "5 Mar 2025, 18:32:30", "Heel Raise", "normal", "10"),
    )
    log, problems = imported(hevy, raw, "h.csv")
    assert list(log.columns) == [
        "date",
        "exercise",
        "sets",
        "warmup_sets",
        "reps",
        "seconds",
        "minutes",
        "notes",
        "workout",
        "workout_notes",
        "line",
    ]
    assert log.values.tolist() == [
        # lines 3 and 5 are working sets, line 2 a warm-up: 2 sets, 1 warm-up; reps are the
        # working sets' smallest, min(15, 12) = 12 (the warm-up's 5 is not counted); the
        # distinct notes once each; 07:30 to 07:49 is 19 minutes; the first set's line, 2
        ["2025-03-03 07:30:00", "Heel Raise", "2", "1", "12", "", "19", "slow; left side"]
        + ["Feet", "good day", 2],
        # reps 0 is "does not apply": blank; seconds min(60, 45) = 45
        ["2025-03-03 07:30:00", "Toe Walk", "2", "0", "", "45", "19", "", "Feet", "good day", 4],
        # 18:00 to 18:32:30 is 32.5 minutes
        ["2025-03-05 18:00:00", "Heel Raise", "1", "0", "10", "", "32.5", "", "Feet", "", 7],
    ]
    assert log["line"].dtype == "int64"
    assert log.attrs["written"] == {
        "date": "start_time",
        "exercise": "exercise_title",
        "sets": "set_type",
        "reps": "reps",
        "seconds": "duration_seconds",
        "minutes": "end_time",
        "notes": "exercise_notes",
        "workout": "title",
        "workout_notes": "description",
    }
    assert found(problems) == [
        (2, "set_type", "warmup", "notice", "FS414", "1 warm-up set(s) (lines 2) are not "
         "prescribed sets: not counted in sets, kept apart in warmup_sets"),
        (2, "reps", "", "notice", "FS415", "reps differ between the sets of 1 exercise(s) "
         "(lines 2); each keeps its smallest reps, which every set reached"),
        (4, "duration_seconds", "", "notice", "FS415", "seconds differ between the sets of 1 "
         "exercise(s) (lines 4); each keeps its smallest seconds, which every set reached"),
    ]  # fmt: skip


def test_hevy_only_warm_ups_give_no_sets_and_a_blank_end_no_problem():
    raw = raw_table(
        HEVY,
        hevy_row("3 Mar 2025, 07:30", "", "Heel Raise", "warmup", "5"),
        hevy_row("3 Mar 2025, 07:30", "", "Heel Raise", "warmup", "5"),
        hevy_row("3 Mar 2025, 07:30", "soon", "Toe Walk", "normal", "8"),
    )
    log, problems = imported(hevy, raw, "h.csv")
    assert log[["exercise", "sets", "warmup_sets", "reps", "minutes"]].values.tolist() == [
        ["Heel Raise", "0", "2", "", ""],
        ["Toe Walk", "1", "0", "8", ""],
    ]
    expected = "a Hevy time like 30 Jan 2025, 12:34 or Jan 30, 2025, 12:34 PM"
    assert found(problems) == [
        (4, "end_time", "soon", "warning", "FS405", "'soon' is not a valid date: expected "
         f"{expected}"),
        (2, "set_type", "warmup", "notice", "FS414", "2 warm-up set(s) (lines 2, 3) are not "
         "prescribed sets: not counted in sets, kept apart in warmup_sets"),
    ]  # fmt: skip


def test_hevy_a_workout_that_ends_when_it_starts_lasts_0_minutes():
    raw = raw_table(
        HEVY,
        hevy_row("3 Mar 2025, 07:30", "3 Mar 2025, 07:30", "Toe Walk", "normal", "8"),
        hevy_row("4 Mar 2025, 07:30", "4 Mar 2025, 07:29", "Toe Walk", "normal", "8"),
    )
    log, problems = imported(hevy, raw, "h.csv")
    # 0 minutes is a duration; an end a minute before the start is not (its sets still count)
    assert log[["date", "sets", "minutes"]].values.tolist() == [
        ["2025-03-03 07:30:00", "1", "0"],
        ["2025-03-04 07:30:00", "1", ""],
    ]
    assert found(problems) == [
        (3, "end_time", "4 Mar 2025, 07:29", "warning", "FS405",
         "'4 Mar 2025, 07:29' is before the workout's start_time: minutes left blank"),
    ]  # fmt: skip


# -- durations, numbers and dates (Strong) ----------------------------------------------------

STRONG = "Date,Workout Name,{duration},Exercise Name,Set Order,Reps,Seconds"


def strong_table(duration: str, monday: str, tuesday: str, wednesday: str) -> pd.DataFrame:
    return raw_table(
        STRONG.format(duration=duration),
        f"2025-01-30 12:34:56,Feet,{monday},Heel Raise,1,ten,0",
        f"2025-01-30 12:34:56,Feet,{monday},Heel Raise,2,12,-5",
        f"2025-01-31 7:05:00 pm,Feet,{tuesday},Heel Raise,W,8,0",
        f"2025-01-31 7:05:00 pm,Feet,{tuesday},Heel Raise,1,10,0",
        f"2025-02-01,Feet,{wednesday},Toe Walk,1,0,32.5",
        f"13/09/2021 10:41,Feet,{wednesday},Toe Walk,1,0,30",
        f",Feet,{wednesday},Toe Walk,1,0,30",
    )


def strong_errors(duration: str) -> list[tuple]:
    """The errors of :func:`strong_table`: lines 2 and 3 have a bad number, 7 and 8 a bad
    date; these rows are not counted."""
    return [
        (7, "Date", "13/09/2021 10:41", "error", "FS403", "'13/09/2021 10:41' is not a valid "
         f"date: expected {STRONG_DATE}{DAY_FIRST_HINT}"),
        (8, "Date", "", "error", "FS404", f"the date is blank: expected {STRONG_DATE}"),
        (2, "Reps", "ten", "error", "FS407", "'ten' is not a whole number of reps (0 or more)"),
        (3, "Seconds", "-5", "error", "FS407", "'-5' is not a number of seconds (0 or more)"),
    ]  # fmt: skip


WARM_UP_AT_4 = (
    4,
    "Set Order",
    "W",
    "notice",
    "FS414",
    "1 warm-up set(s) (lines 4) are not prescribed sets: not counted in sets, kept apart in "
    "warmup_sets",
)


@pytest.mark.parametrize(
    ("duration", "values", "minutes", "warning"),
    [
        # seconds: 93.6 s = 1.56 minutes; "x" is not a number
        ("Duration (sec)", ("4440", "x", "93.6"), ["", "1.56"], "a number of seconds like 4440"),
        # 1h 5m = 65 minutes (lines 2-3 are errors anyway); "soon" is no duration
        ("Duration", ("1h 5m", "soon", ""), ["", ""], "a duration like 1h 5m, 45m or 32s"),
        # 35min = 35; 1:01:30 = 61.5 minutes
        ("Workout Duration", ("2h 23min", "35min", "1:01:30"), ["35", "61.5"], None),
    ],
)
def test_strong_durations_numbers_and_dates(duration, values, minutes, warning):
    log, problems = imported(strong, strong_table(duration, *values), "s.csv")
    assert log.values.tolist() == [
        # line 4 is a warm-up: 1 set (line 5), 1 warm-up; 7:05 pm is 19:05
        ["2025-01-31 19:05:00", "Heel Raise", "1", "1", "10", "", minutes[0], "", "Feet", "", 4],
        # a day without a time is midnight; 32.5 seconds kept as written
        ["2025-02-01 00:00:00", "Toe Walk", "1", "0", "", "32.5", minutes[1], "", "Feet", "", 6],
    ]
    assert log.attrs["written"]["minutes"] == duration
    warnings = [
        (line, duration, values[1], "warning", "FS406", f"{values[1]!r} is not {warning}: the "
         "workout's minutes are left blank")
        for line in (4, 5)
    ] if warning else []  # fmt: skip
    assert found(problems) == strong_errors(duration) + warnings + [WARM_UP_AT_4]


def test_strong_without_a_duration_column_has_blank_minutes():
    raw = raw_table(
        "Date,Workout Name,Exercise Name,Set Order,Reps", "2025-01-30 12:34:56,Feet,Toe Walk,1,8"
    )
    log, problems = imported(strong, raw, "s.csv")
    assert log[["sets", "reps", "minutes"]].values.tolist() == [["1", "8", ""]]
    assert "minutes" not in log.attrs["written"] and problems == []


@pytest.mark.parametrize(
    ("reading", "read", "wrong"),
    [
        # day first: 13/09/2021 is 13 September; 30.01.2025 too
        (ReadOptions(dayfirst=True), [["2021-09-13 10:41:00", 2], ["2025-01-30 08:00:00", 4]], {3}),
        # Excel's day 45687 is 30 January 2025, .5 is noon
        (ReadOptions(excel_dates=True), [["2025-01-30 12:00:00", 3]], {2, 4}),
        (ReadOptions(date_format="%d.%m.%Y %H:%M"), [["2025-01-30 08:00:00", 4]], {2, 3}),
    ],
)
def test_strong_reading_options_read_what_a_spreadsheet_wrote(reading, read, wrong):
    raw = raw_table(
        STRONG.format(duration="Duration"),
        "13/09/2021 10:41,Feet,,Toe Walk,1,0,30",
        "45687.5,Feet,,Toe Walk,1,0,30",
        "30.01.2025 08:00,Feet,,Toe Walk,1,0,30",
    )
    log, problems = imported(strong, raw, "s.csv", options=reading)
    assert log[["date", "line"]].values.tolist() == read
    assert {p["line"] for p in problems} == wrong
    hint = "" if reading.dayfirst else DAY_FIRST_HINT
    assert all(p["message"].endswith(f"expected {STRONG_DATE}{hint}") for p in problems)


@pytest.mark.parametrize(
    ("text", "minutes"),
    [
        ("1:05:30", 65.5),  # H:MM:SS: 60 + 5 + 30/60
        ("5:30", 5.5),  # M:SS
        ("0:00:59", 59 / 60),
        ("0:00:60", None),  # 60 seconds is not a clock time
        ("1,5h", 90.0),  # a decimal comma
        ("1.5 min", 1.5),
        ("2 hrs 3 mins 30 secs", 123.5),
        ("1h5m", 65.0),
        ("90 S", 1.5),  # any case
        ("1小时13分钟", 73.0),
        ("1h x", None),  # text left over
        ("5 parsecs", None),  # not a unit
        ("h", None),  # no number
    ],
)
def test_durations_in_every_notation(text, minutes):
    values, bad = parse_duration_minutes(pd.Series([text, ""]))
    assert values.tolist() == [pd.NA if minutes is None else pytest.approx(minutes), pd.NA]
    assert bad.tolist() == [minutes is None, False]


# -- Loop: measurable habits, their target and their first entry ------------------------------

WALK = raw_table(
    "Date,Walk,",
    "2025-03-09,1000,",
    "2025-03-08,999,",
    "2025-03-07,500,",
    "2025-03-06,0,",
    "2025-03-05,-1,",
    "2025-03-04,UNKNOWN,",
    "2025-03-03,abc,",
)
NOT_AN_AMOUNT = (
    8,
    "Walk",
    "abc",
    "error",
    "FS419",
    "'abc' is not an amount of a measurable Loop habit (the amount x 1000, e.g. 2000 for 2), "
    "NO, SKIP or UNKNOWN",
)
# the first entry is the 0 of 6 March (-1 and UNKNOWN are no entry): 4 and 5 March are left out
BEFORE_FIRST_ENTRY = (
    6,
    "Walk",
    "",
    "notice",
    "FS420",
    "left out 2 day(s) before the habit's first entry (lines 6, 7): the habit's weeks start "
    "at its first entry, 2025-03-06, not at the first day of the file",
)


def habit_notice(done: int, rule: str) -> tuple:
    return (
        None,
        "Walk",
        "",
        "notice",
        "FS418",
        f"Loop habit 'Walk': {done} of 4 days done ({rule}); a habit log has sessions only, "
        "no exercises, sets or pain",
    )


def test_loop_amounts_without_a_target_any_amount_above_zero():
    log, problems = imported(loop, WALK, "Checkmarks.csv", habit="Walk")
    # 1 km, 0.999 km and 0.5 km are above 0; 0 is not
    assert log.values.tolist() == [
        ["2025-03-09", "true", 2],
        ["2025-03-08", "true", 3],
        ["2025-03-07", "true", 4],
        ["2025-03-06", "false", 5],
    ]
    assert found(problems) == [
        NOT_AN_AMOUNT,
        BEFORE_FIRST_ENTRY,
        habit_notice(3, "an amount above 0 is a session"),
    ]


HABITS = "Position,Name,Type,Unit,Target Type,Target Value\n001,Feet,YES_NO,,,\n"


def test_loop_amounts_on_both_sides_of_the_target(tmp_path):
    (tmp_path / "Habits.csv").write_text(HABITS + "002, walk ,NUMERICAL,km,AT_LEAST,1.0\n")
    log, problems = imported(loop, WALK, "Checkmarks.csv", habit="Walk", folder=tmp_path)
    # target 1 km: 1000 (1 km) is a session, 999 (0.999 km) is not
    assert log[["date", "session_done"]].values.tolist() == [
        ["2025-03-09", "true"],
        ["2025-03-08", "false"],
        ["2025-03-07", "false"],
        ["2025-03-06", "false"],
    ]
    assert found(problems) == [
        NOT_AN_AMOUNT,
        BEFORE_FIRST_ENTRY,
        habit_notice(1, "an amount at or above the target (1) is a session"),
    ]


def test_a_habits_own_file_finds_its_target_above_its_folder(tmp_path):
    (tmp_path / "Habits.csv").write_text(HABITS + "002,Walk,NUMERICAL,km,AT_LEAST,0.5\n")
    (tmp_path / "002 Walk").mkdir()
    raw = raw_table("Date,Value,Notes", "2025-03-09,500,", "2025-03-08,499,")
    log, problems = imported(loop, raw, "Checkmarks.csv", folder=tmp_path / "002 Walk")
    # target 0.5 km: 500 is a session, 499 is not
    assert log["session_done"].tolist() == ["true", "false"]
    assert problems[-1]["message"].startswith(
        "Loop habit 'Walk': 1 of 2 days done (an amount at or above the target (0.5) is a session)"
    )


@pytest.mark.parametrize(
    "habits",
    [
        HABITS + "002,Walk,YES_NO,km,AT_LEAST,1.0\n",  # not a measurable habit
        HABITS + "002,Walk,NUMERICAL,km,AT_LEAST,1.0\n003,Walk,NUMERICAL,km,AT_LEAST,2\n",
        HABITS + "002,Walk,NUMERICAL,km,AT_LEAST,far\n",  # not a number
        "Position,Name,Type\n002,Walk,NUMERICAL\n",  # no target column
        "Position,Name,Type,Target Value\n002,Walk,NUMERICAL,\n",  # a blank target
    ],
)
def test_without_a_usable_target_any_amount_above_zero_is_a_session(tmp_path, habits):
    (tmp_path / "Habits.csv").write_text(habits)
    log, problems = imported(loop, WALK, "Checkmarks.csv", habit="Walk", folder=tmp_path)
    assert log["session_done"].tolist() == ["true", "true", "true", "false"]
    assert found(problems)[-1] == habit_notice(3, "an amount above 0 is a session")


def test_a_habits_table_of_exactly_name_type_and_target_and_a_habit_named_by_a_number(tmp_path):
    (tmp_path / "Habits.csv").write_text("Name,Type,Target Value\n5000,NUMERICAL,2\n")
    raw = raw_table("Date,5000,", "2025-03-09,2000,", "2025-03-08,1999,")
    log, problems = imported(loop, raw, "Checkmarks.csv", habit="5000", folder=tmp_path)
    # target 2: 2000 (2) is a session, 1999 (1.999) is not
    assert log["session_done"].tolist() == ["true", "false"]
    assert "(an amount at or above the target (2) is a session)" in problems[-1]["message"]


def test_a_blank_amount_is_a_day_not_done_and_no_error():
    raw = raw_table("Date,Walk,", "2025-03-09,2000,", "2025-03-08,,")
    log, problems = imported(loop, raw, "Checkmarks.csv", habit="Walk")
    assert log.values.tolist() == [["2025-03-09", "true", 2], ["2025-03-08", "false", 3]]
    assert found(problems) == [
        (None, "Walk", "", "notice", "FS418", "Loop habit 'Walk': 1 of 2 days done (an amount "
         "above 0 is a session); a habit log has sessions only, no exercises, sets or pain"),
    ]  # fmt: skip


def test_a_habit_without_any_entry_leaves_every_day_out():
    raw = raw_table("Date,Walk,", "2025-03-09,UNKNOWN,", "2025-03-08,UNKNOWN,")
    log, problems = imported(loop, raw, "Checkmarks.csv", habit="Walk")
    assert log.empty
    assert found(problems)[0] == (
        2,
        "Walk",
        "",
        "notice",
        "FS420",
        "left out 2 day(s) before the habit's first entry (lines 2, 3): the habit's weeks "
        "start at an entry, not at the first day of the file",
    )


def test_an_export_with_only_its_header_gives_an_empty_log():
    raw = raw_table("Date,Workout Name,Exercise Name,Set Order,Reps")
    log, problems = imported(strong, raw, "s.csv")
    assert log.empty and problems == []
    assert list(log.columns)[:3] == ["date", "exercise", "sets"]


def test_reps_are_whole_numbers_and_seconds_may_have_decimals():
    raw = raw_table(
        "Date,Workout Name,Exercise Name,Set Order,Reps,Seconds",
        "2025-01-30 12:34:56,Feet,Heel Raise,1,12.5,0",
        "2025-01-30 12:34:56,Feet,Heel Raise,2,12.0,0",
        "2025-01-30 12:34:56,Feet,Toe Walk,1,0,30.5",
    )
    log, problems = imported(strong, raw, "s.csv")
    # 12.0 is the whole number 12; 12.5 reps is an error and its set is not counted
    assert log[["exercise", "sets", "reps", "seconds"]].values.tolist() == [
        ["Heel Raise", "1", "12", ""],
        ["Toe Walk", "1", "", "30.5"],
    ]
    assert found(problems) == [
        (2, "Reps", "12.5", "error", "FS407", "'12.5' is not a whole number of reps (0 or more)")
    ]


def test_fitnotes_days_without_a_time_and_timed_sets():
    raw = raw_table(
        "Date,Exercise,Category,Weight (kg),Reps,Distance,Distance Unit,Time,Comment",
        "2024-03-15,Calf Raise,Legs,0,12,,,,",
        "2024-03-15,Plank,Core,0,0,,,0:01:30,hard",
        "2024-03-15,Calf Raise,Legs,0,10,,,,",
        "2024-03-16,Plank,Core,0,0,,,0:00:45,",
    )
    log, problems = imported(fitnotes, raw, "f.csv")
    # a day without a time is midnight, written out in full; 0:01:30 is 90 seconds
    columns = ["date", "exercise", "sets", "reps", "seconds", "notes", "line"]
    assert log[columns].values.tolist() == [
        ["2024-03-15 00:00:00", "Calf Raise", "2", "10", "", "", 2],
        ["2024-03-15 00:00:00", "Plank", "1", "", "90", "hard", 3],
        ["2024-03-16 00:00:00", "Plank", "1", "", "45", "", 5],
    ]
    assert found(problems) == [
        (2, "Reps", "", "notice", "FS415", "reps differ between the sets of 1 exercise(s) "
         "(lines 2); each keeps its smallest reps, which every set reached"),
    ]  # fmt: skip


FITNOTES = "Date,Exercise,Category,Weight (kg),Reps,Distance,Distance Unit,Time,Comment"


def test_fitnotes_bad_values_are_errors_at_their_line_and_column():
    raw = raw_table(
        FITNOTES,
        "2024-03-15,Calf Raise,Legs,0,12,,,,",
        "2024-03-32,Calf Raise,Legs,0,12,,,,",
        "2024-03-15,,Legs,0,12,,,,",
        "2024-03-15,Calf Raise,Legs,0,12.5,,,,",
        "2024-03-15,Plank,Core,0,0,,,soon,",
    )
    log, problems = imported(fitnotes, raw, "f.csv")
    # lines 3 to 6 each have one error and are left out: only line 2's set is counted
    assert log[["date", "exercise", "sets", "reps", "seconds", "line"]].values.tolist() == [
        ["2024-03-15 00:00:00", "Calf Raise", "1", "12", "", 2]
    ]
    assert found(problems) == [
        (3, "Date", "2024-03-32", "error", "FS403",
         "'2024-03-32' is not a valid date: expected a date like 2024-03-15"),
        (4, "Exercise", "", "error", "FS408", "blank exercise"),
        (5, "Reps", "12.5", "error", "FS407", "'12.5' is not a whole number of reps (0 or more)"),
        (6, "Time", "soon", "error", "FS409",
         "'soon' is not a time like 0:01:30 (hours:minutes:seconds)"),
    ]  # fmt: skip


def test_fitnotes_exports_it_cannot_read():
    # no Category: not a FitNotes export
    log, problems = imported(fitnotes, raw_table("Date,Exercise,Reps"), "f.csv")
    assert log.empty
    assert found(problems) == [
        (1, "-", "", "error", "FS401", "not a FitNotes export: missing the column(s) Category; "
         "check the file, or leave the format to be detected"),
    ]  # fmt: skip
    # "Weight (kg)" and "Weight (lbs)" are both FitNotes' weight column
    header = "Date,Exercise,Category,Weight (kg),Weight (lbs),Reps"
    log, problems = imported(fitnotes, raw_table(header, "2024-03-15,Plank,Core,0,0,0"), "f.csv")
    assert log.empty
    assert found(problems) == [
        (1, "-", "", "error", "FS402", "the header has 'Weight (kg)', 'Weight (lbs)' more than "
         "once: keep one of each"),
    ]  # fmt: skip


def test_a_fitnotes_export_without_a_time_column_and_no_rows():
    log, problems = imported(fitnotes, raw_table("Date,Exercise,Category,Reps"), "f.csv")
    assert log.empty and problems == []
    assert list(log.columns)[:3] == ["date", "exercise", "sets"]


# -- every message an importer writes, whole (file, line, column, value, code, text) ---------


def test_strong_rest_timers_set_orders_blank_names_and_verbatim_notes():
    raw = raw_table(
        "Date,Workout Name,Exercise Name,Set Order,Reps,Notes,Workout Notes",
        "2025-01-30 12:34:56,Feet,Heel Raise,1,8,  slow  and  low ,  tired  legs ",
        "2025-01-30 12:34:56,Feet,Heel Raise,Rest Timer,0,,",
        "2025-01-30 12:34:56,Feet,Heel Raise,X,8,,",
        "2025-01-30 12:34:56,Feet,,1,8,,",
        "2025-01-30 12:34:56,Feet,Heel Raise,rest timer,0,,",
    )
    log, problems = imported(strong, raw, "s.csv")
    # lines 3 and 6 are rest timers (any case), skipped; 4 and 5 are errors: 1 set (line 2);
    # notes are kept as written, spaces and all
    assert log.values.tolist() == [
        ["2025-01-30 12:34:56", "Heel Raise", "1", "0", "8", "", "", "  slow  and  low "]
        + ["Feet", "  tired  legs ", 2]
    ]
    assert found(problems) == [
        (4, "Set Order", "X", "error", "FS411", "'X' is not a Strong set order: expected a set "
         "number, W (warm-up), D (drop set), F (failure) or Rest Timer"),
        (5, "Exercise Name", "", "error", "FS408", "blank exercise name"),
        (3, "Set Order", "Rest Timer", "notice", "FS412", "skipped 2 Rest Timer row(s) "
         "(lines 3, 6): Strong's rest timer, not a set"),
    ]  # fmt: skip


@pytest.mark.parametrize(
    ("importer", "raw", "file", "message"),
    [
        (strong, raw_table("Date,Workout Name,Reps", "2025-01-30 12:34:56,Feet,8"), "s.csv",
         "not a Strong export: missing the column(s) Exercise Name, Set Order; check the file, "
         "or leave the format to be detected"),
        (hevy, raw_table("title,start_time,reps", 'Feet,"3 Mar 2025, 07:30",8'), "h.csv",
         "not a Hevy export: missing the column(s) exercise_title, set_type; check the file, "
         "or leave the format to be detected"),
    ],
)  # fmt: skip
def test_strong_and_hevy_exports_without_their_columns(importer, raw, file, message):
    log, problems = imported(importer, raw, file)
    assert log.empty
    assert found(problems) == [(1, "-", "", "error", "FS401", message)]


def test_a_strong_header_in_another_language_is_read_by_position():
    german = (
        "Datum,Trainingsname,Dauer,Übungsname,Satzreihenfolge,Gewicht,Wdh.,Entfernung,"
        "Sekunden,Notizen,Trainingsnotizen,RPE"
    )
    raw = raw_table(german, "2025-01-30 12:34:56,Feet,1h,Heel Raise,1,0,8,0,0,,,")
    log, problems = imported(strong, raw, "s.csv")
    # Dauer is Duration: 1h is 60 minutes; Wdh. is Reps: 8
    assert log.values.tolist() == [
        ["2025-01-30 12:34:56", "Heel Raise", "1", "0", "8", "", "60", "", "Feet", "", 2]
    ]
    pairs = (
        "'Datum' = Date, 'Trainingsname' = Workout Name, 'Dauer' = Duration, 'Übungsname' = "
        "Exercise Name, 'Satzreihenfolge' = Set Order, 'Gewicht' = Weight, 'Wdh.' = Reps, "
        "'Entfernung' = Distance, 'Sekunden' = Seconds, 'Notizen' = Notes, "
        "'Trainingsnotizen' = Workout Notes, 'RPE' = RPE"
    )
    assert found(problems) == [
        (1, "-", "", "notice", "FS413", "Strong export with a header in a language footstats "
         f"does not know: read by Strong's column order ({pairs})"),
    ]  # fmt: skip


def test_hevy_bad_values_whole_reps_decimal_seconds_and_verbatim_notes():
    monday = ("3 Mar 2025, 07:30", "3 Mar 2025, 07:50")
    raw = raw_table(
        HEVY,
        hevy_row(*monday, "Heel Raise", "normal", "8", notes=" slow  low ", description=" tired "),
        hevy_row(*monday, "", "normal", "8"),
        hevy_row(*monday, "Heel Raise", "superset", "8"),
        hevy_row(*monday, "Heel Raise", "normal", "8.5"),
        hevy_row(*monday, "Toe Walk", "normal", "", "30.5"),
        hevy_row(*monday, "Toe Walk", "normal", "", "half"),
    )
    log, problems = imported(hevy, raw, "h.csv")
    # lines 3, 4, 5 and 7 are errors; 07:30 to 07:50 is 20 minutes; notes as written
    assert log.values.tolist() == [
        ["2025-03-03 07:30:00", "Heel Raise", "1", "0", "8", "", "20", " slow  low ", "Feet"]
        + [" tired ", 2],
        ["2025-03-03 07:30:00", "Toe Walk", "1", "0", "", "30.5", "20", "", "Feet", "", 6],
    ]
    assert found(problems) == [
        (3, "exercise_title", "", "error", "FS408", "blank exercise title"),
        (4, "set_type", "superset", "error", "FS410",
         "'superset' is not a Hevy set type: expected normal, warmup, dropset or failure"),
        (5, "reps", "8.5", "error", "FS407", "'8.5' is not a whole number of reps (0 or more)"),
        (7, "duration_seconds", "half", "error", "FS407",
         "'half' is not a number of seconds (0 or more)"),
    ]  # fmt: skip


def test_hevy_reads_a_re_saved_date_day_first_when_told():
    raw = raw_table(
        HEVY, hevy_row("13/09/2021 10:41", "13/09/2021 11:00", "Toe Walk", "normal", "8")
    )
    log, problems = imported(hevy, raw, "h.csv")
    assert log.empty and [p["code"] for p in problems] == ["FS403", "FS405"]
    log, problems = imported(hevy, raw, "h.csv", options=ReadOptions(dayfirst=True))
    # 13 September 2021, 10:41 to 11:00: 19 minutes
    assert log[["date", "minutes", "line"]].values.tolist() == [["2021-09-13 10:41:00", "19", 2]]
    assert problems == []


def test_fitnotes_verbatim_comments_no_workout_and_seconds_from_the_time():
    raw = raw_table(
        "Date,Exercise,Category,Reps,Time,Comment",
        "2024-03-15,Plank,Core,0,0:00:31,  on  elbows ",
        "2024-03-15,Plank,Core,0,0:00:31,",
    )
    log, problems = imported(fitnotes, raw, "f.csv")
    # 0:00:31 is 31 seconds (31 / 60 * 60 is 30.999999999999996 in floating point); FitNotes
    # has no workout, workout notes nor warm-ups: blanks and 0
    assert log.values.tolist() == [
        ["2024-03-15 00:00:00", "Plank", "2", "0", "", "31", "", "  on  elbows ", "", "", 2]
    ]
    assert problems == []


def not_a_log(which: str) -> tuple:
    return (1, "-", "", "error", "FS422", f"this is Loop's {which}, not a log: give "
            "Checkmarks.csv from the same export (with --habit NAME), a habit's own "
            "Checkmarks.csv, or the unzipped export folder")  # fmt: skip


SCORES = "Scores.csv (each habit's strength, 0-1, not the days done)"


@pytest.mark.parametrize(
    ("header", "row", "which"),
    [
        ("Date,Score", "2025-03-09,0.5123", SCORES),
        # every value a score (0.0000 to 1.0000): Scores.csv of many habits, renamed
        ("Date,Feet,Walk,", "2025-03-09,0.5123,1.0000,", SCORES),
        ("Position,Name,Type", "001,Feet,YES_NO", "Habits.csv (the list of habits)"),
    ],
)
def test_loop_files_that_are_not_checkmarks(header, row, which):
    log, problems = imported(loop, raw_table(header, row), "x.csv")
    assert log.empty
    assert found(problems) == [not_a_log(which)]


@pytest.mark.parametrize(
    ("header", "row", "habit", "error"),
    [
        ("Day,Feet,", "2025-03-09,2,", "Feet", ("FS401", "not a Loop export: missing the "
         "column(s) Date; check the file, or leave the format to be detected")),
        ("Date,Feet,Walk,", "2025-03-09,2,0,", "Knees", ("FS423", "no habit named 'Knees' in this "
         "Loop export; habits found: 'Feet', 'Walk'")),
        ("Date,Feet,feet,", "2025-03-09,2,0,", "Feet", ("FS402", "the header has 'Feet', 'feet' "
         "more than once: keep one of each")),
        ("Date,Feet,DATE,", "2025-03-09,2,2025-03-09,", "Feet", ("FS402", "the header has 'DATE', "
         "'Date' more than once: keep one of each")),
    ],
)  # fmt: skip
def test_loop_checkmarks_it_cannot_read(header, row, habit, error):
    log, problems = imported(loop, raw_table(header, row), "Checkmarks.csv", habit=habit)
    assert log.empty
    value = habit if error[0] == "FS423" else ""  # the habit asked for
    assert found(problems) == [(1, "-", value, "error", *error)]


MANUAL_ONLY = (
    "only a manual check (YES_MANUAL, 2) is a session; YES_AUTO (1) is Loop's fill-in when "
    "the week's target is met, not a day done"
)


def test_loop_checkmarks_bad_values_and_the_habits_not_read():
    raw = raw_table(
        "Date,Feet,Walk,Knees,",
        "2025-03-10,2,0,0,",
        "2025-03-09,YES_AUTO,0,0,",
        "2025-03-08,maybe,0,0,",
        "25-03-07,2,0,0,",
        "2025-03-06,YES_MANUAL,0,0,",
    )
    log, problems = imported(loop, raw, "Checkmarks.csv", habit="feet")
    # lines 4 and 5 are errors; YES_AUTO is not a day done: 2 of 3 days
    assert log.values.tolist() == [
        ["2025-03-10", "true", 2],
        ["2025-03-09", "false", 3],
        ["2025-03-06", "true", 6],
    ]
    assert log["line"].dtype == "int64"
    assert found(problems) == [
        (5, "Date", "25-03-07", "error", "FS403",
         "'25-03-07' is not a valid date: expected an ISO date like 2025-01-30"),
        (4, "Feet", "maybe", "error", "FS417", "'maybe' is not a Loop checkmark: expected "
         "YES_MANUAL or 2 (done); YES_AUTO or 1, NO or 0, SKIP or 3, UNKNOWN or -1 (not done)"),
        (None, "Feet", "", "notice", "FS418", f"Loop habit 'Feet': 2 of 3 days done "
         f"({MANUAL_ONLY}); a habit log has sessions only, no exercises, sets or pain; the "
         "other habits are not read: Walk, Knees"),
    ]  # fmt: skip


def test_an_old_checkmark_file_without_a_header():
    log, problems = imported(loop, raw_table("2025-03-09,2", "2025-03-08,0"), "Checkmarks.csv")
    # its first line is a day (line 1), not a header
    assert log.values.tolist() == [["2025-03-09", "true", 1], ["2025-03-08", "false", 2]]
    assert found(problems) == [
        (None, "Value", "", "notice", "FS418", f"Loop habit 'Value': 1 of 2 days done "
         f"({MANUAL_ONLY}); a habit log has sessions only, no exercises, sets or pain"),
    ]  # fmt: skip


def test_loop_2_0_3_entry_cells_are_read_and_said_when_a_line_is_wrong():
    raw = raw_table(
        "Date,Feet,",
        '2025-03-10,"Entry(timestamp=1741564800000, value=2)",',
        '2025-03-32,"Entry(timestamp=1741478400000, value=0)",',
    )
    log, problems = imported(loop, raw, "Checkmarks.csv", habit="Feet")
    assert log.values.tolist() == [["2025-03-10", "true", 2]]
    assert found(problems) == [
        (3, "Date", "2025-03-32", "error", "FS403",
         "'2025-03-32' is not a valid date: expected an ISO date like 2025-01-30"),
        (None, "Feet", "", "notice", "FS421", "read values written as Entry(timestamp=..., "
         "value=...) (Loop 2.0.3's export bug)"),
        (None, "Feet", "", "notice", "FS418", f"Loop habit 'Feet': 1 of 1 days done "
         f"({MANUAL_ONLY}); a habit log has sessions only, no exercises, sets or pain"),
    ]  # fmt: skip


# -- the log every importer returns is typed (footstats.importers.base) ------------------------

SET_LOG_TYPES = {
    "date": "datetime64[us]",
    "exercise": "str",
    "sets": "Int64",
    "warmup_sets": "Int64",
    "reps": "Int64",
    "seconds": "Float64",
    "minutes": "Float64",
    "notes": "str",
    "workout": "str",
    "workout_notes": "str",
    "line": "int64",
}
HABIT_LOG_TYPES = {"date": "datetime64[us]", "session_done": "boolean", "line": "int64"}


@pytest.mark.parametrize(
    ("importer", "raw", "types"),
    [
        (strong, raw_table(STRONG.format(duration="Duration"),
                           "2025-01-30 12:34:56,Feet,1h,Heel Raise,1,8,30.5"), SET_LOG_TYPES),
        (strong, raw_table("Date,Workout Name,Exercise Name,Set Order"), SET_LOG_TYPES),
        (hevy, raw_table(HEVY, hevy_row("3 Mar 2025, 07:30", "", "Toe Walk", "normal", "8")),
         SET_LOG_TYPES),
        (fitnotes, raw_table(FITNOTES, "2024-03-15,Calf Raise,Legs,0,12,,,0:00:30,"),
         SET_LOG_TYPES),
        (fitnotes, raw_table("Date,Exercise"), SET_LOG_TYPES),  # unusable: the empty log
        (loop, WALK, HABIT_LOG_TYPES),
        (loop, raw_table("Date,Walk,Feet,"), HABIT_LOG_TYPES),  # no habit named: empty
    ],
)  # fmt: skip
def test_every_importer_returns_its_log_typed(importer, raw, types):
    log, _ = importer.to_log(Export(raw, "x.csv"), ReadOptions(habit="Walk"))
    assert {column: str(dtype) for column, dtype in log.dtypes.items()} == types


def test_typed_values_are_the_numbers_themselves():
    raw = raw_table(
        STRONG.format(duration="Duration"),
        "2025-01-30 12:34:56,Feet,32s,Heel Raise,1,8,30.5",
        "2025-01-30 12:34:56,Feet,32s,Heel Raise,2,8,30.5",
    )
    log, _ = strong.to_log(Export(raw, "s.csv"))
    # 32 s is 0.533333 minutes (rounded to 6 decimals, a value a log can hold)
    assert log.iloc[0][["sets", "warmup_sets", "reps", "seconds", "minutes"]].tolist() == [
        2, 0, 8, 30.5, 0.533333
    ]  # fmt: skip
    assert log["date"].iloc[0] == pd.Timestamp("2025-01-30 12:34:56")
