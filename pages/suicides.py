"""Suicides and suicide attempts among minors: national trend, like-for-like year to date, regions."""
import plotly.graph_objects as go
import streamlit as st

from etl.messages import N_
from metrics import suicides
from metrics.db import DatabaseMissing, get_database
from ui import charts, formats, lang as ui_lang, notices, permalink

lang = ui_lang.current()
_ = ui_lang.gettext(lang)
MEASURE_NAMES = {"completed": N_("Completed suicides"), "attempts": N_("Suicide attempts")}

st.title(_("Suicides and suicide attempts among minors"))
notices.helpline(lang)

try:
    db = get_database()
    options = suicides.periods(db)
except DatabaseMissing:
    st.warning(_("No database yet. Build it with: python -m etl ensure-db"))
    st.stop()
if not options:
    st.warning(_("No figures have been loaded yet."))
    st.stop()

st.header(_("National trend by year"))
trend = suicides.annual_trend(db)
fig = go.Figure()
for measure in suicides.MEASURES:
    part = trend[trend.measure == measure]
    fig.add_bar(x=part.year.astype(str), y=part.value, name=_(MEASURE_NAMES[measure]), text=part.value,
                marker_color=charts.MEASURE_COLOURS[measure])
fig.update_layout(barmode="group", xaxis_title=_("Year"), yaxis_title=_("Number of cases"))
st.plotly_chart(charts.style(fig, lang), config=charts.CONFIG, key="trend_chart")
notices.source_caption(lang, sources=", ".join(sorted(set(trend.sources))),
                       period=f"{trend.year.min()}-{trend.year.max()}",
                       illustrative=bool(trend.illustrative.any()), provisional=bool(trend.provisional.any()))

st.header(_("Year to date, compared with the same months a year earlier"))
latest = options[0]
comparison = suicides.comparisons(db)
current = comparison[(comparison.year == latest.year) & (comparison.month_to == latest.month_to)]
if current.empty:
    st.info(_("No figures for the same months of the previous year: no comparison is made."))
else:
    columns = st.columns(len(current))
    for column, row in zip(columns, current.itertuples()):
        previous = suicides.PeriodOption(latest.year - 1, latest.month_from, latest.month_to)
        column.metric(f"{_(MEASURE_NAMES[row.measure])}, {latest.label(lang)}", formats.integer(row.value, lang),
                      delta=formats.signed(row.change, lang) + " " + _("vs {period}", period=previous.label(lang)),
                      delta_color="off")
    notices.source_caption(lang, sources=", ".join(sorted(set(current.sources) | set(current.sources_previous))),
                           period=latest.label(lang), illustrative=bool(current.illustrative.any()),
                           provisional=bool(current.provisional.any()))

st.header(_("Regions"))
keys = [o.key for o in options]
labels = {o.key: o.label(lang) for o in options}
left, right = st.columns(2)
period_key = permalink.selectbox(_("Period"), keys, format_func=labels.get, key="period", container=left)
measure = permalink.segmented(_("Measure"), list(suicides.MEASURES), default="completed", key="measure",
                              format_func=lambda m: _(MEASURE_NAMES[m]), container=right)
option = suicides.PeriodOption.from_key(period_key)
regional = suicides.regional(db, option, measure)
regional["region"] = regional[f"name_{lang}"]
alphabetical = {name: i for i, name in enumerate(sorted(regional.region, key=lambda n: formats.sort_key(n, lang)))}
shown = regional.dropna(subset=["value"]).sort_values("region", ascending=False, key=lambda s: s.map(alphabetical))
if shown.empty:
    st.info(_("No data for this region and period yet."))
else:
    bars = go.Figure(go.Bar(x=shown.value, y=shown.region, orientation="h", text=shown.value,
                            marker_color=charts.MEASURE_COLOURS[measure]))
    bars.update_layout(title=f"{_(MEASURE_NAMES[measure])}, {option.label(lang)}", xaxis_title=_("Number of cases"),
                       height=24 * len(shown) + 120)
    st.plotly_chart(charts.style(bars, lang), config=charts.CONFIG, key="regions_chart")
    st.caption(_("Regions are listed alphabetically, not ranked: small counts vary by chance from year to year."))
    notices.source_caption(lang, sources=", ".join(sorted(set(shown.source_file))), period=option.label(lang),
                           illustrative=bool(shown.illustrative.any()), provisional=bool(shown.provisional.any()))
    table = regional[["region", "value", "source_file", "source_sheet", "source_cell"]].rename(columns={
        "region": _("Region"), "value": _("Cases"), "source_file": _("Source file"),
        "source_sheet": _("Sheet"), "source_cell": _("Cell")})
    st.dataframe(table, hide_index=True, key="regions_table")
