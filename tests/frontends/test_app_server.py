"""``footstats app`` as a person starts it: the browser opens on the page, not on a login
page; nothing of the page comes from another computer; uploads bigger than Tornado's
10 MiB are taken; a port that is not one is refused (issue 26, points 15, 17, 19, 23).

The command is run as installed (``.venv/bin/footstats app``) in a temporary HOME, with
``BROWSER`` set to a small script that writes down the address it is asked to open
(Python's :mod:`webbrowser` honours ``BROWSER``), then stopped by its process group (the
command and the Voilà server it started). The page is then opened in headless Chromium
with every request to another host refused and recorded.
"""

from __future__ import annotations

import json
import os
import re
import signal
import subprocess
import sys
import time
import urllib.request
from datetime import UTC, datetime
from pathlib import Path

import pytest
from test_notebooks_browser import _free_port, _isolated_env, _tail, browser  # noqa: F401

from footstats.app import CONFIG_ROOT, UPLOAD_LIMIT_BYTES

ROOT = Path(__file__).resolve().parents[2]
SAMPLE = ROOT / "sample_data" / "foot_log.csv"
FOOTSTATS = Path(sys.executable).with_name("footstats")
START_SECONDS = 120
PAGE_MS = 240_000


@pytest.fixture(scope="module")
def started(tmp_path_factory):
    """``footstats app LOG --port P`` with a recording browser: (the address the browser
    was asked to open, the server's output)."""
    base = tmp_path_factory.mktemp("footstats-app")
    opened = base / "opened.txt"
    recorder = base / "browser.py"
    recorder.write_text(
        f"import sys\nfrom pathlib import Path\nPath({str(opened)!r}).write_text(sys.argv[1])\n"
    )
    env = _isolated_env(base / "home")
    env["BROWSER"] = f"{sys.executable} {recorder} %s"
    output = base / "app.log"
    with output.open("w") as log_file:
        app = subprocess.Popen(
            [str(FOOTSTATS), "app", str(SAMPLE), "--port", str(_free_port())],
            env=env,
            stdout=log_file,
            stderr=subprocess.STDOUT,
            start_new_session=True,  # its own process group: the command and its server
        )
    try:
        deadline = time.monotonic() + START_SECONDS
        while not opened.exists() and time.monotonic() < deadline:
            if app.poll() is not None:
                pytest.fail(f"footstats app exited with {app.returncode}:\n{_tail(output)}")
            time.sleep(0.5)
        if not opened.exists():
            pytest.fail(f"no browser opened within {START_SECONDS} s:\n{_tail(output)}")
        yield opened.read_text(), output
    finally:
        os.killpg(app.pid, signal.SIGINT)  # Ctrl-C, as in a terminal
        try:
            app.wait(timeout=30)
        except subprocess.TimeoutExpired:
            os.killpg(app.pid, signal.SIGKILL)
            app.wait()


def test_the_browser_opens_the_page_with_its_token_not_a_login_page(started):
    url, output = started
    assert re.fullmatch(r"http://127\.0\.0\.1:\d+/\?token=[\w-]{20,}", url), url
    with urllib.request.urlopen(url, timeout=PAGE_MS / 1000) as answer:
        page = answer.read().decode()
        assert answer.status == 200 and "/login" not in answer.url
    assert "footstats" in page and 'name="password"' not in page
    # no style sheet or script from another computer (Voilà's lab template loads Font
    # Awesome from cdn.jsdelivr.net; footstats' template leaves it out)
    assert not re.findall(r'(?:src|href)="(?:https?:)?//(?!127\.0\.0\.1)[^"]*"', page)
    # the address printed is the one opened: a person can paste it again
    assert url in output.read_text()


def test_the_page_loads_nothing_from_another_computer(started, browser):  # noqa: F811
    url, _ = started
    elsewhere: list[str] = []
    context = browser.new_context()
    page = context.new_page()

    def refuse(route):
        elsewhere.append(route.request.url)
        route.abort()

    # every request that leaves 127.0.0.1 is refused (the network is "blocked") and recorded
    page.route(re.compile(r"^(?!(https?|wss?)://127\.0\.0\.1[:/]|data:|blob:).*"), refuse)
    page.set_default_timeout(PAGE_MS)
    page.goto(url, timeout=PAGE_MS)
    page.locator(".footstats-app").first.wait_for()
    page.wait_for_load_state("networkidle")
    context.close()
    assert elsewhere == []


def test_uploads_up_to_the_limit_travel_in_one_websocket_message():
    settings = json.loads((CONFIG_ROOT / "voila.json").read_text())
    size = settings["Voila"]["tornado_settings"]["websocket_max_message_size"]
    assert size == UPLOAD_LIMIT_BYTES > 10 * 1024 * 1024  # Tornado's default: 10 MiB


@pytest.mark.parametrize("port", ["125487", "0", "-1", "http"])
def test_a_port_that_is_not_one_is_refused(port, capsys):
    from footstats.cli import main

    with pytest.raises(SystemExit) as exited:
        main(["app", "--port", port])
    assert exited.value.code == 2
    assert f"{port!r} is not a port: give a number from 1 to 65535" in capsys.readouterr().err


# -- the page's limits (no server needed: the page's widgets, as the notebook's cell builds them)


def test_the_problems_list_shows_the_first_ones_and_counts_the_rest(tmp_path):
    from test_app import _part

    from footstats.app import show
    from footstats.core.problems import SHOWN_PROBLEMS

    log = tmp_path / "mine.csv"
    rows = "".join(f"2026-03-02,Heel raises,x{i}\n" for i in range(SHOWN_PROBLEMS + 800))
    log.write_text("date,exercise,sets\n" + rows)
    problems = _part(show(log=str(log)), "problems")
    # before: one table row per problem (300,000 bad rows made a 112 MB page)
    assert problems.count("</tr>") - 1 == SHOWN_PROBLEMS  # the header row, then one a problem
    assert "line 2" in problems.lower() or "<td>2</td>" in problems
    assert "... and 800 more problems: 800 error(s) in sets." in problems


def test_a_routine_with_a_name_too_long_for_the_file_system_is_read(tmp_path):
    from test_app import _widget

    from footstats.app import show

    log = tmp_path / "mine.csv"
    log.write_text("date,exercise,sets\n2026-03-02,Toe walking,2\n")
    page = show(log=str(log))
    routine = (ROOT / "footstats" / "data" / "foot_routine.toml").read_text()
    routine = routine.replace(
        'name = "Foot routine for back, hip and knee pain"', 'name = "My physio\'s routine"', 1
    )
    name = "my routine " * 30 + ".toml"  # 306 bytes: over the 255 a file name may have
    content = routine.encode()
    _widget(page, "Your own routine file").value = (
        {
            "name": name,
            "type": "",
            "size": len(content),
            "content": memoryview(content),
            "last_modified": datetime.now(UTC),
        },
    )
    text = next(
        c.value
        for box in page.children
        for c in getattr(box, "children", [])
        if "Routine:" in str(getattr(c, "value", ""))
    )
    # before: OSError "File name too long" in the widget's callback, nothing on the page
    assert "Routine: My physio&#x27;s routine." in text or "Routine: My physio's routine." in text


def test_the_participants_table_reaches_the_page(tmp_path, monkeypatch):
    from footstats.app import LOG_ENV, PARTICIPANTS_ENV, TEMPLATE_ROOT
    from footstats.cli import EXIT_USAGE, main

    table = tmp_path / "participants.csv"
    table.write_text("participant,start\np01,2026-03-02\n")
    started = {}

    def execve(path, command, env):  # what would become the Voilà server
        started.update(command=command, env=env)
        raise SystemExit(0)

    monkeypatch.setattr(os, "execve", execve)
    with pytest.raises(SystemExit):
        main(["app", str(SAMPLE), "--participants", str(table), "--no-browser"])
    assert started["env"][PARTICIPANTS_ENV] == str(table.resolve())
    assert started["env"][LOG_ENV] == str(SAMPLE.resolve())
    assert started["env"]["JUPYTER_PATH"].split(os.pathsep)[0] == str(TEMPLATE_ROOT)
    assert "--template=footstats" in started["command"]
    missing = tmp_path / "missing.csv"
    assert main(["app", "--participants", str(missing), "--no-browser"]) == EXIT_USAGE


def test_the_apps_pdf_lists_the_lines_left_out_as_the_reports_does(tmp_path):
    from footstats import validate_log
    from footstats.app import make_outputs
    from footstats.cli import main

    log = tmp_path / "mine.csv"
    log.write_text(
        "date,exercise,sets,pain_back\n"
        "2026-03-02,Toe walking,6,4\n"
        "2026-03-04,Toe walking,6,12\n"  # pain 12: the line is left out
        "2026-03-06,Toe walking,6,3\n"
    )
    loaded = validate_log(log)
    app = make_outputs(loaded.log, problems=loaded.problems)
    assert main(["report", str(log), "-o", str(tmp_path / "out"), "--drop-invalid", "-q"]) == 0
    report = (tmp_path / "out" / "report.pdf").read_bytes()

    def masked(pdf: bytes) -> bytes:
        return re.sub(rb"CreationDate \(D:\d+Z\)", b"CreationDate (D:X)", pdf)

    # the same page 1 (it names line 3 and why) whichever door: byte for byte
    assert masked(app.pdf) == masked(report)
    assert masked(make_outputs(loaded.log).pdf) != masked(report)
