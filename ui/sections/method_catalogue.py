"""The indicator catalogue (data/indicators.toml) as a table, its download, and every indicator's
definition field by field."""
from __future__ import annotations

import pandas as pd
import streamlit as st

from metrics import methodology
from metrics.catalogue import catalogue_path, load_catalogue
from metrics.db import REPO_ROOT
from ui import chart_block, indicator_display as show
from ui.page import Context


def number(ctx: Context, indicator, value) -> str:
    return "—" if value is None else show.value_text(indicator, float(value), ctx.lang)


def baseline_text(ctx: Context, indicator) -> str:
    if indicator.baseline_period is None:
        return ctx._("none")
    return ctx._("{value} ({period})", value=number(ctx, indicator, indicator.baseline_value),
                 period=indicator.baseline_period.label(ctx.lang))


def target_text(ctx: Context, indicator) -> str:
    if indicator.target_value is None:
        return ctx._("none")
    return ctx._("{value} by {deadline} ({kind})", value=number(ctx, indicator, indicator.target_value),
                 deadline=show.date_text(indicator.target_deadline, ctx.lang),
                 kind=show.target_status_text(indicator.target_status, ctx.lang))


def series_text(ctx: Context, series_id: str) -> str:
    return f"{methodology.series_label(series_id, ctx.lang)} (`{series_id}`)" if series_id else ctx._("none (a count)")


def catalogue_file() -> str:
    path = catalogue_path().resolve()
    return str(path.relative_to(REPO_ROOT)) if path.is_relative_to(REPO_ROOT) else path.name


def fields(ctx: Context, indicator) -> list[tuple[str, str]]:
    _ = ctx._
    return [
        (_("Identifier"), f"`{indicator.id}`"),
        (_("Name in Kazakh"), indicator.names.get("kk") or "—"),
        (_("Name in Russian"), indicator.names.get("ru") or "—"),
        (_("Name in English"), indicator.names.get("en") or "—"),
        (_("Definition"), indicator.definition(ctx.lang) or "—"),
        (_("Numerator"), series_text(ctx, indicator.numerator)),
        (_("Denominator"), series_text(ctx, indicator.denominator)),
        (_("Multiplier"), show.number(indicator.multiplier, ctx.lang)),
        (_("Unit"), indicator.unit(ctx.lang) or "—"),
        (_("Direction"), _(methodology.DIRECTION_LABELS.get(indicator.direction, indicator.direction))),
        (_("Confidence interval"), _("exact Poisson, on the count of events") if indicator.poisson
         else _("none (not a count of events)")),
        (_("Baseline"), baseline_text(ctx, indicator)),
        (_("Target"), target_text(ctx, indicator)),
        (_("Sources"), indicator.text("sources", ctx.lang) or "—"),
        (_("Responsible"), indicator.text("responsible", ctx.lang) or "—"),
        (_("Notes"), indicator.text("notes", ctx.lang) or "—"),
    ]


def render(ctx: Context) -> None:
    _, lang, catalogue = ctx._, ctx.lang, load_catalogue()
    st.header(_("Indicators"))
    st.caption(_("The catalogue is the file {path}; an analyst can correct a name, a baseline or a target there and "
                 "the dashboard follows on its next run.", path=catalogue_file()))
    overview = pd.DataFrame([{
        _("Identifier"): i.id, _("Indicator"): i.name(lang), _("Unit"): i.unit(lang),
        _("Direction"): _(methodology.DIRECTION_LABELS.get(i.direction, i.direction)),
        _("Baseline"): baseline_text(ctx, i), _("Target"): target_text(ctx, i), _("Source"): i.text("sources", lang),
        _("Responsible"): i.text("responsible", lang)} for i in catalogue])
    chart_block.wide_table(overview, key="catalogue_table")
    st.download_button(_("Download the catalogue (TOML)"), catalogue_path().read_bytes(), file_name="indicators.toml",
                       mime="application/toml", key="catalogue_download")
    for indicator in catalogue:
        with st.expander(indicator.name(lang)):
            st.markdown("\n".join(f"- **{name}:** {value}" for name, value in fields(ctx, indicator)))
