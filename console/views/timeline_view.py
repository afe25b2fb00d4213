"""The SLA timeline: one lane per open ticket, a bar from creation to its resolution deadline.

Bars are drawn with one batched item per SLA state (not one item per ticket); reaction and arrival
deadlines, warning thresholds and pauses are one item each, whatever the number of tickets. Lanes
can be grouped by client, technician, skill or priority. A "now" line moves with the clock. When
the change feed names changed tickets, only their spans are fetched and merged into the lanes; a
ticket that has just become at risk is brought into view and flashes once. Hovering a bar shows its
ticket, clicking selects it in the whole console; the mouse and the keyboard zoom and pan
(+/-, arrows, Page Up/Down, Home for now).
"""

from __future__ import annotations

import time
from collections import defaultdict
from collections.abc import Callable
from datetime import UTC, datetime, timedelta
from typing import Any

import numpy as np
import pyqtgraph as pg
from PySide6.QtCore import QPointF, Qt, QTimer
from PySide6.QtGui import QBrush, QColor, QKeyEvent
from PySide6.QtWidgets import QComboBox, QHBoxLayout, QLabel, QToolTip, QVBoxLayout, QWidget

from console.services.sla_timeline import SlaSpan, open_sla_spans
from console.store.database import Database
from console.views.background import run_in_background
from console.views.date_axis import LocalDateAxis
from console.views.feed_bridge import FeedBridge
from console.views.labels import duration_text, moment_text, priority_label, sla_state_label
from console.views.lane_axis import LaneAxis
from console.views.selection import Selection
from console.views.sla_icons import STATE_COLOURS

REFRESH_DELAY_MS = 300
NOW_TICK_MS = 30_000
FLASH_MS = 1_500
LANE_HEIGHT = 0.7
AT_RISK = ("warning", "critical", "breached")
PRIORITY_ORDER = {"critical": 0, "high": 1, "normal": 2, "low": 3}


class TimelinePanel(QWidget):
    def __init__(self, db: Database, feed: FeedBridge, selection: Selection, parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("timeline_panel")
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self.db = db
        self.selection = selection
        self.spans: list[SlaSpan] = []
        self.lanes: list[SlaSpan] = []
        self.group_by = "none"
        self.flashed: list[int] = []
        self.lane_axis = LaneAxis()
        self.plot = pg.PlotWidget(axisItems={"bottom": LocalDateAxis(), "left": self.lane_axis})
        self.plot.setObjectName("timeline_plot")
        self.plot.setBackground("w")
        self.plot.showGrid(x=True, y=False, alpha=0.2)
        self.plot.getPlotItem().invertY(True)
        self.plot.setMouseEnabled(x=True, y=True)
        self.plot.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        now = time.time()
        self.plot.setXRange(now - 12 * 3600, now + 24 * 3600, padding=0)
        self.bars: dict[str, pg.BarGraphItem] = {}
        hatch = QBrush(QColor("#495057"), Qt.BrushStyle.BDiagPattern)
        self.pauses = pg.BarGraphItem(
            x0=[], width=[], y=[], height=LANE_HEIGHT, brush=hatch, pen=pg.mkPen(None)
        )
        self.pauses.setZValue(2)
        self.plot.addItem(self.pauses)
        self.reaction_marks = pg.ScatterPlotItem(symbol="|", size=12, pen=pg.mkPen("#212529"), brush=None)
        self.arrival_marks = pg.ScatterPlotItem(
            symbol="d", size=8, pen=pg.mkPen("#212529"), brush=pg.mkBrush("#ffffff")
        )
        self.threshold_marks = pg.ScatterPlotItem(symbol="t", size=7, pen=pg.mkPen(None), brush="#212529")
        for item in (self.reaction_marks, self.arrival_marks, self.threshold_marks):
            item.setZValue(3)
            self.plot.addItem(item)
        self.separators = pg.PlotCurveItem(pen=pg.mkPen("#adb5bd"), connect="pairs")
        self.plot.addItem(self.separators)
        self.highlight = pg.BarGraphItem(
            x0=[], width=[], y=[], height=0.95, brush=None, pen=pg.mkPen("#1c7ed6")
        )
        self.highlight.setZValue(4)
        self.plot.addItem(self.highlight)
        self.flash = pg.BarGraphItem(x0=[], width=[], y=[], height=1.0, brush=pg.mkBrush(255, 212, 59, 140))
        self.flash.setZValue(1)
        self.plot.addItem(self.flash)
        self.now_line = pg.InfiniteLine(angle=90, movable=False, pen=pg.mkPen("#1c7ed6"))
        self.plot.addItem(self.now_line)

        self.grouping = QComboBox(self)
        self.grouping.setObjectName("timeline_grouping")
        for key, text in (
            ("none", self.tr("One lane per ticket")),
            ("client", self.tr("Grouped by client")),
            ("technician", self.tr("Grouped by technician")),
            ("skill", self.tr("Grouped by skill")),
            ("priority", self.tr("Grouped by priority")),
        ):
            self.grouping.addItem(text, key)
        self.grouping.currentIndexChanged.connect(self._on_grouping)
        legend = QLabel(
            self.tr("| reaction  ◇ arrival  ▼ warning thresholds  ▨ paused  — keys: + − ← → PgUp PgDn Home"),
            self,
        )
        legend.setObjectName("timeline_legend")
        bar = QHBoxLayout()
        bar.setContentsMargins(4, 2, 4, 0)
        bar.addWidget(self.grouping)
        bar.addWidget(legend, 1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(0)
        layout.addLayout(bar)
        layout.addWidget(self.plot)

        self._refresh_timer = QTimer(self)
        self._refresh_timer.setSingleShot(True)
        self._refresh_timer.setInterval(REFRESH_DELAY_MS)
        self._refresh_timer.timeout.connect(self._refresh_pending)
        self._pending: set[int] = set()
        self._flash_timer = QTimer(self)
        self._flash_timer.setSingleShot(True)
        self._flash_timer.setInterval(FLASH_MS)
        self._flash_timer.timeout.connect(lambda: self.flash.setOpts(x0=[], width=[], y=[]))
        self._clock = QTimer(self)
        self._clock.setInterval(NOW_TICK_MS)
        self._clock.timeout.connect(self._move_now)
        self._clock.start()
        self._move_now()
        self.plot.scene().sigMouseMoved.connect(self._on_hover)
        self.plot.scene().sigMouseClicked.connect(self._on_click)
        feed.changed.connect(self._on_changes)
        selection.ticket_selected.connect(self.show_ticket)

    def shutdown(self) -> None:
        """Stop the timers; the panel is closing."""
        self._clock.stop()
        self._refresh_timer.stop()
        self._flash_timer.stop()

    def load(self) -> None:
        db = self.db
        run_in_background(lambda: open_sla_spans(db), self.show_spans)

    def _refresh_pending(self) -> None:
        db, wanted = self.db, self._pending
        self._pending = set()
        run_in_background(lambda: (wanted, open_sla_spans(db, wanted)), self._on_refreshed)

    def _on_refreshed(self, result: tuple[set[int], list[SlaSpan]]) -> None:
        wanted, fresh = result
        before = {span.ticket_id: span.sla_state for span in self.spans if span.ticket_id in wanted}
        kept = [span for span in self.spans if span.ticket_id not in wanted]
        merged = sorted(kept + fresh, key=SlaSpan.sort_key)
        self.show_spans(merged)
        newly_at_risk = [
            s.ticket_id for s in fresh if s.sla_state in AT_RISK and before.get(s.ticket_id) not in AT_RISK
        ]
        if newly_at_risk:
            self.flash_tickets(newly_at_risk)

    # Drawing ------------------------------------------------------------------------------------------

    def _on_grouping(self) -> None:
        self.group_by = self.grouping.currentData()
        self.show_spans(self.spans)

    def _group_key(self) -> Callable[[SlaSpan], str]:
        unassigned, no_skill = self.tr("Unassigned"), self.tr("No skill")
        if self.group_by == "client":
            return lambda s: s.client
        if self.group_by == "technician":
            return lambda s: s.technician or unassigned
        if self.group_by == "skill":
            return lambda s: s.skill or no_skill
        if self.group_by == "priority":
            return lambda s: priority_label(s.priority)
        return lambda _s: ""

    def _ordered(self, spans: list[SlaSpan]) -> list[SlaSpan]:
        if self.group_by == "none":
            return spans
        key = self._group_key()
        if self.group_by == "priority":
            return sorted(spans, key=lambda s: (PRIORITY_ORDER.get(s.priority, 9), s.sort_key()))
        return sorted(spans, key=lambda s: (key(s).casefold(), s.sort_key()))

    def show_spans(self, spans: list[SlaSpan]) -> None:
        """Draw `spans` (nearest deadline first), one lane each, rebuilding the few batched items."""
        first_load = not self.spans and bool(spans)
        self.spans = spans
        self.lanes = lanes = self._ordered(spans)
        key = self._group_key()
        labels, cuts, previous = [], [], None
        for lane, span in enumerate(lanes):
            group = key(span)
            if self.group_by != "none" and group != previous:
                labels.append(f"{group} ▸ {span.number}")
                if lane:
                    cuts.append(lane - 0.5)
                previous = group
            else:
                labels.append(span.number)
        self.lane_axis.labels = labels
        moment = datetime.now(UTC)
        grouped: dict[str, list[tuple[int, SlaSpan]]] = defaultdict(list)
        for lane, span in enumerate(lanes):
            grouped[span.sla_state if span.sla_state in STATE_COLOURS else "none"].append((lane, span))
        for state, colour in STATE_COLOURS.items():
            chosen = grouped.get(state, [])
            starts = np.array([s.created_at.timestamp() for _, s in chosen], dtype=float)
            ends = np.array([s.bar_end(moment).timestamp() for _, s in chosen], dtype=float)
            ys = np.array([lane for lane, _ in chosen], dtype=float)
            item = self.bars.get(state)
            options: dict[str, Any] = {"x0": starts, "width": ends - starts, "y": ys, "height": LANE_HEIGHT}
            if item is None:
                item = pg.BarGraphItem(brush=pg.mkBrush(colour), pen=pg.mkPen(None), **options)
                self.bars[state] = item
                self.plot.addItem(item)
            else:
                item.setOpts(**options)
        now = time.time()
        pause_x0, pause_w, pause_y = [], [], []
        for lane, span in enumerate(lanes):
            for start, end in span.pauses:
                begin = start.timestamp()
                pause_x0.append(begin)
                pause_w.append((end.timestamp() if end is not None else now) - begin)
                pause_y.append(lane)
        self.pauses.setOpts(x0=pause_x0, width=pause_w, y=pause_y)
        self._marks(self.reaction_marks, [(s.reaction_due_at, lane) for lane, s in enumerate(lanes)])
        self._marks(self.arrival_marks, [(s.arrival_due_at, lane) for lane, s in enumerate(lanes)])
        self._marks(
            self.threshold_marks,
            [(moment, lane - 0.3) for lane, s in enumerate(lanes) for moment in s.thresholds],
        )
        if cuts:
            left, right = now - 365 * 86400, now + 365 * 86400
            cut_x = [x for _ in cuts for x in (left, right)]
            cut_y = [y for y in cuts for _ in (0, 1)]
            self.separators.setData(x=cut_x, y=cut_y)
        else:
            self.separators.setData(x=[], y=[])
        if self.selection.ticket_id is not None:
            self._highlight(self.selection.ticket_id)
        if first_load:
            self.plot.setXRange(now - 12 * 3600, now + 24 * 3600, padding=0)
            self.plot.setYRange(-1, min(len(lanes), 40), padding=0)

    @staticmethod
    def _marks(item: pg.ScatterPlotItem, points: list[tuple[Any, float]]) -> None:
        present = [(moment.timestamp(), lane) for moment, lane in points if moment is not None]
        item.setData(x=[p[0] for p in present], y=[p[1] for p in present])

    def bar_count(self) -> int:
        return sum(len(item.opts["x0"]) for item in self.bars.values())

    def bar_colour(self, ticket_id: int) -> str | None:
        """The colour the ticket's bar is drawn in (for tests and accessibility)."""
        for lane, span in enumerate(self.lanes):
            if span.ticket_id == ticket_id:
                state = span.sla_state if span.sla_state in STATE_COLOURS else "none"
                item = self.bars[state]
                if lane in set(item.opts["y"].tolist()):
                    return str(item.opts["brush"].color().name())
        return None

    def lane_of(self, ticket_id: int) -> int | None:
        return next((lane for lane, s in enumerate(self.lanes) if s.ticket_id == ticket_id), None)

    def _move_now(self) -> None:
        self.now_line.setValue(time.time())

    # Selection, hover and flashing ---------------------------------------------------------------------

    def _highlight(self, ticket_id: int) -> bool:
        lane = self.lane_of(ticket_id)
        if lane is None:
            self.highlight.setOpts(x0=[], width=[], y=[])
            return False
        span = self.lanes[lane]
        start = span.created_at.timestamp()
        end = span.bar_end(datetime.now(UTC)).timestamp()
        self.highlight.setOpts(x0=[start], width=[end - start], y=[lane])
        return True

    def _bring_into_view(self, lane: int) -> None:
        (top, bottom) = self.plot.getViewBox().viewRange()[1]
        if not top <= lane <= bottom:
            height = max(bottom - top, 10)
            self.plot.setYRange(lane - height / 3, lane + 2 * height / 3, padding=0)

    def show_ticket(self, ticket_id: int) -> None:
        """Outline the selected ticket's bar and scroll to its lane."""
        if self._highlight(ticket_id):
            lane = self.lane_of(ticket_id)
            assert lane is not None
            self._bring_into_view(lane)

    def flash_tickets(self, ticket_ids: list[int]) -> None:
        """Bring the first of these tickets into view and flash their lanes once."""
        lanes = [lane for lane in (self.lane_of(t) for t in ticket_ids) if lane is not None]
        if not lanes:
            return
        self.flashed = list(ticket_ids)
        self._bring_into_view(lanes[0])
        left, right = self.plot.getViewBox().viewRange()[0]
        self.flash.setOpts(x0=[left] * len(lanes), width=[right - left] * len(lanes), y=lanes)
        self._flash_timer.start()

    def span_at_scene(self, scene_pos: QPointF) -> SlaSpan | None:
        box = self.plot.getViewBox()
        if not box.sceneBoundingRect().contains(scene_pos):
            return None
        point = box.mapSceneToView(scene_pos)
        lane = round(float(point.y()))
        if not 0 <= lane < len(self.lanes) or abs(point.y() - lane) > LANE_HEIGHT / 2:
            return None
        span: SlaSpan = self.lanes[lane]
        if not span.created_at.timestamp() <= point.x() <= span.bar_end(datetime.now(UTC)).timestamp():
            return None
        return span

    def span_tooltip(self, span: SlaSpan) -> str:
        lines = [
            f"{span.number} · {span.client}",
            self.tr("Priority: %1").replace("%1", priority_label(span.priority)),
            self.tr("SLA: %1").replace("%1", sla_state_label(span.sla_state)),
            self.tr("Resolution due %1").replace("%1", moment_text(span.resolution_due_at))
            if span.resolution_due_at is not None
            else self.tr("Paused: %1 left when work resumes").replace(
                "%1", duration_text(timedelta(seconds=span.left_seconds or 0))
            ),
        ]
        if span.arrival_due_at is not None:
            lines.append(self.tr("Arrival due %1").replace("%1", moment_text(span.arrival_due_at)))
        lines.append(self.tr("Technician: %1").replace("%1", span.technician or self.tr("unassigned")))
        return "\n".join(lines)

    def _on_hover(self, scene_pos: QPointF) -> None:
        span = self.span_at_scene(scene_pos)
        if span is None:
            QToolTip.hideText()
            return
        view = self.plot
        QToolTip.showText(
            view.mapToGlobal(view.mapFromScene(scene_pos).toPoint()), self.span_tooltip(span), view
        )

    def _on_click(self, event: Any) -> None:
        span = self.span_at_scene(event.scenePos())
        if span is not None:
            self.selection.select_ticket(span.ticket_id, span.client_id)

    # Keyboard ---------------------------------------------------------------------------------------------

    def keyPressEvent(self, event: QKeyEvent) -> None:
        box = self.plot.getViewBox()
        (left, right), (top, bottom) = box.viewRange()
        width, height = right - left, bottom - top
        key = event.key()
        if key in (Qt.Key.Key_Plus, Qt.Key.Key_Equal, Qt.Key.Key_Minus):
            factor = 0.5 if key != Qt.Key.Key_Minus else 2.0
            middle = (left + right) / 2
            self.plot.setXRange(middle - width * factor / 2, middle + width * factor / 2, padding=0)
        elif key in (Qt.Key.Key_Left, Qt.Key.Key_Right):
            step = width * 0.2 * (-1 if key == Qt.Key.Key_Left else 1)
            self.plot.setXRange(left + step, right + step, padding=0)
        elif key in (Qt.Key.Key_Up, Qt.Key.Key_Down, Qt.Key.Key_PageUp, Qt.Key.Key_PageDown):
            step = 1.0 if key in (Qt.Key.Key_Up, Qt.Key.Key_Down) else height * 0.9
            step *= -1 if key in (Qt.Key.Key_Up, Qt.Key.Key_PageUp) else 1
            self.plot.setYRange(top + step, bottom + step, padding=0)
        elif key == Qt.Key.Key_Home:
            now = time.time()
            self.plot.setXRange(now - width / 3, now + 2 * width / 3, padding=0)
        else:
            super().keyPressEvent(event)

    # Live updates -------------------------------------------------------------------------------------

    def _on_changes(self, by_entity: dict[str, set[int]], _changes: list[object]) -> None:
        if by_entity.get("tickets"):
            self._pending |= by_entity["tickets"]
            self._refresh_timer.start()
