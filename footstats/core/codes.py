"""Problem codes: one stable id per kind of problem, like a linter's rule ids.

Every problem footstats reports carries one of these codes in the ``code`` column of the
problems table (and at the end of each ``footstats check`` line, in brackets), so that
people and routines can filter problems without matching message text. A code's number
and name never change meaning; a new kind of problem gets a new code.

The hundreds say where the problem was found:

=======  ===========================================================================
FS0xx    the file: opening, encoding, CSV structure (quotes, values per line)
FS1xx    the header and columns of a footstats log
FS2xx    one value (a cell): numbers, dates, sides, exercise names
FS3xx    rows and sessions: rules across cells or rows (blank sets, duplicates, clashes)
FS4xx    app exports (Strong, Hevy, FitNotes, Fitbod, Loop Habit Tracker, ...) while
         converting them
FS5xx    folders of logs (one file per participant)
FS6xx    appending rows to a log (``footstats add``)
FS7xx    the participants table of a study (``--participants``)
=======  ===========================================================================

A code has one severity: ``error`` (the row or file is left out), ``warning`` (kept, but
probably wrong) or ``notice`` (kept; something footstats did that you may want to know).
``docs/problem-codes.md`` lists every code with an example and how to fix it; a test keeps
it in step with :data:`CODES`.

Over 600 lines on purpose: it is a table, one entry of six fields per code (100), each
on its own lines so the meaning and the fix read as sentences.
"""

from __future__ import annotations

from dataclasses import dataclass

from footstats.columns import ERROR, NOTICE, WARNING


@dataclass(frozen=True)
class Code:
    """One kind of problem: ``id`` (``FS203``), kebab-case ``name``, ``severity``,
    ``meaning``, an ``example`` message and how to ``fix`` it."""

    id: str
    name: str
    severity: str
    meaning: str
    example: str
    fix: str

    def __str__(self) -> str:
        return self.id


CODES: dict[str, Code] = {}


def _code(id: str, name: str, severity: str, meaning: str, example: str, fix: str) -> Code:
    if id in CODES or any(c.name == name for c in CODES.values()):
        raise ValueError(f"problem code {id} {name} is registered twice")  # pragma: no cover
    CODES[id] = Code(id, name, severity, meaning, example, fix)
    return CODES[id]


# -- FS0xx: the file ---------------------------------------------------------------------
CANNOT_READ = _code(
    "FS001", "cannot-read", ERROR,
    "The file cannot be opened: it does not exist, is a folder, or is not readable.",
    "cannot read log.csv: No such file or directory",
    "Check the path and the file's permissions.",
)  # fmt: skip
EMPTY_FILE = _code(
    "FS002", "empty-file", ERROR,
    "The file has no bytes at all.",
    "empty file, expected a header",
    "Give the log itself; a new log starts with its header line.",
)  # fmt: skip
EXCEL_WORKBOOK = _code(
    "FS003", "excel-workbook", ERROR,
    "The file is an Excel workbook (.xlsx/.xls), not CSV text.",
    "this is an Excel workbook, not a CSV file: export it as CSV (File > Save As > CSV UTF-8)",
    "Save the sheet as CSV UTF-8.",
)  # fmt: skip
NOT_TEXT = _code(
    "FS004", "not-text", ERROR,
    "The file is binary, or UTF-16 without a byte-order mark.",
    "not a text file: expected a CSV log (text with one row per exercise per session)",
    "Give the CSV file; for UTF-16 without a BOM pass the encoding it names.",
)  # fmt: skip
NOT_UTF8 = _code(
    "FS005", "not-utf8", ERROR,
    "A byte is not valid in the file's encoding (UTF-8 unless told otherwise).",
    "byte 0xE9 is not UTF-8: the file was probably saved by an older Excel as Windows-1252; ...",
    "Save the file as CSV UTF-8, or read it with encoding='cp1252' (--encoding cp1252).",
)  # fmt: skip
UNKNOWN_ENCODING = _code(
    "FS006", "unknown-encoding", ERROR,
    "The encoding given is not one Python knows.",
    "unknown encoding 'utf-9'",
    "Pass an encoding name such as utf-8, cp1252 or utf-16.",
)  # fmt: skip
DIALECT = _code(
    "FS007", "dialect", NOTICE,
    "The file was read with an encoding, delimiter or line endings other than plain UTF-8, "
    "comma and LF; the notice says which.",
    "read UTF-8 with BOM, CRLF line endings, semicolon-separated",
    "Nothing to fix: the file was read correctly.",
)  # fmt: skip
HEADER_TOO_LONG = _code(
    "FS008", "header-too-long", ERROR,
    "The first line is far longer than any header of column names.",
    "the first line is 2,000,000 characters long; expected a header of column names ...",
    "Give a log whose first line is its header.",
)  # fmt: skip
TOO_MANY_COLUMNS = _code(
    "FS009", "too-many-columns", ERROR,
    "The header has more columns than any log has.",
    "the header has 5,000 columns; a log has at most 1,000 (is this a log, ...)",
    "Give a log; check the delimiter it was exported with.",
)  # fmt: skip
NO_HEADER = _code(
    "FS010", "no-header", ERROR,
    "The file has no header line (only blank lines).",
    "no header line",
    "Start the file with its header: date,exercise,sets,...",
)  # fmt: skip
UNCLOSED_QUOTE = _code(
    "FS011", "unclosed-quote", ERROR,
    "A quote opened on this line is never closed, so the rest of the file would be one value.",
    'lines 3–9 read as one value: a quote opened on line 3 is never closed: close it or remove it',
    "Close the quote (or remove it) on the line named.",
)  # fmt: skip
INVALID_RECORD = _code(
    "FS012", "invalid-record", ERROR,
    "A record is not valid CSV (a stray quote inside a value).",
    "this record is not valid CSV (',' expected after '\"'); check its quotes",
    "Quote the whole value and double the quotes inside it (\"\").",
)  # fmt: skip
TOO_MANY_VALUES = _code(
    "FS013", "too-many-values", ERROR,
    "A line has more values than the header has columns.",
    "5 values but the header has 4 columns; extra values: 'x' (a delimiter inside a value "
    "needs quotes)",
    "Quote the value that holds the delimiter, or remove the extra values.",
)  # fmt: skip
TOO_FEW_VALUES = _code(
    "FS014", "too-few-values", ERROR,
    "A line has fewer values than the header has columns.",
    "2 values but the header has 4 columns; missing: sets, pain_back",
    "Add the missing values (empty ones need their delimiters: 2026-03-02,Heel raises,,).",
)  # fmt: skip
BLANK_LINES = _code(
    "FS015", "blank-lines", NOTICE,
    "Blank lines were skipped.",
    "skipped 2 blank line(s): 5, 9",
    "Nothing to fix; remove the blank lines to silence it.",
)  # fmt: skip
TRAILING_DELIMITER = _code(
    "FS016", "trailing-delimiter", NOTICE,
    "Empty values after the last column (a trailing delimiter) were ignored.",
    "ignored empty values after the last column (a trailing delimiter) on 3 line(s): 2, 3, 4",
    "Nothing to fix; remove the trailing delimiters to silence it.",
)  # fmt: skip

# -- FS1xx: the header and columns -------------------------------------------------------
ONLY_HEADER = _code(
    "FS101", "only-header", NOTICE,
    "The log has a header but no rows yet.",
    "only a header: the log has no rows yet",
    "Nothing to fix: add sessions as they happen.",
)  # fmt: skip
EMPTY_COLUMN = _code(
    "FS102", "empty-column", NOTICE,
    "A column with no header name and no values (a trailing delimiter) was dropped.",
    "dropped column 5: no header and no values (a trailing delimiter)",
    "Nothing to fix; remove the trailing delimiter to silence it.",
)  # fmt: skip
UNNAMED_COLUMN = _code(
    "FS103", "unnamed-column", WARNING,
    "A column has values but no header name; it is kept under a made-up name.",
    "column 5 has values but no header name; kept as column_5",
    "Give the column a name in the header line.",
)  # fmt: skip
SAME_COLUMN_TWICE = _code(
    "FS104", "same-column-twice", ERROR,
    "Two columns of the header mean the same column of the log.",
    "the columns 'sets' and 'Sets' both mean sets; keep one of them",
    "Keep one of the two columns.",
)  # fmt: skip
MISSING_COLUMNS = _code(
    "FS105", "missing-columns", ERROR,
    "The header lacks a column every log needs (date; sets with exercise; some data).",
    "missing column(s): date. Found: 'day', 'exercise', 'sets'. A log has the columns ...",
    "Rename the header's columns, or give the app's export unchanged so it is recognised.",
)  # fmt: skip
REPEATED_HEADER = _code(
    "FS106", "repeated-header", NOTICE,
    "A line repeats the header (two logs pasted together); it was dropped.",
    "dropped the header repeated on line(s) 17",
    "Nothing to fix; delete the repeated header line to silence it.",
)  # fmt: skip
REORDERED_HEADER = _code(
    "FS107", "reordered-header", ERROR,
    "The header is repeated with its columns in another order: the rows below it would "
    "put values in the wrong columns.",
    "the header is repeated here with its columns in another order; the 3 row(s) below it "
    "are left out ...",
    "Paste those rows in the column order of line 1, or into a file of their own.",
)  # fmt: skip
BELOW_REORDERED_HEADER = _code(
    "FS108", "below-reordered-header", ERROR,
    "A row below a header repeated in another column order (see FS107); it is left out.",
    "below the header on line 17, whose columns are in another order",
    "Move the row under a header in the column order of line 1.",
)  # fmt: skip
HABIT_NOT_LOOP = _code(
    "FS109", "habit-not-loop", ERROR,
    "habit= (--habit) was given for a file that is not a Loop Habit Tracker export.",
    "habit= (--habit) is for Loop Habit Tracker exports; this file is read as a footstats "
    "log: leave it out",
    "Leave out habit= for this file.",
)  # fmt: skip

# -- FS2xx: one value --------------------------------------------------------------------
NUL_BYTE = _code(
    "FS201", "nul-byte", ERROR,
    "A value holds a NUL byte (binary data, a damaged file).",
    "a NUL byte (binary data) in this value: retype the value",
    "Retype the value.",
)  # fmt: skip
INVISIBLE_CHARACTERS = _code(
    "FS202", "invisible-characters", NOTICE,
    "Zero-width or non-breaking spaces around a value were removed.",
    "removed invisible characters (zero-width or non-breaking spaces) around the value",
    "Nothing to fix: the value was read without them.",
)  # fmt: skip
PAIN_OUT_OF_RANGE = _code(
    "FS203", "pain-out-of-range", ERROR,
    "A pain rating above 10: pain is rated 0–10.",
    "11 is outside 0–10 (pain is a 0–10 rating)",
    "Write the rating on the 0–10 scale.",
)  # fmt: skip
NEGATIVE_NUMBER = _code(
    "FS204", "negative-number", ERROR,
    "A count, duration or rating is negative.",
    "-2 is negative; expected a whole number ≥ 0 (sets)",
    "Write the number done (0 or more).",
)  # fmt: skip
NOT_WHOLE_NUMBER = _code(
    "FS205", "not-whole-number", ERROR,
    "Sets, reps or a pain rating with a fraction.",
    "2.5 is not a whole number (sets: fractions are not allowed)",
    "Write a whole number.",
)  # fmt: skip
SPREADSHEET_MANGLED = _code(
    "FS206", "spreadsheet-mangled", ERROR,
    "A number turned into a date or a range by spreadsheet auto-formatting (8-10 -> 10-Aug).",
    "'10-Aug' looks like a range or a date made by spreadsheet auto-formatting; write the "
    "single number done (reps), and format the column as text",
    "Write the single number done, and format the column as text in the spreadsheet.",
)  # fmt: skip
NUMBER_TOO_LARGE = _code(
    "FS207", "number-too-large", ERROR,
    "A whole number too large to be a count (more than nine digits).",
    "12345678901 is too large for reps",
    "Fix the typing slip.",
)  # fmt: skip
NOT_A_NUMBER = _code(
    "FS208", "not-a-number", ERROR,
    "A value that should be a number is not one.",
    "'two' is not a number; expected a whole number ≥ 0 (sets)",
    "Write the number in digits.",
)  # fmt: skip
NOT_A_SIDE = _code(
    "FS209", "not-a-side", ERROR,
    "side is not left, right or both (L, R, B).",
    "'up' is not a side; expected left, right or both",
    "Write left, right or both (or leave it blank for both).",
)  # fmt: skip
NOT_TRUE_FALSE = _code(
    "FS210", "not-true-false", ERROR,
    "session_done is not true or false (yes/no, 1/0).",
    "maybe is not true or false",
    "Write true or false.",
)  # fmt: skip
BLANK_PARTICIPANT = _code(
    "FS211", "blank-participant", ERROR,
    "A row of a log with a participant column has no participant.",
    "the participant is blank; every row needs one",
    "Fill in the participant id.",
)  # fmt: skip
BLANK_DATE = _code(
    "FS212", "blank-date", ERROR,
    "A row has no date.",
    "the date is blank; every row needs its date (YYYY-MM-DD)",
    "Fill in the session's date.",
)  # fmt: skip
NOT_A_DATE = _code(
    "FS213", "not-a-date", ERROR,
    "A date that cannot be read as a date at all.",
    "'yesterday' is not a date; expected YYYY-MM-DD (or YYYY-MM-DD HH:MM)",
    "Write the date as YYYY-MM-DD.",
)  # fmt: skip
AMBIGUOUS_DATE = _code(
    "FS214", "ambiguous-date", ERROR,
    "A day/month/year or month/day/year date without saying which: never guessed.",
    "'03/04/2026': is it day 3 of month 4, or month 3, day 4? Write dates as YYYY-MM-DD, ...",
    "Write YYYY-MM-DD, or pass dayfirst=True (--dayfirst) or date_format= (--date-format).",
)  # fmt: skip
TWO_DIGIT_YEAR = _code(
    "FS215", "two-digit-year", ERROR,
    "A date with a two-digit year.",
    "'03/04/26' has a two-digit year; write the full year, like 2026-03-04",
    "Write the full year.",
)  # fmt: skip
IMPOSSIBLE_DATE = _code(
    "FS216", "impossible-date", ERROR,
    "A date in the right form that does not exist (31 February, hour 25).",
    "'2026-02-31' is not a real date",
    "Correct the day or month.",
)  # fmt: skip
EXCEL_SERIAL_DATE = _code(
    "FS217", "excel-serial-date", ERROR,
    "An Excel serial day number (45356) where a date belongs.",
    "'45356' looks like an Excel serial date; format the column as a date (YYYY-MM-DD) "
    "before exporting, or pass excel_dates=True (--excel-dates)",
    "Format the column as a date before exporting, or pass excel_dates=True (--excel-dates).",
)  # fmt: skip
DATE_FORMAT_MISMATCH = _code(
    "FS218", "date-format-mismatch", ERROR,
    "A date that does not match the date_format given (--date-format).",
    "'2026-03-04' does not match date_format '%m/%d/%Y'",
    "Correct the date, or the date_format.",
)  # fmt: skip
IMPLAUSIBLE_DATE = _code(
    "FS219", "implausible-date", ERROR,
    "A date no log can hold: before 1900 or more than a year in the future (a typo).",
    "'0226-03-02' is before 1900: a typo? (expected a date between 1900 and 2027-03-09)",
    "Correct the year.",
)  # fmt: skip
DECIMAL_COMMA = _code(
    "FS220", "decimal-comma", NOTICE,
    "Numbers of a semicolon-separated file were read with decimal commas (60,5 = 60.5).",
    "read decimal commas (60,5 = 60.5)",
    "Nothing to fix: the numbers were read as written.",
)  # fmt: skip
UNKNOWN_EXERCISE = _code(
    "FS221", "unknown-exercise", WARNING,
    "An exercise name that is not in the routine: kept, but not counted as a routine "
    "exercise.",
    "'Heel raise' is not in the routine on this line: kept, but not counted as a routine "
    "exercise. Did you mean 'Heel raises'? ...",
    "Correct the name, or match it with exercise_map= or an alias in the routine file.",
)  # fmt: skip

# -- FS3xx: rows and sessions ------------------------------------------------------------
BLANK_SETS = _code(
    "FS301", "blank-sets", ERROR,
    "A row names an exercise but its sets are blank.",
    "sets is blank: how many sets were completed? (write 0 for none)",
    "Write the sets completed (0 for none).",
)  # fmt: skip
SETS_WITHOUT_EXERCISE = _code(
    "FS302", "sets-without-exercise", ERROR,
    "A row has sets but no exercise.",
    "sets given but the exercise is blank",
    "Fill in the exercise.",
)  # fmt: skip
EMPTY_CHECK_IN = _code(
    "FS303", "empty-check-in", WARNING,
    "A row with a date but no exercise and no pain.",
    "this row has a date but no exercise and no pain: kept as an empty check-in",
    "Fill in the row, or delete it.",
)  # fmt: skip
FUTURE_DATE = _code(
    "FS304", "future-date", WARNING,
    "A date after today (up to a year ahead).",
    "this date is in the future; is it right?",
    "Correct the date if it is a typo.",
)  # fmt: skip
ISOLATED_DATE = _code(
    "FS305", "isolated-date", WARNING,
    "A date more than a year from every other date of the log (a typo such as 2016).",
    "this date is 10.0 years from every other date of the log; a typo?",
    "Correct the year if it is a typo.",
)  # fmt: skip
DUPLICATE_ROW = _code(
    "FS306", "duplicate-row", WARNING,
    "A row repeats an earlier row exactly; both are kept.",
    "repeats line 2 exactly: both rows kept",
    "Delete the copy if it was entered twice.",
)  # fmt: skip
PAIN_CONFLICT = _code(
    "FS307", "pain-conflict", ERROR,
    "Two different pain values for the same site in the same session.",
    "7 here but 4 on line 2 for the same session (2026-04-10): one pain value per site per "
    "session",
    "Keep one pain value per site per session.",
)  # fmt: skip

# -- FS4xx: app exports ------------------------------------------------------------------
EXPORT_MISSING_COLUMNS = _code(
    "FS401", "export-missing-columns", ERROR,
    "A file read as an app's export lacks columns the importer needs.",
    "not a Strong export: missing the column(s) Reps; check the file, or leave the format "
    "to be detected",
    "Give the export unchanged, or leave format= out.",
)  # fmt: skip
EXPORT_SAME_COLUMN_TWICE = _code(
    "FS402", "export-same-column-twice", ERROR,
    "An export's header has a column more than once.",
    "the header has 'Reps' more than once: keep one of each",
    "Keep one of each column.",
)  # fmt: skip
EXPORT_BAD_DATE = _code(
    "FS403", "export-bad-date", ERROR,
    "A date of an export cannot be read; the row is left out.",
    "'30.01.2025' is not a valid date: expected a date and time like 2025-01-30 12:34:56",
    "Give the export as the app wrote it; for dates re-saved by a spreadsheet pass "
    "--dayfirst or --date-format.",
)  # fmt: skip
EXPORT_BLANK_DATE = _code(
    "FS404", "export-blank-date", ERROR,
    "A row of an export has no date.",
    "the date is blank: expected a date and time like 2025-01-30 12:34:56",
    "Give the export as the app wrote it.",
)  # fmt: skip
EXPORT_BAD_END = _code(
    "FS405", "export-bad-end", WARNING,
    "A workout's end time cannot be read, or is before its start: the row is kept, its "
    "minutes left blank.",
    "'noon' is before the workout's start_time: minutes left blank",
    "Nothing is lost but the workout's minutes; correct the end time to count them.",
)  # fmt: skip
EXPORT_BAD_DURATION = _code(
    "FS406", "export-bad-duration", WARNING,
    "A workout's duration cannot be read: the row is kept, its minutes left blank.",
    "'ages' is not a duration like 1h 5m: the workout's minutes are left blank",
    "Nothing is lost but the workout's minutes; correct the duration to count them.",
)  # fmt: skip
EXPORT_NOT_A_NUMBER = _code(
    "FS407", "export-not-a-number", ERROR,
    "Reps, weight or seconds of an export that are not a number.",
    "'8-10' is not a whole number of reps (0 or more)",
    "Write the number done.",
)  # fmt: skip
EXPORT_BLANK_EXERCISE = _code(
    "FS408", "export-blank-exercise", ERROR,
    "A set of an export has no exercise name.",
    "blank exercise name",
    "Fill in the exercise.",
)  # fmt: skip
EXPORT_BAD_TIME = _code(
    "FS409", "export-bad-time", ERROR,
    "A FitNotes time that is not hours:minutes:seconds.",
    "'90s' is not a time like 0:01:30 (hours:minutes:seconds)",
    "Write the time as hours:minutes:seconds.",
)  # fmt: skip
HEVY_SET_TYPE = _code(
    "FS410", "hevy-set-type", ERROR,
    "A Hevy set type that is not normal, warmup, dropset or failure.",
    "'superset' is not a Hevy set type: expected normal, warmup, dropset or failure",
    "Give the export as Hevy wrote it.",
)  # fmt: skip
STRONG_SET_ORDER = _code(
    "FS411", "strong-set-order", ERROR,
    "A Strong set order that is not a number, W, D, F or Rest Timer.",
    "'X' is not a Strong set order: expected a set number, W (warm-up), D (drop set), F "
    "(failure) or Rest Timer",
    "Give the export as Strong wrote it.",
)  # fmt: skip
STRONG_REST_TIMER = _code(
    "FS412", "strong-rest-timer", NOTICE,
    "Strong's rest-timer rows were skipped: they are not sets.",
    "skipped 3 Rest Timer row(s) (lines 4, 8, 12): Strong's rest timer, not a set",
    "Nothing to fix.",
)  # fmt: skip
STRONG_HEADER_LANGUAGE = _code(
    "FS413", "strong-header-language", NOTICE,
    "A Strong export with its header in a language footstats does not know was read by "
    "Strong's column order.",
    "Strong export with a header in a language footstats does not know: read by Strong's "
    "column order ('Datum' = Date, ...)",
    "Check that the columns were matched as the notice lists.",
)  # fmt: skip
WARMUP_NOT_COUNTED = _code(
    "FS414", "warmup-sets", NOTICE,
    "Warm-up sets of an export are not counted as prescribed sets; they are kept apart.",
    "2 warm-up set(s) (lines 2, 5) are not prescribed sets: not counted in sets, kept apart "
    "in warmup_sets",
    "Nothing to fix.",
)  # fmt: skip
SETS_DIFFER = _code(
    "FS415", "sets-differ", NOTICE,
    "The sets of one exercise differ in reps or seconds; each keeps its smallest.",
    "reps differ between the sets of 1 exercise(s) (lines 2); each keeps its smallest reps, "
    "which every set reached",
    "Nothing to fix.",
)  # fmt: skip
FITNOTES_COMMA_NAME = _code(
    "FS416", "fitnotes-comma-name", NOTICE,
    "FitNotes wrote an exercise name with a comma without quotes; the comma was kept.",
    "1 line(s) have a comma in the exercise name, which FitNotes writes without quotes "
    "(lines 3): read with the comma kept in the name",
    "Nothing to fix.",
)  # fmt: skip
LOOP_BAD_CHECKMARK = _code(
    "FS417", "loop-bad-checkmark", ERROR,
    "A Loop checkmark that is not one Loop writes.",
    "'maybe' is not a Loop checkmark: expected YES_MANUAL or 2 (done); ...",
    "Give the export as Loop wrote it.",
)  # fmt: skip
LOOP_HABIT = _code(
    "FS418", "loop-habit", NOTICE,
    "How a Loop habit was read: which habit, how many days done, by which rule.",
    "Loop habit 'Foot exercises': 12 of 30 days done (YES_MANUAL = done); a habit log has "
    "sessions only, no exercises, sets or pain",
    "Nothing to fix.",
)  # fmt: skip
LOOP_BAD_AMOUNT = _code(
    "FS419", "loop-bad-amount", ERROR,
    "An amount of a measurable Loop habit that is not a number.",
    "'lots' is not an amount of a measurable Loop habit (the amount x 1000, e.g. 2000 for 2) "
    "or UNKNOWN",
    "Give the export as Loop wrote it.",
)  # fmt: skip
LOOP_BEFORE_HABIT = _code(
    "FS420", "loop-before-habit", NOTICE,
    "Days before the habit's first entry were left out: the habit had not started.",
    "left out 5 day(s) before the habit's first entry (lines 2, 3, 4, 5, 6): the habit's "
    "weeks start at 2026-03-07, not at the first day of the file",
    "Nothing to fix.",
)  # fmt: skip
LOOP_ENTRY_VALUES = _code(
    "FS421", "loop-entry-values", NOTICE,
    "Values written as Entry(timestamp=..., value=...) by Loop 2.0.3's export were read.",
    "read values written as Entry(timestamp=..., value=...) (Loop 2.0.3's export bug)",
    "Nothing to fix.",
)  # fmt: skip
LOOP_NOT_A_LOG = _code(
    "FS422", "loop-not-a-log", ERROR,
    "A file of a Loop export that holds no checkmarks (Habits.csv, Scores.csv).",
    "this is Loop's Habits.csv (the list of habits), not a log: give Checkmarks.csv ...",
    "Give Checkmarks.csv (with --habit NAME), a habit's own Checkmarks.csv, or the export "
    "folder.",
)  # fmt: skip
LOOP_WHICH_HABIT = _code(
    "FS423", "loop-which-habit", ERROR,
    "A Loop export with several habits and no (or an unknown) habit named.",
    "a Loop export: name the habit that is your routine with habit= (footstats check "
    "--habit NAME); habits found: 'Walk', 'Foot exercises'",
    "Name the habit with habit= (--habit NAME).",
)  # fmt: skip
LOOP_EXPORT_BUG = _code(
    "FS424", "loop-export-bug", ERROR,
    "A Checkmarks.csv damaged by a known Loop export bug (Entry(...) cells, or a habit "
    "name with a comma).",
    "no line has as many values as the header has habits (30 lines): a habit name with a "
    "comma was split in two by Loop's export ...",
    "Export again with a newer Loop, or give the habit's own Checkmarks.csv.",
)  # fmt: skip
STRONG_NOTE_ROWS = _code(
    "FS425", "strong-note-rows", NOTICE,
    "Strong's Note rows (an exercise's note, in the semicolon export) were read as the "
    "exercise's notes, not as sets.",
    "read 2 Note row(s) (lines 2, 16) as their exercise's note, not a set",
    "Nothing to fix.",
)  # fmt: skip
EXPORT_NAME_SPACES = _code(
    "FS426", "export-name-spaces", NOTICE,
    "Exercise names of an export that differ only by spaces (at either end, or doubled) "
    "were read as one exercise.",
    "'Lat Pulldown ' and 'Lat Pulldown' differ only by spaces: read as one exercise "
    "(lines 2, 52)",
    "Nothing to fix; rename the exercise in the app to keep one spelling.",
)  # fmt: skip
HEVY_AMBIGUOUS_MONTH = _code(
    "FS427", "hevy-ambiguous-month", ERROR,
    "A month name of a Hevy export means different months in the languages that could "
    "have written the file.",
    "'3 lis 2025, 18:00': 'lis' is November in Polish and October in Croatian, and the "
    "file's other months do not tell which: export again with Hevy set to English",
    "Export again with Hevy (or the phone) set to English, or write the dates as "
    "2025-11-03 18:00.",
)  # fmt: skip
LOOP_HABIT_FILE = _code(
    "FS428", "loop-habit-file", NOTICE,
    "A Loop export folder's Checkmarks.csv could not serve the habit asked for, so the "
    "habit's own file in the folder was read.",
    "read the habit's own file 001 Feet then stretch/Checkmarks.csv: the export's "
    "Checkmarks.csv has no column 'Feet, then stretch' (a habit name with a comma splits "
    "its header)",
    "Nothing to fix.",
)  # fmt: skip
EXPORT_UTC_TIMES = _code(
    "FS429", "export-utc-times", NOTICE,
    "An export writes its times in UTC (Fitbod): they were read as written, or in the "
    "time zone given with timezone= (--timezone).",
    "Fitbod writes times in UTC (+0000): read as written, so 2 of 4 workouts that start "
    "between 00:00 and 06:59 UTC may belong to the day before where you live; pass "
    "timezone= (--timezone, e.g. America/New_York) to read them in your time zone",
    "Pass your time zone with --timezone (an IANA name like Europe/Berlin).",
)  # fmt: skip
EXPORT_NOT_READ = _code(
    "FS430", "export-not-read", ERROR,
    "An export of an app footstats does not read; the message says which app it looks "
    "like and how to turn it into a footstats log.",
    "looks like a WHOOP export (workouts.csv), which footstats does not read: one row per "
    "workout, no sets. To use it, make a footstats log of it: ...",
    "Make a footstats log of the file as the message says (the columns date, exercise, "
    "sets, or date and session_done), and match exercise names with --map.",
)  # fmt: skip
EXPORT_BAD_WARMUP = _code(
    "FS431", "export-bad-warmup", ERROR,
    "A warm-up mark of an export that is neither true nor false (Fitbod's isWarmup); the "
    "row is left out.",
    "'maybe' is not a Fitbod warm-up mark: expected true or false (or blank)",
    "Give the export as the app wrote it.",
)  # fmt: skip

# -- FS5xx: folders ----------------------------------------------------------------------
FOLDER_UNREADABLE = _code(
    "FS501", "folder-unreadable", ERROR,
    "The folder does not exist, is a file, or cannot be listed.",
    "cannot read logs/: no such folder",
    "Check the folder's path and permissions.",
)  # fmt: skip
NO_CSV_FILES = _code(
    "FS502", "no-csv-files", ERROR,
    "The folder holds no .csv file.",
    "no .csv files in logs/: expected one log per participant",
    "Put one log per participant (p01.csv, ...) in the folder.",
)  # fmt: skip
ENTRY_UNREADABLE = _code(
    "FS503", "entry-unreadable", ERROR,
    "A .csv entry of the folder cannot be read (a broken or looping symbolic link).",
    "skipped: cannot read it: a broken symbolic link",
    "Fix or remove the link.",
)  # fmt: skip
NOT_A_LOG_FILE = _code(
    "FS504", "not-a-log-file", WARNING,
    "A .csv entry of the folder is a folder, a pipe or a device: skipped.",
    "skipped: a folder, not a log (sub-folders are not read)",
    "Rename or move the entry if it is not a log.",
)  # fmt: skip
SHARED_PARTICIPANT = _code(
    "FS505", "shared-participant", WARNING,
    "A participant's rows come from more than one file; they are combined.",
    "participant 'p01' is also in logs/p01.csv: their rows are combined as one participant",
    "Check that the participant ids are right.",
)  # fmt: skip

# -- FS6xx: appending --------------------------------------------------------------------
APPEND_NO_COLUMN = _code(
    "FS601", "append-no-column", ERROR,
    "A value was given for a column the log does not have.",
    "the log has no pain_knee column (its columns: date, exercise, sets): add it to the "
    "header line first, or leave this value out",
    "Add the column to the header line first, or leave the value out.",
)  # fmt: skip
APPEND_NOT_READ_BACK = _code(
    "FS602", "append-not-read-back", ERROR,
    "The new rows would not be read back as written (an unclosed quote at the end of the log).",
    "the new rows would not be read back as written (a quote in the last line of the log is "
    "never closed?): footstats check shows the line to fix first",
    "Fix the line footstats check shows, then add the rows again.",
)  # fmt: skip

# -- FS7xx: the participants table (--participants) --------------------------------------
TABLE_SECOND_COLUMN = _code(
    "FS701", "table-duplicate-column", ERROR,
    "Two columns of the participants table mean the same thing.",
    "a second 'start' column",
    "Keep one of the two columns.",
)  # fmt: skip
TABLE_UNUSED_COLUMN = _code(
    "FS702", "table-unused-column", WARNING,
    "A column of the participants table that footstats does not use.",
    "column 'site' is not used (expected participant, start, end, weeks, group)",
    "Nothing to do if the column is yours; check its spelling otherwise.",
)  # fmt: skip
TABLE_MISSING_COLUMN = _code(
    "FS703", "table-missing-column", ERROR,
    "The participants table has no participant or start column.",
    "no 'start' column; expected a header like participant,start[,end,weeks,group]",
    "Add the column to the table's header line.",
)  # fmt: skip
TABLE_BLANK_PARTICIPANT = _code(
    "FS704", "table-blank-participant", ERROR,
    "A row of the participants table has no participant id.",
    "the participant is blank",
    "Write the participant's id, as in the log.",
)  # fmt: skip
TABLE_LISTED_TWICE = _code(
    "FS705", "table-participant-twice", ERROR,
    "A participant is listed twice in the participants table.",
    "listed twice: also on line 2",
    "Keep one row per participant.",
)  # fmt: skip
TABLE_BAD_WINDOW = _code(
    "FS706", "table-bad-window", ERROR,
    "A participant's end is before their start, their weeks are 0, or both an end and weeks "
    "are given.",
    "the end is before the start (2026-03-02)",
    "Give an end on or after the start, or a number of weeks of at least 1, not both.",
)  # fmt: skip
TABLE_NOT_APPLICABLE = _code(
    "FS707", "table-without-participants", ERROR,
    "A participants table was given for a log without a participant column.",
    "the log has no participant column, so a participants table does not apply",
    "Leave the table out for a personal log, or add a participant column to the log.",
)  # fmt: skip
NOT_ENROLLED = _code(
    "FS708", "participant-not-enrolled", ERROR,
    "A participant of the log is not in the participants table.",
    "'p07' is not in the participants table participants.csv",
    "Add the participant to the table (or correct the id in the log).",
)  # fmt: skip
ENROLLED_WITHOUT_ROWS = _code(
    "FS709", "participant-without-rows", WARNING,
    "An enrolled participant has no rows in the log: counted as a participant with 0 "
    "sessions, not a missing one.",
    "'p09' has no rows in log.csv: enrolled with 0 sessions",
    "Nothing to do if they never logged; check the id otherwise.",
)  # fmt: skip

SEVERITY_OF = {code.id: code.severity for code in CODES.values()}

LAYERS = {
    "FS0": "The file",
    "FS1": "Header and columns",
    "FS2": "Values",
    "FS3": "Rows and sessions",
    "FS4": "App exports",
    "FS5": "Folders of logs",
    "FS6": "Appending rows",
    "FS7": "The participants table",
}


def reference() -> str:
    """The tables of docs/problem-codes.md (below its introduction), one per layer."""
    out = []
    for prefix, title in LAYERS.items():
        out += [f"## {prefix}xx: {title}", ""]
        out += ["| code | name | severity | meaning | example message | how to fix |"]
        out += ["|---|---|---|---|---|---|"]
        for code in CODES.values():
            if code.id.startswith(prefix):
                cells = [code.id, code.name, code.severity, code.meaning, code.example, code.fix]
                cells = [c.replace("|", "\\|") for c in cells]
                cells[0], cells[1], cells[4] = f"**{cells[0]}**", f"`{cells[1]}`", f"`{cells[4]}`"
                out.append("| " + " | ".join(cells) + " |")
        out.append("")
    return "\n".join(out)
