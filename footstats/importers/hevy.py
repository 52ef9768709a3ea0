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
from footstats.core.codes import (
    EXPORT_BAD_END,
    EXPORT_BLANK_EXERCISE,
    HEVY_AMBIGUOUS_MONTH,
    HEVY_SET_TYPE,
)
from footstats.core.docstrings import fill_docs
from footstats.core.options import ReadOptions
from footstats.importers import common as C
from footstats.importers import month_names
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
# Month names in the phone's language, read through the CLDR table of month_names
_MONTHS = month_names.month_index()
# a time's month name: its first word, or its second after a number (a day); none when the
# word after the number starts with a digit (2025-01-30 12:34, a date in digits)
_MONTH_WORD = r"^(?:[\d.,:/-]+ )?([^\s\d]\S*|)"
_ENGLISH = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")
_MONTH_WORDS = (
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
)


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
    texts = {key: cols.text(key) for key in ("starttime", "endtime") if key in cols}
    words = {key: month_words(text) for key, text in texts.items()}
    # words only saves work (each would be computed again from its text): no mutant differs
    cached = list(words.values())
    months, ambiguous = month_names_of(list(texts.values()), cached)  # pragma: no mutate
    unclear = {key: _ambiguous(cols, key, words[key], ambiguous) for key in texts}
    english = {k: in_english(t, months, words[k]) for k, t in texts.items()}  # pragma: no mutate
    start = cols.datetimes(
        "starttime",
        _DATE_FORMATS,
        _EXPECTED_TIME,
        written=english["starttime"],
        reported=unclear["starttime"],
    )
    minutes = C.missing_numbers(raw.index)  # pragma: no mutate: None is as missing
    if "endtime" in cols:
        # the workout's minutes: no metric needs them, so problems there keep the sets
        end = cols.datetimes(
            "endtime",
            _DATE_FORMATS,
            _EXPECTED_TIME,
            blank_ok=True,
            optional=True,
            written=english["endtime"],
            reported=unclear["endtime"],
        )
        minutes = (end - start).dt.total_seconds() / 60  # float64, NaN where a date is missing
        early = minutes.lt(0)
        cols.warn(
            early,
            "endtime",
            EXPORT_BAD_END,
            "{value!r} is before the workout's start_time: minutes left blank",
        )
        minutes = minutes.mask(early)
    exercise = cols.exercises("exercisetitle")
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


def month_names_of(
    texts: list[pd.Series], words: list[pd.Series] | None = None
) -> tuple[dict[str, int], dict[str, str]]:
    """The month of each month name in a file's times, and why a name cannot be read.

    Hevy writes the month in the phone's language (``11 Nis 2026``, ``5 Mai 2026``). The
    file's language is any language that has every month name of the file
    (:mod:`footstats.importers.month_names`); a name is read when those languages agree on
    its month, and is *ambiguous* when they do not (``lis``: November in Polish, October in
    Croatian, in a file whose other months are in both). A file whose names fit no one
    language has each name read by every language that has it. A name no language has is
    left as it is (the date is then not read, and said so). ``words``: the
    :func:`month_words` of ``texts``, when known already.

    >>> month_names_of([pd.Series(["28 Şub 2026, 10:05", "3 Mar 2026, 07:20"])])
    ({'şub': 2, 'mar': 3}, {})
    >>> month_names_of([pd.Series(["3 lis 2025, 18:00", "7 lip 2025, 18:00"])])[1]["lip"]
    "'lip' is June in Croatian and July in Polish"
    """
    # words only saves work: the texts' month words, computed here when not given
    words = [month_words(text) for text in texts] if words is None else words  # pragma: no mutate
    found = [month_names.token(word) for each in words for word in each.unique()]
    known = [name for name in dict.fromkeys(found) if name in _MONTHS]
    every = [set(_MONTHS[name]) for name in known]
    languages = set.intersection(*every) if every else set()
    months: dict[str, int] = {}
    ambiguous: dict[str, str] = {}
    for name in known:
        meaning = {
            lang: m for lang, m in _MONTHS[name].items() if lang in languages or not languages
        }
        if len(set(meaning.values())) == 1:
            months[name] = next(iter(meaning.values()))
        else:
            ambiguous[name] = _ambiguity(name, meaning)
    return months, ambiguous


def in_english(
    text: pd.Series, months: dict[str, int], words: pd.Series | None = None
) -> pd.Series:
    """Times with their month name (one of ``months``) written in English, as read
    (``words``: their :func:`month_words`, when known already).

    >>> in_english(pd.Series(["5 fev. 2026, 07:34", "soon"]), {"fev": 2}).tolist()
    ['5 Feb 2026, 07:34', 'soon']
    """
    words = month_words(text) if words is None else words  # pragma: no mutate: saves work
    english = text.copy()
    for word in words.unique():  # a file has a few month names, each written one way
        month = months.get(month_names.token(word))
        if month is not None and word != _ENGLISH[month - 1]:  # English: read as it is
            rows = words.eq(word)
            english[rows] = text[rows].str.replace(word, _ENGLISH[month - 1], n=1)
    return english


def month_words(text: pd.Series) -> pd.Series:
    """The month name of each time as written: its first word that is not a number
    (``Nis`` in ``11 Nis 2026, 13:05``, ``Jul`` in ``Jul 28, 2026, 6:49 PM``); "" when
    there is none (``2025-01-30 12:34``, ``13/09/2021 10:41``).

    >>> month_words(pd.Series(["11 Nis 2026, 13:05", "Jul 28, 2026", "2025-01-30", ""])).tolist()
    ['Nis', 'Jul', '', '']
    """
    codes, times = pd.factorize(text)  # a workout's time is on each of its sets: once each
    # the pattern matches every time (its word may be empty): no NA to fill; pandas infers str
    words = pd.Series(times).str.extract(_MONTH_WORD, expand=False)
    return pd.Series(words.to_numpy()[codes], index=text.index)


def _ambiguity(name: str, meaning: dict[str, int]) -> str:
    by_month: dict[int, list[str]] = {}
    for language in sorted(meaning, key=lambda lang: month_names.LANGUAGES[lang]):
        by_month.setdefault(meaning[language], []).append(month_names.LANGUAGES[language])
    parts = [f"{_MONTH_WORDS[m - 1]} in {' and '.join(langs)}" for m, langs in by_month.items()]
    return f"{name!r} is {' and '.join(parts)}"


def _ambiguous(cols: C.Columns, key: str, words: pd.Series, ambiguous: dict[str, str]) -> pd.Series:
    """Report the times whose month name (of ``words``) is ambiguous; the rows reported."""
    rows = pd.Series(False, index=words.index)
    if not ambiguous:
        return rows
    names = words.map(month_names.token)
    for name, why in ambiguous.items():
        mask = names.eq(name)
        if key == "starttime":
            message = "{value!r}: " + why + ", and the file's other months do not tell which: "
            cols.flag(
                mask, key, HEVY_AMBIGUOUS_MONTH, message + "export again with Hevy set to English"
            )
        else:
            message = "{value!r}: " + why + ": the workout's minutes are left blank"
            cols.warn(mask, key, EXPORT_BAD_END, message)
        rows |= mask
    return rows


IMPORTER = AppImporter(NAME, "Hevy", matches=matches, to_log=to_log, closest=closest)


fill_docs(globals())  # after the definitions, not a decorator: see footstats.core.docstrings
