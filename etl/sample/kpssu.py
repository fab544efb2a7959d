"""Sample Prosecutor's Office (KPSSU) files: four summaries and one sex-by-age detail table.

Each file uses a different spelling of the regions and a different layout, as the real ones do.
"""
from __future__ import annotations

from pathlib import Path

from etl.regions import load_regions
from etl.sample import figures as F
from etl.sample.layout import Form, write

ILLUSTRATIVE_NOTE = ("ИЛЛЮСТРАТИВНЫЕ ДАННЫЕ (CP Monitor, пример): итоги по Республике соответствуют опубликованным "
                     "цифрам, разбивка по регионам условная.")
SOURCE_NOTE = "Источник: КПСиСУ Генеральной прокуратуры РК (национальные итоги); регионы — иллюстративно."
COMMON_RU = {"KZ-10": "Абайская область", "KZ-33": "Жетысуская область", "KZ-62": "Улытауская область",
             "KZ-63": "ВКО", "KZ-27": "ЗКО", "KZ-59": "СКО", "KZ-71": "г.Астана", "KZ-75": "г.Алматы",
             "KZ-79": "г.Шымкент", "KZ-61": "Туркестанская область*"}


def _labels(style: str) -> dict[str, str]:
    out = {}
    for r in load_regions():
        if style == "kk":
            out[r.code] = r.name_kk
        elif style == "common":
            out[r.code] = COMMON_RU.get(r.code, r.name_ru.replace("область", "обл."))
        elif style == "ru1251":  # Windows-1251 has no Kazakh letters: Russian forms of the new names
            out[r.code] = COMMON_RU.get(r.code) if r.code in ("KZ-10", "KZ-33", "KZ-62") else r.name_ru
        else:
            out[r.code] = r.name_ru
    return out


def _change(old: int, new: int) -> tuple[int, str]:
    return new - old, (f"{(new - old) / old * 100:.1f}".replace(".", ",") if old else "")


def _summary(first, second, labels, *, with_change: bool, total_first: bool, total_label: str,
             sub_rows: dict[str, tuple[str, list]] | None = None):
    data = F.regional_suicides()
    periods = (first, second)
    rows, totals = [], []
    codes = sorted(labels, key=lambda c: labels[c].lstrip("г.").lstrip())
    for code in codes:
        values = []
        for measure in ("completed", "attempts"):
            a, b = (data[p][measure][code] for p in periods)
            values += [a, b] + (list(_change(a, b)) if with_change else [])
        rows.append((labels[code], values))
        if sub_rows and code in sub_rows:
            rows.append(sub_rows[code])
    for measure in ("completed", "attempts"):
        a, b = (sum(data[p][measure].values()) for p in periods)
        totals += [a, b] + (list(_change(a, b)) if with_change else [])
    total_row = (total_label, totals)
    return [total_row] + rows if total_first else rows + [total_row]


def write_kpssu(directory: Path) -> list[Path]:
    keys = {k[0]: k for k in F.SUICIDES}
    written = []

    cols = ["2022 год", "2023 год", "+/-", "%"]
    written.append(write(Form(
        title=["Сведения о суицидах и попытках суицида среди несовершеннолетних", "за 2022-2023 годы", ILLUSTRATIVE_NOTE],
        label_heading="Наименование региона",
        groups=[("Оконченные суициды", cols), ("Попытки суицида", cols)],
        rows=_summary(keys["2022"], keys["2023"], _labels("ru"), with_change=True, total_first=True,
                      total_label="Республика Казахстан"),
        footnotes=[SOURCE_NOTE]), directory / "kpssu_suicides_2022-2023.xlsx"))

    written.append(write(Form(
        title=["Количество самоубийств и покушений на самоубийство несовершеннолетних", "за 2023-2024 гг.", ILLUSTRATIVE_NOTE],
        label_heading="Область",
        groups=[("Самоубийства", ["2023", "2024"]), ("Покушения на самоубийство", ["2023", "2024"])],
        rows=_summary(keys["2023"], keys["2024"], _labels("common"), with_change=False, total_first=False,
                      total_label="Итого"),
        footnotes=["* бывшая Южно-Казахстанская область", SOURCE_NOTE], numbered=False), directory / "kpssu_suicides_2024.xls"))

    cols = ["январь-сентябрь 2024", "январь-сентябрь 2025", "+/-", "%"]
    written.append(write(Form(
        title=["Суициды среди несовершеннолетних: 9 месяцев 2025 года", ILLUSTRATIVE_NOTE],
        label_heading="Регион",
        groups=[("Суициды", cols), ("Попытки суицида", cols)],
        rows=_summary(keys["9m2024"], keys["9m2025"], _labels("kk"), with_change=True, total_first=True,
                      total_label="Қазақстан Республикасы",
                      sub_rows={"KZ-10": ("   в т.ч. г. Семей", [1, 1, 0, "", 2, 3, 1, ""])}),
        footnotes=["Данные за 2025 год предварительные.", SOURCE_NOTE]), directory / "kpssu_suicides_9m_2025.xlsx"))

    written.append(write(Form(
        title=["Суициды и попытки суицида несовершеннолетних за январь-октябрь 2022-2023 гг.", ILLUSTRATIVE_NOTE],
        label_heading="Регион",
        groups=[("Суициды", ["январь-октябрь 2022", "январь-октябрь 2023"]),
                ("Попытки суицида", ["январь-октябрь 2022", "январь-октябрь 2023"])],
        rows=_summary(keys["10m2022"], keys["10m2023"], _labels("ru1251"), with_change=False, total_first=False,
                      total_label="Всего по РК"),
        footnotes=[SOURCE_NOTE], numbered=False, column_numbers=False), directory / "kpssu_suicides_10m_2023.csv"))

    written.append(_write_detail(directory / "kpssu_detail_10m_2023.xlsx", keys["10m2023"]))
    return written


def _write_detail(path: Path, key) -> Path:
    import openpyxl

    detail = F.regional_detail(F.regional_suicides()[key])
    labels = _labels("ru")
    sex_words = {"female": "девочки", "male": "мальчики"}
    age_words = {"5-14": "5-14 лет", "15-17": "15-17 лет"}
    book = openpyxl.Workbook()
    ws = book.active
    ws.title = "Пол и возраст"
    ws.append(["Суициды и попытки суицида несовершеннолетних по полу и возрасту за январь-октябрь 2023 года"])
    ws.append([ILLUSTRATIVE_NOTE])
    ws.append([])
    ws.append(["Регион", "Пол", "Возраст", "Оконченные суициды", "Попытки суицида"])
    for code in sorted(labels, key=lambda c: labels[c].lstrip("г.").lstrip()):
        for sex in ("female", "male"):
            for age in ("5-14", "15-17"):
                ws.append([labels[code], sex_words[sex], age_words[age],
                           detail[(sex, age, "completed")][code], detail[(sex, age, "attempts")][code]])
    for sex in ("female", "male"):
        for age in ("5-14", "15-17"):
            ws.append(["Итого", sex_words[sex], age_words[age],
                       sum(detail[(sex, age, "completed")].values()), sum(detail[(sex, age, "attempts")].values())])
    ws.append([])
    ws.append([SOURCE_NOTE])
    book.save(path)
    return path
