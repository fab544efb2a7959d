"""The keywords of the PSC report (data/vocabulary/psc_activity.toml, ``[keywords.*]``,
``[suffixes.*]`` and ``[headings.*]``) as patterns, built once for each version of the file."""
from __future__ import annotations

import re

from etl.vocabulary import Vocabulary, compiled, vocabulary

ID = "psc_activity"
CONSULT_KINDS = {  # tried in this order (see the vocabulary)
    "consultations_online": "consult_online",
    "consultations_group": "consult_group",
    "consultations_family": "consult_family",
    "consultations_in_person": "consult_in_person",
}
TARGETS = ("school", "111", "police", "parents", "self", "health", "guardianship")
IN_TARGETS = {"school": "referrals_in_school", "111": "referrals_in_111", "police": "referrals_in_police",
              "parents": "referrals_in_parents", "self": "referrals_in_self"}
OUT_TARGETS = {"police": "referrals_out_police", "health": "referrals_out_health",
               "guardianship": "referrals_out_guardianship"}


REMEMBERED = 1 << 16


class Words:
    """Search folded text for one keyword entry (its excluding words checked first)."""

    def __init__(self, vocab: Vocabulary):
        self.vocab = vocab
        self._terms = {}
        for table in ("keywords", "headings"):
            for name, term in vocab.table(table).items():
                self._terms[f"{table}.{name}"] = (compiled(term.words), compiled(term.unless) if term.unless else None,
                                                  term)
        self.from_ending = _endings(vocab, "from")
        self.to_ending = _endings(vocab, "to")
        self._remembered: dict = {}

    def remembered(self, key, work):
        """``work()``, once per key for this version of the vocabulary: a report's labels are
        the same few dozen wordings in every file of a batch."""
        if key not in self._remembered:
            if len(self._remembered) >= REMEMBERED:
                self._remembered.clear()
            self._remembered[key] = work()
        return self._remembered[key]

    def search(self, name: str, text: str) -> re.Match | None:
        """``name`` is a keyword ("consult") or a heading ("headings.value")."""
        rx, unless, _ = self._terms[name if "." in name else f"keywords.{name}"]
        if unless is not None and unless.search(text):
            return None
        return rx.search(text)

    def finditer(self, name: str, text: str):
        return self._terms[f"keywords.{name}"][0].finditer(text)

    def whole(self, name: str, text: str) -> bool:
        """The text is one of the entry's wordings (for ``exact`` entries such as sub-headings)."""
        return self._terms[f"keywords.{name}"][2].hit(text) is not None


def _endings(vocab: Vocabulary, name: str) -> re.Pattern:
    term = vocab.table("suffixes").get(name)
    keys = sorted({w.key for w in term.words}, key=len, reverse=True) if term else []
    return re.compile(f"(?:{'|'.join(map(re.escape, keys))})$" if keys else r"(?!x)x")


_BUILT: dict[int, Words] = {}


def words() -> Words:
    """The patterns for the vocabulary as it is now (rebuilt when the file changes)."""
    vocab = vocabulary(ID)
    built = _BUILT.get(id(vocab))
    if built is None or built.vocab is not vocab:
        _BUILT.clear()
        built = _BUILT[id(vocab)] = Words(vocab)
    return built
