"""What the Upload page relies on, on real files and real DuckDB files: the check refuses what it
must and writes nothing, the preview works out the change on a scratch copy, a taught wording is
written to the vocabulary file (and the command line then loads the file too), the originals are
kept by content and never half-written, and the load log names the user."""
from __future__ import annotations

import hashlib
import shutil
import subprocess
import sys
import tomllib

import openpyxl
import pytest

from etl import originals, teach, upload
from etl.cli import load_files
from etl.pipeline import parse_file
from etl.preview import preview
from etl.reading import file_sha256
from etl.sample.cpcr import write_school_psych
from helpers import default_rows, encrypted_ole, read, summary_sheet, write_xlsx

REPO_ROOT = __import__("pathlib").Path(__file__).resolve().parent.parent


def digest(path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


@pytest.fixture
def vocabulary_copy(tmp_path, monkeypatch):
    folder = tmp_path / "vocabulary"
    shutil.copytree(REPO_ROOT / "data" / "vocabulary", folder)
    monkeypatch.setenv("CPM_VOCABULARY", str(folder))
    return folder


@pytest.fixture
def loaded(db_file, tmp_path):
    good = write_xlsx(tmp_path / "kpssu_2024.xlsx", summary_sheet(default_rows()))
    assert load_files([good], db=db_file, user="manager")[0].status == "loaded"
    return good


def test_the_load_log_names_the_user_and_the_file_is_kept_by_its_content(db_file, loaded):
    [(user, sha)] = read(db_file, "SELECT loaded_by, file_hash FROM load_log")
    assert user == "manager" and sha == file_sha256(loaded)
    kept = originals.find(sha, db_file)
    assert kept == db_file.parent / "originals" / f"{sha}.xlsx" and kept.read_bytes() == loaded.read_bytes()
    public = read(db_file.parent / "public.duckdb", "SELECT loaded_by FROM load_log")
    assert public == [(None,)]  # who loaded what is for the internal edition only


def test_originals_are_looked_up_by_a_real_hash_only(db_file, loaded):
    assert originals.find("../../etc/passwd", db_file) is None
    assert originals.find("0" * 64, db_file) is None
    assert originals.find(file_sha256(loaded).upper(), db_file) is None


def test_a_write_cut_off_half_way_leaves_nothing(tmp_path):
    def chunks():
        yield b"PK\x03\x04 first half"
        raise ConnectionError("browser closed")

    target = tmp_path / "kept" / "file.xlsx"
    with pytest.raises(ConnectionError):
        originals.write_atomically(target, chunks())
    assert list(target.parent.iterdir()) == []
    originals.write_atomically(target, [b"whole ", b"file"])
    assert target.read_bytes() == b"whole file" and [p.name for p in target.parent.iterdir()] == ["file.xlsx"]


def test_a_batch_is_kept_once_per_content_and_a_failed_batch_leaves_nothing(tmp_path):
    first, second = tmp_path / "a.xlsx", tmp_path / "b.csv"
    first.write_bytes(b"first file")
    second.write_bytes(b"second file")
    sha_a, sha_b = file_sha256(first), file_sha256(second)
    folder = tmp_path / "db" / "originals"
    missing = tmp_path / "gone.xlsx"
    with pytest.raises(FileNotFoundError):
        originals.keep_all([(first, sha_a), (missing, "f" * 64)], tmp_path / "db" / "cp.duckdb")
    assert not folder.exists() or list(folder.iterdir()) == []  # the first copy was not renamed, nor left behind
    kept = originals.keep_all([(first, sha_a), (second, sha_b), (first, sha_a)], tmp_path / "db" / "cp.duckdb")
    assert kept == [folder / f"{sha_a}.xlsx", folder / f"{sha_b}.csv", folder / f"{sha_a}.xlsx"]
    assert sorted(p.name for p in folder.iterdir()) == sorted([f"{sha_a}.xlsx", f"{sha_b}.csv"])
    assert kept[1].read_bytes() == b"second file" and kept[1].stat().st_mode & 0o777 == 0o444


@pytest.mark.parametrize("name, data, words", [
    ("report.pdf", b"%PDF-1.7 ...", "only spreadsheets can be uploaded"),
    ("report.xlsx", b"%PDF-1.7 ...", "PDF document"),
    ("report.xlsx", b"\x00\x01\x02\x03" * 100, "not a spreadsheet"),
    ("report.xlsx", None, "encrypted"),
    ("report.csv", b"", "empty"),
])
def test_files_that_are_not_usable_spreadsheets_are_refused_and_change_nothing(db_file, loaded, tmp_path, name,
                                                                               data, words):
    before = digest(db_file)
    if data is None:
        data = encrypted_ole(tmp_path / "locked.xlsx").read_bytes()
    checked = upload.check(data, name, db_file)
    assert checked.status == "refused"
    assert words in " ".join(m.text() for m in checked.outcome.messages)
    assert upload.load([checked], "manager", set(), db_file) == []
    assert digest(db_file) == before


def test_a_file_over_the_limit_is_refused_in_the_users_language(db_file, monkeypatch):
    monkeypatch.setenv(upload.LIMIT_ENV, "0.001")  # about 1 kB
    checked = upload.check(b"a;b\n" * 1000, "big.csv", db_file)
    assert checked.status == "refused" and checked.path is None
    [message] = checked.outcome.messages
    assert message.text("ru") == ("файл занимает 0.0 МБ, больше предела загрузки в 0.001 МБ (задаётся параметром "
                                  "CPM_UPLOAD_MAX_MB)")
    assert not db_file.exists()


def test_a_bad_file_is_checked_with_its_cells_marked(db_file, tmp_path):
    bad = write_xlsx(tmp_path / "bad.xlsx", summary_sheet([("город Алматы", "abc", 5)], periods=("2024",)))
    checked = upload.check(bad.read_bytes(), bad.name, db_file)
    assert checked.status == "refused" and checked.change is None
    [sheet] = checked.grids
    assert sheet.cells.loc[5, "B"] == "abc" and sheet.marks[(4, 1)] == upload.ERROR  # B5
    assert sheet.marks[(4, 2)] == upload.FIGURE  # C5, read
    assert upload.load([checked], "manager", set(), db_file) == [] and not db_file.exists()


def test_preview_shows_new_and_revised_figures_and_the_held_revisions_without_writing(db_file, loaded, tmp_path):
    before = {p.name: digest(p) for p in db_file.parent.glob("*.duckdb")}
    rows = default_rows()
    rows[0] = ("Акмолинская область", 2, 2, 3, 4)  # completed 2023: 1 -> 2, a 100% revision
    fix = write_xlsx(tmp_path / "kpssu_2024_fix.xlsx", summary_sheet(rows))
    change = preview(parse_file(fix), db_file, steps=())
    assert change.status == "held"
    assert [(r.region_code, r.measure, r.period_start.year, r.old, r.new, r.old_file)
            for r in change.revised.itertuples()] == [("KZ-11", "completed", 2023, 1.0, 2.0, "kpssu_2024.xlsx")]
    assert change.new.empty
    assert "1 → 2" in change.held[0].text() and "kpssu_2024.xlsx" in change.held[0].text()
    assert "--accept-revisions" in change.held[0].text()  # the command line's way to confirm ...
    on_page = upload.as_on_page(change.held[0])  # ... and the page's: its tick, in the reader's language
    assert "--accept-revisions" not in on_page.text("ru") and "(отметкой ниже)" in on_page.text("ru")
    assert "(төмендегі белгімен)" in on_page.text("kk") and "(the tick below)" in on_page.text("en")
    assert {p.name: digest(p) for p in db_file.parent.glob("*.duckdb")} == before

    more = write_xlsx(tmp_path / "kpssu_2021.xlsx", summary_sheet(default_rows(), periods=("2020", "2021")))
    outcome = parse_file(more)
    change = preview(outcome, db_file, steps=())
    assert outcome.status == "loaded" and change.status == "loaded" and change.revised.empty
    assert len(change.new) == len(outcome.parsed.figures) > 0
    assert {p.name: digest(p) for p in db_file.parent.glob("*.duckdb")} == before


def test_a_held_file_loads_only_when_its_revisions_are_confirmed(db_file, loaded, tmp_path):
    rows = default_rows()
    rows[0] = ("Акмолинская область", 2, 2, 3, 4)
    fix = write_xlsx(tmp_path / "kpssu_2024_fix.xlsx", summary_sheet(rows))
    checked = upload.check(fix.read_bytes(), fix.name, db_file)
    assert checked.status == "held"
    assert upload.load([checked], "manager", set(), db_file) == []
    [outcome] = upload.load([checked], "manager", {checked.sha256}, db_file)
    assert outcome.status == "loaded"
    assert read(db_file, "SELECT value FROM figures WHERE superseded_by IS NULL AND region_code = 'KZ-11' AND "
                         "measure = 'completed' AND year(period_start) = 2023") == [(2.0,)]
    assert not checked.path.exists()  # the staged copy is gone; the original is kept by its hash
    assert originals.find(checked.sha256, db_file).read_bytes() == fix.read_bytes()


def school_file_with_new_heading(folder):
    [school] = [p for p in write_school_psych(folder) if "2024-2025" in p.name]
    book = openpyxl.load_workbook(school)
    for row in book.active.iter_rows():
        for cell in row:
            if cell.value == "Контингент учащихся":
                cell.value = "Ребята в классах"
    path = folder / "school_new_wording.xlsx"
    book.save(path)
    return path


def test_a_taught_wording_is_written_with_who_and_when_and_the_cli_then_loads_the_file(
        vocabulary_copy, db_file, tmp_path):
    path = school_file_with_new_heading(tmp_path)
    first = parse_file(path)
    assert first.status == "refused"
    [unknown] = teach.unknown_labels(first)
    assert teach.wording(unknown.label) == "Ребята в классах"
    assert "pupils" in teach.choices("school_psych")
    written = teach.teach("school_psych", unknown.label, "pupils", "manager")
    assert written == vocabulary_copy / "school_psych.toml"
    text = written.read_text(encoding="utf-8")
    assert text.startswith((REPO_ROOT / "data/vocabulary/school_psych.toml").read_text(encoding="utf-8")
                           .split("[measures.pupils]")[0])  # the file's comments and layout are kept
    data = tomllib.loads(text)
    assert "Ребята в классах" in data["measures"]["pupils"]["ru"]
    [record] = data["taught"]
    assert record["wording"] == "Ребята в классах" and record["by"] == "manager" and record["at"].endswith("Z")
    assert parse_file(path).status == "loaded"

    env = {**__import__("os").environ, "CPM_VOCABULARY": str(vocabulary_copy), "CPM_DB": str(db_file)}
    result = subprocess.run([sys.executable, "-m", "etl", "load", "--lang", "en", str(path)], cwd=REPO_ROOT,
                            env=env, capture_output=True, text=True, timeout=300)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "school_new_wording.xlsx: loaded" in result.stdout
    assert read(db_file, "SELECT count(*) FROM figures WHERE source_file = 'school_new_wording.xlsx' "
                         "AND measure = 'pupils'")[0][0] > 0


def test_not_a_measure_silences_the_warning_of_a_label(vocabulary_copy, tmp_path):
    groups = ("Суициды", "Попытки суицида", "Самоповреждения")
    rows = [(label, *([1] * 6)) for label, *_ in default_rows(2)]
    path = write_xlsx(tmp_path / "with_extra.xlsx", summary_sheet(rows, groups=groups))
    first = parse_file(path)
    assert first.status == "warning" and len(teach.unknown_labels(first)) == 2
    teach.teach("kpssu_summary", teach.unknown_labels(first)[0].label, teach.NOT_A_MEASURE, "manager")
    again = parse_file(path)
    assert again.status == "loaded" and teach.unknown_labels(again) == []
    assert "Самоповреждения" in tomllib.loads((vocabulary_copy / "kpssu_summary.toml").read_text())["ignore"]["ru"]


def test_teaching_refuses_a_measure_the_source_does_not_have(vocabulary_copy):
    from etl.vocabulary import VocabularyError

    before = (vocabulary_copy / "school_psych.toml").read_bytes()
    with pytest.raises(VocabularyError):
        teach.teach("school_psych", "Ребята в классах", "completed", "manager")
    assert (vocabulary_copy / "school_psych.toml").read_bytes() == before
