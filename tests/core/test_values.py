"""Tests of footstats.core.values: the vectorised cell parsers.

Each parser takes stripped strings ("" = blank) and returns typed values plus a Series of
error messages (<NA> where the cell is fine) and a Series of their problem codes.
"""

from __future__ import annotations

from datetime import date

import pandas as pd
import pytest

from footstats.columns import SIDES
from footstats.core.values import (
    future_mask,
    parse_dates,
    parse_decimal,
    parse_side,
    parse_whole,
    strip_cells,
)


def text(*values: str) -> pd.Series:
    return pd.Series(list(values), dtype="str")


def fine(errors: pd.Series) -> list[bool]:
    return errors.isna().tolist()


# -- strip_cells --------------------------------------------------------------------------
def test_strip_cells_strips_spaces_and_invisible_characters():
    values = text(" 2 ", "\u00a02", "\u200bHeel raises\u200b", "\ufeff3", "\u202f4\u2060", "a b")
    stripped, invisible = strip_cells(values)
    assert stripped.tolist() == ["2", "2", "Heel raises", "3", "4", "a b"]
    # plain spaces are ordinary; only invisible characters are worth a notice
    assert invisible.tolist() == [False, True, True, True, True, False]


def test_strip_cells_does_not_mutate_its_input():
    values = text(" 2 ")
    strip_cells(values)
    assert values.tolist() == [" 2 "]


# -- parse_whole --------------------------------------------------------------------------
def test_parse_whole_good_and_blank():
    numbers, errors, codes = parse_whole(text("0", "3", "", "12"), what="sets")
    assert numbers.dtype == "Int64"
    assert numbers.tolist() == [0, 3, pd.NA, 12]
    assert fine(errors) == [True] * 4


@pytest.mark.parametrize(
    ("value", "words", "code"),
    [
        ("two", "not a number", "FS208"),
        ("nan", "not a number", "FS208"),
        ("inf", "not a number", "FS208"),
        ("1e1", "not a number", "FS208"),
        ("1_0", "not a number", "FS208"),
        ("0x10", "not a number", "FS208"),
        ("-1", "negative", "FS204"),
        ("1.5", "not a whole number", "FS205"),
        ("1,5", "not a whole number", "FS205"),
        ("10-Aug", "spreadsheet", "FS206"),
        ("8-10", "spreadsheet", "FS206"),
        ("8 – 10", "spreadsheet", "FS206"),
    ],
)
def test_parse_whole_refuses(value, words, code):
    numbers, errors, codes = parse_whole(text("2", value), what="sets")
    assert numbers.tolist() == [2, pd.NA]
    assert fine(errors) == [True, False]
    assert words in errors.iloc[1] and "sets" in errors.iloc[1]
    assert codes.isna().tolist() == [True, False] and codes.iloc[1] == code


def test_parse_whole_huge_number_is_an_error_not_an_exception():
    numbers, errors, codes = parse_whole(text("99999999999999999999"), what="sets")
    assert numbers.tolist() == [pd.NA]
    assert fine(errors) == [False] and codes.tolist() == ["FS207"]


def test_parse_whole_with_an_upper_bound():
    numbers, errors, codes = parse_whole(text("0", "10", "11", "7.5"), what="pain", high=10)
    # 11 is never clipped to 10 and 7.5 never truncated to 7
    assert numbers.tolist() == [0, 10, pd.NA, pd.NA]
    assert fine(errors) == [True, True, False, False]
    assert "outside 0–10" in errors.iloc[2]
    assert codes.fillna("").tolist() == ["", "", "FS203", "FS205"]


def test_parse_whole_keeps_the_index():
    values = pd.Series(["1", "x"], index=[10, 20], dtype="str")
    numbers, errors, codes = parse_whole(values, what="reps")
    assert numbers.index.tolist() == errors.index.tolist() == [10, 20]


# -- parse_decimal ------------------------------------------------------------------------
def test_parse_decimal_point():
    numbers, errors, codes = parse_decimal(
        text("60", "60.5", "", "0.25"), what="seconds", decimal_comma=False
    )
    assert numbers.dtype == "Float64"
    assert numbers.tolist() == [60.0, 60.5, pd.NA, 0.25]
    assert fine(errors) == [True] * 4


def test_parse_decimal_comma_only_when_asked():
    values = text("60,5", "7")
    assert parse_decimal(values, what="seconds", decimal_comma=True)[0].tolist() == [60.5, 7.0]
    numbers, errors, codes = parse_decimal(values, what="seconds", decimal_comma=False)
    assert numbers.tolist() == [pd.NA, 7.0] and fine(errors) == [False, True]


@pytest.mark.parametrize("value", ["ten", "nan", "inf", "1e1", "1_0", "-5", "-0.5", "1.2.3", "."])
def test_parse_decimal_refuses(value):
    numbers, errors, codes = parse_decimal(text(value), what="seconds", decimal_comma=False)
    assert numbers.tolist() == [pd.NA]
    assert fine(errors) == [False] and "seconds" in errors.iloc[0]


# -- parse_side ---------------------------------------------------------------------------
def test_parse_side():
    values = text("L", "r", "B", "left", "RIGHT", "Both", "")
    sides, errors, codes = parse_side(values)
    assert sides.tolist() == ["left", "right", "both", "left", "right", "both", "both"]
    assert list(sides.cat.categories) == list(SIDES)
    assert fine(errors) == [True] * 7


@pytest.mark.parametrize("value", ["up", "lr", "0", "links"])
def test_parse_side_refuses(value):
    sides, errors, codes = parse_side(text(value))
    assert sides.isna().tolist() == [True]
    assert "left, right or both" in errors.iloc[0] and codes.tolist() == ["FS209"]


# -- parse_dates --------------------------------------------------------------------------
def test_parse_dates_iso_and_datetime():
    parsed, errors, codes = parse_dates(
        text("2026-03-02", "2026-03-02 07:30", "2026-03-02T18:05:09")
    )
    assert parsed.dtype.kind == "M"
    assert parsed.tolist() == [
        pd.Timestamp("2026-03-02"),
        pd.Timestamp("2026-03-02 07:30"),
        pd.Timestamp("2026-03-02 18:05:09"),
    ]
    assert fine(errors) == [True] * 3


@pytest.mark.parametrize(
    ("value", "words", "code"),
    [
        ("2026-02-30", "not a real date", "FS216"),
        ("2026-02-29", "not a real date", "FS216"),  # 2026 is not a leap year
        ("2026-03-02 24:00", "not a real date", "FS216"),
        ("yesterday", "not a date", "FS213"),
        ("03/04/2026", "dayfirst", "FS214"),
        ("25/03/2026", "dayfirst", "FS214"),
        ("03/04/26", "two-digit year", "FS215"),
        ("45356", "Excel", "FS217"),
        ("", "blank", "FS212"),
        ("0226-03-02", "before 1900", "FS219"),
    ],
)
def test_parse_dates_refuses(value, words, code):
    parsed, errors, codes = parse_dates(text("2026-03-02", value))
    assert parsed.isna().tolist() == [False, True]
    assert fine(errors) == [True, False]
    assert words in errors.iloc[1]
    assert codes.isna().tolist() == [True, False] and codes.iloc[1] == code


def test_parse_dates_ambiguous_message_offers_both_options():
    message = parse_dates(text("03/04/2026"))[1].iloc[0]
    assert "dayfirst=True" in message and "date_format=" in message


def test_parse_dates_dayfirst():
    parsed, errors, codes = parse_dates(
        text("03/04/2026", "3.4.2026", "31-12-2026 07:30", "2026-03-05"), dayfirst=True
    )
    assert parsed.tolist() == [
        pd.Timestamp("2026-04-03"),
        pd.Timestamp("2026-04-03"),
        pd.Timestamp("2026-12-31 07:30"),
        pd.Timestamp("2026-03-05"),  # ISO still reads as ISO
    ]
    assert fine(errors) == [True] * 4


def test_parse_dates_dayfirst_still_refuses_impossible_dates():
    parsed, errors, codes = parse_dates(text("31/02/2026", "13/13/2026"), dayfirst=True)
    assert parsed.isna().all() and not errors.isna().any()


def test_parse_dates_date_format():
    parsed, errors, codes = parse_dates(
        text("04/03/2026", "2026-03-05", "13/04/2026"), date_format="%m/%d/%Y"
    )
    assert parsed.tolist()[:2] == [pd.Timestamp("2026-04-03"), pd.Timestamp("2026-03-05")]
    assert fine(errors) == [True, True, False]  # there is no month 13
    assert "date_format" in errors.iloc[2] and codes.iloc[2] == "FS218"


def test_parse_dates_excel_serials_only_when_asked():
    # 45356 days after 1899-12-30 is 2024-03-05 (45292 = 2024-01-01; + 31 + 29 + 4)
    parsed, errors, codes = parse_dates(text("45356", "45356.5"), excel_dates=True)
    assert parsed.tolist() == [pd.Timestamp("2024-03-05"), pd.Timestamp("2024-03-05 12:00")]
    assert fine(errors) == [True, True]


# -- future_mask --------------------------------------------------------------------------
def test_future_mask():
    dates = pd.Series(
        pd.to_datetime(["2026-03-01", "2026-03-02 23:59", "2026-03-03", None], format="ISO8601")
    )
    # "today" is 2026-03-02: any time that day is not in the future
    assert future_mask(dates, date(2026, 3, 2)).tolist() == [False, False, True, False]
