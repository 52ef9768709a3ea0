"""The week grid and the follow-up window (footstats.metrics.weeks, footstats.metrics.followup)
on tiny logs, chosen so that a wrong rule or a moved limit changes a number (``make mutate``).

They complement tests/metrics/test_window.py. Dates in March 2026: Mondays are the 2nd, 9th, 16th,
23rd and 30th. Mutants left alive on purpose, all equivalent:

- ``Keys.of``: ``use_na_sentinel=None`` (as false as ``False``), and the day's step
  ``int(one_day / unit)`` for ``int(one_day // unit)``: a day is a whole number of any unit.
- ``_with_enrolled``: the combined index with ``dtype=None`` or no dtype: pandas 3 infers
  its ``str`` dtype for the same names in the same order (only the dtype of the participant
  column changes).
- ``_until``: ``until = ""`` for a text that is not a date (``pd.Timestamp("")`` is NaT
  too) and ``day = None`` when it cannot be read (``pd.isna(None)`` is true too).
- ``_prepare``: ``by_default = None``: the shortcut is not taken, and without a window
  option every row is inside anyway (the same tables, computed the long way).
- ``_window``: the weeks column read with ``to_numpy`` with or without ``"float64"`` and
  ``na_value=np.nan``: pandas gives the same float64 array with NaN either way (both are
  written out for pandas 2.2).

Code whose mutants no test could tell apart is gone: the sort of days that come sorted, a
branch for dates that were never anything but dates, a test before summing an empty column,
``np.where`` for NaT (already the smallest int64), and casts to the dtype values had.
- ``_with_enrolled``: ``dtype="object"`` dropped from the participants' index: pandas 3
  then infers ``str``; the values are the same, and the participant column's dtype with a
  participants table (object here, categorical without one) is not pinned on purpose
  until the two are made one dtype (a decision left open; see the stop notes).
"""

from __future__ import annotations

import dataclasses
from datetime import date

import pandas as pd
import pytest
from _tidy import PROGRAM, tidy_log

from footstats.columns import END, PARTICIPANT, SESSIONS, START, WEEK, WEEKS
from footstats.metrics import tables as metrics
from footstats.metrics.weeks import Keys


def days(*texts):
    return [pd.Timestamp(t) for t in texts]


def session(day, participant=None):
    row = {"date": day, "exercise": "toe_walking", "sets": 6}
    return row if participant is None else {"participant": participant, **row}


# -- participant codes ----------------------------------------------------------------------


def test_enrolled_participants_without_rows_are_coded_in_text_order_the_missing_one_last():
    log = tidy_log([session("2026-03-02", "p1"), session("2026-03-03", None)])
    log.loc[1, PARTICIPANT] = pd.NA
    keys = Keys.of(log, pd.Index(["p0", "p2"]))
    # p0 and p2 have no rows; the row without a participant keeps the last code
    assert keys.participants.tolist()[:3] == ["p0", "p1", "p2"]
    assert pd.isna(keys.participants[3]) and len(keys.participants) == 4
    assert keys.participant.tolist() == [1, 3]


def test_enrolled_participants_without_a_missing_one():
    log = tidy_log([session("2026-03-02", "p3"), session("2026-03-03", "p1")])
    keys = Keys.of(log, pd.Index(["p2"]))
    assert keys.participants.tolist() == ["p1", "p2", "p3"]
    assert keys.participant.tolist() == [2, 0]


# -- a window that ends before it starts ------------------------------------------------------


def test_a_window_that_ends_before_it_starts_has_no_weeks():
    log = tidy_log([session("2026-03-09"), session("2026-03-10")])
    # until Sunday 8 March, the day before the first row: 0 weeks, both rows after the end
    window = metrics.follow_up(log, routine=PROGRAM, until="2026-03-08")
    assert window[[WEEKS, "rows_before", "rows_after"]].values.tolist() == [[0, 0, 2]]
    assert metrics.weekly_frequency(log, routine=PROGRAM, until="2026-03-08").empty


def test_a_window_of_one_day_has_one_week():
    log = tidy_log([session("2026-03-09"), session("2026-03-10")])
    window = metrics.follow_up(log, routine=PROGRAM, until="2026-03-09")
    assert window[[START, END, WEEKS]].values.tolist() == [
        [pd.Timestamp("2026-03-09"), pd.Timestamp("2026-03-09"), 1]
    ]
    weekly = metrics.weekly_frequency(log, routine=PROGRAM, until="2026-03-09")
    assert weekly[[WEEK, SESSIONS]].values.tolist() == [[pd.Timestamp("2026-03-09"), 1]]


# -- the stale notice: 7 days is recent, 8 days is stale (STALE_DAYS) ------------------------


@pytest.mark.parametrize(
    ("today", "notice"),
    [
        (date(2026, 3, 9), None),
        (
            date(2026, 3, 10),
            "last entry 8 days ago: weeks since then are not counted; "
            "use --until today to count them",
        ),
    ],
)
def test_stale_notice_on_both_sides_of_seven_days(today, notice):
    log = tidy_log([session("2026-03-02 18:30")])
    assert metrics.stale_notice(log, today=today) == notice


def test_stale_notice_reads_only_the_date_column_and_says_nothing_of_an_empty_log():
    dates_only = pd.DataFrame({"date": pd.to_datetime(["2026-03-02"])})
    assert metrics.stale_notice(dates_only, today=date(2026, 3, 12)).startswith(
        "last entry 10 days ago"
    )
    assert metrics.stale_notice(dates_only.iloc[:0], today=date(2026, 3, 12)) is None


def test_stale_notice_names_itself_when_given_no_log():
    with pytest.raises(TypeError) as caught:
        metrics.stale_notice([1, 2])
    assert str(caught.value) == (
        "stale_notice expects a log from footstats.read_log (columns date); got a list — "
        "read it with footstats.read_log"
    )


# -- the notices of rows outside the window ------------------------------------------------


def test_window_notices_of_an_empty_window_table_and_of_both_sides():
    assert metrics.window_notices(pd.DataFrame({"rows_before": [], "rows_after": []})) == []
    # p1: 2 rows before its start; p2: 1 row after its end
    window = pd.DataFrame({"rows_before": [2, 0], "rows_after": [0, 1]})
    assert metrics.window_notices(window) == [
        "2 rows before the window's start are not counted (they stay in the log)",
        "1 row after the window's end is not counted (they stay in the log)",
    ]


def test_window_notices_names_itself_and_follow_up_when_given_another_table():
    with pytest.raises(ValueError) as caught:
        metrics.window_notices(pd.DataFrame({"week": []}))
    assert str(caught.value) == (
        "window_notices expects the table of follow_up (columns rows_before, rows_after); "
        "got a table (columns week) — call footstats.follow_up(log) first"
    )


# -- until and weeks ------------------------------------------------------------------------


@pytest.mark.parametrize("until", ["soon", "03/04/2026", "2026-3-8"])
def test_until_names_the_value_given(until):
    log = tidy_log([session("2026-03-02")])
    with pytest.raises(ValueError) as caught:
        metrics.follow_up(log, until=until)
    assert str(caught.value) == f"until must be a date (YYYY-MM-DD) or 'today', got {until!r}"


def test_weeks_and_the_routines_weeks_leave_later_rows_out_of_every_table():
    # sessions on Monday 2 and Tuesday 10 March: a programme of 1 week ends Sunday 8 March
    log = tidy_log([session("2026-03-02"), session("2026-03-10")])
    assert metrics.session_table(log, routine=PROGRAM, weeks=1)["date"].tolist() == days(
        "2026-03-02"
    )
    one_week = dataclasses.replace(PROGRAM, weeks=1)
    assert metrics.session_table(log, routine=one_week)["date"].tolist() == days("2026-03-02")
    # without a programme the window runs to the last row: both sessions
    assert len(metrics.session_table(log, routine=PROGRAM)) == 2


def test_the_routine_goes_with_the_tables_counted_against_it_only():
    log = tidy_log([session("2026-03-02")])
    one_week = dataclasses.replace(PROGRAM, weeks=1)
    assert metrics.weekly_frequency(log, routine=one_week).attrs["routine"] is one_week
    assert "routine" not in metrics.follow_up(log, routine=one_week).attrs


def test_follow_up_names_itself_and_the_columns_it_reads():
    with pytest.raises(TypeError) as raised:
        metrics.follow_up("log.csv")
    assert str(raised.value) == (
        "follow_up expects a log from footstats.read_log (columns date); got a str — read it "
        "with footstats.read_log"
    )


def test_follow_up_takes_the_routine_given_else_the_logs_own():
    # rows on Mondays 2, 9 and 16 March; the log was read with a routine of 2 weeks
    log = tidy_log([session("2026-03-02"), session("2026-03-09"), session("2026-03-16")])
    log.attrs["routine"] = dataclasses.replace(PROGRAM, weeks=2)
    columns = [END, WEEKS, "rows_before", "rows_after"]
    # the log's own: 2 weeks, to Sunday 15 March; the row of the 16th is after the end
    assert metrics.follow_up(log)[columns].values.tolist() == [
        [pd.Timestamp("2026-03-15"), 2, 0, 1]
    ]
    # one given of 1 week, to Sunday 8 March; the packaged one has no weeks: to the last row
    one_week = dataclasses.replace(PROGRAM, weeks=1)
    assert metrics.follow_up(log, routine=one_week)[columns].values.tolist() == [
        [pd.Timestamp("2026-03-08"), 1, 0, 2]
    ]
    assert metrics.follow_up(log, routine=PROGRAM)[columns].values.tolist() == [
        [pd.Timestamp("2026-03-16"), 3, 0, 0]
    ]


def test_follow_up_counts_are_whole_numbers():
    log = tidy_log([session("2026-03-02", "a"), session("2026-03-20", "b")])
    window = metrics.follow_up(log, weeks=1)
    # a: the week of 2 March, nothing after; b: the week of 16 March to Sunday the 22nd
    assert window[[PARTICIPANT, WEEKS, "rows_before", "rows_after"]].values.tolist() == [
        ["a", 1, 0, 0],
        ["b", 1, 0, 0],
    ]
    assert window[[WEEKS, "rows_before", "rows_after"]].dtypes.tolist() == ["int64"] * 3


@pytest.mark.parametrize(
    ("missing", "shown"),
    [
        (2, "p01, p02"),
        (10, "p01, p02, p03, p04, p05, p06, p07, p08, p09, p10"),
        (11, "p01, p02, p03, p04, p05, p06, p07, p08, p09, p10 ..."),  # the first 10 shown
    ],
)
def test_participants_missing_from_the_table_are_named_up_to_ten(missing, shown):
    log = tidy_log([session("2026-03-02", f"p{i:02}") for i in range(missing + 1)])
    table = pd.DataFrame({"participant": ["p00"], "start": ["2026-03-02"]})
    with pytest.raises(ValueError) as caught:
        metrics.follow_up(log, participants=table)
    assert str(caught.value) == f"participants of the log not in the participants table: {shown}"


@pytest.mark.parametrize(
    ("table", "message"),
    [
        ({"start": ["2026-03-02"]}, "the participants table has no participant column"),
        ({"participant": ["p1"]}, "the participants table has no start column"),
        ({"id": ["p1"]}, "the participants table has no participant or start column"),
        (
            {"participant": ["p1", "p2", "p1", "p2"], "start": ["2026-03-02"] * 4},
            "participants listed twice in the participants table: p1, p2",
        ),
    ],
)
def test_a_participants_table_that_cannot_be_used_is_an_error(table, message):
    log = tidy_log([session("2026-03-02", "p1")])
    with pytest.raises(ValueError) as caught:
        metrics.follow_up(log, participants=pd.DataFrame(table))
    assert str(caught.value) == message


def test_a_participants_table_needs_a_log_with_participants():
    table = pd.DataFrame({"participant": ["p1"], "start": ["2026-03-02"]})
    with pytest.raises(ValueError) as caught:
        metrics.follow_up(tidy_log([session("2026-03-02")]), participants=table)
    assert str(caught.value) == "a participants table needs a log with a participant column"


def test_each_participants_end_weeks_or_the_default_end():
    # p1 ends on its end, p2 after its 2 weeks, p3 on the log's last row (Tuesday 17 March)
    rows = [session("2026-03-02", p) for p in ("p1", "p2", "p3")]
    log = tidy_log([*rows, session("2026-03-17", "p3")])
    table = pd.DataFrame(  # in another order than the log's
        {
            "participant": ["p3", "p1", "p2"],
            "start": ["2026-03-02", "2026-03-02", "2026-03-04"],
            "end": [None, "2026-03-10", None],
            "weeks": [None, None, 2],
            "group": ["a", "a", "b"],
        }
    )
    window = metrics.follow_up(log, participants=table)
    assert window.drop(columns=["rows_before", "rows_after"]).values.tolist() == [
        ["p1", pd.Timestamp("2026-03-02"), pd.Timestamp("2026-03-10"), 2, "a"],
        # the Sunday of the second ISO week from Wednesday 4 March: 15 March
        ["p2", pd.Timestamp("2026-03-04"), pd.Timestamp("2026-03-15"), 2, "b"],
        ["p3", pd.Timestamp("2026-03-02"), pd.Timestamp("2026-03-17"), 3, "a"],
    ]
    # p2 started after its row of 2 March
    assert window[["rows_before", "rows_after"]].values.tolist() == [[0, 0], [1, 0], [0, 0]]
    # weeks= applies to those without an end or weeks of their own: p3, 1 week
    window = metrics.follow_up(log, participants=table.drop(columns="group"), weeks=1)
    assert window["end"].tolist()[2] == pd.Timestamp("2026-03-08")
    assert "group" not in window.columns


@pytest.mark.parametrize("unit", ["s", "ms", "us", "ns"])
def test_weeks_keep_the_unit_of_the_logs_dates(unit):
    # seconds and milliseconds crashed ("All arrays must be of the same length"): the
    # weeks were computed in another unit than the days they index
    log = tidy_log([session("2026-03-04"), session("2026-03-10")])
    log["date"] = log["date"].astype(f"datetime64[{unit}]")
    weekly = metrics.weekly_frequency(log, routine=PROGRAM)
    assert weekly[WEEK].dtype == f"datetime64[{unit}]"
    assert weekly[[WEEK, SESSIONS]].values.tolist() == [
        [pd.Timestamp("2026-03-02"), 1],
        [pd.Timestamp("2026-03-09"), 1],
    ]
