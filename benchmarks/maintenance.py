"""Generating planned maintenance: a year of jobs for 10,000 plans, and the run after it.

A demo database (SQLite: 200 clients, 1,000 sites with their calendars and contracts, 10,000
units, 20,000 tickets) is built once and given 10,000 plans instead of its own, one per unit, with
the mix of a service company's book: half monthly, a third quarterly (first Tuesday), a tenth on
the last working day of the month, the rest weekly; a fifth have a time window.
`generate_year_10k_s` copies that database and times one run making a year of jobs (about
120,000); `rerun_s` times the run after it, which must make nothing; `rerun_unmarked_s` times it
again with the plans' `generated_until` wound back, so that every job is offered again and refused
by its identity in the database. `generate_year_10k_pg_s` is the first figure on PostgreSQL (a
private server started from the installed programs, as the tests do), each run on a fresh copy of
the template database.
"""

from __future__ import annotations

import atexit
import contextlib
import random
import shutil
import tempfile
import time
import uuid
from datetime import UTC, datetime, timedelta
from datetime import time as clock
from functools import cache
from pathlib import Path

from sqlalchemy import delete, select, update

from benchmarks.harness import Benchmark
from console.models import Contract, Equipment, EquipmentModel, MaintenancePlan, contract_sites
from console.services.demo_data import DemoSize, build_demo_data
from console.services.maintenance_generation import generate
from console.services.recurrence import LAST_WORKING_DAY_OF_MONTH
from console.store.bulk import bulk_insert
from console.store.database import Database, open_database
from tests import pg_server

PLANS = 10_000
TEMPLATE_PG = "bench_maintenance_template"
_resources = contextlib.ExitStack()
atexit.register(_resources.close)
NOW = datetime(2026, 11, 17, 8, 0, tzinfo=UTC)
UNTIL = NOW.date() + timedelta(days=365)
RULES = (
    (0.5, "FREQ=MONTHLY;BYMONTHDAY={day}", "next_working_day"),
    (0.33, "FREQ=MONTHLY;INTERVAL=3;BYDAY=1TU", "next_working_day"),
    (0.1, LAST_WORKING_DAY_OF_MONTH, "previous_working_day"),
    (0.07, "FREQ=WEEKLY;BYDAY={weekday}", "keep"),
)


@cache
def _template() -> Path:
    folder = Path(tempfile.mkdtemp(prefix="console-bench-maintenance-"))
    path = folder / "template.db"
    db = open_database(f"sqlite:///{path}")
    _build(db)
    db.dispose()
    return path


def _build(db: Database) -> None:
    build_demo_data(
        db,
        tickets=20_000,
        now=NOW,
        size=DemoSize(clients=200, sites=1_000, equipment=PLANS, technicians=100, tickets=20_000),
    )
    _add_plans(db)


def _add_plans(db: Database) -> None:
    rng = random.Random(17)
    with db.transaction() as session:
        session.execute(delete(MaintenancePlan))  # the demo's own plans: exactly PLANS are measured
        covered = {
            row.site_id: row.contract_id
            for row in session.execute(select(contract_sites.c.site_id, contract_sites.c.contract_id))
        }
        active = set(session.scalars(select(Contract.id).where(Contract.status == "active")))
        units = session.execute(
            select(Equipment.id, Equipment.site_id, EquipmentModel.skill_id)
            .join(EquipmentModel, EquipmentModel.id == Equipment.model_id)
            .order_by(Equipment.id)
        ).all()
        first_id = (session.scalar(select(MaintenancePlan.id).order_by(MaintenancePlan.id.desc())) or 0) + 1
        rows = []
        for offset, unit in enumerate(units[:PLANS]):
            _share, rule, non_working = rng.choices(RULES, weights=[r[0] for r in RULES])[0]
            contract_id = covered.get(unit.site_id)
            rows.append(
                {
                    "id": first_id + offset,
                    "name": f"Plan {offset + 1}",
                    "contract_id": contract_id if contract_id in active else None,
                    "site_id": unit.site_id,
                    "equipment_id": unit.id,
                    "equipment_model_id": None,
                    "rrule": rule.format(
                        day=rng.randint(1, 28), weekday=rng.choice(["MO", "TU", "WE", "TH"])
                    ),
                    "starts_on": NOW.date() - timedelta(days=rng.randint(0, 400)),
                    "ends_on": None,
                    "duration_minutes": rng.choice([60, 90, 120, 180]),
                    "skill_id": unit.skill_id,
                    "checklist": ["Inspect", "Test", "Log"],
                    "window_start": clock(10, 0) if rng.random() < 0.2 else None,
                    "window_end": clock(14, 0) if rng.random() < 0.2 else None,
                    "after_previous_done": False,
                    "non_working_day": non_working,
                    "horizon_days": 60,
                    "generated_until": NOW.date() - timedelta(days=1),
                    "active": True,
                    "notes": "",
                    "updated_at": NOW,
                    "version": 1,
                }
            )
        bulk_insert(session.connection(), MaintenancePlan.__table__, rows)  # type: ignore[arg-type]


def _fresh() -> Database:
    folder = Path(tempfile.mkdtemp(prefix="console-bench-maintenance-run-"))
    target = folder / "run.db"
    shutil.copy(_template(), target)
    return open_database(f"sqlite:///{target}")


_last: dict[str, Database] = {}


@cache
def _pg_template() -> str:
    server = _resources.enter_context(pg_server.running_server())
    url = pg_server.create_database(server, TEMPLATE_PG)
    db = open_database(url)
    _build(db)
    db.dispose()
    return server


def _generate_year_pg_s() -> float:
    """The same year on PostgreSQL, each run on a fresh copy of the template database."""
    server = _pg_template()
    db = open_database(
        pg_server.create_database(server, f"bench_{uuid.uuid4().hex[:8]}", template=TEMPLATE_PG)
    )
    try:
        started = time.perf_counter()
        result = generate(db, UNTIL, now=NOW)
        elapsed = time.perf_counter() - started
    finally:
        db.dispose()
    assert result.created > 50_000, result
    return elapsed


def _generate_year_s() -> float:
    db = _fresh()
    started = time.perf_counter()
    result = generate(db, UNTIL, now=NOW)
    elapsed = time.perf_counter() - started
    assert result.created > 50_000, result
    previous = _last.pop("db", None)
    if previous is not None:
        previous.dispose()
    _last["db"] = db
    return elapsed


def _timed_rerun(minutes_later: int) -> float:
    """One more run on the database the last year's generation made; it must make nothing."""
    db = _last.get("db")
    if db is None:
        _generate_year_s()
        db = _last["db"]
    started = time.perf_counter()
    result = generate(db, UNTIL, now=NOW + timedelta(minutes=minutes_later))
    elapsed = time.perf_counter() - started
    assert result.created == 0, result
    return elapsed


def _rerun_s() -> float:
    return _timed_rerun(5)


def _rerun_unmarked_s() -> float:
    """The rerun with every plan's `generated_until` wound back: each job is refused by its identity."""
    if "db" not in _last:
        _generate_year_s()
    with _last["db"].transaction() as session:
        session.execute(update(MaintenancePlan).values(generated_until=NOW.date() - timedelta(days=1)))
    return _timed_rerun(10)


BENCHMARKS = [
    Benchmark("maintenance.generate_year_10k_s", "s", _generate_year_s, runs=3),
    Benchmark("maintenance.rerun_s", "s", _rerun_s, runs=3),
    Benchmark("maintenance.rerun_unmarked_s", "s", _rerun_unmarked_s, runs=3),
    Benchmark("maintenance.generate_year_10k_pg_s", "s", _generate_year_pg_s, runs=3),
]
