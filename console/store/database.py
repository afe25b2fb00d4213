"""Opening a database for the console: check the address, reach it, check its schema, hand out sessions.

`open_database` turns every way a `--db` address can be wrong into a `DatabaseError` with a
message for the user, before anything is written. `Database.transaction()` is the one way to
write: one transaction per user action, started with BEGIN IMMEDIATE on SQLite, with the change
feed recorded in the same transaction.
"""

from __future__ import annotations

import sqlite3
import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from sqlalchemy import URL, Engine, text
from sqlalchemy.exc import DatabaseError as SqlDatabaseError
from sqlalchemy.exc import OperationalError
from sqlalchemy.orm import Session, sessionmaker

from console.store import audit_trail, changefeed, schema
from console.store.engine import BEGIN_OPTION, default_url, make_engine, parse_url, redact
from console.store.errors import ConnectionLost, DatabasePasswordRefused, DatabaseUnavailable, NotADatabase

SQLITE_MAGIC = b"SQLite format 3\x00"
# How libpq says the server wants a password it did not get (there is no error code before login).
AUTHENTICATION_REFUSED = ("password authentication failed", "no password supplied")


class ConsoleSession(Session):
    """Sessions of the console; writes through them are recorded in the change feed."""


changefeed.install(ConsoleSession)
audit_trail.install(ConsoleSession)


class Database:
    """One database the console works on, with its read and write session factories."""

    def __init__(self, url: URL, engine: Engine) -> None:
        self.url = url
        self.engine = engine
        self.origin = uuid.uuid4().hex[:16]
        self.acting_user_id: int | None = None
        self.reachable = True
        """False while the console's change feed cannot reach the database: sessions are refused at once,
        so that no save or read waits on a server that does not answer."""
        write_engine = engine.execution_options(**{BEGIN_OPTION: "IMMEDIATE"})
        self._read = sessionmaker(bind=engine, class_=ConsoleSession, expire_on_commit=False)
        self._write = sessionmaker(
            bind=write_engine,
            class_=ConsoleSession,
            expire_on_commit=False,
            info={changefeed.ORIGIN_KEY: self.origin},
        )

    @property
    def backend(self) -> str:
        """ "sqlite" or "postgresql"."""
        return self.url.get_backend_name()

    @property
    def display_url(self) -> str:
        return redact(self.url)

    @contextmanager
    def session(self) -> Iterator[Session]:
        """A session for reading; closed (and its transaction rolled back) on exit.

        Refused with ConnectionLost, without waiting, while the console knows the database is away.
        """
        if not self.reachable:
            raise ConnectionLost()
        with self._read() as session:
            yield session

    @contextmanager
    def transaction(self) -> Iterator[Session]:
        """One write transaction: committed when the block ends normally, rolled back on any error.

        Refused with ConnectionLost, without waiting, while the console knows the database is away.
        """
        if not self.reachable:
            raise ConnectionLost()
        with self._write() as session, session.begin():
            if self.acting_user_id is not None:
                session.info[audit_trail.ACTOR_KEY] = self.acting_user_id
            yield session

    def act_as(self, user_id: int) -> None:
        """Sign this console's writes with `user_id` in the audit log (where a service names nobody)."""
        self.acting_user_id = user_id

    def dispose(self) -> None:
        self.engine.dispose()


def _check_sqlite_file(url: URL) -> None:
    path = Path(url.database or "")
    if path.exists() and path.stat().st_size > 0:
        with path.open("rb") as handle:
            if handle.read(len(SQLITE_MAGIC)) != SQLITE_MAGIC:
                raise NotADatabase(str(path))
    elif not path.parent.is_dir():
        raise DatabaseUnavailable(redact(url), f"the folder {path.parent} does not exist")


def _reason(exc: BaseException) -> str:
    original = getattr(exc, "orig", None) or exc
    return str(original).strip().splitlines()[0] if str(original).strip() else type(original).__name__


def open_database(url: str | None = None, *, migrate: bool = True) -> Database:
    """Open `url` (the embedded default when None), refusing anything the console cannot use safely.

    With `migrate`, an empty database is created and an older one upgraded; otherwise the schema
    is only checked.
    """
    parsed = parse_url(url or default_url())
    if parsed.get_backend_name() == "sqlite":
        _check_sqlite_file(parsed)
    engine = make_engine(parsed)
    try:
        with engine.connect() as connection:
            connection.execute(text("SELECT 1"))
        if migrate:
            schema.ensure_current(engine)
        else:
            schema.check(engine)
    except OperationalError as exc:
        engine.dispose()
        if any(sign in str(exc) for sign in AUTHENTICATION_REFUSED):
            raise DatabasePasswordRefused(parsed.username or "") from exc
        raise DatabaseUnavailable(redact(parsed), _reason(exc)) from exc
    except SqlDatabaseError as exc:
        engine.dispose()
        original = getattr(exc, "orig", None)
        if type(original) is sqlite3.DatabaseError and "not a database" in str(original):
            raise NotADatabase(str(parsed.database)) from exc
        raise DatabaseUnavailable(redact(parsed), _reason(exc)) from exc
    except BaseException:
        engine.dispose()
        raise
    return Database(parsed, engine)
