"""Overview: the main CP indicators at a glance and what the latest data load changed."""
from i18n import N_
from ui import page
from ui.sections import headline_tiles, intro, latest_load

page.run(
    intro.section(N_("Comprehensive Plan at a glance"),
                  N_("The main indicators of the Comprehensive Plan for protecting children from violence and "
                     "preventing suicide: the latest figure, its change on the comparable earlier period and its "
                     "status against the target."), helpline=True),
    headline_tiles.render,
    latest_load.render,
)
