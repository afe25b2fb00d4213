"""The SLA timeline: one lane per open ticket, a bar from creation to its resolution deadline.

Bars are drawn with one batched item per SLA state (not one item per ticket), reaction deadlines
as one scatter item, and a "now" line that moves with the clock. When the change feed names
changed tickets, only their spans are fetched and merged into the lanes.
"""

from __future__ import annotations

import time
from collections import defaultdict
from typing import Any

import numpy as np
import pyqtgraph as pg
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QVBoxLayout, QWidget

from console.services.sla_timeline import SlaSpan, open_sla_spans
from console.store.database import Database
from console.views.background import run_in_background
from console.views.feed_bridge import FeedBridge
from console.views.selection import Selection
from console.views.sla_icons import STATE_COLOURS

REFRESH_DELAY_MS = 300
NOW_TICK_MS = 30_000
LANE_HEIGHT = 0.7


class LaneAxis(pg.AxisItem):  # type: ignore[misc]
    """Left axis that labels integer lanes with ticket numbers."""

    def __init__(self) -> None:
        super().__init__(orientation="left")
        self.labels: list[str] = []

    def tickStrings(self, values: list[float], scale: float, spacing: float) -> list[str]:
        out = []
        for value in values:
            lane = round(value)
            out.append(self.labels[lane] if abs(value - lane) < 1e-6 and 0 <= lane < len(self.labels) else "")
        return out


class TimelinePanel(QWidget):
    def __init__(self, db: Database, feed: FeedBridge, selection: Selection, parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("timeline_panel")
        self.db = db
        self.spans: list[SlaSpan] = []
        self.lane_axis = LaneAxis()
        self.plot = pg.PlotWidget(
            axisItems={"bottom": pg.DateAxisItem(orientation="bottom"), "left": self.lane_axis}
        )
        self.plot.setObjectName("timeline_plot")
        self.plot.setBackground("w")
        self.plot.showGrid(x=True, y=False, alpha=0.2)
        self.plot.getPlotItem().invertY(True)
        self.plot.setMouseEnabled(x=True, y=True)
        now = time.time()
        self.plot.setXRange(now - 12 * 3600, now + 24 * 3600, padding=0)
        self.bars: dict[str, pg.BarGraphItem] = {}
        self.reaction_marks = pg.ScatterPlotItem(symbol="|", size=12, pen=pg.mkPen("#212529"), brush=None)
        self.plot.addItem(self.reaction_marks)
        self.now_line = pg.InfiniteLine(angle=90, movable=False, pen=pg.mkPen("#1c7ed6"))
        self.plot.addItem(self.now_line)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.plot)
        self._refresh_timer = QTimer(self)
        self._refresh_timer.setSingleShot(True)
        self._refresh_timer.setInterval(REFRESH_DELAY_MS)
        self._refresh_timer.timeout.connect(self._refresh_pending)
        self._pending: set[int] = set()
        self._clock = QTimer(self)
        self._clock.setInterval(NOW_TICK_MS)
        self._clock.timeout.connect(self._move_now)
        self._clock.start()
        self._move_now()
        feed.changed.connect(self._on_changes)

    def shutdown(self) -> None:
        """Stop the timers; the panel is closing."""
        self._clock.stop()
        self._refresh_timer.stop()

    def load(self) -> None:
        db = self.db
        run_in_background(lambda: open_sla_spans(db), self.show_spans)

    def _refresh_pending(self) -> None:
        db, wanted = self.db, self._pending
        self._pending = set()
        run_in_background(lambda: (wanted, open_sla_spans(db, wanted)), self._on_refreshed)

    def _on_refreshed(self, result: tuple[set[int], list[SlaSpan]]) -> None:
        wanted, fresh = result
        kept = [span for span in self.spans if span.ticket_id not in wanted]
        merged = sorted(kept + fresh, key=lambda s: (s.resolution_due_at, s.ticket_id))
        self.show_spans(merged)

    def show_spans(self, spans: list[SlaSpan]) -> None:
        """Draw `spans` (nearest deadline first), one lane each, rebuilding the few batched items."""
        first_load = not self.spans
        self.spans = spans
        self.lane_axis.labels = [s.number for s in spans]
        grouped: dict[str, list[tuple[int, SlaSpan]]] = defaultdict(list)
        for lane, span in enumerate(spans):
            grouped[span.sla_state if span.sla_state in STATE_COLOURS else "none"].append((lane, span))
        for state, colour in STATE_COLOURS.items():
            lanes = grouped.get(state, [])
            starts = np.array([s.created_at.timestamp() for _, s in lanes], dtype=float)
            ends = np.array([s.resolution_due_at.timestamp() for _, s in lanes], dtype=float)
            ys = np.array([lane for lane, _ in lanes], dtype=float)
            item = self.bars.get(state)
            options: dict[str, Any] = {"x0": starts, "width": ends - starts, "y": ys, "height": LANE_HEIGHT}
            if item is None:
                item = pg.BarGraphItem(brush=pg.mkBrush(colour), pen=pg.mkPen(None), **options)
                self.bars[state] = item
                self.plot.addItem(item)
            else:
                item.setOpts(**options)
        marks = [(s.reaction_due_at.timestamp(), lane) for lane, s in enumerate(spans) if s.reaction_due_at]
        self.reaction_marks.setData(x=[m[0] for m in marks], y=[m[1] for m in marks])
        if first_load and spans:
            now = time.time()
            self.plot.setXRange(now - 12 * 3600, now + 24 * 3600, padding=0)
            self.plot.setYRange(-1, min(len(spans), 40), padding=0)

    def bar_count(self) -> int:
        return sum(len(item.opts["x0"]) for item in self.bars.values())

    def _move_now(self) -> None:
        self.now_line.setValue(time.time())

    def _on_changes(self, by_entity: dict[str, set[int]], _changes: list[object]) -> None:
        if by_entity.get("tickets"):
            self._pending |= by_entity["tickets"]
            self._refresh_timer.start()
