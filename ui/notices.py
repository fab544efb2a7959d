"""Notices every page about suicide carries, and the source line under every chart."""
from __future__ import annotations

import streamlit as st

from core import N_
from i18n import translate
from ui import plain

HELPLINE = N_("If you or a child you know needs help, call 111 (contact centre for children and families) "
              "or 150 (children's helpline). Calls are free and confidential.")
ILLUSTRATIVE = N_("Illustrative sample data: the national totals match published figures, the regional split is "
                  "made up for demonstration. Not official statistics.")


def helpline(lang: str) -> None:
    st.info(translate(HELPLINE, lang), icon="📞")


def source_caption(lang: str, *, sources: str, period: str, illustrative: bool, provisional: bool = False) -> None:
    """The source line; ``sources`` may name files, so it is shown as plain text inside the caption."""
    parts = [translate(N_("Source: {sources}. Period: {period}."), lang, sources=plain.escape(sources),
                       period=plain.escape(period))]
    if provisional:
        parts.append(translate(N_("Provisional data."), lang))
    st.caption(" ".join(parts))
    if illustrative:
        st.caption(f"⚠️ {translate(ILLUSTRATIVE, lang)}")


_PUBLISHED = N_("{agency}, “{title}”, published {day}")
_RECEIVED = N_("{agency}, “{title}”, received {day}")
_CITED = N_("{agency}, “{title}”")


def cite(lang: str, source_ids, received: dict) -> str:
    """The sources as a reader cites them (metrics.citations), joined by semicolons; a source
    without citation metadata is named by its id."""
    from metrics.citations import citations
    from ui.indicator_display import date_text

    known, out = citations(), []
    for source in source_ids:
        found = known.get(source)
        if found is None:
            out.append(source)
            continue
        agency, title = found.text(lang)
        if found.published is not None:
            text = translate(_PUBLISHED, lang, agency=agency, title=title, day=date_text(found.published, lang))
        elif source in received:
            text = translate(_RECEIVED, lang, agency=agency, title=title, day=date_text(received[source], lang))
        else:
            text = translate(_CITED, lang, agency=agency, title=title)
        out.append(f"{text} ({found.link})" if found.link else text)
    return "; ".join(out)
