"""Each indicator of a region over time against the nation, as rates or shares, with intervals, the
target path and the verdict in words."""
from __future__ import annotations

from functools import partial

import streamlit as st

from core.periods import Period
from metrics import citations, methodology, stats, trends
from ui import notices, plain, trend_chart
from ui.chart_block import chart_block
from ui.page import Context


def render(ctx: Context) -> None:
    _, c, lang = ctx._, ctx.chosen, ctx.lang
    region, names = c["region"], c["names"]
    st.subheader(_("Trends against Kazakhstan"))
    st.caption(_("Each indicator over time for the region and the nation, as rates or shares, with {confidence}% "
                 "intervals and the straight path to the target; the words above each chart say how the region stands "
                 "against Kazakhstan and whether its latest change is real.", confidence=methodology.percent()))
    place_names = {"region": names[region], "nation": _("Kazakhstan")}
    received = citations.received(ctx.db)

    def label(row) -> str:
        return Period(row.period_start, row.period_end, row.period_kind).label(lang)

    for item in trends.region_trends(c["frame"], c["catalogue"], region):
        indicator = item.indicator
        st.markdown(f"**{indicator.name(lang)}**")
        st.markdown(plain.escape(trend_chart.verdict(item, lang, names[region])))
        chart_block(partial(trend_chart.figure, item, lang, place_names), trend_chart.table(item, lang, place_names),
                    key=f"trend_{indicator.id}", lang=lang, figure_key=trend_chart.figure_key(item, lang, place_names),
                    sources=notices.cite(lang, citations.sources_of(indicator), received),
                    period=f"{label(item.rows.iloc[0])} – {label(item.rows.iloc[-1])}",
                    illustrative=bool(item.rows.illustrative.any()), provisional=bool(item.rows.provisional.any()),
                    file_name=f"cp_trend_{region}_{indicator.id}.csv")
    st.caption(_("Filled dots are reliable; open dots are rates from fewer than {threshold} events.",
                 threshold=stats.UNRELIABLE_BELOW))
