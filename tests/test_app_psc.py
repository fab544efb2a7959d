"""The PSC staffing and activity page (pages/psc.py) run with AppTest, checked against metrics/psc.py."""
from __future__ import annotations

import io
import shutil
from datetime import date

import duckdb
import pandas as pd
import pytest

from metrics import psc
from metrics.db import get_database
from tests.app_fixtures import sample_db  # noqa: F401  (fixture imported by name)
from tests.metrics_fixtures import array, downloads, plotly_specs, run_page  # noqa: F401
from ui.notices import ILLUSTRATIVE

GROUP_CHARTS = [f"activity_{group}" for group in psc.ACTIVITY_GROUPS]
SNAPSHOT_CHARTS = ["positions", "workload", "mix"]
EMPTY_REGION = "KZ-62"  # Ulytau: its monthly reports are removed in the empty-state test


@pytest.fixture(autouse=True)
def real_catalogue(monkeypatch):
    monkeypatch.delenv("CPM_INDICATORS", raising=False)


def page(query: dict[str, str] | None = None):
    return run_page("psc", query)


def param(at, key: str) -> str:
    """A query parameter as the URL would show it (AppTest hands back a string or a list)."""
    value = at.query_params[key]
    return value[-1] if isinstance(value, list) else value


def names() -> dict[str, str]:
    frame = get_database().query("SELECT region_code, name_en FROM regions")
    return dict(zip(frame.region_code, frame.name_en))


def bars(chart: dict) -> dict[str, dict[str, float]]:
    """Horizontal bars: trace name -> {region: value}."""
    return {trace["name"]: dict(zip(trace["y"], array(trace["x"]))) for trace in chart["data"]}


def by_name(frame: pd.DataFrame, column: str) -> dict[str, float]:
    named = frame.assign(name=frame.region_code.map(names())).dropna(subset=[column])
    return dict(zip(named.name, named[column].astype(float)))


def monthly(chart: dict) -> dict[tuple[str, str], float]:
    """Monthly traces: (trace name, "YYYY-MM") -> value, months without a value left out."""
    return {(trace["name"], month): value for trace in chart["data"]
            for month, value in zip(trace["x"], array(trace["y"])) if value is not None and value == value}


def measure_names() -> dict[str, str]:
    """The page's English trace names of each activity measure (the msgids)."""
    import ast
    from pathlib import Path

    source = (Path(__file__).resolve().parent.parent / "ui" / "sections" / "psc_activity.py").read_text(encoding="utf-8")
    tree = ast.parse(source)
    for node in tree.body:
        if isinstance(node, ast.Assign) and getattr(node.targets[0], "id", None) == "MEASURE_NAMES":
            return {k.value: v.args[0].value for k, v in zip(node.value.keys, node.value.values)}
    raise AssertionError("MEASURE_NAMES not found in ui/sections/psc_activity.py")


def expected_activity(group: str, region: str | None) -> dict[tuple[str, str], float]:
    labels = measure_names()
    frame = psc.activity_by_month(get_database(), group, region)
    return {(labels[m], p): float(v) for m, p, v in zip(frame.measure, frame.period, frame.value)}


# --- the page ------------------------------------------------------------------------------------

def test_page_runs_with_every_chart(sample_db):
    at = page()
    assert [t.value for t in at.title] == ["PSC staffing and activity"]
    assert not at.warning
    assert set(plotly_specs(at)) == {"specialists_chart", *(f"{k}_chart" for k in SNAPSHOT_CHARTS),
                                     *(f"{k}_chart" for k in GROUP_CHARTS)}
    # Every chart carries the illustrative label and a table with its CSV and XLSX.
    captions = [c.value for c in at.caption]
    assert sum(ILLUSTRATIVE in c for c in captions) == 1 + len(SNAPSHOT_CHARTS) + len(GROUP_CHARTS)
    assert len(at.get("download_button")) == 2 * (1 + len(SNAPSHOT_CHARTS) + len(GROUP_CHARTS))


def test_specialists_chart_shows_the_published_figures_and_the_target_path(sample_db):
    db = get_database()
    over = psc.specialists_over_time(db)
    path = psc.target_path(db)
    chart = plotly_specs(page())["specialists_chart"]
    staff, target = chart["data"]
    assert staff["x"] == [d.isoformat() for d in over.as_of]
    assert array(staff["y"]) == over.specialists.tolist()
    shown = dict(zip(staff["x"], array(staff["y"])))
    assert shown["2024-11-01"] == 468 and shown["2025-02-01"] == 595
    labels = dict(zip(staff["x"], staff["text"]))
    assert labels["2024-11-01"] == "468" and labels["2025-02-01"] == "595"
    assert "text" in staff["mode"]
    assert target["x"] == [d.isoformat() for d in path.date]
    assert array(target["y"]) == path.value.tolist()
    assert target["line"]["dash"] == "dash"


def test_snapshot_charts_equal_the_metrics_of_the_newest_snapshot(sample_db):
    db = get_database()
    newest = psc.snapshots(db)[0]
    at = page()
    assert at.selectbox(key="as_of").value == newest.isoformat()
    assert_snapshot(at, newest)


def assert_snapshot(at, as_of: date) -> None:
    db = get_database()
    specs = plotly_specs(at)
    positions = psc.positions(db, as_of)
    shown = bars(specs["positions_chart"])
    assert shown["Filled positions"] == by_name(positions, "positions_filled")
    assert shown["Authorised positions"] == by_name(positions, "positions_authorised")
    workload = psc.children_per_specialist(db, as_of)
    assert bars(specs["workload_chart"])["Children per specialist"] == pytest.approx(
        by_name(workload, "children_per_specialist"))
    mix = psc.specialist_mix(db, as_of)
    shown = bars(specs["mix_chart"])
    assert shown["Psychologists"] == by_name(mix[mix.measure == "specialists_psychologist"], "value")
    assert sum(sum(v.values()) for v in shown.values()) == mix.value.sum()
    totals = psc.national_staff(db, as_of)
    metrics = {m.label: m.value for m in at.metric}
    assert metrics["Specialists"] == f"{int(totals['specialists']):,}"
    assert metrics["Regions with a centre"] == str(int(totals["centres"]))


def test_choosing_a_snapshot_changes_the_charts(sample_db):
    at = page()
    before = plotly_specs(at)["positions_chart"]
    at.selectbox(key="as_of").set_value("2024-11-01").run()
    assert not at.exception
    assert plotly_specs(at)["positions_chart"] != before
    assert_snapshot(at, date(2024, 11, 1))
    assert param(at, "as_of") == "@2024-11-01"  # the one period spelling of every URL


def test_early_snapshot_names_the_regions_without_specialists(sample_db):
    at = page({"as_of": "2024-06-15"})
    workload = psc.children_per_specialist(get_database(), date(2024, 6, 15))
    without = {names()[c] for c in workload[workload.children_per_specialist.isna()].region_code}
    assert len(without) == 5
    caption = next(c.value for c in at.caption if c.value.startswith("Not shown"))
    assert all(name in caption for name in without)
    assert not without & set(bars(plotly_specs(at)["workload_chart"])["Children per specialist"])


def test_activity_charts_equal_the_national_metrics(sample_db):
    at = page()
    assert at.selectbox(key="region").value == "KZ"
    specs = plotly_specs(at)
    for group in psc.ACTIVITY_GROUPS:
        assert monthly(specs[f"activity_{group}_chart"]) == expected_activity(group, None), group


def test_query_params_preselect_snapshot_and_region(sample_db):
    at = page({"as_of": "2025-02-01", "region": "KZ-71"})
    assert at.selectbox(key="as_of").value == "2025-02-01"
    assert at.selectbox(key="region").value == "KZ-71"
    assert_snapshot(at, date(2025, 2, 1))
    specs = plotly_specs(at)
    for group in psc.ACTIVITY_GROUPS:
        assert monthly(specs[f"activity_{group}_chart"]) == expected_activity(group, "KZ-71"), group
    assert specs["activity_cases_chart"]["layout"]["title"]["text"] == "Cases by issue, Astana"


def test_choosing_a_region_changes_the_activity_charts(sample_db):
    at = page()
    before = monthly(plotly_specs(at)["activity_consultations_chart"])
    at.selectbox(key="region").set_value("KZ-75").run()
    assert not at.exception
    after = monthly(plotly_specs(at)["activity_consultations_chart"])
    assert after != before
    assert after == expected_activity("consultations", "KZ-75")
    assert param(at, "region") == "KZ-75"


def test_unknown_query_values_fall_back_to_defaults(sample_db):
    at = page({"as_of": "1999-01-01", "region": "nowhere"})
    assert at.selectbox(key="as_of").value == psc.snapshots(get_database())[0].isoformat()
    assert at.selectbox(key="region").value == "KZ"


def test_csv_download_is_the_charted_rows(sample_db, downloads):
    page()
    over = psc.specialists_over_time(get_database())
    table = pd.read_csv(io.BytesIO(downloads["psc_specialists.csv"]), encoding="utf-8-sig", comment="#")
    assert list(table.columns) == ["Snapshot date", "Specialists", "Expected on the straight path to the target",
                                   "Source file", "Illustrative"]
    assert table["Illustrative"].all()
    assert table["Snapshot date"].tolist() == [d.isoformat() for d in over.as_of]
    assert table["Specialists"].tolist() == over.specialists.astype(int).tolist()
    consultations = pd.read_csv(io.BytesIO(downloads["psc_consultations_KZ.csv"]), encoding="utf-8-sig",
                                comment="#")
    expected = psc.activity_by_month(get_database(), "consultations")
    assert consultations["Month"].tolist() == expected.period.tolist()
    assert consultations["Value"].tolist() == expected.value.astype(int).tolist()


@pytest.fixture
def db_without_region_activity(sample_db, tmp_path, monkeypatch):
    """A copy of the sample in which one region has sent no monthly reports."""
    copy = tmp_path / "cpmonitor.duckdb"
    shutil.copy(sample_db, copy)
    con = duckdb.connect(str(copy))
    con.execute("DELETE FROM figures WHERE source = 'psc_activity' AND region_code = ?", [EMPTY_REGION])
    con.close()
    from etl.publish import publish

    publish(copy)  # the dashboard reads the snapshots published from the warehouse
    monkeypatch.setenv("CPM_DB", str(copy))
    return copy


def test_a_region_without_reports_shows_a_message(db_without_region_activity):
    at = page({"region": EMPTY_REGION})
    assert at.selectbox(key="region").value == EMPTY_REGION
    assert any("No monthly activity reports from Ulytau Region yet." == i.value for i in at.info)
    assert not set(plotly_specs(at)) & {f"{k}_chart" for k in GROUP_CHARTS}
    # The rest of the page still shows the region's staff.
    assert "positions_chart" in plotly_specs(at)


def test_without_a_database_the_page_says_how_to_build_one(tmp_path, monkeypatch):
    monkeypatch.setenv("CPM_DB", str(tmp_path / "none.duckdb"))
    at = page()
    assert [w.value for w in at.warning] == ["No database yet. Build it with: python -m etl ensure-db"]
    assert not plotly_specs(at)
