"""The chart registry: every chart footstats draws, listed once.

Each :class:`Chart` says which metric table it is drawn from (a public function of
``footstats``, called on the log with the routine and the follow-up window), which public
plot function draws it, its figure size, and where it goes: on the dashboard, on which page
of the PDF report, and whether only a cohort (a log with participants) gets it.
:mod:`footstats.report.write` (the chart files and the PDF) and :func:`footstats.plot_dashboard`
loop over :data:`REGISTRY`; nothing else lists chart names.

This module imports no plotting library: a plot function is looked up by name only when a
chart is drawn.

>>> [chart.name for chart in REGISTRY.values() if chart.dashboard]
['frequency', 'completion', 'pain', 'adherence_vs_pain']
>>> figsize("sets", rows=5)
(9, 4.1)
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from importlib import import_module

import pandas as pd

from footstats.errors import UsageError

__all__ = [
    "DASHBOARD",
    "REGISTRY",
    "Chart",
    "chart_names",
    "dashboard_charts",
    "draw",
    "figsize",
    "pdf_pages",
    "tables_of",
]

DASHBOARD = "dashboard"
_MIN_ROWS = 3  # a chart with one row per exercise is never drawn for fewer rows


@dataclass(frozen=True)
class Chart:
    """One chart: its table, its plot function, its size and where it goes.

    ``table`` and the values of ``keywords`` name public metric functions of ``footstats``
    (``keywords`` maps a keyword of the plot function to the metric that fills it, e.g.
    ``change`` of :func:`footstats.plot_pain`); ``routine``: the plot function also takes
    ``routine=``. The size is ``width`` by ``height`` inches, plus ``height_per_row`` for
    each exercise of the routine (at least three). ``pdf_page`` numbers the PDF's chart
    pages (two charts to a page); None: not in the PDF.
    """

    name: str
    table: str | None
    plot: str
    width: float
    height: float
    height_per_row: float = 0
    keywords: Mapping[str, str] = field(default_factory=dict)
    routine: bool = False
    dashboard: bool = False
    pdf_page: int | None = None
    cohort: bool = False

    def size(self, rows: int = 5) -> tuple[float, float]:
        """Figure size (inches) of the chart on its own; ``rows``: the routine's exercises."""
        if not self.height_per_row:
            return (self.width, self.height)
        return (self.width, self.height + self.height_per_row * max(rows, _MIN_ROWS))

    @property
    def metrics(self) -> tuple[str, ...]:
        """The metric functions whose tables the chart is drawn from."""
        return tuple(m for m in (self.table, *self.keywords.values()) if m is not None)


REGISTRY: dict[str, Chart] = {
    chart.name: chart
    for chart in (
        Chart("frequency", "weekly_frequency", "plot_frequency", 9, 4, dashboard=True, pdf_page=1),
        Chart("calendar", "session_table", "plot_calendar", 9, 2.6, pdf_page=1),
        Chart(
            "completion",
            "weekly_sets",
            "plot_completion",
            9,
            1.4,
            0.45,
            routine=True,
            dashboard=True,
            pdf_page=2,
        ),
        Chart("sets", "weekly_sets", "plot_sets", 9, 1.6, 0.5, routine=True, pdf_page=2),
        Chart(
            "pain",
            "weekly_pain",
            "plot_pain",
            9,
            4,
            keywords={"change": "pain_change"},
            dashboard=True,
            pdf_page=3,
        ),
        Chart(
            "adherence_vs_pain",
            "adherence_vs_pain",
            "plot_adherence_vs_pain",
            9,
            4,
            dashboard=True,
            pdf_page=3,
        ),
        # The dashboard holds the charts marked ``dashboard`` above, two by two.
        Chart(DASHBOARD, None, "plot_dashboard", 15, 9.5),
        Chart(
            "study_weeks",
            "study_week_adherence",
            "plot_study_weeks",
            9,
            4.4,
            pdf_page=4,
            cohort=True,
        ),
        Chart(
            "adherence_spread",
            "cohort_table",
            "plot_adherence_spread",
            9,
            4,
            pdf_page=4,
            cohort=True,
        ),
        Chart(
            "pain_waterfall",
            "cohort_table",
            "plot_pain_waterfall",
            9,
            4,
            pdf_page=5,
            cohort=True,
        ),
        Chart(
            "adherence_vs_pain_change",
            "cohort_table",
            "plot_adherence_vs_change",
            9,
            4.4,
            pdf_page=5,
            cohort=True,
        ),
    )
}


def chart_names(*, cohort: bool = False) -> tuple[str, ...]:
    """The names of the charts of every log (``cohort=False``) or of a cohort only."""
    return tuple(name for name, chart in REGISTRY.items() if chart.cohort == cohort)


def figsize(name: str, rows: int = 5) -> tuple[float, float]:
    """Figure size (inches) of chart ``name`` on its own; ``rows``: the routine's exercises."""
    return _chart(name).size(rows)


def pdf_pages(*, cohort: bool = False) -> tuple[tuple[str, ...], ...]:
    """The PDF's chart pages (each a tuple of chart names), of every log or of a cohort."""
    pages: dict[int, list[str]] = {}
    for name in chart_names(cohort=cohort):
        page = REGISTRY[name].pdf_page
        if page is not None:
            pages.setdefault(page, []).append(name)
    return tuple(tuple(names) for _, names in sorted(pages.items()))


def dashboard_charts() -> tuple[Chart, ...]:
    """The charts of the dashboard, in reading order (left to right, top to bottom)."""
    return tuple(chart for chart in REGISTRY.values() if chart.dashboard)


def draw(name: str, ax, tables: Callable[[str], pd.DataFrame], *, routine=None):
    """Draw chart ``name`` on ``ax`` with its public plot function.

    ``tables`` gives the table of a metric function by its name (the caller computes each
    table once); ``routine`` is passed to the plot functions that name exercises.
    """
    chart = _chart(name)
    if chart.table is None:
        raise UsageError(f"chart {name!r} is a whole figure, not drawn on one Axes")
    plot = getattr(import_module("footstats"), chart.plot)
    options = {keyword: tables(metric) for keyword, metric in chart.keywords.items()}
    if chart.routine:
        options["routine"] = routine
    return plot(tables(chart.table), ax=ax, **options)


def tables_of(log: pd.DataFrame, **options) -> Callable[[str], pd.DataFrame]:
    """A function giving the table of a metric function by its name, each computed once:
    ``footstats.<metric>(log, **options)`` (``options``: the routine and the window)."""
    footstats = import_module("footstats")
    computed: dict[str, pd.DataFrame] = {}

    def table(metric: str) -> pd.DataFrame:
        if metric not in computed:
            computed[metric] = getattr(footstats, metric)(log, **options)
        return computed[metric]

    return table


def _chart(name: str) -> Chart:
    try:
        return REGISTRY[name]
    except KeyError:
        expected = ", ".join(chart_names())
        raise UsageError(f"unknown chart {name!r}; expected one of {expected}") from None
