"""The sources the ETL knows, and how a sheet is recognised as one of them."""
from __future__ import annotations

from core.text import fold
from etl.reading import Sheet
from etl.sources import (helpline_111, kpssu_detail, kpssu_summary, population, psc_activity, psc_network,
                         school_psych)

SOURCES = {module.ID: module for module in (
    kpssu_detail, kpssu_summary, psc_network, school_psych, helpline_111, population, psc_activity)}
HEAD_ROWS = 40


def scores(sheet: Sheet) -> dict[str, int]:
    """How strongly the top of the sheet matches each source's detection wordings."""
    text = " ".join(fold(v) for row in sheet.rows[:HEAD_ROWS] for v in row if fold(v))
    return {source_id: module.score(text) for source_id, module in SOURCES.items()}


def detect(sheet: Sheet) -> str | tuple[str, str] | None:
    """The source whose wordings the top of the sheet matches best; a pair of sources when two
    match equally well (the caller refuses: a guess could store figures as the wrong thing)."""
    found = scores(sheet)
    ranked = sorted(found, key=found.get, reverse=True)
    best = ranked[0]
    if found[best] <= 0:
        return None
    if len(ranked) > 1 and found[ranked[1]] == found[best]:
        return best, ranked[1]
    return best
