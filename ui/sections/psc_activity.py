"""The centres' monthly activity for the chosen place: consultations, cases, referrals in and out;
hidden counts of the public edition marked along the axis and in the table."""
from __future__ import annotations

from functools import partial

import pandas as pd
import plotly.graph_objects as go
import streamlit as st

from i18n import N_
from metrics import psc, suppression
from ui import charts, figure_cache
from ui import suppression as hidden_counts
from ui.chart_block import chart_block
from ui.page import Context

SOURCE = "psc_cases_bullying_share"  # its sources are the monthly activity reports
COLOURS = charts.OKABE_ITO
SYMBOLS = ["circle", "square", "diamond", "triangle-up", "x"]
MEASURE_NAMES = {
    "consultations_in_person": N_("In person"),
    "consultations_online": N_("Online"),
    "consultations_group": N_("Group"),
    "consultations_family": N_("Family"),
    "cases_bullying": N_("Bullying"),
    "cases_cyberbullying": N_("Cyberbullying"),
    "cases_violence_family": N_("Violence in the family"),
    "cases_violence_outside": N_("Violence outside the family"),
    "cases_suicidal": N_("Suicidal behaviour"),
    "referrals_in_school": N_("From schools"),
    "referrals_in_111": N_("From the 111 contact centre"),
    "referrals_in_police": N_("From the police"),
    "referrals_in_parents": N_("From parents"),
    "referrals_in_self": N_("Children who came themselves"),
    "referrals_out_police": N_("To the police"),
    "referrals_out_health": N_("To health services"),
    "referrals_out_guardianship": N_("To guardianship authorities"),
}
GROUPS = {  # group: (header, value axis title, chart type)
    "consultations": (N_("Consultations by form"), N_("Consultations"), "bar"),
    "cases": (N_("Cases by issue"), N_("Cases"), "line"),
    "referrals_in": (N_("Referrals to the centres"), N_("Referrals"), "bar"),
    "referrals_out": (N_("Referrals from the centres to other services"), N_("Referrals"), "bar"),
}


def figure(ctx: Context, group: str, frame: pd.DataFrame, limit: int) -> go.Figure:
    _, (axis_title, kind) = ctx._, GROUPS[group][1:]
    months = sorted(frame.period.unique())
    fig = go.Figure()
    for n, measure in enumerate(m for m in psc.ACTIVITY_GROUPS[group] if m in set(frame.measure)):
        part = frame[frame.measure == measure].set_index("period").reindex(months)
        name, colour = _(MEASURE_NAMES[measure]), COLOURS[n % len(COLOURS)]
        if kind == "line":
            fig.add_scatter(x=months, y=part.value.tolist(), mode="lines+markers", name=name,
                            line=dict(color=colour), marker=dict(symbol=SYMBOLS[n % len(SYMBOLS)], color=colour))
        else:
            fig.add_bar(x=months, y=part.value.tolist(), name=name, marker=dict(color=colour))
    hidden = frame[frame.suppressed.notna()]
    if not hidden.empty:  # the hidden months' marks, along the axis: there is no figure to draw
        marks = hidden.assign(mark=hidden_counts.texts(hidden.value, hidden.suppressed, ctx.lang, limit))
        by_month = marks.groupby("period").mark.agg(" ".join)
        fig.add_scatter(x=by_month.index.tolist(), y=[0] * len(by_month), mode="text", text=by_month.tolist(),
                        textposition="top center", name=_("Not shown: see the note under the table"),
                        hoverinfo="skip")
    fig.update_layout(barmode="stack", xaxis=dict(title=_("Month"), type="category"),
                      yaxis=dict(title=_(axis_title), tickformat=",d"), title=ctx.chosen["place_names"][ctx.chosen["region"]])
    return fig


def render(ctx: Context) -> None:
    _, region = ctx._, ctx.chosen["region"]
    place = ctx.chosen["place_names"][region]
    st.header(_("Monthly activity"))
    frames = {group: psc.activity_by_month(ctx.db, group, ctx.chosen["region_code"]) for group in GROUPS}
    limit = suppression.threshold(ctx.db)
    if all(frame.empty for frame in frames.values()):
        st.info(_("No monthly activity reports from {place} yet.", place=place))
        return
    if ctx.chosen["region_code"] is None:
        st.caption(_("National totals add up the centres that reported each month; centres opened at different "
                     "times, so early months count fewer centres (see the table)."))
    for group, (header, _axis, _kind) in GROUPS.items():
        frame = frames[group]
        st.subheader(_(header))
        if frame.empty:
            st.info(_("No figures of this kind reported from {place} yet.", place=place))
            continue
        months = sorted(frame.period.unique())
        table = pd.DataFrame({
            _("Month"): frame.period,
            _("Measure"): [_(MEASURE_NAMES[m]) for m in frame.measure],
            _("Value"): hidden_counts.column(frame, "value", ctx.lang, limit),
            _("Centres reporting"): frame.centres_reporting.astype("Int64"),
        })
        chart_block(partial(figure, ctx, group, frame, limit), table, key=f"activity_{group}", lang=ctx.lang,
                    figure_key=figure_cache.content_key("psc_activity", frame, limit, place),
                    title=f"{_(header)}, {place}", sources=ctx.cite(SOURCE), period=f"{months[0]} – {months[-1]}",
                    illustrative=bool(frame.illustrative.any()), file_name=f"psc_{group}_{region}.csv")
        hidden_counts.legend(ctx.lang, limit, frame)
