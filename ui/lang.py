"""The reader's language: chosen in the sidebar, kept in the URL (``?lang=kk|ru|en``).

Without a choice in the URL the language follows the browser (``st.context.locale``, then the
``Accept-Language`` header), and Russian when the browser asks for none of the three.
"""
from __future__ import annotations

import json

import streamlit as st

from i18n import DEFAULT_LANGUAGE, LANGUAGES, N_, translate
from ui import url_params

KEY = "lang"  # the query parameter (declared in ui.url_params)
WIDGET_KEY = "lang_switcher"
_REMEMBERED = "_lang"  # the session's language, for runs whose URL lost the parameter
_RENDERED = "_lang_rendered"  # the language of the previous run's switcher
_CHANGED = "_lang_changed"
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


def leave_legacy_multipage_mode() -> None:
    """Re-run through app.py when Streamlit ran a page script on its own.

    With a pages/ folder next to app.py, the first script run after the server starts uses
    Streamlit's old multipage mode until some run calls st.navigation. If the first visitor opens a
    deep link (/suicides), that mode runs pages/suicides.py alone: no language switcher, navigation
    titled by file names, and the mode stays for every later visitor until someone opens "/".
    Streamlit offers no public way to tell, so this reads its flag; ui.page calls it, once, for
    every page (the pages themselves know nothing of it).

    Why app.py cannot do it with public API (Streamlit 1.67): the server sets
    ``PagesManager.uses_pages_directory`` when it starts, from whether a ``pages/`` folder stands
    beside the entry point, and while it is set the script runner runs the linked page script in
    place of app.py; only ``st.navigation`` clears it, and only app.py may call that. On such a first
    run app.py does not run at all, so the page script is the only code that can notice. The one
    public way out is a page folder with another name, which the whole tree and its checks name.
    """
    try:
        from streamlit.runtime.pages_manager import PagesManager
    except ImportError:  # a Streamlit without the flag
        return
    if PagesManager.uses_pages_directory:
        PagesManager.uses_pages_directory = False
        st.rerun()


def current() -> str:
    """The language of this run: ``?lang=``, else the one chosen earlier in this session, else the
    browser's. app.py sets it up (``switcher``) before any page runs."""
    lang = url_params.read(KEY)
    if lang in LANGUAGES:
        return lang
    remembered = st.session_state.get(_REMEMBERED)
    return remembered if remembered in LANGUAGES else detect()


def _switched() -> None:
    chosen = st.session_state.get(WIDGET_KEY)
    if chosen in LANGUAGES:  # None when the reader clicks the selected language again: no change
        url_params.write(KEY, chosen)
        st.session_state[_REMEMBERED] = chosen


def switcher() -> str:
    """The language control in the sidebar; call once per run, before any page text is written.

    The language lives in the ``lang`` query parameter, written on every run so that a copied link
    always names it. The control is not bound to the URL itself (a bound widget would put its label,
    "Қазақша", in the URL instead of "kk"), and Streamlit drops unbound parameters when the reader
    changes page, so the session remembers the language and puts it back.
    """
    lang = current()
    st.session_state[_REMEMBERED] = lang
    st.session_state[_CHANGED] = st.session_state.get(_RENDERED) not in (None, lang)
    st.session_state[_RENDERED] = lang
    url_params.write(KEY, lang)
    st.session_state[WIDGET_KEY] = lang
    st.sidebar.segmented_control(translate(N_("Language"), lang), list(LANGUAGES), format_func=LABELS.get,
                                 key=WIDGET_KEY, on_change=_switched)
    return lang


def declare(lang: str) -> None:
    """Set ``<html lang>`` to the page's language: screen readers pick their voice, and browsers their
    hyphenation and translation offers, from it. Streamlit itself always writes "en"."""
    st.html(f"<script>document.documentElement.lang = {json.dumps(lang)};</script>", unsafe_allow_javascript=True)


def changed() -> bool:
    """True in the first run after the reader switched language."""
    return bool(st.session_state.get(_CHANGED))


def relabel(*keys: str) -> None:
    """Call before creating selectboxes whose option labels depend on the language.

    Streamlit keeps a selectbox's value across a change of labels but the browser keeps showing the
    old label, and a widget bound to the URL keeps the old label there too (a link copied afterwards
    would then not select anything). Re-assigning the value in the first run after a switch makes
    Streamlit send it again with the new label.
    """
    if changed():
        for key in keys:
            if key in st.session_state and st.session_state[key] is not None:
                st.session_state[key] = st.session_state[key]


def gettext(lang: str):
    """A ``_`` for one language: ``_("msgid {x}", x=1)``."""
    return lambda msgid, **params: translate(msgid, lang, **params)
