"""The importer contract: what every app importer provides, and what it is given.

The generic reader (``footstats.reading``) knows no app by name. It calls the hooks of
:class:`Importer` on each importer of the registry (``footstats.importers.IMPORTERS``):

- :meth:`Importer.matches`: is this header (and these first rows) the app's export?
- :meth:`Importer.closest`: for a header no importer matches, how close it is to the
  app's and what it lacks (the error then names the app and the way forward);
- :meth:`Importer.export_file`: the file to read in a folder the app exported (Loop's
  unzipped export: its ``Checkmarks.csv``), None when the folder is not one;
- :meth:`Importer.to_log`: the file (an :class:`Export`) to the footstats log, already
  typed, with its problems (an :class:`Imported`).

An importer is any object with these members (:class:`typing.Protocol`: no base class to
inherit); each app module of this package makes one :class:`AppImporter` from its module
functions. The same shape as httpx's ``BaseTransport`` (one method every transport
implements) or seaborn's ``Stat``: a small declared surface, the logic in the modules.

The log :meth:`Importer.to_log` returns is typed, so the reader never parses it again from
text: ``date`` datetime64 (a day is midnight), ``exercise``, ``notes`` and the extra
``workout`` / ``workout_notes`` text, ``sets``, ``warmup_sets`` and ``reps`` Int64,
``seconds`` and ``minutes`` Float64 (rounded to 6 decimals), ``session_done`` boolean (a
habit tracker's days), and ``line`` (int64, the physical line of the row's first set);
``log.attrs["written"]`` maps each column to the app's column it comes from, so that the
reader's problems name the column as written in the file.

:class:`~footstats.core.options.ReadOptions` is in ``footstats.core``, below this layer, so
that importers apply the user's reading options (``dayfirst`` for an export re-saved by a
spreadsheet, Loop's ``habit``) without importing the reader.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, NamedTuple, Protocol

import pandas as pd

from footstats.core.options import ReadOptions

__all__ = ["AppImporter", "Export", "Imported", "Importer", "Problems"]

Problems = list[dict[str, Any]]  # rows of the problems table (footstats.core.problems.problem)


@dataclass(frozen=True)
class Export:
    """One file as an importer gets it.

    Attributes
    ----------
    raw : DataFrame
        The file's table: header names as written, every value a ``str`` (blanks ``""``),
        plus an int64 ``line`` (the physical line of each row).
    file : str
        The file's name as given, for the problems.
    folder : Path, optional
        The folder the file is in, when it is a file (Loop reads ``Habits.csv`` beside it).
    text : str
        The file's text (FitNotes reads again the lines whose exercise name has a comma).
    problems : list of dict
        What the file layer found (line widths, encoding): the importer keeps them, or
        replaces those it explains better (a known export bug named once).
    """

    raw: pd.DataFrame
    file: str
    folder: Path | None = None
    text: str = ""
    problems: Problems = field(default_factory=list)


class Imported(NamedTuple):
    """What :meth:`Importer.to_log` returns: the typed log and every problem of the file."""

    log: pd.DataFrame
    problems: Problems


class Importer(Protocol):
    """The hooks the reader calls on an app importer (see the module's docstring)."""

    @property
    def name(self) -> str:
        """The format's name, as ``format=`` takes it (``"strong"``)."""
        ...

    @property
    def app(self) -> str:
        """The app's name, as messages write it (``"Strong"``)."""
        ...

    @property
    def habits(self) -> bool:
        """Whether its exports hold several habits, one picked by ``habit=`` (a habit
        tracker's); ``habit=`` given for another format is an error."""
        ...

    def matches(self, header: Sequence[str], sample: pd.DataFrame | None = None) -> bool:
        """Whether ``header`` (names as written; ``sample``: the first rows, columns by
        position) is this app's export."""
        ...

    def closest(self, header: Sequence[str]) -> tuple[float, str] | None:
        """For a header no importer matches: the share of this app's required columns it
        has and a description (``a Strong export without 'Set Order' column(s)``)."""
        ...

    def export_file(self, folder: Path, options: ReadOptions) -> Path | None:
        """The file to read in ``folder`` when it is this app's unzipped export."""
        ...

    def to_log(self, export: Export, options: ReadOptions) -> Imported:
        """The export as a typed footstats log, and every problem (the file layer's too)."""
        ...


def not_close(header: Sequence[str]) -> tuple[float, str] | None:
    """:meth:`Importer.closest` of an app whose header is too loose to be close to."""
    return None


def no_export_folder(folder: Path, options: ReadOptions) -> Path | None:
    """:meth:`Importer.export_file` of an app that exports single files."""
    return None


@dataclass(frozen=True)
class AppImporter:
    """An :class:`Importer` made of an app module's functions.

    >>> from footstats.importers import strong
    >>> strong.IMPORTER.name, strong.IMPORTER.app
    ('strong', 'Strong')
    """

    name: str
    app: str
    matches: Callable[..., bool]
    to_log: Callable[[Export, ReadOptions], Imported]
    closest: Callable[[Sequence[str]], tuple[float, str] | None] = not_close
    export_file: Callable[[Path, ReadOptions], Path | None] = no_export_folder
    habits: bool = False
