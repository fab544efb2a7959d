"""The agencies' period wordings are data (data/vocabulary/periods.toml): every wording there is
read as its month, part of a year or flag, and a wording added to a copy of the vocabulary makes
a title give its months to bare-year columns with no code change."""
from __future__ import annotations

import shutil

import pytest

from core import vocabulary as vocab_mod
from core.periods import find_provisional, month_range, parse_period, relative_period, title_months
from core.vocabulary import vocabulary
from etl.pipeline import parse_file
from helpers import default_rows, located, summary_sheet, write_xlsx

WORDS = vocabulary("periods")


def _written(wording: str) -> str:
    return wording.replace("…", "")  # a stem alone is a word too


MONTHS = [(int(n), w.text) for n, term in WORDS.table("months").items() for w in term.words]
PARTS = [(int(n), unit, o.text, u.text) for n, ordinal in WORDS.table("ordinals").items() for o in ordinal.words
         for unit, term in WORDS.table("units").items() for u in term.words if not (unit == "half" and int(n) > 2)]


@pytest.mark.parametrize("month, wording", MONTHS, ids=str)
def test_every_month_wording_names_its_month(month, wording):
    assert parse_period(f"{_written(wording)} 2025") == month_range(2025, month, month)
    assert parse_period(f"{_written(wording).upper()} 2025") == month_range(2025, month, month)


@pytest.mark.parametrize("n, unit, ordinal, word", PARTS, ids=str)
def test_every_ordinal_and_unit_wording_names_its_part_of_the_year(n, unit, ordinal, word):
    span = 6 if unit == "half" else 3
    expected = month_range(2024, span * (n - 1) + 1, span * n)
    assert parse_period(f"{_written(ordinal)} {_written(word)} 2024") == expected


@pytest.mark.parametrize("wording", [w.text for w in WORDS.table("flags")["provisional"].words])
def test_every_provisional_wording_is_found(wording):
    assert find_provisional(f"Сведения за 2025 год ({_written(wording)} данные)")


@pytest.mark.parametrize("wording", [w.text for w in WORDS.table("relative")["same_period"].words])
def test_every_same_period_wording_names_the_title_months_of_a_year(wording):
    heading = f"{_written(wording)} 2024 года"
    assert relative_period(heading, month_range(2025, 1, 9)) == month_range(2024, 1, 9)


@pytest.fixture
def periods_copy(tmp_path, monkeypatch):
    """A copy of the vocabulary folder, in force; returns a function adding wordings to an entry."""
    copy = tmp_path / "vocabulary"
    shutil.copytree(vocab_mod.DEFAULT_DIR, copy)
    monkeypatch.setenv(vocab_mod.DIR_ENV, str(copy))
    toml = copy / "periods.toml"

    def add(entry: str, lang: str, *words: str) -> None:
        text = toml.read_text(encoding="utf-8")
        head = f"[{entry}]\n"
        start = text.index(head)
        line = text.index(f"{lang} = [", start)
        assert line < text.index("\n[", start + 1), f"{entry} has no {lang} list"
        insert = line + len(f"{lang} = [")
        toml.write_text(text[:insert] + "".join(f'"{w}", ' for w in words) + text[insert:], encoding="utf-8")
    return add


def test_a_new_kazakh_month_abbreviation_added_to_the_vocabulary_is_read(periods_copy):
    title = "Кәмелетке толмағандар арасындағы суицидтер, 2025 жылғы қаң.-қыр."
    assert parse_period("2025 жылғы қаң.-қыр.") is None
    assert title_months(title) is None
    periods_copy("months.1", "kk", "қаң")
    periods_copy("months.9", "kk", "қыр")
    assert parse_period("2025 жылғы қаң.-қыр.") == month_range(2025, 1, 9)
    assert parse_period("2025 жылғы КАҢ.-ҚЫР.") == month_range(2025, 1, 9)  # folded like every wording
    assert title_months(title) == (1, 9)


def test_a_new_half_year_spelling_gives_its_months_to_bare_year_columns(tmp_path, periods_copy, today):
    title = "Кәмелетке толмағандар арасындағы суицидтер, 2024 жылдың бірінші жарты жылы"
    path = write_xlsx(tmp_path / "kpssu.xlsx", summary_sheet(default_rows(), title=(title,), periods=("2023 ж.", "2024 ж.")))
    before = parse_file(path, today=today)
    assert {f.period.key() for f in before.parsed.figures} == {"2023-01..2023-12", "2024-01..2024-12"}
    periods_copy("units.half", "kk", "жарты жыл…")
    after = parse_file(path, today=today)
    assert after.status == "loaded", located(after)
    assert {f.period.key() for f in after.parsed.figures} == {"2023-01..2023-06", "2024-01..2024-06"}
    assert parse_period("2024 жылдың екінші жарты жылы") == month_range(2024, 7, 12)
