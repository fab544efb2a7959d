"""The words around region names (data/vocabulary/regions.toml) as the sets etl.regions and
etl.region_text look words up in, built once for each version of the file."""
from __future__ import annotations

import re
from dataclasses import dataclass

from etl.vocabulary import Vocabulary, vocabulary

SOURCE = "regions"


@dataclass(frozen=True, eq=False)  # compared by identity: one object per version of the file
class RegionWords:
    markers: dict[str, str]  # folded word: "city" or "oblast"
    kind_words: frozenset[str]
    kind_forms: tuple[tuple[str, str], ...]  # (folded stem, the form it stands for): ("област", "область")
    case_endings: tuple[str, ...]
    nominative: tuple[tuple[str, str], ...]  # (Russian ending, the reference's ending): ("ой", "ая")
    possessive: tuple[str, ...]
    glued: re.Pattern  # a kind word glued to the name: "г.Алматы"
    phrases: dict[tuple[str, ...], str]  # words that say the kind before a name: ("city", "of"): "city"
    total: frozenset[str]
    fillers: frozenset[str]
    subrow_words: tuple[str, ...]  # a row starting with one of these, then no letter, is a sub-row
    subrow_signs: tuple[str, ...]  # a row starting with one of these is a sub-row

    @property
    def kind_stems(self) -> tuple[str, ...]:
        return tuple(stem for stem, _ in self.kind_forms)

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


def _ending_pair(key: str) -> tuple[str, str]:
    ending, _, nominative = key.partition("→")
    return ending.strip(), nominative.strip()


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
            kind_forms=tuple((stem, form) for form in vocab.table("kind_forms")
                             for stem in _keys(vocab, "kind_forms", form)),
            case_endings=_keys(vocab, "suffixes", "case"),
            nominative=tuple(_ending_pair(k) for k in _keys(vocab, "nominative", "russian")),
            possessive=_keys(vocab, "names", "possessive"),
            glued=re.compile(r"^(%s)(?=\S)" % "|".join(
                re.escape(k) for k in sorted(_keys(vocab, "glued", "before_name"), key=len, reverse=True))),
            phrases={tuple(k.split()): kind for kind in vocab.table("phrases") for k in _keys(vocab, "phrases", kind)},
            total=frozenset(_keys(vocab, "rows", "total")),
            fillers=frozenset(_keys(vocab, "rows", "total_fillers")),
            subrow_words=_keys(vocab, "rows", "subrow", "words"),
            subrow_signs=_keys(vocab, "rows", "subrow", "signs"))
        _BUILT.clear()
        built = _BUILT[id(vocab)] = (vocab, words)
    _CURRENT[0] = built[1]
    return built[1]
