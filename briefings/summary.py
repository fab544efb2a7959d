"""The plain-language summary: at most eight sentences, each stating one finding with its number.

Each rule below looks at one part of a gathered briefing and returns a sentence, or nothing when the
figures are missing or cannot support the claim. A difference is only called higher or lower when
``metrics.compare`` (the dashboard's own rules: the region's exact 95% interval against the national
value; the exact test of two Poisson rates for a change) says so; a rate from fewer than 20 events is
not compared at all; regions are never ranked. Every sentence is a msgid of the catalogue, so it reads the same in
Kazakh, Russian and English.
"""
from __future__ import annotations

from dataclasses import dataclass, field

from briefings import text
from briefings.content import Briefing, Line
from i18n import N_, translate
from metrics import compare, schools, stats
from metrics.scorecard import period_of

MAX_SENTENCES = 8

RATE_HIGHER = N_("{place}, {period}: “{indicator}” was {value} ({unit}; {count} cases), higher than the national "
                 "{national}; the difference is statistically significant.")
RATE_LOWER = N_("{place}, {period}: “{indicator}” was {value} ({unit}; {count} cases), lower than the national "
                "{national}; the difference is statistically significant.")
RATE_SAME = N_("{place}, {period}: “{indicator}” was {value} ({unit}; {count} cases), against {national} "
               "nationally; the difference is not statistically significant.")
RATE_FEW = N_("{place}, {period}: “{indicator}” was {value} ({unit}), from {count} cases: fewer than {threshold}, "
              "too few to compare with the national {national}.")
RATE_NATIONAL = N_("{place}, {period}: “{indicator}” was {value} ({unit}; {count} cases).")
CHANGE_UP = N_("Against {previous_period}, “{indicator}” rose from {previous} to {value}; the rise is "
               "statistically significant.")
CHANGE_DOWN = N_("Against {previous_period}, “{indicator}” fell from {previous} to {value}; the fall is "
                 "statistically significant.")
CHANGE_SAME = N_("Against {previous_period}, “{indicator}” went from {previous} to {value}; the change is not "
                 "statistically significant.")
CHANGE_FEW = N_("Against {previous_period}, “{indicator}” went from {previous} to {value}, from fewer than "
                "{threshold} cases in a period: too few to judge a change.")
TARGETS = N_("Of {total} indicators with a target of the Plan that apply here: met, {met}; on track, {on_track}; "
             "off track, {off_track}.")
PATH = N_("“{indicator}”, {period}: {value}, against {expected} expected by then on the straight path to the "
          "target of {target} by {deadline}: {status}.")
NORM_MET = N_("School year {period}: {value} pupils per school psychologist, within the norm of one psychologist "
              "per {norm} pupils.")
NORM_NOT_MET = N_("School year {period}: {value} pupils per school psychologist, above the norm of one "
                  "psychologist per {norm} pupils.")
APPEALS = N_("{period}: {count} children's appeals to the 111 contact centre, {value} per 1,000 children "
             "(nationally {national}).")
APPEALS_NATIONAL = N_("{period}: {count} children's appeals to the 111 contact centre, {value} per 1,000 "
                      "children.")

RATE_INDICATORS = ("suicide_rate", "attempt_rate")
STAFF_INDICATOR = {True: "psc_specialists", False: "psc_specialists_per_10k"}  # by is_nation
APPEALS_INDICATOR = "helpline_appeals_per_1000"


@dataclass(frozen=True)
class Sentence:
    rule: str
    msgid: str
    params: dict = field(default_factory=dict)
    numbers: tuple = ()  # (shown text, value in the metrics layer) of every figure stated

    def text(self, lang: str) -> str:
        return translate(self.msgid, lang, **self.params)


def _names(line: Line, b: Briefing) -> dict:
    ind = line.indicator
    return {"indicator": ind.name(b.lang), "unit": ind.unit(b.lang), "period": text.period(line.period, b.lang)}


def rate_versus_nation(b: Briefing, line: Line | None) -> Sentence | None:
    if line is None or not line.has_value or line.national is None:
        return None
    ind, lang, fig = line.indicator, b.lang, line.figure
    value, count = text.value(ind, fig.value, lang), text.count(fig.numerator, lang)
    params = {**_names(line, b), "place": text.place(b.region_code, lang), "value": value, "count": count}
    numbers = [(value, float(fig.value)), (count, float(fig.numerator))]
    if b.is_nation:
        return Sentence("rate_versus_nation", RATE_NATIONAL, params, tuple(numbers))
    national = text.value(ind, line.national.value, lang)
    params["national"] = national
    numbers.append((national, float(line.national.value)))
    if stats.unreliable(fig.numerator):
        return Sentence("rate_versus_nation", RATE_FEW, {**params, "threshold": stats.UNRELIABLE_BELOW},
                        tuple(numbers))
    if line.versus_nation is None:
        return None
    msgid = {compare.HIGHER: RATE_HIGHER, compare.LOWER: RATE_LOWER,
             compare.SIMILAR: RATE_SAME}[line.versus_nation]
    return Sentence("rate_versus_nation", msgid, params, tuple(numbers))


def change_over_time(b: Briefing, line: Line | None) -> Sentence | None:
    if line is None or not line.has_value or line.previous is None or line.change is None:
        return None
    ind, lang, fig, prev = line.indicator, b.lang, line.figure, line.previous
    value, previous = text.value(ind, fig.value, lang), text.value(ind, prev.value, lang)
    params = {"indicator": ind.name(lang), "value": value, "previous": previous,
              "previous_period": text.period(period_of(prev), lang)}
    numbers = ((value, float(fig.value)), (previous, float(prev.value)))
    if stats.unreliable(fig.numerator) or stats.unreliable(prev.numerator):
        return Sentence("change_over_time", CHANGE_FEW, {**params, "threshold": stats.UNRELIABLE_BELOW}, numbers)
    msgid = {stats.RISING: CHANGE_UP, stats.FALLING: CHANGE_DOWN}.get(line.change.verdict, CHANGE_SAME)
    return Sentence("change_over_time", msgid, params, numbers)


def targets(b: Briefing) -> Sentence | None:
    judged = [l.row["status"] for l in b.shown if l.row["target_value"] is not None
              and l.row["status"] in (stats.MET, stats.ON_TRACK, stats.OFF_TRACK)]
    if not judged:
        return None
    counts = {s: judged.count(s) for s in (stats.MET, stats.ON_TRACK, stats.OFF_TRACK)}
    params = {"total": len(judged), **counts}
    return Sentence("targets", TARGETS, {k: text.count(v, b.lang) for k, v in params.items()},
                    tuple((text.count(v, b.lang), float(v)) for v in params.values()))


def staffing_path(b: Briefing) -> Sentence | None:
    line = b.line(STAFF_INDICATOR[b.is_nation])
    if line is None or not line.has_value or line.row["target_value"] is None:
        return None
    ind, row, lang = line.indicator, line.row, b.lang
    if row["baseline_value"] is None or ind.baseline_period is None or row["status"] not in (
            stats.MET, stats.ON_TRACK, stats.OFF_TRACK):
        return None
    expected = stats.expected_on_path(row["baseline_value"], ind.baseline_period.end, ind.target_value,
                                      ind.target_deadline, line.period.end)
    value, exp, target = (text.value(ind, v, lang) for v in (row["latest_value"], expected, ind.target_value))
    params = {**_names(line, b), "value": value, "expected": exp, "target": target,
              "deadline": text.day(ind.target_deadline, lang), "status": text.status_word(row["status"], lang)}
    return Sentence("staffing_path", PATH, params,
                    ((value, row["latest_value"]), (exp, expected), (target, float(ind.target_value))))


def school_norm(b: Briefing) -> Sentence | None:
    line = b.line(schools.NORM_INDICATOR)
    if line is None or not line.has_value:
        return None
    norm = schools.norm()
    value = text.value(line.indicator, line.row["latest_value"], b.lang)
    shown_norm = text.count(norm, b.lang)
    msgid = NORM_MET if line.row["latest_value"] <= norm else NORM_NOT_MET
    period = f"{line.period.year}-{line.period.year + 1}"
    return Sentence("school_norm", msgid, {"period": period, "value": value, "norm": shown_norm},
                    ((value, line.row["latest_value"]), (shown_norm, norm)))


def appeals(b: Briefing) -> Sentence | None:
    line = b.line(APPEALS_INDICATOR)
    if line is None or not line.has_value or line.figure is None:
        return None
    ind, lang, fig = line.indicator, b.lang, line.figure
    value, count = text.value(ind, fig.value, lang), text.count(fig.numerator, lang)
    params = {"period": text.period(line.period, lang), "value": value, "count": count}
    numbers = [(count, float(fig.numerator)), (value, float(fig.value))]
    if b.is_nation or line.national is None:
        return Sentence("appeals", APPEALS_NATIONAL, params, tuple(numbers))
    national = text.value(ind, line.national.value, lang)
    numbers.append((national, float(line.national.value)))
    return Sentence("appeals", APPEALS, {**params, "national": national}, tuple(numbers))


def sentences(b: Briefing) -> list[Sentence]:
    """The summary's sentences in reading order: rates against the nation and over time, targets,
    PSC staffing, school psychologists, 111 appeals."""
    found = []
    for indicator_id in RATE_INDICATORS:
        line = b.line(indicator_id)
        found += [rate_versus_nation(b, line), change_over_time(b, line)]
    found += [targets(b), staffing_path(b), school_norm(b), appeals(b)]
    return [s for s in found if s is not None][:MAX_SENTENCES]
