"""Queues select open tickets in the database and answer "which of these changed tickets are mine now"."""

from __future__ import annotations

from sqlalchemy import func, select

from console.models import Ticket
from console.models.base import OPEN_STATUSES, WAITING_STATUSES
from console.services.queues import queue_by_key, queue_count, queue_rows
from console.services.tickets import assign_technician, change_status
from console.store.database import Database


def test_queues_hold_what_their_names_say(demo_db: Database) -> None:
    open_rows = queue_rows(demo_db, queue_by_key("open"))
    unassigned = queue_rows(demo_db, queue_by_key("unassigned"))
    waiting = queue_rows(demo_db, queue_by_key("waiting"))
    at_risk = queue_rows(demo_db, queue_by_key("at_risk"))
    with demo_db.session() as session:
        expected_open = session.scalar(
            select(func.count()).select_from(Ticket).where(Ticket.status.in_(OPEN_STATUSES))
        )
    assert len(open_rows) == expected_open == queue_count(demo_db, queue_by_key("open"))
    assert unassigned and all(r.technician_id is None and r.status in OPEN_STATUSES for r in unassigned)
    assert waiting and all(r.status in WAITING_STATUSES for r in waiting)
    assert at_risk and all(r.sla_state in ("warning", "critical", "breached") for r in at_risk)
    deadlines = [r.resolution_due_at for r in open_rows if r.resolution_due_at is not None]
    assert deadlines == sorted(deadlines), "most urgent deadline first"


def test_refreshing_changed_tickets_tells_who_joined_and_who_left(demo_db: Database) -> None:
    unassigned = queue_by_key("unassigned")
    rows = queue_rows(demo_db, unassigned)
    leaving, staying = rows[0], rows[1]
    with demo_db.session() as session:
        technician_id = session.scalar(
            select(Ticket.technician_id).where(Ticket.technician_id.is_not(None)).limit(1)
        )
    assign_technician(demo_db, leaving.id, technician_id, expected_version=leaving.version)

    refreshed = queue_rows(demo_db, unassigned, {leaving.id, staying.id})
    assert [r.id for r in refreshed] == [staying.id]

    waiting = queue_by_key("waiting")
    with demo_db.session() as session:
        version = session.get_one(Ticket, leaving.id).version
    change_status(demo_db, leaving.id, "waiting_client", expected_version=version)
    joined = queue_rows(demo_db, waiting, {leaving.id})
    assert [(r.id, r.status) for r in joined] == [(leaving.id, "waiting_client")]
    assert queue_rows(demo_db, waiting, set()) == []
