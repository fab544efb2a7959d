"""Text from a file is shown as text: a source file whose name, sheet name and labels carry Markdown
and HTML is loaded, and the pages that show sources display those texts literally, create no image
or link from them, and make no request outside the machine."""
from __future__ import annotations

import shutil
from urllib.parse import urlparse

import pytest
from playwright.sync_api import expect

from etl.cli import load_files
from helpers import default_rows, summary_sheet, write_xlsx
from tests.e2e.live import running_app, wait_idle

pytestmark = pytest.mark.e2e

# "/" cannot be part of a file name; "https:host" still makes a browser fetch https://host/
FILE_NAME = "![p](https:example.invalid) [Official](https:example.invalid) <img src=x onerror=alert(1)> kpssu.xlsx"
SHEET_NAME = "<img src=x onerror=alert(1)>"
LABEL_NOTE = "![q](http://example.invalid/q.png) <a href=http://example.invalid>ссылка</a>"
PAGES = ["suicides", "region?region=KZ-11", "indicators", "overview", "data-sources"]
HOSTILE = 'img[src*="example.invalid"], img[src="x"], a[href*="example.invalid"], img[alt="p"], img[alt="q"]'


@pytest.fixture(scope="module")
def hostile_url(sample_db, tmp_path_factory):
    root = tmp_path_factory.mktemp("plain-text")
    db = root / "cpmonitor.duckdb"
    shutil.copy2(sample_db, db)
    # different figures for four regions in 2023-2024: the file becomes their current source
    rows = [(label, a + 100, b + 100, c, d) for label, a, b, c, d in default_rows()]
    spec = summary_sheet(rows, name=SHEET_NAME, footer=(LABEL_NOTE,))
    path = write_xlsx(root / FILE_NAME, spec)
    [outcome] = load_files([path], db=db, accept_revisions=True)  # a correction of more than 10%
    assert outcome.status in ("loaded", "warning"), [m.text() for m in outcome.messages]
    with running_app(db, root / "server.log") as url:
        yield url


@pytest.mark.parametrize("path", PAGES)
def test_file_text_is_plain_text_and_nothing_leaves_the_machine(hostile_url, new_page, path):
    page = new_page()
    outside = []
    own = urlparse(hostile_url).netloc

    def watch(request):
        parsed = urlparse(request.url)
        if parsed.scheme in ("http", "https", "ws", "wss") and parsed.netloc != own:
            outside.append(request.url)

    page.on("request", watch)
    page.goto(f"{hostile_url}/{path}{'&' if '?' in path else '?'}lang=en")
    wait_idle(page)
    expect(page.locator('[data-testid="stException"]')).to_have_count(0)
    page.wait_for_timeout(500)  # an image would be requested as soon as it is created
    assert page.locator(HOSTILE).count() == 0
    assert outside == []
    main = page.locator('[data-testid="stMain"]')
    if path in ("suicides", "indicators"):
        # the name is shown, character for character, in the source line under the charts
        expect(main.get_by_text(FILE_NAME, exact=False).filter(visible=True).first).to_be_visible()
