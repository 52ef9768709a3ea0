"""Readers of other apps' exports, each producing the footstats log, typed.

One module per app (each makes an :class:`~footstats.importers.base.Importer`, the
contract in :mod:`footstats.importers.base`), shared helpers in
:mod:`footstats.importers.common`, and here the explicit registry (:data:`IMPORTERS`, in
the order headers are tried) and the dispatch functions, which only call the importers'
hooks: no app is named outside its own module.

============  ===================================================================
format        what it reads
============  ===================================================================
footstats     a footstats log (the default; read by :mod:`footstats.reading.log`)
fitbod        Fitbod's WorkoutExport.csv, both layouts (UTC times; ``timezone=``)
fitnotes_ios  FitNotes for iOS exports (one row per set)
strong        Strong exports (every header generation, English, German, French,
              Chinese and Portuguese headers, others by their structure; rest timers
              in any language; the semicolon export's words and Note rows)
hevy          Hevy exports (kg or lbs, either locale's times, month names in 21
              languages; warm-up sets apart)
fitnotes      FitNotes (Android) exports (each weight-unit variant; one row per set)
loop          Loop Habit Tracker checkmarks (multi-habit file with ``habit=``, a
              habit's own file, old header-less files, the unzipped export folder;
              sessions only)
============  ===================================================================

Apps whose files are recognised only to say they are not read, and what to do instead,
are in :mod:`footstats.importers.not_read`; docs/exports.md shows every format.
"""

from __future__ import annotations

from collections.abc import Sequence
from os import PathLike
from pathlib import Path

import pandas as pd

from footstats.core.options import ReadOptions
from footstats.errors import UsageError
from footstats.importers import fitbod, fitnotes, fitnotes_ios, hevy, loop, strong
from footstats.importers.base import Export, Imported, Importer
from footstats.importers.not_read import not_read

__all__ = ["FOOTSTATS", "IMPORTERS", "Export", "Imported", "Importer", "closest_format"]
__all__ += ["detect", "export_file", "format_names", "importer", "not_read"]

FOOTSTATS = "footstats"

# Every importer, in the order headers are tried: exact headers first (Fitbod's older
# layout, Date,Exercise,Sets,Reps,..., before anything a footstats log could be), Loop's
# (the loosest, a date and any names) last.
IMPORTERS: tuple[Importer, ...] = (
    fitbod.IMPORTER,
    fitnotes_ios.IMPORTER,
    strong.IMPORTER,
    hevy.IMPORTER,
    fitnotes.IMPORTER,
    loop.IMPORTER,
)


def detect(header: Sequence[str], sample: pd.DataFrame | None = None) -> Importer | None:
    """The importer whose export this header is; None for a footstats log (none matches).

    ``header`` is the header line's names as written, including a blank last name left by
    a trailing delimiter (Loop's ``Checkmarks.csv`` is recognised by it). ``sample``, the
    first rows (columns by position), lets a Strong header in an unknown language be
    recognised by its structure.

    Examples
    --------
    >>> detect(["title", "start_time", "end_time", "description", "exercise_title",
    ...         "superset_id", "exercise_notes", "set_index", "set_type", "weight_kg",
    ...         "reps", "distance_km", "duration_seconds", "rpe"]).name
    'hevy'
    >>> detect(["date", "exercise", "sets", "reps"]) is None
    True
    """
    return next((found for found in IMPORTERS if found.matches(header, sample)), None)


def closest_format(header: Sequence[str]) -> str | None:
    """For a header no importer matches: the app export it is closest to, and what it lacks.

    Examples
    --------
    >>> closest_format(["Date", "Workout Name", "Exercise Name", "Reps", "Weight"])
    "a Strong export without 'Set Order' column(s)"
    >>> closest_format(["date", "exercise", "sets"]) is None
    True
    """
    found = [close for close in (each.closest(header) for each in IMPORTERS) if close]
    return max(found, key=lambda close: close[0])[1] if found else None


def export_file(folder: str | PathLike[str], options: ReadOptions) -> Path | None:
    """The file to read in ``folder`` when it is an app's unzipped export, else None.

    Examples
    --------
    >>> export_file(".", ReadOptions()) is None
    True
    """
    path = Path(folder)
    return next(
        (file for each in IMPORTERS if (file := each.export_file(path, options)) is not None),
        None,
    )


def format_names() -> list[str]:
    """Every format name ``format=`` accepts.

    Examples
    --------
    >>> format_names()
    ['footstats', 'fitbod', 'fitnotes_ios', 'strong', 'hevy', 'fitnotes', 'loop']
    """
    return [FOOTSTATS, *(each.name for each in IMPORTERS)]


def importer(name: str) -> Importer | None:
    """The importer of format ``name`` (any case), None for ``"footstats"``.

    Raises
    ------
    UsageError
        ``name`` is not a known format; the message lists the known ones.

    Examples
    --------
    >>> importer("Strong").app
    'Strong'
    >>> importer("footstats") is None
    True
    """
    key = str(name).strip().casefold()
    if key == FOOTSTATS:
        return None
    found = next((each for each in IMPORTERS if each.name == key), None)
    if found is None:
        raise UsageError(f"unknown format {name!r}: expected one of {', '.join(format_names())}")
    return found
