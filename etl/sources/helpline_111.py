"""CPCR figures of the 111 contact centre: children's appeals by channel and what followed."""
from __future__ import annotations

from etl.figures import ParsedFile
from etl.messages import N_, error, warning
from etl.reading import Sheet
from etl.sources import region_columns as rc

ID = "helpline_111"
SPEC = rc.Spec(ID)


def score(text: str) -> int:
    return SPEC.score(text)


def parse(sheet: Sheet, result: ParsedFile) -> None:
    rc.parse(SPEC, sheet, result)
    if result.errors:
        return
    for got in rc.figures_by(result, "appeals_qr", "appeals_phone", "appeals_total", "children_supported").values():
        total, parts = got.get("appeals_total"), [got.get("appeals_qr"), got.get("appeals_phone")]
        if total and all(parts) and None not in (total.value, *(p.value for p in parts)):
            if sum(p.value for p in parts) != total.value:
                result.messages.append(error(N_("appeals by QR code and by phone add up to {found}, but the total says {total}"),
                                             sheet=total.sheet, cell=total.cell, found=int(sum(p.value for p in parts)),
                                             total=int(total.value)))
        supported = got.get("children_supported")
        if total and supported and None not in (total.value, supported.value) and supported.value > total.value:
            result.messages.append(warning(N_("more children supported ({found}) than appeals ({total})"),
                                           sheet=supported.sheet, cell=supported.cell, found=int(supported.value),
                                           total=int(total.value)))
