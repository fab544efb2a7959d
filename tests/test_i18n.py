"""The kk/ru/en catalogues cover the code, follow the glossary, and reach the ETL's command line."""
from __future__ import annotations

import csv
import importlib
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from babel.messages.pofile import read_po

from i18n import LANGUAGES, LOCALES_DIR, translate
from ui import formats
from ui import lang as ui_lang

REPO_ROOT = Path(__file__).resolve().parent.parent
catalogues = importlib.import_module("i18n.__main__")
KAZAKH_LETTERS = set("әғқңөұүһіӘҒҚҢӨҰҮҺІ")
FIELD = re.compile(r"\{[^{}]*\}")
QUOTED = re.compile(r"«[^»]*»|\"[^\"]*\"")  # examples of what a file may contain, in any language
PATH = re.compile(r"[\w./\-]+\.(?:xlsx|xls|csv|toml|py)\b", re.IGNORECASE)  # file names and paths
# Latin words a Kazakh or Russian message may keep: formats, encodings and programme names.
LATIN_ALLOWED = {"UTF", "Windows", "ZIP", "Excel", "QR", "SHA", "UTC", "CSV", "TOML", "CP", "Monitor", "GeoJSON",
                 "FeatureCollection", "ISO", "KZ", "python",
                 "etl", "ensure", "db", "xlsx", "xls", "csv", "XLSX", "README", "datapackage", "json", "Frictionless",
                 # kinds of file a loader is sent by mistake, named as their programmes name them
                 "PDF", "RTF", "RAR", "Zip", "gzip", "XML", "OpenDocument", "Office", "Word", "PowerPoint",
                 "Outlook", "xlsb", "ods", "doc", "ppt", "msg", "mht"}
CLI_TIMEOUT = 120


def _template():
    with catalogues.TEMPLATE.open("rb") as fh:
        return [m for m in read_po(fh) if m.id]


def _catalogue(lang: str) -> dict:
    with catalogues.po_path(lang).open("rb") as fh:
        return {m.id: m for m in read_po(fh, locale=lang) if m.id}


TEMPLATE_IDS = [m.id for m in _template()]


# --- catalogues ----------------------------------------------------------------------------

def test_template_holds_every_msgid_in_the_code():
    in_code = {m.id for m in catalogues.extract_template() if m.id}
    assert in_code, "extraction found nothing: check babel.cfg"
    missing = sorted(in_code - set(TEMPLATE_IDS))
    assert not missing, f"run `python -m i18n extract`; not in messages.pot: {missing}"


@pytest.mark.parametrize("lang", LANGUAGES)
def test_every_msgid_is_translated_with_the_same_fields(lang):
    catalogue = _catalogue(lang)
    problems = []
    for msgid in TEMPLATE_IDS:
        message = catalogue.get(msgid)
        if message is None or not message.string or message.fuzzy:
            problems.append(f"untranslated: {msgid!r}")
        elif catalogues.fields(message.string) != catalogues.fields(msgid):
            problems.append(f"fields differ: {msgid!r} -> {message.string!r}")
    assert not problems, "\n".join(problems)


def test_english_catalogue_is_the_msgids():
    catalogue = _catalogue("en")
    assert all(catalogue[msgid].string == msgid for msgid in TEMPLATE_IDS)


def test_translations_render_with_their_fields():
    for lang in LANGUAGES:
        for msgid in TEMPLATE_IDS:
            params = {name: f"<{name}>" for name in catalogues.fields(msgid)}
            text = translate(msgid, lang, **params)
            assert all(f"<{name}>" in text for name in params), (lang, msgid, text)


def _words(text: str) -> list[str]:
    return re.findall(r"[^\W\d_]+", QUOTED.sub(" ", PATH.sub(" ", FIELD.sub(" ", text))))


# Kazakh translations of four words or more that happen to need none of the Kazakh-only letters.
KAZAKH_WITHOUT_KAZAKH_LETTERS = {translate(msgid, "kk") for msgid in ("By sex and age",)}


def test_kazakh_sentences_are_kazakh():
    """A Kazakh translation of four words or more contains a letter Russian does not have."""
    russian_looking = [m.string for m in _catalogue("kk").values()
                       if len(_words(m.string)) >= 4 and not KAZAKH_LETTERS & set("".join(_words(m.string)))
                       and m.string not in KAZAKH_WITHOUT_KAZAKH_LETTERS]
    assert not russian_looking, russian_looking


@pytest.mark.parametrize("lang", ["kk", "ru"])
def test_translations_keep_no_english_words(lang):
    leaks = {}
    for msgid, message in _catalogue(lang).items():
        latin = [w for w in _words(message.string) if re.fullmatch(r"[A-Za-z]+", w) and len(w) >= 2
                 and w not in LATIN_ALLOWED]
        if latin:
            leaks[msgid] = latin
    assert not leaks, leaks


def test_russian_translations_have_no_kazakh_letters():
    found = [m.string for m in _catalogue("ru").values() if KAZAKH_LETTERS & set("".join(_words(m.string)))]
    assert not found, found


def test_check_command_passes_and_fails_on_a_gap(tmp_path, monkeypatch):
    result = subprocess.run([sys.executable, "-m", "i18n", "check"], cwd=REPO_ROOT, capture_output=True, text=True,
                            timeout=CLI_TIMEOUT)
    assert result.returncode == 0, result.stdout + result.stderr
    # A copy of the catalogues with one Kazakh translation removed must fail the check.
    copy = tmp_path / "locales"
    shutil.copytree(LOCALES_DIR, copy)
    kk = copy / "kk" / "LC_MESSAGES" / "messages.po"
    with kk.open("rb") as fh:
        catalogue = read_po(fh, locale="kk")
    catalogue[TEMPLATE_IDS[0]].string = ""
    kk.write_bytes(catalogues._serialise(catalogue))
    monkeypatch.setattr(catalogues, "LOCALES_DIR", copy)
    found = catalogues.problems()
    assert found == [f"kk: {TEMPLATE_IDS[0]!r} is untranslated"]
    assert catalogues.check() == 1


# --- glossary ------------------------------------------------------------------------------

GLOSSARY = REPO_ROOT / "i18n" / "glossary.csv"
REQUIRED_TERMS = [
    "completed suicide", "suicide attempt", "minor", "Psychological Support Centre (PSC)", "school psychologist",
    "Comprehensive Plan", "akimat", "Children's Ombudsman", "contact centre 111", "children's helpline 150",
    "region", "oblast", "city of republican significance", "provisional", "illustrative", "suppressed",
    "rate per 100000 children", "confidence interval", "year to date", "revision", "load", "source file", "sheet",
    "cell"]
# Where the English word names something the glossary term does not (a proper name, say).
_SOUTH_KAZAKHSTAN = ('"{label}" is the former South Kazakhstan Region, which also contained Shymkent until June 2018; '
                     'its figures are not comparable with Turkestan Region alone')
_COVERAGE = ("How far the measures of the plan reach each of the 20 regions: any indicator on a map of equal squares, "
             "school psychologists against the norm, appeals to the 111 contact centre and the Psychological "
             "Support Centres.")
GLOSSARY_EXCEPTIONS = {(_SOUTH_KAZAKHSTAN, "region"), (_SOUTH_KAZAKHSTAN, "figure"),
                       (_COVERAGE, "measure")}  # the plan's measures (мероприятия), not a measure counted


def _glossary() -> list[dict]:
    with GLOSSARY.open(encoding="utf-8", newline="") as fh:
        return list(csv.DictReader(fh))


def test_glossary_has_the_domain_terms():
    rows = _glossary()
    assert list(rows[0]) == ["term_en", "term_ru", "term_kk", "note"]
    terms = {r["term_en"] for r in rows}
    assert not [t for t in REQUIRED_TERMS if t not in terms]
    for row in rows:
        assert row["term_en"] and row["term_ru"] and row["term_kk"], row
        assert not KAZAKH_LETTERS & set(row["term_ru"]), row
    assert {r["term_en"]: r["term_kk"] for r in rows}["Psychological Support Centre (PSC)"].startswith(
        "Психологиялық қолдау орталығы")


def _stems(term: str) -> list[str]:
    """The start of each word, enough to find the term in an inflected form (Kazakh парақ -> парағы,
    Russian ячейка -> ячейке, дети -> детей): four letters, or one letter less for short words."""
    words = re.findall(r"[^\W\d_]+", re.sub(r"\(.*?\)", "", term).casefold())
    return [w[:4] if len(w) > 5 else w[:max(3, len(w) - 1)] for w in words]


def test_translations_use_the_glossary_terms():
    rows = sorted(_glossary(), key=lambda r: -len(re.sub(r"\s*\(.*?\)", "", r["term_en"])))
    catalogues_by_lang = {lang: _catalogue(lang) for lang in ("ru", "kk")}
    misses = []
    for msgid in TEMPLATE_IDS:
        english = FIELD.sub(" ", msgid).casefold()
        for row in rows:
            term = re.sub(r"\s*\(.*?\)", "", row["term_en"]).strip().casefold()
            pattern = re.compile(rf"(?<![\w-]){re.escape(term)}(?:s|es|ed)?(?!\w)")
            if not pattern.search(english):
                continue
            english = pattern.sub(" ", english)  # a longer term ("source file") hides a shorter one ("source")
            if (msgid, row["term_en"]) in GLOSSARY_EXCEPTIONS:
                continue
            for lang in ("ru", "kk"):
                text = catalogues_by_lang[lang][msgid].string.casefold()
                alternatives = row[f"term_{lang}"].split(" / ")  # "ребёнок / дети": either form will do
                if not any(all(stem in text for stem in _stems(term)) for term in alternatives):
                    misses.append(f"{lang}: {msgid!r} should use {row[f'term_{lang}']!r}: {text!r}")
    assert not misses, "\n".join(misses)


# --- number formats and sorting ------------------------------------------------------------

@pytest.mark.parametrize("lang, big, share, separators", [
    ("kk", "1\u00a0234\u00a0567,5", "27,8%", ",\u00a0"),
    ("ru", "1\u00a0234\u00a0567,5", "27,8\u00a0%", ",\u00a0"),
    ("en", "1,234,567.5", "27.8%", ".,"),
])
def test_number_formats(lang, big, share, separators):
    assert formats.number(1234567.5, lang) == big
    assert formats.percent(0.2784, lang) == share
    assert formats.plotly_separators(lang) == separators
    assert formats.integer(6841527, lang) == {"en": "6,841,527"}.get(lang, "6\u00a0841\u00a0527")
    assert formats.signed(-43, lang) == "-43" and formats.signed(8, lang) == "+8" and formats.signed(0, lang) == "0"
    assert formats.number(float("nan"), lang) == "—"


def test_alphabetical_order_follows_each_alphabet():
    kk = ["Шымкент қаласы", "Қарағанды облысы", "Абай облысы", "Ақмола облысы", "Ұлытау облысы", "Жамбыл облысы"]
    assert sorted(kk, key=lambda n: formats.sort_key(n, "kk")) == [
        "Абай облысы", "Ақмола облысы", "Жамбыл облысы", "Қарағанды облысы", "Ұлытау облысы", "Шымкент қаласы"]
    # Where Kazakh readers expect the Kazakh letters: ақ before ат, Қ before Ш, і after ы.
    assert formats.sorted_names(["Атырау облысы", "Ақмола облысы", "Іле", "Ырғыз", "Қарағанды облысы",
                                 "Шығыс Қазақстан облысы"], "kk") == [
        "Ақмола облысы", "Атырау облысы", "Қарағанды облысы", "Шығыс Қазақстан облысы", "Ырғыз", "Іле"]
    ru = ["Ёлкино", "Яблоко", "Ежовка", "Жанатас"]
    assert sorted(ru, key=lambda n: formats.sort_key(n, "ru")) == ["Ежовка", "Ёлкино", "Жанатас", "Яблоко"]


# --- the browser's language ----------------------------------------------------------------

@pytest.mark.parametrize("tag, lang", [("kk-KZ", "kk"), ("kk", "kk"), ("ru-RU", "ru"), ("ru", "ru"), ("en-US", "en"),
                                       ("en_GB", "en"), ("de-DE", None), ("", None), (None, None)])
def test_primary_language_of_a_browser_tag(tag, lang):
    assert ui_lang._primary(tag) == lang


def test_accept_language_header_order():
    assert ui_lang._accept_language("de-DE,de;q=0.9,kk;q=0.8,ru;q=0.7") == ["de-DE", "de", "kk", "ru"]
    assert ui_lang._accept_language("en;q=0.5, ru") == ["ru", "en"]
    assert ui_lang._accept_language("ru;q=0, en") == ["en"]
    assert ui_lang._accept_language(None) == []


# --- the ETL's messages on the command line --------------------------------------------------

def _validate(path: Path, *args: str, env_lang: str | None = None) -> subprocess.CompletedProcess:
    env = {k: v for k, v in os.environ.items() if k != "CPM_LANG"}
    if env_lang:
        env["CPM_LANG"] = env_lang
    return subprocess.run([sys.executable, "-m", "etl", "validate", *args, str(path)], cwd=REPO_ROOT, env=env,
                          capture_output=True, text=True, timeout=CLI_TIMEOUT)


@pytest.fixture(scope="module")
def bad_file(tmp_path_factory) -> Path:
    """A CSV with columns but no table an agency sends: the ETL refuses it."""
    path = tmp_path_factory.mktemp("bad") / "notes.csv"
    path.write_text("note;text\n1;hello\n", encoding="utf-8")
    return path


@pytest.mark.parametrize("args, env_lang, lang", [
    (["--lang", "ru"], None, "ru"),
    (["--lang", "kk"], None, "kk"),
    (["--lang", "en"], "kk", "en"),  # the option wins over $CPM_LANG
    ([], "kk", "kk"),
    ([], None, "en"),
])
def test_validate_speaks_the_chosen_language(bad_file, args, env_lang, lang):
    result = _validate(bad_file, *args, env_lang=env_lang)
    assert result.returncode == 1, result.stderr
    msgid = "the file matches no known source: no header with the expected keywords found"
    expected = translate(msgid, lang)
    assert f"notes.csv: {expected}" in result.stdout
    assert f"notes.csv: {translate('refused', lang)}" in result.stdout
    summary = translate("{loaded} loaded, {warning} with warnings, {refused} refused, {unchanged} unchanged", lang,
                        loaded=0, warning=0, refused=1, unchanged=0)
    assert summary in result.stdout
    if lang == "ru":
        assert "файл не соответствует ни одному известному источнику" in result.stdout
        assert not KAZAKH_LETTERS & set(result.stdout)
    elif lang == "kk":
        assert "файл белгілі дереккөздердің ешқайсысына сәйкес келмейді" in result.stdout
        assert KAZAKH_LETTERS & set(result.stdout)
    else:
        assert not re.search("[А-Яа-яЁё]", result.stdout)


def test_validate_json_messages_are_translated(bad_file):
    import json

    result = _validate(bad_file, "--json", "--lang", "kk")
    report = json.loads(result.stdout)
    assert report[0]["status"] == "refused"
    assert report[0]["messages"][0]["text"] == translate(
        "the file matches no known source: no header with the expected keywords found", "kk")


def test_periods_and_region_names_inside_etl_messages_follow_the_language(tmp_path):
    from etl.pipeline import parse_file

    path = tmp_path / "dup.csv"
    path.write_text("Сведения о суицидах за январь-сентябрь 2024 года\nРегион;Суициды;Попытки суицида\n"
                    "Акмолинская область;3;5\nАкмолинская область;4;6\nг. Астана;2;2\n", encoding="utf-8")
    [message, *_] = [m for m in parse_file(path).messages if m.level == "error"]
    assert "Akmola Region" in message.text("en") and "January-September 2024" in message.text("en")
    assert "Акмолинская область" in message.text("ru") and "январь-сентябрь 2024" in message.text("ru")
    assert "Ақмола облысы" in message.text("kk") and "2024 жылғы қаңтар-қыркүйек" in message.text("kk")
