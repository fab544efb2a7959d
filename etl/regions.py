"""Find which of the 20 first-level units a spreadsheet row label names.

Agencies write the same region many ways (Russian, Kazakh, English, abbreviations, codes, old
names). The reference lives in ``data/reference/regions.csv`` and ``region_aliases.csv`` so that
an analyst can add a spelling without touching code.
"""
from __future__ import annotations

import csv
import difflib
import re
import unicodedata
from dataclasses import dataclass
from datetime import date, datetime
from functools import lru_cache

from core.regions import REFERENCE_DIR, Region, _by_code, load_regions, region_by_code  # noqa: F401
from core.text import fold, fold_letters, fold_loose
from etl.messages import N_, error, warning
from etl.region_words import current as current_words, region_words
# The only reform in scope: Abai, Zhetisu and Ulytau were created by the decree of 8 June 2022.
CREATION_DATES = {2022: date(2022, 6, 8)}
# Pre-reform aliases that name a unit with different borders from today's.
BORDER_NOTES = {
    "KZ-61": N_('"{label}" is the former South Kazakhstan Region, which also contained Shymkent '
                'until June 2018; its figures are not comparable with Turkestan Region alone'),
}


@dataclass(frozen=True)
class Resolution:
    kind: str  # "region" | "total" | "subrow" | "unknown" | "blank"
    code: str | None = None
    messages: tuple = ()
    suggestions: tuple = ()


@dataclass(frozen=True)
class _Entry:
    code: str
    marker: str | None  # kind the indexed spelling itself announced ("oblast"/"city"), if any
    valid_from: date | None = None
    valid_to: date | None = None


# --- normalisation -------------------------------------------------------------------------
_DROP = re.compile("[\u200b\u200c\u200d\u2060\ufeff\u00ad\"'«»“”„‟‘’‚‛`´ʼ]")
_HYPHEN = re.compile(r"\s*[-\u2010\u2011\u2012\u2013\u2014\u2015\u2212\u2043]\s*")
_FOOTNOTE = re.compile(r"(?:\s*(?:\*+|[¹²³⁴⁵⁶⁷⁸⁹⁰]+\)?|\(\s*(?:\d{1,2}|\*+)\s*\)|(?<=\D)\d{1,2}\)|(?<=[^\W\d_])\d))+$")
_FOOTNOTE_END = set("*)¹²³⁴⁵⁶⁷⁸⁹⁰0123456789")
_EXOTIC = re.compile("[^\x00-\x7f\u0410-\u044f]")
_SEPARATORS = re.compile(r"[\s\-.]")


_ROW_NUMBER = re.compile(r"^\d{1,2}\s*[.)]\s*(?=[^\d\s])")


def _clean(text: str) -> str:
    """Case, spacing, dash, quote and footnote differences removed; kind markers still present."""
    s = " ".join(_DROP.sub("", text).split())
    s = _ROW_NUMBER.sub("", s)  # "1. Акмолинская область", "12) г. Астана"
    if s and s[-1] in _FOOTNOTE_END:
        s = _FOOTNOTE.sub("", s)
    return fold_letters(_HYPHEN.sub("-", s).strip(" :;,."))


def _split_marker(s: str) -> tuple[str, str | None]:
    """Strip an oblast/city word at either end, remembering which kind it announced."""
    words_of = current_words()
    words = words_of.glued.sub(r"\1 ", s, count=1).split(" ")
    kinds = []
    for phrase, kind in words_of.phrases.items():  # "city of almaty"
        if len(words) > len(phrase) and tuple(words[:len(phrase)]) == phrase:
            kinds.append(kind)
            del words[:len(phrase)]
            break
    markers = words_of.markers
    if len(words) > 1 and (kind := markers.get(fold(words[0].rstrip(".")))):
        kinds.append(kind)
        del words[0]
    if len(words) > 1 and (kind := markers.get(fold(words[-1].strip("().")))):
        kinds.append(kind)
        del words[-1]
    marker = None if not kinds else kinds[0] if len(set(kinds)) == 1 else "conflict"
    return " ".join(words).strip(" ."), marker


def _fold(s: str) -> str:
    # Kazakh letters have no Unicode decomposition, so they are folded as everywhere (core.text);
    # decomposing the rest (Latin diacritics) is slow and only done when such a letter is present.
    s = fold_loose(s)
    if _EXOTIC.search(s):
        s = "".join(c for c in unicodedata.normalize("NFKD", s) if not unicodedata.combining(c))
    return _SEPARATORS.sub("", s)


@lru_cache(maxsize=1)
def _index() -> tuple[dict, dict, dict]:
    """Exact and folded spelling -> entries, and folded spelling -> codes for suggestions."""
    spellings: list[tuple[str, tuple | None, str]] = []
    for r in _by_code().values():
        for name in (r.code, r.kato, r.kato[:2], r.name_en, r.name_ru, r.name_kk):
            spellings.append((name, None, r.code))
    with (REFERENCE_DIR / "region_aliases.csv").open(encoding="utf-8", newline="") as fh:
        for a in csv.DictReader(fh):
            validity = tuple(date.fromisoformat(a[k]) if a[k] else None for k in ("valid_from", "valid_to"))
            spellings.append((a["alias"], validity, a["region_code"]))
    exact: dict[str, list[_Entry]] = {}
    folded: dict[str, list[_Entry]] = {}
    for name, validity, code in spellings:
        core, marker = _split_marker(_clean(name))
        entry = _Entry(code, marker, *(validity or (None, None)))
        exact.setdefault(core, []).append(entry)
        folded.setdefault(_fold(core), []).append(entry)
    near = {key: tuple(dict.fromkeys(e.code for e in entries)) for key, entries in folded.items()}
    return exact, folded, near


def _choose(entries: list[_Entry], marker: str | None) -> list[_Entry]:
    """Entries of the one region the label means, or [] if it stays ambiguous."""
    if not entries:
        return entries
    kinds = _by_code()
    if marker:
        entries = [e for e in entries if kinds[e.code].kind == marker]
    else:
        # A bare name is the official name of a city ("Алматы") but only a short form of an
        # oblast, so spellings indexed without a marker win, and a city beats an oblast.
        entries = [e for e in entries if e.marker is None] or \
            [e for e in entries if kinds[e.code].kind == "city"] or entries
    return entries if len({e.code for e in entries}) == 1 else []


def _period_text(start: date | None, end: date | None) -> str:
    if start and end:
        if (start.month, start.day, end.month, end.day) == (1, 1, 12, 31):
            return str(start.year) if start.year == end.year else f"{start.year}-{end.year}"
        return f"{start.isoformat()} – {end.isoformat()}"
    return (start or end).isoformat()


def _as_text(label) -> str | None:
    # NaN, pandas.NA and NaT are what an empty spreadsheet cell becomes once read by pandas.
    if label is None or (isinstance(label, float) and label != label) \
            or type(label).__name__ in ("NAType", "NaTType"):
        return None
    if isinstance(label, float) and label.is_integer():
        return str(int(label))
    return str(label)


def resolve(label, *, period_start: date | None = None, period_end: date | None = None,
            indented: bool = False) -> Resolution:
    text = _as_text(label)
    if text is None:
        return Resolution("blank")
    # datetime (and pandas.Timestamp) cannot be compared with date, so reduce them to dates.
    start, end = (d.date() if isinstance(d, datetime) else d for d in (period_start, period_end))
    return _resolve_text(text, start, end, indented)


_SEEN: list = [None]


def refresh_words() -> None:
    """Read data/vocabulary/regions.toml again if it changed (once per file parsed, not per label)
    and forget the labels resolved with the old words, so that an edited wording takes effect."""
    words = region_words()
    if words is not _SEEN[0]:
        _SEEN[0] = words
        _resolve_text.cache_clear()
        _index.cache_clear()


def is_total_label(label) -> bool:
    return resolve(label).kind == "total"


@lru_cache(maxsize=65536)  # labels repeat on every sheet; a cache makes batches near-free
def _resolve_text(text: str, start: date | None, end: date | None, indented: bool) -> Resolution:
    cleaned = _clean(text)
    if not cleaned:
        return Resolution("blank")
    words_of = current_words()
    if words_of.is_subrow(fold(cleaned)):
        return Resolution("subrow")
    shown = " ".join(text.split())
    core, marker = _split_marker(cleaned)
    exact, folded, _ = _index()
    entries = _choose(exact.get(core, []), marker) or _choose(folded.get(_fold(core), []), marker)
    if entries:
        return _region_resolution(shown, entries, start, end)
    words = set(re.split(r"\W+", fold(cleaned))) - {""}
    if words and words <= words_of.total | words_of.fillers and words & words_of.total:
        return Resolution("total")
    if indented or text[:1].isspace():
        return Resolution("subrow")
    return _unknown(shown, _fold(core), marker)


def _region_resolution(shown: str, entries: list[_Entry], start: date | None, end: date | None) -> Resolution:
    region = _by_code()[entries[0].code]
    period = _period_text(start, end) if (start or end) else None
    created = CREATION_DATES.get(region.created) if region.created else None
    last = end or start
    if created and last and last < created:
        return Resolution("unknown", messages=(error(
            N_('region "{label}" did not exist in {period}: it was created on 8 June 2022'),
            label=shown, period=period),))
    if any(e.valid_to is None and e.valid_from is None for e in entries):
        return Resolution("region", region.code)
    # Only time-bounded aliases matched: an outdated name is still readable, but say so.
    first = start or end
    if first and all(e.valid_to and e.valid_to < first for e in entries):
        msgid = N_('region name "{label}" was no longer in use in {period}; it is read as {name}')
    elif last and all(e.valid_from and e.valid_from > last for e in entries):
        msgid = N_('region name "{label}" was not yet in use in {period}; it is read as {name}')
    else:
        note = BORDER_NOTES.get(region.code)
        return Resolution("region", region.code, (warning(note, label=shown),) if note else ())
    return Resolution("region", region.code, (warning(msgid, label=shown, period=period, name=region.name_ru),))


def _unknown(shown: str, key: str, marker: str | None) -> Resolution:
    _, _, near = _index()
    regions = _by_code()
    codes: list[str] = []
    for match in difflib.get_close_matches(key, list(near), n=10, cutoff=0.6):
        # Within one spelling, show first the unit of the kind the label asked for.
        for code in sorted(near[match], key=lambda c: regions[c].kind != marker):
            if code not in codes:
                codes.append(code)
    names = tuple(regions[c].name_ru for c in codes[:3])
    if not names:
        return Resolution("unknown", messages=(error(N_('region "{label}" is not known'), label=shown),))
    return Resolution("unknown", messages=(error(N_('region "{label}" is not known (closest: {closest})'),
                                                 label=shown, closest=", ".join(names)),), suggestions=names)
