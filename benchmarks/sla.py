"""Throughput of the SLA clock: `add_business_time` calls per second on a realistic office calendar.

The calendar is the Russian production calendar for 2027-2028 in Europe/Moscow with office hours
Mon-Fri 09:00-13:00 and 14:00-18:00. Each call gets a start somewhere in 2027 (nights and weekends
included, given in UTC or Moscow time), a duration from 30 minutes to 5 business days and 0-3 pauses
around the start, one in twenty of them still open. The workload is built once, on the first sample.
"""

from __future__ import annotations

import random
import time
from datetime import UTC, datetime, timedelta
from functools import cache
from zoneinfo import ZoneInfo

from benchmarks.harness import Benchmark
from console.services.sla import BusinessCalendar, Pause, add_business_time, production_calendar

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
