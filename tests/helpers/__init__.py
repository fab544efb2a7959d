"""Build small agency-style spreadsheets in a temporary folder, and read parse outcomes back.

Every test writes its own file: .xlsx through openpyxl (merged cells, hidden sheets, indent
formatting), .xls through xlwt, .csv in any encoding and with any separator. A grid is a list of
rows; ``None`` or "" is an empty cell. Merged ranges are given in A1 style ("B3:C3").
"""
from __future__ import annotations

import csv
import hashlib
import io
import struct
from dataclasses import dataclass, field
from pathlib import Path

import duckdb
from openpyxl.utils import range_boundaries

from etl.pipeline import FileOutcome

REPO_ROOT = Path(__file__).resolve().parent.parent.parent

# Four regions whose names need no help from the alias list, plus their KATO prefixes.
REGIONS = ["Акмолинская область", "Актюбинская область", "Карагандинская область", "г. Алматы"]
CODES = ["KZ-11", "KZ-15", "KZ-35", "KZ-75"]


@dataclass
class SheetSpec:
    rows: list[list]
    name: str = "Лист1"
    merges: list[str] = field(default_factory=list)
    hidden: bool = False
    indents: list[str] = field(default_factory=list)  # A1 cells formatted with an Excel indent


# --- writers -------------------------------------------------------------------------------

def write_xlsx(path: Path, *sheets: SheetSpec) -> Path:
    import openpyxl
    from openpyxl.styles import Alignment

    book = openpyxl.Workbook()
    book.remove(book.active)
    for spec in sheets:
        ws = book.create_sheet(spec.name)
        for r, row in enumerate(spec.rows, 1):
            for c, value in enumerate(row, 1):
                if value is not None and value != "":
                    ws.cell(r, c, value)
        for rng in spec.merges:
            ws.merge_cells(rng)
        for ref in spec.indents:
            ws[ref].alignment = Alignment(indent=2)
        if spec.hidden:
            ws.sheet_state = "hidden"
    book.save(path)
    return path


def write_xls(path: Path, *sheets: SheetSpec) -> Path:
    import xlwt

    book = xlwt.Workbook(encoding="utf-8")
    for spec in sheets:
        ws = book.add_sheet(spec.name)
        merged_cells = set()
        for rng in spec.merges:
            c0, r0, c1, r1 = range_boundaries(rng)
            value = spec.rows[r0 - 1][c0 - 1] if c0 - 1 < len(spec.rows[r0 - 1]) else ""
            ws.write_merge(r0 - 1, r1 - 1, c0 - 1, c1 - 1, value)
            merged_cells |= {(r, c) for r in range(r0 - 1, r1) for c in range(c0 - 1, c1)}
        for r, row in enumerate(spec.rows):
            for c, value in enumerate(row):
                if (r, c) not in merged_cells and value is not None and value != "":
                    ws.write(r, c, value)
        if spec.hidden:
            ws.visibility = 1
    book.save(str(path))
    return path


def write_csv(path: Path, spec: SheetSpec | list[list], *, encoding: str = "utf-8", delimiter: str = ";") -> Path:
    rows = spec.rows if isinstance(spec, SheetSpec) else spec
    buffer = io.StringIO()
    writer = csv.writer(buffer, delimiter=delimiter, lineterminator="\r\n")
    for row in rows:
        writer.writerow(["" if v is None else v for v in row])
    path.write_bytes(buffer.getvalue().encode(encoding))
    return path


def write(path: Path, *sheets: SheetSpec, **csv_options) -> Path:
    """Write ``sheets`` in the format the suffix of ``path`` names (one sheet for CSV)."""
    suffix = path.suffix.lower()
    if suffix == ".xlsx":
        return write_xlsx(path, *sheets)
    if suffix == ".xls":
        return write_xls(path, *sheets)
    assert len(sheets) == 1, "a CSV file holds one sheet"
    return write_csv(path, sheets[0], **csv_options)


def encrypted_ole(path: Path) -> Path:
    """An OLE2 compound file whose directory names an "EncryptedPackage" stream, the way Office
    stores a password-protected workbook (built by hand: msoffcrypto-tool is not installed)."""
    header = bytearray(512)
    header[0:8] = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
    header[24:26] = struct.pack("<H", 0x3E)
    header[26:28] = struct.pack("<H", 3)
    header[28:30] = b"\xfe\xff"
    header[30:32] = struct.pack("<H", 9)
    header[32:34] = struct.pack("<H", 6)
    entry = bytearray(128)
    name = "EncryptedPackage".encode("utf-16-le") + b"\x00\x00"
    entry[0:len(name)] = name
    entry[64:66] = struct.pack("<H", len(name))
    entry[66] = 2  # stream
    path.write_bytes(bytes(header) + bytes(entry) * 4 + b"\x00" * 1024)
    return path


# --- typical KPSSU tables ------------------------------------------------------------------

def summary_sheet(rows: list[tuple], *, title=("Сведения о суицидах и попытках суицида среди несовершеннолетних",),
                  groups=("Суициды", "Попытки суицида"), periods=("2023", "2024"), label_heading="Регион",
                  total: str | None = "Итого", total_first: bool = False, total_values: list | None = None,
                  footer=(), name: str = "Лист1", indents=(), hidden: bool = False) -> SheetSpec:
    """A summary form: title lines, a blank line, a two-row header (group heading merged over one
    column per period), one row per region, a total row and footnotes.

    With the default title (one line) the header is on rows 3-4 and the first data row is row 5.
    ``rows`` are (label, *values) with len(groups) * len(periods) values, group by group.
    """
    width = len(groups) * len(periods)
    grid: list[list] = [[t] for t in title] + [[]]
    top = len(grid) + 1  # Excel row of the first header line
    head1, head2 = [label_heading], [None]
    merges = [f"A{top}:A{top + 1}"]
    for g, group in enumerate(groups):
        head1 += [group] + [None] * (len(periods) - 1)
        head2 += list(periods)
        first = 2 + g * len(periods)
        merges.append(f"{_col(first)}{top}:{_col(first + len(periods) - 1)}{top}")
    grid += [head1, head2]
    body = [[label, *values] for label, *values in rows]
    if total is not None:
        if total_values is None:
            total_values = [sum(r[i + 1] for r in rows if isinstance(r[i + 1], int)) for i in range(width)]
        line = [total, *total_values]
        body = [line] + body if total_first else body + [line]
    grid += body
    if footer:
        grid += [[]] + [[f] for f in footer]
    return SheetSpec(grid, name=name, merges=merges if len(periods) > 1 else [], indents=list(indents), hidden=hidden)


def default_rows(labels: int | list[str] = 4) -> list[tuple]:
    """Region rows with distinct, easily checked values: row i has completed 10i+1 and 10i+2 and
    attempts 20i+3 and 20i+4 for the two periods. ``labels`` is a count of REGIONS or a list."""
    if isinstance(labels, int):
        labels = REGIONS[:labels]
    return [(label, 10 * i + 1, 10 * i + 2, 20 * i + 3, 20 * i + 4) for i, label in enumerate(labels)]


def _col(n: int) -> str:
    from openpyxl.utils import get_column_letter

    return get_column_letter(n)


# --- reading outcomes ----------------------------------------------------------------------

def values(outcome: FileOutcome, *, by_sex_age: bool = False) -> dict:
    """{(region, measure, period key[, sex, age]): value} of the figures a parse kept."""
    out = {}
    for f in outcome.parsed.figures:
        key = (f.region_code, f.measure, f.period.key()) + ((f.sex, f.age_group) if by_sex_age else ())
        out[key] = f.value
    return out


def figure_at(outcome: FileOutcome, cell: str, sheet: str | None = None):
    found = [f for f in outcome.parsed.figures if f.cell == cell and (sheet is None or f.sheet == sheet)]
    assert len(found) == 1, f"{len(found)} figures at {cell}"
    return found[0]


def messages(outcome: FileOutcome, level: str | None = None) -> list[dict]:
    return [m.as_dict() for m in outcome.messages if level is None or m.level == level]


def errors(outcome: FileOutcome) -> list[dict]:
    return messages(outcome, "error")


def located(outcome: FileOutcome, level: str | None = None) -> list[str]:
    return [m.located(outcome.file_name) for m in outcome.messages if level is None or m.level == level]


def find_message(outcome: FileOutcome, *words: str, level: str | None = None, cell: str | None = None,
                 sheet: str | None = None) -> dict:
    """The one message whose text has every word (case-insensitive), optionally at a cell."""
    found = [m for m in messages(outcome, level)
             if all(w.lower() in m["text"].lower() for w in words)
             and (cell is None or m["cell"] == cell) and (sheet is None or m["sheet"] == sheet)]
    assert found, f"no {level or ''} message with {words} at {cell}; got {messages(outcome)}"
    return found[0]


def read(db, sql, params=()):
    """Rows of ``sql`` from a database file, opened read-only and closed again."""
    con = duckdb.connect(str(db), read_only=True)
    try:
        return con.execute(sql, list(params)).fetchall()
    finally:
        con.close()


def figures_checksum(db) -> str:
    """A digest of every figure row (all revisions), to show that a refused file changed nothing."""
    rows = read(db, "SELECT * FROM figures ORDER BY figure_id")
    return hashlib.sha256(repr(rows).encode()).hexdigest()
