"""One way of folding the agencies' wording before it is compared with the vocabulary.

Hand-typed tables differ in case, spacing, "ё"/"е", dashes and Kazakh letters (often typed as
their nearest Russian ones: "кантар" for "қаңтар"), and number their rows ("2.1.", "4)"); none
of that changes what a heading or a row label means.
"""
from __future__ import annotations

import re

KAZAKH_TO_RUSSIAN = str.maketrans("әғқңөұүһіӘҒҚҢӨҰҮҺІ", "агкноуухиАГКНОУУХИ")
_OTHER = str.maketrans({"ё": "е", "Ё": "е", "‐": "-", "‑": "-", "‒": "-", "–": "-", "—": "-", "―": "-", "−": "-",
                        "\u00a0": " ", "\u202f": " ", "\u2009": " ", "\u2007": " "})
_NUMBERING = re.compile(r"^\s*(?:\(?\d{1,2}(?:\.\d{1,2})*[.)]|\(?[ivx]{1,4}[.)]|[а-еa-e]\))(?=\s|[^\W\d_])\s*")
_FOOTNOTE = re.compile(r"[\s*¹²³⁴⁵⁶⁷⁸⁹]+$")


def fold(text) -> str:
    """Lower-case text with spaces, dashes, "ё" and Kazakh letters folded, row numbering and
    trailing footnote marks removed."""
    if text is None:
        return ""
    if isinstance(text, float) and text.is_integer():
        text = int(text)
    text = str(text).translate(_OTHER).translate(KAZAKH_TO_RUSSIAN).lower()
    text = " ".join(text.split())
    text = _NUMBERING.sub("", text)
    return _FOOTNOTE.sub("", text)
