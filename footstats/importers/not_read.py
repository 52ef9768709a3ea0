"""Exports of apps footstats does not read, recognised to say so and what to do instead.

A file from one of these apps is not a log of sets (a day's activity totals, one row per
workout) or is one footstats has no importer for. Given one, the reader does not report
the columns a footstats log lacks, nor the app whose columns it happens to share: one
error names the app the file looks like and how to turn it into a footstats log (a log
is a CSV with ``date``, ``exercise`` and ``sets``, or ``date`` and ``session_done`` for a
day done; ``--map`` then matches its exercise names to the routine). docs/exports.md
shows each app's file.

Each entry is recognised by the header keys only its app writes (any case; spaces,
hyphens and underscores ignored): data, not branches.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from footstats.importers import common as C

__all__ = ["APPS", "NotRead", "not_read"]

_SESSIONS = "session_done = true on each row that was your routine"


@dataclass(frozen=True)
class NotRead:
    """An app footstats does not read: how its file is recognised and what to do.

    ``app``: the app (and file) as messages name it; ``signatures``: sets of header keys,
    any of which identifies the file; ``rows``: what a row of it is; ``how``: which of its
    columns make a footstats log.
    """

    app: str
    signatures: tuple[frozenset[str], ...]
    rows: str
    how: str

    def recognises(self, keys: set[str]) -> bool:
        """Whether a header with these keys is this app's file."""
        return any(signature <= keys for signature in self.signatures)

    def message(self) -> str:
        return (
            f"looks like {self.app}, which footstats does not read: {self.rows}. To use it, "
            f"make a footstats log of it (docs/exports.md): {self.how}"
        )


APPS: tuple[NotRead, ...] = (
    NotRead(
        "a GymBook export (Italian headers)",
        (frozenset({"esercizio", "saltato"}),),
        "one row per set, dates day first (09/03/26)",
        "date = Data (with --dayfirst, the year in full), exercise = Esercizio, sets = 1 on "
        "each row, reps from 'Ripetizioni / Tempo'; rows marked 'Set di riscaldamento' are "
        "warm-ups (warmup_sets), rows with Saltato = Si were skipped (leave them out); "
        "--map matches its exercise names to your routine",
    ),
    NotRead(
        "Google Fit's daily activity metrics (Takeout)",
        (frozenset({"date", "moveminutescount"}), frozenset({"date", "heartpoints"})),
        "one row per day of activity totals, no exercises or sets",
        f"date = Date and {_SESSIONS} (the totals do not say which exercise was done)",
    ),
    NotRead(
        "an Apple Health workouts export (Health Auto Export)",
        (frozenset({"workouttype", "start", "end"}),),
        "one row per workout, no sets",
        f"date = Start and {_SESSIONS} (Workout Type, such as Traditional Strength "
        "Training, says which)",
    ),
    NotRead(
        "an Apple Health workouts export (HealthExport)",
        (frozenset({"activity", "duration(seconds)"}),),
        "one row per workout, no sets",
        f"date = the start of Date and {_SESSIONS} (Activity says which)",
    ),
    NotRead(
        "a Garmin Connect activities export (Activities.csv)",
        (frozenset({"activitytype", "avghr"}), frozenset({"aktivitetstype", "dato"})),
        "one row per activity, with only the activity's total reps and sets",
        "date = Date, exercise = Title (or Activity Type), sets = Total Sets; --map "
        "matches its names to your routine",
    ),
    NotRead(
        "a WHOOP export (workouts.csv)",
        (frozenset({"cyclestarttime", "activitystrain"}),),
        "one row per workout, no exercises or sets",
        f"date = Workout start time and {_SESSIONS} (Activity name says which)",
    ),
)


def not_read(header: Sequence[str]) -> str | None:
    """The message for a header of an app footstats does not read, else None.

    Examples
    --------
    >>> not_read(["Cycle start time", "Workout start time", "Activity name",
    ...           "Activity Strain"]).split(":")[0]
    'looks like a WHOOP export (workouts.csv), which footstats does not read'
    >>> not_read(["date", "exercise", "sets"]) is None
    True
    """
    keys = set(C.header_keys(header))
    return next((app.message() for app in APPS if app.recognises(keys)), None)
