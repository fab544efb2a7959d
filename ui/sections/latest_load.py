"""What the latest data load changed: its files and figures, the figures whose value changed (with
their file, sheet and cell) and the files themselves, each table with its downloads."""
from __future__ import annotations

import pandas as pd
import streamlit as st

from metrics import changes, overview
from ui import chart_block, data_labels, formats, indicator_display as show
from ui.page import Context
from ui.sections.data_loads import LOAD_LOG

LOAD_STATUS = data_labels.LOAD_STATUS


def revised_table(ctx: Context, revised: pd.DataFrame) -> pd.DataFrame:
    _, lang = ctx._, ctx.lang
    return pd.DataFrame({
        _("Region"): [_("Kazakhstan (national)") if c == "KZ" else n if isinstance(n, str) else c
                      for c, n in zip(revised.region_code, revised[f"name_{lang}"])],
        _("Period"): [f"{pd.Timestamp(s).date().isoformat()} – {pd.Timestamp(e).date().isoformat()}"
                      for s, e in zip(revised.period_start, revised.period_end)],
        _("Source"): [data_labels.named(v, data_labels.SOURCE_NAMES, lang) for v in revised.source],
        _("Measure"): [data_labels.named(v, data_labels.MEASURES, lang) for v in revised.measure],
        _("Sex"): [data_labels.named(v, data_labels.SEXES, lang) for v in revised.sex],
        _("Age group"): [data_labels.named(v, data_labels.AGE_GROUPS, lang) for v in revised.age_group],
        _("Old value"): revised.old_value, _("New value"): revised.new_value,
        _("Change"): revised.change, _("Source file"): revised.source_file,
        _("Sheet"): revised.source_sheet, _("Cell"): revised.source_cell})


def files_table(ctx: Context, loads: pd.DataFrame) -> pd.DataFrame:
    _ = ctx._
    return pd.DataFrame({
        _("File"): loads.file_name,
        _("Source"): [data_labels.named(v, data_labels.SOURCE_NAMES, ctx.lang) for v in loads.source],
        _("Status"): [_(LOAD_STATUS[s]) if s in LOAD_STATUS else s for s in loads.status],
        _("Figures read"): loads.figures_read, _("Figures stored"): loads.figures_stored,
        _("Loaded at"): [pd.Timestamp(t).strftime("%Y-%m-%d %H:%M") for t in loads.loaded_at]})


def render(ctx: Context) -> None:
    _, lang = ctx._, ctx.lang
    st.header(_("What changed since the last load"))
    loads = changes.last_loads(ctx.db)
    if loads.empty:
        st.info(_("No figures have been loaded yet."))
        return
    summary = overview.load_summary(loads)
    day = show.date_text(pd.Timestamp(summary["last"]).date(), lang)
    st.markdown(_("The latest load brought {files} files ({refused} refused) and stored {figures} figures, on {day}.",
                  files=formats.integer(summary["files"], lang), refused=formats.integer(summary["refused"], lang),
                  figures=formats.integer(summary["figures_stored"], lang), day=day))
    revised = overview.revisions(ctx.db)
    st.subheader(_("Figures whose value changed"))
    if revised.empty:
        st.info(_("No figure changed value in the latest load: new files only added figures."))
    else:
        chart_block.table_block(revised_table(ctx, revised), key="revised", table_key="revised_table", lang=lang,
                                title=_("Figures whose value changed"), period=day,
                                sources=", ".join(sorted(set(revised.source_file.dropna()))),
                                illustrative=bool(revised.illustrative.fillna(False).any()),
                                file_name="revised_figures")
    with st.expander(_("Files of the latest load ({count})", count=formats.integer(summary["files"], lang))):
        chart_block.table_block(files_table(ctx, loads), key="loads", table_key="loads_table", lang=lang,
                                title=_("Files of the latest load ({count})",
                                        count=formats.integer(summary["files"], lang)),
                                sources=_("{product} load log", product=LOAD_LOG), period=day, illustrative=False,
                                file_name="latest_load_files")
