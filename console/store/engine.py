"""Engines for the two supported databases, tuned for a desktop console.

SQLite (the single-desk default) runs in WAL mode with foreign keys on and a busy timeout, and
every write transaction starts with BEGIN IMMEDIATE: a deferred transaction that later writes can
fail with SQLITE_BUSY even in WAL mode, while an immediate one waits its turn. PostgreSQL (the
shared server) gets a short connect timeout, TCP keepalives and pre-ping, so a dead server or a cut
network is reported in seconds.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import platformdirs
from sqlalchemy import URL, Engine, create_engine, event, make_url
from sqlalchemy.exc import ArgumentError

from console.store.errors import InvalidDatabaseUrl

APP_NAME = "dispatch-console"
SQLITE_BUSY_TIMEOUT_MS = 10_000
SQLITE_CACHE_KIB = 64 * 1024  # a 100,000-ticket database keeps its hot indexes in memory
PG_CONNECT_TIMEOUT_S = 5
PG_TCP_USER_TIMEOUT_MS = 4000  # unacknowledged data this long means the server is gone
BEGIN_OPTION = "sqlite_begin"


def data_dir() -> Path:
    """The user's data folder for this application (created on demand)."""
    path = Path(platformdirs.user_data_dir(APP_NAME, appauthor=False))
    path.mkdir(parents=True, exist_ok=True)
    return path


def default_url() -> str:
    """The embedded default: one SQLite file in the user's data folder."""
    return f"sqlite:///{data_dir() / 'console.db'}"


def parse_url(url: str) -> URL:
    """Parse and check a database address; only SQLite and PostgreSQL are supported."""
    try:
        parsed = make_url(url)
    except ArgumentError as exc:
        raise InvalidDatabaseUrl(url, str(exc)) from exc
    backend = parsed.get_backend_name()
    if backend == "postgresql":
        return parsed.set(drivername="postgresql+psycopg")
    if backend == "sqlite":
        if parsed.database in (None, "", ":memory:"):
            raise InvalidDatabaseUrl(url, "an in-memory SQLite database cannot be shared; give a file path")
        return parsed.set(drivername="sqlite")
    raise InvalidDatabaseUrl(url, f"'{backend}' is not supported; use sqlite:///path or postgresql://...")


def redact(url: URL | str) -> str:
    """The address as it may be shown on screen: no password."""
    parsed = url if isinstance(url, URL) else make_url(url)
    return parsed.render_as_string(hide_password=True)


def make_engine(url: URL) -> Engine:
    """An engine for `url` with the per-backend settings described in the module docstring."""
    if url.get_backend_name() == "sqlite":
        return _sqlite_engine(url)
    return create_engine(url, pool_pre_ping=True, pool_size=5, max_overflow=5, connect_args=pg_connect_args())


def pg_connect_args() -> dict[str, Any]:
    """libpq settings that make a dead server or a cut network an error within seconds, not a hang.

    Without them a query on a connection whose network went away waits for TCP to give up, which
    takes many minutes; with them a save is refused and the console shows itself offline.
    """
    return {
        "connect_timeout": PG_CONNECT_TIMEOUT_S,
        "application_name": APP_NAME,
        "keepalives": 1,
        "keepalives_idle": 5,
        "keepalives_interval": 2,
        "keepalives_count": 2,
        "tcp_user_timeout": PG_TCP_USER_TIMEOUT_MS,
    }


def _sqlite_engine(url: URL) -> Engine:
    engine = create_engine(
        url, connect_args={"timeout": SQLITE_BUSY_TIMEOUT_MS / 1000, "check_same_thread": False}
    )

    @event.listens_for(engine, "connect")
    def _on_connect(dbapi_connection: Any, _record: Any) -> None:
        # Take transaction control away from the sqlite3 module so BEGIN can be chosen below.
        dbapi_connection.isolation_level = None
        cursor = dbapi_connection.cursor()
        try:
            cursor.execute("PRAGMA journal_mode=WAL")
            cursor.execute("PRAGMA foreign_keys=ON")
            cursor.execute(f"PRAGMA busy_timeout={SQLITE_BUSY_TIMEOUT_MS}")
            cursor.execute("PRAGMA synchronous=NORMAL")
            cursor.execute(f"PRAGMA cache_size=-{SQLITE_CACHE_KIB}")
        finally:
            cursor.close()

    @event.listens_for(engine, "begin")
    def _on_begin(connection: Any) -> None:
        mode = connection.get_execution_options().get(BEGIN_OPTION, "DEFERRED")
        connection.exec_driver_sql(f"BEGIN {mode}")

    return engine
