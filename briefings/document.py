"""The briefing as a list of blocks (headings, paragraphs, notices, images, tables) that the DOCX and
PDF writers both lay out, so the two formats always say the same thing."""
from __future__ import annotations

from dataclasses import dataclass, field

import pandas as pd

from briefings import charts, edition, render, summary, text
from briefings.content import Briefing
from i18n import N_, translate
from etl.periods import Period
from metrics import stats, suppression
from metrics.methodology import merges, percent, series_label
from ui.indicator_display import UNRELIABLE_NOTE, target_status_text
from ui.notices import HELPLINE, ILLUSTRATIVE

TITLE = N_("Briefing on the Comprehensive Plan for the protection of children")
SUBTITLE = N_("{place}: figures for periods ending in {year}")
MADE = N_("Made on {date} from the CP Monitor database.")
H_SUMMARY, H_SPINE, H_TRENDS = N_("Summary"), N_("The region against the nation"), N_("Trends")
H_SPINE_NATION = N_("The nation and the spread over the regions")
H_TABLE, H_NOTES, H_ANNEX = N_("Indicators"), N_("Data notes"), N_("Annex: sources of the figures")
SPINE_NOTE = N_("Each row is an indicator. The black line is the national value, the grey bar the range over the "
                "regions; the marker is the region, its colour and shape show how it compares.")
TRENDS_NOTE = N_("The region and the nation over comparable periods (the same months of each year), with the "
                 "straight path from the baseline to the target where a target applies.")
NO_FIGURES = N_("No figures for this region and year.")
NOT_SHOWN = N_("No figure for a period ending in {year}: {indicators}.")
COLUMNS = (N_("Indicator"), N_("Value"), N_("{confidence}% interval"), N_("Kazakhstan"), N_("Target"),
           N_("Status"), N_("Trend"), N_("Period"), N_("Source"))
ANNEX_COLUMNS = (N_("Indicators"), N_("Figure"), N_("Period"), N_("File"), N_("Sheet"), N_("Cells"), N_("Load"))
PROVISIONAL_MARK = "†"
# metrics.series names the PSC monthly reports in words, not by file: said in the reader's language.
MONTHLY_REPORTS = ("psc_activity (monthly reports)", N_("monthly reports of the Psychological Support Centres"))
TARGET_TEXT = N_("{value} by {deadline}")
NOTE_PROVISIONAL = N_("† provisional: the agency marked these figures preliminary; they may still change.")
NOTE_SUPPRESSED = N_("In the public edition, counts from 1 to 4 are shown as \"<5\", and figures from which a hidden "
                     "count could be worked out as \"x\"; no rate or test is made from them.")
NOTE_BREAK = N_("On 8 June 2022 three regions were created ({merges}). Figures from before that day for these "
                "regions and their parents are not compared with later ones: their series break in 2022.")
NOTE_TESTS = N_("A region is compared with the nation as on the dashboard: it is called higher or lower when its "
                "exact Poisson {confidence}% interval leaves out the national value. A period is compared with the "
                "same months of the earlier period by the exact test of two Poisson rates; a change is called "
                "significant when the two-sided p-value is below {alpha}%.")


@dataclass
class Block:
    kind: str  # heading, paragraph, notice, bullets, image, table
    text: str = ""
    level: int = 1
    items: list = field(default_factory=list)
    image: bytes | None = None
    rows: list = field(default_factory=list)  # first row is the header
    style: str = ""


def _(msgid: str, lang: str, **params) -> str:
    return translate(msgid, lang, **params)


def cover(b: Briefing) -> list[Block]:
    lang = b.lang
    blocks = [Block("heading", _(TITLE, lang), level=0),
              Block("paragraph", _(SUBTITLE, lang, place=text.place(b.region_code, lang), year=b.year), style="subtitle"),
              Block("paragraph", f"{edition.label(b.edition, lang)}. {_(MADE, lang, date=text.day(b.made, lang))}")]
    if notice := edition.page_notice(b.edition, lang):
        blocks.append(Block("notice", notice, style="internal"))
    if b.flag("illustrative"):
        blocks.append(Block("notice", _(ILLUSTRATIVE, lang), style="illustrative"))
    blocks.append(Block("notice", _(HELPLINE, lang), style="helpline"))
    return blocks


def label(ind, lang: str) -> str:
    """The indicator's name with its unit, unless the name already ends with it."""
    name, unit = ind.name(lang), ind.unit(lang)
    return name if not unit or name.endswith(unit) else f"{name}, {unit}"


def table_rows(b: Briefing) -> list[list[str]]:
    lang = b.lang
    rows = [[_(c, lang, confidence=percent()) for c in COLUMNS]]
    for line in b.shown:
        ind, row = line.indicator, line.row
        shown = text.flagged(text.value(ind, row["latest_value"], lang), row["unreliable"])
        if row["provisional"]:
            shown += f" {PROVISIONAL_MARK}"
        national = "—" if line.national is None or b.is_nation else text.value(ind, line.national.value, lang)
        target = "—"
        if row["target_value"] is not None:
            target = _(TARGET_TEXT, lang, value=text.value(ind, row["target_value"], lang),
                       deadline=text.day(row["target_deadline"], lang))
            if status := target_status_text(row["target_status"], lang):
                target += f" ({status})"
        rows.append([label(ind, lang), shown,
                     text.interval(ind, row["ci_low"], row["ci_high"], row["latest_value"], lang), national, target,
                     text.status(row["status"], lang), text.trend(row["trend"], lang), text.period(line.period, lang),
                     _sources(row["sources"], lang)])
    for line in b.lines:
        if line.withheld is not None:
            w, ind = line.withheld, line.indicator
            national = "—" if line.national is None or b.is_nation else text.value(ind, line.national.value, lang)
            mark = suppression.mark(w.suppressed, b.threshold)  # a rate of a hidden count: not "<5" itself
            rows.append([label(ind, lang), f"— ({mark})" if ind.is_rate else mark, "—", national, "—",
                         text.status(stats.NO_DATA, lang), "—",
                         text.period(Period(w.period_start, w.period_end, w.period_kind), lang), "—"])
    return rows


def _sources(sources: str, lang: str) -> str:
    if not sources:
        return "—"
    said, msgid = MONTHLY_REPORTS
    unique = ", ".join(dict.fromkeys(sources.split(", ")))  # numerator and denominator may share a source
    return unique.replace(said, f"psc_activity ({_(msgid, lang)})")


def notes(b: Briefing) -> list[str]:
    lang = b.lang
    out = []
    if b.flag("illustrative"):
        out.append(_(ILLUSTRATIVE, lang))
    if b.flag("provisional"):
        out.append(_(NOTE_PROVISIONAL, lang))
    if b.flag("unreliable"):
        out.append(_(UNRELIABLE_NOTE, lang, threshold=stats.UNRELIABLE_BELOW))
    out.append(_(NOTE_SUPPRESSED, lang))
    if b.breaks_in_2022:
        out.append(_(NOTE_BREAK, lang, merges="; ".join(f"{new} ← {old}" for new, old in merges(lang))))
    alpha = (1 - stats.CONFIDENCE) * 100
    out.append(_(NOTE_TESTS, lang, alpha=f"{alpha:g}", confidence=percent()))
    return out


def annex_rows(b: Briefing) -> list[list[str]]:
    lang = b.lang
    names = {l.indicator.id: l.indicator.name(lang) for l in b.lines}
    rows = [[_(c, lang) for c in ANNEX_COLUMNS]]
    for a in b.annex.itertuples():
        loaded = "" if pd.isna(a.loaded_at) else f" ({text.day(pd.Timestamp(a.loaded_at).date(), lang)})"
        rows.append(["; ".join(names[i] for i in a.indicator_ids), series_label(a.series, lang),
                     text.period(a.period, lang), a.source_file, a.source_sheet, a.cells, f"{a.loads}{loaded}"])
    return rows


def build(b: Briefing, images: dict[str, bytes | None]) -> list[Block]:
    """The whole briefing; ``images`` holds the rendered charts ("spine", "trends")."""
    lang = b.lang
    blocks = cover(b)
    blocks.append(Block("heading", _(H_SUMMARY, lang)))
    said = summary.sentences(b)
    blocks.append(Block("bullets", items=[s.text(lang) for s in said]) if said
                  else Block("paragraph", _(NO_FIGURES, lang)))
    if images.get("spine"):
        blocks += [Block("heading", _(H_SPINE_NATION if b.is_nation else H_SPINE, lang)),
                   Block("image", _(SPINE_NOTE, lang), image=images["spine"])]
    if images.get("trends"):
        blocks += [Block("heading", _(H_TRENDS, lang)), Block("image", _(TRENDS_NOTE, lang), image=images["trends"])]
    blocks += [Block("heading", _(H_TABLE, lang)), Block("table", rows=table_rows(b), style="indicators")]
    missing = [l.indicator.name(lang) for l in b.lines if not l.has_value and l.withheld is None]
    if missing:
        blocks.append(Block("paragraph", _(NOT_SHOWN, lang, year=b.year, indicators="; ".join(missing)), style="small"))
    blocks += [Block("heading", _(H_NOTES, lang)), Block("bullets", items=notes(b))]
    blocks += [Block("heading", _(H_ANNEX, lang)), Block("table", rows=annex_rows(b), style="annex")]
    return blocks


def chart_images(b: Briefing) -> dict[str, bytes | None]:
    """Render the spine chart and the trend panel (call inside ``render.renderer()`` for a batch)."""
    out = {}
    for name, make in (("spine", charts.spine), ("trends", charts.trends)):
        fig = make(b)
        out[name] = render.png(fig) if fig is not None else None
    return out


def running_header(b: Briefing) -> str:
    """The line at the top of every page: place, year, edition, and "not for publication" when internal."""
    parts = [text.place(b.region_code, b.lang), str(b.year), edition.label(b.edition, b.lang)]
    if notice := edition.page_notice(b.edition, b.lang):
        parts.append(notice.upper())
    return " · ".join(parts)

