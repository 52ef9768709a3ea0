"""The notebooks in a real browser: JupyterLab in headless Chromium runs every notebook.

For each notebook, a fresh copy with its outputs cleared is opened in JupyterLab, run with
*Run ▸ Run All Cells*, and checked: every code cell ran, the expected charts are on the
page and no error or stderr output is shown. Notebook 01 also gets a log through its
upload widget. A full-height screenshot of each notebook and a results table go to
``test-artifacts/notebooks/``.

The server runs on 127.0.0.1 with a random token, in a temporary HOME with its own
Jupyter config, data, runtime, settings and workspace folders (nothing leaks into the
real home), and is stopped by the PID it was started with. Chromium is Debian's
``/usr/bin/chromium`` driven by Python Playwright (``playwright install`` is never
needed). Without them the browser tests are skipped with a message saying how to enable
them, unless ``FOOTSTATS_REQUIRE_BROWSER=1`` (set by ``.ci/run``) makes them required.

The structure tests at the end need no browser: every notebook opens with an explanation
and one ``parameters`` cell, and its stored outputs have the charts counted here, so a
notebook re-executed while a chart was broken is caught as well.
"""

from __future__ import annotations

import json
import os
import re
import secrets
import shutil
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from dataclasses import dataclass
from pathlib import Path

import nbformat
import pytest

import footstats
import footstats.notebook

ROOT = Path(__file__).resolve().parents[2]
NOTEBOOKS = ROOT / "notebooks"
SAMPLE_DATA = ROOT / "sample_data"
PROJECT_JUPYTER = ROOT / ".jupyter"
ARTIFACTS = ROOT / "test-artifacts" / "notebooks"
JUPYTER_LAB = Path(sys.executable).with_name("jupyter-lab")
CHROMIUM = os.environ.get("FOOTSTATS_CHROMIUM") or shutil.which("chromium") or "/usr/bin/chromium"
REQUIRE_BROWSER = os.environ.get("FOOTSTATS_REQUIRE_BROWSER") == "1"
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]

# Charts each notebook draws on the sample log. Counted, not compared: nbval never compares
# images, so this table is what fails when a notebook stops drawing one of its charts.
CHARTS = {
    "01_import_your_log": 1,  # calendar of what was loaded
    "02_frequency": 2,  # sessions per week, calendar
    "03_sets_per_exercise": 2,  # completion heatmap, sets done vs prescribed
    "04_pain_over_weeks": 2,  # pain per week, sessions beside pain
    "05_export_progress": 1,  # dashboard
    "06_cohort": 4,  # study weeks, adherence spread, pain waterfall, adherence vs pain change
}
UPLOAD_CHARTS = 1  # the dashboard of an uploaded log, drawn by the widget in notebook 01
PARAMETERS = ("LOG_PATH", "ROUTINE", "OUTPUT_DIR")
# Notebook 00 writes a log instead of charting one: a form, tested apart (no OUTPUT_DIR).
LOG_FORM = "00_log_a_session"
LOG_FORM_PARAMETERS = ("LOG_PATH", "ROUTINE")
LOG_FORM_FILE = "my_foot_log.csv"  # its LOG_PATH, beside notebooks/ in the project copy

SERVER_START_SECONDS = 90
RUN_ALL_MS = 180_000
NEWS_QUESTION = "Would you like to get notified about official Jupyter news?"

_PANEL = ".jp-NotebookPanel:not(.lm-mod-hidden)"
_CODE_PROMPTS = f"{_PANEL} .jp-CodeCell .jp-InputPrompt"
_STDERR = f'{_PANEL} .jp-OutputArea-output[data-mime-type="application/vnd.jupyter.stderr"]'
_ERROR = f'{_PANEL} .jp-RenderedText[data-mime-type="application/vnd.jupyter.error"]'
_IMAGES = f"{_PANEL} .jp-RenderedImage img"
_UPLOAD_BUTTON = f"{_PANEL} .widget-upload"
_UPLOAD_OUTPUT = f"{_PANEL} .jupyter-widgets .jp-OutputArea"

# True once Run All has finished: no cell waiting or running, at least one cell run, and
# the kernel idle. A cell that raises stops Run All and leaves the rest unrun ("[ ]:"),
# which the assertions below then report.
_RUN_FINISHED = """([prompts, indicator]) => {
    const texts = [...document.querySelectorAll(prompts)].map(p => p.textContent.trim());
    const state = document.querySelector(indicator);
    return texts.length > 0
        && !texts.includes("[*]:")
        && texts.some(t => /^\\[\\d+\\]:$/.test(t))
        && state !== null && state.dataset.status === "idle";
}"""
_KERNEL_IDLE = """(indicator) => {
    const state = document.querySelector(indicator);
    return state !== null && state.dataset.status === "idle"
        && document.body.textContent.includes("| Idle");
}"""
_LOADED_IMAGES = """(selector) => [...document.querySelectorAll(selector)]
    .filter(img => img.complete && img.naturalWidth > 100).length"""


@dataclass(frozen=True)
class Lab:
    url: str
    token: str
    project: Path  # the temporary copy: notebooks/, sample_data/, out/


# -- fixtures ---------------------------------------------------------------------------------


def _browser_missing() -> str | None:
    try:
        import playwright.sync_api  # noqa: F401
    except ImportError:
        return "Python Playwright is not installed (pip install -e '.[test]')"
    if not Path(CHROMIUM).exists():
        return f"Chromium is not at {CHROMIUM} (Debian/Ubuntu: sudo apt-get install chromium)"
    return None


@pytest.fixture(scope="module")
def browser():
    missing = _browser_missing()
    if missing:
        message = (
            f"browser test not run: {missing}. Install it, or point FOOTSTATS_CHROMIUM at a "
            "Chromium binary, to run it; FOOTSTATS_REQUIRE_BROWSER=1 (as in .ci/run) makes "
            "it required."
        )
        if REQUIRE_BROWSER:
            pytest.fail(message)
        pytest.skip(message)
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(
            executable_path=CHROMIUM, headless=True, args=CHROMIUM_ARGS
        )
        yield chromium
        chromium.close()


@pytest.fixture(scope="module")
def lab(browser, tmp_path_factory):
    base = tmp_path_factory.mktemp("jupyterlab")
    project = base / "project"
    _copy_project(project)
    env = _isolated_env(base / "home")
    port, token = _free_port(), secrets.token_hex(24)
    server_log = base / "jupyterlab.log"
    with server_log.open("w") as log_file:
        server = subprocess.Popen(
            [
                str(JUPYTER_LAB),
                "--no-browser",
                "--ServerApp.ip=127.0.0.1",
                f"--ServerApp.port={port}",
                "--ServerApp.port_retries=0",
                f"--IdentityProvider.token={token}",
                f"--ServerApp.root_dir={project}",  # as make lab: notebooks/, the log, out/
                "--ServerApp.allow_root=True",  # CI containers run as root
            ],
            cwd=project,
            env=env,
            stdout=log_file,
            stderr=subprocess.STDOUT,
        )
    url = f"http://127.0.0.1:{port}"
    try:
        _wait_until_serving(server, url, token, server_log)
        yield Lab(url, token, project)
    finally:
        # The server shuts its kernels down when terminated; only this PID is signalled.
        server.terminate()
        try:
            server.wait(timeout=30)
        except subprocess.TimeoutExpired:
            server.kill()
            server.wait()


@pytest.fixture(scope="module")
def results():
    rows: dict[str, dict] = {}
    yield rows
    if rows:
        ARTIFACTS.mkdir(parents=True, exist_ok=True)
        (ARTIFACTS / "results.json").write_text(json.dumps(rows, indent=2) + "\n")
        lines = [
            "| notebook | result | run all (s) | code cells | charts |",
            "|---|---|---|---|---|",
        ]
        lines += [
            f"| {name} | {row['result']} | {row['seconds']} | {row['cells']} | {row['charts']} |"
            for name, row in rows.items()
        ]
        (ARTIFACTS / "results.md").write_text("\n".join(lines) + "\n")


def _copy_project(project: Path) -> None:
    """The notebooks with their outputs cleared, beside the sample data they read."""
    (project / "notebooks").mkdir(parents=True)
    shutil.copytree(SAMPLE_DATA, project / "sample_data")
    for path in sorted(NOTEBOOKS.glob("*.ipynb")):
        notebook = nbformat.read(path, as_version=4)
        for cell in notebook.cells:
            if cell.cell_type == "code":
                cell.outputs, cell.execution_count = [], None
        notebook.metadata.pop("widgets", None)
        nbformat.write(notebook, project / "notebooks" / path.name)


def _isolated_env(home: Path) -> dict[str, str]:
    """Environment of the server and its kernels: every Jupyter folder in a temporary HOME.

    The project's Jupyter config (news and update checks off) is copied in, so the test
    sees what ``make lab`` sees. MPLBACKEND is dropped: kernels keep the inline backend.
    """
    folders = {
        "HOME": home,
        "JUPYTER_CONFIG_DIR": home / "jupyter-config",
        "JUPYTER_DATA_DIR": home / "jupyter-data",
        "JUPYTER_RUNTIME_DIR": home / "jupyter-runtime",
        "JUPYTERLAB_SETTINGS_DIR": home / "lab-settings",
        "JUPYTERLAB_WORKSPACES_DIR": home / "lab-workspaces",
        "MPLCONFIGDIR": home / "matplotlib",
        "IPYTHONDIR": home / "ipython",
    }
    for folder in folders.values():
        folder.mkdir(parents=True, exist_ok=True)
    if PROJECT_JUPYTER.is_dir():
        shutil.copytree(
            PROJECT_JUPYTER,
            folders["JUPYTER_CONFIG_DIR"],
            dirs_exist_ok=True,
            ignore=shutil.ignore_patterns("workspaces", "user-settings"),
        )
        if (PROJECT_JUPYTER / "lab" / "user-settings").is_dir():
            shutil.copytree(
                PROJECT_JUPYTER / "lab" / "user-settings",
                folders["JUPYTERLAB_SETTINGS_DIR"],
                dirs_exist_ok=True,
            )
    # Test only: attach every cell to the page, so that off-screen charts are counted and
    # the full-height screenshot shows them.
    tracker = folders["JUPYTERLAB_SETTINGS_DIR"] / "@jupyterlab" / "notebook-extension"
    tracker.mkdir(parents=True, exist_ok=True)
    (tracker / "tracker.jupyterlab-settings").write_text('{"windowingMode": "none"}\n')

    dropped = {"MPLBACKEND", "JUPYTER_PATH", "JUPYTER_CONFIG_PATH", "JUPYTER_PREFER_ENV_PATH"}
    env = {key: value for key, value in os.environ.items() if key not in dropped}
    env.update({key: str(folder) for key, folder in folders.items()})
    return env


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def _wait_until_serving(server: subprocess.Popen, url: str, token: str, log: Path) -> None:
    request = urllib.request.Request(
        f"{url}/api/status", headers={"Authorization": f"token {token}"}
    )
    deadline = time.monotonic() + SERVER_START_SECONDS
    while time.monotonic() < deadline:
        if server.poll() is not None:
            pytest.fail(f"JupyterLab exited with {server.returncode}:\n{_tail(log)}")
        try:
            with urllib.request.urlopen(request, timeout=5) as response:
                if response.status == 200:
                    return
        except (urllib.error.URLError, ConnectionError, TimeoutError):
            pass
        time.sleep(0.5)
    pytest.fail(f"JupyterLab did not answer within {SERVER_START_SECONDS} s:\n{_tail(log)}")


def _tail(log: Path, lines: int = 30) -> str:
    return "\n".join(log.read_text(errors="replace").splitlines()[-lines:])


# -- driving JupyterLab -----------------------------------------------------------------------


def _open_notebook(browser, lab: Lab, name: str):
    page = browser.new_page(viewport={"width": 1280, "height": 900})
    page.set_default_timeout(60_000)
    # A workspace of its own, so no notebook of an earlier test is restored beside it.
    page.goto(f"{lab.url}/lab/workspaces/{name}/tree/notebooks/{name}.ipynb?token={lab.token}")
    page.wait_for_selector(f"{_PANEL} .jp-Cell")
    page.wait_for_function(_KERNEL_IDLE, arg=".jp-Notebook-ExecutionIndicator")
    return page


def _run_all_cells(page) -> float:
    started = time.monotonic()
    page.locator(".lm-MenuBar-itemLabel", has_text="Run").first.click()
    page.locator(".lm-Menu-itemLabel").get_by_text("Run All Cells", exact=True).click()
    page.wait_for_function(
        _RUN_FINISHED,
        arg=[_CODE_PROMPTS, f"{_PANEL} .jp-Notebook-ExecutionIndicator"],
        timeout=RUN_ALL_MS,
    )
    return time.monotonic() - started


def _problems_shown(page) -> list[str]:
    """Unrun cells, error outputs and stderr outputs on the page, as messages."""
    prompts = [p.strip() for p in page.locator(_CODE_PROMPTS).all_text_contents()]
    unrun = [i for i, text in enumerate(prompts, start=1) if not text[1:-2].isdigit()]
    found = [f"code cells not run: {unrun} (prompts {prompts})"] if unrun else []
    found += [f"error output: {text}" for text in page.locator(_ERROR).all_inner_texts()]
    found += [f"stderr output: {text}" for text in page.locator(_STDERR).all_inner_texts()]
    if page.get_by_text(NEWS_QUESTION).count():
        found.append("JupyterLab asked about news: the project's .jupyter config was not used")
    return found


def _screenshot(page, name: str) -> Path:
    """The whole notebook in one image: the viewport is made as tall as the notebook."""
    file_browser_tab = page.locator(".jp-SideBar.jp-mod-left .lm-TabBar-tab.lm-mod-current")
    if file_browser_tab.count():
        file_browser_tab.first.click()  # fold the file browser away: room for the notebook
    height = page.evaluate(
        """(sel) => {
            const notebook = document.querySelector(sel);
            notebook.scrollTop = 0;
            return notebook.scrollHeight;
        }""",
        f"{_PANEL} .jp-WindowedPanel-outer",
    )
    page.set_viewport_size({"width": 1280, "height": min(max(900, height + 150), 16_000)})
    page.wait_for_timeout(500)  # let JupyterLab lay out the taller window
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    path = ARTIFACTS / f"{name}.png"
    page.screenshot(path=path)
    return path


def _charts_shown(page, expected: int, seconds: float = 10) -> int:
    """How many chart images have loaded, waiting a little for the last ones to decode."""
    deadline = time.monotonic() + seconds
    shown = page.evaluate(_LOADED_IMAGES, _IMAGES)
    while shown < expected and time.monotonic() < deadline:
        page.wait_for_timeout(200)
        shown = page.evaluate(_LOADED_IMAGES, _IMAGES)
    return shown


def _upload_log(page, lab: Lab) -> int:
    """Pick a log in the upload widget: the sample plus one line with pain 11 (an error).

    Returns the line number of that bad line.
    """
    log = lab.project / "my_log.csv"
    lines = (SAMPLE_DATA / "foot_log.csv").read_text().rstrip("\n").splitlines()
    log.write_text("\n".join([*lines, "2026-06-21,Toe walking,6,,60,,11,3,2,15,"]) + "\n")
    # The widget's file input is not in the page: pick the file as a person would.
    with page.expect_file_chooser() as chooser:
        page.locator(_UPLOAD_BUTTON).click()
    chooser.value.set_files(log)
    page.locator(_UPLOAD_OUTPUT).get_by_text("For notebooks 02-05, write in").wait_for(
        timeout=RUN_ALL_MS
    )
    return len(lines) + 1


def _served(lab: Lab, path: str) -> bytes:
    """A file of the project as JupyterLab's file browser opens it (``/files/<path>``)."""
    request = urllib.request.Request(
        f"{lab.url}/files/{path}", headers={"Authorization": f"token {lab.token}"}
    )
    with urllib.request.urlopen(request, timeout=30) as response:
        return response.read()


# -- tests ------------------------------------------------------------------------------------


@pytest.mark.browser
@pytest.mark.parametrize("name", list(CHARTS))
def test_notebook_runs_in_jupyterlab(browser, lab, results, name):
    page = _open_notebook(browser, lab, name)
    row = results.setdefault(
        name, {"result": "failed", "seconds": None, "cells": None, "charts": None}
    )
    try:
        row["seconds"] = round(_run_all_cells(page), 1)
        row["cells"] = page.locator(_CODE_PROMPTS).count()
        charts = CHARTS[name]
        if name == "01_import_your_log":
            bad_line = _upload_log(page, lab)
            charts += UPLOAD_CHARTS
        row["charts"] = _charts_shown(page, charts)
        _screenshot(page, name)
        problems = _problems_shown(page)

        assert not problems, "\n".join(problems)
        assert row["charts"] >= charts, f"{name}: {row['charts']} charts shown, {charts} expected"
        if name == "01_import_your_log":
            upload = page.locator(_UPLOAD_OUTPUT).inner_text()
            # The problems table row: line, column, value, severity, code, message.
            row_text = rf"{bad_line}\s+pain_back\s+11\s+error\s+FS203\s+11 is outside 0–10"
            assert re.search(row_text, upload)
            uploads = lab.project / "out" / "notebooks" / "uploads"
            assert (uploads / "my_log.csv").is_file()
            assert (uploads / "my_log" / "report.pdf").read_bytes()[:4] == b"%PDF"
        if name == "05_export_progress":
            # JupyterLab's file browser reaches the PDF notebook 05 wrote: the server gives it
            pdf = _served(lab, "out/notebooks/report.pdf")
            assert pdf[:5] == b"%PDF-"
        row["result"] = "passed"
    finally:
        page.close()


@pytest.mark.browser
def test_notebook_00_form_saves_a_session_to_the_log(browser, lab, results):
    """Fill the form in Chromium as a person would, click Save, and read the file on disk.

    The log is a copy of the sample in the temporary project (never the shipped file).
    """
    log = lab.project / LOG_FORM_FILE
    shutil.copyfile(SAMPLE_DATA / "foot_log.csv", log)
    old = log.read_bytes()
    first_new = old.count(b"\n") + 1
    page = _open_notebook(browser, lab, LOG_FORM)
    row = results.setdefault(
        LOG_FORM, {"result": "failed", "seconds": None, "cells": None, "charts": 0}
    )
    try:
        row["seconds"] = round(_run_all_cells(page), 1)
        row["cells"] = page.locator(_CODE_PROMPTS).count()
        form = page.locator(_PANEL)
        form.locator(".footstats-date input").fill("2026-06-22")
        sets = form.locator(".footstats-sets input").first  # Toe walking: 6 prescribed
        sets.fill("4")
        sets.press("Tab")
        form.locator(".footstats-pain-back select").select_option(label="3")
        form.locator(".footstats-notes input").fill("felt good")
        preview = form.locator(".footstats-preview")
        preview.get_by_text("felt good").wait_for()
        assert f"Add 8 rows (lines {first_new}-{first_new + 7})" in preview.inner_text()
        # a table of the rows, not CSV: date, exercise, side, sets, reps, seconds, pain, notes
        shown = preview.locator("table").inner_text()
        assert "22 Jun 2026\tToe walking\t\t4\t\t60\t3\tfelt good" in shown
        assert ",,," not in preview.inner_text()
        save = form.locator("button.footstats-save")
        save.click()
        status = form.locator(".footstats-status")
        status.get_by_text("Saved lines").wait_for()
        # The form is back to the routine's dose, and Save waits for a change.
        preview.get_by_text("Change the form to log another session").wait_for()
        notes = form.locator(".footstats-notes input")
        assert save.is_disabled()
        assert sets.input_value() == "6" and notes.input_value() == ""
        pain_back = form.locator(".footstats-pain-back select")
        assert pain_back.evaluate("s => s.options[s.selectedIndex]?.text") == "–"
        _screenshot(page, LOG_FORM)
        problems = _problems_shown(page)

        assert not problems, "\n".join(problems)
        assert "1 of 2–3 sessions this week (week of Mon 22 Jun 2026)" in status.inner_text()
        data = log.read_bytes()
        assert data[: len(old)] == old  # the old lines are untouched
        assert data[len(old) :].decode().splitlines() == [
            "2026-06-22,Toe walking,4,,60,,3,,,,felt good",
            "2026-06-22,Heel raises,2,10,,left,,,,,",
            "2026-06-22,Heel raises,2,10,,right,,,,,",
            "2026-06-22,Tibialis anterior,1,10,2,left,,,,,",
            "2026-06-22,Tibialis anterior,1,10,2,right,,,,,",
            "2026-06-22,Ankle circles,5,5,,left,,,,,",
            "2026-06-22,Ankle circles,5,5,,right,,,,,",
            "2026-06-22,Curl the toes,10,5,,,,,,,",
        ]

        # The same session once more: said once, with its lines, and not saved unless the
        # person says they did it twice.
        sets.fill("4")
        sets.press("Tab")
        form.locator(".footstats-pain-back select").select_option(label="3")
        notes.fill("felt good")
        notes.press("Tab")
        preview.get_by_text(f"already in the log (lines {first_new}-{first_new + 7})").wait_for()
        assert save.is_disabled()
        form.locator(".footstats-again input").check()
        page.wait_for_function("(b) => !b.disabled", arg=save.element_handle())
        assert log.read_bytes() == data  # nothing written by asking
        assert len(footstats.read_log(log)) == len(footstats.read_log(old)) + 8
        row["result"] = "passed"
    finally:
        page.close()


@pytest.mark.parametrize("name", [LOG_FORM, *CHARTS])
def test_notebook_opens_with_explanation_and_parameters(name):
    notebook = nbformat.read(NOTEBOOKS / f"{name}.ipynb", as_version=4)
    first, second = notebook.cells[:2]
    tagged = [c for c in notebook.cells if "parameters" in c.metadata.get("tags", [])]
    parameters = LOG_FORM_PARAMETERS if name == LOG_FORM else PARAMETERS

    assert first.cell_type == "markdown" and first.source.startswith("# ")
    assert tagged == [second]
    assert all(f"\n{p} = " in f"\n{second.source}" for p in parameters), second.source


@pytest.mark.parametrize("name", [LOG_FORM, *CHARTS])
def test_stored_outputs_have_every_chart(name):
    notebook = nbformat.read(NOTEBOOKS / f"{name}.ipynb", as_version=4)
    outputs = [o for c in notebook.cells if c.cell_type == "code" for o in c.outputs]
    charts = sum("image/png" in o.get("data", {}) for o in outputs)
    errors = [o for o in outputs if o.output_type == "error" or o.get("name") == "stderr"]

    # nbval compares the text outputs with these stored ones but never looks at images.
    assert charts == CHARTS.get(name, 0)
    assert errors == []
    assert all(c.execution_count for c in notebook.cells if c.cell_type == "code")


def test_notebooks_call_only_public_functions():
    used, front_end = set(), set()
    for path in sorted(NOTEBOOKS.glob("*.ipynb")):
        notebook = nbformat.read(path, as_version=4)
        code = "\n".join(c.source for c in notebook.cells if c.cell_type == "code")
        used |= set(re.findall(r"\bfootstats\.(\w+)", code)) - {"notebook"}
        for names in re.findall(r"from footstats\.notebook import ([\w, ]+)", code):
            front_end |= {name.strip() for name in names.split(",")}

    # No private helpers and no logic that lives only in a notebook: public API only, and
    # the notebooks' front end (footstats.notebook: the settings file, the table formatter).
    assert used, "the notebooks call no footstats function"
    assert used <= set(footstats.__all__), sorted(used - set(footstats.__all__))
    assert front_end, "the notebooks read no settings file"
    assert front_end <= set(footstats.notebook.__all__), sorted(front_end)
