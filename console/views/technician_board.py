"""The technician board: the dispatcher's day plan, one lane per technician.

Shifts are the pale background of a lane, the free gaps left in them a green strip, planned
visits blocks coloured by status, the travel before each visit a thin grey bar, actual times a
dark strip under the block as they come in. A ticket dragged from a queue onto a lane plans a visit there
(an hour by default), a visit dragged elsewhere moves in time or to another technician. Every drop
is checked by the planning service inside its save (skill, shift, overlaps including travel, the
technician's next visit, the SLA deadline); a refused drop saves nothing and says why, next to the
board. Items are batched per colour, not one per block.
"""

from __future__ import annotations

from collections import defaultdict
from datetime import UTC, date, datetime, timedelta
from typing import Any
from zoneinfo import ZoneInfo

import pyqtgraph as pg
from PySide6.QtCore import QDate, QEvent, QObject, QPoint, QPointF, Qt, QTimer, Signal
from PySide6.QtGui import QDrag, QDragMoveEvent, QDropEvent, QMouseEvent
from PySide6.QtWidgets import (
    QApplication,
    QComboBox,
    QDateEdit,
    QHBoxLayout,
    QLabel,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from console.services.field_zone import FIELD_TIMEZONE
from console.services.visit_planning import (
    BoardVisit,
    DayBoard,
    VisitRefused,
    days_board,
    move_visit,
    plan_visit,
)
from console.store.database import Database
from console.views.background import run_in_background
from console.views.date_axis import LocalDateAxis
from console.views.drag_data import dropped_ticket, dropped_visit, visit_mime
from console.views.errors_text import error_text, notice_text
from console.views.feed_bridge import FeedBridge
from console.views.labels import date_format
from console.views.lane_axis import LaneAxis
from console.views.selection import Selection

DEFAULT_VISIT = timedelta(hours=1)
SNAP_MINUTES = 15
VISIT_COLOURS = {"planned": "#4dabf7", "en_route": "#1c7ed6", "on_site": "#f76707", "done": "#adb5bd"}
LANE = 0.6
REFRESH_DELAY_MS = 400


def _snap(moment: datetime) -> datetime:
    minutes = (moment.minute // SNAP_MINUTES) * SNAP_MINUTES
    return moment.replace(minute=minutes, second=0, microsecond=0)


class _DragSource(QObject):
    """Starts a drag when the mouse is pressed on a visit block and moved; other presses pan as usual."""

    def __init__(self, board: TechnicianBoard) -> None:
        super().__init__(board)
        self.board = board
        self.pressed: tuple[QPoint, BoardVisit] | None = None

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.MouseButtonPress and isinstance(event, QMouseEvent):
            visit = self.board.visit_at(event.position().toPoint())
            if event.button() == Qt.MouseButton.LeftButton and visit is not None:
                self.pressed = (event.position().toPoint(), visit)
                self.board.selection.select_ticket(visit.ticket_id)
                return True
        elif event.type() == QEvent.Type.MouseMove and isinstance(event, QMouseEvent) and self.pressed:
            start, visit = self.pressed
            if (event.position().toPoint() - start).manhattanLength() >= QApplication.startDragDistance():
                self.pressed = None
                drag = QDrag(self.board.plot.viewport())
                drag.setMimeData(visit_mime(visit.visit_id, visit.version))
                drag.exec(Qt.DropAction.MoveAction)
                return True
        elif event.type() == QEvent.Type.MouseButtonRelease and self.pressed is not None:
            self.pressed = None
            return True
        return False


class _DropTarget(QObject):
    """Takes tickets from the queues and visits from the board itself, dropped onto a lane."""

    def __init__(self, board: TechnicianBoard) -> None:
        super().__init__(board)
        self.board = board

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        kind = event.type()
        if kind in (QEvent.Type.DragEnter, QEvent.Type.DragMove) and isinstance(event, QDragMoveEvent):
            data = event.mimeData()
            if dropped_ticket(data) is not None or dropped_visit(data) is not None:
                event.acceptProposedAction()
                return True
        elif kind == QEvent.Type.Drop and isinstance(event, QDropEvent):
            self.board.drop(event.mimeData(), event.position().toPoint())
            event.acceptProposedAction()
            return True
        return False


class TechnicianBoard(QWidget):
    loaded = Signal()
    saved = Signal(int)
    """A drop was saved (the visit's id)."""
    refused = Signal(str)
    """A drop was refused; the text says why."""

    def __init__(
        self,
        db: Database,
        feed: FeedBridge,
        selection: Selection,
        user_id: int | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("technician_board")
        self.db = db
        self.selection = selection
        self.user_id = user_id
        self.board: DayBoard | None = None
        self._generation = 0
        self.zone = ZoneInfo(FIELD_TIMEZONE)
        self.lane_axis = LaneAxis()
        self.plot = pg.PlotWidget(axisItems={"bottom": LocalDateAxis(), "left": self.lane_axis})
        self.plot.setObjectName("board_plot")
        self.plot.setBackground("w")
        self.plot.showGrid(x=True, y=False, alpha=0.25)
        self.plot.getPlotItem().invertY(True)
        self.plot.setMouseEnabled(x=True, y=True)
        self.shifts = pg.BarGraphItem(x0=[], width=[], y=[], height=0.9, brush="#ebfbee", pen=pg.mkPen(None))
        self.gaps = pg.BarGraphItem(x0=[], width=[], y=[], height=0.3, brush="#b2f2bb", pen=pg.mkPen(None))
        self.travel = pg.BarGraphItem(x0=[], width=[], y=[], height=0.12, brush="#868e96", pen=pg.mkPen(None))
        self.actual = pg.BarGraphItem(x0=[], width=[], y=[], height=0.15, brush="#343a40", pen=pg.mkPen(None))
        self.blocks: dict[str, pg.BarGraphItem] = {}
        for colour in sorted(set(VISIT_COLOURS.values())):
            self.blocks[colour] = pg.BarGraphItem(
                x0=[], width=[], y=[], height=LANE, brush=colour, pen="#ffffff"
            )
        for z, item in enumerate([self.shifts, self.gaps, self.travel, *self.blocks.values(), self.actual]):
            item.setZValue(z)
            self.plot.addItem(item)
        self.now_line = pg.InfiniteLine(angle=90, movable=False, pen=pg.mkPen("#1c7ed6"))
        self.plot.addItem(self.now_line)

        today = datetime.now(self.zone).date()
        self.day = QDateEdit(QDate(today.year, today.month, today.day), self)
        self.day.setObjectName("board_day")
        self.day.setCalendarPopup(True)
        self.day.setDisplayFormat(date_format())
        self.days = QSpinBox(self)
        self.days.setObjectName("board_days")
        self.days.setRange(1, 7)
        self.days.setSuffix(self.tr(" day(s)"))
        self.team = QComboBox(self)
        self.team.setObjectName("board_team")
        self.team.addItem(self.tr("All teams"), None)
        self.message = QLabel(
            self.tr("Drag a ticket from the queue onto a technician to plan a visit."), self
        )
        self.message.setObjectName("board_message")
        self.message.setWordWrap(True)
        self.message.setTextFormat(Qt.TextFormat.PlainText)
        bar = QHBoxLayout()
        bar.setContentsMargins(4, 2, 4, 0)
        bar.addWidget(QLabel(self.tr("Day"), self))
        bar.addWidget(self.day)
        bar.addWidget(self.days)
        bar.addWidget(self.team)
        bar.addWidget(self.message, 1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(0)
        layout.addLayout(bar)
        layout.addWidget(self.plot, 1)

        viewport = self.plot.viewport()
        viewport.setAcceptDrops(True)
        self.plot.setAcceptDrops(True)
        self._drop_target = _DropTarget(self)
        viewport.installEventFilter(self._drop_target)
        self._drag_source = _DragSource(self)
        viewport.installEventFilter(self._drag_source)
        self._refresh_timer = QTimer(self)
        self._refresh_timer.setSingleShot(True)
        self._refresh_timer.setInterval(REFRESH_DELAY_MS)
        self._refresh_timer.timeout.connect(self.load)
        self.day.dateChanged.connect(self.load)
        self.days.valueChanged.connect(self.load)
        self.team.currentIndexChanged.connect(self.load)
        feed.changed.connect(self._on_changes)

    # Loading -------------------------------------------------------------------------------------------

    def chosen_day(self) -> date:
        chosen = self.day.date()
        return date(chosen.year(), chosen.month(), chosen.day())

    def load(self) -> None:
        self._generation += 1
        generation, db, day = self._generation, self.db, self.chosen_day()
        days, team = self.days.value(), self.team.currentData()
        run_in_background(
            lambda: (generation, days_board(db, day, days, tz=FIELD_TIMEZONE, team=team)), self._on_board
        )

    def _on_board(self, result: tuple[int, DayBoard]) -> None:
        """Show the board unless a newer one was asked for since (another day, team or length)."""
        generation, board = result
        if generation == self._generation:
            self.show_board(board)

    def show_board(self, board: DayBoard) -> None:
        first = self.board is None
        self.board = board
        teams = sorted({lane.team for lane in board.lanes})
        if self.team.count() == 1 and teams:
            self.team.blockSignals(True)
            for team in teams:
                self.team.addItem(team, team)
            self.team.blockSignals(False)
        self.lane_axis.labels = [
            lane.name if lane.has_shift_calendar else f"{lane.name} ({self.tr('no shift calendar')})"
            for lane in board.lanes
        ]
        # Every lane is named: a technician without a label is a lane nobody can drop onto with confidence.
        self.lane_axis.setTicks([list(enumerate(self.lane_axis.labels))])
        shifts: list[tuple[float, float, float]] = []
        travel: list[tuple[float, float, float]] = []
        gaps: list[tuple[float, float, float]] = []
        actual: list[tuple[float, float, float]] = []
        blocks: dict[str, list[tuple[float, float, float]]] = defaultdict(list)
        now = datetime.now(UTC)
        for lane_number, lane in enumerate(board.lanes):
            for period in lane.shifts:
                shifts.append(self._span(period.start, period.end, lane_number))
            for period in lane.gaps:
                gaps.append(self._span(period.start, period.end, lane_number))
            for visit in lane.visits:
                colour = VISIT_COLOURS.get(visit.status, VISIT_COLOURS["planned"])
                blocks[colour].append(self._span(visit.planned_start, visit.planned_end, lane_number))
                if visit.travel_minutes:
                    leave = visit.planned_start - timedelta(minutes=visit.travel_minutes)
                    travel.append(self._span(leave, visit.planned_start, lane_number))
                if visit.actual_start is not None:
                    end = visit.actual_end or max(now, visit.actual_start)
                    actual.append(self._span(visit.actual_start, end, lane_number, offset=0.35))
        self._set(self.shifts, shifts)
        self._set(self.travel, travel)
        self._set(self.gaps, gaps)
        self._set(self.actual, actual)
        for colour, item in self.blocks.items():
            self._set(item, blocks.get(colour, []))
        self.now_line.setValue(now.timestamp())
        if first:
            self.plot.setXRange(
                board.start.timestamp() + 6 * 3600, board.end.timestamp() - 2 * 3600, padding=0
            )
            self.plot.setYRange(-1, min(len(board.lanes), 20), padding=0)
        self.loaded.emit()

    @staticmethod
    def _span(start: datetime, end: datetime, lane: int, offset: float = 0.0) -> tuple[float, float, float]:
        return (start.timestamp(), end.timestamp() - start.timestamp(), lane + offset)

    @staticmethod
    def _set(item: pg.BarGraphItem, spans: list[tuple[float, float, float]]) -> None:
        item.setOpts(x0=[s[0] for s in spans], width=[s[1] for s in spans], y=[s[2] for s in spans])

    def block_count(self) -> int:
        return sum(len(item.opts["x0"]) for item in self.blocks.values())

    # Where the mouse is --------------------------------------------------------------------------------

    def position_at(self, point: QPoint) -> tuple[int, datetime] | None:
        """The technician lane and the moment under a viewport point, or None outside the lanes."""
        if self.board is None:
            return None
        at = self.plot.getViewBox().mapSceneToView(self.plot.mapToScene(point))
        lane = round(float(at.y()))
        if not 0 <= lane < len(self.board.lanes):
            return None
        return lane, datetime.fromtimestamp(float(at.x()), UTC)

    def visit_at(self, point: QPoint) -> BoardVisit | None:
        found = self.position_at(point)
        if found is None or self.board is None:
            return None
        lane, moment = found
        return next(
            (v for v in self.board.lanes[lane].visits if v.planned_start <= moment < v.planned_end), None
        )

    def point_of(self, technician_id: int, moment: datetime) -> QPoint:
        """The viewport point of a technician's lane at a moment (for tests and keyboard drops)."""
        assert self.board is not None
        lane = next(n for n, lane in enumerate(self.board.lanes) if lane.technician_id == technician_id)
        scene = self.plot.getViewBox().mapViewToScene(QPointF(moment.timestamp(), lane))
        point: QPoint = self.plot.mapFromScene(scene)
        return point

    # Dropping ------------------------------------------------------------------------------------------

    def drop(self, data: Any, point: QPoint) -> None:
        found = self.position_at(point)
        if found is None or self.board is None:
            self._refuse(self.tr("Drop onto a technician's lane."))
            return
        lane_number, moment = found
        lane = self.board.lanes[lane_number]
        start = _snap(moment.astimezone(self.zone)).astimezone(UTC)
        ticket_id = dropped_ticket(data)
        visit = dropped_visit(data)
        db, user = self.db, self.user_id
        if ticket_id is not None:
            self.message.setText(self.tr("Checking…"))
            run_in_background(
                lambda: plan_visit(
                    db,
                    ticket_id=ticket_id,
                    technician_id=lane.technician_id,
                    start=start,
                    end=start + DEFAULT_VISIT,
                    user_id=user,
                ),
                self._on_saved,
                self._on_refused,
            )
        elif visit is not None:
            visit_id, version = visit
            moved = self._visit(visit_id)
            length = moved.planned_end - moved.planned_start if moved is not None else DEFAULT_VISIT
            self.message.setText(self.tr("Checking…"))

            def move() -> int:
                move_visit(
                    db,
                    visit_id=visit_id,
                    technician_id=lane.technician_id,
                    start=start,
                    end=start + length,
                    expected_version=version,
                    user_id=user,
                )
                return visit_id

            run_in_background(
                move,
                self._on_saved,
                self._on_refused,
            )

    def _visit(self, visit_id: int) -> BoardVisit | None:
        if self.board is None:
            return None
        return next((v for lane in self.board.lanes for v in lane.visits if v.visit_id == visit_id), None)

    def _on_saved(self, visit_id: int) -> None:
        self.message.setStyleSheet("color: #15803d;")
        self.message.setText(self.tr("Visit saved."))
        self.saved.emit(visit_id)
        self.load()

    def _on_refused(self, exc: BaseException) -> None:
        if isinstance(exc, VisitRefused):
            text = "\n".join(f"✖ {notice_text(n, 'planning')}" for n in exc.refusals)
        else:
            text = "✖ " + error_text(exc)
        self._refuse(text)

    def _refuse(self, text: str) -> None:
        self.message.setStyleSheet("color: #b91c1c;")
        self.message.setText(text)
        self.refused.emit(text)

    # Live --------------------------------------------------------------------------------------------

    def _on_changes(self, by_entity: dict[str, set[int]], _changes: list[object]) -> None:
        if self.board is not None and ({"visits", "technicians"} & by_entity.keys()):
            self._refresh_timer.start()
