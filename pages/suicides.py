"""Suicides and suicide attempts among minors: national trend with policy events, like-for-like year
to date, sex and age, regions (counts or rates with confidence intervals) and a funnel plot."""
from i18n import N_
from ui import page
from ui.sections import (intro, suicides_breakdown, suicides_choices, suicides_funnel, suicides_regions,
                         suicides_trend, suicides_ytd)

page.run(
    intro.section(N_("Suicides and suicide attempts among minors"), helpline=True),
    suicides_choices.unit,  # counts or rates, for every section below
    suicides_trend.render,
    suicides_ytd.render,
    suicides_breakdown.render,
    suicides_choices.regions,  # the period, measure and geography of the regions and the funnel
    suicides_regions.render,
    suicides_funnel.render,
)
