"""Throughput of the SLA clock: `add_business_time` calls per second on a realistic office calendar.

The calendar is the Russian production calendar for 2027-2028 in Europe/Moscow with office hours
Mon-Fri 09:00-13:00 and 14:00-18:00. Each call gets a start somewhere in 2027 (nights and weekends
included, given in UTC or Moscow time), a duration from 30 minutes to 5 business days and 0-3 pauses
around the start, one in twenty of them still open. The workload is built once, on the first sample.
"""

from __future__ import annotations

import random
import tempfile
import time
from datetime import UTC, datetime, timedelta
from functools import cache
from pathlib import Path
from zoneinfo import ZoneInfo

from sqlalchemy import select, update

from benchmarks.harness import Benchmark
from console.models import Calendar, SlaPolicy
from console.services.demo_data import DemoSize, build_demo_data
from console.services.sla import BusinessCalendar, Pause, add_business_time, production_calendar
from console.services.sla_retime import open_tickets_using_calendar, retime
from console.services.sla_rules import update_calendar
from console.store.database import open_database

CALLS = 50_000
OFFICE_HOURS = {weekday: [("09:00", "13:00"), ("14:00", "18:00")] for weekday in range(5)}
Case = tuple[datetime, timedelta, list[Pause]]


@cache
def _workload() -> tuple[BusinessCalendar, list[Case]]:
    calendar = production_calendar("RU", [2027, 2028], OFFICE_HOURS, "Europe/Moscow")
    rng = random.Random(20270101)
    zones = (UTC, ZoneInfo("Europe/Moscow"))
    year_start = datetime(2027, 1, 1, tzinfo=UTC)
    cases: list[Case] = []
    for _ in range(CALLS):
        start = (year_start + timedelta(minutes=rng.randrange(365 * 24 * 60))).astimezone(rng.choice(zones))
        duration = timedelta(minutes=rng.randrange(30, 5 * 8 * 60 + 1))
        pauses: list[Pause] = []
        for _ in range(rng.randrange(4)):
            begin = start + timedelta(minutes=rng.randrange(-24 * 60, 7 * 24 * 60))
            end = None if rng.random() < 0.05 else begin + timedelta(minutes=rng.randrange(10, 2 * 24 * 60))
            pauses.append((begin, end))
        cases.append((start, duration, pauses))
    return calendar, cases


def _add_business_time_per_s() -> float:
    calendar, cases = _workload()
    started = time.perf_counter()
    for start, duration, pauses in cases:
        add_business_time(calendar, start, duration, pauses)
    return len(cases) / (time.perf_counter() - started)


BENCHMARKS: list[Benchmark] = [
    Benchmark(name="sla.add_business_time_per_s", unit="calls/s", measure=_add_business_time_per_s),
]


class _RetimeWorld:
    """A demo database with about 10,000 open tickets whose clocks all run on one calendar (built once)."""

    def __init__(self) -> None:
        self._folder = tempfile.TemporaryDirectory(prefix="console-bench-retime-")
        self.db = open_database(f"sqlite:///{Path(self._folder.name) / 'retime.db'}")
        size = DemoSize(tickets=1_000, open_tickets=12_600)
        build_demo_data(self.db, tickets=size.tickets, seed=11, size=size)
        with self.db.transaction() as session:
            self.calendar_id = session.scalars(
                select(Calendar.id).where(Calendar.name == "Moscow office hours")
            ).one()
            session.execute(update(SlaPolicy).values(calendar_id=self.calendar_id, use_site_calendar=False))
            retime(session, open_tickets_using_calendar(session, self.calendar_id))
        self.holiday_set = False

    def retime_after_a_holiday_edit(self) -> float:
        """Seconds per 10,000 re-timed tickets for one edit of the calendar's holidays."""
        with self.db.session() as session:
            calendar = session.get_one(Calendar, self.calendar_id)
            version = calendar.version
            holidays = {d.day for d in calendar.days if d.kind == "holiday"}
            working = {
                d.day: [(a, b) for a, b in d.hours or ()] for d in calendar.days if d.kind == "working"
            }
        # Toggle tomorrow as a holiday, so that every sample moves the open tickets' deadlines.
        tomorrow = (datetime.now(UTC) + timedelta(days=1)).date()
        self.holiday_set = not self.holiday_set
        holidays = holidays | {tomorrow} if self.holiday_set else holidays - {tomorrow}
        started = time.perf_counter()
        result = update_calendar(
            self.db, self.calendar_id, expected_version=version, holidays=holidays, working_days=working
        )
        seconds = time.perf_counter() - started
        if result.tickets < 9_000:
            raise RuntimeError(
                f"only {result.tickets} open tickets use the calendar; the figure would mislead"
            )
        return seconds * 10_000 / result.tickets


@cache
def _retime_world() -> _RetimeWorld:
    return _RetimeWorld()


def retime_10k() -> float:
    return _retime_world().retime_after_a_holiday_edit()


BENCHMARKS.append(Benchmark("sla.retime_10k_s", "s", retime_10k, runs=3))
