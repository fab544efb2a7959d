"""Layout for narrow screens (phones). Under 640 px Streamlit stacks columns: a grid's header row is
hidden there and each cell carries its own label instead, so a header never floats away from its
values. Under 600 px a wide table or heat-map (inside a container keyed ``wide_…``) gives way to
cards, one a row, each value under its column's name, so every value reads without sideways scrolling."""
from __future__ import annotations

import html

import pandas as pd
import streamlit as st

NARROW = 640  # px: Streamlit stacks columns below this width
CARDS_BELOW = 600  # px: tables and heat-maps become cards
_CSS = f"""<style>
.cpm-phone-label {{ display: none; }}
.cpm-cards {{ display: none; }}
@media (max-width: {NARROW}px) {{
  .st-key-grid_head {{ display: none; }}
  .cpm-phone-label {{ display: block; font-size: 0.8em; font-weight: 600; }}
}}
@media (max-width: {CARDS_BELOW}px) {{
  [class*="st-key-wide_"] {{ display: none; }}
  .cpm-cards {{ display: block; }}
  .cpm-card {{ border: 1px solid #B3B3B3; border-radius: 0.4em; padding: 0.3em 0.6em; margin: 0 0 0.5em 0; }}
  .cpm-card dt {{ font-size: 0.8em; font-weight: 600; }}
  .cpm-card dd {{ margin: 0 0 0.2em 0; overflow-wrap: anywhere; }}
}}
</style>"""


def styles() -> None:
    st.html(_CSS)


def header(container, text: str) -> None:
    """A cell's own label, shown on narrow screens only (the header row is hidden there)."""
    container.markdown(f'<span class="cpm-phone-label">{html.escape(text)}</span>', unsafe_allow_html=True)


def _text(value) -> str:
    if value is None or (not isinstance(value, str) and pd.isna(value)):
        return "—"
    return str(value)


def cards(table: pd.DataFrame, *, index: bool = False) -> None:
    """``table`` as cards for phones (hidden on wider screens); texts from files stay plain text."""
    frame = table.reset_index() if index else table
    items = "".join(
        '<dl class="cpm-card">' + "".join(f"<dt>{html.escape(str(column))}</dt><dd>{html.escape(_text(value))}</dd>"
                                          for column, value in zip(frame.columns, row)) + "</dl>"
        for row in frame.itertuples(index=False))
    st.html(f'<div class="cpm-cards">{items}</div>')
