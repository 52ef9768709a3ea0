"""Progress bars for the long runs: a folder read, a Dask read, the per-participant reports.

One helper for every long loop::

    with progress(len(files), "reading", unit="file") as bar:
        for ...:
            bar.advance(done)

A bar is shown (tqdm) only where someone sees it: its notebook widget in a Jupyter kernel
(JupyterLab; ``tqdm.auto``), a text bar on stderr when stderr is a terminal; nothing
when stderr is a file or a pipe, nothing inside :func:`progress_shown` ``(False)`` (the
CLI's ``--quiet``), and nothing for a run shorter than :data:`DELAY` seconds or of one
step. tqdm is imported only when a bar is shown: ``import footstats`` stays cheap.
"""

from __future__ import annotations

import sys
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from typing import Any, TypeVar

__all__ = ["DELAY", "Progress", "progress", "progress_shown", "tracked"]

DELAY = 1.0  # seconds before a bar appears: a quick run shows none
_SHOWN: ContextVar[bool | None] = ContextVar("footstats_progress_shown", default=None)
T = TypeVar("T")


@contextmanager
def progress_shown(shown: bool | None) -> Iterator[None]:
    """Inside the block, bars are shown (True: on stderr even when it is no terminal),
    never (False: ``footstats ... --quiet``), or where someone sees them (None).

    >>> with progress_shown(False), progress(10, "reading") as bar:
    ...     bar.shown
    False
    """
    token = _SHOWN.set(shown)
    try:
        yield
    finally:
        _SHOWN.reset(token)


class Progress:
    """A bar's handle: :meth:`advance` after each step done; does nothing when no bar is
    shown."""

    def __init__(self, bar: Any = None) -> None:
        self._bar = bar

    @property
    def shown(self) -> bool:
        return self._bar is not None

    def advance(self, steps: int = 1) -> None:
        if self._bar is not None and steps:
            self._bar.update(steps)


@contextmanager
def progress(total: int, what: str, *, unit: str = "file") -> Iterator[Progress]:
    """A bar of ``total`` steps named ``what`` (``unit``: what a step is), closed at the
    end of the block (also on an error or Ctrl-C).

    >>> with progress(3, "reading") as bar:  # stderr is no terminal here: no bar
    ...     bar.advance(3)
    ...     bar.shown
    False
    """
    bar = _bar(total, what, unit)
    try:
        yield Progress(bar)
    finally:
        if bar is not None:
            bar.close()


def tracked(items: Iterable[T], total: int, what: str, *, unit: str = "file") -> Iterator[T]:
    """``items``, with a bar advanced after each.

    >>> list(tracked(["p01", "p02"], 2, "reports", unit="participant"))
    ['p01', 'p02']
    """
    with progress(total, what, unit=unit) as bar:
        for item in items:
            yield item
            bar.advance()


def _bar(total: int, what: str, unit: str) -> Any:
    """A tqdm bar, or None where none is shown."""
    if total < 2:
        return None
    where = _where()
    if where is None:
        return None
    try:
        if where == "notebook":
            from tqdm.auto import tqdm
        else:
            from tqdm import tqdm
    except ImportError:  # installed without it: no bar, never an error
        return None
    stream = sys.stderr if where == "terminal" else None
    return tqdm(
        total=total, desc=what, unit=unit, file=stream, delay=DELAY, leave=False, dynamic_ncols=True
    )


def _where() -> str | None:
    """ "notebook" in a Jupyter kernel, "terminal" when stderr is one (or bars are asked
    for), None when no bar is shown."""
    shown = _SHOWN.get()
    if shown is False:
        return None
    if _in_kernel():
        return "notebook"
    stream = sys.stderr
    isatty = getattr(stream, "isatty", None)
    if shown or (isatty is not None and isatty()):
        return "terminal"
    return None


def _in_kernel() -> bool:
    """Whether this runs in a Jupyter kernel (JupyterLab, Voilà), without importing IPython."""
    ipython = sys.modules.get("IPython")
    if ipython is None or "ipykernel" not in sys.modules:
        return False
    shell = ipython.get_ipython()
    return shell is not None and type(shell).__name__ == "ZMQInteractiveShell"
