"""Every way a --db address can be wrong ends in a clear message, and nothing is changed."""

from __future__ import annotations

import socket
import sqlite3
import time
from pathlib import Path

import pytest
from sqlalchemy import text

from console.store import schema
from console.store.database import Database, open_database
from console.store.engine import make_engine, parse_url
from console.store.errors import (
    DatabaseUnavailable,
    ForeignDatabase,
    InvalidDatabaseUrl,
    NotADatabase,
    SchemaTooNew,
)


def _closed_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def test_unreachable_postgresql_is_reported_quickly() -> None:
    url = f"postgresql://console:secret@127.0.0.1:{_closed_port()}/console"
    started = time.monotonic()
    with pytest.raises(DatabaseUnavailable) as caught:
        open_database(url)
    assert time.monotonic() - started < 10
    message = str(caught.value)
    assert "Cannot open the database" in message
    assert "127.0.0.1" in message
    assert "secret" not in message, "the password must never be shown"


def test_sqlite_file_in_a_missing_folder(tmp_path: Path) -> None:
    with pytest.raises(DatabaseUnavailable, match="does not exist"):
        open_database(f"sqlite:///{tmp_path / 'nowhere' / 'console.db'}")
    assert not (tmp_path / "nowhere").exists()


def test_a_file_that_is_not_sqlite_is_refused_and_left_alone(tmp_path: Path) -> None:
    path = tmp_path / "notes.db"
    content = b"These are my notes, not a database.\n" * 20
    path.write_bytes(content)
    with pytest.raises(NotADatabase) as caught:
        open_database(f"sqlite:///{path}")
    assert str(path) in str(caught.value)
    assert path.read_bytes() == content
    assert not Path(f"{path}-wal").exists()


def test_a_database_from_a_newer_console_is_refused_unchanged(database_url: str) -> None:
    database = open_database(database_url)
    with database.engine.begin() as connection:
        connection.execute(text("UPDATE alembic_version SET version_num = '9999_from_the_future'"))
    database.dispose()

    with pytest.raises(SchemaTooNew) as caught:
        open_database(database_url)
    assert "9999_from_the_future" in str(caught.value)
    assert schema.head_revision() in str(caught.value)

    check = make_engine(parse_url(database_url))
    try:
        with check.connect() as connection:
            assert connection.execute(text("SELECT version_num FROM alembic_version")).scalar_one() == (
                "9999_from_the_future"
            )
    finally:
        check.dispose()


def test_a_database_with_foreign_tables_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "other.db"
    with sqlite3.connect(path) as connection:
        connection.execute("CREATE TABLE invoices (id INTEGER PRIMARY KEY, total REAL)")
    with pytest.raises(ForeignDatabase):
        open_database(f"sqlite:///{path}")
    with sqlite3.connect(path) as connection:
        tables = {row[0] for row in connection.execute("SELECT name FROM sqlite_master WHERE type='table'")}
    assert tables == {"invoices"}


@pytest.mark.parametrize(
    ("url", "fragment"),
    [
        ("mysql://user@localhost/console", "not supported"),
        ("this is not a url", "not a database address"),
        ("sqlite://", "in-memory"),
    ],
)
def test_addresses_the_console_cannot_use(url: str, fragment: str) -> None:
    with pytest.raises(InvalidDatabaseUrl, match=fragment):
        open_database(url)


def test_sqlite_runs_in_wal_mode_with_foreign_keys_and_a_busy_timeout(sqlite_db: Database) -> None:
    with sqlite_db.engine.connect() as connection:
        assert connection.exec_driver_sql("PRAGMA journal_mode").scalar_one() == "wal"
        assert connection.exec_driver_sql("PRAGMA foreign_keys").scalar_one() == 1
        assert connection.exec_driver_sql("PRAGMA busy_timeout").scalar_one() >= 5000
