"""Strong (strong.app) CSV exports: one row per set.

Three header variants are known (the last one ``;``-separated, sometimes followed by
``;Workout Duration``)::

    Date,Workout Name,Duration,Exercise Name,Set Order,Weight,Reps,Distance,Seconds,
        Notes,Workout Notes,RPE
    Date,Workout Name,Duration,Exercise Name,Set Order,Weight,Reps,Distance,Seconds,RPE
    Date;Workout Name;Exercise Name;Set Order;Weight;Weight Unit;Reps;RPE;Distance;
        Distance Unit;Seconds;Notes;Workout Notes

A workout is one ``Date`` (its start, ``2025-01-30 12:34:56`` or with a 12-hour clock
``2025-01-30 12:34:56 pm``) and ``Workout Name``. The sets of each exercise in a workout
are counted into one log row; reps and seconds are taken from the sets (Strong writes
0 where a field does not apply: left blank); set notes go to ``notes``, workout notes
to ``workout_notes``, the workout name to ``workout`` and ``Duration`` (``1h 5m``) to
``minutes``. Weight, distance and RPE are not part of the footstats log and are not read.

``Set Order`` is the set's number; ``W`` marks a warm-up set (counted apart in
``warmup_sets``, not a prescribed set), ``D`` and ``F`` a drop or failure set (counted),
and ``Rest Timer`` one of Strong's rest-timer rows, which is not a set (skipped, with a
notice). Anything else there is an error.
"""

from __future__ import annotations

import pandas as pd

from .._columns import DATE, EXERCISE, LINE, MINUTES, NOTES, REPS, SECONDS, SETS
from . import _common as C

__all__ = ["NAME", "matches", "to_log"]

NAME = "strong"

_DATE_FORMATS = (
    "%Y-%m-%d %H:%M:%S",
    "%Y-%m-%d %I:%M:%S %p",
    "%Y-%m-%d %H:%M",
    "%Y-%m-%d %I:%M %p",
)
_REQUIRED_TITLES = {
    "date": "Date",
    "workoutname": "Workout Name",
    "exercisename": "Exercise Name",
    "setorder": "Set Order",
    "reps": "Reps",
}
_REQUIRED = set(_REQUIRED_TITLES)
_KNOWN = _REQUIRED | {
    "duration",
    "workoutduration",
    "weight",
    "weightunit",
    "distance",
    "distanceunit",
    "seconds",
    "notes",
    "workoutnotes",
    "rpe",
}
# log column -> the key of the Strong column it comes from
_SOURCES = {
    DATE: "date",
    EXERCISE: "exercisename",
    SETS: "setorder",
    REPS: "reps",
    SECONDS: "seconds",
    NOTES: "notes",
    C.WORKOUT: "workoutname",
    C.WORKOUT_NOTES: "workoutnotes",
}
_WARMUP_MARKS = {"w"}
_WORKING_MARKS = {"d", "f"}
_REST_TIMER = "rest timer"


def matches(header: list[str]) -> bool:
    """True when ``header`` is one of Strong's export headers (any of the variants).

    Examples
    --------
    >>> matches("Date,Workout Name,Duration,Exercise Name,Set Order,Weight,Reps,"
    ...         "Distance,Seconds,RPE".split(","))
    True
    >>> matches(["date", "exercise", "sets"])
    False
    """
    return C.matches_known(header, required=_REQUIRED, known=_KNOWN)


def to_log(
    raw: pd.DataFrame, *, file: str, habit: str | None = None
) -> tuple[pd.DataFrame, list[dict]]:
    """Convert a Strong export's raw table into the footstats log format.

    Parameters
    ----------
    raw : DataFrame
        The file as strings, header names as written, plus an int64 ``line`` column.
    file : str
        The file's name, for the problems.
    habit : None
        Not used (a Loop option); accepted so every importer is called alike.

    Returns
    -------
    (DataFrame, list of dict)
        One row per workout x exercise with text columns date, exercise, sets,
        warmup_sets, reps, seconds, minutes, notes, workout, workout_notes and the int64
        ``line`` of its first set; and the problems (file, line, column, value, severity,
        message), naming Strong's columns as written.

    Examples
    --------
    >>> raw = pd.DataFrame({"Date": ["2025-01-30 7:05:00 pm"] * 2,
    ...     "Workout Name": ["Feet"] * 2, "Exercise Name": ["Heel raises"] * 2,
    ...     "Set Order": ["1", "2"], "Reps": ["12", "10"], "line": [2, 3]})
    >>> log, problems = to_log(raw, file="strong.csv")
    >>> log[["date", "exercise", "sets", "reps"]].iloc[0].tolist()
    ['2025-01-30 19:05:00', 'Heel raises', '2', '10']
    """
    cols = C.Columns(raw, file=file, keys=_KNOWN)
    unusable = cols.unusable(_REQUIRED_TITLES, "Strong")
    if unusable:
        return C.empty_sets_log(), unusable
    order = cols.text("setorder").str.casefold()
    rest = order.eq(_REST_TIMER)
    cols.skip(rest)
    problems = C.summary_notice(
        file,
        raw.loc[rest, LINE].tolist(),
        cols.names["setorder"],
        "Rest Timer",
        "skipped {n} Rest Timer row(s) (lines {lines}): Strong's rest timer, not a set",
    )
    warmup = order.isin(_WARMUP_MARKS)
    known = order.str.fullmatch(r"\d+") | order.isin(_WORKING_MARKS) | warmup | rest
    cols.flag(
        ~known,
        "setorder",
        "{value!r} is not a Strong set order: expected a set number, W (warm-up), "
        "D (drop set), F (failure) or Rest Timer",
    )
    when = cols.datetimes(
        "date", _DATE_FORMATS, "a date and time like 2025-01-30 12:34:56 or 2025-01-30 12:34:56 pm"
    )
    exercise = cols.text("exercisename")
    cols.flag(exercise.eq(""), "exercisename", "blank exercise name")
    reps = cols.numbers("reps", "reps", whole=True)
    seconds = cols.numbers("seconds", "seconds", whole=False)
    duration = next((k for k in ("duration", "workoutduration") if k in cols), None)
    minutes = pd.Series(pd.NA, index=raw.index, dtype="Float64")
    if duration is not None:
        minutes, wrong = C.parse_duration_minutes(raw[cols.names[duration]])
        cols.flag(wrong, duration, "{value!r} is not a duration like 1h 5m or 45m")
    sets = C.sets_table(
        cols,
        when=when,
        workout=cols.text("workoutname"),
        exercise=exercise,
        warmup=warmup,
        reps=reps,
        seconds=seconds,
        minutes=minutes,
        notes=cols.text("notes", verbatim=True),
        workout_notes=cols.text("workoutnotes", verbatim=True),
    )
    log, notices = C.sets_to_log(
        sets,
        file=file,
        written=cols.written({**_SOURCES, MINUTES: duration or "duration"}),
        warmup_value="W",
    )
    return log, cols.problems + problems + notices
