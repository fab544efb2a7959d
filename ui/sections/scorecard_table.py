"""The scorecard as a table, and its downloads with values, interval limits and flags in columns."""
from __future__ import annotations

import pandas as pd
import streamlit as st

from metrics import methodology
from ui import chart_block, indicator_display as show
from ui.page import Context
from ui.sections.scorecard_cards import label, trend_words


def shown(ctx: Context, rows: pd.DataFrame) -> pd.DataFrame:
    _, lang, by_id = ctx._, ctx.lang, ctx.chosen["by_id"]
    out = []
    for row in rows.itertuples():
        indicator = by_id[row.indicator_id]
        known = {k: getattr(row, k) is not None and not pd.isna(getattr(row, k))
                 for k in ("baseline_value", "ci_low", "target_value")}
        out.append({
            _("Indicator"): indicator.name(lang),
            _("Unit"): indicator.unit(lang),
            _("Baseline"): show.value_text(indicator, row.baseline_value, lang) if known["baseline_value"] else "—",
            _("Baseline period"): label(ctx, row.baseline_period),
            _("Latest"): show.value_text(indicator, row.latest_value, lang, unreliable=row.unreliable)
            if row.latest_period is not None else "—",
            _("Period"): label(ctx, row.latest_period),
            _("{confidence}% CI", confidence=methodology.percent()):
                show.interval_text(indicator, row.ci_low, row.ci_high, lang, row.latest_value) if known["ci_low"] else "",
            _("Target"): show.value_text(indicator, row.target_value, lang) if known["target_value"] else "—",
            _("Deadline"): show.date_text(row.target_deadline, lang) if row.target_deadline is not None else "—",
            _("Target type"): show.target_status_text(row.target_status, lang),
            _("Status"): show.status_text(row.status, lang),
            _("Trend"): trend_words(ctx, indicator, row),
            _("Source"): indicator.text("sources", lang),
            _("Files"): row.sources,
        })
    return pd.DataFrame(out)


def exported(ctx: Context, rows: pd.DataFrame) -> pd.DataFrame:
    """The scorecard for the files: values, interval limits and flags in columns of their own."""
    _, lang, confidence = ctx._, ctx.lang, methodology.percent()
    found = [ctx.chosen["by_id"][i] for i in rows.indicator_id]
    return pd.DataFrame({
        _("Indicator"): [i.name(lang) for i in found], _("Unit"): [i.unit(lang) for i in found],
        _("Baseline"): rows.baseline_value, _("Baseline period"): [label(ctx, p) for p in rows.baseline_period],
        _("Latest"): rows.latest_value, _("Period"): [label(ctx, p) for p in rows.latest_period],
        _("Lower {confidence}% limit", confidence=confidence): rows.ci_low,
        _("Upper {confidence}% limit", confidence=confidence): rows.ci_high,
        _("Unreliable"): rows.unreliable, _("Target"): rows.target_value,
        _("Deadline"): [d.isoformat() if d is not None and not pd.isna(d) else None for d in rows.target_deadline],
        _("Target type"): [show.target_status_text(t, lang) for t in rows.target_status],
        _("Status"): [show.status_text(t, lang) for t in rows.status],
        _("Trend"): [show.trend_text(t, lang) for t in rows.trend],
        _("Source"): [i.text("sources", lang) for i in found], _("Files"): rows.sources})


def render(ctx: Context) -> None:
    _, c = ctx._, ctx.chosen
    rows = c["rows"]
    with st.expander(_("Scorecard as a table")):
        chart_block.wide_table(shown(ctx, rows), key="scorecard_table")
        chart_block.downloads(exported(ctx, rows), chart_block.export_info(
            title=f'{_("CP indicators")}: {c["names"][c["place"]]}', lang=ctx.lang, sources=c["agencies"],
            period=_("the latest available for each indicator"), illustrative=bool(rows.illustrative.any()),
            provisional=bool(rows.provisional.any())), key="scorecard",
            stem=f"cp_scorecard_{c['place']}_{c['geography']}")
