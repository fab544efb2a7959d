"""Controls several pages share, so that a link keeps its meaning from page to page."""
from __future__ import annotations

from i18n import N_, translate
from metrics.suicides import COMPARABLE_GEOGRAPHY, CURRENT, GEOGRAPHIES
from ui import permalink

GEOGRAPHY_NAMES = {CURRENT: N_("Current regions"), COMPARABLE_GEOGRAPHY: N_("Comparable geography")}
GEOGRAPHY_HELP = N_("Comparable geography counts the regions created in 2022 within the regions they came from, "
                    "so that periods before and after 2022 compare like with like.")


def geography(lang: str, container=None) -> str:
    """``current`` or ``comparable``, kept in the URL as ``?geography=``."""
    kwargs = {"container": container} if container is not None else {}
    return permalink.segmented(translate(N_("Geography"), lang), list(GEOGRAPHIES), default=CURRENT, key="geography",
                               format_func=lambda g: translate(GEOGRAPHY_NAMES[g], lang),
                               help=translate(GEOGRAPHY_HELP, lang), **kwargs)
