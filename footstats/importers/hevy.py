"""Hevy (hevyapp.com) CSV exports: one row per set.

The header::

    "title","start_time","end_time","description","exercise_title","superset_id",
    "exercise_notes","set_index","set_type","weight_kg","reps","distance_km",
    "duration_seconds","rpe"

(``weight_lbs`` / ``distance_miles`` in an export set to imperial units). Times are written
in the phone's locale, like ``30 Jan 2025, 12:34`` or ``Jan 30, 2025, 12:34 PM``.
A workout is one ``start_time`` and ``title``; the sets of
each exercise in it are counted into one log row. ``set_type`` is ``normal``,
``warmup``, ``dropset`` or ``failure``: warm-up sets are not prescribed sets, so
``sets`` counts the normal, drop and failure sets and ``warmup_sets`` the warm-ups (a
notice says how many). Reps and ``duration_seconds`` are taken from the working sets
(0 means "does not apply" and is left blank); ``exercise_notes`` go to ``notes``,
``description`` to ``workout_notes``, ``title`` to ``workout`` and end minus start time
to ``minutes``. Weight, distance, RPE, ``set_index`` and ``superset_id`` are not read.
"""

from __future__ import annotations

from collections.abc import Sequence

import pandas as pd

from footstats.columns import DATE, EXERCISE, MINUTES, NOTES, REPS, SECONDS, SETS
from footstats.core.codes import EXPORT_BAD_END, EXPORT_BLANK_EXERCISE, HEVY_SET_TYPE
from footstats.core.docstrings import fill_docs
from footstats.core.options import ReadOptions
from footstats.importers import common as C
from footstats.importers.base import AppImporter, Export, Imported

__all__ = ["IMPORTER", "NAME", "closest", "matches", "to_log"]

NAME = "hevy"

# Hevy writes start_time in the phone's locale: "28 Jul 2026, 18:49" or
# "Jul 28, 2026, 6:49 PM". The month name makes the order unambiguous.
_DATE_FORMATS = (
    "%d %b %Y, %H:%M",
    "%d %b %Y, %H:%M:%S",
    "%d %b %Y, %I:%M %p",
    "%b %d, %Y, %I:%M %p",
    "%b %d, %Y, %I:%M:%S %p",
    "%b %d, %Y, %H:%M",
    "%d %B %Y, %H:%M",
    "%B %d, %Y, %I:%M %p",
)
_REQUIRED_TITLES = {
    "title": "title",
    "starttime": "start_time",
    "exercisetitle": "exercise_title",
    "settype": "set_type",
    "reps": "reps",
}
_KNOWN = {
    *_REQUIRED_TITLES,
    "endtime",
    "description",
    "supersetid",
    "exercisenotes",
    "setindex",
    "weightkg",
    "weightlbs",
    "distancekm",
    "distancemiles",
    "durationseconds",
    "rpe",
}
_MATCH_REQUIRED = {*_REQUIRED_TITLES, "setindex"}
# log column -> the key of the Hevy column it comes from
_SOURCES = {
    DATE: "starttime",
    EXERCISE: "exercisetitle",
    SETS: "settype",
    REPS: "reps",
    SECONDS: "durationseconds",
    MINUTES: "endtime",
    NOTES: "exercisenotes",
    C.WORKOUT: "title",
    C.WORKOUT_NOTES: "description",
}
_WORKING_TYPES = {"normal", "dropset", "failure"}
_WARMUP_TYPE = "warmup"
_EXPECTED_TIME = "a Hevy time like 30 Jan 2025, 12:34 or Jan 30, 2025, 12:34 PM"


def matches(header: Sequence[str], sample: pd.DataFrame | None = None) -> bool:
    """True when ``header`` is a Hevy export's header (kg or lbs).

    Examples
    --------
    >>> matches(["title", "start_time", "end_time", "description", "exercise_title",
    ...          "superset_id", "exercise_notes", "set_index", "set_type", "weight_lbs",
    ...          "reps", "distance_miles", "duration_seconds", "rpe"])
    True
    >>> matches(["date", "exercise", "sets"])
    False
    """
    return C.matches_known(header, required=_MATCH_REQUIRED, known=_KNOWN)


def closest(header: Sequence[str]) -> tuple[float, str] | None:
    """How close an unrecognised header is to Hevy's, and what it lacks."""
    return C.closest_known(header, _REQUIRED_TITLES, _KNOWN, "Hevy")


def to_log(export: Export, options: ReadOptions = C.READ_AS_WRITTEN) -> Imported:
    """Convert a Hevy export into the footstats log.

    Parameters
    ----------
    {export}
    {importer_options}

    Returns
    -------
    Imported
        ``log``: one row per workout x exercise, typed (:mod:`footstats.importers.base`):
        date, exercise, sets, warmup_sets, reps, seconds, minutes, notes, workout,
        workout_notes and the ``line`` of its first set; ``problems``: the file layer's
        and the importer's, naming Hevy's columns as written.

    Examples
    --------
    >>> raw = pd.DataFrame({"title": ["Feet"] * 3,
    ...     "start_time": ["30 Jan 2025, 18:00"] * 3, "end_time": ["30 Jan 2025, 18:20"] * 3,
    ...     "exercise_title": ["Heel raises"] * 3, "set_type": ["warmup", "normal", "normal"],
    ...     "reps": ["5", "12", "12"], "line": [2, 3, 4]})
    >>> log, problems = to_log(Export(raw, "hevy.csv"))
    >>> print(log[["date", "sets", "warmup_sets", "reps", "minutes"]].to_string(index=False))
                   date  sets  warmup_sets  reps  minutes
    2025-01-30 18:00:00     2            1    12     20.0
    >>> problems[0]["line"], problems[0]["column"], problems[0]["severity"]
    (2, 'set_type', 'notice')
    """
    raw, file = export.raw, export.file
    cols = C.Columns(raw, file=file, keys=_KNOWN, options=options)
    unusable = cols.unusable(_REQUIRED_TITLES, "Hevy")
    if unusable:
        return C.imported(export, C.empty_sets_log(), unusable)
    start = cols.datetimes("starttime", _DATE_FORMATS, _EXPECTED_TIME)
    minutes = C.missing_numbers(raw.index)
    if "endtime" in cols:
        # the workout's minutes: no metric needs them, so problems there keep the sets
        end = cols.datetimes("endtime", _DATE_FORMATS, _EXPECTED_TIME, blank_ok=True, optional=True)
        minutes = (end - start).dt.total_seconds() / 60  # float64, NaN where a date is missing
        early = minutes.lt(0)
        cols.warn(
            early,
            "endtime",
            EXPORT_BAD_END,
            "{value!r} is before the workout's start_time: minutes left blank",
        )
        minutes = minutes.mask(early)
    exercise = cols.text("exercisetitle")
    cols.flag(exercise.eq(""), "exercisetitle", EXPORT_BLANK_EXERCISE, "blank exercise title")
    set_type = cols.text("settype").str.casefold()
    warmup = set_type.eq(_WARMUP_TYPE)
    cols.flag(
        ~(warmup | set_type.isin(_WORKING_TYPES)),
        "settype",
        HEVY_SET_TYPE,
        "{value!r} is not a Hevy set type: expected normal, warmup, dropset or failure",
    )
    sets = C.sets_table(
        cols,
        when=start,
        workout=cols.text("title"),
        exercise=exercise,
        warmup=warmup,
        reps=cols.numbers("reps", "reps", whole=True),
        seconds=cols.numbers("durationseconds", "seconds"),
        minutes=minutes,
        notes=cols.text("exercisenotes", verbatim=True),
        workout_notes=cols.text("description", verbatim=True),
    )
    log, notices = C.sets_to_log(
        sets,
        file=file,
        written=cols.written(_SOURCES),
        warmup_value=_WARMUP_TYPE,
    )
    return C.imported(export, log, cols.problems + notices)


IMPORTER = AppImporter(NAME, "Hevy", matches=matches, to_log=to_log, closest=closest)


fill_docs(globals())  # after the definitions, not a decorator: see footstats.core.docstrings
