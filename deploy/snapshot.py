"""Copying a published snapshot to where a replica reads it: ``python -m deploy.snapshot SRC DEST...``.

A replica keeps reading its file while the copy is written beside it under a temporary name; the
finished copy is made read-only and renamed over the old one in one step (``os.replace``), so a
replica never sees a half-written file and moves to the new one on its next query, without a restart.
For another machine, rsync does the same (docs/deploy.md).
"""
from __future__ import annotations

import argparse
import os
import shutil
import sys
from pathlib import Path

from etl.publish import READ_ONLY


def copy_snapshot(source: Path, target: Path) -> Path:
    target.parent.mkdir(parents=True, exist_ok=True)
    work = target.with_name(f".{target.name}.{os.getpid()}.copy")
    try:
        shutil.copyfile(source, work)
        os.chmod(work, READ_ONLY)
        os.replace(work, target)
    finally:
        work.unlink(missing_ok=True)
    return target


def distribute(source: Path, targets: list[Path]) -> list[Path]:
    return [copy_snapshot(source, target) for target in targets]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m deploy.snapshot", description=__doc__.splitlines()[0])
    parser.add_argument("source", type=Path, help="the published snapshot, e.g. data/public.duckdb")
    parser.add_argument("targets", type=Path, nargs="+", help="where each replica reads it")
    args = parser.parse_args(argv)
    if not args.source.is_file():
        print(f"{args.source}: no such snapshot (python -m etl publish writes it)", file=sys.stderr)
        return 2
    for target in distribute(args.source, args.targets):
        print(target)
    return 0


if __name__ == "__main__":
    sys.exit(main())
