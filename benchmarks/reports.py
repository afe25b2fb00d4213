"""Reports over the last year of the 100,000-ticket demo database (one query set each, in SQL).

`report.sla_year_s` is SLA compliance per client, `report.equipment_year_s` failures per model and
the units that keep failing, `report.profitability_year_s` revenue and cost per contract; each over
the 365 days up to yesterday. The issue's target is under 2 s each.
"""

from __future__ import annotations

import time
from datetime import date, timedelta

from benchmarks.big_demo import big_demo
from benchmarks.harness import Benchmark
from console.services.equipment_report import equipment_report, repeat_failures_report
from console.services.profitability_report import profitability_report
from console.services.sla_report import sla_report


def _year() -> tuple[date, date]:
    last = date.today() - timedelta(days=1)
    return last - timedelta(days=364), last


def _sla_s() -> float:
    first, last = _year()
    started = time.perf_counter()
    report = sla_report(big_demo(), first, last, "client")
    elapsed = time.perf_counter() - started
    assert report.rows, "the demo year has tickets"
    return elapsed


def _equipment_s() -> float:
    first, last = _year()
    started = time.perf_counter()
    models = equipment_report(big_demo(), first, last)
    repeat_failures_report(big_demo(), first, last)
    elapsed = time.perf_counter() - started
    assert models.rows
    return elapsed


def _profitability_s() -> float:
    first, last = _year()
    started = time.perf_counter()
    report = profitability_report(big_demo(), first, last)
    elapsed = time.perf_counter() - started
    assert report.rows
    return elapsed


BENCHMARKS = [
    Benchmark("report.sla_year_s", "s", _sla_s, runs=5),
    Benchmark("report.equipment_year_s", "s", _equipment_s, runs=5),
    Benchmark("report.profitability_year_s", "s", _profitability_s, runs=5),
]
