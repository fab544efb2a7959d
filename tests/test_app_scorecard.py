"""The CP indicators page (pages/scorecard.py) run with AppTest, checked against metrics.indicators.values()."""
from __future__ import annotations

import io
import re

import pandas as pd
import pytest

from etl.regions import region_by_code
from metrics import indicators, scorecard, stats
from metrics.catalogue import load_catalogue
from metrics.db import get_database
from metrics.methodology import STATUS_LABELS
from tests.app_fixtures import sample_db  # noqa: F401  (fixtures imported by name)
from tests.metrics_fixtures import (ABAI, REAL_CATALOGUE, _metrics_db_path, array, dataframe_with,  # noqa: F401
                                    downloads, metrics_db, plotly_specs, run_page, test_catalogue, with_target)
from ui.charts import OKABE_ITO
from ui.indicator_display import GREY, LIGHT_GREY, STATUS_ORDER, STATUS_STYLE, UNRELIABLE_STYLE
from ui.notices import ILLUSTRATIVE

NATION = indicators.NATION
CREATED_2022 = {"Abai Region", "Zhetisu Region", "Ulytau Region"}


@pytest.fixture
def real_catalogue(monkeypatch):
    monkeypatch.delenv("CPM_INDICATORS", raising=False)


def shown_number(text: str) -> float:
    """"2.56 ⚠" -> 2.56, "3,499" -> 3499.0 (English separators)."""
    match = re.match(r"-?[\d,]+(?:\.\d+)?", text)
    assert match, text
    return float(match.group().replace(",", ""))


def places(text: str) -> int:
    number = re.match(r"-?[\d,]+(?:\.(\d+))?", text)
    return len(number.group(1) or "")


def assert_shows(text: str, value: float) -> None:
    """The text shows ``value`` rounded to the decimals it displays."""
    assert shown_number(text) == pytest.approx(value, abs=0.5 * 10 ** -places(text) + 1e-9), (text, value)


def expected_rows(region: str = NATION, geography: str = "current") -> pd.DataFrame:
    return scorecard.rows(indicators.values(get_database(), geography), load_catalogue(), region)


def assert_table_matches(table: pd.DataFrame, region: str = NATION, geography: str = "current") -> None:
    frame = indicators.values(get_database(), geography)
    catalogue = load_catalogue()
    assert table["Indicator"].tolist() == [i.name("en") for i in catalogue]
    for (_, shown), indicator in zip(table.iterrows(), catalogue):
        row = indicators.latest(frame, indicator, region)
        if row is None:
            assert shown["Latest"] == "—" and shown["Status"] == f"? {STATUS_LABELS[stats.NO_DATA]}"
            continue
        assert_shows(shown["Latest"], row.value)
        assert ("⚠" in shown["Latest"]) == bool(row.unreliable)
        assert shown["Period"] == scorecard.period_of(row).label("en")
        assert shown["Status"] == f"{STATUS_STYLE[row.status][2]} {STATUS_LABELS[row.status]}"
        if not pd.isna(row.ci_low):
            low, high = shown["95% CI"].split("–")
            assert_shows(low, row.ci_low)
            assert_shows(high, row.ci_high)
        if indicator.target_value is not None and (region == NATION or indicator.is_rate):
            assert_shows(shown["Target"], indicator.target_value)


def test_page_runs_with_every_indicator(sample_db, real_catalogue):
    at = run_page("scorecard")
    assert [t.value for t in at.title] == ["CP indicators"]
    assert at.selectbox(key="region").value == NATION
    assert at.segmented_control(key="geography").value == "current"
    table = dataframe_with(at, "Indicator")
    assert len(table) == len(load_catalogue())
    assert not at.warning


def test_scorecard_values_equal_the_metrics(sample_db, real_catalogue):
    at = run_page("scorecard")
    assert_table_matches(dataframe_with(at, "Indicator"))
    expected = expected_rows()
    table = dataframe_with(at, "Indicator")
    for (_, shown), row in zip(table.iterrows(), expected.itertuples()):
        if row.baseline_value is not None:
            assert_shows(shown["Baseline"], row.baseline_value)
            assert shown["Baseline period"] == row.baseline_period.label("en")


def test_national_suicide_rate_is_175_over_the_children_of_2024(sample_db, real_catalogue):
    children = get_database().query(
        "SELECT value AS n FROM child_population WHERE year = 2024 AND sex = 'all' AND region_code = 'KZ'").n.iloc[0]
    rate = 175 / children * 100_000
    at = run_page("scorecard")
    table = dataframe_with(at, "Indicator").set_index("Indicator")
    shown = table.loc["Completed suicides of minors per 100,000 children"]
    assert shown["Latest"] == f"{rate:.2f}" == "2.56"
    assert shown["Period"] == "2024"
    assert shown["95% CI"] == "2.19–2.97"
    # The card shows the same figure in bold, with its period and interval under it.
    assert "**2.56**" in [m.value for m in at.markdown]
    assert "2024 · 95% CI 2.19–2.97" in [c.value for c in at.caption]


def test_status_badges_use_okabe_ito_and_a_word(sample_db, real_catalogue):
    at = run_page("scorecard")
    badges = [m.value for m in at.markdown if m.value.startswith("<span") and "cpm-phone-label" not in m.value]
    expected = expected_rows()
    # One badge per indicator, then the legend of the heat-map (all five statuses in one line).
    assert len(badges) == len(expected) + 1
    for badge, status in zip(badges, expected.status):
        colour, _, icon = STATUS_STYLE[status]
        assert f"background:{colour}" in badge
        assert f"{icon} {STATUS_LABELS[status]}" in badge
    assert {STATUS_STYLE[s][0] for s in (stats.MET, stats.ON_TRACK, stats.OFF_TRACK)} <= set(OKABE_ITO)
    assert STATUS_STYLE[stats.NO_DATA][0] == GREY and STATUS_STYLE[stats.NOT_SCORED][0] == LIGHT_GREY
    assert len({style[2] for style in STATUS_STYLE.values()}) == len(STATUS_STYLE)  # an icon per status


def test_sparklines_draw_the_comparable_history(sample_db, real_catalogue):
    at = run_page("scorecard")
    specs = plotly_specs(at)
    frame = indicators.values(get_database())
    catalogue = {i.id: i for i in load_catalogue()}
    line = specs["spark_suicide_rate"]["data"][0]
    # The full years only (January-September and January-October figures are not mixed in).
    national = frame[(frame.indicator_id == "suicide_rate") & (frame.region_code == NATION)]
    history = national[national.period.str.endswith("-12") & national.period.str[5:7].eq("01")]
    assert line["customdata"] == ["2022", "2023", "2024"]
    values = history.sort_values("period_end").value.tolist()
    assert array(line["y"]) == pytest.approx(values)
    # Labelled with the first and last value, the period under it, and nothing drawn at the edge.
    assert line["text"] == [f"{values[0]:.2f}", "", f"{values[-1]:.2f}"]
    axes = specs["spark_suicide_rate"]["layout"]
    low, high = axes["yaxis"]["range"]
    assert low < min(values) and high > max(values) and line["cliponaxis"] is False
    assert axes["xaxis"]["range"][0] < 0 and axes["xaxis"]["range"][1] > len(values) - 1
    assert "2022 – 2024" in [c.value for c in at.caption]
    specialists = scorecard.history(frame, catalogue["psc_specialists"], NATION,
                                    scorecard.rows(frame, [catalogue["psc_specialists"]]).latest_period[0])
    assert array(specs["spark_psc_specialists"]["data"][0]["y"]) == pytest.approx(specialists.value.tolist())


def test_heatmap_table_and_csv_show_the_same_statuses(sample_db, real_catalogue, downloads):
    at = run_page("scorecard")
    frame = indicators.values(get_database())
    catalogue = load_catalogue()
    judged = scorecard.grid_indicators(catalogue)
    grid = scorecard.grid(frame, catalogue, [r for r in frame.region_code.unique() if r != NATION])
    heat = plotly_specs(at)["status_heatmap"]["data"][0]
    assert heat["type"] == "heatmap"
    assert heat["x"] == [i.name("en") for i in judged]
    assert heat["y"][0] == "Kazakhstan (national)"
    codes = {name: code for code, name in [(NATION, "Kazakhstan (national)")] + [
        (c, region_by_code(c).name_en) for c in grid.region_code.unique() if c != NATION]}
    z = array(heat["z"])
    status = grid.set_index(["region_code", "indicator_id"]).status
    # A rate from fewer than 20 events is never coloured by its status: it gets the grey unreliable cell.
    few = grid.set_index(["region_code", "indicator_id"]).pipe(lambda g: g.unreliable & g.value.notna())
    kinds = [*STATUS_ORDER, "unreliable"]
    assert few.any()
    for i, region_name in enumerate(heat["y"]):
        for j, indicator in enumerate(judged):
            key = (codes[region_name], indicator.id)
            expected = "unreliable" if few[key] else status[key]
            assert kinds[int(z[i][j])] == expected
            assert heat["text"][i][j].startswith((STATUS_STYLE | {"unreliable": UNRELIABLE_STYLE})[expected][2])
    # Colours: a categorical scale of the status colours and the unreliable grey; black text on all.
    assert {colour for _, colour in heat["colorscale"]} == {STATUS_STYLE[s][0] for s in STATUS_ORDER} | {
        UNRELIABLE_STYLE[0]}
    assert heat["textfont"]["color"] == "#000000"
    # The table alternative lists the same cells, and the CSV is exactly the table.
    table = dataframe_with(at, "Region")
    assert table["Region"].tolist() == heat["y"]
    for i, row in table.iterrows():
        for j, indicator in enumerate(judged):
            key = (codes[row["Region"]], indicator.id)
            if few[key]:
                assert row[indicator.name("en")].startswith("⚠ Unreliable: fewer than 20 events, not graded")
                continue
            expected = status[key]
            assert row[indicator.name("en")].startswith(f"{STATUS_STYLE[expected][2]} {STATUS_LABELS[expected]}")
    national = grid[(grid.region_code == NATION) & (grid.indicator_id == "suicide_rate")].iloc[0]
    assert_shows(table.iloc[0]["Completed suicides of minors per 100,000 children"].split(": ")[1], national.value)
    # The files hold the same cells one per row, the value apart from its status and flags.
    csv = pd.read_csv(io.BytesIO(downloads["cp_status_by_region_current.csv"]), encoding="utf-8-sig", comment="#")
    assert len(csv) == len(table) * len(judged) and csv["Illustrative"].all()
    ids = {i.name("en"): i.id for i in judged}
    for row in csv.itertuples():
        expected = status[(codes[row.Region], ids[row.Indicator])]
        assert row.Status == f"{STATUS_STYLE[expected][2]} {STATUS_LABELS[expected]}"
    value = csv[(csv.Region == "Kazakhstan (national)") & (csv.Indicator == judged[0].name("en"))].Value.iloc[0]
    expected = grid[(grid.region_code == NATION) & (grid.indicator_id == judged[0].id)].value.iloc[0]
    assert value == pytest.approx(expected)
    scorecard_csv = pd.read_csv(io.BytesIO(downloads["cp_scorecard_KZ_current.csv"]), encoding="utf-8-sig",
                                comment="#")
    rows = scorecard.rows(frame, catalogue, NATION)
    assert scorecard_csv["Latest"].tolist() == pytest.approx(rows.latest_value.astype(float).tolist(), nan_ok=True)
    assert scorecard_csv["Indicator"].tolist() == dataframe_with(at, "Indicator")["Indicator"].tolist()


def test_unreliable_rates_are_marked(sample_db, real_catalogue):
    at = run_page("scorecard")
    grid = scorecard.grid(indicators.values(get_database()), load_catalogue(),
                          [c for c in indicators.values(get_database()).region_code.unique() if c != NATION])
    table = dataframe_with(at, "Region")
    column = "Completed suicides of minors per 100,000 children"
    unreliable = grid[(grid.indicator_id == "suicide_rate")].set_index("region_code").unreliable
    assert unreliable.any() and not unreliable.all()
    names = {NATION: "Kazakhstan (national)", **{c: region_by_code(c).name_en for c in unreliable.index if c != NATION}}
    for code, flagged in unreliable.items():
        cell = table.set_index("Region").loc[names[code], column]
        assert ("⚠" in cell) == flagged
    assert any("fewer than 20 events" in c.value for c in at.caption)


def test_illustrative_label_under_the_charts(sample_db, real_catalogue):
    at = run_page("scorecard")
    illustrative = [c.value for c in at.caption if ILLUSTRATIVE in c.value]
    assert len(illustrative) == 2  # under the scorecard and under the heat-map


def test_region_selector_changes_what_is_shown(sample_db, real_catalogue):
    at = run_page("scorecard")
    national = dataframe_with(at, "Indicator")
    at.selectbox(key="region").set_value("KZ-75").run()
    assert not at.exception
    assert [h.value for h in at.header][0] == "Scorecard: Almaty"
    almaty = dataframe_with(at, "Indicator")
    assert almaty["Latest"].tolist() != national["Latest"].tolist()
    assert_table_matches(almaty, "KZ-75")
    # Counts have national targets only.
    assert almaty.set_index("Indicator").loc["Psychological Support Centre specialists", "Target"] == "—"


def test_geography_toggle_merges_the_regions_created_in_2022(sample_db, real_catalogue):
    at = run_page("scorecard", {"region": ABAI})
    assert [h.value for h in at.header][0] == "Scorecard: Abai Region"
    assert CREATED_2022 <= set(dataframe_with(at, "Region")["Region"])
    at.segmented_control(key="geography").set_value("comparable").run()
    assert not at.exception
    assert [h.value for h in at.header][0] == "Scorecard: East Kazakhstan Region"
    assert any("Abai Region is counted within East Kazakhstan Region" in i.value for i in at.info)
    assert_table_matches(dataframe_with(at, "Indicator"), "KZ-63", "comparable")
    regions = set(dataframe_with(at, "Region")["Region"])
    assert not CREATED_2022 & regions and len(regions) == 1 + 17
    assert plotly_specs(at)["status_heatmap"]["data"][0]["y"][0] == "Kazakhstan (national)"


@pytest.mark.parametrize("region", ["KZ-75"])
def test_query_parameters_preselect_region_and_geography(sample_db, real_catalogue, region):
    at = run_page("scorecard", {"region": region, "geography": "comparable"})
    assert at.selectbox(key="region").value == "KZ-75"
    assert at.segmented_control(key="geography").value == "comparable"
    assert_table_matches(dataframe_with(at, "Indicator"), "KZ-75", "comparable")


def test_russian_page_runs(sample_db, real_catalogue):
    at = run_page("scorecard", lang="ru")
    table = dataframe_with(at, at.dataframe[0].value.columns[0])
    assert len(table) == len(load_catalogue())
    assert "2,56" in table.iloc[:, 4].tolist()  # decimal comma


# --- the tiny warehouse ----------------------------------------------------------------------------

def test_missing_data_is_grey_no_data_never_off_track(metrics_db):
    at = run_page("scorecard")
    table = dataframe_with(at, "Indicator").set_index("Indicator")
    # No school figures at all, although the target's deadline (31 August 2024) has passed.
    assert table.loc["Pupils per school psychologist", "Status"] == "? No data"
    assert table.loc["Pupils per school psychologist", "Latest"] == "—"
    heat = plotly_specs(at)["status_heatmap"]["data"][0]
    column = heat["x"].index("Pupils per school psychologist")
    assert {STATUS_ORDER[int(row[column])] for row in array(heat["z"])} == {stats.NO_DATA}
    assert STATUS_STYLE[stats.NO_DATA][0] == GREY != STATUS_STYLE[stats.OFF_TRACK][0]


def test_fixture_values_on_the_page(metrics_db):
    at = run_page("scorecard")
    table = dataframe_with(at, "Indicator").set_index("Indicator")
    suicide = table.loc["Completed suicides of minors per 100,000 children"]
    assert (suicide["Latest"], suicide["Period"], suicide["Status"]) == ("2.96", "2024", "◐ On track")
    assert suicide["Baseline"] == "4.09" and suicide["Target"] == "2.00"
    # Part of the fixture is illustrative (the PSC files), part is not (KPSSU, population).
    assert not table.loc["Completed suicides of minors per 100,000 children", "Files"].count("psc")
    at = run_page("scorecard", {"region": "KZ-75"})
    suicide = dataframe_with(at, "Indicator").set_index("Indicator").loc[
        "Completed suicides of minors per 100,000 children"]
    assert suicide["Latest"] == "3.08"  # 20 / 650,000: exactly 20 events, not flagged


def test_editing_the_catalogue_changes_the_status_on_the_page(metrics_db, tmp_path, monkeypatch):
    text = REAL_CATALOGUE.read_text(encoding="utf-8")
    copy = tmp_path / "indicators.toml"
    copy.write_text(text, encoding="utf-8")
    monkeypatch.setenv("CPM_INDICATORS", str(copy))
    name = "Completed suicides of minors per 100,000 children"
    at = run_page("scorecard")
    assert dataframe_with(at, "Indicator").set_index("Indicator").loc[name, "Status"] == "✖ Off track"

    edited = tmp_path / "edited.toml"
    edited.write_text(with_target(text, "suicide_rate", 3.0), encoding="utf-8")
    monkeypatch.setenv("CPM_INDICATORS", str(edited))
    at = run_page("scorecard")
    shown = dataframe_with(at, "Indicator").set_index("Indicator").loc[name]
    assert (shown["Status"], shown["Target"]) == ("✔ Met", "3.00")


def test_a_region_without_figures_is_no_data_throughout(metrics_db):
    at = run_page("scorecard", {"region": "KZ-11"})  # Akmola: not in the tiny warehouse
    table = dataframe_with(at, "Indicator")
    assert set(table["Status"]) == {"? No data"}
    assert set(table["Latest"]) == {"—"}


def test_missing_database_shows_a_warning(tmp_path, monkeypatch, real_catalogue):
    monkeypatch.setenv("CPM_DB", str(tmp_path / "nowhere" / "cpmonitor.duckdb"))
    at = run_page("scorecard")
    assert [w.value for w in at.warning] == ["No database yet. Build it with: python -m etl ensure-db"]
    assert not at.get("plotly_chart") and not at.dataframe


def test_every_cell_carries_its_label_for_phones(sample_db, real_catalogue):
    at = run_page("scorecard")
    labels = [m.value for m in at.markdown if "cpm-phone-label" in m.value]
    heads = ["Baseline", "Latest", "Target", "Status", "Trend", "Source"]
    assert labels == [f'<span class="cpm-phone-label">{h}</span>' for h in heads] * len(expected_rows())
