"""The briefing as DOCX, for the Ombudsman's staff to edit: Word's own heading and list styles,
real tables, charts as pictures, and the edition line in every page's header."""
from __future__ import annotations

import io
from pathlib import Path

from docx import Document
from docx.shared import Cm, Pt, RGBColor

from briefings.document import Block

FONT = "Arial"  # has the Kazakh letters and is on every Word installation
NOTICE_COLOURS = {"internal": RGBColor(0xD5, 0x5E, 0x00), "illustrative": RGBColor(0x99, 0x66, 0x00)}


def _table(doc, block: Block) -> None:
    head, *body = block.rows
    table = doc.add_table(rows=1, cols=len(head))
    table.style = "Table Grid"
    for cell, value in zip(table.rows[0].cells, head):
        cell.text = value
        for run in cell.paragraphs[0].runs:
            run.bold = True
    for row in body:
        cells = table.add_row().cells
        for cell, value in zip(cells, row):
            cell.text = str(value)
    size = Pt(7 if block.style == "annex" else 7.5)
    for row in table.rows:
        for cell in row.cells:
            for paragraph in cell.paragraphs:
                for run in paragraph.runs:
                    run.font.size = size


def write(blocks: list[Block], path: Path, *, header: str, internal: bool) -> Path:
    doc = Document()
    normal = doc.styles["Normal"]
    normal.font.name = FONT
    normal.font.size = Pt(10)
    section = doc.sections[0]
    section.left_margin = section.right_margin = Cm(1.8)
    top = section.header.paragraphs[0]
    run = top.add_run(header)
    run.font.size = Pt(8)
    if internal:
        run.bold = True
        run.font.color.rgb = NOTICE_COLOURS["internal"]
    doc.core_properties.title = blocks[0].text
    width = section.page_width - section.left_margin - section.right_margin
    for block in blocks:
        if block.kind == "heading":
            doc.add_heading(block.text, level=block.level)
        elif block.kind == "paragraph":
            paragraph = doc.add_paragraph(block.text, style="Subtitle" if block.style == "subtitle" else None)
            if block.style == "small":
                for r in paragraph.runs:
                    r.font.size = Pt(8)
        elif block.kind == "notice":
            paragraph = doc.add_paragraph(style="Intense Quote")
            r = paragraph.add_run(block.text)
            if block.style in NOTICE_COLOURS:
                r.font.color.rgb = NOTICE_COLOURS[block.style]
        elif block.kind == "bullets":
            for item in block.items:
                doc.add_paragraph(item, style="List Bullet")
        elif block.kind == "image":
            doc.add_picture(io.BytesIO(block.image), width=width)
            doc.add_paragraph(block.text, style="Caption")
        elif block.kind == "table":
            _table(doc, block)
        else:
            raise ValueError(f"unknown block {block.kind!r}")
    doc.save(path)
    return path
