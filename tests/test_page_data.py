"""What the publish step stores for the pages (``metrics.page_data``), read from the real sample
snapshots: each edition's file holds the default views, a page's call finds them there, they equal
what the same call computes from the file's own figures, and the public file's come from public
figures only."""
from __future__ import annotations

import pandas as pd
import pytest

from metrics import indicators, overview, scorecard, suicides
from metrics.catalogue import load_catalogue
from metrics.db import Database, snapshot_path
from metrics.page_data import calls
from metrics.snapshot_cache import STORE, _stored, call_key, name_of
from tests.app_fixtures import sample_db  # noqa: F401  (fixture imported by name)


@pytest.fixture(params=["public", "internal"])
def snapshot(request, sample_db):
    return request.param, Database(snapshot_path(request.param, sample_db))


def stored(db, function, *args):
    value = _stored(db, name_of(function), call_key(function, args, {}))
    assert value is not None and type(value).__name__ != "object", f"{name_of(function)} not stored"
    return value


def test_every_default_view_is_stored(snapshot):
    edition, db = snapshot
    keys = set(db.query(f"SELECT function, key FROM {STORE}").itertuples(index=False, name=None))
    for function, args in calls(type("Reader", (), {"query": db.query, "edition": edition, "version": db.version,
                                                    "identity": None})()):
        assert (name_of(function), call_key(function, args, {})) in keys, name_of(function)
    assert {"metrics.scorecard.rows", "metrics.scorecard.history", "metrics.overview.tiles",
            "metrics.suicides.regional_rates"} <= {k[0] for k in keys}


def test_a_page_call_reads_what_the_file_itself_gives(snapshot):
    _, db = snapshot
    catalogue = load_catalogue()
    frame = indicators.values(db)
    pd.testing.assert_frame_equal(stored(db, scorecard.rows, frame, catalogue, indicators.NATION),
                                  scorecard.rows.__wrapped__(frame, catalogue, indicators.NATION))
    # The page's own call, positional or by name, is the same key.
    assert call_key(scorecard.rows, (frame, catalogue), {"region_code": indicators.NATION}) == \
        call_key(scorecard.rows, (frame, catalogue, indicators.NATION), {})
    latest = suicides.periods(db)[0]
    pd.testing.assert_frame_equal(stored(db, suicides.regional_rates, db, latest, "completed", "current"),
                                  suicides.regional_rates.__wrapped__(db, latest, "completed", "current"))
    tiles = stored(db, overview.tiles, db, indicators.NATION, "current")
    assert [t.indicator.id for t in tiles] == [t.indicator.id for t in overview.tiles.__wrapped__(db)]


def test_the_public_file_stores_public_figures_only(sample_db):
    public, internal = (Database(snapshot_path(e, sample_db)) for e in ("public", "internal"))
    latest = suicides.periods(public)[0]
    shown = stored(public, suicides.regional, public, latest, "completed")
    exact = stored(internal, suicides.regional, internal, latest, "completed")
    hidden = shown[shown.suppressed.notna()]
    assert not hidden.empty and hidden.value.isna().all()
    assert exact.set_index("region_code").loc[hidden.region_code].value.notna().all()
