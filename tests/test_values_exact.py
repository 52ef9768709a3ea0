"""Exact tests of footstats._values: whole messages, both sides of each limit, and which
reading wins when several are asked for.

They complement tests/test_values.py so that a changed message or a moved limit fails a
test (``make mutate``). The lines whose mutants no test can tell from the original are
listed with their reasons in ``[tool.mutmut]`` of pyproject.toml; three more such mutants
are left alive on purpose:

- ``_no_errors``: ``pd.Series(pd.NA, index=index, dtype="str")`` with ``None`` or no value
  instead of ``pd.NA``: a "str" Series stores all three as the same missing value.
- ``strip_cells``: ``str.contains(..., regex=True)`` without ``regex``, whose default is
  ``True``.
"""

from __future__ import annotations

import warnings

import pandas as pd
import pytest

from footstats._values import parse_dates, parse_decimal, parse_side, parse_whole


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
