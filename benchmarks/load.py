"""``python -m benchmarks.load``: many sessions at once against one dashboard server.

Each session speaks Streamlit's websocket protocol (``benchmarks.streamlit_client``) and walks
every page, first with its default selections, then with changed ones (given in the URL, as a
shared link would), in the three languages. Meanwhile a loop publishes the database again and
again (a new file swapped in, as a load does), so the runs also cross a change of data.

Printed, measured in this run: page views per second, p50 and p95 from the request to the end of
the script run, errors, the server's CPU-seconds per page view, and its resident memory before and
after. Loopback only; bounded by ``--seconds`` and ``--views``.
"""
from __future__ import annotations

import argparse
import asyncio
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

REPO_ROOT = Path(__file__).resolve().parent.parent
if str(REPO_ROOT) not in sys.path:
    sys.path.insert(0, str(REPO_ROOT))

from benchmarks.__main__ import print_table  # noqa: E402
from benchmarks.streamlit_client import RunResult, Session  # noqa: E402

LANGS = ("ru", "kk", "en")
# Selections other than the defaults, as URL parameters; a page ignores those it does not use.
CHANGED = "region=KZ-61&measure=attempts&geography=comparable&unit=rate"
CLK_TCK = os.sysconf("SC_CLK_TCK")


def process_cpu_seconds(pid: int) -> float:
    """User plus system CPU time of a process, from /proc (Linux)."""
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / CLK_TCK


def process_rss_mib(pid: int) -> float:
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) / 1024
    return float("nan")


def walk(pages: list[str], index: int) -> list[tuple[str, str]]:
    """The page views of one round: every page with default, then changed selections."""
    lang = LANGS[index % len(LANGS)]
    return [(page, f"lang={lang}") for page in pages] + [(page, f"lang={lang}&{CHANGED}") for page in pages]


async def session_loop(url: str, pages: list[str], index: int, deadline: float, budget: list[int],
                       results: list[RunResult]) -> None:
    async with Session(url) as session:
        while time.monotonic() < deadline:
            for page, query in walk(pages, index):
                if time.monotonic() >= deadline or budget[0] <= 0:
                    return
                budget[0] -= 1
                results.append(await session.run(page, query))


def publish_copy(db: Path) -> None:
    """Swap a fresh copy of the database in, as a publish does: readers follow the new file."""
    work = db.with_name(f".{db.name}.bench.tmp")
    shutil.copy2(db, work)
    os.replace(work, db)


async def publisher(db: Path, every: float, deadline: float, count: list[int]) -> None:
    while time.monotonic() + every < deadline:
        await asyncio.sleep(every)
        await asyncio.to_thread(publish_copy, db)
        count[0] += 1


async def run_load(url: str, db: Path, pages: list[str], sessions: int, seconds: float, views: int,
                   publish_every: float) -> tuple[list[RunResult], float, int]:
    deadline = time.monotonic() + seconds
    results: list[RunResult] = []
    budget, published = [views], [0]
    started = time.perf_counter()
    tasks = [session_loop(url, pages, i, deadline, budget, results) for i in range(sessions)]
    await asyncio.gather(publisher(db, publish_every, deadline, published), *tasks)
    return results, time.perf_counter() - started, published[0]


def percentile(values: list[float], share: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, max(0, round(share * len(ordered)) - 1))]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m benchmarks.load", description=__doc__.split("\n")[0])
    parser.add_argument("--sessions", type=int, default=30)
    parser.add_argument("--seconds", type=float, default=60.0, help="stop after this long")
    parser.add_argument("--views", type=int, default=3000, help="stop after this many page views in all")
    parser.add_argument("--publish-every", type=float, default=5.0, help="seconds between publishes")
    args = parser.parse_args(argv)

    from tests.e2e.live import app_server
    from ui.navigation import page_specs

    pages = ["" if spec.default else spec.url_path for spec in page_specs()]
    with tempfile.TemporaryDirectory(prefix="cpm-load-") as tmp:
        work = Path(tmp)
        db = work / "cpmonitor.duckdb"
        built = subprocess_ensure_db(db)
        if built != 0:
            sys.exit("could not build the sample database")
        with app_server(db, work / "server.log") as (url, process):
            # One session's walk first: the caches are warm, as on a server that has been up a while.
            warm, _, _ = asyncio.run(run_load(url, db, pages, 1, 120, 2 * len(pages), 3600))
            cpu_before, rss_before = process_cpu_seconds(process.pid), process_rss_mib(process.pid)
            results, wall, published = asyncio.run(run_load(url, db, pages, args.sessions, args.seconds, args.views,
                                                            args.publish_every))
            cpu = process_cpu_seconds(process.pid) - cpu_before
            rss_after = process_rss_mib(process.pid)
    times = [r.seconds for r in results if r.error is None]
    errors = [r for r in results if not r.ok]
    rows = [
        ("sessions at once / publishes during the run", f"{args.sessions} / {published}", "sessions / publishes"),
        ("page views (each a full script run)", f"{len(results):,}", "views"),
        ("page views per second", f"{len(results) / wall:.1f}", "views/s"),
        ("request to end of run: p50 / p95", f"{percentile(times, .5) * 1000:.0f} / {percentile(times, .95) * 1000:.0f}"
         if times else "-", "ms"),
        ("errors (exception drawn, timeout, dropped)", f"{len(errors)}", "views"),
        ("server CPU per page view", f"{cpu / max(1, len(results)):.3f}", "CPU-s"),
        ("server resident memory before / after", f"{rss_before:.0f} / {rss_after:.0f}", "MiB"),
        ("warm-up walk, one session: median run", f"{statistics.median(r.seconds for r in warm) * 1000:.0f}", "ms"),
    ]
    print(f"CP Monitor load test (python {sys.version.split()[0]}, {os.cpu_count()} CPUs, {wall:.1f} s)")
    print_table(rows)
    for r in errors[:10]:
        print(f"  error: page {r.page or 'home'!r}: {r.error or f'{r.exceptions} exception(s) drawn'}")
    return 1 if errors else 0


def subprocess_ensure_db(db: Path) -> int:
    env = {**os.environ, "CPM_DB": str(db)}
    return subprocess.run([sys.executable, "-m", "etl", "ensure-db", "--db", str(db)], cwd=REPO_ROOT, env=env,
                          capture_output=True, text=True, timeout=600).returncode


if __name__ == "__main__":
    sys.exit(main())
