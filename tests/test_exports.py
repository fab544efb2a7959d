"""Downloads say what they are and cannot run formulas: CSV and XLSX of a table, a chart's image
labels and a page's data package, built directly and from a spreadsheet loaded by the real ETL."""
from __future__ import annotations

import csv
import io
import json
import zipfile
from datetime import date, datetime, timezone

import frictionless
import openpyxl
import pandas as pd
import plotly.graph_objects as go
import pytest

from etl.cli import load_files
from metrics import psc
from metrics.db import get_database
from tests.app_fixtures import REPO_ROOT, sample_db  # noqa: F401  (fixture imported by name)
from ui import datapackage, exports

FORMULAS = ["=HYPERLINK(\"http://example.invalid\",\"x\")", "+1+2", "-3+4", "@SUM(A1:A2)", "\tTab", "\rReturn"]
INFO = exports.ExportInfo(title="Completed suicides by region", period="2024", sources="KPSSU, summary table",
                          lang="en", illustrative=True, created=date(2026, 12, 1))


def frame() -> pd.DataFrame:
    return pd.DataFrame({
        "Region": ["Astana", "#1 Almaty", *FORMULAS],
        "Cases": pd.array([3, 12, None, 7, 0, 2, 1, 5], dtype="Int64"),
        "Rate per 100,000 children": [2.81, 1.5, None, 4.0, 0.0, 2.25, 1.25, 3.5],
        "Lower 95% limit": [1.83, 0.7, None, 3.1, 0.0, 1.1, 0.6, 2.2],
        "Children aged 0-17": [106_000.0, 800_000.0, 1.0, 2.0, 3.0, 4.0, 5.0, 6.0],  # whole floats: counts
        "Unreliable": [True, False, True, False, True, True, True, True],
    })


def read_csv(data: bytes) -> pd.DataFrame:
    return pd.read_csv(io.BytesIO(data), encoding="utf-8-sig", comment="#", keep_default_na=False, na_values=[""])


def notes(data: bytes) -> dict[str, str]:
    """The notes above the table: "# label" then the text, each one CSV line."""
    lines = [line for line in data.decode("utf-8-sig").splitlines() if line.startswith("# ")]
    return {label[2:]: text for label, text in csv.reader(lines)}


@pytest.mark.parametrize("text", FORMULAS)
def test_formula_like_text_gets_an_apostrophe(text):
    assert exports.neutralise(text) == "'" + text


@pytest.mark.parametrize("value", ["Astana", "#1", "a=b", "", " =x", 12, -3, 2.5, None])
def test_other_values_are_left_alone(value):
    assert exports.neutralise(value) == value


def test_csv_names_what_it_is_and_keeps_values_apart():
    data = exports.csv_bytes(frame(), INFO)
    assert data.startswith("\ufeff".encode())  # Excel reads the Cyrillic
    said = notes(data)
    assert said["Title"] == "Completed suicides by region"
    assert said["Period"] == "2024"
    assert said["Edition"] == "Public edition"
    assert said["Source"] == "KPSSU, summary table"
    assert said["Illustrative"].startswith("yes. Illustrative sample data")
    assert said["Suppression"] == '"<5": a count from 1 to 4, hidden; "x": hidden to protect another cell.'
    table = read_csv(data)
    assert list(table.columns) == [*frame().columns, "Illustrative"]
    assert table["Illustrative"].tolist() == [True] * 8
    assert table["Region"].tolist() == ["Astana", "#1 Almaty", *("'" + f for f in FORMULAS)]
    assert table["Rate per 100,000 children"].iloc[0] == 2.81 and table["Lower 95% limit"].iloc[0] == 1.83
    body = data.decode("utf-8-sig").splitlines()[exports.header_row_number(INFO):]
    assert body[0] == '"Astana",3,2.81,1.83,106000,true,true'  # point decimals, whole counts, separate columns
    assert body[2] == '"\'=HYPERLINK(""http://example.invalid"",""x"")",,,,1,true,true'


def test_csv_in_russian_keeps_the_point_and_translates_the_notes():
    info = exports.ExportInfo(title="Т", period="2024", sources="КПСиСУ", lang="ru", illustrative=False,
                              edition="internal")
    said = notes(exports.csv_bytes(frame(), info))
    assert said["Издание"] == "Внутреннее издание (точные значения, не для публикации)"
    assert said["Иллюстративные данные"] == "нет"
    assert read_csv(exports.csv_bytes(frame(), info))["Rate per 100,000 children"].iloc[0] == 2.81


def test_xlsx_is_formatted_and_says_what_it_is():
    sheet = openpyxl.load_workbook(io.BytesIO(exports.xlsx_bytes(frame(), INFO))).active
    assert sheet["A1"].value == "Completed suicides by region" and sheet["A1"].font.bold
    labels = {sheet.cell(r, 1).value: sheet.cell(r, 2).value for r in range(2, 9)}
    assert labels["Period"] == "2024" and labels["Edition"] == "Public edition"
    assert labels["Source"] == "KPSSU, summary table"
    assert labels["Illustrative"].startswith("yes. Illustrative sample data")
    assert labels["Suppression"].startswith('"<5": a count from 1 to 4')
    header = exports.header_row_number(INFO) + 1  # one empty row between the notes and the table
    assert [c.value for c in sheet[header]] == [*frame().columns, "Illustrative"]
    assert sheet.freeze_panes == f"A{header + 1}"
    assert all(c.font.bold for c in sheet[header])
    first = [c.value for c in sheet[header + 1]]
    assert first == ["Astana", 3, 2.81, 1.83, 106000, True, True]
    assert sheet.cell(header + 1, 2).number_format == "0"
    widths = [sheet.column_dimensions[letter].width for letter in "ABCDEFG"]
    assert all(10 <= w <= 60 for w in widths) and widths[0] > 10
    regions = [sheet.cell(r, 1) for r in range(header + 3, header + 3 + len(FORMULAS))]
    assert [c.value for c in regions] == ["'" + f for f in FORMULAS]
    assert {c.data_type for c in regions} == {"s"}
    assert not any(c.data_type == "f" for row in sheet.iter_rows() for c in row)


def test_chart_image_carries_title_period_edition_source_and_label():
    fig = exports.label_figure(go.Figure(go.Bar(x=["Astana"], y=[3])), INFO)
    title = fig.layout.title
    assert title.text == "Completed suicides by region"
    for part in ("2024", "Public edition", "Source: KPSSU, summary table.", "Illustrative sample data"):
        assert part in title.subtitle.text
    assert exports.image_options("suicides_regions") == {"format": "png", "filename": "suicides_regions", "scale": 2}
    fig = exports.label_figure(go.Figure(), exports.ExportInfo("t", "p", "<a href='x'>file</a>.xlsx", "en", False))
    assert "<a " not in fig.layout.title.subtitle.text and "&lt;a href" in fig.layout.title.subtitle.text


def test_data_package_holds_every_table_and_validates(tmp_path):
    tables = [datapackage.Table("suicides_regions", frame(), INFO),
              datapackage.Table("suicides_regions", frame().head(2), INFO)]
    data = datapackage.package_zip(tables, title="Suicides and suicide attempts", edition="public", lang="en",
                                   selection={"period": "2024.1-12", "measure": "attempts"},
                                   created=datetime(2026, 12, 1, 9, 30, tzinfo=timezone.utc))
    zipfile.ZipFile(io.BytesIO(data)).extractall(tmp_path)
    assert sorted(p.name for p in tmp_path.iterdir()) == ["README.md", "datapackage.json", "suicides_regions-2.csv",
                                                          "suicides_regions.csv"]
    report = frictionless.validate(tmp_path / "datapackage.json")
    assert report.valid, report.flatten(["rowNumber", "fieldName", "type", "note"])
    package = frictionless.Package(tmp_path / "datapackage.json")
    assert package.custom["cpm:edition"] == "public" and package.custom["cpm:illustrative"] is True
    rows = package.get_resource("suicides_regions").read_rows()
    assert len(rows) == 8 and rows[1]["Region"] == "#1 Almaty" and rows[0]["Cases"] == 3
    fields = {f.name: f.type for f in package.get_resource("suicides_regions").schema.fields}
    assert fields["Cases"] == "integer" and fields["Children aged 0-17"] == "integer"
    assert fields["Rate per 100,000 children"] == "number" and fields["Illustrative"] == "boolean"
    readme = (tmp_path / "README.md").read_text(encoding="utf-8")
    for part in ("Public edition", "measure=attempts, period=2024.1-12", "2026-12-01", "Illustrative sample data"):
        assert part in readme


# --- through the real ETL ------------------------------------------------------------------------

def psc_network_file(path, sheet_name: str, centres: list[str]):
    """A PSC network table whose centre names (and sheet name) a spreadsheet would take for formulas:
    typed as text, as an agency's file can hold them."""
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.title = sheet_name
    rows = [["Сеть ЦПП по состоянию на 01.11.2024"], [],
            ["Регион", "Наименование центра", "Дата открытия", "Штатная численность", "Фактическая численность"]]
    regions = ["Акмолинская область", "Актюбинская область", "Карагандинская область", "г. Алматы"]
    rows += [[region, centre, "10.12.2023", 10 + i, 9 + i] for i, (region, centre) in enumerate(zip(regions, centres))]
    for r, row in enumerate(rows, 1):
        for c, value in enumerate(row, 1):
            sheet.cell(r, c).value = value
            if isinstance(value, str):
                sheet.cell(r, c).data_type = "s"
    book.save(path)
    return path


def test_formula_text_from_a_loaded_file_is_neutralised_in_csv_and_xlsx(tmp_path):
    centres = ["=HYPERLINK(\"http://example.invalid\",\"ЦПП\")", "+7 777 ЦПП", "-ЦПП Караганды", "@ЦПП Алматы"]
    source = psc_network_file(tmp_path / "=psc_network.xlsx", "+Лист1", centres)
    db_path = tmp_path / "t.duckdb"
    [outcome] = load_files([source], db=db_path)
    assert outcome.status in {"loaded", "warning"}, outcome
    network = psc.presence(get_database(db_path), date(2024, 11, 1))
    loaded = network.dropna(subset=["centre_name"]).sort_values("region_code")
    assert sorted(loaded.centre_name) == sorted(centres)  # the ETL kept the text as typed
    sheets = get_database(db_path).query("SELECT DISTINCT source_sheet FROM psc_network").source_sheet.tolist()
    assert sheets == ["+Лист1"]
    table = pd.DataFrame({"Region": loaded.name_en, "Centre": loaded.centre_name,
                          "Specialists": loaded.specialists.astype("Int64"), "Source file": loaded.source_file,
                          "Sheet": sheets[0]})
    info = exports.ExportInfo(title=centres[0], period="1 November 2024", sources="=psc_network.xlsx, +Лист1",
                              lang="en", illustrative=False)

    data = exports.csv_bytes(table, info)
    said = notes(data)
    assert said["Title"] == "'" + centres[0]
    assert said["Source"] == "'=psc_network.xlsx, +Лист1"
    assert said["Illustrative"] == "no"
    reread = read_csv(data)
    assert sorted(reread.Centre) == sorted("'" + c for c in centres)
    assert set(reread["Source file"]) == {"'=psc_network.xlsx"} and set(reread.Sheet) == {"'+Лист1"}
    assert not reread.Illustrative.any()

    sheet = openpyxl.load_workbook(io.BytesIO(exports.xlsx_bytes(table, info))).active
    cells = [c for row in sheet.iter_rows() for c in row if c.value is not None]
    assert not any(c.data_type == "f" for c in cells)
    texts = [c.value for c in cells if isinstance(c.value, str)]
    assert all(not t.startswith(tuple(exports.FORMULA_PREFIXES)) for t in texts)
    assert sheet["A1"].value == "'" + centres[0]
    assert {"'" + c for c in centres} <= set(texts) and "'=psc_network.xlsx" in texts and "'+Лист1" in texts
    assert "'=psc_network.xlsx, +Лист1" in texts


def test_every_chart_of_a_page_names_itself_in_its_image(sample_db):
    """On the suicides page, each chart's figure and camera button carry what its image must say."""
    from streamlit.testing.v1 import AppTest

    at = AppTest.from_file(str(REPO_ROOT / "app.py"), default_timeout=60)
    at.user = {"proxy_user": "demo"}  # signed in, as the proxy names the demo viewer
    at.query_params["lang"] = "en"
    at.run()
    at.switch_page("pages/suicides.py")
    at.run()
    assert not at.exception, [e.value for e in at.exception]
    charts = at.get("plotly_chart")
    assert len(charts) >= 5
    for chart in charts:
        spec, config = json.loads(chart.proto.spec), json.loads(chart.proto.config)
        title = spec["layout"]["title"]
        assert title["text"] and edition_name() in title["subtitle"]["text"], title
        assert "Source: " in title["subtitle"]["text"] and "Illustrative sample data" in title["subtitle"]["text"]
        assert config["toImageButtonOptions"]["filename"].startswith("suicides_")
    trend = next(c for c in charts if c.proto.id.endswith("trend_chart"))
    assert json.loads(trend.proto.spec)["layout"]["title"]["text"] == "National trend by year"


def edition_name() -> str:
    """The name of the edition the app runs as in this test process (CPM_EDITION)."""
    from i18n import translate
    from ui.edition import NAMES, current_edition

    return translate(NAMES[current_edition()], "en")
