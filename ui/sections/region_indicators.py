"""A region's indicators beside the nation and the regions most alike, for the same period, with
intervals; the files keep value, limits and flags in columns of their own."""
from __future__ import annotations

import pandas as pd
import streamlit as st

from core.periods import Period
from metrics import indicators, methodology, peers, stats, suppression
from ui import chart_block, indicator_display as show, notices
from ui import suppression as hidden_counts
from ui.page import Context


def period_label(ctx: Context, row) -> str:
    return Period(row.period_start, row.period_end, row.period_kind).label(ctx.lang)


def cell(ctx: Context, indicator, row) -> str:
    if pd.isna(row.value):  # a value the public edition withholds shows its mark, never a blank
        return suppression.mark(row.suppressed if isinstance(row.suppressed, str) else None,
                                ctx.chosen["limit"]) or "—"
    text = show.value_text(indicator, row.value, ctx.lang, unreliable=bool(row.unreliable))
    if not pd.isna(row.ci_low):
        text += f" ({show.interval_text(indicator, row.ci_low, row.ci_high, ctx.lang, row.value)})"
    return text


def shown(ctx: Context, comparison: pd.DataFrame, places: list[str]) -> pd.DataFrame:
    _, c = ctx._, ctx.chosen
    table = []
    for indicator_id, part in comparison.groupby("indicator_id", sort=False):
        indicator = c["by_id"][indicator_id]
        part = part.set_index("region_code")
        entry = {_("Indicator"): indicator.name(ctx.lang), _("Period"): period_label(ctx, part.iloc[0])}
        for code in places:
            entry[c["names_with_nation"][code]] = cell(ctx, indicator, part.loc[code])
        entry[_("Status of the region")] = show.status_text(part.loc[c["region"], "status"], ctx.lang)
        table.append(entry)
    return pd.DataFrame(table)


def exported(ctx: Context, comparison: pd.DataFrame) -> pd.DataFrame:
    _, by_id, confidence = ctx._, ctx.chosen["by_id"], methodology.percent()
    return pd.DataFrame({
        _("Indicator"): [by_id[i].name(ctx.lang) for i in comparison.indicator_id],
        _("Unit"): [by_id[i].unit(ctx.lang) for i in comparison.indicator_id],
        _("Period"): [period_label(ctx, row) for row in comparison.itertuples()],
        _("Region"): [ctx.chosen["names_with_nation"][c] for c in comparison.region_code],
        _("Value"): comparison.value, _("Lower {confidence}% limit", confidence=confidence): comparison.ci_low,
        _("Upper {confidence}% limit", confidence=confidence): comparison.ci_high,
        _("Unreliable"): comparison.unreliable, _("Numerator"): comparison.numerator,
        _("Denominator"): comparison.denominator,
        _("Status"): [show.status_text(s, ctx.lang) for s in comparison.status],
        _("Source files"): comparison.sources})


def render(ctx: Context) -> None:
    _, c = ctx._, ctx.chosen
    region = c["region"]
    comparison = peers.comparison(c["frame"], c["catalogue"], region, c["peers"])
    c["limit"] = suppression.threshold(ctx.db)
    table = shown(ctx, comparison, [region, indicators.NATION, *c["peers"]])
    st.subheader(_("Indicators beside the nation and the most alike regions"))
    if table.empty:
        st.info(_("No data for this region and period yet."))
        st.stop()
    chart_block.wide_table(table, key="profile_table")
    agencies = "; ".join(dict.fromkeys(part for i in dict.fromkeys(comparison.indicator_id)
                                       for part in c["by_id"][i].text("sources", ctx.lang).split("; ")))
    period = _("the region's latest period for each indicator")
    chart_block.downloads(exported(ctx, comparison), chart_block.export_info(
        title=f'{_("Indicators beside the nation and the most alike regions")}: {c["names"][region]}', lang=ctx.lang,
        sources=agencies, period=period, illustrative=bool(comparison.illustrative.fillna(False).any()),
        provisional=bool(comparison.provisional.fillna(False).any())), key="profile", stem=f"cp_region_profile_{region}")
    if comparison.unreliable.any():
        st.caption(_(show.UNRELIABLE_NOTE, threshold=stats.UNRELIABLE_BELOW))
    st.caption(_("Values in brackets are {confidence}% confidence intervals.", confidence=methodology.percent()))
    hidden_counts.legend(ctx.lang, c["limit"], comparison)
    c.update(agencies=agencies, comparison=comparison)


def sources(ctx: Context) -> None:
    """The profile's source line, under its trends."""
    c = ctx.chosen
    notices.source_caption(ctx.lang, sources=c["agencies"], period=ctx._("the region's latest period for each indicator"),
                           illustrative=bool(c["comparison"].illustrative.any()),
                           provisional=bool(c["comparison"].provisional.any()))
