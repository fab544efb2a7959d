"""The shared core has no dependencies on the ETL or the metrics, the metrics read the ETL's
tables but never import its code, and the warehouse computes no indicators itself: indicator
values are a step after the load. A typo in data/indicators.toml is a clear error naming the file,
the indicator and the field, and a load still stores its figures."""
from __future__ import annotations

import ast
from pathlib import Path

import duckdb
import pytest

from etl.cli import load_files
from helpers import REPO_ROOT, default_rows, summary_sheet, write_xlsx
from metrics.catalogue import CatalogueError, DEFAULT_CATALOGUE, load_catalogue


def _imports(path: Path) -> set[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    names = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            names |= {a.name.split(".")[0] for a in node.names}
        elif isinstance(node, ast.ImportFrom) and node.module and not node.level:
            names.add(node.module.split(".")[0])
    return names


@pytest.mark.parametrize("package, forbidden", [("core", {"etl", "metrics", "pages", "ui", "streamlit"}),
                                                ("metrics", {"etl", "pages", "ui"})])
def test_no_import_cycle(package, forbidden):
    offenders = {p.name: _imports(p) & forbidden for p in (REPO_ROOT / package).glob("*.py") if _imports(p) & forbidden}
    assert not offenders


def test_the_warehouse_computes_no_indicators():
    assert "metrics" not in _imports(REPO_ROOT / "etl" / "warehouse.py")


@pytest.mark.parametrize("old, new, field", [
    ('numerator = "suicides_attempts"', 'numerater = "suicides_attempts"', "numerater"),
    ('numerator = "suicides_attempts"', 'numerator = "suicides_atempts"', "numerator"),
    ('direction = "lower"\npoisson = true\nbaseline = { period = "2023", value = 3.02 }',
     'direction = "lowr"\npoisson = true\nbaseline = { period = "2023", value = 3.02 }', "direction"),
])
def test_a_catalogue_typo_names_file_indicator_and_field_and_the_figures_still_load(
        tmp_path, db_file, monkeypatch, capsys, old, new, field):
    text = DEFAULT_CATALOGUE.read_text(encoding="utf-8")
    assert old in text
    broken = tmp_path / "indicators.toml"
    broken.write_text(text.replace(old, new, 1), encoding="utf-8")
    monkeypatch.setenv("CPM_INDICATORS", str(broken))
    with pytest.raises(CatalogueError) as caught:
        load_catalogue()
    indicator = "attempt_rate" if "attempts" in old else "suicide_rate"
    assert str(broken) in str(caught.value) and f"indicator {indicator!r}, field {field!r}" in str(caught.value)

    [outcome] = load_files([write_xlsx(tmp_path / "kpssu.xlsx", summary_sheet(default_rows()))], db=db_file)
    assert outcome.status == "loaded"
    err = capsys.readouterr().err
    assert "indicator values were not computed" in err and f"field {field!r}" in err and str(broken) in err
    con = duckdb.connect(str(db_file), read_only=True)
    try:
        assert con.execute("SELECT count(*) FROM figures").fetchone() == (16,)
        assert not con.execute("SELECT count(*) FROM information_schema.tables WHERE table_name = 'indicator_values'"
                               ).fetchone()[0]
    finally:
        con.close()


def test_the_bundled_catalogue_is_valid():
    assert len(load_catalogue()) >= 10
