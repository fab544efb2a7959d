"""CPCR snapshot of the PSC network: centres, branches, positions and specialists by region."""
from __future__ import annotations

from etl.figures import Figure, ParsedFile
from etl.messages import N_, warning
from etl.reading import Sheet
from etl.sources import region_columns as rc

ID = "psc_network"
KINDS = ("specialists_psychologist", "specialists_social_pedagogue", "specialists_lawyer",
         "specialists_crisis_psychologist", "specialists_other")
SPEC = rc.Spec(ID)


def score(text: str) -> int:
    return SPEC.score(text)


def parse(sheet: Sheet, result: ParsedFile) -> None:
    rc.parse(SPEC, sheet, result)
    if result.errors:
        return
    _derive(result)
    for (region, period, _), got in rc.figures_by(result, "positions_authorised", "positions_filled").items():
        authorised, filled = got.get("positions_authorised"), got.get("positions_filled")
        if authorised and filled and None not in (authorised.value, filled.value) and filled.value > authorised.value:
            result.messages.append(warning(N_('filled positions ({filled}) exceed authorised positions ({authorised}) '
                                              'in row "{label}" ({region})'),
                                           sheet=filled.sheet, cell=filled.cell, filled=int(filled.value),
                                           authorised=int(authorised.value), **rc.row_named(filled)))


def _derive(result: ParsedFile) -> None:
    """Fill in what the form left implicit: a centre counts where one is named or staffed, and the
    specialists total is the sum of the kinds when no total column is given. The total row gets
    nothing derived: its kinds are checked against the regions already, a sum of them would only
    repeat the same discrepancy at a made-up cell."""
    for target in (result.figures,):
        units: dict[tuple, dict[str, Figure]] = {}
        for f in target:
            units.setdefault((f.region_code, f.period, f.sex), {})[f.measure] = f
        for (region, period, sex), got in units.items():
            anchor = got.get("positions_authorised") or next(iter(got.values()))
            if "centres" not in got and region is not None:
                staffed = (got.get("positions_authorised") and (got["positions_authorised"].value or 0) > 0)
                has_centre = 1 if ("centre_name" in got or staffed) else 0
                target.append(Figure(region, period, "centres", has_centre, anchor.sheet, anchor.cell, sex=sex))
            kinds = [got[k] for k in KINDS if k in got]
            if "specialists" not in got and kinds and all(k.value is not None for k in kinds):
                target.append(Figure(region, period, "specialists", sum(k.value for k in kinds), kinds[0].sheet,
                                     "+".join(k.cell for k in kinds), sex=sex))
