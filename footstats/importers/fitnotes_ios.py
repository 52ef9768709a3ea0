"""FitNotes for iOS ("FitNotes 2", a different app from Android's FitNotes): one row per set.

Its CSV export (as the app's own documentation gives it)::

    Date,Exercise,Category,Weight (kg),Weight (lbs),Reps,Distance,Distance Unit,Time,Notes,
        Kind

FitNotes has no workouts: a training day is its ``Date`` (``2026-05-04``), and the sets of
each exercise that day are counted into one log row. One of the two weight columns is
filled, by the exercise's unit; ``Time`` is a timed set (``00:01:00``, or ``01:00``) and
``Notes`` each set's note, both taken as Android's FitNotes takes ``Time`` and
``Comment`` (:func:`footstats.importers.fitnotes.day_log`). ``Kind`` (the exercise's
measures: ``wr`` weight and reps, ``t`` time, ``dt`` distance and time), the weights, the
distance and the category are not read. The app has warm-ups, RPE and supersets, but its
CSV does not write them.

It is recognised by ``Kind``, or by both weight columns (Android's FitNotes writes one).
"""

from __future__ import annotations

from collections.abc import Sequence

import pandas as pd

from footstats.columns import DATE, EXERCISE, NOTES, REPS, SECONDS, SETS
from footstats.core.docstrings import fill_docs
from footstats.core.options import ReadOptions
from footstats.importers import common as C
from footstats.importers.base import AppImporter, Export, Imported
from footstats.importers.fitnotes import day_log

__all__ = ["IMPORTER", "NAME", "closest", "matches", "to_log"]

NAME = "fitnotes_ios"

_REQUIRED_TITLES = {"date": "Date", "exercise": "Exercise", "reps": "Reps"}
# what every export of the app has, for how close another header is to it
_SIGNATURE_TITLES = {**_REQUIRED_TITLES, "category": "Category", "kind": "Kind"}
_WEIGHTS = {"weight(kg)", "weight(lbs)"}
_KNOWN = {*_SIGNATURE_TITLES, *_WEIGHTS, "distance", "distanceunit", "time", "notes"}
# log column -> the key of the column it comes from
_SOURCES = {
    DATE: "date",
    EXERCISE: "exercise",
    SETS: "exercise",
    REPS: "reps",
    SECONDS: "time",
    NOTES: "notes",
}


def matches(header: Sequence[str], sample: pd.DataFrame | None = None) -> bool:
    """True when ``header`` is FitNotes for iOS's: ``Kind``, or both weight columns.

    Examples
    --------
    >>> matches("Date,Exercise,Category,Weight (kg),Weight (lbs),Reps,Distance,"
    ...         "Distance Unit,Time,Notes,Kind".split(","))
    True
    >>> matches("Date,Exercise,Category,Weight (kg),Reps,Distance,Distance Unit,Time".split(","))
    False
    """
    keys = set(C.header_keys(header))
    ios = "kind" in keys or keys >= _WEIGHTS
    return ios and C.matches_known(header, required=set(_REQUIRED_TITLES), known=_KNOWN)


def closest(header: Sequence[str]) -> tuple[float, str] | None:
    """How close an unrecognised header is to FitNotes for iOS's, and what it lacks."""
    return C.closest_known(header, _SIGNATURE_TITLES, _KNOWN, "FitNotes for iOS")


def to_log(export: Export, options: ReadOptions = C.READ_AS_WRITTEN) -> Imported:
    """Convert a FitNotes for iOS export into the footstats log.

    Parameters
    ----------
    {export}
    {importer_options}

    Returns
    -------
    Imported
        ``log``: one row per day x exercise, typed (:mod:`footstats.importers.base`), as
        Android FitNotes' (:func:`footstats.importers.fitnotes.to_log`); ``problems``: the
        file layer's and the importer's, naming the export's columns as written.

    Examples
    --------
    >>> raw = pd.DataFrame({"Date": ["2026-05-04"] * 2, "Exercise": ["Calf Raise"] * 2,
    ...     "Reps": ["12", "10"], "Time": ["", ""], "Notes": ["", "slow"],
    ...     "Kind": ["wr", "wr"], "line": [2, 3]})
    >>> log, problems = to_log(Export(raw, "FitNotes.csv"))
    >>> print(log[["date", "exercise", "sets", "reps", "notes"]].to_string(index=False))
          date   exercise  sets  reps notes
    2026-05-04 Calf Raise     2    10  slow
    """
    cols = C.Columns(export.raw, file=export.file, keys=_KNOWN, options=options)
    unusable = cols.unusable(_REQUIRED_TITLES, "FitNotes for iOS")
    if unusable:
        return C.imported(export, C.empty_sets_log(), unusable)
    log, notices = day_log(cols, notes="notes", sources=_SOURCES)
    return C.imported(export, log, [*cols.problems, *notices])


IMPORTER = AppImporter(NAME, "FitNotes for iOS", matches=matches, to_log=to_log, closest=closest)

fill_docs(globals())  # after the definitions, not a decorator: see footstats.core.docstrings
