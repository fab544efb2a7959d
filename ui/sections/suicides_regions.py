"""Suicides or attempts by region for the chosen period, measure and geography: counts (hidden ones
marked) or rates with intervals, listed alphabetically, never ranked."""
from __future__ import annotations

from functools import partial

import pandas as pd
import plotly.graph_objects as go
import streamlit as st

from metrics import methodology, stats, suicides
from ui import charts, figure_cache, formats, indicator_display as show, originals
from ui import suppression as hidden_counts
from ui.chart_block import chart_block
from ui.page import Context
from ui.sections.suicides_choices import LEGEND_BELOW, MEASURE_NAMES, PER_100K, joined_sources


def rates_chart(ctx: Context, ordered: pd.DataFrame, title: str) -> go.Figure:
    _, measure = ctx._, ctx.chosen["measure"]
    chart = go.Figure()
    for flag, name in ((False, _("Reliable rate")),
                       (True, _("Unreliable: fewer than {threshold} events", threshold=stats.UNRELIABLE_BELOW))):
        part = ordered[ordered.unreliable == flag]
        if part.empty:
            continue
        chart.add_scatter(x=part.rate, y=part.region, mode="markers", name=name, orientation="h",
                          marker=dict(size=10, color=charts.MEASURE_COLOURS[measure],
                                      symbol="circle-open" if flag else "circle"),
                          error_x=dict(type="data", symmetric=False, array=(part.ci_high - part.rate).tolist(),
                                       arrayminus=(part.rate - part.ci_low).tolist(), visible=True),
                          hovertemplate="%{y}: %{x:.2f}<extra></extra>")
    chart.update_layout(title=f"{title}<br><sup>{_(PER_100K)}</sup>", xaxis_title=_("Rate per 100,000 children"),
                        height=24 * len(ordered) + 160, legend=LEGEND_BELOW,
                        yaxis=dict(categoryorder="array", categoryarray=ordered.region.tolist()))
    return chart


def rates_table(ctx: Context, shown: pd.DataFrame) -> pd.DataFrame:
    _ = ctx._
    return pd.DataFrame({
        _("Region"): shown.region, _("Rate per 100,000 children"): shown.rate.round(4),
        _("Lower {confidence}% limit", confidence=methodology.percent()): shown.ci_low.round(4),
        _("Upper {confidence}% limit", confidence=methodology.percent()): shown.ci_high.round(4),
        _("Events"): shown.events.astype(int), _("Children aged 0-17"): shown.children.astype(int),
        _("Unreliable"): shown.unreliable, _("Source file"): shown.source_file, _("Sheet"): shown.source_sheet,
        _("Cell"): shown.source_cell, _("Population file"): shown.population_source_file,
        _("Population sheet"): shown.population_source_sheet, _("Population cell"): shown.population_source_cell})


def counts_chart(ctx: Context, ordered: pd.DataFrame, title: str) -> go.Figure:
    chart = go.Figure(go.Bar(x=ordered.value.fillna(0), y=ordered.region, orientation="h",
                             text=hidden_counts.texts(ordered.value, ordered.suppressed, ctx.lang, ctx.chosen["limit"]),
                             textposition="outside", cliponaxis=False,  # a hidden count's mark shows at zero
                             marker_color=charts.MEASURE_COLOURS[ctx.chosen["measure"]]))
    chart.update_layout(title=title, xaxis_title=ctx._("Number of cases"), height=24 * len(ordered) + 120,
                        yaxis=dict(categoryorder="array", categoryarray=ordered.region.tolist()))
    return chart


def counts_table(ctx: Context, shown: pd.DataFrame) -> pd.DataFrame:
    _ = ctx._
    return shown[["region", "value", "source_file", "source_sheet", "source_cell"]].assign(
        value=hidden_counts.column(shown, "value", ctx.lang, ctx.chosen["limit"])).rename(columns={
            "region": _("Region"), "value": _("Cases"), "source_file": _("Source file"),
            "source_sheet": _("Sheet"), "source_cell": _("Cell")})


def render(ctx: Context) -> None:
    _, lang, rates, c = ctx._, ctx.lang, ctx.chosen["rates"], ctx.chosen
    option, measure, geography, label = c["option"], c["measure"], c["geography"], c["region_label"]
    regional = suicides.regional_by_geography(ctx.db, option, measure, geography)
    regional["region"] = [label(code, m) for code, m in zip(regional.region_code, regional.merged_from)]
    alphabetical = {name: i for i, name in enumerate(sorted(regional.region, key=lambda n: formats.sort_key(n, lang)))}
    st.caption(_("Regions are listed alphabetically, not ranked: small counts vary by chance from year to year."))
    if rates:
        shown = suicides.regional_rates(ctx.db, option, measure, geography)
        shown["region"] = [label(code, m) for code, m in zip(shown.region_code, shown.merged_from)]
    else:
        shown = regional[regional.value.notna() | regional.suppressed.notna()]
    if shown.empty:
        st.info(_("No data for this region and period yet."))
        return
    ordered = shown.sort_values("region", ascending=False, key=lambda s: s.map(alphabetical))
    title = f"{_(MEASURE_NAMES[measure])}, {option.label(lang)}"
    chart = partial(rates_chart if rates else counts_chart, ctx, ordered, title)
    drawn = ordered[["region", "rate", "ci_low", "ci_high", "unreliable"] if rates else ["region", "value", "suppressed"]]
    table = rates_table(ctx, shown) if rates else counts_table(ctx, shown)
    files = joined_sources(shown.sources if rates else shown.source_file)
    chart_block(chart, table, key="regions", lang=lang, sources=files, period=option.label(lang),
                figure_key=figure_cache.content_key("regions", drawn, title, measure, c["limit"]),
                illustrative=bool(shown.illustrative.any()), provisional=bool(shown.provisional.any()),
                file_name=f"suicides_regions_{measure}_{c['unit']}_{geography}_{option.key}.csv")
    originals.for_cells(ctx.db, [*shown.source_file, *shown.get("population_source_file", [])], lang, key="regions")
    if rates and shown.unreliable.any():
        st.caption(_(show.UNRELIABLE_NOTE, threshold=stats.UNRELIABLE_BELOW))
    hidden_counts.legend(lang, c["limit"], regional)
