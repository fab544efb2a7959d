"""What pages read, computed once when a snapshot is published and stored in it for direct lookup.

``materialise`` runs in the publish step on each edition's working copy (the public one after
disclosure control, so it holds public figures only) and fills the table ``page_results``: one row
per call a page makes with its default selections (or every selection: ``every_selection``), keyed by the function's name and its arguments
(``metrics.snapshot_cache.call_key``). The functions themselves are unchanged for their callers:
``metrics.snapshot_cache.per_snapshot`` looks the call up in the snapshot before computing it, and a
call nobody listed here is computed on first use and kept in memory.
"""
from __future__ import annotations

import os
import pickle
import time

from core.regions import load_regions
from metrics import coverage, funnel, indicators, overview, peers, scorecard, suicides, trends
from metrics.catalogue import CatalogueError, load_catalogue
from metrics.db import ConnectionDatabase
from metrics.snapshot_cache import STORE, call_key, name_of

GEOGRAPHIES = ("current", "comparable")
EVERY_ENV = "CPM_PAGE_RESULTS"


def calls(db, every: bool = False):
    """(function, arguments) of every call to store: by default what the pages show before a reader
    chooses anything (the nation's scorecard with its sparklines and the overview's tiles in both
    geographies, the suicides page's regions for the latest period); with ``every``, also each
    region's scorecard, profile and tile map, and every period, measure and geography of the suicides
    page with its funnel."""
    catalogue = load_catalogue()
    by_id = {i.id: i for i in catalogue}
    codes = [r.code for r in load_regions()]
    for geography in GEOGRAPHIES:
        frame = indicators.values(db, geography)
        if frame.empty:
            continue
        places = [indicators.NATION, *(scorecard.shown_region(c, geography) for c in codes)] if every \
            else [indicators.NATION]
        for place in dict.fromkeys(places):
            yield scorecard.rows, (frame, catalogue, place)
            for row in scorecard.rows.__wrapped__(frame, catalogue, place).itertuples():
                yield scorecard.history, (frame, by_id[row.indicator_id], place, row.latest_period)
        yield overview.tiles, (db, indicators.NATION, geography)
        if every and geography == "current":
            for indicator_id in coverage.indicator_ids(db, geography):
                for period in coverage.period_options(db, indicator_id):
                    yield coverage.regional, (db, indicator_id, period)
            for code in codes:
                alike = peers.most_alike.__wrapped__(db, code)
                yield peers.most_alike, (db, code)
                yield peers.comparison, (frame, catalogue, code, alike.region_code.tolist())
                yield trends.region_trends, (frame, catalogue, code)
    options = suicides.periods.__wrapped__(db)
    for option in options if every else options[:1]:
        for measure in suicides.MEASURES if every else suicides.MEASURES[:1]:
            yield suicides.regional, (db, option, measure)
            for geography in GEOGRAPHIES if every else GEOGRAPHIES[:1]:
                yield suicides.regional_by_geography, (db, option, measure, geography)
                yield suicides.regional_rates, (db, option, measure, geography)
                if every:  # the funnel costs the most and sits at the foot of the page
                    yield funnel.funnel, (db, option, measure, geography)


def every_selection() -> bool:
    """$CPM_PAGE_RESULTS=all stores every selection (a publish then takes minutes on 2 cores, each
    first run after it none); anything else, the default views only."""
    return os.environ.get(EVERY_ENV, "").strip().lower() == "all"


def materialise(con, edition: str) -> dict:
    """Compute every call of ``calls`` on the open working copy and store the results in it."""
    started = time.perf_counter()
    # The working copy read as the edition's pages read their file (published values in the public one).
    db = ConnectionDatabase(con, edition)
    rows, seen = [], set()
    try:
        for function, args in calls(db, every_selection()):
            key = (name_of(function), call_key(function, args, {}))
            if key in seen:
                continue
            seen.add(key)
            rows.append((*key, pickle.dumps(function.__wrapped__(*args), protocol=pickle.HIGHEST_PROTOCOL)))
    except CatalogueError:
        # The load has already said what is wrong with the catalogue (metrics.materialise); the pages
        # then compute on demand and say it again, instead of the snapshot going unpublished.
        rows = []
    con.execute(f"CREATE OR REPLACE TABLE {STORE} (function VARCHAR, key VARCHAR, payload BLOB, "
                "PRIMARY KEY (function, key))")
    if rows:
        con.executemany(f"INSERT INTO {STORE} VALUES (?, ?, ?)", rows)
    return {"results": len(rows), "bytes": sum(len(r[2]) for r in rows), "seconds": time.perf_counter() - started}
