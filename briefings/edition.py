"""Which edition a briefing is made in, read from ``CPM_EDITION`` like the rest of CP Monitor.

The edition decides which database file the metrics layer opens (the public file with small counts
suppressed, or the internal one); a briefing only names it and, in the internal edition, marks
every page as not for publication.
"""
from __future__ import annotations

from i18n import N_, translate
from metrics.db import EDITIONS, INTERNAL, PUBLIC, UnknownEdition  # noqa: F401
from metrics.db import edition as current  # noqa: F401  (the one setting the metrics layer opens its file by)

LABELS = {PUBLIC: N_("Public edition"), INTERNAL: N_("Internal edition")}
NOT_FOR_PUBLICATION = N_("Internal, not for publication")


def label(edition: str, lang: str) -> str:
    return translate(LABELS[edition], lang)


def page_notice(edition: str, lang: str) -> str | None:
    """The line every page carries: in the internal edition, that it is not for publication."""
    return translate(NOT_FOR_PUBLICATION, lang) if edition == INTERNAL else None
