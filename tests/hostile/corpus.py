"""Odd, broken and hostile files of the kinds that arrive by e-mail, written to disk by the tests.

Each case is a function writing one file into a folder and returning its path, with what a
loader must do with it: load it (and which figure proves it was read right), or refuse it with
words of the message and, where there is one, the cell. Crafted .xlsx files start from a real
openpyxl workbook whose sheet XML is then edited, the way other generators write it.
"""
from __future__ import annotations

import os
import socket
import zipfile
from dataclasses import dataclass, field
from pathlib import Path

from helpers import default_rows, summary_sheet, write_csv, write_xls, write_xlsx

SHEET = "xl/worksheets/sheet1.xml"
# The figure at C5 (completed suicides, 2024, first region) of every good table below.
GOOD_CELL, GOOD_VALUE = "C5", 2


@dataclass
class Case:
    name: str
    make: object  # folder -> Path
    expect: str  # "loaded" or "refused"
    words: tuple[str, ...] = ()
    cell: str | None = None
    env: dict = field(default_factory=dict)


def good_sheet():
    return summary_sheet(default_rows())


def rewrite_sheet(src: Path, dst: Path, edit=None, stream=None) -> Path:
    """Copy an .xlsx, replacing its first sheet's XML by ``edit(xml)`` or by the chunks of ``stream``."""
    with zipfile.ZipFile(src) as zin, zipfile.ZipFile(dst, "w", zipfile.ZIP_DEFLATED, compresslevel=1) as zout:
        for item in zin.infolist():
            if item.filename != SHEET:
                zout.writestr(item, zin.read(item.filename))
            elif stream is None:
                zout.writestr(SHEET, edit(zin.read(SHEET).decode("utf-8")))
            else:
                with zout.open(SHEET, "w", force_zip64=True) as out:
                    for chunk in stream:
                        out.write(chunk)
    return dst


def _good_xlsx(folder: Path) -> Path:
    return write_xlsx(folder / "_base.xlsx", good_sheet())


def _add_cell(folder: Path, name: str, ref: str, row: int) -> Path:
    extra = f'<row r="{row}"><c r="{ref}" t="inlineStr"><is><t>x</t></is></c></row></sheetData>'
    return rewrite_sheet(_good_xlsx(folder), folder / name, lambda xml: xml.replace("</sheetData>", extra))


def far_corner(folder: Path) -> Path:
    """One cell at the last column and row: the Excel reader would ask for 512 GiB."""
    return _add_cell(folder, "corner.xlsx", "XFD1048576", 1048576)


def far_down(folder: Path) -> Path:
    """One stray cell far down the sheet (CV100000); <dimension> still says A1:E9."""
    return _add_cell(folder, "far_down.xlsx", "CV100000", 100000)


def cell_bomb(folder: Path) -> Path:
    """3 million cells without references (they take their places in order) under a <dimension> of A1."""
    head = (b'<?xml version="1.0" encoding="UTF-8"?><worksheet xmlns="http://schemas.openxmlformats.org/'
            b'spreadsheetml/2006/main"><dimension ref="A1"/><sheetData>')
    row = b"<row>" + b"<c><v>1</v></c>" * 1000 + b"</row>"
    return rewrite_sheet(_good_xlsx(folder), folder / "bomb_cells.xlsx",
                         stream=[head, *([row * 100] * 30), b"</sheetData></worksheet>"])


def size_bomb(folder: Path) -> Path:
    """A few hundred KB that unpack to 300 MB."""
    head = (b'<?xml version="1.0" encoding="UTF-8"?><worksheet xmlns="http://schemas.openxmlformats.org/'
            b'spreadsheetml/2006/main"><sheetData>')
    block = b"<row><c><v>1</v></c></row>" * 40_000
    return rewrite_sheet(_good_xlsx(folder), folder / "bomb_size.xlsx",
                         stream=[head, *([block] * 300), b"</sheetData></worksheet>"])


def _formulas(folder: Path, name: str, cached: bool) -> Path:
    """The total row (row 9) as SUM formulas, with or without their saved results."""
    def edit(xml: str) -> str:
        for col, total in zip("BCDE", (sum(r[i] for r in default_rows()) for i in range(1, 5))):
            old = f'<c r="{col}9" t="n"><v>{total}</v></c>'
            assert old in xml, old
            value = f"<v>{total}</v>" if cached else "<v></v>"
            xml = xml.replace(old, f'<c r="{col}9"><f>SUM({col}5:{col}8)</f>{value}</c>')
        return xml
    return rewrite_sheet(_good_xlsx(folder), folder / name, edit)


def formulas_without_results(folder: Path) -> Path:
    return _formulas(folder, "no_results.xlsx", cached=False)


def formulas_with_results(folder: Path) -> Path:
    return _formulas(folder, "with_results.xlsx", cached=True)


def _rows_with(label_value) -> list:
    rows = default_rows()
    rows[1] = (rows[1][0], label_value, *rows[1][2:])
    return rows


def long_number_csv(folder: Path) -> Path:
    return write_csv(folder / "long_number.csv", summary_sheet(_rows_with("9" * 400), total=None))


def long_number_xlsx(folder: Path) -> Path:
    return write_xlsx(folder / "long_number.xlsx", summary_sheet(_rows_with("9" * 400), total=None))


def huge_label_xlsx(folder: Path) -> Path:
    """A 5-million-character label (openpyxl keeps Excel's 32,767 characters of it)."""
    rows = default_rows()
    rows.insert(2, ("Ж" * 5_000_000, 1, 1, 1, 1))
    return write_xlsx(folder / "huge_label.xlsx", summary_sheet(rows, total=None))


def huge_inline_text(folder: Path) -> Path:
    """A cell of 200,000 characters, beyond Excel's own 32,767, as another generator can write it."""
    cell = f'<row r="20"><c r="A20" t="inlineStr"><is><t>{"Ж" * 200_000}</t></is></c></row></sheetData>'
    return rewrite_sheet(_good_xlsx(folder), folder / "huge_inline.xlsx", lambda xml: xml.replace("</sheetData>", cell))


def huge_label_csv(folder: Path) -> Path:
    rows = default_rows()
    rows.insert(2, ("Ж" * 5_000_000, 1, 1, 1, 1))
    return write_csv(folder / "huge_label.csv", summary_sheet(rows, total=None))


def xls_named_xlsx(folder: Path) -> Path:
    return write_xls(folder / "real_xls.xlsx", good_sheet())


def xlsx_named_xls(folder: Path) -> Path:
    path = write_xlsx(folder / "_tmp.xlsx", good_sheet())
    return path.rename(folder / "real_xlsx.xls")


def html_as_xls(folder: Path) -> Path:
    """A web system's "export to Excel": an HTML table, Windows-1251, with a script that must not run."""
    spec = good_sheet()
    cells = []
    for r, row in enumerate(spec.rows, 1):
        tds = []
        for c, value in enumerate(row):
            if r == 3 and c == 0:
                tds.append('<td rowspan="2">Регион</td>')
            elif r == 3 and c in (1, 3):
                tds.append(f'<th colspan="2">{value}</th>')
            elif r in (3, 4) and (c == 0 or (r == 3 and c in (2, 4))):
                continue
            else:
                tds.append(f"<td>{'' if value is None else value}</td>")
        cells.append("<tr>" + "".join(tds) + "</tr>")
    page = ('<html><head><meta http-equiv="Content-Type" content="text/html; charset=windows-1251">'
            '<script>document.write("<img src=http://example.invalid/x.png>")</script></head><body>'
            f'<table border="1">{"".join(cells)}</table></body></html>')
    path = folder / "web_export.xls"
    path.write_bytes(page.encode("cp1251"))
    return path


def utf16_text(folder: Path) -> Path:
    """Excel's "Unicode text": UTF-16 with a byte order mark, tab separated."""
    return write_csv(folder / "unicode.txt.csv", good_sheet(), encoding="utf-16", delimiter="\t")


def utf8_bom_csv(folder: Path) -> Path:
    return write_csv(folder / "bom.csv", good_sheet(), encoding="utf-8-sig")


def million_empty_rows(folder: Path) -> Path:
    path = write_csv(folder / "empty_rows.csv", good_sheet())
    with path.open("ab") as fh:
        fh.write(b";;;\r\n" * 1_000_000)
    return path


def spreadsheet_2003(folder: Path) -> Path:
    path = folder / "xml2003.xls"
    path.write_text('<?xml version="1.0"?>\n<?mso-application progid="Excel.Sheet"?>\n'
                    '<Workbook xmlns="urn:schemas-microsoft-com:office:spreadsheet" '
                    'xmlns:ss="urn:schemas-microsoft-com:office:spreadsheet"><Worksheet ss:Name="Лист1"><Table>'
                    '<Row><Cell><Data ss:Type="String">Регион</Data></Cell></Row></Table></Worksheet></Workbook>',
                    encoding="utf-8")
    return path


def word_document(folder: Path) -> Path:
    """An OLE compound file holding a Word document, not a workbook."""
    from helpers import encrypted_ole

    path = encrypted_ole(folder / "letter.xls")
    data = path.read_bytes()
    old = "EncryptedPackage".encode("utf-16-le") + b"\0\0"
    new = "WordDocument".encode("utf-16-le") + b"\0\0"
    path.write_bytes(data.replace(old, new + b"\0" * (len(old) - len(new))))
    return path


def named_pipe(folder: Path) -> Path:
    path = folder / "pipe.xlsx"
    os.mkfifo(path)
    return path


def unix_socket(folder: Path) -> Path:
    path = folder / "socket.xlsx"
    sock = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
    sock.bind(str(path))
    sock.close()  # the socket file stays on disk
    return path


def device(folder: Path) -> Path:
    path = folder / "device.xlsx"
    path.symlink_to("/dev/zero")
    return path


def _xls_with_far_cell(folder: Path, name: str, row: int, col: int) -> Path:
    import xlwt

    book = xlwt.Workbook(encoding="utf-8")
    sheet = book.add_sheet("Лист1")
    for r, line in enumerate(good_sheet().rows):
        for c, value in enumerate(line):
            if value not in (None, ""):
                sheet.write(r, c, value)
    sheet.write(row, col, 1)
    path = folder / name
    book.save(str(path))
    return path


def xls_far_corner(folder: Path) -> Path:
    """An .xls with one cell at IV65536: the reader would build 16.7 million cells when opening it."""
    return _xls_with_far_cell(folder, "corner.xls", 65535, 255)


def reader_crash(folder: Path) -> Path:
    """An .xls within the limits (IV7000, 1.8 million cells) read with too little memory: the
    reader's allocation fails and it aborts, as it would on any file its native code chokes on."""
    return _xls_with_far_cell(folder, "crash.xls", 6999, 255)


def bad_date_xlsx(folder: Path) -> Path:
    """A title cell formatted as a date whose serial number is no date at all."""
    from openpyxl import load_workbook

    path = write_xlsx(folder / "bad_date.xlsx", good_sheet())
    book = load_workbook(path)
    book.active["A1"].number_format = "dd.mm.yyyy"
    book.save(path)
    return rewrite_sheet(path, folder / "bad_date_serial.xlsx", _date_serial)


def _date_serial(xml: str) -> str:
    start = xml.index('<c r="A1"')
    end = xml.index("</c>", start) + 4
    style = xml[start:end].split(' s="')[1].split('"')[0]
    return xml[:start] + f'<c r="A1" s="{style}"><v>1e300</v></c>' + xml[end:]


def invalid_date_period(folder: Path) -> Path:
    """A period heading that is no date: 31 February."""
    return write_xlsx(folder / "invalid_date.xlsx", summary_sheet(default_rows(), periods=("31.02.2024", "2024")))


REFUSE_RANGE = ("used range", "is too large", "delete the rows and columns")
CASES = [
    Case("corner", far_corner, "refused", REFUSE_RANGE + ("XFD1048576",)),
    Case("far_down", far_down, "refused", REFUSE_RANGE + ("CV100000",)),
    Case("cell_bomb", cell_bomb, "refused", ("more than 2000000 cells", "delete the rows and columns")),
    Case("size_bomb", size_bomb, "refused", ("unpacks to 298 MB", "limit of 200 MB")),
    Case("no_results", formulas_without_results, "refused", ("formula", "save it again", "4 such cells"), "B9"),
    Case("with_results", formulas_with_results, "loaded"),
    Case("long_number_csv", long_number_csv, "refused", ("too large to be a figure", "…"), "B6"),
    Case("long_number_xlsx", long_number_xlsx, "refused", ("too large to be a figure", "…"), "B6"),
    Case("huge_label_xlsx", huge_label_xlsx, "refused", ("ЖЖЖ", "…\" is not known"), "A7"),
    Case("huge_inline_text", huge_inline_text, "refused", ("longer than 100000 characters",), "A20"),
    Case("huge_label_csv", huge_label_csv, "refused", ("longer than 100000 characters",)),
    Case("xls_named_xlsx", xls_named_xlsx, "loaded"),
    Case("xlsx_named_xls", xlsx_named_xls, "loaded"),
    Case("html_as_xls", html_as_xls, "loaded"),
    Case("utf16_text", utf16_text, "loaded"),
    Case("utf8_bom_csv", utf8_bom_csv, "loaded"),
    Case("million_empty_rows", million_empty_rows, "loaded"),
    Case("spreadsheet_2003", spreadsheet_2003, "refused", ("Excel 2003 XML", "save it as .xlsx")),
    Case("word_document", word_document, "refused", ("Word document", "save the table as .xlsx")),
    Case("named_pipe", named_pipe, "refused", ("named pipe", "not a file")),
    Case("unix_socket", unix_socket, "refused", ("socket", "not a file")),
    Case("device", device, "refused", ("a device", "not a file")),
    Case("xls_far_corner", xls_far_corner, "refused", REFUSE_RANGE + ("IV65536",)),
    Case("reader_crash", reader_crash, "refused", ("reader stopped", "SIGABRT", "save it again as .xlsx"),
         env={"CPM_READ_MEMORY_MB": "40"}),
    Case("bad_date", bad_date_xlsx, "loaded"),
    Case("invalid_date_period", invalid_date_period, "refused", ("31.02.2024", "cannot be read"), "B4"),
]
