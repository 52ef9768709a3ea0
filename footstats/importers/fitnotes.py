"""FitNotes (Android) CSV exports: one row per set.

The header variants seen in real exports (Settings > Spreadsheet Export)::

    Date,Exercise,Category,Weight (kg),Reps,Distance,Distance Unit,Time
    Date,Exercise,Category,Weight (kgs),Reps,Distance,Distance Unit,Time,Comment
    Date,Exercise,Category,Weight (lbs),Reps,Distance,Distance Unit,Time,Comment
    Date,Exercise,Category,Weight,Weight Unit,Reps,Distance,Distance Unit,Time,Comment

FitNotes has no workouts: a training day is its ``Date`` (``2024-03-15``), and the sets of
each exercise that day are counted into one log row. ``Reps`` and ``Time`` (a timed set,
``0:01:30``) are taken from the sets (0 means "does not apply" and is left blank); the
``Comment`` goes to ``notes``. Weight, distance and the category are not read.
"""

from __future__ import annotations

import pandas as pd

from .._columns import DATE, EXERCISE, NOTES, REPS, SECONDS, SETS
from . import _common as C

__all__ = ["NAME", "matches", "to_log"]

NAME = "fitnotes"

_DATE_FORMATS = ("%Y-%m-%d",)
_REQUIRED_TITLES = {
    "date": "Date",
    "exercise": "Exercise",
    "category": "Category",
    "reps": "Reps",
}
# every spelling of the weight column FitNotes writes, by the export's unit setting
_ALIASES = C.alias_table(
    {"weight": ("Weight", "Weight (kg)", "Weight (kgs)", "Weight (lbs)", "Weight (lb)")}
)
_KNOWN = {*_REQUIRED_TITLES, "weight", "weightunit", "distance", "distanceunit", "time"}
_KNOWN.add("comment")
# log column -> the key of the FitNotes column it comes from
_SOURCES = {DATE: "date", EXERCISE: "exercise", SETS: "exercise", REPS: "reps", SECONDS: "time"}
_SOURCES[NOTES] = "comment"


def matches(header: list[str], sample: pd.DataFrame | None = None) -> bool:
    """True when ``header`` is a FitNotes export header (any variant).

    Examples
    --------
    >>> matches("Date,Exercise,Category,Weight (kg),Reps,Distance,Distance Unit,Time".split(","))
    True
    >>> matches(["date", "exercise", "sets"])
    False
    """
    return C.matches_known(header, required=set(_REQUIRED_TITLES), known=_KNOWN, aliases=_ALIASES)


def closest(header: list[str]) -> tuple[float, str] | None:
    """How close an unrecognised header is to FitNotes', and what it lacks."""
    return C.closest_known(header, _REQUIRED_TITLES, _KNOWN, "FitNotes", _ALIASES)


def to_log(
    raw: pd.DataFrame, *, file: str, habit: str | None = None, reading: C.Reading = C.READING
) -> tuple[pd.DataFrame, list[dict]]:
    """Convert a FitNotes export's raw table into the footstats log format.

    Parameters
    ----------
    raw : DataFrame
        The file as strings, header names as written, plus an int64 ``line`` column.
    file : str
        The file's name, for the problems.
    habit : None
        Not used (a Loop option); accepted so every importer is called alike.
    reading : Reading
        ``dayfirst`` / ``date_format`` / ``excel_dates`` for dates not written as ISO.

    Returns
    -------
    (DataFrame, list of dict)
        One row per day x exercise with text columns date, exercise, sets, warmup_sets,
        reps, seconds, minutes, notes, workout, workout_notes and the int64 ``line`` of its
        first set; and the problems, naming FitNotes' columns as written.

    Examples
    --------
    >>> raw = pd.DataFrame({"Date": ["2024-03-15"] * 3, "Exercise": ["Calf Raise"] * 3,
    ...     "Category": ["Legs"] * 3, "Reps": ["12", "12", "10"], "line": [2, 3, 4]})
    >>> log, problems = to_log(raw, file="FitNotes_Export.csv")
    >>> log[["date", "exercise", "sets", "reps"]].iloc[0].tolist()
    ['2024-03-15 00:00:00', 'Calf Raise', '3', '10']
    """
    cols = C.Columns(raw, file=file, keys=_KNOWN, aliases=_ALIASES, reading=reading)
    unusable = cols.unusable(_REQUIRED_TITLES, "FitNotes")
    if unusable:
        return C.empty_sets_log(), unusable
    when = cols.datetimes("date", _DATE_FORMATS, "a date like 2024-03-15")
    exercise = cols.text("exercise")
    cols.flag(exercise.eq(""), "exercise", "blank exercise")
    reps = cols.numbers("reps", "reps", whole=True)
    seconds = pd.Series(pd.NA, index=raw.index, dtype="Float64")
    if "time" in cols:
        minutes, wrong = C.parse_duration_minutes(raw[cols.names["time"]])
        cols.flag(wrong, "time", "{value!r} is not a time like 0:01:30 (hours:minutes:seconds)")
        seconds = (minutes * 60).round(6)
    blank = pd.Series("", index=raw.index, dtype="str")
    sets = C.sets_table(
        cols,
        when=when,
        workout=blank,
        exercise=exercise,
        warmup=pd.Series(False, index=raw.index),
        reps=reps,
        seconds=seconds,
        minutes=pd.Series(pd.NA, index=raw.index, dtype="Float64"),
        notes=cols.text("comment", verbatim=True),
        workout_notes=blank,
    )
    log, notices = C.sets_to_log(sets, file=file, written=cols.written(_SOURCES), warmup_value="")
    return log, cols.problems + notices
