"""footstats: is a home-exercise routine being done, and is it working?

Read an exercise-session log (CSV) into a tidy pandas DataFrame, compute weekly
frequency, set completion and pain, and chart and export them.

>>> import footstats
>>> log = footstats.load_sample()
>>> weekly = log.pipe(footstats.weekly_frequency)

Public names are imported lazily, so ``import footstats`` costs little more than
``import pandas`` and matplotlib is only imported when a chart is drawn.
"""

import warnings
from importlib import import_module

__version__ = "0.1.0"

# public name -> module that defines it (one explicit table, no star imports)
_EXPORTS = {
    "Exercise": "routine",
    "Range": "routine",
    "Routine": "routine",
    "load_routine": "routine",
    "FootstatsError": "errors",
    "FootstatsWarning": "errors",
    "LogError": "errors",
    "LogWarning": "errors",
    "RoutineError": "errors",
    "UsageError": "errors",
    "WindowError": "errors",
    "ExportError": "errors",
    "LoadedLog": "reading.log",
    "ReadOptions": "core.options",
    "check_log": "reading.log",
    "load_sample": "reading.log",
    "read_log": "reading.log",
    "validate_log": "reading.log",
    "Append": "writing.append",
    "AppendError": "errors",
    "RowsRefused": "errors",
    "append_rows": "writing.append",
    "plan_append": "writing.append",
    "session_rows": "writing.append",
    "week_so_far": "writing.append",
    "read_logs": "reading.folders",
    "check_logs": "reading.folders",
    "validate_logs": "reading.folders",
    "read_participants": "reading.participants",
    "validate_participants": "reading.participants",
    "cohort_table": "metrics.cohort",
    "study_week_adherence": "metrics.cohort",
    "FollowUp": "metrics.followup",
    "follow_up": "metrics.followup",
    "select_participant": "metrics.followup",
    "window_notices": "metrics.followup",
    "stale_notice": "metrics.followup",
    "session_table": "metrics.tables",
    "weekly_frequency": "metrics.tables",
    "frequency_summary": "metrics.tables",
    "session_sets": "metrics.tables",
    "weekly_sets": "metrics.tables",
    "pain_reports": "metrics.tables",
    "weekly_pain": "metrics.tables",
    "pain_change": "metrics.tables",
    "adherence_vs_pain": "metrics.tables",
    "pain_association": "metrics.tables",
    "summarize": "metrics.tables",
    "headline_table": "metrics.readable",
    "key_figures": "metrics.readable",
    "plot_frequency": "charts.plots",
    "plot_calendar": "charts.plots",
    "plot_completion": "charts.plots",
    "plot_sets": "charts.plots",
    "plot_pain": "charts.plots",
    "plot_adherence_vs_pain": "charts.plots",
    "plot_dashboard": "charts.dashboard",
    "plot_study_weeks": "charts.cohort_plots",
    "plot_adherence_spread": "charts.cohort_plots",
    "plot_pain_waterfall": "charts.cohort_plots",
    "plot_adherence_vs_change": "charts.cohort_plots",
    "export_charts": "report.write",
    "export_report": "report.write",
    "export_tables": "report.write",
    "write_report": "report.write",
}

__all__ = ["__version__", *sorted(_EXPORTS)]

# Old names, still importable with a DeprecationWarning (not in __all__): the routine was
# called a program before.
_RENAMED = {"Program": "Routine", "ProgramError": "RoutineError", "load_program": "load_routine"}


def __getattr__(name: str) -> object:
    if name in _RENAMED:
        new = _RENAMED[name]
        warnings.warn(
            f"footstats.{name} is deprecated: use footstats.{new} (the routine was called a "
            "program before)",
            DeprecationWarning,
            stacklevel=2,
        )
        return __getattr__(new)
    try:
        module = _EXPORTS[name]
    except KeyError:
        raise AttributeError(f"module 'footstats' has no attribute {name!r}") from None
    value = getattr(import_module(f".{module}", __name__), name)
    globals()[name] = value
    return value


def __dir__() -> list[str]:
    return __all__
