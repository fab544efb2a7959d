"""National suicides and attempts by sex and by age for one period, with the public edition's
hidden counts marked."""
from __future__ import annotations

import pandas as pd
import plotly.graph_objects as go
import streamlit as st

from i18n import N_
from metrics import suicides
from ui import charts, figure_cache, formats, originals, permalink
from ui import suppression as hidden_counts
from ui.chart_block import chart_block
from ui.page import Context
from ui.sections.suicides_choices import LEGEND_BELOW, MEASURE_NAMES, joined_sources

SEX_NAMES = {"female": N_("Girls"), "male": N_("Boys")}


def chosen_period(ctx: Context) -> suicides.PeriodOption | None:
    options = suicides.breakdown_periods(ctx.db)
    if not options:
        return None
    labels = {o.key: o.label(ctx.lang) for o in options}
    if len(options) == 1:
        return options[0]
    key = permalink.selectbox(ctx._("Period of the breakdown"), list(labels), key="detail_period",
                              format_func=labels.get)
    return suicides.PeriodOption.from_key(key)


def one(ctx: Context, detail: suicides.PeriodOption, by: str, title: str, key: str) -> None:
    _, lang, limit = ctx._, ctx.lang, ctx.chosen["limit"]
    parts = suicides.breakdown(ctx.db, detail, by)
    if parts.empty:
        st.info(_("No data for this region and period yet."))
        return
    parts["label"] = [_(SEX_NAMES[g]) if by == "sex" and g in SEX_NAMES else
                      _("Aged {band}", band=g) if by == "age_group" else str(g) for g in parts.group]

    def build() -> go.Figure:
        fig = go.Figure()
        for measure in suicides.MEASURES:
            part = parts[parts.measure == measure]
            fig.add_bar(x=part.label, y=part.value.fillna(0), name=_(MEASURE_NAMES[measure]),
                        marker_color=charts.MEASURE_COLOURS[measure],
                        text=[f"{formats.integer(v, lang)} ({formats.percent(s, lang, 0)})" if pd.isna(h) else t
                              for v, s, h, t in zip(part.value, part.share, part.suppressed,
                                                    hidden_counts.texts(part.value, part.suppressed, lang, limit))])
        fig.update_layout(barmode="group", title=f"{title}, {detail.label(lang)}", yaxis_title=_("Number of cases"),
                          legend=LEGEND_BELOW)
        return fig

    table = pd.DataFrame({
        _("Group"): parts.label, _("Measure"): [_(MEASURE_NAMES[m]) for m in parts.measure],
        _("Cases"): hidden_counts.column(parts, "value", lang, limit),
        _("Share of the measure's total"): parts.share.round(4),
        _("Regions reporting"): parts.regions_reporting.astype(int), _("Source file"): parts.source_file,
        _("Sheet"): parts.source_sheet, _("Cells"): parts.source_cell})
    chart_block(build, table, key=key, lang=lang, sources=joined_sources(parts.source_file),
                figure_key=figure_cache.content_key("breakdown", parts, title, limit),
                period=detail.label(lang), illustrative=bool(parts.illustrative.any()),
                provisional=bool(parts.provisional.any()), file_name=f"suicides_{key}_{detail.key}.csv")
    hidden_counts.legend(lang, limit, parts)
    originals.for_cells(ctx.db, parts.source_file, lang, key=f"detail_{key}")


def render(ctx: Context) -> None:
    _ = ctx._
    st.header(_("By sex and age"))
    detail = chosen_period(ctx)
    if detail is None:
        st.info(_("No figures by sex and age have been loaded yet."))
        return
    several = len(suicides.breakdown_periods(ctx.db)) > 1
    st.caption(_("National counts for {period}. Shares are of each measure's total.", period=detail.label(ctx.lang))
               if several else _("National counts for {period}, the only period with figures by sex and age. Shares "
                                 "are of each measure's total.", period=detail.label(ctx.lang)))
    for by, title, key in (("sex", _("By sex"), "by_sex"), ("age_group", _("By age"), "by_age")):
        one(ctx, detail, by, title, key)
