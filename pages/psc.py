"""Psychological Support Centres: staff against the target path, positions, workload and specialist
mix by region for one snapshot, and the centres' monthly activity for the nation or one region."""
from i18n import N_
from ui import page
from ui.sections import intro, psc_activity, psc_region, psc_snapshot, psc_specialists

page.run(
    intro.section(N_("PSC staffing and activity"),
                  N_("Psychological Support Centres (PSC), one per region: staff against the target, positions, "
                     "workload and specialist mix by region, and what the centres do month by month."),
                  helpline=True, helpline_first=True),
    psc_region.render,  # the region chosen here drives the trend and the monthly activity
    psc_specialists.render,
    psc_snapshot.render,
    psc_activity.render,
)
