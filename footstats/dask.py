"""Cohorts on Dask: a folder of per-participant logs (or one big log) read and summarised
on a ``dask.distributed`` cluster, with the same reader and the same metric functions.

Needs the optional extra: ``pip install 'footstats[dask]'`` (``import footstats`` never
imports Dask). The work runs on Dask's current scheduler: create a
``distributed.Client`` first (``Client("tcp://scheduler:8786")`` for a cluster,
``Client(LocalCluster(n_workers=4))`` for the cores of this machine); without one Dask
uses threads in this process.

- :func:`read_logs` / :func:`validate_logs`: a task on a worker reads a group of files
  (``files_per_partition``) as :func:`footstats.validate_logs` reads a folder: the files
  with the same header validated together, as one text (``footstats.reading.batch``);
  the problems of every file are gathered and reported as :func:`footstats.validate_logs`
  reports them, and the valid rows stay on the workers as a Dask DataFrame in which each
  participant's rows are in exactly one partition. When each file holds one participant
  (the usual folder) the partitions are the tasks' own: no shuffle. A progress bar
  follows the tasks (``footstats.core.progress``; on a ``distributed`` cluster).
- :func:`per_participant`: a metric of :mod:`footstats.metrics.tables` (``weekly_frequency``,
  ``weekly_sets``, ``weekly_pain``, ``pain_change``, ...) applied to every partition on
  the workers; the results are gathered in the order pandas gives.
- :func:`summarize`: :func:`footstats.summarize` per partition, then the cohort figures
  over all participants.

The results equal those of the pandas functions on the same files (the tests check it).
The workers read the files by path: on a cluster they must see the same folder (a shared
file system) under the same name.
"""

from __future__ import annotations

import math
from collections.abc import Callable
from dataclasses import dataclass, replace
from os import PathLike
from pathlib import Path
from typing import TYPE_CHECKING, Any

import dask
import dask.dataframe as dd
import numpy as np
import pandas as pd

from footstats.columns import (
    DATE,
    END,
    EXERCISE,
    PARTICIPANT,
    ROWS_AFTER,
    ROWS_BEFORE,
    SOURCE,
    START,
)
from footstats.core.docstrings import fill_docs
from footstats.core.options import ReadKeywords, ReadOptions, read_options
from footstats.core.problems import problems_frame
from footstats.core.progress import progress
from footstats.errors import UsageError
from footstats.metrics.followup import FollowUp, window_argument
from footstats.metrics.followup import follow_up as pandas_follow_up
from footstats.metrics.tables import cohort_figures
from footstats.metrics.tables import summarize as _summarize
from footstats.reading.folders import (
    TEXT_CATEGORIES,
    NoFiles,
    combine_logs,
    concat_problems,
    csv_files,
    file_owners,
    no_rows,
    read_files,
    shared_participants,
)
from footstats.reading.log import LoadedLog, check_on_invalid, load_log
from footstats.routine import Routine, deprecated_program, resolve_routine

if TYPE_CHECKING:
    from typing_extensions import Unpack

__all__ = ["follow_up", "per_participant", "read_logs", "summarize", "validate_logs"]

FILES_PER_PARTITION = 200
ROWS_PER_PARTITION = 500_000


@dataclass(frozen=True)
class _Part:
    """What one read task found: its log and, per file, problems and format."""

    log: pd.DataFrame
    problems: list[pd.DataFrame]
    formats: dict[str, str]
    readable: bool = True


@dataclass(frozen=True)
class _Facts:
    """The small part of a :class:`_Part` that travels to the client."""

    problems: list[pd.DataFrame]
    formats: dict[str, str]
    owners: pd.DataFrame | None  # participant, source: who is in which file (folders)
    participants: frozenset
    exercises: frozenset
    head: pd.DataFrame  # no rows: the columns and their dtypes
    rows: int
    readable: bool


def validate_logs(
    source: str | PathLike[str],
    *,
    options: ReadOptions | None = None,
    files_per_partition: int = FILES_PER_PARTITION,
    npartitions: int | None = None,
    **keywords: Unpack[ReadKeywords],
) -> LoadedLog:
    """Read a folder of logs (or one log) on the cluster, keep the valid rows, report every
    problem; never raises for bad data.

    Parameters
    ----------
    source : str or path-like
        A folder (its ``*.csv`` files, one participant each, read as
        :func:`footstats.validate_logs` reads them) or one log file (read as
        :func:`footstats.validate_log` reads it; a cohort in one file has a
        ``participant`` column).
    {read_options}
    files_per_partition : int, default 200
        A folder's files are read in groups of this many, one task and one partition each.
    npartitions : int, optional
        One file: the number of partitions its participants are spread over (default: one
        per 500,000 rows). A folder: used only when a participant's rows come from files of
        different groups (default: the number of groups).

    Every file is read with the same options.

    Returns
    -------
    LoadedLog
        ``.log``: a Dask DataFrame of the valid rows, held in the workers' memory
        (persisted), partitioned by participant, with the columns, dtypes and row order of
        :func:`footstats.read_logs` (of :func:`footstats.read_log` for one file) and its
        row numbers as index; ``.problems``: every problem of every file (pandas), as
        :func:`footstats.validate_logs` lists them; ``.format``, ``.readable`` likewise.

    Examples
    --------
    >>> import tempfile
    >>> folder = Path(tempfile.mkdtemp())
    >>> _ = (folder / "p01.csv").write_text("date,exercise,sets\\n2026-03-02,Heel raises,2\\n")
    >>> _ = (folder / "p02.csv").write_text("date,exercise,sets\\n2026-03-03,Toe walk,x\\n")
    >>> loaded = validate_logs(folder)
    >>> loaded.log.npartitions, loaded.log.compute()["participant"].tolist()
    (1, ['p01'])
    >>> loaded.errors["line"].tolist()
    [2]
    """
    options = read_options(options, keywords, caller="validate_logs")
    return _load(source, options, files_per_partition, npartitions)


def _load(
    source: str | PathLike[str],
    options: ReadOptions,
    files_per_partition: int,
    npartitions: int | None,
) -> LoadedLog:
    """:func:`validate_logs` with its options made."""
    routine = resolve_routine(options.routine)
    options = replace(options, routine=routine)
    label = str(source)
    path = Path(source)
    single = not path.is_dir() and (path.is_file() or path.suffix.lower() == ".csv")
    skipped: list[dict] = []  # *.csv entries that are not files, as validate_logs reports
    if single:
        groups = [[path]]
    else:
        try:
            files, skipped = csv_files(path, label)
        except NoFiles as exc:
            return LoadedLog(_no_log(), problems_frame([exc.record]), label, readable=False)
        step = max(int(files_per_partition), 1)
        groups = [files[i : i + step] for i in range(0, len(files), step)]
    parts = dask.persist(*(dask.delayed(_read)(group, options, single) for group in groups))
    _follow(parts, [len(group) for group in groups])
    facts = dask.compute(*(dask.delayed(_facts)(part) for part in parts))
    problems = [problems_frame(skipped), *(frame for fact in facts for frame in fact.problems)]
    if not single:
        problems.append(shared_participants([fact.owners for fact in facts]))
    formats = {file: name for fact in facts for file, name in fact.formats.items()}
    loaded = dict(
        problems=concat_problems(problems),
        file=label,
        format=", ".join(dict.fromkeys(formats.values())),
        readable=all(fact.readable for fact in facts),
    )
    if single and npartitions is None:
        npartitions = math.ceil(facts[0].rows / ROWS_PER_PARTITION)
    log = _dask_log(parts, facts, routine, npartitions)
    return LoadedLog(log, **loaded)


def read_logs(
    source: str | PathLike[str],
    *,
    options: ReadOptions | None = None,
    on_invalid: str = "raise",
    files_per_partition: int = FILES_PER_PARTITION,
    npartitions: int | None = None,
    **keywords: Unpack[ReadKeywords],
) -> dd.DataFrame:
    """Read a folder of logs (or one log) on the cluster into a Dask DataFrame.

    Parameters
    ----------
    source, options, files_per_partition, npartitions
        As for :func:`validate_logs`; the loose reading options (``dayfirst=``,
        ``routine=`` ...) too.
    on_invalid : {"raise", "drop"}, default "raise"
        As for :func:`footstats.read_logs`: "raise" raises :class:`footstats.LogError`
        listing every file's problems; "drop" warns and returns the valid rows.

    Returns
    -------
    dask.dataframe.DataFrame
        The tidy log, persisted on the workers, each participant in one partition.

    Examples
    --------
    >>> import tempfile
    >>> folder = Path(tempfile.mkdtemp())
    >>> _ = (folder / "p01.csv").write_text("date,exercise,sets\\n2026-03-02,Heel raises,2\\n")
    >>> _ = (folder / "p02.csv").write_text("date,exercise,sets\\n2026-03-03,Toe walk,6\\n")
    >>> log = read_logs(folder, files_per_partition=1)
    >>> log.npartitions, log.compute()[["participant", "sets"]].values.tolist()
    (2, [['p01', 2], ['p02', 6]])
    """
    check_on_invalid(on_invalid)
    options = read_options(options, keywords, caller="read_logs")
    loaded = _load(source, options, files_per_partition, npartitions)
    return loaded.valid_log(on_invalid, stacklevel=3)


def follow_up(
    log: dd.DataFrame,
    window: FollowUp | pd.DataFrame | None = None,
    *,
    routine: Routine | None = None,
    weeks: int | None = None,
    until: Any = None,
    participants: Any = None,
) -> pd.DataFrame:
    """:func:`footstats.follow_up` of the whole cohort: each participant's spans, resolved
    once on the client from each one's first and last day and the cohort's last day.

    Parameters
    ----------
    log : dask.dataframe.DataFrame
        From :func:`read_logs`.
    window : FollowUp or DataFrame, optional
        As for :func:`footstats.follow_up` (spans are returned as they are).
    routine : Routine, optional
        The routine (its optional ``weeks``); None: the default routine.
    weeks, until, participants : optional
        Shorthands for ``window=FollowUp(...)``.

    Returns
    -------
    DataFrame
        The table :func:`footstats.follow_up` gives for the same rows.

    Examples
    --------
    >>> import tempfile
    >>> folder = Path(tempfile.mkdtemp())
    >>> _ = (folder / "p01.csv").write_text("date,exercise,sets\\n2026-03-02,Heel raises,2\\n")
    >>> _ = (folder / "p02.csv").write_text("date,exercise,sets\\n2026-03-16,Toe walk,6\\n")
    >>> follow_up(read_logs(folder, files_per_partition=1))[["participant", "weeks"]].values
    array([['p01', 3],
           ['p02', 1]], dtype=object)
    """
    window = window_argument(window, weeks, until, participants)
    if isinstance(window, pd.DataFrame):
        return window
    parts = log.to_delayed()
    spans = _resolve(parts, window, resolve_routine(routine))
    _count_outside(parts, spans)
    return spans


def per_participant(
    log: dd.DataFrame,
    metric: Callable[..., pd.DataFrame],
    *,
    window: FollowUp | pd.DataFrame | None = None,
    **kwargs: Any,
) -> pd.DataFrame:
    """A per-participant metric of the whole cohort, computed partition by partition.

    The follow-up window is resolved once (:func:`follow_up`) and each partition counts its
    participants' spans, so every participant gets the weeks the pandas metric gives.

    Parameters
    ----------
    log : dask.dataframe.DataFrame
        From :func:`read_logs` (each participant's rows in one partition).
    metric : callable
        A metric of :mod:`footstats.metrics.tables` that takes the tidy log first, e.g.
        ``footstats.weekly_frequency``; it runs on the workers, once per partition.
    window : FollowUp or DataFrame, optional
        The follow-up window (see :func:`footstats.follow_up`).
    **kwargs
        Passed to ``metric`` (``routine=...``, ``lags=...``).

    Returns
    -------
    DataFrame
        The partitions' results gathered (pandas) and put in the order of ``metric``'s
        pandas result: by participant, then as ``metric`` orders each participant's rows.

    Examples
    --------
    >>> import footstats, tempfile
    >>> folder = Path(tempfile.mkdtemp())
    >>> _ = (folder / "p01.csv").write_text("date,exercise,sets\\n2026-03-02,Heel raises,2\\n")
    >>> log = read_logs(folder)
    >>> per_participant(log, footstats.weekly_frequency)[["participant", "sessions"]].values
    array([['p01', 1]], dtype=object)
    """
    window = window_argument(window, None, None, None)
    results = _per_partition(log, window, kwargs.get("routine"), metric, kwargs)
    frames = [frame for frame in results if len(frame)] or list(results[:1])
    out = pd.concat(frames, ignore_index=True)
    if PARTICIPANT in out.columns and len(frames) > 1:
        out = out.sort_values(PARTICIPANT, kind="stable").reset_index(drop=True)
    return out


def summarize(
    log: dd.DataFrame,
    *,
    routine: Routine | None = None,
    window: FollowUp | pd.DataFrame | None = None,
    program: Routine | None = None,
    **kwargs: Any,
) -> dict:
    """:func:`footstats.summarize` of the whole cohort: per participant on the workers, the
    cohort figures (median adherence, share clinically important) over all of them.

    Parameters
    ----------
    log : dask.dataframe.DataFrame
        From :func:`read_logs`.
    routine : Routine, optional
        The routine; None means the default routine.
    program : Routine, optional
        Deprecated: the old name of ``routine`` (a DeprecationWarning).
    window : FollowUp or DataFrame, optional
        The follow-up window, resolved once for the whole cohort (see :func:`follow_up`).
    **kwargs
        ``weeks``, ``until``, ``participants``: shorthands for ``window``.

    Returns
    -------
    dict
        The dict :func:`footstats.summarize` returns for the same log.

    Examples
    --------
    >>> import tempfile
    >>> folder = Path(tempfile.mkdtemp())
    >>> _ = (folder / "p01.csv").write_text("date,exercise,sets\\n2026-03-02,Heel raises,2\\n")
    >>> summarize(read_logs(folder))["cohort"]["participants"]
    1
    """
    routine = deprecated_program(routine, program)
    window = window_argument(window, **_shorthands(kwargs))
    results = _per_partition(log, window, routine, _summarize, {"routine": routine})
    if PARTICIPANT not in log.columns:
        if len(results) != 1:
            raise UsageError("a log without participants must be in one partition")
        return results[0]
    entries = [entry for result in results for entry in result["participants"]]
    order = pd.Series([entry[PARTICIPANT] for entry in entries], dtype="str")
    entries = [entries[i] for i in order.sort_values(kind="stable").index]
    return {"participants": entries, "cohort": cohort_figures(entries)}


def _shorthands(kwargs: dict) -> dict:
    """``weeks``, ``until``, ``participants`` of ``kwargs`` (as follow_up takes them)."""
    unknown = set(kwargs) - {"weeks", "until", "participants"}
    if unknown:
        raise TypeError(f"unexpected keyword argument(s): {', '.join(sorted(unknown))}")
    return {key: kwargs.get(key) for key in ("weeks", "until", "participants")}


def _resolve(parts: list, window: FollowUp, routine: Routine) -> pd.DataFrame:
    """The spans of ``window`` from each participant's first and last row (one pass over
    the partitions); their row counts (``rows_before``, ``rows_after``) are those of these
    bounds only, still to be counted on all the rows."""
    # Each participant's first and last row stand for their rows: the spans depend on no other.
    bounds = pd.concat(dask.compute(*(dask.delayed(_bounds)(part) for part in parts)))
    return pandas_follow_up(bounds.reset_index(drop=True), window, routine=routine)


def _count_outside(parts: list, spans: pd.DataFrame) -> None:
    """``rows_before`` and ``rows_after`` of ``spans`` counted over all the partitions."""
    outside = dask.compute(*(dask.delayed(_outside)(part, spans) for part in parts))
    for column in (ROWS_BEFORE, ROWS_AFTER):
        spans[column] = sum(counts[column] for counts in outside)


def _per_partition(
    log: dd.DataFrame,
    window: FollowUp | pd.DataFrame,
    routine: Routine | None,
    metric: Callable,
    options: dict,
) -> list:
    """``metric`` of every partition over its participants' spans, and of the participants
    enrolled without rows (in the spans, in no partition) on the client.

    Two passes over the partitions: the bounds that resolve the window, then, in one task
    per partition, its participants' row counts outside their spans and the metric (each
    participant's rows are in one partition, so the partition's counts are theirs). Spans
    given as a table: one pass."""
    parts = log.to_delayed()
    if isinstance(window, pd.DataFrame):
        spans, resolved = window, False
    else:
        spans, resolved = _resolve(parts, window, resolve_routine(routine)), True
    by_participant = PARTICIPANT in spans.columns and PARTICIPANT in log.columns
    count = resolved and (by_participant or len(parts) == 1)
    if resolved and not count:
        _count_outside(parts, spans)  # several partitions of one person's log
    done = dask.compute(
        *(dask.delayed(_metric)(part, spans, metric, options, count) for part in parts)
    )
    results = [result for result, _ in done]
    if by_participant:
        seen = set().union(*(seen for _, seen in done))
        absent = spans[~spans[PARTICIPANT].astype("str").isin(seen)]
        if len(absent):
            absent = absent.reset_index(drop=True)
            if count:
                absent[[ROWS_BEFORE, ROWS_AFTER]] = 0  # no rows: none outside the spans
            empty = log._meta.iloc[:0]
            results.append(metric(empty, window=absent, **options))
    return results


def _metric(part: pd.DataFrame, spans: pd.DataFrame, metric: Callable, options: dict, count: bool):
    """``metric`` of one partition over the spans of its own participants (with ``count``,
    their rows outside the spans counted here), and those participants."""
    seen = _participants(part) if PARTICIPANT in part.columns else set()
    if PARTICIPANT in spans.columns and PARTICIPANT in part.columns:
        spans = spans[spans[PARTICIPANT].astype("str").isin(seen)]
    spans = spans.reset_index(drop=True)
    if count:
        counts = _outside(part, spans)
        spans[ROWS_BEFORE], spans[ROWS_AFTER] = counts[ROWS_BEFORE], counts[ROWS_AFTER]
    return metric(part, window=spans, **options), seen


def _participants(part: pd.DataFrame) -> set[str]:
    """The participants of a partition's rows, as text (the distinct values converted)."""
    if not len(part):
        return set()
    column = part[PARTICIPANT]
    if isinstance(column.dtype, pd.CategoricalDtype):
        codes = column.cat.codes.to_numpy()
        values = pd.Index(column.cat.categories[np.unique(codes[codes >= 0])])
    else:
        values = pd.Index(column.dropna().unique())
    return set(values.astype("str"))


def _bounds(part: pd.DataFrame) -> pd.DataFrame:
    """Each participant's first and last row (date only): what their spans depend on."""
    columns = [c for c in (PARTICIPANT, DATE) if c in part.columns]
    rows = part[columns]
    if PARTICIPANT not in rows.columns or rows.empty:
        return rows.iloc[[0, -1]] if len(rows) else rows
    by = rows.groupby(PARTICIPANT, observed=True, sort=False)[DATE]
    first, last = by.min().reset_index(), by.max().reset_index()
    return pd.concat([first, last], ignore_index=True)


def _outside(part: pd.DataFrame, spans: pd.DataFrame) -> dict[str, np.ndarray]:
    """Per participant of ``spans``, how many of the partition's rows are dated before and
    after their span (the ``rows_before`` and ``rows_after`` of the spans)."""
    zeros = np.zeros(len(spans), dtype="int64")
    if part.empty:
        return {ROWS_BEFORE: zeros, ROWS_AFTER: zeros}
    if PARTICIPANT in spans.columns:
        owners = pd.Index(spans[PARTICIPANT].astype("str"))
        # the distinct participants looked up, not every row's id made text
        codes, uniques = pd.factorize(part[PARTICIPANT])
        where = np.append(owners.get_indexer(pd.Index(uniques).astype("str")), -1)
        owner = where[codes]  # a missing id (code -1) takes the -1 appended: no one's
    else:
        owner = np.zeros(len(part), dtype="int64")
    known = owner >= 0
    owner = owner[known]
    day = part[DATE].dt.normalize().to_numpy()[known]
    start = pd.to_datetime(spans[START]).to_numpy()[owner]
    end = pd.to_datetime(spans[END]).to_numpy()[owner]
    return {
        ROWS_BEFORE: np.bincount(owner[day < start], minlength=len(spans)),
        ROWS_AFTER: np.bincount(owner[day > end], minlength=len(spans)),
    }


def _read(files: list[Path], options: ReadOptions, single: bool) -> _Part:
    """Read a group of files as footstats.validate_logs does (one file: as validate_log)."""
    if single:
        (path,) = files
        one = load_log(path, options)
        return _Part(one.log, [one.problems], {one.file: one.format}, one.readable)
    log, problems, formats, _, _ = read_files(files, options)  # batched, as read_logs reads
    return _Part(log, [problems], formats)


def _follow(parts, files: list[int]) -> None:
    """A progress bar of the files read, advanced as each task ends (on a
    ``distributed`` cluster; Dask's local schedulers have read them all by now)."""
    with progress(sum(files), "footstats: reading (Dask)", unit="file") as bar:
        if not bar.shown:
            return
        try:
            from distributed import as_completed, futures_of
        except ImportError:
            return
        size, futures = {}, []
        for part, count in zip(parts, files, strict=True):
            for future in futures_of(part):
                size[future.key] = count
                futures.append(future)
        for future in as_completed(futures):
            bar.advance(size.pop(future.key, 0))


def _facts(part: _Part) -> _Facts:
    log = part.log
    participants: frozenset[Any] = frozenset()
    if PARTICIPANT in log.columns:
        participants = frozenset(None if pd.isna(v) else v for v in log[PARTICIPANT].unique())
    exercises: frozenset[str] = frozenset()
    if EXERCISE in log.columns:
        exercises = _exercises(log[EXERCISE])
    owners = file_owners(log) if SOURCE in log.columns else None
    return _Facts(
        part.problems,
        part.formats,
        owners,
        participants,
        exercises,
        log.iloc[:0],
        len(log),
        part.readable,
    )


def _exercises(column: pd.Series) -> frozenset[str]:
    """The exercises of a log's rows (the categories its rows use, not every row's name)."""
    if isinstance(column.dtype, pd.CategoricalDtype):
        codes = column.cat.codes.to_numpy()
        column = pd.Series(column.cat.categories[np.unique(codes[codes >= 0])])
    return frozenset(column.dropna().astype("str").unique())


def _dask_log(parts, facts: list[_Facts], routine: Routine, npartitions: int | None):
    """The parts as one Dask DataFrame of one schema, each participant in one partition."""
    folder = facts[0].owners is not None
    meta = _schema(facts, routine) if folder else facts[0].head
    kept = [(part, fact) for part, fact in zip(parts, facts, strict=True) if fact.rows]
    kept = kept or [(parts[0], facts[0])]
    starts, total = [], 0
    for _, fact in kept:
        starts.append(total)
        total += fact.rows
    pieces = [
        dask.delayed(_conform)(part, meta, start)
        for (part, _), start in zip(kept, starts, strict=True)
    ]
    divisions = (*starts, total - 1) if total else None
    log = dd.from_delayed(pieces, meta=meta, divisions=divisions, verify_meta=False)
    seen: set = set()
    shared = False
    for _, fact in kept:
        shared = shared or not seen.isdisjoint(fact.participants)
        seen |= fact.participants
    wanted = npartitions or len(kept)
    if PARTICIPANT in meta.columns and (shared or wanted != len(kept)):
        # Dask's shuffle puts each participant in one partition; the index (row number)
        # then puts every partition back in the order of the files' rows.
        wanted = max(1, min(wanted, len(seen)))
        log = log.shuffle(PARTICIPANT, npartitions=wanted).map_partitions(_in_row_order)
    return log.persist()


def _schema(facts: list[_Facts], routine: Routine) -> pd.DataFrame:
    """The combined log's columns and dtypes, as footstats.read_logs makes them (no rows)."""
    heads = [fact.head for fact in facts]
    meta = combine_logs(heads, routine)
    if EXERCISE in meta.columns:
        others = sorted(frozenset().union(*(fact.exercises for fact in facts)) - set(routine.ids))
        meta[EXERCISE] = pd.Categorical([], categories=[*routine.ids, *others])
    for column in TEXT_CATEGORIES:
        # each part's categories are the texts its rows hold (combine_logs), kept by its
        # empty head: their union, sorted, is what read_logs gives for the whole folder
        if column in meta.columns:
            texts = {t for head in heads if column in head for t in _categories(head[column])}
            categories = pd.Index(sorted(texts), dtype="str")
            meta[column] = pd.Categorical([], categories=categories)
    for column in meta.columns:
        # a bool column some files lack is NA there, as read_logs makes it
        lacking = any(column not in head or head[column].dtype == "boolean" for head in heads)
        if pd.api.types.is_bool_dtype(meta[column].dtype) and lacking:
            meta[column] = meta[column].astype("boolean")
    return meta


def _categories(column: pd.Series) -> list[str]:
    if isinstance(column.dtype, pd.CategoricalDtype):
        return column.cat.categories.astype("str").tolist()
    return []


def _conform(part: _Part, meta: pd.DataFrame, start: int) -> pd.DataFrame:
    """A part's log with ``meta``'s columns and dtypes, indexed by row number from start."""
    log = part.log
    if list(log.columns) == list(meta.columns):
        log = log.copy(deep=False)  # the columns that differ are replaced, not the others
    else:
        log = log.reindex(columns=meta.columns)
    for column, dtype in meta.dtypes.items():
        if log[column].dtype != dtype:
            log[column] = log[column].astype(dtype)
    log.index = pd.RangeIndex(start, start + len(log))
    return log


def _in_row_order(log: pd.DataFrame) -> pd.DataFrame:
    return log.sort_index(kind="stable")


def _no_log() -> dd.DataFrame:
    return dd.from_pandas(no_rows(), npartitions=1)


fill_docs(globals())  # after the definitions, not a decorator: see footstats.core.docstrings
