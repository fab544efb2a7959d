"""The Region profile's region (``?region=``), its child population and the regions most alike in it."""
from __future__ import annotations

import streamlit as st

from metrics.regions import regions as db_regions
from metrics import indicators, peers
from metrics.catalogue import load_catalogue
from ui import formats, indicator_display as show
from ui.page import Context


def render(ctx: Context) -> None:
    _, lang = ctx._, ctx.lang
    regions = formats.sorted_names(db_regions(ctx.db), lang, lambda r: r.name(lang))
    names = {r.code: r.name(lang) for r in regions}
    region = show.region_selector(st, _("Region"), list(names), names)
    frame = indicators.values(ctx.db)
    alike = peers.most_alike(ctx.db, region)
    ctx.require(frame)
    st.header(names[region])
    population = peers.child_population(ctx.db)
    own = population[population.region_code == region]
    if own.empty:
        st.info(_("The child population of this region is not known, so no region can be compared with it."))
    else:
        year = int(own.year.iloc[0])
        st.metric(_("Children aged 0-17 on 1 January {year}", year=year), show.number(float(own.children.iloc[0]), lang))
        listed = ", ".join(_("{region} ({children} children)", region=names[c], children=show.number(float(n), lang))
                           for c, n in zip(alike.region_code, alike.children))
        st.markdown(_("Most alike in child population: {regions}.", regions=listed))
    catalogue = load_catalogue()
    ctx.chosen.update(region=region, names=names, frame=frame, peers=alike.region_code.tolist(), catalogue=catalogue,
                      by_id={i.id: i for i in catalogue},
                      names_with_nation={indicators.NATION: _("Kazakhstan (national)"), **names})
