"""How much a file may hold before it is refused, decided before its cells are read.

Files arrive by e-mail from many offices; a few bytes can declare a sheet of 17 billion cells or
unpack to gigabytes. Every limit below is checked from what a file declares (its size, the
sizes in its ZIP directory, the sheet's used range) or while streaming it, never after loading
it whole. Each can be raised through its environment variable; the README lists them.
"""
from __future__ import annotations

import os
from dataclasses import dataclass


def env_number(name: str, default: float) -> float:
    """A positive number from the environment; the default when unset, unreadable or not positive."""
    raw = os.environ.get(name, "").strip()
    try:
        value = float(raw) if raw else default
    except ValueError:
        value = default
    return value if value > 0 else default


@dataclass(frozen=True)
class Limits:
    unpacked_bytes: int  # all parts of an .xlsx archive together, uncompressed
    rows: int  # rows of one sheet's used range
    columns: int  # columns of one sheet's used range
    cells: int  # rows x columns of one sheet's used range
    cell_chars: int  # characters in one cell
    seconds: float  # wall-clock time for reading and parsing one file
    memory_bytes: int  # memory for reading and parsing one file

    @classmethod
    def from_env(cls) -> Limits:
        return cls(
            unpacked_bytes=int(env_number("CPM_MAX_UNPACKED_MB", 200) * 1024 * 1024),
            rows=int(env_number("CPM_MAX_ROWS", 200_000)),
            columns=int(env_number("CPM_MAX_COLUMNS", 1_000)),
            cells=int(env_number("CPM_MAX_CELLS", 2_000_000)),
            cell_chars=int(env_number("CPM_MAX_CELL_CHARS", 100_000)),
            seconds=env_number("CPM_READ_SECONDS", 60),
            memory_bytes=int(env_number("CPM_READ_MEMORY_MB", 1024) * 1024 * 1024),
        )
