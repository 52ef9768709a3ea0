"""One report folder, replaced whole: the lock, the staging, the switch and what is removed.

What ``footstats report LOG -o DIR`` (and every export) promises about DIR:

- **One writer at a time.** Every report writing into DIR (``export_report`` too) takes the
  lock ``DIR/.footstats-report.lock`` (:func:`lock_path`: a hidden empty file, kept), so
  it serves every user who may write there and nobody else's report depends on it. A
  second report waits up to :data:`LOCK_TIMEOUT` seconds, then refuses; a lock that
  cannot be taken is named in the message.
- **A report is replaced whole.** Its files are written into a new hidden folder of DIR,
  ``.footstats-report-<16 hex digits>``; nothing visible changes while they are written,
  and a run that fails or is interrupted changes nothing. Then the switch (:func:`_switch`),
  with Ctrl-C and SIGTERM held: (1) every visible file of the previous report becomes a
  symbolic link through ``DIR/.footstats-report``, itself a link to the previous report's
  hidden folder (the content seen does not change); (2) that one link is replaced by a link
  to the new folder, in one rename: every visible name now shows the new report; (3) the
  visible names become hard links of the new files (ordinary files again, no extra disk
  space) and the previous hidden folder is removed. A SIGKILL at any moment leaves every
  visible file of the previous report, or every one of the new report, never a mix.
- **Only what footstats made is removed.** A full report removes the files of the previous
  report that it does not write, when they are still the files that report wrote (the
  same file as in its hidden folder); a file of yours in DIR is never removed, whatever
  its name. Leftovers of a killed run are footstats' own names only: hidden folders
  ``.footstats-report-*`` other than the current one, temporary files
  ``.NAME.footstats-1a2b3c4d.tmp.EXT`` and its own dangling links.
- **Nothing is written over an input.** DIR is never the input log's folder
  (:func:`footstats.writing.files.check_output_folder`), and no file of the report may be
  one of the report's inputs (a participants table, a routine, a map) nor be removed as
  stale while it is one.
- **Nothing is written outside DIR.** A symbolic link or a file where the report needs a
  folder (``DIR/participants``) is refused, never followed; an output file that is a
  symbolic link is replaced by the report's file, never followed.
- **No output is more readable than its inputs.** The files and folders a report creates
  get the input files' permissions at most (:class:`Permissions`): the report of a log
  only its owner may read (``chmod 600``) is readable by its owner only, and so is its
  hidden staging folder while it is being written.

On a file system without links (FAT, exFAT) the files are moved into DIR one at a time
(:func:`_move`) and the last report's files are listed in ``DIR/.footstats-report.json``;
there, a kill during the move can leave a mix of two reports.
"""

from __future__ import annotations

import errno
import json
import os
import re
import secrets
import shutil
import signal
import stat
import threading
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager, suppress
from dataclasses import dataclass
from os import PathLike
from pathlib import Path, PurePosixPath

from footstats.errors import ExportError, UsageError
from footstats.writing.files import (
    atomic_path,
    check_output_folder,
    remove_leftovers,
    temp_name,
)

__all__ = [
    "LOCK_TIMEOUT",
    "Permissions",
    "folder_lock",
    "input_files",
    "lock_path",
    "output_folder",
    "signals_deferred",
    "write_one",
    "write_staged",
]

LOCK_TIMEOUT = 600.0  # seconds a report waits for another one writing into the same folder
LOCK_NAME = ".footstats-report.lock"
CURRENT = ".footstats-report"  # a link to the current report's hidden folder
MANIFEST = ".footstats-report.json"  # the last report's files, where links do not work
_REPORT_FOLDER = re.compile(r"\.footstats-report-[0-9a-f]{16}")
_LINK = re.compile(r"(\.\./)*\.footstats-report/.+")  # the text of footstats' own links
_LEFTOVER_DEPTH = 2  # folders below DIR a report writes into: participants/<id>/


@dataclass(frozen=True)
class Permissions:
    """The permission bits a report's new files and folders may have at most (the umask
    still applies): those of its inputs, the owner always keeping read and write.

    Examples
    --------
    >>> rights = Permissions.of([])
    >>> oct(rights.files), oct(rights.folders)
    ('0o666', '0o777')
    """

    files: int = 0o666
    folders: int = 0o777

    @classmethod
    def of(cls, inputs: Iterable[str | PathLike]) -> Permissions:
        """The bits every one of ``inputs`` allows: a private log (0600) gives private
        files (0600) and folders (0700); a log others may read (0644) gives 0644 and 0755."""
        bits = 0o777
        for source in inputs:
            with suppress(OSError):
                bits &= stat.S_IMODE(os.stat(source).st_mode)
        others = bits & 0o066
        readable = (bits & 0o044) >> 2  # a folder others may read, they may also enter
        return cls(files=0o600 | others, folders=0o700 | others | readable)


def input_files(log: object, *others: object) -> list[Path]:
    """The input files of a report that exist on disk: the log's source
    (``log.attrs["source"]``), and each of ``others`` given as a path, or as a table read
    from one (its ``attrs["source"]``). A routine given as a Routine object has no file.

    Examples
    --------
    >>> import pandas as pd
    >>> input_files(pd.DataFrame(), None, "no/such/file.csv")
    []
    """
    found = []
    for value in (log, *others):
        attrs = getattr(value, "attrs", None)
        source = attrs.get("source") if isinstance(attrs, dict) else value
        if isinstance(source, str | PathLike) and str(source).strip():
            path = Path(source)
            if path.exists():
                found.append(path)
    return found


def lock_path(folder: str | PathLike) -> Path:
    """The lock file of an output folder: ``FOLDER/.footstats-report.lock``.

    It is hidden and kept after the report (deleting a lock file another report may be
    opening would let two reports write at once). Every report writing into the folder
    takes it, whoever runs it.

    Examples
    --------
    >>> lock_path("out").as_posix()
    'out/.footstats-report.lock'
    """
    return Path(folder) / LOCK_NAME


@contextmanager
def folder_lock(folder: str | PathLike, permissions: Permissions | None = None) -> Iterator[None]:
    """Hold the lock of the output folder ``folder`` (see :func:`lock_path`).

    Raises
    ------
    ExportError
        Another report held the lock for :data:`LOCK_TIMEOUT` seconds (``errno.EBUSY``), or
        the lock file cannot be created or opened (the message names it).
    """
    from filelock import FileLock, Timeout

    path = lock_path(folder)
    rights = permissions or Permissions()
    lock = FileLock(path, timeout=LOCK_TIMEOUT, mode=0o644 & rights.files)
    try:
        lock.acquire()
    except Timeout:
        raise ExportError(
            errno.EBUSY,
            f"another footstats report has been writing into it for {LOCK_TIMEOUT:g} s "
            f"(its lock: {path}); try again when it has finished",
        ) from None
    except OSError as exc:
        raise ExportError(
            exc.errno, f"cannot take the lock {path}: {exc.strerror or exc}"
        ) from None
    try:
        yield
    finally:
        lock.release()


def output_folder(
    out_dir: str | PathLike, inputs: Iterable[Path], permissions: Permissions | None = None
) -> Path:
    """``out_dir`` checked (not empty, not the input log's folder) and created when
    missing (with the report's permissions)."""
    if not str(out_dir).strip():
        raise UsageError("out_dir is empty: give the folder to write into (it is created)")
    folder = Path(out_dir)
    check_output_folder(folder, inputs)
    rights = permissions or Permissions()
    folder.parent.mkdir(parents=True, exist_ok=True)
    with suppress(FileExistsError):
        folder.mkdir(mode=rights.folders)
    return folder


def write_staged(
    folder: Path,
    write: Callable[[Path], list[Path]],
    *,
    whole: bool = False,
    inputs: Iterable[Path] = (),
    permissions: Permissions | None = None,
    folders: Iterable[str] = (),
) -> list[Path]:
    """Run ``write(staging)`` in a new hidden folder of ``folder``, then switch ``folder``
    to the files it wrote (see the module's docstring); the visible paths written.

    With ``whole`` (a full report) the previous report's files that this one does not write
    are removed; without it (``export_tables``, ``export_charts``) they are kept. The
    folder's lock is held throughout; leftovers of killed runs are removed first.
    ``folders``: subfolders ``write`` will write into, checked before it runs (a link
    there is refused at once, not after the whole report was made).
    """
    rights = permissions or Permissions()
    inputs = list(inputs)
    with folder_lock(folder, rights):
        _check_targets(folder, [PurePosixPath(name, "-") for name in folders], [])
        _remove_leftovers(folder)
        staging = _new_report_folder(folder, rights)
        try:
            names = [PurePosixPath(p.relative_to(staging).as_posix()) for p in write(staging)]
            _check_targets(folder, names, inputs)
            _restrict(staging, rights)
            with signals_deferred():
                if _links_work(staging):
                    _switch(folder, staging, names, whole=whole, inputs=inputs, rights=rights)
                else:
                    _move(folder, staging, names, whole=whole, inputs=inputs, rights=rights)
            return [folder / name for name in names]
        finally:
            if _current(folder) != staging:
                shutil.rmtree(staging, ignore_errors=True)


def write_one(
    target: Path,
    write: Callable[[Path], Path],
    *,
    inputs: Iterable[Path] = (),
    permissions: Permissions | None = None,
) -> Path:
    """Write one file (``export_report``'s PDF) through ``write(path)`` in a private staging
    folder, give it the report's permissions, and move it onto ``target``, holding the lock
    of ``target``'s folder. It is not part of a report's set of files."""
    rights = permissions or Permissions()
    folder = target.parent
    with folder_lock(folder, rights):
        _check_targets(folder, [PurePosixPath(target.name)], list(inputs))
        staging = _new_report_folder(folder, rights)
        try:
            staged = write(staging / target.name)
            _restrict(staging, rights)
            os.replace(staged, target)
        finally:
            shutil.rmtree(staging, ignore_errors=True)
    return target


@contextmanager
def signals_deferred() -> Iterator[None]:
    """Hold Ctrl-C and SIGTERM until the block ends (a switch is never cut in half).

    Only the main thread can handle signals; elsewhere the block runs as is. A Ctrl-C that
    arrived meanwhile is raised afterwards, saying the report had been written.
    """
    if threading.current_thread() is not threading.main_thread():
        yield
        return
    received: list[int] = []
    held = (signal.SIGINT, signal.SIGTERM)
    previous = {signum: signal.signal(signum, lambda n, _: received.append(n)) for signum in held}
    try:
        yield
    finally:
        for signum, handler in previous.items():
            signal.signal(signum, handler)
    if signal.SIGTERM in received:
        signal.raise_signal(signal.SIGTERM)
    if received:
        raise KeyboardInterrupt("the report had been written when it stopped")


# -- the current report ------------------------------------------------------------------------


def _current(folder: Path) -> Path | None:
    """The hidden folder of the report now shown in ``folder``, if any."""
    try:
        name = os.readlink(folder / CURRENT)
    except OSError:
        return None
    report = folder / name
    if _REPORT_FOLDER.fullmatch(name) and report.is_dir() and not report.is_symlink():
        return report
    return None


def _files(report: Path) -> set[PurePosixPath]:
    """Every file of a report's hidden folder, relative to it (hidden names left out)."""
    found = set()
    for root, folders, files in os.walk(report):
        folders[:] = [f for f in folders if not f.startswith(".")]
        base = PurePosixPath(Path(root).relative_to(report).as_posix())
        found |= {base / f for f in files if not f.startswith(".")}
    return found


def _link_text(name: PurePosixPath) -> str:
    """The text of the visible link ``name``: through the current report's link."""
    return "../" * (len(name.parts) - 1) + f"{CURRENT}/{name}"


def _is_our_link(visible: Path, name: PurePosixPath) -> bool:
    try:
        return os.readlink(visible) == _link_text(name)
    except OSError:
        return False


def _is_ours(visible: Path, name: PurePosixPath, report: Path) -> bool:
    """``visible`` is still what footstats put there: its link, or the very file of
    ``report`` (a hard link of it; a file you saved there since is not)."""
    try:
        info = os.lstat(visible)
    except OSError:
        return False
    if stat.S_ISLNK(info.st_mode):
        return _is_our_link(visible, name)
    try:
        return stat.S_ISREG(info.st_mode) and os.path.samestat(info, os.stat(report / name))
    except OSError:
        return False


def _within(folder: Path, name: PurePosixPath) -> bool:
    """The folders of ``name`` below ``folder`` are folders, not links (or do not exist
    yet): what is done to ``folder / name`` stays inside ``folder``."""
    place = folder
    for part in name.parts[:-1]:
        place = place / part
        if place.is_symlink() or (os.path.lexists(place) and not place.is_dir()):
            return False
    return True


def _is_input(path: Path, inputs: list[Path]) -> bool:
    try:
        info = os.lstat(path)
    except OSError:
        return False
    if not stat.S_ISREG(info.st_mode):
        return False
    for source in inputs:
        with suppress(OSError):
            if os.path.samestat(info, os.stat(source)):
                return True
    return False


# -- before the switch ---------------------------------------------------------------------------


def _remove_leftovers(folder: Path) -> None:
    """Remove what killed runs left: hidden report folders other than the current one,
    footstats' temporary files and its dangling links (in DIR and the folders a report
    writes into), a copy of the current report's link made by a copying program."""
    current = _current(folder)
    pointer = folder / CURRENT
    if current is None and os.path.lexists(pointer):
        if pointer.is_dir() and not pointer.is_symlink():  # copied by cp -rL or the like
            shutil.rmtree(pointer, ignore_errors=True)
        elif not (pointer.is_symlink() and _REPORT_FOLDER.fullmatch(os.readlink(pointer))):
            raise UsageError(
                f"refusing to write into {folder}: {pointer} is not footstats' own; "
                "remove it or choose another output folder"
            )
    for entry in folder.iterdir():
        if _REPORT_FOLDER.fullmatch(entry.name) and entry != current and not entry.is_symlink():
            shutil.rmtree(entry, ignore_errors=True)
    for directory in list(_report_folders(folder)):
        if not directory.is_dir():  # removed meanwhile: it held only a dangling link
            continue
        remove_leftovers(directory)
        for entry in directory.iterdir():
            if entry.is_symlink() and not entry.exists():
                name = PurePosixPath(entry.relative_to(folder).as_posix())
                if _is_our_link(entry, name):
                    entry.unlink()
                    _remove_empty_folders(folder, name)


def _report_folders(folder: Path) -> Iterator[Path]:
    """``folder`` and its visible subfolders, :data:`_LEFTOVER_DEPTH` deep, no link followed."""
    level = [folder]
    for _ in range(_LEFTOVER_DEPTH + 1):
        yield from level
        level = [
            entry
            for directory in level
            for entry in directory.iterdir()
            if not entry.name.startswith(".") and entry.is_dir() and not entry.is_symlink()
        ]


def _new_report_folder(folder: Path, rights: Permissions) -> Path:
    for _ in range(100):
        report = folder / f"{CURRENT}-{secrets.token_hex(8)}"
        try:
            report.mkdir(mode=rights.folders)
        except FileExistsError:
            continue
        return report
    raise FileExistsError(f"cannot create a staging folder in {folder}")


def _check_targets(folder: Path, names: list[PurePosixPath], inputs: list[Path]) -> None:
    """Refuse, before anything visible changes, a report that would write over an input,
    through a symbolic link or a file where it needs a folder, or over a folder."""
    checked: set[Path] = set()
    for name in names:
        place = folder
        for part in name.parts[:-1]:
            place = place / part
            if place in checked:
                continue
            if place.is_symlink():
                raise UsageError(
                    f"refusing to write into {place}: it is a symbolic link (footstats writes "
                    "its own folder there, never through a link); remove it or choose another "
                    "output folder"
                )
            if place.exists() and not place.is_dir():
                raise UsageError(f"refusing to write into {place}: it is a file, not a folder")
            checked.add(place)
        visible = folder / name
        if visible.is_dir() and not visible.is_symlink():
            raise UsageError(f"refusing to write {visible}: a folder has that name")
        if _is_input(visible, inputs):
            raise UsageError(
                f"refusing to write {visible}: it is an input of this report; choose another "
                "output folder"
            )


def _restrict(staging: Path, rights: Permissions) -> None:
    """Give the staged files and folders no more permissions than ``rights`` allow."""
    for root, folders, files in os.walk(staging):
        for name, allowed in [
            *((f, rights.folders) for f in folders),
            *((f, rights.files) for f in files),
        ]:
            path = os.path.join(root, name)
            mode = stat.S_IMODE(os.lstat(path).st_mode)
            if mode & ~allowed:
                os.chmod(path, mode & allowed)


def _links_work(staging: Path) -> bool:
    """Symbolic and hard links can be made here (not on FAT or exFAT)."""
    probe = staging / ".probe"
    made = [probe, staging / ".probe-hard", staging / ".probe-symbolic"]
    try:
        probe.touch()
        os.link(probe, made[1])
        os.symlink(probe.name, made[2])
        return True
    except OSError:
        return False
    finally:
        for path in made:
            with suppress(OSError):
                path.unlink()


# -- the switch ---------------------------------------------------------------------------------


def _switch(
    folder: Path,
    new: Path,
    names: list[PurePosixPath],
    *,
    whole: bool,
    inputs: list[Path],
    rights: Permissions,
) -> None:
    """Show the report of the hidden folder ``new`` in ``folder`` (see the module's
    docstring): every visible name through one link, that link switched, hard links again."""
    old = _current(folder)
    before = _files(old) if old is not None else set()
    written = set(names)
    if not whole and old is not None:  # the previous report's other files stay
        for name in sorted(before - written):
            (new / name).parent.mkdir(parents=True, exist_ok=True)
            os.link(old / name, new / name)
    after = _files(new)
    # 1. every visible name of the previous report, and each new one, through the link
    for name in sorted(before | written):
        visible = folder / name
        if _is_input(visible, inputs) or not _within(folder, name):
            continue
        if old is not None and name in before and _is_ours(visible, name, old):
            if not visible.is_symlink():
                _replace(visible, link=_link_text(name))
        elif name in written and not os.path.lexists(visible):
            _make_folders(folder, name, rights)
            with suppress(FileExistsError):
                os.symlink(_link_text(name), visible)
    # 2. the switch: one rename
    pointer = temp_name(folder / CURRENT)
    os.symlink(new.name, pointer)
    try:
        os.replace(pointer, folder / CURRENT)
    except BaseException:
        with suppress(OSError):
            pointer.unlink()
        raise
    # 3. ordinary files again, then the previous report's files it no longer has go
    for name in sorted(after):
        visible = folder / name
        if name in written or (_within(folder, name) and _is_our_link(visible, name)):
            _make_folders(folder, name, rights)
            _replace(visible, file=new / name)
    for name in sorted(before - after):
        visible = folder / name
        if _within(folder, name) and _is_our_link(visible, name):
            visible.unlink()
            _remove_empty_folders(folder, name)
    if old is not None:
        shutil.rmtree(old, ignore_errors=True)


def _replace(visible: Path, *, link: str | None = None, file: Path | None = None) -> None:
    """Replace ``visible`` (never following it) by a symbolic link holding ``link``, or by a
    hard link of ``file``: made beside it, then renamed over it."""
    tmp = temp_name(visible)
    if file is not None:
        os.link(file, tmp)
    else:
        os.symlink(str(link), tmp)
    try:
        os.replace(tmp, visible)
    except BaseException:
        with suppress(OSError):
            tmp.unlink()
        raise


def _make_folders(folder: Path, name: PurePosixPath, rights: Permissions) -> None:
    place = folder
    for part in name.parts[:-1]:
        place = place / part
        with suppress(FileExistsError):
            place.mkdir(mode=rights.folders)


def _remove_empty_folders(folder: Path, name: PurePosixPath) -> None:
    """Remove the folders of ``name`` below ``folder`` that it left empty (deepest first)."""
    for parent in list(name.parents)[:-1]:
        try:
            (folder / parent).rmdir()
        except OSError:  # not empty: a file of yours, or another report file
            return


# -- where links do not work (FAT, exFAT) ---------------------------------------------------------


def _move(
    folder: Path,
    staging: Path,
    names: list[PurePosixPath],
    *,
    whole: bool,
    inputs: list[Path],
    rights: Permissions,
) -> None:
    """Move the staged files into ``folder`` one at a time; the previous report's files
    (listed in :data:`MANIFEST`, and unchanged since) that this one does not write are
    removed (``whole``) or kept listed."""
    listed = _manifest(folder)
    made = {}
    for name in names:
        _make_folders(folder, name, rights)
        os.replace(staging / name, folder / name)
        made[str(name)] = _identity(folder / name)
    for text, identity in listed.items():
        if text in made or identity is None or _identity(folder / text) != identity:
            continue
        if whole and not _is_input(folder / text, inputs):
            (folder / text).unlink()
            _remove_empty_folders(folder, PurePosixPath(text))
        elif not whole:
            made[text] = identity
    with atomic_path(folder / MANIFEST) as tmp:
        tmp.write_text(json.dumps({"files": made}, indent=1) + "\n", encoding="utf-8")


def _manifest(folder: Path) -> dict[str, list[int] | None]:
    try:
        files = json.loads((folder / MANIFEST).read_text("utf-8"))["files"]
    except (OSError, ValueError, KeyError, TypeError):
        return {}
    if not isinstance(files, dict):
        return {}
    return {
        str(k): v if isinstance(v, list) else None
        for k, v in files.items()
        if not PurePosixPath(str(k)).is_absolute() and ".." not in PurePosixPath(str(k)).parts
    }


def _identity(path: Path) -> list[int] | None:
    """What tells a file footstats moved into place from one saved there since."""
    try:
        info = os.lstat(path)
    except OSError:
        return None
    if not stat.S_ISREG(info.st_mode):
        return None
    return [info.st_ino, info.st_size, info.st_mtime_ns]
