"""Build tidy logs (the schema of footstats.columns) by hand for tests of the metrics."""

from __future__ import annotations

import pandas as pd

from footstats.columns import (
    DATE,
    DEFAULT_PAIN_SITES,
    EXERCISE,
    EXERCISE_NAME,
    IN_PROGRAM,
    LINE,
    MINUTES,
    PARTICIPANT,
    SESSION_DONE,
    SETS,
    SIDE,
    SIDES,
    pain_column,
)
from footstats.routine import load_routine

PROGRAM = load_routine()

# The metrics computed from a tidy log (footstats.metrics.tables), shared by the tests of their
# guards (test_misuse adds the functions of a log outside footstats.metrics.tables).
METRICS_OF_A_LOG = (
    "session_table",
    "weekly_frequency",
    "session_sets",
    "weekly_sets",
    "pain_reports",
    "weekly_pain",
    "pain_change",
    "adherence_vs_pain",
    "pain_association",
    "summarize",
)


def tidy_log(rows: list[dict], *, sites=DEFAULT_PAIN_SITES) -> pd.DataFrame:
    """A tidy log from ``rows`` of dicts, the first one on file line 2.

    Keys: ``date`` (ISO text), ``exercise`` (routine id, another name, or absent for a
    check-in), ``sets``, ``side`` (default "both"), ``back``/``hip``/``knee`` pain, and
    optionally ``participant``, ``minutes``, ``session_done``. A participant, minutes or
    session_done column exists only when some row has that key.
    """
    exercises = [row.get("exercise") for row in rows]
    names = [None if e is None else (PROGRAM[e].name if e in PROGRAM.ids else e) for e in exercises]
    others = [e for e in dict.fromkeys(exercises) if e is not None and e not in PROGRAM.ids]
    columns = {LINE: pd.array(range(2, len(rows) + 2), dtype="int64")}
    if any(PARTICIPANT in row for row in rows):
        columns[PARTICIPANT] = pd.array([row.get(PARTICIPANT) for row in rows], dtype="string")
    columns |= {
        DATE: pd.to_datetime(pd.Series([row["date"] for row in rows]), format="ISO8601"),
        EXERCISE: pd.Categorical(exercises, categories=[*PROGRAM.ids, *others]),
        EXERCISE_NAME: pd.array(names, dtype="string"),
        IN_PROGRAM: pd.array([e in PROGRAM.ids for e in exercises], dtype=bool),
        SETS: pd.array([row.get("sets") for row in rows], dtype="Int64"),
        SIDE: pd.Categorical(
            [
                None if e is None else row.get("side", "both")
                for e, row in zip(exercises, rows, strict=True)
            ],
            categories=SIDES,
        ),
    }
    for site in sites:
        columns[pain_column(site)] = pd.array([row.get(site) for row in rows], dtype="Int64")
    if any(MINUTES in row for row in rows):
        columns[MINUTES] = pd.array([row.get(MINUTES) for row in rows], dtype="Float64")
    if any(SESSION_DONE in row for row in rows):
        columns[SESSION_DONE] = pd.array(
            [row.get(SESSION_DONE, False) for row in rows], dtype="boolean"
        )
    return pd.DataFrame({k: pd.Series(v).reset_index(drop=True) for k, v in columns.items()})


# A small log of three weeks (Mondays 2, 9, 16 March 2026), pain at two sites: the charts'
# and the report's tests draw it.
SITES = ("back", "hip")
ROWS = [
    {"date": "2026-03-02", "exercise": "toe_walking", "sets": 6, "back": 6, "hip": 4},
    {"date": "2026-03-02", "exercise": "heel_raises", "sets": 2},
    {"date": "2026-03-02", "exercise": "tibialis_anterior", "sets": 1},
    {"date": "2026-03-02", "exercise": "ankle_circles", "sets": 5},
    {"date": "2026-03-02", "exercise": "toe_curls", "sets": 10},
    {"date": "2026-03-04", "exercise": "toe_walking", "sets": 3, "back": 4},
    {"date": "2026-03-04", "exercise": "heel_raises", "sets": 3},
    {"date": "2026-03-10", "back": 5, "hip": 2},
    {"date": "2026-03-18", "exercise": "heel_raises", "sets": 3, "back": 2, "hip": 2},
]
