"""Each chart's figure size, in one table: what a plot function's own figure, the report's
files and the PDF's pages are drawn at.

A chart with one row per exercise of the routine grows with the routine (at least three
rows), so a long routine does not squeeze its labels.

>>> figsize("sets", rows=5)
(9, 4.1)
"""

from __future__ import annotations

from footstats.errors import UsageError

__all__ = ["DASHBOARD", "SIZES", "figsize"]

DASHBOARD = "dashboard"
_MIN_ROWS = 3  # a chart with one row per exercise is never drawn for fewer rows

# chart name -> (width, height, height per exercise of the routine), inches
SIZES: dict[str, tuple[float, float, float]] = {
    "frequency": (9, 4, 0),
    "calendar": (9, 2.6, 0),
    "completion": (9, 1.4, 0.45),
    "sets": (9, 1.6, 0.5),
    "pain": (9, 4, 0),
    "adherence_vs_pain": (9, 4, 0),
    DASHBOARD: (15, 9.5, 0),
    "study_weeks": (9, 4.4, 0),
    "adherence_spread": (9, 4, 0),
    "pain_waterfall": (9, 4, 0),
    "adherence_vs_pain_change": (9, 4.4, 0),
}


def figsize(name: str, rows: int = 5) -> tuple[float, float]:
    """Figure size (inches) of chart ``name`` on its own; ``rows``: the routine's exercises."""
    try:
        width, height, per_row = SIZES[name]
    except KeyError:
        raise UsageError(f"unknown chart {name!r}; expected one of {', '.join(SIZES)}") from None
    if not per_row:
        return (width, height)
    return (width, height + per_row * max(rows, _MIN_ROWS))
