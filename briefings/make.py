"""Make briefings: gather the figures, render the charts once, write each format asked for."""
from __future__ import annotations

import tempfile
from collections.abc import Iterable
from datetime import date
from pathlib import Path

from briefings import content, document, edition as editions, pdf, render, word
from metrics.db import Database

FORMATS = ("docx", "pdf")


def file_name(region_code: str, year: int, lang: str, fmt: str) -> str:
    return f"cp_briefing_{region_code}_{year}_{lang}.{fmt}"


def write(db: Database, region_code: str, year: int, lang: str, formats: Iterable[str], out: Path, *,
          edition: str | None = None, made: date | None = None) -> list[Path]:
    """Write one briefing in every format of ``formats`` to ``out``; returns the files written.
    Call inside ``briefings.render.renderer()`` when making several."""
    edition = edition or editions.current()
    b = content.gather(db, region_code, year, lang, edition, made or date.today())
    blocks = document.build(b, document.chart_images(b))
    header, internal = document.running_header(b), edition == editions.INTERNAL
    out.mkdir(parents=True, exist_ok=True)
    written = []
    for fmt in formats:
        path = out / file_name(region_code, year, lang, fmt)
        if fmt == "docx":
            word.write(blocks, path, header=header, internal=internal)
        elif fmt == "pdf":
            pdf.write(blocks, path, lang=lang, header=header, internal=internal)
        else:
            raise ValueError(f"unknown format {fmt!r}")
        written.append(path)
    return written


def as_bytes(db: Database, region_code: str, year: int, lang: str, fmt: str, **kwargs) -> bytes:
    """One briefing in one format, as the bytes of the file (for a download)."""
    with tempfile.TemporaryDirectory(prefix="cpm-briefing-") as tmp, render.renderer():
        (path,) = write(db, region_code, year, lang, [fmt], Path(tmp), **kwargs)
        return path.read_bytes()
