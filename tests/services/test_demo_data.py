"""The demo data set: deterministic, realistic in shape, and only ever written into an empty database."""

from __future__ import annotations

import hashlib
from collections import Counter
from decimal import Decimal

import pytest
from sqlalchemy import func, select

from console.models import Client, Contact, Site, Technician, Ticket, TicketHistory
from console.models.base import OPEN_STATUSES
from console.services.company import load_stored_company
from console.services.demo_data import DemoDataRefused, build_demo_data
from console.store.database import Database, open_database
from tests.conftest import DEMO_NOW, SMALL


def _fingerprint(db: Database) -> str:
    digest = hashlib.sha256()
    with db.session() as session:
        for row in session.execute(
            select(
                Ticket.number,
                Ticket.client_id,
                Ticket.site_id,
                Ticket.status,
                Ticket.priority,
                Ticket.created_at,
                Ticket.resolution_due_at,
                Ticket.technician_id,
            ).order_by(Ticket.id)
        ):
            digest.update(repr(tuple(row)).encode())
        for row in session.execute(select(Client.name, Client.tier_id).order_by(Client.id)):
            digest.update(repr(tuple(row)).encode())
    return digest.hexdigest()


def test_same_seed_same_data_on_sqlite_and_postgresql(database_url: str, tmp_path: object) -> None:
    reference = open_database(f"sqlite:///{tmp_path}/reference.db")  # type: ignore[str-bytes-safe]
    other = open_database(database_url)
    try:
        build_demo_data(reference, tickets=SMALL.tickets, seed=3, now=DEMO_NOW, size=SMALL)
        build_demo_data(other, tickets=SMALL.tickets, seed=3, now=DEMO_NOW, size=SMALL)
        assert _fingerprint(reference) == _fingerprint(other)
    finally:
        reference.dispose()
        other.dispose()


def test_another_seed_gives_other_data(demo_db: Database, tmp_path: object) -> None:
    other = open_database(f"sqlite:///{tmp_path}/other.db")  # type: ignore[str-bytes-safe]
    try:
        build_demo_data(other, tickets=SMALL.tickets, seed=8, now=DEMO_NOW, size=SMALL)
        assert _fingerprint(other) != _fingerprint(demo_db)
    finally:
        other.dispose()


def test_sizes_and_open_tickets_over_every_status(demo_db: Database) -> None:
    with demo_db.session() as session:
        assert session.scalar(select(func.count()).select_from(Client)) == SMALL.clients
        assert session.scalar(select(func.count()).select_from(Site)) == SMALL.sites
        assert session.scalar(select(func.count()).select_from(Technician)) == SMALL.technicians
        assert session.scalar(select(func.count()).select_from(Ticket)) == SMALL.tickets + SMALL.open_tickets
        statuses = Counter(session.scalars(select(Ticket.status).where(Ticket.status.in_(OPEN_STATUSES))))
        closed = Counter(session.scalars(select(Ticket.status).where(Ticket.status.not_in(OPEN_STATUSES))))
    assert sum(statuses.values()) + closed["resolved"] == SMALL.open_tickets
    for status in ("new", "assigned", "accepted", "en_route", "on_site", "waiting_client", "waiting_parts"):
        assert statuses[status] > 0, f"no open ticket is {status}"
    assert closed["closed"] > closed["cancelled"] > 0


def test_the_data_hang_together(demo_db: Database) -> None:
    with demo_db.session() as session:
        # Every open ticket that is not new has a technician; new ones have none.
        assert not session.scalar(
            select(func.count())
            .select_from(Ticket)
            .where(Ticket.status == "new", Ticket.technician_id.is_not(None))
        )
        # Tickets under an SLA carry their deadlines, in order (a paused resolution clock has none yet);
        # tickets without one say why and carry no deadline at all.
        rows = session.execute(
            select(
                Ticket.sla_issue,
                Ticket.status,
                Ticket.sla_state,
                Ticket.resolution_state,
                Ticket.reaction_due_at,
                Ticket.resolution_due_at,
            )
        ).all()
        issues = {row.sla_issue for row in rows}
        assert {"no_contract", "uncovered_equipment"} <= issues
        for row in rows:
            if row.sla_issue is not None:
                assert (
                    row.sla_state == "none" and row.reaction_due_at is None and row.resolution_due_at is None
                )
            elif row.status != "cancelled":
                assert row.reaction_due_at is not None
                assert row.resolution_due_at is not None or row.resolution_state == "paused"
                if row.resolution_due_at is not None:
                    assert row.reaction_due_at <= row.resolution_due_at
        # Every ticket has its creation in the history.
        created = session.scalar(
            select(func.count(func.distinct(TicketHistory.ticket_id))).where(TicketHistory.new_value == "new")
        )
        assert created == SMALL.tickets + SMALL.open_tickets
        # Contacts with site scope point at a site of their own client.
        mismatched = session.scalar(
            select(func.count())
            .select_from(Contact)
            .join(Site, Site.id == Contact.site_id)
            .where(Contact.scope == "site", Site.client_id != Contact.client_id)
        )
        assert mismatched == 0


def test_a_database_with_data_is_refused_and_unchanged(demo_db: Database) -> None:
    before = _fingerprint(demo_db)
    with pytest.raises(DemoDataRefused, match=f"{SMALL.clients} clients"):
        build_demo_data(demo_db, tickets=10, seed=1, now=DEMO_NOW, size=SMALL)
    assert _fingerprint(demo_db) == before


def test_the_demo_has_our_company_details_for_its_acts(demo_db: Database) -> None:
    with demo_db.session() as session:
        stored = load_stored_company(session)
    assert stored.version == 1
    assert stored.details.name == "СервисЛифт"
    assert stored.details.vat_percent == Decimal("20")
    assert stored.details.tax_number == "7701234567"
