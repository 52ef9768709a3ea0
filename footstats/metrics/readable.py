"""Numbers for people: the headline figures as a table, and the files' one rounding rule.

:func:`headline_table` turns :func:`footstats.summarize` into a table of figures in
words (one ``value`` column, indexed by the figure's name), with units: pain with one
decimal, percentages whole, weeks and sessions counted. The notebooks and the app show
it instead of the raw dict.

:func:`key_figures` says in one sentence what a chart's table holds (the notebooks print
it under the chart's heading, so nothing of the chart needs reading twice).

:data:`DECIMALS` is the rounding rule of every file footstats writes: each number in
``summary.json`` and in the CSV tables is rounded to 4 decimal places (Python's
``round``: halves go to the even digit); whole numbers stay whole, and missing values are
``null`` in the JSON and empty in the CSVs. :func:`round_numbers` and :func:`round_table`
apply it where the files are written (:mod:`footstats.report.write`).
"""

from __future__ import annotations

import math
from collections.abc import Callable
from typing import Any

import pandas as pd

from footstats.core.guards import expect_summary
from footstats.errors import UsageError
from footstats.routine import Routine, deprecated_program

__all__ = [
    "DECIMALS",
    "habit_words",
    "headline_table",
    "key_figures",
    "period_words",
    "round_numbers",
    "round_table",
]

DECIMALS = 4

VALUE = "value"


# -- the rounding rule of the files ------------------------------------------------------------


def round_numbers(value, decimals: int = DECIMALS):
    """``value`` with every float inside it (dicts, lists, tuples) rounded to ``decimals``.

    Integers, booleans, text and None are left as they are.

    Examples
    --------
    >>> round_numbers({"baseline": 3.3333333333333335, "n": 35, "pain": [1 / 3, None]})
    {'baseline': 3.3333, 'n': 35, 'pain': [0.3333, None]}
    """
    kind = type(value)
    if kind in _LEAVES:  # the common leaves first: a 40,000-participant summary has 480,000
        return round(value, decimals) if kind is float and math.isfinite(value) else value
    if isinstance(value, dict):
        return {key: round_numbers(item, decimals) for key, item in value.items()}
    if isinstance(value, list | tuple):
        return type(value)(round_numbers(item, decimals) for item in value)
    if isinstance(value, float) and math.isfinite(value):
        return round(value, decimals)
    return value


_LEAVES = frozenset({float, int, bool, str, type(None)})


def round_table(frame: pd.DataFrame, decimals: int = DECIMALS) -> pd.DataFrame:
    """A copy of ``frame`` with its float columns rounded to ``decimals``; others as they are.

    Examples
    --------
    >>> round_table(pd.DataFrame({"site": ["back"], "mean": [11 / 3], "n": [3]}))
       site    mean  n
    0  back  3.6667  3
    """
    floats = frame.select_dtypes(include="floating").columns
    if floats.empty:
        return frame
    return frame.assign(**{column: frame[column].round(decimals) for column in floats})


# -- the headline figures in words -------------------------------------------------------------


def headline_table(summary: dict[str, Any], participant: Any = None) -> pd.DataFrame:
    """The headline figures of :func:`footstats.summarize` as a table, in words.

    Parameters
    ----------
    summary : dict
        What :func:`footstats.summarize` returned.
    participant : optional
        With a cohort summary: that participant's figures. Without it, a cohort summary
        gives the cohort figures and then one line per participant.

    Returns
    -------
    DataFrame
        One text column, ``value``, indexed by the figure's name: the period, sessions
        (and per week), session adherence (whole %), the streaks (weeks) and, per pain
        site, baseline -> latest on the 0-10 scale (one decimal), the change in points and
        in whole %, and whether it is a clinically important improvement (Farrar 2001) with
        its IMMPACT band.

    Examples
    --------
    >>> import footstats
    >>> log = footstats.load_sample()
    >>> table = headline_table(footstats.summarize(log))
    >>> table.loc["Session adherence", "value"]
    '88 %'
    >>> table.loc["Knee pain (0-10)", "value"]
    '3.3 -> 1.0: -2.3 points (-70 %), clinically important, substantial'
    """
    expect_summary(summary, "headline_table")
    entries = summary.get("participants")
    if entries is None:
        return _table(_person_rows(summary))
    if participant is not None:
        chosen = [e for e in entries if e["participant"] == participant]
        if not chosen:
            known = ", ".join(str(e["participant"]) for e in entries)
            raise UsageError(f"participant {participant!r} is not in the summary ({known})")
        return _table([("Participant", str(participant)), *_person_rows(chosen[0])])
    if len(entries) == 1:
        return _table([("Participant", str(entries[0]["participant"])), *_person_rows(entries[0])])
    return _table(_cohort_rows(summary["cohort"]) + [_participant_row(e) for e in entries])


def _table(rows: list[tuple[str, str]]) -> pd.DataFrame:
    figures, values = [row[0] for row in rows], [row[1] for row in rows]
    return pd.DataFrame({VALUE: values}, index=pd.Index(figures))


def _person_rows(entry: dict) -> list[tuple[str, str]]:
    weeks, sessions = entry["weeks"], entry["sessions"]
    rows = [
        ("Period", period_words(entry)),
        (
            "Sessions",
            f"{sessions}" + (f" ({sessions / weeks:.1f} a week on average)" if weeks else ""),
        ),
        ("Session adherence", _pct(entry["adherence_pct"])),
        ("Current streak on target", _weeks(entry["current_streak"])),
        ("Longest streak on target", _weeks(entry["longest_streak"])),
    ]
    if entry.get("habit_strength") is not None:
        rows.append(("Habit strength", habit_words(entry["habit_strength"])))
    if entry.get("in_progress"):
        rows.append(("This week", "in progress: not counted as a miss before its Sunday"))
    for site, change in entry["pain"].items():
        rows.append((f"{site.capitalize()} pain (0-10)", _pain_change(change)))
    if not entry["pain"]:
        rows.append(("Pain (0-10)", "no pain reports"))
    return rows


def period_words(entry: dict) -> str:
    """The follow-up window of a summary entry in words: its first and last day, its weeks
    and, when the last entry is earlier than the window's end, the day of the last entry.

    >>> period_words({"start": "2026-03-02", "end": "2026-12-07", "weeks": 41,
    ...               "first_date": "2026-03-02", "last_date": "2026-03-28"})
    '2 Mar 2026 - 7 Dec 2026 (41 weeks; last entry 28 Mar 2026)'
    """
    start, end = entry.get("start") or entry["first_date"], entry.get("end") or entry["last_date"]
    if not start or not end:
        return "nothing logged yet"
    text = f"{_day(start)} - {_day(end)} ({_count(entry['weeks'], 'week')}"
    last = entry["last_date"]
    if last and last != end:
        text += f"; last entry {_day(last)}"
    return text + ")"


def habit_words(strength: float) -> str:
    """Habit strength (0-100) in words.

    >>> habit_words(70.4)
    "70 % (Loop Habit Tracker's score: grows with each session, falls gradually with misses)"
    """
    return (
        f"{strength:.0f} % (Loop Habit Tracker's score: grows with each session, "
        "falls gradually with misses)"
    )


def _cohort_rows(cohort: dict) -> list[tuple[str, str]]:
    share = cohort["share_clinically_important"]
    return [
        ("Participants", str(cohort["participants"])),
        ("Median session adherence", _pct(cohort["median_adherence_pct"])),
        (
            "Clinically important improvement of pain",
            "no pain reports"
            if share is None
            else f"{share * 100:.0f} % of the participants who reported pain",
        ),
    ]


def _participant_row(entry: dict) -> tuple[str, str]:
    parts = [
        f"{_count(entry['sessions'], 'session')} in {_count(entry['weeks'], 'week')}",
        f"adherence {_pct(entry['adherence_pct'])}",
        f"longest streak {_weeks(entry['longest_streak'])}",
    ]
    for site, change in entry["pain"].items():
        if change["baseline"] is not None and change["latest"] is not None:
            parts.append(f"{site} {change['baseline']:.1f} -> {change['latest']:.1f}")
    return (str(entry["participant"]), "; ".join(parts))


def _pain_change(change: dict) -> str:
    baseline, latest, points, pct = (
        change["baseline"],
        change["latest"],
        change["change"],
        change["change_pct"],
    )
    if baseline is None or latest is None:
        return "not enough reports to compare"
    relative = f" ({pct:+.0f} %)" if pct is not None else " (no % change from a baseline of 0)"
    text = f"{baseline:.1f} -> {latest:.1f}: {points:+.1f} points{relative}"
    if points == 0:
        text = f"{baseline:.1f} -> {latest:.1f}: no change"
    verdict = (
        "clinically important" if change["clinically_important"] else "not clinically important"
    )
    band = change["band"]
    if band is not None:
        verdict += ", no reduction" if band == "none" else f", {band}"
    return f"{text}, {verdict}"


def _pct(value) -> str:
    return "not available" if value is None else f"{value:.0f} %"


def _weeks(n) -> str:
    return "-" if n is None else _count(n, "week")


def _count(n: int, unit: str) -> str:
    return f"{n} {unit}" + ("" if n == 1 else "s")


def _day(iso: str) -> str:
    day = pd.Timestamp(iso)
    return f"{day.day} {day:%b %Y}"


# -- a chart's key figures in one sentence -----------------------------------------------------

_WEEKDAY_NAMES = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")


def key_figures(
    table: pd.DataFrame,
    chart: str,
    *,
    routine: Routine | None = None,
    program: Routine | None = None,
) -> str:
    """One sentence of the key figures of ``chart``, from the table the chart is drawn from.

    Parameters
    ----------
    table : DataFrame
        The chart's table: :func:`footstats.session_table` for ``"calendar"``,
        :func:`footstats.weekly_sets` for ``"completion"``,
        :func:`footstats.study_week_adherence` for ``"study_weeks"``,
        :func:`footstats.cohort_table` for ``"adherence_spread"`` and ``"pain_waterfall"``.
    chart : {"calendar", "completion", "study_weeks", "adherence_spread", "pain_waterfall"}
        The chart the sentence goes with.
    routine : Routine, optional
        The routine, for exercise names (None: the one the table was counted with).

    Returns
    -------
    str

    Examples
    --------
    >>> import footstats
    >>> log = footstats.load_sample()
    >>> text = key_figures(footstats.session_table(log), "calendar")
    >>> period, gap = text.split("; ")
    >>> period
    '30 sessions from 2 Mar to 20 Jun 2026'
    >>> gap
    'the longest time between two sessions: 12 days (22 May to 3 Jun).'
    """
    routine = deprecated_program(routine, program)
    sentences: dict[str, Callable[..., str]] = {
        "calendar": _calendar_figures,
        "completion": _completion_figures,
        "study_weeks": _study_week_figures,
        "adherence_spread": _spread_figures,
        "pain_waterfall": _waterfall_figures,
    }
    if chart not in sentences:
        expected = ", ".join(sentences)
        raise UsageError(f"no key figures for chart {chart!r}; expected one of {expected}")
    if table.empty:
        return "Nothing to show yet."
    if chart == "completion":
        return _completion_figures(table, routine)
    return sentences[chart](table)


def _calendar_figures(sessions: pd.DataFrame) -> str:
    days = pd.Series(sessions["date"].dt.normalize().unique()).sort_values(ignore_index=True)
    first, last = days.iloc[0], days.iloc[-1]
    text = f"{_count(len(sessions), 'session')} from {first.day} {first:%b} to {_day(last)}"
    if len(days) < 2:
        return text + "."
    gaps = days.diff().dt.days
    longest = int(gaps.idxmax())
    before, after = days.iloc[longest - 1], days.iloc[longest]
    return (
        f"{text}; the longest time between two sessions: {int(gaps.max())} days "
        f"({before.day} {before:%b} to {after.day} {after:%b})."
    )


def _completion_figures(weekly_sets: pd.DataFrame, routine) -> str:
    from footstats.routine import resolve_routine

    names = {e.id: e.name for e in resolve_routine(routine, weekly_sets).exercises}
    per_exercise = weekly_sets.groupby("exercise", observed=True)["completion"].mean() * 100
    best, worst = per_exercise.idxmax(), per_exercise.idxmin()
    return (
        f"Mean completion {weekly_sets['completion'].mean() * 100:.0f} % of the prescribed "
        f"sets per session; highest {names.get(best, best)} ({per_exercise[best]:.0f} %), "
        f"lowest {names.get(worst, worst)} ({per_exercise[worst]:.0f} %)."
    )


def _study_week_figures(study: pd.DataFrame) -> str:
    # the share of those judged, as the chart draws it (a week in progress is judged once
    # on target: footstats.study_week_adherence)
    judged = "judged" if "judged" in study.columns else "observed"
    weeks = study.groupby("week_index")[[judged, "on_target"]].sum()
    first, last = weeks.index.min(), weeks.index.max()

    def week(index) -> str:
        row = weeks.loc[index]
        if not row[judged]:
            return "none judged yet (the week is in progress)"
        share = row["on_target"] / row[judged] * 100
        return f"{share:.0f} % of {_count(int(row[judged]), 'participant')}"

    return f"On target in study week {first}: {week(first)}; in week {last}: {week(last)}."


def _spread_figures(table: pd.DataFrame) -> str:
    adherence = table["adherence_pct"].dropna()
    text = (
        f"Median session adherence {adherence.median():.0f} % "
        f"(from {adherence.min():.0f} to {adherence.max():.0f} %)"
    )
    if "group" in table.columns:
        medians = table.groupby("group", observed=True)["adherence_pct"].median()
        text += "; " + ", ".join(f"{group} {value:.0f} %" for group, value in medians.items())
    return text + "."


def _waterfall_figures(table: pd.DataFrame) -> str:
    parts = []
    for site in [c.removesuffix("_change") for c in table.columns if c.endswith("_change")]:
        reported = table[f"{site}_change"].notna()
        if reported.any():
            # a boolean column's sum skips its missing values
            important = int(table.loc[reported, f"{site}_important"].sum())
            parts.append(f"{site} {important} of {int(reported.sum())}")
    if not parts:
        return "No participant with pain reports."
    return "Clinically important improvement (participants with reports): " + ", ".join(parts) + "."
