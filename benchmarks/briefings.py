"""``python -m benchmarks.briefings``: time briefings on the sample database, print a small table.

Measured in this run, in the process's edition (``CPM_EDITION``, public by default, which reads the
public snapshot): one briefing (Turkestan region, Russian) as DOCX and as PDF, then all 20 regions in
one language for each format, every batch sharing one kaleido chart renderer. Each time is printed
against its target (one briefing under 5 s, all twenty under 60 s) with "met" or "not met"; the
load average is printed too, since on a shared machine the times say as much about the neighbours.
Uses $CPM_DB when set, else builds the sample database in a temporary folder first (not timed).
"""
from __future__ import annotations

import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from benchmarks.__main__ import print_table

REPO_ROOT = Path(__file__).resolve().parent.parent
LANG, REGION = "ru", "KZ-61"
ONE_TARGET, ALL_TARGET = 5.0, 60.0  # seconds


def _database(work: Path) -> Path:
    if os.environ.get("CPM_DB") and Path(os.environ["CPM_DB"]).is_file():
        return Path(os.environ["CPM_DB"])
    raw, db = work / "raw", work / "cpmonitor.duckdb"
    for args in (("sample", str(raw)), ("load", "--db", str(db), str(raw))):
        subprocess.run([sys.executable, "-m", "etl", *args], cwd=REPO_ROOT, check=True, capture_output=True)
    return db


def _row(what: str, seconds: float, target: float) -> tuple[str, str, str]:
    verdict = "met" if seconds < target else "not met"
    return what, f"{seconds:.2f}", f"s (target < {target:g} s: {verdict})"


def main() -> int:
    from briefings import content, edition, make, render
    from etl.regions import load_regions
    from metrics import indicators
    from metrics.db import get_database

    rows = []
    with tempfile.TemporaryDirectory(prefix="cpm-bench-briefings-") as tmp:
        work = Path(tmp)
        os.environ["CPM_DB"] = str(_database(work))
        db = get_database()  # the edition's own snapshot, as the command line and the page open it
        chosen = edition.current()
        start = time.perf_counter()
        year = content.years(indicators.values(db))[0]
        rows.append(("indicator values (cold, once per process)", f"{time.perf_counter() - start:.2f}", "s"))
        regions = sorted(r.code for r in load_regions())
        with render.renderer():
            start = time.perf_counter()
            make.write(db, REGION, year, LANG, ["pdf"], work / "warm-up")  # starts the renderer's browser
            rows.append(("first briefing with the renderer's start (pdf)", f"{time.perf_counter() - start:.2f}", "s"))
            for fmt in ("docx", "pdf"):
                start = time.perf_counter()
                make.write(db, REGION, year, LANG, [fmt], work / "one")
                rows.append(_row(f"one briefing, {fmt} ({REGION}, {year}, {LANG})", time.perf_counter() - start,
                                 ONE_TARGET))
            for fmt in ("docx", "pdf"):
                start = time.perf_counter()
                for code in regions:
                    make.write(db, code, year, LANG, [fmt], work / f"all-{fmt}")
                rows.append(_row(f"all {len(regions)} regions, {fmt} ({LANG})", time.perf_counter() - start,
                                 ALL_TARGET))
    load = ", ".join(f"{v:.1f}" for v in os.getloadavg())
    print(f"CP Monitor briefing benchmarks, {chosen} edition (python {sys.version.split()[0]}, {os.cpu_count()} CPUs, "
          f"load average at the end {load}; on a shared machine other work slows every figure)")
    print_table(rows)
    return 0


if __name__ == "__main__":
    sys.exit(main())
