"""The shape every benchmark module shares: a named figure, its unit, and how to take one sample."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass


@dataclass(frozen=True)
class Benchmark:
    """One figure: `measure()` takes a single sample; run.py takes `runs` of them and reports the median."""

    name: str
    unit: str
    measure: Callable[[], float]
    runs: int = 5
