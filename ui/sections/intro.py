"""A page's title, its one-line description and, on pages about suicide, where to get help."""
from __future__ import annotations

import streamlit as st

from ui import notices
from ui.page import Context, Section


def section(title: str, caption: str | None = None, *, helpline: bool = False, helpline_first: bool = False,
            **params) -> Section:
    """``title`` and ``caption`` are msgids; ``params`` fill the caption's fields."""
    def render(ctx: Context) -> None:
        st.title(ctx._(title))
        if helpline and helpline_first:
            notices.helpline(ctx.lang)
        if caption:
            st.caption(ctx._(caption, **params))
        if helpline and not helpline_first:
            notices.helpline(ctx.lang)
    return render
