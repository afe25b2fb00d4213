"""The database itself refuses bad rows: unique numbers, known statuses, valid ranges, existing references."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest
from sqlalchemy import insert
from sqlalchemy.exc import IntegrityError

from console.models import Client, ClientTier, Contact, Site, Ticket, Visit
from console.store.database import Database


def _client(db: Database) -> int:
    with db.transaction() as session:
        tier = ClientTier(name="Gold", rank=1)
        session.add(tier)
        session.flush()
        client = Client(name="Acme", legal_name="Acme LLC", tier_id=tier.id)
        session.add(client)
        session.flush()
        return client.id


def _ticket(client_id: int, **overrides: object) -> dict[str, object]:
    row: dict[str, object] = {
        "number": "2026-000001",
        "client_id": client_id,
        "category": "incident",
        "priority": "normal",
        "channel": "phone",
        "status": "new",
        "stage": "intake",
        "title": "Lift stopped",
        "description": "",
        "billable": False,
        "created_at": datetime(2026, 11, 1, tzinfo=UTC),
        "updated_at": datetime(2026, 11, 1, tzinfo=UTC),
        "reaction_pause_seconds": 0,
        "arrival_pause_seconds": 0,
        "resolution_pause_seconds": 0,
        "reaction_state": "none",
        "arrival_state": "none",
        "resolution_state": "none",
        "sla_state": "none",
        "reopen_count": 0,
        "version": 1,
    }
    row.update(overrides)
    return row


def _assert_refused(db: Database, table: object, row: dict[str, object]) -> None:
    with pytest.raises(IntegrityError), db.engine.begin() as connection:
        connection.execute(insert(table), row)  # type: ignore[call-overload]


def test_ticket_numbers_are_unique(db: Database) -> None:
    client_id = _client(db)
    with db.engine.begin() as connection:
        connection.execute(insert(Ticket), _ticket(client_id))
    _assert_refused(db, Ticket, _ticket(client_id))


@pytest.mark.parametrize(
    "overrides",
    [
        {"status": "lost"},
        {"priority": "urgent!"},
        {"category": "party"},
        {"channel": "pigeon"},
        {"sla_state": "fine"},
        {"resolution_pause_seconds": -5},
        {"arrival_state": "late"},
        {"sla_issue": "unknown"},
        {"resolved_at": datetime(2026, 10, 1, tzinfo=UTC)},
    ],
    ids=lambda o: next(iter(o)),
)
def test_ticket_values_outside_their_domain_are_refused(db: Database, overrides: dict[str, object]) -> None:
    client_id = _client(db)
    _assert_refused(db, Ticket, _ticket(client_id, **overrides))


def test_references_must_exist(db: Database) -> None:
    client_id = _client(db)
    _assert_refused(db, Ticket, _ticket(client_id + 1000))


def test_site_coordinates_must_be_on_earth(db: Database) -> None:
    client_id = _client(db)
    site = {
        "client_id": client_id,
        "name": "Store 1",
        "address": "Tverskaya 1",
        "latitude": 95.0,
        "longitude": 37.6,
        "timezone": "Europe/Moscow",
        "version": 1,
    }
    _assert_refused(db, Site, site)


def test_a_site_scoped_contact_needs_its_site(db: Database) -> None:
    client_id = _client(db)
    contact = {
        "client_id": client_id,
        "full_name": "Ivanova Anna",
        "scope": "site",
        "site_id": None,
        "may_request": True,
        "may_approve": False,
        "version": 1,
    }
    _assert_refused(db, Contact, contact)


def test_a_visit_must_end_after_it_starts(db: Database) -> None:
    client_id = _client(db)
    with db.engine.begin() as connection:
        ticket_id = connection.execute(insert(Ticket).returning(Ticket.id), _ticket(client_id)).scalar_one()
    from console.models import Technician

    with db.transaction() as session:
        technician = Technician(full_name="Petrov", team="A", home_latitude=55.7, home_longitude=37.6)
        session.add(technician)
        session.flush()
        technician_id = technician.id
    start = datetime(2026, 11, 2, 10, tzinfo=UTC)
    visit = {
        "ticket_id": ticket_id,
        "technician_id": technician_id,
        "status": "planned",
        "planned_start": start,
        "planned_end": start,
        "travel_minutes": 0,
        "pinned": False,
        "version": 1,
    }
    _assert_refused(db, Visit, visit)
