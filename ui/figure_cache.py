"""Finished figures kept for every session that asks for the same view (bounded, least recently used
dropped first). Building a plotly figure validates every property it sets, and a page draws dozens:
the same chart of the same figures is built once per process instead of once per run.

A key must name everything the figure shows (the values and texts drawn, the language, the edition);
a caller that cannot say that passes None and gets a figure built afresh. A kept figure is shared:
whoever gets one draws it and never changes it.
"""
from __future__ import annotations

from collections.abc import Callable, Hashable
from typing import TypeVar

import pandas as pd

from metrics.snapshot_cache import Bounded
from ui.export_files import digest_of

MAX_FIGURES = 256
_FIGURES = Bounded(MAX_FIGURES)
T = TypeVar("T")


def kept(key: Hashable | None, build: Callable[[], T]) -> T:
    """What ``build`` returns, built once for ``key`` (every time when the key is None)."""
    if key is None:
        return build()
    return _FIGURES.get_or_make(key, build)


def content_key(*parts: Hashable | pd.DataFrame) -> tuple | None:
    """A key of ``parts``, each frame among them by its content (``ui.export_files.digest_of``);
    None when a frame has no digest or a part cannot be hashed."""
    key = tuple(digest_of(p) if isinstance(p, pd.DataFrame) else p for p in parts)
    if any(p is None for p, given in zip(key, parts) if given is not None):
        return None
    try:
        hash(key)
    except TypeError:
        return None
    return key


def held() -> int:
    return len(_FIGURES.entries)


def clear() -> None:
    with _FIGURES.lock:
        _FIGURES.entries.clear()
