"""The map page with 500 technicians and 5,000 open tickets, offscreen, in a real Qt WebEngine view.

`map.initial_load_ms`: from loading the page (built once, from local files) to both marker sets
drawn, the data pushed as soon as the page is ready: what a dispatcher waits for when the console
opens. `map.update_500_ms`: every one of the 500 technicians moved in one batch, from the push to
the page having applied it (the call returned); `map.update_500_painted_ms` adds the wait until the
moved markers are painted, and `map.two_frames_ms` is that same wait on an idle page, the floor of
the painted figure (frame pacing of the offscreen, software-rendered view). "Painted" is two
animation frames after the data call returned, so Leaflet's canvas has repainted. Markers come
from the same conversion the console uses (`map_markers`); the positions are synthetic, spread
over Moscow, so the figures do not depend on a database.
"""

from __future__ import annotations

import json
import os
import random
import tempfile
import time
from collections.abc import Callable
from datetime import UTC, datetime, timedelta
from functools import cache
from pathlib import Path
from typing import Any

# Qt WebEngine must be loaded before any QApplication exists; run.py imports every benchmark module
# before running any, so importing it here keeps the map benchmarks working after the others.
import PySide6.QtWebEngineWidgets  # noqa: F401

from benchmarks.harness import Benchmark

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
os.environ.setdefault("QTWEBENGINE_CHROMIUM_FLAGS", "--no-sandbox")

TECHNICIANS = 500
TICKETS = 5_000
STATES = ("free", "en_route", "on_site", "off_shift")
SLA = ("running", "warning", "critical", "breached", "paused")
PRIORITIES = ("critical", "high", "normal", "low")


def _technicians(rng: random.Random, now: datetime) -> list[Any]:
    from console.services.field_positions import TechnicianPosition

    return [
        TechnicianPosition(
            id=n,
            name=f"Техник {n}",
            state=rng.choice(STATES),
            latitude=55.55 + rng.random() * 0.4,
            longitude=37.35 + rng.random() * 0.5,
            reported_at=now - timedelta(minutes=rng.randint(0, 120)),
        )
        for n in range(1, TECHNICIANS + 1)
    ]


def _tickets(rng: random.Random, now: datetime) -> list[Any]:
    from console.services.field_positions import TicketPosition

    return [
        TicketPosition(
            id=n,
            number=f"2026-{n:06d}",
            client=f"Клиент {n % 300}",
            site=f"Объект {n}",
            address=f"Москва, ул. Тестовая, д. {n}",
            technician=None if n % 3 else f"Техник {n % TECHNICIANS}",
            priority=rng.choice(PRIORITIES),
            sla_state=rng.choice(SLA),
            due_at=now + timedelta(minutes=rng.randint(-300, 3000)),
            latitude=55.55 + rng.random() * 0.4,
            longitude=37.35 + rng.random() * 0.5,
        )
        for n in range(1, TICKETS + 1)
    ]


class _Page:
    def __init__(self) -> None:
        from PySide6.QtWebEngineCore import QWebEngineSettings
        from PySide6.QtWebEngineWidgets import QWebEngineView
        from PySide6.QtWidgets import QApplication

        from console.views.map_markers import technician_markers, ticket_markers
        from console.views.map_page import build_map_page

        self.app = QApplication.instance() or QApplication([])
        folder = tempfile.mkdtemp(prefix="console-bench-map-")
        self.page_file = build_map_page(Path(folder) / "map.html")
        self.view = QWebEngineView()
        settings = self.view.settings()
        settings.setAttribute(QWebEngineSettings.WebAttribute.LocalContentCanAccessFileUrls, True)
        self.view.resize(1000, 700)
        self.view.show()
        self.rng = random.Random(11)
        now = datetime.now(UTC)
        self.technicians = json.dumps(technician_markers(_technicians(self.rng, now)), ensure_ascii=False)
        self.tickets = json.dumps(ticket_markers(_tickets(self.rng, now), now), ensure_ascii=False)
        self.loaded: list[bool] = []
        self.view.loadFinished.connect(self.loaded.append)

    def _wait(self, done: Callable[[], bool], timeout_s: float = 60) -> None:
        deadline = time.perf_counter() + timeout_s
        while not done():
            if time.perf_counter() > deadline:
                raise TimeoutError("the map page did not answer in time")
            self.app.processEvents()
            time.sleep(0.0005)

    def _run(self, script: str) -> Any:
        answers: list[Any] = []
        self.view.page().runJavaScript(script, 0, answers.append)
        self._wait(lambda: bool(answers))
        return answers[0]

    def _drawn(self) -> None:
        """Wait for two animation frames: the canvas has repainted what the last call changed."""
        self._run(
            "window.__frames = 0;"
            " requestAnimationFrame(() => requestAnimationFrame(() => { window.__frames = 2; })); 0"
        )
        self._wait(lambda: self._run("window.__frames") == 2)

    def initial_load_ms(self) -> float:
        from PySide6.QtCore import QUrl

        self.loaded.clear()
        started = time.perf_counter()
        self.view.load(QUrl.fromLocalFile(str(self.page_file)))
        self._wait(lambda: bool(self.loaded))
        self._run(f"window.consoleMap.setTechnicians({self.technicians})")
        count = self._run(f"window.consoleMap.setTickets({self.tickets})")
        self._drawn()
        elapsed = (time.perf_counter() - started) * 1000
        assert count == TICKETS, count
        return elapsed

    def two_frames_ms(self) -> float:
        if not self.loaded:
            self.initial_load_ms()
        started = time.perf_counter()
        self._drawn()
        return (time.perf_counter() - started) * 1000

    def update_500_ms(self) -> float:
        return self._update_500(painted=False)

    def update_500_painted_ms(self) -> float:
        return self._update_500(painted=True)

    def _update_500(self, *, painted: bool) -> float:
        if not self.loaded:
            self.initial_load_ms()
        moved = [
            {**marker, "lat": marker["lat"] + self.rng.uniform(-0.01, 0.01), "lon": marker["lon"] + 0.005}
            for marker in json.loads(self.technicians)
        ]
        batch = json.dumps(moved, ensure_ascii=False)
        started = time.perf_counter()
        count = self._run(f"window.consoleMap.updateTechnicians({batch}, [])")
        if painted:
            self._drawn()
        elapsed = (time.perf_counter() - started) * 1000
        assert count == TECHNICIANS, count
        return elapsed


@cache
def _page() -> _Page:
    return _Page()


def _median(measure: Callable[[_Page], float], samples: int = 7) -> float:
    page = _page()
    values = sorted(measure(page) for _ in range(samples))
    return values[len(values) // 2]


BENCHMARKS: list[Benchmark] = [
    Benchmark(
        name="map.initial_load_ms", unit="ms", measure=lambda: _median(_Page.initial_load_ms, 3), runs=3
    ),
    Benchmark(name="map.update_500_ms", unit="ms", measure=lambda: _median(_Page.update_500_ms)),
    Benchmark(
        name="map.update_500_painted_ms", unit="ms", measure=lambda: _median(_Page.update_500_painted_ms)
    ),
    Benchmark(name="map.two_frames_ms", unit="ms", measure=lambda: _median(_Page.two_frames_ms)),
]
