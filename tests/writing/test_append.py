"""Adding rows to a log (footstats.writing.append, ``footstats add``): the log is never harmed.

The dialect tests compare whole files byte for byte; the fault tests break the write in
every way the issue lists (os.replace failing, a writer killed with SIGKILL at every step,
a full disk, a read-only folder, two writers, a file changed meanwhile) and check that the
old bytes (or the complete new file) are there, that no temporary file is left, and what the
user is told. The hypothesis property checks the promise itself on generated logs.
"""

from __future__ import annotations

import codecs
import csv
import errno
import io
import os
import signal
import stat
import tempfile
import threading
import time
from datetime import date
from pathlib import Path

import filelock  # noqa: F401  (imported before any fork: children never import)
import pandas as pd
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import footstats
from footstats.cli import main
from footstats.writing import append as append_module
from footstats.writing import files
from footstats.writing.append import (
    AppendError,
    RowsRefused,
    append_rows,
    plan_append,
    session_rows,
)

SAMPLE = Path(__file__).resolve().parents[2] / "sample_data" / "foot_log.csv"
IMPORTERS = Path(__file__).parents[1] / "data" / "importers"
ROW = {"date": "2026-04-10", "exercise": "Heel raises", "sets": 3, "reps": 12, "side": "left"}
TODAY = date(2026, 12, 31)  # every generated date is before it: no future-date warnings


def files_in(folder: Path) -> list[str]:
    """Every file in ``folder`` but the lock file: temporary files (hidden) included.

    The lock file ``.NAME.lock`` stays on purpose (see ``footstats.writing.files.file_lock``).
    """
    return sorted(p.name for p in folder.iterdir() if not p.name.endswith(".lock"))


def write(path: Path, data: bytes) -> Path:
    path.write_bytes(data)
    return path


# -- the file keeps its dialect --------------------------------------------------------------

DIALECTS = {
    "plain": (
        b"date,exercise,sets,reps,side\n2026-04-08,Toe walking,6,,\n",
        b"2026-04-10,Heel raises,3,12,left\n",
    ),
    "no final newline": (
        b"date,exercise,sets,reps,side\n2026-04-08,Toe walking,6,,",
        b"\n2026-04-10,Heel raises,3,12,left\n",
    ),
    "excel europe: BOM, CRLF, semicolons, Pain Back": (
        b"\xef\xbb\xbfDate;Exercise;Sets;Reps;Side;Pain Back;Seconds\r\n"
        b"2026-04-08;Toe walking;6;;;4;60,5\r\n",
        b"2026-04-10;Heel raises;3;12;left;;\r\n",
    ),
    "every field quoted": (
        b'"date","exercise","sets","reps","side"\n"2026-04-08","Toe walking","6","",""\n',
        b'"2026-04-10","Heel raises","3","12","left"\n',
    ),
    "text quoted, numbers and blanks not": (
        b'"date","exercise","sets","reps","side"\n"2026-04-08","Toe walking",6,,\n',
        b'"2026-04-10","Heel raises",3,12,"left"\n',
    ),
    "old mac CR, other column order, extra column left blank": (
        b"exercise,side,mood,sets,date,reps\r\rToe walking,,ok,6,2026-04-08,",
        b"\rHeel raises,left,,3,2026-04-10,12\r",
    ),
    "tab-separated UTF-16 (Excel 'Unicode text')": (
        codecs.BOM_UTF16_LE + "date\texercise\tsets\treps\tside\r\n".encode("utf-16-le"),
        "2026-04-10\tHeel raises\t3\t12\tleft\r\n".encode("utf-16-le"),
    ),
}


@pytest.mark.parametrize("name", list(DIALECTS))
def test_new_row_is_written_in_the_files_own_dialect(tmp_path, name):
    old, added = DIALECTS[name]
    log = write(tmp_path / "log.csv", old)

    result = append_rows(log, [ROW], today=TODAY)

    assert log.read_bytes() == old + added
    assert result.problems.empty
    assert files_in(tmp_path) == ["log.csv"]  # no temporary file left


def test_decimal_comma_kept_and_a_value_with_the_delimiter_quoted(tmp_path):
    log = write(
        tmp_path / "log.csv", b"date;exercise;sets;seconds;notes\n2026-04-08;Toe walking;6;60,5;\n"
    )

    row = {**ROW, "seconds": 30.5, "notes": 'left; "tight"', "reps": None, "side": None}
    append_rows(log, [row])

    assert log.read_bytes().endswith(b'2026-04-10;Heel raises;3;30,5;"left; ""tight"""\n')
    tail = footstats.read_log(log).iloc[-1]
    assert (tail["seconds"], tail["notes"]) == (30.5, 'left; "tight"')


def test_cp1252_log_gets_cp1252_bytes(tmp_path):
    old = "date,exercise,sets,notes\n2026-04-08,Toe walking,6,café\n".encode("cp1252")
    log = write(tmp_path / "log.csv", old)

    append_rows(log, [{**ROW, "notes": "crème", "reps": None, "side": None}], encoding="cp1252")

    assert log.read_bytes() == old + "2026-04-10,Heel raises,3,crème\n".encode("cp1252")


def test_a_missing_log_is_created_with_a_header(tmp_path):
    log = tmp_path / "new.csv"

    result = append_rows(log, [ROW, {"date": "2026-04-10", "pain_back": 3}])

    assert log.read_text() == (
        "date,exercise,sets,reps,seconds,side,pain_back,pain_hip,pain_knee,minutes,notes\n"
        "2026-04-10,Heel raises,3,12,,left,,,,,\n"
        "2026-04-10,,,,,,3,,,,\n"
    )
    assert result.creates and result.lines == range(2, 4)


def test_permissions_and_symbolic_links_are_kept(tmp_path):
    real = write(tmp_path / "real.csv", SAMPLE.read_bytes())
    real.chmod(0o640)
    link = tmp_path / "log.csv"
    link.symlink_to(real)

    append_rows(link, [ROW])

    assert link.is_symlink() and link.resolve() == real
    assert stat.S_IMODE(real.stat().st_mode) == 0o640
    assert real.read_bytes() == SAMPLE.read_bytes() + b"2026-04-10,Heel raises,3,12,,left,,,,,\n"


# -- refused rows: the same messages as `footstats check`; nothing written ------------------


def test_invalid_row_is_refused_with_file_line_column_messages(tmp_path):
    log = write(tmp_path / "log.csv", SAMPLE.read_bytes())
    lines = SAMPLE.read_text().count("\n")

    with pytest.raises(RowsRefused) as caught:
        append_rows(log, [ROW, {**ROW, "sets": "three", "pain_back": 11}])

    message = str(caught.value)
    assert f"{log}:{lines + 2}:sets: error: 'three' is not a number" in message
    assert f"{log}:{lines + 2}:pain_back: error: 11 is outside 0–10" in message
    assert log.read_bytes() == SAMPLE.read_bytes()
    assert files_in(tmp_path) == ["log.csv"]


def test_pain_that_contradicts_the_same_session_in_the_log_is_refused(tmp_path):
    log = write(tmp_path / "log.csv", b"date,exercise,sets,pain_back\n2026-04-10,Toe walking,6,4\n")

    plan = plan_append(log, [{**ROW, "reps": None, "side": None, "pain_back": 7}])

    assert not plan.ok
    assert plan.messages() == [
        f"{log}:3:pain_back: error: 7 here but 4 on line 2 for the same session (2026-04-10): "
        "one pain value per site per session [FS307]"
    ]


def test_a_value_without_a_column_is_refused_not_dropped(tmp_path):
    log = write(tmp_path / "log.csv", b"date,exercise,sets\n")

    plan = plan_append(log, [{**ROW, "reps": None, "side": None, "pain_knee": 2}])

    assert plan.messages() == [
        f"{log}:2:pain_knee: error: the log has no pain_knee column (its columns: date, "
        "exercise, sets): add it to the header line first, or leave this value out [FS601]"
    ]
    with pytest.raises(RowsRefused):
        plan.write()
    assert log.read_bytes() == b"date,exercise,sets\n"


def test_warnings_are_reported_but_the_row_is_written(tmp_path):
    log = write(tmp_path / "log.csv", b"date,exercise,sets\n")

    result = append_rows(log, [{"date": "2026-04-10", "exercise": "Heel rises", "sets": 2}])

    assert result.ok and len(result.problems) == 1
    assert "'Heel rises' is not in the routine on this line" in result.messages()[0]
    assert log.read_text().endswith("2026-04-10,Heel rises,2\n")


@pytest.mark.parametrize(
    ("export", "app"),
    [("strong_ios.csv", "Strong"), ("hevy_kg.csv", "Hevy"), ("loop_checkmarks.csv", "Loop")],
)
def test_app_exports_are_never_written_to(tmp_path, export, app):
    data = (IMPORTERS / export).read_bytes()
    log = write(tmp_path / export, data)

    with pytest.raises(AppendError, match=rf"is an export of {app}.*Start a footstats log"):
        append_rows(log, [ROW])
    assert log.read_bytes() == data


def test_a_fitnotes_export_is_refused_too(tmp_path):
    data = b"Date,Exercise,Category,Weight (kgs),Reps,Distance,Distance Unit,Time,Comment\n"
    log = write(tmp_path / "fitnotes.csv", data + b"2025-02-03,Calf Raise,Legs,0.0,12,,,,\n")

    with pytest.raises(AppendError, match="is an export of FitNotes: it belongs to FitNotes"):
        append_rows(log, [{"date": "2026-04-10", "exercise": "Heel raises", "reps": 12}])
    assert log.read_bytes().startswith(data) and log.read_bytes().count(b"\n") == 2


def test_a_log_ending_inside_an_open_quote_is_refused(tmp_path):
    old = b'date,exercise,sets,notes\n2026-04-08,Toe walking,6,"never closed\n'
    log = write(tmp_path / "log.csv", old)

    with pytest.raises(RowsRefused):
        append_rows(log, [{**ROW, "reps": None, "side": None}])
    assert log.read_bytes() == old


# -- faults: the old bytes or the complete new file, no temporary file, a clear message -------


@pytest.fixture
def sample_log(tmp_path):
    return write(tmp_path / "log.csv", SAMPLE.read_bytes())


NEW_LINE = b"2026-04-10,Heel raises,3,12,,left,,,,,\n"


def test_os_replace_failing_leaves_the_log_and_no_temp_file(sample_log, monkeypatch):
    def broken_replace(src, dst):
        raise OSError(errno.EIO, "Input/output error")

    monkeypatch.setattr(os, "replace", broken_replace)

    with pytest.raises(AppendError, match="Input/output error; nothing was written"):
        append_rows(sample_log, [ROW])
    assert sample_log.read_bytes() == SAMPLE.read_bytes()
    assert files_in(sample_log.parent) == ["log.csv"]


def test_full_disk_leaves_the_log_and_no_temp_file(sample_log, monkeypatch):
    real_write = os.write

    def disk_full(fd, data):  # half a write, then ENOSPC, as a full disk does
        if ".tmp" in os.readlink(f"/proc/self/fd/{fd}"):
            real_write(fd, bytes(data[: len(data) // 2]))
            raise OSError(errno.ENOSPC, "No space left on device")
        return real_write(fd, data)

    monkeypatch.setattr(os, "write", disk_full)

    with pytest.raises(AppendError, match="the disk is full; nothing was written and .* unchanged"):
        append_rows(sample_log, [ROW])
    assert sample_log.read_bytes() == SAMPLE.read_bytes()
    assert files_in(sample_log.parent) == ["log.csv"]


def in_child(work, *, user: int | None = None) -> tuple[int, str]:
    """Run ``work()`` in a forked process; its exit status and what it wrote to the pipe.

    The child never imports anything (it was all imported here), optionally drops to
    ``user`` (so that a read-only folder is read-only even for root) and is waited for with
    a time limit: a child that hangs is killed and fails the test.
    """
    read_end, write_end = os.pipe()
    pid = os.fork()
    if pid == 0:  # the child: whatever happens, it ends here and never returns to pytest
        code = 4
        try:
            os.close(read_end)
            code = 0
            try:
                if user is not None:
                    os.setgid(user)
                    os.setuid(user)
                message = str(work())
            except BaseException as exc:  # reported to the parent, which asserts on it
                message, code = f"{type(exc).__name__}: {exc}", 3
            os.write(write_end, message.encode())
        finally:
            os._exit(code)
    os.close(write_end)
    deadline = time.monotonic() + 20
    while True:
        done, status = os.waitpid(pid, os.WNOHANG)
        if done:
            break
        if time.monotonic() > deadline:
            os.kill(pid, signal.SIGKILL)
            os.waitpid(pid, 0)
            pytest.fail("the writer hung")
        time.sleep(0.002)
    with os.fdopen(read_end, "rb") as pipe:
        message = pipe.read().decode()
    return status, message


STEPS = ("open", "write", "fsync", "chmod", "replace", "close", "unlink")


def killed_at(plan, step: int) -> int:
    """Write ``plan`` in a child that SIGKILLs itself before its ``step``-th system call."""

    def work():
        calls = 0
        append_module._CHUNK = 32  # many writes: many points in the middle of the file
        for name in STEPS:
            real = getattr(os, name)

            def counted(*args, _real=real, **kwargs):
                nonlocal calls
                calls += 1
                if calls == step:
                    os.kill(os.getpid(), signal.SIGKILL)
                return _real(*args, **kwargs)

            setattr(os, name, counted)
        plan.write()
        return str(calls)

    status, message = in_child(work)
    return status, message


def test_a_writer_killed_at_any_point_leaves_the_old_or_the_new_file(tmp_path):
    log = write(tmp_path / "log.csv", b"".join(SAMPLE.read_bytes().splitlines(True)[:8]))
    old, info = log.read_bytes(), log.stat()

    def restore():  # the old file, with its old time: the plan made once still applies
        log.write_bytes(old)
        os.utime(log, ns=(info.st_atime_ns, info.st_mtime_ns))

    plan = plan_append(log, [ROW])
    new = old + NEW_LINE
    for _ in range(2):  # the first write also creates the lock file: count the second one
        restore()
        status, calls = killed_at(plan, step=0)  # not killed
        assert status == 0 and log.read_bytes() == new
    steps = int(calls)
    assert steps > 20  # the file is written in many small pieces
    outcomes = set()
    for step in range(1, steps + 1):
        restore()
        status, _ = killed_at(plan, step)

        assert os.WIFSIGNALED(status) and os.WTERMSIG(status) == signal.SIGKILL, step
        after = log.read_bytes()
        assert after in (old, new), f"killed at step {step}: a damaged log"
        outcomes.add(after)
        if after == old:  # the next writer removes the temporary file the killed one left
            os.utime(log, ns=(info.st_atime_ns, info.st_mtime_ns))
            plan.write()
            assert log.read_bytes() == new
        assert files_in(tmp_path) == ["log.csv"], f"killed at step {step}"
    assert outcomes == {old, new}  # killed before and after the swap


def test_only_this_logs_leftover_temp_files_are_removed(sample_log):
    folder = sample_log.parent
    names = (
        ".log.footstats-0123abcd.tmp.csv",  # a killed writer's, of this log: removed
        ".log.footstats-0123abcd.tmp.txt",
        ".logs.footstats-0123abcd.tmp.csv",
        ".log-20261207.tmp.csv",  # yours, whatever it looks like (issue 26, point 2)
    )
    for name in names:
        (folder / name).write_text("x")

    append_rows(sample_log, [ROW])

    assert files_in(folder) == sorted([*names[1:], "log.csv"])


def test_a_read_only_folder_is_refused_with_a_clear_message(sample_log):
    folder = sample_log.parent
    plan = plan_append(sample_log, [ROW])
    sample_log.chmod(0o644)
    folder.chmod(0o555)
    try:
        status, message = in_child(plan.write, user=65534 if os.geteuid() == 0 else None)
    finally:
        folder.chmod(0o755)

    assert os.WEXITSTATUS(status) == 3
    assert message.startswith(f"AppendError: cannot write {sample_log}: permission denied in")
    assert "the folder must be writable" in message
    assert sample_log.read_bytes() == SAMPLE.read_bytes()
    assert files_in(folder) == ["log.csv"]


def test_two_writers_at_once_both_add_their_rows(sample_log):
    rows = [{**ROW, "reps": reps} for reps in (11, 12, 13, 14)]
    errors = []

    def add(row):
        try:
            append_rows(sample_log, [row])
        except Exception as exc:  # collected: the assertion below shows it
            errors.append(exc)

    writers = [threading.Thread(target=add, args=(row,)) for row in rows]
    for writer in writers:
        writer.start()
    for writer in writers:
        writer.join()

    assert errors == []
    data = sample_log.read_bytes()
    assert data.startswith(SAMPLE.read_bytes())
    added = sorted(data[len(SAMPLE.read_bytes()) :].decode().splitlines())
    assert added == [f"2026-04-10,Heel raises,3,{r},,left,,,,," for r in (11, 12, 13, 14)]
    assert files_in(sample_log.parent) == ["log.csv"]


def test_a_writer_waiting_too_long_for_the_lock_gives_up_cleanly(sample_log, monkeypatch):
    monkeypatch.setattr(files, "LOCK_TIMEOUT_SECONDS", 0.2)
    holding, release = threading.Event(), threading.Event()

    def hold():
        with files.file_lock(sample_log):
            holding.set()
            release.wait(10)

    holder = threading.Thread(target=hold)
    holder.start()
    holding.wait(10)
    try:
        with pytest.raises(AppendError, match="being written by another program"):
            append_rows(sample_log, [ROW])
    finally:
        release.set()
        holder.join()
    assert sample_log.read_bytes() == SAMPLE.read_bytes()


@pytest.mark.parametrize("change", ["saved by a spreadsheet", "same size and time"])
def test_a_log_changed_after_it_was_read_is_not_written(sample_log, change):
    plan = plan_append(sample_log, [ROW])
    info = sample_log.stat()
    if change == "saved by a spreadsheet":
        edited = SAMPLE.read_bytes() + b"2026-04-09,Toe walking,6,,60,,,,,,\n"
    else:  # one byte differs; size and modification time put back
        edited = SAMPLE.read_bytes().replace(b"left calf tight", b"left calf tighT")
    sample_log.write_bytes(edited)
    os.utime(sample_log, ns=(info.st_atime_ns, info.st_mtime_ns))

    with pytest.raises(AppendError, match="changed since it was read.*nothing was written"):
        plan.write()
    assert sample_log.read_bytes() == edited
    assert files_in(sample_log.parent) == ["log.csv"]


def test_two_processes_with_the_same_plan_write_once(sample_log):
    plan = plan_append(sample_log, [ROW])
    first = in_child(plan.write)
    second = in_child(plan.write)

    assert os.WEXITSTATUS(first[0]) == 0
    assert os.WEXITSTATUS(second[0]) == 3
    assert "changed since it was read (saved by another program?)" in second[1]
    assert sample_log.read_bytes() == SAMPLE.read_bytes() + NEW_LINE
    assert files_in(sample_log.parent) == ["log.csv"]


def test_old_rows_with_errors_do_not_stop_a_valid_new_row(tmp_path):
    old = b"date,exercise,sets,pain_back\n2026-04-08,Toe walking,6,11\n"
    log = write(tmp_path / "log.csv", old)

    result = append_rows(log, [{"date": "2026-04-10", "exercise": "Heel raises", "sets": 2}])

    assert result.problems.empty  # the old line's error is check's business, not add's
    assert log.read_bytes() == old + b"2026-04-10,Heel raises,2,\n"


def test_a_missing_folder_is_an_error_not_a_new_folder(tmp_path):
    with pytest.raises(AppendError, match="the folder .*missing does not exist"):
        append_rows(tmp_path / "missing" / "log.csv", [ROW])
    assert files_in(tmp_path) == []


def test_a_log_created_meanwhile_is_not_replaced(tmp_path):
    log = tmp_path / "log.csv"
    plan = plan_append(log, [ROW])
    log.write_bytes(b"date,exercise,sets\n")

    with pytest.raises(AppendError, match="was created since it was read"):
        plan.write()
    assert log.read_bytes() == b"date,exercise,sets\n"


# -- the property: old bytes are a prefix; read_log(new) == read_log(old) + rows --------------

EXERCISES = ["Toe walking", "Heel raises", "Ankle circles", "Curl the toes"]
NOTES_TEXT = st.text(alphabet="ab ;,\t\"'é", max_size=6)


@st.composite
def log_rows(draw, day: date) -> dict:
    row = {
        "date": day,
        "exercise": draw(st.sampled_from(EXERCISES)),
        "sets": draw(st.integers(0, 10)),
        "reps": draw(st.none() | st.integers(1, 20)),
        "seconds": draw(st.none() | st.integers(1, 90) | st.sampled_from([0.5, 30.5, 12.25])),
        "side": draw(st.none() | st.sampled_from(["left", "right", "both"])),
        "pain_back": draw(st.none() | st.integers(0, 10)),
        "notes": draw(st.none() | NOTES_TEXT),
    }
    return row


@st.composite
def logs(draw):
    delimiter = draw(st.sampled_from([",", ";", "\t"]))
    newline = draw(st.sampled_from(["\n", "\r\n", "\r"]))
    encoding, bom = draw(
        st.sampled_from(
            [
                ("utf-8", b""),
                ("utf-8", codecs.BOM_UTF8),
                ("utf-16-le", codecs.BOM_UTF16_LE),
                ("utf-16-be", codecs.BOM_UTF16_BE),
            ]
        )
    )
    quoting = draw(st.sampled_from([csv.QUOTE_MINIMAL, csv.QUOTE_ALL]))
    columns = draw(st.permutations(["date", "exercise", "sets", "reps", "seconds", "side"]))
    columns += [draw(st.sampled_from(["pain_back", "Pain Back", "PAIN-BACK"])), "notes"]
    days = draw(
        st.lists(st.dates(date(2025, 1, 1), date(2026, 6, 30)), min_size=2, max_size=7, unique=True)
    )
    split = draw(st.integers(0, len(days) - 1))
    old = [draw(log_rows(day)) for day in days[:split]]
    new = [draw(log_rows(day)) for day in days[split:]]
    final_newline = draw(st.booleans())
    return delimiter, newline, encoding, bom, quoting, columns, old, new, final_newline


def as_csv(columns, rows, delimiter, newline, encoding, bom, quoting, decimal_comma) -> bytes:
    """A log written by Python's csv module in the given dialect (not by footstats)."""
    out = io.StringIO()
    writer = csv.writer(out, delimiter=delimiter, lineterminator=newline, quoting=quoting)
    writer.writerow(columns)
    for row in rows:
        values = [row[footstats.reading.validation.canonical_column(c)] for c in columns]
        cells = []
        for value in values:
            if value is None:
                cells.append("")
            elif isinstance(value, float) and decimal_comma:
                cells.append(str(value).replace(".", ","))
            else:
                cells.append(str(value))
        writer.writerow(cells)
    return bom + out.getvalue().encode(encoding)


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(logs())
def test_appending_keeps_old_bytes_and_reads_back_old_plus_new(case):
    delimiter, newline, encoding, bom, quoting, columns, old_rows, new_rows, final = case
    decimal_comma = delimiter == ";"
    args = (delimiter, newline, encoding, bom, quoting, decimal_comma)
    old = as_csv(columns, old_rows, *args)
    if not final:
        old = old[: -len(newline.encode(encoding))]
    whole = as_csv(columns, old_rows + new_rows, *args)
    with tempfile.TemporaryDirectory() as folder:
        log = Path(folder) / "log.csv"
        log.write_bytes(old)

        append_rows(log, new_rows, today=TODAY)

        data = log.read_bytes()
        assert files_in(Path(folder)) == ["log.csv"]
    # a header with no line break at all shows no line ending: LF is used
    sure = newline if old_rows else "\n"
    ending = b"" if final else sure.encode(encoding)
    assert data.startswith(old + ending)
    expected = footstats.read_log(whole, today=TODAY)
    got = footstats.read_log(data, today=TODAY)
    pd.testing.assert_frame_equal(got, expected)
    if old_rows:
        before = footstats.read_log(old, today=TODAY)
        # the old rows as they read alone: exercise_name's categories are the names they hold
        old_part = got.iloc[: len(before)]
        old_part = old_part.astype({"exercise_name": before["exercise_name"].dtype})
        pd.testing.assert_frame_equal(old_part, before)


# -- session rows and the week so far --------------------------------------------------------


def test_session_rows_are_the_routine_as_prescribed_per_side():
    rows = session_rows("2026-04-10", pain={"back": 3}, minutes=20, notes="ok")

    assert [(r["exercise"], r["side"]) for r in rows] == [
        ("Toe walking", None),
        ("Heel raises", "left"),
        ("Heel raises", "right"),
        ("Tibialis anterior", "left"),
        ("Tibialis anterior", "right"),
        ("Ankle circles", "left"),
        ("Ankle circles", "right"),
        ("Curl the toes", None),
    ]
    assert rows[0] == {
        "date": "2026-04-10",
        "exercise": "Toe walking",
        "sets": 6,
        "seconds": 60,
        "side": None,
        "pain_back": 3,
        "minutes": 20,
        "notes": "ok",
    }
    assert rows[3] == {
        "date": "2026-04-10",
        "exercise": "Tibialis anterior",
        "sets": 1,
        "reps": 10,
        "seconds": 2,  # the 2 s hold
        "side": "left",
    }


def test_a_check_in_needs_a_pain_value():
    with pytest.raises(ValueError, match="needs at least one pain value"):
        session_rows("2026-04-10", done=[], pain={"back": None})


def test_week_so_far_counts_sessions_and_the_streak_of_weeks_at_target():
    text = "\n".join(
        ["date,exercise,sets"]
        + [f"{d},Heel raises,2" for d in ("2026-03-23", "2026-03-25")]  # met
        + [f"{d},Heel raises,2" for d in ("2026-03-30", "2026-04-01", "2026-04-03")]  # met
        + ["2026-04-06,Heel raises,2", "2026-04-07,Heel raises,0"]  # 1 session so far
    )
    log = footstats.read_log(io.StringIO(text))

    assert footstats.week_so_far(log, "2026-04-07") == (
        "1 of 2–3 sessions this week (week of Mon 6 Apr 2026); streak: 2 weeks at target"
    )
    assert footstats.week_so_far(log, "2026-04-01").startswith("3 of 2–3 sessions this week")
    assert footstats.week_so_far(log, "2026-04-01").endswith("streak: 2 weeks at target")
    assert footstats.week_so_far(log, "2026-03-16").startswith("0 of 2–3")  # before the log


def test_week_so_far_of_one_participant():
    log = footstats.read_log(
        io.StringIO(
            "participant,date,exercise,sets\np1,2026-04-06,Heel raises,2\n"
            "p2,2026-04-06,Heel raises,2\np2,2026-04-08,Heel raises,2\n"
        )
    )

    assert footstats.week_so_far(log, "2026-04-08", participant="p2").startswith(
        "2 of 2–3 sessions this week"
    )
    with pytest.raises(ValueError, match="several participants"):
        footstats.week_so_far(log, "2026-04-08")


# -- footstats add ---------------------------------------------------------------------------


def run(argv, capsys, stdin: str | None = None, monkeypatch=None):
    if stdin is not None:
        monkeypatch.setattr("sys.stdin", io.StringIO(stdin))
    try:
        code = main(argv)
    except SystemExit as exc:
        code = exc.code
    out, err = capsys.readouterr()
    return code, out, err


def test_cli_add_one_row_exits_0(sample_log, capsys):
    argv = ["add", str(sample_log), "--date", "2026-04-10", "--exercise", "Heel raises"]
    argv += ["--sets", "3", "--reps", "12", "--side", "left", "--pain-back", "2"]

    code, out, err = run(argv, capsys)

    assert code == 0, err
    assert (
        sample_log.read_bytes()
        == SAMPLE.read_bytes() + b"2026-04-10,Heel raises,3,12,,left,2,,,,\n"
    )
    assert f"Added 1 row (line 159) to {sample_log}" in out


def test_cli_add_invalid_row_exits_1_with_check_messages(sample_log, capsys):
    argv = ["add", str(sample_log), "--date", "2026-04-10", "--exercise", "Heel raises"]
    code, out, err = run([*argv, "--sets", "3", "--pain-knee", "12"], capsys)

    assert code == 1
    assert out.splitlines() == [
        f"{sample_log}:159:pain_knee: error: 12 is outside 0–10 (pain is a 0–10 rating) [FS203]"
    ]
    assert "nothing was written" in err
    assert sample_log.read_bytes() == SAMPLE.read_bytes()


def test_cli_add_session_asks_first(tmp_path, capsys, monkeypatch):
    log = tmp_path / "new.csv"
    argv = ["add", str(log), "--session", "--date", "2026-04-10"]

    code, out, err = run(argv, capsys, stdin="n\n", monkeypatch=monkeypatch)
    assert (code, log.exists()) == (1, False)
    assert "Add these rows? [y/N]" in err and "Curl the toes" in out

    code, out, err = run(argv, capsys, stdin="y\n", monkeypatch=monkeypatch)
    assert code == 0
    assert len(footstats.read_log(log)) == 8
    assert "1 of 2–3 sessions this week" in out


def test_cli_add_session_yes_and_check_in(tmp_path, capsys):
    log = tmp_path / "log.csv"

    assert run(["add", str(log), "--session", "--yes", "--date", "2026-04-10"], capsys)[0] == 0
    code, _, _ = run(["add", str(log), "--date", "2026-04-11", "--pain-hip", "3"], capsys)

    assert code == 0
    assert log.read_text().splitlines()[-1] == "2026-04-11,,,,,,,3,,,"


@pytest.mark.parametrize(
    ("argv", "message"),
    [
        (["--exercise", "Heel raises"], "--exercise needs --sets"),
        ([], "nothing to add"),
        (["--session", "--exercise", "Heel raises"], "--session or --exercise, not both"),
    ],
)
def test_cli_add_usage_errors_exit_2(sample_log, capsys, argv, message):
    code, _, err = run(["add", str(sample_log), *argv], capsys)

    assert code == 2 and message in err
    assert sample_log.read_bytes() == SAMPLE.read_bytes()


def test_cli_add_to_an_app_export_exits_2(tmp_path, capsys):
    log = write(tmp_path / "strong.csv", (IMPORTERS / "strong_ios.csv").read_bytes())

    code, _, err = run(["add", str(log), "--exercise", "Heel raises", "--sets", "2"], capsys)

    assert code == 2 and "is an export of Strong" in err
    assert "Traceback" not in err


def test_a_misspelt_exercise_is_warned_about_even_when_the_log_has_it_already(tmp_path):
    # issue 23: "Heal raises" is in the log (line 2), so the reader warns at line 2 only;
    # the new row is compared with the routine, not with the file, and warned about too
    log = tmp_path / "log.csv"
    log.write_text("date,exercise,sets\n2026-03-02,Heal raises,2\n", encoding="utf-8")
    plan = plan_append(log, [{"date": "2026-03-04", "exercise": "Heal raises", "sets": 2}])
    warnings = plan.problems[plan.problems["severity"] == "warning"]
    assert warnings["line"].tolist() == [3]
    assert warnings["code"].tolist() == ["FS221"]
    assert "Did you mean 'Heel raises'?" in warnings["message"].iloc[0]
    assert plan.ok  # a warning: the row is written when asked
    # a known exercise, or one the exercise map matches, is not warned about
    for row, mapping in (
        ({"date": "2026-03-04", "exercise": "Heel raises", "sets": 2}, None),
        (
            {"date": "2026-03-04", "exercise": "Calf raise", "sets": 2},
            {"Calf raise": "heel_raises"},
        ),
    ):
        quiet = plan_append(log, [row], exercise_map=mapping)
        assert (quiet.problems["line"] == 3).sum() == 0


def test_a_new_misspelling_is_warned_about_once(tmp_path):
    log = tmp_path / "log.csv"
    log.write_text("date,exercise,sets\n2026-03-02,Heel raises,2\n", encoding="utf-8")
    plan = plan_append(log, [{"date": "2026-03-04", "exercise": "Heal raises", "sets": 2}])
    assert plan.problems["code"].tolist() == ["FS221"]  # the reader's, not twice
