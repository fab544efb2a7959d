"""Words for the codes the warehouse stores (sources, measures, sexes, age groups, load statuses)
and for its column names, so that no code or English column name reaches a Kazakh or Russian page."""
from __future__ import annotations

import pandas as pd

from i18n import N_, translate

SOURCE_NAMES = {
    "kpssu_summary": N_("Prosecutor General's Office (KPSSU): suicides by region"),
    "kpssu_detail": N_("Prosecutor General's Office (KPSSU): suicides by sex and age"),
    "psc_network": N_("CPCR: Psychological Support Centres and their staff"),
    "school_psych": N_("CPCR: school psychological service"),
    "helpline_111": N_("CPCR: appeals to the 111 contact centre"),
    "psc_activity": N_("Psychological Support Centres: monthly reports"),
    "population": N_("Bureau of National Statistics: child population"),
}
LOAD_STATUS = {"loaded": N_("loaded"), "warning": N_("loaded with warnings"), "refused": N_("refused"),
               "unchanged": N_("unchanged (already loaded)")}
LEVELS = {"warning": N_("warning"), "error": N_("error"), "info": N_("note")}
SEXES = {"all": N_("all"), "female": N_("Girls"), "male": N_("Boys")}
AGE_GROUPS = {"all": N_("all ages")}
MEASURES = {
    # suicides and population (KPSSU, Bureau of National Statistics)
    "completed": N_("Completed suicides"),
    "attempts": N_("Suicide attempts"),
    "children": N_("Children aged 0-17"),
    "population": N_("Whole population"),
    # the 111 contact centre
    "appeals_phone": N_("Appeals by phone"),
    "appeals_qr": N_("Appeals by QR code"),
    "appeals_total": N_("Appeals, total"),
    "children_supported": N_("Children given psychological support"),
    "handled_with_state_bodies": N_("Handled with state bodies"),
    # school psychologists
    "positions_due": N_("Psychologist positions due by the norm"),
    "psychologists": N_("School psychologists"),
    "pupils": N_("Pupils"),
    "schools": N_("Schools"),
    "schools_meeting_norm": N_("Schools meeting the norm"),
    # the PSC network
    "branches": N_("Branches"),
    "centre_name": N_("Name of the centre"),
    "centres": N_("Centres"),
    "opened": N_("Opening date"),
    "positions_authorised": N_("Authorised positions"),
    "positions_filled": N_("Filled positions"),
    "specialists": N_("Specialists"),
    "vacancies": N_("Vacancies"),
    # PSC specialists by kind
    "specialists_crisis_psychologist": N_("Crisis psychologists"),
    "specialists_lawyer": N_("Lawyers"),
    "specialists_other": N_("Other specialists"),
    "specialists_psychologist": N_("Psychologists"),
    "specialists_social_pedagogue": N_("Social pedagogues"),
    # PSC monthly activity
    "cases_bullying": N_("Bullying"),
    "cases_cyberbullying": N_("Cyberbullying"),
    "cases_suicidal": N_("Suicidal behaviour"),
    "cases_violence_family": N_("Violence in the family"),
    "cases_violence_outside": N_("Violence outside the family"),
    "children_served": N_("Children served"),
    "consultations_family": N_("Family"),
    "consultations_group": N_("Group"),
    "consultations_in_person": N_("In person"),
    "consultations_online": N_("Online"),
    "crisis_responses": N_("Crisis responses of the mobile group"),
    "referrals_in_111": N_("From the 111 contact centre"),
    "referrals_in_parents": N_("From parents"),
    "referrals_in_police": N_("From the police"),
    "referrals_in_school": N_("From schools"),
    "referrals_in_self": N_("Children who came themselves"),
    "referrals_out_guardianship": N_("To guardianship authorities"),
    "referrals_out_health": N_("To health services"),
    "referrals_out_police": N_("To the police"),
}
# A wide frame names its columns by measure code: such a column reads as its measure.
COLUMNS = {
    **MEASURES,
    # where and when a figure is
    "region_code": N_("Region"),
    "period_start": N_("Period start"),
    "period_end": N_("Period end"),
    "as_of": N_("Snapshot date"),
    "year": N_("Year"),
    "month": N_("Month"),
    "sex": N_("Sex"),
    "age_group": N_("Age group"),
    "value": N_("Value"),
    "missing": N_("Not available"),
    # which load and cell it came from
    "revision": N_("Revision"),
    "is_current": N_("Current"),
    "load_id": N_("Load"),
    "loaded_at": N_("Time (UTC)"),
    "superseded_by": N_("Replaced by load"),
    "source_file": N_("Source file"),
    "source_sheet": N_("Sheet"),
    "source_cell": N_("Cell"),
    # the checks of a load
    "level": N_("Level"),
    "text": N_("Message"),
    # the PSC workload table
    "staff": N_("Staff"),
    "per_specialist": N_("Children served per specialist"),
    "national_median": N_("National median"),
    "outlier": N_("Far from the median"),
}
COLUMNS.update(sheet=COLUMNS["source_sheet"], cell=COLUMNS["source_cell"])


def named(code, names: dict, lang: str) -> str:
    return translate(names[code], lang) if code in names else ("—" if code is None or pd.isna(code) else str(code))


def readable(frame: pd.DataFrame, lang: str, region_names: dict[str, str] | None = None) -> pd.DataFrame:
    """A warehouse frame for reading: codes in words, yes/no for flags, "—" for nothing, and
    translated column names."""
    out = frame.copy()
    yes, no = translate(N_("yes"), lang), translate(N_("no"), lang)
    for column in out.columns:
        if column == "region_code" and region_names:
            out[column] = [region_names.get(c, c) for c in out[column]]
        elif column == "sex":
            out[column] = [named(v, SEXES, lang) for v in out[column]]
        elif column == "age_group":
            out[column] = [named(v, AGE_GROUPS, lang) for v in out[column]]
        elif column == "level":
            out[column] = [named(v, LEVELS, lang) for v in out[column]]
        elif out[column].dtype == bool or str(out[column].dtype) == "boolean":
            out[column] = [yes if v is True or v == True else no if v is False or v == False else "—"  # noqa: E712
                           for v in out[column]]
        else:
            out[column] = out[column].astype(object).where(out[column].notna(), "—")
    return out.rename(columns={c: translate(COLUMNS[c], lang) for c in out.columns if c in COLUMNS})
