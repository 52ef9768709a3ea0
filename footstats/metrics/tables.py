"""Weekly metrics of a tidy exercise log: frequency, set completion and pain.

Every function takes the tidy log of :func:`footstats.read_log` first (other parameters are
keyword-only), returns a new DataFrame and never changes its input, so they chain with
``.pipe``: ``log.pipe(weekly_frequency, routine=prog)``. When the log has a ``participant``
column every metric is computed per participant, each over their own follow-up window, and
the result starts with a ``participant`` column. Every metric takes the window's options
``weeks=``, ``until=`` and ``participants=`` (see :func:`follow_up`).

Definitions (also in docs/metrics.md):

session
    One calendar day of one participant with at least one row of a routine exercise with
    sets > 0, or a ``session_done`` row (a habit tracker's "done" without per-exercise
    detail). Two workouts on one day (07:30 and 18:00, or two app workouts) are one session:
    the routine prescribes sessions per week, and a second workout that day is not a second
    session; :func:`session_table` keeps the number of ``workouts`` of each day. Rows with
    pain only are check-ins.
follow-up window
    Per participant a first and a last day (AdhereR's follow-up window, which is also the
    observation window here). start: the participant's ``start`` in the participants table,
    otherwise the day of their first row (check-ins included). end, the first that applies:
    the table's ``end`` or ``start`` + its ``weeks``; ``weeks=N``; the routine's
    ``weeks``; ``until=``; otherwise the day of the last row of the log (of anyone: the data
    cut-off). N weeks end on the Sunday of the N-th ISO week from the start's week. Rows
    outside the window stay in the log and are left out of every metric.
week
    ISO week, Monday to Sunday, labelled by its Monday at midnight. A participant's weeks run
    from the week of the window's start to the week of its end; a week without a session is
    a row with 0 sessions, not a missing row, so the weeks after someone stopped count as
    missed. The study week (``week_index``) numbers them 1, 2, ... from the start's week, to
    compare participants who started on different dates week by week.
frequency
    Sessions per week; the target is met when sessions >= the routine's minimum.
    A week the window's end cuts short (its Sunday is later: the current week) is *in
    progress*: it is judged (counted for adherence and streaks) once it meets the target,
    never as a miss. Adherence % = mean over the judged weeks of min(sessions / minimum, 1)
    x 100. Streaks are runs of consecutive judged weeks with the target met: the current
    one ends in the last judged week.
habit strength
    Loop Habit Tracker's score, 0-100: each day of the window, score = score x m + share
    x (1 - m), m = 0.5 ** (sqrt(minimum / 7) / 13), share = min(1, sessions in the 14 days
    ending that day / (2 x minimum)); a week shows the score on its last day in the window.
set completion
    Per session and routine exercise (an exercise missing from a session counts 0 sets),
    with p the prescribed sets (the low end of the routine's range): completion =
    min(done / p, 1). Per-side exercises: a ``both`` row counts for each side, each side is
    capped at p, completion = (min(left, p) + min(right, p)) / 2p and sets_done = left +
    right. A week's completion is the mean of its sessions' capped completions. Sessions
    known only from ``session_done`` rows have no set detail and are left out of set tables.
pain
    A report is one value per site per date as written (a session's rows, or a check-in),
    however many rows repeat it; two workouts of one day each give their own report.
    Baseline = mean of a site's reports in the 14 calendar days starting on the day of its
    first report; latest = mean of those in the 14 days ending on the day of its last.
    change = latest - baseline, change_pct = change / baseline x 100 (undefined when the
    baseline is 0). Clinically important improvement (Farrar 2001): change <= -2 points or
    change_pct <= -30. IMMPACT bands of the reduction (-change_pct): < 10 % none, 10-30 %
    minimal, 30-50 % moderate, >= 50 % substantial.
adherence vs pain
    Weekly sessions beside weekly mean pain, also lagged: pain in week w against sessions in
    week w - k. An association, never evidence that the routine caused a change.

Why one module of about a thousand lines: the eleven public metrics share one set of array
helpers (exercise codes, session keys, set cells, pain reports; at the end of the module),
and :func:`summarize` uses them all, so splitting the metrics by topic would scatter those
helpers across modules that import each other. What stands apart is apart: the follow-up
window in ``_followup.py``, the week grid in ``_weeks.py``, the input guards in
``_guards.py``.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

import numpy as np
import pandas as pd

from footstats.columns import (
    ADHERENCE_PCT,
    BAND,
    BASELINE,
    CHANGE,
    CHANGE_PCT,
    CLINICALLY_IMPORTANT,
    COMPLETION,
    COUNT,
    CURRENT_STREAK,
    DATE,
    END,
    EXERCISE,
    EXERCISES,
    FIRST_DATE,
    HABIT_STRENGTH,
    IN_PROGRAM,
    IN_PROGRESS,
    LAG,
    LAG_PREFIX,
    LAST_DATE,
    LATEST,
    LINE,
    LONGEST_STREAK,
    MINUTES,
    N_WEEKS,
    PAIN,
    PAIN_PREFIX,
    PARTICIPANT,
    SESSION_DONE,
    SESSIONS,
    SESSIONS_WITH,
    SETS,
    SETS_COUNTED,
    SETS_DONE,
    SETS_PRESCRIBED,
    SIDE,
    SITE,
    SPEARMAN,
    START,
    TARGET_MAX,
    TARGET_MET,
    TARGET_MIN,
    VALUE_MAX,
    VALUE_MEAN,
    VALUE_MIN,
    WEEK,
    WEEK_INDEX,
    WEEKS,
    WEEKS_JUDGED,
    WORKOUTS,
    pain_columns,
)
from footstats.core.docstrings import fill_docs
from footstats.core.guards import expect_log, expect_table
from footstats.errors import UsageError
from footstats.metrics.followup import STALE_DAYS as STALE_DAYS
from footstats.metrics.followup import (
    FollowUp,
    _finish,
    _prepare,
    _with_participant,
    follow_up,
    stale_notice,
    window_argument,
    window_notices,
)
from footstats.metrics.weeks import Keys, WeekGrid
from footstats.routine import Routine, deprecated_program, resolve_routine

__all__ = [
    "HABIT_HALF_LIFE_DAYS",
    "adherence_vs_pain",
    "counted_sets",
    "exercise_completion",
    "habit_multiplier",
    "follow_up",
    "frequency_summary",
    "pain_association",
    "pain_change",
    "pain_reports",
    "session_sets",
    "session_table",
    "stale_notice",
    "summarize",
    "weekly_frequency",
    "window_notices",
    "weekly_pain",
    "weekly_sets",
]

# Column names new in this module (candidates for _columns.py).

WINDOW_DAYS = 14
IMPORTANT_POINTS = -2  # Farrar 2001
IMPORTANT_PCT = -30
BANDS = ("none", "minimal", "moderate", "substantial")  # IMMPACT
BAND_EDGES = (10, 30, 50)
MIN_WEEKS_FOR_CORRELATION = 3
# Rounding change and change_pct to this many decimals removes float noise, so a change of
# exactly -30 % is classified as -30 % and not as -29.999999999999996 %.
_DECIMALS = 9


def session_table(
    log: pd.DataFrame,
    *,
    routine: Routine | None = None,
    window: FollowUp | pd.DataFrame | None = None,
    weeks: int | None = None,
    until: Any = None,
    participants: Any = None,
    program: Routine | None = None,
) -> pd.DataFrame:
    """One row per session: a participant's calendar day with a routine exercise done.

    Parameters
    ----------
    {log}
    {routine}
    {window}

    Returns
    -------
    DataFrame
        ``[participant], date, week, exercises, sets_done, [minutes], workouts, line``:
        the day (at midnight), the number of distinct routine exercises done (sets > 0),
        their total sets, the day's minutes (per workout the largest value on its rows,
        summed over the day's workouts, when the log has minutes), the number of workouts
        that day (distinct dates as written, e.g. 07:30 and 18:00) and the first line.
        Sorted by participant and date.

    Examples
    --------
    >>> import footstats
    >>> log = footstats.load_sample()
    >>> sessions = log.pipe(footstats.session_table)
    >>> list(sessions.columns[:3])
    ['date', 'week', 'exercises']
    """
    routine = deprecated_program(routine, program)
    expect_log(log, "session_table")
    routine = resolve_routine(routine, log)
    window = window_argument(window, weeks, until, participants, log)
    log, had, keys, _ = _prepare(log, routine, window)
    exercise, sets = _exercise_codes(log, routine), _sets(log)
    exercised = (exercise >= 0) & (sets > 0)
    is_session = exercised | _session_done(log)
    session_keys = keys.session[is_session]
    sessions = _sorted_unique(session_keys)
    row = np.searchsorted(sessions, session_keys)
    done, exercise = exercised[is_session], exercise[is_session]
    n_exercises = len(routine.ids)
    distinct = _sorted_unique(row[done] * n_exercises + exercise[done]) // n_exercises
    line = np.full(len(sessions), np.iinfo("int64").max)
    np.minimum.at(line, row, log[LINE].to_numpy("int64")[is_session])
    moments = keys.moment[is_session]
    workouts = np.searchsorted(sessions, _session_of_moment(keys, _sorted_unique(moments)))
    out = pd.DataFrame(
        {
            **keys.columns(sessions),
            EXERCISES: np.bincount(distinct, minlength=len(sessions)),
            **_counts_and_sums(
                row, len(sessions), **{SETS_DONE: np.where(done, sets[is_session], 0)}
            ),
        }
    ).drop(columns="n")
    if MINUTES in log.columns:
        # a workout's minutes are repeated on its rows: the largest per workout, summed per day
        per_workout = log[MINUTES][is_session].groupby(moments).max()
        day_row = np.searchsorted(sessions, _session_of_moment(keys, per_workout.index.to_numpy()))
        out[MINUTES] = per_workout.groupby(day_row).sum(min_count=1).array
    out[WORKOUTS] = np.bincount(workouts)  # every session has a workout, the last one too
    out[LINE] = line
    return _finish(out, had, routine)


def weekly_frequency(
    log: pd.DataFrame,
    *,
    routine: Routine | None = None,
    window: FollowUp | pd.DataFrame | None = None,
    week_index: bool = False,
    weeks: int | None = None,
    until: Any = None,
    participants: Any = None,
    program: Routine | None = None,
) -> pd.DataFrame:
    """Sessions per ISO week, every week of each participant's window, zeros included.

    Parameters
    ----------
    {log}
    {routine}
    {window}
    week_index : bool, default False
        Add ``week_index``, the study week (1 = the week of the participant's start), so
        participants who started on different dates can be compared week by week.

    Returns
    -------
    DataFrame
        ``[participant], week, [week_index], sessions, target_min, target_max,
        target_met, in_progress, habit_strength``, one row per week from the week of the
        window's start to the week of its end; a week without a session has 0 sessions.
        ``in_progress``: the week's Sunday is after the window's end (the current week,
        or a week a participant's end cuts short): never counted as a miss.
        ``habit_strength``: Loop Habit Tracker's score (0-100) on the week's last day in
        the window, an exponential average of the sessions that falls gradually with
        misses (see :func:`habit_multiplier` and docs/metrics.md).

    Examples
    --------
    >>> import footstats
    >>> weekly = footstats.load_sample().pipe(footstats.weekly_frequency)
    >>> list(weekly.columns)  # doctest: +NORMALIZE_WHITESPACE
    ['week', 'sessions', 'target_min', 'target_max', 'target_met', 'in_progress',
     'habit_strength']
    """
    routine = deprecated_program(routine, program)
    expect_log(log, "weekly_frequency")
    routine = resolve_routine(routine, log)
    window = window_argument(window, weeks, until, participants, log)
    log, had, keys, span = _prepare(log, routine, window)
    grid = WeekGrid.of(keys, span)
    session_keys = _sessions(log, routine, keys)
    participant, day = keys.split(session_keys)
    sessions = np.bincount(grid.cell(participant, keys.week[day]), minlength=len(grid))
    target = routine.sessions_per_week
    # A week whose Sunday is after the window's end is cut short (the current week): in
    # progress, never a miss (docs/metrics.md).
    sunday = grid.week + 6 * keys.day_step
    in_progress = sunday > span.end[grid.participant]
    strength = _habit_strength(keys, span, grid, session_keys, float(target.low))
    out = pd.DataFrame(
        {
            PARTICIPANT: keys.participants.take(grid.participant),
            WEEK: grid.week.view(keys.dtype),
            **({WEEK_INDEX: grid.index} if week_index else {}),
            SESSIONS: sessions,
        }
    ).assign(
        **{
            TARGET_MIN: _number(target.low),
            TARGET_MAX: _number(target.high),
            TARGET_MET: sessions >= target.low,
            IN_PROGRESS: in_progress,
            HABIT_STRENGTH: strength,
        }
    )
    return _finish(out, had, routine)


# Loop Habit Tracker's score (uhabits-core, Score.compute and ScoreList.recompute): every
# day d of the window, score(d) = score(d-1) x m + share(d) x (1 - m), score 0 before the
# window's start, with m = 0.5 ** (sqrt(f) / 13) for a habit of frequency f = target / 7
# sessions a day, and share(d) = min(1, sessions in the 2 x 7 days ending on d / (2 x
# target)) (Loop doubles both ends of a weekly target to smooth an irregular week; a target
# of 7 or more a week counts the 7 days ending on d against the target).
HABIT_HALF_LIFE_DAYS = 13  # Loop's constant: the half-life of a daily habit's score, in days


def habit_multiplier(target: float) -> float:
    """Loop Habit Tracker's daily decay factor m for ``target`` sessions a week.

    The score keeps m of itself each day: a habit of ``target`` sessions a week loses half
    of its strength in 13 / sqrt(target / 7) days without a session (24.3 days for 2 a week).

    Parameters
    ----------
    target : float
        The routine's minimum sessions per week (> 0).

    Examples
    --------
    >>> round(habit_multiplier(7), 6)  # a daily habit halves in 13 days
    0.948078
    >>> round(habit_multiplier(2), 6)
    0.971902
    """
    return float(0.5 ** (np.sqrt(target / 7) / HABIT_HALF_LIFE_DAYS))


def _habit_strength(keys: Keys, span, grid: WeekGrid, session_keys: np.ndarray, target: float):
    """Habit strength (0-100) of each week of the grid: Loop's score on the week's last day
    inside the window (its Sunday, or the window's end). NaN for a target of 0 sessions."""
    n_cells = len(grid)
    if not n_cells or target <= 0:
        return np.full(n_cells, np.nan)
    doubled = target < 7
    width, needed = (14, 2 * target) if doubled else (7, target)
    multiplier = habit_multiplier(target)
    # Seven day cells per week cell; cell c's days are 7c .. 7c + 6.
    owner = np.repeat(grid.participant, 7)
    day = np.repeat(grid.week, 7) + np.tile(np.arange(7), n_cells) * keys.day_step
    inside = (day >= span.start[owner]) & (day <= span.end[owner])
    done = np.zeros(7 * n_cells)
    participant, session_day = keys.split(session_keys)
    week = keys.week[session_day]
    cell = grid.cell(participant, week)
    done[7 * cell + (keys.day[session_day] - week) // keys.day_step] = 1.0
    # Sessions in the `width` days ending on each day (the participant's own days only).
    total = np.concatenate([[0.0], np.cumsum(done)])
    first = 7 * grid.start[owner]
    index = np.arange(7 * n_cells)
    rolling = total[index + 1] - total[np.maximum(index - width + 1, first)]
    share = np.minimum(rolling / needed, 1.0)
    counts = np.bincount(grid.participant, minlength=len(grid.start)) * 7
    base = 7 * grid.start
    order = np.argsort(-counts, kind="stable")
    score = np.zeros(len(counts))
    out = np.zeros(7 * n_cells)
    for offset in range(int(counts.max())):
        active = order[: np.count_nonzero(counts > offset)]  # the longest windows first
        at = base[active] + offset
        step = inside[at]
        score[active] = np.where(
            step, score[active] * multiplier + share[at] * (1 - multiplier), score[active]
        )
        out[at] = score[active]
    return out[7 * np.arange(n_cells) + 6] * 100


def frequency_summary(weekly: pd.DataFrame) -> pd.DataFrame:
    """Adherence, streaks and habit strength from :func:`weekly_frequency`'s table.

    Parameters
    ----------
    weekly : DataFrame
        The output of :func:`weekly_frequency`.

    Returns
    -------
    DataFrame
        ``[participant], weeks, weeks_judged, sessions, adherence_pct, current_streak,
        longest_streak, in_progress, habit_strength``: ``weeks`` every week of the window,
        ``weeks_judged`` those counted for adherence and streaks (a week in progress counts
        once it has met its target; until then it is neither a miss nor a success);
        adherence_pct = mean over the judged weeks of min(sessions / target_min, 1) x 100
        (NaN for none); current_streak is the run of target-met weeks ending in the last
        judged week; ``in_progress`` whether the last week is in progress (cut short by the
        window's end, see :func:`weekly_frequency`); ``habit_strength`` that of the last
        week (Loop's score, 0-100). One row per participant, or a single row when there is
        no participant column.

    Examples
    --------
    >>> import footstats
    >>> log = footstats.load_sample()
    >>> summary = log.pipe(footstats.weekly_frequency).pipe(footstats.frequency_summary)
    >>> len(summary)
    1
    """
    expect_table(weekly, "frequency_summary", "weekly_frequency")
    weekly, had = _with_participant(weekly)
    weekly = weekly.sort_values([PARTICIPANT, WEEK], kind="stable")
    met = weekly[TARGET_MET].astype(bool)
    progress = (
        weekly[IN_PROGRESS].astype(bool)
        if IN_PROGRESS in weekly.columns
        else pd.Series(False, index=weekly.index)
    )
    strength = (
        weekly[HABIT_STRENGTH].astype("float64")
        if HABIT_STRENGTH in weekly.columns
        else pd.Series(np.nan, index=weekly.index)
    )
    waiting = progress & ~met  # in progress, not on target yet: not judged
    target = weekly[TARGET_MIN]
    # A target of 0 sessions is always met.
    share = (weekly[SESSIONS] / target).clip(upper=1).where(target > 0, 1.0).where(~waiting)
    # Each judged week that misses the target starts a new run; the running count of met
    # weeks inside a run is the streak so far (a week not judged carries the streak on).
    run = (~met & ~waiting).groupby(weekly[PARTICIPANT], dropna=False).cumsum()
    streak = met.astype("int64").groupby([weekly[PARTICIPANT], run], dropna=False).cumsum()
    parts = pd.DataFrame(
        {
            PARTICIPANT: weekly[PARTICIPANT],
            SESSIONS: weekly[SESSIONS],
            "share": share,
            "judged": ~waiting,
            "progress": progress,
            "strength": strength,
        }
    ).assign(streak=streak)
    out = (
        _group(parts, [PARTICIPANT])
        .agg(
            **{
                WEEKS: (SESSIONS, "size"),
                WEEKS_JUDGED: ("judged", "sum"),
                SESSIONS: (SESSIONS, "sum"),
                ADHERENCE_PCT: ("share", "mean"),
                CURRENT_STREAK: ("streak", "last"),
                LONGEST_STREAK: ("streak", "max"),
                IN_PROGRESS: ("progress", "last"),
                HABIT_STRENGTH: ("strength", "last"),
            }
        )
        .reset_index()
    )
    out[WEEKS_JUDGED] = out[WEEKS_JUDGED].astype("int64")
    out[IN_PROGRESS] = out[IN_PROGRESS].astype(bool)
    out[ADHERENCE_PCT] = out[ADHERENCE_PCT] * 100
    out = out[
        [
            PARTICIPANT,
            WEEKS,
            WEEKS_JUDGED,
            SESSIONS,
            ADHERENCE_PCT,
            CURRENT_STREAK,
            LONGEST_STREAK,
            IN_PROGRESS,
            HABIT_STRENGTH,
        ]
    ]
    if not had and out.empty:
        out = pd.DataFrame(
            {
                PARTICIPANT: [""],
                WEEKS: [0],
                WEEKS_JUDGED: [0],
                SESSIONS: [0],
                ADHERENCE_PCT: [np.nan],
                CURRENT_STREAK: [0],
                LONGEST_STREAK: [0],
                IN_PROGRESS: [False],
                HABIT_STRENGTH: [np.nan],
            }
        )
    return _finish(out, had)


def session_sets(
    log: pd.DataFrame,
    *,
    routine: Routine | None = None,
    window: FollowUp | pd.DataFrame | None = None,
    weeks: int | None = None,
    until: Any = None,
    participants: Any = None,
    program: Routine | None = None,
) -> pd.DataFrame:
    """Sets done against the prescription, per session and routine exercise.

    Parameters
    ----------
    {log}
    {routine}
    {window}

    Returns
    -------
    DataFrame
        ``[participant], date, week, exercise, sets_done, sets_prescribed, completion``: every
        routine exercise for every session with exercise rows (missing exercises count 0),
        ``exercise`` a category of the routine's ids in routine order. Per-side exercises
        count ``both`` rows for each side and prescribe 2p sets; completion is capped at 1,
        sets_done is not. Empty when the log has no exercise rows (e.g. a habit tracker's
        "done" rows only).

    Examples
    --------
    >>> import footstats
    >>> sets = footstats.load_sample().pipe(footstats.session_sets)
    >>> list(sets.columns[3:])
    ['sets_done', 'sets_prescribed', 'completion']
    """
    routine = deprecated_program(routine, program)
    expect_log(log, "session_sets")
    routine = resolve_routine(routine, log)
    window = window_argument(window, weeks, until, participants, log)
    log, had, keys, _ = _prepare(log, routine, window)
    sessions, cells = _session_set_cells(log, routine, keys)
    n_exercises = len(routine.ids)
    exercise = np.tile(np.arange(n_exercises), len(sessions))
    out = pd.DataFrame(
        {
            **keys.columns(np.repeat(sessions, n_exercises)),
            EXERCISE: pd.Categorical.from_codes(exercise, dtype=pd.CategoricalDtype(routine.ids)),
            **cells,
        }
    )
    return _finish(out, had, routine)


def weekly_sets(
    log: pd.DataFrame,
    *,
    routine: Routine | None = None,
    window: FollowUp | pd.DataFrame | None = None,
    weeks: int | None = None,
    until: Any = None,
    participants: Any = None,
    program: Routine | None = None,
) -> pd.DataFrame:
    """Sets per ISO week and routine exercise, for weeks with at least one session.

    Parameters
    ----------
    {log}
    {routine}
    {window}

    Returns
    -------
    DataFrame
        ``[participant], week, exercise, sets_done, sets_prescribed, completion``: sums of
        :func:`session_sets` over the week's sessions (so sets_prescribed is sessions done x
        the per-session prescription) and the mean of the per-session capped completions.

    Examples
    --------
    >>> import footstats
    >>> weekly = footstats.load_sample().pipe(footstats.weekly_sets)
    >>> list(weekly.columns)
    ['week', 'exercise', 'sets_done', 'sets_prescribed', 'completion']
    """
    routine = deprecated_program(routine, program)
    expect_log(log, "weekly_sets")
    routine = resolve_routine(routine, log)
    window = window_argument(window, weeks, until, participants, log)
    log, had, keys, _ = _prepare(log, routine, window)
    sessions, cells = _session_set_cells(log, routine, keys)
    n_exercises = len(routine.ids)
    first = _week_starts(keys, sessions)
    exercise = np.tile(np.arange(n_exercises), len(sessions))
    group = np.repeat(np.cumsum(first) - 1, n_exercises) * n_exercises + exercise
    n_groups = int(first.sum()) * n_exercises
    sums = _counts_and_sums(group, n_groups, **{c: cells[c] for c in (SETS_DONE, SETS_PRESCRIBED)})
    # pandas' grouped mean (compensated summation) over sessions in date order, as a groupby
    # of session_sets does: completions then agree with it to the last bit.
    completion = pd.Series(cells[COMPLETION]).groupby(group).mean().to_numpy()
    out = pd.DataFrame(
        {
            **keys.columns(np.repeat(sessions[first], n_exercises), date=False),
            EXERCISE: pd.Categorical.from_codes(
                exercise[:n_groups], dtype=pd.CategoricalDtype(routine.ids)
            ),
            SETS_DONE: sums[SETS_DONE],
            SETS_PRESCRIBED: sums[SETS_PRESCRIBED],
            COMPLETION: completion,
        }
    )
    return _finish(out, had, routine)


def counted_sets(sets: pd.DataFrame) -> pd.Series:
    """The sets counted (done up to the prescription, per side and session) of each row of
    :func:`session_sets` or :func:`weekly_sets`: completion x sets_prescribed, a whole number
    (a week's completion is the mean over its sessions, its prescription their sum).

    Parameters
    ----------
    sets : DataFrame
        :func:`session_sets` or :func:`weekly_sets` output.

    Examples
    --------
    >>> import pandas as pd
    >>> counted_sets(pd.DataFrame({"completion": [1.0, 0.5], "sets_prescribed": [4, 12]})).tolist()
    [4, 6]
    """
    return (sets[COMPLETION] * sets[SETS_PRESCRIBED]).round().astype("int64")


def exercise_completion(session_sets: pd.DataFrame) -> pd.DataFrame:
    """Per routine exercise: the one completion figure of the report's page 1 and charts.

    Every session with exercise rows prescribes each routine exercise; the sets counted
    are the sets done up to the prescription (per side for a per-side exercise), so more
    than prescribed counts as 100 % and never makes up for a missed session. completion =
    sets_counted / sets_prescribed: the mean of the sessions' completions, as the heatmap's
    weekly cells are the mean of that week's (docs/metrics.md, "Set completion").

    Parameters
    ----------
    session_sets : DataFrame
        :func:`session_sets` output (of one participant, or summed over everyone).

    Returns
    -------
    DataFrame
        ``exercise, sessions, sessions_with, sets_done, sets_counted, sets_prescribed,
        completion``: one row per routine exercise (routine order); ``sessions`` the
        sessions with exercise rows, ``sessions_with`` those in which the exercise was done
        (sets > 0); completion is 0-1 (NaN with no session).

    Examples
    --------
    >>> import footstats
    >>> sets = footstats.session_sets(footstats.load_sample())
    >>> heel = exercise_completion(sets).set_index("exercise").loc["heel_raises"]
    >>> int(heel["sets_done"]), int(heel["sets_counted"]), int(heel["sets_prescribed"])
    (129, 110, 120)
    """
    expect_table(session_sets, "exercise_completion", "session_sets", (EXERCISE, COMPLETION))
    counted = counted_sets(session_sets)
    parts = pd.DataFrame(
        {
            EXERCISE: session_sets[EXERCISE],
            SESSIONS: 1,
            SESSIONS_WITH: (session_sets[SETS_DONE] > 0).astype("int64"),
            SETS_DONE: session_sets[SETS_DONE],
            SETS_COUNTED: counted,
            SETS_PRESCRIBED: session_sets[SETS_PRESCRIBED],
        }
    )
    out = parts.groupby(EXERCISE, observed=False).sum().reset_index()
    # counted <= prescribed, so an exercise without a session gives 0 / 0 = NaN
    out[COMPLETION] = out[SETS_COUNTED] / out[SETS_PRESCRIBED]
    return out


def pain_reports(
    log: pd.DataFrame,
    *,
    routine: Routine | None = None,
    window: FollowUp | pd.DataFrame | None = None,
    weeks: int | None = None,
    until: Any = None,
    participants: Any = None,
    program: Routine | None = None,
) -> pd.DataFrame:
    """One pain report per site per session or check-in.

    A value repeated on several rows of one session (same participant and date) is one
    report; :func:`footstats.read_log` has already rejected two different values.

    Parameters
    ----------
    log : DataFrame
        The tidy log of :func:`footstats.read_log`; its ``pain_<site>`` columns are used.
    {routine}
    {window}

    Returns
    -------
    DataFrame
        ``[participant], date, week, site, pain, line``: ``site`` a category of the log's
        sites in column order (``"back"``, not ``"pain_back"``), ``pain`` the 0-10 rating,
        ``line`` the first line giving it.

    Examples
    --------
    >>> import footstats
    >>> reports = footstats.load_sample().pipe(footstats.pain_reports)
    >>> list(reports.columns)
    ['date', 'week', 'site', 'pain', 'line']
    """
    routine = deprecated_program(routine, program)
    expect_log(log, "pain_reports", (LINE, DATE))
    window = window_argument(window, weeks, until, participants, log)
    log, had, keys, _ = _prepare(log, resolve_routine(routine, log), window)
    sites, reports = _pain_reports(log, keys)
    out = pd.DataFrame(
        {
            **keys.moment_columns(reports["moment"]),
            SITE: pd.Categorical.from_codes(reports[SITE], categories=sites),
            PAIN: reports[PAIN],
            LINE: reports[LINE],
        }
    )
    return _finish(out, had)


def weekly_pain(
    log: pd.DataFrame,
    *,
    routine: Routine | None = None,
    window: FollowUp | pd.DataFrame | None = None,
    weeks: int | None = None,
    until: Any = None,
    participants: Any = None,
    program: Routine | None = None,
) -> pd.DataFrame:
    """Pain per ISO week and site: mean, min, max and number of reports.

    Parameters
    ----------
    {log}
    {routine}
    {window}

    Returns
    -------
    DataFrame
        ``[participant], week, site, mean, min, max, n`` for weeks with at least one report
        at that site (see :func:`pain_reports` for what a report is).

    Examples
    --------
    >>> import footstats
    >>> weekly = footstats.load_sample().pipe(footstats.weekly_pain)
    >>> list(weekly.columns)
    ['week', 'site', 'mean', 'min', 'max', 'n']
    """
    routine = deprecated_program(routine, program)
    expect_log(log, "weekly_pain", (LINE, DATE))
    window = window_argument(window, weeks, until, participants, log)
    log, had, keys, _ = _prepare(log, resolve_routine(routine, log), window)
    sites, weekly = _weekly_pain(log, keys)
    out = pd.DataFrame(
        {
            PARTICIPANT: keys.participants.take(weekly[PARTICIPANT]),
            WEEK: weekly[WEEK].view(keys.dtype),
            SITE: pd.Categorical.from_codes(weekly[SITE], categories=sites),
            **{c: weekly[c] for c in (VALUE_MEAN, VALUE_MIN, VALUE_MAX, COUNT)},
        }
    )
    return _finish(out, had)


def pain_change(
    log: pd.DataFrame,
    *,
    routine: Routine | None = None,
    window: FollowUp | pd.DataFrame | None = None,
    weeks: int | None = None,
    until: Any = None,
    participants: Any = None,
    program: Routine | None = None,
) -> pd.DataFrame:
    """Change of pain per site from the first two weeks of reports to the last two.

    Parameters
    ----------
    {log}
    {routine}
    {window}

    Returns
    -------
    DataFrame
        ``[participant], site, baseline, latest, change, change_pct, clinically_important,
        band, first_date, last_date, n``. baseline is the mean of the site's reports dated
        on the day of its first report up to 13 days later, latest the mean of those from 13
        days before the day of its last report up to that day (the windows overlap when the
        reports span less than 4 weeks). change_pct is NaN when the baseline is 0, and so is
        ``band`` (an ordered category: none < minimal < moderate < substantial, from the
        reduction -change_pct). clinically_important: change <= -2 or change_pct <= -30.
        n is the number of reports.

    Examples
    --------
    >>> import footstats
    >>> change = footstats.load_sample().pipe(footstats.pain_change)
    >>> list(change.columns[:4])
    ['site', 'baseline', 'latest', 'change']
    """
    routine = deprecated_program(routine, program)
    expect_log(log, "pain_change", (LINE, DATE))
    window = window_argument(window, weeks, until, participants, log)
    log, had, keys, _ = _prepare(log, resolve_routine(routine, log), window)
    sites, reports = _pain_reports(log, keys)
    n_sites = max(len(sites), 1)
    participant, date = keys.split_moment(reports["moment"])
    group = participant * n_sites + reports[SITE]
    size = len(keys.participants) * n_sites
    first = np.full(size, len(keys.dates))
    last = np.full(size, -1)
    np.minimum.at(first, group, date)
    np.maximum.at(last, group, date)
    days = keys.day[keys.day_of_date]
    window = (WINDOW_DAYS - 1) * keys.day_step
    in_baseline = days[date] <= days[first[group]] + window
    in_latest = days[date] >= days[last[group]] - window
    pain = reports[PAIN]
    sums = _counts_and_sums(
        group,
        size,
        baseline=np.where(in_baseline, pain, 0),
        baseline_n=in_baseline,
        latest=np.where(in_latest, pain, 0),
        latest_n=in_latest,
    )
    present = np.flatnonzero(sums["n"])
    sums = {name: column[present] for name, column in sums.items()}
    out = pd.DataFrame(
        {
            PARTICIPANT: keys.participants.take(present // n_sites),
            SITE: pd.Categorical.from_codes(present % n_sites, categories=sites),
            # integer sums are exact, so these means equal pandas' to the last bit
            BASELINE: sums["baseline"] / sums["baseline_n"],
            LATEST: sums["latest"] / sums["latest_n"],
            FIRST_DATE: keys.dates.take(first[present]),
            LAST_DATE: keys.dates.take(last[present]),
            COUNT: sums["n"],
        }
    )
    change = out[LATEST] - out[BASELINE]
    change_pct = (change * 100 / out[BASELINE]).where(out[BASELINE] != 0).round(_DECIMALS)
    change = change.round(_DECIMALS)
    important = (change <= IMPORTANT_POINTS) | (change_pct <= IMPORTANT_PCT)
    band = pd.cut(-change_pct, bins=[-np.inf, *BAND_EDGES, np.inf], right=False, labels=list(BANDS))
    out.insert(4, CHANGE, change)
    out.insert(5, CHANGE_PCT, change_pct)
    out.insert(6, CLINICALLY_IMPORTANT, important)
    out.insert(7, BAND, band)
    return _finish(out, had)


def adherence_vs_pain(
    log: pd.DataFrame,
    *,
    routine: Routine | None = None,
    window: FollowUp | pd.DataFrame | None = None,
    lags: Iterable[int] = (0, 1, 2),
    weeks: int | None = None,
    until: Any = None,
    participants: Any = None,
    program: Routine | None = None,
) -> pd.DataFrame:
    """Weekly sessions beside weekly mean pain, with sessions of earlier weeks.

    This shows an association, not a cause: pain can fall for many reasons, and people may
    exercise more in weeks when it hurts less.

    Parameters
    ----------
    {log}
    {routine}
    lags : iterable of int, default (0, 1, 2)
        Week offsets k >= 0; each adds ``sessions_lag{k}``, the sessions in week w - k.
    {window}

    Returns
    -------
    DataFrame
        ``[participant], week, sessions, <site>..., sessions_lag{k}...``: every week of
        :func:`weekly_frequency`, the mean pain of each site (NaN in weeks without a
        report) and the lagged sessions (<NA> before the participant's first week).

    Examples
    --------
    >>> import footstats
    >>> table = footstats.load_sample().pipe(footstats.adherence_vs_pain, lags=(0, 1))
    >>> list(table.columns[-2:])
    ['sessions_lag0', 'sessions_lag1']
    """
    routine = deprecated_program(routine, program)
    expect_log(log, "adherence_vs_pain")
    lags = _check_lags(lags)
    routine = resolve_routine(routine, log)
    window = window_argument(window, weeks, until, participants, log)
    log, had, keys, span = _prepare(log, routine, window)
    grid = WeekGrid.of(keys, span)
    sessions = _weekly_sessions(log, routine, keys, grid)
    sites, weekly = _weekly_pain(log, keys)
    means = np.full((len(grid), len(sites)), np.nan)
    means[grid.cell(weekly[PARTICIPANT], weekly[WEEK]), weekly[SITE]] = weekly[VALUE_MEAN]
    out = pd.DataFrame(
        {
            PARTICIPANT: keys.participants.take(grid.participant),
            WEEK: grid.week.view(keys.dtype),
            SESSIONS: sessions,
            **{site: means[:, i] for i, site in enumerate(sites)},
        }
    )
    cell = np.arange(len(grid))
    for lag in lags:
        # sessions of week w - lag, unknown before the participant's first week
        known = cell - lag >= grid.start[grid.participant]
        lagged = np.where(known, sessions[np.maximum(cell - lag, 0)], 0)
        out[f"{LAG_PREFIX}{lag}"] = pd.arrays.IntegerArray(lagged, ~known)
    return _finish(out, had)


def pain_association(
    log: pd.DataFrame,
    *,
    routine: Routine | None = None,
    window: FollowUp | pd.DataFrame | None = None,
    lags: Iterable[int] = (0, 1, 2),
    weeks: int | None = None,
    until: Any = None,
    participants: Any = None,
    program: Routine | None = None,
) -> pd.DataFrame:
    """Rank correlation of weekly pain with sessions k weeks earlier: an association only.

    A negative value means weeks with more sessions k weeks before tended to have less
    pain. It does not show that the routine caused the change (few weeks, no control,
    other treatments, regression to the mean, pain itself changing how much people train).

    Parameters
    ----------
    {log}
    {routine}
    lags : iterable of int, default (0, 1, 2)
        Week offsets k >= 0.
    {window}

    Returns
    -------
    DataFrame
        ``[participant], site, lag, n_weeks, spearman``: Spearman's rho (Pearson correlation
        of average ranks) over the n_weeks weeks having both a pain report at the site and a
        known session count k weeks earlier; NaN when n_weeks < 3 or either side does not
        vary.

    Examples
    --------
    >>> import footstats
    >>> assoc = footstats.load_sample().pipe(footstats.pain_association)
    >>> list(assoc.columns)
    ['site', 'lag', 'n_weeks', 'spearman']
    """
    routine = deprecated_program(routine, program)
    expect_log(log, "pain_association")
    lags = _check_lags(lags)
    window = window_argument(window, weeks, until, participants, log)
    log, had = _with_participant(log)
    sites = _sites(pain_columns(log.columns))
    table = adherence_vs_pain(log, routine=routine, window=window, lags=lags)
    keys = [PARTICIPANT, WEEK]
    # x: sessions k weeks earlier, y: the week's mean pain; a pair counts when both are known.
    pain = table.melt(id_vars=keys, value_vars=sites, var_name=SITE, value_name="y")
    lagged = table.melt(
        id_vars=keys, value_vars=[f"{LAG_PREFIX}{k}" for k in lags], var_name=LAG, value_name="x"
    )
    lagged[LAG] = lagged[LAG].str.removeprefix(LAG_PREFIX).astype("int64")
    pairs = pain.merge(lagged, on=keys)
    pairs[SITE] = pd.Categorical(pairs[SITE], categories=sites)
    valid = pairs["x"].notna() & pairs["y"].notna()
    pairs = pairs.assign(
        x=pairs["x"].astype("float64").where(valid),
        y=pairs["y"].where(valid),
        n=valid.astype("int64"),
    )
    groups = [PARTICIPANT, SITE, LAG]
    ranked = _group(pairs, groups)
    pairs = pairs.assign(x=ranked["x"].rank(), y=ranked["y"].rank())
    pairs = pairs.assign(xx=pairs["x"] ** 2, yy=pairs["y"] ** 2, xy=pairs["x"] * pairs["y"])
    sums = _group(pairs, groups)[["n", "x", "y", "xx", "yy", "xy"]].sum()
    n = sums["n"]
    # n * sum(xy) - sum(x) * sum(y) stays exact for ranks (multiples of 1/2), so "no
    # variation" is an exact 0 and not a float residue: a side that does not vary gives a
    # spread of 0 and a covariance of 0, and 0 / 0 is NaN.
    covariance = n * sums["xy"] - sums["x"] * sums["y"]
    spread = (n * sums["xx"] - sums["x"] ** 2) * (n * sums["yy"] - sums["y"] ** 2)
    enough = n >= MIN_WEEKS_FOR_CORRELATION
    rho = (covariance / np.sqrt(spread.where(enough))).clip(-1, 1)
    out = pd.DataFrame({N_WEEKS: n, SPEARMAN: rho}).reset_index()
    return _finish(out, had)


def summarize(
    log: pd.DataFrame,
    *,
    routine: Routine | None = None,
    window: FollowUp | pd.DataFrame | None = None,
    weeks: int | None = None,
    until: Any = None,
    participants: Any = None,
    program: Routine | None = None,
) -> dict:
    """The headline figures as a JSON-ready dict (for ``summary.json``).

    Parameters
    ----------
    {log}
    {routine}
    {window}

    Returns
    -------
    dict
        Plain Python values (no NaN: missing values are None). Without participants:
        ``weeks, weeks_judged, sessions, adherence_pct, current_streak, longest_streak,
        in_progress, habit_strength`` (see :func:`frequency_summary`), ``first_date,
        last_date, start, end`` (``weeks`` the weeks of the follow-up window, see
        :func:`follow_up`, ``start`` and ``end`` its first and last day; the dates those of
        the first and last rows inside it) and ``pain``:
        ``{site: {baseline, latest, change, change_pct, clinically_important, band}}``.
        With participants: ``{"participants": [{"participant": id, ...the same keys...}],
        "cohort": {"participants", "median_adherence_pct", "share_clinically_important"}}``,
        where the share is a fraction (0-1) of the participants with at least one pain
        report: those with a clinically important improvement at any site (None when no
        participant reported pain).

    Examples
    --------
    >>> import footstats
    >>> summary = footstats.summarize(footstats.load_sample())
    >>> sorted(summary)[:3]
    ['adherence_pct', 'current_streak', 'end']
    """
    routine = deprecated_program(routine, program)
    expect_log(log, "summarize")
    routine = resolve_routine(routine, log)
    had = PARTICIPANT in log.columns
    # the window resolved once, its spans passed to every table
    window = window_argument(window, weeks, until, participants, log)
    spans = follow_up(log, window, routine=routine)
    frequency = frequency_summary(weekly_frequency(log, routine=routine, window=spans))
    change = pain_change(log, routine=routine, window=spans)
    dated, _, _, _ = _prepare(log, routine, spans)
    if not had:
        frequency, change = (t.assign(**{PARTICIPANT: ""}) for t in (frequency, change))
    # each one's window, by participant id as text ("" without a participant column)
    ids = spans[PARTICIPANT].astype("str") if had else [""] * len(spans)
    windows = spans.set_index(pd.Index(ids))
    spans = _group(dated, [PARTICIPANT])[DATE].agg(["min", "max"])
    pain: dict = {}
    figures = (BASELINE, LATEST, CHANGE, CHANGE_PCT, CLINICALLY_IMPORTANT, BAND)
    for who, site, row in zip(
        change[PARTICIPANT].tolist(),
        change[SITE].tolist(),
        _plain_records(change, figures),
        strict=True,
    ):
        pain.setdefault(who, {})[str(site)] = row
    # Each row's first and last date looked up at once (NaT for a participant without rows).
    bounds = spans.reindex(pd.Index(frequency[PARTICIPANT]))
    entries = []
    columns = [column for column in frequency.columns if column != PARTICIPANT]
    for participant, entry, first, last in zip(
        frequency[PARTICIPANT].tolist(),
        _plain_records(frequency, columns),
        bounds["min"],
        bounds["max"],
        strict=True,
    ):
        entry[FIRST_DATE], entry[LAST_DATE] = _iso_date(first), _iso_date(last)
        key = str(participant) if had else ""
        span = windows.loc[key] if key in windows.index else None
        entry[START] = None if span is None else _iso_date(span[START])
        entry[END] = None if span is None else _iso_date(span[END])
        entry[PAIN] = pain.get(participant, {})
        entries.append({PARTICIPANT: _plain(participant), **entry} if had else entry)
    if not had:
        return entries[0]
    return {"participants": entries, "cohort": cohort_figures(entries)}


def cohort_figures(entries: list[dict]) -> dict:
    adherence = [e[ADHERENCE_PCT] for e in entries if e[ADHERENCE_PCT] is not None]
    with_pain = [e[PAIN] for e in entries if e[PAIN]]
    improved = [any(site[CLINICALLY_IMPORTANT] for site in p.values()) for p in with_pain]
    return {
        "participants": len(entries),
        "median_adherence_pct": float(np.median(adherence)) if adherence else None,
        "share_clinically_important": sum(improved) / len(improved) if improved else None,
    }


def _group(frame: pd.DataFrame, keys: list[str]):
    # dropna=False: a blank participant is still a participant; observed=True: categorical
    # keys give only the combinations present.
    return frame.groupby(
        keys,
        dropna=False,
        observed=True,  # pragma: no mutate (pandas 3's default, not 2.2's)
    )


def _sorted_unique(values: np.ndarray) -> np.ndarray:
    # Hashing first and sorting only the distinct values beats np.unique's full sort.
    return np.sort(pd.unique(values))


def _exercise_codes(log: pd.DataFrame, routine: Routine) -> np.ndarray:
    """Each row's index into ``routine.ids``; -1 for rows not of a routine exercise.

    Rows the reader flagged as not in the routine (``in_program``) are -1 too.
    """
    exercise, ids = log[EXERCISE], pd.Index(routine.ids)
    if isinstance(exercise.dtype, pd.CategoricalDtype):
        # look up the few categories, not the million rows; code -1 (missing) stays -1
        lookup = np.append(ids.get_indexer(exercise.cat.categories), -1)
        codes = lookup[exercise.cat.codes.to_numpy()]
    else:
        codes = ids.get_indexer(exercise)
    if IN_PROGRAM in log.columns:
        codes = np.where(log[IN_PROGRAM].fillna(False).astype(bool).to_numpy(), codes, -1)
    return codes


def _sets(log: pd.DataFrame) -> np.ndarray:
    return log[SETS].to_numpy("int64", na_value=0)


def _session_done(log: pd.DataFrame) -> np.ndarray | bool:
    if SESSION_DONE not in log.columns:
        return False
    return log[SESSION_DONE].fillna(False).astype(bool).to_numpy()


def _sessions(log: pd.DataFrame, routine: Routine, keys: Keys) -> np.ndarray:
    """Sorted session keys: rows of a routine exercise with sets > 0, or ``session_done``."""
    exercised = (_exercise_codes(log, routine) >= 0) & (_sets(log) > 0)
    return _sorted_unique(keys.session[exercised | _session_done(log)])


def _counts_and_sums(groups: np.ndarray, size: int, **values: np.ndarray) -> dict:
    """Rows per group (``n``) and sums of integer ``values`` per group, for groups 0..size-1.

    The sums go through float64, exact for integers below 2**53.
    """
    out = {"n": np.bincount(groups, minlength=size)}
    for name, column in values.items():
        out[name] = np.bincount(groups, weights=column, minlength=size).astype("int64")
    return out


def _weekly_sessions(log: pd.DataFrame, routine: Routine, keys: Keys, grid: WeekGrid) -> np.ndarray:
    """Sessions in each week of the grid."""
    participant, day = keys.split(_sessions(log, routine, keys))
    return np.bincount(grid.cell(participant, keys.week[day]), minlength=len(grid))


def _week_starts(keys: Keys, sessions: np.ndarray, *, moments: bool = False) -> np.ndarray:
    """True where sorted session (or moment) keys start a new (participant, week)."""
    if moments:
        participant, date = keys.split_moment(sessions)
        week = keys.week[keys.day_of_date[date]]
    else:
        participant, day = keys.split(sessions)
        week = keys.week[day]
    starts = np.ones(len(sessions), dtype=bool)
    starts[1:] = (participant[1:] != participant[:-1]) | (week[1:] != week[:-1])
    return starts


def _session_set_cells(
    log: pd.DataFrame, routine: Routine, keys: Keys
) -> tuple[np.ndarray, dict[str, np.ndarray]]:
    """Sets per session with exercise rows and routine exercise (session-major).

    Returns the sorted session keys and ``sets_done``, ``sets_prescribed`` and
    ``completion`` arrays of len(sessions) x len(routine.ids) cells.
    """
    exercise, sets = _exercise_codes(log, routine), _sets(log)
    session = keys.session
    sessions = _sorted_unique(session[(exercise >= 0) & (sets > 0)])
    rows = np.flatnonzero(exercise >= 0)
    # Routine rows with sets 0 only, on a (participant, day) without a session, drop out.
    position = np.searchsorted(sessions, session[rows])
    found = position < len(sessions)
    found[found] = sessions[position[found]] == session[rows[found]]
    rows, position = rows[found], position[found]
    n_exercises = len(routine.ids)
    # A missing side is the reader's default, "both": it counts for each side.
    side = log[SIDE] if SIDE in log.columns else pd.Series(index=log.index)  # all missing
    row_sets = sets[rows]
    sums = _counts_and_sums(
        position * n_exercises + exercise[rows],
        len(sessions) * n_exercises,
        total=row_sets,
        left=np.where((side == "right").to_numpy(bool, na_value=False)[rows], 0, row_sets),
        right=np.where((side == "left").to_numpy(bool, na_value=False)[rows], 0, row_sets),
    )
    total, left, right = sums["total"], sums["left"], sums["right"]
    prescribed = np.tile([e.prescribed_sets for e in routine.exercises], len(sessions))
    per_side = np.tile([e.per_side for e in routine.exercises], len(sessions))
    capped_sides = np.minimum(left, prescribed) + np.minimum(right, prescribed)
    return sessions, {
        SETS_DONE: np.where(per_side, left + right, total),
        SETS_PRESCRIBED: np.where(per_side, 2 * prescribed, prescribed),
        COMPLETION: np.where(
            per_side, capped_sides / (2 * prescribed), np.minimum(total / prescribed, 1.0)
        ),
    }


def _pain_reports(log: pd.DataFrame, keys: Keys) -> tuple[list[str], dict[str, np.ndarray]]:
    """The log's pain sites and its reports as arrays ``moment, site, pain, line``.

    One report per moment key (participant and date as written) and site, from its first
    line, sorted by participant, date, site and line.
    """
    columns = pain_columns(log.columns)
    n_sites = max(len(columns), 1)
    present = np.zeros((len(log), len(columns)), dtype=bool)
    values = np.zeros((len(log), len(columns)), dtype="int64")
    for i, column in enumerate(columns):
        present[:, i] = log[column].notna().to_numpy()
        values[:, i] = log[column].to_numpy("int64", na_value=0)
    row, site = np.nonzero(present)
    key = keys.moment[row] * n_sites + site
    line = log[LINE].to_numpy("int64")[row]
    pain = values[row, site]
    step = np.diff(key)
    # a shortcut for reports already in order (sorting them again would change nothing, so
    # its mutants that sort more often are equivalent)
    if (step < 0).any() or (np.diff(line)[step == 0] < 0).any():  # pragma: no mutate
        order = np.lexsort((line, key))  # stable: equal lines keep the log's order
        key, line, pain = key[order], line[order], pain[order]
    first = np.ones(len(key), dtype=bool)
    first[1:] = key[1:] != key[:-1]
    moment, site = np.divmod(key[first], n_sites)
    sites = _sites(columns)
    return sites, {"moment": moment, SITE: site, PAIN: pain[first], LINE: line[first]}


def _weekly_pain(log: pd.DataFrame, keys: Keys) -> tuple[list[str], dict[str, np.ndarray]]:
    """The pain sites and per (participant, week, site) with reports, in that order:
    participant code, week (int64), site code, mean, min, max and n."""
    sites, reports = _pain_reports(log, keys)
    n_sites = max(len(sites), 1)
    first = _week_starts(keys, reports["moment"], moments=True)
    group = (np.cumsum(first) - 1) * n_sites + reports[SITE]
    size = int(first.sum()) * n_sites
    pain = reports[PAIN]
    sums = _counts_and_sums(group, size, total=pain)
    low = np.full(size, np.iinfo("int64").max)
    high = np.full(size, np.iinfo("int64").min)
    np.minimum.at(low, group, pain)
    np.maximum.at(high, group, pain)
    present = np.flatnonzero(sums["n"])
    participant, date = keys.split_moment(reports["moment"][first][present // n_sites])
    n = sums["n"][present]
    return sites, {
        PARTICIPANT: participant,
        WEEK: keys.week[keys.day_of_date[date]],
        SITE: present % n_sites,
        # integer sums are exact, so the mean equals pandas' to the last bit
        VALUE_MEAN: sums["total"][present] / n,
        VALUE_MIN: low[present],
        VALUE_MAX: high[present],
        COUNT: n,
    }


def _sites(columns: list[str]) -> list[str]:
    return [c.removeprefix(PAIN_PREFIX) for c in columns]


def _check_lags(lags: Iterable[int]) -> list[int]:
    lags = list(lags)
    if not all(isinstance(k, int | np.integer) and k >= 0 for k in lags):
        raise UsageError(f"lags must be whole numbers of weeks >= 0, got {lags!r}")
    return [int(k) for k in lags]


def _number(value: float) -> int | float:
    return int(value) if float(value).is_integer() else float(value)


def _plain(value):
    """A JSON-ready Python value: None for missing, int/float/bool/str otherwise."""
    if value is None or (not isinstance(value, str) and pd.isna(value)):
        return None
    if isinstance(value, bool | np.bool_):
        return bool(value)
    if isinstance(value, int | np.integer):
        return int(value)
    if isinstance(value, float | np.floating):
        return float(value)
    return str(value)


def _plain_records(frame: pd.DataFrame, columns) -> list[dict]:
    """The rows of ``frame`` as dicts of ``columns``, each value as :func:`_plain` makes it,
    a column at a time (NumPy integers, floats and booleans convert in bulk)."""
    values = [_plain_column(frame[column]) for column in columns]
    return [dict(zip(columns, row, strict=True)) for row in zip(*values, strict=True)]


def _plain_column(column: pd.Series) -> list:
    # Fast paths for NumPy columns; _plain gives the same values one at a time, so a mutant
    # that takes another path is equivalent (hence no mutants of these three lines).
    kind = column.dtype.kind if isinstance(column.dtype, np.dtype) else None  # pragma: no mutate
    if kind in ("i", "u", "b"):  # pragma: no mutate
        return column.tolist()
    if kind == "f":  # pragma: no mutate
        return [None if value != value else value for value in column.tolist()]  # NaN: None
    return [_plain(value) for value in column]


def _iso_date(value) -> str | None:
    return None if value is None or pd.isna(value) else value.date().isoformat()


# -- the follow-up window ---------------------------------------------------------------------


def _session_of_moment(keys: Keys, moments: np.ndarray) -> np.ndarray:
    """The session key (participant, day) of moment keys (participant, date as written)."""
    participant, date = keys.split_moment(moments)
    return participant * len(keys.days) + keys.day_of_date[date]


fill_docs(globals())  # after the definitions, not a decorator: see footstats.core.docstrings
