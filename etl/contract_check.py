"""Does every source contract have all its parts? A label in three languages, a parser, a view
of the data API, a sample writer and a vocabulary that words every measure. Used by the tests
(and by anyone adding a source: ``python -m etl.contract_check``)."""
from __future__ import annotations

import re
import sys
from pathlib import Path

from core.contracts import ContractError, spec, spec_ids
from etl.vocabulary import VocabularyError, vocabulary

ETL_DIR = Path(__file__).resolve().parent
VIEWS_DIR = ETL_DIR / "views"
SAMPLE_DIR = ETL_DIR / "sample"
SOURCES_DIR = ETL_DIR / "sources"


def problems(source_id: str, *, views_dir: Path = VIEWS_DIR, sample_dir: Path = SAMPLE_DIR) -> list[str]:
    try:
        contract = spec(source_id)
    except ContractError as exc:
        return [str(exc)]
    out = []
    for lang in ("en", "ru", "kk"):
        if not contract.titles.get(lang, "").strip():
            out.append(f"{contract.path}: no {lang} title")
    if contract.parser != "region_columns" and not (SOURCES_DIR / f"{contract.parser}.py").is_file():
        out.append(f"{contract.path}: parser {contract.parser!r} is neither region_columns nor etl/sources/"
                   f"{contract.parser}.py")
    view = views_dir / f"{contract.view}.sql"
    if not view.is_file():
        out.append(f"{contract.path}: view {contract.view!r} has no file {view}")
    elif not re.search(rf"'{re.escape(source_id)}'", view.read_text(encoding="utf-8")):
        out.append(f"{view}: the view does not read source {source_id!r}")
    if not (sample_dir / f"{contract.sample}.py").is_file():
        out.append(f"{contract.path}: sample writer {contract.sample!r} has no file {sample_dir / contract.sample}.py")
    try:
        vocab = vocabulary(source_id)
    except VocabularyError as exc:
        return out + [str(exc)]
    if not vocab.groups:
        out.append(f"{vocab.path}: no [[detect.group]] to recognise the source by")
    table = "rows" if "rows" in vocab.tables else "measures"
    for name in contract.measures:
        if name not in vocab.table(table):
            out.append(f"{vocab.path}: measure {name!r} has no wording in [{table}.{name}]")
    return out


def main() -> int:
    found = {s: problems(s) for s in spec_ids()}
    for source_id, issues in found.items():
        print(f"{source_id}: {'ok' if not issues else ''}")
        for issue in issues:
            print(f"  {issue}")
    return 1 if any(found.values()) else 0


if __name__ == "__main__":
    sys.exit(main())
