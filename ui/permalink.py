"""Widgets whose state lives in the URL, so that every view is a shareable link.

Streamlit's own ``bind="query-params"`` writes an option's *display label* to the URL, which
changes with the reader's language; a link made in Kazakh would not open the same view in
English. These helpers write the option's canonical key instead (``?period=2024-01..2024-12``),
spelled as ``ui.url_params`` declares it; ``key`` is both the widget's key and the parameter's name.
"""
from __future__ import annotations

from collections.abc import Callable, Sequence

import streamlit as st

from i18n import N_, translate
from ui import lang as ui_lang, plain, url_params

PLACEHOLDER = N_("Choose an option")
UNKNOWN = N_("The link asks for \"{value}\" as {name}, which is not known here: showing {shown} instead.")


def _initial(key: str, options: Sequence[str], default: str | None) -> str | None:
    """Set the widget's first value from the URL; return the URL's value when it is not an option."""
    if key not in st.session_state or st.session_state[key] not in options:
        found, unknown = url_params.choose(key, options)
        st.session_state[key] = found if found is not None else (default if default in options else options[0])
        return unknown
    return None


def _say_unknown(label: str, wanted: str | None, shown: str) -> None:
    """A link with a value the page does not know says so, then shows the default view."""
    if wanted is not None:
        lang = ui_lang.current()
        st.warning(plain.escape(translate(UNKNOWN, lang, name=label, value=wanted[:60], shown=shown)), icon="🔗")


def _sync(key: str) -> Callable[[], None]:
    def write() -> None:
        url_params.write(key, st.session_state.get(key))
    return write


def selectbox(label: str, options: Sequence[str], *, key: str, format_func: Callable = str,
              default: str | None = None, container=st, **kwargs) -> str | None:
    """A selectbox over string keys, kept in the URL under ``key``."""
    options = list(options)
    if not options:
        return None
    wanted = _initial(key, options, default)
    ui_lang.relabel(key)  # after a language switch the browser would keep showing the old label
    kwargs.setdefault("placeholder", translate(PLACEHOLDER, ui_lang.current()))
    _say_unknown(label, wanted, str(format_func(st.session_state[key])))
    value = container.selectbox(label, options, key=key, format_func=format_func, on_change=_sync(key), **kwargs)
    url_params.write(key, value)
    return value


def segmented(label: str, options: Sequence[str], *, key: str, format_func: Callable = str,
              default: str | None = None, container=st, **kwargs) -> str:
    """A single-choice segmented control over string keys, kept in the URL; never empty."""
    options = list(options)
    wanted = _initial(key, options, default)
    _say_unknown(label, wanted, str(format_func(st.session_state[key])))
    value = container.segmented_control(label, options, key=key, format_func=format_func, on_change=_sync(key),
                                        required=True, **kwargs)
    url_params.write(key, value)
    return value
