"""Two replicas of the public edition behind the bundled proxy (Debian's Caddy) on loopback, each
reading its own copy of the published snapshot, as two machines would: readers are spread over
both, a reader stays on its replica, and a new publish copied to each reaches both without a restart."""
from __future__ import annotations

import asyncio
import http.client
import shutil
from http.cookies import SimpleCookie
from urllib.parse import urlsplit

import pytest

from benchmarks.streamlit_client import Session
from deploy.replicas import COOKIE, REPLICA_HEADER, running_replicas
from deploy.snapshot import distribute
from etl.publish import publish
from metrics.db import snapshot_path

pytestmark = pytest.mark.e2e  # needs Debian's caddy: sh scripts/ensure-caddy.sh (make test runs it)

READERS = 16  # new readers; each lands on a replica at random: all on one has odds of 1 in 32,768
NEW_THRESHOLD = 7  # the sample is published with 5


@pytest.fixture(scope="module")
def cluster(sample_db, tmp_path_factory):
    root = tmp_path_factory.mktemp("replicas")
    house = root / "house" / "cpmonitor.duckdb"
    house.parent.mkdir()
    shutil.copy2(sample_db, house)
    publish(house, threshold=5)
    machines = [root / "machine-a" / "public.duckdb", root / "machine-b" / "public.duckdb"]
    distribute(snapshot_path("public", house), machines)
    envs = [{"CPM_PUBLIC_DB": str(copy), "CPM_DB": str(house)} for copy in machines]
    with running_replicas(envs, root / "run") as (proxy, replicas):
        yield {"house": house, "machines": machines, "proxy": proxy, "replicas": replicas, "root": root}


def get(url: str, path: str = "/", cookie: str | None = None) -> http.client.HTTPResponse:
    parts = urlsplit(url)
    connection = http.client.HTTPConnection(parts.hostname, parts.port, timeout=30)
    connection.request("GET", path, headers={"Cookie": f"{COOKIE}={cookie}"} if cookie else {})
    response = connection.getresponse()
    response.read()
    connection.close()
    return response


def sticky_cookie(response: http.client.HTTPResponse) -> str:
    cookie = SimpleCookie(response.getheader("Set-Cookie") or "")
    assert COOKIE in cookie, f"the proxy set no {COOKIE} cookie: {response.getheaders()}"
    return cookie[COOKIE].value


async def session_on(proxy: str, cookie: str, page: str = "", query: str = "lang=en"):
    """A websocket session through the proxy with the reader's cookie; its run of ``page`` (twice,
    the way a reader moves on within one session)."""
    async with Session(proxy, headers={"Cookie": f"{COOKIE}={cookie}"}) as session:
        run = await session.run(page, query, keep=True)
        again = await session.run(page, query)
    assert run.ok and again.ok, (run.error, run.exceptions, again.error)
    return run


@pytest.fixture(scope="module")
def readers(cluster):
    """New readers through the proxy: the replica each first reached and the cookie it was given."""
    found = []
    for _ in range(READERS):
        first = get(cluster["proxy"])
        assert first.status == 200
        found.append((first.getheader(REPLICA_HEADER), sticky_cookie(first)))
    return found


def test_new_readers_are_spread_over_both_replicas(cluster, readers):
    addresses = {url.removeprefix("http://") for url in cluster["replicas"]}
    assert {replica for replica, _ in readers} == addresses


def test_a_reader_stays_on_its_replica(cluster, readers):
    for replica, cookie in readers[:6]:
        for path in ("/", "/suicides", "/_stcore/health", "/static/index.html"):
            response = get(cluster["proxy"], path, cookie)
            assert response.status == 200, path
            assert response.getheader(REPLICA_HEADER) == replica, path
        run = asyncio.run(session_on(cluster["proxy"], cookie, "suicides"))
        assert b"Suicides and suicide attempts" in run.content


def test_a_publish_reaches_both_replicas(cluster, readers):
    cookie_of = {replica: cookie for replica, cookie in readers}
    assert len(cookie_of) == 2

    def methodology(replica: str) -> bytes:
        """The methodology page states the threshold the snapshot was published with."""
        return asyncio.run(session_on(cluster["proxy"], cookie_of[replica], "methodology")).content

    old, new = "“<5”".encode(), f"“<{NEW_THRESHOLD}”".encode()
    assert all(old in methodology(r) and new not in methodology(r) for r in cookie_of)
    # A new publish, with another threshold, while both replicas keep running.
    publish(cluster["house"], threshold=NEW_THRESHOLD)
    published = snapshot_path("public", cluster["house"])
    # Copied to the first machine only, the new snapshot is on its replica alone: each reader's
    # websocket stays on the replica its cookie names.
    first, second = (cluster["replicas"][i].removeprefix("http://") for i in (0, 1))
    distribute(published, cluster["machines"][:1])
    assert new in methodology(first)
    assert old in methodology(second) and new not in methodology(second)
    distribute(published, cluster["machines"][1:])
    assert new in methodology(second)
    assert new in methodology(first) and old not in methodology(first)
