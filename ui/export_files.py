"""The download files of a page run, made once and reused by every session asking for the same view.

Streamlit 1.67 needs a download button's bytes when the button is drawn (see
``chart_block.page_package``), so every run of a page would write its CSV, XLSX and ZIP files again.
Here the bytes are kept in a bounded LRU keyed by what the file is made of: a content hash of the
frame (its values, column names and dtypes) and the ``ExportInfo``, whose ``created`` day is part of
the key because the day is written in the file. A frame holding values of another kind (whose repr would not say what they are) is written afresh
every time.
"""
from __future__ import annotations

import decimal
import hashlib
from datetime import date, datetime, timezone

import numpy as np
import pandas as pd

from metrics.snapshot_cache import Bounded
from ui import datapackage, exports

MAX_FILES = 512
MAX_BYTES = 64 * 1024 * 1024
_FILES = Bounded(MAX_FILES, MAX_BYTES)
# Values whose repr says all a file shows of them (no address, no lost digits).
_PLAIN = frozenset({str, int, float, bool, type(None), date, datetime, pd.Timestamp, type(pd.NA), type(pd.NaT),
                    np.bool_, np.int64, np.float64, decimal.Decimal})


def fingerprint(frame: pd.DataFrame) -> str:
    """A digest of everything in ``frame`` that a file shows: column names, dtypes and values (the
    index is left out: the files drop it). Numbers are hashed as their bytes, other values by their
    repr, which tells 1 from "1" and True from "True"; a value of another kind raises TypeError."""
    digest = hashlib.blake2b(digest_size=20)
    digest.update(repr([(c, str(t)) for c, t in frame.dtypes.items()]).encode("utf-8"))
    for i in range(frame.shape[1]):
        values = frame.iloc[:, i].to_numpy()
        if values.dtype.kind in "biufmM":
            digest.update(np.ascontiguousarray(values).tobytes())
            continue
        items = values.tolist()
        if not set(map(type, items)) <= _PLAIN:
            raise TypeError("a value without a plain repr")
        digest.update(repr(items).encode("utf-8"))
    return digest.hexdigest()


def _cached(key, build):
    return _FILES.get_or_make(key, build)


def digest_of(frame: pd.DataFrame) -> str | None:
    """``fingerprint``, or None for a frame that cannot have one (its files are then never kept)."""
    try:
        return fingerprint(frame)
    except TypeError:
        return None


_UNSET = object()


def _file(kind: str, write, frame: pd.DataFrame, info: exports.ExportInfo, digest) -> bytes:
    digest = digest_of(frame) if digest is _UNSET else digest
    if digest is None:
        return write(frame, info)
    try:
        key = (kind, digest, info)
        hash(key)
    except TypeError:  # notes that are not a tuple
        return write(frame, info)
    return _cached(key, lambda: write(frame, info))


def csv_bytes(frame: pd.DataFrame, info: exports.ExportInfo, digest=_UNSET) -> bytes:
    """``exports.csv_bytes``, reused while the frame and the description are the same; ``digest``
    is the frame's ``digest_of`` when the caller has it already."""
    return _file("csv", exports.csv_bytes, frame, info, digest)


def xlsx_bytes(frame: pd.DataFrame, info: exports.ExportInfo, digest=_UNSET) -> bytes:
    """``exports.xlsx_bytes``, reused while the frame and the description are the same."""
    return _file("xlsx", exports.xlsx_bytes, frame, info, digest)


def package_zip(tables: list[datapackage.Table], *, title: str, selection: dict[str, str], edition: str,
                lang: str, created: datetime | None = None) -> bytes:
    """``datapackage.package_zip``, reused on the same day for the same tables and selection. The
    package then names the moment its first copy of the day was made."""
    now = created or datetime.now(timezone.utc)
    digests = [t.digest if t.digest is not None else digest_of(t.frame) for t in tables]
    try:
        parts = tuple((t.stem, d, t.info) for t, d in zip(tables, digests))
        key = None if None in digests else ("zip", parts, title, tuple(sorted(selection.items())), edition, lang,
                                            now.date())
        hash(key)
    except TypeError:
        key = None
    files = {id(t.frame): d for t, d in zip(tables, digests)}

    def build() -> bytes:
        return datapackage.package_zip(tables, title=title, selection=selection, edition=edition, lang=lang,
                                       created=now, csv=lambda frame, info: csv_bytes(frame, info, files[id(frame)]))

    return build() if key is None else _cached(key, build)


def held() -> tuple[int, int]:
    """Files kept and their bytes together."""
    return len(_FILES.entries), _FILES.size


def clear() -> None:
    with _FILES.lock:
        _FILES.entries.clear()
        _FILES.size = 0
