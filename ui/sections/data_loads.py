"""Every load of a file into the warehouse, and the messages of one load."""
from __future__ import annotations

import pandas as pd
import streamlit as st

from metrics import citations, data_status
from ui import chart_block, data_labels, indicator_display as show, notices, originals, permalink
from ui.page import Context

LOAD_LOG = "CP Monitor"  # the load log is the dashboard's own record: named, not translated


def context(ctx: Context) -> None:
    """The region names, the loads and the period they cover, for the data-source sections."""
    loads = data_status.loads(ctx.db)
    regions = ctx.db.query("SELECT region_code, name_en, name_ru, name_kk FROM regions ORDER BY region_code")
    days = pd.to_datetime(loads.loaded_at).dt.date if not loads.empty else pd.Series([], dtype=object)
    period = f"{show.date_text(days.min(), ctx.lang)} – {show.date_text(days.max(), ctx.lang)}" if len(days) else "—"
    ctx.chosen.update(loads=loads, region_name=dict(zip(regions.region_code, regions[f"name_{ctx.lang}"])),
                      load_period=period, received=citations.received(ctx.db))


def cite(ctx: Context, source: str) -> str:
    """A source as a reader cites it: agency, table and the day its newest file came in."""
    return notices.cite(ctx.lang, [source], ctx.chosen["received"])


def block(ctx: Context, table: pd.DataFrame, key: str, title: str, **kwargs) -> None:
    """A table of the load log with its source line and downloads."""
    kwargs.setdefault("sources", ctx._("{product} load log", product=LOAD_LOG))
    kwargs.setdefault("period", ctx.chosen["load_period"])
    chart_block.table_block(table, key=key, table_key=key, lang=ctx.lang, title=title, illustrative=False,
                            file_name=f"data_sources_{key}", **kwargs)


def render(ctx: Context) -> None:
    _, lang, loads = ctx._, ctx.lang, ctx.chosen["loads"]
    st.header(_("Loads"))
    if loads.empty:
        st.info(_("No files have been loaded yet."))
        return
    shown = loads.assign(file_hash=loads.file_hash.str[:12],
                         source=[data_labels.named(s, data_labels.SOURCE_NAMES, lang) for s in loads.source],
                         status=[data_labels.named(s, data_labels.LOAD_STATUS, lang) for s in loads.status])[[
        "load_id", "loaded_at", "file_name", "source", "status", "figures_read", "figures_stored", "warnings",
        "errors", "file_hash"]]
    block(ctx, shown.rename(columns={
        "load_id": _("Load"), "loaded_at": _("Time (UTC)"), "file_name": _("File"), "source": _("Source"),
        "status": _("Status"), "figures_read": _("Figures read"), "figures_stored": _("Figures stored"),
        "warnings": _("Warnings"), "errors": _("Errors"), "file_hash": _("SHA-256")}), "loads", _("Loads"))
    with_messages = loads[(loads.warnings > 0) | (loads.errors > 0)]
    if not with_messages.empty:
        chosen = st.selectbox(_("Messages of a load"), with_messages.load_id.tolist(), key="load",
                              format_func=lambda i: f"{i}: {loads.set_index('load_id').file_name[i]}",
                              placeholder=_(permalink.PLACEHOLDER))
        block(ctx, data_labels.readable(data_status.load_messages(ctx.db, chosen), lang), "load_messages",
              _("Messages of a load"))
    stored = loads[loads.status.isin(["loaded", "warning"]) & loads.file_hash.notna()]
    if originals.available() and not stored.empty:
        by_id = stored.set_index("load_id")
        picked = st.selectbox(_("Original file of a load"), stored.load_id.tolist(), key="original_load",
                              format_func=lambda i: f"{i}: {by_id.file_name[i]}")
        originals.download(by_id.file_hash[picked], by_id.file_name[picked], lang, key="original_download")
