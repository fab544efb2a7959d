"""Indicator values in the public edition: a value, interval, status or trend computed from a
suppressed count is not published.

An indicator row is kept only when every protected count behind its numerator and denominator is
published; then everything it shows can be computed from published counts anyway, so it tells an
attacker nothing new. Otherwise its figures are NULL and ``suppressed`` names the strongest reason.
"""
from __future__ import annotations

import pandas as pd

from etl.disclosure.rules import PRIMARY, SECONDARY
from metrics.catalogue import load_catalogue
from metrics.series import CASES

_CONSULTATIONS = ("consultations_in_person", "consultations_online", "consultations_group", "consultations_family")
# series id -> (sources, measures, whether the series sums the months of the period)
PROTECTED_SERIES = {
    "suicides_completed": (("kpssu_summary",), ("completed",), False),
    "suicides_attempts": (("kpssu_summary",), ("attempts",), False),
    "helpline_children_supported": (("helpline_111",), ("children_supported",), False),
    "psc_consultations": (("psc_activity",), _CONSULTATIONS, True),
    "psc_cases": (("psc_activity",), CASES, True),
    "psc_cases_bullying": (("psc_activity",), ("cases_bullying",), True),
    "psc_cases_cyberbullying": (("psc_activity",), ("cases_cyberbullying",), True),
    "psc_cases_violence": (("psc_activity",), ("cases_violence_family", "cases_violence_outside"), True),
    "psc_cases_suicidal": (("psc_activity",), ("cases_suicidal",), True),
}
WITHHELD = ["value", "numerator", "denominator", "ci_low", "ci_high"]


def unit_code(region_code: str, geography: str, merged: dict[str, str]) -> str:
    """The row of the data API an indicator row is computed from (comparable geography: the merged unit)."""
    return merged.get(region_code, region_code) if geography == "comparable" else region_code


def withhold(values: pd.DataFrame, cells: pd.DataFrame, merged: dict[str, str], no_data: str) -> pd.DataFrame:
    """``values`` (the indicator_values table) with ``suppressed`` set and figures withheld where a
    count behind them is suppressed. ``cells``: the protected cells with their ``suppressed``;
    ``merged``: parent region code -> comparable-geography unit code."""
    series_of = {i.id: [s for s in (i.numerator, i.denominator) if s in PROTECTED_SERIES] for i in load_catalogue()}
    lookup = {key: (pd.to_datetime(g.period_start).to_numpy(), pd.to_datetime(g.period_end).to_numpy(),
                    ((g.sex == "all") & (g.age_group == "all")).to_numpy(), g.suppressed.to_numpy())
              for key, g in cells.groupby(["source", "region_code", "measure"])}
    out = values.copy()
    reasons = []
    for row in out.itertuples():
        found = []
        code = unit_code(row.region_code, row.geography, merged)
        for series_id in series_of.get(row.indicator_id, []):
            sources, measures, monthly = PROTECTED_SERIES[series_id]
            for source in sources:
                for measure in measures:
                    if (source, code, measure) not in lookup:
                        continue
                    starts, ends, total, suppressed = lookup[(source, code, measure)]
                    start, end = pd.Timestamp(row.period_start).to_datetime64(), pd.Timestamp(row.period_end).to_datetime64()
                    if monthly:
                        mask = (starts >= start) & (ends <= end)
                    else:
                        mask = (starts == start) & (ends == end) & total
                    found.extend(s for s in suppressed[mask] if isinstance(s, str))
        reasons.append(PRIMARY if PRIMARY in found else SECONDARY if found else None)
    out["suppressed"] = pd.array(reasons, dtype="object")
    hidden = out.suppressed.notna()
    for column in WITHHELD:
        out[column] = out[column].astype("float64").where(~hidden)
    out["unreliable"] = out.unreliable.astype("object").where(~hidden, None)
    out["status"] = out.status.where(~hidden, no_data)
    return out
