"""Region profile: one region's indicators against the nation and the regions most alike in child
population, all for the same period, with confidence intervals for rates."""
import pandas as pd
import plotly.graph_objects as go
import streamlit as st

from etl.periods import Period
from etl.regions import load_regions
from metrics import indicators, methodology, peers, stats
from metrics.catalogue import load_catalogue
from metrics.db import DatabaseMissing, get_database
from ui import chart_block, charts, indicator_display as show, lang as ui_lang, notices, plain

lang = ui_lang.current()
_ = ui_lang.gettext(lang)
ROLE_COLOURS = {"region": charts.OKABE_ITO[5], "nation": charts.OKABE_ITO[7], "peer": charts.OKABE_ITO[0]}

st.title(_("Region profile"))
notices.helpline(lang)
st.caption(_("Every indicator of a region beside the national figure and the regions most alike in the number of "
             "children, for the same period. Bars around a rate show its {confidence}% confidence interval.",
             confidence=methodology.percent()))

regions = sorted(load_regions(), key=lambda r: r.name(lang))
names = {r.code: r.name(lang) for r in regions}
names_with_nation = {indicators.NATION: _("Kazakhstan (national)"), **names}
region = show.region_selector(st, _("Region"), list(names), names)

try:
    db = get_database()
    frame = indicators.values(db)
    alike = peers.most_alike(db, region)
except DatabaseMissing:
    st.warning(_("No database yet. Build it with: python -m etl ensure-db"))
    st.stop()
if frame.empty:
    st.warning(_("No figures have been loaded yet."))
    st.stop()
catalogue = load_catalogue()
by_id = {i.id: i for i in catalogue}

st.header(names[region])
population = peers.child_population(db)
own = population[population.region_code == region]
if own.empty:
    st.info(_("The child population of this region is not known, so no region can be compared with it."))
else:
    year = int(own.year.iloc[0])
    st.metric(_("Children aged 0-17 on 1 January {year}", year=year), show.number(float(own.children.iloc[0]), lang))
    listed = ", ".join(_("{region} ({children} children)", region=names[c], children=show.number(float(n), lang))
                       for c, n in zip(alike.region_code, alike.children))
    st.markdown(_("Most alike in child population: {regions}.", regions=listed))
peer_codes = alike.region_code.tolist()
comparison = peers.comparison(frame, catalogue, region, peer_codes)
places = [region, indicators.NATION, *peer_codes]


def cell(indicator, row) -> str:
    if pd.isna(row.value):
        return "—"
    text = show.value_text(indicator, row.value, lang, unreliable=bool(row.unreliable))
    if not pd.isna(row.ci_low):
        text += f" ({show.interval_text(indicator, row.ci_low, row.ci_high, lang, row.value)})"
    return text


def period_label(row) -> str:
    return Period(row.period_start, row.period_end, row.period_kind).label(lang)


table = []
for indicator_id, part in comparison.groupby("indicator_id", sort=False):
    indicator = by_id[indicator_id]
    part = part.set_index("region_code")
    entry = {_("Indicator"): indicator.name(lang), _("Period"): period_label(part.iloc[0])}
    for code in places:
        entry[names_with_nation[code]] = cell(indicator, part.loc[code])
    entry[_("Status of the region")] = show.status_text(part.loc[region, "status"], lang)
    table.append(entry)
shown = pd.DataFrame(table)
st.subheader(_("Indicators beside the nation and the most alike regions"))
if shown.empty:
    st.info(_("No data for this region and period yet."))
    st.stop()
st.dataframe(shown, hide_index=True, key="profile_table")
# The files keep value, interval limits and flags in columns of their own, one row per indicator and place.
confidence = methodology.percent()
agencies = "; ".join(dict.fromkeys(part for i in dict.fromkeys(comparison.indicator_id)
                                   for part in by_id[i].text("sources", lang).split("; ")))
chart_block.downloads(pd.DataFrame({
    _("Indicator"): [by_id[i].name(lang) for i in comparison.indicator_id],
    _("Unit"): [by_id[i].unit(lang) for i in comparison.indicator_id],
    _("Period"): [period_label(row) for row in comparison.itertuples()],
    _("Region"): [names_with_nation[c] for c in comparison.region_code],
    _("Value"): comparison.value, _("Lower {confidence}% limit", confidence=confidence): comparison.ci_low,
    _("Upper {confidence}% limit", confidence=confidence): comparison.ci_high,
    _("Unreliable"): comparison.unreliable, _("Numerator"): comparison.numerator,
    _("Denominator"): comparison.denominator, _("Status"): [show.status_text(s, lang) for s in comparison.status],
    _("Source files"): comparison.sources}),
    chart_block.export_info(title=f'{_("Indicators beside the nation and the most alike regions")}: {names[region]}',
                            lang=lang, sources=agencies, period=_("the region's latest period for each indicator"),
                            illustrative=bool(comparison.illustrative.fillna(False).any()),
                            provisional=bool(comparison.provisional.fillna(False).any())),
    key="profile", stem=f"cp_region_profile_{region}")
if comparison.unreliable.any():
    st.caption(_(show.UNRELIABLE_NOTE, threshold=stats.UNRELIABLE_BELOW))
st.caption(_("Values in brackets are {confidence}% confidence intervals.", confidence=methodology.percent()))

st.subheader(_("Charts"))
grid = st.columns(2)
for n, (indicator_id, part) in enumerate(comparison.groupby("indicator_id", sort=False)):
    indicator = by_id[indicator_id]
    part = part.set_index("region_code").loc[places].reset_index()
    labels = [names_with_nation[c] for c in part.region_code]
    fig = go.Figure()
    for role in peers.ROLES:
        rows = part[part.role == role]
        has_ci = rows.ci_low.notna().any()
        fig.add_scatter(
            x=rows.value.tolist(), y=[names_with_nation[c] for c in rows.region_code], mode="markers",
            name={"region": _("Region"), "nation": _("Kazakhstan"), "peer": _("Most alike")}[role],
            marker=dict(size=11, color=ROLE_COLOURS[role],
                        symbol=["circle-open" if u else "circle" for u in rows.unreliable]),
            error_x=dict(type="data", symmetric=False, array=(rows.ci_high - rows.value).tolist(),
                         arrayminus=(rows.value - rows.ci_low).tolist(), visible=True) if has_ci else None,
            hovertemplate="%{y}: %{x}<extra></extra>")
    fig.update_layout(title=dict(text=f"{indicator.name(lang)}<br><sup>{period_label(part.iloc[0])}, "
                                      f"{indicator.unit(lang)}</sup>", font=dict(size=13)),
                      height=90 + 32 * len(labels), showlegend=False,
                      yaxis=dict(categoryorder="array", categoryarray=labels[::-1]))
    with grid[n % 2]:
        st.plotly_chart(charts.style(fig, lang), config=charts.CONFIG, key=f"profile_{indicator_id}",
                        alt=_("{indicator}: the region, the nation and the most alike regions",
                              indicator=indicator.name(lang)))
        files = sorted({f for s in part.sources.dropna() for f in s.split(", ")})
        st.caption(_("Source: {sources}. Period: {period}.", sources=plain.escape(", ".join(files) or "—"),
                     period=period_label(part.iloc[0]))
                   + (" " + _("⚠️ illustrative") if part.illustrative.any() else ""))
st.caption(_("Filled dots are reliable; open dots are rates from fewer than {threshold} events.",
             threshold=stats.UNRELIABLE_BELOW))
notices.source_caption(lang, sources=agencies, period=_("the region's latest period for each indicator"),
                       illustrative=bool(comparison.illustrative.any()),
                       provisional=bool(comparison.provisional.any()))
