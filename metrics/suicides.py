"""Minors' completed suicides and suicide attempts: national series, like-for-like year-to-date
comparisons and regional figures, from the ``suicide_counts`` view; rates per 100,000 children
with their intervals (from ``metrics.indicators``), current or comparable geography, and the
national breakdown by sex and age band where the KPSSU detail tables give it."""
from __future__ import annotations

from dataclasses import dataclass

import pandas as pd

from core.periods import Period, month_range
from metrics import indicators
from metrics.db import Database
from metrics.snapshot_cache import per_snapshot

MEASURES = ("completed", "attempts")
TOTAL = "sex = 'all' AND age_group = 'all'"


@dataclass(frozen=True)
class PeriodOption:
    year: int
    month_from: int
    month_to: int

    @property
    def period(self) -> Period:
        return month_range(self.year, self.month_from, self.month_to)

    @property
    def key(self) -> str:
        return f"{self.year}.{self.month_from}-{self.month_to}"

    @classmethod
    def from_key(cls, key: str) -> "PeriodOption":
        year, months = key.split(".")
        m_from, m_to = months.split("-")
        return cls(int(year), int(m_from), int(m_to))

    def label(self, lang: str = "en") -> str:
        return self.period.label(lang)


@per_snapshot()
def periods(db: Database) -> list[PeriodOption]:
    """Every period with national figures, newest first; full years before part-years of a year."""
    frame = db.query(f"SELECT DISTINCT year, month_from, month_to FROM suicide_counts WHERE {TOTAL} "
                     "ORDER BY year DESC, month_to DESC")
    return [PeriodOption(int(r.year), int(r.month_from), int(r.month_to)) for r in frame.itertuples()]


def national(db: Database) -> pd.DataFrame:
    """National totals for every period and measure: the view's national (KZ) rows, the sum of the
    regions' figures, with the number of regions reporting."""
    return db.query(f"""
        WITH reporting AS (SELECT year, month_from, month_to, measure, count(value) AS regions_reporting
                           FROM suicide_counts WHERE {TOTAL} AND region_code IN (SELECT region_code FROM regions)
                           GROUP BY ALL)
        SELECT year, month_from, month_to, measure, value, coalesce(regions_reporting, 0) AS regions_reporting,
               illustrative, provisional, source_file AS sources, suppressed
        FROM suicide_counts LEFT JOIN reporting USING (year, month_from, month_to, measure)
        WHERE {TOTAL} AND region_code = 'KZ'
        ORDER BY year, month_to, measure""")


@per_snapshot()
def annual_trend(db: Database) -> pd.DataFrame:
    """Full calendar years only: part-years never stand beside whole years."""
    frame = national(db)
    return frame[(frame.month_from == 1) & (frame.month_to == 12)].reset_index(drop=True)


@per_snapshot()
def comparisons(db: Database) -> pd.DataFrame:
    """Each period against the same months of the year before, where both are known."""
    frame = national(db)
    previous = frame.assign(year=frame.year + 1)[["year", "month_from", "month_to", "measure", "value", "sources"]]
    merged = frame.merge(previous, on=["year", "month_from", "month_to", "measure"], suffixes=("", "_previous"))
    merged["change"] = merged.value - merged.value_previous
    merged["change_pct"] = (merged.change / merged.value_previous * 100).where(merged.value_previous > 0)
    order = merged.measure.map({m: i for i, m in enumerate(MEASURES)})
    return merged.assign(_order=order).sort_values(["year", "month_to", "_order"]).drop(columns="_order").reset_index(drop=True)


@per_snapshot()
def regional(db: Database, option: PeriodOption, measure: str) -> pd.DataFrame:
    """One row per region for a period and measure, with the cell each figure came from."""
    return db.query(f"""
        SELECT r.region_code, r.name_en, r.name_ru, r.name_kk, r.abbr,
               s.value, s.illustrative, s.provisional, s.source_file, s.source_sheet, s.source_cell, s.load_id,
               s.suppressed
        FROM regions r
        LEFT JOIN suicide_counts s ON s.region_code = r.region_code AND s.{TOTAL.replace(' AND ', ' AND s.')}
             AND s.year = ? AND s.month_from = ? AND s.month_to = ? AND s.measure = ?
        ORDER BY r.region_code""", [option.year, option.month_from, option.month_to, measure])


# --- units, geography, rates ---------------------------------------------------------------------
COUNTS, RATES = "counts", "rates"
UNITS = (COUNTS, RATES)
CURRENT, COMPARABLE_GEOGRAPHY = "current", "comparable"
GEOGRAPHIES = (CURRENT, COMPARABLE_GEOGRAPHY)
RATE_INDICATORS = {"completed": "suicide_rate", "attempts": "attempt_rate"}
_RATE_COLUMNS = ["value", "numerator", "denominator", "ci_low", "ci_high", "unreliable", "illustrative", "provisional",
                 "sources"]


def _joined(values) -> str | None:
    """Distinct non-empty texts joined with ", " in their first-seen order (None when there are none)."""
    seen = list(dict.fromkeys(str(v) for v in values if v is not None and not pd.isna(v) and str(v)))
    return ", ".join(seen) if seen else None


def _regions(db: Database) -> pd.DataFrame:
    return db.query("SELECT region_code, name_en, name_ru, name_kk, abbr FROM regions ORDER BY region_code")


def _merge_cells(frame: pd.DataFrame, geography: str, cells: list[str]) -> pd.DataFrame:
    """With comparable geography, the rows of the regions created in 2022 are added to the rows of
    the regions they came from: values summed (unknown when every part is unknown), flags or-ed and
    the source cells of both listed. ``merged_from`` names the regions added (empty otherwise)."""
    frame = frame.copy()
    frame["merged_from"] = ""
    if geography != COMPARABLE_GEOGRAPHY or frame.empty:
        return frame
    frame["region_code"] = frame.region_code.replace(indicators.COMPARABLE)
    children = {parent: ", ".join(sorted(c for c, p in indicators.COMPARABLE.items() if p == parent))
                for parent in set(indicators.COMPARABLE.values())}
    agg = {"value": lambda v: v.sum(min_count=1), "illustrative": "any", "provisional": "any",
           **{c: _joined for c in cells}}
    merged = frame.groupby("region_code", as_index=False, sort=True).agg(agg)
    merged["merged_from"] = merged.region_code.map(children).fillna("")
    return merged


def _period_rows(frame: pd.DataFrame, option: PeriodOption) -> pd.DataFrame:
    period = option.period
    return frame[(frame.period_start == period.start) & (frame.period_end == period.end)
                 & (frame.period_kind == period.kind)]


@per_snapshot()
def regional_by_geography(db: Database, option: PeriodOption, measure: str,
                          geography: str = CURRENT) -> pd.DataFrame:
    """Counts per region like ``regional``, in current or comparable geography.

    In comparable geography Abai, Zhetisu and Ulytau are counted within East Kazakhstan, Almaty
    region and Karaganda (``metrics.indicators.COMPARABLE``); the merged row lists the cells of both
    parts (``source_cell`` "C6, C18") and ``merged_from`` names the regions added to it.
    """
    frame = regional(db, option, measure)
    cells = ["source_file", "source_sheet", "source_cell"]
    if geography != COMPARABLE_GEOGRAPHY:
        return frame.assign(merged_from="")
    # The merged units are rows of the view (e.g. 'KZ-63+KZ-10'): in the public edition a sum of
    # the two published parts would be wrong whenever one of them is hidden.
    units = db.query(f"""
        SELECT split_part(region_code, '+', 1) AS region_code, split_part(region_code, '+', 2) AS merged_from,
               value, illustrative, provisional, source_file, source_sheet, source_cell, suppressed
        FROM suicide_counts WHERE region_code LIKE '%+%' AND {TOTAL}
              AND year = ? AND month_from = ? AND month_to = ? AND measure = ?""",
                     [option.year, option.month_from, option.month_to, measure])
    kept = frame[~frame.region_code.isin(indicators.COMPARABLE)
                 & ~frame.region_code.isin(units.region_code)].assign(merged_from="")
    parents = frame[frame.region_code.isin(units.region_code)].drop(
        columns=["value", "illustrative", "provisional", *cells, "suppressed", "load_id"])
    out = pd.concat([kept, parents.merge(units, on="region_code", how="inner")], ignore_index=True)
    out["illustrative"] = out.illustrative.fillna(False).astype(bool)
    out["provisional"] = out.provisional.fillna(False).astype(bool)
    out["source_cell"] = out.source_cell.str.replace("+", ", ", regex=False)
    return out[["region_code", "name_en", "name_ru", "name_kk", "abbr", "value", "illustrative", "provisional",
                *cells, "suppressed", "merged_from"]].sort_values("region_code").reset_index(drop=True)


def _population_cells(db: Database, year: int, geography: str) -> pd.DataFrame:
    frame = db.query("SELECT region_code, value, illustrative, provisional, source_file, source_sheet, source_cell "
                     "FROM child_population WHERE sex = 'all' AND year = ?", [year])
    cells = ["source_file", "source_sheet", "source_cell"]
    merged = _merge_cells(frame, geography, cells)
    return merged[["region_code", *cells]].rename(columns={c: f"population_{c}" for c in cells})


@per_snapshot()
def regional_rates(db: Database, option: PeriodOption, measure: str, geography: str = CURRENT) -> pd.DataFrame:
    """Rates per 100,000 children for every region reporting the period, from
    ``metrics.indicators.values`` (suicide_rate or attempt_rate), with the exact Poisson interval,
    the unreliable flag (fewer than 20 events), the cells the events came from and the cells of the
    child population. One row per region (comparable geography merges as in
    ``regional_by_geography``), ordered by region code; regions without a rate are left out."""
    values = indicators.values(db, geography)
    rows = _period_rows(values[(values.indicator_id == RATE_INDICATORS[measure])
                               & (values.region_code != indicators.NATION)], option)
    rows = rows[rows.value.notna()][["region_code", *_RATE_COLUMNS]]
    counts = regional_by_geography(db, option, measure, geography)
    out = counts[["region_code", "name_en", "name_ru", "name_kk", "abbr", "source_file", "source_sheet",
                  "source_cell", "merged_from"]].merge(rows, on="region_code", how="inner")
    out = out.merge(_population_cells(db, option.year, geography), on="region_code", how="left")
    out = out.rename(columns={"value": "rate", "numerator": "events", "denominator": "children"})
    out["unreliable"] = out.unreliable.astype(bool)
    return out.sort_values("region_code").reset_index(drop=True)


def national_rate(db: Database, option: PeriodOption, measure: str) -> pd.Series | None:
    """The national rate of a period (``metrics.indicators.values``, region ``KZ``), else None."""
    values = indicators.values(db)
    rows = _period_rows(values[(values.indicator_id == RATE_INDICATORS[measure])
                               & (values.region_code == indicators.NATION)], option)
    rows = rows[rows.value.notna()]
    return None if rows.empty else rows.iloc[0]


@per_snapshot()
def annual_rates(db: Database) -> pd.DataFrame:
    """National rates per 100,000 children for full calendar years, both measures (the rate
    counterpart of ``annual_trend``): year, measure, rate, ci_low, ci_high, events, children,
    unreliable, illustrative, provisional, sources."""
    values = indicators.values(db)
    frames = []
    for measure in MEASURES:
        rows = values[(values.indicator_id == RATE_INDICATORS[measure]) & (values.region_code == indicators.NATION)
                      & (values.period_kind == "range") & values.value.notna()]
        rows = rows[[s.month == 1 and s.day == 1 and e.month == 12 and e.day == 31 and s.year == e.year
                     for s, e in zip(rows.period_start, rows.period_end)]]
        frames.append(rows.assign(year=[s.year for s in rows.period_start], measure=measure))
    out = pd.concat(frames, ignore_index=True) if frames else pd.DataFrame()
    if out.empty:
        return pd.DataFrame(columns=["year", "measure", "rate", "ci_low", "ci_high", "events", "children",
                                     "unreliable", "illustrative", "provisional", "sources"])
    out = out.rename(columns={"value": "rate", "numerator": "events", "denominator": "children"})
    out["unreliable"] = out.unreliable.astype(bool)
    order = out.measure.map({m: i for i, m in enumerate(MEASURES)})
    out = out.assign(_order=order).sort_values(["_order", "year"]).drop(columns="_order")
    return out[["year", "measure", "rate", "ci_low", "ci_high", "events", "children", "unreliable", "illustrative",
                "provisional", "sources"]].reset_index(drop=True)


@per_snapshot()
def rate_comparisons(db: Database, option: PeriodOption) -> pd.DataFrame:
    """The national rate of each measure in a period beside the same months a year earlier (the
    rate counterpart of ``comparisons``); a measure without both rates is left out."""
    rows = []
    previous_option = PeriodOption(option.year - 1, option.month_from, option.month_to)
    for measure in MEASURES:
        now, before = national_rate(db, option, measure), national_rate(db, previous_option, measure)
        if now is None or before is None:
            continue
        rows.append({"measure": measure, "rate": float(now.value), "ci_low": float(now.ci_low),
                     "ci_high": float(now.ci_high), "unreliable": bool(now.unreliable),
                     "rate_previous": float(before.value), "change": float(now.value - before.value),
                     "illustrative": bool(now.illustrative or before.illustrative),
                     "provisional": bool(now.provisional or before.provisional),
                     "sources": _joined([*now.sources.split(", "), *before.sources.split(", ")])})
    return pd.DataFrame(rows, columns=["measure", "rate", "ci_low", "ci_high", "unreliable", "rate_previous",
                                       "change", "illustrative", "provisional", "sources"])


# --- breakdown by sex and age (KPSSU detail) --------------------------------------------------------
SEXES = ("female", "male")
BREAKDOWNS = ("sex", "age_group")


@per_snapshot()
def breakdown_periods(db: Database) -> list[PeriodOption]:
    """Periods for which sex and age figures exist, newest first."""
    frame = db.query("SELECT DISTINCT year, month_from, month_to FROM suicide_counts "
                     "WHERE sex <> 'all' OR age_group <> 'all' ORDER BY year DESC, month_to DESC")
    return [PeriodOption(int(r.year), int(r.month_from), int(r.month_to)) for r in frame.itertuples()]


@per_snapshot()
def breakdown(db: Database, option: PeriodOption, by: str) -> pd.DataFrame:
    """National counts of a period by sex (``by="sex"``: female, male) or by age band
    (``by="age_group"``: "5-14", "15-17", ...), for both measures: the sum over regions of the detail
    rows, whatever the other dimension. One row per group and measure with the value, its share of
    the measure's total, the number of regions reporting, and the source file, sheet and cells."""
    if by not in BREAKDOWNS:
        raise ValueError(f"breakdown by {by!r}: expected one of {BREAKDOWNS}")
    other = "age_group" if by == "sex" else "sex"
    # The national rows (KZ) of the detail table, summed over the other dimension; a group with a
    # suppressed part has no value (a sum of the published parts would understate it).
    frame = db.query(f"""
        SELECT {by} AS "group", measure,
               CAST(CASE WHEN count(value) = count(*) THEN sum(value) END AS BIGINT) AS value,
               CASE WHEN count(*) = 1 THEN max(suppressed) WHEN bool_or(suppressed IS NOT NULL) THEN 'secondary'
                    END AS suppressed,
               max((SELECT count(DISTINCT d.region_code) FROM suicide_counts d
                    WHERE d.region_code IN (SELECT region_code FROM regions) AND d.{by} <> 'all'
                      AND d.year = ? AND d.month_from = ? AND d.month_to = ?)) AS regions_reporting,
               bool_or(illustrative) AS illustrative, bool_or(provisional) AS provisional,
               string_agg(DISTINCT source_file, ', ' ORDER BY source_file) AS source_file,
               string_agg(DISTINCT source_sheet, ', ' ORDER BY source_sheet) AS source_sheet,
               string_agg(replace(source_cell, '+', ', '), ', ' ORDER BY source_cell) AS source_cell
        FROM suicide_counts
        WHERE region_code = 'KZ' AND {by} <> 'all' AND year = ? AND month_from = ? AND month_to = ?
              AND ({other} <> 'all' OR NOT EXISTS (
                  SELECT 1 FROM suicide_counts d WHERE d.{other} <> 'all' AND d.{by} <> 'all'
                  AND d.year = ? AND d.month_from = ? AND d.month_to = ?))
        GROUP BY ALL""", [option.year, option.month_from, option.month_to] * 3)
    if frame.empty:
        return frame.assign(share=pd.Series(dtype=float))
    frame["share"] = frame.value / frame.groupby("measure").value.transform("sum")
    group_order = {g: i for i, g in enumerate(SEXES)} if by == "sex" else None
    keys = frame.group.map(group_order) if group_order else frame.group.map(_age_start)
    frame = frame.assign(_g=keys, _m=frame.measure.map({m: i for i, m in enumerate(MEASURES)}))
    return frame.sort_values(["_m", "_g"]).drop(columns=["_g", "_m"]).reset_index(drop=True)


def _age_start(band: str) -> int:
    """"5-14" -> 5, "15-17" -> 15; unknown shapes last."""
    head = str(band).split("-")[0].strip()
    return int(head) if head.isdigit() else 999
