"""Indicator values for the nation and every region and period: the ``indicator_values`` API.

``values(db)`` returns one row per indicator, region (``KZ`` for the nation) and period, with the
numerator, denominator, confidence interval, reliability flag, status against the target path and
the illustrative flag. With ``geography="comparable"`` the three regions created in 2022 are
merged back into the regions they came from, numerators and denominators alike, so a series that
crosses 2022 compares like with like.
"""
from __future__ import annotations

import hashlib
import weakref
from functools import lru_cache
from pathlib import Path

import numpy as np
import pandas as pd

from core.periods import Period
from metrics import compare, stats
from metrics.catalogue import Indicator, catalogue_path, load_catalogue
from metrics.catalogue import indicator as find_indicator
from metrics.db import Database
from metrics.series import YEARLY_DENOMINATORS, series
from metrics.snapshot_cache import tag

NATION = "KZ"
COMPARABLE = {"KZ-10": "KZ-63", "KZ-33": "KZ-19", "KZ-62": "KZ-35"}
COLUMNS = ["indicator_id", "region_code", "period", "period_kind", "period_start", "period_end", "value",
           "numerator", "denominator", "ci_low", "ci_high", "unreliable", "status", "illustrative", "provisional",
           "sources"]


def _merge_geography(frame: pd.DataFrame, geography: str) -> pd.DataFrame:
    if geography == "comparable" and not frame.empty:
        frame = frame.assign(region_code=frame.region_code.replace(COMPARABLE))
        frame = frame.groupby(["region_code", "period_kind", "period_start", "period_end"], as_index=False).agg(
            value=("value", "sum"), illustrative=("illustrative", "any"), provisional=("provisional", "any"),
            sources=("sources", lambda s: ", ".join(sorted(set(", ".join(s).split(", "))))))
    return frame


def _with_nation(frame: pd.DataFrame, keys: list[str]) -> pd.DataFrame:
    """Add the national row of every period: the sum over the regions that report it."""
    if frame.empty:
        return frame
    agg = {c: (lambda v: v.sum(min_count=1)) for c in ("numerator", "denominator") if c in frame}
    agg.update(illustrative="any", provisional="any")
    nation = frame.groupby(keys, as_index=False).agg({**agg, "sources": lambda s: ", ".join(sorted(set(
        ", ".join(s).split(", "))))})
    nation["region_code"] = NATION
    return pd.concat([frame, nation], ignore_index=True)


def compute(db: Database, indicator: Indicator, geography: str = "current") -> pd.DataFrame:
    keys = ["period_kind", "period_start", "period_end"]
    num = _merge_geography(series(db, indicator.numerator), geography).rename(columns={"value": "numerator"})
    if num.empty:
        return pd.DataFrame(columns=COLUMNS)
    if indicator.denominator:
        den = _merge_geography(series(db, indicator.denominator), geography).rename(columns={"value": "denominator"})
        if indicator.denominator in YEARLY_DENOMINATORS:
            num["year"] = [d.year for d in num.period_start]
            den = den.assign(year=[d.year for d in den.period_start])[["region_code", "year", "denominator", "sources",
                                                                         "illustrative"]]
            frame = num.merge(den, on=["region_code", "year"], suffixes=("", "_den")).drop(columns="year")
        else:
            den = den[["region_code", *keys, "denominator", "sources", "illustrative"]]
            frame = num.merge(den, on=["region_code", *keys], suffixes=("", "_den"))
        frame["sources"] = frame.sources + ", " + frame.sources_den
        frame["illustrative"] = frame.illustrative | frame.illustrative_den
        frame = frame.drop(columns=["sources_den", "illustrative_den"])
        frame = frame[frame.numerator.notna() & frame.denominator.notna()]
    else:
        frame = num.assign(denominator=np.nan)
    frame = _with_nation(frame, keys)
    if indicator.denominator:
        frame["value"] = frame.numerator / frame.denominator.replace(0, np.nan) * indicator.multiplier
    else:
        frame["value"] = frame.numerator * indicator.multiplier
    _intervals(frame, indicator)
    frame["indicator_id"] = indicator.id
    frame["period"] = [Period(s, e, k).key() for k, s, e in zip(frame.period_kind, frame.period_start, frame.period_end)]
    _statuses(frame, indicator)
    return frame[COLUMNS].sort_values(["region_code", "period_start", "period_end"]).reset_index(drop=True)


def _intervals(frame: pd.DataFrame, indicator: Indicator) -> None:
    if not indicator.poisson:
        frame["ci_low"] = np.nan
        frame["ci_high"] = np.nan
        frame["unreliable"] = False
        return
    bounds = [stats.poisson_interval(k) for k in frame.numerator]
    scale = (indicator.multiplier / frame.denominator) if indicator.denominator else indicator.multiplier
    frame["ci_low"] = np.array([b[0] for b in bounds]) * scale
    frame["ci_high"] = np.array([b[1] for b in bounds]) * scale
    frame["unreliable"] = frame.numerator < stats.UNRELIABLE_BELOW


def _scored_row(indicator: Indicator, region: str, period_kind: str, period_start, period_end) -> bool:
    """Targets are for the nation, and for regions only where the indicator is a ratio; a
    part-year is never judged against an annual target."""
    if region != NATION and not indicator.is_rate:
        return False
    if period_kind == "range" and indicator.baseline_period is not None and indicator.baseline_period.kind == "range":
        return Period(period_start, period_end, period_kind).same_months(indicator.baseline_period)
    return True


def _statuses(frame: pd.DataFrame, indicator: Indicator) -> None:
    base = indicator.baseline_period
    baselines = {}
    if base is not None:
        at_base = frame[(frame.period_start == base.start) & (frame.period_end == base.end)]
        baselines = dict(zip(at_base.region_code, at_base.value))
        if indicator.baseline_value is not None:
            baselines[NATION] = indicator.baseline_value
    out = []
    for row in frame.itertuples():
        if base is not None and row.period_end < base.end:  # before the baseline nothing is judged
            out.append(stats.NOT_SCORED if not pd.isna(row.value) else stats.NO_DATA)
            continue
        if not _scored_row(indicator, row.region_code, row.period_kind, row.period_start, row.period_end):
            out.append(stats.NOT_SCORED if not pd.isna(row.value) else stats.NO_DATA)
            continue
        value = None if pd.isna(row.value) else float(row.value)
        # The baseline period's own figure is where the path starts: it is judged against itself,
        # not against the catalogue's rounded baseline (512.002 pupils is not "off track" from 512).
        at_baseline = base is not None and (row.period_start, row.period_end) == (base.start, base.end)
        baseline = value if at_baseline and value is not None else baselines.get(row.region_code)
        out.append(stats.status(value, row.period_end, direction=indicator.direction, target=indicator.target_value,
                                deadline=indicator.target_deadline, baseline=baseline,
                                baseline_date=base.end if base else None))
    frame["status"] = out


def compute_all(db, geography: str = "current") -> pd.DataFrame:
    frames = [compute(db, ind, geography) for ind in load_catalogue()]
    frames = [f for f in frames if not f.empty]
    return pd.concat(frames, ignore_index=True) if frames else pd.DataFrame(columns=COLUMNS)


def values(db: Database, geography: str = "current") -> pd.DataFrame:
    """Every indicator of the catalogue; cached per database file and catalogue version.

    The public edition reads the values published with its snapshot (disclosure control has
    withheld those computed from suppressed counts) and never computes from the counts itself."""
    if getattr(db, "edition", None) == "public":
        return tag(_published(db, db.version, geography).copy(), getattr(db, "identity", None),
                   published_key(geography))
    path = catalogue_path()
    frame = _values(db, db.version, str(path), path.stat().st_mtime_ns, geography).copy()
    return tag(frame, getattr(db, "identity", None), computed_key(geography))


def published_key(geography: str) -> tuple:
    """What a frame of published values holds, as a cache key any snapshot understands."""
    return ("published values", geography)


def computed_key(geography: str) -> tuple:
    """Values computed from the counts depend on the catalogue too (its content, not its path)."""
    return ("computed values", geography, catalogue_digest()[:16])


@lru_cache(maxsize=8)
def _published(db: Database, version: tuple, geography: str) -> pd.DataFrame:
    frame = db.query("SELECT * EXCLUDE (geography) FROM indicator_values WHERE geography = ?", [geography])
    for column in ("period_start", "period_end"):
        frame[column] = pd.to_datetime(frame[column]).dt.date
    frame["unreliable"] = frame.unreliable.fillna(False).astype(bool)  # withheld rows have no value either
    return frame.sort_values(["indicator_id", "region_code", "period_start", "period_end"]).reset_index(drop=True)


@lru_cache(maxsize=16)
def _values(db: Database, version: tuple, path: str, mtime: int, geography: str) -> pd.DataFrame:
    # A load stores the values it computed, with what they were computed from (metrics.materialise):
    # the same figures and the same catalogue give the same values, so they are read, not computed again.
    if stored_basis(db) == current_basis(db, Path(path)):
        return _published(db, version, geography).drop(columns=["suppressed"], errors="ignore")
    return compute_all(db, geography)


STORED_BASIS = "indicator_values_basis"  # what the stored indicator_values were computed from
# Every figure row, revisions included, as one number: a figure changed in any way changes it.
FIGURES_CHECKSUM = ("SELECT count(*) || ':' || coalesce(bit_xor(hash(figure_id, value, missing, superseded_by, "
                    "region_code, period_start, period_end, measure, sex, age_group)), 0) AS checksum FROM figures")


def catalogue_digest(path: Path | None = None) -> str:
    return hashlib.sha256((path or catalogue_path()).read_bytes()).hexdigest()


def current_basis(db, path: Path | None = None) -> tuple[str, str]:
    """(the catalogue's digest, the figures' checksum) of a database as it is now."""
    return catalogue_digest(path), str(db.query(FIGURES_CHECKSUM).checksum.iloc[0])


def stored_basis(db: Database) -> tuple[str, str] | None:
    """What the stored ``indicator_values`` were computed from, if the database says."""
    if db.query("SELECT 1 FROM duckdb_tables() WHERE table_name = ?", [STORED_BASIS]).empty:
        return None
    row = db.query(f"SELECT catalogue_sha256, figures_checksum FROM {STORED_BASIS}").iloc[0]
    return str(row.catalogue_sha256), str(row.figures_checksum)


_PLACES_KEPT = 8
_places: dict[int, tuple[weakref.ref, dict]] = {}  # id(frame) -> (the frame, its rows by indicator and place)


def rows_of(frame: pd.DataFrame, indicator_id: str, region_code: str) -> pd.DataFrame:
    """The rows of one indicator and place, in the frame's order: what
    ``frame[(frame.indicator_id == i) & (frame.region_code == r)]`` gives, looked up in groups made
    once per frame. A page asks for hundreds of such slices of the same frame, and each mask over
    every row cost more than the rest of the work. The caller gets its own shallow copy."""
    kept = _places.get(id(frame))
    if kept is None or kept[0]() is not frame:
        groups = {key: part for key, part in frame.groupby(["indicator_id", "region_code"], sort=False)} \
            if not frame.empty else {}
        for part in groups.values():  # the snapshot's tag is not theirs, and pandas deep-copies it into every slice
            part.attrs = {}
        while len(_places) >= _PLACES_KEPT:
            _places.pop(next(iter(_places)))
        kept = _places[id(frame)] = (weakref.ref(frame), groups)
    part = kept[1].get((indicator_id, region_code))
    return frame.iloc[0:0] if part is None else part.copy(deep=False)


def latest(frame: pd.DataFrame, indicator: Indicator, region_code: str = NATION) -> pd.Series | None:
    """The latest scored row of an indicator (a full year for annual series), else the latest row."""
    rows = rows_of(frame, indicator.id, region_code)
    rows = rows[rows.value.notna()]
    if rows.empty:
        return None
    scored = rows[rows.status != stats.NOT_SCORED] if indicator.scored else rows
    rows = scored if not scored.empty else rows
    if indicator.baseline_period is not None and indicator.baseline_period.kind == "range":
        same = rows[[Period(s, e, k).same_months(indicator.baseline_period)
                     for k, s, e in zip(rows.period_kind, rows.period_start, rows.period_end)]]
        rows = same if not same.empty else rows
    return rows.sort_values("period_end").iloc[-1]


def comparable_previous(frame: pd.DataFrame, row: pd.Series) -> pd.Series | None:
    """The row of the same indicator and region for the same months a year earlier (for snapshots
    and school years: the previous one)."""
    same = rows_of(frame, row.indicator_id, row.region_code)
    same = same[(same.period_kind == row.period_kind) & (same.period_end < row.period_end)]
    if row.period_kind == "range":
        period = Period(row.period_start, row.period_end, row.period_kind).previous_year()
        same = same[(same.period_start == period.start) & (same.period_end == period.end)]
    if same.empty:
        return None
    return same.sort_values("period_end").iloc[-1]


def change_of(frame: pd.DataFrame, row: pd.Series):
    """The tested change from the comparable earlier row to ``row`` (``metrics.compare.Change``),
    None without an earlier figure."""
    previous = comparable_previous(frame, row)
    if previous is None:
        return None
    return compare.between(find_indicator(row.indicator_id), previous, row)


def trend_of(frame: pd.DataFrame, row: pd.Series) -> str | None:
    """rising / falling when the test says the change is real, else no clear change."""
    change = change_of(frame, row)
    return None if change is None else change.verdict
