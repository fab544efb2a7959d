"""The latest part-year against the same months a year earlier, one metric a measure."""
from __future__ import annotations

import pandas as pd
import streamlit as st

from metrics import methodology, suicides
from ui import formats, indicator_display as show, notices
from ui.page import Context
from ui.sections.suicides_choices import MEASURE_NAMES, joined_sources, rate_text


def render(ctx: Context) -> None:
    _, lang, rates = ctx._, ctx.lang, ctx.chosen["rates"]
    st.header(_("Year to date, compared with the same months a year earlier"))
    latest = ctx.chosen["options"][0]
    previous = suicides.PeriodOption(latest.year - 1, latest.month_from, latest.month_to)
    if rates:
        current = suicides.rate_comparisons(ctx.db, latest)
    else:
        comparison = suicides.comparisons(ctx.db)
        current = comparison[(comparison.year == latest.year) & (comparison.month_to == latest.month_to)]
    if current.empty:
        st.info(_("No figures for the same months of the previous year: no comparison is made."))
        return
    versus = _("vs {period}", period=previous.label(lang))
    for column, row in zip(st.columns(len(current)), current.itertuples()):
        if rates:
            value = rate_text(ctx, row.rate) + (f" {show.UNRELIABLE_MARK}" if row.unreliable else "")
            change = ("+" if row.change > 0 else "-" if row.change < 0 else "") + rate_text(ctx, abs(row.change))
            column.metric(_("{measure} per 100,000 children, {period}", measure=_(MEASURE_NAMES[row.measure]),
                            period=latest.label(lang)), value, delta=f"{change} {versus}", delta_color="off",
                          delta_arrow="off" if round(row.change, 2) == 0 else "auto",
                          help=_("{confidence}% confidence interval: {low} to {high}", confidence=methodology.percent(),
                                 low=rate_text(ctx, row.ci_low), high=rate_text(ctx, row.ci_high)))
        else:
            column.metric(f"{_(MEASURE_NAMES[row.measure])}, {latest.label(lang)}", formats.integer(row.value, lang),
                          delta=formats.signed(row.change, lang) + " " + versus, delta_color="off",
                          delta_arrow="off" if row.change == 0 else "auto")
    sources = current.sources if rates else pd.concat([current.sources, current.sources_previous])
    notices.source_caption(lang, sources=joined_sources(sources), period=latest.label(lang),
                           illustrative=bool(current.illustrative.any()), provisional=bool(current.provisional.any()))
