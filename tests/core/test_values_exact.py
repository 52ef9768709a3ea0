"""Exact tests of footstats.core.values: whole messages, both sides of each limit, and which
reading wins when several are asked for.

They complement tests/core/test_values.py so that a changed message or a moved limit fails a
test (``make mutate``). The lines whose mutants no test can tell from the original are
listed with their reasons in ``[tool.mutmut]`` of pyproject.toml; these others are left
alive on purpose:

- ``_no_errors``, and ``implausible_dates``' ``reasons``: ``pd.Series(pd.NA, index=...,
  dtype="str")`` with ``None`` or no value instead of ``pd.NA``: a "str" Series stores all
  three as the same missing value.
- ``strip_cells``: ``str.contains(..., regex=True)`` without ``regex``, whose default is
  ``True``.
- ``_with_format``: ``getattr(parsed.dt, "tz")`` without its default ``None``: the ``.dt``
  of the datetime Series ``pd.to_datetime`` returns always has a ``tz``.
- ``implausible_dates``: ``.fillna(None)`` instead of ``.fillna(False)`` on both
  comparisons: a numpy datetime Series compares NaT to False, never to a missing value,
  and the <NA> of pyarrow-backed dates is taken as False by ``reasons[mask] = ...`` all the
  same (``.fillna(True)`` is killed by the pyarrow test).
- ``isolated_dates``: ``pd.Series(pd.NA, ..., dtype="Float64")`` with ``None`` or no value
  (the same <NA>), and ``.astype("float64")`` or ``.astype(None)`` (float64 too) instead of
  ``.astype("Float64")`` before ``away[:] = ...``: the NaN of days that are not isolated
  becomes <NA> when set into the Float64 ``away``.

``parse_dates``' ``parsed[wrong] = pd.NaT`` is marked ``# pragma: no mutate``: its one
mutant, ``None`` for ``pd.NaT``, is equivalent (None set into a datetime64 Series is NaT).
"""

from __future__ import annotations

import warnings
from datetime import date

import pandas as pd
import pytest

from footstats.core import codes as C
from footstats.core.values import (
    implausible_dates,
    isolated_dates,
    parse_dates,
    parse_decimal,
    parse_side,
    parse_whole,
)


def text(*values: str) -> pd.Series:
    return pd.Series(list(values), dtype="str")


def messages(errors: pd.Series) -> list:
    return [None if pd.isna(e) else e for e in errors]


# -- parse_whole --------------------------------------------------------------------------
def test_parse_whole_messages_for_sets():
    values = text("3", "-1", "1.5", "8-10", "99999999999999999999", "two")
    numbers, errors, _ = parse_whole(values, what="sets")
    assert numbers.tolist() == [3, pd.NA, pd.NA, pd.NA, pd.NA, pd.NA]
    assert errors.dtype == "str"
    assert messages(errors) == [
        None,
        "-1 is negative; expected a whole number ≥ 0 (sets)",
        "1.5 is not a whole number (sets: fractions are not allowed)",
        "'8-10' looks like a range or a date made by spreadsheet auto-formatting; "
        "write the single number done (sets), and format the column as text",
        "99999999999999999999 is too large for sets",
        "'two' is not a number; expected a whole number ≥ 0 (sets)",
    ]


def test_parse_whole_messages_with_an_upper_bound():
    values = text("10", "11", "7.5", "x", "-2")
    numbers, errors, _ = parse_whole(values, what="pain", high=10)
    assert numbers.tolist() == [10, pd.NA, pd.NA, pd.NA, pd.NA]
    assert messages(errors) == [
        None,
        "11 is outside 0–10 (pain)",
        "7.5 is not a whole number (pain in whole points)",
        "'x' is not a number; expected a whole number 0–10 (pain)",
        "-2 is negative; expected a whole number ≥ 0 (pain)",
    ]


def test_parse_whole_nine_digits_are_a_number_ten_are_too_many():
    numbers, errors, _ = parse_whole(text("999999999", "1000000000", "007"), what="reps")
    assert numbers.tolist() == [999_999_999, pd.NA, 7]
    assert messages(errors) == [None, "1000000000 is too large for reps", None]


# -- parse_decimal ------------------------------------------------------------------------
def test_parse_decimal_messages():
    values = text("7.5", "-5", "ten", "10-Aug")
    numbers, errors, _ = parse_decimal(values, what="seconds", decimal_comma=False)
    assert numbers.tolist() == [7.5, pd.NA, pd.NA, pd.NA]
    assert errors.dtype == "str"
    assert messages(errors) == [
        None,
        "-5 is negative; expected a number ≥ 0 (seconds)",
        "'ten' is not a number; expected a number ≥ 0 like 60 or 7.5 (seconds)",
        "'10-Aug' looks like a range or a date made by spreadsheet auto-formatting; "
        "write the single number done (seconds), and format the column as text",
    ]


# -- parse_side ---------------------------------------------------------------------------
def test_parse_side_keeps_the_index_and_names_the_bad_cell():
    values = pd.Series(["L", "up"], index=[10, 20], dtype="str")
    sides, errors, _ = parse_side(values)
    assert sides.index.tolist() == errors.index.tolist() == [10, 20]
    assert sides.tolist()[0] == "left" and pd.isna(sides[20])
    assert messages(errors) == [None, "'up' is not a side; expected left, right or both"]


# -- parse_dates --------------------------------------------------------------------------
def test_parse_dates_gives_microsecond_timestamps_and_text_errors():
    parsed, errors, _ = parse_dates(text("2026-03-02", "x"))
    assert parsed.dtype == "datetime64[us]"
    assert errors.dtype == "str"


def test_parse_dates_reads_iso_days_without_guessing_a_format():
    # the impossible first date must not make pandas guess the format (and warn about it)
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        parsed, errors, _ = parse_dates(text("2026-02-30", "2026-13-01", "2026-03-02"))
    assert parsed.tolist()[2] == pd.Timestamp("2026-03-02")
    assert parsed.isna().tolist() == [True, True, False]
    assert messages(errors)[:2] == [
        "'2026-02-30' is not a real date",
        "'2026-13-01' is not a real date",
    ]


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("2026-03-02 23:59:59", pd.Timestamp("2026-03-02 23:59:59")),  # the last second
        ("2026-03-02 07:59", pd.Timestamp("2026-03-02 07:59")),
        ("2026-03-02 24:00", None),  # never the next day's 00:00
        ("2026-03-02 07:60", None),  # never 08:00
        ("2026-03-02 07:00:60", None),  # never 07:01
    ],
)
def test_parse_dates_time_limits(value, expected):
    parsed, errors, _ = parse_dates(text(value))
    if expected is None:
        assert pd.isna(parsed[0])
        assert messages(errors) == [f"'{value}' is not a real date"]
    else:
        assert parsed[0] == expected
        assert messages(errors) == [None]


def test_parse_dates_date_format_is_used_as_given():
    # "%d/%m/%Y" reads 04/03/2026 as 4 March, not pandas' default month-first 3 April
    parsed, errors, _ = parse_dates(text("04/03/2026", "13/04/2026"), date_format="%d/%m/%Y")
    assert parsed.tolist() == [pd.Timestamp("2026-03-04"), pd.Timestamp("2026-04-13")]
    assert messages(errors) == [None, None]


def test_parse_dates_date_format_wins_over_dayfirst_and_excel_dates():
    # cells the date_format has read are not read again day-first or as Excel serials (the
    # ISO date and time needs the other readings, so they do run)
    parsed, _, _ = parse_dates(
        text("04/03/2026", "2026-03-05 07:30"), date_format="%m/%d/%Y", dayfirst=True
    )
    assert parsed.tolist() == [pd.Timestamp("2026-04-03"), pd.Timestamp("2026-03-05 07:30")]
    # "%y%j": year 26, day of the year 061 = 2 March (31 + 28 + 2), not Excel's day 26061
    parsed, _, _ = parse_dates(
        text("26061", "2026-03-05 07:30"), date_format="%y%j", excel_dates=True
    )
    assert parsed.tolist() == [pd.Timestamp("2026-03-02"), pd.Timestamp("2026-03-05 07:30")]


ORDER_ADVICE = (
    " Write dates as YYYY-MM-DD, or say the order: dayfirst=True (footstats check --dayfirst)"
    " for day/month/year, or date_format='%m/%d/%Y' for month/day/year"
)


@pytest.mark.parametrize(
    ("value", "message"),
    [
        ("", "the date is blank; every row needs its date (YYYY-MM-DD)"),
        ("yesterday", "'yesterday' is not a date; expected YYYY-MM-DD (or YYYY-MM-DD HH:MM)"),
        ("03/04/26", "'03/04/26' has a two-digit year; write the full year, like 2026-03-04"),
        ("03/04/2026", "'03/04/2026': is it day 3 of month 4, or month 3, day 4?" + ORDER_ADVICE),
        (
            "12/12/2026",
            "'12/12/2026': is it day 12 of month 12, or month 12, day 12?" + ORDER_ADVICE,
        ),
        ("13/12/2026", "'13/12/2026': its order is not ISO" + ORDER_ADVICE),
        ("12/13/2026", "'12/13/2026': its order is not ISO" + ORDER_ADVICE),
        (
            "45356",
            "'45356' looks like an Excel serial date; format the column as a date "
            "(YYYY-MM-DD) before exporting, or pass excel_dates=True (--excel-dates)",
        ),
    ],
)
def test_parse_dates_whole_messages(value, message):
    assert messages(parse_dates(text(value))[1]) == [message]


def test_parse_dates_whole_messages_with_an_order_given():
    _, errors, _ = parse_dates(text("31/02/2026"), dayfirst=True)
    assert messages(errors) == ["'31/02/2026' is not a real date"]
    _, errors, _ = parse_dates(text("13/04/2026"), date_format="%m/%d/%Y")
    assert messages(errors) == ["'13/04/2026' does not match date_format '%m/%d/%Y'"]


# -- the date checks: implausible_dates, isolated_dates, date_format --------------------
TODAY = date(2026, 3, 9)  # a year after it is 2027-03-09
WINDOW = "(expected a date between 1900 and 2027-03-09)"


def days(*values) -> pd.Series:
    return pd.Series(
        pd.to_datetime(list(values), format="ISO8601"), index=range(10, 10 + len(values))
    )


def test_implausible_dates_on_both_sides_of_1900_and_of_a_year_after_today():
    dates = days("1899-12-31", "1900-01-01", "2027-03-09 23:59", "2027-03-10", None)
    reasons = implausible_dates(dates, TODAY)
    assert reasons.dtype == "str"
    assert reasons.index.tolist() == [10, 11, 12, 13, 14]
    assert messages(reasons) == [
        f"is before 1900: a typo? {WINDOW}",
        None,
        None,  # the last day allowed, whatever its time
        f"is more than a year in the future: a typo? {WINDOW}",
        None,  # a missing date is not implausible: it has its own error
    ]


def test_implausible_dates_of_pyarrow_dates_leave_a_missing_date_alone():
    # pyarrow-backed dates (read_csv(..., dtype_backend="pyarrow")) compare a missing date
    # to <NA>, not False: it must be neither before 1900 nor in the future
    dates = days("1899-12-31", None, "2027-03-10").astype("timestamp[us][pyarrow]")
    reasons = implausible_dates(dates, TODAY)
    assert messages(reasons) == [
        f"is before 1900: a typo? {WINDOW}",
        None,
        f"is more than a year in the future: a typo? {WINDOW}",
    ]


def test_parse_dates_implausible_dates_are_errors_quoting_the_cell():
    values = text("1899-12-31", "1900-01-01", "2027-03-09", "2027-03-10")
    parsed, errors, codes = parse_dates(values, today=TODAY)
    assert parsed.dtype == "datetime64[us]"
    assert parsed.tolist() == [
        pd.NaT,
        pd.Timestamp("1900-01-01"),
        pd.Timestamp("2027-03-09"),
        pd.NaT,
    ]
    assert messages(errors) == [
        f"'1899-12-31' is before 1900: a typo? {WINDOW}",
        None,
        None,
        f"'2027-03-10' is more than a year in the future: a typo? {WINDOW}",
    ]
    assert messages(codes) == [C.IMPLAUSIBLE_DATE.id, None, None, C.IMPLAUSIBLE_DATE.id]


def test_isolated_dates_says_how_many_years_away_the_nearest_date_is():
    # 2022-03-02 to 2026-03-02 is 1461 days (2024 is a leap year): 1461 / 365.25 = 4.0 years
    dates = days("2026-03-02 07:30", "2026-03-04", "2022-03-02", "2022-03-02 18:00", None)
    away = isolated_dates(dates)
    assert away.dtype == "Float64"
    assert away.index.tolist() == [10, 11, 12, 13, 14]
    assert away.tolist() == [pd.NA, pd.NA, 4.0, 4.0, pd.NA]


def test_isolated_dates_one_year_apart_is_not_isolated_a_day_more_is():
    # 2025 is not a leap year: 2025-01-01 to 2026-01-01 is 365 days, to 2026-01-02 366
    assert isolated_dates(days("2025-01-01", "2026-01-01")).tolist() == [pd.NA, pd.NA]
    away = isolated_dates(days("2025-01-01", "2026-01-02"))
    assert away.tolist() == [366 / 365.25, 366 / 365.25]


def test_isolated_dates_more_than_years_not_exactly_years():
    dates = days("2022-03-02", "2026-03-02")  # 4.0 years apart, as above
    assert isolated_dates(dates, years=4.0).tolist() == [pd.NA, pd.NA]
    assert isolated_dates(dates, years=3.99).tolist() == [4.0, 4.0]


@pytest.mark.parametrize("values", [(), ("2026-03-02",), ("2026-03-02", "2026-03-02 09:00", None)])
def test_isolated_dates_needs_two_days(values):
    away = isolated_dates(days(*values))
    assert away.dtype == "Float64"
    assert away.index.tolist() == list(range(10, 10 + len(values)))
    assert away.isna().all()


@pytest.mark.parametrize("date_format", ["%Y-%m-%d %H:%M%z", "%Y-%m-%d %Z"])
def test_parse_dates_refuses_a_date_format_with_a_time_zone(date_format):
    with pytest.raises(ValueError) as raised:
        parse_dates(text("2026-03-02"), date_format=date_format)
    assert str(raised.value) == (
        f"date_format {date_format!r}: time zones (%z, %Z) are not supported; a log's "
        "dates are local dates, like 2026-03-02 or 2026-03-02 07:30"
    )


def test_parse_dates_refuses_time_zones_a_date_format_reads_without_saying_so():
    # "ISO8601" has no %z, yet reads the +01:00 of a cell into a time zone
    with pytest.raises(ValueError) as raised:
        parse_dates(text("2026-03-02 07:00+01:00"), date_format="ISO8601")
    assert str(raised.value) == "date_format 'ISO8601': time zones are not supported"


def test_parse_dates_names_a_date_format_pandas_cannot_use():
    with pytest.raises(ValueError) as raised:
        parse_dates(text("2026-03-02 07:00"), date_format="%Q")
    assert str(raised.value).startswith("date_format '%Q' cannot be used: ")
