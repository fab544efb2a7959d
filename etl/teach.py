"""A data manager teaches the ETL a wording: an unknown heading or row label becomes a wording of
one of the source's measures (or a label to ignore, "not a measure"), written into the source's
vocabulary file (``etl.vocabulary``) with who taught it and when.

The file is edited with tomlkit, which keeps its comments and layout, so it stays the readable file
a person maintains. Each taught wording is added to its term's list in its language and recorded
in a ``[[taught]]`` entry (which the vocabulary reader skips). The file is replaced in one rename,
and is checked by the vocabulary reader before it replaces the old one.
"""
from __future__ import annotations

import re
from datetime import datetime, timezone
from pathlib import Path

import tomlkit

from core.text import fold
from etl.figures import Use
from etl.originals import write_atomically
from etl.periods import parse_period
from etl.pipeline import FileOutcome
from etl.vocabulary import VocabularyError, _load, directory, vocabulary

NOT_A_MEASURE = ""  # the choice "not a measure": the wording is added to the labels to ignore
_KAZAKH = re.compile(r"[әғқңөұүһіӘҒҚҢӨҰҮҺІ]")
_CYRILLIC = re.compile(r"[а-яА-ЯёЁ]")


def unknown_labels(outcome: FileOutcome) -> list[Use]:
    """The columns and rows of a checked file that the vocabulary did not know."""
    return [u for u in outcome.parsed.ignored if u.why == "unknown"]


def wording(label: str) -> str:
    """What to teach of a label as shown: a heading's own (lowest) line that is not a period
    ("Самоповреждения / 2024" teaches "Самоповреждения"), never the group above it."""
    lines = [line.strip() for line in label.split(" / ") if line.strip()]
    for line in reversed(lines):
        if parse_period(line) is None and not line.replace(".", "").isdigit():
            return line
    return lines[-1] if lines else ""


def language(text: str) -> str:
    if _KAZAKH.search(text):
        return "kk"
    return "ru" if _CYRILLIC.search(text) else "en"


def table_of(source: str) -> str:
    """Where a source's labels are named: a report read by rows (PSC activity) names its
    indicators in ``rows``, a region table its columns in ``measures``."""
    return "rows" if vocabulary(source).table("rows") else "measures"


def choices(source: str) -> list[str]:
    """The measures a label of this source can be taught as."""
    return sorted(vocabulary(source).table(table_of(source)))


def teach(source: str, label: str, measure: str, user: str | None, *, when: datetime | None = None) -> Path:
    """Add ``label``'s wording to ``measure`` of ``source`` (or to the ignored labels when
    ``measure`` is NOT_A_MEASURE); returns the vocabulary file written. Callers serialise it with
    the load lock, as two data managers may teach at once."""
    text = wording(label)
    if not fold(text):
        raise VocabularyError(f"{label!r}: nothing to teach")
    table = table_of(source)
    if measure != NOT_A_MEASURE and measure not in choices(source):
        raise VocabularyError(f"{source}: {measure!r} is not one of its measures")
    path = _file_for(source, table)
    original = path.read_text(encoding="utf-8")
    doc = tomlkit.parse(original)
    lang = language(text)
    if measure == NOT_A_MEASURE:
        entry = doc.setdefault("ignore", tomlkit.table())
    else:
        entry = doc[table][measure]
    words = entry.setdefault(lang, tomlkit.array())
    if fold(text) not in {fold(w) for w in words}:
        words.append(text)
    when = (when or datetime.now(timezone.utc)).replace(microsecond=0)
    record = tomlkit.table()
    record.update({"wording": text, "lang": lang, "source": source,
                   "measure": measure or "not a measure", "by": user or "unknown",
                   "at": when.strftime("%Y-%m-%dT%H:%M:%SZ")})
    doc.setdefault("taught", tomlkit.aot()).append(record)
    written = tomlkit.dumps(doc)
    _check(path, written, source)
    write_atomically(path, [written.encode("utf-8")])
    return path


def _file_for(source: str, table: str) -> Path:
    """The file that holds the source's terms: a source that borrows another's measures
    (``measures_from``) is taught in that one, or its own copy would hide the borrowed wordings."""
    path = directory() / f"{source}.toml"
    base = tomlkit.parse(path.read_text(encoding="utf-8")).get("measures_from")
    return directory() / f"{base}.toml" if base and table == "measures" else path


def _check(path: Path, text: str, source: str) -> None:
    """Read the new text with the vocabulary reader before it replaces the file."""
    probe = path.with_name(f".{path.name}.check")
    try:
        probe.write_text(text, encoding="utf-8")
        _load(str(probe), probe.stat().st_mtime_ns, source)
    finally:
        probe.unlink(missing_ok=True)
