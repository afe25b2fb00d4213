"""Work completion acts on the hand-built book of billing_world: one ticket, or a client's month."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest

from console.services.billing import client_billing
from console.services.work_act import ActContract, ActError, WorkAct, client_act, ticket_act
from console.store.database import Database
from tests.services.billing_world import (
    ACME_GROSS,
    ACME_NET,
    ACME_VAT,
    COMPANY,
    FIRST,
    LAST,
    BillingBook,
    build_billing_book,
    reopen,
    resolve_first_round,
    resolve_rework,
)


@pytest.fixture
def book(db: Database) -> BillingBook:
    return build_billing_book(db)


def test_the_act_of_a_billable_ticket(db: Database, book: BillingBook) -> None:
    with db.session() as session:
        act = ticket_act(session, "T-1")
    assert act.number == "А-T-1"
    assert act.day == date(2026, 11, 10)  # the day it was resolved
    assert act.company == COMPANY
    assert act.our_signatory == "Director I. I. Ivanov" and act.client_signatory == ""
    assert (act.client.legal_name, act.client.tax_number, act.client.address) == (
        "Acme LLC",
        "7701234567",
        "Moscow, Tverskaya 10",
    )
    assert act.contracts == (ActContract("C-HOURS", date(2026, 1, 1)),)
    assert act.contract == ActContract("C-HOURS", date(2026, 1, 1))
    assert [(line.kind, line.quantity, line.unit_price, line.amount) for line in act.lines] == [
        ("work", Decimal("2.25"), Decimal("3000.00"), Decimal("6750.00")),  # 135 min = 2.25 h x 3000
        ("trip", Decimal("2"), Decimal("1500.00"), Decimal("3000.00")),  # 2 done visits x 1500
    ]
    assert [(line.description, line.quantity, line.amount) for line in act.consumables] == [
        ("Door roller", Decimal("2.00"), Decimal("701.00"))  # 2 x 350.50
    ]
    assert act.lines[0].site_name == "Main Office" and act.lines[0].equipment_label == "Otis Gen2 #LIFT-2"
    # 6750 + 3000 + 701 = 10451.00; VAT 20 % = 2090.20; gross 12541.20
    assert (act.net, act.vat_percent, act.vat, act.gross) == (
        Decimal("10451.00"),
        Decimal("20"),
        Decimal("2090.20"),
        Decimal("12541.20"),
    )


def test_the_act_of_a_covered_ticket_lists_the_work_at_no_charge(db: Database, book: BillingBook) -> None:
    with db.session() as session:
        act = ticket_act(session, "T-2")
    assert [(line.kind, line.quantity, line.amount, line.covered) for line in act.lines] == [
        ("work", Decimal("1.00"), Decimal("0.00"), True),  # 60 min = 1 h, covered
        ("trip", Decimal("1"), Decimal("0.00"), True),  # covered work includes its trips
    ]
    assert act.lines[0].description == "Lift LIFT-1 monthly check (covered by the contract)"
    assert act.consumables == ()
    assert (act.net, act.vat, act.gross) == (Decimal("0.00"), Decimal("0.00"), Decimal("0.00"))


def test_the_act_of_a_ticket_without_a_contract_and_of_one_in_units(db: Database, book: BillingBook) -> None:
    with db.session() as session:
        t6 = ticket_act(session, "T-6")
        t5 = ticket_act(session, "T-5")
    # 50 min = 0.83 h x 3000 (C-HOURS's rate) = 2490.00; VAT 498.00; gross 2988.00
    assert act_figures(t6) == (Decimal("2490.00"), Decimal("498.00"), Decimal("2988.00"))
    assert t6.contracts == ()
    # 3.75 units x 800 = 3000 + 1 trip x 500 = 3500.00; VAT 700.00; gross 4200.00
    assert act_figures(t5) == (Decimal("3500.00"), Decimal("700.00"), Decimal("4200.00"))
    assert t5.day == date(2026, 11, 25)  # closed without a resolution time
    assert t5.contract == ActContract("C-UNITS", date(2026, 11, 17))


def act_figures(act: WorkAct) -> tuple[Decimal, Decimal, Decimal]:
    return act.net, act.vat, act.gross


def test_the_act_of_a_clients_month_adds_covered_work_at_no_charge(db: Database, book: BillingBook) -> None:
    with db.session() as session:
        act = client_act(session, book.acme, FIRST, LAST)
        bill = client_billing(session, book.acme, FIRST, LAST)
    assert act.number == f"А-{book.acme}-202611"
    assert (act.day, act.first, act.last) == (LAST, FIRST, LAST)
    assert act.contracts == (
        ActContract("C-HOURS", date(2026, 1, 1)),
        ActContract("C-UNITS", date(2026, 11, 17)),
    )
    # The bill's lines, the roller among the consumables, and T-2's covered work and trip at 0.
    billed = [line for line in bill.lines if line.kind != "consumable"]
    assert [line for line in act.lines if not line.covered] == billed
    assert [(line.ticket_number, line.kind, line.amount) for line in act.lines if line.covered] == [
        ("T-2", "work", Decimal("0.00")),
        ("T-2", "trip", Decimal("0.00")),
    ]
    assert [line.description for line in act.consumables] == ["Door roller"]
    assert (act.net, act.vat, act.gross) == (ACME_NET, ACME_VAT, ACME_GROSS)


def test_a_reworked_ticket_gets_an_act_for_the_rework_only(db: Database, book: BillingBook) -> None:
    ticket_id = resolve_first_round(db, book)
    with db.session() as session:
        first = ticket_act(session, "T-9")
    assert (first.number, first.day, first.net) == ("А-T-9", date(2026, 10, 25), Decimal("11400.00"))
    reopen(db, ticket_id)
    resolve_rework(db, ticket_id)
    with db.session() as session:
        rework = ticket_act(session, "T-9")
    assert (rework.number, rework.day) == ("А-T-9-2", date(2026, 11, 5))
    # 60 min = 1 h x 3000 and one trip x 1500; the October work and thermostat were in the first act.
    assert [(line.kind, line.quantity, line.amount) for line in rework.lines] == [
        ("work", Decimal("1.00"), Decimal("3000.00")),
        ("trip", Decimal("1"), Decimal("1500.00")),
    ]
    assert rework.consumables == () and rework.net == Decimal("4500.00")


def test_acts_refuse_what_does_not_exist(db: Database, book: BillingBook) -> None:
    with db.session() as session:
        with pytest.raises(ActError, match="Ticket NOPE does not exist"):
            ticket_act(session, "NOPE")
        with pytest.raises(ActError, match="cancelled"):
            ticket_act(session, "T-3")
        with pytest.raises(ActError, match="Client 99999 does not exist"):
            client_act(session, 99_999, FIRST, LAST)
        with pytest.raises(ActError, match="before it starts"):
            client_act(session, book.acme, LAST, FIRST)
