"""Results of the metrics functions pages call, kept per published snapshot and bounded in size.

A page run asks for the same few results as every other run on the same snapshot: computing them
once per snapshot and process makes a warm run read them back. The key holds the snapshot's
identity (its path, inode and modification time: ``Database.identity``), so a new publish, which
renames a new file over the old one, is picked up by the next run without a restart; for functions
that take the indicator frame instead of the database, the key holds the frame's
tag (``tag``), which only the frame ``metrics.indicators.values`` returned carries: a frame a page
or function has filtered or changed is computed from, never looked up. Each
function keeps at most ``maxsize`` results, least recently used dropped first, so memory stays flat
however many sessions and selections come. Callers get copies: a page that changes a result cannot
change the cached one.
"""
from __future__ import annotations

import copy
import dataclasses
import functools
import hashlib
import inspect
import pickle
import threading
from collections import OrderedDict

import pandas as pd

_CACHES: list["Bounded"] = []


class Bounded:
    """A thread-safe LRU of at most ``maxsize`` entries and, with ``maxbytes``, values (bytes) of
    at most that many bytes together; the least recently used go first (a value larger than
    ``maxbytes`` on its own is not kept)."""

    def __init__(self, maxsize: int, maxbytes: int | None = None):
        self.maxsize = maxsize
        self.maxbytes = maxbytes
        self.size = 0  # bytes held, counted only with maxbytes
        self.entries: OrderedDict = OrderedDict()
        self.lock = threading.Lock()
        self.flights: dict = {}  # key -> the lock held while one thread computes that key

    def get(self, key):
        with self.lock:
            if key in self.entries:
                self.entries.move_to_end(key)
                return True, self.entries[key]
        return False, None

    def get_or_make(self, key, make):
        """The value of ``key``, made by ``make()`` when missing, by one thread at a time: when a
        publish empties the caches, thirty sessions asking for the same result wait for one
        computation instead of making thirty."""
        found, value = self.get(key)
        if found:
            return value
        with self.lock:
            flight = self.flights.setdefault(key, threading.Lock())
        try:
            with flight:
                found, value = self.get(key)
                if not found:
                    value = make()
                    self.put(key, value)
                return value
        finally:
            with self.lock:
                if self.flights.get(key) is flight:
                    del self.flights[key]

    def _weight(self, value) -> int:
        return len(value) if self.maxbytes is not None else 0

    def put(self, key, value) -> None:
        with self.lock:
            if key in self.entries:
                self.size -= self._weight(self.entries.pop(key))
            self.entries[key] = value
            self.size += self._weight(value)
            while len(self.entries) > self.maxsize or (self.maxbytes is not None and self.size > self.maxbytes):
                self.size -= self._weight(self.entries.popitem(last=False)[1])


TAG = "cpm_snapshot"
STORE = "page_results"  # function, key, payload: results the publish step computed (metrics.page_data)
_MISSING = object()


class _Tag(tuple):
    """(identity, portable, id of the tagged frame): immutable, so a deep copy is itself. pandas
    deep-copies ``attrs`` into every frame and column derived from a tagged one, and copying the
    nested tuples each time was a large share of a page run."""

    def __deepcopy__(self, memo):
        return self


def tag(frame: pd.DataFrame, identity, portable: tuple) -> pd.DataFrame:
    """Mark a frame read from a snapshot (``metrics.indicators.values``) with the snapshot's identity
    and what it holds in words any snapshot understands (``portable``, e.g. ("values", "current")),
    so the cached functions can key results on it."""
    frame.attrs[TAG] = _Tag((identity, portable, id(frame)))
    return frame


def _tagged(frame: pd.DataFrame):
    """The tag, only on the very frame that was tagged. pandas copies ``attrs`` to every frame
    derived from it (filtered, with a column added...): such a frame holds other rows or values, so
    it gets no key and its results are computed, not looked up."""
    found = frame.attrs.get(TAG)
    if found is None or found[2] != id(frame):
        return None
    return found


def portable(value):
    """An argument as a key that means the same in any snapshot (the publish step's working copy
    and the file a replica reads): the database itself stands for "this snapshot"."""
    if isinstance(value, pd.DataFrame):
        found = _tagged(value)
        if found is None:
            raise TypeError("an untagged frame")
        return found[1]
    if hasattr(value, "query") and (hasattr(value, "identity") or hasattr(value, "con")):
        return ("snapshot",)
    if isinstance(value, (list, tuple)):
        return (type(value).__name__, *(portable(v) for v in value))
    try:
        hash(value)
    except TypeError:
        if dataclasses.is_dataclass(value):  # e.g. an Indicator (it holds a dict): its fields say it all
            return (type(value).__qualname__, repr(value))
        raise
    return value


def call_key(function, args: tuple, kwargs: dict) -> str:
    """The arguments of a call, defaults filled in, as one string (positional or by name alike)."""
    bound = inspect.signature(function).bind(*args, **kwargs)
    bound.apply_defaults()
    text = repr(tuple((name, portable(v)) for name, v in bound.arguments.items()))
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def name_of(function) -> str:
    return f"{function.__module__}.{function.__qualname__}"


def _snapshot_of(first):
    """The snapshot (a ``metrics.db.Database``) the first argument was read from, and its identity."""
    if isinstance(first, pd.DataFrame):
        found = _tagged(first)
        if found is None or found[0] is None:
            return None, None
        from metrics.db import _database

        db = _database(found[0][0])
        return (db, found[0]) if db.identity == found[0] else (None, found[0])
    identity = getattr(first, "identity", None)  # a Database; the ETL's working connection has none
    return (first, identity) if identity is not None else (None, None)


@functools.lru_cache(maxsize=16)
def _has_store(db, identity) -> bool:
    return bool(db._run("SELECT 1 FROM duckdb_tables() WHERE table_name = ?", (STORE,)).shape[0])


def _stored(db, name: str, key: str):
    """The result the publish step stored in the snapshot for this call, if any."""
    if db is None or not _has_store(db, db.identity):
        return _MISSING
    found = db._run(f"SELECT payload FROM {STORE} WHERE function = ? AND key = ?", (name, key))
    if found.empty:
        return _MISSING
    # Written by this code base's own publish step into a read-only snapshot, never by a reader.
    return pickle.loads(bytes(found.payload.iloc[0]))


def _copy(value):
    """A copy a caller may change: frames and series copied, lists and dicts rebuilt, the frozen
    dataclasses (an indicator, a trend) rebuilt around copies of the frames they hold; a deep copy
    of everything would cost more than many a computation."""
    if isinstance(value, (pd.DataFrame, pd.Series)):
        return value.copy()
    if value is None or isinstance(value, (str, int, float, bool)):
        return value
    if isinstance(value, list):
        return [_copy(v) for v in value]
    if isinstance(value, dict):
        return {k: _copy(v) for k, v in value.items()}
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        changed = {f.name: _copy(getattr(value, f.name)) for f in dataclasses.fields(value)
                   if isinstance(getattr(value, f.name), (pd.DataFrame, pd.Series, list, dict))}
        return dataclasses.replace(value, **changed) if changed else value
    return copy.deepcopy(value)


def per_snapshot(maxsize: int = 64):
    """Cache a metrics function whose first argument is the database or the indicator frame: in
    this process (bounded), else from the results the publish step stored in the snapshot, else
    computed."""
    def decorate(function):
        cache = Bounded(maxsize)
        _CACHES.append(cache)
        name = name_of(function)

        @functools.wraps(function)
        def cached(first, *args, **kwargs):
            db, identity = _snapshot_of(first)
            if identity is None:
                return function(first, *args, **kwargs)
            try:
                key = call_key(function, (first, *args), kwargs)
            except TypeError:  # an argument that cannot be a key: computed every time
                return function(first, *args, **kwargs)
            def make():
                value = _stored(db, name, key)
                return function(first, *args, **kwargs) if value is _MISSING else value

            return _copy(cache.get_or_make((identity, key), make))

        cached.cache = cache
        return cached
    return decorate


def entries() -> int:
    """Results held in all these caches together (the load test prints it)."""
    return sum(len(c.entries) for c in _CACHES)
