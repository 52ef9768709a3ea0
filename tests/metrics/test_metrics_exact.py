"""Metrics on tiny logs, chosen so that a wrong rule or a moved threshold changes a number.

They complement tests/metrics/test_metrics.py (``make mutate`` measures the pair): what counts as a
session, set completion with partial and one-sided work, the pain windows of each site, the
values on both sides of every threshold (Farrar -2 points / -30 %, IMMPACT 10 / 30 / 50 %,
the 14-day windows), targets of 0, 1 and 1.5 sessions, and the cohort figures. Every
expected number is worked out in a comment.

The lines whose mutants no test can tell from the original are listed with their reasons
in ``[tool.mutmut]`` of pyproject.toml; these equivalent mutants are left alive on purpose:

- ``_group``, and the two groupbys in ``frequency_summary``: ``dropna=None`` (as false as
  ``False``). ``_group``'s ``observed=True`` (pandas 3's default, needed by pandas 2.2) is
  marked ``# pragma: no mutate``, and so is the test in ``_pain_reports`` that decides
  whether the reports need sorting: mutants that sort more often change nothing.
- ``pain_change``: ``pd.cut(..., right=None)``, as false as ``right=False``.
- ``exercise_completion``: ``observed=None`` for ``observed=False``: pandas reads it as
  false (every routine exercise keeps its row).
- ``_counts_and_sums``: ``n`` without ``minlength``: the groups it may then lack at the end
  are groups without rows, which every caller drops.
- ``_exercise_codes``: -2 instead of -1 for "not a routine exercise" (callers test >= 0);
  ``astype(None)`` (float64) of the reader's flags, which np.where reads alike.
- ``_sets``: ``to_numpy(None, na_value=0)`` or no dtype: the same whole numbers.

The week grid and the follow-up window (``footstats.metrics.weeks``,
``footstats.metrics.followup``) have their own exact tests and list of equivalent mutants:
tests/metrics/test_window_exact.py.

Found alive by the whole run of 2026-12-08 and equivalent:
- ``exercise_completion``: ``groupby(..., observed=None)``: pandas 3.1 keeps the categories
  without a row for ``None`` as for ``False`` (the routine's exercises without a session
  are listed, ``test_exercise_completion_of_a_log_without_sessions_lists_every_routine_exercise``).
- ``summarize``: ``routine=None`` (or left out) for ``pain_change`` and ``_prepare``: they
  are given the resolved spans, and a window of spans uses no routine; ``key =
  str(participant)`` without a participant column: the id is ``""`` either way.
"""

import dataclasses
import math
from io import StringIO

import numpy as np
import pandas as pd
import pytest
from _tidy import METRICS_OF_A_LOG, PROGRAM, tidy_log

import footstats
from footstats.columns import (
    ADHERENCE_PCT,
    BAND,
    BASELINE,
    CHANGE,
    CHANGE_PCT,
    CLINICALLY_IMPORTANT,
    COMPLETION,
    COUNT,
    CURRENT_STREAK,
    EXERCISE,
    EXERCISES,
    IN_PROGRAM,
    LATEST,
    LONGEST_STREAK,
    SESSIONS,
    SETS_DONE,
    SETS_PRESCRIBED,
    SITE,
    TARGET_MAX,
    TARGET_MET,
    TARGET_MIN,
    VALUE_MAX,
    VALUE_MEAN,
    VALUE_MIN,
    WEEK,
    WEEKS,
)
from footstats.errors import UsageError
from footstats.metrics import tables as metrics
from footstats.routine import Range

TOE = {"exercise": "toe_walking", "sets": 6}


def with_target(low, high):
    return dataclasses.replace(PROGRAM, sessions_per_week=Range(low, high))


# -- what counts as a session -------------------------------------------------------------
def test_a_session_needs_a_routine_exercise_with_at_least_one_set():
    log = tidy_log(
        [
            {"date": "2026-03-02", "exercise": "toe_walking", "sets": 1},  # 1 set: a session
            {"date": "2026-03-03", "exercise": "toe_walking", "sets": 0},  # nothing done
            {"date": "2026-03-04", "exercise": "Jumping jacks", "sets": 3},  # not in the routine
            {"date": "2026-03-05", "exercise": "heel_raises", "sets": 0},  # 0 sets ...
            {"date": "2026-03-05", "exercise": "Plank", "sets": 2},  # ... and another exercise
            {"date": "2026-03-09", "exercise": "toe_curls", "sets": 1},
            {"date": "2026-03-10", "exercise": "heel_raises", "sets": 1, "side": "left"},
            {"date": "2026-03-10", "exercise": "toe_curls", "sets": 0},  # 0 sets in a session
        ]
    )
    weekly = metrics.weekly_frequency(log, routine=PROGRAM)
    # week of 2 March: only the 2nd; week of 9 March: the 9th and the 10th
    assert weekly[SESSIONS].tolist() == [1, 2]
    assert weekly[TARGET_MET].tolist() == [False, True]
    sessions = metrics.session_table(log, routine=PROGRAM)
    assert sessions["date"].tolist() == [pd.Timestamp(d) for d in ("2026-03-02", "2026-03-09")] + [
        pd.Timestamp("2026-03-10")
    ]
    assert sessions[EXERCISES].tolist() == [1, 1, 1]  # toe curls with 0 sets is not "done"
    assert sessions[SETS_DONE].tolist() == [1, 1, 1]
    # set tables hold the three sessions only; the 10th's toe curls count 0 of 10
    sets = metrics.session_sets(log, routine=PROGRAM)
    assert len(sets) == 3 * len(PROGRAM.ids)
    tenth = sets[sets["date"] == pd.Timestamp("2026-03-10")].set_index(EXERCISE)
    assert tenth.loc["toe_curls", [SETS_DONE, SETS_PRESCRIBED]].tolist() == [0, 10]
    assert tenth.loc["heel_raises", [SETS_DONE, SETS_PRESCRIBED]].tolist() == [1, 4]


def test_session_minutes_is_the_largest_on_its_rows_and_line_the_first():
    log = tidy_log(
        [
            {"date": "2026-03-02", "exercise": "toe_walking", "sets": 6, "minutes": 10},
            {"date": "2026-03-02", "exercise": "toe_curls", "sets": 10, "minutes": 25},
            {"date": "2026-03-02", "exercise": "heel_raises", "sets": 2, "minutes": 5},
        ]
    )
    sessions = metrics.session_table(log.iloc[::-1], routine=PROGRAM)
    assert sessions[["minutes", "line"]].to_dict("records") == [{"minutes": 25, "line": 2}]
    assert sessions[EXERCISES].tolist() == [3]
    assert sessions[SETS_DONE].tolist() == [18]  # 6 + 10 + 2


# -- set completion -----------------------------------------------------------------------
def test_completion_of_partial_and_one_sided_work():
    log = tidy_log(
        [
            {"date": "2026-03-02", "exercise": "toe_walking", "sets": 3},
            {"date": "2026-03-02", "exercise": "heel_raises", "sets": 3, "side": "left"},
            {"date": "2026-03-02", "exercise": "ankle_circles", "sets": 4, "side": "right"},
            {"date": "2026-03-02", "exercise": "toe_curls", "sets": 4},
            {"date": "2026-03-02", "exercise": "toe_curls", "sets": 3},
        ]
    )
    sets = metrics.session_sets(log, routine=PROGRAM).set_index(EXERCISE)
    # toe walking (6, not per side): 3 of 6 -> 0.5
    # heel raises (2 a side): left 3 (capped at 2), right 0 -> (2 + 0) / 4 = 0.5, not 3/4
    # tibialis anterior: not done -> 0 of 2
    # ankle circles (5 a side): left 0, right 4 -> 4 / 10 = 0.4
    # toe curls (10): two rows, 4 + 3 = 7 of 10 -> 0.7
    assert sets[SETS_DONE].tolist() == [3, 3, 0, 4, 7]
    assert sets[SETS_PRESCRIBED].tolist() == [6, 4, 2, 10, 10]
    assert sets[COMPLETION].tolist() == pytest.approx([0.5, 0.5, 0.0, 0.4, 0.7])


def test_weekly_sets_in_two_weeks_and_a_week_without_sessions():
    log = tidy_log(
        [
            {"date": "2026-03-02", "exercise": "toe_walking", "sets": 3},
            {"date": "2026-03-04", "exercise": "toe_walking", "sets": 6},
            {"date": "2026-03-05", "exercise": "toe_walking", "sets": 0},  # not a session
            {"date": "2026-03-12", "back": 4},  # a check-in: no set row for its week
            {"date": "2026-03-16", "exercise": "toe_walking", "sets": 12},
            {"date": "2026-03-18", "exercise": "toe_walking", "sets": 0},  # not a session
            {"date": "2026-03-18", "exercise": "toe_curls", "sets": 5},
        ]
    )
    weekly = metrics.weekly_sets(log, routine=PROGRAM)
    walking = weekly[weekly[EXERCISE] == "toe_walking"]
    assert walking[WEEK].tolist() == [pd.Timestamp("2026-03-02"), pd.Timestamp("2026-03-16")]
    # week of 2 March: 3 + 6 = 9 of 2 x 6 = 12, completion mean(0.5, 1.0) = 0.75
    # week of 16 March: 12 + 0 of 2 x 6, completion mean(1.0 (capped), 0.0) = 0.5
    assert walking[SETS_DONE].tolist() == [9, 12]
    assert walking[SETS_PRESCRIBED].tolist() == [12, 12]
    assert walking[COMPLETION].tolist() == pytest.approx([0.75, 0.5])
    assert len(weekly) == 2 * len(PROGRAM.ids)


def test_exercise_completion_counts_sets_up_to_the_prescription():
    log = tidy_log(
        [
            {"date": "2026-03-02", "exercise": "toe_walking", "sets": 3},
            {"date": "2026-03-02", "exercise": "heel_raises", "sets": 3, "side": "left"},
            {"date": "2026-03-02", "exercise": "ankle_circles", "sets": 4, "side": "right"},
            {"date": "2026-03-02", "exercise": "toe_curls", "sets": 4},
            {"date": "2026-03-02", "exercise": "toe_curls", "sets": 3},
            {"date": "2026-03-04", "exercise": "toe_walking", "sets": 8},
            {"date": "2026-03-04", "exercise": "heel_raises", "sets": 3},
            {"date": "2026-03-04", "exercise": "tibialis_anterior", "sets": 1, "side": "left"},
            {"date": "2026-03-04", "exercise": "toe_curls", "sets": 10},
        ]
    )
    sets = metrics.session_sets(log, routine=PROGRAM)
    # prescribed per session: toe walking 6, heel raises 2 a side (4), tibialis anterior 1
    # a side (2), ankle circles 5 a side (10), toe curls 10.
    # 2 March: done 3, left 3, 0, right 4, 4 + 3 -> counted 3, 2 (left capped at 2), 0, 4, 7
    # 4 March: done 8, both 3 (6), left 1, 0, 10 -> counted 6 (capped), 2 + 2, 1, 0, 10
    assert metrics.counted_sets(sets).tolist() == [3, 2, 0, 4, 7, 6, 4, 1, 0, 10]
    assert metrics.counted_sets(sets).dtype == "int64"
    got = metrics.exercise_completion(sets)
    expected = pd.DataFrame(
        {
            EXERCISE: pd.Categorical(list(PROGRAM.ids), categories=list(PROGRAM.ids)),
            SESSIONS: [2, 2, 2, 2, 2],
            "sessions_with": [2, 2, 1, 1, 2],  # a session with 1 set done counts
            SETS_DONE: [3 + 8, 3 + 6, 1, 4, 7 + 10],
            "sets_counted": [3 + 6, 2 + 4, 1, 4, 7 + 10],
            SETS_PRESCRIBED: [12, 8, 4, 20, 20],
            # counted / prescribed: 9/12, 6/8, 1/4, 4/20, 17/20
            COMPLETION: [0.75, 0.75, 0.25, 0.2, 0.85],
        }
    )
    pd.testing.assert_frame_equal(got, expected, check_dtype=False)
    assert (
        got[[SESSIONS, "sessions_with", SETS_DONE, "sets_counted"]].dtypes.tolist() == ["int64"] * 4
    )
    # no session: every routine exercise still has its row, 0 of 0 sets, completion NaN
    none = metrics.exercise_completion(sets.iloc[:0])
    assert none[EXERCISE].tolist() == list(PROGRAM.ids)
    assert none[[SESSIONS, "sessions_with", SETS_PRESCRIBED]].values.tolist() == [[0, 0, 0]] * 5
    assert none[COMPLETION].isna().all()
    with pytest.raises(TypeError) as info:
        metrics.exercise_completion("sets.csv")
    assert str(info.value) == (
        "exercise_completion expects the table of session_sets (columns exercise, completion);"
        " got a str — call footstats.session_sets(log) first"
    )
    with pytest.raises(UsageError) as info:
        metrics.exercise_completion(sets.drop(columns=COMPLETION))
    assert str(info.value).startswith(
        "exercise_completion expects the table of session_sets (columns exercise, completion);"
        " got a table (columns date, week, exercise, "
    )
    # counted x prescribed rounds to whole sets: 1/3 of 3 is 1, 0.7 of 10 is 7
    halves = pd.DataFrame({COMPLETION: [1 / 3, 0.7, 0.25], SETS_PRESCRIBED: [3, 10, 2]})
    assert metrics.counted_sets(halves).tolist() == [1, 7, 0]  # 0.5 rounds to even: 0


# -- pain: one report per session, weekly tables ------------------------------------------
def test_repeated_reports_count_once_in_every_week_and_session():
    log = tidy_log(
        [
            {"date": "2026-03-02", "exercise": "toe_walking", "sets": 6, "back": 5},
            {"date": "2026-03-04", "exercise": "toe_walking", "sets": 6, "back": 3},
            {"date": "2026-03-04", "exercise": "toe_curls", "sets": 10, "back": 3},  # repeat
            {"date": "2026-03-09", "exercise": "toe_walking", "sets": 6, "back": 2},
            {"date": "2026-03-09", "exercise": "toe_curls", "sets": 10, "back": 2},  # repeat
            {"date": "2026-03-09", "exercise": "heel_raises", "sets": 2, "back": 2},  # repeat
            {"date": "2026-03-10", "back": 5, "knee": 1},  # check-in
        ]
    )
    reports = metrics.pain_reports(log)
    assert reports["pain"].tolist() == [5, 3, 2, 5, 1]
    assert reports["line"].tolist() == [2, 3, 5, 8, 8]
    weekly = metrics.weekly_pain(log)
    # week of 2 March, back: 5 and 3 (not 5, 3, 3) -> mean 4
    # week of 9 March, back: 2 and 5 (not 2, 2, 2, 5) -> mean 3.5; knee: 1
    assert weekly[[WEEK, SITE]].astype(str).values.tolist() == [
        ["2026-03-02", "back"],
        ["2026-03-09", "back"],
        ["2026-03-09", "knee"],
    ]
    assert weekly[VALUE_MEAN].tolist() == [4.0, 3.5, 1.0]
    assert weekly[VALUE_MIN].tolist() == [3, 2, 1]
    assert weekly[VALUE_MAX].tolist() == [5, 5, 1]
    assert weekly[COUNT].tolist() == [2, 2, 1]
    # the back's four reports, not seven rows
    change = metrics.pain_change(log).set_index(SITE)
    assert change.loc["back", COUNT] == 4
    assert change.loc["back", BASELINE] == pytest.approx((5 + 3 + 2 + 5) / 4)


def test_adherence_vs_pain_means_repeated_reports_once():
    log = tidy_log(
        [
            {"date": "2026-03-02", "exercise": "toe_walking", "sets": 6, "back": 6},
            {"date": "2026-03-02", "exercise": "toe_curls", "sets": 10, "back": 6},  # repeat
            {"date": "2026-03-03", "back": 3},
        ]
    )
    table = metrics.adherence_vs_pain(log, routine=PROGRAM, lags=(0,))
    assert table["back"].tolist() == [4.5]  # (6 + 3) / 2, not (6 + 6 + 3) / 3 = 5
    assert table["sessions_lag0"].tolist() == [1]


# -- pain change: each site's own windows -------------------------------------------------
def test_each_site_has_its_own_first_and_last_report():
    log = tidy_log(
        [
            {"date": "2026-03-01", "back": 6, "knee": 2},
            {"date": "2026-03-10", "back": 4},
            {"date": "2026-03-20", "back": 2},  # the back's last report
            {"date": "2026-04-01", "hip": 7},  # the hip's first report
            {"date": "2026-04-14", "hip": 5},  # day 13 after 1 April: in the hip's baseline
            {"date": "2026-04-30", "knee": 4},  # the log's last date
        ]
    )
    change = metrics.pain_change(log)
    assert list(change.columns) == [
        SITE, BASELINE, LATEST, CHANGE, CHANGE_PCT, CLINICALLY_IMPORTANT, BAND,
        "first_date", "last_date", COUNT,
    ]  # fmt: skip
    change = change.set_index(SITE)
    # back: baseline 1-14 March: (6 + 4) / 2 = 5; latest 7-20 March: (4 + 2) / 2 = 3
    #       (a window ending on 30 April, the log's last date, would hold no back report)
    # hip: baseline 1-14 April: (7 + 5) / 2 = 6; latest 17-30 March... of its own last
    #      report, 14 April: 1-14 April, (7 + 5) / 2 = 6 -> change 0
    # knee: baseline 2, latest 4 -> +2 points, +100 %
    assert change[BASELINE].tolist() == [5.0, 6.0, 2.0]
    assert change[LATEST].tolist() == [3.0, 6.0, 4.0]
    assert change[CHANGE].tolist() == [-2.0, 0.0, 2.0]
    assert change[CHANGE_PCT].tolist() == [-40.0, 0.0, 100.0]
    assert change[CLINICALLY_IMPORTANT].tolist() == [True, False, False]
    assert change[BAND].tolist() == ["moderate", "none", "none"]
    assert change["first_date"].tolist() == [
        pd.Timestamp(d) for d in ("2026-03-01", "2026-04-01", "2026-03-01")
    ]
    assert change["last_date"].tolist() == [
        pd.Timestamp(d) for d in ("2026-03-20", "2026-04-14", "2026-04-30")
    ]
    assert change[COUNT].tolist() == [3, 2, 2]


def test_fourteen_day_windows_count_calendar_days_not_hours():
    # first report on 1 March in the evening; 14 March (day 13) at 23:59 is in the baseline,
    # 15 March (day 14) at 00:00 is not
    log = tidy_log(
        [
            {"date": "2026-03-01 20:00", "back": 8},
            {"date": "2026-03-14 23:59", "back": 6},
            {"date": "2026-03-15 00:00", "back": 1},
            {"date": "2026-05-01", "back": 2},
        ]
    )
    row = metrics.pain_change(log).iloc[0]
    # baseline (8 + 6) / 2 = 7; latest window 18 April - 1 May: 2
    assert (row[BASELINE], row[LATEST]) == (7.0, 2.0)


def test_windows_of_two_participants_do_not_mix():
    log = tidy_log(
        [
            {"participant": "p1", "date": "2026-03-01", "back": 8},
            {"participant": "p1", "date": "2026-03-31", "back": 4},
            {"participant": "p2", "date": "2026-03-20", "back": 2},
            {"participant": "p2", "date": "2026-04-30", "back": 3},
        ]
    )
    change = metrics.pain_change(log)
    # p1: 8 -> 4 (the 31st is 30 days after the 1st: the windows are apart)
    # p2: 2 -> 3; its windows start on its own first report (20 March), not p1's
    assert change["participant"].tolist() == ["p1", "p2"]
    assert change[BASELINE].tolist() == [8.0, 2.0]
    assert change[LATEST].tolist() == [4.0, 3.0]
    assert change[CHANGE_PCT].tolist() == [-50.0, 50.0]


# -- Farrar and IMMPACT: both sides of every threshold ------------------------------------
@pytest.mark.parametrize(
    ("baseline", "latest", "change", "change_pct", "important", "band"),
    [
        # (6 + 5) / 2 = 5.5 -> 5: -0.5 points = -9.09 %: under 10 %, "none"
        ([6, 5], [5], -0.5, -100 / 11, False, "none"),
        # 7 -> (6 + 6 + 7) / 3 = 19/3: -2/3 points = -9.52 %: still under 10 %
        ([7], [6, 6, 7], -2 / 3, -200 / 21, False, "none"),
        # 6.4 -> 4.5: -1.9 points = -29.69 %: just under both Farrar limits
        ([7, 7, 6, 6, 6], [5, 4], -1.9, -29.6875, False, "minimal"),
        # 4.75 -> 10/3: -17/12 points = -29.82 %
        ([5, 5, 5, 4], [4, 3, 3], -17 / 12, -1700 / 57, False, "minimal"),
        # 9.25 -> 14/3: -55/12 points = -49.55 %: still "moderate"
        ([10, 9, 9, 9], [5, 5, 4], -55 / 12, -5500 / 111, True, "moderate"),
        # (5 + 6 + 6) / 3 = 17/3 -> 4: -5/3 points = -29.41 %: under both Farrar limits
        ([5, 6, 6], [4], -5 / 3, -500 / 17, False, "minimal"),
        # 26/3 -> 20/3: exactly -2 points (floats give -1.9999999999999991), -23.08 %
        ([6, 10, 10], [6, 7, 7], -2.0, -300 / 13, True, "minimal"),
        # 10 -> 8.5: -1.5 points, -15 %: neither
        ([10], [8, 9], -1.5, -15.0, False, "minimal"),
        # 8.5 -> 13/3: -49.02 %: just under 50 %, "moderate"
        ([7, 10], [3, 5, 5], -25 / 6, -2500 / 51, True, "moderate"),
        # 4 -> 2.5: -1.5 points but -37.5 %: important by the percentage alone
        ([4], [2, 3], -1.5, -37.5, True, "moderate"),
        # 6 -> 0: -100 %
        ([6], [0], -6.0, -100.0, True, "substantial"),
        # 2 -> 5: worse, +150 %
        ([2], [5], 3.0, 150.0, False, "none"),
    ],
)
def test_pain_change_either_side_of_the_thresholds(
    baseline, latest, change, change_pct, important, band
):
    # reports on consecutive days in January and in March: each window holds its own
    dates = [f"2026-01-{day:02d}" for day in range(1, len(baseline) + 1)]
    dates += [f"2026-03-{day:02d}" for day in range(1, len(latest) + 1)]
    log = tidy_log([{"date": d, "back": v} for d, v in zip(dates, baseline + latest, strict=True)])
    row = metrics.pain_change(log).iloc[0]
    assert row[BASELINE] == pytest.approx(sum(baseline) / len(baseline))
    assert row[LATEST] == pytest.approx(sum(latest) / len(latest))
    assert row[CHANGE] == pytest.approx(change)
    assert row[CHANGE_PCT] == pytest.approx(change_pct)
    assert row[CLINICALLY_IMPORTANT] == important
    assert row[BAND] == band


def test_change_is_rounded_so_minus_two_points_is_exactly_minus_two():
    log = tidy_log(
        [{"date": f"2026-01-0{i + 1}", "back": v} for i, v in enumerate([6, 10, 10])]
        + [{"date": f"2026-03-0{i + 1}", "back": v} for i, v in enumerate([6, 7, 7])]
    )
    assert 20 / 3 - 26 / 3 == -1.9999999999999991
    assert metrics.pain_change(log).iloc[0][CHANGE] == -2.0


def test_band_is_an_ordered_category():
    log = tidy_log([{"date": "2026-01-01", "back": 6}, {"date": "2026-03-01", "back": 3}])
    band = metrics.pain_change(log)[BAND]
    assert list(band.cat.categories) == ["none", "minimal", "moderate", "substantial"]
    assert band.cat.ordered


# -- targets ------------------------------------------------------------------------------
def _weeks_with(sessions_per_week: list[int]) -> pd.DataFrame:
    """A log with the given number of toe-walking sessions in consecutive weeks from 2 March;
    a week with none gets a check-in, so that it is inside the log's range."""
    rows = []
    for week, sessions in enumerate(sessions_per_week):
        monday = pd.Timestamp("2026-03-02") + pd.Timedelta(weeks=week)
        rows += [
            {
                "date": str((monday + pd.Timedelta(days=d)).date()),
                "exercise": "toe_walking",
                "sets": 6,
            }
            for d in range(sessions)
        ] or [{"date": str(monday.date()), "back": 3}]
    # a row of 0 sets (not a session) on the last Sunday: the weeks are whole, none is in
    # progress (tests/metrics/test_in_progress.py has the week in progress)
    sunday = pd.Timestamp("2026-03-08") + pd.Timedelta(weeks=len(sessions_per_week) - 1)
    rows.append({"date": str(sunday.date()), "exercise": "toe_walking", "sets": 0})
    return tidy_log(rows)


def test_a_target_of_zero_sessions_is_always_met():
    weekly = metrics.weekly_frequency(_weeks_with([1, 0]), routine=with_target(0, 2))
    assert weekly[[SESSIONS, TARGET_MIN, TARGET_MAX, TARGET_MET]].values.tolist() == [
        [1, 0, 2, True],
        [0, 0, 2, True],
    ]
    summary = metrics.frequency_summary(weekly).iloc[0]
    # every week counts as 100 % (no division by 0)
    assert summary[ADHERENCE_PCT] == 100.0
    assert (summary[CURRENT_STREAK], summary[LONGEST_STREAK]) == (2, 2)
    # also when no week has a session (0 / 0 is not "no data")
    weekly = metrics.weekly_frequency(_weeks_with([0, 0]), routine=with_target(0, 2))
    assert metrics.frequency_summary(weekly)[ADHERENCE_PCT].tolist() == [100.0]


def test_a_target_of_one_session():
    weekly = metrics.weekly_frequency(_weeks_with([2, 0, 1]), routine=with_target(1, 1))
    assert weekly[TARGET_MET].tolist() == [True, False, True]
    summary = metrics.frequency_summary(weekly).iloc[0]
    # min(2 / 1, 1) + 0 + 1 = 2 of 3 weeks
    assert summary[ADHERENCE_PCT] == pytest.approx(200 / 3)
    assert (summary[CURRENT_STREAK], summary[LONGEST_STREAK]) == (1, 1)


def test_a_fractional_target():
    weekly = metrics.weekly_frequency(_weeks_with([1, 2, 0, 1]), routine=with_target(1.5, 2.5))
    assert weekly[TARGET_MIN].tolist() == [1.5] * 4
    assert weekly[TARGET_MAX].tolist() == [2.5] * 4
    assert weekly[TARGET_MET].tolist() == [False, True, False, False]
    summary = metrics.frequency_summary(weekly).iloc[0]
    # (1/1.5 + 1 + 0 + 1/1.5) / 4 = (2/3 + 1 + 2/3) / 4 = 58.33 %
    assert summary[ADHERENCE_PCT] == pytest.approx(700 / 12)
    assert (summary[CURRENT_STREAK], summary[LONGEST_STREAK]) == (0, 1)
    assert summary[WEEKS] == 4 and summary[SESSIONS] == 4


def test_whole_float_targets_are_shown_as_whole_numbers():
    weekly = metrics.weekly_frequency(_weeks_with([1]), routine=with_target(2.0, 3.0))
    assert weekly[TARGET_MIN].dtype == weekly[TARGET_MAX].dtype == "int64"
    assert weekly[[TARGET_MIN, TARGET_MAX]].values.tolist() == [[2, 3]]


def test_longest_streak_and_current_streak_differ():
    weekly = metrics.weekly_frequency(_weeks_with([2, 2, 2, 0, 2]), routine=PROGRAM)
    summary = metrics.frequency_summary(weekly).iloc[0]
    assert (summary[CURRENT_STREAK], summary[LONGEST_STREAK]) == (1, 3)
    assert summary[ADHERENCE_PCT] == pytest.approx(80.0)  # 4 of 5 weeks at 100 %


def test_summarize_uses_the_given_routine():
    log = _weeks_with([1, 1, 0])
    summary = metrics.summarize(log, routine=with_target(1, 2))
    # target 1 a week: met, met, missed -> 2 of 3 weeks
    assert summary["adherence_pct"] == pytest.approx(200 / 3)
    assert (summary["current_streak"], summary["longest_streak"]) == (0, 2)
    # the default routine (2 a week) would give (1/2 + 1/2 + 0) / 3 = 33.3 %
    assert metrics.summarize(log)["adherence_pct"] == pytest.approx(100 / 3)


# -- the cohort ---------------------------------------------------------------------------
def test_cohort_median_and_share_of_those_with_pain_reports():
    rows = []
    # p1: 5 weeks (5 January to 2 February), 2 sessions in the first (1 / 5 = 20 %);
    # back 8 -> 4 (important)
    rows += [
        {"participant": "p1", "date": "2026-01-05", "exercise": "toe_walking", "sets": 6},
        {"participant": "p1", "date": "2026-01-06", "exercise": "toe_walking", "sets": 6},
        {"participant": "p1", "date": "2026-01-05", "back": 8},
        {"participant": "p1", "date": "2026-02-02", "back": 4},
    ]
    # p2: 5 weeks, 1 session (10 %); no pain reports at all
    rows += [
        {"participant": "p2", "date": "2026-01-05", "exercise": "toe_walking", "sets": 6},
        {"participant": "p2", "date": "2026-02-02", "exercise": "toe_walking", "sets": 0},
    ]
    # p3: 5 weeks too (to the log's last day, 2 February), sessions 2, 2, 1, 0, 0:
    # (1 + 1 + 1/2 + 0 + 0) / 5 = 50 %; knee 4 -> 4 (not important), hip 4 -> 3 (-25 %, no)
    rows += [
        {"participant": "p3", "date": day, "exercise": "toe_walking", "sets": 6}
        for day in ("2026-01-05", "2026-01-06", "2026-01-12", "2026-01-13", "2026-01-19")
    ]
    rows += [
        {"participant": "p3", "date": "2026-01-05", "knee": 4, "hip": 4},
        {"participant": "p3", "date": "2026-01-07", "knee": 4, "hip": 3},
    ]
    # until Sunday 8 February: the week of 2 February is whole, not in progress
    summary = metrics.summarize(tidy_log(rows), routine=PROGRAM, until="2026-02-08")
    adherence = [p["adherence_pct"] for p in summary["participants"]]
    assert adherence == pytest.approx([20.0, 10.0, 50.0])
    assert summary["participants"][1]["pain"] == {}
    assert summary["cohort"] == {
        "participants": 3,
        "median_adherence_pct": pytest.approx(20.0),  # the mean would be 26.7
        # of the two with pain reports, p1 improved -> 1 / 2 (not 1 / 3)
        "share_clinically_important": 0.5,
    }


def test_cohort_share_counts_a_participant_improved_at_any_site():
    rows = [
        # p1: back 8 -> 4 important, knee 2 -> 3 not: improved
        {"participant": "p1", "date": "2026-01-05", "back": 8, "knee": 2},
        {"participant": "p1", "date": "2026-03-02", "back": 4, "knee": 3},
        # p2: hip 5 -> 5
        {"participant": "p2", "date": "2026-01-05", "hip": 5},
        {"participant": "p2", "date": "2026-03-02", "hip": 5},
    ]
    cohort = metrics.summarize(tidy_log(rows), routine=PROGRAM)["cohort"]
    assert cohort["share_clinically_important"] == 0.5
    assert cohort["median_adherence_pct"] == 0.0


def test_cohort_without_any_pain_report_has_no_share():
    rows = [
        {"participant": "p1", "date": "2026-01-05", "exercise": "toe_walking", "sets": 6},
        {"participant": "p2", "date": "2026-01-05", "exercise": "toe_walking", "sets": 6},
    ]
    # until Sunday 11 January: the week is whole (to 5 January it would be in progress,
    # 1 of 2 sessions so far, not judged: no adherence yet)
    cohort = metrics.summarize(tidy_log(rows), routine=PROGRAM, until="2026-01-11")["cohort"]
    assert (
        metrics.summarize(tidy_log(rows), routine=PROGRAM)["cohort"]["median_adherence_pct"] is None
    )
    assert cohort == {
        "participants": 2,
        "median_adherence_pct": 50.0,
        "share_clinically_important": None,
    }


def test_no_pain_reports_and_no_weeks():
    assert metrics.pain_change(_weeks_with([1])).empty  # sessions without any pain cell
    empty = metrics.weekly_frequency(_weeks_with([1]).iloc[:0], routine=PROGRAM)
    assert math.isnan(metrics.frequency_summary(empty).iloc[0][ADHERENCE_PCT])


# -- a routine of the user's own ----------------------------------------------------------
# Only toe walking (3 sets) and heel raises (1 a side), 1 session a week: toe curls rows are
# not sessions under this routine, though they are under the packaged one.
OWN = dataclasses.replace(
    PROGRAM,
    exercises=(
        dataclasses.replace(PROGRAM["toe_walking"], sets=Range(3, 3)),
        dataclasses.replace(PROGRAM["heel_raises"], sets=Range(1, 1)),
    ),
    sessions_per_week=Range(1, 1),
)


def _own_log():
    # weeks of 2, 9 and 16 March; back pain 6, 5, 1
    return tidy_log(
        [
            {"date": "2026-03-02", "exercise": "toe_curls", "sets": 10, "back": 6},
            {"date": "2026-03-09", "exercise": "toe_walking", "sets": 3, "back": 5},
            {"date": "2026-03-16", "exercise": "toe_walking", "sets": 3, "back": 1},
            {"date": "2026-03-17", "exercise": "heel_raises", "sets": 1},
            {"date": "2026-03-18", "exercise": "toe_curls", "sets": 10},
            {"date": "2026-03-19", "exercise": "toe_curls", "sets": 10},
        ]
    )


def test_every_metric_uses_the_given_routine():
    # the log as read with OWN: toe curls are not an exercise of that routine
    log = _own_log()
    log = log.assign(**{IN_PROGRAM: log[EXERCISE].isin(OWN.ids).to_numpy()})
    sessions = metrics.session_table(log, routine=OWN)
    assert sessions["date"].dt.day.tolist() == [9, 16, 17]  # toe curls do not count
    assert metrics.weekly_frequency(log, routine=OWN)[SESSIONS].tolist() == [0, 1, 2]
    sets = metrics.session_sets(log, routine=OWN)
    assert sets[EXERCISE].tolist() == ["toe_walking", "heel_raises"] * 3
    # toe walking 3 of 3 -> 1.0; heel raises 1 (both sides) -> 2 of 2 -> 1.0
    assert sets[SETS_PRESCRIBED].tolist() == [3, 2] * 3
    assert sets[COMPLETION].tolist() == [1.0, 0.0, 1.0, 0.0, 0.0, 1.0]
    weekly = metrics.weekly_sets(log, routine=OWN)
    assert weekly[SETS_PRESCRIBED].tolist() == [3, 2, 6, 4]  # 1 session, then 2
    assert weekly[COMPLETION].tolist() == [1.0, 0.0, 0.5, 0.5]
    table = metrics.adherence_vs_pain(log, routine=OWN, lags=(0,))
    assert table["sessions_lag0"].tolist() == [0, 1, 2]
    # pain 6, 5, 1 (ranks 3, 2, 1) against 0, 1, 2 sessions (ranks 1, 2, 3): -1 exactly
    # (the packaged routine counts 1, 1, 4 sessions: ranks 1.5, 1.5, 3, rho -0.87)
    association = metrics.pain_association(log, routine=OWN, lags=(0,))
    assert association.loc[association[SITE] == "back", "spearman"].tolist() == [-1.0]
    summary = metrics.summarize(log, routine=OWN)
    # target 1 a week: 0, 1, 2 sessions -> (0 + 1 + 1) / 3
    assert summary["adherence_pct"] == pytest.approx(200 / 3)
    assert (summary["sessions"], summary["current_streak"]) == (3, 2)


def test_pain_association_ranks_the_sessions_too():
    # sessions 0, 1, 4 (ranks 1, 2, 3) against pain 3, 2, 0 (ranks 3, 2, 1): rho = -1;
    # the raw session counts would not be a straight line against the pain ranks
    rows = [{"date": "2026-03-02", "back": 3}, {"date": "2026-03-09", **TOE, "back": 2}]
    rows += [{"date": f"2026-03-{day}", **TOE} for day in (16, 17, 18, 19)]
    rows += [{"date": "2026-03-16", "back": 0}]
    association = metrics.pain_association(tidy_log(rows), routine=PROGRAM, lags=(0,))
    back = association[association[SITE] == "back"]
    assert back["spearman"].tolist() == [-1.0]
    assert association["spearman"].dtype == "float64"
    assert association["lag"].dtype == "int64"


def test_pain_association_with_lags_beyond_the_default_ones():
    rows = [{"date": f"2026-03-{day:02d}", **TOE, "back": 1} for day in (2, 9, 16, 23, 30)]
    association = metrics.pain_association(tidy_log(rows), routine=PROGRAM, lags=(4,))
    # only week 5 has a week 4 weeks before it
    assert association.loc[association[SITE] == "back", ["lag", "n_weeks"]].values.tolist() == [
        [4, 1]
    ]


def test_sites_keep_the_log_order_in_every_table():
    log = tidy_log(
        [
            {"date": "2026-03-02", **{"exercise": "toe_walking", "sets": 6}, "knee": 3, "back": 5},
            {"date": "2026-03-09", "knee": 2, "back": 4},
        ],
        sites=("knee", "back"),
    )
    assert metrics.pain_association(log, routine=PROGRAM)[SITE].unique().tolist() == [
        "knee",
        "back",
    ]
    assert metrics.pain_change(log)[SITE].tolist() == ["knee", "back"]
    table = metrics.adherence_vs_pain(log, routine=PROGRAM, lags=(1,))
    assert list(table.columns) == [WEEK, SESSIONS, "knee", "back", "sessions_lag1"]
    assert table[WEEK].tolist() == [pd.Timestamp("2026-03-02"), pd.Timestamp("2026-03-09")]
    assert table["knee"].dtype == "float64"


# -- logs without a side column, trailing rows without sets, weeks with several sessions --
def test_a_log_without_a_side_column_counts_each_row_for_both_sides():
    log = tidy_log(
        [
            {"date": "2026-03-02", "back": 3},  # a check-in first: the side of row 1 matters
            {"date": "2026-03-02", "exercise": "heel_raises", "sets": 1},
        ]
    )
    sets = metrics.session_sets(log.drop(columns="side"), routine=PROGRAM)
    heel = sets.set_index(EXERCISE).loc["heel_raises"]
    # 1 set both sides -> 2 of 2 * 2
    assert (heel[SETS_DONE], heel[SETS_PRESCRIBED], heel[COMPLETION]) == (2, 4, 0.5)


def test_program_rows_without_sets_after_the_last_session():
    log = tidy_log(
        [
            {"date": "2026-03-02", **TOE},
            {"date": "2026-03-03", "exercise": "toe_walking", "sets": 0},
        ]
    )
    sets = metrics.session_sets(log, routine=PROGRAM)
    assert sets["date"].unique().tolist() == [pd.Timestamp("2026-03-02")]


def test_weeks_with_several_sessions_and_participants():
    log = tidy_log(
        [
            {"participant": "p1", "date": "2026-03-02", **TOE, "back": 4},
            {"participant": "p1", "date": "2026-03-09", **TOE, "back": 2},
            {"participant": "p1", "date": "2026-03-10", **TOE, "back": 3},
            {"participant": "p2", "date": "2026-03-03", **TOE, "back": 6},
            {"participant": "p2", "date": "2026-03-04", **TOE, "back": 5},
        ]
    )
    weekly = metrics.weekly_sets(log, routine=PROGRAM)
    walking = weekly[weekly[EXERCISE] == "toe_walking"]
    assert walking[["participant", SETS_DONE]].values.tolist() == [
        ["p1", 6],
        ["p1", 12],
        ["p2", 12],
    ]
    pain = metrics.weekly_pain(log)
    assert pain[["participant", VALUE_MEAN, COUNT]].values.tolist() == [
        ["p1", 4.0, 1],
        ["p1", 2.5, 2],
        ["p2", 5.5, 2],
    ]
    assert metrics.pain_reports(log)["participant"].tolist() == ["p1"] * 3 + ["p2"] * 2
    assert metrics.session_table(log, routine=PROGRAM)["participant"].tolist() == (
        ["p1"] * 3 + ["p2"] * 2
    )


def test_a_missing_participant_is_a_participant_of_its_own():
    log = tidy_log(
        [
            # p1: 2 sessions, then none; its weeks run to the log's last day (3 weeks)
            {"participant": "p1", "date": "2026-03-02", **TOE},
            {"participant": "p1", "date": "2026-03-03", **TOE},
            # no participant: 2 sessions, a week with a check-in only, 2 sessions
            {"participant": None, "date": "2026-03-02", **TOE},
            {"participant": None, "date": "2026-03-03", **TOE},
            {"participant": None, "date": "2026-03-09", "back": 2},
            {"participant": None, "date": "2026-03-16", **TOE},
            {"participant": None, "date": "2026-03-17", **TOE},
        ]
    )
    summary = metrics.frequency_summary(metrics.weekly_frequency(log, routine=PROGRAM))
    assert summary["participant"].tolist()[0] == "p1" and pd.isna(summary["participant"][1])
    assert summary[WEEKS].tolist() == [3, 3]
    # p1: met, missed, missed; no participant: met, missed, met
    assert summary[CURRENT_STREAK].tolist() == [0, 1]
    assert summary[LONGEST_STREAK].tolist() == [1, 1]
    assert summary[CURRENT_STREAK].dtype == summary[LONGEST_STREAK].dtype == "int64"


def test_unused_participant_categories_give_no_rows():
    log = tidy_log(
        [
            {"participant": "p1", "date": "2026-03-02", **TOE, "back": 4},
            {"participant": "p2", "date": "2026-03-02", **TOE, "back": 5},
        ]
    )
    log["participant"] = pd.Categorical(log["participant"], categories=["p1", "p2", "p3"])
    summary = metrics.frequency_summary(metrics.weekly_frequency(log, routine=PROGRAM))
    assert summary["participant"].tolist() == ["p1", "p2"]
    association = metrics.pain_association(log, routine=PROGRAM, lags=(0,))
    assert association["participant"].unique().tolist() == ["p1", "p2"]
    assert [p["participant"] for p in metrics.summarize(log)["participants"]] == ["p1", "p2"]


def test_empty_logs_give_zeros_and_nones():
    empty = _weeks_with([1]).iloc[:0]
    summary = metrics.summarize(empty, routine=PROGRAM)
    assert summary == {
        "weeks": 0,
        "weeks_judged": 0,
        "sessions": 0,
        "adherence_pct": None,
        "current_streak": 0,
        "longest_streak": 0,
        "in_progress": False,
        "habit_strength": None,
        "first_date": None,
        "last_date": None,
        "start": None,
        "end": None,
        "pain": {},
    }
    with_participants = tidy_log([{"participant": "p1", "date": "2026-03-02", **TOE}]).iloc[:0]
    assert metrics.summarize(with_participants, routine=PROGRAM) == {
        "participants": [],
        "cohort": {
            "participants": 0,
            "median_adherence_pct": None,
            "share_clinically_important": None,
        },
    }


def test_a_report_repeated_on_an_earlier_line_below_comes_from_that_line():
    # the same session's back pain on lines 2 and 3, the rows in the order 3, 2
    log = tidy_log(
        [
            {"date": "2026-03-02", **TOE, "back": 4},
            {"date": "2026-03-02", "exercise": "toe_curls", "sets": 10, "back": 4},
        ]
    ).iloc[::-1]
    reports = metrics.pain_reports(log)
    assert reports[["pain", "line"]].values.tolist() == [[4, 2]]
    assert reports["pain"].dtype == "int64"


def test_a_done_mark_left_blank_is_not_a_session():
    log = tidy_log(
        [
            {"date": "2026-03-02", "session_done": True},
            {"date": "2026-03-04", "session_done": True},
            {"date": "2026-03-05", "back": 3},
        ]
    )
    log.loc[2, "session_done"] = pd.NA  # the check-in's done cell is blank, not "no"
    assert metrics.weekly_frequency(log, routine=PROGRAM)[SESSIONS].tolist() == [2]
    assert len(metrics.session_table(log, routine=PROGRAM)) == 2


def test_rows_the_reader_flagged_or_left_without_sets_are_not_sessions():
    log = tidy_log(
        [
            {"date": "2026-03-02", **TOE},  # flagged below as not in the routine
            {"date": "2026-03-03", **TOE},  # in_program left blank
            {"date": "2026-03-04", "exercise": "toe_walking"},  # sets left blank
            {"date": "2026-03-05", "sets": 3},  # sets without an exercise
            {"date": "2026-03-06", **TOE},
        ]
    )
    log["in_program"] = pd.array([False, None, True, False, True], dtype="boolean")
    assert metrics.session_table(log, routine=PROGRAM)["date"].tolist() == [
        pd.Timestamp("2026-03-06")
    ]
    # without the reader's flags, the routine's names decide: the 2nd, 3rd and 6th
    sessions = metrics.session_table(log.drop(columns="in_program"), routine=PROGRAM)
    assert sessions["date"].dt.day.tolist() == [2, 3, 6]
    assert sessions[SETS_DONE].dtype == "int64"
    sets = metrics.weekly_sets(log.drop(columns="in_program"), routine=PROGRAM)
    assert sets[SETS_DONE].dtype == sets[SETS_PRESCRIBED].dtype == "int64"


# -- every metric: its guard, its routine and its window options ---------------------------
PAIN_ONLY = ("pain_reports", "weekly_pain", "pain_change")  # read the line and date only


@pytest.mark.parametrize("name", METRICS_OF_A_LOG)
def test_each_metric_names_itself_and_the_columns_it_reads(name):
    columns = "line, date" if name in PAIN_ONLY else "line, date, exercise, sets"
    wanted = rf"^{name} expects a log from footstats\.read_log \(columns {columns}\); got a str"
    with pytest.raises(TypeError, match=wanted):
        getattr(metrics, name)("log.csv")


def test_frequency_summary_names_itself_and_the_table_it_reads():
    wanted = (
        r"^frequency_summary expects the table of weekly_frequency \(columns week, sessions\); "
        r"got a str — call footstats\.weekly_frequency\(log\) first$"
    )
    with pytest.raises(TypeError, match=wanted):
        metrics.frequency_summary("weekly.csv")


@pytest.mark.parametrize("name", METRICS_OF_A_LOG)
def test_each_metric_refuses_a_routine_without_the_logs_exercises(name):
    # _own_log has toe curls, an exercise of the packaged routine (the reader matched it)
    # and not of OWN
    with pytest.raises(ValueError, match=r"^the routine .* does not match this log"):
        getattr(metrics, name)(_own_log(), routine=OWN)


def _first_two_weeks(log):
    return log[log["date"] < pd.Timestamp("2026-03-16")].reset_index(drop=True)


TWO_WEEKS = {
    "weeks": {"weeks": 2},
    "until": {"until": "2026-03-15"},
    "routine": {"routine": dataclasses.replace(PROGRAM, weeks=2)},
    "participants": {
        "participants": pd.DataFrame({"participant": ["a"], "start": ["2026-03-02"], "weeks": [2]})
    },
}


@pytest.mark.parametrize("option", TWO_WEEKS)
@pytest.mark.parametrize("name", METRICS_OF_A_LOG)
def test_each_metric_keeps_to_a_window_of_two_weeks(name, option):
    # participant a in the weeks of 2, 9 and 16 March: each option ends the window on
    # Sunday 15 March, which gives what the rows of the first two weeks alone give
    log = _own_log().assign(participant="a")
    metric = getattr(metrics, name)
    routine = TWO_WEEKS[option].get("routine", PROGRAM)
    got = metric(log, **TWO_WEEKS[option])
    # until Sunday 15 March: the rows of two weeks alone would end the window on their
    # last row, and leave the week of 9 March in progress
    expected = metric(_first_two_weeks(log), routine=routine, until="2026-03-15")
    if name == "summarize":
        assert got == expected
        # the packaged routine's sessions on 2 and 9 March; not those of 16 to 19 March
        assert got["participants"][0]["sessions"] == 2
    else:
        pd.testing.assert_frame_equal(got, expected)


@pytest.mark.parametrize(
    "name", ["session_table", "weekly_frequency", "session_sets", "weekly_sets"]
)
def test_tables_counted_against_a_routine_carry_it(name):
    log = _own_log()
    log = log.assign(**{IN_PROGRAM: log[EXERCISE].isin(OWN.ids).to_numpy()})
    assert getattr(metrics, name)(log, routine=OWN).attrs["routine"] is OWN


def test_workouts_and_minutes_of_the_second_participant():
    # b's 10 March: two workouts (07:30 for 10 minutes on two rows, 18:00 for 5) -> 2
    # workouts, 10 + 5 = 15 minutes; a's days have one workout each
    rows = [
        {"participant": "a", "date": "2026-03-09T08:00", **TOE, "minutes": 20},
        {"participant": "a", "date": "2026-03-10T08:00", **TOE, "minutes": 30},
        {"participant": "b", "date": "2026-03-09T09:00", **TOE, "minutes": 25},
        {"participant": "b", "date": "2026-03-10T07:30", **TOE, "minutes": 10},
        {"participant": "b", "date": "2026-03-10T07:30", "exercise": "toe_curls", "sets": 10},
        {"participant": "b", "date": "2026-03-10T18:00", **TOE, "minutes": 5},
    ]
    sessions = metrics.session_table(tidy_log(rows), routine=PROGRAM)
    assert sessions["participant"].tolist() == ["a", "a", "b", "b"]
    assert sessions[metrics.WORKOUTS].tolist() == [1, 1, 1, 2]
    assert sessions["minutes"].tolist() == [20, 30, 25, 15]


def test_a_baseline_of_zero_gives_no_band_in_the_summary():
    # back 0 then 3, 15 days apart: change +3, change_pct undefined (0 baseline), so its
    # band is missing: None in the JSON-ready dict, not NaN
    rows = [{"date": "2026-03-02", **TOE, "back": 0}, {"date": "2026-03-17", **TOE, "back": 3}]
    back = metrics.summarize(tidy_log(rows), routine=PROGRAM)["pain"]["back"]
    assert back == {
        "baseline": 0.0,
        "latest": 3.0,
        "change": 3.0,
        "change_pct": None,
        "clinically_important": False,
        "band": None,
    }


@pytest.mark.parametrize(
    ("value", "plain"),
    [
        (None, None),
        (pd.NA, None),
        (float("nan"), None),
        (pd.NaT, None),
        ("nan", "nan"),  # text is text, even when it reads "nan"
        (np.bool_(True), True),
        (np.int64(101), 101),
        (np.float64(2.5), 2.5),
        (pd.Timestamp("2026-03-02"), "2026-03-02 00:00:00"),
    ],
)
def test_plain_values_for_json(value, plain):
    # participant ids and category values reach JSON as plain Python values
    got = metrics._plain(value)
    assert got == plain if plain is not None else got is None
    assert type(got) is type(plain)


def test_weekly_pain_of_two_reports_on_a_sunday():
    # Sunday 8 March at 08:00 and 18:00 (two reports: 4 and 2), Monday 9 March 6: the
    # week of 2 March has mean 3 of 2 reports, the week of 9 March 6 of 1
    rows = [
        {"date": "2026-03-08T08:00", "back": 4},
        {"date": "2026-03-08T18:00", "back": 2},
        {"date": "2026-03-09T09:00", "back": 6},
    ]
    weekly = metrics.weekly_pain(tidy_log(rows))
    assert weekly[WEEK].tolist() == [pd.Timestamp("2026-03-02"), pd.Timestamp("2026-03-09")]
    assert weekly[VALUE_MEAN].tolist() == [3.0, 6.0]
    assert weekly[COUNT].tolist() == [2, 1]


def test_weekly_sets_of_two_workouts_on_a_sunday():
    # toe walking 3 sets at 08:00 and 3 at 18:00 on Sunday 8 March (one session, 6 of 6),
    # then 6 on Monday 9 March: one session in each week, each 6 of 6
    rows = [
        {"date": "2026-03-08T08:00", "exercise": "toe_walking", "sets": 3},
        {"date": "2026-03-08T18:00", "exercise": "toe_walking", "sets": 3},
        {"date": "2026-03-09T09:00", "exercise": "toe_walking", "sets": 6},
    ]
    weekly = metrics.weekly_sets(tidy_log(rows), routine=PROGRAM)
    walking = weekly[weekly[EXERCISE] == "toe_walking"]
    assert walking[WEEK].tolist() == [pd.Timestamp("2026-03-02"), pd.Timestamp("2026-03-09")]
    assert walking[SETS_DONE].tolist() == [6, 6]
    assert walking[SETS_PRESCRIBED].tolist() == [6, 6]


@pytest.mark.parametrize("name", METRICS_OF_A_LOG)
def test_each_metric_uses_the_routine_the_log_was_read_with(name):
    # read with OWN (toe curls not matched), no routine= given: OWN, not the packaged
    # routine, under which the toe curls rows would be sessions (see the test above)
    log = _own_log()
    log = log.assign(**{IN_PROGRAM: log[EXERCISE].isin(OWN.ids).to_numpy()})
    log.attrs["routine"] = OWN
    metric = getattr(metrics, name)
    got, expected = metric(log), metric(log, routine=OWN)
    if name == "summarize":
        assert got == expected
        assert got["sessions"] == 3  # 9, 16 and 17 March
    else:
        pd.testing.assert_frame_equal(got, expected)


def test_exercise_completion_of_a_log_without_sessions_lists_every_routine_exercise():
    # one check-in with pain and no exercise: no session, so each of the routine's five
    # exercises has 0 sessions, 0 sets and no completion (0 / 0), in the routine's order
    log = footstats.read_log(StringIO("date,exercise,sets,pain_back\n2026-03-02,,,3\n"))
    sets = footstats.session_sets(log)
    assert len(sets) == 0
    table = metrics.exercise_completion(sets)
    assert table["exercise"].astype(str).tolist() == [
        "toe_walking",
        "heel_raises",
        "tibialis_anterior",
        "ankle_circles",
        "toe_curls",
    ]
    numbers = ["sessions", "sessions_with", "sets_done", "sets_counted", "sets_prescribed"]
    assert table[numbers].to_numpy().tolist() == [[0] * 5] * 5
    assert table["completion"].isna().all()
