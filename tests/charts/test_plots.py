"""What the charts draw, on a tiny hand-made log whose numbers are worked out below.

The log (weeks are ISO weeks labelled by their Monday):

week 2026-03-02  Mon 03-02: the full routine (toe walking 6, heel raises 2 both sides,
                 tibialis 1 both, ankle circles 5 both, toe curls 10); back 6, hip 4
                 Wed 03-04: toe walking 3, heel raises 3 both sides; back 4
week 2026-03-09  Tue 03-10: a check-in only; back 5, hip 2          -> 0 sessions
week 2026-03-16  Wed 03-18: heel raises 3 both sides; back 2, hip 2 -> 1 session

sessions per week: 2, 0, 1 (target 2-3: met, not met, not met; streaks current 0, longest 1)
completion % (per-session completions capped at 100, then averaged over the week's sessions):
    toe walking   (6/6=100, 3/6=50) -> 75 | - | 0/6 -> 0
    heel raises   (4/4, min(3,2)+min(3,2)=4/4) -> 100 | - | 4/4 -> 100
    tibialis, ankle circles, toe curls: (100, 0) -> 50 | - | 0
sets done / prescribed over the period (per-side exercises: both sides count, 2p prescribed):
    toe walking 6+3 / 3x6 = 9/18; heel raises 4+6+6 / 3x4 = 16/12 (4 beyond);
    tibialis 2/6; ankle circles 10/30; toe curls 10/30
pain (weekly mean, min, max): back 5 (4-6), 5, 2; hip 4, 2, 2
baseline (first 14 days: 03-02..03-15): back (6+4+5)/3 = 5, hip (4+2)/2 = 3
clinically important level: back max(5-2, 0.7x5) = 3.5, hip max(3-2, 0.7x3) = 2.1
"""

import subprocess
import sys

import matplotlib as mpl
import matplotlib.dates as mdates
import matplotlib.pyplot as plt
import numpy as np
import pandas as pd
import pytest
from _tidy import PROGRAM, ROWS, SITES, tidy_log
from matplotlib.figure import Figure

import footstats
from footstats.charts import plots
from footstats.metrics import tables as metrics

WEEKS = pd.to_datetime(["2026-03-02", "2026-03-09", "2026-03-16"])


@pytest.fixture
def log():
    return tidy_log(ROWS, sites=SITES)


@pytest.fixture
def cohort_log():
    # p2: toe walking once in each of the weeks of 03-09 and 03-16 -> 1, 1 sessions.
    p2 = [
        {"date": "2026-03-09", "exercise": "toe_walking", "sets": 6, "back": 3},
        {"date": "2026-03-16", "exercise": "toe_walking", "sets": 6, "back": 3},
    ]
    rows = [{**r, "participant": "p1"} for r in ROWS] + [{**r, "participant": "p2"} for r in p2]
    return tidy_log(rows, sites=SITES)


def day_numbers(dates):
    return mdates.date2num(pd.DatetimeIndex(dates).to_numpy())


def bars(ax):
    """The bars of the first bar container (one per week or exercise)."""
    return list(ax.containers[0])


def texts(ax):
    return [t.get_text() for t in ax.texts]


def mesh(ax):
    (quadmesh,) = ax.collections[:1]
    return quadmesh.get_array()


# -- frequency --------------------------------------------------------------------------------


def test_plot_frequency_draws_one_bar_per_week_zeros_included(log):
    ax = plots.plot_frequency(metrics.weekly_frequency(log))
    heights = [b.get_height() for b in bars(ax)]
    assert heights == [2, 0, 1]
    # Each bar covers its week: it starts half a day after the Monday.
    assert [b.get_x() for b in bars(ax)] == pytest.approx(day_numbers(WEEKS) + 0.5)
    # The week without a session is marked on the axis, so it does not look like no data.
    (zero_marks,) = [line for line in ax.lines if line.get_label() == "no session"]
    assert zero_marks.get_xdata() == pytest.approx(day_numbers(WEEKS[1:2]) + 3.5)


def test_plot_frequency_shows_target_band_met_weeks_and_streaks(log):
    ax = plots.plot_frequency(metrics.weekly_frequency(log))
    band = [p for p in ax.patches if p not in bars(ax)]
    (target,) = [p for p in band if p.get_facecolor()[:3] == mpl.colors.to_rgb("#009E73")]
    y0, y1 = target.get_path().get_extents(target.get_patch_transform()).intervaly
    assert (y0, y1) == (2, 3)
    met, missed, _ = (b.get_facecolor() for b in bars(ax))
    assert met != missed  # week 1 met the target, week 3 did not
    title = ax.get_title()
    # the log ends on Wednesday 18 March: that week is in progress (1 of 2 so far), not
    # judged: 1 of the 2 weeks judged met the target
    assert "target met in 1 of 2 weeks" in title
    assert "habit strength 16 %" in title  # Loop's score on 18 March (test_in_progress)
    assert "current streak 0" in title and "longest streak 1" in title
    assert ax.get_ylabel() == "sessions per week"
    assert isinstance(ax.xaxis.get_major_formatter(), mdates.ConciseDateFormatter)


def test_plot_frequency_target_argument_overrides_the_table(log):
    ax = plots.plot_frequency(metrics.weekly_frequency(log), target=(1, 2))
    # With a target of 1, weeks 1 and 3 are met (same colour), week 2 is not.
    first, second, third = (b.get_facecolor() for b in bars(ax))
    assert first == third != second
    assert "target met in 2 of 3 weeks" in ax.get_title()  # on target: the week counts
    assert "current streak 1" in ax.get_title()


def test_plot_frequency_passes_kwargs_to_the_bars(log):
    ax = plots.plot_frequency(metrics.weekly_frequency(log), alpha=0.4)
    assert {b.get_alpha() for b in bars(ax)} == {0.4}


def test_plot_frequency_cohort_shows_the_weekly_mean_and_quartiles(cohort_log):
    ax = plots.plot_frequency(metrics.weekly_frequency(cohort_log))
    # week 03-02: p1 only -> 2; 03-09: p1 0, p2 1 -> 0.5; 03-16: p1 1, p2 1 -> 1.
    assert [b.get_height() for b in bars(ax)] == [2, 0.5, 1]
    assert "mean of the participants observed each week" in ax.get_title()
    # one colour for a cohort's means (a mean is neither met nor missed)
    assert len({b.get_facecolor() for b in bars(ax)}) == 1
    # The 25-75 % whisker of week 03-09: quantiles of (0, 1) are 0.25 and 0.75, capped
    whisker, low_caps, high_caps = [
        c for c in ax.collections if isinstance(c, mpl.collections.LineCollection)
    ]
    assert whisker.get_segments()[1][:, 1] == pytest.approx([0.25, 0.75])
    assert low_caps.get_segments()[1][:, 1] == pytest.approx([0.25, 0.25])
    assert high_caps.get_segments()[1][:, 1] == pytest.approx([0.75, 0.75])


def test_plot_frequency_one_participant_of_a_cohort(cohort_log):
    ax = plots.plot_frequency(metrics.weekly_frequency(cohort_log), participant="p2")
    assert [b.get_height() for b in bars(ax)] == [1, 1]
    with pytest.raises(ValueError, match="no participant 'p9'"):
        plots.plot_frequency(metrics.weekly_frequency(cohort_log), participant="p9")


def test_plot_frequency_participant_without_participants_is_an_error(log):
    with pytest.raises(ValueError, match="no participants"):
        plots.plot_frequency(metrics.weekly_frequency(log), participant="p1")


# -- axes and figures ------------------------------------------------------------------------

CHARTS = {
    "frequency": lambda log: plots.plot_frequency(metrics.weekly_frequency(log)),
    "calendar": lambda log: plots.plot_calendar(metrics.session_table(log)),
    "completion": lambda log: plots.plot_completion(metrics.weekly_sets(log)),
    "sets": lambda log: plots.plot_sets(metrics.weekly_sets(log)),
    "pain": lambda log: plots.plot_pain(metrics.weekly_pain(log)),
    "adherence_vs_pain": lambda log: plots.plot_adherence_vs_pain(metrics.adherence_vs_pain(log)),
}
TABLES = {
    "frequency": (plots.plot_frequency, metrics.weekly_frequency),
    "calendar": (plots.plot_calendar, metrics.session_table),
    "completion": (plots.plot_completion, metrics.weekly_sets),
    "sets": (plots.plot_sets, metrics.weekly_sets),
    "pain": (plots.plot_pain, metrics.weekly_pain),
    "adherence_vs_pain": (plots.plot_adherence_vs_pain, metrics.adherence_vs_pain),
}


@pytest.mark.parametrize("chart", TABLES)
def test_plot_draws_on_the_given_axes_without_a_new_figure(chart, log):
    plot, table = TABLES[chart]
    fig, ax = plt.subplots()
    before = plt.get_fignums()
    assert plot(table(log), ax=ax) is ax
    assert plt.get_fignums() == before
    assert ax.get_title()  # says what is shown


@pytest.mark.parametrize("chart", TABLES)
def test_plot_creates_one_figure_when_no_axes_is_given(chart, log):
    plot, table = TABLES[chart]
    data = table(log)
    before = len(plt.get_fignums())
    ax = plot(data)
    assert len(plt.get_fignums()) == before + 1
    assert ax.figure.number == plt.get_fignums()[-1]


@pytest.mark.parametrize(
    ("chart", "message"),
    [
        ("frequency", "no sessions yet"),
        ("calendar", "no sessions yet"),
        ("completion", "no sets logged"),
        ("sets", "no sets logged"),
        ("pain", "no pain reports"),
        ("adherence_vs_pain", "no sessions yet"),
    ],
)
def test_plot_of_an_empty_table_draws_a_message(chart, message, log):
    plot, table = TABLES[chart]
    empty = table(log).iloc[0:0]
    ax = plot(empty)
    assert any(text.startswith(message) for text in texts(ax))
    assert ax.get_title()


@pytest.mark.parametrize("chart", [c for c in CHARTS if c != "sets"])
def test_a_single_week_gets_an_axis_of_several_weeks(chart):
    log = tidy_log([{"date": "2026-03-04", "exercise": "toe_walking", "sets": 6, "back": 3}])
    ax = CHARTS[chart](log)
    left, right = ax.get_xlim()
    # One week alone would fill the axis; it is drawn on at least 8 weeks (56 days).
    assert right - left >= 56
    assert left < day_numbers(["2026-03-02"])[0] and right > day_numbers(["2026-03-09"])[0]


def test_plots_do_not_change_global_matplotlib_state(log):
    before = dict(mpl.rcParams)
    backend = mpl.get_backend()
    fig = footstats.plot_dashboard(log)
    for draw in CHARTS.values():
        draw(log)
    assert dict(mpl.rcParams) == before
    assert mpl.get_backend() == backend
    assert isinstance(fig, Figure)


def test_importing_footstats_and_computing_metrics_does_not_import_matplotlib():
    code = (
        "import sys, footstats\n"
        "footstats.weekly_frequency(footstats.load_sample())\n"
        "print('matplotlib' in sys.modules)\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True
    )
    assert result.stdout.strip() == "False"


# -- calendar ---------------------------------------------------------------------------------


def test_plot_calendar_is_a_weekday_by_week_grid_masking_days_outside_the_range(log):
    ax = plots.plot_calendar(metrics.session_table(log))
    values = mesh(ax).reshape(7, 3)  # sessions 03-02 .. 03-18 span 3 weeks
    # Days after the last session (Thu 03-19 .. Sun 03-22) are outside the range.
    assert values.mask[:, 2].tolist() == [False, False, False, True, True, True, True]
    assert values.count() == 7 + 7 + 3
    # Sessions: Mon and Wed of week 1, Wed of week 3.
    assert values[0, 0] == 1 and values[2, 0] == 1 and values[2, 2] == 1
    assert values.sum() == 3
    assert [t.get_text() for t in ax.get_yticklabels()] == [
        "Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"
    ]  # fmt: skip
    assert "3 sessions" in ax.get_title()


def test_plot_calendar_cohort_counts_everyones_sessions(cohort_log):
    ax = plots.plot_calendar(metrics.session_table(cohort_log))
    values = mesh(ax).reshape(7, 3)
    # p2's sessions on Mon 03-09 and Mon 03-16 join p1's three.
    assert values[0, 1] == 1 and values[0, 2] == 1
    assert values.sum() == 5


# -- completion and sets ----------------------------------------------------------------------


def test_plot_completion_heatmap_is_exercises_by_weeks_in_percent(log):
    ax = plots.plot_completion(metrics.weekly_sets(log))
    values = mesh(ax).reshape(5, 3)
    expected = np.array(
        [[75, np.nan, 0], [100, np.nan, 100], [50, np.nan, 0], [50, np.nan, 0], [50, np.nan, 0]]
    )
    assert values.filled(np.nan) == pytest.approx(expected, nan_ok=True)
    assert values.mask[:, 1].all()  # no session in the week of 03-09: blank
    assert [t.get_text() for t in ax.get_yticklabels()] == [e.name for e in PROGRAM.exercises]
    # Few weeks: the percentages are written in the cells.
    assert {"75", "100", "50", "0"} <= set(texts(ax))
    colorbar = ax.figure.axes[-1]
    assert colorbar.get_ylabel() == "completion (%)"


def test_plot_completion_uses_the_given_programs_names(log):
    renamed = PROGRAM.__class__(
        name="mine",
        exercises=tuple(
            e.__class__(**{**vars(e), "name": e.id.upper()}) for e in PROGRAM.exercises
        ),
        sessions_per_week=PROGRAM.sessions_per_week,
    )
    ax = plots.plot_completion(metrics.weekly_sets(log), routine=renamed)
    assert ax.get_yticklabels()[0].get_text() == "TOE_WALKING"


def test_plot_sets_shows_done_prescribed_and_over_achievement(log):
    ax = plots.plot_sets(metrics.weekly_sets(log))
    prescribed, within, beyond = (list(c) for c in ax.containers)
    assert [b.get_width() for b in prescribed] == [18, 12, 6, 30, 30]
    assert [b.get_width() for b in within] == [9, 12, 2, 10, 10]
    # Heel raises: 16 done against 12 prescribed -> 4 beyond, drawn from 12 on.
    assert [b.get_width() for b in beyond] == [0, 4, 0, 0, 0]
    assert beyond[1].get_x() == 12
    # counted up to the prescription per session (page 1's figure), the 4 beyond apart
    assert "12 / 12 (100 %) +4" in texts(ax)
    assert [t.get_text() for t in ax.get_yticklabels()][1] == "Heel raises"


# -- pain -------------------------------------------------------------------------------------


def test_plot_pain_draws_one_line_per_site_with_its_band(log):
    ax = plots.plot_pain(metrics.weekly_pain(log))
    lines = {line.get_label(): line for line in ax.lines}
    assert set(lines) == set(SITES)
    assert lines["back"].get_ydata().tolist() == [5, 5, 2]
    assert lines["hip"].get_ydata().tolist() == [4, 2, 2]
    # Drawn mid-week, the two sites half a day to each side (equal values stay apart)
    assert lines["back"].get_xdata() == pytest.approx(day_numbers(WEEKS) + 3.0)
    assert lines["hip"].get_xdata() == pytest.approx(day_numbers(WEEKS) + 4.0)
    assert lines["back"].get_marker() != lines["hip"].get_marker()
    assert lines["back"].get_linestyle() != lines["hip"].get_linestyle()
    assert len(ax.collections) == 2  # a min-max band per site
    assert ax.get_ylim() == (0, 10)
    assert ax.get_ylabel() == "pain (0-10, lower is better)"


def test_plot_pain_breaks_its_lines_at_weeks_without_a_report():
    weekly = pd.DataFrame(
        {
            "week": pd.to_datetime(["2026-03-02", "2026-03-09", "2026-03-30", "2026-11-02"]),
            "site": pd.Categorical(["back"] * 4),
            "mean": [6.0, 5.0, 4.0, 2.0],
            "min": [6, 5, 4, 2],
            "max": [6, 5, 4, 2],
            "n": [1, 1, 1, 1],
        }
    )
    ax = plots.plot_pain(weekly)
    (line,) = ax.lines
    y = line.get_ydata()
    # a NaN after 9 March (2 weeks missing) and after 30 March (7 months): 3 pieces
    assert np.isnan(y).sum() == 2
    assert [v for v in y if not np.isnan(v)] == [6.0, 5.0, 4.0, 2.0]
    assert np.isnan(y[2]) and np.isnan(y[4])


def test_plot_pain_with_change_draws_baseline_and_important_level(log):
    ax = plots.plot_pain(metrics.weekly_pain(log), change=metrics.pain_change(log))
    levels = sorted(
        (line.get_linestyle(), round(line.get_ydata()[0], 9))
        for line in ax.lines
        if line.get_label().startswith("_")  # the horizontal reference lines
    )
    # one reference line per site, the level of a clinically important improvement:
    # back 5 -> max(3, 3.5) = 3.5; hip 3 -> max(1, 2.1) = 2.1
    assert [level for _, level in levels] == [2.1, 3.5]
    legend = [t.get_text() for t in ax.get_legend().get_texts()]
    assert any(text.startswith("clinically important") for text in legend)
    assert "baseline" not in legend


def test_plot_pain_cohort_has_no_baselines(cohort_log):
    ax = plots.plot_pain(metrics.weekly_pain(cohort_log), change=metrics.pain_change(cohort_log))
    lines = {line.get_label(): line for line in ax.lines}
    # back, week 03-09: p1 5, p2 3 -> mean 4; week 03-16: p1 2, p2 3 -> 2.5.
    assert lines["back"].get_ydata().tolist() == [5, 4, 2.5]
    assert not [line for line in ax.lines if line.get_linestyle() == ":"]


# -- adherence vs pain ------------------------------------------------------------------------


def test_plot_adherence_vs_pain_has_session_bars_and_pain_lines_on_a_twin(log):
    ax = plots.plot_adherence_vs_pain(metrics.adherence_vs_pain(log))
    assert [b.get_height() for b in bars(ax)] == [2, 0, 1]
    (pain_ax,) = [other for other in ax.figure.axes if other is not ax]
    lines = {line.get_label(): line.get_ydata().tolist() for line in pain_ax.lines}
    assert lines == {"back pain": [5, 5, 2], "hip pain": [4, 2, 2]}
    assert "association, not cause" in ax.get_title()
    assert pain_ax.get_ylabel() == "pain (0-10, lower is better)"


def test_plot_adherence_vs_pain_skips_sites_nobody_reported():
    log = tidy_log([{"date": "2026-03-04", "exercise": "toe_walking", "sets": 6, "back": 3}])
    ax = plots.plot_adherence_vs_pain(metrics.adherence_vs_pain(log))
    (pain_ax,) = [other for other in ax.figure.axes if other is not ax]
    assert [line.get_label() for line in pain_ax.lines] == ["back pain"]


# -- dashboard --------------------------------------------------------------------------------


def test_plot_dashboard_has_the_four_panels_and_the_period(log):
    fig = footstats.plot_dashboard(log)
    titles = [ax.get_title() for ax in fig.axes]
    assert any(t.startswith("Sessions per week") for t in titles)
    assert any(t.startswith("Sets completed") for t in titles)
    assert any(t.startswith("Pain per week") for t in titles)
    assert any("association, not cause" in t for t in titles)
    # Log dates 2026-03-02 .. 2026-03-18: ISO weeks 10 to 12.
    assert "2 Mar – 18 Mar 2026 (3 weeks)" in fig.get_suptitle()


def test_plot_dashboard_draws_on_the_given_figure(cohort_log):
    fig = Figure()
    before = plt.get_fignums()
    assert footstats.plot_dashboard(cohort_log, participant="p2", fig=fig) is fig
    assert plt.get_fignums() == before
    assert "participant p2" in fig.get_suptitle()
    # p2's window runs to the cohort's last row (18 March), as in the cohort's report
    assert "9 Mar – 18 Mar 2026 (2 weeks)" in fig.get_suptitle()
