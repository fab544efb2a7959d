"""The schema data/indicators.toml is checked against when it is read: every field of an
indicator, its type and its allowed values. A typo is reported naming the file, the indicator and
the field (with the closest known field name), instead of failing later with a KeyError."""
from __future__ import annotations

import difflib
from datetime import date

LANGS = ("kk", "ru", "en")
TEXT = str
NUMBER = (int, float)
TEXTS = {f"{field}_{lang}" for field in ("name", "definition", "unit", "sources", "responsible", "notes")
         for lang in LANGS} | {"sources", "responsible", "notes", "denominator"}
FIELDS = {"id": TEXT, "numerator": TEXT, "multiplier": NUMBER, "direction": TEXT, "poisson": bool,
          "baseline": dict, "target": dict, **dict.fromkeys(TEXTS, TEXT)}
REQUIRED = ("id", "name_en", "numerator")
CHOICES = {"direction": ("lower", "higher", "none")}
SUB_FIELDS = {"baseline": {"period": (str, int), "value": NUMBER},
              "target": {"value": NUMBER, "deadline": TEXT, "status": TEXT}}
SUB_CHOICES = {("target", "status"): ("official", "proposed")}


def problems(entry: dict, series: set[str]) -> list[tuple[str, str]]:
    """(field, what is wrong) for one [[indicator]] entry; empty when it is valid."""
    out = []
    for name in REQUIRED:
        if name not in entry:
            out.append((name, "is missing"))
    for name, value in entry.items():
        kind = FIELDS.get(name)
        if kind is None:
            near = difflib.get_close_matches(name, FIELDS, n=1)
            out.append((name, "is not a field of an indicator" + (f' (did you mean "{near[0]}"?)' if near else "")))
            continue
        if not _is(value, kind):
            out.append((name, f"must be {_kind_name(kind)}, found {value!r}"))
            continue
        if name in CHOICES and value not in CHOICES[name]:
            out.append((name, f"must be one of {', '.join(CHOICES[name])}, found {value!r}"))
        if name in ("numerator", "denominator") and value and value not in series:
            near = difflib.get_close_matches(value, series, n=1)
            out.append((name, f"names no series: {value!r}" + (f' (did you mean "{near[0]}"?)' if near else "")))
        if name in SUB_FIELDS:
            for sub, sub_value in value.items():
                sub_kind = SUB_FIELDS[name].get(sub)
                where = f"{name}.{sub}"
                if sub_kind is None:
                    out.append((where, "is not a known field"))
                elif not _is(sub_value, sub_kind):
                    out.append((where, f"must be {_kind_name(sub_kind)}, found {sub_value!r}"))
                elif (name, sub) in SUB_CHOICES and sub_value not in SUB_CHOICES[(name, sub)]:
                    out.append((where, f"must be one of {', '.join(SUB_CHOICES[(name, sub)])}, found {sub_value!r}"))
                elif sub == "deadline":
                    try:
                        date.fromisoformat(sub_value)
                    except ValueError:
                        out.append((where, f"must be a date YYYY-MM-DD, found {sub_value!r}"))
    return out


def _is(value, kind) -> bool:
    if kind is bool:
        return isinstance(value, bool)
    return isinstance(value, kind) and not isinstance(value, bool)


def _kind_name(kind) -> str:
    return {str: "a text", bool: "true or false", dict: "a table", NUMBER: "a number"}.get(kind, "a text or a number")
