"""How to read a log: one typed, frozen :class:`ReadOptions`, built once at the edge.

The public readers (:func:`footstats.read_log`, :func:`footstats.validate_log`,
:func:`footstats.check_log` and their folder versions) take the reading options either as
loose keyword arguments (``dayfirst=True``, ``habit="Feet"``) or as one ``options=``
object; :func:`read_options` turns what was given into a :class:`ReadOptions` at that
edge (httpx builds its ``Timeout`` the same way), and from there only the object travels:
the file layer, the importers, the validation and the folder readers all take it.

It lives in ``footstats.core`` (layer 0), not in ``footstats.reading``, because the
importers (layer 1, below the reading layer) apply it too: an export re-saved by a
spreadsheet needs ``dayfirst`` as much as a log does, and a Loop export needs ``habit``.
What is not an option but a fact of one file (the folder it is in, its delimiter) is not
here: the reader works it out per file.

>>> options = ReadOptions(dayfirst=True, habit="Feet")
>>> options.dayfirst, options.format
(True, None)
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field, fields
from datetime import date
from os import PathLike
from typing import Any, TypedDict
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError, available_timezones

from footstats.errors import UsageError
from footstats.routine import Routine, deprecated_program, load_routine

__all__ = ["ReadKeywords", "ReadOptions", "read_options", "time_zone"]


@dataclass(frozen=True)
class ReadOptions:
    """The reading options of a log, an app export or a folder of them.

    Every field has the default a reader uses when it is not given, so ``ReadOptions()``
    reads a footstats log or a recognised app export as it is.

    Parameters
    ----------
    routine : Routine or path, optional
        The routine exercises are matched against; a path is loaded when the options are
        made. None: the packaged foot routine.
    dayfirst : bool, default False
        Accept day-first dates such as ``03/04/2026`` (3 April). Without it, and without
        ``date_format``, only ISO dates (``2026-04-03``, ``2026-04-03 07:30``) and the dates
        an app writes itself are read; anything else is an error, never a guess.
    date_format : str, optional
        An explicit ``strftime`` format for the dates, e.g. ``"%m/%d/%Y"``.
    encoding : str, optional
        The file's encoding when it is not UTF-8 (UTF-8 and UTF-16 with a BOM are detected).
    format : str, optional
        Force a format (``"footstats"`` or an app's, such as ``"strong"``: every name in
        docs/exports.md); by default it is recognised from the header.
    exercise_map : mapping, optional
        Exercise names as written -> routine exercise (id or name), for names the routine's
        aliases do not cover. Copied, so changing the dict later changes nothing here.
    habit : str, optional
        For a Loop Habit Tracker export: the habit that is the routine.
    excel_dates : bool, default False
        Accept Excel serial day numbers (``45356``) as dates.
    today : date, optional
        The date after which dates are "in the future" (default: the day of reading).
    timezone : str, optional
        The time zone (an IANA name such as ``"Europe/Berlin"``) to read times an export
        writes in UTC (Fitbod's ``2026-06-01 17:05:33 +0000``): they are converted to that
        zone's local time, so a workout is on the day it was where you live. Without it
        such times are read as written (UTC), with a notice. Times without an offset are
        local already and are left as they are.

    Raises
    ------
    UsageError
        ``timezone`` is not a time zone name the system knows.

    Examples
    --------
    >>> import footstats
    >>> options = footstats.ReadOptions(dayfirst=True, today=date(2026, 6, 30))
    >>> footstats.load_sample(options=options)["date"].min().date().isoformat()
    '2026-03-02'
    """

    routine: Routine | None = field(default=None, hash=False)
    dayfirst: bool = False
    date_format: str | None = None
    encoding: str | None = None
    format: str | None = None
    exercise_map: Mapping[str, str] | None = field(default=None, hash=False)
    habit: str | None = None
    excel_dates: bool = False
    today: date | None = None
    timezone: str | None = None

    def __post_init__(self) -> None:
        routine: object = self.routine
        if isinstance(routine, str | PathLike):  # a routine file: loaded once, here
            object.__setattr__(self, "routine", load_routine(routine))
        if self.exercise_map is not None:
            object.__setattr__(self, "exercise_map", dict(self.exercise_map))
        if self.timezone is not None:
            time_zone(self.timezone)  # refused here, at the edge, not in the middle of a read


def time_zone(name: str) -> ZoneInfo:
    """The time zone of an IANA name (``"Europe/Berlin"``).

    Raises
    ------
    UsageError
        The name is not one the system's time zone database knows.

    >>> time_zone("Europe/Berlin").key
    'Europe/Berlin'
    """
    try:
        return ZoneInfo(str(name).strip())
    except (ZoneInfoNotFoundError, ValueError, OSError):
        folded = str(name).strip().casefold()
        known = [zone for zone in available_timezones() if zone.casefold() == folded]
        hint = f" (did you mean {known[0]!r}?)" if known else ""
        raise UsageError(
            f"unknown time zone {name!r}{hint}: expected an IANA name like Europe/Berlin or "
            "America/New_York"
        ) from None


class ReadKeywords(TypedDict, total=False):
    """The reading options as loose keyword arguments (the fields of :class:`ReadOptions`,
    and ``program``, the deprecated old name of ``routine``)."""

    routine: Routine | str | PathLike[str] | None
    dayfirst: bool
    date_format: str | None
    encoding: str | None
    format: str | None
    exercise_map: Mapping[str, str] | None
    habit: str | None
    excel_dates: bool
    today: date | None
    timezone: str | None
    program: Routine | str | PathLike[str] | None


NAMES = tuple(f.name for f in fields(ReadOptions))


def read_options(
    options: ReadOptions | None, keywords: Mapping[str, Any], *, caller: str
) -> ReadOptions:
    """The :class:`ReadOptions` of a call: ``options``, or one made from ``keywords``.

    ``keywords`` are the loose keyword arguments the public function ``caller`` was given
    (``program=`` is taken for ``routine=``, with a DeprecationWarning).

    Raises
    ------
    TypeError
        A keyword that is not a reading option (as Python says of an unknown argument),
        or both ``options`` and loose keywords: the message names both.

    Examples
    --------
    >>> read_options(None, {"dayfirst": True}, caller="read_log").dayfirst
    True
    >>> read_options(ReadOptions(), {"habit": "Feet"}, caller="read_log")
    Traceback (most recent call last):
    ...
    TypeError: read_log(): give options= or habit=, not both (a ReadOptions holds every \
reading option: ReadOptions(habit=...))
    """
    unknown = [name for name in keywords if name not in (*NAMES, "program")]
    if unknown:
        raise TypeError(f"{caller}() got an unexpected keyword argument {unknown[0]!r}")
    if options is not None and keywords:
        given = ", ".join(f"{name}=" for name in keywords)
        example = ", ".join(f"{name}=..." for name in keywords)
        raise TypeError(
            f"{caller}(): give options= or {given}, not both (a ReadOptions holds every "
            f"reading option: ReadOptions({example}))"
        )
    if options is not None:
        return options
    loose = dict(keywords)
    program = loose.pop("program", None)
    if program is not None:
        loose["routine"] = deprecated_program(loose.get("routine"), program, stacklevel=5)
    return ReadOptions(**loose)
