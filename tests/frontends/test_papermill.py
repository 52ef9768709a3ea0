"""The notebooks as a batch: papermill runs notebook 05 on another log with its parameters.

A clinic renders every notebook for every participant by giving papermill ``LOG_PATH``,
``ROUTINE``, ``OUTPUT_DIR`` and ``PARTICIPANT`` (README, "Many participants at once").
Here notebook 05 runs on a generated two-participant log, with a routine of its own (3-4
sessions a week) and one participant chosen; what it shows and the files it writes must
be that participant's figures under that routine, as the library computes them directly,
and not the sample's.
"""

from __future__ import annotations

import json
from pathlib import Path

import nbformat
import pytest

import footstats
from footstats.metrics.readable import round_numbers
from footstats.report.write import CHARTS
from footstats.synthetic import write_sample

papermill = pytest.importorskip("papermill", reason="pip install -e '.[test]' installs papermill")

ROOT = Path(__file__).resolve().parents[2]
NOTEBOOK = ROOT / "notebooks" / "05_export_progress.ipynb"
ROUTINE = ROOT / "footstats" / "data" / "foot_routine.toml"


def _outputs_text(notebook) -> str:
    texts = []
    for cell in notebook.cells:
        for output in cell.get("outputs", []):
            texts.append(output.get("text", "") or output.get("data", {}).get("text/plain", ""))
    return "\n".join(texts)


def test_notebook_05_runs_on_another_log_for_one_participant(tmp_path):
    log_path = tmp_path / "clinic.csv"
    write_sample(log_path, weeks=6, start="2026-01-05", seed=11, participants=2)
    routine = tmp_path / "clinic_routine.toml"
    text = ROUTINE.read_text("utf-8")
    assert "sessions_per_week = [2, 3]" in text
    routine.write_text(
        text.replace("sessions_per_week = [2, 3]", "sessions_per_week = [3, 4]").replace(
            'name = "Foot routine for back, hip and knee pain"', 'name = "Clinic routine"'
        ),
        "utf-8",
    )
    out = tmp_path / "out" / "p0002"
    executed = tmp_path / "05_p0002.ipynb"

    papermill.execute_notebook(
        str(NOTEBOOK),
        str(executed),
        parameters={
            "LOG_PATH": str(log_path),
            "ROUTINE": str(routine),
            "OUTPUT_DIR": str(out),
            "PARTICIPANT": "p0002",
            "FORMATS": ["png"],
        },
        cwd=str(NOTEBOOK.parent),
        kernel_name="python3",
        progress_bar=False,
    )

    routine = footstats.load_routine(routine)
    log = footstats.read_log(log_path, routine=routine, on_invalid="drop")
    expected = footstats.summarize(footstats.select_participant(log, "p0002"), routine=routine)
    sample = footstats.summarize(footstats.load_sample())
    shown = _outputs_text(nbformat.read(executed, as_version=4))
    written = json.loads((out / "summary.json").read_text("utf-8"))

    # The files: that participant, that routine, the tables, the PNG charts (one person's:
    # no cohort table or chart of one participant) and the PDF.
    names = ["frequency.csv", "sets.csv", "pain.csv", "summary.json", "report.pdf"]
    names += [f"{chart}.png" for chart in CHARTS]
    assert written == json.loads(json.dumps(round_numbers(expected)))
    assert [e["participant"] for e in written["participants"]] == ["p0002"]
    assert written != sample and written["participants"][0]["first_date"] < "2026-03-02"
    # every file but footstats' own hidden bookkeeping (footstats.report.folder)
    files = [p.name for p in out.iterdir() if not p.name.startswith(".footstats-report")]
    assert sorted(files) == sorted(names)
    # What the notebook shows: the headline table of that participant, the routine's title.
    table = footstats.headline_table(expected)
    assert table.loc["Participant", "value"] == "p0002"
    for figure, value in table["value"].items():
        assert figure in shown and value in shown
    # the routine's own target (3-4 sessions a week) in every week of the written table
    frequency = (out / "frequency.csv").read_text("utf-8").splitlines()
    header = frequency[0].split(",")
    targets = {
        tuple(line.split(",")[header.index(c)] for c in ("target_min", "target_max"))
        for line in frequency[1:]
    }
    assert targets == {("3", "4")}
    assert f"{len(names)} files in {out}" in shown
    assert "'weeks':" not in shown  # the headline figures are a table, not a raw dict


def test_the_batch_runs_each_participants_own_notebooks_on_reused_kernels(tmp_path):
    from footstats.notebook import run_batch
    from footstats.synthetic import write_cohort_files

    log, table = tmp_path / "cohort.csv", tmp_path / "participants.csv"
    write_cohort_files(log, table, participants=2, weeks=4, start="2026-01-05", seed=2)
    out = tmp_path / "out"

    written = run_batch(
        log,
        out,
        participants_path=table,
        notebooks_dir=NOTEBOOK.parent,
        personal=("02_frequency", "05_export_progress"),
        jobs=2,
    )

    # 01 and 06 once; each of the 3 participants of the table (p0003 never logged) their own
    people = ["p0001", "p0002", "p0003"]
    expected = [out / "01_import_your_log.ipynb", out / "06_cohort.ipynb"]
    expected += [
        out / p / f"{n}.ipynb" for p in people for n in ("02_frequency", "05_export_progress")
    ]
    assert written == sorted(expected)
    assert all(path.with_suffix(".html").is_file() for path in written)
    window = footstats.FollowUp(participants=str(table))
    library = footstats.read_log(log, on_invalid="drop")
    for person in people:
        summary = json.loads((out / person / "summary.json").read_text("utf-8"))
        own = footstats.summarize(footstats.select_participant(library, person, window))
        assert summary == json.loads(json.dumps(round_numbers(own)))
        # that person's charts only: no cohort chart of one person
        assert not (out / person / "study_weeks.png").exists()
        assert sorted(p.name for p in (out / person).glob("*.png")) == sorted(
            f"{chart}.png" for chart in CHARTS
        )
    # each notebook numbered as if it had a kernel of its own, and no trace of the reset
    notebook = nbformat.read(out / "p0002" / "05_export_progress.ipynb", as_version=4)
    counts = [c.execution_count for c in notebook.cells if c.cell_type == "code"]
    assert counts == list(range(1, len(counts) + 1))
    assert "reset" not in notebook.cells[0].source
    shown = _outputs_text(notebook)
    assert "p0002" in shown and "Participant" in shown
