"""Every chart comes as a block: the chart (whose image names its title, source, period and the
illustrative label), its source and period, a table alternative and the table's downloads: CSV
and XLSX of exactly the rows charted. The page's tables are also gathered for its "Download all
data" package (``start_page`` / ``page_package``, called by app.py around the page)."""
from __future__ import annotations

import re
from collections.abc import Callable, Hashable

import pandas as pd
import plotly.graph_objects as go
import streamlit as st

from i18n import N_, translate
from ui import charts, datapackage, export_files, exports, figure_cache, notices, phone, url_params
from ui.edition import current_edition

XLSX_MIME = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
_PAGE_TABLES = "_page_tables"  # this run's tables, for the page's data package


def plain_title(fig: go.Figure) -> str:
    """The figure's own title as text: "Cases, 2024<br><sup>per 100,000</sup>" -> "Cases, 2024, per 100,000"."""
    text = fig.layout.title.text or ""
    return re.sub(r"<[^>]+>", "", re.sub(r"<br\s*/?>", ", ", text)).strip(", ")


def export_info(*, title: str, lang: str, sources: str, period: str, illustrative: bool,
                provisional: bool = False) -> exports.ExportInfo:
    return exports.ExportInfo(title=title, period=period, sources=sources, lang=lang, illustrative=bool(illustrative),
                              provisional=bool(provisional), edition=current_edition())


def downloads(table: pd.DataFrame, info: exports.ExportInfo, *, key: str, stem: str, container=st) -> None:
    """CSV and XLSX of ``table``; the buttons keep the view (no rerun), so the URL stays as it is.
    Both files are made with the page (see page_package on files made on demand), once for every
    session that asks for the same table (ui.export_files)."""
    digest = export_files.digest_of(table)
    left, right = container.columns(2)
    left.download_button(translate(N_("Download CSV"), info.lang), export_files.csv_bytes(table, info, digest),
                         file_name=f"{stem}.csv", mime="text/csv", key=f"{key}_csv", on_click="ignore")
    right.download_button(translate(N_("Download Excel (XLSX)"), info.lang), export_files.xlsx_bytes(table, info, digest),
                          file_name=f"{stem}.xlsx", mime=XLSX_MIME, key=f"{key}_xlsx", on_click="ignore")
    remember(stem, table, info, digest)


def chart_block(fig: go.Figure | Callable[[], go.Figure], table: pd.DataFrame, *, key: str, lang: str, sources: str,
                period: str, illustrative: bool, provisional: bool = False, file_name: str | None = None,
                title: str | None = None, figure_key: Hashable | None = None) -> None:
    """Draw ``fig``; under it the source line, then the table of ``table`` and its downloads.

    ``table`` holds exactly what the chart shows, with translated column names and, where the
    figures come from cells, the source file, sheet and cell of each. ``title`` names the chart in
    its image and files; without it the figure's own title does. With ``figure_key`` (naming all
    that ``fig``, then a function that builds the figure, draws), the labelled figure is built once
    for every session showing the same chart (ui.figure_cache).
    """
    stem = (file_name or key).removesuffix(".csv")
    edition = current_edition()

    def labelled() -> tuple[go.Figure, str]:
        built = fig() if callable(fig) else fig
        named = export_info(title=title or plain_title(built) or key, lang=lang, sources=sources, period=period,
                            illustrative=illustrative, provisional=provisional)
        exports.label_figure(charts.style(built, lang), named, title)
        return built, named.title

    cache_key = None if figure_key is None else (
        "chart", figure_key, key, lang, sources, period, bool(illustrative), bool(provisional), title, edition)
    drawn, heading = figure_cache.kept(cache_key, labelled)
    info = export_info(title=heading, lang=lang, sources=sources, period=period, illustrative=illustrative,
                       provisional=provisional)
    st.plotly_chart(drawn, config={**charts.CONFIG, "toImageButtonOptions": exports.image_options(stem)},
                    key=f"{key}_chart")
    notices.source_caption(lang, sources=sources, period=period, illustrative=illustrative, provisional=provisional)
    with st.expander(translate(N_("Table and download"), lang)):
        wide_table(table, key=f"{key}_table")
        downloads(table, info, key=key, stem=stem)


def wide_table(table: pd.DataFrame, *, key: str, hide_index: bool = True) -> None:
    """The table; on a phone, its rows as cards instead (ui.phone)."""
    with st.container(key=f"wide_{key}"):
        st.dataframe(table, hide_index=hide_index, key=key)
    phone.cards(table, index=not hide_index)


def table_block(table: pd.DataFrame, *, key: str, lang: str, title: str, sources: str, period: str,
                illustrative: bool, provisional: bool = False, file_name: str | None = None,
                table_key: str | None = None, hide_index: bool = True, export: pd.DataFrame | None = None) -> None:
    """A table on its own (no chart): the table, its source line and its downloads (of ``export``
    when the files need another shape than the screen, e.g. the index as a column)."""
    info = export_info(title=title, lang=lang, sources=sources, period=period, illustrative=illustrative,
                       provisional=provisional)
    wide_table(table, key=table_key or f"{key}_table", hide_index=hide_index)
    notices.source_caption(lang, sources=sources, period=period, illustrative=illustrative, provisional=provisional)
    downloads(table if export is None else export, info, key=key, stem=(file_name or key).removesuffix(".csv"))


def remember(stem: str, table: pd.DataFrame, info: exports.ExportInfo, digest: str | None = None) -> None:
    tables = st.session_state.get(_PAGE_TABLES)
    if isinstance(tables, list):
        tables.append(datapackage.Table(stem, table.copy(), info, digest))


def start_page() -> None:
    """Begin gathering this run's tables (before the page runs)."""
    st.session_state[_PAGE_TABLES] = []


def page_package(lang: str, title: str, stem: str) -> None:
    """The page's "Download all data" button, under the page, when the page drew any table."""
    tables = st.session_state.pop(_PAGE_TABLES, None)
    if not tables:
        return
    selection = url_params.selection()
    edition = current_edition()
    # Made at once, not on demand: with Streamlit 1.67, download buttons whose file is made on demand
    # (a callable) left a view opened from a link without its widgets in the browser.
    st.divider()
    st.download_button(
        translate(N_("Download all data (ZIP)"), lang),
        export_files.package_zip(tables, title=title, selection=selection, edition=edition, lang=lang),
        file_name=f"cp-monitor_{datapackage.slug(stem)}.zip", mime="application/zip",
        key="page_package", on_click="ignore",
        help=translate(N_("Every table of this page as CSV, with a description of each column (datapackage.json) "
                          "and a README naming the selection, the edition and the date."), lang))
