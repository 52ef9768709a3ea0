"""footstats.ReadOptions: one typed object for the reading options, made once at the edge."""

from __future__ import annotations

import dataclasses
import pickle
import warnings
from datetime import date
from io import BytesIO
from pathlib import Path

import pytest

import footstats
from footstats.core.options import ReadOptions, read_options

DAY_FIRST_LOG = b"date,exercise,sets\n02/03/2026,Heel raises,2\n"
ROUTINE = Path(__file__).parents[2] / "footstats" / "data" / "foot_routine.toml"


def buffer() -> BytesIO:
    return BytesIO(DAY_FIRST_LOG)


def test_read_options_is_public_frozen_and_defaults_to_reading_as_written():
    assert footstats.ReadOptions is ReadOptions
    options = ReadOptions()
    assert (options.routine, options.dayfirst, options.format, options.habit) == (
        None,
        False,
        None,
        None,
    )
    with pytest.raises(dataclasses.FrozenInstanceError):
        options.dayfirst = True  # type: ignore[misc]


def test_options_and_keywords_read_alike():
    by_keywords = footstats.read_log(buffer(), dayfirst=True)
    by_options = footstats.read_log(buffer(), options=ReadOptions(dayfirst=True))
    assert by_keywords["date"].tolist() == by_options["date"].tolist()
    assert by_options["date"].iloc[0].date() == date(2026, 3, 2)  # 2 March: day first


@pytest.mark.parametrize(
    "read",
    [
        footstats.read_log,
        footstats.validate_log,
        footstats.check_log,
        footstats.read_logs,
        footstats.validate_logs,
        footstats.check_logs,
    ],
)
def test_options_and_loose_keywords_together_are_an_error_naming_both(read):
    name = read.__name__
    with pytest.raises(TypeError) as caught:
        read("log.csv", options=ReadOptions(), dayfirst=True, habit="Feet")
    assert str(caught.value) == (
        f"{name}(): give options= or dayfirst=, habit=, not both (a ReadOptions holds every "
        "reading option: ReadOptions(dayfirst=..., habit=...))"
    )


def test_an_unknown_keyword_is_refused_as_python_refuses_it():
    with pytest.raises(
        TypeError, match=r"^read_log\(\) got an unexpected keyword argument 'dayfrist'$"
    ):
        footstats.read_log(buffer(), dayfrist=True)


def test_a_routine_path_is_loaded_once_when_the_options_are_made():
    options = ReadOptions(routine=str(ROUTINE))
    assert isinstance(options.routine, footstats.Routine)
    assert options.routine.ids == footstats.load_routine().ids


def test_the_exercise_map_is_copied():
    names = {"Calf raise": "heel_raises"}
    options = ReadOptions(exercise_map=names)
    names["Toe walk"] = "toe_walking"
    assert options.exercise_map == {"Calf raise": "heel_raises"}


def test_options_travel_to_other_processes():
    options = ReadOptions(routine=footstats.load_routine(), dayfirst=True, exercise_map={"a": "b"})
    assert pickle.loads(pickle.dumps(options)) == options


def test_program_is_still_the_deprecated_name_of_routine_and_warns_at_the_callers_line():
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        log = footstats.read_log(buffer(), dayfirst=True, program=footstats.load_routine())
    assert len(log) == 1
    (warning,) = caught
    assert warning.category is DeprecationWarning
    assert "program= is deprecated: use routine=" in str(warning.message)
    assert warning.filename == __file__
    with pytest.raises(TypeError, match="give routine= .* not both"):
        read_options(None, {"routine": ROUTINE, "program": ROUTINE}, caller="read_log")
