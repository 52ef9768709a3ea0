"""The follow-up window (footstats.follow_up and the window options of every metric and of
``footstats report``), hand-computed on tiny logs. Dates in March 2026: Mondays are the 2nd,
9th, 16th, 23rd and 30th."""

from __future__ import annotations

import dataclasses
import json
from datetime import date
from importlib import resources
from io import StringIO

import pandas as pd
import pytest
from _tidy import PROGRAM, tidy_log

import footstats
from footstats.cli import main
from footstats.columns import (
    ADHERENCE_PCT,
    CURRENT_STREAK,
    END,
    LONGEST_STREAK,
    PARTICIPANT,
    ROWS_AFTER,
    ROWS_BEFORE,
    SESSIONS,
    START,
    TARGET_MET,
    WEEK,
    WEEK_INDEX,
    WEEKS,
)
from footstats.metrics import followup
from footstats.metrics import tables as metrics
from footstats.reading.participants import (
    enrolment_problems,
    read_participants,
    validate_participants,
)

TOE_WALKING = {"exercise": "toe_walking", "sets": 6}


def days(*texts):
    return [pd.Timestamp(t) for t in texts]


def session(day, participant=None, **more):
    row = {"date": day, **TOE_WALKING, **more}
    return row if participant is None else {"participant": participant, **row}


def run(argv, capsys):
    try:
        code = main(argv)
    except SystemExit as exc:
        code = exc.code
    out, err = capsys.readouterr()
    return code, out, err


def by_participant(table: pd.DataFrame, column: str) -> dict:
    return {str(p): list(g[column]) for p, g in table.groupby(PARTICIPANT, observed=True)}


# -- a drop-out -----------------------------------------------------------------------------


def dropout_cohort():
    """``quit`` does 2 sessions in the week of 2 March and nothing after; ``stays`` does 2
    sessions every week up to Wednesday 25 March (the log's last row)."""
    rows = [session("2026-03-02", "quit"), session("2026-03-04", "quit")]
    for monday in ("2026-03-02", "2026-03-09", "2026-03-16", "2026-03-23"):
        first = pd.Timestamp(monday)
        rows += [
            session(str(first.date()), "stays"),
            session(str((first + pd.Timedelta(days=2)).date()), "stays"),
        ]
    return tidy_log(rows)


def test_a_drop_out_counts_the_empty_weeks_up_to_the_logs_last_row():
    log = dropout_cohort()
    weekly = metrics.weekly_frequency(log, routine=PROGRAM)
    # quit: weeks of 2, 9, 16, 23 March (the log's last row is 25 March): 2, 0, 0, 0
    assert by_participant(weekly, SESSIONS) == {"quit": [2, 0, 0, 0], "stays": [2, 2, 2, 2]}
    summary = metrics.frequency_summary(weekly).set_index(PARTICIPANT)
    # quit: the week of 23 March is in progress (to Wednesday 25 March), not judged yet:
    # (1 + 0 + 0) / 3 = 33.3 % (it was 100 % over the first week alone)
    assert summary.loc["quit", ADHERENCE_PCT] == pytest.approx(100 / 3)
    assert summary.loc["quit", CURRENT_STREAK] == 0  # the last weeks are empty
    assert summary.loc["quit", LONGEST_STREAK] == 1
    assert summary.loc["stays", ADHERENCE_PCT] == pytest.approx(100.0)
    assert summary.loc["stays", CURRENT_STREAK] == 4
    cohort = metrics.summarize(log, routine=PROGRAM)["cohort"]
    assert cohort["median_adherence_pct"] == pytest.approx((100 / 3 + 100) / 2)


def test_a_personal_drop_out_shows_with_until():
    log = tidy_log([session("2026-03-02"), session("2026-03-04")])
    # until Sunday 22 March: weeks of 2, 9 and 16 March
    weekly = metrics.weekly_frequency(log, routine=PROGRAM, until="2026-03-22")
    assert weekly[WEEK].tolist() == days("2026-03-02", "2026-03-09", "2026-03-16")
    assert weekly[SESSIONS].tolist() == [2, 0, 0]
    summary = metrics.summarize(log, routine=PROGRAM, until=date(2026, 3, 22))
    # (1 + 0 + 0) / 3 = 33.3 %; the current streak ends in the empty last week
    assert (summary["weeks"], summary["sessions"]) == (3, 2)
    assert summary["adherence_pct"] == pytest.approx(100 / 3)
    assert (summary["current_streak"], summary["longest_streak"]) == (0, 1)
    assert (summary["first_date"], summary["last_date"]) == ("2026-03-02", "2026-03-04")


def test_until_today(monkeypatch):
    class Today(date):
        @classmethod
        def today(cls):
            return cls(2026, 3, 18)

    monkeypatch.setattr(followup, "date", Today)  # where the window reads today
    log = tidy_log([session("2026-03-02")])
    weekly = metrics.weekly_frequency(log, routine=PROGRAM, until="today")
    assert weekly[WEEK].tolist() == days("2026-03-02", "2026-03-09", "2026-03-16")


def test_the_readme_example():
    log = tidy_log([session("2026-03-02"), session("2026-03-04"), session("2026-03-10")])
    for options, sessions, adherence in (
        # to Tuesday 10 March: that week is in progress with 1 of 2 sessions, not judged
        ({}, [2, 1], 100.0),
        ({"until": "2026-03-29"}, [2, 1, 0, 0], 37.5),
        ({"weeks": 6}, [2, 1, 0, 0, 0, 0], 25.0),
    ):
        weekly = metrics.weekly_frequency(log, routine=PROGRAM, **options)
        assert weekly[SESSIONS].tolist() == sessions
        summary = metrics.frequency_summary(weekly)
        assert summary[ADHERENCE_PCT].tolist() == [pytest.approx(adherence)]
    window = metrics.follow_up(log, routine=PROGRAM, weeks=6)
    assert window[END].tolist() == days("2026-04-12")


# -- a late starter and study weeks ---------------------------------------------------------


def late_starter_cohort():
    """``early`` starts on Monday 2 March, ``late`` on Wednesday 18 March; 2 sessions in
    each one's first week, 1 in their second, then nothing."""
    return tidy_log(
        [
            session("2026-03-02", "early"),
            session("2026-03-03", "early"),
            session("2026-03-10", "early"),
            session("2026-03-18", "late"),
            session("2026-03-19", "late"),
            session("2026-03-24", "late"),
        ]
    )


def test_a_late_starter_with_weeks_counts_a_programme_from_each_start():
    log = late_starter_cohort()
    weekly = metrics.weekly_frequency(log, routine=PROGRAM, weeks=3, week_index=True)
    assert list(weekly.columns[:4]) == [PARTICIPANT, WEEK, WEEK_INDEX, SESSIONS]
    # 3 weeks each from the week of the start: early 2, 9, 16 March; late 16, 23, 30 March
    assert by_participant(weekly, WEEK) == {
        "early": days("2026-03-02", "2026-03-09", "2026-03-16"),
        "late": days("2026-03-16", "2026-03-23", "2026-03-30"),
    }
    assert by_participant(weekly, WEEK_INDEX) == {"early": [1, 2, 3], "late": [1, 2, 3]}
    # study week by study week the two are alike: 2, 1, 0
    assert by_participant(weekly, SESSIONS) == {"early": [2, 1, 0], "late": [2, 1, 0]}
    window = metrics.follow_up(log, routine=PROGRAM, weeks=3).set_index(PARTICIPANT)
    # the Sunday of the third ISO week
    assert window.loc["early", END] == pd.Timestamp("2026-03-22")
    assert window.loc["late", START] == pd.Timestamp("2026-03-18")
    assert window.loc["late", END] == pd.Timestamp("2026-04-05")
    assert window[WEEKS].tolist() == [3, 3]


def test_without_weeks_the_late_starter_has_fewer_weeks():
    log = late_starter_cohort()
    window = metrics.follow_up(log, routine=PROGRAM).set_index(PARTICIPANT)
    # both end on the log's last row, Tuesday 24 March: early 4 weeks, late 2
    assert window[END].tolist() == days("2026-03-24", "2026-03-24")
    assert window[WEEKS].tolist() == [4, 2]


def test_the_routines_weeks_key_is_the_default_programme():
    routine = dataclasses.replace(PROGRAM, weeks=2)
    log = late_starter_cohort()
    weekly = metrics.weekly_frequency(log, routine=routine)
    assert by_participant(weekly, SESSIONS) == {"early": [2, 1], "late": [2, 1]}
    # weeks= wins over the routine's key
    weekly = metrics.weekly_frequency(log, routine=routine, weeks=1)
    assert by_participant(weekly, SESSIONS) == {"early": [2], "late": [2]}


def test_weeks_wins_over_until():
    log = late_starter_cohort()
    window = metrics.follow_up(log, routine=PROGRAM, weeks=1, until="2026-04-30")
    assert window[END].tolist() == days("2026-03-08", "2026-03-22")


@pytest.mark.parametrize("weeks", [0, -1, 2.5, True, "3"])
def test_weeks_must_be_a_whole_number_of_weeks(weeks):
    with pytest.raises(ValueError, match="weeks must be a whole number"):
        metrics.weekly_frequency(tidy_log([session("2026-03-02")]), weeks=weeks)


def test_until_must_be_a_date():
    with pytest.raises(ValueError, match="until must be a date"):
        metrics.weekly_frequency(tidy_log([session("2026-03-02")]), until="soon")


# -- rows outside the window ----------------------------------------------------------------


def test_rows_after_the_window_are_kept_in_the_log_but_not_counted():
    log = tidy_log(
        [
            session("2026-03-02", back=6),
            session("2026-03-04"),
            session("2026-03-10", back=5),
            session("2026-03-23", back=1),  # after the window
            {"date": "2026-03-24", "back": 1},  # a check-in after the window
        ]
    )
    before = log.copy()
    weekly = metrics.weekly_frequency(log, routine=PROGRAM, until="2026-03-15")
    assert weekly[SESSIONS].tolist() == [2, 1]
    pain = metrics.pain_change(log, until="2026-03-15")
    # baseline 2-15 March: (6 + 5) / 2; latest the same 14 days: the late 1s are not counted
    assert pain[["baseline", "latest"]].to_dict("records") == [{"baseline": 5.5, "latest": 5.5}]
    window = metrics.follow_up(log, routine=PROGRAM, until="2026-03-15")
    assert (window[ROWS_BEFORE].sum(), window[ROWS_AFTER].sum()) == (0, 2)
    assert metrics.window_notices(window) == [
        "2 rows after the window's end are not counted (they stay in the log)"
    ]
    pd.testing.assert_frame_equal(log, before)  # the log itself keeps every row
    assert len(metrics.session_table(log, routine=PROGRAM, until="2026-03-15")) == 3
    assert len(metrics.pain_reports(log, until="2026-03-15")) == 2


def test_a_start_after_the_first_row_leaves_earlier_rows_out():
    log = tidy_log([session("2026-03-02", "p1"), session("2026-03-10", "p1")])
    table = pd.DataFrame({"participant": ["p1"], "start": ["2026-03-09"]})
    window = metrics.follow_up(log, routine=PROGRAM, participants=table)
    assert window[[ROWS_BEFORE, ROWS_AFTER]].to_dict("records") == [{ROWS_BEFORE: 1, ROWS_AFTER: 0}]
    assert metrics.window_notices(window) == [
        "1 row before the window's start is not counted (they stay in the log)"
    ]
    weekly = metrics.weekly_frequency(log, routine=PROGRAM, participants=table)
    assert weekly[WEEK].tolist() == days("2026-03-09")
    assert weekly[SESSIONS].tolist() == [1]


# -- a participants table -------------------------------------------------------------------


def test_a_participants_table_overrides_the_start_and_enrols_someone_without_rows():
    log = tidy_log([session("2026-03-18", "p1"), session("2026-03-19", "p1")])
    table = read_participants(
        StringIO(
            "participant,start,end,weeks,group\n"
            "p1,2026-03-02,,3,home\n"  # enrolled two weeks before the first row
            "p2,2026-03-09,2026-03-22,,clinic\n"  # enrolled, no rows at all
        )
    )
    weekly = metrics.weekly_frequency(log, routine=PROGRAM, participants=table)
    # p1: weeks of 2, 9 and 16 March (3 weeks from the start); p2: 9 and 16 March, empty
    assert by_participant(weekly, WEEK) == {
        "p1": days("2026-03-02", "2026-03-09", "2026-03-16"),
        "p2": days("2026-03-09", "2026-03-16"),
    }
    assert by_participant(weekly, SESSIONS) == {"p1": [0, 0, 2], "p2": [0, 0]}
    summary = metrics.frequency_summary(weekly).set_index(PARTICIPANT)
    assert summary.loc["p1", ADHERENCE_PCT] == pytest.approx(100 / 3)
    assert summary.loc["p2", ADHERENCE_PCT] == 0
    entries = {
        e["participant"]: e for e in metrics.summarize(log, participants=table)["participants"]
    }
    assert entries["p2"]["sessions"] == 0
    assert (entries["p2"]["first_date"], entries["p2"]["last_date"]) == (None, None)
    window = metrics.follow_up(log, routine=PROGRAM, participants=table)
    assert window["group"].tolist() == ["home", "clinic"]


def test_a_participant_of_the_log_missing_from_the_table_is_an_error():
    log = tidy_log([session("2026-03-02", "p1"), session("2026-03-03", "p9")])
    table = pd.DataFrame({"participant": ["p1"], "start": ["2026-03-02"]})
    with pytest.raises(ValueError, match="not in the participants table: p9"):
        metrics.weekly_frequency(log, participants=table)
    problems = enrolment_problems(log, table.assign(line=[2]), "log.csv", "people.csv")
    assert problems[["file", "line", "column", "severity"]].values.tolist() == [
        ["log.csv", 3, "participant", "error"]
    ]
    assert problems["message"].tolist() == ["'p9' is not in the participants table people.csv"]


def test_the_participants_table_is_validated_with_line_and_column():
    loaded = validate_participants(
        StringIO(
            "Participant,Start,End,Weeks,Group\n"
            "p1,2026-03-02,,12,home\n"
            "p1,2026-03-03,,,\n"
            "p2,03/04/2026,,,\n"
            "p3,2026-03-05,2026-03-01,,\n"
            "p4,2026-03-05,2026-04-30,4,\n"
            ",2026-03-05,,0,\n"
        )
    )
    found = [(p.line, p.column, p.message) for p in loaded.problems.itertuples()]
    assert found[0] == (3, "Participant", "listed twice: also on line 2")
    assert found[1][:2] == (4, "Start") and "day 3 of month 4" in found[1][2]
    assert found[2] == (5, "End", "the end is before the start (2026-03-05)")
    assert found[3] == (6, "Weeks", "both an end and weeks: give one of them")
    assert found[4] == (7, "Participant", "the participant is blank")
    assert found[5] == (7, "Weeks", "0 weeks: expected a whole number of weeks >= 1")
    assert not loaded.ok
    assert loaded.table["participant"].tolist() == ["p1"]  # only the valid rows
    with pytest.raises(footstats.LogError):
        read_participants(StringIO("participant,start\np1,someday\n"))


def test_the_participants_table_needs_participant_and_start():
    loaded = validate_participants(StringIO("id,begin\np1,2026-03-02\n"))
    messages = loaded.problems["message"].tolist()
    assert any("no 'participant' or 'start' column" in m for m in messages)


# -- ISO week 53 ----------------------------------------------------------------------------


def test_iso_week_53_inside_a_window():
    # 2026 has 53 ISO weeks: week 53 runs from Monday 28 December 2026 to Sunday 3 January
    log = tidy_log(
        [
            session("2026-12-22"),
            session("2026-12-31"),
            session("2027-01-02"),  # the same ISO week 53 as 31 December
            session("2027-01-05"),
        ]
    )
    weekly = metrics.weekly_frequency(log, routine=PROGRAM, until="2027-01-17")
    assert weekly[WEEK].tolist() == days("2026-12-21", "2026-12-28", "2027-01-04", "2027-01-11")
    assert [w.isocalendar()[:2] for w in weekly[WEEK]] == [
        (2026, 52),
        (2026, 53),
        (2027, 1),
        (2027, 2),
    ]
    assert weekly[SESSIONS].tolist() == [1, 2, 1, 0]
    assert weekly[TARGET_MET].tolist() == [False, True, False, False]
    window = metrics.follow_up(log, routine=PROGRAM, weeks=2)
    assert window[END].tolist() == days("2027-01-03")  # the Sunday of week 53


# -- a session is a calendar day ------------------------------------------------------------


def test_two_workouts_on_one_day_are_one_session():
    log = tidy_log(
        [
            session("2026-03-02 07:30"),
            session("2026-03-02 18:00"),
            session("2026-03-04"),
        ]
    )
    weekly = metrics.weekly_frequency(log, routine=PROGRAM)
    assert weekly[SESSIONS].tolist() == [2]  # 2 March and 4 March
    sets = metrics.session_sets(log, routine=PROGRAM)
    toe = sets[sets["exercise"] == "toe_walking"]
    # the day's 6 + 6 sets against one prescription of 6: completion capped at 1
    assert toe["sets_done"].tolist() == [12, 6]
    assert toe["completion"].tolist() == [1.0, 1.0]


# -- stale logs -----------------------------------------------------------------------------


def test_stale_notice_for_a_personal_log():
    log = tidy_log([session("2026-03-02")])
    assert metrics.stale_notice(log, today=date(2026, 3, 9)) is None  # 7 days: not stale
    assert metrics.stale_notice(log, today=date(2026, 3, 25)) == (
        "last entry 23 days ago: weeks since then are not counted; use --until today to count them"
    )
    cohort = tidy_log([session("2026-03-02", "p1")])
    assert metrics.stale_notice(cohort, today=date(2026, 3, 25)) is None


# -- the command line -----------------------------------------------------------------------

LOG = """date,exercise,sets,pain_back
2026-03-02,Toe walking,6,6
2026-03-04,Toe walking,6,
2026-03-09,Toe walking,6,5
2026-03-23,Toe walking,6,2
"""


@pytest.fixture
def files(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    (tmp_path / "log.csv").write_text(LOG)
    return tmp_path


def frequency_rows(folder) -> list[str]:
    return (folder / "frequency.csv").read_text().splitlines()[1:]


def test_report_weeks_lists_every_week_of_the_programme(files, capsys):
    code, _, err = run(["report", "log.csv", "-o", "out", "--weeks", "6"], capsys)
    assert code == 0, err
    # 6 weeks from the week of 2 March: 2 March to 6 April
    assert [row.split(",")[:2] for row in frequency_rows(files / "out")] == [
        ["2026-03-02", "2"],
        ["2026-03-09", "1"],
        ["2026-03-16", "0"],
        ["2026-03-23", "1"],
        ["2026-03-30", "0"],
        ["2026-04-06", "0"],
    ]
    summary = json.loads((files / "out" / "summary.json").read_text())
    assert sorted(summary) == sorted(
        ["weeks", "weeks_judged", "sessions", "adherence_pct", "current_streak"]
        + ["longest_streak", "in_progress", "habit_strength", "first_date", "last_date"]
        + ["start", "end", "pain"]
    )
    # (1 + 1/2 + 0 + 1/2 + 0 + 0) / 6 = 33.3 %
    assert (summary["weeks"], summary["sessions"]) == (6, 4)
    assert summary["adherence_pct"] == round(100 / 3, 4)  # files round to 4 decimals


def test_report_until_cuts_the_window_and_counts_the_rows_after(files, capsys):
    code, _, err = run(["report", "log.csv", "-o", "out", "--until", "2026-03-15"], capsys)
    assert code == 0, err
    assert len(frequency_rows(files / "out")) == 2
    assert "log.csv: notice: 1 row after the window's end is not counted" in err
    assert "last entry" not in err  # --until: no stale-log notice
    summary = json.loads((files / "out" / "summary.json").read_text())
    assert (summary["weeks"], summary["sessions"], summary["last_date"]) == (2, 3, "2026-03-09")
    assert "Period: 2 March 2026 to 15 March 2026 (2 weeks)." in _pdf_text(files / "out")


def _pdf_text(folder) -> str:
    """The words of page 1, as the report builds them (the PDF itself is compressed)."""
    from footstats.report import write as report

    log = footstats.read_log(folder.parent / "log.csv")
    blocks = report._Report(log, None, footstats.FollowUp(until="2026-03-15")).summary_blocks()
    return "\n".join(text for _, text in blocks)


def test_report_stale_log_notice(files, capsys, monkeypatch):
    from footstats.report import write as report

    calls = []
    monkeypatch.setattr(report, "write_report", lambda *a, **kw: calls.append(kw) or [])
    code, _, err = run(["report", "log.csv", "-o", "out"], capsys)
    assert code == 0
    days_ago = (date.today() - date(2026, 3, 23)).days  # the log's last row
    assert f"log.csv: notice: last entry {days_ago} days ago: weeks since then are not " in err
    assert "use --until today to count them" in err
    assert calls[0]["window"]["end"].tolist() == [pd.Timestamp("2026-03-23")]  # the last row
    code, _, err = run(["report", "log.csv", "-o", "out", "--until", "today"], capsys)
    assert "last entry" not in err
    assert calls[1]["window"]["end"].tolist() == [pd.Timestamp(date.today())]


def test_report_bad_window_options_are_usage_errors(files, capsys):
    code, _, err = run(["report", "log.csv", "-o", "out", "--weeks", "0"], capsys)
    assert code == 2 and "expected a whole number of weeks >= 1" in err
    code, _, err = run(["report", "log.csv", "-o", "out", "--until", "31/12/2026"], capsys)
    assert code == 2 and "until must be a date (YYYY-MM-DD) or 'today'" in err
    assert "Traceback" not in err


COHORT = """participant,date,exercise,sets
a,2026-03-02,Toe walking,6
a,2026-03-04,Toe walking,6
b,2026-03-09,Toe walking,6
b,2026-03-11,Toe walking,6
b,2026-03-16,Toe walking,6
"""


def test_report_participants_table(files, capsys):
    (files / "cohort.csv").write_text(COHORT)
    (files / "people.csv").write_text(
        "participant,start,weeks,group\na,2026-03-02,2,home\nb,2026-03-09,2,home\nc,2026-03-16,2,clinic\n"
    )
    code, _, err = run(
        ["report", "cohort.csv", "-o", "out", "--participants", "people.csv"], capsys
    )
    assert code == 0, err
    assert "people.csv:4:participant: warning: 'c' has no rows in cohort.csv" in err
    # participant, week, sessions, target_min, target_max, target_met (then in_progress:
    # never, each window ends on a Sunday; and habit_strength)
    rows = [row.split(",") for row in frequency_rows(files / "out")]
    assert {row[6] for row in rows} == {"False"}
    assert [",".join(row[:6]) for row in rows] == [
        "a,2026-03-02,2,2,3,True",
        "a,2026-03-09,0,2,3,False",
        "b,2026-03-09,2,2,3,True",
        "b,2026-03-16,1,2,3,False",
        "c,2026-03-16,0,2,3,False",
        "c,2026-03-23,0,2,3,False",
    ]


def test_report_participants_table_missing_a_participant_exits_1(files, capsys):
    (files / "cohort.csv").write_text(COHORT)
    (files / "people.csv").write_text("participant,start\na,2026-03-02\n")
    code, _, err = run(
        ["report", "cohort.csv", "-o", "out", "--participants", "people.csv"], capsys
    )
    assert code == 1
    assert "cohort.csv:4:participant: error: 'b' is not in the participants table people.csv" in err
    assert not (files / "out").exists()


def test_report_participants_table_with_errors_exits_1(files, capsys):
    (files / "cohort.csv").write_text(COHORT)
    (files / "people.csv").write_text("participant,start\na,2026-03-02\nb,tomorrow\n")
    code, _, err = run(
        ["report", "cohort.csv", "-o", "out", "--participants", "people.csv"], capsys
    )
    assert code == 1
    assert "people.csv:3:start: error: 'tomorrow' is not a date" in err


def test_report_participants_table_that_cannot_be_read_exits_2(files, capsys):
    (files / "cohort.csv").write_text(COHORT)
    code, _, err = run(
        ["report", "cohort.csv", "-o", "out", "--participants", "missing.csv"], capsys
    )
    assert code == 2
    assert "cannot read" in err and "Traceback" not in err


def test_the_dashboard_counts_the_window():
    import matplotlib.pyplot as plt

    log = tidy_log([session("2026-03-02"), session("2026-03-04")])
    fig = footstats.plot_dashboard(log, routine=PROGRAM, until="2026-03-22")
    try:
        assert fig.get_suptitle().endswith("2 Mar – 22 Mar 2026 (3 weeks)")
        assert (
            fig.axes[0]
            .get_title()
            .endswith(
                "target met in 1 of 3 weeks · current streak 0 · longest streak 1"
                " · habit strength 14 %"  # Loop's score on 22 March: 13.87 by a day loop
            )
        )
    finally:
        plt.close(fig)


def test_report_passes_the_window_and_per_participant_on(files, capsys, monkeypatch):
    from footstats.report import write as report

    calls = []
    monkeypatch.setattr(report, "write_report", lambda *a, **kw: calls.append(kw) or [])
    (files / "cohort.csv").write_text(COHORT)
    argv = ["report", "cohort.csv", "-o", "out", "--weeks", "3", "--until", "2026-04-30"]
    code, _, err = run([*argv, "--per-participant"], capsys)
    assert code == 0, err
    spans = calls[0]["window"]  # resolved once by the CLI: the weeks before the until
    assert spans["weeks"].tolist() == [3] * len(spans)
    assert (spans["end"] - spans["start"].dt.to_period("W").dt.start_time).dt.days.tolist() == [
        20
    ] * len(spans)
    assert calls[0]["per_participant"] is True


def test_participants_may_be_a_path(tmp_path):
    (tmp_path / "people.csv").write_text("participant;start\np1;02/03/2026\n", encoding="utf-16")
    with pytest.raises(footstats.LogError):  # day-first dates need dayfirst=True
        metrics.follow_up(
            tidy_log([session("2026-03-09", "p1")]), participants=tmp_path / "people.csv"
        )
    table = read_participants(tmp_path / "people.csv", dayfirst=True)
    window = metrics.follow_up(tidy_log([session("2026-03-09", "p1")]), participants=table)
    assert window[START].tolist() == days("2026-03-02")


# -- bounds on every window input (issue 26, point 6): a typo is said, never counted ----------


@pytest.mark.parametrize("weeks", ["9223372036854775807", "99999999999999999999", "1041"])
def test_report_absurd_weeks_is_a_usage_error_not_an_empty_report(files, capsys, weeks):
    """--weeks has bounds, like the log's dates ("a typo?"): never 0 weeks and 0 sessions
    (int64 wrapped) nor an OverflowError traceback."""
    code, _, err = run(["report", "log.csv", "-o", "out", "--weeks", weeks], capsys)
    assert code == 2, err
    assert "a typo? (at most 1040 weeks)" in err and "Traceback" not in err
    assert not (files / "out" / "summary.json").exists()


def test_report_weeks_up_to_twenty_years_are_counted(files, capsys):
    code, _, err = run(["report", "log.csv", "-o", "out", "--weeks", "1040"], capsys)
    assert code == 0, err
    assert json.loads((files / "out" / "summary.json").read_text())["weeks"] == 1040


def test_check_refuses_absurd_weeks_in_a_routine(files, capsys):
    """A routine's ``weeks = 99999999999999999999`` is refused by check, as other
    implausible routine numbers are, so report never crashes on it."""
    text = (resources.files("footstats") / "data" / "foot_routine.toml").read_text("utf-8")
    weeks = "session_minutes = 20\nweeks = 99999999999999999999"
    (files / "routine.toml").write_text(text.replace("session_minutes = 20", weeks, 1))
    code, _, err = run(["check", "log.csv", "--routine", "routine.toml"], capsys)
    assert code == 2
    assert "'weeks': 99999999999999999999 weeks is 1,923,076,923,076,923,076 years: a typo?" in err


@pytest.mark.parametrize(
    ("until", "when"),
    [("9999-12-31", "more than a year in the future"), ("0001-01-01", "before 1900")],
)
def test_report_implausible_until_is_a_typo_message(files, capsys, until, when):
    """--until follows the log's date rule: 1900 to a year from today, else "a typo?" (not
    pandas' "Cannot cast ... to unit='ns'")."""
    code, _, err = run(["report", "log.csv", "-o", "out", "--until", until], capsys)
    assert code == 2
    assert f"until {until} is {when}: a typo?" in err and "Cannot cast" not in err


def test_follow_up_checks_its_values_when_made():
    with pytest.raises(footstats.WindowError, match="at most 1040 weeks"):
        footstats.FollowUp(weeks=2**63 - 1)
    with pytest.raises(footstats.WindowError, match="whole number of weeks >= 1, got True"):
        footstats.FollowUp(weeks=True)
    with pytest.raises(footstats.WindowError, match="until 2206-02-27 is more than a year"):
        footstats.FollowUp(until="2206-02-27")
    with pytest.raises(footstats.WindowError, match=r"YYYY-MM-DD\) or 'today', got '03/04/2026'"):
        footstats.FollowUp(until="03/04/2026")  # never guessed
    table = pd.DataFrame({"participant": ["p1"], "start": ["2026-03-02"], "weeks": [5000]})
    with pytest.raises(footstats.WindowError, match="participant p1: weeks = 5000: a typo?"):
        footstats.FollowUp(participants=table)
    assert footstats.FollowUp(until=pd.Timestamp("2026-03-15")).until == date(2026, 3, 15)
    assert footstats.FollowUp(until="today").until == date.today()
    assert repr(footstats.FollowUp(weeks=6, until="2026-04-30")) == (
        "FollowUp(weeks=6, until=2026-04-30)"
    )
    with pytest.raises(footstats.UsageError, match="give window= or weeks=, not both"):
        footstats.weekly_frequency(footstats.load_sample(), window=footstats.FollowUp(), weeks=3)
