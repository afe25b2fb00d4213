"""The technician board through the real widget: lanes, blocks, and drops that are planned or refused."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
from PySide6.QtCore import QDate, QPointF, Qt
from PySide6.QtGui import QDragEnterEvent, QDropEvent
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot
from sqlalchemy import delete, func, select

from console.models import Calendar, Technician, Ticket, Visit, technician_skills
from console.services.calendars import ALWAYS, weekly_hours_to_json
from console.services.field_zone import FIELD_TIMEZONE
from console.store.database import Database
from console.views.background import wait_for_background
from console.views.drag_data import ticket_mime, visit_mime
from console.views.feed_bridge import FeedBridge
from console.views.selection import Selection
from console.views.technician_board import TechnicianBoard


@dataclass
class Setup:
    ticket: int
    skilled: int
    unskilled: int


@pytest.fixture
def setup(live_demo_db: Database) -> Setup:
    """An unassigned ticket with a skill, one technician with it and one without, both on a 24/7 shift."""
    db = live_demo_db
    with db.transaction() as session:
        ticket = session.scalars(
            select(Ticket)
            .where(Ticket.status == "new", Ticket.skill_id.is_not(None), Ticket.site_id.is_not(None))
            .order_by(Ticket.id)
            .limit(1)
        ).one()
        with_skill = select(technician_skills.c.technician_id).where(
            technician_skills.c.skill_id == ticket.skill_id
        )
        skilled = session.scalars(
            select(Technician).where(Technician.active.is_(True), Technician.id.in_(with_skill)).limit(1)
        ).one()
        unskilled = session.scalars(
            select(Technician).where(Technician.active.is_(True), Technician.id.not_in(with_skill)).limit(1)
        ).one()
        always = Calendar(
            name="Round the clock", timezone="Europe/Moscow", weekly_hours=weekly_hours_to_json(ALWAYS)
        )
        session.add(always)
        session.flush()
        for technician in (skilled, unskilled):
            technician.calendar_id = always.id
        session.execute(delete(Visit).where(Visit.technician_id.in_([skilled.id, unskilled.id])))
        return Setup(ticket=ticket.id, skilled=skilled.id, unskilled=unskilled.id)


@pytest.fixture
def board(qtbot: QtBot, live_demo_db: Database, setup: Setup) -> Iterator[TechnicianBoard]:
    widget = TechnicianBoard(live_demo_db, FeedBridge(live_demo_db), Selection())
    qtbot.addWidget(widget)
    widget.resize(1200, 700)
    widget.show()
    with qtbot.waitSignal(widget.loaded, timeout=10_000):
        widget.load()
    yield widget
    assert wait_for_background(30_000)


def _drop(board: TechnicianBoard, data: object, technician_id: int, at: datetime) -> None:
    lane = next(n for n, lane in enumerate(board.board.lanes) if lane.technician_id == technician_id)  # type: ignore[union-attr]
    box = board.plot.getViewBox()
    box.setXRange(at.timestamp() - 3 * 3600, at.timestamp() + 3 * 3600, padding=0)
    box.setYRange(lane - 3, lane + 3, padding=0)
    point = QPointF(board.point_of(technician_id, at))
    viewport = board.plot.viewport()
    buttons, keys = Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier
    enter = QDragEnterEvent(point.toPoint(), Qt.DropAction.MoveAction, data, buttons, keys)
    QApplication.sendEvent(viewport, enter)
    assert enter.isAccepted()
    QApplication.sendEvent(viewport, QDropEvent(point, Qt.DropAction.MoveAction, data, buttons, keys))


def _show_day_of(qtbot: QtBot, board: TechnicianBoard, moment: datetime) -> None:
    """Show the board's day that holds `moment` (the test may run just before midnight in Moscow)."""
    day = moment.astimezone(ZoneInfo(FIELD_TIMEZONE)).date()
    if board.chosen_day() != day:
        with qtbot.waitSignal(board.loaded, timeout=10_000):
            board.day.setDate(QDate(day.year, day.month, day.day))


def test_one_lane_per_active_technician_and_a_block_per_visit(
    board: TechnicianBoard, live_demo_db: Database
) -> None:
    assert board.board is not None
    with live_demo_db.session() as session:
        active = session.scalar(
            select(func.count()).select_from(Technician).where(Technician.active.is_(True))
        )
    assert len(board.board.lanes) == active
    assert board.block_count() == sum(len(lane.visits) for lane in board.board.lanes)
    assert len(board.lane_axis.labels) == active
    assert len(board.gaps.opts["x0"]) == sum(len(lane.gaps) for lane in board.board.lanes)
    assert len(board.shifts.opts["x0"]) == sum(len(lane.shifts) for lane in board.board.lanes)


def test_a_ticket_dropped_on_a_technician_without_the_skill_is_refused_with_its_reason(
    qtbot: QtBot, board: TechnicianBoard, setup: Setup, live_demo_db: Database
) -> None:
    at = datetime.now(UTC) + timedelta(hours=1)
    with qtbot.waitSignal(board.refused, timeout=10_000) as refusal:
        _drop(board, ticket_mime(setup.ticket), setup.unskilled, at)
    assert "skill" in refusal.args[0]
    assert "skill" in board.message.text()
    with live_demo_db.session() as session:
        assert (
            session.scalar(select(func.count()).select_from(Visit).where(Visit.ticket_id == setup.ticket))
            == 0
        )


def test_a_ticket_dropped_on_a_suitable_technician_is_planned_then_moved(
    qtbot: QtBot, board: TechnicianBoard, setup: Setup, live_demo_db: Database
) -> None:
    at = datetime.now(UTC) + timedelta(hours=1)
    _show_day_of(qtbot, board, at)
    with qtbot.waitSignal(board.saved, timeout=10_000) as saved:
        _drop(board, ticket_mime(setup.ticket), setup.skilled, at)
    visit_id = saved.args[0]
    with live_demo_db.session() as session:
        visit = session.get_one(Visit, visit_id)
        ticket = session.get_one(Ticket, setup.ticket)
        assert visit.technician_id == setup.skilled and ticket.technician_id == setup.skilled
        assert visit.planned_end - visit.planned_start == timedelta(hours=1)
        assert abs((visit.planned_start - at).total_seconds()) <= 16 * 60  # snapped to a quarter hour
        version = visit.version
    qtbot.waitUntil(lambda: board._visit(visit_id) is not None, timeout=10_000)

    later = at + timedelta(hours=3)
    with qtbot.waitSignal(board.saved, timeout=10_000):
        _drop(board, visit_mime(visit_id, version), setup.skilled, later)
    with live_demo_db.session() as session:
        moved = session.get_one(Visit, visit_id)
        assert abs((moved.planned_start - later).total_seconds()) <= 16 * 60  # snapped to a quarter hour

    # The same visit dropped with the version it had before the move is refused as stale.
    with qtbot.waitSignal(board.refused, timeout=10_000):
        _drop(board, visit_mime(visit_id, version), setup.skilled, at)


def test_several_days_show_every_visit_once(
    qtbot: QtBot, board: TechnicianBoard, setup: Setup, live_demo_db: Database
) -> None:
    one_day = board.block_count()
    with qtbot.waitSignal(board.loaded, timeout=10_000):
        board.days.setValue(3)
    assert board.board is not None
    assert board.board.end - board.board.start >= timedelta(hours=71)
    ids = [v.visit_id for lane in board.board.lanes for v in lane.visits]
    assert len(ids) == len(set(ids)) == board.block_count() >= one_day
