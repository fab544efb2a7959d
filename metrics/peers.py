"""Regions most alike a given one, and a region's indicators set against the nation and those peers.

"Most alike" means nearest in the number of children aged 0-17 (the population every rate is
divided by) in the latest year the population is known: a like-sized region meets like-sized
demands on its services.
"""
from __future__ import annotations

import pandas as pd

from metrics import stats
from metrics.catalogue import Indicator
from metrics.db import Database
from metrics.indicators import COMPARABLE, NATION, latest
from metrics.snapshot_cache import per_snapshot

PEERS = 3  # how many regions the Region profile compares with
ROLES = ("region", "nation", "peer")


def child_population(db: Database, geography: str = "current") -> pd.DataFrame:
    """Children aged 0-17 by region in the latest population year: region_code, year, children."""
    frame = db.query("SELECT region_code, year, value FROM child_population WHERE sex = 'all' AND region_code IN (SELECT region_code FROM regions)")
    if frame.empty:
        return pd.DataFrame(columns=["region_code", "year", "children"])
    if geography == "comparable":
        frame["region_code"] = frame.region_code.replace(COMPARABLE)
        frame = frame.groupby(["region_code", "year"], as_index=False).value.sum()
    year = frame.year.max()
    out = frame[frame.year == year].rename(columns={"value": "children"})
    return out[["region_code", "year", "children"]].sort_values("region_code").reset_index(drop=True)


@per_snapshot()
def most_alike(db: Database, region_code: str, n: int = PEERS, geography: str = "current") -> pd.DataFrame:
    """The ``n`` regions nearest to ``region_code`` in children aged 0-17 (ties: by region code), with
    their population and the absolute difference; empty when the region's population is unknown."""
    population = child_population(db, geography)
    own = population[population.region_code == region_code]
    if own.empty:
        return population.assign(difference=pd.Series(dtype="int64")).iloc[0:0]
    others = population[population.region_code != region_code].copy()
    others["difference"] = (others.children - own.children.iloc[0]).abs()
    return others.sort_values(["difference", "region_code"]).head(n).reset_index(drop=True)


@per_snapshot()
def comparison(frame: pd.DataFrame, catalogue: list[Indicator], region_code: str, peers: list[str]) -> pd.DataFrame:
    """Every indicator for the region, the nation and the peers, all for the same period: the
    region's latest (the nation's when the region has none). Rates and shares only: a region's count
    beside the nation's count says nothing. One row per indicator and place, in the order region,
    nation, peers; a place without a figure for that period has no value."""
    rows = []
    places = [(region_code, "region"), (NATION, "nation")] + [(p, "peer") for p in peers]
    for indicator in catalogue:
        if not indicator.is_rate:
            continue
        anchor = latest(frame, indicator, region_code)
        if anchor is None:
            anchor = latest(frame, indicator, NATION)
        if anchor is None:
            continue
        same = frame[(frame.indicator_id == indicator.id) & (frame.period_kind == anchor.period_kind)
                     & (frame.period_start == anchor.period_start) & (frame.period_end == anchor.period_end)]
        by_region = same.set_index("region_code")
        for code, role in places:
            base = {"indicator_id": indicator.id, "region_code": code, "role": role, "period": anchor.period,
                    "period_kind": anchor.period_kind, "period_start": anchor.period_start,
                    "period_end": anchor.period_end}
            if code in by_region.index:
                found = by_region.loc[code]
                rows.append({**base, **{c: found[c] for c in ("value", "numerator", "denominator", "ci_low",
                                                              "ci_high", "unreliable", "status", "illustrative",
                                                              "provisional", "sources")},
                             "suppressed": found.get("suppressed")})  # the public edition's withheld values
            else:
                rows.append(base)
    columns = ["indicator_id", "region_code", "role", "period", "period_kind", "period_start", "period_end", "value",
               "numerator", "denominator", "ci_low", "ci_high", "unreliable", "status", "illustrative", "provisional",
               "sources", "suppressed"]
    out = pd.DataFrame(rows, columns=columns)
    out["status"] = out.status.fillna(stats.NO_DATA)
    for flag in ("unreliable", "illustrative", "provisional"):
        out[flag] = out[flag].astype("boolean").fillna(False).astype(bool)
    return out
