"""Cohorts on Dask (footstats.dask): on a 2-worker dask.distributed LocalCluster, a folder
of per-participant logs and one big cohort log give exactly the pandas results.

The workers are threads of the test process (processes=False): seconds, not the start-up
of two Python processes on a shared machine. benchmarks/run.py runs worker processes.
"""

from __future__ import annotations

import subprocess
import sys
import warnings
from pathlib import Path

import pandas as pd
import pytest
from pandas.testing import assert_frame_equal

import footstats
from footstats import LogWarning
from footstats.columns import MESSAGE, PARTICIPANT, SEVERITY, WARNING
from footstats.synthetic import write_cohort, write_sample

distributed = pytest.importorskip("distributed", reason="needs the extra footstats[dask]")
fsd = pytest.importorskip("footstats.dask", reason="needs the extra footstats[dask]")

START = "2025-01-06"  # a Monday; 20 weeks from it end in the past
METRICS = (
    footstats.weekly_frequency,
    footstats.weekly_sets,
    footstats.weekly_pain,
    footstats.pain_change,
)
COHORT_FIXTURE = Path(__file__).parents[1] / "data" / "folders" / "cohort"


@pytest.fixture(scope="module")
def client():
    with (
        distributed.LocalCluster(
            n_workers=2, threads_per_worker=1, processes=False, dashboard_address=None
        ) as cluster,
        distributed.Client(cluster) as client,
    ):
        yield client


@pytest.fixture(scope="module")
def cohort_folder(tmp_path_factory):
    folder = tmp_path_factory.mktemp("cohort")
    # 11 participants, generated 4 at a time (3 seeds), 20 weeks each
    write_cohort(folder, participants=11, weeks=20, start=START, seed=5, chunk=4)
    return folder


def _partition_sets(log) -> list[set]:
    return [set(log.get_partition(i)[PARTICIPANT].compute()) for i in range(log.npartitions)]


def _assert_each_participant_in_one_partition(log, everyone):
    sets = _partition_sets(log)
    assert sum(len(s) for s in sets) == len(everyone)
    assert set().union(*sets) == set(everyone)


def _assert_same_results(pandas_log, dask_log):
    for metric in METRICS:
        assert_frame_equal(fsd.per_participant(dask_log, metric), metric(pandas_log))
    assert fsd.summarize(dask_log) == footstats.summarize(pandas_log)


def test_a_folder_cohort_gives_the_pandas_results(client, cohort_folder):
    expected = footstats.read_logs(cohort_folder)
    log = fsd.read_logs(cohort_folder, files_per_partition=3)
    # 11 files in groups of 3: 4 partitions, the work done on both workers
    assert log.npartitions == 4
    assert len(client.who_has()) > 0 and len(client.scheduler_info()["workers"]) == 2
    _assert_each_participant_in_one_partition(log, expected[PARTICIPANT].unique())
    assert_frame_equal(log.compute(), expected)
    _assert_same_results(expected, log)
    summary = fsd.summarize(log)
    cohort = summary["cohort"]
    assert cohort["participants"] == 11
    assert [e[PARTICIPANT] for e in summary["participants"]] == [f"p{i:04d}" for i in range(1, 12)]
    # the cohort figures are over all partitions: the median of the 11 adherences
    adherence = sorted(e["adherence_pct"] for e in summary["participants"])
    assert cohort["median_adherence_pct"] == adherence[5]
    improved = [
        any(site["clinically_important"] for site in e["pain"].values())
        for e in summary["participants"]
    ]
    assert cohort["share_clinically_important"] == sum(improved) / 11


def test_a_big_cohort_file_is_partitioned_by_participant(client, tmp_path):
    path = tmp_path / "cohort.csv"
    write_sample(path, weeks=20, start=START, seed=8, participants=9)
    expected = footstats.read_log(path)
    log = fsd.read_logs(path, npartitions=3)
    assert log.npartitions == 3
    _assert_each_participant_in_one_partition(log, expected[PARTICIPANT].unique())
    # the index is the row number: in row order the rows are those of read_log
    assert_frame_equal(log.compute().sort_index(), expected)
    _assert_same_results(expected, log)


def test_a_participant_in_files_of_two_partitions_is_brought_together(client, tmp_path):
    (tmp_path / "a.csv").write_text(
        "participant,date,exercise,sets,pain_back\n"
        "p01,2026-03-02,Heel raises,2,6\n"
        "p02,2026-03-02,Toe walking,6,3\n"
    )
    (tmp_path / "b.csv").write_text(
        "participant,date,exercise,sets,pain_back\n"
        "p01,2026-03-20,Heel raises,3,3\n"
        "p02,2026-03-21,Toe walking,5,3\n"
    )
    expected = footstats.validate_logs(tmp_path)
    loaded = fsd.validate_logs(tmp_path, files_per_partition=1)
    # both files hold p01 and p02: a warning each, as footstats.validate_logs gives
    assert_frame_equal(loaded.problems, expected.problems)
    assert loaded.problems[SEVERITY].tolist() == [WARNING, WARNING]
    _assert_each_participant_in_one_partition(loaded.log, ["p01", "p02"])
    assert_frame_equal(loaded.log.compute().sort_index(), expected.log)
    # p01: back pain 6 in the first two weeks, 3 in the last two: change -3
    _assert_same_results(expected.log, loaded.log)
    change = fsd.per_participant(loaded.log, footstats.pain_change)
    assert change["change"].tolist() == [-3.0, 0.0]


def test_problems_are_gathered_from_every_file_as_validate_logs_does(client):
    expected = footstats.validate_logs(COHORT_FIXTURE)
    loaded = fsd.validate_logs(COHORT_FIXTURE, files_per_partition=1)
    assert_frame_equal(loaded.problems, expected.problems)
    assert loaded.format == expected.format and not loaded.ok
    assert_frame_equal(loaded.log.compute(), expected.log)
    with pytest.raises(footstats.LogError) as caught:
        fsd.read_logs(COHORT_FIXTURE, files_per_partition=2)
    with pytest.raises(footstats.LogError) as pandas_caught:
        footstats.read_logs(COHORT_FIXTURE)
    assert str(caught.value) == str(pandas_caught.value)
    # The warning is checked once the workers are idle: with threads for workers (as here),
    # pandas' own warnings.catch_warnings in a worker would race with pytest.warns.
    dropped = fsd.validate_logs(COHORT_FIXTURE, files_per_partition=2)
    distributed.wait(dropped.log)
    with pytest.warns(LogWarning, match=r"2 line\(s\) with errors were left out .*p03\.csv"):
        log = dropped.valid_log("drop")
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", LogWarning)
        assert_frame_equal(log.compute(), footstats.read_logs(COHORT_FIXTURE, on_invalid="drop"))


def test_app_exports_keep_the_dtypes_of_read_logs(client):
    folder = COHORT_FIXTURE.parent / "apps"
    expected = footstats.read_logs(folder)
    log = fsd.read_logs(folder, files_per_partition=1)
    # three formats, three partitions with different columns: one schema, read_logs' dtypes
    assert log.npartitions == 3
    assert_frame_equal(log.compute(), expected)
    assert dict(log.dtypes) == dict(expected.dtypes)


def test_a_folder_that_gives_no_logs_is_an_error(client, tmp_path):
    loaded = fsd.validate_logs(tmp_path / "missing")
    assert not loaded.readable and not loaded.ok
    assert "no such folder" in loaded.problems[MESSAGE].iloc[0]
    with pytest.raises(footstats.LogError):
        fsd.read_logs(tmp_path / "missing", on_invalid="drop")


def test_import_footstats_does_not_import_dask():
    code = (
        "import sys, footstats; footstats.read_logs; footstats.summarize; "
        "print(sorted(m for m in ('dask', 'distributed') if m in sys.modules))"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip() == "[]"


def test_each_task_reads_its_files_together_as_the_batched_reader_does(
    client, cohort_folder, monkeypatch
):
    from footstats.reading import batch, folders

    read_alone, groups = [], []
    each, group = folders._one_by_one, batch.load_log
    monkeypatch.setattr(  # the workers are threads of this process: they see the patch
        folders,
        "_one_by_one",
        lambda entries, options: (read_alone.extend(entries), each(entries, options))[1],
    )
    monkeypatch.setattr(
        batch, "load_log", lambda *args, **kw: (groups.append(1), group(*args, **kw))[1]
    )
    loaded = fsd.validate_logs(cohort_folder, files_per_partition=6)
    # the 11 files: two tasks, each validating its files as one text
    assert read_alone == [] and len(groups) == 2
    expected = footstats.validate_logs(cohort_folder)
    assert loaded.log.npartitions == 2  # one participant a file: no shuffle
    assert_frame_equal(loaded.log.compute(), expected.log)
    assert_frame_equal(loaded.problems, expected.problems)
    assert (loaded.problems["code"] == "FS221").any()  # files with exercises outside the routine


def test_a_dask_read_advances_a_progress_bar_by_the_files_of_each_task(
    client, cohort_folder, monkeypatch
):
    from footstats.core import progress as _progress

    bars = []

    class Recorder:
        def __init__(self, total, what, unit):
            self.total, self.steps = total, []
            bars.append(self)

        def update(self, steps):
            self.steps.append(steps)

        def close(self):
            pass

    monkeypatch.setattr(_progress, "_bar", Recorder)
    fsd.read_logs(cohort_folder, files_per_partition=4)
    (bar,) = bars
    assert bar.total == 11 and sorted(bar.steps) == [3, 4, 4]


def _spans_seen(log, window=None, **kwargs):
    """A "metric" that returns the spans it was given: what each partition counted."""
    return window


def test_each_partition_counts_its_participants_rows_outside_their_spans(client, tmp_path):
    # three files, one participant each, read one file a task: no shuffle
    (tmp_path / "p01.csv").write_text(
        "date,exercise,sets\n2026-03-02,Heel raises,2\n2026-03-10,Heel raises,2\n"
        "2026-03-17,Heel raises,2\n2026-03-24,Heel raises,2\n"
    )
    (tmp_path / "p02.csv").write_text("date,exercise,sets\n2026-03-03,Toe walking,6\n")
    (tmp_path / "p03.csv").write_text(
        "date,exercise,sets\n2026-03-09,Heel raises,1\n2026-03-30,Heel raises,1\n"
    )
    expected = footstats.read_logs(tmp_path)
    log = fsd.read_logs(tmp_path, files_per_partition=1)
    assert log.npartitions == 3
    window = footstats.FollowUp(weeks=2)
    spans = fsd.per_participant(log, _spans_seen, window=window)
    # two weeks from each one's first day: p01 has 2 rows after (17 and 24 March), p02
    # none, p03 one (30 March); none before
    assert spans["participant"].tolist() == ["p01", "p02", "p03"]
    assert spans["rows_after"].tolist() == [2, 0, 1]
    assert spans["rows_before"].tolist() == [0, 0, 0]
    assert_frame_equal(spans, footstats.follow_up(expected, window))
    assert_frame_equal(fsd.follow_up(log, window), footstats.follow_up(expected, window))
    assert fsd.summarize(log, window=window) == footstats.summarize(expected, window=window)
    assert fsd.summarize(log, weeks=2) == footstats.summarize(expected, weeks=2)


def test_a_participant_enrolled_without_rows_gets_the_pandas_spans_and_summary(client, tmp_path):
    (tmp_path / "p01.csv").write_text(
        "date,exercise,sets\n2026-03-02,Heel raises,2\n2026-03-24,Heel raises,2\n"
    )
    (tmp_path / "p02.csv").write_text("date,exercise,sets\n2026-03-03,Toe walking,6\n")
    table = pd.DataFrame(
        {
            "participant": ["p01", "p02", "p03"],  # p03 enrolled, in no file
            "start": ["2026-03-02", "2026-03-02", "2026-03-09"],
        }
    )
    expected = footstats.read_logs(tmp_path)
    log = fsd.read_logs(tmp_path, files_per_partition=1)
    window = footstats.FollowUp(weeks=2, participants=table)
    spans = fsd.per_participant(log, _spans_seen, window=window)
    # p01's row of 24 March is after its two weeks (2 to 15 March); p03 has no rows
    assert spans["participant"].tolist() == ["p01", "p02", "p03"]
    assert spans["rows_after"].tolist() == [1, 0, 0]
    assert_frame_equal(spans, footstats.follow_up(expected, window))
    summary = fsd.summarize(log, window=window)
    assert summary == footstats.summarize(expected, window=window)
    assert summary["participants"][2]["first_date"] is None
