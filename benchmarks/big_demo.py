"""The 100,000-ticket demo database that the interactive benchmarks read, built once per session.

Building it takes about 40 s, so every benchmark module that needs it shares this one copy; it
is built as of now, so open tickets have live deadlines.
"""

from __future__ import annotations

import atexit
import tempfile
from functools import cache
from pathlib import Path

from console.services.demo_data import build_demo_data
from console.store.database import Database, open_database

TICKETS = 100_000


@cache
def big_demo() -> Database:
    folder = tempfile.TemporaryDirectory(prefix="console-bench-big-")
    atexit.register(folder.cleanup)
    database = open_database(f"sqlite:///{Path(folder.name) / 'demo.db'}")
    atexit.register(database.dispose)
    build_demo_data(database, tickets=TICKETS, seed=1)
    return database
