"""Horizontal bars, one per region: the figure several sections draw for a value by region."""
from __future__ import annotations

import plotly.graph_objects as go

from ui.charts import OKABE_ITO


def by_region(regions, values, *, name: str, text, title: str, xaxis: dict, colour: str = OKABE_ITO[0],
              extra_height: int = 140) -> go.Figure:
    """One bar a region, in the order given (the first at the bottom), 28 px a bar."""
    fig = go.Figure(go.Bar(y=regions, x=values, orientation="h", marker=dict(color=colour), text=text, name=name))
    fig.update_layout(title=title, xaxis=xaxis, height=28 * len(regions) + extra_height)
    return fig
