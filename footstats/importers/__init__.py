"""Readers of other apps' exports, each producing the footstats log format.

One module per foreign format and this small explicit dispatcher (no import by name).
Each module has ``NAME``, ``matches(header, sample=None) -> bool``,
``closest(header) -> (share, description) | None`` (Loop: none) and
``to_log(raw, *, file, habit=None, reading=READING) -> (raw table in the footstats log
format, problems)``; see :mod:`footstats.importers.common` for what the raw tables hold.

=========  ======================================================================
format     what it reads
=========  ======================================================================
footstats  a footstats log (the default; read by :mod:`footstats.reading.log` itself)
strong     Strong exports (every header generation, English, German, French,
           Chinese and Portuguese headers, others by their structure; one row per set)
hevy       Hevy exports (kg or lbs, either locale's times; warm-up sets apart)
fitnotes   FitNotes exports (each weight-unit variant; one row per set)
loop       Loop Habit Tracker checkmarks (multi-habit file with ``habit=``, a
           habit's own file, old header-less files; sessions only)
=========  ======================================================================
"""

from __future__ import annotations

from types import ModuleType

import pandas as pd

from footstats.errors import UsageError
from footstats.importers import fitnotes, hevy, loop, strong
from footstats.importers.common import READING, Reading

__all__ = ["FOOTSTATS", "FORMATS", "Reading", "closest_format", "convert", "detect_format"]
__all__ += ["format_names", "importer"]

FOOTSTATS = "footstats"

# format name -> importer module, in the order headers are tried (Loop's header is the
# loosest, so it comes last).
FORMATS: dict[str, ModuleType] = {module.NAME: module for module in (strong, hevy, fitnotes, loop)}


def detect_format(header: list[str], sample: pd.DataFrame | None = None) -> str:
    """The name of the format whose header this is; ``"footstats"`` when none matches.

    ``header`` is the header line's names as written, including a blank last name left by
    a trailing delimiter (Loop's ``Checkmarks.csv`` is recognised by it). ``sample``, the
    first rows (columns by position), lets a Strong header in an unknown language be
    recognised by its structure.

    Examples
    --------
    >>> detect_format(["title", "start_time", "end_time", "description", "exercise_title",
    ...                "superset_id", "exercise_notes", "set_index", "set_type", "weight_kg",
    ...                "reps", "distance_km", "duration_seconds", "rpe"])
    'hevy'
    >>> detect_format(["date", "exercise", "sets", "reps"])
    'footstats'
    """
    for name, module in FORMATS.items():
        if module.matches(header, sample):
            return name
    return FOOTSTATS


def closest_format(header: list[str]) -> str | None:
    """For a header no format matches: the app export it is closest to, and what it lacks.

    Examples
    --------
    >>> closest_format(["Date", "Workout Name", "Exercise Name", "Reps", "Weight"])
    "a Strong export without 'Set Order' column(s)"
    >>> closest_format(["date", "exercise", "sets"]) is None
    True
    """
    found = [module.closest(header) for module in FORMATS.values() if hasattr(module, "closest")]
    found = [f for f in found if f is not None]
    return max(found, key=lambda f: f[0])[1] if found else None


def convert(
    name: str,
    raw: pd.DataFrame,
    file_problems: list[dict],
    *,
    file: str,
    habit: str | None = None,
    reading: Reading = READING,
    text: str = "",
) -> tuple[pd.DataFrame, list[dict]]:
    """Convert a raw table (header names as written, plus ``line``) read as format ``name``.

    Returns the converted table and every problem: the file layer's ``file_problems``
    (Loop's known export bugs named once instead of once per line; FitNotes lines with an
    unquoted comma in the exercise name read again from ``text``, the file's text) and
    the importer's.
    """
    if name == loop.NAME:
        header = [c for c in raw.columns if c != "line"]
        file_problems, refused = loop.file_problems(header, file_problems, len(raw), file)
        if refused:
            return loop.empty_log(), file_problems
    if name == fitnotes.NAME:
        raw, file_problems = fitnotes.rejoin_names(raw, file_problems, text, file=file)
    converted, found = FORMATS[name].to_log(raw, file=file, habit=habit, reading=reading)
    return converted, [*file_problems, *found]


def format_names() -> list[str]:
    """Every format name ``format=`` accepts.

    Examples
    --------
    >>> format_names()
    ['footstats', 'strong', 'hevy', 'fitnotes', 'loop']
    """
    return [FOOTSTATS, *FORMATS]


def importer(name: str) -> ModuleType | None:
    """The importer module of format ``name`` (any case), None for ``"footstats"``.

    Raises
    ------
    ValueError
        ``name`` is not a known format; the message lists the known ones.

    Examples
    --------
    >>> importer("Strong").NAME
    'strong'
    >>> importer("footstats") is None
    True
    """
    key = str(name).strip().casefold()
    if key == FOOTSTATS:
        return None
    if key not in FORMATS:
        raise UsageError(f"unknown format {name!r}: expected one of {', '.join(format_names())}")
    return FORMATS[key]
