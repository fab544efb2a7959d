"""Every page in a real browser: renders without an error at desktop and phone width, and a
permalink opened in a new browser shows the same selection."""
from __future__ import annotations

import pytest
from playwright.sync_api import expect

from metrics import suicides
from metrics.db import get_database
from tests.e2e.live import DESKTOP, PHONE, wait_idle
from ui.navigation import page_specs

pytestmark = pytest.mark.e2e


@pytest.mark.parametrize("viewport", [DESKTOP, PHONE], ids=["desktop", "phone"])
@pytest.mark.parametrize("spec", page_specs(), ids=[s.url_path for s in page_specs()])
def test_page_renders_without_error(app_url, new_page, spec, viewport):
    page = new_page(viewport=viewport)
    page.goto(f"{app_url}/{spec.url_path}?lang=en")
    wait_idle(page)
    expect(page.locator('[data-testid="stException"]')).to_have_count(0)
    assert "Traceback" not in page.locator('[data-testid="stMain"]').inner_text()
    # Nothing wider than the screen: a phone reader never scrolls sideways to read the page.
    overflow = page.evaluate("document.documentElement.scrollWidth - document.documentElement.clientWidth")
    assert overflow <= 1


def test_permalink_opens_the_same_selection_in_a_new_browser(app_url, new_page):
    options = suicides.periods(get_database())
    wanted = options[-1]  # not the default (the newest)
    first = new_page()
    first.goto(f"{app_url}/suicides?lang=en")
    wait_idle(first)
    box = first.locator('[data-testid="stSelectbox"]').filter(has_text="Period").first.locator("input")
    box.click()
    box.fill(wanted.label("en"))  # the list is long and virtualised: filter it, then pick
    first.get_by_role("option", name=wanted.label("en"), exact=True).click()
    first.wait_for_url(lambda url: f"period={wanted.period.key()}" in url)  # the one period spelling of every URL
    wait_idle(first)
    link = first.url

    second = new_page()  # a new context: no cookies, no session state
    second.goto(link)
    wait_idle(second)
    expect(second.get_by_role("combobox", name="Period")).to_have_value(wanted.label("en"))
    # The regional chart is drawn for the linked period, not the default one.
    expect(second.locator('[data-testid="stPlotlyChart"]').filter(has_text=wanted.label("en")).first).to_be_visible()
