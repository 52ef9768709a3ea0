"""footstats.notebook: the settings file beside the notebooks and the one table formatter.

The numbers are worked out by hand: 11/3 = 3.666... is 3.7 on the 0-10 pain scale,
87.5 % is 88 % (halves to the even digit), a share of 0.75 is 75 %.
"""

from __future__ import annotations

import io
import shutil
import warnings
from pathlib import Path

import pandas as pd
import pytest

import footstats
from footstats.errors import LogWarning, UsageError
from footstats.notebook import (
    SETTINGS_FILE,
    Settings,
    load_settings,
    plan_in_words,
    repeated_lines,
    rows_table,
    setup,
    table,
)

ROOT = Path(__file__).resolve().parents[2]
EXAMPLE = ROOT / "notebooks" / "footstats-settings.example.toml"


# -- the settings file --------------------------------------------------------------------------


@pytest.fixture(autouse=True)
def _settings_read(monkeypatch):
    """The test run may set FOOTSTATS_SETTINGS=none for nbval; these tests read files."""
    monkeypatch.delenv("FOOTSTATS_SETTINGS", raising=False)


def test_no_settings_file_gives_the_notebooks_defaults(tmp_path):
    assert load_settings(tmp_path) == Settings()
    chosen = load_settings(tmp_path, log_path="../my_foot_log.csv")
    assert chosen.log_path == "../my_foot_log.csv" and chosen.file is None


def test_the_example_file_reads_as_written(tmp_path):
    shutil.copy(EXAMPLE, tmp_path / SETTINGS_FILE)
    chosen = load_settings(tmp_path)
    assert chosen == Settings(
        log_path=str(tmp_path / "../my_foot_log.csv"),
        output_dir=str(tmp_path / "../out/notebooks"),
        formats=("png", "svg"),
        file=str(tmp_path / SETTINGS_FILE),
    )


def test_a_log_of_ones_own_drops_the_sample_participants_table(tmp_path):
    (tmp_path / SETTINGS_FILE).write_text('log_path = "/data/cohort.csv"\nparticipant = 42\n')
    sample = {"log_path": "cohort_log.csv", "participants_path": "participants.csv"}
    chosen = load_settings(tmp_path, **sample)
    assert (chosen.log_path, chosen.participants_path, chosen.participant) == (
        "/data/cohort.csv",
        None,
        "42",
    )
    (tmp_path / SETTINGS_FILE).write_text('until = 2026-06-30\nweeks = 0\nroutine = ""\n')
    chosen = load_settings(tmp_path, **sample)
    assert (chosen.until, chosen.weeks, chosen.routine) == ("2026-06-30", None, None)
    assert chosen.participants_path == "participants.csv"


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ('log_pth = "x.csv"\n', "unknown setting 'log_pth'; the settings are log_path, "),
        ("weeks = -2\n", "weeks = -2: expected a whole number of weeks"),
        ('weeks = "12"\n', "weeks = '12': expected a whole number of weeks"),
        ('log_path = ""\n', "log_path = '': expected a path in quotes"),
        ("log_path = my_log.csv\n", "not a valid settings file"),
        ('formats = "png"\n', "expected a list such as"),
    ],
)
def test_a_wrong_setting_names_the_file_and_what_was_expected(tmp_path, text, message):
    (tmp_path / SETTINGS_FILE).write_text(text)
    with pytest.raises(UsageError, match="footstats-settings.toml") as error:
        load_settings(tmp_path)
    assert message in str(error.value)


# -- the table formatter ------------------------------------------------------------------------


def test_table_rounds_by_one_rule_and_uses_words():
    frame = pd.DataFrame(
        {
            "week": pd.to_datetime(["2026-03-02", "2026-03-09"]),
            "exercise": ["toe_walking", "heel_raises"],
            "mean": [11 / 3, 6.0],
            "adherence_pct": [87.5, 73.076923],
            "completion": [0.75, 1.0],
            "in_program": [True, False],
            "lag": pd.array([pd.NA, 2], dtype="Int64"),
        },
        index=[5, 9],  # rows of a filtered table: their numbers are not shown
    )
    shown = table(frame, footstats.load_routine()).frame
    assert shown.columns.tolist() == [
        "week of",
        "exercise",
        "mean",
        "adherence %",
        "completion %",
        "in the routine",
        "lag",
    ]
    assert shown.to_dict("list") == {
        "week of": ["2 Mar 2026", "9 Mar 2026"],
        "exercise": ["Toe walking", "Heel raises"],
        "mean": ["3.7", "6.0"],
        "adherence %": ["88", "73"],
        "completion %": ["75", "100"],
        "in the routine": ["yes", "no"],
        "lag": ["", "2"],
    }
    html = table(frame)._repr_html_()
    assert "NaN" not in html and "&lt;NA&gt;" not in html and "<th></th>" not in html


def test_a_correlation_of_few_weeks_is_rounded_and_says_so():
    frame = pd.DataFrame(
        {"site": ["back", "hip"], "n_weeks": [4, 14], "spearman": [-0.894427, 0.5]}
    )
    assert table(frame).frame["rank correlation"].tolist() == [
        "-0.89 (too few weeks to say)",
        "0.50",
    ]


def test_the_headline_figures_keep_their_names_as_a_column():
    headline = footstats.headline_table(footstats.summarize(footstats.load_sample()))
    shown = table(headline).frame
    assert shown.iloc[:, 0].tolist() == headline.index.tolist()
    assert shown.loc[2].tolist() == ["Session adherence", "88 %"]


def test_problems_in_words_without_the_librarys_options():
    problems = footstats.check_log(io.StringIO("date,exercise,sets\n03/04/2026,Heel rises,2\n"))
    text = repr(table(problems))
    assert "exercise_map" not in text and "dayfirst" not in text and "date_format" not in text
    assert "Write dates as YYYY-MM-DD (2026-03-04)" in text
    assert "write the routine's name for it" in text


def test_footstats_warnings_read_as_one_sentence():
    setup()
    with warnings.catch_warnings():
        text = warnings.formatwarning("2 lines left out", LogWarning, "/tmp/ipykernel_1/x.py", 5)
    assert text == "Note: 2 lines left out\n"


# -- notebook 00: the preview and a second Save ----------------------------------------------------


def test_the_same_session_twice_is_said_once_with_its_lines(tmp_path):
    log = tmp_path / "log.csv"
    shutil.copy(ROOT / "sample_data" / "foot_log.csv", log)
    rows = footstats.session_rows("2026-06-22")
    first = footstats.plan_append(log, rows)
    assert repeated_lines(first) == []
    assert plan_in_words(first) == f"Add 8 rows (lines 159-166) to {log}:"
    first.write()
    again = footstats.plan_append(log, rows)
    assert repeated_lines(again) == list(range(159, 167))
    assert plan_in_words(again).splitlines()[1] == (
        "These rows are already in the log (lines 159-166): this session was saved before. "
        "Save it again only if you did it twice."
    )
    shown = rows_table(rows).frame
    assert shown.columns[:6].tolist() == ["date", "exercise", "side", "sets", "reps", "seconds"]
    assert shown.iloc[1, :5].tolist() == ["2026-06-22", "Heel raises", "left", "2", "10"]


def test_the_tests_can_ignore_a_developers_settings_file(tmp_path, monkeypatch):
    (tmp_path / SETTINGS_FILE).write_text('log_path = "mine.csv"\n')
    monkeypatch.chdir(tmp_path)  # a notebook reads the file of its own folder
    monkeypatch.setenv("FOOTSTATS_SETTINGS", "none")
    assert load_settings() == Settings()
    assert load_settings(tmp_path).log_path == str(tmp_path / "mine.csv")  # asked by name
    monkeypatch.delenv("FOOTSTATS_SETTINGS")
    assert load_settings().log_path == "mine.csv"
