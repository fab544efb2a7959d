"""Sample CPCR files (PSC network snapshots, school psychologists, 111 appeals) and the BNS
child population. National totals and the regional figures named in docs/sample-data.md are the
published ones; everything else is an illustrative split that adds up to them."""
from __future__ import annotations

from datetime import date
from pathlib import Path

from etl.regions import load_regions
from etl.sample import figures as F
from etl.sample.kpssu import ILLUSTRATIVE_NOTE
from etl.sample.layout import Form, write
from etl.sample.psc_figures import MOST_STAFFED, PSC_OPENED, PSC_SNAPSHOTS

CPCR_NOTE = "Источник: КОПД МП РК (национальные итоги); разбивка по регионам иллюстративная."
# Specialists before the first published staff total (no figure published): illustrative.
EARLY_STAFF = {date(2024, 6, 15): 250, date(2024, 7, 15): 300, date(2024, 8, 20): 370}
KIND_SHARES = {"psychologist": 0.55, "social_pedagogue": 0.15, "lawyer": 0.08, "crisis_psychologist": 0.12, "other": 0.10}

# School years: (pupils, schools, positions due, psychologists, schools meeting the norm).
# 7,207 psychologists = 97% of demand and, for 2023-2024, about 8,500 psychologists with about
# 3,000 schools meeting the one-per-500 norm are published (MoE); the rest is illustrative.
SCHOOL_YEARS = {
    2022: (3_690_000, 7_440, 7_430, 7_207, 2_450),
    2023: (3_810_000, 7_470, 7_620, 8_500, 3_000),
    2024: (3_920_000, 7_500, 7_840, 8_900, 3_350),
}
HELPLINE_PUBLISHED = {"KZ-75": 9_160, "KZ-27": 7_654, "KZ-61": 7_478, "KZ-62": 1_017, "KZ-59": 1_738, "KZ-10": 1_765}
HELPLINE_TOTALS = {"appeals_total": 110_999, "appeals_phone": 2_012, "children_supported": 3_499,
                   "handled_with_state_bodies": 1_602}
# Child population on 1 January relative to 2024 (illustrative growth; 2024 itself is published).
POPULATION_GROWTH = {2022: 0.972, 2023: 0.987, 2024: 1.0, 2025: 1.011}


def _names() -> dict[str, str]:
    return {r.code: r.name_ru for r in load_regions()}


def _ordered(names: dict[str, str]) -> list[str]:
    return sorted(names, key=lambda c: names[c].replace("г. ", "").replace("область ", ""))


def staff_by_region(on: date, total: int, gen) -> dict[str, int]:
    open_codes = [c for c, d in PSC_OPENED.items() if d <= on]
    children = F.children_2024()
    weights = {c: (4.0 if c in MOST_STAFFED else 1.0) + children[c] / 400_000 for c in open_codes}
    return F.split(total, weights, gen, noise=0.1)


def write_psc_network(directory: Path) -> list[Path]:
    names, gen, written = _names(), F.rng(), []
    for on, (total, _) in PSC_SNAPSHOTS.items():
        staff = staff_by_region(on, total or EARLY_STAFF[on], gen)
        rows, sums = [], [0] * 10
        for code in _ordered(names):
            if code not in staff:
                rows.append((names[code], ["", "", "-", "-", "-", "-", "-", "-", "-", "-", "-", "-"]))
                continue
            kinds = F.split(staff[code], KIND_SHARES, gen, noise=0.2)
            vacancies = int(staff[code] * gen.uniform(0.05, 0.2))
            branches = int(gen.integers(0, 4))
            values = [branches, staff[code] + vacancies, staff[code], vacancies, staff[code], *kinds.values()]
            sums = [a + b for a, b in zip(sums, values)]
            rows.append((names[code], [f"Центр психологической поддержки ({names[code]})",
                                       f"{PSC_OPENED[code]:%d.%m.%Y}", *values]))
        rows.append(("Итого", ["", "", *sums]))
        written.append(write(Form(
            title=["Сведения о сети центров психологической поддержки (ЦПП) и их штатной численности",
                   f"по состоянию на {on:%d.%m.%Y}", ILLUSTRATIVE_NOTE],
            label_heading="Регион",
            groups=[("", ["Наименование центра"]), ("", ["Дата открытия"]), ("", ["Количество филиалов"]),
                    ("", ["Штатная численность"]), ("", ["Фактическая численность"]), ("", ["Вакансии"]),
                    ("Специалисты, из них:", ["всего", "психологи", "социальные педагоги", "юристы",
                                              "кризисные психологи", "прочие"])],
            rows=rows, footnotes=[CPCR_NOTE]), directory / f"psc_network_{on:%Y-%m-%d}.xlsx"))
    return written


def write_school_psych(directory: Path) -> list[Path]:
    names, gen, written = _names(), F.rng(), []
    children = F.children_2024()
    for first, national in SCHOOL_YEARS.items():
        pupils, schools, due, psych, met = national
        split = {m: F.split(v, children, gen, noise=0.15) for m, v in
                 zip(("pupils", "schools", "due", "psych"), (pupils, schools, due, psych))}
        # Schools meeting the norm can never exceed a region's schools: draw them from its schools.
        split["met"] = F.subsample(split["schools"], met, gen)
        rows = [(names[c], [split[m][c] for m in ("schools", "pupils", "due", "psych", "met")]) for c in _ordered(names)]
        rows.insert(0, ("Республика Казахстан", list(national[1:2]) + [pupils, due, psych, met]))
        written.append(write(Form(
            title=["Обеспеченность организаций среднего образования педагогами-психологами",
                   f"{first}-{first + 1} учебный год", ILLUSTRATIVE_NOTE],
            label_heading="Область, город",
            groups=[("", ["Количество школ"]), ("", ["Контингент учащихся"]),
                    ("", ["Положено психологов по нормативу (1 на 500 учащихся)"]),
                    ("", ["Фактически работающих педагогов-психологов"]),
                    ("", ["Количество школ, соответствующих нормативу 1 психолог на 500 учащихся"])],
            rows=rows, footnotes=[CPCR_NOTE]), directory / f"school_psychologists_{first}-{first + 1}.xlsx"))
    return written


def helpline_by_region(gen) -> dict[str, dict[str, int]]:
    children = F.children_2024()
    # Appeals grow less than in proportion to children (the biggest regions are not the top three).
    others = {c: children[c] ** 0.35 for c in children if c not in HELPLINE_PUBLISHED}
    rest = HELPLINE_TOTALS["appeals_total"] - sum(HELPLINE_PUBLISHED.values())
    low, high = max(HELPLINE_PUBLISHED[c] for c in ("KZ-62", "KZ-59", "KZ-10")), min(
        HELPLINE_PUBLISHED[c] for c in ("KZ-75", "KZ-27", "KZ-61"))
    # The published top and bottom three must stay the top and bottom three: keep the others between.
    for _ in range(100):
        split = F.split(rest, others, gen, noise=0.2)
        if all(low < v < high for v in split.values()):
            break
    else:
        raise RuntimeError("could not place the illustrative regions between the published ones")
    total = {**HELPLINE_PUBLISHED, **split}
    out = {"appeals_total": total}
    for measure in ("appeals_phone", "children_supported", "handled_with_state_bodies"):
        out[measure] = F.subsample(total, HELPLINE_TOTALS[measure], gen)
    out["appeals_qr"] = {c: total[c] - out["appeals_phone"][c] for c in total}
    return out


def write_helpline(directory: Path) -> list[Path]:
    names, data = _names(), helpline_by_region(F.rng())
    order = ("appeals_total", "appeals_qr", "appeals_phone", "children_supported", "handled_with_state_bodies")
    rows = [(names[c], [data[m][c] for m in order]) for c in _ordered(names)]
    rows.append(("Всего", [sum(data[m].values()) for m in order]))
    return [write(Form(
        title=["Обращения детей в контакт-центр 111", "за период с 01.01.2025 по 06.11.2025", ILLUSTRATIVE_NOTE],
        label_heading="Регион",
        groups=[("Обращения детей", ["всего", "по QR-коду", "по телефону"]),
                ("", ["Оказана психологическая помощь детям"]),
                ("", ["Рассмотрено с привлечением государственных органов"])],
        rows=rows, footnotes=["Источник: inform.kz, 06.11.2025 (итоги и шесть регионов); прочие регионы иллюстративно."]),
        directory / "helpline_111_2025-01-01_2025-11-06.xlsx")]


def write_population(directory: Path) -> list[Path]:
    names, gen = _names(), F.rng()
    children = F.children_2024()
    years = sorted(POPULATION_GROWTH)
    table = {}
    for code, (pop_thousands, _) in F.POPULATION_2024.items():
        drift = gen.normal(0, 0.003)
        for y in years:
            factor = POPULATION_GROWTH[y] + (drift * (y - 2024))
            kids = children[code] if y == 2024 else round(children[code] * factor)
            everyone = round(pop_thousands * 1000) if y == 2024 else round(pop_thousands * 1000 * (1 + 0.012 * (y - 2024)))
            table[(code, y)] = (kids, everyone)
    rows = [(names[c], [v for y in years for v in table[(c, y)]]) for c in _ordered(names)]
    rows.insert(0, ("Республика Казахстан", [sum(table[(c, y)][i] for c in names) for y in years for i in (0, 1)]))
    return [write(Form(
        title=["Численность населения и детей в возрасте 0-17 лет на 1 января, человек",
               "Данные пересчитаны в новых границах областей (после 8 июня 2022 года).", ILLUSTRATIVE_NOTE],
        label_heading="Регион",
        groups=[(f"на 1 января {y} года", ["дети 0-17 лет", "всё население"]) for y in years],
        rows=rows, footnotes=["Источник: БНС АСПиР РК (итог на 01.01.2024 и доли трёх регионов); прочее иллюстративно."]),
        directory / "population_2022-2025.xlsx")]
