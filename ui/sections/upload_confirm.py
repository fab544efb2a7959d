"""The Upload page's last step: load the files that are ready, in one serialised load per file,
and republish both editions."""
from __future__ import annotations

import streamlit as st

from etl import upload
from ui import plain, upload_view
from ui.page import Context


def render(ctx: Context) -> None:
    _, current, confirmed, state = ctx._, ctx.chosen["current"], ctx.chosen["confirmed"], ctx.chosen["state"]
    ready = [c for c in current if c.status in ("loaded", "warning") or (c.status == "held" and c.sha256 in confirmed)]
    st.write(_("Files ready to load: {count} of {total}.", count=len(ready), total=len(current)))
    if st.button(_("Load and publish"), type="primary", disabled=not ready, key="upload_load"):
        with st.spinner(_("Loading and publishing…")):
            outcomes = upload.load(current, ctx.chosen["signed"].name, confirmed, lang=ctx.lang)
        state["done"] = [(_("{file}: {status}", file=plain.escape(o.file_name),
                            status=_(upload_view.STATUS_WORDS[o.status])),
                          o.status in ("loaded", "warning", "unchanged")) for o in outcomes]
        state["checked"] = {}
        state["round"] += 1  # a fresh, empty file picker
        st.rerun()
