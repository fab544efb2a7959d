"""``python -m benchmarks.hostile``: time and peak memory of every hostile file of the test corpus.

Each file is written by ``tests/hostile/corpus.py`` and read the way a load reads it: in a worker
process of its own (``etl.pipeline.parse_files``). The worker reports its wall time and its peak
resident memory (``getrusage``), which includes the interpreter and the ETL's own modules (about
40 MB before any file is read); a worker killed by a crash reports nothing, shown as "-".
"""
from __future__ import annotations

import os
import sys
import tempfile
import time
from pathlib import Path

REPO_ROOT = Path(__file__).resolve().parent.parent


def main() -> None:
    for path in (str(REPO_ROOT / "tests"), str(REPO_ROOT)):
        if path not in sys.path:
            sys.path.insert(0, path)
    from etl.pipeline import parse_files
    from hostile.corpus import CASES

    print(f"{'file':<22} {'expected':<8} {'outcome':<8} {'worker s':>9} {'peak MB':>8} {'wall s':>7}  size")
    with tempfile.TemporaryDirectory() as tmp:
        for case in CASES:
            folder = Path(tmp) / case.name
            folder.mkdir()
            path = case.make(folder)
            size = os.stat(path).st_size if path.is_file() else 0
            saved = {k: os.environ.get(k) for k in case.env}
            os.environ.update(case.env)
            try:
                start = time.perf_counter()
                [outcome] = parse_files([path])
                wall = time.perf_counter() - start
            finally:
                for key, value in saved.items():
                    os.environ.pop(key, None) if value is None else os.environ.__setitem__(key, value)
            seconds = "-" if outcome.seconds is None else f"{outcome.seconds:.3f}"
            peak = "-" if outcome.peak_mb is None else f"{outcome.peak_mb:.0f}"
            print(f"{case.name:<22} {case.expect:<8} {outcome.status:<8} {seconds:>9} {peak:>8} {wall:>7.2f}  "
                  f"{size / 1024:,.0f} KiB")


if __name__ == "__main__":
    main()
