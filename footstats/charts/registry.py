"""The chart registry: every chart footstats draws, listed once.

Each :class:`Chart` names, by reference, the metric function its table comes from (called on
the log with the routine and the follow-up window), the plot function that draws it, and
where it goes: on the dashboard, on which page of the PDF report, and whether only a cohort
(a log with participants) gets it. Its size is in :mod:`footstats.charts.sizes`.
:mod:`footstats.report.write` (the chart files and the PDF) and
:func:`footstats.plot_dashboard` loop over :data:`REGISTRY`; nothing else lists chart names.

>>> [chart.name for chart in REGISTRY.values() if chart.dashboard]
['frequency', 'completion', 'pain', 'adherence_vs_pain']
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from typing import Any

import pandas as pd

from footstats.charts import cohort_plots, plots
from footstats.charts.sizes import DASHBOARD, figsize
from footstats.errors import UsageError
from footstats.metrics import cohort, tables

__all__ = [
    "DASHBOARD",
    "REGISTRY",
    "Chart",
    "Metric",
    "Tables",
    "caption",
    "chart_names",
    "dashboard_charts",
    "draw",
    "pdf_pages",
    "tables_of",
]

Metric = Callable[..., pd.DataFrame]  # a metric function: the log in, a table out
Tables = Callable[[Metric], pd.DataFrame]  # a metric's table, each computed once


@dataclass(frozen=True)
class Chart:
    """One chart: its table, its plot function and where it goes.

    ``table`` and the values of ``keywords`` are metric functions (``keywords`` maps a
    keyword of the plot function to the metric whose table fills it, e.g. ``change`` of
    :func:`footstats.plot_pain`); ``routine``: the plot function also takes ``routine=``.
    ``pdf_page`` numbers the PDF's chart pages (two charts to a page); None: not in the PDF.
    ``caption``: what the chart shows, in words, under it on the PDF's page.
    The dashboard is a whole figure, not drawn on one Axes: no table, no plot function.
    """

    name: str
    table: Metric | None
    plot: Callable[..., Any] | None
    keywords: Mapping[str, Metric] = field(default_factory=dict)
    routine: bool = False
    dashboard: bool = False
    pdf_page: int | None = None
    cohort: bool = False
    caption: str = ""

    def size(self, rows: int = 5) -> tuple[float, float]:
        """Figure size (inches) of the chart on its own; ``rows``: the routine's exercises."""
        return figsize(self.name, rows)

    @property
    def metrics(self) -> tuple[Metric, ...]:
        """The metric functions whose tables the chart is drawn from."""
        return tuple(m for m in (self.table, *self.keywords.values()) if m is not None)


REGISTRY: dict[str, Chart] = {
    chart.name: chart
    for chart in (
        Chart(
            "frequency",
            tables.weekly_frequency,
            plots.plot_frequency,
            dashboard=True,
            pdf_page=1,
            caption="Sessions per week. Blue: target met; orange: below target; hatched: the "
            "week in progress (never a miss before its Sunday). Line: habit strength (Loop "
            "Habit Tracker's score, 0-100 %), which grows with each session and falls "
            "gradually with misses.",
        ),
        Chart(
            "calendar",
            tables.session_table,
            plots.plot_calendar,
            pdf_page=1,
            caption="Session days: one square per day from the first session to the last, "
            "coloured on the days with a session.",
        ),
        Chart(
            "completion",
            tables.weekly_sets,
            plots.plot_completion,
            routine=True,
            dashboard=True,
            pdf_page=2,
            caption="Set completion per exercise and week: the mean over the week's sessions "
            "of the sets done up to the prescription (more than prescribed counts as 100 %). "
            "Blank: no session that week.",
        ),
        Chart(
            "sets",
            tables.weekly_sets,
            plots.plot_sets,
            routine=True,
            pdf_page=2,
            caption="Sets per exercise over the sessions done: counted up to the prescription "
            "(blue) against the prescription (outline); sets beyond it in green, not counted.",
        ),
        Chart(
            "pain",
            tables.weekly_pain,
            plots.plot_pain,
            keywords={"change": tables.pain_change},
            dashboard=True,
            pdf_page=3,
            caption="Pain per week and site (0-10, lower is better): the week's mean, its "
            "lowest and highest value as a band; a line breaks where weeks have no report.",
        ),
        Chart(
            "adherence_vs_pain",
            tables.adherence_vs_pain,
            plots.plot_adherence_vs_pain,
            dashboard=True,
            pdf_page=3,
            caption="Sessions per week (bars) beside the week's mean pain per site (lines, "
            "lower is better): an association over time, not evidence that one caused the other.",
        ),
        # The dashboard holds the charts marked ``dashboard`` above, two by two.
        Chart(DASHBOARD, None, None),
        Chart(
            "study_weeks",
            cohort.study_week_adherence,
            cohort_plots.plot_study_weeks,
            pdf_page=4,
            cohort=True,
            caption="Per study week (week 1 = each participant's first): the share of the "
            "participants observed that week who met the target, and how many are still "
            "observed (it falls as participants stop).",
        ),
        Chart(
            "adherence_spread",
            cohort.cohort_table,
            cohort_plots.plot_adherence_spread,
            pdf_page=4,
            cohort=True,
            caption="Session adherence per participant: one dot each, the box from the first "
            "to the third quartile, the line at the median.",
        ),
        Chart(
            "pain_waterfall",
            cohort.cohort_table,
            cohort_plots.plot_pain_waterfall,
            pdf_page=5,
            cohort=True,
            caption="Change of pain per participant and site, latest minus baseline (below 0 "
            "is better). Green: a clinically important improvement (a fall of at least 2 "
            "points or 30 %, Farrar 2001); grey: not.",
        ),
        Chart(
            "adherence_vs_pain_change",
            cohort.cohort_table,
            cohort_plots.plot_adherence_vs_change,
            pdf_page=5,
            cohort=True,
            caption="Session adherence against the change of pain, per participant and site "
            "(green: clinically important improvement, as in the chart above): an "
            "association, not a cause.",
        ),
    )
}


def chart_names(*, cohort: bool = False) -> tuple[str, ...]:
    """The names of the charts of every log (``cohort=False``) or of a cohort only."""
    return tuple(name for name, chart in REGISTRY.items() if chart.cohort == cohort)


def pdf_pages(*, cohort: bool = False) -> tuple[tuple[str, ...], ...]:
    """The PDF's chart pages (each a tuple of chart names), of every log or of a cohort."""
    pages: dict[int, list[str]] = {}
    for name in chart_names(cohort=cohort):
        page = REGISTRY[name].pdf_page
        if page is not None:
            pages.setdefault(page, []).append(name)
    return tuple(tuple(names) for _, names in sorted(pages.items()))


def caption(name: str) -> str:
    """The caption of chart ``name`` under it in the PDF (what it shows, in words).

    >>> caption("pain").startswith("Pain per week and site (0-10, lower is better)")
    True
    """
    return _chart(name).caption


def dashboard_charts() -> tuple[Chart, ...]:
    """The charts of the dashboard, in reading order (left to right, top to bottom)."""
    return tuple(chart for chart in REGISTRY.values() if chart.dashboard)


def draw(name: str, ax: Any, tables: Tables, *, routine: Any = None) -> Any:
    """Draw chart ``name`` on ``ax`` with its plot function.

    ``tables`` gives the table of a metric function (the caller computes each table once);
    ``routine`` is passed to the plot functions that name exercises.
    """
    chart = _chart(name)
    if chart.table is None or chart.plot is None:
        raise UsageError(f"chart {name!r} is a whole figure, not drawn on one Axes")
    options = {keyword: tables(metric) for keyword, metric in chart.keywords.items()}
    if chart.routine:
        options["routine"] = routine
    return chart.plot(tables(chart.table), ax=ax, **options)


def tables_of(log: pd.DataFrame, **options: Any) -> Tables:
    """A function giving the table of a metric function, each computed once:
    ``metric(log, **options)`` (``options``: the routine and the window's spans)."""
    computed: dict[Metric, pd.DataFrame] = {}

    def table(metric: Metric) -> pd.DataFrame:
        if metric not in computed:
            computed[metric] = metric(log, **options)
        return computed[metric]

    return table


def _chart(name: str) -> Chart:
    try:
        return REGISTRY[name]
    except KeyError:
        expected = ", ".join(chart_names())
        raise UsageError(f"unknown chart {name!r}; expected one of {expected}") from None
