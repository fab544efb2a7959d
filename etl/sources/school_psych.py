"""CPCR school psychological service by school year: schools, pupils, psychologists, the norm."""
from __future__ import annotations

from etl.figures import ParsedFile
from etl.messages import N_, error, warning
from etl.reading import Sheet
from etl.sources import region_columns as rc

ID = "school_psych"
SPEC = rc.Spec(ID)


def score(text: str) -> int:
    return SPEC.score(text)


def parse(sheet: Sheet, result: ParsedFile) -> None:
    rc.parse(SPEC, sheet, result)
    if result.errors:
        return
    for got in rc.figures_by(result, "schools", "schools_meeting_norm", "psychologists", "positions_due").values():
        schools, met = got.get("schools"), got.get("schools_meeting_norm")
        if schools and met and None not in (schools.value, met.value) and met.value > schools.value:
            result.messages.append(error(N_("schools meeting the norm ({met}) exceed the number of schools ({schools})"),
                                         sheet=met.sheet, cell=met.cell, met=int(met.value), schools=int(schools.value)))
        psych, due = got.get("psychologists"), got.get("positions_due")
        if psych and due and None not in (psych.value, due.value) and due.value and psych.value > 2 * due.value:
            result.messages.append(warning(N_("psychologists ({found}) are more than twice the positions due ({due})"),
                                           sheet=psych.sheet, cell=psych.cell, found=int(psych.value), due=int(due.value)))
