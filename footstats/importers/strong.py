"""Strong (strong.app) CSV exports: one row per set.

Every generation of the export is read (the names below are matched ignoring case,
spaces, hyphens and underscores)::

    Date,Workout Name,Duration,Exercise Name,Set Order,Weight,Reps,Distance,Seconds,
        Notes,Workout Notes,RPE                                  (also without Notes)
    Date;Workout Name;Exercise Name;Set Order;Weight;Weight Unit;Reps;RPE;Distance;
        Distance Unit;Seconds;Notes;Workout Notes[;Workout Duration]
    "Workout #";"Date";"Workout Name";"Duration (sec)";"Exercise Name";"Set Order";
        "Weight (kg)";"Reps";"RPE";"Distance (meters)";"Seconds";"Notes";"Workout Notes"
    Date,Workout Name,Exercise Name,Set Order,kg,Reps,km,Seconds,Notes      (the oldest,
        also Date,Workout Name,Exercise Name,Set Order,lb,Reps,mi,Seconds)

Strong writes the header in the phone's language: :data:`HEADERS` holds every spelling
known (English, German, French, Chinese, Portuguese); a header in another language is
recognised by Strong's structure (10 or 12 columns, a timestamp first, a set order
fifth) and read by Strong's column order, with a notice.

A workout is one ``Date`` (its start, ``2025-01-30 12:34:56`` or with a 12-hour clock
``2025-01-30 12:34:56 pm``) and ``Workout Name``. The sets of each exercise in a workout
are counted into one log row; reps and seconds are taken from the sets (Strong writes
0 where a field does not apply: left blank); set notes go to ``notes``, workout notes
to ``workout_notes``, the workout name to ``workout`` and the duration (``1h 5m``,
``32s``, ``1小时13分钟``, or ``Duration (sec)`` seconds) to ``minutes``. No metric needs
the duration: a value that cannot be read is a warning and the row's sets still count.
Weight, distance and RPE are not part of the footstats log and are not read.

``Set Order`` is the set's number (from 0 or 1); ``W`` marks a warm-up set (counted apart
in ``warmup_sets``, not a prescribed set), ``D`` and ``F`` a drop or failure set
(counted), and ``Rest Timer`` (``Ruhezeit``) one of Strong's rest-timer rows, which is not
a set (skipped, with a notice). Anything else there is an error.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence

import pandas as pd

from footstats.columns import (
    DATE,
    EXERCISE,
    LINE,
    MINUTES,
    NOTES,
    REPS,
    SECONDS,
    SETS,
    header_key,
)
from footstats.core.codes import (
    EXPORT_BAD_DURATION,
    EXPORT_BLANK_EXERCISE,
    STRONG_HEADER_LANGUAGE,
    STRONG_NOTE_ROWS,
    STRONG_REST_TIMER,
    STRONG_SET_ORDER,
)
from footstats.core.docstrings import fill_docs
from footstats.core.options import ReadOptions
from footstats.core.problems import line_list, problem
from footstats.importers import common as C
from footstats.importers.base import AppImporter, Export, Imported

__all__ = ["IMPORTER", "NAME", "closest", "matches", "to_log"]

NAME = "strong"

_DATE_FORMATS = (
    "%Y-%m-%d %H:%M:%S",
    "%Y-%m-%d %I:%M:%S %p",
    "%Y-%m-%d %H:%M",
    "%Y-%m-%d %I:%M %p",
)
# Strong writes its header in the phone's language. Each column's key -> every spelling
# seen in real exports or in public code that reads them (data, not branches: add a
# language by adding its names here). Sources, by language:
#   German, French: real exports in public repositories (tests/fixtures/exports/SOURCES.md);
#   Chinese: issue 9;
#   Portuguese: the Strong CSV reader of gustavosinacio/ada-back
#     (src/ReadStrongCSVFileService/index.ts: Data, Nome do treino, Nome do exercício,
#     Ordem da série, Peso, Reps, Distância, Segundos, Notas, Notas do treino, RPE) and a
#     public Python script quoting the whole 12-column header (with "Duração").
# The semicolon export names its units ("Weight (kg)", "Duration (sec)"); the oldest
# export wrote only the units ("kg", "km"; "lb", "mi" in marcpare/body data/strong.csv).
HEADERS: dict[str, tuple[str, ...]] = {
    "date": ("Date", "Datum", "日期", "Data"),
    "workoutname": (
        "Workout Name",
        "Workout-Name",
        "Nom de l'entraînement",
        "锻炼名称",
        "Nome do treino",
    ),
    "duration": ("Duration", "Dauer", "Durée", "时长", "Duração"),
    "durationsec": ("Duration (sec)", "Duration (seconds)"),
    "workoutduration": ("Workout Duration",),
    "exercisename": (
        "Exercise Name",
        "Name der Übung",
        "Nom de l'exercice",
        "运动名称",
        "Nome do exercício",
    ),
    "setorder": (
        "Set Order",
        "Reihenfolge festlegen",
        "Ordre de la série",
        "设置顺序",
        "Ordem da série",
    ),
    "weight": (
        "Weight",
        "Gewicht",
        "Poids",
        "重量",
        "Peso",
        "Weight (kg)",
        "Weight (lbs)",
        "kg",
        "lbs",
        "lb",
    ),
    "weightunit": ("Weight Unit",),
    "reps": ("Reps", "Wiederh.", "Réps", "次"),
    "distance": (
        "Distance",
        "Entfernung",
        "距离",
        "Distância",
        "Distance (meters)",
        "Distance (km)",
        "Distance (miles)",
        "km",
        "mi",
        "miles",
    ),
    "distanceunit": ("Distance Unit",),
    "seconds": ("Seconds", "Sekunden", "Secondes", "秒", "Segundos"),
    "notes": ("Notes", "Notizen", "备注", "Notas"),
    "workoutnotes": (
        "Workout Notes",
        "Workout-Notizen",
        "Notes d'entraînement",
        "锻炼备注",
        "Notas do treino",
    ),
    "rpe": ("RPE",),
    "workoutnumber": ("Workout #",),
}
_ALIASES = C.alias_table(HEADERS)
# Strong's own column order, for a header in a language not in HEADERS (recognised by
# its structure: this many columns, a timestamp first, a set order in its place).
_ORDER_12 = (
    "date",
    "workoutname",
    "duration",
    "exercisename",
    "setorder",
    "weight",
    "reps",
    "distance",
    "seconds",
    "notes",
    "workoutnotes",
    "rpe",
)
_ORDER_10 = (*_ORDER_12[:9], "rpe")
_ORDERS = {len(order): order for order in (_ORDER_12, _ORDER_10)}
_REQUIRED_TITLES = {
    "date": "Date",
    "workoutname": "Workout Name",
    "exercisename": "Exercise Name",
    "setorder": "Set Order",
    "reps": "Reps",
}
_REQUIRED = set(_REQUIRED_TITLES)
_KNOWN = set(HEADERS)
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
# Strong's rest-timer rows, by the phone's language: the label's key -> the word as Strong
# writes it. English and German from real exports, Spanish from issue 25; a word not here is
# recognised by the row's shape (see _rest_shaped) and quoted in the notice.
REST_TIMER_WORDS = {
    "resttimer": "Rest Timer",
    "ruhezeit": "Ruhezeit",
    "temporizadordedescanso": "Temporizador de descanso",
}
REST = "rest"  # a rest-timer row: skipped
# Set Order labels besides set numbers, by their key (any case; spaces, hyphens and
# underscores ignored) -> what the row is. The comma export writes W, D, F; the semicolon
# export (2025) writes words (WARM_UP, FAILURE; DROP_SET expected) and Note rows, which
# carry an exercise's note, not a set. Data, not branches: add a label here.
SET_ORDERS: dict[str, str] = {
    "w": C.WARMUP,
    "warmup": C.WARMUP,
    "d": C.WORKING,
    "dropset": C.WORKING,
    "f": C.WORKING,
    "failure": C.WORKING,
    "note": C.NOTE,
    **dict.fromkeys(REST_TIMER_WORDS, REST),
}
_SETS = (C.WARMUP, C.WORKING)
_WORD = r"[^\W\d_]{2,}(?:[ '’-][^\W\d_]+)*"
_DURATIONS = ("duration", "durationsec", "workoutduration")


def matches(header: Sequence[str], sample: pd.DataFrame | None = None) -> bool:
    """True when ``header`` is one of Strong's export headers (any variant, known language).

    With ``sample`` (the first rows, columns by position), a header in another language is
    recognised by Strong's structure: 10 or 12 columns, a timestamp in the first and a
    set order (a number, W, D, F) in the fifth.

    Examples
    --------
    >>> matches("Date,Workout Name,Duration,Exercise Name,Set Order,Weight,Reps,"
    ...         "Distance,Seconds,RPE".split(","))
    True
    >>> matches("Datum,Workout-Name,Dauer,Name der Übung,Reihenfolge festlegen,Gewicht,"
    ...         "Wiederh.,Entfernung,Sekunden,Notizen,Workout-Notizen,RPE".split(","))
    True
    >>> matches(["date", "exercise", "sets"])
    False
    """
    if C.matches_known(header, required=_REQUIRED, known=_KNOWN, aliases=_ALIASES):
        return True
    return sample is not None and _by_structure(header, sample)


def _by_structure(header: Sequence[str], sample: pd.DataFrame) -> bool:
    keys = C.header_keys(header)
    if (
        len(header) not in _ORDERS
        or sample.empty
        or C.matches_known(header, required={"date"}, known=_KNOWN, aliases=_ALIASES)
    ):
        return False  # a known language that lacks columns is reported, not guessed
    if len(set(keys) & C.LOG_KEYS) > 1 or any(k.startswith("pain") for k in keys):
        return False  # a footstats log with twelve columns, not a foreign Strong header
    first = C.parse_datetimes(sample[0].astype("str"), _DATE_FORMATS)
    order = C.clean(sample[4].astype("str"))
    marks = order.str.fullmatch(r"\d+") | order.map(header_key).map(SET_ORDERS).isin(_SETS)
    return bool(first.notna().all() and marks.any())


def closest(header: Sequence[str]) -> tuple[float, str] | None:
    """How close an unrecognised header is to Strong's, and what it lacks."""
    return C.closest_known(header, _REQUIRED_TITLES, _KNOWN, "Strong", _ALIASES)


def to_log(export: Export, options: ReadOptions = C.READ_AS_WRITTEN) -> Imported:
    """Convert a Strong export into the footstats log.

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
        and the importer's (file, line, column, value, severity, code, message), naming
        Strong's columns as written.

    Examples
    --------
    >>> raw = pd.DataFrame({"Date": ["2025-01-30 7:05:00 pm"] * 2,
    ...     "Workout Name": ["Feet"] * 2, "Exercise Name": ["Heel raises"] * 2,
    ...     "Set Order": ["1", "2"], "Reps": ["12", "10"], "line": [2, 3]})
    >>> log, problems = to_log(Export(raw, "strong.csv"))
    >>> print(log[["date", "exercise", "sets", "reps"]].to_string(index=False))
                   date    exercise  sets  reps
    2025-01-30 19:05:00 Heel raises     2    10
    """
    raw, renamed = _by_position(export.raw)
    file = export.file
    cols = C.Columns(raw, file=file, keys=_KNOWN, aliases=_ALIASES, options=options)
    unusable = cols.unusable(_REQUIRED_TITLES, "Strong")
    if unusable:
        return C.imported(export, C.empty_sets_log(), unusable)
    order = cols.text("setorder")
    kind, shaped = _kinds(cols, order)
    rest = kind.eq(REST)
    cols.skip(rest)
    problems = renamed(file) + _rest_notices(cols, order, rest, shaped)
    cols.flag(
        kind.isna(),
        "setorder",
        STRONG_SET_ORDER,
        "{value!r} is not a Strong set order: expected a set number, W (warm-up), "
        "D (drop set), F (failure) or Rest Timer",
    )
    warmup, note = kind.eq(C.WARMUP), kind.eq(C.NOTE)
    when = cols.datetimes(
        "date", _DATE_FORMATS, "a date and time like 2025-01-30 12:34:56 or 2025-01-30 12:34:56 pm"
    )
    exercise = cols.exercises("exercisename")
    cols.flag(exercise.eq(""), "exercisename", EXPORT_BLANK_EXERCISE, "blank exercise name")
    reps = cols.numbers("reps", "reps", whole=True)
    seconds = cols.numbers("seconds", "seconds")
    duration, minutes = _minutes(cols)
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
        note=note,
    )
    sets, noted = _notes_of_sets(sets, cols)
    log, notices = C.sets_to_log(
        sets,
        file=file,
        written=cols.written({**_SOURCES, MINUTES: duration}),  # no duration (None): no minutes
        warmup_value=order[warmup].iloc[0] if warmup.any() else "W",
    )
    return C.imported(export, log, cols.problems + problems + noted + notices)


def _kinds(cols: C.Columns, order: pd.Series) -> tuple[pd.Series, pd.Series]:
    """Each row's kind (:data:`SET_ORDERS`; a set number is a working set; <NA>: not a set
    order Strong writes), and the rows read as rest timers by their shape alone."""
    codes, labels = pd.factorize(order)  # a few distinct labels: each is looked at once
    labels = pd.Series(labels, dtype="str")
    keys = pd.Series([header_key(label) for label in labels], dtype="str")
    known = keys.map(SET_ORDERS).mask(labels.str.fullmatch(r"\d+"), C.WORKING)
    kind = pd.Series(known.to_numpy()[codes], index=order.index, dtype="str")
    words = known.isna() & labels.str.fullmatch(_WORD)  # a rest timer: a word or two
    if not words.any():  # the common case: every label is Strong's
        return kind, pd.Series(False, index=order.index)
    shaped = pd.Series(words.to_numpy()[codes], index=order.index) & _rest_shaped(cols, order)
    return kind.mask(shaped, REST), shaped


def _rest_shaped(cols: C.Columns, order: pd.Series) -> pd.Series:
    """Rows whose Set Order label is, on every row, a rest timer's shape: no weight, reps
    or distance (blank or 0) and no note (Strong's rest timer in a language not in
    :data:`REST_TIMER_WORDS`)."""
    empty = cols.text("notes").eq("")
    for key in ("weight", "reps", "distance"):
        if key in cols:
            values, bad = C.parse_numbers(cols.raw[cols.names[key]])
            empty &= ~bad & values.fillna(0).eq(0)
    return empty.groupby(order).transform("all")  # bools, or booleans without NA


def _rest_notices(
    cols: C.Columns, order: pd.Series, rest: pd.Series, shaped: pd.Series
) -> list[dict]:
    """One notice per rest-timer label: English as before, another language's word
    quoted, and a word read by its shape said so."""
    notices: list[dict] = []
    if not rest.any():
        return notices
    keys = order.where(rest).map(header_key, na_action="ignore")
    for key in dict.fromkeys(keys.dropna()):
        rows = rest & keys.eq(key)
        lines = cols.raw.loc[rows, LINE].tolist()
        value = REST_TIMER_WORDS.get(key, order[rows].iloc[0])
        skipped = f"skipped {len(lines)} {value!r} row(s) (lines {line_list(lines)}): "
        if key == "resttimer":  # as Strong writes it in English
            text = f"skipped {len(lines)} Rest Timer row(s) (lines {line_list(lines)}): "
            text += "Strong's rest timer, not a set"
        elif shaped[rows].any():
            text = skipped + "read as Strong's rest timer in the phone's language by their "
            text += "shape (no weight, reps, distance or note), not a set"
        else:
            text = skipped + "Strong's rest timer in the phone's language, not a set"
        written = cols.names["setorder"]
        notices.append(problem(cols.file, lines[0], written, value, STRONG_REST_TIMER, text))
    return notices


def _notes_of_sets(sets: pd.DataFrame, cols: C.Columns) -> tuple[pd.DataFrame, list[dict]]:
    """The sets table without the Note rows of exercises that have no set, and the notice
    saying how the Note rows were read."""
    lines = sets.loc[sets[C.KIND].eq(C.NOTE), LINE].tolist()
    if not lines:
        return sets, []
    alone = C.lone_notes(sets)
    text = f"read {len(lines)} Note row(s) (lines {line_list(lines)}) as their exercise's "
    text += "note, not a set"
    if alone.any():
        left = sets.loc[alone, LINE].tolist()
        text += f"; left out {len(left)} note(s) of an exercise without a set (lines "
        text += f"{line_list(left)})"
    written = cols.names["setorder"]
    notice = problem(cols.file, lines[0], written, "Note", STRONG_NOTE_ROWS, text)
    return sets[~alone], [notice]


def _minutes(cols: C.Columns) -> tuple[str | None, pd.Series]:
    """The workout's minutes from whichever duration column the export has.

    A duration is not needed by any metric: a value that cannot be read is a warning
    quoting it as written, and the sets of its row still count.
    """
    duration = next((k for k in _DURATIONS if k in cols), None)
    if duration is None:
        return None, C.missing_numbers(cols.raw.index)
    if duration == "durationsec":
        seconds, wrong = C.parse_numbers(cols.raw[cols.names[duration]])
        expected = "a number of seconds like 4440"
        minutes = seconds / 60
    else:
        minutes, wrong = C.parse_duration_minutes(cols.raw[cols.names[duration]])
        expected = "a duration like 1h 5m, 45m or 32s"
    cols.warn(
        wrong,
        duration,
        EXPORT_BAD_DURATION,
        f"{{value!r}} is not {expected}: the workout's minutes are left blank",
    )
    return duration, minutes


def _by_position(raw: pd.DataFrame) -> tuple[pd.DataFrame, Callable[[str], list[dict]]]:
    """A header in an unknown language renamed to Strong's English names by position."""
    names = [c for c in raw.columns if c != LINE]
    if C.matches_known(names, required=_REQUIRED, known=_KNOWN, aliases=_ALIASES) or (
        len(names) not in _ORDERS
    ):
        return raw, lambda file: []
    order = _ORDERS[len(names)]
    english = {key: HEADERS[key][0] for key in order}
    renamed = raw.set_axis([*(english[key] for key in order), LINE], axis=1)

    def notice(file: str) -> list[dict]:
        pairs = ", ".join(
            f"{name!r} = {english[key]}" for name, key in zip(names, order, strict=True)
        )
        return [
            problem(
                file,
                1,
                "-",
                "",
                STRONG_HEADER_LANGUAGE,
                "Strong export with a header in a language footstats does not know: read by "
                f"Strong's column order ({pairs})",
            )
        ]

    return renamed, notice


IMPORTER = AppImporter(NAME, "Strong", matches=matches, to_log=to_log, closest=closest)

fill_docs(globals())  # after the definitions, not a decorator: see footstats.core.docstrings
