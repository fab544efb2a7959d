"""A running dashboard and a headless Chromium, for the browser tests and the screenshot script.

The server is ``streamlit run app.py`` on a free loopback port; the browser is Debian's Chromium
(no download), started without any background network traffic.
"""
from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from contextlib import contextmanager
from pathlib import Path

REPO_ROOT = Path(__file__).resolve().parents[2]
CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                 "--disable-background-networking", "--disable-component-update", "--disable-sync"]
START_TIMEOUT = 60  # s for the server to answer /_stcore/health
RENDER_TIMEOUT = 30_000  # ms for a page to draw
DESKTOP = {"width": 1366, "height": 768}
PHONE = {"width": 390, "height": 844}


def free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def _wait_healthy(url: str, process: subprocess.Popen, log: Path) -> None:
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


@contextmanager
def running_app(db: Path, log: Path, edition: str | None = None, *, env: dict | None = None,
                args: tuple[str, ...] = ()):
    """Serve the dashboard on the warehouse ``db`` (the edition's snapshot beside it, or
    ``edition``'s when given); yield its base URL; stop it afterwards. ``env`` adds environment
    variables, ``args`` more Streamlit options."""
    with app_server(db, log, {**({"CPM_EDITION": edition} if edition else {}), **(env or {})}, args) as (url, _):
        yield url


@contextmanager
def app_server(db: Path, log: Path, env: dict | None = None, args: tuple[str, ...] = ()):
    """Like ``running_app``, yielding the server process too (load tests read its CPU and memory)."""
    port = free_port()
    url = f"http://127.0.0.1:{port}"
    env = {**os.environ, "CPM_DB": str(db), **(env or {})}
    if env.get("CPM_EDITION") == "internal" and "--server.trustedUserHeaders" not in args:
        from deploy.internal import trusted_header_options

        args = (*args, *trusted_header_options())  # the browser tests then sign in as the proxy would
    with log.open("wb") as out:
        process = subprocess.Popen(
            [sys.executable, "-m", "streamlit", "run", "app.py", "--server.port", str(port),
             "--server.address", "127.0.0.1", "--server.headless", "true", *args],
            cwd=REPO_ROOT, env=env, stdout=out, stderr=subprocess.STDOUT)
    try:
        _wait_healthy(url, process, log)
        yield url, process
    finally:
        process.terminate()
        try:
            process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait(timeout=10)


def signed_in_headers() -> dict[str, str]:
    """What the sign-in proxy adds to every request of a signed-in reader: the browser tests stand
    where the proxy stands and name the sample's demo viewer. A public-edition server ignores it."""
    from ui import access

    return {access.USER_HEADER: "demo"}


def launch_chromium(playwright):
    return playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS, headless=True)


def wait_idle(page) -> None:
    """Wait until the script run is over: the app is mounted and the running indicator gone."""
    from playwright.sync_api import expect

    page.locator('[data-testid="stApp"]').wait_for(state="attached", timeout=RENDER_TIMEOUT)
    page.locator('[data-testid="stMain"] h1').first.wait_for(state="visible", timeout=RENDER_TIMEOUT)
    expect(page.locator('[data-testid="stStatusWidget"]')).to_have_count(0, timeout=RENDER_TIMEOUT)
