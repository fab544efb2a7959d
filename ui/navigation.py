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


def page_specs() -> list[PageSpec]:
    """Every page of the dashboard, in navigation order."""
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


def pages(lang: str) -> list:
    """``st.Page`` objects for ``st.navigation``, titled in ``lang``."""
    import streamlit as st

    from i18n import translate

    return [st.Page(str(REPO_ROOT / spec.path), title=translate(spec.title, lang), url_path=spec.url_path,
                    icon=spec.icon, default=spec.default) for spec in page_specs()]
