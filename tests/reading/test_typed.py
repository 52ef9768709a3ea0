"""The reader's typed first attempt (footstats.reading.typed) gives what the text path gives.

Whole-number columns whose every value is plain are read as numbers; any other column
takes the text path. Both must load the same rows with the same values and report the same
problems at the same lines, whatever the values.
"""

from __future__ import annotations

from unittest import mock

import pandas as pd
import pyarrow as pa
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import footstats.reading.log
from footstats import validate_log
from footstats.reading.csvfile import parse_table
from footstats.reading.typed import TypedColumn, as_text, column_from_arrow, is_typed, text_codes
from footstats.reading.validation import holds_whole_numbers

# values a whole-number cell may hold: plain ones, and every way of writing a number that
# pyarrow or Python would read but the checks must see as written
PLAIN = ["", "0", "1", "2", "3", "10", "12", "123456789"]
ODD = ["07", "00", "-0", "+5", "-3", " 3", "3 ", "٣", "1234567890", "11", "two", "2.5", "0x1F"]
NUMBER = st.sampled_from(PLAIN + ODD)
PLAIN_NUMBER = st.sampled_from(PLAIN)


def _text_path_only():
    """Every column read as text: the reader before the typed attempt."""
    return mock.patch.object(footstats.reading.log, "holds_whole_numbers", lambda name: False)


def _both_paths(data: bytes):
    typed = validate_log(data, today=pd.Timestamp("2026-12-02").date())
    with _text_path_only():
        text = validate_log(data, today=pd.Timestamp("2026-12-02").date())
    return typed, text


def _assert_same(typed, text):
    pd.testing.assert_frame_equal(typed.log, text.log)
    pd.testing.assert_frame_equal(typed.problems, text.problems)


ROW = st.tuples(
    st.sampled_from(["p1", "p2"]),
    st.sampled_from(["2026-03-02", "2026-03-04", "2026-03-02 07:30"]),
    st.sampled_from(["Heel raises", "Toe walking", ""]),
    NUMBER | PLAIN_NUMBER,
    NUMBER | PLAIN_NUMBER,
    NUMBER | PLAIN_NUMBER,
)


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(rows=st.lists(ROW, min_size=1, max_size=12))
def test_typed_and_text_paths_give_the_same_log_and_problems(rows):
    lines = ["participant,date,exercise,sets,reps,pain_back"]
    lines += [",".join(row) for row in rows]
    typed, text = _both_paths(("\n".join(lines) + "\n").encode())
    _assert_same(typed, text)


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(rows=st.lists(st.tuples(PLAIN_NUMBER, PLAIN_NUMBER), min_size=1, max_size=8))
def test_duplicate_rows_and_pain_clashes_agree_on_the_typed_path(rows):
    # one session: every differing pain value clashes, every repeated row is a duplicate
    lines = ["date,exercise,sets,pain_knee"]
    lines += [f"2026-03-02,Heel raises,{sets},{pain}" for sets, pain in rows]
    typed, text = _both_paths(("\n".join(lines) + "\n").encode())
    _assert_same(typed, text)


def test_plain_whole_columns_are_read_typed_and_others_as_text():
    text = "date,sets,reps,pain_back,notes\n2026-03-02,2,,3,7\n2026-03-03,10,07,,8\n"
    raw = parse_table("log.csv", text, [], whole=holds_whole_numbers)
    assert [is_typed(raw.frame[i]) for i in range(5)] == [False, True, False, True, False]
    assert raw.frame[1].tolist() == [2, 10]
    assert raw.frame[3].isna().tolist() == [False, True]
    assert raw.frame[2].astype("str").tolist() == ["", "07"]  # a leading zero: as written


@pytest.mark.parametrize(
    "values, typed",
    [
        (["1", "", "20", "0"], True),
        (["123456789"], True),
        (["01"], False),  # leading zero
        (["-1"], False),
        (["-0"], False),
        (["+5"], False),
        ([" 1"], False),
        (["1 "], False),
        (["٣"], False),  # a non-ASCII digit
        (["1234567890"], False),  # more than 9 digits
        (["0x1F"], False),
    ],
)
def test_only_plain_whole_numbers_take_the_typed_path(values, typed):
    column = column_from_arrow(pa.array(values, pa.string()), whole=True)
    assert is_typed(column) is typed
    codes, written = text_codes(column) if typed else (None, None)
    if typed:  # the text is recovered exactly
        assert written.to_numpy(dtype=object)[codes].tolist() == values


def test_a_column_not_asked_for_is_text_even_when_plain():
    column = column_from_arrow(pa.array(["1", "2"], pa.string()), whole=False)
    assert not is_typed(column)
    assert column.astype("str").tolist() == ["1", "2"]


def test_as_text_turns_typed_columns_back_into_their_text():
    frame = pd.DataFrame(
        {0: column_from_arrow(pa.array(["4", "", "123"], pa.string()), whole=True)}
    )
    assert as_text(frame)[0].astype("str").tolist() == ["4", "", "123"]


def test_a_typed_pain_column_over_ten_is_still_reported():
    loaded = validate_log(b"date,exercise,sets,pain_back\n2026-03-02,Heel raises,2,11\n")
    first = loaded.problems.iloc[0]
    assert (int(first["line"]), first["column"], first["code"]) == (2, "pain_back", "FS203")


def test_a_column_typed_in_its_first_blocks_turns_text_when_a_later_block_is_not_plain():
    column = TypedColumn(whole=True)
    column.add(pa.array(["3", "", "12"], pa.string()))
    column.add(pa.array(["4", "four"], pa.string()))
    values = column.series()
    assert not is_typed(values)
    assert values.astype("str").tolist() == ["3", "", "12", "4", "four"]


def test_a_column_plain_in_every_block_stays_typed():
    column = TypedColumn(whole=True)
    column.add(pa.array(["3", ""], pa.string()))
    column.add(pa.array(["4"], pa.string()))
    assert column.series().tolist() == [3, pd.NA, 4]


def test_as_text_of_many_rows_gives_the_same_text():
    values = [str(n % 97) if n % 5 else "" for n in range(10_050)]
    frame = pd.DataFrame({0: column_from_arrow(pa.array(values, pa.string()), whole=True)})
    assert is_typed(frame[0])
    assert as_text(frame)[0].astype("str").tolist() == values


@pytest.mark.parametrize("odd", ["07", "x", ""])
def test_a_file_of_many_blocks_reads_the_same_on_both_paths(odd):
    # about 2 MB: pyarrow reads it in several blocks; the odd value sits in the last one
    # (a participant a row: no session shares pain, no row repeats another)
    rows = [f"p{n},2026-03-02,Heel raises,{n % 7},{n % 11}" for n in range(60_000)]
    rows[-3] = f"p{60_000 - 3},2026-03-02,Heel raises,{odd},4"
    data = ("participant,date,exercise,sets,pain_back\n" + "\n".join(rows) + "\n").encode()
    typed, text = _both_paths(data)
    _assert_same(typed, text)
    assert len(typed.log) == 60_000 - (odd != "07")  # "x" and a blank set count: errors
