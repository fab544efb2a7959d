"""The bundled sample spreadsheets: published national figures, illustrative regional splits.

``python -m etl sample [DIR]`` writes them; docs/sample-data.md says where every national
figure comes from and how the regional figures are made up.
"""
from __future__ import annotations

from pathlib import Path


def write_sample(directory: Path) -> list[Path]:
    from etl.sample.kpssu import write_kpssu

    directory.mkdir(parents=True, exist_ok=True)
    return write_kpssu(directory)
