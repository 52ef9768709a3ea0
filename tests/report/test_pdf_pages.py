"""The PDF as a reader sees it: its pages rendered to PNG, its words read back (issue 23).

Poppler's ``pdftoppm`` renders every page of the sample's report and of a log with
problems into the test's folder (``pages/<log>-<n>.png``, to be looked at), and
``pdftotext`` reads the words back: page 1's figures must be the metrics' figures, and
every chart page must carry its caption, the patient and its page number. Poppler is
required in CI (``.ci/run`` installs it; ``FOOTSTATS_REQUIRE_BROWSER=1``), skipped elsewhere
when missing.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
from pathlib import Path

import pytest

import footstats
from footstats.charts import registry
from footstats.cli import main
from footstats.metrics.tables import exercise_completion

SAMPLE = Path(__file__).parents[2] / "sample_data" / "foot_log.csv"

# Two sessions a week for two weeks, then one in the week of 16 March (in progress: the
# log ends on Wednesday 18 March). Line 5 has pain 12 (left out, its sets with it), line 7
# an exercise not in the routine, line 8 sets "six", line 10 a date that does not exist.
PROBLEMS = """date,exercise,sets,pain_back
2026-03-02,Toe walking,6,6
2026-03-02,Heel raises,3,
2026-03-04,Toe walking,6,5
2026-03-04,Heel raises,2,12
2026-03-09,Heel raises,2,5
2026-03-09,Calf stretch,3,
2026-03-11,Toe walking,six,4
2026-03-12,Heel raises,2,4
2026-13-11,Heel raises,2,
2026-03-18,Toe walking,6,3
"""


def _poppler() -> None:
    missing = [tool for tool in ("pdftoppm", "pdftotext") if shutil.which(tool) is None]
    if not missing:
        return
    if os.environ.get("FOOTSTATS_REQUIRE_BROWSER") == "1":
        pytest.fail(f"{', '.join(missing)} missing: apt-get install poppler-utils (.ci/run)")
    pytest.skip(f"needs poppler-utils ({', '.join(missing)})")


def _text(pdf: Path, first: int, last: int) -> str:
    run = subprocess.run(
        ["pdftotext", "-f", str(first), "-l", str(last), "-layout", str(pdf), "-"],
        capture_output=True,
        text=True,
        check=True,
    )
    return re.sub(r"[ \t]+", " ", run.stdout)  # one space where the layout put several


def _pages(pdf: Path, folder: Path, name: str) -> list[Path]:
    folder.mkdir(exist_ok=True)
    subprocess.run(
        ["pdftoppm", "-r", "50", "-png", str(pdf), str(folder / name)], check=True, timeout=120
    )
    return sorted(folder.glob(f"{name}-*.png"))


def _report(tmp_path: Path, log: Path, *more: str) -> Path:
    out = tmp_path / f"out-{log.stem}"
    assert main(["report", str(log), "-o", str(out), *more]) == 0
    return out / "report.pdf"


def _pages_of_words(pdf_text: str) -> int:
    return int(re.search(r"page \d+ of (\d+)", pdf_text)[1])


@pytest.fixture(scope="module", autouse=True)
def _needs_poppler():
    _poppler()


def test_the_samples_pdf_pages_say_the_metrics_figures(tmp_path):
    pdf = _report(tmp_path, SAMPLE, "--patient", "Anna Example")
    pngs = _pages(pdf, tmp_path / "pages", "sample")
    log = footstats.read_log(SAMPLE)
    summary = footstats.summarize(log)
    words = _text(pdf, 1, 2)  # the words may run onto page 2
    text_pages = len(pngs) - len(registry.pdf_pages())
    assert len(pngs) == text_pages + 3 and all(p.stat().st_size > 2000 for p in pngs)
    assert "Patient: Anna Example." in words
    assert "Rows loaded: 157 from" in words
    # the sample's period: 2 March to Saturday 20 June, the week of 15 June in progress
    assert "Period: 2 March 2026 to 20 June 2026 (16 weeks; the week of 15 June 2026 is in" in words
    assert f"{summary['sessions']} sessions in {summary['weeks']} weeks" in words
    assert f"Session adherence {summary['adherence_pct']:.0f} %" in words
    assert f"Habit strength: {summary['habit_strength']:.0f} %" in words
    assert "The week of 15 June 2026 is in progress: 2 of 2 sessions so far" in words
    # per exercise: the sets counted up to the prescription, as exercise_completion counts
    names = {e.id: e.name for e in footstats.load_routine().exercises}
    flat = " ".join(words.split())
    for row in exercise_completion(footstats.session_sets(log)).itertuples():
        share = row.sets_counted / row.sets_prescribed * 100
        assert (
            f"{names[row.exercise]}: {row.sets_counted} of {row.sets_prescribed} sets "
            f"({share:.0f} %), done in {row.sessions_with} of {row.sessions} sessions"
        ) in flat
    assert "129 of 120" not in flat  # the "Heel raises 129 of 120 (108 %)"
    assert "Heel raises: 110 of 120 sets (92 %), done in 28 of 30 sessions; 19 more beyond" in flat
    # every page: the patient and its number; every chart page: its captions
    total = len(pngs)
    for number in range(1, total + 1):
        page = " ".join(_text(pdf, number, number).split())
        assert f"Patient: Anna Example · page {number} of {total}" in page
    for number, names_on_page in enumerate(registry.pdf_pages(), start=text_pages + 1):
        page = " ".join(_text(pdf, number, number).split())
        for chart in names_on_page:
            assert " ".join(registry.caption(chart).split()[:8]) in page


def test_a_log_with_problems_says_what_was_left_out_on_page_1(tmp_path):
    log = tmp_path / "problems.csv"
    log.write_text(PROBLEMS, encoding="utf-8")
    pdf = _report(tmp_path, log, "--drop-invalid", "--patient", "P-007")
    pngs = _pages(pdf, tmp_path / "pages", "problems")
    assert pngs and all(p.stat().st_size > 2000 for p in pngs)
    flat = " ".join(_text(pdf, 1, 2).split())
    loaded = footstats.validate_log(log)
    assert f"Rows loaded: {len(loaded.log)} from" in flat  # 7 of the 10 lines
    assert len(loaded.log) == 7
    assert "Lines left out for errors: 3." in flat
    # the first reasons, in words (no bare codes), with their lines
    assert "line 5 (pain_back): 12 is outside 0–10" in flat
    assert "line 8 (sets): 'six' is not a number" in flat
    assert "line 10 (date): '2026-13-11' is not a real date" in flat
    assert "FS2" not in flat
    assert (
        "Exercises not in the routine (kept in the log, not counted): Calf stretch (1 row)." in flat
    )
    # sessions: 2 and 4 March, 9 and 12 March, 18 March (in progress, 1 of 2 so far)
    summary = footstats.summarize(loaded.log)
    assert (summary["sessions"], summary["weeks"], summary["weeks_judged"]) == (5, 3, 2)
    assert "5 sessions in 3 weeks" in flat
    assert "Target met in 2 of 2 weeks judged. Session adherence 100 %" in flat
    assert "The week of 16 March 2026 is in progress: 1 of 2 sessions so far" in flat
    assert f"Habit strength: {summary['habit_strength']:.0f} %" in flat
    # toe walking: 6 of 6 on 2 March; line 5 (pain 12) took 4 March's heel raises with it,
    # toe walking of 4 March stays: 6 + 6 + 6 counted of 5 sessions x 6
    assert "Toe walking: 18 of 30 sets (60 %), done in 3 of 5 sessions" in flat
    assert "Patient: P-007 · page 1 of" in flat
