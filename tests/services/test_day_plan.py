"""The day-plan optimiser on both databases, against a small world built here.

The world (Moscow, Monday 2026-11-16, planned at 08:00 before the 09:00-18:00 shifts): team A is Ivan
and Anna (lifts), both living in the west; team B is Olga (HVAC). Eight lift tickets at sites spread
east and west, due at 17:00 on Monday, one due on Wednesday, and one with an arrival deadline of 11:00 in the east (about an hour's drive from
home). The current
plan sends Ivan zig-zagging east-west-east through three of them and has a visit pinned at 15:00 at
the east depot. One ticket needs a skill only Olga (team B) has.
"""

from __future__ import annotations

import itertools
import math
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
from sqlalchemy import func, select

from console.models import Site, Skill, Technician, Ticket, TicketHistory, Visit
from console.services.day_plan import apply_day_plan, propose_day_plan
from console.services.tickets import TicketConflict
from console.services.travel import Point
from console.services.visit_planning import check_visit
from console.store.database import Database
from tests.services.field_world import add_basics

MSK = ZoneInfo("Europe/Moscow")
MONDAY = date(2026, 11, 16)
NOW = datetime(2026, 11, 16, 8, 0, tzinfo=MSK).astimezone(UTC)
WEST: Point = (55.75, 37.45)
EAST: Point = (55.75, 37.80)


def at(hour: int, minute: int = 0, day: date = MONDAY) -> datetime:
    return datetime(day.year, day.month, day.day, hour, minute, tzinfo=MSK)


@dataclass
class World:
    ivan: int
    anna: int
    olga: int
    tickets: dict[str, int]
    visits: dict[str, int]


@pytest.fixture
def world(db: Database) -> World:
    return build_world(db)


def build_world(db: Database) -> World:
    """The world the module docstring describes, saved in `db`."""
    with db.transaction() as session:
        basics = add_basics(session)
        shift, lifts, hvac, client = basics.shift, basics.lifts, basics.hvac, basics.client
        sites: dict[str, Site] = {}
        for n in range(4):
            for side, (lat, lon) in (("W", WEST), ("E", EAST)):
                sites[f"{side}{n}"] = Site(
                    client_id=client.id,
                    name=f"{side}{n}",
                    address=f"{side}{n}",
                    latitude=lat + 0.01 * n,
                    longitude=lon,
                    timezone="Europe/Moscow",
                )
        session.add_all(sites.values())

        def technician(name: str, team: str, skill: Skill) -> Technician:
            made = Technician(
                full_name=name,
                team=team,
                home_latitude=WEST[0],
                home_longitude=WEST[1] - 0.05,
                state="free",
                calendar_id=shift.id,
                skills=[skill],
            )
            session.add(made)
            return made

        ivan, anna, olga = (
            technician("Ivan", "A", lifts),
            technician("Anna", "A", lifts),
            technician("Olga", "B", hvac),
        )
        session.flush()

        def ticket(number: str, site: str, skill: Skill = lifts, **fields: object) -> Ticket:
            values: dict[str, object] = {
                "category": "incident",
                "priority": "normal",
                "channel": "phone",
                "skill_id": skill.id,
                "created_at": NOW - timedelta(hours=2),
                "resolution_due_at": at(17),
            }
            made = Ticket(
                number=number, client_id=client.id, site_id=sites[site].id, title=number, **(values | fields)
            )
            session.add(made)
            return made

        tickets = {key: ticket(key, key) for key in ("W0", "E0", "W1", "E1", "W2", "E2", "W3")}
        tickets["later"] = ticket("later", "E3", resolution_due_at=at(17, day=MONDAY + timedelta(days=2)))
        tickets["hvac"] = ticket("hvac", "W0", skill=hvac)
        tickets["urgent"] = ticket("urgent", "E3", arrival_due_at=at(11), resolution_due_at=at(16))
        tickets["pinned"] = ticket("pinned", "E2", status="assigned", technician_id=ivan.id)
        for key in ("W0", "E0", "W1"):
            tickets[key].status, tickets[key].technician_id = "assigned", ivan.id
        session.flush()

        def visit(key: str, start: datetime, **fields: object) -> Visit:
            made = Visit(
                ticket_id=tickets[key].id,
                technician_id=ivan.id,
                planned_start=start,
                planned_end=start + timedelta(hours=1),
                **fields,
            )
            session.add(made)
            return made

        visits = {
            "W0": visit("W0", at(9)),
            "E0": visit("E0", at(11)),
            "W1": visit("W1", at(13)),
            "pinned": visit("pinned", at(15), pinned=True),
        }
        session.flush()
        return World(
            ivan.id,
            anna.id,
            olga.id,
            {k: t.id for k, t in tickets.items()},
            {k: v.id for k, v in visits.items()},
        )


def test_the_proposal_serves_everything_due_keeps_the_pin_and_drives_less(db: Database, world: World) -> None:
    proposal = propose_day_plan(db, MONDAY, team="A", seconds=2, now=NOW)

    assert proposal.problems == ()
    assert {t.name for t in proposal.technicians} == {"Ivan", "Anna"}
    planned = {v.ticket_id: v for v in proposal.proposed}
    due = [world.tickets[k] for k in ("W0", "E0", "W1", "E1", "W2", "E2", "W3", "urgent", "pinned")]
    assert set(due) <= set(planned)
    pinned = planned[world.tickets["pinned"]]
    assert pinned.kept and pinned.visit_id == world.visits["pinned"]
    assert (pinned.technician_id, pinned.start) == (world.ivan, at(15))
    urgent = planned[world.tickets["urgent"]]
    assert urgent.start <= at(11) and not urgent.late
    assert [u.ticket_id for u in proposal.unplaced] == []
    assert world.tickets["hvac"] not in planned

    current, better = proposal.current_figures, proposal.proposed_figures
    assert current.visits == 4 and better.visits >= 9
    assert current.breaches == 5
    assert better.breaches == 0 and better.overtime_minutes <= 60
    assert better.travel_km < current.travel_km * (better.visits / current.visits)

    for v in proposal.proposed:
        assert at(9) <= v.start and v.end <= at(18)
    by_technician: dict[int, list] = {}
    for v in proposal.proposed:
        by_technician.setdefault(v.technician_id, []).append(v)
    for visits in by_technician.values():
        visits.sort(key=lambda v: v.start)
        for first, second in itertools.pairwise(visits):
            assert first.end <= second.start


def test_applying_saves_every_change_at_once_and_each_passes_the_board_checks(
    db: Database, world: World
) -> None:
    proposal = propose_day_plan(db, MONDAY, team="A", seconds=2, now=NOW)
    applied = apply_day_plan(db, proposal, now=NOW)

    assert applied.created == sum(1 for v in proposal.changes if v.visit_id is None) >= 5
    assert applied.moved == sum(1 for v in proposal.changes if v.visit_id is not None)
    with db.session() as session:
        rows = session.scalars(select(Visit).where(Visit.status == "planned")).all()
        assert len(rows) == len(proposal.proposed)
        for visit in rows:
            check = check_visit(
                db,
                ticket_id=visit.ticket_id,
                technician_id=visit.technician_id,
                start=visit.planned_start,
                end=visit.planned_end,
                visit_id=visit.id,
                now=NOW,
            )
            assert check.allowed or [n.code for n in check.refusals] == ["visit_pinned"], check.refusals
            assert session.get_one(Ticket, visit.ticket_id).technician_id == visit.technician_id
        assigned = session.scalar(
            select(func.count()).select_from(TicketHistory).where(TicketHistory.field == "technician")
        )
        assert assigned == sum(1 for v in proposal.changes if v.visit_id is None) + sum(
            1 for v in proposal.changes if v.visit_id is not None and v.technician_id != world.ivan
        )


def test_a_plan_changed_meanwhile_is_refused_whole(db: Database, world: World) -> None:
    proposal = propose_day_plan(db, MONDAY, team="A", seconds=2, now=NOW)
    moved = [v for v in proposal.changes if v.visit_id is not None]
    assert moved, "the zig-zag plan should be changed"
    with db.transaction() as session:
        visit = session.get_one(Visit, moved[0].visit_id)
        visit.planned_start, visit.planned_end = at(16), at(17)
    with db.session() as session:
        before = session.scalar(select(func.count()).select_from(Visit))

    with pytest.raises(TicketConflict):
        apply_day_plan(db, proposal, now=NOW)

    with db.session() as session:
        assert session.scalar(select(func.count()).select_from(Visit)) == before


def test_what_cannot_be_served_is_listed_with_the_reason(db: Database, world: World) -> None:
    with db.transaction() as session:
        session.get_one(Ticket, world.tickets["hvac"]).resolution_due_at = at(12)
    proposal = propose_day_plan(db, MONDAY, team=None, seconds=2, now=NOW)
    assert world.tickets["hvac"] in {v.ticket_id for v in proposal.proposed}

    with db.transaction() as session:
        session.get_one(Technician, world.olga).active = False
    proposal = propose_day_plan(db, MONDAY, team=None, seconds=2, now=NOW)
    assert [(u.ticket_id, u.notice.code) for u in proposal.unplaced] == [(world.tickets["hvac"], "no_skill")]
    assert world.tickets["hvac"] not in {v.ticket_id for v in proposal.proposed}


def test_a_cancelled_run_still_returns_a_valid_plan(db: Database, world: World) -> None:
    fractions: list[float] = []
    proposal = propose_day_plan(
        db, MONDAY, team="A", seconds=30, now=NOW, should_stop=lambda: True, progress=fractions.append
    )
    assert proposal.cancelled and proposal.seconds < 5
    assert proposal.problems == ()
    assert fractions and fractions[-1] == 1.0


def test_nobody_on_shift_means_nothing_to_plan(db: Database, world: World) -> None:
    sunday = MONDAY - timedelta(days=1)
    proposal = propose_day_plan(db, sunday, team="A", seconds=1, now=NOW - timedelta(days=1))
    assert proposal.technicians == () and proposal.proposed == ()
    assert math.isclose(proposal.proposed_figures.travel_km, 0.0)
