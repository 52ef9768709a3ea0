"""footstats.metrics.followup.select_participant, exactly: one participant's rows keep the
window they have in the cohort (for ``make mutate``: its mutants had no focused test).

p1: 2 and 4 March; p2: 16 March, the log's last day. Without a participants table each
window runs from the participant's first row to the log's last day: p1 2-16 March (3 weeks),
p2 16 March (1 week).
"""

from __future__ import annotations

from io import StringIO

import pandas as pd
import pytest

import footstats
from footstats.errors import UsageError
from footstats.metrics.followup import FOLLOW_UP, select_participant

LOG = """participant,date,exercise,sets
p1,2026-03-02,Toe walking,6
p2,2026-03-16,Toe walking,5
p1,2026-03-04,Toe walking,6
"""


def log() -> pd.DataFrame:
    return footstats.read_log(StringIO(LOG))


def spans(rows: pd.DataFrame) -> list[list]:
    window = rows.attrs[FOLLOW_UP]
    return window[["participant", "start", "end", "weeks"]].astype(object).values.tolist()


def day(text: str) -> pd.Timestamp:
    return pd.Timestamp(text)


def test_one_participant_keeps_the_cohorts_window():
    whole = log()
    rows = select_participant(whole, "p1")
    assert rows["line"].tolist() == [2, 4]
    assert spans(rows) == [["p1", day("2026-03-02"), day("2026-03-16"), 3]]
    assert rows.attrs[FOLLOW_UP].index.tolist() == [0]
    assert FOLLOW_UP not in whole.attrs  # the log given is left as it was
    assert footstats.weekly_frequency(rows)["sessions"].tolist() == [2, 0, 0]


def test_without_a_participant_every_row_and_every_span():
    rows = select_participant(log())
    assert rows["line"].tolist() == [2, 3, 4]
    assert spans(rows) == [
        ["p1", day("2026-03-02"), day("2026-03-16"), 3],
        ["p2", day("2026-03-16"), day("2026-03-16"), 1],
    ]


def test_a_window_given_is_the_one_resolved():
    rows = select_participant(log(), "p2", footstats.FollowUp(weeks=2))
    assert rows["line"].tolist() == [3]
    assert spans(rows) == [["p2", day("2026-03-16"), day("2026-03-29"), 2]]


def test_an_enrolled_participant_without_rows():
    table = footstats.read_participants(
        StringIO("participant,start,weeks\np1,2026-03-02,2\np2,2026-03-09,3\np3,2026-03-02,1\n")
    )
    rows = select_participant(log(), "p3", footstats.FollowUp(participants=table))
    assert rows.empty and rows.columns.tolist() == log().columns.tolist()
    assert spans(rows) == [["p3", day("2026-03-02"), day("2026-03-08"), 1]]


def test_the_errors_name_the_ids():
    with pytest.raises(UsageError) as info:
        select_participant(log(), "p9")
    assert str(info.value) == "participant 'p9' is not in this log; it has: p1, p2"
    one = footstats.read_log(StringIO("date,exercise,sets\n2026-03-02,Toe walking,6\n"))
    with pytest.raises(UsageError) as info:
        select_participant(one, "p1")
    assert str(info.value) == (
        "PARTICIPANT = 'p1', but this log has no participant column: use None for a one-person log"
    )
    assert select_participant(one)["line"].tolist() == [2]


def test_a_long_list_of_ids_is_cut_at_twenty():
    text = "participant,date,exercise,sets\n" + "".join(
        f"q{i:02d},2026-03-02,Toe walking,6\n" for i in range(21)
    )
    many = footstats.read_log(StringIO(text))
    with pytest.raises(UsageError) as info:
        select_participant(many, "p9")
    shown = ", ".join(f"q{i:02d}" for i in range(20))
    assert (
        str(info.value) == f"participant 'p9' is not in this log; it has: {shown} ... (21 in all)"
    )
    twenty = footstats.read_log(StringIO("\n".join(text.splitlines()[:21]) + "\n"))
    with pytest.raises(UsageError) as info:
        select_participant(twenty, "p9")
    assert str(info.value).endswith(", q19")


def test_not_a_log_is_named_with_the_function_and_the_date_it_needs():
    with pytest.raises(TypeError) as info:
        select_participant("log.csv", "p1")
    assert str(info.value) == (
        "select_participant expects a log from footstats.read_log (columns date); got a str"
        " — read it with footstats.read_log"
    )
    # only the date column is needed: a table of dates without exercise or sets is enough
    dates = pd.DataFrame({"date": pd.to_datetime(["2026-03-02"])})
    window = select_participant(dates).attrs[FOLLOW_UP]
    assert window[["start", "end", "weeks"]].astype(object).values.tolist() == [
        [day("2026-03-02"), day("2026-03-02"), 1]
    ]


FOUR_WEEKS = """name = "Four weeks"
sessions_per_week = 2
session_minutes = 10
weeks = 4

[[exercise]]
id = "toe_walking"
name = "Toe walking"
sets = 6
"""


def test_the_routine_given_sets_the_programme_weeks(tmp_path):
    path = tmp_path / "four.toml"
    path.write_text(FOUR_WEEKS, encoding="utf-8")
    rows = select_participant(log(), "p2", routine=footstats.load_routine(path))
    # 4 programme weeks from p2's start (16 March): to Sunday 12 April, not the log's last day
    assert spans(rows) == [["p2", day("2026-03-16"), day("2026-04-12"), 4]]
    # p2 was the second row of the spans: renumbered 0, the old index dropped, not a column
    window = rows.attrs[FOLLOW_UP]
    assert window.index.tolist() == [0]
    assert window.columns.tolist() == [
        "participant",
        "start",
        "end",
        "weeks",
        "rows_before",
        "rows_after",
    ]


def test_a_weeks_value_too_long_is_named_beside_a_blank_one():
    # p1's weeks blank (<NA>: not too long), p2's 1041 (more than 1040 weeks, 20 years)
    text = "participant,start,weeks\np1,2026-03-02,\np2,2026-03-09,1041\n"
    with pytest.raises(footstats.WindowError) as info:
        footstats.FollowUp(participants=pd.read_csv(StringIO(text), dtype={"weeks": "Int64"}))
    assert str(info.value) == (
        "participant p2: weeks = 1041: a typo? (expected at most 1040 weeks)"
    )
