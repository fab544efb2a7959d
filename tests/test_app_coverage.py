"""The Regional coverage page (pages/coverage.py) run with AppTest, checked against metrics/coverage.py,
metrics/schools.py, metrics/helpline.py and metrics/psc.py; the optional choropleth with a tiny
hand-made GeoJSON."""
from __future__ import annotations

import io
import json

import pandas as pd
import pytest

from metrics import boundaries, coverage, grading, helpline, psc, schools
from metrics.catalogue import indicator
from metrics.db import get_database
from tests.app_fixtures import sample_db  # noqa: F401  (fixture imported by name)
from tests.metrics_fixtures import array, downloads, plotly_specs, run_page  # noqa: F401
from ui.notices import HELPLINE

DEFAULT = "psc_specialists_per_10k"
SQUARES = {"KZ-71": [[[71.0, 51.0], [72.0, 51.0], [72.0, 52.0], [71.0, 52.0], [71.0, 51.0]]],
           "KZ-75": [[[76.5, 43.0], [77.5, 43.0], [77.5, 44.0], [76.5, 44.0], [76.5, 43.0]]]}


@pytest.fixture(autouse=True)
def clean_environment(monkeypatch):
    monkeypatch.delenv("CPM_INDICATORS", raising=False)
    monkeypatch.delenv(boundaries.ENV, raising=False)


def page(query: dict[str, str] | None = None):
    return run_page("coverage", query)


def param(at, key: str) -> str:
    value = at.query_params[key]
    return value[-1] if isinstance(value, list) else value


def names() -> dict[str, str]:
    frame = get_database().query("SELECT region_code, name_en FROM regions")
    return dict(zip(frame.region_code, frame.name_en))


def tiles(chart: dict) -> dict[tuple[int, int], float | None]:
    """(row, column) -> z of the tile map's heatmap; empty cells left out."""
    trace = chart["data"][0]
    assert trace["type"] == "heatmap"
    z = array(trace["z"])
    return {(r, c): value for r, row in enumerate(z) for c, value in enumerate(row)
            if value is not None and value == value}


def expected_tiles(indicator_id: str, period: str) -> dict[tuple[int, int], float]:
    """Rates and shares: each region's grade against the nation (its place on the fixed scale);
    counts: the value itself."""
    db = get_database()
    frame = coverage.regional(db, indicator_id, period)
    found = indicator(indicator_id)
    if not found.is_rate:
        frame = frame.dropna(subset=["value"])
        return {(int(r), int(c)): float(v) for r, c, v in zip(frame.tile_row, frame.tile_col, frame.value)}
    nation = coverage.national(db, indicator_id, period)
    scale = grading.scale(found)
    grades = grading.grades(found, frame, float(nation.value))
    return {(int(r), int(c)): float(scale.index(g)) for r, c, g in zip(frame.tile_row, frame.tile_col, grades)}


def bars(chart: dict) -> dict[str, float]:
    """Horizontal bars of every trace: region -> value."""
    return {y: x for trace in chart["data"] if trace["type"] == "bar" for y, x in zip(trace["y"], array(trace["x"]))}


def by_name(frame: pd.DataFrame, column: str) -> dict[str, float]:
    named = frame.assign(name=frame.region_code.map(names())).dropna(subset=[column])
    return dict(zip(named.name, named[column].astype(float)))


# --- tile map --------------------------------------------------------------------------------------

def test_page_runs_with_every_section(sample_db):
    at = page()
    assert [t.value for t in at.title] == ["Regional coverage"]
    assert not at.warning
    assert set(plotly_specs(at)) == {"tilemap_chart", "pupils_chart", "schools_norm_chart", "appeals_chart",
                                     "centres_chart"}
    # Without a boundary file: no choropleth, and no setup instructions on a public page.
    assert any(c.value.startswith("Region boundaries are not included") for c in at.caption)
    assert not any(boundaries.ENV in c.value for c in [*at.caption, *at.markdown])


def test_tile_map_equals_the_regional_values_of_the_default_indicator(sample_db):
    at = page()
    period = coverage.periods_of(get_database(), DEFAULT)[0]
    assert (at.selectbox(key="indicator").value, at.selectbox(key="period").value) == (DEFAULT, period)
    chart = plotly_specs(at)["tilemap_chart"]
    assert tiles(chart) == pytest.approx(expected_tiles(DEFAULT, period))
    assert len(tiles(chart)) == 20
    assert "colorbar" not in chart["data"][0] or chart["data"][0].get("showscale") is False
    # Each tile names its region and prints its value, so colour is never the only cue.
    frame = coverage.regional(get_database(), DEFAULT, period)
    trace = chart["data"][0]
    astana = frame[frame.region_code == "KZ-71"].iloc[0]
    text = trace["text"][int(astana.tile_row)][int(astana.tile_col)]
    assert text.startswith("Astana<br>") and f"{astana.value:.2f}" in text
    assert trace["colorscale"][0][1] != trace["colorscale"][-1][1]
    assert chart["layout"]["title"]["text"].startswith(indicator(DEFAULT).name("en"))
    national = coverage.national(get_database(), DEFAULT, period)
    assert {m.label: m.value for m in at.metric}["Kazakhstan"].startswith(f"{national.value:.2f}")


def test_query_params_preselect_indicator_and_period(sample_db):
    at = page({"indicator": "pupils_per_psychologist", "period": "sy2023-2024"})
    assert at.selectbox(key="indicator").value == "pupils_per_psychologist"
    assert at.selectbox(key="period").value == "sy2023-2024"
    assert tiles(plotly_specs(at)["tilemap_chart"]) == pytest.approx(
        expected_tiles("pupils_per_psychologist", "sy2023-2024"))


def test_choosing_indicator_and_period_changes_the_map(sample_db):
    at = page()
    before = tiles(plotly_specs(at)["tilemap_chart"])
    at.selectbox(key="indicator").set_value("helpline_appeals_per_1000").run()
    assert not at.exception
    period = coverage.periods_of(get_database(), "helpline_appeals_per_1000")[0]
    assert at.selectbox(key="period").value == period  # the new indicator's newest period
    after = tiles(plotly_specs(at)["tilemap_chart"])
    assert after != before
    assert after == pytest.approx(expected_tiles("helpline_appeals_per_1000", period))
    assert param(at, "indicator") == "helpline_appeals_per_1000"

    at.selectbox(key="indicator").set_value("psc_specialists").run()
    first = tiles(plotly_specs(at)["tilemap_chart"])
    at.selectbox(key="period").set_value("@2024-06-15").run()
    assert not at.exception
    changed = tiles(plotly_specs(at)["tilemap_chart"])
    assert changed != first
    assert changed == pytest.approx(expected_tiles("psc_specialists", "@2024-06-15"))
    assert param(at, "period") == "@2024-06-15"


def test_tile_map_csv_is_the_mapped_rows(sample_db, downloads):
    page({"indicator": "pupils_per_psychologist", "period": "sy2024-2025"})
    table = pd.read_csv(io.BytesIO(downloads["coverage_pupils_per_psychologist_sy2024-2025.csv"]),
                        encoding="utf-8-sig", comment="#")
    expected = coverage.regional(get_database(), "pupils_per_psychologist", "sy2024-2025")
    assert len(table) == 20
    assert dict(zip(table.Region, table.Value)) == pytest.approx(
        {n: round(v, 3) for n, v in by_name(expected, "value").items()})
    assert set(table.Status) == {"✔ Met", "✖ Off track"}


def test_a_suicide_indicator_brings_the_helpline_notice(sample_db):
    at = page({"indicator": "suicide_rate"})
    assert any(HELPLINE == i.value for i in at.info)
    assert not any(HELPLINE == i.value for i in page().info)


# --- school psychologists, 111, PSC network -----------------------------------------------------------

def test_pupils_per_psychologist_by_region_with_the_norm_line(sample_db):
    at = page()
    newest = schools.school_years(get_database())[0]
    assert at.selectbox(key="school_year").value == newest
    chart = plotly_specs(at)["pupils_chart"]
    frame = schools.by_region(get_database(), newest)
    assert bars(chart) == pytest.approx(by_name(frame, "pupils_per_psychologist"))
    indicator_values = coverage.regional(get_database(), "pupils_per_psychologist", f"sy{newest}")
    assert bars(chart) == pytest.approx(by_name(indicator_values, "value"))
    above = next(t for t in chart["data"] if t["name"] == "Above the norm")
    assert all(v > 500 for v in array(above["x"])) and above["marker"]["pattern"]["shape"] == "/"
    (line,) = chart["layout"]["shapes"]
    assert line["x0"] == line["x1"] == 500
    share = coverage.regional(get_database(), "schools_meeting_norm_pct", f"sy{newest}")
    assert bars(plotly_specs(at)["schools_norm_chart"]) == pytest.approx(by_name(share, "value"))
    nation = schools.national(get_database(), newest)
    assert {m.label: m.value for m in at.metric}["Pupils per psychologist"] == f"{nation.pupils_per_psychologist:,.0f}"


def test_school_year_from_the_url_and_the_widget(sample_db):
    at = page({"school_year": "2022-2023"})
    assert at.selectbox(key="school_year").value == "2022-2023"
    first = bars(plotly_specs(at)["pupils_chart"])
    assert first == pytest.approx(by_name(schools.by_region(get_database(), "2022-2023"), "pupils_per_psychologist"))
    at.selectbox(key="school_year").set_value("2023-2024").run()
    assert not at.exception
    second = bars(plotly_specs(at)["pupils_chart"])
    assert second != first
    assert second == pytest.approx(by_name(schools.by_region(get_database(), "2023-2024"), "pupils_per_psychologist"))


def test_appeals_per_1000_children_by_region(sample_db):
    at = page()
    (period,) = helpline.periods(get_database())
    assert at.selectbox(key="appeals_period").value == period.key()
    expected = coverage.regional(get_database(), "helpline_appeals_per_1000", period.key())
    assert bars(plotly_specs(at)["appeals_chart"]) == pytest.approx(by_name(expected, "value"))
    metrics = {m.label: m.value for m in at.metric}
    assert (metrics["Appeals"], metrics["by QR code"], metrics["by phone"]) == ("110,999", "108,987", "2,012")
    assert metrics["Children supported"] == "3,499"


def test_centres_by_opening_date_on_the_latest_snapshot(sample_db, downloads):
    at = page()
    latest = psc.snapshots(get_database())[0]
    network = psc.presence(get_database(), latest)
    chart = plotly_specs(at)["centres_chart"]["data"][0]
    expected = {names()[c]: d.isoformat() for c, d in zip(network.region_code, network.opened)}
    assert dict(zip(chart["y"], chart["x"])) == expected
    assert {m.label: m.value for m in at.metric}["Regions with a centre"] == "20 of 20"
    table = pd.read_csv(io.BytesIO(downloads[f"psc_centres_{latest.isoformat()}.csv"]), encoding="utf-8-sig",
                        comment="#")
    assert dict(zip(table.Region, table.Branches)) == by_name(network, "branches")
    assert table.Opened.tolist() == sorted(table.Opened)


# --- the optional choropleth ------------------------------------------------------------------------

def write_boundaries(path, prop: str = "iso_3166_2", codes: dict[str, str] | None = None):
    codes = codes or {c: c for c in SQUARES}
    path.write_text(json.dumps({"type": "FeatureCollection", "features": [
        {"type": "Feature", "properties": {prop: label}, "geometry": {"type": "Polygon", "coordinates": SQUARES[code]}}
        for code, label in codes.items()]}), encoding="utf-8")
    return path


def test_choropleth_from_a_local_geojson_without_a_base_map(sample_db, tmp_path, monkeypatch):
    monkeypatch.setenv(boundaries.ENV, str(write_boundaries(tmp_path / "two.geojson")))
    at = page({"indicator": "pupils_per_psychologist", "period": "sy2024-2025"})
    spec = plotly_specs(at)["choropleth_chart"]
    (trace,) = spec["data"]
    assert trace["type"] == "choroplethmap"
    assert trace["featureidkey"] == "properties.region_code"
    features = {f["properties"]["region_code"]: f["geometry"]["coordinates"] for f in trace["geojson"]["features"]}
    assert features == SQUARES
    values = coverage.regional(get_database(), "pupils_per_psychologist", "sy2024-2025").set_index("region_code").value
    assert dict(zip(trace["locations"], array(trace["z"]))) == pytest.approx({c: values[c] for c in SQUARES})
    # Nothing to fetch: a blank style without sources or layers, no mapbox, no plotly geo base map.
    layout = spec["layout"]
    assert layout["map"]["style"] == "white-bg"
    assert not layout["map"].get("layers")
    assert "mapbox" not in json.dumps(spec) and "geo" not in layout
    assert 43.0 < layout["map"]["center"]["lat"] < 52.0 and 71.0 < layout["map"]["center"]["lon"] < 77.5
    # The regions the file has no shape for are named.
    assert any(c.value.startswith("Not drawn") and "Shymkent" in c.value for c in at.caption)
    assert not any(boundaries.ENV in c.value for c in at.caption)


def test_choropleth_reads_shape_iso_and_follows_the_indicator(sample_db, tmp_path, monkeypatch):
    path = write_boundaries(tmp_path / "geoboundaries.json", "shapeISO", {"KZ-71": "KZ-AST", "KZ-75": "KZ-ALA"})
    monkeypatch.setenv(boundaries.ENV, str(path))
    at = page()
    trace = plotly_specs(at)["choropleth_chart"]["data"][0]
    assert sorted(trace["locations"]) == ["KZ-71", "KZ-75"]
    at.selectbox(key="indicator").set_value("helpline_appeals_per_1000").run()
    trace = plotly_specs(at)["choropleth_chart"]["data"][0]
    period = coverage.periods_of(get_database(), "helpline_appeals_per_1000")[0]
    values = coverage.regional(get_database(), "helpline_appeals_per_1000", period).set_index("region_code").value
    assert dict(zip(trace["locations"], array(trace["z"]))) == pytest.approx({c: values[c] for c in SQUARES})


def test_an_unusable_boundary_file_is_a_warning_not_a_traceback(sample_db, tmp_path, monkeypatch):
    bad = tmp_path / "broken.geojson"
    bad.write_text("{not json", encoding="utf-8")
    monkeypatch.setenv(boundaries.ENV, str(bad))
    at = page()
    assert len(at.warning) == 1 and "broken.geojson" in at.warning[0].value
    specs = plotly_specs(at)
    assert "choropleth_chart" not in specs and "tilemap_chart" in specs


def test_without_a_database_the_page_says_how_to_build_one(tmp_path, monkeypatch):
    monkeypatch.setenv("CPM_DB", str(tmp_path / "none.duckdb"))
    at = page()
    assert [w.value for w in at.warning] == ["No database yet. Build it with: python -m etl ensure-db"]
    assert not plotly_specs(at)


def test_rates_from_few_events_are_grey_never_graded(sample_db):
    at = page({"indicator": "suicide_rate", "period": "2024-01..2024-12"})
    db = get_database()
    frame = coverage.regional(db, "suicide_rate", "2024-01..2024-12")
    scale = grading.scale(indicator("suicide_rate"))
    z = tiles(plotly_specs(at)["tilemap_chart"])
    few = frame[frame.numerator < 20]
    assert not few.empty
    for row in few.itertuples():
        assert z[(int(row.tile_row), int(row.tile_col))] == scale.index(grading.UNRELIABLE)
    trace = plotly_specs(at)["tilemap_chart"]["data"][0]
    k = scale.index(grading.UNRELIABLE)
    assert trace["colorscale"][2 * k][1] == trace["colorscale"][2 * k + 1][1] == "#F2F2F2"
    # The legend spells out every grade, the unreliable one included.
    assert any("unreliable: fewer than 20 events, not graded" in m.value for m in at.markdown)
