"""Charts to PNG with kaleido, one headless browser for a whole batch.

Each ``plotly.io.to_image`` call outside a kaleido server starts a browser of its own (about 2 s);
inside ``renderer()`` every chart of every briefing in the batch goes to the same one.
"""
from __future__ import annotations

import warnings
from contextlib import contextmanager

import plotly.graph_objects as go
import plotly.io as pio

SCALE = 2  # pixels per CSS pixel: sharp when printed


@contextmanager
def renderer():
    """Keep one kaleido browser running for the charts rendered inside the block."""
    import kaleido

    kaleido.start_sync_server(silence_warnings=True)
    try:
        yield
    finally:
        kaleido.stop_sync_server(silence_warnings=True)


def png(fig: go.Figure) -> bytes:
    with warnings.catch_warnings():
        # plotly warns that its per-call browser options are unused when a server is running.
        warnings.filterwarnings("ignore", message="The kopts argument is ignored")
        return pio.to_image(fig, format="png", scale=SCALE, width=fig.layout.width, height=fig.layout.height)
