"""Messages the ETL gives a user about a file: what is wrong, where, and in which language.

A message keeps its msgid (an English sentence with ``{named}`` fields) and the field values
apart, so that it can be rendered later in the reader's language through the catalogue.
"""
from __future__ import annotations

from dataclasses import dataclass, field

from core import N_  # noqa: F401 (the ETL marks its messages with it)
from core.contracts import ContractError, spec
from i18n import translate

QUOTE_CHARS = 100
ERROR = "error"
WARNING = "warning"
INFO = "info"


@dataclass(frozen=True)
class Message:
    level: str
    msgid: str
    params: dict = field(default_factory=dict)
    sheet: str | None = None
    cell: str | None = None

    def text(self, lang: str = "en") -> str:
        params = {k: v.render() if isinstance(v, Quoted) else shorten(_render(v, lang)) for k, v in self.params.items()}
        return translate(self.msgid, lang, **params)

    def located(self, file_name: str, lang: str = "en") -> str:
        """The message as one line naming file, sheet and cell."""
        parts = [file_name]
        if self.sheet is not None:
            parts.append(translate(N_('sheet "{sheet}"'), lang, sheet=shorten(self.sheet)))
        if self.cell is not None:
            parts.append(translate(N_("cell {cell}"), lang, cell=self.cell))
        return ", ".join(parts) + ": " + self.text(lang)

    def as_dict(self, lang: str = "en") -> dict:
        out = {"level": self.level, "sheet": shorten(self.sheet), "cell": self.cell, "text": self.text(lang)}
        measures = [i for v in self.params.values() if isinstance(v, Measures) for i in v.ids]
        if measures:
            out["measures"] = measures
        return out


class Quoted(tuple):
    """Texts from a file listed in a message: each is quoted and shortened on its own, so a long
    list still shows every label's beginning (a whole list shortened at once would lose the last)."""

    def __new__(cls, items, sep: str = "; "):
        made = super().__new__(cls, items)
        made.sep = sep
        return made

    def render(self) -> str:
        return self.sep.join(f'"{shorten(str(item))}"' for item in self) or "-"


def shorten(value, limit: int = QUOTE_CHARS):
    """A text from a file quoted in a message: a label can be millions of characters long."""
    if isinstance(value, str) and len(value) > limit:
        return value[:limit - 1] + "…"
    return value


def _render(value, lang: str):
    """A parameter in the reader's language: msgids are translated, periods and regions named."""
    if isinstance(value, Translatable):
        return translate(value, lang)
    if callable(getattr(value, "label", None)):  # a Period
        return value.label(lang)
    if callable(getattr(value, "name", None)) and hasattr(value, "name_ru"):  # a Region
        return value.name(lang)
    return value


@dataclass(frozen=True)
class Measures:
    """Measures a message names: shown by their labels in the reader's language, from the source's
    contract (data/sources/<id>.toml); their ids stay in the ``--json`` output."""
    source: str
    ids: tuple[str, ...]

    def __init__(self, source: str, ids):
        object.__setattr__(self, "source", source)
        object.__setattr__(self, "ids", (ids,) if isinstance(ids, str) else tuple(ids))

    def label(self, lang: str = "en") -> str:
        try:
            measures = spec(self.source).measures
        except ContractError:
            measures = {}
        return ", ".join(measures[i].label(lang) if i in measures else i for i in self.ids)

    def __str__(self) -> str:
        return self.label()


class Translatable(str):
    """A parameter value that is itself a msgid (e.g. a measure name) and is translated too."""


def error(msgid: str, *, sheet: str | None = None, cell: str | None = None, **params) -> Message:
    return Message(ERROR, msgid, params, sheet, cell)


def warning(msgid: str, *, sheet: str | None = None, cell: str | None = None, **params) -> Message:
    return Message(WARNING, msgid, params, sheet, cell)


def info(msgid: str, *, sheet: str | None = None, cell: str | None = None, **params) -> Message:
    return Message(INFO, msgid, params, sheet, cell)


class Refused(Exception):
    """Raised when a file cannot be used; carries the messages that say why."""

    def __init__(self, messages: list[Message] | Message):
        self.messages = messages if isinstance(messages, list) else [messages]
        super().__init__(self.messages[0].text())
