"""Overview: the main CP indicators at a glance and what the latest data load changed."""
import pandas as pd
import streamlit as st

from etl.periods import SNAPSHOT
from metrics import changes, methodology, overview, stats
from metrics.db import DatabaseMissing, get_database
from ui import chart_block, data_labels, formats, indicator_display as show, lang as ui_lang, notices

lang = ui_lang.current()
_ = ui_lang.gettext(lang)
LOAD_STATUS = data_labels.LOAD_STATUS
TILES_PER_ROW = 3

st.title(_("Comprehensive Plan at a glance"))
st.caption(_("The main indicators of the Comprehensive Plan for protecting children from violence and preventing "
             "suicide: the latest figure, its change on the comparable earlier period and its status against the "
             "target."))
notices.helpline(lang)

try:
    db = get_database()
    tiles = overview.tiles(db)
except DatabaseMissing:
    st.warning(_("No database yet. Build it with: python -m etl ensure-db"))
    st.stop()


def period_text(row) -> str:
    period = overview.period_of(row)
    return show.date_text(period.start, lang) if period.kind == SNAPSHOT else period.label(lang)


def value_text(indicator, value: float) -> str:
    return formats.number(value, lang, show.decimals(indicator, value))


def change_text(indicator, change: float, reference: float) -> str:
    places = show.decimals(indicator, abs(reference))
    rounded = round(change, places)
    sign = "+" if rounded > 0 else "-" if rounded < 0 else ""
    return sign + formats.number(abs(rounded), lang, places)


def tile(container, item: overview.Tile) -> None:
    indicator = item.indicator
    with container.container(border=True):
        # The name above the figure wraps; a metric's own label would be cut short on narrow tiles.
        st.markdown(f"**{indicator.name(lang)}**", help=indicator.definition(lang))
        if item.latest is None:
            st.metric(indicator.name(lang), "—", label_visibility="collapsed")
            st.markdown(show.status_badge(stats.NO_DATA, lang), unsafe_allow_html=True)
            st.caption(_("No figure reported"))
            return
        row = item.latest
        value = value_text(indicator, row.value) + (f" {show.UNRELIABLE_MARK}" if row.unreliable else "")
        delta, arrow = None, "auto"
        if item.change is not None:
            delta = _("{change} vs {period}", change=change_text(indicator, item.change, row.value),
                      period=period_text(item.previous))
            arrow = "off" if round(item.change, show.decimals(indicator, abs(row.value))) == 0 else "auto"
        # Grey deltas: whether a rise is good depends on the indicator; the status badge says it in words.
        st.metric(indicator.name(lang), value, delta=delta, delta_color="off", delta_arrow=arrow,
                  label_visibility="collapsed")
        st.markdown(show.status_badge(item.status, lang), unsafe_allow_html=True)
        details = [f"{indicator.unit(lang)} · {period_text(row)}"]
        if not pd.isna(row.ci_low):
            details.append(_("{confidence}% CI {interval}", confidence=methodology.percent(),
                             interval=show.interval_text(indicator, row.ci_low, row.ci_high, lang, row.value)))
        if item.change is None:
            details.append(_("No comparable earlier figure"))
        if indicator.target_value is not None:
            details.append(_("Target {value} by {deadline}", value=value_text(indicator, indicator.target_value),
                             deadline=show.date_text(indicator.target_deadline, lang)))
        st.caption(" · ".join(details))
        if item.tested is not None:
            verdict = show.verdict_text(indicator, item.tested, lang, period_text(item.previous), period_text(row))
            tested = show.change_text(indicator, item.tested, lang)
            st.markdown(f"{verdict}" + (f": {tested}" if item.tested.low is not None else ""))
        if item.newer is not None:
            newer = _("Newer part-year: {value} in {period}", period=period_text(item.newer),
                      value=value_text(indicator, item.newer.value))
            if item.newer_change is not None:
                newer += " " + _("({change} vs {period})", change=change_text(indicator, item.newer_change,
                                                                            item.newer.value),
                                 period=period_text(item.newer_previous))
            st.caption(newer)
        if item.illustrative:
            st.caption(_("⚠️ illustrative"))


st.header(_("Headline indicators"))
if not tiles:
    st.info(_("No headline indicator is in the catalogue."))
else:
    for start in range(0, len(tiles), TILES_PER_ROW):
        row_tiles = tiles[start:start + TILES_PER_ROW]
        for column, item in zip(st.columns(TILES_PER_ROW), row_tiles):
            tile(column, item)
    st.caption(_("Status compares the latest figure with a straight path from the baseline to the target; a missing "
                 "figure is never counted as off track. A part-year is compared with the same months a year "
                 "earlier, a snapshot or school year with the one before it."))
    if any(t.latest is not None and bool(t.latest.unreliable) for t in tiles):
        st.caption(_(show.UNRELIABLE_NOTE, threshold=stats.UNRELIABLE_BELOW))
    agencies = dict.fromkeys(part for t in tiles for part in t.indicator.text("sources", lang).split("; "))
    notices.source_caption(lang, sources="; ".join(agencies), period=_("the latest available for each indicator"),
                           illustrative=any(t.illustrative for t in tiles),
                           provisional=any(t.provisional for t in tiles))

st.header(_("What changed since the last load"))
loads = changes.last_loads(db)
if loads.empty:
    st.info(_("No figures have been loaded yet."))
    st.stop()
summary = overview.load_summary(loads)
st.markdown(_("The latest load brought {files} files ({refused} refused) and stored {figures} figures, on {day}.",
              files=formats.integer(summary["files"], lang), refused=formats.integer(summary["refused"], lang),
              figures=formats.integer(summary["figures_stored"], lang),
              day=show.date_text(pd.Timestamp(summary["last"]).date(), lang)))
revised = overview.revisions(db)
st.subheader(_("Figures whose value changed"))
if revised.empty:
    st.info(_("No figure changed value in the latest load: new files only added figures."))
else:
    revised_table = pd.DataFrame({
        _("Region"): [_("Kazakhstan (national)") if c == "KZ" else n if isinstance(n, str) else c
                      for c, n in zip(revised.region_code, revised[f"name_{lang}"])],
        _("Period"): [f"{pd.Timestamp(s).date().isoformat()} – {pd.Timestamp(e).date().isoformat()}"
                      for s, e in zip(revised.period_start, revised.period_end)],
        _("Source"): [data_labels.named(v, data_labels.SOURCE_NAMES, lang) for v in revised.source],
        _("Measure"): [data_labels.named(v, data_labels.MEASURES, lang) for v in revised.measure],
        _("Sex"): [data_labels.named(v, data_labels.SEXES, lang) for v in revised.sex],
        _("Age group"): [data_labels.named(v, data_labels.AGE_GROUPS, lang) for v in revised.age_group], _("Old value"): revised.old_value, _("New value"): revised.new_value,
        _("Change"): revised.change, _("Source file"): revised.source_file,
        _("Sheet"): revised.source_sheet, _("Cell"): revised.source_cell})
    st.dataframe(revised_table, hide_index=True, key="revised_table")
    chart_block.downloads(revised_table, chart_block.export_info(
        title=_("Figures whose value changed"), lang=lang, sources=", ".join(sorted(set(revised.source_file.dropna()))),
        period=show.date_text(pd.Timestamp(summary["last"]).date(), lang),
        illustrative=bool(revised.illustrative.fillna(False).any())), key="revised", stem="revised_figures")
with st.expander(_("Files of the latest load ({count})", count=formats.integer(summary["files"], lang))):
    files_table = pd.DataFrame({
        _("File"): loads.file_name, _("Source"): [data_labels.named(v, data_labels.SOURCE_NAMES, lang)
                                                  for v in loads.source],
        _("Status"): [_(LOAD_STATUS[s]) if s in LOAD_STATUS else s for s in loads.status],
        _("Figures read"): loads.figures_read, _("Figures stored"): loads.figures_stored,
        _("Loaded at"): [pd.Timestamp(t).strftime("%Y-%m-%d %H:%M") for t in loads.loaded_at]})
    st.dataframe(files_table, hide_index=True, key="loads_table")
