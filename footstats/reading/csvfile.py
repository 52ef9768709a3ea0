"""The file layer: bytes -> text -> a raw table of strings with physical line numbers.

Nothing here knows what the columns mean. Every record of the file ends up either as a
row of the raw table or as a problem naming its physical line: the line where the record
starts, counting every line break (CRLF, LF or CR) including those inside quoted values.

Clean files take a fast path through ``pyarrow.csv``; anything unusual (blank lines,
line breaks inside quotes, a row with the wrong number of fields) takes the exact path
through Python's ``csv`` module, which tracks physical lines.
"""

from __future__ import annotations

import csv
import io
import os
import re
import threading
from contextlib import contextmanager
from dataclasses import dataclass, field

import numpy as np
import pandas as pd

from footstats.columns import LINE
from footstats.core import codes as C
from footstats.core.inputs import read_regular_file
from footstats.core.problems import line_list, problem
from footstats.reading.typed import TypedColumn, is_typed

DELIMITERS = {",": "comma", ";": "semicolon", "\t": "tab"}
MAX_COLUMNS = 1_000  # a log has a dozen; more is another kind of file
MAX_HEADER_CHARS = 65_536
_BOMS = (
    (b"\xef\xbb\xbf", "utf-8-sig", "UTF-8 with a byte-order mark"),
    (b"\xff\xfe", "utf-16", "UTF-16 (little-endian)"),
    (b"\xfe\xff", "utf-16", "UTF-16 (big-endian)"),
)
_ZIP = b"PK\x03\x04"
_OLE2 = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"  # legacy .xls


class Unreadable(Exception):
    """The input cannot be read at all (missing, a folder, no permission): a usage error."""

    def __init__(self, record: dict):
        super().__init__(record["message"])
        self.record = record


class NotALog(Exception):
    """The input was read but is not a CSV text (empty, binary, bad encoding)."""

    def __init__(self, records: list[dict]):
        super().__init__(records[0]["message"])
        self.records = records


@dataclass
class RawTable:
    """A CSV file as strings: ``frame`` has the header names as written plus ``line``."""

    file: str
    header: list[str]
    frame: pd.DataFrame
    delimiter: str
    dialect: str
    problems: list[dict] = field(default_factory=list)
    spans: dict[int, int] = field(default_factory=dict)  # first -> last line, multi-line records
    lines: int = 0  # physical lines of the file


def source_label(source) -> str:
    """The name problems give the input: its path, or an open file's name."""
    if isinstance(source, str | os.PathLike):
        return str(source)
    if isinstance(source, bytes | bytearray):
        return "<bytes>"
    return str(getattr(source, "name", "<buffer>"))


def read_source(source) -> bytes | str:
    """The raw content of a path, bytes, or an open binary/text buffer."""
    label = source_label(source)
    if isinstance(source, bytes | bytearray):
        return bytes(source)
    if isinstance(source, str | os.PathLike):
        try:
            # Opened read-only: the user's file is never modified; a device is refused.
            return read_regular_file(source)
        except OSError as exc:
            reason = exc.strerror or str(exc)
            raise Unreadable(
                problem(label, None, "-", "", C.CANNOT_READ, f"cannot read {label}: {reason}")
            ) from None
    if hasattr(source, "read"):
        return source.read()
    raise TypeError(f"expected a path, bytes or an open file, got {type(source).__name__}")


def decode(label: str, data: bytes | str, encoding: str | None) -> tuple[str, list[str]]:
    """Text with line breaks normalised to LF, and words describing what was found."""
    if isinstance(data, str):
        return _normalise_newlines(data)
    if not data:
        raise NotALog([problem(label, 1, "-", "", C.EMPTY_FILE, "empty file, expected a header")])
    if data.startswith(_ZIP) or data.startswith(_OLE2):
        raise NotALog(
            [
                problem(
                    label,
                    None,
                    "-",
                    "",
                    C.EXCEL_WORKBOOK,
                    "this is an Excel workbook, not a CSV file: export it as CSV "
                    "(File > Save As > CSV UTF-8)",
                )
            ]
        )
    notes = []
    if encoding is not None:
        notes.append(f"as {encoding}")
    else:
        bom = next((b for b in _BOMS if data.startswith(b[0])), None)
        if bom is not None:
            encoding = bom[1]
            notes.append(bom[2])
        else:
            encoding = "utf-8"
            if b"\x00" in data and _looks_binary(data):
                raise NotALog([problem(label, None, "-", "", C.NOT_TEXT, _binary_message(data))])
    try:
        text = data.decode(encoding)
    except UnicodeDecodeError as exc:
        raise NotALog([_decode_problem(label, data, exc, encoding)]) from None
    except LookupError:
        raise NotALog(
            [
                problem(
                    label, None, "-", encoding, C.UNKNOWN_ENCODING, f"unknown encoding {encoding!r}"
                )
            ]
        ) from None
    text, endings = _normalise_newlines(text.removeprefix("\ufeff"))
    return text, notes + endings


def _looks_binary(data: bytes) -> bool:
    head = data[:4096]
    controls = sum(b < 9 or 13 < b < 32 for b in head)
    return controls > len(head) // 20


def _binary_message(data: bytes) -> str:
    head = data[:200]
    # ASCII text in UTF-16: the zero byte of each character comes second (little-endian)
    # or first (big-endian)
    little, big = head[1::2].count(0), head[0::2].count(0)
    if max(little, big) > len(head) // 4:
        encoding = "utf-16-le" if little >= big else "utf-16-be"
        return (
            "not a text file: it looks like UTF-16 without a byte-order mark; "
            f"pass encoding='{encoding}' (footstats check --encoding {encoding})"
        )
    return "not a text file: expected a CSV log (text with one row per exercise per session)"


def _decode_problem(label: str, data: bytes, exc: UnicodeDecodeError, encoding: str) -> dict:
    before = data[: exc.start]  # its line breaks: LF, CR and CRLF (one break, not two)
    line = before.count(b"\n") + before.count(b"\r") - before.count(b"\r\n") + 1
    bad = data[exc.start : exc.start + 1]
    others = _normalise_newlines(data.decode(encoding, errors="replace"))[0].split("\n")
    more = sum("\ufffd" in text for text in others[line:])
    tail = f" (and {more} more lines)" if more else ""
    return problem(
        label,
        line,
        "-",
        f"0x{bad.hex().upper()}",
        C.NOT_UTF8,
        f"byte 0x{bad.hex().upper()} is not UTF-8{tail}: the file was probably saved by an older "
        "Excel as Windows-1252; save it as 'CSV UTF-8', or read it with encoding='cp1252' "
        "(footstats check --encoding cp1252)",
    )


def _normalise_newlines(text: str) -> tuple[str, list[str]]:
    if "\r" not in text:  # the common case: one scan instead of three
        return text, []
    crlf = text.count("\r\n")
    cr = text.count("\r") - crlf
    lf = text.count("\n") - crlf
    kinds = [name for name, n in (("CRLF", crlf), ("CR", cr), ("LF", lf)) if n]
    notes = []
    if len(kinds) > 1:
        notes.append("mixed line endings (" + ", ".join(kinds) + ")")
    elif kinds and kinds[0] != "LF":
        notes.append(f"{kinds[0]} line endings")
    if crlf or cr:
        text = text.replace("\r\n", "\n").replace("\r", "\n")
    return text, notes


def sniff_delimiter(text: str) -> str:
    """The delimiter of the header line: the most frequent of ``,`` ``;`` and tab."""
    end = text.find("\n")
    first = text if end == -1 else text[:end]  # no copy of the rest of the file
    outside = first.split('"')[::2]  # ignore delimiters inside quoted header names
    counts = {d: sum(part.count(d) for part in outside) for d in DELIMITERS}
    best = max(counts, key=lambda d: counts[d])
    return best if counts[best] else ","


def parse_table(label: str, text: str, notes: list[str], whole=None) -> RawTable:
    """Split the text into the header and a frame of strings with a ``line`` column.

    ``whole``: header name -> whether that column should hold whole numbers; on the fast
    path such a column is read as ``Int64`` when all its values are plain whole numbers or
    blank (``footstats.reading.typed``).
    """
    delimiter = sniff_delimiter(text)
    _check_header_size(label, text, delimiter)
    table = _parse_fast(label, text, delimiter, whole)
    if table is None:
        table = _parse_exact(label, text, delimiter)
    return _with_dialect(table, notes, delimiter)


def parse_plain(label: str, data, encoding: str | None, whole=None) -> RawTable | None:
    """The fast path straight from the file's bytes, without decoding them to text first.

    Plain UTF-8 (a byte-order mark allowed, LF or CRLF line endings) that pyarrow reads as
    one record per line; None for anything else, which the caller then decodes
    (:func:`decode`) and parses as text (:func:`parse_table`): that path reports whatever
    made this one decline. Saves the decoded text and its UTF-8 copy (twice the file) and
    their scans.
    """
    if encoding is not None or not isinstance(data, bytes) or b"\x00" in data:
        return None
    if data.startswith(_ZIP) or data.startswith(_OLE2):
        return None
    notes, begin = [], 0
    utf8_bom, _, bom_note = _BOMS[0]
    if data.startswith(utf8_bom):
        notes, begin = [bom_note], len(utf8_bom)
    if b"\r" in data:  # CRLF throughout: read without the CRs; CR or mixed endings decline
        crlf = data.count(b"\r\n")
        if crlf != data.count(b"\r") or crlf != data.count(b"\n"):
            return None
        data = data.replace(b"\r\n", b"\n")
        notes.append("CRLF line endings")
    end = data.find(b"\n", begin)
    if end == -1 or end - begin > MAX_HEADER_CHARS:
        return None
    try:
        head = data[begin:end].decode()  # UTF-8, the default
    except UnicodeDecodeError:
        return None
    delimiter = sniff_delimiter(head)
    _check_header_size(label, head, delimiter)
    table = _parse_fast(label, data, delimiter, whole, begin)
    return None if table is None else _with_dialect(table, notes, delimiter)


def _with_dialect(table: RawTable, notes: list[str], delimiter: str) -> RawTable:
    """``table`` with what was noticed of the file (encoding, endings, delimiter) noted."""
    if delimiter != ",":
        notes = [*notes, f"{DELIMITERS[delimiter]}-separated"]
    table.dialect = ", ".join(notes)
    if notes:
        table.problems.insert(
            0, problem(table.file, None, "-", "", C.DIALECT, "read " + table.dialect)
        )
    return table


def _check_header_size(label: str, text: str, delimiter: str) -> None:
    """Refuse a first line no log has (time and memory would grow with it, not the data)."""
    end = text.find("\n")
    length = len(text) if end == -1 else end
    if length > MAX_HEADER_CHARS:
        message = (
            f"the first line is {length:,} characters long; expected a header of column names "
            f"(at most {MAX_HEADER_CHARS:,} characters): is this a log?"
        )
        raise NotALog([problem(label, 1, "-", "", C.HEADER_TOO_LONG, message)])
    columns = text.count(delimiter, 0, length) + 1
    if columns > MAX_COLUMNS:
        message = (
            f"the header has {columns:,} columns; a log has at most {MAX_COLUMNS:,} "
            "(is this a log, or exported with another delimiter?)"
        )
        raise NotALog([problem(label, 1, "-", "", C.TOO_MANY_COLUMNS, message)])


def _parse_fast(
    label: str, text: str | bytes, delimiter: str, whole=None, begin: int = 0
) -> RawTable | None:
    """pyarrow's reader when every record is exactly one non-blank line; else None.

    ``text``: the file as text, or as UTF-8 bytes with LF line breaks whose header starts
    at ``begin`` (after a byte-order mark); bytes that are not UTF-8 give None.
    """
    import pyarrow as pa
    import pyarrow.csv as pacsv

    data = text.encode() if isinstance(text, str) else text  # UTF-8, the default
    start = data.find(b"\n", begin) + 1  # the body, without copying it out of the data
    if not start or start == len(data) or data.find(b'"', begin, start) != -1:
        return None
    if data.startswith(b"\n", start) or data.find(b"\n\n", start) != -1:
        return None
    body = memoryview(data)[start:]
    if data.find(b'"', start) != -1 and not _quotes_are_plain(bytes(body), delimiter):
        return None
    try:
        head = data[begin : start - 1].decode()  # UTF-8, the default
    except UnicodeDecodeError:
        return None
    header = head.split(delimiter)
    names = [f"f{i}" for i in range(len(header))]
    lines = data.count(b"\n", start) + (not data.endswith(b"\n"))  # one record each
    columns = [TypedColumn(whole is not None and whole(name), lines) for name in header]
    rows = 0
    try:  # block by block: the text of only one block is held at a time
        blocks = pacsv.open_csv(
            pa.BufferReader(pa.py_buffer(body)),
            read_options=pacsv.ReadOptions(column_names=names),
            parse_options=pacsv.ParseOptions(delimiter=delimiter, newlines_in_values=True),
            convert_options=pacsv.ConvertOptions(
                column_types={n: pa.string() for n in names},
                strings_can_be_null=False,
                quoted_strings_can_be_null=False,
            ),
        )
        for block in blocks:
            rows += block.num_rows
            # strict=True: a column per header name, in every block (for the linter, B905)
            for column, strings in zip(
                columns,
                block.columns,
                strict=True,
            ):
                column.add(strings)
    except pa.ArrowInvalid:
        return None
    if rows != lines:  # a quoted line break joined two lines into one record
        return None
    del body, data, text
    series = {position: column.series() for position, column in enumerate(columns)}
    del columns
    pa.default_memory_pool().release_unused()  # the blocks' text, not kept by the allocator
    frame = pd.DataFrame(series, copy=False)
    frame[LINE] = np.arange(2, lines + 2)  # int64
    problems = []
    blank = np.ones(len(frame), dtype=bool)
    for position in range(len(header)):  # lines of only delimiters: per distinct value
        blank &= _blank_cells(frame[position])
        if not blank.any():
            break
    if blank.any():
        problems.append(_blank_notice(label, frame.loc[blank, LINE].tolist()))
        frame = frame[~blank].reset_index(drop=True)
    return RawTable(label, header, frame, delimiter, "", problems, {}, lines + 1)


def _blank_cells(values: pd.Series) -> np.ndarray:
    """Rows whose value is blank or only spaces (checked once per distinct value)."""
    if is_typed(values):
        return values.isna().to_numpy()
    empty = pd.Series(values.cat.categories).str.strip() == ""
    return empty.to_numpy()[values.cat.codes.to_numpy()]


def _quotes_are_plain(data: bytes, delimiter: str) -> bool:
    """Every quote opens a field, closes one, or is doubled, and every quote opened is
    closed: pyarrow and csv then agree.

    pyarrow quietly accepts odd quoting such as ``"ab"c``, which the csv module rejects;
    such files take the exact path so the answer never depends on the path taken.
    """
    buffer = np.frombuffer(data, dtype=np.uint8)
    quotes = np.flatnonzero(buffer == ord('"'))
    if len(quotes) % 2:  # a quote never closed (pyarrow closes one at the end of the data)
        return False
    last = len(buffer) - 1
    # the bytes on either side of each quote; the ends of the text count as line breaks
    before = np.where(quotes > 0, buffer[np.maximum(quotes - 1, 0)], ord("\n"))
    after = np.where(quotes < last, buffer[np.minimum(quotes + 1, last)], ord("\n"))
    edge = np.array([ord("\n"), ord(delimiter), ord('"')], dtype=np.uint8)
    return bool(np.all(np.isin(before, edge) | np.isin(after, edge)))


def _parse_exact(label: str, text: str, delimiter: str) -> RawTable:
    """Python's csv module, which knows the physical line each record ends on.

    A value is never cut short (the csv module's field size limit is lifted for the read)
    and reading never resumes inside a value: after a record that is not valid CSV, the
    lines up to the one where its quotes balance belong to that one error.
    """
    lines_in = io.StringIO(text, newline="")
    reader = csv.reader(lines_in, delimiter=delimiter, strict=True)
    last_line = line_count(text)
    problems: list[dict] = []
    rows: list[list[str]] = []
    starts: list[tuple[int, int]] = []
    spans: dict[int, int] = {}
    blank: list[int] = []
    header: list[str] | None = None
    previous_end = skipped = 0
    quotes: _LineQuotes | None = None
    offsets: list[int] = []  # where each line starts, found on the first invalid record
    with _field_limit(len(text) + 1):
        while True:
            start = previous_end + 1
            try:
                record = next(reader)
            except StopIteration:
                break
            except csv.Error as exc:
                quotes = quotes or _LineQuotes(text)
                end = reader.line_num + skipped
                close = quotes.closing_line(start, end)
                offsets = offsets or [0, *(m.end() for m in re.finditer("\n", text))]
                at = offsets[start - 1] if start <= len(offsets) else len(text)
                stray = _stray_quote(text, at, start, delimiter, header) if close else None
                problems.append(
                    _quote_problem(label, start, close or last_line, str(exc), close, stray)
                )
                if close is None:  # the rest of the file is inside the open quote
                    spans[start] = last_line
                    break
                for _ in range(close - end):  # never resume inside a value
                    next(lines_in, None)
                skipped += close - end
                spans[start] = previous_end = close
                continue
            end = previous_end = reader.line_num + skipped
            if end > start:
                spans[start] = end
            if header is None:
                header = record
                continue
            if not any(value.strip() for value in record):
                blank.append(start)
                continue
            rows.append(record)
            starts.append((start, end))
    if header is None:
        raise NotALog(problems or [problem(label, 1, "-", "", C.NO_HEADER, "no header line")])
    width = len(header)
    if blank:
        problems.append(_blank_notice(label, blank))
    kept_rows, kept_lines, trailing = [], [], []
    # strict=True: a start for each record read (for the linter, B905)
    for record, (line, end) in zip(
        rows,
        starts,
        strict=True,
    ):
        if len(record) > width and not any(v.strip() for v in record[width:]):
            record = record[:width]  # trailing delimiters: nothing is lost
            trailing.append(line)
        if len(record) == width:
            kept_rows.append(record)
            kept_lines.append(line)
        else:
            problems.append(_width_problem(label, line, end, header, record))
    if trailing:
        problems.append(
            problem(
                label,
                trailing[0],
                "-",
                "",
                C.TRAILING_DELIMITER,
                f"ignored empty values after the last column (a trailing delimiter) on "
                f"{len(trailing)} line(s): {line_list(trailing)}",
            )
        )
    frame = pd.DataFrame(kept_rows, columns=range(width), dtype="str")
    frame[LINE] = np.asarray(kept_lines, dtype="int64")
    return RawTable(label, header, frame, delimiter, "", problems, spans, last_line)


def line_count(text: str) -> int:
    """Physical lines of a text with LF line breaks (a final line break ends the last line)."""
    return text.count("\n") + (not text.endswith("\n"))


_FIELD_LIMIT_LOCK = threading.Lock()


@contextmanager
def _field_limit(size: int):
    """Lift the csv module's field size limit (131,072 characters) to ``size`` for a read.

    The limit is process-wide: it is restored afterwards, and reads take turns.
    """
    with _FIELD_LIMIT_LOCK:
        old = csv.field_size_limit()
        csv.field_size_limit(max(old, size))
        try:
            yield
        finally:
            csv.field_size_limit(old)


class _LineQuotes:
    """The quotes on each physical line, to find where an invalid record's quotes balance."""

    def __init__(self, text: str):
        data = np.frombuffer(text.encode(), dtype=np.uint8)  # UTF-8, str.encode's default
        breaks = np.flatnonzero(data == ord("\n"))
        per_line = np.bincount(
            np.searchsorted(breaks, np.flatnonzero(data == ord('"'))), minlength=len(breaks) + 1
        )
        self.total = np.cumsum(per_line)  # quotes on lines 1..k at index k - 1

    def closing_line(self, start: int, end: int) -> int | None:
        """The first line >= ``end`` where the quotes from line ``start`` on balance, or None."""
        before = self.total[start - 2] if start >= 2 else 0
        even = np.flatnonzero((self.total[end - 1 :] - before) % 2 == 0)
        return end + int(even[0]) if len(even) else None


def _quote_problem(
    label: str,
    start: int,
    end: int,
    reason: str,
    close: int | None,
    stray: tuple[str, int, int] | None = None,
) -> dict:
    span = f"lines {start}–{end} read as one value: " if end > start else ""
    if close is None:
        where = "this line" if end == start else f"line {start}"
        message = f"{span}a quote opened on {where} is never closed: close it or remove it"
        return problem(label, start, "-", "", C.UNCLOSED_QUOTE, message)
    if stray is None:
        message = f"{span}this record is not valid CSV ({reason}); check its quotes"
        return problem(label, start, "-", "", C.INVALID_RECORD, message)
    column, opened, inner = stray
    here = f"on line {opened} " if end > start else ""
    there = f" on line {inner}" if end > start else ""
    message = (
        f"{span}the value of {column} that opens with a quote {here}has a quote inside "
        f'it{there} that is not doubled: write a quote inside a quoted value as two (""), '
        "or export the file again"
    )
    return problem(label, start, "-", "", C.INVALID_RECORD, message)


def _stray_quote(
    text: str, at: int, start: int, delimiter: str, header: list[str] | None
) -> tuple[str, int, int] | None:
    """Where a record that is not valid CSV went wrong: the column whose quoted value has
    an inner quote that is not doubled, the line its quote opened on, and the line of the
    inner quote (physical lines; the record starts at character ``at``, on line ``start``);
    None if not that."""
    field, quoted, opened, line = 0, False, start, start
    while at < len(text):
        char = text[at]
        if quoted and char == '"':
            after = text[at + 1 : at + 2]
            if after == '"':
                at += 1  # a doubled quote: one quote inside the value
            elif after in (delimiter, "\n", "\r", ""):
                quoted = False
            else:
                name = header[field] if header and field < len(header) else ""
                column = repr(name) if name else f"column {field + 1}"
                return column, opened, line
        elif not quoted and char == '"':
            quoted, opened = True, line
        elif not quoted and char == delimiter:
            field += 1
        elif char == "\n":
            if not quoted:
                return None  # the record ended without a stray quote
            line += 1
        at += 1
    return None


_SHOWN_VALUES, _SHOWN_CHARS = 10, 80  # a message quotes this much of a row's extra values


def _width_problem(label: str, line: int, end: int, header: list[str], record: list[str]):
    width = len(header)
    spans = (
        f" (a quote on this line is only closed on line {end}, joining the lines between)"
        if end > line
        else ""
    )
    if len(record) > width:
        extra = record[width:]
        shown = ", ".join(repr(v[:_SHOWN_CHARS]) for v in extra[:_SHOWN_VALUES])
        more = f" and {len(extra) - _SHOWN_VALUES:,} more" if len(extra) > _SHOWN_VALUES else ""
        return problem(
            label,
            line,
            "-",
            ", ".join(v[:_SHOWN_CHARS] for v in extra[:_SHOWN_VALUES]),
            C.TOO_MANY_VALUES,
            f"{len(record)} values but the header has {width} columns; extra values: "
            + shown
            + more
            + (spans or " (a delimiter inside a value needs quotes)"),
        )
    missing = [name.strip() for name in header[len(record) :]]
    return problem(
        label,
        line,
        "-",
        "",
        C.TOO_FEW_VALUES,
        f"{len(record)} values but the header has {width} columns; missing: "
        + ", ".join(missing)
        + spans,
    )


def _blank_notice(label: str, lines: list[int]) -> dict:
    return problem(
        label,
        lines[0],
        "-",
        "",
        C.BLANK_LINES,
        f"skipped {len(lines)} blank line(s): {line_list(lines)}",
    )
