"""The protected counts of a database and the linear relations between them.

An attacker who sees every published number can add and subtract them along these relations:
- the regions of a period and breakdown add up to the nation (region_code 'KZ');
- a comparable-geography unit ('KZ-63+KZ-10') is the region split in 2022 plus the new region;
- the sex and age cells of a KPSSU detail table add up to the summary figure of the same region,
  period and measure;
- a period inside another of the same series (January-October in the year, a half-year in a July-June
  span) is at most it, and periods tiling a longer one add up to it, across years too.
The same figure shown in another table is the same cell here (one key), and indicator values are
published only when every count behind them is (``etl.disclosure.indicators``), so they add no
relation of their own.
"""
from __future__ import annotations

from bisect import bisect_left, bisect_right
from dataclasses import dataclass, field
from datetime import date, timedelta

import pandas as pd

from etl.disclosure.rules import protected_sql

KEY = ["source", "region_code", "period_kind", "period_start", "period_end", "sex", "age_group", "measure"]
NATION = "KZ"


@dataclass
class Relations:
    """``equal``: (total, parts) meaning total = sum(parts); ``at_most``: (part, whole) meaning part <= whole.
    Cells are row positions in the cell frame."""
    equal: list[tuple[int, list[int]]] = field(default_factory=list)
    at_most: list[tuple[int, int]] = field(default_factory=list)


def read_cells(con) -> pd.DataFrame:
    """Every protected count with a value, from ``current_figures``, one row per cell (index 0..n-1)."""
    frame = con.execute(f"SELECT {', '.join(KEY)}, value FROM current_figures "
                        f"WHERE {protected_sql()} AND value IS NOT NULL ORDER BY {', '.join(KEY)}").df()
    regions = {r for (r,) in con.execute("SELECT region_code FROM regions").fetchall()}
    frame["level"] = ["region" if r in regions else "nation" if r == NATION else "merged" for r in frame.region_code]
    return frame.reset_index(drop=True)


def build_relations(cells: pd.DataFrame) -> Relations:
    rel = Relations()
    rows = list(zip(*(cells[c].tolist() for c in KEY), cells.level.tolist()))
    index = {row[:len(KEY)]: i for i, row in enumerate(rows)}
    groups: dict[tuple, dict] = {}
    for i, (source, region, kind, start, end, sex, age, measure, level) in enumerate(rows):
        group = groups.setdefault((source, kind, start, end, sex, age, measure), {"nation": [], "region": {}, "merged": []})
        if level == "region":
            group["region"][region] = i
        else:
            group[level].append(i)
    for group in groups.values():
        if group["nation"] and group["region"]:
            rel.equal.append((group["nation"][0], sorted(group["region"].values())))
        for unit in group["merged"]:
            members = [group["region"][c] for c in rows[unit][1].split("+") if c in group["region"]]
            if members:
                rel.equal.append((unit, members))
    details: dict[tuple, list[int]] = {}
    for i, (source, region, kind, start, end, sex, age, measure, _) in enumerate(rows):
        if source == "kpssu_detail":
            details.setdefault((region, kind, start, end, measure), []).append(i)
    for (region, kind, start, end, measure), parts in details.items():
        total = index.get(("kpssu_summary", region, kind, start, end, "all", "all", measure))
        if total is not None:
            rel.equal.append((total, parts))
    series: dict[tuple, list[tuple]] = {}
    days = {}  # the few distinct period bounds, each converted once
    for i, (source, region, kind, start, end, sex, age, measure, _) in enumerate(rows):
        first = days.get(start) or days.setdefault(start, _day(start))
        last = days.get(end) or days.setdefault(end, _day(end))
        series.setdefault((source, region, sex, age, measure), []).append((first, last, i))
    for spans in series.values():
        period_relations(spans, rel)
    return rel


def _day(value) -> date:
    return pd.Timestamp(value).date()


def period_relations(spans: list[tuple[date, date, int]], rel: Relations, limit: int = 4) -> None:
    """Relations between the periods of one series (same source, unit, breakdown and measure), across
    years as well as within one: a period inside another is at most it, and periods that tile a longer
    one exactly (January-June and July-December against the year, or the second half of 2024 and the
    first of 2025 against a July-June span) add up to it. At most ``limit`` tilings per period."""
    by_start: dict[date, list[tuple[date, int]]] = {}
    for start, end, i in spans:
        by_start.setdefault(start, []).append((end, i))
    ordered = sorted(spans)  # by start: the periods inside one lie in one run of this list
    starts = [s2 for s2, _, _ in ordered]
    for start, end, whole in spans:
        for s2, e2, part in ordered[bisect_left(starts, start):bisect_right(starts, end)]:
            if part != whole and e2 <= end:
                rel.at_most.append((part, whole))
        found: list[list[int]] = []
        _tilings(start, end, whole, by_start, [], found, limit)
        rel.equal.extend((whole, parts) for parts in found)


def _tilings(day: date, end: date, whole: int, by_start, chosen: list[int], found: list, limit: int) -> None:
    for e2, part in by_start.get(day, []):
        if len(found) >= limit:
            return
        if part == whole or e2 > end:
            continue
        if e2 == end:
            found.append([*chosen, part])
        else:
            _tilings(e2 + timedelta(days=1), end, whole, by_start, [*chosen, part], found, limit)


def components(n: int, rel: Relations) -> list[list[int]]:
    """Groups of cells linked by some relation (each is an independent linear programme)."""
    parent = list(range(n))

    def find(i: int) -> int:
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    def join(a: int, b: int) -> None:
        parent[find(a)] = find(b)

    for total, parts in rel.equal:
        for p in parts:
            join(total, p)
    for a, b in rel.at_most:
        join(a, b)
    groups: dict[int, list[int]] = {}
    for i in range(n):
        groups.setdefault(find(i), []).append(i)
    return list(groups.values())
