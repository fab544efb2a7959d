"""CP indicators: every indicator of the catalogue against its target, for the nation or one region,
and every region's status on the indicators a region is judged on."""
from i18n import N_
from ui import page
from ui.sections import intro, scorecard_cards, scorecard_place, scorecard_table, status_heatmap

page.run(
    intro.section(N_("CP indicators"),
                  N_("Every indicator of the Comprehensive Plan with its baseline, latest figure and target. The "
                     "status compares the latest figure with a straight path from the baseline to the target; the "
                     "Methodology page explains every rule."), helpline=True, helpline_first=True),
    scorecard_place.render,  # the place and geography of every section below
    scorecard_cards.render,
    scorecard_table.render,
    status_heatmap.render,
)
