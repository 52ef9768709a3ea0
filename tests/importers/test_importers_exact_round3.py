"""The converters of issue 25 on tiny hand-made exports, compared whole (``make mutate``).

Like tests/importers/test_importers_exact.py: every row of the converted log and every
problem (line, column, value, severity, code, message) is compared, and each expected
number is worked out in a comment. Covered: Strong's rest timers in any language and the
semicolon export's words, Hevy's month names, Loop's measurable skips, Entry cells and a
habit's own file, the Fitbod and FitNotes for iOS importers, names that differ only by
spaces, and the apps footstats does not read.

Left alive on purpose, all equivalent (2026-12-08):

- ``strong._rest_shaped``: ``values.fillna(None)`` (pandas 3 fills nothing) for
  ``fillna(0)``: a blank weight, reps or distance then makes the row's "empty" mask NA
  rather than True, and the ``transform("all")`` of a label skips NA, so a blank still
  counts as empty, as 0 does (``fillna(0)`` says so to the reader).
- ``loop._summary_problem``: ``header.lstrip("\r\n")``: csv ends a row at its line
  break. (Its ``open``, whose encoding and newline mutants no test can tell apart, carries
  ``# pragma: no mutate`` with the reason.)
- ``hevy.in_english``: ``_ENGLISH[month - 2]`` in the test that skips a month name already
  in English: the name is then replaced by itself; ``str.replace`` without ``n=1``, or
  ``n=2``: a time with its month name twice is no time either way (the error quotes the
  cell as written).
- ``hevy.to_log``: ``cached = None``: the month words of every cell are then worked out
  again by ``month_names_of`` (a cache, not a result).
"""

from __future__ import annotations

import pandas as pd
import pytest
from _imported import imported, raw_table

from footstats.core.options import ReadOptions
from footstats.importers import (
    fitbod,
    fitnotes,
    fitnotes_ios,
    hevy,
    loop,
    month_names,
    not_read,
    strong,
)
from footstats.importers.base import Export
from footstats.importers.common import name_spaces_notice, parse_datetimes


def found(problems: list[dict]) -> list[tuple]:
    keys = ("line", "column", "value", "severity", "code", "message")
    # every problem names its file: the one given to the importer
    assert {p["file"] for p in problems} <= {"s.csv", "h.csv", "x.csv", "f.csv", "i.csv",
                                             "Checkmarks.csv"}  # fmt: skip
    return [tuple(p[k] for k in keys) for p in problems]


# -- Strong: rest timers in any language, the semicolon export's words -----------------------

STRONG = "Date,Workout Name,Exercise Name,Set Order,Weight,Reps,Distance,Seconds,Notes"
DAY = "2026-03-02 18:10:05,Feet"


def test_strong_rest_timers_by_word_and_by_shape():
    raw = raw_table(
        STRONG,
        f"{DAY},Calf Raise,1,20,12,0,0,",
        f"{DAY},Calf Raise,Ruhezeit,0,0,0,90,",
        f"{DAY},Calf Raise,Minuteur de repos,0,0,0,90,",
        f"{DAY},Calf Raise,2,20,12,0,0,",
        f"{DAY},Calf Raise,minuteur de repos,,,,60,",
        f"{DAY},Calf Raise,REST TIMER,0,0,0,90,",
        f"{DAY},Calf Raise,Pausa,0,8,0,0,",  # reps: a set, not a rest timer
        f"{DAY},Calf Raise,Xy,0,0,0,90,note",  # a note: not a rest timer either
        f"{DAY},Calf Raise,7b,0,0,0,90,",  # a number in it: not a word
    )
    log, problems = imported(strong, raw, "s.csv")
    # lines 2 and 5 are the sets: 2 sets, reps 12
    assert log[["exercise", "sets", "reps", "line"]].values.tolist() == [
        ["Calf Raise", "2", "12", 2]
    ]
    order = "expected a set number, W (warm-up), D (drop set), F (failure) or Rest Timer"
    assert found(problems) == [
        (8, "Set Order", "Pausa", "error", "FS411", f"'Pausa' is not a Strong set order: {order}"),
        (9, "Set Order", "Xy", "error", "FS411", f"'Xy' is not a Strong set order: {order}"),
        (10, "Set Order", "7b", "error", "FS411", f"'7b' is not a Strong set order: {order}"),
        (3, "Set Order", "Ruhezeit", "notice", "FS412", "skipped 1 'Ruhezeit' row(s) (lines 3): "
         "Strong's rest timer in the phone's language, not a set"),
        # both spellings of the one word (any case) are one notice, quoting the first
        (4, "Set Order", "Minuteur de repos", "notice", "FS412", "skipped 2 'Minuteur de repos' "
         "row(s) (lines 4, 6): read as Strong's rest timer in the phone's language by their "
         "shape (no weight, reps, distance or note), not a set"),
        (7, "Set Order", "Rest Timer", "notice", "FS412",
         "skipped 1 Rest Timer row(s) (lines 7): Strong's rest timer, not a set"),
    ]  # fmt: skip


def test_strong_a_word_row_with_a_weight_or_a_distance_is_no_rest_timer():
    raw = raw_table(
        STRONG,
        f"{DAY},Calf Raise,1,20,12,0,0,",
        f"{DAY},Calf Raise,Gewicht,20,0,0,90,",  # a weight: not a rest timer's shape
        f"{DAY},Calf Raise,Strecke,0,0,1.5,90,",  # a distance: not one either
        f"{DAY},Calf Raise,Pause,,,,90,",  # blank weight, reps and distance: one
    )
    log, problems = imported(strong, raw, "s.csv")
    # line 2 is the one set (reps 12); lines 3 and 4 are errors, line 5 a rest timer
    assert log[["exercise", "sets", "reps", "line"]].values.tolist() == [
        ["Calf Raise", "1", "12", 2]
    ]
    order = "expected a set number, W (warm-up), D (drop set), F (failure) or Rest Timer"
    assert found(problems) == [
        (3, "Set Order", "Gewicht", "error", "FS411",
         f"'Gewicht' is not a Strong set order: {order}"),
        (4, "Set Order", "Strecke", "error", "FS411",
         f"'Strecke' is not a Strong set order: {order}"),
        (5, "Set Order", "Pause", "notice", "FS412", "skipped 1 'Pause' row(s) (lines 5): read "
         "as Strong's rest timer in the phone's language by their shape (no weight, reps, "
         "distance or note), not a set"),
    ]  # fmt: skip


SEMICOLON = '"Date";"Workout Name";"Exercise Name";"Set Order";"Weight (kg)";"Reps";"Notes"'


def test_strong_word_set_orders_and_note_rows():
    raw = raw_table(
        SEMICOLON,
        '"2026-04-06 17:30:12";"A";"Calf Raise";"Note";"";"";"slow"',
        '"2026-04-06 17:30:12";"A";"Calf Raise";"WARM_UP";"10";"15";""',
        '"2026-04-06 17:30:12";"A";"Calf Raise";"1";"20";"12";"left"',
        '"2026-04-06 17:30:12";"A";"Calf Raise";"Drop_Set";"15";"10";""',
        '"2026-04-06 17:30:12";"A";"Calf Raise";"failure";"20";"9";""',
        '"2026-04-06 17:30:12";"A";"Heel Raise";"Note";"";"";"only a note"',
        '"2026-04-06 17:30:12";"A";"Calf Raise";"Note";"";"";"slow"',
        sep=";",
    )
    log, problems = imported(strong, raw, "s.csv")
    # 1, DROP_SET and FAILURE are 3 sets, WARM_UP a warm-up; reps min(12, 10, 9) = 9; the
    # notes: the Note rows' and the set's, each distinct one once; the first set's line, 3.
    # Heel Raise has only a Note: no set, left out
    assert log[["exercise", "sets", "warmup_sets", "reps", "notes", "line"]].values.tolist() == [
        ["Calf Raise", "3", "1", "9", "slow; left", 3]
    ]
    assert found(problems) == [
        (2, "Set Order", "Note", "notice", "FS425", "read 3 Note row(s) (lines 2, 7, 8) as "
         "their exercise's note, not a set; left out 1 note(s) of an exercise without a set "
         "(lines 7)"),
        (3, "Set Order", "WARM_UP", "notice", "FS414", "1 warm-up set(s) (lines 3) are not "
         "prescribed sets: not counted in sets, kept apart in warmup_sets"),
        (3, "Reps", "", "notice", "FS415", "reps differ between the sets of 1 exercise(s) "
         "(lines 3); each keeps its smallest reps, which every set reached"),
    ]  # fmt: skip


def test_a_strong_header_in_another_language_is_told_by_word_set_orders_too():
    header = "Datum;Naam;Duur;Oefening;Volgorde;Gewicht;Herhalingen;Afstand;Seconden;RPE"
    first = ["2026-04-06 17:30:12", "A", "1h", "Calf Raise", "WARM_UP", "10", "15", "", "", ""]
    note = [*first[:4], "Note", "", "", "", "", ""]
    assert strong.matches(header.split(";"), pd.DataFrame([first]))
    assert not strong.matches(header.split(";"), pd.DataFrame([note]))  # a note is no set


# -- names that differ only by spaces ------------------------------------------------------


def test_names_that_differ_only_by_spaces_every_group_once():
    written = pd.Series(["Row ", "Row", " Row", "Squat", "Squat  Jump", "Squat Jump", None])
    lines = pd.Series([2, 3, 4, 5, 6, 7, 8])
    (notice,) = name_spaces_notice(written, lines, file="x.csv", column="Exercise")
    # three spellings of Row (first lines 2, 3, 4), two of Squat Jump (6, 7); Squat alone
    assert found([notice]) == [
        (2, "Exercise", "", "notice", "FS426", "'Row ', 'Row' and ' Row' differ only by "
         "spaces: read as one exercise (lines 2, 3, 4); 'Squat  Jump' and 'Squat Jump' differ "
         "only by spaces: read as one exercise (lines 6, 7)"),
    ]  # fmt: skip
    assert name_spaces_notice(pd.Series(["Row", "Row", "", " "]), lines[:4], file="x",
                              column="E") == []  # fmt: skip


# -- Hevy: month names in the phone's language ----------------------------------------------


@pytest.mark.parametrize(
    ("times", "months", "ambiguous"),
    [
        # Turkish: Şub and Nis only in Turkish; Mar is March in every language that has it
        (["28 Şub 2026, 10:05", "11 Nis 2026, 13:05", "3 Mar 2026, 7:20"],
         {"şub": 2, "nis": 4, "mar": 3}, {}),
        # Portuguese, as Hevy writes it (CLDR "fev."): Set is September, Out October
        (["5 Fev 2026, 07:34", "5 Set 2026, 07:34", "5 Out 2026, 07:34"],
         {"fev": 2, "set": 9, "out": 10}, {}),
        # Spanish: Hevy's "sep" (CLDR "sept")
        (["1 sep 2025, 16:20", "30 ago 2025, 11:00"], {"sep": 9, "ago": 8}, {}),
        # lis with paź: only Polish has both, so lis is November
        (["3 lis 2025, 18:00", "3 paź 2025, 18:00"], {"lis": 11, "paź": 10}, {}),
        # lis alone: Croatian October, Czech and Polish November
        (["3 lis 2025, 18:00"], {},
         {"lis": "'lis' is October in Croatian and November in Czech and Polish"}),
        # no one language has both (Turkish Şub, German März): each read by every language
        (["28 Şub 2026, 10:05", "3 März 2026, 07:20"], {"şub": 2, "märz": 3}, {}),
        # not a month: left as it is; a time without letters has none
        (["5 Foo 2026, 07:34", "2026-03-02 07:34"], {}, {}),
    ],
)  # fmt: skip
def test_hevy_month_names_of_a_file(times, months, ambiguous):
    assert hevy.month_names_of([pd.Series(times)]) == (months, ambiguous)


def test_hevy_times_in_english_keep_everything_but_the_month():
    text = pd.Series(["5 fev. 2026, 07:34", "Feb 5, 2026, 7:34 PM", "5 Foo 2026", ""])
    assert hevy.in_english(text, {"fev": 2, "feb": 2}).tolist() == [
        "5 Feb 2026, 07:34",
        "Feb 5, 2026, 7:34 PM",
        "5 Foo 2026",
        "",
    ]


HEVY = (
    "title,start_time,end_time,description,exercise_title,superset_id,exercise_notes,"
    "set_index,set_type,weight_kg,reps,distance_km,duration_seconds,rpe"
)


def test_hevy_a_turkish_export_and_a_month_no_language_has():
    raw = raw_table(
        HEVY,
        'Ayak,"28 Şub 2026, 10:05","28 Şub 2026, 10:40",,Heel Raise,,,0,normal,,15,,,',
        'Ayak,"5 Foo 2026, 10:05","5 Foo 2026, 10:40",,Heel Raise,,,0,normal,,15,,,',
    )
    log, problems = imported(hevy, raw, "h.csv")
    # 10:05 to 10:40: 35 minutes
    assert log[["date", "sets", "minutes", "line"]].values.tolist() == [
        ["2026-02-28 10:05:00", "1", "35", 2]
    ]
    expected = "a Hevy time like 30 Jan 2025, 12:34 or Jan 30, 2025, 12:34 PM"
    assert found(problems) == [
        (3, "start_time", "5 Foo 2026, 10:05", "error", "FS403",
         f"'5 Foo 2026, 10:05' is not a valid date: expected {expected}"),
        (3, "end_time", "5 Foo 2026, 10:40", "warning", "FS405",
         f"'5 Foo 2026, 10:40' is not a valid date: expected {expected}"),
    ]  # fmt: skip


def test_the_month_table_reads_every_form():
    assert month_names.token(" Sept. ") == "sept"
    assert month_names.token("LUX.") == "lux"  # only the final dot goes, not an X
    index = month_names.month_index()
    # German in a date (März) and alone (Mär); Hevy's Spanish sep; Greek's final sigma
    assert (index["märz"]["de"], index["mär"]["de"], index["sep"]["es"]) == (3, 3, 9)
    assert index["μάιοσ"]["el"] == 5
    assert index["lis"] == {"cs": 11, "hr": 10, "pl": 11}


def test_the_month_table_is_cldrs_as_babel_gives_it():
    pytest.importorskip("babel")
    cldr, languages, forms = month_names.generate()
    assert (languages, forms) == (month_names.LANGUAGES, month_names.FORMS)
    assert cldr == month_names.CLDR


# -- Loop: measurable skips, Entry cells, a habit's own file ---------------------------------


def test_loop_measurable_words_and_numbers():
    raw = raw_table(
        "Date,Walk,",
        "2026-03-09,2500,",
        "2026-03-08,SKIP,",
        "2026-03-07,3,",
        "2026-03-06,NO,",
        "2026-03-05,YES_MANUAL,",
        "2026-03-04,UNKNOWN,",
        "2026-03-03,-2,",
        "2026-03-02,-1,",
    )
    log, problems = imported(loop, raw, "Checkmarks.csv", habit="Walk")
    # 2500 is 2.5, above 0: done; SKIP and 3 are skips, NO is 0: not done; YES_MANUAL is
    # Loop's 2, an amount of 0.002: done; -2 is no amount (an error); UNKNOWN (4 March) and
    # -1 (2 March) are no entry, so the habit's weeks start at its first entry, 5 March
    assert log.values.tolist() == [
        ["2026-03-09", "true", 2],
        ["2026-03-08", "false", 3],
        ["2026-03-07", "false", 4],
        ["2026-03-06", "false", 5],
        ["2026-03-05", "true", 6],
    ]
    assert found(problems) == [
        (8, "Walk", "-2", "error", "FS419", "'-2' is not an amount of a measurable Loop habit "
         "(the amount x 1000, e.g. 2000 for 2), NO, SKIP or UNKNOWN"),
        (7, "Walk", "", "notice", "FS420", "left out 2 day(s) before the habit's first entry "
         "(lines 7, 9): the habit's weeks start at its first entry, 2026-03-05, not at the "
         "first day of the file"),
        (None, "Walk", "", "notice", "FS418", "Loop habit 'Walk': 2 of 5 days done (an amount "
         "above 0 is a session); 2 day(s) skipped (SKIP, 3): not sessions; a habit log has "
         "sessions only, no exercises, sets or pain"),
    ]  # fmt: skip


ENTRY_TEXT = (
    "Date,Feet,Walk,\n"
    "2022-02-02,Entry(timestamp=2022-02-02, value=2),Entry(timestamp=2022-02-02, value=3000),\n"
    "2022-02-01,Entry(timestamp=2022-02-01, value=3),Entry(timestamp=2022-02-01, value=-1),\n"
)
WIDTH = {"file": "Checkmarks.csv", "line": 2, "column": "-", "value": "", "severity": "error"}


def test_loop_entry_cells_split_by_the_file_layer_are_read_again_from_the_text():
    # the file layer could read no line (each has 6 values for a 4-name header)
    raw = raw_table("Date,Feet,Walk,")
    width = {**WIDTH, "code": "FS013", "message": "6 values"}
    notice = {**WIDTH, "line": 1, "severity": "notice", "code": "FS007", "message": "dialect"}
    log, problems = imported(
        loop, raw, "Checkmarks.csv", habit="Feet", text=ENTRY_TEXT, problems=[width, notice]
    )
    # Feet: 2 on 2 Feb (done), 3 on 1 Feb (skipped)
    assert log.values.tolist() == [["2022-02-02", "true", 2], ["2022-02-01", "false", 3]]
    assert [p["code"] for p in problems] == ["FS007", "FS421", "FS418"]
    assert problems[1]["message"] == (
        "read values written as Entry(timestamp=..., value=...) (Loop 2.0.3's export bug)"
    )
    assert problems[2]["message"].startswith("Loop habit 'Feet': 1 of 2 days done")
    assert "1 day(s) skipped (SKIP, 3): not sessions" in problems[2]["message"]


@pytest.mark.parametrize(
    ("header", "text", "also"),
    [
        # a habit name with a comma split the header, and the cells are Entry(...): 3 values
        # a line (Entry read) for a 5-name header
        ("Date,Feet, then stretch,Walk,",
         ENTRY_TEXT.replace("Date,Feet,Walk,", "Date,Feet, then stretch,Walk,"),
         "; its cells are also Loop 2.0.3's Entry(timestamp=..., value=...)"),
        # only the split name (no line read)
        ("Date,Feet, then stretch,Walk,",
         "Date,Feet, then stretch,Walk,\n2022-02-02,2,3000,\n2022-02-01,3,-1,\n", ""),
    ],
)  # fmt: skip
def test_loop_a_split_habit_name_is_refused_with_the_way_forward(header, text, also):
    width = {**WIDTH, "code": "FS014", "message": "4 values"}
    log, problems = imported(
        loop, raw_table(header), "Checkmarks.csv", habit="Walk", text=text, problems=[width]
    )
    assert log.empty
    assert found(problems) == [
        (1, "-", "", "error", "FS424", "no line has as many values as the header has habits "
         "(2 lines): a habit name with a comma was split in two by Loop's export (a known Loop "
         f"bug{also}). Give the unzipped export folder with --habit NAME (the habit's own file "
         "is read), or the habit's own Checkmarks.csv from its folder in the export; or remove "
         "the comma from the habit's name in Loop and export again"),
    ]  # fmt: skip


def export_folder(tmp_path, header: str, first: str):
    (tmp_path / "Habits.csv").write_text(
        'Position,Name,Question\n001,"Feet, then stretch",?\n002,Walk,?\n', encoding="utf-8"
    )
    (tmp_path / "Checkmarks.csv").write_text(f"{header}\n{first}\n", encoding="utf-8")
    for folder in ("001 Feet then stretch", "002 Walk"):
        (tmp_path / folder).mkdir()
        (tmp_path / folder / "Checkmarks.csv").write_text("2022-02-02,2\n", encoding="utf-8")
    return tmp_path


@pytest.mark.parametrize(
    ("header", "first", "habit", "chosen"),
    [
        # the summary serves Walk: its file
        ("Date,Feet,Walk,", "2022-02-02,2,3000,", "Walk", "Checkmarks.csv"),
        # Walk as the summary's first habit
        ("Date,Walk,", "2022-02-02,3000,", "Walk", "Checkmarks.csv"),
        # no habit asked for: the summary (the reader asks which)
        ("Date,Feet, then stretch,Walk,", "2022-02-02,2,3000,", None, "Checkmarks.csv"),
        # a split header (3 values for 5 names), even in Entry cells: the habit's own file
        ("Date,Feet, then stretch,Walk,", "2022-02-02,2,3000,", "Walk",
         "002 Walk/Checkmarks.csv"),
        ("Date,Feet, then stretch,Walk,",
         "2022-02-02,Entry(timestamp=2022-02-02, value=2),Entry(timestamp=2022-02-02, value=1),",
         "feet, THEN stretch", "001 Feet then stretch/Checkmarks.csv"),
        # a habit the summary does not have, found in Habits.csv
        ("Date,Walk,", "2022-02-02,3000,", "Feet, then stretch",
         "001 Feet then stretch/Checkmarks.csv"),
        # a habit nowhere: the summary (the reader lists the habits)
        ("Date,Walk,", "2022-02-02,3000,", "Knees", "Checkmarks.csv"),
    ],
)  # fmt: skip
def test_loop_export_folder_file_for_a_habit(tmp_path, header, first, habit, chosen):
    folder = export_folder(tmp_path, header, first)
    assert loop.export_file(folder, ReadOptions(habit=habit)) == folder / chosen


def test_loop_export_folder_without_a_habits_file_is_not_an_export(tmp_path):
    (tmp_path / "Checkmarks.csv").write_text("Date,Walk,\n2022-02-02,3000,\n")
    assert loop.export_file(tmp_path, ReadOptions(habit="Walk")) is None


def test_loop_a_habits_own_file_read_for_a_habit_says_why(tmp_path):
    folder = export_folder(tmp_path, "Date,Walk,", "2022-02-02,3000,")
    raw = raw_table("2022-02-02,2")
    export = Export(raw, "Checkmarks.csv", folder / "001 Feet then stretch")
    log, problems = loop.to_log(export, ReadOptions(habit="Feet, then stretch"))
    assert found(problems)[0] == (
        None, "-", "Feet, then stretch", "notice", "FS428", "read the habit's own file 001 Feet "
        "then stretch/Checkmarks.csv for habit 'Feet, then stretch': the export's "
        "Checkmarks.csv cannot serve it: it has no column 'Feet, then stretch'",
    )  # fmt: skip
    # the habit as Habits.csv names it (position 001), not as its folder
    assert problems[1]["message"].startswith("Loop habit 'Feet, then stretch': 1 of 1 days")
    # given with no habit, or a habit the summary serves: no notice
    _, problems = loop.to_log(export, ReadOptions())
    assert [p["code"] for p in problems] == ["FS418"]


def test_loop_no_date_read_gives_no_habit_notice():
    raw = raw_table("Date,Value,Notes", "13/02/2022,YES_MANUAL,", "12/02/2022,NO,")
    log, problems = imported(loop, raw, "Checkmarks.csv")
    assert log.empty
    assert [p["code"] for p in problems] == ["FS403", "FS403"]


# -- Fitbod ----------------------------------------------------------------------------------

FITBOD = "Date,Exercise,Reps,Weight(kg),Duration(s),Distance(m),Incline,Resistance,isWarmup,Note,multiplier"  # noqa: E501
T1, T2 = "2026-06-03 06:40:12 +0000", "2026-06-01 23:30:00 +0000"


def test_fitbod_sets_warm_ups_seconds_notes_and_bad_marks():
    raw = raw_table(
        FITBOD,
        f"{T1},Calf Raise, 15,9.07,0.0,0.0,0.0,0.0,true,slow, 2.0",
        f"{T1},Calf Raise, 12,18.1,0.0,0.0,0.0,0.0,false,slow, 2.0",
        f"{T1},Calf Raise, 10,18.1,0.0,0.0,0.0,0.0,FALSE,slow, 2.0",
        f"{T1},Toe Walk, 0,0.0,60.0,0.0,0.0,0.0,false,, 0.0",
        f"{T1},Toe Walk, 0,0.0,45.0,0.0,0.0,0.0,maybe,, 0.0",
        f"{T2},,12,0,0,0,0,0,false,,1.0",
        f"{T2},Heel Raise,12,0,0,0,0,0,false,,1.0",
    )
    log, problems = imported(fitbod, raw, "f.csv")
    # 3 June: Calf Raise 2 sets (reps min(12, 10) = 10), 1 warm-up (line 2); Toe Walk 1 set
    # of 60 s (line 6 is an error); 1 June 23:30: Heel Raise 1 (line 7 has no exercise)
    assert log[["date", "exercise", "sets", "warmup_sets", "reps", "seconds", "notes"]] \
        .values.tolist() == [
        ["2026-06-03 06:40:12", "Calf Raise", "2", "1", "10", "", "slow"],
        ["2026-06-03 06:40:12", "Toe Walk", "1", "0", "", "60", ""],
        ["2026-06-01 23:30:00", "Heel Raise", "1", "0", "12", "", ""],
    ]  # fmt: skip
    assert found(problems) == [
        (7, "Exercise", "", "error", "FS408", "blank exercise"),
        (6, "isWarmup", "maybe", "error", "FS431",
         "'maybe' is not a Fitbod warm-up mark: expected true or false (or blank)"),
        # two workouts, one of them (06:40) between 00:00 and 06:59 UTC
        (2, "Date", "", "notice", "FS429", "Fitbod writes its times in UTC (+0000), read as "
         "written: 1 of 2 workout(s) start between 00:00 and 06:59 UTC, the evening before in "
         "much of the Americas; pass timezone= (--timezone, an IANA name like "
         "America/New_York) to read them on the day they were where you live"),
        (2, "isWarmup", "true", "notice", "FS414", "1 warm-up set(s) (lines 2) are not "
         "prescribed sets: not counted in sets, kept apart in warmup_sets"),
        (2, "Reps", "", "notice", "FS415", "reps differ between the sets of 1 exercise(s) "
         "(lines 2); each keeps its smallest reps, which every set reached"),
    ]  # fmt: skip


def test_fitbod_in_a_time_zone():
    raw = raw_table(
        FITBOD,
        f"{T1},Calf Raise, 12,18.1,0.0,0.0,0.0,0.0,false,, 2.0",
        f"{T2},Heel Raise,12,0,0,0,0,0,false,,1.0",
    )
    log, problems = imported(fitbod, raw, "f.csv", timezone="Europe/Berlin")
    # UTC+2 in June: 06:40 is 08:40 the same day; 1 June 23:30 is 2 June 01:30
    assert log[["date", "exercise"]].values.tolist() == [
        ["2026-06-03 08:40:12", "Calf Raise"],
        ["2026-06-02 01:30:00", "Heel Raise"],
    ]
    assert found(problems) == [
        (2, "Date", "", "notice", "FS429", "Fitbod writes its times in UTC (+0000): read in "
         "Europe/Berlin, so 1 of 2 workout(s) fall on another day than in UTC"),
    ]  # fmt: skip


def test_fitbod_older_layout_sets_per_row_and_days():
    raw = raw_table(
        "Date,Exercise,Sets,Reps,Weight,isWarmup,Note",
        "2019-02-13,Calf Raise,1,15,9.07,TRUE,",
        "2019-02-13,Calf Raise,2,12,18.1,,",
        "2019-02-13,Calf Raise,1,12,18.1,,",
        "2019-02-13,Calf Raise,x,12,18.1,,",
    )
    log, problems = imported(fitbod, raw, "f.csv")
    # line 3 stands for 2 sets, line 4 for 1: 3 sets; line 5's Sets is no number; days only:
    # no UTC notice
    assert log[["date", "sets", "warmup_sets", "reps", "line"]].values.tolist() == [
        ["2019-02-13 00:00:00", "3", "1", "12", 2]
    ]
    assert [p["code"] for p in problems] == ["FS407", "FS414"]
    assert problems[0]["message"] == "'x' is not a whole number of sets (0 or more)"


def test_fitbod_header_and_closest():
    assert fitbod.matches(["Date", "Exercise", "Reps", "isWarmup"])
    assert not fitbod.matches(["Date", "Exercise", "Reps", "isWarmup", "Mood"])
    assert fitbod.closest(["Date", "Exercise", "Reps", "Weight"]) == (
        0.6,
        "a Fitbod export without 'isWarmup' or 'Note' column(s)",
    )


# -- FitNotes for iOS --------------------------------------------------------------------------

IOS = "Date,Exercise,Category,Weight (kg),Weight (lbs),Reps,Distance,Distance Unit,Time,Notes,Kind"


def test_fitnotes_ios_days_times_and_notes():
    raw = raw_table(
        IOS,
        "2026-05-04,Calf Raise,Legs,20,,12,,,,,wr",
        '2026-05-04,Calf Raise,Legs,,45,10,,,,"slow, 3 s",wr',
        "2026-05-04,Plank,Core,,,,,,01:30,,t",
        "2026-05-04,Plank,Core,,,,,,soon,,t",
    )
    log, problems = imported(fitnotes_ios, raw, "i.csv")
    # one day: Calf Raise 2 sets (kg and lbs alike), reps min(12, 10) = 10; Plank 1 set of
    # 01:30 = 90 s (line 5 is an error)
    assert log[["date", "exercise", "sets", "reps", "seconds", "notes", "line"]] \
        .values.tolist() == [
        ["2026-05-04 00:00:00", "Calf Raise", "2", "10", "", "slow, 3 s", 2],
        ["2026-05-04 00:00:00", "Plank", "1", "", "90", "", 4],
    ]  # fmt: skip
    assert found(problems) == [
        (5, "Time", "soon", "error", "FS409",
         "'soon' is not a time like 0:01:30 (hours:minutes:seconds)"),
        (2, "Reps", "", "notice", "FS415", "reps differ between the sets of 1 exercise(s) "
         "(lines 2); each keeps its smallest reps, which every set reached"),
    ]  # fmt: skip
    assert log.attrs["written"]["notes"] == "Notes"


def test_fitnotes_ios_header_and_what_it_lacks():
    assert fitnotes_ios.matches(IOS.split(","))
    # both weight columns without Kind: still FitNotes for iOS (Android writes one)
    assert fitnotes_ios.matches(["Date", "Exercise", "Weight (kg)", "Weight (lbs)", "Reps"])
    assert not fitnotes_ios.matches(["Date", "Exercise", "Category", "Weight (kg)", "Reps"])
    log, problems = imported(fitnotes_ios, raw_table("Date,Exercise,Kind"), "i.csv")
    assert found(problems) == [
        (1, "-", "", "error", "FS401", "not a FitNotes for iOS export: missing the column(s) "
         "Reps; check the file, or leave the format to be detected"),
    ]  # fmt: skip


# -- apps footstats does not read --------------------------------------------------------------


def test_not_read_names_the_app_and_the_columns_to_use():
    assert not_read(["Data", "Esercizio", "Saltato"]) == (
        "looks like a GymBook export (Italian headers), which footstats does not read: one "
        "row per set, dates day first (09/03/26). To use it, make a footstats log of it "
        "(docs/exports.md): date = Data (with --dayfirst, the year in full), exercise = "
        "Esercizio, sets = 1 on each row, reps from 'Ripetizioni / Tempo'; rows marked 'Set "
        "di riscaldamento' are warm-ups (warmup_sets), rows with Saltato = Si were skipped "
        "(leave them out); --map matches its exercise names to your routine"
    )
    # Danish Garmin headers; a header of none of them
    assert not_read(["Aktivitetstype", "Dato", "Titel"]).startswith(
        "looks like a Garmin Connect activities export (Activities.csv)"
    )
    assert not_read(["Date", "Heart Points"]).startswith("looks like Google Fit's")
    assert not_read(["Date", "Activity", "Duration(Seconds)"]).startswith(
        "looks like an Apple Health workouts export (HealthExport)"
    )
    assert not_read(["Start", "End", "Workout"]) is None


# -- times with an offset ------------------------------------------------------------------------


def test_times_with_an_offset_in_utc_or_a_zone():
    from zoneinfo import ZoneInfo

    values = pd.Series(["2026-01-15 23:30:00 +0000", "2026-01-15 12:00:00 -0500", "x"])
    formats = ["%Y-%m-%d %H:%M:%S %z"]
    assert parse_datetimes(values, formats).tolist()[:2] == [
        pd.Timestamp("2026-01-15 23:30"),
        pd.Timestamp("2026-01-15 17:00"),
    ]
    # Tokyo is UTC+9
    tokyo = parse_datetimes(values, formats, ZoneInfo("Asia/Tokyo")).tolist()
    assert tokyo[:2] == [pd.Timestamp("2026-01-16 08:30"), pd.Timestamp("2026-01-16 02:00")]
    assert pd.isna(tokyo[2])


# -- round 4 (mutation run of 2026-12-08): what the survivors showed untested -----------------


def test_fitnotes_ios_reads_its_dates_with_the_options_given():
    raw = raw_table(IOS, "13/05/2026,Calf Raise,Legs,20,,12,,,,,wr")
    log, problems = imported(fitnotes_ios, raw, "i.csv", dayfirst=True)
    # 13/05/2026 day first: 13 May 2026; one set of 12
    assert log[["date", "exercise", "sets", "reps", "line"]].values.tolist() == [
        ["2026-05-13 00:00:00", "Calf Raise", "1", "12", 2]
    ]
    assert found(problems) == []


FITNOTES = "Date,Exercise,Category,Weight (kg),Reps,Distance,Distance Unit,Time,Comment"


def test_fitnotes_a_comma_in_a_name_is_read_again_from_the_text():
    text = f"{FITNOTES}\n2024-03-15,Calf Raise, seated,Legs,0,12,,,,\n"
    width = {"file": "f.csv", "line": 2, "column": "-", "value": "", "severity": "error",
             "code": "FS013", "message": "10 values"}  # fmt: skip
    log, problems = imported(fitnotes, raw_table(FITNOTES), "f.csv", text=text, problems=[width])
    # the file layer refused line 2 (10 values for 9 names): read again, the name rejoined
    assert log[["date", "exercise", "sets", "reps", "line"]].values.tolist() == [
        ["2024-03-15 00:00:00", "Calf Raise, seated", "1", "12", 2]
    ]
    assert found(problems) == [
        (2, "Exercise", "", "notice", "FS416", "1 line(s) have a comma in the exercise name, "
         "which FitNotes writes without quotes (lines 2): read with the comma kept in the name"),
    ]  # fmt: skip


def loop_folder(tmp_path, habits: str, header: str, first: str, *folders: str):
    (tmp_path / "Habits.csv").write_text(habits, encoding="utf-8")
    (tmp_path / "Checkmarks.csv").write_text(f"{header}\n{first}\n", encoding="utf-8")
    for folder in folders:
        (tmp_path / folder).mkdir()
        (tmp_path / folder / "Checkmarks.csv").write_text("2022-02-02,2\n", encoding="utf-8")
    return tmp_path


@pytest.mark.parametrize(
    "habits",
    [
        "",  # an empty Habits.csv: unreadable
        "Id,Title\n1,Walk\n",  # no Position or Name column
        "Position,Name\n001,Feet\n",  # no habit Walk
        "Position,Name\n002,Walk\n",  # Walk at 002, but no folder 002
    ],
)
def test_loop_export_folder_without_the_habits_own_file_reads_the_summary(tmp_path, habits):
    folder = loop_folder(tmp_path, habits, "Date,Feet,", "2022-02-02,2,", "001 Feet")
    assert loop.export_file(folder, ReadOptions(habit="Walk")) == folder / "Checkmarks.csv"


def test_loop_export_folder_a_habits_first_row_in_habits_csv(tmp_path):
    # Walk twice in Habits.csv: the first row's position, 002, is its folder
    habits = "Position,Name,Question\n002,Walk,?\nx,Walk,?\n"
    folder = loop_folder(tmp_path, habits, "Date,Feet,", "2022-02-02,2,", "002 Walk")
    assert loop.export_file(folder, ReadOptions(habit="Walk")) == folder / "002 Walk/Checkmarks.csv"


def test_loop_habits_csv_with_only_position_and_name(tmp_path):
    habits = 'Position,Name\n001,Feet\n002,BOX\n003,"Knee, left"\n'
    # a summary re-saved without its trailing comma, its last habit ending in X
    folder = loop_folder(
        tmp_path, habits, "Date,Feet,BOX", "2022-02-02,2,3", "002 BOX", "003 Knee left"
    )
    assert loop.export_file(folder, ReadOptions(habit="BOX")) == folder / "Checkmarks.csv"
    own = folder / "003 Knee left/Checkmarks.csv"
    assert loop.export_file(folder, ReadOptions(habit="Knee, left")) == own
    export = Export(raw_table("2022-02-02,2"), "Checkmarks.csv", folder / "003 Knee left")
    log, problems = loop.to_log(export, ReadOptions(habit="Knee, left"))
    # a file without a header: its first line, line 1, is the day
    assert log.values.tolist() == [[pd.Timestamp("2022-02-02"), True, 1]]
    # the habit as Habits.csv names it, with its comma
    assert found(problems) == [
        (None, "-", "Knee, left", "notice", "FS428", "read the habit's own file 003 Knee "
         "left/Checkmarks.csv for habit 'Knee, left': the export's Checkmarks.csv cannot "
         "serve it: it has no column 'Knee, left'"),
        (None, "Value", "", "notice", "FS418", "Loop habit 'Knee, left': 1 of 1 days done "
         "(only a manual check (YES_MANUAL, 2) is a session; YES_AUTO (1) is Loop's fill-in "
         "when the week's target is met, not a day done); a habit log has sessions only, no "
         "exercises, sets or pain"),
    ]  # fmt: skip


def test_loop_a_summary_with_a_blank_header_has_no_column(tmp_path):
    # a header of one blank name and a first line of one value: no habit column, no split
    folder = loop_folder(tmp_path, "Position,Name\n002,Walk\n", "\t", "2022-02-02", "002 Walk")
    export = Export(raw_table("2022-02-02,2"), "Checkmarks.csv", folder / "002 Walk")
    _, problems = loop.to_log(export, ReadOptions(habit="Walk"))
    assert found(problems)[0][5] == (
        "read the habit's own file 002 Walk/Checkmarks.csv for habit 'Walk': the export's "
        "Checkmarks.csv cannot serve it: it has no column 'Walk'"
    )
    # without its folder, the file is read with no notice, habit or not
    for options in (ReadOptions(habit="Walk"), ReadOptions()):
        _, problems = loop.to_log(Export(raw_table("2022-02-02,2"), "Checkmarks.csv"), options)
        assert [p["code"] for p in problems] == ["FS418"]


def test_hevy_month_words_keep_the_times_index():
    times = pd.Series(["11 Nis 2026, 13:05", "2025-01-30", "11 Nis 2026, 13:05"], index=[7, 3, 5])
    words = hevy.month_words(times)
    assert (words.tolist(), words.index.tolist()) == (["Nis", "", "Nis"], [7, 3, 5])


def test_loop_a_measurable_habit_in_entry_cells_says_so():
    # Entry cells the file layer could read (quoted): a measurable habit (3000 is 3)
    raw = raw_table("Date,Walk,", '2022-02-02,"Entry(timestamp=2022-02-02, value=3000)",')
    log, problems = imported(loop, raw, "Checkmarks.csv", habit="Walk")
    assert log.values.tolist() == [["2022-02-02", "true", 2]]
    assert found(problems) == [
        (None, "Walk", "", "notice", "FS421",
         "read values written as Entry(timestamp=..., value=...) (Loop 2.0.3's export bug)"),
        (None, "Walk", "", "notice", "FS418", "Loop habit 'Walk': 1 of 1 days done (an amount "
         "above 0 is a session); a habit log has sessions only, no exercises, sets or pain"),
    ]  # fmt: skip


ENTRY_NOTICE = (
    None, "-", "", "notice", "FS421",
    "read values written as Entry(timestamp=..., value=...) (Loop 2.0.3's export bug)",
)  # fmt: skip
FEET = (
    "Loop habit 'Feet': 1 of 2 days done (only a manual check (YES_MANUAL, 2) is a session; "
    "YES_AUTO (1) is Loop's fill-in when the week's target is met, not a day done); 1 day(s) "
    "skipped (SKIP, 3): not sessions; a habit log has sessions only, no exercises, sets or "
    "pain; the other habits are not read: Walk"
)


def test_loop_entry_cells_with_a_blank_line_between_them():
    # the blank line 3 is passed over: 2 Feb (line 2, done) and 1 Feb (line 4, skipped)
    text = ENTRY_TEXT.replace("value=3000),\n", "value=3000),\n\n")
    width = {**WIDTH, "code": "FS013", "message": "6 values"}
    log, problems = imported(
        loop, raw_table("Date,Feet,Walk,"), "Checkmarks.csv", habit="Feet", text=text,
        problems=[width],
    )  # fmt: skip
    assert log.values.tolist() == [["2022-02-02", "true", 2], ["2022-02-01", "false", 4]]
    assert found(problems) == [ENTRY_NOTICE, (None, "Feet", "", "notice", "FS418", FEET)]


def test_loop_lines_too_wide_beside_lines_read_are_the_file_layers_errors():
    # line 3 has a value too many (no Entry cell, no split name): the file layer's error
    # stays, and line 2 is read
    text = "Date,Feet,Walk,\n2022-02-02,2,3000,\n2022-02-01,2,3,4,\n"
    width = {**WIDTH, "line": 3, "code": "FS013", "message": "5 values"}
    log, problems = imported(
        loop, raw_table("Date,Feet,Walk,", "2022-02-02,2,3000,"), "Checkmarks.csv",
        habit="Feet", text=text, problems=[width],
    )  # fmt: skip
    assert log.values.tolist() == [["2022-02-02", "true", 2]]
    assert [p["code"] for p in problems] == ["FS013", "FS418"]
    assert problems[0] == width


def test_loop_only_trailing_delimiters_are_no_split_name():
    # every line ends in one comma too many (a trailing delimiter notice): not refused
    trailing = {**WIDTH, "severity": "notice", "code": "FS016", "message": "trailing"}
    log, problems = imported(
        loop, raw_table("Date,Feet,Walk,"), "Checkmarks.csv", habit="Feet",
        text="Date,Feet,Walk,\n", problems=[trailing],
    )  # fmt: skip
    assert log.empty
    assert problems == [trailing]


def test_loop_a_habits_own_file_with_a_line_too_wide_is_not_refused():
    # the habit's own file: its one line has a value too many (the file layer's error)
    width = {**WIDTH, "code": "FS013", "message": "4 values"}
    log, problems = imported(
        loop, raw_table("Date,Value,Notes"), "Checkmarks.csv",
        text="Date,Value,Notes\n2022-02-02,2,a,b\n", problems=[width],
    )  # fmt: skip
    assert log.empty
    assert problems == [width]


def test_loop_a_split_name_without_the_files_text_counts_the_width_errors():
    # no text (the reader kept none): 2 lines with too few values; a trailing delimiter
    # notice is no line of its own
    widths = [
        {**WIDTH, "code": "FS014", "message": "4 values"},
        {**WIDTH, "line": 3, "code": "FS014", "message": "4 values"},
        {**WIDTH, "line": 4, "severity": "notice", "code": "FS016", "message": "trailing"},
    ]
    log, problems = imported(
        loop, raw_table("Date,Feet, then stretch,Walk,"), "Checkmarks.csv", habit="Walk",
        problems=widths,
    )  # fmt: skip
    assert log.empty
    assert [p["code"] for p in problems] == ["FS424"]
    assert problems[0]["message"].startswith(
        "no line has as many values as the header has habits (2 lines): a habit name with a "
        "comma was split in two by Loop's export (a known Loop bug). Give"
    )


def test_loop_a_habits_own_file_read_because_a_comma_split_the_summary(tmp_path):
    folder = export_folder(tmp_path, "Date,Feet, then stretch,Walk,", "2022-02-02,2,3000,")
    export = Export(raw_table("2022-02-02,2"), "Checkmarks.csv", folder / "002 Walk")
    _, problems = loop.to_log(export, ReadOptions(habit="Walk"))
    # the summary's first line has 4 values for its 5 names
    assert found(problems)[0] == (
        None, "-", "Walk", "notice", "FS428", "read the habit's own file 002 Walk/Checkmarks.csv "
        "for habit 'Walk': the export's Checkmarks.csv cannot serve it: a habit name with a "
        "comma splits its header, a known Loop bug",
    )  # fmt: skip


def test_loop_a_habits_own_file_outside_an_export_has_no_notice(tmp_path):
    # a habit's folder copied out of its export: no Habits.csv or summary beside it
    (tmp_path / "001 Walk").mkdir()
    export = Export(raw_table("2022-02-02,2"), "Checkmarks.csv", tmp_path / "001 Walk")
    log, problems = loop.to_log(export, ReadOptions(habit="Walk"))
    assert log.values.tolist() == [[pd.Timestamp("2022-02-02"), True, 1]]
    # the habit named by its folder, 001 Walk
    assert found(problems) == [
        (None, "Value", "", "notice", "FS418", "Loop habit 'Walk': 1 of 1 days done (only a "
         "manual check (YES_MANUAL, 2) is a session; YES_AUTO (1) is Loop's fill-in when the "
         "week's target is met, not a day done); a habit log has sessions only, no exercises, "
         "sets or pain"),
    ]  # fmt: skip
