"""The download files a page run reuses (ui.export_files) are the files the exporters write: the
same bytes for the same table and description, new ones when either changes, and the store stays
bounded however many tables come."""
from __future__ import annotations

import dataclasses
import io
import zipfile
from datetime import date, datetime, timezone

import openpyxl
import pandas as pd
import pytest

from metrics.snapshot_cache import Bounded
from tests.test_exports import INFO, frame, notes
from ui import datapackage, export_files, exports

CREATED = datetime(2026, 12, 1, 9, 30, tzinfo=timezone.utc)


@pytest.fixture(autouse=True)
def empty_store():
    export_files.clear()
    yield
    export_files.clear()


def members(data: bytes) -> dict[str, bytes]:
    """The parts of an XLSX file except its properties, which name the moment the file was written."""
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        return {n: archive.read(n) for n in archive.namelist() if n != "docProps/core.xml"}


def test_kept_files_are_the_files_the_exporters_write():
    table = frame()
    first = export_files.csv_bytes(table, INFO)
    assert first == exports.csv_bytes(table, INFO)
    assert export_files.csv_bytes(frame(), INFO) is first  # an equal frame from another session: reused
    book = export_files.xlsx_bytes(table, INFO)
    assert members(book) == members(exports.xlsx_bytes(table, INFO))
    assert export_files.xlsx_bytes(frame(), INFO) is book
    assert export_files.held() == (2, len(first) + len(book))


def test_a_changed_value_gives_new_files():
    before = export_files.csv_bytes(frame(), INFO)
    changed = frame()
    changed.loc[0, "Cases"] = 4
    after = export_files.csv_bytes(changed, INFO)
    assert after != before and after == exports.csv_bytes(changed, INFO)
    sheet = openpyxl.load_workbook(io.BytesIO(export_files.xlsx_bytes(changed, INFO))).active
    assert 4 in [c.value for row in sheet.iter_rows() for c in row]


def test_a_flag_and_its_text_are_told_apart():
    flags = pd.DataFrame({"Checked": pd.array([True, False], dtype=object)})
    words = pd.DataFrame({"Checked": pd.array(["True", "False"], dtype=object)})
    assert export_files.fingerprint(flags) != export_files.fingerprint(words)
    assert export_files.csv_bytes(flags, INFO) == exports.csv_bytes(flags, INFO)
    assert export_files.csv_bytes(words, INFO) == exports.csv_bytes(words, INFO)
    assert export_files.csv_bytes(flags, INFO) != export_files.csv_bytes(words, INFO)


def test_renamed_or_retyped_columns_give_new_files():
    table = frame()
    renamed = table.rename(columns={"Cases": "Cases reported"})
    assert export_files.fingerprint(renamed) != export_files.fingerprint(table)
    assert b"Cases reported" in export_files.csv_bytes(renamed, INFO)
    floats = table.assign(Cases=table.Cases.astype("Float64"))
    assert export_files.fingerprint(floats) != export_files.fingerprint(table)


@pytest.mark.parametrize("change", [{"title": "Attempts by region"}, {"lang": "ru"}, {"illustrative": False},
                                    {"edition": "internal"}, {"notes": ("Revised",)}, {"created": date(2026, 12, 2)}])
def test_a_changed_description_gives_new_files(change):
    before = export_files.csv_bytes(frame(), INFO)
    info = dataclasses.replace(INFO, **change)
    after = export_files.csv_bytes(frame(), info)
    assert after != before and after == exports.csv_bytes(frame(), info)


def test_the_day_is_in_the_kept_file():
    info = dataclasses.replace(INFO, created=date(2026, 12, 2))
    assert "2026-12-02" in notes(export_files.csv_bytes(frame(), info))["Produced"]


def test_the_page_package_is_the_package_the_exporter_writes():
    tables = [datapackage.Table("suicides_regions", frame(), INFO),
              datapackage.Table("suicides_regions", frame().head(2), INFO)]
    options = dict(title="Suicides", edition="public", lang="en", selection={"period": "2024.1-12"})
    kept = export_files.package_zip(tables, created=CREATED, **options)
    assert kept == datapackage.package_zip(tables, created=CREATED, **options)
    later = CREATED.replace(hour=15)  # the same day: the morning's package
    assert export_files.package_zip(tables, created=later, **options) is kept
    other = export_files.package_zip(tables, created=later, **{**options, "selection": {"period": "2023.1-12"}})
    assert other != kept and other == datapackage.package_zip(
        tables, created=later, **{**options, "selection": {"period": "2023.1-12"}})
    next_day = CREATED.replace(day=2)
    assert export_files.package_zip(tables, created=next_day, **options) == datapackage.package_zip(
        tables, created=next_day, **options)


def test_the_store_keeps_at_most_its_number_of_files():
    for count in range(export_files.MAX_FILES + 20):
        export_files.csv_bytes(pd.DataFrame({"Cases": [count]}), INFO)
    files, size = export_files.held()
    assert files == export_files.MAX_FILES
    latest = pd.DataFrame({"Cases": [export_files.MAX_FILES + 19]})
    assert export_files.csv_bytes(latest, INFO) is export_files.csv_bytes(latest, INFO)
    assert export_files.held()[0] == export_files.MAX_FILES


def test_the_store_keeps_at_most_its_bytes():
    store = Bounded(100, maxbytes=10)
    for key in "abcd":
        store.put(key, b"xxxx")
    assert list(store.entries) == ["c", "d"] and store.size == 8
    store.get("c")  # used: "d" is now the oldest
    store.put("e", b"yyyy")
    assert list(store.entries) == ["c", "e"] and store.size == 8
    store.put("big", b"z" * 11)  # larger than the whole store: not kept
    assert "big" not in store.entries and store.size <= 10
