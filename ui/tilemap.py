"""A tile map of the 20 regions: one equal square per region, laid out roughly as on a map.

Licence-clean (no boundary data) and fair to small regions, which a choropleth would shrink to
specks. Drawn as a plotly heatmap over the tile grid, so nothing is fetched from outside.
"""
from __future__ import annotations

import numpy as np
import pandas as pd
import plotly.graph_objects as go


def tile_map(frame: pd.DataFrame, *, value: str, label: str, hover: str, colorscale="Cividis",
             zmin=None, zmax=None, colorbar_title: str = "", categorical: dict | None = None) -> go.Figure:
    """``frame`` has tile_row, tile_col, a numeric ``value`` column, a short ``label`` per tile and
    a ``hover`` text. With ``categorical`` ({code: (colour, name)}) the values are category codes."""
    rows, cols = int(frame.tile_row.max()) + 1, int(frame.tile_col.max()) + 1
    z = np.full((rows, cols), np.nan)
    text = np.full((rows, cols), "", dtype=object)
    hovertext = np.full((rows, cols), "", dtype=object)
    for r in frame.itertuples():
        cell = (int(r.tile_row), int(r.tile_col))
        v = getattr(r, value)
        z[cell] = np.nan if v is None or pd.isna(v) else float(v)
        text[cell] = getattr(r, label)
        hovertext[cell] = getattr(r, hover)
    kwargs = dict(colorscale=colorscale, zmin=zmin, zmax=zmax, colorbar=dict(title=colorbar_title))
    if categorical:
        codes = sorted(categorical)
        n = len(codes)
        scale = []
        for i, code in enumerate(codes):
            scale += [[i / n, categorical[code][0]], [(i + 1) / n, categorical[code][0]]]
        kwargs = dict(colorscale=scale, zmin=min(codes) - 0.5, zmax=max(codes) + 0.5,
                      colorbar=dict(title=colorbar_title, tickvals=codes, ticktext=[categorical[c][1] for c in codes]))
    fig = go.Figure(go.Heatmap(z=z, text=text, texttemplate="%{text}", hovertext=hovertext, hoverinfo="text",
                               xgap=4, ygap=4, **kwargs))
    fig.update_yaxes(autorange="reversed", visible=False, scaleanchor="x")
    fig.update_xaxes(visible=False)
    fig.update_layout(plot_bgcolor="rgba(0,0,0,0)", height=420)
    return fig
