"""Prosecutor's Office (KPSSU) detail: a long table, one row per region, period, sex and age.

A row for both sexes and all ages is a subtotal of the same file: it is checked, not stored, so
that a breakdown never counts a child twice.
"""
from __future__ import annotations

import re

from etl.figures import ParsedFile
from etl.messages import N_, Translatable, error
from etl.periods import parse_period
from etl.reading import Sheet, a1
from etl.sources import common
from etl.table import figure_rows, locate, reresolve
from etl.vocabulary import vocabulary
from core.text import fold

ID = "kpssu_detail"


def score(text: str) -> int:
    return vocabulary(ID).score(text)


def parse_sex(raw) -> str | None:
    """The sex a cell names: the whole cell is a wording of data/vocabulary/kpssu_detail.toml, or
    starts with one of more than two letters ("девочки" for "дев")."""
    text = fold(raw).strip(".")
    for sex, term in vocabulary(ID).table("sex").items():
        if any(text == w.key or (len(w.key) > 2 and text.startswith(w.key)) for w in term.words):
            return sex
    return None


def parse_age(raw) -> str | None:
    text = fold(raw)
    ages = vocabulary(ID).table("age")
    if ages["all"].hit(text) is not None:
        return "all"
    numbers = [int(n) for n in re.findall(r"\d+", text)]
    if len(numbers) == 1 and ages["under"].hit(text) is not None:
        return f"0-{numbers[0] - 1}"
    if len(numbers) == 2 and numbers[0] <= numbers[1]:
        return f"{numbers[0]}-{numbers[1]}"
    return None


def parse(sheet: Sheet, result: ParsedFile) -> None:
    table = locate(sheet)
    title_period = parse_period(table.title, search=True)
    dims, measures = {}, []
    vocab = vocabulary(ID)
    for column in table.columns:
        if column.col == table.label_col:
            continue
        cell = table.header_cell(column.col)
        if common.is_derived(column):
            result.ignore(sheet.name, cell, column.shown, "derived")
            continue
        dim = common.match_column(vocab, column, "dimensions")
        if dim.name in ("sex", "age") and dim.name not in dims:
            dims[dim.name] = column.col
            result.use(sheet.name, cell, column.shown, dim.name)
            continue
        match = common.match_column(vocab, column)
        if match.ambiguous:
            result.messages.append(common.ambiguous_heading(sheet, cell, column, match, vocab))
        elif match.name is not None:
            measures.append((column.col, match.name))
            result.use(sheet.name, cell, column.shown, match.name)
        elif dim.name == "period" and "period" not in dims:
            dims["period"] = column.col
            result.use(sheet.name, cell, column.shown, "period")
        else:
            common.unknown_heading(result, vocab, sheet, cell, column)
    header_cell = a1(table.header_rows[0], table.label_col)
    for needed in ("sex", "age"):
        if needed not in dims:
            result.messages.append(error(N_('required column "{column}" is missing'), sheet=sheet.name,
                                         cell=header_cell, column=Translatable(needed)))
    if not measures:
        result.messages.append(error(N_("no column of completed suicides or suicide attempts found in the header"),
                                     sheet=sheet.name, cell=header_cell))
    if result.errors:
        return
    row_periods = {}
    for row in table.rows:
        if "period" in dims:
            raw = sheet.value(row.row, dims["period"])
            try:
                period = common.heading_period([raw], title_period, table.title_as_written) if raw is not None \
                    else title_period
            except common.PeriodConflict as conflict:
                result.messages.append(common.period_conflict(sheet, a1(row.row, dims["period"]), conflict))
                continue
            if period is None:
                result.messages.append(common.unreadable_period(sheet, a1(row.row, dims["period"]), str(raw)))
                continue
        elif title_period is None:
            result.messages.append(error(N_("the period is given neither in a column nor in the title"),
                                         sheet=sheet.name, cell=header_cell))
            return
        else:
            period = title_period
        row_periods[row.row] = period
    if row_periods:
        reresolve(table, min(p.start for p in row_periods.values()), max(p.end for p in row_periods.values()))
    for row in figure_rows(table, result):
        if row.row not in row_periods:
            continue
        kind = row.resolution.kind
        sex_raw, age_raw = sheet.value(row.row, dims["sex"]), sheet.value(row.row, dims["age"])
        sex, age = parse_sex(sex_raw), parse_age(age_raw)
        if sex is None:
            result.messages.append(error(N_('sex "{found}" cannot be read (expected e.g. "девочки", "мальчики", "ж", "м")'),
                                         sheet=sheet.name, cell=a1(row.row, dims["sex"]), found=str(sex_raw)))
        if age is None:
            result.messages.append(error(N_('age group "{found}" cannot be read (expected e.g. "до 14 лет", "15-17")'),
                                         sheet=sheet.name, cell=a1(row.row, dims["age"]), found=str(age_raw)))
        if sex is None or age is None:
            continue
        subtotal = kind == "total" or (sex == "all" and age == "all")
        for col, measure in measures:
            figure, problem = common.read_count(sheet, row.row, col, region_code=row.resolution.code,
                                                period=row_periods[row.row], measure=measure, sex=sex, age_group=age,
                                                label=row.label, label_cell=a1(row.row, table.label_col))
            if problem is not None:
                result.messages.append(problem)
            elif subtotal:
                result.totals.append(figure)
            else:
                result.figures.append(figure)
    text = f"{table.title} {table.footer}"
    result.provisional |= common.is_provisional(text)
    result.illustrative |= common.is_illustrative(text)
