"""footstats.app without a browser: plain words, the files behind the page, the command.

The page itself runs in Chromium in test_app_browser.py.
"""

from __future__ import annotations

import io
import json
import zipfile
from io import StringIO
from pathlib import Path

import pytest

import footstats
from footstats import cli
from footstats.app import (
    APP_NOTEBOOK,
    CHART_GUIDES,
    loaded_in_words,
    make_outputs,
    problems_in_words,
    show,
    voila_command,
)

COHORT = """participant,date,exercise,sets,pain_knee
p1,2026-03-02,Toe walking,6,6
p1,2026-03-04,Toe walking,6,3
p2,2026-03-02,Toe walking,6,4
"""


def test_problems_in_words_names_line_column_value_and_what_happened():
    text = (
        "date,exercise,Sets,pain_back\n"
        "2026-03-02,Toe walking,6,3\n"
        "2026-03-04,Toe walking,6,11\n"
        "2026-03-05,Heel rises,2,\n"
    )
    loaded = footstats.validate_log(StringIO(text))

    table = problems_in_words(loaded.problems)

    assert table.columns.tolist() == [
        "Line",
        "Column",
        "Value",
        "What footstats found",
        "What happened",
    ]
    rows = {row["Line"]: row for row in table.to_dict("records")}
    assert rows[3]["Column"] == "pain_back" and rows[3]["Value"] == "11"
    assert rows[3]["What happened"] == "not loaded: fix this line in your file"
    assert rows[4]["Column"] == "exercise" and rows[4]["Value"] == "Heel rises"
    assert rows[4]["What happened"] == "loaded, but please check it"


def test_loaded_in_words_clean_broken_and_missing(tmp_path):
    clean = footstats.validate_log(StringIO("date,exercise,sets\n2026-03-02,Toe walking,6\n"))
    broken = footstats.validate_log(
        StringIO("date,exercise,sets\n2026-03-02,Toe walking,6\n2026-03-03,Toe walking,x\n")
    )
    missing = footstats.validate_log(tmp_path / "nowhere.csv")

    assert loaded_in_words(clean) == (
        "<buffer>: 1 row loaded, 1 session from 2 Mar 2026 to 2 Mar 2026. No problems found."
    )
    assert "1 line with errors was left out" in loaded_in_words(broken)
    assert loaded_in_words(missing).startswith("nowhere.csv: could not be opened.")


def test_make_outputs_for_one_participant_of_a_cohort():
    log = footstats.read_log(StringIO(COHORT))

    outputs = make_outputs(log, participant="p2")

    assert list(outputs.charts) == list(CHART_GUIDES)
    assert all(png[:8] == b"\x89PNG\r\n\x1a\n" for png in outputs.charts.values())
    assert outputs.pdf[:5] == b"%PDF-"
    assert outputs.headline.loc["Participant", "value"] == "p2"
    assert outputs.headline.loc["Sessions", "value"] == "1 (1.0 a week on average)"
    with zipfile.ZipFile(io.BytesIO(outputs.zip)) as archive:
        assert sorted(archive.namelist()) == sorted(outputs.files)
        summary = json.loads(archive.read("summary.json"))
    assert [p["participant"] for p in summary["participants"]] == ["p2"]
    assert "report.pdf" not in outputs.files


def test_make_outputs_refuses_an_unknown_participant():
    with pytest.raises(ValueError, match="'p7' is not in this log; it has: p1, p2"):
        make_outputs(footstats.read_log(StringIO(COHORT)), participant="p7")


def test_select_participant_needs_a_participant_column():
    log = footstats.read_log(StringIO("date,exercise,sets\n2026-03-02,Toe walking,6\n"))

    assert footstats.select_participant(log, None).equals(log)
    with pytest.raises(ValueError, match="no participant column"):
        footstats.select_participant(log, "p1")


def test_voila_command_serves_the_packaged_notebook_on_localhost_with_a_token():
    command = voila_command(8899, open_browser=False)

    assert APP_NOTEBOOK.is_file() and command[1:4] == ["-m", "voila", str(APP_NOTEBOOK)]
    assert "--Voila.ip=127.0.0.1" in command and "--token" in command
    assert "--port=8899" in command and "--no-browser" in command
    assert f"--token={'t' * 8}" in voila_command(token="t" * 8)
    assert "--no-browser" not in voila_command()


def test_cli_app_refuses_a_missing_log_before_starting_anything(tmp_path, capsys):
    missing = tmp_path / "missing.csv"

    assert cli.main(["app", str(missing), "--no-browser"]) == cli.EXIT_USAGE
    assert f"{missing}: no such file" in capsys.readouterr().err


def test_app_notebook_is_packaged():
    pyproject = (Path(__file__).resolve().parents[2] / "pyproject.toml").read_text()

    assert APP_NOTEBOOK.parent.name == "data" and "data/*.ipynb" in pyproject


def test_page_on_a_folder_of_logs_offers_each_participant(tmp_path):
    folder = tmp_path / "clinic"
    folder.mkdir()
    (folder / "p01.csv").write_text("date,exercise,sets\n2026-03-02,Toe walking,6\n")
    (folder / "p02.csv").write_text(
        "date,exercise,sets\n2026-03-02,Toe walking,6\n2026-03-04,Toe walking,6\n"
    )

    page = show(log=str(folder))
    texts = {child.value for child in page.children if hasattr(child, "value")}
    participant = next(c for c in page.children if getattr(c, "description", "") == "Participant:")
    participant.value = "p02"  # what choosing it on the page does
    results = "".join(c.value for c in page.children[-1].children if isinstance(c.value, str))

    assert any("clinic: 3 rows loaded, 3 sessions" in str(t) for t in texts)
    assert participant.layout.display == "flex"
    assert [label for label, _ in participant.options] == ["Everyone (the cohort)", "p01", "p02"]
    assert 'download="clinic_p02_report.pdf"' in results
    assert "<th>Participant</th>" in results and "<td>p02</td>" in results


def test_make_outputs_counts_the_follow_up_window():
    log = footstats.read_log(StringIO(COHORT))
    # p1: 2 sessions in the week of 2 March; up to 15 March: that week met, the next empty
    by_default = make_outputs(log, participant="p1")
    until = make_outputs(log, participant="p1", window=footstats.FollowUp(until="2026-03-15"))

    assert by_default.headline.loc["Session adherence", "value"] == "100 %"
    assert until.headline.loc["Session adherence", "value"] == "50 %"
    with zipfile.ZipFile(io.BytesIO(until.zip)) as archive:
        weeks = archive.read("frequency.csv").decode().splitlines()[1:]
    assert [line.split(",")[1] for line in weeks] == ["2026-03-02", "2026-03-09"]


def _widget(page, description):
    boxes = [page, *(c for c in page.children if hasattr(c, "children"))]
    return next(
        c for box in boxes for c in box.children if getattr(c, "description", "") == description
    )


def test_page_sets_the_follow_up_window(tmp_path):
    log = tmp_path / "mine.csv"
    log.write_text("date,exercise,sets\n2026-03-02,Toe walking,6\n2026-03-04,Toe walking,6\n")

    page = show(log=str(log))
    # the window's notices, under its controls
    notice = next(c for c in page.children if "footstats-window" in c._dom_classes).value
    _widget(page, "Programme length in weeks (0: not set):").value = 4
    results = "".join(c.value for c in page.children[-1].children if isinstance(c.value, str))

    assert "Last entry" in notice and "choose &#x27;today&#x27; above" in notice
    # 4 weeks from the week of 2 March: met, then 3 empty weeks: 1 / 4
    assert "<th>Session adherence</th>" in results and "<td>25 %</td>" in results


def _part(page, name: str) -> str:
    """The HTML of the page's widget with class ``footstats-<name>``."""
    boxes = [page, *(c for c in page.children if hasattr(c, "children"))]
    return next(
        c.value for box in boxes for c in box.children if f"footstats-{name}" in c._dom_classes
    )


def _results_html(page) -> str:
    return "".join(c.value for c in page.children[-1].children if isinstance(c.value, str))


def test_a_cohort_lists_its_participants_and_shows_the_cohort_charts(tmp_path):
    log = tmp_path / "cohort.csv"
    log.write_text(COHORT)
    table = tmp_path / "participants.csv"
    table.write_text(
        "participant,start,weeks,group\np1,2026-03-02,2,home\np2,2026-03-02,2,clinic\n"
    )

    everyone = make_outputs(
        footstats.read_log(log), window=footstats.FollowUp(participants=str(table))
    )
    page = show(log=str(log), participants=str(table))
    shown = _results_html(page)

    assert list(everyone.charts)[:4] == [
        "study_weeks",
        "adherence_spread",
        "pain_waterfall",
        "adherence_vs_pain_change",
    ]
    # each week counts up to the target's minimum (2): p1 did 2 then 0 sessions -> (2 + 0) / 4;
    # p2 did 1 then 0 -> (1 + 0) / 4
    people = everyone.participants.set_index("participant")
    assert people.loc["p1", "adherence_pct"] == 50 and people.loc["p2", "adherence_pct"] == 25
    assert "<h2>Participants</h2>" in shown and "<td>p1</td>" in shown and "<td>home</td>" in shown
    assert "Participants table: participants.csv, 2 participants." in _part(page, "table-text")
    assert "Who keeps going: adherence by study week" in shown
    # the list of participants names everyone's choice before one is picked (not blank)
    assert _widget(page, "Participant:").label == "Everyone (the cohort)"
    assert _widget(page, "Participant:").options[1:] == (("p1", "p1"), ("p2", "p2"))
    # one participant chosen: their own charts, no list and no cohort chart of one person
    person = make_outputs(footstats.read_log(log), participant="p1")
    assert person.participants is None and "study_weeks" not in person.charts


def test_day_first_dates_are_offered_in_plain_words(tmp_path):
    log = tmp_path / "mine.csv"
    log.write_text("date,exercise,sets\n03/04/2026,Toe walking,6\n05/04/2026,Toe walking,6\n")

    page = show(log=str(log))
    problems = _part(page, "problems")
    assert "03/04/2026" in problems and "choose how your dates are written above" in problems
    assert "dayfirst" not in problems and "date_format" not in problems
    dates = _widget(page, "Dates in the log are written:")
    dates.value = "day first (03/04/2026 is 3 April)"
    assert "2 rows loaded, 2 sessions from 3 Apr 2026 to 5 Apr 2026" in _part(page, "status")
    assert _part(page, "problems") == ""
    dates.value = "month first (04/03/2026 is April 3)"
    assert "from 4 Mar 2026 to 4 May 2026" in _part(page, "status")


def test_messages_and_buttons_a_patient_can_act_on(tmp_path):
    log = tmp_path / "mine.csv"
    log.write_text("date,exercise,sets\n2026-03-02,Heel rises,2\n")
    page = show(log=str(log))
    problems = _part(page, "problems")
    buttons = [c.description for box in page.children[1:4] for c in getattr(box, "children", [])]

    assert "exercise_map" not in problems and "write the routine's name for it" in problems
    assert "Your own routine file" in buttons and not any("(.toml)" in b for b in buttons)


def test_the_server_culls_idle_kernels():
    command = voila_command(8866, cull_idle=30, cull_interval=5)
    assert "--MappingKernelManager.cull_idle_timeout=30" in command
    assert "--MappingKernelManager.cull_interval=5" in command
    assert "--MappingKernelManager.cull_idle_timeout=600" in voila_command()
