"""The dashboard's pages: one list that app.py turns into the navigation and tests iterate over."""
from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from i18n import N_

REPO_ROOT = Path(__file__).resolve().parent.parent


@dataclass(frozen=True)
class PageSpec:
    path: str  # page script, relative to the repository root
    title: str  # msgid of the title shown in the navigation
    url_path: str
    icon: str | None = None
    default: bool = False
    role: str | None = None  # the only role that sees the page (internal edition), None for everyone


UPLOAD = PageSpec("pages/upload.py", N_("Upload files"), "upload", role="data_manager")


def page_specs(role: str | None = None) -> list[PageSpec]:
    """The pages a reader with ``role`` sees, in navigation order (everyone's pages for None).
    The Upload page is listed for a data manager of the internal edition only; the page checks
    the role itself too, as a URL can name a page the list leaves out."""
    from metrics.db import INTERNAL, edition

    extra = [UPLOAD] if role == UPLOAD.role and edition() == INTERNAL else []
    return [*_everyone(), *extra]


def _everyone() -> list[PageSpec]:
    return [
        PageSpec("pages/overview.py", N_("Overview"), "overview", default=True),
        PageSpec("pages/suicides.py", N_("Suicides and suicide attempts"), "suicides"),
        PageSpec("pages/scorecard.py", N_("CP indicators"), "indicators"),
        PageSpec("pages/region_profile.py", N_("Region profile"), "region"),
        PageSpec("pages/data_sources.py", N_("Data sources"), "data-sources"),
        PageSpec("pages/methodology.py", N_("Methodology"), "methodology"),
        PageSpec("pages/psc.py", N_("PSC staffing and activity"), "psc"),
        PageSpec("pages/coverage.py", N_("Regional coverage"), "coverage"),
        PageSpec("pages/briefing.py", N_("Briefing"), "briefing"),
    ]


def pages(lang: str, role: str | None = None) -> list:
    """``st.Page`` objects for ``st.navigation``, titled in ``lang``, for a reader with ``role``."""
    import streamlit as st

    from i18n import translate

    return [st.Page(str(REPO_ROOT / spec.path), title=translate(spec.title, lang), url_path=spec.url_path,
                    icon=spec.icon, default=spec.default) for spec in page_specs(role)]
