"""The language switcher in a real browser: the page re-renders, the URL names the language, a shared
link opens in it, the browser's language is the default, and changing page keeps the language."""
from __future__ import annotations

import re
import time
from urllib.parse import parse_qs, urlsplit

import pytest
from playwright.sync_api import expect, sync_playwright

from i18n import translate
from metrics import suicides
from metrics.db import get_database
from tests.app_fixtures import sample_db  # noqa: F401  (fixture imported by name)
from tests.e2e.live import CHROMIUM, CHROMIUM_ARGS, running_app, signed_in_headers
from ui.lang import LABELS
from ui.navigation import page_specs

pytestmark = pytest.mark.e2e

RENDER_TIMEOUT = 30_000  # ms
TITLE = "Suicides and suicide attempts among minors"  # msgid of the heading of /suicides


@pytest.fixture(scope="module")
def server(sample_db, tmp_path_factory):
    with running_app(sample_db, tmp_path_factory.mktemp("streamlit-lang") / "server.log") as url:
        yield url


@pytest.fixture(scope="module")
def browser():
    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS, headless=True)
        try:
            yield chromium
        finally:
            chromium.close()


@pytest.fixture
def open_page(browser):
    """open_page(url, locale) -> a page in a fresh browser context (its own cookies and session)."""
    contexts = []

    def open_(url: str, locale: str = "en-US"):
        context = browser.new_context(viewport={"width": 1400, "height": 1000}, locale=locale,
                                      extra_http_headers=signed_in_headers())
        context.set_default_timeout(RENDER_TIMEOUT)
        contexts.append(context)
        page = context.new_page()
        page.goto(url, timeout=RENDER_TIMEOUT)
        return page

    yield open_
    for context in contexts:
        context.close()


def heading(page, lang: str):
    return page.get_by_role("heading", name=translate(TITLE, lang), exact=True)


def url_lang(page) -> str | None:
    """The lang parameter of the address bar (location.href: Playwright's page.url can lag behind
    history.replaceState, which is how Streamlit rewrites the URL)."""
    values = parse_qs(urlsplit(page.evaluate("location.href")).query).get("lang")
    return values[-1] if values else None


def wait_for_url_lang(page, lang: str) -> None:
    deadline = time.monotonic() + RENDER_TIMEOUT / 1000
    while url_lang(page) != lang and time.monotonic() < deadline:
        time.sleep(0.1)
    assert url_lang(page) == lang, page.evaluate("location.href")


def wait_idle(page) -> None:
    expect(page.locator('[data-testid="stStatusWidget"]')).to_have_count(0, timeout=RENDER_TIMEOUT)


def language_option(page, lang: str):
    """The switcher's option for ``lang`` (a segmented control: a radio group named "Language")."""
    return page.locator('[data-testid="stSidebar"]').get_by_role("radio", name=LABELS[lang], exact=True)


def switch_language(page, lang: str) -> None:
    sidebar = page.locator('[data-testid="stSidebar"]')
    language_option(page, lang).click()
    # The switcher's own label is in the new language once the re-run has reached it; until the run
    # ends the old switcher (labelled in the old language) can linger beside it.
    expect(sidebar.get_by_role("radiogroup", name=translate("Language", lang), exact=True)).to_be_visible()
    wait_idle(page)
    expect(sidebar.get_by_role("radiogroup")).to_have_count(1)
    expect(language_option(page, lang)).to_be_checked()


def test_deep_link_as_the_first_request_runs_the_whole_app(server, open_page):
    """Keep this test first: it must be the server's first request. With a pages/ folder next to app.py,
    Streamlit's old multipage mode would run the page script alone (no switcher, file names in the
    navigation, no ?lang=) for this and every later visitor; ui.lang switches that mode off."""
    spec = next(s for s in page_specs() if not s.default)
    page = open_page(f"{server}/{spec.url_path}?lang=kk", locale="en-US")
    sidebar = page.locator('[data-testid="stSidebar"]')
    expect(sidebar.get_by_role("radiogroup", name=translate("Language", "kk"), exact=True)).to_be_visible()
    nav = page.locator('[data-testid="stSidebarNav"]')
    for other in page_specs():
        expect(nav.get_by_text(translate(other.title, "kk"), exact=True)).to_be_visible()
    wait_for_url_lang(page, "kk")
    assert urlsplit(page.evaluate("location.href")).path.endswith(f"/{spec.url_path}")


def test_switching_language_rerenders_and_is_shared_by_the_url(server, open_page):
    page = open_page(f"{server}/suicides", locale="en-US")
    expect(heading(page, "en")).to_be_visible()
    wait_for_url_lang(page, "en")  # the URL names the language from the first run
    expect(language_option(page, "en")).to_be_checked()

    switch_language(page, "kk")
    expect(heading(page, "kk")).to_be_visible()
    expect(heading(page, "en")).to_have_count(0)
    wait_for_url_lang(page, "kk")
    sidebar = page.locator('[data-testid="stSidebar"]')
    expect(sidebar.get_by_text(translate("Language", "kk"), exact=True)).to_be_visible()
    expect(page.get_by_role("heading", name=translate("National trend by year", "kk"), exact=True)).to_be_visible()

    # The link opens in Kazakh for someone whose browser asks for English.
    shared = page.evaluate("location.href")
    other = open_page(shared, locale="en-US")
    expect(heading(other, "kk")).to_be_visible()
    wait_for_url_lang(other, "kk")

    switch_language(other, "ru")
    expect(heading(other, "ru")).to_be_visible()
    wait_for_url_lang(other, "ru")
    other.reload()
    expect(heading(other, "ru")).to_be_visible()


@pytest.mark.parametrize("locale, lang", [("kk-KZ", "kk"), ("ru-RU", "ru"), ("en-GB", "en"), ("de-DE", "ru")])
def test_browser_language_is_the_default(server, open_page, locale, lang):
    page = open_page(f"{server}/suicides", locale=locale)
    expect(heading(page, lang)).to_be_visible()
    wait_for_url_lang(page, lang)


def test_chosen_period_survives_a_change_of_language(server, open_page):
    wanted = suicides.periods(get_database())[-1]  # not the default (newest) period
    page = open_page(f"{server}/suicides?lang=en")
    expect(heading(page, "en")).to_be_visible()
    wait_idle(page)
    page.get_by_role("combobox", name="Period").click()
    page.keyboard.press("ArrowDown")  # opens the list of options
    page.get_by_role("option", name=wanted.label("en"), exact=True).click()
    expect(page.get_by_role("combobox", name="Period")).to_have_value(wanted.label("en"))
    wait_idle(page)
    switch_language(page, "ru")
    expect(heading(page, "ru")).to_be_visible()
    expect(page.get_by_role("combobox", name=translate("Period", "ru"))).to_have_value(wanted.label("ru"))


def test_language_stays_when_changing_page(server, open_page):
    specs = page_specs()
    if len(specs) < 2:
        pytest.skip("only one page is registered in the navigation")
    page = open_page(f"{server}/suicides?lang=kk")
    expect(heading(page, "kk")).to_be_visible()
    nav = page.locator('[data-testid="stSidebarNav"]')
    for spec in specs:
        expect(nav.get_by_text(translate(spec.title, "kk"), exact=True)).to_be_visible()
    # Every other page, then back to this one.
    suicides_page = next(s for s in specs if s.path == "pages/suicides.py")
    for spec in [s for s in specs if s != suicides_page] + [suicides_page]:
        nav.get_by_text(translate(spec.title, "kk"), exact=True).click()
        expected_path = "/" if spec.default else f"/{spec.url_path}"
        page.wait_for_function(f"location.pathname.endsWith({expected_path!r})")
        wait_idle(page)
        wait_for_url_lang(page, "kk")
        expect(page.locator('[data-testid="stSidebar"]').get_by_text(translate("Language", "kk"), exact=True)) \
            .to_be_visible()
        expect(page.locator("h1").first).to_have_text(re.compile(r"[әғқңөұүһі]", re.IGNORECASE))
    expect(heading(page, "kk")).to_be_visible()
