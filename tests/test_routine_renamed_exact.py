"""The routine's old names (``load_program``, ``Program``, ``ProgramError``): each still works,
with a DeprecationWarning that names the new name (for ``make mutate``: these had no
focused test).

Left alive: the warnings' ``stacklevel`` (3 -> 2 or 4). Under mutmut every mutated function
is called through its trampoline, one frame more, so no test run by mutmut can check which
line a warning points at.
"""

from __future__ import annotations

import warnings

import footstats.routine as routine_module
from footstats.routine import Routine, RoutineError, load_program, load_routine


def test_load_program_warns_and_loads_the_routine():
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        loaded = load_program()
    assert loaded == load_routine()
    assert len(caught) == 1
    warning = caught[0]
    assert warning.category is DeprecationWarning
    assert str(warning.message) == (
        "load_program is deprecated: use load_routine (the routine was called a program before)"
    )


def test_load_program_takes_a_path(tmp_path):
    path = tmp_path / "mine.toml"
    path.write_text(
        'name = "Mine"\nsessions_per_week = 2\nsession_minutes = 10\n\n'
        '[[exercise]]\nid = "hop"\nname = "Hop"\nsets = 2\n',
        encoding="utf-8",
    )
    with warnings.catch_warnings(record=True):
        warnings.simplefilter("always")
        assert load_program(path) == load_routine(path)
        assert load_program(path).name == "Mine"


def test_old_class_names_warn():
    for old, new, cls in (
        ("Program", "Routine", Routine),
        ("ProgramError", "RoutineError", RoutineError),
    ):
        with warnings.catch_warnings(record=True) as caught:
            warnings.simplefilter("always")
            got = getattr(routine_module, old)
        assert got is cls
        assert [str(w.message) for w in caught] == [
            f"{old} is deprecated: use {new} (the routine was called a program before)"
        ]
        assert caught[0].category is DeprecationWarning


def test_other_names_are_attribute_errors():
    try:
        routine_module.Nothing  # noqa: B018
    except AttributeError as exc:
        assert str(exc) == "module 'footstats.routine' has no attribute 'Nothing'"
    else:
        raise AssertionError("no AttributeError")
