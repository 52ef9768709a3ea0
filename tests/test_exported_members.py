"""The public surface of footstats, pinned: every exported name, documented and annotated.

A name added to or removed from ``footstats.__all__`` is a change of the public API and
must be made here on purpose (as httpx's tests/test_exported_members.py does). Every
exported function and class says what it takes (a ``Parameters`` section; ``Attributes``
for a record) and shows it (``Examples``); every parameter and every return is annotated.
"""

from __future__ import annotations

import inspect
import warnings

import pytest

import footstats

EXPORTED = [
    "__version__",
    "Append",
    "AppendError",
    "Exercise",
    "ExportError",
    "FollowUp",
    "FootstatsError",
    "FootstatsWarning",
    "LoadedLog",
    "LogError",
    "LogWarning",
    "Range",
    "ReadOptions",
    "Routine",
    "RoutineError",
    "RowsRefused",
    "UsageError",
    "WindowError",
    "adherence_vs_pain",
    "append_rows",
    "check_log",
    "check_logs",
    "cohort_table",
    "export_charts",
    "export_report",
    "export_tables",
    "follow_up",
    "frequency_summary",
    "headline_table",
    "key_figures",
    "load_routine",
    "load_sample",
    "pain_association",
    "pain_change",
    "pain_reports",
    "plan_append",
    "plot_adherence_spread",
    "plot_adherence_vs_change",
    "plot_adherence_vs_pain",
    "plot_calendar",
    "plot_completion",
    "plot_dashboard",
    "plot_frequency",
    "plot_pain",
    "plot_pain_waterfall",
    "plot_sets",
    "plot_study_weeks",
    "read_log",
    "read_logs",
    "read_participants",
    "select_participant",
    "session_rows",
    "session_sets",
    "session_table",
    "stale_notice",
    "study_week_adherence",
    "summarize",
    "validate_log",
    "validate_logs",
    "validate_participants",
    "week_so_far",
    "weekly_frequency",
    "weekly_pain",
    "weekly_sets",
    "window_notices",
    "write_report",
]
PUBLIC = [name for name in EXPORTED if name != "__version__"]


def test_all_is_pinned():
    assert footstats.__all__ == EXPORTED
    assert dir(footstats) == sorted(EXPORTED)
    assert sorted(PUBLIC) == PUBLIC


@pytest.mark.parametrize("name", PUBLIC)
def test_every_exported_name_is_documented_with_parameters_and_examples(name):
    value = getattr(footstats, name)
    doc = inspect.getdoc(value) or ""
    assert doc, name
    if isinstance(value, type) and issubclass(value, Exception | Warning):
        # one hierarchy, each class saying when it is raised (footstats.errors)
        assert issubclass(value, footstats.FootstatsError | footstats.FootstatsWarning)
        return
    sections = ("Parameters", "Attributes") if isinstance(value, type) else ("Parameters",)
    assert any(f"{section}\n---" in doc for section in sections), name
    assert ">>> " in doc, name  # an example, run by the doctests


@pytest.mark.parametrize("name", PUBLIC)
def test_every_exported_function_is_annotated(name):
    value = getattr(footstats, name)
    if isinstance(value, type):
        return  # dataclasses: their fields are annotated by construction
    signature = inspect.signature(value)
    missing = [p.name for p in signature.parameters.values() if p.annotation is p.empty]
    assert missing == [], name
    assert signature.return_annotation is not signature.empty, name


def test_old_names_still_work_and_warn():
    with pytest.warns(DeprecationWarning, match="use footstats.Routine"):
        assert footstats.Program is footstats.Routine
    with pytest.warns(DeprecationWarning, match="use footstats.RoutineError"):
        assert footstats.ProgramError is footstats.RoutineError
    with pytest.warns(DeprecationWarning, match="use footstats.load_routine"):
        routine = footstats.load_program()
    assert routine == footstats.load_routine()
    with pytest.warns(DeprecationWarning, match="program= is deprecated: use routine="):
        weekly = footstats.weekly_frequency(footstats.load_sample(), program=routine)
    assert weekly.equals(footstats.weekly_frequency(footstats.load_sample(), routine=routine))
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        footstats.weekly_frequency(footstats.load_sample(), routine=routine)  # no warning


def test_every_error_is_a_footstats_error():
    for name in PUBLIC:
        value = getattr(footstats, name)
        if (
            isinstance(value, type)
            and issubclass(value, Exception)
            and not issubclass(value, Warning)
        ):
            assert issubclass(value, footstats.FootstatsError), name
    assert issubclass(footstats.LogError, ValueError)  # code catching ValueError still works
    assert issubclass(footstats.ExportError, OSError)
