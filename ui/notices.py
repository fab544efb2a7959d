"""Notices every page about suicide carries, and the source line under every chart."""
from __future__ import annotations

import streamlit as st

from etl.messages import N_
from i18n import translate

HELPLINE = N_("If you or a child you know needs help, call 111 (contact centre for children and families) "
              "or 150 (children's helpline). Calls are free and confidential.")
ILLUSTRATIVE = N_("Illustrative sample data: the national totals match published figures, the regional split is "
                  "made up for demonstration. Not official statistics.")


def helpline(lang: str) -> None:
    st.info(translate(HELPLINE, lang), icon="📞")


def source_caption(lang: str, *, sources: str, period: str, illustrative: bool, provisional: bool = False) -> None:
    parts = [translate(N_("Source: {sources}. Period: {period}."), lang, sources=sources, period=period)]
    if provisional:
        parts.append(translate(N_("Provisional data."), lang))
    st.caption(" ".join(parts))
    if illustrative:
        st.caption(f"⚠️ {translate(ILLUSTRATIVE, lang)}")


def plain(text: str) -> str:
    """Text for st.markdown that shows as typed: Markdown's marks escaped, so a name read from a file
    can never turn into a link or emphasis."""
    return "".join("\\" + c if c in "\\`*_{}[]()#+-.!|<>~$" else c for c in str(text))
