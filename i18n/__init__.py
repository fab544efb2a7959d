"""Translation catalogue access: Kazakh, Russian and English.

Msgids are English sentences with ``{named}`` fields. Catalogues are gettext ``.po`` files under
``i18n/locales/<lang>/LC_MESSAGES/messages.po``, read with Babel at first use (and again when the
file changes). ``python -m i18n extract`` refreshes them from the code, ``python -m i18n check``
fails while any msgid is untranslated; see i18n/__main__.py.
"""
from __future__ import annotations

import time
from functools import lru_cache
from pathlib import Path

from core import N_  # noqa: F401 (one marker for the whole project)

LANGUAGES = ("kk", "ru", "en")
DEFAULT_LANGUAGE = "ru"
LOCALES_DIR = Path(__file__).parent / "locales"
RECHECK_SECONDS = 2.0
_checked: dict[Path, tuple[float, tuple]] = {}  # catalogue file -> (when looked at, its mtime and size)



def _path(lang: str) -> Path:
    return LOCALES_DIR / lang / "LC_MESSAGES" / "messages.po"


@lru_cache(maxsize=8)
def _read(lang: str, stamp: tuple) -> dict[str, str]:
    from babel.messages.pofile import read_po

    with _path(lang).open("rb") as fh:
        cat = read_po(fh, locale=lang)
    return {m.id: m.string for m in cat if m.id and m.string and not m.fuzzy}


def catalogue(lang: str) -> dict[str, str]:
    """msgid -> translation for one language; untranslated and fuzzy entries are left out.

    The file is looked at again at most every ``RECHECK_SECONDS``: a page calls this hundreds of
    times a run, and a stat each time was a tenth of the server's work under load."""
    try:
        path = _path(lang)
    except ValueError:
        return {}
    now = time.monotonic()
    seen = _checked.get(path)
    if seen is None or now - seen[0] >= RECHECK_SECONDS:
        try:
            stat = path.stat()
        except FileNotFoundError:
            _checked.pop(path, None)
            return {}
        seen = _checked[path] = (now, (stat.st_mtime_ns, stat.st_size))
    return _read(lang, seen[1])


def translate(msgid: str, lang: str = "en", **params) -> str:
    """The msgid in ``lang`` with its fields filled in; the English msgid when no translation exists."""
    text = catalogue(lang).get(msgid, msgid) if lang != "en" else msgid
    return text.format(**params) if params else text
