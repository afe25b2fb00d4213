"""The SLA timeline with 5,000 bars: how long one repaint takes when the dispatcher pans or zooms.

The real panel is shown offscreen at 1,200 × 700 with 5,000 synthetic open tickets (every state,
reaction and arrival marks, thresholds and some pauses), all 5,000 lanes in view. Each sample
alternates a pan and a zoom of the time axis, then forces a synchronous repaint of the plot and
times it; `timeline.frame_5000_ms` is the median (a frame at 60 frames per second has 16 ms).
"""

from __future__ import annotations

import os
import random
import statistics
import tempfile
import time
from datetime import UTC, datetime, timedelta
from functools import cache
from pathlib import Path
from typing import Any

from benchmarks.harness import Benchmark

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

BARS = 5_000
FRAMES = 40
STATES = ("running", "warning", "critical", "breached", "paused")


def _spans(rng: random.Random, now: datetime) -> list[Any]:
    from console.services.sla_timeline import SlaSpan

    spans = []
    for n in range(BARS):
        created = now - timedelta(minutes=rng.randint(10, 3 * 24 * 60))
        due = created + timedelta(minutes=rng.randint(60, 5 * 24 * 60))
        paused = rng.random() < 0.1
        spans.append(
            SlaSpan(
                ticket_id=n,
                number=f"2026-{n:06d}",
                client_id=n % 300,
                client=f"Клиент {n % 300}",
                priority=rng.choice(("critical", "high", "normal", "low")),
                skill="Лифты",
                technician=None,
                sla_state="paused" if paused else rng.choice(STATES[:-1]),
                created_at=created,
                reaction_due_at=created + timedelta(minutes=30),
                arrival_due_at=created + timedelta(hours=4),
                resolution_due_at=None if paused else due,
                left_seconds=3600 if paused else None,
                thresholds=(created + (due - created) * 0.75,),
                pauses=((now - timedelta(hours=1), None),) if paused else (),
            )
        )
    return sorted(spans, key=SlaSpan.sort_key)


class _Chart:
    def __init__(self) -> None:
        from PySide6.QtWidgets import QApplication

        from console.store.database import open_database
        from console.views.feed_bridge import FeedBridge
        from console.views.selection import Selection
        from console.views.timeline_view import TimelinePanel

        self.app = QApplication.instance() or QApplication([])
        folder = tempfile.mkdtemp(prefix="console-bench-timeline-")
        db = open_database(f"sqlite:///{Path(folder) / 'empty.db'}")
        self.panel = TimelinePanel(db, FeedBridge(db), Selection())
        self.panel.resize(1200, 700)
        self.panel.show()
        self.panel.show_spans(_spans(random.Random(9), datetime.now(UTC)))
        self.panel.plot.setYRange(-1, BARS, padding=0)
        self.app.processEvents()
        self.step = 0

    def frame_ms(self) -> float:
        plot = self.panel.plot
        (left, right), _ = plot.getViewBox().viewRange()
        width = right - left
        self.step += 1
        if self.step % 2:
            plot.setXRange(left + width * 0.05, right + width * 0.05, padding=0)
        else:
            factor = 0.9 if self.step % 4 else 1 / 0.9
            middle = (left + right) / 2
            plot.setXRange(middle - width * factor / 2, middle + width * factor / 2, padding=0)
        self.app.processEvents()
        started = time.perf_counter()
        plot.viewport().repaint()
        return (time.perf_counter() - started) * 1000


@cache
def _chart() -> _Chart:
    return _Chart()


def _frame_5000_ms() -> float:
    chart = _chart()
    assert chart.panel.bar_count() == BARS
    return statistics.median(chart.frame_ms() for _ in range(FRAMES))


BENCHMARKS: list[Benchmark] = [
    Benchmark(name="timeline.frame_5000_ms", unit="ms", measure=_frame_5000_ms),
]
