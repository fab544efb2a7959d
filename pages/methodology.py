"""Methodology: the indicator catalogue (data/indicators.toml) and the statistical rules, generated from
the catalogue file and the constants of metrics/stats.py, so the page always says what the code does."""
import pandas as pd
import streamlit as st

from metrics import methodology, suppression
from metrics.catalogue import catalogue_path, load_catalogue
from metrics.db import REPO_ROOT, DatabaseMissing, edition, get_database
from ui import indicator_display as show, lang as ui_lang, notices, suppression as ui_suppression

lang = ui_lang.current()
_ = ui_lang.gettext(lang)

st.title(_("Methodology"))
notices.helpline(lang)
st.caption(_("How every figure of the CP pages is worked out. This page is generated from the indicator catalogue "
             "and from the rules in the code, so it changes when they change."))
catalogue = load_catalogue()

st.header(_("Rules"))
st.markdown("\n".join(f"- {rule}" for rule in methodology.rules(catalogue, lang)))

st.subheader(_("Statuses"))
st.markdown("\n\n".join(f"{show.status_badge(status, lang)} {meaning}"
                        for status, _label, meaning in methodology.statuses(lang)), unsafe_allow_html=True)
st.caption(_("Each status has its own icon as well as its colour, so it reads without colour."))

st.subheader(_("Small counts in the public edition"))
try:
    limit = suppression.threshold(get_database())
except DatabaseMissing:
    limit = suppression.DEFAULT_THRESHOLD
st.markdown("\n".join(f"- {rule}" for rule in methodology.disclosure(lang, limit)))
ui_suppression.edition_note(lang, edition())

st.subheader(_("Comparable geography"))
st.dataframe(pd.DataFrame(methodology.merges(lang), columns=[_("Region created on 8 June 2022"),
                                                              _("Counted within")]),
             hide_index=True, key="merges")


def number(indicator, value) -> str:
    return "—" if value is None else show.value_text(indicator, float(value), lang)


def baseline_text(indicator) -> str:
    if indicator.baseline_period is None:
        return _("none")
    value = number(indicator, indicator.baseline_value)
    return _("{value} ({period})", value=value, period=indicator.baseline_period.label(lang))


def target_text(indicator) -> str:
    if indicator.target_value is None:
        return _("none")
    return _("{value} by {deadline} ({kind})", value=number(indicator, indicator.target_value),
             deadline=show.date_text(indicator.target_deadline, lang),
             kind=show.target_status_text(indicator.target_status, lang))


def series_text(series_id: str) -> str:
    return f"{methodology.series_label(series_id, lang)} (`{series_id}`)" if series_id else _("none (a count)")


def catalogue_file() -> str:
    path = catalogue_path().resolve()
    return str(path.relative_to(REPO_ROOT)) if path.is_relative_to(REPO_ROOT) else path.name


st.header(_("Indicators"))
st.caption(_("The catalogue is the file {path}; an analyst can correct a name, a baseline or a target there and "
             "the dashboard follows on its next run.", path=catalogue_file()))
overview = pd.DataFrame([{
    _("Identifier"): i.id, _("Indicator"): i.name(lang), _("Unit"): i.unit(lang),
    _("Direction"): _(methodology.DIRECTION_LABELS.get(i.direction, i.direction)),
    _("Baseline"): baseline_text(i), _("Target"): target_text(i), _("Source"): i.text("sources", lang),
    _("Responsible"): i.text("responsible", lang)} for i in catalogue])
st.dataframe(overview, hide_index=True, key="catalogue_table")
st.download_button(_("Download the catalogue (TOML)"), catalogue_path().read_bytes(), file_name="indicators.toml",
                   mime="application/toml", key="catalogue_download")

for indicator in catalogue:
    with st.expander(indicator.name(lang)):
        fields = [
            (_("Identifier"), f"`{indicator.id}`"),
            (_("Name in Kazakh"), indicator.names.get("kk") or "—"),
            (_("Name in Russian"), indicator.names.get("ru") or "—"),
            (_("Name in English"), indicator.names.get("en") or "—"),
            (_("Definition"), indicator.definition(lang) or "—"),
            (_("Numerator"), series_text(indicator.numerator)),
            (_("Denominator"), series_text(indicator.denominator)),
            (_("Multiplier"), show.number(indicator.multiplier, lang)),
            (_("Unit"), indicator.unit(lang) or "—"),
            (_("Direction"), _(methodology.DIRECTION_LABELS.get(indicator.direction, indicator.direction))),
            (_("Confidence interval"), _("exact Poisson, on the count of events") if indicator.poisson
             else _("none (not a count of events)")),
            (_("Baseline"), baseline_text(indicator)),
            (_("Target"), target_text(indicator)),
            (_("Sources"), indicator.text("sources", lang) or "—"),
            (_("Responsible"), indicator.text("responsible", lang) or "—"),
            (_("Notes"), indicator.text("notes", lang) or "—"),
        ]
        st.markdown("\n".join(f"- **{name}:** {value}" for name, value in fields))
