"""Psychological Support Centres: staff over time against the target path, positions, workload,
specialist mix and monthly activity."""
from __future__ import annotations

import pandas as pd

from metrics import stats
from metrics.catalogue import indicator
from metrics.db import Database
from metrics.regions import by_region_select
from metrics.snapshot_cache import per_snapshot

KINDS = ("specialists_psychologist", "specialists_social_pedagogue", "specialists_lawyer",
         "specialists_crisis_psychologist", "specialists_other")
CONSULTATIONS = ("consultations_in_person", "consultations_online", "consultations_group", "consultations_family")
CASES = ("cases_bullying", "cases_cyberbullying", "cases_violence_family", "cases_violence_outside", "cases_suicidal")
REFERRALS_IN = ("referrals_in_school", "referrals_in_111", "referrals_in_police", "referrals_in_parents", "referrals_in_self")
REFERRALS_OUT = ("referrals_out_police", "referrals_out_health", "referrals_out_guardianship")
ACTIVITY_GROUPS = {"consultations": CONSULTATIONS, "cases": CASES, "referrals_in": REFERRALS_IN,
                   "referrals_out": REFERRALS_OUT}


def snapshots(db: Database) -> list:
    """Snapshot dates of the PSC network, newest first."""
    return db.query("SELECT DISTINCT as_of FROM psc_network ORDER BY as_of DESC").as_of.dt.date.tolist()


@per_snapshot()
def specialists_over_time(db: Database) -> pd.DataFrame:
    """National specialists per snapshot, with where the straight path to the target stands."""
    frame = db.query("""
        SELECT as_of, sum(value) AS specialists, bool_or(illustrative) AS illustrative,
               string_agg(DISTINCT source_file, ', ' ORDER BY source_file) AS sources
        FROM psc_network WHERE measure = 'specialists' AND region_code = 'KZ' GROUP BY as_of ORDER BY as_of""")
    frame["as_of"] = frame.as_of.dt.date
    ind = indicator("psc_specialists")
    base = ind.baseline_period
    frame["target_path"] = [
        stats.expected_on_path(ind.baseline_value, base.end, ind.target_value, ind.target_deadline, d)
        if base is not None and ind.target_value is not None and d >= base.end else None
        for d in frame.as_of]
    return frame


def target_path(db: Database) -> pd.DataFrame:
    """Two points, baseline and target, for drawing the path."""
    ind = indicator("psc_specialists")
    if ind.baseline_period is None or ind.target_value is None:
        return pd.DataFrame(columns=["date", "value"])
    return pd.DataFrame({"date": [ind.baseline_period.end, ind.target_deadline],
                         "value": [ind.baseline_value, ind.target_value]})


def _by_region(db: Database, as_of, measures: tuple[str, ...]) -> pd.DataFrame:
    placeholders = ", ".join("?" for _ in measures)
    frame = db.query(f"""
        SELECT r.region_code, r.name_en, r.name_ru, r.name_kk, n.measure, n.value, n.illustrative,
               n.source_file, n.source_sheet, n.source_cell
        FROM regions r LEFT JOIN psc_network n ON n.region_code = r.region_code AND n.as_of = ?
             AND n.measure IN ({placeholders})
        ORDER BY r.region_code""", [as_of, *measures])
    return frame


@per_snapshot()
def positions(db: Database, as_of) -> pd.DataFrame:
    """Authorised, filled and vacant positions by region on a snapshot date."""
    frame = _by_region(db, as_of, ("positions_authorised", "positions_filled", "vacancies"))
    wide = frame.pivot_table(index=["region_code", "name_en", "name_ru", "name_kk"], columns="measure",
                             values="value", aggfunc="sum").reset_index()
    for m in ("positions_authorised", "positions_filled", "vacancies"):
        if m not in wide:
            wide[m] = pd.NA
    wide["filled_pct"] = wide.positions_filled / wide.positions_authorised.where(wide.positions_authorised > 0) * 100
    wide["illustrative"] = bool(frame.illustrative.fillna(False).any())
    files = frame.dropna(subset=["source_file"]).groupby("region_code").source_file.agg(
        lambda s: ", ".join(sorted(set(s))))
    wide["source_file"] = wide.region_code.map(files)
    wide.columns.name = None
    return wide


@per_snapshot()
def children_per_specialist(db: Database, as_of) -> pd.DataFrame:
    """Children aged 0-17 (1 January of the snapshot's year) per PSC specialist, by region."""
    frame = db.query("""
        SELECT r.region_code, r.name_en, r.name_ru, r.name_kk, s.value AS specialists, p.value AS children,
               p.value / nullif(s.value, 0) AS children_per_specialist,
               coalesce(s.illustrative, false) OR coalesce(p.illustrative, false) AS illustrative
        FROM regions r
        LEFT JOIN psc_network s ON s.region_code = r.region_code AND s.as_of = ? AND s.measure = 'specialists'
        LEFT JOIN child_population p ON p.region_code = r.region_code AND p.sex = 'all' AND p.year = year(CAST(? AS DATE))
        ORDER BY r.region_code""", [as_of, as_of])
    return frame


def specialist_mix(db: Database, as_of) -> pd.DataFrame:
    """Specialists by kind and region (long format)."""
    frame = _by_region(db, as_of, KINDS)
    return frame.dropna(subset=["measure"])


def activity_months(db: Database) -> list[tuple[int, int]]:
    if db.query("SELECT 1 FROM duckdb_views() WHERE view_name = 'psc_activity'").empty:
        return []
    frame = db.query("SELECT DISTINCT year, month FROM psc_activity ORDER BY year, month")
    return list(zip(frame.year, frame.month))


def activity(db: Database, group: str, region_code: str | None = None) -> pd.DataFrame:
    """Monthly totals of one group of activity measures, for the nation or one region."""
    measures = ACTIVITY_GROUPS[group]
    if not activity_months(db):
        return pd.DataFrame(columns=["year", "month", "measure", "value", "illustrative", "suppressed",
                                     "centres_reporting"])
    placeholders = ", ".join("?" for _ in measures)
    # The nation is the view's own KZ row (in the public edition a sum of the published regions
    # would be wrong); the centres reporting are counted over the regions' rows.
    return db.query(f"""
        WITH shown AS (SELECT year, month, measure, value, illustrative, suppressed FROM psc_activity
                       WHERE measure IN ({placeholders}) AND region_code = ?),
             reporting AS (SELECT year, month, count(DISTINCT region_code) AS centres_reporting FROM psc_activity
                           WHERE measure IN ({placeholders}) AND region_code IN (SELECT region_code FROM regions)
                                 AND (? = 'KZ' OR region_code = ?)
                           GROUP BY ALL)
        SELECT s.*, r.centres_reporting FROM shown s JOIN reporting r USING (year, month)
        ORDER BY year, month, measure""", [*measures, region_code or "KZ", *measures, region_code or "KZ",
                                           region_code or "KZ"])


def with_period(frame: pd.DataFrame) -> pd.DataFrame:
    """Add ``period``, the month as "YYYY-MM" (the same in every language), to a frame with year and month."""
    frame = frame.copy()
    frame["period"] = [f"{int(y):04d}-{int(m):02d}" for y, m in zip(frame.year, frame.month)]
    return frame


@per_snapshot()
def activity_by_month(db: Database, group: str, region_code: str | None = None) -> pd.DataFrame:
    """``activity`` with a "YYYY-MM" ``period`` column, ready to chart month by month."""
    return with_period(activity(db, group, region_code))


@per_snapshot()
def national_staff(db: Database, as_of) -> dict:
    """National totals on one snapshot: centres, branches, positions and specialists."""
    frame = db.query("""
        SELECT measure, sum(value) AS value FROM psc_network
        WHERE region_code = 'KZ' AND as_of = ? AND measure IN ('centres', 'branches', 'positions_authorised', 'positions_filled',
                                        'vacancies', 'specialists')
        GROUP BY measure""", [as_of])
    return dict(zip(frame.measure, frame.value))


@per_snapshot()
def presence(db: Database, as_of) -> pd.DataFrame:
    """Every region on one snapshot: whether it has a centre, the centre's name and opening date,
    its branches and specialists, with the source cells."""
    frame = db.query(by_region_select(
        "n", ("centres", "branches", "specialists"), texts=("centre_name", "opened"),
        extra=("max(n.source_cell) FILTER (WHERE n.measure = 'opened') AS opened_cell",),
        joins="LEFT JOIN psc_network n ON n.region_code = r.region_code AND n.as_of = ?"), [as_of])
    frame["opened"] = pd.to_datetime(frame.opened, errors="coerce").dt.date
    frame["has_centre"] = (frame.centres.fillna(0) > 0) | frame.centre_name.notna()
    return frame


@per_snapshot()
def specialist_mix_by_region(db: Database, as_of) -> pd.DataFrame:
    """Specialists by kind, one row per region that reported any, one column per kind (``KINDS``
    order, kinds nobody reported left out)."""
    mix = specialist_mix(db, as_of)
    if mix.empty:
        return pd.DataFrame(columns=["region_code", "name_en", "name_ru", "name_kk", "illustrative"])
    wide = mix.pivot_table(index=["region_code", "name_en", "name_ru", "name_kk"], columns="measure", values="value",
                           aggfunc="sum").reset_index()
    wide.columns.name = None
    wide["illustrative"] = bool(mix.illustrative.fillna(False).any())
    return wide[["region_code", "name_en", "name_ru", "name_kk", *[k for k in KINDS if k in wide], "illustrative"]]
