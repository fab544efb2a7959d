"""School psychologists against the norm for one school year: national figures, pupils per
psychologist by region (with the norm line) and the share of schools meeting the norm (with the target)."""
from __future__ import annotations

import pandas as pd
import plotly.graph_objects as go
import streamlit as st

from metrics import schools
from metrics.catalogue import load_catalogue
from ui import bars, charts, formats, indicator_display as show, permalink
from ui.chart_block import chart_block
from ui.page import Context

SOURCE, TARGET = "pupils_per_psychologist", "schools_meeting_norm_pct"
COLOURS = charts.OKABE_ITO


def block(ctx: Context, fig: go.Figure, drawn: pd.DataFrame, columns: dict, *, key: str, title: str, period: str,
          file_name: str) -> None:
    """The chart with its table (the region, ``columns`` of the rows from the top bar down, the source
    file) and downloads."""
    ordered = drawn[::-1]
    table = pd.DataFrame({ctx._("Region"): ordered.region, **{name: get(ordered) for name, get in columns.items()},
                          ctx._("Source file"): ordered.source_file})
    chart_block(fig, table, key=key, lang=ctx.lang, title=title, sources=ctx.cite(SOURCE), period=period,
                illustrative=bool(drawn.illustrative.any()), provisional=bool(drawn.provisional.any()),
                file_name=file_name)


def national(ctx: Context, school_year: str) -> None:
    _, count, lang = ctx._, ctx.count, ctx.lang
    nation = schools.national(ctx.db, school_year)
    columns = st.columns(3)
    columns[0].metric(_("Pupils per psychologist"), count(nation.pupils_per_psychologist))
    columns[1].metric(_("Schools meeting the norm"), count(nation.schools_meeting_norm),
                      delta=_("{share} of schools", share=formats.percent(nation.schools_meeting_norm_pct / 100, lang)),
                      delta_color="off", delta_arrow="off")
    columns[2].metric(_("Psychologists employed"), count(nation.psychologists),
                      delta=_("{share} of the positions due",
                              share=formats.percent(nation.psychologists_pct_due / 100, lang)),
                      delta_color="off", delta_arrow="off")


def pupils(ctx: Context, frame: pd.DataFrame, school_year: str, year_label: str) -> None:
    _, count, norm = ctx._, ctx.count, schools.norm()
    st.subheader(_("Pupils per psychologist"))
    drawn = frame.dropna(subset=["pupils_per_psychologist"]).sort_values("pupils_per_psychologist")
    if drawn.empty:
        st.info(_("No region reported both pupils and psychologists for this school year."))
        return
    fig = go.Figure()
    for meets, name, colour, pattern in ((True, _("Within the norm"), COLOURS[0], ""),
                                         (False, _("Above the norm"), COLOURS[5], "/")):
        part = drawn[drawn.meets_norm == meets]
        fig.add_bar(y=part.region, x=part.pupils_per_psychologist, orientation="h", name=name,
                    marker=dict(color=colour, pattern=dict(shape=pattern, fillmode="overlay", fgcolor="#FFFFFF",
                                                           fgopacity=0.6)),
                    text=[count(v) for v in part.pupils_per_psychologist],
                    textposition="inside" if meets else "outside")
    fig.add_vline(x=norm, line=dict(color=COLOURS[7], dash="dash", width=2),
                  annotation=dict(text=_("Norm: {norm}", norm=count(norm)), yanchor="bottom"))
    widest = max(float(drawn.pupils_per_psychologist.max()), norm)
    fig.update_layout(title=year_label, height=28 * len(drawn) + 160,
                      xaxis=dict(title=_("Pupils per psychologist"), range=[0, widest * 1.12]),
                      yaxis=dict(categoryorder="array", categoryarray=drawn.region.tolist()),
                      legend=dict(orientation="h", y=-0.08))
    block(ctx, fig, drawn, {
        _("Pupils"): lambda o: o.pupils.astype("Int64"),
        _("Psychologists"): lambda o: o.psychologists.astype("Int64"),
        _("Pupils per psychologist"): lambda o: o.pupils_per_psychologist.round(1),
        _("Within the norm"): lambda o: [_("yes") if m else _("no") for m in o.meets_norm],
    }, key="pupils", title=_("Pupils per psychologist"), period=year_label,
        file_name=f"pupils_per_psychologist_{school_year}.csv")
    st.caption(_("The most pupils per psychologist at the top; hatched bars are above the norm."))


def meeting_norm(ctx: Context, frame: pd.DataFrame, school_year: str, year_label: str) -> None:
    _, lang = ctx._, ctx.lang
    st.subheader(_("Schools meeting the norm"))
    drawn = frame.dropna(subset=["schools_meeting_norm_pct"]).sort_values("schools_meeting_norm_pct")
    if drawn.empty:
        st.info(_("No region reported schools meeting the norm for this school year."))
        return
    # A neutral colour: green would say "good" where every region may still be short of the target.
    fig = bars.by_region(drawn.region, drawn.schools_meeting_norm_pct, name=_("Schools meeting the norm"),
                         text=[formats.percent(v / 100, lang) for v in drawn.schools_meeting_norm_pct],
                         title=year_label, xaxis=dict(title=_("Schools meeting the norm, %"), range=[0, 105]),
                         colour=COLOURS[4])
    target = {i.id: i for i in load_catalogue()}.get(TARGET)
    if target is not None and target.target_value is not None:
        fig.add_vline(x=target.target_value, line=dict(color=COLOURS[7], dash="dash", width=2),
                      annotation=dict(text=_("Target: {value}% by {deadline}", value=ctx.count(target.target_value),
                                             deadline=show.date_text(target.target_deadline, lang)),
                                      yanchor="bottom", xanchor="right"))
    block(ctx, fig, drawn, {
        _("Schools"): lambda o: o.schools.astype("Int64"),
        _("Schools meeting the norm"): lambda o: o.schools_meeting_norm.astype("Int64"),
        _("Schools meeting the norm, %"): lambda o: o.schools_meeting_norm_pct.round(1),
    }, key="schools_norm", title=_("Schools meeting the norm"), period=year_label,
        file_name=f"schools_meeting_norm_{school_year}.csv")

def render(ctx: Context) -> None:
    _ = ctx._
    st.header(_("School psychologists against the norm of one per {norm} pupils", norm=ctx.count(schools.norm())))
    years = schools.school_years(ctx.db)
    if not years:
        st.info(_("No figures on school psychologists yet."))
        return
    school_year = permalink.selectbox(_("School year"), years, key="school_year",
                                      format_func=lambda y: schools.period_of(y).label(ctx.lang))
    year_label = schools.period_of(school_year).label(ctx.lang)
    frame = schools.by_region(ctx.db, school_year)
    frame["region"] = frame[f"name_{ctx.lang}"]
    national(ctx, school_year)
    pupils(ctx, frame, school_year, year_label)
    meeting_norm(ctx, frame, school_year, year_label)
