"""Data sources: every load, who has not yet submitted what, revision history, cross-source checks."""
from i18n import N_
from ui import page
from ui.sections import data_checks, data_history, data_loads, data_submissions, intro

page.run(
    intro.section(N_("Data sources")),
    data_loads.context,  # the loads and region names of every section below
    data_loads.render,
    data_submissions.render,
    data_history.render,
    data_checks.render,
)
