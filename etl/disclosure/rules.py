"""Which counts are protected, and from how small a count on."""
from __future__ import annotations

import os

DEFAULT_THRESHOLD = 5
PRIMARY, SECONDARY = "primary", "secondary"

# Counts of children or of events involving children, by source; None means every measure.
# Staffing, schools, positions, appeals and population are not protected.
PROTECTED: dict[str, tuple[str, ...] | None] = {
    "kpssu_summary": None,
    "kpssu_detail": None,
    "psc_activity": None,
    "helpline_111": ("children_supported",),
}


def threshold(explicit: int | None = None) -> int:
    """Counts from 1 to threshold-1 are suppressed: --threshold, else $CPM_SUPPRESSION_THRESHOLD, else 5."""
    value = explicit if explicit is not None else int(os.environ.get("CPM_SUPPRESSION_THRESHOLD") or DEFAULT_THRESHOLD)
    if value < 2:
        raise ValueError(f"suppression threshold {value}: it must be 2 or more")
    return value


def protected_sql() -> str:
    """A SQL condition selecting the protected rows of ``current_figures``."""
    parts = []
    for source, measures in PROTECTED.items():
        if measures is None:
            parts.append(f"source = '{source}'")
        else:
            parts.append(f"(source = '{source}' AND measure IN ({', '.join(repr(m) for m in measures)}))")
    return "(" + " OR ".join(parts) + ")"
