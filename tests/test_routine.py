"""Tests of footstats.routine: the routine model and its TOML files."""

from __future__ import annotations

import dataclasses
import re
from pathlib import Path

import pytest

import footstats
from footstats.routine import Exercise, Range, Routine, RoutineError, load_routine, name_key

IDS = ("toe_walking", "heel_raises", "tibialis_anterior", "ankle_circles", "toe_curls")


@pytest.fixture(scope="module")
def routine() -> Routine:
    return load_routine()


# -- the packaged foot routine ------------------------------------------------------------
def test_packaged_routine_has_the_five_exercises_in_order(routine):
    assert routine.ids == IDS
    assert [e.name for e in routine.exercises] == [
        "Toe walking",
        "Heel raises",
        "Tibialis anterior",
        "Ankle circles",
        "Curl the toes",
    ]


def test_packaged_routine_sessions_and_length(routine):
    assert (routine.sessions_per_week.low, routine.sessions_per_week.high) == (2, 3)
    assert routine.session_minutes == 20


@pytest.mark.parametrize(
    ("exercise_id", "prescribed", "per_side"),
    [
        ("toe_walking", 6, False),  # once + 5 repeats
        ("heel_raises", 2, True),  # 2-3 sets: the low end
        ("tibialis_anterior", 1, True),
        ("ankle_circles", 5, True),
        ("toe_curls", 10, False),  # 5 each direction
    ],
)
def test_packaged_prescription(routine, exercise_id, prescribed, per_side):
    exercise = routine[exercise_id]
    assert exercise.prescribed_sets == prescribed
    assert isinstance(exercise.prescribed_sets, int)
    assert exercise.per_side is per_side


def test_packaged_doses(routine):
    assert routine["heel_raises"].sets == Range(2, 3)
    assert routine["heel_raises"].reps == Range(10, 20)
    assert routine["toe_walking"].seconds == Range(60, 60)
    assert routine["toe_walking"].rest_seconds == Range(15, 15)
    assert routine["tibialis_anterior"].reps == Range(10, 10)
    assert routine["tibialis_anterior"].hold_seconds == Range(2, 2)
    assert routine["tibialis_anterior"].equipment == "exercise band"
    assert routine["ankle_circles"].reps == Range(5, 10)
    assert routine["toe_curls"].reps == Range(5, 10)


def test_dose_in_words(routine):
    assert routine["heel_raises"].dose() == "2-3 sets x 10-20 reps, each side"
    assert routine["toe_walking"].dose() == "6 sets x 60 s"


def test_unknown_id_is_a_key_error(routine):
    with pytest.raises(KeyError):
        routine["plank"]


def test_load_program_is_public():
    assert footstats.load_routine is load_routine
    assert footstats.Routine is Routine and footstats.RoutineError is RoutineError


@pytest.mark.parametrize(
    ("written", "exercise_id"),
    [
        ("Tibias Anterior", "tibialis_anterior"),
        ("tibias-anterior", "tibialis_anterior"),
        ("Toe curls", "toe_curls"),
        ("TOE CURL", "toe_curls"),
        ("Curl the toes", "toe_curls"),
        ("towel grab", "toe_curls"),
        ("Heel-Raises", "heel_raises"),
        ("heel raise", "heel_raises"),
        ("HEEL_RAISES", "heel_raises"),
        ("calf raises", "heel_raises"),
        ("Ankle rotations", "ankle_circles"),
        ("tiptoe walking", "toe_walking"),
        ("toe_walking", "toe_walking"),
    ],
)
def test_names_and_aliases_match(routine, written, exercise_id):
    assert routine.match(written) == exercise_id


@pytest.mark.parametrize("written", ["Heel raisess", "plank", "", "heel"])
def test_other_names_do_not_match(routine, written):
    assert routine.match(written) is None


def test_suggest_for_a_near_miss(routine):
    assert routine.suggest("Heel rises") == "Heel raises"
    assert routine.suggest("zzzz") is None


def test_name_key():
    assert name_key("Heel-Raises") == name_key("heel raise") == name_key("HEEL_RAISES")
    assert name_key("  Toe   walking ") == "toewalking"
    assert name_key("heel raisess") == "heelraises"  # only one trailing s goes
    assert name_key("s") == "s"


def test_no_two_exercises_share_a_name_key(routine):
    owners = {}
    for exercise in routine.exercises:
        for label in (exercise.id, exercise.name, *exercise.aliases):
            assert owners.setdefault(name_key(label), exercise.id) == exercise.id


# -- immutability -------------------------------------------------------------------------
def test_program_objects_are_immutable(routine):
    with pytest.raises(dataclasses.FrozenInstanceError):
        routine.name = "other"
    with pytest.raises(dataclasses.FrozenInstanceError):
        routine.exercises[0].per_side = True
    with pytest.raises(dataclasses.FrozenInstanceError):
        routine.sessions_per_week.low = 1
    assert isinstance(routine.exercises, tuple)
    assert all(isinstance(e.aliases, tuple) for e in routine.exercises)
    assert hash(routine.exercises[0]) == hash(routine.exercises[0])


def test_each_load_is_equal_but_independent():
    assert load_routine() == load_routine()


# -- a user's routine file ----------------------------------------------------------------
MINE = """\
name = "Knee rehab"
sessions_per_week = [3, 5]
session_minutes = 15.5

[[exercise]]
id = "wall_sit"
name = "Wall sit"
aliases = ["Wall squat"]
sets = [3, 4]
seconds = 30
per_side = false

[[exercise]]
id = "step_ups"
name = "Step ups"
sets = 2
reps = [8, 12]
per_side = true
"""


def write(tmp_path: Path, text: str, name: str = "mine.toml") -> Path:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


def test_user_routine_loads(tmp_path):
    routine = load_routine(write(tmp_path, MINE))
    assert routine.name == "Knee rehab"
    assert routine.ids == ("wall_sit", "step_ups")
    assert (routine.sessions_per_week.low, routine.sessions_per_week.high) == (3, 5)
    assert routine.session_minutes == 15.5
    assert routine["wall_sit"].prescribed_sets == 3
    assert routine["wall_sit"].seconds == Range(30, 30)
    assert routine["step_ups"].per_side and routine["step_ups"].reps == Range(8, 12)
    assert routine.match("wall squats") == "wall_sit"
    assert load_routine(str(write(tmp_path, MINE))) == routine


def test_optional_keys_default(tmp_path):
    routine = load_routine(
        write(
            tmp_path,
            'name = "x"\nsessions_per_week = 2\n[[exercise]]\nid = "a"\nname = "A"\nsets = 1\n',
        )
    )
    exercise = routine["a"]
    assert exercise == Exercise(id="a", name="A", sets=Range(1, 1))
    assert routine.sessions_per_week == Range(2, 2) and routine.session_minutes is None


# -- broken routine files: RoutineError naming the file and the key -----------------------
def broken(tmp_path, text) -> str:
    path = write(tmp_path, text, "broken.toml")
    with pytest.raises(RoutineError) as caught:
        load_routine(path)
    message = str(caught.value)
    assert str(path) in message
    return message


@pytest.mark.parametrize(
    ("old", "new", "key"),
    [
        ('name = "Knee rehab"\n', "", "name"),
        ("sessions_per_week = [3, 5]\n", "", "sessions_per_week"),
        ('id = "step_ups"\n', "", "exercise[1].id"),
        ('name = "Wall sit"\n', "", "exercise[0].name"),
        ("sets = 2\n", "", "exercise[1].sets"),
    ],
)
def test_missing_key(tmp_path, old, new, key):
    message = broken(tmp_path, MINE.replace(old, new, 1))
    assert key in message and "missing" in message


@pytest.mark.parametrize(
    ("old", "new", "key"),
    [
        ("sets = 2\n", 'sets = "two"\n', "exercise[1].sets"),
        ("sets = 2\n", "sets = 1.5\n", "exercise[1].sets"),
        ("sets = 2\n", "sets = 0\n", "exercise[1].sets"),
        ("sets = 2\n", "sets = [3, 2]\n", "exercise[1].sets"),
        ("sets = 2\n", "sets = true\n", "exercise[1].sets"),
        ("reps = [8, 12]\n", "reps = [8, 12, 16]\n", "exercise[1].reps"),
        ("reps = [8, 12]\n", "reps = -8\n", "exercise[1].reps"),
        ("per_side = true\n", 'per_side = "yes"\n', "exercise[1].per_side"),
        ('aliases = ["Wall squat"]\n', 'aliases = "Wall squat"\n', "exercise[0].aliases"),
        ('aliases = ["Wall squat"]\n', "aliases = [1]\n", "exercise[0].aliases"),
        ('id = "wall_sit"\n', 'id = "Wall Sit"\n', "exercise[0].id"),
        ("sessions_per_week = [3, 5]\n", 'sessions_per_week = "3"\n', "sessions_per_week"),
        ('name = "Knee rehab"\n', "name = 7\n", "name"),
    ],
)
def test_wrong_type_or_value(tmp_path, old, new, key):
    assert key in broken(tmp_path, MINE.replace(old, new, 1))


def test_not_toml(tmp_path):
    assert "TOML" in broken(tmp_path, "name = \n[[exercise\n")


def test_not_utf8(tmp_path):
    path = tmp_path / "latin.toml"
    path.write_bytes(MINE.replace("Wall sit", "Wall sît").encode("cp1252"))
    with pytest.raises(RoutineError, match="latin.toml"):
        load_routine(path)


def test_missing_file(tmp_path):
    path = tmp_path / "nope.toml"
    with pytest.raises(RoutineError, match="nope.toml"):
        load_routine(path)


def test_folder_instead_of_file(tmp_path):
    with pytest.raises(RoutineError, match=re.escape(str(tmp_path))):
        load_routine(tmp_path)


def test_no_exercises(tmp_path):
    message = broken(tmp_path, 'name = "x"\nsessions_per_week = 2\nexercise = []\n')
    assert "exercise" in message


def test_exercise_not_a_table(tmp_path):
    message = broken(tmp_path, 'name = "x"\nsessions_per_week = 2\nexercise = [1]\n')
    assert "exercise[0]" in message


def test_duplicate_id(tmp_path):
    message = broken(tmp_path, MINE.replace('id = "step_ups"', 'id = "wall_sit"'))
    assert "exercise[1].id" in message and "wall_sit" in message


def test_ambiguous_alias(tmp_path):
    # "Step up" is the name key of the second exercise ("Step ups" minus one trailing s)
    message = broken(tmp_path, MINE.replace('aliases = ["Wall squat"]', 'aliases = ["Step up"]'))
    assert "wall_sit" in message and "step_ups" in message
    # both clashing labels are named, so the user knows which alias to change
    assert "'Step up'" in message and ("'Step ups'" in message or "'step_ups'" in message)


def test_program_error_is_a_value_error():
    assert issubclass(RoutineError, ValueError)
