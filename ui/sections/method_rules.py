"""The statistical rules, the statuses, small counts in the public edition and comparable geography,
as the code applies them."""
from __future__ import annotations

import pandas as pd
import streamlit as st

from metrics import methodology, suppression
from metrics.catalogue import load_catalogue
from metrics.db import DatabaseMissing, edition, get_database
from ui import chart_block, indicator_display as show, suppression as ui_suppression
from ui.page import Context


def render(ctx: Context) -> None:
    _, lang = ctx._, ctx.lang
    st.header(_("Rules"))
    st.markdown("\n".join(f"- {rule}" for rule in methodology.rules(load_catalogue(), lang)))
    st.subheader(_("Statuses"))
    st.markdown("\n\n".join(f"{show.status_badge(status, lang)} {meaning}"
                            for status, _label, meaning in methodology.statuses(lang)), unsafe_allow_html=True)
    st.caption(_("Each status has its own icon as well as its colour, so it reads without colour."))
    st.subheader(_("Small counts in the public edition"))
    try:  # the rules are explained without a database too
        limit = suppression.threshold(get_database())
    except DatabaseMissing:
        limit = suppression.DEFAULT_THRESHOLD
    st.markdown("\n".join(f"- {rule}" for rule in methodology.disclosure(lang, limit)))
    ui_suppression.edition_note(lang, edition())
    st.subheader(_("Comparable geography"))
    chart_block.wide_table(pd.DataFrame(methodology.merges(lang), columns=[_("Region created on 8 June 2022"),
                                                                           _("Counted within")]), key="merges")
