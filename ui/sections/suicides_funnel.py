"""A funnel plot of the regions' rates against the national rate, with 95% and 99.8% limits, for the
regions' period, measure and geography."""
from __future__ import annotations

from functools import partial

import pandas as pd
import plotly.graph_objects as go
import streamlit as st

from i18n import N_
from metrics import funnel, stats
from ui import charts, figure_cache, formats, tilemap
from ui.chart_block import chart_block
from ui.page import Context
from ui.sections.suicides_choices import LEGEND_BELOW, MEASURE_NAMES, PER_100K, joined_sources, rate_text

POSITION_STYLE = {  # colour-blind-safe (Okabe-Ito) colour and symbol of a funnel point by where it lies
    "inside": (charts.OKABE_ITO[0], "circle"),
    "beyond_95": (charts.OKABE_ITO[1], "diamond"),
    "beyond_998": (charts.OKABE_ITO[5], "square"),
}
POSITION_NAMES = {"inside": N_("Within the 95% limits"), "beyond_95": N_("Beyond the 95% limits"),
                  "beyond_998": N_("Beyond the 99.8% limits")}
SIDE_NAMES = {funnel.INSIDE: N_("within"), funnel.ABOVE: N_("above"), funnel.BELOW: N_("below")}


def point_labels(regions) -> list[str]:
    """The first line of each region's short name in the page's language (never a Latin code)."""
    return [name.split("<br>")[0] for name in tilemap.short_names(regions)]


def figure(ctx: Context, shape, points: pd.DataFrame) -> go.Figure:
    _, curve = ctx._, shape.curve
    fig = go.Figure()
    for level, dash in ((0.998, "dot"), (0.95, "dash")):
        name = funnel.level_name(level)
        label = _("{level}% control limits", level=formats.number(level * 100, ctx.lang))
        fig.add_scatter(x=curve.population, y=curve[f"high_{name}"], mode="lines", name=label, legendgroup=name,
                        line=dict(color=charts.OKABE_ITO[7], dash=dash, width=1), hoverinfo="skip")
        fig.add_scatter(x=curve.population, y=curve[f"low_{name}"], mode="lines", name=label, legendgroup=name,
                        showlegend=False, line=dict(color=charts.OKABE_ITO[7], dash=dash, width=1), hoverinfo="skip")
    fig.add_scatter(x=[curve.population.min(), curve.population.max()], y=[shape.national_rate] * 2, mode="lines",
                    name=_("National rate: {rate}", rate=rate_text(ctx, shape.national_rate)),
                    line=dict(color=charts.OKABE_ITO[2], width=2), hoverinfo="skip")
    for where, (colour, symbol) in POSITION_STYLE.items():
        part = points[points["where"] == where]
        if part.empty:
            continue
        fig.add_scatter(x=part.children, y=part.rate, mode="markers+text", name=_(POSITION_NAMES[where]),
                        text=point_labels(part.region), textposition="top center", textfont=dict(size=9),
                        marker=dict(size=10, color=colour,
                                    symbol=[f"{symbol}-open" if u else symbol for u in part.unreliable]),
                        customdata=part.region, hovertemplate="%{customdata}: %{y:.2f}<extra></extra>")
    fig.update_layout(title=f"{_(MEASURE_NAMES[ctx.chosen['measure']])}, {ctx.chosen['option'].label(ctx.lang)}"
                            f"<br><sup>{_(PER_100K)}</sup>",
                      xaxis_title=_("Children aged 0-17"), yaxis_title=_("Rate per 100,000 children"), height=520,
                      legend=LEGEND_BELOW)
    fig.update_xaxes(type="log")
    return fig


def table(ctx: Context, shape, points: pd.DataFrame) -> pd.DataFrame:
    _ = ctx._
    return pd.DataFrame({
        _("Region"): points.region, _("Children aged 0-17"): points.children.astype(int),
        _("Events"): points.events.astype(int), _("Rate per 100,000 children"): points.rate.round(4),
        _("National rate"): round(shape.national_rate, 4),
        _("Lower 95% control limit"): points.low_95.round(4), _("Upper 95% control limit"): points.high_95.round(4),
        _("Lower 99.8% control limit"): points["low_99.8"].round(4),
        _("Upper 99.8% control limit"): points["high_99.8"].round(4),
        _("Against the 95% limits"): [_(SIDE_NAMES[p]) for p in points.position_95],
        _("Against the 99.8% limits"): [_(SIDE_NAMES[p]) for p in points["position_99.8"]],
        _("Unreliable"): points.unreliable, _("Source file"): points.source_file, _("Sheet"): points.source_sheet,
        _("Cell"): points.source_cell, _("Population file"): points.population_source_file,
        _("Population sheet"): points.population_source_sheet, _("Population cell"): points.population_source_cell})


def render(ctx: Context) -> None:
    _, c = ctx._, ctx.chosen
    st.subheader(_("Regional rates against the national rate"))
    st.caption(_("A funnel plot: each dot is a region, placed at its number of children and its rate. The lines show "
                 "how far a rate can stray from the national rate by chance alone: 95% of regions like it would fall "
                 "within the inner lines, 99.8% within the outer ones. The limits are wider for smaller regions, so a "
                 "small region is not singled out for a few events more or less."))
    shape = funnel.funnel(ctx.db, c["option"], c["measure"], c["geography"])
    if shape is None:
        st.info(_("No data for this region and period yet."))
        return
    points = shape.points.copy()
    points["region"] = [c["region_label"](code, m) for code, m in zip(points.region_code, points.merged_from)]
    points["where"] = ["beyond_998" if p998 != funnel.INSIDE else "beyond_95" if p95 != funnel.INSIDE else "inside"
                       for p95, p998 in zip(points.position_95, points["position_99.8"])]
    chart_block(partial(figure, ctx, shape, points), table(ctx, shape, points), key="funnel", lang=ctx.lang,
                figure_key=figure_cache.content_key("funnel", shape.curve, shape.national_rate, points, c["measure"],
                                                    c["option"].label(ctx.lang)),
                sources=joined_sources(points.sources), period=c["option"].label(ctx.lang),
                illustrative=bool(points.illustrative.any()), provisional=bool(points.provisional.any()),
                file_name=f"suicides_funnel_{c['measure']}_{c['geography']}_{c['option'].key}.csv")
    outside = points[points["where"] != "inside"]
    if outside.empty:
        st.caption(_("Every region lies within the 95% limits: the differences between regions are no larger than "
                     "chance alone would give."))
    else:
        st.caption(_("Beyond the limits: {regions}. A point beyond the limits is a reason to look closer, not a "
                     "verdict.", regions=ctx.names_list(outside.region)))
    st.caption(_("Open symbols are rates from fewer than {threshold} events.", threshold=stats.UNRELIABLE_BELOW))
