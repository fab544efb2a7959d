"""Checks that a parsed file must pass before anything of it is stored."""
from __future__ import annotations

from datetime import date

from etl import regions
from core.contracts import spec, spec_ids
from etl.figures import Figure, ParsedFile
from etl.messages import N_, Measures, error, warning

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
            if f.label:
                parsed.messages.append(error(N_('region "{label}" ({region}) did not exist in {period}: it was created '
                                                'on 8 June 2022'), sheet=f.sheet, cell=f.cell, label=f.label,
                                             region=region, period=f.period))
            else:
                parsed.messages.append(error(N_("{region} did not exist in {period}: it was created on 8 June 2022"),
                                             sheet=f.sheet, cell=f.cell, region=region, period=f.period))


def check_duplicates(parsed: ParsedFile) -> None:
    seen: dict[tuple, Figure] = {}
    for f in parsed.figures:
        first = seen.setdefault(f.key(), f)
        if first is f:
            continue
        region = regions.region_by_code(f.region_code)
        if f.label is None:
            parsed.messages.append(error(N_("{region} appears twice for {period} (first at {first_cell})"),
                                         sheet=f.sheet, cell=f.cell, region=region, period=f.period,
                                         first_cell=f"{first.sheet}!{first.cell}"))
            continue
        cells = [first.label_cell or first.cell, f.label_cell or f.cell]
        if first.sheet != f.sheet:
            cells = [f"{first.sheet}!{cells[0]}", f"{f.sheet}!{cells[1]}"]
        same = " ".join(first.label.split()) == " ".join(f.label.split())
        msgid = (N_('region "{label}" ({region}) appears twice for {period} (cells {first_cell} and {cell_2})') if same
                 else N_('region "{label}" ({region}) appears twice for {period} (cells {first_cell}, written '
                         '"{first_label}", and {cell_2})'))
        parsed.messages.append(error(msgid, sheet=f.sheet, cell=f.cell, label=f.label.strip(), region=region,
                                     period=f.period, first_cell=cells[0], cell_2=cells[1],
                                     first_label=first.label.strip()))


def check_plausible(parsed: ParsedFile) -> None:
    """Each measure's plausible range for one region and period comes from the source's contract
    (data/sources/<id>.toml): typing slips (an extra digit) and a table read as the wrong source (a
    suicide table taken for population would give "3 children") are caught here. PSC reports
    check their own per-centre limits."""
    if parsed.source not in spec_ids() or parsed.source == "psc_activity":
        return
    measures = spec(parsed.source).measures
    for f in parsed.figures:
        m = measures.get(f.measure)
        if m is None or f.value is None or m.plausible(f.value):
            continue
        named = {"label": f.label.strip(), "region": regions.region_by_code(f.region_code)} \
            if f.label and f.region_code else None
        if m.high is not None and f.value > m.high:
            msgid = (N_('{value} is impossible for one region and period (at most {limit} expected): row "{label}" '
                        '({region})') if named else
                     N_("{value} is impossible for one region and period (at most {limit} expected)"))
            parsed.messages.append(error(msgid, sheet=f.sheet, cell=f.cell, value=_fmt(f.value), limit=_fmt(m.high),
                                         **(named or {})))
        else:
            msgid = (N_('{measure} = {value} is outside the plausible range for one region and period ({low} to '
                        '{high}): is this the right table? (row "{label}", {region})') if named else
                     N_("{measure} = {value} is outside the plausible range for one region and "
                        "period ({low} to {high}): is this the right table?"))
            parsed.messages.append(error(msgid, sheet=f.sheet, cell=f.cell, measure=Measures(parsed.source, f.measure),
                                         value=_fmt(f.value),
                                         low=_fmt(m.low), high=_fmt(m.high), **(named or {})))


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

