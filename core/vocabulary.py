"""The agencies' wording as data: one TOML file per source in ``data/vocabulary/`` (or in the
folder ``$CPM_VOCABULARY`` names), which a data manager edits without touching the code.

A file holds tables of terms (``[measures.completed]``, ``[rows.referrals_in_police]``, ...). A
term lists its wordings by language (``ru``, ``kk``, ``en``; one entry per wording), words that
rule it out (``unless``) and the terms it gives way to when a heading names both
(``yields_to``: "Попытки суицида" names a suicide too, but it is a column of attempts). Wordings
are compared after ``core.text.fold``; a term matches a text that contains one of its wordings,
or (with ``exact = true``) that is one of them. A text that two terms match, neither giving way,
is ambiguous: the ETL refuses it rather than guess.

Keyword tables (``[keywords.<name>]``, read by parsers that weigh several words of a label, such
as the PSC report's sections and directions of referral) may also list wordings that count only
as a word of their own (``whole = ["вне", "мвд"]``) or only at the start of a word
(``starts = ["семейн"]``); ``signs`` lists marks that belong to no language ("%", "+/-"). In any wording "…" (or "...") stands for the rest of a word: "передан… в"
is "передано в", "переданы в" and so on.
"""
from __future__ import annotations

import difflib
import os
import re
import tomllib
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

from core.text import fold

REPO_ROOT = Path(__file__).resolve().parent.parent
DEFAULT_DIR = REPO_ROOT / "data" / "vocabulary"
DIR_ENV = "CPM_VOCABULARY"
LANGS = ("ru", "kk", "en")


class VocabularyError(ValueError):
    """A vocabulary file that cannot be used; the message names the file and the entry."""


WILDCARD = "…"
_LETTER_BEFORE = r"(?<![^\W\d_])"
_LETTER_AFTER = r"(?![^\W\d_])"


@dataclass(frozen=True)
class Wording:
    text: str
    lang: str
    key: str
    mode: str = ""  # "", "starts" (at the start of a word) or "whole" (a word of its own)

    @property
    def plain(self) -> bool:
        return not self.mode and WILDCARD not in self.key

    def pattern(self) -> str:
        body = re.escape(self.key).replace(re.escape(WILDCARD), r"\w*")
        if self.mode == "whole":
            return rf"(?<!\w){body}(?!\w)"
        if self.mode == "starts":
            return rf"(?<!\w){body}"
        if len(self.key.replace(WILDCARD, "")) <= 2:
            return rf"{_LETTER_BEFORE}{body}{_LETTER_AFTER}"
        return body


def compiled(words) -> re.Pattern:
    """One pattern for a list of wordings; one that can never match when the list is empty."""
    parts = [w.pattern() for w in words]
    return re.compile("|".join(parts) if parts else r"(?!x)x")


@dataclass(frozen=True)
class Term:
    name: str
    words: tuple[Wording, ...]
    unless: tuple[Wording, ...] = ()
    yields_to: tuple[str, ...] = ()
    exact: bool = False

    def hit(self, folded: str) -> Wording | None:
        if any(contains(folded, u.key) for u in self.unless):
            return None
        for w in self.words:
            if (folded == w.key) if self.exact else (contains(folded, w.key) if w.plain
                                                      else re.search(w.pattern(), folded)):
                return w
        return None


def contains(folded: str, key: str) -> bool:
    """A wording occurs in a text; one of one or two letters ("ұл", "qr") only as a word of its own."""
    if len(key) > 2:
        return key in folded
    return re.search(rf"(?<![^\W\d_]){re.escape(key)}(?![^\W\d_])", folded) is not None


@dataclass(frozen=True)
class Match:
    """What a text names: ``name`` when exactly one term, else None with the candidates."""
    name: str | None
    candidates: tuple[str, ...] = ()

    @property
    def ambiguous(self) -> bool:
        return self.name is None and len(self.candidates) > 1


@dataclass(frozen=True)
class DetectGroup:
    words: tuple[Wording, ...]
    required: bool = False


@dataclass(frozen=True)
class Vocabulary:
    source: str
    path: Path
    tables: dict[str, dict[str, Term]]
    ignore: tuple[Wording, ...]
    groups: tuple[DetectGroup, ...]
    unless: tuple[Wording, ...]
    minimum: int
    _patterns: dict = field(default_factory=dict, compare=False, repr=False)

    def pattern(self, table: str, name: str) -> re.Pattern:
        """The wordings of one term as a pattern to search a folded text with (positions matter
        to parsers that read the order of words). Excluding words are the caller's to check."""
        key = (table, name)
        if key not in self._patterns:
            term = self.table(table).get(name)
            if term is None:
                raise VocabularyError(f"{self.path}: no entry [{table}.{name}]")
            self._patterns[key] = compiled(term.words)
        return self._patterns[key]

    def table(self, name: str) -> dict[str, Term]:
        return self.tables.get(name, {})

    def match(self, text, table: str = "measures") -> Match:
        folded = fold(text)
        if not folded:
            return Match(None)
        hits = [t for t in self.table(table).values() if t.hit(folded) is not None]
        names = {t.name for t in hits}
        left = [t.name for t in hits if not names.intersection(t.yields_to)]
        if len(left) == 1:
            return Match(left[0], tuple(left))
        return Match(None, tuple(left))

    def is_ignored(self, text) -> bool:
        folded = fold(text)
        return bool(folded) and any(contains(folded, w.key) for w in self.ignore)

    def closest(self, text, table: str = "measures", n: int = 3) -> list[str]:
        """The known wordings nearest to ``text``, as written in the file, best first."""
        folded = fold(text)
        wordings = {w.key: w.text for t in self.table(table).values() for w in t.words}
        scored = sorted(wordings, key=lambda k: -difflib.SequenceMatcher(None, folded, k).ratio())
        return [wordings[k] for k in scored[:n]]

    def score(self, folded_text: str) -> int:
        """How strongly the top of a sheet (already folded) looks like this source: the number
        of keyword groups it mentions; 0 unless every required group and ``min`` groups are met
        and no excluding word appears."""
        if any(contains(folded_text, u.key) for u in self.unless):
            return 0
        hits = [any(contains(folded_text, w.key) for w in g.words) for g in self.groups]
        if not all(h for h, g in zip(hits, self.groups) if g.required) or sum(hits) < self.minimum:
            return 0
        return sum(hits)


def directory() -> Path:
    return Path(os.environ.get(DIR_ENV) or DEFAULT_DIR)


def vocabulary(source: str) -> Vocabulary:
    path = _path(os.environ.get(DIR_ENV) or "", source)  # parsers ask often: no pathlib on this path
    try:
        stamp = os.stat(path).st_mtime_ns
    except FileNotFoundError:
        raise VocabularyError(f"{path}: no vocabulary file for source {source!r}") from None
    return _load(path, stamp, source)


@lru_cache(maxsize=256)
def _path(folder: str, source: str) -> str:
    return os.path.join(folder or str(DEFAULT_DIR), f"{source}.toml")


def file_name(source: str) -> str:
    """Where a data manager adds a wording, as shown in messages."""
    path = directory() / f"{source}.toml"
    try:
        return str(path.relative_to(REPO_ROOT))
    except ValueError:
        return str(path)


def wordings(entry: dict, where: str) -> tuple[Wording, ...]:
    out = []
    for lang in LANGS:
        items = entry.get(lang, [])
        if isinstance(items, str) or not all(isinstance(i, str) and i.strip() for i in items):
            raise VocabularyError(f"{where}: {lang} must be a list of non-empty texts")
        out += [Wording(i, lang, key(i)) for i in items]
    for mode in ("signs", "starts", "whole"):
        items = entry.get(mode, [])
        if isinstance(items, str) or not all(isinstance(i, str) and i.strip() for i in items):
            raise VocabularyError(f"{where}: {mode} must be a list of non-empty texts")
        out += [Wording(i, "", key(i), "" if mode == "signs" else mode) for i in items]
    return tuple(out)


def key(text: str) -> str:
    """A wording as it is compared: folded, with "..." written as the one wildcard "…"."""
    return fold(text.replace("...", WILDCARD))


@lru_cache(maxsize=64)
def _load(path: str, stamp: int, source: str) -> Vocabulary:
    with open(path, "rb") as fh:
        try:
            data = tomllib.load(fh)
        except tomllib.TOMLDecodeError as exc:
            raise VocabularyError(f"{path}: {exc}") from None
    tables: dict[str, dict[str, Term]] = {}
    base = data.pop("measures_from", None)
    if base:
        tables["measures"] = dict(vocabulary(base).table("measures"))
    for table, terms in data.items():
        if table in ("detect", "ignore") or not isinstance(terms, dict):
            continue
        for name, entry in terms.items():
            where = f"{path}: [{table}.{name}]"
            unknown = set(entry) - {*LANGS, "unless", "yields_to", "exact", "signs", "starts", "whole"}
            if unknown:
                raise VocabularyError(f"{where}: unknown field(s) {', '.join(sorted(unknown))}")
            words = wordings(entry, where)
            if not words:
                raise VocabularyError(f"{where}: no wording in ru, kk or en")
            unless = tuple(Wording(u, "", fold(u)) for u in entry.get("unless", []))
            tables.setdefault(table, {})[name] = Term(name, words, unless, tuple(entry.get("yields_to", [])),
                                                      bool(entry.get("exact", False)))
    for table, terms in tables.items():
        for term in terms.values():
            for other in term.yields_to:
                if other not in terms:
                    raise VocabularyError(f"{path}: [{table}.{term.name}] yields to unknown {other!r}")
    detect = data.get("detect", {})
    groups = tuple(DetectGroup(wordings(g, f"{path}: [detect.group]"), bool(g.get("required", False)))
                   for g in detect.get("group", []))
    return Vocabulary(source, Path(path), tables, wordings(data.get("ignore", {}), f"{path}: [ignore]"), groups,
                      tuple(Wording(u, "", fold(u)) for u in detect.get("unless", [])), int(detect.get("min", 1)))
