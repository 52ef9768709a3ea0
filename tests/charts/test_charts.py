"""footstats.charts.registry: the one list of charts that the report and the dashboard loop over."""

from __future__ import annotations

import matplotlib.pyplot as plt
import pytest

import footstats
from footstats.charts import registry as charts
from footstats.charts.sizes import figsize
from footstats.report import write as report


def test_every_chart_is_drawn_by_public_functions_only():
    for chart in charts.REGISTRY.values():
        functions = [f for f in (chart.plot, *chart.metrics) if f is not None]
        for function in functions:
            assert getattr(footstats, function.__name__) is function, (chart.name, function)


def test_the_report_and_the_pdf_take_their_charts_from_the_registry():
    assert report.CHARTS == (
        "frequency",
        "calendar",
        "completion",
        "sets",
        "pain",
        "adherence_vs_pain",
        "dashboard",
    )
    assert report.COHORT_CHARTS == (
        "study_weeks",
        "adherence_spread",
        "pain_waterfall",
        "adherence_vs_pain_change",
    )
    assert charts.pdf_pages() == (
        ("frequency", "calendar"),
        ("completion", "sets"),
        ("pain", "adherence_vs_pain"),
    )
    assert charts.pdf_pages(cohort=True) == (
        ("study_weeks", "adherence_spread"),
        ("pain_waterfall", "adherence_vs_pain_change"),
    )
    assert [c.name for c in charts.dashboard_charts()] == [
        "frequency",
        "completion",
        "pain",
        "adherence_vs_pain",
    ]


def test_sizes_grow_with_the_routines_exercises_from_three_on():
    assert figsize("frequency", rows=12) == (9, 4)
    assert figsize("sets", rows=10) == (9, 1.6 + 0.5 * 10)
    assert figsize("completion", rows=1) == figsize("completion", rows=3)
    assert charts.REGISTRY["sets"].size(10) == figsize("sets", rows=10)


def test_draw_uses_the_charts_tables_once_each_and_refuses_unknown_charts():
    log = footstats.load_sample()
    asked = []
    tables = charts.tables_of(log)

    def counting(metric):
        asked.append(metric)
        return tables(metric)

    fig, ax = plt.subplots()
    try:
        drawn = charts.draw("pain", ax, counting)
        assert drawn is ax and ax.get_ylabel() == "pain (0-10, lower is better)"
        assert sorted(f.__name__ for f in asked) == ["pain_change", "weekly_pain"]
        weekly_pain = footstats.weekly_pain
        assert tables(weekly_pain) is tables(weekly_pain)  # computed once
        with pytest.raises(ValueError, match="unknown chart 'pie'; expected one of frequency"):
            charts.draw("pie", ax, counting)
        with pytest.raises(ValueError, match="a whole figure"):
            charts.draw("dashboard", ax, counting)
    finally:
        plt.close(fig)
