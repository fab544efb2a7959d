"""The words around region names (data/vocabulary/regions.toml) as the sets etl.regions and
etl.region_text look words up in, built once for each version of the file."""
from __future__ import annotations

from dataclasses import dataclass

from etl.vocabulary import Vocabulary, vocabulary

SOURCE = "regions"


@dataclass(frozen=True, eq=False)  # compared by identity: one object per version of the file
class RegionWords:
    markers: dict[str, str]  # folded word: "city" or "oblast"
    kind_words: frozenset[str]
    kind_stems: tuple[str, ...]
    case_endings: tuple[str, ...]
    total: frozenset[str]
    fillers: frozenset[str]
    subrow_words: tuple[str, ...]  # a row starting with one of these, then no letter, is a sub-row
    subrow_signs: tuple[str, ...]  # a row starting with one of these is a sub-row

    def is_subrow(self, folded: str) -> bool:
        if folded.startswith(self.subrow_signs):
            return True
        for key in self.subrow_words:
            if folded.startswith(key):
                rest = folded[len(key):]
                if not rest or not rest[0].isalpha():
                    return True
        return False


def _keys(vocab: Vocabulary, table: str, name: str, mode: str | None = None) -> tuple[str, ...]:
    term = vocab.table(table)[name]
    return tuple(dict.fromkeys(w.key for w in term.words if mode is None or (w.lang == "") == (mode == "signs")))


_BUILT: dict[int, tuple[Vocabulary, RegionWords]] = {}


_CURRENT: list = [None]


def current() -> RegionWords:
    """The words as last read (read now if never): for the hot paths, which look words up for
    every label; ``region_words()`` is what checks the file again."""
    return _CURRENT[0] or region_words()


def region_words() -> RegionWords:
    """The words as the vocabulary file has them now (read again when it changed)."""
    vocab = vocabulary(SOURCE)
    built = _BUILT.get(id(vocab))
    if built is None or built[0] is not vocab:
        words = RegionWords(
            markers={**dict.fromkeys(_keys(vocab, "markers", "city"), "city"),
                     **dict.fromkeys(_keys(vocab, "markers", "oblast"), "oblast")},
            kind_words=frozenset(_keys(vocab, "kinds", "words")),
            kind_stems=_keys(vocab, "kinds", "stems"),
            case_endings=_keys(vocab, "suffixes", "case"),
            total=frozenset(_keys(vocab, "rows", "total")),
            fillers=frozenset(_keys(vocab, "rows", "total_fillers")),
            subrow_words=_keys(vocab, "rows", "subrow", "words"),
            subrow_signs=_keys(vocab, "rows", "subrow", "signs"))
        _BUILT.clear()
        built = _BUILT[id(vocab)] = (vocab, words)
    _CURRENT[0] = built[1]
    return built[1]
