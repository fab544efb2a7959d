"""Translation catalogue access: Kazakh, Russian and English.

Msgids are English sentences with ``{named}`` fields. Catalogues are gettext ``.po`` files under
``i18n/locales/<lang>/LC_MESSAGES/messages.po``, read with Babel at first use.
"""
from __future__ import annotations

from functools import lru_cache
from pathlib import Path

LANGUAGES = ("kk", "ru", "en")
DEFAULT_LANGUAGE = "ru"
LOCALES_DIR = Path(__file__).parent / "locales"


def N_(msgid: str) -> str:
    """Mark a msgid for extraction without translating it yet (the catalogue is read later)."""
    return msgid


@lru_cache(maxsize=None)
def catalogue(lang: str) -> dict[str, str]:
    path = LOCALES_DIR / lang / "LC_MESSAGES" / "messages.po"
    if not path.exists():
        return {}
    from babel.messages.pofile import read_po

    with path.open("rb") as fh:
        cat = read_po(fh, locale=lang)
    return {m.id: m.string for m in cat if m.id and m.string and not m.fuzzy}


def translate(msgid: str, lang: str = "en", **params) -> str:
    text = catalogue(lang).get(msgid, msgid) if lang != "en" else msgid
    return text.format(**params) if params else text
