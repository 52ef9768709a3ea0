"""The app in a real browser: Voilà serves footstats' app page to headless Chromium.

The server is started with :func:`footstats.app.voila_command` (what ``footstats app``
runs) on 127.0.0.1 with a random token, in a temporary HOME with its own Jupyter and
matplotlib folders, and stopped by its PID. Chromium and Playwright are set up as in
``test_notebooks_browser.py`` (same fixture, same skip-or-fail rule: required when
``FOOTSTATS_REQUIRE_BROWSER=1``). Screenshots go to ``test-artifacts/app/``.

A person opens the page on the sample, sees the headline figures and every chart with its
"how to read it" text and no code, and downloads the PDF and the zip (checked on disk);
then uploads a log with two bad lines and sees each one named with its line, column and
value; then uploads a cohort log and picks one participant.

A coordinator uploads a cohort with drop-outs and its participants table, sees every
participant listed and the four cohort charts, and picks a drop-out: the page shows the
figures the library computes for them. Last, every page is closed and the idle kernels
must go away (the server runs with a short cull time here; ``results.json`` records how
long it took).
"""

from __future__ import annotations

import json
import secrets
import socket
import subprocess
import time
import zipfile
from dataclasses import dataclass
from pathlib import Path

import pytest
from test_notebooks_browser import _free_port, _isolated_env, _tail, browser  # noqa: F401

import footstats
from footstats.app import (
    APP_NOTEBOOK,
    CHART_GUIDES,
    COHORT_GUIDES,
    LOG_ENV,
    voila_command,
    voila_environment,
)
from footstats.synthetic import write_cohort_files, write_sample

ROOT = Path(__file__).resolve().parents[2]
SAMPLE = ROOT / "sample_data" / "foot_log.csv"
ARTIFACTS = ROOT / "test-artifacts" / "app"
SERVER_START_SECONDS = 90
PAGE_MS = 240_000  # the first page runs the notebook and draws every chart on 2 busy cores
CULL_IDLE, CULL_INTERVAL = 10, 2  # seconds: a closed page's kernel goes within ~12 s

_CHARTS_LOADED = """(n) => [...document.querySelectorAll('.footstats-app img')]
    .filter(img => img.complete && img.naturalWidth > 100).length >= n"""


@dataclass(frozen=True)
class App:
    url: str
    folder: Path  # temporary: the logs given to the app, the downloads
    pid: int  # the server's, whose kernels are counted


@pytest.fixture(scope="module")
def app(browser, tmp_path_factory):  # noqa: F811
    base = tmp_path_factory.mktemp("voila")
    folder = base / "files"
    folder.mkdir()
    log = folder / "foot_log.csv"
    log.write_bytes(SAMPLE.read_bytes())
    env = _isolated_env(base / "home")
    env[LOG_ENV] = str(log)
    port, token = _free_port(), secrets.token_hex(24)
    server_log = base / "voila.log"
    with server_log.open("w") as log_file:
        server = subprocess.Popen(
            voila_command(
                port,
                open_browser=False,
                token=token,
                cull_idle=CULL_IDLE,
                cull_interval=CULL_INTERVAL,
            ),
            cwd=folder,
            env=voila_environment(env),
            stdout=log_file,
            stderr=subprocess.STDOUT,
        )
    try:
        _wait_until_listening(server, port, server_log)
        yield App(f"http://127.0.0.1:{port}/?token={token}", folder, server.pid)
    finally:
        # Only this PID is signalled; Voilà shuts its kernels down when terminated.
        server.terminate()
        try:
            server.wait(timeout=30)
        except subprocess.TimeoutExpired:
            server.kill()
            server.wait()


def _wait_until_listening(server: subprocess.Popen, port: int, log: Path) -> None:
    deadline = time.monotonic() + SERVER_START_SECONDS
    while time.monotonic() < deadline:
        if server.poll() is not None:
            pytest.fail(f"Voilà exited with {server.returncode}:\n{_tail(log)}")
        try:
            with socket.create_connection(("127.0.0.1", port), timeout=2):
                return
        except OSError:
            time.sleep(0.5)
    pytest.fail(f"Voilà did not listen within {SERVER_START_SECONDS} s:\n{_tail(log)}")


def _open(browser, app: App):  # noqa: F811
    page = browser.new_page(viewport={"width": 1100, "height": 900}, accept_downloads=True)
    page.set_default_timeout(PAGE_MS)
    page.goto(app.url, timeout=PAGE_MS)
    page.locator('a[download="foot_log_report.pdf"]').wait_for()
    return page


def _wait_for_report(page, stem: str) -> None:
    """Wait until the page shows the report of ``stem`` with every chart loaded."""
    page.locator(f'a[download="{stem}_report.pdf"]').wait_for()
    page.wait_for_function(_CHARTS_LOADED, arg=len(CHART_GUIDES))


def _upload(page, path: Path) -> None:
    with page.expect_file_chooser() as chooser:
        page.locator(".widget-upload", has_text="Upload a log").click()
    chooser.value.set_files(path)


def _screenshot(page, name: str) -> Path:
    height = page.evaluate(
        "() => Math.max(...[...document.querySelectorAll('*')].map(e => e.scrollHeight))"
    )
    page.set_viewport_size({"width": 1100, "height": min(max(900, height + 50), 16_000)})
    page.wait_for_timeout(300)
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    path = ARTIFACTS / f"{name}.png"
    page.screenshot(path=path)
    page.set_viewport_size({"width": 1100, "height": 900})
    return path


def _download(page, link_text: str, folder: Path) -> Path:
    with page.expect_download() as download:
        page.get_by_text(link_text).click()
    target = folder / download.value.suggested_filename
    download.value.save_as(target)
    return target


@pytest.mark.browser
def test_sample_shows_charts_and_downloads_pdf_and_zip(browser, app):  # noqa: F811
    page = _open(browser, app)
    try:
        _wait_for_report(page, "foot_log")
        _screenshot(page, "sample")
        text = page.locator("body").inner_text()

        assert "foot_log.csv: 157 rows loaded, 30 sessions from 2 Mar 2026 to 20 Jun 2026" in text
        assert "Session adherence\t88 %" in text
        assert "Back pain (0-10)\t6.0 -> 2.8: -3.2 points (-53 %)" in text
        for heading, _ in CHART_GUIDES.values():
            assert heading in text
        assert text.count("How to read it:") == len(CHART_GUIDES)
        assert "from footstats.app import show" not in text  # no code on the page

        pdf = _download(page, "Download the PDF report", app.folder)
        assert pdf.name == "foot_log_report.pdf"
        assert pdf.read_bytes()[:5] == b"%PDF-"
        assert b"footstats report: Foot routine" in pdf.read_bytes()  # the PDF's Title
        archive = _download(page, "Download the charts and tables (zip)", app.folder)
        with zipfile.ZipFile(archive) as files:
            names = set(files.namelist())
            summary = json.loads(files.read("summary.json"))
        assert {f"{chart}.png" for chart in CHART_GUIDES} <= names
        assert {"frequency.csv", "sets.csv", "pain.csv", "summary.json"} <= names
        assert (summary["sessions"], summary["adherence_pct"]) == (30, 87.5)
    finally:
        page.close()


@pytest.mark.browser
def test_uploaded_logs_show_their_problems_and_participants(browser, app):  # noqa: F811
    lines = SAMPLE.read_text().rstrip("\n").splitlines()
    broken = app.folder / "broken_log.csv"
    broken.write_text(
        "\n".join(
            [
                *lines,
                "2026-06-21,Toe walking,6,,60,,11,3,2,15,",
                "2026-06-22,Heel raises,two,12,,left,,,,,",
            ]
        )
        + "\n"
    )
    cohort = app.folder / "cohort.csv"
    write_sample(cohort, weeks=6, start="2026-01-05", participants=3)
    page = _open(browser, app)
    try:
        _upload(page, broken)
        _wait_for_report(page, "broken_log")
        _screenshot(page, "broken_log")
        problems = page.locator(".footstats-app table").first.inner_text()
        status = page.locator(".footstats-app p", has_text="broken_log.csv:").inner_text()

        # Line by line: line, column as written, value, what is wrong, what happened.
        pain, sets = len(lines) + 1, len(lines) + 2
        assert (
            f"{pain}\tpain_back\t11\t11 is outside 0–10 (pain is a 0–10 rating)\t"
            "not loaded: fix this line in your file"
        ) in problems
        assert f"{sets}\tsets\ttwo\t" in problems
        assert "2 lines with errors were left out" in status

        # The patient fixes the two lines and loads the file again: nothing left out, the PDF
        fixed = app.folder / "fixed_log.csv"
        fixed.write_text(
            broken.read_text().replace(",11,3,2,15,", ",1,3,2,15,").replace(",two,", ",2,")
        )
        _upload(page, fixed)
        _wait_for_report(page, "fixed_log")
        status = page.locator(".footstats-app p", has_text="fixed_log.csv:").inner_text()
        assert "159 rows loaded" in status and "left out" not in status  # the sample's 1 warning
        pdf = _download(page, "Download the PDF report", app.folder)
        assert pdf.name == "fixed_log_report.pdf" and pdf.read_bytes()[:5] == b"%PDF-"

        _upload(page, cohort)
        participant = page.locator(".widget-dropdown", has_text="Participant:")
        participant.wait_for()
        _wait_for_report(page, "cohort")
        assert "Participants\t3" in page.locator("body").inner_text()
        participant.locator("select").select_option(label="p0002")
        _wait_for_report(page, "cohort_p0002")
        _screenshot(page, "cohort_p0002")
        assert "Participant\tp0002" in page.locator("body").inner_text()
    finally:
        page.close()


def test_app_notebook_only_calls_the_library():
    import nbformat

    notebook = nbformat.read(APP_NOTEBOOK, as_version=4)
    code = [c.source for c in notebook.cells if c.cell_type == "code"]

    # Voilà shows markdown cells: the page must start with the app's own widgets.
    assert [c.cell_type for c in notebook.cells] == ["code"]
    assert code[0].splitlines()[-2:] == ["", "show()"]
    assert "from footstats.app import show" in code[0]


def _kernels(app: App) -> int:
    """How many kernels the server runs (its child processes running ipykernel)."""
    psutil = pytest.importorskip("psutil")
    running = 0
    for child in psutil.Process(app.pid).children(recursive=True):
        try:
            if child.status() != psutil.STATUS_ZOMBIE:
                running += "ipykernel" in " ".join(child.cmdline())
        except psutil.Error:  # gone meanwhile: a kernel being shut down
            pass
    return running


@pytest.mark.browser
def test_coordinator_sees_the_cohort_and_a_drop_outs_figures(browser, app):  # noqa: F811
    log, table = app.folder / "study.csv", app.folder / "participants.csv"
    write_cohort_files(log, table, participants=8, weeks=8, start="2026-01-05", seed=4, dropout=0.5)
    window = footstats.FollowUp(participants=str(table))
    library = footstats.read_log(log)
    people = footstats.cohort_table(library, window=window)
    dropout = str(people.loc[people["dropout_week"].fillna(0) > 1, "participant"].iloc[0])
    person = footstats.select_participant(library, dropout, window)
    expected = footstats.headline_table(footstats.summarize(person))
    page = _open(browser, app)
    try:
        _upload(page, log)
        _wait_for_report(page, "study")
        with page.expect_file_chooser() as chooser:
            page.locator(".footstats-upload-participants").click()
        chooser.value.set_files(table)
        page.get_by_text("Participants table: participants.csv, 9 participants.").wait_for()
        # the page drawn again with the table: p0009 enrolled but never logged
        page.locator(".footstats-participants table", has_text="p0009").wait_for()
        page.wait_for_function(_CHARTS_LOADED, arg=len(CHART_GUIDES) + len(COHORT_GUIDES))
        _screenshot(page, "cohort_with_table")
        listing = page.locator(".footstats-participants table").inner_text()
        text = page.locator("body").inner_text()

        # every participant listed, the one who never logged too, with their drop-out week
        assert [line.split("\t")[0] for line in listing.splitlines()[1:]] == [
            f"p{n:04d}" for n in range(1, 10)
        ]
        row = next(line for line in listing.splitlines() if line.startswith(dropout))
        assert row.endswith(f"\t{people.set_index('participant').loc[dropout, 'dropout_week']}")
        for heading, _ in COHORT_GUIDES.values():
            assert heading in text

        page.locator(".widget-dropdown", has_text="Participant:").locator("select").select_option(
            label=dropout
        )
        _wait_for_report(page, f"study_{dropout}")
        _screenshot(page, f"cohort_{dropout}")
        text = page.locator("body").inner_text()
        for figure in ("Period", "Sessions", "Session adherence", "Longest streak on target"):
            assert f"{figure}\t{expected.loc[figure, 'value']}" in text
        assert COHORT_GUIDES["study_weeks"][0] not in text  # no cohort chart of one person
    finally:
        page.close()


@pytest.mark.browser
def test_idle_kernels_are_culled_after_their_page_closes(browser, app):  # noqa: F811
    page = _open(browser, app)
    assert _kernels(app) >= 1
    page.close()
    started = time.monotonic()
    while _kernels(app) and time.monotonic() - started < 6 * (CULL_IDLE + CULL_INTERVAL):
        time.sleep(0.5)
    seconds = time.monotonic() - started

    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    (ARTIFACTS / "culling.json").write_text(
        json.dumps({"cull_idle_s": CULL_IDLE, "interval_s": CULL_INTERVAL, "gone_after_s": seconds})
    )
    assert _kernels(app) == 0, f"kernels still running {seconds:.0f} s after the pages closed"
