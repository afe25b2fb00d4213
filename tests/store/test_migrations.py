"""The migrations build exactly the schema the models describe, and take it down again, on both databases."""

from __future__ import annotations

from alembic.autogenerate import compare_metadata
from alembic.runtime.migration import MigrationContext
from apscheduler.jobstores.sqlalchemy import SQLAlchemyJobStore
from sqlalchemy import inspect, select, text

from console.models import SCHEDULE_TABLE, Base, schedule_jobs
from console.store import schema
from console.store.database import open_database
from console.store.engine import make_engine, parse_url


def test_upgrade_from_empty_then_downgrade_to_empty(empty_database_url: str) -> None:
    engine = make_engine(parse_url(empty_database_url))
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


def test_migrated_schema_matches_the_models(empty_database_url: str) -> None:
    database = open_database(empty_database_url)
    try:
        with database.engine.connect() as connection:
            context = MigrationContext.configure(connection, opts={"compare_type": True})
            differences = compare_metadata(context, Base.metadata)
        assert differences == []
    finally:
        database.dispose()


def test_open_database_creates_schema_once_and_reports_nothing_to_do(empty_database_url: str) -> None:
    engine = make_engine(parse_url(empty_database_url))
    try:
        assert schema.ensure_current(engine) is True
        assert schema.ensure_current(engine) is False
    finally:
        engine.dispose()


def test_a_populated_database_is_upgraded_with_its_data_and_downgraded_back(empty_database_url: str) -> None:
    """Data written under schema 0001 survives 0002: pauses become per-clock, pause time is kept."""
    engine = make_engine(parse_url(empty_database_url))
    try:
        schema.upgrade(engine, "0001")
        with engine.begin() as connection:
            statements = [
                "INSERT INTO client_tiers (id, name, rank, grants, priority_support) VALUES (1, 'Gold', 1, '', false)",
                "INSERT INTO clients (id, name, legal_name, tier_id, created_at, version) "
                "VALUES (1, 'Acme', 'Acme LLC', 1, '2026-01-01 00:00:00', 1)",
                "INSERT INTO sla_policies (id, name, warning_ratio, critical_ratio, version) VALUES (1, 'P', 0.75, 0.9, 1)",
                "INSERT INTO sla_pause_statuses (policy_id, status) VALUES (1, 'waiting_client')",
                "INSERT INTO contracts (id, client_id, number, starts_on, status, subscription_fee, billing_unit, "
                "unit_price, sla_policy_id, version) VALUES (1, 1, 'C-1', '2026-01-01', 'active', 0, 'hours', 0, 1, 1)",
                "INSERT INTO tickets (id, number, client_id, contract_id, category, priority, channel, status, stage, "
                "title, description, billable, created_at, updated_at, reaction_due_at, resolution_due_at, "
                "reacted_at, pause_seconds, sla_state, reopen_count, version) VALUES (1, 'T-1', 1, 1, 'incident', "
                "'normal', 'phone', 'accepted', 'diagnostics', 'Lift', '', false, '2026-11-16 07:00:00', "
                "'2026-11-16 07:00:00', '2026-11-16 08:00:00', '2026-11-17 07:00:00', '2026-11-16 07:30:00', 1800, "
                "'running', 0, 3)",
            ]
            for statement in statements:
                connection.execute(text(statement))

        schema.upgrade(engine)
        with engine.connect() as connection:
            pauses = connection.execute(
                text("SELECT clock, status FROM sla_pause_statuses ORDER BY clock")
            ).all()
            ticket = connection.execute(
                text(
                    "SELECT resolution_pause_seconds, reaction_state, arrival_state, resolution_state, "
                    "sla_next_check_at IS NOT NULL, version FROM tickets WHERE id = 1"
                )
            ).one()
            use_site = connection.execute(text("SELECT use_site_calendar FROM sla_policies")).scalar_one()
        assert [tuple(p) for p in pauses] == [
            ("arrival", "waiting_client"),
            ("reaction", "waiting_client"),
            ("resolution", "waiting_client"),
        ]
        assert tuple(ticket) == (1800, "met", "none", "running", True, 3)
        assert use_site in (True, 1)

        schema.downgrade(engine, "0001")
        with engine.connect() as connection:
            assert connection.execute(text("SELECT pause_seconds FROM tickets")).scalar_one() == 1800
            assert connection.execute(text("SELECT count(*) FROM sla_pause_statuses")).scalar_one() == 1
    finally:
        engine.dispose()


def test_a_schedule_table_apscheduler_already_made_is_kept_with_its_jobs(empty_database_url: str) -> None:
    """Consoles before 0012 let APScheduler make its job table; the upgrade keeps it and its jobs."""
    engine = make_engine(parse_url(empty_database_url))
    try:
        schema.upgrade(engine, "0011")
        store = SQLAlchemyJobStore(engine=engine, tablename=SCHEDULE_TABLE)
        store.jobs_t.create(engine)
        with engine.begin() as connection:
            connection.execute(store.jobs_t.insert().values(id="kept", next_run_time=1.0, job_state=b"state"))
        schema.upgrade(engine)
        with engine.connect() as connection:
            assert schema.current_revision(connection) == schema.head_revision()
            assert connection.execute(select(schedule_jobs.c.id)).scalars().all() == ["kept"]
    finally:
        engine.dispose()
