"""Sources cited as a reader cites them: agency, table title, date and link (data/source_citations.toml)."""
from __future__ import annotations

from datetime import date

from metrics import citations
from metrics.catalogue import indicator
from ui import notices


def test_every_source_has_agency_and_title_in_three_languages():
    known = citations.citations()
    assert set(known) == {"kpssu_summary", "kpssu_detail", "psc_network", "school_psych", "helpline_111",
                          "psc_activity", "population"}
    for citation in known.values():
        for lang in ("kk", "ru", "en"):
            agency, title = citation.text(lang)
            assert agency and title and agency == citation.agency[lang] and title == citation.title[lang]


def test_an_indicator_is_cited_by_its_numerator_and_denominator_sources():
    assert citations.sources_of(indicator("attempt_rate")) == ["kpssu_summary", "population"]
    assert citations.sources_of(indicator("psc_positions_filled_pct")) == ["psc_network"]
    assert citations.sources_of(indicator("psc_cases_bullying_share")) == ["psc_activity"]
    assert citations.sources_of(indicator("schools_meeting_norm_pct")) == ["school_psych"]


def test_caption_names_agency_title_received_date_and_link():
    text = notices.cite("ru", ["kpssu_summary", "population"], {"kpssu_summary": date(2025, 10, 14)})
    assert text == ("Комитет по правовой статистике и специальным учётам Генеральной прокуратуры, «Суициды и попытки "
                    "суицида несовершеннолетних по регионам», получено 14.10.2025 (https://qamqor.gov.kz); "
                    "Бюро национальной статистики, «Численность населения по возрастным группам на 1 января» "
                    "(https://stat.gov.kz)")
    assert notices.cite("en", ["unknown_source"], {}) == "unknown_source"
