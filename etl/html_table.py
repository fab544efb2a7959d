"""Tables of a web page saved as .xls, the "export to Excel" of many government web systems.

The page is parsed by lxml's HTML parser only: no script runs, nothing is fetched. Each <table>
becomes a sheet whose rows and columns are laid out as a browser would place them, a cell
spanning several rows or columns being a merged range like Excel's.
"""
from __future__ import annotations

import re
from pathlib import Path

import lxml.html
from lxml import etree

from etl.limits import Limits
from etl.messages import N_, Refused, error
from etl.sniff import text_encoding

_CHARSET = re.compile(rb"<meta[^>]+charset\s*=\s*[\"']?\s*([\w-]+)", re.IGNORECASE)
_SPACE = re.compile(r"\s+")
MAX_SPAN = 1000


def decode_html(data: bytes) -> str:
    encoding = text_encoding(data) or "utf-8"
    if encoding == "utf-8" or encoding == "cp1251":
        declared = _CHARSET.search(data[:8192])
        if declared:
            encoding = declared.group(1).decode("ascii").lower()
    try:
        return data.decode(encoding)
    except (LookupError, UnicodeDecodeError):
        try:
            return data.decode("utf-8")
        except UnicodeDecodeError:
            return data.decode("cp1251", errors="replace")


def read_html_tables(path: Path, limits: Limits) -> list[tuple[str, list[list], list[tuple[int, int, int, int]]]]:
    """(name, rows, merged ranges) of every table with content, in page order."""
    text = decode_html(path.read_bytes())
    try:
        root = lxml.html.document_fromstring(text)
    except (etree.ParserError, ValueError) as exc:
        raise Refused(error(N_("file cannot be read as a spreadsheet ({reason})"), reason=str(exc)[:100]))
    for unsafe in root.xpath("//script|//style|//noscript"):  # never content, and never run
        unsafe.drop_tree()
    for br in root.iter("br"):  # a line break in a heading cell separates words
        br.tail = " " + (br.tail or "")
    tables = [t for t in root.iter("table") if not any(a.tag == "table" for a in t.iterancestors())]
    found = []
    for number, table in enumerate(tables, start=1):
        name = f"{path.stem} ({number})" if len(tables) > 1 else path.stem
        rows, merged = _layout(table, limits, name)
        if rows:
            found.append((name, rows, merged))
    return found


def _span(cell, name: str) -> int:
    try:
        return max(1, min(int(cell.get(name) or 1), MAX_SPAN))
    except ValueError:
        return 1


def _layout(table, limits: Limits, sheet: str):
    grid: dict[tuple[int, int], str] = {}
    taken: set[tuple[int, int]] = set()
    merged = []
    rows = [tr for tr in table.iter("tr") if _owner(tr) is table]
    for r, tr in enumerate(rows):
        if r >= limits.rows:
            raise Refused(error(N_("the table has more than {limit} rows"), sheet=sheet, limit=limits.rows))
        c = 0
        for cell in tr:
            if cell.tag not in ("td", "th"):
                continue
            while (r, c) in taken:
                c += 1
            text = _SPACE.sub(" ", cell.text_content()).strip()
            if len(text) > limits.cell_chars:
                raise Refused(error(N_("a cell of the sheet is longer than {limit} characters"), sheet=sheet,
                                    limit=limits.cell_chars))
            rowspan, colspan = _span(cell, "rowspan"), _span(cell, "colspan")
            if c + colspan > limits.columns or len(taken) + rowspan * colspan > limits.cells:
                raise Refused(error(N_("the table has more than {limit} columns or cells"), sheet=sheet,
                                    limit=limits.columns))
            grid[(r, c)] = text
            for dr in range(rowspan):
                for dc in range(colspan):
                    taken.add((r + dr, c + dc))
            if rowspan > 1 or colspan > 1:
                merged.append((r, c, r + rowspan - 1, c + colspan - 1))
            c += colspan
    if not any(grid.values()):
        return [], []
    height = max(r for r, _ in taken) + 1
    out: list[list] = [[] for _ in range(height)]
    for (r, c), text in sorted(grid.items()):
        row = out[r]
        row.extend([""] * (c - len(row)))
        row.append(text)
    return out, merged


def _owner(tr):
    """The table a row belongs to (rows of a nested table belong to that one)."""
    for ancestor in tr.iterancestors():
        if ancestor.tag == "table":
            return ancestor
    return None
