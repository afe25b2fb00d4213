"""Queue responsiveness on the 100,000-ticket demo database, measured through the real queue panel.

Each figure is a 95th percentile over many user actions, from the action (a filter picked, a header
clicked, a key typed, a tab opened) to the moment the table holds the new rows; the query runs on
the thread pool, so the time includes the hop there and back. Between actions the table gets 50 ms
to repaint, as it would between a person's keystrokes. `queue.feed_batch100_ms` is the GUI
thread's share of taking in 100 changed tickets from the change feed: moving, inserting and
dropping their rows and the events that follow; `queue.feed_batch100_repainted_ms` adds one full,
forced repaint of the visible table, which any visible change costs.
"""

from __future__ import annotations

import os
import random
import statistics
import time
from collections.abc import Callable
from functools import cache
from typing import Any

from benchmarks.big_demo import big_demo
from benchmarks.harness import Benchmark

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

ACTIONS = 60
# The pause between actions (a fast typist's 100 ms between keys is longer).
SETTLE_S = 0.05
SEARCHES = ("Пят", "Пятёр", "ремонт", "2026-09", "лифт", "Иванов", "Tver", "касс", "Магнит", "холод")


def _p95(samples: list[float]) -> float:
    return statistics.quantiles(samples, n=20)[-1]


class _Desk:
    """A queue panel on the big database, shown offscreen, with a way to time one action."""

    def __init__(self) -> None:
        from PySide6.QtWidgets import QApplication

        from console.views.feed_bridge import FeedBridge
        from console.views.queue_view import QueuePanel
        from console.views.selection import Selection

        self.app = QApplication.instance() or QApplication([])
        self.db = big_demo()
        self.selection = Selection()
        self.feed = FeedBridge(self.db)
        self.panel = QueuePanel(self.db, self.feed, self.selection, user_id=1)
        self.panel.resize(1200, 700)
        self.panel.show()
        self.panel.load()
        self._wait(lambda: self.panel.current_tab().is_loaded and bool(self.panel.counts), 60)
        self._wait(lambda: self.panel.tabs.count() > 6, 60)
        self.rng = random.Random(4)

    def _wait(self, done: Callable[[], bool], timeout_s: float = 10) -> None:
        deadline = time.perf_counter() + timeout_s
        while not done():
            if time.perf_counter() > deadline:
                raise TimeoutError("the queue did not answer in time")
            self.app.processEvents()
            time.sleep(0.0005)

    def timed(self, action: Callable[[], Any]) -> float:
        """Milliseconds from `action()` to the current tab having loaded its rows."""
        tab = self.panel.current_tab()
        loads: list[bool] = []
        tab.loaded.connect(lambda: loads.append(True))
        started = time.perf_counter()
        action()
        current = self.panel.current_tab()
        if current is not tab:
            current.loaded.connect(lambda: loads.append(True))
        self._wait(lambda: bool(loads))
        elapsed = (time.perf_counter() - started) * 1000
        for each in {tab, current}:
            each.loaded.disconnect()
        self.settle()
        return elapsed

    def settle(self) -> None:
        """Let the table repaint before the next action, as it does between a person's keystrokes."""
        deadline = time.perf_counter() + SETTLE_S
        while time.perf_counter() < deadline:
            self.app.processEvents()
            time.sleep(0.001)


@cache
def _desk() -> _Desk:
    return _Desk()


def open_p95() -> float:
    desk = _desk()
    desk.panel.filter_bar.reset()
    desk._wait(lambda: desk.panel.current_tab().is_loaded)
    samples = []
    for _ in range(ACTIONS):
        target = desk.rng.randrange(desk.panel.tabs.count())
        if target == desk.panel.tabs.currentIndex():
            target = (target + 1) % desk.panel.tabs.count()
        # Opened for the first time: nothing loaded yet (a queue opened before is live and shows at once).
        cold = desk.panel.queue_tabs[target]
        cold.is_loaded = False
        cold.model.set_rows([], 0)
        samples.append(desk.timed(lambda t=target: desk.panel.show_queue(t)))
    return _p95(samples)


def filter_p95() -> float:
    desk = _desk()
    desk.panel.show_queue(0)
    bar = desk.panel.filter_bar
    combos = (bar.client, bar.skill, bar.priority, bar.status, bar.technician, bar.period)
    samples = []
    for _ in range(ACTIONS):
        combo = desk.rng.choice(combos)
        choice = desk.rng.randrange(combo.count())
        if choice == combo.currentIndex():
            choice = 0 if choice else 1
        samples.append(desk.timed(lambda c=combo, i=choice: c.setCurrentIndex(i)))
    bar.reset()
    return _p95(samples)


def sort_p95() -> float:
    from PySide6.QtCore import Qt

    desk = _desk()
    desk.panel.show_queue(0)
    header = desk.panel.current_tab().table.horizontalHeader()
    samples = []
    for _ in range(ACTIONS):
        column, order = header.sortIndicatorSection(), header.sortIndicatorOrder()
        while (column, order) == (header.sortIndicatorSection(), header.sortIndicatorOrder()):
            column = desk.rng.randrange(header.count())
            order = desk.rng.choice((Qt.SortOrder.AscendingOrder, Qt.SortOrder.DescendingOrder))
        samples.append(desk.timed(lambda c=column, o=order: header.setSortIndicator(c, o)))
    return _p95(samples)


def _search(queue_position: int) -> float:
    desk = _desk()
    desk.panel.filter_bar.reset()
    desk.panel.show_queue(queue_position)
    desk._wait(lambda: desk.panel.current_tab().is_loaded)
    search = desk.panel.filter_bar.search
    samples = []
    while len(samples) < ACTIONS:
        word = desk.rng.choice(SEARCHES)
        for length in range(1, len(word) + 1):
            samples.append(desk.timed(lambda w=word[:length]: search.setText(w)))
        samples.append(desk.timed(search.clear))
    return _p95(samples)


def search_p95() -> float:
    """Typing in the open-tickets queue, one key at a time."""
    return _search(0)


def _feed_batch100(repaint: bool) -> float:
    """GUI-thread milliseconds to take in 100 changed tickets (their ranks are read on a worker)."""
    from PySide6.QtCore import Qt
    from sqlalchemy import select, update

    from console.models import Ticket
    from console.models.base import OPEN_STATUSES, PRIORITIES
    from console.services.queues import queue_changes
    from console.views.queue_model import COLUMNS

    desk = _desk()
    desk.panel.filter_bar.reset()
    desk.panel.show_queue(0)
    tab = desk.panel.current_tab()
    header = tab.table.horizontalHeader()
    if header.sortIndicatorSection() != COLUMNS.index("priority"):
        desk.timed(lambda: header.setSortIndicator(COLUMNS.index("priority"), Qt.SortOrder.AscendingOrder))
    with desk.db.session() as session:
        open_ids = session.scalars(select(Ticket.id).where(Ticket.status.in_(OPEN_STATUSES))).all()
    chosen = desk.rng.sample(list(open_ids), 100)
    with desk.db.transaction() as session:
        for ticket_id in chosen:
            session.execute(
                update(Ticket).where(Ticket.id == ticket_id).values(priority=desk.rng.choice(PRIORITIES))
            )
    changes = queue_changes(desk.db, tab.queue, set(chosen), tab.filter, tab.model.order)
    desk._wait(lambda: not tab._loading)
    desk.settle()
    started = time.perf_counter()
    tab.model.apply(changes)
    desk.app.processEvents()
    if repaint:
        tab.table.viewport().repaint()
    return (time.perf_counter() - started) * 1000


BENCHMARKS = [
    Benchmark("queue.open_p95_ms", "ms", open_p95, runs=3),
    Benchmark("queue.filter_p95_ms", "ms", filter_p95, runs=3),
    Benchmark("queue.sort_p95_ms", "ms", sort_p95, runs=3),
    Benchmark("queue.search_p95_ms", "ms", search_p95, runs=3),
    Benchmark("queue.feed_batch100_ms", "ms", lambda: _feed_batch100(repaint=False), runs=7),
    Benchmark("queue.feed_batch100_repainted_ms", "ms", lambda: _feed_batch100(repaint=True), runs=7),
]
