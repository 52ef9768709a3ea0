"""Problems found in a log: one row each of file, line, column, value, severity, code, message.

Every problem is made here, from its code (``footstats.core.codes``): the code decides the
severity, so one kind of problem is always equally severe.
"""

from __future__ import annotations

import numpy as np
import pandas as pd
from pandas.api.types import union_categoricals

from footstats.columns import (
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
from footstats.core.codes import SEVERITY_OF, Code

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


_TEXT = tuple(c for c in PROBLEM_COLUMNS if c != LINE)


def problems_frame(records=(), frames=()) -> pd.DataFrame:
    """A problems table from records and/or problem frames, sorted by line then severity.

    The text columns are put together as categoricals (a code per problem, each distinct
    text once: a million problems of a few kinds hold a few texts) and only the sorted
    table is turned into text.
    """
    records, frames = list(records), [f for f in frames if len(f)]
    if not records and not frames:  # most files of a folder: built once, copied
        return _NO_PROBLEMS.copy()
    if not records and len(frames) == 1 and _is_table(frames[0]):
        return frames[0]  # already a sorted table of text
    parts = frames
    if records:
        parts = [pd.DataFrame.from_records(records, columns=list(PROBLEM_COLUMNS)), *frames]
    lines = pd.array(
        np.concatenate([part[LINE].to_numpy(dtype="float64", na_value=np.nan) for part in parts]),
        dtype="Int64",
    )
    text = {
        column: union_categoricals([_categorical(part[column]) for part in parts])
        for column in _TEXT
    }
    rank = pd.Series(text[SEVERITY]).map(SEVERITY_ORDER).to_numpy()
    order = np.lexsort((np.arange(len(lines)), rank, lines.to_numpy(dtype="float64", na_value=0)))
    table = {LINE: lines[order]} | {c: text[c].take(order).astype("str") for c in _TEXT}
    return pd.DataFrame({column: table[column] for column in PROBLEM_COLUMNS})


def _is_table(frame: pd.DataFrame) -> bool:
    """Whether ``frame`` is a table made by :func:`problems_frame` (sorted, text columns)."""
    return not any(isinstance(frame[c].dtype, pd.CategoricalDtype) for c in _TEXT)


def _categorical(values: pd.Series) -> pd.Categorical:
    if isinstance(values.dtype, pd.CategoricalDtype):
        return values.array
    return pd.Categorical(values.astype("str"))


def _empty_problems() -> pd.DataFrame:
    table = pd.DataFrame({column: pd.Series(dtype="str") for column in PROBLEM_COLUMNS})
    return table.astype({LINE: "Int64"})


_NO_PROBLEMS = _empty_problems()


def cell_problems(file, lines, column, values, codes, messages) -> pd.DataFrame:
    """Problems for many cells at once (vectorised): equal-length lines/values/messages;
    ``codes`` is one :class:`~footstats.core.codes.Code` or one code id per cell.

    The text columns are categoricals: a value or message repeated over many rows is held
    once (see :func:`problems_frame`).
    """
    n = len(lines)
    if isinstance(codes, Code):
        ids, severities = _same(codes.id, n), _same(codes.severity, n)
    else:
        ids = pd.Categorical(np.asarray(codes, dtype=object))
        of_id, kinds = pd.factorize(np.array([SEVERITY_OF[c] for c in ids.categories], object))
        severities = pd.Categorical.from_codes(of_id[ids.codes], kinds.astype("str"))
    return pd.DataFrame(
        {
            FILE: _same(str(file), n),
            LINE: pd.array(lines, dtype="Int64"),
            COLUMN: _same(str(column), n),
            VALUE: _texts(values),
            SEVERITY: severities,
            CODE: ids,
            MESSAGE: _texts(messages),
        }
    )


def _same(text: str, n: int) -> pd.Categorical:
    return pd.Categorical.from_codes(np.zeros(n, dtype=np.int8), [text])


def _texts(values) -> pd.Categorical:
    """Texts as a categorical; one broadcast text (numpy stride 0) costs nothing per row."""
    values = np.asarray(values, dtype=object)
    if values.ndim == 1 and len(values) > 1 and values.strides[0] == 0:
        return _same(str(values[0]), len(values))
    codes, uniques = pd.factorize(values)
    texts = pd.Index(pd.array(uniques, dtype="str"))
    if not texts.is_unique:  # 3 and "3": the texts are compared, not the objects
        return pd.Categorical(pd.array(values, dtype="str"))
    return pd.Categorical.from_codes(codes, texts)


SHOWN_PROBLEMS = 200  # problems shown one a line (check, the app); the rest counted by kind


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


def counted_by_kind(problems: pd.DataFrame) -> str:
    """The problems counted by severity and column, most first: what is said of the problems
    past those shown one by one (``footstats check``, the app).

    >>> import pandas as pd
    >>> counted_by_kind(pd.DataFrame({SEVERITY: ["error", "error", "warning"],
    ...                               COLUMN: ["date", "date", "-"]}))
    '2 error(s) in date, 1 warning(s) on whole lines'
    """
    kinds = problems.groupby([SEVERITY, COLUMN], sort=False).size().sort_values(ascending=False)
    return ", ".join(
        f"{n:,} {severity}(s) " + ("on whole lines" if column == "-" else f"in {column}")
        for (severity, column), n in kinds.items()
    )


def count_by_severity(problems: pd.DataFrame) -> dict[str, int]:
    counts = problems[SEVERITY].value_counts()
    return {s: int(counts.get(s, 0)) for s in (ERROR, WARNING, NOTICE)}


def line_list(lines, most: int = 10) -> str:
    """``"2, 5, 9"``, or the first ``most`` lines and how many more."""
    shown = ", ".join(str(int(n)) for n in lines[:most])
    return shown + (f" and {len(lines) - most} more" if len(lines) > most else "")
