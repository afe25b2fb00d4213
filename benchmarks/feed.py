"""Change-feed latency: from a commit in one process to its arrival in another (target: under 1 s).

A second process runs `dispatch-console watch`, which follows the change stream exactly as a
console does (woken by NOTIFY on PostgreSQL, polling on SQLite); this process registers tickets at
random moments and notes when each was committed. One sample is the median latency over a burst of
tickets.
"""

from __future__ import annotations

import atexit
import contextlib
import json
import random
import statistics
import subprocess
import sys
import tempfile
import time
import uuid
from collections.abc import Iterator
from pathlib import Path

from benchmarks.harness import Benchmark
from console.models import Client, ClientTier
from console.services.tickets import TicketDraft, create_ticket
from console.store.database import Database, open_database
from tests import pg_server

TICKETS_PER_SAMPLE = 12
_resources = contextlib.ExitStack()
atexit.register(_resources.close)
_databases: dict[str, Database] = {}


def _prepared(url: str) -> tuple[Database, int]:
    database = _databases.get(url) or open_database(url)
    _databases[url] = database
    with database.transaction() as session:
        tier = ClientTier(name=f"Bench {uuid.uuid4().hex[:8]}", rank=random.randint(10, 10**9))
        session.add(tier)
        session.flush()
        client = Client(name="Benchmark client", legal_name="Benchmark LLC", tier_id=tier.id)
        session.add(client)
        session.flush()
        return database, client.id


@contextlib.contextmanager
def _watcher(url: str) -> Iterator[subprocess.Popen[str]]:
    process = subprocess.Popen(
        [sys.executable, "-m", "console", "watch", "--db", url],
        stdout=subprocess.PIPE,
        text=True,
    )
    try:
        assert process.stdout is not None
        json.loads(process.stdout.readline())
        yield process
    finally:
        process.kill()
        process.wait()


def _latency_ms(url: str) -> float:
    database, client_id = _prepared(url)
    latencies = []
    with _watcher(url) as watcher:
        assert watcher.stdout is not None
        for _ in range(TICKETS_PER_SAMPLE):
            time.sleep(random.uniform(0.05, 0.3))
            ticket_id = create_ticket(database, TicketDraft(client_id=client_id, title="Benchmark ticket"))
            committed = time.time()
            while True:
                change = json.loads(watcher.stdout.readline())
                if (
                    change["entity"] == "tickets"
                    and change["entity_id"] == ticket_id
                    and change["op"] == "insert"
                ):
                    latencies.append((change["received"] - committed) * 1000)
                    break
    return statistics.median(latencies)


def _sqlite_url() -> str:
    folder = _resources.enter_context(tempfile.TemporaryDirectory(prefix="console-bench-feed-"))
    return f"sqlite:///{Path(folder) / 'feed.db'}"


_urls: dict[str, str] = {}


def sqlite_latency() -> float:
    url = _urls.setdefault("sqlite", _sqlite_url())
    return _latency_ms(url)


def pg_latency() -> float:
    if "postgresql" not in _urls:
        server = _resources.enter_context(pg_server.running_server())
        _urls["postgresql"] = pg_server.create_database(server, f"bench_{uuid.uuid4().hex[:8]}")
    return _latency_ms(_urls["postgresql"])


BENCHMARKS = [
    Benchmark("feed.latency_ms", "ms", sqlite_latency, runs=5),
    Benchmark("feed.latency_pg_ms", "ms", pg_latency, runs=5),
]
