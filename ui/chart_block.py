"""Every chart comes as a block: the chart, its source and period, the illustrative label where it
applies, a table alternative and a CSV download of exactly the rows charted."""
from __future__ import annotations

import pandas as pd
import plotly.graph_objects as go
import streamlit as st

from i18n import N_, translate
from ui import charts, notices


def csv_bytes(table: pd.DataFrame) -> bytes:
    """UTF-8 with a byte-order mark, so Excel opens Cyrillic text correctly."""
    return table.to_csv(index=False).encode("utf-8-sig")


def chart_block(fig: go.Figure, table: pd.DataFrame, *, key: str, lang: str, sources: str, period: str,
                illustrative: bool, provisional: bool = False, file_name: str | None = None) -> None:
    """Draw ``fig``; under it the source line, then the table of ``table`` and its CSV download.

    ``table`` holds exactly what the chart shows, with translated column names and, where the
    figures come from cells, the source file, sheet and cell of each.
    """
    st.plotly_chart(charts.style(fig, lang), config=charts.CONFIG, key=f"{key}_chart")
    notices.source_caption(lang, sources=sources, period=period, illustrative=illustrative, provisional=provisional)
    with st.expander(translate(N_("Table and download"), lang)):
        st.dataframe(table, hide_index=True, key=f"{key}_table")
        st.download_button(translate(N_("Download CSV"), lang), csv_bytes(table), file_name=file_name or f"{key}.csv",
                           mime="text/csv", key=f"{key}_csv", on_click="ignore")
