"""A running dashboard and a headless Chromium, for the browser tests and the screenshot script.

The server is ``streamlit run app.py`` on a free loopback port; the browser is Debian's Chromium
(no download), started without any background network traffic.
"""
from __future__ import annotations

import os
from contextlib import contextmanager
from pathlib import Path

from deploy.launch import free_port, streamlit_app  # noqa: F401  (free_port re-exported for the tests)

REPO_ROOT = Path(__file__).resolve().parents[2]
CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                 "--disable-background-networking", "--disable-component-update", "--disable-sync"]
RENDER_TIMEOUT = 30_000  # ms for a page to draw
DESKTOP = {"width": 1366, "height": 768}
PHONE = {"width": 390, "height": 844}


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
    env = {"CPM_DB": str(db), **(env or {})}
    if {**os.environ, **env}.get("CPM_EDITION") == "internal" and "--server.trustedUserHeaders" not in args:
        from deploy.internal import trusted_header_options

        args = (*args, *trusted_header_options())  # the browser tests then sign in as the proxy would
    with streamlit_app(log, env, args) as (url, process):
        yield url, process


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
