"""The page layer's shape: page files are short lists of sections, and ui/url_params.py is the only
module that names a URL parameter (it declares each with its codec, old spellings included)."""
from __future__ import annotations

import re
from pathlib import Path

import pytest

from ui import url_params

REPO_ROOT = Path(__file__).resolve().parent.parent
MAX_PAGE_LINES = 60
REGISTRY = REPO_ROOT / "ui" / "url_params.py"
SCANNED = ("app.py", "pages", "ui", "metrics", "briefings")
QUERY_PARAMS = re.compile(r"\bquery_params\b")


def sources() -> list[Path]:
    found = []
    for name in SCANNED:
        path = REPO_ROOT / name
        found.extend([path] if path.is_file() else sorted(path.rglob("*.py")))
    return found


@pytest.mark.parametrize("page", sorted((REPO_ROOT / "pages").glob("*.py")), ids=lambda p: p.name)
def test_a_page_file_is_short(page):
    lines = page.read_text(encoding="utf-8").splitlines()
    assert len(lines) <= MAX_PAGE_LINES, f"{page.name} has {len(lines)} lines: move its parts into ui/sections/"


def test_only_the_registry_touches_the_url():
    offenders = [f"{p.relative_to(REPO_ROOT)}:{n}" for p in sources() if p != REGISTRY
                 for n, line in enumerate(p.read_text(encoding="utf-8").splitlines(), 1) if QUERY_PARAMS.search(line)]
    assert not offenders, offenders
    assert QUERY_PARAMS.search(REGISTRY.read_text(encoding="utf-8"))


def test_every_url_widget_key_is_declared():
    """Widgets kept in the URL (ui.permalink) take the parameter's name as their key."""
    call = re.compile(r"(?:permalink\.(?:selectbox|segmented)|region_selector)\((?:[^()]|\([^()]*\))*?key=\"(\w+)\"",
                      re.S)
    keys = {m for p in sources() for m in call.findall(p.read_text(encoding="utf-8"))}
    assert keys and keys <= set(url_params.PARAMS), keys - set(url_params.PARAMS)


@pytest.mark.parametrize("name, old, canonical", [
    ("period", "2024.1-12", "2024-01..2024-12"),  # the suicides page's old spelling
    ("period", "2024.1-9", "2024-01..2024-09"),
    ("period", "2024-01..2024-12", "2024-01..2024-12"),
    ("as_of", "2025-02-01", "@2025-02-01"),  # the PSC page's old snapshot date
    ("as_of", "@2025-02-01", "@2025-02-01"),
    ("school_year", "2023-2024", "sy2023-2024"),
    ("period", "sy2023-2024", "sy2023-2024"),
    ("region", "all", "KZ"),  # the PSC page once named the nation "all"
    ("region", "KZ", "KZ"),
    ("region", "KZ-71", "KZ-71"),
])
def test_old_links_decode_to_the_one_spelling(name, old, canonical):
    assert url_params.encode(name, old) == canonical


@pytest.mark.parametrize("text", ["2024.13-14", "nowhere", "2023-2025", ""])
def test_an_unknown_value_is_kept_as_it_is(text):
    """The page then says the link named something it does not know (ui.permalink)."""
    assert url_params.encode("period", text) == text.strip()


def test_an_undeclared_parameter_is_refused():
    with pytest.raises(KeyError):
        url_params.encode("year", "2024")


ETL_IMPORT = re.compile(r"^\s*(?:from|import)\s+etl\b", re.MULTILINE)
# The Upload page's sections drive the ETL itself (check, teach a wording, load): the only ones that may.
DRIVES_THE_ETL = ("upload_files.py", "upload_review.py", "upload_confirm.py")


@pytest.mark.parametrize("folder", ["pages", "ui/sections"])
def test_pages_and_sections_never_import_the_etl(folder):
    """Periods, regions and the message marker come from core/ and the database through metrics/: a
    page that imported the ETL could read a spreadsheet or the reference files itself."""
    offenders = [str(p.relative_to(REPO_ROOT)) for p in sorted((REPO_ROOT / folder).rglob("*.py"))
                 if p.name not in DRIVES_THE_ETL and ETL_IMPORT.search(p.read_text(encoding="utf-8"))]
    assert not offenders, offenders
