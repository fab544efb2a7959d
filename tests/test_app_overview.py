"""The Overview page (the home page) run with AppTest, checked against metrics.indicators and metrics.changes."""
from __future__ import annotations

import io
import re
import shutil
import subprocess
import sys

import pandas as pd
import pytest
from streamlit.testing.v1 import AppTest

from etl.periods import SNAPSHOT, Period
from metrics import changes, indicators, overview, stats
from metrics.catalogue import indicator as catalogue_indicator
from metrics.db import get_database
from tests.app_fixtures import REPO_ROOT, sample_db  # noqa: F401  (fixture imported by name)
from tests.metrics_fixtures import _metrics_db_path, downloads, metrics_db, test_catalogue  # noqa: F401
from ui import formats
from ui import indicator_display as show
from ui.navigation import page_specs
from ui.notices import HELPLINE, ILLUSTRATIVE

APP = str(REPO_ROOT / "app.py")
TIMEOUT = 30
TITLE = "Comprehensive Plan at a glance"
RED = re.compile(r"background:\s*(#ff0000|#f00\b|red\b|#d62728|#e41a1c)", re.IGNORECASE)


@pytest.fixture
def real_catalogue(monkeypatch):
    monkeypatch.delenv("CPM_INDICATORS", raising=False)


def run_app(query: dict[str, str] | None = None) -> AppTest:
    """The app's home page in English."""
    at = AppTest.from_file(APP, default_timeout=TIMEOUT)
    at.user = {"proxy_user": "demo"}  # signed in, as the proxy names the demo viewer
    for key, value in {"lang": "en", **(query or {})}.items():
        at.query_params[key] = value
    at.run()
    assert not at.exception, [e.value for e in at.exception]
    return at


def period_text(row) -> str:
    period = Period(row.period_start, row.period_end, row.period_kind)
    return show.date_text(period.start, "en") if period.kind == SNAPSHOT else period.label("en")


def shown(indicator, value: float) -> str:
    return formats.number(value, "en", show.decimals(indicator, value))


def badges(at: AppTest) -> list[str]:
    return [m.value for m in at.markdown if m.value.startswith("<span")]


def test_overview_is_the_home_page():
    specs = page_specs()
    assert specs[0].path == "pages/overview.py" and specs[0].url_path == "overview" and specs[0].default
    assert [s.default for s in specs].count(True) == 1
    assert "pages/suicides.py" in [s.path for s in specs]


def test_page_runs_with_title_and_helpline(sample_db, real_catalogue):
    at = run_app()
    assert [t.value for t in at.title] == [TITLE]
    assert not at.warning
    assert [i.value for i in at.info if "111" in i.value] == [HELPLINE]
    assert any(ILLUSTRATIVE in c.value for c in at.caption)


def test_tiles_equal_the_indicator_values(sample_db, real_catalogue):
    at = run_app()
    frame = indicators.values(get_database())
    metrics = at.metric
    assert [m.label for m in metrics] == [catalogue_indicator(i).name("en") for i in overview.HEADLINE]
    for metric, indicator_id in zip(metrics, overview.HEADLINE):
        indicator = catalogue_indicator(indicator_id)
        row = indicators.latest(frame, indicator)
        assert row is not None, indicator_id
        assert metric.value.split()[0] == shown(indicator, row.value), indicator_id
        assert metric.value.endswith(show.UNRELIABLE_MARK) == bool(row.unreliable)
        previous = indicators.comparable_previous(frame, row)
        if previous is None:
            assert not metric.delta, indicator_id
            continue
        places = show.decimals(indicator, abs(row.value))
        change = round(row.value - previous.value, places)
        assert metric.delta == f"{change:+.{places}f} vs {period_text(previous)}".replace("+0 ", "0 ").replace(
            "+-", "-"), indicator_id


def test_tiles_pick_the_comparable_periods(sample_db, real_catalogue):
    """Annual rates: the latest full year against the year before; snapshots against the previous
    snapshot; school years against the previous school year; no earlier figure, no change."""
    by_id = {t.indicator.id: t for t in overview.tiles(get_database())}
    suicide = by_id["suicide_rate"]
    assert (suicide.latest.period, suicide.previous.period) == ("2024-01..2024-12", "2023-01..2023-12")
    # 175 suicides in 2024 against 204 in 2023, per 100,000 children.
    assert suicide.latest.numerator == 175 and suicide.previous.numerator == 204
    assert suicide.newer.period == "2025-01..2025-09" and suicide.newer_previous.period == "2024-01..2024-09"
    assert (by_id["psc_regions"].latest.period, by_id["psc_regions"].previous.period) == ("@2025-09-01",
                                                                                          "@2025-06-01")
    assert by_id["pupils_per_psychologist"].previous.period == "sy2023-2024"
    assert by_id["helpline_appeals_per_1000"].previous is None and by_id["helpline_appeals_per_1000"].change is None
    at = run_app()
    captions = [c.value for c in at.caption]
    assert any("Newer part-year: 2.01 in January-September 2025 (+0.10 vs January-September 2024)" == c
               for c in captions)
    assert any("No comparable earlier figure" in c for c in captions)


def test_status_badges_are_labelled_and_never_red(sample_db, real_catalogue):
    at = run_app()
    frame = indicators.values(get_database())
    expected = [indicators.latest(frame, catalogue_indicator(i)).status for i in overview.HEADLINE]
    shown_badges = badges(at)
    assert shown_badges == [show.status_badge(s, "en") for s in expected]
    for badge, status in zip(shown_badges, expected):
        assert show.status_text(status, "en") in badge  # a word and an icon, not colour alone
        assert f"background:{show.STATUS_STYLE[status][0]}" in badge
        assert not RED.search(badge)
    assert show.STATUS_STYLE[stats.NO_DATA][0] == show.GREY


def test_indicator_without_figures_is_no_data_not_off_track(metrics_db):
    """The tiny warehouse has no school figures: the pupils-per-psychologist tile says "No data" in
    grey with a dash, and headline indicators missing from its catalogue are left out."""
    tiles = {t.indicator.id: t for t in overview.tiles(get_database())}
    assert set(tiles) == {"suicide_rate", "attempt_rate", "psc_regions", "pupils_per_psychologist"}
    assert tiles["pupils_per_psychologist"].latest is None
    assert tiles["pupils_per_psychologist"].status == stats.NO_DATA
    at = run_app()
    assert len(at.metric) == 4
    assert [m.value for m in at.metric][3] == "—"
    assert badges(at)[3] == show.status_badge(stats.NO_DATA, "en")
    assert "No figure reported" in [c.value for c in at.caption]


def test_latest_load_without_revisions(sample_db, real_catalogue):
    at = run_app()
    loads = changes.last_loads(get_database())
    assert changes.revised_figures(get_database()).empty
    assert any(i.value.startswith("No figure changed value in the latest load") for i in at.info)
    files = next(d.value for d in at.dataframe if "File" in d.value.columns)
    assert files["File"].tolist() == loads.file_name.tolist()
    assert files["Figures stored"].tolist() == loads.figures_stored.tolist()
    summary = next(m.value for m in at.markdown if m.value.startswith("The latest load"))
    assert f"{len(loads):,} files" in summary
    assert f"{int(loads.figures_stored.sum()):,} figures" in summary


@pytest.fixture
def revised_db(sample_db, tmp_path, monkeypatch):
    """The sample warehouse after a corrected KPSSU file: two regions' January-October 2023 figures
    swapped one suicide between them (Abai 5 -> 6, Akmola 7 -> 6; the total stays 169)."""
    db = tmp_path / "revised.duckdb"
    shutil.copy(sample_db, db)
    source = sample_db.parent / "raw" / "kpssu_suicides_10m_2023.csv"
    text = source.read_bytes().decode("cp1251")
    corrected = text.replace("Абайская область;4;5;8;6", "Абайская область;4;6;8;6").replace(
        "Акмолинская область;4;7;8;7", "Акмолинская область;4;6;8;7")
    assert corrected != text
    target = tmp_path / "raw" / source.name
    target.parent.mkdir()
    target.write_bytes(corrected.encode("cp1251"))
    subprocess.run([sys.executable, "-m", "etl", "load", "--accept-revisions", "--db", str(db), str(target)], cwd=REPO_ROOT, check=True,
                   capture_output=True, timeout=300)  # a load ends with a publish of both editions
    monkeypatch.setenv("CPM_DB", str(db))
    return db


def test_revised_figures_are_shown_old_and_new_with_their_cells(revised_db, real_catalogue, downloads):
    revised = changes.revised_figures(get_database())
    assert len(revised) == 2
    at = run_app()
    table = next(d.value for d in at.dataframe if "Old value" in d.value.columns)
    assert table["Region"].tolist() == ["Abai Region", "Akmola Region"]
    assert table["Old value"].tolist() == revised.old_value.tolist() == [5, 7]
    assert table["New value"].tolist() == revised.new_value.tolist() == [6, 6]
    assert table["Change"].tolist() == [1, -1]
    assert table["Cell"].tolist() == revised.source_cell.tolist() == ["C6", "C7"]
    assert set(table["Source file"]) == {"kpssu_suicides_10m_2023.csv"}
    # Codes in words: the source and the measure as a reader names them.
    assert set(table["Source"]) == {"Prosecutor General's Office (KPSSU): suicides by region"}
    assert set(table["Measure"]) <= {"Completed suicides", "Suicide attempts"}
    downloaded = pd.read_csv(io.BytesIO(downloads["revised_figures.csv"]), encoding="utf-8-sig", comment="#")
    assert downloaded.pop("Illustrative").tolist() == [bool(v) for v in revised.illustrative]
    pd.testing.assert_frame_equal(downloaded, table, check_dtype=False)
    assert not any(i.value.startswith("No figure changed value") for i in at.info)


def test_missing_database_shows_a_warning(sample_db, tmp_path, monkeypatch):
    monkeypatch.setenv("CPM_DB", str(tmp_path / "nowhere" / "cpmonitor.duckdb"))
    at = run_app()
    assert len(at.warning) == 1 and "python -m etl ensure-db" in at.warning[0].value
    assert not at.metric and not at.dataframe
    assert any("111" in i.value for i in at.info)
