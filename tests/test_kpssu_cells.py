"""The Prosecutor's Office (KPSSU) summary's cell values against the data contract: numbers as
agencies type them, marks for no data, bad and impossible counts refused naming the cell."""
from __future__ import annotations

import pytest

from helpers import default_rows, errors, figure_at, find_message, located, summary_sheet, write, write_xlsx

Y2023, Y2024 = "2023-01..2023-12", "2024-01..2024-12"


@pytest.mark.parametrize("raw, value, missing", [
    ("1 234", 1234, None), ("1\u00a0234", 1234, None), ("1\u202f234", 1234, None), ("12", 12, None),
    (" 7 ", 7, None), ("12*", 12, None), (12.0, 12, None),
    ("-", 0, None), ("–", 0, None), ("—", 0, None),
    ("…", None, "not_available"), ("...", None, "not_available"), ("н/д", None, "not_available"),
    ("x", None, "not_available"), ("х", None, "not_available"),
    (None, None, "empty"),
])
@pytest.mark.parametrize("suffix", ["xlsx", "xls", "csv"])
def test_cell_values(tmp_path, parse, raw, value, missing, suffix):
    rows = [("Акмолинская область", 1, 2, raw, 4), ("г. Алматы", 5, 6, 7, 8)]
    outcome = parse(write(tmp_path / f"kpssu.{suffix}", summary_sheet(rows, total=None)))
    assert outcome.status == "loaded", located(outcome)
    figure = figure_at(outcome, "D5")
    assert (figure.measure, figure.period.key()) == ("attempts", Y2023)
    assert (figure.value, figure.missing) == (value, missing)
    assert type(figure.value) is type(value)


@pytest.mark.parametrize("raw, words", [
    (2.5, ['count "2.5" is not a whole number']), ("2,5", ['count "2,5" is not a whole number']),
    (-3, ['count "-3" is negative']), ("-3", ['count "-3" is negative']),
    ("абв", ['"абв" is not a number']), ("15%", ["percentage"]),
])
@pytest.mark.parametrize("suffix", ["xlsx", "csv"])
def test_bad_counts_are_refused_naming_the_cell(tmp_path, parse, raw, words, suffix):
    rows = [("Акмолинская область", 1, 2, raw, 4), ("г. Алматы", 5, 6, 7, 8)]
    outcome = parse(write(tmp_path / f"kpssu.{suffix}", summary_sheet(rows, total=None)))
    assert outcome.status == "refused"
    [message] = errors(outcome)
    assert message["cell"] == "D5" and message["sheet"] == ("kpssu" if suffix == "csv" else "Лист1")
    assert all(w in message["text"] for w in words), message


@pytest.mark.parametrize("measure_col, value", [("B", 5000), ("D", 20000)])
def test_impossible_counts_are_refused(tmp_path, parse, measure_col, value):
    rows = [("Акмолинская область", 1, 2, 3, 4), ("г. Алматы", 5, 6, 7, 8)]
    row = list(rows[0])
    row["_BCDE".index(measure_col)] = value
    rows[0] = tuple(row)
    outcome = parse(write_xlsx(tmp_path / "kpssu.xlsx", summary_sheet(rows, total=None)))
    assert outcome.status == "refused"
    message = find_message(outcome, str(value), "impossible", level="error")
    assert message["cell"] == f"{measure_col}5"


def test_missing_figure_leaves_the_total_unchecked_with_a_warning(tmp_path, parse):
    rows = default_rows()
    rows[0] = (rows[0][0], "н/д", 2, 3, 4)
    outcome = parse(write_xlsx(tmp_path / "kpssu.xlsx", summary_sheet(rows, total_values=[64, 68, 132, 136])))
    assert outcome.status == "warning", located(outcome)
    assert find_message(outcome, "total cannot be checked", level="warning")["cell"] == "B9"
    assert figure_at(outcome, "B5").missing == "not_available"
