"""The sources section of docs/data-dictionary.md, written from the source contracts
(data/sources/*.toml) and their vocabularies, so that the dictionary never lists a source, view or
measure the ETL does not have. ``python -m etl.dictionary`` rewrites the section; ``--check``
only says whether the file is current (exit status 1 when it is not)."""
from __future__ import annotations

import argparse
import sys
from pathlib import Path

from core.contracts import spec, spec_ids
from etl.vocabulary import vocabulary

DOC = Path(__file__).resolve().parent.parent / "docs" / "data-dictionary.md"
BEGIN = "<!-- sources: written by `python -m etl.dictionary` from data/sources/*.toml; do not edit by hand -->"
END = "<!-- end of the sources section -->"


def _number(value) -> str:
    return f"{int(value):,}" if value is not None and float(value).is_integer() else str(value)


def _source(source_id: str) -> list[str]:
    contract = spec(source_id)
    vocab = vocabulary(source_id)
    table = vocab.table("rows" if "rows" in vocab.tables else "measures")
    required = set(contract.required)
    lines = [f"### `{source_id}`: {contract.title('en')}", "",
             f"Russian: {contract.title('ru')}; Kazakh: {contract.title('kk')}. View `{contract.view}`; periods: "
             f"`{contract.period_kind}`; parser `{contract.parser}`.", ""]
    if contract.required_any:
        lines += [f"A file holds at least one of: {', '.join(f'`{m}`' for m in contract.required_any)}.", ""]
    lines += ["| measure | label (en / ru / kk) | unit | counts children | plausible range (one region, one period) | "
              "required | example wording |", "|---|---|---|---|---|---|---|"]
    for name, m in contract.measures.items():
        plausible = f"{_number(m.low)} to {_number(m.high)}" if m.low is not None else "-"
        term = table.get(name)
        example = f'"{term.words[0].text}"' if term and term.words else "-"
        labels = " / ".join(m.label(lang) for lang in ("en", "ru", "kk"))
        lines.append(f"| `{name}` | {labels} | {m.unit or m.kind} | {'yes' if m.counts_children else 'no'} | {plausible} | "
                     f"{'yes' if name in required else 'no'} | {example} |")
    return lines + [""]


def section() -> str:
    lines = [BEGIN, "## Sources and their measures", "",
             "Every source the ETL reads, from its contract. The wordings a file may use for each measure "
             "are in `data/vocabulary/<source>.toml`; a figure outside its plausible range is refused.", ""]
    for source_id in spec_ids():
        lines += _source(source_id)
    return "\n".join(lines + [END])


def current(text: str) -> str:
    """The document with its sources section rewritten (added at the end when it has none)."""
    if BEGIN in text and END in text:
        head, rest = text.split(BEGIN, 1)
        return head + section() + rest.split(END, 1)[1]
    return text.rstrip("\n") + "\n\n" + section() + "\n"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m etl.dictionary", description=__doc__)
    parser.add_argument("--check", action="store_true", help="exit 1 if docs/data-dictionary.md is not current")
    args = parser.parse_args(argv)
    text = DOC.read_text(encoding="utf-8")
    wanted = current(text)
    if args.check:
        if wanted != text:
            print(f"{DOC} is not current: run python -m etl.dictionary")
            return 1
        return 0
    if wanted != text:
        DOC.write_text(wanted, encoding="utf-8")
        print(f"{DOC} rewritten")
    return 0


if __name__ == "__main__":
    sys.exit(main())
