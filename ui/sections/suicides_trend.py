"""The national trend of suicides and attempts by year, as counts or rates with intervals, with the
policy events marked at their date."""
from __future__ import annotations

import pandas as pd
import plotly.graph_objects as go
import streamlit as st

from core.periods import month_range
from metrics import events, methodology, stats, suicides
from ui import charts, figure_cache, indicator_display as show
from ui.chart_block import chart_block
from ui.page import Context
from ui.sections.suicides_choices import LEGEND_BELOW, MEASURE_NAMES, PER_100K, joined_sources


def event_date(ctx: Context, event: events.PolicyEvent) -> str:
    if event.precision == events.MONTH:
        return month_range(event.day.year, event.day.month, event.day.month).label(ctx.lang)
    return show.date_text(event.day, ctx.lang)


def mark_events(ctx: Context, fig: go.Figure, years: list[int]) -> list[events.PolicyEvent]:
    """Dotted lines at the policy events within the years of a category axis (one slot per year,
    1 January at its left edge), numbered at the top; the caption under the chart names them."""
    shown = events.in_years(years)
    fig.update_xaxes(range=[-0.5, len(years) - 0.5])
    for number, event in enumerate(shown, 1):
        x = years.index(event.day.year) - 0.5 + event.year_fraction()
        fig.add_shape(type="line", xref="x", yref="paper", x0=x, x1=x, y0=0, y1=1,
                      line=dict(color=charts.OKABE_ITO[7], width=1, dash="dot"))
        fig.add_annotation(x=x, y=1, xref="x", yref="paper", text=str(number), showarrow=False, yanchor="bottom",
                           font=dict(size=12), bgcolor="#FFFFFF", bordercolor=charts.OKABE_ITO[7], borderwidth=1,
                           hovertext=f"{ctx._(event.label)}, {event_date(ctx, event)}")
    return shown


def figure(ctx: Context, trend: pd.DataFrame, rates: bool) -> go.Figure:
    _ = ctx._
    fig = go.Figure()
    for measure in suicides.MEASURES:
        part, name, colour = trend[trend.measure == measure], _(MEASURE_NAMES[measure]), charts.MEASURE_COLOURS[measure]
        if rates:
            fig.add_scatter(x=part.year.astype(str), y=part.rate, name=name, mode="markers+lines",
                            marker=dict(color=colour, size=10,
                                        symbol=["circle-open" if u else "circle" for u in part.unreliable]),
                            line=dict(color=colour, width=1),
                            error_y=dict(type="data", symmetric=False, array=(part.ci_high - part.rate).tolist(),
                                         arrayminus=(part.rate - part.ci_low).tolist(), visible=True),
                            hovertemplate="%{x}: %{y:.2f}<extra>" + name + "</extra>")
        else:
            fig.add_bar(x=part.year.astype(str), y=part.value, name=name, text=part.value, marker_color=colour)
    return fig


def table(ctx: Context, trend: pd.DataFrame, rates: bool) -> pd.DataFrame:
    _ = ctx._
    common = {_("Year"): trend.year.astype(int), _("Measure"): [_(MEASURE_NAMES[m]) for m in trend.measure]}
    if not rates:
        return pd.DataFrame({**common, _("Cases"): trend.value.astype(int),
                             _("Regions reporting"): trend.regions_reporting.astype(int),
                             _("Source files"): trend.sources})
    return pd.DataFrame({
        **common, _("Rate per 100,000 children"): trend.rate.round(4),
        _("Lower {confidence}% limit", confidence=methodology.percent()): trend.ci_low.round(4),
        _("Upper {confidence}% limit", confidence=methodology.percent()): trend.ci_high.round(4),
        _("Events"): trend.events.astype(int), _("Children aged 0-17"): trend.children.astype(int),
        _("Unreliable"): trend.unreliable, _("Source files"): trend.sources})


def render(ctx: Context) -> None:
    _, rates = ctx._, ctx.chosen["rates"]
    st.header(_("National trend by year"))
    trend = suicides.annual_rates(ctx.db) if rates else suicides.annual_trend(ctx.db)
    if trend.empty:
        st.info(_("No figures for a full year yet."))
        return
    years = sorted({int(y) for y in trend.year})

    def build() -> go.Figure:
        fig = figure(ctx, trend, rates)
        fig.update_xaxes(type="category", categoryorder="array", categoryarray=[str(y) for y in years])
        fig.update_layout(barmode="group", xaxis_title=_("Year"), legend=LEGEND_BELOW,
                          yaxis_title=_(PER_100K) if rates else _("Number of cases"))
        mark_events(ctx, fig, years)
        return fig

    shown = events.in_years(years)  # the events mark_events draws
    chart_block(build, table(ctx, trend, rates), key="trend", lang=ctx.lang, title=_("National trend by year"),
                figure_key=figure_cache.content_key("national_trend", trend, rates, tuple(shown)),
                sources=joined_sources(trend.sources), period=f"{min(years)}-{max(years)}",
                illustrative=bool(trend.illustrative.any()), provisional=bool(trend.provisional.any()),
                file_name=f"suicides_national_{ctx.chosen['unit']}.csv")
    if shown:
        listed = "; ".join(f"{n}: {_(e.label)} ({event_date(ctx, e)})" for n, e in enumerate(shown, 1))
        st.caption(_("Dotted lines mark policy events at their date within the year. {events}.", events=listed))
    if rates:
        st.caption(_("Bars around each rate show its {confidence}% confidence interval; open dots are rates from "
                     "fewer than {threshold} events.", confidence=methodology.percent(),
                     threshold=stats.UNRELIABLE_BELOW))
