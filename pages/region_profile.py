"""Region profile: one region's indicators against the nation and the regions most alike in child
population, all for the same period, with confidence intervals for rates."""
from i18n import N_
from metrics import methodology
from ui import page
from ui.sections import intro, region_choice, region_indicators, region_trends

page.run(
    intro.section(N_("Region profile"),
                  N_("Every indicator of a region beside the national figure and the regions most alike in the "
                     "number of children, for the same period. Bars around a rate show its {confidence}% confidence "
                     "interval."), helpline=True, helpline_first=True, confidence=methodology.percent()),
    region_choice.render,  # the region of every section below
    region_indicators.render,
    region_trends.render,
    region_indicators.sources,
)
