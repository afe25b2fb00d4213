"""Schema versions: bring a database to the version this console knows, or refuse to touch it.

An empty database is created from the migrations; an older one is upgraded; one written by a
newer console, or one that holds somebody else's tables, is refused before anything changes.
Consoles starting together on one server take turns (an advisory lock on PostgreSQL, an
immediate transaction on SQLite), so the schema is migrated once.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from alembic import command
from alembic.config import Config
from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory
from alembic.script.revision import ResolutionError
from alembic.util import CommandError
from sqlalchemy import Connection, Engine, inspect, text
from sqlalchemy.exc import SQLAlchemyError

from console.store.engine import BEGIN_OPTION, redact
from console.store.errors import ForeignDatabase, MigrationFailed, SchemaTooNew

MIGRATIONS_DIR = Path(__file__).parent / "migrations"
MIGRATION_LOCK_KEY = 0x0D15_0001
VERSION_TABLE = "alembic_version"


def _config(connection: Connection | None = None) -> Config:
    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS_DIR))
    config.attributes["connection"] = connection
    return config


def _scripts() -> ScriptDirectory:
    return ScriptDirectory.from_config(_config())


def head_revision() -> str:
    head = _scripts().get_current_head()
    assert head is not None, "the migrations directory has no head revision"
    return head


def current_revision(connection: Connection) -> str | None:
    return MigrationContext.configure(connection).get_current_revision()


def _lock(connection: Connection) -> None:
    if connection.dialect.name == "postgresql":
        connection.execute(text("SELECT pg_advisory_xact_lock(:key)"), {"key": MIGRATION_LOCK_KEY})


def _known(revision: str) -> bool:
    try:
        return _scripts().get_revision(revision) is not None
    except (ResolutionError, CommandError):
        return False


def _check(connection: Connection, url: str) -> str | None:
    """The database's revision (None when empty), after refusing foreign or newer databases."""
    tables = set(inspect(connection).get_table_names())
    if VERSION_TABLE not in tables:
        if tables:
            raise ForeignDatabase(url)
        return None
    revision = current_revision(connection)
    if revision is not None and not _known(revision):
        raise SchemaTooNew(url, revision, head_revision())
    return revision


@contextmanager
def _migrating(engine: Engine) -> Iterator[Connection]:
    """A connection in one immediate transaction, locked against other consoles, for a schema change.

    SQLite alters a table by rebuilding it (copy, drop, rename); with foreign keys enforced,
    dropping a table that others refer to fails. So on SQLite they are off while the schema
    changes (the pragma only works outside a transaction), and every reference is checked before
    the commit. Any failure rolls the whole change back and is reported as MigrationFailed.
    """
    url = redact(engine.url)
    with engine.execution_options(**{BEGIN_OPTION: "IMMEDIATE"}).connect() as connection:
        raw = connection.connection.driver_connection if connection.dialect.name == "sqlite" else None
        if raw is not None:
            raw.execute("PRAGMA foreign_keys=OFF")
        try:
            with connection.begin():
                _lock(connection)
                yield connection
                if raw is not None:
                    broken = connection.exec_driver_sql("PRAGMA foreign_key_check").fetchall()
                    if broken:
                        raise MigrationFailed(
                            url, f"{len(broken)} rows would refer to missing rows, e.g. {broken[0]}"
                        )
        except SQLAlchemyError as exc:
            raise MigrationFailed(url, str(getattr(exc, "orig", exc)).splitlines()[0]) from exc
        finally:
            if raw is not None:
                raw.execute("PRAGMA foreign_keys=ON")


def ensure_current(engine: Engine) -> bool:
    """Refuse a foreign or newer database, else migrate it to head; True if anything was migrated."""
    with _migrating(engine) as connection:
        if _check(connection, redact(engine.url)) == head_revision():
            return False
        command.upgrade(_config(connection), "head")
        return True


def upgrade(engine: Engine, revision: str = "head") -> None:
    with _migrating(engine) as connection:
        _check(connection, redact(engine.url))
        command.upgrade(_config(connection), revision)


def downgrade(engine: Engine, revision: str = "base") -> None:
    with _migrating(engine) as connection:
        _check(connection, redact(engine.url))
        command.downgrade(_config(connection), revision)


def check(engine: Engine) -> str | None:
    """The database's revision after refusing foreign or newer databases; changes nothing."""
    with engine.connect() as connection:
        return _check(connection, redact(engine.url))
