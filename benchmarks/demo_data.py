"""How long the 100,000-ticket demo database takes to build (target: under 60 s)."""

from __future__ import annotations

import tempfile
import time
from pathlib import Path

from benchmarks.harness import Benchmark
from console.services.demo_data import build_demo_data
from console.store.database import open_database


def build_100k() -> float:
    with tempfile.TemporaryDirectory(prefix="console-bench-") as folder:
        database = open_database(f"sqlite:///{Path(folder) / 'demo.db'}")
        try:
            started = time.perf_counter()
            build_demo_data(database, tickets=100_000, seed=1)
            return time.perf_counter() - started
        finally:
            database.dispose()


BENCHMARKS = [Benchmark("demo_data.build_100k_s", "s", build_100k, runs=3)]
