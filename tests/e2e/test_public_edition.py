"""The public edition in a real browser, every page: it runs, the regional charts show "<5" and
"x" exactly where the public file has them, and no figure the public file lacks."""
from __future__ import annotations

import duckdb
import pytest
from playwright.sync_api import expect

from metrics.db import snapshot_path
from tests.e2e.live import running_app, wait_idle
from ui.navigation import page_specs

pytestmark = pytest.mark.e2e


@pytest.fixture(scope="module")
def public_url(sample_db, tmp_path_factory):
    with running_app(sample_db, tmp_path_factory.mktemp("public") / "server.log", edition="public") as url:
        yield url


def _file(sample_db, sql, params=()):
    con = duckdb.connect(str(snapshot_path("public", sample_db)), read_only=True)
    try:
        return con.execute(sql, list(params)).fetchall()
    finally:
        con.close()


def _draw_every_chart(page) -> None:
    """Charts below the fold are drawn once scrolled to: scroll to each."""
    charts = page.locator('[data-testid="stPlotlyChart"]')
    for i in range(charts.count()):
        charts.nth(i).scroll_into_view_if_needed()
        charts.nth(i).locator("svg.main-svg").first.wait_for(state="attached")


TEXT = "els => els.map(e => e.textContent.trim())"  # SVG text has no innerText


def _bar_texts(page, label: str) -> list[list[str]]:
    """The bar labels of every chart that names ``label``."""
    _draw_every_chart(page)
    charts = page.locator('[data-testid="stPlotlyChart"]').filter(has_text=label)
    expect(charts.first).to_be_visible()
    return [charts.nth(i).locator("g.trace.bars text.bartext").evaluate_all(TEXT) for i in range(charts.count())]


@pytest.mark.parametrize("spec", page_specs(), ids=[s.url_path for s in page_specs()])
def test_every_page_of_the_public_edition_runs(public_url, new_page, spec):
    page = new_page()
    page.goto(f"{public_url}/{spec.url_path}?lang=en")
    wait_idle(page)
    expect(page.locator('[data-testid="stException"]')).to_have_count(0)
    text = page.locator('[data-testid="stMain"]').inner_text()
    assert "Traceback" not in text and "nan" not in text.split()


def test_the_regions_chart_shows_the_marks_of_the_public_file(public_url, new_page, sample_db):
    rows = _file(sample_db, """
        SELECT value, suppressed FROM suicide_counts s JOIN regions r USING (region_code)
        WHERE sex = 'all' AND age_group = 'all' AND year = 2024 AND month_from = 1 AND month_to = 9
          AND measure = 'completed'""")
    expected = sorted("<5" if s == "primary" else "x" if s == "secondary" else str(int(v)) for v, s in rows)
    assert "<5" in expected and "x" in expected
    page = new_page()
    page.goto(f"{public_url}/suicides?lang=en&period=2024.1-9&measure=completed")
    wait_idle(page)
    with_marks = [sorted(t) for t in _bar_texts(page, "January-September 2024") if "<5" in t]
    assert with_marks == [expected]
    expect(page.get_by_text("“<5”: a count from 1 to 4").first).to_be_visible()
    # The internal figures of the hidden regions appear nowhere in the chart.
    internal = duckdb.connect(str(snapshot_path("internal", sample_db)), read_only=True)
    try:
        assert internal.execute("SELECT count(*) FROM suicide_counts WHERE value BETWEEN 1 AND 4").fetchone()[0] > 0
    finally:
        internal.close()


def test_a_regions_monthly_activity_shows_the_marks(public_url, new_page, sample_db):
    rows = _file(sample_db, """
        SELECT value, suppressed FROM psc_activity
        WHERE region_code = 'KZ-62' AND measure IN ('cases_bullying', 'cases_cyberbullying', 'cases_violence_family',
                                                   'cases_violence_outside', 'cases_suicidal')""")
    marks = sorted("<5" if s == "primary" else "x" for _, s in rows if s)
    assert "<5" in marks
    page = new_page()
    page.goto(f"{public_url}/psc?lang=en&region=KZ-62")
    wait_idle(page)
    _draw_every_chart(page)
    charts = page.locator('[data-testid="stPlotlyChart"]').filter(has_text="Ulytau Region")
    expect(charts.first).to_be_visible()
    shown = " ".join(charts.locator("g.trace.scatter g.textpoint text").evaluate_all(TEXT)).split()
    assert "<5" in shown and set(shown) <= {"<5", "x"}
