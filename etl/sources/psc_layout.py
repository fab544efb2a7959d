"""Where things are on a PSC report's sheet: the column of indicator names, the month's column of
figures (by its heading, data/vocabulary/psc_activity.toml ``[headings.*]``), and the rows the
table spans."""
from __future__ import annotations

import re

from core.text import fold
from etl.figures import ParsedFile
from etl.messages import N_, error
from etl.periods import RANGE, Period, parse_period
from etl.reading import Sheet, a1
from etl.sources.psc_labels import any_indicator, classify, heading_section
from etl.sources.psc_words import Words
from etl.table import norm
from etl.values import is_not_available_mark

SCAN_COLS = 8
MIN_INDICATOR_ROWS = 5
# A cell holding only a row number ("2.1.", "4)", "IV", "а)"), not a label.
NUMBERING = re.compile(r"^\(?(?:[0-9]{1,2}(?:[.)][0-9]{0,2})*\.?\)?|[ivx]{1,4}[.)]?|[а-д]\))$")
_NUMERIC = re.compile(r"[-–—−]?[\d\s\u00a0.,'’]+\*?|[-–—−‐]+")


def is_text(value) -> bool:
    return isinstance(value, str) and bool(value.strip()) and not _NUMERIC.fullmatch(norm(value)) \
        and not is_not_available_mark(value)


def is_numeric(value) -> bool:
    if isinstance(value, bool):
        return False
    if isinstance(value, (int, float)):
        return True
    return isinstance(value, str) and bool(value.strip()) and (bool(_NUMERIC.fullmatch(norm(value)))
                                                                or is_not_available_mark(value))


def text_of(value) -> str:
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value).strip()


def label_column(w: Words, sheet: Sheet) -> int | None:
    best = None
    for col in range(min(SCAN_COLS, sheet.width)):
        hits = sum(1 for row in range(sheet.height)
                   if is_text(sheet.value(row, col)) and any_indicator(w, sheet.value(row, col)))
        if hits and (best is None or hits > best[0]):
            best = (hits, col)
    if best is None or best[0] < MIN_INDICATOR_ROWS:
        return None
    return best[1]


def row_label(sheet: Sheet, row: int, label_col: int, value_col: int | None) -> tuple[str, int]:
    """The row's label and its column: the label cell, or the first text left of the values
    (section headings are often typed in the "№" column and merged across)."""
    raw = sheet.merged_value(row, label_col)
    if is_text(raw) and not NUMBERING.fullmatch(fold(raw)):
        return text_of(raw), label_col
    stop = value_col if value_col is not None else sheet.width
    for col in range(0, stop):
        raw = sheet.value(row, col)
        if is_text(raw) and not NUMBERING.fullmatch(fold(raw)):
            return text_of(raw), col
    return "", label_col



def is_number_row(sheet: Sheet, row: int) -> bool:
    values = [v for v in sheet.rows[row] if text_of(v)]
    try:
        numbers = [int(float(text_of(v))) for v in values]
    except ValueError:
        return False
    return len(numbers) >= 2 and numbers == sorted(numbers) and numbers[0] <= 2


def header_row_of(w: Words, sheet: Sheet, first_indicator: int, label_col: int) -> int | None:
    """The column-heading row above the first indicator; blank rows, a row of column numbers and
    single-cell section headings may stand between them."""
    for row in range(first_indicator - 1, max(-1, first_indicator - 9), -1):
        cells = [fold(sheet.merged_value(row, c)) if is_text(sheet.merged_value(row, c)) else ""
                 for c in range(sheet.width)]
        texts = [t for t in cells if t]
        if not texts or is_number_row(sheet, row):
            continue
        label_cell = cells[label_col] if label_col < len(cells) else ""
        right = [t for t in cells[label_col + 1:] if t]
        if w.search("headings.label", label_cell):
            return row
        if (not label_cell or "№" in label_cell) and any(
                w.search("headings.value", t) or w.search("headings.skip", t) or month_heading(t) for t in right):
            return row
        if len(set(texts)) > 1:
            return None
    return None


def month_heading(text: str) -> bool:
    period = parse_period(text, search=True)
    return period is not None and period.kind == RANGE and period.month_from == period.month_to \
        or bare_month(text) is not None


def table_start(w: Words, sheet: Sheet, first_indicator: int) -> int:
    """Without a column heading, the table starts at the first indicator, or at the section
    headings right above it."""
    row = first_indicator
    while row > 0:
        above = [v for v in sheet.rows[row - 1] if text_of(v)]
        if len(above) != 1 or not is_text(above[0]) or heading_section(above[0], None, w) is None:
            break
        row -= 1
    return row


def table_end(w: Words, sheet: Sheet, last_valued: int, label_col: int, value_col: int) -> int:
    """The last valued row, or a known indicator with an empty cell right below it."""
    end = last_valued
    row = last_valued + 1
    while row < sheet.height:
        label, _ = row_label(sheet, row, label_col, value_col)
        if not label or classify(label, None, w)[0] is None or len([v for v in sheet.rows[row] if text_of(v)]) > 3:
            break
        end = row
        row += 1
    return end


def value_column(w: Words, sheet: Sheet, result: ParsedFile, label_col: int, indicator_rows: list[int],
                  header_row: int | None) -> tuple[int | None, Period | None]:
    counts = {}
    for col in range(label_col + 1, sheet.width):
        n = sum(1 for r in indicator_rows if is_numeric(sheet.value(r, col)))
        if n:
            counts[col] = n
    headings = {col: heading_text(sheet, header_row, col) for col in counts}
    candidates = [c for c in counts if not w.search("headings.skip", fold(headings[c]))]
    if not candidates:
        result.messages.append(error(N_("no column of figures found to the right of the indicator names"),
                                     sheet=sheet.name, cell=a1(header_row if header_row is not None else indicator_rows[0],
                                                               label_col)))
        return None, None
    if len(candidates) > 1:
        preferred = [c for c in candidates if w.search("headings.value", fold(headings[c])) or month_heading(fold(headings[c]))]
        if len(preferred) == 1:
            candidates = preferred
        else:
            best = max(counts[c] for c in candidates)
            fullest = [c for c in candidates if counts[c] == best]
            if len(fullest) == 1 and best >= 2 * sorted(counts[c] for c in candidates)[-2]:
                candidates = fullest
            else:
                cells = ", ".join(a1(header_row if header_row is not None else indicator_rows[0], c)
                                  for c in (preferred or candidates))
                result.messages.append(error(N_("several columns hold figures ({cells}); the month's column "
                                                "cannot be told apart (head it \"Количество\" or with the month)"),
                                             sheet=sheet.name, cell=cells.split(", ")[0], cells=cells))
                return None, None
    col = candidates[0]
    heading = headings[col]
    for other in counts:  # year-to-date, previous-period and share columns: in the report, not read
        if other != col:
            result.ignore(sheet.name, a1(header_row if header_row is not None else indicator_rows[0], other),
                          headings[other], "not the month's column")
    period = None
    if heading:
        p = parse_period(heading, search=True)
        if p is not None and p.kind == RANGE and p.month_from == p.month_to:
            period = p
    return col, period


def heading_text(sheet: Sheet, header_row: int | None, col: int) -> str:
    if header_row is None:
        return ""
    parts = []
    for row in range(max(0, header_row - 1), header_row + 1):
        t = text_of(sheet.merged_value(row, col))
        if t and t not in parts and (row == header_row or is_text(t)):
            parts.append(t)
    return " ".join(parts)



def bare_month(text: str) -> int | None:
    """A month named without its year ("Март", "наурыз"), as in a sheet name."""
    probe = parse_period(f"{text} 2000", search=True)
    if probe is not None and probe.kind == RANGE and probe.month_from == probe.month_to and probe.year == 2000:
        return probe.month_from
    return None


def monthly(period: Period | None) -> bool:
    return period is not None and period.kind == RANGE and period.month_from == period.month_to

