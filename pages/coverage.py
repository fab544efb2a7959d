"""Regional coverage: any indicator on a tile map of the 20 regions (and on real boundaries when the
user supplies them), school psychologists against the norm, 111 appeals and the PSC network."""
from i18n import N_
from ui import page
from ui.sections import coverage_boundaries, coverage_tiles, helpline_appeals, intro, psc_centres, school_psychologists

page.run(
    intro.section(N_("Regional coverage"),
                  N_("How far the measures of the plan reach each of the 20 regions: any indicator on a map of equal "
                     "squares, school psychologists against the norm, appeals to the 111 contact centre and the "
                     "Psychological Support Centres.")),
    coverage_tiles.render,
    coverage_boundaries.render,  # the tile map's indicator and period, on the boundaries when supplied
    school_psychologists.render,
    helpline_appeals.render,
    psc_centres.render,
)
