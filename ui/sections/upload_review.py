"""The Upload page's review of each checked file: its status and messages, the sheet with the
problem cells marked, the wordings to teach, the change it would make and the revisions to confirm."""
from __future__ import annotations

import streamlit as st

from etl import teach, upload
from etl.warehouse import db_path, load_lock
from metrics.catalogue import load_catalogue
from metrics.overview import HEADLINE
from metrics.regions import region_names
from ui import data_labels, plain, upload_view
from ui.page import Context


def _teach(ctx: Context, item, key: str) -> None:
    _, state = ctx._, ctx.chosen["state"]
    unknown = teach.unknown_labels(item.outcome) if item.path is not None else []
    if not unknown:
        return
    source = item.outcome.parsed.source
    st.markdown("**" + _("Teach a wording") + "**")
    options = [teach.NOT_A_MEASURE, *teach.choices(source)]
    for n, use in enumerate(unknown):
        left, right = st.columns([3, 2])
        left.text(f"{use.cell}: {teach.wording(use.label)}")
        choice = right.selectbox(
            _("Measure"), options, key=f"{key}_teach_{n}",
            format_func=lambda m: _("not a measure") if m == teach.NOT_A_MEASURE
            else data_labels.named(m, data_labels.MEASURES, ctx.lang))
        if right.button(_("Teach this wording"), key=f"{key}_teach_button_{n}"):
            with load_lock(db_path()):
                written = teach.teach(source, use.label, choice, ctx.chosen["signed"].name)
            checked = state["checked"]
            for file_id, other in checked.items():  # every file is read with the new wording
                if other.path is not None:
                    checked[file_id] = upload.recheck(other, headline=HEADLINE)
            state["done"] = [(_("Wording taught and written to {file}; the files were checked again.",
                                file=written.name), True)]
            st.rerun()


def render(ctx: Context) -> None:
    lang = ctx.lang
    names = region_names(lang, ctx.db)
    indicator_names = {i.id: i.name(lang) for i in load_catalogue()}
    confirmed: set[str] = set()
    upload_view.legend(lang)
    for number, item in enumerate(ctx.chosen["current"]):
        key = f"f{number}_{item.sha256[:12]}"
        with st.container(border=True):
            upload_view.status_line(item, lang)
            upload_view.messages(item, lang, key)
            for sheet in item.grids:
                upload_view.grid(sheet, lang)
            with st.expander(ctx._("Headings and labels used and ignored")):
                upload_view.uses(item, lang, key)
            _teach(ctx, item, key)
            if item.change is not None and item.status in ("loaded", "warning", "held"):
                upload_view.change_tables(item, lang, names, indicator_names, key)
            if item.status == "held":
                for message in item.change.held:
                    st.warning(plain.escape(upload.as_on_page(message).located(item.name, lang)))
                if st.checkbox(ctx._("I have checked these revisions and confirm them"), key=f"{key}_confirm"):
                    confirmed.add(item.sha256)
    ctx.chosen["confirmed"] = confirmed
