"""Technician suggestions for a ticket, on both databases, against a small world built here.

The world (Moscow time, Monday 2026-11-16, 10:00): a Mon-Fri 09:00-18:00 shift; a Gold (rank 1)
client's lift ticket at the near store with an arrival deadline of 10:30. Ivan (lifts) stands at the
store with a visit 14:00-15:00 at the far depot; Anna (lifts) stands at the far depot, about 26 min
away, and has finished a visit on the same lift (so for the same client) before; Boris (lifts) is booked all day; Petr (lifts)
has no shift calendar; Olga has only HVAC.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, replace
from datetime import UTC, date, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
from sqlalchemy import select

from console.models import (
    Calendar,
    Equipment,
    EquipmentModel,
    Site,
    Skill,
    Technician,
    Ticket,
    TicketHistory,
    Visit,
)
from console.services.dispatch_rules import DispatchRules, save_rules
from console.services.suggestions import suggest_technicians
from console.services.tickets import TicketNotFound
from console.services.travel import DEFAULT_TRAVEL, Point
from console.services.visit_planning import check_visit, plan_visit
from console.store.database import Database
from tests.services.field_world import add_basics

MSK = ZoneInfo("Europe/Moscow")
MONDAY = date(2026, 11, 16)
NEAR: Point = (55.75, 37.62)
FAR: Point = (55.80, 37.75)
DRIVE = math.ceil(DEFAULT_TRAVEL.minutes(FAR, NEAR))


def at(hour: int, minute: int = 0) -> datetime:
    return datetime(MONDAY.year, MONDAY.month, MONDAY.day, hour, minute, tzinfo=MSK)


NOW = at(10).astimezone(UTC)


@dataclass
class World:
    ticket: int
    other_ticket: int
    ivan: int
    anna: int
    boris: int
    petr: int


@pytest.fixture
def world(db: Database) -> World:
    return build_world(db)


def build_world(db: Database) -> World:
    """The world the module docstring describes, saved in `db`."""
    with db.transaction() as session:
        basics = add_basics(session)
        shift, lifts, hvac, client = basics.shift, basics.lifts, basics.hvac, basics.client
        near = Site(
            client_id=client.id,
            name="Near Store",
            address="1",
            latitude=NEAR[0],
            longitude=NEAR[1],
            timezone="Europe/Moscow",
        )
        far = Site(
            client_id=client.id,
            name="Far Depot",
            address="9",
            latitude=FAR[0],
            longitude=FAR[1],
            timezone="Europe/Moscow",
        )
        model = EquipmentModel(manufacturer="Otis", name="Gen2", kind="lift", skill_id=lifts.id)
        session.add_all([near, far, model])
        session.flush()
        lift = Equipment(site_id=near.id, model_id=model.id, serial_number="L-1")
        session.add(lift)
        session.flush()

        def technician(
            name: str, skills: list[Skill], at_point: Point, calendar: Calendar | None
        ) -> Technician:
            made = Technician(
                full_name=name,
                team="A",
                home_latitude=NEAR[0],
                home_longitude=NEAR[1],
                last_latitude=at_point[0],
                last_longitude=at_point[1],
                last_position_at=NOW - timedelta(minutes=5),
                state="free",
                calendar_id=None if calendar is None else calendar.id,
                skills=skills,
            )
            session.add(made)
            return made

        ivan = technician("Ivan", [lifts], NEAR, shift)
        anna = technician("Anna", [lifts], FAR, shift)
        boris = technician("Boris", [lifts], NEAR, shift)
        petr = technician("Petr", [lifts], NEAR, None)
        technician("Olga", [hvac], NEAR, shift)
        session.flush()

        def ticket(number: str, site: Site, **fields: object) -> Ticket:
            made = Ticket(
                number=number,
                client_id=client.id,
                site_id=site.id,
                title=number,
                category="incident",
                priority="high",
                channel="phone",
                skill_id=lifts.id,
                created_at=NOW - timedelta(hours=1),
                **fields,
            )
            session.add(made)
            return made

        target = ticket("T1", near, equipment_id=lift.id, arrival_due_at=at(10, 30))
        earlier = ticket("T0", near, equipment_id=lift.id, status="closed")
        other = ticket("T2", far)
        session.flush()
        session.add_all(
            [
                Visit(
                    ticket_id=earlier.id,
                    technician_id=anna.id,
                    planned_start=at(9) - timedelta(days=7),
                    planned_end=at(10) - timedelta(days=7),
                    actual_start=at(9) - timedelta(days=7),
                    actual_end=at(10) - timedelta(days=7),
                    status="done",
                ),
                Visit(ticket_id=other.id, technician_id=ivan.id, planned_start=at(14), planned_end=at(15)),
                Visit(ticket_id=other.id, technician_id=boris.id, planned_start=at(9), planned_end=at(18)),
            ]
        )
    return World(target.id, other.id, ivan.id, anna.id, boris.id, petr.id)


def test_ranks_with_reasons_and_leaves_out_who_cannot_take_it(db: Database, world: World) -> None:
    result = suggest_technicians(db, world.ticket, now=NOW, rules=DispatchRules())

    assert [s.name for s in result.suggestions] == ["Anna", "Ivan", "Boris", "Petr"]
    assert result.lacking_skill == 1
    assert result.skill == "Lifts" and result.deadline_kind == "arrival"
    anna, ivan, boris, petr = result.suggestions
    assert anna.eligible and ivan.eligible and not boris.eligible and not petr.eligible
    assert {r.code for r in anna.reasons} >= {"travel", "equipment", "client", "on_time", "workload", "tier"}
    assert anna.travel_minutes == DRIVE and anna.origin == "reported"
    assert anna.start == at(10, 30) and anna.end == at(11, 30)
    assert anna.score == pytest.approx(DRIVE * 1.0 - 45.0 - 20.0 * 2.0, abs=0.1)
    assert ivan.start == at(10) and ivan.travel_minutes == 0
    assert ivan.score == pytest.approx(120 * 60 / 540, abs=0.1)
    assert [r.code for r in boris.reasons] == ["no_slot"]
    assert [r.code for r in petr.reasons] == ["no_calendar"]
    for s in (anna, ivan):
        assert s.score == pytest.approx(sum(r.points for r in s.reasons), abs=0.1)


def test_weights_change_the_order(db: Database, world: World) -> None:
    no_bonus = suggest_technicians(
        db, world.ticket, now=NOW, rules=DispatchRules(equipment_bonus=0, client_bonus=0)
    )
    assert [s.name for s in no_bonus.suggestions[:2]] == ["Ivan", "Anna"]


def test_a_tight_deadline_weighs_by_the_client_tier(db: Database, world: World) -> None:
    with db.transaction() as session:
        session.get_one(Ticket, world.ticket).arrival_due_at = at(10, 10)
    result = suggest_technicians(db, world.ticket, now=NOW, rules=DispatchRules())
    anna = next(s for s in result.suggestions if s.name == "Anna")
    assert anna.late_minutes == 20
    late = next(r for r in anna.reasons if r.code == "late")
    assert late.points == pytest.approx(20 * 4.0 * 2.0)
    assert result.suggestions[0].name == "Ivan"

    strict = suggest_technicians(db, world.ticket, now=NOW, rules=DispatchRules(allow_late=False))
    anna = next(s for s in strict.suggestions if s.name == "Anna")
    assert not anna.eligible and anna.reasons[0].code == "no_slot"


def test_the_slot_leaves_time_to_reach_the_next_visit(db: Database, world: World) -> None:
    with db.transaction() as session:
        visit = session.scalars(select(Visit).where(Visit.technician_id == world.ivan)).one()
        visit.planned_start, visit.planned_end = at(10, 45), at(11, 45)
    result = suggest_technicians(db, world.ticket, now=NOW, rules=DispatchRules())
    ivan = next(s for s in result.suggestions if s.name == "Ivan")
    assert ivan.origin == "previous_visit"
    earliest = at(11, 45) + timedelta(minutes=DRIVE)
    assert ivan.start is not None and earliest <= ivan.start < earliest + timedelta(minutes=5)


def test_every_offered_slot_passes_the_board_checks_and_assigning_records_it(
    db: Database, world: World
) -> None:
    result = suggest_technicians(db, world.ticket, now=NOW, rules=DispatchRules(search_days=3))
    offered = [s for s in result.suggestions if s.eligible]
    assert len(offered) == 3
    for s in offered:
        assert s.start is not None and s.end is not None
        check = check_visit(
            db, ticket_id=world.ticket, technician_id=s.technician_id, start=s.start, end=s.end, now=NOW
        )
        assert check.allowed, (s.name, check.refusals)
    boris = next(s for s in offered if s.name == "Boris")
    assert boris.start is not None and boris.start.astimezone(MSK).date() == MONDAY + timedelta(days=1)

    best = offered[0]
    assert best.start is not None and best.end is not None
    plan_visit(
        db, ticket_id=world.ticket, technician_id=best.technician_id, start=best.start, end=best.end, now=NOW
    )
    with db.session() as session:
        ticket = session.get_one(Ticket, world.ticket)
        assert ticket.technician_id == best.technician_id
        assert session.scalars(
            select(TicketHistory.new_value).where(
                TicketHistory.ticket_id == world.ticket, TicketHistory.field == "technician"
            )
        ).all() == [str(best.technician_id)]


def test_stored_rules_are_used_by_default(db: Database, world: World) -> None:
    save_rules(db, replace(DispatchRules(), equipment_bonus=0, client_bonus=0), expected_version=0)
    result = suggest_technicians(db, world.ticket, now=NOW)
    assert result.rules_version == 1
    assert result.suggestions[0].name == "Ivan"


def test_closed_and_unknown_tickets(db: Database, world: World) -> None:
    with db.transaction() as session:
        session.get_one(Ticket, world.ticket).status = "closed"
    closed = suggest_technicians(db, world.ticket, now=NOW)
    assert closed.closed and closed.suggestions == ()
    with pytest.raises(TicketNotFound):
        suggest_technicians(db, 999_999, now=NOW)
