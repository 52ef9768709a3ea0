"""Loop Habit Tracker exports: ``Checkmarks.csv``, one row per day, one column per habit.

The header is ``Date,<habit>,<habit>,`` (with a trailing comma), the newest day first,
dates ISO (``2025-01-30``). Each value is one of Loop's checkmark values:

=====  ===========================================================  =========
value  meaning in Loop                                              footstats
=====  ===========================================================  =========
2      done: the user ticked the habit that day                     a session
1      not ticked, but not expected (the habit's frequency is met)  not done
0      not done                                                     not done
-1     no entry                                                     not done
3      skipped (the user marked the day as not applicable)          not done
=====  ===========================================================  =========

Any other value (a measurable habit's amount, a word) is an error. The user names the
habit that is the routine (``habit=``); the result has one row per day with ``date`` and
``session_done`` (``true`` on days with 2): it supports frequency and streaks, but has no
exercises, sets or pain. The other habits are not read (a notice names them).
"""

from __future__ import annotations

import pandas as pd

from .._columns import (
    DATE,
    ERROR,
    EXERCISE,
    LINE,
    MINUTES,
    NOTES,
    NOTICE,
    PAIN_PREFIX,
    PARTICIPANT,
    REPS,
    SECONDS,
    SESSION_DONE,
    SETS,
    SIDE,
)
from .._problems import problem
from . import _common as C

__all__ = ["NAME", "matches", "to_log"]

NAME = "loop"

DONE = "2"
NOT_DONE = ("1", "0", "-1", "3")
# A footstats log whose rows end in a delimiter also has a blank last header name: a
# header with one of these is a footstats log, not a Loop export.
_LOG_KEYS = {C.header_key(c) for c in (EXERCISE, SETS, REPS, SECONDS, SIDE, MINUTES, NOTES)}
_LOG_KEYS.add(C.header_key(PARTICIPANT))


def matches(header: list[str]) -> bool:
    """True when ``header`` is a Loop ``Checkmarks.csv`` header.

    That is ``Date``, at least one habit, and the blank name the trailing comma leaves,
    with no footstats log column among the habits.

    Examples
    --------
    >>> matches(["Date", "Foot routine", "Meditate", ""])
    True
    >>> matches(["date", "exercise", "sets", ""])
    False
    """
    names = [str(name).strip() for name in header]
    if len(names) < 3 or names[-1] != "" or C.header_key(names[0]) != "date":
        return False
    habits = [C.header_key(name) for name in names[1:-1]]
    return all(habits) and not any(
        key in _LOG_KEYS or key.startswith(C.header_key(PAIN_PREFIX)) for key in habits
    )


def to_log(
    raw: pd.DataFrame, *, file: str, habit: str | None = None
) -> tuple[pd.DataFrame, list[dict]]:
    """Convert a Loop ``Checkmarks.csv`` raw table into days done / not done.

    Parameters
    ----------
    raw : DataFrame
        The file as strings, header names as written, plus an int64 ``line`` column.
    file : str
        The file's name, for the problems.
    habit : str
        The habit (column) that is the routine, as named in Loop; case and surrounding
        spaces are ignored. Without it, or when no habit has that name, the result is
        empty and an error lists the habits found.

    Returns
    -------
    (DataFrame, list of dict)
        One row per day with text columns ``date`` (``YYYY-MM-DD``) and ``session_done``
        (``"true"`` or ``"false"``) and the int64 ``line``; and the problems.

    Examples
    --------
    >>> raw = pd.DataFrame({"Date": ["2025-01-31", "2025-01-30"], "Feet": ["0", "2"],
    ...                     "": ["", ""], "line": [2, 3]})
    >>> log, problems = to_log(raw, file="Checkmarks.csv", habit="feet")
    >>> log.values.tolist()
    [['2025-01-31', 'false', 2], ['2025-01-30', 'true', 3]]
    """
    dates = C.find_columns(raw, {"date"})
    if not dates:
        return _empty(), [C.missing_columns_problem(file, ["Date"], "Loop")]
    habits = [c for c in raw.columns if c not in (LINE, dates["date"]) and str(c).strip()]
    column = _find_habit(habits, habit)
    if column is None:
        return _empty(), [_habit_problem(file, habits, habit)]
    twice = C.duplicate_columns_problem(raw, {"date", C.header_key(column)}, file)
    if twice:
        return _empty(), twice

    key = C.header_key(column)
    cols = C.Columns(raw[[dates["date"], column, LINE]], file=file, keys={"date", key})
    when = cols.datetimes("date", ["%Y-%m-%d"], "an ISO date like 2025-01-30")
    value = cols.text(key)
    cols.flag(
        ~(value.eq(DONE) | value.isin(NOT_DONE)),
        key,
        "{value!r} is not a Loop checkmark: expected 2 (done) or 1, 0, -1, 3 (not done); "
        "measurable habits are not supported",
    )
    done = value.eq(DONE)
    log = pd.DataFrame(
        {
            DATE: when.dt.strftime("%Y-%m-%d"),
            SESSION_DONE: done.map({True: "true", False: "false"}).astype("str"),
            LINE: raw[LINE].astype("int64"),
        }
    )[~cols.bad].reset_index(drop=True)
    log.attrs[C.WRITTEN] = {DATE: dates["date"], SESSION_DONE: column}
    others = [h for h in habits if h != column]
    unused = f"; the other habits are not read: {', '.join(others)}" if others else ""
    notice = problem(
        file,
        None,
        column,
        "",
        NOTICE,
        f"Loop habit {column!r}: {int((done & ~cols.bad).sum())} of {len(log)} days done "
        "(value 2; 1 auto-completed, 0 no, -1 no entry and 3 skipped count as not done); "
        "a habit log has sessions only, no exercises, sets or pain" + unused,
    )
    return log, [*cols.problems, notice]


def _find_habit(habits: list[str], habit: str | None) -> str | None:
    if habit is None:
        return None
    if habit in habits:
        return habit
    folded = [h for h in habits if h.strip().casefold() == habit.strip().casefold()]
    return folded[0] if len(folded) == 1 else None


def _habit_problem(file: str, habits: list[str], habit: str | None) -> dict:
    found = ", ".join(repr(h) for h in habits) or "none"
    if habit is None:
        message = (
            "a Loop export: name the habit that is your routine with habit= "
            f"(footstats check --habit NAME); habits found: {found}"
        )
    else:
        message = f"no habit named {habit!r} in this Loop export; habits found: {found}"
    return problem(file, 1, "-", habit or "", ERROR, message)


def _empty() -> pd.DataFrame:
    return pd.DataFrame(
        {
            DATE: pd.Series([], dtype="str"),
            SESSION_DONE: pd.Series([], dtype="str"),
            LINE: pd.Series([], dtype="int64"),
        }
    )
