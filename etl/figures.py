"""What a parser hands to the warehouse: figures with their place in the source file."""
from __future__ import annotations

from dataclasses import dataclass, field

from etl.messages import ERROR, Message
from etl.periods import Period


@dataclass(frozen=True)
class Figure:
    """One number from one cell. ``region_code`` is None for a national total row."""

    region_code: str | None
    period: Period
    measure: str
    value: float | None
    sheet: str
    cell: str
    sex: str = "all"
    age_group: str = "all"
    missing: str | None = None
    text: str | None = None
    label: str | None = None  # the row's label as written in the file, for messages
    label_cell: str | None = None

    def key(self) -> tuple:
        return (self.region_code, self.period, self.sex, self.age_group, self.measure)


@dataclass(frozen=True)
class Use:
    """A column or row of the file and what became of it: read as ``measure``, read as the row
    of ``region`` (a region code, or "total" for the file's own national total), or ignored
    (``why``: "unknown", "form", "derived", "total", "subrow", ...)."""

    sheet: str
    cell: str
    label: str
    measure: str | None = None
    why: str | None = None
    region: str | None = None

    @property
    def read_as(self) -> str | None:
        return self.measure or self.region

    def as_dict(self) -> dict:
        out = {"sheet": self.sheet, "cell": self.cell, "label": self.label}
        if self.measure:
            out["measure"] = self.measure
        elif self.region:
            out["region"] = self.region
        else:
            out["why"] = self.why
        return out


@dataclass
class ParsedFile:
    """Everything read from one file: figures, the file's own totals, and messages about it."""

    source: str
    figures: list[Figure] = field(default_factory=list)
    totals: list[Figure] = field(default_factory=list)
    messages: list[Message] = field(default_factory=list)
    provisional: bool = False
    illustrative: bool = False
    # The file says its figures were recalculated to the post-2022 regions (statistics offices
    # do this for earlier dates), so the regions created in 2022 may appear before 8 June 2022.
    current_boundaries: bool = False
    uses: list[Use] = field(default_factory=list)

    def use(self, sheet: str, cell: str, label: str, measure: str) -> None:
        self.uses.append(Use(sheet, cell, label, measure=measure))

    def use_row(self, sheet: str, cell: str, label: str, region: str) -> None:
        self.uses.append(Use(sheet, cell, label, region=region))

    def ignore(self, sheet: str, cell: str, label: str, why: str) -> None:
        self.uses.append(Use(sheet, cell, label, why=why))

    @property
    def used(self) -> list[Use]:
        return [u for u in self.uses if u.read_as]

    @property
    def ignored(self) -> list[Use]:
        return [u for u in self.uses if not u.read_as]

    @property
    def errors(self) -> list[Message]:
        return [m for m in self.messages if m.level == ERROR]
