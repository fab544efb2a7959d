"""What a row label of a PSC report names, read from its keywords (data/vocabulary/psc_activity.toml)
when it is not one of the whole wordings listed there: the kind of consultation or case, and for a
referral the institution and the direction (from it to the centre, or from the centre to it),
which the section heading above may give ("Источники обращений", "Переадресация")."""
from __future__ import annotations

import re

from core.text import fold
from etl.sources.psc_words import CONSULT_KINDS, ID, IN_TARGETS, OUT_TARGETS, TARGETS, Words, words
from etl.vocabulary import vocabulary

_KAZAKH_LETTERS = re.compile("[әғқңөұүһіӘҒҚҢӨҰҮҺІ]")
_WORD = re.compile(r"[^\W\d_]+")


def classify(label: str, section: str | None = None, w: Words | None = None) -> tuple[str | None, str]:
    """(measure, why) for a row label; measure None with why "unknown", "ambiguous" or "total".

    ``section`` is the context given by the heading rows above: "in" (sources of referral),
    "out" (onward referrals), "consult" or None.
    """
    w = w or words()
    if type(label) is str:
        return w.remembered(("classify", label, section), lambda: _classify(label, section, w))
    return _classify(label, section, w)


def _classify(label, section: str | None, w: Words) -> tuple[str | None, str]:
    exact = w.vocab.match(label, "rows")
    if exact.name is not None:
        return exact.name, ""
    if exact.ambiguous:
        return None, "ambiguous"
    if w.vocab.is_ignored(label):  # a label a data manager marked "not a measure"
        return None, "form"
    text = fold(label)
    kazakh = bool(_KAZAKH_LETTERS.search(str(label)) or w.search("kazakh", text))
    # Mobile-group crisis responses first: "выезды мобильной группы по суицидальным случаям".
    if w.search("mobile_team", text) or (w.search("crisis", text) and w.search("response", text)):
        return "crisis_responses", ""
    case = _case(w, text)
    own_referral = bool(w.search("referral", text) or w.search("in_signal", text) or w.search("out_signal", text))
    # A case row under a referral heading ("Насилие в школе") is still a case; the label's own
    # referral words ("направлено в полицию по фактам насилия") make it a referral.
    if case is not None and not own_referral:
        return case
    referral = _referral(w, text, kazakh, section)
    if referral is not None:
        return referral
    if case is not None:
        return case
    if w.search("consult", text) or section == "consult":
        kinds = [m for m, name in CONSULT_KINDS.items() if w.search(name, text)]
        if kinds:
            return kinds[0], ""
        if w.search("consult", text):
            return None, "total"
    if w.search("served_alone", text) or (w.search("child", text) and (w.search("served", text)
                                                                       or w.search("total", text))):
        return "children_served", ""
    if w.search("total", text) and section in ("in", "out"):
        return None, "total"
    # A bare institution ("Школы", "Полиция") with no heading above it: a referral if its
    # direction can only be one way.
    late = _referral(w, text, kazakh, section, lenient=True)
    return late if late is not None else (None, "unknown")


def _case(w: Words, text: str) -> tuple[str | None, str] | None:
    if w.search("cyber", text):
        return "cases_cyberbullying", ""
    if w.search("bullying", text):
        return "cases_bullying", ""
    if w.search("violence", text):
        if w.search("violence_outside", text):
            return "cases_violence_outside", ""
        if w.search("violence_family", text):
            return "cases_violence_family", ""
        return None, "ambiguous"
    if w.search("suicidal", text):
        return "cases_suicidal", ""
    return None


def _referral(w: Words, text: str, kazakh: bool, section: str | None, *,
              lenient: bool = False) -> tuple[str | None, str] | None:
    targets = [(name, m.start(), m.end()) for name in TARGETS if (m := w.search(f"target_{name}", text))]
    if not targets:
        if section in ("in", "out") and w.search("total", text) and not w.search("child", text):
            return None, "total"
        return None
    # "Родители/законные представители" and "обратились самостоятельно" are one target each,
    # but a row naming two institutions ("в полицию и органы опеки") cannot be split.
    if not (lenient or w.search("referral", text) or section in ("in", "out") or w.search("in_signal", text)
            or w.search("out_signal", text)):
        return None
    direction = _direction(w, text, kazakh, targets[0][1], targets[0][2]) or section
    names = [t[0] for t in targets]
    if direction == "in":
        found = {IN_TARGETS[n] for n in names if n in IN_TARGETS}
    elif direction == "out":
        found = {OUT_TARGETS[n] for n in names if n in OUT_TARGETS}
    else:
        found = {IN_TARGETS[n] for n in names if n in IN_TARGETS and n not in OUT_TARGETS} | \
                {OUT_TARGETS[n] for n in names if n in OUT_TARGETS and n not in IN_TARGETS}
        if any(n in IN_TARGETS and n in OUT_TARGETS for n in names) and not found:
            return None, "ambiguous"
    if len(found) == 1:
        return found.pop(), ""
    if len(found) > 1:
        return None, "ambiguous"
    return None, "unknown"


def _direction(w: Words, text: str, kazakh: bool, start: int, end: int) -> str | None:
    """Whether the words around a target say it sent the child (in) or received it (out)."""
    if kazakh:
        for word in _WORD.findall(text[start:])[:3]:
            if w.from_ending.search(word):
                return "in"
            if w.to_ending.search(word) and len(word) > 4:
                return "out"
    signals = [(m.start(), "out") for m in w.finditer("out_signal", text)] + \
              [(m.start(), "in") for m in w.finditer("in_signal", text)]
    before = [s for s in signals if s[0] < start]
    if before:
        return max(before)[1]
    after = [s for s in signals if s[0] >= end]
    return min(after)[1] if after else None


def heading_section(label: str, current: str | None, w: Words | None = None) -> str | None:
    """The context a heading row sets for the rows below it."""
    w = w or words()
    text = fold(label)
    if w.whole("subrow", text.rstrip(" :")):
        return current
    out, into = w.search("out_signal", text), w.search("in_signal", text)
    if out and not into:
        return "out"
    if into and not out:
        return "in"
    if out and into:
        return "out" if out.start() < into.start() else "in"
    if w.search("consult", text) and not any(w.search(name, text) for name in CONSULT_KINDS.values()):
        return "consult"
    return None


def any_indicator(w: Words, text: str) -> bool:
    """Loose test used to find the label column: the cell mentions some indicator."""
    if type(text) is str:
        return w.remembered(("any", text), lambda: _any_indicator(w, text))
    return _any_indicator(w, text)


def _any_indicator(w: Words, text) -> bool:
    f = fold(text)
    return any(w.search(name, f) for name in ("consult", "bullying", "cyber", "violence", "suicidal", "crisis",
                                               "mobile_team", "served_alone", "referral")) \
        or bool(w.search("child", f) and w.search("served", f)) \
        or any(w.search(f"target_{name}", f) for name in TARGETS)


def closest(label: str, n: int = 3) -> list[str]:
    return vocabulary(ID).closest(label, "rows", n)
