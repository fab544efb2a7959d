"""What loading a checked file would change, worked out on a scratch copy of the warehouse: the
live warehouse and the published snapshots are never written.

The file is recorded on the copy by the warehouse's own code (``Warehouse.record``), so the
preview shows exactly what a load would do: the figures it adds, the figures it revises (old ->
new, with the file the old value came from), the revisions the revision guard holds, and the
headline indicators before and after (the after-load steps run on the copy).
"""
from __future__ import annotations

import copy
import shutil
import tempfile
from dataclasses import dataclass, field
from pathlib import Path

import duckdb
import pandas as pd

from etl.messages import Message
from etl.pipeline import FileOutcome

KEYS = ["region_code", "period_kind", "period_start", "period_end", "measure", "sex", "age_group"]
INDICATOR_KEYS = ["indicator_id", "region_code", "period_kind", "period_start", "period_end"]
NATION = "KZ"


@dataclass
class Change:
    status: str  # what a load would make of the file: loaded, warning, held, unchanged or refused
    new: pd.DataFrame = field(default_factory=pd.DataFrame)  # KEYS + value
    revised: pd.DataFrame = field(default_factory=pd.DataFrame)  # KEYS + old, new, old_file
    held: list[Message] = field(default_factory=list)  # the revision guard's messages (need a tick)
    indicators: pd.DataFrame = field(default_factory=pd.DataFrame)  # INDICATOR_KEYS + old, new
    regions: tuple[str, ...] = ()  # the regions the file brings figures for

    @property
    def empty(self) -> bool:
        return self.new.empty and self.revised.empty


def preview(outcome: FileOutcome, warehouse: str | Path | None = None, *, revision_share: float | None = None,
            headline: tuple[str, ...] = (), steps=None) -> Change:
    """The change loading ``outcome`` (a checked file, from ``parse_file``) would make.

    ``headline`` names the indicators whose national and regional values are compared before and
    after; ``steps`` are the after-load steps (by default the metrics' indicator values)."""
    from etl.cli import _after_load_steps
    from etl.warehouse import DEFAULT_REVISION_SHARE, Warehouse, db_path

    if outcome.status == "refused":
        return Change("refused")
    live = db_path(warehouse)
    share = DEFAULT_REVISION_SHARE if revision_share is None else revision_share
    regions = tuple(sorted({f.region_code for f in outcome.parsed.figures if f.region_code}))
    with tempfile.TemporaryDirectory(prefix="cpm-preview-") as tmp:
        scratch = Path(tmp) / "scratch.duckdb"
        if live.exists():
            shutil.copyfile(live, scratch)
        before = _indicators(scratch, headline, regions)
        house = Warehouse(scratch, revision_share=share)
        try:
            if outcome.sha256 and house.already_loaded(outcome.sha256):
                house.abandon()
                return Change("unchanged", regions=regions)
            probe = _copy(outcome)
            load_id = house.record(probe)
            held = [m for m in probe.messages if m not in outcome.messages]
            status = probe.status
            if status == "held":  # what a confirmed load would change
                house.accept_revisions = True
                load_id = house.record(_copy(outcome))
            house.flush()
            new, revised = _figures(house.con, load_id)
            house.commit(steps=_after_load_steps() if steps is None else steps)
        except BaseException:
            house.abandon()
            raise
        after = _indicators(scratch, headline, regions)
    return Change(status, new, revised, held, _compare(before, after), regions)


def _copy(outcome: FileOutcome) -> FileOutcome:
    probe = copy.copy(outcome)
    probe.messages = list(outcome.messages)
    return probe


def _figures(con, load_id: int) -> tuple[pd.DataFrame, pd.DataFrame]:
    columns = ", ".join(KEYS)
    stored = con.execute(f"SELECT {columns}, value FROM figures WHERE load_id = ?", [load_id]).df()
    replaced = con.execute(f"SELECT {columns}, value AS old, source_file AS old_file FROM figures "
                           "WHERE superseded_by = ?", [load_id]).df()
    both = stored.merge(replaced, on=KEYS, how="left", indicator=True)
    new = both[both._merge == "left_only"][[*KEYS, "value"]].reset_index(drop=True)
    revised = both[(both._merge == "both") & ~_same(both.value, both.old)]
    revised = revised.rename(columns={"value": "new"})[[*KEYS, "old", "new", "old_file"]].reset_index(drop=True)
    return _ordered(new), _ordered(revised)


def _same(a: pd.Series, b: pd.Series) -> pd.Series:
    return (a == b) | (a.isna() & b.isna())


def _ordered(frame: pd.DataFrame) -> pd.DataFrame:
    return frame.sort_values(["measure", "region_code", "period_start", "period_end", "sex", "age_group"],
                             ignore_index=True)


def _indicators(path: Path, headline: tuple[str, ...], regions: tuple[str, ...]) -> pd.DataFrame:
    empty = pd.DataFrame(columns=[*INDICATOR_KEYS, "value"])
    if not headline or not path.exists():
        return empty
    con = duckdb.connect(str(path), read_only=True)
    try:
        if not con.execute("SELECT 1 FROM duckdb_tables() WHERE table_name = 'indicator_values'").fetchall():
            return empty
        return con.execute(f"""
            SELECT {", ".join(INDICATOR_KEYS)}, value FROM indicator_values
            WHERE geography = 'current' AND indicator_id IN (SELECT unnest(?)) AND region_code IN (SELECT unnest(?))""",
                           [list(headline), [NATION, *regions]]).df()
    finally:
        con.close()


def _compare(before: pd.DataFrame, after: pd.DataFrame) -> pd.DataFrame:
    """Headline values that a load would change (or bring for the first time), old -> new."""
    both = before.rename(columns={"value": "old"}).merge(after.rename(columns={"value": "new"}),
                                                         on=INDICATOR_KEYS, how="outer")
    moved = both[~_same(both.old.round(9), both.new.round(9))]
    return moved.sort_values(["indicator_id", "region_code", "period_start", "period_end"],
                             ignore_index=True)[[*INDICATOR_KEYS, "old", "new"]]
