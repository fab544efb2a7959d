"""A page is a list of sections (``ui.sections``), each a function of one ``Context``: this module
runs them in order. The language is app.py's (``ui.lang.switcher``); a section reads it here."""
from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field

import pandas as pd
import streamlit as st

from i18n import N_, translate
from metrics.db import Database, DatabaseMissing, get_database
from ui import formats, lang as ui_lang, phone

NO_DATABASE = N_("No database yet. Build it with: python -m etl ensure-db")
NOTHING_LOADED = N_("No figures have been loaded yet.")


@dataclass
class Context:
    """What the sections of one page run share: the language, the database and the choices that
    one section makes for the ones after it (``chosen``, e.g. the region of the PSC page)."""
    lang: str
    chosen: dict = field(default_factory=dict)
    _db: Database | None = None

    def _(self, msgid: str, **params) -> str:
        return translate(msgid, self.lang, **params)

    @property
    def db(self) -> Database:
        """The edition's database (``run`` says how to build it when there is none)."""
        if self._db is None:
            self._db = get_database()
        return self._db

    def require(self, found) -> None:
        """Stop the page, saying nothing is loaded, when ``found`` is empty."""
        if found is None or (hasattr(found, "empty") and found.empty) or (not hasattr(found, "empty") and not found):
            st.warning(self._(NOTHING_LOADED))
            st.stop()

    def count(self, value) -> str:
        return formats.integer(value, self.lang)

    def by_name(self, frame: pd.DataFrame, column: str = "region") -> pd.DataFrame:
        """Rows in the reader's alphabetical order of ``column``."""
        order = sorted(range(len(frame)), key=lambda i: formats.sort_key(frame[column].iloc[i], self.lang))
        return frame.iloc[order]

    def cite(self, indicator_id: str) -> str:
        """An indicator's sources as a reader cites them: agency, table and the day it was
        published or received (metrics.citations)."""
        from metrics import citations
        from metrics.catalogue import indicator
        from ui import notices

        if "_received" not in self.chosen:
            self.chosen["_received"] = citations.received(self.db)
        return notices.cite(self.lang, citations.sources_of(indicator(indicator_id)), self.chosen["_received"])

    def names_list(self, names) -> str:
        return ", ".join(sorted(names, key=lambda n: formats.sort_key(n, self.lang)))


Section = Callable[[Context], None]


def run(*sections: Section) -> None:
    ui_lang.leave_legacy_multipage_mode()
    context = Context(ui_lang.current())
    phone.styles()
    try:
        for section in sections:
            section(context)
    except DatabaseMissing:  # raised by the first query when no database has been built
        st.warning(context._(NO_DATABASE))
