"""How a reader cites a source: agency, table title, publication or "received" date and link, from
data/source_citations.toml; the received date is the day the source's newest file was loaded."""
from __future__ import annotations

import tomllib
from dataclasses import dataclass
from datetime import date
from functools import lru_cache
from pathlib import Path

from metrics.catalogue import Indicator
from metrics.db import Database

CITATIONS = Path(__file__).resolve().parent.parent / "data" / "source_citations.toml"
# The warehouse source each series of metrics/series.py is read from.
SERIES_SOURCES = {"suicides_completed": "kpssu_summary", "suicides_attempts": "kpssu_summary",
                  "children": "population", "helpline_appeals": "helpline_111",
                  "helpline_children_supported": "helpline_111"}
_PREFIXES = (("psc_consultations", "psc_activity"), ("psc_cases", "psc_activity"), ("psc_", "psc_network"),
             ("school", "school_psych"))


@dataclass(frozen=True)
class Citation:
    source: str
    agency: dict
    title: dict
    link: str
    published: date | None

    def text(self, lang: str) -> tuple[str, str]:
        return self.agency.get(lang) or self.agency["en"], self.title.get(lang) or self.title["en"]


@lru_cache(maxsize=2)
def _load(path: str, mtime: int) -> dict[str, Citation]:
    with open(path, "rb") as fh:
        data = tomllib.load(fh).get("source", {})
    return {sid: Citation(sid, {k[-2:]: v for k, v in e.items() if k.startswith("agency_")},
                          {k[-2:]: v for k, v in e.items() if k.startswith("title_")}, e.get("link", ""),
                          e.get("published")) for sid, e in data.items()}


def citations() -> dict[str, Citation]:
    return _load(str(CITATIONS), CITATIONS.stat().st_mtime_ns)


def source_of(series_id: str) -> str | None:
    if series_id in SERIES_SOURCES:
        return SERIES_SOURCES[series_id]
    return next((source for prefix, source in _PREFIXES if series_id.startswith(prefix)), None)


def sources_of(indicator: Indicator) -> list[str]:
    """The sources an indicator's numerator and denominator come from, numerator first."""
    found = [source_of(s) for s in (indicator.numerator, indicator.denominator) if s]
    return list(dict.fromkeys(s for s in found if s))


def received(db: Database) -> dict[str, date]:
    """The day each source's newest loaded file came in."""
    frame = db.query("SELECT source, max(loaded_at) AS at FROM load_log WHERE status <> 'refused' GROUP BY source")
    return {s: t.date() for s, t in zip(frame.source, frame["at"]) if t is not None}
