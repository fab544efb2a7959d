""""Download all data" of a page: a ZIP data package (Frictionless standard) holding every table
of the page as CSV, a ``datapackage.json`` that describes them, and a README that names the
selection, the edition and the date. Pure: tables in, bytes out."""
from __future__ import annotations

import io
import json
import re
import zipfile
from dataclasses import dataclass
from datetime import datetime, timezone

import pandas as pd

from i18n import N_, translate
from ui import edition as editions
from ui import exports

FRICTIONLESS_TYPES = {exports.INTEGER: "integer", exports.NUMBER: "number", exports.BOOLEAN: "boolean",
                      exports.DATE: "date", exports.STRING: "string"}


@dataclass(frozen=True)
class Table:
    stem: str  # file name without ".csv"
    frame: pd.DataFrame
    info: exports.ExportInfo
    digest: str | None = None  # ui.export_files.digest_of(frame), when already known


def slug(text: str) -> str:
    """A resource name the standard accepts: lower-case letters, digits, "-", "_" and "."."""
    return re.sub(r"[^a-z0-9._-]+", "-", str(text).lower()).strip("-.") or "table"


def _unique(stems: list[str]) -> list[str]:
    seen: dict[str, int] = {}
    out = []
    for stem in stems:
        seen[stem] = seen.get(stem, 0) + 1
        out.append(stem if seen[stem] == 1 else f"{stem}-{seen[stem]}")
    return out


def _resource(name: str, table: Table) -> dict:
    header, kinds, _ = exports.rows(exports.with_flag(table.frame, table.info))
    # The notes above the header are part of the file; the header row is named, so no row is lost.
    return {"name": name, "type": "table", "path": f"{name}.csv", "title": table.info.title, "format": "csv",
            "mediatype": "text/csv", "encoding": "utf-8-sig",
            "dialect": {"headerRows": [exports.header_row_number(table.info)]},
            "schema": {"fields": [{"name": h, "type": FRICTIONLESS_TYPES[k]} for h, k in zip(header, kinds)]},
            "sources": [{"title": table.info.sources}]}


def descriptor(tables: list[Table], *, title: str, names: list[str], edition: str, lang: str,
               created: datetime) -> dict:
    """The package's ``datapackage.json`` (Frictionless data package; the tests validate it with
    the ``frictionless`` library, which is too slow to build it on every run of a page)."""
    return {"name": slug(title), "title": title,
            "description": translate(N_("{edition}. Tables of the page, as shown."), lang,
                                     edition=translate(editions.NAMES[edition], lang)),
            "created": created.isoformat(timespec="seconds"),
            "resources": [_resource(n, t) for n, t in zip(names, tables)],
            "cpm:edition": edition, "cpm:illustrative": any(t.info.illustrative for t in tables)}


def readme(tables: list[Table], *, title: str, names: list[str], selection: dict[str, str], edition: str,
           lang: str, created: datetime) -> str:
    def t(msgid: str, **params) -> str:
        return translate(msgid, lang, **params)

    chosen = ", ".join(f"{k}={v}" for k, v in sorted(selection.items())) or t(N_("the page's defaults"))
    lines = [f"# {title}", "",
             f"- {t(N_('Edition'))}: {t(editions.NAMES[edition])}",
             f"- {t(N_('Selection'))}: {exports.one_line(chosen)}",
             f"- {t(N_('Date'))}: {created.date().isoformat()}",
             f"- {t(N_('Suppression'))}: {t(exports.SUPPRESSION_LEGEND)}", ""]
    if any(table.info.illustrative for table in tables):
        lines += [f"**{t(exports.ILLUSTRATIVE_NOTE)}**", ""]
    lines += [t(N_("Each CSV file begins with notes (title, period, edition, source, the illustrative flag, the "
                   "suppression legend), one per line starting with \"#\"; the table's header follows them. "
                   "datapackage.json (Frictionless data package) describes every column.")), ""]
    for name, table in zip(names, tables):
        lines.append(f"## {name}.csv")
        lines += [f"- {label}: {text}" for label, text in exports.note_rows(table.info)]
        lines.append("")
    return "\n".join(lines)


def package_zip(tables: list[Table], *, title: str, selection: dict[str, str], edition: str, lang: str,
                created: datetime | None = None, csv=exports.csv_bytes) -> bytes:
    """The ZIP of a page's tables; ``selection`` is the page's URL query (what the reader chose).
    Its members are dated ``created``, so the same tables at the same moment give the same bytes;
    ``csv`` makes each table's file (``ui.export_files`` passes its cached one)."""
    created = created or datetime.now(timezone.utc)
    names = _unique([slug(t.stem) for t in tables])
    out = io.BytesIO()

    def member(name: str) -> zipfile.ZipInfo:
        info = zipfile.ZipInfo(name, date_time=created.timetuple()[:6])
        info.compress_type = zipfile.ZIP_DEFLATED
        return info

    with zipfile.ZipFile(out, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        for name, table in zip(names, tables):
            archive.writestr(member(f"{name}.csv"), csv(table.frame, table.info))
        archive.writestr(member("datapackage.json"), json.dumps(
            descriptor(tables, title=title, names=names, edition=edition, lang=lang, created=created),
            ensure_ascii=False, indent=2))
        archive.writestr(member("README.md"), readme(tables, title=title, names=names, selection=selection,
                                                     edition=edition, lang=lang, created=created))
    return out.getvalue()
