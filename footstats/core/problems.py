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

    The text columns are categoricals (a code per problem, each distinct text held once:
    a million problems of a few kinds hold a few texts), their categories sorted and only
    those used, so that tables of the same problems are equal however they were put
    together, and text and categorical sort the same way.
    """
    records, frames = list(records), [f for f in frames if len(f)]
    if not records and not frames:  # most files of a folder: built once, copied
        return _NO_PROBLEMS.copy()
    if not records and len(frames) == 1 and _is_table(frames[0]):
        return frames[0]  # already a sorted table
    parts = frames
    if records:
        parts = [pd.DataFrame.from_records(records, columns=list(PROBLEM_COLUMNS)), *frames]
    lines = pd.array(
        np.concatenate([part[LINE].to_numpy(dtype="float64", na_value=np.nan) for part in parts]),
        dtype="Int64",
    )
    text = {column: _union([part[column] for part in parts]) for column in _TEXT}
    order = np.lexsort((np.arange(len(lines)), _ranks(text[SEVERITY]), _line_keys(lines)))
    table = {LINE: lines[order]} | {c: _tidy(text[c].take(order)) for c in _TEXT}
    return pd.DataFrame({column: table[column] for column in PROBLEM_COLUMNS})


def concat_problems(frames) -> pd.DataFrame:
    """Problem tables one after another (each already in its order), their categories
    joined: ``pd.concat`` would turn categoricals of other categories into objects."""
    frames = [f for f in frames if len(f)]
    if not frames:
        return _NO_PROBLEMS.copy()
    if len(frames) == 1 and _is_tidy(frames[0]):
        return frames[0]
    lines = pd.array(
        np.concatenate([f[LINE].to_numpy(dtype="float64", na_value=np.nan) for f in frames]),
        dtype="Int64",
    )
    text = {column: _tidy(_union([f[column] for f in frames])) for column in _TEXT}
    return pd.DataFrame({LINE: lines} | text)[list(PROBLEM_COLUMNS)]


def _union(columns) -> pd.Categorical:
    return union_categoricals([_categorical(column) for column in columns])


def _line_keys(lines) -> np.ndarray:
    return lines.to_numpy(dtype="float64", na_value=0)


def _ranks(severity: pd.Categorical) -> np.ndarray:
    of_category = np.array([SEVERITY_ORDER.get(s, 3) for s in severity.categories], dtype=np.int8)
    return of_category[severity.codes]


def _tidy(values: pd.Categorical) -> pd.Categorical:
    """``values`` with only the categories used, sorted (codes remapped, no text copied)."""
    codes, categories = values.codes, values.categories
    if not len(categories):
        return values
    used = np.bincount(codes[codes >= 0], minlength=len(categories)) > 0
    if used.all() and categories.is_monotonic_increasing:
        return values
    kept = categories[used]
    order = np.argsort(kept.to_numpy(dtype=object), kind="stable")
    renumber = np.full(len(categories), -1, dtype=np.int64)
    renumber[np.flatnonzero(used)[order]] = np.arange(len(kept))
    new_codes = np.where(codes >= 0, renumber[codes], -1)
    return pd.Categorical.from_codes(new_codes, kept[order])


def text_categorical(values) -> pd.Categorical:
    """Text (or a categorical of text) as a categorical holding each distinct text once,
    its categories the texts the rows hold, sorted: two columns of the same values have
    the same categories however they were read (one file, a folder, a Dask partition)."""
    if isinstance(values.dtype, pd.CategoricalDtype):
        values = values.array if isinstance(values, pd.Series) else values
        if values.categories.dtype != "str":
            values = pd.Categorical.from_codes(values.codes, values.categories.astype("str"))
        return _tidy(values)
    codes, uniques = pd.factorize(values, sort=True)
    return pd.Categorical.from_codes(codes, pd.Index(uniques, dtype="str"))


def _is_tidy(frame: pd.DataFrame) -> bool:
    """Whether the text columns of ``frame`` are categoricals of sorted, used categories."""
    columns = [frame[c].array for c in _TEXT]
    return all(isinstance(c, pd.Categorical) and _tidy(c) is c for c in columns)


def _is_table(frame: pd.DataFrame) -> bool:
    """Whether ``frame`` is a table as :func:`problems_frame` makes it: categoricals with
    their categories sorted and used, rows sorted by line then severity."""
    if not _is_tidy(frame):
        return False
    lines, ranks = _line_keys(frame[LINE].array), _ranks(frame[SEVERITY].array)
    step, same = np.diff(lines), lines[1:] == lines[:-1]
    return bool(((step > 0) | (same & (np.diff(ranks) >= 0))).all())


def _categorical(values: pd.Series) -> pd.Categorical:
    if isinstance(values.dtype, pd.CategoricalDtype):
        return values.array
    return text_categorical(values.astype("str"))


def _empty_problems() -> pd.DataFrame:
    empty = pd.Categorical([], categories=pd.Index([], dtype="str"))
    table = {column: pd.Series(empty, copy=True) for column in _TEXT}
    return pd.DataFrame({LINE: pd.Series([], dtype="Int64")} | table)[list(PROBLEM_COLUMNS)]


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
