"""Column names of the tidy log, the problems table and the metric tables, in one place.

The tidy log (what :func:`footstats.read_log` returns) has one row per input row that loaded:

=================  ===============  ==================================================
column             dtype            meaning
=================  ===============  ==================================================
``line``           int64            physical line of the row in its file (1 = header)
``participant``    category         only when the input has participants
``date``           datetime64       date, or date and time, as written
``exercise``       category         routine exercise id; the name as written (stripped)
                                    when it is not in the routine; <NA> for a check-in
``exercise_name``  category         the exercise as written; <NA> for a check-in
``in_program``     bool             the exercise matched the routine
``sets``           Int64            completed sets
``reps``           Int64            reps per set
``seconds``        Float64          seconds per set or hold
``side``           category         left / right / both
``pain_<site>``    Int64            0-10 pain rating, one column per site in the file
``minutes``        Float64          session duration
``notes``          string           verbatim
``session_done``   boolean          habit-tracker rows recording a whole session
``warmup_sets``    Int64            warm-up sets from app exports (not prescribed sets)
(others)           string           unknown extra columns, kept as text
=================  ===============  ==================================================

Optional columns (reps, seconds, minutes, notes, participant, pain sites) are present only
when the input has them. A folder read adds ``source`` (category: the file of each row).
The categorical text columns hold the texts their rows hold as categories, sorted: to
write a new text into one, ``.astype("str")`` it first (or ``.cat.add_categories``).
"""

import re
from collections.abc import Iterable

LINE = "line"
SOURCE = "source"
PARTICIPANT = "participant"
DATE = "date"
EXERCISE = "exercise"
EXERCISE_NAME = "exercise_name"
IN_PROGRAM = "in_program"
SETS = "sets"
REPS = "reps"
SECONDS = "seconds"
SIDE = "side"
MINUTES = "minutes"
NOTES = "notes"
SESSION_DONE = "session_done"  # habit-tracker rows: a whole session, no per-exercise detail
WARMUP_SETS = "warmup_sets"  # app exports: warm-up sets, not counted as prescribed sets
PAIN_PREFIX = "pain_"

SIDES = ("left", "right", "both")
DEFAULT_PAIN_SITES = ("back", "hip", "knee")

# Problems table (check_log, LogError.problems).
FILE = "file"
COLUMN = "column"
VALUE = "value"
SEVERITY = "severity"
CODE = "code"  # FS203: the kind of problem (footstats.core.codes, docs/problem-codes.md)
MESSAGE = "message"
PROBLEM_COLUMNS = (FILE, LINE, COLUMN, VALUE, SEVERITY, CODE, MESSAGE)
ERROR, WARNING, NOTICE = "error", "warning", "notice"

# Metric tables.
WEEK = "week"
SESSIONS = "sessions"
TARGET_MIN = "target_min"
TARGET_MAX = "target_max"
TARGET_MET = "target_met"
SETS_DONE = "sets_done"
SETS_PRESCRIBED = "sets_prescribed"
COMPLETION = "completion"
SITE = "site"
VALUE_MEAN, VALUE_MIN, VALUE_MAX, COUNT = "mean", "min", "max", "n"

# Metric tables: the follow-up window (footstats.follow_up).
WEEKS = "weeks"
START = "start"
END = "end"
GROUP = "group"
ROWS_BEFORE = "rows_before"
ROWS_AFTER = "rows_after"

# Metric tables: frequency, sets, pain, adherence vs pain, summary.
EXERCISES = "exercises"
PAIN = "pain"
ADHERENCE_PCT = "adherence_pct"
CURRENT_STREAK = "current_streak"
LONGEST_STREAK = "longest_streak"
BASELINE = "baseline"
LATEST = "latest"
CHANGE = "change"
CHANGE_PCT = "change_pct"
CLINICALLY_IMPORTANT = "clinically_important"
BAND = "band"
FIRST_DATE = "first_date"
LAST_DATE = "last_date"
LAG = "lag"
LAG_PREFIX = "sessions_lag"
N_WEEKS = "n_weeks"
SPEARMAN = "spearman"
WORKOUTS = "workouts"
WEEK_INDEX = "week_index"

# The cohort view (footstats.cohort_table, footstats.study_week_adherence).
LAST_SESSION = "last_session"
DROPOUT_WEEK = "dropout_week"
OBSERVED = "observed"
ON_TARGET = "on_target"
SHARE_ON_TARGET = "share_on_target"
IMPORTANT = "important"

# The current week and the habit's strength (footstats.weekly_frequency, issue 23).
IN_PROGRESS = "in_progress"  # a week the window cuts short: shown, never a miss
HABIT_STRENGTH = "habit_strength"  # Loop Habit Tracker's score, 0-100
WEEKS_JUDGED = "weeks_judged"
SETS_COUNTED = "sets_counted"  # sets up to the prescription (per side), per session
SESSIONS_WITH = "sessions_with"  # sessions in which the exercise was done
JUDGED = "judged"  # weeks over, or in progress but on target already
ACTIVE = "active"  # a session in this study week or a later one (footstats.study_week_adherence)


def header_key(name: str) -> str:
    """The key header names are matched by: case, spaces, hyphens and underscores ignored.

    >>> header_key(" Workout_Name ")
    'workoutname'
    """
    return re.sub(r"[\s_\-]+", "", str(name)).casefold()


def pain_column(site: str) -> str:
    """The tidy-log column holding pain at ``site`` (``"back"`` -> ``"pain_back"``)."""
    return PAIN_PREFIX + site


def pain_columns(columns: Iterable[object]) -> list[str]:
    """The pain columns among ``columns``, in their order."""
    return [c for c in columns if isinstance(c, str) and c.startswith(PAIN_PREFIX)]
