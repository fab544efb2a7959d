"""The cheapest complementary suppression for one primary cell, as a mixed-integer programme.

For each end of the cell's range the attacker must not rule out (1 and threshold-1), there must be
values of all cells that satisfy every relation, keep each published cell at its value unless it is
hidden, and put the primary cell at that end. A binary variable per published cell says whether it
is hidden; the programme minimises the cost of the hidden cells (scipy's ``milp``, HiGHS).
"""
from __future__ import annotations

import numpy as np
from scipy.optimize import Bounds, LinearConstraint, milp
from scipy.sparse import lil_matrix

from etl.disclosure.rules import PRIMARY

# A national total is hidden only when no pattern without one exists; a comparable-geography unit
# only before a national one; among regional cells, the smallest first.
LEVEL_COST = {"region": 1.0, "merged": 1e3, "nation": 1e6}
TIME_LIMIT = 20.0  # seconds per programme; the best pattern found by then is used


def cost(value: float, level: str) -> float:
    return LEVEL_COST[level] * (1.0 + float(value))


def cheapest_cover(group, cell, targets, values, status, levels, equal, at_most, threshold) -> list[int]:
    """The published cells of ``group`` to hide so that ``cell`` can take each value in ``targets``;
    [] when no such set exists."""
    free = [c for c in group if status[c] is None and values[c] > 0]
    if not free:
        return []
    col = {c: j for j, c in enumerate(group)}
    n, k = len(group), len(free)
    big = float(sum(values[c] for c in group)) + threshold * n
    nvar = k + n * len(targets)
    rows: list[tuple[dict[int, float], float, float]] = []
    lower, upper = np.zeros(nvar), np.zeros(nvar)
    lower[:k], upper[:k] = 0.0, 1.0
    for t, target in enumerate(targets):
        base = k + t * n

        def y(c):
            return base + col[c]

        for total, parts in equal:
            terms = {y(total): 1.0}
            for p in parts:
                terms[y(p)] = terms.get(y(p), 0.0) - 1.0
            rows.append((terms, 0.0, 0.0))
        for part, whole in at_most:
            rows.append(({y(part): 1.0, y(whole): -1.0}, -np.inf, 0.0))
        for c in group:
            j = y(c)
            if c == cell:
                lower[j] = upper[j] = target
            elif status[c] == PRIMARY:
                lower[j], upper[j] = 1.0, threshold - 1.0
            elif status[c] is not None:
                lower[j], upper[j] = 0.0, big
            elif values[c] <= 0:
                lower[j] = upper[j] = values[c]
            else:
                lower[j], upper[j] = 0.0, big
        for z, c in enumerate(free):  # y = v unless hidden: v(1 - z) <= y <= v + big z
            v = float(values[c])
            rows.append(({y(c): 1.0, z: -big}, -np.inf, v))
            rows.append(({y(c): 1.0, z: v}, v, np.inf))
    matrix = lil_matrix((len(rows), nvar))
    lo, hi = np.empty(len(rows)), np.empty(len(rows))
    for r, (terms, a, b) in enumerate(rows):
        for j, coef in terms.items():
            matrix[r, j] = coef
        lo[r], hi[r] = a, b
    objective = np.zeros(nvar)
    objective[:k] = [cost(values[c], levels[c]) for c in free]
    integrality = np.zeros(nvar)
    integrality[:k] = 1
    res = milp(objective, constraints=LinearConstraint(matrix.tocsr(), lo, hi), integrality=integrality,
               bounds=Bounds(lower, upper), options={"time_limit": TIME_LIMIT})
    if res.x is None:
        return []
    return [c for z, c in enumerate(free) if res.x[z] > 0.5]
