"""Methodology: the indicator catalogue (data/indicators.toml) and the statistical rules, generated from
the catalogue file and the constants of metrics/stats.py, so the page always says what the code does."""
from i18n import N_
from ui import page
from ui.sections import intro, method_catalogue, method_rules

page.run(
    intro.section(N_("Methodology"),
                  N_("How every figure of the CP pages is worked out. This page is generated from the indicator "
                     "catalogue and from the rules in the code, so it changes when they change."),
                  helpline=True, helpline_first=True),
    method_rules.render,
    method_catalogue.render,
)
