"""Which revisions of stored figures are harmful enough to be held until a user confirms them.

A corrected file replaces figures as a new revision. One that moves a regional figure, or the
national sum of the regions it revises, by more than a share of the old value (default 10%) is
far more often a wrong file (a January-September table read as the whole year, another
measure's column) than a correction, so it is held: it changes nothing until accepted.
"""
from __future__ import annotations

from etl.figures import ParsedFile
from etl.messages import N_, Measures, Message, Translatable, warning
from etl.periods import Period
from etl.regions import region_by_code

NATIONAL = N_("Kazakhstan (sum of the regions revised)")


def harmful_revisions(parsed: ParsedFile, current: dict, incoming: dict, files: dict, share: float) -> list[Message]:
    """Messages for every revised figure (unit, sex, age) that moves by more than ``share``.

    ``current`` and ``incoming`` map a unit (region, period kind, start, end, measure) to
    {(sex, age): (value, missing)}; ``files`` the unit to the file its current figures came from.
    """
    cells = {(f.region_code, f.period.kind, f.period.start, f.period.end, f.measure, f.sex, f.age_group): f
             for f in parsed.figures}
    out: list[Message] = []
    national: dict[tuple, list[float]] = {}
    for unit, old_figures in sorted(current.items(), key=lambda kv: str(kv[0])):
        for breakdown, (old, _) in old_figures.items():
            new = incoming[unit].get(breakdown, (None, None))[0]
            if old is None or new is None:
                continue
            sums = national.setdefault((*unit[1:], *breakdown), [0.0, 0.0, files.get(unit)])
            sums[0] += old
            sums[1] += new
            if _moves(old, new, share):
                figure = cells.get((*unit, *breakdown))
                out.append(_held(figure.sheet if figure else None, figure.cell if figure else None,
                                 region_by_code(unit[0]), unit, old, new, files.get(unit), parsed.source))
    if not out:
        for (kind, start, end, measure, sex, age), (old, new, file) in national.items():
            if _moves(old, new, share):
                out.append(_held(None, None, Translatable(NATIONAL), (None, kind, start, end, measure), old, new, file,
                                  parsed.source))
    return out


def _moves(old: float, new: float, share: float) -> bool:
    if old == 0:
        return False  # no share of nothing: a first count where there was none is a correction
    return abs(new - old) / abs(old) > share


def _held(sheet, cell, region, unit, old, new, file, source: str) -> Message:
    period = Period(unit[2], unit[3], unit[1])
    return warning(N_("revision held: {region}, {measure}, {period}: {old} → {new} (the current figure came from "
                      "{old_file}); nothing of this file is stored unless the revision is confirmed ({option})"),
                   sheet=sheet, cell=cell, region=region, measure=Measures(source, unit[4]), period=period, old=_fmt(old),
                   new=_fmt(new), old_file=file or "?", option="--accept-revisions")


def _fmt(value: float):
    return int(value) if float(value).is_integer() else value
