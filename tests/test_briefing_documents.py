"""Briefings made from the sample database, opened as a reader's software would: each DOCX with
python-docx, each PDF's text with pypdf. Their numbers are checked against the metrics layer's
values, read here straight from ``metrics.indicators.values``; the command line's exit statuses too."""
from __future__ import annotations

import re
from datetime import date
from pathlib import Path

import pytest
from docx import Document
from pypdf import PdfReader

from briefings import cli, document, edition, make, pdf, render, text
from etl.periods import Period
from i18n import translate
from metrics import indicators
from metrics.catalogue import load_catalogue
from metrics.db import get_database
from tests.app_fixtures import sample_db  # noqa: F401  (fixture imported by name)

REGION, YEAR = "KZ-61", 2025
MADE = date(2026, 12, 1)
KAZAKH_LETTERS = set("әғқңөұүһі")
# Latin words a Kazakh briefing may hold: the product's name, codes, file names, cells, symbols.
LATIN_ALLOWED = {"CP", "Monitor", "QR", "x", "p", "psc_activity"}
LATIN_PROPER = re.compile(r"[\w.\-]*[\d_.][\w.\-]*")  # file names, cells (C25), codes (KZ-61)


@pytest.fixture(scope="module")
def made(sample_db, tmp_path_factory):
    """Briefings of Turkestan region in three languages and of the nation, public edition, and one
    internal PDF: all with one chart renderer."""
    out = tmp_path_factory.mktemp("briefings")
    db = get_database(sample_db)
    files = {}
    with render.renderer():
        for lang in ("kk", "ru", "en"):
            for path in make.write(db, REGION, YEAR, lang, ["docx", "pdf"], out, edition="public", made=MADE):
                files[(REGION, lang, path.suffix[1:])] = path
        for path in make.write(db, "KZ", YEAR, "en", ["docx", "pdf"], out, edition="public", made=MADE):
            files[("KZ", "en", path.suffix[1:])] = path
        internal = out / "internal"
        for path in make.write(db, REGION, YEAR, "ru", ["docx", "pdf"], internal, edition="internal", made=MADE):
            files[(REGION, "ru-internal", path.suffix[1:])] = path
    return files


def pdf_pages(path: Path) -> list[str]:
    return [page.extract_text() for page in PdfReader(path).pages]


def squeeze(s: str) -> str:
    return re.sub(r"\s+", "", s)


def summary_items(doc) -> list[str]:
    return [p.text for p in doc.paragraphs if p.style.name == "List Bullet"][:8]


def metric_row(frame, indicator_id: str, region: str, period_label: str, lang: str):
    rows = frame[(frame.indicator_id == indicator_id) & (frame.region_code == region) & frame.value.notna()]
    found = [r for r in rows.itertuples() if Period(r.period_start, r.period_end, r.period_kind).label(lang)
             == period_label]
    assert len(found) == 1, (indicator_id, region, period_label)
    return found[0]


@pytest.mark.parametrize("lang", ["kk", "ru", "en"])
def test_docx_has_headings_tables_charts_and_the_metrics_numbers(made, sample_db, lang):
    doc = Document(made[(REGION, lang, "docx")])
    headings = [p.text for p in doc.paragraphs if p.style.name.startswith("Heading") or p.style.name == "Title"]
    assert translate("Summary", lang) in headings and translate("Annex: sources of the figures", lang) in headings
    assert len(doc.inline_shapes) == 2  # the spine chart and the trend panel
    frame = indicators.values(get_database(sample_db))
    names = {document.label(i, lang): i for i in load_catalogue()}
    table = doc.tables[0]
    checked = 0
    for row in table.rows[1:]:
        cells = [c.text for c in row.cells]
        ind = names[cells[0]]
        value = metric_row(frame, ind.id, REGION, cells[7], lang)
        assert cells[1].split(" ")[0] == text.value(ind, value.value, lang), cells
        national = metric_row(frame, ind.id, "KZ", cells[7], lang)
        assert cells[3] == text.value(ind, national.value, lang), cells
        if ind.poisson:
            assert cells[2] == text.interval(ind, value.ci_low, value.ci_high, value.value, lang)
        checked += 1
    assert checked >= 12
    items = summary_items(doc)
    assert 5 <= len(items) <= 8
    # The first sentences: the completed-suicide rate against the nation, then against a year earlier.
    rate = metric_row(frame, "suicide_rate", REGION, Period(date(2025, 1, 1), date(2025, 9, 30), "range").label(lang),
                      lang)
    national = metric_row(frame, "suicide_rate", "KZ", Period(date(2025, 1, 1), date(2025, 9, 30), "range").label(lang),
                          lang)
    suicide = load_catalogue()[0]
    assert text.value(suicide, rate.value, lang) in items[0] and text.count(rate.numerator, lang) in items[0]
    assert text.value(suicide, national.value, lang) in items[0]
    previous = metric_row(frame, "suicide_rate", REGION,
                          Period(date(2024, 1, 1), date(2024, 9, 30), "range").label(lang), lang)
    assert text.value(suicide, previous.value, lang) in items[1]


@pytest.mark.parametrize("lang", ["kk", "ru", "en"])
def test_pdf_text_is_searchable_with_embedded_fonts(made, lang):
    pages = pdf_pages(made[(REGION, lang, "pdf")])
    whole = squeeze("".join(pages))
    for item in summary_items(Document(made[(REGION, lang, "docx")])):
        assert squeeze(item) in whole  # the same sentences in both formats
    reader = PdfReader(made[(REGION, lang, "pdf")])
    fonts = [f for page in reader.pages for f in page["/Resources"]["/Font"].values()]
    descendants = [f.get_object()["/DescendantFonts"][0].get_object() for f in fonts]
    assert descendants and all("/FontFile2" in d["/FontDescriptor"] for d in descendants)
    header = squeeze(text.place(REGION, lang))
    assert all(header in squeeze(p) for p in pages)


def test_kazakh_and_russian_letters(made):
    doc = Document(made[(REGION, "kk", "docx")])
    kk_docx = "\n".join([p.text for p in doc.paragraphs] + [c.text for t in doc.tables for r in t.rows for c in r.cells])
    kk_pdf = "".join(pdf_pages(made[(REGION, "kk", "pdf")]))
    # һ is in no Kazakh text of the catalogue (a letter of a few loanwords): the rest must all be there.
    for doc_text in (kk_pdf, kk_docx):
        assert KAZAKH_LETTERS - {"һ"} <= set(doc_text.lower())
    ru = "".join(pdf_pages(made[(REGION, "ru", "pdf")]))
    assert {"ы", "э", "щ"} <= set(ru.lower()) and "Туркестанская область" in ru


def test_the_pdf_font_renders_every_kazakh_letter(tmp_path):
    """The briefing's PDF route (its HTML, fonts and weasyprint) keeps all nine letters as text."""
    letters = "ӘҒҚҢӨҰҮҺІ әғқңөұүһі"
    blocks = [document.Block("heading", "Қазақ әліпбиі", level=0), document.Block("paragraph", letters)]
    path = pdf.write(blocks, tmp_path / "letters.pdf", lang="kk", header="Қазақстан", internal=False)
    assert letters in pdf_pages(path)[0]


def test_a_kazakh_briefing_has_no_english_words(made):
    doc = Document(made[(REGION, "kk", "docx")])
    texts = [p.text for p in doc.paragraphs] + [c.text for t in doc.tables for r in t.rows for c in r.cells]
    words = {w for t in texts for w in re.findall(r"[A-Za-z][A-Za-z0-9_.]*(?:-[A-Za-z0-9_.]+)*", t)}
    english = {w for w in words if w not in LATIN_ALLOWED and not LATIN_PROPER.fullmatch(w)}
    assert not english


def test_internal_edition_marks_every_page(made):
    notice = translate(edition.NOT_FOR_PUBLICATION, "ru")
    pages = pdf_pages(made[(REGION, "ru-internal", "pdf")])
    assert len(pages) >= 3 and all(squeeze(notice.upper()) in squeeze(p) for p in pages)
    doc = Document(made[(REGION, "ru-internal", "docx")])
    assert notice.upper() in doc.sections[0].header.paragraphs[0].text
    public = pdf_pages(made[(REGION, "ru", "pdf")])
    assert not any(squeeze(notice.upper()) in squeeze(p) for p in public)
    assert translate(edition.LABELS["public"], "ru") in public[0]


def test_illustrative_and_helpline_notices_on_the_cover(made):
    first = squeeze(pdf_pages(made[(REGION, "en", "pdf")])[0])
    assert squeeze("Illustrative sample data") in first and "111" in first and "150" in first


def test_annex_names_file_sheet_and_cell_of_each_figure(made, sample_db):
    doc = Document(made[(REGION, "en", "docx")])
    annex = doc.tables[-1]
    rows = [[c.text for c in r.cells] for r in annex.rows[1:]]
    suicides = [r for r in rows if r[0].startswith("Completed suicides")]
    assert suicides
    from metrics import provenance

    cells = provenance.cells(get_database(sample_db), "suicides_completed", date(2025, 1, 1), date(2025, 9, 30), REGION)
    assert len(cells) == 1
    numerator = next(r for r in suicides if r[3] == cells.source_file.iloc[0])
    assert numerator[4] == cells.source_sheet.iloc[0] and numerator[5] == cells.source_cell.iloc[0]
    assert str(cells.load_id.iloc[0]) in numerator[6]


def test_national_briefing(made, sample_db):
    doc = Document(made[("KZ", "en", "docx")])
    items = summary_items(doc)
    assert 5 <= len(items) <= 8
    frame = indicators.values(get_database(sample_db))
    rate = metric_row(frame, "suicide_rate", "KZ", "January-September 2025", "en")
    assert items[0].startswith("Kazakhstan, January-September 2025") and "139 cases" in items[0]
    assert text.value(load_catalogue()[0], rate.value, "en") in items[0]
    assert not any("statistically significant" in i and "national" in i for i in items)


# --- the command line -----------------------------------------------------------------------------

def test_cli_usage_errors(sample_db, capsys):
    assert cli.main(["--region", "KZ-99", "--period", "2025"]) == cli.EXIT_USAGE
    assert "KZ-99" in capsys.readouterr().err
    assert cli.main(["--region", "KZ-99", "--lang", "en"]) == cli.EXIT_USAGE
    assert "unknown region KZ-99" in capsys.readouterr().err
    assert cli.main(["--region", "KZ-61", "--lang", "de"]) == cli.EXIT_USAGE
    assert cli.main(["--region", "KZ-61", "--format", "odt"]) == cli.EXIT_USAGE
    assert cli.main(["--region", "KZ-61", "--period", "1999", "--lang", "ru"]) == cli.EXIT_USAGE
    assert "1999" in capsys.readouterr().err
    with pytest.raises(SystemExit) as exc:
        cli.main([])  # neither --region nor --all-regions
    assert exc.value.code == cli.EXIT_USAGE


def test_cli_missing_database_is_a_failure(tmp_path, capsys):
    assert cli.main(["--region", "KZ-61", "--db", str(tmp_path / "none.duckdb")]) == cli.EXIT_FAILURE
    assert "none.duckdb" in capsys.readouterr().err


def test_cli_writes_the_files(sample_db, tmp_path, capsys, monkeypatch):
    monkeypatch.setenv("CPM_EDITION", "public")
    assert cli.main(["--region", "KZ-10", "--period", "2024", "--lang", "en", "--format", "docx",
                     "--out", str(tmp_path)]) == cli.EXIT_OK
    written = tmp_path / "cp_briefing_KZ-10_2024_en.docx"
    assert capsys.readouterr().out.strip() == str(written)
    assert Document(written).tables
    monkeypatch.setenv("CPM_EDITION", "draft")
    assert cli.main(["--region", "KZ-10", "--out", str(tmp_path)]) == cli.EXIT_USAGE
