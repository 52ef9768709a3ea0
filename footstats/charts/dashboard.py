"""The dashboard: the four key charts of a log on one figure, under one title.

:func:`plot_dashboard` draws them from a log; :func:`draw_dashboard` from tables already
computed (the report computes each table once and draws every file from it).
"""

from __future__ import annotations

from typing import Any

import pandas as pd

from footstats.charts.plots import _period, as_written
from footstats.charts.registry import Tables, dashboard_charts, draw, tables_of
from footstats.charts.sizes import DASHBOARD, figsize
from footstats.columns import DATE, END, PARTICIPANT, START
from footstats.core.docstrings import fill_docs
from footstats.core.guards import expect_log
from footstats.metrics.followup import (
    FOLLOW_UP,
    FollowUp,
    follow_up,
    select_participant,
    window_argument,
)
from footstats.routine import Routine, deprecated_program, resolve_routine

__all__ = ["dashboard_title", "draw_dashboard", "plot_dashboard"]


def plot_dashboard(
    log: pd.DataFrame,
    *,
    routine: Routine | None = None,
    window: FollowUp | pd.DataFrame | None = None,
    participant: Any = None,
    fig: Any = None,
    weeks: int | None = None,
    until: Any = None,
    participants: Any = None,
    program: Routine | None = None,
) -> Any:
    """The four key charts of a log on one figure: frequency, completion, pain, adherence.

    Parameters
    ----------
    {log}
    {routine}
    {window}
    participant : str, optional
        Draw this participant only, over the window they have in the whole log (see
        :func:`footstats.select_participant`); with several participants and none chosen,
        the cohort.
    fig : matplotlib Figure, optional
        An empty figure to draw on; a new one is made when None.

    Returns
    -------
    matplotlib Figure

    Examples
    --------
    >>> import footstats
    >>> fig = plot_dashboard(footstats.load_sample())
    >>> len(fig.axes) >= 4
    True
    """
    routine = deprecated_program(routine, program)
    expect_log(log, "plot_dashboard")
    routine = resolve_routine(routine, log)
    window = window_argument(window, weeks, until, participants, log)
    if participant is not None:
        log = select_participant(log, participant, window, routine=routine)
        window = log.attrs[FOLLOW_UP]
    spans = follow_up(log, window, routine=routine)
    if fig is None:
        import matplotlib.pyplot as plt  # here: a report draws on its own figures

        fig = plt.figure(figsize=figsize(DASHBOARD), layout="constrained")
    title = dashboard_title(log, routine, participant, spans)
    tables = tables_of(log, routine=routine, window=spans)
    return draw_dashboard(fig, tables, routine=routine, title=title)


def draw_dashboard(
    fig: Any, tables: Tables, *, routine: Routine | None = None, title: str = ""
) -> Any:
    """Draw the dashboard's charts (:func:`footstats.charts.registry.dashboard_charts`) two
    by two on the empty figure ``fig``, from tables already computed, and return ``fig``.

    ``tables`` gives a metric function's table (see :func:`footstats.charts.registry.tables_of`);
    :func:`plot_dashboard` computes them from a log.
    """
    axes = fig.subplots(2, 2)
    for ax, chart in zip(axes.ravel(), dashboard_charts(), strict=True):
        draw(chart.name, ax, tables, routine=routine)
    fig.suptitle(title, fontsize="x-large", fontweight="bold")
    return fig


def dashboard_title(
    log: pd.DataFrame,
    routine: Routine | None,
    participant: Any = None,
    spans: pd.DataFrame | None = None,
) -> str:
    """The dashboard's title: the routine's name, who and the period; the period is the
    follow-up window's (``spans``, from :func:`footstats.follow_up`) when given, else the
    log's first to last row."""
    name = as_written(resolve_routine(routine, log).name)
    if log.empty:
        return f"{name}: no sessions yet"
    dates = log[DATE]
    if spans is not None and len(spans):
        dates = pd.concat([spans[START], spans[END]], ignore_index=True)
    weeks = (dates.max().to_period("W") - dates.min().to_period("W")).n + 1
    who = ""
    if participant is not None:
        who = f" — participant {as_written(participant)}"
    elif PARTICIPANT in log.columns:
        # the follow-up's participants (enrolled without rows included), as every count
        count = len(spans) if spans is not None else log[PARTICIPANT].nunique()
        who = f" — {count} participants" if count > 1 else ""
    return f"{name}{who}\n{_period(dates.min(), dates.max())} ({weeks} weeks)"


fill_docs(globals())  # after the definitions, not a decorator: see footstats.core.docstrings
