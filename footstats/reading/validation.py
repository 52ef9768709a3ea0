"""The validation engine of :func:`footstats.validate_log`: raw columns in, the tidy log and
its problems out.

:class:`Validation` makes one pass over the columns of a table in the footstats format
(app exports are converted by ``footstats.importers`` first): it names the columns, parses
every distinct value once (``footstats.core.values``), applies the row rules (blank sets,
duplicates, pain clashes) and reports each problem with its file, line, column and code.
``footstats.reading.log`` is the public reading API around it.

Over 600 lines on purpose: the column rules share the row state (the lines, the rows already
refused), so they stay one class; split, each part would pass that state around.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass, replace

import numpy as np
import pandas as pd

from footstats.columns import (
    DATE,
    ERROR,
    EXERCISE,
    EXERCISE_NAME,
    IN_PROGRAM,
    LINE,
    MINUTES,
    NOTES,
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
    header_key,
    pain_column,
    pain_columns,
)
from footstats.core import codes as C
from footstats.core.codes import Code
from footstats.core.options import ReadOptions
from footstats.core.problems import cell_problems, line_list, problem, problems_frame
from footstats.core.values import (
    INVISIBLE,
    future_mask,
    implausible_dates,
    isolated_dates,
    parse_dates,
    parse_decimal,
    parse_side,
    parse_whole,
    strip_cells,
)
from footstats.errors import UsageError
from footstats.importers import closest_format
from footstats.reading.typed import is_typed, text_codes
from footstats.routine import Routine, name_key, resolve_routine

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
_WHOLE_COLUMNS = (SETS, REPS, WARMUP_SETS)
_DECIMAL_COLUMNS = (SECONDS, MINUTES)  # numbers, nearly always written whole: read typed first
PAIN_MAX = 10
_TRUE_WORDS = {"true": True, "yes": True, "1": True, "false": False, "no": False, "0": False}


def empty_log() -> pd.DataFrame:
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


def holds_whole_numbers(name: str) -> bool:
    """Whether the column headed ``name`` is read as whole numbers first: sets, reps, a pain
    site, and seconds and minutes (decimals, but nearly always written whole)."""
    tidy = canonical_column(name)
    return tidy in _WHOLE_COLUMNS + _DECIMAL_COLUMNS or (tidy or "").startswith(PAIN_PREFIX)


@dataclass(frozen=True)
class _Cells:
    """One raw column: its header as written, and each row's value as a code into uniques.

    Logs repeat a few values (dates, names, set counts) many times, so every check runs
    once per distinct value and is spread back to the rows through the codes.
    """

    written: str
    codes: np.ndarray
    uniques: pd.Series  # str, positions 0..k-1
    numbers: pd.Series | None = None  # Int64 row values of a column read typed (_typed)
    values: pd.Series | None = None  # typed uniques of an importer's column (see imported)

    @classmethod
    def of(cls, written: str, values: pd.Series) -> _Cells:
        if is_typed(values):
            codes, uniques = text_codes(values)
            return cls(written, codes, uniques, values.reset_index(drop=True))
        if isinstance(values.dtype, pd.CategoricalDtype):
            codes, uniques = values.cat.codes.to_numpy(), values.cat.categories
        else:
            codes, uniques = pd.factorize(values)
        return cls(written, codes, pd.Series(uniques, dtype="str"))

    @classmethod
    def imported(cls, written: str, values: pd.Series) -> _Cells:
        """A column an importer typed (dates, numbers, booleans): one code per distinct
        value, its typed value, and its text as problems quote it (never parsed again)."""
        codes, uniques = pd.factorize(values, use_na_sentinel=False)
        typed = pd.Series(uniques)
        return cls(written, codes, _shown(typed), values=typed)

    def expand(self, per_unique: pd.Series) -> pd.Series:
        """Row values from one value per unique."""
        return pd.Series(per_unique.array.take(self.codes))

    def categories(self, per_unique: pd.Series) -> pd.Series:
        """Row values from one value per unique, as a categorical (sorted categories)."""
        categories = pd.Index(per_unique.unique()).sort_values()
        codes = categories.get_indexer(per_unique)[self.codes]
        return pd.Series(pd.Categorical.from_codes(codes, categories))

    def rows(self, per_unique: pd.Series) -> np.ndarray:
        """Row mask from a boolean per unique."""
        return per_unique.to_numpy(dtype=bool, na_value=False)[self.codes]

    def keep(self, mask: np.ndarray) -> _Cells:
        """The cells of the rows in ``mask``, with only the uniques those rows use."""
        codes = self.codes[mask]
        present = np.flatnonzero(np.bincount(codes))
        renumber = np.zeros(len(self.uniques), dtype=np.intp)  # read only where present
        renumber[present] = np.arange(len(present))
        uniques = self.uniques.iloc[present].reset_index(drop=True)
        numbers = None if self.numbers is None else self.numbers[mask].reset_index(drop=True)
        values = None if self.values is None else self.values.iloc[present].reset_index(drop=True)
        return _Cells(self.written, renumber[codes], uniques, numbers, values)


class Validation:
    """One pass over the raw columns: types, row rules and problems (vectorised)."""

    def __init__(
        self,
        file: str,
        header: list[str],
        columns: list[pd.Series],
        lines,
        options: ReadOptions,
        written: dict[str, str],
        *,
        decimal_comma: bool = False,
        imported: bool = False,
        starts: np.ndarray | None = None,
    ) -> None:
        """``written``: tidy column -> the header it came from (an app export's);
        ``decimal_comma``: the file's numbers may use one (a semicolon file);
        ``imported``: the columns come from an importer, typed (never parsed again);
        ``starts``: the first line of each file of a batch of files read as one
        (``footstats.reading.batch``): a notice that sums up rows is given per file."""
        self.file = file
        self.written = written  # tidy column -> the header it came from, for converted exports
        self.options = options
        self.routine = resolve_routine(options.routine)
        self.decimal_comma = decimal_comma
        self.imported = imported
        self.starts = starts
        self.exercise_map = _normalise_map(options.exercise_map, self.routine)
        self.header = header
        self.columns = columns
        self.lines = np.asarray(lines, dtype="int64")
        self.bad = np.zeros(len(self.lines), dtype=bool)
        self.records: list[dict] = []
        self.frames: list[pd.DataFrame] = []

    # -- reporting --------------------------------------------------------------------
    def report(self, mask: np.ndarray, column: str, values, code, messages) -> None:
        """A problem for each row in ``mask``; values/messages: one per masked row, or one;
        ``code``: a :class:`~footstats.core.codes.Code`, or a code id per masked row."""
        count = int(mask.sum())
        if not count:
            return
        found = cell_problems(
            self.file,
            self.lines[mask],
            column,
            np.broadcast_to(np.asarray(values, dtype=object), count),
            code,
            np.broadcast_to(np.asarray(messages, dtype=object), count),
        )
        self.frames.append(found)
        errors = found[SEVERITY].to_numpy() == ERROR
        self.bad[np.flatnonzero(mask)[errors]] = True

    def report_cells(self, cells: _Cells, flagged: pd.Series, code, messages) -> None:
        """A problem for each row whose value is flagged (``flagged``: bool per unique);
        ``code`` and ``messages``: one, or a Series of one per unique."""
        if not flagged.any():  # the common case: no row to look at
            return
        mask = cells.rows(flagged)
        at = cells.codes[mask]
        if isinstance(messages, pd.Series):
            messages = messages.to_numpy()[at]
        if isinstance(code, pd.Series):
            code = code.to_numpy()[at]
        self.report(mask, cells.written, cells.uniques.to_numpy()[at], code, messages)

    def whole_file_error(self, code: Code, message: str, line=1) -> None:
        self.records.append(problem(self.file, line, "-", "", code, message))

    def _problems(self) -> pd.DataFrame:
        return problems_frame(self.records, self.frames)

    # -- the pass ---------------------------------------------------------------------
    header_only = True  # set by validate_log: the file itself has no rows

    def run(self) -> tuple[pd.DataFrame, pd.DataFrame]:
        if not len(self.lines) and self.header_only:
            self.records.append(
                problem(
                    self.file, 1, "-", "", C.ONLY_HEADER, "only a header: the log has no rows yet"
                )
            )
        named = self.name_columns()
        if named is None:
            return empty_log(), self._problems()
        named = self.drop_repeated_headers(named)
        stripped, typed = self.parse(named)
        self.row_rules(named, stripped, typed)
        return self.assemble(typed), self._problems()

    def name_columns(self) -> dict[str, _Cells] | None:
        """tidy name -> cells; None when the header is unusable."""
        named: dict[str, _Cells] = {}
        # strict=True: a header name per column, never unequal (there for the linter, B905)
        pairs = zip(
            self.header,
            self.columns,
            strict=True,
        )
        for position, (written, values) in enumerate(pairs):
            if self.imported and _typed_dtype(values):
                cells = _Cells.imported(written.strip(INVISIBLE), values)
            else:
                cells = _Cells.of(written.strip(INVISIBLE), values)
            if not cells.written or re.fullmatch(r"Unnamed: \d+", cells.written):
                if not cells.uniques.str.strip(INVISIBLE).astype(bool).any():
                    self.records.append(
                        problem(
                            self.file,
                            1,
                            "-",
                            "",
                            C.EMPTY_COLUMN,
                            f"dropped column {position + 1}: no header and no values "
                            "(a trailing delimiter)",
                        )
                    )
                    continue
                cells = replace(cells, written=f"column_{position + 1}")
                self.records.append(
                    problem(
                        self.file,
                        1,
                        cells.written,
                        "",
                        C.UNNAMED_COLUMN,
                        f"column {position + 1} has values but no header name; "
                        f"kept as {cells.written}",
                    )
                )
            tidy = canonical_column(cells.written) or _extra_name(cells.written, named)
            if tidy in self.written:
                cells = replace(cells, written=self.written[tidy])
            if tidy in named:
                self.whole_file_error(
                    C.SAME_COLUMN_TWICE,
                    f"the columns {named[tidy].written!r} and {cells.written!r} both mean "
                    f"{tidy}; keep one of them",
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
                C.MISSING_COLUMNS,
                looks
                + "missing column(s): "
                + "; ".join(missing)
                + f". Found: {found}. A log has the columns date, exercise, sets and "
                "optionally reps, seconds, side, pain_back, pain_hip, pain_knee, minutes, notes",
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
                    C.REPEATED_HEADER,
                    "dropped the header repeated on line(s) " + line_list(lines),
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
                C.REORDERED_HEADER,
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
            C.BELOW_REORDERED_HEADER,
            "below the header on line " + header_lines + ", whose columns are in another order",
        )
        return below

    def parse(self, named: dict[str, _Cells]) -> tuple[dict, dict]:
        """Stripped uniques and typed row values; every bad cell is an error at its line."""
        opts = self.options
        stripped: dict[str, pd.Series] = {}
        typed: dict[str, pd.Series] = {}
        for tidy, cells in named.items():
            if cells.values is not None:  # typed by an importer: only the log's limits
                parsed, errors, codes = _check_typed(tidy, cells.values, cells.uniques, opts)
                if errors is not None:
                    self.report_cells(cells, errors.notna(), codes, errors)
                stripped[tidy] = cells.uniques
                if tidy == DATE:
                    self.date_uniques = parsed
                typed[tidy] = cells.expand(parsed)
                continue
            numbers = cells.numbers
            if numbers is not None and _already_typed(tidy, cells):  # nothing to check or strip
                stripped[tidy] = cells.uniques
                typed[tidy] = numbers.astype("Float64") if tidy in _DECIMAL_COLUMNS else numbers
                continue
            nul = cells.uniques.str.contains("\x00", regex=False)
            self.report_cells(
                cells, nul, C.NUL_BYTE, "a NUL byte (binary data) in this value: retype the value"
            )
            if tidy == NOTES:
                typed[tidy] = cells.expand(cells.uniques)  # verbatim: "NA" stays "NA"
                continue
            values, invisible = strip_cells(cells.uniques)
            self.report_cells(
                cells,
                invisible,
                C.INVISIBLE_CHARACTERS,
                "removed invisible characters (zero-width or non-breaking spaces) around the value",
            )
            parsed, errors, codes = _parse_column(tidy, values, opts, self.decimal_comma)
            if errors is not None:
                self.report_cells(cells, errors.notna(), codes, errors)
            stripped[tidy] = values
            if tidy == DATE:
                self.date_uniques = parsed
            # few distinct ids: metrics group on the participant's codes
            expand = cells.categories if tidy == PARTICIPANT else cells.expand
            typed[tidy] = expand(parsed)
        if self.decimal_comma and any(
            stripped[c].str.contains(",", regex=False).any()
            for c in (SECONDS, MINUTES)
            if c in stripped
        ):
            self.records.append(
                problem(
                    self.file, None, "-", "", C.DECIMAL_COMMA, "read decimal commas (60,5 = 60.5)"
                )
            )
        self.match_exercises(named, stripped, typed)
        return stripped, typed

    def match_exercises(self, named: dict, stripped: dict, typed: dict) -> None:
        routine = self.routine
        if EXERCISE not in named:
            blank = pd.Series(pd.NA, index=range(len(self.lines)), dtype="str")
            typed.update({EXERCISE: pd.Series(pd.Categorical(blank, categories=list(routine.ids)))})
            typed.update({EXERCISE_NAME: blank, IN_PROGRAM: pd.Series(False, index=blank.index)})
            return
        cells = named[EXERCISE]
        names = stripped[EXERCISE].mask(stripped[EXERCISE] == "")
        keys = {**routine.name_keys, **self.exercise_map}
        ids = pd.Series([keys.get(name_key(n)) if n == n else None for n in names], dtype="str")
        unknown = names.notna() & ids.isna()
        extra = sorted(set(names[unknown]))
        categories = [*routine.ids, *extra]
        position = {c: i for i, c in enumerate(categories)}
        code = ids.fillna(names).map(position).fillna(-1).astype("int64").to_numpy()
        typed[EXERCISE] = pd.Series(pd.Categorical.from_codes(code[cells.codes], categories))
        typed[EXERCISE_NAME] = cells.expand(names)
        typed[IN_PROGRAM] = pd.Series(cells.rows(ids.notna()))
        for name in extra:
            suggestion = routine.suggest(name)
            hint = f" Did you mean {suggestion!r}?" if suggestion else ""
            for rows, shift in self.per_file(self.lines[cells.rows(names == name)]):
                self.unknown_exercise(cells.written, name, rows, shift, hint)

    def per_file(self, lines: np.ndarray) -> list[tuple[np.ndarray, int]]:
        """``lines`` (ascending) as one part, or split by the files of a batch, each part
        with what to take off its lines to get the file's own."""
        if self.starts is None:
            return [(lines, 0)]
        at = np.searchsorted(lines, self.starts)
        return [
            (lines[at[k] : at[k + 1]], int(self.starts[k]) - 2)
            for k in range(len(self.starts) - 1)
            if at[k] < at[k + 1]
        ]

    def unknown_exercise(
        self, written: str, name: str, rows: np.ndarray, shift: int, hint: str
    ) -> None:
        """The notice of an exercise name not in the routine, on ``rows`` (lines in the
        text read; ``shift`` off them: the lines of their own file, as the message says)."""
        shown = ", ".join(map(str, rows[:5] - shift)) + (", ..." if len(rows) > 5 else "")
        where = f"on {len(rows)} rows (lines {shown})" if len(rows) > 1 else "on this line"
        self.records.append(
            problem(
                self.file,
                int(rows[0]),
                written,
                name,
                C.UNKNOWN_EXERCISE,
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
                C.BLANK_SETS,
                "sets is blank: how many sets were completed? (write 0 for none)",
            )
            orphan = ~has_exercise & typed[SETS].notna().to_numpy()
            self.report(
                orphan,
                cells.written,
                cells.uniques.to_numpy()[cells.codes[orphan]],
                C.SETS_WITHOUT_EXERCISE,
                "sets given but the exercise is blank",
            )
        pains = pain_columns(typed)
        has_pain = np.zeros(len(self.lines), dtype=bool)
        for column in pains:
            has_pain |= typed[column].notna().to_numpy()
        done = (  # a habit-tracker day, marked done or not done
            typed[SESSION_DONE].notna().to_numpy()
            if SESSION_DONE in typed
            else np.zeros(len(self.lines), dtype=bool)
        )
        empty = ~has_exercise & ~has_pain & ~done & ~self.bad
        self.report(
            empty,
            "-",
            "",
            C.EMPTY_CHECK_IN,
            "this row has a date but no exercise and no pain: kept as an empty check-in",
        )
        dates = named[DATE]  # both date checks run once per distinct date
        future = dates.rows(future_mask(self.date_uniques, self.options.today))
        self.report(
            future,
            dates.written,
            dates.uniques.to_numpy()[dates.codes[future]],
            C.FUTURE_DATE,
            "this date is in the future; is it right?",
        )
        self.isolated_dates(dates)
        self.duplicate_rows(named)
        for column in pains:
            self.pain_conflicts(named, typed, column)

    def isolated_dates(self, dates: _Cells) -> None:
        """A warning for each date years away from every other date (a typo such as 2016).

        Only the dates of rows without errors count, each distinct date once.
        """
        used = np.zeros(len(dates.uniques), dtype=bool)
        used[dates.codes[~self.bad]] = True
        by_date = isolated_dates(self.date_uniques.where(used))
        if by_date.isna().all():  # the common case: no row to look at
            return
        away = by_date.to_numpy(dtype="float64", na_value=np.nan)[dates.codes]
        lonely = ~np.isnan(away) & ~self.bad
        messages = [
            f"this date is {years:.1f} years from every other date of the log; a typo?"
            for years in away[lonely]
        ]
        self.report(
            lonely,
            dates.written,
            dates.uniques.to_numpy()[dates.codes[lonely]],
            C.ISOLATED_DATE,
            messages,
        )

    def duplicate_rows(self, named: dict[str, _Cells]) -> None:
        row_key = pd.Series(_row_keys([cells.codes for cells in named.values()]))
        repeated = row_key.duplicated(keep="first").to_numpy()
        if not repeated.any():
            return
        first_line = pd.Series(self.lines).groupby(row_key.to_numpy()).transform("first")
        messages = "repeats line " + first_line[repeated].astype("str") + " exactly: both rows kept"
        self.report(repeated, "-", "", C.DUPLICATE_ROW, messages.to_numpy())

    def pain_conflicts(self, named: dict[str, _Cells], typed: dict, column: str) -> None:
        given = typed[column].notna().to_numpy() & ~self.bad
        if not given.any():
            return
        pain = typed[column].to_numpy(dtype="int64", na_value=-1)[given]
        # the first row given in each session (participant and date), in file order
        session = self.sessions(named, typed)[given]
        first = np.empty(int(session.max()) + 1, dtype=np.intp)
        first[session[::-1]] = np.arange(len(session) - 1, -1, -1)
        first_row = first[session]
        first_value = pain[first_row]
        differs = pain != first_value
        if not differs.any():
            return
        first_line = self.lines[given][first_row]
        clash = np.zeros(len(self.lines), dtype=bool)
        clash[np.flatnonzero(given)[differs]] = True
        cells = named[column]
        when = pd.Series(typed[DATE].to_numpy()[clash]).dt.strftime("%Y-%m-%d")
        messages = (
            pain[differs].astype("str").astype(object)
            + " here but "
            + first_value[differs].astype("str").astype(object)
            + " on line "
            + first_line[differs].astype("str").astype(object)
            + " for the same session ("
            + when.to_numpy()
            + "): one pain value per site per session"
        )
        self.report(
            clash,
            cells.written,
            cells.uniques.to_numpy()[cells.codes[clash]],
            C.PAIN_CONFLICT,
            messages,
        )

    _sessions: np.ndarray | None = None
    date_uniques: pd.Series  # the parsed date of each distinct date cell (set by parse)

    def sessions(self, named: dict[str, _Cells], typed: dict) -> np.ndarray:
        """A session number per row: equal for the rows of one participant's date."""
        if self._sessions is None:
            dates = named[DATE]  # one code per distinct date, however it is written
            # a session is a calendar day: 07:00 and 18:00 of one day are one session
            day = pd.factorize(self.date_uniques.dt.normalize())[0] + 1  # NaT: -1 + 1
            keys = [day[dates.codes]]
            if PARTICIPANT in typed:  # the ids as read (in one Unicode form)
                keys.insert(0, typed[PARTICIPANT].cat.codes.to_numpy())
            key = _row_keys(keys)
            dense = int(key.max(initial=0)) < 4 * len(key) + 1024
            self._sessions = key if dense else pd.factorize(key)[0]
        return self._sessions

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
        log = pd.DataFrame({LINE: self.lines, **{c: typed[c] for c in names}}, copy=False)
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


def _parse_column(tidy: str, values: pd.Series, opts: ReadOptions, decimal_comma: bool):
    """Typed values, error messages and their codes (or None) for the distinct values of
    one column."""
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
        return parse_decimal(values, what=tidy, decimal_comma=decimal_comma)
    if tidy.startswith(PAIN_PREFIX):
        return parse_whole(values, what="pain is a 0–10 rating", high=PAIN_MAX)
    if tidy == SIDE:
        return parse_side(values)
    if tidy == SESSION_DONE:
        parsed = values.str.casefold().map(_TRUE_WORDS).astype("boolean")
        wrong = parsed.isna() & (values != "")
        return (
            parsed,
            (values + " is not true or false").where(wrong),
            _code_where(wrong, C.NOT_TRUE_FALSE),
        )
    if tidy == PARTICIPANT:
        blank = "the participant is blank; every row needs one"
        missing = values == ""
        messages = pd.Series(blank, index=values.index, dtype="str").where(missing)
        # one person however the id's accents were typed (é, or e + U+0301): Unicode's NFC
        return values.str.normalize("NFC"), messages, _code_where(missing, C.BLANK_PARTICIPANT)
    return values, None, None  # exercise names and unknown extra columns: text


_MOST_WHOLE = 999_999_999  # footstats.core.values.WHOLE: nine digits
_MOST_DECIMAL = 1e12  # footstats.core.values.DECIMAL: twelve digits before the point


def _check_typed(tidy: str, values: pd.Series, shown: pd.Series, opts: ReadOptions):
    """The checks a log's text gets that an importer's typed values (``values``, one per
    distinct value; ``shown``, their text) still need: dates no log can hold, numbers
    beyond the log's limits (the same messages, from the value's text); typed values,
    messages and codes per distinct value, like :func:`_parse_column`.
    """
    if tidy == DATE:
        dates = values.astype("datetime64[us]")
        reasons = implausible_dates(dates, opts.today)
        wrong = reasons.notna()
        errors = ("'" + shown + "' " + reasons).where(wrong)
        codes = _code_where(wrong, C.IMPLAUSIBLE_DATE)
        blank = dates.isna()
        errors[blank] = "the date is blank; every row needs its date (YYYY-MM-DD)"
        codes[blank] = C.BLANK_DATE.id
        return dates.mask(wrong), errors, codes
    if tidy in _WHOLE_COLUMNS + _DECIMAL_COLUMNS:
        most = _MOST_WHOLE if tidy in _WHOLE_COLUMNS else _MOST_DECIMAL
        beyond = (values.lt(0) | values.gt(most)).fillna(False).astype(bool)
        if not beyond.any():  # the common case: the value is the log's
            return values, None, None
        # the log's own messages, from the text of these few values only
        _, errors, codes = _parse_column(tidy, shown.where(beyond, ""), opts, False)
        return values.mask(beyond), errors, codes
    if tidy == SESSION_DONE:
        return values.astype("boolean"), None, None
    return _parse_column(tidy, shown, opts, False)  # a typed column no importer makes


def _typed_dtype(values: pd.Series) -> bool:
    """Whether an importer's column holds typed values (dates, numbers, booleans)."""
    dtype = values.dtype
    typed = (pd.Int64Dtype, pd.Float64Dtype, pd.BooleanDtype)
    return pd.api.types.is_datetime64_dtype(dtype) or isinstance(dtype, typed)


def _shown(values: pd.Series) -> pd.Series:
    """The text of typed values as problems quote them: days ``2026-03-02`` (a time, when
    a value of the column has one: ``2026-03-02 07:30:00``), whole numbers without a
    point, decimals with at most 6, ``true`` / ``false``; blank for missing."""
    if pd.api.types.is_datetime64_dtype(values.dtype):
        days = values.dropna().eq(values.dropna().dt.normalize()).all()
        return values.dt.strftime("%Y-%m-%d" if days else "%Y-%m-%d %H:%M:%S").fillna("")
    if isinstance(values.dtype, pd.BooleanDtype):
        return values.map({True: "true", False: "false"}, na_action="ignore").fillna("")
    return pd.Series([_number_text(v) for v in values], dtype="str")


def _number_text(value) -> str:
    if pd.isna(value):
        return ""
    if float(value).is_integer():
        return str(int(value))
    return f"{float(value):.6f}".rstrip("0")


def _already_typed(tidy: str, cells: _Cells) -> bool:
    """Whether a column read typed holds what its checks accept (pain: 0–10 only)."""
    numeric = tidy in _WHOLE_COLUMNS + _DECIMAL_COLUMNS or tidy.startswith(PAIN_PREFIX)
    if cells.numbers is None or not numeric:
        return False
    return not tidy.startswith(PAIN_PREFIX) or not (cells.numbers > PAIN_MAX).any()


def _code_where(flagged: pd.Series, code: Code) -> pd.Series:
    """``code``'s id where ``flagged``, <NA> elsewhere."""
    return pd.Series(code.id, index=flagged.index, dtype="str").where(flagged)


def _extra_name(written: str, named: dict) -> str:
    name = written if written not in _TIDY_NAMES else f"{written}_original"
    while name in named:
        name += "_"
    return name


def _normalise_map(exercise_map: Mapping[str, str] | None, routine: Routine) -> dict[str, str]:
    if not exercise_map:
        return {}
    out = {}
    for name, target in exercise_map.items():
        exercise_id = target if target in routine.ids else routine.match(target)
        if exercise_id is None:
            raise UsageError(
                f"exercise_map: {name!r} maps to {target!r}, which is not an exercise of the "
                f"routine (expected one of {', '.join(routine.ids)})"
            )
        out[name_key(name)] = exercise_id
    return out
