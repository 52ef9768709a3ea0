"""The routine (the prescription): immutable objects loaded from TOML.

The packaged default is the 5-exercise foot routine (``footstats/data/foot_routine.toml``);
a user's own routine file with the same schema replaces it.
"""

from __future__ import annotations

import difflib
import math
import re
import tomllib
import warnings
from dataclasses import dataclass
from importlib import resources
from os import PathLike

from footstats.columns import EXERCISE, IN_PROGRAM, header_key
from footstats.core.inputs import read_regular_file
from footstats.errors import RoutineError

__all__ = ["Exercise", "Range", "Routine", "RoutineError", "load_routine", "name_key"]
__all__ += ["MAX_WEEKS", "deprecated_program", "load_program", "resolve_routine"]

DEFAULT_PROGRAM = "foot_routine.toml"
# The largest plausible value of each number of a routine (inf, nan or 1e300 are typos).
_MOST = {
    "sessions_per_week": 70,  # ten a day
    "sets": 100,
    "reps": 10_000,
    "session_minutes": 1440,
}
_MOST_DEFAULT = 86_400  # seconds, hold_seconds, rest_seconds: a day
# A routine's exercises: its completion and sets charts give each one a row, so that a
# routine of thousands (a typo, a generated file) would need figures hundreds of inches tall.
MOST_EXERCISES = 100
# The longest programme or follow-up window, in weeks (20 years): more is a typo.
MAX_WEEKS = 1040


@dataclass(frozen=True)
class Range:
    """An inclusive range ``low``-``high``; a single number is a range of one.

    Parameters
    ----------
    low, high : float
        The ends of the range (``low`` <= ``high``); the routine counts ``low`` as done.

    Examples
    --------
    >>> str(Range(2, 3)), str(Range(10, 10))
    ('2-3', '10')
    """

    low: float
    high: float

    def __str__(self) -> str:
        fmt = "{:g}".format  # pragma: no mutate ({:G} differs only in exponents and inf/nan)
        return fmt(self.low) if self.low == self.high else f"{fmt(self.low)}-{fmt(self.high)}"


@dataclass(frozen=True)
class Exercise:
    """One exercise of a routine and its prescribed dose per session.

    Parameters
    ----------
    id : str
        The exercise's key in the log's ``exercise`` column (``heel_raises``).
    name : str
        Its name as people write it.
    sets : Range
        Sets per session; the low end is the prescription.
    per_side : bool, default False
        Done on each side: the prescription counts per side.
    aliases : tuple of str
        Other names that mean it (matched like the name).
    reps, seconds, hold_seconds, rest_seconds : Range, optional
        The dose of one set.
    equipment, description : str, optional
        Shown with the prescription.

    Examples
    --------
    >>> heel = load_routine()["heel_raises"]
    >>> heel.id, str(heel.sets), heel.per_side
    ('heel_raises', '2-3', True)
    """

    id: str
    name: str
    sets: Range
    per_side: bool = False
    aliases: tuple[str, ...] = ()
    reps: Range | None = None
    seconds: Range | None = None
    hold_seconds: Range | None = None
    rest_seconds: Range | None = None
    equipment: str | None = None
    description: str | None = None

    @property
    def prescribed_sets(self) -> int:
        """Sets prescribed per session (per side when ``per_side``): the low end of the range."""
        return int(self.sets.low)

    def dose(self) -> str:
        """The prescription in words, e.g. ``"2-3 sets x 10-20 reps, each side"``."""
        parts = [f"{self.sets} {'set' if self.sets == Range(1, 1) else 'sets'}"]
        if self.reps is not None:
            parts.append(f"{self.reps} reps")
        if self.seconds is not None:
            parts.append(f"{self.seconds} s")
        text = " x ".join(parts)
        if self.hold_seconds is not None:
            text += f", {self.hold_seconds} s hold"
        return text + (", each side" if self.per_side else "")


def name_key(name: str) -> str:
    """The key exercise names are matched by.

    Case, spaces, hyphens and underscores are ignored, and so is one trailing ``s`` of
    the whole name: ``"Heel-Raises"``, ``"heel raise"`` and ``"HEEL_RAISES"`` share a key.
    """
    key = header_key(name)
    return key[:-1] if key.endswith("s") and len(key) > 1 else key


@dataclass(frozen=True)
class Routine:
    """A routine: its exercises and how often it should be done (:func:`load_routine`).

    Parameters
    ----------
    name : str
        The routine's name.
    exercises : tuple of Exercise
        Its exercises, in the order charts list them.
    sessions_per_week : Range
        The target; its low end is the weekly minimum.
    session_minutes : float, optional
        About how long a session takes.
    source : str, optional
        The file it was read from.
    weeks : int, optional
        The programme's length: the follow-up window's default end.

    Examples
    --------
    >>> routine = load_routine()
    >>> str(routine.sessions_per_week), routine.ids[0]
    ('2-3', 'toe_walking')
    """

    name: str
    exercises: tuple[Exercise, ...]
    sessions_per_week: Range
    session_minutes: float | None = None
    source: str | None = None
    weeks: int | None = None  # the programme's length: the follow-up window's default

    def __deepcopy__(self, memo) -> Routine:
        # Immutable all the way down; pandas deep-copies a table's attrs (which carry the
        # routine) on every operation, so a copy would only cost time.
        return self

    @property
    def ids(self) -> tuple[str, ...]:
        return tuple(e.id for e in self.exercises)

    def __getitem__(self, exercise_id: str) -> Exercise:
        for exercise in self.exercises:
            if exercise.id == exercise_id:
                return exercise
        raise KeyError(exercise_id)

    @property
    def name_keys(self) -> dict[str, str]:
        """Every matching key (of ids, names and aliases) mapped to its exercise id."""
        keys: dict[str, str] = {}
        for exercise in self.exercises:
            for label in (exercise.id, exercise.name, *exercise.aliases):
                keys.setdefault(name_key(label), exercise.id)
        return keys

    def match(self, name: str) -> str | None:
        """The id of the exercise called ``name`` (by id, name or alias), or None."""
        return self.name_keys.get(name_key(name))

    def suggest(self, name: str) -> str | None:
        """The exercise name closest to ``name``, for a "did you mean" hint, or None."""
        labels = {name_key(label): e.name for e in self.exercises for label in (e.name, *e.aliases)}
        # Apps add equipment in brackets ("Calf Raise (Bodyweight)"): compare without it.
        bare = re.sub(r"\s*\([^)]*\)\s*$", "", name) or name
        close = difflib.get_close_matches(name_key(bare), list(labels), cutoff=0.75)
        return labels[close[0]] if close else None


def load_routine(path: str | PathLike | None = None) -> Routine:
    """Load a routine from a TOML file, or the packaged foot routine when ``path`` is None.

    Parameters
    ----------
    path : str or path-like, optional
        A routine file with the schema of the packaged one
        (``footstats/data/foot_routine.toml``, documented at its top).

    Returns
    -------
    Routine

    Raises
    ------
    RoutineError
        The file is missing, not TOML, or a key is missing or has the wrong type; the
        message names the file and the key.

    Examples
    --------
    >>> prog = load_routine()
    >>> prog.ids
    ('toe_walking', 'heel_raises', 'tibialis_anterior', 'ankle_circles', 'toe_curls')
    >>> prog["heel_raises"].dose()
    '2-3 sets x 10-20 reps, each side'
    """
    if path is None:
        source = resources.files("footstats") / "data" / DEFAULT_PROGRAM
        label, text = f"footstats/data/{DEFAULT_PROGRAM}", source.read_text("utf-8")
    else:
        label = str(path)
        try:
            text = read_regular_file(path).decode("utf-8")
        except (OSError, UnicodeDecodeError) as exc:
            raise RoutineError(f"{label}: cannot read the routine file: {exc}") from None
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        raise RoutineError(f"{label}: not valid TOML: {exc}") from None
    except RecursionError:
        raise RoutineError(f"{label}: not a routine: its values are nested too deeply") from None
    return _routine_from_dict(data, label)


def resolve_routine(routine: Routine | str | PathLike | None = None, log=None) -> Routine:
    """The routine a function works with: the one given, else the log's own, else the default.

    A log read by :func:`footstats.read_log` carries the routine it was read with in
    ``log.attrs["routine"]``, so the metrics, charts and reports of a log read with your own
    routine use that routine without being told again.

    Parameters
    ----------
    routine : Routine or path, optional
        The routine asked for; a path is loaded with :func:`load_routine`.
    log : DataFrame, optional
        The tidy log the routine is for.

    Raises
    ------
    ValueError
        The log's exercises (those it matched to its routine when read) are not in the
        routine: counting them against it would silently give 0 sets and 0 sessions.

    Examples
    --------
    >>> import footstats
    >>> log = footstats.load_sample()
    >>> resolve_routine(None, log).name == log.attrs["routine"].name
    True
    """
    if routine is not None and not isinstance(routine, Routine):
        routine = load_routine(routine)
    carried = None if log is None else log.attrs.get("routine")
    chosen = routine if routine is not None else carried
    chosen = chosen if chosen is not None else load_routine()
    if log is not None and chosen is not carried:  # the log was read with its own routine
        _check_log_matches(chosen, log, carried)
    return chosen


def load_program(path: str | PathLike | None = None) -> Routine:
    """Deprecated alias of :func:`load_routine` (the routine was called a program before).

    >>> import warnings
    >>> with warnings.catch_warnings(record=True) as caught:
    ...     warnings.simplefilter("always")
    ...     same = load_program().name == load_routine().name
    >>> same, caught[0].category.__name__
    (True, 'DeprecationWarning')
    """
    _warn_renamed("load_program", "load_routine")
    return load_routine(path)


def deprecated_program(routine, program, stacklevel: int = 4):
    """``routine``, or the deprecated ``program=`` given instead (with a DeprecationWarning).

    Every public function that takes ``routine=`` still takes ``program=``, its old name.
    ``stacklevel`` is the warning's (4: the caller of the public function that calls this).

    >>> deprecated_program("mine.toml", None)
    'mine.toml'
    """
    if program is None:
        return routine
    if routine is not None:
        raise TypeError("give routine= (program= is its deprecated old name), not both")
    _warn_renamed("program=", "routine=", stacklevel=stacklevel)
    return program


def _warn_renamed(old: str, new: str, stacklevel: int = 3) -> None:
    warnings.warn(
        f"{old} is deprecated: use {new} (the routine was called a program before)",
        DeprecationWarning,
        stacklevel=stacklevel,
    )


# The old names of the routine's classes, still importable with a DeprecationWarning.
_RENAMED = {"Program": "Routine", "ProgramError": "RoutineError"}


def __getattr__(name: str):
    if name in _RENAMED:
        _warn_renamed(name, _RENAMED[name], stacklevel=3)
        return globals()[_RENAMED[name]]
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


def _check_log_matches(routine: Routine, log, carried: Routine | None) -> None:
    if EXERCISE not in getattr(log, "columns", ()):
        return
    exercise = log[EXERCISE]
    if IN_PROGRAM in log.columns:
        exercise = exercise[log[IN_PROGRAM].fillna(False).astype(bool)]
    names = {str(name) for name in exercise.dropna().unique()}
    if IN_PROGRAM in log.columns:
        unknown = sorted(names - set(routine.ids))
    else:  # a table made by hand: refuse only when nothing at all matches
        unknown = sorted(names) if names and not names & set(routine.ids) else []
    if not unknown:
        return
    read_with = (
        f"; the log was read with the routine {carried.name!r} (exercises {', '.join(carried.ids)})"
        if carried is not None
        else ""
    )
    raise RoutineError(
        f"the routine {routine.name!r} (exercises {', '.join(routine.ids)}) does not match "
        f"this log: its exercises {', '.join(map(repr, unknown))} are not in that "
        f"routine{read_with}. Pass the routine the log was read with, or leave routine= out "
        f"to use the log's own."
    )


def _routine_from_dict(data: dict, label: str) -> Routine:
    spec = _Spec(data, label, "")
    raw_exercises = spec.get("exercise", list, required=True)
    if not raw_exercises:
        raise RoutineError(f"{label}: 'exercise': the routine has no exercises")
    if len(raw_exercises) > MOST_EXERCISES:
        raise RoutineError(
            f"{label}: 'exercise': {len(raw_exercises):,} exercises; a routine has at most "
            f"{MOST_EXERCISES} (its charts draw one row per exercise): split it into routines"
        )
    exercises = tuple(
        _exercise_from_dict(_Spec(item, label, f"exercise[{i}]."))
        for i, item in enumerate(raw_exercises)
    )
    seen: set[str] = set()
    for i, exercise in enumerate(exercises):
        if exercise.id in seen:
            raise RoutineError(f"{label}: 'exercise[{i}].id': {exercise.id!r} is used twice")
        seen.add(exercise.id)
    routine = Routine(
        name=spec.get("name", str, required=True),
        exercises=exercises,
        sessions_per_week=spec.required_range("sessions_per_week"),
        session_minutes=_minutes(spec),
        source=spec.get("source", str),
        weeks=_programme_weeks(spec),
    )
    _check_names_unambiguous(routine, label)
    return routine


def _minutes(spec: _Spec) -> float | None:
    value = spec.get("session_minutes", (int, float))
    return None if value is None else spec.number("session_minutes", value)


def _programme_weeks(spec: _Spec) -> int | None:
    weeks = spec.get("weeks", int)
    if weeks is not None and weeks < 1:
        raise spec.error("weeks", f"expected a whole number of weeks >= 1, got {weeks!r}")
    if weeks is not None and weeks > MAX_WEEKS:
        raise spec.error(
            "weeks", f"{weeks} weeks is {weeks // 52:,} years: a typo? (at most {MAX_WEEKS})"
        )
    return weeks


def _exercise_from_dict(spec: _Spec) -> Exercise:
    exercise_id = spec.get("id", str, required=True)
    if not re.fullmatch(r"[a-z][a-z0-9_]*", exercise_id):
        raise spec.error("id", "expected lower-case letters, digits and _ (like 'heel_raises')")
    aliases = spec.get("aliases", list) or []
    if not all(isinstance(a, str) for a in aliases):
        raise spec.error("aliases", "expected a list of names")
    sets = spec.required_range("sets")
    if sets.low != int(sets.low) or sets.low < 1:
        raise spec.error("sets", "expected a whole number of sets, at least 1")
    return Exercise(
        id=exercise_id,
        name=spec.get("name", str, required=True),
        sets=sets,
        per_side=spec.get("per_side", bool) or False,
        aliases=tuple(aliases),
        reps=spec.range("reps"),
        seconds=spec.range("seconds"),
        hold_seconds=spec.range("hold_seconds"),
        rest_seconds=spec.range("rest_seconds"),
        equipment=spec.get("equipment", str),
        description=spec.get("description", str),
    )


def _check_names_unambiguous(routine: Routine, label: str) -> None:
    owner: dict[str, tuple[str, str]] = {}
    for exercise in routine.exercises:
        for name in (exercise.id, exercise.name, *exercise.aliases):
            other_id, other_name = owner.setdefault(name_key(name), (exercise.id, name))
            if other_id != exercise.id:
                raise RoutineError(
                    f"{label}: the name {name!r} of {exercise.id!r} matches {other_name!r} "
                    f"of {other_id!r}; rename one of them"
                )


@dataclass
class _Spec:
    """A TOML table being read, for error messages that name the file and the key."""

    data: dict
    label: str
    prefix: str

    def error(self, key: str, expected: str) -> RoutineError:
        return RoutineError(f"{self.label}: '{self.prefix}{key}': {expected}")

    def get(self, key, types, *, required=False):
        if not isinstance(self.data, dict):
            raise RoutineError(f"{self.label}: '{self.prefix.removesuffix('.')}': expected a table")
        if key not in self.data:
            if required:
                raise self.error(key, "missing (a required key)")
            return None
        value = self.data[key]
        wanted = types if isinstance(types, tuple) else (types,)
        if isinstance(value, bool) and bool not in wanted:
            value = None  # TOML true is not a number here
        if value is None or not isinstance(value, wanted):
            names = " or ".join(t.__name__ for t in wanted)
            raise self.error(key, f"expected {names}, got {self.data[key]!r}")
        return value

    def required_range(self, key: str) -> Range:
        value = self.range(key, required=True)
        assert value is not None  # a missing required key raised
        return value

    def range(self, key: str, *, required: bool = False) -> Range | None:
        value = self.get(key, (int, float, list), required=required)
        if value is None:
            return None
        if isinstance(value, list):
            ok = len(value) == 2 and all(
                isinstance(v, int | float) and not isinstance(v, bool) for v in value
            )
            if not ok:
                raise self.error(key, f"expected a number or [low, high], got {value!r}")
            low, high = (self.number(key, v) for v in value)
            if low > high:
                raise self.error(key, f"expected a number or [low, high], got {value!r}")
        else:
            low = high = self.number(key, value)
        return Range(low, high)

    def number(self, key, value) -> float:
        """``value`` when it is a finite number from 0 to the key's plausible maximum."""
        most = _MOST.get(key, _MOST_DEFAULT)
        if not math.isfinite(value) or not 0 <= value <= most:
            raise self.error(key, f"expected a number from 0 to {most:g}, got {value!r}")
        return value
