"""Psychological Support Centres (PSCs) in the sample: opening dates and staff.

Published: 15 regions had a centre in June 2024, 17 by mid-2024 and all 20 by August 2024;
468 specialists in November 2024 and 595 in February 2025 (CPCR; Orken institute), with the most
in Astana, Zhetisu, Kostanay, Akmola and Abai. Which region opened when, and every regional
staff figure, are illustrative.
"""
from __future__ import annotations

from datetime import date

PSC_OPENED = {
    "KZ-71": date(2023, 11, 1), "KZ-75": date(2023, 11, 15), "KZ-79": date(2023, 12, 1),
    "KZ-11": date(2023, 12, 15), "KZ-33": date(2024, 1, 10), "KZ-39": date(2024, 1, 20),
    "KZ-10": date(2024, 2, 1), "KZ-35": date(2024, 2, 15), "KZ-55": date(2024, 3, 1),
    "KZ-63": date(2024, 3, 15), "KZ-15": date(2024, 4, 1), "KZ-19": date(2024, 4, 15),
    "KZ-31": date(2024, 5, 1), "KZ-61": date(2024, 5, 15), "KZ-27": date(2024, 6, 1),
    # after the mid-June 2024 snapshot: 17 by mid-July, all 20 by 20 August 2024
    "KZ-23": date(2024, 6, 25), "KZ-59": date(2024, 7, 1),
    "KZ-43": date(2024, 7, 25), "KZ-47": date(2024, 8, 1), "KZ-62": date(2024, 8, 15),
}
# Snapshot date: (total specialists, published?) ; None = no staff total published for that date.
PSC_SNAPSHOTS = {
    date(2024, 6, 15): (None, "15 regions with a centre: published (el.kz)"),
    date(2024, 7, 15): (None, "17 regions with a centre: published (ehonews.kz)"),
    date(2024, 8, 20): (None, "all 20 regions: published"),
    date(2024, 11, 1): (468, "468 specialists: published (CPCR, policy brief)"),
    date(2025, 2, 1): (595, "595 specialists: published (Orken institute, policy brief)"),
    date(2025, 6, 1): (720, "illustrative"),
    date(2025, 9, 1): (810, "illustrative: moving toward double the 468 of November 2024"),
}
# Regions the ministry named in 2024 as having the most specialists: heavier weights.
MOST_STAFFED = ("KZ-71", "KZ-33", "KZ-39", "KZ-11", "KZ-10")
