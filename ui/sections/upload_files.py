"""The Upload page's file picker: the files chosen, each checked by the ETL's own rules before
anything is written (``etl.upload``), with a progress bar."""
from __future__ import annotations

import streamlit as st

from etl import upload
from i18n import N_
from metrics.overview import HEADLINE
from ui import access, plain
from ui.page import Context

EXPLAINED = N_("Each file is checked first, by the same rules as a load from the command line. Nothing is stored "
               "until you confirm; then both editions of the dashboard are republished.")


def signed_in(ctx: Context) -> None:
    """Only a data manager goes further; the server checks the role before anything is drawn or read."""
    ctx.chosen["signed"] = access.require(ctx.lang, access.DATA_MANAGER)


def render(ctx: Context) -> None:
    _ = ctx._
    st.write(_(EXPLAINED))
    st.caption(_("Spreadsheets only (.xlsx, .xls, .csv), up to {limit} MB each.",
                 limit=upload.number(upload.limit_mb())))
    state = st.session_state.setdefault("upload", {"checked": {}, "round": 0, "done": None})
    for line, ok in state.pop("done", None) or []:
        (st.success if ok else st.error)(line)
    files = st.file_uploader(_("Files to upload"), type=["xlsx", "xls", "csv"], accept_multiple_files=True,
                             key=f"upload_files_{state['round']}")
    if not files:
        st.stop()
    checked = state["checked"]
    waiting = [f for f in files if f.file_id not in checked]
    if waiting:
        bar = st.progress(0.0, text=_("Checking the files…"))
        for done, item in enumerate(waiting):
            bar.progress(done / len(waiting), text=_("Checking {file}…", file=plain.escape(item.name)))
            checked[item.file_id] = upload.check(item.getvalue(), item.name, headline=HEADLINE)
        bar.progress(1.0, text=_("All files checked."))
    ctx.chosen.update(state=state, current=[checked[f.file_id] for f in files])
