"""The participants table of a study: who is enrolled, when each one started, for how long.

A CSV with one row per participant::

    participant,start,end,weeks,group
    p01,2026-03-02,,12,home
    p02,2026-03-16,2026-05-31,,clinic

``participant`` and ``start`` are required; ``end`` (the last day counted) or ``weeks`` (a
programme of N weeks from the start's week), and ``group``, are optional. It is read by
the same file layer as a log (encodings, delimiters, physical line numbers) and validated
the same way: every problem names the file, the line and the column as written. The table
sets each participant's follow-up window (:func:`footstats.follow_up`).

One participant's rows of a cohort log, with the window they have in it:
:func:`footstats.select_participant`.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import numpy as np
import pandas as pd

from footstats.columns import (
    END,
    ERROR,
    GROUP,
    LINE,
    PARTICIPANT,
    SEVERITY,
    START,
    WEEKS,
    header_key,
)
from footstats.core import codes as C
from footstats.core.problems import cell_problems, problem, problems_frame
from footstats.core.values import INVISIBLE, parse_dates, parse_whole, strip_cells
from footstats.reading.csvfile import (
    NotALog,
    Unreadable,
    decode,
    parse_table,
    read_source,
    source_label,
)
from footstats.reading.log import LogError

__all__ = [
    "LoadedParticipants",
    "enrolment_problems",
    "read_participants",
    "validate_participants",
]

COLUMNS = (PARTICIPANT, START, END, WEEKS, GROUP)
REQUIRED = (PARTICIPANT, START)


@dataclass(frozen=True)
class LoadedParticipants:
    """What :func:`validate_participants` found: the valid rows and every problem.

    ``table`` has ``line, participant, start, end, weeks, group``; ``problems`` has the
    columns of :func:`footstats.check_log`'s table.
    """

    table: pd.DataFrame
    problems: pd.DataFrame
    file: str
    readable: bool = True

    @property
    def ok(self) -> bool:
        return not (self.problems[SEVERITY] == ERROR).any()


def validate_participants(
    path_or_buffer: Any,
    *,
    dayfirst: bool = False,
    date_format: str | None = None,
    encoding: str | None = None,
) -> LoadedParticipants:
    """Read a participants table and report every problem; never raises for bad data.

    Parameters
    ----------
    path_or_buffer : str, path, bytes or open file
        The participants table (CSV).
    dayfirst : bool, default False
        Its dates are day first (``03/04/2026``).
    date_format : str, optional
        An explicit ``strftime`` format for its dates.
    encoding : str, optional
        Its encoding when not UTF-8.

    Examples
    --------
    >>> from io import StringIO
    >>> loaded = validate_participants(StringIO("participant,start\\np01,2026-03-02\\np02,\\n"))
    >>> first = loaded.problems.iloc[0]
    >>> int(first["line"]), first["column"], first["severity"]
    (3, 'start', 'error')
    """
    label = source_label(path_or_buffer)
    try:
        text, notes = decode(label, read_source(path_or_buffer), encoding)
        raw = parse_table(label, text, notes)
    except Unreadable as exc:
        return LoadedParticipants(_empty(), problems_frame([exc.record]), label, readable=False)
    except NotALog as exc:
        return LoadedParticipants(_empty(), problems_frame(exc.records), label)
    records = list(raw.problems)
    written: dict[str, str] = {}
    cells: dict[str, pd.Series] = {}
    for i, name in enumerate(raw.header):
        key = header_key(name.strip(INVISIBLE))
        if key in COLUMNS and key not in written:
            written[key] = name.strip(INVISIBLE)
            cells[key] = strip_cells(raw.frame[i].astype("str"))[0]
        elif key in COLUMNS:
            records.append(
                problem(label, 1, name, name, C.TABLE_SECOND_COLUMN, f"a second {key!r} column")
            )
        else:
            records.append(
                problem(
                    label,
                    1,
                    name,
                    name,
                    C.TABLE_UNUSED_COLUMN,
                    f"column {name!r} is not used (expected {', '.join(COLUMNS)})",
                )
            )
    missing = [c for c in REQUIRED if c not in cells]
    if missing:
        message = f"no {' or '.join(repr(c) for c in missing)} column; expected a header like "
        message += "participant,start[,end,weeks,group]"
        records.append(problem(label, 1, "-", "", C.TABLE_MISSING_COLUMN, message))
        return LoadedParticipants(_empty(), problems_frame(records), label)
    lines = raw.frame[LINE].to_numpy()
    frames = []

    def flag(column: str, errors: pd.Series, codes) -> np.ndarray:
        """Problems of ``column``'s cells with a message; ``codes``: one Code or one per cell."""
        bad = errors.notna().to_numpy()
        if bad.any():
            per_cell = codes if isinstance(codes, C.Code) else np.asarray(codes)[bad]
            frames.append(
                cell_problems(
                    label,
                    lines[bad],
                    written[column],
                    cells[column][bad].to_numpy(),
                    per_cell,
                    errors[bad].to_numpy(),
                )
            )
        return bad

    # one person however the id's accents were typed (é or e + U+0301), as in the log
    ids = cells[PARTICIPANT] = cells[PARTICIPANT].str.normalize("NFC")
    blank = pd.Series(np.where(ids == "", "the participant is blank", None))  # type: ignore[call-overload]
    bad = flag(PARTICIPANT, blank, C.TABLE_BLANK_PARTICIPANT).copy()
    first_line = pd.Series(lines).groupby(ids.to_numpy()).transform("first").to_numpy()
    twice = ids.duplicated(keep="first").to_numpy() & (ids != "").to_numpy()
    twice_message = np.where(twice, "listed twice: also on line " + first_line.astype(str), None)
    bad |= flag(PARTICIPANT, pd.Series(twice_message), C.TABLE_LISTED_TWICE)
    start, errors, codes = parse_dates(cells[START], dayfirst=dayfirst, date_format=date_format)
    bad |= flag(START, errors, codes)
    table = pd.DataFrame({LINE: lines, PARTICIPANT: ids.to_numpy(), START: start})
    table[END] = pd.Series(index=table.index, dtype="datetime64[us]")
    if END in cells:
        end, errors, codes = parse_dates(cells[END], dayfirst=dayfirst, date_format=date_format)
        errors = errors.where(cells[END] != "")
        before = (end.dt.normalize() < start.dt.normalize()) & errors.isna()
        errors[before] = "the end is before the start (" + cells[START][before] + ")"
        codes = np.where(before.to_numpy(), C.TABLE_BAD_WINDOW.id, codes)
        bad |= flag(END, errors, codes)
        table[END] = end.where(errors.isna())
    table[WEEKS] = pd.array([pd.NA] * len(table), dtype="Int64")
    if WEEKS in cells:
        weeks, errors, codes = parse_whole(cells[WEEKS], what="weeks of the programme", low=1)
        zero = (weeks == 0).fillna(False) & errors.isna()
        errors[zero] = "0 weeks: expected a whole number of weeks >= 1"
        both = (weeks.notna() & table[END].notna()).to_numpy() & errors.isna().to_numpy()
        errors[both] = "both an end and weeks: give one of them"
        window = zero.to_numpy() | both
        codes = np.where(window, C.TABLE_BAD_WINDOW.id, codes)
        bad |= flag(WEEKS, errors, codes)
        table[WEEKS] = weeks.where(errors.isna()).array
    if GROUP in cells:
        table[GROUP] = cells[GROUP].where(cells[GROUP] != "").to_numpy()
    table = table[~bad].reset_index(drop=True)
    return LoadedParticipants(table, problems_frame(records, frames), label)


def read_participants(path_or_buffer: Any, **options: Any) -> pd.DataFrame:
    """Read a participants table (CSV) for the follow-up window.

    Parameters
    ----------
    path_or_buffer : str, path, bytes or open file
        The table: ``participant``, ``start``, optional ``end``, ``weeks``, ``group``.
    dayfirst : bool, default False
        Accept day-first dates (``03/04/2026`` = 3 April); otherwise ISO dates only.
    date_format : str, optional
        An explicit ``strftime`` format for the dates.
    encoding : str, optional
        The file's encoding when it is not UTF-8.

    Returns
    -------
    DataFrame
        ``line, participant, start, end, weeks, [group]``, one row per participant.

    Raises
    ------
    LogError
        When the table has errors (every problem is listed, with file, line and column).

    Examples
    --------
    >>> from io import StringIO
    >>> table = read_participants(StringIO("participant,start,weeks\\np01,2026-03-04,12\\n"))
    >>> table[["participant", "weeks"]].to_dict("records")
    [{'participant': 'p01', 'weeks': 12}]
    """
    loaded = validate_participants(path_or_buffer, **options)
    if not loaded.ok or not loaded.readable:
        raise LogError(loaded.problems, loaded.file)
    return loaded.table


def enrolment_problems(
    log: pd.DataFrame, table: pd.DataFrame, log_file: str = "the log", table_file: str = "the table"
) -> pd.DataFrame:
    """Participants of the log missing from the table (errors, at their first line in the
    log) and enrolled participants without rows in the log (warnings, at their line in the
    table: they count as participants with 0 sessions).

    Examples
    --------
    >>> log = pd.DataFrame({"line": [2], "participant": ["p01"]})
    >>> table = pd.DataFrame({"line": [2, 3], "participant": ["p01", "p02"]})
    >>> enrolment_problems(log, table)["message"].tolist()
    ["'p02' has no rows in the log: enrolled with 0 sessions"]
    """
    records = []
    if PARTICIPANT not in log.columns:
        message = "the log has no participant column, so a participants table does not apply"
        return problems_frame([problem(log_file, None, "-", "", C.TABLE_NOT_APPLICABLE, message)])
    ids = log[PARTICIPANT].astype("str")
    first_lines = log[LINE].groupby(ids.to_numpy()).min()
    enrolled = set(table[PARTICIPANT].astype("str"))
    for participant, line in first_lines.items():
        if participant not in enrolled:
            message = f"{participant!r} is not in the participants table {table_file}"
            records.append(
                problem(log_file, line, PARTICIPANT, participant, C.NOT_ENROLLED, message)
            )
    # strict=True: two columns of one table, never unequal (there for the linter, B905)
    for participant, line in zip(
        table[PARTICIPANT].astype("str"),
        table[LINE],
        strict=True,
    ):
        if participant not in first_lines.index:
            message = f"{participant!r} has no rows in {log_file}: enrolled with 0 sessions"
            records.append(
                problem(
                    table_file, line, PARTICIPANT, participant, C.ENROLLED_WITHOUT_ROWS, message
                )
            )
    return problems_frame(records)


def _empty() -> pd.DataFrame:
    return pd.DataFrame(
        {
            LINE: pd.Series(dtype="int64"),
            PARTICIPANT: pd.Series(),
            START: pd.Series(dtype="datetime64[us]"),
            END: pd.Series(dtype="datetime64[us]"),
            WEEKS: pd.Series(dtype="Int64"),
        }
    )
