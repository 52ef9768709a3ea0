"""footstats.writing.append, exactly: the bytes ``footstats add`` writes (a new log's header and
rows, each kind of cell in each dialect), the line numbers and preview it shows, and every
refusal with its message (issue 27, for ``make mutate``). The dialects themselves are
pinned byte for byte in tests/reading/test_dialect_exact.py and tests/writing/test_append.py.

Equivalent mutants left alive in ``week_so_far``: ``len(this_week) > 0`` as ``>= 0`` (a week
without rows adds no row to the history either way) and ``if len(history)`` always true
(``frequency_summary`` of no week says a streak of 0). In ``_plan``: ``sniff(None, ...)``
(the label reaches only the problems inside ``NotALog``, whose messages are what is shown)
and ``_Snapshot.of(target)`` without the bytes read (it reads the same bytes again; only a
save in between, which no test can time, would tell them apart).
"""

from __future__ import annotations

import errno
import os
from datetime import date, datetime
from io import StringIO
from pathlib import Path

import numpy as np
import pandas as pd
import pytest

import footstats
from footstats.errors import AppendError, RowsRefused, UsageError
from footstats.reading.dialect import Dialect
from footstats.writing import append as a
from footstats.writing import files
from footstats.writing.append import append_rows, plan_append, session_rows, week_so_far

TODAY = date(2026, 12, 31)


def found(problems: pd.DataFrame) -> list[tuple]:
    keys = ["file", "line", "column", "value", "severity", "code", "message"]
    return [tuple(p[k] for k in keys) for p in problems.to_dict("records")]


NEW_HEADER = "date,exercise,sets,reps,seconds,side,pain_back,pain_hip,pain_knee,minutes,notes"


def test_a_new_log_with_participants_an_extra_pain_site_and_every_kind_of_cell(tmp_path):
    log = tmp_path / "log.csv"
    rows = [
        {
            "participant": "p1",
            "date": date(2026, 4, 10),
            "exercise": "Heel raises",
            "sets": 3,
            "pain_ankle": 2,
            "notes": "two\nlines",
        },
        {
            "participant": "p1",
            "date": datetime(2026, 4, 11, 7, 30),
            "exercise": "Toe walking",
            "sets": 6.0,
            "seconds": "30,5",
            "pain_back": np.nan,
            "minutes": pd.NA,
            "notes": True,
        },
    ]
    plan = plan_append(log, rows, today=TODAY)
    header = (
        "participant,date,exercise,sets,reps,seconds,side,pain_back,pain_hip,pain_knee,"
        "pain_ankle,minutes,notes"
    )
    body = (
        'p1,2026-04-10,Heel raises,3,,,,,,,2,,"two\nlines"\n'
        "p1,2026-04-11 07:30,Toe walking,6,,30.5,,,,,,,true\n"
    )
    assert plan.text == header + "\n" + body
    assert plan.lines == range(2, 5) and plan.rows == 2 and plan.creates and plan.ok
    assert plan.preview() == (
        f"Create {log} with a header and 2 rows (lines 2-4):\n{header}\n{body.rstrip()}"
    )
    assert plan.messages() == [] and plan.problems.empty
    assert not log.exists()  # planned, not written
    plan.write()
    assert log.read_bytes() == (header + "\n" + body).encode()


def test_rows_added_to_a_semicolon_log_and_values_without_a_column(tmp_path):
    log = tmp_path / "log.csv"
    old = b"date;exercise;sets;Pain Back;seconds\r\n2026-04-08;Toe walking;6;3;60,5\r\n"
    log.write_bytes(old)
    row = {
        "date": "2026-04-10",
        "exercise": "Heel raises",
        "sets": 3,
        "Pain Back": 2,
        "seconds": "7.5",
        "mood": "ok",
        "reps": 12,
        "side": None,
        "notes": "",
    }
    plan = plan_append(log, [row], today=TODAY)
    assert plan.text == "2026-04-10;Heel raises;3;2;7,5\n"
    assert plan.data == old + b"2026-04-10;Heel raises;3;2;7,5\r\n"
    assert plan.lines == range(3, 4) and not plan.creates and not plan.ok
    assert plan.preview() == f"Add 1 row (line 3) to {log}:\n2026-04-10;Heel raises;3;2;7,5"
    columns = "its columns: date, exercise, sets, Pain Back, seconds"
    assert plan.problems.to_dict("records") == [
        {
            "file": str(log),
            "line": 3,
            "column": name,
            "value": value,
            "severity": "error",
            "code": "FS601",
            "message": f"the log has no {name} column ({columns}): add it to the header line "
            "first, or leave this value out",
        }
        for name, value in (("mood", "ok"), ("reps", "12"))
    ]
    assert plan.messages()[0] == (
        f"{log}:3:mood: error: the log has no mood column ({columns}): add it to the header "
        "line first, or leave this value out [FS601]"
    )
    with pytest.raises(RowsRefused):
        plan.write()
    with pytest.raises(RowsRefused):
        append_rows(log, [row], today=TODAY)
    assert log.read_bytes() == old


def test_a_log_without_a_final_line_break_gets_one_in_its_own_ending(tmp_path):
    log = tmp_path / "log.csv"
    log.write_bytes(b"date,exercise,sets\r\n2026-04-08,Toe walking,6")
    added = append_rows(log, [{"date": "2026-04-10", "exercise": "Toe walking", "sets": 6}])
    assert log.read_bytes() == (
        b"date,exercise,sets\r\n2026-04-08,Toe walking,6\r\n2026-04-10,Toe walking,6\r\n"
    )
    assert added.lines == range(3, 4) and added.text == "2026-04-10,Toe walking,6\n"


def test_lines_of_rows_after_a_note_on_two_lines(tmp_path):
    log = tmp_path / "log.csv"
    log.write_text('date,exercise,sets,notes\n2026-04-08,Toe walking,6,"a\nb"\n')
    rows = [
        {"date": "2026-04-10", "exercise": "Toe walking", "sets": 6, "notes": "x\r\ny"},
        {"date": "2026-04-11", "exercise": "Toe walking", "sets": 6},
    ]
    plan = plan_append(log, rows, today=TODAY)
    # the old file has 3 lines; the first new row takes lines 4-5, the second line 6
    assert plan.lines == range(4, 7)
    assert plan.text == '2026-04-10,Toe walking,6,"x\ny"\n2026-04-11,Toe walking,6,\n'
    assert plan.preview().startswith(f"Add 2 rows (lines 4-6) to {log}:\n")


# -- cells ------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("value", "key", "point", "comma"),
    [
        (None, "sets", ("", "empty"), ("", "empty")),
        (float("nan"), "sets", ("", "empty"), ("", "empty")),
        (pd.NA, "sets", ("", "empty"), ("", "empty")),
        (pd.NaT, "date", ("", "empty"), ("", "empty")),
        (True, "notes", ("true", "text"), ("true", "text")),
        (False, "notes", ("false", "text"), ("false", "text")),
        (3, "sets", ("3", "number"), ("3", "number")),
        (30.5, "seconds", ("30.5", "number"), ("30,5", "number")),
        ("30.5", "seconds", ("30.5", "number"), ("30,5", "number")),
        ("30,5", "seconds", ("30.5", "number"), ("30,5", "number")),
        (" .5 ", "minutes", (".5", "number"), (",5", "number")),
        ("-1.5", "pain_back", ("-1.5", "number"), ("-1,5", "number")),
        ("1.5", "reps", ("1.5", "number"), ("1,5", "number")),
        ("1.5", "sets", ("1.5", "number"), ("1,5", "number")),
        ("1.5", "notes", ("1.5", "text"), ("1.5", "text")),  # text: as typed
        ("1.5.2", "seconds", ("1.5.2", "text"), ("1.5.2", "text")),
        ("5.", "seconds", ("5.", "text"), ("5.", "text")),
        ("", "notes", ("", "empty"), ("", "empty")),
        ("Heel raises", "exercise", ("Heel raises", "text"), ("Heel raises", "text")),
        (date(2026, 4, 10), "date", ("2026-04-10", "text"), ("2026-04-10", "text")),
        (datetime(2026, 4, 10), "date", ("2026-04-10", "text"), ("2026-04-10", "text")),
        (
            pd.Timestamp("2026-04-10 00:00:30"),
            "date",
            ("2026-04-10 00:00", "text"),
            ("2026-04-10 00:00", "text"),
        ),
        (
            datetime(2026, 4, 10, 0, 5),
            "date",
            ("2026-04-10 00:05", "text"),
            ("2026-04-10 00:05", "text"),
        ),
        (
            datetime(2026, 4, 10, 7, 0),
            "date",
            ("2026-04-10 07:00", "text"),
            ("2026-04-10 07:00", "text"),
        ),
    ],
)
def test_each_kind_of_cell(value, key, point, comma):
    dot = a._Builder("log.csv", Dialect(), [], 2)
    semicolon = a._Builder("log.csv", Dialect(delimiter=";", decimal_comma=True), [], 2)
    assert dot.cell(value, key) == point
    assert semicolon.cell(value, key) == comma


def test_text_and_blanks():
    assert a._text(None) == "" and a._text(float("nan")) == "" and a._text(pd.NA) == ""
    assert a._text(7) == "7" and a._text("x") == "x"
    assert a._blank(None) and a._blank(pd.NA) and a._blank(pd.NaT) and a._blank(float("nan"))
    assert not a._blank(0) and not a._blank("") and not a._blank(0.0)


def test_numeric_keys():
    assert [a._is_numeric(k) for k in ("sets", "reps", "seconds", "minutes", "pain_x")] == [
        True
    ] * 5
    assert [a._is_numeric(k) for k in ("date", "notes", "side", "painful")] == [False] * 4


def test_new_header_and_column_keys():
    assert ",".join(a._new_header([{"date": 1}])) == NEW_HEADER
    assert a._new_header([{"participant": "p"}, {"pain_toe": 1, "pain_heel": 2, "pain_back": 3}])[
        -5:
    ] == ["pain_knee", "pain_toe", "pain_heel", "minutes", "notes"]
    assert a._new_header([{"participant": "p"}])[0] == "participant"
    assert a._column_key("Pain Back") == "pain_back"
    assert a._column_key("\u200bMood\u00a0") == "Mood"
    assert a._column_key(" Date ") == "date"


def test_records_from_dicts_or_a_frame():
    assert a._records([{"Date": "2026-04-10", "Pain Back": 3}]) == [
        {"date": "2026-04-10", "pain_back": 3}
    ]
    frame = pd.DataFrame({"date": ["2026-04-10"], "sets": [3]})
    assert a._records(frame) == [{"date": "2026-04-10", "sets": 3}]
    assert a._records([(("sets", 1),)]) == [{"sets": 1}]
    with pytest.raises(TypeError) as info:
        a._records({"date": "2026-04-10"})
    assert str(info.value) == "rows: expected a list of dicts (one per row), got one dict"


def test_whole_numbers():
    assert a._whole(6.0) == 6 and type(a._whole(6.0)) is int
    assert a._whole(7.5) == 7.5


# -- refusals ---------------------------------------------------------------------------------


def test_no_rows(tmp_path):
    with pytest.raises(UsageError) as info:
        plan_append(tmp_path / "log.csv", [])
    assert str(info.value) == "no rows to add"


def test_a_folder_or_a_missing_folder(tmp_path):
    with pytest.raises(AppendError) as info:
        plan_append(tmp_path, [{"date": "2026-04-10"}])
    assert str(info.value) == f"{tmp_path} is a folder: give the log file"
    missing = tmp_path / "no" / "log.csv"
    message = f"{missing}: the folder {missing.parent} does not exist; nothing was written"
    with pytest.raises(AppendError) as info:
        plan_append(missing, [{"date": "2026-04-10"}])
    assert str(info.value) == message
    with pytest.raises(AppendError) as info:
        append_rows(missing, [{"date": "2026-04-10"}])
    assert str(info.value) == message


def test_a_read_only_log(tmp_path, monkeypatch):
    log = tmp_path / "log.csv"
    log.write_text("date,exercise,sets\n")
    # os.access as for a user without write permission (the tests may run as root)
    monkeypatch.setattr(a.os, "access", lambda path, mode: mode != os.W_OK)
    with pytest.raises(AppendError) as info:
        plan_append(log, [{"date": "2026-04-10"}])
    assert str(info.value) == (
        f"{log} is read-only (chmod u+w {log} to add to it); nothing was written"
    )


def test_an_app_export_is_never_written_to(tmp_path):
    log = tmp_path / "strong.csv"
    log.write_text(
        "Date,Workout Name,Duration,Exercise Name,Set Order,Weight,Reps,Distance,Seconds,"
        "Notes,Workout Notes,RPE\n"
    )
    with pytest.raises(AppendError) as info:
        plan_append(log, [{"date": "2026-04-10"}])
    assert str(info.value) == (
        f"{log} is an export of Strong: it belongs to Strong, so footstats does not add to it "
        "(its next export would not have your rows anyway). Start a footstats log instead: "
        "footstats add my_log.csv ... creates one, and read_logs/report read both files."
    )


def test_encodings_that_do_not_fit_the_log(tmp_path):
    log = tmp_path / "log.csv"
    log.write_bytes("date,exercise,sets,notes\n2026-04-08,Toe walking,6,café\n".encode())
    row = [{"date": "2026-04-10", "exercise": "Toe walking", "sets": 6}]
    with pytest.raises(AppendError) as info:
        plan_append(log, row, encoding="cp1252")
    assert str(info.value) == (
        f"{log}: nothing was written: the log is UTF-8 (its bytes read as UTF-8), so rows "
        "written as cp1252 would make it unreadable; leave out the encoding (--encoding)"
    )
    with pytest.raises(AppendError) as info:
        plan_append(log, row, encoding="klingon")
    assert str(info.value) == f"{log}: nothing was written: unknown encoding 'klingon'"
    # UTF-8 given, or an ASCII log: any encoding is taken
    assert plan_append(log, row, encoding="UTF-8", today=TODAY).ok
    ascii_log = tmp_path / "ascii.csv"
    ascii_log.write_bytes(b"date,exercise,sets\n2026-04-08,Toe walking,6\n")
    assert plan_append(ascii_log, row, encoding="cp1252", today=TODAY).ok


def test_check_encoding_cases():
    a._check_encoding("log.csv", "é".encode(), None)
    a._check_encoding("log.csv", "é".encode(), "utf-8-sig")
    a._check_encoding("log.csv", b"abc", "cp1252")
    a._check_encoding("log.csv", "é".encode("cp1252"), "cp1252")  # not UTF-8
    a._check_encoding("log.csv", "date".encode("utf-16"), "utf-16")
    a._check_encoding("log.csv", b"\xfe\xff" + "d".encode("utf-16-be"), "utf-16")
    with pytest.raises(AppendError):
        a._check_encoding("log.csv", "é".encode(), "latin-1")


def test_a_character_the_logs_encoding_cannot_write(tmp_path):
    log = tmp_path / "log.csv"
    log.write_bytes("date,exercise,sets,notes\n2026-04-08,Toe walking,6,café\n".encode("cp1252"))
    with pytest.raises(AppendError) as info:
        plan_append(
            log,
            [{"date": "2026-04-10", "exercise": "Toe walking", "sets": 6, "notes": "ok ✓"}],
            encoding="cp1252",
        )
    assert str(info.value) == (
        f"{log}: nothing was written: '✓' cannot be written in the log's encoding (cp1252); "
        "leave it out or convert the log to UTF-8"
    )


def test_a_log_changed_after_planning_is_not_written(tmp_path):
    log = tmp_path / "log.csv"
    log.write_text("date,exercise,sets\n2026-04-08,Toe walking,6\n")
    plan = plan_append(log, [{"date": "2026-04-10", "exercise": "Toe walking", "sets": 6}])
    log.write_text("date,exercise,sets\n2026-04-09,Toe walking,6\n")
    with pytest.raises(AppendError) as info:
        plan.write()
    assert str(info.value) == (
        f"{log} changed since it was read (saved by another program?): nothing was written; "
        "add the rows again to the file as it is now"
    )
    created = tmp_path / "new.csv"
    plan = plan_append(created, [{"date": "2026-04-10", "exercise": "Toe walking", "sets": 6}])
    created.write_text("date\n")
    with pytest.raises(AppendError) as info:
        plan.write()
    assert str(info.value).startswith(f"{created} was created since it was read")


def test_confirm_says_no(tmp_path):
    log = tmp_path / "log.csv"
    log.write_text("date,exercise,sets\n")
    row = [{"date": "2026-04-10", "exercise": "Toe walking", "sets": 6}]
    with pytest.raises(AppendError) as info:
        append_rows(log, row, confirm=lambda plan: False)
    assert str(info.value) == (
        f"{log} changed since the rows were shown (saved by another program?): nothing was "
        "written; add the rows again to the file as it is now"
    )
    assert log.read_text() == "date,exercise,sets\n"
    seen = []
    append_rows(log, row, confirm=lambda plan: seen.append(plan.text) or True, today=TODAY)
    assert seen == ["2026-04-10,Toe walking,6\n"]


@pytest.mark.parametrize(
    ("number", "filename", "expected"),
    [
        (errno.ENOSPC, None, "cannot write L: the disk is full; U. Free some space and retry"),
        (errno.EDQUOT, None, "cannot write L: the disk is full; U. Free some space and retry"),
        (errno.EFBIG, None, "cannot write L: the disk is full; U. Free some space and retry"),
        (errno.EROFS, None, "cannot write L: the file system is read-only; U"),
        (
            errno.EACCES,
            "LOCK",
            "cannot write L: permission denied on its lock file LOCK (made by another user?); U",
        ),
        (
            errno.EPERM,
            "LOCK",
            "cannot write L: permission denied on its lock file LOCK (made by another user?); U",
        ),
        (
            errno.EACCES,
            None,
            "cannot write L: permission denied in the folder DIR (footstats writes the new log "
            "beside the old one, then swaps them, so the folder must be writable); U",
        ),
        (
            errno.EPERM,
            "/elsewhere",
            "cannot write L: permission denied in the folder DIR (footstats writes the new log "
            "beside the old one, then swaps them, so the folder must be writable); U",
        ),
        (errno.EIO, None, "cannot write L: Input/output error; U"),
    ],
)
def test_os_messages(tmp_path, number, filename, expected):
    target = tmp_path / "log.csv"
    lock = a.lock_file(target)
    name = str(lock) if filename == "LOCK" else filename
    exc = OSError(number, os.strerror(number), name)
    text = expected.replace("LOCK", str(lock)).replace("DIR", str(tmp_path))
    text = text.replace("; U", "; nothing was written and L is unchanged").replace(
        "U.", "nothing was written and L is unchanged."
    )
    assert a._os_message("L", target, exc) == text


def test_an_os_error_without_a_reason():
    assert a._os_message("L", Path("log.csv"), OSError("boom")) == (
        "cannot write L: boom; nothing was written and L is unchanged"
    )


# -- session rows and the week so far -------------------------------------------------------


def test_session_rows_of_the_routine_as_prescribed():
    rows = session_rows("2026-04-10", pain={"back": 3, "hip": None}, minutes=20, notes="ok")
    assert rows == [
        {
            "date": "2026-04-10",
            "exercise": "Toe walking",
            "sets": 6,
            "seconds": 60,
            "side": None,
            "pain_back": 3,
            "minutes": 20,
            "notes": "ok",
        },
        {"date": "2026-04-10", "exercise": "Heel raises", "sets": 2, "reps": 10, "side": "left"},
        {"date": "2026-04-10", "exercise": "Heel raises", "sets": 2, "reps": 10, "side": "right"},
        {
            "date": "2026-04-10",
            "exercise": "Tibialis anterior",
            "sets": 1,
            "reps": 10,
            "seconds": 2,
            "side": "left",
        },
        {
            "date": "2026-04-10",
            "exercise": "Tibialis anterior",
            "sets": 1,
            "reps": 10,
            "seconds": 2,
            "side": "right",
        },
        {"date": "2026-04-10", "exercise": "Ankle circles", "sets": 5, "reps": 5, "side": "left"},
        {"date": "2026-04-10", "exercise": "Ankle circles", "sets": 5, "reps": 5, "side": "right"},
        {"date": "2026-04-10", "exercise": "Curl the toes", "sets": 10, "reps": 5, "side": None},
    ]


def test_session_rows_done_check_in_and_participant():
    done = [{"exercise": "Hop", "sets": 2}]
    assert session_rows("2026-04-10", done=done, participant="p1") == [
        {"participant": "p1", "date": "2026-04-10", "exercise": "Hop", "sets": 2}
    ]
    assert session_rows("2026-04-10", done=[], pain={"knee": 0}, minutes=0) == [
        {"date": "2026-04-10", "pain_knee": 0, "minutes": 0}
    ]
    with pytest.raises(UsageError) as info:
        session_rows("2026-04-10", done=[], pain={"knee": None}, notes="x")
    assert str(info.value) == "a pain check-in needs at least one pain value"
    assert session_rows("2026-04-10", done=[], pain={"knee": 1}, notes="")[0] == {
        "date": "2026-04-10",
        "pain_knee": 1,
    }


def read(text: str) -> pd.DataFrame:
    return footstats.read_log(StringIO(text))


def test_week_so_far_in_words():
    # weeks of 30 March (2 sessions: met) and 6 April (1 session so far)
    log = read(
        "date,exercise,sets\n2026-03-30,Heel raises,2\n2026-04-01,Heel raises,2\n"
        "2026-04-06,Toe walking,6\n"
    )
    assert week_so_far(log, "2026-04-08") == (
        "1 of 2–3 sessions this week (week of Mon 6 Apr 2026); streak: 1 week at target"
    )
    assert week_so_far(log, "2026-04-01") == (
        "2 of 2–3 sessions this week (week of Mon 30 Mar 2026); streak: 1 week at target"
    )
    assert week_so_far(log, date(2026, 3, 29)) == (
        "0 of 2–3 sessions this week (week of Mon 23 Mar 2026); streak: 0 weeks at target"
    )
    two = read(
        "date,exercise,sets\n2026-03-30,Heel raises,2\n2026-04-01,Heel raises,2\n"
        "2026-04-06,Toe walking,6\n2026-04-07,Toe walking,6\n"
    )
    assert week_so_far(two, "2026-04-12") == (
        "2 of 2–3 sessions this week (week of Mon 6 Apr 2026); streak: 2 weeks at target"
    )


ONCE_A_WEEK = """name = "Once a week"
sessions_per_week = 1
session_minutes = 10

[[exercise]]
id = "hop"
name = "Hop"
sets = 3
reps = 10
"""


def test_session_rows_and_week_so_far_of_a_routine_given(tmp_path):
    path = tmp_path / "once.toml"
    path.write_text(ONCE_A_WEEK, encoding="utf-8")
    expected = [{"date": "2026-04-10", "exercise": "Hop", "sets": 3, "reps": 10, "side": None}]
    assert session_rows("2026-04-10", routine=path) == expected
    assert session_rows("2026-04-10", routine=footstats.load_routine(path)) == expected
    with pytest.warns(DeprecationWarning):
        assert session_rows("2026-04-10", program=path) == expected
    log = footstats.read_log(StringIO("date,exercise,sets\n2026-04-06,Hop,3\n"), routine=path)
    text = "1 of 1 sessions this week (week of Mon 6 Apr 2026); streak: 1 week at target"
    assert week_so_far(log, "2026-04-08", routine=path) == text
    assert week_so_far(log, "2026-04-08", routine=footstats.load_routine(path)) == text
    with pytest.warns(DeprecationWarning):
        assert week_so_far(log, "2026-04-08", program=path) == text


TOE_WALKING_ONCE_A_WEEK = """name = "Toe walking once a week"
sessions_per_week = 1
session_minutes = 10

[[exercise]]
id = "toe_walking"
name = "Toe walking"
sets = 6
"""


def test_week_so_far_judges_the_week_by_the_routine_given_not_the_logs_own(tmp_path):
    # read with the packaged routine (2-3 a week); the routine given asks for 1 a week, so
    # the one session of the week of 6 April meets it: a streak of 1, not 0
    path = tmp_path / "once.toml"
    path.write_text(TOE_WALKING_ONCE_A_WEEK, encoding="utf-8")
    log = read("date,exercise,sets\n2026-04-06,Toe walking,6\n")
    assert week_so_far(log, "2026-04-08", routine=path) == (
        "1 of 1 sessions this week (week of Mon 6 Apr 2026); streak: 1 week at target"
    )
    assert week_so_far(log, "2026-04-08") == (
        "1 of 2–3 sessions this week (week of Mon 6 Apr 2026); streak: 0 weeks at target"
    )


def test_a_past_week_short_of_target_is_left_out_of_the_streak_so_far():
    # 30 March: 2 sessions (met); 6 April: 1 session, and the log goes on to 13 April, so
    # that week is over and short: asked on 8 April, the streak so far is the week before
    # (1), neither broken by the short week (0) nor counting it
    log = read(
        "date,exercise,sets\n2026-03-30,Heel raises,2\n2026-04-01,Heel raises,2\n"
        "2026-04-06,Toe walking,6\n2026-04-13,Toe walking,6\n"
    )
    assert week_so_far(log, "2026-04-08") == (
        "1 of 2–3 sessions this week (week of Mon 6 Apr 2026); streak: 1 week at target"
    )


def test_the_preview_keeps_a_trailing_space(tmp_path):
    plan = plan_append(
        tmp_path / "log.csv",
        [{"date": "2026-04-10", "exercise": "Toe walking", "sets": 6, "notes": "tired "}],
        today=TODAY,
    )
    assert plan.preview().endswith("\n2026-04-10,Toe walking,6,,,,,,,,tired ")


def test_week_so_far_of_a_participant():
    log = read(
        "participant,date,exercise,sets\np1,2026-04-06,Toe walking,6\n"
        "p2,2026-04-06,Toe walking,6\np2,2026-04-07,Toe walking,6\n"
    )
    with pytest.raises(UsageError) as info:
        week_so_far(log, "2026-04-08")
    assert str(info.value) == ("the log has several participants: say whose week (participant=)")
    assert week_so_far(log, "2026-04-08", participant="p2").startswith("2 of 2–3 sessions")
    assert week_so_far(log, "2026-04-08", participant="p1").startswith("1 of 2–3 sessions")
    one = read("participant,date,exercise,sets\np1,2026-04-06,Toe walking,6\n")
    assert week_so_far(one, "2026-04-08").startswith("1 of 2–3 sessions")


def test_options_and_keywords_together_name_the_function(tmp_path):
    from footstats.core.options import ReadOptions

    for function in (plan_append, append_rows):
        with pytest.raises(TypeError) as info:
            function(
                tmp_path / "log.csv", [{"date": "2026-04-10"}], options=ReadOptions(), dayfirst=True
            )
        assert str(info.value) == (
            f"{function.__name__}(): give options= or dayfirst=, not both (a ReadOptions holds "
            "every reading option: ReadOptions(dayfirst=...))"
        )


def test_refused_rows_name_the_log(tmp_path):
    log = tmp_path / "log.csv"
    with pytest.raises(RowsRefused) as info:
        append_rows(log, [{"date": "2026-04-10", "exercise": "Toe walking", "sets": "x"}])
    assert str(info.value).startswith(str(log))


def test_a_log_over_one_mebibyte_is_written_whole(tmp_path):
    # two notes of 600,000 characters: the new file is written in chunks of 1 MiB
    log = tmp_path / "log.csv"
    note = "n" * 600_000
    old = "date,exercise,sets,notes\n" + "".join(
        f"2026-04-0{day},Toe walking,6,{note}\n" for day in (8, 9)
    )
    log.write_text(old)
    append_rows(log, [{"date": "2026-04-10", "exercise": "Toe walking", "sets": 6}], today=TODAY)
    assert log.read_text() == old + "2026-04-10,Toe walking,6,\n"


# -- a plan written later: the lock's failures name the log ------------------------------


def _refused_write(monkeypatch):
    """Writing the new file beside the log is denied (a folder without write permission)."""

    def denied(path, data):
        raise PermissionError(errno.EACCES, os.strerror(errno.EACCES), str(path))

    monkeypatch.setattr(a, "_write_all", denied)


def _refused_lock(monkeypatch, error):
    import filelock

    def acquire(self, *args, **kwargs):
        raise error(self.lock_file)

    monkeypatch.setattr(filelock.FileLock, "acquire", acquire)


def test_a_planned_write_that_cannot_get_the_lock_names_the_log(tmp_path, monkeypatch):
    import filelock

    log = tmp_path / "log.csv"
    log.write_text("date,exercise,sets\n2026-04-08,Toe walking,6\n")
    plan = plan_append(log, [{"date": "2026-04-10", "exercise": "Toe walking", "sets": 6}])
    _refused_lock(monkeypatch, filelock.Timeout)
    with pytest.raises(AppendError) as refused:
        plan.write()
    assert str(refused.value) == (
        f"{log}: nothing was written: {log} is being written by another program "
        f"(footstats waited {files.LOCK_TIMEOUT_SECONDS:g} s for it); try again in a moment"
    )
    assert log.read_text() == "date,exercise,sets\n2026-04-08,Toe walking,6\n"


def test_a_planned_write_refused_its_lock_file_names_the_log(tmp_path, monkeypatch):
    log = tmp_path / "log.csv"
    log.write_text("date,exercise,sets\n2026-04-08,Toe walking,6\n")
    plan = plan_append(log, [{"date": "2026-04-10", "exercise": "Toe walking", "sets": 6}])

    def denied(lock_file):
        return PermissionError(errno.EACCES, os.strerror(errno.EACCES), lock_file)

    _refused_lock(monkeypatch, denied)
    with pytest.raises(AppendError) as refused:
        plan.write()
    assert str(refused.value) == (
        f"cannot write {log}: permission denied on its lock file {a.lock_file(log)} (made by "
        f"another user?); nothing was written and {log} is unchanged"
    )
    assert log.read_text() == "date,exercise,sets\n2026-04-08,Toe walking,6\n"


def test_append_rows_that_cannot_get_the_lock_names_the_log(tmp_path, monkeypatch):
    import filelock

    log = tmp_path / "log.csv"
    log.write_text("date,exercise,sets\n")
    _refused_lock(monkeypatch, filelock.Timeout)
    with pytest.raises(AppendError) as refused:
        append_rows(log, [{"date": "2026-04-10", "exercise": "Toe walking", "sets": 6}])
    assert str(refused.value) == (
        f"{log}: nothing was written: {log} is being written by another program "
        f"(footstats waited {files.LOCK_TIMEOUT_SECONDS:g} s for it); try again in a moment"
    )
    assert log.read_text() == "date,exercise,sets\n"


def test_a_planned_write_of_refused_rows_names_the_file(tmp_path):
    log = tmp_path / "log.csv"
    log.write_text("date,exercise,sets\n")
    plan = plan_append(log, [{"date": "2026-04-10", "exercise": "Toe walking", "sets": "x"}])
    with pytest.raises(RowsRefused) as refused:
        plan.write()
    assert refused.value.file == str(log)
    assert str(refused.value).startswith(
        f"{log}: nothing was written; the new rows have errors:\n  {log}:2:"
    )


def test_a_failed_write_under_the_lock_names_the_log_and_its_folder(tmp_path, monkeypatch):
    log = tmp_path / "log.csv"
    log.write_text("date,exercise,sets\n")
    plan = plan_append(log, [{"date": "2026-04-10", "exercise": "Toe walking", "sets": 6}])
    _refused_write(monkeypatch)
    with pytest.raises(AppendError) as refused:
        plan.write()
    assert str(refused.value) == (
        f"cannot write {log}: permission denied in the folder {tmp_path} (footstats writes the "
        "new log beside the old one, then swaps them, so the folder must be writable); "
        f"nothing was written and {log} is unchanged"
    )
    assert log.read_text() == "date,exercise,sets\n"


def test_a_leftover_temp_file_removed_by_someone_else_meanwhile_is_no_error(tmp_path, monkeypatch):
    # stale_temps listed a killed writer's file; it is gone by the time it is removed
    log = tmp_path / "log.csv"
    log.write_text("date,exercise,sets\n")
    monkeypatch.setattr(a, "stale_temps", lambda path: [tmp_path / ".log.csv.gone.tmp"])
    append_rows(log, [{"date": "2026-04-10", "exercise": "Toe walking", "sets": 6}])
    assert log.read_text() == "date,exercise,sets\n2026-04-10,Toe walking,6\n"


# -- exercises the routine does not know, rows not read back, the log's own faults ---------


def test_new_rows_the_routine_does_not_know_are_each_warned_about_once(tmp_path):
    # line 2 (the log): 'Tow walking'; new lines 3-7: a check-in without an exercise, 'Tow
    # walking' again (the reader warned at line 2, so the warning of line 4 is add's, with
    # the routine's closest name), 'Juggling' twice (the reader warns at line 5, its first;
    # add warns at line 6, with no closest name), and 'Heel Rize', matched by the map
    log = tmp_path / "log.csv"
    log.write_text("date,exercise,sets,pain_back\n2026-04-08,Tow walking,6,\n")
    rows = [
        {"date": "2026-04-10", "pain_back": 3},
        {"date": "2026-04-10", "exercise": "Tow walking", "sets": 6},
        {"date": "2026-04-10", "exercise": "Juggling", "sets": 2},
        {"date": "2026-04-10", "exercise": "Juggling", "sets": 2},
        {"date": "2026-04-10", "exercise": "Heel Rize", "sets": 2},
    ]
    plan = plan_append(log, rows, exercise_map={"heel rize": "heel_raises"})
    f = str(log)
    kept = "kept, but not counted as a routine exercise."
    already = "(the log has it already; the routine decides what counts)"
    assert plan.ok
    assert found(plan.problems) == [
        (
            f,
            4,
            "exercise",
            "Tow walking",
            "warning",
            "FS221",
            f"'Tow walking' is not in the routine: {kept} Did you mean 'Toe walking'? {already}",
        ),
        (
            f,
            5,
            "exercise",
            "Juggling",
            "warning",
            "FS221",
            f"'Juggling' is not in the routine on 2 rows (lines 5, 6): {kept} (an exercise_map "
            "or an alias in your routine file can match it)",
        ),
        (f, 6, "-", "", "warning", "FS306", "repeats line 5 exactly: both rows kept"),
        (
            f,
            6,
            "exercise",
            "Juggling",
            "warning",
            "FS221",
            f"'Juggling' is not in the routine: {kept} {already}",
        ),
    ]


def test_the_routine_given_decides_which_exercises_are_unknown(tmp_path):
    path = tmp_path / "once.toml"
    path.write_text(ONCE_A_WEEK, encoding="utf-8")
    log = tmp_path / "log.csv"
    log.write_text("date,exercise,sets\n")
    hop = [{"date": "2026-04-10", "exercise": "Hop", "sets": 3}]
    assert found(plan_append(log, hop, routine=path).problems) == []
    assert [p[5] for p in found(plan_append(log, hop).problems)] == ["FS221"]


def test_rows_that_would_not_be_read_back_are_refused_at_their_first_line(tmp_path):
    log = tmp_path / "log.csv"
    log.write_text('date,exercise,sets,notes\n2026-04-08,Toe walking,6,"open\n')
    plan = plan_append(log, [{"date": "2026-04-10", "exercise": "Toe walking", "sets": 6}])
    assert not plan.ok
    assert found(plan.problems) == [
        (
            str(log),
            3,
            "-",
            "",
            "error",
            "FS602",
            "the new rows would not be read back as written (a quote in the last line of the "
            "log is never closed?): footstats check shows the line to fix first",
        )
    ]


def test_an_error_in_the_logs_header_refuses_the_new_rows(tmp_path):
    log = tmp_path / "log.csv"
    log.write_text("date,exercise,sets,sets\n2026-04-08,Toe walking,6,6\n")
    plan = plan_append(log, [{"date": "2026-04-10", "exercise": "Toe walking", "sets": 6}])
    assert not plan.ok
    assert found(plan.problems) == [
        (
            str(log),
            1,
            "-",
            "",
            "error",
            "FS104",
            "the columns 'sets' and 'sets' both mean sets; keep one of them",
        )
    ]


def test_an_empty_file_gets_a_header_and_the_rows(tmp_path):
    log = tmp_path / "log.csv"
    log.write_bytes(b"")
    plan = plan_append(log, [{"date": "2026-04-10", "exercise": "Toe walking", "sets": 6}])
    assert (plan.ok, plan.creates, plan.lines) == (True, True, range(2, 3))
    plan.write()
    assert log.read_text() == f"{NEW_HEADER}\n2026-04-10,Toe walking,6,,,,,,,,\n"


def test_a_binary_file_is_refused_naming_it(tmp_path):
    log = tmp_path / "log.csv"
    log.write_bytes(b"\x00\x01\x02binary\x00")
    with pytest.raises(AppendError) as refused:
        plan_append(log, [{"date": "2026-04-10", "exercise": "Toe walking", "sets": 6}])
    assert str(refused.value) == (
        f"{log}: nothing was written: not a text file: expected a CSV log (text with one row "
        "per exercise per session)"
    )


def test_an_app_export_is_known_through_invisible_characters(tmp_path):
    log = tmp_path / "strong.csv"
    log.write_text(
        "Date,Workout Name,Exercise Name\u200b,Set Order,Weight,Reps,Distance,Seconds,Notes\n"
    )
    with pytest.raises(AppendError) as refused:
        plan_append(log, [{"date": "2026-04-10", "exercise": "Toe walking", "sets": 6}])
    assert str(refused.value).startswith(f"{log} is an export of Strong: it belongs to Strong")


def test_a_log_that_cannot_be_read_says_why(tmp_path, monkeypatch):
    log = tmp_path / "log.csv"
    log.write_text("date,exercise,sets\n")

    def denied(path):
        raise PermissionError(errno.EACCES, os.strerror(errno.EACCES), str(path))

    monkeypatch.setattr(a, "read_regular_file", denied)
    with pytest.raises(AppendError) as refused:
        plan_append(log, [{"date": "2026-04-10", "exercise": "Toe walking", "sets": 6}])
    assert str(refused.value) == f"cannot read {log}: Permission denied"


def test_a_save_of_the_same_bytes_after_planning_counts_as_a_change(tmp_path):
    log = tmp_path / "log.csv"
    log.write_text("date,exercise,sets\n")
    plan = plan_append(log, [{"date": "2026-04-10", "exercise": "Toe walking", "sets": 6}])
    later = log.stat().st_mtime_ns + 2_000_000_000
    os.utime(log, ns=(later, later))
    with pytest.raises(AppendError, match="changed since it was read"):
        plan.write()
    assert log.read_text() == "date,exercise,sets\n"


def test_a_relative_path_names_the_folder_in_full(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    Path("log.csv").write_text("date,exercise,sets\n")
    plan = plan_append("log.csv", [{"date": "2026-04-10", "exercise": "Toe walking", "sets": 6}])
    _refused_write(monkeypatch)
    with pytest.raises(AppendError) as refused:
        plan.write()
    assert f"permission denied in the folder {tmp_path} (footstats" in str(refused.value)


def test_an_infinite_number_is_written_as_python_spells_it_and_refused(tmp_path):
    log = tmp_path / "log.csv"
    log.write_text("date,exercise,sets\n")
    plan = plan_append(
        log, [{"date": "2026-04-10", "exercise": "Toe walking", "sets": float("inf")}]
    )
    assert plan.text == "2026-04-10,Toe walking,Infinity\n"
    assert found(plan.problems) == [
        (
            str(log),
            2,
            "sets",
            "Infinity",
            "error",
            "FS208",
            "'Infinity' is not a number; expected a whole number ≥ 0 (sets)",
        )
    ]
