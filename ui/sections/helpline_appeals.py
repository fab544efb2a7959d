"""Children's appeals to the 111 contact centre for one period: national totals and appeals per
1,000 children by region (shown, not judged)."""
from __future__ import annotations

import pandas as pd
import streamlit as st

from metrics import helpline
from ui import bars, formats, permalink
from ui.chart_block import chart_block
from ui.page import Context

SOURCE = "helpline_appeals_per_1000"


def render(ctx: Context) -> None:
    _, count, lang = ctx._, ctx.count, ctx.lang
    st.header(_("Children's appeals to the 111 contact centre"))
    periods = {p.key(): p for p in helpline.periods(ctx.db)}
    if not periods:
        st.info(_("No figures on the 111 contact centre yet."))
        return
    key = permalink.selectbox(_("Period of the appeals"), list(periods), key="appeals_period",
                              format_func=lambda k: periods[k].label(lang))
    chosen = periods[key]
    label = chosen.label(lang)
    frame = helpline.by_region(ctx.db, chosen.start, chosen.end)
    frame["region"] = frame[f"name_{lang}"]
    columns = st.columns(4)
    columns[0].metric(_("Appeals"), count(frame.appeals_total.sum(min_count=1)))
    columns[1].metric(_("by QR code"), count(frame.appeals_qr.sum(min_count=1)))
    columns[2].metric(_("by phone"), count(frame.appeals_phone.sum(min_count=1)))
    columns[3].metric(_("Children supported"), count(frame.children_supported.sum(min_count=1)))
    drawn = frame.dropna(subset=["appeals_per_1000"]).sort_values("appeals_per_1000")
    if drawn.empty:
        st.info(_("No region has both appeals and a known child population for this period."))
        return
    fig = bars.by_region(drawn.region, drawn.appeals_per_1000, name=_("Appeals per 1,000 children"),
                         text=[formats.number(v, lang, 1) for v in drawn.appeals_per_1000], title=label,
                         xaxis=dict(title=_("Appeals per 1,000 children aged 0-17")))
    ordered = drawn[::-1]
    table = pd.DataFrame({
        _("Region"): ordered.region,
        _("Appeals"): ordered.appeals_total.astype("Int64"),
        _("by QR code"): ordered.appeals_qr.astype("Int64"),
        _("by phone"): ordered.appeals_phone.astype("Int64"),
        _("Children aged 0-17"): ordered.children.astype("Int64"),
        _("Appeals per 1,000 children"): ordered.appeals_per_1000.round(2),
        _("Children given psychological support"): ordered.children_supported.astype("Int64"),
        _("Source file"): ordered.source_file,
    })
    chart_block(fig, table, key="appeals", lang=lang, title=_("Children's appeals to the 111 contact centre"),
                sources=ctx.cite(SOURCE), period=label, illustrative=bool(drawn.illustrative.any()),
                provisional=bool(drawn.provisional.any()), file_name=f"appeals_111_{key}.csv")
    st.caption(_("More appeals may mean more need or more trust in the line: the rate is shown, not judged."))
