"""The cohort view (footstats.metrics.cohort, footstats.charts.cohort_plots, the cohort files of
the report and --per-participant), hand-computed on tiny cohorts. Mondays of March 2026: 2, 9,
16, 23, 30."""

from __future__ import annotations

import json

import matplotlib as mpl
import matplotlib.pyplot as plt
import pandas as pd
import pytest
from _tidy import PROGRAM, tidy_log

from footstats.charts import cohort_plots
from footstats.columns import (
    ADHERENCE_PCT,
    CURRENT_STREAK,
    DROPOUT_WEEK,
    LAST_SESSION,
    OBSERVED,
    ON_TARGET,
    SHARE_ON_TARGET,
    WEEK_INDEX,
)
from footstats.metrics.cohort import cohort_table, study_week_adherence
from footstats.report import write as report

TOE = {"exercise": "toe_walking", "sets": 6}


def session(participant, day, **more):
    return {"participant": participant, "date": day, **TOE, **more}


def cohort():
    """``stays``: 2 sessions in each of 4 weeks (2-27 March); ``quits``: 2 sessions in week 1
    and 1 in week 2, then nothing; ``late``: starts Wednesday 18 March, 2 sessions in each of
    its 2 weeks. The log's last row is ``stays``' 25 March."""
    rows = []
    for monday in (2, 9, 16, 23):
        rows += [
            session("stays", f"2026-03-{monday:02d}", back=6 if monday == 2 else None),
            session("stays", f"2026-03-{monday + 2:02d}", back=3 if monday == 23 else None),
        ]
    rows += [
        session("quits", "2026-03-02", back=5),
        session("quits", "2026-03-04"),
        session("quits", "2026-03-10", back=5),
        session("late", "2026-03-18"),
        session("late", "2026-03-19"),
        session("late", "2026-03-23"),
        session("late", "2026-03-24"),
    ]
    return tidy_log(rows)


def test_cohort_table_by_hand():
    table = cohort_table(cohort(), routine=PROGRAM).set_index("participant")
    assert table.index.tolist() == ["late", "quits", "stays"]
    assert table["weeks"].to_dict() == {"late": 2, "quits": 4, "stays": 4}
    assert table["sessions"].to_dict() == {"late": 4, "quits": 3, "stays": 8}
    # quits: the week of 23 March is in progress (the data end on Wednesday 25 March) and
    # not on target: not judged yet. (1 + 1/2 + 0) / 3 = 50 % (to Sunday 29 March: 37.5 %)
    assert table.loc["quits", ADHERENCE_PCT] == pytest.approx(50.0)
    whole = cohort_table(cohort(), routine=PROGRAM, until="2026-03-29").set_index("participant")
    assert whole.loc["quits", ADHERENCE_PCT] == pytest.approx(37.5)
    assert table.loc["quits", CURRENT_STREAK] == 0
    assert table.loc["quits", LAST_SESSION] == pd.Timestamp("2026-03-10")
    # quits' last session is in study week 2, and weeks 3-4 are empty: drop-out week 2;
    # late and stays had a session in their window's last week: still active
    assert table[DROPOUT_WEEK].tolist()[1] == 2
    assert table[DROPOUT_WEEK].isna().tolist() == [True, False, True]
    # stays: back 6 -> 3 (-3 points, clinically important); quits 5 -> 5; late no pain
    assert table.loc["stays", "back_change"] == -3
    assert bool(table.loc["stays", "back_important"])
    assert table.loc["quits", "back_change"] == 0
    assert pd.isna(table.loc["late", "back_change"])


def test_study_week_adherence_aligns_participants_at_their_start():
    study = study_week_adherence(cohort(), routine=PROGRAM)
    assert study[WEEK_INDEX].tolist() == [1, 2, 3, 4]
    # late is observed in its weeks 1-2 only (its window ends on the log's last row)
    assert study[OBSERVED].tolist() == [3, 3, 2, 2]
    # still active (a session that week or later): quits stops after week 2
    assert study["active"].tolist() == [3, 3, 1, 1]
    # week 4 is the week of 23 March, in progress (the data end on Wednesday 25 March):
    # stays is on target already (judged), quits has 0 so far (not judged yet)
    assert study["judged"].tolist() == [3, 3, 2, 1]
    # week 1: all three met 2 sessions; week 2: late and stays (quits did 1); 3-4: stays
    assert study[ON_TARGET].tolist() == [3, 2, 1, 1]
    assert study[SHARE_ON_TARGET].tolist() == pytest.approx([1, 2 / 3, 0.5, 1.0])


def test_enrolled_without_rows_and_groups():
    table = pd.DataFrame(
        {
            "participant": ["stays", "quits", "late", "never"],
            "start": ["2026-03-02", "2026-03-02", "2026-03-18", "2026-03-09"],
            "weeks": [4, 4, 4, 2],
            "group": ["a", "a", "b", "b"],
        }
    )
    people = cohort_table(cohort(), routine=PROGRAM, participants=table).set_index("participant")
    assert people.columns[0] == "group"
    assert people.loc["never", ["sessions", ADHERENCE_PCT, DROPOUT_WEEK]].tolist() == [0, 0, 0]
    # late now has 4 weeks (16 March - 12 April) with sessions in the first two only
    assert people.loc["late", "weeks"] == 4
    assert people.loc["late", DROPOUT_WEEK] == 2
    study = study_week_adherence(cohort(), routine=PROGRAM, participants=table)
    assert study[["group", WEEK_INDEX, OBSERVED]].values.tolist() == [
        ["a", 1, 2], ["a", 2, 2], ["a", 3, 2], ["a", 4, 2],
        ["b", 1, 2], ["b", 2, 2], ["b", 3, 1], ["b", 4, 1],
    ]  # fmt: skip
    # group b, week 1: late met the target, never did not
    assert study[ON_TARGET].tolist()[4] == 1


def test_the_cohort_view_needs_participants():
    with pytest.raises(ValueError, match="participant column"):
        cohort_table(tidy_log([{"date": "2026-03-02", **TOE}]))


# -- charts ---------------------------------------------------------------------------------


def test_cohort_charts_draw_what_the_tables_say():
    table = cohort_table(cohort(), routine=PROGRAM)
    study = study_week_adherence(cohort(), routine=PROGRAM)
    fig, axes = plt.subplots(2, 2)
    try:
        ax = cohort_plots.plot_study_weeks(study, ax=axes[0, 0])
        assert [round(p.get_height(), 3) for p in ax.patches] == [1, 0.667, 0.5, 1.0]
        ax = cohort_plots.plot_adherence_spread(table, ax=axes[0, 1])
        assert "n = 3, median" in ax.get_xticklabels()[0].get_text()
        ax = cohort_plots.plot_pain_waterfall(table, ax=axes[1, 0])
        # ranked: stays -3 then quits 0; late has no pain reports (back is the only site)
        assert [p.get_height() for p in ax.patches] == [-3, 0]
        assert [t.get_text() for t in ax.get_xticklabels()] == ["stays", "quits"]
        assert ax.get_title() == (
            "Change of pain per participant and site (2 of 3 participants with reports)"
        )
        # each bar's threshold: the smaller of 2 points and 30 % of the baseline (6: 1.8;
        # 5: 1.5), a tick across the bar
        (ticks,) = [c for c in ax.collections if isinstance(c, mpl.collections.LineCollection)]
        assert [round(seg[0, 1], 9) for seg in ticks.get_segments()] == [-1.8, -1.5]
        ax = cohort_plots.plot_adherence_vs_change(table, ax=axes[1, 1])
        assert cohort_plots.CAVEAT in [t.get_text() for t in ax.texts]
    finally:
        plt.close(fig)


def test_cohort_charts_without_pain_say_so():
    table = cohort_table(cohort().drop(columns=["pain_back", "pain_hip", "pain_knee"]))
    fig, ax = plt.subplots()
    try:
        cohort_plots.plot_pain_waterfall(table, ax=ax)
        assert cohort_plots.NO_PAIN_CHANGE in [t.get_text() for t in ax.texts]
    finally:
        plt.close(fig)


# -- the report -----------------------------------------------------------------------------


def test_safe_names_never_leave_the_folder(tmp_path):
    taken: set[str] = set()
    names = [
        report._safe_name(p, taken)
        for p in ["../../etc", "a/b", "CON", "p 1", "P_1", ".hidden", "", "é"]
    ]
    assert names == ["etc", "a_b", "_CON", "p_1", "P_1-2", "hidden", "participant", "participant-2"]
    for name in names:
        assert report._inside(tmp_path, name).parent == tmp_path


def test_write_report_per_participant(tmp_path):
    log = cohort()
    log["participant"] = log["participant"].replace({"quits": "../quits"})
    paths = report.write_report(log, tmp_path, routine=PROGRAM, per_participant=True)
    names = {p.relative_to(tmp_path).as_posix() for p in paths}
    assert {"participants.csv", "study_weeks.csv", "study_weeks.png", "report.pdf"} <= names
    assert {"participants/quits/report.pdf", "participants/late/frequency.csv"} <= names
    assert all(p.resolve().is_relative_to(tmp_path.resolve()) for p in paths)
    # each personal report counts the cohort's window: late's two weeks, not more, not less
    late = (tmp_path / "participants" / "late" / "frequency.csv").read_text().splitlines()
    assert [row.split(",")[1:3] for row in late[1:]] == [["2026-03-16", "2"], ["2026-03-23", "2"]]
    # quits' window runs to the log's last row (25 March), as in the cohort's files
    quits = json.loads((tmp_path / "participants" / "quits" / "summary.json").read_text())
    assert quits["participants"][0]["weeks"] == 4
    assert quits["participants"][0]["adherence_pct"] == pytest.approx(50.0)  # as above
    people = pd.read_csv(tmp_path / "participants.csv")
    assert people["participant"].tolist() == ["../quits", "late", "stays"]


def test_per_participant_needs_participants(tmp_path):
    log = tidy_log([{"date": "2026-03-02", **TOE}])
    with pytest.raises(ValueError, match="participant column"):
        report.write_report(log, tmp_path / "out", per_participant=True)
    assert not (tmp_path / "out").exists()  # refused before anything is written


def test_committed_cohort_sample_is_current(tmp_path):
    from footstats.synthetic import COHORT_PATHS, generate_cohort

    for frame, path in zip(generate_cohort(), COHORT_PATHS, strict=True):
        fresh = frame.to_csv(index=False, lineterminator="\n").encode("utf-8")
        assert path.read_bytes() == fresh, (
            "regenerate: python -m footstats.synthetic --cohort-sample"
        )
