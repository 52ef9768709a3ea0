"""Every error and warning footstats raises on purpose, under one base class.

::

    FootstatsError
    ├── LogError (also a ValueError)          a log did not load; ``.problems`` lists why
    ├── RoutineError (also a ValueError)      a routine file or object cannot be used
    ├── WindowError (also a ValueError)       a follow-up window input is not valid
    ├── UsageError (also a ValueError)        an argument does not fit the function
    ├── AppendError                           ``footstats add`` wrote nothing
    │   └── RowsRefused                       ... because the new rows have errors
    └── ExportError (also an OSError)         a report or export could not be written

    FootstatsWarning (a UserWarning)
    └── LogWarning                            rows were left out of a log (``on_invalid="drop"``)

``except footstats.FootstatsError`` catches every one of them; each error that is also a
``ValueError`` or ``OSError`` is caught by code written for those, as before. Errors about
bad data carry it as a value the user can act on (``LogError.problems``: file, line, column,
value, severity, code, message), never a traceback of footstats' internals.

>>> import footstats
>>> issubclass(footstats.LogError, footstats.FootstatsError)
True
"""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    import pandas as pd

__all__ = [
    "AppendError",
    "ExportError",
    "FootstatsError",
    "FootstatsWarning",
    "LogError",
    "LogWarning",
    "RoutineError",
    "RowsRefused",
    "UsageError",
    "WindowError",
]


class FootstatsError(Exception):
    """The base of every error footstats raises on purpose."""


class LogError(FootstatsError, ValueError):
    """A log that did not load; ``.problems`` lists every problem, not just the first.

    ``.problems`` is a DataFrame with the columns file, line, column, value, severity, code
    and message (``line`` is the physical line in the file; <NA> for a whole-file problem;
    ``code`` such as ``FS203``, listed in docs/problem-codes.md).
    """

    def __init__(self, problems: pd.DataFrame, file: str = "the log"):
        self.problems = problems
        self.file = file
        super().__init__(self._describe())

    def _describe(self, limit: int = 20) -> str:
        # imported here, not at the top: the error classes stay importable without pandas
        from footstats.columns import ERROR, SEVERITY, WARNING
        from footstats.core.problems import count_by_severity, format_problems

        counts = count_by_severity(self.problems)
        errors = self.problems[self.problems[SEVERITY] == ERROR]
        head = (
            f"{self.file}: {counts[ERROR]} error(s), {counts[WARNING]} warning(s); "
            "the log was not loaded:"
        )
        lines = format_problems(errors, limit)
        if len(errors) > limit:
            lines.append(f"... and {len(errors) - limit} more errors (see .problems)")
        hint = (
            "Fix the lines above, or load the valid rows and see every problem with "
            "footstats.validate_log(...) or read_log(..., on_invalid='drop')."
        )
        return "\n".join([head, *("  " + line for line in lines), hint])


class RoutineError(FootstatsError, ValueError):
    """A routine that cannot be used; the message names the file and the key."""


class WindowError(FootstatsError, ValueError):
    """A follow-up window input (weeks, until, the participants table) that is not valid."""


class UsageError(FootstatsError, ValueError):
    """An argument that does not fit: a table without the columns a function reads, an
    unknown format, chart or participant, an option out of its range."""


class AppendError(FootstatsError):
    """Nothing was written: the log cannot be read or written, or it changed meanwhile."""


class RowsRefused(AppendError):
    """Nothing was written: the new rows have errors, listed in ``.problems``.

    ``.problems`` is a problems table (file, line, column, value, severity, code, message)
    whose lines are the ones the rows would have had in the file, as ``footstats check``
    reports.
    """

    def __init__(self, problems: pd.DataFrame, file: str):
        from footstats.columns import ERROR, SEVERITY
        from footstats.core.problems import format_problems

        self.problems = problems
        self.file = file
        errors = problems[problems[SEVERITY] == ERROR]
        lines = "\n".join("  " + line for line in format_problems(errors))
        super().__init__(f"{file}: nothing was written; the new rows have errors:\n{lines}")


class ExportError(FootstatsError, OSError):
    """A report or export could not be written (the output folder is busy or not allowed)."""


class FootstatsWarning(UserWarning):
    """The base of every warning footstats gives."""


class LogWarning(FootstatsWarning):
    """Rows were left out of a log read with ``on_invalid="drop"``."""
