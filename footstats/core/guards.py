"""Input guards: a public function given the wrong table says which table it wants.

Something that is not a table at all is a ``TypeError``; a table without the columns the
function reads (or a log whose dates are not dates) is a ``ValueError``.

Without them a chart given a log fails deep inside with ``KeyError('week')``. Each guard
checks that its input is a DataFrame with the columns the function reads and, if not, names
what it got and what to call first::

    plot_frequency expects the table of weekly_frequency (columns week, sessions); got a
    log (columns line, date, exercise, ...) — call footstats.weekly_frequency(log) first
"""

from __future__ import annotations

import pandas as pd

from footstats.columns import (
    COMPLETION,
    DATE,
    EXERCISE,
    LINE,
    SESSIONS,
    SETS,
    SETS_DONE,
    SETS_PRESCRIBED,
    SITE,
    VALUE_MEAN,
    WEEK,
)
from footstats.errors import UsageError

# The columns a function reads, by the table it expects: a log, or a metric's output.
LOG = "a log from footstats.read_log"
TABLES = {
    "weekly_frequency": (WEEK, SESSIONS),
    "session_table": (DATE,),
    "weekly_sets": (WEEK, EXERCISE, SETS_DONE, SETS_PRESCRIBED, COMPLETION),
    "weekly_pain": (WEEK, SITE, VALUE_MEAN),
    "adherence_vs_pain": (WEEK, SESSIONS),
}
_SHOWN = 6  # columns named in a message


def expect_log(frame, function: str, columns=(LINE, DATE, EXERCISE, SETS)) -> None:
    """Raise unless ``frame`` is a tidy log with ``columns`` and dates in its date column."""
    wanted, hint = f"expects {LOG}", "read it with footstats.read_log"
    _expect(frame, function, columns, wanted, hint)
    if not pd.api.types.is_datetime64_dtype(frame[DATE]):
        raise UsageError(
            f"{function} {wanted}; its date column holds {frame[DATE].dtype}, not dates — {hint}"
        )


def expect_table(frame, function: str, producer: str, columns=None) -> None:
    """Raise unless ``frame`` is the output of ``producer`` (its ``columns``, by default
    those listed in :data:`TABLES`)."""
    hint = f"call footstats.{producer}(log) first"
    needed = TABLES[producer] if columns is None else columns
    _expect(frame, function, needed, f"expects the table of {producer}", hint)


def expect_summary(summary, function: str) -> None:
    """Raise unless ``summary`` is what :func:`footstats.summarize` returned."""
    hint = "call footstats.summarize(log) first"
    if not isinstance(summary, dict):
        got = type(summary).__name__
        raise TypeError(f"{function} expects the dict of footstats.summarize; got a {got} — {hint}")
    if "weeks" not in summary and "participants" not in summary:
        keys = ", ".join(map(str, list(summary)[:_SHOWN])) or "none"
        raise UsageError(
            f"{function} expects the dict of footstats.summarize; got one with keys {keys} — {hint}"
        )


def _expect(frame, function: str, columns, wanted: str, hint: str) -> None:
    needed = ", ".join(columns)
    if not isinstance(frame, pd.DataFrame):
        got = type(frame).__name__
        raise TypeError(f"{function} {wanted} (columns {needed}); got a {got} — {hint}")
    missing = [c for c in columns if c not in frame.columns]
    if missing:
        raise UsageError(f"{function} {wanted} (columns {needed}); got {_describe(frame)} — {hint}")


def _describe(frame: pd.DataFrame) -> str:
    names = [str(c) for c in frame.columns]
    if not names:
        return "a table with no columns"
    shown = ", ".join(names[:_SHOWN]) + (", ..." if len(names) > _SHOWN else "")
    kind = "a log" if {LINE, DATE} <= set(names) else "a table"
    return f"{kind} (columns {shown})"
