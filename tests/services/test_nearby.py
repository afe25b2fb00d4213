"""Nearest technicians for a ticket and a technician's route for a day, on both databases.

The world (as of DEMO_NOW, Wednesday 2026-11-18 11:30 UTC, 14:30 in Moscow): a site on Red Square and
thirteen active technicians north of it (plus a retired one). Distances are whole kilometres due north,
so at the default model (x1.3 detour, 30 km/h) each kilometre is 2.6 minutes of driving.

    Boris    lifts  on_site   home 1 km (never reported)          2.6 min
    Anna     lifts  free      reported 2 km, 10 minutes ago        5.2 min
    Dina     lifts  free      reported 4 km                       10.4 min
    Alla     lifts  en_route  reported 4 km                       10.4 min
    Egor     lifts  en_route  reported 4 km                       10.4 min
    Galina   lifts  free      home 6 km, day shift 09:00-18:00    15.6 min
    Kira     lifts  free      home 8 km, no weekly hours but a    20.8 min
                              working day today 10:00-16:00
    Fedor    lifts  free      home 40 km                         104.0 min
    Hleb     lifts  free      night shift 20:00-08:00             off shift by calendar
    Inna     lifts  free      24/7 calendar, holiday today        off shift by calendar
    Oleg     lifts  off_shift                                     off shift by state
    Nina     hvac   free      home 0.5 km                         no lifts skill
    Pavel    none   off_shift                                     no lifts skill
    Ruslan   lifts  free, inactive                                never considered
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta

import pytest
from sqlalchemy import event
from sqlalchemy.orm import Session

from console.models import Calendar, CalendarDay, Client, ClientTier, Site, Skill, Technician, Ticket, Visit
from console.services.calendars import ALWAYS, every_day, weekly_hours_to_json
from console.services.nearby import TechnicianNotFound, nearest_technicians, technician_route
from console.services.travel import EARTH_RADIUS_KM, StraightLine
from console.store.database import Database
from tests.conftest import DEMO_NOW

NOW = DEMO_NOW
SITE = (55.7539, 37.6208)
KM_PER_DEGREE = EARTH_RADIUS_KM * math.pi / 180
MINUTES_PER_KM = 1.3 / 30.0 * 60


def north(km: float) -> tuple[float, float]:
    return SITE[0] + km / KM_PER_DEGREE, SITE[1]


@dataclass
class World:
    tech: dict[str, int]
    lifts_ticket: int
    open_ticket: int
    hvac_ticket: int
    siteless_ticket: int
    visits: dict[str, int]


def _technician(
    session: Session,
    name: str,
    skills: list[Skill],
    *,
    home_km: float = 10.0,
    reported_km: float | None = None,
    reported_at: datetime | None = None,
    state: str = "free",
    calendar: Calendar | None = None,
    active: bool = True,
) -> Technician:
    home = north(home_km)
    reported = north(reported_km) if reported_km is not None else (None, None)
    technician = Technician(
        full_name=name,
        team="Centre",
        home_latitude=home[0],
        home_longitude=home[1],
        last_latitude=reported[0],
        last_longitude=reported[1],
        last_position_at=(reported_at or NOW - timedelta(minutes=1)) if reported_km is not None else None,
        state=state,
        calendar_id=calendar.id if calendar else None,
        active=active,
        skills=skills,
    )
    session.add(technician)
    return technician


def _ticket(session: Session, client: Client, number: str, **fields: object) -> Ticket:
    ticket = Ticket(
        number=number,
        client_id=client.id,
        title=f"Ticket {number}",
        category="incident",
        priority="high",
        channel="phone",
        **fields,
    )
    session.add(ticket)
    return ticket


def _visit(
    session: Session, ticket: Ticket, technician: Technician, planned_start: datetime, **fields: object
) -> Visit:
    visit = Visit(
        ticket_id=ticket.id,
        technician_id=technician.id,
        planned_start=planned_start,
        planned_end=planned_start + timedelta(hours=1),
        **fields,
    )
    session.add(visit)
    return visit


def utc(*parts: int) -> datetime:
    return datetime(*parts, tzinfo=UTC)  # type: ignore[misc]


@pytest.fixture
def world(db: Database) -> World:
    with db.transaction() as session:
        lifts, hvac = Skill(code="lifts", name="Lifts"), Skill(code="hvac", name="HVAC")
        day_shift = Calendar(
            name="Day shift",
            timezone="Europe/Moscow",
            weekly_hours=weekly_hours_to_json(every_day("09:00", "18:00")),
        )
        night_shift = Calendar(
            name="Night shift",
            timezone="Europe/Moscow",
            weekly_hours=weekly_hours_to_json(
                {d: [("00:00", "08:00"), ("20:00", "24:00")] for d in range(7)}
            ),
        )
        holiday = Calendar(
            name="Always but today", timezone="Europe/Moscow", weekly_hours=weekly_hours_to_json(ALWAYS)
        )
        extra_day = Calendar(
            name="Only today", timezone="Europe/Moscow", weekly_hours=weekly_hours_to_json({})
        )
        tier = ClientTier(name="Gold", rank=1, grants="", priority_support=False)
        session.add_all([lifts, hvac, day_shift, night_shift, holiday, extra_day, tier])
        session.flush()
        client = Client(name="Acme", legal_name="Acme LLC", tier_id=tier.id)
        session.add(client)
        session.flush()
        session.add(
            CalendarDay(calendar_id=holiday.id, day=date(2026, 11, 18), kind="holiday", name="Day off")
        )
        session.add(
            CalendarDay(
                calendar_id=extra_day.id, day=date(2026, 11, 18), kind="working", hours=[["10:00", "16:00"]]
            )
        )
        site = Site(
            client_id=client.id,
            name="Red Square",
            address="Red Square 1",
            latitude=SITE[0],
            longitude=SITE[1],
            timezone="Europe/Moscow",
        )
        session.add(site)
        session.flush()
        people = [
            _technician(session, "Boris", [lifts], home_km=1, state="on_site"),
            _technician(session, "Anna", [lifts], reported_km=2, reported_at=NOW - timedelta(minutes=10)),
            _technician(session, "Dina", [lifts], reported_km=4),
            _technician(session, "Alla", [lifts], reported_km=4, state="en_route"),
            _technician(session, "Egor", [lifts, hvac], reported_km=4, state="en_route"),
            _technician(session, "Galina", [lifts], home_km=6, calendar=day_shift),
            _technician(session, "Kira", [lifts], home_km=8, calendar=extra_day),
            _technician(session, "Fedor", [lifts], home_km=40),
            _technician(session, "Hleb", [lifts], home_km=0.2, calendar=night_shift),
            _technician(session, "Inna", [lifts], home_km=0.2, calendar=holiday),
            _technician(session, "Oleg", [lifts], home_km=0.2, state="off_shift"),
            _technician(session, "Nina", [hvac], home_km=0.5),
            _technician(session, "Pavel", [], home_km=0.2, state="off_shift"),
            _technician(session, "Ruslan", [lifts], home_km=0.1, active=False),
        ]
        lifts_ticket = _ticket(
            session,
            client,
            "T-LIFTS",
            site_id=site.id,
            skill_id=lifts.id,
            arrival_due_at=NOW + timedelta(minutes=60),
            resolution_due_at=NOW + timedelta(hours=8),
        )
        open_ticket = _ticket(
            session, client, "T-ANY", site_id=site.id, resolution_due_at=NOW + timedelta(minutes=6)
        )
        hvac_ticket = _ticket(session, client, "T-HVAC", site_id=site.id, skill_id=hvac.id)
        siteless = _ticket(session, client, "T-NOSITE", skill_id=lifts.id)
        session.flush()
        tech = {t.full_name: t.id for t in people}
        anna, boris, dina = people[1], people[0], people[2]
        visits = {
            "before": _visit(session, lifts_ticket, anna, utc(2026, 11, 17, 20, 59)),
            "first": _visit(
                session,
                lifts_ticket,
                anna,
                utc(2026, 11, 17, 21, 0),
                status="done",
                actual_start=utc(2026, 11, 17, 21, 10),
                actual_end=utc(2026, 11, 17, 22, 0),
            ),
            "mid": _visit(session, open_ticket, anna, utc(2026, 11, 18, 12, 0)),
            "early": _visit(
                session,
                hvac_ticket,
                anna,
                utc(2026, 11, 18, 13, 0),
                status="on_site",
                actual_start=utc(2026, 11, 18, 11, 0),
            ),
            "cancelled": _visit(session, open_ticket, anna, utc(2026, 11, 18, 10, 0), status="cancelled"),
            "nosite": _visit(session, siteless, anna, utc(2026, 11, 18, 15, 0)),
            "late": _visit(session, lifts_ticket, anna, utc(2026, 11, 18, 20, 59)),
            "after": _visit(session, lifts_ticket, anna, utc(2026, 11, 18, 21, 0)),
            "other": _visit(session, lifts_ticket, dina, utc(2026, 11, 18, 12, 30)),
            # Berlin leaves summer time on 2026-10-25: that local day runs 22:00 UTC to 23:00 UTC next day.
            "dst_first": _visit(session, lifts_ticket, boris, utc(2026, 10, 24, 22, 0)),
            "dst_last": _visit(session, lifts_ticket, boris, utc(2026, 10, 25, 22, 59)),
            "dst_next": _visit(session, lifts_ticket, boris, utc(2026, 10, 25, 23, 0)),
        }
        session.flush()
        return World(
            tech=tech,
            lifts_ticket=lifts_ticket.id,
            open_ticket=open_ticket.id,
            hvac_ticket=hvac_ticket.id,
            siteless_ticket=siteless.id,
            visits={key: v.id for key, v in visits.items()},
        )


def names(result: object) -> list[str]:
    assert result is not None
    return [t.name for t in result.technicians]  # type: ignore[attr-defined]


# --- nearest technicians ---------------------------------------------------------------------------


def test_ranked_by_travel_time_then_state_then_name(db: Database, world: World) -> None:
    result = nearest_technicians(db, world.lifts_ticket, now=NOW, limit=10)
    assert result is not None
    assert names(result) == ["Boris", "Anna", "Dina", "Alla", "Egor", "Galina", "Kira", "Fedor"]
    minutes = [t.travel_minutes for t in result.technicians]
    assert minutes == pytest.approx([km * MINUTES_PER_KM for km in (1, 2, 4, 4, 4, 6, 8, 40)])
    assert [t.distance_km for t in result.technicians] == pytest.approx([1, 2, 4, 4, 4, 6, 8, 40])
    assert (result.ticket_id, result.ticket_number) == (world.lifts_ticket, "T-LIFTS")
    assert (result.site_latitude, result.site_longitude) == pytest.approx(SITE)


def test_excluded_counts_for_skill_and_shift(db: Database, world: World) -> None:
    result = nearest_technicians(db, world.lifts_ticket, now=NOW, limit=3)
    assert result is not None
    # Ruslan is inactive and not counted; Pavel lacks the skill and is off shift: counted for the skill.
    assert (result.considered, result.eligible, result.excluded_skill, result.excluded_shift) == (13, 8, 2, 3)
    assert len(result.technicians) == 3


def test_ticket_without_skill_considers_everyone(db: Database, world: World) -> None:
    result = nearest_technicians(db, world.open_ticket, now=NOW, limit=20)
    assert result is not None
    assert names(result) == ["Nina", "Boris", "Anna", "Dina", "Alla", "Egor", "Galina", "Kira", "Fedor"]
    assert (result.considered, result.eligible, result.excluded_skill, result.excluded_shift) == (13, 9, 0, 4)


def test_skill_filter(db: Database, world: World) -> None:
    result = nearest_technicians(db, world.hvac_ticket, now=NOW)
    assert names(result) == ["Nina", "Egor"]
    assert result is not None and (result.excluded_skill, result.excluded_shift) == (11, 0)


def test_off_shift_by_state_and_by_calendar(db: Database, world: World) -> None:
    at_night = nearest_technicians(
        db, world.lifts_ticket, now=utc(2026, 11, 18, 19, 0), limit=20
    )  # 22:00 MSK
    assert at_night is not None
    assert "Hleb" in names(at_night) and "Galina" not in names(at_night)
    assert not {"Oleg", "Inna", "Kira"} & set(names(at_night))
    assert at_night.excluded_shift == 4
    # The day shift's periods are half-open: 17:59:59 is on shift, 18:00 is not.
    last_second = nearest_technicians(db, world.lifts_ticket, now=utc(2026, 11, 18, 14, 59, 59), limit=20)
    at_end = nearest_technicians(db, world.lifts_ticket, now=utc(2026, 11, 18, 15, 0), limit=20)
    assert "Galina" in names(last_second) and "Galina" not in names(at_end)
    # Kira works only on the 18th, from 10:00 to 16:00 (07:00-13:00 UTC): her calendar has no weekly hours.
    assert "Kira" in names(nearest_technicians(db, world.lifts_ticket, now=utc(2026, 11, 18, 7, 0), limit=20))
    assert "Kira" not in names(
        nearest_technicians(db, world.lifts_ticket, now=utc(2026, 11, 18, 13, 0), limit=20)
    )
    # Inna's 24/7 calendar is closed for the holiday on the 18th only; Kira's is open on it only.
    next_day = nearest_technicians(db, world.lifts_ticket, now=utc(2026, 11, 18, 21, 0), limit=20)
    assert "Inna" in names(next_day) and "Kira" not in names(next_day)


def test_reported_versus_home_position(db: Database, world: World) -> None:
    result = nearest_technicians(db, world.lifts_ticket, now=NOW, limit=10)
    assert result is not None
    by_name = {t.name: t for t in result.technicians}
    anna, boris = by_name["Anna"], by_name["Boris"]
    assert (anna.position_source, anna.position_age) == ("reported", timedelta(minutes=10))
    assert (anna.latitude, anna.longitude) == pytest.approx(north(2))
    assert (boris.position_source, boris.position_age) == ("home", None)
    assert (boris.latitude, boris.longitude) == pytest.approx(north(1))
    assert (boris.state, anna.state, by_name["Alla"].state) == ("on_site", "free", "en_route")


def test_arrives_in_time_against_the_arrival_deadline(db: Database, world: World) -> None:
    result = nearest_technicians(db, world.lifts_ticket, now=NOW, limit=10)
    assert result is not None
    assert result.deadline == NOW + timedelta(minutes=60)
    for technician in result.technicians:
        assert technician.eta == NOW + timedelta(minutes=technician.travel_minutes)
    assert [t.arrives_in_time for t in result.technicians] == [True] * 7 + [False]  # Fedor: 104 minutes


def test_resolution_deadline_when_no_arrival_deadline_and_none_without_any(
    db: Database, world: World
) -> None:
    by_resolution = nearest_technicians(db, world.open_ticket, now=NOW, limit=3)
    assert by_resolution is not None and by_resolution.deadline == NOW + timedelta(minutes=6)
    # Nina 1.3 and Boris 2.6 minutes away make it; Anna (5.2) too; nobody at 4 km (10.4) would.
    assert [t.arrives_in_time for t in by_resolution.technicians] == [True, True, True]
    later = nearest_technicians(db, world.open_ticket, now=NOW + timedelta(minutes=3), limit=3)
    assert later is not None and [t.arrives_in_time for t in later.technicians] == [True, True, False]
    no_deadline = nearest_technicians(db, world.hvac_ticket, now=NOW)
    assert no_deadline is not None and no_deadline.deadline is None
    assert [t.arrives_in_time for t in no_deadline.technicians] == [None, None]


def test_limit(db: Database, world: World) -> None:
    assert names(nearest_technicians(db, world.lifts_ticket, now=NOW, limit=2)) == ["Boris", "Anna"]
    assert names(nearest_technicians(db, world.lifts_ticket, now=NOW)) == [
        "Boris",
        "Anna",
        "Dina",
        "Alla",
        "Egor",
    ]
    empty = nearest_technicians(db, world.lifts_ticket, now=NOW, limit=0)
    assert empty is not None and empty.technicians == () and empty.eligible == 8
    with pytest.raises(ValueError, match="limit"):
        nearest_technicians(db, world.lifts_ticket, now=NOW, limit=-1)


def test_travel_model_is_pluggable(db: Database, world: World) -> None:
    result = nearest_technicians(db, world.lifts_ticket, now=NOW, travel=StraightLine(1.0, 60.0))
    assert result is not None
    assert result.technicians[0].travel_minutes == pytest.approx(1.0)  # 1 km at 60 km/h
    assert result.technicians[0].distance_km == pytest.approx(1.0)


def test_missing_ticket_or_site_gives_none(db: Database, world: World) -> None:
    assert nearest_technicians(db, world.siteless_ticket, now=NOW) is None
    assert nearest_technicians(db, 999_999, now=NOW) is None


def test_naive_now_is_refused(db: Database, world: World) -> None:
    with pytest.raises(ValueError, match="aware"):
        nearest_technicians(db, world.lifts_ticket, now=datetime(2026, 11, 18, 11, 30))


def test_queries_do_not_grow_with_technicians(db: Database, world: World) -> None:
    statements: list[str] = []

    def count(*args: object) -> None:
        statements.append(str(args[2]))

    event.listen(db.engine, "before_cursor_execute", count)
    try:
        nearest_technicians(db, world.lifts_ticket, now=NOW)
    finally:
        event.remove(db.engine, "before_cursor_execute", count)
    selects = [s for s in statements if s.lstrip().upper().startswith("SELECT")]
    assert len(selects) == 5  # ticket, counts, calendar days, calendars, suitable technicians


# --- route -----------------------------------------------------------------------------------------


def test_route_of_a_moscow_day_in_driving_order(db: Database, world: World) -> None:
    route = technician_route(db, world.tech["Anna"], date(2026, 11, 18))
    assert (route.technician_id, route.technician_name, route.day, route.timezone) == (
        world.tech["Anna"],
        "Anna",
        date(2026, 11, 18),
        "Europe/Moscow",
    )
    # Moscow's 18th is 17th 21:00 to 18th 21:00 UTC; the visit started at 11:00 comes before the one
    # planned for 12:00 although it was planned for 13:00; the cancelled one is left out.
    v = world.visits
    assert [s.visit_id for s in route.stops] == [v["first"], v["early"], v["mid"], v["nosite"], v["late"]]
    first = route.stops[0]
    assert (first.ticket_id, first.ticket_number, first.status) == (world.lifts_ticket, "T-LIFTS", "done")
    assert (first.site_name, first.address) == ("Red Square", "Red Square 1")
    assert (first.latitude, first.longitude) == pytest.approx(SITE)
    assert (first.planned_start, first.planned_end) == (utc(2026, 11, 17, 21, 0), utc(2026, 11, 17, 22, 0))
    assert (first.actual_start, first.actual_end) == (utc(2026, 11, 17, 21, 10), utc(2026, 11, 17, 22, 0))
    siteless = route.stops[3]
    assert (siteless.ticket_number, siteless.site_name, siteless.latitude, siteless.longitude) == (
        "T-NOSITE",
        None,
        None,
        None,
    )


def test_route_day_follows_the_time_zone(db: Database, world: World) -> None:
    v = world.visits
    in_utc = technician_route(db, world.tech["Anna"], date(2026, 11, 18), tz="UTC")
    assert [s.visit_id for s in in_utc.stops] == [v["early"], v["mid"], v["nosite"], v["late"], v["after"]]
    day_before = technician_route(db, world.tech["Anna"], date(2026, 11, 17))
    assert [s.visit_id for s in day_before.stops] == [v["before"]]
    # A 25-hour day: Berlin turns the clocks back on 2026-10-25.
    berlin = technician_route(db, world.tech["Boris"], date(2026, 10, 25), tz="Europe/Berlin")
    assert [s.visit_id for s in berlin.stops] == [v["dst_first"], v["dst_last"]]


def test_route_start_point(db: Database, world: World) -> None:
    today = technician_route(db, world.tech["Anna"], date(2026, 11, 18))
    assert today.start.source == "reported"
    assert today.start.reported_at == NOW - timedelta(minutes=10)
    assert (today.start.latitude, today.start.longitude) == pytest.approx(north(2))
    # The position was reported on the 18th, so other days start from home.
    yesterday = technician_route(db, world.tech["Anna"], date(2026, 11, 17))
    assert (yesterday.start.source, yesterday.start.reported_at) == ("home", None)
    assert (yesterday.start.latitude, yesterday.start.longitude) == pytest.approx(north(10))
    never = technician_route(db, world.tech["Boris"], date(2026, 11, 18))
    assert never.start.source == "home" and never.stops == ()


def test_route_refuses_unknown_technician_and_zone(db: Database, world: World) -> None:
    with pytest.raises(TechnicianNotFound):
        technician_route(db, 999_999, date(2026, 11, 18))
    with pytest.raises(ValueError, match="time zone"):
        technician_route(db, world.tech["Anna"], date(2026, 11, 18), tz="Mars/Olympus")
