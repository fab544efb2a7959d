"""Read, recognise, parse and check one file; nothing here writes to the warehouse."""
from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

from etl import checks, regions, values
from etl.figures import ParsedFile
from etl.limits import Limits
from etl.messages import N_, Message, Refused, error, info
from etl.reading import Workbook, file_sha256, read_workbook
from etl.sources import detect, sources

SPREADSHEET_SUFFIXES = {".xlsx", ".xls", ".csv"}


@dataclass
class FileOutcome:
    path: Path
    parsed: ParsedFile
    sha256: str | None = None
    status: str = "refused"
    messages: list[Message] = field(default_factory=list)
    peak_mb: float | None = None  # the worker's peak memory, when read in a worker
    seconds: float | None = None

    @property
    def file_name(self) -> str:
        return self.path.name


def parse_files(paths: list[Path], *, source: str | None = None, today: date | None = None) -> list[FileOutcome]:
    """Parse and check files in worker processes (see ``etl.workers``); outcomes in input order."""
    from etl.workers import parse_in_workers

    return parse_in_workers(list(paths), source=source, today=today)


def parse_file(path: str | Path, *, source: str | None = None, today: date | None = None,
               limits: Limits | None = None) -> FileOutcome:
    """Parse and check a file; the outcome's status is "refused" when anything is wrong."""
    path = Path(path)
    regions.refresh_words()  # the shared wordings, read again once per file if they were edited
    values.refresh_marks()
    try:
        return _parse_file(path, source, today, limits)
    except MemoryError:
        raise
    except Exception as exc:  # noqa: BLE001  a file must never end a batch with a traceback
        message = error(N_("the file could not be read: unexpected error ({reason}); please report it with the file"),
                        reason=f"{type(exc).__name__}: {exc}")
        return FileOutcome(path, ParsedFile(source or "unknown"), _sha_or_none(path), "refused", [message])


def _sha_or_none(path: Path) -> str | None:
    try:
        return file_sha256(path) if path.is_file() else None
    except OSError:
        return None


def _parse_file(path: Path, source: str | None, today: date | None, limits: Limits | None) -> FileOutcome:
    try:
        book = read_workbook(path, limits)
    except Refused as refusal:
        return FileOutcome(path, ParsedFile(source or "unknown"), _sha_or_none(path), "refused", refusal.messages)
    parsed = _parse_book(book, source)
    if not parsed.errors and not parsed.figures:
        parsed.messages.append(error(N_("no figures found in the file")))
    if not parsed.errors:
        checks.run_all(parsed, today)
    messages = book.notes + parsed.messages
    status = "refused" if parsed.errors else ("warning" if any(m.level == "warning" for m in messages) else "loaded")
    return FileOutcome(path, parsed, book.sha256, status, messages)


def _parse_book(book: Workbook, forced: str | None) -> ParsedFile:
    parsed: ParsedFile | None = None
    skipped = []
    known = sources()
    for sheet in book.sheets:
        source = forced or detect(sheet, known)
        if source is None:
            skipped.append(sheet)
            continue
        if isinstance(source, tuple):
            return ParsedFile("unknown", messages=[error(
                N_("the sheet matches two sources equally well ({first} and {second}); it is not guessed: "
                   "load it with {option}, or add wordings that tell them apart to the vocabulary"),
                sheet=sheet.name, first=source[0], second=source[1], option="--source")])
        if source not in known:
            return ParsedFile(source, messages=[error(N_('unknown source "{source}"'), source=source)])
        if parsed is None:
            parsed = ParsedFile(source)
        elif parsed.source != source:
            parsed.messages.append(error(N_('sheet holds a different source ({found}) from the first data sheet ({expected})'),
                                         sheet=sheet.name, found=source, expected=parsed.source))
            continue
        try:
            known[source].parse(sheet, parsed)
        except Refused as refusal:
            parsed.messages.extend(refusal.messages)
    if parsed is None:
        return ParsedFile("unknown", messages=[error(N_("the file matches no known source: no header with the expected keywords found"))])
    for sheet in skipped:
        parsed.messages.append(info(N_("sheet skipped: it holds no recognised table"), sheet=sheet.name))
    return parsed


def expand_inputs(items: list[str | Path]) -> list[Path]:
    """Files named directly, plus the spreadsheets inside named folders, in a stable order."""
    files: list[Path] = []
    for item in map(Path, items):
        if item.is_dir():
            files.extend(sorted(p for p in item.rglob("*") if p.is_file() and p.suffix.lower() in SPREADSHEET_SUFFIXES
                                and not p.name.startswith(("~$", "."))))
        else:
            files.append(item)
    return files
