"""Showing the public edition's hidden counts: "<5" and "x" in tables and on charts, and their legend."""
from __future__ import annotations

import pandas as pd
import streamlit as st

from core import N_
from i18n import translate
from metrics.db import INTERNAL
from metrics.suppression import mark
from ui import formats

LEGEND = N_("“<{threshold}”: a count from 1 to {below}, not shown so that no child can be identified. "
            "“x”: not shown so that a small count cannot be worked out from the other published figures. "
            "Rates and shares of these counts are not published either.")
EDITION_PUBLIC = N_("Public edition: small counts are not shown.")
EDITION_INTERNAL = N_("Internal edition: exact figures, for authorised staff only.")


def texts(values, suppressed, lang: str, limit: int) -> list[str]:
    """Each count as text: the number, or its mark when the public file hides it."""
    out = []
    for value, hidden in zip(values, suppressed if suppressed is not None else [None] * len(values)):
        shown = mark(hidden if isinstance(hidden, str) else None, limit)
        out.append(shown if shown else formats.integer(value, lang))
    return out


def column(frame: pd.DataFrame, value: str, lang: str, limit: int):
    """A table column of counts: integers, or texts with the marks where some are hidden."""
    hidden = frame["suppressed"] if "suppressed" in frame else None
    if hidden is None or not hidden.notna().any():
        return frame[value].astype("Int64")
    return texts(frame[value], hidden, lang, limit)


def legend(lang: str, limit: int, frame: pd.DataFrame | None = None) -> None:
    """The legend, under a table or chart that shows a mark (or always when ``frame`` is None)."""
    if frame is not None and ("suppressed" not in frame or not frame.suppressed.notna().any()):
        return
    st.caption(translate(LEGEND, lang, threshold=limit, below=limit - 1))


def edition_note(lang: str, edition: str) -> None:
    note = EDITION_INTERNAL if edition == INTERNAL else EDITION_PUBLIC
    st.caption(translate(note, lang))
