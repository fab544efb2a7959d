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
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
from contextlib import contextmanager
from pathlib import Path

from ui import access
from ui.edition import ENV as EDITION_ENV, INTERNAL

REPO_ROOT = Path(__file__).resolve().parent.parent
CADDYFILE = REPO_ROOT / "deploy" / "Caddyfile"
START_TIMEOUT = 60  # s for each server to answer


def trusted_header_options() -> list[str]:
    """Streamlit takes the signed-in name from the proxy's header (and from nobody else: it
    listens on loopback only)."""
    return ["--server.trustedUserHeaders", json.dumps({access.USER_HEADER: access.PROXY_USER_KEY})]


def streamlit_options(app_port: int) -> list[str]:
    """Streamlit's options for the internal edition: loopback only, the proxy's header trusted."""
    return ["--server.port", str(app_port), "--server.address", "127.0.0.1", "--server.headless", "true",
            *trusted_header_options()]


def streamlit_env(base: dict | None = None) -> dict:
    return {**(base if base is not None else os.environ), EDITION_ENV: INTERNAL}


def write_accounts(accounts: dict[str, access.Account], path: Path) -> Path:
    """The proxy's accounts: one "name hash" line for each account that has a bcrypt hash."""
    lines = [f"{a.name} {a.bcrypt}" for a in accounts.values() if a.bcrypt]
    if not lines:
        raise access.AccessConfigError(f"{access.access_path()}: no account has a bcrypt hash for the proxy")
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def caddy_env(*, proxy_port: int, bind: str, app_port: int, accounts: Path, home: Path) -> dict:
    """The Caddyfile's settings; Caddy keeps its own files in ``home``, not in the user's home."""
    return {**os.environ, "CPM_PROXY_PORT": str(proxy_port), "CPM_PROXY_BIND": bind,
            "CPM_APP_ADDRESS": f"127.0.0.1:{app_port}", "CPM_ACCOUNTS": str(accounts),
            "HOME": str(home), "XDG_CONFIG_HOME": str(home / "config"), "XDG_DATA_HOME": str(home / "data")}


def caddy_binary() -> str:
    found = shutil.which("caddy")
    if not found:
        raise RuntimeError("Caddy is missing: install the Debian package (apt-get install -y caddy, as root), "
                         "or run sh scripts/ensure-caddy.sh.")
    return found


def wait_for_port(port: int, process: subprocess.Popen, log: Path) -> None:
    deadline = time.monotonic() + START_TIMEOUT
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError(f"exited with {process.returncode}:\n{log.read_text(errors='replace')}")
        with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
            sock.settimeout(1)
            if sock.connect_ex(("127.0.0.1", port)) == 0:
                return
        time.sleep(0.2)
    raise TimeoutError(f"nothing listens on port {port} after {START_TIMEOUT} s:\n{log.read_text(errors='replace')}")


def stop(process: subprocess.Popen) -> None:
    process.terminate()
    try:
        process.wait(timeout=10)
    except subprocess.TimeoutExpired:
        process.kill()
        process.wait(timeout=10)


@contextmanager
def running_proxy(*, proxy_port: int, app_port: int, bind: str = "127.0.0.1", workdir: Path,
                  accounts: dict[str, access.Account] | None = None):
    """Caddy in front of the internal edition on ``app_port``; yields the address users open."""
    workdir.mkdir(parents=True, exist_ok=True)
    accounts_path = write_accounts(accounts if accounts is not None else access.load_accounts(),
                                   workdir / "accounts")
    log = workdir / "caddy.log"
    env = caddy_env(proxy_port=proxy_port, bind=bind, app_port=app_port, accounts=accounts_path, home=workdir)
    with log.open("wb") as out:
        process = subprocess.Popen([caddy_binary(), "run", "--config", str(CADDYFILE), "--adapter", "caddyfile"],
                                   cwd=workdir, env=env, stdout=out, stderr=subprocess.STDOUT)
    try:
        wait_for_port(proxy_port, process, log)
        yield f"http://127.0.0.1:{proxy_port}"
    finally:
        stop(process)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m deploy.internal", description=__doc__.splitlines()[0])
    parser.add_argument("--port", type=int, default=8080, help="the port users open (default 8080)")
    parser.add_argument("--bind", default=os.environ.get("CPM_PROXY_BIND", "127.0.0.1"),
                        help="interface the proxy listens on: 127.0.0.1 (default) or 0.0.0.0 for the network")
    parser.add_argument("--app-port", type=int, default=8502, help="Streamlit's loopback port (default 8502)")
    args = parser.parse_args(argv)
    try:
        caddy_binary()
    except RuntimeError as error:
        print(error, file=sys.stderr)
        return 2
    with tempfile.TemporaryDirectory(prefix="cpm-proxy-") as tmp:
        log = Path(tmp) / "streamlit.log"
        with log.open("wb") as out:
            app = subprocess.Popen([sys.executable, "-m", "streamlit", "run", "app.py", *streamlit_options(args.app_port)],
                                   cwd=REPO_ROOT, env=streamlit_env(), stdout=out, stderr=subprocess.STDOUT)
        try:
            wait_for_port(args.app_port, app, log)
            with running_proxy(proxy_port=args.port, app_port=args.app_port, bind=args.bind, workdir=Path(tmp)):
                print(f"Internal edition (sign-in required): http://{args.bind}:{args.port}  (Ctrl-C stops it)",
                      flush=True)
                signal.signal(signal.SIGTERM, lambda *_: sys.exit(0))
                while app.poll() is None:
                    time.sleep(0.5)
                print(log.read_text(errors="replace"), file=sys.stderr)
                return 1
        except KeyboardInterrupt:
            return 0
        finally:
            stop(app)


if __name__ == "__main__":
    sys.exit(main())
