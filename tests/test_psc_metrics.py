"""metrics/psc.py, metrics/coverage.py, metrics/schools.py, metrics/helpline.py and metrics/boundaries.py
on the bundled sample, plus the tile map's helpers."""
from __future__ import annotations

import json
from datetime import date

import pandas as pd
import pytest

from metrics import boundaries, coverage, helpline, psc, schools
from metrics.catalogue import indicator
from metrics.db import get_database
from tests.app_fixtures import sample_db  # noqa: F401  (fixture imported by name)
from ui import tilemap

NOV_2024, FEB_2025 = date(2024, 11, 1), date(2025, 2, 1)


@pytest.fixture(autouse=True)
def real_catalogue(monkeypatch):
    monkeypatch.delenv("CPM_INDICATORS", raising=False)
    monkeypatch.delenv(boundaries.ENV, raising=False)


@pytest.fixture
def db(sample_db):
    return get_database()


# --- PSC ---------------------------------------------------------------------------------------

def test_specialists_over_time_reproduce_the_published_figures(db):
    over = psc.specialists_over_time(db).set_index("as_of")
    assert over.loc[NOV_2024, "specialists"] == 468
    assert over.loc[FEB_2025, "specialists"] == 595
    assert list(over.index) == sorted(psc.snapshots(db))
    path = psc.target_path(db)
    target = indicator("psc_specialists")
    assert path.value.tolist() == [target.baseline_value, target.target_value]
    assert path.date.tolist() == [target.baseline_period.end, target.target_deadline]
    # The path starts at the baseline snapshot and is not drawn before it.
    assert over.loc[NOV_2024, "target_path"] == pytest.approx(468)
    assert over.target_path[over.index < NOV_2024].isna().all()


@pytest.mark.parametrize("as_of", [NOV_2024, FEB_2025])
def test_positions_and_staff_add_up_to_the_national_totals(db, as_of):
    totals = psc.national_staff(db, as_of)
    positions = psc.positions(db, as_of)
    assert len(positions) == 20
    assert positions.positions_filled.sum() == totals["positions_filled"]
    assert positions.positions_authorised.sum() == totals["positions_authorised"]
    expected = positions.positions_filled / positions.positions_authorised * 100
    assert positions.filled_pct.tolist() == pytest.approx(expected.tolist())
    assert positions.source_file.eq(f"psc_network_{as_of.isoformat()}.xlsx").all()
    workload = psc.children_per_specialist(db, as_of)
    assert workload.specialists.sum() == totals["specialists"]
    mix = psc.specialist_mix(db, as_of)
    assert set(mix.measure) == set(psc.KINDS)
    assert mix.value.sum() == totals["specialists"]
    wide = psc.specialist_mix_by_region(db, as_of)
    assert len(wide) == 20 and list(wide.columns[4:-1]) == list(psc.KINDS)
    assert wide[list(psc.KINDS)].to_numpy().sum() == totals["specialists"]


@pytest.mark.parametrize(("as_of", "centres"), [(date(2024, 6, 15), 15), (date(2024, 7, 15), 17),
                                                (date(2024, 8, 20), 20)])
def test_presence_counts_the_regions_with_a_centre(db, as_of, centres):
    frame = psc.presence(db, as_of)
    assert len(frame) == 20
    assert int(frame.has_centre.sum()) == centres
    assert psc.national_staff(db, as_of)["centres"] == centres
    with_centre = frame[frame.has_centre]
    assert with_centre.centre_name.notna().all()
    assert (with_centre.opened <= as_of).all()
    assert frame[~frame.has_centre].opened.isna().all()


def test_activity_of_the_regions_adds_up_to_the_nation(db):
    nation = psc.activity_by_month(db, "consultations")
    assert not nation.empty
    assert nation.period.str.fullmatch(r"\d{4}-\d{2}").all()
    parts = pd.concat([psc.activity(db, "consultations", code)
                       for code in db.query("SELECT region_code FROM regions").region_code])
    summed = parts.groupby(["year", "month", "measure"]).value.sum()
    assert nation.set_index(["year", "month", "measure"]).value.to_dict() == summed.to_dict()
    # Centres reporting: at most 20, and more as centres open.
    per_month = nation.groupby("period").centres_reporting.max()
    assert per_month.max() <= 20 and per_month.iloc[0] < per_month.iloc[-1]


def test_activity_of_an_unknown_region_is_empty(db):
    assert psc.activity_by_month(db, "cases", "KZ-00").empty


# --- coverage, schools, helpline ------------------------------------------------------------------

def test_indicator_ids_and_period_options(db):
    ids = coverage.indicator_ids(db)
    assert {"psc_specialists_per_10k", "pupils_per_psychologist", "helpline_appeals_per_1000", "suicide_rate"} <= set(ids)
    for indicator_id in ("pupils_per_psychologist", "psc_specialists"):
        options = coverage.period_options(db, indicator_id)
        assert list(options) == coverage.periods_of(db, indicator_id)
        assert all(period.key() == key for key, period in options.items())


@pytest.mark.parametrize("school_year", ["2022-2023", "2023-2024", "2024-2025"])
def test_pupils_per_psychologist_equal_the_indicator(db, school_year):
    frame = schools.by_region(db, school_year).set_index("region_code")
    key = schools.period_of(school_year).key()
    for indicator_id, column in (("pupils_per_psychologist", "pupils_per_psychologist"),
                                 ("schools_meeting_norm_pct", "schools_meeting_norm_pct"),
                                 ("psychologists_pct_due", "psychologists_pct_due")):
        expected = coverage.regional(db, indicator_id, key).set_index("region_code").value
        assert frame[column].to_dict() == pytest.approx(expected.to_dict())
        assert schools.national(db, school_year)[column] == pytest.approx(coverage.national(db, indicator_id, key).value)
    assert frame.meets_norm.tolist() == [v <= 500 for v in frame.pupils_per_psychologist]


def test_school_years_and_norm(db):
    assert schools.school_years(db) == ["2024-2025", "2023-2024", "2022-2023"]
    assert schools.norm() == 500
    assert schools.period_of("2024-2025").key() == "sy2024-2025"
    # Published: about 8,500 psychologists and 3,000 schools meeting the norm in 2023-2024.
    nation = schools.national(db, "2023-2024")
    assert (nation.psychologists, nation.schools_meeting_norm) == (8500, 3000)


def test_appeals_per_1000_children_equal_the_indicator(db):
    (period,) = helpline.periods(db)
    assert (period.start, period.end) == (date(2025, 1, 1), date(2025, 11, 6))
    frame = helpline.by_region(db, period.start, period.end)
    assert frame.appeals_total.sum() == 110_999
    assert frame.appeals_qr.sum() == 108_987 and frame.appeals_phone.sum() == 2_012
    assert frame.children_supported.sum() == 3_499
    expected = coverage.regional(db, "helpline_appeals_per_1000", period.key()).set_index("region_code").value
    assert frame.set_index("region_code").appeals_per_1000.to_dict() == pytest.approx(expected.to_dict())


# --- boundaries -----------------------------------------------------------------------------------

def square(x: float, y: float, size: float = 1.0) -> list:
    return [[[x, y], [x + size, y], [x + size, y + size], [x, y + size], [x, y]]]


def write_geojson(path, features: list[tuple[dict, list]], geometry: str = "Polygon"):
    path.write_text(json.dumps({"type": "FeatureCollection", "features": [
        {"type": "Feature", "properties": props, "geometry": {"type": geometry, "coordinates": coords}}
        for props, coords in features]}), encoding="utf-8")
    return path


def test_boundaries_are_keyed_by_region_code(tmp_path):
    path = write_geojson(tmp_path / "kz.geojson", [
        ({"iso_3166_2": "KZ-71", "name": "Astana"}, square(71.123456789, 51.0)),
        ({"ISO_3166_2": "KZ-75"}, square(76.0, 43.0)),
        ({"iso_3166_2": "KZ-99"}, square(0, 0)),
        ({"name": "no code"}, square(1, 1)),
    ])
    shapes = boundaries.load(path)
    assert shapes.codes == ("KZ-71", "KZ-75")
    assert shapes.unmatched == ("KZ-99",)
    assert shapes.feature_id_key == "properties.region_code"
    features = shapes.geojson["features"]
    assert [f["properties"] for f in features] == [{"region_code": "KZ-71"}, {"region_code": "KZ-75"}]
    assert features[0]["geometry"]["coordinates"][0][0] == [71.1235, 51.0]  # rounded to about 10 m
    assert boundaries.bounds(shapes) == (71.1235, 43.0, 77.0, 52.0)
    assert len(shapes.missing) == 18 and "KZ-71" not in shapes.missing
    assert shapes.outdated == ()


def test_boundaries_read_shape_iso_and_former_letter_codes(tmp_path):
    path = write_geojson(tmp_path / "geoboundaries.json", [
        ({"shapeISO": "KZ-ALA"}, [square(76, 43)]),
        ({"shapeISO": "KZ-VOS"}, [square(80, 49)]),  # East Kazakhstan before Abai was split off
    ], geometry="MultiPolygon")
    shapes = boundaries.load(path)
    assert shapes.codes == ("KZ-75",)
    assert shapes.code_property == "shapeISO"
    assert shapes.unmatched == ("KZ-VOS",)


def test_boundaries_without_the_2022_regions_are_outdated(tmp_path):
    path = write_geojson(tmp_path / "old.geojson", [({"iso_3166_2": "KZ-63"}, square(80, 49)),
                                                    ({"iso_3166_2": "KZ-35"}, square(70, 47))])
    assert boundaries.load(path).outdated == ("KZ-10", "KZ-62")


@pytest.mark.parametrize(("content", "msgid"), [
    ("not json", boundaries.NOT_GEOJSON),
    ('{"type": "Feature"}', boundaries.NOT_GEOJSON),
    ('{"type": "FeatureCollection", "features": [{"type": "Feature", "properties": {"name": "x"}, '
     '"geometry": {"type": "Polygon", "coordinates": [[[0, 0], [1, 0], [1, 1], [0, 0]]]}}]}', boundaries.NO_CODES),
])
def test_unusable_boundary_files_say_why(tmp_path, content, msgid):
    path = tmp_path / "bad.geojson"
    path.write_text(content, encoding="utf-8")
    with pytest.raises(boundaries.BoundaryError) as raised:
        boundaries.load(path)
    assert raised.value.msgid == msgid
    assert raised.value.params["path"].endswith("bad.geojson")


def test_configured_boundaries_follow_the_environment(tmp_path, monkeypatch):
    assert boundaries.configured() is None
    monkeypatch.setenv(boundaries.ENV, str(tmp_path / "missing.geojson"))
    with pytest.raises(boundaries.BoundaryError) as raised:
        boundaries.configured()
    assert raised.value.msgid == boundaries.NOT_FOUND
    path = write_geojson(tmp_path / "kz.geojson", [({"iso_3166_2": "KZ-71"}, square(71, 51))])
    monkeypatch.setenv(boundaries.ENV, str(path))
    assert boundaries.configured().codes == ("KZ-71",)


# --- tile map helpers -----------------------------------------------------------------------------

def test_short_names_stay_distinct(db):
    regions = db.query("SELECT name_en, name_ru, name_kk FROM regions")
    for lang in ("en", "ru", "kk"):
        names = tilemap.short_names(regions[f"name_{lang}"])
        assert len(set(names)) == 20, names
    assert tilemap.short_names(["Almaty", "Almaty Region", "Shymkent"]) == ["Almaty", "Almaty<br>Region", "Shymkent"]
    assert tilemap.short_names(["г. Шымкент", "Западно-Казахстанская область"]) == ["Шымкент", "Западно-<br>Казахстанская"]


def test_fit_view_centres_the_bounds():
    view = tilemap.fit_view((46.5, 40.5, 87.3, 55.4))
    assert 46.5 < view["center"]["lon"] < 87.3 and 40.5 < view["center"]["lat"] < 55.4
    assert 2 < view["zoom"] < 5
    assert tilemap.fit_view((76, 43, 77, 44))["zoom"] > view["zoom"]
