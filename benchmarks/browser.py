"""Time to first chart: each page opened in a fresh headless Chromium (a new browser process, no
cache, one session), from the request to the first plotly chart drawn (its SVG visible).

Part of ``python -m benchmarks --browser``; the browser renders on the same cores as the server, so
this is what a reader on this machine would wait, not a measure of the server alone.
"""
from __future__ import annotations

import time
from pathlib import Path

from benchmarks.targets import met

FIRST_CHART = '[data-testid="stPlotlyChart"] .js-plotly-plot svg.main-svg'
TARGET = 2.5  # s
TIMEOUT = 30_000  # ms before a page counts as never drawing a chart


def pages_with_charts() -> list[str]:
    """URL paths of the pages that draw a chart on their default selections."""
    from ui.navigation import page_specs

    without = {"overview", "data-sources", "methodology", "briefing"}  # tiles, tables and text only
    return [spec.url_path for spec in page_specs() if spec.url_path not in without]


def first_chart_seconds(playwright, url: str) -> float | None:
    from tests.e2e.live import launch_chromium

    browser = launch_chromium(playwright)
    try:
        page = browser.new_page(viewport={"width": 1366, "height": 768}, locale="en-US")
        started = time.perf_counter()
        page.goto(url)
        try:
            page.locator(FIRST_CHART).first.wait_for(state="visible", timeout=TIMEOUT)
        except Exception:  # noqa: BLE001  (a page that never draws is reported, not raised)
            return None
        return time.perf_counter() - started
    finally:
        browser.close()


def first_charts(db: Path, work: Path) -> tuple[list[tuple], list[tuple]]:
    from playwright.sync_api import sync_playwright

    from tests.e2e.live import running_app

    rows, targets = [], []
    with running_app(db, work / "browser-server.log") as base, sync_playwright() as playwright:
        for path in pages_with_charts():
            seconds = first_chart_seconds(playwright, f"{base}/{path}?lang=en")
            shown = "no chart" if seconds is None else f"{seconds * 1000:.0f} ms"
            rows.append((f"page {path}: fresh Chromium, request to first chart", shown, ""))
            targets.append(met(f"page {path}: time to first chart, fresh Chromium", f"< {TARGET * 1000:.0f} ms",
                               shown, seconds is not None and seconds < TARGET))
    return rows, targets
