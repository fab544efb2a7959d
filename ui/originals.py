"""Download the very file behind a figure (internal edition only): the load kept it under its
content's SHA-256 (``etl.originals``), and the provenance of every figure names that hash."""
from __future__ import annotations

import streamlit as st

from etl import originals
from i18n import N_, translate
from ui import edition, plain


def available() -> bool:
    return edition.current_edition() == edition.INTERNAL


def download(sha256: str | None, file_name: str, lang: str, key: str, where=st) -> None:
    """A download button for the kept file (the public edition never offers one)."""
    if not available():
        return
    path = originals.find(sha256)
    if path is None:
        where.caption(translate(N_("The original of {file} was not kept (loaded before files were kept)."), lang,
                                file=plain.escape(file_name)))
        return
    # the label is Markdown: the file's name, as written by whoever sent it, is escaped to plain text
    where.download_button(translate(N_("Download the original file: {file}"), lang, file=plain.escape(file_name)),
                          data=path.read_bytes(), file_name=file_name, key=key, on_click="ignore")


def for_cells(db, file_names, lang: str, key: str) -> None:
    """Under a table of cell references: the files those cells are in, to download (internal only)."""
    if not available():
        return
    from metrics import data_status

    found = data_status.files_named(db, file_names)
    if found.empty:
        return
    with st.expander(translate(N_("Original files behind these figures"), lang)):
        for n, row in enumerate(found.itertuples()):
            download(row.source_hash, row.source_file, lang, key=f"{key}_original_{n}")
