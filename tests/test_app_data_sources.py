"""The "Data sources" page run server-side with AppTest on a database built from the sample with
the ETL's command line, then given the files a real batch brings: a refused file, a snapshot that
lacks a region, a corrected file and a centre's report from before it opened."""
from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path
from types import SimpleNamespace

import openpyxl
import pytest
from streamlit.testing.v1 import AppTest

from etl.cli import load_files
from etl.regions import load_regions
from etl.sample.psc_activity import SECTIONS
from helpers import SheetSpec, write
from test_cpcr_sources import _bad, table

REPO_ROOT = Path(__file__).resolve().parent.parent
PAGE = str(REPO_ROOT / "pages" / "data_sources.py")  # AppTest resolves a relative path against this file
HELD_BACK = "psc_activity_KZ-11_2025-03.xlsx"  # left out of the sample load: a gap in Akmola's series
CORRECTED_REGION, CORRECTION = "Акмолинская область", 5


def etl(*args) -> None:
    result = subprocess.run([sys.executable, "-m", "etl", *map(str, args)], cwd=REPO_ROOT, capture_output=True,
                            text=True, timeout=300)
    assert result.returncode == 0, result.stdout[-3000:] + result.stderr[-3000:]


def snapshot_without_ulytau(path: Path) -> Path:
    """1 October 2025, no total row, Ulytau left out; Akmola staffed although it counts no centre."""
    names = [r.name_ru for r in load_regions() if r.code != "KZ-62"]
    rows = [[0, 6, 5, 5] if name == "Акмолинская область" else [1, 30, 28, 28] for name in names]
    columns = [(None, "Количество центров"), (None, "Штатная численность"), (None, "Фактическая численность"),
               (None, "Всего специалистов")]
    return write(path, table(["Сведения о ЦПП по состоянию на 01.10.2025"], columns, rows, labels=names, total=None))


def corrected(original: Path, path: Path) -> tuple[Path, int]:
    """The sample's 1 November 2024 snapshot with Akmola's authorised positions (and the total) raised."""
    book = openpyxl.load_workbook(original)
    ws = book.active
    cells = {str(c.value).strip(): c for row in ws.iter_rows() for c in row if isinstance(c.value, str)}
    column = cells["Штатная численность"].column
    old = ws.cell(cells[CORRECTED_REGION].row, column).value
    for label in (CORRECTED_REGION, "Итого"):
        ws.cell(cells[label].row, column).value += CORRECTION
    book.save(path)
    return path, old


def report_before_opening(path: Path) -> Path:
    """Ulytau's centre opened on 15 August 2024 (sample); a report for May 2024."""
    rows = [["Отчет о деятельности Центра психологической поддержки области Ұлытау"], ["за май 2024 года"], [],
            ["Показатель", "Значение"]]
    rows += [[plain, 40 if measure == "children_served" else 3] for _, _, _, items in SECTIONS
             for measure, _, _, plain, _ in items]
    return write(path, SheetSpec(rows, name="Отчет"))


@pytest.fixture(scope="module")
def data(tmp_path_factory) -> SimpleNamespace:
    root = tmp_path_factory.mktemp("data-sources")
    raw, extra, db = root / "raw", root / "extra", root / "sample.duckdb"
    etl("sample", raw)
    extra.mkdir()
    held = (raw / "psc_activity" / HELD_BACK).rename(extra / HELD_BACK)
    etl("load", "--db", db, raw)
    fixed, old = corrected(raw / "psc_network_2024-11-01.xlsx", extra / "psc_network_2024-11-01_corrected.xlsx")
    batch = [write(extra / "helpline_111_bad.xlsx", _bad("helpline_111", cells={(0, 2): 25}, total=None)),
             snapshot_without_ulytau(extra / "psc_network_2025-10-01.xlsx"), fixed,
             report_before_opening(extra / "psc_activity_KZ-62_2024-05.xlsx")]
    batch_db = root / "batch.duckdb"
    shutil.copy(db, batch_db)
    # the corrected snapshot moves Akmola's positions by more than 10%: confirmed, as a user would
    outcomes = load_files(batch, db=batch_db, accept_revisions=True)
    return SimpleNamespace(root=root, raw=raw, db=db, batch_db=batch_db, held=held, old=old,
                           status={o.file_name: o.status for o in outcomes})


def run_page(monkeypatch, db: Path, **widgets) -> AppTest:
    monkeypatch.setenv("CPM_DB", str(db))
    at = AppTest.from_file(PAGE, default_timeout=60)
    at.query_params["lang"] = "en"
    at.run()
    for key, value in widgets.items():  # one at a time: later choices depend on earlier ones
        at.selectbox(key=key).set_value(value).run()
    assert not at.exception, [e.value for e in at.exception]
    return at


def frame(at: AppTest, column: str):
    """The first table on the page with a column of that name (AppTest keeps no key for tables)."""
    return next(d.value for d in at.dataframe if column in d.value.columns)


def check(at: AppTest, title: str):
    """(count in the expander's label, its table or None) of one cross-source check."""
    [expander] = [e for e in at.expander if e.label.startswith(title + ": ")]
    frames = expander.dataframe
    return int(expander.label.rsplit(": ", 1)[1]), (frames[0].value if len(frames) else None)


AKMOLA, ULYTAU = "Akmola Region", "Ulytau Region"
STAFF, ACTIVITY, MONTHS = ("Staff reported for a region without a centre", "Activity reported from a region without a centre",
                           "Months missing from a centre's monthly reports")


def test_page_runs_on_the_sample(monkeypatch, data):
    at = run_page(monkeypatch, data.db)
    assert [t.value for t in at.title] == ["Data sources"]
    assert [h.value for h in at.header] == ["Loads", "Submissions by region and period", "Revision history of a figure",
                                            "Checks across sources"]
    # The sample's centres report only from their opening month on: no activity without a centre.
    assert check(at, STAFF)[0] == 0 and check(at, ACTIVITY)[0] == 0
    count, frame = check(at, MONTHS)
    assert count == 1 and frame[["Region", "Year", "Month"]].values.tolist() == [[AKMOLA, 2025, 3]]


def test_loads_table_lists_every_file_with_its_status(monkeypatch, data):
    at = run_page(monkeypatch, data.batch_db)
    loads = frame(at, "File")
    shown = dict(zip(loads["File"], loads["Status"]))
    sample_files = {p.name for p in data.raw.rglob("*") if p.suffix in (".xlsx", ".xls", ".csv")}
    assert len(sample_files) == 378
    assert {name: shown.get(name) for name in sample_files} == dict.fromkeys(sample_files, "loaded")
    assert data.status == {"helpline_111_bad.xlsx": "refused", "psc_network_2025-10-01.xlsx": "loaded",
                           "psc_network_2024-11-01_corrected.xlsx": "loaded", "psc_activity_KZ-62_2024-05.xlsx": "loaded"}
    assert {name: shown[name] for name in data.status} == data.status
    assert len(loads) == len(sample_files) + len(data.status)


def test_a_refused_file_shows_its_messages(monkeypatch, data):
    at = run_page(monkeypatch, data.batch_db)
    loads = frame(at, "File")
    [load_id] = loads.loc[loads["File"] == "helpline_111_bad.xlsx", "Load"].tolist()
    assert loads.loc[loads["Load"] == load_id, "Errors"].item() == 1
    at.selectbox(key="load").set_value(load_id).run()
    shown = frame(at, "Message")
    assert shown[["Level", "Sheet", "Cell", "Message"]].values.tolist() == [
        ["error", "Лист1", "B4", "appeals by QR code and by phone add up to 1005, but the total says 1000"]]


def test_submissions_grid_marks_the_region_missing_from_a_snapshot(monkeypatch, data):
    at = run_page(monkeypatch, data.batch_db, source="psc_network")
    grid = frame(at, "as of 1 October 2025")
    october, november = grid["as of 1 October 2025"], grid["as of 1 November 2024"]
    assert october["Ulytau Region"] == "—"
    assert (october.drop("Ulytau Region") == "✓").all() and len(october) == 20
    assert (november == "✓").all()


def test_revision_history_after_a_corrected_file(monkeypatch, data):
    at = run_page(monkeypatch, data.batch_db, history_source="psc_network", history_region="KZ-11",
                  history_measure="positions_authorised")
    history = frame(at, "Revision")
    november = history[history["Period start"].astype(str).str.startswith("2024-11-01")]
    assert november[["Revision", "Value", "Current"]].values.tolist() == [
        [1, data.old, "no"], [2, data.old + CORRECTION, "yes"]]
    assert november["Source file"].tolist() == ["psc_network_2024-11-01.xlsx",
                                                "psc_network_2024-11-01_corrected.xlsx"]
    assert (history[~history.index.isin(november.index)]["Revision"] == 1).all()


def test_checks_across_sources_find_what_the_batch_brought(monkeypatch, data):
    at = run_page(monkeypatch, data.batch_db)
    count, staff = check(at, STAFF)
    assert count >= 1 and set(zip(staff["Region"], staff["Snapshot date"].astype(str))) == {(AKMOLA, "2025-10-01")}
    count, activity = check(at, ACTIVITY)
    assert count == 1 and activity[["Region", "Year", "Month"]].values.tolist() == [[ULYTAU, 2024, 5]]
    assert str(activity["Opening date"].item())[:10] == "2024-08-15"
    _, months = check(at, MONTHS)
    assert [AKMOLA, 2025, 3] in months[["Region", "Year", "Month"]].values.tolist()


def test_loading_the_missing_report_closes_the_gap(monkeypatch, data, tmp_path):
    db = tmp_path / "t.duckdb"
    shutil.copy(data.db, db)
    [outcome] = load_files([data.held], db=db)
    assert outcome.status == "loaded"
    at = run_page(monkeypatch, db)
    assert check(at, MONTHS) == (0, None)
