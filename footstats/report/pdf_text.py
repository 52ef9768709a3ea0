"""The words of the PDF report: page 1 as (style, text) blocks, and A4 pages of text.

:mod:`footstats.report.write` builds the blocks from its metric tables (``_Report.summary_blocks``)
and draws them with :func:`_text_pages`; the sentences here turn one figure each into words.
"""

from __future__ import annotations

import textwrap

import pandas as pd

from footstats.columns import TARGET_MET
from footstats.routine import Routine

_A4_PORTRAIT = (8.27, 11.69)


def _dropout_sentence(table: pd.DataFrame) -> str:
    """E.g. "Still active at the end of their window: 15 of 24. Stopped: 8 (median drop-out
    study week 5). No session at all: 1." (drop-out week: :mod:`footstats.metrics.cohort`)."""
    from footstats.columns import DROPOUT_WEEK

    week = table[DROPOUT_WEEK]
    active, never = int(week.isna().sum()), int((week == 0).sum())
    stopped = week[week > 0].astype("int64")
    text = f"Still active at the end of their window: {active} of {len(table)}."
    if len(stopped):
        text += (
            f" Stopped: {len(stopped)} (after study week {stopped.median():g} in the median; "
            "the drop-out week is the week of the last session)."
        )
    if never:
        text += f" No session at all: {never}."
    return text


# -- page 1 in words --------------------------------------------------------------------------


def _person_blocks(summary: dict, weekly: pd.DataFrame, routine: Routine) -> list[tuple[str, str]]:
    target = routine.sessions_per_week
    blocks = [("heading", "Sessions")]
    weeks, sessions = summary["weeks"], summary["sessions"]
    met = int(weekly[TARGET_MET].sum())
    if not sessions:
        blocks.append(("body", f"No sessions logged yet (target {target} a week)."))
    else:
        adherence = summary["adherence_pct"]
        blocks += [
            (
                "body",
                f"{sessions} sessions in {weeks} weeks (target {target} a week; "
                f"{sessions / weeks:.1f} a week on average).",
            ),
            (
                "body",
                f"Target met in {met} of {weeks} weeks. Session adherence {adherence:.0f} % "
                f"(each week counts up to its target of {target.low:g}). Current streak of "
                f"weeks on target: {_weeks(summary['current_streak'])}; longest: "
                f"{_weeks(summary['longest_streak'])}.",
            ),
        ]
    blocks.append(("heading", "Pain (0-10)"))
    if not summary["pain"]:
        blocks.append(("body", "No pain reports."))
    for site, change in summary["pain"].items():
        blocks.append(("item", _pain_sentence(site, change)))
    return blocks


def _pain_sentence(site: str, change: dict) -> str:
    """E.g. "Back pain fell from 6.0 to 3.5 (-2.5 points, -42 %): a clinically important
    improvement (Farrar 2001), moderate (IMMPACT)"."""
    baseline, latest, points = change["baseline"], change["latest"], change["change"]
    pct, band = change["change_pct"], change["band"]
    name = f"{site.capitalize()} pain"
    if baseline is None or latest is None:
        return f"{name}: not enough reports to compare."
    if points == 0:
        head = f"{name} stayed at {baseline:.1f}"
    else:
        verb = "fell" if points < 0 else "rose"
        head = f"{name} {verb} from {baseline:.1f} to {latest:.1f}"
    relative = f", {pct:+.0f} %" if pct is not None else "; no % change from a baseline of 0"
    if change["clinically_important"]:
        verdict = "a clinically important improvement (Farrar 2001)"
    else:
        verdict = "not a clinically important improvement (Farrar 2001)"
    if band is not None:
        verdict += ", no reduction (IMMPACT)" if band == "none" else f", {band} (IMMPACT)"
    return f"{head} ({points:+.1f} points{relative}): {verdict}."


def _participant_line(entry: dict) -> str:
    adherence = entry["adherence_pct"]
    parts = [
        f"{entry['participant']}: {entry['sessions']} sessions in {entry['weeks']} weeks",
        "adherence " + ("-" if adherence is None else f"{adherence:.0f} %"),
        f"longest streak {_weeks(entry['longest_streak'])}",
    ]
    for site, change in entry["pain"].items():
        if change["baseline"] is None or change["latest"] is None:
            continue
        important = ", important" if change["clinically_important"] else ""
        parts.append(
            f"{site} {change['baseline']:.1f} → {change['latest']:.1f} "
            f"({change['change']:+.1f}{important})"
        )
    return "; ".join(parts)


def _routine_blocks(routine: Routine) -> list[tuple[str, str]]:
    minutes = f", about {routine.session_minutes:g} minutes" if routine.session_minutes else ""
    blocks = [
        ("heading", "The routine (prescription per session)"),
        ("body", f"{routine.sessions_per_week} sessions a week{minutes}."),
    ]
    for exercise in routine.exercises:
        equipment = f" (with {exercise.equipment})" if exercise.equipment else ""
        blocks.append(("item", f"{exercise.name}: {exercise.dose()}{equipment}"))
    return blocks


def _weeks(n) -> str:
    return "-" if n is None else f"{n} week" + ("" if n == 1 else "s")


def _long_date(value) -> str:
    value = pd.Timestamp(value)
    return f"{value.day} {value:%B %Y}"


# -- text pages -------------------------------------------------------------------------------

# style -> font size (pt), weight, indent (inches), space before and after the block (pt)
_TEXT_STYLES = {
    "title": (20, "bold", 0.0, 0, 4),
    "subtitle": (13, "normal", 0.0, 0, 10),
    "heading": (12.5, "bold", 0.0, 9, 3),
    "body": (10.5, "normal", 0.0, 0, 3),
    "item": (10.5, "normal", 0.25, 0, 2),
    "note": (8.5, "normal", 0.0, 6, 0),
}
_MARGIN = 0.8  # inches on every side
_LINE_SPACING = 1.35


def _text_pages(blocks: list[tuple[str, str]]) -> list:
    """A4 pages with the blocks' text, wrapped to the page width, flowing onto new pages."""
    from matplotlib.figure import Figure

    width, height = _A4_PORTRAIT
    pages: list = []
    cursor = 0.0  # inches from the top of the current page
    for style, text in blocks:
        size, weight, indent, space_before, space_after = _TEXT_STYLES[style]
        cursor += space_before / 72
        # ~0.55 em per character on average in DejaVu Sans
        chars = int((width - 2 * _MARGIN - indent) * 72 / (size * 0.55))
        lines = textwrap.wrap(text, width=chars) or [""]
        for i, line in enumerate(lines):
            step = size * _LINE_SPACING / 72
            if not pages or cursor + step > height - _MARGIN:
                pages.append(Figure(figsize=_A4_PORTRAIT))
                cursor = _MARGIN
            top = 1 - cursor / height
            if style == "item" and i == 0:
                pages[-1].text(
                    (_MARGIN + indent - 0.18) / width,
                    top,
                    "•",
                    fontsize=size,
                    va="top",
                    parse_math=False,
                )
            pages[-1].text(
                (_MARGIN + indent) / width,
                top,
                line,
                fontsize=size,
                fontweight=weight,
                va="top",
                parse_math=False,  # names are drawn as written: "$x$" is not a formula
                color="0.3" if style == "note" else "black",
            )
            cursor += step
        cursor += space_after / 72
    return pages
