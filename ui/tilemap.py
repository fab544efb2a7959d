"""A tile map of the 20 regions: one equal square per region, laid out roughly as on a map.

Licence-clean (no boundary data) and fair to small regions, which a choropleth would shrink to
specks. Drawn as a plotly heatmap over the tile grid, so nothing is fetched from outside.

``choropleth`` draws real boundaries when the user supplies a GeoJSON (metrics.boundaries) on a
blank map style: no tiles, no base map, nothing fetched.
"""
from __future__ import annotations

import math
import re

import numpy as np
import pandas as pd
import plotly.graph_objects as go


# Light to dark blue: black tile text stays at least 4.5:1 on every shade (the darkest is #56B4E9-like).
LIGHT_SCALE = [[0.0, "#F7FBFF"], [0.5, "#C6DBEF"], [1.0, "#6BAED6"]]


def tile_map(frame: pd.DataFrame, *, value: str, label: str, hover: str, colorscale="Cividis",
             zmin=None, zmax=None, colorbar_title: str = "", categorical: dict | None = None,
             height: int = 560, reversescale: bool = False) -> go.Figure:
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
    # The colour bar lies under the squares, so on a phone it takes none of their width.
    kwargs = dict(colorscale=colorscale, zmin=zmin, zmax=zmax, reversescale=reversescale,
                  colorbar=dict(title=dict(text=colorbar_title, side="top"), orientation="h", y=-0.02, yanchor="top",
                                thickness=12, len=0.9))
    if categorical:
        codes = sorted(categorical)
        n = len(codes)
        scale = []
        for i, code in enumerate(codes):
            scale += [[i / n, categorical[code][0]], [(i + 1) / n, categorical[code][0]]]
        # No colour bar: its legend is written under the map, where it takes no width from the squares.
        kwargs = dict(colorscale=scale, zmin=min(codes) - 0.5, zmax=max(codes) + 0.5, showscale=False)
    fig = go.Figure(go.Heatmap(z=z, text=text, texttemplate="%{text}", hovertext=hovertext, hoverinfo="text",
                               xgap=4, ygap=4, textfont=dict(size=12, color="#000000"), **kwargs))
    fig.update_yaxes(autorange="reversed", visible=False, scaleanchor="x")
    fig.update_xaxes(visible=False)
    fig.update_layout(plot_bgcolor="rgba(0,0,0,0)", height=height)
    return fig


# Generic words a tile can do without: the tile map shows places, and the hover text the full name.
_GENERIC = re.compile(r"(?:^|\s)(?:Region|область|облысы|қаласы|г\.)(?=\s|$)", re.IGNORECASE)
TILE_WIDTH = 11  # characters that fit on one line of a tile


def short_names(names) -> list[str]:
    """Tile labels: "West Kazakhstan Region" -> "West<br>Kazakhstan", "г. Шымкент" -> "Шымкент".
    A name that would then read like another one (Almaty city and Almaty Region) keeps its full form."""
    names = [str(n) for n in names]
    stripped = [" ".join(_GENERIC.sub(" ", n).split()) or n for n in names]
    return [_wrapped(s if stripped.count(s) == 1 else n) for n, s in zip(names, stripped)]


def _wrapped(text: str) -> str:
    """Long names wrap at a space or after a hyphen so the text fits its square."""
    if len(text) <= TILE_WIDTH:
        return text
    if " " in text:
        return text.replace(" ", "<br>", 1)
    if "-" in text:
        return text.replace("-", "-<br>", 1)
    return text


def _mercator(lat: float) -> float:
    return math.log(math.tan(math.pi / 4 + math.radians(max(min(lat, 85.0), -85.0)) / 2))


def fit_view(bounds: tuple[float, float, float, float], *, width: int = 700, height: int = 480) -> dict:
    """Centre and zoom that show ``bounds`` (west, south, east, north) on a web-mercator map of
    about ``width`` x ``height`` pixels (map subplots have no fitbounds of their own)."""
    west, south, east, north = bounds
    y_south, y_north = _mercator(south), _mercator(north)
    lat = math.degrees(math.atan(math.sinh((y_south + y_north) / 2)))
    lon_span, y_span = max(east - west, 1e-6), max(y_north - y_south, 1e-6)
    zoom = min(math.log2(width * 360 / (512 * lon_span)), math.log2(height * 2 * math.pi / (512 * y_span)))
    return dict(center=dict(lon=(west + east) / 2, lat=lat), zoom=max(zoom - 0.35, 0))


def choropleth(geojson: dict, frame: pd.DataFrame, *, value: str, hover: str, bounds: tuple[float, float, float, float],
               feature_id_key: str = "properties.region_code", colorscale="Cividis", zmin=None, zmax=None,
               colorbar_title: str = "", no_data_name: str = "", height: int = 480) -> go.Figure:
    """A choropleth over a local GeoJSON: ``frame`` has region_code, a numeric ``value`` and a
    ``hover`` text. Drawn on a blank map style with no tile source, so the browser fetches nothing;
    regions without a value are drawn grey as a second trace named ``no_data_name``."""
    shown = frame[frame[value].notna()]
    missing = frame[frame[value].isna()]
    fig = go.Figure(go.Choroplethmap(
        geojson=geojson, featureidkey=feature_id_key, locations=shown.region_code.tolist(),
        z=shown[value].astype(float).tolist(), hovertext=shown[hover].tolist(), hoverinfo="text",
        colorscale=colorscale, zmin=zmin, zmax=zmax, colorbar=dict(title=colorbar_title),
        marker=dict(line=dict(color="#FFFFFF", width=1)), showlegend=False))
    if not missing.empty:
        fig.add_trace(go.Choroplethmap(
            geojson=geojson, featureidkey=feature_id_key, locations=missing.region_code.tolist(),
            z=[0] * len(missing), hovertext=missing[hover].tolist(), hoverinfo="text",
            colorscale=[[0, "#D9D9D9"], [1, "#D9D9D9"]], showscale=False, name=no_data_name, showlegend=True,
            marker=dict(line=dict(color="#FFFFFF", width=1))))
    fig.update_layout(map=dict(style="white-bg", **fit_view(bounds, height=height)), height=height,
                      legend=dict(x=0, y=0))
    return fig
