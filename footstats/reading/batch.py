"""A folder's files read as a few big logs: files with the same header are validated once.

Reading a file costs a fixed few milliseconds of pandas work however small it is, so a
folder of 5,000 two-row logs took minutes. Here the files whose header is the same are
read as one log (their bodies one after another, each line tagged with its file as the
participant when the header has no participant column), by :func:`footstats.validate_log`
once, and every row and problem is mapped back to its own file and physical line. A notice
that sums up rows (an exercise not in the routine "on 3 rows (lines 2, 5, 9)") is written
per file by the validation itself (``load_log(starts=)``), so such files stay in the batch.

The result is exactly that of reading each file alone (``footstats.reading.folders.read_group``);
a file takes that path whenever batching could change it:

- before: a file that is not plain UTF-8 text with LF line endings and a comma-separated
  header without quotes, or whose body has a blank-looking line, a quote left open at the
  end of a line (a value over several lines), a line without quotes with the wrong number
  of values, or a line that may repeat the header (it starts as a header name may, and
  holds a value that could be one); any encoding, habit or non-footstats format option.
  These checks run on the bytes of all the files of a group at once (numpy);
- after: a file with a problem that compares rows (a duplicate row, a pain clash, an
  isolated date) or with dates more than a year apart (an isolated date is judged against
  the file's own dates); a group whose header has a problem (except the notice of an
  empty trailing column, which every file of the group has alike) is read file by file,
  and a group with a problem of CSV structure (FS0xx) is split in two until each part
  reads cleanly.

A header that passes the footstats checks is never an app export's (Strong is told by its
rows only for headers without footstats columns), so the group is read as footstats.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass, field, replace
from io import BytesIO
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd

from footstats.columns import CODE, DATE, FILE, LINE, PARTICIPANT, SOURCE
from footstats.core import codes as C
from footstats.core.options import ReadOptions
from footstats.core.problems import concat_problems, text_categorical
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
# 2,000 one-year logs (45 MB): peak RSS 378 MB for the same rows as one file, 451 MB with
# groups of 8 MB, 456-474 MB with 32 MB (fewer groups: less fixed cost, one concat less
# per group), 489-498 MB with 64 MB.
SMALL_FILE = 1_000_000  # bytes
GROUP_CHARS = 32_000_000
ALONE = 25  # files read alone: handed back this many at a time (a progress bar's step)


@dataclass
class Piece:
    """Rows and problems of some files, each log (and problem) with its file's rank (its
    position in the folder) so that pieces can be merged in file order."""

    logs: list[tuple[int, np.ndarray, pd.DataFrame]]  # (first file's rank, row ranks, log)
    problems: pd.DataFrame
    problem_rank: np.ndarray
    formats: dict = field(default_factory=dict)
    extents: dict = field(default_factory=dict)
    # who is in which file (file_owners), each pair with its file's rank
    owners: list[tuple[np.ndarray, pd.DataFrame]] = field(default_factory=list)


@dataclass
class Entry:
    """A file of the folder: its rank (position), path and participant name."""

    rank: int
    path: Path
    name: str
    header: str = ""
    size: int = 0  # bytes of the body
    lines: int = 0  # lines of the body (counted by _fitting)
    body: bytes = b""  # UTF-8, every line ending with a line break; held while its group is read


def read_batched(entries: list[Entry], options: ReadOptions, one_by_one) -> Iterator[Piece]:
    """Pieces covering the files, each as soon as it is read (a progress bar follows
    them): groups read at once, the others by ``one_by_one(entries)``, which returns a
    :class:`Piece` of files each read alone, :data:`ALONE` files at a time. An encoding, a
    habit or another format than footstats' is a per-file matter: every file is read
    alone."""
    if (
        options.encoding is not None
        or options.habit is not None
        or (options.format is not None and str(options.format).casefold() != FOOTSTATS)
    ):
        yield from _alone(entries, one_by_one)
        return
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
    for header, members in groups.items():
        names = _header_names(header)
        if names is None:
            alone += members
            continue
        header_like = _header_like(names)
        own = any(canonical_column(name) == PARTICIPANT for name in header.split(","))
        width = header.count(",") + 1
        for run in _bounded(members):
            loaded = [m for m in run if _load(m, header)]
            fit = _fitting(loaded, width, header_like)
            loaded = [m for m, ok in zip(loaded, fit, strict=True) if ok]
            alone += [m for m, ok in zip(run, _held(run, loaded), strict=True) if not ok]
            yield from _read_group(loaded, header, own, options, alone)
            for member in run:
                member.body = b""
    yield from _alone(sorted(alone, key=lambda entry: entry.rank), one_by_one)


def _alone(entries: list[Entry], one_by_one) -> Iterator[Piece]:
    """The files read alone, :data:`ALONE` at a time."""
    for first in range(0, len(entries), ALONE):
        yield one_by_one(entries[first : first + ALONE])


def _load(entry: Entry, header: str) -> bool:
    """Read the body of a file of the group, unless it changed since it was first read."""
    body = entry.body or _body(entry)
    entry.body = b""
    if body is None or entry.header != header:
        return False
    entry.body = body
    return True


def _held(run: list[Entry], kept: list[Entry]) -> list[bool]:
    """For each file of ``run``: whether it is in ``kept``."""
    ranks = {entry.rank for entry in kept}
    return [entry.rank in ranks for entry in run]


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


def _body(entry: Entry) -> bytes | None:
    """The file's body if the file can be read in a group (its header goes to ``entry``),
    else None."""
    try:
        if entry.path.stat().st_size > SMALL_FILE:
            return None
        data = entry.path.read_bytes()
        if not data or data.startswith(_BINARY_STARTS) or b"\r" in data or b"\x00" in data:
            return None
        head, newline, rest = data.partition(b"\n")
        header = head.decode("utf-8")
        if not rest.isascii():
            rest.decode("utf-8")  # only UTF-8 is read in a group
    except (OSError, UnicodeDecodeError):
        return None
    if not newline or not rest or '"' in header or _delimiter(header) != ",":
        return None
    width = header.count(",") + 1
    if len(header) > MAX_HEADER_CHARS - len(_TAG) - 1 or width >= MAX_COLUMNS:
        return None
    if not rest.endswith(b"\n"):
        rest += b"\n"
    entry.header = header
    return rest


# bytes that are never blank once unquoted (ASCII but whitespace, comma and quote); a
# byte of a multi-byte character may be (Unicode spaces): those lines are looked at again
_SOLID = np.ones(256, dtype=bool)
_SOLID[[ord(c) for c in ' \t\n\r\x0b\x0c\x1c\x1d\x1e\x1f,"']] = False
_SOLID[0x80:] = False


def _fitting(members: list[Entry], width: int, header_like: _HeaderLike) -> np.ndarray:
    """For each file: whether every line of its body has ``width`` values, or an even
    number of quotes (which may hide commas), none could be blank once unquoted and none
    may repeat the header. Counted on the bytes of all the bodies at once (UTF-8 never
    puts a comma, a quote or a line break inside a multi-byte character)."""
    fit = np.ones(len(members), dtype=bool)
    if not members:
        return fit
    data = b"".join(member.body for member in members)
    raw = np.frombuffer(data, dtype=np.uint8)
    quoted = b'"' in data
    marks = (raw == 44) | (raw == 10)  # commas and line breaks (and quotes), in order
    if quoted:
        marks |= raw == 34
    at = np.flatnonzero(marks)
    seen = raw[at]
    del marks
    breaks = np.flatnonzero(seen == 10)
    commas = np.diff(breaks, prepend=-1) - 1  # marks between two line breaks
    if quoted:
        lines = np.searchsorted(breaks, np.flatnonzero(seen == 34))
        quotes = np.bincount(lines, minlength=len(breaks))
        commas -= quotes
        bad = (quotes % 2 == 1) | ((quotes == 0) & (commas != width - 1))
    else:
        bad = commas != width - 1
    ends = at[breaks]
    del at, seen
    bounds = np.cumsum([len(member.body) for member in members])
    lines = np.diff(np.searchsorted(ends, bounds), prepend=0)  # each body ends a line
    for member, count in zip(members, lines.tolist(), strict=True):
        member.lines = count
    owner = np.repeat(np.arange(len(members)), lines)
    fit[owner[bad]] = False
    firsts = raw[np.concatenate(([0], ends[:-1] + 1))]
    # a line that may be blank, or start with a header name: the exact test on the text
    for k in np.unique(owner[~_SOLID[firsts]]):
        body = members[k].body.decode("utf-8")
        fit[k] &= not _BLANK_LINE.search(body, 0, len(body) - 1)
    for k in np.unique(owner[np.isin(firsts, header_like.initials)]):
        fit[k] &= not header_like.found(members[k].body)
    return fit


def _delimiter(header: str) -> str:
    return sniff_delimiter(header) if ";" in header or "\t" in header else ","


def _header_names(header: str) -> list[str] | None:
    """The header's names as compared with values (casefolded, invisible characters
    stripped), or None when the header cannot be read in a group: an app export's, or one
    with a name a file's tag could equal."""
    names = [name.strip(INVISIBLE) for name in header.split(",")]
    if detect(names) is not None or any(name.isdigit() for name in names):
        return None
    return [name.casefold() for name in names if name]


@dataclass
class _HeaderLike:
    """Finds lines with a value that could equal a header name (a repeated header's rows)."""

    names: list[str]  # casefolded
    pattern: re.Pattern  # on casefolded text
    # the bytes a line may start with when its first value is a header name: a repeated
    # header's is; a log's lines start with a date, and are not looked at
    initials: np.ndarray

    def found(self, body: bytes) -> bool:
        """Whether the body (UTF-8) has such a line. The pattern is tried only when a name
        is in the text at all (a plain search, many times faster; an ASCII text is folded
        as bytes, and holds no name that is not ASCII)."""
        if body.isascii():
            folded = body.lower()
            if not any(n.encode() in folded for n in self.names if n.isascii()):
                return False
        text = body.decode("utf-8").casefold()
        return any(name in text for name in self.names) and bool(self.pattern.search(text))


def _header_like(names: list[str]) -> _HeaderLike:
    """Lines with a value that could equal a header name (a repeated header's rows)."""
    invisible = f"[{re.escape(INVISIBLE)}]*"
    either = "|".join(re.escape(name) for name in sorted(set(names), key=len)[::-1])
    pattern = rf'(?:^|,)"?{invisible}(?:{either}){invisible}"?(?=,|$)'
    # a quote, an invisible character (or any byte of a character that is not ASCII: it
    # may casefold to a name's), or a name's first letter in either case
    starts = {ord('"'), *range(0x80, 0x100)} | {ord(c) for c in INVISIBLE if c.isascii()}
    starts |= {
        ord(c) for name in names for c in {name[:1].lower(), name[:1].upper()} if c.isascii()
    }
    return _HeaderLike(
        sorted(set(names)), re.compile(pattern, re.MULTILINE), np.array(sorted(starts))
    )


def _read_group(members, header, own, options: ReadOptions, alone) -> list[Piece]:
    """Pieces for the files of one header; files that must be read alone go to ``alone``."""
    if len(members) < 2:
        alone += members
        return []
    starts = np.cumsum([2] + [m.lines for m in members])
    text = (header + ("" if own else f",{_TAG}") + "\n").encode("utf-8")
    text += b"".join(
        m.body if own else m.body.replace(b"\n", b",%d\n" % k) for k, m in enumerate(members)
    )
    buffer = BytesIO(text)
    buffer.name = "<group>"
    loaded = load_log(buffer, options, starts=starts)
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
    if not len(days):
        return np.zeros(0, dtype=int)
    # rows come file after file: only a file whose days span over a year can have a gap
    first = np.flatnonzero(np.diff(row_at, prepend=-1))
    span = np.maximum.reduceat(days, first) - np.minimum.reduceat(days, first)
    wide = np.isin(row_at, row_at[first][span > _YEAR])
    days, row_at = days[wide], row_at[wide]
    order = np.lexsort((days, row_at))
    days, row_at = days[order], row_at[order]
    gap = (np.diff(days) > _YEAR) & (row_at[1:] == row_at[:-1])
    return np.unique(row_at[1:][gap])


def _piece(members, keep, starts, loaded, at, whole, row_at, own) -> Piece:
    """The rows and problems of the ``keep`` files of a group, in their own files' terms."""
    ranks = np.array([m.rank for m in members])
    labels = np.array([str(m.path) for m in members], dtype=object)
    log = loaded.log.reset_index(drop=True)
    if len(keep) < len(members):
        kept = np.isin(row_at, keep)
        log, row_at = log[kept].reset_index(drop=True), row_at[kept]
    log[LINE] = log[LINE].to_numpy() - starts[row_at] + 2
    if own:
        participant = pd.Series(text_categorical(log[PARTICIPANT]))
    else:
        participant = _texts([m.name for m in members], row_at)
    front = pd.DataFrame({PARTICIPANT: participant, SOURCE: _texts(list(labels), row_at)})
    log = pd.concat([front, log.drop(columns=[PARTICIPANT])], axis=1)
    problems = loaded.problems
    rows = ~whole & np.isin(at, keep)
    found = problems[rows].reset_index(drop=True)
    found[FILE] = _labels(labels, at[rows])
    found[LINE] = pd.array(found[LINE].to_numpy(dtype="int64") - starts[at[rows]] + 2, "Int64")
    found_rank = ranks[at[rows]]
    alike = problems[whole]
    if len(alike):  # each file's copy of the header's notices, before its rows' problems
        copies = alike.iloc[np.tile(np.arange(len(alike)), len(keep))].reset_index(drop=True)
        copies[FILE] = _labels(labels, np.repeat(keep, len(alike)))
        found = concat_problems([copies, found])
        found_rank = np.concatenate([np.repeat(ranks[keep], len(alike)), found_rank])
        order = np.argsort(found_rank, kind="stable")
        found, found_rank = found.iloc[order].reset_index(drop=True), found_rank[order]
    extents: dict[str, tuple[int, dict[Any, Any]]] = {
        labels[k]: (int(starts[k + 1] - starts[k]) + 1, {}) for k in keep
    }
    if own:
        owners = file_owners(log)
        owned = ranks[row_at][owners.index.to_numpy()]
    else:  # one participant a file, its name: the files with rows in the log
        held = keep[np.bincount(row_at, minlength=len(members))[keep] > 0]
        names = _texts([m.name for m in members], held)
        owners = pd.DataFrame({PARTICIPANT: names, SOURCE: _texts(list(labels), held)})
        owned = ranks[held]
    return Piece(
        [(int(ranks[keep[0]]), ranks[row_at], log)],
        found,
        found_rank,
        {labels[k]: FOOTSTATS for k in keep},
        extents,
        [(owned, owners.reset_index(drop=True))],
    )


def _texts(values: list[str], codes: np.ndarray) -> pd.Series:
    """``values[codes]`` as a categorical column (a code a row, each text once), its
    categories the texts the rows hold, sorted."""
    return pd.Series(_labels(np.array(values, dtype=object), codes))


def _labels(values: np.ndarray, codes: np.ndarray) -> pd.Categorical:
    """``values[codes]`` as a categorical of the texts used, sorted."""
    used = np.unique(codes)
    texts, inverse = np.unique(values[used].astype(str), return_inverse=True)
    renumber = np.zeros(len(values), dtype=np.int64)
    renumber[used] = inverse.ravel()
    return pd.Categorical.from_codes(renumber[codes], pd.Index(texts.astype(object), dtype="str"))


def file_owners(log: pd.DataFrame) -> pd.DataFrame:
    """The distinct (participant, source) pairs of ``log``, in the order first seen: from
    the rows where either changes (a file's rows are together), not every row hashed."""
    pairs = log[[PARTICIPANT, SOURCE]]
    if len(pairs) > 1:
        changed = np.ones(len(pairs), dtype=bool)
        changed[1:] = False
        for column in (PARTICIPANT, SOURCE):
            values = pairs[column].reset_index(drop=True)
            after, before = values.iloc[1:].reset_index(drop=True), values.iloc[:-1]
            changed[1:] |= (after != before).to_numpy(dtype=bool, na_value=True)
        pairs = pairs[changed]
    return pairs.drop_duplicates()
