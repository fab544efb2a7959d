"""Checks on an .xlsx archive made before the Excel reader sees it.

The reader builds a dense grid from the first to the last cell, so one cell at XFD1048576 asks
it for 17 billion cells, and a small archive can unpack to gigabytes. The archive's directory
gives the unpacked size at no cost; each sheet's XML is then streamed once (never held whole) to
learn its real used range, whatever its <dimension> claims, and to find formulas whose result
was never saved: the reader would take those for empty cells.
"""
from __future__ import annotations

import posixpath
import re
import zipfile
from dataclasses import dataclass
from pathlib import Path

from lxml import etree

from etl.limits import Limits
from etl.messages import N_, Refused, error

CHUNK = 1 << 20
MAX_PENDING = 8 << 20  # one cell element longer than this is not a table cell
_P = rb"(?:[A-Za-z_][\w.-]*:)?"  # an optional namespace prefix, as some generators write
_DIMENSION = re.compile(rb"<" + _P + rb"dimension\s+ref=\"([A-Z]{1,3})?([0-9]+)?(?::([A-Z]{1,3})([0-9]+))?\"")
_CELL_START = re.compile(rb"<" + _P + rb"c[\s/>]")
_CELL = re.compile(rb"<" + _P + rb"c(\s[^>]*?)?(?:/>|>(.*?)</" + _P + rb"c>)", re.S)
_FORMULA = re.compile(rb"<" + _P + rb"f[\s/>]")
_VALUE = re.compile(rb"<" + _P + rb"v>([^<]*)<")
_REF = re.compile(rb" r=\"([A-Z]{1,3})([0-9]+)\"")  # a literal start: the regex engine skips ahead fast
_COL = re.compile(rb" r=\"([A-Z]{1,3})[0-9]")
_ROW = re.compile(rb" r=\"[A-Z]{1,3}([0-9]+)\"")
_PREFIXED_CELL_TAGS = (b":c ", b":c>", b":c/")
_TYPE = re.compile(rb"\st=\"(\w+)\"")
_SAFE_XML = etree.XMLParser(resolve_entities=False, no_network=True, huge_tree=False, load_dtd=False)
_REL_NS = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"

_TOO_BIG_RANGE = N_("the sheet's used range {range} is too large ({rows} rows, {columns} columns; the limits are "
                    "{max_rows} rows, {max_columns} columns and {max_cells} cells): delete the rows and columns "
                    "beyond the table and save the file again")
_NO_RESULT = N_("the cell holds a formula whose result was not saved ({count} such cells in the sheet): open the file "
                "in Excel and save it again, so the results are saved")


def column_number(letters: bytes | str) -> int:
    """1 for "A", 26 for "Z", 27 for "AA"."""
    n = 0
    for ch in letters if isinstance(letters, str) else letters.decode("ascii"):
        n = n * 26 + ord(ch) - 64
    return n


def column_name(n: int) -> str:
    letters = ""
    while n:
        n, rem = divmod(n - 1, 26)
        letters = chr(65 + rem) + letters
    return letters


@dataclass
class SheetScan:
    rows: int = 0
    columns: int = 0
    cells: int = 0
    no_result: list[str] | None = None  # cells with a formula and no saved result

    def __post_init__(self):
        self.no_result = self.no_result or []


def check_xlsx(path: Path, limits: Limits) -> None:
    """Refuse an archive or a visible sheet beyond the limits, or formulas without results."""
    try:
        with zipfile.ZipFile(path) as zf:
            unpacked = sum(info.file_size for info in zf.infolist())
            if unpacked > limits.unpacked_bytes:
                raise Refused(error(N_("file unpacks to {size_mb} MB, more than the limit of {limit_mb} MB: check "
                                       "that it is the right file"),
                                    size_mb=round(unpacked / 1048576), limit_mb=limits.unpacked_bytes // 1048576))
            for name, part in _visible_sheets(zf):
                scan = scan_sheet(zf, part, name, limits)
                if scan.no_result:
                    raise Refused(error(_NO_RESULT, sheet=name, cell=scan.no_result[0], count=len(scan.no_result)))
    except (zipfile.BadZipFile, zipfile.LargeZipFile, EOFError, OSError, etree.XMLSyntaxError, KeyError) as exc:
        raise Refused(error(N_("file cannot be read as a spreadsheet ({reason})"), reason=str(exc)[:100]))


def _visible_sheets(zf: zipfile.ZipFile) -> list[tuple[str, str]]:
    """(sheet name, part path) of every visible worksheet, in the workbook's order."""
    names = set(zf.namelist())
    book = etree.fromstring(zf.read("xl/workbook.xml"), _SAFE_XML)
    targets = {}
    if "xl/_rels/workbook.xml.rels" in names:
        rels = etree.fromstring(zf.read("xl/_rels/workbook.xml.rels"), _SAFE_XML)
        for rel in rels:
            target = rel.get("Target") or ""
            part = target.lstrip("/") if target.startswith("/") else posixpath.normpath(posixpath.join("xl", target))
            targets[rel.get("Id")] = part
    found = []
    for sheet in book.iter("{*}sheet"):
        if sheet.get("state") in ("hidden", "veryHidden"):
            continue
        part = targets.get(sheet.get(f"{{{_REL_NS}}}id"))
        if part in names:
            found.append((sheet.get("name") or "", part))
    return found


def scan_sheet(zf: zipfile.ZipFile, part: str, name: str, limits: Limits) -> SheetScan:
    scan = SheetScan()
    pending = b""
    first = True
    with zf.open(part) as stream:
        while True:
            chunk = stream.read(CHUNK)
            buf = pending + chunk
            if first:
                _check_dimension(buf, name, limits)
                first = False
            if chunk:
                cut = _last_cell_start(buf)
                done, pending = buf[:cut], buf[cut:]
                if len(pending) > MAX_PENDING:
                    raise Refused(error(N_("a cell of the sheet is longer than {limit} characters"), sheet=name,
                                        limit=limits.cell_chars))
            else:
                done, pending = buf, b""
            _count(done, scan)
            if scan.cells > limits.cells:
                raise Refused(error(N_("the sheet holds more than {max_cells} cells: delete the rows and columns "
                                       "beyond the table and save the file again"), sheet=name,
                                    max_cells=limits.cells))
            check_range(scan.rows, scan.columns, name, limits)
            if not chunk:
                return scan


def _last_cell_start(buf: bytes) -> int:
    """Where the last (maybe incomplete) cell element begins: everything before is whole cells."""
    end = len(buf)
    while True:
        at = buf.rfind(b"c", 0, end)
        if at < 1:
            return buf.rfind(b">") + 1
        begin = buf.rfind(b"<", max(0, at - 64), at)
        if begin >= 0 and _CELL_START.match(buf, begin):
            return begin
        end = at


def _count(part: bytes, scan: SheetScan) -> None:
    cols = set(_COL.findall(part))
    if cols:
        scan.columns = max(scan.columns, max(map(column_number, cols)))
        scan.rows = max(scan.rows, max(map(int, set(_ROW.findall(part)))))
    # "<c" also counts the few <col> and <cfRule> elements: a count for a limit, not an exact one
    scan.cells += part.count(b"<c")
    if b":c" in part:
        scan.cells += sum(part.count(tag) for tag in _PREFIXED_CELL_TAGS)
    if (b"<f" in part or b":f" in part) and _FORMULA.search(part):
        for cell in _CELL.finditer(part):
            body = cell.group(2)
            if not body or not _FORMULA.search(body):
                continue
            value = _VALUE.search(body)
            attrs = cell.group(1) or b""
            kind = _TYPE.search(attrs)
            text_result = kind is not None and kind.group(1) in (b"str", b"inlineStr")
            if value is None or (not value.group(1).strip() and not text_result):
                ref = _REF.search(attrs)
                scan.no_result.append(ref.group(1).decode() + ref.group(2).decode() if ref else "?")


def _check_dimension(head: bytes, name: str, limits: Limits) -> None:
    found = _DIMENSION.search(head[:CHUNK])
    if not found:
        return
    end_col, end_row = (found.group(3), found.group(4)) if found.group(3) else (found.group(1), found.group(2))
    if end_col and end_row:
        check_range(int(end_row), column_number(end_col), name, limits)


def check_range(rows: int, columns: int, name: str, limits: Limits) -> None:
    """Refuse a sheet whose used range (A1 to the last row and column) is beyond the limits."""
    if rows <= limits.rows and columns <= limits.columns and rows * columns <= limits.cells:
        return
    raise Refused(error(_TOO_BIG_RANGE, sheet=name, range=f"A1:{column_name(max(columns, 1))}{max(rows, 1)}",
                        rows=rows, columns=columns, max_rows=limits.rows, max_columns=limits.columns,
                        max_cells=limits.cells))
