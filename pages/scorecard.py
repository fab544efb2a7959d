"""CP indicators: every indicator of the catalogue against its target, for the nation or one region,
and every region's status on the indicators a region is judged on."""
import pandas as pd
import plotly.graph_objects as go
import streamlit as st

from etl.periods import Period
from etl.regions import load_regions
from metrics import indicators, methodology, scorecard, stats
from metrics.catalogue import load_catalogue
from metrics.db import DatabaseMissing, get_database
from ui import chart_block, charts, controls, formats, indicator_display as show, lang as ui_lang, notices, phone, plain

lang = ui_lang.current()
UNRELIABLE_CELL = "unreliable"
_ = ui_lang.gettext(lang)

st.title(_("CP indicators"))
notices.helpline(lang)
st.caption(_("Every indicator of the Comprehensive Plan with its baseline, latest figure and target. The status "
             "compares the latest figure with a straight path from the baseline to the target; the Methodology "
             "page explains every rule."))

regions = formats.sorted_names(load_regions(), lang, lambda r: r.name(lang))
names = {indicators.NATION: _("Kazakhstan (national)"), **{r.code: r.name(lang) for r in regions}}
left, right = st.columns([2, 3], vertical_alignment="bottom")
region = show.region_selector(left, _("Region"), list(names), names)
geography = controls.geography(lang, right)
place = scorecard.shown_region(region, geography)
if place != region:
    st.info(_("With comparable geography, {region} is counted within {parent}: its figures are shown there.",
              region=names[region], parent=names[place]))

try:
    db = get_database()
    frame = indicators.values(db, geography)
except DatabaseMissing:
    st.warning(_("No database yet. Build it with: python -m etl ensure-db"))
    st.stop()
catalogue = load_catalogue()
by_id = {i.id: i for i in catalogue}
if frame.empty:
    st.warning(_("No figures have been loaded yet."))
    st.stop()


def label(period: Period | None) -> str:
    return period.label(lang) if period is not None else "—"


def sparkline(indicator, row) -> None:
    """The region's comparable figures, oldest first, with the first and last values written on the
    line and the period covered under it; padded axes so that no marker or label is cut off."""
    history = scorecard.history(frame, indicator, place, row.latest_period)
    if history.empty:
        st.caption("—")
        return
    periods = [label(scorecard.period_of(h)) for h in history.itertuples()]
    values = history.value.astype(float).tolist()
    colour = show.STATUS_STYLE[row.status][0] if row.status in (stats.MET, stats.ON_TRACK, stats.OFF_TRACK) \
        else charts.OKABE_ITO[0]
    texts = [""] * len(values)
    texts[0] = show.value_text(indicator, values[0], lang)
    texts[-1] = show.value_text(indicator, values[-1], lang)
    positions = ["top right"] + ["top center"] * (len(values) - 2) + ["top left"] if len(values) > 1 else ["top center"]
    fig = go.Figure(go.Scatter(x=list(range(len(values))), y=values, mode="lines+markers+text", text=texts,
                               textposition=positions, textfont=dict(size=11, color="#000000"), cliponaxis=False,
                               line=dict(color=charts.OKABE_ITO[0], width=2),
                               marker=dict(size=[5] * (len(values) - 1) + [9], color=colour),
                               customdata=periods, hovertemplate="%{customdata}: %{y}<extra></extra>"))
    low, high = min(values), max(values)
    pad = (high - low) * 0.25 or abs(high) * 0.1 or 1.0
    fig.update_layout(height=78, showlegend=False)
    fig.update_xaxes(visible=False, range=[-0.4, len(values) - 0.6])
    fig.update_yaxes(visible=False, range=[low - pad, high + pad * 2.2])
    fig = charts.style(fig, lang)
    fig.update_layout(margin=dict(l=4, r=4, t=4, b=4))
    st.plotly_chart(fig, config={**charts.CONFIG, "displayModeBar": False, "staticPlot": True},
                    key=f"spark_{indicator.id}",
                    alt=_("Trend of {indicator}: {values}", indicator=indicator.name(lang),
                          values="; ".join(f"{p} {show.value_text(indicator, v, lang)}"
                                           for p, v in zip(periods, history.value))))
    st.caption(periods[0] if len(periods) == 1 else f"{periods[0]} – {periods[-1]}")


def trend_words(indicator, row) -> str:
    if row.change is None:
        return show.trend_text(None, lang)
    words = show.verdict_text(indicator, row.change, lang, label(row.previous_period), label(row.latest_period))
    tested = show.change_text(indicator, row.change, lang) if row.change.low is not None else ""
    return f"{words}: {tested}" if tested else words


st.header(_("Scorecard: {place}", place=names[place]))
rows = scorecard.rows(frame, catalogue, place)
widths = [3.0, 1.5, 2.1, 2.0, 2.0, 2.0, 1.9]
heads = [_("Indicator"), _("Baseline"), _("Latest"), _("Target"), _("Status"), _("Trend"), _("Source")]
phone.styles()
with st.container(key="grid_head"):
    for column, head in zip(st.columns(widths), heads):
        column.markdown(f"**{head}**")
for row in rows.itertuples():
    indicator = by_id[row.indicator_id]
    with st.container(border=True):
        cols = st.columns(widths, vertical_alignment="center")
        for column, head in zip(cols[1:], heads[1:]):
            phone.header(column, head)
        cols[0].markdown(f"**{indicator.name(lang)}**", help=indicator.definition(lang))
        cols[0].caption(indicator.unit(lang))
        if row.baseline_value is None or pd.isna(row.baseline_value):
            cols[1].markdown("—")
        else:
            cols[1].markdown(show.value_text(indicator, row.baseline_value, lang))
            cols[1].caption(label(row.baseline_period))
        if row.latest_period is None:
            cols[2].markdown("—")
            cols[2].caption(_("No figure reported"))
        else:
            cols[2].markdown(f"**{show.value_text(indicator, row.latest_value, lang, unreliable=row.unreliable)}**")
            details = [label(row.latest_period)]
            if row.ci_low is not None and not pd.isna(row.ci_low):
                interval = show.interval_text(indicator, row.ci_low, row.ci_high, lang, row.latest_value)
                details.append(_("{confidence}% CI {interval}", confidence=methodology.percent(), interval=interval))
            cols[2].caption(" · ".join(details))
        if row.target_value is None or pd.isna(row.target_value):
            cols[3].markdown("—")
            cols[3].caption(_("No target") if indicator.target_value is None else _("National target only"))
        else:
            cols[3].markdown(show.value_text(indicator, row.target_value, lang))
            cols[3].caption(_("by {deadline} · {kind}", deadline=show.date_text(row.target_deadline, lang),
                              kind=show.target_status_text(row.target_status, lang)))
        cols[4].markdown(show.status_badge(row.status, lang), unsafe_allow_html=True)
        with cols[5]:
            sparkline(indicator, row)
            st.caption(trend_words(indicator, row))
        cols[6].caption(indicator.text("sources", lang), help=plain.escape(row.sources) if row.sources else None)
        if row.illustrative:
            cols[6].caption(_("⚠️ illustrative"))

if rows.unreliable.any():
    st.caption(_(show.UNRELIABLE_NOTE, threshold=stats.UNRELIABLE_BELOW))
agencies = "; ".join(dict.fromkeys(part for i in catalogue for part in i.text("sources", lang).split("; ")))
notices.source_caption(lang, sources=agencies,
                       period=_("the latest available for each indicator"),
                       illustrative=bool(rows.illustrative.any()), provisional=bool(rows.provisional.any()))


def scorecard_table(rows: pd.DataFrame) -> pd.DataFrame:
    out = []
    for row in rows.itertuples():
        indicator = by_id[row.indicator_id]
        out.append({
            _("Indicator"): indicator.name(lang),
            _("Unit"): indicator.unit(lang),
            _("Baseline"): show.value_text(indicator, row.baseline_value, lang)
            if row.baseline_value is not None and not pd.isna(row.baseline_value) else "—",
            _("Baseline period"): label(row.baseline_period),
            _("Latest"): show.value_text(indicator, row.latest_value, lang, unreliable=row.unreliable)
            if row.latest_period is not None else "—",
            _("Period"): label(row.latest_period),
            _("{confidence}% CI", confidence=methodology.percent()):
                show.interval_text(indicator, row.ci_low, row.ci_high, lang, row.latest_value)
            if row.ci_low is not None and not pd.isna(row.ci_low) else "",
            _("Target"): show.value_text(indicator, row.target_value, lang)
            if row.target_value is not None and not pd.isna(row.target_value) else "—",
            _("Deadline"): show.date_text(row.target_deadline, lang) if row.target_deadline is not None else "—",
            _("Target type"): show.target_status_text(row.target_status, lang),
            _("Status"): show.status_text(row.status, lang),
            _("Trend"): trend_words(indicator, row),
            _("Source"): indicator.text("sources", lang),
            _("Files"): row.sources,
        })
    return pd.DataFrame(out)


def scorecard_export(rows: pd.DataFrame) -> pd.DataFrame:
    """The scorecard for the files: values, interval limits and flags in columns of their own."""
    confidence = methodology.percent()
    found = [by_id[i] for i in rows.indicator_id]
    return pd.DataFrame({
        _("Indicator"): [i.name(lang) for i in found], _("Unit"): [i.unit(lang) for i in found],
        _("Baseline"): rows.baseline_value, _("Baseline period"): [label(p) for p in rows.baseline_period],
        _("Latest"): rows.latest_value, _("Period"): [label(p) for p in rows.latest_period],
        _("Lower {confidence}% limit", confidence=confidence): rows.ci_low,
        _("Upper {confidence}% limit", confidence=confidence): rows.ci_high,
        _("Unreliable"): rows.unreliable, _("Target"): rows.target_value,
        _("Deadline"): [d.isoformat() if d is not None and not pd.isna(d) else None for d in rows.target_deadline],
        _("Target type"): [show.target_status_text(t, lang) for t in rows.target_status],
        _("Status"): [show.status_text(t, lang) for t in rows.status],
        _("Trend"): [show.trend_text(t, lang) for t in rows.trend],
        _("Source"): [i.text("sources", lang) for i in found], _("Files"): rows.sources})


with st.expander(_("Scorecard as a table")):
    table = scorecard_table(rows)
    st.dataframe(table, hide_index=True, key="scorecard_table")
    chart_block.downloads(scorecard_export(rows), chart_block.export_info(
        title=f'{_("CP indicators")}: {names[place]}', lang=lang, sources=agencies,
        period=_("the latest available for each indicator"), illustrative=bool(rows.illustrative.any()),
        provisional=bool(rows.provisional.any())), key="scorecard", stem=f"cp_scorecard_{place}_{geography}")

st.header(_("Status by region"))
st.caption(_("Regions are judged on rates and shares only; counts have national targets. Each cell shows the "
             "latest figure of the region."))
grid = scorecard.grid(frame, catalogue, scorecard.regions_shown([r.code for r in regions], geography))
columns = scorecard.grid_indicators(catalogue)
if grid.empty or not columns:
    st.info(_("No indicator has a target that regions can be judged on."))
    st.stop()
order = [indicators.NATION] + [r.code for r in regions if r.code in set(grid.region_code)]


def cell_text(row) -> str:
    indicator = by_id[row.indicator_id]
    if pd.isna(row.value):
        return show.status_text(row.status, lang)
    value = show.value_text(indicator, row.value, lang, unreliable=bool(row.unreliable))
    period = label(Period(row.period_start, row.period_end, row.period_kind))
    if bool(row.unreliable):
        return f"{show.unreliable_text(lang)}: {value} ({period})"
    return f"{show.status_text(row.status, lang)}: {value} ({period})"


grid["text"] = [cell_text(r) for r in grid.itertuples()]
# A rate from fewer than 20 events is never coloured by its status: it gets the grey "unreliable" cell.
CELL_KINDS = [*show.STATUS_ORDER, UNRELIABLE_CELL]
CELL_STYLE = {**show.STATUS_STYLE, UNRELIABLE_CELL: show.UNRELIABLE_STYLE}
grid["kind"] = [UNRELIABLE_CELL if bool(r.unreliable) and not pd.isna(r.value) else r.status for r in grid.itertuples()]
grid["short"] = [f"{CELL_STYLE[r.kind][2]} " + (
    show.value_text(by_id[r.indicator_id], r.value, lang) if not pd.isna(r.value)
    else "") for r in grid.itertuples()]
grid["code"] = [CELL_KINDS.index(k) for k in grid.kind]
ids = [i.id for i in columns]
matrix = {field: grid.pivot(index="region_code", columns="indicator_id", values=field).reindex(index=order,
                                                                                                  columns=ids)
          for field in ("code", "short", "text")}
steps = len(CELL_KINDS) - 1
colourscale = []
for i, kind in enumerate(CELL_KINDS):
    colour = CELL_STYLE[kind][0]
    colourscale += [[max(0.0, (i - 0.5) / steps), colour], [min(1.0, (i + 0.5) / steps), colour]]
x_labels = [i.name(lang) for i in columns]
y_labels = [names[c] for c in order]
heat = go.Figure(go.Heatmap(
    z=matrix["code"].values.tolist(), x=x_labels, y=y_labels, text=matrix["short"].values.tolist(),
    texttemplate="%{text}", customdata=matrix["text"].values.tolist(), zmin=0, zmax=steps,
    colorscale=colourscale, showscale=False, xgap=2, ygap=2, textfont=dict(color="#000000"),
    hovertemplate="%{y}<br>%{x}<br>%{customdata}<extra></extra>"))
heat.update_layout(height=30 * len(order) + 220, yaxis=dict(autorange="reversed"),
                   xaxis=dict(side="top", tickangle=-30))
legend = " ".join(show.status_badge(s, lang) for s in show.STATUS_ORDER) + " " + show.unreliable_badge(lang)
chart_tab, table_tab = st.tabs([_("Chart"), _("Table")])
with chart_tab:
    st.plotly_chart(charts.style(heat, lang), config=charts.CONFIG, key="status_heatmap",
                    alt=_("Status of every region on every indicator judged regionally; the Table tab lists the "
                          "same cells."))
    st.markdown(legend, unsafe_allow_html=True)
shown = pd.DataFrame({_("Region"): y_labels})
for indicator, column in zip(columns, ids):
    shown[indicator.name(lang)] = matrix["text"][column].tolist()
with table_tab:
    st.dataframe(shown, hide_index=True, key="status_table")
chart_block.downloads(pd.DataFrame({  # one row per region and indicator, the value apart from its status
    _("Region"): [names[c] for c in grid.region_code], _("Indicator"): [by_id[i].name(lang) for i in grid.indicator_id],
    _("Status"): [show.status_text(t, lang) for t in grid.status], _("Value"): grid.value,
    _("Unit"): [by_id[i].unit(lang) for i in grid.indicator_id],
    _("Lower {confidence}% limit", confidence=methodology.percent()): grid.ci_low,
    _("Upper {confidence}% limit", confidence=methodology.percent()): grid.ci_high, _("Unreliable"): grid.unreliable,
    _("Period"): [label(Period(r.period_start, r.period_end, r.period_kind)) if not pd.isna(r.value) else None
                  for r in grid.itertuples()]}),
    chart_block.export_info(title=_("Status by region"), lang=lang, sources=agencies,
                            period=_("the latest available for each indicator"),
                            illustrative=bool(grid.illustrative.any()), provisional=bool(grid.provisional.any())),
    key="status", stem=f"cp_status_by_region_{geography}")
if grid.unreliable.any():
    st.caption(_(show.UNRELIABLE_NOTE, threshold=stats.UNRELIABLE_BELOW))
files = sorted({f for s in grid.sources if s for f in s.split(", ")})
notices.source_caption(lang, sources=", ".join(files) or "—", period=_("the latest available for each region"),
                       illustrative=bool(grid.illustrative.any()), provisional=bool(grid.provisional.any()))
