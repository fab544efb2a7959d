"""Command line: ``python -m etl sample|load|validate|publish|ensure-db``."""
from __future__ import annotations

import argparse
import json
import os
import sys
from pathlib import Path

from etl.messages import N_
from etl.pipeline import FileOutcome, expand_inputs, parse_file
from i18n import LANGUAGES, translate

EXIT_OK, EXIT_REFUSED, EXIT_USAGE = 0, 1, 2
DEFAULT_SAMPLE_DIR = Path(__file__).resolve().parent.parent / "data" / "raw"
STATUS_WORDS = {"loaded": N_("loaded"), "warning": N_("loaded with warnings"), "refused": N_("refused"),
                "unchanged": N_("unchanged (already loaded)")}


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="python -m etl", description="CP Monitor: load agency spreadsheets into DuckDB.")
    sub = parser.add_subparsers(dest="command", required=True)

    sample = sub.add_parser("sample", help="write the bundled sample spreadsheets (illustrative regional figures)")
    sample.add_argument("dir", nargs="?", default=str(DEFAULT_SAMPLE_DIR))

    for name, help_text in (("load", "load files or folders into the database"),
                            ("validate", "check files without writing anything")):
        cmd = sub.add_parser(name, help=help_text)
        if name == "load":
            cmd.add_argument("--db", help="database file (default: $CPM_DB or data/cpmonitor.duckdb)")
        cmd.add_argument("--json", action="store_true", help="print one JSON object per file")
        cmd.add_argument("--source", help="skip detection and read every file as this source")
        cmd.add_argument("--lang", choices=LANGUAGES, default=None,
                         help="language of messages: kk, ru or en (default: $CPM_LANG, else en)")
        cmd.add_argument("paths", nargs="+", metavar="FILE_OR_DIR")

    ensure = sub.add_parser("ensure-db", help="build the database from the sample spreadsheets if it is missing")
    ensure.add_argument("--db")

    publish = sub.add_parser("publish", help="write the internal and public snapshots the dashboard serves")
    publish.add_argument("--db", help="warehouse file (default: $CPM_DB or data/cpmonitor.duckdb)")
    publish.add_argument("--threshold", type=int, default=None,
                         help="suppress counts from 1 to THRESHOLD-1 (default: $CPM_SUPPRESSION_THRESHOLD, else 5)")
    return parser


def main(argv: list[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    if args.command == "sample":
        from etl.sample import write_sample

        written = write_sample(Path(args.dir))
        print(f"{len(written)} sample files written to {args.dir} (regional figures are illustrative)")
        return EXIT_OK
    if args.command == "ensure-db":
        return ensure_db(args.db)
    if args.command == "publish":
        return publish_snapshots(args.db, args.threshold)
    lang = cli_language(args.lang)
    files = expand_inputs(args.paths)
    if not files:
        print(translate(N_("no spreadsheet files (.xlsx, .xls, .csv) found in {paths}"), lang,
                        paths=" ".join(args.paths)), file=sys.stderr)
        return EXIT_USAGE
    if args.command == "validate":
        outcomes = [parse_file(f, source=args.source) for f in _progress(files, args.json)]
    else:
        outcomes = load_files(files, db=args.db, source=args.source, lang=lang, show_progress=not args.json)
    report(outcomes, as_json=args.json, lang=lang)
    return EXIT_REFUSED if any(o.status == "refused" for o in outcomes) else EXIT_OK


def cli_language(explicit: str | None = None) -> str:
    """--lang, else $CPM_LANG (when it names kk, ru or en), else English."""
    env = os.environ.get("CPM_LANG", "").strip().lower()
    return explicit or (env if env in LANGUAGES else "en")


def load_files(files: list[Path], *, db=None, source=None, lang="en", show_progress=False) -> list[FileOutcome]:
    """Load files into the database, one transaction per file, and swap the database in once."""
    from etl.publish import publish
    from etl.warehouse import Warehouse, db_path, load_lock

    path = db_path(db)
    outcomes = []
    with load_lock(path):
        house = Warehouse(path)
        try:
            for file in _progress(files, not show_progress):
                outcome = parse_file(file, source=source)
                if outcome.status != "refused" and outcome.sha256 and house.already_loaded(outcome.sha256):
                    outcome.status = "unchanged"
                else:
                    house.record(outcome, lang)
                outcomes.append(outcome)
            house.commit()
        except BaseException:
            house.abandon()
            raise
        publish(path)
    return outcomes


def ensure_db(db=None) -> int:
    from etl.sample import write_sample
    from etl.warehouse import db_path

    from etl.publish import EDITIONS, snapshot_path

    path = db_path(db)
    if path.exists():
        if not all(snapshot_path(e, path).exists() for e in EDITIONS):
            publish_snapshots(path)
        print(f"database ready: {path}")
        return EXIT_OK
    written = write_sample(DEFAULT_SAMPLE_DIR)
    outcomes = load_files(written, db=path, show_progress=True)
    refused = [o for o in outcomes if o.status == "refused"]
    for o in refused:
        for m in o.messages:
            print(m.located(o.file_name), file=sys.stderr)
    print(f"database built from {len(written)} sample files: {path}")
    return EXIT_REFUSED if refused else EXIT_OK


def publish_snapshots(db=None, threshold: int | None = None) -> int:
    from etl.publish import publish
    from etl.warehouse import db_path, load_lock

    path = db_path(db)
    if not path.exists():
        print(f"no database at {path}: load files first (python -m etl load ...)", file=sys.stderr)
        return EXIT_USAGE
    with load_lock(path):
        done = publish(path, threshold)
    print(f"internal edition: {done.internal}\npublic edition: {done.public} ({done.cells} protected counts: "
          f"{done.primary} shown as <{done.threshold}, {done.secondary} hidden to protect them; {done.seconds:.1f} s)")
    return EXIT_OK


def _progress(files, quiet: bool):
    if quiet or len(files) < 2 or not sys.stderr.isatty():
        return files
    from tqdm import tqdm

    return tqdm(files, unit="file", file=sys.stderr)


def report(outcomes: list[FileOutcome], *, as_json: bool, lang: str) -> None:
    if as_json:
        print(json.dumps([{"file": o.file_name, "status": o.status,
                           "messages": [m.as_dict(lang) for m in o.messages]} for o in outcomes],
                         ensure_ascii=False, indent=2))
        return
    for o in outcomes:
        print(f"{o.file_name}: {translate(STATUS_WORDS[o.status], lang)}")
        for m in o.messages:
            if m.level != "info" or o.status == "refused":
                print("  " + m.located(o.file_name, lang))
    counts = {s: sum(o.status == s for o in outcomes) for s in STATUS_WORDS}
    print(translate(N_("{loaded} loaded, {warning} with warnings, {refused} refused, {unchanged} unchanged"), lang, **counts))
