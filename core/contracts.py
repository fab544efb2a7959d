"""Source contracts: what each source measures and what a file of it must hold, read from
``data/sources/<id>.toml`` (or the folder ``$CPM_SOURCES`` names; the wording lives apart, in
``data/vocabulary/<id>.toml``). The ETL's source registry, the data-status page's list and the
contract tests are derived from these files, never listed by hand.

A spec names the source in three languages, its period kind, its required measures and, per
measure, its label in three languages (what messages call it), the unit, whether it counts
children and the range a figure for one region and period
can plausibly take: a table of suicides read as population would give "3 children" and is refused.
"""
from __future__ import annotations

import os
import tomllib
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

DEFAULT_DIR = Path(__file__).resolve().parent.parent / "data" / "sources"
DIR_ENV = "CPM_SOURCES"
PERIOD_KINDS = ("range", "snapshot", "school_year")
KINDS = ("count", "text", "date")
BREAKDOWNS = {"total": "sex = 'all' AND age_group = 'all'", "all_sexes": "sex = 'all'", "any": "TRUE"}
MATCHES = ("exact", "year", "months")
LANGS = ("en", "ru", "kk")


class ContractError(ValueError):
    """A spec file that cannot be used; the message names the file and the field."""


@dataclass(frozen=True)
class MeasureSpec:
    name: str
    kind: str = "count"
    unit: str | None = None
    counts_children: bool = False
    low: float | None = None
    high: float | None = None
    labels: dict[str, str] = field(default_factory=dict)  # what messages call the measure, in en/ru/kk

    def label(self, lang: str = "en") -> str:
        return self.labels.get(lang) or self.labels.get("en") or self.name

    def plausible(self, value: float) -> bool:
        return (self.low is None or value >= self.low) and (self.high is None or value <= self.high)


@dataclass(frozen=True)
class SeriesSpec:
    """A series indicators are built from: the sum of some measures of one source."""
    id: str
    source: str
    measures: tuple[str, ...]
    labels: dict[str, str]
    breakdown: str = "any"
    match: str = "exact"  # how a period is matched: exactly, by population year, by the months inside it
    part_of: str | None = None  # the series this one counts a part of (the indicator is a proportion)

    @property
    def where(self) -> str:
        return BREAKDOWNS[self.breakdown]

    def label(self, lang: str = "en") -> str:
        return self.labels.get(lang) or self.labels["en"]


@dataclass(frozen=True)
class SourceSpec:
    id: str
    path: Path
    titles: dict[str, str]
    period_kind: str
    measures: dict[str, MeasureSpec]
    required: tuple[str, ...] = ()
    required_any: tuple[str, ...] = ()
    order: int = 100
    parser: str = ""  # a module of etl/sources, or "region_columns" for the generic region table
    view: str = ""  # the view of the data API (etl/views/<view>.sql)
    sample: str = ""  # the module of etl/sample that writes its sample files
    options: dict = field(default_factory=dict)
    series: dict[str, SeriesSpec] = field(default_factory=dict)

    def title(self, lang: str = "en") -> str:
        return self.titles.get(lang) or self.titles["en"]


def directory() -> Path:
    return Path(os.environ.get(DIR_ENV) or DEFAULT_DIR)


def spec_ids() -> list[str]:
    """Every source with a contract, in the order the pages list them."""
    return [s.id for s in sorted((spec(p.stem) for p in directory().glob("*.toml")), key=lambda s: (s.order, s.id))]


def spec(source: str) -> SourceSpec:
    path = directory() / f"{source}.toml"
    if not path.is_file():
        raise ContractError(f"{path}: no spec for source {source!r}")
    return _load(str(path), path.stat().st_mtime_ns, source)


@lru_cache(maxsize=64)
def _load(path_text: str, stamp: int, source: str) -> SourceSpec:
    path = Path(path_text)
    with path.open("rb") as fh:
        data = tomllib.load(fh)
    where = str(path)
    if data.get("id") != source:
        raise ContractError(f"{where}: id must be {source!r}, found {data.get('id')!r}")
    titles = data.get("title", {})
    missing = [lang for lang in ("en", "ru", "kk") if not titles.get(lang)]
    if missing:
        raise ContractError(f"{where}: [title] lacks {', '.join(missing)}")
    if data.get("period_kind") not in PERIOD_KINDS:
        raise ContractError(f"{where}: period_kind must be one of {', '.join(PERIOD_KINDS)}")
    measures = {}
    for name, entry in data.get("measures", {}).items():
        kind = entry.get("kind", "count")
        if kind not in KINDS:
            raise ContractError(f"{where}: [measures.{name}] kind must be one of {', '.join(KINDS)}")
        if "counts_children" not in entry:
            raise ContractError(f"{where}: [measures.{name}] lacks counts_children")
        low, high = entry.get("range", (None, None)) if kind == "count" else (None, None)
        if kind == "count" and ("range" not in entry or "unit" not in entry):
            raise ContractError(f"{where}: [measures.{name}] a count needs a unit and a range")
        labels = entry.get("label", {})
        missing = [lang for lang in LANGS if not isinstance(labels, dict) or not str(labels.get(lang, "")).strip()]
        if missing:
            raise ContractError(f"{where}: [measures.{name}] lacks a label in {', '.join(missing)}")
        measures[name] = MeasureSpec(name, kind, entry.get("unit"), bool(entry["counts_children"]), low, high,
                                     dict(labels))
    if not measures:
        raise ContractError(f"{where}: no [measures]")
    required = tuple(data.get("required", ()))
    required_any = tuple(data.get("required_any", ()))
    for name in required + required_any:
        if name not in measures:
            raise ContractError(f"{where}: required measure {name!r} is not among the [measures]")
    for name in ("parser", "view", "sample"):
        if not isinstance(data.get(name), str) or not data[name]:
            raise ContractError(f"{where}: {name} must name the source's {name} (see docs/adding-a-source.md)")
    known = {"id", "title", "period_kind", "measures", "required", "required_any", "order", "parser", "view", "sample",
             "series"}
    options = {k: v for k, v in data.items() if k not in known}
    series = {name: _series(where, source, name, entry, measures) for name, entry in data.get("series", {}).items()}
    return SourceSpec(source, path, dict(titles), data["period_kind"], measures, required, required_any,
                      int(data.get("order", 100)), data["parser"], data["view"], data["sample"], options, series)


def _series(where: str, source: str, name: str, entry: dict, measures: dict) -> SeriesSpec:
    at = f"{where}: [series.{name}]"
    unknown = set(entry) - {"measures", "breakdown", "match", "part_of", "label"}
    if unknown:
        raise ContractError(f"{at} unknown field(s) {', '.join(sorted(unknown))}")
    wanted = entry.get("measures")
    if not wanted or not isinstance(wanted, list):
        raise ContractError(f"{at} lacks measures (the list of measures it sums)")
    for m in wanted:
        if m not in measures:
            raise ContractError(f"{at} measure {m!r} is not among the [measures]")
    labels = entry.get("label", {})
    missing = [lang for lang in LANGS if not str(labels.get(lang, "")).strip()]
    if missing:
        raise ContractError(f"{at} lacks a label in {', '.join(missing)}")
    breakdown, match = entry.get("breakdown", "any"), entry.get("match", "exact")
    if breakdown not in BREAKDOWNS:
        raise ContractError(f"{at} breakdown must be one of {', '.join(BREAKDOWNS)}")
    if match not in MATCHES:
        raise ContractError(f"{at} match must be one of {', '.join(MATCHES)}")
    return SeriesSpec(name, source, tuple(wanted), dict(labels), breakdown, match, entry.get("part_of"))


def all_series() -> dict[str, SeriesSpec]:
    """Every series of every contract, in the contracts' order; a series named twice, or a part of
    a series that does not exist, is an error naming both places."""
    out: dict[str, SeriesSpec] = {}
    for source in spec_ids():
        for name, s in spec(source).series.items():
            if name in out:
                raise ContractError(f"series {name!r} is declared by both {out[name].source} and {source}")
            out[name] = s
    for s in out.values():
        if s.part_of is not None and s.part_of not in out:
            raise ContractError(f"{spec(s.source).path}: [series.{s.id}] part_of names unknown series {s.part_of!r}")
    return out
