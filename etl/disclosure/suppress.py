"""Primary and secondary (complementary) suppression.

Primary: every protected count from 1 to threshold-1 ("<5"). A small count that is the total of other
counts (the nation, a comparable-geography unit, a region's figure that has a sex and age breakdown, a
period that others lie inside) is hidden as secondary ("x") instead: "<5" there would tell that each
of its small parts is at most 3.
Secondary: published cells hidden as well, until the attacker's linear programme
(``etl.disclosure.bounds``) can no longer narrow any primary cell below its full range
1..threshold-1. For a primary cell the attacker can still narrow, a mixed-integer programme
(``etl.disclosure.cover``) picks the cheapest set of published cells whose hiding lets the cell reach
both ends of its range; the cost strongly prefers small regional cells, so the national totals stay
published wherever another pattern exists. Hiding more only widens what the attacker can infer, so a
primary cell once found safe stays safe and is not checked again.
"""
from __future__ import annotations

import time
from dataclasses import dataclass

import pandas as pd

from etl.disclosure.bounds import Programme
from etl.disclosure.cells import Relations, build_relations, components, read_cells
from etl.disclosure.cover import cheapest_cover, cost
from etl.disclosure.rules import PRIMARY, SECONDARY

TOLERANCE = 1e-6


@dataclass
class Suppression:
    cells: pd.DataFrame  # the protected cells, with ``suppressed`` (None, 'primary', 'secondary')
    relations: Relations
    seconds: float
    programmes: int  # linear and mixed-integer programmes solved

    def count(self, kind: str, level: str | None = None) -> int:
        """Cells suppressed as ``kind``; ``level`` ('region', 'nation', 'merged') narrows to one level."""
        mask = self.cells.suppressed == kind
        if level is not None:
            mask &= self.cells.level == level
        return int(mask.sum())


def suppress(con, threshold: int) -> Suppression:
    started = time.perf_counter()
    cells = read_cells(con)
    rel = build_relations(cells)
    values = cells.value.to_numpy(dtype=float)
    levels = cells.level.tolist()
    totals = {total for total, _ in rel.equal} | {whole for _, whole in rel.at_most}
    status: list[str | None] = [(SECONDARY if i in totals else PRIMARY) if 1 <= v <= threshold - 1 else None
                                for i, v in enumerate(values)]
    solved = 0
    groups = components(len(cells), rel)
    group_of = {c: g for g, group in enumerate(groups) for c in group}
    equal_of: dict[int, list] = {}
    at_most_of: dict[int, list] = {}
    for r in rel.equal:
        equal_of.setdefault(group_of[r[0]], []).append(r)
    for r in rel.at_most:
        at_most_of.setdefault(group_of[r[0]], []).append(r)
    goal = {1.0: threshold - 1 - TOLERANCE, -1.0: 1 + TOLERANCE}
    for g, group in enumerate(groups):
        if not any(status[c] == PRIMARY for c in group):
            continue
        equal, at_most = equal_of.get(g, []), at_most_of.get(g, [])
        _no_lonely_cell(equal, status, values, levels)
        primaries = [c for c in group if status[c] == PRIMARY]
        need = {1.0: set(primaries), -1.0: set(primaries)}  # cells not yet seen at their top / bottom
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
            targets = ([1.0] if low > goal[-1.0] else []) + ([threshold - 1.0] if high < goal[1.0] else [])
            chosen = cheapest_cover(group, cell, targets, values, status, levels, equal, at_most, threshold)
            solved += 1
            if not chosen:
                raise RuntimeError(f"no cell left to protect {cells.iloc[cell].to_dict()}")
            for c in chosen:
                status[c] = SECONDARY
            _no_lonely_cell(equal, status, values, levels)
            programme = None
    cells = cells.assign(suppressed=status)
    return Suppression(cells, rel, time.perf_counter() - started, solved)


def _no_lonely_cell(equal, status, values, levels) -> None:
    """A sum with exactly one hidden term gives that term away (a small total hidden as "x" included):
    hide the cheapest other term, until none is left."""
    changed = True
    while changed:
        changed = False
        for total, parts in equal:
            terms = (total, *parts)
            if sum(status[c] is not None for c in terms) != 1:
                continue
            options = [c for c in terms if status[c] is None and values[c] > 0]
            if options:
                status[min(options, key=lambda c: (cost(values[c], levels[c]), c))] = SECONDARY
                changed = True
