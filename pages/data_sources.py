"""Data sources: every load, who has not yet submitted what, revision history, cross-source checks."""
import pandas as pd
import streamlit as st

from etl.periods import Period
from metrics import data_status
from metrics.db import DatabaseMissing, get_database
from ui import data_labels, lang as ui_lang, originals, permalink

lang = ui_lang.current()
_ = ui_lang.gettext(lang)

st.title(_("Data sources"))
try:
    db = get_database()
    loads = data_status.loads(db)
except DatabaseMissing:
    st.warning(_("No database yet. Build it with: python -m etl ensure-db"))
    st.stop()
regions = db.query("SELECT region_code, name_en, name_ru, name_kk FROM regions ORDER BY region_code")
region_name = dict(zip(regions.region_code, regions[f"name_{lang}"]))


def period_label(row) -> str:
    return Period(row.period_start, row.period_end, row.period_kind).label(lang)


st.header(_("Loads"))
if loads.empty:
    st.info(_("No files have been loaded yet."))
else:
    shown = loads.assign(file_hash=loads.file_hash.str[:12],
                         source=[data_labels.named(s, data_labels.SOURCE_NAMES, lang) for s in loads.source],
                         status=[data_labels.named(s, data_labels.LOAD_STATUS, lang) for s in loads.status])[[
        "load_id", "loaded_at", "file_name", "source", "status", "figures_read", "figures_stored", "warnings",
        "errors", "file_hash"]]
    st.dataframe(shown.rename(columns={
        "load_id": _("Load"), "loaded_at": _("Time (UTC)"), "file_name": _("File"), "source": _("Source"),
        "status": _("Status"), "figures_read": _("Figures read"), "figures_stored": _("Figures stored"),
        "warnings": _("Warnings"), "errors": _("Errors"), "file_hash": _("SHA-256")}), hide_index=True, key="loads")
    with_messages = loads[(loads.warnings > 0) | (loads.errors > 0)]
    if not with_messages.empty:
        chosen = st.selectbox(_("Messages of a load"), with_messages.load_id.tolist(), key="load",
                              format_func=lambda i: f"{i}: {loads.set_index('load_id').file_name[i]}",
                              placeholder=_(permalink.PLACEHOLDER))
        st.dataframe(data_labels.readable(data_status.load_messages(db, chosen), lang), hide_index=True,
                     key="load_messages")
    stored = loads[loads.status.isin(["loaded", "warning"]) & loads.file_hash.notna()]
    if originals.available() and not stored.empty:
        by_id = stored.set_index("load_id")
        picked = st.selectbox(_("Original file of a load"), stored.load_id.tolist(), key="original_load",
                              format_func=lambda i: f"{i}: {by_id.file_name[i]}")
        originals.download(by_id.file_hash[picked], by_id.file_name[picked], lang, key="original_download")

st.header(_("Submissions by region and period"))
def source_name(code: str) -> str:
    return data_labels.named(code, data_labels.SOURCE_NAMES, lang)


source = permalink.selectbox(_("Source"), data_status.SOURCES, key="source", format_func=source_name)
grid = data_status.submission_grid(db, source)
if grid.empty:
    st.info(_("No data for this source yet."))
else:
    grid["period"] = [period_label(r) for r in grid.itertuples()]
    grid["region"] = grid.region_code.map(region_name)
    order = list(dict.fromkeys(grid.period))
    matrix = grid.pivot(index="region", columns="period", values="submitted")[order]
    st.dataframe(matrix.replace({True: "✓", False: "—"}), key="grid")
    st.caption(_("— means the region has no figures for a period that other regions have reported."))

st.header(_("Revision history of a figure"))
left, middle, right = st.columns(3)
placeholder = _(permalink.PLACEHOLDER)
h_source = left.selectbox(_("Source"), data_status.SOURCES, key="history_source", format_func=source_name,
                          placeholder=placeholder)
h_region = middle.selectbox(_("Region"), list(region_name), format_func=region_name.get, key="history_region",
                            placeholder=placeholder)
measures = data_status.measures_of(db, h_source)
h_measure = right.selectbox(_("Measure"), measures, key="history_measure", placeholder=placeholder,
                            format_func=lambda m: data_labels.named(m, data_labels.MEASURES, lang)) \
    if measures else None
history = data_status.figure_history(db, h_source, h_region, h_measure) if h_measure else pd.DataFrame()
if history.empty:
    st.info(_("No figures for this region and measure yet."))
else:
    st.dataframe(data_labels.readable(history, lang, region_name), hide_index=True, key="history")
    if originals.available():
        for n, behind in enumerate(data_status.history_files(db, h_source, h_region, h_measure).itertuples()):
            originals.download(behind.source_hash, behind.source_file, lang, key=f"history_original_{n}")

st.header(_("Checks across sources"))
checks = [
    (_("Staff reported for a region without a centre"), data_status.staffing_without_centre(db)),
    (_("Activity reported from a region without a centre"), data_status.activity_without_centre(db)),
    (_("Months missing from a centre's monthly reports"), data_status.missing_months(db)),
]
per_specialist = data_status.activity_per_specialist(db)
checks.append((_("Children served per specialist far from the national median (more than 3 times above or below)"),
               per_specialist[per_specialist.outlier]))
for title, found in checks:
    with st.expander(f"{title}: {len(found)}", expanded=not found.empty):
        if found.empty:
            st.write(_("Nothing found."))
        else:
            st.dataframe(data_labels.readable(found, lang, region_name), hide_index=True)
