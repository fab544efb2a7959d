"""Every region's status on the indicators a region is judged on: a heat-map (grey and ungraded
where a rate rests on fewer than 20 events), the same cells as a table, and their downloads."""
from __future__ import annotations

import pandas as pd
import plotly.graph_objects as go
import streamlit as st

from core.periods import Period
from metrics import indicators, methodology, scorecard, stats, suppression
from ui import chart_block, charts, indicator_display as show, notices, phone
from ui import suppression as hidden_counts
from ui.page import Context
from ui.sections.scorecard_cards import label

UNRELIABLE_CELL = "unreliable"
# A rate from fewer than 20 events is never coloured by its status: it gets the grey "unreliable" cell.
CELL_KINDS = [*show.STATUS_ORDER, UNRELIABLE_CELL]
CELL_STYLE = {**show.STATUS_STYLE, UNRELIABLE_CELL: show.UNRELIABLE_STYLE}


def withheld(ctx: Context, grid: pd.DataFrame) -> list[str | None]:
    """Each cell's mark where the region has no published figure but the public edition withholds
    one ("<5" or "x", of its latest withheld period); None elsewhere."""
    frame = ctx.chosen["frame"]
    if "suppressed" not in frame:
        return [None] * len(grid)
    hidden = frame[frame.suppressed.notna()].sort_values("period_end").drop_duplicates(
        ["indicator_id", "region_code"], keep="last").set_index(["indicator_id", "region_code"]).suppressed
    limit = suppression.threshold(ctx.db)
    return [suppression.mark(hidden.get((r.indicator_id, r.region_code)), limit) if pd.isna(r.value) else None
            for r in grid.itertuples()]


def cell_text(ctx: Context, row) -> str:
    indicator = ctx.chosen["by_id"][row.indicator_id]
    if pd.isna(row.value):
        return row.mark if isinstance(row.mark, str) else show.status_text(row.status, ctx.lang)
    value = show.value_text(indicator, row.value, ctx.lang, unreliable=bool(row.unreliable))
    period = label(ctx, Period(row.period_start, row.period_end, row.period_kind))
    if bool(row.unreliable):
        return f"{show.unreliable_text(ctx.lang)}: {value} ({period})"
    return f"{show.status_text(row.status, ctx.lang)}: {value} ({period})"


def figure(ctx: Context, grid: pd.DataFrame, order: list[str], columns) -> tuple[go.Figure, dict]:
    by_id = ctx.chosen["by_id"]
    grid["mark"] = withheld(ctx, grid)
    grid["text"] = [cell_text(ctx, r) for r in grid.itertuples()]
    grid["kind"] = [UNRELIABLE_CELL if bool(r.unreliable) and not pd.isna(r.value) else r.status
                    for r in grid.itertuples()]
    grid["short"] = [r.mark if isinstance(r.mark, str) else f"{CELL_STYLE[r.kind][2]} " + (
        show.value_text(by_id[r.indicator_id], r.value, ctx.lang) if not pd.isna(r.value) else "")
        for r in grid.itertuples()]
    grid["code"] = [CELL_KINDS.index(k) for k in grid.kind]
    ids = [i.id for i in columns]
    matrix = {f: grid.pivot(index="region_code", columns="indicator_id", values=f).reindex(index=order, columns=ids)
              for f in ("code", "short", "text")}
    steps = len(CELL_KINDS) - 1
    colourscale = []
    for i, kind in enumerate(CELL_KINDS):
        colour = CELL_STYLE[kind][0]
        colourscale += [[max(0.0, (i - 0.5) / steps), colour], [min(1.0, (i + 0.5) / steps), colour]]
    heat = go.Figure(go.Heatmap(
        z=matrix["code"].values.tolist(), x=[i.name(ctx.lang) for i in columns],
        y=[ctx.chosen["names"][c] for c in order], text=matrix["short"].values.tolist(),
        texttemplate="%{text}", customdata=matrix["text"].values.tolist(), zmin=0, zmax=steps,
        colorscale=colourscale, showscale=False, xgap=2, ygap=2, textfont=dict(color="#000000"),
        hovertemplate="%{y}<br>%{x}<br>%{customdata}<extra></extra>"))
    heat.update_layout(height=30 * len(order) + 220, yaxis=dict(autorange="reversed"),
                       xaxis=dict(side="top", tickangle=-30))
    return heat, matrix


def exported(ctx: Context, grid: pd.DataFrame) -> pd.DataFrame:
    """One row per region and indicator, the value apart from its status."""
    _, by_id, names, confidence = ctx._, ctx.chosen["by_id"], ctx.chosen["names"], methodology.percent()
    return pd.DataFrame({
        _("Region"): [names[c] for c in grid.region_code], _("Indicator"): [by_id[i].name(ctx.lang) for i in grid.indicator_id],
        _("Status"): [show.status_text(t, ctx.lang) for t in grid.status], _("Value"): grid.value,
        _("Unit"): [by_id[i].unit(ctx.lang) for i in grid.indicator_id],
        _("Lower {confidence}% limit", confidence=confidence): grid.ci_low,
        _("Upper {confidence}% limit", confidence=confidence): grid.ci_high, _("Unreliable"): grid.unreliable,
        _("Period"): [label(ctx, Period(r.period_start, r.period_end, r.period_kind)) if not pd.isna(r.value) else None
                      for r in grid.itertuples()]})


def render(ctx: Context) -> None:
    _, c = ctx._, ctx.chosen
    st.header(_("Status by region"))
    st.caption(_("Regions are judged on rates and shares only; counts have national targets. Each cell shows the "
                 "latest figure of the region."))
    grid = scorecard.grid(c["frame"], c["catalogue"],
                          scorecard.regions_shown([r.code for r in c["regions"]], c["geography"]))
    columns = scorecard.grid_indicators(c["catalogue"])
    if grid.empty or not columns:
        st.info(_("No indicator has a target that regions can be judged on."))
        return
    order = [indicators.NATION] + [r.code for r in c["regions"] if r.code in set(grid.region_code)]
    heat, matrix = figure(ctx, grid, order, columns)
    legend = " ".join(show.status_badge(s, ctx.lang) for s in show.STATUS_ORDER) + " " + show.unreliable_badge(ctx.lang)
    shown = pd.DataFrame({_("Region"): [c["names"][code] for code in order]})
    for indicator in columns:
        shown[indicator.name(ctx.lang)] = matrix["text"][indicator.id].tolist()
    chart_tab, table_tab = st.tabs([_("Chart"), _("Table")])
    with chart_tab:
        with st.container(key="wide_status_heatmap"):  # on a phone: the cells as cards, a region each
            st.plotly_chart(charts.style(heat, ctx.lang), config=charts.CONFIG, key="status_heatmap",
                            alt=_("Status of every region on every indicator judged regionally; the Table tab lists "
                                  "the same cells."))
        phone.cards(shown)
        st.markdown(legend, unsafe_allow_html=True)
    with table_tab:
        chart_block.wide_table(shown, key="status_table")
    chart_block.downloads(exported(ctx, grid), chart_block.export_info(
        title=_("Status by region"), lang=ctx.lang, sources=c["agencies"],
        period=_("the latest available for each indicator"), illustrative=bool(grid.illustrative.any()),
        provisional=bool(grid.provisional.any())), key="status", stem=f"cp_status_by_region_{c['geography']}")
    if grid.unreliable.any():
        st.caption(_(show.UNRELIABLE_NOTE, threshold=stats.UNRELIABLE_BELOW))
    if grid["mark"].notna().any():
        st.caption(_(hidden_counts.LEGEND, threshold=suppression.threshold(ctx.db),
                     below=suppression.threshold(ctx.db) - 1))
    files = sorted({f for s in grid.sources if s for f in s.split(", ")})
    notices.source_caption(ctx.lang, sources=", ".join(files) or "—", period=_("the latest available for each region"),
                           illustrative=bool(grid.illustrative.any()), provisional=bool(grid.provisional.any()))
