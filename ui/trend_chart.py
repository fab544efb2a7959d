"""A region's indicator over time against the nation (``metrics.trends.Trend``): the chart, its
table and the verdict in words, the same on the Region profile and the PSC page."""
from __future__ import annotations

import pandas as pd
import plotly.graph_objects as go

from core.periods import Period
from i18n import N_, translate
from metrics import methodology, stats
from metrics.trends import Trend
from ui import charts, figure_cache, indicator_display as show

PLACE_COLOURS = {"region": charts.OKABE_ITO[5], "nation": charts.OKABE_ITO[7]}
TARGET_COLOUR = charts.OKABE_ITO[2]
_LATEST = N_("{place}, {period}: {value}.")
_AGAINST = N_("Kazakhstan: {value}; the region is {verdict}.")
_CHANGE = N_("Change: {change}; {verdict}.")
_NO_EARLIER = N_("No comparable earlier figure to judge a change by.")


def _label(row, lang: str) -> str:
    return Period(row.period_start, row.period_end, row.period_kind).label(lang)


def figure(trend: Trend, lang: str, names: dict[str, str]) -> go.Figure:
    """Lines for the region and the nation with their intervals as error bars (open markers for
    unreliable rates) and the straight path to the target, dotted."""
    indicator = trend.indicator
    fig = go.Figure()
    for place in ("nation", "region"):
        rows = trend.rows[trend.rows.place == place]
        if rows.empty:
            continue
        has_ci = rows.ci_low.notna().any()
        fig.add_scatter(
            x=[e.isoformat() for e in rows.period_end], y=rows.value.tolist(), mode="lines+markers", name=names[place],
            line=dict(color=PLACE_COLOURS[place], dash="solid" if place == "region" else "dash", width=2),
            marker=dict(size=9, color=PLACE_COLOURS[place],
                        symbol=["circle-open" if u else "circle" for u in rows.unreliable]),
            error_y=dict(type="data", symmetric=False, visible=True, thickness=1.2,
                         array=(rows.ci_high - rows.value).astype(float).tolist(),
                         arrayminus=(rows.value - rows.ci_low).astype(float).tolist()) if has_ci else None,
            customdata=[_label(r, lang) for r in rows.itertuples()],
            hovertemplate="%{customdata}: %{y}<extra>" + names[place] + "</extra>")
    if not trend.path.empty:
        fig.add_scatter(x=[d.isoformat() for d in trend.path.date], y=trend.path.value.tolist(), mode="lines+markers",
                        name=translate(N_("Straight path to the target"), lang),
                        line=dict(color=TARGET_COLOUR, dash="dot", width=2),
                        marker=dict(symbol="diamond", size=8, color=TARGET_COLOUR),
                        hovertemplate="%{x|%Y-%m-%d}: %{y}<extra></extra>")
    # Each period is labelled at its own point ("2024", "January-September 2025"), not by calendar ticks.
    first_rows = trend.rows.drop_duplicates("period").sort_values("period_end")
    ends = first_rows.period_end.tolist()
    fig.update_layout(title=dict(text=f"{indicator.name(lang)}<br><sup>{indicator.unit(lang)}</sup>",
                                 font=dict(size=13)),
                      height=330, legend=dict(orientation="h", y=-0.18, x=0),
                      xaxis=dict(type="date", tickvals=[e.isoformat() for e in ends],
                                 ticktext=[_label(r, lang) for r in first_rows.itertuples()]),
                      yaxis=dict(rangemode="tozero"))
    fig = charts.style(fig, lang)
    fig.update_layout(margin=dict(l=10, r=10, t=60, b=10))
    return fig


def figure_key(trend: Trend, lang: str, names: dict[str, str]):
    """All that ``figure`` draws, as a key of ui.figure_cache; None when a value cannot be keyed."""
    indicator = trend.indicator
    return figure_cache.content_key("trend", trend.rows, trend.path, indicator.name(lang), indicator.unit(lang),
                                    tuple(sorted(names.items())), lang)


def table(trend: Trend, lang: str, names: dict[str, str]) -> pd.DataFrame:
    """Exactly what the chart draws, with translated column names and the source files."""
    indicator, rows = trend.indicator, trend.rows
    ci = translate(N_("{confidence}% CI"), lang, confidence=methodology.percent())

    def shown(value) -> str:
        return "" if value is None or pd.isna(value) else show.value_text(indicator, float(value), lang)

    return pd.DataFrame({
        translate(N_("Place"), lang): [names[p] for p in rows.place],
        translate(N_("Period"), lang): [_label(r, lang) for r in rows.itertuples()],
        translate(N_("Value"), lang): [shown(v) for v in rows.value],
        ci: [show.interval_text(indicator, lo, hi, lang, v) if not pd.isna(lo) else ""
             for lo, hi, v in zip(rows.ci_low, rows.ci_high, rows.value)],
        translate(N_("Unreliable (fewer than {threshold} events)"), lang, threshold=stats.UNRELIABLE_BELOW): [
            translate(N_("yes"), lang) if u else "" for u in rows.unreliable],
        translate(N_("Expected on the straight path to the target"), lang): [shown(v) for v in rows.on_path],
        translate(N_("Source file"), lang): rows.sources.tolist(),
    })


def verdict(trend: Trend, lang: str, region_name: str) -> str:
    """One or two sentences: the latest figure, how it stands against Kazakhstan, and its change."""
    indicator, row = trend.indicator, trend.latest
    parts = [translate(_LATEST, lang, place=region_name, period=_label(row, lang),
                       value=show.value_text(indicator, float(row.value), lang, unreliable=bool(row.unreliable)))]
    if trend.against_nation is not None and trend.nation_value is not None:
        parts.append(translate(_AGAINST, lang, value=show.value_text(indicator, trend.nation_value, lang),
                               verdict=show.against_nation_text(trend.against_nation, lang)))
    if trend.change is None or trend.previous is None:
        parts.append(translate(_NO_EARLIER, lang))
    else:
        words = show.verdict_text(indicator, trend.change, lang, _label(trend.previous, lang), _label(row, lang))
        parts.append(translate(_CHANGE, lang,
                               change=show.change_text(indicator, trend.change, lang), verdict=words))
    return " ".join(parts)
