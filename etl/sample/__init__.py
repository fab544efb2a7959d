"""The bundled sample spreadsheets: published national figures, illustrative regional splits.

``python -m etl sample [DIR]`` writes them; docs/sample-data.md says where every national
figure comes from and how the regional figures are made up.
"""
from __future__ import annotations

from pathlib import Path


def write_sample(directory: Path) -> list[Path]:
    from etl.sample.cpcr import write_helpline, write_population, write_psc_network, write_school_psych
    from etl.sample.kpssu import write_kpssu

    directory.mkdir(parents=True, exist_ok=True)
    written = write_kpssu(directory)
    for writer in (write_psc_network, write_school_psych, write_helpline, write_population):
        written += writer(directory)
    try:
        from etl.sample.psc_activity import write_psc_activity
    except ImportError:
        return written
    return written + write_psc_activity(directory)
