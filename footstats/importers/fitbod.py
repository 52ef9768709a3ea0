"""Fitbod (fitbod.me) CSV exports (``WorkoutExport.csv``): one row per set.

Both layouts are read (names matched ignoring case, spaces, hyphens and underscores)::

    Date,Exercise,Reps,Weight(kg),Duration(s),Distance(m),Incline,Resistance,isWarmup,Note,
        multiplier                                                          (current)
    Date,Exercise,Sets,Reps,Weight,isWarmup,Note                            (older)

A workout is one ``Date``: the current export writes the workout's start in UTC
(``2026-06-01 17:05:33 +0000``, the same on every set), the older one the day
(``2019-02-13``). The sets of each exercise in a workout are counted into one log row;
identical rows are identical sets, not repeated lines. ``isWarmup`` (``true``/``false``,
older ``TRUE``/blank) marks warm-up sets, counted apart in ``warmup_sets``; the older
layout's ``Sets`` is how many sets a row stands for (always 1 in real exports). Reps and
``Duration(s)`` (a timed or cardio set, reps 0) are taken from the sets, 0 meaning "does
not apply"; ``Note`` (repeated on each set) goes to ``notes``. Weight, distance, incline,
resistance and ``multiplier`` are not read. Fitbod writes blank lines between workouts:
the file layer's notice says so, nothing is lost.

UTC times are never moved by a guess: without ``timezone=`` they are read as written
(UTC), and a notice says how many workouts start between 00:00 and 06:59 UTC (the evening
before in the Americas, so possibly the day before where the user lives); with
``timezone="America/New_York"`` (``--timezone``) they are read in that zone's local time.
"""

from __future__ import annotations

from collections.abc import Sequence

import pandas as pd

from footstats.columns import DATE, EXERCISE, LINE, NOTES, REPS, SECONDS, SETS
from footstats.core.codes import EXPORT_BAD_WARMUP, EXPORT_BLANK_EXERCISE, EXPORT_UTC_TIMES
from footstats.core.docstrings import fill_docs
from footstats.core.options import ReadOptions, time_zone
from footstats.core.problems import problem
from footstats.importers import common as C
from footstats.importers.base import AppImporter, Export, Imported

__all__ = ["IMPORTER", "NAME", "closest", "matches", "to_log"]

NAME = "fitbod"

_UTC_FORMAT = "%Y-%m-%d %H:%M:%S %z"
_DATE_FORMATS = (_UTC_FORMAT, "%Y-%m-%d")
_EXPECTED = "a Fitbod time like 2026-06-01 17:05:33 +0000 (or a day like 2019-02-13)"
_REQUIRED_TITLES = {
    "date": "Date",
    "exercise": "Exercise",
    "reps": "Reps",
    "iswarmup": "isWarmup",
}
# what every Fitbod export has, for how close another header is to it
_SIGNATURE_TITLES = {**_REQUIRED_TITLES, "note": "Note"}
_CURRENT = {"multiplier", "weight(kg)", "weight(lbs)", "duration(s)", "distance(m)"}
_KNOWN = {*_REQUIRED_TITLES, *_CURRENT, "incline", "resistance", "note", "sets", "weight"}
# log column -> the key of the Fitbod column it comes from
_SOURCES = {
    DATE: "date",
    EXERCISE: "exercise",
    SETS: "iswarmup",
    REPS: "reps",
    SECONDS: "duration(s)",
    NOTES: "note",
}
_WARMUP_MARKS = ("true", "false", "")  # any case; the older export leaves non-warm-ups blank
_EARLY_HOURS = 7  # a workout starting 00:00-06:59 UTC is the evening before in the Americas


def matches(header: Sequence[str], sample: pd.DataFrame | None = None) -> bool:
    """True when ``header`` is a Fitbod export's (either layout).

    Examples
    --------
    >>> matches("Date,Exercise,Reps,Weight(kg),Duration(s),Distance(m),Incline,Resistance,"
    ...         "isWarmup,Note,multiplier".split(","))
    True
    >>> matches("Date,Exercise,Sets,Reps,Weight,isWarmup,Note".split(","))
    True
    >>> matches(["date", "exercise", "sets", "reps"])
    False
    """
    return C.matches_known(header, required=set(_REQUIRED_TITLES), known=_KNOWN)


def closest(header: Sequence[str]) -> tuple[float, str] | None:
    """How close an unrecognised header is to Fitbod's, and what it lacks."""
    return C.closest_known(header, _SIGNATURE_TITLES, _KNOWN, "Fitbod")


def to_log(export: Export, options: ReadOptions = C.READ_AS_WRITTEN) -> Imported:
    """Convert a Fitbod export into the footstats log.

    Parameters
    ----------
    {export}
    options : ReadOptions
        ``timezone``: the IANA time zone to read Fitbod's UTC times in (without it they
        are read as written, with a notice); the date options read an export re-saved by
        a spreadsheet.

    Returns
    -------
    Imported
        ``log``: one row per workout x exercise, typed (:mod:`footstats.importers.base`):
        date, exercise, sets, warmup_sets, reps, seconds, minutes (blank: Fitbod writes no
        workout duration), notes, workout (blank), workout_notes (blank) and the ``line``
        of its first set; ``problems``: the file layer's and the importer's, naming
        Fitbod's columns as written.

    Examples
    --------
    >>> raw = pd.DataFrame({"Date": ["2026-06-01 17:05:33 +0000"] * 3,
    ...     "Exercise": ["Calf Raise"] * 3, "Reps": [" 15", " 12", " 12"],
    ...     "isWarmup": ["true", "false", "false"], "multiplier": [" 2.0"] * 3,
    ...     "line": [2, 3, 4]})
    >>> log, problems = to_log(Export(raw, "WorkoutExport.csv"))
    >>> print(log[["date", "exercise", "sets", "warmup_sets", "reps"]].to_string(index=False))
                   date   exercise  sets  warmup_sets  reps
    2026-06-01 17:05:33 Calf Raise     2            1    12
    """
    raw, file = export.raw, export.file
    cols = C.Columns(raw, file=file, keys=_KNOWN, options=options)
    unusable = cols.unusable(_REQUIRED_TITLES, "Fitbod")
    if unusable:
        return C.imported(export, C.empty_sets_log(), unusable)
    zone = time_zone(options.timezone) if options.timezone else None
    when = cols.datetimes("date", _DATE_FORMATS, _EXPECTED, zone=zone)
    exercise = cols.exercises("exercise")
    cols.flag(exercise.eq(""), "exercise", EXPORT_BLANK_EXERCISE, "blank exercise")
    warmup = _warmups(cols)
    count = cols.numbers("sets", "sets", whole=True).fillna(1)  # the older layout's Sets
    blank = pd.Series("", index=raw.index)  # pandas infers str
    sets = C.sets_table(
        cols,
        when=when,
        workout=blank,
        exercise=exercise,
        warmup=warmup,
        reps=cols.numbers("reps", "reps", whole=True),
        seconds=cols.numbers("duration(s)", "seconds"),
        # None, or missing_numbers(None) (one NA, aligned on the index): as missing
        minutes=C.missing_numbers(raw.index),  # pragma: no mutate: None is as missing
        notes=cols.text("note", verbatim=True),
        workout_notes=blank,
        count=count,
    )
    log, notices = C.sets_to_log(
        sets,
        file=file,
        written=cols.written(_SOURCES),
        warmup_value=cols.text("iswarmup")[warmup].head(1).str.cat(),
    )
    return C.imported(export, log, [*cols.problems, *_utc_notice(cols, when), *notices])


def _warmups(cols: C.Columns) -> pd.Series:
    """The warm-up sets (``isWarmup`` true, any case); a mark that is neither is an error."""
    mark = cols.text("iswarmup").str.casefold()
    cols.flag(
        ~mark.isin(_WARMUP_MARKS),
        "iswarmup",
        EXPORT_BAD_WARMUP,
        "{value!r} is not a Fitbod warm-up mark: expected true or false (or blank)",
    )
    return mark.eq("true")


def _utc_notice(cols: C.Columns, when: pd.Series) -> list[dict]:
    """How Fitbod's UTC times were read: as written, with how many workouts start between
    00:00 and 06:59 UTC; or in the time zone given, with how many changed day."""
    column = cols.raw[cols.names["date"]]
    utc = C.parse_datetimes(column, (_UTC_FORMAT,))
    read = utc.notna() & ~cols.bad
    if not read.any():  # the older layout (days) or no time read: nothing was in UTC
        return []
    # a workout per UTC time: its local time is the UTC time's, so rows alike are the same time
    workouts = pd.DataFrame({"utc": utc[read], "local": when[read]}).drop_duplicates()
    zone = cols.options.timezone
    if zone is None:
        early = int(workouts["utc"].dt.hour.lt(_EARLY_HOURS).sum())
        message = (
            f"Fitbod writes its times in UTC (+0000), read as written: {early} of "
            f"{len(workouts)} workout(s) start between 00:00 and 06:59 UTC, the evening "
            "before in much of the Americas; pass timezone= (--timezone, an IANA name like "
            "America/New_York) to read them on the day they were where you live"
        )
    else:
        moved = int(workouts["utc"].dt.date.ne(workouts["local"].dt.date).sum())
        message = (
            f"Fitbod writes its times in UTC (+0000): read in {zone}, so {moved} of "
            f"{len(workouts)} workout(s) fall on another day than in UTC"
        )
    line = int(cols.raw.loc[read, LINE].iloc[0])
    return [problem(cols.file, line, cols.names["date"], "", EXPORT_UTC_TIMES, message)]


IMPORTER = AppImporter(NAME, "Fitbod", matches=matches, to_log=to_log, closest=closest)

fill_docs(globals())  # after the definitions, not a decorator: see footstats.core.docstrings
