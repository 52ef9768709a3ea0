"""A folder read in groups (footstats.reading.batch) gives exactly what reading each file
alone gives.

footstats.validate_logs validates the files that share a header as one log; the reference
here is the same folder read file by file (footstats.reading.folders.read_group for every file).
The property generates folders of small logs with the rows that make batching hard: bad
values on a file's first and last line, quoted values over several lines, a participant
column, mixed headers, repeated headers, duplicates, pain clashes, dates years apart,
unknown exercises, blank lines, trailing delimiters, CRLF and files that are not logs.
"""

from __future__ import annotations

import tempfile
from datetime import date, timedelta
from pathlib import Path

import numpy as np
import pandas as pd
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from footstats.columns import CODE, FILE, LINE, MESSAGE
from footstats.reading import batch as _batch
from footstats.reading import folders
from footstats.reading.folders import validate_logs

HEADERS = (
    "date,exercise,sets",
    "date,exercise,sets,reps,pain_back",
    "participant,date,exercise,sets",
    "date,exercise,sets,notes",
    "date,exercise,sets,",
    "Date,Exercise,Sets,Pain Back",
    "date,pain_knee",
)
NOT_A_LOG = "date,exercise"  # sets are missing
# per column kind: common values, then rare ones (drawn about 1 time in 15)
CELLS = {
    "date": (
        ("2026-03-02", "2026-03-03", "2026-03-05", "2026-04-01", "2026-05-10"),
        ("2023-03-02", "2026-02-30", "", "date"),
    ),
    "exercise": (
        ("Heel raises", "Toe walk", "Calf stretch", "Towel scrunches"),
        ("Heel raise", '"Heel, raises"', ""),
    ),
    "sets": (("2", "3", "10", "1"), ("two", "", "03", "-1")),
    "reps": (("10", "", "12"), ("x",)),
    "pain": (("3", "4", ""), ("11",)),
    "participant": (("p01", "p02"), ("",)),
    "notes": (("ok", "", '"sore, left"'), ('"two\nlines"', '"said ""ouch"""')),
    "": (("",), ("x",)),
}
SPECIAL_LINES = (
    "",
    " , ,",
    "date,exercise,sets",
    "exercise,date,sets",
    "2026-03-04,Heel raises,2,",
)


def _kind(name: str) -> str:
    name = name.strip().lower()
    return "pain" if name.startswith("pain") else name


def cells(kind: str):
    common, rare = CELLS[kind]
    if kind == "date":  # 200 days of 2026: rows rarely repeat one another
        days = st.integers(0, 199).map(lambda n: str(date(2026, 1, 5) + timedelta(days=n)))
        return st.one_of(*[days] * 14, st.sampled_from(rare))
    return st.sampled_from(common * 14 + rare)


@st.composite
def log_files(draw, headers) -> str:
    header = draw(st.sampled_from(headers))
    names = header.split(",")
    lines = [header]
    for _ in range(draw(st.integers(0, 5))):
        if draw(st.integers(0, 19)) == 0:
            lines.append(draw(st.sampled_from(SPECIAL_LINES)))
            continue
        lines.append(",".join(draw(cells(_kind(name))) for name in names))
    ending = draw(st.sampled_from(("\n",) * 9 + ("\r\n",)))
    return ending.join(lines) + draw(st.sampled_from((ending, ending, "")))


@st.composite
def folders_of_logs(draw) -> list[bytes]:
    headers = draw(st.lists(st.sampled_from(HEADERS * 3 + (NOT_A_LOG,)), min_size=1, max_size=2))
    files = draw(st.lists(log_files(headers), min_size=1, max_size=8))
    data = [text.encode("utf-8") for text in files]
    if draw(st.integers(0, 3)) == 0:  # a file that is not a log, or not UTF-8
        data.insert(draw(st.integers(0, len(data))), draw(st.sampled_from((b"", b"\xff\xfe"))))
    return data


def one_by_one(folder: Path):
    """The folder read as before batching: every file by read_group alone."""
    original = folders.read_batched
    try:
        folders.read_batched = lambda entries, options, alone: [alone(entries)]
        return validate_logs(folder)
    finally:
        folders.read_batched = original


def assert_same(folder: Path) -> None:
    batched, alone = validate_logs(folder), one_by_one(folder)
    pd.testing.assert_frame_equal(batched.log, alone.log)
    pd.testing.assert_frame_equal(batched.problems, alone.problems)
    assert batched.log.attrs.keys() == alone.log.attrs.keys()
    assert batched.log.attrs["formats"] == alone.log.attrs["formats"]
    assert batched.format == alone.format
    assert batched.extents == alone.extents
    assert batched.left_out_lines() == alone.left_out_lines()


def write(folder: Path, files: list[bytes]) -> None:
    for number, data in enumerate(files):
        (folder / f"p{number:02d}.csv").write_bytes(data)


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(folders_of_logs())
def test_a_batched_folder_reads_as_its_files_one_by_one(files):
    with tempfile.TemporaryDirectory() as tmp:
        write(Path(tmp), files)
        assert_same(Path(tmp))


def test_problems_on_a_files_first_and_last_line_keep_their_file_and_line(tmp_path):
    good = "date,exercise,sets\n2026-03-02,Heel raises,2\n2026-03-04,Heel raises,3\n"
    bad = (
        "date,exercise,sets\n2026-03-02,Heel raises,two\n2026-03-04,Heel raises,3\n"
        "2026-03-06,Heel raises,\n"
    )
    write(tmp_path, [good.encode(), bad.encode(), good.encode()])
    loaded = validate_logs(tmp_path)
    assert loaded.problems[[FILE, LINE]].values.tolist() == [
        [str(tmp_path / "p01.csv"), 2],
        [str(tmp_path / "p01.csv"), 4],
    ]
    assert loaded.log[LINE].tolist() == [2, 3, 3, 2, 3]
    assert loaded.extents[str(tmp_path / "p01.csv")] == (4, {})
    assert_same(tmp_path)


def test_a_quoted_note_over_two_lines_keeps_its_lines(tmp_path):
    header = "date,exercise,sets,notes\n"
    note = header + '2026-03-02,Heel raises,2,"sore\nleft"\n2026-03-03,Heel raises,two,\n'
    plain = header + "2026-03-02,Heel raises,2,\n2026-03-03,Heel raises,x,\n"
    write(tmp_path, [plain.encode(), note.encode(), plain.encode()])
    loaded = validate_logs(tmp_path)
    assert loaded.problems[LINE].tolist() == [3, 4, 3]  # the note's record spans lines 2-3
    assert loaded.extents[str(tmp_path / "p01.csv")] == (4, {2: 3})
    assert_same(tmp_path)


def test_mixed_headers_and_own_participants_keep_the_order_of_the_files(tmp_path):
    a = "date,exercise,sets\n2026-03-02,Heel raises,2\n"
    b = "participant,date,exercise,sets\nx1,2026-03-02,Heel raises,2\nx2,2026-03-03,Toe walk,y\n"
    write(tmp_path, [a.encode(), b.encode(), a.encode(), b.encode()])
    loaded = validate_logs(tmp_path)
    assert loaded.log["participant"].tolist() == ["p00", "x1", "p02", "x1"]
    assert [Path(f).name for f in loaded.problems[FILE]] == ["p01.csv", "p03.csv", "p03.csv"]
    # the sets "y" twice, then p03 shares participant x1 with p01
    assert loaded.problems[CODE].tolist() == ["FS208", "FS208", "FS505"]
    assert_same(tmp_path)


@pytest.mark.parametrize(
    ("rows", "found"),
    [
        (["2026-03-02,Heel raises,2"] * 2, [(3, "FS306")]),  # "repeats line 2", not line 3
        (["2026-03-02,Heel raises,2", "2020-03-02,Heel raises,2"], [(2, "FS305"), (3, "FS305")]),
        (["2026-03-02,Jumping jacks,2"], [(2, "FS221")]),
    ],
)
def test_files_whose_rows_are_compared_get_their_own_messages(tmp_path, rows, found):
    same = "date,exercise,sets\n2026-03-02,Heel raises,2\n"
    write(tmp_path, [same.encode(), ("date,exercise,sets\n" + "\n".join(rows) + "\n").encode()])
    loaded = validate_logs(tmp_path)
    assert set(loaded.problems[FILE]) == {str(tmp_path / "p01.csv")}
    assert list(zip(loaded.problems[LINE], loaded.problems[CODE], strict=True)) == found
    assert_same(tmp_path)


def test_pain_clashes_stay_within_each_file(tmp_path):
    one = "date,exercise,sets,pain_back\n2026-03-02,Heel raises,2,3\n2026-03-02,Toe walk,2,3\n"
    two = "date,exercise,sets,pain_back\n2026-03-02,Heel raises,2,5\n2026-03-02,Toe walk,2,6\n"
    write(tmp_path, [one.encode(), two.encode(), one.encode()])
    loaded = validate_logs(tmp_path)
    assert loaded.problems[[LINE, MESSAGE]].values.tolist() == [
        [
            3,
            "6 here but 5 on line 2 for the same session (2026-03-02): one pain value per "
            "site per session",
        ],
    ]
    assert np.array_equal(loaded.log["pain_back"].to_numpy(dtype=int), [3, 3, 5, 3, 3])
    assert_same(tmp_path)


def test_groups_are_cut_by_size_with_the_same_result(tmp_path, monkeypatch):
    text = "date,exercise,sets\n2026-03-02,Heel raises,2\n2026-03-03,Toe walk,x\n"
    write(tmp_path, [text.encode()] * 7)
    monkeypatch.setattr(_batch, "GROUP_CHARS", 100)  # two or three files a group
    loaded = validate_logs(tmp_path)
    assert loaded.problems[LINE].tolist() == [3] * 7
    assert loaded.log[LINE].tolist() == [2] * 7
    assert_same(tmp_path)


def test_files_with_exercises_outside_the_routine_stay_in_the_batch(tmp_path, monkeypatch):
    two = (
        "date,exercise,sets\n2026-03-02,Heel raises,2\n2026-03-03,Calf stretch,1\n"
        "2026-03-05,Calf stretch,1\n"
    )
    one = "date,exercise,sets\n2026-03-02,Calf stretch,2\n"
    write(tmp_path, [two.encode(), one.encode(), two.encode()])
    read_alone = []
    each = folders._one_by_one
    monkeypatch.setattr(
        folders,
        "_one_by_one",
        lambda entries, options: (read_alone.extend(entries), each(entries, options))[1],
    )
    loaded = validate_logs(tmp_path)
    assert read_alone == []  # all three files were validated as one text
    found = loaded.problems[[FILE, LINE, MESSAGE]].values.tolist()
    # each file's own notice, its lines counted in that file
    said = "'Calf stretch' is not in the routine {}: kept, but not counted as a routine "
    said += "exercise. (an exercise_map or an alias in your routine file can match it)"
    assert found == [
        [str(tmp_path / "p00.csv"), 3, said.format("on 2 rows (lines 3, 4)")],
        [str(tmp_path / "p01.csv"), 2, said.format("on this line")],
        [str(tmp_path / "p02.csv"), 3, said.format("on 2 rows (lines 3, 4)")],
    ]
    assert loaded.log["exercise"].cat.categories[-1] == "Calf stretch"
    assert_same(tmp_path)


def test_only_a_file_that_may_repeat_its_header_is_read_alone(tmp_path, monkeypatch):
    header = "date,exercise,sets,notes\n"
    named = header + "2026-03-02,Heel raises,2,notes\n2026-03-03,Heel raises,2,sets\n"
    repeated = header + "2026-03-02,Heel raises,2,\nDate,Exercise,Sets,Notes\n"
    write(tmp_path, [named.encode(), repeated.encode(), named.encode()])
    read_alone = []
    each = folders._one_by_one
    monkeypatch.setattr(
        folders,
        "_one_by_one",
        lambda entries, options: (read_alone.extend(entries), each(entries, options))[1],
    )
    loaded = validate_logs(tmp_path)
    # a note that is a header name is only a note; the repeated header is dropped
    assert [entry.path.name for entry in read_alone] == ["p01.csv"]
    assert loaded.problems[[LINE, CODE]].values.tolist() == [[3, "FS106"]]
    assert loaded.log["notes"].fillna("").tolist() == ["notes", "sets", "", "notes", "sets"]
    assert_same(tmp_path)


def test_a_participant_is_shared_only_by_files_with_rows_loaded(tmp_path):
    good = "date,exercise,sets\n2026-03-02,Heel raises,2\n"
    bad = "date,exercise,sets\n2026-03-02,Heel raises,two\n"
    (tmp_path / "p01.csv").write_text(good)
    (tmp_path / "p01.CSV").write_text(bad)  # the same participant, p01, but no row loads
    (tmp_path / "p02.csv").write_text(good)
    (tmp_path / "p02.CSV").write_text(good)  # p02's rows come from two files
    loaded = validate_logs(tmp_path)
    assert loaded.problems[CODE].tolist() == ["FS208", "FS505"]
    assert Path(loaded.problems[FILE].iloc[-1]).name == "p02.csv"
    assert_same(tmp_path)
