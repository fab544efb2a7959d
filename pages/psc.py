"""Psychological Support Centres: staff against the target path, positions, workload and specialist
mix by region for one snapshot, and the centres' monthly activity for the nation or one region."""
from datetime import date

import pandas as pd
import plotly.graph_objects as go
import streamlit as st

from etl.periods import snapshot as snapshot_period
from etl.regions import load_regions
from i18n import N_
from metrics import indicators, psc, suppression, trends
from metrics.catalogue import indicator
from metrics.db import DatabaseMissing, get_database
from ui import charts, formats, lang as ui_lang, notices, permalink, plain, trend_chart
from ui import suppression as hidden_counts
from ui.indicator_display import date_text
from ui.chart_block import chart_block

lang = ui_lang.current()
_ = ui_lang.gettext(lang)
NATION = "all"  # the region selector's key for the whole country
# Source lines come from the indicator catalogue, which names each source in the three languages.
SOURCE_OVER_TIME, SOURCE_NETWORK, SOURCE_WORKLOAD, SOURCE_ACTIVITY = (
    "psc_specialists", "psc_positions_filled_pct", "psc_specialists_per_10k", "psc_cases_bullying_share")
KIND_NAMES = {
    "specialists_psychologist": N_("Psychologists"),
    "specialists_social_pedagogue": N_("Social pedagogues"),
    "specialists_lawyer": N_("Lawyers"),
    "specialists_crisis_psychologist": N_("Crisis psychologists"),
    "specialists_other": N_("Other specialists"),
}
MEASURE_NAMES = {
    "consultations_in_person": N_("In person"),
    "consultations_online": N_("Online"),
    "consultations_group": N_("Group"),
    "consultations_family": N_("Family"),
    "cases_bullying": N_("Bullying"),
    "cases_cyberbullying": N_("Cyberbullying"),
    "cases_violence_family": N_("Violence in the family"),
    "cases_violence_outside": N_("Violence outside the family"),
    "cases_suicidal": N_("Suicidal behaviour"),
    "referrals_in_school": N_("From schools"),
    "referrals_in_111": N_("From the 111 contact centre"),
    "referrals_in_police": N_("From the police"),
    "referrals_in_parents": N_("From parents"),
    "referrals_in_self": N_("Children who came themselves"),
    "referrals_out_police": N_("To the police"),
    "referrals_out_health": N_("To health services"),
    "referrals_out_guardianship": N_("To guardianship authorities"),
}
GROUPS = {  # group: (header, value axis title, chart type)
    "consultations": (N_("Consultations by form"), N_("Consultations"), "bar"),
    "cases": (N_("Cases by issue"), N_("Cases"), "line"),
    "referrals_in": (N_("Referrals to the centres"), N_("Referrals"), "bar"),
    "referrals_out": (N_("Referrals from the centres to other services"), N_("Referrals"), "bar"),
}
COLOURS = charts.OKABE_ITO
REGIONAL_TREND = "psc_specialists_per_10k"

st.title(_("PSC staffing and activity"))
notices.helpline(lang)
st.caption(_("Psychological Support Centres (PSC), one per region: staff against the target, positions, "
             "workload and specialist mix by region, and what the centres do month by month."))

try:
    db = get_database()
    snapshots = psc.snapshots(db)
except DatabaseMissing:
    st.warning(_("No database yet. Build it with: python -m etl ensure-db"))
    st.stop()
if not snapshots:
    st.warning(_("No figures have been loaded yet."))
    st.stop()


def snapshot_label(day: date) -> str:
    return snapshot_period(day).label(lang)


def region_names(frame: pd.DataFrame) -> pd.Series:
    return frame[f"name_{lang}"]


def alphabetical(frame: pd.DataFrame) -> pd.DataFrame:
    """Regions in the reader's alphabetical order, the first at the top of a horizontal bar chart."""
    order = sorted(frame.region, key=lambda n: formats.sort_key(n, lang))
    return frame.set_index("region").loc[order[::-1]].reset_index()


def sources(indicator_id: str) -> str:
    return indicator(indicator_id).text("sources", lang)


def count(value) -> str:
    return formats.integer(value, lang)


# The region chosen here drives every chart that can show one region: the trend and the monthly activity.
names = {region.code: region.name(lang) for region in load_regions()}
codes = sorted(names, key=lambda c: formats.sort_key(names[c], lang))
place_names = {NATION: _("Kazakhstan (all centres)"), **names}
region = permalink.selectbox(_("Region"), [NATION, *codes], key="region", format_func=place_names.get)
region_code = None if region == NATION else region

# --- specialists over time ---------------------------------------------------------------
st.header(_("Specialists over time, against the target"))
if region_code is not None:
    regional = trends.region_trend(indicators.values(db), indicator(REGIONAL_TREND), region_code)
    if regional is None:
        st.info(_("No specialists reported from {place} yet.", place=place_names[region]))
    else:
        st.caption(_("A region is set against the nation per 10,000 children, never as a count beside the "
                     "national count."))
        st.markdown(plain.escape(trend_chart.verdict(regional, lang, names[region_code])))
        trend_names = {"region": names[region_code], "nation": _("Kazakhstan")}
        chart_block(trend_chart.figure(regional, lang, trend_names), trend_chart.table(regional, lang, trend_names),
                    key="specialists_region", lang=lang, sources=sources(SOURCE_WORKLOAD),
                    period=f"{date_text(regional.rows.period_end.min(), lang)} – "
                           f"{date_text(regional.rows.period_end.max(), lang)}",
                    illustrative=bool(regional.rows.illustrative.any()),
                    file_name=f"psc_specialists_per_10k_{region_code}.csv")
    st.subheader(_("Kazakhstan"))
over = psc.specialists_over_time(db)
path = psc.target_path(db)
target = indicator("psc_specialists")
dates = [d.isoformat() for d in over.as_of]
fig = go.Figure()
fig.add_scatter(x=dates, y=over.specialists.tolist(), mode="lines+markers+text", name=_("Specialists"),
                text=[count(v) for v in over.specialists], textposition="top left",
                hovertext=[f"{snapshot_label(d)}: {count(v)}" for d, v in zip(over.as_of, over.specialists)],
                hoverinfo="text", marker=dict(color=COLOURS[0], size=9), line=dict(color=COLOURS[0]))
if not path.empty:
    fig.add_scatter(x=[d.isoformat() for d in path.date], y=path.value.tolist(), mode="lines+markers",
                    name=_("Straight path to the target"), line=dict(color=COLOURS[1], dash="dash"),
                    marker=dict(symbol="diamond", color=COLOURS[1], size=9),
                    hovertext=[f"{snapshot_label(d)}: {count(v)}" for d, v in zip(path.date, path.value)],
                    hoverinfo="text")
fig.update_layout(xaxis=dict(title=_("Snapshot date"), type="date", tickformat="%Y-%m"),
                  yaxis=dict(title=_("Specialists"), rangemode="tozero"), legend=dict(orientation="h", y=-0.2))
table = pd.DataFrame({
    _("Snapshot date"): dates,
    _("Specialists"): over.specialists.astype("Int64"),
    _("Expected on the straight path to the target"): over.target_path.round(0).astype("Int64"),
    _("Source file"): over.sources,
})
chart_block(fig, table, key="specialists", lang=lang, title=_("Specialists over time, against the target"),
            sources=sources(SOURCE_OVER_TIME),
            period=f"{date_text(over.as_of.iloc[0], lang)} – {date_text(over.as_of.iloc[-1], lang)}",
            illustrative=bool(over.illustrative.any()), file_name="psc_specialists.csv")
if target.target_value is not None and target.target_deadline is not None and target.baseline_period is not None:
    st.caption(_("The dashed line runs from {baseline} specialists ({baseline_date}) to the target of {target} "
                 "by {deadline}.", baseline=count(target.baseline_value),
                 baseline_date=date_text(target.baseline_period.end, lang), target=count(target.target_value),
                 deadline=date_text(target.target_deadline, lang)))

# --- one snapshot by region --------------------------------------------------------------
st.header(_("Regions on one date"))
keys = [d.isoformat() for d in snapshots]
as_of_key = permalink.selectbox(_("Snapshot date"), keys, key="as_of",
                                format_func=lambda k: snapshot_label(date.fromisoformat(k)))
as_of = date.fromisoformat(as_of_key)
label = snapshot_label(as_of)
totals = psc.national_staff(db, as_of)
columns = st.columns(4)
columns[0].metric(_("Regions with a centre"), count(totals.get("centres")))
columns[1].metric(_("Specialists"), count(totals.get("specialists")))
columns[2].metric(_("Authorised positions"), count(totals.get("positions_authorised")))
columns[3].metric(_("Filled positions"), count(totals.get("positions_filled")))

st.subheader(_("Authorised and filled positions"))
positions = psc.positions(db, as_of)
positions["region"] = region_names(positions)
positions = alphabetical(positions)
if positions[["positions_authorised", "positions_filled"]].isna().all().all():
    st.info(_("No positions were reported on this date."))
else:
    fig = go.Figure()
    # In a horizontal group the first trace is drawn lowest: filled below authorised in every region.
    fig.add_bar(y=positions.region, x=positions.positions_filled, orientation="h", name=_("Filled positions"),
                marker=dict(color=COLOURS[0]), text=[count(v) for v in positions.positions_filled],
                textposition="outside")
    fig.add_bar(y=positions.region, x=positions.positions_authorised, orientation="h", name=_("Authorised positions"),
                marker=dict(color="#FFFFFF", line=dict(color=COLOURS[0], width=1.5)),
                text=[count(v) for v in positions.positions_authorised], textposition="outside")
    fig.update_layout(barmode="group", legend_traceorder="reversed", title=label, xaxis_title=_("Positions"), height=40 * len(positions) + 140,
                      legend=dict(orientation="h", y=-0.08))
    table = pd.DataFrame({
        _("Region"): positions.region,
        _("Authorised positions"): positions.positions_authorised.astype("Int64"),
        _("Filled positions"): positions.positions_filled.astype("Int64"),
        _("Vacancies"): positions.vacancies.astype("Int64"),
        _("Filled, %"): positions.filled_pct.round(1),
        _("Source file"): positions.source_file,
    })[::-1]
    chart_block(fig, table, key="positions", lang=lang, title=_("Authorised and filled positions"),
                sources=sources(SOURCE_NETWORK), period=label,
                illustrative=bool(positions.illustrative.any()), file_name=f"psc_positions_{as_of_key}.csv")

st.subheader(_("Children per specialist"))
workload = psc.children_per_specialist(db, as_of)
workload["region"] = region_names(workload)
drawn = workload.dropna(subset=["children_per_specialist"]).sort_values("children_per_specialist")
if drawn.empty:
    st.info(_("No region had both specialists and a known child population on this date."))
else:
    fig = go.Figure(go.Bar(y=drawn.region, x=drawn.children_per_specialist, orientation="h",
                           marker=dict(color=COLOURS[0]), text=[count(v) for v in drawn.children_per_specialist],
                           name=_("Children per specialist")))
    fig.update_layout(title=label, xaxis=dict(title=_("Children aged 0-17 per specialist"), tickformat=",d"),
                      height=28 * len(drawn) + 140)
    table = pd.DataFrame({
        _("Region"): drawn.region,
        _("Children aged 0-17"): drawn.children.astype("Int64"),
        _("Specialists"): drawn.specialists.astype("Int64"),
        _("Children per specialist"): drawn.children_per_specialist.round(0).astype("Int64"),
    })[::-1]
    chart_block(fig, table, key="workload", lang=lang, title=_("Children per specialist"),
                sources=sources(SOURCE_WORKLOAD), period=label,
                illustrative=bool(drawn.illustrative.any()), file_name=f"psc_children_per_specialist_{as_of_key}.csv")
    st.caption(_("The most children per specialist at the top. Children are counted on 1 January of the "
                 "snapshot's year."))
left_out = workload[workload.children_per_specialist.isna()]
if not left_out.empty:
    st.caption(_("Not shown (no specialists reported): {regions}.",
                 regions=", ".join(sorted(left_out.region, key=lambda n: formats.sort_key(n, lang)))))

st.subheader(_("Specialists by kind"))
wide = psc.specialist_mix_by_region(db, as_of)
kinds = [k for k in psc.KINDS if k in wide]
if wide.empty or wide[kinds].fillna(0).to_numpy().sum() == 0:
    st.info(_("No specialists by kind were reported on this date."))
else:
    wide["region"] = region_names(wide)
    wide = alphabetical(wide)
    fig = go.Figure()
    for n, kind in enumerate(kinds):
        fig.add_bar(y=wide.region, x=wide[kind], orientation="h", name=_(KIND_NAMES[kind]),
                    marker=dict(color=COLOURS[n % len(COLOURS)]))
    fig.update_layout(barmode="stack", title=label, xaxis_title=_("Specialists"), height=28 * len(wide) + 160,
                      legend=dict(orientation="h", y=-0.08))
    table = pd.DataFrame({_("Region"): wide.region,
                          **{_(KIND_NAMES[k]): wide[k].astype("Int64") for k in kinds}})[::-1]
    chart_block(fig, table, key="mix", lang=lang, title=_("Specialists by kind"),
                sources=sources(SOURCE_NETWORK), period=label,
                illustrative=bool(wide.illustrative.any()), file_name=f"psc_specialist_mix_{as_of_key}.csv")

# --- monthly activity ---------------------------------------------------------------------
st.header(_("Monthly activity"))
frames = {group: psc.activity_by_month(db, group, region_code) for group in GROUPS}
limit = suppression.threshold(db)
if all(frame.empty for frame in frames.values()):
    st.info(_("No monthly activity reports from {place} yet.", place=place_names[region]))
else:
    if region_code is None:
        st.caption(_("National totals add up the centres that reported each month; centres opened at different "
                     "times, so early months count fewer centres (see the table)."))
    for group, (header, axis_title, kind) in GROUPS.items():
        frame = frames[group]
        st.subheader(_(header))
        if frame.empty:
            st.info(_("No figures of this kind reported from {place} yet.", place=place_names[region]))
            continue
        months = sorted(frame.period.unique())
        fig = go.Figure()
        for n, measure in enumerate(m for m in psc.ACTIVITY_GROUPS[group] if m in set(frame.measure)):
            part = frame[frame.measure == measure].set_index("period").reindex(months)
            name = _(MEASURE_NAMES[measure])
            colour = COLOURS[n % len(COLOURS)]
            if kind == "line":
                symbols = ["circle", "square", "diamond", "triangle-up", "x"]
                fig.add_scatter(x=months, y=part.value.tolist(), mode="lines+markers", name=name,
                                line=dict(color=colour), marker=dict(symbol=symbols[n % len(symbols)], color=colour))
            else:
                fig.add_bar(x=months, y=part.value.tolist(), name=name, marker=dict(color=colour))
        hidden = frame[frame.suppressed.notna()]
        if not hidden.empty:  # the hidden months' marks, along the axis: there is no figure to draw
            marks = hidden.assign(mark=hidden_counts.texts(hidden.value, hidden.suppressed, lang, limit))
            by_month = marks.groupby("period").mark.agg(" ".join)
            fig.add_scatter(x=by_month.index.tolist(), y=[0] * len(by_month), mode="text", text=by_month.tolist(),
                            textposition="top center", name=_("Not shown: see the note under the table"),
                            hoverinfo="skip")
        fig.update_layout(barmode="stack", xaxis=dict(title=_("Month"), type="category"),
                          yaxis=dict(title=_(axis_title), tickformat=",d"), title=place_names[region])
        table = pd.DataFrame({
            _("Month"): frame.period,
            _("Measure"): [_(MEASURE_NAMES[m]) for m in frame.measure],
            _("Value"): hidden_counts.column(frame, "value", lang, limit),
            _("Centres reporting"): frame.centres_reporting.astype("Int64"),
        })
        chart_block(fig, table, key=f"activity_{group}", lang=lang, title=f"{_(header)}, {place_names[region]}",
                    sources=sources(SOURCE_ACTIVITY),
                    period=f"{months[0]} – {months[-1]}", illustrative=bool(frame.illustrative.any()),
                    file_name=f"psc_{group}_{region}.csv")
        hidden_counts.legend(lang, limit, frame)
