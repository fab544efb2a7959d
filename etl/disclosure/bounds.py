"""The attacker's linear programme: the smallest and largest value of a hidden cell consistent with
every published number, each primary cell known to lie in 1..threshold-1 and each secondary >= 0."""
from __future__ import annotations

import highspy
import numpy as np

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
        self.bounds = [(1, threshold - 1) if status[c] == PRIMARY else (0, None) for c in self.hidden]
        self._highs = _model(len(self.hidden), rows_eq, rhs_eq, rows_ub, rhs_ub, self.bounds)
        self._cost = np.zeros(len(self.hidden))

    def _row(self, terms, values):
        """The relation over the hidden cells as {column: coefficient}, the published ones moved
        to the right-hand side; None when no hidden cell is left in it."""
        row: dict[int, float] = {}
        rhs = 0.0
        for cell, coef in terms:
            if cell in self.column:
                j = self.column[cell]
                row[j] = row.get(j, 0.0) + coef
            else:
                rhs -= coef * float(values[cell])
        row = {j: v for j, v in row.items() if v}
        return (row, rhs) if row else (None, None)

    def _solve(self, c) -> np.ndarray:
        """Minimise c.x. One HiGHS model per group, with only the costs changed between solves, so
        each solve starts from the last one's basis (and no model is built again)."""
        changed = np.flatnonzero(c != self._cost)
        if changed.size:
            self._highs.changeColsCost(changed.size, changed.astype(np.int32), c[changed].astype(float))
            self._cost = np.array(c, dtype=float)
        self._highs.run()
        status = self._highs.getModelStatus()
        if status != highspy.HighsModelStatus.kOptimal:
            raise RuntimeError(f"attacker's programme: {self._highs.modelStatusToString(status)}")
        return np.array(self._highs.getSolution().col_value)

    def extreme(self, cells: list[int], sign: float) -> dict[int, float]:
        """One solution pushing all ``cells`` up (sign +1) or down (-1) at once: each cell that reaches
        its bound there needs no programme of its own."""
        c = np.zeros(len(self.hidden))
        for cell in cells:
            c[self.column[cell]] = -sign
        x = self._solve(c)
        return {cell: float(x[self.column[cell]]) for cell in cells}

    def range_of(self, cell: int) -> tuple[float, float]:
        """(min, max) of one hidden cell; raises when the published figures are inconsistent."""
        j = self.column[cell]
        out = []
        for sign in (1.0, -1.0):
            c = np.zeros(len(self.hidden))
            c[j] = sign
            out.append(float(self._solve(c)[j]))
        return out[0], out[1]


def _model(n: int, rows_eq, rhs_eq, rows_ub, rhs_ub, bounds) -> highspy._Highs:
    """The programme's constraints as a HiGHS model (costs zero until a solve sets them)."""
    lp = highspy.HighsLp()
    lp.num_col_ = n
    lp.num_row_ = len(rows_eq) + len(rows_ub)
    lp.col_cost_ = np.zeros(n)
    lp.col_lower_ = np.array([lo for lo, _ in bounds], dtype=float)
    lp.col_upper_ = np.array([highspy.kHighsInf if hi is None else hi for _, hi in bounds], dtype=float)
    lp.row_lower_ = np.array(list(rhs_eq) + [-highspy.kHighsInf] * len(rows_ub), dtype=float)
    lp.row_upper_ = np.array(list(rhs_eq) + list(rhs_ub), dtype=float)
    rows = rows_eq + rows_ub
    lp.a_matrix_.format_ = highspy.MatrixFormat.kRowwise
    lp.a_matrix_.start_ = np.cumsum([0] + [len(r) for r in rows]).astype(np.int32)
    lp.a_matrix_.index_ = np.array([j for r in rows for j in r], dtype=np.int32)
    lp.a_matrix_.value_ = np.array([v for r in rows for v in r.values()], dtype=float)
    # The solver itself, which highspy exports as _Highs; its Highs subclass adds callbacks a
    # programme has no use for, and prints a banner on stdout (which the CLI's --json must not get).
    h = highspy._Highs()
    h.setOptionValue("output_flag", False)
    h.passModel(lp)
    return h
