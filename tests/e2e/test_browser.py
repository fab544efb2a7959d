"""The dashboard in a real browser: `streamlit run` on a free port, driven by Debian's Chromium."""
from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from pathlib import Path
from urllib.parse import quote, urlsplit

import pytest
from playwright.sync_api import expect, sync_playwright

from metrics import suicides
from metrics.db import get_database
from tests.app_fixtures import REPO_ROOT, sample_db  # noqa: F401  (fixture imported by name)

pytestmark = pytest.mark.e2e

CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                 "--disable-background-networking", "--disable-component-update", "--disable-sync"]
START_TIMEOUT = 60  # s for the server to answer /_stcore/health
RENDER_TIMEOUT = 30_000  # ms for the page to draw its charts
LOCAL_HOSTS = {"127.0.0.1", "localhost", "::1", "[::1]"}
TITLE = "Suicides and suicide attempts among minors"


def free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def wait_healthy(url: str, process: subprocess.Popen, log: Path) -> None:
    deadline = time.monotonic() + START_TIMEOUT
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError(f"streamlit exited with {process.returncode}:\n{log.read_text(errors='replace')}")
        try:
            with urllib.request.urlopen(f"{url}/_stcore/health", timeout=2) as response:
                if response.status == 200:
                    return
        except (urllib.error.URLError, ConnectionError, TimeoutError):
            pass
        time.sleep(0.2)
    raise TimeoutError(f"no answer from {url}/_stcore/health in {START_TIMEOUT} s:\n{log.read_text(errors='replace')}")


@pytest.fixture(scope="module")
def server(sample_db, tmp_path_factory):
    port = free_port()
    url = f"http://127.0.0.1:{port}"
    log = tmp_path_factory.mktemp("streamlit") / "server.log"
    env = {**os.environ, "CPM_DB": str(sample_db)}
    with log.open("wb") as out:
        process = subprocess.Popen(
            [sys.executable, "-m", "streamlit", "run", "app.py", "--server.port", str(port),
             "--server.address", "127.0.0.1", "--server.headless", "true"],
            cwd=REPO_ROOT, env=env, stdout=out, stderr=subprocess.STDOUT)
    try:
        wait_healthy(url, process, log)
        yield url
    finally:
        process.terminate()
        try:
            process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait(timeout=10)


@pytest.fixture(scope="module")
def browser():
    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS, headless=True)
        try:
            yield chromium
        finally:
            chromium.close()


@pytest.fixture
def page(browser):
    """A fresh page whose every request (HTTP and WebSocket) is recorded in ``page.requested``."""
    context = browser.new_context(viewport={"width": 1400, "height": 1000}, locale="en-US")
    context.set_default_timeout(RENDER_TIMEOUT)
    tab = context.new_page()
    requested: list[str] = []
    context.on("request", lambda request: requested.append(request.url))
    tab.on("websocket", lambda ws: requested.append(ws.url))
    tab.requested = requested
    try:
        yield tab
    finally:
        context.close()


def wait_rendered(page) -> None:
    chart = page.locator('[data-testid="stPlotlyChart"] svg, .js-plotly-plot svg').first
    chart.wait_for(state="visible", timeout=RENDER_TIMEOUT)
    expect(page.get_by_role("heading", name=TITLE)).to_be_visible(timeout=RENDER_TIMEOUT)
    # Streamlit shows a running indicator while the script runs; the page is done when it is gone.
    expect(page.locator('[data-testid="stStatusWidget"]')).to_have_count(0, timeout=RENDER_TIMEOUT)


def test_page_renders_chart_and_title(server, page):
    page.goto(f"{server}/?lang=en", timeout=RENDER_TIMEOUT)
    wait_rendered(page)
    assert page.locator('[data-testid="stPlotlyChart"]').count() == 2  # trend and regions
    assert page.locator('[data-testid="stPlotlyChart"] .js-plotly-plot svg.main-svg').count() >= 2
    expect(page.locator('[data-testid="stException"]')).to_have_count(0)
    # The chart draws the national figures: a bar label for each full-year value.
    trend = suicides.annual_trend(get_database())
    chart_text = page.locator('[data-testid="stPlotlyChart"]').first.inner_text()
    for value in trend.value:
        assert str(int(value)) in chart_text


def test_period_in_url_is_selected(server, page):
    options = suicides.periods(get_database())
    wanted = options[-1]  # not the default (newest) period
    page.goto(f"{server}/?lang=en&period={quote(wanted.key)}", timeout=RENDER_TIMEOUT)
    wait_rendered(page)
    selectbox = page.get_by_role("combobox", name="Period")
    expect(selectbox).to_have_value(wanted.label("en"), timeout=5_000)  # the page has finished its run
    expect(page.locator('[data-testid="stException"]')).to_have_count(0)


def test_page_contacts_only_its_own_server(server, page):
    page.goto(f"{server}/?lang=en", timeout=RENDER_TIMEOUT)
    wait_rendered(page)
    page.wait_for_load_state("networkidle", timeout=RENDER_TIMEOUT)
    assert page.requested, "no request was recorded: the recorder is broken"
    outside = [url for url in page.requested
               if urlsplit(url).scheme not in {"data", "blob"} and urlsplit(url).hostname not in LOCAL_HOSTS]
    assert outside == []
