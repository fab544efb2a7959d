"""Region boundaries for an optional choropleth, from a GeoJSON file the user is entitled to use.

No boundary data ships with CP Monitor (no openly licensed file has the 20 regions of 2022). A user
who has one points the ``CPM_BOUNDARIES`` environment variable at it. Each feature must carry the
region's ISO 3166-2 code (``KZ-75``) in one of ``CODE_PROPERTIES``; the former letter codes listed
in data/reference/region_aliases.csv (``KZ-ALA``) are read too. Only Polygon and MultiPolygon
features of the 20 current regions are kept, re-keyed by region code, with coordinates rounded to
about 10 metres so the page stays light.
"""
from __future__ import annotations

import json
import os
import re
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

from i18n import N_

ENV = "CPM_BOUNDARIES"
CODE_PROPERTIES = ("iso_3166_2", "shapeISO", "ISO3166-2", "iso3166_2", "ISO_3166_2", "iso_code", "region_code")
FEATURE_ID_KEY = "properties.region_code"  # the key of the features handed to plotly
MAX_BYTES = 100 * 1024 * 1024
DECIMALS = 4
GEOMETRIES = ("Polygon", "MultiPolygon")
TERRITORY_CHANGED = ("KZ-61",)  # Turkestan: South Kazakhstan until Shymkent became a city in 2018

# Why a configured file cannot be drawn, as msgids with their fields.
NOT_FOUND = N_("The boundary file {path} does not exist.")
TOO_LARGE = N_("The boundary file {path} is larger than {limit} MB.")
NOT_GEOJSON = N_("The boundary file {path} is not a GeoJSON FeatureCollection.")
NO_CODES = N_("No feature of the boundary file {path} has an ISO 3166-2 region code in a property named {properties}.")


class BoundaryError(ValueError):
    """A configured boundary file that cannot be used; ``msgid`` and ``params`` say why."""

    def __init__(self, msgid: str, **params):
        super().__init__(msgid.format(**params))
        self.msgid = msgid
        self.params = params


@dataclass(frozen=True)
class Boundaries:
    path: Path
    geojson: dict  # a FeatureCollection whose features carry properties.region_code
    codes: tuple[str, ...]  # region codes with a geometry, in file order
    code_property: str
    unmatched: tuple[str, ...] = field(default=())  # codes in the file that are not one of the 20 regions
    feature_id_key: str = FEATURE_ID_KEY

    @property
    def missing(self) -> tuple[str, ...]:
        """The regions the file has no geometry for."""
        return tuple(sorted(_region_codes() - set(self.codes)))

    @property
    def outdated(self) -> tuple[str, ...]:
        """Regions drawn with a parent's shape from before 8 June 2022: the file has the parent
        (East Kazakhstan, Almaty or Karaganda Region) but not the region split from it."""
        from core.regions import load_regions

        return tuple(sorted(r.code for r in load_regions()
                            if r.parent_code and r.parent_code in self.codes and r.code not in self.codes))


def configured_path() -> Path | None:
    """The file named by CPM_BOUNDARIES, or None when none is configured."""
    value = os.environ.get(ENV, "").strip()
    return Path(value).expanduser() if value else None


def configured() -> Boundaries | None:
    """The configured boundaries; None when none are configured; BoundaryError when unusable."""
    path = configured_path()
    return None if path is None else load(path)


def load(path: str | Path) -> Boundaries:
    path = Path(path)
    try:
        stat = path.stat()
    except OSError:
        raise BoundaryError(NOT_FOUND, path=str(path)) from None
    if not path.is_file():
        raise BoundaryError(NOT_FOUND, path=str(path))
    if stat.st_size > MAX_BYTES:
        raise BoundaryError(TOO_LARGE, path=str(path), limit=MAX_BYTES // (1024 * 1024))
    return _load(str(path.resolve()), stat.st_mtime_ns, stat.st_size)


@lru_cache(maxsize=4)
def _load(path: str, mtime: int, size: int) -> Boundaries:
    try:
        with open(path, encoding="utf-8-sig") as fh:
            data = json.load(fh)
    except (OSError, UnicodeDecodeError, json.JSONDecodeError):
        raise BoundaryError(NOT_GEOJSON, path=path) from None
    features = data.get("features") if isinstance(data, dict) and data.get("type") == "FeatureCollection" else None
    if not isinstance(features, list):
        raise BoundaryError(NOT_GEOJSON, path=path)
    known = _region_codes()
    kept, codes, unmatched, used = [], [], [], None
    for feature in features:
        if not isinstance(feature, dict):
            continue
        geometry = feature.get("geometry") or {}
        found = _code_of(feature.get("properties") or {})
        if found is None:
            continue
        prop, raw = found
        code = region_code(raw, known)
        if code is None:
            unmatched.append(str(raw))
            continue
        if geometry.get("type") not in GEOMETRIES or code in codes:
            continue
        used = used or prop
        codes.append(code)
        kept.append({"type": "Feature", "id": code, "properties": {"region_code": code},
                     "geometry": {"type": geometry["type"], "coordinates": _rounded(geometry.get("coordinates"))}})
    if not kept:
        raise BoundaryError(NO_CODES, path=path, properties=", ".join(CODE_PROPERTIES))
    return Boundaries(Path(path), {"type": "FeatureCollection", "features": kept}, tuple(codes), used,
                      tuple(unmatched))


def _code_of(properties: dict) -> tuple[str, str] | None:
    lowered = {str(k).lower(): k for k in properties}
    for name in CODE_PROPERTIES:
        key = lowered.get(name.lower())
        if key is not None and isinstance(properties[key], str) and properties[key].strip():
            return key, properties[key]
    return None


@lru_cache(maxsize=1)
def _region_codes() -> frozenset[str]:
    from core.regions import load_regions

    return frozenset(r.code for r in load_regions())


def region_code(text: str, known: frozenset[str] | None = None) -> str | None:
    """"KZ-75" -> "KZ-75"; the former letter code "KZ-ALA" -> "KZ-75" (from the alias table) where
    the region's territory is unchanged; anything else (e.g. "KZ-VOS", East Kazakhstan before Abai
    was split off) -> None."""
    known = known if known is not None else _region_codes()
    code = str(text).strip().upper()
    if code in known:
        return code
    found = _letter_codes().get(code)
    return found if found in known else None


@lru_cache(maxsize=1)
def _letter_codes() -> dict[str, str]:
    """Former ISO 3166-2 letter codes from the alias table, only for regions whose territory has not
    changed since those codes were used: a letter-coded East Kazakhstan, Almaty or Karaganda Region
    still contains Abai, Zhetisu or Ulytau, and South Kazakhstan contained Shymkent."""
    import csv

    from core.regions import REFERENCE_DIR, load_regions

    changed = {r.parent_code for r in load_regions() if r.parent_code} | set(TERRITORY_CHANGED)
    with (REFERENCE_DIR / "region_aliases.csv").open(encoding="utf-8", newline="") as fh:
        return {row["alias"].strip().upper(): row["region_code"] for row in csv.DictReader(fh)
                if re.fullmatch(r"KZ-[A-Z]{3}", row["alias"].strip().upper()) and row["region_code"] not in changed}


def _rounded(coordinates):
    if isinstance(coordinates, (list, tuple)):
        if coordinates and all(isinstance(c, (int, float)) for c in coordinates):
            return [round(float(c), DECIMALS) for c in coordinates]
        return [_rounded(c) for c in coordinates]
    return coordinates


def bounds(boundaries: Boundaries) -> tuple[float, float, float, float]:
    """(west, south, east, north) of all kept geometries."""
    xs, ys = [], []

    def walk(c) -> None:
        if c and all(isinstance(v, (int, float)) for v in c):
            xs.append(c[0])
            ys.append(c[1])
        else:
            for part in c:
                walk(part)

    for feature in boundaries.geojson["features"]:
        walk(feature["geometry"]["coordinates"])
    return min(xs), min(ys), max(xs), max(ys)
