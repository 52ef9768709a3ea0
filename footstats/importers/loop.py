"""Loop Habit Tracker exports: days a habit was done.

Loop's CSV export (Settings > Export as CSV) is a zip of ``Habits.csv``, ``Checkmarks.csv``
and ``Scores.csv`` (every habit, one column each), and a folder per habit
(``001 Foot routine/``) with that habit's own ``Checkmarks.csv`` and ``Scores.csv``.
Three checkmark files are read:

- the multi-habit ``Checkmarks.csv``: ``Date,<habit>,<habit>,`` (a trailing comma), the
  newest day first; the user names the habit that is the routine (``habit=``, not needed
  when the file has one habit);
- a habit's own ``Checkmarks.csv``: ``Date,Value,Notes`` (the habit is the file);
- the same file from older versions, without a header: ``2023-04-04,2``.

Each value is one of Loop's checkmarks, as a number (older versions, the multi-habit
file) or a word (current versions):

==================  =========================================================  ===========
value               meaning in Loop                                            footstats
==================  =========================================================  ===========
2, YES_MANUAL       done: the user ticked the habit that day                   a session
1, YES_AUTO         not ticked; Loop's fill-in when the week's target is met   not done
0, NO               not done                                                   not done
3, -3, SKIP         skipped (the user marked the day as not applicable)        not done
-1, UNKNOWN         no entry                                                   not done
==================  =========================================================  ===========

Only a manual check is a session: an automatic one is Loop's "done enough this week"
fill-in, not a day the routine was done. A *measurable* habit stores its amount x 1000
(``2000`` = 2 km): a day at or above the habit's target is a session (the target is read
from ``Habits.csv`` when it is beside the file, or above the habit's folder; without
it any amount above 0 is a session). A habit's weeks start at its first entry: the days
before it (a multi-habit file starts at the oldest habit's first day) are left out, with
a notice. The result has one row per day with ``date`` and ``session_done``: it supports
frequency and streaks, but has no exercises, sets or pain.

``Habits.csv`` and ``Scores.csv`` are not logs: given one, the error says which file to use.
"""

from __future__ import annotations

import csv
import re
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

import pandas as pd

from footstats.columns import (
    CODE,
    DATE,
    EXERCISE,
    LINE,
    PAIN_PREFIX,
    SESSION_DONE,
    SETS,
    header_key,
)
from footstats.core.codes import (
    LOOP_BAD_AMOUNT,
    LOOP_BAD_CHECKMARK,
    LOOP_BEFORE_HABIT,
    LOOP_ENTRY_VALUES,
    LOOP_EXPORT_BUG,
    LOOP_HABIT,
    LOOP_HABIT_FILE,
    LOOP_NOT_A_LOG,
    LOOP_WHICH_HABIT,
    TOO_FEW_VALUES,
    TOO_MANY_VALUES,
    TRAILING_DELIMITER,
)
from footstats.core.docstrings import fill_docs
from footstats.core.options import ReadOptions
from footstats.core.problems import problem
from footstats.importers import common as C
from footstats.importers.base import AppImporter, Export, Imported

__all__ = ["IMPORTER", "NAME", "checkmarks_file", "export_file", "matches", "to_log"]

NAME = "loop"

# Loop's checkmarks, as numbers and as words -> what they mean (data, not branches)
DONE, AUTO, NO, SKIP, UNKNOWN = "done", "auto", "no", "skip", "unknown"
CHECKMARKS = {
    "2": DONE,
    "yesmanual": DONE,
    "1": AUTO,
    "yesauto": AUTO,
    "0": NO,
    "no": NO,
    "3": SKIP,
    "-3": SKIP,
    "skip": SKIP,
    "-1": UNKNOWN,
    "unknown": UNKNOWN,
}
_ENTRY = re.compile(r"Entry\(timestamp=[^,]*,\s*value=(-?\d+)\)")  # Loop 2.0.3's cells
_SPLIT_ENTRY = re.compile(r"(?:^|,)Entry\(timestamp=", re.MULTILINE)  # unquoted: split in two
_WIDTHS = (TOO_MANY_VALUES.id, TOO_FEW_VALUES.id, TRAILING_DELIMITER.id)
# A measurable habit's words, as the values Loop stores (2.3.1+ writes them as words)
_MEASURABLE_WORDS = {"yesmanual": 2, "yesauto": 1, "no": 0, "skip": 3, "unknown": -1}
_NUMBER = re.compile(r"-?\d+")
_ISO_DAY = re.compile(r"\d{4}-\d{2}-\d{2}")
# A footstats log whose rows end in a delimiter also has a blank last header name: a
# header with one of these is a footstats log, not a Loop export.
_LOG_KEYS = C.LOG_KEYS - {"date"}
_EXERCISE, _SETS, _PAIN = header_key(EXERCISE), header_key(SETS), header_key(PAIN_PREFIX)
_ONE_HABIT = (["date", "value", "notes"], ["date", "value"])
_HABITS = "Habits.csv"
_CHECKMARKS = "Checkmarks.csv"


def matches(header: Sequence[str], sample: pd.DataFrame | None = None) -> bool:
    """True when ``header`` is one of Loop's CSV files.

    That is a multi-habit ``Checkmarks.csv`` (``Date``, at least one habit, and the blank
    name the trailing comma leaves, with no footstats log column among the habits), a
    habit's own ``Date,Value,Notes``, an old header-less checkmark file, or the
    ``Habits.csv`` / ``Scores.csv`` of an export (recognised to be refused clearly).

    Examples
    --------
    >>> matches(["Date", "Foot routine", "Meditate", ""])
    True
    >>> matches(["Date", "Value", "Notes"]), matches(["2023-04-04", "2"])
    (True, True)
    >>> matches(["date", "exercise", "sets", ""])
    False
    """
    return _shape(header, sample) is not None


def _shape(header: Sequence[str], sample: pd.DataFrame | None = None) -> str | None:
    names = [str(name).strip() for name in header]
    keys = [header_key(name) for name in names]
    if keys in _ONE_HABIT:
        return "one"
    if not keys:
        return None
    if keys[:2] == ["date", "score"] and len([k for k in keys if k]) == 2:
        return "scores"
    if keys[:2] == ["position", "name"]:
        return "habits"
    if 2 <= len(names) <= 3 and _ISO_DAY.fullmatch(names[0]) and _checkmark_like(names[1]):
        return "headerless"
    if len(names) < 2 or keys[0] != "date":
        return None
    trailing = names[-1] == ""
    habits = keys[1:-1] if trailing else keys[1:]
    if not habits or not all(habits):
        return None
    if _log_header(habits, sample):
        return None
    # Loop writes a trailing comma; a copy re-saved by a spreadsheet loses it, and is then
    # recognised by its values: every cell a checkmark
    if trailing or (sample is not None and _all_checkmarks(sample, len(habits))):
        return "many"
    return None


def _log_header(habits: list[str], sample: pd.DataFrame | None) -> bool:
    """True when a header with a blank last name is a footstats log's, not Loop's.

    A habit may be named like a log column (a habit called "Exercise"): the header is a
    log's when it has a log's columns (exercise and sets, or pain), or when it names a log
    column and its first rows hold values that are not checkmarks.
    """
    keys = set(habits)
    if {_EXERCISE, _SETS} <= keys or any(k.startswith(_PAIN) for k in keys):
        return True
    rows = sample is not None and not sample.empty
    return bool(keys & _LOG_KEYS) and rows and not _all_checkmarks(sample, len(habits))


def _all_checkmarks(sample: pd.DataFrame, habits: int) -> bool:
    cells = sample.iloc[:, 1 : habits + 1].astype("str").to_numpy().ravel()
    return len(cells) > 0 and all(_checkmark_like(str(c).strip()) for c in cells)


def _checkmark_key(value: str) -> str:
    """The :data:`CHECKMARKS` key of a value: a number as written (-1 is not 1), a word
    by its header key (``YES_MANUAL`` -> ``yesmanual``)."""
    return value if _NUMBER.fullmatch(value) else header_key(value)


def _checkmark_like(value: str) -> bool:
    return _checkmark_key(value) in CHECKMARKS or bool(_NUMBER.fullmatch(value))


def checkmarks_file(folder: str | Path) -> Path | None:
    """The multi-habit ``Checkmarks.csv`` of an unzipped Loop export folder, else None.

    >>> checkmarks_file(".") is None
    True
    """
    folder = Path(folder)
    checks = folder / _CHECKMARKS
    return checks if (folder / _HABITS).is_file() and checks.is_file() else None


def export_file(folder: Path, options: ReadOptions) -> Path | None:
    """The file to read in an unzipped Loop export folder, else None.

    That is its multi-habit ``Checkmarks.csv``; or, when ``habit=`` names a habit that
    file cannot serve (a habit name with a comma splits its header, or the habit is not
    among its columns), the habit's own ``NNN Name/Checkmarks.csv``, found by the habit's
    position in ``Habits.csv``. Lets every reader (:func:`footstats.read_log`,
    :func:`footstats.read_logs`, the CLI) take the export folder as it comes out of
    Loop's zip.

    >>> export_file(Path("."), ReadOptions()) is None
    True
    """
    checks = checkmarks_file(folder)
    if checks is None or options.habit is None or _summary_problem(checks, options.habit) is None:
        return checks
    return _habit_file(folder, options.habit) or checks


def _summary_problem(checks: Path, habit: str) -> str | None:
    """Why an export's ``Checkmarks.csv`` cannot serve ``habit``, or None when it can."""
    try:
        # no mutant differs: Python reads UTF-8 wherever the tests run, a byte-order mark
        # left on the first name (Date) changes nothing, and the line end is stripped
        with checks.open(encoding="utf-8-sig", newline="") as file:  # pragma: no mutate
            header, first = file.readline(), file.readline()
    except (OSError, UnicodeDecodeError):
        return None  # the reader will say what is wrong with it
    names = next(csv.reader([header.rstrip("\r\n")]))  # one line: always one row
    # only the number of values is used: csv ends a row at its line break, and no
    # replacement of an Entry cell without a comma changes the count
    values = next(csv.reader([_ENTRY.sub(r"\1", first)]))  # pragma: no mutate
    if first and len(values) != len(names):
        return "a habit name with a comma splits its header, a known Loop bug"
    if _find_habit([name for name in names[1:] if name.strip()], habit) is None:
        return f"it has no column {habit!r}"
    return None


def _habit_file(folder: Path, habit: str) -> Path | None:
    """A habit's own ``Checkmarks.csv`` in an export folder, by its position in
    ``Habits.csv`` (Loop names the folder ``001 Name``, the name without its commas)."""
    table = _habits_table(folder / _HABITS)
    if table is None or not {"position", "name"} <= set(table.columns):
        return None
    name = _find_habit(table["name"].tolist(), habit)
    position = table.loc[table["name"] == name, "position"].head(1).str.strip()
    if name is None or not position.str.fullmatch(r"\d+").all():
        return None
    found = sorted(folder.glob(f"{int(position.iloc[0]):03d} */{_CHECKMARKS}"))
    return found[0] if len(found) == 1 else None


def _habits_table(path: Path) -> pd.DataFrame | None:
    """An export's ``Habits.csv``, its columns by header key; None when it cannot be read."""
    try:
        table = pd.read_csv(path, dtype="str", keep_default_na=False)
    except (OSError, ValueError):
        return None
    table.columns = [header_key(c) for c in table.columns]
    return table


def _own_file_notice(file: str, folder: Path | None, habit: str | None) -> list[dict]:
    """A notice when a habit's own file was read for ``habit=`` because the export's
    ``Checkmarks.csv`` cannot serve it."""
    if folder is None or not habit:
        return []
    checks = checkmarks_file(folder.parent)
    why = _summary_problem(checks, habit) if checks is not None else None
    if why is None:
        return []
    message = (
        f"read the habit's own file {folder.name}/{_CHECKMARKS} for habit {habit!r}: the "
        f"export's {_CHECKMARKS} cannot serve it: {why}"
    )
    return [problem(file, None, "-", habit, LOOP_HABIT_FILE, message)]


def to_log(export: Export, options: ReadOptions = C.READ_AS_WRITTEN) -> Imported:
    """Convert a Loop checkmark file into days done / not done.

    Parameters
    ----------
    {export}
    options : ReadOptions
        ``habit``: for a multi-habit ``Checkmarks.csv``, the habit (column) that is the
        routine, as named in Loop; case and surrounding spaces are ignored. Without it
        (and more than one habit), or when no habit has that name, the log is empty and an
        error lists the habits found. A habit's own file needs none. The date options
        read dates a spreadsheet re-saved.

    Returns
    -------
    Imported
        ``log``: one row per day from the habit's first entry: ``date`` (datetime64, the
        day), ``session_done`` (boolean) and the int64 ``line``; ``problems``: the file
        layer's (Loop's known export bugs named once) and the importer's.

    Examples
    --------
    >>> raw = pd.DataFrame({"Date": ["2025-01-31", "2025-01-30"], "Feet": ["0", "2"],
    ...                     "": ["", ""], "line": [2, 3]})
    >>> log, problems = to_log(Export(raw, "Checkmarks.csv"), ReadOptions(habit="feet"))
    >>> log.values.tolist()
    [[Timestamp('2025-01-31 00:00:00'), False, 2], [Timestamp('2025-01-30 00:00:00'), True, 3]]
    """
    names = [c for c in export.raw.columns if c != LINE]
    raw, file_problems, refused = _repaired(export, names)
    if refused:
        return Imported(empty_log(), file_problems)
    log, problems = _checkmarks(raw, names, export.file, options, export.folder)
    return Imported(log, [*file_problems, *problems])


def _checkmarks(
    raw: pd.DataFrame,
    names: list[str],
    file: str,
    options: ReadOptions,
    folder: Path | None,
) -> tuple[pd.DataFrame, list[dict]]:
    """The days of the habit of a checkmark file, and the problems found in it."""
    shape = _shape(names) or "many"  # format="loop" forces a file without its trailing comma
    if shape in ("habits", "scores") or (shape == "many" and _is_scores(raw, names, file)):
        return empty_log(), [_not_checkmarks(file, habits=shape == "habits")]
    if shape == "headerless":
        raw = _with_header_row(raw, names)
    dates = C.find_columns(raw, {"date"})
    if not dates:
        return empty_log(), [C.missing_columns_problem(file, ["Date"], "Loop")]
    if shape == "many":
        habits = [c for c in names if c != dates["date"] and str(c).strip()]
        habit = options.habit
        column = habits[0] if habit is None and len(habits) == 1 else _find_habit(habits, habit)
        if column is None:
            return empty_log(), [_habit_problem(file, habits, habit)]
        label, own = column, []
    else:
        habits, column = [], C.find_columns(raw, {"value"})["value"]
        label = _folder_habit(folder) or column
        own = _own_file_notice(file, folder, options.habit)
    twice = C.duplicate_columns_problem(raw, {"date", header_key(column)}, file)
    if twice:
        return empty_log(), twice
    key = header_key(column)
    cols = C.Columns(
        raw[[dates["date"], column, LINE]], file=file, keys={"date", key}, options=options
    )
    # Loop writes ISO dates, which every reading reads: no format of its own
    when = cols.datetimes("date", (), "an ISO date like 2025-01-30").dt.normalize()
    days = _days(cols, key, _target(folder, label, shape))
    keep = ~cols.bad
    started = _first_entry(when, days.unknown, keep)
    before = keep & when.lt(started) if started is not None else keep
    log = pd.DataFrame(
        {
            DATE: when.astype("datetime64[us]"),
            SESSION_DONE: days.done.astype("boolean"),
            LINE: raw[LINE].astype("int64"),
        }
    )[keep & ~before].reset_index(drop=True)
    log.attrs[C.WRITTEN] = {DATE: dates["date"], SESSION_DONE: column}
    problems = own + _before_notice(file, column, raw[LINE][before].tolist(), started)
    if days.entries:
        problems.append(_entry_notice(file, column))
    if when.notna().any():  # a file none of whose dates could be read has errors enough
        others = [h for h in habits if h != column]
        skipped = int((days.skipped & keep & ~before).sum())
        problems.append(_habit_notice(file, column, label, log, started, days, skipped, others))
    return log, [*cols.problems, *problems]


@dataclass(frozen=True)
class _Days:
    """What a habit's checkmarks say of each day (boolean Series, one per row)."""

    done: pd.Series
    unknown: pd.Series  # no entry (UNKNOWN, -1)
    skipped: pd.Series  # SKIP, 3: a day the habit did not apply; not done
    rule: str  # which days are sessions, for the notice
    entries: bool  # values were written as Entry(timestamp=..., value=...)


def _days(cols: C.Columns, key: str, target: float | None) -> _Days:
    """Each day of a habit's column: done, no entry, skipped (yes/no or measurable)."""
    text = cols.text(key)
    entry = text.str.extract(_ENTRY, expand=False)
    text = entry.where(entry.notna(), text)
    kind = text.map(_checkmark_key).map(CHECKMARKS)
    number = pd.to_numeric(text.where(text.str.fullmatch(_NUMBER)))  # digits only: no error
    entries = bool(entry.notna().any())
    if target is not None or bool((number.notna() & kind.isna()).any()):
        done, unknown, skipped = _measurable(cols, key, text, number, target)
        rule = (
            f"an amount at or above the target ({target:g}) is a session"
            if target
            else "an amount above 0 is a session"
        )
        return _Days(done, unknown, skipped, rule, entries)
    cols.flag(
        kind.isna(),
        key,
        LOOP_BAD_CHECKMARK,
        "{value!r} is not a Loop checkmark: expected YES_MANUAL or 2 (done); YES_AUTO or "
        "1, NO or 0, SKIP or 3, UNKNOWN or -1 (not done)",
    )
    rule = (
        "only a manual check (YES_MANUAL, 2) is a session; YES_AUTO (1) is Loop's "
        "fill-in when the week's target is met, not a day done"
    )
    return _Days(kind.eq(DONE), kind.eq(UNKNOWN), kind.eq(SKIP), rule, entries)


def _measurable(cols: C.Columns, key: str, text, number, target):
    """Days done of a measurable habit (amount x 1000), the days with no entry, and the
    days skipped (Loop stores a skip as 3, written SKIP since 2.3.1; NO is an amount of
    0, YES_MANUAL and YES_AUTO the values 2 and 1 as Loop stores them)."""
    value = number.fillna(text.map(header_key).map(_MEASURABLE_WORDS))
    unknown, skipped = value.eq(-1), value.eq(3)
    amount = value.where(value.ge(0) & ~skipped) / 1000
    cols.flag(
        amount.isna() & ~unknown & ~skipped & text.ne(""),
        key,
        LOOP_BAD_AMOUNT,
        "{value!r} is not an amount of a measurable Loop habit (the amount x 1000, e.g. 2000 "
        "for 2), NO, SKIP or UNKNOWN",
    )
    done = amount.ge(target) if target else amount.gt(0)
    return done, unknown, skipped  # comparisons of float64 values: plain bools


def _habit_notice(
    file: str,
    column: str,
    label: str,
    log: pd.DataFrame,
    started,
    days: _Days,
    skipped: int,
    others: list[str],
) -> dict:
    """How the habit was read: which habit, how many days done, by which rule."""
    summary = (
        f"{int(log[SESSION_DONE].sum())} of {len(log)} days done ({days.rule})"
        if started is not None
        else "no entry in this file (every day is UNKNOWN, -1), nothing to count"
    )
    if skipped:
        summary += f"; {skipped} day(s) skipped (SKIP, 3): not sessions"
    unused = f"; the other habits are not read: {', '.join(others)}" if others else ""
    return problem(
        file,
        None,
        column,
        "",
        LOOP_HABIT,
        f"Loop habit {label!r}: {summary}; a habit log has sessions only, no exercises, "
        "sets or pain" + unused,
    )


def _first_entry(when: pd.Series, unknown: pd.Series, keep: pd.Series):
    entries = when[keep & ~unknown]
    return entries.min() if len(entries) else None


def _before_notice(file: str, column: str, lines: list[int], started) -> list[dict]:
    if not lines:
        return []
    since = f"its first entry, {started:%Y-%m-%d}" if started is not None else "an entry"
    return C.summary_notice(
        file,
        lines,
        column,
        "",
        LOOP_BEFORE_HABIT,
        f"left out {{n}} day(s) before the habit's first entry (lines {{lines}}): the habit's "
        f"weeks start at {since}, not at the first day of the file",
    )


def _entry_notice(file: str, column: str) -> dict:
    return problem(
        file,
        None,
        column,
        "",
        LOOP_ENTRY_VALUES,
        "read values written as Entry(timestamp=..., value=...) (Loop 2.0.3's export bug)",
    )


def _is_scores(raw: pd.DataFrame, names: list[str], file: str) -> bool:
    if Path(file).name.casefold() == "scores.csv":
        return True
    values = raw[[c for c in names[1:] if str(c).strip()]].head(50)
    cells = pd.Series(values.to_numpy().ravel(), dtype="str").str.strip()
    return bool(len(cells)) and bool(cells.str.fullmatch(r"[01]\.\d{4}").all())


def _not_checkmarks(file: str, *, habits: bool) -> dict:
    """The error for Loop's list of habits (``habits``) or its scores given as a log."""
    what = (
        "Loop's Habits.csv (the list of habits)"
        if habits
        else "Loop's Scores.csv (each habit's strength, 0-1, not the days done)"
    )
    return problem(
        file,
        1,
        "-",
        "",
        LOOP_NOT_A_LOG,
        f"this is {what}, not a log: give Checkmarks.csv from the same export (with "
        "--habit NAME), a habit's own Checkmarks.csv, or the unzipped export folder",
    )


def _with_header_row(raw: pd.DataFrame, names: list[str]) -> pd.DataFrame:
    """An old header-less checkmark file: its first line is a day, not a header."""
    first = pd.DataFrame([[*names, 1]], columns=[*names, LINE])
    table = pd.concat([first, raw], ignore_index=True).astype({LINE: "int64"})
    table = table[[*names[:2], LINE]]
    return table.set_axis(["Date", "Value", LINE], axis=1)


def _folder_habit(folder: Path | None) -> str | None:
    """The habit a per-habit file belongs to: its name in the export's ``Habits.csv`` (by
    the folder's position), else the folder's name (``001 Foot routine``)."""
    match = re.fullmatch(r"(\d{3}) (.+)", folder.name) if folder is not None else None
    if match is None or folder is None:
        return None
    table = _habits_table(folder.parent / _HABITS)
    if table is not None and {"position", "name"} <= set(table.columns):
        named = table.loc[table["position"].str.strip() == match.group(1), "name"]
        if len(named) == 1:
            return named.iloc[0]
    return match.group(2)


def _target(folder: Path | None, habit: str, shape: str) -> float | None:
    """A measurable habit's target from the export's ``Habits.csv``; None when unknown."""
    if folder is None:
        return None
    table = _habits_table(folder / _HABITS if shape == "many" else folder.parent / _HABITS)
    if table is None or not {"name", "type", "targetvalue"} <= set(table.columns):
        return None
    rows = table[table["name"].str.strip().str.casefold() == habit.strip().casefold()]
    if len(rows) != 1 or rows["type"].iloc[0].strip().upper() != "NUMERICAL":
        return None
    try:
        return float(rows["targetvalue"].iloc[0])
    except ValueError:
        return None


def _find_habit(habits: list[str], habit: str | None) -> str | None:
    if habit is None:
        return None
    if habit in habits:
        return habit
    folded = [h for h in habits if h.strip().casefold() == habit.strip().casefold()]
    return folded[0] if len(folded) == 1 else None


def _habit_problem(file: str, habits: list[str], habit: str | None) -> dict:
    found = ", ".join(repr(h) for h in habits) or "none"
    if habit is None:
        message = (
            "a Loop export: name the habit that is your routine with habit= "
            f"(footstats check --habit NAME); habits found: {found}"
        )
    else:
        message = f"no habit named {habit!r} in this Loop export; habits found: {found}"
    return problem(file, 1, "-", habit or "", LOOP_WHICH_HABIT, message)


def _repaired(export: Export, names: list[str]) -> tuple[pd.DataFrame, list[dict], bool]:
    """The raw table with Loop's known export bugs repaired, or refused with one error.

    Loop 2.0.3 wrote ``Entry(timestamp=..., value=...)`` into every cell of the
    multi-habit ``Checkmarks.csv``, unquoted, so the file layer split each cell at its
    comma: those lines are read again from the file's text, each cell as its value, with a
    notice. A habit name with a comma splits the header instead: no line has as many
    values as the header, and the file is refused with one error saying what to give
    instead (the export folder with ``habit=``, or the habit's own file). Returns the raw
    table, the file layer's problems (width errors replaced) and whether it is refused.
    """
    raw, problems, file = export.raw, export.problems, export.file
    widths = [p for p in problems if p[CODE] in _WIDTHS]
    if not widths or _shape(names) != "many":
        return raw, problems, False
    rest = [p for p in problems if p not in widths]
    split = bool(_SPLIT_ENTRY.search(export.text))
    if split:
        table = _entry_rows(export.text, names)
        if table is not None:
            return table, [*rest, _entry_notice(file, "-")], False
    elif len(raw) or not any(p[CODE] != TRAILING_DELIMITER.id for p in widths):
        return raw, problems, False
    body = [line for line in export.text.split("\n")[1:] if line.strip()]
    lines = len(body) or sum(p[CODE] != TRAILING_DELIMITER.id for p in widths)
    message = (
        f"no line has as many values as the header has habits ({lines} lines): a habit name "
        "with a comma was split in two by Loop's export (a known Loop bug"
        + ("; its cells are also Loop 2.0.3's Entry(timestamp=..., value=...)" if split else "")
        + "). Give the unzipped export folder with --habit NAME (the habit's own file is "
        "read), or the habit's own Checkmarks.csv from its folder in the export; or remove "
        "the comma from the habit's name in Loop and export again"
    )
    return raw, [*rest, problem(file, 1, "-", "", LOOP_EXPORT_BUG, message)], True


def _entry_rows(text: str, names: list[str]) -> pd.DataFrame | None:
    """The rows of a Loop 2.0.3 ``Checkmarks.csv`` read again from its text, each
    ``Entry(timestamp=..., value=N)`` cell as ``N``; None when a line still does not have
    as many values as the header (a habit name with a comma split it too)."""
    records = []
    for number, line in enumerate(text.split("\n")[1:], start=2):
        if not line.strip():
            continue  # a blank line (the file's end): the file layer reports any other
        # csv ends a row at its "\r": a value it leaves there is the trailing comma's
        values = next(csv.reader([_ENTRY.sub(r"\1", line)]))
        if len(values) != len(names):
            return None
        records.append([*values, number])
    # csv's values are text (str columns) and the line numbers int (an int64 column)
    return pd.DataFrame(records, columns=[*names, LINE])


def empty_log() -> pd.DataFrame:
    """The (empty) typed log of a file no day could be read from."""
    return pd.DataFrame(
        {
            DATE: pd.Series([], dtype="datetime64[us]"),
            SESSION_DONE: pd.Series([], dtype="boolean"),
            LINE: pd.Series([], dtype="int64"),
        }
    )


IMPORTER = AppImporter(
    NAME,
    "Loop Habit Tracker",
    matches=matches,
    to_log=to_log,
    export_file=export_file,
    habits=True,
)


fill_docs(globals())  # after the definitions, not a decorator: see footstats.core.docstrings
