"""Catalogue maintenance: ``python -m i18n extract`` and ``python -m i18n check``.

extract  reads the msgids marked in the code (``N_("...")``, ``_("...")``, ``translate("...")``) from
         the files babel.cfg names, writes i18n/messages.pot and merges it into the kk, ru and en
         catalogues: translations are kept, new msgids arrive untranslated (English is filled with
         the msgid itself), a msgid that changed slightly arrives "fuzzy" with the old translation
         to review, and removed ones are kept at the end of the file as obsolete (#~) entries.
check    fails (exit status 1) when the code holds a msgid that is missing, untranslated or fuzzy in
         any catalogue, or whose translation has other {named} fields than the msgid.
"""
from __future__ import annotations

import argparse
import io
import string
import sys
from pathlib import Path

from babel.messages.catalog import Catalog
from babel.messages.extract import DEFAULT_KEYWORDS, extract_from_dir
from babel.messages.frontend import parse_mapping_cfg
from babel.messages.pofile import read_po, write_po

from i18n import LANGUAGES, LOCALES_DIR

PACKAGE_DIR = Path(__file__).resolve().parent
REPO_ROOT = PACKAGE_DIR.parent
MAPPING = REPO_ROOT / "babel.cfg"
TEMPLATE = PACKAGE_DIR / "messages.pot"
# translate(msgid, lang, **params) is a gettext call too; N_ and _ are among Babel's defaults.
KEYWORDS = {**DEFAULT_KEYWORDS, "translate": (1,)}
PROJECT = "CP Monitor"
LANGUAGE_NAMES = {"kk": "Kazakh", "ru": "Russian", "en": "English"}
HEADER = "Messages of CP Monitor (dashboard and ETL). Msgids are English sentences with {named} fields."
# Lines Babel rewrites on every run; ignored when deciding whether a file changed.
_VOLATILE = (b'"POT-Creation-Date:', b'"PO-Revision-Date:', b'"Generated-By:')


def po_path(lang: str) -> Path:
    return LOCALES_DIR / lang / "LC_MESSAGES" / "messages.po"


def extract_template() -> Catalog:
    """A template catalogue of every msgid marked in the files babel.cfg lists."""
    with MAPPING.open(encoding="utf-8") as fh:
        method_map, options_map = parse_mapping_cfg(fh, filename=str(MAPPING))
    template = _new_catalog(None)
    for filename, lineno, message, comments, context in extract_from_dir(
            REPO_ROOT, method_map, options_map, keywords=KEYWORDS, comment_tags=("TRANSLATORS:",),
            strip_comment_tags=True):
        if isinstance(message, (list, tuple)):  # a plural call: not used by this project
            message = message[0]
        if not message:
            continue
        template.add(message, None, [(Path(filename).as_posix(), lineno)], auto_comments=comments,
                     context=context)
    return template


def _new_catalog(lang: str | None) -> Catalog:
    return _headed(Catalog(locale=lang, project=PROJECT, header_comment=f"# {HEADER}", charset="utf-8"), lang)


def _headed(catalog: Catalog, lang: str | None) -> Catalog:
    catalog.project, catalog.version = PROJECT, "1"
    catalog.msgid_bugs_address = ""
    catalog.last_translator = "CP Monitor team"
    catalog.language_team = LANGUAGE_NAMES.get(lang, "") + " (CP Monitor)" if lang else ""
    catalog.fuzzy = False  # a fuzzy header would make msgfmt and pybabel compile skip the catalogue
    return catalog


def _serialise(catalog: Catalog) -> bytes:
    buffer = io.BytesIO()
    write_po(buffer, catalog, width=100, sort_by_file=True, include_lineno=False)
    return buffer.getvalue()


def _write_if_changed(path: Path, data: bytes) -> bool:
    def significant(blob: bytes) -> list[bytes]:
        return [line for line in blob.splitlines() if not line.startswith(_VOLATILE)]

    if path.exists() and significant(path.read_bytes()) == significant(data):
        return False
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(data)
    return True


def read_catalogue(lang: str) -> Catalog:
    path = po_path(lang)
    if not path.exists():
        return _new_catalog(lang)
    with path.open("rb") as fh:
        return read_po(fh, locale=lang)


def extract(drop_obsolete: bool = False) -> int:
    template = extract_template()
    changed = _write_if_changed(TEMPLATE, _serialise(template))
    print(f"{len(template)} msgids in {TEMPLATE.relative_to(REPO_ROOT)}" + (" (updated)" if changed else ""))
    for lang in LANGUAGES:
        catalog = read_catalogue(lang)
        catalog.update(template, update_creation_date=False)
        _headed(catalog, lang)
        if lang == "en":  # English msgids are the English text (never a fuzzy guess)
            for message in catalog:
                if message.id:
                    message.string = message.id
                    message.flags.discard("fuzzy")
        if drop_obsolete:
            catalog.obsolete.clear()
        changed = _write_if_changed(po_path(lang), _serialise(catalog))
        todo = [m for m in catalog if m.id and (not m.string or m.fuzzy)]
        print(f"{lang}: {len(todo)} to translate or review" + (" (updated)" if changed else ""))
    return 0


def fields(text: str) -> set[str]:
    """The {named} fields of a msgid or translation."""
    try:
        return {name for _, name, _, _ in string.Formatter().parse(text) if name is not None}
    except ValueError:
        return {"<unbalanced braces>"}


def problems() -> list[str]:
    """Everything that keeps the catalogues from covering the code, one line each."""
    found = []
    template = extract_template()
    if TEMPLATE.exists():
        with TEMPLATE.open("rb") as fh:
            stored = {m.id for m in read_po(fh) if m.id}
        missing = [m.id for m in template if m.id and m.id not in stored]
        for msgid in missing:
            found.append(f"messages.pot: not extracted yet: {msgid!r}")
    else:
        found.append("messages.pot is missing")
    for lang in LANGUAGES:
        catalog = read_catalogue(lang)
        for message in template:
            if not message.id:
                continue
            translated = catalog.get(message.id)
            where = f"{lang}: {message.id!r}"
            if translated is None:
                found.append(f"{where} is not in the catalogue")
            elif not translated.string:
                found.append(f"{where} is untranslated")
            elif translated.fuzzy:
                found.append(f"{where} is fuzzy (review the translation, then remove the fuzzy flag)")
            elif fields(translated.string) != fields(message.id):
                found.append(f"{where} has fields {sorted(fields(translated.string))}, "
                             f"the msgid {sorted(fields(message.id))}")
    return found


def check() -> int:
    found = problems()
    for line in found:
        print(line)
    if found:
        print(f"{len(found)} problem(s); run `python -m i18n extract`, then translate the .po files", file=sys.stderr)
        return 1
    print("catalogues complete: " + ", ".join(LANGUAGES))
    return 0


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m i18n", description="Maintain the kk/ru/en message catalogues.")
    sub = parser.add_subparsers(dest="command", required=True)
    ext = sub.add_parser("extract", help="re-extract msgids into messages.pot and merge them into the .po files")
    ext.add_argument("--drop-obsolete", action="store_true", help="remove msgids that the code no longer uses")
    sub.add_parser("check", help="fail when a msgid is missing, untranslated or fuzzy in any language")
    args = parser.parse_args(argv)
    if args.command == "extract":
        return extract(args.drop_obsolete)
    return check()


if __name__ == "__main__":
    sys.exit(main())
