"""Prosecutor's Office (KPSSU) summary: region rows, one column per measure and period.

Its wording is in data/vocabulary/kpssu_summary.toml. Typical layout: a group heading "Суициды" / "Попытки суицида" over year or year-to-date
columns, sometimes with "+/-" and "%" columns that are ignored.
"""
from __future__ import annotations

from etl.figures import ParsedFile
from etl.messages import N_, error
from etl.periods import parse_period
from etl.reading import Sheet, a1
from etl.sources import common
from etl.table import figure_rows, locate, reresolve
from etl.vocabulary import vocabulary

ID = "kpssu_summary"
MEASURE_NAMES = {"completed": N_("completed suicides"), "attempts": N_("suicide attempts")}


def score(text: str) -> int:
    return vocabulary(ID).score(text)


def parse(sheet: Sheet, result: ParsedFile) -> None:
    table = locate(sheet)
    title_period = parse_period(table.title, search=True)
    value_columns, measure_columns = [], 0
    vocab = vocabulary(ID)
    for column in table.columns:
        if column.col == table.label_col:
            continue
        cell = table.header_cell(column.col)
        if common.is_derived(column):
            result.ignore(sheet.name, cell, column.shown, "derived")
            continue
        match = common.match_column(vocab, column)
        if match.ambiguous:
            result.messages.append(common.ambiguous_heading(sheet, cell, column, match, vocab))
            continue
        measure = match.name
        if measure is None:
            common.unknown_heading(result, vocab, sheet, cell, column)
            continue
        measure_columns += 1
        try:
            period = common.column_period(column, title_period, table.title_as_written)
        except common.PeriodConflict as conflict:
            result.messages.append(common.period_conflict(sheet, table.header_cell(column.col), conflict))
            continue
        if period is None:
            if not any(ch.isdigit() for ch in column.text):
                # Nothing in the heading looks like a period: the title should have given it.
                if not any(m.msgid == common.NO_PERIOD for m in result.messages if m.sheet == sheet.name):
                    result.messages.append(common.no_period(sheet, table.header_cell(column.col), table.title,
                                                            column.letter_ref))
            else:
                result.messages.append(common.unreadable_period(sheet, table.header_cell(column.col),
                                                                " / ".join(column.path)))
            continue
        result.use(sheet.name, cell, column.shown, measure)
        value_columns.append((column.col, measure, period))
    if not measure_columns:
        result.messages.append(error(N_("no column of completed suicides or suicide attempts found in the header"),
                                     sheet=sheet.name, cell=a1(table.header_rows[0], table.label_col)))
        return
    if not value_columns:
        return
    periods = [p for _, _, p in value_columns]
    reresolve(table, min(p.start for p in periods), max(p.end for p in periods))
    for row in figure_rows(table, result):
        kind = row.resolution.kind
        for col, measure, period in value_columns:
            figure, problem = common.read_count(sheet, row.row, col, region_code=row.resolution.code,
                                                period=period, measure=measure,
                                                label=row.label, label_cell=a1(row.row, table.label_col))
            if problem is not None:
                result.messages.append(problem)
            elif kind == "total":
                result.totals.append(figure)
            else:
                result.figures.append(figure)
    text = f"{table.title} {table.footer}"
    result.provisional |= common.is_provisional(text)
    result.illustrative |= common.is_illustrative(text)
