"""metrics/provenance.py: the cells listed for a series add up to the series' own value, on the tiny
warehouse of tests/metrics_fixtures.py."""
from __future__ import annotations

import pytest

from metrics import provenance
from metrics.db import get_database
from metrics.series import SERIES, series
from tests.metrics_fixtures import _metrics_db_path, metrics_db, test_catalogue  # noqa: F401


def test_every_series_is_described():
    assert set(provenance.SERIES_FIGURES) == set(SERIES)


@pytest.mark.parametrize("series_id", ["suicides_completed", "suicides_attempts", "psc_specialists",
                                       "psc_positions_filled", "psc_positions_authorised"])
def test_cells_add_up_to_the_series(metrics_db, series_id):
    db = get_database()
    frame = series(db, series_id)
    assert not frame.empty
    for row in frame.itertuples():
        cells = provenance.cells(db, series_id, row.period_start, row.period_end, row.region_code)
        assert cells.value.sum() == pytest.approx(row.value), row
        assert cells.source_file.notna().all() and cells.source_cell.str.fullmatch(r"[A-Z]+\d+").all()
        assert cells.loaded_at.notna().all()


def test_population_cells_are_matched_by_year(metrics_db):
    db = get_database()
    children = series(db, "children")
    for row in children.itertuples():
        # A rate's denominator is looked up with the numerator's period: any period of that year.
        cells = provenance.cells(db, "children", row.period_start.replace(month=1, day=1),
                                 row.period_start.replace(month=12, day=31), row.region_code)
        assert cells.value.sum() == pytest.approx(row.value)
