"""Specialists of the PSC over time against the target path: the chosen region against the nation
per 10,000 children, then the national count."""
from __future__ import annotations

from functools import partial

import pandas as pd
import plotly.graph_objects as go
import streamlit as st

from core.periods import snapshot as snapshot_period
from metrics import indicators, psc, trends
from metrics.catalogue import indicator
from ui import charts, plain, trend_chart
from ui.chart_block import chart_block
from ui.indicator_display import date_text
from ui.page import Context

REGIONAL_TREND, NATIONAL = "psc_specialists_per_10k", "psc_specialists"
COLOURS = charts.OKABE_ITO


def regional(ctx: Context, region_code: str) -> None:
    _, names = ctx._, ctx.chosen["region_names"]
    trend = trends.region_trend(indicators.values(ctx.db), indicator(REGIONAL_TREND), region_code)
    if trend is None:
        st.info(_("No specialists reported from {place} yet.", place=names[region_code]))
        return
    st.caption(_("A region is set against the nation per 10,000 children, never as a count beside the "
                 "national count."))
    st.markdown(plain.escape(trend_chart.verdict(trend, ctx.lang, names[region_code])))
    trend_names = {"region": names[region_code], "nation": _("Kazakhstan")}
    chart_block(partial(trend_chart.figure, trend, ctx.lang, trend_names), trend_chart.table(trend, ctx.lang, trend_names),
                key="specialists_region", lang=ctx.lang, figure_key=trend_chart.figure_key(trend, ctx.lang, trend_names), sources=ctx.cite(REGIONAL_TREND),
                period=f"{date_text(trend.rows.period_end.min(), ctx.lang)} – "
                       f"{date_text(trend.rows.period_end.max(), ctx.lang)}",
                illustrative=bool(trend.rows.illustrative.any()),
                file_name=f"psc_specialists_per_10k_{region_code}.csv")


def national_figure(ctx: Context, over: pd.DataFrame, path: pd.DataFrame) -> go.Figure:
    _, count = ctx._, ctx.count

    def label(day) -> str:
        return snapshot_period(day).label(ctx.lang)

    fig = go.Figure()
    fig.add_scatter(x=[d.isoformat() for d in over.as_of], y=over.specialists.tolist(), mode="lines+markers+text",
                    name=_("Specialists"), text=[count(v) for v in over.specialists], textposition="top left",
                    hovertext=[f"{label(d)}: {count(v)}" for d, v in zip(over.as_of, over.specialists)],
                    hoverinfo="text", marker=dict(color=COLOURS[0], size=9), line=dict(color=COLOURS[0]))
    if not path.empty:
        fig.add_scatter(x=[d.isoformat() for d in path.date], y=path.value.tolist(), mode="lines+markers",
                        name=_("Straight path to the target"), line=dict(color=COLOURS[1], dash="dash"),
                        marker=dict(symbol="diamond", color=COLOURS[1], size=9),
                        hovertext=[f"{label(d)}: {count(v)}" for d, v in zip(path.date, path.value)],
                        hoverinfo="text")
    fig.update_layout(xaxis=dict(title=_("Snapshot date"), type="date", tickformat="%Y-%m"),
                      yaxis=dict(title=_("Specialists"), rangemode="tozero"), legend=dict(orientation="h", y=-0.2))
    return fig


def render(ctx: Context) -> None:
    _, lang, count = ctx._, ctx.lang, ctx.count
    st.header(_("Specialists over time, against the target"))
    if ctx.chosen["region_code"] is not None:
        regional(ctx, ctx.chosen["region_code"])
        st.subheader(_("Kazakhstan"))
    over, target = psc.specialists_over_time(ctx.db), indicator(NATIONAL)
    table = pd.DataFrame({
        _("Snapshot date"): [d.isoformat() for d in over.as_of],
        _("Specialists"): over.specialists.astype("Int64"),
        _("Expected on the straight path to the target"): over.target_path.round(0).astype("Int64"),
        _("Source file"): over.sources,
    })
    chart_block(national_figure(ctx, over, psc.target_path(ctx.db)), table, key="specialists", lang=lang,
                title=_("Specialists over time, against the target"), sources=ctx.cite(NATIONAL),
                period=f"{date_text(over.as_of.iloc[0], lang)} – {date_text(over.as_of.iloc[-1], lang)}",
                illustrative=bool(over.illustrative.any()), file_name="psc_specialists.csv")
    if target.target_value is not None and target.target_deadline is not None and target.baseline_period is not None:
        st.caption(_("The dashed line runs from {baseline} specialists ({baseline_date}) to the target of {target} "
                     "by {deadline}.", baseline=count(target.baseline_value),
                     baseline_date=date_text(target.baseline_period.end, lang), target=count(target.target_value),
                     deadline=date_text(target.target_deadline, lang)))
