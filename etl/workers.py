"""Files read and parsed in worker processes, one per core, each worker taking one file at a time.

The Excel reader is native code: on a hostile file it can abort (asking for 512 GiB) or run for
minutes, and an abort cannot be caught in Python. In a worker, a crash or an overrun ends only
that worker: the file it was reading is refused with a message, a new worker takes its place and
the other files of the batch go on. Each worker has the memory limit of ``etl.limits``, and a file
that takes longer than the time limit has its worker stopped.

Workers are started by a fork server (``etl.pipeline`` preloaded), so a main script that starts a
batch must guard its entry point with ``if __name__ == "__main__":`` as multiprocessing requires;
``python -m etl`` and pytest do.
"""
from __future__ import annotations

import multiprocessing
import os
import resource
import signal
import sys
import time
import types
from contextlib import contextmanager
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


@contextmanager
def _without_main_script():
    """Start a worker without re-running the parent's main script in it.

    multiprocessing runs ``__main__``'s file again in every new worker; under Streamlit (the app, or
    AppTest in the tests) that file is a dashboard script, which a worker must never run. The
    worker's code is in this module and needs nothing from ``__main__``."""
    main = sys.modules.get("__main__")
    sys.modules["__main__"] = types.ModuleType("__main__")
    try:
        yield
    finally:
        if main is not None:
            sys.modules["__main__"] = main


class _Worker:
    """One worker process and the file it is reading, if any."""

    def __init__(self, ctx, limits: Limits):
        self.conn, child = ctx.Pipe(duplex=True)
        self.process = ctx.Process(target=_serve, args=(child, limits), daemon=True)
        with _without_main_script():
            self.process.start()
        child.close()
        self.task: int | None = None
        self.started = 0.0

    def give(self, index: int, path: Path, source, today) -> None:
        self.task, self.started = index, time.monotonic()
        self.conn.send((index, path, source, today))

    def stop(self, kill: bool = False) -> None:
        if kill:
            self.process.kill()
        else:
            try:
                self.conn.send(None)
            except OSError:
                pass
        self.process.join(timeout=10)
        if self.process.is_alive():
            self.process.kill()
            self.process.join()
        self.conn.close()


def parse_in_workers(paths: list[Path], *, source: str | None = None, today: date | None = None,
                     limits: Limits | None = None, workers: int | None = None) -> list:
    """The outcome of every file, in the order given.

    Workers live for the whole batch (their caches of regions and messages stay warm) and take
    one file at a time; a worker that dies or overruns the time limit is replaced."""
    if not paths:
        return []
    limits = limits or Limits.from_env()
    ctx = _context()
    outcomes: list = [None] * len(paths)
    queue = list(enumerate(map(Path, paths)))[::-1]
    pool = [_Worker(ctx, limits) for _ in range(min(workers or worker_count(), len(paths)))]
    try:
        while queue or any(w.task is not None for w in pool):
            for worker in pool:
                if worker.task is None and queue:
                    worker.give(*queue.pop(), source, today)
            busy = [w for w in pool if w.task is not None]
            ready = wait([x for w in busy for x in (w.conn, w.process.sentinel)], timeout=0.5)
            for worker in busy:
                index = worker.task
                if worker.conn in ready or worker.process.sentinel in ready:
                    try:
                        done, outcome = worker.conn.recv() if worker.conn.poll() else (None, None)
                    except (EOFError, OSError):
                        done, outcome = None, None
                    if done == index:
                        outcomes[index], worker.task = outcome, None
                        continue
                    worker.process.join(timeout=10)
                    outcomes[index] = _crashed(paths[index], source, worker.process.exitcode, limits)
                elif time.monotonic() - worker.started > limits.seconds:
                    outcomes[index] = _refusal(paths[index], source, error(
                        N_("reading the file took longer than {seconds} s, the limit: check that it holds one table "
                           "of reasonable size"), seconds=f"{limits.seconds:g}"))
                else:
                    continue
                worker.stop(kill=True)
                pool[pool.index(worker)] = _Worker(ctx, limits) if queue else _idle(worker)
    finally:
        for worker in pool:
            if worker.process.is_alive():
                worker.stop()
    return outcomes


def _idle(worker: _Worker) -> _Worker:
    worker.task = None
    return worker


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
    """Memory beyond what the worker already maps, for this worker alone."""
    try:
        with open("/proc/self/status", encoding="ascii") as fh:
            mapped = next(int(line.split()[1]) * 1024 for line in fh if line.startswith("VmSize:"))
    except (OSError, StopIteration, ValueError):
        mapped = 0
    resource.setrlimit(resource.RLIMIT_AS, (mapped + limits.memory_bytes, mapped + limits.memory_bytes))


def _serve(conn, limits: Limits) -> None:
    from etl.pipeline import parse_file

    # A native abort prints its own backtrace; the user gets the refusal message instead.
    devnull = os.open(os.devnull, os.O_WRONLY)
    os.dup2(devnull, 2)
    os.close(devnull)
    _apply_limits(limits)
    while True:
        try:
            task = conn.recv()
        except (EOFError, OSError):
            return
        if task is None:
            return
        index, path, source, today = task
        started = time.monotonic()
        try:
            outcome = parse_file(path, source=source, today=today, limits=limits)
        except MemoryError:
            outcome = _refusal(path, source, error(
                N_("reading the file needs more than {limit_mb} MB of memory, the limit"),
                limit_mb=limits.memory_bytes // 1048576))
        # the worker's peak so far: per file when a batch holds one file
        outcome.peak_mb = round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024, 1)
        outcome.seconds = round(time.monotonic() - started, 3)
        conn.send((index, outcome))
