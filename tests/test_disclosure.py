"""Disclosure control, checked on the public snapshot itself: the attacker's linear programme
cannot narrow any "<5" cell, no small count is published, and no rate of a hidden count is.

Run on the bundled sample and on a denser warehouse written here, with small counts in most
cells of every breakdown (regions, sex and age, part-year and year, comparable geography)."""
from __future__ import annotations

from pathlib import Path

import duckdb
import numpy as np
import pytest

from disclosure_audit import audit
from etl.regions import load_regions
from etl.sample.layout import Form, write
from tests.app_fixtures import sample_db  # noqa: F401  (fixture imported by name)

THRESHOLD = 5
NOTE = "ИЛЛЮСТРАТИВНЫЕ ДАННЫЕ (тестовый пример)."


def _dense_files(directory: Path, seed: int = 7) -> list[Path]:
    """KPSSU summary (January-October and the year), a sex and age detail of January-October, and
    the 111 centre's children supported: most regional cells between 0 and 6."""
    import openpyxl

    gen = np.random.default_rng(seed)
    regions = [r for r in load_regions()]
    names = {r.code: r.name_ru for r in regions}
    detail = {(r.code, m, s, a): int(gen.integers(0, 4)) for r in regions for m in ("completed", "attempts")
              for s in ("female", "male") for a in ("5-14", "15-17")}
    ten = {(c, m): sum(detail[(c, m, s, a)] for s in ("female", "male") for a in ("5-14", "15-17"))
           for c in names for m in ("completed", "attempts")}
    year = {k: v + int(gen.integers(0, 3)) for k, v in ten.items()}
    rows = [(names[c], [ten[(c, "completed")], year[(c, "completed")], ten[(c, "attempts")], year[(c, "attempts")]])
            for c in names]
    rows.append(("Республика Казахстан", [sum(ten[(c, "completed")] for c in names), sum(year[(c, "completed")] for c in names),
                                          sum(ten[(c, "attempts")] for c in names), sum(year[(c, "attempts")] for c in names)]))
    directory.mkdir(parents=True, exist_ok=True)
    files = [write(Form(title=["Суициды и попытки суицида несовершеннолетних, 2023 год", NOTE], label_heading="Регион",
                        groups=[("Оконченные суициды", ["январь-октябрь 2023", "2023 год"]),
                                ("Попытки суицида", ["январь-октябрь 2023", "2023 год"])], rows=rows),
                   directory / "kpssu_dense_2023.xlsx")]
    book = openpyxl.Workbook()
    ws = book.active
    ws.title = "Пол и возраст"
    ws.append(["Суициды и попытки суицида несовершеннолетних по полу и возрасту за январь-октябрь 2023 года"])
    ws.append([NOTE])
    ws.append([])
    ws.append(["Регион", "Пол", "Возраст", "Оконченные суициды", "Попытки суицида"])
    words = {"female": "девочки", "male": "мальчики", "5-14": "5-14 лет", "15-17": "15-17 лет"}
    for c in names:
        for s in ("female", "male"):
            for a in ("5-14", "15-17"):
                ws.append([names[c], words[s], words[a], detail[(c, "completed", s, a)], detail[(c, "attempts", s, a)]])
    path = directory / "kpssu_detail_dense_2023.xlsx"
    book.save(path)
    files.append(path)
    supported = {c: int(gen.integers(0, 7)) for c in names}
    appeals = {c: 500 + int(gen.integers(0, 500)) for c in names}
    rows = [(names[c], [appeals[c], appeals[c] - 10, 10, supported[c]]) for c in names]
    rows.append(("Всего", [sum(appeals.values()), sum(appeals.values()) - 10 * len(names), 10 * len(names),
                           sum(supported.values())]))
    files.append(write(Form(title=["Обращения детей в контакт-центр 111", "за период с 01.01.2025 по 30.06.2025", NOTE],
                            label_heading="Регион",
                            groups=[("Обращения детей", ["всего", "по QR-коду", "по телефону"]),
                                    ("", ["Оказана психологическая помощь детям"])], rows=rows),
                       directory / "helpline_111_dense.xlsx"))
    return files


@pytest.fixture(scope="module")
def dense_public(tmp_path_factory) -> Path:
    from etl.cli import load_files

    root = tmp_path_factory.mktemp("dense")
    outcomes = load_files(_dense_files(root / "raw"), db=root / "cpmonitor.duckdb")
    assert [o.status for o in outcomes] == ["loaded"] * 3, [(o.file_name, [m.text() for m in o.messages]) for o in outcomes]
    return root / "public.duckdb"


@pytest.fixture(params=["sample", "dense"])
def public_file(request) -> Path:
    if request.param == "sample":
        from metrics.db import snapshot_path

        return snapshot_path("public", request.getfixturevalue("sample_db"))
    return request.getfixturevalue("dense_public")


def test_the_attacker_cannot_narrow_any_small_count(public_file):
    result = audit(public_file, THRESHOLD)
    print(f"\n{public_file.parent.name}: {result.primary} primary, {result.secondary} secondary, "
          f"{result.published} published counts; {result.programmes} linear programmes in {result.seconds:.1f} s")
    assert result.primary > 20 and result.secondary > 10
    assert result.narrowed == []


PROTECTED_VIEWS = {"suicide_counts": "TRUE", "psc_activity": "TRUE", "helpline_111": "measure = 'children_supported'"}


def test_no_count_from_one_to_four_is_published(public_file):
    con = duckdb.connect(str(public_file), read_only=True)
    try:
        for view, where in PROTECTED_VIEWS.items():
            small = con.execute(f"SELECT count(*) FROM {view} WHERE {where} AND value BETWEEN 1 AND ?",
                                [THRESHOLD - 1]).fetchone()[0]
            assert small == 0, view
            hidden = con.execute(f"SELECT count(*) FILTER (WHERE suppressed IS NOT NULL), "
                                 f"count(*) FILTER (WHERE suppressed IS NOT NULL AND value IS NOT NULL) "
                                 f"FROM {view} WHERE {where}").fetchone()
            assert hidden[1] == 0, view
        figures = con.execute("SELECT count(*) FROM figure_history WHERE value BETWEEN 1 AND ? AND (source LIKE 'kpssu%' "
                              "OR source = 'psc_activity' OR (source = 'helpline_111' AND measure = 'children_supported'))",
                              [THRESHOLD - 1]).fetchone()[0]
        assert figures == 0
        assert con.execute("SELECT count(*) FROM reported_totals").fetchone()[0] == 0
    finally:
        con.close()


RATES = {"suicide_rate": ("suicide_counts", "completed"), "attempt_rate": ("suicide_counts", "attempts"),
         "helpline_children_supported": ("helpline_111", "children_supported")}


def test_no_rate_of_a_hidden_count_is_published(public_file):
    con = duckdb.connect(str(public_file), read_only=True)
    try:
        merged = dict(con.execute("SELECT parent_code, parent_code || '+' || region_code FROM regions "
                                  "WHERE parent_code IS NOT NULL").fetchall())
        checked = 0
        for indicator, (view, measure) in RATES.items():
            period = ("make_date(year, month_from, 1), last_day(make_date(year, month_to, 1))"
                      if view == "suicide_counts" else "period_start, period_end")
            hidden = con.execute(f"""
                SELECT region_code, {period} FROM {view}
                WHERE measure = ? AND suppressed IS NOT NULL {"AND sex = 'all' AND age_group = 'all'" if view == 'suicide_counts' else ''}
                """, [measure]).fetchall()
            hidden = {(r, s, e) for r, s, e in hidden}
            rows = con.execute("SELECT region_code, geography, period_start, period_end, value, numerator, ci_low, "
                               "ci_high, status, suppressed FROM indicator_values WHERE indicator_id = ?",
                               [indicator]).fetchall()
            for region, geography, start, end, value, numerator, low, high, status, suppressed in rows:
                unit = merged.get(region, region) if geography == "comparable" else region
                day = (lambda d: d.date() if hasattr(d, "date") else d)
                if (unit, day(start), day(end)) in hidden:
                    checked += 1
                    assert (value, numerator, low, high) == (None, None, None, None), (indicator, region, start)
                    assert suppressed in ("primary", "secondary") and status == "no_data"
        psc = con.execute("""
            SELECT count(*) FROM indicator_values i
            WHERE i.indicator_id LIKE 'psc_cases%' AND i.value IS NOT NULL AND i.region_code <> 'KZ'
              AND EXISTS (SELECT 1 FROM psc_activity a WHERE a.suppressed IS NOT NULL AND a.measure LIKE 'cases%'
                          AND a.region_code = CASE WHEN i.geography = 'comparable' THEN coalesce(
                              (SELECT parent_code || '+' || region_code FROM regions WHERE parent_code = i.region_code),
                              i.region_code) ELSE i.region_code END
                          AND make_date(a.year, a.month, 1) BETWEEN i.period_start AND i.period_end)""").fetchone()[0]
        assert psc == 0
        assert checked > 10
    finally:
        con.close()


def test_the_internal_file_keeps_the_exact_figures(public_file):
    internal = public_file.with_name(public_file.name.replace("public", "internal"))
    con = duckdb.connect(str(internal), read_only=True)
    try:
        assert con.execute("SELECT edition FROM edition").fetchone()[0] == "internal"
        assert con.execute("SELECT count(*) FROM suicide_counts WHERE suppressed IS NOT NULL").fetchone()[0] == 0
        small = con.execute("SELECT count(*) FROM suicide_counts WHERE value BETWEEN 1 AND 4").fetchone()[0]
        assert small > 10
        kz = con.execute("SELECT count(*) FROM suicide_counts WHERE region_code = 'KZ'").fetchone()[0]
        assert kz > 0
    finally:
        con.close()


def test_the_threshold_is_configurable_and_the_snapshots_are_read_only(dense_public, tmp_path, monkeypatch):
    import stat

    from etl.cli import main

    monkeypatch.setenv("CPM_PUBLIC_DB", str(tmp_path / "public3.duckdb"))
    monkeypatch.setenv("CPM_INTERNAL_DB", str(tmp_path / "internal3.duckdb"))
    assert main(["publish", "--db", str(dense_public.with_name("cpmonitor.duckdb")), "--threshold", "3"]) == 0
    public = tmp_path / "public3.duckdb"
    for path in (public, tmp_path / "internal3.duckdb"):
        assert stat.S_IMODE(path.stat().st_mode) & (stat.S_IWUSR | stat.S_IWGRP | stat.S_IWOTH) == 0
    result = audit(public, 3)
    assert result.narrowed == [] and result.primary > 0
    con = duckdb.connect(str(public), read_only=True)
    try:
        assert con.execute("SELECT threshold FROM edition").fetchone()[0] == 3
        assert con.execute("SELECT count(*) FROM suicide_counts WHERE value IN (1, 2)").fetchone()[0] == 0
        assert con.execute("SELECT count(*) FROM suicide_counts WHERE value IN (3, 4)").fetchone()[0] > 0
    finally:
        con.close()
    assert not list(tmp_path.glob(".*.tmp"))  # the temporary files were moved in, none left behind


def test_national_figures_stay_published_where_regional_cells_can_protect(public_file):
    """Every national suicide figure that is not small itself is published: the complementary cells
    are regional ones (the sample's January-October 2023: 169 suicides, 298 attempts)."""
    internal = public_file.with_name(public_file.name.replace("public", "internal"))
    query = ("SELECT year, month_from, month_to, sex, age_group, measure, value FROM suicide_counts "
             "WHERE region_code = 'KZ' AND {} ORDER BY ALL")
    con = duckdb.connect(str(internal), read_only=True)
    try:
        exact = con.execute(query.format(f"value >= {THRESHOLD}")).fetchall()
    finally:
        con.close()
    con = duckdb.connect(str(public_file), read_only=True)
    try:
        shown = con.execute(query.format("value IS NOT NULL")).fetchall()
    finally:
        con.close()
    assert len(exact) > 5
    assert shown == exact
    if public_file.parent.name.startswith("cpm-sample"):
        assert (2023, 1, 10, "all", "all", "completed", 169) in shown
        assert (2023, 1, 10, "all", "all", "attempts", 298) in shown
