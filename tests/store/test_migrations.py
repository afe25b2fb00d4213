"""The migrations build exactly the schema the models describe, and take it down again, on both databases."""

from __future__ import annotations

from alembic.autogenerate import compare_metadata
from alembic.runtime.migration import MigrationContext
from sqlalchemy import inspect

from console.models import Base
from console.store import schema
from console.store.database import open_database
from console.store.engine import make_engine, parse_url


def test_upgrade_from_empty_then_downgrade_to_empty(database_url: str) -> None:
    engine = make_engine(parse_url(database_url))
    try:
        schema.upgrade(engine)
        tables = set(inspect(engine).get_table_names())
        assert set(Base.metadata.tables) <= tables
        with engine.connect() as connection:
            assert schema.current_revision(connection) == schema.head_revision()

        schema.downgrade(engine)
        assert set(inspect(engine).get_table_names()) <= {schema.VERSION_TABLE}
        with engine.connect() as connection:
            assert schema.current_revision(connection) is None

        schema.upgrade(engine)
        assert set(Base.metadata.tables) <= set(inspect(engine).get_table_names())
    finally:
        engine.dispose()


def test_migrated_schema_matches_the_models(database_url: str) -> None:
    database = open_database(database_url)
    try:
        with database.engine.connect() as connection:
            context = MigrationContext.configure(connection, opts={"compare_type": True})
            differences = compare_metadata(context, Base.metadata)
        assert differences == []
    finally:
        database.dispose()


def test_open_database_creates_schema_once_and_reports_nothing_to_do(database_url: str) -> None:
    engine = make_engine(parse_url(database_url))
    try:
        assert schema.ensure_current(engine) is True
        assert schema.ensure_current(engine) is False
    finally:
        engine.dispose()
