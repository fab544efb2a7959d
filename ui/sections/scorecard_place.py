"""The CP indicators' place: the nation or a region, in current regions or comparable geography;
the indicator values of that geography for every section after it."""
from __future__ import annotations

import streamlit as st

from metrics.regions import regions as db_regions
from metrics import indicators, scorecard
from metrics.catalogue import load_catalogue
from ui import controls, formats, indicator_display as show
from ui.page import Context


def render(ctx: Context) -> None:
    _ = ctx._
    regions = formats.sorted_names(db_regions(ctx.db), ctx.lang, lambda r: r.name(ctx.lang))
    names = {indicators.NATION: _("Kazakhstan (national)"), **{r.code: r.name(ctx.lang) for r in regions}}
    left, right = st.columns([2, 3], vertical_alignment="bottom")
    region = show.region_selector(left, _("Region"), list(names), names)
    geography = controls.geography(ctx.lang, right)
    place = scorecard.shown_region(region, geography)
    if place != region:
        st.info(_("With comparable geography, {region} is counted within {parent}: its figures are shown there.",
                  region=names[region], parent=names[place]))
    frame = indicators.values(ctx.db, geography)
    ctx.require(frame)
    catalogue = load_catalogue()
    ctx.chosen.update(regions=regions, names=names, geography=geography, place=place, frame=frame,
                      catalogue=catalogue, by_id={i.id: i for i in catalogue},
                      agencies="; ".join(dict.fromkeys(part for i in catalogue
                                                       for part in i.text("sources", ctx.lang).split("; "))))
