"""Vectorised parsers for the cells of a log.

Each parser takes a Series of stripped strings ("" = blank) and returns the typed values,
a Series of error messages (<NA> where the cell is fine) and a Series of their problem
codes (``footstats.core.codes``). Messages are built only for the cells already known to be
wrong.
"""

from __future__ import annotations

import re
from datetime import date

import numpy as np
import pandas as pd

from footstats.columns import SIDES
from footstats.core import codes as C
from footstats.errors import UsageError

INVISIBLE = " \t\u00a0\u2007\u202f\u200b\u200c\u200d\u2060\ufeff"
_INVISIBLE_ONLY = "\u00a0\u2007\u202f\u200b\u200c\u200d\u2060\ufeff"

WHOLE = r"\d{1,9}"  # larger counts are typing slips, and would overflow
DECIMAL = r"\d{1,12}(?:\.\d{1,12})?"
_ISO_DAY = r"\d{4}-\d{2}-\d{2}"
_ISO = r"(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{1,2}):(\d{2})(?::(\d{2}))?)?"
_DMY = r"(\d{1,2})[./-](\d{1,2})[./-](\d{4})(?:[T ](\d{1,2}):(\d{2})(?::(\d{2}))?)?"
_TWO_DIGIT_YEAR = r"\d{1,2}[./-]\d{1,2}[./-]\d{2}(?:[T ].*)?"
_EXCEL_SERIAL = r"\d{5}(?:\.\d+)?"
_SPREADSHEET_MANGLED = r"\d{1,2}-[A-Za-z]{3}|[A-Za-z]{3}-\d{1,4}|\d+\s*[-–]\s*\d+"
_EXCEL_EPOCH = pd.Timestamp("1899-12-30")
EARLIEST = pd.Timestamp("1900-01-01")  # an earlier date in a log is a typo (0226 for 2026)

SIDE_WORDS = {
    "l": "left",
    "left": "left",
    "r": "right",
    "right": "right",
    "b": "both",
    "both": "both",
}


def _no_errors(index) -> pd.Series:
    return pd.Series(pd.NA, index=index, dtype="str")


def _split(found: list[tuple[C.Code, str]]) -> tuple[list[str], list[str]]:
    """Messages and code ids from (code, message) pairs."""
    return [message for _, message in found], [code.id for code, _ in found]


def strip_cells(values: pd.Series) -> tuple[pd.Series, pd.Series]:
    """Values without surrounding spaces, and a mask of cells that had invisible characters."""
    stripped = values.str.strip(INVISIBLE)
    had_invisible = (stripped != values) & values.str.contains(f"[{_INVISIBLE_ONLY}]", regex=True)
    return stripped, had_invisible


def _fullmatch(values: pd.Series, pattern: str) -> pd.Series:
    return values.str.fullmatch(pattern).fillna(False).astype(bool)


def parse_whole(values: pd.Series, *, what: str, low=0, high=None):
    """Whole numbers >= ``low`` (and <= ``high``, a pain rating); blank is <NA>."""
    ok = _fullmatch(values, WHOLE)
    numbers = pd.Series(pd.NA, index=values.index, dtype="Int64")
    if ok.any():
        numbers[ok] = values[ok].astype("int64")
    errors, codes = _no_errors(values.index), _no_errors(values.index)
    bad = ~ok & (values != "")
    if high is not None:
        too_big = ok & (numbers > high).fillna(False)
        errors[too_big] = values[too_big] + f" is outside {low}–{high} ({what})"
        codes[too_big] = C.PAIN_OUT_OF_RANGE.id
        numbers[too_big] = pd.NA
    if bad.any():
        errors[bad], codes[bad] = _split([_whole_message(v, what, low, high) for v in values[bad]])
    return numbers, errors, codes


def _whole_message(value: str, what: str, low, high) -> tuple[C.Code, str]:
    if re.fullmatch(r"-\d+(?:[.,]\d+)?", value):
        return C.NEGATIVE_NUMBER, f"{value} is negative; expected a whole number ≥ {low} ({what})"
    if re.fullmatch(r"\d+[.,]\d+", value):
        if high is not None:
            return C.NOT_WHOLE_NUMBER, f"{value} is not a whole number ({what} in whole points)"
        return (
            C.NOT_WHOLE_NUMBER,
            f"{value} is not a whole number ({what}: fractions are not allowed)",
        )
    if re.fullmatch(_SPREADSHEET_MANGLED, value):
        return C.SPREADSHEET_MANGLED, _mangled_message(value, what)
    if re.fullmatch(r"\d+", value):
        return C.NUMBER_TOO_LARGE, f"{value} is too large for {what}"
    expected = f"a whole number {low}–{high}" if high is not None else f"a whole number ≥ {low}"
    return C.NOT_A_NUMBER, f"{value!r} is not a number; expected {expected} ({what})"


def parse_decimal(values: pd.Series, *, what: str, decimal_comma: bool):
    """Numbers >= 0 such as ``60`` or ``60.5`` (``60,5`` with a decimal comma); blank is <NA>."""
    text = values.str.replace(",", ".", regex=False) if decimal_comma else values
    ok = _fullmatch(text, DECIMAL)
    numbers = pd.Series(pd.NA, index=values.index, dtype="Float64")
    if ok.any():
        numbers[ok] = text[ok].astype("float64")
    errors, codes = _no_errors(values.index), _no_errors(values.index)
    bad = ~ok & (values != "")
    if bad.any():
        errors[bad], codes[bad] = _split([_decimal_message(v, what) for v in values[bad]])
    return numbers, errors, codes


def _decimal_message(value: str, what: str) -> tuple[C.Code, str]:
    if re.fullmatch(_SPREADSHEET_MANGLED, value):
        return C.SPREADSHEET_MANGLED, _mangled_message(value, what)
    if value.startswith("-"):
        return C.NEGATIVE_NUMBER, f"{value} is negative; expected a number ≥ 0 ({what})"
    return (
        C.NOT_A_NUMBER,
        f"{value!r} is not a number; expected a number ≥ 0 like 60 or 7.5 ({what})",
    )


def _mangled_message(value: str, what: str) -> str:
    return (
        f"{value!r} looks like a range or a date made by spreadsheet auto-formatting; "
        f"write the single number done ({what}), and format the column as text"
    )


def parse_side(values: pd.Series) -> tuple[pd.Series, pd.Series, pd.Series]:
    """left/right/both (L, R, B accepted, any case); blank is both."""
    words = values.str.casefold().map(SIDE_WORDS)
    words[values == ""] = "both"
    errors = _no_errors(values.index)
    bad = words.isna()
    errors[bad] = values[bad].map(lambda v: f"{v!r} is not a side; expected left, right or both")
    codes = _no_errors(values.index)
    codes[bad] = C.NOT_A_SIDE.id
    sides = pd.Categorical(words, categories=list(SIDES))
    return pd.Series(sides, index=values.index), errors, codes


def parse_dates(
    values: pd.Series,
    *,
    dayfirst: bool = False,
    date_format: str | None = None,
    excel_dates: bool = False,
    today: date | None = None,
) -> tuple[pd.Series, pd.Series, pd.Series]:
    """Timestamps from ISO dates (and day-first or ``date_format`` dates when asked).

    Never guesses: an ambiguous, two-digit-year, impossible or unparseable date is an error,
    and so is a date no log can hold (see :func:`implausible_dates`).

    Raises
    ------
    ValueError
        When ``date_format`` cannot be used (an unknown directive, or a time zone).
    """
    if date_format is not None:
        _check_date_format(date_format)
    parsed = pd.Series(pd.NaT, index=values.index, dtype="datetime64[us]")
    todo = values != ""
    day_only = todo & _fullmatch(values, _ISO_DAY)
    if day_only.any():  # the common case, in one C-speed pass
        parsed[day_only] = pd.to_datetime(values[day_only], format="%Y-%m-%d", errors="coerce")
    rest = todo & ~day_only
    if date_format is not None and rest.any():
        parsed[rest] = _with_format(values[rest], date_format)
        rest = rest & parsed.isna()
    if rest.any():
        parsed[rest] = _from_parts(values[rest], _ISO, order=(0, 1, 2))
        if dayfirst:
            dmy = rest & _fullmatch(values, _DMY)
            parsed[dmy] = _from_parts(values[dmy], _DMY, order=(2, 1, 0))
        if excel_dates:
            serial = rest & _fullmatch(values, _EXCEL_SERIAL)
            parsed[serial] = _EXCEL_EPOCH + pd.to_timedelta(
                values[serial].astype("float64"), unit="D"
            )
    errors, codes = _no_errors(values.index), _no_errors(values.index)
    bad = todo & parsed.isna()
    if bad.any():
        found = [_date_message(v, dayfirst, date_format) for v in values[bad]]
        errors[bad], codes[bad] = _split(found)
    implausible = implausible_dates(parsed, today)
    if implausible.notna().any():
        wrong = implausible.notna()
        errors[wrong] = "'" + values[wrong] + "' " + implausible[wrong]
        codes[wrong] = C.IMPLAUSIBLE_DATE.id
        parsed[wrong] = pd.NaT  # pragma: no mutate (None set into datetime64 is NaT too)
    blank = ~todo
    errors[blank] = "the date is blank; every row needs its date (YYYY-MM-DD)"
    codes[blank] = C.BLANK_DATE.id
    return parsed, errors, codes


def _check_date_format(date_format: str) -> None:
    if re.search(r"%[zZ]", date_format):
        raise UsageError(
            f"date_format {date_format!r}: time zones (%z, %Z) are not supported; a log's "
            "dates are local dates, like 2026-03-02 or 2026-03-02 07:30"
        )


def _with_format(values: pd.Series, date_format: str) -> pd.Series:
    try:
        parsed = pd.to_datetime(values, format=date_format, errors="coerce")
    except (ValueError, TypeError) as exc:
        raise UsageError(f"date_format {date_format!r} cannot be used: {exc}") from None
    # %z is refused above, but "ISO8601" still reads an offset written in the cell
    if parsed.dt.tz is not None:  # parsed is always datetime64, naive or with a zone
        raise UsageError(f"date_format {date_format!r}: time zones are not supported")
    return parsed


def implausible_dates(dates: pd.Series, today: date | None = None) -> pd.Series:
    """Why each date is one no log can hold (<NA> when plausible): before 1900, or more
    than a year after ``today`` (a typo such as 0226 or 2206 for 2026).

    Dates a little in the future are only a warning (:func:`future_mask`): clocks are off,
    sessions get planned.

    >>> days = pd.Series(pd.to_datetime(["2026-03-02", "1026-03-02"], format="ISO8601"))
    >>> implausible_dates(days, date(2026, 3, 9)).iloc[1]
    'is before 1900: a typo? (expected a date between 1900 and 2027-03-09)'
    """
    latest = pd.Timestamp(today or date.today()) + pd.DateOffset(years=1)
    window = f"(expected a date between 1900 and {latest:%Y-%m-%d})"
    reasons = pd.Series(pd.NA, index=dates.index, dtype="str")
    reasons[(dates < EARLIEST).fillna(False)] = f"is before 1900: a typo? {window}"
    late = (dates.dt.normalize() > latest).fillna(False)
    reasons[late] = f"is more than a year in the future: a typo? {window}"
    return reasons


def isolated_dates(dates: pd.Series, years: float = 1.0) -> pd.Series:
    """For each date far from every other date of the log (more than ``years`` from the
    nearest), how many years away that nearest date is; <NA> elsewhere.

    >>> days = pd.Series(pd.to_datetime(["2026-03-02", "2026-03-04", "2023-03-02"]))
    >>> isolated_dates(days).round(1).tolist()
    [<NA>, <NA>, 3.0]
    """
    away = pd.Series(pd.NA, index=dates.index, dtype="Float64")
    day = dates.dt.normalize()
    unique = np.sort(day.dropna().unique())
    if len(unique) < 2:
        return away
    gaps = np.diff(unique).astype("timedelta64[D]").astype("float64")
    nearest = np.minimum(np.r_[np.inf, gaps], np.r_[gaps, np.inf]) / 365.25
    lonely = nearest > years
    if not lonely.any():
        return away
    by_day = pd.Series(nearest[lonely], index=pd.DatetimeIndex(unique[lonely]))
    away[:] = day.map(by_day).astype("Float64")
    return away


def _from_parts(values: pd.Series, pattern: str, order) -> pd.Series:
    parts = values.str.extract(f"^{pattern}$").astype("float64")
    year, month, day = (parts[i] for i in order)
    frame = pd.DataFrame(
        {
            "year": year,
            "month": month,
            "day": day,
            "hour": parts[3].fillna(0),
            "minute": parts[4].fillna(0),
            "second": parts[5].fillna(0),
        }
    )
    invalid = (frame["hour"] > 23) | (frame["minute"] > 59) | (frame["second"] > 59)
    result = pd.to_datetime(frame.mask(invalid), errors="coerce")
    return result


def _date_message(value: str, dayfirst: bool, date_format: str | None) -> tuple[C.Code, str]:
    if date_format is not None:
        return C.DATE_FORMAT_MISMATCH, f"{value!r} does not match date_format {date_format!r}"
    if re.fullmatch(_TWO_DIGIT_YEAR, value):
        return (
            C.TWO_DIGIT_YEAR,
            f"{value!r} has a two-digit year; write the full year, like 2026-03-04",
        )
    if re.fullmatch(_ISO, value) or (dayfirst and re.fullmatch(_DMY, value)):
        return C.IMPOSSIBLE_DATE, f"{value!r} is not a real date"
    if re.fullmatch(_DMY, value):
        first, second = (int(x) for x in re.split(r"[./-]", value)[:2])
        reading = (
            f"is it day {first} of month {second}, or month {first}, day {second}?"
            if first <= 12 and second <= 12
            else "its order is not ISO"
        )
        return C.AMBIGUOUS_DATE, (
            f"{value!r}: {reading} Write dates as YYYY-MM-DD, or say the order: "
            "dayfirst=True (footstats check --dayfirst) for day/month/year, or "
            "date_format='%m/%d/%Y' for month/day/year"
        )
    if re.fullmatch(_EXCEL_SERIAL, value):
        return C.EXCEL_SERIAL_DATE, (
            f"{value!r} looks like an Excel serial date; format the column as a date "
            "(YYYY-MM-DD) before exporting, or pass excel_dates=True (--excel-dates)"
        )
    return C.NOT_A_DATE, f"{value!r} is not a date; expected YYYY-MM-DD (or YYYY-MM-DD HH:MM)"


def future_mask(dates: pd.Series, today: date | None = None) -> pd.Series:
    """Dates after today (a warning, not an error: the clock may be off)."""
    today = pd.Timestamp(today or date.today())
    return (dates.dt.normalize() > today).fillna(False).astype(bool)
