"""The reader's language for this run of a page."""
from __future__ import annotations

import streamlit as st

from i18n import LANGUAGES, translate

FALLBACK = "en"


def current() -> str:
    lang = st.query_params.get("lang", FALLBACK)
    return lang if lang in LANGUAGES else FALLBACK


def gettext(lang: str):
    """A ``_`` for one language: ``_("msgid {x}", x=1)``."""
    return lambda msgid, **params: translate(msgid, lang, **params)
