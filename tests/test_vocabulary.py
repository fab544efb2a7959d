"""The agencies' wording as data: every wording in data/vocabulary/ names its term; unknown
columns and rows are reported with their cell, the closest wordings and the file to add them to;
adding the wording to a copy of the vocabulary makes the same file load with no code change;
ambiguous labels, missing measures and a tie between sources are refused; implausible figures
(a suicide table read as population) are refused."""
from __future__ import annotations

import json
import shutil

import pytest

from core.text import fold
from etl import vocabulary as vocab_mod
from core.contracts import spec, spec_ids
from etl.pipeline import parse_file
from etl.sources import psc_words
from etl.sources.psc_activity import classify
from etl.vocabulary import vocabulary
from helpers import SheetSpec, default_rows, errors, find_message, located, messages, summary_sheet, values, write_xlsx
from test_psc_activity import KK, RU, VALUES, report, values_of

SOURCES = spec_ids()
KEYWORD_TABLES = ("keywords", "headings", "suffixes")  # parts of labels, weighed by the parser's code
TERMS = [(source, table, name, w.text) for source in SOURCES
         for table, terms in vocabulary(source).tables.items() if table not in KEYWORD_TABLES
         for name, term in terms.items() for w in term.words]
SHARED = [(source, table, name, w.text) for source in ("common", "regions")
          for table, terms in vocabulary(source).tables.items() for name, term in terms.items() for w in term.words]
KEYWORDS = [(table, name, w) for table in ("keywords", "headings")
            for name, term in vocabulary("psc_activity").table(table).items() for w in term.words]


@pytest.mark.parametrize("source, table, name, wording", TERMS, ids=lambda v: str(v))
def test_every_wording_names_its_term(source, table, name, wording):
    assert vocabulary(source).match(wording, table).name == name
    if source == "psc_activity" and table == "rows":
        assert classify(wording) == (name, "")
    # Folding: case, spaces, numbering and "ё"/Kazakh letters never change what a wording names.
    assert vocabulary(source).match(f"2.1.  {wording.upper()}", table).name == name


def test_every_source_has_a_vocabulary_with_its_measures():
    for source in SOURCES:
        terms = vocabulary(source).table("rows" if source == "psc_activity" else "measures")
        counted = {m for m, ms in spec(source).measures.items()}
        assert set(terms) == counted or source == "kpssu_detail" and set(terms) <= counted, source


@pytest.mark.parametrize("table, name, wording", KEYWORDS, ids=lambda v: getattr(v, "text", str(v)))
def test_every_psc_keyword_is_found_where_it_is_written(table, name, wording):
    words = psc_words.words()
    term = vocabulary("psc_activity").table(table)[name]
    written = wording.text.replace("...", "…").replace("…", "ные")  # "передан… в": "переданные в"
    if term.exact:
        assert words.whole(name, fold(written))
        return
    ref = f"{table}.{name}"
    # in a label, upper-cased, with spaces and numbering around it
    assert words.search(ref, fold(f"2.1.  {written.upper()} ")), wording
    if wording.mode == "whole":
        assert vocab_mod.compiled([wording]).search(fold(f"а{written}а")) is None


@pytest.mark.parametrize("source, table, name, wording", SHARED, ids=lambda v: str(v))
def test_every_shared_wording_is_read(source, table, name, wording):
    assert vocabulary(source).table(table)[name].hit(fold(f"  {wording.upper()} ")) is not None
    if source == "regions":
        from etl.region_words import region_words

        words = region_words()
        sets = {"markers": set(words.markers), "kinds": words.kind_words,
                "suffixes": set(words.case_endings), "rows": words.total | words.fillers | set(words.subrow_words)
                | set(words.subrow_signs), "kind_forms": set(words.kind_stems), "possessive": set(words.possessive),
                "glued": {k for k in [fold(wording)] if words.glued.match(k + "алматы")},
                "phrases": {" ".join(p) for p in words.phrases},
                "nominative": {f"{e} → {n}".strip() for e, n in words.nominative}, "names": set(words.possessive)}
        assert fold(wording) in sets[table]


def test_a_keyword_gives_way_to_its_excluding_words():
    words = psc_words.words()
    assert words.search("target_self", fold("Обратились сами (self-referral)"))
    assert not words.search("target_self", fold("Self-harm"))
    assert classify("Self-harm") == ("cases_suicidal", "")


def test_a_keyword_added_to_the_vocabulary_is_read_with_no_code_change(tmp_path, monkeypatch):
    label = "Направлено в наркологический диспансер"
    assert classify(label) == (None, "unknown")
    copy = tmp_path / "vocabulary"
    shutil.copytree(vocab_mod.DEFAULT_DIR, copy)
    toml = copy / "psc_activity.toml"
    text = toml.read_text(encoding="utf-8")
    head = '[keywords.target_health]\nru = ['
    assert head in text
    toml.write_text(text.replace(head, head + '"диспансер", '), encoding="utf-8")
    monkeypatch.setenv(vocab_mod.DIR_ENV, str(copy))
    assert classify(label) == ("referrals_out_health", "")
    assert classify("Диспансерлерге жіберілді") == ("referrals_out_health", "")


@pytest.mark.parametrize("text, folded", [
    ("2.1. Групповые  занятия", "групповые занятия"), ("4) Полиция*", "полиция"),
    ("Қаңтар–Қыркүйек", "кантар-кыркуйек"), ("Всё\u00a0население", "все население"), ("IV. Итого", "итого"),
    ("а) школы", "школы"), ("2024 год", "2024 год"), ("1 234", "1 234")])
def test_one_normaliser(text, folded):
    assert fold(text) == folded


# --- PSC reports with other wordings -------------------------------------------------------

SYNONYMS = {
    "ru": {"consultations_group": "Проведено групповых занятий", "referrals_in_police": "Доставлены сотрудниками полиции",
           "referrals_in_self": "Пришли сами", "crisis_responses": "Выезды мобильной группы на место происшествия"},
    "kk": {"consultations_group": "Топтық сабақтар", "referrals_in_police": "Полиция қызметкерлері жеткізген",
           "referrals_in_self": "Өз бетінше келген балалар", "crisis_responses": "Мобильді топтың оқиға орнына шығуы"},
}


def _reworded(sections, words):
    # reworded rows stand on their own, outside the section headings that helped the old words
    kept = [(h, [(m, label) for m, label in rows if m not in words]) for h, rows in sections]
    return kept + [(None, [(m, label) for m, label in words.items()])]


@pytest.mark.parametrize("lang", ["ru", "kk"])
def test_psc_reports_with_other_wordings_load(tmp_path, lang):
    sections = _reworded({"ru": RU, "kk": KK}[lang], SYNONYMS[lang])
    outcome = parse_file(write_xlsx(tmp_path / "r.xlsx", report(lang, sections=sections)))
    assert outcome.status == "loaded", messages(outcome)
    assert values_of(outcome) == VALUES
    used = {u.label: u.measure for u in outcome.parsed.used}
    assert all(used[label] == m for m, label in SYNONYMS[lang].items())


def test_unknown_wording_is_reported_and_loads_once_added_to_the_vocabulary(tmp_path, monkeypatch):
    label = "Арт-терапевтические занятия в малых группах"
    sections = _reworded(RU, {"consultations_group": label})
    path = write_xlsx(tmp_path / "r.xlsx", report("ru", sections=sections))
    outcome = parse_file(path)
    assert outcome.status == "refused"
    row = next(u for u in outcome.parsed.ignored if u.label == label)
    warning = find_message(outcome, f'row "{label}" is not a known indicator', level="warning", cell=row.cell)
    assert "data/vocabulary/psc_activity.toml" in warning["text"] and "closest known wordings" in warning["text"]
    refusal = find_message(outcome, "required indicators missing: group consultations", level="error")
    assert refusal["measures"] == ["consultations_group"]
    assert f'"{label}"' in refusal["text"] and '"Консультации групповые"' in refusal["text"]
    assert outcome.parsed.figures and not any(f.measure == "consultations_group" for f in outcome.parsed.figures)

    copy = tmp_path / "vocabulary"
    shutil.copytree(vocab_mod.DEFAULT_DIR, copy)
    toml = copy / "psc_activity.toml"
    text = toml.read_text(encoding="utf-8")
    head = "[rows.consultations_group]\nexact = true\nru = ["
    assert head in text
    toml.write_text(text.replace(head, head + f'"{label}", '), encoding="utf-8")
    monkeypatch.setenv(vocab_mod.DIR_ENV, str(copy))
    again = parse_file(path)
    assert again.status == "loaded", messages(again)
    assert values_of(again) == VALUES


# --- region tables -------------------------------------------------------------------------

def _school(heading_norm: str, extra: list[str] = ()):
    head = ["Регион", "Количество школ", "Количество учащихся", "Положено психологов по нормативу",
            "Фактически работает психологов", heading_norm, *extra]
    rows = [["Акмолинская область", 100, 50000, 100, 90, 40, *[1] * len(extra)],
            ["г. Алматы", 200, 150000, 300, 280, 150, *[2] * len(extra)]]
    return SheetSpec([["Сведения о педагогах-психологах школ на 2024-2025 учебный год"], [], head, *rows])


@pytest.mark.parametrize("heading", ["Количество школ, соответствующих нормативу",
                                     "Школы, обеспеченные психологами по нормативу (1 на 500 учащихся)",
                                     "Мектептер саны, норматив орындалған",
                                     "Schools meeting the norm of one psychologist per 500 pupils"])
def test_school_norm_column_worded_differently_loads(tmp_path, parse, heading):
    outcome = parse(write_xlsx(tmp_path / "s.xlsx", _school(heading)))
    assert outcome.status == "loaded", located(outcome)
    got = values(outcome)
    assert got[("KZ-11", "schools_meeting_norm", "sy2024-2025")] == 40
    assert got[("KZ-75", "schools_meeting_norm", "sy2024-2025")] == 150
    assert got[("KZ-75", "psychologists", "sy2024-2025")] == 280


def test_unknown_column_in_a_recognised_table_is_a_warning_with_cell_and_file(tmp_path, parse):
    outcome = parse(write_xlsx(tmp_path / "s.xlsx", _school("Количество школ, соответствующих нормативу",
                                                            ["Охват тренингами"])))
    assert outcome.status == "warning"
    message = find_message(outcome, 'column "Охват тренингами" is not a known heading', level="warning")
    assert message["cell"] == "G3" and "data/vocabulary/school_psych.toml" in message["text"]
    assert any(u.cell == "G3" and u.why == "unknown" for u in outcome.parsed.ignored)
    assert {u.cell: u.measure for u in outcome.parsed.used}["F3"] == "schools_meeting_norm"


def test_missing_required_column_lists_what_was_there(tmp_path, parse):
    grid = _school("Количество школ, соответствующих нормативу").rows
    grid = [[c for i, c in enumerate(r) if i != 4] if len(r) > 4 else r for r in grid]
    outcome = parse(write_xlsx(tmp_path / "s.xlsx", SheetSpec(grid)), source="school_psych")
    assert outcome.status == "refused"
    message = find_message(outcome, "required columns are missing: school psychologists", level="error")
    assert message["measures"] == ["psychologists"]
    assert '"Количество учащихся"' in message["text"] and '"психолог"' in message["text"]
    assert "school_psych.toml" in message["text"]


@pytest.mark.parametrize("lang, words", [
    ("ru", "нет обязательных столбцов: школьные психологи (найденные заголовки: "),
    ("kk", "міндетті бағандар жоқ: мектеп психологтары (табылған тақырыптар: "),
])
def test_a_missing_required_measure_is_named_in_the_readers_language(tmp_path, lang, words):
    from test_cli import etl

    grid = _school("Количество школ, соответствующих нормативу").rows
    grid = [[c for i, c in enumerate(r) if i != 4] if len(r) > 4 else r for r in grid]
    path = write_xlsx(tmp_path / "s.xlsx", SheetSpec(grid))
    shown = etl("validate", "--lang", lang, "--source", "school_psych", path, db=tmp_path / "unused.duckdb")
    [line] = [line for line in shown.stdout.splitlines() if words in line]
    assert line.startswith('  s.xlsx, ') and "psychologists" not in line
    as_json = etl("validate", "--json", "--lang", lang, "--source", "school_psych", path, db=tmp_path / "unused.duckdb")
    [outcome] = json.loads(as_json.stdout)
    [message] = [m for m in outcome["messages"] if words in m["text"]]
    assert outcome["status"] == "refused" and message["measures"] == ["psychologists"]


def test_a_heading_that_names_two_measures_is_refused(tmp_path, parse):
    grid = [["Обращения детей в контакт-центр 111 за январь-июнь 2025 года"], [],
            ["Регион", "Всего обращений", "По QR-коду и по телефону"],
            ["Акмолинская область", 10, 10], ["г. Алматы", 20, 20]]
    outcome = parse(write_xlsx(tmp_path / "h.xlsx", SheetSpec(grid)))
    assert outcome.status == "refused"
    message = find_message(outcome, 'the heading "По QR-коду и по телефону" matches more than one measure',
                           level="error")
    assert message["cell"] == "C3" and "appeals by QR code" in message["text"] and "appeals by phone" in message["text"]
    assert set(message["measures"]) == {"appeals_qr", "appeals_phone"}


def test_a_sheet_matching_two_sources_equally_is_refused_naming_both(tmp_path, parse):
    grid = [["Обращения в 111: суициды и попытки суицида"], [], ["Регион", "Количество"],
            ["Акмолинская область", 1], ["г. Алматы", 2]]
    outcome = parse(write_xlsx(tmp_path / "t.xlsx", SheetSpec(grid)))
    assert outcome.status == "refused" and not outcome.parsed.figures
    [message] = errors(outcome)
    assert "matches two sources equally well" in message["text"]
    assert "helpline_111" in message["text"] and "kpssu_summary" in message["text"]


KAZAKH_KPSSU = [["Кәмелетке толмағандар арасындағы суицидтер саны, 2025 жылғы қаңтар-қыркүйек"], [],
                ["Өңір", "Суицидтер", ""], ["", "2024 ж.", "2025 ж."],
                ["Ақмола облысы", 3, 2], ["Алматы қаласы", 4, 1], ["Барлығы", 7, 3]]


def test_a_kazakh_suicide_table_is_never_taken_for_population(tmp_path, parse):
    path = write_xlsx(tmp_path / "k.xlsx", SheetSpec(KAZAKH_KPSSU, merges=["B3:C3"]))
    outcome = parse(path)
    assert outcome.status == "loaded", located(outcome)
    assert outcome.parsed.source == "kpssu_summary"
    assert values(outcome) == {("KZ-11", "completed", "2024-01..2024-09"): 3, ("KZ-11", "completed", "2025-01..2025-09"): 2,
                               ("KZ-75", "completed", "2024-01..2024-09"): 4, ("KZ-75", "completed", "2025-01..2025-09"): 1}


def test_a_figure_outside_the_plausible_range_is_refused_naming_the_cell(tmp_path, parse):
    grid = [["Численность детей 0-17 лет на 1 января"], [], ["Регион", "2024", "2025"],
            ["Акмолинская область", 3, 210000], ["г. Алматы", 520000, 530000]]
    outcome = parse(write_xlsx(tmp_path / "p.xlsx", SheetSpec(grid)))
    assert outcome.status == "refused"
    message = find_message(outcome, "outside the plausible range", level="error")
    assert message["cell"] == "B4" and "10000" in message["text"].replace(",", "").replace(" ", "")


# --- messages quote the file ---------------------------------------------------------------

def test_a_region_twice_is_named_as_written_beside_its_resolved_name(tmp_path, parse):
    rows = default_rows(["Акмолинская область", "Павлодарская обл.", "Павлодарская обл.", "г. Алматы"])
    outcome = parse(write_xlsx(tmp_path / "kpssu.xlsx", summary_sheet(rows)))
    assert outcome.status == "refused"
    [first, *_] = [m for m in outcome.messages if "twice" in m.text()]
    assert first.text() == 'region "Павлодарская обл." (Pavlodar Region) appears twice for 2023 (cells A6 and A7)'
    assert first.text("ru") == ('регион «Павлодарская обл.» (Павлодарская область) встречается дважды за 2023 '
                                '(ячейки A6 и A7)')
    assert first.cell == "B7"


def test_a_region_twice_under_two_spellings_quotes_both(tmp_path, parse):
    rows = default_rows(["Павлодарская область", "Акмолинская область", "Павлодар облысы", "г. Алматы"])
    outcome = parse(write_xlsx(tmp_path / "kpssu.xlsx", summary_sheet(rows)))
    texts = [m.text() for m in outcome.messages if "twice" in m.text()]
    assert texts[0] == ('region "Павлодар облысы" (Pavlodar Region) appears twice for 2023 (cells A5, written '
                        '"Павлодарская область", and A7)')


def test_a_psc_report_twice_names_the_region_as_its_title_writes_it(tmp_path):
    path = write_xlsx(tmp_path / "r.xlsx", report("ru", name="Март"), report("ru", name="Март (копия)"))
    outcome = parse_file(path)
    assert outcome.status == "refused"
    [first, *_] = [m for m in outcome.messages if "twice" in m.text()]
    assert first.text() == ('region "Акмолинской области" (Akmola Region) appears twice for March 2025 '
                            '(cells Март!A2 and Март (копия)!A2)')
    assert first.text("ru").startswith("регион «Акмолинской области» (Акмолинская область) встречается дважды")


def test_psc_messages_about_a_figure_quote_its_row(tmp_path):
    label = dict(item for _, rows in RU for item in rows)["cases_bullying"]
    outcome = parse_file(write_xlsx(tmp_path / "r.xlsx", report("ru", values={"cases_bullying": 50_000})))
    message = find_message(outcome, "impossible for one centre", level="error")
    assert f'row "{label}" (cases of bullying) = 50000' in message["text"]


def test_region_table_messages_about_a_figure_quote_its_row(tmp_path, parse):
    grid = [["Численность детей 0-17 лет на 1 января"], [], ["Регион", "2024", "2025"],
            ["Акмолинская обл.", 3, 210000], ["г. Алматы", 520000, 530000]]
    outcome = parse(write_xlsx(tmp_path / "p.xlsx", SheetSpec(grid)))
    message = find_message(outcome, "outside the plausible range", level="error", cell="B4")
    assert message["text"].endswith('(row "Акмолинская обл.", Akmola Region)')


def test_region_words_are_read_from_the_vocabulary(tmp_path, monkeypatch):
    from etl import regions

    label = "Итого по стране"
    regions.refresh_words()
    assert regions.resolve(label).kind == "unknown"
    assert regions.resolve("в т.ч. г. Кокшетау").kind == "subrow"
    assert regions.resolve("Қазақстан Республикасы бойынша барлығы").kind == "total"
    copy = tmp_path / "vocabulary"
    shutil.copytree(vocab_mod.DEFAULT_DIR, copy)
    toml = copy / "regions.toml"
    text = toml.read_text(encoding="utf-8")
    head = '[rows.total_fillers]\nru = ['
    assert head in text
    toml.write_text(text.replace(head, head + '"стране", '), encoding="utf-8")
    monkeypatch.setenv(vocab_mod.DIR_ENV, str(copy))
    try:
        regions.refresh_words()
        assert regions.resolve(label).kind == "total"
    finally:
        monkeypatch.delenv(vocab_mod.DIR_ENV)
        regions.refresh_words()
    assert regions.resolve(label).kind == "unknown"


def test_a_psc_report_lists_its_region_and_the_columns_it_did_not_read(tmp_path):
    sheet = report("ru", header=["№", "Показатель", "Ед. изм.", "Март", "С начала года"])
    for row in sheet.rows[4:]:
        if len(row) == 4 and isinstance(row[3], int):
            row.append(row[3] * 3)
    outcome = parse_file(write_xlsx(tmp_path / "r.xlsx", sheet))
    assert outcome.status == "loaded", messages(outcome)
    assert {"sheet": "Лист1", "cell": "A2", "label": "Акмолинской области", "region": "KZ-11"} in \
        [u.as_dict() for u in outcome.parsed.used]
    assert {"sheet": "Лист1", "cell": "E4", "label": "С начала года", "why": "not the month's column"} in \
        [u.as_dict() for u in outcome.parsed.ignored]



@pytest.mark.parametrize("additions, label, code", [
    # a new abbreviation, glued to the name with its dot ("ш." for "шаһары", city)
    ({"markers.city": "ш", "glued.before_name": "ш."}, "ш.Шымкент", "KZ-79"),
    ({"phrases.city": "город республиканского значения"}, "город республиканского значения Астана", "KZ-71"),
])
def test_a_new_kind_word_before_a_name_is_read_from_the_vocabulary(tmp_path, monkeypatch, additions, label, code):
    from etl import regions

    regions.refresh_words()
    assert regions.resolve(label).kind == "unknown"
    copy = tmp_path / "vocabulary"
    shutil.copytree(vocab_mod.DEFAULT_DIR, copy)
    toml = copy / "regions.toml"
    text = toml.read_text(encoding="utf-8")
    for entry, wording in additions.items():
        line = text.index(" = [", text.index(f"[{entry}]\n")) + len(" = [")
        text = text[:line] + f'"{wording}", ' + text[line:]
    toml.write_text(text, encoding="utf-8")
    monkeypatch.setenv(vocab_mod.DIR_ENV, str(copy))
    try:
        regions.refresh_words()
        assert (regions.resolve(label).kind, regions.resolve(label).code) == ("region", code)
    finally:
        monkeypatch.delenv(vocab_mod.DIR_ENV)
        regions.refresh_words()
    assert regions.resolve(label).kind == "unknown"
