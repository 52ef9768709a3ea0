"""Run an importer's ``to_log`` on a hand-made raw table, for the importer tests.

The importers return their log typed (footstats.importers.base); the tests' hand-computed
expectations are written as text, the way a reader sees a log row (``"2025-03-03
07:30:00"``, ``"3"``, ``""`` for missing), so :func:`as_text` shows the typed log that
way. The types themselves are checked once, for every importer, in test_importers_exact.
"""

from __future__ import annotations

import csv
import io
from pathlib import Path

import numpy as np
import pandas as pd

from footstats.columns import LINE, SESSION_DONE
from footstats.core.options import ReadOptions
from footstats.importers.base import Export


def raw_table(header: str, *rows: str, sep: str = ",") -> pd.DataFrame:
    """A raw table as the reader hands it over: header names as written, str values, line."""
    records = list(csv.reader(io.StringIO("\n".join([header, *rows])), delimiter=sep))
    frame = pd.DataFrame(records[1:], columns=records[0], dtype="str")
    frame[LINE] = np.arange(2, len(records) + 1, dtype="int64")
    return frame


def imported(
    importer,
    raw: pd.DataFrame,
    file: str,
    *,
    folder: Path | None = None,
    options: ReadOptions | None = None,
    text: str = "",
    problems: list[dict] | None = None,
    **keywords,
) -> tuple[pd.DataFrame, list[dict]]:
    """``importer.to_log`` (a module of footstats.importers) on ``raw``, its log as text."""
    options = options if options is not None else ReadOptions(**keywords)
    log, found = importer.to_log(Export(raw, file, folder, text, problems or []), options)
    return as_text(log), found


def as_text(log: pd.DataFrame) -> pd.DataFrame:
    """A typed importer log shown as text: dates ``YYYY-MM-DD HH:MM:SS`` (a habit log's days
    ``YYYY-MM-DD``), whole numbers without a point, ``true`` / ``false``, ``""`` for
    missing; ``line`` and the text columns as they are, ``attrs`` kept."""
    days = SESSION_DONE in log
    shown = pd.DataFrame({c: _text(log[c], days) if c != LINE else log[c] for c in log})
    shown.attrs = dict(log.attrs)
    return shown


def _text(values: pd.Series, days: bool) -> pd.Series:
    if pd.api.types.is_datetime64_dtype(values.dtype):
        return values.dt.strftime("%Y-%m-%d" if days else "%Y-%m-%d %H:%M:%S").astype(object)
    if isinstance(values.dtype, pd.BooleanDtype):
        return values.map({True: "true", False: "false"}).astype(object)
    if isinstance(values.dtype, pd.Int64Dtype | pd.Float64Dtype):
        return pd.Series([_number(v) for v in values], index=values.index, dtype=object)
    return values


def _number(value) -> str:
    if pd.isna(value):
        return ""
    return str(int(value)) if float(value).is_integer() else str(float(value))
