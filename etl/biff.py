"""The used range of every sheet of an .xls (BIFF) file, read before the Excel reader opens it.

The reader allocates each sheet's whole grid from its first to its last cell when it opens the
file, hidden sheets included: one cell at IV65536 costs it 16.7 million cells. The cell records
of the workbook stream say where every cell is, so the range is known beforehand at the cost of
one pass over the stream. The compound-file layout followed here is Microsoft's [MS-CFB].
"""
from __future__ import annotations

import struct
from pathlib import Path

from etl.limits import Limits
from etl.ooxml import check_range

FREE_OR_END = 0xFFFFFFFA  # sector numbers from here up are markers, not sectors
BOF, EOF, BOUNDSHEET = 0x0809, 0x000A, 0x0085
# records whose data starts with the cell's row and column (blanks are not stored by the reader)
CELL_RECORDS = {0x0203, 0x027E, 0x00FD, 0x0204, 0x0205, 0x0006, 0x00D6}
MULRK = 0x00BD


class NotReadable(Exception):
    """The compound file cannot be followed here; the Excel reader will say what is wrong."""


def sheet_extents(path: Path) -> list[tuple[str, int, int]]:
    """(sheet name, rows, columns) of every sheet, from its cell records."""
    return _scan(_workbook_stream(path.read_bytes()))


def check_xls(path: Path, limits: Limits) -> None:
    try:
        extents = sheet_extents(path)
    except (NotReadable, struct.error, IndexError, ValueError):
        return
    for name, rows, columns in extents:
        check_range(rows, columns, name, limits)


def _workbook_stream(data: bytes) -> bytes:
    if len(data) < 512:
        raise NotReadable("too short")
    sector_size = 1 << struct.unpack_from("<H", data, 0x1E)[0]
    mini_size = 1 << struct.unpack_from("<H", data, 0x20)[0]
    if sector_size not in (512, 4096):
        raise NotReadable("sector size")
    first_dir, = struct.unpack_from("<I", data, 0x30)
    cutoff, first_minifat = struct.unpack_from("<II", data, 0x38)
    first_difat, difat_count = struct.unpack_from("<II", data, 0x44)
    sectors = (len(data) - 512) // sector_size + 1

    def sector(n: int) -> bytes:
        start = (n + 1) * sector_size
        return data[start:start + sector_size]

    fat_sectors = [s for s in struct.unpack_from("<109I", data, 0x4C) if s < FREE_OR_END]
    next_difat = first_difat
    for _ in range(min(difat_count, sectors)):
        if next_difat >= FREE_OR_END:
            break
        entries = struct.unpack(f"<{sector_size // 4}I", sector(next_difat))
        fat_sectors += [s for s in entries[:-1] if s < FREE_OR_END]
        next_difat = entries[-1]
    fat = []
    for s in fat_sectors[:sectors]:
        chunk = sector(s)
        fat += struct.unpack(f"<{len(chunk) // 4}I", chunk)

    def chain(start: int, table: list[int], read) -> bytes:
        parts, n = [], start
        while n < FREE_OR_END and len(parts) <= len(table):
            parts.append(read(n))
            n = table[n] if n < len(table) else FREE_OR_END
        return b"".join(parts)

    directory = chain(first_dir, fat, sector)
    entries = {}
    root = None
    for at in range(0, len(directory) - 127, 128):
        length, = struct.unpack_from("<H", directory, at + 64)
        name = directory[at:at + max(0, min(length, 64) - 2)].decode("utf-16-le", errors="replace")
        kind = directory[at + 66]
        start, size = struct.unpack_from("<IQ", directory, at + 116)
        if kind == 5:
            root = (start, size)
        elif kind == 2:
            entries.setdefault(name, (start, size & 0xFFFFFFFF if sector_size == 512 else size))
    found = entries.get("Workbook") or entries.get("Book")
    if found is None or root is None:
        raise NotReadable("no workbook stream")
    start, size = found
    if size >= cutoff:
        return chain(start, fat, sector)[:size]
    mini_stream = chain(root[0], fat, sector)
    minifat_bytes = chain(first_minifat, fat, sector)
    minifat = list(struct.unpack(f"<{len(minifat_bytes) // 4}I", minifat_bytes))
    return chain(start, minifat, lambda n: mini_stream[n * mini_size:(n + 1) * mini_size])[:size]


def _scan(stream: bytes) -> list[tuple[str, int, int]]:
    names: dict[int, str] = {}
    extents: dict[int, list[int]] = {}
    current = None
    depth = 0
    at, end = 0, len(stream)
    while at + 4 <= end:
        kind, length = struct.unpack_from("<HH", stream, at)
        body = at + 4
        if kind == BOUNDSHEET and length >= 8:
            offset, = struct.unpack_from("<I", stream, body)
            names[offset] = _sheet_name(stream[body + 6:body + length])
        elif kind == BOF:
            depth += 1
            if at in names:
                current = at
                extents[at] = [0, 0]
        elif kind == EOF:
            depth -= 1
            if depth <= 0:
                current = None
        elif current is not None and length >= 4:
            if kind in CELL_RECORDS:
                row, col = struct.unpack_from("<HH", stream, body)
                _grow(extents[current], row, col)
            elif kind == MULRK and length >= 6:
                row, = struct.unpack_from("<H", stream, body)
                last, = struct.unpack_from("<H", stream, body + length - 2)
                _grow(extents[current], row, last)
        at = body + length
    return [(names[offset], rows, cols) for offset, (rows, cols) in extents.items()]


def _grow(extent: list[int], row: int, col: int) -> None:
    extent[0] = max(extent[0], row + 1)
    extent[1] = max(extent[1], col + 1)


def _sheet_name(raw: bytes) -> str:
    """A BIFF8 short string: a length, a flag (1: UTF-16) and the characters."""
    if len(raw) < 2:
        return ""
    count, flags = raw[0], raw[1]
    text = raw[2:2 + count * (2 if flags & 1 else 1)]
    return text.decode("utf-16-le" if flags & 1 else "latin-1", errors="replace")
