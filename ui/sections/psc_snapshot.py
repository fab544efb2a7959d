"""The PSC network by region on one snapshot date: national totals, authorised and filled positions,
children per specialist and the specialist mix."""
from __future__ import annotations

from datetime import date
from functools import partial

import pandas as pd
import plotly.graph_objects as go
import streamlit as st

from core.periods import snapshot as snapshot_period
from i18n import N_
from metrics import psc
from ui import bars, charts, figure_cache, permalink
from ui.chart_block import chart_block
from ui.page import Context

# Source lines cite the sources of these indicators of the catalogue.
SOURCE_NETWORK, SOURCE_WORKLOAD = "psc_positions_filled_pct", "psc_specialists_per_10k"
COLOURS = charts.OKABE_ITO
KIND_NAMES = {
    "specialists_psychologist": N_("Psychologists"),
    "specialists_social_pedagogue": N_("Social pedagogues"),
    "specialists_lawyer": N_("Lawyers"),
    "specialists_crisis_psychologist": N_("Crisis psychologists"),
    "specialists_other": N_("Other specialists"),
}


def alphabetical(ctx: Context, frame: pd.DataFrame) -> pd.DataFrame:
    """Regions in the reader's alphabetical order, the first at the top of a horizontal bar chart."""
    frame["region"] = frame[f"name_{ctx.lang}"]
    return ctx.by_name(frame)[::-1]


def positions(ctx: Context, as_of: date, label: str) -> None:
    _, count = ctx._, ctx.count
    st.subheader(_("Authorised and filled positions"))
    frame = alphabetical(ctx, psc.positions(ctx.db, as_of))
    if frame[["positions_authorised", "positions_filled"]].isna().all().all():
        st.info(_("No positions were reported on this date."))
        return

    def build() -> go.Figure:
        fig = go.Figure()
        # In a horizontal group the first trace is drawn lowest: filled below authorised in every region.
        fig.add_bar(y=frame.region, x=frame.positions_filled, orientation="h", name=_("Filled positions"),
                    marker=dict(color=COLOURS[0]), text=[count(v) for v in frame.positions_filled],
                    textposition="outside")
        fig.add_bar(y=frame.region, x=frame.positions_authorised, orientation="h", name=_("Authorised positions"),
                    marker=dict(color="#FFFFFF", line=dict(color=COLOURS[0], width=1.5)),
                    text=[count(v) for v in frame.positions_authorised], textposition="outside")
        fig.update_layout(barmode="group", legend_traceorder="reversed", title=label, xaxis_title=_("Positions"),
                          height=40 * len(frame) + 140, legend=dict(orientation="h", y=-0.08))
        return fig

    table = pd.DataFrame({
        _("Region"): frame.region,
        _("Authorised positions"): frame.positions_authorised.astype("Int64"),
        _("Filled positions"): frame.positions_filled.astype("Int64"),
        _("Vacancies"): frame.vacancies.astype("Int64"),
        _("Filled, %"): frame.filled_pct.round(1),
        _("Source file"): frame.source_file,
    })[::-1]
    drawn = frame[["region", "positions_filled", "positions_authorised"]]
    chart_block(build, table, key="positions", lang=ctx.lang, figure_key=figure_cache.content_key("positions", drawn), title=_("Authorised and filled positions"),
                sources=ctx.cite(SOURCE_NETWORK), period=label, illustrative=bool(frame.illustrative.any()),
                file_name=f"psc_positions_{as_of.isoformat()}.csv")


def workload(ctx: Context, as_of: date, label: str) -> None:
    _, count = ctx._, ctx.count
    st.subheader(_("Children per specialist"))
    frame = psc.children_per_specialist(ctx.db, as_of)
    frame["region"] = frame[f"name_{ctx.lang}"]
    drawn = frame.dropna(subset=["children_per_specialist"]).sort_values("children_per_specialist")
    if drawn.empty:
        st.info(_("No region had both specialists and a known child population on this date."))
    else:
        fig = partial(bars.by_region, drawn.region, drawn.children_per_specialist, name=_("Children per specialist"),
                      text=[count(v) for v in drawn.children_per_specialist], title=label,
                      xaxis=dict(title=_("Children aged 0-17 per specialist"), tickformat=",d"))
        table = pd.DataFrame({
            _("Region"): drawn.region,
            _("Children aged 0-17"): drawn.children.astype("Int64"),
            _("Specialists"): drawn.specialists.astype("Int64"),
            _("Children per specialist"): drawn.children_per_specialist.round(0).astype("Int64"),
        })[::-1]
        chart_block(fig, table, key="workload", lang=ctx.lang, figure_key=figure_cache.content_key(
                        "workload", drawn[["region", "children_per_specialist"]]), title=_("Children per specialist"),
                    sources=ctx.cite(SOURCE_WORKLOAD), period=label, illustrative=bool(drawn.illustrative.any()),
                    file_name=f"psc_children_per_specialist_{as_of.isoformat()}.csv")
        st.caption(_("The most children per specialist at the top. Children are counted on 1 January of the "
                     "snapshot's year."))
    left_out = frame[frame.children_per_specialist.isna()]
    if not left_out.empty:
        st.caption(_("Not shown (no specialists reported): {regions}.", regions=ctx.names_list(left_out.region)))


def mix(ctx: Context, as_of: date, label: str) -> None:
    _ = ctx._
    st.subheader(_("Specialists by kind"))
    wide = psc.specialist_mix_by_region(ctx.db, as_of)
    kinds = [k for k in psc.KINDS if k in wide]
    if wide.empty or wide[kinds].fillna(0).to_numpy().sum() == 0:
        st.info(_("No specialists by kind were reported on this date."))
        return
    wide = alphabetical(ctx, wide)

    def build() -> go.Figure:
        fig = go.Figure()
        for n, kind in enumerate(kinds):
            fig.add_bar(y=wide.region, x=wide[kind], orientation="h", name=_(KIND_NAMES[kind]),
                        marker=dict(color=COLOURS[n % len(COLOURS)]))
        fig.update_layout(barmode="stack", title=label, xaxis_title=_("Specialists"), height=28 * len(wide) + 160,
                          legend=dict(orientation="h", y=-0.08))
        return fig

    table = pd.DataFrame({_("Region"): wide.region, **{_(KIND_NAMES[k]): wide[k].astype("Int64") for k in kinds}})[::-1]
    chart_block(build, table, key="mix", lang=ctx.lang,
                figure_key=figure_cache.content_key("mix", wide[["region", *kinds]]), title=_("Specialists by kind"),
                sources=ctx.cite(SOURCE_NETWORK), period=label, illustrative=bool(wide.illustrative.any()),
                file_name=f"psc_specialist_mix_{as_of.isoformat()}.csv")


def render(ctx: Context) -> None:
    _, count = ctx._, ctx.count
    st.header(_("Regions on one date"))

    def label_of(key: str) -> str:
        return snapshot_period(date.fromisoformat(key)).label(ctx.lang)

    keys = [d.isoformat() for d in psc.snapshots(ctx.db)]
    as_of = date.fromisoformat(permalink.selectbox(_("Snapshot date"), keys, key="as_of", format_func=label_of))
    label = label_of(as_of.isoformat())
    totals = psc.national_staff(ctx.db, as_of)
    columns = st.columns(4)
    columns[0].metric(_("Regions with a centre"), count(totals.get("centres")))
    columns[1].metric(_("Specialists"), count(totals.get("specialists")))
    columns[2].metric(_("Authorised positions"), count(totals.get("positions_authorised")))
    columns[3].metric(_("Filled positions"), count(totals.get("positions_filled")))
    for part in (positions, workload, mix):
        part(ctx, as_of, label)
