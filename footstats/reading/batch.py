"""A folder's files read as a few big logs: files with the same header are validated once.

Reading a file costs a fixed few milliseconds of pandas work however small it is, so a
folder of 5,000 two-row logs took minutes. Here the files whose header is the same are
read as one log (their bodies one after another, each line tagged with its file as the
participant when the header has no participant column), by :func:`footstats.validate_log`
once, and every row and problem is mapped back to its own file and physical line.

The result is exactly that of reading each file alone (``footstats.reading.folders.read_group``);
a file takes that path whenever batching could change it:

- before: a file that is not plain UTF-8 text with LF line endings and a comma-separated
  header without quotes, or whose body has a blank-looking line, a quote left open at the
  end of a line (a value over several lines), a line without quotes with the wrong number
  of values, or a value that could be a header name (a repeated header); any encoding,
  habit or non-footstats format option;
- after: a file with a problem that compares rows (a duplicate row, a pain clash, an
  exercise not in the routine, an isolated date) or with dates more than a year apart (an
  isolated date is judged against the file's own dates); a group whose header has a
  problem (except the notice of an empty trailing column, which every file of the group
  has alike) is read file by file, and a group with a problem of CSV structure (FS0xx) is
  split in two until each part reads cleanly.

A header that passes the footstats checks is never an app export's (Strong is told by its
rows only for headers without footstats columns), so the group is read as footstats.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field, replace
from io import StringIO
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd

from footstats.columns import CODE, DATE, FILE, LINE, PARTICIPANT, SOURCE
from footstats.core import codes as C
from footstats.core.options import ReadOptions
from footstats.core.values import INVISIBLE
from footstats.importers import FOOTSTATS, detect
from footstats.reading.csvfile import MAX_COLUMNS, MAX_HEADER_CHARS, sniff_delimiter
from footstats.reading.log import load_log
from footstats.reading.validation import canonical_column

_TAG = "participant"  # the column that tells a group's files apart
_ROWS_COMPARED = {C.DUPLICATE_ROW.id, C.PAIN_CONFLICT.id, C.ISOLATED_DATE.id}
_SPLIT = {C.REPEATED_HEADER.id, C.REORDERED_HEADER.id, C.BELOW_REORDERED_HEADER.id}
_ALIKE = {C.EMPTY_COLUMN.id}  # header problems every file of a group has alike
_BINARY_STARTS = (b"PK\x03\x04", b"\xd0\xcf\x11\xe0", b"\xef\xbb\xbf", b"\xff\xfe", b"\xfe\xff")
_BLANK_LINE = re.compile(r'^[\s,"]*$', re.MULTILINE)  # could be blank once unquoted
_YEAR = np.timedelta64(365, "D")
# Only small files gain (a big file's fixed cost is small beside its rows), and a group's
# text is held whole: groups stay small enough that memory is that of reading one file.
SMALL_FILE = 1_000_000  # bytes
GROUP_CHARS = 8_000_000


@dataclass
class Piece:
    """Rows and problems of some files, each log (and problem) with its file's rank (its
    position in the folder) so that pieces can be merged in file order."""

    logs: list[tuple[int, np.ndarray, pd.DataFrame]]  # (first file's rank, row ranks, log)
    problems: pd.DataFrame
    problem_rank: np.ndarray
    formats: dict = field(default_factory=dict)
    extents: dict = field(default_factory=dict)


@dataclass
class Entry:
    """A file of the folder: its rank (position), path and participant name."""

    rank: int
    path: Path
    name: str
    header: str = ""
    size: int = 0  # characters of the body
    body: str = ""  # every line ends with a line break; held only while its group is read


def read_batched(entries: list[Entry], options: ReadOptions, one_by_one) -> list:
    """Pieces covering the files: groups read at once, the others by ``one_by_one(entries)``,
    which returns a :class:`Piece` of files each read alone. An encoding, a habit or
    another format than footstats' is a per-file matter: every file is read alone."""
    if (
        options.encoding is not None
        or options.habit is not None
        or (options.format is not None and str(options.format).casefold() != FOOTSTATS)
    ):
        return [one_by_one(entries)]
    options = replace(options, format=FOOTSTATS)
    groups: dict[str, list[Entry]] = {}
    alone = []
    held = 0  # characters of the bodies kept; past GROUP_CHARS they are read again later
    for entry in entries:
        body = _body(entry)
        if body is None:
            alone.append(entry)
            continue
        entry.size = len(body)
        if held + entry.size <= GROUP_CHARS:
            entry.body, held = body, held + entry.size
        groups.setdefault(entry.header, []).append(entry)
    pieces = []
    for header, members in groups.items():
        names = _header_names(header)
        if names is None:
            alone += members
            continue
        header_like = _header_like(names)
        own = any(canonical_column(name) == PARTICIPANT for name in header.split(","))
        for run in _bounded(members):
            loaded = [m for m in run if _load(m, header, header_like)]
            alone += [m for m in run if not m.body]
            pieces += _read_group(loaded, header, own, options, alone)
            for member in run:
                member.body = ""
    if alone:
        pieces.append(one_by_one(sorted(alone, key=lambda entry: entry.rank)))
    return pieces


def _load(entry: Entry, header: str, header_like: re.Pattern) -> bool:
    """Read the body of a file of the group, unless it may hold a repeated header (or
    changed since it was first read)."""
    body = entry.body or _body(entry)
    entry.body = ""
    if body is None or entry.header != header or header_like.search(body.casefold()):
        return False
    entry.body = body
    return True


def _bounded(members: list[Entry]) -> list[list[Entry]]:
    """The members in runs of at most :data:`GROUP_CHARS` characters of body."""
    runs: list[list[Any]] = [[]]
    size = 0
    for member in members:
        if size + member.size > GROUP_CHARS and runs[-1]:
            runs.append([])
            size = 0
        runs[-1].append(member)
        size += member.size
    return runs


def _body(entry: Entry) -> str | None:
    """The file's body if the file can be read in a group (its header goes to ``entry``),
    else None."""
    try:
        if entry.path.stat().st_size > SMALL_FILE:
            return None
        data = entry.path.read_bytes()
        if not data or data.startswith(_BINARY_STARTS) or b"\r" in data or b"\x00" in data:
            return None
        text = data.decode("utf-8")
    except (OSError, UnicodeDecodeError):
        return None
    header, newline, body = text.partition("\n")
    if not newline or not body or '"' in header or _delimiter(header) != ",":
        return None
    width = header.count(",") + 1
    if len(header) > MAX_HEADER_CHARS - len(_TAG) - 1 or width >= MAX_COLUMNS:
        return None
    body = body if body.endswith("\n") else body + "\n"
    if _BLANK_LINE.search(body, 0, len(body) - 1):
        return None
    if '"' in body:
        for line in body[:-1].split("\n"):
            quotes = line.count('"')
            if quotes % 2 or not quotes and line.count(",") != width - 1:
                return None
    elif not _widths(width).fullmatch(body):
        return None
    entry.header = header
    return body


def _delimiter(header: str) -> str:
    return sniff_delimiter(header) if ";" in header or "\t" in header else ","


def _widths(width: int) -> re.Pattern:
    return re.compile(rf"(?:[^,\n]*(?:,[^,\n]*){{{width - 1}}}\n)*")


def _header_names(header: str) -> list[str] | None:
    """The header's names as compared with values (casefolded, invisible characters
    stripped), or None when the header cannot be read in a group: an app export's, or one
    with a name a file's tag could equal."""
    names = [name.strip(INVISIBLE) for name in header.split(",")]
    if detect(names) is not None or any(name.isdigit() for name in names):
        return None
    return [name.casefold() for name in names if name]


def _header_like(names: list[str]) -> re.Pattern:
    """Lines with a value that could equal a header name (a repeated header's rows)."""
    invisible = f"[{re.escape(INVISIBLE)}]*"
    either = "|".join(re.escape(name) for name in sorted(set(names), key=len)[::-1])
    return re.compile(rf'(?:^|,)"?{invisible}(?:{either}){invisible}"?(?=,|$)', re.MULTILINE)


def _read_group(members, header, own, options: ReadOptions, alone) -> list[Piece]:
    """Pieces for the files of one header; files that must be read alone go to ``alone``."""
    if len(members) < 2:
        alone += members
        return []
    starts = np.cumsum([2] + [m.body.count("\n") for m in members])
    text = header + ("" if own else f",{_TAG}") + "\n"
    text += "".join(
        m.body if own else m.body.replace("\n", f",{k}\n") for k, m in enumerate(members)
    )
    buffer = StringIO(text)
    buffer.name = "<group>"
    loaded = load_log(buffer, options)
    problems = loaded.problems
    codes = problems[CODE].astype("str")
    if codes.str.startswith("FS0").any() or codes.isin(_SPLIT).any():
        half = len(members) // 2
        return _read_group(members[:half], header, own, options, alone) + _read_group(
            members[half:], header, own, options, alone
        )
    lines = problems[LINE].to_numpy(dtype="float64", na_value=0)
    whole = lines < 2
    if not codes[whole].isin(_ALIKE).all():
        alone += members
        return []
    at = np.searchsorted(starts, lines, side="right") - 1
    log = loaded.log
    row_at = np.searchsorted(starts, log[LINE].to_numpy(), side="right") - 1
    out = np.zeros(len(members), dtype=bool)
    out[at[~whole & codes.isin(_ROWS_COMPARED).to_numpy()]] = True
    out[_far_apart(log[DATE], row_at, len(members))] = True
    unknown = problems.loc[codes == C.UNKNOWN_EXERCISE.id, "value"]
    if len(unknown):
        named = _any_of(unknown)
        out |= [bool(named.search(m.body)) for m in members]
    alone += [m for m, leave in zip(members, out, strict=True) if leave]
    keep = np.flatnonzero(~out)
    if not len(keep):
        return []
    return [_piece(members, keep, starts, loaded, at, whole, row_at, own)]


def _far_apart(dates: pd.Series, row_at: np.ndarray, files: int) -> np.ndarray:
    """The files (by position) with two successive days of their rows over a year apart."""
    days = dates.to_numpy(dtype="datetime64[D]")
    known = ~np.isnat(days)
    days, row_at = days[known], row_at[known]
    order = np.lexsort((days, row_at))
    days, row_at = days[order], row_at[order]
    gap = (np.diff(days) > _YEAR) & (row_at[1:] == row_at[:-1])
    return np.unique(row_at[1:][gap])


def _any_of(values: pd.Series) -> re.Pattern:
    """Any of the values as written in a file (a quote in a quoted value is doubled)."""
    written = {v for value in values.astype("str") for v in (value, value.replace('"', '""'))}
    return re.compile("|".join(re.escape(v) for v in sorted(written, key=len)[::-1]))


def _piece(members, keep, starts, loaded, at, whole, row_at, own) -> Piece:
    """The rows and problems of the ``keep`` files of a group, in their own files' terms."""
    ranks = np.array([m.rank for m in members])
    labels = np.array([str(m.path) for m in members], dtype=object)
    kept = np.isin(row_at, keep)
    log = loaded.log[kept].reset_index(drop=True)
    row_at = row_at[kept]
    log[LINE] = log[LINE].to_numpy() - starts[row_at] + 2
    if own:
        participant = log[PARTICIPANT].astype("str")
    else:
        names = np.array([m.name for m in members], dtype=object)
        participant = pd.Series(names[row_at], dtype="str")
    front = pd.DataFrame({PARTICIPANT: participant, SOURCE: pd.Series(labels[row_at], dtype="str")})
    log = pd.concat([front, log.drop(columns=[PARTICIPANT])], axis=1)
    problems = loaded.problems
    rows = ~whole & np.isin(at, keep)
    found = problems[rows].reset_index(drop=True)
    found[FILE] = pd.array(labels[at[rows]], dtype="str")
    found[LINE] = pd.array(found[LINE].to_numpy(dtype="int64") - starts[at[rows]] + 2, "Int64")
    found_rank = ranks[at[rows]]
    alike = problems[whole]
    if len(alike):  # each file's copy of the header's notices, before its rows' problems
        copies = alike.iloc[np.tile(np.arange(len(alike)), len(keep))].reset_index(drop=True)
        copies[FILE] = pd.array(np.repeat(labels[keep], len(alike)), dtype="str")
        found = pd.concat([copies, found], ignore_index=True)
        found_rank = np.concatenate([np.repeat(ranks[keep], len(alike)), found_rank])
        order = np.argsort(found_rank, kind="stable")
        found, found_rank = found.iloc[order].reset_index(drop=True), found_rank[order]
    extents: dict[str, tuple[int, dict[Any, Any]]] = {
        labels[k]: (int(starts[k + 1] - starts[k]) + 1, {}) for k in keep
    }
    return Piece(
        [(int(ranks[keep[0]]), ranks[row_at], log)],
        found,
        found_rank,
        {labels[k]: FOOTSTATS for k in keep},
        extents,
    )
