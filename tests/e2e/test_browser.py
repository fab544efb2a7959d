"""The suicides page in a real browser: it draws the metrics layer's figures, keeps the period in
the URL, hands out the CSV of exactly what a chart shows, and contacts no other host."""
from __future__ import annotations

import csv
import io
from urllib.parse import quote, urlsplit

import pytest
from playwright.sync_api import expect

from metrics import suicides
from metrics.db import get_database
from tests.e2e.live import RENDER_TIMEOUT, wait_idle

pytestmark = pytest.mark.e2e

LOCAL_HOSTS = {"127.0.0.1", "localhost", "::1", "[::1]"}
TITLE = "Suicides and suicide attempts among minors"


def open_suicides(new_page, app_url, query: str = "", **context):
    page = new_page(**context)
    requested: list[str] = []
    page.context.on("request", lambda request: requested.append(request.url))
    page.on("websocket", lambda ws: requested.append(ws.url))
    page.goto(f"{app_url}/suicides?lang=en{query}", timeout=RENDER_TIMEOUT)
    wait_idle(page)
    page.locator('[data-testid="stPlotlyChart"] svg').first.wait_for(state="visible", timeout=RENDER_TIMEOUT)
    expect(page.get_by_role("heading", name=TITLE)).to_be_visible()
    page.requested = requested
    return page


def test_page_draws_the_national_figures(app_url, new_page):
    page = open_suicides(new_page, app_url)
    expect(page.locator('[data-testid="stException"]')).to_have_count(0)
    # The second chart may still be drawing when the first is visible.
    expect(page.locator('[data-testid="stPlotlyChart"] .js-plotly-plot svg.main-svg').nth(1)).to_be_attached()
    chart_text = page.locator('[data-testid="stPlotlyChart"]').first.inner_text()
    for value in suicides.annual_trend(get_database()).value:
        assert str(int(value)) in chart_text


def test_period_in_url_is_selected(app_url, new_page):
    wanted = suicides.periods(get_database())[-1]  # not the default (newest) period
    page = open_suicides(new_page, app_url, f"&period={quote(wanted.key)}")
    expect(page.get_by_role("combobox", name="Period")).to_have_value(wanted.label("en"))


def test_chart_csv_download_is_what_the_metrics_layer_gives(app_url, new_page):
    db = get_database()
    wanted = suicides.periods(db)[1]
    page = open_suicides(new_page, app_url, f"&period={quote(wanted.key)}&measure=attempts&unit=counts",
                         accept_downloads=True)
    download = None
    expanders = page.locator('[data-testid="stExpander"]').filter(has_text="Table and download")
    for i in range(expanders.count()):  # the regional chart's block is found by its file name
        expanders.nth(i).get_by_text("Table and download").click()
        button = expanders.nth(i).get_by_role("button", name="Download CSV")
        expect(button).to_be_visible()
        with page.expect_download() as info:
            button.click()
        if info.value.suggested_filename.startswith("suicides_regions_"):
            download = info.value
            break
    assert download is not None, "no CSV download for the regional chart"
    assert wanted.key in download.suggested_filename and "attempts" in download.suggested_filename
    text = download.path().read_text(encoding="utf-8-sig")
    from i18n import translate
    from ui.edition import NAMES, current_edition

    assert f'# Edition,"{translate(NAMES[current_edition()], "en")}"' in text.splitlines()  # the server's edition
    rows = list(csv.DictReader(io.StringIO("\n".join(l for l in text.splitlines() if not l.startswith("# ")))))
    expected = suicides.regional(db, wanted, "attempts").dropna(subset=["value"])
    assert {(r["Source file"], r["Cell"]): int(r["Cases"]) for r in rows} == {
        (f, c): int(v) for f, c, v in zip(expected.source_file, expected.source_cell, expected.value)}


def test_page_contacts_only_its_own_server(app_url, new_page):
    page = open_suicides(new_page, app_url)
    page.wait_for_load_state("networkidle", timeout=RENDER_TIMEOUT)
    assert page.requested, "no request was recorded: the recorder is broken"
    outside = [url for url in page.requested
               if urlsplit(url).scheme not in {"data", "blob"} and urlsplit(url).hostname not in LOCAL_HOSTS]
    assert outside == []
