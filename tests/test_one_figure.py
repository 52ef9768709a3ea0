"""One person, one figure, whichever door: a drop-out's weeks, sessions, adherence and streaks
are the same through every path.

A small cohort with a participants table (a 6-week programme for p1 and p2, p3 open-ended,
p4 enrolled without a row). p2 stopped after two weeks: 2 sessions in the week of 2 March,
1 in the week of 9 March, none in the four weeks left of the programme, so by hand:
6 weeks, 3 sessions, adherence (1 + 1/2 + 0 + 0 + 0 + 0) / 6 = 25 %, longest streak 1,
current streak 0, drop-out in study week 2. (Counting only to p2's own last row, as the
notebooks did before the window was resolved on the whole log, gives 2 weeks and 75 %.)

The reference is the cohort report of ``footstats report``; every other path is compared
with it: the library, ``--per-participant``, notebooks 02-06 run by papermill with
``PARTICIPANT`` set, the app's participant and "everyone" views (the tables in its zip, its
headline table and its PDF) and ``footstats.dask``.
"""

from __future__ import annotations

import io
import json
import re
import zipfile
from html.parser import HTMLParser
from pathlib import Path

import nbformat
import pandas as pd
import pytest

import footstats
from footstats.app import make_outputs
from footstats.cli import main
from footstats.metrics.readable import round_numbers
from footstats.notebook import column_label

ROOT = Path(__file__).resolve().parents[1]
NOTEBOOKS = ROOT / "notebooks"
LOG = """participant,date,exercise,sets,pain_back
p1,2026-03-02,Toe walking,6,5
p1,2026-03-05,Toe walking,6,
p1,2026-03-09,Toe walking,6,4
p1,2026-03-12,Heel raises,3,
p1,2026-03-16,Toe walking,6,4
p1,2026-03-23,Toe walking,6,3
p1,2026-03-26,Toe walking,6,
p1,2026-03-30,Toe walking,6,3
p2,2026-03-03,Toe walking,6,6
p2,2026-03-04,Toe walking,6,
p2,2026-03-10,Toe walking,6,6
p3,2026-03-16,Toe walking,6,2
p3,2026-03-18,Toe walking,6,
p3,2026-04-01,Toe walking,6,2
"""
PARTICIPANTS = """participant,start,weeks,group
p1,2026-03-02,6,home
p2,2026-03-02,6,home
p3,2026-03-16,,clinic
p4,2026-03-09,4,clinic
"""
FIGURES = ("weeks", "sessions", "adherence_pct", "current_streak", "longest_streak")
# by hand (see above); p3 runs to the data cut-off, 1 April: weeks of 16, 23 and 30 March
# with 2, 0 and 1 sessions; p4 was enrolled for 4 weeks and never logged
BY_HAND = {
    "p2": {
        "weeks": 6,
        "sessions": 3,
        "adherence_pct": 25.0,
        "current_streak": 0,
        "longest_streak": 1,
    },
    "p3": {
        "weeks": 3,
        "sessions": 3,
        "adherence_pct": 50.0,
        "current_streak": 0,
        "longest_streak": 1,
    },
    "p4": {
        "weeks": 4,
        "sessions": 0,
        "adherence_pct": 0.0,
        "current_streak": 0,
        "longest_streak": 0,
    },
}
DROPOUT = "p2"


@pytest.fixture(scope="module")
def study(tmp_path_factory) -> Path:
    folder = tmp_path_factory.mktemp("study")
    (folder / "cohort.csv").write_text(LOG, "utf-8")
    (folder / "participants.csv").write_text(PARTICIPANTS, "utf-8")
    return folder


@pytest.fixture(scope="module")
def report(study) -> Path:
    """The reference: ``footstats report`` of the cohort, with each personal report."""
    out = study / "out"
    argv = ["report", str(study / "cohort.csv"), "-o", str(out), "--per-participant"]
    assert main([*argv, "--participants", str(study / "participants.csv")]) == 0
    return out


@pytest.fixture(scope="module")
def reference(report) -> dict:
    entries = json.loads((report / "summary.json").read_text("utf-8"))["participants"]
    return {entry["participant"]: entry for entry in entries}


def figures(entry: dict) -> dict:
    return {name: entry[name] for name in FIGURES}


def window(study) -> footstats.FollowUp:
    return footstats.FollowUp(participants=study / "participants.csv")


def test_the_cohort_report_gives_the_figures_computed_by_hand(reference, report):
    for participant, expected in BY_HAND.items():
        assert figures(reference[participant]) == expected, participant
    table = pd.read_csv(report / "participants.csv", dtype={"participant": "str"})
    row = table.set_index("participant").loc[DROPOUT]
    assert (row["weeks"], row["sessions"], row["adherence_pct"], row["dropout_week"]) == (
        6,
        3,
        25.0,
        2,
    )


def test_the_personal_reports_give_the_cohort_reports_figures(reference, report):
    for participant in BY_HAND:
        own = report / "participants" / participant / "summary.json"
        entry = json.loads(own.read_text("utf-8"))["participants"][0]
        assert figures(entry) == figures(reference[participant]), participant


def test_the_library_gives_the_cohort_reports_figures(study, reference):
    log = footstats.read_log(study / "cohort.csv")
    for participant in BY_HAND:
        person = footstats.select_participant(log, participant, window(study))
        entry = footstats.summarize(person)["participants"][0]
        assert figures(entry) == figures(reference[participant]), participant
        # the metrics of the selected rows keep the window without being told again
        weekly = footstats.weekly_frequency(person)
        assert len(weekly) == reference[participant]["weeks"]
    cohort = footstats.cohort_table(log, window=window(study)).set_index("participant")
    for participant in BY_HAND:
        row = cohort.loc[participant, list(FIGURES)].to_dict()
        assert {k: float(v) for k, v in row.items()} == {
            k: float(v) for k, v in figures(reference[participant]).items()
        }


def test_the_notebooks_give_the_cohort_reports_figures(study, tmp_path, reference):
    papermill = pytest.importorskip("papermill", reason="pip install -e '.[test]'")
    expected = figures(reference[DROPOUT])
    parameters = {
        "LOG_PATH": str(study / "cohort.csv"),
        "PARTICIPANTS_PATH": str(study / "participants.csv"),
        "PARTICIPANT": DROPOUT,
    }  # given to papermill: they override footstats-settings.toml
    shown = {}
    for name in (
        "02_frequency",
        "03_sets_per_exercise",
        "04_pain_over_weeks",
        "05_export_progress",
        "06_cohort",
    ):
        executed = tmp_path / f"{name}.ipynb"
        papermill.execute_notebook(
            str(NOTEBOOKS / f"{name}.ipynb"),
            str(executed),
            parameters={**parameters, "OUTPUT_DIR": str(tmp_path / name)},
            cwd=str(NOTEBOOKS),
            kernel_name="python3",
            progress_bar=False,
        )
        shown[name] = _text_outputs(nbformat.read(executed, as_version=4))
    log = footstats.read_log(study / "cohort.csv")
    person = footstats.select_participant(log, DROPOUT, window(study))

    # 02: every week of the window, and the summary of them
    weekly = _table(shown["02_frequency"], ["week", "sessions", "target_met"])
    assert weekly["sessions"].tolist() == [2, 1, 0, 0, 0, 0]
    summary = _table(shown["02_frequency"], ["adherence_pct", "current_streak"]).iloc[0]
    assert {name: summary[name] for name in FIGURES} == pytest.approx(expected)
    # 03: the sets of the weeks with sessions, as the library counts them over the window
    sets = _table(shown["03_sets_per_exercise"], ["sets_done", "completion_pct"])
    library = footstats.weekly_sets(person).head(10)
    assert sets["sets_done"].tolist() == library["sets_done"].tolist()
    # 04: sessions beside pain, every week of the window
    adherence = _table(shown["04_pain_over_weeks"], ["sessions_lag0", "sessions"])
    assert adherence["sessions"].tolist() == [2, 1, 0, 0, 0, 0]
    # 05: the report it writes
    written = json.loads((tmp_path / "05_export_progress" / "summary.json").read_text("utf-8"))
    assert figures(written["participants"][0]) == expected
    # 06: the participant's row of the cohort table
    row = _table(shown["06_cohort"], ["dropout_week", "adherence_pct"]).iloc[0]
    assert (row["participant"], row["weeks"], row["sessions"], row["adherence_pct"]) == (
        DROPOUT,
        expected["weeks"],
        expected["sessions"],
        expected["adherence_pct"],
    )
    assert row["dropout_week"] == 2


def test_the_app_gives_the_cohort_reports_figures(study, reference, report):
    log = footstats.read_log(study / "cohort.csv")
    person = make_outputs(log, None, DROPOUT, window(study))
    everyone = make_outputs(log, None, None, window(study))
    own = _zipped_summary(person)["participants"][0]
    assert figures(own) == figures(reference[DROPOUT])
    everyone_entries = {e["participant"]: e for e in _zipped_summary(everyone)["participants"]}
    assert {p: figures(e) for p, e in everyone_entries.items()} == {
        p: figures(e) for p, e in reference.items()
    }
    with zipfile.ZipFile(io.BytesIO(everyone.zip)) as archive:
        assert archive.read("participants.csv") == (report / "participants.csv").read_bytes()
    assert person.headline.loc["Session adherence", "value"] == "25 %"
    # the PDFs: the personal report's and the cohort report's, byte for byte but the date
    personal_pdf = (report / "participants" / DROPOUT / "report.pdf").read_bytes()
    assert _undated(person.pdf) == _undated(personal_pdf)
    assert _undated(everyone.pdf) == _undated((report / "report.pdf").read_bytes())


def test_dask_gives_the_cohort_reports_figures(study, reference):
    distributed = pytest.importorskip("distributed", reason="needs the extra footstats[dask]")
    fsd = pytest.importorskip("footstats.dask", reason="needs the extra footstats[dask]")
    with (
        distributed.LocalCluster(
            n_workers=2, threads_per_worker=1, processes=False, dashboard_address=None
        ) as cluster,
        distributed.Client(cluster),
    ):
        log = fsd.read_logs(study / "cohort.csv", npartitions=2)
        summary = fsd.summarize(log, window=window(study))
        weekly = fsd.per_participant(log, footstats.weekly_frequency, window=window(study))
    # rounded as every file is (footstats.metrics.readable.round_numbers)
    entries = {entry["participant"]: entry for entry in round_numbers(summary)["participants"]}
    assert {p: figures(e) for p, e in entries.items()} == {
        p: figures(e) for p, e in reference.items()
    }
    sessions = weekly[weekly["participant"] == DROPOUT]["sessions"].tolist()
    assert sessions == [2, 1, 0, 0, 0, 0]


def _text_outputs(notebook) -> list[str]:
    """Each output's HTML when it has some (the notebooks' tables), else its text."""
    texts = []
    for cell in notebook.cells:
        for output in cell.get("outputs", []):
            data = output.get("data", {})
            text = output.get("text") or data.get("text/html") or data.get("text/plain", "")
            texts.append("".join(text) if isinstance(text, list) else text)
    return texts


class _HTMLTables(HTMLParser):
    """The tables of an HTML text: (header cells, body rows of cells) each."""

    def __init__(self):
        super().__init__()
        self.tables: list[tuple[list[str], list[list[str]]]] = []
        self.row: list[str] | None = None
        self.cell: list[str] | None = None

    def handle_starttag(self, tag, attrs):
        if tag == "table":
            self.tables.append(([], []))
        elif tag == "tr":
            self.row = []
        elif tag in ("td", "th"):
            self.cell = []

    def handle_data(self, data):
        if self.cell is not None:
            self.cell.append(data)

    def handle_endtag(self, tag):
        if tag in ("td", "th") and self.row is not None and self.cell is not None:
            self.row.append("".join(self.cell).strip())
            self.cell = None
        elif tag == "tr" and self.row is not None:
            header, body = self.tables[-1]
            (body if header else header).extend([self.row] if header else self.row)
            self.row = None


def _table(outputs: list[str], columns: list[str]) -> pd.DataFrame:
    """The first table shown whose header has the labels of ``columns`` (as
    :func:`footstats.notebook.table` shows them), with the library's column names back."""
    wanted = [column_label(c) for c in columns]
    for text in outputs:
        parser = _HTMLTables()
        parser.feed(text)
        for header, body in parser.tables:
            if all(label in header for label in wanted):
                names = {column_label(c): c for c in [*columns, *_NAMES, *FIGURES]}
                frame = pd.DataFrame(body, columns=[names.get(h, h) for h in header])
                return _numbers(frame)
    raise AssertionError(f"no table with {wanted} among the outputs: {outputs}")


_NAMES = ["participant", "weeks", "sessions", "sessions_lag0", "sets_done"]


def _numbers(table: pd.DataFrame) -> pd.DataFrame:
    out = table.copy()
    for column in out.columns:
        converted = pd.to_numeric(out[column], errors="coerce")
        if converted.notna().all():
            out[column] = converted
    return out


def _zipped_summary(outputs) -> dict:
    with zipfile.ZipFile(io.BytesIO(outputs.zip)) as archive:
        return json.loads(archive.read("summary.json"))


def _undated(pdf: bytes) -> bytes:
    return re.sub(rb"CreationDate \(D:\d+Z\)", b"CreationDate (D:X)", pdf)
