"""Starting and stopping the dashboard's processes: Streamlit on a loopback port, and Caddy in front.

One launcher for every caller: ``deploy.internal`` (sign-in proxy), ``deploy.replicas`` (several
app processes behind one proxy), the browser tests and the load test.
"""
from __future__ import annotations

import os
import shutil
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from contextlib import contextmanager
from pathlib import Path

REPO_ROOT = Path(__file__).resolve().parent.parent
START_TIMEOUT = 60  # s for a server to answer


def free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def _exited(process: subprocess.Popen, log: Path) -> RuntimeError:
    return RuntimeError(f"{process.args[0]} exited with {process.returncode}:\n{log.read_text(errors='replace')}")


def wait_for_port(port: int, process: subprocess.Popen, log: Path) -> None:
    deadline = time.monotonic() + START_TIMEOUT
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise _exited(process, log)
        with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
            sock.settimeout(1)
            if sock.connect_ex(("127.0.0.1", port)) == 0:
                return
        time.sleep(0.2)
    raise TimeoutError(f"nothing listens on port {port} after {START_TIMEOUT} s:\n{log.read_text(errors='replace')}")


def wait_healthy(url: str, process: subprocess.Popen, log: Path) -> None:
    """Until Streamlit answers its health check (a listening port alone is not yet a running app)."""
    deadline = time.monotonic() + START_TIMEOUT
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise _exited(process, log)
        try:
            with urllib.request.urlopen(f"{url}/_stcore/health", timeout=2) as response:
                if response.status == 200:
                    return
        except (urllib.error.URLError, ConnectionError, TimeoutError):
            pass
        time.sleep(0.2)
    raise TimeoutError(f"no answer from {url}/_stcore/health in {START_TIMEOUT} s:\n{log.read_text(errors='replace')}")


def stop(process: subprocess.Popen) -> None:
    process.terminate()
    try:
        process.wait(timeout=10)
    except subprocess.TimeoutExpired:
        process.kill()
        process.wait(timeout=10)


def streamlit_command(port: int, args: tuple[str, ...] | list[str] = ()) -> list[str]:
    """``streamlit run app.py`` on a loopback port: nobody reaches it but through the proxy."""
    return [sys.executable, "-m", "streamlit", "run", "app.py", "--server.port", str(port),
            "--server.address", "127.0.0.1", "--server.headless", "true", *args]


@contextmanager
def streamlit_app(log: Path, env: dict | None = None, args: tuple[str, ...] | list[str] = (),
                  port: int | None = None):
    """The dashboard on ``port`` (a free one by default) with ``env`` added to this environment;
    yields its URL and process once it answers, stops it afterwards."""
    port = port or free_port()
    url = f"http://127.0.0.1:{port}"
    with log.open("wb") as out:
        process = subprocess.Popen(streamlit_command(port, args), cwd=REPO_ROOT, env={**os.environ, **(env or {})},
                                   stdout=out, stderr=subprocess.STDOUT)
    try:
        wait_healthy(url, process, log)
        yield url, process
    finally:
        stop(process)


def proxy_arguments(parser, port_help: str) -> None:
    """The options every proxy command shares: the port readers open and the interface it listens on."""
    parser.add_argument("--port", type=int, default=8080, help=f"{port_help} (default 8080)")
    parser.add_argument("--bind", default=os.environ.get("CPM_PROXY_BIND", "127.0.0.1"),
                        help="interface the proxy listens on: 127.0.0.1 (default) or 0.0.0.0 for the network")


def caddy_missing() -> str | None:
    """Why the proxy cannot start (no Caddy), or None."""
    try:
        caddy_binary()
    except RuntimeError as error:
        return str(error)
    return None


def caddy_binary() -> str:
    found = shutil.which("caddy")
    if not found:
        raise RuntimeError("Caddy is missing: install the Debian package (apt-get install -y caddy, as root), "
                           "or run sh scripts/ensure-caddy.sh.")
    return found


@contextmanager
def caddy(caddyfile: Path, settings: dict[str, str], workdir: Path, port: int):
    """Caddy with ``caddyfile`` and its ``{$NAME}`` settings; it keeps its own files in ``workdir``,
    not in the user's home. Yields the process once ``port`` listens."""
    workdir.mkdir(parents=True, exist_ok=True)
    env = {**os.environ, **settings, "HOME": str(workdir), "XDG_CONFIG_HOME": str(workdir / "config"),
           "XDG_DATA_HOME": str(workdir / "data")}
    log = workdir / "caddy.log"
    with log.open("wb") as out:
        process = subprocess.Popen([caddy_binary(), "run", "--config", str(caddyfile), "--adapter", "caddyfile"],
                                   cwd=workdir, env=env, stdout=out, stderr=subprocess.STDOUT)
    try:
        wait_for_port(port, process, log)
        yield process
    finally:
        stop(process)
