"""The Psychological Support Centres by region on the latest snapshot: which regions have one, when
each opened and how many branches it has; on the PSC page and the Regional coverage page."""
from __future__ import annotations

from datetime import date

import pandas as pd
import plotly.graph_objects as go
import streamlit as st

from core.periods import snapshot
from metrics import psc
from ui import charts, indicator_display as show
from ui.chart_block import chart_block
from ui.page import Context

SOURCE = "psc_regions"


def figure(ctx: Context, opened: pd.DataFrame, title: str) -> go.Figure:
    _, count = ctx._, ctx.count
    fig = go.Figure(go.Scatter(
        x=[d.isoformat() for d in opened.opened], y=opened.region, mode="markers+text",
        marker=dict(color=charts.OKABE_ITO[0], size=[10 + 3 * min(int(b or 0), 6) for b in opened.branches.fillna(0)]),
        text=[_("branches: {count}", count=count(b)) for b in opened.branches], textposition="middle right",
        name=_("Opened"),
        hovertext=[f"{r}: {show.date_text(d, ctx.lang)}" for r, d in zip(opened.region, opened.opened)],
        hoverinfo="text"))
    fig.update_layout(title=title, xaxis=dict(title=_("Opening date"), type="date", tickformat="%Y-%m"),
                      yaxis=dict(categoryorder="array", categoryarray=opened.region.tolist()[::-1]),
                      height=28 * len(opened) + 140)
    return fig


def render(ctx: Context) -> None:
    _, count = ctx._, ctx.count
    st.header(_("Psychological Support Centres by region"))
    snapshots = psc.snapshots(ctx.db)
    if not snapshots:
        st.info(_("No figures on the Psychological Support Centres yet."))
        return
    latest: date = snapshots[0]
    label = snapshot(latest).label(ctx.lang)
    network = psc.presence(ctx.db, latest)
    network["region"] = network[f"name_{ctx.lang}"]
    columns = st.columns(2)
    columns[0].metric(_("Regions with a centre"), _("{count} of {total}", count=count(int(network.has_centre.sum())),
                                                       total=count(len(network))))
    columns[1].metric(_("Branches"), count(network.branches.sum(min_count=1)))
    opened = network[network.has_centre & network.opened.notna()].sort_values(["opened", "region"])
    if opened.empty:
        st.info(_("No opening dates were reported."))
    else:
        table = pd.DataFrame({
            _("Region"): opened.region,
            _("Centre"): opened.centre_name,
            _("Opened"): [d.isoformat() for d in opened.opened],
            _("Branches"): opened.branches.astype("Int64"),
            _("Specialists"): opened.specialists.astype("Int64"),
            _("Source file"): opened.source_file,
        })
        chart_block(figure(ctx, opened, label), table, key="centres", lang=ctx.lang,
                    title=_("Psychological Support Centres by region"), sources=ctx.cite(SOURCE), period=label,
                    illustrative=bool(opened.illustrative.any()), file_name=f"psc_centres_{latest.isoformat()}.csv")
        st.caption(_("Centres in the order they opened; a larger dot means more branches."))
    without = network[~network.has_centre]
    if not without.empty:
        st.caption(_("No centre reported: {regions}.", regions=ctx.names_list(without.region)))
