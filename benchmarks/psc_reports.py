"""2,400 monthly PSC reports for the benchmark: the sample writer's report form for every region
and month from September 2015 (regions created in 2022 from July 2022), each with the figures
of one of that centre's sample months, so that every file is a distinct, valid report."""
from __future__ import annotations

from pathlib import Path

COUNT = 2400
CREATED_2022 = ("KZ-10", "KZ-33", "KZ-62")


def months(code: str) -> list[tuple[int, int]]:
    first = (2022, 7) if code in CREATED_2022 else (2015, 9)
    out, (y, m) = [], first
    while (y, m) <= (2026, 10):
        out.append((y, m))
        y, m = (y + 1, 1) if m == 12 else (y, m + 1)
    return out


def write_reports(directory: Path, count: int = COUNT) -> list[Path]:
    import openpyxl

    from etl.sample import psc_activity as form

    directory.mkdir(parents=True, exist_ok=True)
    plan = sorted(((code, y, m) for code in form.PSC_OPENED for y, m in months(code)), key=lambda t: (t[1], t[2], t[0]))
    plan = plan[-count:]
    real = {code: form.report_months(code) for code in form.PSC_OPENED}
    original = form.report_values

    def values(code, year, month):  # the figures of one of the centre's own sample months
        y, m = real[code][(year * 12 + month) % len(real[code])]
        return original(code, y, m)

    form.report_values = values
    written = []
    try:
        for code, year, month in plan:
            book = openpyxl.Workbook()
            _fill = form._fill_sheet  # the sample writer's report layout, reused as it is
            _fill(book.active, code, year, month)
            path = directory / form.file_name(code, year, month)
            book.save(path)
            written.append(path)
    finally:
        form.report_values = original
    return written
