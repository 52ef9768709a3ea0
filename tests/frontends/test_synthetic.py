"""The synthetic log generator and the committed sample log it produced."""

import datetime as dt
from pathlib import Path

import numpy as np
import pandas as pd
import pytest

from footstats import check_log, load_routine, read_log
from footstats.columns import (
    DATE,
    DEFAULT_PAIN_SITES,
    EXERCISE,
    IN_PROGRAM,
    MINUTES,
    NOTES,
    PARTICIPANT,
    SETS,
    SEVERITY,
    SIDE,
    VALUE,
    WARNING,
    pain_column,
)
from footstats.synthetic import (
    EXTRA_EXERCISE,
    SAMPLE_PATHS,
    _numbers_text,
    _random_rank,
    generate_log,
    main,
    write_cohort,
    write_sample,
)

HEADER = "date,exercise,sets,reps,seconds,side,pain_back,pain_hip,pain_knee,minutes,notes"
PAIN = [pain_column(site) for site in DEFAULT_PAIN_SITES]
ROUTINE_NAMES = {e.name for e in load_routine().exercises}


@pytest.fixture(scope="module")
def sample():
    return generate_log()


def _monday(dates: pd.Series) -> pd.Series:
    day = pd.to_datetime(dates.str.slice(0, 10))
    return day - pd.to_timedelta(day.dt.day_of_week, unit="D")


def _session_dates(log: pd.DataFrame) -> pd.Series:
    done = log[EXERCISE].isin(ROUTINE_NAMES) & log[SETS].ne("") & log[SETS].ne("0")
    return log.loc[done, DATE].drop_duplicates()


def _sessions_per_week(log: pd.DataFrame) -> pd.Series:
    weeks = pd.date_range(_monday(log[DATE]).min(), _monday(log[DATE]).max(), freq="7D")
    counts = _monday(_session_dates(log)).value_counts()
    return counts.reindex(weeks, fill_value=0)


# --- committed files -------------------------------------------------------------------


def test_committed_samples_are_identical_and_current(tmp_path):
    fresh = write_sample(tmp_path / "foot_log.csv")[0].read_bytes()
    repo_copy, package_copy = (Path(p).read_bytes() for p in SAMPLE_PATHS)
    assert repo_copy == package_copy
    assert repo_copy == fresh, "regenerate with: python -m footstats.synthetic"


def test_sample_file_is_utf8_with_lf_endings_and_the_log_header():
    data = Path(SAMPLE_PATHS[0]).read_bytes()
    text = data.decode("utf-8")
    assert b"\r" not in data
    assert text.endswith("\n")
    assert text.splitlines()[0] == HEADER
    # the note with a comma must be quoted, or it would shift the columns
    assert ',"tired, short session"\n' in text


def test_sample_loads_with_read_log_with_only_the_extra_exercise_warning(sample):
    log = read_log(SAMPLE_PATHS[0])
    assert len(log) == len(sample)
    problems = check_log(SAMPLE_PATHS[0])
    assert problems[SEVERITY].tolist() == [WARNING]
    assert problems[VALUE].tolist() == [EXTRA_EXERCISE]
    assert log[IN_PROGRAM].sum() == len(sample) - 5 - 1  # minus 5 check-ins, 1 calf stretch


def test_sample_loads_with_the_csv_reader_into_the_same_rows(sample):
    back = pd.read_csv(SAMPLE_PATHS[0], dtype=str, keep_default_na=False)
    pd.testing.assert_frame_equal(back, sample, check_dtype=False)


# --- determinism -------------------------------------------------------------------------


def test_same_seed_same_frame_other_seed_other_frame():
    pd.testing.assert_frame_equal(generate_log(seed=7), generate_log(seed=7))
    assert not generate_log(seed=7).equals(generate_log(seed=8))
    cohort = {"weeks": 8, "participants": 5}
    pd.testing.assert_frame_equal(generate_log(seed=1, **cohort), generate_log(seed=1, **cohort))
    assert not generate_log(seed=1, **cohort).equals(generate_log(seed=2, **cohort))


# --- the personal sample -----------------------------------------------------------------


def test_sample_size_and_columns(sample):
    assert list(sample.columns) == HEADER.split(",")
    assert 140 <= len(sample) <= 170
    assert all(pd.api.types.is_string_dtype(sample[c]) for c in sample.columns)
    assert not sample.isna().any().any()  # blanks are "", never missing


def test_sample_spans_16_weeks_in_the_past(sample):
    days = pd.to_datetime(sample[DATE].str.slice(0, 10))
    assert days.min() == pd.Timestamp("2026-03-02")
    # 2026-03-02 + 16 weeks - 1 day = 2026-06-21, the last Sunday
    assert days.max() <= pd.Timestamp("2026-06-21")
    assert days.max() < pd.Timestamp("2026-11-24")
    assert len(_sessions_per_week(sample)) == 16


def test_sample_sessions_per_week(sample):
    per_week = _sessions_per_week(sample)
    # 16 weeks: 2 missed, 2 with 3 sessions, 12 with 2 -> 12 * 2 + 2 * 3 = 30 sessions
    assert per_week.value_counts().to_dict() == {2: 12, 0: 2, 3: 2}
    assert per_week.sum() == 30
    assert per_week.iloc[0] > 0 and per_week.iloc[-1] > 0


def test_sample_has_checkins_on_days_without_a_session(sample):
    checkins = sample[sample[EXERCISE].eq("")]
    assert len(checkins) == 5
    assert not checkins[DATE].isin(_session_dates(sample)).any()
    assert checkins[PAIN].ne("").all().all()
    assert checkins[[SETS, SIDE, MINUTES]].eq("").all().all()


def test_sample_has_one_exercise_outside_the_routine(sample):
    extra = sample[~sample[EXERCISE].isin(ROUTINE_NAMES) & sample[EXERCISE].ne("")]
    assert extra[EXERCISE].tolist() == [EXTRA_EXERCISE]
    assert extra[SETS].tolist() == ["2"]


def test_sample_has_left_right_imbalance(sample):
    heel = sample[sample[EXERCISE].eq("Heel raises") & sample[SIDE].isin(["left", "right"])]
    sides = heel.pivot(index=DATE, columns=SIDE, values=SETS).astype(int)
    assert sides.notna().all().all()  # a left row always has its right row
    assert (sides["left"] != sides["right"]).sum() == 3
    others = sample[sample[EXERCISE].isin(["Ankle circles", "Tibialis anterior"])]
    assert others[SIDE].eq("both").all()


def test_sample_has_partial_sessions(sample):
    exercises_per_session = (
        sample[sample[EXERCISE].isin(ROUTINE_NAMES)].groupby(DATE)[EXERCISE].nunique()
    )
    assert (exercises_per_session < 5).sum() >= 3
    prescribed = {e.name: e.prescribed_sets for e in load_routine().exercises}
    routine = sample[sample[EXERCISE].isin(ROUTINE_NAMES) & sample[SIDE].ne("left")]
    fewer = routine[SETS].astype(int) < routine[EXERCISE].map(prescribed)
    assert fewer.any()


def test_sample_pain_once_per_session_whole_numbers_trending_down(sample):
    first_rows = ~sample[DATE].duplicated()
    pain = sample[PAIN]
    assert pain[first_rows].ne("").all().all()
    assert pain[~first_rows].eq("").all().all()
    values = pain[first_rows].astype(int)
    assert values.isin(range(11)).all().all()
    month = pd.to_datetime(sample.loc[first_rows, DATE].str.slice(0, 10)).dt.month
    monthly_back = values["pain_back"].groupby(month.to_numpy()).mean()
    assert monthly_back.loc[6] < monthly_back.loc[3] - 1.5


def test_sample_minutes_and_notes_once_per_session(sample):
    first_rows = ~sample[DATE].duplicated()
    sessions = first_rows & sample[EXERCISE].ne("")
    minutes = sample.loc[sessions, MINUTES].astype(int)
    assert minutes.between(9, 20).all()
    assert minutes.median() >= 15
    assert sample.loc[~first_rows, [MINUTES, NOTES]].eq("").all().all()
    notes = sample.loc[sample[NOTES].ne(""), NOTES].tolist()
    assert 3 <= len(notes) <= 5
    assert "tired, short session" in notes


def test_sample_timed_session_carries_its_time_on_every_row(sample):
    timed = sample[sample[DATE].str.len() > 10]
    assert timed[DATE].nunique() == 1
    stamp = timed[DATE].iloc[0]
    assert dt.datetime.strptime(stamp, "%Y-%m-%d %H:%M")
    # no row of that day is logged without the time
    assert sample[DATE].str.startswith(stamp[:10]).sum() == len(timed) >= 3


# --- cohorts -----------------------------------------------------------------------------


def test_cohort_shape_and_ids():
    start = pd.Timestamp("2025-01-06")
    cohort = generate_log(weeks=52, start=start.date(), seed=3, participants=30)
    assert list(cohort.columns) == [PARTICIPANT, *HEADER.split(",")]
    ids = cohort[PARTICIPANT].unique().tolist()
    assert ids == [f"p{i:04d}" for i in range(1, 31)]
    rows = cohort.groupby(PARTICIPANT).size()
    # about 480 rows a participant for a year: 9.3 a week x 52 weeks
    assert 440 <= rows.mean() <= 530
    assert rows.min() >= 300
    days = pd.to_datetime(cohort[DATE].str.slice(0, 10))
    first = days.groupby(cohort[PARTICIPANT]).min()
    # each starts 0-3 weeks after `start`, and lasts 52 weeks: the last day is at most
    # start + (3 + 52) weeks - 1 day
    assert first.between(start, start + pd.Timedelta(days=27)).all()
    assert first.nunique() > 1
    assert days.max() <= start + pd.Timedelta(weeks=55) - pd.Timedelta(days=1)
    order = pd.DataFrame({"p": cohort[PARTICIPANT], "d": days})
    assert order.equals(order.sort_values(["p", "d"], kind="stable"))


def test_cohort_participants_differ_in_adherence_and_pain():
    cohort = generate_log(weeks=52, start="2025-01-06", seed=4, participants=20)
    sessions = cohort[cohort[SETS].ne("")].groupby(PARTICIPANT)[DATE].nunique()
    assert sessions.max() - sessions.min() >= 15
    first_pain = cohort[cohort["pain_back"].ne("")].groupby(PARTICIPANT)["pain_back"].first()
    assert first_pain.nunique() >= 4


def test_participant_ids_widen_past_9999():
    cohort = generate_log(weeks=1, seed=5, participants=10_000)
    assert cohort[PARTICIPANT].iloc[0] == "p00001"
    assert cohort[PARTICIPANT].iloc[-1] == "p10000"


def test_personal_log_has_no_participant_column():
    assert PARTICIPANT not in generate_log(weeks=2).columns


@pytest.mark.parametrize(
    "kwargs, message",
    [
        ({"start": "2026-03-03"}, "start must be a Monday"),
        ({"weeks": 0}, "weeks must be at least 1"),
        ({"participants": 0}, "participants must be at least 1"),
    ],
)
def test_bad_arguments_raise(kwargs, message):
    with pytest.raises(ValueError, match=message):
        generate_log(**kwargs)


def test_one_week_log_still_has_sessions():
    # a single week is both the first and the last week: never a missed week
    log = generate_log(weeks=1, seed=9, participants=50)
    assert _session_dates(log).size > 0
    assert log.groupby(PARTICIPANT)[SETS].apply(lambda s: s.ne("").any()).all()


# --- writing -----------------------------------------------------------------------------


def test_write_sample_writes_atomically_and_returns_the_path(tmp_path):
    target = tmp_path / "cohort.csv"
    target.write_text("old")
    assert write_sample(target, weeks=3, participants=2) == [target]
    lines = target.read_text().splitlines()
    assert lines[0] == f"{PARTICIPANT},{HEADER}"
    assert list(tmp_path.iterdir()) == [target]  # no temporary file left behind


def test_write_cohort_writes_one_file_per_participant_chunk_by_chunk(tmp_path):
    files = write_cohort(tmp_path, participants=5, weeks=3, seed=7, chunk=2)
    assert [f.name for f in files] == [f"p000{i}.csv" for i in range(1, 6)]
    assert sorted(tmp_path.iterdir()) == files  # no temporary file left behind
    assert all(f.read_text().splitlines()[0] == HEADER for f in files)
    # chunk 0 (seed 7) is p0001-p0002, chunk 1 (seed 8) p0003-p0004, chunk 2 (seed 9) p0005
    for number, seed, first in ((2, 7, 0), (4, 8, 2), (5, 9, 4)):
        generated = generate_log(weeks=3, seed=seed, participants=min(2, 5 - first))
        own = generated[generated[PARTICIPANT] == f"p000{number - first}"]
        assert files[number - 1].read_bytes() == own.drop(columns=PARTICIPANT).to_csv(
            index=False, lineterminator="\n"
        ).encode("utf-8")
    with pytest.raises(ValueError, match="participants and chunk must be at least 1"):
        write_cohort(tmp_path, participants=0)


def test_write_cohort_creates_its_folder(tmp_path):
    folder = tmp_path / "study" / "logs"
    files = write_cohort(folder, participants=2, weeks=2, seed=3)
    assert sorted(folder.iterdir()) == files == [folder / "p0001.csv", folder / "p0002.csv"]


def test_main_writes_a_log_and_reports_bad_arguments(tmp_path, capsys):
    out = tmp_path / "year.csv"
    assert main(["-o", str(out), "--weeks", "4", "--participants", "3"]) == 0
    assert capsys.readouterr().out.strip() == str(out)
    assert out.read_text().count("p0003") > 0
    with pytest.raises(SystemExit) as exit_info:
        main(["-o", str(out), "--start", "2026-03-04"])
    assert exit_info.value.code == 2
    assert "Monday" in capsys.readouterr().err


def test_main_writes_drop_outs_and_a_participants_table(tmp_path, capsys):
    log, table = tmp_path / "cohort.csv", tmp_path / "participants.csv"
    argv = ["-o", str(log), "--weeks", "12", "--participants", "30", "--seed", "5"]
    assert main([*argv, "--dropout", "0.5", "--participants-table", str(table)]) == 0
    assert capsys.readouterr().out.split() == [str(log), str(log.parent / table.name)]
    rows = read_log(log, on_invalid="raise")
    people = pd.read_csv(table, dtype=str)
    # every participant of the log in the table with its first day, and one who never logged
    assert people.columns.tolist() == ["participant", "start", "weeks", "group"]
    assert people["participant"].tolist() == [f"p{n:04d}" for n in range(1, 32)]
    first = rows.groupby(PARTICIPANT)[DATE].min().dt.strftime("%Y-%m-%d")
    assert people.set_index("participant")["start"].iloc[:30].to_dict() == first.to_dict()
    assert set(people["weeks"]) == {"12"} and set(people["group"]) == {"clinic", "home"}
    # drop-outs: participants whose last day is weeks before the end of their 12 weeks
    last = rows.groupby(PARTICIPANT)[DATE].max()
    span_days = (last - rows.groupby(PARTICIPANT)[DATE].min()).dt.days
    stopped = int((span_days < 7 * 9).sum())
    assert 5 <= stopped <= 25
    # without --dropout nobody stops that early
    main([*argv, "--participants-table", str(table)])
    rows = read_log(log, on_invalid="raise")
    span_days = rows.groupby(PARTICIPANT)[DATE].agg(lambda d: (d.max() - d.min()).days)
    assert (span_days >= 7 * 9).all()


@pytest.mark.parametrize(
    ("extra", "message"),
    [
        (["--dropout", "0.2"], "need --participants"),
        (["--participants", "3", "--dropout", "1.5"], "from 0 to 1"),
    ],
)
def test_main_refuses_cohort_options_without_a_cohort(tmp_path, capsys, extra, message):
    with pytest.raises(SystemExit) as exit_info:
        main(["-o", str(tmp_path / "x.csv"), *extra])
    assert exit_info.value.code == 2
    assert message in capsys.readouterr().err
    assert not (tmp_path / "x.csv").exists()


# --- helpers -----------------------------------------------------------------------------


def test_random_rank_is_a_permutation_within_each_group():
    group = np.array([0, 0, 0, 1, 1, 2])
    rank = _random_rank(np.random.default_rng(0), group)
    # group 0 has 3 items -> ranks {0, 1, 2}; group 1 -> {0, 1}; group 2 -> {0}
    assert sorted(rank[:3]) == [0, 1, 2]
    assert sorted(rank[3:5]) == [0, 1]
    assert rank[5] == 0


def test_random_rank_puts_last_items_last():
    group = np.array([0, 0, 0, 0])
    last = np.array([True, False, False, True])
    rank = _random_rank(np.random.default_rng(1), group, last=last)
    assert sorted(rank[[1, 2]]) == [0, 1]
    assert sorted(rank[[0, 3]]) == [2, 3]


def test_numbers_text_blanks_negative_values():
    assert _numbers_text(np.array([3, -1, 0, 12])).tolist() == ["3", "", "0", "12"]
    assert _numbers_text(np.array([-1, -1])).tolist() == ["", ""]
