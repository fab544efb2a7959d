"""Files a data manager uploads in the browser: received, checked by the same code as
``python -m etl validate``, previewed, and loaded by the same code as ``python -m etl load``.

An upload is written to a staging folder (complete or not at all, ``etl.originals.stage``), read
and checked in a worker process (``etl.pipeline.parse_files``: the bytes are only ever read as
data, never opened by an application that could run their macros), and its change is worked out on
a scratch copy of the warehouse (``etl.preview``). Nothing reaches the warehouse before ``load``.
"""
from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass, field, replace
from pathlib import Path

import pandas as pd

from etl import originals
from etl.figures import ParsedFile
from etl.limits import env_number
from etl.messages import N_, Message, Translatable, error
from etl.pipeline import SPREADSHEET_SUFFIXES, FileOutcome, parse_files
from etl.preview import Change, preview

LIMIT_ENV = "CPM_UPLOAD_MAX_MB"
DEFAULT_LIMIT_MB = 20
GRID_ROWS, GRID_COLUMNS = 100, 30  # of a sheet shown in the browser
_CELL = re.compile(r"\b([A-Z]{1,3})([1-9][0-9]*)\b")
# What a cell of the grid is, strongest first: a cell named by an error outranks one that was used.
ERROR, WARNING, USED, IGNORED, FIGURE = "error", "warning", "used", "ignored", "figure"
_RANK = {ERROR: 0, WARNING: 1, IGNORED: 2, USED: 3, FIGURE: 4}


def limit_mb() -> float:
    return env_number(LIMIT_ENV, DEFAULT_LIMIT_MB)


@dataclass
class Checked:
    """One uploaded file, checked: the outcome of the check and, for a file that would load, the change."""
    name: str
    sha256: str
    outcome: FileOutcome
    change: Change | None = None
    path: Path | None = None  # the staged copy (None when the file was refused before it was kept)
    grids: list[Grid] = field(default_factory=list)

    @property
    def status(self) -> str:
        return self.change.status if self.change is not None else self.outcome.status

    @property
    def periods(self) -> list:
        return sorted({f.period for f in self.outcome.parsed.figures}, key=lambda p: (p.start, p.end))


@dataclass
class Grid:
    """A sheet as the browser shows it: the cells' text, and what each marked cell is."""
    sheet: str
    cells: pd.DataFrame  # text, columns A, B, ..., index the row numbers 1, 2, ...
    marks: dict[tuple[int, int], str]  # (row, column) 0-based -> ERROR, WARNING, USED, IGNORED or FIGURE
    clipped: bool


def check(data: bytes, name: str, warehouse: str | Path | None = None, *,
          headline: tuple[str, ...] = ()) -> Checked:
    """Receive and check one uploaded file; nothing is written to the warehouse."""
    sha = hashlib.sha256(data).hexdigest()
    refusal = _refusal(data, name)
    if refusal is not None:
        outcome = FileOutcome(Path(originals.safe_name(name)), ParsedFile("unknown"), sha, "refused", [refusal])
        return Checked(originals.safe_name(name), sha, outcome)
    path = originals.stage(data, name, warehouse)
    return recheck(Checked(path.name, sha, None, path=path), warehouse, headline=headline)


def recheck(checked: Checked, warehouse: str | Path | None = None, *, headline: tuple[str, ...] = ()) -> Checked:
    """Check a staged file again (after a wording was taught)."""
    [outcome] = parse_files([checked.path])
    change = preview(outcome, warehouse, headline=headline) if outcome.status != "refused" else None
    return Checked(checked.name, checked.sha256, outcome, change, checked.path, grids(checked.path, outcome))


# The revision guard tells a command-line user how to confirm (its option); the page asks for a tick.
CONFIRM_ON_PAGE = N_("the tick below")


def as_on_page(message: Message) -> Message:
    """A held-revision message as the Upload page shows it: confirmed by the tick, not by an option."""
    if "option" not in message.params:
        return message
    return replace(message, params={**message.params, "option": Translatable(CONFIRM_ON_PAGE)})


def _refusal(data: bytes, name: str) -> Message | None:
    limit = limit_mb()
    if len(data) > limit * 1024 * 1024:
        return error(N_("the file is {size} MB, over the upload limit of {limit} MB (set by {setting})"),
                     size=round(len(data) / 1024 / 1024, 1), limit=number(limit), setting=LIMIT_ENV)
    if Path(name).suffix.lower() not in SPREADSHEET_SUFFIXES:
        return error(N_("only spreadsheets can be uploaded (.xlsx, .xls or .csv)"))
    if not data:
        return error(N_("file is empty"))
    return None


def number(value: float):
    return int(value) if float(value).is_integer() else value


def grids(path: Path, outcome: FileOutcome) -> list[Grid]:
    """The sheets of a file the check could read, with the cells its messages name marked.

    Only a file the worker read without crashing is read again here (a file refused before its
    cells were read shows no grid)."""
    if not outcome.parsed.uses and not outcome.parsed.figures:
        return []
    from etl.reading import read_workbook

    try:
        book = read_workbook(path)
    except Exception:  # noqa: BLE001  the check's own messages already say what is wrong
        return []
    marks: dict[str, dict[tuple[int, int], str]] = {}

    def mark(sheet: str | None, cells: str | None, kind: str) -> None:
        for letters, digits in _CELL.findall(cells or ""):
            spot = (int(digits) - 1, _column(letters))
            found = marks.setdefault(sheet, {})
            if spot not in found or _RANK[kind] < _RANK[found[spot]]:
                found[spot] = kind

    for f in outcome.parsed.figures:
        mark(f.sheet, f.cell, FIGURE)
    for u in outcome.parsed.uses:
        mark(u.sheet, u.cell, USED if u.measure else IGNORED)
    for m in outcome.messages:
        if m.level in (ERROR, WARNING):
            mark(m.sheet, m.cell, m.level)
    out = []
    for sheet in book.sheets:
        rows = sheet.rows[:GRID_ROWS]
        width = min(max((len(r) for r in rows), default=0), GRID_COLUMNS)
        text = [[_text(r[c]) if c < len(r) else "" for c in range(width)] for r in rows]
        frame = pd.DataFrame(text, columns=[_letters(c) for c in range(width)], index=range(1, len(rows) + 1))
        own = marks.get(sheet.name, {})
        shown = {k: v for k, v in own.items() if k[0] < len(rows) and k[1] < width}
        out.append(Grid(sheet.name, frame, shown, sheet.height > GRID_ROWS or sheet.width > GRID_COLUMNS))
    return out


def _text(value) -> str:
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value)


def _column(letters: str) -> int:
    n = 0
    for ch in letters:
        n = n * 26 + ord(ch) - 64
    return n - 1


def _letters(col: int) -> str:
    from etl.reading import column_letter

    return column_letter(col)


def load(checked: list[Checked], user: str, confirmed: set[str], warehouse: str | Path | None = None,
         lang: str = "en") -> list[FileOutcome]:
    """Load the files that would load (held ones only when their revisions are ``confirmed``, by
    SHA-256), as the command line does: serialised by the load lock, each file stored entirely or
    not at all, then both snapshots republished. The load log names ``user``."""
    from etl.cli import load_files

    ready = [c for c in checked if c.path is not None and c.status in ("loaded", "warning", "held")
             and (c.status != "held" or c.sha256 in confirmed)]
    if not ready:
        return []
    outcomes = load_files([c.path for c in ready], db=warehouse, lang=lang, user=user,
                          accepted=frozenset(confirmed))
    for c in ready:
        originals.unstage(c.path)
    return outcomes
