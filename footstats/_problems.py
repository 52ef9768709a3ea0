"""Problems found in a log: one row each of file, line, column, value, severity, message."""

from __future__ import annotations

import pandas as pd

from ._columns import (
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


def problem(file, line, column, value, severity, message) -> dict:
    """One problem as a record; ``line`` None for a whole-file problem, column "-" for a line."""
    return {
        FILE: file,
        LINE: line,
        COLUMN: column,
        VALUE: value,
        SEVERITY: severity,
        MESSAGE: message,
    }


def problems_frame(records=(), frames=()) -> pd.DataFrame:
    """A problems table from records and/or problem frames, sorted by line then severity."""
    parts = [pd.DataFrame.from_records(list(records), columns=list(PROBLEM_COLUMNS))]
    parts += [f for f in frames if len(f)]
    table = pd.concat(parts, ignore_index=True) if len(parts) > 1 else parts[0]
    table = table.astype(
        {FILE: "str", LINE: "Int64", COLUMN: "str", VALUE: "str", SEVERITY: "str", MESSAGE: "str"}
    )
    rank = table[SEVERITY].map(SEVERITY_ORDER)
    order = (
        pd.DataFrame({"l": table[LINE].fillna(0), "r": rank})
        .sort_values(["l", "r"], kind="stable")
        .index
    )
    return table.loc[order].reset_index(drop=True)


def cell_problems(file, lines, column, values, severity, messages) -> pd.DataFrame:
    """Problems for many cells at once (vectorised): equal-length lines/values/messages."""
    n = len(lines)
    return pd.DataFrame(
        {
            FILE: [file] * n,
            LINE: pd.array(lines, dtype="Int64"),
            COLUMN: [column] * n,
            VALUE: pd.array(values, dtype="str"),
            SEVERITY: [severity] * n,
            MESSAGE: pd.array(messages, dtype="str"),
        }
    )


def format_problems(problems: pd.DataFrame, limit: int | None = None) -> list[str]:
    """``FILE:LINE:COLUMN: severity: message`` lines (``-`` for a missing line)."""
    rows = problems if limit is None else problems.head(limit)
    out = []
    for file, line, column, severity, message in zip(
        rows[FILE], rows[LINE], rows[COLUMN], rows[SEVERITY], rows[MESSAGE], strict=True
    ):
        where = "-" if pd.isna(line) else str(int(line))
        out.append(f"{file}:{where}:{column}: {severity}: {message}")
    return out


def count_by_severity(problems: pd.DataFrame) -> dict[str, int]:
    counts = problems[SEVERITY].value_counts()
    return {s: int(counts.get(s, 0)) for s in (ERROR, WARNING, NOTICE)}


def line_list(lines, most: int = 10) -> str:
    """``"2, 5, 9"``, or the first ``most`` lines and how many more."""
    shown = ", ".join(str(int(n)) for n in lines[:most])
    return shown + (f" and {len(lines) - most} more" if len(lines) > most else "")
