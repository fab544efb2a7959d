"""Suicides and suicide attempts among minors: national trend with policy events, like-for-like year
to date, sex and age, regions (counts or rates with confidence intervals) and a funnel plot."""
import pandas as pd
import plotly.graph_objects as go
import streamlit as st

from etl.messages import N_
from etl.periods import month_range
from metrics import events, funnel, methodology, stats, suicides, suppression
from metrics.db import DatabaseMissing, get_database
from ui import charts, controls, formats, indicator_display as show, lang as ui_lang, notices, permalink, tilemap
from ui import originals
from ui import suppression as hidden_counts
from ui.chart_block import chart_block

lang = ui_lang.current()
_ = ui_lang.gettext(lang)
MEASURE_NAMES = {"completed": N_("Completed suicides"), "attempts": N_("Suicide attempts")}
UNIT_NAMES = {suicides.COUNTS: N_("Counts"), suicides.RATES: N_("Rates per 100,000 children")}
SEX_NAMES = {"female": N_("Girls"), "male": N_("Boys")}
POSITION_STYLE = {  # colour-blind-safe (Okabe-Ito) colour and symbol of a funnel point by where it lies
    "inside": (charts.OKABE_ITO[0], "circle"),
    "beyond_95": (charts.OKABE_ITO[1], "diamond"),
    "beyond_998": (charts.OKABE_ITO[5], "square"),
}
POSITION_NAMES = {"inside": N_("Within the 95% limits"), "beyond_95": N_("Beyond the 95% limits"),
                  "beyond_998": N_("Beyond the 99.8% limits")}
SIDE_NAMES = {funnel.INSIDE: N_("within"), funnel.ABOVE: N_("above"), funnel.BELOW: N_("below")}
PER_100K = N_("per 100,000 children")
LEGEND_BELOW = dict(orientation="h", yanchor="top", y=-0.22, xanchor="left", x=0)  # leaves narrow charts their width

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
limit = suppression.threshold(db)

unit = permalink.segmented(_("Show"), list(suicides.UNITS), default=suicides.COUNTS, key="unit",
                           format_func=lambda u: _(UNIT_NAMES[u]))
rates = unit == suicides.RATES


def rate_text(value) -> str:
    return formats.number(value, lang, 2)


def joined_sources(values) -> str:
    return ", ".join(sorted({part for v in values if isinstance(v, str) for part in v.split(", ") if part})) or "—"


def event_date(event: events.PolicyEvent) -> str:
    if event.precision == events.MONTH:
        return month_range(event.day.year, event.day.month, event.day.month).label(lang)
    return show.date_text(event.day, lang)


def mark_events(fig: go.Figure, years: list[int]) -> list[events.PolicyEvent]:
    """Dotted lines at the policy events within the years of a category axis (one slot per year,
    1 January at its left edge), numbered at the top; the caption under the chart names them."""
    shown = events.in_years(years)
    fig.update_xaxes(range=[-0.5, len(years) - 0.5])
    for number, event in enumerate(shown, 1):
        x = years.index(event.day.year) - 0.5 + event.year_fraction()
        fig.add_shape(type="line", xref="x", yref="paper", x0=x, x1=x, y0=0, y1=1,
                      line=dict(color=charts.OKABE_ITO[7], width=1, dash="dot"))
        fig.add_annotation(x=x, y=1, xref="x", yref="paper", text=str(number), showarrow=False, yanchor="bottom",
                           font=dict(size=12), bgcolor="#FFFFFF", bordercolor=charts.OKABE_ITO[7], borderwidth=1,
                           hovertext=f"{_(event.label)}, {event_date(event)}")
    return shown


def events_caption(shown: list[events.PolicyEvent]) -> None:
    if shown:
        listed = "; ".join(f"{n}: {_(e.label)} ({event_date(e)})" for n, e in enumerate(shown, 1))
        st.caption(_("Dotted lines mark policy events at their date within the year. {events}.", events=listed))


# --- national trend -------------------------------------------------------------------------------------------
st.header(_("National trend by year"))
if rates:
    trend = suicides.annual_rates(db)
else:
    trend = suicides.annual_trend(db)
if trend.empty:
    st.info(_("No figures for a full year yet."))
else:
    years = sorted({int(y) for y in trend.year})
    fig = go.Figure()
    for measure in suicides.MEASURES:
        part = trend[trend.measure == measure]
        if rates:
            fig.add_scatter(x=part.year.astype(str), y=part.rate, name=_(MEASURE_NAMES[measure]), mode="markers+lines",
                            marker=dict(color=charts.MEASURE_COLOURS[measure], size=10,
                                        symbol=["circle-open" if u else "circle" for u in part.unreliable]),
                            line=dict(color=charts.MEASURE_COLOURS[measure], width=1),
                            error_y=dict(type="data", symmetric=False, array=(part.ci_high - part.rate).tolist(),
                                         arrayminus=(part.rate - part.ci_low).tolist(), visible=True),
                            hovertemplate="%{x}: %{y:.2f}<extra>" + _(MEASURE_NAMES[measure]) + "</extra>")
        else:
            fig.add_bar(x=part.year.astype(str), y=part.value, name=_(MEASURE_NAMES[measure]), text=part.value,
                        marker_color=charts.MEASURE_COLOURS[measure])
    fig.update_xaxes(type="category", categoryorder="array", categoryarray=[str(y) for y in years])
    fig.update_layout(barmode="group", xaxis_title=_("Year"), legend=LEGEND_BELOW,
                      yaxis_title=_(PER_100K) if rates else _("Number of cases"))
    shown_events = mark_events(fig, years)
    if rates:
        table = pd.DataFrame({
            _("Year"): trend.year.astype(int), _("Measure"): [_(MEASURE_NAMES[m]) for m in trend.measure],
            _("Rate per 100,000 children"): trend.rate.round(4),
            _("Lower {confidence}% limit", confidence=methodology.percent()): trend.ci_low.round(4),
            _("Upper {confidence}% limit", confidence=methodology.percent()): trend.ci_high.round(4),
            _("Events"): trend.events.astype(int), _("Children aged 0-17"): trend.children.astype(int),
            _("Unreliable"): trend.unreliable, _("Source files"): trend.sources})
    else:
        table = pd.DataFrame({
            _("Year"): trend.year.astype(int), _("Measure"): [_(MEASURE_NAMES[m]) for m in trend.measure],
            _("Cases"): trend.value.astype(int), _("Regions reporting"): trend.regions_reporting.astype(int),
            _("Source files"): trend.sources})
    chart_block(fig, table, key="trend", lang=lang, title=_("National trend by year"),
                sources=joined_sources(trend.sources),
                period=f"{min(years)}-{max(years)}", illustrative=bool(trend.illustrative.any()),
                provisional=bool(trend.provisional.any()), file_name=f"suicides_national_{unit}.csv")
    events_caption(shown_events)
    if rates:
        st.caption(_("Bars around each rate show its {confidence}% confidence interval; open dots are rates from "
                     "fewer than {threshold} events.", confidence=methodology.percent(),
                     threshold=stats.UNRELIABLE_BELOW))

# --- year to date -----------------------------------------------------------------------------------------------
st.header(_("Year to date, compared with the same months a year earlier"))
latest = options[0]
previous = suicides.PeriodOption(latest.year - 1, latest.month_from, latest.month_to)
if rates:
    current = suicides.rate_comparisons(db, latest)
else:
    comparison = suicides.comparisons(db)
    current = comparison[(comparison.year == latest.year) & (comparison.month_to == latest.month_to)]
if current.empty:
    st.info(_("No figures for the same months of the previous year: no comparison is made."))
else:
    columns = st.columns(len(current))
    for column, row in zip(columns, current.itertuples()):
        versus = _("vs {period}", period=previous.label(lang))
        if rates:
            value = rate_text(row.rate) + (f" {show.UNRELIABLE_MARK}" if row.unreliable else "")
            change = ("+" if row.change > 0 else "-" if row.change < 0 else "") + rate_text(abs(row.change))
            column.metric(_("{measure} per 100,000 children, {period}", measure=_(MEASURE_NAMES[row.measure]),
                            period=latest.label(lang)), value, delta=f"{change} {versus}", delta_color="off",
                          delta_arrow="off" if round(row.change, 2) == 0 else "auto",
                          help=_("{confidence}% confidence interval: {low} to {high}", confidence=methodology.percent(),
                                 low=rate_text(row.ci_low), high=rate_text(row.ci_high)))
        else:
            column.metric(f"{_(MEASURE_NAMES[row.measure])}, {latest.label(lang)}", formats.integer(row.value, lang),
                          delta=formats.signed(row.change, lang) + " " + versus, delta_color="off",
                          delta_arrow="off" if row.change == 0 else "auto")
    sources = current.sources if rates else pd.concat([current.sources, current.sources_previous])
    notices.source_caption(lang, sources=joined_sources(sources), period=latest.label(lang),
                           illustrative=bool(current.illustrative.any()), provisional=bool(current.provisional.any()))

# --- sex and age -----------------------------------------------------------------------------------------------
st.header(_("By sex and age"))
detail_options = suicides.breakdown_periods(db)
if not detail_options:
    st.info(_("No figures by sex and age have been loaded yet."))
else:
    detail_labels = {o.key: o.label(lang) for o in detail_options}
    if len(detail_options) > 1:
        detail_key = permalink.selectbox(_("Period of the breakdown"), list(detail_labels), key="detail_period",
                                         format_func=detail_labels.get)
    else:
        detail_key = detail_options[0].key
    detail = suicides.PeriodOption.from_key(detail_key)
    st.caption(_("National counts for {period}, the only period with figures by sex and age. Shares are of each "
                 "measure's total.", period=detail.label(lang)) if len(detail_options) == 1 else
               _("National counts for {period}. Shares are of each measure's total.", period=detail.label(lang)))
    for by, title, key in (("sex", _("By sex"), "by_sex"), ("age_group", _("By age"), "by_age")):
        parts = suicides.breakdown(db, detail, by)
        if parts.empty:
            st.info(_("No data for this region and period yet."))
            continue
        parts["label"] = [_(SEX_NAMES[g]) if by == "sex" and g in SEX_NAMES else
                          _("Aged {band}", band=g) if by == "age_group" else str(g) for g in parts.group]
        fig = go.Figure()
        for measure in suicides.MEASURES:
            part = parts[parts.measure == measure]
            fig.add_bar(x=part.label, y=part.value.fillna(0), name=_(MEASURE_NAMES[measure]),
                        marker_color=charts.MEASURE_COLOURS[measure],
                        text=[f"{formats.integer(v, lang)} ({formats.percent(s, lang, 0)})" if pd.isna(h) else t
                              for v, s, h, t in zip(part.value, part.share, part.suppressed,
                                                    hidden_counts.texts(part.value, part.suppressed, lang, limit))])
        fig.update_layout(barmode="group", title=f"{title}, {detail.label(lang)}", yaxis_title=_("Number of cases"),
                          legend=LEGEND_BELOW)
        table = pd.DataFrame({
            _("Group"): parts.label, _("Measure"): [_(MEASURE_NAMES[m]) for m in parts.measure],
            _("Cases"): hidden_counts.column(parts, "value", lang, limit),
            _("Share of the measure's total"): parts.share.round(4),
            _("Regions reporting"): parts.regions_reporting.astype(int), _("Source file"): parts.source_file,
            _("Sheet"): parts.source_sheet, _("Cells"): parts.source_cell})
        chart_block(fig, table, key=key, lang=lang, sources=joined_sources(parts.source_file),
                    period=detail.label(lang), illustrative=bool(parts.illustrative.any()),
                    provisional=bool(parts.provisional.any()), file_name=f"suicides_{key}_{detail.key}.csv")
        hidden_counts.legend(lang, limit, parts)
        originals.for_cells(db, parts.source_file, lang, key=f"detail_{key}")

# --- regions ---------------------------------------------------------------------------------------------------
st.header(_("Regions"))
keys = [o.key for o in options]
labels = {o.key: o.label(lang) for o in options}
left, right = st.columns(2)
period_key = permalink.selectbox(_("Period"), keys, format_func=labels.get, key="period", container=left)
measure = permalink.segmented(_("Measure"), list(suicides.MEASURES), default="completed", key="measure",
                              format_func=lambda m: _(MEASURE_NAMES[m]), container=right)
geography = controls.geography(lang)
option = suicides.PeriodOption.from_key(period_key)
regional = suicides.regional_by_geography(db, option, measure, geography)
# Names of every region, the merged ones included (comparable geography leaves their rows out).
names = dict(zip(*[suicides.regional(db, option, measure)[c] for c in ("region_code", f"name_{lang}")]))


def region_label(code: str, merged_from: str) -> str:
    """The region's name; in comparable geography "East Kazakhstan Region + Abai Region"."""
    return " + ".join([names.get(code, code), *(names.get(c, c) for c in merged_from.split(", ") if c)])


regional["region"] = [region_label(c, m) for c, m in zip(regional.region_code, regional.merged_from)]
alphabetical = {name: i for i, name in enumerate(sorted(regional.region, key=lambda n: formats.sort_key(n, lang)))}
st.caption(_("Regions are listed alphabetically, not ranked: small counts vary by chance from year to year."))
if rates:
    shown = suicides.regional_rates(db, option, measure, geography)
    shown["region"] = [region_label(c, m) for c, m in zip(shown.region_code, shown.merged_from)]
else:
    shown = regional[regional.value.notna() | regional.suppressed.notna()]
ordered = shown.sort_values("region", ascending=False, key=lambda s: s.map(alphabetical))
if shown.empty:
    st.info(_("No data for this region and period yet."))
else:
    title = f"{_(MEASURE_NAMES[measure])}, {option.label(lang)}"
    if rates:
        chart = go.Figure()
        for flag, name in ((False, _("Reliable rate")),
                           (True, _("Unreliable: fewer than {threshold} events", threshold=stats.UNRELIABLE_BELOW))):
            part = ordered[ordered.unreliable == flag]
            if part.empty:
                continue
            chart.add_scatter(x=part.rate, y=part.region, mode="markers", name=name, orientation="h",
                              marker=dict(size=10, color=charts.MEASURE_COLOURS[measure],
                                          symbol="circle-open" if flag else "circle"),
                              error_x=dict(type="data", symmetric=False, array=(part.ci_high - part.rate).tolist(),
                                           arrayminus=(part.rate - part.ci_low).tolist(), visible=True),
                              hovertemplate="%{y}: %{x:.2f}<extra></extra>")
        chart.update_layout(title=f"{title}<br><sup>{_(PER_100K)}</sup>", xaxis_title=_("Rate per 100,000 children"),
                            height=24 * len(shown) + 160, legend=LEGEND_BELOW,
                            yaxis=dict(categoryorder="array", categoryarray=ordered.region.tolist()))
        table = pd.DataFrame({
            _("Region"): shown.region, _("Rate per 100,000 children"): shown.rate.round(4),
            _("Lower {confidence}% limit", confidence=methodology.percent()): shown.ci_low.round(4),
            _("Upper {confidence}% limit", confidence=methodology.percent()): shown.ci_high.round(4),
            _("Events"): shown.events.astype(int), _("Children aged 0-17"): shown.children.astype(int),
            _("Unreliable"): shown.unreliable, _("Source file"): shown.source_file, _("Sheet"): shown.source_sheet,
            _("Cell"): shown.source_cell, _("Population file"): shown.population_source_file,
            _("Population sheet"): shown.population_source_sheet, _("Population cell"): shown.population_source_cell})
        files = joined_sources(shown.sources)
    else:
        chart = go.Figure(go.Bar(x=ordered.value.fillna(0), y=ordered.region, orientation="h",
                                 text=hidden_counts.texts(ordered.value, ordered.suppressed, lang, limit),
                                 textposition="outside", cliponaxis=False,  # a hidden count's mark shows at zero
                                 marker_color=charts.MEASURE_COLOURS[measure]))
        chart.update_layout(title=title, xaxis_title=_("Number of cases"), height=24 * len(shown) + 120,
                            yaxis=dict(categoryorder="array", categoryarray=ordered.region.tolist()))
        table = shown[["region", "value", "source_file", "source_sheet", "source_cell"]].assign(
            value=hidden_counts.column(shown, "value", lang, limit)).rename(columns={
                "region": _("Region"), "value": _("Cases"), "source_file": _("Source file"),
                "source_sheet": _("Sheet"), "source_cell": _("Cell")})
        files = joined_sources(shown.source_file)
    chart_block(chart, table, key="regions", lang=lang, sources=files, period=option.label(lang),
                illustrative=bool(shown.illustrative.any()), provisional=bool(shown.provisional.any()),
                file_name=f"suicides_regions_{measure}_{unit}_{geography}_{option.key}.csv")
    originals.for_cells(db, [*shown.source_file, *shown.get("population_source_file", [])], lang, key="regions")
    if rates and shown.unreliable.any():
        st.caption(_(show.UNRELIABLE_NOTE, threshold=stats.UNRELIABLE_BELOW))
    hidden_counts.legend(lang, limit, regional)

# --- funnel plot -----------------------------------------------------------------------------------------------
st.subheader(_("Regional rates against the national rate"))
st.caption(_("A funnel plot: each dot is a region, placed at its number of children and its rate. The lines show how "
             "far a rate can stray from the national rate by chance alone: 95% of regions like it would fall within "
             "the inner lines, 99.8% within the outer ones. The limits are wider for smaller regions, so a small "
             "region is not singled out for a few events more or less."))
shape = funnel.funnel(db, option, measure, geography)
if shape is None:
    st.info(_("No data for this region and period yet."))
else:
    points = shape.points.copy()
    points["region"] = [region_label(c, m) for c, m in zip(points.region_code, points.merged_from)]

    def point_labels(regions) -> list[str]:
        """The first line of each region's short name in the page's language (never a Latin code)."""
        return [name.split("<br>")[0] for name in tilemap.short_names(regions)]

    points["where"] = ["beyond_998" if p998 != funnel.INSIDE else "beyond_95" if p95 != funnel.INSIDE else "inside"
                       for p95, p998 in zip(points.position_95, points["position_99.8"])]
    curve = shape.curve
    fig = go.Figure()
    for level, dash in ((0.998, "dot"), (0.95, "dash")):
        name = funnel.level_name(level)
        label = _("{level}% control limits", level=formats.number(level * 100, lang))
        fig.add_scatter(x=curve.population, y=curve[f"high_{name}"], mode="lines", name=label, legendgroup=name,
                        line=dict(color=charts.OKABE_ITO[7], dash=dash, width=1), hoverinfo="skip")
        fig.add_scatter(x=curve.population, y=curve[f"low_{name}"], mode="lines", name=label, legendgroup=name,
                        showlegend=False, line=dict(color=charts.OKABE_ITO[7], dash=dash, width=1), hoverinfo="skip")
    fig.add_scatter(x=[curve.population.min(), curve.population.max()], y=[shape.national_rate] * 2, mode="lines",
                    name=_("National rate: {rate}", rate=rate_text(shape.national_rate)),
                    line=dict(color=charts.OKABE_ITO[2], width=2), hoverinfo="skip")
    for where, (colour, symbol) in POSITION_STYLE.items():
        part = points[points["where"] == where]
        if part.empty:
            continue
        fig.add_scatter(x=part.children, y=part.rate, mode="markers+text", name=_(POSITION_NAMES[where]),
                        text=point_labels(part.region), textposition="top center", textfont=dict(size=9),
                        marker=dict(size=10, color=colour,
                                    symbol=[f"{symbol}-open" if u else symbol for u in part.unreliable]),
                        customdata=part.region, hovertemplate="%{customdata}: %{y:.2f}<extra></extra>")
    fig.update_layout(title=f"{_(MEASURE_NAMES[measure])}, {option.label(lang)}<br><sup>{_(PER_100K)}</sup>",
                      xaxis_title=_("Children aged 0-17"), yaxis_title=_("Rate per 100,000 children"), height=520,
                      legend=LEGEND_BELOW)
    fig.update_xaxes(type="log")
    table = pd.DataFrame({
        _("Region"): points.region, _("Children aged 0-17"): points.children.astype(int),
        _("Events"): points.events.astype(int), _("Rate per 100,000 children"): points.rate.round(4),
        _("National rate"): round(shape.national_rate, 4),
        _("Lower 95% control limit"): points.low_95.round(4), _("Upper 95% control limit"): points.high_95.round(4),
        _("Lower 99.8% control limit"): points["low_99.8"].round(4),
        _("Upper 99.8% control limit"): points["high_99.8"].round(4),
        _("Against the 95% limits"): [_(SIDE_NAMES[p]) for p in points.position_95],
        _("Against the 99.8% limits"): [_(SIDE_NAMES[p]) for p in points["position_99.8"]],
        _("Unreliable"): points.unreliable, _("Source file"): points.source_file, _("Sheet"): points.source_sheet,
        _("Cell"): points.source_cell, _("Population file"): points.population_source_file,
        _("Population sheet"): points.population_source_sheet, _("Population cell"): points.population_source_cell})
    chart_block(fig, table, key="funnel", lang=lang, sources=joined_sources(points.sources), period=option.label(lang),
                illustrative=bool(points.illustrative.any()), provisional=bool(points.provisional.any()),
                file_name=f"suicides_funnel_{measure}_{geography}_{option.key}.csv")
    outside = points[points["where"] != "inside"]
    if outside.empty:
        st.caption(_("Every region lies within the 95% limits: the differences between regions are no larger than "
                     "chance alone would give."))
    else:
        st.caption(_("Beyond the limits: {regions}. A point beyond the limits is a reason to look closer, not a "
                     "verdict.", regions=", ".join(sorted(outside.region, key=lambda n: formats.sort_key(n, lang)))))
    st.caption(_("Open symbols are rates from fewer than {threshold} events.", threshold=stats.UNRELIABLE_BELOW))
