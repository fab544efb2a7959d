"""Which edition this app process serves: ``public`` (safe aggregates) or ``internal`` (exact
figures, behind sign-in), and its name for readers. The choice itself is the metrics layer's
(``metrics.db.edition``), which opens that edition's file and no other."""
from __future__ import annotations

from i18n import N_
from metrics.db import EDITION_ENV as ENV, EDITIONS, INTERNAL, PUBLIC, UnknownEdition  # noqa: F401
from metrics.db import edition as current_edition  # noqa: F401

NAMES = {PUBLIC: N_("Public edition"), INTERNAL: N_("Internal edition (exact figures, not for publication)")}
