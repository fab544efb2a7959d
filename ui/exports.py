"""Downloads that say what they are: CSV and formatted XLSX of one table, built from a frame and
its description (title, period, edition, source, the illustrative flag, the suppression legend).

Pure functions, frame -> bytes, with no Streamlit in them, so the files can be tested directly.
Text cells that a spreadsheet would take for a formula are neutralised (OWASP CSV injection):
the figures come from agency files whose labels, sheet and file names anyone could have typed.
"""
from __future__ import annotations

import csv
import io
import math
import re
from dataclasses import dataclass, field
from datetime import date, datetime

import numpy as np
import pandas as pd

from i18n import N_, translate
from ui import edition as editions

# A leading one of these makes Excel, LibreOffice or Google Sheets evaluate the cell.
FORMULA_PREFIXES = ("=", "+", "-", "@", "\t", "\r")
ILLUSTRATIVE_NOTE = N_("Illustrative sample data: the national totals match published figures, the regional "
                       "split is made up for demonstration. Not official statistics.")
SUPPRESSION_LEGEND = N_("\"<5\": a count from 1 to 4, hidden; \"x\": hidden to protect another cell.")
ILLUSTRATIVE_COLUMN = N_("Illustrative")
PROVISIONAL_NOTE = N_("Provisional data.")
INTEGER, NUMBER, BOOLEAN, DATE, STRING = "integer", "number", "boolean", "date", "string"


@dataclass(frozen=True)
class ExportInfo:
    """What an exported table is; every field ends up in the file itself."""
    title: str
    period: str
    sources: str  # the source agency and table (or files) as the page names them
    lang: str
    illustrative: bool
    provisional: bool = False
    edition: str = editions.PUBLIC
    notes: tuple[str, ...] = ()  # already translated
    created: date = field(default_factory=date.today)


def neutralise(value):
    """A text that would start a formula gets a leading apostrophe; anything else is unchanged."""
    if isinstance(value, str) and value.startswith(FORMULA_PREFIXES):
        return "'" + value
    return value


def one_line(text: str) -> str:
    """Notes stay on their own line: line breaks inside a note would start a data row."""
    return re.sub(r"[\r\n]+", " ", str(text))


def note_rows(info: ExportInfo) -> list[tuple[str, str]]:
    """(label, text) pairs that head every file, in the reader's language."""
    def t(msgid: str, **params) -> str:
        return translate(msgid, info.lang, **params)

    rows = [
        (t(N_("Title")), info.title),
        (t(N_("Period")), info.period),
        (t(N_("Edition")), t(editions.NAMES[info.edition])),
        (t(N_("Source")), info.sources),
        (t(ILLUSTRATIVE_COLUMN), f"{t(N_('yes'))}. {t(ILLUSTRATIVE_NOTE)}" if info.illustrative else t(N_("no"))),
        (t(N_("Suppression")), t(SUPPRESSION_LEGEND)),
    ]
    if info.provisional:
        rows.append((t(N_("Note")), t(PROVISIONAL_NOTE)))
    rows.extend((t(N_("Note")), note) for note in info.notes)
    rows.append((t(N_("Produced")), t(N_("CP Monitor, {day}"), day=info.created.isoformat())))
    return [(label, one_line(text)) for label, text in rows]


def with_flag(frame: pd.DataFrame, info: ExportInfo) -> pd.DataFrame:
    """The table with the illustrative flag as a column of its own."""
    table = frame.reset_index(drop=True).copy()
    table[translate(ILLUSTRATIVE_COLUMN, info.lang)] = bool(info.illustrative)
    return table


def _whole(values: pd.Series) -> bool:
    return bool(((values - values.round()).abs() < 1e-9).all())


def column_kind(values: pd.Series) -> str:
    """How a column is written: counts stay integers even when a missing value made them floats."""
    present = values.dropna()
    flags = len(present) and present.map(lambda v: isinstance(v, (bool, np.bool_))).all()
    if pd.api.types.is_bool_dtype(values) or flags:
        return BOOLEAN
    if pd.api.types.is_integer_dtype(values):
        return INTEGER
    if pd.api.types.is_numeric_dtype(values):
        return INTEGER if len(present) and _whole(present.astype(float)) else NUMBER
    if len(present) and present.map(lambda v: isinstance(v, (date, datetime, pd.Timestamp))).all():
        return DATE
    return STRING


def _missing(value) -> bool:
    if value is None or value is pd.NA or value is pd.NaT:
        return True
    return isinstance(value, float) and math.isnan(value)


def cell(value, kind: str):
    """A value as it goes into a file: None for missing, int for counts, neutralised text."""
    if _missing(value):
        return None
    if kind == INTEGER:
        return int(round(float(value)))
    if kind == NUMBER:
        return float(value)
    if kind == BOOLEAN:
        return bool(value)
    if kind == DATE:
        return value.date().isoformat() if isinstance(value, (datetime, pd.Timestamp)) else value.isoformat()
    return neutralise(str(value))


def rows(table: pd.DataFrame) -> tuple[list[str], list[str], list[list]]:
    """Header (neutralised), column kinds and the converted rows of ``table``."""
    kinds = [column_kind(table[c]) for c in table.columns]
    header = [neutralise(str(c)) for c in table.columns]
    body = [[cell(v, k) for v, k in zip(row, kinds)] for row in table.itertuples(index=False, name=None)]
    return header, kinds, body


def _csv_text(value) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, float):
        return repr(value)  # a point decimal separator, in every language
    return str(value)


def header_row_number(info: ExportInfo) -> int:
    """1-based line of the CSV header: the notes stand above it."""
    return len(note_rows(info)) + 1


def _quoted(text: str) -> str:
    buffer = io.StringIO()
    csv.writer(buffer, quoting=csv.QUOTE_ALL, lineterminator="").writerow([text])
    return buffer.getvalue()


def csv_bytes(frame: pd.DataFrame, info: ExportInfo) -> bytes:
    """UTF-8 with a byte-order mark (Excel then reads Cyrillic). Each note is one line, "# label"
    then the text; text cells are quoted, so ``pandas.read_csv(..., comment="#")`` reads the table
    and a label that begins with "#" is not taken for a note."""
    lines = ["# " + label.replace(",", " ").replace('"', "'") + "," + _quoted(neutralise(text))
             for label, text in note_rows(info)]
    header, kinds, body = rows(with_flag(frame, info))
    lines.append(",".join(_quoted(h) for h in header))
    for row in body:
        lines.append(",".join(_quoted(v) if k == STRING and v is not None else _csv_text(v)
                              for v, k in zip(row, kinds)))
    return ("\n".join(lines) + "\n").encode("utf-8-sig")


def xlsx_bytes(frame: pd.DataFrame, info: ExportInfo) -> bytes:
    """One sheet: the title, the notes, then the table under a frozen, bold header."""
    from openpyxl import Workbook
    from openpyxl.styles import Alignment, Font, PatternFill
    from openpyxl.utils import get_column_letter

    book = Workbook()
    sheet = book.active
    sheet.title = translate("Data", info.lang)[:31]
    notes = note_rows(info)
    sheet.append([neutralise(info.title)])
    sheet.cell(1, 1).font = Font(bold=True, size=14)
    for label, text in notes[1:]:
        sheet.append([neutralise(label), neutralise(text)])
        sheet.cell(sheet.max_row, 1).font = Font(bold=True)
    sheet.append([])
    header, kinds, body = rows(with_flag(frame, info))
    sheet.append(header)
    header_row = sheet.max_row
    fill = PatternFill("solid", fgColor="DDE7F0")
    for column in range(1, len(header) + 1):
        heading = sheet.cell(header_row, column)
        heading.font = Font(bold=True)
        heading.fill = fill
        heading.alignment = Alignment(wrap_text=True, vertical="top")
    formats = {INTEGER: "0", NUMBER: "0.0###"}
    for row in body:
        sheet.append(row)
        for column, (value, kind) in enumerate(zip(row, kinds), 1):
            target = sheet.cell(sheet.max_row, column)
            if kind == STRING and value is not None:
                target.data_type = "s"  # never a formula, whatever the text
            elif kind in formats:
                target.number_format = formats[kind]
    for column, name in enumerate(header, 1):
        longest = max([len(str(name))] + [len(_csv_text(r[column - 1])) for r in body[:500]])
        sheet.column_dimensions[get_column_letter(column)].width = min(max(longest + 2, 10), 60)
    sheet.freeze_panes = sheet.cell(header_row + 1, 1)
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def _plotly_text(text: str) -> str:
    """Plotly draws some HTML tags (links, bold) in text; file names must come out as typed."""
    return str(text).replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def _wrapped(text: str, width: int = 110) -> str:
    lines, line = [], ""
    for word in str(text).split(" "):
        if line and len(line) + 1 + len(word) > width:
            lines.append(line)
            line = word
        else:
            line = f"{line} {word}" if line else word
    return "<br>".join(_plotly_text(part) for part in [*lines, line])


def label_figure(fig, info: ExportInfo, title: str | None = None):
    """Put the title, period, edition, source and the illustrative label into the figure itself,
    so that its image (the camera button of the chart) says what it shows. ``title`` replaces the
    figure's own title; without it the figure keeps its title, or takes ``info.title``."""
    def t(msgid: str, **params) -> str:
        return translate(msgid, info.lang, **params)

    own = fig.layout.title.text
    heading = _plotly_text(title) if title else (own or _plotly_text(info.title))
    lines = [_plotly_text(f"{info.period} · {t(editions.NAMES[info.edition])}"),
             _wrapped(t(N_("Source: {sources}."), sources=info.sources))]
    if info.illustrative:
        lines.append(_wrapped("⚠ " + t(ILLUSTRATIVE_NOTE)))
    subtitle = "<br>".join(lines)
    # Room for the heading and every subtitle line above the plot, whatever the screen width.
    top = 22 * (heading.count("<br>") + 1) + 15 * (subtitle.count("<br>") + 1) + 40
    fig.update_layout(title=dict(text=heading, x=0, xanchor="left", yref="container", y=1, yanchor="top",
                                 pad=dict(t=14 + 16 * heading.count("<br>"), l=4), subtitle=dict(text=subtitle, font=dict(size=11, color="#444444"))),
                      margin=dict(t=top))
    return fig


def image_options(file_stem: str) -> dict:
    """Plotly's camera button: a PNG named after the download, twice the screen resolution."""
    return {"format": "png", "filename": file_stem, "scale": 2}
