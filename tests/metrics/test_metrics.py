"""Metrics on tiny hand-made tidy logs; every expected number is worked out in a comment."""

import dataclasses
import json
import math

import pandas as pd
import pytest
from _tidy import PROGRAM, tidy_log

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
    DATE,
    EXERCISE,
    EXERCISES,
    LATEST,
    LINE,
    LONGEST_STREAK,
    MINUTES,
    N_WEEKS,
    PAIN,
    PARTICIPANT,
    SESSIONS,
    SETS_DONE,
    SETS_PRESCRIBED,
    SITE,
    SPEARMAN,
    TARGET_MAX,
    TARGET_MET,
    TARGET_MIN,
    VALUE_MAX,
    VALUE_MEAN,
    VALUE_MIN,
    WEEK,
    WEEKS,
    WORKOUTS,
)
from footstats.metrics import tables as metrics
from footstats.routine import Range

TOE_WALKING = {"exercise": "toe_walking", "sets": 6}


def days(*texts):
    return [pd.Timestamp(t) for t in texts]


def test_session_table_counts_program_rows_with_sets_and_done_rows():
    log = tidy_log(
        [
            {"date": "2026-03-02", "exercise": "heel_raises", "sets": 2, "side": "left"},
            {"date": "2026-03-02", "exercise": "heel_raises", "sets": 1, "side": "right"},
            {"date": "2026-03-03", "back": 3},  # check-in: not a session
            {"date": "2026-03-04", "exercise": "Jumping jacks", "sets": 3},  # not in the routine
            {"date": "2026-03-05", "exercise": "toe_walking", "sets": 0},  # nothing done
            {"date": "2026-03-06 07:30", **TOE_WALKING, "minutes": 15},
            # a second workout on the same day: the same session (a session is a calendar day)
            {"date": "2026-03-06 18:00", "exercise": "toe_curls", "sets": 10, "minutes": 5},
            {"date": "2026-03-08", "session_done": True},  # habit tracker's "done", a Sunday
        ]
    )
    sessions = metrics.session_table(log, routine=PROGRAM)
    assert list(sessions.columns) == [DATE, WEEK, EXERCISES, SETS_DONE, MINUTES, WORKOUTS, LINE]
    assert sessions[DATE].tolist() == days("2026-03-02", "2026-03-06", "2026-03-08")
    assert sessions[WEEK].tolist() == days("2026-03-02") * 3  # all in the week of Monday 2 March
    assert sessions[EXERCISES].tolist() == [1, 2, 0]  # toe walking and toe curls on the 6th
    assert sessions[SETS_DONE].tolist() == [3, 16, 0]  # 2 + 1 heel raises; 6 + 10 on the 6th
    assert sessions[MINUTES].tolist()[1] == 20  # 15 + 5: the day's two workouts
    assert sessions[MINUTES].isna().tolist() == [True, False, True]
    assert sessions[WORKOUTS].tolist() == [1, 2, 1]
    assert sessions[LINE].tolist() == [2, 7, 9]


def test_weekly_frequency_has_zero_rows_for_missed_weeks():
    log = tidy_log(
        [
            {"date": "2026-03-02", **TOE_WALKING},
            {"date": "2026-03-04", **TOE_WALKING},
            {"date": "2026-03-16", **TOE_WALKING},
            {"date": "2026-03-30", "back": 2},  # a check-in extends the range to its week
        ]
    )
    weekly = metrics.weekly_frequency(log, routine=PROGRAM)
    assert list(weekly.columns) == [
        WEEK, SESSIONS, TARGET_MIN, TARGET_MAX, TARGET_MET, "in_progress", "habit_strength"
    ]  # fmt: skip
    # the check-in on Monday 30 March ends the window: that week is in progress
    assert weekly["in_progress"].tolist() == [False] * 4 + [True]
    assert weekly[WEEK].tolist() == days(
        "2026-03-02", "2026-03-09", "2026-03-16", "2026-03-23", "2026-03-30"
    )
    assert weekly[SESSIONS].tolist() == [2, 0, 1, 0, 0]
    assert weekly[TARGET_MIN].tolist() == [2] * 5
    assert weekly[TARGET_MAX].tolist() == [3] * 5
    assert weekly[TARGET_MET].tolist() == [True, False, False, False, False]

    summary = metrics.frequency_summary(weekly)
    assert summary.to_dict("records") == [
        {
            WEEKS: 5,
            "weeks_judged": 4,  # the week of 30 March, in progress with 0, is not judged
            SESSIONS: 3,
            # mean(min(2/2, 1), 0, 1/2, 0) = 1.5 / 4 = 37.5 %
            ADHERENCE_PCT: pytest.approx(37.5),
            CURRENT_STREAK: 0,
            LONGEST_STREAK: 1,
            "in_progress": True,
            "habit_strength": pytest.approx(weekly["habit_strength"].iloc[-1]),
        }
    ]


def test_weekly_frequency_uses_the_given_program_target():
    routine = dataclasses.replace(PROGRAM, sessions_per_week=Range(3, 4))
    log = tidy_log([{"date": "2026-03-02", **TOE_WALKING}, {"date": "2026-03-03", **TOE_WALKING}])
    weekly = metrics.weekly_frequency(log, routine=routine)
    # 2 sessions < 3
    assert weekly[[TARGET_MIN, TARGET_MAX, TARGET_MET]].to_dict("records") == [
        {TARGET_MIN: 3, TARGET_MAX: 4, TARGET_MET: False}
    ]


def test_frequency_summary_streaks_per_participant():
    weekly = pd.DataFrame(
        {
            PARTICIPANT: ["p1"] * 6 + ["p2"] * 4,
            WEEK: list(pd.date_range("2026-03-02", periods=6, freq="7D"))
            + list(pd.date_range("2026-03-02", periods=4, freq="7D")),
            SESSIONS: [2, 3, 0, 2, 2, 4] + [2, 2, 1, 0],
            TARGET_MIN: 2,
            TARGET_MAX: 3,
        }
    )
    weekly[TARGET_MET] = weekly[SESSIONS] >= 2
    summary = metrics.frequency_summary(weekly.iloc[::-1])  # row order must not matter
    assert summary[PARTICIPANT].tolist() == ["p1", "p2"]
    # p1 met: T T F T T T -> longest 3, current 3; over-achievement counts as 1:
    #   (1 + 1 + 0 + 1 + 1 + 1) / 6 = 83.33 %
    # p2 met: T T F F -> longest 2, current 0; (1 + 1 + 0.5 + 0) / 4 = 62.5 %
    assert summary[WEEKS].tolist() == [6, 4]
    assert summary[SESSIONS].tolist() == [13, 5]
    assert summary[ADHERENCE_PCT].tolist() == pytest.approx([500 / 6, 62.5])
    assert summary[CURRENT_STREAK].tolist() == [3, 0]
    assert summary[LONGEST_STREAK].tolist() == [3, 2]


def test_weeks_across_the_year_end_and_iso_week_53():
    log = tidy_log(
        [
            {"date": "2026-12-27", **TOE_WALKING},  # Sunday: week of Monday 21 December
            {"date": "2026-12-31", **TOE_WALKING},  # ISO week 53 of 2026 ...
            {"date": "2027-01-03", **TOE_WALKING},  # ... which runs to Sunday 3 January 2027
            {"date": "2027-01-04", **TOE_WALKING},  # Monday: ISO week 1 of 2027
        ]
    )
    weekly = metrics.weekly_frequency(log, routine=PROGRAM)
    assert weekly[WEEK].tolist() == days("2026-12-21", "2026-12-28", "2027-01-04")
    assert weekly[SESSIONS].tolist() == [1, 2, 1]
    assert pd.Timestamp("2026-12-28").isocalendar()[:2] == (2026, 53)


def test_session_sets_per_side_rule_and_cap():
    log = tidy_log(
        [
            {"date": "2026-03-02", "exercise": "heel_raises", "sets": 2, "side": "left"},
            {"date": "2026-03-02", "exercise": "heel_raises", "sets": 1, "side": "right"},
            {"date": "2026-03-02", "exercise": "tibialis_anterior", "sets": 1, "side": "both"},
            {"date": "2026-03-02", "exercise": "ankle_circles", "sets": 3, "side": "both"},
            {"date": "2026-03-02", "exercise": "ankle_circles", "sets": 2, "side": "left"},
            {"date": "2026-03-02", "exercise": "toe_walking", "sets": 8},
            {"date": "2026-03-02", "exercise": "Jumping jacks", "sets": 4},  # ignored
        ]
    )
    sets = metrics.session_sets(log, routine=PROGRAM)
    assert list(sets.columns) == [DATE, WEEK, EXERCISE, SETS_DONE, SETS_PRESCRIBED, COMPLETION]
    assert list(sets[EXERCISE].cat.categories) == list(PROGRAM.ids)
    assert sets[EXERCISE].tolist() == list(PROGRAM.ids)
    # toe_walking (p 6): 8 done, shown in full, completion capped at 1
    # heel_raises (p 2 a side): left 2, right 1 -> 3 of 4, (2 + 1) / 4 = 0.75
    # tibialis_anterior (p 1 a side): both 1 -> left 1, right 1 -> 2 of 2, 1.0
    # ankle_circles (p 5 a side): both 3 + left 2 -> left 5, right 3 -> 8 of 10, 0.8
    # toe_curls (p 10): missing -> 0 of 10
    assert sets[SETS_DONE].tolist() == [8, 3, 2, 8, 0]
    assert sets[SETS_PRESCRIBED].tolist() == [6, 4, 2, 10, 10]
    assert sets[COMPLETION].tolist() == pytest.approx([1.0, 0.75, 1.0, 0.8, 0.0])


def test_weekly_sets_sums_sets_and_averages_capped_completions():
    log = tidy_log(
        [
            {"date": "2026-03-02", "exercise": "heel_raises", "sets": 2, "side": "left"},
            {"date": "2026-03-02", "exercise": "heel_raises", "sets": 1, "side": "right"},
            {"date": "2026-03-02", "exercise": "toe_walking", "sets": 8},
            {"date": "2026-03-04", "exercise": "heel_raises", "sets": 3, "side": "both"},
            {"date": "2026-03-18", "back": 2},  # check-in: its week has no session
        ]
    )
    weekly = metrics.weekly_sets(log, routine=PROGRAM)
    assert list(weekly.columns) == [WEEK, EXERCISE, SETS_DONE, SETS_PRESCRIBED, COMPLETION]
    assert weekly[WEEK].tolist() == days("2026-03-02") * 5
    assert weekly[EXERCISE].tolist() == list(PROGRAM.ids)
    # two sessions:       2 March                        4 March
    # toe_walking         8 of 6, 1.0 (capped)           0 of 6, 0     -> 8 of 12, 0.5
    # heel_raises         3 of 4, 0.75                   3+3 of 4, 1.0 -> 9 of 8, 0.875
    # the three others:   0 of 2 / 10 / 10 in each session
    assert weekly[SETS_DONE].tolist() == [8, 9, 0, 0, 0]
    assert weekly[SETS_PRESCRIBED].tolist() == [12, 8, 4, 20, 20]
    assert weekly[COMPLETION].tolist() == pytest.approx([0.5, 0.875, 0.0, 0.0, 0.0])


def test_pain_is_one_report_per_session_and_check_ins_count():
    log = tidy_log(
        [
            {"date": "2026-03-02", "exercise": "heel_raises", "sets": 2, "back": 4},
            {"date": "2026-03-02", "exercise": "toe_walking", "sets": 6, "back": 4},  # same report
            {"date": "2026-03-03", "back": 3, "knee": 1},  # check-in
            {"date": "2026-03-10", "back": 6},  # check-in, the next week
        ]
    )
    reports = metrics.pain_reports(log)
    assert list(reports.columns) == [DATE, WEEK, SITE, PAIN, LINE]
    assert reports[DATE].tolist() == days("2026-03-02", "2026-03-03", "2026-03-03", "2026-03-10")
    assert reports[WEEK].tolist() == days("2026-03-02", "2026-03-02", "2026-03-02", "2026-03-09")
    assert reports[SITE].tolist() == ["back", "back", "knee", "back"]
    assert reports[PAIN].tolist() == [4, 3, 1, 6]
    assert reports[LINE].tolist() == [2, 4, 4, 5]  # the 2 March report comes from line 2 first

    weekly = metrics.weekly_pain(log)
    assert list(weekly.columns) == [WEEK, SITE, VALUE_MEAN, VALUE_MIN, VALUE_MAX, COUNT]
    # week of 2 March, back: reports 4 and 3 (not 4, 4, 3) -> mean 3.5, n 2
    assert weekly[WEEK].tolist() == days("2026-03-02", "2026-03-02", "2026-03-09")
    assert weekly[SITE].tolist() == ["back", "knee", "back"]
    assert weekly[VALUE_MEAN].tolist() == pytest.approx([3.5, 1.0, 6.0])
    assert weekly[VALUE_MIN].tolist() == [3, 1, 6]
    assert weekly[VALUE_MAX].tolist() == [4, 1, 6]
    assert weekly[COUNT].tolist() == [2, 1, 1]

    # check-ins are not sessions but do extend the weeks
    assert metrics.weekly_frequency(log, routine=PROGRAM)[SESSIONS].tolist() == [1, 0]


def test_pain_change_windows_and_classification():
    log = tidy_log(
        [
            {"date": "2026-03-01", "back": 6, "hip": 5, "knee": 0},  # first day of both windows
            {"date": "2026-03-08", "back": 5},
            {"date": "2026-03-14 21:00", "back": 4},  # day 13 after 1 March: in the baseline
            {"date": "2026-03-15", "back": 9},  # day 14: in neither window
            {"date": "2026-04-06", "back": 9},  # 14 days before 20 April: in neither window
            {"date": "2026-04-07", "back": 3},  # 13 days before 20 April: in the latest window
            {"date": "2026-04-15", "hip": 4},
            {"date": "2026-04-20", "back": 2, "hip": 3, "knee": 1},
        ]
    )
    change = metrics.pain_change(log).set_index(SITE)
    # back: baseline (6 + 5 + 4) / 3 = 5, latest (3 + 2) / 2 = 2.5, change -2.5 = -50 %
    # hip: baseline 5, latest (4 + 3) / 2 = 3.5, change -1.5 = -30 % exactly (Farrar: <= -30)
    # knee: baseline 0 -> change_pct undefined; +1 point is no improvement
    assert change[BASELINE].tolist() == pytest.approx([5.0, 5.0, 0.0])
    assert change[LATEST].tolist() == pytest.approx([2.5, 3.5, 1.0])
    assert change[CHANGE].tolist() == pytest.approx([-2.5, -1.5, 1.0])
    assert change.loc[["back", "hip"], CHANGE_PCT].tolist() == pytest.approx([-50.0, -30.0])
    assert math.isnan(change.loc["knee", CHANGE_PCT])
    assert change[CLINICALLY_IMPORTANT].tolist() == [True, True, False]
    assert change.loc[["back", "hip"], BAND].tolist() == ["substantial", "moderate"]
    assert pd.isna(change.loc["knee", BAND])
    assert change.loc["back", "first_date"] == pd.Timestamp("2026-03-01")
    assert change.loc["back", "last_date"] == pd.Timestamp("2026-04-20")
    assert change[COUNT].tolist() == [7, 3, 2]


@pytest.mark.parametrize(
    ("baseline", "latest", "important", "band"),
    [
        ([2], [3], False, "none"),  # worse: a reduction of -50 %
        ([10], [10], False, "none"),
        ([10], [9], False, "minimal"),  # 10 % is the lower end of "minimal"
        ([6], [5], False, "minimal"),  # 16.7 %, -1 point
        ([10], [8], True, "minimal"),  # only 20 %, but -2 points
        ([10], [7], True, "moderate"),  # 30 %
        ([3], [2], True, "moderate"),  # 33.3 %
        ([10], [5], True, "substantial"),  # 50 %
        # 2/3 -> 1/3 is exactly 50 %, though floats give 49.99999999999999 before rounding
        ([0, 0, 2], [0, 0, 1], True, "substantial"),
    ],
)
def test_pain_change_farrar_and_immpact_bands(baseline, latest, important, band):
    # reports on consecutive days in January and in March: each window holds its own
    dates = [f"2026-01-{day:02d}" for day in range(1, len(baseline) + 1)]
    dates += [f"2026-03-{day:02d}" for day in range(1, len(latest) + 1)]
    log = tidy_log([{"date": d, "back": v} for d, v in zip(dates, baseline + latest, strict=True)])
    row = metrics.pain_change(log).iloc[0]
    mean_baseline, mean_latest = sum(baseline) / len(baseline), sum(latest) / len(latest)
    assert row[CHANGE_PCT] == pytest.approx((mean_latest - mean_baseline) * 100 / mean_baseline)
    assert row[CLINICALLY_IMPORTANT] == important
    assert row[BAND] == band


def _four_weeks_log():
    # sessions per week 1, 2, 3, 0; back pain 5, 4, 2, 6; knee always 1; no hip
    return tidy_log(
        [
            {"date": "2026-03-02", **TOE_WALKING, "back": 5, "knee": 1},
            {"date": "2026-03-09", **TOE_WALKING, "back": 4, "knee": 1},
            {"date": "2026-03-11", **TOE_WALKING},
            {"date": "2026-03-16", **TOE_WALKING, "back": 2, "knee": 1},
            {"date": "2026-03-17", **TOE_WALKING},
            {"date": "2026-03-18", **TOE_WALKING},
            {"date": "2026-03-23", "back": 6, "knee": 1},
        ]
    )


def test_adherence_vs_pain_lags_sessions_within_the_weeks():
    table = metrics.adherence_vs_pain(_four_weeks_log(), routine=PROGRAM)
    assert list(table.columns) == [
        WEEK, SESSIONS, "back", "hip", "knee", "sessions_lag0", "sessions_lag1", "sessions_lag2",
    ]  # fmt: skip
    assert table[SESSIONS].tolist() == [1, 2, 3, 0]
    assert table["back"].tolist() == [5.0, 4.0, 2.0, 6.0]
    assert table["hip"].isna().all()
    assert table["sessions_lag0"].tolist() == [1, 2, 3, 0]
    assert table["sessions_lag1"].tolist() == [pd.NA, 1, 2, 3]
    assert table["sessions_lag2"].tolist() == [pd.NA, pd.NA, 1, 2]


def test_pain_association_is_spearman_of_weekly_pain_and_lagged_sessions():
    association = metrics.pain_association(_four_weeks_log(), routine=PROGRAM)
    assert list(association.columns) == [SITE, "lag", N_WEEKS, SPEARMAN]
    back = association[association[SITE] == "back"].set_index("lag")
    # lag 0: pain 5 4 2 6 (ranks 3 2 1 4) vs sessions 1 2 3 0 (ranks 2 3 4 1): exactly reversed
    # lag 1: pain 4 2 6 (ranks 2 1 3) vs sessions 1 2 3 (ranks 1 2 3):
    #        rho = 1 - 6 * (1 + 1 + 0) / (3 * (9 - 1)) = 0.5
    # lag 2: only 2 weeks -> NaN
    assert back[N_WEEKS].tolist() == [4, 3, 2]
    assert back.loc[0, SPEARMAN] == pytest.approx(-1.0)
    assert back.loc[1, SPEARMAN] == pytest.approx(0.5)
    assert math.isnan(back.loc[2, SPEARMAN])
    knee = association[association[SITE] == "knee"]
    assert knee[SPEARMAN].isna().all()  # knee pain never varies
    hip = association[association[SITE] == "hip"]
    assert hip[N_WEEKS].tolist() == [0, 0, 0]


def test_lags_must_be_whole_weeks_not_negative():
    with pytest.raises(ValueError, match="lags"):
        metrics.adherence_vs_pain(_four_weeks_log(), routine=PROGRAM, lags=(-1,))


def _two_participants_log():
    return tidy_log(
        [
            {"participant": "p2", "date": "2026-03-16", **TOE_WALKING, "back": 2},
            {"participant": "p2", "date": "2026-03-24", "knee": 4},
            {"participant": "p1", "date": "2026-03-02", **TOE_WALKING, "back": 6},
            {"participant": "p1", "date": "2026-03-03", **TOE_WALKING},
            {"participant": "p1", "date": "2026-03-30", "back": 3},
        ]
    )


def test_two_participants_each_from_their_start_to_the_logs_last_row():
    log = _two_participants_log()
    weekly = metrics.weekly_frequency(log, routine=PROGRAM)
    assert weekly.columns[0] == PARTICIPANT
    # p2's last row is 2026-03-24 but the log's is p1's 2026-03-30: p2's window runs to the
    # log's last row too, so the week of 30 March counts as missed (it used to be left out)
    assert weekly[PARTICIPANT].tolist() == ["p1"] * 5 + ["p2"] * 3
    assert weekly[WEEK].tolist() == days(
        "2026-03-02", "2026-03-09", "2026-03-16", "2026-03-23", "2026-03-30",
        "2026-03-16", "2026-03-23", "2026-03-30",
    )  # fmt: skip
    assert weekly[SESSIONS].tolist() == [2, 0, 0, 0, 0, 1, 0, 0]

    summary = metrics.frequency_summary(weekly)
    # the data end on Monday 30 March: that week is in progress (0 of 2 so far), not a
    # miss. p1: 1 of 4 judged weeks at target -> 25 %; p2: (1/2 + 0) / 2 -> 25 %
    assert weekly["in_progress"].tolist() == [False] * 4 + [True] + [False] * 2 + [True]
    assert summary[ADHERENCE_PCT].tolist() == pytest.approx([25.0, 25.0])
    assert summary[LONGEST_STREAK].tolist() == [1, 0]
    # to Sunday 5 April the week of 30 March is whole and missed: p1 1 of 5 -> 20 %;
    # p2 (1/2 + 0 + 0) / 3 -> 16.67 %
    whole = metrics.frequency_summary(
        metrics.weekly_frequency(log, routine=PROGRAM, until="2026-04-05")
    )
    assert whole[ADHERENCE_PCT].tolist() == pytest.approx([20.0, 50 / 3])

    for table in (
        metrics.session_sets(log, routine=PROGRAM),
        metrics.weekly_sets(log, routine=PROGRAM),
        metrics.weekly_pain(log),
        metrics.pain_change(log),
        metrics.pain_association(log, routine=PROGRAM),
    ):
        assert table.columns[0] == PARTICIPANT
        assert table[PARTICIPANT].is_monotonic_increasing


def test_summarize_with_participants_is_json_ready():
    # to Sunday 5 April: whole weeks (the week in progress: tests/metrics/test_in_progress.py)
    summary = metrics.summarize(_two_participants_log(), routine=PROGRAM, until="2026-04-05")
    json.dumps(summary, allow_nan=False)
    p1, p2 = summary["participants"]
    assert p1 == {
        "participant": "p1",
        "weeks": 5,
        "weeks_judged": 5,
        "sessions": 2,
        "adherence_pct": pytest.approx(20.0),
        "current_streak": 0,
        "longest_streak": 1,
        "in_progress": False,
        # Loop's score on 5 April: sessions 2 and 3 March, 35 days, share 1/4, 2/4 for
        # the 13 days after, 1/4 on 16 March, then 0 (a loop of the formula gives 9.1725)
        "habit_strength": pytest.approx(9.1725, abs=1e-4),
        "first_date": "2026-03-02",
        "last_date": "2026-03-30",
        "start": "2026-03-02",  # the window: to the until day
        "end": "2026-04-05",
        # back 6 -> 3: -3 points, -50 %
        "pain": {
            "back": {
                "baseline": 6.0,
                "latest": 3.0,
                "change": -3.0,
                "change_pct": -50.0,
                "clinically_important": True,
                "band": "substantial",
            }
        },
    }
    assert (p2["first_date"], p2["last_date"]) == ("2026-03-16", "2026-03-24")
    assert sorted(p2["pain"]) == ["back", "knee"]
    assert (p2["weeks"], p2["adherence_pct"]) == (3, pytest.approx(50 / 3))
    # median of 20 and 16.67; both reported pain, only p1 improved importantly -> 1 / 2
    assert summary["cohort"] == {
        "participants": 2,
        "median_adherence_pct": pytest.approx((20 + 50 / 3) / 2),
        "share_clinically_important": 0.5,
    }


def test_one_session_log():
    log = tidy_log([{"date": "2026-03-04", "exercise": "heel_raises", "sets": 3, "back": 5}])
    weekly = metrics.weekly_frequency(log, routine=PROGRAM)
    assert weekly[[WEEK, SESSIONS, TARGET_MET]].to_dict("records") == [
        {WEEK: pd.Timestamp("2026-03-02"), SESSIONS: 1, TARGET_MET: False}
    ]
    # heel raises, both sides: 3 + 3 done of 2 + 2 -> sets_done 6 in full, completion 1
    heel = metrics.session_sets(log, routine=PROGRAM).set_index(EXERCISE).loc["heel_raises"]
    assert (heel[SETS_DONE], heel[SETS_PRESCRIBED], heel[COMPLETION]) == (6, 4, 1.0)

    # to Sunday 8 March the week is whole (to Wednesday 4 March it is in progress)
    assert metrics.summarize(log, routine=PROGRAM)["adherence_pct"] is None
    summary = metrics.summarize(log, routine=PROGRAM, until="2026-03-08")
    assert summary == {
        "weeks": 1,
        "weeks_judged": 1,
        "sessions": 1,
        "adherence_pct": 50.0,  # min(1 / 2, 1) x 100
        "current_streak": 0,
        "longest_streak": 0,
        "in_progress": False,
        # 1/4 share on 4 to 8 March (5 days): 25 x (1 - M**5), M = 0.9719021
        "habit_strength": pytest.approx(25 * (1 - 0.9719021**5), abs=1e-4),
        "first_date": "2026-03-04",
        "last_date": "2026-03-04",
        "start": "2026-03-04",
        "end": "2026-03-08",
        "pain": {
            "back": {
                "baseline": 5.0,
                "latest": 5.0,
                "change": 0.0,
                "change_pct": 0.0,
                "clinically_important": False,
                "band": "none",
            }
        },
    }
    assert type(summary["weeks"]) is int
    assert type(summary["adherence_pct"]) is float
    assert type(summary["pain"]["back"]["clinically_important"]) is bool


def test_done_rows_without_exercises_give_sessions_and_empty_set_tables():
    log = tidy_log(
        [
            {"date": "2026-03-02", "session_done": True},
            {"date": "2026-03-04", "session_done": True},
            {"date": "2026-03-05", "back": 3},
        ]
    )
    assert metrics.weekly_frequency(log, routine=PROGRAM)[SESSIONS].tolist() == [2]
    sets = metrics.session_sets(log, routine=PROGRAM)
    weekly = metrics.weekly_sets(log, routine=PROGRAM)
    assert sets.empty
    assert weekly.empty
    assert list(weekly.columns) == [WEEK, EXERCISE, SETS_DONE, SETS_PRESCRIBED, COMPLETION]


def test_empty_log_gives_empty_tables_and_a_null_summary():
    log = _four_weeks_log().iloc[:0]
    assert metrics.weekly_frequency(log, routine=PROGRAM).empty
    summary = metrics.summarize(log, routine=PROGRAM)
    json.dumps(summary, allow_nan=False)
    assert (summary["weeks"], summary["adherence_pct"], summary["pain"]) == (0, None, {})


LOG_FUNCTIONS = [
    metrics.session_table,
    metrics.weekly_frequency,
    metrics.session_sets,
    metrics.weekly_sets,
    metrics.pain_reports,
    metrics.weekly_pain,
    metrics.pain_change,
    metrics.adherence_vs_pain,
    metrics.pain_association,
    metrics.summarize,
]


@pytest.mark.parametrize("function", LOG_FUNCTIONS, ids=lambda f: f.__name__)
@pytest.mark.parametrize("make_log", [_four_weeks_log, _two_participants_log])
def test_input_unchanged_and_pipe_gives_the_same_result(function, make_log):
    log = make_log()
    before = log.copy(deep=True)
    piped = log.pipe(function)
    pd.testing.assert_frame_equal(log, before)
    direct = function(log)
    if isinstance(direct, dict):
        assert piped == direct
    else:
        pd.testing.assert_frame_equal(piped, direct)


def test_pipe_chain_to_frequency_summary_leaves_weekly_unchanged():
    weekly = _two_participants_log().pipe(metrics.weekly_frequency, routine=PROGRAM)
    before = weekly.copy(deep=True)
    summary = weekly.pipe(metrics.frequency_summary)
    pd.testing.assert_frame_equal(weekly, before)
    assert summary[SESSIONS].tolist() == [2, 1]


def test_row_order_and_a_text_exercise_column_do_not_change_results():
    log = tidy_log(
        [
            {"date": "2026-03-02", "exercise": "heel_raises", "sets": 2, "side": "left", "back": 4},
            {
                "date": "2026-03-02",
                "exercise": "heel_raises",
                "sets": 1,
                "side": "right",
                "back": 4,
            },
            {"date": "2026-03-03", "back": 3},
            {"date": "2026-03-04", "exercise": "Jumping jacks", "sets": 3},
        ]
    )
    # rows in reverse order, exercise as plain text instead of a category
    shuffled = log.iloc[::-1].astype({EXERCISE: "string"})
    reports = metrics.pain_reports(shuffled)
    # 2 March back pain is on lines 2 and 3: the report comes from line 2 in any row order
    assert reports[LINE].tolist() == [2, 4]
    assert reports[PAIN].tolist() == [4, 3]
    sets = metrics.session_sets(shuffled, routine=PROGRAM)
    # heel raises, 2 a side prescribed: left 2 + right 1 -> 3 of 4, (2 + 1) / 4
    heel = sets.set_index(EXERCISE).loc["heel_raises"]
    assert (heel[SETS_DONE], heel[SETS_PRESCRIBED], heel[COMPLETION]) == (3, 4, 0.75)
    for function in (metrics.session_sets, metrics.pain_reports, metrics.weekly_frequency):
        pd.testing.assert_frame_equal(function(shuffled), function(log))
