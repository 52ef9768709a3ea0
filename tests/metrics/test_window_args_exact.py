"""The follow-up window as every table takes it (``window=``, the spans a selected
participant carries, the deprecated ``program=``), and FollowUp's checks and repr, exactly
(for ``make mutate``: these paths had surviving mutants after the layout move)."""

from __future__ import annotations

import warnings
from io import StringIO

import pandas as pd
import pytest

import footstats
from footstats.errors import WindowError
from footstats.metrics.followup import FollowUp, select_participant

# p1: back pain 6 on 2 March and 2 on 23 March; p2 from 16 March. The log ends 23 March.
LOG = """participant,date,exercise,sets,pain_back
p1,2026-03-02,Toe walking,6,6
p1,2026-03-09,Heel raises,2,
p2,2026-03-16,Toe walking,6,4
p1,2026-03-23,Toe walking,6,2
"""


def log() -> pd.DataFrame:
    return footstats.read_log(StringIO(LOG))


@pytest.mark.parametrize("table", ["weekly_sets", "pain_reports", "weekly_pain"])
def test_window_and_weeks_give_the_same_table(table):
    function = getattr(footstats, table)
    by_window = function(log(), window=FollowUp(weeks=1))
    by_weeks = function(log(), weeks=1)
    pd.testing.assert_frame_equal(by_window, by_weeks)
    # one week each: p1's rows of 9 and 23 March are outside it
    whole = function(log())
    assert len(by_window) < len(whole)


@pytest.mark.parametrize("table", ["weekly_sets", "pain_reports", "weekly_pain"])
def test_a_selected_participant_keeps_the_cohorts_window(table):
    function = getattr(footstats, table)
    one = select_participant(log(), "p2")
    cohort = function(log())
    mine = function(one)
    if "participant" in cohort.columns:
        cohort = cohort[cohort["participant"] == "p2"].reset_index(drop=True)
        mine = mine.reset_index(drop=True)
    # p2's window runs to the log's last day (23 March): 2 weeks, not just its own row's
    pd.testing.assert_frame_equal(
        mine.drop(columns="participant", errors="ignore"),
        cohort.drop(columns="participant", errors="ignore"),
        check_categorical=False,
    )


@pytest.mark.parametrize(
    "table",
    [
        "session_table",
        "session_sets",
        "weekly_sets",
        "adherence_vs_pain",
        "pain_reports",
        "weekly_pain",
        "pain_association",
        "weekly_frequency",
    ],
)
def test_program_is_the_deprecated_name_of_routine(table):
    function = getattr(footstats, table)
    routine = footstats.load_routine()
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        old = function(log(), program=routine)
    assert [w.category for w in caught] == [DeprecationWarning]
    pd.testing.assert_frame_equal(old, function(log(), routine=routine))


def test_the_pain_tables_count_the_window_a_selected_participant_carries():
    # p1's window cut at 15 March: only its report of 2 March (back 6, line 2) is inside;
    # its own default window (2-23 March) would also count 23 March's report of 2
    one = select_participant(log(), "p1", FollowUp(until="2026-03-15"))
    day = pd.Timestamp("2026-03-02")
    assert footstats.pain_reports(one).astype(object).values.tolist() == [
        ["p1", day, day, "back", 6, 2]
    ]
    # weeks of 2 and 9 March: pain in the first only, so lag 0 pairs 1 week and lags 1
    # and 2 none (the week before 2 March is outside the window); fewer than 3: NaN
    expected = [["p1", "back", 0, 1], ["p1", "back", 1, 0], ["p1", "back", 2, 0]]
    for got in (
        footstats.pain_association(one),
        footstats.pain_association(log(), window=FollowUp(until="2026-03-15")),
    ):
        # p2 starts on 16 March, after the window's end: no week, no row
        assert got[["participant", "site", "lag", "n_weeks"]].astype(object).values.tolist() == (
            expected
        )
        assert got["spearman"].isna().all()
    # the default window (to 23 March) pairs 2 weeks at lag 0 for p1 (2 and 23 March)
    whole = footstats.pain_association(log())
    assert whole["n_weeks"].tolist() == [2, 1, 1, 1, 0, 0]


@pytest.mark.parametrize(
    ("table", "day", "expected"),
    [
        # sessions of 2 and 9 March, five routine exercises each; not 23 March's
        ("session_sets", "date", ["2026-03-02"] * 5 + ["2026-03-09"] * 5),
        # weeks of 2 and 9 March, five routine exercises each; not the week of 23 March
        ("weekly_sets", "week", ["2026-03-02"] * 5 + ["2026-03-09"] * 5),
        # pain in the week of 2 March only (back 6); 23 March's report of 2 is outside
        ("weekly_pain", "week", ["2026-03-02"]),
        # p1's sessions of 2 and 9 March; not 23 March's
        ("session_table", "date", ["2026-03-02", "2026-03-09"]),
        # the weeks of 2 and 9 March; not the weeks up to 23 March
        ("adherence_vs_pain", "week", ["2026-03-02", "2026-03-09"]),
    ],
)
def test_the_set_and_pain_tables_keep_the_window_a_selected_participant_carries(
    table, day, expected
):
    function = getattr(footstats, table)
    cut = FollowUp(until="2026-03-15")
    mine = function(select_participant(log(), "p1", cut))
    assert mine[day].dt.strftime("%Y-%m-%d").tolist() == expected
    cohort = function(log(), window=cut)
    pd.testing.assert_frame_equal(
        mine.reset_index(drop=True),
        cohort[cohort["participant"] == "p1"].reset_index(drop=True),
        check_categorical=False,
    )


def test_followup_repr():
    assert repr(FollowUp()) == "FollowUp()"
    assert repr(FollowUp(weeks=3)) == "FollowUp(weeks=3)"
    assert repr(FollowUp(until="2026-04-01")) == "FollowUp(until=2026-04-01)"
    assert repr(FollowUp(weeks=3, until="2026-04-01")) == "FollowUp(weeks=3, until=2026-04-01)"
    table = pd.DataFrame({"participant": ["a", "b"], "start": ["2026-03-02", "2026-03-02"]})
    assert repr(FollowUp(participants=table)) == "FollowUp(participants=<2 participants>)"


def test_weeks_up_to_twenty_years():
    assert FollowUp(weeks=1040).weeks == 1040
    with pytest.raises(WindowError) as info:
        FollowUp(weeks=1041)
    assert str(info.value) == (
        "weeks = 1041 is 20 years: a typo? (expected at most 1040 weeks, 20 years)"
    )
    with pytest.raises(WindowError) as info:
        FollowUp(weeks=5300)
    assert str(info.value).startswith("weeks = 5300 is 101 years")


def test_participants_must_be_a_table():
    with pytest.raises(WindowError) as info:
        FollowUp(participants=3)
    assert str(info.value) == (
        "participants must be the participants table (a DataFrame or the path of its CSV), got int"
    )


def _until_error(until) -> str:
    with pytest.raises(WindowError) as info:
        FollowUp(until=until)
    return str(info.value)


def test_until_of_every_kind_and_its_limits_exactly():
    import datetime as dt

    import numpy as np

    march = dt.date(2026, 3, 15)
    assert FollowUp(until=np.datetime64("2026-03-15")).until == march
    assert FollowUp(until=pd.Timestamp("2026-03-15 18:30")).until == march
    assert FollowUp(until=dt.datetime(2026, 3, 15, 7)).until == march
    # the shape of an ISO date, but no such day; a missing Timestamp or datetime64; a number
    for until, shown in [
        ("2026-02-30", "'2026-02-30'"),
        (pd.NaT, "NaT"),
        (np.datetime64("NaT"), repr(np.datetime64("NaT"))),  # numpy's repr, as written
        (5, "5"),
    ]:
        assert _until_error(until) == f"until must be a date (YYYY-MM-DD) or 'today', got {shown}"
    # 1 January 1900 and a year from today are the limits, both allowed
    latest = dt.date.today().replace(year=dt.date.today().year + 1)
    assert FollowUp(until="1900-01-01").until == dt.date(1900, 1, 1)
    assert FollowUp(until=latest).until == latest
    between = f"(expected a date between 1900 and {latest.isoformat()})"
    assert _until_error("1899-12-31") == f"until 1899-12-31 is before 1900: a typo? {between}"
    after = latest + dt.timedelta(days=1)
    assert _until_error(after) == (
        f"until {after.isoformat()} is more than a year in the future: a typo? {between}"
    )


def test_summarize_keeps_the_window_a_selected_participant_carries():
    # p1 cut at 15 March: weeks of 2 and 9 March, 1 session each (2 a week wanted: 50 %),
    # its last date 9 March, the window's end 15 March; back pain 6 then nothing: no change
    cut = FollowUp(until="2026-03-15")
    mine = footstats.summarize(select_participant(log(), "p1", cut))
    entry = mine["participants"][0]
    assert (entry["weeks"], entry["sessions"], entry["adherence_pct"]) == (2, 2, 50.0)
    assert (entry["last_date"], entry["end"]) == ("2026-03-09", "2026-03-15")
    assert entry["pain"]["back"]["latest"] == 6.0
    cohort = footstats.summarize(log(), window=cut)
    assert [e for e in cohort["participants"] if e["participant"] == "p1"] == [entry]
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        old = footstats.summarize(log(), program=footstats.load_routine())
    assert [w.category for w in caught] == [DeprecationWarning]
    assert old == footstats.summarize(log(), routine=footstats.load_routine())
