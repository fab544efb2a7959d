"""Shared browser-test fixtures: one dashboard server and one Chromium per module."""
from __future__ import annotations

import pytest
from playwright.sync_api import expect, sync_playwright

from tests.app_fixtures import sample_db  # noqa: F401  (fixture imported by name)
from tests.e2e.live import RENDER_TIMEOUT, launch_chromium, running_app, signed_in_headers

# On a busy machine a script run can outlast Playwright's 5 s default for assertions.
expect.set_options(timeout=RENDER_TIMEOUT)


@pytest.fixture(scope="module")
def app_url(sample_db, tmp_path_factory):
    with running_app(sample_db, tmp_path_factory.mktemp("streamlit") / "server.log") as url:
        yield url


@pytest.fixture(scope="module")
def chromium_browser():
    with sync_playwright() as playwright:
        browser = launch_chromium(playwright)
        try:
            yield browser
        finally:
            browser.close()


@pytest.fixture
def new_page(chromium_browser):
    """Open pages in fresh browser contexts (like a new browser); all are closed afterwards."""
    contexts = []

    def open_(viewport=None, locale="en-US", accept_downloads=False):
        context = chromium_browser.new_context(viewport=viewport or {"width": 1366, "height": 768}, locale=locale,
                                               accept_downloads=accept_downloads, extra_http_headers=signed_in_headers())
        context.set_default_timeout(RENDER_TIMEOUT)
        contexts.append(context)
        return context.new_page()

    yield open_
    for context in contexts:
        context.close()
