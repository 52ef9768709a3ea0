"""Exact tests of footstats.routine: whole messages, whole objects, both sides of each limit.

They complement tests/test_routine.py so that a changed message, a dropped key or a moved
limit fails a test (``make mutate``). No mutant is left alive (506 of 506 killed on
2026-12-02); these lines are not mutated
(``read_text("utf-8")`` in ``do_not_mutate_patterns`` of pyproject.toml, the format with
``# pragma: no mutate``), as their mutants are equivalent:

- ``read_text("utf-8")`` mutated to ``read_text(None)`` or ``read_text("UTF-8")`` (both in
  ``load_routine``): the same codec on a machine with a UTF-8 locale, where the tests run.
- ``"{:g}"`` mutated to ``"{:G}"`` in ``Range.__str__``: the two differ only in exponents and
  in inf/nan (``1E+06``, ``INF``), which no routine count or length reaches.

``suggest`` no longer passes ``n=1`` to ``get_close_matches`` (it takes the best match,
``close[0]``, whatever the number asked for), and ``_Spec.get`` removes the prefix's final
dot with ``removesuffix`` rather than ``rstrip`` (whose ``rstrip('XX.XX')`` mutant was
equivalent).

``_warn_renamed``'s ``stacklevel`` (its default and its passing on) cannot be tested under
mutmut, whose trampoline adds a frame to every call: ``make test`` checks the line the
warning points at (``test_load_program_warns_at_the_line_that_calls_it``, left out of the
mutant runs, as is the ``stacklevel=3`` of the module's ``__getattr__``).
"""

from __future__ import annotations

import dataclasses
from pathlib import Path

import pandas as pd
import pytest

from footstats.routine import (
    Exercise,
    Range,
    Routine,
    RoutineError,
    load_routine,
    name_key,
    resolve_routine,
)

FULL = """\
name = "Knee rehab"
sessions_per_week = [0, 2.5]
session_minutes = 15
source = "Dr. Example's handout"

[[exercise]]
id = "wall_sit"
name = "Wall sit"
aliases = ["Wall squat"]
sets = [1, 1]
seconds = 30
hold_seconds = [2, 3]
rest_seconds = 45
equipment = "a wall"
description = "Back on the wall, knees at 90 degrees."

[[exercise]]
id = "step_ups"
name = "Step ups"
sets = [2, 2]
reps = [8, 12]
per_side = true
"""


def write(tmp_path: Path, text: str) -> Path:
    path = tmp_path / "routine.toml"
    path.write_text(text, encoding="utf-8")
    return path


def error_of(tmp_path: Path, text: str) -> str:
    path = write(tmp_path, text)
    with pytest.raises(RoutineError) as caught:
        load_routine(path)
    return str(caught.value).replace(str(path), "FILE")


def test_the_packaged_routine_names_its_source():
    assert load_routine().source.startswith("Foot exercises for back, hip and knee pain")


@pytest.fixture
def full(tmp_path) -> Routine:
    return load_routine(write(tmp_path, FULL))


def test_full_routine_equals_the_hand_built_program(full):
    # every optional key is read; a minimum of 0 sessions a week and a fractional maximum
    # are allowed; [2, 2] is a range of one
    wall_sit, step_ups = full.exercises
    assert wall_sit == Exercise(
        id="wall_sit",
        name="Wall sit",
        sets=Range(1, 1),
        aliases=("Wall squat",),
        seconds=Range(30, 30),
        hold_seconds=Range(2, 3),
        rest_seconds=Range(45, 45),
        equipment="a wall",
        description="Back on the wall, knees at 90 degrees.",
    )
    assert step_ups == Exercise(
        id="step_ups", name="Step ups", sets=Range(2, 2), per_side=True, reps=Range(8, 12)
    )
    assert full == Routine(
        name="Knee rehab",
        exercises=(wall_sit, step_ups),
        sessions_per_week=Range(0, 2.5),
        session_minutes=15,
        source="Dr. Example's handout",
    )


def test_doses_in_words(full):
    # one set is "set"; a hold is added after the reps or seconds
    assert full["wall_sit"].dose() == "1 set x 30 s, 2-3 s hold"
    assert full["step_ups"].dose() == "2 sets x 8-12 reps, each side"
    one_or_two = Exercise(id="a", name="A", sets=Range(1, 2), reps=Range(10, 10))
    assert one_or_two.dose() == "1-2 sets x 10 reps"
    assert str(Range(0.5, 1.5)) == "0.5-1.5"


def test_an_unknown_exercise_id_is_named_in_the_key_error(full):
    with pytest.raises(KeyError) as caught:
        full["plank"]
    assert caught.value.args == ("plank",)


def test_name_key_drops_one_trailing_s_from_two_letters_on():
    assert name_key("Ts") == "t"
    assert name_key("s") == "s"


def test_suggest_ignores_equipment_in_brackets_and_needs_three_quarters_alike():
    routine = load_routine()
    # "heelrai" is close to "heelraise" (ratio 2 x 7 / 16 = 0.875); "heelrai(dumbbell)" is
    # not (2 x 7 / 26 = 0.54), nor is the bracket replaced by anything ("heelraixxxx": 0.7)
    assert routine.suggest("Heel rai (Dumbbell)") == "Heel raises"
    # "heelr" against "heelraise": ratio 2 x 5 / 14 = 0.71, under the 0.75 cutoff
    assert routine.suggest("heelr") is None


@pytest.mark.parametrize(
    ("old", "new", "message"),
    [
        ('name = "Knee rehab"\n', "", "FILE: 'name': missing (a required key)"),
        ('name = "Knee rehab"\n', "name = true\n", "FILE: 'name': expected str, got True"),
        (
            "sessions_per_week = [0, 2.5]\n",
            'sessions_per_week = "2"\n',
            "FILE: 'sessions_per_week': expected int or float or list, got '2'",
        ),
        (
            "sessions_per_week = [0, 2.5]\n",
            "sessions_per_week = -1\n",
            "FILE: 'sessions_per_week': expected a number from 0 to 70, got -1",
        ),
        (
            "sessions_per_week = [0, 2.5]\n",
            "sessions_per_week = [3, 2]\n",
            "FILE: 'sessions_per_week': expected a number or [low, high], got [3, 2]",
        ),
        (
            "sessions_per_week = [0, 2.5]\n",
            'sessions_per_week = ["two", 3]\n',
            "FILE: 'sessions_per_week': expected a number or [low, high], got ['two', 3]",
        ),
        (
            "sets = [2, 2]\n",
            "sets = nan\n",
            "FILE: 'exercise[1].sets': expected a number from 0 to 100, got nan",
        ),
        (
            "sets = [2, 2]\n",
            "sets = inf\n",
            "FILE: 'exercise[1].sets': expected a number from 0 to 100, got inf",
        ),
        (
            "sessions_per_week = [0, 2.5]\n",
            "sessions_per_week = [2, inf]\n",
            "FILE: 'sessions_per_week': expected a number from 0 to 70, got inf",
        ),
        (
            'id = "wall_sit"\n',
            'id = "Wall Sit"\n',
            "FILE: 'exercise[0].id': expected lower-case letters, digits and _ "
            "(like 'heel_raises')",
        ),
        (
            'aliases = ["Wall squat"]\n',
            "aliases = [1]\n",
            "FILE: 'exercise[0].aliases': expected a list of names",
        ),
        (
            "sets = [2, 2]\n",
            "sets = 1.5\n",
            "FILE: 'exercise[1].sets': expected a whole number of sets, at least 1",
        ),
        (
            'id = "step_ups"\n',
            'id = "wall_sit"\n',
            "FILE: 'exercise[1].id': 'wall_sit' is used twice",
        ),
        (
            'aliases = ["Wall squat"]\n',
            'aliases = ["Step up"]\n',
            "FILE: the name 'step_ups' of 'step_ups' matches 'Step up' of 'wall_sit'; "
            "rename one of them",
        ),
    ],
)
def test_whole_error_messages(tmp_path, old, new, message):
    assert old in FULL
    assert error_of(tmp_path, FULL.replace(old, new, 1)) == message


def test_whole_error_messages_about_the_exercise_list(tmp_path):
    head = 'name = "x"\nsessions_per_week = 2\n'
    assert error_of(tmp_path, head) == "FILE: 'exercise': missing (a required key)"
    assert error_of(tmp_path, head + "exercise = []\n") == (
        "FILE: 'exercise': the routine has no exercises"
    )
    assert error_of(tmp_path, head + "exercise = [1]\n") == "FILE: 'exercise[0]': expected a table"


def test_values_nested_too_deeply_are_refused_with_a_message(tmp_path):
    # 5000 nested arrays: tomllib reads them recursively and gives up with a
    # RecursionError (Python's default limit is 1000 frames), not a TOML error
    deep = "x = " + "[" * 5000 + "]" * 5000 + "\n"
    assert error_of(tmp_path, deep) == "FILE: not a routine: its values are nested too deeply"


def test_unreadable_files_name_the_file_first(tmp_path):
    assert error_of(tmp_path, "name = \n").startswith("FILE: not valid TOML: ")
    missing = tmp_path / "nope.toml"
    with pytest.raises(RoutineError) as caught:
        load_routine(missing)
    assert str(caught.value).startswith(f"{missing}: cannot read the routine file: ")


# -- resolve_routine: which logs it checks against the routine --------------------------------
def _table(exercises, in_program=None):
    columns = {"exercise": pd.Series(exercises, dtype="string")}
    if in_program is not None:
        columns["in_program"] = pd.array(in_program, dtype="boolean")
    return pd.DataFrame(columns)


def test_a_log_read_with_a_routine_is_checked_on_its_matched_exercises_only():
    routine = load_routine()
    # "Plank" was matched (True): refused; "Jumping jacks" was not (False) and the blank
    # flag (<NA>) is not a match either: both are left alone
    with pytest.raises(ValueError, match=r"its exercises 'Plank' are not in that routine\."):
        resolve_routine(routine, _table(["Plank", "Jumping jacks"], [True, False]))
    assert resolve_routine(routine, _table(["Plank", "Jumping jacks"], [None, False])) is routine


def test_a_table_made_by_hand_is_refused_only_when_no_exercise_matches():
    routine = load_routine()
    # no in_program column: refused when none of its exercises is in the routine, naming
    # them sorted; one routine exercise among them is enough
    with pytest.raises(ValueError, match=r"its exercises 'Plank', 'Squat' are not in that"):
        resolve_routine(routine, _table(["Squat", "Plank", "Squat"]))
    assert resolve_routine(routine, _table(["Squat", "toe_walking"])) is routine
    assert resolve_routine(routine, _table([None])) is routine  # no exercise at all


def test_something_without_columns_is_not_checked():
    routine = load_routine()
    assert resolve_routine(routine, pd.Series(["Plank"])) is routine


def test_the_whole_message_names_both_routines():
    routine = load_routine()
    both = (routine["toe_walking"], routine["heel_raises"])
    walking = dataclasses.replace(routine, name="Walking", exercises=both)
    log = _table(["Plank", "toe_curls"], [True, True])
    ids = "toe_walking, heel_raises, tibialis_anterior, ankle_circles, toe_curls"
    advice = " Pass the routine the log was read with, or leave routine= out to use the log's own."
    with pytest.raises(ValueError) as caught:
        resolve_routine(walking, log)
    assert str(caught.value) == (
        "the routine 'Walking' (exercises toe_walking, heel_raises) does not match this log: "
        "its exercises "
        "'Plank', 'toe_curls' are not in that routine." + advice
    )
    log.attrs["routine"] = routine
    with pytest.raises(ValueError) as caught:
        resolve_routine(walking, log)
    assert str(caught.value) == (
        "the routine 'Walking' (exercises toe_walking, heel_raises) does not match this log: "
        "its exercises "
        "'Plank', 'toe_curls' are not in that routine; the log was read with the routine "
        f"'Foot routine for back, hip and knee pain' (exercises {ids})." + advice
    )


@pytest.mark.parametrize(
    ("new", "message"),
    [
        # a session of a day is the most: 1441 minutes is not plausible
        (
            "session_minutes = 1441\n",
            "FILE: 'session_minutes': expected a number from 0 to 1440, got 1441",
        ),
        (
            "session_minutes = 15\nweeks = 0\n",
            "FILE: 'weeks': expected a whole number of weeks >= 1, got 0",
        ),
        ("session_minutes = 15\nweeks = 2.5\n", "FILE: 'weeks': expected int, got 2.5"),
    ],
)
def test_session_minutes_and_weeks_messages(tmp_path, new, message):
    assert error_of(tmp_path, FULL.replace("session_minutes = 15\n", new)) == message


def test_the_routines_weeks_and_minutes_are_read(tmp_path):
    # both sides of the limits: 1440 minutes and 1 week are accepted
    text = FULL.replace("session_minutes = 15\n", "session_minutes = 1440\nweeks = 1\n")
    routine = load_routine(write(tmp_path, text))
    assert (routine.session_minutes, routine.weeks) == (1440, 1)


def test_resolve_program_loads_a_routine_given_by_its_path(tmp_path):
    path = write(tmp_path, FULL)
    assert resolve_routine(str(path)).name == "Knee rehab"
    assert resolve_routine(path, _table(["wall_sit"], [True])).ids == ("wall_sit", "step_ups")


def test_resolve_program_without_a_routine_takes_the_logs_own_else_the_default():
    routine = load_routine()
    walking = dataclasses.replace(routine, name="Walking", exercises=(routine["toe_walking"],))
    log = _table(["toe_walking"], [True])
    # no routine carried: the packaged one (the log's toe_walking is in it)
    assert resolve_routine(None, log) == routine
    assert resolve_routine() == routine
    # the routine the log was read with, not the packaged one
    log.attrs["routine"] = walking
    assert resolve_routine(None, log) is walking
    # a routine given wins over the log's own
    assert resolve_routine(routine, log) is routine


def test_load_program_warns_at_the_line_that_calls_it():
    import warnings

    from footstats.routine import load_program

    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        routine = load_program()  # stacklevel 3: _warn_renamed, load_program, this line
    assert [(w.category, w.filename) for w in caught] == [(DeprecationWarning, __file__)]
    assert str(caught[0].message) == (
        "load_program is deprecated: use load_routine (the routine was called a program before)"
    )
    assert routine.name == load_routine().name
