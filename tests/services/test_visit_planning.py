"""The technician board and the visit checks on both databases, against a small world built here.

The world (Moscow time, UTC+3, around Monday 2026-11-16): a Mon-Fri 09:00-18:00 shift calendar; Ivan
(team A, lifts, on the calendar) with visits at the near store 10:00-11:00 and the far depot 13:00-14:00
on Monday, a cancelled one in between and more on later days (pinned, started, done); Petr (team A,
lifts, no calendar); Anna (team B, lifts) and Olga (team B, HVAC only) on the calendar; an inactive
technician. The near store and the far depot are about 26 minutes apart by the default travel model.
"""

from __future__ import annotations

import math
import threading
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta
from typing import Any
from zoneinfo import ZoneInfo

import pytest
from sqlalchemy import event, func, select

from console.models import (
    Calendar,
    Site,
    Skill,
    Technician,
    Ticket,
    TicketHistory,
    User,
    Visit,
)
from console.services import visit_planning
from console.services.ticket_intake import Notice
from console.services.tickets import TicketConflict
from console.services.travel import DEFAULT_TRAVEL, Point
from console.services.visit_planning import (
    Period,
    VisitRefused,
    check_visit,
    day_board,
    move_visit,
    plan_visit,
)
from console.store.database import Database
from tests.services.field_world import add_basics

MSK = ZoneInfo("Europe/Moscow")
MONDAY = date(2026, 11, 16)
NOW = datetime(2026, 11, 15, 9, 0, tzinfo=UTC)
HOME: Point = (55.75, 37.58)
NEAR: Point = (55.75, 37.62)
FAR: Point = (55.80, 37.75)


def at(hour: int, minute: int = 0, day: date = MONDAY) -> datetime:
    """A Moscow wall-clock time on `day` (Monday by default)."""
    return datetime(day.year, day.month, day.day, hour, minute, tzinfo=MSK)


def trip(a: Point, b: Point) -> int:
    return math.ceil(DEFAULT_TRAVEL.minutes(a, b))


def codes(notices: tuple[Notice, ...]) -> list[str]:
    return [n.code for n in notices]


@dataclass
class World:
    user: int
    ivan: int
    petr: int
    anna: int
    olga: int
    gone: int
    tickets: dict[str, int]
    visits: dict[str, int]


@pytest.fixture
def world(db: Database) -> World:
    with db.transaction() as session:
        user = User(login="dora", full_name="Dora Dispatcher", role="dispatcher")
        session.add(user)
        basics = add_basics(session)
        shift, lifts, hvac, client = basics.shift, basics.lifts, basics.hvac, basics.client
        near = Site(
            client_id=client.id,
            name="Near Store",
            address="Near street 1",
            latitude=NEAR[0],
            longitude=NEAR[1],
            timezone="Europe/Moscow",
        )
        far = Site(
            client_id=client.id,
            name="Far Depot",
            address="Far street 9",
            latitude=FAR[0],
            longitude=FAR[1],
            timezone="Europe/Moscow",
        )
        session.add_all([near, far])

        def technician(
            name: str, team: str, skills: list[Skill], calendar: Calendar | None, active: bool = True
        ) -> Technician:
            made = Technician(
                full_name=name,
                team=team,
                home_latitude=HOME[0],
                home_longitude=HOME[1],
                state="free",
                calendar_id=calendar.id if calendar else None,
                active=active,
                skills=skills,
            )
            session.add(made)
            return made

        ivan = technician("Ivan", "A", [lifts], shift)
        petr = technician("Petr", "A", [lifts], None)
        anna = technician("Anna", "B", [lifts], shift)
        olga = technician("Olga", "B", [hvac], shift)
        gone = technician("Gone", "A", [lifts], shift, active=False)
        session.flush()

        def ticket(number: str, site: Site, **fields: Any) -> Ticket:
            defaults: dict[str, Any] = {
                "category": "incident",
                "priority": "normal",
                "channel": "phone",
                "skill_id": lifts.id,
                "created_at": NOW - timedelta(days=5),
            }
            made = Ticket(
                number=number,
                client_id=client.id,
                site_id=site.id,
                title=f"Ticket {number}",
                **(defaults | fields),
            )
            session.add(made)
            return made

        tickets = {
            "T1": ticket("T1", near, status="assigned", technician_id=ivan.id, priority="high"),
            "T2": ticket("T2", far, status="assigned", technician_id=ivan.id, resolution_due_at=at(16)),
            "T3": ticket("T3", near, arrival_due_at=at(11)),
            "T4": ticket("T4", far),
            "T5": ticket("T5", near, status="closed"),
            "T6": ticket("T6", near),
            "T7": ticket("T7", near, status="assigned", technician_id=ivan.id),
        }
        session.flush()

        def visit(key: str, start: datetime, end: datetime, **fields: Any) -> Visit:
            made = Visit(
                ticket_id=tickets[key].id,
                technician_id=ivan.id,
                planned_start=start,
                planned_end=end,
                **fields,
            )
            session.add(made)
            return made

        tuesday, wednesday = MONDAY + timedelta(days=1), MONDAY + timedelta(days=2)
        visits = {
            "V1": visit("T1", at(10), at(11)),
            "V2": visit("T2", at(13), at(14)),
            "cancelled": visit("T7", at(11, 30), at(12, 30), status="cancelled"),
            "tuesday": visit("T7", at(10, day=tuesday), at(11, day=tuesday)),
            "pinned": visit("T7", at(12, day=tuesday), at(13, day=tuesday), pinned=True),
            "started": visit(
                "T7",
                at(15, day=tuesday),
                at(16, day=tuesday),
                status="en_route",
                actual_start=at(15, 5, tuesday),
            ),
            "done": visit(
                "T7",
                at(10, day=wednesday),
                at(11, day=wednesday),
                status="done",
                actual_start=at(10, day=wednesday),
                actual_end=at(10, 50, wednesday),
            ),
        }
        session.flush()
        return World(
            user=user.id,
            ivan=ivan.id,
            petr=petr.id,
            anna=anna.id,
            olga=olga.id,
            gone=gone.id,
            tickets={k: t.id for k, t in tickets.items()},
            visits={k: v.id for k, v in visits.items()},
        )


# The board ---------------------------------------------------------------------------------------------


def test_board_lanes_are_active_technicians_by_team_then_name(db: Database, world: World) -> None:
    board = day_board(db, MONDAY, now=NOW)
    assert [(lane.team, lane.name) for lane in board.lanes] == [
        ("A", "Ivan"),
        ("A", "Petr"),
        ("B", "Anna"),
        ("B", "Olga"),
    ]
    assert (board.start, board.end) == (at(0), at(0, day=MONDAY + timedelta(days=1)))
    assert [lane.name for lane in day_board(db, MONDAY, team="B", now=NOW).lanes] == ["Anna", "Olga"]


def test_board_lane_has_shift_visits_travel_and_gaps(db: Database, world: World) -> None:
    ivan = day_board(db, MONDAY, now=NOW).lanes[0]
    assert ivan.has_shift_calendar
    assert ivan.shifts == (Period(at(9), at(18)),)
    assert [v.ticket_number for v in ivan.visits] == ["T1", "T2"]  # the cancelled one and other days left out
    first, second = ivan.visits
    assert (first.visit_id, first.client_name, first.site_name, first.priority) == (
        world.visits["V1"],
        "Acme",
        "Near Store",
        "high",
    )
    assert (first.planned_start, first.planned_end, first.status, first.pinned) == (
        at(10),
        at(11),
        "planned",
        False,
    )
    assert first.planned_start.tzinfo == UTC
    assert second.deadline == at(16)
    # The day starts from home; the second visit is driven to from the first one's site.
    assert first.travel_minutes == trip(HOME, NEAR)
    assert second.travel_minutes == trip(NEAR, FAR)
    assert ivan.gaps == (
        Period(at(9), at(10) - timedelta(minutes=trip(HOME, NEAR))),
        Period(at(11), at(13) - timedelta(minutes=trip(NEAR, FAR))),
        Period(at(14), at(18)),
    )


def test_board_flags_a_technician_without_calendar(db: Database, world: World) -> None:
    lanes = {lane.name: lane for lane in day_board(db, MONDAY, now=NOW).lanes}
    assert not lanes["Petr"].has_shift_calendar
    assert (lanes["Petr"].shifts, lanes["Petr"].visits, lanes["Petr"].gaps) == ((), (), ())
    assert lanes["Anna"].gaps == (Period(at(9), at(18)),)
    saturday = day_board(db, date(2026, 11, 21), now=NOW).lanes[0]
    assert (saturday.shifts, saturday.gaps) == ((), ())


def test_board_reads_a_bounded_number_of_queries(db: Database, world: World) -> None:
    statements: list[str] = []

    def count(*args: Any) -> None:
        if args[2].startswith("SELECT"):  # not SQLite's BEGIN
            statements.append(args[2])

    event.listen(db.engine, "before_cursor_execute", count)
    try:
        day_board(db, MONDAY, now=NOW)
        few = len(statements)
        with db.transaction() as session:
            calendar_id = session.get_one(Technician, world.ivan).calendar_id
            for n in range(10):
                session.add(
                    Technician(
                        full_name=f"Extra {n}",
                        team="C",
                        home_latitude=55.7,
                        home_longitude=37.6,
                        calendar_id=calendar_id,
                    )
                )
        statements.clear()
        board = day_board(db, MONDAY, now=NOW)
    finally:
        event.remove(db.engine, "before_cursor_execute", count)
    assert len(board.lanes) == 14
    assert len(statements) == few <= 4


# The checks --------------------------------------------------------------------------------------------


def check(world: World, ticket: str, technician: int, start: datetime, end: datetime, **kw: Any) -> Any:
    return check_visit(
        kw.pop("db"),
        ticket_id=world.tickets[ticket],
        technician_id=technician,
        start=start,
        end=end,
        now=NOW,
        **kw,
    )


def test_a_free_slot_is_allowed_with_its_travel(db: Database, world: World) -> None:
    same_site = check(world, "T6", world.ivan, at(11, 30), at(12), db=db)
    assert (same_site.allowed, same_site.refusals, same_site.warnings) == (True, (), ())
    assert same_site.travel_minutes == 0
    elsewhere = check(world, "T4", world.ivan, at(11, 30), at(12), db=db)
    assert elsewhere.allowed
    assert elsewhere.travel_minutes == trip(NEAR, FAR)
    first_of_day = check(world, "T6", world.anna, at(9), at(10), db=db)
    assert first_of_day.allowed
    assert first_of_day.travel_minutes == trip(HOME, NEAR)


def test_sla_warning_says_how_late(db: Database, world: World) -> None:
    result = check(world, "T3", world.ivan, at(11, 30), at(12), db=db)
    assert result.allowed
    assert codes(result.warnings) == ["late_arrival"]
    assert result.warnings[0].params["minutes"] == 30
    late_end = check(world, "T2", world.ivan, at(15), at(16, 45), db=db)
    assert codes(late_end.warnings) == ["late_resolution"]
    assert late_end.warnings[0].params["minutes"] == 45


@pytest.mark.parametrize(
    ("ticket", "who", "start", "end", "expected"),
    [
        ("T6", "olga", at(10), at(11), ["skill"]),
        ("T6", "ivan", at(18, 30), at(19, 30), ["off_shift"]),
        ("T6", "ivan", at(17, 30), at(18, 30), ["off_shift"]),
        ("T6", "ivan", at(10, day=date(2026, 11, 21)), at(11, day=date(2026, 11, 21)), ["off_shift"]),
        ("T6", "petr", at(10), at(11), ["no_calendar"]),
        ("T6", "ivan", at(10, 30), at(11, 30), ["overlap"]),
        ("T6", "ivan", at(9, 30), at(14, 30), ["overlap", "overlap"]),
        ("T4", "ivan", at(11, 10), at(11, 40), ["travel_overlap"]),
        ("T6", "ivan", at(12, 30), at(12, 50), ["next_unreachable"]),
        ("T5", "ivan", at(11, 30), at(12), ["ticket_closed"]),
        ("T6", "ivan", at(12), at(12), ["bad_interval"]),
        ("T6", "gone", at(10), at(11), ["inactive"]),
    ],
)
def test_each_refusal_says_why(
    db: Database, world: World, ticket: str, who: str, start: datetime, end: datetime, expected: list[str]
) -> None:
    result = check(world, ticket, getattr(world, who), start, end, db=db)
    assert not result.allowed
    assert codes(result.refusals) == expected
    for notice in result.refusals:
        assert notice.template.format(**notice.params)  # every template fills in from its values


def test_refusal_messages_carry_the_numbers(db: Database, world: World) -> None:
    travel = check(world, "T4", world.ivan, at(11, 10), at(11, 40), db=db).refusals[0]
    assert travel.params["number"] == "T1"
    assert travel.params["minutes"] == trip(NEAR, FAR)
    assert travel.params["earliest"] == at(11) + timedelta(minutes=trip(NEAR, FAR))
    off = check(world, "T6", world.ivan, at(18, 30), at(19, 30), db=db).refusals[0]
    assert off.template.format(**off.params) == "18:30-19:30 is outside the shift of Ivan (09:00-18:00)."
    assert check(world, "T6", world.ivan, at(12), at(12, 30), db=db).allowed  # 12:30 + 26 min < 13:00


@pytest.mark.parametrize(
    ("visit", "expected"),
    [("pinned", "visit_pinned"), ("started", "visit_started"), ("done", "visit_status")],
)
def test_fixed_visits_cannot_be_moved(db: Database, world: World, visit: str, expected: str) -> None:
    friday = date(2026, 11, 20)
    result = check(
        world, "T7", world.ivan, at(10, day=friday), at(11, day=friday), visit_id=world.visits[visit], db=db
    )
    assert codes(result.refusals) == [expected]
    with db.session() as session:
        version = session.get_one(Visit, world.visits[visit]).version
    with pytest.raises(VisitRefused) as refused:
        move_visit(
            db,
            visit_id=world.visits[visit],
            technician_id=world.ivan,
            start=at(10, day=friday),
            end=at(11, day=friday),
            expected_version=version,
            now=NOW,
        )
    assert codes(refused.value.refusals) == [expected]
    assert refused.value.context == "planning"
    with db.session() as session:
        assert session.get_one(Visit, world.visits[visit]).planned_start != at(10, day=friday)


# Saving -----------------------------------------------------------------------------------------------


def test_plan_visit_saves_the_visit_the_assignment_and_the_history(db: Database, world: World) -> None:
    visit_id = plan_visit(
        db,
        ticket_id=world.tickets["T4"],
        technician_id=world.ivan,
        start=at(11, 30),
        end=at(12),
        user_id=world.user,
        now=NOW,
    )
    with db.session() as session:
        visit = session.get_one(Visit, visit_id)
        assert (visit.technician_id, visit.status, visit.planned_start, visit.planned_end) == (
            world.ivan,
            "planned",
            at(11, 30),
            at(12),
        )
        assert visit.travel_minutes == trip(NEAR, FAR)
        ticket = session.get_one(Ticket, world.tickets["T4"])
        assert (ticket.technician_id, ticket.status) == (world.ivan, "assigned")
        history = {
            (h.field, h.old_value, h.new_value, h.user_id, h.version)
            for h in session.scalars(select(TicketHistory).where(TicketHistory.ticket_id == ticket.id))
        }
    assert ("status", "new", "assigned", world.user, ticket.version) in history
    assert ("technician", None, str(world.ivan), world.user, ticket.version) in history
    assert any(v.visit_id == visit_id for v in day_board(db, MONDAY, now=NOW).lanes[0].visits)


def test_a_refused_plan_saves_nothing(db: Database, world: World) -> None:
    def snapshot() -> tuple[int, int, int | None, int]:
        with db.session() as session:
            ticket = session.get_one(Ticket, world.tickets["T6"])
            return (
                session.scalar(select(func.count()).select_from(Visit)) or 0,
                session.scalar(select(func.count()).select_from(TicketHistory)) or 0,
                ticket.technician_id,
                ticket.version,
            )

    before = snapshot()
    with pytest.raises(VisitRefused, match="Ivan is on visit T1 from 10:00 to 11:00") as refused:
        plan_visit(
            db,
            ticket_id=world.tickets["T6"],
            technician_id=world.ivan,
            start=at(10, 30),
            end=at(11, 30),
            now=NOW,
        )
    assert codes(refused.value.refusals) == ["overlap"]
    assert snapshot() == before


def test_move_visit_checks_stores_and_reassigns(db: Database, world: World) -> None:
    with db.session() as session:
        version = session.get_one(Visit, world.visits["V2"]).version
    move_visit(
        db,
        visit_id=world.visits["V2"],
        technician_id=world.ivan,
        start=at(15),
        end=at(16),
        expected_version=version,
        now=NOW,
    )
    with db.session() as session:
        moved = session.get_one(Visit, world.visits["V2"])
        assert (moved.planned_start, moved.planned_end, moved.version) == (at(15), at(16), version + 1)
        assert moved.travel_minutes == trip(NEAR, FAR)
    # A visit does not collide with where it was: moving it by a few minutes is fine.
    move_visit(
        db,
        visit_id=world.visits["V2"],
        technician_id=world.ivan,
        start=at(15, 10),
        end=at(16, 10),
        expected_version=version + 1,
        now=NOW,
    )
    tuesday = MONDAY + timedelta(days=1)
    with db.session() as session:
        tuesday_version = session.get_one(Visit, world.visits["tuesday"]).version
    move_visit(
        db,
        visit_id=world.visits["tuesday"],
        technician_id=world.anna,
        start=at(10, day=tuesday),
        end=at(11, day=tuesday),
        expected_version=tuesday_version,
        user_id=world.user,
        now=NOW,
    )
    with db.session() as session:
        assert session.get_one(Visit, world.visits["tuesday"]).technician_id == world.anna
        ticket = session.get_one(Ticket, world.tickets["T7"])
        assert ticket.technician_id == world.anna
        last = session.scalars(
            select(TicketHistory).where(
                TicketHistory.ticket_id == ticket.id, TicketHistory.field == "technician"
            )
        ).one()
        assert (last.old_value, last.new_value, last.user_id) == (
            str(world.ivan),
            str(world.anna),
            world.user,
        )


def test_move_visit_refuses_a_stale_version(db: Database, world: World) -> None:
    with db.session() as session:
        version = session.get_one(Visit, world.visits["V2"]).version
    move_visit(
        db,
        visit_id=world.visits["V2"],
        technician_id=world.ivan,
        start=at(15),
        end=at(16),
        expected_version=version,
        now=NOW,
    )
    with pytest.raises(TicketConflict, match="T2"):
        move_visit(
            db,
            visit_id=world.visits["V2"],
            technician_id=world.ivan,
            start=at(16),
            end=at(17),
            expected_version=version,
            now=NOW,
        )
    with db.session() as session:
        assert session.get_one(Visit, world.visits["V2"]).planned_start == at(15)


def test_naive_times_are_a_programming_error(db: Database, world: World) -> None:
    with pytest.raises(ValueError, match="time-zone-aware"):
        check_visit(
            db,
            ticket_id=world.tickets["T6"],
            technician_id=world.ivan,
            start=datetime(2026, 11, 16, 9),
            end=at(10),
        )


@pytest.fixture
def slow_check(monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    """Make each check take a while, so that two plans surely overlap in time unless they take turns."""
    original = visit_planning.check_in_session

    def slow(*args: Any) -> Any:
        threading.Event().wait(0.3)
        return original(*args)

    monkeypatch.setattr(visit_planning, "check_in_session", slow)
    yield


def test_concurrent_plans_for_one_technician_save_one_visit(
    db: Database, world: World, slow_check: None
) -> None:
    start = threading.Barrier(2)
    outcomes: list[object] = []

    def plan(ticket: str, begin: datetime, end: datetime) -> None:
        start.wait()
        try:
            outcomes.append(
                plan_visit(
                    db,
                    ticket_id=world.tickets[ticket],
                    technician_id=world.ivan,
                    start=begin,
                    end=end,
                    now=NOW,
                )
            )
        except VisitRefused as exc:
            outcomes.append(exc)

    threads = [
        threading.Thread(target=plan, args=("T3", at(15), at(16))),
        threading.Thread(target=plan, args=("T6", at(15, 30), at(16, 30))),
    ]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=30)
    saved = [o for o in outcomes if isinstance(o, int)]
    refused = [o for o in outcomes if isinstance(o, VisitRefused)]
    assert (len(saved), len(refused)) == (1, 1)
    assert codes(refused[0].refusals) == ["overlap"]
    with db.session() as session:
        planned = session.scalars(
            select(Visit.id).where(
                Visit.technician_id == world.ivan, Visit.planned_start >= at(15), Visit.planned_start < at(17)
            )
        ).all()
    assert planned == saved
