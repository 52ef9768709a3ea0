"""Writing files safely: atomically, never over an input, CSV cells defused.

Every file footstats writes goes through :func:`atomic_path`: the content is written to a
hidden temporary file in the target's own folder (same file system, so the final
``os.replace`` is atomic) and moved into place only when writing succeeded. A failed write
leaves the old file, if any, untouched and no partial file behind.

CSV cells are neutralised against formula injection (docs/bad-input.md #29): a *text* cell that
begins with ``=``, ``+``, ``-``, ``@`` (or their full-width forms), a tab, a carriage return or
a line feed gets a leading ``'`` so that a spreadsheet shows it as text instead of running it.
Numeric columns are never touched: a negative number stays a number.
"""

from __future__ import annotations

import errno
import glob
import json
import math
import os
import re
import secrets
import shutil
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager, suppress
from datetime import date, datetime
from os import PathLike
from pathlib import Path

import numpy as np
import pandas as pd

from footstats.errors import UsageError

__all__ = [
    "FORMULA_PREFIXES",
    "atomic_path",
    "check_not_input",
    "file_lock",
    "lock_file",
    "neutralise_formulas",
    "stale_temps",
    "write_csv",
    "write_json",
]

# How long a writer waits for another footstats process holding the same lock.
LOCK_TIMEOUT_SECONDS = 10.0

# What a spreadsheet may read as the start of a formula (OWASP "CSV injection").
# The full-width forms (＝ ＋ － ＠) count too: spreadsheets read them as their ASCII twins.
FORMULA_PREFIXES = ("=", "+", "-", "@", "\t", "\r", "\n", "＝", "＋", "－", "＠")
_FORMULA_PATTERN = r"^[=+\-@\t\r\n＝＋－＠]"
_NEUTRALISER = "'"


@contextmanager
def atomic_path(
    path: str | PathLike,
    *,
    mode: int | None = None,
    durable: bool = False,
    check: Callable[[], None] | None = None,
) -> Iterator[Path]:
    """Yield a temporary path next to ``path``; move it onto ``path`` only on success.

    The temporary file is created empty in the target's folder and keeps the target's
    extension, so writers that pick the format from the extension (``Figure.savefig``,
    ``PdfPages``) behave the same. When the ``with`` block raises, the temporary file is
    deleted and the exception propagates; ``path`` is left as it was.

    Parameters
    ----------
    path : str or path-like
        The file to create or replace. Its folder must exist.
    mode : int, optional
        Permission bits of the new file (e.g. the ones of the file it replaces). The
        temporary file is created with them (never readable by more people than ``mode``
        allows, not even for a moment) and gets exactly them before the swap. Without
        ``mode``: the usual ``0o666`` minus the umask.
    durable : bool, default False
        Flush the new file to disk (fsync) before it replaces ``path``, and the folder
        after, so that a power cut leaves either the old file or the whole new one.
    check : callable, optional
        Called last, after the flush, right before the swap: it raises to leave ``path``
        as it is (see :meth:`footstats.writing.append.Append.write`).

    Examples
    --------
    >>> import tempfile
    >>> folder = Path(tempfile.mkdtemp())
    >>> with atomic_path(folder / "hello.txt") as tmp:
    ...     _ = tmp.write_text("hi")
    >>> (folder / "hello.txt").read_text()
    'hi'
    """
    target = Path(path)
    tmp = _create_temp(target, mode)
    try:
        yield tmp
        if durable:  # read-only is enough for fsync, and works on a file made read-only
            _fsync(tmp, os.O_RDONLY)
        if mode is not None:
            os.chmod(tmp, mode)
        if check is not None:
            check()
        os.replace(tmp, target)
    except BaseException:
        with suppress(FileNotFoundError):
            tmp.unlink()
        raise
    if durable:
        # The rename itself is only on disk once the folder is; a folder that cannot be
        # opened for fsync (some network file systems) still has the new file in place.
        with suppress(OSError):
            _fsync(target.parent, os.O_RDONLY | getattr(os, "O_DIRECTORY", 0))


def _fsync(path: Path, flags: int) -> None:
    fd = os.open(path, flags)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def stale_temps(path: str | PathLike) -> list[Path]:
    """Temporary files :func:`atomic_path` left beside ``path`` (a writer that was killed).

    Only footstats' own names count (``.NAME.footstats-1a2b3c4d.tmp.EXT`` for
    ``NAME.EXT``): a hidden file of yours such as ``.log-20261207.tmp.csv`` is never taken
    for one. Only safe to delete while holding :func:`file_lock` on ``path``: then no other
    writer of ``path`` is between creating its temporary file and moving it into place.

    Examples
    --------
    >>> import tempfile
    >>> folder = Path(tempfile.mkdtemp())
    >>> for name in (".log.footstats-0a1b2c3d.tmp.csv", ".log-20261207.tmp.csv"):
    ...     _ = (folder / name).write_text("x")
    >>> [p.name for p in stale_temps(folder / "log.csv")]
    ['.log.footstats-0a1b2c3d.tmp.csv']
    """
    target = Path(path)
    name = (
        f".{glob.escape(target.stem)}{_TEMP_MARK}{'[0-9a-f]' * 8}.tmp{glob.escape(target.suffix)}"
    )
    return sorted(target.parent.glob(name))


@contextmanager
def file_lock(path: str | PathLike, *, timeout: float | None = None) -> Iterator[None]:
    """Hold an advisory lock for writing ``path`` (a file or a folder).

    The lock is an OS lock (``filelock``) on the hidden file ``.NAME.lock`` beside ``path``.
    The lock file stays after release: deleting it would let a waiting writer lock a file
    that is no longer there while a third one creates a new one. Every footstats writer of
    ``path`` takes the lock, so two of them never write at once; other programs are not
    stopped by it (:class:`footstats.writing.append.Append` compares the file before replacing it).

    Raises
    ------
    TimeoutError
        Another process held the lock for ``timeout`` seconds (default
        ``LOCK_TIMEOUT_SECONDS``).
    OSError
        The lock file cannot be created (a read-only folder, no permission, no folder).

    Examples
    --------
    >>> import tempfile
    >>> log = Path(tempfile.mkdtemp()) / "log.csv"
    >>> with file_lock(log):
    ...     _ = log.write_text("date,exercise,sets\\n")
    """
    import filelock  # imported by writers only: `import footstats` stays light

    if timeout is None:
        timeout = LOCK_TIMEOUT_SECONDS
    target = Path(path)
    if not target.parent.is_dir():  # filelock would create the missing folders
        raise FileNotFoundError(errno.ENOENT, "no such folder", str(target.parent))
    lock = filelock.FileLock(lock_file(target), timeout=timeout)
    try:
        lock.acquire()
    except filelock.Timeout:
        raise TimeoutError(
            f"{path} is being written by another program (footstats waited {timeout:g} s "
            "for it); try again in a moment"
        ) from None
    try:
        yield
    finally:
        lock.release()


_TEMP_MARK = ".footstats-"  # in every temporary name: ".NAME.footstats-1a2b3c4d.tmp.EXT"


def temp_name(target: Path) -> Path:
    """A new temporary name beside ``target``, for :func:`atomic_path` and the report's
    switch (:mod:`footstats.report.folder`); :func:`remove_leftovers` knows it as footstats'."""
    return target.with_name(f".{target.stem}{_TEMP_MARK}{secrets.token_hex(4)}.tmp{target.suffix}")


def lock_file(path: str | PathLike) -> Path:
    """The lock file :func:`file_lock` holds for writing ``path``: ``.NAME.lock`` beside it.

    >>> lock_file("logs/log.csv").as_posix()
    'logs/.log.csv.lock'
    """
    target = Path(path)
    return target.with_name(f".{target.name}.lock")


def _create_temp(target: Path, mode: int | None = None) -> Path:
    # os.open with O_EXCL (not mkstemp) so the final file gets 0o666 minus the umask,
    # like any other file the user creates, instead of mkstemp's private 0o600; with
    # `mode`, never more than it allows (the owner keeps the right to write it meanwhile).
    bits = 0o666 if mode is None else (mode & 0o777) | 0o600
    for _ in range(100):
        tmp = temp_name(target)
        try:
            os.close(os.open(tmp, os.O_CREAT | os.O_EXCL | os.O_WRONLY, bits))
        except FileExistsError:
            continue
        return tmp
    raise FileExistsError(f"cannot create a temporary file next to {target}")


_STAGING_PREFIX = ".footstats-staging-"  # the staging folders of footstats before 0.2
_LEFTOVER_TEMP = re.compile(r"\..+\.footstats-[0-9a-f]{8}\.tmp(\.[A-Za-z0-9]+)?")


def remove_leftovers(folder: str | PathLike) -> list[Path]:
    """Remove what killed runs left in ``folder``: footstats' temporary files and staging
    folders.

    Only names footstats makes are touched: ``.NAME.footstats-1a2b3c4d.tmp.EXT`` files (or
    links) from :func:`atomic_path` and :func:`temp_name`, and ``.footstats-staging-*``
    folders of older versions. A hidden file of yours that merely looks temporary
    (``.thesis-20261207.tmp``) stays. Call it only while holding the folder's lock, or a
    running writer loses its files.

    Examples
    --------
    >>> import tempfile
    >>> folder = Path(tempfile.mkdtemp())
    >>> _ = (folder / ".report.footstats-0a1b2c3d.tmp.pdf").write_bytes(b"%PDF-partial")
    >>> _ = (folder / ".notes-20261207.tmp.txt").write_text("mine")
    >>> [p.name for p in remove_leftovers(folder)], sorted(p.name for p in folder.iterdir())
    (['.report.footstats-0a1b2c3d.tmp.pdf'], ['.notes-20261207.tmp.txt'])
    """
    removed = []
    for entry in Path(folder).iterdir():
        if _LEFTOVER_TEMP.fullmatch(entry.name) and (entry.is_symlink() or entry.is_file()):
            entry.unlink(missing_ok=True)
        elif entry.name.startswith(_STAGING_PREFIX) and entry.is_dir() and not entry.is_symlink():
            shutil.rmtree(entry, ignore_errors=True)
        else:
            continue
        removed.append(entry)
    return removed


def check_not_input(path: str | PathLike, inputs: Iterable[str | PathLike]) -> None:
    """Raise :class:`footstats.UsageError` (a ``ValueError``) when ``path`` is (or is in the
    folder of) one of ``inputs``.

    Exports go to their own folder (docs/bad-input.md #28): nothing is written over or next
    to an input log.

    Examples
    --------
    >>> check_not_input("out/report.pdf", ["logs/foot_log.csv"])
    >>> check_not_input("logs/report.pdf", ["logs/foot_log.csv"])  # doctest: +ELLIPSIS
    Traceback (most recent call last):
    ...
    footstats.errors.UsageError: refusing to write into logs: it holds the input log ...
    """
    target = Path(path).resolve()
    for source in inputs:
        if target == Path(source).resolve():
            raise UsageError(f"refusing to write {path}: it is the input log {source}")
    check_output_folder(Path(path).parent, inputs)


def check_output_folder(folder: str | PathLike, inputs: Iterable[str | PathLike]) -> None:
    """Raise ``ValueError`` when ``folder`` holds one of ``inputs`` (or is an input folder)."""
    target = Path(folder).resolve()
    for source in inputs:
        source_path = Path(source).resolve()
        holder = source_path if source_path.is_dir() else source_path.parent
        holders = {holder}
        if Path(source).is_symlink() and not source_path.is_dir():
            # a log given as a symbolic link is in the link's folder too
            holders.add(Path(source).absolute().parent.resolve())
        if target in holders:
            raise UsageError(
                f"refusing to write into {folder}: it holds the input log {source}; "
                "choose another output folder"
            )


def neutralise_formulas(frame: pd.DataFrame) -> pd.DataFrame:
    """A copy of ``frame`` whose text cells cannot be read as spreadsheet formulas.

    Text cells (in string, object and categorical columns) beginning with ``=``, ``+``,
    ``-``, ``@`` (or ``＝``, ``＋``, ``－``, ``＠``), a tab, a carriage return or a line feed
    get a leading ``'``. Numbers, dates and
    booleans are left alone, even in an object column.

    Examples
    --------
    >>> frame = pd.DataFrame({"note": ["=1+1", "ok", "-x"], "change": [-2.5, 1.0, 0.0]})
    >>> neutralise_formulas(frame)
        note  change
    0  '=1+1    -2.5
    1     ok     1.0
    2    '-x     0.0
    """
    out = frame.copy()
    for position in range(frame.shape[1]):
        values = frame.iloc[:, position]
        if isinstance(values.dtype, pd.CategoricalDtype):
            categories = pd.Series(values.cat.categories)
            if _is_textual(categories):
                fixed = _neutralise_values(categories)
                out.isetitem(position, values.cat.rename_categories(list(fixed)))
        elif _is_textual(values):
            out.isetitem(position, _neutralise_values(values))
    return out


def _is_textual(values: pd.Series) -> bool:
    return values.dtype == object or pd.api.types.is_string_dtype(values.dtype)


def _neutralise_values(values: pd.Series) -> pd.Series:
    if values.dtype == object:
        # Only str cells qualify; in an object column, numbers stay numbers.
        is_text = values.map(type).eq(str)
        text = values.where(is_text).astype("string")
    else:
        text = values.astype("string")
    risky = text.str.contains(_FORMULA_PATTERN, regex=True).fillna(False).astype(bool)
    if not risky.any():
        return values
    return values.mask(risky, _NEUTRALISER + text)


def write_csv(frame: pd.DataFrame, path: str | PathLike) -> Path:
    """Write ``frame`` to ``path`` as UTF-8 CSV, atomically, text cells neutralised.

    The index is not written; dates at midnight are written as ISO dates (``2026-03-02``).

    Parameters
    ----------
    frame : DataFrame
        The table; it is not modified.
    path : str or path-like
        The CSV file to create or replace.

    Returns
    -------
    Path
        ``path``.

    Examples
    --------
    >>> import tempfile
    >>> out = Path(tempfile.mkdtemp()) / "t.csv"
    >>> _ = write_csv(pd.DataFrame({"site": ["back"], "note": ["=cmd"]}), out)
    >>> print(out.read_text(), end="")
    site,note
    back,'=cmd
    """
    safe = neutralise_formulas(frame)
    target = Path(path)
    with atomic_path(target) as tmp:
        safe.to_csv(tmp, index=False, encoding="utf-8", lineterminator="\n")
    return target


def write_json(obj, path: str | PathLike) -> Path:
    """Write ``obj`` to ``path`` as UTF-8 JSON, atomically, indented two levels deep.

    Deeper values are written on one line each (a cohort's participants one to a line), by
    the json module's C encoder: a 40,000-participant summary takes a fraction of a second.
    NumPy and pandas scalars become plain numbers, timestamps ISO strings, and NaN or
    missing values ``null`` (strict JSON has no NaN).

    Examples
    --------
    >>> import tempfile
    >>> out = Path(tempfile.mkdtemp()) / "s.json"
    >>> _ = write_json({"sessions": np.int64(3), "change_pct": float("nan")}, out)
    >>> json.loads(out.read_text())
    {'sessions': 3, 'change_pct': None}
    >>> _ = write_json({"pain": {"back": {"baseline": 5.0, "band": None}}, "weeks": [1, 2]}, out)
    >>> print(out.read_text(), end="")
    {
      "pain": {
        "back": {"baseline": 5.0, "band": null}
      },
      "weeks": [
        1,
        2
      ]
    }
    """
    try:
        text = _dumps(obj)
    except (ValueError, TypeError):  # NaN, or keys the encoder refuses: convert first
        text = _dumps(_jsonable(obj))
    target = Path(path)
    with atomic_path(target) as tmp:
        tmp.write_text(text + "\n", encoding="utf-8")
    return target


def _dumps(value, levels: int = 2, indent: str = "") -> str:
    """``value`` as JSON: containers ``levels`` deep indented, deeper values on one line."""
    inner = indent + "  "
    if levels and isinstance(value, dict) and value:
        items = [
            f"{inner}{_ENCODER.encode(str(k))}: {_dumps(v, levels - 1, inner)}"
            for k, v in value.items()
        ]
        return "{\n" + ",\n".join(items) + f"\n{indent}}}"
    if levels and isinstance(value, list | tuple) and value:
        items = [f"{inner}{_dumps(v, levels - 1, inner)}" for v in value]
        return "[\n" + ",\n".join(items) + f"\n{indent}]"
    return _ENCODER.encode(value)


def _jsonable(value):
    if isinstance(value, dict):
        return {str(k): _jsonable(v) for k, v in value.items()}
    if isinstance(value, list | tuple):
        return [_jsonable(v) for v in value]
    if isinstance(value, np.generic):
        value = value.item()
    if isinstance(value, float) and not math.isfinite(value):
        return None
    if value is pd.NA or value is pd.NaT or value is None:
        return None
    if isinstance(value, pd.Timestamp | datetime):
        return value.date().isoformat() if _is_midnight(value) else value.isoformat()
    if isinstance(value, date):
        return value.isoformat()
    return value


def _plain_json(value):
    """The encoder's fallback: what ``_jsonable`` makes of a value JSON has no type for."""
    plain = _jsonable(value)
    if plain is value:
        raise TypeError(f"Object of type {type(value).__name__} is not JSON serializable")
    return plain


# Strict JSON on one line; NumPy integers, timestamps or pd.NA go through _plain_json. NaN
# raises, and write_json then converts the whole value first.
_ENCODER = json.JSONEncoder(
    ensure_ascii=False, allow_nan=False, separators=(", ", ": "), default=_plain_json
)


def _is_midnight(value: datetime) -> bool:
    return (value.hour, value.minute, value.second, value.microsecond) == (0, 0, 0, 0)
