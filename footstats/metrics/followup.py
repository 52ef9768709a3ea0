"""The follow-up window of every metric: per participant a first and a last day.

:func:`follow_up` says, per participant, which days every metric of :mod:`footstats.metrics.tables`
counts (the definition is in that module's notes and in docs/metrics.md);
:func:`window_notices` and :func:`stale_notice` put in words what falls outside.
:mod:`footstats.metrics.tables` re-exports the three.
``_prepare`` narrows a log to its window for the metrics.
"""

from __future__ import annotations

import re
from datetime import date
from os import PathLike

import numpy as np
import pandas as pd

from footstats.columns import DATE, END, GROUP, PARTICIPANT, ROWS_AFTER, ROWS_BEFORE, START, WEEKS
from footstats.core.docstrings import fill_docs
from footstats.core.guards import expect_log, expect_table
from footstats.errors import WindowError
from footstats.metrics.weeks import Keys, Window
from footstats.routine import Routine, deprecated_program, resolve_routine

__all__ = ["follow_up", "stale_notice", "window_notices"]


def follow_up(
    log: pd.DataFrame,
    *,
    routine: Routine | None = None,
    weeks: int | None = None,
    until=None,
    participants=None,
    program: Routine | None = None,
) -> pd.DataFrame:
    """Each participant's follow-up window: the days the metrics count.

    AdhereR (the R package for adherence) computes every measure over a follow-up window;
    here the window is also the observation window. Every ISO week from the week of
    ``start`` to the week of ``end`` is counted, a week without a session as 0; rows
    dated before ``start`` or after ``end`` stay in the log but are left out of every
    metric (``rows_before``, ``rows_after`` count them).

    ``start``: the participant's ``start`` in the participants table, otherwise the day of
    their first row (check-ins included). ``end``, the first rule that applies: the
    participant's ``end`` in the table, or their ``weeks`` there; ``weeks``; the routine's
    ``weeks``; ``until``; otherwise the day of the last row of the log (of any participant:
    the data cut-off, so a participant who stopped early shows the empty weeks since). A
    programme of N weeks ends on the Sunday of the N-th ISO week from the start's week.

    Parameters
    ----------
    {log}
    routine : Routine, optional
        The routine; its optional ``weeks`` is a programme length. None: the log's own.
    weeks : int, optional
        A programme of ``weeks`` weeks from each participant's start (>= 1).
    until : date, str or "today", optional
        One last day for everyone (an ISO date, a date or Timestamp, or ``"today"``).
    participants : DataFrame or path, optional
        The participants table (:func:`footstats.read_participants`, or a path to its CSV):
        ``participant``, ``start``, optional ``end``, ``weeks``, ``group``. Every
        participant of the log must be in it; one in it without rows in the log is a
        participant with 0 sessions.

    Returns
    -------
    DataFrame
        ``[participant], start, end, weeks, rows_before, rows_after, [group]``: ``weeks``
        is the number of ISO weeks in the window (0 when it ends before it starts);
        ``group`` when the participants table has one.

    Raises
    ------
    ValueError
        For a ``weeks`` or ``until`` that is not valid, a participants table without the
        columns it needs, or a participant of the log missing from it.

    Examples
    --------
    >>> import footstats
    >>> window = footstats.follow_up(footstats.load_sample(), weeks=20)
    >>> window[["weeks", "rows_after"]].to_dict("records")
    [{'weeks': 20, 'rows_after': 0}]
    """
    routine = deprecated_program(routine, program)
    expect_log(log, "follow_up", (DATE,))
    routine = resolve_routine(routine, log)
    log, had = _with_participant(log)
    table = _participants_table(participants, had)
    keys = Keys.of(log, None if table is None else table.index)
    window = _window(keys, routine, weeks, until, table)
    grid_weeks = np.maximum(
        (keys.monday(window.end) - keys.monday(window.start)) // keys.week_step + 1, 0
    )
    day = keys.day[keys.row_day]
    n = len(keys.participants)
    before = np.bincount(keys.participant[day < window.start[keys.participant]], minlength=n)
    after = np.bincount(keys.participant[day > window.end[keys.participant]], minlength=n)
    out = pd.DataFrame(
        {
            PARTICIPANT: keys.participants,
            START: window.start.view(keys.dtype),
            END: window.end.view(keys.dtype),
            WEEKS: grid_weeks,
            ROWS_BEFORE: before,
            ROWS_AFTER: after,
        }
    )
    if table is not None and GROUP in table.columns:
        out[GROUP] = table[GROUP].reindex([str(p) for p in keys.participants]).array
    return _finish(out, had)


def window_notices(window: pd.DataFrame) -> list[str]:
    """Sentences for the rows :func:`follow_up` found outside the window (none when all in).

    >>> import pandas as pd
    >>> window_notices(pd.DataFrame({"rows_before": [0], "rows_after": [12]}))
    ["12 rows after the window's end are not counted (they stay in the log)"]
    """
    expect_table(window, "window_notices", "follow_up", (ROWS_BEFORE, ROWS_AFTER))
    notices = []
    places = ((ROWS_BEFORE, "before the window's start"), (ROWS_AFTER, "after the window's end"))
    for column, where in places:
        n = int(window[column].sum())
        if n:
            rows = "1 row" if n == 1 else f"{n} rows"
            verb = "is" if n == 1 else "are"
            notices.append(f"{rows} {where} {verb} not counted (they stay in the log)")
    return notices


STALE_DAYS = 7


def stale_notice(log: pd.DataFrame, *, today: date | None = None) -> str | None:
    """A sentence when a personal log's last row is more than 7 days before ``today``.

    The window ends at the last row unless told otherwise, so the weeks since then are not
    counted; ``until="today"`` (``--until today``) counts them. None for a log with
    participants, an empty log, or a recent last row.

    >>> import pandas as pd
    >>> log = pd.DataFrame({"date": pd.to_datetime(["2026-03-02"])})
    >>> stale_notice(log, today=date(2026, 3, 25))
    'last entry 23 days ago: weeks since then are not counted; use --until today to count them'
    """
    expect_log(log, "stale_notice", (DATE,))
    if PARTICIPANT in log.columns or DATE not in log.columns or log.empty:
        return None
    today = pd.Timestamp(today or date.today())
    days = (today.normalize() - log[DATE].max().normalize()).days
    if days <= STALE_DAYS:
        return None
    return (
        f"last entry {days} days ago: weeks since then are not counted; "
        "use --until today to count them"
    )


def _prepare(log, routine: Routine, weeks, until, participants):
    """The log with a participant column and only the rows inside the window, whether it
    had a participant column, its keys and the window."""
    log, had = _with_participant(log)
    table = _participants_table(participants, had)
    keys = Keys.of(log, None if table is None else table.index)
    window = _window(keys, routine, weeks, until, table)
    by_default = table is None and weeks is None and until is None and routine.weeks is None
    if by_default:  # from each one's first row to the log's last: every row is inside
        return log, had, keys, window
    inside = window.inside(keys)
    if not inside.all():
        log, keys = log[inside], keys.take(inside)
    return log, had, keys, window


def _window(keys: Keys, routine: Routine, weeks, until, table: pd.DataFrame | None) -> Window:
    n = len(keys.participants)
    none = np.iinfo("int64").min
    day = keys.day[keys.row_day]
    first = np.full(n, np.iinfo("int64").max)
    np.minimum.at(first, keys.participant, day)
    start = first
    end = np.full(n, none)
    if table is not None:
        names = pd.Index([str(p) for p in keys.participants])
        missing = names.difference(table.index)
        if len(missing):
            shown = ", ".join(missing[:10]) + (" ..." if len(missing) > 10 else "")
            raise WindowError(f"participants of the log not in the participants table: {shown}")
        rows = table.reindex(names)
        start = _days(rows[START], keys)
        end = _days(rows[END], keys)
        table_weeks = rows[WEEKS].to_numpy("float64", na_value=np.nan)
        by_weeks = (end == none) & ~np.isnan(table_weeks)
        end = np.where(
            by_weeks, _programme_end(keys, start, np.nan_to_num(table_weeks).astype("int64")), end
        )
    programme = _check_weeks(weeks) if weeks is not None else routine.weeks
    if programme is not None:
        end = np.where(end == none, _programme_end(keys, start, programme), end)
    last_day = _until(until, keys) if until is not None else (day.max() if len(day) else none)
    end = np.where(end == none, last_day, end)
    return Window(start=start, end=end)


def _programme_end(keys: Keys, start: np.ndarray, weeks) -> np.ndarray:
    """The Sunday of the ``weeks``-th ISO week from the week of ``start``."""
    return keys.monday(start) + np.asarray(weeks) * keys.week_step - keys.day_step


def _days(values: pd.Series, keys: Keys) -> np.ndarray:
    days = pd.to_datetime(values).dt.normalize().to_numpy().astype(keys.dtype)
    return days.view("int64")  # NaT is the smallest int64, the window's "none"


def _check_weeks(weeks) -> int:
    if isinstance(weeks, bool) or not isinstance(weeks, int | np.integer) or weeks < 1:
        raise WindowError(f"weeks must be a whole number of weeks >= 1, got {weeks!r}")
    return int(weeks)


def _until(until, keys: Keys) -> int:
    given = until
    if isinstance(until, str):
        text = until.strip()
        if text.lower() == "today":
            until = date.today()
        elif re.fullmatch(r"\d{4}-\d{2}-\d{2}", text):
            until = text  # ISO only: 03/04/2026 is never guessed
        else:
            until = None
    try:
        day = pd.Timestamp(until)
    except (TypeError, ValueError):
        day = pd.NaT
    if pd.isna(day):
        raise WindowError(f"until must be a date (YYYY-MM-DD) or 'today', got {given!r}")
    return int(day.normalize().to_datetime64().astype(keys.dtype).view("int64"))


def _participants_table(participants, had_participant: bool) -> pd.DataFrame | None:
    """The participants table indexed by participant id (text), with start, end, weeks and
    (when given) group columns."""
    if participants is None:
        return None
    if isinstance(participants, str | PathLike):
        from footstats.reading.participants import read_participants

        participants = read_participants(participants)
    if not had_participant:
        raise WindowError("a participants table needs a log with a participant column")
    missing = [c for c in (PARTICIPANT, START) if c not in participants.columns]
    if missing:
        raise WindowError(f"the participants table has no {' or '.join(missing)} column")
    table = pd.DataFrame(
        {
            START: pd.to_datetime(participants[START]).to_numpy(),
            END: pd.to_datetime(participants[END]).to_numpy()
            if END in participants.columns
            else pd.NaT,
            WEEKS: participants[WEEKS].array  # Int64 below
            if WEEKS in participants.columns
            else pd.NA,
        },
        index=pd.Index(participants[PARTICIPANT].astype("str")),
    )
    table[WEEKS] = table[WEEKS].astype("Int64")
    if GROUP in participants.columns:
        table[GROUP] = participants[GROUP].to_numpy()
    if table.index.has_duplicates:
        twice = table.index[table.index.duplicated()].unique()
        raise WindowError(
            f"participants listed twice in the participants table: {', '.join(twice)}"
        )
    return table


def _with_participant(frame: pd.DataFrame) -> tuple[pd.DataFrame, bool]:
    """The frame with a participant column (one placeholder participant when it has none).

    One code path then serves logs with and without participants; :func:`_finish` drops the
    placeholder again.
    """
    if PARTICIPANT in frame.columns:
        return frame, True
    return frame.assign(**{PARTICIPANT: ""}), False


def _finish(out: pd.DataFrame, had_participant: bool, routine: Routine | None = None):
    """The result table, without the placeholder participant.

    The routine it was counted against goes into ``attrs["routine"]``, so a chart of the
    table names the exercises without being told the routine again.
    """
    if not had_participant:
        out = out.drop(columns=PARTICIPANT)
    out = out.reset_index(drop=True)
    if routine is not None:
        out.attrs["routine"] = routine
    return out


fill_docs(globals())  # after the definitions, not a decorator: see footstats.core.docstrings
