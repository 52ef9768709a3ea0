"""footstats.metrics.readable: the headline figures in words, and the files' one rounding rule."""

from __future__ import annotations

import json
import re
from io import StringIO

import pytest

import footstats
from footstats.metrics.readable import DECIMALS, headline_table, round_numbers, round_table

# 5 weeks (2 Mar - 30 Mar); 2 sessions in the first and the last week, none between.
# Back pain: baseline = mean(6, 7) = 6.5 (2-15 Mar), latest = mean(4, 5) = 4.5 (19 Mar - 1 Apr),
# change -2.0 points = -30.77 %: clinically important (<= -2), IMMPACT "moderate" (30-50 %).
# Adherence: weeks count min(sessions / 2, 1): (1 + 0 + 0 + 0 + 1) / 5 = 40 %.
PERSON = """date,exercise,sets,pain_back
2026-03-02,Toe walking,6,6
2026-03-04,Toe walking,6,7
2026-03-30,Toe walking,6,4
2026-04-01,Toe walking,6,5
"""

# One week, pain 1, 1, 2: mean 4/3, which the files carry as 1.3333.
THIRDS = """date,exercise,sets,pain_back
2026-03-02,Toe walking,6,1
2026-03-03,Toe walking,6,1
2026-03-04,Toe walking,6,2
"""

COHORT = """participant,date,exercise,sets,pain_knee
p1,2026-03-02,Toe walking,6,6
p1,2026-03-04,Toe walking,6,3
p2,2026-03-02,Toe walking,6,4
"""


def _read(text: str):
    return footstats.read_log(StringIO(text))


def test_headline_table_of_one_person_in_words_with_units():
    table = headline_table(footstats.summarize(_read(PERSON)))

    assert table["value"].to_dict() == {
        "Period": "2 Mar 2026 - 1 Apr 2026 (5 weeks)",
        "Sessions": "4 (0.8 a week on average)",
        "Session adherence": "40 %",
        "Current streak on target": "1 week",
        "Longest streak on target": "1 week",
        # Loop's score on Wednesday 1 April: 13.18 (a day-by-day loop of the formula)
        "Habit strength": "13 % (Loop Habit Tracker's score: grows with each session, "
        "falls gradually with misses)",
        # the data end on Wednesday 1 April: that week is in progress (on target already,
        # so it counts: adherence (1 + 0 + 0 + 0 + 1) / 5 = 40 %)
        "This week": "in progress: not counted as a miss before its Sunday",
        "Back pain (0-10)": "6.5 -> 4.5: -2.0 points (-31 %), clinically important, moderate",
    }


def test_headline_table_of_a_cohort_and_of_one_participant():
    summary = footstats.summarize(_read(COHORT))

    cohort = headline_table(summary)["value"].to_dict()
    one = headline_table(summary, participant="p1")["value"].to_dict()

    # p1: 2 sessions in 1 week (100 %), knee 6 and 3 on days of the same 14-day window:
    # baseline = latest = 4.5. p2: 1 session so far, knee 4: the data end on Wednesday
    # 4 March, so the week is in progress and not judged yet. Median adherence: p1's 100 %.
    assert cohort["Participants"] == "2"
    assert cohort["Median session adherence"] == "100 %"
    assert cohort["Clinically important improvement of pain"].startswith("0 % of the")
    assert cohort["p1"] == (
        "2 sessions in 1 week; adherence 100 %; longest streak 1 week; knee 4.5 -> 4.5"
    )
    assert cohort["p2"].startswith("1 session")
    assert one["Participant"] == "p1"
    assert one["Session adherence"] == "100 %"
    assert (
        one["Knee pain (0-10)"] == "4.5 -> 4.5: no change, not clinically important, no reduction"
    )
    with pytest.raises(ValueError, match="'p9' is not in the summary"):
        headline_table(summary, participant="p9")


def test_round_numbers_and_round_table_keep_whole_numbers_and_text():
    assert round_numbers({"a": [2 / 3, 7, True, None, "x"], "b": (1.23456,)}) == {
        "a": [0.6667, 7, True, None, "x"],
        "b": (1.2346,),
    }
    table = footstats.weekly_pain(_read(THIRDS))
    rounded = round_table(table)
    assert rounded["mean"].tolist() == [1.3333]
    assert rounded["n"].dtype == table["n"].dtype and rounded["site"].tolist() == ["back"]


def test_summary_json_and_csvs_round_every_number_to_4_decimals(tmp_path):
    footstats.export_tables(_read(THIRDS), tmp_path)

    summary = json.loads((tmp_path / "summary.json").read_text())
    pain_csv = (tmp_path / "pain.csv").read_text()
    assert DECIMALS == 4
    assert summary["pain"]["back"]["baseline"] == 1.3333
    assert summary["sessions"] == 3 and summary["adherence_pct"] == 100
    assert pain_csv.splitlines()[1] == "2026-03-02,back,1.3333,1,2,3"
    for name in ("summary.json", "frequency.csv", "sets.csv", "pain.csv"):
        text = (tmp_path / name).read_text()
        assert not re.search(r"\d\.\d{5,}", text), name


# -- key figures of a chart, in one sentence ---------------------------------------------------

# p1: 2 sessions in study week 1, 1 in week 2 (adherence (1 + 0.5) / 2 = 75 %);
# p2: 1 session in week 1, none in week 2 (adherence (0.5 + 0) / 2 = 25 %).
TWO_PEOPLE = """participant,date,exercise,sets
p1,2026-03-02,Toe walking,6
p1,2026-03-04,Toe walking,6
p1,2026-03-10,Toe walking,6
p2,2026-03-03,Toe walking,6
p2,2026-03-12,,
"""
# Knee pain four weeks apart (baselines and latest values 14 days apart): p1 6 -> 2
# (-4 points: clinically important), p2 4 -> 4 (no change), p3 no report.
PAIN_OF_THREE = """participant,date,exercise,sets,pain_knee
p1,2026-03-02,,,6
p1,2026-03-30,,,2
p2,2026-03-02,,,4
p2,2026-03-30,,,4
p3,2026-03-02,Toe walking,6,
"""


def test_key_figures_of_the_calendar_name_the_longest_time_without_a_session():
    sessions = footstats.session_table(_read(PERSON))

    assert footstats.key_figures(sessions, "calendar") == (
        "4 sessions from 2 Mar to 1 Apr 2026; the longest time between two sessions: "
        "26 days (4 Mar to 30 Mar)."
    )


def test_key_figures_of_completion_give_the_mean_and_the_extreme_exercises():
    # Only toe walking is done (6 of 6 sets): 100 %; the 4 other exercises 0 %, so the
    # mean over the 2 weeks x 5 exercises is 20 %; the first of the lowest is heel raises.
    weekly_sets = footstats.weekly_sets(_read(PERSON))

    assert footstats.key_figures(weekly_sets, "completion") == (
        "Mean completion 20 % of the prescribed sets per session; highest Toe walking "
        "(100 %), lowest Heel raises (0 %)."
    )


def test_key_figures_of_the_cohort_charts():
    log = _read(TWO_PEOPLE)
    table = footstats.cohort_table(log)

    assert footstats.key_figures(footstats.study_week_adherence(log), "study_weeks") == (
        # week 2 (9-15 March) is in progress (the data end on Thursday 12 March) and
        # nobody is on target yet: nobody judged, not "0 %"
        "On target in study week 1: 50 % of 2 participants; in week 2: none judged yet "
        "(the week is in progress)."
    )
    # the data end on Thursday 12 March: the week of 9 March is in progress, judged for p1
    # only once on target (1 of 2: not yet). p1 100 %, p2 50 % (1 of 2 in week 1)
    assert footstats.key_figures(table, "adherence_spread") == (
        "Median session adherence 75 % (from 50 to 100 %)."
    )
    pain = footstats.cohort_table(_read(PAIN_OF_THREE))
    assert footstats.key_figures(pain, "pain_waterfall") == (
        "Clinically important improvement (participants with reports): knee 1 of 2."
    )


def test_key_figures_of_an_unknown_chart_or_an_empty_table():
    with pytest.raises(ValueError, match="no key figures for chart 'pie'.*calendar"):
        footstats.key_figures(footstats.session_table(_read(PERSON)), "pie")
    empty = footstats.session_table(_read(PERSON)).iloc[:0]
    assert footstats.key_figures(empty, "calendar") == "Nothing to show yet."


def test_the_period_runs_to_the_windows_end_and_says_the_last_entry():
    # issue 23: "until today" gave "Period 2 Mar 2026 – 28 Mar 2026 (41 weeks)". The period
    # is the window's, with the last entry: 2 March to Sunday 6 December is 40 ISO weeks
    # (the week of 2 March to that of 30 November: 273 days / 7 + 1)
    summary = footstats.summarize(_read(PERSON), until="2026-12-06")
    table = headline_table(summary)["value"]
    assert table["Period"] == "2 Mar 2026 - 6 Dec 2026 (40 weeks; last entry 1 Apr 2026)"
    assert "This week" not in table  # 6 December is a Sunday: the week is over
    # to Wednesday 9 December the week of 7 December is in progress
    later = headline_table(footstats.summarize(_read(PERSON), until="2026-12-09"))["value"]
    assert later["This week"] == "in progress: not counted as a miss before its Sunday"
