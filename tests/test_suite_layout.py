"""The suite's own layout: pytest imports test modules by their base name (there are no packages
under tests/), so two test files of the same name in different folders stop the whole run at
collection."""
from collections import Counter
from pathlib import Path

TESTS = Path(__file__).resolve().parent


def test_no_two_test_modules_share_a_name():
    names = Counter(p.name for p in TESTS.rglob("test_*.py"))
    assert not [name for name, n in names.items() if n > 1]
