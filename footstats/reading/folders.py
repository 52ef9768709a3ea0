"""Folders of logs: every CSV in a folder is one participant (a clinic's or a study's data).

:func:`read_logs` combines them into one tidy log with a ``participant`` column first;
:func:`check_logs` lists the problems of every file; :func:`validate_logs` returns both.
Each file is read as :func:`footstats.validate_log` reads it, so any format it recognises
(a footstats log, a Strong or Hevy export, ...) can sit in the folder. Small footstats logs
with the same header are validated together, with the same result (``footstats.reading.batch``):
5,000 two-row logs take seconds, not minutes.
"""

from __future__ import annotations

import errno
import stat
from collections.abc import Callable
from dataclasses import replace
from os import PathLike
from pathlib import Path
from typing import TYPE_CHECKING, Any

import numpy as np
import pandas as pd
from pandas.api.types import union_categoricals

from footstats.columns import EXERCISE, EXERCISE_NAME, PARTICIPANT, SOURCE
from footstats.core.codes import (
    ENTRY_UNREADABLE,
    FOLDER_UNREADABLE,
    NO_CSV_FILES,
    NOT_A_LOG_FILE,
    SHARED_PARTICIPANT,
    Code,
)
from footstats.core.docstrings import fill_docs
from footstats.core.options import ReadKeywords, ReadOptions, read_options
from footstats.core.problems import concat_problems as _concat_problems
from footstats.core.problems import problem, problems_frame, text_categorical
from footstats.core.progress import progress
from footstats.reading.batch import Entry, Piece, file_owners, read_batched
from footstats.reading.log import LoadedLog, check_on_invalid, load_log, source_of
from footstats.routine import Routine, resolve_routine

if TYPE_CHECKING:
    from typing_extensions import Unpack

__all__ = ["check_logs", "load_logs", "read_logs", "validate_logs"]

_SUFFIX = ".csv"


def validate_logs(
    folder: str | PathLike[str],
    *,
    options: ReadOptions | None = None,
    **keywords: Unpack[ReadKeywords],
) -> LoadedLog:
    """Read every CSV in ``folder``, keep the valid rows and report every problem.

    The files are the folder's ``*.csv`` (any case of the extension), sorted by name, not
    those in sub-folders. Each file is one participant named by its stem (``p01.csv`` ->
    ``p01``), unless the file has its own ``participant`` column. An unzipped Loop Habit
    Tracker export folder is one participant named by the folder: its ``Checkmarks.csv``
    is read (with ``habit=``), not each of its files. Never raises for bad data.

    Parameters
    ----------
    folder : str or path-like
        The folder.
    {read_options}

    Every file is read with the same options (as :func:`footstats.validate_log` reads it).

    Returns
    -------
    LoadedLog
        ``.log``: the combined tidy log of the rows that loaded, with ``participant`` and
        ``source`` (the file each row came from) first; ``.problems``: every file's
        problems, each naming its file, in file order; ``.format``: the formats read
        (``"footstats"``, or e.g. ``"footstats, strong"``); ``.readable`` is False when
        the folder itself cannot be read. ``.log.attrs["formats"]`` maps file -> format.

    Examples
    --------
    >>> import tempfile
    >>> folder = Path(tempfile.mkdtemp())
    >>> _ = (folder / "p01.csv").write_text("date,exercise,sets\\n2026-03-02,Heel raises,2\\n")
    >>> _ = (folder / "p02.csv").write_text("date,exercise,sets\\n2026-03-03,Toe walk,x\\n")
    >>> loaded = validate_logs(folder)
    >>> loaded.log["participant"].tolist(), loaded.errors["line"].tolist()
    (['p01'], [2])
    """
    return load_logs(folder, read_options(options, keywords, caller="validate_logs"))


def load_logs(folder: str | PathLike[str], options: ReadOptions) -> LoadedLog:
    """:func:`validate_logs` with its options made (``footstats.dask`` calls it too)."""
    label = str(folder)
    options = replace(options, routine=resolve_routine(options.routine))
    export = source_of(folder, options)  # an app's unzipped export: one participant's log
    try:
        files, skipped = ([export], []) if export is not folder else csv_files(Path(folder), label)
    except NoFiles as exc:
        return LoadedLog(no_rows(), problems_frame([exc.record]), label, readable=False)
    routine = resolve_routine(options.routine)
    if export is not folder:  # one participant named by the folder
        pieces = [_one_by_one([Entry(0, export, Path(folder).resolve().name)], options)]
        log, problems, formats, extents, owners = _merge(pieces, files, routine)
    else:
        with progress(len(files), "footstats: reading", unit="file") as bar:
            log, problems, formats, extents, owners = read_files(files, options, bar.advance)
    shared = shared_participants([owners])
    problems = concat_problems([problems_frame(skipped), problems, shared])
    log.attrs.update(source=label, formats=formats, routine=routine)
    return LoadedLog(
        log, problems, label, ", ".join(dict.fromkeys(formats.values())), extents=extents
    )


def read_logs(
    folder: str | PathLike[str],
    *,
    options: ReadOptions | None = None,
    on_invalid: str = "raise",
    **keywords: Unpack[ReadKeywords],
) -> pd.DataFrame:
    """Read every CSV in ``folder`` (one participant each) into one tidy log.

    Parameters
    ----------
    folder : str or path-like
        The folder; see :func:`validate_logs` for which files are read and how each
        file's participant is named.
    {read_options}
    on_invalid : {"raise", "drop"}, default "raise"
        "raise": an error in any file raises :class:`footstats.LogError` whose
        ``.problems`` lists every file's problems (each naming its file). "drop": return
        the valid rows of every file and warn (:class:`footstats.reading.log.LogWarning`) which
        files had errors; :func:`check_logs` lists them.

    Returns
    -------
    DataFrame
        The tidy log with ``participant`` and ``source`` (the row's file) first, then the
        columns of :func:`footstats.read_log`.

    Raises
    ------
    LogError
        With ``on_invalid="raise"`` when any file has errors, or when the folder cannot
        be read or holds no CSV file.

    Examples
    --------
    >>> import tempfile
    >>> folder = Path(tempfile.mkdtemp())
    >>> _ = (folder / "p01.csv").write_text("date,exercise,sets\\n2026-03-02,Heel raises,2\\n")
    >>> _ = (folder / "p02.csv").write_text("date,exercise,sets\\n2026-03-03,Toe walk,6\\n")
    >>> read_logs(folder)[["participant", "exercise", "sets"]].values.tolist()
    [['p01', 'heel_raises', 2], ['p02', 'toe_walking', 6]]
    """
    check_on_invalid(on_invalid)
    loaded = load_logs(folder, read_options(options, keywords, caller="read_logs"))
    return loaded.valid_log(on_invalid, stacklevel=3)


def check_logs(
    folder: str | PathLike[str],
    *,
    options: ReadOptions | None = None,
    **keywords: Unpack[ReadKeywords],
) -> pd.DataFrame:
    """Every problem of every CSV in ``folder``, as one DataFrame, without raising.

    Columns: file, line, column, value, severity, code, message (``file`` names each problem's
    file).

    Parameters
    ----------
    folder : str or path-like
        The folder; see :func:`validate_logs` for which files are read.
    {read_options}

    Examples
    --------
    >>> import tempfile
    >>> folder = Path(tempfile.mkdtemp())
    >>> _ = (folder / "p01.csv").write_text("date,exercise,sets\\n2026-03-02,Heel raises,two\\n")
    >>> check_logs(folder)[["line", "column", "severity"]].values.tolist()
    [[2, 'sets', 'error']]
    """
    return load_logs(folder, read_options(options, keywords, caller="check_logs")).problems


def read_files(
    files: list[Path], options: ReadOptions, advance: Callable[[int], None] | None = None
) -> tuple[pd.DataFrame, pd.DataFrame, dict[str, str], dict[str, Any], pd.DataFrame]:
    """The files of a folder read as :func:`validate_logs` reads them (files with the same
    header validated together, ``footstats.reading.batch``): the combined log, the
    problems in file order, each file's format and extent, and who is in which file
    (:func:`file_owners`; ``footstats.dask`` reads a group of files per task with it).
    ``advance(n)``: called as each n files are read."""
    entries = [Entry(rank, path, path.stem) for rank, path in enumerate(files)]
    pieces = []
    for piece in read_batched(entries, options, lambda alone: _one_by_one(alone, options)):
        pieces.append(piece)
        if advance is not None:
            advance(len(piece.formats))
    return _merge(pieces, files, resolve_routine(options.routine))


def read_group(
    files: list[Path], options: ReadOptions, names: list[str] | None = None
) -> tuple[list[LoadedLog], list[pd.DataFrame]]:
    """Each file read by :func:`footstats.validate_log`, and its log with ``participant``
    (``names``, by default each file's stem, unless the log has its own) and ``source``
    first (also footstats.dask's)."""
    loaded = [load_log(path, options) for path in files]
    names = [path.stem for path in files] if names is None else names
    logs = [
        _with_participant(one.log, name, one.file) for name, one in zip(names, loaded, strict=True)
    ]
    return loaded, logs


def _one_by_one(entries: list[Entry], options: ReadOptions) -> Piece:
    """A :class:`~footstats.reading.batch.Piece` of files each read alone (:func:`read_group`)."""
    ranks = [entry.rank for entry in entries]
    paths, names = [entry.path for entry in entries], [entry.name for entry in entries]
    loaded, logs = read_group(paths, options, names)
    owners = [file_owners(log) for log in logs]
    return Piece(
        [(rank, np.full(len(log), rank), log) for rank, log in zip(ranks, logs, strict=True)],
        concat_problems([one.problems for one in loaded]),
        np.repeat(ranks, [len(one.problems) for one in loaded]).astype(int),
        {one.file: one.format for one in loaded},
        {file: extent for one in loaded for file, extent in one.extents.items()},
        [(np.full(len(pairs), rank), pairs) for rank, pairs in zip(ranks, owners, strict=True)],
    )


def _merge(pieces: list[Piece], files: list[Path], routine: Routine):
    """One log, problems, formats and extents from pieces, in the order of the files."""
    parts = sorted((part for piece in pieces for part in piece.logs), key=lambda part: part[0])
    log = combine_logs([part[2] for part in parts], routine)
    log = _in_file_order(log, [part[1] for part in parts])
    problems = concat_problems([piece.problems for piece in pieces])
    problems = _in_file_order(problems, [piece.problem_rank for piece in pieces])
    formats = {file: format for piece in pieces for file, format in piece.formats.items()}
    formats = {str(path): formats[str(path)] for path in files}
    extents = {file: extent for piece in pieces for file, extent in piece.extents.items()}
    # who is in which file, from the pieces (not the combined rows), in the order of the files
    owned = [part for piece in pieces for part in piece.owners]
    owners = pd.concat([part[1] for part in owned], ignore_index=True) if owned else no_rows()
    owners = _in_file_order(owners, [part[0] for part in owned])
    return log, problems, formats, extents, owners


def _in_file_order(table: pd.DataFrame, ranks: list[np.ndarray]) -> pd.DataFrame:
    """``table``'s rows sorted by their file's rank (stable: each file's order is kept)."""
    rank = np.concatenate(ranks) if ranks else np.zeros(0, dtype=int)
    if not (np.diff(rank) < 0).any():
        return table
    return table.iloc[np.argsort(rank, kind="stable")].reset_index(drop=True)


class NoFiles(Exception):
    """The folder cannot be listed or holds no CSV file; ``record`` is the problem."""

    def __init__(self, label: str, code: Code, message: str):
        super().__init__(message)
        self.record = problem(label, None, "-", "", code, message)


def csv_files(folder: Path, label: str) -> tuple[list[Path], list[dict]]:
    """The CSV files of ``folder`` sorted by name, and a problem for each ``*.csv`` entry
    that is not a readable file; raises :class:`NoFiles` when there is no CSV file."""
    try:
        if not folder.is_dir():
            reason = "is a file, not a folder (read it with read_log)"
            if not folder.exists():
                reason = "no such folder"
            raise NotADirectoryError(20, reason)
        entries = sorted(
            (p for p in folder.iterdir() if p.suffix.lower() == _SUFFIX), key=lambda p: p.name
        )
    except OSError as exc:
        raise NoFiles(
            label, FOLDER_UNREADABLE, f"cannot read {label}: {exc.strerror or exc}"
        ) from None
    files, skipped = [], []
    for entry in entries:
        kind = _not_a_file(entry)
        if kind is None:
            files.append(entry)
        else:
            code, why = kind
            skipped.append(problem(str(entry), None, "-", "", code, f"skipped: {why}"))
    if not files:
        raise NoFiles(
            label, NO_CSV_FILES, f"no .csv files in {label}: expected one log per participant"
        )
    return files, skipped


def _not_a_file(entry: Path) -> tuple[Code, str] | None:
    """None for a regular file (or a link to one); else the problem code and why it is skipped."""
    try:
        mode = entry.stat().st_mode
    except OSError as exc:  # a dangling or looping symbolic link: a log that cannot be read
        reason = "a broken symbolic link" if entry.is_symlink() else (exc.strerror or str(exc))
        if exc.errno == errno.ELOOP:
            reason = "a symbolic link that loops"
        return ENTRY_UNREADABLE, f"cannot read it: {reason}"
    if stat.S_ISREG(mode):
        return None
    if stat.S_ISDIR(mode):
        return NOT_A_LOG_FILE, "a folder, not a log (sub-folders are not read)"
    return NOT_A_LOG_FILE, "not a regular file (a pipe or a device), not a log"


def _with_participant(log: pd.DataFrame, stem: str, file: str) -> pd.DataFrame:
    """``log`` with ``participant`` (the stem unless it has its own) and ``source`` first."""
    if PARTICIPANT in log:
        participant = log[PARTICIPANT]
    else:
        participant = pd.Series(_repeated(stem, len(log)), index=log.index)
    rest = log.drop(columns=[PARTICIPANT], errors="ignore")
    front = pd.DataFrame(
        {
            PARTICIPANT: pd.Series(text_categorical(participant), index=log.index),
            SOURCE: pd.Series(_repeated(file, len(log)), index=log.index),
        }
    )
    return pd.concat([front, rest], axis=1)


def _repeated(text: str, n: int) -> pd.Categorical:
    """``text`` on ``n`` rows as a categorical (no category when there is no row)."""
    categories = pd.Index([text] if n else [], dtype="str")
    return pd.Categorical.from_codes(np.zeros(n, dtype=np.int8), categories)


def shared_participants(logs: list[pd.DataFrame]) -> pd.DataFrame:
    """A warning for each participant whose rows come from more than one file (``logs``:
    tidy logs, or their :func:`file_owners`)."""
    owners = pd.concat([file_owners(log) for log in logs], ignore_index=True)
    shared = owners[owners.duplicated(PARTICIPANT, keep=False)]
    records = [
        problem(
            files.iloc[-1],
            None,
            PARTICIPANT,
            who,
            SHARED_PARTICIPANT,
            f"participant {who!r} is also in {', '.join(files.iloc[:-1])}: "
            "their rows are combined as one participant",
        )
        for who, files in shared.groupby(PARTICIPANT, sort=False)[SOURCE]
    ]
    return problems_frame(records)


# text columns made categorical per file: combined, their categories are every file's
# texts the rows hold, sorted (the same however the files were grouped)
TEXT_CATEGORIES = (PARTICIPANT, SOURCE, EXERCISE_NAME)


def combine_logs(logs: list[pd.DataFrame], routine: Routine) -> pd.DataFrame:
    """One log from many, with the dtypes each file had; the categorical columns put
    together from their codes (``pd.concat`` would turn categoricals of other categories
    into a Python string a row)."""
    if not logs:
        return no_rows()
    dtypes: dict[str, Any] = {}
    for log in logs:
        for column, dtype in log.dtypes.items():
            dtypes.setdefault(column, dtype)
    categorical = [c for c in dtypes if any(_is_categorical(log, c) for log in logs)]
    plain = [log.drop(columns=[c for c in categorical if c in log]) for log in logs]
    combined = pd.concat(plain, ignore_index=True)
    for column, dtype in dtypes.items():
        if column in categorical:
            continue
        if combined[column].dtype != dtype:
            # a column some files lack is NA there: bool must become nullable, not True
            nullable = pd.api.types.is_bool_dtype(dtype) and combined[column].isna().any()
            combined[column] = combined[column].astype("boolean" if nullable else dtype)
    for column in categorical:
        if column == EXERCISE:
            values = _exercises(logs, routine)
        else:
            values = _combined_categorical(logs, column, dtypes[column])
        combined[column] = pd.Series(values, index=combined.index)
    return combined[list(dtypes)]


def _is_categorical(log: pd.DataFrame, column: str) -> bool:
    return column in log and isinstance(log[column].dtype, pd.CategoricalDtype)


def _combined_categorical(logs: list[pd.DataFrame], column: str, dtype: Any) -> pd.Categorical:
    """One column of the logs from their categoricals (NA where a log lacks it)."""
    parts = [_as_categorical(log, column) for log in logs]
    if column in TEXT_CATEGORIES:
        return text_categorical(union_categoricals(parts))
    # another categorical (side): the first file's categories, as before
    codes = [part.set_categories(dtype.categories).codes for part in parts]
    return pd.Categorical.from_codes(np.concatenate(codes), dtype=dtype)


def _as_categorical(log: pd.DataFrame, column: str) -> pd.Categorical:
    if column not in log:
        return pd.Categorical.from_codes(np.full(len(log), -1), pd.Index([], dtype="str"))
    values = log[column]
    if isinstance(values.dtype, pd.CategoricalDtype):
        return text_categorical(values) if column in TEXT_CATEGORIES else values.array
    return text_categorical(values.astype("str"))


def _exercises(logs: list[pd.DataFrame], routine: Routine) -> pd.Categorical:
    """The exercise column of the logs as one categorical: the routine's ids, then the
    other names the rows hold, sorted (from each log's categories)."""
    columns = [_as_categorical(log, EXERCISE) for log in logs]
    used: set[str] = set()
    for column in columns:
        codes = column.codes
        used.update(column.categories[np.unique(codes[codes >= 0])].astype("str"))
    categories = [*routine.ids, *sorted(used - set(routine.ids))]
    codes = [column.set_categories(categories).codes for column in columns]
    return pd.Categorical.from_codes(np.concatenate(codes), categories)


def concat_problems(frames: list[pd.DataFrame]) -> pd.DataFrame:
    """The files' problem tables one after another (each already in line order)."""
    return _concat_problems(frames)


def no_rows() -> pd.DataFrame:
    return pd.DataFrame({PARTICIPANT: _repeated("", 0), SOURCE: _repeated("", 0)})


fill_docs(globals())  # after the definitions, not a decorator: see footstats.core.docstrings
