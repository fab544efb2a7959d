"""The public edition, page by page (AppTest): it opens only the public snapshot, every page runs,
hidden counts are shown as "<5" or "x" with their legend, and no hidden count appears."""
from __future__ import annotations

import duckdb
import pytest

from metrics.db import get_database, snapshot_path
from tests.app_fixtures import sample_db  # noqa: F401  (fixture imported by name)
from tests.metrics_fixtures import run_page

PAGES = ("overview", "suicides", "scorecard", "region_profile", "psc", "coverage", "data_sources", "methodology")
# Pages about suicide carry the helpline notice (the coverage page when a suicide indicator is chosen).
ABOUT_SUICIDE = {"overview", "suicides", "scorecard", "region_profile", "psc", "methodology"}
HELPLINE = "If you or a child you know needs help, call 111"


@pytest.fixture
def public(sample_db, monkeypatch):
    monkeypatch.setenv("CPM_EDITION", "public")
    return snapshot_path("public", sample_db)


def test_the_public_edition_opens_only_the_public_file(public, sample_db):
    assert get_database().path == public.resolve()
    with pytest.raises(PermissionError):
        get_database(sample_db)
    with pytest.raises(PermissionError):
        get_database(snapshot_path("internal", sample_db))


def test_the_edition_is_public_unless_told(monkeypatch):
    from metrics.db import edition

    monkeypatch.delenv("CPM_EDITION", raising=False)
    assert edition() == "public"
    monkeypatch.setenv("CPM_EDITION", "internal")
    assert edition() == "internal"


@pytest.mark.parametrize("page", PAGES)
def test_every_page_runs_and_carries_the_helpline(public, page):
    at = run_page(page)
    assert any(HELPLINE in i.value for i in at.info) == (page in ABOUT_SUICIDE), page


def _regional(public, year, month_to, measure):
    con = duckdb.connect(str(public), read_only=True)
    try:
        return con.execute("""
            SELECT r.name_en, s.value, s.suppressed FROM suicide_counts s JOIN regions r USING (region_code)
            WHERE s.sex = 'all' AND s.age_group = 'all' AND s.year = ? AND s.month_from = 1 AND s.month_to = ?
              AND s.measure = ?""", [year, month_to, measure]).fetchall()
    finally:
        con.close()


def test_the_regions_table_shows_the_marks_of_the_file(public):
    at = run_page("suicides", {"period": "2024.1-9", "measure": "completed"})
    table = next(d.value for d in at.dataframe if "Region" in d.value.columns and "Cases" in d.value.columns)
    shown = dict(zip(table["Region"], table["Cases"].astype(str)))
    expected = _regional(public, 2024, 9, "completed")
    assert any(s == "primary" for _, _, s in expected) and any(s == "secondary" for _, _, s in expected)
    for name, value, suppressed in expected:
        want = "<5" if suppressed == "primary" else "x" if suppressed == "secondary" else str(int(value))
        assert shown[name].replace(",", "") == want, name
    assert any("“<5”: a count from 1 to 4" in c.value for c in at.caption)


def test_no_rate_of_a_hidden_count_is_drawn(public):
    at = run_page("suicides", {"period": "2024.1-9", "measure": "completed", "unit": "rates"})
    hidden = {name for name, _, s in _regional(public, 2024, 9, "completed") if s}
    tables = [d.value for d in at.dataframe if "Rate per 100,000 children" in d.value.columns and "Region" in d.value.columns]
    assert tables
    for table in tables:
        assert not hidden & set(table["Region"]), hidden & set(table["Region"])
