"""The internal edition behind the real proxy (Debian's Caddy) in a real browser: nothing is served
without an account from deploy/access.toml, the right account opens the dashboard with its name and
role shown, and an X-User header a client makes up is ignored."""
from __future__ import annotations

import base64
import http.client
import io
import json
import zipfile
from urllib.parse import urlsplit

import openpyxl
import pytest
from playwright.sync_api import Error as PlaywrightError
from playwright.sync_api import expect

from deploy.internal import running_proxy, trusted_header_options
from metrics import suicides
from metrics.db import get_database
from tests.e2e.live import RENDER_TIMEOUT, free_port, running_app, wait_idle
from ui import access
from ui.edition import ENV as EDITION_ENV, INTERNAL

pytestmark = pytest.mark.e2e  # needs Debian's caddy: sh scripts/ensure-caddy.sh (make test runs it)

# The sample's demo accounts, documented in the README.
VIEWER = ("demo", "demo-viewer-2026")
MANAGER = ("manager", "demo-manager-2026")
REFUSALS = ("ERR_INVALID_AUTH_CREDENTIALS", "ERR_HTTP_RESPONSE_CODE_FAILURE")
TITLE = "Suicides and suicide attempts among minors"


@pytest.fixture(scope="module")
def internal_url(sample_db, tmp_path_factory):
    """Streamlit serving the internal edition on loopback, as deploy/internal.py starts it."""
    log = tmp_path_factory.mktemp("internal") / "server.log"
    with running_app(sample_db, log, env={EDITION_ENV: INTERNAL}, args=tuple(trusted_header_options())) as url:
        yield url


@pytest.fixture(scope="module")
def proxy_url(internal_url, tmp_path_factory):
    """Caddy with the shipped Caddyfile and accounts in front of it."""
    with running_proxy(proxy_port=free_port(), app_port=urlsplit(internal_url).port,
                       workdir=tmp_path_factory.mktemp("caddy")) as url:
        yield url


def status(url: str, path: str, headers: dict[str, str] | None = None) -> int:
    parts = urlsplit(url)
    connection = http.client.HTTPConnection(parts.hostname, parts.port, timeout=10)
    try:
        connection.request("GET", path, headers=headers or {})
        return connection.getresponse().status
    finally:
        connection.close()


def basic(user: str, password: str) -> dict[str, str]:
    return {"Authorization": "Basic " + base64.b64encode(f"{user}:{password}".encode()).decode()}


def open_context(browser, credentials=None, headers=None):
    kwargs = {"viewport": {"width": 1366, "height": 768}, "locale": "en-US"}
    if credentials:
        kwargs["http_credentials"] = {"username": credentials[0], "password": credentials[1]}
    if headers:
        kwargs["extra_http_headers"] = headers
    context = browser.new_context(**kwargs)
    context.set_default_timeout(RENDER_TIMEOUT)
    return context


WEBSOCKET = {"Connection": "Upgrade", "Upgrade": "websocket", "Sec-WebSocket-Version": "13",
             "Sec-WebSocket-Key": base64.b64encode(b"0123456789abcdef").decode()}


@pytest.mark.parametrize("path, headers", [
    ("/", {}), ("/suicides?lang=en", {}), ("/_stcore/health", {}), ("/static/index.html", {}),
    ("/_stcore/stream", WEBSOCKET), ("/_stcore/host-config", {}),
])
def test_nothing_is_served_without_credentials(proxy_url, internal_url, path, headers):
    assert status(internal_url, "/_stcore/health") == 200  # the app itself is up, on loopback
    assert status(proxy_url, path, headers) == 401
    assert status(proxy_url, path, {**headers, **basic(VIEWER[0], "wrong password")}) == 401
    assert status(proxy_url, path, {**headers, **basic("nobody", VIEWER[1])}) == 401
    # A forged user header does not stand in for a password.
    assert status(proxy_url, path, {**headers, access.USER_HEADER: VIEWER[0]}) == 401


def test_browser_without_or_with_wrong_credentials_is_refused(proxy_url, chromium_browser):
    for credentials in (None, (VIEWER[0], "wrong password"), (MANAGER[0], VIEWER[1])):
        context = open_context(chromium_browser, credentials)
        try:
            page = context.new_page()
            statuses: list[int] = []
            page.on("response", lambda response: statuses.append(response.status))
            refused = False
            try:
                page.goto(f"{proxy_url}/suicides?lang=en", timeout=RENDER_TIMEOUT)
            except PlaywrightError as error:
                # Chromium ends the navigation on the 401: with no credentials it has nothing to show
                # (ERR_HTTP_RESPONSE_CODE_FAILURE), with refused ones it gives up (ERR_INVALID_AUTH_CREDENTIALS).
                refused = any(code in str(error) for code in REFUSALS)
                assert refused, error
            assert set(statuses) <= {401}, (credentials, statuses)
            assert refused or statuses == [401], (credentials, statuses)
            expect(page.locator('[data-testid="stApp"]')).to_have_count(0)
        finally:
            context.close()


def test_right_credentials_open_the_dashboard_with_the_user_and_role(proxy_url, chromium_browser):
    for (user, password), role in ((VIEWER, "viewer"), (MANAGER, "data manager")):
        context = open_context(chromium_browser, (user, password))
        try:
            page = context.new_page()
            response = page.goto(f"{proxy_url}/suicides?lang=en", timeout=RENDER_TIMEOUT)
            assert response.status == 200
            wait_idle(page)
            expect(page.get_by_role("heading", name=TITLE)).to_be_visible()
            sidebar = page.locator('[data-testid="stSidebar"]')
            expect(sidebar.get_by_text(f"Signed in: {user} ({role})")).to_be_visible()
            expect(sidebar.get_by_text("Internal edition (exact figures, not for publication)")).to_be_visible()
            trend = page.locator('[data-testid="stPlotlyChart"]').first
            for value in suicides.annual_trend(get_database()).value:  # the exact national counts
                expect(trend).to_contain_text(str(int(value)), timeout=RENDER_TIMEOUT)
        finally:
            context.close()


def test_forged_user_header_is_ignored(proxy_url, chromium_browser):
    """Signed in as the viewer but claiming to be the data manager: still the viewer."""
    context = open_context(chromium_browser, VIEWER, headers={access.USER_HEADER: MANAGER[0]})
    try:
        page = context.new_page()
        page.goto(f"{proxy_url}/overview?lang=en", timeout=RENDER_TIMEOUT)
        wait_idle(page)
        sidebar = page.locator('[data-testid="stSidebar"]')
        expect(sidebar.get_by_text(f"Signed in: {VIEWER[0]} (viewer)")).to_be_visible()
        expect(sidebar.get_by_text(MANAGER[0], exact=False)).to_have_count(0)
    finally:
        context.close()


def test_the_app_itself_shows_nothing_to_a_visitor_the_proxy_did_not_sign_in(internal_url, chromium_browser):
    """Reached on its loopback port (not through the proxy) the internal edition shows no figures."""
    context = open_context(chromium_browser)
    try:
        page = context.new_page()
        page.goto(f"{internal_url}/suicides?lang=en", timeout=RENDER_TIMEOUT)
        wait_idle(page)
        expect(page.get_by_role("heading", name="Sign-in required")).to_be_visible()
        expect(page.locator('[data-testid="stPlotlyChart"]')).to_have_count(0)
        expect(page.get_by_role("heading", name=TITLE)).to_have_count(0)
    finally:
        context.close()


def test_downloads_through_the_proxy_say_internal_edition(proxy_url, chromium_browser, tmp_path):
    """The page's data package and a chart's workbook, made on demand and fetched through the proxy."""
    context = chromium_browser.new_context(viewport={"width": 1366, "height": 768}, locale="en-US",
                                           accept_downloads=True,
                                           http_credentials={"username": VIEWER[0], "password": VIEWER[1]})
    context.set_default_timeout(RENDER_TIMEOUT)
    try:
        page = context.new_page()
        page.goto(f"{proxy_url}/suicides?lang=en", timeout=RENDER_TIMEOUT)
        wait_idle(page)
        with page.expect_download() as info:
            page.locator('[data-testid="stMain"]').get_by_role("button", name="Download all data (ZIP)").click()
        assert info.value.suggested_filename == "cp-monitor_suicides.zip"
        archive = zipfile.ZipFile(info.value.path())
        names = archive.namelist()
        assert {"datapackage.json", "README.md"} <= set(names) and "suicides_national_counts.csv" in names
        described = json.loads(archive.read("datapackage.json"))
        assert described["cpm:edition"] == "internal"
        assert "Internal edition (exact figures, not for publication)" in archive.read("README.md").decode()
        trend = archive.read("suicides_national_counts.csv").decode("utf-8-sig")
        assert '# Edition,"Internal edition (exact figures, not for publication)"' in trend.splitlines()

        block = page.locator('[data-testid="stExpander"]').filter(has_text="Table and download").first
        block.get_by_text("Table and download").click()
        with page.expect_download() as info:
            block.get_by_role("button", name="Download Excel (XLSX)").click()
        assert info.value.suggested_filename == "suicides_national_counts.xlsx"
        sheet = openpyxl.load_workbook(io.BytesIO(info.value.path().read_bytes())).active
        assert sheet["A1"].value == "National trend by year"
        assert "Internal edition (exact figures, not for publication)" in [c.value for c in sheet["B"]]
    finally:
        context.close()
