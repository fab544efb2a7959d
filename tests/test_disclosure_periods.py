"""Disclosure control between periods: periods that tile a longer one (the 111 centre's
January-June and July-6 November 2025 against January-6 November) are relations the attacker can
use, and so are periods across a year boundary. The real publish step protects them; a suppression
that only knows "a part is at most its whole" leaks, and the audit catches it. Every copy of a hidden
figure (another file carrying the same period, an older revision) is hidden too."""
from __future__ import annotations

from pathlib import Path

import duckdb
import numpy as np
import pytest

from disclosure_audit import audit, relations, _cells
from etl.regions import load_regions
from etl.sample.layout import Form, write
from tests.app_fixtures import sample_db  # noqa: F401  (fixture imported by name)

THRESHOLD = 5
NOTE = "ИЛЛЮСТРАТИВНЫЕ ДАННЫЕ (тестовый пример)."
PERIODS = {"first_half": "с 01.01.2025 по 30.06.2025", "to_november": "с 01.07.2025 по 06.11.2025",
           "year_to_date": "с 01.01.2025 по 06.11.2025"}


def _files(directory: Path, seed: int = 11) -> list[Path]:
    gen = np.random.default_rng(seed)
    names = {r.code: r.name_ru for r in load_regions()}
    first = {c: int(gen.integers(0, 7)) for c in names}  # mostly small: the cells to protect
    second = {c: int(gen.integers(8, 30)) for c in names}
    supported = {"first_half": first, "to_november": second,
                 "year_to_date": {c: first[c] + second[c] for c in names}}
    directory.mkdir(parents=True, exist_ok=True)
    files = []
    for name, text in PERIODS.items():
        appeals = {c: 600 + 100 * len(files) + supported[name][c] for c in names}
        rows = [(names[c], [appeals[c], appeals[c] - 10, 10, supported[name][c]]) for c in names]
        rows.append(("Всего", [sum(appeals.values()), sum(appeals.values()) - 10 * len(names), 10 * len(names),
                               sum(supported[name].values())]))
        files.append(write(Form(title=["Обращения детей в контакт-центр 111", f"за период {text}", NOTE],
                                label_heading="Регион",
                                groups=[("Обращения детей", ["всего", "по QR-коду", "по телефону"]),
                                        ("", ["Оказана психологическая помощь детям"])], rows=rows),
                           directory / f"helpline_111_{name}.xlsx"))
    return files


@pytest.fixture
def sample_public(sample_db) -> Path:  # noqa: F811
    from metrics.db import snapshot_path

    return snapshot_path("public", sample_db)


@pytest.fixture(scope="module")
def warehouse(tmp_path_factory) -> Path:
    from etl.cli import load_files

    root = tmp_path_factory.mktemp("periods")
    outcomes = load_files(_files(root / "raw"), db=root / "cpmonitor.duckdb")
    assert [o.status for o in outcomes] == ["loaded"] * 3, [(o.file_name, [m.text() for m in o.messages]) for o in outcomes]
    return root / "cpmonitor.duckdb"


def _parts_below_wholes_only(real):
    """A suppression that knows a period is at most the period it lies in, but not that periods
    tiling it add up to it."""
    def relate(spans, rel, limit=4):
        real(spans, rel, 0)
    return relate


def test_periods_across_a_year_boundary_are_related_by_the_etl_and_the_audit():
    from datetime import date

    from disclosure_audit import _periods
    from etl.disclosure.cells import Relations, period_relations

    spans = [(date(2024, 7, 1), date(2024, 12, 31), 0), (date(2025, 1, 1), date(2025, 6, 30), 1),
             (date(2024, 7, 1), date(2025, 6, 30), 2), (date(2025, 1, 1), date(2025, 3, 31), 3)]
    rel = Relations()
    period_relations(spans, rel)
    assert rel.equal == [(2, [0, 1])]
    assert sorted(rel.at_most) == [(0, 2), (1, 2), (3, 1), (3, 2)]
    audit_rel = _periods(spans)
    assert [terms for terms, kind in audit_rel if kind == "eq"] == [{2: 1, 0: -1, 1: -1}]
    assert sorted(tuple(terms) for terms, kind in audit_rel if kind == "le") == [(0, 2), (1, 2), (3, 1), (3, 2)]


def test_the_audit_relates_tiling_periods(warehouse):
    con = duckdb.connect(str(warehouse.with_name("public.duckdb")), read_only=True)
    try:
        frame, regions = _cells(con)
    finally:
        con.close()
    tiled = [terms for terms, kind in relations(frame, regions) if kind == "eq"
             and len({(frame.first_day[c], frame.last_day[c]) for c in terms}) == 3]
    assert len(tiled) == 24  # 20 regions, the nation, 3 merged units: year to date = first half + the rest


def test_the_published_file_protects_small_counts_between_periods(warehouse):
    result = audit(warehouse.with_name("public.duckdb"), THRESHOLD)
    assert result.primary >= 10 and result.secondary > 0
    assert result.narrowed == []


def test_the_audit_catches_a_suppression_blind_to_tiling_periods(warehouse, tmp_path, monkeypatch):
    from etl.disclosure import cells
    from etl.publish import publish

    monkeypatch.setattr(cells, "period_relations", _parts_below_wholes_only(cells.period_relations))
    monkeypatch.setenv("CPM_PUBLIC_DB", str(tmp_path / "leaky_public.duckdb"))
    monkeypatch.setenv("CPM_INTERNAL_DB", str(tmp_path / "leaky_internal.duckdb"))
    publish(warehouse, THRESHOLD)
    result = audit(tmp_path / "leaky_public.duckdb", THRESHOLD)
    assert result.narrowed, "a hidden half-year is recoverable from the year to date minus the other part"
    for cell, low, high in result.narrowed:
        assert cell["kind"] == "helpline" and str(cell["last_day"])[:10] == "2025-06-30"
        assert low == pytest.approx(high)  # recovered exactly


def test_every_copy_of_a_hidden_figure_is_hidden(sample_public):
    """The same figure carried by another file (January-October 2022 in the 2023 report) or an older
    revision: none of its copies in the public file shows a value."""
    con = duckdb.connect(str(sample_public), read_only=True)
    try:
        keys = "source, region_code, period_start, period_end, sex, age_group, measure"
        copies, leaked = con.execute(f"""
            WITH hidden AS (SELECT {keys} FROM current_figures WHERE suppressed IS NOT NULL)
            SELECT count(*), count(*) FILTER (WHERE h.value IS NOT NULL)
            FROM figure_history h JOIN hidden USING ({keys})""").fetchone()
        files = con.execute("SELECT count(DISTINCT source_file) FROM figure_history WHERE source = 'kpssu_summary' "
                            "AND period_start = DATE '2022-01-01' AND region_code <> 'KZ'").fetchone()[0]
    finally:
        con.close()
    assert copies > 100 and leaked == 0
    assert files >= 2  # 2022 is reported in more than one file
