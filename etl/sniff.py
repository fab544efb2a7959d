"""What a file really is, from its content: offices rename files freely (an .xls saved as .xlsx,
a web page saved as .xls), so the extension only names the file, it never picks the reader.

``sniff`` answers one of XLSX, XLS, HTML or TEXT, or refuses the file saying what it is and how
to turn it into something that can be loaded.
"""
from __future__ import annotations

import mmap
import os
import re
import stat
import zipfile
from pathlib import Path

from etl.messages import N_, Refused, Translatable, error

XLSX, XLS, HTML, TEXT = "xlsx", "xls", "html", "text"
OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
ZIP_MAGICS = (b"PK\x03\x04", b"PK\x05\x06")
BOMS = ((b"\xef\xbb\xbf", "utf-8-sig"), (b"\xff\xfe", "utf-16"), (b"\xfe\xff", "utf-16"))
HEAD_BYTES = 64 * 1024

_ENCRYPTED = N_("file is encrypted (password protected); save it without a password")
_OTHER_KIND = N_("file is {kind}, not an Excel workbook: open it, then save the table as .xlsx")
_BINARY = N_("file is not a spreadsheet (binary content)")

_BINARY_KIND = N_("file is not a spreadsheet (binary content: {kind})")
# (bytes the file starts with, what it is, the message)
_SIGNATURES = (
    (b"%PDF", N_("a PDF document"), _OTHER_KIND),
    (b"{\\rtf", N_("an RTF document"), _OTHER_KIND),
    (b"\x89PNG", N_("a picture"), _BINARY_KIND), (b"\xff\xd8\xff", N_("a picture"), _BINARY_KIND),
    (b"GIF8", N_("a picture"), _BINARY_KIND),
    (b"Rar!", N_("a RAR archive"), _BINARY_KIND), (b"7z\xbc\xaf", N_("a 7-Zip archive"), _BINARY_KIND),
    (b"\x1f\x8b", N_("a gzip archive"), _BINARY_KIND),
)


def _ole_name(name: str) -> bytes:
    """A stream name as stored in an OLE directory entry: UTF-16LE ending in a NUL character."""
    return (name + "\0").encode("utf-16-le")


def sniff(path: Path) -> str:
    """The reader the file needs; refuses what is not a readable spreadsheet."""
    check_regular_file(path)
    with path.open("rb") as fh:
        head = fh.read(HEAD_BYTES)
    if not head:
        raise Refused(error(N_("file is empty")))
    if head.startswith(ZIP_MAGICS):
        return _sniff_zip(path)
    if head.startswith(OLE_MAGIC):
        return _sniff_ole(path)
    for magic, kind, msgid in _SIGNATURES:
        if head.startswith(magic):
            raise Refused(error(msgid, kind=Translatable(kind)))
    text = decode_head(head)
    if text is None:
        raise Refused(error(_BINARY))
    return _sniff_text(text)


def check_regular_file(path: Path) -> None:
    # stat, never open: opening a named pipe would wait for a writer for ever
    try:
        mode = os.stat(path).st_mode
    except FileNotFoundError:
        raise Refused(error(N_("file not found")))
    except OSError as exc:
        raise Refused(error(N_("file cannot be opened ({reason})"), reason=exc.strerror or str(exc)))
    if stat.S_ISREG(mode):
        return
    if stat.S_ISDIR(mode):
        kind = N_("a folder")
    elif stat.S_ISFIFO(mode):
        kind = N_("a named pipe")
    elif stat.S_ISSOCK(mode):
        kind = N_("a network socket")
    else:
        kind = N_("a device")
    raise Refused(error(N_("this is {kind}, not a file: save the table as a .xlsx file and load that file"),
                        kind=Translatable(kind)))


def _sniff_zip(path: Path) -> str:
    try:
        with zipfile.ZipFile(path) as zf:
            names = set(zf.namelist())
            mimetype = zf.read("mimetype")[:100] if "mimetype" in names else b""
    except (zipfile.BadZipFile, OSError, EOFError, KeyError, ValueError):  # cut short in transfer or damaged
        raise Refused(error(N_("file cannot be read as a spreadsheet ({reason})"),
                            reason=Translatable(N_("damaged or incomplete ZIP archive"))))
    if "xl/workbook.xml" in names:
        return XLSX
    if "xl/workbook.bin" in names:
        kind = N_("an Excel binary workbook (.xlsb)")
    elif b"opendocument.spreadsheet" in mimetype:
        kind = N_("an OpenDocument spreadsheet (.ods)")
    elif "word/document.xml" in names or b"opendocument.text" in mimetype:
        kind = N_("a text document")
    elif "ppt/presentation.xml" in names:
        kind = N_("a presentation")
    else:
        raise Refused(error(N_("file is not a spreadsheet (a ZIP archive without an Excel workbook)")))
    raise Refused(error(_OTHER_KIND, kind=Translatable(kind)))


def _sniff_ole(path: Path) -> str:
    with path.open("rb") as fh, mmap.mmap(fh.fileno(), 0, access=mmap.ACCESS_READ) as data:
        def holds(name: str) -> bool:
            return data.find(_ole_name(name)) >= 0

        if holds("EncryptedPackage"):
            raise Refused(error(_ENCRYPTED))
        if holds("Workbook") or holds("Book"):
            return XLS
        if holds("WordDocument"):
            kind = N_("a Word document (.doc)")
        elif holds("PowerPoint Document"):
            kind = N_("a PowerPoint presentation (.ppt)")
        elif data.find("__substg1.0_".encode("utf-16-le")) >= 0:
            kind = N_("an Outlook message (.msg)")
        elif holds("Root Entry"):
            kind = N_("an Office file of another kind")
        else:
            raise Refused(error(N_("file cannot be read as a spreadsheet ({reason})"), reason=Translatable(N_("damaged compound document"))))
    raise Refused(error(_OTHER_KIND, kind=Translatable(kind)))


def text_encoding(data: bytes) -> str | None:
    """The encoding of text content, or None for binary content."""
    for bom, encoding in BOMS:
        if data.startswith(bom):
            return encoding
    sample = data[:4096]
    if len(sample) >= 4 and sample.count(0) * 3 >= len(sample):  # UTF-16 without a byte order mark
        odd_zeros = sample[1::2].count(0)
        return "utf-16-le" if odd_zeros > sample[0::2].count(0) else "utf-16-be"
    if b"\x00" in sample:
        return None
    try:
        data.decode("utf-8")
        return "utf-8"
    except UnicodeDecodeError as exc:
        # the head may end inside a character: that is still UTF-8
        if exc.start >= len(data) - 3 and len(data) >= HEAD_BYTES - 3:
            return "utf-8"
    return "cp1251"


def decode_head(head: bytes) -> str | None:
    encoding = text_encoding(head)
    if encoding is None:
        return None
    text = head.decode(encoding, errors="replace")
    if "\x00" in text:
        return None
    return text


_XML_SPREADSHEET = re.compile(r"urn:schemas-microsoft-com:office:spreadsheet|<\?mso-application\s+progid=\"excel\.sheet\"",
                              re.IGNORECASE)
_HTML = re.compile(r"<(?:!doctype\s+html|html|table|body|head|meta)\b", re.IGNORECASE)


def _sniff_text(text: str) -> str:
    start = text.lstrip("\ufeff \t\r\n")[:2048]
    if start.lower().startswith("mime-version:"):
        raise Refused(error(_OTHER_KIND, kind=Translatable(N_("a web archive (.mht)"))))
    if start.startswith("<?xml") or start.startswith("<Workbook"):
        if _XML_SPREADSHEET.search(text) and not re.search(r"<html\b", start, re.IGNORECASE):
            raise Refused(error(N_("file is an Excel 2003 XML spreadsheet, which cannot be read: open it in Excel and "
                                   "save it as .xlsx")))
        if not _HTML.search(text):
            raise Refused(error(_OTHER_KIND, kind=Translatable(N_("an XML file"))))
    if _HTML.search(start) or (start.startswith("<") and re.search(r"<table\b", text, re.IGNORECASE)):
        return HTML
    return TEXT
