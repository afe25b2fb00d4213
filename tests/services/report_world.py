"""A small fixed world for the reports, whose every figure is worked out by hand in the tests.

The period is the local week Monday 9 to Sunday 15 November 2026 (Europe/Moscow, UTC+3), that is
[2026-11-08 21:00, 2026-11-15 21:00) UTC. Times below are UTC.

Contracts: C-1 (Acme, hours at 3000, fee 30000 a month, trip 1500, since 1 January), C-2 (Beta,
units at 1200, fee 12000 a month, trip 1000, from Thursday 12 November: four days of the period,
to 31 December).
Technicians: Anna (cost 1000 an hour), Boris (1200 an hour).
Units: u1 and u2 (lifts, Acme, since 2020), u4 (lift, Acme, decommissioned 10 November: in service
one day of the period), u3 (chiller at Beta, installed 11 November, five days; not covered by C-2).

    T1 Acme C-1 incident u1 Anna   Nov 9 09:00  r10 a60 s120   met met met      closed; log 120 min, visit done (travel 30)
    T2 Acme C-1 incident u1 Anna   Nov 11 09:00 r20 a90 s300   met breached breached; log 60 min
    T3 Acme C-1 incident u2 Boris  Nov 10 09:00 r30 a120 s240  breached met met, reopened once; log 90 min with
                                               2 x 350.50 consumed, visit done (travel 20), visit cancelled (travel 60)
    T4 Beta C-2 incident u3 Boris  Nov 12 10:00 r5 a45 s100    uncovered (billable, no SLA); log 45 min and 2 units,
                                               1 x 500 consumed, visit done (travel 60)
    T5 Beta C-2 request Anna       Nov 13 12:00 r40 s600       met none met, paused an hour; log 480 min
    T6 Acme C-1 incident u1 Anna   Nov 5 (before the period), resolved Nov 5; log 30 min on Nov 9
    T7 Acme C-1 incident u2        Nov 14 10:00 cancelled
    T8 Beta C-2 incident u3        Nov 14 11:00 cancelled, billable

Feedback: T1 5 (Nov 10), T2 3 and T3 4 (Nov 12), T4 2 (Nov 13); T6 5 on Nov 6, the week before.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta
from decimal import Decimal

from console.models import (
    Client,
    ClientTier,
    Consumable,
    Contract,
    Equipment,
    EquipmentModel,
    Feedback,
    Site,
    Skill,
    Technician,
    Ticket,
    Visit,
    WorkLog,
)
from console.store.database import Database

FIRST = date(2026, 11, 9)
LAST = date(2026, 11, 15)


def at(day: int, hour: int, minute: int = 0) -> datetime:
    """A moment of November 2026, UTC."""
    return datetime(2026, 11, day, hour, minute, tzinfo=UTC)


@dataclass(frozen=True)
class ReportWorld:
    acme: int
    beta: int
    c1: int
    c2: int
    lift: int
    chiller: int
    u1: int
    u2: int
    u3: int
    anna: int
    boris: int


def build_report_world(db: Database) -> ReportWorld:
    with db.transaction() as session:
        tier = ClientTier(name="Gold", rank=1, grants="", priority_support=False)
        lifts, hvac = Skill(code="lifts", name="Lifts"), Skill(code="hvac", name="HVAC")
        session.add_all([tier, lifts, hvac])
        session.flush()
        acme = Client(name="Acme", legal_name="Acme LLC", tier_id=tier.id)
        beta = Client(name="Beta", legal_name="Beta JSC", tier_id=tier.id)
        session.add_all([acme, beta])
        session.flush()
        c1 = Contract(
            client_id=acme.id,
            number="C-1",
            starts_on=date(2026, 1, 1),
            status="active",
            subscription_fee=Decimal("30000"),
            billing_unit="hours",
            unit_price=Decimal("3000"),
            trip_price=Decimal("1500"),
        )
        c2 = Contract(
            client_id=beta.id,
            number="C-2",
            starts_on=date(2026, 11, 12),
            ends_on=date(2026, 12, 31),
            status="active",
            subscription_fee=Decimal("12000"),
            billing_unit="units",
            unit_price=Decimal("1200"),
            trip_price=Decimal("1000"),
        )
        s1 = Site(
            client_id=acme.id,
            name="Acme HQ",
            address="1 Main St",
            latitude=55.7,
            longitude=37.6,
            timezone="Europe/Moscow",
        )
        s2 = Site(
            client_id=beta.id,
            name="Beta plant",
            address="2 Mill Rd",
            latitude=55.8,
            longitude=37.5,
            timezone="Europe/Moscow",
        )
        session.add_all([c1, c2, s1, s2])
        session.flush()
        lift = EquipmentModel(manufacturer="Otis", name="Gen2", kind="lift", skill_id=lifts.id)
        chiller = EquipmentModel(manufacturer="Carrier", name="30RB", kind="chiller", skill_id=hvac.id)
        session.add_all([lift, chiller])
        session.flush()

        def unit(
            serial: str, site: Site, model: EquipmentModel, installed: date, gone: date | None = None
        ) -> Equipment:
            made = Equipment(
                site_id=site.id,
                model_id=model.id,
                serial_number=serial,
                installed_on=installed,
                decommissioned_on=gone,
            )
            session.add(made)
            session.flush()
            return made

        u1 = unit("U1", s1, lift, date(2020, 1, 1))
        u2 = unit("U2", s1, lift, date(2020, 1, 1))
        u3 = unit("U3", s2, chiller, date(2026, 11, 11))
        unit("U4", s1, lift, date(2020, 1, 1), date(2026, 11, 10))
        anna = Technician(
            full_name="Anna", team="North", home_latitude=55.7, home_longitude=37.6, cost_rate=Decimal("1000")
        )
        boris = Technician(
            full_name="Boris",
            team="North",
            home_latitude=55.7,
            home_longitude=37.6,
            cost_rate=Decimal("1200"),
        )
        session.add_all([anna, boris])
        session.flush()

        def ticket(
            number: str,
            client: Client,
            contract: Contract,
            created: datetime,
            category: str = "incident",
            equipment: Equipment | None = None,
            who: Technician | None = None,
            status: str = "resolved",
            states: str = "none none none",
            times: tuple[int | None, int | None, int | None] = (None, None, None),
            **fields: object,
        ) -> Ticket:
            reaction, arrival, resolution = states.split()
            reacted, arrived, resolved = (
                created + timedelta(minutes=m) if m is not None else None for m in times
            )
            made = Ticket(
                number=number,
                client_id=client.id,
                site_id=s1.id if client is acme else s2.id,
                contract_id=contract.id,
                equipment_id=equipment.id if equipment else None,
                title=number,
                category=category,
                priority="normal",
                channel="phone",
                skill_id=lifts.id if client is acme else hvac.id,
                technician_id=who.id if who else None,
                status=status,
                created_at=created,
                reacted_at=reacted,
                arrived_at=arrived,
                resolved_at=resolved,
                reaction_state=reaction,
                arrival_state=arrival,
                resolution_state=resolution,
                **fields,
            )
            session.add(made)
            session.flush()
            return made

        def log(
            made: Ticket,
            who: Technician,
            minutes: int,
            when: datetime,
            units: str = "0",
            *used: tuple[str, str],
        ) -> None:
            work = WorkLog(
                ticket_id=made.id, technician_id=who.id, minutes=minutes, units=Decimal(units), logged_at=when
            )
            session.add(work)
            session.flush()
            for quantity, cost in used:
                session.add(
                    Consumable(
                        work_log_id=work.id, name="Part", quantity=Decimal(quantity), unit_cost=Decimal(cost)
                    )
                )

        def visit(made: Ticket, who: Technician, status: str, travel: int) -> None:
            session.add(
                Visit(
                    ticket_id=made.id,
                    technician_id=who.id,
                    status=status,
                    planned_start=made.created_at + timedelta(hours=1),
                    planned_end=made.created_at + timedelta(hours=2),
                    travel_minutes=travel,
                )
            )

        t1 = ticket(
            "T1",
            acme,
            c1,
            at(9, 9),
            equipment=u1,
            who=anna,
            status="closed",
            states="met met met",
            times=(10, 60, 120),
            closed_at=at(9, 12),
        )
        log(t1, anna, 120, at(9, 11))
        visit(t1, anna, "done", 30)
        t2 = ticket(
            "T2",
            acme,
            c1,
            at(11, 9),
            equipment=u1,
            who=anna,
            states="met breached breached",
            times=(20, 90, 300),
        )
        log(t2, anna, 60, at(11, 14))
        t3 = ticket(
            "T3",
            acme,
            c1,
            at(10, 9),
            equipment=u2,
            who=boris,
            states="breached met met",
            times=(30, 120, 240),
            reopen_count=1,
        )
        log(t3, boris, 90, at(10, 13), "0", ("2", "350.50"))
        visit(t3, boris, "done", 20)
        visit(t3, boris, "cancelled", 60)
        t4 = ticket(
            "T4",
            beta,
            c2,
            at(12, 10),
            equipment=u3,
            who=boris,
            times=(5, 45, 100),
            billable=True,
            sla_issue="uncovered_equipment",
        )
        log(t4, boris, 45, at(12, 11), "2", ("1", "500"))
        visit(t4, boris, "done", 60)
        t5 = ticket(
            "T5",
            beta,
            c2,
            at(13, 12),
            category="request",
            who=anna,
            states="met none met",
            times=(40, None, 600),
            resolution_pause_seconds=3600,
        )
        log(t5, anna, 480, at(13, 20))
        t6 = ticket(
            "T6", acme, c1, at(5, 9), equipment=u1, who=anna, states="met met met", times=(10, 30, 60)
        )
        log(t6, anna, 30, at(9, 10))
        for made, score, received in (
            (t1, 5, at(10, 9)),
            (t2, 3, at(12, 9)),
            (t3, 4, at(12, 10)),
            (t4, 2, at(13, 9)),
            (t6, 5, at(6, 9)),
        ):
            session.add(
                Feedback(ticket_id=made.id, client_id=made.client_id, score=score, received_at=received)
            )
        ticket("T7", acme, c1, at(14, 10), equipment=u2, status="cancelled")
        ticket("T8", beta, c2, at(14, 11), equipment=u3, status="cancelled", billable=True)
    return ReportWorld(
        acme.id, beta.id, c1.id, c2.id, lift.id, chiller.id, u1.id, u2.id, u3.id, anna.id, boris.id
    )
