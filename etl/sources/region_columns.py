"""Sources laid out as region rows and measure columns, described by a spec instead of code.

PSC network, school psychologists, 111 appeals and child population all share this shape: a
region table whose columns are recognised by the wordings of the source's vocabulary, with the period in the title (a snapshot
date, a school year, a span of days) or in the column headings (population by year).
"""
from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from core import contracts
from etl.figures import Figure, ParsedFile
from etl.messages import N_, Translatable, error
from etl.checks import REFORM_DATE
from etl.periods import RANGE, SNAPSHOT, Period, parse_period, snapshot
from etl.reading import Sheet, a1
from etl.regions import region_by_code
from etl.sources import common
from etl.table import Column, figure_rows, locate, norm, reresolve
from etl.vocabulary import Vocabulary, vocabulary

PERIOD_KIND_WORDS = {SNAPSHOT: N_("a date (e.g. \"по состоянию на 01.11.2024\")"),
                     "school_year": N_("a school year (e.g. \"2024-2025 учебный год\")"),
                     RANGE: N_("a period (e.g. \"январь-сентябрь 2025\")")}


@dataclass(frozen=True)
class Spec:
    """A source of this shape: its contract (data/sources/<id>.toml) and its wording
    (data/vocabulary/<id>.toml), both read when a file is parsed."""
    id: str

    @property
    def contract(self) -> contracts.SourceSpec:
        return contracts.spec(self.id)

    @property
    def vocabulary(self) -> Vocabulary:
        return vocabulary(self.id)

    @property
    def period_kind(self) -> str:
        return self.contract.period_kind

    @property
    def by_sex(self) -> bool:
        return bool(self.contract.options.get("by_sex"))

    @property
    def year_is_january(self) -> bool:
        return bool(self.contract.options.get("year_is_january"))

    @property
    def measure_in_title(self) -> bool:
        return bool(self.contract.options.get("measure_in_title"))

    def score(self, text: str) -> int:
        return self.vocabulary.score(text)


def _sex(spec: Spec, column: Column) -> str:
    found = spec.vocabulary.match(column.text, "sex").name
    return found if found in ("male", "female") else "all"


def _period(spec: Spec, column: Column, title_period: Period | None, title: str) -> Period | None:
    period = common.column_period(column, None, title if spec.period_kind == RANGE else "") or title_period
    if period is not None and spec.year_is_january and period.is_full_year():
        period = snapshot(date(period.year, 1, 1))
    return period


def parse(spec: Spec, sheet: Sheet, result: ParsedFile) -> None:
    table = locate(sheet)
    vocab, contract = spec.vocabulary, spec.contract
    title_period = parse_period(table.title, search=True)
    columns, seen, named = [], {}, set()
    header_cell = a1(table.header_rows[0], table.label_col)
    period_problem = None  # said once per sheet: a title without a period fails every column alike
    for column in table.columns:
        if column.col == table.label_col:
            continue
        cell = table.header_cell(column.col)
        if common.is_derived(column):
            result.ignore(sheet.name, cell, column.shown, "derived")
            continue
        match = common.match_column(vocab, column)
        if match.name is None and not match.ambiguous and spec.measure_in_title and _plain_column(spec, column):
            match = vocab.match(table.title)
        if match.ambiguous:
            result.messages.append(common.ambiguous_heading(sheet, cell, column, match, vocab))
            continue
        if match.name is None:
            common.unknown_heading(result, vocab, sheet, cell, column)
            continue
        measure = contract.measures[match.name]
        named.add(measure.name)
        try:
            period = _period(spec, column, title_period, table.title_as_written)
        except common.PeriodConflict as conflict:
            if period_problem is None:
                period_problem = common.period_conflict(sheet, cell, conflict)
                result.messages.append(period_problem)
            continue
        if period is None or period.kind != spec.period_kind:
            if period_problem is None:
                period_problem = _period_error(spec, sheet, table, column, period)
                result.messages.append(period_problem)
            continue
        sex = _sex(spec, column) if spec.by_sex else "all"
        key = (measure.name, period, sex)
        if key in seen:
            # a repeated heading (e.g. a second "psychologists" under a group) is not a second figure
            result.ignore(sheet.name, cell, column.shown, f"repeats {seen[key]}")
            continue
        seen[key] = cell
        result.use(sheet.name, cell, column.shown, measure.name)
        columns.append((column.col, measure, period, sex))
    missing = [name for name in contract.required if name not in named]
    if missing:
        result.messages.append(common.missing_measures(sheet, header_cell, missing, table, vocab))
    if result.errors:
        return
    periods = [p for _, _, p, _ in columns]
    text = f"{table.title} {table.footer}"
    result.current_boundaries |= common.declares_current_boundaries(text)
    end = max(p.end for p in periods)
    if result.current_boundaries:
        end = max(end, REFORM_DATE)
    reresolve(table, min(p.start for p in periods), end)
    for row in figure_rows(table, result):
        kind = row.resolution.kind
        for col, measure, period, sex in columns:
            figure, problem = _read(sheet, row.row, col, measure, region_code=row.resolution.code,
                                    period=period, sex=sex, label=row.label,
                                    label_cell=a1(row.row, table.label_col))
            if problem is not None:
                result.messages.append(problem)
            elif figure is not None:
                (result.totals if kind == "total" else result.figures).append(figure)
    result.provisional |= common.is_provisional(text)
    result.illustrative |= common.is_illustrative(text)


def _plain_column(spec: Spec, column: Column) -> bool:
    """A column headed only by a period or (in a table by sex) a sex, its measure in the title."""
    if common.column_period(column, None) is not None:
        return True
    return spec.by_sex and spec.vocabulary.match(column.text, "sex").name is not None


def _period_error(spec: Spec, sheet: Sheet, table, column: Column, period: Period | None):
    expected = Translatable(PERIOD_KIND_WORDS[spec.period_kind])
    cell = table.header_cell(column.col)
    if period is None:
        return error(N_("neither the title nor column {column} gives the period: expected {expected}"),
                     sheet=sheet.name, cell=cell, column=column.letter_ref, expected=expected)
    return error(N_('expected {expected}, found "{found}"'), sheet=sheet.name, cell=cell,
                 found=period.label("ru"), expected=expected)


def _read(sheet: Sheet, row: int, col: int, measure: contracts.MeasureSpec, **where):
    if measure.kind == "count":
        return common.read_count(sheet, row, col, measure=measure.name, **where)
    raw = sheet.value(row, col)
    cell = a1(row, col)
    if measure.kind == "date":
        parsed = parse_period(raw)
        if norm(raw) and (parsed is None or parsed.kind != SNAPSHOT):
            shown = int(raw) if isinstance(raw, float) and raw.is_integer() else raw
            return None, error(N_('"{found}" is not a date'), sheet=sheet.name, cell=cell, found=str(shown).strip())
        text = parsed.start.isoformat() if parsed else None
    else:
        text = str(raw).strip() or None
    if text is None:
        return None, None
    return Figure(where["region_code"], where["period"], measure.name, None, sheet.name, cell,
                  sex=where["sex"], text=text, label=where["label"], label_cell=where["label_cell"]), None


NATIONAL = N_("Kazakhstan (national)")


def row_named(figure: Figure) -> dict:
    """The row of a figure for a message: its label as written and the region it was read as."""
    region = region_by_code(figure.region_code) if figure.region_code else Translatable(NATIONAL)
    return {"label": (figure.label or "").strip(), "region": region}


def figures_by(result: ParsedFile, *names: str) -> dict[tuple, dict[str, Figure]]:
    """{(region, period, sex): {measure: figure}} for cross-column checks."""
    out: dict[tuple, dict[str, Figure]] = {}
    for f in result.figures + result.totals:
        if f.measure in names:
            out.setdefault((f.region_code, f.period, f.sex), {})[f.measure] = f
    return out
