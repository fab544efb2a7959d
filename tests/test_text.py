"""One shared folding of the agencies' wording (core.text): case, spacing, dashes, "ё"/"е" and
Kazakh letters are folded the same way for the vocabulary, periods and region names, and no
other module keeps a folding table of its own."""
from __future__ import annotations

import re

import pytest

from core.periods import month_range, parse_period
from core.text import fold, fold_letters, fold_loose
from etl import regions
from etl.region_text import find_region
from helpers import REPO_ROOT


@pytest.mark.parametrize("written, folded", [
    ("ҚАҢТАР–ҚЫРКҮЙЕК  2025", "кантар-кыркуйек 2025"), ("Ёлка\u00a0 Әлем", "елка алем"),
    ("Өңір — Ұлытау", "онир - улытау"), ("Һ І і Ү", "х и и у"), (None, ""), (2024.0, "2024"),
])
def test_fold_letters_folds_case_spacing_dashes_yo_and_kazakh_letters(written, folded):
    assert fold_letters(written) == folded
    assert fold(written) == folded


def test_the_variants_differ_only_where_they_say():
    assert fold("2.1. Өңір*") == "онир" and fold_letters("2.1. Өңір*") == "2.1. онир*"
    assert fold_loose("Кызылорда Қызылорда ай ı") == "кызылорда кызылорда аи и"
    for text in ("қаласының", "Ақмола облысы", "Шығыс-Қазақстан"):
        assert len(fold_letters(text)) == len(text)  # positions in the folded text are the file's


def test_every_part_reads_kazakh_letters_typed_as_russian_ones():
    assert parse_period("2025 жылгы кантар-кыркуйек") == parse_period("2025 жылғы қаңтар-қыркүйек") == \
        month_range(2025, 1, 9)
    assert regions.resolve("Кызылорда облысы").code == regions.resolve("Қызылорда облысы").code == "KZ-43"
    assert find_region("Акмола облысынын ПКО есебі") == find_region("Ақмола облысының ПҚО есебі") == "KZ-11"


def test_no_module_keeps_its_own_folding_table():
    tables = [str(p.relative_to(REPO_ROOT)) for package in ("core", "etl", "metrics")
              for p in sorted((REPO_ROOT / package).rglob("*.py"))
              if re.search(r"maketrans\(", p.read_text(encoding="utf-8"))]
    assert tables == ["core/text.py"]
