"""Problems found in a log: one row each of file, line, column, value, severity, code, message.

Every problem is made here, from its code (``footstats._codes``): the code decides the
severity, so one kind of problem is always equally severe.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from ._codes import CODES, SEVERITY_OF, Code
from ._columns import (
    CODE,
    COLUMN,
    ERROR,
    FILE,
    LINE,
    MESSAGE,
    NOTICE,
    PROBLEM_COLUMNS,
    SEVERITY,
    VALUE,
    WARNING,
)

SEVERITY_ORDER = {ERROR: 0, WARNING: 1, NOTICE: 2}


def problem(file, line, column, value, code: Code, message) -> dict:
    """One problem as a record; ``line`` None for a whole-file problem, column "-" for a line."""
    return {
        FILE: file,
        LINE: line,
        COLUMN: column,
        VALUE: value,
        SEVERITY: code.severity,
        CODE: code.id,
        MESSAGE: message,
    }


def problems_frame(records=(), frames=()) -> pd.DataFrame:
    """A problems table from records and/or problem frames, sorted by line then severity."""
    records, frames = list(records), [f for f in frames if len(f)]
    if not records and not frames:  # most files of a folder: built once, copied
        return _NO_PROBLEMS.copy()
    parts = [pd.DataFrame.from_records(records, columns=list(PROBLEM_COLUMNS))]
    parts += frames
    table = pd.concat(parts, ignore_index=True) if len(parts) > 1 else parts[0]
    table = table.astype({column: "str" for column in PROBLEM_COLUMNS} | {LINE: "Int64"})
    rank = table[SEVERITY].map(SEVERITY_ORDER)
    order = (
        pd.DataFrame({"l": table[LINE].fillna(0), "r": rank})
        .sort_values(["l", "r"], kind="stable")
        .index
    )
    return table.loc[order].reset_index(drop=True)


def _empty_problems() -> pd.DataFrame:
    table = pd.DataFrame({column: pd.Series(dtype="str") for column in PROBLEM_COLUMNS})
    return table.astype({LINE: "Int64"})


_NO_PROBLEMS = _empty_problems()


def cell_problems(file, lines, column, values, codes, messages) -> pd.DataFrame:
    """Problems for many cells at once (vectorised): equal-length lines/values/messages;
    ``codes`` is one :class:`~footstats._codes.Code` or one code id per cell."""
    n = len(lines)
    if isinstance(codes, Code):
        ids, severities = [codes.id] * n, [codes.severity] * n
    else:
        ids = pd.Series(np.asarray(codes, dtype=object), dtype=object)
        severities = ids.map(SEVERITY_OF).to_numpy()
    return pd.DataFrame(
        {
            FILE: [file] * n,
            LINE: pd.array(lines, dtype="Int64"),
            COLUMN: [column] * n,
            VALUE: pd.array(values, dtype="str"),
            SEVERITY: severities,
            CODE: pd.array(ids, dtype="str"),
            MESSAGE: pd.array(messages, dtype="str"),
        }
    )


def format_problems(problems: pd.DataFrame, limit: int | None = None) -> list[str]:
    """``FILE:LINE:COLUMN: severity: message [CODE]`` lines (``-`` for a missing line)."""
    rows = problems if limit is None else problems.head(limit)
    out = []
    for file, line, column, severity, message, code in zip(
        rows[FILE], rows[LINE], rows[COLUMN], rows[SEVERITY], rows[MESSAGE], rows[CODE], strict=True
    ):
        where = "-" if pd.isna(line) else str(int(line))
        out.append(f"{file}:{where}:{column}: {severity}: {message} [{code}]")
    return out


def code_patterns(text: str | None, option: str = "codes") -> tuple[str, ...]:
    """``"FS2, FS101"`` as patterns; raises ValueError naming a pattern no code matches.

    >>> code_patterns("fs2,FS101")
    ('FS2', 'FS101')
    """
    patterns = tuple(p.strip().upper() for p in (text or "").split(",") if p.strip())
    for pattern in patterns:
        if not any(code.startswith(pattern) for code in CODES):
            raise ValueError(
                f"{option}: {pattern!r} is not a problem code or the start of one (codes "
                "look like FS203; a prefix such as FS2 selects every FS2xx code); the list is in "
                "docs/problem-codes.md"
            )
    return patterns


def select_problems(problems: pd.DataFrame, select=(), ignore=()) -> pd.DataFrame:
    """The problems whose code starts with one of ``select`` (all when empty) and with
    none of ``ignore``; ``select``/``ignore`` are patterns of :func:`code_patterns`."""
    codes = problems[CODE].astype("str")
    keep = codes.str.startswith(tuple(select)) if select else pd.Series(True, index=codes.index)
    if ignore:
        keep &= ~codes.str.startswith(tuple(ignore))
    return problems[keep.to_numpy(dtype=bool)]


def count_by_severity(problems: pd.DataFrame) -> dict[str, int]:
    counts = problems[SEVERITY].value_counts()
    return {s: int(counts.get(s, 0)) for s in (ERROR, WARNING, NOTICE)}


def line_list(lines, most: int = 10) -> str:
    """``"2, 5, 9"``, or the first ``most`` lines and how many more."""
    shown = ", ".join(str(int(n)) for n in lines[:most])
    return shown + (f" and {len(lines) - most} more" if len(lines) > most else "")
