"""Which edition this app process serves: ``public`` (safe aggregates) or ``internal`` (exact
figures, behind sign-in). One edition per process, chosen by ``CPM_EDITION``."""
from __future__ import annotations

import os

from i18n import N_

PUBLIC, INTERNAL = "public", "internal"
EDITIONS = (PUBLIC, INTERNAL)
ENV = "CPM_EDITION"
NAMES = {PUBLIC: N_("Public edition"), INTERNAL: N_("Internal edition (exact figures, not for publication)")}


class UnknownEdition(ValueError):
    pass


def current_edition() -> str:
    """``public`` unless ``CPM_EDITION`` says ``internal``; any other value is refused, so a typo
    can never open the internal figures (or hide them) by accident."""
    value = os.environ.get(ENV, PUBLIC).strip().lower() or PUBLIC
    if value not in EDITIONS:
        raise UnknownEdition(f"{ENV}={value!r}: expected one of {', '.join(EDITIONS)}")
    return value
