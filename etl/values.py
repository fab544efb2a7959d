"""Cell values from hand-made agency tables: numbers typed many ways, dashes and "no data" marks.

A blank cell and a "no data" mark are both missing but mean different things to the analyst
(forgotten versus not collected), so they are kept apart; a dash is a typed zero.
"""
from __future__ import annotations

import math
import numbers
import re
from dataclasses import dataclass

from core.text import fold
from etl.messages import Message, N_, error
from etl.vocabulary import vocabulary

EMPTY = "empty"
NOT_AVAILABLE = "not_available"

_MARKS: list = [None]  # (vocabulary, frozenset of folded marks) as last read


def refresh_marks() -> frozenset[str]:
    """Read the not-available marks (data/vocabulary/common.toml, [values.not_available]) again if
    the file changed: once per file parsed, not once per cell."""
    vocab = vocabulary("common")
    if _MARKS[0] is None or _MARKS[0][0] is not vocab:
        _MARKS[0] = (vocab, frozenset(w.key for w in vocab.table("values")["not_available"].words))
    return _MARKS[0][1]


def _not_available_marks() -> frozenset[str]:
    return _MARKS[0][1] if _MARKS[0] is not None else refresh_marks()


def is_not_available_mark(text) -> bool:
    """The cell says the figure is not available ("н/д", "x", "деректер жоқ", "...")."""
    return isinstance(text, str) and (fold(text) in _not_available_marks() or bool(_ELLIPSIS.fullmatch(text.strip())))


_ELLIPSIS = re.compile(r"\.{2,}|…+")
_DASHES = "-‐‑‒–—―−"
_ZERO = re.compile(f"[{_DASHES}]+")
_FOOTNOTE = re.compile(r"(?:\s*[*¹²³⁴⁵⁶⁷⁸⁹⁰†‡])+$")
_SIGNED = re.compile(f"([{_DASHES}+])\\s*(?=[0-9])(.*)")
_BODY = re.compile(r"[0-9](?:[0-9 '’ʼ,.]*[0-9])?")
_DIGITS = re.compile(r"[0-9]+")
# "1,234" in a count: Russian tables use a comma for decimals, yet a count cannot be fractional,
# while English-locale exports group thousands with commas; so in a count a single comma followed
# by exactly three digits (and no other separator, first group without a leading zero) groups
# thousands, and anywhere else it is a decimal comma ("1,234" as a rate is 1.234).
_COMMA_THOUSANDS = re.compile(r"[1-9][0-9]{0,2},[0-9]{3}")

_NOT_A_NUMBER = N_('"{found}" is not a number')
_NEGATIVE = N_('count "{found}" is negative')
_FRACTIONAL = N_('count "{found}" is not a whole number')
_PERCENT = N_('"{found}" is a percentage where a count is expected')
_TOO_LARGE = N_('"{found}" is too large to be a figure')
_NOT_A_NUMBER_MARK = object()
_TOO_LARGE_MARK = object()
# No count or rate of these tables comes near this; beyond it a float no longer holds every digit.
LARGEST = 1e15


@dataclass(frozen=True)
class CellValue:
    value: float | int | None
    missing: str | None = None
    error: Message | None = None


def parse_number(raw) -> CellValue:
    """A number as typed in a cell; a percentage gives the number before its % sign."""
    value, missing, _ = _read(raw, comma_thousands=False)
    return _result(raw, value, missing)


def parse_count(raw) -> CellValue:
    """A whole number of cases, children, positions...: negative or fractional values are errors."""
    value, missing, percent = _read(raw, comma_thousands=True)
    if value is None or value is _NOT_A_NUMBER_MARK or value is _TOO_LARGE_MARK:
        return _result(raw, value, missing)
    if percent:
        return CellValue(None, None, error(_PERCENT, found=_shown(raw)))
    if value < 0:
        return CellValue(None, None, error(_NEGATIVE, found=_shown(raw)))
    if value != int(value):
        return CellValue(None, None, error(_FRACTIONAL, found=_shown(raw)))
    return CellValue(int(value))


def _result(raw, value, missing) -> CellValue:
    if value is _NOT_A_NUMBER_MARK:
        return CellValue(None, None, error(_NOT_A_NUMBER, found=_shown(raw)))
    if value is _TOO_LARGE_MARK:
        return CellValue(None, None, error(_TOO_LARGE, found=_shown(raw)))
    return CellValue(value, missing)


def _read(raw, *, comma_thousands: bool):
    """(value, missing, percent), value being _NOT_A_NUMBER_MARK when the cell holds no number."""
    bad = (_NOT_A_NUMBER_MARK, None, False)
    if raw is None:
        return None, EMPTY, False
    # Booleans (and numpy's bool_) are numbers to Python but never a figure in these tables.
    if isinstance(raw, bool) or type(raw).__name__ == "bool_":
        return bad
    if isinstance(raw, numbers.Integral):
        return (int(raw), None, False) if abs(raw) < LARGEST else (_TOO_LARGE_MARK, None, False)
    if isinstance(raw, numbers.Real):
        x = float(raw)
        if math.isnan(x):  # pandas reads a blank cell as NaN
            return None, EMPTY, False
        if not math.isfinite(x):
            return bad
        return (x, None, False) if abs(x) < LARGEST else (_TOO_LARGE_MARK, None, False)
    if not isinstance(raw, str):
        return bad
    text = " ".join(raw.split())
    if not text:
        return None, EMPTY, False
    text = _FOOTNOTE.sub("", text) or text
    if _ZERO.fullmatch(text):
        return 0, None, False
    if fold(text) in _not_available_marks() or _ELLIPSIS.fullmatch(text):
        return None, NOT_AVAILABLE, False
    percent = text.endswith("%")
    if percent:
        text = text[:-1].rstrip()
    negative = False
    signed = _SIGNED.fullmatch(text)
    if signed:
        negative, text = signed.group(1) != "+", signed.group(2)
    value = _number(text, comma_thousands)
    if value is None:
        return bad
    if value is _TOO_LARGE_MARK or abs(value) >= LARGEST:
        return _TOO_LARGE_MARK, None, False
    return (-value if negative else value), None, percent


def _number(body: str, comma_thousands: bool) -> int | float | None:
    if not _BODY.fullmatch(body):
        return None
    commas, points = body.count(","), body.count(".")
    if commas and points:
        decimal = "," if body.rfind(",") > body.rfind(".") else "."
    elif commas == 1 and not (comma_thousands and _COMMA_THOUSANDS.fullmatch(body)):
        decimal = ","
    elif points == 1:
        decimal = "."
    else:
        decimal = None  # separators repeated: they can only group thousands
    whole, _, fraction = body.partition(decimal) if decimal else (body, "", "")
    if decimal and (decimal in fraction or not _DIGITS.fullmatch(fraction)):
        return None
    separators = set(re.sub(r"[0-9]", "", whole))
    if len(separators) > 1:
        return None
    groups = whole.split(separators.pop()) if separators else [whole]
    if len(groups) > 1 and (len(groups[0]) > 3 or any(len(g) != 3 for g in groups[1:])):
        return None
    digits = "".join(groups)
    if len(digits.lstrip("0")) > 16:  # converting thousands of digits is itself slow (and limited)
        return _TOO_LARGE_MARK
    return float(f"{digits}.{fraction}") if decimal else int(digits)


def _shown(raw) -> str:
    """The cell as the analyst typed it, short enough for a message."""
    if isinstance(raw, float) and raw.is_integer() and abs(raw) < LARGEST:
        shown = str(int(raw))
    else:
        shown = " ".join(str(raw).split())
    return shown if len(shown) <= 40 else shown[:39] + "…"
