"""Find a region table inside a sheet by meaning, not by position.

The table is anchored on its label column (the column whose cells name regions or the national
total). The header is the block of rows right above the first region row, without the row of
column numbers that many forms carry; whatever stands above the header is the title, whatever
stands below the last data row is the footer.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date

from core.text import fold_letters
from etl import regions
from etl.periods import parse_period
from etl.messages import N_, Message, Refused, error, info
from etl.reading import Sheet, a1
from etl.values import is_not_available_mark

SCAN_ROWS = 200
SCAN_COLS = 6
MAX_HEADER_ROWS = 4


norm = fold_letters  # a cell's text as it is compared: case, spacing, dashes and letters folded


def has_any(text: str, keywords) -> bool:
    return any(k in text for k in keywords)


@dataclass
class Column:
    col: int
    path: tuple[str, ...]

    @property
    def text(self) -> str:
        return " | ".join(norm(p) for p in self.path)

    @property
    def shown(self) -> str:
        """The heading as written in the file, its lines joined top to bottom."""
        return " / ".join(" ".join(p.split()) for p in self.path)

    @property
    def letter_ref(self) -> str:
        return a1(0, self.col).rstrip("0123456789")


@dataclass
class Row:
    row: int
    label: str
    resolution: regions.Resolution


@dataclass
class RegionTable:
    sheet: Sheet
    label_col: int
    header_rows: list[int]
    columns: list[Column]
    rows: list[Row] = field(default_factory=list)
    title: str = ""
    footer: str = ""
    title_as_written: str = ""  # for quoting back to the user; ``title`` is folded for matching

    def cell(self, row: int, col: int) -> str:
        return a1(row, col)

    def header_cell(self, col: int) -> str:
        return a1(self.header_rows[-1] if self.header_rows else 0, col)


def _is_number_row(values: list) -> bool:
    """A row of column numbers (1, 2, 3, ...) printed under many official headers."""
    nums = []
    for v in values:
        s = norm(v)
        if not s:
            continue
        if not re.fullmatch(r"\d{1,2}(\.0)?", s):
            return False
        nums.append(int(float(s)))
    return len(nums) >= 2 and nums == sorted(nums) and nums[0] <= 2


def _row_text(sheet: Sheet, row: int) -> str:
    return " ".join(norm(v) for v in sheet.rows[row] if norm(v))


def find_label_column(sheet: Sheet, *, period_end: date | None = None) -> tuple[int, int] | None:
    """(column, first data row) of the column naming the most regions, or None."""
    best = None
    for col in range(min(SCAN_COLS, sheet.width)):
        hits, first = 0, None
        for row in range(min(SCAN_ROWS, sheet.height)):
            value = sheet.value(row, col)
            # KATO codes are often typed as numbers (110000000.0); small numbers are counts
            if isinstance(value, (int, float)) and not isinstance(value, bool) and float(value).is_integer() \
                    and value >= 100_000:
                value = str(int(value))
            if not isinstance(value, str) or not value.strip():
                continue
            kind = regions.resolve(value, period_end=period_end).kind
            if kind in ("region", "total"):
                hits += 1
                if first is None:
                    first = row
        if hits and (best is None or hits > best[0]):
            best = (hits, col, first)
    if best is None or best[0] < 2:
        return None
    return best[1], best[2]


def locate(sheet: Sheet, *, period_end: date | None = None) -> RegionTable:
    """Locate the region table of a sheet; refuse the sheet if it has none."""
    found = find_label_column(sheet, period_end=period_end)
    if found is None:
        raise Refused(error(N_("no table with region names found"), sheet=sheet.name))
    label_col, first_data = found
    first_data = _earlier_data_rows(sheet, first_data, label_col)
    header_rows = _header_rows(sheet, first_data, label_col)
    if not header_rows:
        raise Refused(error(N_("no header row found above the first region"), sheet=sheet.name,
                            cell=a1(first_data, label_col)))
    top = header_rows[0]
    title = " ".join(_row_text(sheet, r) for r in range(top) if _row_text(sheet, r))
    written = " ".join(" ".join(str(v).split()) for r in range(top) for v in sheet.rows[r] if norm(v))
    columns = _columns(sheet, header_rows, label_col)
    table = RegionTable(sheet, label_col, header_rows, columns, title=title, title_as_written=written)
    _collect_rows(table, first_data, period_end)
    return table


def _earlier_data_rows(sheet: Sheet, first_data: int, label_col: int) -> int:
    """Move the table's start up over rows that carry figures under a label that names no
    region (a misspelt first region), so they are reported instead of read as header rows."""
    row = first_data - 1
    while row >= 0:
        values = [sheet.value(row, c) for c in range(sheet.width) if c != label_col]
        label = norm(sheet.value(row, label_col))
        figures = sum(_numeric_like(v) for v in values)
        if not label or figures < 1 or _is_number_row(values) or parse_period(label) is not None:
            break
        if sum(bool(norm(v)) for v in values) > figures:  # text beside the numbers: a header
            break
        if all(_looks_like_year(v) for v in values if _numeric_like(v)):  # "2023 | 2024" headings
            break
        row -= 1
    return row + 1


def _looks_like_year(value) -> bool:
    text = norm(value).removesuffix(".0")
    return text.isdigit() and 1990 <= int(text) <= 2100


def _header_rows(sheet: Sheet, first_data: int, label_col: int) -> list[int]:
    rows = []
    row = first_data - 1
    while row >= 0 and len(rows) < MAX_HEADER_ROWS:
        values = [sheet.merged_value(row, c) for c in range(sheet.width)]
        filled = [v for v in values if norm(v)]
        if not filled:
            if rows:
                break
        elif _is_number_row(values):
            pass
        elif _is_title_row(values, label_col):
            break
        elif len(filled) >= 2 or _covers_many(sheet, row):
            rows.insert(0, row)
        else:
            break
        row -= 1
    return rows


def _is_title_row(values: list, label_col: int) -> bool:
    """A title merged across the table (one text over the label column and the columns beside
    it) stands above the header, even with no blank line between them; a group heading never
    covers the label column."""
    texts = {norm(v) for v in values if norm(v)}
    return len(texts) == 1 and bool(norm(values[label_col]))


def _covers_many(sheet: Sheet, row: int) -> bool:
    return any(r0 <= row <= r1 and c1 > c0 for r0, c0, r1, c1 in sheet.merged)


def _columns(sheet: Sheet, header_rows: list[int], label_col: int) -> list[Column]:
    grid = [[sheet.merged_value(r, c) for c in range(sheet.width)] for r in header_rows]
    # Without merge information (CSV, or a heading typed once over its columns) a group heading
    # stands only above the first of its columns: carry it right, except in the lowest row.
    for line in grid[:-1]:
        carry = ""
        for c in range(label_col + 1, len(line)):
            if norm(line[c]):
                carry = line[c]
            elif carry:
                line[c] = carry
    columns = []
    for c in range(sheet.width):
        path: list[str] = []
        for line in grid:
            text = str(line[c]).strip() if line[c] is not None else ""
            if isinstance(line[c], float) and line[c].is_integer():
                text = str(int(line[c]))
            if text and (not path or path[-1] != text):
                path.append(text)
        if path:
            columns.append(Column(c, tuple(path)))
    return columns


def _collect_rows(table: RegionTable, first_data: int, period_end: date | None) -> None:
    sheet = table.sheet
    last_data = first_data
    footer: list[str] = []
    for row in range(first_data, sheet.height):
        raw = sheet.value(row, table.label_col)
        label = "" if raw is None else str(raw)
        numbers = any(_numeric_like(sheet.value(row, c)) for c in range(sheet.width) if c != table.label_col)
        if not label.strip() and not numbers:
            continue
        res = resolve_label(sheet, row, table.label_col, period_end=period_end)
        if res.kind == "blank" and numbers:
            res = regions.Resolution(kind="unknown", messages=(error(N_("row has figures but no region name")),))
        if res.kind == "unknown" and not numbers:
            footer.append(_row_text(sheet, row))
            continue
        if footer:  # text between data rows is a note, not the end of the table
            footer = []
        table.rows.append(Row(row, label.strip(), res))
        last_data = row
    table.footer = " ".join(_row_text(sheet, r) for r in range(last_data + 1, sheet.height) if _row_text(sheet, r))


def resolve_label(sheet: Sheet, row: int, col: int, **period) -> regions.Resolution:
    """Resolve a row label; only a label that names no region is checked for an Excel indent
    (a district formatted under its region), because reading formatting is slow."""
    raw = sheet.value(row, col)
    res = regions.resolve(raw, **period)
    if res.kind == "unknown" and sheet.is_indented(row, col):
        res = regions.resolve(raw, indented=True, **period)
    return res


def _numeric_like(value) -> bool:
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        return True
    s = norm(value)
    return bool(s) and (bool(re.fullmatch(r"[-–—−]?[\d\s.,']+\*?|[-–—−]", s)) or is_not_available_mark(s))


def row_messages(table: RegionTable, row: Row) -> list[Message]:
    """Resolution messages of a row, placed at its label cell."""
    cell = a1(row.row, table.label_col)
    return [Message(m.level, m.msgid, m.params, table.sheet.name, cell) for m in row.resolution.messages]


def figure_rows(table: RegionTable, result):
    """The rows that carry figures (regions and total rows), in order. Each row's own messages
    go to ``result`` (a ParsedFile) on the way, and so does a note for every sub-row left out;
    every row is recorded in the file's report as read (its region) or ignored (and why)."""
    sheet = table.sheet.name
    for row in table.rows:
        cell = a1(row.row, table.label_col)
        result.messages.extend(row_messages(table, row))
        kind = row.resolution.kind
        if kind == "subrow":
            result.messages.append(info(N_('sub-row "{label}" not counted'), sheet=sheet, cell=cell, label=row.label))
        if kind in ("region", "total"):
            result.use_row(sheet, cell, row.label, row.resolution.code if kind == "region" else "total")
            yield row
        else:
            result.ignore(sheet, cell, row.label, kind)


def reresolve(table: RegionTable, period_start: date, period_end: date) -> None:
    """Resolve the row labels again once the periods are known: some names are valid only
    for some dates (Nur-Sultan, the regions created in 2022)."""
    for row in table.rows:
        row.resolution = resolve_label(table.sheet, row.row, table.label_col, period_start=period_start,
                                       period_end=period_end)
