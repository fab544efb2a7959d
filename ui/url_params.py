"""Every URL parameter of the dashboard, declared once with its codec: the only module that reads or
writes ``st.query_params``.

A codec turns any accepted spelling of a value into its one canonical spelling, which is what the
URL shows. Periods are written as ``core.periods.Period.key()`` on every page ("2024-01..2024-12",
"@2025-02-01", "sy2024-2025"), the nation is ``KZ`` as in the data, and the older spellings of
links made before ("2024.1-12", "2025-02-01", "2024-2025", ``region=all``) still open the view
they named.
"""
from __future__ import annotations

import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import date

import streamlit as st

from core.periods import month_range, school_year, snapshot
from metrics.indicators import NATION

_LEGACY_MONTHS = re.compile(r"(\d{4})\.(\d{1,2})-(\d{1,2})")  # "2024.1-12", once the suicides page's
_LEGACY_DAY = re.compile(r"\d{4}-\d{2}-\d{2}")  # "2025-02-01", once the PSC page's snapshot date
_LEGACY_SCHOOL_YEAR = re.compile(r"(\d{4})-(\d{4})")  # "2024-2025", once the school-year selector's
_LEGACY_NATION = ("all",)  # the PSC page once named the nation so


def _token(text: str) -> str:
    return text.strip()


def period(text: str) -> str:
    """The canonical key of a period, whichever of the known spellings ``text`` uses; an unknown
    text comes back as it is (the page then says that the link named an unknown period)."""
    text = text.strip()
    try:
        if m := _LEGACY_MONTHS.fullmatch(text):
            return month_range(int(m[1]), int(m[2]), int(m[3])).key()
        if _LEGACY_DAY.fullmatch(text):
            return snapshot(date.fromisoformat(text)).key()
        if (m := _LEGACY_SCHOOL_YEAR.fullmatch(text)) and int(m[2]) == int(m[1]) + 1:
            return school_year(int(m[1])).key()
    except ValueError:
        return text
    return text


def region(text: str) -> str:
    text = text.strip()
    return NATION if text.lower() in _LEGACY_NATION or text.upper() == NATION else text


@dataclass(frozen=True)
class Param:
    name: str
    canonical: Callable[[str], str]


# region: a region's code (KZ-xx) or KZ for the nation. Periods: the regional view's (period), the
# suicides' breakdown by sex and age (detail_period), the PSC snapshot (as_of), the school
# psychologists' school year and the 111 appeals' period. Tokens: the language (kk, ru, en), an
# indicator of the catalogue, counts or rates (unit), completed suicides or attempts (measure),
# current regions or comparable geography, a source of the Data sources page.
PERIODS = ("period", "detail_period", "as_of", "school_year", "appeals_period")
TOKENS = ("lang", "indicator", "unit", "measure", "geography", "source")
PARAMS = {"region": Param("region", region), **{n: Param(n, period) for n in PERIODS},
          **{n: Param(n, _token) for n in TOKENS}}


def param(name: str) -> Param:
    """The declared parameter; an undeclared name is a programming error, raised at once."""
    return PARAMS[name]


def encode(name: str, value: str) -> str:
    return param(name).canonical(str(value))


def read(name: str) -> str | None:
    """The URL's value of ``name``, canonical, or None."""
    value = st.query_params.get(param(name).name)
    return None if value is None else encode(name, value)


def write(name: str, value: str | None) -> None:
    """Put ``value`` (canonical) in the URL, or take the parameter out for None."""
    key = param(name).name
    if value is None:
        st.query_params.pop(key, None)
        return
    text = encode(name, value)
    if st.query_params.get(key) != text:
        st.query_params[key] = text


def choose(name: str, options: Iterable[str]) -> tuple[str | None, str | None]:
    """(the option the URL names, the URL's value when it names none of them)."""
    wanted = read(name)
    if wanted is None:
        return None, None
    by_canonical = {encode(name, o): o for o in options}
    found = by_canonical.get(wanted)
    return (found, None) if found is not None else (None, st.query_params.get(name))


def selection() -> dict[str, str]:
    """The declared parameters the URL holds now, canonical, for a download's README."""
    return {name: value for name in PARAMS if (value := read(name)) is not None}
