"""A briefing of a region (or Kazakhstan) and year for the Ombudsman's office: the choices, the
summary and data notes previewed on screen, and the DOCX or PDF made on download."""
from __future__ import annotations

from datetime import date

import streamlit as st

from briefings import content, document, edition, make, summary
from metrics.regions import regions as db_regions
from i18n import LANGUAGES
from metrics import indicators
from metrics.db import get_database
from ui import formats, lang as ui_lang, notices
from ui.page import Context

MIME = {"docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document", "pdf": "application/pdf"}


@st.cache_data(max_entries=16, show_spinner=False)
def _document(region_code: str, year_: int, language: str, fmt_: str, version: tuple, edition_: str) -> bytes:
    return make.as_bytes(get_database(), region_code, year_, language, fmt_, edition=edition_)


def render(ctx: Context) -> None:
    _, lang, db = ctx._, ctx.lang, ctx.db
    years = content.years(indicators.values(db))
    chosen_edition = edition.current()
    ctx.require(years)
    formats_ = {"docx": _("Word document ({format}), editable", format="DOCX"),
                "pdf": _("{format}, ready to print", format="PDF")}
    regions = sorted(db_regions(ctx.db), key=lambda r: formats.sort_key(r.name(lang), lang))
    names = {indicators.NATION: _("Kazakhstan (national)"), **{r.code: r.name(lang) for r in regions}}
    left, middle, right = st.columns(3)
    region = left.selectbox(_("Region"), list(names), format_func=names.get, key="briefing_region")
    year = middle.selectbox(_("Figures for periods ending in"), years, key="briefing_year")
    doc_lang = right.selectbox(_("Language of the briefing"), list(LANGUAGES), index=LANGUAGES.index(lang),
                               format_func=ui_lang.LABELS.get, key="briefing_lang")
    fmt = st.radio(_("Format"), list(formats_), format_func=formats_.get, horizontal=True, key="briefing_format")
    if notice := edition.page_notice(chosen_edition, lang):
        st.warning(notice)
    briefing = content.gather(db, region, year, doc_lang, chosen_edition, date.today())
    st.subheader(_("Preview"))
    st.caption(f"{edition.label(chosen_edition, lang)} · {names[region]} · {year}")
    # Sentences name indicators from the catalogue file: shown as plain text, never Markdown.
    with st.container(border=True):
        for sentence in summary.sentences(briefing):
            st.text(sentence.text(doc_lang))
    with st.expander(_("Data notes")):
        for note in document.notes(briefing):
            st.text(note)
    st.download_button(_("Download the briefing ({format})", format=fmt.upper()),
                       lambda: _document(region, year, doc_lang, fmt, db.version, chosen_edition),
                       file_name=make.file_name(region, year, doc_lang, fmt), mime=MIME[fmt], key="briefing_download",
                       type="primary", on_click="ignore")
    if briefing.flag("illustrative"):
        st.caption(f"⚠️ {_(notices.ILLUSTRATIVE)}")
