"""Region profile: one region's indicators against the nation and the regions most alike in child
population, all for the same period, with confidence intervals for rates."""
import pandas as pd
import streamlit as st

from etl.periods import Period
from etl.regions import load_regions
from metrics import citations, indicators, methodology, peers, stats, trends
from metrics.catalogue import load_catalogue
from metrics.db import DatabaseMissing, get_database
from ui import chart_block, formats, indicator_display as show, lang as ui_lang, notices, plain, trend_chart

lang = ui_lang.current()
_ = ui_lang.gettext(lang)

st.title(_("Region profile"))
notices.helpline(lang)
st.caption(_("Every indicator of a region beside the national figure and the regions most alike in the number of "
             "children, for the same period. Bars around a rate show its {confidence}% confidence interval.",
             confidence=methodology.percent()))

regions = formats.sorted_names(load_regions(), lang, lambda r: r.name(lang))
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

st.subheader(_("Trends against Kazakhstan"))
st.caption(_("Each indicator over time for the region and the nation, as rates or shares, with {confidence}% "
             "intervals and the straight path to the target; the words above each chart say how the region stands "
             "against Kazakhstan and whether its latest change is real.", confidence=methodology.percent()))
place_names = {"region": names[region], "nation": _("Kazakhstan")}
received = citations.received(db)
for item in trends.region_trends(frame, catalogue, region):
    indicator = item.indicator
    st.markdown(f"**{indicator.name(lang)}**")
    st.markdown(plain.escape(trend_chart.verdict(item, lang, names[region])))
    chart_block.chart_block(trend_chart.figure(item, lang, place_names), trend_chart.table(item, lang, place_names),
                key=f"trend_{indicator.id}", lang=lang,
                sources=notices.cite(lang, citations.sources_of(indicator), received),
                period=f"{period_label(item.rows.iloc[0])} – {period_label(item.rows.iloc[-1])}",
                illustrative=bool(item.rows.illustrative.any()), provisional=bool(item.rows.provisional.any()),
                file_name=f"cp_trend_{region}_{indicator.id}.csv")
st.caption(_("Filled dots are reliable; open dots are rates from fewer than {threshold} events.",
             threshold=stats.UNRELIABLE_BELOW))
notices.source_caption(lang, sources=agencies, period=_("the region's latest period for each indicator"),
                       illustrative=bool(comparison.illustrative.any()),
                       provisional=bool(comparison.provisional.any()))
