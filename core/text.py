"""One way of folding the agencies' wording before it is compared with the vocabulary.

Hand-typed tables differ in case, spacing, "ё"/"е", dashes and Kazakh letters (often typed as
their nearest Russian ones: "кантар" for "қаңтар"), and number their rows ("2.1.", "4)"); none
of that changes what a heading or a row label means.

``fold`` is the one the vocabulary is compared with. Two variants share its tables:
``fold_letters`` keeps row numbering and footnote marks, for text whose numbers and marks are
part of what it says (a period: "I. полугодие", "01.11.2024*"), and ``fold_loose`` also folds
the letters that are typed for one another in names ("й", the dotless "ı" and "і" all as
"и"), for near matches of region names. Every variant keeps the length of a word, so a
position found in the folded word is the same in the word as written.
"""
from __future__ import annotations

import re
from functools import lru_cache

KAZAKH_TO_RUSSIAN = str.maketrans("әғқңөұүһіӘҒҚҢӨҰҮҺІ", "агкноуухиАГКНОУУХИ")
_OTHER = str.maketrans({"ё": "е", "Ё": "е", "‐": "-", "‑": "-", "‒": "-", "–": "-", "—": "-", "―": "-", "−": "-",
                        "\u00a0": " ", "\u202f": " ", "\u2009": " ", "\u2007": " "})
_LOOSE = str.maketrans("йı", "ии")
_NUMBERING = re.compile(r"^\s*(?:\(?\d{1,2}(?:\.\d{1,2})*[.)]|\(?[ivx]{1,4}[.)]|[а-еa-e]\))(?=\s|[^\W\d_])\s*")
_FOOTNOTE = re.compile(r"[\s*¹²³⁴⁵⁶⁷⁸⁹]+$")


# A file's few hundred labels are folded again and again (each against every wording); a label is
# folded once per process instead.
_FOLDED = 1 << 16


def fold_letters(text) -> str:
    """Lower-case text with spaces, dashes, "ё" and Kazakh letters folded; nothing removed."""
    if type(text) is str:
        return _fold_letters(text)
    if text is None:
        return ""
    if isinstance(text, float) and text.is_integer():
        text = int(text)
    return _fold_letters(str(text))


@lru_cache(maxsize=_FOLDED)
def _fold_letters(text: str) -> str:
    return " ".join(text.translate(_OTHER).translate(KAZAKH_TO_RUSSIAN).lower().split())


def fold_loose(text) -> str:
    """``fold_letters`` with "й" and the dotless "ı" read as "и" too."""
    return fold_letters(text).translate(_LOOSE)


def fold(text) -> str:
    """Lower-case text with spaces, dashes, "ё" and Kazakh letters folded, row numbering and
    trailing footnote marks removed."""
    return _fold(fold_letters(text))


@lru_cache(maxsize=_FOLDED)
def _fold(folded: str) -> str:
    return _FOOTNOTE.sub("", _NUMBERING.sub("", folded))
