"""The SLA timeline through the real widget: bars per ticket, colours, grouping, clicks, keys, flashing."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import replace
from datetime import UTC, datetime

import pytest
from PySide6.QtCore import QPointF, Qt
from pytestqt.qtbot import QtBot
from sqlalchemy import func, or_, select

from console.models import Contract, SlaPauseStatus, Ticket
from console.models.base import OPEN_STATUSES
from console.services.tickets import change_status
from console.store.database import Database
from console.views.background import wait_for_background
from console.views.feed_bridge import FeedBridge
from console.views.selection import Selection
from console.views.sla_icons import STATE_COLOURS
from console.views.timeline_view import TimelinePanel


@pytest.fixture
def timeline(qtbot: QtBot, live_demo_db: Database) -> Iterator[TimelinePanel]:
    panel = TimelinePanel(live_demo_db, FeedBridge(live_demo_db), Selection())
    qtbot.addWidget(panel)
    panel.resize(1000, 600)
    panel.show()
    panel.load()
    qtbot.waitUntil(lambda: panel.bar_count() > 0, timeout=10_000)
    yield panel
    panel.shutdown()
    assert wait_for_background(30_000)


def test_one_bar_per_open_ticket_with_a_resolution_clock(
    timeline: TimelinePanel, live_demo_db: Database
) -> None:
    with live_demo_db.session() as session:
        expected = session.scalar(
            select(func.count())
            .select_from(Ticket)
            .where(
                Ticket.status.in_(OPEN_STATUSES),
                or_(Ticket.resolution_due_at.is_not(None), Ticket.resolution_state == "paused"),
            )
        )
        breached = session.scalars(
            select(Ticket.id).where(Ticket.status.in_(OPEN_STATUSES), Ticket.sla_state == "breached").limit(1)
        ).first()
    assert timeline.bar_count() == expected
    assert breached is not None
    assert timeline.bar_colour(breached) == STATE_COLOURS["breached"] == "#e03131"
    reaction = sum(1 for s in timeline.spans if s.reaction_due_at is not None)
    assert len(timeline.reaction_marks.data) == reaction


def test_grouping_by_client_keeps_every_bar_and_labels_each_group(timeline: TimelinePanel) -> None:
    count = timeline.bar_count()
    timeline.grouping.setCurrentIndex(timeline.grouping.findData("client"))
    assert timeline.bar_count() == count
    clients = [span.client for span in timeline.lanes]
    assert clients == sorted(clients, key=str.casefold)
    starts = [label for label in timeline.lane_axis.labels if "▸" in label]
    assert len(starts) == len(set(clients))
    assert timeline.lane_axis.labels[0] == f"{clients[0]} ▸ {timeline.lanes[0].number}"


def test_clicking_a_bar_selects_its_ticket(qtbot: QtBot, timeline: TimelinePanel) -> None:
    span = timeline.lanes[0]
    now = datetime.now(UTC).timestamp()
    x = min(max(span.created_at.timestamp(), now - 6 * 3600), span.resolution_due_at.timestamp() - 60)
    timeline.plot.setXRange(x - 3600, x + 3600, padding=0)
    timeline.plot.setYRange(-1, 10, padding=0)
    box = timeline.plot.getViewBox()
    scene = box.mapViewToScene(QPointF(x, 0))
    at = timeline.plot.mapFromScene(scene)
    assert timeline.span_at_scene(scene) == span
    with qtbot.waitSignal(timeline.selection.ticket_selected, timeout=3_000) as picked:
        qtbot.mouseClick(timeline.plot.viewport(), Qt.MouseButton.LeftButton, pos=at)
    assert picked.args == [span.ticket_id]
    assert "Resolution due" in timeline.span_tooltip(span)


def test_keys_zoom_and_pan(qtbot: QtBot, timeline: TimelinePanel) -> None:
    box = timeline.plot.getViewBox()
    timeline.plot.setXRange(0, 1000, padding=0)
    timeline.setFocus()
    qtbot.keyClick(timeline, Qt.Key.Key_Plus)
    left, right = box.viewRange()[0]
    assert right - left == pytest.approx(500)
    qtbot.keyClick(timeline, Qt.Key.Key_Right)
    assert box.viewRange()[0][0] == pytest.approx(left + 100)
    qtbot.keyClick(timeline, Qt.Key.Key_Home)
    left, right = box.viewRange()[0]
    assert left < datetime.now(UTC).timestamp() < right


def test_a_ticket_becoming_at_risk_comes_into_view_and_flashes(timeline: TimelinePanel) -> None:
    calm = next(s for s in timeline.spans if s.sla_state == "running")
    timeline.plot.setYRange(-1, 2, padding=0)
    worse = replace(calm, sla_state="critical", resolution_due_at=calm.resolution_due_at)
    timeline._on_refreshed(({calm.ticket_id}, [worse]))
    assert timeline.flashed == [calm.ticket_id]
    lane = timeline.lane_of(calm.ticket_id)
    top, bottom = timeline.plot.getViewBox().viewRange()[1]
    assert lane is not None and top <= lane <= bottom
    assert timeline.bar_colour(calm.ticket_id) == STATE_COLOURS["critical"]
    assert len(timeline.flash.opts["y"]) == 1


def test_pauses_are_hatched(qtbot: QtBot, timeline: TimelinePanel, live_demo_db: Database) -> None:
    """A ticket put to wait for the client, under a policy that pauses on it, gets a running pause."""
    with live_demo_db.session() as session:
        working = dict(
            session.execute(
                select(Ticket.id, Ticket.version)
                .join(Contract, Contract.id == Ticket.contract_id)
                .join(SlaPauseStatus, SlaPauseStatus.policy_id == Contract.sla_policy_id)
                .where(
                    Ticket.status.in_(("assigned", "accepted", "on_site")),
                    SlaPauseStatus.clock == "resolution",
                    SlaPauseStatus.status == "waiting_client",
                )
            ).all()
        )
    span = next(s for s in timeline.spans if s.ticket_id in working and not s.pauses)
    before = len(timeline.pauses.opts["y"])
    change_status(live_demo_db, span.ticket_id, "waiting_client", expected_version=working[span.ticket_id])
    timeline._pending.add(span.ticket_id)
    timeline._refresh_pending()
    qtbot.waitUntil(lambda: len(timeline.pauses.opts["y"]) == before + 1, timeout=5_000)
    fresh = next(s for s in timeline.spans if s.ticket_id == span.ticket_id)
    assert len(fresh.pauses) == 1 and fresh.pauses[0][1] is None
    assert timeline.lane_of(span.ticket_id) in set(timeline.pauses.opts["y"])
