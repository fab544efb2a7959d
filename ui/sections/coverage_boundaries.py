"""The tile map's indicator on real region boundaries, when whoever runs the dashboard supplies a
boundary file (the README says how); otherwise a line saying why there is none."""
from __future__ import annotations

import pandas as pd
import streamlit as st

from metrics import boundaries, citations
from ui import notices, plain, tilemap
from ui.chart_block import chart_block
from ui.page import Context


def render(ctx: Context) -> None:
    _ = ctx._
    st.subheader(_("Map with region boundaries"))
    try:
        shapes = boundaries.configured()
    except boundaries.BoundaryError as error:
        st.warning(_(error.msgid, **{k: plain.code(v) for k, v in error.params.items()}))
        return
    if shapes is None:
        st.caption(_("Region boundaries are not included: no openly licensed boundary file has the 20 regions of "
                     "2022, so the squares above stand in for a map."))
        return
    indicator, regional = ctx.chosen["indicator"], ctx.chosen["regional"]
    period_label, unit = ctx.chosen["period_label"], indicator.unit(ctx.lang)
    drawn = regional[regional.region_code.isin(shapes.codes)]
    fig = tilemap.choropleth(shapes.geojson, drawn, value="value", hover="hover", bounds=boundaries.bounds(shapes),
                             feature_id_key=shapes.feature_id_key, zmin=ctx.chosen["zmin"], zmax=ctx.chosen["zmax"],
                             colorbar_title=unit, no_data_name=_("No data"))
    fig.update_layout(title=dict(text=f"{indicator.name(ctx.lang)}<br><sup>{period_label}</sup>", font=dict(size=14)))
    drawn = ctx.by_name(drawn)
    chart_block(fig, pd.DataFrame({_("Region"): drawn.region, _("Value"): drawn.value.round(3), _("Unit"): unit,
                                   _("Status"): drawn.status_text, _("Source file"): drawn.sources}),
                key="choropleth", lang=ctx.lang,
                sources=notices.cite(ctx.lang, citations.sources_of(indicator), citations.received(ctx.db)),
                period=period_label, illustrative=bool(drawn.illustrative.fillna(False).any()),
                provisional=bool(drawn.provisional.fillna(False).any()),
                file_name=f"coverage_map_{indicator.id}_{ctx.chosen['period_key']}.csv")
    names = dict(zip(regional.region_code, regional.region))
    if shapes.outdated:
        st.warning(_("The boundary file seems older than June 2022: it has no shape for {regions}, and the regions "
                     "they were split from are drawn with their former borders.",
                     regions=", ".join(names[c] for c in shapes.outdated)))
    elif shapes.missing:
        st.caption(_("Not drawn (no shape in the boundary file): {regions}.",
                     regions=", ".join(names[c] for c in shapes.missing)))
