"""Five readers at once in one headless Chromium, on one server: each walks every page that draws
a chart, and on every page the first chart is drawn and no exception is shown."""
from __future__ import annotations

import asyncio

import pytest
from playwright.async_api import async_playwright

from benchmarks.browser import FIRST_CHART, pages_with_charts
from tests.e2e.live import CHROMIUM, CHROMIUM_ARGS, RENDER_TIMEOUT, signed_in_headers

pytestmark = pytest.mark.e2e

READERS = 5
# Five readers share the server and the browser shares its cores with it: a busy machine draws
# slower than RENDER_TIMEOUT allows one reader (the time itself is benchmarks.browser's business).
DRAW_TIMEOUT = 4 * RENDER_TIMEOUT


async def reader(browser, base: str, number: int) -> list[tuple[str, int, int]]:
    """(page, charts drawn, exceptions shown) for each page this reader opened."""
    context = await browser.new_context(viewport={"width": 1366, "height": 768}, locale="en-US",
                                        extra_http_headers=signed_in_headers())
    context.set_default_timeout(DRAW_TIMEOUT)
    seen = []
    try:
        page = await context.new_page()
        paths = pages_with_charts()
        for path in paths[number % len(paths):] + paths[:number % len(paths)]:  # not all on one page at once
            await page.goto(f"{base}/{path}?lang=en")
            await page.locator(FIRST_CHART).first.wait_for(state="visible", timeout=DRAW_TIMEOUT)
            seen.append((path, await page.locator(FIRST_CHART).count(),
                         await page.locator('[data-testid="stException"]').count()))
    finally:
        await context.close()
    return seen


async def readers_at_once(base: str) -> list[list[tuple[str, int, int]]]:
    async with async_playwright() as playwright:
        browser = await playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS, headless=True)
        try:
            return await asyncio.gather(*(reader(browser, base, n) for n in range(READERS)))
        finally:
            await browser.close()


def test_five_readers_at_once_see_every_first_chart_and_no_exception(app_url):
    walks = asyncio.run(readers_at_once(app_url))
    assert len(walks) == READERS
    for walk in walks:
        assert sorted(path for path, _, _ in walk) == sorted(pages_with_charts())
        for path, charts, exceptions in walk:
            assert charts >= 1, path
            assert exceptions == 0, path
