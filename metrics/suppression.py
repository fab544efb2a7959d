"""How the public edition marks the counts it does not publish.

"<5" (the threshold of the snapshot) for a small count, "x" for a count hidden so that no small
count can be worked out from the others. The marks come from the ``suppressed`` column of the
snapshot; nothing here decides what is hidden (that is ``etl.disclosure``).
"""
from __future__ import annotations

import pandas as pd

from metrics.db import Database

PRIMARY, SECONDARY = "primary", "secondary"
SECONDARY_MARK = "x"
DEFAULT_THRESHOLD = 5


def threshold(db: Database) -> int:
    """The threshold the snapshot was published with (5 when the file does not say)."""
    if db.query("SELECT 1 FROM duckdb_tables() WHERE table_name = 'edition'").empty:
        return DEFAULT_THRESHOLD
    return int(db.query("SELECT threshold FROM edition").threshold.iloc[0])


def mark(suppressed, limit: int) -> str | None:
    """"<5", "x", or None for a published figure."""
    if suppressed == PRIMARY:
        return f"<{limit}"
    if isinstance(suppressed, str) and suppressed:
        return SECONDARY_MARK
    return None


def marks(frame: pd.DataFrame, limit: int, column: str = "suppressed") -> list[str | None]:
    if column not in frame:
        return [None] * len(frame)
    return [mark(s if isinstance(s, str) else None, limit) for s in frame[column]]


def any_hidden(frame: pd.DataFrame, column: str = "suppressed") -> bool:
    return column in frame and bool(frame[column].notna().any())
