"""Folders of logs (footstats.reading.folders): one participant per CSV, one problems report.

Fixtures: tests/data/folders/cohort (three footstats logs, one of them broken, and one file
with its own participant column; a README and a sub-folder that are not read) and
tests/data/folders/apps (a Strong export, a Hevy export and a footstats log).
"""

from __future__ import annotations

from pathlib import Path

import pandas as pd
import pytest

import footstats
from footstats import LogWarning
from footstats.columns import (
    COLUMN,
    ERROR,
    EXERCISE,
    EXERCISE_NAME,
    FILE,
    LINE,
    MESSAGE,
    PARTICIPANT,
    SETS,
    SEVERITY,
    SOURCE,
    VALUE,
    WARNING,
)
from footstats.reading.folders import check_logs, read_logs, validate_logs

FOLDERS = Path(__file__).parents[1] / "data" / "folders"
COHORT = FOLDERS / "cohort"
APPS = FOLDERS / "apps"


def test_a_folder_with_a_broken_file_raises_naming_that_file():
    with pytest.raises(footstats.LogError) as caught:
        read_logs(COHORT)
    errors = caught.value.problems
    errors = errors[errors[SEVERITY] == ERROR]
    # p03.csv: line 3 sets "two", line 4 the impossible date 2026-02-30
    assert errors[FILE].tolist() == [str(COHORT / "p03.csv")] * 2
    assert errors[[LINE, COLUMN, VALUE]].values.tolist() == [
        [3, "sets", "two"],
        [4, "date", "2026-02-30"],
    ]


def test_on_invalid_drop_loads_the_other_files_and_warns():
    with pytest.warns(LogWarning, match=r"2 line\(s\) with errors were left out .*p03\.csv"):
        log = read_logs(COHORT, on_invalid="drop")
    # p01: 3 rows, p02: 2, p03: line 2 only, site_b.csv: its own participants p10, p11, p10
    assert log[PARTICIPANT].tolist() == ["p01"] * 3 + ["p02"] * 2 + ["p03", "p10", "p11", "p10"]
    assert log[SOURCE].map(lambda s: Path(s).name).tolist() == (
        ["p01.csv"] * 3 + ["p02.csv"] * 2 + ["p03.csv"] + ["site_b.csv"] * 3
    )
    assert log[LINE].tolist() == [2, 3, 4, 2, 3, 2, 2, 3, 4]
    assert list(log.columns[:3]) == [PARTICIPANT, SOURCE, LINE]
    assert log[SETS].tolist() == [6, 3, 6, 5, 10, 2, 2, 6, 3]


def test_combined_log_keeps_each_files_dtypes():
    log = validate_logs(COHORT).log
    assert isinstance(log[EXERCISE].dtype, pd.CategoricalDtype)
    assert list(log[EXERCISE].cat.categories) == list(footstats.load_routine().ids)
    assert log[SETS].dtype == "Int64"
    # pain_back only in p01.csv, pain_knee only in p02.csv: missing elsewhere, still Int64
    assert log["pain_back"].dtype == "Int64" and log["pain_knee"].dtype == "Int64"
    assert log["pain_back"].tolist()[:4] == [5, pd.NA, 4, pd.NA]
    assert log["in_program"].dtype == bool
    # the texts repeated over many rows are categoricals of every file's texts, sorted
    # (not the first file's: p10 and p11 come from the last file, "Ankle circles" from p02)
    assert list(log[PARTICIPANT].cat.categories) == ["p01", "p02", "p03", "p10", "p11"]
    files = ["p01.csv", "p02.csv", "p03.csv", "site_b.csv"]
    assert list(log[SOURCE].cat.categories) == [str(COHORT / name) for name in files]
    # p03.csv's "Toe walking" is on a line left out (its date): not a category
    assert list(log[EXERCISE_NAME].cat.categories) == [
        "Ankle circles",
        "Curl the toes",
        "Heel raises",
        "Toe walking",
    ]
    assert log[EXERCISE_NAME].tolist()[:3] == ["Toe walking", "Heel raises", "Toe walking"]


def test_each_file_read_alone_gives_the_folders_rows_and_dtypes():
    log = validate_logs(COHORT).log
    for source, rows in log.groupby(SOURCE, observed=True, sort=False):
        alone = footstats.validate_log(source).log
        if PARTICIPANT not in alone:  # a file without its own column: named by its stem
            alone.insert(0, PARTICIPANT, Path(source).stem)
        alone = alone[[PARTICIPANT, *(c for c in alone.columns if c != PARTICIPANT)]]
        rows = rows.drop(columns=SOURCE).dropna(axis=1, how="all").reset_index(drop=True)
        assert list(rows.columns) == list(alone.columns)
        for column in (PARTICIPANT, EXERCISE, EXERCISE_NAME):
            assert isinstance(alone[column].dtype, pd.CategoricalDtype) or column == PARTICIPANT
            assert isinstance(rows[column].dtype, pd.CategoricalDtype)
            assert rows[column].astype("str").tolist() == alone[column].astype("str").tolist()
        same = [c for c in alone.columns if c not in (PARTICIPANT, EXERCISE, EXERCISE_NAME)]
        pd.testing.assert_frame_equal(rows[same], alone[same], check_dtype=False)
    # a file with its own participant column: read_log gives the same categorical dtype
    alone = footstats.read_log(COHORT / "site_b.csv")
    assert list(alone[PARTICIPANT].cat.categories) == ["p10", "p11"]
    assert list(alone[EXERCISE_NAME].cat.categories) == ["Heel raises", "Toe walking"]


def test_only_the_csv_files_of_the_folder_itself_are_read():
    loaded = validate_logs(COHORT)
    files = {Path(f).name for f in loaded.log.attrs["formats"]}
    assert files == {"p01.csv", "p02.csv", "p03.csv", "site_b.csv"}
    assert loaded.format == "footstats"


def test_check_logs_is_every_files_problems_without_raising():
    problems = check_logs(COHORT)
    assert set(problems[FILE]) == {str(COHORT / "p03.csv")}
    assert problems[SEVERITY].tolist() == [ERROR, ERROR]


def test_a_folder_of_app_exports_reads_each_in_its_format():
    loaded = validate_logs(APPS)
    assert loaded.ok
    assert loaded.format == "strong, hevy, footstats"
    formats = {Path(f).stem: fmt for f, fmt in loaded.log.attrs["formats"].items()}
    assert formats == {"anna": "strong", "ben": "hevy", "carl": "footstats"}
    log = loaded.log
    # anna: heel raises 2 sets + toe walk 1 set; ben: 2 normal ankle circle sets
    # (1 warm-up apart); carl: 1 set of tibialis anterior
    assert log[[PARTICIPANT, EXERCISE, SETS]].astype("str").values.tolist() == [
        ["anna", "heel_raises", "2"],
        ["anna", "toe_walking", "1"],
        ["ben", "ankle_circles", "2"],
        ["carl", "tibialis_anterior", "1"],
    ]
    assert log["warmup_sets"].tolist()[:3] == [0, 0, 1]
    # the warm-up notice names ben.csv
    assert loaded.problems[FILE].tolist() == [str(APPS / "ben.csv")]


def test_options_reach_every_file(tmp_path):
    (tmp_path / "a.csv").write_text("date,exercise,sets\n03/04/2026,Heel raises,2\n")
    (tmp_path / "B.CSV").write_text("date,exercise,sets\n05/04/2026,Toe walk,6\n")
    assert check_logs(tmp_path)[SEVERITY].tolist() == [ERROR, ERROR]
    log = read_logs(tmp_path, dayfirst=True)
    # day first: 3 April and 5 April; the upper-case .CSV is read too
    assert log[PARTICIPANT].tolist() == ["B", "a"]
    assert log["date"].dt.strftime("%Y-%m-%d").tolist() == ["2026-04-05", "2026-04-03"]


def test_a_participant_in_two_files_is_a_warning(tmp_path):
    (tmp_path / "p01.csv").write_text("date,exercise,sets\n2026-03-02,Heel raises,2\n")
    (tmp_path / "site.csv").write_text(
        "participant,date,exercise,sets\np01,2026-03-04,Heel raises,3\n"
    )
    loaded = validate_logs(tmp_path)
    assert loaded.ok
    (warning,) = loaded.problems[loaded.problems[SEVERITY] == WARNING].to_dict("records")
    assert warning[FILE] == str(tmp_path / "site.csv") and warning[VALUE] == "p01"
    assert str(tmp_path / "p01.csv") in warning[MESSAGE]
    assert loaded.log[PARTICIPANT].tolist() == ["p01", "p01"]


@pytest.mark.parametrize(
    ("make", "message"),
    [
        (lambda tmp: tmp, "no .csv files in"),
        (lambda tmp: tmp / "missing", "no such folder"),
        (lambda tmp: tmp / "one.csv", "is a file, not a folder"),
    ],
)
def test_a_folder_that_gives_no_logs_is_an_error(tmp_path, make, message):
    (tmp_path / "notes.txt").write_text("not a log\n")
    folder = make(tmp_path)
    if folder.suffix == ".csv":
        folder.write_text("date,exercise,sets\n2026-03-02,Heel raises,2\n")
        (tmp_path / "notes.txt").unlink()
    loaded = validate_logs(folder)
    assert not loaded.readable and not loaded.ok
    assert message in loaded.problems[MESSAGE].iloc[0]
    with pytest.raises(footstats.LogError):
        read_logs(folder, on_invalid="drop")


def test_an_unreadable_file_is_reported_and_the_others_load(tmp_path):
    (tmp_path / "good.csv").write_text("date,exercise,sets\n2026-03-02,Heel raises,2\n")
    (tmp_path / "empty.csv").write_bytes(b"")
    with pytest.warns(LogWarning):
        log = read_logs(tmp_path, on_invalid="drop")
    assert log[PARTICIPANT].tolist() == ["good"]
    problems = check_logs(tmp_path)
    assert problems[FILE].tolist() == [str(tmp_path / "empty.csv")]
    assert "empty file" in problems[MESSAGE].iloc[0]


def test_on_invalid_must_be_raise_or_drop():
    with pytest.raises(ValueError, match="on_invalid"):
        read_logs(COHORT, on_invalid="ignore")
