"""Read and validate exercise-session logs.

:func:`read_log` returns the tidy log (schema in ``footstats.columns``) or raises
:class:`LogError` listing every problem; :func:`check_log` returns the problems without
raising; :func:`validate_log` returns both, which is the way to load the valid rows of a
file while still seeing every rejected line.

Every input row is either loaded or reported with its file, physical line and column.
Nothing is dropped or guessed silently, and the input file is only ever read. The checks
themselves (one vectorised pass over the columns) are in ``footstats.reading.validation``.
"""

from __future__ import annotations

import warnings
from dataclasses import dataclass, field
from datetime import date
from importlib import resources
from io import BytesIO
from os import PathLike
from pathlib import Path

import pandas as pd

from footstats.columns import ERROR, LINE, SEVERITY
from footstats.core.codes import HABIT_NOT_LOOP
from footstats.core.problems import problem, problems_frame
from footstats.core.values import INVISIBLE
from footstats.errors import LogError, LogWarning, UsageError
from footstats.importers import FOOTSTATS, Reading, convert, detect_format, importer
from footstats.importers.loop import export_checkmarks
from footstats.reading.csvfile import (
    NotALog,
    RawTable,
    Unreadable,
    decode,
    parse_plain,
    parse_table,
    read_source,
    source_label,
)
from footstats.reading.typed import as_text
from footstats.reading.validation import (
    Options,
    Validation,
    empty_log,
    holds_whole_numbers,
)
from footstats.routine import Routine, deprecated_program, resolve_routine

__all__ = ["LoadedLog", "LogError", "LogWarning", "check_log", "load_sample", "read_log"]
__all__ += ["validate_log"]

SAMPLE = "foot_log.csv"


@dataclass(frozen=True)
class LoadedLog:
    """What :func:`validate_log` found: the valid rows and every problem.

    Attributes
    ----------
    log : DataFrame
        The tidy log of the rows that loaded (all rows when there are no errors).
    problems : DataFrame
        file, line, column, value, severity (error / warning / notice), code, message.
    file : str
        The input's name as given.
    format : str
        The format read (``"footstats"``, or an app such as ``"strong"``).
    dialect : str
        What the file layer noticed (encoding, delimiter, line endings), "" when plain.
    readable : bool
        False when the input could not be opened at all (missing, a folder, no permission).
    """

    log: pd.DataFrame
    problems: pd.DataFrame
    file: str
    format: str = FOOTSTATS
    dialect: str = ""
    readable: bool = True
    extents: dict = field(default_factory=dict, repr=False)  # file -> (lines, multi-line spans)

    @property
    def errors(self) -> pd.DataFrame:
        return self.problems[self.problems[SEVERITY] == ERROR]

    @property
    def ok(self) -> bool:
        return self.errors.empty

    def left_out_lines(self) -> int:
        """Physical lines of the records left out for errors.

        A record whose quoted value spans four lines counts four; a whole-file error (an
        unusable header, a file that is not text) counts every line of the file.
        """
        total = 0
        for file, lines in self.errors.groupby("file", sort=False)["line"]:
            count, spans = self.extents.get(file, (0, {}))
            if lines.isna().any() or (lines == 1).any():
                total += max(count, 1)
                continue
            total += sum(spans.get(line, line) - line + 1 for line in set(lines.astype(int)))
        return total

    def valid_log(self, on_invalid: str = "raise", *, stacklevel: int = 2) -> pd.DataFrame:
        """The log; with errors, raise :class:`LogError` or (``"drop"``) warn and return it."""
        if self.ok:
            return self.log
        if on_invalid == "raise" or not self.readable:
            raise LogError(self.problems, self.file)
        errors = self.errors
        files = ", ".join(dict.fromkeys(errors["file"]))
        lines = self.left_out_lines()
        warnings.warn(
            f"{self.file}: {lines} line(s) with errors were left out ({len(errors)} error(s) "
            f"in {files}); footstats.check_log() or check_logs() lists them",
            LogWarning,
            stacklevel=stacklevel,
        )
        return self.log


def check_on_invalid(on_invalid: str) -> None:
    if on_invalid not in ("raise", "drop"):
        raise UsageError(f"on_invalid must be 'raise' or 'drop', got {on_invalid!r}")


def validate_log(
    path_or_buffer,
    *,
    routine: Routine | str | PathLike | None = None,
    dayfirst: bool = False,
    date_format: str | None = None,
    encoding: str | None = None,
    format: str | None = None,
    exercise_map: dict[str, str] | None = None,
    habit: str | None = None,
    excel_dates: bool = False,
    today: date | None = None,
    program: Routine | str | PathLike | None = None,
) -> LoadedLog:
    """Read a log, keep its valid rows and report every problem; never raises for bad data.

    Parameters are those of :func:`read_log`.

    Returns
    -------
    LoadedLog
        ``.log`` holds the rows that loaded; ``.problems`` every error, warning and notice.

    Examples
    --------
    >>> from io import StringIO
    >>> text = "date,exercise,sets\\n2026-03-02,Heel raises,2\\n2026-03-04,Heel raises,two\\n"
    >>> loaded = validate_log(StringIO(text))
    >>> first = loaded.problems.iloc[0]
    >>> len(loaded.log), int(first["line"]), first["column"], first["severity"]
    (1, 3, 'sets', 'error')
    """
    routine = deprecated_program(routine, program)
    routine = resolve_routine(routine)
    path_or_buffer = export_checkmarks(path_or_buffer)  # an unzipped Loop export folder
    label = source_label(path_or_buffer)
    data, text = b"", None
    try:
        data = read_source(path_or_buffer)
        raw = parse_plain(label, data, encoding, whole=holds_whole_numbers)
        if raw is None:
            text, notes = decode(label, data, encoding)
            data = b""  # only the text is read from here on: the bytes are let go
            raw = parse_table(label, text, notes, whole=holds_whole_numbers)
    except Unreadable as exc:
        return LoadedLog(empty_log(), problems_frame([exc.record]), label, readable=False)
    except NotALog as exc:
        source = data if text is None else text  # the text once decoded, else the bytes
        lines = source.count(b"\n" if isinstance(source, bytes) else "\n") + 1
        extents = {label: (lines, {})}
        return LoadedLog(empty_log(), problems_frame(exc.records), label, extents=extents)
    if format is None:
        sample = as_text(raw.frame.head(20))
        chosen = detect_format([name.strip(INVISIBLE) for name in raw.header], sample)
    else:
        chosen = getattr(importer(format), "NAME", FOOTSTATS)  # None is footstats' own
    if chosen != FOOTSTATS:  # importers read text
        raw.frame = as_text(raw.frame)
        if text is None:  # from the bytes, which decode as the fast path read them
            text = decode(label, data, encoding)[0]
    else:
        text = None  # footstats' own format needs only the raw table from here on
    data = b""  # the file's bytes and text are let go before the validation
    folder = Path(path_or_buffer).parent if isinstance(path_or_buffer, str | PathLike) else None
    reading = Reading(dayfirst, date_format, excel_dates, folder)
    header, columns, lines, written, problems = _as_footstats(raw, chosen, habit, reading, text)
    options = Options(routine, dayfirst, date_format, excel_dates, today, raw.delimiter == ";")
    validation = Validation(label, header, columns, lines, options, exercise_map, written)
    # "only a header" is said of a file with no rows at all, not of rows that did not load
    validation.header_only = raw.frame.empty and not any(p[SEVERITY] == ERROR for p in raw.problems)
    log, more = validation.run()
    log.attrs.update(source=label, format=chosen, dialect=raw.dialect, routine=routine)
    extents = {label: (raw.lines, raw.spans)}
    return LoadedLog(
        log, problems_frame(problems, [more]), label, chosen, raw.dialect, extents=extents
    )


def read_log(path_or_buffer, *, on_invalid: str = "raise", **options) -> pd.DataFrame:
    """Read an exercise-session log (CSV) into a tidy DataFrame.

    Parameters
    ----------
    path_or_buffer : str, path, bytes or open file
        The log. Its format is recognised from the header (footstats' own, or an app's
        export such as Strong); the one used is in ``log.attrs["format"]``. An unzipped
        Loop Habit Tracker export folder is read as its ``Checkmarks.csv`` (with ``habit=``).
    routine : Routine or path, optional
        The routine exercises are matched against; the packaged foot routine by default.
    dayfirst : bool, default False
        Accept day-first dates such as ``03/04/2026`` (3 April). Without it, and without
        ``date_format``, only ISO dates (``2026-04-03``, ``2026-04-03 07:30``) are read;
        anything else is an error, never a guess.
    date_format : str, optional
        An explicit ``strftime`` format for the dates, e.g. ``"%m/%d/%Y"``.
    encoding : str, optional
        The file's encoding when it is not UTF-8 (UTF-8 and UTF-16 with a BOM are detected).
    format : str, optional
        Force a format (``"footstats"``, ``"strong"``, ``"hevy"``, ``"loop"``).
    exercise_map : dict, optional
        Exercise names as written -> routine exercise (id or name), for names the routine's
        aliases do not cover.
    habit : str, optional
        For a Loop Habit Tracker export: the habit that is the routine.
    excel_dates : bool, default False
        Accept Excel serial day numbers (``45356``) as dates.
    today : date, optional
        The date after which dates are "in the future" (default: today).
    on_invalid : {"raise", "drop"}, default "raise"
        "raise": any error raises :class:`LogError` listing every problem. "drop": return
        the valid rows and warn (:class:`LogWarning`) how many lines were left out; use
        :func:`validate_log` to get those lines and why.

    Returns
    -------
    DataFrame
        The tidy log: one row per loaded input row (schema in ``footstats.columns``).

    Raises
    ------
    LogError
        When the log has errors (with ``on_invalid="raise"``) or cannot be read at all.

    Examples
    --------
    >>> log = read_log(BytesIO(b"date,exercise,sets,Pain Back\\n2026-03-02,Heel raises,2,5\\n"))
    >>> log[["date", "exercise", "sets", "pain_back"]].to_dict("records")[0]["exercise"]
    'heel_raises'
    """
    check_on_invalid(on_invalid)
    return validate_log(path_or_buffer, **options).valid_log(on_invalid, stacklevel=3)


def check_log(path_or_buffer, **options) -> pd.DataFrame:
    """Every problem of a log, as a DataFrame, without raising.

    Columns: file, line, column, value, severity (error / warning / notice), code (``FS203``:
    the kind of problem, listed in docs/problem-codes.md), message.
    Options are those of :func:`read_log`.

    Examples
    --------
    >>> text = b"date,exercise,sets,pain_back\\n2026-03-02,Heel raises,2,11\\n"
    >>> first = check_log(BytesIO(text)).iloc[0]
    >>> int(first["line"]), first["column"], first["message"]
    (2, 'pain_back', '11 is outside 0–10 (pain is a 0–10 rating)')
    """
    return validate_log(path_or_buffer, **options).problems


def load_sample(**options) -> pd.DataFrame:
    """The packaged 16-week sample log (the same file as ``sample_data/foot_log.csv``).

    Examples
    --------
    >>> log = load_sample()
    >>> log["date"].min().date().isoformat()
    '2026-03-02'
    """
    data = (resources.files("footstats") / "data" / SAMPLE).read_bytes()
    buffer = BytesIO(data)
    buffer.name = SAMPLE
    return read_log(buffer, **options)


def _as_footstats(
    raw: RawTable, chosen: str, habit: str | None, reading: Reading, text: str | None
):
    """Header, columns and lines in the footstats format (importers convert app exports)."""
    columns = [raw.frame[i] for i in range(len(raw.header))]
    refused = _habit_refused(raw.file, chosen, habit)
    if chosen == FOOTSTATS:
        return raw.header, columns, raw.frame[LINE], {}, [*raw.problems, *refused]
    named = raw.frame.set_axis([*(h.strip(INVISIBLE) for h in raw.header), LINE], axis=1)
    converted, found = convert(
        chosen, named, list(raw.problems), file=raw.file, habit=habit, reading=reading, text=text
    )
    header = [c for c in converted.columns if c != LINE]
    return (
        header,
        [converted[c].astype("str") for c in header],
        converted[LINE].astype("int64"),
        converted.attrs.get("written", {}),  # problems name the app's columns as written
        [*found, *refused],
    )


def _habit_refused(file: str, chosen: str, habit: str | None) -> list[dict]:
    """habit= names a Loop habit: given for another format, it is refused, not ignored."""
    if habit is None or chosen == "loop":
        return []
    what = "a footstats log" if chosen == FOOTSTATS else f"a {chosen} export"
    return [
        problem(
            file,
            None,
            "-",
            habit,
            HABIT_NOT_LOOP,
            f"habit= (--habit) is for Loop Habit Tracker exports; this file is read as {what}: "
            "leave it out",
        )
    ]
