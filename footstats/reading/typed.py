"""The reader's typed first attempt: columns of whole numbers read as numbers.

``footstats.reading.csvfile`` streams a clean file through pyarrow, block by block, every column
as text. A column that should hold whole numbers (sets, reps, pain) is checked as each
block arrives, in a few numpy passes over the block's bytes: while every value is blank or
a whole number written the plain way (ASCII digits, no sign, no leading zero, at most 9
digits), the column stays ``Int64`` and the validation engine skips its text checks, which
could find nothing. Any other value (``two``, `` 3``, ``-1``, ``03``) sends the whole
column down the text path, where each distinct value is checked and reported as before.
Because a plain whole number is the only way to write its value, the text of every cell is
recovered exactly (:func:`text_codes`, :func:`as_text`), so both paths see the same
values, rows and problems.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

__all__ = ["TypedColumn", "as_text", "column_from_arrow", "is_typed", "text_codes"]

MAX_DIGITS = 9  # footstats.core.values.WHOLE: longer counts are typing slips
DENSE_LIMIT = 10_000  # below it, a typed column's codes are its numbers (int16)


_POWERS_OF_TEN = 10 ** np.arange(MAX_DIGITS, dtype=np.int64)


def plain_numbers(strings) -> tuple[np.ndarray, np.ndarray] | None:
    """The values and blank mask of text whose every value is blank or a whole number as
    only it can be written (ASCII digits, no sign, no leading zero, at most
    ``MAX_DIGITS``); None when some value is not.

    Worked out on the text's bytes with numpy: a few passes over two or three bytes a row.
    """
    _, offsets, data = strings.buffers()
    ends = np.frombuffer(offsets, dtype=np.int32)[
        strings.offset : strings.offset + len(strings) + 1
    ]
    first = int(ends[0])
    text = np.frombuffer(data, dtype=np.uint8)[first : ends[-1]] if data else np.zeros(0, np.uint8)
    digits = text - np.uint8(ord("0"))  # wraps around below "0": only digits stay under 10
    if (digits >= 10).any():
        return None
    lengths = np.diff(ends)
    if lengths.max(initial=0) > MAX_DIGITS:
        return None
    starts = ends[:-1] - first
    blank = lengths == 0
    if (digits[starts[lengths > 1]] == 0).any():  # a leading zero
        return None
    row = np.repeat(np.arange(len(lengths)), lengths)
    place = (ends[1:] - first)[row] - 1 - np.arange(len(text))  # 0 for the last digit
    values = np.bincount(row, weights=digits * _POWERS_OF_TEN[place], minlength=len(lengths))
    return values.astype(np.int64), blank


def column_from_arrow(strings, whole: bool) -> pd.Series:
    """One column of a file read as text: ``Int64`` when ``whole`` and every value is a
    plain whole number or blank, else categorical text (one code per distinct value)."""
    import pyarrow as pa

    column = TypedColumn(whole)
    chunks = strings.chunks if isinstance(strings, pa.ChunkedArray) else [strings]
    for chunk in chunks:
        column.add(chunk)
    if not chunks:
        column.add(pa.array([], pa.string()))
    return column.series()


class TypedColumn:
    """One column of a file read block by block: whole numbers while every block's values
    are plain (``whole``), else text; :meth:`series` gives the column for pandas.

    ``rows``: how many rows the file has at most (its line breaks), when known: the numbers
    then go straight into one array of that length instead of being joined at the end (a
    second copy of every typed column while the file is read).
    """

    def __init__(self, whole: bool, rows: int | None = None):
        self.whole = whole
        self.blocks: list = []  # (values, blank) while typed, else dictionary arrays
        self.filled = 0
        if whole and rows is not None:
            self.blocks = [(np.empty(rows, np.int64), np.empty(rows, bool))]

    def add(self, strings) -> None:
        import pyarrow as pa
        import pyarrow.compute as pc

        numbers = plain_numbers(strings) if self.whole else None
        if numbers is not None:
            self._keep(*numbers)
            return
        if self.whole:  # this block is not plain: the column is text, earlier blocks too
            self.whole = False
            self.blocks = [
                pc.dictionary_encode(pc.fill_null(pa.array(v, mask=m).cast(pa.string()), ""))
                for v, m in self._numbers()
            ]
        self.blocks.append(pc.dictionary_encode(strings))

    def _keep(self, values: np.ndarray, blank: np.ndarray) -> None:
        end = self.filled + len(values)
        if len(self.blocks) == 1 and end <= len(self.blocks[0][0]):  # into the one array
            self.blocks[0][0][self.filled : end] = values
            self.blocks[0][1][self.filled : end] = blank
        else:
            self.blocks = [*self._numbers(), (values, blank)]
        self.filled = end

    def _numbers(self) -> list[tuple[np.ndarray, np.ndarray]]:
        """The (values, blank) blocks read so far (the one array cut to the rows filled)."""
        if len(self.blocks) == 1:
            values, blank = self.blocks[0]
            return [(values[: self.filled], blank[: self.filled])]
        return self.blocks

    def series(self) -> pd.Series:
        import pyarrow as pa

        if self.whole:
            blocks = self._numbers()
            if len(blocks) == 1:
                values, blank = blocks[0]
            else:
                values = np.concatenate([v for v, _ in blocks] or [np.zeros(0, np.int64)])
                blank = np.concatenate([m for _, m in blocks] or [np.zeros(0, bool)])
            return pd.Series(pd.arrays.IntegerArray(values, blank))
        dictionary = pa.dictionary(pa.int32(), pa.string())
        chunks = pa.chunked_array(self.blocks, dictionary).unify_dictionaries()
        return pd.Series(chunks.to_pandas())


def is_typed(values: pd.Series) -> bool:
    """Whether a raw column took the typed path (text columns are categorical or str)."""
    return isinstance(values.dtype, pd.Int64Dtype)


def text_codes(values: pd.Series) -> tuple[np.ndarray, pd.Series]:
    """A typed column as text: a code per row and the distinct values as written.

    Blank cells are ``""``, like blank text cells.
    """
    largest = int(values.max()) if values.notna().any() else -1
    if largest < DENSE_LIMIT:  # set counts, reps, pain: code = the number + 1, blank = 0
        codes = values.to_numpy(dtype=np.int16, na_value=-1)  # no int64 copy on the way
        codes += 1
        return codes, pd.Series(["", *map(str, range(largest + 1))], dtype="str")
    codes, uniques = pd.factorize(values, use_na_sentinel=True)
    codes = np.where(codes < 0, len(uniques), codes)
    written = [str(int(v)) for v in uniques] + [""]
    return codes, pd.Series(written, dtype="str")


def as_text(frame: pd.DataFrame) -> pd.DataFrame:
    """``frame`` with its typed columns back as the text they were read from."""
    typed = [c for c in frame.columns if is_typed(frame[c])]
    if not typed:
        return frame
    frame = frame.copy()
    for column in typed:
        if len(frame) <= DENSE_LIMIT:  # a sample of rows: one by one is quicker
            written = ["" if pd.isna(v) else str(v) for v in frame[column]]
            frame[column] = pd.Series(written, index=frame.index, dtype="category")
            continue
        codes, written = text_codes(frame[column])
        frame[column] = pd.Series(pd.Categorical.from_codes(codes, written), index=frame.index)
    return frame
