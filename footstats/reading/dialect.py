"""How an existing log is written, so that new lines are written the same way.

:func:`sniff` reads a log's bytes once and returns its :class:`Dialect` (encoding and
byte-order mark, delimiter, decimal comma, quoting, line endings) with its header as
written; :meth:`Dialect.line` writes one record in that dialect. Nothing here decides what
a value means: the reader (:mod:`footstats.reading.log`) does, on the file as it will be.
"""

from __future__ import annotations

import codecs
import re
from dataclasses import dataclass
from decimal import Decimal

from footstats.columns import MINUTES, SECONDS
from footstats.reading.csvfile import _BOMS, RawTable, decode, parse_table, sniff_delimiter
from footstats.reading.validation import canonical_column

__all__ = ["DEFAULT", "Dialect", "Sniffed", "sniff"]

_NUMBER = re.compile(r"\s*[+-]?(\d+([.,]\d*)?|[.,]\d+)\s*")
_COMMA_DECIMAL = re.compile(r"\s*\d*,\d+\s*")
_DOT_DECIMAL = re.compile(r"\s*\d*\.\d+\s*")
_NEWLINES = ("\r\n", "\r", "\n")


@dataclass(frozen=True)
class Dialect:
    """How a log is written.

    ``encoding`` encodes new text (never with a byte-order mark: the file has its own at
    the start, in ``bom``). ``quote_text`` / ``quote_numbers`` / ``quote_empty``: the file
    quotes every such cell, not only those that need it.
    """

    encoding: str = "utf-8"
    bom: bytes = b""
    delimiter: str = ","
    newline: str = "\n"
    decimal_comma: bool = False
    quote_text: bool = False
    quote_numbers: bool = False
    quote_empty: bool = False

    def number(self, value: float | int) -> str:
        """A number as the file writes it: ``60``, ``60.5`` or ``60,5``; never ``6e+01``.

        >>> Dialect(decimal_comma=True).number(60.5), Dialect().number(60.0)
        ('60,5', '60')
        """
        if float(value).is_integer():
            return str(int(value))
        text = format(Decimal(repr(float(value))), "f")
        return text.replace(".", ",") if self.decimal_comma else text

    def line(self, cells: list[tuple[str, str]]) -> str:
        """One record: ``cells`` are (text, kind) with kind "text", "number" or "empty".

        >>> Dialect(delimiter=";").line([("Heel raises", "text"), ("a;b", "text")])
        'Heel raises;"a;b"'
        """
        return self.delimiter.join(self._field(text, kind) for text, kind in cells)

    def _field(self, text: str, kind: str) -> str:
        text = re.sub(r"\r\n|\r|\n", self.newline, text)
        needed = any(c in text for c in (self.delimiter, '"', "\n", "\r"))
        style = {"text": self.quote_text, "number": self.quote_numbers, "empty": self.quote_empty}
        if needed or style[kind]:
            return '"' + text.replace('"', '""') + '"'
        return text


DEFAULT = Dialect()


@dataclass(frozen=True)
class Sniffed:
    """A log as read: its dialect, header as written, text (line breaks as LF) and a table
    of (at least) its first lines."""

    dialect: Dialect
    header: list[str]
    text: str
    table: RawTable


def sniff(label: str, data: bytes, encoding: str | None = None) -> Sniffed:
    """The dialect and header of a non-empty log; raises the reader's ``NotALog``.

    >>> data = b'\\xef\\xbb\\xbf"date";"exercise";"sets"\\r\\n2026-03-02;Heel;2\\r\\n'
    >>> found = sniff("log.csv", data)
    >>> d = found.dialect
    >>> d.encoding, d.bom, d.delimiter, d.newline, d.decimal_comma, d.quote_text
    ('utf-8', b'\\xef\\xbb\\xbf', ';', '\\r\\n', True, True)
    >>> found.header
    ['date', 'exercise', 'sets']
    """
    text, notes = decode(label, data, encoding)
    # The header is the first record; only a semicolon file needs its numbers looked at
    # (decimal comma or not), so other files parse just their first lines.
    whole = sniff_delimiter(text) == ";"
    table = parse_table(label, text if whole else _head(text), notes)
    bom = next((b for b, _, _ in _BOMS if data.startswith(b)), b"")
    codec = _writing_codec(encoding, bom)
    raw = data[len(bom) :].decode(codec, errors="replace")
    header_line, first_data = _first_lines(raw)
    header_cells = _fields(header_line, table.delimiter)
    quote_text = bool(header_cells) and all(quoted for _, quoted in header_cells or ())
    data_cells = _fields(first_data, table.delimiter) if first_data is not None else None
    if data_cells is None:
        quote_numbers = quote_empty = quote_text
    else:
        quote_numbers = any(q and _NUMBER.fullmatch(v) for v, q in data_cells)
        quote_empty = any(q and v == "" for v, q in data_cells)
    dialect = Dialect(
        encoding=codec,
        bom=bom,
        delimiter=table.delimiter,
        newline=_newline(raw),
        decimal_comma=table.delimiter == ";" and _uses_decimal_comma(table),
        quote_text=quote_text,
        quote_numbers=bool(quote_numbers),
        quote_empty=quote_empty,
    )
    return Sniffed(dialect, list(table.header), text, table)


def _writing_codec(encoding: str | None, bom: bytes) -> str:
    """The codec new text is encoded with: the file's, without a second byte-order mark."""
    if encoding is None:
        if bom == b"\xff\xfe":
            return "utf-16-le"
        if bom == b"\xfe\xff":
            return "utf-16-be"
        return "utf-8"
    name = codecs.lookup(encoding).name
    if name == "utf-8-sig":
        return "utf-8"
    if name == "utf-16":
        return "utf-16-be" if bom == b"\xfe\xff" else "utf-16-le"
    return name


def _newline(raw: str) -> str:
    """The most frequent line ending (ties: CRLF, then CR); LF when there is none."""
    crlf = raw.count("\r\n")
    counts = {"\r\n": crlf, "\r": raw.count("\r") - crlf, "\n": raw.count("\n") - crlf}
    best = max(counts.values())
    if not best:
        return "\n"
    return next(n for n in _NEWLINES if counts[n] == best)


def _head(text: str, lines: int = 100) -> str:
    """The first ``lines`` lines of ``text``."""
    end = -1
    for _ in range(lines):
        end = text.find("\n", end + 1)
        if end == -1:
            return text
    return text[: end + 1]


def _first_lines(raw: str) -> tuple[str, str | None]:
    """The header line and the first data line (None when there is none)."""
    lines = re.split(r"\r\n|\r|\n", raw, maxsplit=2)
    data = lines[1] if len(lines) > 1 and lines[1].strip() else None
    return lines[0], data


def _fields(line: str, delimiter: str) -> list[tuple[str, bool]] | None:
    """Each field's text and whether it was quoted; None when the line is not one record."""
    fields: list[tuple[str, bool]] = []
    i, n = 0, len(line)
    while True:
        if i < n and line[i] == '"':
            value, i = [], i + 1
            while True:
                if i >= n:
                    return None  # the quote goes on to the next line
                if line[i] == '"':
                    if i + 1 < n and line[i + 1] == '"':
                        value.append('"')
                        i += 2
                        continue
                    i += 1
                    break
                value.append(line[i])
                i += 1
            if i < n and line[i] != delimiter:
                return None  # text after the closing quote: not plain CSV
            fields.append(("".join(value), True))
        else:
            end = line.find(delimiter, i)
            end = n if end == -1 else end
            fields.append((line[i:end], False))
            i = end
        if i >= n:
            return fields
        i += 1  # the delimiter
        if i == n:
            fields.append(("", False))
            return fields


def _uses_decimal_comma(table: RawTable) -> bool:
    """A semicolon file writes decimals with a comma unless it already uses dots."""
    dots = commas = False
    for position, name in enumerate(table.header):
        if canonical_column(name) in (SECONDS, MINUTES):
            values = table.frame[position].astype("str")
            commas |= bool(values.str.fullmatch(_COMMA_DECIMAL.pattern).any())
            dots |= bool(values.str.fullmatch(_DOT_DECIMAL.pattern).any())
    return commas or not dots
