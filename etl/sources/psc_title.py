"""The region and the month of a PSC report, from its title lines, a "Период:" cell, the value
column's heading or the sheet name."""
from __future__ import annotations

from datetime import date, datetime

from core.text import fold
from etl.figures import ParsedFile
from etl.messages import N_, Message, error
from etl.periods import RANGE, Period, month_range, parse_period
from etl.reading import Sheet, a1
from etl.region_text import find_regions
from etl.sources.psc_layout import bare_month, heading_text, monthly
from etl.sources.psc_words import Words


def title_cells(sheet: Sheet, rows) -> list[tuple[int, int, object]]:
    return [(r, c, v) for r in rows for c, v in enumerate(sheet.rows[r])
            if (isinstance(v, str) and v.strip()) or isinstance(v, (date, datetime))]



def find_period(w: Words, sheet: Sheet, result: ParsedFile, title_rows, header_row, value_col,
                 header_period: Period | None) -> Period | None:
    found: list[tuple[Period, str]] = []  # (period, where)
    other: list[tuple[Period, str]] = []
    years: set[int] = set()
    for r, c, v in title_cells(sheet, title_rows):
        where = a1(r, c)
        if isinstance(v, (date, datetime)):
            label = fold(sheet.value(r, c - 1)) if c else ""
            if w.search("headings.period", label):
                d = v.date() if isinstance(v, datetime) else v
                found.append((month_range(d.year, d.month, d.month), where))
            continue
        p = parse_period(v, search=True)
        if p is None:
            continue
        if monthly(p):
            found.append((p, where))
        elif p.kind == RANGE:
            if p.is_full_year():
                years.add(p.year)
            else:
                other.append((p, where))
    if header_period is not None:
        found.append((header_period, a1(header_row, value_col)))
    sheet_period = parse_period(sheet.name, search=True)
    if monthly(sheet_period):
        found.append((sheet_period, f'"{sheet.name}"'))
    else:
        month = bare_month(sheet.name)
        if month is None and header_row is not None:
            heading = heading_text(sheet, header_row, value_col)
            month = bare_month(heading) if heading else None
        if month is not None and len(years) == 1:
            year = years.pop()
            found.append((month_range(year, month, month), f'"{sheet.name}"'))
    distinct = list(dict.fromkeys(p for p, _ in found))
    if len(distinct) == 1:
        return distinct[0]
    if len(distinct) > 1:
        places = "; ".join(f"{p.label('ru')} ({where})" for p, where in found)
        result.messages.append(error(N_("the report names different months: {places}"), sheet=sheet.name,
                                     places=places))
        return None
    if other:
        p, where = other[0]
        result.messages.append(error(N_("the report covers {period}; a monthly report covers one month"),
                                     sheet=sheet.name, cell=where, period=p.label("ru")))
        return None
    result.messages.append(error(N_('no month found in the title, a "Период:" cell or the sheet name '
                                    '(expected e.g. "за март 2025 года")'), sheet=sheet.name,
                                 cell=a1(min(title_rows, default=0), 0)))
    return None


def find_region(sheet: Sheet, result: ParsedFile, title_rows,
                period: Period | None) -> tuple[str, str, str] | None:
    """(region code, the words naming it as written, their cell), or None with the refusal said."""
    start = period.start if period else None
    end = period.end if period else None
    mentions = []
    for r, c, v in title_cells(sheet, title_rows):
        if not isinstance(v, str):
            continue
        for m in find_regions(v, period_start=start, period_end=end):
            mentions.append((m, a1(r, c)))
    codes = list(dict.fromkeys(m.code for m, _ in mentions))
    if not codes:
        first = min(title_rows, default=0)
        result.messages.append(error(N_('no region found in the title (expected e.g. "Отчет ЦПП Акмолинской '
                                        'области за март 2025 года" or a "Регион:" cell)'),
                                     sheet=sheet.name, cell=a1(first, 0)))
        return None
    if len(codes) > 1:
        named = "; ".join(f'"{m.words}" ({cell})' for m, cell in mentions)
        result.messages.append(error(N_("the title names more than one region: {named}"), sheet=sheet.name,
                                     cell=mentions[0][1], named=named))
        return None
    seen = set()
    for m, cell in mentions:
        for msg in m.resolution.messages:
            if (msg.msgid, cell) not in seen:
                seen.add((msg.msgid, cell))
                result.messages.append(Message(msg.level, msg.msgid, msg.params, sheet.name, cell))
    if any(m.resolution.kind != "region" for m, _ in mentions):
        return None  # a region that did not exist yet in that month: said once, at the title
    return codes[0], mentions[0][0].words, mentions[0][1]


