"""The console's maintenance scheduler: one lease holder runs it, a successor takes over, missed runs once."""

from __future__ import annotations

import time
from collections.abc import Callable
from datetime import UTC, datetime, timedelta

import pytest
from apscheduler.jobstores.sqlalchemy import SQLAlchemyJobStore
from apscheduler.schedulers.background import BackgroundScheduler
from sqlalchemy import func, select
from sqlalchemy.exc import OperationalError

from console.models import SCHEDULE_TABLE, MaintenancePlan, Ticket, schedule_jobs
from console.models.base import utcnow
from console.services.maintenance_generation import GenerationResult
from console.services.maintenance_scheduler import (
    JOB_ID,
    MISFIRE_GRACE,
    STORE,
    MaintenanceScheduler,
    run_scheduled_generation,
)
from console.store import lease
from console.store.database import Database, open_database
from tests.services.maintenance_world import build_book

FAST = {"lease_ttl": timedelta(seconds=5), "renew_every": timedelta(seconds=0.3)}


def wait_for(condition: Callable[[], bool], seconds: float = 20) -> bool:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if condition():
            return True
        time.sleep(0.05)
    return condition()


def test_only_one_console_runs_the_schedule_and_another_takes_over_when_it_dies(database_url: str) -> None:
    first_db, second_db = open_database(database_url), open_database(database_url)
    first = MaintenanceScheduler(first_db, holder="first", **FAST)
    second = MaintenanceScheduler(second_db, holder="second", **FAST)
    try:
        first.start()
        assert wait_for(lambda: first.holds_lease)
        second.start()
        time.sleep(1.0)
        assert first.holds_lease and not second.holds_lease
        first.abandon()  # dies: the lease is not given back and must expire
        assert wait_for(lambda: second.holds_lease, seconds=20)
        assert lease.holder_of(second_db, "maintenance-scheduler") == "second"
    finally:
        second.stop()
        first_db.dispose()
        second_db.dispose()


def test_a_stopped_console_hands_the_lease_back_at_once(db: Database) -> None:
    scheduler = MaintenanceScheduler(db, holder="leaving", **FAST)
    scheduler.start()
    assert wait_for(lambda: scheduler.holds_lease)
    scheduler.stop()
    assert lease.holder_of(db, "maintenance-scheduler") is None


def test_a_console_started_after_a_week_off_makes_the_missed_jobs_once(db: Database) -> None:
    book = build_book(db)
    today = utcnow().date()
    with db.transaction() as session:
        session.add(
            MaintenancePlan(
                name="Daily round",
                equipment_id=book.lift_a,
                contract_id=book.contract,
                rrule="FREQ=DAILY",
                starts_on=today - timedelta(days=30),
                duration_minutes=30,
                skill_id=book.lifts_skill,
                checklist=[],
                non_working_day="keep",
                horizon_days=10,
                generated_until=today - timedelta(days=8),
            )
        )
    # The schedule as the last console left it: next run due a week ago.
    stored = BackgroundScheduler(
        timezone=UTC, jobstores={STORE: SQLAlchemyJobStore(engine=db.engine, tablename=SCHEDULE_TABLE)}
    )
    stored.start(paused=True)
    stored.add_job(
        run_scheduled_generation,
        "interval",
        hours=1,
        id=JOB_ID,
        jobstore=STORE,
        next_run_time=datetime.now(UTC) - timedelta(days=7),
        coalesce=True,
        misfire_grace_time=int(MISFIRE_GRACE.total_seconds()),
    )
    stored.remove_jobstore(STORE)  # detached first: a scheduler shutting down may still process due jobs
    stored.shutdown()

    runs: list[GenerationResult] = []
    scheduler = MaintenanceScheduler(db, holder="back", on_generated=runs.append, **FAST)
    scheduler.start()
    try:
        assert wait_for(lambda: len(runs) >= 1)
        time.sleep(1.5)
    finally:
        scheduler.stop()
    assert len(runs) == 1
    with db.session() as session:
        days = session.scalars(select(Ticket.maintenance_due_on).order_by(Ticket.maintenance_due_on)).all()
        assert session.scalar(select(func.count()).select_from(Ticket)) == len(days)
    # The week missed (from 7 days ago) up to the horizon, each day once.
    assert days == [today - timedelta(days=7) + timedelta(days=n) for n in range(7 + 10 + 1)]


@pytest.mark.parametrize("backend", ["sqlite"], indirect=True)
def test_the_schedule_survives_in_the_database_for_the_next_console(db: Database) -> None:
    scheduler = MaintenanceScheduler(db, holder="one", **FAST)
    scheduler.start()
    assert wait_for(lambda: scheduler.holds_lease)
    scheduler.stop()
    with db.session() as session:
        stored = session.execute(select(func.count()).select_from(schedule_jobs)).scalar()
    assert stored == 1


def test_a_schedule_that_cannot_be_opened_at_first_is_opened_on_a_later_tick(
    db: Database, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A long write elsewhere (the first demo build on SQLite) can lock the database past the busy
    timeout just as the schedule's table is opened; the scheduler must not stay without it."""
    refusals = [OperationalError("CREATE TABLE apscheduler_jobs", {}, Exception("database is locked"))]
    original = SQLAlchemyJobStore.start

    def start_or_refuse(store: SQLAlchemyJobStore, scheduler: BackgroundScheduler, alias: str) -> None:
        if refusals:
            raise refusals.pop()
        original(store, scheduler, alias)

    monkeypatch.setattr(SQLAlchemyJobStore, "start", start_or_refuse)
    scheduler = MaintenanceScheduler(db, holder="patient", **FAST)
    scheduler.start()
    try:
        assert wait_for(lambda: scheduler.holds_lease)
        assert not refusals, "the first opening should have been refused"
        assert scheduler._scheduler.get_job(JOB_ID, jobstore=STORE) is not None
    finally:
        scheduler.stop()
