"""The cohort view: one row per participant, and adherence by study week.

For a clinic or a study with many participants, each followed over their own follow-up
window (:func:`footstats.follow_up`): who is still doing the routine, who stopped and when,
and how adherence and pain changed. Study weeks align participants at their start (week 1
is the week of each participant's start), so week 3 is compared with week 3.

drop-out week
    The study week after which no session follows: the week of the participant's last
    session, when at least one empty week follows it to the end of the window; empty (<NA>)
    while still active (a session in the window's last week); 0 for a participant with no
    session at all.
"""

from __future__ import annotations

from typing import Any

import pandas as pd

from footstats.columns import (
    ACTIVE,
    ADHERENCE_PCT,
    BASELINE,
    CHANGE,
    CLINICALLY_IMPORTANT,
    CURRENT_STREAK,
    DATE,
    DROPOUT_WEEK,
    GROUP,
    IMPORTANT,
    IN_PROGRESS,
    JUDGED,
    LAST_SESSION,
    LATEST,
    LONGEST_STREAK,
    OBSERVED,
    ON_TARGET,
    PARTICIPANT,
    ROWS_AFTER,
    ROWS_BEFORE,
    SESSIONS,
    SHARE_ON_TARGET,
    SITE,
    TARGET_MET,
    WEEK_INDEX,
)
from footstats.core.docstrings import fill_docs
from footstats.core.guards import expect_log
from footstats.errors import UsageError
from footstats.metrics.followup import FollowUp, window_argument
from footstats.metrics.tables import (
    follow_up,
    frequency_summary,
    pain_change,
    session_table,
    weekly_frequency,
)
from footstats.routine import Routine, deprecated_program, resolve_routine

__all__ = ["cohort_table", "study_week_adherence"]

PAIN_FIELDS = {BASELINE: "baseline", LATEST: "latest", CHANGE: "change"}
# The examples' cohort: p1 keeps going into its second week, p2 stops after one session.
EXAMPLE = b"""participant,date,exercise,sets
p1,2026-03-02,Toe walking,6
p1,2026-03-04,Toe walking,6
p2,2026-03-03,Toe walking,6
p1,2026-03-10,Toe walking,6
"""


def cohort_table(
    log: pd.DataFrame,
    *,
    routine: Routine | None = None,
    window: FollowUp | pd.DataFrame | None = None,
    weeks: int | None = None,
    until: Any = None,
    participants: Any = None,
    program: Routine | None = None,
) -> pd.DataFrame:
    """One row per participant: their window, sessions, adherence, streaks, drop-out, pain.

    Parameters
    ----------
    {cohort_log}
    {routine}
    {window}

    Returns
    -------
    DataFrame
        ``participant, [group], start, end, weeks, sessions, adherence_pct,
        longest_streak, current_streak, last_session, dropout_week`` and, per pain site,
        ``<site>_baseline, <site>_latest, <site>_change, <site>_important`` (the change of
        :func:`footstats.pain_change`; ``important`` = a clinically important improvement).
        An enrolled participant without rows has 0 sessions, adherence 0 and drop-out
        week 0.

    Examples
    --------
    >>> from io import BytesIO
    >>> import footstats
    >>> log = footstats.read_log(BytesIO(EXAMPLE))
    >>> cohort_table(log)[["participant", "weeks", "sessions", "dropout_week"]]
      participant  weeks  sessions  dropout_week
    0          p1      2         3          <NA>
    1          p2      2         1             1
    """
    routine = deprecated_program(routine, program)
    expect_log(log, "cohort_table")
    _require_participants(log)
    routine = resolve_routine(routine, log)
    spans = follow_up(
        log, window_argument(window, weeks, until, participants, log), routine=routine
    )
    options = {"routine": routine, "window": spans}  # the window resolved once
    weekly = weekly_frequency(log, **options, week_index=True)
    frequency = frequency_summary(weekly).set_index(PARTICIPANT)
    sessions = session_table(log, **options)
    out = spans.drop(columns=[ROWS_BEFORE, ROWS_AFTER], errors="ignore").set_index(PARTICIPANT)
    if GROUP in out.columns:
        out = out[[GROUP, *[c for c in out.columns if c != GROUP]]]
    # assigning a column aligns it on the participants (NaN or <NA> for those without one)
    for column in (SESSIONS, ADHERENCE_PCT, LONGEST_STREAK, CURRENT_STREAK):
        out[column] = frequency[column]
    out[SESSIONS] = out[SESSIONS].fillna(0).astype("int64")
    out[LAST_SESSION] = sessions.groupby(PARTICIPANT, observed=True)[DATE].max()
    out[DROPOUT_WEEK] = _dropout_weeks(weekly).astype("Int64")
    change = pain_change(log, **options)
    for site in change[SITE].cat.categories:
        rows = change[change[SITE] == site].set_index(PARTICIPANT)
        for column, name in PAIN_FIELDS.items():
            out[f"{site}_{name}"] = rows[column]
        out[f"{site}_{IMPORTANT}"] = rows[CLINICALLY_IMPORTANT].astype("boolean")
    return out.reset_index()


def study_week_adherence(
    log: pd.DataFrame,
    *,
    routine: Routine | None = None,
    window: FollowUp | pd.DataFrame | None = None,
    weeks: int | None = None,
    until: Any = None,
    participants: Any = None,
    program: Routine | None = None,
) -> pd.DataFrame:
    """Per study week: how many participants are still observed, and the share on target.

    Parameters
    ----------
    {cohort_log}
    {routine}
    {window}

    Returns
    -------
    DataFrame
        ``[group], week_index, observed, active, judged, on_target, share_on_target``:
        ``observed`` counts the participants whose window includes that study week (1 =
        the week of each one's start), ``active`` those of them with a session in that
        week or a later one (it falls as participants drop out), ``judged`` those whose
        week is over or already on target (a week in progress is never a miss),
        ``on_target`` those who met the weekly target, and the share is on_target /
        judged (NaN when none is judged yet). Per group when the participants table has a
        ``group``.

    Examples
    --------
    >>> from io import BytesIO
    >>> import footstats
    >>> study_week_adherence(footstats.read_log(BytesIO(EXAMPLE)))
       week_index  observed  active  judged  on_target  share_on_target
    0           1         2       2       2          1              0.5
    1           2         2       1       0          0              NaN
    """
    routine = deprecated_program(routine, program)
    expect_log(log, "study_week_adherence")
    _require_participants(log)
    routine = resolve_routine(routine, log)
    spans = follow_up(
        log, window_argument(window, weeks, until, participants, log), routine=routine
    )
    weekly = weekly_frequency(log, routine=routine, window=spans, week_index=True)
    keys = [WEEK_INDEX]
    if GROUP in spans.columns:
        groups = spans.set_index(PARTICIPANT)[GROUP]
        weekly[GROUP] = groups.reindex(weekly[PARTICIPANT].astype("str")).to_numpy()
        keys = [GROUP, WEEK_INDEX]
    # still active: a session in this study week or a later one (a drop-out is not): the
    # sessions summed from the window's last week back (the groupby and the assignment
    # align on the index, so the reversed order needs no undoing)
    later = weekly[SESSIONS].iloc[::-1].groupby(weekly[PARTICIPANT], observed=True).cumsum()
    weekly[ACTIVE] = later.gt(0)
    # a week in progress is judged once on target (never a miss before its Sunday)
    weekly[JUDGED] = ~(weekly[IN_PROGRESS] & ~weekly[TARGET_MET])
    out = (
        weekly.groupby(keys, dropna=False)
        .agg(
            **{
                OBSERVED: (TARGET_MET, "size"),
                ACTIVE: (ACTIVE, "sum"),
                JUDGED: (JUDGED, "sum"),
                ON_TARGET: (TARGET_MET, "sum"),
            }
        )
        .reset_index()
    )
    for column in (ACTIVE, JUDGED, ON_TARGET):
        out[column] = out[column].astype("int64")
    # on target implies judged, so a study week with none judged gives 0 / 0 = NaN
    out[SHARE_ON_TARGET] = out[ON_TARGET] / out[JUDGED]
    return out


def _dropout_weeks(weekly: pd.DataFrame) -> pd.Series:
    """Per participant: the study week of the last session when empty weeks follow it,
    <NA> when the last week has a session, 0 when there is no session."""
    done = weekly[weekly[SESSIONS] > 0]
    last_done = done.groupby(PARTICIPANT, observed=True)[WEEK_INDEX].max()
    last_week = weekly.groupby(PARTICIPANT, observed=True)[WEEK_INDEX].max()
    last_done = last_done.reindex(last_week.index).fillna(0)
    return last_done.where(last_done < last_week)  # NaN: the caller makes the column Int64


def _require_participants(log: pd.DataFrame) -> None:
    if PARTICIPANT not in log.columns:
        raise UsageError("the cohort view needs a log with a participant column")


fill_docs(globals())  # after the definitions, not a decorator: see footstats.core.docstrings
