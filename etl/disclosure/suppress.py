"""Primary and secondary (complementary) suppression.

Primary: every protected count from 1 to threshold-1 ("<5"). A small count that is the total of other
counts (the nation, a comparable-geography unit, a region's figure that has a sex and age breakdown)
or bounds them (a year above its January-October) is hidden as secondary ("x") instead: "<5" there
would tell that each of its small parts is at most 3.
Secondary: published cells hidden as well,
chosen until the attacker's linear programme (``etl.disclosure.bounds``) can no longer narrow any
primary cell below its full range 1..threshold-1. Hiding more only widens what the attacker can
infer, so a primary cell once found safe stays safe and is not checked again.
"""
from __future__ import annotations

import time
from dataclasses import dataclass

import pandas as pd

from etl.disclosure.bounds import Programme
from etl.disclosure.cells import Relations, build_relations, components, read_cells
from etl.disclosure.rules import PRIMARY, SECONDARY

TOLERANCE = 1e-6


@dataclass
class Suppression:
    cells: pd.DataFrame  # the protected cells, with ``suppressed`` (None, 'primary', 'secondary')
    relations: Relations
    seconds: float
    programmes: int  # linear programmes solved

    def count(self, kind: str) -> int:
        return int((self.cells.suppressed == kind).sum())


def suppress(con, threshold: int) -> Suppression:
    started = time.perf_counter()
    cells = read_cells(con)
    rel = build_relations(cells)
    values = cells.value.to_numpy(dtype=float)
    totals = {total for total, _ in rel.equal} | {whole for _, whole in rel.at_most}
    status: list[str | None] = [(SECONDARY if i in totals else PRIMARY) if 1 <= v <= threshold - 1 else None
                                for i, v in enumerate(values)]
    solved = 0
    by_cell: dict[int, list[int]] = {}
    for k, (total, parts) in enumerate(rel.equal):
        for c in (total, *parts):
            by_cell.setdefault(c, []).append(k)
    groups = components(len(cells), rel)
    group_of = {c: g for g, group in enumerate(groups) for c in group}
    equal_of: dict[int, list] = {}
    at_most_of: dict[int, list] = {}
    for r in rel.equal:
        equal_of.setdefault(group_of[r[0]], []).append(r)
    for r in rel.at_most:
        at_most_of.setdefault(group_of[r[0]], []).append(r)
    for g, group in enumerate(groups):
        if not any(status[c] == PRIMARY for c in group):
            continue
        members = set(group)
        equal, at_most = equal_of.get(g, []), at_most_of.get(g, [])
        _no_lonely_cell(equal, status, values, cells, threshold)
        primaries = [c for c in group if status[c] == PRIMARY]
        need = {1.0: set(primaries), -1.0: set(primaries)}  # cells not yet seen at their top / bottom
        goal = {1.0: threshold - 1 - TOLERANCE, -1.0: 1 + TOLERANCE}
        programme = None
        while need[1.0] or need[-1.0]:
            if programme is None:
                programme = Programme(group, values, status, equal, at_most, threshold)
                for sign, cells_left in need.items():
                    while cells_left:
                        reached = {c for c, x in programme.extreme(sorted(cells_left), sign).items()
                                   if sign * x >= sign * goal[sign]}
                        solved += 1
                        if not reached:
                            break
                        cells_left -= reached
                if not (need[1.0] or need[-1.0]):
                    break
            cell = min(need[1.0] | need[-1.0])
            low, high = programme.range_of(cell)
            solved += 2
            if low <= goal[-1.0] and high >= goal[1.0]:
                need[1.0].discard(cell)
                need[-1.0].discard(cell)
                continue
            if not _hide_beside(cell, rel, by_cell, status, values, cells, members, threshold):
                raise RuntimeError(f"no cell left to protect {cells.iloc[cell].to_dict()}")
            _no_lonely_cell(equal, status, values, cells, threshold)
            programme = None
    cells = cells.assign(suppressed=status)
    return Suppression(cells, rel, time.perf_counter() - started, solved)


def _preference(cell: int, values, cells, threshold: int) -> tuple:
    """Which published cell to hide: a region's own cell before a total, then the smallest cell that
    is not small itself (it can absorb the hidden cell's whole range), else the largest."""
    value = values[cell]
    aggregate = cells.level.iat[cell] != "region"  # noqa: PD011
    return (aggregate, value <= 0, value < threshold, value if value >= threshold else -value)


def _candidates(relation, status, values) -> list[int]:
    total, parts = relation
    return [c for c in (*parts, total) if status[c] is None and values[c] > 0]


def _hide(relation, status, values, cells, threshold) -> bool:
    options = _candidates(relation, status, values)
    if not options:
        return False
    status[min(options, key=lambda c: _preference(c, values, cells, threshold))] = SECONDARY
    return True


def _no_lonely_cell(equal, status, values, cells, threshold) -> None:
    """A sum with exactly one hidden term gives that term away: hide a second term, until none is left."""
    changed = True
    while changed:
        changed = False
        for relation in equal:
            total, parts = relation
            hidden = sum(status[c] is not None for c in (total, *parts))
            if hidden == 1 and _hide(relation, status, values, cells, threshold):
                changed = True


def _hide_beside(cell, rel, by_cell, status, values, cells, members, threshold) -> bool:
    """Hide one more cell in a sum with ``cell`` (the one with the fewest hidden terms first), else in
    a sum with another hidden cell of the group."""
    def hidden_in(k):
        total, parts = rel.equal[k]
        return sum(status[c] is not None for c in (total, *parts))

    for k in sorted(by_cell.get(cell, []), key=hidden_in):
        if _hide(rel.equal[k], status, values, cells, threshold):
            return True
    for other in sorted(c for c in members if status[c] is not None):
        for k in sorted(by_cell.get(other, []), key=hidden_in):
            if _hide(rel.equal[k], status, values, cells, threshold):
                return True
    for part, whole in rel.at_most:  # a year that caps a hidden part-year
        if part in members and whole in members and status[part] is not None and status[whole] is None and values[whole] > 0:
            status[whole] = SECONDARY
            return True
    return False
