"""The Upload page through the real sign-in proxy (Caddy) in a real browser, on a copy of the
sample warehouse, its snapshots and its vocabulary: a viewer cannot reach it, a data manager
checks, previews, confirms and publishes, a bad file changes nothing, a held revision needs the
tick, and a wording taught in the page makes its file load."""
from __future__ import annotations

import re
import shutil
from urllib.parse import urlsplit

import openpyxl
import pytest
from playwright.sync_api import expect

from deploy.internal import running_proxy, trusted_header_options
from helpers import figures_checksum, read, summary_sheet, write_xlsx
from tests.e2e.live import RENDER_TIMEOUT, free_port, running_app, wait_idle
from tests.e2e.test_signin import MANAGER, VIEWER, open_context
from ui.edition import ENV as EDITION_ENV, INTERNAL

pytestmark = pytest.mark.e2e
REPO_ROOT = __import__("pathlib").Path(__file__).resolve().parents[2]
ALMATY = "KZ-75"
ERROR_COLOUR, FIGURE_COLOUR = "rgb(248, 196, 196)", "rgb(230, 244, 230)"  # ui.upload_view.COLOURS
CHECK_TIMEOUT = 120_000  # ms: a check parses in a worker and previews on a scratch copy


@pytest.fixture(scope="module")
def place(sample_db, tmp_path_factory):
    """A copy of the sample warehouse, its two snapshots and the vocabulary files."""
    root = tmp_path_factory.mktemp("upload")
    for name in ("cpmonitor.duckdb", "internal.duckdb", "public.duckdb"):
        shutil.copyfile(sample_db.parent / name, root / name)
    shutil.copytree(REPO_ROOT / "data" / "vocabulary", root / "vocabulary")
    return root


@pytest.fixture(scope="module")
def proxy_url(place, tmp_path_factory):
    env = {EDITION_ENV: INTERNAL, "CPM_DB": str(place / "cpmonitor.duckdb"),
           "CPM_INTERNAL_DB": str(place / "internal.duckdb"), "CPM_PUBLIC_DB": str(place / "public.duckdb"),
           "CPM_VOCABULARY": str(place / "vocabulary")}
    log = tmp_path_factory.mktemp("upload-app") / "server.log"
    with running_app(place / "cpmonitor.duckdb", log, env=env, args=tuple(trusted_header_options())) as app:
        with running_proxy(proxy_port=free_port(), app_port=urlsplit(app).port,
                           workdir=tmp_path_factory.mktemp("upload-caddy")) as url:
            yield url


def query(place, sql, params=()):
    return read(place / "cpmonitor.duckdb", sql, params)


def current_value(place, region, measure, year) -> int:
    [(value,)] = query(place, "SELECT value FROM figures WHERE source = 'kpssu_summary' AND superseded_by IS NULL "
                              "AND region_code = ? AND measure = ? AND year(period_start) = ? AND month(period_end) = 12 "
                              "AND sex = 'all' AND age_group = 'all'", [region, measure, year])
    return int(value)


def kpssu_file(path, completed, attempts):
    return write_xlsx(path, summary_sheet([("город Алматы", completed, attempts)], periods=("2024",)))


@pytest.fixture
def manager_page(proxy_url, chromium_browser):
    context = chromium_browser.new_context(viewport={"width": 1366, "height": 768}, locale="en-US",
                                           accept_downloads=True,
                                           http_credentials={"username": MANAGER[0], "password": MANAGER[1]})
    context.set_default_timeout(RENDER_TIMEOUT)
    try:
        page = context.new_page()
        page.goto(f"{proxy_url}/upload?lang=en", timeout=RENDER_TIMEOUT)
        wait_idle(page)
        expect(page.get_by_role("heading", name="Upload files")).to_be_visible()
        yield page
    finally:
        context.close()


def upload(page, *paths):
    page.locator('[data-testid="stFileUploaderDropzoneInput"]').set_input_files([str(p) for p in paths])
    expect(page.get_by_text("Files ready to load:")).to_be_visible(timeout=CHECK_TIMEOUT)


def load_and_publish(page):
    page.get_by_role("button", name="Load and publish").click()
    expect(page.get_by_role("button", name="Load and publish")).to_have_count(0, timeout=CHECK_TIMEOUT)


def test_a_viewer_cannot_reach_the_upload_page(proxy_url, chromium_browser):
    context = open_context(chromium_browser, VIEWER)
    try:
        page = context.new_page()
        page.goto(f"{proxy_url}/overview?lang=en", timeout=RENDER_TIMEOUT)
        wait_idle(page)
        nav = page.locator('[data-testid="stSidebarNav"]')
        expect(nav.get_by_text("Overview")).to_be_visible()
        expect(nav.get_by_text("Upload files")).to_have_count(0)
        page.goto(f"{proxy_url}/upload?lang=en", timeout=RENDER_TIMEOUT)
        wait_idle(page)
        expect(page.locator('[data-testid="stFileUploader"]')).to_have_count(0)
        expect(page.get_by_role("heading", name="Upload files")).to_have_count(0)
    finally:
        context.close()


def test_a_bad_file_is_refused_with_its_cells_highlighted_and_changes_nothing(manager_page, place, tmp_path):
    before = figures_checksum(place / "cpmonitor.duckdb")
    bad = write_xlsx(tmp_path / "kpssu_almaty_bad.xlsx", summary_sheet([("город Алматы", "abc", 5)], periods=("2024",)))
    upload(manager_page, bad)
    main = manager_page.locator('[data-testid="stMain"]')
    expect(main.get_by_text("kpssu_almaty_bad.xlsx: refused")).to_be_visible()
    expect(main.get_by_text('"abc" is not a number')).to_be_visible()
    cell = main.locator('[data-testid="stTable"] td').filter(has_text=re.compile(r"^abc$"))
    expect(cell).to_have_count(1)  # the grid's cell B5, as written in the file
    colours = main.locator('[data-testid="stTable"] td').evaluate_all(
        "tds => tds.map(td => [td.innerText, getComputedStyle(td).backgroundColor])")
    assert ["abc", ERROR_COLOUR] in colours, colours
    assert ["5", FIGURE_COLOUR] in colours, colours  # the figure beside it, read (but not stored)
    expect(manager_page.get_by_role("button", name="Load and publish")).to_be_disabled()
    assert figures_checksum(place / "cpmonitor.duckdb") == before
    assert not query(place, "SELECT 1 FROM loads WHERE file_name = 'kpssu_almaty_bad.xlsx'")


def test_a_good_file_is_previewed_confirmed_and_shown_on_the_dashboard(manager_page, place, tmp_path, proxy_url):
    completed = current_value(place, ALMATY, "completed", 2024)
    attempts = current_value(place, ALMATY, "attempts", 2024)
    national = sum(v for (v,) in query(place, "SELECT value FROM suicide_counts WHERE region_code = 'KZ' AND "
                                              "measure = 'completed' AND year = 2024 AND month_to = 12 AND "
                                              "sex = 'all' AND age_group = 'all'"))
    before = figures_checksum(place / "cpmonitor.duckdb")
    good = kpssu_file(tmp_path / "kpssu_almaty_2024.xlsx", completed + 1, attempts)  # within the 10% guard
    upload(manager_page, good)
    main = manager_page.locator('[data-testid="stMain"]')
    expect(main.get_by_text("kpssu_almaty_2024.xlsx: loaded")).to_be_visible()
    expect(main.get_by_text("Revised figures: 1")).to_be_visible()
    expect(main.get_by_text("Headline indicators that would change:")).to_be_visible()
    revised = main.locator('[data-testid="stTable"]').filter(has_text="kpssu_suicides_2024.xls")
    expect(revised).to_have_count(1)  # the file that brought the old value
    expect(revised.get_by_text(str(completed + 1), exact=True)).to_be_visible()
    assert figures_checksum(place / "cpmonitor.duckdb") == before  # nothing is written before the confirmation
    load_and_publish(manager_page)
    expect(main.get_by_text("kpssu_almaty_2024.xlsx: loaded")).to_be_visible()
    assert current_value(place, ALMATY, "completed", 2024) == completed + 1
    [(user, sha)] = query(place, "SELECT loaded_by, file_hash FROM load_log WHERE file_name = 'kpssu_almaty_2024.xlsx'")
    assert user == MANAGER[0]
    assert (place / "originals" / f"{sha}.xlsx").read_bytes() == good.read_bytes()

    manager_page.goto(f"{proxy_url}/suicides?lang=en", timeout=RENDER_TIMEOUT)
    wait_idle(manager_page)
    trend = manager_page.locator('[data-testid="stPlotlyChart"]').first
    expect(trend).to_contain_text(str(int(national) + 1), timeout=RENDER_TIMEOUT)

    # The very file, downloaded from the provenance of the Data sources page (the newest load first).
    manager_page.goto(f"{proxy_url}/data-sources?lang=en", timeout=RENDER_TIMEOUT)
    wait_idle(manager_page)
    with manager_page.expect_download() as info:
        manager_page.get_by_role("button", name="Download the original file: kpssu_almaty_2024.xlsx").first.click()
    assert info.value.suggested_filename == "kpssu_almaty_2024.xlsx"
    assert info.value.path().read_bytes() == good.read_bytes()


def test_a_correction_held_by_the_revision_guard_needs_the_tick(manager_page, place, tmp_path):
    completed = current_value(place, ALMATY, "completed", 2024)
    attempts = current_value(place, ALMATY, "attempts", 2024)
    big = kpssu_file(tmp_path / "kpssu_almaty_doubled.xlsx", completed * 2, attempts)
    upload(manager_page, big)
    main = manager_page.locator('[data-testid="stMain"]')
    expect(main.get_by_text("kpssu_almaty_doubled.xlsx: held: its revisions need confirming")).to_be_visible()
    expect(main.get_by_text(f"{completed} → {completed * 2}", exact=False).first).to_be_visible()
    button = manager_page.get_by_role("button", name="Load and publish")
    expect(button).to_be_disabled()
    main.get_by_text("I have checked these revisions and confirm them").click()
    expect(button).to_be_enabled()
    load_and_publish(manager_page)
    expect(main.get_by_text("kpssu_almaty_doubled.xlsx: loaded")).to_be_visible()
    assert current_value(place, ALMATY, "completed", 2024) == completed * 2


def test_a_wording_taught_in_the_page_makes_the_file_load(manager_page, place, tmp_path):
    from etl.sample import write_sample

    raw = write_sample(tmp_path / "raw")
    [school] = [p for p in raw if p.name == "school_psychologists_2024-2025.xlsx"]
    book = openpyxl.load_workbook(school)
    pupils = [row[3] for row in book.active.iter_rows() if isinstance(row[3].value, int) and row[3].value > 1000]
    for cell in pupils[:2]:  # the national total and the first region: a new figure that still adds up
        cell.value += 7
    for row in book.active.iter_rows():
        for cell in row:
            if cell.value == "Контингент учащихся":
                cell.value = "Ребята в классах"
    renamed = tmp_path / "school_new_wording.xlsx"
    book.save(renamed)
    upload(manager_page, renamed)
    main = manager_page.locator('[data-testid="stMain"]')
    expect(main.get_by_text("school_new_wording.xlsx: refused")).to_be_visible()
    expect(main.get_by_text("Teach a wording")).to_be_visible()
    box = main.locator('[data-testid="stSelectbox"]').filter(has_text="Measure").first.locator("input")
    box.click()
    box.fill("Pupils")
    manager_page.get_by_role("option", name="Pupils", exact=True).click()
    expect(main.get_by_role("combobox", name="Measure")).to_have_value("Pupils")
    main.get_by_role("button", name="Teach this wording").click()
    expect(main.get_by_text("Wording taught and written to school_psych.toml")).to_be_visible(timeout=CHECK_TIMEOUT)
    expect(main.get_by_text("school_new_wording.xlsx: loaded")).to_be_visible(timeout=CHECK_TIMEOUT)
    taught = (place / "vocabulary" / "school_psych.toml").read_text(encoding="utf-8")
    assert '"Ребята в классах"' in taught and 'by = "manager"' in taught
    load_and_publish(manager_page)
    expect(main.get_by_text("school_new_wording.xlsx: loaded")).to_be_visible()
    assert query(place, "SELECT status, loaded_by FROM load_log WHERE file_name = 'school_new_wording.xlsx'") == [
        ("loaded", "manager")]
