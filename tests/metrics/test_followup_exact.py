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
