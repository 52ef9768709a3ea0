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
import os
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
    "column_label",
    "BATCH_NOTEBOOKS",
    "COHORT_NOTEBOOKS",
    "MIN_CORRELATION_WEEKS",
    "PERSONAL_NOTEBOOKS",
    "SETTINGS_ENV",
    "SETTINGS_FILE",
    "Settings",
    "Table",
    "is_cohort",
    "load_settings",
    "plain_message",
    "plan_in_words",
    "main",
    "readable_number",
    "repeated_lines",
    "rows_table",
    "run_batch",
    "setup",
    "table",
]

SETTINGS_FILE = "footstats-settings.toml"
# FOOTSTATS_SETTINGS=none: the notebooks ignore the settings file (the tests compare their
# outputs on the sample logs, whatever a developer wrote in their own settings).
SETTINGS_ENV = "FOOTSTATS_SETTINGS"

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


def load_settings(folder: str | Path | None = None, **defaults: Any) -> Settings:
    """Read :data:`SETTINGS_FILE` in ``folder`` (default: the current folder).

    Parameters
    ----------
    folder : str or Path, optional
        Where to look; a notebook runs in its own folder, so the default finds the file
        beside it. Relative paths in the file are returned joined to ``folder`` when given.
    **defaults
        The notebook's own defaults (``log_path=...``) for keys the file leaves out or
        when there is no file; other keys default as in :class:`Settings`. A default
        ``participants_path`` goes with the default log: when the file names a log and
        no table, there is no table.

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
    # FOOTSTATS_SETTINGS=none: a notebook (reading the file of its own folder) ignores it
    ignored = folder is None and os.environ.get(SETTINGS_ENV, "") == "none"
    values: dict[str, Any] = dict(defaults)
    if ignored or not path.is_file():
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
    if "log_path" in written and "participants_path" not in written:
        values["participants_path"] = None  # a default table belongs to the default log
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

# a share from 0 to 1 -> its column of whole percent
_SHARES = {"completion": "completion_pct", "share_on_target": "on_target_pct"}

_LABELS = {
    "on_target_pct": "on target %",
    "week_index": "study week",
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
    decimals = _decimals(column)
    rounded = round(float(value), decimals)
    if rounded == int(rounded):
        return str(int(rounded))  # -0.0 too: "0"
    return f"{rounded:.{decimals}f}"


def _decimals(column: str) -> int:
    if column.endswith(("pct", "%")):
        return 0
    return 2 if column == "spearman" else 1


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
    # a named or text index (the figure names of headline_table) is a column; row numbers go
    labelled = shown.index.name is not None or not pd.api.types.is_integer_dtype(shown.index)
    shown = shown.reset_index(drop=not labelled)
    shown = shown.drop(columns=[c for c in drop if c in shown.columns])
    names = {e.id: e.name for e in routine.exercises} if routine is not None else {}
    cells = {}
    for column in shown.columns:
        values = shown[column]
        key = str(column)
        if key == EXERCISE and names:
            values = values.map(lambda v: names.get(v, v), na_action="ignore")
        if key == "message":
            values = values.map(plain_message, na_action="ignore")
        if key in _SHARES:  # a share from 0 to 1, shown in whole percent
            values = values.astype("float64") * 100
            key = _SHARES[key]
        cells[key] = _column_text(values, key)
    text = pd.DataFrame(cells, index=range(len(shown)))
    if "spearman" in text.columns and "n_weeks" in shown.columns:
        few = pd.to_numeric(shown["n_weeks"], errors="coerce").lt(MIN_CORRELATION_WEEKS)
        few = few.to_numpy() & (text["spearman"] != "").to_numpy()
        text.loc[few, "spearman"] += " (too few weeks to say)"
    text.columns = [column_label(c, labels) if c != "index" else "" for c in text]
    return Table(text)


def column_label(column: str, labels: Mapping[str, str] | None = None) -> str:
    """The header :func:`table` shows for a column of the library.

    Examples
    --------
    >>> column_label("adherence_pct"), column_label("sets_done"), column_label("site")
    ('adherence %', 'sets done', 'site')
    """
    headers = {**_LABELS, **(labels or {})}
    return headers.get(column, column.replace("_", " "))


def _column_text(values: pd.Series, column: str) -> pd.Series:
    if pd.api.types.is_datetime64_any_dtype(values):
        return values.map(_day, na_action="ignore").fillna("")
    if pd.api.types.is_float_dtype(values):
        # one number of decimals down a column: 6.0 beside 3.7, not 6 beside 3.7
        rounded = values.astype("float64").round(_decimals(column))
        finite = rounded[np.isfinite(rounded)]
        decimals = 0 if (finite == finite.round()).all() else _decimals(column)
        text = rounded.map(lambda v: f"{v:.{decimals}f}" if math.isfinite(v) else "")
        if text.empty:
            return text.astype(object)
        return text.str.replace(r"^-(0(\.0+)?)$", r"\1", regex=True).fillna("").astype(object)
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


# -- notebook 00: what Save will add --------------------------------------------------------------

_ROW_COLUMNS = ["date", "exercise", "side", "sets", "reps", "seconds"]


def rows_table(rows: Sequence[Mapping[str, Any]]) -> Table:
    """The rows a form describes (:func:`footstats.session_rows`) as a table to read.

    Examples
    --------
    >>> print(rows_table([{"date": "2026-06-22", "exercise": "Heel raises", "sets": 2,
    ...                    "reps": 10, "side": "left", "pain_back": 3}]))
          date    exercise side sets reps back pain
    2026-06-22 Heel raises left    2   10         3
    """
    frame = pd.DataFrame(list(rows))
    order = [c for c in _ROW_COLUMNS if c in frame.columns]
    order += [c for c in frame.columns if c not in order]
    frame = frame[order].astype(object).where(frame[order].notna(), None)
    pain = {c: f"{c.removeprefix('pain_')} pain" for c in frame.columns if c.startswith("pain_")}
    return table(frame, labels=pain)


def repeated_lines(plan) -> list[int]:
    """The lines of the log that the planned rows (:func:`footstats.plan_append`) repeat.

    Not empty when the same session was already saved: the caller asks before saving it
    again.
    """
    from footstats.core.codes import DUPLICATE_ROW

    problems = plan.problems
    repeats = problems.loc[problems["code"] == DUPLICATE_ROW.id, "message"]
    found = repeats.str.extract(r"repeats line (\d+)", expand=False).dropna()
    return sorted(int(line) for line in found)


def plan_in_words(plan) -> str:
    """What Save will do and the problems of the new rows, as sentences (no file paths).

    A session already in the log is said once, with its lines, instead of one warning per
    row.
    """
    from footstats.core.codes import DUPLICATE_ROW

    head = plan.preview().splitlines()[0]
    sentences = [head]
    repeats = repeated_lines(plan)
    if repeats:
        sentences.append(
            f"These rows are already in the log (lines {_span(repeats)}): this session was "
            "saved before. Save it again only if you did it twice."
        )
    others = plan.problems[plan.problems["code"] != DUPLICATE_ROW.id]
    for problem in others.itertuples(index=False):
        where = f"line {problem.line}" + (f", {problem.column}" if problem.column != "-" else "")
        sentences.append(f"{str(problem.severity).capitalize()} ({where}): {problem.message}")
    return "\n".join(sentences)


def _span(lines: list[int]) -> str:
    if lines == list(range(lines[0], lines[-1] + 1)):
        return f"{lines[0]}-{lines[-1]}" if len(lines) > 1 else str(lines[0])
    return ", ".join(map(str, lines))


# -- messages a person can act on -----------------------------------------------------------------

_LIBRARY_HINTS = (
    (
        r" ?\(an exercise_map or an alias in your routine file can match it\)",
        " (if it is one of your routine's exercises, write the routine's name for it)",
    ),
    (
        r"Write dates as YYYY-MM-DD, or say the order: dayfirst=True \(footstats check "
        r"--dayfirst\) for day/month/year, or date_format='%m/%d/%Y' for month/day/year",
        "Write dates as YYYY-MM-DD (2026-03-04){order}",
    ),
)


def plain_message(message: str, date_order: str = "") -> str:
    """A problem's message without the options of the library and the command line.

    ``date_order`` ends the advice on an ambiguous date (the app offers a choice of date
    order: ", or choose the order of your dates above").

    Examples
    --------
    >>> plain_message("'Heel rises' is not in the routine on line 3: kept, but not counted "
    ...               "as a routine exercise. (an exercise_map or an alias in your routine "
    ...               "file can match it)")  # doctest: +NORMALIZE_WHITESPACE
    "'Heel rises' is not in the routine on line 3: kept, but not counted as a routine
     exercise. (if it is one of your routine's exercises, write the routine's name for it)"
    """
    import re

    for pattern, words in _LIBRARY_HINTS:
        message = re.sub(pattern, words.replace("{order}", date_order), message)
    return message


# -- the batch: every participant's notebooks ----------------------------------------------------

PERSONAL_NOTEBOOKS = (
    "02_frequency",
    "03_sets_per_exercise",
    "04_pain_over_weeks",
    "05_export_progress",
)
COHORT_NOTEBOOKS = ("01_import_your_log", "06_cohort")
# What the batch runs for each participant unless told: their report notebook, which takes
# about as long as ``footstats report --per-participant``; all of PERSONAL_NOTEBOOKS draw
# each chart twice (02-04 show them, 05 writes them) and take about three times as long.
BATCH_NOTEBOOKS = ("05_export_progress",)


def run_batch(
    log_path: str | Path,
    output_dir: str | Path,
    *,
    participants_path: str | Path | None = None,
    routine: str | Path | None = None,
    notebooks_dir: str | Path = "notebooks",
    participants: Sequence[str] | None = None,
    jobs: int = 2,
    html: bool = True,
    formats: Sequence[str] = ("png",),
    personal: Sequence[str] = BATCH_NOTEBOOKS,
) -> list[Path]:
    """Run the notebooks for a cohort with papermill: the cohort's once, each participant's own.

    Notebooks 01 (the log's problems) and 06 (the cohort) run once into ``output_dir``;
    the personal notebooks (``personal``: 05 by default, any of 02-05) run for each
    participant into ``output_dir/<id>/``, where notebook 05 writes that participant's
    tables, charts and ``report.pdf`` (their own charts only: no cohort chart of one person).
    Each notebook gets ``LOG_PATH``, ``ROUTINE``, ``OUTPUT_DIR``, ``PARTICIPANTS_PATH`` and
    ``PARTICIPANT`` as papermill parameters. ``jobs`` kernels run side by side, each
    reused from notebook to notebook (its variables are cleared in between), so the batch
    does not pay for a kernel start and the imports for every notebook.

    Parameters
    ----------
    log_path : str or Path
        The cohort's log (a ``participant`` column).
    output_dir : str or Path
        Where the executed notebooks (``.ipynb`` and, with ``html``, ``.html``) go.
    participants_path : str or Path, optional
        The participants table: every participant in it gets notebooks, those who never
        logged too (as in ``footstats report --per-participant``).
    routine : str or Path, optional
        A routine file; None: the packaged routine.
    notebooks_dir : str or Path, default "notebooks"
        The folder of the notebooks (they run in it).
    participants : sequence of str, optional
        Only these participants (default: everyone of the log and of the table).
    jobs : int, default 2
        Kernels side by side (one per core).
    html : bool, default True
        Also write each executed notebook as HTML.
    formats : sequence of str, default ("png",)
        Notebook 05's chart files, as ``footstats report`` writes them.
    personal : sequence of str, default :data:`BATCH_NOTEBOOKS`
        The personal notebooks run for each participant: ``05_export_progress`` (their
        report, headline figures and dashboard), or :data:`PERSONAL_NOTEBOOKS` for the
        detailed notebooks 02-04 too (about three times as long).

    Returns
    -------
    list of Path
        The executed notebooks written (``.ipynb``).
    """
    from concurrent.futures import ProcessPoolExecutor

    from footstats.metrics.followup import FollowUp, follow_up
    from footstats.reading.log import read_log
    from footstats.routine import load_routine

    folder = Path(notebooks_dir).resolve()
    out = Path(output_dir).resolve()
    log_path = Path(log_path).resolve()
    table = Path(participants_path).resolve() if participants_path else None
    routine_path = str(Path(routine).resolve()) if routine else None
    if participants is None:
        log = read_log(log_path, routine=load_routine(routine_path), on_invalid="drop")
        spans = follow_up(log, FollowUp(participants=str(table) if table else None))
        participants = [str(p) for p in spans[PARTICIPANT]]
    common: dict[str, Any] = {
        "LOG_PATH": str(log_path),
        "ROUTINE": routine_path,
        "PARTICIPANTS_PATH": str(table) if table else None,
    }
    first = {"LOG_PATH": str(log_path), "ROUTINE": routine_path, "OUTPUT_DIR": str(out)}
    tasks = [
        (folder / "01_import_your_log.ipynb", out / "01_import_your_log.ipynb", first),
        (folder / "06_cohort.ipynb", out / "06_cohort.ipynb", {**common, "OUTPUT_DIR": str(out)}),
    ]
    for person in participants:
        parameters = {**common, "PARTICIPANT": person, "OUTPUT_DIR": str(out / person)}
        tasks += [
            (
                folder / f"{name}.ipynb",
                out / person / f"{name}.ipynb",
                {**parameters, "FORMATS": list(formats)} if name.startswith("05") else parameters,
            )
            for name in personal
        ]
    jobs = max(1, min(jobs, len(tasks)))
    chunks = [tasks[k::jobs] for k in range(jobs)]
    if jobs == 1:
        return _run_chunk(chunks[0], str(folder), html)
    written: list[Path] = []
    with ProcessPoolExecutor(max_workers=jobs) as pool:
        for done in pool.map(_run_chunk, chunks, [str(folder)] * jobs, [html] * jobs):
            written += done
    return sorted(written)


_RESET = 'get_ipython().run_line_magic("reset", "-f")  # footstats batch: a clean kernel'


def _run_chunk(tasks: list, cwd: str, html: bool) -> list[Path]:
    """Run notebooks one after the other on one kernel; write each as .ipynb (and .html)."""
    import nbformat
    import papermill
    from jupyter_client.manager import AsyncKernelManager
    from jupyter_core.utils import run_sync

    exporter = None
    if html:
        from nbconvert import HTMLExporter

        exporter = HTMLExporter()
    manager = AsyncKernelManager(kernel_name="python3")
    run_sync(manager.start_kernel)(cwd=cwd)
    written = []
    try:
        for source, target, parameters in tasks:
            notebook = nbformat.read(source, as_version=4)
            notebook.cells.insert(0, nbformat.v4.new_code_cell(_RESET))
            executed = papermill.execute_notebook(
                notebook,
                None,
                parameters=parameters,
                km=manager,
                cwd=cwd,
                progress_bar=False,
            )
            executed.cells.pop(0)
            count = 0  # numbered from 1 in each notebook, as if it had a kernel of its own
            for cell in executed.cells:
                if cell.cell_type == "code" and cell.get("execution_count"):
                    count += 1
                    cell.execution_count = count
                    for output in cell.get("outputs", []):
                        if "execution_count" in output:
                            output["execution_count"] = count
            target.parent.mkdir(parents=True, exist_ok=True)
            nbformat.write(executed, target)
            if exporter is not None:
                body, _ = exporter.from_notebook_node(executed)
                target.with_suffix(".html").write_text(body, "utf-8")
            written.append(target)
    finally:
        run_sync(manager.shutdown_kernel)(now=True)
    return written


def main(argv: Sequence[str] | None = None) -> int:
    """``python -m footstats.notebook LOG -o DIR [--participants TABLE]``: :func:`run_batch`."""
    import argparse
    import time

    parser = argparse.ArgumentParser(
        prog="python -m footstats.notebook",
        description="Run the notebooks for every participant of a cohort log (papermill): "
        "01 and 06 once, 02-05 for each participant, as .ipynb and .html.",
    )
    parser.add_argument("log", help="the cohort's log (CSV with a participant column)")
    parser.add_argument("-o", "--output", required=True, help="the folder to write to")
    parser.add_argument("--participants", help="the participants table (CSV)")
    parser.add_argument("--routine", help="your routine file (.toml)")
    parser.add_argument("--notebooks", default="notebooks", help="the notebooks' folder")
    parser.add_argument("--jobs", type=int, default=2, help="kernels side by side")
    parser.add_argument("--no-html", action="store_true", help="only the .ipynb files")
    parser.add_argument(
        "--personal",
        nargs="+",
        default=list(BATCH_NOTEBOOKS),
        metavar="NOTEBOOK",
        help="the notebooks run for each participant (default: 05_export_progress, their "
        "report; add 02_frequency 03_sets_per_exercise 04_pain_over_weeks for the detailed "
        "notebooks, about three times as long)",
    )
    args = parser.parse_args(argv)
    started = time.monotonic()
    written = run_batch(
        args.log,
        args.output,
        participants_path=args.participants,
        routine=args.routine,
        notebooks_dir=args.notebooks,
        jobs=args.jobs,
        html=not args.no_html,
        personal=[Path(name).stem for name in args.personal],
    )
    seconds = time.monotonic() - started
    print(f"{len(written)} notebooks in {args.output} ({seconds:.0f} s)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
