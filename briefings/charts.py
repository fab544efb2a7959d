"""The briefing's charts as plotly figures, styled like the dashboard's (``ui.charts``).

- The spine chart, after England's Fingertips profiles: one row per indicator, the national value
  at the centre line, the grey bar the range over the regions (darker between the quartiles), and
  the region's marker coloured and shaped by how it compares, aware of which direction is better.
- The trend panel: the region and the nation over comparable periods, with the target path.
"""
from __future__ import annotations

import textwrap

import plotly.graph_objects as go
from plotly.subplots import make_subplots

from briefings import text
from briefings.content import Briefing, Line
from metrics import compare
from i18n import N_, translate
from ui import charts

BETTER, WORSE, SIMILAR, HIGHER, LOWER, NOT_COMPARED = "better", "worse", "similar", "higher", "lower", "not_compared"
# Colour and shape together, so a reader without colour vision (or a grey printout) still sees it.
MARKERS = {
    BETTER: (charts.OKABE_ITO[2], "circle"),
    SIMILAR: (charts.OKABE_ITO[1], "diamond"),
    WORSE: (charts.OKABE_ITO[5], "square"),
    HIGHER: (charts.OKABE_ITO[0], "triangle-up"),
    LOWER: (charts.OKABE_ITO[4], "triangle-down"),
    NOT_COMPARED: ("#FFFFFF", "circle"),
}
MARKER_LABELS = {
    BETTER: N_("better than the national value (statistically significant)"),
    SIMILAR: N_("not statistically different from the national value"),
    WORSE: N_("worse than the national value (statistically significant)"),
    HIGHER: N_("higher than the national value (no better or worse direction)"),
    LOWER: N_("lower than the national value (no better or worse direction)"),
    NOT_COMPARED: N_("not tested (not a rate of events, or fewer than 20 events)"),
}
RANGE_LABEL = N_("range over the regions (darker: middle half)")
NATIONAL_LABEL = N_("national value")
TARGET_PATH = N_("path to the target")
WIDTH, ROW_HEIGHT = 1000, 46
TREND_PANELS = 6


def category(line: Line) -> str:
    """How the region's marker is drawn: by its comparison with the nation and the direction."""
    result = line.versus_nation
    if result is None or line.row["unreliable"]:
        return NOT_COMPARED
    if result == compare.SIMILAR:
        return SIMILAR
    direction = line.indicator.direction
    if direction not in ("lower", "higher"):
        return HIGHER if result == compare.HIGHER else LOWER
    better = (result == compare.LOWER) == (direction == "lower")
    return BETTER if better else WORSE


def spine_lines(b: Briefing) -> list[Line]:
    # Counts are left out: a region's count is not comparable with the nation's.
    return [l for l in b.shown if l.indicator.is_rate and l.national is not None and len(l.regions) >= 2]


def _wrap(name: str, width: int = 44) -> str:
    return "<br>".join(textwrap.wrap(name, width))


def spine(b: Briefing) -> go.Figure | None:
    lines = spine_lines(b)
    if not lines:
        return None
    lang = b.lang
    fig = go.Figure()
    names = [_wrap(l.indicator.name(lang)) for l in lines]
    for n, (line, name) in enumerate(zip(lines, names)):
        centre = float(line.national.value)
        values = line.regions.value.astype(float)
        low, q1, q3, high = (float(values.quantile(q)) for q in (0, 0.25, 0.75, 1))
        half = max(centre - low, high - centre) or 1.0
        scale = lambda v: (v - centre) / half  # noqa: E731
        for start, end, colour, legend in ((low, high, "#D9D9D9", n == 0), (q1, q3, "#A6A6A6", False)):
            fig.add_trace(go.Scatter(x=[scale(start), scale(end)], y=[name, name], mode="lines",
                                     line=dict(color=colour, width=14), showlegend=legend, legendgroup="range",
                                     name=translate(RANGE_LABEL, lang), hoverinfo="skip"))
    fig.add_vline(x=0, line=dict(color="#000000", width=2))
    fig.add_trace(go.Scatter(x=[None], y=[None], mode="lines", line=dict(color="#000000", width=2),
                             name=translate(NATIONAL_LABEL, lang)))
    if not b.is_nation:
        for kind, (colour, symbol) in MARKERS.items():
            chosen = [(l, name) for l, name in zip(lines, names) if category(l) == kind]
            if not chosen:
                continue
            xs = []
            for line, _ in chosen:
                centre = float(line.national.value)
                values = line.regions.value.astype(float)
                half = max(centre - values.min(), values.max() - centre) or 1.0
                xs.append((float(line.figure.value) - centre) / half)
            fig.add_trace(go.Scatter(x=xs, y=[name for _, name in chosen], mode="markers",
                                     name=translate(MARKER_LABELS[kind], lang),
                                     marker=dict(size=15, color=colour, symbol=symbol,
                                                 line=dict(color="#000000", width=1.5))))
    fig.update_layout(width=WIDTH, height=140 + ROW_HEIGHT * len(lines), plot_bgcolor="#FFFFFF",
                      legend=dict(orientation="h", y=-0.04, yanchor="top", x=0, font=dict(size=11)),
                      xaxis=dict(range=[-1.15, 1.15], showticklabels=False, showgrid=False, zeroline=False),
                      yaxis=dict(categoryorder="array", categoryarray=names[::-1], tickfont=dict(size=11)))
    charts.style(fig, lang)
    fig.update_layout(margin=dict(l=320, r=10, t=10, b=10))
    return fig


def trend_lines(b: Briefing) -> list[Line]:
    """Indicators with at least two comparable periods, those with a target first."""
    lines = [l for l in b.shown if len(l.history) >= 2]
    lines.sort(key=lambda l: l.row["target_value"] is None)
    return lines[:TREND_PANELS]


def _target_path(line: Line) -> tuple[list, list] | None:
    ind, row = line.indicator, line.row
    if row["target_value"] is None or ind.baseline_period is None or row["baseline_value"] is None:
        return None
    return [ind.baseline_period.end, ind.target_deadline], [row["baseline_value"], ind.target_value]


def trends(b: Briefing) -> go.Figure | None:
    lines = trend_lines(b)
    if not lines:
        return None
    lang = b.lang
    rows = (len(lines) + 1) // 2
    fig = make_subplots(rows=rows, cols=2, subplot_titles=[_wrap(l.indicator.name(lang), 52) for l in lines],
                        vertical_spacing=0.22 / rows * 2, horizontal_spacing=0.1)
    place = text.place(b.region_code, lang)
    nation = text.place("KZ", lang)
    target_shown = False
    for n, line in enumerate(lines):
        r, c = n // 2 + 1, n % 2 + 1
        first = n == 0
        if not b.is_nation:
            fig.add_trace(go.Scatter(x=line.national_history.period_end, y=line.national_history.value,
                                     mode="lines+markers", name=nation, legendgroup="nation", showlegend=first,
                                     line=dict(color=charts.OKABE_ITO[7], dash="dash"),
                                     marker=dict(symbol="diamond", size=8)), row=r, col=c)
        fig.add_trace(go.Scatter(x=line.history.period_end, y=line.history.value, mode="lines+markers", name=place,
                                 legendgroup="place", showlegend=first, line=dict(color=charts.OKABE_ITO[0], width=3),
                                 marker=dict(symbol="circle", size=9)), row=r, col=c)
        path = _target_path(line)
        if path is not None:
            target_shown, was_shown = True, target_shown
            fig.add_trace(go.Scatter(x=path[0], y=path[1], mode="lines+markers", name=translate(TARGET_PATH, lang),
                                     legendgroup="target", showlegend=not was_shown,
                                     line=dict(color=charts.OKABE_ITO[2], dash="dot"),
                                     marker=dict(symbol="x", size=8)), row=r, col=c)
    fig.update_annotations(font_size=12)
    # Numeric dates only: plotly's month names are English whatever the language.
    fig.update_xaxes(tickformat="%m.%Y")
    fig.update_layout(width=WIDTH, height=300 * rows + 80, plot_bgcolor="#FFFFFF",
                      legend=dict(orientation="h", y=-0.06, yanchor="top", x=0))
    charts.style(fig, lang)
    fig.update_layout(margin=dict(l=50, r=20, t=50, b=10))
    fig.update_xaxes(showgrid=True, gridcolor="#EEEEEE")
    fig.update_yaxes(showgrid=True, gridcolor="#EEEEEE")
    return fig
