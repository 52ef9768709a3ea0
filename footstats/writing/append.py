"""Add rows to a log without ever harming it: what ``footstats add`` and notebook 00 use.

:func:`append_rows` adds rows at the end of a log; :func:`plan_append` prepares the same
append without writing, so that the exact lines can be shown first, and
:meth:`Append.write` then writes them. :func:`session_rows` makes the rows of a session from
the routine, and :func:`week_so_far` says where the week stands after it.

What is promised:

- The new rows are checked first by the reader itself (:func:`footstats.validate_log` on
  the file as it will be), with the same ``file:line:column`` messages as ``footstats
  check``; a row with an error is refused and nothing is written.
- The file keeps its dialect: encoding and byte-order mark, delimiter, decimal comma,
  quoting, line endings, column order and header spelling; columns a row does not fill
  are left blank; a missing final line break is added before the new lines. Every byte of
  the old file stays where it was: the old file is a prefix of the new one.
- The new file is written beside the old one (a hidden temporary file in the same folder,
  created with the log's permissions, flushed to disk) and swapped in with ``os.replace``,
  keeping the file's permissions; the log is never truncated or written in place, so a
  crash, a full disk or a kill leaves the old file or the complete new one. An advisory
  lock (``.NAME.lock``) keeps two footstats writers apart (:func:`append_rows` plans and
  writes under it), and a file changed since it was read (size, time or content, compared
  last right before the swap) is not written at all; nor is a read-only log.
- An export of another app (Strong, Hevy, Loop) is never written to: it belongs to its app.
"""

from __future__ import annotations

import codecs
import errno
import hashlib
import io
import os
import re
import stat
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field, replace
from datetime import date, datetime
from os import PathLike
from pathlib import Path
from typing import TYPE_CHECKING, Any

import pandas as pd

from footstats.columns import (
    CODE,
    DATE,
    DEFAULT_PAIN_SITES,
    ERROR,
    EXERCISE,
    MINUTES,
    NOTES,
    PAIN_PREFIX,
    PARTICIPANT,
    REPS,
    SECONDS,
    SETS,
    SEVERITY,
    SIDE,
    WARNING,
    pain_column,
)
from footstats.columns import LINE as LINE_COLUMN
from footstats.core.codes import APPEND_NO_COLUMN, APPEND_NOT_READ_BACK
from footstats.core.inputs import read_regular_file
from footstats.core.options import ReadKeywords, ReadOptions, read_options
from footstats.core.problems import format_problems, problem, problems_frame
from footstats.core.values import INVISIBLE
from footstats.errors import AppendError, RowsRefused, UsageError
from footstats.importers import detect
from footstats.reading.csvfile import NotALog
from footstats.reading.dialect import DEFAULT, Dialect, sniff
from footstats.reading.log import load_log
from footstats.reading.validation import canonical_column
from footstats.routine import Routine, deprecated_program, load_routine, resolve_routine
from footstats.writing.files import atomic_path, file_lock, lock_file, stale_temps

if TYPE_CHECKING:
    from typing_extensions import Unpack

__all__ = [
    "Append",
    "AppendError",
    "RowsRefused",
    "append_rows",
    "plan_append",
    "session_rows",
    "week_so_far",
]

# The header of a new log (the sample log's); a participant column goes first when needed.
NEW_LOG_COLUMNS = (
    DATE,
    EXERCISE,
    SETS,
    REPS,
    SECONDS,
    SIDE,
    *map(pain_column, DEFAULT_PAIN_SITES),
    MINUTES,
    NOTES,
)
_CHUNK = 1 << 20


@dataclass(frozen=True)
class _Snapshot:
    """What a file was when it was read: modification time and content hash (a save of
    the same bytes counts as a change: the user may be editing the log)."""

    mtime_ns: int
    digest: bytes

    @classmethod
    def of(cls, path: Path, data: bytes | None = None) -> _Snapshot | None:
        try:
            info = path.stat()
            if data is None:
                data = read_regular_file(path)
        except FileNotFoundError:
            return None
        return cls(info.st_mtime_ns, hashlib.sha256(data).digest())


@dataclass(frozen=True)
class Append:
    """Rows ready to be added to a log (from :func:`plan_append`), or added.

    Attributes
    ----------
    file : str
        The log as named by the caller.
    text : str
        The exact lines that are added (the header first when the log is new), with LF
        line breaks; in the file they get the file's own line endings.
    lines : range
        The line numbers the new rows have in the file (a row whose note holds a line
        break takes two).
    rows : int
        How many rows are added.
    problems : DataFrame
        Errors and warnings about the new rows (``file:line:column`` as ``footstats
        check``); nothing is written while there is an error.
    creates : bool
        The log does not exist yet (or is empty) and is created with a header.

    Examples
    --------
    >>> import tempfile
    >>> from pathlib import Path
    >>> log = Path(tempfile.mkdtemp()) / "log.csv"
    >>> plan = plan_append(log, [{"date": "2026-04-10", "exercise": "Heel raises", "sets": 3}])
    >>> plan.creates, list(plan.lines)
    (True, [2])
    """

    file: str
    text: str
    lines: range
    problems: pd.DataFrame
    creates: bool
    rows: int
    path: Path = field(repr=False)
    data: bytes = field(repr=False)  # the whole new file
    before: _Snapshot | None = field(repr=False)
    mode: int | None = field(repr=False)

    @property
    def ok(self) -> bool:
        """True when no new row has an error."""
        return not (self.problems[SEVERITY] == ERROR).any()

    def preview(self) -> str:
        """What :meth:`write` will do, in words, and the exact lines.

        >>> import tempfile
        >>> log = Path(tempfile.mkdtemp()) / "log.csv"
        >>> print(plan_append(log, [{"date": "2026-04-10", "exercise": "Heel raises",
        ...                          "sets": 3}]).preview())  # doctest: +ELLIPSIS
        Create .../log.csv with a header and 1 row (line 2):
        date,exercise,sets,reps,seconds,side,pain_back,pain_hip,pain_knee,minutes,notes
        2026-04-10,Heel raises,3,,,,,,,,
        """
        where = (
            f"line {self.lines.start}"
            if len(self.lines) == 1
            else f"lines {self.lines.start}-{self.lines.stop - 1}"
        )
        rows = f"{self.rows} row{'s' if self.rows != 1 else ''} ({where})"
        head = (
            f"Create {self.file} with a header and {rows}:"
            if self.creates
            else f"Add {rows} to {self.file}:"
        )
        return f"{head}\n{self.text.rstrip(chr(10))}"

    def messages(self) -> list[str]:
        """The problems as ``FILE:LINE:COLUMN: severity: message`` lines."""
        return format_problems(self.problems)

    def write(self) -> Append:
        """Add the rows; raise :class:`RowsRefused` or :class:`AppendError` and write nothing.

        Holding the log's lock, the file is compared with what was read (size, time and
        content); the new file is then written beside it, flushed to disk, compared once
        more right before the swap (a save by another program during the flush is never
        overwritten) and swapped in. Temporary files of an earlier writer that was killed
        are removed.
        """
        with _write_errors(self.file, self.path), file_lock(self.path):
            return self._write_locked()

    def _write_locked(self) -> Append:
        if not self.ok:
            raise RowsRefused(self.problems, self.file)
        with _write_errors(self.file, self.path):
            self._check_unchanged()
            for stale in stale_temps(self.path):
                stale.unlink(missing_ok=True)
            # The last comparison comes after the flush, right before the swap: the flush
            # of a large log takes long enough for another program to save meanwhile.
            with atomic_path(
                self.path, mode=self.mode, durable=True, check=self._check_unchanged
            ) as tmp:
                _write_all(tmp, self.data)
        return self

    def _check_unchanged(self) -> None:
        now = _Snapshot.of(self.path)
        if now != self.before:
            what = "was created" if self.before is None else "changed"
            raise AppendError(
                f"{self.file} {what} since it was read (saved by another program?): "
                "nothing was written; add the rows again to the file as it is now"
            )


def append_rows(
    path: str | PathLike[str],
    rows: Any,
    *,
    options: ReadOptions | None = None,
    confirm: Callable[[Append], bool] | None = None,
    **keywords: Unpack[ReadKeywords],
) -> Append:
    """Add rows at the end of a log, keeping its format; the old lines are never touched.

    Parameters
    ----------
    path : str or path-like
        The log (a footstats CSV log). It is created with a header when it does not exist.
    rows : list of dicts, or DataFrame
        One dict per row, keyed by log column (``date``, ``exercise``, ``sets``, ``reps``,
        ``seconds``, ``side``, ``pain_back`` ..., ``minutes``, ``notes``, ``participant``,
        or a column as written in the log's header). Dates may be ``date`` objects or text;
        None and NaN leave a cell blank.
    options : ReadOptions, optional
        How the log is read to check the rows (:func:`footstats.read_log`), or as keyword
        arguments: ``routine`` (the routine the rows are checked against; default: the
        packaged one), ``encoding``, ``dayfirst``, ``date_format``, ``exercise_map``,
        ``today``.
    confirm : callable, optional
        Called with the planned :class:`Append` (rows checked and without errors, nothing
        written yet) while the log's lock is held; the rows are written only when it
        returns True (False raises :class:`AppendError`). ``footstats add`` uses it to
        write exactly the rows it asked about.

    Returns
    -------
    Append
        What was written: ``.lines`` (line numbers of the new rows), ``.text`` and
        ``.problems`` (warnings).

    Raises
    ------
    RowsRefused
        A new row has an error (``.problems``); nothing was written.
    AppendError
        The log cannot be read or written, belongs to another app, or changed while being
        written, or ``confirm`` said no; nothing was written.

    Examples
    --------
    >>> import tempfile
    >>> log = Path(tempfile.mkdtemp()) / "log.csv"
    >>> _ = log.write_text("date;exercise;sets;Pain Back\\r\\n2026-04-08;Heel raises;2;3")
    >>> added = append_rows(log, [{"date": "2026-04-10", "exercise": "Heel raises",
    ...                            "sets": 3, "pain_back": 2}])
    >>> log.read_bytes().splitlines(keepends=True)[1:]
    [b'2026-04-08;Heel raises;2;3\\r\\n', b'2026-04-10;Heel raises;3;2\\r\\n']
    >>> added.lines
    range(3, 4)
    """
    options = read_options(options, keywords, caller="append_rows")
    target = _target(path)
    _check_folder(str(path), target)
    with _write_errors(str(path), target), file_lock(target):
        # Planned and written under one lock, so a second writer waits for the first one
        # and then adds its rows to the file as the first one left it.
        plan = _plan(path, rows, options)
        if not plan.ok:
            raise RowsRefused(plan.problems, plan.file)
        if confirm is not None and not confirm(plan):
            raise AppendError(
                f"{plan.file} changed since the rows were shown (saved by another program?): "
                "nothing was written; add the rows again to the file as it is now"
            )
        return plan._write_locked()


def plan_append(
    path: str | PathLike[str],
    rows: Any,
    *,
    options: ReadOptions | None = None,
    **keywords: Unpack[ReadKeywords],
) -> Append:
    """Prepare :func:`append_rows` without writing: check the rows and build the new file.

    Errors are those of :func:`append_rows`, except that rows with errors are not raised:
    they are in ``.problems`` (``.ok`` is False) and :meth:`Append.write` refuses them.
    Call ``.write()`` to add the rows; it refuses to write when the file changed in between.

    Parameters
    ----------
    path : str or path-like
        The log (created with a header on the first write when it does not exist).
    rows : iterable of dict
        The new rows, as for :func:`append_rows`.
    options : ReadOptions, optional
        How the log is read (its routine, encoding, date order); or give the options as
        keyword arguments (those of :func:`footstats.read_log`), not both.

    Examples
    --------
    >>> import tempfile
    >>> log = Path(tempfile.mkdtemp()) / "log.csv"
    >>> plan = plan_append(log, [{"date": "2026-04-10", "exercise": "Heel raises",
    ...                           "sets": "three"}])
    >>> plan.ok, plan.messages()[0].split(":", 1)[1]
    (False, "2:sets: error: 'three' is not a number; expected a whole number ≥ 0 (sets) [FS208]")
    """
    return _plan(path, rows, read_options(options, keywords, caller="plan_append"))


def _plan(path: str | PathLike[str], rows: Any, options: ReadOptions) -> Append:
    """:func:`plan_append` with its options made."""
    label = str(path)
    target = _target(path)
    options = replace(options, routine=resolve_routine(options.routine))
    records = _records(rows)
    if not records:
        raise UsageError("no rows to add")
    old = _read(label, target)
    if old:
        _check_encoding(label, old, options.encoding)
        try:
            found = sniff(label, old, options.encoding)
        except NotALog as exc:
            raise AppendError(f"{label}: nothing was written: {exc}") from None
        _refuse_app_export(label, found.header)
        dialect, header = found.dialect, found.header
        # the header is line 1; a missing final line break is added before the new lines
        ended = found.text.endswith("\n")
        first_line = found.text.count("\n") + (1 if ended else 2)
        prefix = old if ended else old + dialect.newline.encode(dialect.encoding)
        text = ""
    else:  # a new log: its header, then the rows from line 2
        dialect, header = DEFAULT, _new_header(records)
        first_line, prefix = 2, b""
        text = dialect.line([(name, "text") for name in header]) + "\n"
    build = _Builder(label, dialect, header, first_line)
    lines = [build.record(row) for row in records]
    text += "".join(line + "\n" for line in lines)
    new_part = text.replace("\n", dialect.newline)
    try:
        data = prefix + new_part.encode(dialect.encoding)
    except UnicodeEncodeError as exc:
        bad = exc.object[exc.start : exc.end]
        raise AppendError(
            f"{label}: nothing was written: {bad!r} cannot be written in the log's encoding "
            f"({dialect.encoding}); leave it out or convert the log to UTF-8"
        ) from None
    if not data.startswith(old):  # cannot happen: the old bytes are the new file's start
        raise AssertionError(f"{label}: not the old file's start")  # pragma: no mutate
    problems = build.problems + _check(label, data, build.lines, options)
    problems += _unknown_exercises(label, records, build.lines, options, problems)
    # None when there is no file; the bytes read, not read again
    before = _Snapshot.of(target, old)
    mode = stat.S_IMODE(target.stat().st_mode) if before is not None else None
    return Append(
        file=label,
        text=text,
        lines=range(first_line, first_line + sum(build.spans)),
        problems=problems_frame(problems),
        creates=not old,
        rows=len(records),
        path=target,
        data=data,
        before=before,
        mode=mode,
    )


def session_rows(
    day: date | str,
    *,
    routine: Routine | str | PathLike[str] | None = None,
    done: Iterable[Mapping[str, Any]] | None = None,
    pain: Mapping[str, int | str | None] | None = None,
    minutes: float | str | None = None,
    notes: str | None = None,
    participant: str | None = None,
    program: Routine | str | PathLike[str] | None = None,
) -> list[dict[str, Any]]:
    """The rows of one session, for :func:`append_rows`.

    Parameters
    ----------
    day : date or str
        The session's date.
    routine : Routine or path, optional
        The routine (default: the packaged one).
    done : list of dicts, optional
        The exercises done, each with ``exercise`` and ``sets`` and optionally ``reps``,
        ``seconds`` and ``side``. Default: the whole routine as prescribed, one row per
        exercise and side (the low end of each range). An empty list makes a pain check-in.
    pain : dict, optional
        Pain per site (``{"back": 3}``); None values are left out. Written on the first row.
    minutes, notes : optional
        Written on the first row.
    participant : str, optional
        Written on every row.

    Examples
    --------
    >>> rows = session_rows("2026-04-10", pain={"back": 3, "hip": None})
    >>> [(r["exercise"], r["side"], r["sets"]) for r in rows[:3]]
    [('Toe walking', None, 6), ('Heel raises', 'left', 2), ('Heel raises', 'right', 2)]
    >>> rows[0]["pain_back"], "pain_hip" in rows[0]
    (3, False)
    >>> session_rows("2026-04-10", done=[], pain={"knee": 2})
    [{'date': '2026-04-10', 'pain_knee': 2}]
    """
    routine = deprecated_program(routine, program)
    routine = routine if isinstance(routine, Routine) else load_routine(routine)
    exercises = _prescribed(routine) if done is None else [dict(row) for row in done]
    first: dict[str, object] = {
        pain_column(site): value for site, value in (pain or {}).items() if value is not None
    }
    if minutes is not None:
        first[MINUTES] = minutes
    if notes:
        first[NOTES] = notes
    if not exercises and not any(k.startswith("pain_") for k in first):
        raise UsageError("a pain check-in needs at least one pain value")
    rows = [{DATE: day, **row} for row in exercises] or [{DATE: day}]
    rows[0].update(first)
    if participant is not None:
        rows = [{PARTICIPANT: participant, **row} for row in rows]
    return rows


def week_so_far(
    log: pd.DataFrame,
    day: date | str,
    *,
    routine: Routine | str | PathLike[str] | None = None,
    participant: str | None = None,
    program: Routine | str | PathLike[str] | None = None,
) -> str:
    """Where the week of ``day`` stands: sessions against the target, and the streak.

    The streak counts the weeks in a row that met the target, up to this week when it is
    already met (up to last week otherwise: a week in progress does not break it). In a
    log with participants, ``participant`` says whose week.

    Parameters
    ----------
    log : DataFrame
        The tidy log, with the new rows (:func:`footstats.read_log`).
    day : date or str
        A day of the week asked about (an ISO date).
    routine : Routine, optional
        The routine; None: the log's own.
    participant : str, optional
        Whose week, in a log with participants.
    program : Routine, optional
        Deprecated: the old name of ``routine`` (a DeprecationWarning).

    Examples
    --------
    >>> from io import StringIO
    >>> import footstats
    >>> log = footstats.read_log(StringIO(
    ...     "date,exercise,sets\\n2026-03-30,Heel raises,2\\n2026-04-01,Heel raises,2\\n"
    ...     "2026-04-06,Toe walking,6\\n"))
    >>> week_so_far(log, "2026-04-06")
    '1 of 2–3 sessions this week (week of Mon 6 Apr 2026); streak: 1 week at target'
    """
    routine = deprecated_program(routine, program)
    from footstats.metrics.tables import frequency_summary, weekly_frequency

    routine = routine if isinstance(routine, Routine) else load_routine(routine)
    if PARTICIPANT in log.columns:
        if participant is None and log[PARTICIPANT].nunique() > 1:
            raise UsageError("the log has several participants: say whose week (participant=)")
        if participant is not None:
            log = log[log[PARTICIPANT] == participant]
        log = log.drop(columns=PARTICIPANT)
    when = pd.Timestamp(day).normalize()
    monday = when - pd.Timedelta(days=when.day_of_week)
    weekly = weekly_frequency(log, routine=routine)
    weekly = weekly[weekly["week"] <= monday]
    this_week = weekly[weekly["week"] == monday]
    sessions = int(this_week["sessions"].sum())
    met = bool(this_week["target_met"].all()) and len(this_week) > 0
    history = weekly if met else weekly[weekly["week"] < monday]
    streak = int(frequency_summary(history)["current_streak"].iloc[0]) if len(history) else 0
    target = routine.sessions_per_week
    target_text = str(target).replace("-", "–")
    return (
        f"{sessions} of {target_text} sessions this week (week of {monday:%a} "
        f"{monday.day} {monday:%b %Y}); streak: {streak} week{'s' if streak != 1 else ''} "
        "at target"
    )


# -- building the new lines --------------------------------------------------------------


@dataclass
class _Builder:
    """Turns row dicts into lines in the log's column order and dialect."""

    file: str
    dialect: Dialect
    header: list[str]
    first_line: int
    problems: list[dict] = field(default_factory=list)
    lines: list[int] = field(default_factory=list)  # the line each record starts on
    spans: list[int] = field(default_factory=list)  # the lines each record takes

    def __post_init__(self):
        self.keys = [_column_key(name) for name in self.header]

    def record(self, row: dict) -> str:
        line = self.first_line + sum(self.spans)
        cells = [self.cell(row.get(key), key) for key in self.keys]
        for key, value in row.items():
            if key not in self.keys and _text(value) != "":
                self.problems.append(
                    problem(
                        self.file,
                        line,
                        key,
                        _text(value),
                        APPEND_NO_COLUMN,
                        f"the log has no {key} column (its columns: {', '.join(self.header)}): "
                        "add it to the header line first, or leave this value out",
                    )
                )
        text = self.dialect.line(cells)
        self.lines.append(line)
        self.spans.append(text.count(self.dialect.newline) + 1)
        return text.replace(self.dialect.newline, "\n")

    def cell(self, value, key: str) -> tuple[str, str]:
        if _blank(value):
            return "", "empty"
        if isinstance(value, bool):
            return ("true" if value else "false"), "text"
        if isinstance(value, int | float):
            return self.dialect.number(value), "number"
        text = _text(value)
        decimal = _DECIMAL.fullmatch(text) if _is_numeric(key) else None
        if decimal:  # typed 30.5 or 30,5: written with the log's own decimal mark
            mark = "," if self.dialect.decimal_comma else "."
            return f"{decimal[1]}{mark}{decimal[2]}", "number"
        return text, "text" if text else "empty"


# A number typed with a decimal mark, point or comma (30.5, 30,5, .5): the only text of a
# numeric cell that is rewritten, to the log's own mark (the README's promise).
_DECIMAL = re.compile(r"\s*([+-]?\d*)[.,](\d+)\s*")


def _is_numeric(key: str) -> bool:
    return key in (SETS, REPS, SECONDS, MINUTES) or key.startswith(PAIN_PREFIX)


def _records(rows) -> list[dict]:
    if isinstance(rows, pd.DataFrame):
        rows = rows.to_dict("records")
    elif isinstance(rows, Mapping):
        raise TypeError("rows: expected a list of dicts (one per row), got one dict")
    out = []
    for row in rows:
        keyed = {}
        for key, value in dict(row).items():
            keyed[_column_key(str(key))] = value
        out.append(keyed)
    return out


def _column_key(name: str) -> str:
    """The key a header name and a row key are matched by: the tidy column, else the name."""
    return canonical_column(name) or name.strip(INVISIBLE)


def _blank(value) -> bool:
    if value is None or value is pd.NA or value is pd.NaT:
        return True
    return isinstance(value, float) and value != value


def _text(value) -> str:
    if _blank(value):
        return ""
    if isinstance(value, datetime | pd.Timestamp):
        midnight = (value.hour, value.minute, value.second) == (0, 0, 0)
        return value.strftime("%Y-%m-%d" if midnight else "%Y-%m-%d %H:%M")
    if isinstance(value, date):
        return value.isoformat()
    return str(value)


def _new_header(records: list[dict]) -> list[str]:
    keys = dict.fromkeys(key for row in records for key in row)
    header = [PARTICIPANT] if PARTICIPANT in keys else []
    header += list(NEW_LOG_COLUMNS)
    extra_pain = [k for k in keys if k.startswith("pain_") and k not in header]
    position = header.index(MINUTES)
    header[position:position] = extra_pain
    return header


def _prescribed(routine: Routine) -> list[dict]:
    rows = []
    for exercise in routine.exercises:
        dose = {EXERCISE: exercise.name, SETS: exercise.prescribed_sets}
        if exercise.reps is not None:
            dose[REPS] = _whole(exercise.reps.low)
        seconds = exercise.seconds or exercise.hold_seconds
        if seconds is not None:
            dose[SECONDS] = _whole(seconds.low)
        sides = ("left", "right") if exercise.per_side else (None,)
        rows += [{**dose, SIDE: side} for side in sides]
    return rows


def _whole(value: float) -> int | float:
    return int(value) if float(value).is_integer() else value


# -- reading, checking, writing ---------------------------------------------------------


def _target(path: str | PathLike) -> Path:
    """The file to write, as an absolute path: a symbolic link's target (replacing the link
    would cut it); messages name its folder whatever the current folder."""
    return Path(path).resolve()


def _read(label: str, target: Path) -> bytes:
    if target.is_dir():
        raise AppendError(f"{label} is a folder: give the log file")
    try:
        data = read_regular_file(target)
    except FileNotFoundError:
        _check_folder(label, target)
        return b""
    except OSError as exc:
        raise AppendError(f"cannot read {label}: {exc.strerror or exc}") from None
    _check_writable(label, target)
    return data


def _check_writable(label: str, target: Path) -> None:
    """A log without write permission (``chmod a-w``) is left as it is, and said so."""
    if not os.access(target, os.W_OK):
        raise AppendError(
            f"{label} is read-only (chmod u+w {label} to add to it); nothing was written"
        )


def _check_encoding(label: str, old: bytes, encoding: str | None) -> None:
    """Refuse an ``encoding`` that does not fit the log's bytes: rows written in it would
    make the log unreadable. A log that is UTF-8 (a UTF-8 byte-order mark, or non-ASCII
    bytes that are valid UTF-8) takes UTF-8 rows only; cp1252 and the like decode almost
    any bytes, so they cannot be trusted to say no themselves."""
    if encoding is None:
        return
    try:
        name = codecs.lookup(encoding).name
    except LookupError:
        raise AppendError(f"{label}: nothing was written: unknown encoding {encoding!r}") from None
    if name in ("utf-8", "utf-8-sig") or old.isascii():
        return
    try:
        old.decode("utf-8")
    except UnicodeDecodeError:
        return  # not UTF-8: the given encoding may well be the log's
    raise AppendError(
        f"{label}: nothing was written: the log is UTF-8 (its bytes read as UTF-8), so rows "
        f"written as {encoding} would make it unreadable; leave out the encoding "
        "(--encoding)"
    )


def _check_folder(label: str, target: Path) -> None:
    if not target.parent.is_dir():
        raise AppendError(
            f"{label}: the folder {target.parent} does not exist; nothing was written"
        )


def _refuse_app_export(label: str, header: list[str]) -> None:
    app = detect([name.strip(INVISIBLE) for name in header])
    if app is not None:
        name = app.app
        raise AppendError(
            f"{label} is an export of {name}: it belongs to {name}, so footstats does not "
            "add to it (its next export would not have your rows anyway). Start a footstats "
            "log instead: footstats add my_log.csv ... creates one, and read_logs/report "
            "read both files."
        )


def _check(label: str, data: bytes, lines: list[int], options: ReadOptions) -> list[dict]:
    """Problems of the new rows: the reader run on the whole new file, as ``check`` does."""
    buffer = io.BytesIO(data)
    buffer.name = label
    loaded = load_log(buffer, options)
    problems = loaded.problems
    first = lines[0]
    line = problems[LINE_COLUMN]
    new = line.ge(first).fillna(False).astype(bool)
    severity = problems[SEVERITY]
    header = line.isna() | line.eq(1)  # never NA: True | NA is True
    keep = (new & severity.isin([ERROR, WARNING])) | (header & severity.eq(ERROR))
    found = problems[keep.to_numpy(dtype=bool)].to_dict("records")
    # with no error, every new line must be read back as a row
    seen = set(loaded.log[LINE_COLUMN][loaded.log[LINE_COLUMN] >= first])
    if not any(p[SEVERITY] == ERROR for p in found) and not set(lines) <= seen:
        found.append(
            problem(
                label,
                first,
                "-",
                "",
                APPEND_NOT_READ_BACK,
                "the new rows would not be read back as written (a quote in the last line of "
                "the log is never closed?): footstats check shows the line to fix first",
            )
        )
    return found


def _unknown_exercises(
    label: str, records: list[dict], lines: list[int], options: ReadOptions, found: list[dict]
) -> list[dict]:
    """A warning for each new row whose exercise the routine does not know, with the
    routine's closest name ("did you mean 'Heel raises'?"), compared against the routine,
    not against the file: a misspelling already in the log is still a misspelling. The
    reader warns once per name, at its first line; a name already warned about on the new
    line is not warned about twice."""
    from footstats.core.codes import UNKNOWN_EXERCISE
    from footstats.routine import name_key

    routine: Routine = options.routine  # type: ignore[assignment]  # resolved in _plan
    mapped = {name_key(name) for name in (options.exercise_map or {})}
    warned = {(p[LINE_COLUMN], p[CODE]) for p in found}
    out = []
    for record, line in zip(records, lines, strict=True):
        name = _text(record.get(EXERCISE))
        if not name or routine.match(name) is not None or name_key(name) in mapped:
            continue
        if (line, UNKNOWN_EXERCISE.id) in warned:
            continue
        suggestion = routine.suggest(name)
        hint = f" Did you mean {suggestion!r}?" if suggestion else ""
        out.append(
            problem(
                label,
                line,
                EXERCISE,
                name,
                UNKNOWN_EXERCISE,
                f"{name!r} is not in the routine: kept, but not counted as a routine exercise."
                f"{hint} (the log has it already; the routine decides what counts)",
            )
        )
    return out


class _write_errors:
    """Lock and write failures (another writer, a full disk, a read-only folder) as an
    :class:`AppendError` with a clear message."""

    def __init__(self, label: str, target: Path):
        self.label, self.target = label, target

    def __enter__(self):
        return self

    def __exit__(self, kind, exc, tb):
        if isinstance(exc, TimeoutError):
            raise AppendError(f"{self.label}: nothing was written: {exc}") from None
        if isinstance(exc, OSError):
            raise AppendError(_os_message(self.label, self.target, exc)) from None
        return False


def _write_all(path: Path, data: bytes) -> None:
    fd = os.open(path, os.O_WRONLY | os.O_TRUNC)
    try:
        view = memoryview(data)
        while view:
            written = os.write(fd, view[:_CHUNK])
            view = view[written:]
    finally:
        os.close(fd)


def _os_message(label: str, target: Path, exc: OSError) -> str:
    unchanged = f"nothing was written and {label} is unchanged"
    if exc.errno in (errno.ENOSPC, errno.EDQUOT, errno.EFBIG):
        return f"cannot write {label}: the disk is full; {unchanged}. Free some space and retry"
    failed = Path(exc.filename) if isinstance(exc.filename, str) else None
    if exc.errno == errno.EROFS:
        return f"cannot write {label}: the file system is read-only; {unchanged}"
    if exc.errno in (errno.EACCES, errno.EPERM) and failed == lock_file(target):
        return (
            f"cannot write {label}: permission denied on its lock file {failed} (made by "
            f"another user?); {unchanged}"
        )
    if exc.errno in (errno.EACCES, errno.EPERM):
        return (
            f"cannot write {label}: permission denied in the folder {target.parent} (footstats "
            "writes the new log beside the old one, then swaps them, so the folder must be "
            f"writable); {unchanged}"
        )
    return f"cannot write {label}: {exc.strerror or exc}; {unchanged}"
