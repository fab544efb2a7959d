"""The internal edition behind sign-in, in one command: ``python -m deploy.internal``.

Streamlit serves the internal edition (``CPM_EDITION=internal``) on a loopback port only; Caddy,
Debian's reverse proxy, listens for users, asks for an account from ``deploy/access.toml``
(bcrypt hashes) and passes the signed-in name on in the ``X-User`` header, which Streamlit maps
into ``st.user`` (``server.trustedUserHeaders``). Nothing here checks a password itself.
"""
from __future__ import annotations

import argparse
import json
import os
import signal
import sys
import tempfile
import time
from contextlib import contextmanager
from pathlib import Path

from deploy import launch
from ui import access
from ui.edition import ENV as EDITION_ENV, INTERNAL

REPO_ROOT = Path(__file__).resolve().parent.parent
CADDYFILE = REPO_ROOT / "deploy" / "Caddyfile"


def trusted_header_options() -> list[str]:
    """Streamlit takes the signed-in name from the proxy's header (and from nobody else: it
    listens on loopback only)."""
    return ["--server.trustedUserHeaders", json.dumps({access.USER_HEADER: access.PROXY_USER_KEY})]


def streamlit_env(base: dict | None = None) -> dict:
    return {**(base if base is not None else os.environ), EDITION_ENV: INTERNAL}


def write_accounts(accounts: dict[str, access.Account], path: Path) -> Path:
    """The proxy's accounts: one "name hash" line for each account that has a bcrypt hash."""
    lines = [f"{a.name} {a.bcrypt}" for a in accounts.values() if a.bcrypt]
    if not lines:
        raise access.AccessConfigError(f"{access.access_path()}: no account has a bcrypt hash for the proxy")
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def caddy_settings(*, proxy_port: int, bind: str, app_port: int, accounts: Path) -> dict:
    """The Caddyfile's ``{$NAME}`` settings."""
    return {"CPM_PROXY_PORT": str(proxy_port), "CPM_PROXY_BIND": bind, "CPM_APP_ADDRESS": f"127.0.0.1:{app_port}",
            "CPM_ACCOUNTS": str(accounts)}


@contextmanager
def running_proxy(*, proxy_port: int, app_port: int, bind: str = "127.0.0.1", workdir: Path,
                  accounts: dict[str, access.Account] | None = None):
    """Caddy in front of the internal edition on ``app_port``; yields the address users open."""
    workdir.mkdir(parents=True, exist_ok=True)
    accounts_path = write_accounts(accounts if accounts is not None else access.load_accounts(),
                                   workdir / "accounts")
    settings = caddy_settings(proxy_port=proxy_port, bind=bind, app_port=app_port, accounts=accounts_path)
    with launch.caddy(CADDYFILE, settings, workdir, proxy_port):
        yield f"http://127.0.0.1:{proxy_port}"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m deploy.internal", description=__doc__.splitlines()[0])
    launch.proxy_arguments(parser, "the port users open")
    parser.add_argument("--app-port", type=int, default=8502, help="Streamlit's loopback port (default 8502)")
    args = parser.parse_args(argv)
    if missing := launch.caddy_missing():
        print(missing, file=sys.stderr)
        return 2
    with tempfile.TemporaryDirectory(prefix="cpm-proxy-") as tmp:
        try:
            with launch.streamlit_app(Path(tmp) / "streamlit.log", streamlit_env({}), trusted_header_options(),
                                      port=args.app_port) as (_, app), \
                    running_proxy(proxy_port=args.port, app_port=args.app_port, bind=args.bind, workdir=Path(tmp)):
                print(f"Internal edition (sign-in required): http://{args.bind}:{args.port}  (Ctrl-C stops it)",
                      flush=True)
                signal.signal(signal.SIGTERM, lambda *_: sys.exit(0))
                while app.poll() is None:
                    time.sleep(0.5)
                print((Path(tmp) / "streamlit.log").read_text(errors="replace"), file=sys.stderr)
                return 1
        except KeyboardInterrupt:
            return 0


if __name__ == "__main__":
    sys.exit(main())
