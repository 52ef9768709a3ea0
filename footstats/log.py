"""Read and validate exercise-session logs.

:func:`read_log` returns the tidy log (schema in ``footstats._columns``) or raises
:class:`LogError` listing every problem; :func:`check_log` returns the problems without
raising; :func:`validate_log` returns both, which is the way to load the valid rows of a
file while still seeing every rejected line.

Every input row is either loaded or reported with its file, physical line and column.
Nothing is dropped or guessed silently, and the input file is only ever read.
"""

from __future__ import annotations

import re
import warnings
from dataclasses import dataclass, field
from datetime import date
from importlib import resources
from io import BytesIO
from os import PathLike
from pathlib import Path

import numpy as np
import pandas as pd

from ._columns import (
    DATE,
    ERROR,
    EXERCISE,
    EXERCISE_NAME,
    IN_PROGRAM,
    LINE,
    MINUTES,
    NOTES,
    NOTICE,
    PAIN_PREFIX,
    PARTICIPANT,
    REPS,
    SECONDS,
    SESSION_DONE,
    SETS,
    SEVERITY,
    SIDE,
    SIDES,
    WARMUP_SETS,
    WARNING,
    header_key,
    pain_column,
    pain_columns,
)
from ._csvfile import NotALog, RawTable, Unreadable, decode, parse_table, read_source, source_label
from ._problems import cell_problems, count_by_severity, format_problems, problem, problems_frame
from ._values import (
    INVISIBLE,
    future_mask,
    isolated_dates,
    parse_dates,
    parse_decimal,
    parse_side,
    parse_whole,
    strip_cells,
)
from .importers import FOOTSTATS, Reading, closest_format, convert, detect_format, importer
from .program import Program, name_key, resolve_program

__all__ = ["LoadedLog", "LogError", "LogWarning", "check_log", "load_sample", "read_log"]
__all__ += ["validate_log"]

SAMPLE = "foot_log.csv"

# header key (lower case, no spaces/hyphens/underscores) -> tidy column
_KNOWN_COLUMNS = {
    "date": DATE,
    "exercise": EXERCISE,
    "sets": SETS,
    "reps": REPS,
    "seconds": SECONDS,
    "side": SIDE,
    "minutes": MINUTES,
    "participant": PARTICIPANT,
    "notes": NOTES,
    "sessiondone": SESSION_DONE,
    "warmupsets": WARMUP_SETS,
}
_TIDY_NAMES = {LINE, EXERCISE_NAME, IN_PROGRAM, *_KNOWN_COLUMNS.values()}
_TRUE_WORDS = {"true": True, "yes": True, "1": True, "false": False, "no": False, "0": False}


class LogError(ValueError):
    """A log that did not load; ``.problems`` lists every problem, not just the first.

    ``.problems`` is a DataFrame with the columns file, line, column, value, severity and
    message (``line`` is the physical line in the file; <NA> for a whole-file problem).
    """

    def __init__(self, problems: pd.DataFrame, file: str = "the log"):
        self.problems = problems
        self.file = file
        super().__init__(self._describe())

    def _describe(self, limit: int = 20) -> str:
        counts = count_by_severity(self.problems)
        errors = self.problems[self.problems[SEVERITY] == ERROR]
        head = (
            f"{self.file}: {counts[ERROR]} error(s), {counts[WARNING]} warning(s); "
            "the log was not loaded:"
        )
        lines = format_problems(errors, limit)
        if len(errors) > limit:
            lines.append(f"... and {len(errors) - limit} more errors (see .problems)")
        hint = (
            "Fix the lines above, or load the valid rows and see every problem with "
            "footstats.validate_log(...) or read_log(..., on_invalid='drop')."
        )
        return "\n".join([head, *("  " + line for line in lines), hint])


class LogWarning(UserWarning):
    """Rows were left out of a log read with ``on_invalid="drop"``."""


@dataclass(frozen=True)
class LoadedLog:
    """What :func:`validate_log` found: the valid rows and every problem.

    Attributes
    ----------
    log : DataFrame
        The tidy log of the rows that loaded (all rows when there are no errors).
    problems : DataFrame
        file, line, column, value, severity (error / warning / notice), message.
    file : str
        The input's name as given.
    format : str
        The format read (``"footstats"``, or an app such as ``"strong"``).
    dialect : str
        What the file layer noticed (encoding, delimiter, line endings), "" when plain.
    readable : bool
        False when the input could not be opened at all (missing, a folder, no permission).
    """

    log: pd.DataFrame
    problems: pd.DataFrame
    file: str
    format: str = FOOTSTATS
    dialect: str = ""
    readable: bool = True
    extents: dict = field(default_factory=dict, repr=False)  # file -> (lines, multi-line spans)

    @property
    def errors(self) -> pd.DataFrame:
        return self.problems[self.problems[SEVERITY] == ERROR]

    @property
    def ok(self) -> bool:
        return self.errors.empty

    def left_out_lines(self) -> int:
        """Physical lines of the records left out for errors.

        A record whose quoted value spans four lines counts four; a whole-file error (an
        unusable header, a file that is not text) counts every line of the file.
        """
        total = 0
        for file, lines in self.errors.groupby("file", sort=False)["line"]:
            count, spans = self.extents.get(file, (0, {}))
            if lines.isna().any() or (lines == 1).any():
                total += max(count, 1)
                continue
            total += sum(spans.get(line, line) - line + 1 for line in set(lines.astype(int)))
        return total

    def valid_log(self, on_invalid: str = "raise", *, stacklevel: int = 2) -> pd.DataFrame:
        """The log; with errors, raise :class:`LogError` or (``"drop"``) warn and return it."""
        if self.ok:
            return self.log
        if on_invalid == "raise" or not self.readable:
            raise LogError(self.problems, self.file)
        errors = self.errors
        files = ", ".join(dict.fromkeys(errors["file"]))
        lines = self.left_out_lines()
        warnings.warn(
            f"{self.file}: {lines} line(s) with errors were left out ({len(errors)} error(s) "
            f"in {files}); footstats.check_log() or check_logs() lists them",
            LogWarning,
            stacklevel=stacklevel,
        )
        return self.log


def _check_on_invalid(on_invalid: str) -> None:
    if on_invalid not in ("raise", "drop"):
        raise ValueError(f"on_invalid must be 'raise' or 'drop', got {on_invalid!r}")


def validate_log(
    path_or_buffer,
    *,
    program: Program | str | PathLike | None = None,
    dayfirst: bool = False,
    date_format: str | None = None,
    encoding: str | None = None,
    format: str | None = None,
    exercise_map: dict[str, str] | None = None,
    habit: str | None = None,
    excel_dates: bool = False,
    today: date | None = None,
) -> LoadedLog:
    """Read a log, keep its valid rows and report every problem; never raises for bad data.

    Parameters are those of :func:`read_log`.

    Returns
    -------
    LoadedLog
        ``.log`` holds the rows that loaded; ``.problems`` every error, warning and notice.

    Examples
    --------
    >>> from io import StringIO
    >>> text = "date,exercise,sets\\n2026-03-02,Heel raises,2\\n2026-03-04,Heel raises,two\\n"
    >>> loaded = validate_log(StringIO(text))
    >>> first = loaded.problems.iloc[0]
    >>> len(loaded.log), int(first["line"]), first["column"], first["severity"]
    (1, 3, 'sets', 'error')
    """
    program = resolve_program(program)
    label = source_label(path_or_buffer)
    data = b""
    try:
        data = read_source(path_or_buffer)
        text, notes = decode(label, data, encoding)
        raw = parse_table(label, text, notes)
    except Unreadable as exc:
        return LoadedLog(_empty_log(), problems_frame([exc.record]), label, readable=False)
    except NotALog as exc:
        lines = data.count(b"\n" if isinstance(data, bytes) else "\n") + 1
        extents = {label: (lines, {})}
        return LoadedLog(_empty_log(), problems_frame(exc.records), label, extents=extents)
    if format is None:
        chosen = detect_format([name.strip(INVISIBLE) for name in raw.header], raw.frame.head(20))
    else:
        chosen = getattr(importer(format), "NAME", FOOTSTATS)  # None is footstats' own
    folder = Path(path_or_buffer).parent if isinstance(path_or_buffer, str | PathLike) else None
    reading = Reading(dayfirst, date_format, excel_dates, folder)
    header, columns, lines, written, problems = _as_footstats(raw, chosen, habit, reading, text)
    options = _Options(program, dayfirst, date_format, excel_dates, today, raw.delimiter == ";")
    validation = _Validation(label, header, columns, lines, options, exercise_map, written)
    # "only a header" is said of a file with no rows at all, not of rows that did not load
    validation.header_only = raw.frame.empty and not any(p[SEVERITY] == ERROR for p in raw.problems)
    log, more = validation.run()
    log.attrs.update(source=label, format=chosen, dialect=raw.dialect, program=program)
    extents = {label: (raw.lines, raw.spans)}
    return LoadedLog(
        log, problems_frame(problems, [more]), label, chosen, raw.dialect, extents=extents
    )


def read_log(path_or_buffer, *, on_invalid: str = "raise", **options) -> pd.DataFrame:
    """Read an exercise-session log (CSV) into a tidy DataFrame.

    Parameters
    ----------
    path_or_buffer : str, path, bytes or open file
        The log. Its format is recognised from the header (footstats' own, or an app's
        export such as Strong); the one used is in ``log.attrs["format"]``.
    program : Program or path, optional
        The routine exercises are matched against; the packaged foot routine by default.
    dayfirst : bool, default False
        Accept day-first dates such as ``03/04/2026`` (3 April). Without it, and without
        ``date_format``, only ISO dates (``2026-04-03``, ``2026-04-03 07:30``) are read;
        anything else is an error, never a guess.
    date_format : str, optional
        An explicit ``strftime`` format for the dates, e.g. ``"%m/%d/%Y"``.
    encoding : str, optional
        The file's encoding when it is not UTF-8 (UTF-8 and UTF-16 with a BOM are detected).
    format : str, optional
        Force a format (``"footstats"``, ``"strong"``, ``"hevy"``, ``"loop"``).
    exercise_map : dict, optional
        Exercise names as written -> routine exercise (id or name), for names the routine's
        aliases do not cover.
    habit : str, optional
        For a Loop Habit Tracker export: the habit that is the routine.
    excel_dates : bool, default False
        Accept Excel serial day numbers (``45356``) as dates.
    today : date, optional
        The date after which dates are "in the future" (default: today).
    on_invalid : {"raise", "drop"}, default "raise"
        "raise": any error raises :class:`LogError` listing every problem. "drop": return
        the valid rows and warn (:class:`LogWarning`) how many lines were left out; use
        :func:`validate_log` to get those lines and why.

    Returns
    -------
    DataFrame
        The tidy log: one row per loaded input row (schema in ``footstats._columns``).

    Raises
    ------
    LogError
        When the log has errors (with ``on_invalid="raise"``) or cannot be read at all.

    Examples
    --------
    >>> log = read_log(BytesIO(b"date,exercise,sets,Pain Back\\n2026-03-02,Heel raises,2,5\\n"))
    >>> log[["date", "exercise", "sets", "pain_back"]].to_dict("records")[0]["exercise"]
    'heel_raises'
    """
    _check_on_invalid(on_invalid)
    return validate_log(path_or_buffer, **options).valid_log(on_invalid, stacklevel=3)


def check_log(path_or_buffer, **options) -> pd.DataFrame:
    """Every problem of a log, as a DataFrame, without raising.

    Columns: file, line, column, value, severity (error / warning / notice), message.
    Options are those of :func:`read_log`.

    Examples
    --------
    >>> text = b"date,exercise,sets,pain_back\\n2026-03-02,Heel raises,2,11\\n"
    >>> first = check_log(BytesIO(text)).iloc[0]
    >>> int(first["line"]), first["column"], first["message"]
    (2, 'pain_back', '11 is outside 0–10 (pain is a 0–10 rating)')
    """
    return validate_log(path_or_buffer, **options).problems


def load_sample(**options) -> pd.DataFrame:
    """The packaged 16-week sample log (the same file as ``sample_data/foot_log.csv``).

    Examples
    --------
    >>> log = load_sample()
    >>> log["date"].min().date().isoformat()
    '2026-03-02'
    """
    data = (resources.files("footstats") / "data" / SAMPLE).read_bytes()
    buffer = BytesIO(data)
    buffer.name = SAMPLE
    return read_log(buffer, **options)


def _empty_log() -> pd.DataFrame:
    return pd.DataFrame(
        {
            LINE: pd.Series(dtype="int64"),
            DATE: pd.Series(dtype="datetime64[us]"),
            EXERCISE: pd.Categorical([]),
            EXERCISE_NAME: pd.Series(dtype="str"),
            IN_PROGRAM: pd.Series(dtype=bool),
            SETS: pd.Series(dtype="Int64"),
            SIDE: pd.Categorical([], categories=list(SIDES)),
        }
    )


def _as_footstats(raw: RawTable, chosen: str, habit: str | None, reading: Reading, text: str):
    """Header, columns and lines in the footstats format (importers convert app exports)."""
    columns = [raw.frame[i] for i in range(len(raw.header))]
    refused = _habit_refused(raw.file, chosen, habit)
    if chosen == FOOTSTATS:
        return raw.header, columns, raw.frame[LINE], {}, [*raw.problems, *refused]
    named = raw.frame.set_axis([*(h.strip(INVISIBLE) for h in raw.header), LINE], axis=1)
    converted, found = convert(
        chosen, named, list(raw.problems), file=raw.file, habit=habit, reading=reading, text=text
    )
    header = [c for c in converted.columns if c != LINE]
    return (
        header,
        [converted[c].astype("str") for c in header],
        converted[LINE].astype("int64"),
        converted.attrs.get("written", {}),  # problems name the app's columns as written
        [*found, *refused],
    )


def _habit_refused(file: str, chosen: str, habit: str | None) -> list[dict]:
    """habit= names a Loop habit: given for another format, it is refused, not ignored."""
    if habit is None or chosen == "loop":
        return []
    what = "a footstats log" if chosen == FOOTSTATS else f"a {chosen} export"
    return [
        problem(
            file,
            None,
            "-",
            habit,
            ERROR,
            f"habit= (--habit) is for Loop Habit Tracker exports; this file is read as {what}: "
            "leave it out",
        )
    ]


def canonical_column(name: str) -> str | None:
    """The tidy column a header means (``"Pain Back"`` -> ``"pain_back"``), or None."""
    text = name.strip(INVISIBLE).casefold()
    key = header_key(text)
    if key in _KNOWN_COLUMNS:
        return _KNOWN_COLUMNS[key]
    site = re.fullmatch(r"pain[\s_\-]*(\w[\w\s\-]*)", text)
    if site:
        return pain_column(re.sub(r"[\s\-]+", "_", site.group(1).strip()).strip("_"))
    return None


@dataclass(frozen=True)
class _Options:
    program: Program
    dayfirst: bool
    date_format: str | None
    excel_dates: bool
    today: date | None
    decimal_comma: bool


@dataclass(frozen=True)
class _Cells:
    """One raw column: its header as written, and each row's value as a code into uniques.

    Logs repeat a few values (dates, names, set counts) many times, so every check runs
    once per distinct value and is spread back to the rows through the codes.
    """

    written: str
    codes: np.ndarray
    uniques: pd.Series  # str, positions 0..k-1

    @classmethod
    def of(cls, written: str, values: pd.Series) -> _Cells:
        if isinstance(values.dtype, pd.CategoricalDtype):
            codes, uniques = values.cat.codes.to_numpy(), values.cat.categories
        else:
            codes, uniques = pd.factorize(values)
        return cls(written, codes, pd.Series(uniques, dtype="str"))

    def expand(self, per_unique: pd.Series) -> pd.Series:
        """Row values from one value per unique."""
        return pd.Series(per_unique.array.take(self.codes))

    def rows(self, per_unique: pd.Series) -> np.ndarray:
        """Row mask from a boolean per unique."""
        return per_unique.to_numpy(dtype=bool, na_value=False)[self.codes]

    def keep(self, mask: np.ndarray) -> _Cells:
        """The cells of the rows in ``mask``, with only the uniques those rows use."""
        codes = self.codes[mask]
        present = np.flatnonzero(np.bincount(codes, minlength=len(self.uniques)))
        renumber = np.full(len(self.uniques), -1, dtype=np.intp)
        renumber[present] = np.arange(len(present))
        return _Cells(
            self.written, renumber[codes], self.uniques.iloc[present].reset_index(drop=True)
        )


class _Validation:
    """One pass over the raw columns: types, row rules and problems (vectorised)."""

    def __init__(self, file, header, columns, lines, options: _Options, exercise_map, written):
        self.file = file
        self.written = written  # tidy column -> the header it came from, for converted exports
        self.options = options
        self.exercise_map = _normalise_map(exercise_map, options.program)
        self.header = header
        self.columns = columns
        self.lines = np.asarray(lines, dtype="int64")
        self.bad = np.zeros(len(self.lines), dtype=bool)
        self.records: list[dict] = []
        self.frames: list[pd.DataFrame] = []

    # -- reporting --------------------------------------------------------------------
    def report(self, mask: np.ndarray, column: str, values, severity: str, messages) -> None:
        """A problem for each row in ``mask``; values/messages: one per masked row, or one."""
        count = int(mask.sum())
        if not count:
            return
        self.frames.append(
            cell_problems(
                self.file,
                self.lines[mask],
                column,
                np.broadcast_to(np.asarray(values, dtype=object), count),
                severity,
                np.broadcast_to(np.asarray(messages, dtype=object), count),
            )
        )
        if severity == ERROR:
            self.bad |= mask

    def report_cells(self, cells: _Cells, flagged: pd.Series, severity, messages) -> None:
        """A problem for each row whose value is flagged (``flagged``: bool per unique)."""
        if not flagged.any():  # the common case: no row to look at
            return
        mask = cells.rows(flagged)
        codes = cells.codes[mask]
        if isinstance(messages, pd.Series):
            messages = messages.to_numpy(dtype=object)[codes]
        self.report(
            mask, cells.written, cells.uniques.to_numpy(dtype=object)[codes], severity, messages
        )

    def whole_file_error(self, message: str, line=1) -> None:
        self.records.append(problem(self.file, line, "-", "", ERROR, message))

    def _problems(self) -> pd.DataFrame:
        return problems_frame(self.records, self.frames)

    # -- the pass ---------------------------------------------------------------------
    header_only = True  # set by validate_log: the file itself has no rows

    def run(self) -> tuple[pd.DataFrame, pd.DataFrame]:
        if not len(self.lines) and self.header_only:
            self.records.append(
                problem(self.file, 1, "-", "", NOTICE, "only a header: the log has no rows yet")
            )
        named = self.name_columns()
        if named is None:
            return _empty_log(), self._problems()
        named = self.drop_repeated_headers(named)
        stripped, typed = self.parse(named)
        self.row_rules(named, stripped, typed)
        return self.assemble(typed), self._problems()

    def name_columns(self) -> dict[str, _Cells] | None:
        """tidy name -> cells; None when the header is unusable."""
        named: dict[str, _Cells] = {}
        for position, (written, values) in enumerate(zip(self.header, self.columns, strict=True)):
            cells = _Cells.of(written.strip(INVISIBLE), values)
            if not cells.written or re.fullmatch(r"Unnamed: \d+", cells.written):
                if not cells.uniques.str.strip(INVISIBLE).astype(bool).any():
                    self.records.append(
                        problem(
                            self.file,
                            1,
                            "-",
                            "",
                            NOTICE,
                            f"dropped column {position + 1}: no header and no values "
                            "(a trailing delimiter)",
                        )
                    )
                    continue
                cells = _Cells(f"column_{position + 1}", cells.codes, cells.uniques)
                self.records.append(
                    problem(
                        self.file,
                        1,
                        cells.written,
                        "",
                        WARNING,
                        f"column {position + 1} has values but no header name; "
                        f"kept as {cells.written}",
                    )
                )
            tidy = canonical_column(cells.written) or _extra_name(cells.written, named)
            if tidy in self.written:
                cells = _Cells(self.written[tidy], cells.codes, cells.uniques)
            if tidy in named:
                self.whole_file_error(
                    f"the columns {named[tidy].written!r} and {cells.written!r} both mean "
                    f"{tidy}; keep one of them"
                )
                continue
            named[tidy] = cells
        missing = []
        if DATE not in named:
            missing.append("date")
        if EXERCISE in named and SETS not in named:
            missing.append("sets (completed sets, with exercise)")
        has_data = EXERCISE in named or SESSION_DONE in named or pain_columns(named)
        if not missing and not has_data:
            missing.append("exercise and sets, or pain_<site> columns such as pain_back")
        if missing:
            found = ", ".join(repr(h) for h in self.header) or "nothing"
            closest = closest_format(self.header)
            looks = f"looks like {closest}; as a footstats log it is " if closest else ""
            self.whole_file_error(
                looks
                + "missing column(s): "
                + "; ".join(missing)
                + f". Found: {found}. A log has the columns date, exercise, sets and "
                "optionally reps, seconds, side, pain_back, pain_hip, pain_knee, minutes, notes"
            )
        if any(r[SEVERITY] == ERROR for r in self.records):
            return None
        return named

    def drop_repeated_headers(self, named: dict[str, _Cells]) -> dict[str, _Cells]:
        """Rows that repeat the header (two logs pasted together) are dropped, with a notice.

        A header repeated in another column order would put values in the wrong columns:
        it and the rows below it (up to the next header) are refused, each an error.
        """
        names = {cells.written.casefold() for cells in named.values()}
        repeat = np.ones(len(self.lines), dtype=bool)
        header_like = np.ones(len(self.lines), dtype=bool)
        for cells in named.values():
            values = cells.uniques.str.strip(INVISIBLE).str.casefold()
            repeat &= cells.rows(values == cells.written.casefold())
            header_like &= cells.rows(values.isin(names))
            if not header_like.any():
                return named
        below = self.refuse_reordered(header_like, header_like & ~repeat)
        if repeat.any():
            lines = self.lines[repeat].tolist()
            self.records.append(
                problem(
                    self.file,
                    lines[0],
                    "-",
                    "",
                    NOTICE,
                    "dropped the header repeated on line(s) " + ", ".join(map(str, lines)),
                )
            )
        keep = ~(header_like | below)
        self.lines, self.bad = self.lines[keep], self.bad[keep]
        return {tidy: cells.keep(keep) for tidy, cells in named.items()}

    def refuse_reordered(self, header_like: np.ndarray, reordered: np.ndarray) -> np.ndarray:
        """Errors for headers in another column order and the rows below each; those rows."""
        if not reordered.any():
            return np.zeros(len(self.lines), dtype=bool)
        section = np.cumsum(header_like)  # rows below the k-th header line are in section k
        starts = np.flatnonzero(header_like)
        below = ~header_like & (section > 0)
        below[below] = reordered[starts[section[below] - 1]]
        for start in np.flatnonzero(reordered):
            rows = int((below & (section == section[start])).sum())
            self.whole_file_error(
                "the header is repeated here with its columns in another order; the "
                f"{rows} row(s) below it are left out so that no value lands in the wrong "
                "column: paste them in the column order of line 1, or into a file of their own",
                line=int(self.lines[start]),
            )
        header_lines = self.lines[starts[section[below] - 1]].astype("str").astype(object)
        self.report(
            below,
            "-",
            "",
            ERROR,
            "below the header on line " + header_lines + ", whose columns are in another order",
        )
        return below

    def parse(self, named: dict[str, _Cells]) -> tuple[dict, dict]:
        """Stripped uniques and typed row values; every bad cell is an error at its line."""
        opts = self.options
        stripped: dict[str, pd.Series] = {}
        typed: dict[str, pd.Series] = {}
        for tidy, cells in named.items():
            nul = cells.uniques.str.contains("\x00", regex=False)
            self.report_cells(
                cells, nul, ERROR, "a NUL byte (binary data) in this value: retype the value"
            )
            if tidy == NOTES:
                typed[tidy] = cells.expand(cells.uniques)  # verbatim: "NA" stays "NA"
                continue
            values, invisible = strip_cells(cells.uniques)
            self.report_cells(
                cells,
                invisible,
                NOTICE,
                "removed invisible characters (zero-width or non-breaking spaces) around the value",
            )
            parsed, errors = _parse_column(tidy, values, opts)
            if errors is not None:
                self.report_cells(cells, errors.notna(), ERROR, errors)
            stripped[tidy] = values
            typed[tidy] = cells.expand(parsed)
        if PARTICIPANT in typed:  # few distinct ids: metrics group on its codes
            typed[PARTICIPANT] = typed[PARTICIPANT].astype("category")
        if opts.decimal_comma and any(
            stripped[c].str.contains(",", regex=False).any()
            for c in (SECONDS, MINUTES)
            if c in stripped
        ):
            self.records.append(
                problem(self.file, None, "-", "", NOTICE, "read decimal commas (60,5 = 60.5)")
            )
        self.match_exercises(named, stripped, typed)
        return stripped, typed

    def match_exercises(self, named: dict, stripped: dict, typed: dict) -> None:
        program = self.options.program
        if EXERCISE not in named:
            blank = pd.Series(pd.NA, index=range(len(self.lines)), dtype="str")
            typed.update({EXERCISE: pd.Series(pd.Categorical(blank, categories=list(program.ids)))})
            typed.update({EXERCISE_NAME: blank, IN_PROGRAM: pd.Series(False, index=blank.index)})
            return
        cells = named[EXERCISE]
        names = stripped[EXERCISE].mask(stripped[EXERCISE] == "")
        keys = {**program.name_keys, **self.exercise_map}
        ids = pd.Series([keys.get(name_key(n)) if n == n else None for n in names], dtype="str")
        unknown = names.notna() & ids.isna()
        extra = sorted(set(names[unknown]))
        categories = [*program.ids, *extra]
        position = {c: i for i, c in enumerate(categories)}
        code = ids.fillna(names).map(position).fillna(-1).astype("int64").to_numpy()
        typed[EXERCISE] = pd.Series(pd.Categorical.from_codes(code[cells.codes], categories))
        typed[EXERCISE_NAME] = cells.expand(names)
        typed[IN_PROGRAM] = pd.Series(cells.rows(ids.notna()))
        for name in extra:
            rows = self.lines[cells.rows(names == name)]
            suggestion = program.suggest(name)
            hint = f" Did you mean {suggestion!r}?" if suggestion else ""
            shown = ", ".join(map(str, rows[:5])) + (", ..." if len(rows) > 5 else "")
            where = f"on {len(rows)} rows (lines {shown})" if len(rows) > 1 else "on this line"
            self.records.append(
                problem(
                    self.file,
                    int(rows[0]),
                    cells.written,
                    name,
                    WARNING,
                    f"{name!r} is not in the routine {where}: kept, but not counted as a "
                    f"routine exercise.{hint} (an exercise_map or an alias in your routine "
                    "file can match it)",
                )
            )

    def row_rules(self, named: dict, stripped: dict, typed: dict) -> None:
        has_exercise = typed[EXERCISE_NAME].notna().to_numpy()
        if SETS in named:
            cells = named[SETS]
            blank_sets = has_exercise & cells.rows(stripped[SETS] == "")
            self.report(
                blank_sets,
                cells.written,
                "",
                ERROR,
                "sets is blank: how many sets were completed? (write 0 for none)",
            )
            orphan = ~has_exercise & typed[SETS].notna().to_numpy()
            self.report(
                orphan,
                cells.written,
                cells.uniques.to_numpy(dtype=object)[cells.codes[orphan]],
                ERROR,
                "sets given but the exercise is blank",
            )
        pains = pain_columns(typed)
        has_pain = np.zeros(len(self.lines), dtype=bool)
        for column in pains:
            has_pain |= typed[column].notna().to_numpy()
        done = (  # a habit-tracker day, marked done or not done
            typed[SESSION_DONE].notna().to_numpy(dtype=bool)
            if SESSION_DONE in typed
            else np.zeros(len(self.lines), dtype=bool)
        )
        empty = ~has_exercise & ~has_pain & ~done & ~self.bad
        self.report(
            empty,
            "-",
            "",
            WARNING,
            "this row has a date but no exercise and no pain: kept as an empty check-in",
        )
        dates = named[DATE]
        parsed_dates = typed[DATE]
        future = future_mask(parsed_dates, self.options.today).to_numpy()
        self.report(
            future,
            dates.written,
            dates.uniques.to_numpy(dtype=object)[dates.codes[future]],
            WARNING,
            "this date is in the future; is it right?",
        )
        self.isolated_dates(dates, parsed_dates)
        self.duplicate_rows(named)
        for column in pains:
            self.pain_conflicts(named, typed, column)

    def isolated_dates(self, dates: _Cells, parsed: pd.Series) -> None:
        """A warning for each date years away from every other date (a typo such as 2016)."""
        away = isolated_dates(parsed.mask(self.bad)).to_numpy(dtype="float64", na_value=np.nan)
        lonely = ~np.isnan(away)
        if not lonely.any():
            return
        messages = [
            f"this date is {years:.1f} years from every other date of the log; a typo?"
            for years in away[lonely]
        ]
        self.report(
            lonely,
            dates.written,
            dates.uniques.to_numpy(dtype=object)[dates.codes[lonely]],
            WARNING,
            np.asarray(messages, dtype=object),
        )

    def duplicate_rows(self, named: dict[str, _Cells]) -> None:
        row_key = pd.Series(_row_keys([cells.codes for cells in named.values()]))
        repeated = row_key.duplicated(keep="first").to_numpy()
        if not repeated.any():
            return
        first_line = pd.Series(self.lines).groupby(row_key.to_numpy()).transform("first")
        messages = "repeats line " + first_line[repeated].astype("str") + " exactly: both rows kept"
        self.report(repeated, "-", "", WARNING, messages.to_numpy(dtype=object))

    def pain_conflicts(self, named: dict[str, _Cells], typed: dict, column: str) -> None:
        values = typed[column]
        given = (values.notna().to_numpy()) & ~self.bad
        if not given.any():
            return
        session = [typed[DATE].to_numpy()[given]]
        if PARTICIPANT in named:
            session.insert(0, named[PARTICIPANT].codes[given])
        pain = values[given].reset_index(drop=True)
        groups = pain.groupby(session, sort=False)
        clash_any = (groups.transform("min") != groups.transform("max")).to_numpy(dtype=bool)
        if not clash_any.any():
            return
        first_value = groups.transform("first")
        first_line = pd.Series(self.lines[given]).groupby(session, sort=False).transform("first")
        differs = (pain != first_value).to_numpy(dtype=bool)
        clash = np.zeros(len(self.lines), dtype=bool)
        clash[np.flatnonzero(given)[differs]] = True
        cells = named[column]
        when = pd.Series(typed[DATE].to_numpy()[clash]).dt.strftime("%Y-%m-%d")
        messages = (
            pain[differs].astype("str").to_numpy(dtype=object)
            + " here but "
            + first_value[differs].astype("str").to_numpy(dtype=object)
            + " on line "
            + first_line[differs].astype("str").to_numpy(dtype=object)
            + " for the same session ("
            + when.to_numpy(dtype=object)
            + "): one pain value per site per session"
        )
        self.report(
            clash,
            cells.written,
            cells.uniques.to_numpy(dtype=object)[cells.codes[clash]],
            ERROR,
            messages,
        )

    def assemble(self, typed: dict) -> pd.DataFrame:
        rows = len(self.lines)
        if SIDE not in typed:
            typed[SIDE] = pd.Series(
                pd.Categorical.from_codes(np.full(rows, SIDES.index("both")), categories=SIDES)
            )
        typed.setdefault(SETS, pd.Series(pd.NA, index=range(rows), dtype="Int64"))
        known = [PARTICIPANT, DATE, EXERCISE, EXERCISE_NAME, IN_PROGRAM, SETS, REPS, SECONDS]
        known += [SIDE, *pain_columns(typed), MINUTES, NOTES, SESSION_DONE, WARMUP_SETS]
        names = [c for c in known if c in typed] + [c for c in typed if c not in known]
        log = pd.DataFrame({LINE: self.lines, **{c: typed[c] for c in names}})
        return log[~self.bad].reset_index(drop=True) if self.bad.any() else log


def _row_keys(codes: list[np.ndarray]) -> np.ndarray:
    """One int64 per row, equal exactly when the rows' codes are all equal."""
    key = np.zeros(len(codes[0]) if codes else 0, dtype=np.int64)
    for column in codes:
        width = int(column.max(initial=0)) + 1
        if int(key.max(initial=0)) >= np.iinfo(np.int64).max // width:
            key = pd.factorize(key)[0].astype(np.int64)  # renumber densely before overflow
        key = key * width + column
    return key


def _parse_column(tidy: str, values: pd.Series, opts: _Options):
    """Typed values and error messages (or None) for the distinct values of one column."""
    if tidy == DATE:
        return parse_dates(
            values,
            dayfirst=opts.dayfirst,
            date_format=opts.date_format,
            excel_dates=opts.excel_dates,
            today=opts.today,
        )
    if tidy in (SETS, REPS, WARMUP_SETS):
        return parse_whole(values, what=tidy)
    if tidy in (SECONDS, MINUTES):
        return parse_decimal(values, what=tidy, decimal_comma=opts.decimal_comma)
    if tidy.startswith(PAIN_PREFIX):
        return parse_whole(values, what="pain is a 0–10 rating", high=10)
    if tidy == SIDE:
        return parse_side(values)
    if tidy == SESSION_DONE:
        parsed = values.str.casefold().map(_TRUE_WORDS).astype("boolean")
        wrong = parsed.isna() & (values != "")
        return parsed, (values + " is not true or false").where(wrong)
    if tidy == PARTICIPANT:
        blank = "the participant is blank; every row needs one"
        return values, pd.Series(blank, index=values.index, dtype="str").where(values == "")
    return values, None  # exercise names and unknown extra columns: text


def _extra_name(written: str, named: dict) -> str:
    name = written if written not in _TIDY_NAMES else f"{written}_original"
    while name in named:
        name += "_"
    return name


def _normalise_map(exercise_map: dict[str, str] | None, program: Program) -> dict[str, str]:
    if not exercise_map:
        return {}
    out = {}
    for name, target in exercise_map.items():
        exercise_id = target if target in program.ids else program.match(target)
        if exercise_id is None:
            raise ValueError(
                f"exercise_map: {name!r} maps to {target!r}, which is not an exercise of the "
                f"routine (expected one of {', '.join(program.ids)})"
            )
        out[name_key(name)] = exercise_id
    return out
