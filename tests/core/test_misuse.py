"""The routine travels with the log, and every public function refuses the wrong input clearly.

A log read with your own routine is counted against that routine without being told again;
a routine that does not match the log is an error naming both, never a silent 0. A chart
given a log (instead of the metric table it draws) or a metric given a chart's table says
which table it wants and what to call first.
"""

from __future__ import annotations

import re
from io import StringIO

import matplotlib
import pandas as pd
import pytest
from _tidy import METRICS_OF_A_LOG

import footstats

matplotlib.use("Agg")

ROUTINE = """\
name = "Knee routine"
sessions_per_week = [3, 4]

[[exercise]]
id = "squat"
name = "Wall squat"
sets = 2
reps = 10

[[exercise]]
id = "bridge"
name = "Glute bridge"
sets = 1
reps = 12
"""

# Week of Mon 2026-03-02: sessions on 03-02 and 03-04 (3-04 only a bridge with 0 sets: no
# session) and 03-05; week of 03-09: one session. The foot routine knows none of these names.
LOG = """\
date,exercise,sets,pain_knee
2026-03-02,Wall squat,2,5
2026-03-02,Glute bridge,1,
2026-03-04,Glute bridge,0,
2026-03-05,Wall squat,1,4
2026-03-10,Glute bridge,1,3
"""


@pytest.fixture
def routine(tmp_path):
    path = tmp_path / "knee.toml"
    path.write_text(ROUTINE)
    return footstats.load_routine(path)


@pytest.fixture
def log(routine):
    return footstats.read_log(StringIO(LOG), routine=routine)


def test_the_log_carries_its_routine(log, routine):
    assert log.attrs["routine"] == routine


def test_metrics_use_the_routine_the_log_was_read_with(log):
    weekly = footstats.weekly_frequency(log)  # no routine=: the trap of a silent 0
    assert weekly["sessions"].tolist() == [2, 1]
    assert weekly["target_min"].tolist() == [3, 3]
    assert footstats.summarize(log)["sessions"] == 3


def test_set_tables_name_the_routine_they_were_counted_with(log, routine):
    weekly_sets = footstats.weekly_sets(log)
    assert weekly_sets.attrs["routine"] == routine
    # week 1: squat 2 + 1 = 3 sets done of 2 x 2 prescribed; bridge 1 of 2
    week1 = weekly_sets[weekly_sets["week"] == pd.Timestamp("2026-03-02")]
    assert week1.set_index("exercise")["sets_done"].to_dict() == {"squat": 3, "bridge": 1}
    ax = footstats.plot_sets(weekly_sets)
    labels = [t.get_text() for t in ax.get_yticklabels()]
    assert labels == ["Wall squat", "Glute bridge"]


def test_a_routine_that_does_not_match_the_log_is_an_error_naming_both(log):
    foot = footstats.load_routine()
    with pytest.raises(ValueError) as caught:
        footstats.weekly_frequency(log, routine=foot)
    message = str(caught.value)
    assert "Foot routine" in message and "Knee routine" in message
    assert "'squat'" in message and "'bridge'" in message


def test_an_explicit_matching_routine_still_works(log, routine):
    weekly = footstats.weekly_frequency(log, routine=routine)
    assert weekly["sessions"].tolist() == [2, 1]


def test_a_hand_made_table_with_no_routine_exercise_is_refused():
    table = pd.DataFrame(
        {"line": [2], "date": pd.to_datetime(["2026-03-02"]), "exercise": ["squat"], "sets": [2]}
    )
    with pytest.raises(ValueError, match="does not match this log"):
        footstats.weekly_frequency(table)


def test_a_hand_made_table_of_the_packaged_routine_still_works():
    table = pd.DataFrame(
        {
            "line": [2],
            "date": pd.to_datetime(["2026-03-02"]),
            "exercise": ["heel_raises"],
            "sets": [2],
        }
    )
    assert footstats.weekly_frequency(table)["sessions"].tolist() == [1]


# -- every public function, given the wrong input --------------------------------------------

SAMPLE = footstats.load_sample()
WEEKLY = footstats.weekly_frequency(SAMPLE)

LOG_FUNCTIONS = [
    *METRICS_OF_A_LOG,
    "plot_dashboard",
    "follow_up",
    "stale_notice",
    "cohort_table",
    "study_week_adherence",
    "select_participant",
]

TABLE_FUNCTIONS = {
    "frequency_summary": "weekly_frequency",
    "plot_frequency": "weekly_frequency",
    "plot_calendar": "session_table",
    "plot_completion": "weekly_sets",
    "plot_sets": "weekly_sets",
    "plot_pain": "weekly_pain",
    "plot_adherence_vs_pain": "adherence_vs_pain",
    "plot_study_weeks": "study_week_adherence",
    "plot_adherence_spread": "cohort_table",
    "plot_pain_waterfall": "cohort_table",
    "plot_adherence_vs_change": "cohort_table",
    "window_notices": "follow_up",
}


@pytest.mark.parametrize("name", LOG_FUNCTIONS)
def test_a_function_of_a_log_given_a_metric_table(name):
    table = footstats.pain_change(SAMPLE)  # site, baseline, ...: no date, exercise or sets
    with pytest.raises(ValueError, match=rf"^{name} expects a log from footstats.read_log"):
        getattr(footstats, name)(table)


@pytest.mark.parametrize("name", LOG_FUNCTIONS)
def test_a_function_of_a_log_given_something_else(name):
    with pytest.raises(TypeError, match=rf"^{name} expects .*; got a list"):
        getattr(footstats, name)([1, 2, 3])


@pytest.mark.parametrize(("name", "producer"), TABLE_FUNCTIONS.items())
def test_a_function_of_a_metric_table_given_the_log(name, producer):
    with pytest.raises(ValueError) as caught:
        getattr(footstats, name)(SAMPLE if producer != "session_table" else WEEKLY)
    message = str(caught.value)
    assert message.startswith(f"{name} expects the table of {producer} (columns ")
    assert message.endswith(f"call footstats.{producer}(log) first")


def test_the_message_says_a_log_was_given():
    with pytest.raises(ValueError) as caught:
        footstats.plot_frequency(SAMPLE)
    assert re.search(r"; got a log \(columns line, date, ", str(caught.value))


@pytest.mark.parametrize("name", ["export_tables", "export_charts", "export_report"])
def test_exports_refuse_a_table_that_is_not_a_log(name, tmp_path):
    with pytest.raises(ValueError, match=rf"^{name} expects a log"):
        getattr(footstats, name)(pd.DataFrame(), tmp_path / "out")


def test_write_report_refuses_an_empty_table(tmp_path):
    with pytest.raises(ValueError, match="^write_report expects a log"):
        footstats.write_report(pd.DataFrame(), tmp_path / "out")


def test_a_log_whose_dates_are_text_is_refused():
    table = pd.DataFrame({"line": [2], "date": ["2026-03-02"], "exercise": ["x"], "sets": [1]})
    with pytest.raises(ValueError, match="its date column holds .*, not dates"):
        footstats.weekly_frequency(table)


def test_headline_table_wants_the_dict_of_summarize():
    with pytest.raises(TypeError, match="^headline_table expects the dict of footstats.summarize"):
        footstats.headline_table(WEEKLY)
    with pytest.raises(ValueError, match="got one with keys site, baseline"):
        footstats.headline_table({"site": "back", "baseline": 3})
