"""Checks across sources: staff or activity without a centre, months missing from monthly reports,
and children served per specialist far from the national median."""
from __future__ import annotations

import streamlit as st

from metrics import data_status
from ui import data_labels
from ui.page import Context
from ui.sections.data_loads import block


def render(ctx: Context) -> None:
    _ = ctx._
    st.header(_("Checks across sources"))
    per_specialist = data_status.activity_per_specialist(ctx.db)
    checks = [
        ("staff_without_centre", _("Staff reported for a region without a centre"),
         data_status.staffing_without_centre(ctx.db)),
        ("activity_without_centre", _("Activity reported from a region without a centre"),
         data_status.activity_without_centre(ctx.db)),
        ("missing_months", _("Months missing from a centre's monthly reports"), data_status.missing_months(ctx.db)),
        ("per_specialist", _("Children served per specialist far from the national median (more than 3 times above "
                             "or below)"), per_specialist[per_specialist.outlier]),
    ]
    for key, title, found in checks:
        with st.expander(f"{title}: {len(found)}", expanded=not found.empty):
            if found.empty:
                st.write(_("Nothing found."))
            else:
                block(ctx, data_labels.readable(found, ctx.lang, ctx.chosen["region_name"]), key, title)
