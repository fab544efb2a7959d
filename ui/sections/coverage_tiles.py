"""Any indicator on the tile map of the 20 regions, for one period: graded against the nation where
it is a rate, shaded by size where it is a count; withheld values of the public edition as "x"."""
from __future__ import annotations

import pandas as pd
import streamlit as st

from metrics import citations, coverage, grading, methodology, stats, suppression
from metrics.catalogue import load_catalogue
from ui import indicator_display as show, notices, permalink, tilemap
from ui import suppression as hidden_counts
from ui.chart_block import chart_block
from ui.page import Context

DEFAULT_INDICATOR = "psc_specialists_per_10k"
SUICIDE_INDICATORS = {"suicide_rate", "attempt_rate"}  # the page then shows where to get help


def choose(ctx: Context) -> None:
    """The indicator and period, kept in ``ctx.chosen`` for the boundary map too."""
    _ = ctx._
    indicator_ids = coverage.indicator_ids(ctx.db)
    ctx.require(indicator_ids)
    catalogue = {i.id: i for i in load_catalogue()}
    left, right = st.columns(2)
    indicator_id = permalink.selectbox(_("Indicator"), indicator_ids, key="indicator", default=DEFAULT_INDICATOR,
                                       format_func=lambda i: catalogue[i].name(ctx.lang), container=left)
    options = coverage.period_options(ctx.db, indicator_id)
    period_key = permalink.selectbox(_("Period"), list(options), key="period",
                                     format_func=lambda k: options[k].label(ctx.lang), container=right)
    ctx.chosen.update(indicator=catalogue[indicator_id], period_key=period_key,
                      period_label=options[period_key].label(ctx.lang))


def regional_frame(ctx: Context, indicator, period_key: str) -> pd.DataFrame:
    lang, unit = ctx.lang, indicator.unit(ctx.lang)
    regional = coverage.regional(ctx.db, indicator.id, period_key)
    regional["region"] = regional[f"name_{lang}"]
    regional["shown"] = [show.value_text(indicator, None if pd.isna(v) else float(v), lang,
                                         unreliable=bool(u) if not pd.isna(u) else False)
                         for v, u in zip(regional.value, regional.unreliable)]
    if "suppressed" in regional:  # the public edition withholds a value computed from a hidden count: "x"
        regional["shown"] = [suppression.SECONDARY_MARK if isinstance(h, str) else s
                             for s, h in zip(regional.shown, regional.suppressed)]
    regional["status_text"] = [show.status_text(s, lang) if isinstance(s, str) else "" for s in regional.status]
    regional["tile_label"] = [f"{name}<br><b>{value}</b>" for name, value in
                              zip(tilemap.short_names(regional.region), regional.shown)]
    regional["hover"] = [f"<b>{name}</b><br>{value} {unit}" + (f"<br>{status}" if indicator.scored and status else "")
                         for name, value, status in zip(regional.region, regional.shown, regional.status_text)]
    return regional


def graded(ctx: Context, indicator, regional: pd.DataFrame, period_key: str) -> list:
    """Adds each region's grade against the nation; returns the grading scale."""
    nation = coverage.national(ctx.db, indicator.id, period_key)
    if nation is not None and not pd.isna(nation.value):
        st.metric(ctx._("Kazakhstan"), f"{show.value_text(indicator, float(nation.value), ctx.lang)} "
                                      f"{indicator.unit(ctx.lang)}")
    nation_value = None if nation is None or pd.isna(nation.value) else float(nation.value)
    scale = grading.scale(indicator)
    regional["grade"] = grading.grades(indicator, regional, nation_value) if indicator.is_rate else grading.NO_DATA
    regional["grade_code"] = [scale.index(g) for g in regional.grade]
    regional["grade_text"] = [show.grade_text(g, ctx.lang) if indicator.is_rate else "" for g in regional.grade]
    regional["hover"] = [f"{h}<br>{g}" if g else h for h, g in zip(regional.hover, regional.grade_text)]
    return scale


def captions(ctx: Context, indicator, scale, regional: pd.DataFrame) -> None:
    _ = ctx._
    if indicator.is_rate:
        st.markdown(show.grade_legend(scale, ctx.lang), unsafe_allow_html=True)
        st.caption(_("The colours are the same for every indicator and period: each region against the national "
                     "figure, by its {confidence}% interval where the indicator has one. Rates from fewer than "
                     "{threshold} events are grey and not graded: chance alone moves them too much.",
                     confidence=methodology.percent(), threshold=stats.UNRELIABLE_BELOW))
    else:
        st.caption(_("A count is shaded by its size on a scale from zero; where the indicator has a direction, darker "
                     "is worse. A region's count is not set against the nation's."))
    st.caption(_("Each square is one region, placed roughly where it lies; every region gets the same size, so small "
                 "regions read as clearly as large ones. A square without a value has no figure for this period."))
    if regional.unreliable.fillna(False).astype(bool).any():
        st.caption(_(show.UNRELIABLE_NOTE, threshold=stats.UNRELIABLE_BELOW))
    hidden_counts.legend(ctx.lang, suppression.threshold(ctx.db), regional)


def render(ctx: Context) -> None:
    _ = ctx._
    st.header(_("Indicators by region"))
    choose(ctx)
    indicator, period_key, period_label = (ctx.chosen[k] for k in ("indicator", "period_key", "period_label"))
    if indicator.id in SUICIDE_INDICATORS:
        notices.helpline(ctx.lang)
    unit = indicator.unit(ctx.lang)
    regional = regional_frame(ctx, indicator, period_key)
    scale = graded(ctx, indicator, regional, period_key)
    values = regional.value.dropna()
    # A fixed scale from zero (never stretched between the lowest and highest region), darker where worse.
    zmin, zmax = 0.0, (float(values.max()) if not values.empty else None)
    if indicator.is_rate:
        fig = tilemap.tile_map(regional, value="grade_code", label="tile_label", hover="hover",
                               categorical={i: (show.GRADE_STYLE[g][0], show.grade_text(g, ctx.lang))
                                            for i, g in enumerate(scale)})
    else:  # a count of a region is not set against the nation's count: shaded by size only
        fig = tilemap.tile_map(regional, value="value", label="tile_label", hover="hover",
                               colorscale=tilemap.LIGHT_SCALE, reversescale=indicator.direction == "higher",
                               zmin=zmin, zmax=zmax, colorbar_title=unit)
    fig.update_layout(title=dict(text=f"{indicator.name(ctx.lang)}<br><sup>{period_label}</sup>", font=dict(size=14)))
    table = ctx.by_name(regional)
    chart_block(fig, pd.DataFrame({
        _("Region"): table.region, _("Value"): table.value.round(3), _("Unit"): unit,
        _("Numerator"): table.numerator, _("Denominator"): table.denominator, _("Status"): table.status_text,
        _("Against Kazakhstan"): table.grade_text, _("Source file"): table.sources,
    }), key="tilemap", lang=ctx.lang,
        sources=notices.cite(ctx.lang, citations.sources_of(indicator), citations.received(ctx.db)),
        period=period_label, illustrative=bool(regional.illustrative.fillna(False).any()),
        provisional=bool(regional.provisional.fillna(False).any()),
        file_name=f"coverage_{indicator.id}_{period_key}.csv")
    captions(ctx, indicator, scale, regional)
    ctx.chosen.update(regional=regional, zmin=zmin, zmax=zmax)
