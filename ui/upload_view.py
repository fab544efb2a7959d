"""How the Upload page shows a checked file: its messages, its sheets with the cells the check
named coloured, what it used and ignored, and the change it would make. Text from the file is
shown through ``st.dataframe``/``st.text`` or escaped (``ui.plain``), never read as Markdown."""
from __future__ import annotations

import pandas as pd
import streamlit as st

from etl.cli import STATUS_WORDS
from etl.upload import ERROR, FIGURE, IGNORED, USED, WARNING, Checked, Grid
from i18n import N_, translate
from ui import data_labels, plain

COLOURS = {ERROR: "#f8c4c4", WARNING: "#fde7b0", USED: "#c9e7c9", FIGURE: "#e6f4e6", IGNORED: "#e3e3e3"}
LEGEND = {ERROR: N_("error"), WARNING: N_("warning"), USED: N_("heading or label used"),
          FIGURE: N_("figure read"), IGNORED: N_("heading or label ignored")}
WHY = {"unknown": N_("not a known wording"), "form": N_("part of the form"), "derived": N_("computed by the file"),
       "total": N_("total (recomputed)"), "subrow": N_("sub-row"), "ambiguous": N_("matches more than one measure")}


def status_line(checked: Checked, lang: str) -> None:
    words = translate(STATUS_WORDS[checked.status], lang)
    show = {"refused": st.error, "held": st.warning, "warning": st.warning}.get(checked.status, st.success)
    show(translate(N_("{file}: {status}"), lang, file=plain.escape(checked.name), status=words))
    source = checked.outcome.parsed.source
    if source != "unknown":
        periods = ", ".join(p.label(lang) for p in checked.periods) or "—"
        st.caption(translate(N_("Source recognised: {source}. Periods: {periods}."), lang,
                             source=data_labels.named(source, data_labels.SOURCE_NAMES, lang), periods=periods))


def messages(checked: Checked, lang: str, key: str) -> None:
    shown = [m.as_dict(lang) for m in checked.outcome.messages]
    if shown:
        frame = pd.DataFrame(shown, columns=["level", "sheet", "cell", "text"])
        table(data_labels.readable(frame, lang), f"{key}_messages")


def grid(sheet: Grid, lang: str) -> None:
    st.text(translate(N_('Sheet "{sheet}"'), lang, sheet=sheet.sheet))

    def paint(frame: pd.DataFrame) -> pd.DataFrame:
        styles = pd.DataFrame("", index=frame.index, columns=frame.columns)
        for (row, col), kind in sheet.marks.items():
            styles.iat[row, col] = f"background-color: {COLOURS[kind]}"
        return styles

    # st.table, not st.dataframe: its cells are HTML text (escaped), so the colours are in the page itself
    st.table(sheet.cells.style.apply(paint, axis=None))
    if sheet.clipped:
        st.caption(translate(N_("Only the first rows and columns of the sheet are shown."), lang))


def legend(lang: str) -> None:
    st.caption(" · ".join(f"{_swatch(kind)} {translate(text, lang)}" for kind, text in LEGEND.items()))


def _swatch(kind: str) -> str:
    return {ERROR: "🟥", WARNING: "🟨", USED: "🟩", FIGURE: "🟢", IGNORED: "⬜"}[kind]


def uses(checked: Checked, lang: str, key: str) -> None:
    rows = [{"sheet": u.sheet, "cell": u.cell, "label": u.label,
             "use": data_labels.named(u.measure, data_labels.MEASURES, lang) if u.measure
             else translate(N_("ignored: {why}"), lang, why=translate(WHY.get(u.why, u.why), lang))}
            for u in checked.outcome.parsed.uses]
    if rows:
        frame = pd.DataFrame(rows).rename(columns={
            "sheet": translate(N_("Sheet"), lang), "cell": translate(N_("Cell"), lang),
            "label": translate(N_("Heading or label in the file"), lang), "use": translate(N_("Read as"), lang)})
        st.dataframe(frame, hide_index=True, key=f"{key}_uses")


def change_tables(checked: Checked, lang: str, region_names: dict, indicator_names: dict, key: str) -> None:
    change = checked.change
    figures = _figures(change.new, lang, region_names)
    st.markdown("**" + translate(N_("New figures: {count}"), lang, count=len(change.new)) + "**")
    if not figures.empty:
        st.dataframe(figures, hide_index=True, key=f"{key}_new")
    st.markdown("**" + translate(N_("Revised figures: {count}"), lang, count=len(change.revised)) + "**")
    if not change.revised.empty:
        revised = _figures(change.revised.rename(columns={"old_file": "source_file"}), lang, region_names)
        table(revised.rename(columns={"old": translate(N_("Old value"), lang),
                                      "new": translate(N_("New value"), lang)}), f"{key}_revised")
    st.markdown("**" + translate(N_("Headline indicators that would change: {count}"), lang,
                                 count=len(change.indicators)) + "**")
    if not change.indicators.empty:
        shown = change.indicators.assign(
            indicator_id=[indicator_names.get(i, i) for i in change.indicators.indicator_id])
        shown = shown.drop(columns=["period_kind"]).rename(columns={
            "indicator_id": translate(N_("Indicator"), lang), "old": translate(N_("Now"), lang),
            "new": translate(N_("After the load"), lang)})
        table(data_labels.readable(shown.round(3), lang, region_names), f"{key}_indicators")


def table(frame: pd.DataFrame, key: str, rows: int = 60) -> None:
    """A short table as an HTML table (its text in the page, escaped); a long one scrolls."""
    if len(frame) <= rows:
        st.table(frame.reset_index(drop=True).rename(index=lambda i: i + 1))
    else:
        st.dataframe(frame, hide_index=True, key=key)


def _figures(frame: pd.DataFrame, lang: str, region_names: dict) -> pd.DataFrame:
    if frame.empty:
        return frame
    shown = frame.assign(measure=[data_labels.named(m, data_labels.MEASURES, lang) for m in frame.measure])
    for column in ("value", "old", "new"):
        if column in shown:  # counts as counts: 21, not 21.0
            shown[column] = [int(v) if pd.notna(v) and float(v).is_integer() else v for v in shown[column]]
    shown = shown.drop(columns=["period_kind"]).rename(columns={"measure": translate(N_("Measure"), lang)})
    return data_labels.readable(shown, lang, region_names)
