"""The 20 first-level units as a type, read from ``data/reference/regions.csv``. Recognising
a region in a spreadsheet's wording is the ETL's job (etl.regions); pages reach regions through
the database's ``regions`` table."""
from __future__ import annotations

import csv
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

REFERENCE_DIR = Path(__file__).resolve().parent.parent / "data" / "reference"


@dataclass(frozen=True)
class Region:
    code: str
    kato: str
    name_en: str
    name_ru: str
    name_kk: str
    kind: str
    created: int | None
    parent_code: str | None
    abbr: str
    tile_row: int
    tile_col: int

    def name(self, lang: str) -> str:
        if lang not in ("en", "ru", "kk"):
            raise ValueError(f"unsupported language {lang!r}")
        return getattr(self, f"name_{lang}")


@lru_cache(maxsize=1)
def _by_code() -> dict[str, Region]:
    with (REFERENCE_DIR / "regions.csv").open(encoding="utf-8", newline="") as fh:
        return {r["region_code"]: Region(
            r["region_code"], r["kato_code"], r["name_en"], r["name_ru"], r["name_kk"], r["kind"],
            int(r["created"]) if r["created"] else None, r["parent_code"] or None, r["abbr"],
            int(r["tile_row"]), int(r["tile_col"])) for r in csv.DictReader(fh)}


def load_regions() -> list[Region]:
    return list(_by_code().values())


def region_by_code(code: str) -> Region:
    try:
        return _by_code()[code.strip().upper()]
    except KeyError:
        raise KeyError(f"no region with code {code!r}") from None
