"""One reading layer for every source: .xlsx, .xls and .csv become grids of raw cell values.

Row and column indices are 0-based and match Excel's (row 0 is Excel row 1, column 0 is "A"),
so any value can be named by its A1 reference in a message. Merged header cells are spread over
their whole range so a group heading stands above every column it covers.
"""
from __future__ import annotations

import csv
import hashlib
import io
import os
import zipfile
from dataclasses import dataclass, field
from pathlib import Path

import python_calamine as calamine

from etl.messages import N_, Message, Refused, error, info

MAX_FILE_BYTES = int(os.environ.get("CPM_MAX_FILE_MB", "50")) * 1024 * 1024
OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
ZIP_MAGIC = b"PK\x03\x04"


def column_letter(col: int) -> str:
    letters = ""
    col += 1
    while col:
        col, rem = divmod(col - 1, 26)
        letters = chr(65 + rem) + letters
    return letters


def a1(row: int, col: int) -> str:
    return f"{column_letter(col)}{row + 1}"


@dataclass
class Sheet:
    name: str
    rows: list[list]
    merged: list[tuple[int, int, int, int]] = field(default_factory=list)
    # Cells formatted with an indent, read only when a label needs it (openpyxl is slow).
    indent_source: Path | None = None
    _indented: set[tuple[int, int]] | None = field(default=None, repr=False)

    @property
    def height(self) -> int:
        return len(self.rows)

    @property
    def width(self) -> int:
        return max((len(r) for r in self.rows), default=0)

    def value(self, row: int, col: int):
        if row < len(self.rows) and col < len(self.rows[row]):
            return self.rows[row][col]
        return ""

    def is_indented(self, row: int, col: int) -> bool:
        if self._indented is None:
            self._indented = _read_indents(self.indent_source, self.name) if self.indent_source else set()
        return (row, col) in self._indented

    def merged_value(self, row: int, col: int):
        """The value shown in a cell, taking merged ranges into account."""
        for r0, c0, r1, c1 in self.merged:
            if r0 <= row <= r1 and c0 <= col <= c1:
                return self.value(r0, c0)
        return self.value(row, col)


@dataclass
class Workbook:
    path: Path
    sha256: str
    sheets: list[Sheet]
    notes: list[Message] = field(default_factory=list)

    @property
    def file_name(self) -> str:
        return self.path.name


def file_sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as fh:
        for chunk in iter(lambda: fh.read(1 << 20), b""):
            digest.update(chunk)
    return digest.hexdigest()


def read_workbook(path: str | Path) -> Workbook:
    """Read every visible, non-empty sheet of a spreadsheet file, or refuse it with a reason."""
    path = Path(path)
    if not path.is_file():
        raise Refused(error(N_("file not found")))
    size = path.stat().st_size
    if size > MAX_FILE_BYTES:
        raise Refused(error(N_("file is too large ({size_mb} MB; the limit is {limit_mb} MB)"),
                            size_mb=round(size / 1048576, 1), limit_mb=MAX_FILE_BYTES // 1048576))
    if size == 0:
        raise Refused(error(N_("file is empty")))
    with path.open("rb") as fh:
        head = fh.read(8)
    if head.startswith(ZIP_MAGIC):
        if not zipfile.is_zipfile(path):  # cut short in transfer or damaged
            raise Refused(error(N_("file cannot be read as a spreadsheet ({reason})"),
                                reason="damaged or incomplete ZIP archive"))
        if not _is_xlsx_zip(path):
            raise Refused(error(N_("file is not a spreadsheet (a ZIP archive without an Excel workbook)")))
        sheets, notes = _read_excel(path)
    elif head == OLE_MAGIC:
        if "EncryptedPackage".encode("utf-16-le") in path.read_bytes()[:1 << 20] or _has_ole_encryption(path):
            raise Refused(error(N_("file is encrypted (password protected); save it without a password")))
        sheets, notes = _read_excel(path)
    else:
        sheets, notes = [_read_csv(path)], []
    sheets = [s for s in sheets if _has_content(s)]
    if not sheets:
        raise Refused(notes + [error(N_("file has no sheet with data"))])
    return Workbook(path=path, sha256=file_sha256(path), sheets=sheets, notes=notes)


def _is_xlsx_zip(path: Path) -> bool:
    try:
        with zipfile.ZipFile(path) as zf:
            return "xl/workbook.xml" in zf.namelist()
    except zipfile.BadZipFile:
        return False


def _has_ole_encryption(path: Path) -> bool:
    # Old .xls encryption sets a FILEPASS record; calamine reports it as a password error when opened.
    try:
        calamine.CalamineWorkbook.from_path(str(path))
    except calamine.PasswordError:
        return True
    except Exception:
        return False
    return False


def _read_excel(path: Path) -> tuple[list[Sheet], list[Message]]:
    try:
        book = calamine.CalamineWorkbook.from_path(str(path))
    except calamine.PasswordError:
        raise Refused(error(N_("file is encrypted (password protected); save it without a password")))
    except Exception as exc:  # calamine raises several unrelated types for corrupt files
        raise Refused(error(N_("file cannot be read as a spreadsheet ({reason})"), reason=str(exc)[:200]))
    sheets, notes = [], []
    try:
        for meta in book.sheets_metadata:
            if str(meta.typ) != "SheetTypeEnum.WorkSheet":
                continue
            if str(meta.visible) != "SheetVisibleEnum.Visible":
                notes.append(info(N_("hidden sheet skipped"), sheet=meta.name))
                continue
            raw = book.get_sheet_by_name(meta.name)
            rows = [list(r) for r in raw.to_python(skip_empty_area=False)]
            merged = [(r0, c0, r1, c1) for (r0, c0), (r1, c1) in (raw.merged_cell_ranges or [])]
            sheets.append(Sheet(name=meta.name, rows=rows, merged=merged))
    except Refused:
        raise
    except Exception as exc:
        raise Refused(error(N_("file cannot be read as a spreadsheet ({reason})"), reason=str(exc)[:200]))
    finally:
        book.close()
    if _is_xlsx_zip(path):
        for sheet in sheets:
            sheet.indent_source = path
    return sheets, notes


def _read_indents(path: Path, sheet_name: str) -> set[tuple[int, int]]:
    """Cells of the first columns formatted with an indent: districts listed under their region
    are often indented by formatting alone, with no leading spaces in the text."""
    import openpyxl

    found: set[tuple[int, int]] = set()
    try:
        book = openpyxl.load_workbook(path, read_only=True)
    except Exception:  # an unreadable style part only loses the indent hint, not the figures
        return found
    try:
        if sheet_name in book.sheetnames:
            for r, row in enumerate(book[sheet_name].iter_rows(max_col=6)):
                for c, cell in enumerate(row):
                    alignment = getattr(cell, "alignment", None)
                    if alignment is not None and (alignment.indent or 0) > 0:
                        found.add((r, c))
    finally:
        book.close()
    return found


def _decode(data: bytes) -> str:
    if b"\x00" in data[:4096]:
        raise Refused(error(N_("file is not a spreadsheet (binary content)")))
    for encoding in ("utf-8-sig", "cp1251"):
        try:
            return data.decode(encoding)
        except UnicodeDecodeError:
            continue
    raise Refused(error(N_("file is neither UTF-8 nor Windows-1251 text")))


def _read_csv(path: Path) -> Sheet:
    text = _decode(path.read_bytes())
    sample = "\n".join(text.splitlines()[:50])
    delimiter = max((";", ",", "\t"), key=lambda d: _delimiter_score(sample, d))
    if _delimiter_score(sample, delimiter) == 0:
        raise Refused(error(N_("file is not a spreadsheet: no comma, semicolon or tab separated columns found")))
    rows = [list(r) for r in csv.reader(io.StringIO(text), delimiter=delimiter)]
    width = max((len(r) for r in rows), default=0)
    rows = [r + [""] * (width - len(r)) for r in rows]
    return Sheet(name=path.stem, rows=rows)


def _delimiter_score(sample: str, delimiter: str) -> int:
    """Lines that split into the same number (>1) of fields: a real separator is consistent."""
    counts = [len(r) for r in csv.reader(io.StringIO(sample), delimiter=delimiter) if any(x.strip() for x in r)]
    if not counts:
        return 0
    most = max(set(counts), key=counts.count)
    return counts.count(most) * (most - 1) if most > 1 else 0


def _has_content(sheet: Sheet) -> bool:
    return any(str(v).strip() for row in sheet.rows for v in row if v is not None)
