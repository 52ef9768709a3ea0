"""Synthetic exercise logs: the packaged sample log and cohort logs for the benchmarks.

One seeded generator (``numpy.random.default_rng(seed)``) writes rows in the footstats CSV
log format (docs/log-format.md). With ``participants=None`` it plays one person
doing the packaged foot routine; with ``participants=N`` it plays a cohort whose members
each get their own start week, adherence and pain trend. Everything is drawn with array
operations over all participants at once, so a million rows take seconds.

What the log contains (counts are per participant and scale with ``weeks``; the personal
sample's are exact, a cohort member's are drawn):

- sessions on 2 days of most weeks, 3 days of some, 1 day of a few (cohort only), and
  none in a few "missed" weeks (never the first or the last week); 16 personal weeks have
  exactly 2 missed weeks and 2 weeks of 3 sessions;
- one row per routine exercise in routine order with the routine's dose (sets at the low
  end of the range, now and then the high end; reps drawn within the range; seconds per
  set or hold); now and then an exercise is left out or done with fewer sets;
- heel raises, in some sessions, as separate ``left`` and ``right`` rows, sometimes with
  one set fewer on one side; other per-side exercises once with side ``both``, exercises
  that are not per side with a blank side;
- pain (back, hip, knee; whole numbers 0-10) once per session on its first row, drifting
  from the participant's starting level to its final level with noise;
- pain-only check-in rows (blank exercise) on days without a session;
- a few notes on first rows (the first one, ``tired, short session``, has a comma and
  marks a session that skipped the last exercise), one ``Calf stretch`` row (an exercise
  outside the routine), and a session logged with a time of day (``2026-03-14 07:30``)
  on all of its rows;
- minutes (15-20, once per session, on its first row).

Why one module of about 660 lines: one generator whose steps (sessions, doses, sides,
pain, check-ins, notes) draw from one random stream in a fixed order, which the bytes of the
packaged sample log depend on; split up, that order would be spread over modules.

Run ``python -m footstats.synthetic`` to regenerate ``sample_data/foot_log.csv`` and the
packaged copy ``footstats/data/foot_log.csv`` (identical bytes; a test keeps them equal to
what this module produces).
"""

from __future__ import annotations

import argparse
import datetime as dt
from dataclasses import dataclass
from os import PathLike
from pathlib import Path

import numpy as np
import pandas as pd

from footstats.columns import (
    DATE,
    DEFAULT_PAIN_SITES,
    EXERCISE,
    MINUTES,
    NOTES,
    PARTICIPANT,
    REPS,
    SECONDS,
    SETS,
    SIDE,
    pain_column,
)
from footstats.errors import UsageError
from footstats.routine import load_routine
from footstats.writing.files import atomic_path

__all__ = [
    "EXTRA_EXERCISE",
    "SAMPLE_PATHS",
    "SAMPLE_SEED",
    "SAMPLE_START",
    "SAMPLE_WEEKS",
    "COHORT_PATHS",
    "generate_cohort",
    "generate_log",
    "main",
    "write_cohort",
    "write_cohort_files",
    "write_cohort_sample",
    "write_sample",
]

SAMPLE_SEED = 20260302
SAMPLE_START = "2026-03-02"
SAMPLE_WEEKS = 16
SAMPLE_NAME = "foot_log.csv"
_PACKAGE_DIR = Path(__file__).resolve().parent
SAMPLE_PATHS = (
    _PACKAGE_DIR.parent / "sample_data" / SAMPLE_NAME,
    _PACKAGE_DIR / "data" / SAMPLE_NAME,
)
# The cohort sample of notebook 06: a 12-week programme, about a third who stop early, two
# groups, and one enrolled participant who never logged.
COHORT_SAMPLE = {"participants": 24, "weeks": 12, "seed": 3, "dropout": 0.35, "start": "2026-01-05"}
COHORT_GROUPS = ("clinic", "home")
COHORT_PATHS = (
    _PACKAGE_DIR.parent / "sample_data" / "cohort_log.csv",
    _PACKAGE_DIR.parent / "sample_data" / "participants.csv",
)

SPLIT_EXERCISE = "heel_raises"
EXTRA_EXERCISE, EXTRA_SETS, EXTRA_SECONDS = "Calf stretch", 2, 30
# The first note has a comma (so the CSV must quote it) and marks a shortened session.
NOTE_TEXTS = (
    "tired, short session",
    "felt good",
    "left calf tight",
    "after a long walk",
    "knee a bit stiff today",
)
TIMES = ("07:30", "18:45", "12:15")
PAIN_NOISE_SD = 0.7
_SIDE_TEXT = ("", "left", "right", "both")
_NO_SIDE, _LEFT, _RIGHT, _BOTH = range(4)


@dataclass(frozen=True)
class _Profiles:
    """Per-participant behaviour, one array element per participant.

    Counts are over the whole log (weeks, sessions or split sessions); rates are per
    exercise row or per session.
    """

    offset_weeks: np.ndarray
    missed_weeks: np.ndarray
    one_session_weeks: np.ndarray
    three_session_weeks: np.ndarray
    skip_rate: np.ndarray
    fewer_rate: np.ndarray
    more_rate: np.ndarray
    split_rate: np.ndarray
    imbalanced: np.ndarray
    checkins: np.ndarray
    extras: np.ndarray
    timed: np.ndarray
    notes: np.ndarray
    pain_start: np.ndarray  # (participants, sites)
    pain_end: np.ndarray


def _counts(rate_per_week, weeks: int) -> np.ndarray:
    return np.rint(np.asarray(rate_per_week, dtype=float) * weeks).astype(np.int64)


def _personal_profile(weeks: int) -> _Profiles:
    # Rates per week chosen so 16 weeks give exactly the sample's features.
    def one(value):
        return np.array([value])

    return _Profiles(
        offset_weeks=one(0),
        missed_weeks=_counts(one(2 / 16), weeks),
        one_session_weeks=one(0),
        three_session_weeks=_counts(one(2 / 16), weeks),
        skip_rate=one(0.04),
        fewer_rate=one(0.05),
        more_rate=one(0.2),
        split_rate=one(0.35),
        imbalanced=_counts(one(3 / 16), weeks),
        checkins=_counts(one(5 / 16), weeks),
        extras=np.maximum(_counts(one(1 / 16), weeks), 1),
        timed=np.maximum(_counts(one(1 / 16), weeks), 1),
        notes=_counts(one(4 / 16), weeks),
        pain_start=np.array([[6.0, 4.5, 3.5]]),
        pain_end=np.array([[2.5, 2.0, 1.0]]),
    )


def _cohort_profiles(rng: np.random.Generator, n: int, weeks: int) -> _Profiles:
    def uniform(low, high):
        return rng.uniform(low, high, n)

    sites = len(DEFAULT_PAIN_SITES)
    pain_start = np.clip(rng.normal(5.0, 1.8, (n, sites)), 0.5, 9.5)
    return _Profiles(
        offset_weeks=rng.integers(0, 4, n),
        missed_weeks=_counts(uniform(0.04, 0.24), weeks),
        one_session_weeks=_counts(uniform(0.0, 0.15), weeks),
        three_session_weeks=_counts(uniform(0.05, 0.3), weeks),
        skip_rate=uniform(0.01, 0.1),
        fewer_rate=uniform(0.01, 0.08),
        more_rate=uniform(0.0, 0.4),
        split_rate=uniform(0.0, 0.6),
        imbalanced=_counts(uniform(0.0, 0.15), weeks),
        checkins=_counts(uniform(0.0, 0.4), weeks),
        extras=_counts(uniform(0.0, 0.05), weeks),
        timed=_counts(uniform(0.0, 0.05), weeks),
        notes=_counts(uniform(0.0, 0.2), weeks),
        # some improve a lot, some not at all, a few get worse
        pain_start=pain_start,
        pain_end=pain_start * rng.uniform(0.3, 1.15, (n, sites)),
    )


def _random_rank(rng: np.random.Generator, group: np.ndarray, last=None) -> np.ndarray:
    """Each item's place (0, 1, ...) in a random ordering of its group.

    ``rank < k`` then picks exactly ``k`` random items of each group (all when fewer),
    without a loop over groups. Items where ``last`` is True come after the others.
    """
    keys = [rng.random(len(group))]
    if last is not None:
        keys.append(last)
    order = np.lexsort((*keys, group))
    sorted_group = group[order]
    first_of_group = np.searchsorted(sorted_group, sorted_group, side="left")
    rank = np.empty(len(group), dtype=np.int64)
    rank[order] = np.arange(len(group)) - first_of_group
    return rank


def _sessions_per_week(rng, prof: _Profiles, week_p, week_i, weeks) -> np.ndarray:
    edge = (week_i == 0) | (week_i == weeks - 1)
    rank = _random_rank(rng, week_p, last=edge)
    # The first and last weeks always have sessions: they set the span of the log.
    missed = np.minimum(prof.missed_weeks, max(weeks - 2, 0))[week_p]
    one = missed + prof.one_session_weeks[week_p]
    three = one + prof.three_session_weeks[week_p]
    return np.select([rank < missed, rank < one, rank < three], [0, 1, 3], default=2)


def _pain(rng, prof: _Profiles, participant, day, weeks) -> np.ndarray:
    progress = (day - prof.offset_weeks[participant] * 7) / (weeks * 7)
    start, end = prof.pain_start[participant], prof.pain_end[participant]
    level = start + (end - start) * progress[:, None]
    level += rng.normal(0.0, PAIN_NOISE_SD, level.shape)
    return np.clip(np.rint(level), 0, 10).astype(np.int64)


def _dose_table(routine):
    """Per exercise: sets low/high, reps low/high (-1 = none), seconds (-1 = none)."""
    exercises = routine.exercises
    reps = [e.reps for e in exercises]
    seconds = [e.seconds or e.hold_seconds for e in exercises]
    return {
        "sets_low": np.array([e.prescribed_sets for e in exercises]),
        "sets_high": np.array([int(e.sets.high) for e in exercises]),
        "reps_low": np.array([int(r.low) if r else -1 for r in reps]),
        "reps_high": np.array([int(r.high) if r else -1 for r in reps]),
        "seconds": np.array([int(s.low) if s else -1 for s in seconds]),
        "side": np.array([_BOTH if e.per_side else _NO_SIDE for e in exercises]),
    }


def _session_rows(rng, prof: _Profiles, routine, s_p: np.ndarray) -> dict[str, np.ndarray]:
    """The exercise rows of every session, session by session, in routine order.

    Each session is a row of a (sessions x slots) grid: one slot per routine exercise, a
    second heel-raise slot for the right side, and a slot for the extra exercise.
    """
    n_sessions, n_exercises = len(s_p), len(routine.exercises)
    dose = _dose_table(routine)

    note_rank = _random_rank(rng, s_p)
    note = np.where(note_rank < prof.notes[s_p], note_rank % len(NOTE_TEXTS), -1)
    short = note == 0
    timed_rank = _random_rank(rng, s_p)
    time_code = np.where(timed_rank < prof.timed[s_p], rng.integers(0, len(TIMES), n_sessions), -1)
    extra = _random_rank(rng, s_p) < prof.extras[s_p]
    split = rng.random(n_sessions) < prof.split_rate[s_p]
    imbalanced = np.zeros(n_sessions, dtype=bool)
    imbalanced[split] = _random_rank(rng, s_p[split]) < prof.imbalanced[s_p[split]]
    weak_is_left = rng.random(n_sessions) < 0.5
    minutes = np.where(short, rng.integers(9, 13, n_sessions), rng.integers(15, 21, n_sessions))

    shape = (n_sessions, n_exercises)
    done = rng.random(shape) >= prof.skip_rate[s_p, None]
    done[short, -1] = False
    # A session needs at least one exercise, or it would not be a session.
    done[~done.any(axis=1), 0] = True
    sets = np.where(
        rng.random(shape) < prof.more_rate[s_p, None], dose["sets_high"], dose["sets_low"]
    )
    fewer = (rng.random(shape) < prof.fewer_rate[s_p, None]) & (dose["sets_low"] > 1)
    fewer_sets = 1 + (rng.random(shape) * (dose["sets_low"] - 1)).astype(np.int64)
    sets = np.where(fewer, fewer_sets, sets)
    rep_span = dose["reps_high"] - dose["reps_low"] + 1
    reps = np.where(
        dose["reps_low"] >= 0,
        dose["reps_low"] + (rng.random(shape) * rep_span).astype(np.int64),
        -1,
    )
    code = np.broadcast_to(np.arange(n_exercises), shape)
    seconds = np.broadcast_to(dose["seconds"], shape)
    side = np.broadcast_to(dose["side"], shape)

    # Heel raises by side: the left row takes the heel-raise slot, the right row a new one.
    j = routine.ids.index(SPLIT_EXERCISE)
    strong = np.maximum(sets[:, j], dose["sets_low"][j])
    left = np.where(imbalanced, np.where(weak_is_left, strong - 1, strong), sets[:, j])
    right = np.where(imbalanced, np.where(weak_is_left, strong, strong - 1), sets[:, j])
    sets = np.insert(sets, j + 1, right, axis=1)
    sets[:, j] = np.where(split, left, sets[:, j])
    side = np.insert(side, j + 1, _RIGHT, axis=1)
    side[:, j] = np.where(split, _LEFT, side[:, j])
    present = np.insert(done, j + 1, done[:, j] & split, axis=1)
    code, reps, seconds = (np.insert(a, j + 1, a[:, j], axis=1) for a in (code, reps, seconds))

    def with_extra(grid, value):
        return np.column_stack([grid, np.broadcast_to(value, n_sessions)])

    present = with_extra(present, extra)
    code = with_extra(code, n_exercises)
    sets = with_extra(sets, EXTRA_SETS)
    reps = with_extra(reps, -1)
    seconds = with_extra(seconds, EXTRA_SECONDS)
    side = with_extra(side, _NO_SIDE)

    first = present & (np.cumsum(present, axis=1) == 1)
    session, _ = np.nonzero(present)
    is_first = first[present]
    return {
        "session": session,
        "code": code[present],
        "sets": sets[present],
        "reps": reps[present],
        "seconds": seconds[present],
        "side": side[present],
        "first": is_first,
        "time": time_code[session],
        "minutes": np.where(is_first, minutes[session], -1),
        "note": np.where(is_first, note[session], -1),
    }


def _numbers_text(values: np.ndarray) -> np.ndarray:
    """Whole numbers as text, -1 as a blank, by table lookup (no per-row formatting)."""
    top = max(int(values.max(initial=0)), 0)
    table = np.array([str(i) for i in range(top + 1)] + [""], dtype=object)
    return table[np.where(values < 0, top + 1, values)]


def _dates_text(start: dt.date, day: np.ndarray, time_code: np.ndarray) -> np.ndarray:
    key = day * (len(TIMES) + 1) + time_code + 1
    unique, inverse = np.unique(key, return_inverse=True)
    labels = []
    for k in unique.tolist():
        date = (start + dt.timedelta(days=k // (len(TIMES) + 1))).isoformat()
        slot = k % (len(TIMES) + 1)
        labels.append(date if slot == 0 else f"{date} {TIMES[slot - 1]}")
    return np.array(labels, dtype=object)[inverse]


def _start_date(start) -> dt.date:
    day = pd.Timestamp(start).date()
    if day.weekday() != 0:
        raise UsageError(f"start must be a Monday (weeks are ISO weeks), got {day} ({day:%A})")
    return day


def generate_log(
    *,
    weeks: int = SAMPLE_WEEKS,
    start: str | dt.date = SAMPLE_START,
    seed: int = SAMPLE_SEED,
    participants: int | None = None,
    dropout: float = 0.0,
) -> pd.DataFrame:
    """Make a realistic exercise log, as the rows of a CSV file.

    Parameters
    ----------
    weeks : int, default 16
        Weeks of logging per participant.
    start : str or date, default "2026-03-02"
        The Monday the log (or, for a cohort, the earliest participant) starts. Choose it
        so the log ends in the past: a cohort runs up to ``weeks + 3`` weeks from it, and
        the reader warns about dates in the future.
    seed : int
        Seed of ``numpy.random.default_rng``; the same arguments give the same frame.
    participants : int, optional
        None: one person with the packaged sample's profile (no ``participant``
        column). A number: a cohort, ids ``p0001``, ``p0002``, ..., each starting 0-3
        weeks after ``start``, with their own adherence and pain trend; about 9.3 rows a
        week each (about 480 for 52 weeks).
    dropout : float, default 0
        For a cohort: the share of participants who stop logging after a random week
        (1 to ``weeks - 1``), so the cohort view has drop-outs to show. Drawn from a second
        generator, so the rest of the log is the same as without drop-outs.

    Returns
    -------
    DataFrame
        One row per CSV row, every cell text (blanks are ``""``), columns
        ``[participant,] date, exercise, sets, reps, seconds, side, pain_back, pain_hip,
        pain_knee, minutes, notes``, sorted by participant and date.

    Examples
    --------
    >>> log = generate_log()
    >>> log.iloc[0].to_dict()  # doctest: +NORMALIZE_WHITESPACE
    {'date': '2026-03-02', 'exercise': 'Toe walking', 'sets': '6', 'reps': '',
     'seconds': '60', 'side': '', 'pain_back': '7', 'pain_hip': '4', 'pain_knee': '3',
     'minutes': '18', 'notes': 'left calf tight'}
    >>> cohort = generate_log(weeks=52, start="2025-01-06", participants=3)
    >>> cohort["participant"].unique().tolist()
    ['p0001', 'p0002', 'p0003']
    """
    if weeks < 1:
        raise UsageError(f"weeks must be at least 1, got {weeks}")
    if participants is not None and participants < 1:
        raise UsageError(f"participants must be at least 1 or None, got {participants}")
    start_day = _start_date(start)
    routine = load_routine()
    rng = np.random.default_rng(seed)
    if participants is None:
        prof = _personal_profile(weeks)
    else:
        prof = _cohort_profiles(rng, participants, weeks)
    n_people = len(prof.offset_weeks)

    week_p = np.repeat(np.arange(n_people), weeks)
    week_i = np.tile(np.arange(weeks), n_people)
    sessions = _sessions_per_week(rng, prof, week_p, week_i, weeks)
    if dropout:
        if participants is None or not 0 <= dropout <= 1:
            raise UsageError(f"dropout is a share 0-1 of a cohort's participants, got {dropout}")
        stop = _stop_weeks(np.random.default_rng([seed, 1]), n_people, weeks, dropout)
        sessions = np.where(week_i < stop[week_p], sessions, 0)
    # Session days: the week's first `sessions` days in a random order of its 7 days;
    # the next day in that order is free for a check-in.
    day_rank = _random_rank(rng, np.repeat(np.arange(len(week_p)), 7)).reshape(-1, 7)
    checkin_week = _random_rank(rng, week_p) < prof.checkins[week_p]
    if dropout:
        checkin_week &= week_i < stop[week_p]
    week_day0 = (prof.offset_weeks[week_p] + week_i) * 7

    s_week, s_dow = np.nonzero(day_rank < sessions[:, None])
    s_p, s_day = week_p[s_week], week_day0[s_week] + s_dow
    rows = _session_rows(rng, prof, routine, s_p)
    row_p, row_day = s_p[rows["session"]], s_day[rows["session"]]
    pain = np.where(
        rows["first"][:, None], _pain(rng, prof, s_p, s_day, weeks)[rows["session"]], -1
    )

    c_week, c_dow = np.nonzero((day_rank == sessions[:, None]) & checkin_week[:, None])
    c_p, c_day = week_p[c_week], week_day0[c_week] + c_dow
    n_checkins = len(c_p)
    blank = np.full(n_checkins, -1)

    def both(session_values, checkin_values=blank):
        return np.concatenate([session_values, checkin_values])

    participant = both(row_p, c_p)
    day = both(row_day, c_day)
    pain = np.concatenate([pain, _pain(rng, prof, c_p, c_day, weeks)])
    # Stable: a session's rows keep their routine order.
    order = np.lexsort((day, participant))

    exercise_names = np.array([e.name for e in routine.exercises] + [EXTRA_EXERCISE, ""], object)
    columns = {}
    if participants is not None:
        width = max(4, len(str(participants)))
        ids = np.array([f"p{i + 1:0{width}d}" for i in range(participants)], dtype=object)
        columns[PARTICIPANT] = ids[participant]
    columns[DATE] = _dates_text(start_day, day, both(rows["time"]))
    columns[EXERCISE] = exercise_names[both(rows["code"])]
    columns[SETS] = _numbers_text(both(rows["sets"]))
    columns[REPS] = _numbers_text(both(rows["reps"]))
    columns[SECONDS] = _numbers_text(both(rows["seconds"]))
    columns[SIDE] = np.array(_SIDE_TEXT, dtype=object)[both(rows["side"], blank + 1)]
    for k, site in enumerate(DEFAULT_PAIN_SITES):
        columns[pain_column(site)] = _numbers_text(pain[:, k])
    columns[MINUTES] = _numbers_text(both(rows["minutes"]))
    columns[NOTES] = np.array([*NOTE_TEXTS, ""], dtype=object)[both(rows["note"])]
    return pd.DataFrame(
        {name: pd.array(values[order], dtype="str") for name, values in columns.items()}
    )


def _stop_weeks(rng: np.random.Generator, n: int, weeks: int, dropout: float) -> np.ndarray:
    """Per participant, the first week without logging: ``weeks`` for those who keep going."""
    stops = rng.random(n) < dropout
    return np.where(stops, rng.integers(1, max(weeks, 2), n), weeks)


def _csv_bytes(frame: pd.DataFrame) -> bytes:
    return frame.to_csv(index=False, lineterminator="\n").encode("utf-8")


def write_sample(
    path: str | PathLike | None = None,
    *,
    weeks: int = SAMPLE_WEEKS,
    start: str | dt.date = SAMPLE_START,
    seed: int = SAMPLE_SEED,
    participants: int | None = None,
    dropout: float = 0.0,
) -> list[Path]:
    """Write :func:`generate_log` as a CSV file (UTF-8, LF line endings), atomically.

    Parameters
    ----------
    path : str or path-like, optional
        The file to write. None writes the sample log to both ``sample_data/foot_log.csv``
        and the packaged ``footstats/data/foot_log.csv`` (identical bytes).
    weeks, start, seed, participants, dropout
        As for :func:`generate_log`.

    Returns
    -------
    list of Path
        The files written.

    Examples
    --------
    >>> import tempfile
    >>> out = Path(tempfile.mkdtemp()) / "cohort.csv"
    >>> write_sample(out, weeks=4, participants=2) == [out]
    True
    >>> out.read_text().splitlines()[0]
    'participant,date,exercise,sets,reps,seconds,side,pain_back,pain_hip,pain_knee,minutes,notes'
    """
    frame = generate_log(
        weeks=weeks, start=start, seed=seed, participants=participants, dropout=dropout
    )
    data = _csv_bytes(frame)
    targets = list(SAMPLE_PATHS) if path is None else [Path(path)]
    for target in targets:
        with atomic_path(target) as tmp:
            tmp.write_bytes(data)
    return targets


def write_cohort(
    folder: str | PathLike,
    *,
    participants: int,
    weeks: int = SAMPLE_WEEKS,
    start: str | dt.date = SAMPLE_START,
    seed: int = SAMPLE_SEED,
    chunk: int = 1000,
) -> list[Path]:
    """Write a cohort as a folder of logs, one CSV per participant, for
    :func:`footstats.read_logs`.

    The cohort is generated ``chunk`` participants at a time (chunk k with seed
    ``seed + k``), so a cohort of tens of millions of rows needs the memory of one chunk.
    Each file is named by its participant (``p0001.csv``, ...) and has no ``participant``
    column; it is written like :func:`write_sample`.

    Parameters
    ----------
    folder : str or path-like
        The folder to write to, created (with its parents) if it does not exist.
    participants : int
        How many.
    weeks, start, seed
        As for :func:`generate_log`.
    chunk : int, default 1000
        Participants generated at once.

    Returns
    -------
    list of Path
        The files written, in participant order.

    Examples
    --------
    >>> import tempfile
    >>> files = write_cohort(tempfile.mkdtemp(), participants=3, weeks=4, chunk=2)
    >>> [path.name for path in files]
    ['p0001.csv', 'p0002.csv', 'p0003.csv']
    >>> files[0].read_text().splitlines()[0]
    'date,exercise,sets,reps,seconds,side,pain_back,pain_hip,pain_knee,minutes,notes'
    """
    if participants < 1 or chunk < 1:
        raise UsageError(f"participants and chunk must be at least 1, got {participants}, {chunk}")
    width = max(4, len(str(participants)))
    Path(folder).mkdir(parents=True, exist_ok=True)
    written = []
    for k, first in enumerate(range(0, participants, chunk)):
        count = min(chunk, participants - first)
        frame = generate_log(weeks=weeks, start=start, seed=seed + k, participants=count)
        for who, rows in frame.groupby(PARTICIPANT, sort=True):
            number = first + int(who.removeprefix("p"))
            target = Path(folder) / f"p{number:0{width}d}.csv"
            with atomic_path(target) as tmp:
                tmp.write_bytes(_csv_bytes(rows.drop(columns=PARTICIPANT)))
            written.append(target)
    return written


def generate_cohort(**options) -> tuple[pd.DataFrame, pd.DataFrame]:
    """A cohort log and its participants table (CSV rows as text).

    The log is :func:`generate_log` with ``options`` (default: the cohort sample of notebook
    06). The table has ``participant, start, weeks, group``: each start is the day of the
    participant's first row, ``weeks`` the programme's length, groups alternate, and one more
    participant is enrolled (starting a week after the first start) without any row.

    Examples
    --------
    >>> log, table = generate_cohort(participants=2, weeks=4, seed=1)
    >>> table.columns.tolist(), len(table)
    (['participant', 'start', 'weeks', 'group'], 3)
    """
    options = {**COHORT_SAMPLE, **options}
    log = generate_log(**options)
    first = log.groupby(PARTICIPANT, sort=True)[DATE].min().str.slice(0, 10)
    never = f"p{len(first) + 1:0{len(first.index[0]) - 1}d}"
    enrolled = pd.Timestamp(_start_date(options["start"])) + pd.Timedelta(weeks=1)
    ids = [*first.index, never]
    table = pd.DataFrame(
        {
            PARTICIPANT: ids,
            "start": [*first, f"{enrolled:%Y-%m-%d}"],
            "weeks": str(options["weeks"]),
            "group": [COHORT_GROUPS[i % len(COHORT_GROUPS)] for i in range(len(ids))],
        }
    )
    return log, table


def write_cohort_files(
    log_path: str | PathLike, table_path: str | PathLike, **options
) -> list[Path]:
    """Write :func:`generate_cohort` (``options`` as for it): the log, then its table.

    Examples
    --------
    >>> import tempfile
    >>> folder = Path(tempfile.mkdtemp())
    >>> log, table = write_cohort_files(
    ...     folder / "log.csv", folder / "people.csv", participants=3, weeks=4, dropout=0.5
    ... )
    >>> table.read_text().splitlines()[0]
    'participant,start,weeks,group'
    >>> len(table.read_text().splitlines())  # a header, 3 participants, 1 who never logged
    5
    """
    targets = [Path(log_path), Path(table_path)]
    for frame, target in zip(generate_cohort(**options), targets, strict=True):
        with atomic_path(target) as tmp:
            tmp.write_bytes(_csv_bytes(frame))
    return targets


def write_cohort_sample() -> list[Path]:
    """Write the cohort sample (:func:`generate_cohort`) to :data:`COHORT_PATHS`."""
    for frame, target in zip(generate_cohort(), COHORT_PATHS, strict=True):
        with atomic_path(target) as tmp:
            tmp.write_bytes(_csv_bytes(frame))
    return list(COHORT_PATHS)


def main(argv: list[str] | None = None) -> int:
    """``python -m footstats.synthetic``: regenerate the sample log, or write another log.

    Examples
    --------
    >>> import tempfile
    >>> out = Path(tempfile.mkdtemp()) / "year.csv"
    >>> main(["-o", str(out), "--weeks", "52", "--start", "2025-01-06"])  # doctest: +ELLIPSIS
    /.../year.csv
    0
    """
    parser = argparse.ArgumentParser(
        prog="python -m footstats.synthetic",
        description="Write a synthetic exercise log. With no options: regenerate the "
        "sample log (sample_data/foot_log.csv and footstats/data/foot_log.csv).",
    )
    parser.add_argument("-o", "--output", help="the CSV file to write")
    parser.add_argument("--weeks", type=int, default=SAMPLE_WEEKS)
    parser.add_argument("--start", default=SAMPLE_START, help="a Monday, YYYY-MM-DD")
    parser.add_argument("--seed", type=int, default=SAMPLE_SEED)
    parser.add_argument("--participants", type=int, help="write a cohort of this many")
    parser.add_argument(
        "--dropout",
        type=float,
        default=0.0,
        help="with --participants: the share (0-1) of participants who stop logging early",
    )
    parser.add_argument(
        "--participants-table",
        metavar="CSV",
        help="with --participants: also write the cohort's participants table "
        "(participant,start,weeks,group; one more participant enrolled who never logged)",
    )
    parser.add_argument(
        "--cohort-sample",
        action="store_true",
        help="regenerate sample_data/cohort_log.csv and participants.csv (notebook 06)",
    )
    args = parser.parse_args(argv)
    if args.cohort_sample:
        for target in write_cohort_sample():
            print(target)
        return 0
    cohort_only = args.dropout or args.participants_table
    if cohort_only and not args.participants:
        parser.exit(2, "error: --dropout and --participants-table need --participants N\n")
    if not 0 <= args.dropout <= 1:
        parser.exit(2, f"error: --dropout is a share from 0 to 1, got {args.dropout}\n")
    options = {"weeks": args.weeks, "start": args.start, "seed": args.seed}
    try:
        if args.participants_table:
            if not args.output:
                parser.exit(2, "error: --participants-table needs -o/--output for the log\n")
            written = write_cohort_files(
                args.output,
                args.participants_table,
                participants=args.participants,
                dropout=args.dropout,
                **options,
            )
        else:
            written = write_sample(
                args.output, participants=args.participants, dropout=args.dropout, **options
            )
    except (OSError, ValueError) as exc:
        parser.exit(2, f"error: {exc}\n")
    for target in written:
        print(target)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
