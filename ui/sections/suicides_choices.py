"""What the suicides page shares between its sections: the names of its measures, counts or rates
(``?unit=``), the regions' period, measure and geography, and how a region is labelled."""
from __future__ import annotations

import streamlit as st

from i18n import N_
from metrics import suicides, suppression
from ui import controls, formats, permalink
from ui.page import Context

MEASURE_NAMES = {"completed": N_("Completed suicides"), "attempts": N_("Suicide attempts")}
UNIT_NAMES = {suicides.COUNTS: N_("Counts"), suicides.RATES: N_("Rates per 100,000 children")}
PER_100K = N_("per 100,000 children")
LEGEND_BELOW = dict(orientation="h", yanchor="top", y=-0.22, xanchor="left", x=0)  # leaves narrow charts their width


def rate_text(ctx: Context, value) -> str:
    return formats.number(value, ctx.lang, 2)


def joined_sources(values) -> str:
    return ", ".join(sorted({part for v in values if isinstance(v, str) for part in v.split(", ") if part})) or "—"


def unit(ctx: Context) -> None:
    """Counts or rates, for every section of the page; stops the page when nothing is loaded."""
    _ = ctx._
    options = suicides.periods(ctx.db)
    ctx.require(options)
    chosen = permalink.segmented(_("Show"), list(suicides.UNITS), default=suicides.COUNTS, key="unit",
                                 format_func=lambda u: _(UNIT_NAMES[u]))
    ctx.chosen.update(options=options, unit=chosen, rates=chosen == suicides.RATES,
                      limit=suppression.threshold(ctx.db))


def regions(ctx: Context) -> None:
    """The regions' period, measure and geography; ``region_label`` names a region in its geography."""
    _, lang, options = ctx._, ctx.lang, ctx.chosen["options"]
    st.header(_("Regions"))
    labels = {o.key: o.label(lang) for o in options}
    left, right = st.columns(2)
    period_key = permalink.selectbox(_("Period"), list(labels), format_func=labels.get, key="period", container=left)
    measure = permalink.segmented(_("Measure"), list(suicides.MEASURES), default="completed", key="measure",
                                  format_func=lambda m: _(MEASURE_NAMES[m]), container=right)
    geography = controls.geography(lang)
    option = suicides.PeriodOption.from_key(period_key)
    # Names of every region, the merged ones included (comparable geography leaves their rows out).
    names = dict(zip(*[suicides.regional(ctx.db, option, measure)[c] for c in ("region_code", f"name_{lang}")]))

    def region_label(code: str, merged_from: str) -> str:
        """The region's name; in comparable geography "East Kazakhstan Region + Abai Region"."""
        return " + ".join([names.get(code, code), *(names.get(c, c) for c in merged_from.split(", ") if c)])

    ctx.chosen.update(option=option, measure=measure, geography=geography, region_label=region_label)
