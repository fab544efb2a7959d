"""The briefing as PDF: HTML laid out by weasyprint, text kept as text (searchable), DejaVu fonts
embedded so that Kazakh letters (ә ғ қ ң ө ұ ү һ і) print wherever the file is opened."""
from __future__ import annotations

import base64
import html
from pathlib import Path

from briefings.document import Block

FONT_DIR = Path("/usr/share/fonts/truetype/dejavu")
# Fixed column widths (percent): weasyprint's automatic table layout measures every possible line
# break of every cell first, which made a briefing's tables most of its time.
COLUMN_WIDTHS = {"indicators": (18, 8, 9, 8, 12, 9, 12, 10, 14), "annex": (17, 18, 10, 23, 9, 13, 10)}
CSS = """
@font-face { font-family: "Briefing Sans"; src: url("%(regular)s"); }
@font-face { font-family: "Briefing Sans"; font-weight: bold; src: url("%(bold)s"); }
@page { size: A4; margin: 20mm 15mm 18mm 15mm;
        @top-center { content: "%(header)s"; font: 8pt "Briefing Sans"; color: %(header_colour)s; }
        @bottom-right { content: counter(page) " / " counter(pages); font: 8pt "Briefing Sans"; } }
body { font-family: "Briefing Sans"; font-size: 10pt; line-height: 1.35; color: #111; }
h1 { font-size: 20pt; margin: 0 0 4mm 0; } h2 { font-size: 14pt; margin: 7mm 0 2mm 0; }
p.subtitle { font-size: 13pt; font-weight: bold; }
p.small { font-size: 8pt; color: #444; }
p.notice { border-left: 3pt solid #0072B2; padding: 2mm 3mm; background: #F2F6FA; }
p.internal { border-left-color: #D55E00; font-weight: bold; background: #FCEFE8; }
p.illustrative { border-left-color: #E69F00; }
figure { margin: 2mm 0; } figure img { width: 100%%; } figcaption { font-size: 8pt; color: #444; }
table { border-collapse: collapse; width: 100%%; font-size: 7pt; table-layout: fixed; }
th, td { border: 0.5pt solid #999; padding: 1mm; vertical-align: top; text-align: left; }
th { background: #E8E8E8; } table.annex { font-size: 6.5pt; } td { overflow-wrap: anywhere; }
"""


def _font(name: str) -> str:
    return (FONT_DIR / name).as_uri()


def _block(block: Block) -> str:
    e = html.escape
    if block.kind == "heading":
        return f"<h{block.level + 1}>{e(block.text)}</h{block.level + 1}>"
    if block.kind == "paragraph":
        return f'<p class="{e(block.style)}">{e(block.text)}</p>'
    if block.kind == "notice":
        return f'<p class="notice {e(block.style)}">{e(block.text)}</p>'
    if block.kind == "bullets":
        return "<ul>" + "".join(f"<li>{e(item)}</li>" for item in block.items) + "</ul>"
    if block.kind == "image":
        data = base64.b64encode(block.image).decode("ascii")
        return (f'<figure><img src="data:image/png;base64,{data}" alt="{e(block.text)}">'
                f"<figcaption>{e(block.text)}</figcaption></figure>")
    if block.kind == "table":
        head, *body = block.rows
        cells = "".join(f"<th>{e(c)}</th>" for c in head)
        widths = COLUMN_WIDTHS.get(block.style, ())
        cols = "".join(f'<col style="width:{w}%">' for w in widths) if len(widths) == len(head) else ""
        rows = "".join("<tr>" + "".join(f"<td>{e(str(c))}</td>" for c in row) + "</tr>" for row in body)
        return f'<table class="{e(block.style)}"><colgroup>{cols}</colgroup><thead><tr>{cells}</tr></thead><tbody>{rows}</tbody></table>'
    raise ValueError(f"unknown block {block.kind!r}")


def to_html(blocks: list[Block], *, lang: str, header: str, internal: bool) -> str:
    css = CSS % {"regular": _font("DejaVuSans.ttf"), "bold": _font("DejaVuSans-Bold.ttf"),
                 "header": header.replace("\\", "\\\\").replace('"', '\\"'),
                 "header_colour": "#D55E00" if internal else "#444"}
    body = "\n".join(_block(b) for b in blocks)
    return (f'<!DOCTYPE html><html lang="{lang}"><head><meta charset="utf-8"><title>{html.escape(blocks[0].text)}'
            f"</title><style>{css}</style></head><body>{body}</body></html>")


def write(blocks: list[Block], path: Path, *, lang: str, header: str, internal: bool) -> Path:
    from weasyprint import HTML

    HTML(string=to_html(blocks, lang=lang, header=header, internal=internal)).write_pdf(path)
    return path
