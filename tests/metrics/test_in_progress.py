"""The current week in progress, streaks and habit strength on tiny logs (issue 23).

Every expected number is worked out by hand in a comment. The packaged routine asks for
2 sessions a week (2-3).
"""

from io import StringIO

import pytest

import footstats
from footstats.metrics.tables import habit_multiplier

# Mon 2 Mar and Wed 4 Mar (week of 2 Mar: 2 sessions, on target), Mon 9 Mar (1 session).
LOG = """date,exercise,sets
2026-03-02,Toe walking,6
2026-03-04,Toe walking,6
2026-03-09,Toe walking,6
"""

# Loop's multiplier for 2 sessions a week: 0.5 ** (sqrt(2 / 7) / 13)
#   sqrt(2/7) = 0.5345225, / 13 = 0.0411171, 0.5 ** 0.0411171 = 0.9719021
M = 0.9719021
# share(d) = min(1, sessions in the 14 days ending on d / 4):
#   2 Mar 1/4, 3 Mar 1/4, 4-8 Mar 2/4, 9 Mar 3/4
SHARES = [0.25, 0.25, 0.5, 0.5, 0.5, 0.5, 0.5, 0.75]


def _scores(shares, start=0.0):
    score, out = start, []
    for share in shares:
        score = score * M + share * (1 - M)
        out.append(score * 100)
    return out


def _log():
    return footstats.read_log(StringIO(LOG))


def test_loop_multiplier_by_hand():
    assert habit_multiplier(2) == pytest.approx(M, abs=1e-7)
    assert habit_multiplier(7) == pytest.approx(0.5 ** (1 / 13))  # daily: half in 13 days


def test_the_current_week_is_in_progress_not_a_miss():
    weekly = footstats.weekly_frequency(_log())  # the window ends on Monday 9 March
    assert weekly["sessions"].tolist() == [2, 1]
    assert weekly["in_progress"].tolist() == [False, True]
    summary = footstats.frequency_summary(weekly).iloc[0]
    # judged: the week of 2 March only (9 March has 1 of 2 sessions so far: not judged)
    assert summary["weeks"] == 2
    assert summary["weeks_judged"] == 1
    assert summary["adherence_pct"] == 100.0  # min(2/2, 1) over 1 week
    assert summary["current_streak"] == 1  # not broken by the week in progress
    assert summary["longest_streak"] == 1
    assert bool(summary["in_progress"]) is True


def test_the_week_is_judged_after_its_sunday():
    weekly = footstats.weekly_frequency(_log(), until="2026-03-15")  # Sunday 15 March
    assert weekly["in_progress"].tolist() == [False, False]
    summary = footstats.frequency_summary(weekly).iloc[0]
    assert summary["weeks_judged"] == 2
    assert summary["adherence_pct"] == 75.0  # (2/2 + 1/2) / 2
    assert summary["current_streak"] == 0  # the week of 9 March missed
    assert summary["longest_streak"] == 1


def test_a_week_in_progress_counts_once_on_target():
    text = LOG + "2026-03-10,Toe walking,6\n"  # Tue 10 Mar: 2 sessions, on target already
    weekly = footstats.weekly_frequency(footstats.read_log(StringIO(text)))
    assert weekly["in_progress"].tolist() == [False, True]
    summary = footstats.frequency_summary(weekly).iloc[0]
    assert summary["weeks_judged"] == 2
    assert summary["current_streak"] == 2
    assert summary["adherence_pct"] == 100.0


def test_habit_strength_by_hand():
    weekly = footstats.weekly_frequency(_log())
    expected = _scores(SHARES)
    # week of 2 Mar: the score on Sunday 8 Mar (7th day); week of 9 Mar: on 9 Mar, the end
    assert weekly["habit_strength"].tolist() == pytest.approx([expected[6], expected[7]], abs=1e-4)
    assert expected[6] == pytest.approx(7.8419, abs=1e-4)
    assert expected[7] == pytest.approx(9.7289, abs=1e-4)
    summary = footstats.summarize(_log())
    assert summary["habit_strength"] == pytest.approx(9.7289, abs=1e-4)
    assert summary["in_progress"] is True
    assert summary["weeks_judged"] == 1


def test_habit_strength_falls_gradually_with_misses():
    # until Sunday 15 March: 10-15 Mar without a session. The 14 days ending on 10 Mar
    # still hold the 3 sessions (3/4) ... until 16 Mar, so the share stays 0.75 for 10-15.
    weekly = footstats.weekly_frequency(_log(), until="2026-03-15")
    expected = _scores(SHARES + [0.75] * 6)
    assert weekly["habit_strength"].iloc[-1] == pytest.approx(expected[-1], abs=1e-4)
    # and after a month without a session, it has fallen, but not to 0
    later = footstats.weekly_frequency(_log(), until="2026-04-26")["habit_strength"]
    peak = later.max()
    assert 0 < later.iloc[-1] < peak
    # 14 days after the last session the share is 0: the score only decays, by M a day
    assert later.iloc[-1] == pytest.approx(later.iloc[-2] * M**7, rel=1e-6)


def test_habit_strength_is_per_participant():
    text = "participant,date,exercise,sets\n" + "\n".join(
        f"p{p},{line}" for p in (1, 2) for line in LOG.strip().splitlines()[1:]
    )
    text += "\np2,2026-03-20,Toe walking,6\n"  # p2's window is the data's: to 20 March
    weekly = footstats.weekly_frequency(footstats.read_log(StringIO(text)))
    p1 = weekly[weekly["participant"] == "p1"]
    # p1: 2 Mar to 20 Mar, no session after 9 Mar; the week of 2 Mar as alone
    assert p1["habit_strength"].iloc[0] == pytest.approx(_scores(SHARES)[6], abs=1e-4)
    assert p1["in_progress"].tolist() == [False, False, True]  # 20 Mar is a Friday


def test_a_weekly_table_without_in_progress_or_habit_strength_is_judged_whole():
    import numpy as np
    import pandas as pd

    # a weekly table made by hand (or by an older footstats): no in_progress, no
    # habit_strength; its index does not start at 0
    weekly = pd.DataFrame(
        {
            "week": pd.to_datetime(["2026-03-02", "2026-03-09", "2026-03-16"]),
            "sessions": [2, 0, 3],
            "target_min": [2, 2, 2],
            "target_met": [True, False, True],
        },
        index=[10, 11, 12],
    )
    got = footstats.frequency_summary(weekly)
    expected = pd.DataFrame(
        {
            "weeks": [3],
            "weeks_judged": [3],  # no week in progress: every week is judged
            "sessions": [5],
            "adherence_pct": [200 / 3],  # (1 + 0 + 1) / 3 x 100
            "current_streak": [1],  # the week of 16 March after the miss
            "longest_streak": [1],
            "in_progress": [False],
            "habit_strength": [np.nan],  # unknown without the table's own
        }
    )
    pd.testing.assert_frame_equal(got, expected)
    # with the columns: the last week in progress and not on target yet is not judged
    weekly = weekly.assign(
        target_met=[True, False, False],
        sessions=[2, 0, 1],
        in_progress=[False, False, True],
        habit_strength=[10.0, 9.0, 8.5],
    )
    got = footstats.frequency_summary(weekly)
    assert got.dtypes.astype(str).tolist() == [
        "int64",
        "int64",
        "int64",
        "float64",
        "int64",
        "int64",
        "bool",
        "float64",
    ]
    # judged: 2 March (met) and 9 March (missed): (1 + 0) / 2 = 50 %
    assert got.values.tolist() == [[3, 2, 3, 50.0, 0, 1, True, 8.5]]
