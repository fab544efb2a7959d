"""Pieces every source parser shares: keyword matching on headers and the file's own flags
(wordings in data/vocabulary/common.toml)."""
from __future__ import annotations

from etl.figures import Figure, ParsedFile
from etl.messages import N_, Measures, Message, Quoted, error, warning
from etl.periods import RANGE, Period, find_provisional, is_bare_year, month_range, parse_period, relative_period, title_months
from etl.reading import Sheet, a1
from etl.table import Column, norm
from etl.values import parse_count
from core.text import fold
from etl.vocabulary import Match, Vocabulary, file_name as vocabulary_file, vocabulary

SHARED = "common"  # data/vocabulary/common.toml: the wordings every source shares


def shared(table: str, name: str, *texts: str) -> bool:
    """One of the texts holds a wording of the shared entry ``[table.name]``."""
    term = vocabulary(SHARED).table(table)[name]
    return any(term.hit(fold(t)) is not None for t in texts if t)


def match_column(vocab: Vocabulary, column: Column, table: str = "measures") -> Match:
    """The term a column's own heading names. The lowest header line that names anything
    decides, so a group heading over several measures ("Суициды и попытки суицида") never
    overrides the heading of the column itself."""
    for part in reversed(column.path):
        found = vocab.match(part, table)
        if found.name is not None or found.ambiguous:
            return found
    return Match(None)


def ambiguous_heading(sheet: Sheet, cell: str, column: Column, match: Match, vocab: Vocabulary) -> Message:
    return error(N_('the heading "{label}" matches more than one measure ({measures}); it is not guessed: '
                    'make the heading or the vocabulary say which'), sheet=sheet.name, cell=cell,
                 label=column.shown, measures=Measures(vocab.source, match.candidates))


def unknown_heading(result: ParsedFile, vocab: Vocabulary, sheet: Sheet, cell: str, column: Column) -> None:
    """A column inside a recognised table that the vocabulary does not know: ignored when it is
    part of the form ("Регион", "№"), otherwise a warning, never dropped in silence."""
    if any(vocab.is_ignored(part) for part in column.path) or column.path and all(
            _looks_like_numbering(p) for p in column.path):
        result.ignore(sheet.name, cell, column.shown, "form")
        return
    result.ignore(sheet.name, cell, column.shown, "unknown")
    result.messages.append(warning(
        N_('column "{label}" is not a known heading of this table and is not loaded (closest known wordings: '
           '{closest}); to load it, add its wording to {file}'), sheet=sheet.name, cell=cell, label=column.shown,
        closest=Quoted(vocab.closest(column.path[-1]), ", "), file=vocabulary_file(vocab.source)))


def _looks_like_numbering(text: str) -> bool:
    return norm(text).rstrip(".").isdigit() and len(norm(text)) <= 3


def missing_measures(sheet: Sheet, cell: str, missing: list[str], table, vocab: Vocabulary) -> Message:
    """Refusal for required measures absent: the headings that were there and the wordings
    the vocabulary knows for what is missing."""
    found = [c.shown for c in table.columns if c.col != table.label_col]
    known = [w.text for name in missing for w in vocab.table("measures")[name].words[:2]]
    return error(N_("required columns are missing: {columns} (headings found: {found}; known wordings: {known}; "
                    "add a new wording to {file})"), sheet=sheet.name, cell=cell, columns=Measures(vocab.source, missing),
                 found=Quoted(found), known=Quoted(known, ", "),
                 file=vocabulary_file(vocab.source))


def is_derived(column: Column) -> bool:
    return shared("columns", "derived", column.text)


class PeriodConflict(Exception):
    """The title names one span of months and a heading another: which one the figures cover
    cannot be told, so the file is refused quoting both."""

    def __init__(self, title: str, heading: str):
        super().__init__(heading)
        self.title, self.heading = title, heading


def heading_period(texts, title_period: Period | None, title: str = "") -> Period | None:
    """The period of a heading (its lines lowest first), read together with the table's title.

    A bare year under a part-year title ("2024 | 2025" under "январь-сентябрь 2025") covers the
    title's months of that year; "аналогичный период прошлого года" is the title's months a year
    earlier. A heading that names other months than the title raises PeriodConflict.
    """
    months = title_months(title)
    texts = [t for t in texts if t is not None and str(t).strip()]
    for text in texts:
        period = parse_period(text)
        if period is not None:
            return _with_title_months(period, text, months, title, texts)
    for text in texts:
        period = relative_period(text, title_period)
        if period is not None:
            return period
    for text in texts:
        period = parse_period(text, search=True)
        if period is not None:
            return _with_title_months(period, text, months, title, texts)
    return title_period


def _with_title_months(period: Period, text, months, title: str, texts) -> Period:
    if months is None or period.kind != RANGE:
        return period
    if is_bare_year(text):
        return month_range(period.year, *months)
    if (period.month_from, period.month_to) != months:
        raise PeriodConflict(title, " / ".join(str(t) for t in reversed(texts)))
    return period


def column_period(column: Column, title_period: Period | None, title: str = "") -> Period | None:
    return heading_period(list(reversed(column.path)), title_period, title)


def period_conflict(sheet: Sheet, cell: str, conflict: PeriodConflict) -> Message:
    return error(N_('the title says "{title}" but the heading says "{heading}": they name different months, '
                    'so the period of the figures cannot be told'), sheet=sheet.name, cell=cell,
                 title=_short(conflict.title), heading=conflict.heading)


def _short(text: str) -> str:
    text = " ".join(text.split())
    return text if len(text) <= 100 else text[:99] + "…"


def declares_current_boundaries(*texts: str) -> bool:
    return shared("flags", "current_boundaries", *texts)


def is_illustrative(*texts: str) -> bool:
    return shared("flags", "illustrative", *texts)


def is_provisional(*texts: str) -> bool:
    return any(find_provisional(t) for t in texts if t)


def read_count(sheet: Sheet, row: int, col: int, *, region_code, period, measure, **dims) -> tuple[Figure | None, Message | None]:
    """A count cell as a Figure, or the error that says why it cannot be one."""
    parsed = parse_count(sheet.value(row, col))
    cell = a1(row, col)
    if parsed.error is not None:
        m = parsed.error
        return None, Message(m.level, m.msgid, m.params, sheet.name, cell)
    return Figure(region_code, period, measure, parsed.value, sheet.name, cell, missing=parsed.missing, **dims), None


NO_PERIOD = N_('the period can be read neither from the title "{title}" nor from the heading of column {column} '
               '(expected e.g. "2024", "январь-сентябрь 2025")')


def no_period(sheet: Sheet, cell: str, title: str, column: str) -> Message:
    return error(NO_PERIOD, sheet=sheet.name, cell=cell, column=column, title=_short(title))


def unreadable_period(sheet: Sheet, cell: str, found: str) -> Message:
    return error(N_('the period "{found}" cannot be read (expected e.g. "2024", "январь-сентябрь 2025")'),
                 sheet=sheet.name, cell=cell, found=found)
