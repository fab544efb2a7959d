"""The Region profile page and the "most alike" regions of metrics/peers.py."""
from __future__ import annotations

import re

import pandas as pd
import pytest

from etl.regions import load_regions, region_by_code
from metrics import indicators, peers, trends
from metrics.catalogue import load_catalogue
from metrics.db import get_database
from tests.app_fixtures import sample_db  # noqa: F401  (fixtures imported by name)
from tests.metrics_fixtures import (ABAI, ALMATY, CHILDREN, EAST, _metrics_db_path, array, dataframe_with,  # noqa: F401
                                    metrics_db, plotly_specs, run_page, test_catalogue)

NATION = indicators.NATION


@pytest.fixture
def real_catalogue(monkeypatch):
    monkeypatch.delenv("CPM_INDICATORS", raising=False)


def name(code: str) -> str:
    return "Kazakhstan (national)" if code == NATION else region_by_code(code).name_en


def shown_number(text: str) -> float:
    return float(re.match(r"-?[\d,]+(?:\.\d+)?", text).group().replace(",", ""))


def assert_shows(text: str, value: float) -> None:
    decimals = re.match(r"-?[\d,]+(?:\.(\d+))?", text).group(1) or ""
    assert shown_number(text) == pytest.approx(value, abs=0.5 * 10 ** -len(decimals) + 1e-9), (text, value)


# --- metrics/peers.py on the tiny warehouse ---------------------------------------------------------

def test_child_population_of_the_latest_year(metrics_db):
    population = peers.child_population(get_database(metrics_db))
    assert population.year.unique().tolist() == [2025]
    assert dict(zip(population.region_code, population.children)) == CHILDREN[2025]
    merged = peers.child_population(get_database(metrics_db), "comparable")
    assert dict(zip(merged.region_code, merged.children)) == {EAST: 170_000 + 330_000, ALMATY: 700_000}


def test_most_alike_by_absolute_difference_in_children(metrics_db):
    db = get_database(metrics_db)
    # 2025: Abai 170,000, East Kazakhstan 330,000 (160,000 apart), Almaty 700,000 (530,000 apart).
    alike = peers.most_alike(db, ABAI)
    assert alike.region_code.tolist() == [EAST, ALMATY]
    assert alike.difference.tolist() == [160_000, 530_000]
    assert peers.most_alike(db, EAST).region_code.tolist() == [ABAI, ALMATY]
    assert peers.most_alike(db, ALMATY, n=1).region_code.tolist() == [EAST]
    assert peers.most_alike(db, "KZ-11").empty  # no population known
    assert peers.most_alike(db, EAST, geography="comparable").region_code.tolist() == [ALMATY]


def test_most_alike_on_the_full_sample_worked_out_independently(sample_db):
    db = get_database(sample_db)
    population = db.query("SELECT region_code, year, value FROM child_population WHERE sex = 'all'")
    latest = population[population.year == population.year.max()].set_index("region_code").value
    for region in ("KZ-10", "KZ-75", "KZ-62"):
        distance = sorted((abs(int(latest[c]) - int(latest[region])), c) for c in latest.index if c != region)
        assert peers.most_alike(db, region).region_code.tolist() == [c for _, c in distance[:peers.PEERS]]
    assert peers.PEERS == 3


def test_comparison_uses_one_period_for_every_place(metrics_db):
    frame = indicators.values(get_database(metrics_db))
    table = peers.comparison(frame, load_catalogue(), ABAI, [EAST, ALMATY])
    suicide = table[table.indicator_id == "suicide_rate"].set_index("region_code")
    assert suicide.role.tolist() == ["region", "nation", "peer", "peer"]
    assert set(suicide.period) == {"2024-01..2024-12"}
    assert suicide.value.to_dict() == pytest.approx({ABAI: 5 / 160_000 * 1e5, NATION: 34 / 1_150_000 * 1e5,
                                                     EAST: 9 / 340_000 * 1e5, ALMATY: 20 / 650_000 * 1e5})
    # Abai has no centre: no figure for the share of filled positions, while the others have one.
    filled = table[table.indicator_id == "psc_positions_filled_pct"].set_index("region_code")
    assert pd.isna(filled.value[ABAI]) and filled.status[ABAI] == "no_data"
    assert filled.value[EAST] == pytest.approx(96.0)
    # No school figures anywhere: the indicator is left out.
    assert "pupils_per_psychologist" not in set(table.indicator_id)


# --- the page -----------------------------------------------------------------------------------------

def expected(region: str) -> tuple[list[str], pd.DataFrame]:
    db = get_database()
    alike = peers.most_alike(db, region).region_code.tolist()
    return alike, peers.comparison(indicators.values(db), load_catalogue(), region, alike)


def assert_table_matches(table: pd.DataFrame, region: str) -> None:
    alike, comparison = expected(region)
    places = [region, NATION, *alike]
    assert list(table.columns) == ["Indicator", "Period", *[name(c) for c in places], "Status of the region"]
    catalogue = {i.id: i for i in load_catalogue()}
    ids = list(dict.fromkeys(comparison.indicator_id))
    assert table["Indicator"].tolist() == [catalogue[i].name("en") for i in ids]
    for (_, shown), indicator_id in zip(table.iterrows(), ids):
        rows = comparison[comparison.indicator_id == indicator_id].set_index("region_code")
        for code in places:
            row, cell = rows.loc[code], shown[name(code)]
            if pd.isna(row.value):
                assert cell == "—"
                continue
            assert_shows(cell, row.value)
            assert ("⚠" in cell) == bool(row.unreliable)
            if not pd.isna(row.ci_low):
                low, high = re.search(r"\((.+)–(.+)\)", cell).groups()
                assert_shows(low, row.ci_low)
                assert_shows(high, row.ci_high)


def test_page_runs_for_the_first_region(sample_db, real_catalogue):
    at = run_page("region_profile")
    assert [t.value for t in at.title] == ["Region profile"]
    first = sorted(load_regions(), key=lambda r: r.name_en)[0].code
    assert at.selectbox(key="region").value == first
    assert [h.value for h in at.header] == [name(first)]
    assert_table_matches(dataframe_with(at, "Indicator"), first)


def test_most_alike_regions_are_named_with_their_children(sample_db, real_catalogue):
    at = run_page("region_profile", {"region": "KZ-10"})
    alike = peers.most_alike(get_database(), "KZ-10")
    text = next(m.value for m in at.markdown if m.value.startswith("Most alike"))
    positions = [text.index(name(c)) for c in alike.region_code]
    assert positions == sorted(positions)
    for code, children in zip(alike.region_code, alike.children):
        assert f"{name(code)} ({int(children):,} children)" in text
    population = peers.child_population(get_database()).set_index("region_code")
    metric = at.metric[0]
    assert metric.label == f"Children aged 0-17 on 1 January {population.year['KZ-10']}"
    assert metric.value == f"{int(population.children['KZ-10']):,}"


def test_trend_charts_set_the_region_against_the_nation(sample_db, real_catalogue):
    at = run_page("region_profile", {"region": "KZ-10"})
    frame = indicators.values(get_database())
    expected_trends = trends.region_trends(frame, load_catalogue(), "KZ-10")
    specs = plotly_specs(at)
    assert sorted(k for k in specs if k.startswith("trend_")) == sorted(
        f"trend_{t.indicator.id}_chart" for t in expected_trends)
    assert not any(t.indicator.id == "psc_regions" for t in expected_trends)  # a count is never charted
    trend = next(t for t in expected_trends if t.indicator.id == "suicide_rate")
    traces = {t["name"]: t for t in specs["trend_suicide_rate_chart"]["data"]}
    region = trend.rows[trend.rows.place == "region"]
    drawn = traces[name("KZ-10")]
    assert array(drawn["y"]) == pytest.approx(region.value.tolist())
    assert array(drawn["error_y"]["array"]) == pytest.approx((region.ci_high - region.value).tolist())
    assert drawn["marker"]["symbol"] == ["circle-open" if u else "circle" for u in region.unreliable]
    assert array(traces["Kazakhstan"]["y"]) == pytest.approx(trend.rows[trend.rows.place == "nation"].value.tolist())
    assert array(traces["Straight path to the target"]["y"]) == pytest.approx(trend.path.value.tolist())
    words = [m.value.replace("\\", "") for m in at.markdown]
    against = {"similar": "similar to Kazakhstan", "higher": "higher than Kazakhstan", "lower": "lower than Kazakhstan"}
    assert any(against[trend.against_nation] in w and "Abai" in w for w in words), words


def test_region_selector_changes_what_is_shown(sample_db, real_catalogue):
    at = run_page("region_profile", {"region": "KZ-10"})
    before = dataframe_with(at, "Indicator")
    at.selectbox(key="region").set_value("KZ-75").run()
    assert not at.exception
    assert [h.value for h in at.header] == ["Almaty"]
    after = dataframe_with(at, "Indicator")
    assert list(after.columns) != list(before.columns)
    assert_table_matches(after, "KZ-75")


@pytest.mark.parametrize("region", ["KZ-62"])
def test_query_parameter_preselects_the_region(sample_db, real_catalogue, region):
    at = run_page("region_profile", {"region": region})
    assert at.selectbox(key="region").value == "KZ-62"
    assert_table_matches(dataframe_with(at, "Indicator"), "KZ-62")


def test_unreliable_and_illustrative_notes(sample_db, real_catalogue):
    at = run_page("region_profile", {"region": "KZ-62"})
    captions = [c.value for c in at.caption]
    assert any("fewer than 20 events" in c for c in captions)
    assert any("Illustrative sample data" in c for c in captions)


def test_russian_page_runs(sample_db, real_catalogue):
    at = run_page("region_profile", {"region": "KZ-10"}, lang="ru")
    assert [h.value for h in at.header] == [region_by_code("KZ-10").name_ru]


def test_a_region_without_figures_runs(metrics_db):
    at = run_page("region_profile", {"region": "KZ-11"})  # Akmola: not in the tiny warehouse
    assert any("child population of this region is not known" in i.value for i in at.info)
    table = dataframe_with(at, "Indicator")
    assert list(table.columns) == ["Indicator", "Period", "Akmola Region", "Kazakhstan (national)",
                                   "Status of the region"]
    assert set(table["Akmola Region"]) == {"—"}
    assert set(table["Status of the region"]) == {"? No data"}


def test_missing_database_shows_a_warning(tmp_path, monkeypatch, real_catalogue):
    monkeypatch.setenv("CPM_DB", str(tmp_path / "nowhere" / "cpmonitor.duckdb"))
    at = run_page("region_profile")
    assert [w.value for w in at.warning] == ["No database yet. Build it with: python -m etl ensure-db"]
    assert not at.get("plotly_chart") and not at.dataframe


@pytest.mark.parametrize("lang, words", [("en", "which is not known here"), ("ru", "такое значение неизвестно"),
                                         ("kk", "бірақ ол белгісіз")])
def test_an_unknown_region_in_the_link_is_said_and_the_default_shown(sample_db, real_catalogue, lang, words):
    at = run_page("region_profile", {"region": "KZ-99"}, lang=lang)
    [warning] = [w.value for w in at.warning]
    assert words in warning.replace("\\", "") and "KZ-99" in warning  # escaped marks show as typed
    first = sorted(load_regions(), key=lambda r: r.name_en)[0].code
    if lang == "en":
        assert at.selectbox(key="region").value == first
    assert at.query_params["region"] != ["KZ-99"] and at.query_params["region"] != "KZ-99"
