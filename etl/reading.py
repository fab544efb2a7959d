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
from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path

import python_calamine as calamine

from etl import sniff
from etl.biff import check_xls
from etl.html_table import read_html_tables
from etl.limits import Limits
from etl.messages import N_, Message, Refused, error, info
from etl.ooxml import check_range, check_xlsx

MAX_FILE_BYTES = int(os.environ.get("CPM_MAX_FILE_MB", "50")) * 1024 * 1024
_ENCRYPTED = N_("file is encrypted (password protected); save it without a password")
_TOO_LONG = N_("a cell of the sheet is longer than {limit} characters")


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
    """A sheet's cells, each row without its trailing empty cells (an empty row is ``[]``), so
    that memory and every scan grow with the cells present, not with the used range."""
    name: str
    rows: list[list]
    merged: list[tuple[int, int, int, int]] = field(default_factory=list)
    # Cells formatted with an indent, read only when a label needs it (openpyxl is slow).
    indent_source: Path | None = None
    _indented: set[tuple[int, int]] | None = field(default=None, repr=False)

    @property
    def height(self) -> int:
        return len(self.rows)

    @cached_property
    def width(self) -> int:
        # computed once: parsers ask for it inside loops over rows
        return max((len(r) for r in self.rows), default=0)

    @cached_property
    def _merged_at(self) -> dict[tuple[int, int], tuple[int, int]]:
        """Every covered cell's top-left cell, each range clipped to the cells present."""
        found: dict[tuple[int, int], tuple[int, int]] = {}
        for r0, c0, r1, c1 in self.merged:
            for r in range(r0, min(r1, self.height - 1) + 1):
                for c in range(c0, min(c1, self.width - 1) + 1):
                    found.setdefault((r, c), (r0, c0))
        return found

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
        top_left = self._merged_at.get((row, col)) if self.merged else None
        return self.value(*top_left) if top_left else self.value(row, col)


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


def read_workbook(path: str | Path, limits: Limits | None = None) -> Workbook:
    """Read every visible, non-empty sheet of a spreadsheet file, or refuse it with a reason.

    The reader is chosen by the file's content, whatever its extension says."""
    path = Path(path)
    limits = limits or Limits.from_env()
    sniff.check_regular_file(path)
    size = path.stat().st_size
    if size > MAX_FILE_BYTES:
        raise Refused(error(N_("file is too large ({size_mb} MB; the limit is {limit_mb} MB)"),
                            size_mb=round(size / 1048576, 1), limit_mb=MAX_FILE_BYTES // 1048576))
    kind = sniff.sniff(path)
    notes: list[Message] = []
    if kind == sniff.XLSX:
        check_xlsx(path, limits)
        sheets, notes = _read_excel(path, limits, indents=True)
    elif kind == sniff.XLS:
        check_xls(path, limits)
        sheets, notes = _read_excel(path, limits, indents=False)
    elif kind == sniff.HTML:
        sheets = [Sheet(name=name, rows=[_trimmed_text(r) for r in rows], merged=merged)
                  for name, rows, merged in read_html_tables(path, limits)]
    else:
        sheets = [_read_csv(path, limits)]
    sheets = [s for s in sheets if _has_content(s)]
    if not sheets:
        raise Refused(notes + [error(N_("file has no sheet with data"))])
    return Workbook(path=path, sha256=file_sha256(path), sheets=sheets, notes=notes)


def _trimmed(row: list) -> list:
    if row and (row[-1] is None or row[-1] == ""):
        while row and (row[-1] is None or row[-1] == ""):
            row.pop()
    return row


def _trimmed_text(row: list[str]) -> list[str]:
    if row and not row[-1]:
        if not any(row):  # a line of separators only, as exports pad sheets with
            return []
        while not row[-1]:
            row.pop()
    return row


def _read_excel(path: Path, limits: Limits, *, indents: bool) -> tuple[list[Sheet], list[Message]]:
    try:
        # from the content: by path, the reader would pick its format from the extension
        with path.open("rb") as fh:
            book = calamine.CalamineWorkbook.from_filelike(fh)
    except calamine.PasswordError:
        raise Refused(error(_ENCRYPTED))
    except Exception as exc:  # calamine raises several unrelated types for corrupt files
        raise Refused(error(N_("file cannot be read as a spreadsheet ({reason})"), reason=str(exc)[:100]))
    sheets, notes = [], []
    try:
        for meta in book.sheets_metadata:
            if str(meta.typ) != "SheetTypeEnum.WorkSheet":
                continue
            if str(meta.visible) != "SheetVisibleEnum.Visible":
                notes.append(info(N_("hidden sheet skipped"), sheet=meta.name))
                continue
            raw = book.get_sheet_by_name(meta.name)
            _check_extent(raw, meta.name, limits)
            rows = [_trimmed(list(r)) for r in raw.to_python(skip_empty_area=False)]
            _check_cell_lengths(rows, meta.name, limits)
            merged = [(r0, c0, r1, c1) for (r0, c0), (r1, c1) in (raw.merged_cell_ranges or [])]
            sheets.append(Sheet(name=meta.name, rows=rows, merged=merged))
    except Refused:
        raise
    except calamine.PasswordError:
        raise Refused(error(_ENCRYPTED))
    except Exception as exc:
        raise Refused(error(N_("file cannot be read as a spreadsheet ({reason})"), reason=str(exc)[:100]))
    finally:
        book.close()
    if indents:
        for sheet in sheets:
            sheet.indent_source = path
    return sheets, notes


def _check_cell_lengths(rows: list[list], name: str, limits: Limits) -> None:
    """A label of millions of characters is no table's label, and every later step would scan it."""
    for r, row in enumerate(rows):
        for c, value in enumerate(row):
            if isinstance(value, str) and len(value) > limits.cell_chars:
                raise Refused(error(_TOO_LONG, sheet=name, cell=a1(r, c), limit=limits.cell_chars))


def _check_extent(raw, name: str, limits: Limits) -> None:
    """A sheet's used range as the reader found it, before it becomes Python values."""
    end = raw.end
    if end is not None:
        check_range(end[0] + 1, end[1] + 1, name, limits)


def _read_indents(path: Path, sheet_name: str) -> set[tuple[int, int]]:
    """Cells of the first columns formatted with an indent: districts listed under their region
    are often indented by formatting alone, with no leading spaces in the text."""
    import openpyxl

    found: set[tuple[int, int]] = set()
    try:
        # a file object, so that a workbook named .xls is still read (openpyxl checks the extension)
        book = openpyxl.load_workbook(io.BytesIO(path.read_bytes()), read_only=True)
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
    encoding = sniff.text_encoding(data)
    if encoding is None:
        raise Refused(error(N_("file is not a spreadsheet (binary content)")))
    for candidate in dict.fromkeys((encoding, "utf-8-sig", "cp1251")):
        try:
            text = data.decode("utf-8-sig" if candidate == "utf-8" else candidate)
        except UnicodeDecodeError:
            continue
        return text.lstrip("\ufeff")
    raise Refused(error(N_("file is neither UTF-8 nor Windows-1251 text")))


def _read_csv(path: Path, limits: Limits) -> Sheet:
    text = _decode(path.read_bytes())
    if "\x00" in text:
        raise Refused(error(N_("file is not a spreadsheet (binary content)")))
    sample = "\n".join(text[:65536].splitlines()[:50])
    delimiter = max((";", ",", "\t"), key=lambda d: _delimiter_score(sample, d))
    if _delimiter_score(sample, delimiter) == 0:
        raise Refused(error(N_("file is not a spreadsheet: no comma, semicolon or tab separated columns found")))
    csv.field_size_limit(limits.cell_chars)
    rows: list[list] = []
    cells = 0
    try:
        for number, row in enumerate(csv.reader(io.StringIO(text), delimiter=delimiter)):
            row = _trimmed_text(row)
            if number >= limits.rows:
                if row:  # blank lines past the limit cost nothing and are dropped
                    raise Refused(error(N_("the table has more than {limit} rows"), sheet=path.stem, limit=limits.rows))
                continue
            if len(row) > limits.columns:
                raise Refused(error(N_("the table has more than {limit} columns or cells"), sheet=path.stem,
                                    limit=limits.columns))
            cells += len(row)
            if cells > limits.cells:
                raise Refused(error(N_("the table has more than {limit} columns or cells"), sheet=path.stem,
                                    limit=limits.cells))
            rows.append(row)
    except csv.Error as exc:
        if "field larger" in str(exc):
            raise Refused(error(_TOO_LONG, sheet=path.stem, limit=limits.cell_chars))
        raise Refused(error(N_("file cannot be read as a spreadsheet ({reason})"), reason=str(exc)[:100]))
    while rows and not rows[-1]:
        rows.pop()
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
