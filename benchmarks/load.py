"""``python -m benchmarks.load``: many sessions at once against one dashboard server.

Each session speaks Streamlit's websocket protocol (``benchmarks.streamlit_client``) and walks
every page three ways: with its default selections; with a select box changed through the protocol
(a widget state in the rerun request, as a reader's click sends it); and with changed selections in
the URL (as a shared link would), in the three languages. Meanwhile a loop runs the real publish
step (``python -m etl publish`` on the warehouse, both snapshots written and swapped in), so the
runs also cross changes of data.

Printed, measured in this run: page views per second, p50 and p95 from the request to the end of
the script run, errors, the server's CPU-seconds per page view (its whole process tree, from /proc),
its resident memory along the way, and each target with its measured value. Loopback only; bounded
by ``--seconds``, ``--views`` and ``--publishes``.
"""
from __future__ import annotations

import argparse
import asyncio
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

from benchmarks.__main__ import print_table  # noqa: E402
from benchmarks.streamlit_client import RunResult, Session  # noqa: E402
from benchmarks.targets import met  # noqa: E402

LANGS = ("ru", "kk", "en")
# Selections other than the defaults, as URL parameters; a page ignores those it does not use.
CHANGED = "region=KZ-61&measure=attempts&geography=comparable&unit=rate"
CLK_TCK = os.sysconf("SC_CLK_TCK")
PUBLISH_TIMEOUT = 900  # s for one publish on a busy machine
MEMORY_EVERY = 250  # page views between two readings of the server's memory


def _stat(pid: int) -> list[str]:
    return Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()


def process_tree(pid: int) -> list[int]:
    """The process and all its descendants (Streamlit may start helpers, e.g. a browser for images)."""
    children: dict[int, list[int]] = {}
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            try:
                children.setdefault(int(_stat(int(entry.name))[1]), []).append(int(entry.name))
            except (FileNotFoundError, ProcessLookupError, IndexError):
                continue
    found, todo = [], [pid]
    while todo:
        current = todo.pop()
        found.append(current)
        todo.extend(children.get(current, []))
    return found


def process_cpu_seconds(pid: int) -> float:
    """User plus system CPU time of a process tree, from /proc (Linux); children that exited and
    were waited for are counted in their parent's cutime and cstime."""
    total = 0.0
    for member in process_tree(pid):
        try:
            fields = _stat(member)
        except FileNotFoundError:
            continue
        total += sum(int(fields[i]) for i in (11, 12, 13, 14)) / CLK_TCK
    return total


def process_rss_mib(pid: int) -> float:
    total = 0.0
    for member in process_tree(pid):
        try:
            for line in Path(f"/proc/{member}/status").read_text().splitlines():
                if line.startswith("VmRSS:"):
                    total += int(line.split()[1]) / 1024
        except FileNotFoundError:
            continue
    return total


def walk(pages: list[str], index: int) -> list[tuple[str, str, bool]]:
    """The page views of one round: (page, URL query, change a select box first)."""
    lang = LANGS[index % len(LANGS)]
    return ([(page, f"lang={lang}", False) for page in pages] + [(page, f"lang={lang}", True) for page in pages]
            + [(page, f"lang={lang}&{CHANGED}", False) for page in pages])


def changed_selection(result: RunResult, turn: int) -> dict[str, str] | None:
    """Another option of the first select box the run drew that has more than one."""
    for widget_id, options in result.selectboxes:
        if len(options) > 1:
            return {widget_id: options[1 + turn % (len(options) - 1)]}
    return None


class Tally:
    """Page views shared by all sessions, with the server's memory every ``MEMORY_EVERY`` views."""

    def __init__(self, pid: int, budget: int):
        self.pid, self.budget = pid, budget
        self.results: list[RunResult] = []
        self.changed = 0  # views asked for with a widget state
        self.memory: list[tuple[int, float]] = [(0, process_rss_mib(pid))]

    def add(self, result: RunResult) -> None:
        self.results.append(result)
        if len(self.results) % MEMORY_EVERY == 0:
            self.memory.append((len(self.results), process_rss_mib(self.pid)))


async def session_loop(url: str, pages: list[str], index: int, deadline: float, tally: Tally) -> None:
    """One reader's walk; a dropped connection is one error, and the reader opens a new session."""
    turn = 0
    while time.monotonic() < deadline and len(tally.results) < tally.budget:
        async with Session(url) as session:
            for page, query, change in walk(pages, index):
                if time.monotonic() >= deadline or len(tally.results) >= tally.budget:
                    return
                result = await session.run(page, query)
                tally.add(result)
                widgets = changed_selection(result, turn) if change and result.ok else None
                if widgets and len(tally.results) < tally.budget:
                    tally.changed += 1
                    result = await session.run(page, query, widgets=widgets)
                    tally.add(result)
                turn += 1
                if result.error is not None:
                    break


def publish_once(warehouse: Path) -> subprocess.CompletedProcess:
    """The real publish step, in its own process as after a load: both snapshots rewritten."""
    return subprocess.run([sys.executable, "-m", "etl", "publish", "--db", str(warehouse)], cwd=REPO_ROOT,
                          capture_output=True, text=True, timeout=PUBLISH_TIMEOUT)


async def publisher(warehouse: Path, pause: float, deadline: float, limit: int, done: list) -> None:
    """Publishes one after another (``pause`` s apart), at most ``limit``, none started after the
    deadline; one that finishes after the deadline is waited for but not counted."""
    while len(done) < limit and time.monotonic() + pause < deadline:
        await asyncio.sleep(pause)
        result = await asyncio.to_thread(publish_once, warehouse)
        if result.returncode != 0:
            raise RuntimeError(f"python -m etl publish failed:\n{result.stdout}\n{result.stderr}")
        if time.monotonic() < deadline:
            done.append(time.monotonic())


async def run_load(url: str, warehouse: Path | None, pages: list[str], sessions: int, seconds: float, views: int,
                   pause: float, publishes: int, pid: int) -> tuple[Tally, float, int]:
    deadline = time.monotonic() + seconds
    tally, done = Tally(pid, views), []
    started = time.perf_counter()
    tasks = [session_loop(url, pages, i, deadline, tally) for i in range(sessions)]

    async def timed() -> float:
        await asyncio.gather(*tasks)
        return time.perf_counter() - started

    publishing = [publisher(warehouse, pause, deadline, publishes, done)] if warehouse and publishes else []
    wall, *_ = await asyncio.gather(timed(), *publishing)
    return tally, wall, len(done)


def percentile(values: list[float], share: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, max(0, round(share * len(ordered)) - 1))]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m benchmarks.load", description=__doc__.split("\n")[0])
    parser.add_argument("--sessions", type=int, default=30)
    parser.add_argument("--seconds", type=float, default=120.0, help="stop after this long")
    parser.add_argument("--views", type=int, default=3000, help="stop after this many page views in all")
    parser.add_argument("--publishes", type=int, default=3, help="publishes during the run, at most")
    parser.add_argument("--publish-pause", type=float, default=5.0, help="seconds between two publishes")
    parser.add_argument("--db", type=Path, help="a built warehouse to copy (default: build the sample)")
    args = parser.parse_args(argv)

    from tests.e2e.live import app_server
    from ui.navigation import page_specs

    pages = ["" if spec.default else spec.url_path for spec in page_specs()]
    with tempfile.TemporaryDirectory(prefix="cpm-load-") as tmp:
        work = Path(tmp)
        warehouse = work / "cpmonitor.duckdb"
        if args.db:
            import shutil

            shutil.copy2(args.db, warehouse)
            if publish_once(warehouse).returncode != 0:
                sys.exit("could not publish the warehouse")
        elif subprocess_ensure_db(warehouse) != 0:
            sys.exit("could not build the sample database")
        with app_server(warehouse, work / "server.log") as (url, process):
            # One session's walk first: the caches are warm, as on a server that has been up a while.
            warm, _, _ = asyncio.run(run_load(url, None, pages, 1, 600, 3 * len(pages), 0, 0, process.pid))
            cpu_before = process_cpu_seconds(process.pid)
            tally, wall, published = asyncio.run(run_load(url, warehouse, pages, args.sessions, args.seconds,
                                                          args.views, args.publish_pause, args.publishes,
                                                          process.pid))
            cpu = process_cpu_seconds(process.pid) - cpu_before
            tally.memory.append((len(tally.results), process_rss_mib(process.pid)))
    results = tally.results
    times = [r.seconds for r in results if r.error is None]
    errors = [r for r in results if not r.ok]
    done = [r for r in results if r.error is None]  # a run that never finished is no page view
    rate, per_view = len(done) / wall, cpu / max(1, len(done))
    memory = " / ".join(f"{rss:.0f}@{n}" for n, rss in tally.memory[::max(1, len(tally.memory) // 6)])
    memory += f" / {tally.memory[-1][1]:.0f}@{tally.memory[-1][0]}"
    first, last = tally.memory[1] if len(tally.memory) > 2 else tally.memory[0], tally.memory[-1]
    growth = (last[1] - first[1]) / args.sessions
    rows = [
        ("sessions at once / publishes completed during the run", f"{args.sessions} / {published}",
         "sessions / publishes"),
        ("page views asked for / finished (each a full script run)", f"{len(results):,} / {len(done):,}", "views"),
        ("  of which with a select box changed through the protocol", f"{tally.changed:,}", "views"),
        ("finished page views per second", f"{rate:.1f}", "views/s"),
        ("request to end of run: p50 / p95", f"{percentile(times, .5) * 1000:.0f} / {percentile(times, .95) * 1000:.0f}"
         if times else "-", "ms"),
        ("errors (exception drawn, timeout, dropped)", f"{len(errors)}", "views"),
        ("server CPU per finished page view (process tree)", f"{per_view:.3f}", "CPU-s"),
        ("server resident memory, MiB @ page views", memory, ""),
        (f"  growth from view {first[0]} to {last[0]}, per session", f"{growth:.2f}", "MiB/session"),
        ("warm-up walk, one session: median run", f"{statistics.median(r.seconds for r in warm.results) * 1000:.0f}",
         "ms"),
    ]
    print(f"CP Monitor load test (python {sys.version.split()[0]}, {os.cpu_count()} CPUs, {wall:.1f} s)")
    print_table(rows)
    print()
    print_table([
        met(f"{args.sessions} sessions while publishing: errors", "0", len(errors), len(errors) == 0
            and published > 0, "" if published else "no publish completed during the run"),
        met("page views per second", ">= 15", f"{rate:.1f}", rate >= 15),
        met("server CPU per page view", "< 0.1 CPU-s", f"{per_view:.3f}", per_view < 0.1),
    ], header=("target", "goal", "measured", "met"))
    for r in errors[:10]:
        print(f"  error: page {r.page or 'home'!r}: {r.error or f'{r.exceptions} exception(s) drawn'}")
    return 1 if errors else 0


def subprocess_ensure_db(db: Path) -> int:
    env = {**os.environ, "CPM_DB": str(db)}
    return subprocess.run([sys.executable, "-m", "etl", "ensure-db", "--db", str(db)], cwd=REPO_ROOT, env=env,
                          capture_output=True, text=True, timeout=PUBLISH_TIMEOUT).returncode


if __name__ == "__main__":
    sys.exit(main())
