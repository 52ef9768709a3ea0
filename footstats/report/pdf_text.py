"""The words of the PDF report: page 1 as (style, text) blocks, and A4 pages of text.

:mod:`footstats.report.write` builds the blocks from its metric tables (``_Report.summary_blocks``)
and draws them with :func:`_text_pages`; the sentences here turn one figure each into words.
"""

from __future__ import annotations

import textwrap

import numpy as np
import pandas as pd

from footstats.columns import TARGET_MET
from footstats.routine import Routine

_A4_PORTRAIT = (8.27, 11.69)


def _dropout_sentence(table: pd.DataFrame) -> str:
    """E.g. "Still active at the end of their window: 15 of 24. Stopped: 8 (half of them by
    study week 5; ...). No session at all: 1." (drop-out week: :mod:`footstats.metrics.cohort`;
    the lower median, a whole week)."""
    from footstats.columns import DROPOUT_WEEK

    week = table[DROPOUT_WEEK]
    active, never = int(week.isna().sum()), int((week == 0).sum())
    stopped = week[week > 0].astype("int64")
    text = f"Still active at the end of their window: {active} of {len(table)}."
    if len(stopped):
        # a whole study week: the lower median of the drop-out weeks (never "week 5.5")
        median = int(np.sort(stopped.to_numpy())[(len(stopped) - 1) // 2])
        text += (
            f" Stopped: {len(stopped)} (half of them by study week {median}; the drop-out "
            "week is the week of the last session)."
        )
    if never:
        text += f" No session at all: {never}."
    return text


# -- page 1 in words --------------------------------------------------------------------------


def _person_blocks(summary: dict, weekly: pd.DataFrame, routine: Routine) -> list[tuple[str, str]]:
    from footstats.columns import IN_PROGRESS, SESSIONS
    from footstats.metrics.readable import habit_words

    target = routine.sessions_per_week
    blocks = [("heading", "Sessions")]
    weeks, sessions = summary["weeks"], summary["sessions"]
    judged = summary.get("weeks_judged", weeks)
    met = int(weekly[TARGET_MET].sum())
    current = None
    if IN_PROGRESS in weekly.columns and len(weekly) and bool(weekly[IN_PROGRESS].iloc[-1]):
        current = weekly.iloc[-1]
    if not sessions:
        blocks.append(("body", f"No sessions logged yet (target {target} a week)."))
    else:
        adherence = summary["adherence_pct"]
        adherence_text = "not judged yet" if adherence is None else f"{adherence:.0f} %"
        blocks += [
            (
                "body",
                f"{sessions} sessions in {_weeks(weeks)} (target {target} a week; "
                f"{sessions / weeks:.1f} a week on average).",
            ),
            (
                "body",
                f"Target met in {met} of {_weeks(judged)} judged. Session adherence "
                f"{adherence_text} (each week counts up to its target of {target.low:g}). "
                f"Current streak of weeks on target: {_weeks(summary['current_streak'])}; "
                f"longest: {_weeks(summary['longest_streak'])}.",
            ),
        ]
        if current is not None:
            so_far = int(current[SESSIONS])
            state = (
                "on target already" if bool(current[TARGET_MET]) else "not a miss before its Sunday"
            )
            blocks.append(
                (
                    "body",
                    f"The week of {_long_date(current['week'])} is in progress: {so_far} of "
                    f"{target.low:g} sessions so far ({state}).",
                )
            )
        if summary.get("habit_strength") is not None:
            blocks.append(
                ("body", "Habit strength: " + habit_words(summary["habit_strength"]) + ".")
            )
    blocks.append(("heading", "Pain (0-10, lower is better)"))
    if not summary["pain"]:
        blocks.append(("body", "No pain reports."))
    for site, change in summary["pain"].items():
        blocks.append(("item", _pain_sentence(site, change)))
    return blocks


def _reading_blocks(
    log: pd.DataFrame, problems: pd.DataFrame | None, notices: list[str]
) -> list[tuple[str, str]]:
    """What was read and what was not: rows loaded, lines left out with their first
    reasons (in words), exercises not in the routine, rows outside the window."""
    from footstats.columns import EXERCISE, IN_PROGRAM, LINE

    source = log.attrs.get("source")
    where = f" from {source}" if isinstance(source, str) and source else ""
    blocks = [("heading", "What was read"), ("body", f"Rows loaded: {len(log)}{where}.")]
    if problems is not None:
        errors = problems[problems["severity"] == "error"]
        lines = errors[LINE].dropna().astype("int64").unique()
        # none left out: nothing said, so a clean log's report is the same whether the
        # problems were given (footstats report) or not (the library, the app)
        if not errors.empty:
            count = len(lines) or len(errors)
            blocks.append(
                (
                    "body",
                    f"Lines left out for errors: {count}. A line with an error is left out "
                    "whole, its sets and pain included (footstats never guesses which part "
                    "is right): fix it and report again. The first reasons:",
                )
            )
            for _, row in errors.head(_SHOWN_REASONS).iterrows():
                at = "the file" if pd.isna(row[LINE]) else f"line {int(row[LINE])}"
                column = "" if row["column"] in ("-", "") else f" ({row['column']})"
                blocks.append(("item", f"{at}{column}: {row['message']}"))
            if len(errors) > _SHOWN_REASONS:
                more = len(errors) - _SHOWN_REASONS
                blocks.append(("item", f"... and {more} more (footstats check lists them all)."))
    if IN_PROGRAM in log.columns and EXERCISE in log.columns:
        outside = log.loc[~log[IN_PROGRAM].fillna(True).astype(bool), EXERCISE].dropna()
        if outside.empty:
            blocks.append(("body", "Exercises not in the routine: none."))
        else:
            counts = outside.astype("str").value_counts(sort=False)
            names = ", ".join(
                f"{name} ({n} row{'s' if n != 1 else ''})" for name, n in counts.items()
            )
            blocks.append(
                (
                    "body",
                    f"Exercises not in the routine (kept in the log, not counted): {names}.",
                )
            )
    for notice in notices:
        blocks.append(("body", notice[0].upper() + notice[1:] + "."))
    return blocks


_SHOWN_REASONS = 5


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
_KEEP_WITH_HEADING = 4  # lines of room a heading needs below it on its page


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
        # a heading keeps the lines after it: no heading alone at the foot of a page
        keep = _KEEP_WITH_HEADING if style == "heading" else 1
        for i, line in enumerate(lines):
            step = size * _LINE_SPACING / 72
            if not pages or cursor + keep * step > height - _MARGIN:
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
