"""footstats.importers.fitbod, exactly: every problem of a Fitbod export with its line, column,
code and message, the log rows counted from the sets, and how UTC times are read (for
``make mutate``: after issue 25 the importer's error paths had no exact test)."""

from __future__ import annotations

import pandas as pd

from footstats.core.options import ReadOptions
from footstats.importers.base import Export
from footstats.importers.fitbod import to_log

FILE = "WorkoutExport.csv"


def convert(columns: dict, **options):
    raw = pd.DataFrame(columns)
    raw["line"] = range(2, 2 + len(raw))
    log, problems = to_log(Export(raw, FILE), *([ReadOptions(**options)] if options else []))
    return log, [tuple(p.values()) for p in problems]


def rows(log: pd.DataFrame) -> list[list]:
    return log.astype(object).where(log.notna(), None).values.tolist()


def test_the_current_layout_with_a_bad_cell_of_each_kind():
    log, problems = convert(
        {
            "Date": ["2026-06-01 17:05:33 +0000"] * 3 + ["2026-06-02 05:00:00 +0000"] * 2,
            "Exercise": ["Calf Raise"] * 3 + ["Plank", ""],
            "Reps": [" 15", " 12", "x", "0", "3"],
            "Duration(s)": ["0", "0", "0", "45.5", "0"],
            "isWarmup": ["true", "false", "maybe", "FALSE", ""],
            "Note": ["a  b", "a  b", "", " n ", ""],
            "multiplier": ["2.0"] * 5,
        }
    )
    assert log.columns.tolist() == [
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
    assert {c: str(t) for c, t in log.dtypes.items()} == {
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
    assert rows(log) == [
        [
            pd.Timestamp("2026-06-01 17:05:33"),
            "Calf Raise",
            1,
            1,
            12,
            None,
            None,
            "a  b",
            "",
            "",
            2,
        ],
        [pd.Timestamp("2026-06-02 05:00:00"), "Plank", 1, 0, None, 45.5, None, " n ", "", "", 5],
    ]
    assert problems == [
        (FILE, 6, "Exercise", "", "error", "FS408", "blank exercise"),
        (
            FILE,
            4,
            "isWarmup",
            "maybe",
            "error",
            "FS431",
            "'maybe' is not a Fitbod warm-up mark: expected true or false (or blank)",
        ),
        (FILE, 4, "Reps", "x", "error", "FS407", "'x' is not a whole number of reps (0 or more)"),
        (
            FILE,
            2,
            "Date",
            "",
            "notice",
            "FS429",
            "Fitbod writes its times in UTC (+0000), read as written: 1 of 2 workout(s) start "
            "between 00:00 and 06:59 UTC, the evening before in much of the Americas; pass "
            "timezone= (--timezone, an IANA name like America/New_York) to read them on the "
            "day they were where you live",
        ),
        (
            FILE,
            2,
            "isWarmup",
            "true",
            "notice",
            "FS414",
            "1 warm-up set(s) (lines 2) are not prescribed sets: not counted in sets, kept "
            "apart in warmup_sets",
        ),
    ]


def test_seconds_of_a_timed_set_and_a_bad_duration():
    log, problems = convert(
        {
            "Date": ["2026-06-01 17:05:33 +0000"] * 2,
            "Exercise": ["Plank", "Plank"],
            "Reps": ["0", "0"],
            "Duration(s)": ["30", "abc"],
            "isWarmup": ["false", "false"],
        }
    )
    assert [p for p in problems if p[4] == "error"] == [
        (
            FILE,
            3,
            "Duration(s)",
            "abc",
            "error",
            "FS407",
            "'abc' is not a number of seconds (0 or more)",
        )
    ]
    assert log["seconds"].tolist() == [30.0]


def test_the_warm_up_notice_quotes_the_first_warm_up_mark():
    log, problems = convert(
        {
            "Date": ["2026-06-01 17:05:33 +0000"] * 3,
            "Exercise": ["Squat"] * 3,
            "Reps": ["5", "5", "5"],
            "isWarmup": ["True", "TRUE", "false"],
        }
    )
    # lines 2 and 3 are 2 warm-ups (any case), line 4 the one set; the notice quotes line 2's
    # mark as written, once
    assert rows(log) == [
        [pd.Timestamp("2026-06-01 17:05:33"), "Squat", 1, 2, 5, None, None, "", "", "", 2]
    ]
    assert problems[-1] == (
        FILE,
        2,
        "isWarmup",
        "True",
        "notice",
        "FS414",
        "2 warm-up set(s) (lines 2, 3) are not prescribed sets: not counted in sets, kept "
        "apart in warmup_sets",
    )


def test_a_header_without_the_required_columns():
    log, problems = convert({"Date": ["2026-06-01 17:05:33 +0000"], "Exercise": ["Calf Raise"]})
    assert log.empty and log.columns.tolist()[:3] == ["date", "exercise", "sets"]
    assert problems == [
        (
            FILE,
            1,
            "-",
            "",
            "error",
            "FS401",
            "not a Fitbod export: missing the column(s) Reps, isWarmup; check the file, or leave "
            "the format to be detected",
        )
    ]


def test_utc_times_read_in_a_time_zone_say_how_many_moved_day():
    log, problems = convert(
        {
            "Date": ["2026-06-02 03:00:00 +0000"] * 2 + ["2026-06-02 15:00:00 +0000"],
            "Exercise": ["Plank"] * 3,
            "Reps": ["1"] * 3,
            "isWarmup": [""] * 3,
        },
        timezone="America/New_York",
    )
    assert log["date"].tolist() == [
        pd.Timestamp("2026-06-01 23:00"),
        pd.Timestamp("2026-06-02 11:00"),
    ]
    assert log["sets"].tolist() == [2, 1]
    assert problems == [
        (
            FILE,
            2,
            "Date",
            "",
            "notice",
            "FS429",
            "Fitbod writes its times in UTC (+0000): read in America/New_York, so 1 of 2 "
            "workout(s) fall on another day than in UTC",
        )
    ]


def test_the_older_layout_counts_its_sets_column():
    log, problems = convert(
        {
            "Date": ["2019-02-13"] * 3,
            "Exercise": ["Squat"] * 3,
            "Sets": ["2", "", "3"],
            "Reps": ["5", "5", "5"],
            "Weight": ["1", "1", "1"],
            "isWarmup": ["TRUE", "", ""],
            "Note": ["", "", ""],
        }
    )
    # line 2 stands for 2 warm-up sets; lines 3 (blank: 1) and 4 (3) for 4 sets
    assert rows(log) == [[pd.Timestamp("2019-02-13"), "Squat", 4, 2, 5, None, None, "", "", "", 2]]
    assert problems == [
        (
            FILE,
            2,
            "isWarmup",
            "TRUE",
            "notice",
            "FS414",
            "1 warm-up set(s) (lines 2) are not prescribed sets: not counted in sets, kept "
            "apart in warmup_sets",
        )
    ]
