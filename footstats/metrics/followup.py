"""The follow-up window of every metric: per participant a first and a last day.

:class:`FollowUp` is the window a user asks for (a programme of N weeks, one last day, a
participants table), checked once where it is given (a function's keywords, the command
line, the app, a notebook's parameters). :func:`follow_up` resolves it on a log into the
*spans*: per participant the first and the last day every metric counts (the definition is
in :mod:`footstats.metrics.tables` and docs/metrics.md). A metric given the spans uses them
as they are, so a report, the app or Dask resolve the window once and pass it down, and one
participant's figures are the same whichever way they are reached:
:func:`select_participant` keeps the window a participant had in the whole log.
:func:`window_notices` and :func:`stale_notice` put in words what falls outside.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, datetime
from os import PathLike
from typing import Any, TypeAlias

import numpy as np
import pandas as pd

from footstats.columns import DATE, END, GROUP, PARTICIPANT, ROWS_AFTER, ROWS_BEFORE, START, WEEKS
from footstats.core.docstrings import fill_docs
from footstats.core.guards import expect_log, expect_table
from footstats.core.values import EARLIEST
from footstats.errors import UsageError, WindowError
from footstats.metrics.weeks import Keys, Window
from footstats.reading.participants import read_participants
from footstats.routine import MAX_WEEKS, Routine, deprecated_program, resolve_routine

__all__ = [
    "FOLLOW_UP",
    "FollowUp",
    "WindowArgument",
    "follow_up",
    "select_participant",
    "stale_notice",
    "window_argument",
    "window_notices",
]

# The key of ``log.attrs`` holding the spans :func:`select_participant` fixed for its rows.
FOLLOW_UP = "follow_up"
STALE_DAYS = 7


@dataclass(frozen=True, eq=False)
class FollowUp:
    """The follow-up window asked for: a programme length, one last day, a participants table.

    AdhereR (the R package for adherence) computes every measure over a follow-up window;
    here the window is also the observation window. Every ISO week from the week of
    ``start`` to the week of ``end`` is counted, a week without a session as 0; rows dated
    before ``start`` or after ``end`` stay in the log but are left out of every metric.

    ``start``: the participant's ``start`` in the participants table, otherwise the day of
    their first row (check-ins included). ``end``, the first rule that applies: the
    participant's ``end`` in the table, or their ``weeks`` there; ``weeks``; the routine's
    ``weeks``; ``until``; otherwise the day of the last row of the log (of any participant:
    the data cut-off, so a participant who stopped early shows the empty weeks since). A
    programme of N weeks ends on the Sunday of the N-th ISO week from the start's week.

    The values are checked when the window is made, with the log's rule for dates (1900 to
    a year from today: anything else is a typo) and at most 1,040 weeks (20 years).

    Parameters
    ----------
    weeks : int, optional
        A programme of ``weeks`` weeks from each participant's start (1 to 1,040).
    until : date, str or "today", optional
        One last day for everyone: an ISO date (``"2026-06-30"``), a date or Timestamp, or
        ``"today"`` (today's date when the window is made).
    participants : DataFrame or path, optional
        The participants table (:func:`footstats.read_participants`, or the path of its
        CSV): ``participant``, ``start``, optional ``end``, ``weeks``, ``group``. Every
        participant of the log must be in it; one in it without rows in the log is a
        participant with 0 sessions.

    Raises
    ------
    WindowError
        A value that is not valid, with what was expected.

    Examples
    --------
    >>> FollowUp(weeks=12).weeks
    12
    >>> FollowUp(until="2026-06-30").until
    datetime.date(2026, 6, 30)
    """

    weeks: int | None = None
    until: date | None = None
    participants: pd.DataFrame | None = None

    def __post_init__(self) -> None:
        object.__setattr__(self, "weeks", None if self.weeks is None else _check_weeks(self.weeks))
        object.__setattr__(self, "until", None if self.until is None else _check_until(self.until))
        if self.participants is not None:
            object.__setattr__(self, "participants", _participants_table(self.participants))

    def __repr__(self) -> str:
        given = [f"weeks={self.weeks}"] if self.weeks is not None else []
        given += [f"until={self.until.isoformat()}"] if self.until is not None else []
        if self.participants is not None:
            given.append(f"participants=<{len(self.participants)} participants>")
        return f"FollowUp({', '.join(given)})"

    @property
    def is_default(self) -> bool:
        """Nothing asked for: each participant's first row to the log's last."""
        return self.weeks is None and self.until is None and self.participants is None


# What a function's ``window=`` takes: a window asked for, or spans already resolved.
WindowArgument: TypeAlias = "FollowUp | pd.DataFrame"


def window_argument(
    window: FollowUp | pd.DataFrame | None,
    weeks: int | None = None,
    until: Any = None,
    participants: Any = None,
    log: pd.DataFrame | None = None,
) -> FollowUp | pd.DataFrame:
    """The window a function was given: ``window``, or one made of the keywords ``weeks``,
    ``until`` and ``participants``, or else the spans :func:`select_participant` fixed for
    ``log``'s rows, or else the default window.

    Raises
    ------
    UsageError
        ``window`` and one of the keywords given together, or a ``window`` that is neither a
        :class:`FollowUp` nor the spans of :func:`follow_up`.

    Examples
    --------
    >>> window_argument(None, weeks=6)
    FollowUp(weeks=6)
    """
    keywords = {"weeks": weeks, "until": until, "participants": participants}
    given = [name for name, value in keywords.items() if value is not None]
    if window is not None and given:
        raise UsageError(
            f"give window= or {'/'.join(f'{name}=' for name in given)}, not both "
            "(window=footstats.FollowUp(...) holds them all)"
        )
    if window is None:
        if given:
            return FollowUp(**keywords)
        fixed = None if log is None else log.attrs.get(FOLLOW_UP)
        return fixed if fixed is not None else FollowUp()
    if isinstance(window, FollowUp):
        return window
    if isinstance(window, pd.DataFrame):
        expect_table(window, "window", "follow_up", (START, END))
        return window
    raise UsageError(
        "window must be a footstats.FollowUp or the spans of footstats.follow_up, "
        f"got {type(window).__name__}"
    )


def follow_up(
    log: pd.DataFrame,
    window: FollowUp | pd.DataFrame | None = None,
    *,
    routine: Routine | None = None,
    weeks: int | None = None,
    until: Any = None,
    participants: Any = None,
    program: Routine | None = None,
) -> pd.DataFrame:
    """Each participant's follow-up window on a log: the days the metrics count.

    The window's rules are those of :class:`FollowUp`. Every metric of footstats takes the
    table this returns as its ``window=`` and then counts exactly these spans: resolve the
    window once, pass the spans to every table of a report.

    Parameters
    ----------
    {log}
    window : FollowUp or DataFrame, optional
        The window asked for (a :class:`FollowUp`), or spans already resolved (returned as
        they are). None: ``weeks``, ``until`` and ``participants``, else the spans
        :func:`select_participant` fixed for these rows, else the default window.
    {routine}
    weeks, until, participants : optional
        Shorthands for ``window=FollowUp(weeks=..., until=..., participants=...)``.

    Returns
    -------
    DataFrame
        ``[participant], start, end, weeks, rows_before, rows_after, [group]``: ``weeks``
        is the number of ISO weeks in the window (0 when it ends before it starts);
        ``rows_before`` and ``rows_after`` count the rows dated outside it; ``group`` when
        the participants table has one.

    Raises
    ------
    WindowError
        A window value that is not valid, a participants table for a log without a
        participant column, or a participant of the log missing from the table.

    Examples
    --------
    >>> import footstats
    >>> spans = footstats.follow_up(footstats.load_sample(), footstats.FollowUp(weeks=20))
    >>> spans[["weeks", "rows_after"]].to_dict("records")
    [{'weeks': 20, 'rows_after': 0}]
    """
    expect_log(log, "follow_up", (DATE,))
    routine = resolve_routine(deprecated_program(routine, program), log)
    window = window_argument(window, weeks, until, participants, log)
    if isinstance(window, pd.DataFrame):
        return window
    log, had = _with_participant(log)
    table = _table_for(window, had)
    keys = Keys.of(log, None if table is None else table.index)
    span = _window(keys, routine, window, table)
    grid_weeks = np.maximum(
        (keys.monday(span.end) - keys.monday(span.start)) // keys.week_step + 1, 0
    )
    day = keys.day[keys.row_day]
    n = len(keys.participants)
    before = np.bincount(keys.participant[day < span.start[keys.participant]], minlength=n)
    after = np.bincount(keys.participant[day > span.end[keys.participant]], minlength=n)
    out = pd.DataFrame(
        {
            PARTICIPANT: keys.participants,
            START: span.start.view(keys.dtype),
            END: span.end.view(keys.dtype),
            WEEKS: grid_weeks,
            ROWS_BEFORE: before,
            ROWS_AFTER: after,
        }
    )
    if table is not None and GROUP in table.columns:
        out[GROUP] = table[GROUP].reindex([str(p) for p in keys.participants]).array
    return _finish(out, had)


def select_participant(
    log: pd.DataFrame,
    participant: Any = None,
    window: FollowUp | pd.DataFrame | None = None,
    *,
    routine: Routine | None = None,
) -> pd.DataFrame:
    """The rows of ``participant`` (the whole log when None), with their follow-up window.

    The window is resolved on the whole log first, so a participant keeps the spans they
    have in the cohort (the log's data cut-off, their start in the participants table):
    every metric, chart and report of the rows returned counts the same weeks as the
    cohort's report does. The spans are kept in ``attrs["follow_up"]`` of the rows
    returned and used by every function given them without a window of its own.

    Parameters
    ----------
    log : DataFrame
        The tidy log (:func:`footstats.read_log`).
    participant : optional
        A participant id as written in the log's ``participant`` column; a participant
        enrolled in the window's participants table without rows is one too (no rows,
        0 sessions).
    window : FollowUp or DataFrame, optional
        The follow-up window (see :func:`follow_up`); the default window when None.
    {routine}

    Raises
    ------
    UsageError
        ``participant`` is given but the log has no participant column, or not that id
        (the message lists the ids it has).

    Examples
    --------
    >>> from io import StringIO
    >>> import footstats
    >>> text = "participant,date,exercise,sets\\np1,2026-03-02,Toe walking,6\\n"
    >>> text += "p2,2026-03-16,Toe walking,5\\n"
    >>> p1 = footstats.select_participant(footstats.read_log(StringIO(text)), "p1")
    >>> int(footstats.weekly_frequency(p1)["sessions"].sum()), len(footstats.weekly_frequency(p1))
    (1, 3)
    """
    expect_log(log, "select_participant", (DATE,))
    if participant is not None and PARTICIPANT not in log.columns:
        raise UsageError(
            f"PARTICIPANT = {participant!r}, but this log has no participant column: "
            "use None for a one-person log"
        )
    spans = follow_up(log, window, routine=routine)
    rows = log
    if participant is not None:
        rows = log[log[PARTICIPANT] == participant]
        own = spans[spans[PARTICIPANT].astype("str") == str(participant)]
        if own.empty:
            ids = sorted(map(str, log[PARTICIPANT].dropna().unique()))
            shown = ", ".join(ids[:20]) + (f" ... ({len(ids)} in all)" if len(ids) > 20 else "")
            raise UsageError(f"participant {participant!r} is not in this log; it has: {shown}")
        spans = own.reset_index(drop=True)
    rows = rows.copy(deep=False)
    rows.attrs[FOLLOW_UP] = spans
    return rows


def window_notices(window: pd.DataFrame) -> list[str]:
    """Sentences for the rows :func:`follow_up` found outside the window (none when all in).

    Parameters
    ----------
    window : DataFrame
        The spans of :func:`follow_up` (``rows_before``, ``rows_after``).

    Examples
    --------
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


def stale_notice(log: pd.DataFrame, *, today: date | None = None) -> str | None:
    """A sentence when a personal log's last row is more than 7 days before ``today``.

    The window ends at the last row unless told otherwise, so the weeks since then are not
    counted; ``until="today"`` (``--until today``) counts them. None for a log with
    participants, an empty log, or a recent last row.

    Parameters
    ----------
    log : DataFrame
        The tidy log.
    today : date, optional
        The day to count from (default: today).

    Examples
    --------
    >>> import pandas as pd
    >>> log = pd.DataFrame({"date": pd.to_datetime(["2026-03-02"])})
    >>> stale_notice(log, today=date(2026, 3, 25))
    'last entry 23 days ago: weeks since then are not counted; use --until today to count them'
    """
    expect_log(log, "stale_notice", (DATE,))
    if PARTICIPANT in log.columns or DATE not in log.columns or log.empty:
        return None
    now = pd.Timestamp(today or date.today())
    days = (now.normalize() - log[DATE].max().normalize()).days
    if days <= STALE_DAYS:
        return None
    return (
        f"last entry {days} days ago: weeks since then are not counted; "
        "use --until today to count them"
    )


def _prepare(
    log: pd.DataFrame, routine: Routine, window: FollowUp | pd.DataFrame
) -> tuple[pd.DataFrame, bool, Keys, Window]:
    """The log with a participant column and only the rows inside the window, whether it
    had a participant column, its keys and the window's days per participant code."""
    log, had = _with_participant(log)
    if isinstance(window, pd.DataFrame):
        spans, _ = _with_participant(window)
        names = pd.Index(spans[PARTICIPANT].astype("str"))
        keys = Keys.of(log, names)
        span = _given_spans(keys, spans.set_index(names))
    else:
        table = _table_for(window, had)
        keys = Keys.of(log, None if table is None else table.index)
        span = _window(keys, routine, window, table)
        if window.is_default and routine.weeks is None:
            return log, had, keys, span  # each one's first row to the log's last: all inside
    inside = span.inside(keys)
    if not inside.all():
        log, keys = log[inside], keys.take(inside)
    return log, had, keys, span


def _given_spans(keys: Keys, spans: pd.DataFrame) -> Window:
    """The window of resolved spans (indexed by participant id as text) per participant
    code; every participant of the log must have one."""
    names = pd.Index([str(p) for p in keys.participants])
    missing = names.difference(spans.index)
    if len(missing):
        shown = ", ".join(missing[:10]) + (" ..." if len(missing) > 10 else "")
        raise WindowError(f"participants of the log not in the window's spans: {shown}")
    rows = spans.reindex(names)
    return Window(start=_days(rows[START], keys), end=_days(rows[END], keys))


def _window(keys: Keys, routine: Routine, window: FollowUp, table: pd.DataFrame | None) -> Window:
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
    programme = window.weeks if window.weeks is not None else routine.weeks
    if programme is not None:
        end = np.where(end == none, _programme_end(keys, start, programme), end)
    if window.until is not None:
        last_day = _day(window.until, keys)
    else:
        last_day = day.max() if len(day) else none
    end = np.where(end == none, last_day, end)
    return Window(start=start, end=end)


def _programme_end(keys: Keys, start: np.ndarray, weeks: int | np.ndarray) -> np.ndarray:
    """The Sunday of the ``weeks``-th ISO week from the week of ``start``."""
    end: np.ndarray = keys.monday(start) + np.asarray(weeks) * keys.week_step - keys.day_step
    return end


def _days(values: pd.Series, keys: Keys) -> np.ndarray:
    days = pd.to_datetime(values).dt.normalize().to_numpy().astype(keys.dtype)
    ints: np.ndarray = days.view("int64")  # NaT is the smallest int64, the window's "none"
    return ints


def _day(day: date, keys: Keys) -> int:
    # an ISO date (YYYY-MM-DD) is read in days
    return int(np.datetime64(day.isoformat()).astype(keys.dtype).view("int64"))


def _check_weeks(weeks: Any) -> int:
    if isinstance(weeks, bool) or not isinstance(weeks, int | np.integer) or weeks < 1:
        raise WindowError(f"weeks must be a whole number of weeks >= 1, got {weeks!r}")
    if weeks > MAX_WEEKS:
        raise WindowError(
            f"weeks = {weeks} is {int(weeks) // 52:,} years: a typo? (expected at most "
            f"{MAX_WEEKS} weeks, 20 years)"
        )
    return int(weeks)


def _check_until(until: Any) -> date:
    """``until`` as a date: an ISO date, a date, a Timestamp or ``"today"`` (never a date
    in another order, which would be a guess), from 1900 to a year from today."""
    given = until
    day: date | None = None
    if isinstance(until, str):
        text = until.strip()
        if text.lower() == "today":
            day = date.today()
        elif re.fullmatch(r"\d{4}-\d{2}-\d{2}", text):  # ISO only: 03/04/2026 is never guessed
            try:
                day = date.fromisoformat(text)
            except ValueError:
                day = None
    elif isinstance(until, datetime):  # a Timestamp too
        day = None if pd.isna(until) else until.date()
    elif isinstance(until, date):
        day = until
    elif isinstance(until, np.datetime64) and not np.isnat(until):
        day = pd.Timestamp(until).date()
    if day is None:
        raise WindowError(f"until must be a date (YYYY-MM-DD) or 'today', got {given!r}")
    latest = date.today().replace(year=date.today().year + 1)
    early, late = day < EARLIEST.date(), day > latest
    limits = ((early, "before 1900"), (late, "more than a year in the future"))
    for beyond, when in limits:
        if beyond:
            raise WindowError(
                f"until {day.isoformat()} is {when}: a typo? (expected a date between 1900 and "
                f"{latest.isoformat()})"
            )
    return day


def _participants_table(participants: Any) -> pd.DataFrame:
    """The participants table indexed by participant id (text), with start, end, weeks and
    (when given) group columns."""
    if isinstance(participants, str | PathLike):
        participants = read_participants(participants)
    if not isinstance(participants, pd.DataFrame):
        raise WindowError(
            "participants must be the participants table (a DataFrame or the path of its CSV), "
            f"got {type(participants).__name__}"
        )
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
        listed = ", ".join(twice)
        raise WindowError(f"participants listed twice in the participants table: {listed}")
    too_long = table[WEEKS].gt(MAX_WEEKS).fillna(False)
    if too_long.any():
        raise WindowError(
            f"participant {table.index[too_long.to_numpy()][0]}: weeks = "
            f"{table[WEEKS][too_long].iloc[0]}: a typo? (expected at most {MAX_WEEKS} weeks)"
        )
    return table


def _table_for(window: FollowUp, had_participant: bool) -> pd.DataFrame | None:
    if window.participants is not None and not had_participant:
        raise WindowError("a participants table needs a log with a participant column")
    return window.participants


def _with_participant(frame: pd.DataFrame) -> tuple[pd.DataFrame, bool]:
    """The frame with a participant column (one placeholder participant when it has none).

    One code path then serves logs with and without participants; :func:`_finish` drops the
    placeholder again.
    """
    if PARTICIPANT in frame.columns:
        return frame, True
    return frame.assign(**{PARTICIPANT: ""}), False


def _finish(
    out: pd.DataFrame, had_participant: bool, routine: Routine | None = None
) -> pd.DataFrame:
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
