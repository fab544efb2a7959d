"""The suicides page's views run server-side with AppTest, checked against the metrics layer: counts
and rates, geography, sex and age, policy events, the funnel and the downloads."""
from __future__ import annotations

import io

import pandas as pd
import pytest
from streamlit.testing.v1 import AppTest

from metrics import events, funnel, suicides
from metrics.db import get_database
from tests.app_fixtures import sample_db  # noqa: F401  (fixture imported by name)
from tests.metrics_fixtures import _metrics_db_path, downloads, metrics_db, test_catalogue  # noqa: F401
from helpers.suicides_page import array, plotly_specs, run_app, table


def csv_frame(data: bytes) -> pd.DataFrame:
    return pd.read_csv(io.BytesIO(data), encoding="utf-8-sig", keep_default_na=False, na_values=[""], comment="#")


def assert_download_is_the_table(at: AppTest, downloads: dict, key: str, file_name: str) -> pd.DataFrame:
    """The CSV the block's button hands over holds exactly the rows of its table, flagged illustrative
    (the sample), under notes that name the period and the edition."""
    shown = table(at, key)
    assert file_name in downloads, sorted(downloads)
    downloaded = csv_frame(downloads[file_name])
    assert list(downloaded.columns) == [*shown.columns, "Illustrative"]
    assert downloaded.pop("Illustrative").all()
    notes = [line for line in downloads[file_name].decode("utf-8-sig").splitlines() if line.startswith("# ")]
    assert [n.split(",", 1)[0] for n in notes[:6]] == ["# Title", "# Period", "# Edition", "# Source",
                                                        "# Illustrative", "# Suppression"]
    from test_exports import edition_name

    assert notes[2] == f'# Edition,"{edition_name()}"'
    pd.testing.assert_frame_equal(downloaded.reset_index(drop=True), shown.reset_index(drop=True), check_dtype=False,
                                  check_exact=False, rtol=1e-9)
    return shown


def test_unit_query_parameter_shows_national_rates_with_intervals(sample_db):
    at = run_app({"unit": "rates"})
    assert at.button_group(key="unit").value == "rates"
    rates = suicides.annual_rates(get_database())
    assert len(rates) == 6
    traces = [t for t in plotly_specs(at)["trend_chart"]["data"] if t["type"] == "scatter"]
    assert [t["name"] for t in traces] == ["Completed suicides", "Suicide attempts"]
    for trace, measure in zip(traces, suicides.MEASURES):
        part = rates[rates.measure == measure]
        assert trace["x"] == [str(y) for y in part.year]
        assert array(trace["y"]) == pytest.approx(part.rate.tolist())
        assert array(trace["error_y"]["array"]) == pytest.approx((part.ci_high - part.rate).tolist())
        assert array(trace["error_y"]["arrayminus"]) == pytest.approx((part.rate - part.ci_low).tolist())
    # 2023: 204 completed suicides among 6,760,073 children = 3.02 per 100,000.
    completed_2023 = rates[(rates.measure == "completed") & (rates.year == 2023)].iloc[0]
    assert completed_2023.events == 204 and completed_2023.rate == pytest.approx(204 / completed_2023.children * 1e5)
    shown = table(at, "trend")
    assert shown["Rate per 100,000 children"].tolist() == pytest.approx(rates.rate.round(4).tolist())
    # The year-to-date metrics are rates too, against the same months a year earlier.
    latest = suicides.periods(get_database())[0]
    expected = suicides.rate_comparisons(get_database(), latest)
    assert [m.value for m in at.metric] == [f"{v:.2f}" for v in expected.rate]
    assert [m.delta.split()[0] for m in at.metric] == [f"{c:+.2f}" for c in expected.change]


def test_unit_control_switches_counts_and_rates(sample_db):
    at = run_app()
    assert at.button_group(key="unit").value == "counts"
    assert {t["type"] for t in plotly_specs(at)["trend_chart"]["data"]} == {"bar"}
    at.button_group(key="unit").set_value("rates").run()
    assert not at.exception
    assert {t["type"] for t in plotly_specs(at)["trend_chart"]["data"]} == {"scatter"}
    assert at.query_params["unit"] in ("rates", ["rates"])
    assert "Rate per 100,000 children" in table(at, "regions").columns


def test_regional_rates_mark_unreliable_rates(sample_db):
    option = suicides.periods(get_database())[0]
    at = run_app({"unit": "rates"})
    expected = suicides.regional_rates(get_database(), option, "completed")
    assert expected.unreliable.any() and (~expected.unreliable).any()
    traces = plotly_specs(at)["regions_chart"]["data"]
    by_name = {t["name"]: t for t in traces}
    reliable, unreliable = by_name["Reliable rate"], by_name["Unreliable: fewer than 20 events"]
    assert unreliable["marker"]["symbol"] == "circle-open" and reliable["marker"]["symbol"] == "circle"
    for trace, flag in ((reliable, False), (unreliable, True)):
        part = expected[expected.unreliable == flag]
        assert sorted(zip(trace["y"], array(trace["x"]))) == sorted(zip(part.name_en, part.rate))
        assert all(e < 20 for e in part.events) == flag
    shown = table(at, "regions")
    assert shown["Region"].tolist() == expected.name_en.tolist()
    assert shown["Events"].tolist() == expected.events.astype(int).tolist()
    assert shown["Unreliable"].tolist() == expected.unreliable.tolist()
    assert shown["Cell"].tolist() == expected.source_cell.tolist()
    assert shown["Population cell"].tolist() == expected.population_source_cell.tolist()
    assert any("fewer than 20 events" in c.value for c in at.caption)


def test_geography_parameter_merges_the_2022_regions(sample_db):
    option = suicides.periods(get_database())[0]
    at = run_app({"geography": "comparable"})
    assert at.button_group(key="geography").value == "comparable"
    expected = suicides.regional_by_geography(get_database(), option, "completed", "comparable")
    shown = table(at, "regions")
    assert len(shown) == 17
    names = dict(zip(suicides.regional(get_database(), option, "completed").region_code,
                     suicides.regional(get_database(), option, "completed").name_en))
    assert "East Kazakhstan Region + Abai Region" in shown["Region"].tolist()
    assert "Abai Region" not in shown["Region"].tolist()
    assert shown["Cases"].tolist() == expected.value.tolist()
    current = suicides.regional(get_database(), option, "completed").set_index("region_code").value
    east = shown.set_index("Region").loc["East Kazakhstan Region + Abai Region"]
    assert east["Cases"] == current["KZ-63"] + current["KZ-10"]
    assert len(east["Cell"].split(", ")) == 2
    # The national total is the same in either geography.
    assert shown["Cases"].sum() == current.sum()
    chart = plotly_specs(at)["regions_chart"]["data"][0]
    assert sorted(zip(chart["y"], array(chart["x"]))) == sorted(zip(shown["Region"], shown["Cases"]))
    assert names["KZ-63"] + " + " + names["KZ-10"] in chart["y"]


def test_geography_control_changes_the_regions(sample_db):
    at = run_app()
    before = table(at, "regions")
    assert len(before) == 20
    at.button_group(key="geography").set_value("comparable").run()
    assert not at.exception
    assert len(table(at, "regions")) == 17
    assert at.query_params["geography"] in ("comparable", ["comparable"])


def test_breakdown_by_sex_and_age_equals_the_detail_figures(sample_db):
    at = run_app()
    db = get_database()
    detail = suicides.breakdown_periods(db)
    assert [o.key for o in detail] == ["2023.1-10"]
    by_sex = table(at, "by_sex").set_index(["Group", "Measure"])
    # Published for January-October 2023: girls 54 completed suicides and 221 attempts.
    assert by_sex.loc[("Girls", "Completed suicides"), "Cases"] == 54
    assert by_sex.loc[("Girls", "Suicide attempts"), "Cases"] == 221
    assert by_sex.xs("Completed suicides", level="Measure").Cases.sum() == 169
    assert by_sex.xs("Suicide attempts", level="Measure").Cases.sum() == 298
    by_age = table(at, "by_age").set_index(["Group", "Measure"])
    # 5-14 year olds: 47 of the 169 completed suicides (27.8%).
    assert by_age.loc[("Aged 5-14", "Completed suicides"), "Cases"] == 47
    assert by_age.loc[("Aged 5-14", "Completed suicides"), "Share of the measure's total"] == pytest.approx(0.2781)
    # The figures are sums of the suicide_counts view's national (KZ) detail rows.
    sums = db.query("SELECT sex, age_group, measure, sum(value) AS v FROM suicide_counts WHERE year = 2023 "
                    "AND month_to = 10 AND sex <> 'all' AND region_code = 'KZ' GROUP BY ALL")
    assert sums[(sums.sex == "female") & (sums.measure == "completed")].v.sum() == 54
    assert sums[(sums.age_group == "5-14") & (sums.measure == "completed")].v.sum() == 47
    charts_ = plotly_specs(at)
    for key, by in (("by_sex", "sex"), ("by_age", "age_group")):
        expected = suicides.breakdown(db, detail[0], by)
        for trace, measure in zip(charts_[f"{key}_chart"]["data"], suicides.MEASURES):
            assert array(trace["y"]) == expected[expected.measure == measure].value.tolist()
    assert charts_["by_sex_chart"]["data"][0]["x"] == ["Girls", "Boys"]
    assert charts_["by_age_chart"]["data"][0]["x"] == ["Aged 5-14", "Aged 15-17"]
    shown = table(at, "by_sex")
    assert set(shown["Source file"]) == {"kpssu_detail_10m_2023.xlsx"}
    assert all(len(cells.split(", ")) == 40 for cells in shown["Cells"])  # two age bands in each of 20 regions


def test_policy_events_are_marked_on_the_trend(sample_db):
    at = run_app()
    layout = plotly_specs(at)["trend_chart"]["layout"]
    years = [int(y) for y in suicides.annual_trend(get_database()).year.drop_duplicates()]
    shown = events.in_years(years)
    assert [e.key for e in shown] == ["cp_adopted", "line_111", "psc_all_regions"]
    shapes = layout["shapes"]
    assert [s["x0"] for s in shapes] == pytest.approx([years.index(e.day.year) - 0.5 + e.year_fraction()
                                                       for e in shown])
    # 31 August 2023 sits two thirds into the 2023 slot, 16 October 2023 later, August 2024 in the 2024 slot.
    assert years.index(2023) + 0.1 < shapes[0]["x0"] < shapes[1]["x0"] < years.index(2023) + 0.5
    assert years.index(2024) < shapes[2]["x0"] < years.index(2024) + 0.2
    annotations = layout["annotations"]
    assert [a["text"] for a in annotations] == ["1", "2", "3"]
    assert "Comprehensive Plan adopted, 31 August 2023" == annotations[0]["hovertext"]
    caption = next(c.value for c in at.caption if c.value.startswith("Dotted lines"))
    for event in shown:
        assert event.label in caption


def test_funnel_points_and_limits_equal_the_metrics(sample_db):
    option = suicides.periods(get_database())[0]
    at = run_app()
    shape = funnel.funnel(get_database(), option, "completed")
    spec = plotly_specs(at)["funnel_chart"]
    traces = spec["data"]
    assert spec["layout"]["xaxis"]["type"] == "log"
    points = [t for t in traces if t.get("mode") == "markers+text"]
    drawn = sorted((c, x, y) for t in points for c, x, y in zip(t["customdata"], array(t["x"]), array(t["y"])))
    expected = sorted(zip(shape.points.region_code.map(dict(zip(suicides.regional(get_database(), option, "completed")
                                                                .region_code, suicides.regional(
                                                                    get_database(), option, "completed").name_en))),
                          shape.points.children, shape.points.rate))
    assert [d[0] for d in drawn] == [e[0] for e in expected]
    assert [d[1:] for d in drawn] == [pytest.approx(e[1:]) for e in expected]
    lines = [t for t in traces if t.get("mode") == "lines"]
    national = next(t for t in lines if t["name"].startswith("National rate"))
    assert array(national["y"]) == pytest.approx([shape.national_rate] * 2)
    for level in funnel.LEVELS:
        name = funnel.level_name(level)
        pair = [t for t in lines if t.get("legendgroup") == name]
        assert len(pair) == 2
        assert array(pair[0]["x"]) == pytest.approx(shape.curve.population.tolist())
        assert array(pair[0]["y"]) == pytest.approx(shape.curve[f"high_{name}"].tolist())
        assert array(pair[1]["y"]) == pytest.approx(shape.curve[f"low_{name}"].tolist())
    shown = table(at, "funnel")
    assert len(shown) == len(shape.points) == 20
    assert shown["Upper 95% control limit"].tolist() == pytest.approx(shape.points.high_95.round(4).tolist())
    assert shown["Lower 99.8% control limit"].tolist() == pytest.approx(shape.points["low_99.8"].round(4).tolist())
    assert set(shown["National rate"]) == {round(shape.national_rate, 4)}
    assert shown["Cell"].tolist() == shape.points.source_cell.tolist()


def test_funnel_follows_measure_and_geography(sample_db):
    option = suicides.periods(get_database())[0]
    at = run_app({"measure": "attempts", "geography": "comparable"})
    shape = funnel.funnel(get_database(), option, "attempts", "comparable")
    shown = table(at, "funnel")
    assert len(shown) == 17
    assert shown["Events"].sum() == 293  # January-September 2025, published
    assert shown["Rate per 100,000 children"].tolist() == pytest.approx(shape.points.rate.round(4).tolist())


def test_downloads_are_the_charted_rows(sample_db, downloads):
    option = suicides.periods(get_database())[0]
    at = run_app()
    detail = suicides.breakdown_periods(get_database())[0]
    trend = assert_download_is_the_table(at, downloads, "trend", "suicides_national_counts.csv")
    assert trend["Cases"].tolist() == suicides.annual_trend(get_database()).value.tolist()
    regions = assert_download_is_the_table(at, downloads, "regions",
                                           f"suicides_regions_completed_counts_current_{option.key}.csv")
    assert sorted(regions["Region"]) == sorted(plotly_specs(at)["regions_chart"]["data"][0]["y"])
    assert_download_is_the_table(at, downloads, "by_sex", f"suicides_by_sex_{detail.key}.csv")
    assert_download_is_the_table(at, downloads, "by_age", f"suicides_by_age_{detail.key}.csv")
    funnel_rows = assert_download_is_the_table(at, downloads, "funnel",
                                               f"suicides_funnel_completed_current_{option.key}.csv")
    drawn = [c for t in plotly_specs(at)["funnel_chart"]["data"] if t.get("mode") == "markers+text"
             for c in t["customdata"]]
    assert sorted(funnel_rows["Region"]) == sorted(drawn)


def test_rate_downloads_follow_the_unit(sample_db, downloads):
    option = suicides.periods(get_database())[0]
    at = run_app({"unit": "rates"})
    assert_download_is_the_table(at, downloads, "trend", "suicides_national_rates.csv")
    shown = assert_download_is_the_table(at, downloads, "regions",
                                         f"suicides_regions_completed_rates_current_{option.key}.csv")
    assert "Population file" in shown.columns


def test_page_without_sex_and_age_figures_says_so(metrics_db):
    """The tiny metrics warehouse has no KPSSU detail file: an empty state, not a traceback."""
    at = run_app()
    assert any("No figures by sex and age have been loaded yet." == i.value for i in at.info)
    assert "by_sex_chart" not in plotly_specs(at)
    assert len(table(at, "regions")) == 3
    assert len(table(at, "funnel")) == 3
