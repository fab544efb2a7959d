"""Write a screenshot of every dashboard page, at desktop (1366x768) and phone (390x844) width.

    .venv/bin/python scripts/screenshots.py [OUT_DIR]   (default docs/screenshots)

Desktop is 1366 px wide, phone 390 px. It serves the dashboard on the sample database (data/cpmonitor.duckdb, built if missing, or
$CPM_DB) and photographs each page of ui/navigation.page_specs() in English, full page.
"""
from __future__ import annotations

import os
import subprocess
import sys
import tempfile
from pathlib import Path

REPO_ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO_ROOT))

from playwright.sync_api import expect, sync_playwright  # noqa: E402

from tests.e2e.live import DESKTOP, PHONE, RENDER_TIMEOUT, launch_chromium, running_app, wait_idle  # noqa: E402
from ui.navigation import page_specs  # noqa: E402


COLD_TIMEOUT = 180_000  # ms


def main(out: Path) -> int:
    db = Path(os.environ.get("CPM_DB") or REPO_ROOT / "data" / "cpmonitor.duckdb")
    if not db.exists():
        subprocess.run([sys.executable, "-m", "etl", "ensure-db", "--db", str(db)], cwd=REPO_ROOT, check=True)
    out.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory() as tmp, running_app(db, Path(tmp) / "server.log") as url, \
            sync_playwright() as playwright:
        browser = launch_chromium(playwright)
        # Streamlit scrolls inside its own container, so a full-page shot is one screen: a tall
        # window at the real width shows more of each page.
        for name, viewport in (("desktop", {**DESKTOP, "height": 2000}), ("phone", {**PHONE, "height": 2400})):
            context = browser.new_context(viewport=viewport, locale="en-US", device_scale_factor=1)
            context.set_default_timeout(COLD_TIMEOUT)
            page = context.new_page()
            for spec in page_specs():
                page.goto(f"{url}/{spec.url_path}?lang=en")
                # The first run of a page on a cold server computes its figures: give it time.
                expect(page.locator('[data-testid="stStatusWidget"]')).to_have_count(0, timeout=COLD_TIMEOUT)
                wait_idle(page)
                charts = page.locator('[data-testid="stPlotlyChart"]')
                if charts.count():
                    charts.first.locator("svg.main-svg").first.wait_for(state="visible", timeout=RENDER_TIMEOUT)
                page.wait_for_timeout(1500)  # plotly finishes its layout after the first svg
                target = out / f"{spec.url_path}-{name}.png"
                page.screenshot(path=str(target), full_page=True)
                print(target.relative_to(REPO_ROOT) if target.is_relative_to(REPO_ROOT) else target)
                if spec.url_path == "region":  # and the region's trends against the nation, further down
                    page.get_by_text("Trends against Kazakhstan", exact=True).scroll_into_view_if_needed()
                    page.wait_for_timeout(1500)
                    target = out / f"region-trends-{name}.png"
                    page.screenshot(path=str(target))
                    print(target.relative_to(REPO_ROOT) if target.is_relative_to(REPO_ROOT) else target)
            context.close()
        browser.close()
    return 0


if __name__ == "__main__":
    sys.exit(main(Path(sys.argv[1]) if len(sys.argv) > 1 else REPO_ROOT / "docs" / "screenshots"))
