"""The reading layer: every format becomes the same grid with Excel's own row and column numbers;
files that cannot be used are refused with a reason."""
from __future__ import annotations

import struct
import zipfile

import pytest

import etl.reading
from etl.messages import Refused
from etl.pipeline import parse_file
from etl.reading import a1, column_letter, read_workbook
from helpers import SheetSpec, default_rows, encrypted_ole, located, summary_sheet, write, write_csv, write_xls, write_xlsx

GRID = [["Сведения о суицидах"], [], ["Регион", "Суициды", None], [None, "2023", "2024"],
        ["Акмолинская область", 5, "1 234"], ["г. Алматы", 7, 8]]


@pytest.mark.parametrize("col, letter", [(0, "A"), (1, "B"), (25, "Z"), (26, "AA"), (27, "AB"), (701, "ZZ"), (702, "AAA")])
def test_column_letters(col, letter):
    assert column_letter(col) == letter
    assert a1(16, col) == f"{letter}17"


@pytest.mark.parametrize("suffix", [".xlsx", ".xls"])
def test_excel_grid_keeps_a1_positions_and_spreads_merged_headings(tmp_path, suffix):
    path = write(tmp_path / f"any name{suffix}", SheetSpec(GRID, name="Данные 2024", merges=["A3:A4", "B3:C3"]))
    book = read_workbook(path)
    assert [s.name for s in book.sheets] == ["Данные 2024"]
    sheet = book.sheets[0]
    assert sheet.value(0, 0) == "Сведения о суицидах"
    assert sheet.value(4, 0) == "Акмолинская область" and sheet.value(4, 2) == "1 234"
    assert float(sheet.value(5, 2)) == 8
    # the group heading stands above both year columns, the label heading over both header rows
    assert sheet.merged_value(2, 2) == "Суициды" and sheet.merged_value(3, 0) == "Регион"
    assert sheet.merged_value(3, 2) == "2024"
    assert len(book.sha256) == 64


@pytest.mark.parametrize("encoding", ["utf-8", "utf-8-sig", "cp1251"])
@pytest.mark.parametrize("delimiter", [";", ","])
def test_csv_encodings_and_separators_give_the_same_grid(tmp_path, encoding, delimiter):
    path = write_csv(tmp_path / "table.csv", GRID, encoding=encoding, delimiter=delimiter)
    if encoding == "utf-8-sig":
        assert path.read_bytes().startswith(b"\xef\xbb\xbf")
    sheet = read_workbook(path).sheets[0]
    assert sheet.name == "table"
    assert sheet.value(0, 0) == "Сведения о суицидах"  # no BOM glued to the first cell
    assert sheet.value(2, 1) == "Суициды"
    assert sheet.value(4, 0) == "Акмолинская область" and sheet.value(4, 2) == "1 234"
    assert sheet.width == 3


def test_empty_sheets_are_skipped_silently(tmp_path):
    path = write_xlsx(tmp_path / "book.xlsx", SheetSpec([], name="Пустой"), SheetSpec(GRID, name="Данные"),
                      SheetSpec([[None, "   "], [None, None]], name="Пробелы"))
    book = read_workbook(path)
    assert [s.name for s in book.sheets] == ["Данные"]
    assert book.notes == []


@pytest.mark.parametrize("suffix", [".xlsx", ".xls"])
def test_hidden_sheets_are_skipped_and_reported(tmp_path, suffix):
    path = write(tmp_path / f"book{suffix}", SheetSpec(GRID, name="Данные"), SheetSpec(GRID, name="Черновик", hidden=True))
    book = read_workbook(path)
    assert [s.name for s in book.sheets] == ["Данные"]
    [note] = book.notes
    assert note.level == "info" and note.sheet == "Черновик" and "hidden sheet skipped" in note.text()


def test_excel_indent_formatting_is_recorded(tmp_path):
    path = write_xlsx(tmp_path / "indent.xlsx", SheetSpec(GRID + [["Целиноградский район", 1, 1]], indents=["A7"]))
    sheet = read_workbook(path).sheets[0]
    assert sheet.is_indented(6, 0)
    assert not sheet.is_indented(5, 0) and not sheet.is_indented(6, 1)


def _png(path):
    chunk = struct.pack(">I", 13) + b"IHDR" + struct.pack(">IIBBBBB", 1, 1, 8, 2, 0, 0, 0) + b"\0" * 4
    path.write_bytes(b"\x89PNG\r\n\x1a\n" + chunk + b"\0\0\0\0IEND\xaeB`\x82")
    return path


def _text(path):
    path.write_text("Отчёт будет направлен позже.\nС уважением\n", encoding="utf-8")
    return path


def _zip_without_workbook(path):
    with zipfile.ZipFile(path, "w") as zf:
        zf.writestr("report.docx.txt", "не таблица")
    return path


def _truncated_xlsx(path):
    full = write_xlsx(path.with_name("full.xlsx"), SheetSpec(GRID))
    path.write_bytes(full.read_bytes()[:1500])
    return path


def _broken_ole(path):
    path.write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 1000)
    return path


def _only_empty_sheets(path):
    return write_xlsx(path, SheetSpec([], name="A"), SheetSpec([[None]], name="B"))


@pytest.mark.parametrize("name, make, words", [
    ("picture.xlsx", _png, ["not a spreadsheet", "binary"]),
    ("letter.xlsx", _text, ["not a spreadsheet", "separated columns"]),
    ("archive.xlsx", _zip_without_workbook, ["not a spreadsheet", "zip"]),
    ("cut.xlsx", _truncated_xlsx, ["cannot be read", "damaged"]),
    ("broken.xls", _broken_ole, ["cannot be read"]),
    ("empty.xlsx", lambda p: (p.write_bytes(b""), p)[1], ["file is empty"]),
    ("empty.csv", lambda p: (p.write_bytes(b""), p)[1], ["file is empty"]),
    ("sheets.xlsx", _only_empty_sheets, ["no sheet with data"]),
    ("locked.xlsx", encrypted_ole, ["encrypted", "password"]),
    ("locked.xls", encrypted_ole, ["encrypted", "password"]),
])
def test_unusable_files_are_refused_with_a_reason(tmp_path, name, make, words):
    path = make(tmp_path / name)
    with pytest.raises(Refused) as caught:
        read_workbook(path)
    text = caught.value.messages[-1].text().lower()
    assert all(w.lower() in text for w in words), text
    # the pipeline turns the refusal into an outcome naming the file, never an exception
    outcome = parse_file(path)
    assert outcome.status == "refused"
    assert located(outcome, "error")[-1].startswith(f"{name}: ")


def test_missing_file_is_refused(tmp_path):
    outcome = parse_file(tmp_path / "nowhere.xlsx")
    assert outcome.status == "refused" and outcome.sha256 is None
    assert located(outcome) == ["nowhere.xlsx: file not found"]


def test_hidden_sheet_alone_leaves_no_data(tmp_path):
    path = write_xlsx(tmp_path / "hidden.xlsx", SheetSpec([], name="Пустой"),
                      summary_sheet(default_rows(), name="Скрытый", hidden=True))
    outcome = parse_file(path)
    assert outcome.status == "refused"
    assert located(outcome) == ['hidden.xlsx, sheet "Скрытый": hidden sheet skipped', "hidden.xlsx: file has no sheet with data"]


def test_oversized_file_is_refused(tmp_path, monkeypatch):
    monkeypatch.setattr(etl.reading, "MAX_FILE_BYTES", 1024 * 1024)
    rows = [["Регион", "Суициды 2023"]] + [["Акмолинская область", i] for i in range(150_000)]
    path = write_csv(tmp_path / "huge.csv", rows)
    assert path.stat().st_size > 1024 * 1024
    outcome = parse_file(path)
    assert outcome.status == "refused"
    [message] = located(outcome)
    assert message.startswith("huge.csv: file is too large (") and "the limit is 1 MB" in message


def test_file_under_the_limit_is_read(tmp_path, monkeypatch):
    monkeypatch.setattr(etl.reading, "MAX_FILE_BYTES", 1024 * 1024)
    path = write_xls(tmp_path / "small.xls", summary_sheet(default_rows()))
    assert read_workbook(path).sheets[0].name == "Лист1"
