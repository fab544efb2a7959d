"""The main CP indicators at a glance: a tile each with the latest figure, its change on the
comparable earlier period, the tested verdict and the status against the target."""
from __future__ import annotations

import pandas as pd
import streamlit as st

from core.periods import SNAPSHOT
from metrics import methodology, overview, stats
from ui import formats, indicator_display as show, notices
from ui.page import Context

TILES_PER_ROW = 3


def period_text(ctx: Context, row) -> str:
    period = overview.period_of(row)
    return show.date_text(period.start, ctx.lang) if period.kind == SNAPSHOT else period.label(ctx.lang)


def value_text(ctx: Context, indicator, value: float) -> str:
    return formats.number(value, ctx.lang, show.decimals(indicator, value))


def change_text(ctx: Context, indicator, change: float, reference: float) -> str:
    places = show.decimals(indicator, abs(reference))
    rounded = round(change, places)
    sign = "+" if rounded > 0 else "-" if rounded < 0 else ""
    return sign + formats.number(abs(rounded), ctx.lang, places)


def details(ctx: Context, item: overview.Tile) -> list[str]:
    _, indicator, row = ctx._, item.indicator, item.latest
    out = [f"{indicator.unit(ctx.lang)} · {period_text(ctx, row)}"]
    if not pd.isna(row.ci_low):
        out.append(_("{confidence}% CI {interval}", confidence=methodology.percent(),
                     interval=show.interval_text(indicator, row.ci_low, row.ci_high, ctx.lang, row.value)))
    if item.change is None:
        out.append(_("No comparable earlier figure"))
    if indicator.target_value is not None:
        out.append(_("Target {value} by {deadline}", value=value_text(ctx, indicator, indicator.target_value),
                     deadline=show.date_text(indicator.target_deadline, ctx.lang)))
    return out


def tile(ctx: Context, container, item: overview.Tile) -> None:
    _, lang, indicator = ctx._, ctx.lang, item.indicator
    with container.container(border=True):
        # The name above the figure wraps; a metric's own label would be cut short on narrow tiles.
        st.markdown(f"**{indicator.name(lang)}**", help=indicator.definition(lang))
        if item.latest is None:
            st.metric(indicator.name(lang), "—", label_visibility="collapsed")
            st.markdown(show.status_badge(stats.NO_DATA, lang), unsafe_allow_html=True)
            st.caption(_("No figure reported"))
            return
        row = item.latest
        value = value_text(ctx, indicator, row.value) + (f" {show.UNRELIABLE_MARK}" if row.unreliable else "")
        delta, arrow = None, "auto"
        if item.change is not None:
            delta = _("{change} vs {period}", change=change_text(ctx, indicator, item.change, row.value),
                      period=period_text(ctx, item.previous))
            arrow = "off" if round(item.change, show.decimals(indicator, abs(row.value))) == 0 else "auto"
        # Grey deltas: whether a rise is good depends on the indicator; the status badge says it in words.
        st.metric(indicator.name(lang), value, delta=delta, delta_color="off", delta_arrow=arrow,
                  label_visibility="collapsed")
        st.markdown(show.status_badge(item.status, lang), unsafe_allow_html=True)
        st.caption(" · ".join(details(ctx, item)))
        if item.tested is not None:
            verdict = show.verdict_text(indicator, item.tested, lang, period_text(ctx, item.previous),
                                        period_text(ctx, row))
            tested = show.change_text(indicator, item.tested, lang)
            st.markdown(f"{verdict}" + (f": {tested}" if item.tested.low is not None else ""))
        if item.newer is not None:
            newer = _("Newer part-year: {value} in {period}", period=period_text(ctx, item.newer),
                      value=value_text(ctx, indicator, item.newer.value))
            if item.newer_change is not None:
                newer += " " + _("({change} vs {period})", period=period_text(ctx, item.newer_previous),
                                 change=change_text(ctx, indicator, item.newer_change, item.newer.value))
            st.caption(newer)
        if item.illustrative:
            st.caption(_("⚠️ illustrative"))


def render(ctx: Context) -> None:
    _ = ctx._
    tiles = overview.tiles(ctx.db)
    st.header(_("Headline indicators"))
    if not tiles:
        st.info(_("No headline indicator is in the catalogue."))
        return
    for start in range(0, len(tiles), TILES_PER_ROW):
        for column, item in zip(st.columns(TILES_PER_ROW), tiles[start:start + TILES_PER_ROW]):
            tile(ctx, column, item)
    st.caption(_("Status compares the latest figure with a straight path from the baseline to the target; a missing "
                 "figure is never counted as off track. A part-year is compared with the same months a year "
                 "earlier, a snapshot or school year with the one before it."))
    if any(t.latest is not None and bool(t.latest.unreliable) for t in tiles):
        st.caption(_(show.UNRELIABLE_NOTE, threshold=stats.UNRELIABLE_BELOW))
    agencies = dict.fromkeys(part for t in tiles for part in t.indicator.text("sources", ctx.lang).split("; "))
    notices.source_caption(ctx.lang, sources="; ".join(agencies), period=_("the latest available for each indicator"),
                           illustrative=any(t.illustrative for t in tiles),
                           provisional=any(t.provisional for t in tiles))
