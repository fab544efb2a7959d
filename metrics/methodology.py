"""The words for the rules in metrics/stats.py and metrics/indicators.py, for the Methodology page and
for every label that names a status or a trend.

The numbers in the rules (confidence level, reliability threshold, merged regions, rate bases, the
number of peer regions) are read from the code constants, so the page cannot drift from the code.
"""
from __future__ import annotations

from core import N_
from core.regions import region_by_code
from i18n import translate
from metrics import compare, grading, stats
from metrics.catalogue import Indicator
from metrics.indicators import COMPARABLE
from metrics.peers import PEERS
from metrics.series import SPECS, YEARLY_DENOMINATORS

STATUS_LABELS = {
    stats.MET: N_("Met"),
    stats.ON_TRACK: N_("On track"),
    stats.OFF_TRACK: N_("Off track"),
    stats.NO_DATA: N_("No data"),
    stats.NOT_SCORED: N_("Not scored"),
}
STATUS_MEANINGS = {
    stats.MET: N_("the latest value has reached the target"),
    stats.ON_TRACK: N_("the latest value is at or ahead of the straight path from the baseline to the target"),
    stats.OFF_TRACK: N_("the latest value is behind the path, or the deadline has passed without the target reached"),
    stats.NO_DATA: N_("no figure has been reported; a missing figure is never counted as off track"),
    stats.NOT_SCORED: N_("there is no target or direction to judge by, or the figure is of a kind the target "
                         "does not cover"),
}
TREND_LABELS = {
    stats.RISING: N_("higher"),
    stats.FALLING: N_("lower"),
    stats.STABLE: N_("unchanged"),
    stats.NO_CLEAR_CHANGE: N_("no significant change"),
    None: N_("no comparable earlier figure"),
}
JUDGEMENT_LABELS = {
    compare.IMPROVING: N_("improving"),
    compare.WORSENING: N_("worsening"),
}
AGAINST_NATION_LABELS = {
    compare.HIGHER: N_("higher than Kazakhstan"),
    compare.SIMILAR: N_("similar to Kazakhstan"),
    compare.LOWER: N_("lower than Kazakhstan"),
}
GRADE_LABELS = {
    grading.BETTER: N_("better than Kazakhstan"),
    grading.SIMILAR: N_("similar to Kazakhstan"),
    grading.WORSE: N_("worse than Kazakhstan"),
    grading.HIGHER: N_("higher than Kazakhstan"),
    grading.LOWER: N_("lower than Kazakhstan"),
    grading.UNRELIABLE: N_("unreliable: fewer than {threshold} events, not graded"),
    grading.NO_DATA: N_("no figure"),
}
DIRECTION_LABELS = {
    "lower": N_("lower is better"),
    "higher": N_("higher is better"),
    "none": N_("no direction: shown for information, not scored"),
}
TARGET_STATUS_LABELS = {
    "official": N_("official"),
    "proposed": N_("proposed, to be confirmed"),
}
_PER_CHILDREN = N_("per {base} children")
_RATES = N_("A rate divides a count by its population and multiplies by a base ({bases}). Populations are "
            "the children aged 0-17 on 1 January of the same year, in the same region.")
_INTERVALS = N_("Counts of events (suicides, attempts, appeals, consultations) get exact Poisson (Garwood) "
                "{confidence}% confidence intervals, worked out on the count and divided by the same population "
                "as the rate.")
_UNRELIABLE = N_("A rate from fewer than {threshold} events is marked unreliable (⚠): with so few events, "
                 "chance alone moves it a great deal from one period to the next.")
_YEAR_TO_DATE = N_("A part-year figure (for example January-September) is compared only with the same months of "
                   "the year before, never with a full year. A snapshot (a count on one date) is compared with "
                   "the snapshot before it, a school year with the school year before it.")
_STATUS = N_("Status compares the latest figure with a straight line drawn from the baseline (its period and "
             "value) to the target (its value and deadline): where the line stands on the last day of the "
             "figure's period is the value expected by then.")
_NOT_JUDGED = N_("Targets are national. A region is judged only on rates and shares, never on counts; a "
                 "part-year figure is never judged against an annual target; figures from before the baseline "
                 "are not judged.")
_BASELINES = N_("The national path starts at the baseline value in the catalogue, a region's path at its own "
                "figure for the baseline period. The baseline period's own figure is on the path by definition. "
                "Without a baseline figure there is no path: the figure is not scored until the deadline, when it is met or "
                "off track.")
_TREND = N_("A change between two periods of a rate is judged by the exact test for the ratio of two Poisson "
            "rates (conditional binomial test; the Clopper-Pearson interval of the conditional proportion gives "
            "the {confidence}% interval of the rate ratio). It is shown as the relative change with its interval, "
            "for example \"+19% ({confidence}% CI 4% to 36%)\", and called higher or lower only when the interval "
            "leaves out no change; otherwise \"no significant change\".")
_TREND_SHARES = N_("A change between two periods of a share (a part of a whole, such as filled positions among "
                   "authorised ones) is the difference in percentage points with Newcombe's hybrid score interval, "
                   "built from the Wilson score intervals of the two shares. Figures that are neither rates nor "
                   "shares (pupils per psychologist, staff counted in a census) are compared directly.")
_TREND_WORDS = N_("For an indicator with a direction, a real change is also called improving or worsening, with the "
                  "periods it compares; \"higher\" is worse where lower is better (pupils per psychologist).")
_AGAINST = N_("A region is set against Kazakhstan as PHE Fingertips does: higher than or lower than Kazakhstan "
              "when the region's {confidence}% interval (exact Poisson limits for rates, Wilson score interval "
              "for shares) leaves out the national value, else similar to Kazakhstan.")
_NATION = N_("A national figure is the sum over the regions that report both its numerator and its "
             "denominator.")
_COMPARABLE = N_("Comparable geography: the regions created on 8 June 2022 are added back to the regions they "
                 "were split from ({merges}), numerators and populations alike, so that a series that crosses "
                 "2022 compares like with like.")
_PEERS = N_("The regions most alike (Region profile) are the {peers} regions whose number of children aged 0-17 "
            "in the latest population year is closest to the region's own.")
_TARGETS = N_("A target is official when the government has stated it publicly, and proposed when the CP Monitor "
              "team set it from public statements, to be confirmed. The catalogue of indicators is a file "
              "(data/indicators.toml) that an analyst can correct without changing code.")


def percent(confidence: float | None = None) -> str:
    """The confidence level as a percentage, "95"; read from metrics.stats when called."""
    value = (stats.CONFIDENCE if confidence is None else confidence) * 100
    return f"{value:.0f}" if value == int(value) else f"{value:g}"


def merges(lang: str) -> list[tuple[str, str]]:
    """(created region, region it came from) names, in ``lang``."""
    return [(region_by_code(new).name(lang), region_by_code(old).name(lang)) for new, old in COMPARABLE.items()]


def rate_bases(catalogue: list[Indicator], lang: str) -> str:
    bases = sorted({int(i.multiplier) for i in catalogue if i.denominator in YEARLY_DENOMINATORS}, reverse=True)
    return ", ".join(translate(_PER_CHILDREN, lang, base=_grouped(b, lang)) for b in bases)


def _grouped(number: int, lang: str) -> str:
    return f"{number:,}".replace(",", "," if lang == "en" else "\u00a0")


def rules(catalogue: list[Indicator], lang: str) -> list[str]:
    """The rules the dashboard follows, as sentences in ``lang``, with the numbers of the code."""
    confidence = percent()
    merged = "; ".join(f"{new} → {old}" for new, old in merges(lang))
    return [
        translate(_RATES, lang, bases=rate_bases(catalogue, lang)),
        translate(_INTERVALS, lang, confidence=confidence),
        translate(_UNRELIABLE, lang, threshold=stats.UNRELIABLE_BELOW),
        translate(_YEAR_TO_DATE, lang),
        translate(_NATION, lang),
        translate(_STATUS, lang),
        translate(_NOT_JUDGED, lang),
        translate(_BASELINES, lang),
        translate(_TREND, lang, confidence=confidence),
        translate(_TREND_SHARES, lang),
        translate(_TREND_WORDS, lang),
        translate(_AGAINST, lang, confidence=confidence),
        translate(_COMPARABLE, lang, merges=merged),
        translate(_PEERS, lang, peers=PEERS),
        translate(_TARGETS, lang),
    ]


def statuses(lang: str) -> list[tuple[str, str, str]]:
    """(status, label, meaning) in ``lang``, in the order the scorecard's legend shows them."""
    return [(s, translate(STATUS_LABELS[s], lang), translate(STATUS_MEANINGS[s], lang)) for s in STATUS_LABELS]


def series_label(series_id: str, lang: str) -> str:
    """What a series counts, from its source contract ([series.<id>] label)."""
    spec = SPECS.get(series_id)
    return spec.label(lang) if spec is not None else series_id


# --- the public edition's disclosure control (etl/disclosure) ----------------------------------------
_PROTECTED = N_("The public edition publishes counts of children, and of events involving children, only where no "
                "child can be identified from them: completed suicides and suicide attempts in every breakdown, "
                "every activity count of the Psychological Support Centres, and children given psychological "
                "support through the 111 contact centre. Staffing, schools, positions, appeals and population are "
                "published as they are.")
_PRIMARY = N_("A count from 1 to {below} is shown as “<{threshold}”. A zero is shown.")
_SECONDARY = N_("Further counts are hidden and shown as “x”, chosen so that someone who knows every published "
                "number cannot work a hidden count out, or narrow it down, by adding and subtracting: regions "
                "against the national total, sex and age against the total, a region created in 2022 and the "
                "region it came from against the two together, part of a year against the whole year, or the same "
                "figure in another table. A small count that is itself the total of small counts is shown as “x” "
                "as well.")
_AUDIT = N_("Each publication is checked by solving the linear programme such a person would solve: for every "
            "“<{threshold}” the smallest and the largest value consistent with everything published must still be "
            "1 and {below}.")
_NO_RATES = N_("Rates, confidence intervals, changes, shares, statuses and trends computed from a hidden count are "
               "not published.")
_SAFE = N_("Regions are not ranked by small counts: they are listed by name, and by rate only where the rate rests "
           "on {events} events or more. Nothing below the region level is shown.")
_INTERNAL = N_("The internal edition, for authorised ministry staff after signing in, shows the exact figures.")


def disclosure(lang: str, threshold: int) -> list[str]:
    """The public edition's rules as sentences in ``lang``, with the threshold of the snapshot."""
    return [
        translate(_PROTECTED, lang),
        translate(_PRIMARY, lang, threshold=threshold, below=threshold - 1),
        translate(_SECONDARY, lang),
        translate(_AUDIT, lang, threshold=threshold, below=threshold - 1),
        translate(_NO_RATES, lang),
        translate(_SAFE, lang, events=stats.UNRELIABLE_BELOW),
        translate(_INTERNAL, lang),
    ]
