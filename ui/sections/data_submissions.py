"""Which region has sent figures for which period, source by source."""
from __future__ import annotations

import streamlit as st

from core.periods import Period
from metrics import data_status
from ui import data_labels, permalink
from ui.page import Context
from ui.sections.data_loads import block, cite


def source_name(ctx: Context, code: str) -> str:
    return data_labels.named(code, data_labels.SOURCE_NAMES, ctx.lang)


def render(ctx: Context) -> None:
    _ = ctx._
    st.header(_("Submissions by region and period"))
    source = permalink.selectbox(_("Source"), data_status.SOURCES, key="source",
                                 format_func=lambda c: source_name(ctx, c))
    grid = data_status.submission_grid(ctx.db, source)
    if grid.empty:
        st.info(_("No data for this source yet."))
        return
    grid["period"] = [Period(r.period_start, r.period_end, r.period_kind).label(ctx.lang) for r in grid.itertuples()]
    grid["region"] = grid.region_code.map(ctx.chosen["region_name"])
    order = list(dict.fromkeys(grid.period))
    matrix = grid.pivot(index="region", columns="period", values="submitted")[order].replace({True: "✓", False: "—"})
    matrix.index.name = _("Region")
    block(ctx, matrix, "grid", _("Submissions by region and period"), sources=cite(ctx, source),
          hide_index=False, export=matrix.reset_index())
    st.caption(_("— means the region has no figures for a period that other regions have reported."))
