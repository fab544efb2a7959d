"""Find the region a piece of free text names: a report title, a "Регион:" cell, a sheet name.

Titles name the region inside a sentence and usually in an inflected form: "Отчет ЦПП
Акмолинской области за март 2025 года", "ЦПП г. Астаны", "Ақмола облысының ПҚО есебі",
"PSC Akmola Region: activity report". The reference spellings (etl.regions) are nominative, so the
text is cut into words, runs of one to four words are turned back towards the nominative
("Акмолинской области" -> "Акмолинская область", "облысының" -> "облысы", "Астаны" -> "Астана")
and every variant is given to ``etl.regions.resolve``. The longest run that names a region wins,
so "Алматы облысы" is the oblast and never the city "Алматы" inside it.

Only runs made of words that could belong to a region name (their first letters match a word of
some reference spelling) or of kind words ("область", "г.", "облысы", ...) are tried: resolving an
unknown label is slow, and almost every word of a title is not a region.
"""
from __future__ import annotations

import csv
import itertools
import re
from dataclasses import dataclass, replace
from datetime import date
from functools import lru_cache

from core.text import fold_letters
from etl import regions
from etl.region_words import current as current_words

MAX_WORDS = 4
MAX_VARIANTS = 48  # per run of words; a title never needs more

# A word: letters/digits with inner hyphens or apostrophes, and a trailing dot for "г." / "обл.".
_WORD = re.compile(r"[^\W_](?:[\w'’\-]*[^\W_])?\.?")
# Kind words ("обл.", "облысы"), the forms their inflections stand for, and the Kazakh and Russian
# case endings are in data/vocabulary/regions.toml (etl.region_words).


@dataclass(frozen=True)
class RegionMention:
    """A region named in a text: its code, the words as written, and how they were resolved."""

    code: str
    words: str
    variant: str
    start: int  # character offsets of the words in the text
    end: int
    resolution: regions.Resolution


def _is_kind_word(folded: str) -> bool:
    words = current_words()
    return folded in words.kind_words or folded.startswith(words.kind_stems)


@lru_cache(maxsize=1)
def _name_words() -> tuple[frozenset, frozenset]:
    """(4-letter prefixes of long words, short words) of every reference spelling."""
    spellings = []
    for r in regions.load_regions():
        spellings += [r.name_en, r.name_ru, r.name_kk]
    path = regions.REFERENCE_DIR / "region_aliases.csv"
    if path.exists():
        with path.open(encoding="utf-8", newline="") as fh:
            spellings += [row["alias"] for row in csv.DictReader(fh)]
    prefixes, short = set(), set()
    for spelling in spellings:
        for m in _WORD.finditer(spelling):
            folded = fold_letters(m.group()).rstrip(".")
            if _is_kind_word(folded) or folded.isdigit():
                continue
            if len(folded) <= 3:
                short.add(folded)
            else:
                prefixes.add(folded[:4])
    return frozenset(prefixes), frozenset(short)


def _could_be_name(folded: str) -> bool:
    folded = folded.rstrip(".")
    if folded.isdigit() or len(folded) < 2:
        return False
    if re.fullmatch(r"kz-\d\d", folded):
        return True
    prefixes, short = _name_words()
    return folded in short if len(folded) <= 3 else folded[:4] in prefixes


def word_variants(word: str) -> list[str]:
    """The word as written and the nominative forms it may stand for (lower case)."""
    w = word.lower()
    f = fold_letters(w)
    out = [w]

    def add(*forms):
        for form in forms:
            if form and form not in out:
                out.append(form)

    words = current_words()
    form = next((form for stem, form in words.kind_forms if f.startswith(stem)), None)
    add(form)
    if _is_kind_word(f):
        return out
    for possessive in words.possessive:
        if w.endswith(possessive):
            add(w[:-len(possessive)])
    # Kazakh case endings, sometimes after a hyphen ("Алматы-ның", "ПҚО-ның").
    if "-" in w:
        head, _, tail = w.rpartition("-")
        if fold_letters(tail) in words.case_endings:
            add(head)
    for suffix in words.case_endings:
        if f.endswith(suffix) and len(f) - len(suffix) >= 4:
            add(w[:-len(suffix)])
    # Russian adjective and noun endings back to the nominative.
    for ending, nominative in words.nominative:
        if w.endswith(ending) and len(w) - len(ending) >= 3:
            add(w[:-len(ending)] + nominative)
    return out


def find_regions(text, *, period_start: date | None = None, period_end: date | None = None) -> list[RegionMention]:
    """Every region the text names, in order, each once per place it is named.

    Words are matched without dates, so that a region that did not yet exist is still found; the
    kept mentions are then resolved for the period, so that an outdated name carries its warning
    and a region that did not exist yet its error (``resolution.kind`` is then "unknown", while
    ``code`` still says which region the words name).
    """
    if text is None:
        return []
    text = str(text)
    words = [(m.group(), m.start(), m.end()) for m in _WORD.finditer(text)]
    if not words:
        return []
    folded = [fold_letters(w) for w, _, _ in words]
    kinds = [_is_kind_word(f) for f in folded]
    names = [(not k) and _could_be_name(f) for f, k in zip(folded, kinds)]
    found = []  # (length, start index, mention)
    for i in range(len(words)):
        for n in range(1, MAX_WORDS + 1):
            j = i + n
            if j > len(words):
                break
            if not all(names[k] or kinds[k] for k in range(i, j)):
                break
            if not any(names[i:j]):
                continue
            mention = _resolve_run(text, words[i:j])
            if mention is not None:
                found.append((n, i, mention))
    chosen: list[tuple[int, int, RegionMention]] = []
    for n, i, mention in sorted(found, key=lambda f: (-f[0], f[1])):
        if all(i + n <= ci or i >= ci + cn for cn, ci, _ in chosen):
            chosen.append((n, i, mention))
    result = []
    for _, _, mention in sorted(chosen, key=lambda c: c[1]):
        dated = regions.resolve(mention.variant, period_start=period_start, period_end=period_end)
        # Messages quote the words as the text has them, not the nominative variant resolved.
        dated = replace(dated, messages=tuple(
            replace(m, params={**m.params, "label": mention.words}) if "label" in m.params else m
            for m in dated.messages))
        result.append(RegionMention(mention.code, mention.words, mention.variant, mention.start, mention.end, dated))
    return result


def _resolve_run(text: str, run: list[tuple[str, int, int]]) -> RegionMention | None:
    variants = [word_variants(w) for w, _, _ in run]
    for combo in itertools.islice(itertools.product(*variants), MAX_VARIANTS):
        candidate = " ".join(combo)
        res = regions.resolve(candidate)
        if res.kind == "region":
            start, end = run[0][1], run[-1][2]
            return RegionMention(res.code, text[start:end], candidate, start, end, res)
    return None


def find_region(text, *, period_start: date | None = None, period_end: date | None = None) -> str | None:
    """The one region code the text names, or None when it names none or several."""
    codes = {m.code for m in find_regions(text, period_start=period_start, period_end=period_end)}
    return codes.pop() if len(codes) == 1 else None
