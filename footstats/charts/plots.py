"""Charts of the weekly tables: Axes-level functions in the style of seaborn.

Every ``plot_*`` function takes its table first (the output of the matching function in
:mod:`footstats.metrics.tables`), everything else keyword-only, draws on ``ax`` (a new figure is
created only when ``ax`` is None) and returns the Axes. Extra ``**kwargs`` go to the main
artist (the bars, the lines or the mesh). Nothing here changes global matplotlib state.

Participants
    Each function takes ``participant=None``. When the table has a ``participant`` column,
    ``participant="p1"`` draws that person alone. With several participants and none chosen,
    the chart shows the cohort: for each week, the mean over the participants who have that
    week in their log, with the 25-75 % range of the participants as a band or whisker; the
    calendar counts everyone's sessions per day, the set totals are summed over everyone.
Empty tables
    An empty table draws the chart's title and a message ("no sessions yet",
    "no pain reports") instead of failing.
Colours
    The Okabe-Ito palette (safe for the common colour-vision deficiencies), set once in
    :data:`PALETTE`; sequential heatmaps use ``cividis``. Whether a week met the target is
    shown by colour *and* legend text, not by colour alone.

Why one module of about 950 lines: six charts of about a hundred lines each (half of it
their docstrings) share the palette and the helpers at the top, which no other module uses;
the cohort charts are in :mod:`footstats.charts.cohort_plots`, the chart list in
:mod:`footstats.charts.registry`, the dashboard in :mod:`footstats.charts.dashboard`.
"""

from __future__ import annotations

import itertools
from typing import Any

import matplotlib.dates as mdates
import numpy as np
import pandas as pd
from matplotlib.axes import Axes
from matplotlib.collections import PolyCollection
from matplotlib.colors import BoundaryNorm, LinearSegmentedColormap, Normalize
from matplotlib.lines import Line2D
from matplotlib.patches import Patch
from matplotlib.ticker import MaxNLocator

from footstats.charts.sizes import figsize
from footstats.columns import (
    COMPLETION,
    DATE,
    EXERCISE,
    HABIT_STRENGTH,
    IN_PROGRESS,
    PARTICIPANT,
    SESSIONS,
    SETS_DONE,
    SETS_PRESCRIBED,
    SITE,
    TARGET_MAX,
    TARGET_MET,
    TARGET_MIN,
    VALUE_MAX,
    VALUE_MEAN,
    VALUE_MIN,
    WEEK,
)
from footstats.core.docstrings import fill_docs
from footstats.core.guards import expect_table
from footstats.errors import UsageError
from footstats.routine import Routine, deprecated_program, resolve_routine

__all__ = [
    "PALETTE",
    "SITE_COLORS",
    "plot_adherence_vs_pain",
    "plot_calendar",
    "plot_completion",
    "plot_frequency",
    "plot_pain",
    "plot_sets",
]

# Okabe & Ito (2008), "Color Universal Design": distinguishable with any common colour-vision
# deficiency and in greyscale print by lightness.
PALETTE = {
    "black": "#000000",
    "orange": "#E69F00",
    "sky": "#56B4E9",
    "green": "#009E73",
    "yellow": "#F0E442",
    "blue": "#0072B2",
    "vermillion": "#D55E00",
    "purple": "#CC79A7",
    "grey": "#999999",
    "light": "#EEEEEE",
}
SITE_COLORS = {"back": PALETTE["blue"], "hip": PALETTE["vermillion"], "knee": PALETTE["green"]}
# marker and line dashes per site, in site order: two sites on the same values stay apart
_SITE_MARKS = (("o", "-"), ("s", "--"), ("^", "-."), ("D", ":"))
_SITE_DODGE = 1.0  # days between the sites' points of one week
_OTHER_SITE_COLORS = (PALETTE["purple"], PALETTE["orange"], PALETTE["sky"], PALETTE["black"])
_MET_COLOR, _UNMET_COLOR = PALETTE["blue"], PALETTE["orange"]
_TARGET_COLOR = PALETTE["green"]
_PROGRESS_COLOR = PALETTE["grey"]  # the week in progress: not met, not missed
_COHORT_COLOR = PALETTE["sky"]
_STRENGTH_COLOR = PALETTE["purple"]
_HEATMAP = "cividis"  # perceptually uniform and readable with colour-vision deficiencies
_WEEKDAYS = ("Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun")
_WEEK = pd.Timedelta(days=7)
_MID_WEEK = pd.Timedelta(days=3.5)  # weekly values are drawn in the middle of their week
_MIN_SPAN = pd.Timedelta(weeks=8)
_MANY_WEEKS = 52  # beyond this, lines lose their point markers and cells their gaps
_COUNT_LEVELS = 12  # a calendar day's count gets its own colour up to this many sessions
_MANY_BARS = 260  # beyond five years of weeks, bars are drawn as one collection
_ANNOTATE_MAX_WEEKS = 16  # write the numbers in heatmap cells up to this many weeks
_COHORT_BAND = "25-75 % of participants"
_LEGEND_ROOM = 0.8  # share of an axis' height left to data when the legend sits on top

NO_SESSIONS = "no sessions yet"
NO_PAIN = "no pain reports"
# Also what a habit-tracker export shows: whole sessions, no per-exercise sets.
NO_SETS = "no sets logged\n(sessions without per-exercise sets have none to show)"


# -- shared helpers ---------------------------------------------------------------------------


def _axes(ax, chart: str, rows: int = 5):
    """The given Axes, or a new figure's Axes (the only place a figure is created)."""
    if ax is not None:
        return ax
    import matplotlib.pyplot as plt  # here: a report draws on its own figures, no pyplot

    _, new_ax = plt.subplots(figsize=figsize(chart, rows), layout="constrained")
    return new_ax


def _select(data: pd.DataFrame, participant) -> tuple[pd.DataFrame, int]:
    """Rows of ``participant`` (or all) and how many participants they hold (0 = no column)."""
    if PARTICIPANT not in data.columns:
        if participant is not None:
            raise UsageError(
                f"participant={participant!r} given, but the table has no participants"
            )
        return data, 0
    if participant is not None:
        chosen = data[data[PARTICIPANT] == participant]
        if chosen.empty and not data.empty:
            known = ", ".join(map(str, pd.unique(data[PARTICIPANT])[:10]))
            raise UsageError(f"no participant {participant!r} in the table (there are: {known})")
        return chosen, 1
    return data, int(data[PARTICIPANT].nunique())


def _cohort_title(n: int, what: str = "mean") -> str:
    return f", {what} of {n} participants" if n > 1 else ""


def _week_stats(frame: pd.DataFrame, value: str, by=(WEEK,)) -> pd.DataFrame:
    """Per ``by`` group: mean, 25 % and 75 % quantile of ``value`` (a cohort summary)."""
    grouped = frame.groupby(list(by), observed=True, sort=True)[value]
    quartiles = grouped.quantile([0.25, 0.75]).unstack()
    return pd.DataFrame(
        {"mean": grouped.mean(), "q25": quartiles[0.25], "q75": quartiles[0.75]}
    ).reset_index()


def _day_numbers(values) -> np.ndarray:
    return mdates.date2num(pd.DatetimeIndex(values).to_numpy())


def _date_axis(ax, weeks) -> None:
    """Concise date ticks, the x range spanning ``weeks`` (widened to at least a few weeks)."""
    locator = mdates.AutoDateLocator(minticks=3, maxticks=9)
    ax.xaxis.set_major_locator(locator)
    ax.xaxis.set_major_formatter(mdates.ConciseDateFormatter(locator))
    first, last = pd.Timestamp(weeks.min()), pd.Timestamp(weeks.max()) + _WEEK
    # One week on a full-width axis would be one huge bar; keep weeks a readable width.
    pad = max(_MIN_SPAN - (last - first), pd.Timedelta(0)) / 2 + pd.Timedelta(days=1)
    ax.set_xlim(_day_numbers([first - pad, last + pad]))


def _period(start, end) -> str:
    """``"2 Mar – 21 Jun 2026"`` (the year once when both dates share it)."""
    start, end = pd.Timestamp(start), pd.Timestamp(end)
    first = f"{start.day} {start:%b}" if start.year == end.year else f"{start.day} {start:%b %Y}"
    return first if start == end else f"{first} – {end.day} {end:%b %Y}"


def _week_period(weeks: pd.Series) -> str:
    """The weeks by their Monday, ``"weeks of 2 Mar – 15 Jun 2026"``: never past the data
    (the last week may be in progress)."""
    return "weeks of " + _period(weeks.min(), weeks.max())


def _empty(ax, title: str, message: str):
    ax.set_title(title)
    ax.text(
        0.5,
        0.5,
        message,
        transform=ax.transAxes,
        ha="center",
        va="center",
        fontsize="large",
        color=PALETTE["grey"],
    )
    ax.set_xticks([])
    ax.set_yticks([])
    return ax


def _site_colors(sites) -> dict[str, str]:
    others = itertools.cycle(_OTHER_SITE_COLORS)
    return {site: SITE_COLORS.get(site) or next(others) for site in sites}


def _ordered_sites(sites) -> list[str]:
    """Known sites first in their usual order (back, hip, knee), then the others."""
    present = list(dict.fromkeys(map(str, sites)))
    return sorted(
        present,
        key=lambda s: (
            list(SITE_COLORS).index(s) if s in SITE_COLORS else len(SITE_COLORS),
            present.index(s),
        ),
    )


def as_written(text) -> str:
    """``text`` for a chart label, drawn exactly as written.

    Matplotlib reads text between two ``$`` as mathematics (mathtext): a name such as
    ``$x^2$`` would be drawn as a formula and ``$\\undefined$`` would stop the drawing.
    An escaped dollar is drawn as a plain ``$``; nothing global is changed.

    >>> as_written("Knee $x^2$")
    'Knee \\\\$x^2\\\\$'
    """
    return str(text).replace("$", r"\$")


def _exercise_labels(ids, routine: Routine) -> list[str]:
    names = {e.id: e.name for e in routine.exercises}
    return [as_written(names.get(str(i), str(i))) for i in ids]


def _week_grid(weeks: pd.Series) -> pd.DatetimeIndex:
    """Every Monday from the first to the last week (gaps are weeks too)."""
    return pd.date_range(weeks.min(), weeks.max(), freq="7D")


def _week_edges(grid: pd.DatetimeIndex) -> np.ndarray:
    return _day_numbers(grid.append(pd.DatetimeIndex([grid[-1] + _WEEK])))


def _week_bars(ax, starts: np.ndarray, heights, **style):
    """A bar of 6 days from each week's start (day number); ``style`` as for ``Axes.bar``.

    Up to :data:`_MANY_BARS` weeks these are ordinary bars; beyond, one PolyCollection
    draws them all, so a span of years costs one artist instead of thousands of patches.
    """
    style = {"width": 6, "align": "edge"} | style
    heights = np.asarray(heights, dtype=float)
    if len(starts) <= _MANY_BARS:
        return ax.bar(starts + 0.5, heights, **style)
    width = style.pop("width")
    style.pop("align")
    renames = {"color": "facecolors", "edgecolor": "edgecolors", "linewidth": "linewidths"}
    style = {"rasterized": True} | {renames.get(key, key): value for key, value in style.items()}
    left = starts + 0.5
    top = np.nan_to_num(heights)
    right = left + np.asarray(width, dtype=float)
    corners = [(left, 0 * top), (left, top), (right, top), (right, 0 * top)]
    bars = PolyCollection(list(np.stack([np.c_[x, y] for x, y in corners], axis=1)), **style)
    ax.add_collection(bars)
    ax.update_datalim([(left.min(), 0), (left.max() + width, top.max())])
    ax.autoscale_view()
    return bars


def _annotate_cells(ax, values: np.ndarray, x_centres, fmt: str, dark_below: float) -> None:
    """Numbers in heatmap cells, white on dark cells (those below ``dark_below``)."""
    rows, cols = np.nonzero(~np.isnan(values))
    for r, c in zip(rows, cols, strict=True):
        value = values[r, c]
        ax.text(
            x_centres[c],
            r + 0.5,
            format(value, fmt),
            ha="center",
            va="center",
            fontsize="small",
            color="white" if value < dark_below else "black",
        )


# -- frequency --------------------------------------------------------------------------------


def plot_frequency(
    weekly: pd.DataFrame,
    *,
    target: tuple[float, float] | None = None,
    participant: Any = None,
    ax: Axes | None = None,
    **kwargs: Any,
) -> Axes:
    """Sessions per week as bars, with the target band and the streaks.

    One bar per week of the table, empty weeks included (a week without sessions shows as
    a short mark on the axis). Weeks that met the target are blue, the others orange; the
    week in progress (``in_progress``: cut short by the window's end) is hatched, grey
    until it meets the target, never a miss (the legend says which is which); the target
    band is shaded green. The habit strength (``habit_strength``, Loop's score) is a line
    on the right axis (0-100 %). The title states how many weeks met the target (of the
    weeks judged), the current and longest streaks and the habit strength. With several
    participants the bars are the participants' weekly mean in one colour, with their
    25-75 % range as capped whiskers.

    Parameters
    ----------
    weekly : DataFrame
        :func:`footstats.weekly_frequency` output: ``week``, ``sessions``, ``target_min``,
        ``target_max`` (``target_met`` is recomputed from ``target_min``).
    target : (int, int), optional
        Target sessions per week ``(low, high)``; by default the table's ``target_min`` and
        ``target_max`` (or the packaged routine's 2-3 when the table has neither).
    {participant}
    {ax}
    **kwargs
        Passed to :meth:`~matplotlib.axes.Axes.bar`.

    Returns
    -------
    matplotlib Axes

    Examples
    --------
    >>> import footstats
    >>> weekly = footstats.weekly_frequency(footstats.load_sample())
    >>> ax = plot_frequency(weekly)
    >>> ax.get_ylabel()
    'sessions per week'
    """
    expect_table(weekly, "plot_frequency", "weekly_frequency")
    data, n_participants = _select(weekly, participant)
    ax = _axes(ax, "frequency")
    low, high = _target(data, target)
    if data.empty:
        return _empty(ax, "Sessions per week", NO_SESSIONS)

    cohort = n_participants > 1
    if cohort:
        stats = _week_stats(data, SESSIONS)
        weeks, heights = stats[WEEK], stats["mean"].to_numpy()
        share = (data[SESSIONS] >= low).mean() * 100
        summary = (
            f"mean of the participants observed each week (whiskers: 25-75 %)\n"
            f"target met in {share:.0f} % of participant-weeks"
        )
        progress = np.zeros(len(weeks), dtype=bool)
        if IN_PROGRESS in data.columns:
            progress = (
                data.groupby(WEEK, sort=True)[IN_PROGRESS].any().reindex(weeks).to_numpy(bool)
            )
    else:
        data = data.sort_values(WEEK)
        weeks, heights = data[WEEK], data[SESSIONS].to_numpy()
        summary = _streak_text(data, low)
        progress = (
            data[IN_PROGRESS].to_numpy(bool)
            if IN_PROGRESS in data.columns
            else np.zeros(len(data), dtype=bool)
        )
    met = heights >= low
    starts = _day_numbers(weeks)
    if cohort:
        # a cohort's weekly mean is not a week met or missed: one colour, the quartiles
        # as capped whiskers (a skewed week's mean can lie outside them)
        colors = np.full(len(heights), _COHORT_COLOR, dtype=object)
    else:
        colors = np.where(met, _MET_COLOR, np.where(progress, _PROGRESS_COLOR, _UNMET_COLOR))
    bar_style = {"linewidth": 1.5, "color": colors, "edgecolor": colors}
    bars = _week_bars(ax, starts, heights, **(bar_style | kwargs))
    if progress.any() and hasattr(bars, "patches"):
        for patch, current in zip(bars.patches, progress, strict=True):
            if current:  # hatched: the week is not over
                patch.set_hatch("///")
                patch.set_edgecolor("white")
    if cohort:
        middle = starts + 3.5
        ax.vlines(middle, stats["q25"], stats["q75"], color=PALETTE["black"], linewidth=1)
        for quartile in ("q25", "q75"):
            ax.hlines(stats[quartile], middle - 1.2, middle + 1.2, color=PALETTE["black"], lw=1)

    if cohort:
        handles: list[Any] = [
            Patch(color=_COHORT_COLOR, label="mean sessions"),
            Line2D([], [], color=PALETTE["black"], linewidth=1, label=_COHORT_BAND),
        ]
    else:
        handles = [
            Patch(color=_MET_COLOR, label=f"target met (≥ {low:g})"),
            Patch(color=_UNMET_COLOR, label="below target"),
        ]
    if progress.any():
        handles.append(
            Patch(facecolor=_PROGRESS_COLOR, edgecolor="white", hatch="///", label="in progress")
        )
    handles.append(
        Patch(color=_TARGET_COLOR, alpha=0.3, label=f"target {_range(low, high)} / week")
    )
    zero = (heights == 0) & ~progress
    if zero.any():
        # A zero-height bar is invisible, and an empty week must not look like missing data.
        handles += ax.plot(
            starts[zero] + 3.5,
            heights[zero],
            linestyle="none",
            marker="x",
            markersize=5,
            color=_UNMET_COLOR,
            clip_on=False,
            label="no session",
        )
    ax.axhspan(low, high, color=_TARGET_COLOR, alpha=0.15, zorder=0, linewidth=0)
    # Headroom above the bars for the legend.
    ax.set_ylim(0, max(np.nanmax(heights), high) * 1.3 + 0.2)
    ax.yaxis.set_major_locator(MaxNLocator(integer=True))
    ax.set_ylabel("sessions per week")
    _date_axis(ax, weeks)
    if not cohort and HABIT_STRENGTH in data.columns and data[HABIT_STRENGTH].notna().any():
        strength_ax = ax.twinx()
        strength_ax.plot(
            starts + 3.5,
            data[HABIT_STRENGTH].to_numpy(float),
            color=_STRENGTH_COLOR,
            linewidth=2,
            marker="o" if len(weeks) <= _MANY_WEEKS else None,
            markersize=3,
        )
        strength_ax.set_ylim(0, 130)  # the top kept for the legend, as on the left
        strength_ax.set_yticks(range(0, 101, 25))
        strength_ax.set_ylabel("habit strength (%)")
        handles.append(Line2D([], [], color=_STRENGTH_COLOR, lw=2, label="habit strength"))
        summary += f" · habit strength {data[HABIT_STRENGTH].iloc[-1]:.0f} %"
    ax.set_title(f"Sessions per week, {_week_period(weeks)}\n{summary}")
    ax.legend(
        handles=handles, loc="upper left", fontsize="small", ncols=len(handles), frameon=False
    )
    return ax


def _target(weekly: pd.DataFrame, target) -> tuple[float, float]:
    if target is not None:
        low, high = target
        return float(low), float(high)
    if {TARGET_MIN, TARGET_MAX} <= set(weekly.columns) and not weekly.empty:
        return float(weekly[TARGET_MIN].iloc[0]), float(weekly[TARGET_MAX].iloc[0])
    spw = resolve_routine(None, weekly).sessions_per_week
    return float(spw.low), float(spw.high)


def _range(low: float, high: float) -> str:
    return f"{low:g}" if low == high else f"{low:g}-{high:g}"


def _streak_text(weekly: pd.DataFrame, low: float) -> str:
    """ "target met in 14 of 16 weeks · current streak 3 · longest streak 10" (the weeks
    judged: a week in progress counts once on target)."""
    from footstats.columns import CURRENT_STREAK, LONGEST_STREAK, WEEKS_JUDGED
    from footstats.metrics.tables import frequency_summary

    rescored = weekly.assign(**{TARGET_MET: weekly[SESSIONS] >= low})
    summary = frequency_summary(rescored).iloc[0]
    return (
        f"target met in {int(rescored[TARGET_MET].sum())} of {int(summary[WEEKS_JUDGED])} weeks · "
        f"current streak {int(summary[CURRENT_STREAK])} · "
        f"longest streak {int(summary[LONGEST_STREAK])}"
    )


# -- calendar ---------------------------------------------------------------------------------


def plot_calendar(
    sessions: pd.DataFrame, *, participant: Any = None, ax: Axes | None = None, **kwargs: Any
) -> Axes:
    """Calendar heatmap of session days: weekday (rows) by week (columns).

    Days from the first to the last session are grey (no session) or blue (sessions, darker
    for more); days outside that range are left blank. With several participants, a day's
    colour counts everyone's sessions that day.

    Parameters
    ----------
    sessions : DataFrame
        :func:`footstats.session_table` output: one row per session with ``date``.
    {participant}
    {ax}
    **kwargs
        Passed to :meth:`~matplotlib.axes.Axes.pcolormesh`.

    Returns
    -------
    matplotlib Axes

    Examples
    --------
    >>> import footstats
    >>> ax = plot_calendar(footstats.session_table(footstats.load_sample()))
    >>> [t.get_text() for t in ax.get_yticklabels()][:2]
    ['Mon', 'Tue']
    """
    expect_table(sessions, "plot_calendar", "session_table")
    data, n_participants = _select(sessions, participant)
    ax = _axes(ax, "calendar")
    title = "Session days"
    if data.empty:
        return _empty(ax, title, NO_SESSIONS)

    days = data[DATE].dt.normalize()
    per_day = days.value_counts()
    first, last = days.min(), days.max()
    grid = pd.date_range(first - pd.Timedelta(days=first.weekday()), last, freq="7D")
    calendar = pd.date_range(grid[0], grid[-1] + pd.Timedelta(days=6), freq="D")
    counts = per_day.reindex(calendar, fill_value=0).to_numpy(dtype=float)
    counts[(calendar < first) | (calendar > last)] = np.nan  # outside the log: blank
    values = np.ma.masked_invalid(counts.reshape(len(grid), 7).T)  # weekday x week

    top = max(int(per_day.max()), 1)
    # One colour per count while they can be told apart; a continuous scale for a cohort.
    levels = top + 1 if top <= _COUNT_LEVELS else 256
    colors = LinearSegmentedColormap.from_list(
        "sessions", [PALETTE["light"], PALETTE["sky"], PALETTE["blue"]], N=levels
    )
    mesh_style: dict[str, Any] = {
        "cmap": colors,
        "norm": (
            BoundaryNorm(np.arange(-0.5, top + 1), colors.N)
            if top <= _COUNT_LEVELS
            else Normalize(0, top)
        ),
        "edgecolors": "white",
        "linewidth": 1.0 if len(grid) <= _MANY_WEEKS else 0.3,
        "rasterized": len(grid) > _MANY_WEEKS,  # a vector cell per day is slow past a year
    }
    mesh = ax.pcolormesh(_week_edges(grid), np.arange(8), values, **(mesh_style | kwargs))
    ax.set_yticks(np.arange(7) + 0.5, _WEEKDAYS)
    ax.set_ylim(7, 0)  # Monday on top, as in a paper calendar
    ax.tick_params(axis="y", length=0)
    _date_axis(ax, grid)
    colorbar = ax.figure.colorbar(mesh, ax=ax, pad=0.01, aspect=10, fraction=0.05)
    colorbar.set_label("sessions that day")
    colorbar.set_ticks(
        range(top + 1) if top <= 6 else MaxNLocator(integer=True).tick_values(0, top)
    )
    who = f" ({n_participants} participants)" if n_participants > 1 else ""
    ax.set_title(
        f"{title}{who}, {_period(first, last)}: {len(data)} sessions on "
        f"{int((per_day > 0).sum())} days"
    )
    return ax


# -- sets and completion ----------------------------------------------------------------------


def plot_completion(
    weekly_sets: pd.DataFrame,
    *,
    routine: Routine | None = None,
    participant: Any = None,
    ax: Axes | None = None,
    program: Routine | None = None,
    **kwargs: Any,
) -> Axes:
    """Heatmap of set completion (0-100 %) by exercise (rows) and week (columns).

    Weeks without a session are left blank. With up to 16 weeks the percentages are written
    in the cells. With several participants, each cell is the participants' mean.

    Parameters
    ----------
    weekly_sets : DataFrame
        :func:`footstats.weekly_sets` output: ``week``, ``exercise``, ``completion`` (0-1).
    {exercise_names}
    {participant}
    {ax}
    **kwargs
        Passed to :meth:`~matplotlib.axes.Axes.pcolormesh`.

    Returns
    -------
    matplotlib Axes

    Examples
    --------
    >>> import footstats
    >>> ax = plot_completion(footstats.weekly_sets(footstats.load_sample()))
    >>> ax.get_yticklabels()[0].get_text()
    'Toe walking'
    """
    routine = deprecated_program(routine, program)
    expect_table(weekly_sets, "plot_completion", "weekly_sets")
    data, n_participants = _select(weekly_sets, participant)
    ax = _axes(ax, "completion", _n_exercises(data))
    title = "Sets completed, % of the prescription per session"
    if data.empty:
        return _empty(ax, title, NO_SETS)

    grid = _week_grid(data[WEEK])
    table = (
        data.assign(percent=data[COMPLETION].astype(float) * 100)
        .pivot_table(
            index=EXERCISE,
            columns=WEEK,
            values="percent",
            aggfunc="mean",
            observed=False,
            dropna=False,
        )
        .reindex(columns=grid)
    )
    values = table.to_numpy(dtype=float)
    mesh_style: dict[str, Any] = {
        "cmap": _HEATMAP,
        "vmin": 0,
        "vmax": 100,
        "edgecolors": "white",
        "linewidth": 0.5 if len(grid) <= _MANY_WEEKS else 0,
        "rasterized": len(grid) > _MANY_WEEKS,
    }
    edges = _week_edges(grid)
    mesh = ax.pcolormesh(
        edges, np.arange(len(table) + 1), np.ma.masked_invalid(values), **(mesh_style | kwargs)
    )
    if len(grid) <= _ANNOTATE_MAX_WEEKS:
        _annotate_cells(ax, values, (edges[:-1] + edges[1:]) / 2, ".0f", dark_below=55)
    ax.set_yticks(
        np.arange(len(table)) + 0.5,
        _exercise_labels(table.index, resolve_routine(routine, weekly_sets)),
    )
    ax.set_ylim(len(table), 0)  # routine order, top to bottom
    ax.tick_params(axis="y", length=0)
    _date_axis(ax, grid)
    colorbar = ax.figure.colorbar(mesh, ax=ax, pad=0.01, aspect=15, fraction=0.05)
    colorbar.set_label("completion (%)")
    ax.set_title(
        f"{title}\n{_week_period(data[WEEK])}{_cohort_title(n_participants)}"
        " · blank: no session that week"
    )
    return ax


def _n_exercises(weekly_sets: pd.DataFrame) -> int:
    """Rows of the exercise charts: every routine exercise (the category), done or not."""
    if EXERCISE not in weekly_sets.columns:
        return 0
    exercises = weekly_sets[EXERCISE]
    if isinstance(exercises.dtype, pd.CategoricalDtype):
        return len(exercises.cat.categories)
    return int(exercises.nunique())


def plot_sets(
    weekly_sets: pd.DataFrame,
    *,
    routine: Routine | None = None,
    participant: Any = None,
    ax: Axes | None = None,
    program: Routine | None = None,
    **kwargs: Any,
) -> Axes:
    """Sets done against sets prescribed, per exercise, totalled over the period.

    The outlined bar is the prescription (for the sessions done), the blue bar the sets
    counted: done up to the prescription in each session (per side), the figure of page 1
    and of the completion heatmap (:func:`footstats.metrics.tables.counted_sets`). Sets
    beyond the prescription are drawn in green after it, so doing more is visible but never
    makes up for a missed set: they start at the prescription's end. The label gives
    counted / prescribed, the percentage and the sets beyond. With several participants,
    totals are summed.

    Parameters
    ----------
    weekly_sets : DataFrame
        :func:`footstats.weekly_sets` output: ``exercise``, ``sets_done``,
        ``sets_prescribed``.
    {exercise_names}
    {participant}
    {ax}
    **kwargs
        Passed to :meth:`~matplotlib.axes.Axes.barh` for the done bars.

    Returns
    -------
    matplotlib Axes

    Examples
    --------
    >>> import footstats
    >>> ax = plot_sets(footstats.weekly_sets(footstats.load_sample()))
    >>> ax.get_xlabel()
    'sets (total over the period)'
    """
    routine = deprecated_program(routine, program)
    expect_table(weekly_sets, "plot_sets", "weekly_sets")
    data, n_participants = _select(weekly_sets, participant)
    ax = _axes(ax, "sets", _n_exercises(data))
    title = "Sets done vs prescribed"
    if data.empty:
        return _empty(ax, title, NO_SETS)

    from footstats.metrics.tables import counted_sets

    # the sets counted up to the prescription per session: page 1's figure and the heatmap's
    counted = data.assign(counted=counted_sets(data))
    totals = counted.groupby(EXERCISE, observed=False, sort=True)[
        [SETS_DONE, SETS_PRESCRIBED, "counted"]
    ].sum()
    done = totals[SETS_DONE].to_numpy(dtype=float)
    prescribed = totals[SETS_PRESCRIBED].to_numpy(dtype=float)
    within = totals["counted"].to_numpy(dtype=float)
    extra = done - within
    y = np.arange(len(totals))

    ax.barh(
        y,
        prescribed,
        height=0.75,
        fill=False,
        edgecolor=PALETTE["black"],
        linewidth=1,
        label="prescribed",
    )
    ax.barh(y, within, height=0.45, **({"color": PALETTE["blue"], "label": "counted"} | kwargs))
    ax.barh(
        y,
        extra,
        left=np.maximum(within, prescribed),  # past the outline: they fill no missed set
        height=0.45,
        color=PALETTE["green"],
        label="beyond the prescription (not counted)",
    )
    right = np.max(np.maximum(within, prescribed) + extra, initial=0)
    for row, (c, x, p) in enumerate(zip(within, extra, prescribed, strict=True)):
        share = f" ({c / p * 100:.0f} %)" if p > 0 else ""
        more = f" +{x:g}" if x > 0 else ""
        ax.text(
            max(c, p) + x + right * 0.01,
            row,
            f"{c:g} / {p:g}{share}{more}",
            va="center",
            fontsize="small",
        )
    ax.set_xlim(0, right * 1.22 or 1)
    ax.set_yticks(y, _exercise_labels(totals.index, resolve_routine(routine, weekly_sets)))
    ax.set_ylim(len(totals) - 0.4, -1.5)  # the top row is left free for the legend
    ax.set_xlabel("sets (total over the period)")
    ax.legend(loc="upper center", fontsize="small", ncols=3, frameon=False)
    who = _cohort_title(n_participants, "sum")
    ax.set_title(f"{title} per exercise\n{_week_period(data[WEEK])}{who}")
    return ax


# -- pain -------------------------------------------------------------------------------------


def plot_pain(
    weekly_pain: pd.DataFrame,
    *,
    change: pd.DataFrame | None = None,
    participant: Any = None,
    ax: Axes | None = None,
    **kwargs: Any,
) -> Axes:
    """Weekly pain per site: the mean as a line, the week's min-max as a band.

    Lower is better. Each site has its own colour, marker and dashes, so two sites with the
    same values stay apart; a week without a report breaks the line (no line across a
    gap). With ``change`` (the :func:`footstats.pain_change` table) each site also gets
    one reference line (dotted), the level of a clinically important improvement: the
    higher of baseline - 2 and 0.7 x baseline (Farrar 2001). With several participants,
    the line is the participants' mean of weekly means and the band their 25-75 % range;
    the reference lines are then not drawn.

    Parameters
    ----------
    weekly_pain : DataFrame
        :func:`footstats.weekly_pain` output: ``week``, ``site``, ``mean``, ``min``, ``max``.
    change : DataFrame, optional
        :func:`footstats.pain_change` output: ``site``, ``baseline``.
    {participant}
    {ax}
    **kwargs
        Passed to :meth:`~matplotlib.axes.Axes.plot` for the mean lines.

    Returns
    -------
    matplotlib Axes

    Examples
    --------
    >>> import footstats
    >>> log = footstats.load_sample()
    >>> ax = plot_pain(footstats.weekly_pain(log), change=footstats.pain_change(log))
    >>> ax.get_ylabel()
    'pain (0-10, lower is better)'
    """
    expect_table(weekly_pain, "plot_pain", "weekly_pain")
    data, n_participants = _select(weekly_pain, participant)
    ax = _axes(ax, "pain")
    title = "Pain per week"
    if data.empty:
        return _empty(ax, title, NO_PAIN)

    cohort = n_participants > 1
    baselines = {} if change is None or cohort else _baselines(change, data)
    if cohort:
        stats = _week_stats(data, VALUE_MEAN, by=(WEEK, SITE))
        data = stats.rename(columns={"mean": VALUE_MEAN, "q25": VALUE_MIN, "q75": VALUE_MAX})
    grid = _week_grid(data[WEEK])
    sites = _ordered_sites(data[SITE])
    colors = _site_colors(sites)
    markersize = 4.5 if len(grid) <= _MANY_WEEKS else 2.5
    for number, site in enumerate(sites):
        rows = data[data[SITE].astype(str) == site].sort_values(WEEK)
        # a week without a report breaks the line: no straight line across a gap
        x, (mean, low, high) = _with_gaps(
            rows[WEEK], rows[VALUE_MEAN], rows[VALUE_MIN], rows[VALUE_MAX]
        )
        color = colors[site]
        # sites side by side by a day within their week: equal values do not hide each other
        x = x + (number - (len(sites) - 1) / 2) * _SITE_DODGE
        _range_band(ax, x, low, high, color)
        # each site its own marker and dashes: two sites on the same values stay apart
        marker, dashes = _SITE_MARKS[number % len(_SITE_MARKS)]
        line_style: dict[str, Any] = {
            "marker": marker,
            "markersize": markersize,
            "linewidth": 2,
            "linestyle": dashes,
            "markeredgecolor": "white",
            "markeredgewidth": 0.5,
        }
        ax.plot(x, mean, **({"color": color, "label": as_written(site)} | line_style | kwargs))
        if site in baselines:
            # one reference line per site: the level of a clinically important improvement
            level = _important_level(baselines[site])
            # dots offset per site: two sites with one level interleave their colours
            dots = (2 * number, (2, 2 * len(sites) - 2 + 2))
            ax.axhline(level, color=color, linestyle=dots, linewidth=1.5)
    ax.set_ylim(0, 10)
    ax.set_yticks(range(0, 11, 2))
    ax.set_ylabel("pain (0-10, lower is better)")
    _date_axis(ax, grid)
    handles, _ = ax.get_legend_handles_labels()
    band = _COHORT_BAND if cohort else "min-max"
    handles.append(Patch(color=PALETTE["grey"], alpha=0.3, label=band))
    if baselines:
        handles.append(
            Line2D(
                [],
                [],
                color=PALETTE["grey"],
                linestyle=(0, (1, 3)),
                label="clinically important\nimprovement at or below\n(-2 points or -30 %)",
            )
        )
    # Outside on the right: pain fills the whole 0-10 range, any inside spot can hide data.
    ax.legend(
        handles=handles, loc="upper left", bbox_to_anchor=(1.01, 1), fontsize="small", frameon=False
    )
    ax.set_title(
        f"{title}: mean and {band}\n{_week_period(data[WEEK])}{_cohort_title(n_participants)}"
    )
    return ax


def _important_level(baseline: float) -> float:
    """Pain at or below which the change from ``baseline`` is clinically important.

    Farrar 2001: a fall of at least 2 points or at least 30 %, whichever is reached first,
    i.e. the higher of the two levels.
    """
    return max(baseline - 2, 0.7 * baseline)


def _with_gaps(weeks: pd.Series, *values: pd.Series) -> tuple[np.ndarray, list[np.ndarray]]:
    """Day numbers of the weeks' middles and the values, with a NaN point inserted after
    each week followed by a gap (the next week with a value is more than 7 days later):
    lines and bands then break there instead of bridging the missing weeks."""
    weeks = pd.DatetimeIndex(weeks)
    x = _day_numbers(weeks + _MID_WEEK)
    columns = [np.asarray(v, dtype=float) for v in values]
    gap = np.flatnonzero(np.diff(x) > 7.5)
    if len(gap):
        x = np.insert(x, gap + 1, x[gap] + 3.5)
        columns = [np.insert(c, gap + 1, np.nan) for c in columns]
    return x, columns


def _range_band(ax, x: np.ndarray, low, high, color) -> None:
    """Shade from ``low`` to ``high``; a week alone (between gaps) gets a bar, as a band
    needs two points."""
    low, high = np.asarray(low, dtype=float), np.asarray(high, dtype=float)
    known = ~np.isnan(low)
    alone = known.copy()
    alone[1:] &= ~known[:-1]
    alone[:-1] &= ~known[1:]
    if alone.any():
        ax.vlines(x[alone], low[alone], high[alone], color=color, alpha=0.35, linewidth=6)
    if (known & ~alone).sum() >= 2:
        ax.fill_between(x, low, high, color=color, alpha=0.15, linewidth=0)


def _baselines(change: pd.DataFrame, data: pd.DataFrame) -> dict[str, float]:
    """Baseline per site, for the (single) participant drawn from ``data``."""
    if PARTICIPANT in change.columns and PARTICIPANT in data.columns:
        change = change[change[PARTICIPANT].isin(pd.unique(data[PARTICIPANT]))]
    change = change.dropna(subset=["baseline"])
    return dict(zip(change[SITE].astype(str), change["baseline"].astype(float), strict=True))


# -- adherence vs pain ------------------------------------------------------------------------


def plot_adherence_vs_pain(
    table: pd.DataFrame, *, participant: Any = None, ax: Axes | None = None, **kwargs: Any
) -> Axes:
    """Sessions per week (bars, left axis) beside weekly pain per site (lines, right axis).

    The chart shows an association over time, not a cause, and says so in its title.
    With several participants, both are the participants' weekly means.

    Parameters
    ----------
    table : DataFrame
        :func:`footstats.adherence_vs_pain` output: ``week``, ``sessions`` and one column
        of weekly mean pain per site (lagged ``sessions_lag*`` columns are ignored).
    {participant}
    ax : matplotlib Axes, optional
        Where to draw (the sessions); a twin Axes on the right holds the pain. A new figure
        is made when None.
    **kwargs
        Passed to :meth:`~matplotlib.axes.Axes.bar`.

    Returns
    -------
    matplotlib Axes
        The sessions Axes (the pain Axes is its twin).

    Examples
    --------
    >>> import footstats
    >>> ax = plot_adherence_vs_pain(footstats.adherence_vs_pain(footstats.load_sample()))
    >>> "not cause" in ax.get_title()
    True
    """
    expect_table(table, "plot_adherence_vs_pain", "adherence_vs_pain")
    data, n_participants = _select(table, participant)
    ax = _axes(ax, "adherence_vs_pain")
    title = "Sessions and pain per week: association, not cause"
    if data.empty:
        return _empty(ax, title, NO_SESSIONS)

    # Site columns are the others; a site nobody reported gets no (empty) line.
    sites = [
        c
        for c in data.columns
        if c not in (PARTICIPANT, WEEK, SESSIONS)
        and not str(c).startswith(f"{SESSIONS}_")
        and data[c].notna().any()
    ]
    if n_participants > 1:
        data = data.groupby(WEEK, sort=True)[[SESSIONS, *sites]].mean().reset_index()
    data = data.sort_values(WEEK)
    starts = _day_numbers(data[WEEK])
    bar_style = {"color": PALETTE["sky"], "alpha": 0.6, "label": "sessions"}
    _week_bars(ax, starts, data[SESSIONS].astype(float), **(bar_style | kwargs))
    # The top fifth of both axes is kept free for the legend.
    ax.set_ylim(0, (max(float(data[SESSIONS].max()), 3) + 0.5) / _LEGEND_ROOM)
    ax.yaxis.set_major_locator(MaxNLocator(integer=True))
    ax.set_ylabel("sessions per week")
    _date_axis(ax, data[WEEK])

    pain_ax = ax.twinx()
    sites = _ordered_sites(sites)
    colors = _site_colors(sites)
    markersize = 3.5 if len(data) <= _MANY_WEEKS else 2
    for number, site in enumerate(sites):
        # every week: one without a report is NaN and breaks the line (not zero, not bridged)
        marker, dashes = _SITE_MARKS[number % len(_SITE_MARKS)]
        pain_ax.plot(
            starts + 3.5,
            data[site].astype(float).to_numpy(),
            color=colors[site],
            marker=marker,
            markersize=markersize + 1,
            linestyle=dashes,
            linewidth=2,
            label=as_written(f"{site} pain"),
        )
    pain_ax.set_ylim(0, 10 / _LEGEND_ROOM)
    pain_ax.set_yticks(range(0, 11, 2))
    pain_ax.set_ylabel("pain (0-10, lower is better)")
    handles = ax.get_legend_handles_labels()[0] + pain_ax.get_legend_handles_labels()[0]
    pain_ax.legend(
        handles=handles, loc="upper center", ncols=len(handles), fontsize="small", frameon=False
    )
    ax.set_title(f"{title}\n{_week_period(data[WEEK])}{_cohort_title(n_participants)}")
    return ax


fill_docs(globals())  # after the definitions, not a decorator: see footstats.core.docstrings
