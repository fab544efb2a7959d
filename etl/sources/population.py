"""Bureau of National Statistics: children aged 0-17 (and all ages) by region on 1 January."""
from __future__ import annotations

from etl.figures import ParsedFile
from etl.messages import N_, error
from etl.reading import Sheet
from etl.sources import region_columns as rc

ID = "population"
SPEC = rc.Spec(ID)


def score(text: str) -> int:
    return SPEC.score(text)


def parse(sheet: Sheet, result: ParsedFile) -> None:
    rc.parse(SPEC, sheet, result)
    if result.errors:
        return
    for got in rc.figures_by(result, "children", "population").values():
        children, everyone = got.get("children"), got.get("population")
        if children and everyone and None not in (children.value, everyone.value) and children.value > everyone.value:
            result.messages.append(error(N_('children ({children}) exceed the whole population ({population}) in '
                                            'row "{label}" ({region})'),
                                         sheet=children.sheet, cell=children.cell, children=int(children.value),
                                         population=int(everyone.value), **rc.row_named(children)))
