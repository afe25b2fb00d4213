"""Shared fixtures: an isolated home for settings and data, SQLite and PostgreSQL databases, small demo sets.

PostgreSQL tests use the server named by CONSOLE_TEST_PG_URL, or a private one started from the
installed PostgreSQL programs. Where neither exists they are skipped, unless CONSOLE_REQUIRE_PG=1
(as in CI), where a missing server is a failure.
"""

from __future__ import annotations

import os
import shutil
import tempfile
import uuid
from collections.abc import Callable, Iterator
from datetime import UTC, datetime
from pathlib import Path

_HOME = Path(tempfile.mkdtemp(prefix="console-tests-home-"))
for _variable in ("XDG_CONFIG_HOME", "XDG_DATA_HOME", "XDG_CACHE_HOME", "XDG_STATE_HOME"):
    os.environ[_variable] = str(_HOME / _variable.lower())
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
os.environ.setdefault("PYQTGRAPH_QT_LIB", "PySide6")
if hasattr(os, "geteuid") and os.geteuid() == 0:
    os.environ.setdefault("QTWEBENGINE_CHROMIUM_FLAGS", "--no-sandbox")

import pytest  # noqa: E402
from PySide6.QtCore import QLocale  # noqa: E402

# Widgets format dates and numbers by the locale; the tests read them in one known locale, not in
# whatever the machine has (often "C", which writes no digit groups).
QLocale.setDefault(QLocale(QLocale.Language.English, QLocale.Country.UnitedStates))

from console.services.demo_data import DemoSize, build_demo_data  # noqa: E402
from console.store.database import Database, open_database  # noqa: E402
from tests import pg_server  # noqa: E402

SMALL = DemoSize(clients=30, sites=90, equipment=300, technicians=24, tickets=400, open_tickets=80)
DEMO_NOW = datetime(2026, 11, 18, 11, 30, tzinfo=UTC)
BACKENDS = ("sqlite", "postgresql")


def _without_postgres(exc: RuntimeError) -> None:
    """No PostgreSQL here: a failure where CI requires it (CONSOLE_REQUIRE_PG=1), else a skip."""
    if os.environ.get("CONSOLE_REQUIRE_PG") == "1":
        pytest.fail(f"PostgreSQL is required here (CONSOLE_REQUIRE_PG=1): {exc}")
    pytest.skip(str(exc))


@pytest.fixture(scope="session")
def pg_url() -> Iterator[str]:
    """The URL of a PostgreSQL server for this test session."""
    try:
        with pg_server.running_server() as url:
            yield url
    except RuntimeError as exc:
        _without_postgres(exc)


@pytest.fixture
def private_pg() -> Iterator[pg_server.PrivateServer]:
    """A PostgreSQL server of this test's own, which it may stop, freeze and start again."""
    try:
        with pg_server.private_server() as server:
            yield server
    except RuntimeError as exc:
        _without_postgres(exc)


@pytest.fixture(params=BACKENDS)
def backend(request: pytest.FixtureRequest) -> str:
    return str(request.param)


def _sqlite_file(path: Path, fill: Callable[[Database], object] | None = None) -> Path:
    """A SQLite file migrated to the head (and filled by `fill(database)`), whole without its WAL."""
    database = open_database(f"sqlite:///{path}")
    try:
        if fill is not None:
            fill(database)
    finally:
        database.dispose()
    return path


@pytest.fixture(scope="session")
def sqlite_template(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Migrations take about a second per database, so they run once and each test gets a copy."""
    return _sqlite_file(tmp_path_factory.mktemp("template") / "console.db")


@pytest.fixture(scope="session")
def pg_template(pg_url: str) -> str:
    """The name of a PostgreSQL database migrated to the head, which test databases are copied from."""
    name = f"template_{uuid.uuid4().hex[:12]}"
    open_database(pg_server.create_database(pg_url, name)).dispose()
    return name


def _copy(template: Path, target: Path) -> str:
    shutil.copyfile(template, target)
    return f"sqlite:///{target}"


@pytest.fixture
def empty_database_url(backend: str, tmp_path: Path, request: pytest.FixtureRequest) -> str:
    """An empty database on each backend, for the migrations to build: a new SQLite file or PostgreSQL database."""
    if backend == "sqlite":
        return f"sqlite:///{tmp_path / 'console.db'}"
    return pg_server.create_database(request.getfixturevalue("pg_url"), f"t_{uuid.uuid4().hex[:12]}")


@pytest.fixture
def database_url(backend: str, tmp_path: Path, request: pytest.FixtureRequest) -> str:
    """A database of this test's own on each backend, at the schema's head with nothing but what the
    migrations put there: a copy of the session's migrated template."""
    if backend == "sqlite":
        return _copy(request.getfixturevalue("sqlite_template"), tmp_path / "console.db")
    return pg_server.create_database(
        request.getfixturevalue("pg_url"),
        f"t_{uuid.uuid4().hex[:12]}",
        template=request.getfixturevalue("pg_template"),
    )


@pytest.fixture
def db(database_url: str) -> Iterator[Database]:
    database = open_database(database_url)
    yield database
    database.dispose()


@pytest.fixture
def sqlite_db(tmp_path: Path, sqlite_template: Path) -> Iterator[Database]:
    database = open_database(_copy(sqlite_template, tmp_path / "console.db"))
    yield database
    database.dispose()


@pytest.fixture(scope="session")
def demo_template(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The small demo set as of DEMO_NOW, built once; it is the same every time."""

    def fill(database: Database) -> None:
        build_demo_data(database, tickets=SMALL.tickets, seed=7, now=DEMO_NOW, size=SMALL)

    return _sqlite_file(tmp_path_factory.mktemp("demo") / "console.db", fill)


@pytest.fixture
def demo_db(tmp_path: Path, demo_template: Path) -> Iterator[Database]:
    """A small demo data set on SQLite (a few hundred tickets), built as of DEMO_NOW: a copy of this test's own."""
    database = open_database(_copy(demo_template, tmp_path / "console.db"))
    yield database
    database.dispose()


@pytest.fixture
def live_demo_db(sqlite_db: Database) -> Database:
    """A small demo data set built as of now, so open tickets have live deadlines."""
    build_demo_data(sqlite_db, tickets=SMALL.tickets, seed=7, size=SMALL)
    return sqlite_db
