"""A small hand-built book for billing and act tests; the period billed is November 2026 (30 days).

Clients:
- **Acme** (Acme LLC, ИНН 7701234567) with two sites, "Main Office" and "Warehouse", and two contracts:
  - C-HOURS: since 1 January 2026, active, fee 10 000.00 a month, billed in hours at 3000.00, trips 1500.00;
    covers Main Office and the lift LIFT-1 (LIFT-2 on the same site is not covered).
  - C-UNITS: since 17 November 2026 (mid-month), active, fee 6000.00, billed in units at 800.00, trips
    500.00; covers Warehouse, but not the terminal POS-7 there.
- **Beta** (Beta JSC): C-OLD, terminated on 10 November 2026, fee 3100.00; C-SUSP, suspended, fee 5000.00.
- **Gamma** (Gamma Ltd): no contract at all.

Tickets (all created on 1 October 2026):
- T-1 billable (LIFT-2 is not covered), C-HOURS, resolved 10 Nov: work logs of 90 and 45 minutes, visits
  done, done and cancelled, a consumable of 2 x 350.50 ("Door roller").
- T-2 covered (LIFT-1), C-HOURS, resolved 12 Nov: 60 minutes, one visit done.
- T-3 billable but cancelled, C-HOURS: 30 minutes.
- T-4 billable, C-HOURS, resolved 28 Oct (outside the period): 60 minutes.
- T-5 billable (POS-7), C-UNITS, reopened once and closed on 25 Nov without a resolution time: work
  logs of 1.5 and 2.25 units (and 20 minutes, not counted in units), one visit done.
- T-6 billable, no contract, Main Office, resolved 30 Nov 20:30 UTC, 23:30 in Moscow (the last half hour of the period):
  50 minutes, priced at C-HOURS's hourly rate.
- T-7 billable, C-HOURS, resolved 30 Nov 21:00 UTC, 1 Dec 00:00 in Moscow (the first moment after the period): 60 minutes.
- T-8 reopened and not resolved again (status "reopened"), billable, C-HOURS: 60 minutes.
- G-1 Gamma, billable, no contract, resolved 15 Nov: 30 minutes; no price is known.

A reworked ticket, added by the tests that need it through the real status changes:
- T-9 billable, C-HOURS: 120 minutes, a visit and a thermostat (900.00) on 20 Oct, resolved on 25 Oct,
  30 more minutes and a visit written down after resolving; reopened on 3 Nov; 60 minutes and a visit
  on 4 Nov; resolved again on 5 Nov.

Our company: "Service Co" (Service Company LLC), VAT 20 %.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta
from decimal import Decimal

from sqlalchemy import select
from sqlalchemy.orm import Session

from console.models import (
    Client,
    Consumable,
    Contract,
    Equipment,
    EquipmentModel,
    Site,
    Technician,
    Ticket,
    Visit,
    WorkLog,
)
from console.services.company import CompanyDetails, save_company
from console.services.tickets import change_status
from console.store.database import Database
from tests.services.field_world import add_basics

FIRST = date(2026, 11, 1)
OCTOBER = (date(2026, 10, 1), date(2026, 10, 31))
LAST = date(2026, 11, 30)
CREATED = datetime(2026, 10, 1, 9, 0, tzinfo=UTC)
COMPANY = CompanyDetails(
    name="Service Co",
    legal_name="Service Company LLC",
    tax_number="7709876543",
    registration_code="770901001",
    address="Moscow, Lenina 1",
    bank_details="Account 40702810000000000001, Bank Test, BIC 044525000",
    vat_percent=Decimal("20"),
    signatory="Director I. I. Ivanov",
)


@dataclass(frozen=True)
class BillingBook:
    acme: int
    beta: int
    gamma: int
    main_office: int
    warehouse: int
    hours_contract: int
    units_contract: int


def _at(day: int, month: int = 11, hour: int = 10, minute: int = 0) -> datetime:
    return datetime(2026, month, day, hour, minute, tzinfo=UTC)


def _ticket(session: Session, number: str, client_id: int, **fields: object) -> Ticket:
    values: dict[str, object] = {
        "number": number,
        "client_id": client_id,
        "category": "incident",
        "priority": "normal",
        "channel": "phone",
        "status": "resolved",
        "title": f"Repair {number}",
        "created_at": CREATED,
        "billable": True,
    }
    ticket = Ticket(**(values | fields))
    session.add(ticket)
    session.flush()
    return ticket


def _work(
    session: Session, ticket: Ticket, technician: int, minutes: int, units: str = "0", day: int = 5
) -> WorkLog:
    log = WorkLog(
        ticket_id=ticket.id,
        technician_id=technician,
        minutes=minutes,
        units=Decimal(units),
        logged_at=_at(day, 11 if ticket.number != "T-4" else 10),
        description="work",
    )
    session.add(log)
    session.flush()
    return log


def _visit(session: Session, ticket: Ticket, technician: int, status: str, day: int = 5) -> None:
    month = 10 if ticket.number == "T-4" else 11
    session.add(
        Visit(
            ticket_id=ticket.id,
            technician_id=technician,
            status=status,
            planned_start=_at(day, month, 9),
            planned_end=_at(day, month, 11),
        )
    )


def build_billing_book(db: Database) -> BillingBook:
    """Write the book described in the module's docstring and our company's details."""
    save_company(db, COMPANY, expected_version=0)
    with db.transaction() as session:
        basics = add_basics(session)
        acme = basics.client
        acme.tax_number, acme.address = "7701234567", "Moscow, Tverskaya 10"
        beta = Client(name="Beta", legal_name="Beta JSC", tier_id=acme.tier_id, tax_number="7702000000")
        gamma = Client(name="Gamma", legal_name="Gamma Ltd", tier_id=acme.tier_id)
        session.add_all([beta, gamma])
        session.flush()
        office = Site(
            client_id=acme.id,
            name="Main Office",
            address="Tverskaya 10",
            latitude=55.76,
            longitude=37.61,
            timezone="Europe/Moscow",
        )
        warehouse = Site(
            client_id=acme.id,
            name="Warehouse",
            address="Industrialnaya 5",
            latitude=55.70,
            longitude=37.70,
            timezone="Europe/Moscow",
        )
        lift_model = EquipmentModel(manufacturer="Otis", name="Gen2", kind="lift", skill_id=basics.lifts.id)
        pos_model = EquipmentModel(manufacturer="Verifone", name="VX520", kind="pos", skill_id=basics.hvac.id)
        session.add_all([office, warehouse, lift_model, pos_model])
        session.flush()
        lift_1 = Equipment(site_id=office.id, model_id=lift_model.id, serial_number="LIFT-1")
        lift_2 = Equipment(site_id=office.id, model_id=lift_model.id, serial_number="LIFT-2")
        pos_7 = Equipment(site_id=warehouse.id, model_id=pos_model.id, serial_number="POS-7")
        technician = Technician(
            full_name="Petrov", team="A", home_latitude=55.7, home_longitude=37.6, state="free"
        )
        session.add_all([lift_1, lift_2, pos_7, technician])
        session.flush()
        hours = Contract(
            client_id=acme.id,
            number="C-HOURS",
            starts_on=date(2026, 1, 1),
            status="active",
            subscription_fee=Decimal("10000.00"),
            billing_unit="hours",
            unit_price=Decimal("3000.00"),
            trip_price=Decimal("1500.00"),
        )
        hours.sites.append(office)
        hours.equipment.append(lift_1)
        units = Contract(
            client_id=acme.id,
            number="C-UNITS",
            starts_on=date(2026, 11, 17),
            status="active",
            subscription_fee=Decimal("6000.00"),
            billing_unit="units",
            unit_price=Decimal("800.00"),
            trip_price=Decimal("500.00"),
        )
        units.sites.append(warehouse)
        old = Contract(
            client_id=beta.id,
            number="C-OLD",
            starts_on=date(2025, 1, 1),
            ends_on=date(2026, 11, 10),
            status="terminated",
            subscription_fee=Decimal("3100.00"),
            billing_unit="hours",
            unit_price=Decimal("1000.00"),
        )
        suspended = Contract(
            client_id=beta.id,
            number="C-SUSP",
            starts_on=date(2025, 1, 1),
            status="suspended",
            subscription_fee=Decimal("5000.00"),
            billing_unit="hours",
            unit_price=Decimal("1000.00"),
        )
        session.add_all([hours, units, old, suspended])
        session.flush()
        tech = technician.id

        t1 = _ticket(
            session, "T-1", acme.id, contract_id=hours.id, site_id=office.id, equipment_id=lift_2.id,
            resolved_at=_at(10), title="Lift LIFT-2 door jams",
        )  # fmt: skip
        _work(session, t1, tech, 90)
        log = _work(session, t1, tech, 45, day=6)
        session.add(
            Consumable(
                work_log_id=log.id, name="Door roller", quantity=Decimal("2"), unit_cost=Decimal("350.50")
            )
        )
        _visit(session, t1, tech, "done", 5)
        _visit(session, t1, tech, "done", 6)
        _visit(session, t1, tech, "cancelled", 7)

        t2 = _ticket(
            session, "T-2", acme.id, contract_id=hours.id, site_id=office.id, equipment_id=lift_1.id,
            resolved_at=_at(12), billable=False, title="Lift LIFT-1 monthly check",
        )  # fmt: skip
        _work(session, t2, tech, 60)
        _visit(session, t2, tech, "done", 12)

        t3 = _ticket(session, "T-3", acme.id, contract_id=hours.id, site_id=office.id, status="cancelled")
        _work(session, t3, tech, 30)

        t4 = _ticket(
            session, "T-4", acme.id, contract_id=hours.id, site_id=office.id, resolved_at=_at(28, 10)
        )
        _work(session, t4, tech, 60)

        t5 = _ticket(
            session, "T-5", acme.id, contract_id=units.id, site_id=warehouse.id, equipment_id=pos_7.id,
            status="closed", closed_at=_at(25), reopen_count=1, title="Terminal POS-7 does not print",
        )  # fmt: skip
        _work(session, t5, tech, 0, "1.5", day=20)
        _work(session, t5, tech, 20, "2.25", day=24)
        _visit(session, t5, tech, "done", 24)

        t6 = _ticket(
            session,
            "T-6",
            acme.id,
            site_id=office.id,
            resolved_at=_at(30, 11, 20, 30),
            title="Move a cabinet",
        )
        _work(session, t6, tech, 50, day=30)

        t7 = _ticket(
            session, "T-7", acme.id, contract_id=hours.id, site_id=office.id, resolved_at=_at(30, 11, 21)
        )
        _work(session, t7, tech, 60, day=30)

        t8 = _ticket(
            session,
            "T-8",
            acme.id,
            contract_id=hours.id,
            site_id=office.id,
            status="reopened",
            reopen_count=1,
        )
        _work(session, t8, tech, 60, day=20)

        g1 = _ticket(session, "G-1", gamma.id, resolved_at=_at(15), title="Advice on a new terminal")
        _work(session, g1, tech, 30, day=15)
        return BillingBook(
            acme=acme.id,
            beta=beta.id,
            gamma=gamma.id,
            main_office=office.id,
            warehouse=warehouse.id,
            hours_contract=hours.id,
            units_contract=units.id,
        )


# The bill of Acme for November 2026, worked out by hand:
#   C-HOURS fee, 30 of 30 days         1.0000 x 10000.00 = 10000.00
#   C-UNITS fee, 17..30 Nov: 14 of 30   0.4667 x  6000.00 =  2800.00 (6000 x 14 / 30)
#   T-1 work: 90 + 45 = 135 min = 2.25 h x 3000.00 =  6750.00
#   T-1 trips: 2 done visits           2 x 1500.00 =  3000.00
#   T-1 Door roller                  2 x  350.50 =   701.00
#   T-5 work: 1.5 + 2.25 = 3.75 units x 800.00 =  3000.00
#   T-5 trips: 1 done visit            1 x  500.00 =   500.00
#   T-6 work: 50 min = 0.83 h at C-HOURS's rate  0.83 x 3000.00 = 2490.00
#   net 29241.00, VAT 20 % 5848.20, gross 35089.20
ACME_NET = Decimal("29241.00")
ACME_VAT = Decimal("5848.20")
ACME_GROSS = Decimal("35089.20")


def _rework_step(
    db: Database, ticket_id: int, minutes: int, moment: datetime, consumable: str | None = None
) -> None:
    """Work and a done visit on T-9, ending at `moment`."""
    with db.transaction() as session:
        technician = session.scalars(select(Technician.id)).first()
        log = WorkLog(ticket_id=ticket_id, technician_id=technician, minutes=minutes, logged_at=moment)
        session.add(log)
        session.flush()
        if consumable is not None:
            session.add(
                Consumable(work_log_id=log.id, name=consumable, quantity=Decimal(1), unit_cost=Decimal("900"))
            )
        session.add(
            Visit(
                ticket_id=ticket_id,
                technician_id=technician,
                status="done",
                planned_start=moment - timedelta(hours=2),
                planned_end=moment,
            )
        )


def _move(db: Database, ticket_id: int, status: str, moment: datetime) -> None:
    with db.session() as session:
        version = session.get_one(Ticket, ticket_id).version
    change_status(db, ticket_id, status, expected_version=version, now=moment)


def resolve_first_round(db: Database, book: BillingBook) -> int:
    """T-9 up to its first resolution on 25 October, with the work written down after it; its id."""
    with db.transaction() as session:
        ticket = _ticket(
            session, "T-9", book.acme, contract_id=book.hours_contract, site_id=book.main_office,
            status="on_site", title="Heating unit trips", created_at=_at(20, 10, 8),
        )  # fmt: skip
        ticket_id = ticket.id
    _rework_step(db, ticket_id, 120, _at(20, 10, 12), consumable="Thermostat")
    _move(db, ticket_id, "resolved", _at(25, 10))
    _rework_step(db, ticket_id, 30, _at(25, 10, 11))
    return ticket_id


def reopen(db: Database, ticket_id: int) -> None:
    """T-9 reopened on 3 November."""
    _move(db, ticket_id, "reopened", _at(3))


def resolve_rework(db: Database, ticket_id: int) -> None:
    """T-9's rework on 4 November, resolved on 5 November."""
    _rework_step(db, ticket_id, 60, _at(4))
    _move(db, ticket_id, "resolved", _at(5))
