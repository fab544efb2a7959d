"""The sources the ETL knows, derived from their contracts (data/sources/<id>.toml), and how a
sheet is recognised as one of them.

A contract names its parser: a module of this package (with ``score`` and ``parse``), or
"region_columns" for a region table read by the generic parser from the contract and the
vocabulary alone (a new source of that shape needs no code at all).
"""
from __future__ import annotations

from importlib import import_module

from core.contracts import spec, spec_ids
from core.text import fold
from etl.reading import Sheet

HEAD_ROWS = 40


class _RegionTable:
    """A source read by the generic region-table parser, with no module of its own."""

    def __init__(self, source_id: str):
        from etl.sources import region_columns

        self.ID = source_id
        self.SPEC = region_columns.Spec(source_id)
        self._parse = region_columns.parse

    def score(self, text: str) -> int:
        return self.SPEC.score(text)

    def parse(self, sheet: Sheet, result) -> None:
        self._parse(self.SPEC, sheet, result)


def _parser(source_id: str):
    name = spec(source_id).parser
    if name == "region_columns":
        return _RegionTable(source_id)
    module = import_module(f"etl.sources.{name}")
    if getattr(module, "ID", None) != source_id:
        raise ImportError(f"etl/sources/{name}.py has ID {getattr(module, 'ID', None)!r}, its contract {source_id!r}")
    return module


def sources() -> dict:
    """{source id: parser} for every contract, in the contracts' order."""
    return {source_id: _parser(source_id) for source_id in spec_ids()}


SOURCES = sources()  # the bundled sources, for code that only reads the registry


def scores(sheet: Sheet, known: dict | None = None) -> dict[str, int]:
    """How strongly the top of the sheet matches each source's detection wordings."""
    text = " ".join(fold(v) for row in sheet.rows[:HEAD_ROWS] for v in row if fold(v))
    return {source_id: module.score(text) for source_id, module in (known or sources()).items()}


def detect(sheet: Sheet, known: dict | None = None) -> str | tuple[str, str] | None:
    """The source whose wordings the top of the sheet matches best; a pair of sources when two
    match equally well (the caller refuses: a guess could store figures as the wrong thing)."""
    found = scores(sheet, known)
    ranked = sorted(found, key=found.get, reverse=True)
    best = ranked[0]
    if found[best] <= 0:
        return None
    if len(ranked) > 1 and found[ranked[1]] == found[best]:
        return best, ranked[1]
    return best
