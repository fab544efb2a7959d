"""The performance targets, printed beside what this run measured (never asserted, never hard-coded)."""
from __future__ import annotations


def met(name: str, goal: str, measured, ok: bool, note: str = "") -> tuple[str, str, str, str]:
    """One row of a targets table: the target, its goal, the measured value, met or not met."""
    verdict = "met" if ok else "NOT MET"
    return (name, goal, str(measured), f"{verdict} ({note})" if note else verdict)
