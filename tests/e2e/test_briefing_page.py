"""The Briefing page in a real browser: the preview shows the summary the metrics layer gives, and
both downloads open (the DOCX with python-docx, the PDF's text with pypdf)."""
from __future__ import annotations

import re
from datetime import date

import pytest
from docx import Document
from playwright.sync_api import expect
from pypdf import PdfReader

from briefings import content, summary
from metrics import indicators
from metrics.db import get_database
from tests.e2e.live import RENDER_TIMEOUT, wait_idle

pytestmark = pytest.mark.e2e
DOWNLOAD_TIMEOUT = 300_000  # ms: the document is made when the button is pressed (slow on a busy machine)


def test_preview_and_downloads(app_url, new_page):
    page = new_page(accept_downloads=True)
    page.goto(f"{app_url}/briefing?lang=en")
    wait_idle(page)
    expect(page.get_by_role("heading", name="Briefing", exact=True)).to_be_visible()
    db = get_database()
    year = content.years(indicators.values(db))[0]
    b = content.gather(db, "KZ", year, "en", "public", date.today())
    first = summary.sentences(b)[0].text("en")
    expect(page.get_by_text(first, exact=True)).to_be_visible(timeout=RENDER_TIMEOUT)

    button = page.get_by_role("button", name="Download the briefing (DOCX)")
    with page.expect_download(timeout=DOWNLOAD_TIMEOUT) as info:
        button.click()
    assert info.value.suggested_filename == f"cp_briefing_KZ_{year}_en.docx"
    doc = Document(info.value.path())
    bullets = [p.text for p in doc.paragraphs if p.style.name == "List Bullet"]
    assert bullets[0] == first and doc.tables

    page.get_by_text("PDF, ready to print").click()
    pdf_button = page.get_by_role("button", name="Download the briefing (PDF)")
    expect(pdf_button).to_be_visible(timeout=RENDER_TIMEOUT)
    with page.expect_download(timeout=DOWNLOAD_TIMEOUT) as info:
        pdf_button.click()
    assert info.value.suggested_filename.endswith(".pdf")
    pdf_text = "".join(p.extract_text() for p in PdfReader(info.value.path()).pages)
    assert re.sub(r"\s+", "", first) in re.sub(r"\s+", "", pdf_text)
