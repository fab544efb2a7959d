"""Monthly activity report of one Psychological Support Centre (ЦПП / ПҚО / PSC).

Layout: a title naming the centre's region and the month ("Отчет ЦПП Акмолинской области за март
2025 года", "Ақмола облысы ПҚО-ның 2025 жылғы наурыз айындағы есебі", "PSC Akmola Region:
activity report, March 2025"), then indicators as ROWS: an optional "№" column, the indicator
name, an optional unit column and one column of values headed "Количество", "Значение", "Всего",
"Саны", "Value" or the month. Section heading rows without values ("Консультации", "Источники
обращений", "Переадресация") give context to short row labels ("Очные", "Полиция").
A workbook may hold one month per sheet; every sheet is a report of its own.

How a sheet is read:
- the label column is the column whose cells name the most indicators; the value column is the
  column right of it holding numbers in the indicator rows (if several do, the one headed by a
  value word or by the month wins; "с начала года" / year-to-date, previous-period and "%"
  columns are never read);
- the region comes from the text above the indicator rows (title lines, "Регион:" cells), found
  inside the sentence by etl.region_text; the month from the same text, from the value column's
  heading or from the sheet name ("Март 2025"; "Март" takes its year from the title). Two
  different regions or months are a refusal, and so is no region or no month;
- indicator names are matched by keywords in Russian, Kazakh or English in any order (see
  ``classify``); an unknown row with a value is a warning at its cell; each of the 19 measures
  is required once per sheet.

Impossible figures: a centre of about 100 specialists (more than any centre had in 2025), each
giving at most 8 sessions on each of about 23 working days, cannot hold more than roughly 18,400
consultations a month; the four kinds of consultations together above CONSULTATIONS_MAX (20,000)
are refused, as is any single measure above its MEASURE_MAX (typically a year-to-date total or an
extra digit). A count of cases or referrals above the number of children served is possible only
through an error in one of them (a child is counted once however many cases it brings): a warning.
"""
from __future__ import annotations

from etl.figures import ParsedFile
from etl.messages import N_, Measures, Quoted, error, info, warning
from etl.periods import Period
from etl.reading import Sheet, a1
from etl.sources import common
from etl.sources.psc_labels import any_indicator, classify, heading_section
from etl.sources.psc_layout import (header_row_of, is_number_row, is_numeric, label_column, row_label,
                                    table_end, table_start, text_of, value_column, is_text)
from etl.sources.psc_title import find_period, find_region
from etl.sources.psc_words import ID, words
from core.contracts import spec
from etl.vocabulary import file_name as vocabulary_file, vocabulary
from etl.values import NOT_AVAILABLE

MEASURES = (  # in the order of the report form; the contract (data/sources/psc_activity.toml) requires each
    "children_served",
    "consultations_in_person", "consultations_online", "consultations_group", "consultations_family",
    "cases_bullying", "cases_cyberbullying", "cases_violence_family", "cases_violence_outside", "cases_suicidal",
    "referrals_in_school", "referrals_in_111", "referrals_in_police", "referrals_in_parents", "referrals_in_self",
    "referrals_out_police", "referrals_out_health", "referrals_out_guardianship",
    "crisis_responses",
)
CONSULTATIONS = tuple(m for m in MEASURES if m.startswith("consultations_"))


def score(text: str) -> int:
    """High only for these reports: a centre marker and several activity keywords (the groups of
    data/vocabulary/psc_activity.toml)."""
    return vocabulary(ID).score(text)


def parse(sheet: Sheet, result: ParsedFile) -> None:
    w = words()
    label_col = label_column(w, sheet)
    if label_col is None:
        result.messages.append(error(N_("no indicator rows found (expected rows such as consultations, "
                                        "cases of bullying, referrals)"), sheet=sheet.name))
        return
    indicator_rows = [r for r in range(sheet.height)
                      if is_text(sheet.value(r, label_col)) and any_indicator(w, sheet.value(r, label_col))]
    first_valued = next((r for r in indicator_rows
                         if any(is_numeric(v) for v in sheet.rows[r][label_col + 1:])), indicator_rows[0])
    header_row = header_row_of(w, sheet, first_valued, label_col)
    value_col, header_period = value_column(w, sheet, result, label_col, indicator_rows, header_row)
    if value_col is None:
        return
    start = header_row + 1 if header_row is not None else table_start(w, sheet, first_valued)
    valued = [r for r in range(start, sheet.height) if is_numeric(sheet.value(r, value_col))
              and row_label(sheet, r, label_col, value_col)[0]]
    end = table_end(w, sheet, valued[-1] if valued else start, label_col, value_col)
    title_rows = range(0, header_row if header_row is not None else start)
    title_text = " ".join(text_of(v) for r in title_rows for v in sheet.rows[r] if is_text(v))
    footer_text = " ".join(text_of(v) for r in range(end + 1, sheet.height) for v in sheet.rows[r] if is_text(v))

    period = find_period(w, sheet, result, title_rows, header_row, value_col, header_period)
    region = find_region(sheet, result, title_rows, period)  # (code, as written, cell)
    if period is None or region is None:
        return
    result.use_row(sheet.name, region[2], region[1], region[0])

    rows_text = []
    found: dict[str, object] = {}
    labels: dict[str, str] = {}  # measure: its row's label as written
    pending = []  # known indicators with an empty cell: headings unless the indicator has no other row
    section = None
    for row in range(start, end + 1):
        label, col = row_label(sheet, row, label_col, value_col)
        raw = sheet.value(row, value_col)
        if not label:
            if is_numeric(raw) and not is_number_row(sheet, row):
                result.messages.append(warning(N_("a figure without an indicator name is not loaded"),
                                               sheet=sheet.name, cell=a1(row, value_col)))
            continue
        rows_text.append(label)
        measure, why = classify(label, section, w)
        if not text_of(raw):
            if measure is None:
                section = heading_section(label, section, w)
            else:
                pending.append((row, label, measure))
            continue
        if measure is None:
            result.ignore(sheet.name, a1(row, col), label, why)
            if why == "total":
                result.messages.append(info(N_('total row "{label}" is not stored (totals are recomputed)'),
                                            sheet=sheet.name, cell=a1(row, col), label=label))
            elif why == "ambiguous":
                result.messages.append(error(N_('row "{label}" matches more than one indicator; it is not guessed: '
                                                'word the row or the vocabulary ({file}) so that it names one'),
                                             sheet=sheet.name, cell=a1(row, col), label=label,
                                             file=vocabulary_file(ID)))
            else:
                result.messages.append(warning(
                    N_('row "{label}" is not a known indicator and is not loaded (closest known wordings: {closest}); '
                       'to load it, add its wording to {file}'), sheet=sheet.name, cell=a1(row, col), label=label,
                    closest=Quoted(vocabulary(ID).closest(label, "rows"), ", "),
                    file=vocabulary_file(ID)))
            continue
        if measure in found:
            result.messages.append(error(N_('indicator {measure} appears twice (first at {first_cell}): "{label}"'),
                                         sheet=sheet.name, cell=a1(row, col), measure=Measures(ID, measure),
                                         first_cell=found[measure].cell, label=label))
            continue
        result.use(sheet.name, a1(row, col), label, measure)
        labels[measure] = label
        _read(sheet, result, found, row, value_col, region, period, measure, label)
    for row, label, measure in pending:
        if measure not in found:
            result.use(sheet.name, a1(row, label_col), label, measure)
            labels[measure] = label
            _read(sheet, result, found, row, value_col, region, period, measure, label)

    missing = [m for m in spec(ID).required if m not in found]
    if missing:
        vocab = vocabulary(ID)
        known = [w.text for m in missing for w in vocab.table("rows").get(m).words[:2]] if all(
            m in vocab.table("rows") for m in missing) else []
        result.messages.append(error(N_("required indicators missing: {missing} (rows found: {found}; known wordings: "
                                        "{known}; add a new wording to {file})"), sheet=sheet.name,
                                     cell=a1(start, label_col), missing=Measures(ID, missing),
                                     found=Quoted(rows_text),
                                     known=Quoted(known, ", "), file=vocabulary_file(ID)))
    _check_plausible(sheet, result, {m: f for m, f in found.items() if not isinstance(f, _Placeholder)}, labels)
    text = " ".join([title_text, footer_text, sheet.name] + rows_text)
    result.provisional |= common.is_provisional(title_text, footer_text)
    result.illustrative |= common.is_illustrative(text)


def _read(sheet: Sheet, result: ParsedFile, found: dict, row: int, col: int, region: tuple[str, str, str],
          period: Period, measure: str, label: str) -> None:
    """Read one indicator's cell. The figure's label is the title's words for the region (what
    messages about the region quote); the row's own label is kept for messages about the figure."""
    code, words, cell = region
    figure, problem = common.read_count(sheet, row, col, region_code=code, period=period, measure=measure,
                                        label=words, label_cell=cell)
    if problem is not None:
        result.messages.append(problem)
        found[measure] = _Placeholder(a1(row, col))
        return
    if figure.missing == NOT_AVAILABLE:
        result.messages.append(warning(N_('row "{label}" ({measure}): no data in the report, stored as missing'),
                                       sheet=sheet.name, cell=figure.cell, measure=Measures(ID, measure), label=label))
    elif figure.missing is not None:
        result.messages.append(warning(N_('row "{label}" ({measure}): the cell is empty, stored as missing'),
                                       sheet=sheet.name, cell=figure.cell, measure=Measures(ID, measure), label=label))
    found[measure] = figure
    result.figures.append(figure)


class _Placeholder:
    """A measure whose row was found but whose value was refused (so it is not also "missing")."""

    def __init__(self, cell: str):
        self.cell = cell


# --- impossible figures ------------------------------------------------------------------------
def _check_plausible(sheet: Sheet, result: ParsedFile, found: dict, labels: dict[str, str]) -> None:
    contract = spec(ID)
    for measure, f in found.items():
        limit = int(contract.measures[measure].high)
        if f.value is not None and f.value > limit:
            result.messages.append(error(N_('row "{label}" ({measure}) = {value} is impossible for one centre in one '
                                            'month (at most {limit} expected)'), sheet=sheet.name, cell=f.cell,
                                         measure=Measures(ID, measure), value=int(f.value), limit=limit,
                                         label=labels[measure]))
    consultations = [found[m] for m in CONSULTATIONS if m in found and found[m].value is not None]
    total = sum(f.value for f in consultations)
    most = contract.options["consultations_max"]
    if total > most:
        result.messages.append(error(N_("{value} consultations in one month is impossible for one centre "
                                        "(at most {limit} expected)"), sheet=sheet.name,
                                     cell=consultations[0].cell, value=int(total), limit=most))
    served = found.get("children_served")
    if served is None or served.value is None:
        return
    for measure, f in found.items():
        if measure.startswith(("cases_", "referrals_")) and f.value is not None and f.value > served.value:
            result.messages.append(warning(N_('row "{label}" ({measure}, {value}) is larger than the number of children '
                                              'served ("{served_label}", {served}, {served_cell})'), sheet=sheet.name,
                                           cell=f.cell, measure=Measures(ID, measure), value=int(f.value),
                                           served=int(served.value),
                                           served_cell=served.cell, label=labels[measure],
                                           served_label=labels["children_served"]))
