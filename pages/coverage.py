"""Regional coverage: any indicator on a tile map of the 20 regions (and on real boundaries when the
user supplies them), school psychologists against the norm, 111 appeals and the PSC network."""
from datetime import date

import pandas as pd
import plotly.graph_objects as go
import streamlit as st

from etl.periods import Period
from metrics import boundaries, citations, coverage, grading, helpline, methodology, psc, schools, stats, suppression
from metrics.catalogue import load_catalogue
from metrics.db import DatabaseMissing, get_database
from ui import charts, formats, indicator_display as show, lang as ui_lang, notices, permalink, plain, tilemap
from ui import suppression as hidden_counts
from ui.chart_block import chart_block

lang = ui_lang.current()
_ = ui_lang.gettext(lang)
DEFAULT_INDICATOR = "psc_specialists_per_10k"
SUICIDE_INDICATORS = {"suicide_rate", "attempt_rate"}  # the page then shows where to get help
# Source lines come from the indicator catalogue, which names each source in the three languages.
SOURCE_SCHOOLS, SOURCE_HELPLINE, SOURCE_CENTRES = "pupils_per_psychologist", "helpline_appeals_per_1000", "psc_regions"
COLOURS = charts.OKABE_ITO
SCHOOLS_TARGET = "schools_meeting_norm_pct"

st.title(_("Regional coverage"))
st.caption(_("How far the measures of the plan reach each of the 20 regions: any indicator on a map of equal "
             "squares, school psychologists against the norm, appeals to the 111 contact centre and the "
             "Psychological Support Centres."))

try:
    db = get_database()
    indicator_ids = coverage.indicator_ids(db)
except DatabaseMissing:
    st.warning(_("No database yet. Build it with: python -m etl ensure-db"))
    st.stop()
if not indicator_ids:
    st.warning(_("No figures have been loaded yet."))
    st.stop()
catalogue = {i.id: i for i in load_catalogue()}


def sources(indicator_id: str) -> str:
    return catalogue[indicator_id].text("sources", lang)


def count(value) -> str:
    return formats.integer(value, lang)


def by_name(frame: pd.DataFrame) -> pd.DataFrame:
    """Regions in the reader's alphabetical order."""
    return frame.iloc[sorted(range(len(frame)), key=lambda i: formats.sort_key(frame.region.iloc[i], lang))]


def code(text) -> str:
    """Shown as code: identifiers and paths stay as they are in every language."""
    return plain.code(text)


# --- any indicator on the tile map ---------------------------------------------------------
st.header(_("Indicators by region"))
left, right = st.columns(2)
indicator_id = permalink.selectbox(_("Indicator"), indicator_ids, key="indicator", default=DEFAULT_INDICATOR,
                                   format_func=lambda i: catalogue[i].name(lang), container=left)
indicator = catalogue[indicator_id]
options = coverage.period_options(db, indicator_id)
period_key = permalink.selectbox(_("Period"), list(options), key="period",
                                 format_func=lambda k: options[k].label(lang), container=right)
period_label = options[period_key].label(lang)
if indicator_id in SUICIDE_INDICATORS:
    notices.helpline(lang)
unit = indicator.unit(lang)

regional = coverage.regional(db, indicator_id, period_key)
regional["region"] = regional[f"name_{lang}"]
regional["shown"] = [show.value_text(indicator, None if pd.isna(v) else float(v), lang, unreliable=bool(u) if not pd.isna(u) else False)
                     for v, u in zip(regional.value, regional.unreliable)]
if "suppressed" in regional:  # the public edition withholds a value computed from a hidden count: "x"
    regional["shown"] = [suppression.SECONDARY_MARK if isinstance(h, str) else s
                         for s, h in zip(regional.shown, regional.suppressed)]
regional["status_text"] = [show.status_text(s, lang) if isinstance(s, str) else "" for s in regional.status]
regional["tile_label"] = [f"{name}<br><b>{value}</b>" for name, value in
                          zip(tilemap.short_names(regional.region), regional.shown)]
regional["hover"] = [f"<b>{name}</b><br>{value} {unit}" + (f"<br>{status}" if indicator.scored and status else "")
                     for name, value, status in zip(regional.region, regional.shown, regional.status_text)]
nation = coverage.national(db, indicator_id, period_key)
if nation is not None and not pd.isna(nation.value):
    st.metric(_("Kazakhstan"), f"{show.value_text(indicator, float(nation.value), lang)} {unit}")
nation_value = None if nation is None or pd.isna(nation.value) else float(nation.value)
scale = grading.scale(indicator)
regional["grade"] = grading.grades(indicator, regional, nation_value) if indicator.is_rate else grading.NO_DATA
regional["grade_code"] = [scale.index(g) for g in regional.grade]
regional["grade_text"] = [show.grade_text(g, lang) if indicator.is_rate else "" for g in regional.grade]
regional["hover"] = [f"{h}<br>{g}" if g else h for h, g in zip(regional.hover, regional.grade_text)]
values = regional.value.dropna()
# A fixed scale from zero (never stretched between the lowest and highest region), darker where worse.
zmin, zmax = 0.0, (float(values.max()) if not values.empty else None)
if indicator.is_rate:
    fig = tilemap.tile_map(regional, value="grade_code", label="tile_label", hover="hover",
                           categorical={i: (show.GRADE_STYLE[g][0], show.grade_text(g, lang))
                                        for i, g in enumerate(scale)})
else:  # a count of a region is not set against the nation's count: shaded by size only
    fig = tilemap.tile_map(regional, value="value", label="tile_label", hover="hover",
                           colorscale=tilemap.LIGHT_SCALE, reversescale=indicator.direction == "higher",
                           zmin=zmin, zmax=zmax, colorbar_title=unit)
fig.update_layout(title=dict(text=f"{indicator.name(lang)}<br><sup>{period_label}</sup>", font=dict(size=14)))
table = by_name(regional)
tile_table = pd.DataFrame({
    _("Region"): table.region,
    _("Value"): table.value.round(3),
    _("Unit"): unit,
    _("Numerator"): table.numerator,
    _("Denominator"): table.denominator,
    _("Status"): table.status_text,
    _("Against Kazakhstan"): table.grade_text,
    _("Source file"): table.sources,
})
chart_block(fig, tile_table, key="tilemap", lang=lang,
            sources=notices.cite(lang, citations.sources_of(indicator), citations.received(db)), period=period_label,
            illustrative=bool(regional.illustrative.fillna(False).any()),
            provisional=bool(regional.provisional.fillna(False).any()),
            file_name=f"coverage_{indicator_id}_{period_key}.csv")
if indicator.is_rate:
    st.markdown(show.grade_legend(scale, lang), unsafe_allow_html=True)
    st.caption(_("The colours are the same for every indicator and period: each region against the national figure, "
                 "by its {confidence}% interval where the indicator has one. Rates from fewer than {threshold} events "
                 "are grey and not graded: chance alone moves them too much.", confidence=methodology.percent(),
                 threshold=stats.UNRELIABLE_BELOW))
else:
    st.caption(_("A count is shaded by its size on a scale from zero; where the indicator has a direction, darker "
                 "is worse. A region's count is not set against the nation's."))
st.caption(_("Each square is one region, placed roughly where it lies; every region gets the same size, so small "
             "regions read as clearly as large ones. A square without a value has no figure for this period."))
if regional.unreliable.fillna(False).astype(bool).any():
    st.caption(_(show.UNRELIABLE_NOTE, threshold=stats.UNRELIABLE_BELOW))
hidden_counts.legend(lang, suppression.threshold(db), regional)

st.subheader(_("Map with region boundaries"))
try:
    shapes = boundaries.configured()
except boundaries.BoundaryError as error:
    shapes = None
    st.warning(_(error.msgid, **{k: code(v) for k, v in error.params.items()}))
else:
    if shapes is None:
        # How to add a boundary file is for whoever runs the dashboard: the README says it.
        st.caption(_("Region boundaries are not included: no openly licensed boundary file has the 20 regions of "
                     "2022, so the squares above stand in for a map."))
if shapes is not None:
    drawn = regional[regional.region_code.isin(shapes.codes)]
    fig = tilemap.choropleth(shapes.geojson, drawn, value="value", hover="hover", bounds=boundaries.bounds(shapes),
                             feature_id_key=shapes.feature_id_key, zmin=zmin, zmax=zmax, colorbar_title=unit,
                             no_data_name=_("No data"))
    fig.update_layout(title=dict(text=f"{indicator.name(lang)}<br><sup>{period_label}</sup>", font=dict(size=14)))
    drawn = by_name(drawn)
    chart_block(fig, pd.DataFrame({_("Region"): drawn.region, _("Value"): drawn.value.round(3), _("Unit"): unit,
                                   _("Status"): drawn.status_text, _("Source file"): drawn.sources}),
                key="choropleth", lang=lang, sources=indicator.text("sources", lang), period=period_label,
                illustrative=bool(drawn.illustrative.fillna(False).any()),
                provisional=bool(drawn.provisional.fillna(False).any()),
                file_name=f"coverage_map_{indicator_id}_{period_key}.csv")
    names = dict(zip(regional.region_code, regional.region))
    if shapes.outdated:
        st.warning(_("The boundary file seems older than June 2022: it has no shape for {regions}, and the regions "
                     "they were split from are drawn with their former borders.",
                     regions=", ".join(names[c] for c in shapes.outdated)))
    elif shapes.missing:
        st.caption(_("Not drawn (no shape in the boundary file): {regions}.",
                     regions=", ".join(names[c] for c in shapes.missing)))

# --- school psychologists -------------------------------------------------------------------
norm = schools.norm()
st.header(_("School psychologists against the norm of one per {norm} pupils", norm=count(norm)))
years = schools.school_years(db)
if not years:
    st.info(_("No figures on school psychologists yet."))
else:
    school_year = permalink.selectbox(_("School year"), years, key="school_year",
                                      format_func=lambda y: schools.period_of(y).label(lang))
    year_label = schools.period_of(school_year).label(lang)
    frame = schools.by_region(db, school_year)
    frame["region"] = frame[f"name_{lang}"]
    nation = schools.national(db, school_year)
    columns = st.columns(3)
    columns[0].metric(_("Pupils per psychologist"), count(nation.pupils_per_psychologist))
    columns[1].metric(_("Schools meeting the norm"), count(nation.schools_meeting_norm),
                      delta=_("{share} of schools", share=formats.percent(nation.schools_meeting_norm_pct / 100, lang)),
                      delta_color="off", delta_arrow="off")
    columns[2].metric(_("Psychologists employed"), count(nation.psychologists),
                      delta=_("{share} of the positions due", share=formats.percent(nation.psychologists_pct_due / 100,
                                                                                    lang)),
                      delta_color="off", delta_arrow="off")

    st.subheader(_("Pupils per psychologist"))
    drawn = frame.dropna(subset=["pupils_per_psychologist"]).sort_values("pupils_per_psychologist")
    if drawn.empty:
        st.info(_("No region reported both pupils and psychologists for this school year."))
    else:
        fig = go.Figure()
        for meets, name, colour, pattern in ((True, _("Within the norm"), COLOURS[0], ""),
                                             (False, _("Above the norm"), COLOURS[5], "/")):
            part = drawn[drawn.meets_norm == meets]
            fig.add_bar(y=part.region, x=part.pupils_per_psychologist, orientation="h", name=name,
                        marker=dict(color=colour, pattern=dict(shape=pattern, fillmode="overlay", fgcolor="#FFFFFF",
                                                               fgopacity=0.6)),
                        text=[count(v) for v in part.pupils_per_psychologist],
                        textposition="inside" if meets else "outside")
        fig.add_vline(x=norm, line=dict(color=COLOURS[7], dash="dash", width=2),
                      annotation=dict(text=_("Norm: {norm}", norm=count(norm)), yanchor="bottom"))
        widest = max(float(drawn.pupils_per_psychologist.max()), norm)
        fig.update_layout(title=year_label, height=28 * len(drawn) + 160,
                          xaxis=dict(title=_("Pupils per psychologist"), range=[0, widest * 1.12]),
                          yaxis=dict(categoryorder="array", categoryarray=drawn.region.tolist()),
                          legend=dict(orientation="h", y=-0.08))
        ordered = drawn[::-1]
        table = pd.DataFrame({
            _("Region"): ordered.region,
            _("Pupils"): ordered.pupils.astype("Int64"),
            _("Psychologists"): ordered.psychologists.astype("Int64"),
            _("Pupils per psychologist"): ordered.pupils_per_psychologist.round(1),
            _("Within the norm"): [_("yes") if m else _("no") for m in ordered.meets_norm],
            _("Source file"): ordered.source_file,
        })
        chart_block(fig, table, key="pupils", lang=lang, title=_("Pupils per psychologist"),
                    sources=sources(SOURCE_SCHOOLS), period=year_label,
                    illustrative=bool(drawn.illustrative.any()), provisional=bool(drawn.provisional.any()),
                    file_name=f"pupils_per_psychologist_{school_year}.csv")
        st.caption(_("The most pupils per psychologist at the top; hatched bars are above the norm."))

    st.subheader(_("Schools meeting the norm"))
    drawn = frame.dropna(subset=["schools_meeting_norm_pct"]).sort_values("schools_meeting_norm_pct")
    if drawn.empty:
        st.info(_("No region reported schools meeting the norm for this school year."))
    else:
        # A neutral colour: green would say "good" where every region may still be short of the target.
        fig = go.Figure(go.Bar(y=drawn.region, x=drawn.schools_meeting_norm_pct, orientation="h",
                               marker=dict(color=COLOURS[4]), name=_("Schools meeting the norm"),
                               text=[formats.percent(v / 100, lang) for v in drawn.schools_meeting_norm_pct]))
        fig.update_layout(title=year_label, xaxis=dict(title=_("Schools meeting the norm, %"), range=[0, 105]),
                          height=28 * len(drawn) + 140)
        norm_target = catalogue.get(SCHOOLS_TARGET)
        if norm_target is not None and norm_target.target_value is not None:
            fig.add_vline(x=norm_target.target_value, line=dict(color=COLOURS[7], dash="dash", width=2),
                          annotation=dict(text=_("Target: {value}% by {deadline}",
                                                 value=count(norm_target.target_value),
                                                 deadline=show.date_text(norm_target.target_deadline, lang)),
                                          yanchor="bottom", xanchor="right"))
        ordered = drawn[::-1]
        table = pd.DataFrame({
            _("Region"): ordered.region,
            _("Schools"): ordered.schools.astype("Int64"),
            _("Schools meeting the norm"): ordered.schools_meeting_norm.astype("Int64"),
            _("Schools meeting the norm, %"): ordered.schools_meeting_norm_pct.round(1),
            _("Source file"): ordered.source_file,
        })
        chart_block(fig, table, key="schools_norm", lang=lang, title=_("Schools meeting the norm"),
                    sources=sources(SOURCE_SCHOOLS), period=year_label,
                    illustrative=bool(drawn.illustrative.any()), provisional=bool(drawn.provisional.any()),
                    file_name=f"schools_meeting_norm_{school_year}.csv")

# --- 111 appeals ------------------------------------------------------------------------------
st.header(_("Children's appeals to the 111 contact centre"))
appeal_periods = {p.key(): p for p in helpline.periods(db)}
if not appeal_periods:
    st.info(_("No figures on the 111 contact centre yet."))
else:
    key = permalink.selectbox(_("Period of the appeals"), list(appeal_periods), key="appeals_period",
                              format_func=lambda k: appeal_periods[k].label(lang))
    chosen: Period = appeal_periods[key]
    appeals_label = chosen.label(lang)
    frame = helpline.by_region(db, chosen.start, chosen.end)
    frame["region"] = frame[f"name_{lang}"]
    columns = st.columns(4)
    columns[0].metric(_("Appeals"), count(frame.appeals_total.sum(min_count=1)))
    columns[1].metric(_("by QR code"), count(frame.appeals_qr.sum(min_count=1)))
    columns[2].metric(_("by phone"), count(frame.appeals_phone.sum(min_count=1)))
    columns[3].metric(_("Children supported"), count(frame.children_supported.sum(min_count=1)))
    drawn = frame.dropna(subset=["appeals_per_1000"]).sort_values("appeals_per_1000")
    if drawn.empty:
        st.info(_("No region has both appeals and a known child population for this period."))
    else:
        fig = go.Figure(go.Bar(y=drawn.region, x=drawn.appeals_per_1000, orientation="h", marker=dict(color=COLOURS[0]),
                               name=_("Appeals per 1,000 children"),
                               text=[formats.number(v, lang, 1) for v in drawn.appeals_per_1000]))
        fig.update_layout(title=appeals_label, xaxis_title=_("Appeals per 1,000 children aged 0-17"),
                          height=28 * len(drawn) + 140)
        ordered = drawn[::-1]
        table = pd.DataFrame({
            _("Region"): ordered.region,
            _("Appeals"): ordered.appeals_total.astype("Int64"),
            _("by QR code"): ordered.appeals_qr.astype("Int64"),
            _("by phone"): ordered.appeals_phone.astype("Int64"),
            _("Children aged 0-17"): ordered.children.astype("Int64"),
            _("Appeals per 1,000 children"): ordered.appeals_per_1000.round(2),
            _("Children given psychological support"): ordered.children_supported.astype("Int64"),
            _("Source file"): ordered.source_file,
        })
        chart_block(fig, table, key="appeals", lang=lang, title=_("Children's appeals to the 111 contact centre"),
                    sources=sources(SOURCE_HELPLINE), period=appeals_label,
                    illustrative=bool(drawn.illustrative.any()), provisional=bool(drawn.provisional.any()),
                    file_name=f"appeals_111_{key}.csv")
        st.caption(_("More appeals may mean more need or more trust in the line: the rate is shown, not judged."))

# --- the PSC network --------------------------------------------------------------------------
st.header(_("Psychological Support Centres by region"))
snapshots = psc.snapshots(db)
if not snapshots:
    st.info(_("No figures on the Psychological Support Centres yet."))
else:
    latest: date = snapshots[0]
    latest_label = Period(latest, latest, "snapshot").label(lang)
    network = psc.presence(db, latest)
    network["region"] = network[f"name_{lang}"]
    columns = st.columns(2)
    columns[0].metric(_("Regions with a centre"), _("{count} of {total}", count=count(int(network.has_centre.sum())),
                                                       total=count(len(network))))
    columns[1].metric(_("Branches"), count(network.branches.sum(min_count=1)))
    opened = network[network.has_centre & network.opened.notna()].sort_values(["opened", "region"])
    if opened.empty:
        st.info(_("No opening dates were reported."))
    else:
        fig = go.Figure(go.Scatter(
            x=[d.isoformat() for d in opened.opened], y=opened.region, mode="markers+text",
            marker=dict(color=COLOURS[0], size=[10 + 3 * min(int(b or 0), 6) for b in opened.branches.fillna(0)]),
            text=[_("branches: {count}", count=count(b)) for b in opened.branches], textposition="middle right",
            name=_("Opened"),
            hovertext=[f"{r}: {show.date_text(d, lang)}" for r, d in zip(opened.region, opened.opened)],
            hoverinfo="text"))
        fig.update_layout(title=latest_label, xaxis=dict(title=_("Opening date"), type="date", tickformat="%Y-%m"),
                          yaxis=dict(categoryorder="array", categoryarray=opened.region.tolist()[::-1]),
                          height=28 * len(opened) + 140)
        table = pd.DataFrame({
            _("Region"): opened.region,
            _("Centre"): opened.centre_name,
            _("Opened"): [d.isoformat() for d in opened.opened],
            _("Branches"): opened.branches.astype("Int64"),
            _("Specialists"): opened.specialists.astype("Int64"),
            _("Source file"): opened.source_file,
        })
        chart_block(fig, table, key="centres", lang=lang, title=_("Psychological Support Centres by region"),
                    sources=sources(SOURCE_CENTRES), period=latest_label,
                    illustrative=bool(opened.illustrative.any()), file_name=f"psc_centres_{latest.isoformat()}.csv")
        st.caption(_("Centres in the order they opened; a larger dot means more branches."))
    without = network[~network.has_centre]
    if not without.empty:
        st.caption(_("No centre reported: {regions}.",
                     regions=", ".join(sorted(without.region, key=lambda n: formats.sort_key(n, lang)))))
