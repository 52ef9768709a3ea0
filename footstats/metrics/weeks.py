"""The week-grid engine of the metrics: integer codes of a log's rows, and the follow-up window.

Every grouping in :mod:`footstats.metrics.tables` works on integers (bincount, searchsorted) instead
of on the participant and date columns, which matters on a study's million rows.

A *session* is keyed by (participant, calendar day); a pain *report* by (participant, date as
written), see :mod:`footstats.metrics.tables`. Each participant's *follow-up window* is a
first and a last calendar day; the week grid holds every ISO week from the window's first week
to its last, and rows dated outside the window are left out of the metrics.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from functools import cached_property

import numpy as np
import pandas as pd

from footstats.columns import DATE, PARTICIPANT


def week_monday(dates: pd.Series) -> pd.Series:
    """The Monday (at midnight) of each date's ISO week, in the unit of ``dates``."""
    days = dates.dt.normalize()
    return (days - pd.to_timedelta(days.dt.day_of_week, unit="D")).astype(days.dtype)


@dataclass(frozen=True)
class Keys:
    """Integer codes of a log's rows, computed once per call.

    ``participant`` codes follow the order results are sorted in (category or text order, a
    missing participant last, as ``groupby(dropna=False)``); ``participants`` holds their
    values, including enrolled participants without rows when given. ``date`` codes index
    the sorted unique ``dates`` (as written, with their time); ``day_of_date`` maps them to
    the sorted unique calendar ``days``. ``day`` (int64 per day code, in the unit of
    ``dtype``) and ``week`` (the Monday of each day, same unit) give the calendar;
    ``week_step`` is 7 days and ``day_step`` 1 day in that unit.
    ``session`` = participant * len(days) + day code: one key per participant and calendar
    day, sorting like (participant, day). ``moment`` = participant * len(dates) + date code:
    one key per participant and date as written (pain reports).
    """

    participant: np.ndarray
    participants: pd.Index
    date: np.ndarray
    dates: pd.Index
    day_of_date: np.ndarray
    days: pd.Index
    day: np.ndarray
    week: np.ndarray
    dtype: np.dtype
    week_step: int
    day_step: int

    @classmethod
    def of(cls, log: pd.DataFrame, enrolled: pd.Index | None = None) -> Keys:
        participant, participants = pd.factorize(log[PARTICIPANT], sort=True, use_na_sentinel=False)
        if enrolled is not None and len(enrolled.difference(participants.dropna())):
            participant, participants = _with_enrolled(participant, participants, enrolled)
        date, dates = pd.factorize(log[DATE], sort=True)
        day_values = pd.Series(dates).dt.normalize()
        day_of_date, days = pd.factorize(day_values)  # sorted dates: their days come sorted
        days = pd.Index(days)
        day = days.to_numpy()
        week = week_monday(pd.Series(day)).to_numpy()
        unit = np.datetime_data(week.dtype)[0]
        day_step = int(np.timedelta64(1, "D") // np.timedelta64(1, unit))  # type: ignore[call-overload]
        return cls(
            participant=participant.astype("int64"),
            participants=participants,
            date=date.astype("int64"),
            dates=dates,
            day_of_date=day_of_date.astype("int64"),
            days=days,
            day=day.view("int64"),
            week=week.view("int64"),
            dtype=week.dtype,
            week_step=7 * day_step,
            day_step=day_step,
        )

    @cached_property
    def row_day(self) -> np.ndarray:
        """Each row's calendar-day code."""
        return self.day_of_date[self.date]

    @cached_property
    def session(self) -> np.ndarray:
        return self.participant * len(self.days) + self.row_day

    @cached_property
    def moment(self) -> np.ndarray:
        return self.participant * len(self.dates) + self.date

    def take(self, rows: np.ndarray) -> Keys:
        """The keys of the rows selected by a boolean mask (the same code tables)."""
        return replace(self, participant=self.participant[rows], date=self.date[rows])

    def split(self, session: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
        """Participant and day codes of session keys."""
        return np.divmod(session, max(len(self.days), 1))

    def split_moment(self, moment: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
        """Participant and date codes of moment keys."""
        return np.divmod(moment, max(len(self.dates), 1))

    def columns(self, session: np.ndarray, *, date: bool = True) -> dict:
        """The ``participant, [date], week`` columns of rows given by their session keys."""
        participant, day = self.split(session)
        columns = {PARTICIPANT: self.participants.take(participant)}
        if date:
            columns[DATE] = self.days.take(day)
        columns["week"] = self.week[day].view(self.dtype)
        return columns

    def moment_columns(self, moment: np.ndarray) -> dict:
        """The ``participant, date, week`` columns of rows given by their moment keys."""
        participant, date = self.split_moment(moment)
        return {
            PARTICIPANT: self.participants.take(participant),
            DATE: self.dates.take(date),
            "week": self.week[self.day_of_date[date]].view(self.dtype),
        }

    def monday(self, day: np.ndarray) -> np.ndarray:
        """The Monday of each int64 day value (1970-01-01 was a Thursday)."""
        n = day // self.day_step
        return (n - (n + 3) % 7) * self.day_step


def _with_enrolled(codes: np.ndarray, values: pd.Index, enrolled: pd.Index):
    """Codes and values with the enrolled participants who have no rows added, in text order."""
    present = values.dropna()
    names = sorted({*map(str, present), *map(str, enrolled)})
    combined = pd.Index(names + ([pd.NA] if len(present) < len(values) else []), dtype="object")
    remap = combined.get_indexer(pd.Index([str(v) for v in values]))
    remap[pd.isna(values)] = len(combined) - 1  # the missing participant stays last
    return remap[codes], combined


@dataclass(frozen=True)
class Window:
    """Each participant's follow-up window: first and last calendar day (int64, unit of
    :class:`Keys`), indexed by participant code."""

    start: np.ndarray
    end: np.ndarray

    def inside(self, keys: Keys) -> np.ndarray:
        """True for the rows dated inside their participant's window."""
        day = keys.day[keys.row_day]
        return (day >= self.start[keys.participant]) & (day <= self.end[keys.participant])


@dataclass(frozen=True)
class WeekGrid:
    """Every ISO week of each participant's window, as numbered cells.

    ``participant`` and ``week`` (int64, as in :class:`Keys`) give each cell; ``start``
    and ``first_week`` are indexed by participant code. A window that ends before it starts
    has no weeks.
    """

    participant: np.ndarray
    week: np.ndarray
    start: np.ndarray
    first_week: np.ndarray
    step: int

    @classmethod
    def of(cls, keys: Keys, window: Window) -> WeekGrid:
        first_week, last_week = keys.monday(window.start), keys.monday(window.end)
        counts = np.maximum((last_week - first_week) // keys.week_step + 1, 0)
        start = np.cumsum(counts) - counts
        participant = np.repeat(np.arange(len(counts)), counts)
        offset = np.arange(counts.sum()) - start[participant]
        return cls(
            participant=participant,
            week=first_week[participant] + offset * keys.week_step,
            start=start,
            first_week=first_week,
            step=keys.week_step,
        )

    def __len__(self) -> int:
        return len(self.participant)

    @property
    def index(self) -> np.ndarray:
        """The study week of each cell: 1 for the window's first week, 2 for the next..."""
        return np.arange(len(self)) - self.start[self.participant] + 1

    def cell(self, participant: np.ndarray, week: np.ndarray) -> np.ndarray:
        return self.start[participant] + (week - self.first_week[participant]) // self.step
