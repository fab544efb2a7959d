"""What pages name regions and sources by: the database's regions table (metrics.regions) and the
source contracts (metrics.sources), never the reference files or the ETL."""
from __future__ import annotations

from core.contracts import spec, spec_ids
from core.regions import load_regions
from metrics import sources
from metrics.db import get_database
from metrics.regions import region_names, regions
from tests.metrics_fixtures import _metrics_db_path, metrics_db, test_catalogue  # noqa: F401


def test_regions_come_from_the_database_table(metrics_db):
    db = get_database(metrics_db)
    got = regions(db)
    assert got == sorted(load_regions(), key=lambda r: r.code)
    assert len(got) == 20
    abai = next(r for r in got if r.code == "KZ-10")
    assert (abai.created, abai.parent_code) == (2022, "KZ-63")
    assert next(r for r in got if r.code == "KZ-75").created is None
    assert region_names("kk", db)["KZ-75"] == "Алматы қаласы"
    assert region_names("ru", db)["KZ-55"] == "Павлодарская область"


def test_sources_are_named_from_their_contracts():
    assert [s for s, _ in sources.source_list("ru")] == spec_ids()
    assert dict(sources.source_list("kk"))["population"] == spec("population").title("kk")
    assert sources.source_title("psc_activity", "en") == spec("psc_activity").title("en")
    assert sources.source_title("retired_source", "en") == "retired_source"
