"""The suicides page run server-side with AppTest, checked against the metrics layer."""
from __future__ import annotations

from metrics import suicides
from metrics.db import get_database
from tests.app_fixtures import sample_db  # noqa: F401  (fixture imported by name)
from ui.notices import HELPLINE, ILLUSTRATIVE
from helpers.suicides_page import array, expected_table, plotly_specs, run_app, table, table_rows


def test_page_runs_with_title(sample_db):
    at = run_app()
    assert [t.value for t in at.title] == ["Suicides and suicide attempts among minors"]
    assert not at.warning


def test_trend_chart_shows_the_annual_national_figures(sample_db):
    trend = suicides.annual_trend(get_database())
    assert not trend.empty
    chart = plotly_specs(run_app())["trend_chart"]
    bars = [trace for trace in chart["data"] if trace["type"] == "bar"]
    assert len(bars) == len(suicides.MEASURES)
    for trace, measure in zip(bars, suicides.MEASURES):
        part = trend[trend.measure == measure]
        assert trace["x"] == [str(y) for y in part.year]
        assert array(trace["y"]) == [int(v) for v in part.value]
    # The published national totals of completed suicides: one bar per full year, three years.
    completed = trend[trend.measure == "completed"]
    assert len(completed) == 3
    assert array(bars[0]["y"]) == completed.value.tolist()


def test_year_to_date_metrics_equal_the_comparisons(sample_db):
    db = get_database()
    latest = suicides.periods(db)[0]
    comparison = suicides.comparisons(db)
    current = comparison[(comparison.year == latest.year) & (comparison.month_to == latest.month_to)]
    assert len(current) == len(suicides.MEASURES)
    metrics = run_app().metric
    assert [int(m.value) for m in metrics] == [int(v) for v in current.value]
    assert [m.delta.split()[0] for m in metrics] == [f"{int(c):+d}" for c in current.change]
    assert all(latest.label("en") in m.label for m in metrics)


def test_regional_table_is_the_selected_period(sample_db):
    at = run_app()
    options = suicides.periods(get_database())
    assert at.selectbox(key="period").value == options[0].key
    shown = table(at, "regions")
    assert list(shown.columns) == ["Region", "Cases", "Source file", "Sheet", "Cell"]
    assert table_rows(shown) == table_rows(expected_table(options[0], "completed"))
    # The regional chart draws the same figures.
    chart = plotly_specs(at)["regions_chart"]["data"][0]
    expected = expected_table(options[0], "completed").dropna(subset=["value"])
    assert sorted(zip(chart["y"], array(chart["x"]))) == sorted(zip(expected.name_en, expected.value.astype(int)))


def test_changing_period_and_measure_changes_the_table(sample_db):
    options = suicides.periods(get_database())
    other = options[1]
    at = run_app()
    before = table_rows(table(at, "regions"))

    at.selectbox(key="period").set_value(other.key).run()
    assert not at.exception
    after_period = table_rows(table(at, "regions"))
    assert after_period != before
    assert after_period == table_rows(expected_table(other, "completed"))

    at.button_group(key="measure").set_value("attempts").run()
    assert not at.exception
    after_measure = table_rows(table(at, "regions"))
    assert after_measure != after_period
    assert after_measure == table_rows(expected_table(other, "attempts"))


def test_period_query_parameter_preselects_the_period(sample_db):
    options = suicides.periods(get_database())
    wanted = options[-1]
    assert wanted != options[0]
    at = run_app({"period": wanted.key})
    assert at.selectbox(key="period").value == wanted.key
    assert table_rows(table(at, "regions")) == table_rows(expected_table(wanted, "completed"))


def test_helpline_and_illustrative_notices(sample_db):
    at = run_app()
    helpline = [i.value for i in at.info if "111" in i.value]
    assert helpline == [HELPLINE]
    assert "150" in helpline[0]
    assert any(ILLUSTRATIVE in c.value for c in at.caption)


def test_missing_database_shows_a_warning(sample_db, tmp_path, monkeypatch):
    monkeypatch.setenv("CPM_DB", str(tmp_path / "nowhere" / "cpmonitor.duckdb"))
    at = run_app()
    assert len(at.warning) == 1
    assert "python -m etl ensure-db" in at.warning[0].value
    assert not at.get("plotly_chart")
    assert not at.dataframe
    # The helpline is shown before anything needs the database.
    assert any("111" in i.value for i in at.info)


def test_measure_query_parameter_preselects_the_measure(sample_db):
    at = run_app({"measure": "attempts"})
    assert at.button_group(key="measure").value == "attempts"
    option = suicides.periods(get_database())[0]
    assert table_rows(table(at, "regions")) == table_rows(expected_table(option, "attempts"))
