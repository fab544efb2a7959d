"""Each file read and parsed in a worker process of its own, as many at once as there are cores.

The Excel reader is native code: on a hostile file it can abort (asking for 512 GiB) or run for
minutes, and an abort cannot be caught in Python. In a worker, a crash or an overrun ends only
that worker, and the file is refused with a message, while the other files of the batch go on.
Each worker has the memory and time limits of ``etl.limits``, so a file costs at most that much.
"""
from __future__ import annotations

import multiprocessing
import os
import resource
import signal
import time
from datetime import date
from multiprocessing.connection import wait
from pathlib import Path

from etl.figures import ParsedFile
from etl.limits import Limits
from etl.messages import N_, error
from etl.reading import file_sha256

_CONTEXT = None


def worker_count() -> int:
    raw = os.environ.get("CPM_WORKERS", "").strip()
    if raw.isdigit() and int(raw) > 0:
        return int(raw)
    try:
        return max(1, len(os.sched_getaffinity(0)))
    except AttributeError:
        return max(1, os.cpu_count() or 1)


def _context():
    # forkserver, not fork: the parent may hold database and progress-bar threads, which a
    # forked child would inherit half-way through
    global _CONTEXT
    if _CONTEXT is None:
        _CONTEXT = multiprocessing.get_context("forkserver")
        _CONTEXT.set_forkserver_preload(["etl.pipeline"])
    return _CONTEXT


def parse_in_workers(paths: list[Path], *, source: str | None = None, today: date | None = None,
                     limits: Limits | None = None, workers: int | None = None) -> list:
    """The outcome of every file, in the order given."""
    limits = limits or Limits.from_env()
    workers = workers or worker_count()
    ctx = _context()
    outcomes: list = [None] * len(paths)
    queue = list(enumerate(paths))[::-1]
    running: dict = {}  # reading end -> (index, process, start time)
    while queue or running:
        while queue and len(running) < workers:
            index, path = queue.pop()
            reader, writer = ctx.Pipe(duplex=False)
            process = ctx.Process(target=_work, args=(writer, Path(path), source, today, limits), daemon=True)
            process.start()
            writer.close()
            running[reader] = (index, process, time.monotonic())
        ready = wait([*running, *(p.sentinel for _, p, _ in running.values())], timeout=0.5)
        for reader in list(running):
            index, process, started = running[reader]
            result = None
            if reader in ready or process.sentinel in ready:
                try:
                    result = reader.recv() if reader.poll() else None
                except (EOFError, OSError):
                    result = None
                if result is None and process.is_alive() and reader not in ready:
                    continue
                process.join(timeout=limits.seconds)
                if result is None:
                    result = _crashed(paths[index], source, process.exitcode, limits)
            elif time.monotonic() - started > limits.seconds:
                process.kill()
                process.join()
                result = _refusal(paths[index], source, error(
                    N_("reading the file took longer than {seconds} s, the limit: check that it holds one table of "
                       "reasonable size"), seconds=round(limits.seconds)))
            else:
                continue
            reader.close()
            del running[reader]
            outcomes[index] = result
    return outcomes


def _crashed(path, source, exitcode, limits: Limits):
    return _refusal(path, source, error(
        N_("the spreadsheet reader stopped on this file ({reason}): it may be damaged or need more than "
           "{limit_mb} MB of memory; open it in Excel and save it again as .xlsx"),
        reason=_exit_reason(exitcode), limit_mb=limits.memory_bytes // 1048576))


def _exit_reason(exitcode) -> str:
    if exitcode is not None and exitcode < 0:
        try:
            return signal.Signals(-exitcode).name
        except ValueError:
            return f"signal {-exitcode}"
    return f"exit status {exitcode}"


def _refusal(path, source, message):
    from etl.pipeline import FileOutcome

    path = Path(path)
    try:
        sha = file_sha256(path) if path.is_file() else None
    except OSError:
        sha = None
    return FileOutcome(path, ParsedFile(source or "unknown"), sha, "refused", [message])


def _apply_limits(limits: Limits) -> None:
    """Memory beyond what the worker already maps, and CPU time, for this worker alone."""
    try:
        with open("/proc/self/status", encoding="ascii") as fh:
            mapped = next(int(line.split()[1]) * 1024 for line in fh if line.startswith("VmSize:"))
    except (OSError, StopIteration, ValueError):
        mapped = 0
    resource.setrlimit(resource.RLIMIT_AS, (mapped + limits.memory_bytes, mapped + limits.memory_bytes))
    cpu = int(limits.seconds) + 5
    resource.setrlimit(resource.RLIMIT_CPU, (cpu, cpu + 5))


def _work(writer, path: Path, source, today, limits: Limits) -> None:
    from etl.pipeline import parse_file

    started = time.monotonic()
    # A native abort prints its own backtrace; the user gets the refusal message instead.
    devnull = os.open(os.devnull, os.O_WRONLY)
    os.dup2(devnull, 2)
    os.close(devnull)
    _apply_limits(limits)
    try:
        outcome = parse_file(path, source=source, today=today, limits=limits)
    except MemoryError:
        outcome = _refusal(path, source, error(N_("reading the file needs more than {limit_mb} MB of memory, the limit"),
                                               limit_mb=limits.memory_bytes // 1048576))
    usage = resource.getrusage(resource.RUSAGE_SELF)
    outcome.peak_mb = round(usage.ru_maxrss / 1024, 1)
    outcome.seconds = round(time.monotonic() - started, 3)
    writer.send(outcome)
    writer.close()
