"""Real export variants (issue 9): each fixture in tests/fixtures/exports reproduces the
header, quoting, value formats and quirks of exports people published (the public
repository and path each one is modelled on is in tests/fixtures/exports/SOURCES.md).

Each loads without flags (or with the one documented flag) and gives the weekly sessions
and sets counted by hand from the fixture (ISO weeks, Monday first; a session is a day
with a routine exercise done; one workout a day, so the count does not depend on how two
workouts on one day are counted).
"""

from __future__ import annotations

import shutil
from pathlib import Path

import pandas as pd
import pytest

import footstats
from footstats.cli import main
from footstats.columns import (
    CODE,
    DATE,
    ERROR,
    MESSAGE,
    MINUTES,
    NOTICE,
    SECONDS,
    SETS,
    SEVERITY,
    WARMUP_SETS,
    WARNING,
)

EXPORTS = Path(__file__).parents[1] / "fixtures" / "exports"
LOOP = EXPORTS / "loop_export"


def weekly_sessions(log: pd.DataFrame) -> dict[str, int]:
    weekly = footstats.weekly_frequency(log)
    return dict(zip(weekly["week"].dt.strftime("%Y-%m-%d"), weekly["sessions"], strict=True))


def weekly_set_totals(log: pd.DataFrame) -> dict[str, int]:
    """Working sets of every exercise per ISO week (routine or not)."""
    monday = log[DATE].dt.to_period("W-SUN").dt.start_time.dt.strftime("%Y-%m-%d")
    return {week: int(total) for week, total in log.groupby(monday)[SETS].sum().items()}


# fixture, reading options, hand-counted {week: sessions}, hand-counted {week: sets}
SET_EXPORTS = [
    # point 1: durations of seconds ("32s") become minutes the log accepts
    ("strong_short_durations.csv", {}, {"2025-09-01": 2, "2025-09-08": 1}, [5, 3]),
    # point 2: the semicolon export, everything quoted, "Duration (sec)"
    ("strong_semicolon_quoted.csv", {}, {"2025-09-01": 2, "2025-09-08": 1}, [5, 2]),
    # point 3: the oldest export, units as headers, set order from 0
    ("strong_oldest_units.csv", {}, {"2016-05-02": 2, "2016-05-09": 1}, [4, 1]),
    # ... in pounds and miles ("lb", "mi"), without Notes
    ("strong_oldest_pounds.csv", {}, {"2016-09-05": 2, "2016-09-12": 1}, [5, 1]),
    # point 4: headers in the phone's language
    ("strong_german.csv", {}, {"2025-08-25": 1, "2025-09-01": 1}, [3, 1]),
    ("strong_french.csv", {}, {"2025-01-06": 2, "2025-01-13": 1}, [3, 1]),
    ("strong_chinese.csv", {}, {"2024-03-04": 2, "2024-03-11": 1}, [3, 1]),
    ("strong_portuguese.csv", {}, {"2024-02-05": 2, "2024-02-12": 1}, [4, 1]),
    ("strong_unknown_language.csv", {}, {"2025-03-03": 2, "2025-03-10": 1}, [3, 1]),
    # point 5: a Strong export re-saved by a spreadsheet, with the one flag it needs
    (
        "strong_spreadsheet_dayfirst.csv",
        {"dayfirst": True},
        {"2021-09-13": 2, "2021-09-20": 1},
        [3, 1],
    ),
    (
        "strong_spreadsheet_dayfirst.csv",
        {"date_format": "%d/%m/%Y %H:%M"},
        {"2021-09-13": 2, "2021-09-20": 1},
        [3, 1],
    ),
    # point 6: Hevy's start_time in either locale
    ("hevy_us_times.csv", {}, {"2026-07-27": 2, "2026-08-03": 1}, [3, 1]),
    ("hevy_day_month.csv", {}, {"2026-07-27": 1, "2026-08-03": 1}, [1, 2]),
    # point 8: FitNotes, both header variants
    ("fitnotes_weight_kg.csv", {}, {"2024-03-04": 2, "2024-03-11": 1}, [5, 2]),
    # FitNotes writes names without quotes: "Overhead Press (Each Side, Dumbbells)"
    ("fitnotes_comma_in_name.csv", {}, {"2025-04-28": 2, "2025-05-05": 1}, [5, 2]),
    # (16 March has only a treadmill, no routine exercise: not a session, but 1 set)
    ("fitnotes_weight_unit.csv", {}, {"2024-03-11": 1, "2024-03-18": 1}, [3, 1]),
]


@pytest.mark.parametrize(("name", "options", "sessions", "sets"), SET_EXPORTS)
def test_set_export_loads_with_hand_counted_weeks(name, options, sessions, sets):
    loaded = footstats.validate_log(EXPORTS / name, **options)
    assert loaded.ok, loaded.errors[MESSAGE].tolist()
    assert weekly_sessions(loaded.log) == sessions
    assert list(weekly_set_totals(loaded.log).values()) == sets
    assert list(weekly_set_totals(loaded.log)) == list(sessions)


def test_short_durations_are_minutes_the_log_accepts():
    log = footstats.read_log(EXPORTS / "strong_short_durations.csv")
    # 32 s, 1 h 5 min (two exercises), 45 s (two exercises)
    assert log[MINUTES].round(6).tolist() == [0.533333, 65, 65, 0.75, 0.75]


def test_a_duration_no_metric_needs_is_a_warning_that_keeps_the_sets(tmp_path):
    text = (EXPORTS / "strong_short_durations.csv").read_text("utf-8").replace("32s", "soon")
    path = tmp_path / "strong.csv"
    path.write_text(text, encoding="utf-8")
    loaded = footstats.validate_log(path)
    assert loaded.ok
    warnings = loaded.problems[loaded.problems[SEVERITY] == WARNING]
    duration = warnings[warnings["column"] == "Duration"]
    assert duration["value"].tolist() == ["soon", "soon"]  # quoted as written
    assert weekly_set_totals(loaded.log) == {"2025-09-01": 5, "2025-09-08": 3}


def test_portuguese_header_is_read_by_name_not_by_position():
    loaded = footstats.validate_log(EXPORTS / "strong_portuguese.csv")
    assert "FS413" not in loaded.problems[CODE].tolist()  # strong-header-language
    # 45min, 1h 2min (two exercises), 38min
    assert loaded.log[MINUTES].tolist() == [45, 62, 62, 38]
    assert loaded.log["workout"].tolist() == ["Treino A", "Treino B", "Treino B", "Treino A"]


def test_semicolon_export_keeps_duration_seconds_as_minutes():
    log = footstats.read_log(EXPORTS / "strong_semicolon_quoted.csv")
    # 2134 s, 32 s, 2474 s (two exercises)
    assert log[MINUTES].round(6).tolist() == [35.566667, 0.533333, 41.233333, 41.233333]
    assert log[SECONDS].tolist()[1] == 60


def test_fitnotes_names_with_a_comma_are_read_not_refused_or_shifted():
    loaded = footstats.validate_log(EXPORTS / "fitnotes_comma_in_name.csv")
    press = loaded.log[loaded.log["exercise_name"].str.startswith("Overhead")]
    assert press["exercise_name"].unique().tolist() == ["Overhead Press (Each Side, Dumbbells)"]
    assert press[SETS].tolist() == [2, 1]
    assert press["reps"].tolist() == [5, 8]
    notice = loaded.problems.loc[loaded.problems[SEVERITY] == NOTICE, MESSAGE].item()
    assert "3 line(s) have a comma in the exercise name" in notice
    assert "(lines 4, 5, 8)" in notice


def test_german_export_skips_rest_timer_rows_and_reads_its_durations():
    loaded = footstats.validate_log(EXPORTS / "strong_german.csv")
    notices = " ".join(loaded.problems.loc[loaded.problems[SEVERITY] == NOTICE, MESSAGE])
    assert "skipped 1 'Ruhezeit' row(s) (lines 3): Strong's rest timer in the phone's" in notices
    assert loaded.log[MINUTES].tolist() == [143, 143, 13]  # 2h 23min, 13min


def test_chinese_export_counts_warm_up_sets_apart():
    log = footstats.read_log(EXPORTS / "strong_chinese.csv")
    assert log[[SETS, WARMUP_SETS, MINUTES]].astype("float").values.tolist() == [
        [2, 1, 73],  # 1小时13分钟
        [1, 0, 35],  # 35min
        [1, 0, 35],
    ]


def test_unknown_language_is_read_by_strong_column_order():
    loaded = footstats.validate_log(EXPORTS / "strong_unknown_language.csv")
    assert loaded.format == "strong"
    (notice,) = loaded.problems.loc[loaded.problems[SEVERITY] == NOTICE, MESSAGE]
    assert "a language footstats does not know" in notice
    assert "'Kolejność serii' = Set Order" in notice


def test_a_twelve_column_footstats_log_is_not_taken_for_strong():
    text = (
        "date,exercise,sets,reps,seconds,side,pain_back,pain_hip,pain_knee,minutes,notes,mood\n"
        "2026-03-02 07:30,Heel raises,3,12,45,left,2,,,20,,ok\n"
    )
    loaded = footstats.validate_log(text.encode())
    assert loaded.format == "footstats" and loaded.ok


def test_day_first_dates_without_the_flag_name_it():
    problems = footstats.check_log(EXPORTS / "strong_spreadsheet_dayfirst.csv")
    errors = problems[problems[SEVERITY] == ERROR]
    assert len(errors) == 4
    assert errors["column"].unique().tolist() == ["Date"]
    assert "needs --dayfirst" in errors[MESSAGE].iloc[0]


def test_every_reading_option_applies_or_is_refused():
    # --habit does not apply to a Strong export: refused, not silently ignored
    problems = footstats.check_log(EXPORTS / "strong_german.csv", habit="Feet")
    (error,) = problems.loc[problems[SEVERITY] == ERROR, MESSAGE]
    assert error.startswith("habit= (--habit) is for Loop Habit Tracker exports")
    # --excel-dates applies to an export re-saved with serial day numbers
    path = EXPORTS / "fitnotes_weight_unit.csv"
    text = path.read_text("utf-8").replace("2024-03-15", "45366")
    log = footstats.read_log(text.encode(), excel_dates=True)
    assert log[DATE].min() == pd.Timestamp("2024-03-15")


# -- Loop Habit Tracker (point 7) ---------------------------------------------------------


@pytest.mark.parametrize(
    ("path", "habit", "sessions"),
    [
        # only YES_MANUAL is a session; the days before the habit's first entry (12-14
        # September, UNKNOWN) are left out, so its weeks start on 15 September
        (LOOP / "Checkmarks.csv", "Foot routine", {"2025-09-15": 3}),
        # measurable: value x 1000, target 2 km from Habits.csv beside the file
        (LOOP / "Checkmarks.csv", "Walk", {"2025-09-08": 2, "2025-09-15": 3}),
        # a habit's own file: Date,Value,Notes; no --habit needed
        (LOOP / "001 Foot routine" / "Checkmarks.csv", None, {"2025-09-15": 3}),
        (LOOP / "002 Walk" / "Checkmarks.csv", None, {"2025-09-08": 2, "2025-09-15": 3}),
        # an older version's file without a header
        (
            EXPORTS / "loop_headerless" / "001 Feet" / "Checkmarks.csv",
            None,
            {"2023-03-27": 2, "2023-04-03": 2},
        ),
    ],
)
def test_loop_files_give_hand_counted_weeks(path, habit, sessions):
    loaded = footstats.validate_log(path, habit=habit)
    assert loaded.ok, loaded.errors[MESSAGE].tolist()
    assert loaded.format == "loop"
    assert weekly_sessions(loaded.log) == sessions


def test_loop_yes_auto_is_not_a_session():
    log = footstats.read_log(LOOP / "001 Foot routine" / "Checkmarks.csv")
    days = dict(zip(log[DATE].dt.strftime("%m-%d"), log["session_done"], strict=True))
    assert not days["09-20"]  # YES_AUTO
    assert [d for d, done in days.items() if done] == ["09-19", "09-17", "09-15"]


def test_loop_measurable_without_habits_csv_counts_any_amount(tmp_path):
    shutil.copy(LOOP / "002 Walk" / "Checkmarks.csv", tmp_path / "Checkmarks.csv")
    log = footstats.read_log(tmp_path / "Checkmarks.csv")
    # 18 September (1 km) now counts too
    assert weekly_sessions(log) == {"2025-09-08": 2, "2025-09-15": 4}


def test_loop_days_before_the_first_entry_are_named():
    problems = footstats.check_log(LOOP / "Checkmarks.csv", habit="Foot routine")
    notice = problems.loc[problems[CODE] == "FS420", MESSAGE].item()  # loop-before-habit
    assert notice.startswith("left out 3 day(s) before the habit's first entry (lines 9, 10, 11)")


def test_loop_numeric_checkmarks_unknown_is_not_yes_auto():
    # -1 (UNKNOWN) before the habit's first entry (5 March, a 0) is no entry: those four
    # days (1-4 March) are left out, so no week of 24 February; 3 (SKIP), 1 (YES_AUTO)
    # and 0 are not sessions. Hand count: 6 and 9 March; 10, 12, 14 and 16 March.
    loaded = footstats.validate_log(EXPORTS / "loop_numeric_checkmarks.csv", habit="Exercise")
    assert loaded.ok and loaded.format == "loop"  # a habit named like a log column
    assert weekly_sessions(loaded.log) == {"2025-03-03": 2, "2025-03-10": 4}
    notice = loaded.problems.loc[loaded.problems[CODE] == "FS420", MESSAGE].item()
    assert notice.startswith("left out 4 day(s) before the habit's first entry (lines 14, 15,")


def test_a_loop_habit_without_any_entry_says_so():
    # as in Loop's own test export: 'Meditate' is UNKNOWN (-1) on every day
    text = b"Date,Meditate,Wake up early,\n2015-01-25,-1,2,\n2015-01-24,-1,0,\n"
    loaded = footstats.validate_log(text, habit="Meditate")
    assert loaded.log.empty
    habit = loaded.problems.loc[loaded.problems[CODE] == "FS418", MESSAGE].item()
    assert habit.startswith("Loop habit 'Meditate': no entry in this file (every day is UNKNOWN")


def test_a_footstats_log_ending_in_a_delimiter_is_not_a_loop_file():
    text = b"date,exercise,reps,\n2025-03-03,Heel raises,12,\n"
    loaded = footstats.validate_log(text)
    assert loaded.format == "footstats"
    assert "sets" in " ".join(loaded.errors[MESSAGE])


def test_loop_spreadsheet_copy_without_trailing_comma():
    path = EXPORTS / "loop_resaved_no_trailing_comma.csv"
    log = footstats.read_log(path, habit="Activité: marche", date_format="%m-%d-%y")
    assert log.attrs["format"] == "loop"
    assert weekly_sessions(log) == {"2024-05-27": 1, "2024-06-03": 2}


@pytest.mark.parametrize(
    ("path", "start"),
    [
        # both bugs at once (Entry cells, a habit name split by its comma), and a habit
        # named like a log column ("Exercise"); Entry cells alone are read (issue 25)
        (EXPORTS / "loop_2_0_3_entry_split_name.csv", "no line has as many values as"),
        (EXPORTS / "loop_comma_split" / "Checkmarks.csv", "no line has as many values as"),
        (LOOP / "Scores.csv", "this is Loop's Scores.csv"),
        (LOOP / "Habits.csv", "this is Loop's Habits.csv"),
    ],
)
def test_loop_files_that_are_not_checkmarks_are_one_clear_refusal(path, start):
    problems = footstats.check_log(path, habit="Foot routine")
    assert problems[SEVERITY].tolist() == [ERROR]
    assert problems[MESSAGE].item().startswith(start)
    assert "only a header" not in " ".join(problems[MESSAGE])


def test_an_unzipped_loop_export_folder_reads_its_checkmarks(capsys):
    assert main(["check", str(LOOP), "--habit", "Foot routine"]) == 0
    summary = capsys.readouterr().err
    assert "Checkmarks.csv: 7 rows loaded (loop format)" in summary


def test_the_python_api_reads_an_unzipped_loop_export_folder_too():
    # the same days as its Checkmarks.csv: Walk's 2 km target comes from Habits.csv
    walk = footstats.read_log(LOOP, habit="Walk")
    assert walk.attrs["format"] == "loop"
    assert weekly_sessions(walk) == {"2025-09-08": 2, "2025-09-15": 3}
    # a folder of participants' logs: the export is one participant, named by its folder
    combined = footstats.read_logs(LOOP, habit="Foot routine")
    assert set(combined["participant"]) == {"loop_export"}
    assert set(combined["source"]) == {str(LOOP / "Checkmarks.csv")}
    assert weekly_sessions(combined) == {"2025-09-15": 3}
    assert footstats.check_logs(LOOP, habit="Foot routine")[SEVERITY].eq(ERROR).sum() == 0


# -- messages (point 9) ------------------------------------------------------------------


def test_only_a_header_is_said_of_a_header_only_file(tmp_path):
    path = tmp_path / "strong.csv"
    header = (EXPORTS / "strong_short_durations.csv").read_text("utf-8").splitlines()[0]
    path.write_text(header + "\n", encoding="utf-8")
    assert "only a header" in " ".join(footstats.check_log(path)[MESSAGE])
    bad = footstats.check_log(EXPORTS / "strong_spreadsheet_dayfirst.csv")
    assert "only a header" not in " ".join(bad[MESSAGE])


def test_report_drop_invalid_without_valid_rows_exits_1(tmp_path, capsys):
    out = tmp_path / "out"
    code = main(
        [
            "report",
            str(EXPORTS / "strong_spreadsheet_dayfirst.csv"),
            "-o",
            str(out),
            "--drop-invalid",
        ]
    )
    assert code == 1
    assert "no valid rows remain" in capsys.readouterr().err
    assert not out.exists()


def test_check_names_the_format_of_a_german_export(capsys):
    assert main(["check", str(EXPORTS / "strong_german.csv")]) == 0
    assert "3 rows loaded (strong format)" in capsys.readouterr().err


@pytest.mark.parametrize(
    ("header", "expected"),
    [
        (
            "Date,Workout Name,Exercise Name,Weight,Reps\n2025-09-01 07:00:00,F,Calf Raise,0,12\n",
            "looks like a Strong export without 'Set Order' column(s)",
        ),
        (
            "Date,Exercise,Weight (kg),Reps\n2024-03-04,Calf Raise,20,12\n",
            "looks like a FitNotes export without 'Category' column(s)",
        ),
        (
            'title,start_time,exercise_title,reps\n"Feet","28 Jul 2026, 18:49","Calf Raise",12\n',
            "looks like a Hevy export without 'set_type' column(s)",
        ),
    ],
)
def test_an_unrecognised_file_names_the_closest_format_and_what_it_lacks(header, expected):
    message = footstats.check_log(header.encode())[MESSAGE].iloc[0]
    assert message.startswith(expected)
