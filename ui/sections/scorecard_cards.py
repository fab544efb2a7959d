"""The scorecard of one place: a card a row per indicator (baseline, latest with its interval,
target, status, a labelled sparkline with the tested change, source), headers repeated on phones."""
from __future__ import annotations

import pandas as pd
import plotly.graph_objects as go
import streamlit as st

from core.periods import Period
from metrics import methodology, scorecard, stats
from ui import charts, figure_cache, indicator_display as show, notices, phone, plain
from ui.page import Context

WIDTHS = [3.0, 1.5, 2.1, 2.0, 2.0, 2.0, 1.9]


def label(ctx: Context, period: Period | None) -> str:
    return period.label(ctx.lang) if period is not None else "—"


def trend_words(ctx: Context, indicator, row) -> str:
    if row.change is None:
        return show.trend_text(None, ctx.lang)
    words = show.verdict_text(indicator, row.change, ctx.lang, label(ctx, row.previous_period),
                              label(ctx, row.latest_period))
    tested = show.change_text(indicator, row.change, ctx.lang) if row.change.low is not None else ""
    return f"{words}: {tested}" if tested else words


def sparkline(ctx: Context, indicator, row) -> None:
    """The region's comparable figures, oldest first, with the first and last values written on the
    line and the period covered under it; padded axes so that no marker or label is cut off."""
    lang = ctx.lang
    history = scorecard.history(ctx.chosen["frame"], indicator, ctx.chosen["place"], row.latest_period)
    if history.empty:
        st.caption("—")
        return
    periods = [label(ctx, scorecard.period_of(h)) for h in history.itertuples()]
    values = history.value.astype(float).tolist()
    colour = show.STATUS_STYLE[row.status][0] if row.status in (stats.MET, stats.ON_TRACK, stats.OFF_TRACK) \
        else charts.OKABE_ITO[0]
    texts = [""] * len(values)
    texts[0] = show.value_text(indicator, values[0], lang)
    texts[-1] = show.value_text(indicator, values[-1], lang)
    positions = ["top right"] + ["top center"] * (len(values) - 2) + ["top left"] if len(values) > 1 else ["top center"]

    def build() -> go.Figure:
        fig = go.Figure(go.Scatter(x=list(range(len(values))), y=values, mode="lines+markers+text", text=texts,
                                   textposition=positions, textfont=dict(size=11, color="#000000"), cliponaxis=False,
                                   line=dict(color=charts.OKABE_ITO[0], width=2),
                                   marker=dict(size=[5] * (len(values) - 1) + [9], color=colour),
                                   customdata=periods, hovertemplate="%{customdata}: %{y}<extra></extra>"))
        low, high = min(values), max(values)
        pad = (high - low) * 0.25 or abs(high) * 0.1 or 1.0
        fig.update_layout(height=78, showlegend=False)
        fig.update_xaxes(visible=False, range=[-0.4, len(values) - 0.6])
        fig.update_yaxes(visible=False, range=[low - pad, high + pad * 2.2])
        fig = charts.style(fig, lang)
        fig.update_layout(margin=dict(l=4, r=4, t=4, b=4))
        return fig

    # What the line draws is all the key needs: the same history gives the same figure in every session.
    fig = figure_cache.kept(("sparkline", tuple(values), tuple(texts), tuple(periods), colour, lang), build)
    st.plotly_chart(fig, config={**charts.CONFIG, "displayModeBar": False, "staticPlot": True},
                    key=f"spark_{indicator.id}",
                    alt=ctx._("Trend of {indicator}: {values}", indicator=indicator.name(lang),
                              values="; ".join(f"{p} {show.value_text(indicator, v, lang)}"
                                               for p, v in zip(periods, history.value))))
    st.caption(periods[0] if len(periods) == 1 else f"{periods[0]} – {periods[-1]}")


def card(ctx: Context, indicator, row, heads: list[str]) -> None:
    _, lang = ctx._, ctx.lang
    cols = st.columns(WIDTHS, vertical_alignment="center")
    for column, head in zip(cols[1:], heads[1:]):
        phone.header(column, head)
    cols[0].markdown(f"**{indicator.name(lang)}**", help=indicator.definition(lang))
    cols[0].caption(indicator.unit(lang))
    if row.baseline_value is None or pd.isna(row.baseline_value):
        cols[1].markdown("—")
    else:
        cols[1].markdown(show.value_text(indicator, row.baseline_value, lang))
        cols[1].caption(label(ctx, row.baseline_period))
    if row.latest_period is None:
        cols[2].markdown("—")
        cols[2].caption(_("No figure reported"))
    else:
        cols[2].markdown(f"**{show.value_text(indicator, row.latest_value, lang, unreliable=row.unreliable)}**")
        details = [label(ctx, row.latest_period)]
        if row.ci_low is not None and not pd.isna(row.ci_low):
            interval = show.interval_text(indicator, row.ci_low, row.ci_high, lang, row.latest_value)
            details.append(_("{confidence}% CI {interval}", confidence=methodology.percent(), interval=interval))
        cols[2].caption(" · ".join(details))
    if row.target_value is None or pd.isna(row.target_value):
        cols[3].markdown("—")
        cols[3].caption(_("No target") if indicator.target_value is None else _("National target only"))
    else:
        cols[3].markdown(show.value_text(indicator, row.target_value, lang))
        cols[3].caption(_("by {deadline} · {kind}", deadline=show.date_text(row.target_deadline, lang),
                          kind=show.target_status_text(row.target_status, lang)))
    cols[4].markdown(show.status_badge(row.status, lang), unsafe_allow_html=True)
    with cols[5]:
        sparkline(ctx, indicator, row)
        st.caption(trend_words(ctx, indicator, row))
    cols[6].caption(indicator.text("sources", lang), help=plain.escape(row.sources) if row.sources else None)
    if row.illustrative:
        cols[6].caption(_("⚠️ illustrative"))


def render(ctx: Context) -> None:
    _, c = ctx._, ctx.chosen
    st.header(_("Scorecard: {place}", place=c["names"][c["place"]]))
    rows = scorecard.rows(c["frame"], c["catalogue"], c["place"])
    heads = [_("Indicator"), _("Baseline"), _("Latest"), _("Target"), _("Status"), _("Trend"), _("Source")]
    with st.container(key="grid_head"):
        for column, head in zip(st.columns(WIDTHS), heads):
            column.markdown(f"**{head}**")
    for row in rows.itertuples():
        with st.container(border=True):
            card(ctx, c["by_id"][row.indicator_id], row, heads)
    if rows.unreliable.any():
        st.caption(_(show.UNRELIABLE_NOTE, threshold=stats.UNRELIABLE_BELOW))
    notices.source_caption(ctx.lang, sources=c["agencies"], period=_("the latest available for each indicator"),
                           illustrative=bool(rows.illustrative.any()), provisional=bool(rows.provisional.any()))
    c["rows"] = rows
