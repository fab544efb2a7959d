"""The public edition on several app processes behind one proxy: ``python -m deploy.replicas``.

Each replica is ``streamlit run app.py`` on its own loopback port, reading the published public
snapshot (``CPM_PUBLIC_DB``); Caddy (``deploy/replicas.Caddyfile``) spreads new readers over them and
keeps each browser on its replica with a cookie. A new publish reaches every replica on its next
query: they follow the file, not a copy in memory. On several machines, see docs/deploy.md.
"""
from __future__ import annotations

import argparse
import secrets
import signal
import sys
import tempfile
import time
from contextlib import ExitStack, contextmanager
from pathlib import Path

from deploy import launch

CADDYFILE = launch.REPO_ROOT / "deploy" / "replicas.Caddyfile"
REPLICA_HEADER = "X-CPM-Replica"
COOKIE = "cpm_replica"


def caddy_settings(*, proxy_port: int, bind: str, replicas: list[str], secret: str) -> dict[str, str]:
    """The Caddyfile's ``{$NAME}`` settings; ``replicas`` are host:port addresses."""
    return {"CPM_PROXY_PORT": str(proxy_port), "CPM_PROXY_BIND": bind, "CPM_REPLICAS": " ".join(replicas),
            "CPM_REPLICA_SECRET": secret}


@contextmanager
def running_proxy(*, proxy_port: int, replicas: list[str], workdir: Path, bind: str = "127.0.0.1",
                  secret: str | None = None):
    """Caddy balancing ``replicas`` with sticky sessions; yields the address readers open."""
    settings = caddy_settings(proxy_port=proxy_port, bind=bind, replicas=replicas,
                              secret=secret or secrets.token_hex(16))
    with launch.caddy(CADDYFILE, settings, workdir, proxy_port):
        yield f"http://127.0.0.1:{proxy_port}"


@contextmanager
def running_replicas(envs: list[dict], workdir: Path, *, proxy_port: int | None = None, bind: str = "127.0.0.1"):
    """One public-edition replica per entry of ``envs`` (added to this environment, e.g. each its own
    ``CPM_PUBLIC_DB``) and the proxy in front; yields the proxy's URL and the replicas' URLs."""
    workdir.mkdir(parents=True, exist_ok=True)
    proxy_port = proxy_port or launch.free_port()
    with ExitStack() as stack:
        urls = []
        for number, env in enumerate(envs, start=1):
            log = workdir / f"replica-{number}.log"
            url, _ = stack.enter_context(launch.streamlit_app(log, {"CPM_EDITION": "public", **env}))
            urls.append(url)
        addresses = [url.removeprefix("http://") for url in urls]
        proxy = stack.enter_context(running_proxy(proxy_port=proxy_port, replicas=addresses, bind=bind,
                                                  workdir=workdir / "caddy"))
        yield proxy, urls


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m deploy.replicas", description=__doc__.splitlines()[0])
    parser.add_argument("--replicas", type=int, default=2, help="app processes on this machine (default 2)")
    launch.proxy_arguments(parser, "the port readers open")
    args = parser.parse_args(argv)
    if missing := launch.caddy_missing():
        print(missing, file=sys.stderr)
        return 2
    with tempfile.TemporaryDirectory(prefix="cpm-replicas-") as tmp:
        try:
            with running_replicas([{} for _ in range(args.replicas)], Path(tmp), proxy_port=args.port,
                                  bind=args.bind) as (_, urls):
                print(f"Public edition on {len(urls)} replicas ({', '.join(urls)}): "
                      f"http://{args.bind}:{args.port}  (Ctrl-C stops it)", flush=True)
                signal.signal(signal.SIGTERM, lambda *_: sys.exit(0))
                while True:
                    time.sleep(1)
        except KeyboardInterrupt:
            return 0


if __name__ == "__main__":
    sys.exit(main())
