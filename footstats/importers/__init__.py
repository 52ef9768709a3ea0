"""Readers of other apps' exports, each producing the footstats log format.

One module per foreign format and this small explicit dispatcher (no import by name).
Each module has ``NAME``, ``matches(header) -> bool`` and
``to_log(raw, *, file, habit=None) -> (raw table in the footstats log format, problems)``;
see :mod:`footstats.importers._common` for what the raw tables hold.

=========  ======================================================================
format     what it reads
=========  ======================================================================
footstats  a footstats log (the default; read by :mod:`footstats.log` itself)
strong     Strong exports (three header variants; one row per set)
hevy       Hevy exports (kg or lbs; one row per set; warm-up sets counted apart)
loop       Loop Habit Tracker ``Checkmarks.csv`` (needs ``habit=``; sessions only)
=========  ======================================================================
"""

from __future__ import annotations

from types import ModuleType

from . import hevy, loop, strong

__all__ = ["FOOTSTATS", "FORMATS", "detect_format", "format_names", "importer"]

FOOTSTATS = "footstats"

# format name -> importer module, in the order headers are tried (Loop's header is the
# loosest, so it comes last).
FORMATS: dict[str, ModuleType] = {module.NAME: module for module in (strong, hevy, loop)}


def detect_format(header: list[str]) -> str:
    """The name of the format whose header this is; ``"footstats"`` when none matches.

    ``header`` is the header line's names as written, including a blank last name left by
    a trailing delimiter (Loop's ``Checkmarks.csv`` is recognised by it).

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
        if module.matches(header):
            return name
    return FOOTSTATS


def format_names() -> list[str]:
    """Every format name ``format=`` accepts.

    Examples
    --------
    >>> format_names()
    ['footstats', 'strong', 'hevy', 'loop']
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
        raise ValueError(f"unknown format {name!r}: expected one of {', '.join(format_names())}")
    return FORMATS[key]
