"""A briefing made in the public edition holds no figure the public file lacks.

Briefings are made as the public edition makes them (``CPM_EDITION=public``: the metrics layer opens
only the public snapshot), for the region with the most hidden counts and for the nation, in English
and Russian (the nation in English). Every number in each DOCX (paragraphs and the indicator table) and in each PDF's text
(up to the annex, which names files, sheets, cells and loads) must be the shown form of a figure of
the public file (a count, an indicator value, its interval, a target of the catalogue or what the
scorecard derives from them), a date or period, or one of the fixed numbers of the text (the
threshold, 20 events, the 111 and 150 helplines, 95%). Hidden figures appear only as "<5" and "x".
"""
from __future__ import annotations

import re
from datetime import date

import duckdb
import pytest
from babel.dates import get_month_names
from docx import Document
from pypdf import PdfReader

from briefings import document, make, render, summary, text
from i18n import translate
from metrics import indicators, schools, scorecard, stats
from metrics.catalogue import load_catalogue
from metrics.db import get_database, snapshot_path
from metrics.methodology import percent
from tests.app_fixtures import sample_db  # noqa: F401  (fixture imported by name)
from ui import formats

YEAR, MADE = 2025, date(2026, 12, 1)
LANGS = ("en", "ru")
NUMBER = {"en": re.compile(r"\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?"),
          "ru": re.compile(r"\d{1,3}(?:[\u00a0\u202f]\d{3})+(?:,\d+)?|\d+(?:,\d+)?")}
UNIT_IN_NAME = re.compile(r"\b(1|10|100) 000\b")  # "на 100 000 детей" in a name, a plain space
CODE_WORD = re.compile(r"\S*[A-Za-z_]\S*\d\S*|\S*\d\S*[A-Za-z_]\S*")  # file names, cells, KZ-61, "per-500-pupils"
DOTTED_DAY = re.compile(r"\d{2}\.\d{2}\.\d{4}")


def _hidden_region(public) -> str:
    con = duckdb.connect(str(public), read_only=True)
    try:
        return con.execute("""
            SELECT region_code FROM indicator_values WHERE suppressed IS NOT NULL AND year(period_end) = ?
              AND region_code IN (SELECT region_code FROM regions)
            GROUP BY region_code ORDER BY count(*) DESC, region_code LIMIT 1""", [YEAR]).fetchone()[0]
    finally:
        con.close()


@pytest.fixture(scope="module")
def public_briefings(sample_db, tmp_path_factory):  # noqa: F811
    out = tmp_path_factory.mktemp("public-briefings")
    public = snapshot_path("public", sample_db)
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("CPM_EDITION", "public")
        patch.setenv("CPM_DB", str(sample_db))
        patch.delenv("CPM_PUBLIC_DB", raising=False)
        db = get_database()
        assert db.path == public.resolve()
        region = _hidden_region(public)
        files = {}
        with render.renderer():
            for code, langs in ((region, LANGS), ("KZ", ("en",))):
                for lang in langs:
                    for path in make.write(db, code, YEAR, lang, ["docx", "pdf"], out, edition="public", made=MADE):
                        files[(code, lang, path.suffix[1:])] = path
        frame = indicators.values(db)
        patch.setenv("CPM_EDITION", "internal")
        with render.renderer():
            (internal,) = make.write(get_database(snapshot_path("internal", sample_db)), region, YEAR, "en", ["docx"],
                                     out / "internal", edition="internal", made=MADE)
        files[(region, "en-internal", "docx")] = internal
    return {"files": files, "region": region, "frame": frame, "public": public}


def allowed(frame, lang: str) -> set[str]:
    """Every shown form of a figure of the public file in ``lang``, with the fixed numbers of the text."""
    shown = set()
    catalogue = {i.id: i for i in load_catalogue()}
    for row in frame[frame.value.notna()].itertuples():
        ind = catalogue[row.indicator_id]
        shown.add(text.value(ind, row.value, lang))
        shown.update(text.interval(ind, row.ci_low, row.ci_high, row.value, lang).split("–"))
        for n in (row.numerator, row.denominator):
            if n == n and n is not None:
                shown.add(text.count(n, lang))
    for ind in catalogue.values():
        for code in frame.region_code.unique():
            got = scorecard.row_for(frame, ind, code)
            for key in ("latest_value", "baseline_value", "target_value"):
                if got.get(key) is not None:
                    shown.add(text.value(ind, got[key], lang))
            if got.get("baseline_value") is not None and ind.baseline_period and ind.target_value is not None \
                    and got["latest_period"] is not None:
                shown.add(text.value(ind, stats.expected_on_path(got["baseline_value"], ind.baseline_period.end,
                                                                 ind.target_value, ind.target_deadline,
                                                                 got["latest_period"].end), lang))
    fixed = [stats.UNRELIABLE_BELOW, schools.norm(), 111, 150, 1_000, 10_000, 100_000, 0]
    shown.update(formats.integer(n, lang) for n in fixed)
    shown.update({percent(), f"{(1 - stats.CONFIDENCE) * 100:g}"})
    return {_spaces(s) for s in shown}


def _spaces(token: str) -> str:
    """Thousands are grouped by a no-break space in figures and by a plain one in some names."""
    return token.replace("\u00a0", " ").replace("\u202f", " ")


def without_target_counts(texts: list[str], lang: str) -> list[str]:
    """The summary's sentence counting indicators by status states no figure of the file: its numbers
    are checked to add up and taken out."""
    pattern = re.escape(translate(summary.TARGETS, lang, total="@", met="@", on_track="@", off_track="@"))
    pattern = re.compile(pattern.replace("@", r"(\d+)"))
    out = []
    for t in texts:
        found = pattern.search(t)
        if found:
            total, *parts = (int(n) for n in found.groups())
            assert total == sum(parts) <= len(load_catalogue()), t
            t = pattern.sub(" ", t)
        out.append(t)
    return out


def numbers(texts: list[str], lang: str, threshold: int = 5) -> list[str]:
    """The number tokens of the texts, with dates, periods, codes and the hidden marks taken out."""
    texts = without_target_counts([re.sub(r"[ \t\r\n]+", " ", t) for t in texts], lang)  # a PDF breaks lines anywhere
    months = [m for form in ("format", "stand-alone") for m in
              get_month_names("wide", context=form, locale=formats.locale(lang)).values()]
    day = re.compile(rf"\d{{1,2}}\s+(?:{'|'.join(months)})|(?:{'|'.join(months)})\s+\d{{1,2}},", re.IGNORECASE)
    found = []
    for t in texts:
        t = UNIT_IN_NAME.sub("\\1\u00a0000", t)
        t = CODE_WORD.sub(" ", DOTTED_DAY.sub(" ", t))
        t = re.sub(rf"(?<![\d.,])1 (?:to|до) {threshold - 1}(?![\d.,])", " ", t.replace(f"<{threshold}", " "))
        t = day.sub(" ", t)
        for token in NUMBER[lang].findall(t):
            if not (len(token) == 4 and token.isdigit() and 2000 <= int(token) <= 2035):  # a year
                found.append(_spaces(token))
    return found


def docx_texts(path) -> list[str]:
    doc = Document(path)
    tables = doc.tables[:-1]  # the last table is the annex of sources
    return [p.text for p in doc.paragraphs] + [c.text for t in tables for r in t.rows for c in r.cells]


def pdf_text(path, lang: str) -> str:
    pages = PdfReader(path).pages
    footer = re.compile(rf"^\d+ / {len(pages)}$", re.MULTILINE)  # the page numbers
    whole = footer.sub(" ", "\n".join(page.extract_text() for page in pages))
    head = translate(document.H_ANNEX, lang)
    return whole[:whole.rindex(head)] if head in whole else whole


@pytest.mark.parametrize("which, lang", [("region", "en"), ("region", "ru"), ("nation", "en")])
def test_every_number_of_a_public_briefing_is_in_the_public_file(public_briefings, which, lang):
    code = public_briefings["region"] if which == "region" else "KZ"
    ok = allowed(public_briefings["frame"], lang)
    for fmt in ("docx", "pdf"):
        path = public_briefings["files"][(code, lang, fmt)]
        texts = docx_texts(path) if fmt == "docx" else [pdf_text(path, lang)]
        found = numbers(texts, lang)
        assert len(found) > 20, (fmt, found)
        unknown = sorted(set(found) - ok)
        assert not unknown, (code, lang, fmt, unknown)


def test_hidden_figures_appear_as_marks_never_as_values(public_briefings):
    """The region's indicators withheld for the whole year are in the table with "<5" or "x" (a rate
    of a hidden count as "— (<5)"), and the summary states none of them."""
    region = public_briefings["region"]
    con = duckdb.connect(str(public_briefings["public"]), read_only=True)
    try:
        withheld = con.execute("""
            SELECT DISTINCT indicator_id FROM indicator_values WHERE region_code = ? AND suppressed IS NOT NULL
              AND year(period_end) = ? AND geography = 'current'
              AND indicator_id NOT IN (SELECT indicator_id FROM indicator_values WHERE region_code = ?
                                       AND value IS NOT NULL AND year(period_end) = ? AND geography = 'current')""",
                               [region, YEAR, region, YEAR]).fetchall()
    finally:
        con.close()
    assert withheld
    doc = Document(public_briefings["files"][(region, "en", "docx")])
    names = {document.label(i, "en"): i.id for i in load_catalogue()}
    rows = {names[r.cells[0].text]: r.cells[1].text for r in doc.tables[0].rows[1:]}
    for (indicator_id,) in withheld:
        assert rows[indicator_id] in ("<5", "x", "— (<5)", "— (x)"), (indicator_id, rows[indicator_id])
    said = [p.text for p in doc.paragraphs if p.style.name == "List Bullet"]
    hidden_names = [i.name("en") for i in load_catalogue() if (i.id,) in withheld]
    assert said and not any(name in s for name in hidden_names for s in said)


def test_the_check_finds_the_exact_figures_of_the_internal_edition(public_briefings):
    """The same briefing made from the internal file states figures the public file withholds: the
    check above would catch them."""
    path = public_briefings["files"][(public_briefings["region"], "en-internal", "docx")]
    unknown = set(numbers(docx_texts(path), "en")) - allowed(public_briefings["frame"], "en")
    assert unknown
