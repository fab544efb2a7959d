"""The indicator catalogue: data/indicators.toml, editable without touching code."""
from __future__ import annotations

import os
import tomllib
from dataclasses import dataclass
from datetime import date
from functools import lru_cache
from pathlib import Path

from core.periods import Period, parse_period
from metrics import catalogue_schema as schema

DEFAULT_CATALOGUE = Path(__file__).resolve().parent.parent / "data" / "indicators.toml"


class CatalogueError(ValueError):
    """data/indicators.toml does not follow its schema; the message names file, indicator, field."""


@dataclass(frozen=True)
class Indicator:
    id: str
    names: dict
    definitions: dict
    units: dict
    numerator: str
    denominator: str
    multiplier: float
    direction: str
    poisson: bool
    baseline_period: Period | None
    baseline_value: float | None
    target_value: float | None
    target_deadline: date | None
    target_status: str | None
    sources_by_lang: dict
    responsible_by_lang: dict
    notes_by_lang: dict

    def name(self, lang: str) -> str:
        return self.names.get(lang) or self.names["en"]

    def text(self, field: str, lang: str) -> str:
        """``sources``, ``responsible`` or ``notes`` in a language (English when not given)."""
        texts = getattr(self, f"{field}_by_lang")
        return texts.get(lang) or texts.get("en", "")

    @property
    def sources(self) -> str:
        return self.text("sources", "en")

    @property
    def responsible(self) -> str:
        return self.text("responsible", "en")

    @property
    def notes(self) -> str:
        return self.text("notes", "en")

    def unit(self, lang: str) -> str:
        return self.units.get(lang) or self.units["en"]

    def definition(self, lang: str) -> str:
        return self.definitions.get(lang) or self.definitions["en"]

    @property
    def scored(self) -> bool:
        return self.direction in ("lower", "higher") and self.target_value is not None

    @property
    def is_rate(self) -> bool:
        return bool(self.denominator)


def _parse(entry: dict) -> Indicator:
    baseline, target = entry.get("baseline") or {}, entry.get("target") or {}
    period = parse_period(str(baseline["period"])) if baseline.get("period") else None
    return Indicator(
        id=entry["id"],
        names={lang: entry.get(f"name_{lang}", "") for lang in ("kk", "ru", "en")},
        definitions={lang: entry.get(f"definition_{lang}", "") for lang in ("kk", "ru", "en")},
        units={lang: entry.get(f"unit_{lang}", "") for lang in ("kk", "ru", "en")},
        numerator=entry["numerator"], denominator=entry.get("denominator", ""),
        multiplier=float(entry.get("multiplier", 1)), direction=entry.get("direction", "none"),
        poisson=bool(entry.get("poisson", False)),
        baseline_period=period, baseline_value=baseline.get("value"),
        target_value=target.get("value"),
        target_deadline=date.fromisoformat(target["deadline"]) if target.get("deadline") else None,
        target_status=target.get("status"),
        **{f"{field}_by_lang": {lang: entry.get(f"{field}_{lang}", entry.get(field, "")) for lang in ("kk", "ru", "en")}
           for field in ("sources", "responsible", "notes")},
    )


def catalogue_path() -> Path:
    return Path(os.environ.get("CPM_INDICATORS") or DEFAULT_CATALOGUE)


def load_catalogue(path: Path | None = None) -> list[Indicator]:
    """The indicators, re-read whenever the file changes."""
    path = path or catalogue_path()
    return list(_load(str(path), path.stat().st_mtime_ns))


@lru_cache(maxsize=4)
def _load(path: str, mtime: int) -> tuple[Indicator, ...]:
    from metrics.series import SERIES

    with open(path, "rb") as fh:
        try:
            data = tomllib.load(fh)
        except tomllib.TOMLDecodeError as exc:
            raise CatalogueError(f"{path}: {exc}") from None
    entries = data.get("indicator", [])
    found = []
    for n, entry in enumerate(entries, 1):
        name = entry.get("id", f"number {n}")
        found += [f"indicator {name!r}, field {field!r} {problem}" for field, problem in
                  schema.problems(entry, set(SERIES))]
    ids = [e.get("id") for e in entries]
    found += [f"indicator {i!r} appears twice" for i in sorted({i for i in ids if i and ids.count(i) > 1})]
    if found:
        raise CatalogueError(f"{path}: " + "; ".join(found))
    return tuple(_parse(entry) for entry in entries)


def indicator(indicator_id: str) -> Indicator:
    return next(i for i in load_catalogue() if i.id == indicator_id)
