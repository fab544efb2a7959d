"""The regions as the database holds them (its ``regions`` table, refreshed by every load from the
reference): the list pages offer and the names they show, so that no page reads
``data/reference/*.csv`` or imports the ETL to name a region."""
from __future__ import annotations

import pandas as pd

from core.regions import Region
from metrics.db import Database, get_database

_COLUMNS = "region_code, kato_code, name_en, name_ru, name_kk, kind, created, parent_code, abbr, tile_row, tile_col"


def _optional(value):
    return None if value is None or pd.isna(value) else value


def regions(db: Database | None = None) -> list[Region]:
    """Every region of the database, in code order."""
    frame = (db or get_database()).query(f"SELECT {_COLUMNS} FROM regions ORDER BY region_code")
    return [Region(r.region_code, str(r.kato_code), r.name_en, r.name_ru, r.name_kk, r.kind,
                   None if _optional(r.created) is None else int(r.created), _optional(r.parent_code), r.abbr,
                   int(r.tile_row), int(r.tile_col)) for r in frame.itertuples(index=False)]


def region_names(lang: str, db: Database | None = None) -> dict[str, str]:
    """{region code: its name in ``lang``}."""
    return {r.code: r.name(lang) for r in regions(db)}
