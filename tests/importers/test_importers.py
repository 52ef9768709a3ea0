"""Importers of other apps' exports (footstats.importers): detection, conversion, problems.

Unit tests build raw tables by hand (header names as written, str values, ``line``);
end-to-end tests read the fixtures in tests/data/importers through footstats.read_log and
compare them with the equivalent hand-written footstats logs there.
"""

from __future__ import annotations

import time
import tomllib
from datetime import date
from pathlib import Path

import numpy as np
import pandas as pd
import pytest
from _imported import imported, raw_table
from hypothesis import given, settings
from hypothesis import strategies as st

import footstats
from footstats.columns import (
    CODE,
    COLUMN,
    DATE,
    ERROR,
    EXERCISE,
    LINE,
    MESSAGE,
    MINUTES,
    NOTES,
    NOTICE,
    REPS,
    SECONDS,
    SESSION_DONE,
    SETS,
    SEVERITY,
    VALUE,
    WARMUP_SETS,
    WARNING,
)
from footstats.importers import (
    IMPORTERS,
    common,
    detect,
    format_names,
    hevy,
    importer,
    loop,
    strong,
)

DATA = Path(__file__).parents[1] / "data" / "importers"

STRONG_A = (
    "Date,Workout Name,Duration,Exercise Name,Set Order,Weight,Reps,Distance,Seconds,"
    "Notes,Workout Notes,RPE"
)
STRONG_B = "Date,Workout Name,Duration,Exercise Name,Set Order,Weight,Reps,Distance,Seconds,RPE"
STRONG_C = (
    "Date;Workout Name;Exercise Name;Set Order;Weight;Weight Unit;Reps;RPE;Distance;"
    "Distance Unit;Seconds;Notes;Workout Notes"
)
HEVY_KG = (
    "title,start_time,end_time,description,exercise_title,superset_id,exercise_notes,"
    "set_index,set_type,weight_kg,reps,distance_km,duration_seconds,rpe"
)
HEVY_LBS = HEVY_KG.replace("weight_kg", "weight_lbs").replace("distance_km", "distance_miles")


def only(problems: list[dict], severity: str) -> list[dict]:
    return [p for p in problems if p[SEVERITY] == severity]


# -- detection --------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("header", "expected"),
    [
        (STRONG_A.split(","), "strong"),
        (STRONG_B.split(","), "strong"),
        (STRONG_C.split(";"), "strong"),
        ((STRONG_C + ";Workout Duration").split(";"), "strong"),
        (HEVY_KG.split(","), "hevy"),
        (HEVY_LBS.split(","), "hevy"),
        (["Date", "Foot routine", "Meditate", ""], "loop"),
        (["Date", "Foot routine", ""], "loop"),
        (["date", "exercise", "sets", "reps"], "footstats"),
        # a footstats log with a trailing delimiter is not a Loop export
        (["date", "exercise", "sets", ""], "footstats"),
        (["date", "Pain Back", ""], "footstats"),
        # without its trailing comma a Checkmarks file is not recognised (format= forces it)
        (["Date", "Foot routine"], "footstats"),
        # a Strong-like header with a column Strong never writes
        ([*STRONG_B.split(","), "Mood"], "footstats"),
    ],
)
def test_detect_format(header, expected):
    found = detect(header)
    assert (found.name if found is not None else "footstats") == expected


def test_the_registry_is_explicit_and_each_importer_has_the_hooks():
    names = ["fitbod", "fitnotes_ios", "strong", "hevy", "fitnotes", "loop"]
    assert [each.name for each in IMPORTERS] == names
    assert format_names() == ["footstats", *names]
    for each in IMPORTERS:
        assert each.app and isinstance(each.habits, bool)
        for hook in (each.matches, each.closest, each.export_file, each.to_log):
            assert callable(hook)


def test_importer_lookup_ignores_case_and_rejects_unknown_names():
    assert importer(" Hevy ") is hevy.IMPORTER
    assert importer("footstats") is None
    with pytest.raises(ValueError, match="unknown format 'fitbit': expected one of footstats"):
        importer("fitbit")


# -- shared helpers ---------------------------------------------------------------------


def test_parse_numbers_whole_and_decimal():
    values = pd.Series(["12", "12.0", "60,5", "", "1e1", "-3", "8-10", "ten"])
    whole, bad_whole = common.parse_numbers(values, whole=True)
    assert whole.tolist()[:2] == [12.0, 12.0]
    assert bad_whole.tolist() == [False, False, True, False, True, True, True, True]
    decimal, bad_decimal = common.parse_numbers(values, whole=False)
    assert decimal.tolist()[:4] == [12.0, 12.0, 60.5, pd.NA]
    assert bad_decimal.tolist() == [False, False, False, False, True, True, True, True]


def test_parse_duration_minutes():
    minutes, bad = common.parse_duration_minutes(
        pd.Series(["2h 38m", "58m", "1h", "45s", "1h 2m 30s", "", "ages", "38"])
    )
    # 2*60+38 = 158; 30 s = 0.5 min; a bare number has no unit: not guessed
    assert minutes.tolist() == [158.0, 58.0, 60.0, 0.75, 62.5, pd.NA, pd.NA, pd.NA]
    assert bad.tolist() == [False] * 6 + [True, True]


def test_parse_datetimes_tries_formats_in_order_and_never_guesses():
    values = pd.Series(["2025-01-30 13:04:05", "2025-01-30 1:04:05\u202fPM", "30/01/2025", ""])
    parsed = common.parse_datetimes(values, ["%Y-%m-%d %H:%M:%S", "%Y-%m-%d %I:%M:%S %p"])
    assert parsed.iloc[0] == parsed.iloc[1] == pd.Timestamp("2025-01-30 13:04:05")
    assert parsed.iloc[2:].isna().all()


def test_whole_numbers_and_decimals_as_the_log_holds_them():
    values = pd.Series([3.0, 2.5, None, 0.0, 32 / 60], dtype="Float64")
    assert common.decimals(values).tolist() == [3.0, 2.5, pd.NA, 0.0, 0.533333]
    assert common.whole_numbers(values[[0, 2, 3]]).tolist() == [3, pd.NA, 0]
    assert common.whole_numbers(values).dtype == "Int64"


# -- Strong -----------------------------------------------------------------------------


def strong_raw(*rows: str) -> pd.DataFrame:
    return raw_table(STRONG_A, *rows)


def test_strong_counts_sets_per_workout_and_exercise():
    raw = strong_raw(
        '2025-02-03 07:30:12,Feet,18m,Heel Raise,1,0,15,0,0,,"tired, sore",',
        "2025-02-03 07:30:12,Feet,18m,Toe Walk,1,0,0,0,60,,,",
        '2025-02-03 07:30:12,Feet,18m,Heel Raise,2,0,15,0,0,left first,"tired, sore",',
        '2025-02-03 07:30:12,Feet,18m,Heel Raise,3,0,12,0,0,"two\nlines  NA",,',
        "2025-02-05 18:02:40,Feet,1h 2m,Heel Raise,1,0,20,0,0,,,",
    )
    log, problems = imported(strong, raw, "s.csv")
    assert log[[DATE, EXERCISE, SETS, REPS, SECONDS, MINUTES, LINE]].values.tolist() == [
        # Heel Raise on 3 Feb: lines 2, 4, 5 -> 3 sets, reps min(15, 15, 12) = 12
        ["2025-02-03 07:30:12", "Heel Raise", "3", "12", "", "18", 2],
        # Strong writes 0 reps for a timed exercise: blank, not 0
        ["2025-02-03 07:30:12", "Toe Walk", "1", "", "60", "18", 3],
        # 1h 2m = 62 minutes
        ["2025-02-05 18:02:40", "Heel Raise", "1", "20", "", "62", 6],
    ]
    # distinct set notes once each, verbatim (a line break, NA); workout notes apart
    assert log[NOTES].tolist() == ["left first; two\nlines  NA", "", ""]
    assert log["workout_notes"].tolist() == ["tired, sore", "", ""]
    assert log["workout"].tolist() == ["Feet"] * 3
    assert log[WARMUP_SETS].tolist() == ["0", "0", "0"]
    assert log.attrs["written"][EXERCISE] == "Exercise Name"
    (notice,) = problems
    assert (notice[LINE], notice[COLUMN], notice[SEVERITY]) == (2, "Reps", NOTICE)
    assert "reps differ between the sets of 1 exercise(s) (lines 2)" in notice[MESSAGE]


def test_strong_12_hour_times_become_24_hour_iso():
    raw = raw_table(
        STRONG_B,
        "2025-03-10 7:05:00\u202fPM,Feet,20m,Heel Raise,1,0,20,0,0,",
        "2025-03-12 12:15:30 am,Feet,20m,Heel Raise,1,0,20,0,0,",
        "2025-03-14 12:00:00 pm,Feet,20m,Heel Raise,1,0,20,0,0,",
        "2025-03-15 13:00:00 pm,Feet,20m,Heel Raise,1,0,20,0,0,",
    )
    log, problems = imported(strong, raw, "s.csv")
    assert log[DATE].tolist() == [
        "2025-03-10 19:05:00",
        "2025-03-12 00:15:30",
        "2025-03-14 12:00:00",
    ]
    (error,) = problems
    # 13 o'clock pm is no time at all: an error on its line, not a guess
    assert (error[LINE], error[COLUMN], error[VALUE], error[SEVERITY]) == (
        5,
        "Date",
        "2025-03-15 13:00:00 pm",
        ERROR,
    )
    assert "2025-01-30 12:34:56 pm" in error[MESSAGE]


def test_strong_semicolon_variant_with_and_without_workout_duration():
    rows = [
        "2025-04-01 08:00:00;Feet;Heel Raise;1;2,5;kg;15;;;;0;;after run",
        "2025-04-01 08:00:00;Feet;Toe Walking;1;0;kg;0;;;;60,5;;after run",
    ]
    old, _ = imported(strong, raw_table(STRONG_C, *rows, sep=";"), "s.csv")
    with_duration = raw_table(STRONG_C + ";Workout Duration", *(r + ";25m" for r in rows), sep=";")
    new, problems = imported(strong, with_duration, "s.csv")
    assert old[[SETS, REPS, SECONDS]].values.tolist() == [["1", "15", ""], ["1", "", "60.5"]]
    assert old[MINUTES].tolist() == ["", ""]
    assert new[MINUTES].tolist() == ["25", "25"]
    assert new.attrs["written"][MINUTES] == "Workout Duration"
    assert problems == []


def test_strong_rest_timer_rows_are_skipped_and_reported():
    raw = strong_raw(
        "2025-02-03 07:30:12,Feet,18m,Heel Raise,1,0,15,0,0,,,",
        "2025-02-03 07:30:12,Feet,18m,Rest Timer,Rest Timer,0,0,0,90,,,",
        "2025-02-03 07:30:12,Feet,18m,Heel Raise,2,0,15,0,0,,,",
    )
    log, problems = imported(strong, raw, "s.csv")
    assert log[[EXERCISE, SETS]].values.tolist() == [["Heel Raise", "2"]]
    (notice,) = problems
    assert (notice[LINE], notice[COLUMN], notice[VALUE], notice[SEVERITY]) == (
        3,
        "Set Order",
        "Rest Timer",
        NOTICE,
    )
    assert "skipped 1 Rest Timer row(s) (lines 3)" in notice[MESSAGE]


def test_strong_warm_up_sets_are_counted_apart():
    raw = strong_raw(
        "2025-02-05 18:02:40,Feet,20m,Heel Raise,W,0,5,0,0,,,",
        "2025-02-05 18:02:40,Feet,20m,Heel Raise,1,0,15,0,0,,,",
        "2025-02-05 18:02:40,Feet,20m,Heel Raise,D,0,10,0,0,,,",
    )
    log, problems = imported(strong, raw, "s.csv")
    # sets = 1 numbered + 1 drop set = 2; the warm-up's 5 reps do not set the reps
    assert log[[SETS, WARMUP_SETS, REPS, LINE]].values.tolist() == [["2", "1", "10", 2]]
    warmup = next(p for p in problems if p[VALUE] == "W")
    assert (warmup[LINE], warmup[COLUMN], warmup[SEVERITY]) == (2, "Set Order", NOTICE)
    assert warmup[MESSAGE].startswith("1 warm-up set(s) (lines 2) are not prescribed sets")


def test_strong_bad_values_are_errors_at_their_line_and_column_and_not_counted():
    raw = strong_raw(
        "2025-02-03 07:30:12,Feet,18m,Heel Raise,1,0,15,0,0,,,",
        "2025-02-03 07:30:12,Feet,18m,Heel Raise,2,0,8-10,0,0,,,",
        "yesterday,Feet,18m,Heel Raise,1,0,15,0,0,,,",
        "2025-02-03 07:30:12,Feet,18m,Heel Raise,X,0,15,0,0,,,",
        "2025-02-03 07:30:12,Feet,18m,,3,0,15,0,0,,,",
        "2025-02-03 07:30:12,Feet,soon,Toe Walk,1,0,0,0,sixty,,,",
    )
    log, problems = imported(strong, raw, "s.csv")
    # only line 2 is clean: one set of heel raises
    assert log[[EXERCISE, SETS, LINE]].values.tolist() == [["Heel Raise", "1", 2]]
    errors = [(p[LINE], p[COLUMN], p[VALUE]) for p in only(problems, ERROR)]
    assert sorted(errors) == [
        (3, "Reps", "8-10"),
        (4, "Date", "yesterday"),
        (5, "Set Order", "X"),
        (6, "Exercise Name", ""),
        (7, "Seconds", "sixty"),
    ]
    # a duration no metric needs is a warning quoting the value as written (issue 9, point 1)
    (warning,) = [(p[LINE], p[COLUMN], p[VALUE]) for p in only(problems, WARNING)]
    assert warning == (7, "Duration", "soon")
    messages = {p[COLUMN]: p[MESSAGE] for p in only(problems, ERROR)}
    assert messages["Reps"] == "'8-10' is not a whole number of reps (0 or more)"
    assert messages["Set Order"].startswith("'X' is not a Strong set order")


def test_strong_missing_columns_is_one_error_and_no_rows():
    raw = raw_table("Date,Workout Name,Reps", "2025-02-03 07:30:12,Feet,15")
    log, problems = imported(strong, raw, "s.csv")
    assert log.empty and list(log.columns)[:3] == [DATE, EXERCISE, SETS]
    (error,) = problems
    assert error[SEVERITY] == ERROR
    assert "missing the column(s) Exercise Name, Set Order" in error[MESSAGE]


def test_a_column_written_twice_is_an_error_not_a_crash():
    raw = raw_table("Date,Workout Name,Exercise Name,Set Order,Reps,Reps", "x,F,H,1,2,3")
    log, problems = imported(strong, raw, "s.csv")
    assert log.empty
    assert [p[MESSAGE] for p in problems] == [
        "the header has 'Reps' more than once: keep one of each"
    ]
    raw = raw_table("Date,Feet,Feet,", "2025-03-04,2,2,")
    log, problems = imported(loop, raw, "Checkmarks.csv", habit="Feet")
    assert log.empty and problems[0][SEVERITY] == ERROR


def test_strong_input_is_not_modified():
    raw = strong_raw("2025-02-03 07:30:12,Feet,18m,Heel Raise,1,0,15,0,0,,,")
    before = raw.copy()
    imported(strong, raw, "s.csv")
    pd.testing.assert_frame_equal(raw, before)


def test_strong_conversion_is_vectorised():
    # 200 000 sets (20 000 workouts x 5 exercises x 2 sets) convert in well under the time
    # a per-row Python loop would take.
    n = 200_000
    workouts = pd.date_range("2020-01-01", periods=n // 10, freq="h").strftime("%Y-%m-%d %H:%M:%S")
    names = ["Toe Walk", "Heel Raise", "Tibialis", "Ankle Circles", "Toe Curls"]
    raw = pd.DataFrame(
        {
            "Date": np.repeat(workouts.to_numpy(), 10).astype(str),
            "Workout Name": "Feet",
            "Duration": "18m",
            "Exercise Name": np.tile(np.repeat(names, 2), n // 10),
            "Set Order": np.tile(["1", "2"], n // 2),
            "Reps": "12",
            "Seconds": "0",
        },
        dtype="str",
    )
    raw[LINE] = np.arange(2, n + 2, dtype="int64")
    start = time.perf_counter()
    log, problems = imported(strong, raw, "big.csv")
    elapsed = time.perf_counter() - start
    assert len(log) == n // 2 and set(log[SETS]) == {"2"} and problems == []
    assert elapsed < 5, f"{elapsed:.1f} s for {n} rows"


# -- Hevy -------------------------------------------------------------------------------


def hevy_row(
    exercise: str,
    set_type: str,
    reps: str = "",
    seconds: str = "",
    start: str = "3 Mar 2025, 07:30",
) -> str:
    return f'Feet,"{start}","3 Mar 2025, 07:49",,{exercise},,,0,{set_type},,{reps},,{seconds},'


def test_hevy_warm_up_sets_are_not_prescribed_sets():
    raw = raw_table(
        HEVY_KG,
        hevy_row("Heel Raise", "warmup", "5"),
        hevy_row("Heel Raise", "normal", "15"),
        hevy_row("Heel Raise", "dropset", "12"),
        hevy_row("Heel Raise", "failure", "9"),
        hevy_row("Tibialis Anterior", "warmup", "5"),
        hevy_row("Toe Walking", "normal", "", "60"),
    )
    log, problems = imported(hevy, raw, "h.csv")
    assert log[[EXERCISE, SETS, WARMUP_SETS, REPS, SECONDS, MINUTES]].values.tolist() == [
        # normal + dropset + failure = 3 sets; 1 warm-up apart; reps min(15, 12, 9) = 9
        ["Heel Raise", "3", "1", "9", "", "19"],
        # only a warm-up: 0 prescribed sets, and no working reps
        ["Tibialis Anterior", "0", "1", "", "", "19"],
        ["Toe Walking", "1", "0", "", "60", "19"],
    ]
    assert log[DATE].unique().tolist() == ["2025-03-03 07:30:00"]
    warmup = next(p for p in problems if p[VALUE] == "warmup")
    assert (warmup[LINE], warmup[COLUMN], warmup[SEVERITY]) == (2, "set_type", NOTICE)
    assert warmup[MESSAGE].startswith("2 warm-up set(s) (lines 2, 6) are not prescribed sets")


def test_hevy_lbs_export_converts_like_kg():
    rows = [hevy_row("Heel Raise", "normal", "15"), hevy_row("Heel Raise", "normal", "15")]
    kg, _ = imported(hevy, raw_table(HEVY_KG, *rows), "h.csv")
    lbs, problems = imported(hevy, raw_table(HEVY_LBS, *rows), "h.csv")
    pd.testing.assert_frame_equal(kg, lbs)
    assert lbs[[SETS, REPS]].values.tolist() == [["2", "15"]]
    assert problems == []


def test_hevy_bad_values_are_errors():
    raw = raw_table(
        HEVY_KG,
        hevy_row("Heel Raise", "normal", "15"),
        hevy_row("Heel Raise", "superset", "15"),
        hevy_row("Heel Raise", "normal", "15", start="03/03/2025 07:30"),
        hevy_row("Heel Raise", "normal", "fifteen"),
        'Feet,"3 Mar 2025, 07:30","3 Mar 2025, 07:10",,Toe Walk,,,0,normal,,,,60,',
    )
    log, problems = imported(hevy, raw, "h.csv")
    # an end before the start costs the workout's minutes, not its sets (issue 9, point 1)
    assert log[[EXERCISE, SETS, MINUTES, LINE]].values.tolist() == [
        ["Heel Raise", "1", "19", 2],
        ["Toe Walk", "1", "", 6],
    ]
    errors = sorted((p[LINE], p[COLUMN], p[VALUE]) for p in only(problems, ERROR))
    assert errors == [
        (3, "set_type", "superset"),
        (4, "start_time", "03/03/2025 07:30"),
        (5, "reps", "fifteen"),
    ]
    start = next(p for p in problems if p[COLUMN] == "start_time")
    assert "needs --dayfirst" in start[MESSAGE]
    end = next(p for p in problems if p[COLUMN] == "end_time")
    assert end[SEVERITY] == WARNING
    assert (
        end[MESSAGE] == "'3 Mar 2025, 07:10' is before the workout's start_time: minutes left blank"
    )


# -- Loop -------------------------------------------------------------------------------


def loop_raw() -> pd.DataFrame:
    return raw_table(
        "Date,Foot routine,Meditate,",
        "2025-03-09,3,2,",
        "2025-03-08,-1,0,",
        "2025-03-07,2,2,",
        "2025-03-06,1,0,",
        "2025-03-05,2,2,",
        "2025-03-04,0,0,",
    )


def test_loop_days_done_are_sessions():
    log, problems = imported(loop, loop_raw(), "Checkmarks.csv", habit="foot ROUTINE ")
    # newest first, as in the file; only 2 is done (1 auto, 0 no, -1 no entry, 3 skipped)
    assert log.values.tolist() == [
        ["2025-03-09", "false", 2],
        ["2025-03-08", "false", 3],
        ["2025-03-07", "true", 4],
        ["2025-03-06", "false", 5],
        ["2025-03-05", "true", 6],
        ["2025-03-04", "false", 7],
    ]
    assert list(log.columns) == [DATE, SESSION_DONE, LINE]
    (notice,) = problems
    assert notice[SEVERITY] == NOTICE and notice[COLUMN] == "Foot routine"
    assert "2 of 6 days done" in notice[MESSAGE]
    assert "no exercises, sets or pain" in notice[MESSAGE]
    assert "the other habits are not read: Meditate" in notice[MESSAGE]


@pytest.mark.parametrize("habit", [None, "Yoga"])
def test_loop_without_a_known_habit_lists_the_habits(habit):
    log, problems = imported(loop, loop_raw(), "Checkmarks.csv", habit=habit)
    assert log.empty and list(log.columns) == [DATE, SESSION_DONE, LINE]
    (error,) = problems
    assert error[SEVERITY] == ERROR
    assert "habits found: 'Foot routine', 'Meditate'" in error[MESSAGE]


def test_loop_bad_values_are_errors():
    raw = raw_table("Date,Feet,", "2025-03-09,2,", "2025-03-08,W,", "08/03/2025,2,", ",2,")
    log, problems = imported(loop, raw, "Checkmarks.csv", habit="Feet")
    assert log[LINE].tolist() == [2]
    errors = sorted((p[LINE], p[COLUMN], p[VALUE], p[MESSAGE]) for p in only(problems, ERROR))
    assert [e[:3] for e in errors] == [
        (3, "Feet", "W"),
        (4, "Date", "08/03/2025"),
        (5, "Date", ""),
    ]
    assert errors[0][3].startswith("'W' is not a Loop checkmark")


# -- end to end: the fixtures through footstats.read_log ---------------------------------

COMPARED = [DATE, EXERCISE, SETS, REPS]


@pytest.mark.parametrize(
    ("export", "expected", "fmt"),
    [
        ("strong_ios.csv", "strong_ios_expected.csv", "strong"),
        ("strong_12h.csv", "strong_12h_expected.csv", "strong"),
        ("strong_android.csv", "strong_android_expected.csv", "strong"),
        ("strong_android_old.csv", "strong_android_expected.csv", "strong"),
        ("hevy_kg.csv", "hevy_expected.csv", "hevy"),
        ("hevy_lbs.csv", "hevy_expected.csv", "hevy"),
    ],
)
def test_export_reads_like_the_equivalent_footstats_log(export, expected, fmt):
    log = footstats.read_log(DATA / export)
    want = footstats.read_log(DATA / expected)
    assert log.attrs["format"] == fmt
    assert want.attrs["format"] == "footstats"
    pd.testing.assert_frame_equal(
        log[COMPARED].reset_index(drop=True), want[COMPARED].reset_index(drop=True)
    )
    if MINUTES in want:
        assert log[MINUTES].tolist() == want[MINUTES].tolist()


def test_strong_fixture_reports_warm_up_rest_timer_and_unequal_reps():
    problems = footstats.check_log(DATA / "strong_ios.csv")
    assert set(problems[SEVERITY]) == {NOTICE}
    found = problems.set_index(LINE)[[COLUMN, MESSAGE]]
    # Rest Timer on line 8; heel raises of 3 Feb on lines 9-11 (15, 15, 12 reps);
    # the warm-up of 5 Feb on line 28
    assert found.loc[8, COLUMN] == "Set Order" and "Rest Timer" in found.loc[8, MESSAGE]
    assert found.loc[9, COLUMN] == "Reps"
    assert found.loc[28, MESSAGE].startswith("1 warm-up set(s)")
    log = footstats.read_log(DATA / "strong_ios.csv")
    assert log[WARMUP_SETS].tolist() == [0, 0, 0, 0, 0, 1]
    assert log.loc[0, NOTES] == "20 s straight, 20 s out, 20 s in"
    assert log.loc[0, "workout_notes"] == "Slept badly, calves tight"


def test_hevy_fixture_counts_two_warm_up_sets():
    log = footstats.read_log(DATA / "hevy_lbs.csv")
    # warm-ups: heel raises (line 2) and tibialis anterior (line 17)
    assert log[WARMUP_SETS].tolist() == [1, 0, 0, 1]
    problems = footstats.check_log(DATA / "hevy_lbs.csv")
    warmup = problems[problems[VALUE] == "warmup"]
    assert warmup[LINE].tolist() == [2]
    assert warmup[MESSAGE].iloc[0].startswith("2 warm-up set(s) (lines 2, 17)")


def test_unmatched_names_are_each_reported_once_with_a_suggestion():
    problems = footstats.check_log(DATA / "strong_unmatched.csv")
    warnings_ = problems[problems[SEVERITY] == WARNING]
    assert warnings_[VALUE].tolist() == [
        "Calf Raise (Bodyweight)",
        "Tiptoe Walk",
        "Bench Press (Barbell)",
    ]
    messages = warnings_[MESSAGE].tolist()
    # lines 2 and 6 hold the first name: one warning naming both lines
    assert "on 2 rows (lines 2, 6)" in messages[0]
    assert "Did you mean 'Toe walking'?" in messages[1]
    assert "Did you mean" not in messages[2]
    log = footstats.read_log(DATA / "strong_unmatched.csv")
    assert not log["in_program"].any()


def test_exercise_map_matches_the_other_apps_names():
    exercise_map = tomllib.loads((DATA / "exercise_map.toml").read_text("utf-8"))["exercises"]
    log = footstats.read_log(DATA / "strong_unmatched.csv", exercise_map=exercise_map)
    assert log["in_program"].all()
    assert log[EXERCISE].astype("str").tolist() == [
        "heel_raises",
        "toe_walking",
        "heel_raises",
        "heel_raises",
        "toe_walking",
    ]
    problems = footstats.check_log(DATA / "strong_unmatched.csv", exercise_map=exercise_map)
    assert WARNING not in set(problems[SEVERITY])


def test_loop_fixture_gives_sessions_without_sets():
    log = footstats.read_log(DATA / "loop_checkmarks.csv", habit="Foot routine")
    assert log.attrs["format"] == "loop"
    # done (2) on 3, 5, 7 and 12 March; 14 days in the file
    assert len(log) == 14
    done = log.loc[log[SESSION_DONE].astype(bool), DATE].dt.strftime("%Y-%m-%d")
    assert sorted(done) == ["2025-03-03", "2025-03-05", "2025-03-07", "2025-03-12"]
    assert log[EXERCISE].isna().all() and log[SETS].isna().all()


def test_loop_without_habit_is_an_error_listing_the_habits():
    with pytest.raises(footstats.LogError) as caught:
        footstats.read_log(DATA / "loop_checkmarks.csv")
    messages = " ".join(caught.value.problems[MESSAGE])
    assert "habits found: 'Foot routine', 'Meditate'" in messages


def test_format_option_forces_an_importer(tmp_path):
    # A Checkmarks file re-saved without its trailing commas is recognised by its values
    # (issue 9: every real export loads without flags) ...
    path = tmp_path / "habits.csv"
    path.write_text("Date,Feet\n2025-03-04,2\n2025-03-03,0\n", encoding="utf-8")
    assert footstats.read_log(path).attrs["format"] == "loop"
    # ... a Strong export with a column Strong never writes is not, and names what it is ...
    strong_path = tmp_path / "strong.csv"
    strong_path.write_text(
        STRONG_B + ",Mood\n2025-03-04 07:30:00,Feet,20m,Heel Raise,1,0,12,0,0,,good\n",
        encoding="utf-8",
    )
    message = footstats.check_log(strong_path)[MESSAGE].iloc[0]
    assert message.startswith(
        "looks like a Strong export with column(s) Strong does not write: 'Mood'"
    )
    # ... but reads as Strong when asked
    log = footstats.read_log(strong_path, format="strong")
    assert log.attrs["format"] == "strong"
    assert log[SETS].tolist() == [1]


# -- properties -------------------------------------------------------------------------

CELLS = st.sampled_from(
    ["", "0", "1", "12", "60,5", "W", "Rest Timer", "warmup", "normal", "x", "-1", "2", "3"]
)
DATES = st.sampled_from(
    ["2025-01-30 12:34:56", "2025-01-30 1:04:05 pm", "30 Jan 2025, 12:34", "2025-01-30", "", "?"]
)
NAMES = st.sampled_from(["Heel Raise", "Toe Walk", "", "Bench Press"])


@st.composite
def strong_tables(draw):
    n = draw(st.integers(0, 12))
    rows = [
        [draw(DATES), "Feet", draw(st.sampled_from(["18m", "", "1h 2m", "?"])), draw(NAMES)]
        + [draw(CELLS) for _ in range(3)]
        for _ in range(n)
    ]
    names = ["Date", "Workout Name", "Duration", "Exercise Name", "Set Order", "Reps", "Seconds"]
    frame = pd.DataFrame(rows, columns=names, dtype="str")
    frame[LINE] = np.arange(2, n + 2, dtype="int64")
    return frame


@settings(max_examples=40, deadline=None)
@given(strong_tables())
def test_property_every_strong_row_is_counted_skipped_or_reported(raw):
    log, problems = imported(strong, raw, "s.csv")
    counted = log[SETS].astype(int).sum() + log[WARMUP_SETS].astype(int).sum()
    error_lines = {p[LINE] for p in problems if p[SEVERITY] == ERROR}
    # rest timers (by name or by shape: a word, no reps), each notice saying how many
    skipped = sum(int(p[MESSAGE].split()[1]) for p in problems if p[CODE] == "FS412")
    # each row: a set or warm-up of some log row, an error at its line, or a rest timer
    assert counted + len(error_lines) + skipped == len(raw)
    assert error_lines <= set(raw[LINE])
    assert log[LINE].isin(raw[LINE]).all()


@settings(max_examples=80, deadline=None)
@given(st.lists(st.tuples(DATES, CELLS), max_size=12))
def test_property_every_loop_day_is_loaded_or_reported(days):
    raw = pd.DataFrame(days, columns=["Date", "Feet"], dtype="str").assign(**{"": ""})
    raw[LINE] = np.arange(2, len(days) + 2, dtype="int64")
    log, problems = imported(loop, raw, "Checkmarks.csv", habit="Feet")
    error_lines = {p[LINE] for p in problems if p[SEVERITY] == ERROR}
    # days before the habit's first entry are left out with one notice saying how many
    before = [p[MESSAGE] for p in problems if p[CODE] == "FS420"]  # loop-before-habit
    left_out = int(before[0].split()[2]) if before else 0
    assert len(log) + len(error_lines) + left_out == len(days)
    assert not set(log[LINE]) & error_lines


@pytest.mark.parametrize(
    ("export", "expected"),
    [
        ("strong_ios.csv", "strong_ios_expected.csv"),
        ("strong_12h.csv", "strong_12h_expected.csv"),
        ("strong_android.csv", "strong_android_expected.csv"),
        ("strong_android_old.csv", "strong_android_expected.csv"),
        ("hevy_kg.csv", "hevy_expected.csv"),
        ("hevy_lbs.csv", "hevy_expected.csv"),
    ],
)
def test_export_gives_the_same_report_tables_as_the_equivalent_footstats_log(
    export, expected, tmp_path
):
    got, want = tmp_path / "got", tmp_path / "want"
    footstats.export_tables(footstats.read_log(DATA / export), got)
    footstats.export_tables(footstats.read_log(DATA / expected), want)
    for name in ("frequency.csv", "sets.csv", "pain.csv", "summary.json"):
        assert (got / name).read_text() == (want / name).read_text(), name


def test_footstats_report_runs_on_a_loop_export(tmp_path, capsys):
    from footstats.cli import main

    out = tmp_path / "out"
    assert (
        main(
            ["report", str(DATA / "loop_checkmarks.csv"), "--habit", "Foot routine", "-o", str(out)]
        )
        == 0
    )
    frequency = pd.read_csv(out / "frequency.csv")
    loaded = footstats.read_log(DATA / "loop_checkmarks.csv", habit="Foot routine")
    done_days = loaded.loc[loaded[SESSION_DONE].fillna(False).astype(bool), DATE].nunique()
    assert frequency["sessions"].sum() == done_days > 0
    assert (out / "report.pdf").read_bytes()[:4] == b"%PDF"


# -- the reader checks an importer's typed values against the log's limits, never re-parsing ----

EDGE_STRONG = (
    f"{STRONG_A}\n"
    "1899-12-31 10:00:00,Feet,1h,Heel Raise,1,0,10,0,0,,,\n"
    "2025-01-30 12:34:56,Feet,1h,Heel Raise,1,0,1234567890,0,0,,,\n"
    "2025-01-30 12:34:56,Feet,1h,Toe Walk,1,0,0,0,1234567890123,,,\n"
    "2031-01-30 12:34:56,Feet,1h,Toe Walk,1,0,0,0,30,,,\n"
    "2025-02-02 12:34:56,Feet,0.000001s,Toe Walk,1,0,0,0,0.000001,,,\n"
    "2025-02-03 12:34:56,Feet,1h,Toe Walk,1,0,0,0,30,,,\n"
)


def test_typed_export_values_beyond_the_logs_limits_are_the_logs_errors(tmp_path):
    path = tmp_path / "strong.csv"
    path.write_text(EDGE_STRONG, encoding="utf-8")
    loaded = footstats.validate_log(path, today=date(2026, 1, 1))
    window = "(expected a date between 1900 and 2027-01-01)"
    assert loaded.problems[[LINE, COLUMN, VALUE, SEVERITY, CODE, MESSAGE]].values.tolist() == [
        [2, "Date", "1899-12-31 10:00:00", ERROR, "FS219",
         f"'1899-12-31 10:00:00' is before 1900: a typo? {window}"],
        [3, "Reps", "1234567890", ERROR, "FS207", "1234567890 is too large for reps"],
        [4, "Seconds", "1234567890123", ERROR, "FS208", "'1234567890123' is not a number; "
         "expected a number ≥ 0 like 60 or 7.5 (seconds)"],
        [5, "Date", "2031-01-30 12:34:56", ERROR, "FS219",
         f"'2031-01-30 12:34:56' is more than a year in the future: a typo? {window}"],
    ]  # fmt: skip
    # a millionth of a second is a number (read typed: no '1e-06' text to refuse)
    assert loaded.log[[LINE, SECONDS]].values.tolist() == [[6, 0.000001], [7, 30.0]]


def test_a_day_without_a_time_is_quoted_as_the_app_wrote_it(tmp_path):
    path = tmp_path / "FitNotes.csv"
    path.write_text(
        "Date,Exercise,Category,Weight (kg),Reps,Distance,Distance Unit,Time,Comment\n"
        "2026-03-15,Calf Raise,Legs,0,12,,,,\n",
        encoding="utf-8",
    )
    problems = footstats.check_log(path, today=date(2026, 3, 1))
    assert problems[[VALUE, CODE]].values.tolist() == [["2026-03-15", "FS304"]]
