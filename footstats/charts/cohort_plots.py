"""Charts of the cohort view (:mod:`footstats.metrics.cohort`): who keeps going, who stopped,
and how adherence and pain compare across participants.

Every ``plot_*`` function takes its table first (:func:`footstats.cohort_table` or
:func:`footstats.study_week_adherence`), everything else keyword-only, draws on ``ax`` (a new
figure only when ``ax`` is None) and returns the Axes, as in :mod:`footstats.charts.plots`. With a
``group`` column (from the participants table) the groups are drawn side by side: a
description, never a significance test.
"""

from __future__ import annotations

from typing import Any

import numpy as np
import pandas as pd
from matplotlib.axes import Axes
from matplotlib.lines import Line2D
from matplotlib.patches import Patch
from matplotlib.ticker import MaxNLocator, PercentFormatter

from footstats.charts.plots import PALETTE, _empty, as_written
from footstats.charts.sizes import figsize
from footstats.columns import (
    ACTIVE,
    ADHERENCE_PCT,
    GROUP,
    IMPORTANT,
    OBSERVED,
    PARTICIPANT,
    SHARE_ON_TARGET,
    WEEK_INDEX,
)
from footstats.core.docstrings import fill_docs
from footstats.core.guards import expect_table
from footstats.errors import UsageError

__all__ = [
    "plot_adherence_spread",
    "plot_adherence_vs_change",
    "plot_pain_waterfall",
    "plot_study_weeks",
]

_GROUP_COLORS = (PALETTE["blue"], PALETTE["orange"], PALETTE["green"], PALETTE["purple"])
_IMPROVED, _NOT_IMPROVED = PALETTE["green"], PALETTE["grey"]
_MAX_LABELLED = 30  # participants named under the waterfall's bars up to this many
# Beyond this many participants a chart aggregates instead of drawing a mark for each: the
# spread keeps its boxes, the waterfall becomes a ranked area of at most _RANKS steps, the
# scatter a 2-D histogram.
MANY_PARTICIPANTS = 500
_RANKS = 500
CAVEAT = "An association across participants, not evidence that the routine caused the change."
NO_PARTICIPANTS = "no participants"
NO_PAIN_CHANGE = "no participant with pain reports"


def _axes(ax, chart: str):
    if ax is not None:
        return ax
    import matplotlib.pyplot as plt  # here: a report draws on its own figures, no pyplot

    _, new_ax = plt.subplots(figsize=figsize(chart), layout="constrained")
    return new_ax


def _groups(table: pd.DataFrame) -> list:
    if GROUP not in table.columns:
        return [None]
    return sorted(table[GROUP].dropna().unique(), key=str) + (
        [None] if table[GROUP].isna().any() else []
    )


def _in_group(table: pd.DataFrame, group) -> pd.DataFrame:
    if GROUP not in table.columns:
        return table
    return table[table[GROUP].isna()] if group is None else table[table[GROUP] == group]


def _group_label(group) -> str:
    return "no group" if group is None else as_written(group)


def pain_sites(table: pd.DataFrame) -> list[str]:
    """The pain sites of a :func:`footstats.cohort_table`, in column order."""
    return [c.removesuffix("_change") for c in table.columns if c.endswith("_change")]


def _site(table: pd.DataFrame, site: str | None) -> str | None:
    """The chosen site, or the first one with a change for anyone."""
    sites = pain_sites(table)
    if site is not None:
        if site not in sites:
            raise UsageError(f"no pain site {site!r} in the table (there are: {', '.join(sites)})")
        return site
    return next((s for s in sites if table[f"{s}_change"].notna().any()), None)


def plot_study_weeks(study: pd.DataFrame, *, ax: Axes | None = None, **kwargs: Any) -> Axes:
    """Share of participants on target in each study week, with how many are still observed.

    Week 1 is each participant's first week (participants aligned at their start). The bars
    (lines, one per group, when there are groups) give the share of the participants judged
    that week (the week over, or on target already) who met the weekly target; on the right
    axis the grey steps count the participants in their window that week (falling as
    windows end: a late starter, a shorter programme) and the dashed steps those still
    active, with a session that week or later (falling as participants drop out).

    Parameters
    ----------
    study : DataFrame
        :func:`footstats.study_week_adherence`.
    {ax}
    **kwargs
        Passed to the bars (or lines).

    Examples
    --------
    >>> from io import BytesIO
    >>> import footstats
    >>> from footstats.metrics.cohort import EXAMPLE
    >>> table = footstats.study_week_adherence(footstats.read_log(BytesIO(EXAMPLE)))
    >>> ax = plot_study_weeks(table)
    >>> bool(ax.get_title())
    True
    """
    expect_table(
        study, "plot_study_weeks", "study_week_adherence", (WEEK_INDEX, SHARE_ON_TARGET, OBSERVED)
    )
    ax = _axes(ax, "study_weeks")
    title = "Participants on target by study week"
    if study.empty:
        return _empty(ax, title, NO_PARTICIPANTS)
    groups = _groups(study)
    observed = study.groupby(WEEK_INDEX)[OBSERVED].sum()
    if groups == [None]:
        ax.bar(
            study[WEEK_INDEX],
            study[SHARE_ON_TARGET],
            width=0.8,
            color=PALETTE["blue"],
            label="share on target",
            **kwargs,
        )
    else:
        for color, group in zip(_GROUP_COLORS * 4, groups, strict=False):
            rows = _in_group(study, group)
            ax.plot(
                rows[WEEK_INDEX],
                rows[SHARE_ON_TARGET],
                marker="o",
                color=color,
                label=f"{_group_label(group)} (n = {int(rows[OBSERVED].iloc[0])} in week 1)",
                **kwargs,
            )
    ax.set_ylim(0, 1.05)
    ax.yaxis.set_major_formatter(PercentFormatter(1.0))
    ax.set_ylabel("on target (of those judged that week)")
    ax.set_xlabel("study week (1 = each participant's first week)")
    ax.xaxis.set_major_locator(MaxNLocator(integer=True))
    ax.set_xlim(0.4, observed.index.max() + 0.6)
    counts = ax.twinx()
    counts.step(
        observed.index,
        observed.to_numpy(),
        where="mid",
        color=PALETTE["grey"],
        linewidth=1.5,
    )
    handles, labels = ax.get_legend_handles_labels()
    handles.append(Line2D([], [], color=PALETTE["grey"], linewidth=1.5))
    labels.append("in their window (right axis)")
    if ACTIVE in study.columns:
        # still active: a session that week or later; the gap to the grey steps is drop-out
        active = study.groupby(WEEK_INDEX)[ACTIVE].sum()
        counts.step(
            active.index,
            active.to_numpy(),
            where="mid",
            color=PALETTE["black"],
            linewidth=1.5,
            linestyle="--",
        )
        handles.append(Line2D([], [], color=PALETTE["black"], linewidth=1.5, linestyle="--"))
        labels.append("still active: a session that week or later (right axis)")
    counts.set_ylim(0, observed.max() * 1.05)
    counts.set_ylabel("participants", color="0.35")
    counts.yaxis.set_major_locator(MaxNLocator(integer=True))
    ax.legend(
        handles,
        labels,
        loc="upper center",
        bbox_to_anchor=(0.5, -0.16),
        ncol=min(len(labels), 3),
        fontsize="small",
        frameon=False,
    )
    ax.set_title(title)
    return ax


def plot_adherence_spread(table: pd.DataFrame, *, ax: Axes | None = None, **kwargs: Any) -> Axes:
    """Session adherence across participants: a box per group, one dot per participant
    (no dots for a group of more than :data:`MANY_PARTICIPANTS`).

    Parameters
    ----------
    table : DataFrame
        :func:`footstats.cohort_table`.
    {ax}
    **kwargs
        Passed to the dots.

    Examples
    --------
    >>> from io import BytesIO
    >>> import footstats
    >>> from footstats.metrics.cohort import EXAMPLE
    >>> table = footstats.cohort_table(footstats.read_log(BytesIO(EXAMPLE)))
    >>> ax = plot_adherence_spread(table)
    >>> bool(ax.get_title())
    True
    """
    expect_table(table, "plot_adherence_spread", "cohort_table", (PARTICIPANT, ADHERENCE_PCT))
    ax = _axes(ax, "adherence_spread")
    title = "Session adherence across participants"
    values = table.dropna(subset=[ADHERENCE_PCT])
    if values.empty:
        return _empty(ax, title, NO_PARTICIPANTS)
    groups = _groups(values)
    rng = np.random.default_rng(0)  # the same jitter every time: reproducible files
    data = [_in_group(values, g)[ADHERENCE_PCT].to_numpy() for g in groups]
    ax.boxplot(
        data,
        positions=range(len(groups)),
        widths=0.5,
        showfliers=False,
        medianprops={"color": PALETTE["black"], "linewidth": 2},
        boxprops={"color": "0.4"},
        whiskerprops={"color": "0.4"},
        capprops={"color": "0.4"},
    )
    for i, (color, points) in enumerate(zip(_GROUP_COLORS * 4, data, strict=False)):
        if len(points) > MANY_PARTICIPANTS:
            continue  # the box alone: a dot per participant would be a smear
        jitter = rng.uniform(-0.18, 0.18, len(points))
        ax.scatter(i + jitter, points, s=22, color=color, alpha=0.75, zorder=3, **kwargs)
    ax.set_xticks(
        range(len(groups)),
        [
            f"{_group_label(g) if g is not None or len(groups) > 1 else 'all'}\n"
            f"n = {len(points)}, median {np.median(points):.0f} %"
            for g, points in zip(groups, data, strict=True)
        ],
    )
    ax.set_ylim(-3, 103)
    ax.set_ylabel("adherence (%)")
    ax.set_title(title)
    return ax


def plot_pain_waterfall(
    table: pd.DataFrame, *, site: str | None = None, ax: Axes | None = None, **kwargs: Any
) -> Axes:
    """Each participant's change of pain, per site, ranked from the largest fall to the
    largest rise (every site with reports, side by side; one with ``site=``).

    Bars are green for a clinically important improvement, grey otherwise: a fall of at
    least 2 points or at least 30 % of the baseline (Farrar 2001), whichever is smaller, so
    each bar has its own threshold, drawn as a black tick across it: a bar that reaches its
    tick is green. (A fall of 1.2 from a baseline of 3 is 40 %: green; 1.5 from 6 is 25 %:
    grey.) Beyond :data:`MANY_PARTICIPANTS` participants a site's bars become one area over
    the ranks (as a share of the participants), drawn at a few hundred evenly spaced ranks.

    Parameters
    ----------
    table : DataFrame
        :func:`footstats.cohort_table`.
    {pain_site}
    {ax}
    **kwargs
        Passed to the bars.

    Examples
    --------
    >>> from io import BytesIO
    >>> import footstats
    >>> from footstats.metrics.cohort import EXAMPLE
    >>> table = footstats.cohort_table(footstats.read_log(BytesIO(EXAMPLE)))
    >>> ax = plot_pain_waterfall(table)
    >>> bool(ax.get_title())
    True
    """
    expect_table(table, "plot_pain_waterfall", "cohort_table", (PARTICIPANT, ADHERENCE_PCT))
    ax = _axes(ax, "pain_waterfall")
    sites = _sites(table, site)
    if not sites:
        return _empty(ax, "Change of pain per participant", NO_PAIN_CHANGE)
    start, ticks, labels = 0.0, [], []
    improved = not_improved = 0
    with_reports = pd.Series(False, index=table.index)
    many = False
    for site_name in sites:
        change = table.dropna(subset=[f"{site_name}_change"])
        with_reports |= table[f"{site_name}_change"].notna()
        change = change.sort_values(f"{site_name}_change", kind="stable")
        important = change[f"{site_name}_{IMPORTANT}"].fillna(False).astype(bool).to_numpy()
        improved += int(important.sum())
        not_improved += int((~important).sum())
        values = change[f"{site_name}_change"].to_numpy(dtype=float)
        if len(change) > MANY_PARTICIPANTS:
            many = True
            _ranked_area(ax, values, important, offset=start, width=20, **kwargs)
            width = 20.0
        else:
            x = start + np.arange(len(change))
            colors = np.where(important, _IMPROVED, _NOT_IMPROVED)
            ax.bar(x, values, color=colors, width=0.85, **kwargs)
            threshold = -np.minimum(2, 0.3 * change[f"{site_name}_baseline"].to_numpy(float))
            ax.hlines(threshold, x - 0.45, x + 0.45, color=PALETTE["black"], linewidth=1.2)
            ticks += list(x)
            labels += [as_written(p) for p in change[PARTICIPANT]]
            width = float(len(change))
        ax.text(
            start + (width - 1) / 2,
            1.0,
            f"{as_written(site_name)} (n = {len(change)})",
            transform=ax.get_xaxis_transform(),
            ha="center",
            va="bottom",
            fontsize="small",
            fontweight="bold",
        )
        start += width + 1.5
        if site_name != sites[-1]:
            ax.axvline(start - 1.25, color="0.75", linewidth=0.8)
    ax.axhline(0, color=PALETTE["black"], linewidth=0.8)
    if not many and len(ticks) <= _MAX_LABELLED:
        ax.set_xticks(ticks, labels, rotation=90, fontsize="small")
    else:
        ax.set_xticks([])
        ax.set_xlabel("participants, ranked within each site")
    ax.set_xlim(-1, start - 1.5)
    ax.set_ylabel("pain change (points; below 0 is better)")
    ax.legend(
        handles=[
            Patch(color=_IMPROVED, label=f"clinically important improvement ({improved})"),
            Patch(color=_NOT_IMPROVED, label=f"not clinically important ({not_improved})"),
            Line2D(
                [],
                [],
                color=PALETTE["black"],
                linewidth=1.2,
                label="its threshold: a fall of 2 points or 30 %,\nwhichever is smaller",
            ),
        ],
        loc="lower right",
        fontsize="small",
        framealpha=0.9,
    )
    n = len(table)
    ax.set_title(
        f"Change of pain per participant and site ({int(with_reports.sum())} of {n} "
        "participants with reports)",
        pad=16,
    )
    return ax


def _sites(table: pd.DataFrame, site: str | None) -> list[str]:
    """The chosen site, or every site with a change for anyone (column order)."""
    if site is not None:
        chosen = _site(table, site)
        return [chosen] if chosen is not None else []
    return [s for s in pain_sites(table) if table[f"{s}_change"].notna().any()]


def _density(ax, adherence: pd.Series, change: pd.Series, **kwargs) -> list:
    """Participants counted in hexagonal cells of adherence by change of pain, with a colour
    bar; the legend's handles (the -2 points line)."""
    change = change.to_numpy(float)
    # Cells over the whole adherence axis and the changes with the -2 line: a cohort whose
    # points all coincide still gets cells of a visible size.
    low, high = min(change.min(), -2) - 0.5, max(change.max(), 0) + 0.5
    style = {"gridsize": (40, 16), "mincnt": 1, "cmap": "cividis", "linewidths": 0.2}
    style |= {"extent": (-3, 103, low, high)} | kwargs
    cells = ax.hexbin(adherence.to_numpy(float), change, **style)
    ax.figure.colorbar(cells, ax=ax, pad=0.01, aspect=15, fraction=0.05).set_label("participants")
    ax.axhline(-2, color=_IMPROVED, linewidth=1, linestyle=":")
    return [Line2D([], [], color=_IMPROVED, linestyle=":", label="-2 points (important fall)")]


def _ranked_area(
    ax, values: np.ndarray, important: np.ndarray, *, offset: float = 0, width: float = 1, **kwargs
) -> None:
    """The ranked ``values`` as an area over ``offset`` to ``offset + width`` (the rank
    share 0-1), sampled at most :data:`_RANKS` ranks; green where the participant at that
    rank improved importantly."""
    ranks = np.unique(np.linspace(0, len(values) - 1, min(len(values), _RANKS)).round())
    ranks = ranks.astype(int)
    share = offset + (ranks + 0.5) / len(values) * width
    # grey everywhere, then green over the ranks that improved (no gaps where they alternate)
    for color, where in ((_NOT_IMPROVED, None), (_IMPROVED, important[ranks])):
        style = {"color": color, "linewidth": 0, "step": "mid"} | kwargs
        ax.fill_between(share, values[ranks], 0, where=where, **style)


def plot_adherence_vs_change(
    table: pd.DataFrame, *, site: str | None = None, ax: Axes | None = None, **kwargs: Any
) -> Axes:
    """Adherence against the change of pain, one point per participant.

    One point per participant and pain site (every site with reports, a marker each; one
    site with ``site=``). Green points had a clinically important improvement: a fall of at
    least 2 points or 30 % of the baseline (Farrar 2001), the waterfall's rule. Beyond
    :data:`MANY_PARTICIPANTS` points, a 2-D histogram counts them instead (hexagonal cells, a
    colour bar). An association across participants: people who hurt less may exercise
    more, and pain changes for many reasons. (Groups are told apart in the adherence
    spread, not here.)

    Parameters
    ----------
    table : DataFrame
        :func:`footstats.cohort_table`.
    {pain_site}
    {ax}
    **kwargs
        Passed to the points.

    Examples
    --------
    >>> from io import BytesIO
    >>> import footstats
    >>> from footstats.metrics.cohort import EXAMPLE
    >>> table = footstats.cohort_table(footstats.read_log(BytesIO(EXAMPLE)))
    >>> ax = plot_adherence_vs_change(table)
    >>> bool(ax.get_title())
    True
    """
    expect_table(table, "plot_adherence_vs_change", "cohort_table", (PARTICIPANT, ADHERENCE_PCT))
    ax = _axes(ax, "adherence_vs_pain_change")
    sites = _sites(table, site)
    title = "Adherence and change of pain"
    if not sites:
        return _empty(ax, title, NO_PAIN_CHANGE)
    # one point per participant and site: x adherence, y that site's change
    points = pd.concat(
        [
            table.dropna(subset=[f"{s}_change", ADHERENCE_PCT]).assign(
                _site=s,
                _change=lambda t, s=s: t[f"{s}_change"].astype(float),
                _important=lambda t, s=s: t[f"{s}_{IMPORTANT}"].fillna(False).astype(bool),
            )
            for s in sites
        ],
        ignore_index=True,
    )
    important = points["_important"].to_numpy(bool)
    if len(points) > MANY_PARTICIPANTS:
        handles = _density(ax, points[ADHERENCE_PCT], points["_change"], **kwargs)
    else:
        markers = ("o", "s", "^", "D")
        for marker, site_name in zip(markers * 4, sites, strict=False):
            inside = (points["_site"] == site_name).to_numpy()
            ax.scatter(
                points.loc[inside, ADHERENCE_PCT],
                points.loc[inside, "_change"],
                c=np.where(important[inside], _IMPROVED, _NOT_IMPROVED),
                marker=marker,
                s=36,
                edgecolor="white",
                linewidth=0.5,
                **kwargs,
            )
        handles = [
            Line2D(
                [],
                [],
                marker="o",
                linestyle="",
                color=_IMPROVED,
                label="clinically important improvement\n(a fall of 2 points or 30 %)",
            ),
            Line2D([], [], marker="o", linestyle="", color=_NOT_IMPROVED, label="not important"),
        ]
        if len(sites) > 1:
            handles += [
                Line2D([], [], marker=m, linestyle="", color="0.3", label=as_written(name))
                for m, name in zip(markers * 4, sites, strict=False)
            ]
    site = ", ".join(sites)
    n_people = int(points[PARTICIPANT].nunique())
    ax.axhline(0, color=PALETTE["black"], linewidth=0.8)
    ax.set_xlim(-3, 103)
    ax.set_xlabel("session adherence (%)")
    ax.set_ylabel("pain change (points; below 0 is better)")
    ax.legend(handles=handles, loc="best", fontsize="small", framealpha=0.9)
    ax.set_title(f"{title} ({site}; {n_people} participants)")
    ax.text(
        0.0,
        -0.16,
        CAVEAT,
        transform=ax.transAxes,
        fontsize="small",
        color="0.3",
        va="top",
    )
    return ax


fill_docs(globals())  # after the definitions, not a decorator: see footstats.core.docstrings
