"""Command line: ``python -m briefings --region KZ-61 --period 2024 --lang kk --format docx,pdf --out DIR``.

Exit status as the ETL's: 0 every briefing written, 1 a briefing could not be made, 2 a usage error
(unknown region, period, language or format). Messages go to stderr in the briefing's language.
"""
from __future__ import annotations

import argparse
import sys
from pathlib import Path

from etl.cli import EXIT_OK, EXIT_REFUSED as EXIT_FAILURE, EXIT_USAGE
from etl.messages import N_
from etl.regions import load_regions
from i18n import LANGUAGES, translate

NATION_WORDS = ("KZ", "kazakhstan", "national")


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="python -m briefings",
                                     description="CP Monitor: briefings of a region or the nation as DOCX and PDF.")
    where = parser.add_mutually_exclusive_group(required=True)
    where.add_argument("--region", help="ISO 3166-2 code of a region (KZ-61), or KZ for the nation")
    where.add_argument("--all-regions", action="store_true", help="one briefing for each of the 20 regions")
    parser.add_argument("--period", type=int, help="year: figures for periods ending in it (default: the latest)")
    parser.add_argument("--lang", default="ru", help="kk, ru or en (default ru); several: kk,ru")
    parser.add_argument("--format", default="docx,pdf", help="docx, pdf or both (default docx,pdf)")
    parser.add_argument("--out", default=".", help="folder to write to (default: the current one)")
    parser.add_argument("--db", help="database file (default: $CPM_DB or data/cpmonitor.duckdb)")
    return parser


def _usage(msgid: str, lang: str, **params) -> int:
    print(translate(msgid, lang, **params), file=sys.stderr)
    return EXIT_USAGE


def _progress(items: list):
    if len(items) < 2 or not sys.stderr.isatty():
        return items
    from tqdm import tqdm

    return tqdm(items, unit="briefing", file=sys.stderr)


def main(argv: list[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    langs = [l.strip() for l in args.lang.split(",") if l.strip()]
    lang = langs[0] if langs and langs[0] in LANGUAGES else "en"
    if not langs or any(l not in LANGUAGES for l in langs):
        return _usage(N_("unknown language {value}: expected one of {choices}"), lang, value=args.lang,
                      choices=", ".join(LANGUAGES))
    formats = [f.strip().lower() for f in args.format.split(",") if f.strip()]
    if not formats or any(f not in ("docx", "pdf") for f in formats):
        return _usage(N_("unknown format {value}: expected one of {choices}"), lang, value=args.format,
                      choices="docx, pdf, docx,pdf")
    codes = {r.code for r in load_regions()}
    if args.all_regions:
        regions = sorted(codes)
    elif args.region in NATION_WORDS or args.region.lower() in NATION_WORDS:
        regions = ["KZ"]
    elif args.region.upper() in codes:
        regions = [args.region.upper()]
    else:
        return _usage(N_("unknown region {value}: expected a code such as KZ-61, or KZ for the nation"), lang,
                      value=args.region)

    from briefings import content, edition, make, render
    from metrics import indicators
    from metrics.db import DatabaseMissing, get_database

    try:
        chosen_edition = edition.current()
    except edition.UnknownEdition as exc:
        return _usage(N_("unknown edition {value} in {variable}: expected one of {choices}"), lang, value=exc.value,
                      variable="CPM_EDITION", choices=", ".join(edition.EDITIONS))
    try:
        db = get_database(args.db)
        years = content.years(indicators.values(db))
    except DatabaseMissing as exc:
        print(translate(N_("no database at {path}: build it with python -m etl ensure-db"), lang, path=exc),
              file=sys.stderr)
        return EXIT_FAILURE
    year = args.period or (years[0] if years else None)
    if year not in years:
        return _usage(N_("no figures for periods ending in {value}; years with figures: {years}"), lang,
                      value=args.period, years=", ".join(map(str, years)) or "—")
    jobs = [(code, l) for code in regions for l in langs]
    out, failed = Path(args.out), 0
    with render.renderer():
        for code, l in _progress(jobs):
            try:
                for path in make.write(db, code, year, l, formats, out, edition=chosen_edition):
                    print(path)
            except Exception as exc:  # one failed briefing must not stop the batch; it is reported
                failed += 1
                print(translate(N_("{region}: the briefing could not be made: {error}"), l, region=code,
                                error=exc), file=sys.stderr)
    return EXIT_FAILURE if failed else EXIT_OK
