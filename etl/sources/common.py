"""Pieces every source parser shares: keyword matching on headers and the file's own flags."""
from __future__ import annotations

from etl.figures import Figure
from etl.messages import N_, Message, Translatable, error
from etl.periods import Period, find_provisional, parse_period
from etl.reading import Sheet, a1
from etl.table import Column, norm
from etl.values import parse_count

ILLUSTRATIVE_WORDS = ("иллюстратив", "illustrative", "иллюстрациялық")
# Derived columns are recomputed by the dashboard; the file's own arithmetic is never trusted.
DERIVED_WORDS = ("+/-", "+/–", "+/-", "%", "рост", "сниж", "динамик", "изменен", "change", "өзгер", "темп", "отклон")
NUMBERING_WORDS = ("№", "n°", "п/п", "р/с")


def first_match(text: str, vocabulary: dict[str, tuple[str, ...]]) -> str | None:
    """The first key of ``vocabulary`` one of whose keywords occurs in ``text``."""
    for key, words in vocabulary.items():
        if any(w in text for w in words):
            return key
    return None


def is_derived(column: Column) -> bool:
    return any(w in column.text for w in DERIVED_WORDS)


def column_period(column: Column, title_period: Period | None) -> Period | None:
    for part in reversed(column.path):
        period = parse_period(part)
        if period is not None:
            return period
    for part in reversed(column.path):
        period = parse_period(part, search=True)
        if period is not None:
            return period
    return title_period


def is_illustrative(*texts: str) -> bool:
    return any(w in norm(t) for t in texts for w in ILLUSTRATIVE_WORDS)


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


def unreadable_period(sheet: Sheet, cell: str, found: str) -> Message:
    return error(N_('the period "{found}" cannot be read (expected e.g. "2024", "январь-сентябрь 2025")'),
                 sheet=sheet.name, cell=cell, found=found)
