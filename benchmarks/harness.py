"""The shape every benchmark module shares: a named figure, its unit, and how to take one sample."""

from __future__ import annotations

import statistics
import time
from collections.abc import Callable
from dataclasses import dataclass


@dataclass(frozen=True)
class Benchmark:
    """One figure: `measure()` takes a single sample; run.py takes `runs` of them and reports the median."""

    name: str
    unit: str
    measure: Callable[[], float]
    runs: int = 5


def median_ms(call: Callable[[], object], calls: int = 20) -> float:
    """The median of `calls` timed calls, in milliseconds: one sample is then not one cold cache."""
    samples = []
    for _ in range(calls):
        started = time.perf_counter()
        call()
        samples.append((time.perf_counter() - started) * 1000)
    return statistics.median(samples)
