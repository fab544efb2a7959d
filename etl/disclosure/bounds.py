"""The attacker's linear programme: the smallest and largest value of a hidden cell consistent with
every published number, each primary cell known to lie in 1..threshold-1 and each secondary >= 0."""
from __future__ import annotations

import numpy as np
from scipy.optimize import linprog

from etl.disclosure.rules import PRIMARY


def holds(values, total: int, parts) -> bool:
    """Whether the true figures satisfy total = sum(parts). Agencies' tables do not always add up (a
    corrected regional file beside an older national total): a relation that is false in the data
    tells an attacker nothing true, and as a constraint it would make the programme infeasible."""
    return abs(float(values[total]) - sum(float(values[p]) for p in parts)) < 0.5


class Programme:
    """The relations that hold in the data, restricted to one group of cells, with the published
    cells as constants."""

    def __init__(self, cells: list[int], values, status, equal, at_most, threshold: int):
        self.hidden = [c for c in cells if status[c] is not None]
        self.column = {c: j for j, c in enumerate(self.hidden)}
        members = set(cells)
        rows_eq, rhs_eq, rows_ub, rhs_ub = [], [], [], []
        for total, parts in equal:
            if total not in members or not holds(values, total, parts):
                continue
            terms = [(total, 1.0)] + [(p, -1.0) for p in parts]
            row, rhs = self._row(terms, values)
            if row is not None:
                rows_eq.append(row)
                rhs_eq.append(rhs)
        for part, whole in at_most:
            if part not in members or float(values[part]) > float(values[whole]):
                continue
            row, rhs = self._row([(part, 1.0), (whole, -1.0)], values)
            if row is not None:
                rows_ub.append(row)
                rhs_ub.append(rhs)
        self.a_eq = np.array(rows_eq) if rows_eq else None
        self.b_eq = np.array(rhs_eq) if rows_eq else None
        self.a_ub = np.array(rows_ub) if rows_ub else None
        self.b_ub = np.array(rhs_ub) if rows_ub else None
        self.bounds = [(1, threshold - 1) if status[c] == PRIMARY else (0, None) for c in self.hidden]

    def _row(self, terms, values):
        row = np.zeros(len(self.hidden))
        rhs = 0.0
        for cell, coef in terms:
            if cell in self.column:
                row[self.column[cell]] += coef
            else:
                rhs -= coef * float(values[cell])
        return (row, rhs) if row.any() else (None, None)

    def _solve(self, c):
        res = linprog(c, A_ub=self.a_ub, b_ub=self.b_ub, A_eq=self.a_eq, b_eq=self.b_eq,
                      bounds=self.bounds, method="highs")
        if res.status != 0:
            raise RuntimeError(f"attacker's programme: {res.message}")
        return res

    def extreme(self, cells: list[int], sign: float) -> dict[int, float]:
        """One solution pushing all ``cells`` up (sign +1) or down (-1) at once: each cell that reaches
        its bound there needs no programme of its own."""
        c = np.zeros(len(self.hidden))
        for cell in cells:
            c[self.column[cell]] = -sign
        x = self._solve(c).x
        return {cell: float(x[self.column[cell]]) for cell in cells}

    def range_of(self, cell: int) -> tuple[float, float]:
        """(min, max) of one hidden cell; raises when the published figures are inconsistent."""
        j = self.column[cell]
        out = []
        for sign in (1.0, -1.0):
            c = np.zeros(len(self.hidden))
            c[j] = sign
            res = linprog(c, A_ub=self.a_ub, b_ub=self.b_ub, A_eq=self.a_eq, b_eq=self.b_eq,
                          bounds=self.bounds, method="highs")
            if res.status != 0:
                raise RuntimeError(f"attacker's programme for cell {cell}: {res.message}")
            out.append(sign * res.fun)
        return out[0], out[1]
