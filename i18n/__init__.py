"""Translation catalogue access: Kazakh, Russian and English.

Msgids are English sentences with ``{named}`` fields. Catalogues are gettext ``.po`` files under
``i18n/locales/<lang>/LC_MESSAGES/messages.po``, read with Babel at first use (and again when the
file changes). ``python -m i18n extract`` refreshes them from the code, ``python -m i18n check``
fails while any msgid is untranslated; see i18n/__main__.py.
"""
from __future__ import annotations

from functools import lru_cache
from pathlib import Path

from core import N_  # noqa: F401 (one marker for the whole project)

LANGUAGES = ("kk", "ru", "en")
DEFAULT_LANGUAGE = "ru"
LOCALES_DIR = Path(__file__).parent / "locales"



def _path(lang: str) -> Path:
    return LOCALES_DIR / lang / "LC_MESSAGES" / "messages.po"


@lru_cache(maxsize=8)
def _read(lang: str, stamp: tuple) -> dict[str, str]:
    from babel.messages.pofile import read_po

    with _path(lang).open("rb") as fh:
        cat = read_po(fh, locale=lang)
    return {m.id: m.string for m in cat if m.id and m.string and not m.fuzzy}


def catalogue(lang: str) -> dict[str, str]:
    """msgid -> translation for one language; untranslated and fuzzy entries are left out."""
    try:
        stat = _path(lang).stat()
    except (FileNotFoundError, ValueError):
        return {}
    return _read(lang, (stat.st_mtime_ns, stat.st_size))


def translate(msgid: str, lang: str = "en", **params) -> str:
    """The msgid in ``lang`` with its fields filled in; the English msgid when no translation exists."""
    text = catalogue(lang).get(msgid, msgid) if lang != "en" else msgid
    return text.format(**params) if params else text
