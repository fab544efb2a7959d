"""The words of reporting periods (data/vocabulary/periods.toml) as the pieces of regular
expression that core.periods' grammar combines, built once for each version of the file.

A wording is a whole word there: it matches only where no letter stands right before or after
it, and "…" stands for the rest of a word (letters only, so "январ…" never eats the year of
"январь2025").
"""
from __future__ import annotations

import re
from dataclasses import dataclass

from core.vocabulary import WILDCARD, Term, Vocabulary, VocabularyError, vocabulary

SOURCE = "periods"
REST_OF_WORD = r"[^\W\d_]*"
_NO_LETTER_BEFORE, _NO_LETTER_AFTER = r"(?<![^\W\d_])", r"(?![^\W\d_])"


def word_pattern(key: str) -> str:
    """One folded wording as a pattern: "…" the rest of a word, a space any spacing."""
    body = re.escape(key).replace(WILDCARD, REST_OF_WORD).replace(r"\ ", r"\s*")
    if key[:1].isalpha():
        body = _NO_LETTER_BEFORE + body
    if key[-1:].isalpha():
        body += _NO_LETTER_AFTER
    return body


def _keys(*terms: Term) -> list[str]:
    return sorted({w.key for term in terms for w in term.words}, key=lambda k: (-len(k), k))


def any_of(*terms: Term) -> str:
    """The wordings of the terms as one group, longest first."""
    keys = _keys(*terms)
    return "(?:" + "|".join(word_pattern(k) for k in keys) + ")" if keys else r"(?!x)x"


@dataclass(frozen=True, eq=False)  # compared by identity: one object per version of the file
class PeriodWords:
    month: str  # any month name
    months: tuple[re.Pattern, ...]  # the names of January, February, ... each as a whole text
    ordinal: str
    ordinals: dict[int, re.Pattern]
    unit: str  # a quarter or a half-year
    abbreviation: str  # "q" of "Q3", "h" of "H1"
    half: re.Pattern  # a unit or abbreviation that is a half-year
    months_word: str
    year_word: str
    school_year: str
    ordinal_ending: str
    count_ending: str
    day_ending: str
    from_: str
    to: str
    of: str
    same_period: re.Pattern
    previous: re.Pattern
    current: re.Pattern
    provisional: re.Pattern
    filler: frozenset[str]
    preferred: tuple[re.Pattern, ...]  # the word before the period a title is "for", then "as of"


def _term(vocab: Vocabulary, table: str, name: str) -> Term:
    term = vocab.table(table).get(name)
    if term is None:
        raise VocabularyError(f"{vocab.path}: no entry [{table}.{name}]")
    return term


def _build(vocab: Vocabulary) -> PeriodWords:
    def t(table: str, *names: str) -> list[Term]:
        return [_term(vocab, table, n) for n in names]

    def whole(*terms: Term) -> re.Pattern:
        return re.compile(any_of(*terms))

    months = t("months", *(str(n) for n in range(1, 13)))
    ordinals = t("ordinals", "1", "2", "3", "4")
    quarter, half = t("units", "quarter", "half")
    q, h = t("abbreviations", "quarter", "half")
    return PeriodWords(
        month=any_of(*months),
        months=tuple(whole(m) for m in months),
        ordinal=any_of(*ordinals),
        ordinals={n: whole(o) for n, o in enumerate(ordinals, 1)},
        unit=any_of(quarter, half),
        abbreviation=any_of(q, h),
        half=whole(half, h),
        months_word=any_of(*t("words", "months")),
        year_word=any_of(*t("words", "year")),
        school_year=any_of(*t("words", "school_year")),
        ordinal_ending=any_of(*t("endings", "ordinal")),
        count_ending=any_of(*t("endings", "count")),
        day_ending=any_of(*t("endings", "day")),
        from_=any_of(*t("connectors", "from")),
        to=any_of(*t("connectors", "to")),
        of=any_of(*t("connectors", "of")),
        same_period=whole(*t("relative", "same_period")),
        previous=whole(*t("relative", "previous")),
        current=whole(*t("relative", "current")),
        provisional=whole(*t("flags", "provisional")),
        filler=frozenset(word for k in _keys(*t("words", "filler")) for word in k.split()),
        preferred=tuple(re.compile(rf"(?<!\w){any_of(p)}\s*$") for p in t("prepositions", "for", "as_of")),
    )


_BUILT: dict[int, tuple[Vocabulary, PeriodWords]] = {}


def period_words() -> PeriodWords:
    """The words as the vocabulary file has them now (read again when it changed)."""
    vocab = vocabulary(SOURCE)
    built = _BUILT.get(id(vocab))
    if built is None or built[0] is not vocab:
        _BUILT.clear()
        built = _BUILT[id(vocab)] = (vocab, _build(vocab))
    return built[1]
