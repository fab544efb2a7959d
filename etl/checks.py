"""Checks that a parsed file must pass before anything of it is stored."""
from __future__ import annotations

from datetime import date

from etl import regions
from etl.figures import Figure, ParsedFile
from etl.messages import N_, error, warning

# Above these a figure for one region and period cannot be real; typing slips (an extra digit,
# a population pasted into the wrong column) are caught here.
PLAUSIBLE_MAX = {"completed": 2_000, "attempts": 10_000}
REFORM_DATE = date(2022, 6, 8)


def run_all(parsed: ParsedFile, today: date | None = None) -> None:
    today = today or date.today()
    check_future(parsed, today)
    check_created(parsed)
    check_duplicates(parsed)
    check_plausible(parsed)
    check_totals(parsed)


def check_future(parsed: ParsedFile, today: date) -> None:
    for f in parsed.figures + parsed.totals:
        if f.period.end > today:
            parsed.messages.append(error(N_("the period {period} lies in the future"), sheet=f.sheet, cell=f.cell,
                                         period=f.period))
            return


def check_created(parsed: ParsedFile) -> None:
    if parsed.current_boundaries:
        return
    for f in parsed.figures:
        region = regions.region_by_code(f.region_code)
        if region.created and f.period.end < REFORM_DATE and f.value is not None:
            parsed.messages.append(error(N_("{region} did not exist in {period}: it was created on 8 June 2022"),
                                         sheet=f.sheet, cell=f.cell, region=region, period=f.period))


def check_duplicates(parsed: ParsedFile) -> None:
    seen: dict[tuple, Figure] = {}
    for f in parsed.figures:
        first = seen.setdefault(f.key(), f)
        if first is not f:
            parsed.messages.append(error(N_("{region} appears twice for {period} (first at {first_cell})"),
                                         sheet=f.sheet, cell=f.cell, region=regions.region_by_code(f.region_code),
                                         period=f.period, first_cell=f"{first.sheet}!{first.cell}"))


def check_plausible(parsed: ParsedFile) -> None:
    for f in parsed.figures:
        limit = PLAUSIBLE_MAX.get(f.measure)
        if limit is not None and f.value is not None and f.value > limit:
            parsed.messages.append(error(N_("{value} is impossible for one region and period (at most {limit} expected)"),
                                         sheet=f.sheet, cell=f.cell, value=int(f.value), limit=limit))


def _parts_of(total: Figure, figures: list[Figure]) -> list[Figure]:
    """The figures a total row adds up: same period and measure, its region (or all regions),
    at the finest breakdown the file gives for every dimension the total leaves open."""
    parts = [f for f in figures if f.period == total.period and f.measure == total.measure
             and (total.region_code is None or f.region_code == total.region_code)]
    for dim in ("sex", "age_group"):
        wanted = getattr(total, dim)
        if wanted != "all":
            parts = [f for f in parts if getattr(f, dim) == wanted]
        elif any(getattr(f, dim) != "all" for f in parts):
            parts = [f for f in parts if getattr(f, dim) != "all"]
    return parts


def check_totals(parsed: ParsedFile) -> None:
    for total in parsed.totals:
        if total.value is None:
            continue
        parts = _parts_of(total, parsed.figures)
        if not parts:
            continue
        if any(p.value is None for p in parts):
            parsed.messages.append(warning(N_("the total cannot be checked: some regions have no figure"),
                                           sheet=total.sheet, cell=total.cell))
            continue
        found = sum(p.value for p in parts)
        if abs(found - total.value) > 1e-9:
            parsed.messages.append(error(N_("the regions add up to {found}, but the total row says {total}"),
                                         sheet=total.sheet, cell=total.cell, found=_fmt(found), total=_fmt(total.value)))


def _fmt(value: float):
    return int(value) if float(value).is_integer() else value

