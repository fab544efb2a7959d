"""Briefing: a region (or Kazakhstan) and year as a DOCX or PDF document for the Ombudsman's office;
the summary and data notes previewed on screen, the document made on download."""
from i18n import N_
from ui import page
from ui.sections import briefing_maker, intro

page.run(
    intro.section(N_("Briefing"),
                  N_("A briefing of a region or the whole country for the Children's Ombudsman's office: a "
                     "plain-language summary, the region against the nation, trends, the indicator table, data notes "
                     "and the source of every figure. Every figure comes from the dashboard's database."),
                  helpline=True),
    briefing_maker.render,
)
