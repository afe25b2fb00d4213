"""The equipment reads of the client context panel on the 100,000-ticket demo database.

`equipment_history.failure_stats_ms` is one `model_failure_stats` call over all clients' units and
tickets (the supervisor's "which models keep failing" view); `equipment_history.tree_ms` is one
`equipment_tree` call for the site with the most units. Each sample is the median of 20 calls, so
one sample is not one cold cache.
"""

from __future__ import annotations

from functools import cache

from sqlalchemy import func, select

from benchmarks.big_demo import big_demo
from benchmarks.harness import Benchmark, median_ms
from console.models import Equipment
from console.services.equipment_history import equipment_tree, model_failure_stats


@cache
def _largest_site() -> int:
    with big_demo().session() as session:
        return session.execute(
            select(Equipment.site_id).group_by(Equipment.site_id).order_by(func.count().desc()).limit(1)
        ).scalar_one()


def _failure_stats_ms() -> float:
    db = big_demo()
    return median_ms(lambda: model_failure_stats(db))


def _tree_ms() -> float:
    db, site_id = big_demo(), _largest_site()
    return median_ms(lambda: equipment_tree(db, site_id))


BENCHMARKS: list[Benchmark] = [
    Benchmark(name="equipment_history.failure_stats_ms", unit="ms", measure=_failure_stats_ms),
    Benchmark(name="equipment_history.tree_ms", unit="ms", measure=_tree_ms),
]
