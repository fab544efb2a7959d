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


def by_region_select(alias: str, measures, *, texts=(), flags=("illustrative",), joins: str,
                     extra: tuple[str, ...] = ()) -> str:
    """The query of a figures table pivoted to one row per region of ``regions`` (every region,
    with or without figures): each of ``measures`` a column of its largest value, each of
    ``texts`` one of its text, each of ``flags`` true when any figure has it, ``extra`` columns as
    given, and the source files. ``joins`` joins the table as ``alias`` to ``regions r``."""
    a = alias
    columns = ["r.region_code", "r.name_en", "r.name_ru", "r.name_kk",
               *(f"max({a}.value) FILTER (WHERE {a}.measure = '{m}') AS {m}" for m in measures),
               *(f"max({a}.value_text) FILTER (WHERE {a}.measure = '{m}') AS {m}" for m in texts),
               *extra, *(f"coalesce(bool_or({a}.{f}), false) AS {f}" for f in flags),
               f"string_agg(DISTINCT {a}.source_file, ', ') AS source_file"]
    return f"SELECT {', '.join(columns)} FROM regions r {joins} GROUP BY ALL ORDER BY r.region_code"

