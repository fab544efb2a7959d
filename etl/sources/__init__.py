"""The sources the ETL knows, and how a sheet is recognised as one of them."""
from __future__ import annotations

from etl.reading import Sheet
from etl.sources import (helpline_111, kpssu_detail, kpssu_summary, population, psc_activity, psc_network,
                         school_psych)
from etl.table import norm

SOURCES = {module.ID: module for module in (
    kpssu_detail, kpssu_summary, psc_network, school_psych, helpline_111, population, psc_activity)}
HEAD_ROWS = 40


def detect(sheet: Sheet) -> str | None:
    """The source whose keywords the top of the sheet matches best, or None."""
    text = " ".join(norm(v) for row in sheet.rows[:HEAD_ROWS] for v in row if norm(v))
    scores = {source_id: module.score(text) for source_id, module in SOURCES.items()}
    best = max(scores, key=scores.get)
    return best if scores[best] > 0 else None
