"""Registering and changing tickets: deadlines from the contract, history of every change, no lost updates."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest
from sqlalchemy import select

from console.models import Calendar, Contract, Site, Technician, Ticket, TicketHistory, User, contract_sites
from console.services.tickets import (
    InvalidTicket,
    TicketConflict,
    TicketDraft,
    assign_technician,
    change_status,
    create_ticket,
)
from console.store.database import Database

MONDAY_10 = datetime(2026, 11, 16, 7, 0, tzinfo=UTC)  # 10:00 in Moscow


def _covered_site(db: Database, policy: str, calendar: str | None = None) -> tuple[int, int]:
    """A site covered by an active contract under `policy` (and with the named site calendar)."""
    with db.session() as session:
        query = (
            select(Site.client_id, Site.id)
            .join(contract_sites, contract_sites.c.site_id == Site.id)
            .join(Contract, Contract.id == contract_sites.c.contract_id)
            .where(
                Contract.status == "active",
                Contract.ends_on.is_(None) | (Contract.ends_on > MONDAY_10.date()),
            )
            .where(Contract.sla_policy_id == {"Platinum 24/7": 1, "Business hours": 3}[policy])
        )
        if calendar is not None:
            query = query.join(Calendar, Calendar.id == Site.calendar_id).where(Calendar.name == calendar)
        row = session.execute(query.order_by(Site.id).limit(1)).one()
    return row[0], row[1]


def test_a_new_ticket_gets_its_number_deadlines_and_history(demo_db: Database) -> None:
    client_id, site_id = _covered_site(demo_db, "Business hours", "Moscow office hours")
    ticket_id = create_ticket(
        demo_db,
        TicketDraft(client_id=client_id, site_id=site_id, title="Till does not print", priority="high"),
        user_id=1,
        now=MONDAY_10,
    )
    with demo_db.session() as session:
        ticket = session.get_one(Ticket, ticket_id)
        assert ticket.number == f"2026-{ticket_id:06d}"
        assert ticket.status == "new" and ticket.sla_state == "running"
        # Business hours: Mon-Fri 09-13, 14-18 Moscow. High priority: reaction 2 h, resolution 1440 min = 3 days.
        assert ticket.reaction_due_at == datetime(2026, 11, 16, 9, 0, tzinfo=UTC)  # 12:00 Moscow
        assert ticket.resolution_due_at == datetime(2026, 11, 19, 7, 0, tzinfo=UTC)  # Thursday 10:00 Moscow
        history = session.scalars(select(TicketHistory).where(TicketHistory.ticket_id == ticket_id)).all()
        # The status row carries the version the ticket was created with; SLA rows are derived, without one.
        assert {(h.field, h.version) for h in history if h.version is not None} == {
            ("status", ticket.version)
        }
        assert {(h.field, h.old_value, h.new_value, h.user_id) for h in history} == {
            ("status", None, "new", 1),
            ("sla_reaction", "none", "running", 1),
            ("sla_arrival", "none", "running", 1),
            ("sla_resolution", "none", "running", 1),
            ("reaction_due_at", None, "2026-11-16T09:00:00+00:00", 1),
            ("arrival_due_at", None, "2026-11-17T07:00:00+00:00", 1),
            ("resolution_due_at", None, "2026-11-19T07:00:00+00:00", 1),
        }


def test_a_ticket_without_a_contract_is_billable_and_has_no_sla(demo_db: Database) -> None:
    with demo_db.session() as session:
        uncovered = session.execute(
            select(Site.client_id, Site.id).where(Site.id.not_in(select(contract_sites.c.site_id))).limit(1)
        ).one()
    ticket_id = create_ticket(
        demo_db, TicketDraft(client_id=uncovered[0], site_id=uncovered[1], title="Door jammed"), now=MONDAY_10
    )
    with demo_db.session() as session:
        ticket = session.get_one(Ticket, ticket_id)
        assert ticket.billable is True
        assert ticket.contract_id is None
        assert ticket.sla_state == "none" and ticket.resolution_due_at is None


@pytest.mark.parametrize(
    ("draft", "field"),
    [
        (TicketDraft(client_id=1, title="   "), "title"),
        (TicketDraft(client_id=1, title="x" * 201), "title"),
        (TicketDraft(client_id=1, title="Lift", priority="urgent"), "priority"),
    ],
)
def test_bad_input_is_refused_and_nothing_is_saved(demo_db: Database, draft: TicketDraft, field: str) -> None:
    with demo_db.session() as session:
        before = session.scalar(select(Ticket.id).order_by(Ticket.id.desc()).limit(1))
    with pytest.raises(InvalidTicket) as caught:
        create_ticket(demo_db, draft)
    assert caught.value.field == field
    with demo_db.session() as session:
        assert session.scalar(select(Ticket.id).order_by(Ticket.id.desc()).limit(1)) == before


def test_the_second_of_two_concurrent_edits_is_refused(demo_db: Database) -> None:
    client_id, site_id = _covered_site(demo_db, "Platinum 24/7")
    ticket_id = create_ticket(demo_db, TicketDraft(client_id=client_id, site_id=site_id, title="No cooling"))
    with demo_db.session() as session:
        version = session.get_one(Ticket, ticket_id).version
        technicians = list(session.scalars(select(Technician.id).limit(2)))
    first = assign_technician(demo_db, ticket_id, technicians[0], expected_version=version, user_id=2)
    assert first > version
    with pytest.raises(TicketConflict, match="changed by someone else") as caught:
        assign_technician(demo_db, ticket_id, technicians[1], expected_version=version, user_id=3)
    with demo_db.session() as session:
        ticket = session.get_one(Ticket, ticket_id)
        assert ticket.technician_id == technicians[0]
        assert ticket.status == "assigned"
        first_dispatcher = session.get_one(User, 2).full_name
    # The refusal says what the first dispatcher changed, and who it was.
    assert [(c.field, c.old, c.new, c.user, c.version) for c in caught.value.changes] == [
        ("status", "new", "assigned", first_dispatcher, first),
        ("technician", None, str(technicians[0]), first_dispatcher, first),
    ]


def test_status_changes_stamp_the_sla_moments_and_the_history(demo_db: Database) -> None:
    client_id, site_id = _covered_site(demo_db, "Platinum 24/7")
    ticket_id = create_ticket(
        demo_db,
        TicketDraft(client_id=client_id, site_id=site_id, title="Alarm"),
        now=datetime(2026, 11, 20, 9, tzinfo=UTC),
    )
    moments = {}
    for step, status in enumerate(("accepted", "on_site", "resolved"), start=1):
        moments[status] = datetime(2026, 11, 20, 10, step, tzinfo=UTC)
        with demo_db.session() as session:
            version = session.get_one(Ticket, ticket_id).version
        change_status(demo_db, ticket_id, status, expected_version=version, user_id=5, now=moments[status])
    with demo_db.session() as session:
        ticket = session.get_one(Ticket, ticket_id)
        assert ticket.reacted_at == moments["accepted"]
        assert ticket.arrived_at == moments["on_site"]
        assert ticket.resolved_at == moments["resolved"]
        changes = [
            (h.old_value, h.new_value)
            for h in session.scalars(
                select(TicketHistory).where(
                    TicketHistory.ticket_id == ticket_id, TicketHistory.field == "status"
                )
            )
        ]
    assert changes == [(None, "new"), ("new", "accepted"), ("accepted", "on_site"), ("on_site", "resolved")]
