"""Plotly defaults: a colour-blind-safe palette (Okabe-Ito) and nothing fetched from outside."""
from __future__ import annotations

import plotly.graph_objects as go

from ui import formats

OKABE_ITO = ["#0072B2", "#E69F00", "#009E73", "#CC79A7", "#56B4E9", "#D55E00", "#F0E442", "#000000"]
MEASURE_COLOURS = {"completed": OKABE_ITO[0], "attempts": OKABE_ITO[1]}
# Plotly's chart config: no link to the plotly cloud, no logo.
CONFIG = {"displaylogo": False, "modeBarButtonsToRemove": ["sendDataToCloud"]}


def style(fig: go.Figure, lang: str) -> go.Figure:
    # Decimal mark then thousands separator: ".," in English, ",\u00a0" (no-break space) in kk and ru.
    fig.update_layout(separators=formats.plotly_separators(lang), margin=dict(l=10, r=10, t=40, b=10), legend_title_text="",
                      font=dict(family="DejaVu Sans, Arial, sans-serif"))
    return fig
