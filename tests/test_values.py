from datetime import date

import pytest

from etl.messages import ERROR
from etl.values import EMPTY, NOT_AVAILABLE, CellValue, parse_count, parse_number


@pytest.mark.parametrize("raw, value", [
    (0, 0), (5, 5), (5.0, 5.0), (1.5, 1.5), (-3, -3),
    ("5", 5), ("  5 ", 5), ("007", 7), ("+5", 5),
    ("1 234", 1234), ("1\u00a0234", 1234), ("1\u202f234", 1234), ("1\u2009234", 1234),
    ("1 234 567", 1234567), ("1'234", 1234), ("1’234", 1234),
    ("12,5", 12.5), ("12.5", 12.5), ("0,125", 0.125), ("1 234,5", 1234.5),
    ("1.234,5", 1234.5), ("1,234.5", 1234.5), ("1,234,567", 1234567), ("12,0", 12.0),
    # one comma and three digits: a decimal comma for a general number (see parse_count)
    ("1,234", 1.234),
    ("-", 0), ("–", 0), ("—", 0), ("−", 0), ("--", 0), ("-*", 0),
    ("12*", 12), ("12¹", 12), ("12 **", 12), ("1 234²", 1234),
    ("12,5%", 12.5),  # the number as written, not divided by 100
    ("-5", -5), ("− 5", -5), ("–5", -5), ("-1,5", -1.5),
])
def test_parse_number_values(raw, value):
    cell = parse_number(raw)
    assert cell == CellValue(value)
    assert type(cell.value) is type(value)


@pytest.mark.parametrize("raw, missing", [
    (None, EMPTY), ("", EMPTY), ("   ", EMPTY), ("\u00a0", EMPTY), (float("nan"), EMPTY),
    ("...", NOT_AVAILABLE), ("…", NOT_AVAILABLE), ("..", NOT_AVAILABLE),
    ("н/д", NOT_AVAILABLE), ("Н/Д", NOT_AVAILABLE), ("x", NOT_AVAILABLE),
    ("X", NOT_AVAILABLE), ("х", NOT_AVAILABLE), ("Х", NOT_AVAILABLE),
    ("нет данных", NOT_AVAILABLE), ("Нет  данных", NOT_AVAILABLE), ("n/a", NOT_AVAILABLE),
    ("N/A", NOT_AVAILABLE), ("д/ж", NOT_AVAILABLE), ("деректер жоқ", NOT_AVAILABLE),
    ("н/д*", NOT_AVAILABLE),
])
@pytest.mark.parametrize("parse", [parse_number, parse_count])
def test_missing(parse, raw, missing):
    assert parse(raw) == CellValue(None, missing)


@pytest.mark.parametrize("raw, found", [
    ("abc", "abc"), ("12 34", "12 34"), ("1.2.3", "1.2.3"), ("1,234,5", "1,234,5"),
    ("5-", "5-"), ("*", "*"), ("%", "%"), ("1e3", "1e3"), ("12 (3)", "12 (3)"),
    (True, "True"), (False, "False"), (float("inf"), "inf"), (date(2024, 1, 1), "2024-01-01"),
    ("x" * 60, "x" * 39 + "…"),
])
@pytest.mark.parametrize("parse", [parse_number, parse_count])
def test_not_a_number(parse, raw, found):
    cell = parse(raw)
    assert (cell.value, cell.missing) == (None, None)
    assert cell.error.level == ERROR
    assert (cell.error.sheet, cell.error.cell) == (None, None)
    assert cell.error.text() == f'"{found}" is not a number'


@pytest.mark.parametrize("raw, value", [
    (0, 0), (5, 5), (5.0, 5), ("5", 5), ("1 234", 1234), ("1\u00a0234", 1234),
    ("1'234", 1234), ("12,0", 12), ("-", 0), ("—", 0), ("12*", 12), ("+5", 5),
    # one comma and three digits in a count groups thousands (a count cannot be fractional)
    ("1,234", 1234), ("1,500", 1500), ("12,345,678", 12345678),
])
def test_parse_count_values(raw, value):
    cell = parse_count(raw)
    assert cell == CellValue(value)
    assert type(cell.value) is int


@pytest.mark.parametrize("raw, text", [
    (-3, 'count "-3" is negative'), (-3.0, 'count "-3" is negative'),
    ("-5", 'count "-5" is negative'), ("− 5", 'count "− 5" is negative'),
    (1.5, 'count "1.5" is not a whole number'), ("12,5", 'count "12,5" is not a whole number'),
    ("12.5", 'count "12.5" is not a whole number'), ("1,5", 'count "1,5" is not a whole number'),
    ("0,125", 'count "0,125" is not a whole number'),  # leading zero: not thousands
    ("1 234,567", 'count "1 234,567" is not a whole number'),  # spaces group, comma decimal
    ("1.234", 'count "1.234" is not a whole number'),  # a point is always decimal
    ("12%", '"12%" is a percentage where a count is expected'),
    ("12,5 %", '"12,5 %" is a percentage where a count is expected'),
])
def test_parse_count_errors(raw, text):
    cell = parse_count(raw)
    assert (cell.value, cell.missing) == (None, None)
    assert cell.error.level == ERROR
    assert cell.error.text() == text


def test_error_can_be_located_by_the_caller():
    cell = parse_count("abc")
    assert cell.error.msgid == '"{found}" is not a number'
    assert cell.error.params == {"found": "abc"}
