"""Write a table the way agencies lay out their forms, as .xlsx, .xls or .csv.

A form has title lines, a header of one or two rows (group headings merged over their columns),
a row of column numbers, data rows and footnotes.
"""
from __future__ import annotations

import csv
from dataclasses import dataclass, field
from pathlib import Path


@dataclass
class Form:
    title: list[str]
    label_heading: str
    groups: list[tuple[str, list[str]]]  # (group heading, column headings); "" group = single-row column
    rows: list[tuple[str, list]]
    footnotes: list[str] = field(default_factory=list)
    numbered: bool = True
    column_numbers: bool = True
    sheet_name: str = "Лист1"

    def header_lines(self) -> tuple[list, list]:
        top, bottom = (["№ п/п"] if self.numbered else []) + [self.label_heading], \
                      ([""] if self.numbered else []) + [""]
        for group, columns in self.groups:
            for i, column in enumerate(columns):
                top.append(group if (group and i == 0) else ("" if group else column))
                bottom.append(column if group else "")
        return top, bottom

    def body(self) -> list[list]:
        lines = []
        number = 0
        for label, values in self.rows:
            is_region = not label.lower().startswith(("республика", "итого", "всего", "барлығы", "қазақстан"))
            number += is_region
            lead = [number if (self.numbered and is_region) else ""] if self.numbered else []
            lines.append(lead + [label] + list(values))
        return lines


def write_xlsx(form: Form, path: Path) -> Path:
    import openpyxl
    from openpyxl.styles import Alignment, Font

    book = openpyxl.Workbook()
    ws = book.active
    ws.title = form.sheet_name
    for r, line in enumerate(form.title, 1):
        ws.cell(r, 1, line).font = Font(bold=True)
    # openpyxl's append() skips empty rows, so every row is placed by number.
    header_row = len(form.title) + 2
    top, bottom = form.header_lines()
    for c, (upper, lower) in enumerate(zip(top, bottom), 1):
        ws.cell(header_row, c, upper or None)
        ws.cell(header_row + 1, c, lower or None)
    lead = len(top) - sum(len(c) for _, c in form.groups)
    for c in range(1, lead + 1):
        ws.merge_cells(start_row=header_row, start_column=c, end_row=header_row + 1, end_column=c)
    col = lead + 1
    for group, columns in form.groups:
        if group:
            ws.merge_cells(start_row=header_row, start_column=col, end_row=header_row, end_column=col + len(columns) - 1)
        else:
            ws.merge_cells(start_row=header_row, start_column=col, end_row=header_row + 1, end_column=col)
        col += len(columns)
    for row in ws.iter_rows(min_row=header_row, max_row=header_row + 1):
        for cell in row:
            cell.alignment = Alignment(horizontal="center", vertical="center", wrap_text=True)
            cell.font = Font(bold=True)
    r = header_row + 2
    if form.column_numbers:
        for c in range(len(top)):
            ws.cell(r, c + 1, c + 1)
        r += 1
    for line in form.body():
        for c, value in enumerate(line, 1):
            ws.cell(r, c, None if value == "" else value)
        r += 1
    r += 1
    for note in form.footnotes:
        ws.cell(r, 1, note)
        r += 1
    ws.column_dimensions["B" if form.numbered else "A"].width = 34
    book.save(path)
    return path


def write_xls(form: Form, path: Path) -> Path:
    import xlwt

    book = xlwt.Workbook(encoding="utf-8")
    ws = book.add_sheet(form.sheet_name)
    bold = xlwt.easyxf("font: bold on; align: wrap on, vert centre, horiz centre")
    r = 0
    for line in form.title:
        ws.write(r, 0, line, xlwt.easyxf("font: bold on"))
        r += 1
    r += 1
    top, bottom = form.header_lines()
    lead = len(top) - sum(len(c) for _, c in form.groups)
    for c in range(lead):
        ws.write_merge(r, r + 1, c, c, top[c], bold)
    c = lead
    for group, columns in form.groups:
        if group:
            ws.write_merge(r, r, c, c + len(columns) - 1, group, bold)
            for i, column in enumerate(columns):
                ws.write(r + 1, c + i, column, bold)
        else:
            ws.write_merge(r, r + 1, c, c, columns[0], bold)
        c += len(columns)
    r += 2
    if form.column_numbers:
        for c in range(len(top)):
            ws.write(r, c, c + 1)
        r += 1
    for line in form.body():
        for c, value in enumerate(line):
            if value != "":
                ws.write(r, c, value)
        r += 1
    r += 1
    for note in form.footnotes:
        ws.write(r, 0, note)
        r += 1
    ws.col(1 if form.numbered else 0).width = 34 * 256
    book.save(str(path))
    return path


def write_csv(form: Form, path: Path, *, encoding: str = "cp1251", delimiter: str = ";") -> Path:
    top, bottom = form.header_lines()
    with path.open("w", encoding=encoding, newline="") as fh:
        out = csv.writer(fh, delimiter=delimiter)
        for line in form.title:
            out.writerow([line])
        out.writerow([])
        out.writerow(top)
        if any(bottom):
            out.writerow(bottom)
        for line in form.body():
            out.writerow(line)
        out.writerow([])
        for note in form.footnotes:
            out.writerow([note])
    return path


def write(form: Form, path: Path) -> Path:
    writer = {".xlsx": write_xlsx, ".xls": write_xls, ".csv": write_csv}[path.suffix.lower()]
    return writer(form, path)
