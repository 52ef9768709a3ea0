"""Helpers shared by the importers: column lookup, checked parsing, counting sets.

An importer turns an app's *raw table* (the header names as written, every value a
``str``, blanks ``""``, plus an int64 ``line``) into the footstats log, typed (see
:mod:`footstats.importers.base`). Every source row either feeds a log row or is reported
with its line and the app's column name; a row with a bad value in a column the importer
uses is reported as an error and left out of the counts (never guessed, never silently
dropped).
"""

from __future__ import annotations

import functools
import re
from collections.abc import Callable, Iterable, Mapping, Sequence
from datetime import UTC, tzinfo

import pandas as pd

from footstats.columns import (
    DATE,
    EXERCISE,
    LINE,
    MINUTES,
    NOTES,
    PARTICIPANT,
    REPS,
    SECONDS,
    SESSION_DONE,
    SETS,
    SIDE,
    WARMUP_SETS,
    header_key,
)
from footstats.core.codes import (
    EXPORT_BAD_DATE,
    EXPORT_BAD_END,
    EXPORT_BLANK_DATE,
    EXPORT_MISSING_COLUMNS,
    EXPORT_NAME_SPACES,
    EXPORT_NOT_A_NUMBER,
    EXPORT_SAME_COLUMN_TWICE,
    SETS_DIFFER,
    WARMUP_NOT_COUNTED,
    Code,
)
from footstats.core.options import ReadOptions
from footstats.core.problems import line_list, problem
from footstats.core.values import parse_dates
from footstats.importers.base import Export, Imported, Problems

# Columns the importers add to the footstats log format; the reader keeps them as
# extra text columns.
WORKOUT = "workout"
WORKOUT_NOTES = "workout_notes"

# log.attrs key: log column -> the app's column it comes from, so that problems found in
# the converted log can name the column as written in the file.
WRITTEN = "written"

# The header keys of a footstats log's own columns (pain_<site> aside).
LOG_KEYS = {
    header_key(c) for c in (DATE, EXERCISE, SETS, REPS, SECONDS, SIDE, MINUTES, PARTICIPANT, NOTES)
} | {header_key(SESSION_DONE), header_key(WARMUP_SETS)}

# Kinds of row in the intermediate sets table: a set, a warm-up set, or a row that only
# carries its exercise's note (Strong's Note rows).
WORKING, WARMUP, NOTE = "working", "warmup", "note"

# The sets table every set-based importer builds before calling sets_to_log:
# when (datetime64), workout, exercise, kind (WORKING/WARMUP/NOTE), count (how many sets the
# row stands for: 1, or Fitbod's old Sets column), reps, seconds (Float64), minutes
# (Float64), notes, workout_notes (str), line (int64).
WHEN = "when"
KIND = "kind"
COUNT = "count"
SET_COLUMNS = (
    WHEN,
    WORKOUT,
    EXERCISE,
    KIND,
    COUNT,
    REPS,
    SECONDS,
    MINUTES,
    NOTES,
    WORKOUT_NOTES,
    LINE,
)

_GROUP = [WHEN, WORKOUT, EXERCISE]

_WHOLE = r"0*\d{1,18}(?:[.,]0*)?"  # longer counts would overflow the log's Int64
_NUMBER = r"\d+(?:[.,]\d*)?|[.,]\d+"
# Whitespace the apps (or a spreadsheet) put inside and around values: Strong writes a
# narrow no-break space before AM/PM; zero-width characters are not matched by \s.
_SPACES = r"[\s\u200b\u200c\u200d\u2060\ufeff]+"


# Duration units as the apps write them, by language (Strong: "1h 5m", "2h 23min",
# "1小时13分钟", "35min"): unit word -> seconds. Data, not branches: add a language here.
DURATION_UNITS: dict[str, int] = {
    "h": 3600,
    "hr": 3600,
    "hrs": 3600,
    "std": 3600,
    "std.": 3600,
    "小时": 3600,
    "時間": 3600,
    "m": 60,
    "min": 60,
    "mins": 60,
    "分钟": 60,
    "分": 60,
    "s": 1,
    "sec": 1,
    "secs": 1,
    "sek": 1,
    "sek.": 1,
    "秒": 1,
}
_DURATION_PART = re.compile(r"(\d+(?:[.,]\d+)?)\s*([^\d\s]+)")
_CLOCK = re.compile(r"(?:(\d+):)?(\d{1,2}):(\d{2})")
_DAY_FIRST_HINT = re.compile(r"\d{1,2}[./-]\d{1,2}[./-]\d{4}.*")


READ_AS_WRITTEN = ReadOptions()  # no reading option: the dates as the app writes them


def header_keys(header: Iterable[str]) -> list[str]:
    """The keys of the non-blank names of ``header``, in order."""
    return [key for key in map(header_key, header) if key]


def matches_known(
    header: Iterable[str],
    *,
    required: set[str],
    known: set[str],
    aliases: dict[str, str] | None = None,
) -> bool:
    """True when ``header`` has all the ``required`` keys and only ``known`` ones.

    ``aliases`` maps the keys of other spellings (another language) to the keys used.
    """
    aliases = aliases or {}
    keys = {aliases.get(key, key) for key in header_keys(header)}
    return required <= keys <= known


def closest_known(
    header: Iterable[str],
    titles: dict[str, str],
    known: set[str],
    app: str,
    aliases: dict[str, str] | None = None,
) -> tuple[float, str] | None:
    """How close a header that is not recognised is to an app's, and what it lacks.

    ``titles`` are the app's required keys -> their names as the app writes them. Returns
    the share of them present and a description such as ``a Strong export without a
    'Set Order' column``; None when fewer than half are present, or when every column the
    header shares with the app is also a footstats log column (a log missing a column is
    not an app export).
    """
    aliases = aliases or {}
    written = [name for name in header if header_key(name)]
    keys = [aliases.get(header_key(name), header_key(name)) for name in written]
    share = len(set(keys) & set(titles)) / len(titles)
    own = {k for k, name in zip(keys, written, strict=True) if k in known}
    if share < 0.5 or not own - LOG_KEYS:
        return None
    missing = [repr(title) for key, title in titles.items() if key not in keys]
    unknown = [repr(name) for name, key in zip(written, keys, strict=True) if key not in known]
    lacks = f"without {' or '.join(missing)} column(s)" if missing else ""
    extra = f"with column(s) {app} does not write: {', '.join(unknown)}" if unknown else ""
    return share, f"a {app} export {lacks}{' and ' if lacks and extra else ''}{extra}".strip()


def alias_table(names: Mapping[str, Iterable[str]]) -> dict[str, str]:
    """header key of every spelling -> the key it stands for, from ``key -> spellings``."""
    return {header_key(name): key for key, spellings in names.items() for name in spellings}


def find_columns(
    raw: pd.DataFrame, keys: Iterable[str], aliases: dict[str, str] | None = None
) -> dict[str, str]:
    """Map each of ``keys`` present in ``raw`` to its column as written (first one wins)."""
    wanted = set(keys)
    aliases = aliases or {}
    found: dict[str, str] = {}
    for column in raw.columns:
        if column != LINE and isinstance(column, str):
            key = header_key(column)
            key = aliases.get(key, key)
            if key in wanted:
                found.setdefault(key, column)
    return found


def duplicate_columns_problem(
    raw: pd.DataFrame, keys: Iterable[str], file: str, aliases: dict[str, str] | None = None
) -> list[dict]:
    """An error naming the columns among ``keys`` that the header has more than once."""
    aliases = aliases or {}

    def key(column: str) -> str:
        return aliases.get(header_key(column), header_key(column))

    seen = [c for c in raw.columns if isinstance(c, str) and c != LINE and key(c) in keys]
    twice = sorted({c for c in seen if sum(key(o) == key(c) for o in seen) > 1})
    if not twice:
        return []
    return [
        problem(
            file,
            1,
            "-",
            "",
            EXPORT_SAME_COLUMN_TWICE,
            f"the header has {', '.join(map(repr, twice))} more than once: keep one of each",
        )
    ]


def missing_columns_problem(file: str, missing: Sequence[str], app: str) -> dict:
    """The error for a file read as ``app`` that lacks columns the importer needs."""
    return problem(
        file,
        1,
        "-",
        "",
        EXPORT_MISSING_COLUMNS,
        f"not a {app} export: missing the column(s) {', '.join(missing)}; "
        "check the file, or leave the format to be detected",
    )


def _per_distinct(func: Callable) -> Callable:
    """Run ``func`` (Series -> Series, or a tuple of them) once per distinct value.

    App exports repeat the same few values (a workout's date on every set, "12" reps),
    so parsing the distinct values and spreading the results back costs a fraction of
    parsing every cell, and string operations that fall back to Python stay cheap.
    """

    @functools.wraps(func)
    def wrapper(values: pd.Series, *args, **kwargs):
        codes, uniques = pd.factorize(values, use_na_sentinel=False)
        result = func(pd.Series(uniques, dtype=values.dtype), *args, **kwargs)

        def spread(series: pd.Series) -> pd.Series:
            return pd.Series(series.to_numpy()[codes], index=values.index, dtype=series.dtype)

        return tuple(map(spread, result)) if isinstance(result, tuple) else spread(result)

    return wrapper


@_per_distinct
def clean(values: pd.Series) -> pd.Series:
    """Text with surrounding whitespace removed and inner runs of spaces made one space."""
    text = values.astype("str")
    return text.str.replace(_SPACES, " ", regex=True).str.strip()


@_per_distinct
def parse_datetimes(
    values: pd.Series, formats: Sequence[str], zone: tzinfo | None = None
) -> pd.Series:
    """Datetimes of ``values`` read with the first of ``formats`` that fits; NaT otherwise.

    Each format is an exact ``strptime`` format, tried only on the values still unread,
    so nothing is guessed: a value no format fits stays NaT for the caller to report. A
    time with an offset (a format with ``%z``: ``2026-06-01 17:05:33 +0000``) is read as
    the local time of ``zone``, UTC when None.

    >>> parse_datetimes(pd.Series(["2025-01-30 1:04:05 pm", "x"]),
    ...                 ["%Y-%m-%d %H:%M:%S", "%Y-%m-%d %I:%M:%S %p"]).tolist()
    [Timestamp('2025-01-30 13:04:05'), NaT]
    >>> from zoneinfo import ZoneInfo
    >>> parse_datetimes(pd.Series(["2026-06-01 23:05:33 +0000"]), ["%Y-%m-%d %H:%M:%S %z"],
    ...                 ZoneInfo("Europe/Berlin")).tolist()
    [Timestamp('2026-06-02 01:05:33')]
    """
    text = clean(values)
    result = pd.Series(pd.NaT, index=values.index, dtype="datetime64[us]")
    for fmt in formats:
        todo = result.isna() & text.ne("")
        if not todo.any():
            break
        if "%z" in fmt:
            aware = pd.to_datetime(text[todo], format=fmt, errors="coerce", utc=True)
            parsed = aware.dt.tz_convert(zone or UTC).dt.tz_localize(None)
        else:
            parsed = pd.to_datetime(text[todo], format=fmt, errors="coerce")
        result = result.mask(todo, parsed.astype("datetime64[us]"))
    return result


@_per_distinct
def parse_numbers(values: pd.Series, *, whole: bool = False) -> tuple[pd.Series, pd.Series]:
    """Non-negative numbers of ``values`` (Float64, NA for blanks) and a mask of bad values.

    A decimal comma is read as a point (semicolon exports write ``60,5``); ``whole``
    also requires the number to be whole (``10`` or ``10.0``). Signs, exponents,
    thousands separators and words are bad values, never guesses.
    """
    text = clean(values)
    good = text.str.fullmatch(_WHOLE if whole else _NUMBER)
    bad = text.ne("") & ~good
    numbers = pd.to_numeric(text.where(good).str.replace(",", ".", regex=False), errors="coerce")
    return numbers.astype("Float64"), bad


@_per_distinct
def parse_duration_minutes(values: pd.Series) -> tuple[pd.Series, pd.Series]:
    """Minutes of durations like ``1h 5m``, ``2h 23min``, ``32s``, ``1小时13分钟``, ``0:01:30``.

    The unit words are :data:`DURATION_UNITS`; also ``H:MM:SS`` / ``M:SS`` clock times.
    Returns the minutes (Float64, NA for blanks and bad values) and a mask of bad values.

    >>> minutes, bad = parse_duration_minutes(pd.Series(["1h 5m", "30s", "", "soon"]))
    >>> minutes.tolist(), bad.tolist()
    ([65.0, 0.5, <NA>, <NA>], [False, False, False, True])
    """
    text = clean(values).str.casefold()
    minutes = pd.Series([_duration_minutes(v) for v in text], index=values.index, dtype="Float64")
    bad = text.ne("") & minutes.isna()
    return minutes, bad


def _duration_minutes(text: str) -> float | None:
    if not text:
        return None
    clock = _CLOCK.fullmatch(text)
    if clock:
        hours, mins, secs = (int(part or 0) for part in clock.groups())
        return hours * 60 + mins + secs / 60 if secs < 60 else None
    parts = _DURATION_PART.findall(text)
    if not parts or _DURATION_PART.sub("", text).strip():
        return None
    seconds = 0.0
    for number, unit in parts:
        if unit not in DURATION_UNITS:
            return None
        seconds += float(number.replace(",", ".")) * DURATION_UNITS[unit]
    return seconds / 60


def problems_at(
    raw: pd.DataFrame,
    mask: pd.Series,
    column: str,
    code: Code,
    message: str,
    *,
    file: str,
) -> list[dict]:
    """One problem per row of ``raw`` where ``mask`` holds, at ``column`` (as written).

    ``message`` may use ``{value}``, the cell as written. Only the flagged rows are
    visited, so the common (clean) path costs one boolean test.
    """
    if not mask.any():
        return []
    rows = raw.loc[mask, [LINE, column]]
    return [
        problem(file, int(line), column, value, code, message.format(value=value))
        for line, value in zip(rows[LINE], rows[column], strict=True)
    ]


class Columns:
    """A raw table's columns looked up by key, checked, with the problems found in them.

    Every check records its errors (at the row's line and the column as written) and
    adds the failing rows to :attr:`bad`, the rows an importer leaves out of its counts.
    Rows marked with :meth:`skip` (rows that are not data, reported by the importer) are
    not checked.
    """

    def __init__(
        self,
        raw: pd.DataFrame,
        *,
        file: str,
        keys: Iterable[str],
        aliases: dict[str, str] | None = None,
        options: ReadOptions = READ_AS_WRITTEN,
    ) -> None:
        self.raw = raw
        self.file = file
        self.keys = set(keys)
        self.aliases = aliases or {}
        self.options = options
        self.names = find_columns(raw, self.keys, self.aliases)
        self.problems: list[dict] = []
        self.bad = pd.Series(False, index=raw.index)
        self.skipped = pd.Series(False, index=raw.index)

    def skip(self, mask: pd.Series) -> None:
        """Leave the rows where ``mask`` holds unchecked and out of the sets table."""
        self.skipped |= mask

    def __contains__(self, key: str) -> bool:
        return key in self.names

    def written(self, keys: Mapping[str, str | None]) -> dict[str, str]:
        """Log column -> this table's column as written, for the ``keys`` it has."""
        return {column: self.names[key] for column, key in keys.items() if key in self.names}

    def unusable(self, titles: dict[str, str], app: str) -> list[dict]:
        """Errors when the table lacks a key of ``titles`` or has a column twice."""
        missing = [title for key, title in titles.items() if key not in self.names]
        if missing:
            return [missing_columns_problem(self.file, missing, app)]
        return duplicate_columns_problem(self.raw, self.keys, self.file, self.aliases)

    def text(self, key: str, *, verbatim: bool = False) -> pd.Series:
        """The cleaned (or ``verbatim``) text of a column; blanks when the table lacks it."""
        if key not in self.names:
            return pd.Series("", index=self.raw.index, dtype="str")
        values = self.raw[self.names[key]]
        return values.astype("str") if verbatim else clean(values)

    def exercises(self, key: str) -> pd.Series:
        """The exercise names of a column, cleaned (:func:`clean`): spellings that differ
        only by spaces (``'Lat Pulldown '``, ``'Lat Pulldown'``) are one exercise, as the
        app meant, and one notice names them (:func:`name_spaces_notice`)."""
        column = self.names[key]
        codes, spellings = pd.factorize(self.raw[column].astype("str"))
        names = clean(pd.Series(spellings, dtype="str"))
        if names.duplicated().any():  # two spellings of one name: said once, where
            written = self.raw[column].astype("str").where(~self.skipped)
            lines = self.raw[LINE]
            self.problems += name_spaces_notice(written, lines, file=self.file, column=column)
        return pd.Series(names.to_numpy()[codes], index=self.raw.index, dtype="str")

    def flag(self, mask: pd.Series, key: str, code: Code, message: str) -> None:
        """Report the rows where ``mask`` holds as errors (``message`` may use ``{value}``)."""
        mask = mask.fillna(False).astype(bool) & ~self.skipped
        self.problems += problems_at(self.raw, mask, self.names[key], code, message, file=self.file)
        self.bad |= mask

    def warn(self, mask: pd.Series, key: str, code: Code, message: str) -> None:
        """Report the rows where ``mask`` holds as warnings; the rows are kept.

        For columns no metric needs (a workout's duration): a bad value there is shown,
        but never costs the sets of the row.
        """
        mask = mask.fillna(False).astype(bool) & ~self.skipped
        self.problems += problems_at(self.raw, mask, self.names[key], code, message, file=self.file)

    def datetimes(
        self,
        key: str,
        formats: Sequence[str],
        expected: str,
        *,
        blank_ok: bool = False,
        optional: bool = False,
        written: pd.Series | None = None,
        reported: pd.Series | None = None,
        zone: tzinfo | None = None,
    ) -> pd.Series:
        """A column read with :func:`parse_datetimes`; unreadable values flagged.

        The reading options apply as they do to a footstats log: ``date_format`` is
        tried first, then the app's ``formats``, then ISO dates and (with ``dayfirst`` /
        ``excel_dates``) day-first dates and Excel serial numbers, as a spreadsheet that
        re-saved the export writes them. ``expected`` describes the app's format for the
        messages; blanks are flagged too unless ``blank_ok``. An ``optional`` column, one
        no metric needs (a workout's end), gets warnings that keep the row. ``written``:
        the text to read instead of the column's (Hevy's month names put in English; the
        messages still quote the cell); ``reported``: rows whose problem the caller
        reported already; ``zone``: see :func:`parse_datetimes`.
        """
        column = self.raw[self.names[key]] if written is None else written
        options = self.options
        given = (options.date_format,) if options.date_format else ()
        values = parse_datetimes(column, (*given, *formats), zone)
        text = self.text(key)
        todo = values.isna()  # blank cells too: they stay NaT, and are reported as blank
        if todo.any():
            fallback, *_ = parse_dates(
                text[todo], dayfirst=options.dayfirst, excel_dates=options.excel_dates
            )
            values = values.mask(todo, fallback.astype("datetime64[us]"))
        wrong = values.isna() & text.ne("")
        if reported is not None:
            wrong &= ~reported
        hint = ""
        if not options.dayfirst and text[wrong].str.fullmatch(_DAY_FIRST_HINT).any():
            hint = (
                " (a date re-saved by a spreadsheet, like 13/09/2021 10:41, needs "
                "--dayfirst, or --date-format for another order)"
            )
        message = "{value!r} is not a valid date: expected " + expected + hint
        if optional:
            self.warn(wrong, key, EXPORT_BAD_END, message)
        else:
            self.flag(wrong, key, EXPORT_BAD_DATE, message)
        if not blank_ok:
            self.flag(
                text.eq(""), key, EXPORT_BLANK_DATE, "the date is blank: expected " + expected
            )
        return values

    def numbers(self, key: str, what: str, *, whole: bool = False) -> pd.Series:
        """A column read with :func:`parse_numbers` (NA when absent); bad values flagged.

        ``what`` names the quantity for the message (``"reps"``, ``"seconds"``).
        """
        if key not in self.names:
            return missing_numbers(self.raw.index)
        values, bad = parse_numbers(self.raw[self.names[key]], whole=whole)
        number = "a whole number" if whole else "a number"
        self.flag(
            bad, key, EXPORT_NOT_A_NUMBER, f"{{value!r}} is not {number} of {what} (0 or more)"
        )
        return values


def name_spaces_notice(
    written: pd.Series, lines: pd.Series, *, file: str, column: str
) -> list[dict]:
    """One notice naming the exercise names (``written``, missing for rows not read) that
    differ only by spaces, with the first line of each spelling; none when there are none.

    >>> notice, = name_spaces_notice(pd.Series(["Row ", "Row", "Row "]), pd.Series([2, 3, 4]),
    ...                              file="x.csv", column="Exercise")
    >>> notice["line"], notice["message"]
    (2, "'Row ' and 'Row' differ only by spaces: read as one exercise (lines 2, 3)")
    """
    spellings = pd.Series(written.dropna().unique())  # the names are text: str
    cleaned = clean(spellings)
    alike = cleaned.duplicated(keep=False) & cleaned.ne("")
    if not alike.any():  # the common case: one spelling per name
        return []
    first = {s: int(lines[written.eq(s)].iloc[0]) for s in spellings[alike]}
    groups = []
    for name in dict.fromkeys(cleaned[alike]):
        group = spellings[alike & cleaned.eq(name)].tolist()
        shown = [repr(s) for s in group]
        groups.append(
            f"{', '.join(shown[:-1])} and {shown[-1]} differ only by spaces: read as one "
            f"exercise (lines {line_list([first[s] for s in group])})"
        )
    return [problem(file, min(first.values()), column, "", EXPORT_NAME_SPACES, "; ".join(groups))]


def missing_numbers(index: pd.Index) -> pd.Series:
    """The numbers of a column an export lacks: all missing (Float64)."""
    return pd.Series(
        pd.NA,  # pragma: no mutate: None, or no value, is the same missing value
        index=index,
        dtype="Float64",  # pragma: no mutate: all missing, written as blanks in any dtype
    )


def summary_notice(
    file: str, lines: Sequence[int], column: str, value: str, code: Code, message: str
) -> list[dict]:
    """One notice for many rows, at the first of ``lines``; ``message`` may use
    ``{n}`` (how many) and ``{lines}`` (where)."""
    if not len(lines):
        return []
    text = message.format(n=len(lines), lines=line_list(lines))
    return [problem(file, int(lines[0]), column, value, code, text)]


def sets_table(
    columns: Columns,
    *,
    when: pd.Series,
    workout: pd.Series,
    exercise: pd.Series,
    warmup: pd.Series,
    reps: pd.Series,
    seconds: pd.Series,
    minutes: pd.Series,
    notes: pd.Series,
    workout_notes: pd.Series,
    note: pd.Series | None = None,
    count: pd.Series | None = None,
) -> pd.DataFrame:
    """The sets table (:data:`SET_COLUMNS`) of the rows neither flagged bad nor skipped.

    ``warmup`` marks warm-up sets, ``note`` rows that carry their exercise's note only;
    ``count`` is how many sets each row stands for (1 when None: a row per set).
    """
    keep = ~columns.bad & ~columns.skipped
    kind = pd.Series(WORKING, index=warmup.index).mask(warmup, WARMUP)
    if note is not None:
        kind = kind.mask(note, NOTE)
    table = pd.DataFrame(
        {
            WHEN: when,
            WORKOUT: workout,
            EXERCISE: exercise,
            KIND: kind,
            COUNT: 1 if count is None else count,
            REPS: reps,
            SECONDS: seconds,
            MINUTES: minutes,
            NOTES: notes,
            WORKOUT_NOTES: workout_notes,
            LINE: columns.raw[LINE],
        }
    )
    return table[keep]


def sets_to_log(
    sets: pd.DataFrame, *, file: str, written: dict[str, str], warmup_value: str = ""
) -> tuple[pd.DataFrame, list[dict]]:
    """One footstats log row per workout x exercise from a table of one row per set.

    ``sets`` has the columns of :data:`SET_COLUMNS` (valid rows only; every workout x
    exercise with a set or warm-up: see :func:`lone_notes`); ``written`` maps
    log columns to the app's columns they come from (SETS: the column that tells a set's
    kind), for the notices and for ``log.attrs["written"]``. ``sets`` counts
    the working sets and ``warmup_sets`` the warm-up sets, which are not prescribed sets:
    a notice says how many there were (``warmup_value`` is how the app marks them; an app
    without warm-ups needs none).
    A 0 in reps or seconds means "does not apply" in the apps' exports and is left blank.
    When the sets of one exercise differ in reps (or seconds) the row keeps the smallest,
    so every set reached it; a notice lists where that happened. Notes of the sets are
    joined with ``"; "`` (each distinct note once), a note row's with them. ``line`` is the
    first set's line.

    Returns
    -------
    (DataFrame, list of dict)
        The typed log (:mod:`footstats.importers.base`): date, exercise, sets,
        warmup_sets, reps, seconds, minutes, notes, workout, workout_notes and ``line``;
        and the notices.
    """
    working = sets[KIND].eq(WORKING)
    warmup = sets[KIND].eq(WARMUP)
    per_set = sets.assign(
        _working=sets[COUNT].where(working, 0),
        _warmup=sets[COUNT].where(warmup, 0),
        _set_line=sets[LINE].where(working | warmup),  # a note row is no set's line
        **{
            column: sets[column].where(working & sets[column].ne(0))  # NA: left missing
            for column in (REPS, SECONDS)
        },
    )
    groups = per_set.groupby(
        _GROUP,
        sort=False,  # pragma: no mutate: sorted by line below, whatever the groups' order
        dropna=False,  # pragma: no mutate: no key is missing (rows without one are left out)
    )
    table = groups.agg(
        **{
            LINE: ("_set_line", "min"),
            SETS: ("_working", "sum"),
            WARMUP_SETS: ("_warmup", "sum"),
            REPS: (REPS, "min"),
            "_reps_max": (REPS, "max"),
            SECONDS: (SECONDS, "min"),
            "_seconds_max": (SECONDS, "max"),
            MINUTES: (MINUTES, "first"),
        }
    )
    for column in (NOTES, WORKOUT_NOTES):
        table[column] = _join_distinct(per_set, column, table.index)
    table = table.reset_index().sort_values(
        LINE,
        kind="stable",  # pragma: no mutate: the first lines are unique, any sort agrees
        ignore_index=True,  # pragma: no mutate: the groups come in line order, index 0, 1, ...
    )
    notices = summary_notice(
        file,
        sets.loc[warmup, LINE].tolist(),
        written[SETS],
        warmup_value,
        WARMUP_NOT_COUNTED,
        "{n} warm-up set(s) (lines {lines}) are not prescribed sets: not counted in sets, "
        f"kept apart in {WARMUP_SETS}",
    )
    for column in (REPS, SECONDS):
        differ = table[f"_{column}_max"].gt(table[column]).fillna(False).astype(bool)
        notices += summary_notice(
            file,
            table.loc[differ, LINE].tolist(),
            written.get(column, column),
            "",
            SETS_DIFFER,
            f"{column} differ between the sets of {{n}} exercise(s) (lines {{lines}}); "
            f"each keeps its smallest {column}, which every set reached",
        )
    log = pd.DataFrame(
        {
            DATE: table[WHEN].astype("datetime64[us]"),
            EXERCISE: table[EXERCISE],
            SETS: table[SETS].astype("Int64"),
            WARMUP_SETS: table[WARMUP_SETS].astype("Int64"),
            REPS: whole_numbers(table[REPS]),
            SECONDS: decimals(table[SECONDS]),
            MINUTES: decimals(table[MINUTES]),
            NOTES: table[NOTES],
            WORKOUT: table[WORKOUT],
            WORKOUT_NOTES: table[WORKOUT_NOTES],
            LINE: table[LINE].astype("int64"),
        }
    )
    log.attrs[WRITTEN] = {column: written[column] for column in log if column in written}
    return log, notices


def lone_notes(sets: pd.DataFrame) -> pd.Series:
    """The note rows of :data:`SET_COLUMNS` tables whose workout x exercise has no set nor
    warm-up (a note alone is not a set done: the caller leaves them out and says so).

    >>> sets = pd.DataFrame({WHEN: [1, 1, 2], WORKOUT: "", EXERCISE: ["a", "a", "b"],
    ...                      KIND: [NOTE, WORKING, NOTE]})
    >>> lone_notes(sets).tolist()
    [False, False, True]
    """
    has_set = sets[KIND].ne(NOTE).groupby([sets[c] for c in _GROUP]).transform("any")
    return sets[KIND].eq(NOTE) & ~has_set.astype(bool)


def empty_sets_log() -> pd.DataFrame:
    """The (empty) typed table :func:`sets_to_log` returns when no set could be read."""
    empty = pd.Series([], dtype="Float64")
    return pd.DataFrame(
        {
            DATE: pd.Series([], dtype="datetime64[us]"),
            EXERCISE: pd.Series([], dtype="str"),
            SETS: whole_numbers(empty),
            WARMUP_SETS: whole_numbers(empty),
            REPS: whole_numbers(empty),
            SECONDS: empty,
            MINUTES: empty,
            **{c: pd.Series([], dtype="str") for c in (NOTES, WORKOUT, WORKOUT_NOTES)},
            LINE: pd.Series([], dtype="int64"),
        }
    )


def _join_distinct(sets: pd.DataFrame, column: str, index: pd.Index) -> pd.Series:
    # Only rows with a note reach the Python-level join; most sets have none.
    notes = sets.loc[sets[column].str.strip().ne(""), [*_GROUP, column]].drop_duplicates()
    if notes.empty:
        return pd.Series("", index=index)
    joined = notes.groupby(
        _GROUP,
        sort=False,  # pragma: no mutate: reindexed by the table's groups right after
    )[column].agg("; ".join)
    return joined.reindex(index).fillna("")


def whole_numbers(values: pd.Series) -> pd.Series:
    """Whole numbers (counts, reps) as the log holds them: Int64, <NA> for missing.

    >>> whole_numbers(pd.Series([3.0, None], dtype="Float64")).tolist()
    [3, <NA>]
    """
    return values.round().astype("Int64")


def decimals(values: pd.Series) -> pd.Series:
    """Seconds and minutes as the log holds them: Float64 rounded to 6 decimals (a value
    an importer computed, 32 s = 0.533333 minutes, is then one a log can hold).

    >>> decimals(pd.Series([2.5, 32 / 60, None], dtype="Float64")).tolist()
    [2.5, 0.533333, <NA>]
    """
    return values.astype("Float64").round(6)


def imported(export: Export, log: pd.DataFrame, problems: Problems) -> Imported:
    """The result of an importer that keeps every problem of the file layer."""
    return Imported(log, [*export.problems, *problems])
