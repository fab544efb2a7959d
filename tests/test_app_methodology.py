"""The Methodology page: generated from the catalogue file and the constants of metrics/stats.py."""
from __future__ import annotations

import pytest

from etl.regions import region_by_code
from metrics import indicators, methodology, stats
from metrics.catalogue import load_catalogue
from tests.metrics_fixtures import REAL_CATALOGUE, dataframe_with, downloads, run_page, with_target  # noqa: F401


@pytest.fixture(autouse=True)
def real_catalogue(monkeypatch):
    """The page needs no database; the shipped catalogue unless a test points elsewhere."""
    monkeypatch.delenv("CPM_INDICATORS", raising=False)


def rules_text(at) -> str:
    return next(m.value for m in at.markdown if m.value.startswith("- A rate"))


def test_page_runs_with_every_indicator(downloads):
    at = run_page("methodology")
    assert [t.value for t in at.title] == ["Methodology"]
    catalogue = load_catalogue()
    table = dataframe_with(at, "Identifier")
    assert table["Identifier"].tolist() == [i.id for i in catalogue]
    assert table["Indicator"].tolist() == [i.name("en") for i in catalogue]
    assert [e.label for e in at.expander] == [i.name("en") for i in catalogue]
    assert downloads["indicators.toml"] == REAL_CATALOGUE.read_bytes()


def test_every_field_of_an_indicator_is_shown():
    at = run_page("methodology")
    catalogue = load_catalogue()
    sheets = [m.value for m in at.markdown if m.value.startswith("- **Identifier:**")]
    assert len(sheets) == len(catalogue)
    for sheet, indicator in zip(sheets, catalogue):
        assert f"`{indicator.id}`" in sheet
        for lang in ("kk", "ru", "en"):
            assert indicator.names[lang] in sheet
        assert indicator.definition("en") in sheet
        assert methodology.series_label(indicator.numerator, "en") in sheet
        if indicator.denominator:
            assert methodology.series_label(indicator.denominator, "en") in sheet
        assert f"**Unit:** {indicator.unit('en')}" in sheet
        assert methodology.DIRECTION_LABELS[indicator.direction] in sheet
        assert f"**Sources:** {indicator.text('sources', 'en')}" in sheet
        assert f"**Responsible:** {indicator.text('responsible', 'en') or '—'}" in sheet
        assert f"**Notes:** {indicator.text('notes', 'en') or '—'}" in sheet
        if indicator.baseline_period is not None:
            assert indicator.baseline_period.label("en") in sheet
        if indicator.target_value is not None:
            assert methodology.TARGET_STATUS_LABELS[indicator.target_status] in sheet


def test_targets_say_official_or_proposed():
    at = run_page("methodology")
    table = dataframe_with(at, "Identifier").set_index("Identifier")
    assert table.loc["psc_regions", "Target"] == "20 by 31 December 2024 (official)"
    assert table.loc["suicide_rate", "Target"] == "2.50 by 31 December 2025 (proposed, to be confirmed)"
    assert table.loc["suicide_rate", "Baseline"] == "3.02 (2023)"
    assert table.loc["attempt_rate", "Target"] == "none"


def test_rules_quote_the_constants_of_the_code():
    text = rules_text(run_page("methodology"))
    assert f"{stats.CONFIDENCE:.0%}" == "95%"
    assert "95% confidence intervals" in text
    assert f"fewer than {stats.UNRELIABLE_BELOW} events" in text
    assert "per 100,000 children, per 10,000 children, per 1,000 children" in text
    for new, old in indicators.COMPARABLE.items():
        assert f"{region_by_code(new).name_en} → {region_by_code(old).name_en}" in text
    assert "the 3 regions whose number of children" in text


def test_rules_follow_the_constants_when_they_change(monkeypatch):
    monkeypatch.setattr(stats, "CONFIDENCE", 0.90)
    monkeypatch.setattr(stats, "UNRELIABLE_BELOW", 25)
    text = rules_text(run_page("methodology"))
    assert "90% confidence intervals" in text and "95%" not in text
    assert "fewer than 25 events" in text


def test_comparable_geography_table_lists_the_merges():
    at = run_page("methodology")
    merges = dataframe_with(at, "Region created on 8 June 2022")
    assert list(zip(merges["Region created on 8 June 2022"], merges["Counted within"])) == [
        (region_by_code(new).name_en, region_by_code(old).name_en) for new, old in indicators.COMPARABLE.items()]


def test_status_legend_has_every_status():
    at = run_page("methodology")
    legend = next(m.value for m in at.markdown if m.value.startswith("<span"))
    for status, label in methodology.STATUS_LABELS.items():
        assert label in legend and methodology.STATUS_MEANINGS[status] in legend


def test_an_edited_catalogue_shows_with_no_code_change(tmp_path, monkeypatch):
    edited = tmp_path / "indicators.toml"
    edited.write_text(with_target(REAL_CATALOGUE.read_text(encoding="utf-8"), "suicide_rate", 2.2), encoding="utf-8")
    monkeypatch.setenv("CPM_INDICATORS", str(edited))
    table = dataframe_with(run_page("methodology"), "Identifier").set_index("Identifier")
    assert table.loc["suicide_rate", "Target"] == "2.20 by 31 December 2025 (proposed, to be confirmed)"


@pytest.mark.parametrize("lang", ["ru", "kk"])
def test_other_languages_run(lang):
    at = run_page("methodology", lang=lang)
    assert [e.label for e in at.expander] == [i.name(lang) for i in load_catalogue()]
