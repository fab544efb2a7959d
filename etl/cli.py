"""Command line: ``python -m etl sample|load|validate|publish|ensure-db``."""
from __future__ import annotations

import argparse
import json
import os
import re
import sys
from pathlib import Path

from etl.messages import N_
from etl.messages import error
from etl.pipeline import FileOutcome, expand_inputs, parse_files
from i18n import LANGUAGES, translate

# 3: nothing was loaded because another load kept the database locked for too long
EXIT_OK, EXIT_REFUSED, EXIT_USAGE, EXIT_LOCKED = 0, 1, 2, 3
DEFAULT_SAMPLE_DIR = Path(__file__).resolve().parent.parent / "data" / "raw"
STATUS_WORDS = {"loaded": N_("loaded"), "warning": N_("loaded with warnings"), "refused": N_("refused"),
                "unchanged": N_("unchanged (already loaded)"), "held": N_("held: its revisions need confirming")}


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
            cmd.add_argument("--accept-revisions", action="store_true",
                             help="store revisions that move a figure by more than --revision-share (held otherwise)")
            cmd.add_argument("--revision-share", type=float, default=None,
                             help="largest share a revision may move a figure without confirmation (default 0.10)")
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
    from etl.warehouse import LockBusy

    try:
        if args.command == "validate":
            outcomes = parse_files(files, source=args.source)
        else:
            outcomes = load_files(files, db=args.db, source=args.source, lang=lang, show_progress=not args.json,
                                  accept_revisions=args.accept_revisions, revision_share=args.revision_share)
    except LockBusy as busy:
        print(translate(N_("nothing was loaded: another load has kept the database {db} locked for more than {seconds} s; "
                           "try again when it has finished (the wait is set by CPM_LOCK_WAIT)"), lang,
                        db=str(busy.path), seconds=round(busy.waited)), file=sys.stderr)
        return EXIT_LOCKED
    report(outcomes, as_json=args.json, lang=lang)
    return EXIT_REFUSED if any(o.status in ("refused", "held") for o in outcomes) else EXIT_OK


def cli_language(explicit: str | None = None) -> str:
    """--lang, else $CPM_LANG (when it names kk, ru or en), else English."""
    env = os.environ.get("CPM_LANG", "").strip().lower()
    return explicit or (env if env in LANGUAGES else "en")


def load_files(files: list[Path], *, db=None, source=None, lang="en", show_progress=False,
               accept_revisions=False, revision_share=None, user: str | None = None,
               accepted: frozenset[str] = frozenset()) -> list[FileOutcome]:
    """Load files into the database and swap the database in once.

    Files are parsed (in worker processes) before the load lock is taken, so a slow file never
    keeps another load waiting; a file that fails to store is refused alone. A file whose
    revisions move figures too far is held (stores nothing) unless accepted: all of them
    (``accept_revisions``) or the files whose SHA-256 is in ``accepted``. The load log names
    ``user`` (else the system account running the command), and every stored file is kept by
    its content (``etl.originals``) so that its figures can be traced to the very file."""
    from etl import originals
    from etl.publish import publish
    from etl.warehouse import DEFAULT_REVISION_SHARE, Warehouse, db_path, load_lock

    path = db_path(db)
    parsed = parse_files(files, source=source)
    outcomes = []
    with load_lock(path):
        house = Warehouse(path, accept_revisions=accept_revisions,
                          revision_share=DEFAULT_REVISION_SHARE if revision_share is None else revision_share,
                          user=user or _system_user(), accepted=accepted)
        try:
            for outcome in _progress(parsed, not show_progress):
                if outcome.status != "refused" and outcome.sha256 and house.already_loaded(outcome.sha256):
                    outcome.status = "unchanged"
                else:
                    _record(house, outcome, lang)
                outcomes.append(outcome)
            originals.keep_all([(o.path, o.sha256) for o in outcomes  # before the swap: no stored figure without its file
                                if o.status in ("loaded", "warning", "unchanged") and o.sha256], path)
            for problem in house.commit(steps=_after_load_steps()):
                print(translate(N_("the figures are stored, but indicator values were not computed: {problem}"),
                                lang, problem=problem), file=sys.stderr)
        except BaseException:
            house.abandon()
            raise
        publish(path)
    return outcomes


def _system_user() -> str | None:
    import getpass

    try:
        return getpass.getuser()
    except (KeyError, OSError):  # a container user with no name
        return None


def _record(house, outcome: FileOutcome, lang: str) -> None:
    try:
        house.record(outcome, lang)
    except Exception as exc:  # noqa: BLE001  its transaction is rolled back; the batch goes on
        outcome.status = "refused"
        outcome.messages = [*outcome.messages, error(
            N_("the file's figures could not be stored ({reason}); nothing of it was loaded"),
            reason=f"{type(exc).__name__}: {exc}")]
        house.record(outcome, lang)


def _after_load_steps():
    """What runs on the loaded database before it is swapped in: the indicator values (from the
    metrics, which the ETL's own modules never import)."""
    from metrics.materialise import AFTER_LOAD

    return AFTER_LOAD


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


_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f]")


def printable(text: str) -> str:
    """A line for the terminal: a file name or label holding escape codes cannot drive the terminal."""
    return _CONTROL.sub("\ufffd", text)


def report(outcomes: list[FileOutcome], *, as_json: bool, lang: str) -> None:
    if as_json:
        print(json.dumps([{"file": o.file_name, "status": o.status,
                           "messages": [m.as_dict(lang) for m in o.messages],
                           "used": [u.as_dict() for u in o.parsed.used],
                           "ignored": [u.as_dict() for u in o.parsed.ignored]} for o in outcomes],
                         ensure_ascii=False, indent=2))
        return
    for o in outcomes:
        print(printable(f"{o.file_name}: {translate(STATUS_WORDS[o.status], lang)}"))
        for m in o.messages:
            if m.level != "info" or o.status == "refused":
                print("  " + printable(m.located(o.file_name, lang)))
        if o.parsed.uses and o.status != "unchanged":
            used = "; ".join(f'{u.cell} "{u.label}" → {u.read_as}' for u in o.parsed.used)
            ignored = "; ".join(f'{u.cell} "{u.label}" ({u.why})' for u in o.parsed.ignored)
            print("  " + printable(translate(N_("used: {used}"), lang, used=used or "-")))
            print("  " + printable(translate(N_("ignored: {ignored}"), lang, ignored=ignored or "-")))
    counts = {s: sum(o.status == s for o in outcomes) for s in STATUS_WORDS}
    line = translate(N_("{loaded} loaded, {warning} with warnings, {refused} refused, {unchanged} unchanged"), lang, **counts)
    if counts["held"]:
        line += "; " + translate(N_("{held} held until their revisions are confirmed"), lang, held=counts["held"])
    print(line)
