"""The very files behind the figures, kept by content: ``<sha256>.<ext>`` in the originals folder
($CPM_ORIGINALS, else ``originals/`` beside the warehouse, i.e. data/originals).

A figure's provenance names the SHA-256 of its file, so the file an internal user downloads is
exactly the one that was loaded, whatever it was called. Files are written to a temporary name,
flushed to disk and renamed only when complete: a server killed half-way leaves no partial file
under a real name. The bytes are only ever copied, never opened as a workbook here.
"""
from __future__ import annotations

import os
import re
import shutil
import tempfile
import time
from pathlib import Path

ENV = "CPM_ORIGINALS"
SUFFIXES = (".xlsx", ".xls", ".csv")
_SHA = re.compile(r"[0-9a-f]{64}")
STAGING = ".incoming"
STALE_SECONDS = 24 * 3600  # a staged upload nobody loaded within a day is removed


def originals_dir(warehouse: str | Path | None = None) -> Path:
    from etl.warehouse import db_path

    explicit = os.environ.get(ENV)
    return Path(explicit) if explicit else db_path(warehouse).parent / "originals"


def _suffix(name: str) -> str:
    suffix = Path(name).suffix.lower()
    return suffix if suffix in SUFFIXES else ".bin"


def write_atomically(target: Path, chunks) -> Path:
    """Write ``chunks`` (bytes) to ``target``: all of them or, if anything stops the writing, nothing."""
    target.parent.mkdir(parents=True, exist_ok=True)
    handle, temp = tempfile.mkstemp(dir=target.parent, prefix=f".{target.name}.", suffix=".part")
    try:
        with os.fdopen(handle, "wb") as out:
            for chunk in chunks:
                out.write(chunk)
            out.flush()
            os.fsync(out.fileno())
        os.replace(temp, target)
    except BaseException:
        Path(temp).unlink(missing_ok=True)
        raise
    _sync_dir(target.parent)
    return target


def _sync_dir(folder: Path) -> None:
    """The rename itself survives a power cut only once the folder is flushed too."""
    fd = os.open(folder, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def _file_chunks(path: Path):
    with path.open("rb") as fh:
        yield from iter(lambda: fh.read(1 << 20), b"")


def _target(path: Path, sha256: str, warehouse: str | Path | None) -> Path:
    if not _SHA.fullmatch(sha256 or ""):
        raise ValueError(f"not a SHA-256: {sha256!r}")
    return originals_dir(warehouse) / f"{sha256}{_suffix(path.name)}"


def keep(path: Path, sha256: str, warehouse: str | Path | None = None) -> Path:
    """Keep a loaded file under its SHA-256 (once: the same content is the same file)."""
    return keep_all([(path, sha256)], warehouse)[0]


def keep_all(files: list[tuple[Path, str]], warehouse: str | Path | None = None) -> list[Path]:
    """Keep a batch of loaded files, each ``(path, sha256)``, under their SHA-256.

    The same guarantee as ``write_atomically`` with one flush for the whole batch instead of one
    per file (a flush costs milliseconds, and a batch can hold thousands of files): every copy is
    written under a temporary name, the disks are flushed once, and only then are the copies
    renamed, so a copy under a real name is always complete."""
    targets = [_target(path, sha256, warehouse) for path, sha256 in files]
    pending: dict[Path, Path] = {}
    try:
        for (path, _sha), target in zip(files, targets):
            if target.exists() or target in pending:
                continue
            target.parent.mkdir(parents=True, exist_ok=True)
            handle, temp = tempfile.mkstemp(dir=target.parent, prefix=f".{target.name}.", suffix=".part")
            pending[target] = Path(temp)
            with os.fdopen(handle, "wb") as out:
                for chunk in _file_chunks(path):
                    out.write(chunk)
        if pending:
            os.sync()
            for target, temp in pending.items():
                os.chmod(temp, 0o444)
                os.replace(temp, target)
            for folder in {t.parent for t in pending}:
                _sync_dir(folder)
            pending = {}
    finally:
        for temp in pending.values():
            temp.unlink(missing_ok=True)
    return targets


def find(sha256: str | None, warehouse: str | Path | None = None) -> Path | None:
    """The kept file with this SHA-256, or None (an unknown hash, or a load from before files were kept)."""
    if not isinstance(sha256, str) or not _SHA.fullmatch(sha256):
        return None
    folder = originals_dir(warehouse)
    for suffix in (*SUFFIXES, ".bin"):
        candidate = folder / f"{sha256}{suffix}"
        if candidate.is_file():
            return candidate
    return None


def safe_name(name: str) -> str:
    """A browser's file name as a plain name in one folder: no path, no control characters."""
    base = re.sub(r"[\x00-\x1f\x7f/\\]", "_", Path(str(name).replace("\\", "/")).name).strip(" .")
    stem, suffix = Path(base).stem[:120] or "upload", Path(base).suffix[:8]
    return f"{stem}{suffix}"


def stage(data: bytes, name: str, warehouse: str | Path | None = None) -> Path:
    """An uploaded file written to its own staging folder under its own name (the name the load
    log and messages show); complete or not there at all."""
    root = originals_dir(warehouse) / STAGING
    root.mkdir(parents=True, exist_ok=True)
    _remove_stale(root)
    folder = Path(tempfile.mkdtemp(dir=root))
    return write_atomically(folder / safe_name(name), [data])


def unstage(path: Path) -> None:
    """Remove a staged upload's folder (after it was loaded, or dropped by the user)."""
    root = path.parent.parent
    if root.name == STAGING:
        shutil.rmtree(path.parent, ignore_errors=True)


def _remove_stale(root: Path) -> None:
    limit = time.time() - STALE_SECONDS
    for folder in root.iterdir():
        try:
            if folder.is_dir() and folder.stat().st_mtime < limit:
                shutil.rmtree(folder, ignore_errors=True)
        except FileNotFoundError:
            pass
