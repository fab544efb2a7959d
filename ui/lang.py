"""The reader's language: chosen in the sidebar, kept in the URL (``?lang=kk|ru|en``).

Without a choice in the URL the language follows the browser (``st.context.locale``, then the
``Accept-Language`` header), and Russian when the browser asks for none of the three.
"""
from __future__ import annotations

import streamlit as st

from etl.messages import N_
from i18n import DEFAULT_LANGUAGE, LANGUAGES, translate

KEY = "lang"  # session-state key and query parameter
FALLBACK = DEFAULT_LANGUAGE
# Each language names itself, so a reader finds their own whatever the page is in.
LABELS = {"kk": "Қазақша", "ru": "Русский", "en": "English"}


def _primary(tag: str | None) -> str | None:
    """"kk-KZ" -> "kk"; None for a language the dashboard does not speak."""
    if not tag:
        return None
    code = tag.strip().replace("_", "-").split("-")[0].lower()
    return code if code in LANGUAGES else None


def _accept_language(header: str | None) -> list[str]:
    """Language tags of an Accept-Language header, most preferred first."""
    tags = []
    for position, part in enumerate((header or "").split(",")):
        tag, _, params = part.strip().partition(";")
        try:
            q = float(params.strip()[2:]) if params.strip().startswith("q=") else 1.0
        except ValueError:
            q = 0.0
        if tag and q > 0:
            tags.append((-q, position, tag))
    return [tag for _, _, tag in sorted(tags)]


def detect() -> str:
    """The browser's preferred language among kk/ru/en, else Russian."""
    candidates: list[str | None] = []
    try:
        candidates.append(st.context.locale)
    except Exception:  # no script context (e.g. imported outside a run)
        pass
    try:
        candidates.extend(_accept_language(st.context.headers.get("Accept-Language")))
    except Exception:
        pass
    for tag in candidates:
        if lang := _primary(tag):
            return lang
    return FALLBACK


def current() -> str:
    """The language of this run: the switcher's value, else ``?lang=``, else the browser's."""
    chosen = st.session_state.get(KEY)
    if chosen in LANGUAGES:
        return chosen
    lang = st.query_params.get(KEY)
    return lang if lang in LANGUAGES else detect()


def _keep_a_choice() -> None:
    # Clicking the selected language again would deselect it; keep the language instead.
    if st.session_state.get(KEY) not in LANGUAGES:
        st.session_state[KEY] = st.session_state.get("_lang_previous") or detect()


def switcher() -> str:
    """The language control in the sidebar; call once per run, before any page text.

    The control is bound to the ``lang`` query parameter, so the choice survives page changes and
    travels in a shared link. It has no default of its own: the first run seeds it with the
    detected language, which keeps ``lang=`` in the URL at all times (a bound widget drops the
    parameter when its value equals its default, and the default would differ between browsers).
    """
    if st.session_state.get(KEY) not in LANGUAGES:
        wanted = st.query_params.get(KEY)
        st.session_state[KEY] = wanted if wanted in LANGUAGES else detect()
    lang = st.session_state[KEY]
    st.session_state["_lang_previous"] = lang
    st.sidebar.segmented_control(
        translate(N_("Language"), lang), list(LANGUAGES), format_func=LABELS.get, key=KEY,
        bind="query-params", on_change=_keep_a_choice)
    return current()


def gettext(lang: str):
    """A ``_`` for one language: ``_("msgid {x}", x=1)``."""
    return lambda msgid, **params: translate(msgid, lang, **params)
