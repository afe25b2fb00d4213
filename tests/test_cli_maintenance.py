"""`dispatch-console maintenance generate` run as separate processes: at once, and killed half-way."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from datetime import date, timedelta

from sqlalchemy import func, select

from console.models import Ticket
from console.store.database import open_database
from tests.services.maintenance_world import add_plans, build_book

UNTIL = date(2027, 5, 31)
PLANS = 120
# Enough plans, one per transaction, that the run is still going when the first of them is seen.
KILLED_RUN_PLANS = 600


def _command(url: str, *extra: str) -> list[str]:
    return [
        sys.executable,
        "-m",
        "console",
        "maintenance",
        "generate",
        "--db",
        url,
        "--until",
        UNTIL.isoformat(),
        *extra,
    ]


def _counts(url: str) -> tuple[int, int]:
    """Jobs made, and distinct occurrences among them."""
    db = open_database(url)
    try:
        with db.session() as session:
            jobs = session.scalar(
                select(func.count()).select_from(Ticket).where(Ticket.maintenance_due_on.is_not(None))
            )
            occurrences = session.scalar(
                select(func.count()).select_from(
                    select(Ticket.maintenance_plan_id, Ticket.maintenance_due_on, Ticket.equipment_id)
                    .where(Ticket.maintenance_due_on.is_not(None))
                    .distinct()
                    .subquery()
                )
            )
        return jobs or 0, occurrences or 0
    finally:
        db.dispose()


def _expected(plans: int = PLANS) -> int:
    """Weekly plans on weekdays Monday..Friday in turn, from 1 December 2026 to UNTIL."""
    days = [date(2026, 12, 1) + timedelta(days=n) for n in range((UNTIL - date(2026, 12, 1)).days + 1)]
    return sum(sum(1 for day in days if day.weekday() == n % 5) for n in range(plans))


def _world(url: str, plans: int = PLANS) -> None:
    db = open_database(url)
    try:
        add_plans(db, build_book(db), plans)
    finally:
        db.dispose()


def test_two_processes_generating_at_once_make_each_job_exactly_once(database_url: str) -> None:
    _world(database_url)
    runs = [
        subprocess.Popen(
            _command(database_url, "--batch", "7"), stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True
        )
        for _ in range(2)
    ]
    outputs = [run.communicate(timeout=300) for run in runs]
    assert [run.returncode for run in runs] == [0, 0], outputs
    made = [int(out.split(": ")[1].split(" jobs")[0]) for out, _ in outputs]
    jobs, occurrences = _counts(database_url)
    assert jobs == occurrences == _expected() == sum(made)


def test_a_generator_killed_mid_run_and_restarted_leaves_nothing_missing_or_doubled(
    database_url: str,
) -> None:
    plans = KILLED_RUN_PLANS
    _world(database_url, plans)
    watcher = open_database(database_url)
    made = select(func.count()).select_from(Ticket).where(Ticket.maintenance_due_on.is_not(None))
    run = subprocess.Popen(
        _command(database_url, "--batch", "1"), stdout=subprocess.PIPE, stderr=subprocess.PIPE
    )
    try:
        deadline = time.monotonic() + 120
        partial = 0
        while time.monotonic() < deadline and partial == 0 and run.poll() is None:
            time.sleep(0.01)
            with watcher.session() as session:
                partial = session.scalar(made) or 0
        os.kill(run.pid, signal.SIGKILL)
        run.wait(timeout=30)
        with watcher.session() as session:
            at_kill = session.scalar(made) or 0
    finally:
        watcher.dispose()
    assert run.returncode == -signal.SIGKILL, "the run ended before it could be killed"
    assert 0 < partial <= at_kill < _expected(plans)
    rerun = subprocess.run(_command(database_url), capture_output=True, text=True, timeout=300)
    assert rerun.returncode == 0, rerun.stderr
    jobs, occurrences = _counts(database_url)
    assert jobs == occurrences == _expected(plans)
