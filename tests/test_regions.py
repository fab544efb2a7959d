"""Region resolver: every way a spreadsheet may name one of the 20 units, and what it must refuse."""
from __future__ import annotations

import csv
from datetime import date
from pathlib import Path

import pytest

from etl.messages import ERROR, WARNING
from etl.regions import Region, Resolution, is_total_label, load_regions, region_by_code, resolve

REF = Path(__file__).resolve().parent.parent / "data" / "reference"
Y2021 = dict(period_start=date(2021, 1, 1), period_end=date(2021, 12, 31))
Y2024 = dict(period_start=date(2024, 1, 1), period_end=date(2024, 12, 31))

# code, kato, Russian, Kazakh, English
UNITS = [
    ("KZ-10", "100000000", "область Абай", "Абай облысы", "Abai Region"),
    ("KZ-11", "110000000", "Акмолинская область", "Ақмола облысы", "Akmola Region"),
    ("KZ-15", "150000000", "Актюбинская область", "Ақтөбе облысы", "Aktobe Region"),
    ("KZ-19", "190000000", "Алматинская область", "Алматы облысы", "Almaty Region"),
    ("KZ-23", "230000000", "Атырауская область", "Атырау облысы", "Atyrau Region"),
    ("KZ-27", "270000000", "Западно-Казахстанская область", "Батыс Қазақстан облысы", "West Kazakhstan Region"),
    ("KZ-31", "310000000", "Жамбылская область", "Жамбыл облысы", "Zhambyl Region"),
    ("KZ-33", "330000000", "область Жетісу", "Жетісу облысы", "Zhetisu Region"),
    ("KZ-35", "350000000", "Карагандинская область", "Қарағанды облысы", "Karaganda Region"),
    ("KZ-39", "390000000", "Костанайская область", "Қостанай облысы", "Kostanay Region"),
    ("KZ-43", "430000000", "Кызылординская область", "Қызылорда облысы", "Kyzylorda Region"),
    ("KZ-47", "470000000", "Мангистауская область", "Маңғыстау облысы", "Mangystau Region"),
    ("KZ-55", "550000000", "Павлодарская область", "Павлодар облысы", "Pavlodar Region"),
    ("KZ-59", "590000000", "Северо-Казахстанская область", "Солтүстік Қазақстан облысы", "North Kazakhstan Region"),
    ("KZ-61", "610000000", "Туркестанская область", "Түркістан облысы", "Turkestan Region"),
    ("KZ-62", "620000000", "область Ұлытау", "Ұлытау облысы", "Ulytau Region"),
    ("KZ-63", "630000000", "Восточно-Казахстанская область", "Шығыс Қазақстан облысы", "East Kazakhstan Region"),
    ("KZ-71", "710000000", "г. Астана", "Астана қаласы", "Astana"),
    ("KZ-75", "750000000", "г. Алматы", "Алматы қаласы", "Almaty"),
    ("KZ-79", "790000000", "г. Шымкент", "Шымкент қаласы", "Shymkent"),
]
OLD_ISO = {"KZ-11": "KZ-AKM", "KZ-15": "KZ-AKT", "KZ-19": "KZ-ALM", "KZ-23": "KZ-ATY", "KZ-27": "KZ-ZAP",
           "KZ-31": "KZ-ZHA", "KZ-35": "KZ-KAR", "KZ-39": "KZ-KUS", "KZ-43": "KZ-KZY", "KZ-47": "KZ-MAN",
           "KZ-55": "KZ-PAV", "KZ-59": "KZ-SEV", "KZ-61": "KZ-YUZ", "KZ-63": "KZ-VOS", "KZ-71": "KZ-AST",
           "KZ-75": "KZ-ALA", "KZ-79": "KZ-SHY"}


def region_code(label, **kw) -> str | None:
    res = resolve(label, **kw)
    assert res.kind == "region", (label, res)
    return res.code


# --- the reference files -----------------------------------------------------------------------
def test_regions_csv_has_the_20_units():
    with (REF / "regions.csv").open(encoding="utf-8", newline="") as fh:
        reader = csv.DictReader(fh)
        rows = list(reader)
    assert reader.fieldnames == ["region_code", "kato_code", "name_en", "name_ru", "name_kk", "kind",
                                 "created", "parent_code", "abbr", "tile_row", "tile_col"]
    assert len(rows) == 20
    assert len({r["region_code"] for r in rows}) == 20
    assert len({r["kato_code"] for r in rows}) == 20
    assert len({r["abbr"] for r in rows}) == 20
    assert len({(r["tile_row"], r["tile_col"]) for r in rows}) == 20
    assert {r["region_code"]: r["parent_code"] for r in rows if r["parent_code"]} == \
        {"KZ-10": "KZ-63", "KZ-33": "KZ-19", "KZ-62": "KZ-35"}
    assert {r["region_code"] for r in rows if r["created"]} == {"KZ-10", "KZ-33", "KZ-62"}
    assert {r["region_code"] for r in rows if r["kind"] == "city"} == {"KZ-71", "KZ-75", "KZ-79"}
    assert sum(r["kind"] == "oblast" for r in rows) == 17
    assert [(r["region_code"], r["kato_code"], r["name_ru"], r["name_kk"], r["name_en"]) for r in rows] == UNITS


def test_load_regions_and_lookup():
    regions = load_regions()
    assert len(regions) == 20 and all(isinstance(r, Region) for r in regions)
    abai = region_by_code("KZ-10")
    assert (abai.created, abai.parent_code, abai.abbr, abai.tile_row, abai.tile_col) == (2022, "KZ-63", "ABA", 2, 4)
    almaty = region_by_code("KZ-75")
    assert (almaty.kind, almaty.created, almaty.parent_code) == ("city", None, None)
    assert (almaty.name("ru"), almaty.name("kk"), almaty.name("en")) == ("г. Алматы", "Алматы қаласы", "Almaty")
    with pytest.raises(KeyError):
        region_by_code("KZ-99")
    with pytest.raises(ValueError):
        almaty.name("de")
    load_regions().clear()  # a caller mutating the list must not damage the cache
    assert len(load_regions()) == 20


def test_every_alias_resolves_to_its_own_region():
    with (REF / "region_aliases.csv").open(encoding="utf-8", newline="") as fh:
        reader = csv.DictReader(fh)
        rows = list(reader)
    assert reader.fieldnames == ["region_code", "alias", "valid_from", "valid_to", "note"]
    for row in rows:
        assert region_code(row["alias"]) == row["region_code"], row


# --- every unit by every name and code -----------------------------------------------------------
@pytest.mark.parametrize("code,kato,ru,kk,en", UNITS)
def test_each_unit_by_name_and_code(code, kato, ru, kk, en):
    for label in (ru, kk, en, ru.upper(), f"  {kk}  ", code, code.lower(), code.replace("-", ""),
                  kato, int(kato), float(kato), kato[:2], int(kato[:2])):
        assert region_code(label, **Y2024) == code, label
    if code in OLD_ISO:
        assert region_code(OLD_ISO[code]) == code


# --- Almaty city and Almaty oblast must never be confused ----------------------------------------
@pytest.mark.parametrize("label", [
    "г. Алматы", "г.Алматы", "г Алматы", "город Алматы", "Алматы", "АЛМАТЫ", "Алматы г.", "Алматы (город)",
    "Алматы қаласы", "Алматы қ.", "Алматы каласы", "Almaty", "Almaty city", "Almaty (city)", "city of Almaty",
    "Almaty qalasy", "KZ-75", "750000000", "Алма-Ата",
])
def test_almaty_city(label):
    assert region_code(label) == "KZ-75"


@pytest.mark.parametrize("label", [
    "Алматинская область", "Алматинская обл.", "Алматинская обл", "Алматинская", "обл. Алматинская",
    "Алматы облысы", "Алматы обл.", "Almaty Region", "Almaty region", "Almaty oblast", "Almaty oblysy",
    "Almatinskaya oblast'", "KZ-19", "190000000",
])
def test_almaty_oblast(label):
    assert region_code(label) == "KZ-19"


def test_city_marker_on_an_oblast_is_not_accepted():
    # "г. Туркестан" is a town inside Turkestan Region, not the region itself.
    assert resolve("г. Туркестан").kind == "unknown"
    assert resolve("Алматинская г.").kind == "unknown"


# --- abbreviations, variants and spelling noise ----------------------------------------------------
@pytest.mark.parametrize("label,code", [
    ("ВКО", "KZ-63"), ("ЗКО", "KZ-27"), ("СКО", "KZ-59"), ("вко", "KZ-63"),
    ("WKO", "KZ-27"), ("EKO", "KZ-63"), ("NKO", "KZ-59"), ("ШҚО", "KZ-63"), ("БҚО", "KZ-27"), ("СҚО", "KZ-59"),
    ("Абайская область", "KZ-10"), ("Жетысуская область", "KZ-33"), ("Улытауская область", "KZ-62"),
    ("область Жетысу", "KZ-33"), ("область Улытау", "KZ-62"), ("Ұлытау облысы", "KZ-62"), ("Улытау облысы", "KZ-62"),
    ("Akmola oblast", "KZ-11"), ("Ақмола облысы", "KZ-11"), ("Акмола облысы", "KZ-11"),
    ("Северо - Казахстанская область", "KZ-59"), ("Северо–Казахстанская обл.", "KZ-59"),
    ("Восточно—Казахстанская  область", "KZ-63"), ("Северо\u00a0Казахстанская\u2009область", "KZ-59"),
    ("Шыгыс Казакстан облысы", "KZ-63"), ("Тyркестанская", None), ("Туркестанская область", "KZ-61"),
    ("«Карагандинская область»", "KZ-35"), ('"Павлодарская область"', "KZ-55"),
    ("Мангыстауская область", "KZ-47"), ("Atyraū oblysy", "KZ-23"), ("Atyrau oblysy", "KZ-23"),
    ("Šimkent", "KZ-79"), ("Simkent", "KZ-79"), ("Костанайская область", "KZ-39"), ("Костанаиская", "KZ-39"),
    ("Актобе", "KZ-15"), ("Кызылорда", "KZ-43"), ("Туркестан", "KZ-61"), ("Turkistan Region", "KZ-61"),
])
def test_variants(label, code):
    if code is None:  # Latin "y" inside a Cyrillic word is a typo we do not guess at
        assert resolve(label).kind == "unknown"
    else:
        assert region_code(label) == code


@pytest.mark.parametrize("label", [
    "Актюбинская область*", "Актюбинская область**", "Актюбинская область¹", "Актюбинская область²³",
    "Актюбинская область 1)", "Актюбинская область1)", "Актюбинская область (1)", "Актюбинская область (*)",
    "Актюбинская область1", " Актюбинская область *", "Актюбинская область:", "\ufeffАктюбинская область",
])
def test_footnote_marks(label):
    assert region_code(label) == "KZ-15"


# --- names that changed -------------------------------------------------------------------------------
@pytest.mark.parametrize("label", ["Нур-Султан", "г. Нур-Султан", "Nur-Sultan", "Nur-Sultan city", "Нұр-Сұлтан",
                                   "Нур - Султан", "Нұр-Сұлтан қаласы"])
def test_nur_sultan_within_its_period_is_plain(label):
    for period in (Y2021, dict(period_start=date(2022, 1, 1), period_end=date(2022, 9, 30)), {}):
        res = resolve(label, **period)
        assert (res.kind, res.code, res.messages) == ("region", "KZ-71", ())


def test_nur_sultan_after_the_renaming_warns():
    res = resolve("Нур-Султан", **Y2024)
    assert (res.kind, res.code) == ("region", "KZ-71")
    assert [m.level for m in res.messages] == [WARNING]
    assert res.messages[0].text() == 'region name "Нур-Султан" was no longer in use in 2024; it is read as г. Астана'
    assert resolve("Nur-Sultan", period_start=date(2022, 10, 1), period_end=date(2022, 12, 31)).messages
    assert resolve("Nur-Sultan", period_start=date(2022, 9, 16), period_end=date(2022, 12, 31)).messages == ()
    assert resolve("Astana", **Y2021).messages == ()


def test_nur_sultan_before_it_was_used_warns():
    res = resolve("Нур-Султан", period_start=date(2017, 1, 1), period_end=date(2017, 12, 31))
    assert res.code == "KZ-71" and res.messages[0].level == WARNING


def test_south_kazakhstan():
    for label in ("ЮКО", "Южно-Казахстанская область", "Южно-Казахстанская обл.", "South Kazakhstan",
                  "Оңтүстік Қазақстан облысы", "ОҚО"):
        res = resolve(label, period_start=date(2017, 1, 1), period_end=date(2017, 12, 31))
        assert (res.kind, res.code) == ("region", "KZ-61"), label
        assert [m.level for m in res.messages] == [WARNING]
        assert "Shymkent" in res.messages[0].text()
    late = resolve("ЮКО", **Y2024)
    assert late.code == "KZ-61" and "no longer in use in 2024" in late.messages[0].text()
    assert resolve("Туркестанская область", period_start=date(2017, 1, 1), period_end=date(2017, 12, 31)).messages == ()


# --- the three regions created on 8 June 2022 ----------------------------------------------------------
@pytest.mark.parametrize("label", ["область Абай", "Абайская область", "Abai Region", "KZ-10", "100000000",
                                   "область Жетісу", "Жетысуская область", "Zhetisu", "Ұлытау облысы",
                                   "Улытауская область", "KZ-62"])
def test_new_regions_refused_before_they_existed(label):
    res = resolve(label, **Y2021)
    assert res.kind == "unknown" and res.code is None
    assert [m.level for m in res.messages] == [ERROR]
    assert res.messages[0].params["period"] == "2021"
    assert "created on 8 June 2022" in res.messages[0].text()
    assert resolve(label, period_start=date(2022, 1, 1), period_end=date(2022, 6, 7)).kind == "unknown"
    for period in ({}, Y2024, dict(period_start=date(2022, 1, 1), period_end=date(2022, 12, 31))):
        res = resolve(label, **period)
        assert res.kind == "region" and res.messages == ()


def test_period_given_as_datetime():
    from datetime import datetime
    res = resolve("область Абай", period_start=datetime(2021, 1, 1), period_end=datetime(2021, 12, 31, 23, 59))
    assert res.kind == "unknown" and res.messages[0].params["period"] == "2021"
    assert region_code("Нур-Султан", period_start=datetime(2021, 1, 1), period_end=datetime(2021, 12, 31)) == "KZ-71"


def test_refusal_message_text():
    res = resolve("Абайская область", period_start=date(2021, 1, 1), period_end=date(2021, 9, 30))
    assert res.messages[0].text() == \
        'region "Абайская область" did not exist in 2021-01-01 – 2021-09-30: it was created on 8 June 2022'
    assert resolve("Восточно-Казахстанская область", **Y2021).code == "KZ-63"


# --- totals ---------------------------------------------------------------------------------------------
@pytest.mark.parametrize("label", [
    "Республика Казахстан", "РК", "Всего по РК", "Всего по РК:", "Итого", "ИТОГО", "Всего", "Итого по республике",
    "Итого:", "Всего*", "Қазақстан Республикасы", "ҚР", "Барлығы", "Жиыны", "Total", "TOTAL", "Kazakhstan",
    "Republic of Kazakhstan", "Всего по Республике Казахстан", "Республика бойынша барлығы", "  Итого",
])
def test_totals(label):
    assert resolve(label) == Resolution("total")
    assert is_total_label(label)


def test_not_totals():
    for label in ("Алматы", "Итого по области", "Западно-Казахстанская область", None, "", "в т.ч. всего"):
        assert not is_total_label(label)


# --- sub-rows ---------------------------------------------------------------------------------------------
@pytest.mark.parametrize("label", [
    "в т.ч. г. Семей", "в т. ч. сельская местность", "В том числе: город", "из них девочки", "соның ішінде қыздар",
    "оның ішінде", "including rural", "Incl. girls", "of which boys", "- Семей", "– Семей", "— Семей", "• Семей",
    "-г. Алматы", "в т.ч. Алматинская область",
])
def test_subrow_prefixes(label):
    assert resolve(label).kind == "subrow"


def test_indented_subrows():
    assert resolve("Байзакский район", indented=True).kind == "subrow"
    assert resolve("   Байзакский район").kind == "subrow"
    assert resolve("\u00a0\u00a0г. Семей").kind == "subrow"
    assert resolve("Байзакский район").kind == "unknown"
    # A region is still a region however it is indented.
    assert region_code("   Жамбылская область") == "KZ-31"
    assert region_code("Жамбылская область", indented=True) == "KZ-31"
    assert resolve("  Итого", indented=True).kind == "total"


# --- blanks and unknowns ----------------------------------------------------------------------------------
@pytest.mark.parametrize("label", [None, "", "   ", "\u00a0", "\t\n", float("nan"), "*"])
def test_blank(label):
    assert resolve(label) == Resolution("blank")


def test_unknown_with_suggestions():
    res = resolve("Алматинск. обл")
    assert res.kind == "unknown" and res.code is None
    assert res.suggestions[:2] == ("Алматинская область", "г. Алматы")
    assert len(res.suggestions) <= 3
    (msg,) = res.messages
    assert msg.level == ERROR and msg.sheet is None and msg.cell is None
    assert msg.msgid == 'region "{label}" is not known (closest: {closest})'
    assert msg.text().startswith('region "Алматинск. обл" is not known (closest: Алматинская область, г. Алматы')
    assert "Карагандинская область" in resolve("Карагандиская обл").suggestions
    assert resolve("Павлодарска область").suggestions[0] == "Павлодарская область"
    assert resolve("Шымкентт").suggestions[0] == "г. Шымкент"


def test_unknown_without_suggestions():
    res = resolve("Qwerty 123")
    assert (res.kind, res.suggestions) == ("unknown", ())
    assert res.messages[0].text() == 'region "Qwerty 123" is not known'
    assert resolve(123456789).kind == "unknown"
    assert resolve("711000000").kind == "unknown"  # a district code, not a first-level unit


def test_many_labels_in_both_languages_resolve():
    labels = [r.name_ru if i % 3 else r.name_kk for i, r in enumerate(load_regions() * 2500)]
    results = [resolve(label, **Y2024) for label in labels]
    assert len(results) == 50_000 and all(r.kind == "region" for r in results)


@pytest.mark.parametrize("label, code", [("1. Акмолинская область", "KZ-11"), ("12) г. Астана", "KZ-71"),
                                         ("3.Алматинская обл.", "KZ-19")])
def test_a_running_number_before_the_name_is_ignored(label, code):
    res = resolve(label)
    assert (res.kind, res.code) == ("region", code)
