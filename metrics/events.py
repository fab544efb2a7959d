"""Policy events marked on the dashboard's time lines, so a reader sees when a measure began.

Each event has a stable key, a date, how precisely the date is known ("day" or "month") and a
msgid for its label (translated by the page). Dates are public facts: the Comprehensive Plan
(Government Resolution No. 748 of 31 August 2023), the 111 contact centre taking children's calls
from 16 October 2023, and a Psychological Support Centre in every one of the 20 regions by
August 2024.
"""
from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from i18n import N_

DAY, MONTH = "day", "month"


@dataclass(frozen=True)
class PolicyEvent:
    key: str
    day: date  # for a month-precise event, the first day of the month
    label: str  # msgid
    precision: str = DAY

    def year_fraction(self) -> float:
        """Where the event falls within its year, from 0 (1 January) to 1 (31 December); a
        month-precise event is placed in the middle of its month."""
        start = date(self.day.year, 1, 1)
        length = (date(self.day.year + 1, 1, 1) - start).days
        offset = (self.day - start).days + (15 if self.precision == MONTH else 0.5)
        return min(offset / length, 1.0)


EVENTS = (
    PolicyEvent("cp_adopted", date(2023, 8, 31), N_("Comprehensive Plan adopted")),
    PolicyEvent("line_111", date(2023, 10, 16), N_("111 contact centre takes children's calls")),
    PolicyEvent("psc_all_regions", date(2024, 8, 1), N_("Psychological Support Centres in all 20 regions"),
                precision=MONTH),
)


def events(start: date | None = None, end: date | None = None) -> list[PolicyEvent]:
    """The events between ``start`` and ``end`` (both included; open when None), in date order."""
    return sorted((e for e in EVENTS if (start is None or e.day >= start) and (end is None or e.day <= end)),
                  key=lambda e: e.day)


def in_years(years) -> list[PolicyEvent]:
    """The events that fall within the given calendar years (e.g. the years a chart shows)."""
    years = {int(y) for y in years}
    return [e for e in events() if e.day.year in years]
