"""The revision history of one figure: every value a region's figure has had, file by file."""
from __future__ import annotations

import pandas as pd
import streamlit as st

from metrics import data_status
from ui import data_labels, originals, permalink
from ui.page import Context
from ui.sections.data_loads import block, cite
from ui.sections.data_submissions import source_name


def render(ctx: Context) -> None:
    _, lang, region_name = ctx._, ctx.lang, ctx.chosen["region_name"]
    st.header(_("Revision history of a figure"))
    left, middle, right = st.columns(3)
    placeholder = _(permalink.PLACEHOLDER)
    source = left.selectbox(_("Source"), data_status.SOURCES, key="history_source",
                            format_func=lambda c: source_name(ctx, c), placeholder=placeholder)
    region = middle.selectbox(_("Region"), list(region_name), format_func=region_name.get, key="history_region",
                              placeholder=placeholder)
    measures = data_status.measures_of(ctx.db, source)
    measure = right.selectbox(_("Measure"), measures, key="history_measure", placeholder=placeholder,
                              format_func=lambda m: data_labels.named(m, data_labels.MEASURES, lang)) \
        if measures else None
    history = data_status.figure_history(ctx.db, source, region, measure) if measure else pd.DataFrame()
    if history.empty:
        st.info(_("No figures for this region and measure yet."))
        return
    block(ctx, data_labels.readable(history, lang, region_name), "history", _("Revision history of a figure"),
          sources=cite(ctx, source))
    if originals.available():
        for n, behind in enumerate(data_status.history_files(ctx.db, source, region, measure).itertuples()):
            originals.download(behind.source_hash, behind.source_file, lang, key=f"history_original_{n}")
