"""A small service book for the maintenance tests: one client, two sites, three lifts, one contract.

The main site is in Berlin (so that daylight-saving switches happen), open Monday to Friday
08:00-17:00 with 1 January 2027 a holiday; the second site, in Moscow, has no calendar. The
contract covers both sites under a policy whose low-priority targets are 4 h arrival and 16 h
resolution in business time. Two lifts of model "Gen2" and one escalator stand at the Berlin
site; a lifts technician works 09:00-18:00, Monday to Friday.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import UTC, date, datetime, time

from console.models import (
    Calendar,
    CalendarDay,
    Contract,
    Equipment,
    EquipmentModel,
    MaintenancePlan,
    Site,
    SlaPolicy,
    SlaTarget,
    Technician,
)
from console.services.calendars import every_day, weekly_hours_to_json
from console.services.maintenance_plans import PlanDraft, create_plan
from console.store.database import Database
from tests.services.field_world import add_basics

NOW = datetime(2026, 12, 1, 6, 0, tzinfo=UTC)  # a Tuesday


@dataclass(frozen=True)
class Book:
    client: int
    berlin: int
    moscow: int
    contract: int
    lifts_skill: int
    hvac_skill: int
    gen2: int
    lift_a: int
    lift_b: int
    escalator: int
    technician: int


def build_book(db: Database) -> Book:
    with db.transaction() as session:
        basics = add_basics(session)
        hours = Calendar(
            name="Berlin shop hours",
            timezone="Europe/Berlin",
            weekly_hours=weekly_hours_to_json(every_day("08:00", "17:00", range(5))),
        )
        session.add(hours)
        session.flush()
        session.add(CalendarDay(calendar_id=hours.id, day=date(2027, 1, 1), kind="holiday", name="New Year"))
        berlin = Site(
            client_id=basics.client.id,
            name="Berlin Mall",
            address="Alexanderplatz 1",
            latitude=52.52,
            longitude=13.41,
            timezone="Europe/Berlin",
            calendar_id=hours.id,
        )
        moscow = Site(
            client_id=basics.client.id,
            name="Moscow Office",
            address="Tverskaya 1",
            latitude=55.76,
            longitude=37.61,
            timezone="Europe/Moscow",
        )
        policy = SlaPolicy(name="Standard", calendar_id=hours.id, use_site_calendar=True)
        gen2 = EquipmentModel(manufacturer="Otis", name="Gen2", kind="lift", skill_id=basics.lifts.id)
        escalator = EquipmentModel(
            manufacturer="KONE", name="TravelMaster", kind="escalator", skill_id=basics.lifts.id
        )
        session.add_all([berlin, moscow, policy, gen2, escalator])
        session.flush()
        session.add(
            SlaTarget(
                policy_id=policy.id,
                priority="low",
                reaction_minutes=480,
                arrival_minutes=240,
                resolution_minutes=960,
            )
        )
        contract = Contract(
            client_id=basics.client.id,
            number="C-MAINT",
            starts_on=date(2026, 1, 1),
            subscription_fee=1000,
            billing_unit="hours",
            unit_price=100,
            sla_policy_id=policy.id,
        )
        contract.sites.extend([berlin, moscow])
        session.add(contract)
        lift_a = Equipment(site_id=berlin.id, model_id=gen2.id, serial_number="LIFT-A")
        lift_b = Equipment(site_id=berlin.id, model_id=gen2.id, serial_number="LIFT-B")
        moving = Equipment(site_id=berlin.id, model_id=escalator.id, serial_number="ESC-1")
        technician = Technician(
            full_name="Ivan",
            team="A",
            home_latitude=52.5,
            home_longitude=13.4,
            state="free",
            calendar_id=basics.shift.id,
            skills=[basics.lifts],
        )
        session.add_all([lift_a, lift_b, moving, technician])
        session.flush()
        return Book(
            client=basics.client.id,
            berlin=berlin.id,
            moscow=moscow.id,
            contract=contract.id,
            lifts_skill=basics.lifts.id,
            hvac_skill=basics.hvac.id,
            gen2=gen2.id,
            lift_a=lift_a.id,
            lift_b=lift_b.id,
            escalator=moving.id,
            technician=technician.id,
        )


def lift_plan(book: Book, **changes: object) -> PlanDraft:
    """Monthly service of lift A on the 1st, 2 h, from 1 December 2026."""
    draft = PlanDraft(
        name="Lift A monthly",
        rrule="FREQ=MONTHLY;BYMONTHDAY=1",
        starts_on=date(2026, 12, 1),
        duration_minutes=120,
        skill_id=book.lifts_skill,
        equipment_id=book.lift_a,
        contract_id=book.contract,
        checklist=("Inspect ropes", "Test brakes"),
    )
    return replace(draft, **changes)  # type: ignore[arg-type]


def add_plans(db: Database, book: Book, count: int, *, window: time | None = None) -> list[int]:
    """`count` weekly plans on lift B, stored without making their jobs (as an import would)."""
    with db.transaction() as session:
        plans = [
            MaintenancePlan(
                name=f"Weekly {n}",
                equipment_id=book.lift_b,
                contract_id=book.contract,
                rrule=f"FREQ=WEEKLY;BYDAY={['MO', 'TU', 'WE', 'TH', 'FR'][n % 5]}",
                starts_on=date(2026, 12, 1),
                duration_minutes=60,
                skill_id=book.lifts_skill,
                checklist=[],
                window_start=window,
            )
            for n in range(count)
        ]
        session.add_all(plans)
        session.flush()
        return [plan.id for plan in plans]


def make_plan(db: Database, draft: PlanDraft, now: datetime = NOW) -> int:
    return create_plan(db, draft, now=now).plan_id
