"""Read as a reader would, in a real Chromium: text contrast checked by axe-core (WCAG AA, 4.5:1);
the region profile's trends, ``<html lang>``, nothing wider than a 390 px phone and every table value
reachable, in the three languages; a link with an unknown region says so. One server and one browser
for the module."""
from __future__ import annotations

import pytest
from axe_playwright_python.sync_playwright import Axe
from playwright.sync_api import expect

from tests.e2e.live import DESKTOP, PHONE, wait_idle
from ui.navigation import page_specs

pytestmark = pytest.mark.e2e
COLD_RENDER_TIMEOUT = 180_000  # ms
CONTRAST_ONLY = {"runOnly": {"type": "rule", "values": ["color-contrast"]}, "resultTypes": ["violations"]}
# The pages with colour-coded text: status badges, the status heat-map, map legends, verdicts.
COLOURED_PAGES = ["overview", "indicators", "coverage", "region"]


@pytest.fixture(scope="module")
def axe():
    return Axe()


@pytest.mark.parametrize("path", COLOURED_PAGES)
def test_text_contrast_meets_wcag_aa(app_url, new_page, axe, path):
    page = new_page(viewport=DESKTOP)
    opened(page, f"{app_url}/{path}?lang=ru")
    results = axe.run(page, options=CONTRAST_ONLY)
    assert results.violations_count == 0, results.generate_report()


LANGUAGES = ["kk", "ru", "en"]
VIEWPORTS = {"desktop": DESKTOP, "phone": PHONE}
# Words of each language the region profile must show: its trend section and the verdict against the nation.
TRENDS_HEADER = {"kk": "Қазақстанмен салыстырғандағы үрдістер", "ru": "Динамика в сравнении с Казахстаном",
                 "en": "Trends against Kazakhstan"}
UNKNOWN_WORDS = {"kk": "бірақ ол белгісіз", "ru": "такое значение неизвестно", "en": "which is not known here"}
# Elements sticking out to the right of the screen, outside any box that scrolls sideways.
OVERFLOWING = """() => {
  const width = document.documentElement.clientWidth;
  const scrolls = el => { for (let p = el.parentElement; p; p = p.parentElement) {
      const x = getComputedStyle(p).overflowX; if (x === 'auto' || x === 'scroll' || x === 'hidden') return true; }
    return false; };
  return [...document.querySelectorAll('[data-testid="stMain"] *')]
    .filter(el => { const r = el.getBoundingClientRect(); return r.width > 0 && r.right > width + 1 && !scrolls(el); })
    .map(el => el.tagName + '.' + (el.getAttribute('data-testid') || el.className)).slice(0, 5);
}"""
# Each table's own scroller reaches its last column.
TABLES_REACHABLE = """() => [...document.querySelectorAll('[data-testid="stDataFrame"] .dvn-scroller')].map(s => {
  s.scrollLeft = s.scrollWidth; return s.scrollWidth <= s.clientWidth + 1 || s.scrollLeft + s.clientWidth >= s.scrollWidth - 2;
})"""


def opened(page, url: str) -> None:
    """Open ``url`` and wait for its run to end; the first run of the region profile on a cold server
    computes every indicator, which on a busy machine takes longer than a page's usual render time."""
    page.goto(url)
    page.locator('[data-testid="stMain"] h1').first.wait_for(state="visible", timeout=COLD_RENDER_TIMEOUT)
    expect(page.locator('[data-testid="stStatusWidget"]')).to_have_count(0, timeout=COLD_RENDER_TIMEOUT)
    wait_idle(page)


@pytest.mark.parametrize("viewport", list(VIEWPORTS))
@pytest.mark.parametrize("lang", LANGUAGES)
def test_region_profile_reads_in_every_language_and_width(app_url, new_page, lang, viewport):
    page = new_page(viewport=VIEWPORTS[viewport])
    opened(page, f"{app_url}/region?region=KZ-75&lang={lang}")
    # Set by the run's script when its element is drawn, which can be after the heading shows.
    expect(page.locator("html")).to_have_attribute("lang", lang, timeout=30_000)
    expect(page.get_by_text(TRENDS_HEADER[lang], exact=True)).to_be_visible()
    # The charts are drawn one after another after the run ends: wait for the third, then measure.
    expect(page.locator('[data-testid="stPlotlyChart"]').nth(2)).to_be_visible(timeout=COLD_RENDER_TIMEOUT)
    wait_idle(page)
    assert page.evaluate(OVERFLOWING) == []
    assert all(page.evaluate(TABLES_REACHABLE))


@pytest.mark.parametrize("lang", LANGUAGES)
def test_scorecard_fits_a_phone(app_url, new_page, lang):
    page = new_page(viewport=PHONE)
    opened(page, f"{app_url}/indicators?lang={lang}")
    # Set by the run's script when its element is drawn, which can be after the heading shows.
    expect(page.locator("html")).to_have_attribute("lang", lang, timeout=30_000)
    assert page.evaluate(OVERFLOWING) == []
    assert all(page.evaluate(TABLES_REACHABLE))


@pytest.mark.parametrize("lang", LANGUAGES)
def test_an_unknown_region_in_a_link_is_said(app_url, new_page, lang):
    page = new_page(viewport=PHONE)
    opened(page, f"{app_url}/region?region=KZ-99&lang={lang}")
    expect(page.locator('[data-testid="stAlert"]').filter(has_text=UNKNOWN_WORDS[lang])).to_be_visible()
    expect(page.get_by_text(TRENDS_HEADER[lang], exact=True)).to_be_visible()  # the default region is shown


# Under 600 px every table (and the status heat-map) gives way to cards, one a row: each card's
# values, and the number of cards, against the table the page would show on a wide screen.
CARDS = """() => [...document.querySelectorAll('.cpm-cards')].filter(c => c.offsetParent !== null).map(c => ({
  cards: c.querySelectorAll('dl.cpm-card').length,
  values: [...c.querySelectorAll('dd')].map(d => d.innerText.trim()),
  hidden: [...c.querySelectorAll('dd')].filter(d => { const r = d.getBoundingClientRect();
    return r.width === 0 || r.right > document.documentElement.clientWidth + 1; }).length }))"""
OPEN_EXPANDERS = "() => document.querySelectorAll('[data-testid=\"stExpander\"] details:not([open]) > summary').forEach(s => s.click())"
VISIBLE_TABLES = "() => [...document.querySelectorAll('[data-testid=\"stDataFrame\"]')].filter(t => t.offsetParent !== null).length"


@pytest.mark.parametrize("lang", LANGUAGES)
@pytest.mark.parametrize("path", [spec.url_path for spec in page_specs()])
def test_every_page_fits_a_phone_with_its_tables_as_cards(app_url, new_page, path, lang):
    page = new_page(viewport=PHONE)
    opened(page, f"{app_url}/{path}?lang={lang}")
    if path != "briefing":  # the briefing page has no table; on the others, the run may still be drawing
        page.locator(".cpm-cards").last.wait_for(state="attached")
    page.evaluate(OPEN_EXPANDERS)  # every table's expander, open
    wait_idle(page)
    assert page.evaluate(OVERFLOWING) == []
    assert page.evaluate(VISIBLE_TABLES) == 0  # no table left to scroll sideways: they are cards
    lists = page.evaluate(CARDS)
    if path != "briefing":  # the briefing page has no table
        assert lists, "no table became cards"
    for found in lists:
        assert found["cards"] > 0 and found["values"] and found["hidden"] == 0, found


def test_the_coverage_cards_hold_every_region_of_the_table(app_url, new_page):
    """The tile map's table as cards at 390 px: twenty cards, one a region, each value readable."""
    page = new_page(viewport=PHONE)
    opened(page, f"{app_url}/coverage?lang=en&indicator=psc_specialists_per_10k")
    page.locator('[data-testid="stExpander"] summary').first.click()
    wait_idle(page)
    first = page.evaluate(CARDS)[0]
    assert first["cards"] == 20 and first["hidden"] == 0
    assert "Astana" in first["values"]
