"""Bureau of National Statistics: children aged 0-17 (and all ages) by region on 1 January."""
from __future__ import annotations

from etl.figures import ParsedFile
from etl.messages import N_, error
from etl.periods import SNAPSHOT
from etl.reading import Sheet
from etl.sources import region_columns as rc
from etl.sources.region_columns import Measure

ID = "population"
CHILD_WORDS = ("0-17", "0–17", "детей", "дети", "балалар", "children", "до 18", "несовершеннолет", "кәмелетке")
SPEC = rc.Spec(
    id=ID,
    measures=(
        Measure("children", CHILD_WORDS),
        Measure("population", ("населен", "халық", "population"), unless=CHILD_WORDS),
    ),
    required=("children",),
    period_kind=SNAPSHOT,
    signature=(("численност", "населен", "халық", "population", "саны"), CHILD_WORDS),
    by_sex=True,
    year_is_january=True,
    measure_in_title=True,
)


def score(text: str) -> int:
    return SPEC.score(text) + (2 if "0-17" in text or "0–17" in text else 0)


def parse(sheet: Sheet, result: ParsedFile) -> None:
    rc.parse(SPEC, sheet, result)
    if result.errors:
        return
    for got in rc.figures_by(result, "children", "population").values():
        children, everyone = got.get("children"), got.get("population")
        if children and everyone and None not in (children.value, everyone.value) and children.value > everyone.value:
            result.messages.append(error(N_("children ({children}) exceed the whole population ({population})"),
                                         sheet=children.sheet, cell=children.cell, children=int(children.value),
                                         population=int(everyone.value)))
