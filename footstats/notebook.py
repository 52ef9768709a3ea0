"""The notebooks' front end: the user's settings file and one way to show a table.

**Settings.** Every notebook reads the user's files and choices from one small file beside
the notebooks, :data:`SETTINGS_FILE` (``footstats-settings.toml``, not tracked by git), so
that pointing the notebooks at another log never changes a notebook itself.
:func:`load_settings` reads it, with each notebook's defaults for what the file leaves
out (the sample logs when there is no file). papermill's parameters still override: they
are injected after the notebook's parameters cell.

**Tables.** :func:`table` turns any table of the library into what a person reads: no index
column, exercise names instead of ids, column headers in words, dates as ``2 Mar 2026``,
yes/no instead of True/False, empty cells instead of ``<NA>``/``NaN`` and numbers rounded by
one rule (:func:`readable_number`): percentages whole, correlations to 2 decimals, other
fractions (pain on the 0-10 scale, minutes, sessions a week) to 1 decimal.

**Messages.** :func:`setup` makes footstats' own warnings print as one sentence (not
``/tmp/ipykernel_…py:5: LogWarning``) and footstats' errors as their message, not a traceback.
"""

from __future__ import annotations

import datetime as dt
import math
import sys
import tomllib
import warnings
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, fields
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd

from footstats.columns import EXERCISE, PARTICIPANT
from footstats.errors import FootstatsError, FootstatsWarning, UsageError
from footstats.routine import Routine

__all__ = [
    "MIN_CORRELATION_WEEKS",
    "SETTINGS_FILE",
    "Settings",
    "Table",
    "is_cohort",
    "load_settings",
    "readable_number",
    "setup",
    "table",
]

SETTINGS_FILE = "footstats-settings.toml"

# Fewer weeks than this and a rank correlation says little: the table says so beside it.
MIN_CORRELATION_WEEKS = 8


# -- the settings file -------------------------------------------------------------------------


@dataclass(frozen=True)
class Settings:
    """The user's files and choices (``footstats-settings.toml``), with defaults.

    Paths are as written in the file, relative to the notebooks' folder (where the file is).
    """

    log_path: str = "../sample_data/foot_log.csv"
    routine: str | None = None
    output_dir: str = "../out/notebooks"
    participant: str | None = None
    participants_path: str | None = None
    weeks: int | None = None
    until: str | None = None
    formats: tuple[str, ...] = ("png", "svg")
    file: str | None = None  # the settings file read, None when there is none


_TEXT = {"log_path", "output_dir"}
_OPTIONAL_TEXT = {"routine", "participant", "participants_path", "until"}
_KEYS = [f.name for f in fields(Settings) if f.name != "file"]

EXAMPLE = """\
# footstats-settings.toml: your files and choices for the notebooks in this folder.
# Paths are relative to this folder; leave a line out (or write "") for the default.
log_path = "../my_foot_log.csv"    # your exercise log (notebook 00 adds sessions to it)
routine = ""                        # your routine file; "": the packaged foot routine
output_dir = "../out/notebooks"     # where notebook 05 writes report.pdf and the charts
participant = ""                    # a cohort log: one participant's id, e.g. "p0001"
participants_path = ""              # a cohort's participants table (CSV)
weeks = 0                           # a programme of N weeks from each start; 0: not set
until = ""                          # count the weeks up to "today" or a date "2026-06-30"
"""


def load_settings(folder: str | Path | None = None, **defaults: Any) -> Settings:
    """Read :data:`SETTINGS_FILE` in ``folder`` (default: the current folder).

    Parameters
    ----------
    folder : str or Path, optional
        Where to look; a notebook runs in its own folder, so the default finds the file
        beside it. Relative paths in the file are returned joined to ``folder`` when given.
    **defaults
        The notebook's own defaults (``log_path=...``) for keys the file leaves out or
        when there is no file; other keys default as in :class:`Settings`.

    Returns
    -------
    Settings

    Raises
    ------
    UsageError
        The file is not valid TOML, has a key footstats does not know, or a value of the
        wrong kind; the message names the file, the key and what was expected.

    Examples
    --------
    >>> import tempfile
    >>> folder = Path(tempfile.mkdtemp())
    >>> load_settings(folder, log_path="../my_foot_log.csv").log_path
    '../my_foot_log.csv'
    >>> _ = (folder / SETTINGS_FILE).write_text('log_path = "logs/mine.csv"\\nweeks = 12\\n')
    >>> chosen = load_settings(folder, log_path="../my_foot_log.csv")
    >>> chosen.log_path == str(folder / "logs" / "mine.csv"), chosen.weeks, chosen.participant
    (True, 12, None)
    """
    unknown = sorted(set(defaults) - set(_KEYS))
    if unknown:
        raise UsageError(f"load_settings: no setting named {', '.join(unknown)}")
    where = Path(folder) if folder is not None else Path()
    path = where / SETTINGS_FILE
    values: dict[str, Any] = dict(defaults)
    if not path.is_file():
        return Settings(**values)
    label = path.name if folder is None else str(path)
    try:
        written = tomllib.loads(path.read_text("utf-8"))
    except (tomllib.TOMLDecodeError, UnicodeDecodeError) as exc:
        raise UsageError(f"{label}: not a valid settings file: {exc}") from None
    for key, value in written.items():
        if key not in _KEYS:
            raise UsageError(
                f"{label}: unknown setting {key!r}; the settings are {', '.join(_KEYS)}"
            )
        values[key] = _setting(label, key, value, folder is not None and where)
    return Settings(**values, file=str(path))


def _setting(label: str, key: str, value: Any, folder: Path | bool) -> Any:
    def wrong(expected: str) -> UsageError:
        return UsageError(f"{label}: {key} = {value!r}: expected {expected}")

    if key == "weeks":
        if isinstance(value, bool) or not isinstance(value, int) or value < 0:
            raise wrong("a whole number of weeks (0: not set)")
        return value or None
    if key == "formats":
        if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
            raise wrong('a list such as ["png", "svg"]')
        return tuple(value)
    if key == "until" and isinstance(value, dt.date):
        return value.isoformat()
    if key == "participant" and isinstance(value, int) and not isinstance(value, bool):
        return str(value)
    if not isinstance(value, str):
        raise wrong("text in quotes")
    if not value:
        if key in _TEXT:
            raise wrong("a path in quotes")
        return None
    is_path = key.endswith("_path") or key in {"routine", "output_dir"}
    if is_path and isinstance(folder, Path) and not Path(value).is_absolute():
        return str(folder / value)
    return value


# -- messages ----------------------------------------------------------------------------------


def setup() -> None:
    """Show footstats' warnings as one sentence and its errors as their message.

    A warning then reads ``Note: 2 lines with errors were left out ...`` instead of
    naming a temporary file of the kernel, and a :class:`footstats.errors.FootstatsError`
    (a log that cannot be read, a wrong setting) shows its message, not a traceback. Other
    warnings and errors are shown as usual. Nothing happens outside IPython but the warnings.
    """
    original = warnings.formatwarning
    if getattr(original, "_footstats", False):
        return

    def formatwarning(message, category, filename, lineno, line=None):
        if issubclass(category, FootstatsWarning):
            return f"Note: {message}\n"
        return original(message, category, filename, lineno, line)

    formatwarning._footstats = True  # type: ignore[attr-defined]
    warnings.formatwarning = formatwarning
    shell = _ipython()
    if shell is not None:
        shell.set_custom_exc((FootstatsError,), _show_error)


def _ipython():
    module = sys.modules.get("IPython")
    get = getattr(module, "get_ipython", None)
    return get() if get else None


def _show_error(shell, etype, value, tb, tb_offset=None):
    return [f"Stopped: {value}"]


# -- tables ------------------------------------------------------------------------------------

_LABELS = {
    "exercise_name": "exercise as written",
    "in_program": "in the routine",
    "sets_done": "sets done",
    "target_min": "target (min)",
    "target_max": "target (max)",
    "target_met": "target met",
    "adherence_pct": "adherence %",
    "change_pct": "change %",
    "completion_pct": "completion %",
    "clinically_important": "clinically important",
    "n_weeks": "weeks",
    "spearman": "rank correlation",
    "n": "reports",
    "week": "week of",
    "dropout_week": "drop-out week",
    "last_session": "last session",
    "current_streak": "current streak (weeks)",
    "longest_streak": "longest streak (weeks)",
}


def readable_number(value: Any, column: str = "") -> str:
    """One number as text by the notebooks' rule: what a person reads in a table.

    Percentages (a column ending in ``pct`` or ``%``) whole, a rank correlation to 2
    decimals, any other fraction to 1 decimal (pain on the 0-10 scale, minutes, sessions
    a week), whole numbers whole; a missing value is an empty cell.

    Examples
    --------
    >>> readable_number(73.076923, "adherence_pct"), readable_number(2.666667, "mean")
    ('73', '2.7')
    >>> readable_number(-0.894427, "spearman"), readable_number(18.0), readable_number(None)
    ('-0.89', '18', '')
    """
    if value is None or value is pd.NA or value is pd.NaT:
        return ""
    if isinstance(value, bool | np.bool_):
        return "yes" if value else "no"
    if isinstance(value, float) and not math.isfinite(value):
        return ""
    if isinstance(value, int | np.integer):
        return str(value)
    number = float(value)
    if column.endswith(("pct", "%")):
        decimals = 0
    elif column == "spearman":
        decimals = 2
    else:
        decimals = 1
    rounded = round(number, decimals)
    if rounded == int(rounded):
        return str(int(rounded))  # -0.0 too: "0"
    return f"{rounded:.{decimals}f}"


@dataclass(frozen=True)
class Table:
    """A table ready to read: shown as HTML in a notebook and as plain text elsewhere."""

    frame: pd.DataFrame  # text cells, headers in words, no index

    def _repr_html_(self) -> str:
        return self.frame.to_html(index=False, escape=True, border=0, classes="footstats-table")

    def __repr__(self) -> str:
        if self.frame.empty:
            return "(no rows)"
        return "\n".join(line.rstrip() for line in self.frame.to_string(index=False).splitlines())


def table(
    frame: pd.DataFrame,
    routine: Routine | None = None,
    *,
    rows: int | None = None,
    drop: Sequence[str] = ("file",),
    labels: Mapping[str, str] | None = None,
) -> Table:
    """``frame`` as a person reads it (see the module's docstring).

    Parameters
    ----------
    frame : DataFrame
        Any table of the library. A named index (the figure names of
        :func:`footstats.headline_table`) becomes the first column.
    routine : Routine, optional
        Turns exercise ids (``toe_walking``) into the routine's names (``Toe walking``).
    rows : int, optional
        Show the first ``rows`` rows only.
    drop : sequence of str
        Columns left out when present (the ``file`` of a problems table of one file).
    labels : mapping, optional
        Headers of your own, by column name, over the built-in ones.

    Returns
    -------
    Table

    Examples
    --------
    >>> frame = pd.DataFrame({"site": ["back"], "mean": [11 / 3], "n": [3],
    ...                       "in_program": [True], "change_pct": [-53.33], "lag": [pd.NA]})
    >>> print(table(frame))
    site mean reports in the routine change % lag
    back  3.7       3            yes      -53
    """
    shown = frame if rows is None else frame.head(rows)
    if not isinstance(shown.index, pd.RangeIndex) or shown.index.name is not None:
        shown = shown.reset_index()
    shown = shown.drop(columns=[c for c in drop if c in shown.columns])
    names = {e.id: e.name for e in routine.exercises} if routine is not None else {}
    cells = {}
    for column in shown.columns:
        values = shown[column]
        key = str(column)
        if key == EXERCISE and names:
            values = values.map(lambda v: names.get(v, v), na_action="ignore")
        cells[key] = _column_text(values, key)
    text = pd.DataFrame(cells, index=range(len(shown)))
    if "spearman" in text.columns and "n_weeks" in shown.columns:
        few = pd.to_numeric(shown["n_weeks"], errors="coerce").lt(MIN_CORRELATION_WEEKS)
        few = few.to_numpy() & (text["spearman"] != "").to_numpy()
        text.loc[few, "spearman"] += " (too few weeks to say)"
    headers = {**_LABELS, **(labels or {})}
    text.columns = [headers.get(c, c.replace("_", " ")) if c != "index" else "" for c in text]
    return Table(text)


def _column_text(values: pd.Series, column: str) -> pd.Series:
    if pd.api.types.is_datetime64_any_dtype(values):
        return values.map(_day, na_action="ignore").fillna("")
    return values.map(lambda v: _cell(v, column)).astype(object)


def _cell(value: Any, column: str) -> str:
    if isinstance(value, pd.Timestamp | dt.date):
        return _day(value)
    if isinstance(value, str):
        return value
    try:
        return readable_number(value, column)
    except (TypeError, ValueError):
        return "" if pd.isna(value) else str(value)


def _day(value) -> str:
    if value is pd.NaT or value is None:
        return ""
    stamp = pd.Timestamp(value)
    text = f"{stamp.day} {stamp:%b %Y}"
    return text + (f" {stamp:%H:%M}" if (stamp.hour, stamp.minute) != (0, 0) else "")


def is_cohort(log: pd.DataFrame) -> bool:
    """Whether ``log`` holds more than one participant (a figure of one person needs one).

    Examples
    --------
    >>> is_cohort(pd.DataFrame({"participant": ["p1", "p2"]})), is_cohort(pd.DataFrame())
    (True, False)
    """
    return PARTICIPANT in log.columns and log[PARTICIPANT].nunique() > 1
