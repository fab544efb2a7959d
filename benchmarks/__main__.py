"""``python -m benchmarks``: time the sample ETL and the suicides page, print a small table.

Everything printed is measured on this machine in this run:
- writing the sample spreadsheets (``python -m etl sample``, wall time of the subprocess);
- loading the whole sample into a fresh database, once as ``python -m etl load`` (wall time of the
  subprocess, interpreter start included) and once in-process through ``etl.cli.load_files``;
- the reading layer (python-calamine) against openpyxl on the same files;
- a load of 2,400 monthly PSC reports (``--psc-reports N``), and openpyxl against the reading
  layer on those files;
- every page's server-side run time under AppTest: the first (cold) run in this process, then the
  median and 90th percentile (nearest rank) of warm runs, each a new session; against the targets
  (warm median < 100 ms, cold < 1 s), printed as met or not met;
- with ``--browser``, each page's time to its first chart in a fresh headless Chromium
  (``benchmarks.browser``, target 2.5 s).
"""
from __future__ import annotations

import logging
import math
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

REPO_ROOT = Path(__file__).resolve().parent.parent
if str(REPO_ROOT) not in sys.path:
    sys.path.insert(0, str(REPO_ROOT))

from benchmarks.targets import met  # noqa: E402

WARM_RUNS = 10
SUBPROCESS_TIMEOUT = 600  # a shared, busy machine can be many times slower than an idle one
APP_TIMEOUT = 60
# The aims for a load on a machine with 2 cores, printed beside what was measured.
SAMPLE_TARGET = 5.0
PSC_TARGET = 30.0
TARGETS: list[tuple[str, float, float]] = []  # (what, measured seconds, target seconds), filled as measured


def _timed_subprocess(*args: str) -> tuple[float, subprocess.CompletedProcess]:
    start = time.perf_counter()
    result = subprocess.run([sys.executable, *args], cwd=REPO_ROOT, capture_output=True, text=True,
                            timeout=SUBPROCESS_TIMEOUT)
    return time.perf_counter() - start, result


def _check(result: subprocess.CompletedProcess, what: str, allowed=(0,)) -> None:
    if result.returncode not in allowed:
        sys.exit(f"{what} failed ({result.returncode}):\n{result.stdout}\n{result.stderr}")


def p90(values: list[float]) -> float:
    """90th percentile by nearest rank: the smallest value at least 90 % of the runs do not exceed."""
    ordered = sorted(values)
    return ordered[math.ceil(0.9 * len(ordered)) - 1]


def bench_etl(work: Path) -> tuple[list[tuple[str, str, str]], Path]:
    raw = work / "raw"
    rows = []
    seconds, result = _timed_subprocess("-m", "etl", "sample", str(raw))
    _check(result, "python -m etl sample")

    import etl.cli as cli  # imported after the subprocess runs, so no import time is in its figures
    from etl.pipeline import expand_inputs

    inputs = expand_inputs([str(raw)])
    size = sum(p.stat().st_size for p in inputs)
    rows.append(("write sample (python -m etl sample)", f"{seconds:.2f}", "s"))
    rows.append(("  sample spreadsheets / size", f"{len(inputs)} / {size / 1024:,.0f}", "files / KiB"))

    # Exit 1 = some files refused, the rest loaded: still a complete run worth timing (counted below).
    seconds_cli, result = _timed_subprocess("-m", "etl", "load", "--json", "--db", str(work / "cli.duckdb"),
                                            str(raw))
    _check(result, "python -m etl load", allowed=(0, 1))

    # In-process, with the time spent parsing files (etl.cli.parse_files) split from the warehouse's.
    parse_seconds = 0.0
    original = cli.parse_files

    def timed_parse(*args, **kwargs):
        nonlocal parse_seconds
        start = time.perf_counter()
        try:
            return original(*args, **kwargs)
        finally:
            parse_seconds += time.perf_counter() - start

    inproc_db = work / "inprocess.duckdb"
    cli.parse_files = timed_parse
    try:
        start = time.perf_counter()
        outcomes = cli.load_files(inputs, db=inproc_db)
        seconds_inproc = time.perf_counter() - start
    finally:
        cli.parse_files = original
    figures = sum(len(o.parsed.figures) for o in outcomes if o.status != "refused")
    refused = sum(o.status == "refused" for o in outcomes)

    rows.append((f"load sample, python -m etl load (wall; target < {SAMPLE_TARGET:g} on 2 cores)", f"{seconds_cli:.2f}",
                 "s"))
    TARGETS.append(("sample load, python -m etl load", seconds_cli, SAMPLE_TARGET))
    rows.append(("  figures per second", f"{figures / seconds_cli:,.0f}", "figures/s"))
    rows.append(("load sample, etl.cli.load_files (in-process)", f"{seconds_inproc:.2f}", "s"))
    rows.append(("  of which parsing and checks (parse_files)", f"{parse_seconds:.2f}", "s"))
    rows.append(("  of which warehouse (store, swap, refresh)", f"{seconds_inproc - parse_seconds:.2f}", "s"))
    rows.append(("  figures per second", f"{figures / seconds_inproc:,.0f}", "figures/s"))
    rows.append(("  files loaded / refused; figures", f"{len(outcomes) - refused} / {refused}; {figures:,}",
                 "files; figures"))
    from etl.publish import publish

    start = time.perf_counter()
    done = publish(inproc_db)
    rows.append(("publish both editions (python -m etl publish)", f"{time.perf_counter() - start:.2f}", "s"))
    rows.append(("  of which choosing the suppressions (linear programmes)", f"{done.seconds:.2f}", "s"))
    rows.append(("  protected counts; primary / secondary", f"{done.cells:,}; {done.primary:,} / {done.secondary:,}",
                 "cells"))
    return rows, inproc_db


def bench_reading(raw: Path) -> list[tuple[str, str, str]]:
    """The reading layer (python-calamine) against the slow path (openpyxl) on the same .xlsx files."""
    import openpyxl

    from etl.reading import read_workbook

    files = sorted(raw.rglob("*.xlsx"))
    start = time.perf_counter()
    cells_fast = sum(len(r) for f in files for s in read_workbook(f).sheets for r in s.rows)
    fast = time.perf_counter() - start
    start = time.perf_counter()
    cells_slow = 0
    for f in files:
        book = openpyxl.load_workbook(f, data_only=True)  # merged cells need the full (not read-only) mode
        cells_slow += sum(len(row) for ws in book.worksheets for row in ws.iter_rows(values_only=True))
        book.close()
    slow = time.perf_counter() - start
    return [
        (f"read {len(files)} .xlsx files, python-calamine (used)", f"{fast:.2f}", "s"),
        ("read the same files, openpyxl (slow path)", f"{slow:.2f}", "s"),
        ("  calamine speed-up", f"{slow / fast:.1f}", "x"),
        ("  cells read (calamine / openpyxl)", f"{cells_fast:,} / {cells_slow:,}", "cells"),
    ]


def bench_psc_reports(work: Path, count: int) -> list[tuple[str, str, str]]:
    """A load of ``count`` monthly PSC reports into a fresh database, and the reading layer
    against openpyxl on the same files."""
    import openpyxl

    import etl.cli as cli
    from benchmarks.psc_reports import write_reports
    from etl.reading import read_workbook

    start = time.perf_counter()
    files = write_reports(work / "psc_reports", count)
    written = time.perf_counter() - start
    start = time.perf_counter()
    outcomes = cli.load_files(files, db=work / "psc.duckdb")
    seconds = time.perf_counter() - start
    TARGETS.append((f"load of {len(files)} PSC monthly reports", seconds, PSC_TARGET))
    loaded = sum(o.status in ("loaded", "warning") for o in outcomes)
    figures = sum(len(o.parsed.figures) for o in outcomes if o.status in ("loaded", "warning"))
    start = time.perf_counter()
    for f in files:
        read_workbook(f)
    fast = time.perf_counter() - start
    start = time.perf_counter()
    for f in files:
        openpyxl.load_workbook(f, data_only=True).close()
    slow = time.perf_counter() - start
    return [
        (f"write {len(files)} PSC monthly reports (openpyxl)", f"{written:.1f}", "s"),
        (f"load {len(files)} PSC monthly reports, etl.cli.load_files (target < {PSC_TARGET:g} on 2 cores)",
         f"{seconds:.1f}", "s"),
        ("  files loaded; figures", f"{loaded}; {figures:,}", "files; figures"),
        ("  read the same files, python-calamine (used) / openpyxl", f"{fast:.1f} / {slow:.1f}", "s"),
        ("  openpyxl / python-calamine", f"{slow / fast:.1f}", "x"),
    ]


def bench_page(db: Path, warm_runs: int = WARM_RUNS) -> tuple[list, list]:
    os.environ["CPM_DB"] = str(db)
    from streamlit.testing.v1 import AppTest

    # AppTest runs the script outside a server, and streamlit says so on every run: noise here.
    # (A filter, not a level: streamlit resets its loggers' levels when it reads its config.)
    logging.getLogger("streamlit.runtime.scriptrunner_utils.script_run_context").addFilter(
        lambda record: "missing ScriptRunContext" not in record.getMessage())

    from ui.navigation import page_specs

    def run_once(spec) -> float:
        at = AppTest.from_file(str(REPO_ROOT / "app.py"), default_timeout=APP_TIMEOUT)
        at.query_params["lang"] = "en"
        at.run()
        home = [t.value for t in at.title]
        if not spec.default:
            at.switch_page(str(REPO_ROOT / spec.path))  # the navigation registers absolute paths
        start = time.perf_counter()
        at.run()
        seconds = time.perf_counter() - start
        if at.exception:
            sys.exit(f"{spec.path} raised: {[e.value for e in at.exception]}")
        if not spec.default and [t.value for t in at.title] == home:
            sys.exit(f"{spec.path} did not run: the home page ran instead")
        return seconds

    rows, medians, targets = [], [], []
    for spec in page_specs():
        cold = run_once(spec)
        warm = [run_once(spec) for _ in range(warm_runs)]
        median = statistics.median(warm)
        medians.append(median)
        rows.append((f"page {spec.url_path}: cold / warm median / p90 of {warm_runs}",
                     f"{cold * 1000:.0f} / {median * 1000:.0f} / {p90(warm) * 1000:.0f}", "ms"))
        targets.append(met(f"page {spec.url_path}: warm server run, median", "< 100 ms", f"{median * 1000:.0f} ms",
                           median < 0.1))
        targets.append(met(f"page {spec.url_path}: cold server run", "< 1000 ms", f"{cold * 1000:.0f} ms", cold < 1.0))
    rows.append(("median of the pages' warm medians", f"{statistics.median(medians) * 1000:.0f}", "ms"))
    return rows, targets


def print_table(rows: list[tuple], header: tuple = ("measure", "value", "unit")) -> None:
    columns = len(header)
    widths = [max(len(str(r[i])) for r in [header, *rows]) for i in range(columns)]

    def line(r) -> str:
        cells = [f"{str(r[0]):<{widths[0]}}", *(f"{str(c):>{w}}" for c, w in zip(r[1:-1], widths[1:-1])),
                 f"{str(r[-1]):<{widths[-1]}}"]
        return "  ".join(cells).rstrip()

    print(line(header))
    print(line(tuple("-" * w for w in widths)))
    for row in rows:
        print(line(row))


def main(argv: list[str] | None = None) -> int:
    import argparse

    parser = argparse.ArgumentParser(prog="python -m benchmarks")
    parser.add_argument("--psc-reports", type=int, default=2400, help="monthly PSC reports to load (default 2400)")
    parser.add_argument("--no-pages", action="store_true", help="skip the page timings")
    parser.add_argument("--pages-only", type=Path, metavar="WAREHOUSE",
                        help="only the page timings (and their targets), on a copy of this built warehouse")
    parser.add_argument("--warm-runs", type=int, default=WARM_RUNS, help=f"warm runs per page (default {WARM_RUNS})")
    parser.add_argument("--browser", action="store_true",
                        help="also each page's time to first chart in a fresh headless Chromium")
    args = parser.parse_args(argv)
    started = time.perf_counter()
    saved = os.environ.get("CPM_DB")
    targets = []
    try:
        with tempfile.TemporaryDirectory(prefix="cpm-bench-") as tmp:
            if args.pages_only:
                import shutil

                from etl.publish import publish

                db = Path(tmp) / "cpmonitor.duckdb"
                shutil.copy2(args.pages_only, db)
                publish(db)
                rows = []
            else:
                rows, db = bench_etl(Path(tmp))
                rows += bench_reading(Path(tmp) / "raw")
                if args.psc_reports:
                    rows += bench_psc_reports(Path(tmp), args.psc_reports)
            if not args.no_pages:
                page_rows, targets = bench_page(db, args.warm_runs)
                rows += page_rows
            if args.browser:
                from benchmarks.browser import first_charts

                browser_rows, browser_targets = first_charts(db, Path(tmp))
                rows += browser_rows
                targets += browser_targets
    finally:
        if saved is None:
            os.environ.pop("CPM_DB", None)
        else:
            os.environ["CPM_DB"] = saved
    print(f"CP Monitor benchmarks (python {sys.version.split()[0]}, {os.cpu_count()} CPUs)")
    print_table(rows)
    targets = [met(what, f"< {goal:g} s", f"{seconds:.2f} s", seconds < goal) for what, seconds, goal in TARGETS] + targets
    cores = len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count()
    print(f"\ntargets (on 2 cores; this run had {cores} usable, and the load average was "
          f"{os.getloadavg()[0]:.1f} at the end):")
    if targets:
        print_table(targets, header=("target", "goal", "measured", "met"))
    print(f"total benchmark time: {time.perf_counter() - started:.1f} s")
    return 0


if __name__ == "__main__":
    sys.exit(main())
