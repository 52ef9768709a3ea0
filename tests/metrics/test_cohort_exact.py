"""footstats.metrics.cohort, exactly: the whole per-participant table and the study weeks of a
tiny cohort, every cell worked out by hand (issue 27, for ``make mutate``).

The routine is the packaged one (target 2 sessions a week: a week counts
min(sessions / 2, 1)). Mondays of March 2026: 2, 9, 16, 23.

- ``a`` (home, 3 weeks from 2 March): 2 sessions in week 1, 1 in week 2, 2 in week 3;
  adherence (1 + 1/2 + 1) / 3 = 83.33 %; longest and current streak 1; still active.
  Back pain 6 on 2 March, 3 on 18 March: -3 points, clinically important.
- ``b`` (clinic, 3 weeks): 1 session in week 1, then none: (1/2 + 0 + 0) / 3 = 16.67 %,
  drop-out week 1; knee pain 5 once: 5 -> 5, change 0, not important.
- ``c`` (no group, 2 weeks from 9 March): 2 sessions in its week 1, none in week 2: 50 %,
  longest streak 1, current 0, drop-out week 1.
- ``z`` (home, 2 weeks): enrolled, no row: 0 sessions, 0 %, drop-out week 0.

Equivalent mutants: the redundant code they lived in was removed (the study weeks'
``sort=True``, the default; the reindex before an assignment that aligns on the index
anyway; ``_dropout_weeks``' int64 cast and explicit NaN, the caller making the column
``Int64``; the where before on_target / judged, as on target implies judged and 0 / 0 is
NaN; the reversed grouping key and the reversal of the result, both aligned on the index).
Left out of the mutants in ``[tool.mutmut]``: ``observed=True`` of the groupbys (categories
without rows never reach the result; written for pandas 2.2) and the study weeks'
``dropna=False`` line (``dropna=None`` reads as false). The ``errors="ignore"``
mutants are killed by spans given without ``rows_before``/``rows_after``.
"""

from __future__ import annotations

from io import StringIO

import numpy as np
import pandas as pd
import pytest

import footstats
from footstats.errors import UsageError
from footstats.metrics.cohort import EXAMPLE, cohort_table, study_week_adherence

LOG = """participant,date,exercise,sets,pain_back,pain_knee
a,2026-03-02,Toe walking,6,6,
a,2026-03-04,Toe walking,6,,
a,2026-03-09,Toe walking,6,,
a,2026-03-16,Toe walking,6,,
a,2026-03-18,Toe walking,6,3,
b,2026-03-03,Toe walking,6,,5
c,2026-03-10,Toe walking,6,,
c,2026-03-11,Toe walking,6,,
"""
TABLE = """participant,start,weeks,group
a,2026-03-02,3,home
b,2026-03-02,3,clinic
c,2026-03-09,2,
z,2026-03-02,2,home
"""
NA = pd.NA


def log() -> pd.DataFrame:
    return footstats.read_log(StringIO(LOG))


def participants() -> pd.DataFrame:
    return footstats.read_participants(StringIO(TABLE))


def days(*values) -> pd.Series:
    return pd.Series(pd.to_datetime(list(values)), dtype="datetime64[us]")


def test_cohort_table_with_a_participants_table_cell_by_cell():
    got = cohort_table(log(), participants=participants())
    expected = pd.DataFrame(
        {
            "participant": pd.Series(["a", "b", "c", "z"], dtype="str"),
            "group": pd.Series(["home", "clinic", np.nan, "home"], dtype="str"),
            "start": days("2026-03-02", "2026-03-02", "2026-03-09", "2026-03-02"),
            "end": days("2026-03-22", "2026-03-22", "2026-03-22", "2026-03-15"),
            "weeks": [3, 3, 2, 2],
            "sessions": [5, 1, 2, 0],
            "adherence_pct": [250 / 3, 50 / 3, 50.0, 0.0],
            "longest_streak": [1, 0, 1, 0],
            "current_streak": [1, 0, 0, 0],
            "last_session": days("2026-03-18", "2026-03-03", "2026-03-11", None),
            "dropout_week": pd.array([NA, 1, 1, 0], dtype="Int64"),
            "back_baseline": [6.0, np.nan, np.nan, np.nan],
            "back_latest": [3.0, np.nan, np.nan, np.nan],
            "back_change": [-3.0, np.nan, np.nan, np.nan],
            "back_important": pd.array([True, NA, NA, NA], dtype="boolean"),
            "knee_baseline": [np.nan, 5.0, np.nan, np.nan],
            "knee_latest": [np.nan, 5.0, np.nan, np.nan],
            "knee_change": [np.nan, 0.0, np.nan, np.nan],
            "knee_important": pd.array([NA, False, NA, NA], dtype="boolean"),
        }
    )
    pd.testing.assert_frame_equal(got, expected)


def test_cohort_table_without_a_table_spans_the_log():
    got = cohort_table(log())
    # each window starts at the first row and runs to the log's last row (18 March)
    assert got.columns[:6].tolist() == [
        "participant",
        "start",
        "end",
        "weeks",
        "sessions",
        "adherence_pct",
    ]
    assert got["start"].tolist() == list(days("2026-03-02", "2026-03-03", "2026-03-10"))
    assert got["end"].tolist() == list(days("2026-03-18", "2026-03-18", "2026-03-18"))
    assert got["weeks"].tolist() == [3, 3, 2]
    assert got["sessions"].dtype == "int64"
    assert got["dropout_week"].tolist() == [NA, 1, 1]
    assert "rows_before" not in got.columns and "rows_after" not in got.columns


def test_cohort_table_with_weeks_and_until():
    # two weeks each: a's week 2 has one session (not met), b stopped in week 1
    got = cohort_table(log(), weeks=2).set_index("participant")
    assert got["weeks"].tolist() == [2, 2, 2]
    assert got["adherence_pct"].tolist() == pytest.approx([75.0, 25.0, 50.0])
    assert got["dropout_week"].tolist() == [NA, 1, 1]
    assert got["current_streak"].tolist() == [0, 0, 0]
    # a's last session in its two weeks is 9 March (18 March is past them)
    assert got["last_session"].tolist() == list(days("2026-03-09", "2026-03-03", "2026-03-11"))
    # a's back pain in its two weeks (2-15 March): only 6 on 2 March (18 March's 3 is
    # past them): baseline = latest = 6, change 0, not important
    assert got.loc["a", ["back_baseline", "back_latest", "back_change"]].tolist() == [6, 6, 0]
    assert bool(got.loc["a", "back_important"]) is False
    by_window = cohort_table(log(), window=footstats.FollowUp(weeks=2)).set_index("participant")
    pd.testing.assert_frame_equal(by_window, got)
    # spans given as a window, without the rows_before/rows_after columns: taken as they are
    spans = footstats.follow_up(log(), weeks=2)[["participant", "start", "end", "weeks"]]
    pd.testing.assert_frame_equal(cohort_table(log(), window=spans).set_index("participant"), got)
    until = cohort_table(log(), until="2026-03-08").set_index("participant")
    assert until.loc["a", ["weeks", "sessions", "adherence_pct"]].tolist() == [1, 2, 100.0]
    # c starts after the day: a window of 0 weeks, 0 sessions, no last session
    assert until.loc["c", ["weeks", "sessions"]].tolist() == [0, 0]
    assert pd.isna(until.loc["c", "last_session"])


def test_a_cohort_without_pain_columns_has_none_in_its_table():
    plain = footstats.read_log(StringIO(EXAMPLE.decode()))
    got = cohort_table(plain)
    assert got.columns.tolist() == [
        "participant",
        "start",
        "end",
        "weeks",
        "sessions",
        "adherence_pct",
        "longest_streak",
        "current_streak",
        "last_session",
        "dropout_week",
    ]
    assert got["sessions"].tolist() == [3, 1]
    assert got["dropout_week"].tolist() == [NA, 1]


def test_study_weeks_per_group_sorted_with_the_group_less_last():
    got = study_week_adherence(log(), participants=participants())
    expected = pd.DataFrame(
        {
            "group": pd.Series(["clinic"] * 3 + ["home"] * 3 + [np.nan] * 2, dtype="str"),
            "week_index": [1, 2, 3, 1, 2, 3, 1, 2],
            # home: a and z in weeks 1-2, a alone in week 3
            "observed": [1, 1, 1, 2, 2, 1, 1, 1],
            # b's only session is in week 1; z never logged; c's last is in its week 1
            "active": [1, 0, 0, 1, 1, 1, 1, 0],
            # every window is a programme of N weeks, over by its end: each week is judged
            "judged": [1, 1, 1, 2, 2, 1, 1, 1],
            "on_target": [0, 0, 0, 1, 0, 1, 1, 0],
            "share_on_target": [0.0, 0.0, 0.0, 0.5, 0.0, 1.0, 1.0, 0.0],
        }
    )
    pd.testing.assert_frame_equal(got, expected)


def test_study_weeks_without_groups():
    got = study_week_adherence(log())
    expected = pd.DataFrame(
        {
            "week_index": [1, 2, 3],
            "observed": [3, 3, 2],
            # a logs every week; b only in week 1; c only in its week 1 (the week of 9 Mar)
            "active": [3, 1, 1],
            # the week of 16 Mar (the last entry's) is in progress: c's week 2 (0 sessions)
            # and b's week 3 (0 sessions) are not judged yet, a's week 3 (2 sessions) is met
            "judged": [3, 2, 1],
            "on_target": [2, 0, 1],
            "share_on_target": [2 / 3, 0.0, 1.0],
        }
    )
    pd.testing.assert_frame_equal(got, expected)
    two = study_week_adherence(log(), weeks=1)
    assert two.values.tolist() == [[1, 3, 3, 3, 2, 2 / 3]]


def test_the_cohort_view_names_what_it_needs():
    one = footstats.read_log(StringIO("date,exercise,sets\n2026-03-02,Toe walking,6\n"))
    for function in (cohort_table, study_week_adherence):
        with pytest.raises(UsageError) as info:
            function(one)
        assert str(info.value) == "the cohort view needs a log with a participant column"


ONCE_A_WEEK = """name = "Once a week"
sessions_per_week = 1
session_minutes = 10

[[exercise]]
id = "toe_walking"
name = "Toe walking"
sets = 6
"""


def test_the_routine_given_sets_the_target(tmp_path):
    path = tmp_path / "once.toml"
    path.write_text(ONCE_A_WEEK, encoding="utf-8")
    routine = footstats.load_routine(path)
    # one session a week meets the target: b's week 1 and c's week 1 now count
    got = study_week_adherence(log(), routine=routine)
    assert got["on_target"].tolist() == [3, 1, 1]
    table = cohort_table(log(), routine=routine).set_index("participant")
    # the week of 16 March (the last entry's) is in progress: judged for a (met), not yet
    # for b and c (no session so far): a 3 of 3, b 1 of 2, c 1 of 1
    assert table["adherence_pct"].tolist() == pytest.approx([100.0, 50.0, 100.0])
    with pytest.warns(DeprecationWarning):
        old = study_week_adherence(log(), program=routine)
    pd.testing.assert_frame_equal(old, got)
    with pytest.warns(DeprecationWarning):
        old = cohort_table(log(), program=routine)
    pd.testing.assert_frame_equal(old, cohort_table(log(), routine=routine))


def test_study_weeks_of_a_window_given_until_a_day_or_a_selected_participant():
    by_window = study_week_adherence(log(), window=footstats.FollowUp(weeks=1))
    # week_index, observed, active, judged, on_target, share
    assert by_window.values.tolist() == [[1, 3, 3, 3, 2, 2 / 3]]
    until = study_week_adherence(log(), until="2026-03-08")
    # a and b have their first week (2-8 March); c starts after the day
    assert until[["week_index", "observed", "on_target"]].values.tolist() == [[1, 2, 1]]
    one = footstats.select_participant(log(), "c")
    # c's window runs to the log's last day (18 March): its 2 weeks
    # its week 2 is the week in progress, without a session yet: not judged (share NaN)
    study = study_week_adherence(one)
    assert study[["week_index", "observed", "active", "judged", "on_target"]].values.tolist() == [
        [1, 1, 1, 1, 1],
        [2, 1, 0, 0, 0],
    ]
    assert study["share_on_target"].tolist()[0] == 1.0
    assert pd.isna(study["share_on_target"].tolist()[1])
    assert cohort_table(one)[["participant", "weeks", "dropout_week"]].values.tolist() == [
        ["c", 2, 1]
    ]


def test_what_is_not_a_log_is_named_with_the_function():
    for function in (cohort_table, study_week_adherence):
        with pytest.raises(TypeError) as info:
            function("log.csv")
        assert str(info.value).startswith(f"{function.__name__} expects ")


def test_the_routine_the_log_was_read_with_is_the_one_counted(tmp_path):
    path = tmp_path / "once.toml"
    path.write_text(ONCE_A_WEEK, encoding="utf-8")
    carried = footstats.read_log(StringIO(LOG), routine=footstats.load_routine(path))
    # no routine given: the log's own (1 a week), not the packaged one (2 a week).
    # week 1: a 2, b 1, c 2 sessions: all met. week 2: a 1 (met), b 0 (a miss: its Sunday
    # 15 March is before the last entry's day, 18 March), c's week of 16 March in progress
    # without a session (not judged). week 3 (16-22 March, in progress): a 2 (met), b 0
    # (not judged); c has only 2 weeks.
    got = study_week_adherence(carried)
    # week_index, observed, active, judged, on_target, share
    assert got.values.tolist() == [
        [1, 3, 3, 3, 3, 1.0],
        [2, 3, 1, 2, 1, 0.5],
        [3, 2, 1, 1, 1, 1.0],
    ]
    table = cohort_table(carried).set_index("participant")
    # a 3 of 3 weeks, b 1 of 2 judged (week 3 in progress), c 1 of 1 judged
    assert table["adherence_pct"].tolist() == [100.0, 50.0, 100.0]


FOUR_WEEKS = """name = "Four weeks"
sessions_per_week = 2
session_minutes = 10
weeks = 4

[[exercise]]
id = "toe_walking"
name = "Toe walking"
sets = 6
"""


def test_the_routine_given_sets_the_programme_weeks_of_the_window(tmp_path):
    path = tmp_path / "four.toml"
    path.write_text(FOUR_WEEKS, encoding="utf-8")
    routine = footstats.load_routine(path)
    # the routine's 4 weeks end each window on the Sunday of its 4th week (a, b: 29 March,
    # c: 5 April), not at the last entry (18 March): 4 study weeks for all 3, none in
    # progress. Sessions per study week: a 2, 1, 2, 0; b 1, 0, 0, 0; c 2, 0, 0, 0.
    got = study_week_adherence(log(), routine=routine)
    assert got.values.tolist() == [
        [1, 3, 3, 3, 2, 2 / 3],  # a and c met; all active
        [2, 3, 1, 3, 0, 0.0],  # only a logs later (week 3)
        [3, 3, 1, 3, 1, 1 / 3],  # a met
        [4, 3, 0, 3, 0, 0.0],  # nobody logs in week 4
    ]
    table = cohort_table(log(), routine=routine).set_index("participant")
    assert table["end"].tolist() == list(pd.to_datetime(["2026-03-29", "2026-03-29", "2026-04-05"]))
    assert table["weeks"].tolist() == [4, 4, 4]
    # a (1 + 1/2 + 1 + 0) / 4 = 62.5 %, b (1/2) / 4 = 12.5 %, c 1 / 4 = 25 %
    assert table["adherence_pct"].tolist() == [62.5, 12.5, 25.0]
    # the last session's study week, with empty weeks after it: a 3, b 1, c 1
    assert table["dropout_week"].tolist() == [3, 1, 1]
