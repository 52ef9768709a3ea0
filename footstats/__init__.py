"""footstats: is a home-exercise routine being done, and is it working?

Read an exercise-session log (CSV) into a tidy pandas DataFrame, compute weekly
frequency, set completion and pain, and chart and export them.

>>> import footstats
>>> log = footstats.load_sample()
>>> weekly = log.pipe(footstats.weekly_frequency)

Public names are imported lazily, so ``import footstats`` costs little more than
``import pandas`` and matplotlib is only imported when a chart is drawn.
"""

from importlib import import_module

__version__ = "0.1.0"

# public name -> module that defines it (one explicit table, no star imports)
_EXPORTS = {
    "Exercise": "program",
    "Program": "program",
    "ProgramError": "program",
    "Range": "program",
    "load_program": "program",
    "LogError": "log",
    "LoadedLog": "log",
    "check_log": "log",
    "load_sample": "log",
    "read_log": "log",
    "validate_log": "log",
    "Append": "append",
    "AppendError": "append",
    "RowsRefused": "append",
    "append_rows": "append",
    "plan_append": "append",
    "session_rows": "append",
    "week_so_far": "append",
    "read_logs": "folders",
    "check_logs": "folders",
    "validate_logs": "folders",
    "select_participant": "participants",
    "read_participants": "participants",
    "validate_participants": "participants",
    "cohort_table": "cohort",
    "study_week_adherence": "cohort",
    "follow_up": "metrics",
    "window_notices": "metrics",
    "stale_notice": "metrics",
    "session_table": "metrics",
    "weekly_frequency": "metrics",
    "frequency_summary": "metrics",
    "session_sets": "metrics",
    "weekly_sets": "metrics",
    "pain_reports": "metrics",
    "weekly_pain": "metrics",
    "pain_change": "metrics",
    "adherence_vs_pain": "metrics",
    "pain_association": "metrics",
    "summarize": "metrics",
    "headline_table": "readable",
    "key_figures": "readable",
    "plot_frequency": "plots",
    "plot_calendar": "plots",
    "plot_completion": "plots",
    "plot_sets": "plots",
    "plot_pain": "plots",
    "plot_adherence_vs_pain": "plots",
    "plot_dashboard": "plots",
    "plot_study_weeks": "cohort_plots",
    "plot_adherence_spread": "cohort_plots",
    "plot_pain_waterfall": "cohort_plots",
    "plot_adherence_vs_change": "cohort_plots",
    "export_charts": "report",
    "export_report": "report",
    "export_tables": "report",
    "write_report": "report",
}

__all__ = ["__version__", *sorted(_EXPORTS)]


def __getattr__(name: str):
    try:
        module = _EXPORTS[name]
    except KeyError:
        raise AttributeError(f"module 'footstats' has no attribute {name!r}") from None
    value = getattr(import_module(f".{module}", __name__), name)
    globals()[name] = value
    return value


def __dir__():
    return __all__
