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
from dataclasses import dataclass, field, replace
from importlib import resources
from io import BytesIO
from os import PathLike
from pathlib import Path
from typing import TYPE_CHECKING, Any

import pandas as pd

from footstats.columns import ERROR, EXERCISE_NAME, LINE, PARTICIPANT, SEVERITY
from footstats.core.codes import EXPORT_NOT_READ, HABIT_NOT_LOOP
from footstats.core.docstrings import fill_docs
from footstats.core.options import ReadKeywords, ReadOptions, read_options
from footstats.core.problems import problem, problems_frame, text_categorical
from footstats.core.values import INVISIBLE
from footstats.errors import LogError, LogWarning, UsageError
from footstats.importers import (
    FOOTSTATS,
    IMPORTERS,
    Export,
    Importer,
    detect,
    export_file,
    importer,
    not_read,
)
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
from footstats.reading.validation import Validation, holds_whole_numbers
from footstats.reading.validation import empty_log as _empty_text_log
from footstats.routine import resolve_routine

if TYPE_CHECKING:
    from typing_extensions import Unpack

__all__ = ["LoadedLog", "LogError", "LogWarning", "check_log", "load_log", "load_sample"]
__all__ += ["read_log", "source_of", "validate_log"]

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

    Examples
    --------
    >>> loaded = validate_log(BytesIO(b"date,exercise,sets\\n2026-03-02,Heel raises,two\\n"))
    >>> len(loaded.log), loaded.problems["column"].tolist(), loaded.ok
    (0, ['sets'], False)
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
    path_or_buffer: Any, *, options: ReadOptions | None = None, **keywords: Unpack[ReadKeywords]
) -> LoadedLog:
    """Read a log, keep its valid rows and report every problem; never raises for bad data.

    Parameters
    ----------
    path_or_buffer : str, path, bytes or open file
        The log (any format :func:`read_log` reads).
    {read_options}

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
    return load_log(path_or_buffer, read_options(options, keywords, caller="validate_log"))


def load_log(path_or_buffer: Any, options: ReadOptions, *, starts: Any = None) -> LoadedLog:
    """:func:`validate_log` with its options made (the folder readers call it per file);
    ``starts``: the first line of each file of a batch read as one text, and the line
    after the last (``footstats.reading.batch``), so that a notice summing up rows is
    given per file."""
    options = replace(options, routine=resolve_routine(options.routine))
    path_or_buffer = source_of(path_or_buffer, options)
    label = source_label(path_or_buffer)
    data: bytes | str = b""
    text: str | None = None
    try:
        data = read_source(path_or_buffer)
        raw = parse_plain(label, data, options.encoding, whole=holds_whole_numbers)
        if raw is None:
            text, notes = decode(label, data, options.encoding)
            data = b""  # only the text is read from here on: the bytes are let go
            raw = parse_table(label, text, notes, whole=holds_whole_numbers)
    except Unreadable as exc:
        return LoadedLog(empty_log(), problems_frame([exc.record]), label, readable=False)
    except NotALog as exc:
        # the text once decoded, else the bytes
        source = data if text is None else text
        lines = (source.count("\n") if isinstance(source, str) else source.count(b"\n")) + 1
        extents: dict[str, tuple[int, dict]] = {label: (lines, {})}
        return LoadedLog(empty_log(), problems_frame(exc.records), label, extents=extents)
    if options.format is None:
        names = [name.strip(INVISIBLE) for name in raw.header]
        chosen = detect(names, as_text(raw.frame.head(20)))
        refused = not_read(names) if chosen is None else None
        if refused is not None:  # an app footstats does not read: say so, and what to do
            found = [*raw.problems, problem(label, 1, "-", "", EXPORT_NOT_READ, refused)]
            extents = {label: (raw.lines, raw.spans)}
            return LoadedLog(empty_log(), problems_frame(found), label, extents=extents)
    else:
        chosen = importer(options.format)  # None is footstats' own
    if chosen is not None:  # importers read text
        raw.frame = as_text(raw.frame)
        if text is None:  # from the bytes, which decode as the fast path read them
            text = decode(label, data, options.encoding)[0]
    else:
        text = None  # footstats' own format needs only the raw table from here on
    data = b""  # the file's bytes and text are let go before the validation
    folder = Path(path_or_buffer).parent if isinstance(path_or_buffer, str | PathLike) else None
    header, columns, lines, written, problems = _as_footstats(raw, chosen, options, text, folder)
    validation = Validation(
        label,
        header,
        columns,
        lines,
        options,
        written,
        decimal_comma=raw.delimiter == ";",
        imported=chosen is not None,
        starts=starts,
    )
    # "only a header" is said of a file with no rows at all, not of rows that did not load
    validation.header_only = raw.frame.empty and not any(p[SEVERITY] == ERROR for p in raw.problems)
    log, more = validation.run()
    log = categorical_text(log)
    name = FOOTSTATS if chosen is None else chosen.name
    log.attrs.update(source=label, format=name, dialect=raw.dialect, routine=options.routine)
    extents = {label: (raw.lines, raw.spans)}
    return LoadedLog(
        log, problems_frame(problems, [more]), label, name, raw.dialect, extents=extents
    )


# the log's columns of a few texts repeated over many rows (besides exercise and side)
CATEGORICAL_TEXT = (PARTICIPANT, EXERCISE_NAME)


def categorical_text(log: pd.DataFrame) -> pd.DataFrame:
    """``log`` with ``participant`` and ``exercise_name`` as categoricals of the texts its
    rows hold (sorted): a code a row, each name held once."""
    for column in CATEGORICAL_TEXT:
        if column in log.columns:
            log[column] = pd.Series(text_categorical(log[column]), index=log.index)
    return log


def empty_log() -> pd.DataFrame:
    """A log of no rows, with the dtypes of a log read."""
    return categorical_text(_empty_text_log())


def source_of(path_or_buffer: Any, options: ReadOptions) -> Any:
    """``path_or_buffer``, or the file to read when it is an app's unzipped export folder
    (Loop's: its ``Checkmarks.csv``); anything else (a file, a buffer, a folder of logs)
    as it is.

    >>> source_of("log.csv", ReadOptions())
    'log.csv'
    """
    if isinstance(path_or_buffer, str | PathLike):
        return export_file(path_or_buffer, options) or path_or_buffer
    return path_or_buffer


def read_log(
    path_or_buffer: Any,
    *,
    options: ReadOptions | None = None,
    on_invalid: str = "raise",
    **keywords: Unpack[ReadKeywords],
) -> pd.DataFrame:
    """Read an exercise-session log (CSV) into a tidy DataFrame.

    Parameters
    ----------
    path_or_buffer : str, path, bytes or open file
        The log. Its format is recognised from the header (footstats' own, or an app's
        export such as Strong); the one used is in ``log.attrs["format"]``. An unzipped
        Loop Habit Tracker export folder is read as its ``Checkmarks.csv`` (with ``habit=``).
    {read_options}
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
    TypeError
        Both ``options`` and loose reading options, or an unknown keyword.

    Examples
    --------
    >>> log = read_log(BytesIO(b"date,exercise,sets,Pain Back\\n2026-03-02,Heel raises,2,5\\n"))
    >>> log[["date", "exercise", "sets", "pain_back"]].to_dict("records")[0]["exercise"]
    'heel_raises'
    >>> text = b"date,exercise,sets\\n02/03/2026,Heel raises,2\\n"
    >>> read_log(BytesIO(text), options=ReadOptions(dayfirst=True))["date"].iloc[0].date()
    datetime.date(2026, 3, 2)
    """
    check_on_invalid(on_invalid)
    options = read_options(options, keywords, caller="read_log")
    return load_log(path_or_buffer, options).valid_log(on_invalid, stacklevel=3)


def check_log(
    path_or_buffer: Any, *, options: ReadOptions | None = None, **keywords: Unpack[ReadKeywords]
) -> pd.DataFrame:
    """Every problem of a log, as a DataFrame, without raising.

    Columns: file, line, column, value, severity (error / warning / notice), code (``FS203``:
    the kind of problem, listed in docs/problem-codes.md), message.

    Parameters
    ----------
    path_or_buffer : str, path, bytes or open file
        The log (any format :func:`read_log` reads).
    {read_options}

    Examples
    --------
    >>> text = b"date,exercise,sets,pain_back\\n2026-03-02,Heel raises,2,11\\n"
    >>> first = check_log(BytesIO(text)).iloc[0]
    >>> int(first["line"]), first["column"], first["message"]
    (2, 'pain_back', '11 is outside 0–10 (pain is a 0–10 rating)')
    """
    return load_log(path_or_buffer, read_options(options, keywords, caller="check_log")).problems


def load_sample(
    *, options: ReadOptions | None = None, **keywords: Unpack[ReadKeywords]
) -> pd.DataFrame:
    """The packaged 16-week sample log (the same file as ``sample_data/foot_log.csv``).

    Parameters
    ----------
    {read_options}

    Examples
    --------
    >>> log = load_sample()
    >>> log["date"].min().date().isoformat()
    '2026-03-02'
    """
    options = read_options(options, keywords, caller="load_sample")
    data = (resources.files("footstats") / "data" / SAMPLE).read_bytes()
    buffer = BytesIO(data)
    buffer.name = SAMPLE
    return load_log(buffer, options).valid_log("raise", stacklevel=3)


def _as_footstats(
    raw: RawTable,
    chosen: Importer | None,
    options: ReadOptions,
    text: str | None,
    folder: Path | None,
) -> tuple[list[str], list[pd.Series], pd.Series, dict[str, str], list[dict]]:
    """Header, columns and lines in the footstats format (importers convert app exports,
    their columns typed)."""
    columns = [raw.frame[i] for i in range(len(raw.header))]
    refused = _habit_refused(raw.file, chosen, options.habit)
    if chosen is None:
        return raw.header, columns, raw.frame[LINE], {}, [*raw.problems, *refused]
    named = raw.frame.set_axis([*(h.strip(INVISIBLE) for h in raw.header), LINE], axis=1)
    export = Export(named, raw.file, folder, text or "", list(raw.problems))
    converted, found = chosen.to_log(export, options)
    header = [c for c in converted.columns if c != LINE]
    return (
        header,
        [converted[c] for c in header],
        converted[LINE].astype("int64"),
        converted.attrs.get("written", {}),  # problems name the app's columns as written
        [*found, *refused],
    )


def _habit_refused(file: str, chosen: Importer | None, habit: str | None) -> list[dict]:
    """habit= names a habit of a habit tracker's export: given for another format, it is
    refused, not ignored."""
    if habit is None or (chosen is not None and chosen.habits):
        return []
    what = "a footstats log" if chosen is None else f"a {chosen.name} export"
    trackers = " or ".join(each.app for each in IMPORTERS if each.habits)
    return [
        problem(
            file,
            None,
            "-",
            habit,
            HABIT_NOT_LOOP,
            f"habit= (--habit) is for {trackers} exports; this file is read as {what}: "
            "leave it out",
        )
    ]


fill_docs(globals())  # after the definitions, not a decorator: see footstats.core.docstrings
