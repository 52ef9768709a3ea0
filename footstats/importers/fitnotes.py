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

FitNotes writes exercise names without quotes, so a name with a comma
(``Overhead Press (Each Side, Dumbbells)``) gives its line one value too many:
:func:`rejoin_names` reads such lines with the extra values joined back into the
exercise name, with a notice, instead of refusing or shifting them.
"""

from __future__ import annotations

import csv
from collections.abc import Sequence

import pandas as pd

from footstats.columns import DATE, ERROR, EXERCISE, LINE, NOTES, REPS, SECONDS, SETS
from footstats.core.codes import EXPORT_BAD_TIME, EXPORT_BLANK_EXERCISE, FITNOTES_COMMA_NAME
from footstats.core.docstrings import fill_docs
from footstats.core.options import ReadOptions
from footstats.core.problems import line_list, problem
from footstats.importers import common as C
from footstats.importers.base import AppImporter, Export, Imported

__all__ = ["IMPORTER", "NAME", "closest", "day_log", "matches", "rejoin_names", "to_log"]

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


def matches(header: Sequence[str], sample: pd.DataFrame | None = None) -> bool:
    """True when ``header`` is a FitNotes export header (any variant).

    Examples
    --------
    >>> matches("Date,Exercise,Category,Weight (kg),Reps,Distance,Distance Unit,Time".split(","))
    True
    >>> matches(["date", "exercise", "sets"])
    False
    """
    return C.matches_known(header, required=set(_REQUIRED_TITLES), known=_KNOWN, aliases=_ALIASES)


def closest(header: Sequence[str]) -> tuple[float, str] | None:
    """How close an unrecognised header is to FitNotes', and what it lacks (None for a
    header with ``Kind``, FitNotes for iOS's column: that app's importer says it)."""
    if "kind" in C.header_keys(header):
        return None
    return C.closest_known(header, _REQUIRED_TITLES, _KNOWN, "FitNotes", _ALIASES)


def to_log(export: Export, options: ReadOptions = C.READ_AS_WRITTEN) -> Imported:
    """Convert a FitNotes export into the footstats log.

    Lines with an unquoted comma in the exercise name are read again from the file's text
    first (:func:`rejoin_names`).

    Parameters
    ----------
    {export}
    {importer_options}

    Returns
    -------
    Imported
        ``log``: one row per day x exercise, typed (:mod:`footstats.importers.base`):
        date (the day, at midnight), exercise, sets, warmup_sets (0: FitNotes has no
        warm-ups), reps, seconds, minutes, notes, workout, workout_notes and the ``line``
        of its first set; ``problems``: the file layer's and the importer's, naming
        FitNotes' columns as written.

    Examples
    --------
    >>> raw = pd.DataFrame({"Date": ["2024-03-15"] * 3, "Exercise": ["Calf Raise"] * 3,
    ...     "Category": ["Legs"] * 3, "Reps": ["12", "12", "10"], "line": [2, 3, 4]})
    >>> log, problems = to_log(Export(raw, "FitNotes_Export.csv"))
    >>> print(log[["date", "exercise", "sets", "reps"]].to_string(index=False))
          date   exercise  sets  reps
    2024-03-15 Calf Raise     3    10
    """
    file = export.file
    raw, file_problems = rejoin_names(export.raw, export.problems, export.text, file=file)
    cols = C.Columns(raw, file=file, keys=_KNOWN, aliases=_ALIASES, options=options)
    unusable = cols.unusable(_REQUIRED_TITLES, "FitNotes")
    if unusable:
        return Imported(C.empty_sets_log(), [*file_problems, *unusable])
    log, notices = day_log(cols, notes="comment", sources=_SOURCES)
    return Imported(log, [*file_problems, *cols.problems, *notices])


def day_log(
    cols: C.Columns, *, notes: str, sources: dict[str, str]
) -> tuple[pd.DataFrame, list[dict]]:
    """The log of a FitNotes export (Android's or iOS's), one row per day x exercise.

    ``notes`` is the key of the column with each set's note; ``sources`` maps log columns
    to the keys of the columns they come from. The errors go to ``cols``; the notices of
    :func:`footstats.importers.common.sets_to_log` are returned with the log.
    """
    raw = cols.raw
    when = cols.datetimes("date", _DATE_FORMATS, "a date like 2024-03-15")
    exercise = cols.exercises("exercise")
    cols.flag(exercise.eq(""), "exercise", EXPORT_BLANK_EXERCISE, "blank exercise")
    reps = cols.numbers("reps", "reps", whole=True)
    # None, or missing_numbers(None) (one NA, aligned on the index): as missing
    seconds = C.missing_numbers(raw.index)  # pragma: no mutate: None is as missing
    if "time" in cols:
        minutes, wrong = C.parse_duration_minutes(raw[cols.names["time"]])
        cols.flag(
            wrong,
            "time",
            EXPORT_BAD_TIME,
            "{value!r} is not a time like 0:01:30 (hours:minutes:seconds)",
        )
        seconds = minutes * 60  # 31 s is 30.999999999999996: rounded to 31 in the log
    blank = pd.Series("", index=raw.index)  # pandas infers str
    sets = C.sets_table(
        cols,
        when=when,
        workout=blank,
        exercise=exercise,
        warmup=pd.Series(False, index=raw.index),
        reps=reps,
        seconds=seconds,
        # None, or missing_numbers(None) (one NA, aligned on the index): as missing
        minutes=C.missing_numbers(raw.index),  # pragma: no mutate: None is as missing
        notes=cols.text(notes, verbatim=True),
        workout_notes=blank,
    )
    return C.sets_to_log(sets, file=cols.file, written=cols.written(sources))  # no warm-ups


def rejoin_names(
    raw: pd.DataFrame, file_problems: list[dict], text: str, *, file: str
) -> tuple[pd.DataFrame, list[dict]]:
    """Lines with one value too many, read with the extra values in the exercise name.

    ``text`` is the file's text (FitNotes writes one line per set, no line breaks inside
    values). The file layer refused such a line, or, when its last values were blank,
    read it shifted by one column as a trailing delimiter: either way the line is read
    again here and replaces what the file layer made of it.
    """
    exercise = C.find_columns(raw, {"exercise"}, _ALIASES).get("exercise")
    names = [c for c in raw.columns if c != LINE]
    if exercise is None or not text:
        return raw, file_problems
    lines = pd.Series(text.split("\n"), dtype="str")
    wide = lines.index[lines.str.count(",").gt(len(names) - 1)]
    rows = []
    at = names.index(exercise)
    for index in wide[wide > 0]:
        fields = next(csv.reader([lines[index].rstrip("\r")]), [])
        extra = len(fields) - len(names)
        if extra > 0:
            joined = ",".join(fields[at : at + extra + 1])
            rows.append([*fields[:at], joined, *fields[at + extra + 1 :], int(index) + 1])
    if not rows:
        return raw, file_problems
    added = pd.DataFrame(rows, columns=raw.columns).astype({LINE: "int64"})
    where = added[LINE].tolist()
    kept = raw[~raw[LINE].isin(where)].astype({c: "str" for c in names})
    table = pd.concat([kept, added], ignore_index=True)
    table = table.sort_values(LINE, kind="stable", ignore_index=True)
    notice = problem(
        file,
        where[0],
        exercise,
        "",
        FITNOTES_COMMA_NAME,
        f"{len(where)} line(s) have a comma in the exercise name, which FitNotes writes "
        f"without quotes (lines {line_list(where)}): read with the comma kept in the name",
    )
    refused = {line for line in where}
    rest = [
        p
        for p in file_problems
        if not (p["line"] in refused and p["severity"] == ERROR)
        and "a trailing delimiter" not in p["message"]
    ]
    return table, [*rest, notice]


IMPORTER = AppImporter(NAME, "FitNotes", matches=matches, to_log=to_log, closest=closest)

fill_docs(globals())  # after the definitions, not a decorator: see footstats.core.docstrings
