"""The client context panel's queries on both databases, against a client built here with known data.

The world (as of DEMO_NOW, 2026-11-18 11:30 UTC): client Acme with three sites (office calendar,
24/7 calendar, none), five contacts of every scope, four units of equipment, eight contracts in
every effective state, seven tickets around the 90-day window and feedback around the 12-month
window; a second client whose tickets and feedback must never leak into Acme's figures.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta
from decimal import Decimal

import pytest
from sqlalchemy import func, select
from sqlalchemy.orm import Session

from console.models import (
    Calendar,
    Client,
    ClientTier,
    Contact,
    Contract,
    ContractService,
    Equipment,
    EquipmentModel,
    Feedback,
    Invoice,
    Site,
    Skill,
    SlaPolicy,
    SlaTarget,
    Ticket,
    User,
)
from console.services.calendars import ALWAYS, OFFICE_HOURS, every_day, weekly_hours_to_json
from console.services.client_overview import (
    ClockCompliance,
    MonthFeedback,
    affected_sections,
    client_contact_cards,
    client_contracts,
    client_header,
    client_site_cards,
    format_weekly_hours,
    recent_tickets,
)
from console.store.database import Database
from tests.conftest import DEMO_NOW

NOW = DEMO_NOW
TODAY = NOW.date()


@dataclass
class World:
    acme: int
    other: int
    site_a: int
    site_b: int
    site_c: int
    tickets: dict[str, int]


def _ticket(session: Session, client_id: int, number: str, created_at: datetime, **fields: object) -> Ticket:
    defaults: dict[str, object] = {"category": "incident", "priority": "normal", "channel": "phone"}
    ticket = Ticket(
        number=number,
        client_id=client_id,
        title=f"Ticket {number}",
        created_at=created_at,
        **(defaults | fields),
    )
    session.add(ticket)
    return ticket


@pytest.fixture
def world(db: Database) -> World:
    with db.transaction() as session:
        tier = ClientTier(
            name="Platinum", rank=1, grants="Engineer on site within 4 h", priority_support=True
        )
        manager = User(login="anna", full_name="Anna Manager", role="supervisor")
        office = Calendar(
            name="Office",
            timezone="Europe/Moscow",
            weekly_hours=weekly_hours_to_json(every_day("09:00", "18:00", range(5))),
        )
        always = Calendar(name="Always", timezone="UTC", weekly_hours=weekly_hours_to_json(ALWAYS))
        skill = Skill(code="lifts", name="Lifts")
        session.add_all([tier, manager, office, always, skill])
        session.flush()
        acme = Client(
            name="Acme",
            legal_name="Acme LLC",
            tax_number="7700000001",
            phone="+7 495 000-00-01",
            tier_id=tier.id,
            manager_id=manager.id,
        )
        other = Client(name="Other", legal_name="Other JSC", tier_id=tier.id)
        session.add_all([acme, other])
        session.flush()

        def site(name: str, territory: str, calendar: Calendar | None, client: Client = acme) -> Site:
            return Site(
                client_id=client.id,
                name=name,
                address=f"{name} street 1",
                territory=territory,
                latitude=55.75,
                longitude=37.62,
                timezone="Europe/Moscow",
                calendar_id=calendar.id if calendar else None,
            )

        site_a, site_b, site_c = (
            site("A Store", "North", office),
            site("B Depot", "South", always),
            site("C Kiosk", "North", None),
        )
        other_site = site("Other Site", "North", office, other)
        session.add_all([site_c, site_b, site_a, other_site])
        session.flush()
        session.add_all(
            [
                Contact(
                    client_id=acme.id,
                    full_name="Zed Head",
                    scope="client",
                    may_approve=True,
                    email="zed@acme",
                ),
                Contact(
                    client_id=acme.id,
                    full_name="Mia Terr",
                    scope="territory",
                    territory="North",
                    position="Regional",
                ),
                Contact(
                    client_id=acme.id,
                    full_name="Bob Store",
                    scope="site",
                    site_id=site_a.id,
                    position="Admin",
                    phone="1",
                ),
                Contact(
                    client_id=acme.id, full_name="Amy Store", scope="site", site_id=site_a.id, mobile="2"
                ),
                Contact(
                    client_id=acme.id,
                    full_name="Carl Depot",
                    scope="site",
                    site_id=site_b.id,
                    may_request=False,
                ),
                Contact(client_id=other.id, full_name="Olga Other", scope="site", site_id=other_site.id),
            ]
        )
        model = EquipmentModel(manufacturer="KONE", name="MonoSpace", kind="Lift", skill_id=skill.id)
        session.add(model)
        session.flush()
        units = [
            Equipment(site_id=s.id, model_id=model.id, serial_number=f"SN-{n}")
            for n, s in enumerate([site_a, site_a, site_a, site_b, other_site])
        ]
        session.add_all(units)
        policy = SlaPolicy(name="Gold", calendar_id=office.id)
        policy.targets = [
            SlaTarget(priority="low", reaction_minutes=240, arrival_minutes=None, resolution_minutes=2400),
            SlaTarget(priority="critical", reaction_minutes=15, arrival_minutes=120, resolution_minutes=240),
            SlaTarget(priority="normal", reaction_minutes=60, arrival_minutes=480, resolution_minutes=960),
            SlaTarget(priority="high", reaction_minutes=30, arrival_minutes=240, resolution_minutes=480),
        ]
        session.add(policy)
        session.flush()

        def contract(number: str, status: str, starts: date, ends: date | None, **fields: object) -> Contract:
            made = Contract(
                client_id=acme.id,
                number=number,
                status=status,
                starts_on=starts,
                ends_on=ends,
                subscription_fee=Decimal("1000.00"),
                billing_unit="hours",
                unit_price=Decimal("25.50"),
                **fields,
            )
            session.add(made)
            return made

        main = contract("K-ACTIVE", "active", date(2026, 1, 1), date(2026, 12, 10), sla_policy_id=policy.id)
        main.sites = [site_a, site_b]
        main.equipment = units[:3]
        main.services = [ContractService(category="maintenance"), ContractService(category="incident")]
        contract("K-EXPIRED", "active", date(2025, 1, 1), date(2025, 12, 31))
        contract("K-SUSP", "suspended", date(2026, 3, 1), date(2026, 11, 30))
        contract("K-FUTURE", "active", date(2027, 1, 1), None)
        contract("K-TERM", "terminated", date(2024, 5, 1), date(2027, 5, 1))
        contract("K-OPEN", "active", date(2026, 6, 1), None)
        contract("K-30", "active", date(2026, 2, 1), date(2026, 12, 18))
        contract("K-31", "active", date(2026, 2, 2), date(2026, 12, 19))

        day = timedelta(days=1)
        made = {
            "t1": _ticket(session, acme.id, "T-1", NOW - day, status="on_site", site_id=site_a.id,
                          reaction_state="met", arrival_state="met", resolution_state="warning"),
            "t2": _ticket(session, acme.id, "T-2", NOW - 10 * day, status="resolved", site_id=site_b.id,
                          resolved_at=NOW - 9 * day, reaction_state="breached", resolution_state="met", sla_state="met"),
            "t3": _ticket(session, acme.id, "T-3", NOW - 90 * day, status="closed", site_id=site_a.id,
                          reaction_state="met", arrival_state="breached", resolution_state="breached"),
            "t4": _ticket(session, acme.id, "T-4", NOW - 90 * day - timedelta(seconds=1), status="closed",
                          reaction_state="breached", arrival_state="breached", resolution_state="breached"),
            "t5": _ticket(session, acme.id, "T-5", NOW - timedelta(hours=2), status="new",
                          reaction_state="critical", sla_state="critical", priority="high"),
            "t6": _ticket(session, acme.id, "T-6", NOW - 30 * day, status="cancelled",
                          reaction_state="met", resolution_state="met"),
            "t7": _ticket(session, acme.id, "T-7", NOW - 200 * day, status="waiting_parts", site_id=site_b.id,
                          resolution_state="paused"),
            "o1": _ticket(session, other.id, "O-1", NOW - day, status="new", site_id=other_site.id,
                          reaction_state="breached", arrival_state="met", resolution_state="met"),
        }  # fmt: skip
        session.flush()

        def feedback(ticket: str, score: int, at: datetime, client: Client = acme) -> Feedback:
            return Feedback(ticket_id=made[ticket].id, client_id=client.id, score=score, received_at=at)

        session.add_all(
            [
                feedback("t1", 5, datetime(2026, 11, 17, 9, 0, tzinfo=UTC)),
                feedback("t2", 4, datetime(2026, 11, 2, 0, 0, tzinfo=UTC)),
                feedback("t3", 2, datetime(2026, 8, 31, 23, 30, tzinfo=UTC)),
                feedback("t4", 3, datetime(2025, 12, 1, 0, 0, tzinfo=UTC)),
                feedback("t6", 1, datetime(2025, 11, 30, 23, 59, tzinfo=UTC)),
                feedback("t7", 5, datetime(2026, 8, 1, 12, 0, tzinfo=UTC)),
                feedback("o1", 1, datetime(2026, 11, 10, tzinfo=UTC), other),
            ]
        )
        session.flush()
        return World(
            acme=acme.id,
            other=other.id,
            site_a=site_a.id,
            site_b=site_b.id,
            site_c=site_c.id,
            tickets={key: t.id for key, t in made.items()},
        )


def test_header_identity_and_open_tickets(db: Database, world: World) -> None:
    header = client_header(db, world.acme, now=NOW)
    assert header is not None
    assert (header.id, header.name, header.legal_name, header.tax_number, header.phone) == (
        world.acme,
        "Acme",
        "Acme LLC",
        "7700000001",
        "+7 495 000-00-01",
    )
    assert (header.tier, header.tier_grants, header.priority_support) == (
        "Platinum",
        "Engineer on site within 4 h",
        True,
    )
    assert header.manager == "Anna Manager"
    # T-1 on_site, T-5 new, T-7 waiting_parts; resolved, closed and cancelled ones are not open.
    assert header.open_tickets == 3


def test_header_payment_state_counts_unpaid_and_overdue_invoices(db: Database, world: World) -> None:
    today = NOW.date()

    def invoice(number: str, due_days: int, amount: str, paid: str, client: int = world.acme) -> Invoice:
        due = today + timedelta(days=due_days)
        return Invoice(
            client_id=client,
            number=number,
            issued_on=due - timedelta(days=15),
            due_on=due,
            amount=Decimal(amount),
            paid_amount=Decimal(paid),
        )

    with db.transaction() as session:
        session.add_all(
            [
                invoice("I-1", -40, "1000.00", "1000.00"),  # paid: not outstanding
                invoice("I-2", -20, "500.00", "200.00"),  # partly paid and overdue: 300 owed
                invoice("I-3", -5, "700.00", "0.00"),  # overdue
                invoice("I-4", 0, "900.00", "0.00"),  # due today: outstanding, not yet overdue
                invoice("I-5", -90, "50.00", "0.00", client=world.other),
            ]
        )
    header = client_header(db, world.acme, now=NOW)
    assert header is not None
    payment = header.payment
    assert (payment.outstanding_invoices, payment.outstanding_amount) == (3, Decimal("1900.00"))
    assert (payment.overdue_invoices, payment.overdue_amount) == (2, Decimal("1000.00"))
    assert payment.overdue and payment.oldest_overdue_on == today - timedelta(days=20)
    other = client_header(db, world.other, now=NOW)
    assert other is not None and other.payment.outstanding_invoices == 1
    clean = client_header(db, world.acme, now=NOW - timedelta(days=60))
    assert clean is not None and not clean.payment.overdue


def test_header_compliance_counts_decided_clocks_of_the_last_90_days(db: Database, world: World) -> None:
    header = client_header(db, world.acme, now=NOW)
    assert header is not None
    # Window: T-1, T-2, T-3 (exactly 90 days), T-5, T-6; T-4 (a second older) and T-7 are outside.
    assert header.sla_compliance_90d == (
        ClockCompliance("reaction", decided=4, met=3, share_met=0.75),  # T-1, T-3, T-6 met; T-2 breached
        ClockCompliance("arrival", decided=2, met=1, share_met=0.5),  # T-1 met; T-3 breached
        ClockCompliance("resolution", decided=3, met=2, share_met=2 / 3),  # T-2, T-6 met; T-3 breached
    )


def test_header_compliance_is_none_without_decided_clocks(db: Database, world: World) -> None:
    # A year later nothing of Acme's was created in the last 90 days.
    header = client_header(db, world.acme, now=NOW + timedelta(days=365))
    assert header is not None
    assert [(c.clock, c.decided, c.met, c.share_met) for c in header.sla_compliance_90d] == [
        ("reaction", 0, 0, None),
        ("arrival", 0, 0, None),
        ("resolution", 0, 0, None),
    ]


def test_header_feedback_by_utc_month_over_the_last_12_months(db: Database, world: World) -> None:
    header = client_header(db, world.acme, now=NOW)
    assert header is not None
    # 2025-11-30 23:59 is before the window (December 2025 .. November 2026); Other's score is not Acme's.
    assert header.feedback_by_month == (
        MonthFeedback(date(2025, 12, 1), 3.0, 1),
        MonthFeedback(date(2026, 8, 1), 3.5, 2),
        MonthFeedback(date(2026, 11, 1), 4.5, 2),
    )


def test_header_feedback_ignores_scores_after_now(db: Database, world: World) -> None:
    header = client_header(db, world.acme, now=datetime(2026, 11, 10, tzinfo=UTC))
    assert header is not None
    assert header.feedback_by_month[-1] == MonthFeedback(date(2026, 11, 1), 4.0, 1)


def test_header_of_a_missing_client_is_none_and_lists_are_empty(db: Database, world: World) -> None:
    missing = world.acme + world.other + 1000
    assert client_header(db, missing, now=NOW) is None
    assert client_contracts(db, missing, today=TODAY) == []
    assert client_site_cards(db, missing) == []
    assert client_contact_cards(db, missing) == []
    assert recent_tickets(db, missing) == []


def test_contracts_effective_states_days_left_and_expiry(db: Database, world: World) -> None:
    cards = client_contracts(db, world.acme, today=TODAY)
    assert [(c.number, c.status, c.effective_state, c.days_left, c.expiring) for c in cards] == [
        ("K-FUTURE", "active", "not_started", None, False),
        ("K-OPEN", "active", "active", None, False),
        ("K-SUSP", "suspended", "suspended", 12, False),
        ("K-31", "active", "active", 31, False),
        ("K-30", "active", "active", 30, True),
        ("K-ACTIVE", "active", "active", 22, True),
        ("K-EXPIRED", "active", "expired", -322, False),
        ("K-TERM", "terminated", "terminated", 164, False),
    ]


def test_contract_card_policy_targets_and_coverage(db: Database, world: World) -> None:
    card = next(c for c in client_contracts(db, world.acme, today=TODAY) if c.number == "K-ACTIVE")
    assert (card.starts_on, card.ends_on) == (date(2026, 1, 1), date(2026, 12, 10))
    assert (card.subscription_fee, card.billing_unit, card.unit_price) == (
        Decimal("1000.00"),
        "hours",
        Decimal("25.50"),
    )
    assert (card.sla_policy, card.sla_calendar) == ("Gold", "Office")
    assert card.sla_targets == (
        ("critical", 15, 120, 240),
        ("high", 30, 240, 480),
        ("normal", 60, 480, 960),
        ("low", 240, None, 2400),
    )
    assert (card.sites, card.equipment, card.categories) == (2, 3, ("incident", "maintenance"))
    bare = next(c for c in client_contracts(db, world.acme, today=TODAY) if c.number == "K-OPEN")
    assert (bare.sla_policy, bare.sla_calendar, bare.sla_targets) == (None, None, ())
    assert (bare.sites, bare.equipment, bare.categories) == (0, 0, ())


def test_expired_the_day_after_the_end(db: Database, world: World) -> None:
    def state(today: date) -> tuple[str, int | None, bool]:
        card = next(c for c in client_contracts(db, world.acme, today=today) if c.number == "K-ACTIVE")
        return card.effective_state, card.days_left, card.expiring

    assert state(date(2026, 12, 10)) == ("active", 0, True)
    assert state(date(2026, 12, 11)) == ("expired", -1, False)
    assert state(date(2025, 12, 31)) == ("not_started", 344, False)


def test_site_cards(db: Database, world: World) -> None:
    cards = client_site_cards(db, world.acme)
    assert [
        (c.id, c.name, c.address, c.territory, c.timezone, c.hours_text, c.contacts, c.equipment, c.open_tickets)
        for c in cards
    ] == [
        (world.site_a, "A Store", "A Store street 1", "North", "Europe/Moscow", "Mon–Fri 09:00–18:00",
         ("Amy Store", "Bob Store"), 3, 1),
        (world.site_b, "B Depot", "B Depot street 1", "South", "Europe/Moscow", "24/7", ("Carl Depot",), 1, 1),
        (world.site_c, "C Kiosk", "C Kiosk street 1", "North", "Europe/Moscow", None, (), 0, 0),
    ]  # fmt: skip
    assert cards[0].weekly_hours == (*[(("09:00", "18:00"),)] * 5, (), ())
    assert cards[2].weekly_hours is None
    assert (cards[0].latitude, cards[0].longitude) == (55.75, 37.62)


def test_contact_cards_widest_authority_first(db: Database, world: World) -> None:
    cards = client_contact_cards(db, world.acme)
    assert [
        (c.name, c.scope, c.position, c.phone, c.mobile, c.email, c.site_address, c.territory, c.may_request, c.may_approve)
        for c in cards
    ] == [
        ("Zed Head", "client", None, None, None, "zed@acme", None, None, True, True),
        ("Mia Terr", "territory", "Regional", None, None, None, None, "North", True, False),
        ("Amy Store", "site", None, None, "2", None, "A Store street 1", "North", True, False),
        ("Bob Store", "site", "Admin", "1", None, None, "A Store street 1", "North", True, False),
        ("Carl Depot", "site", None, None, None, None, "B Depot street 1", "South", False, False),
    ]  # fmt: skip


def test_recent_tickets_newest_first(db: Database, world: World) -> None:
    tickets = recent_tickets(db, world.acme, limit=3)
    assert [(t.id, t.number, t.status, t.priority, t.sla_state, t.site_address) for t in tickets] == [
        (world.tickets["t5"], "T-5", "new", "high", "critical", None),
        (world.tickets["t1"], "T-1", "on_site", "normal", "none", "A Store street 1"),
        (world.tickets["t2"], "T-2", "resolved", "normal", "met", "B Depot street 1"),
    ]
    assert tickets[2].title == "Ticket T-2"
    assert (tickets[2].created_at, tickets[2].resolved_at) == (
        NOW - timedelta(days=10),
        NOW - timedelta(days=9),
    )
    assert [t.number for t in recent_tickets(db, world.acme)] == [
        "T-5",
        "T-1",
        "T-2",
        "T-6",
        "T-3",
        "T-4",
        "T-7",
    ]


@pytest.mark.parametrize(
    ("weekly", "text"),
    [
        (ALWAYS, "24/7"),
        (OFFICE_HOURS, "Mon–Fri 09:00–13:00, 14:00–18:00"),
        (
            {**every_day("09:00", "18:00", range(5)), 5: [("10:00", "16:00")]},
            "Mon–Fri 09:00–18:00; Sat 10:00–16:00",
        ),
        (every_day("09:00", "18:00", (0, 2)), "Mon 09:00–18:00; Wed 09:00–18:00"),
        (every_day("08:00", "22:00"), "Mon–Sun 08:00–22:00"),
        (every_day("08:00", "22:00", ()), "closed"),
    ],
)
def test_format_weekly_hours(weekly: dict[int, list[tuple[str, str]]], text: str) -> None:
    assert format_weekly_hours(weekly) == text


def test_demo_busiest_client_matches_a_count_over_its_tickets(demo_db: Database) -> None:
    with demo_db.session() as session:
        client_id = session.execute(
            select(Ticket.client_id).group_by(Ticket.client_id).order_by(func.count().desc()).limit(1)
        ).scalar_one()
        tickets = session.scalars(select(Ticket).where(Ticket.client_id == client_id)).all()
        sites = session.scalars(select(Site.id).where(Site.client_id == client_id)).all()
    since = NOW - timedelta(days=90)
    header = client_header(demo_db, client_id, now=NOW)
    assert header is not None
    for compliance in header.sla_compliance_90d:
        states = [getattr(t, f"{compliance.clock}_state") for t in tickets if t.created_at >= since]
        assert compliance.decided == sum(s in ("met", "breached") for s in states)
        assert compliance.met == states.count("met")
    assert header.open_tickets == sum(t.status not in ("resolved", "closed", "cancelled") for t in tickets)
    assert sorted(c.id for c in client_site_cards(demo_db, client_id)) == sorted(sites)
    newest = sorted(tickets, key=lambda t: (t.created_at, t.id), reverse=True)[:20]
    assert [t.id for t in recent_tickets(demo_db, client_id)] == [t.id for t in newest]


def test_affected_sections_follow_only_this_clients_rows(db: Database, world: World) -> None:
    acme_ticket, other_ticket = world.tickets["t1"], world.tickets["o1"]
    assert affected_sections(db, world.acme, {"tickets": {other_ticket}}) == frozenset()
    assert affected_sections(db, world.acme, {"tickets": {other_ticket, acme_ticket}}) == {
        "header",
        "recent",
        "sites",
        "equipment",
    }
    assert affected_sections(db, world.acme, {"sites": {world.site_c}, "clients": {world.other}}) == {
        "sites",
        "equipment",
        "contracts",
    }
    with db.session() as session:
        other_units = session.scalars(
            select(Equipment.id).join(Site, Site.id == Equipment.site_id).where(Site.client_id == world.other)
        ).all()
    assert affected_sections(db, world.acme, {"equipment": set(other_units)}) == frozenset()
    # A deleted row may have been this client's: it counts.
    assert affected_sections(db, world.acme, {"contacts": {999_999}}) == {"contacts", "sites"}
    # Tables the panel does not show change nothing.
    assert affected_sections(db, world.acme, {"technicians": {1}}) == frozenset()
