"""Layout for narrow screens (phones, under 640 px, where Streamlit stacks columns): a grid's header
row is hidden there and each cell carries its own label instead, so a header never floats away
from its values."""
from __future__ import annotations

import html

import streamlit as st

NARROW = 640  # px: Streamlit stacks columns below this width
_CSS = f"""<style>
.cpm-phone-label {{ display: none; }}
@media (max-width: {NARROW}px) {{
  .st-key-grid_head {{ display: none; }}
  .cpm-phone-label {{ display: block; font-size: 0.8em; font-weight: 600; }}
}}
</style>"""


def styles() -> None:
    st.html(_CSS)


def header(container, text: str) -> None:
    """A cell's own label, shown on narrow screens only (the header row is hidden there)."""
    container.markdown(f'<span class="cpm-phone-label">{html.escape(text)}</span>', unsafe_allow_html=True)
