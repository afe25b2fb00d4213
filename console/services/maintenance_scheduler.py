"""Scheduled maintenance generation in the console: APScheduler, run by one process of a team at a time.

APScheduler 3 cannot share a job store between processes (its FAQ: jobs then run twice or not at
all). So every console runs a small in-memory scheduler whose only job is to take or renew a
database lease (`store/lease.py`); the console holding the lease also attaches the team's
persistent job store (table `apscheduler_jobs`) and runs the generation job from it. When the
holder dies, its lease expires and another console takes over; when it loses the lease (a long
freeze), it detaches the store before anyone else can have taken it.

The generation job runs hourly. Runs missed while no console was open are made up once when one
starts (coalescing), however long ago they were due within `MISFIRE_GRACE`; the default grace of
one second would silently drop them. A run makes each plan's jobs up to its horizon, and is
idempotent (see maintenance_generation.py), so a run too many costs a query, never a job.
"""

from __future__ import annotations

import contextlib
import logging
import os
import socket
import threading
import uuid
from collections.abc import Callable
from datetime import UTC, timedelta

from apscheduler.jobstores.base import JobLookupError
from apscheduler.jobstores.sqlalchemy import SQLAlchemyJobStore
from apscheduler.schedulers.background import BackgroundScheduler
from sqlalchemy.exc import SQLAlchemyError

from console.models import SCHEDULE_TABLE
from console.models.base import utcnow
from console.services.maintenance_generation import GenerationResult, generate
from console.store import lease
from console.store.database import Database

log = logging.getLogger(__name__)

LEASE_NAME = "maintenance-scheduler"
LEASE_TTL = timedelta(seconds=90)
RENEW_EVERY = timedelta(seconds=20)
GENERATE_EVERY = timedelta(hours=1)
MISFIRE_GRACE = timedelta(days=30)
JOB_ID = "maintenance-generate"
STORE = "team"

_lock = threading.Lock()
_running: MaintenanceScheduler | None = None


def run_scheduled_generation() -> None:
    """The stored job's target: a generation run by the scheduler of this process.

    The job store keeps a reference to this function, not to a database or a process, so that a
    job stored by one console runs in whichever holds the lease next.
    """
    with _lock:
        scheduler = _running
    if scheduler is not None:
        scheduler.run_generation()


class MaintenanceScheduler:
    """This process's part in scheduled generation: compete for the lease, run the job while holding it."""

    def __init__(
        self,
        db: Database,
        *,
        holder: str | None = None,
        lease_ttl: timedelta = LEASE_TTL,
        renew_every: timedelta = RENEW_EVERY,
        on_generated: Callable[[GenerationResult], None] | None = None,
        on_lease: Callable[[bool], None] | None = None,
    ) -> None:
        self.db = db
        self.holder = holder or f"{socket.gethostname()}:{os.getpid()}:{uuid.uuid4().hex[:8]}"
        self.lease_ttl = lease_ttl
        self.renew_every = renew_every
        self.on_generated = on_generated
        self.on_lease = on_lease
        self.holds_lease = False
        self._scheduler = BackgroundScheduler(
            timezone=UTC,
            job_defaults={
                "coalesce": True,
                "max_instances": 1,
                "misfire_grace_time": int(MISFIRE_GRACE.total_seconds()),
            },
        )

    def start(self) -> None:
        """Start competing for the lease now and every `renew_every`."""
        self._scheduler.add_job(
            self._tick,
            "interval",
            seconds=self.renew_every.total_seconds(),
            id="lease",
            next_run_time=utcnow(),
        )
        self._scheduler.start()

    def stop(self) -> None:
        """Stop, and give the lease back so that another console takes over at once."""
        self._scheduler.shutdown(wait=True)
        if self.holds_lease:
            self._release_store()
            try:
                lease.release(self.db, LEASE_NAME, self.holder)
            except SQLAlchemyError:
                log.warning("could not give back the maintenance lease; it expires by itself", exc_info=True)

    def abandon(self) -> None:
        """Stop without giving the lease back, as a process that dies does (for tests of a take-over)."""
        self._scheduler.shutdown(wait=True)
        self._release_store()

    def run_generation(self) -> None:
        try:
            result = generate(self.db)
        except SQLAlchemyError:
            log.exception("scheduled maintenance generation failed; the next run retries")
            return
        log.info("scheduled maintenance generation: %s jobs for %s plans", result.created, result.plans)
        if self.on_generated is not None:
            self.on_generated(result)

    def _tick(self) -> None:
        try:
            held = lease.acquire(self.db, LEASE_NAME, self.holder, self.lease_ttl)
        except SQLAlchemyError:
            log.warning("maintenance lease not renewed: database unreachable", exc_info=True)
            held = False
        if held and not self.holds_lease:
            self._take_over()
        elif not held and self.holds_lease:
            self._release_store()
        if self.on_lease is not None:
            self.on_lease(self.holds_lease)

    def _take_over(self) -> None:
        global _running
        with _lock:
            _running = self
        try:
            self._scheduler.add_jobstore(
                SQLAlchemyJobStore(engine=self.db.engine, tablename=SCHEDULE_TABLE), STORE
            )
            if self._scheduler.get_job(JOB_ID, jobstore=STORE) is None:
                self._scheduler.add_job(
                    run_scheduled_generation,
                    "interval",
                    seconds=GENERATE_EVERY.total_seconds(),
                    id=JOB_ID,
                    jobstore=STORE,
                    next_run_time=utcnow(),
                )
        except SQLAlchemyError:
            # APScheduler keeps a store whose start failed: drop it, or the next try is refused as a
            # second store of the same name and the schedule never runs in this console.
            with contextlib.suppress(KeyError):
                self._scheduler.remove_jobstore(STORE, shutdown=False)
            log.warning(
                "could not open the maintenance schedule (busy database?); the next tick retries",
                exc_info=True,
            )
            return
        self.holds_lease = True
        log.info("this console now runs scheduled maintenance generation (%s)", self.holder)

    def _release_store(self) -> None:
        global _running
        if not self.holds_lease:
            return
        self.holds_lease = False
        with contextlib.suppress(KeyError, JobLookupError):
            self._scheduler.remove_jobstore(STORE, shutdown=False)
        with _lock:
            if _running is self:
                _running = None
