"""Reading an input file: only a regular file, never a device or a pipe.

Every file footstats reads by name (a log, a participants table, a routine, an exercise
map, the log ``footstats add`` appends to) is read through :func:`read_regular_file`:
``/dev/zero`` (or a terminal, a FIFO, a socket) given as any of them is refused at once
with a sentence, instead of being read until memory runs out.
"""

from __future__ import annotations

import errno
import os
import stat
from os import PathLike

__all__ = ["NOT_REGULAR", "read_regular_file"]

NOT_REGULAR = "not a regular file (a device or a pipe?): give a file"


def read_regular_file(path: str | PathLike) -> bytes:
    """The bytes of the regular file ``path``; ``OSError`` for anything else.

    The file is opened without waiting (a FIFO with no writer would block an ordinary
    open), checked to be a regular file, and only then read.

    Parameters
    ----------
    path : str or path-like
        The file to read.

    Returns
    -------
    bytes

    Raises
    ------
    OSError
        The file cannot be opened, is a folder (``IsADirectoryError``), or is not a regular
        file (``errno.EINVAL``, ``strerror`` :data:`NOT_REGULAR`).

    Examples
    --------
    >>> read_regular_file("/dev/zero")
    Traceback (most recent call last):
    ...
    OSError: [Errno 22] not a regular file (a device or a pipe?): give a file: '/dev/zero'
    """
    fd = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0))
    try:
        mode = os.fstat(fd).st_mode
        if stat.S_ISDIR(mode):
            raise IsADirectoryError(errno.EISDIR, "is a folder, not a file", os.fspath(path))
        if not stat.S_ISREG(mode):
            raise OSError(errno.EINVAL, NOT_REGULAR, os.fspath(path))
        if hasattr(os, "set_blocking"):
            os.set_blocking(fd, True)
        with os.fdopen(fd, "rb", closefd=False) as file:
            return file.read()
    finally:
        os.close(fd)
