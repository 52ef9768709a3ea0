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
