"""Real exports, third round (issue 25): each fixture in the app's exact format, read whole.

Every fixture is in tests/fixtures/exports (its sources in SOURCES.md). Sessions, sets and
warm-ups per ISO week (Monday first) are counted by hand from the fixture, in the comments;
a session is a day with a routine exercise done (the default routine: Calf Raise and Heel
Raise are heel raises, Toe Walk is toe walking; Walking is not in the routine).
"""

from __future__ import annotations

from pathlib import Path

import pandas as pd
import pytest

import footstats
from footstats.cli import main
from footstats.columns import CODE, DATE, MESSAGE, SETS, SEVERITY, VALUE, WARMUP_SETS

EXPORTS = Path(__file__).parents[1] / "fixtures" / "exports"


def weeks(log: pd.DataFrame) -> dict[str, tuple[int, int, int]]:
    """ISO week -> (sessions, working sets, warm-up sets), every exercise's sets counted."""
    weekly = footstats.weekly_frequency(log)
    sessions = dict(zip(weekly["week"].dt.strftime("%Y-%m-%d"), weekly["sessions"], strict=True))
    monday = log[DATE].dt.to_period("W-SUN").dt.start_time.dt.strftime("%Y-%m-%d")
    sets = log.groupby(monday)[[SETS, WARMUP_SETS]].sum()
    return {
        week: (int(sessions.get(week, 0)), int(row[SETS]), int(row[WARMUP_SETS]))
        for week, row in sets.iterrows()
    }


def found(problems: pd.DataFrame) -> list[tuple]:
    return problems[["line", "column", SEVERITY, CODE, MESSAGE]].values.tolist()


# -- point 1: Strong in Spanish, rest timers in the phone's language ------------------------


def test_strong_spanish_rest_timers_are_skipped_not_errors():
    loaded = footstats.validate_log(EXPORTS / "strong_spanish_rest_timer.csv")
    assert loaded.ok and loaded.format == "strong"
    # 2 March: Calf Raise 1, 2, 3 (lines 2, 4, 6) and Toe Walk 1 (line 8), W warm-up (7);
    # 5 March: Calf Raise 1, 2 (9, 11); 10 March: Toe Walk 1, 2 (12, 14)
    assert weeks(loaded.log) == {"2026-03-02": (2, 6, 1), "2026-03-09": (1, 2, 0)}
    rest = loaded.problems[loaded.problems[CODE] == "FS412"]
    assert found(rest) == [
        [3, "Set Order", "notice", "FS412", "skipped 4 'Temporizador de descanso' row(s) "
         "(lines 3, 5, 10, 13): Strong's rest timer in the phone's language, not a set"],
    ]  # fmt: skip
    assert rest[VALUE].tolist() == ["Temporizador de descanso"]
    assert "FS411" not in loaded.problems[CODE].tolist()


# -- point 2: the semicolon export's words -------------------------------------------------


def test_strong_semicolon_words_warm_ups_failures_and_notes():
    loaded = footstats.validate_log(EXPORTS / "strong_semicolon_words.csv")
    assert loaded.ok
    # 6 April: Calf Raise 1, 2, FAILURE (3 sets; WARM_UP line 3 apart), Toe Walk 1;
    # 9 April: Heel Raise 1, 2 (WARM_UP line 10); 14 April: Calf Raise 1, FAILURE (WARM_UP
    # line 13), Toe Walk 1. Rest Timer lines 4, 6 and Note lines 2, 16 are no sets.
    assert weeks(loaded.log) == {"2026-04-06": (2, 6, 2), "2026-04-13": (1, 3, 1)}
    log = loaded.log
    assert log[["exercise_name", SETS, WARMUP_SETS, "notes"]].values.tolist() == [
        ["Calf Raise", 3, 1, "Slow on the way down"],
        ["Toe Walk", 1, 0, ""],
        ["Heel Raise", 2, 1, ""],
        ["Calf Raise", 2, 1, ""],
        ["Toe Walk", 1, 0, "Barefoot"],
    ]
    assert log["line"].tolist() == [3, 9, 10, 13, 17]  # each exercise's first set
    notices = loaded.problems[loaded.problems[CODE].isin(["FS412", "FS414", "FS425"])]
    assert found(notices) == [
        [2, "Set Order", "notice", "FS425",
         "read 2 Note row(s) (lines 2, 16) as their exercise's note, not a set"],
        [3, "Set Order", "notice", "FS414", "3 warm-up set(s) (lines 3, 10, 13) are not "
         "prescribed sets: not counted in sets, kept apart in warmup_sets"],
        [4, "Set Order", "notice", "FS412",
         "skipped 2 Rest Timer row(s) (lines 4, 6): Strong's rest timer, not a set"],
    ]  # fmt: skip


# -- point 3: Hevy's months in the phone's language ---------------------------------------


@pytest.mark.parametrize(
    ("name", "expected"),
    [
        # 3 Mar: Calf Raise normal, normal, failure; 28 Şub (Sat): Heel Raise 2;
        # 26 Şub (Thu): Calf Raise warm-up + 3
        ("hevy_turkish.csv", {"2026-02-23": (2, 5, 1), "2026-03-02": (1, 3, 0)}),
        # 5 Mai: warm-up, normal, failure; 30 Abr: 2; 28 Abr: warm-up, 2 normal, a dropset
        ("hevy_portuguese.csv", {"2026-04-27": (2, 5, 1), "2026-05-04": (1, 2, 1)}),
        # 1 sep: 2; 30 ago (Sat): Heel Raise warm-up + 2; 27 ago (Wed): 3
        ("hevy_spanish.csv", {"2025-08-25": (2, 5, 1), "2025-09-01": (1, 2, 0)}),
    ],
)
def test_hevy_month_names_in_the_phones_language(name, expected):
    loaded = footstats.validate_log(EXPORTS / name)
    assert loaded.ok, loaded.errors[MESSAGE].tolist()
    assert weeks(loaded.log) == expected


@pytest.mark.parametrize("language", ["tr", "pt", "es"])
def test_hevy_every_month_of_a_language(language):
    log = footstats.read_log(EXPORTS / f"hevy_months_{language}.csv")
    # one workout on the 6th of each month of 2025, 18:00
    days = sorted(log[DATE].dt.strftime("%Y-%m-%d %H:%M"))
    assert days == [f"2025-{month:02d}-06 18:00" for month in range(1, 13)]
    assert log["minutes"].tolist() == [30] * 12


def test_hevy_an_ambiguous_month_is_an_error_naming_the_languages():
    loaded = footstats.validate_log(EXPORTS / "hevy_months_ambiguous.csv")
    assert loaded.log.empty
    errors = "and the file's other months do not tell which: export again with Hevy set to English"
    assert found(loaded.problems) == [
        [2, "start_time", "error", "FS427", "'3 lis 2025, 18:00': 'lis' is October in "
         f"Croatian and November in Polish, {errors}"],
        [2, "end_time", "warning", "FS405", "'3 lis 2025, 18:30': 'lis' is October in "
         "Croatian and November in Polish: the workout's minutes are left blank"],
        [3, "start_time", "error", "FS427", "'7 lip 2025, 18:00': 'lip' is June in Croatian "
         f"and July in Polish, {errors}"],
        [3, "end_time", "warning", "FS405", "'7 lip 2025, 18:30': 'lip' is June in Croatian "
         "and July in Polish: the workout's minutes are left blank"],
    ]  # fmt: skip


# -- point 4: Loop -------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("name", "habit", "sessions"),
    [
        # Walk (measurable, no target: an amount above 0): 2 Mar 2500, 4 Mar 3000, 7 Mar
        # 1500; 9 Mar 2000, 12 Mar 4000, 15 Mar 2500. SKIP (3, 8, 11 Mar), NO, UNKNOWN: no
        ("loop_measurable_skip.csv", "Walk", {"2026-03-02": 3, "2026-03-09": 3}),
        # Feet (yes/no): YES_MANUAL on 2, 4, 7 Mar and 9, 11, 13 Mar
        ("loop_measurable_skip.csv", "Feet", {"2026-03-02": 3, "2026-03-09": 3}),
        # the same days as Loop 2.1-2.3.0 write them: a skip is 3, not an amount of 0.003
        ("loop_measurable_skip_numeric.csv", "Walk", {"2026-03-02": 3, "2026-03-09": 3}),
        # Loop 2.0.3's Entry(...) cells: Feet done (2) on 31 Jan, 2, 5, 6 Feb; 8, 11 Feb
        ("loop_2_0_3_entry_weeks.csv", "Feet", {"2022-01-31": 4, "2022-02-07": 2}),
        # Walk starts on 2 Feb (31 Jan and 1 Feb are -1): 2, 4, 6 Feb; 8, 10, 13 Feb
        ("loop_2_0_3_entry_weeks.csv", "Walk", {"2022-01-31": 3, "2022-02-07": 3}),
        # the export folder: the summary's header is split by "Feet, then stretch", so each
        # habit's own file is read (known days only: 13 for Feet, 10 for Walk)
        ("loop_export_2_0_3", "Feet, then stretch", {"2022-01-31": 4, "2022-02-07": 2}),
        ("loop_export_2_0_3", "Walk", {"2022-01-31": 3, "2022-02-07": 3}),
    ],
)
def test_loop_skips_entry_cells_and_the_habits_own_file(name, habit, sessions):
    loaded = footstats.validate_log(EXPORTS / name, habit=habit)
    assert loaded.ok, loaded.errors[MESSAGE].tolist()
    assert loaded.format == "loop"
    weekly = footstats.weekly_frequency(loaded.log)
    assert (
        dict(zip(weekly["week"].dt.strftime("%Y-%m-%d"), weekly["sessions"], strict=True))
        == sessions
    )


def test_loop_measurable_skips_are_said_and_not_errors():
    problems = footstats.check_log(EXPORTS / "loop_measurable_skip.csv", habit="Walk")
    assert found(problems) == [
        [pd.NA, "Walk", "notice", "FS418", "Loop habit 'Walk': 6 of 14 days done (an amount "
         "above 0 is a session); 3 day(s) skipped (SKIP, 3): not sessions; a habit log has "
         "sessions only, no exercises, sets or pain; the other habits are not read: Feet"],
    ]  # fmt: skip


def test_loop_entry_cells_are_read_with_a_notice_naming_the_bug():
    problems = footstats.check_log(EXPORTS / "loop_2_0_3_entry_weeks.csv", habit="Walk")
    assert problems[CODE].tolist() == ["FS421", "FS418", "FS420"]
    assert problems[MESSAGE].iloc[0] == (
        "read values written as Entry(timestamp=..., value=...) (Loop 2.0.3's export bug)"
    )
    assert problems[MESSAGE].iloc[2].startswith("left out 2 day(s) before the habit's first")


def test_loop_export_folder_reads_the_habits_own_file_and_says_why():
    loaded = footstats.validate_log(EXPORTS / "loop_export_2_0_3", habit="Feet, then stretch")
    assert loaded.file.endswith("001 Feet then stretch/Checkmarks.csv")
    assert found(loaded.problems)[0] == [
        pd.NA, "-", "notice", "FS428", "read the habit's own file 001 Feet then "
        "stretch/Checkmarks.csv for habit 'Feet, then stretch': the export's Checkmarks.csv "
        "cannot serve it: a habit name with a comma splits its header, a known Loop bug",
    ]  # fmt: skip
    # the habit is named as in Habits.csv, not as its folder
    assert "Loop habit 'Feet, then stretch': 6 of 13 days done" in loaded.problems[MESSAGE].iloc[1]
    # the summary file itself, given alone, is refused with the way forward
    refused = footstats.check_log(EXPORTS / "loop_export_2_0_3" / "Checkmarks.csv", habit="Walk")
    assert refused[CODE].tolist() == ["FS424"]
    assert "Give the unzipped export folder with --habit NAME" in refused[MESSAGE].item()
    # one participant of a folder of logs, named by its folder, from the habit's own file
    cohort = footstats.read_logs(EXPORTS / "loop_export_2_0_3", habit="Walk")
    assert set(cohort["participant"]) == {"loop_export_2_0_3"}


def test_loop_day_first_habit_file_gets_the_dayfirst_error_and_no_no_entry_notice():
    path = EXPORTS / "loop_habit_dayfirst" / "001 Feet" / "Checkmarks.csv"
    problems = footstats.check_log(path)
    assert problems[CODE].tolist() == ["FS403"] * 13
    assert problems[MESSAGE].str.contains("needs --dayfirst").all()
    # with the flag: done on 31 Jan, 2, 5, 6 Feb; 8, 11 Feb
    log = footstats.read_log(path, dayfirst=True)
    assert footstats.weekly_frequency(log)["sessions"].tolist() == [4, 2]


# -- point 5: Fitbod -----------------------------------------------------------------------

FITBOD_UTC = (
    "Fitbod writes its times in UTC (+0000), read as written: 2 of 4 workout(s) start "
    "between 00:00 and 06:59 UTC, the evening before in much of the Americas; pass "
    "timezone= (--timezone, an IANA name like America/New_York) to read them on the day "
    "they were where you live"
)


def test_fitbod_workout_export_warm_ups_apart_times_as_written():
    loaded = footstats.validate_log(EXPORTS / "fitbod_workout_export.csv")
    assert loaded.ok and loaded.format == "fitbod"
    # 1 June 17:05: Calf Raise 3 (+1 warm-up, line 14), Heel Raise 2; 3 June 06:40: Toe Walk
    # 2 (60 s), Calf Raise 3; 06:20: Walking 1 (900 s); 9 June: Calf Raise 2 (+1, line 2)
    assert weeks(loaded.log) == {"2026-06-01": (2, 11, 1), "2026-06-08": (1, 2, 1)}
    assert loaded.log["seconds"].dropna().tolist() == [60, 900]
    assert loaded.log["notes"].tolist()[0] == "slow negatives"
    assert "FS306" not in loaded.problems[CODE].tolist()  # identical sets are not repeats
    utc = loaded.problems[loaded.problems[CODE] == "FS429"]
    assert found(utc) == [[2, "Date", "notice", "FS429", FITBOD_UTC]]


def test_fitbod_times_read_in_the_users_time_zone():
    loaded = footstats.validate_log(
        EXPORTS / "fitbod_workout_export.csv", timezone="America/Los_Angeles"
    )
    # UTC-7 in June: 3 June 06:40 and 06:20 UTC are 2 June 23:40 and 23:20
    days = loaded.log[DATE].dt.strftime("%m-%d %H:%M").tolist()
    assert days == [
        "06-09 11:10",  # Calf Raise
        "06-02 23:40",  # Toe Walk
        "06-02 23:40",  # Calf Raise
        "06-02 23:20",  # Walking
        "06-01 10:05",  # Calf Raise
        "06-01 10:05",  # Heel Raise
    ]
    assert weeks(loaded.log) == {"2026-06-01": (2, 11, 1), "2026-06-08": (1, 2, 1)}
    utc = loaded.problems.loc[loaded.problems[CODE] == "FS429", MESSAGE].item()
    assert utc == (
        "Fitbod writes its times in UTC (+0000): read in America/Los_Angeles, so 2 of 4 "
        "workout(s) fall on another day than in UTC"
    )


def test_fitbod_older_layout():
    loaded = footstats.validate_log(EXPORTS / "fitbod_old_layout.csv")
    assert loaded.ok and loaded.format == "fitbod"
    # 6 Feb: Calf Raise 3 (+TRUE line 8), Heel Raise 2; 9 Feb: Calf Raise 3; 13 Feb:
    # Calf Raise 2 (+TRUE line 2); identical rows are sets, not repeated lines
    assert weeks(loaded.log) == {"2019-02-04": (2, 8, 1), "2019-02-11": (1, 2, 1)}
    assert set(loaded.problems[CODE]) == {"FS414", "FS415"}


def test_an_unknown_time_zone_is_refused_at_the_edge(capsys):
    with pytest.raises(footstats.UsageError, match="unknown time zone 'Berlin'"):
        footstats.read_log(EXPORTS / "fitbod_workout_export.csv", timezone="Berlin")
    path = str(EXPORTS / "fitbod_workout_export.csv")
    assert main(["check", path, "--timezone", "europe/berlin"]) == 2
    assert "did you mean 'Europe/Berlin'?" in capsys.readouterr().err


# -- point 6: FitNotes for iOS -------------------------------------------------------------


def test_fitnotes_ios_is_read_and_not_taken_for_android():
    loaded = footstats.validate_log(EXPORTS / "fitnotes_ios.csv")
    assert loaded.ok and loaded.format == "fitnotes_ios"
    # 4 May: Calf Raise 3, Toe Walk 1; 7 May: Calf Raise 2, Heel Raise 2 (in lbs);
    # 12 May: Walking 1, Calf Raise 2
    assert weeks(loaded.log) == {"2026-05-04": (2, 8, 0), "2026-05-11": (1, 3, 0)}
    assert loaded.log["seconds"].dropna().tolist() == [60, 900]  # 00:01:00, 00:15:00
    assert loaded.log["notes"].tolist()[-1] == "slow, 3 s down"
    assert "FitNotes does not write" not in " ".join(loaded.problems[MESSAGE])


# -- point 7: messages ---------------------------------------------------------------------


def test_a_broken_quote_in_a_multi_line_note_names_its_column_and_lines():
    loaded = footstats.validate_log(EXPORTS / "hevy_broken_quote_note.csv")
    assert found(loaded.problems) == [
        [line, "-", "error", "FS012", f"lines {line}–{line + 1} read as one value: the value "
         f"of 'exercise_notes' that opens with a quote on line {line} has a quote inside it "
         f"on line {line + 1} that is not doubled: write a quote inside a quoted value as two "
         '(""), or export the file again']
        for line in (4, 6)
    ]  # fmt: skip
    # the 5 August workout, lines 2-3, is read
    assert weeks(loaded.log) == {"2026-08-03": (1, 2, 0)}


@pytest.mark.parametrize(
    ("name", "app"),
    [
        ("gymbook_italian.csv", "a GymBook export (Italian headers)"),
        ("google_fit_daily_activity_metrics.csv", "Google Fit's daily activity metrics"),
        ("apple_health_workouts.csv", "an Apple Health workouts export (Health Auto Export)"),
        ("garmin_activities.csv", "a Garmin Connect activities export (Activities.csv)"),
        ("whoop_workouts.csv", "a WHOOP export (workouts.csv)"),
    ],
)
def test_an_app_footstats_does_not_read_is_named_with_the_way_forward(name, app):
    problems = footstats.check_log(EXPORTS / name)
    error = problems[problems[SEVERITY] == "error"]
    assert error[CODE].tolist() == ["FS430"]
    message = error[MESSAGE].item()
    assert message.startswith(f"looks like {app}")
    assert "which footstats does not read" in message and "make a footstats log" in message
    for other in ("Strong", "Hevy", "FitNotes", "Fitbod", "Loop"):
        assert other not in message


def test_the_way_forward_for_a_workout_per_row_app_reads():
    # WHOOP's two workouts as the message says: date and session_done
    text = b"date,session_done\n2026-03-05 07:15:40,true\n2026-03-02 18:02:11,true\n"
    log = footstats.read_log(text)
    assert footstats.weekly_frequency(log)["sessions"].tolist() == [2]


# -- point 8: names that differ only by spaces ---------------------------------------------


def test_names_that_differ_by_spaces_are_one_exercise_said_once():
    loaded = footstats.validate_log(EXPORTS / "strong_trailing_space_names.csv")
    assert loaded.ok
    # 2 Nov: 'Heel Raise ' 2 + 'Heel Raise' 2 = 4, Toe Walk 2; 5 Nov: 3; 10 Nov: 3
    assert weeks(loaded.log) == {"2015-11-02": (2, 9, 0), "2015-11-09": (1, 3, 0)}
    assert loaded.log["exercise_name"].tolist()[:2] == ["Heel Raise", "Toe Walk"]
    assert loaded.log[SETS].tolist()[0] == 4
    spaces = loaded.problems[loaded.problems[CODE] == "FS426"]
    assert found(spaces) == [
        [2, "Exercise Name", "notice", "FS426",
         "'Heel Raise ' and 'Heel Raise' differ only by spaces: read as one exercise (lines 2, 6)"],
    ]  # fmt: skip
