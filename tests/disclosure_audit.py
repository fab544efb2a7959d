"""The attacker's view of a public snapshot, built from the file alone.

Every protected count of the public file's data API becomes a variable: a published count is
fixed, a "<5" lies in 1..threshold-1, an "x" is >= 0. The relations are written here from the
views' own meaning (not taken from the ETL, so an ETL mistake cannot hide itself):
regions add up to the nation, parent + new region to the comparable-geography unit, sex and age
cells to the region's summary figure; a period inside another of the same series is at most it, and
consecutive periods covering a longer one add up to it, across years as well as within one.
(Indicator values are checked separately: none computed from a hidden count may be published at
all.) Cells linked by no relation are solved apart, one linear programme per group.
"""
from __future__ import annotations

import time
from dataclasses import dataclass
from datetime import date, timedelta

import duckdb
import numpy as np
from scipy.optimize import linprog

PROTECTED_SQL = """
    SELECT 'suicide' AS kind, region_code, make_date(year, month_from, 1) AS first_day,
           last_day(make_date(year, month_to, 1)) AS last_day, sex, age_group, measure, value, suppressed,
           CASE WHEN sex = 'all' AND age_group = 'all' THEN 'summary' ELSE 'detail' END AS tab
    FROM suicide_counts
    UNION ALL
    SELECT 'psc', region_code, make_date(year, month, 1), last_day(make_date(year, month, 1)), 'all', 'all', measure,
           value, suppressed, 'month' FROM psc_activity
    UNION ALL
    SELECT 'helpline', region_code, CAST(period_start AS DATE), CAST(period_end AS DATE), 'all', 'all', measure,
           value, suppressed, 'period' FROM helpline_111 WHERE measure = 'children_supported'
"""


@dataclass
class Audit:
    primary: int
    secondary: int
    published: int
    narrowed: list  # (cell, low, high) of every primary cell the attacker can narrow
    seconds: float
    programmes: int


def _cells(con):
    frame = con.execute(PROTECTED_SQL).df()
    frame = frame[frame.value.notna() | frame.suppressed.notna()].reset_index(drop=True)
    regions = dict(con.execute("SELECT region_code, parent_code FROM regions").fetchall())
    return frame, regions


def relations(frame, regions):
    """(coefficients by cell, kind) with kind 'eq' (sum = 0) or 'le' (sum <= 0)."""
    out = []
    key = {tuple(r): i for i, r in enumerate(frame[["kind", "tab", "region_code", "first_day", "last_day",
                                                    "sex", "age_group", "measure"]].itertuples(index=False))}
    by_slice: dict[tuple, dict[str, int]] = {}
    for (kind, tab, region, first, last, sex, age, measure), i in key.items():
        by_slice.setdefault((kind, tab, first, last, sex, age, measure), {})[region] = i
    for members in by_slice.values():
        parts = [i for r, i in members.items() if r in regions]
        if "KZ" in members and parts:
            out.append(({members["KZ"]: 1, **{i: -1 for i in parts}}, "eq"))
        for child, parent in regions.items():
            unit = f"{parent}+{child}" if parent else None
            if unit and unit in members:
                terms = {members[unit]: 1}
                for r in (parent, child):
                    if r in members:
                        terms[members[r]] = terms.get(members[r], 0) - 1
                out.append((terms, "eq"))
    detail: dict[tuple, list[int]] = {}
    for (kind, tab, region, first, last, sex, age, measure), i in key.items():
        if tab == "detail":
            detail.setdefault((region, first, last, measure), []).append(i)
    for (region, first, last, measure), parts in detail.items():
        total = key.get(("suicide", "summary", region, first, last, "all", "all", measure))
        if total is not None:
            out.append(({total: 1, **{i: -1 for i in parts}}, "eq"))
    series: dict[tuple, list] = {}
    for (kind, tab, region, first, last, sex, age, measure), i in key.items():
        series.setdefault((kind, region, sex, age, measure), []).append((_day(first), _day(last), i))
    for spans in series.values():
        out += _periods(spans)
    return out


def _day(value) -> date:
    return value.date() if hasattr(value, "date") else value


def _periods(spans):
    """Across years as well as within one: a period inside another is at most it, and consecutive
    periods that cover a longer one exactly add up to it (found by walking from its first day)."""
    out = []
    starting: dict[date, list] = {}
    for first, last, i in spans:
        starting.setdefault(first, []).append((last, i))
    for first, last, whole in spans:
        out += [({part: 1, whole: -1}, "le") for f, l, part in spans if part != whole and first <= f and l <= last]
        paths = [(first, [])]
        while paths:
            day, chosen = paths.pop()
            for l, part in starting.get(day, []):
                if part == whole or l > last:
                    continue
                if l == last:
                    out.append(({whole: 1, **{p: -1 for p in (*chosen, part)}}, "eq"))
                else:
                    paths.append((l + timedelta(days=1), [*chosen, part]))
    return out


def audit(path, threshold: int = 5) -> Audit:
    started = time.perf_counter()
    con = duckdb.connect(str(path), read_only=True)
    try:
        frame, regions = _cells(con)
    finally:
        con.close()
    rel = relations(frame, regions)
    values = frame.value.to_numpy(dtype=float, na_value=np.nan)
    status = frame.suppressed.tolist()
    narrowed, solved = [], 0
    for group_rel in _groups(rel):
        cells = sorted({c for terms, _ in group_rel for c in terms})
        hidden = [c for c in cells if status[c] in ("primary", "secondary")]
        if not any(status[c] == "primary" for c in hidden):
            continue
        found, n = _bounds(group_rel, hidden, values, status, threshold)
        narrowed += [(frame.iloc[c].to_dict(), low, high) for c, low, high in found]
        solved += n
    return Audit(int((frame.suppressed == "primary").sum()), int((frame.suppressed == "secondary").sum()),
                 int(frame.value.notna().sum()), narrowed, time.perf_counter() - started, solved)


def _groups(rel):
    parent: dict[int, int] = {}

    def find(i):
        parent.setdefault(i, i)
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    for terms, _ in rel:
        cells = list(terms)
        for c in cells[1:]:
            parent[find(c)] = find(cells[0])
    out: dict[int, list] = {}
    for terms, kind in rel:
        out.setdefault(find(next(iter(terms))), []).append((terms, kind))
    return list(out.values())


def _bounds(rel, hidden, values, status, threshold):
    column = {c: j for j, c in enumerate(hidden)}
    a_eq, b_eq, a_ub, b_ub = [], [], [], []
    for terms, kind in rel:
        row = np.zeros(len(hidden))
        rhs = 0.0
        for cell, coef in terms.items():
            if cell in column:
                row[column[cell]] += coef
            else:
                rhs -= coef * values[cell]
        if not row.any():
            assert (abs(rhs) < 1e-9) if kind == "eq" else (rhs >= -1e-9), ("published figures disagree", terms)
            continue
        (a_eq if kind == "eq" else a_ub).append(row)
        (b_eq if kind == "eq" else b_ub).append(rhs)
    bounds = [(1, threshold - 1) if status[c] == "primary" else (0, None) for c in hidden]
    eq = dict(A_eq=np.array(a_eq), b_eq=np.array(b_eq)) if a_eq else {}
    ub = dict(A_ub=np.array(a_ub), b_ub=np.array(b_ub)) if a_ub else {}
    found, solved = [], 0
    for cell in hidden:
        if status[cell] != "primary":
            continue
        ends = []
        for sign in (1.0, -1.0):
            c = np.zeros(len(hidden))
            c[column[cell]] = sign
            res = linprog(c, bounds=bounds, method="highs", **eq, **ub)
            solved += 1
            assert res.status == 0, res.message
            ends.append(sign * res.fun)
        if ends[0] > 1 + 1e-6 or ends[1] < threshold - 1 - 1e-6:
            found.append((cell, ends[0], ends[1]))
    return found, solved
