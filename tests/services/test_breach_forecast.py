"""Tickets predicted to breach, on both databases, against a world whose estimates are worked out here.

As of DEMO_NOW (Wednesday 2026-11-18 11:30 UTC). The site is on Red Square; technicians with the lifts
skill and no shift calendar stand due north of it, 2.6 driving minutes per kilometre (x1.3 detour at
30 km/h): Boris free at 2 km (5.2 min), Anna free at 10 km (26 min), Carl on site at 30 km.

History (resolved last week): incident/high tickets with 60, 90 and 120 work minutes (median 90),
incident/normal with 30 and 50 (median 40); consultation/low has none (60 assumed).

Open tickets, next deadline and estimate (waiting + travel + work), slack:

    I  unassigned, no site, consultation  resolution in 30 min   15 + 0 + 60     -45   escalate
    B  Anna, accepted                     arrival in 10 min       0 + 26         -16   reassign to Boris
    C  Carl, on site, 20 min logged       resolution in 60 min    0 + 0 + 70     -10   escalate
    G  Boris, arrival breached            resolution in 40 min    0 + 5.2 + 40   -5.2  escalate
    D  Boris, assigned, no arrival clock  resolution in 60 min    0 + 5.2 + 40   14.8  dispatch now
    A  unassigned, incident/high          arrival in 3 h         15 + 5.2        159.8 assign Boris
    F  Boris, en route                    resolution in 2 days                   outside the horizon
    E  unassigned                         arrival paused                          skipped
    H  closed                                                                     skipped
"""

from __future__ import annotations

import math
from datetime import timedelta

import pytest
from sqlalchemy import event

from console.models import Client, ClientTier, Site, Skill, Technician, Ticket, WorkLog
from console.services.breach_forecast import BreachForecast, predicted_breaches
from console.services.travel import EARTH_RADIUS_KM
from console.store.database import Database
from tests.conftest import DEMO_NOW

NOW = DEMO_NOW
SITE = (55.7539, 37.6208)
KM_PER_DEGREE = EARTH_RADIUS_KM * math.pi / 180
MINUTES_PER_KM = 1.3 / 30.0 * 60


def minutes(value: float) -> timedelta:
    return timedelta(minutes=value)


@pytest.fixture
def world(db: Database) -> dict[str, int]:
    with db.transaction() as session:
        lifts = Skill(code="lifts", name="Lifts")
        tier = ClientTier(name="Gold", rank=1, grants="", priority_support=False)
        session.add_all([lifts, tier])
        session.flush()
        acme = Client(name="Acme", legal_name="Acme LLC", tier_id=tier.id)
        session.add(acme)
        session.flush()
        site = Site(
            client_id=acme.id,
            name="Store",
            address="Red Square 1",
            latitude=SITE[0],
            longitude=SITE[1],
            timezone="Europe/Moscow",
        )
        session.add(site)

        def technician(name: str, km: float, state: str) -> Technician:
            made = Technician(
                full_name=name,
                team="Centre",
                home_latitude=SITE[0] + 50 / KM_PER_DEGREE,
                home_longitude=SITE[1],
                last_latitude=SITE[0] + km / KM_PER_DEGREE,
                last_longitude=SITE[1],
                last_position_at=NOW - timedelta(minutes=2),
                state=state,
                skills=[lifts],
            )
            session.add(made)
            return made

        boris, anna, carl = (
            technician("Boris", 2, "free"),
            technician("Anna", 10, "free"),
            technician("Carl", 30, "on_site"),
        )
        session.flush()
        ids: dict[str, int] = {}

        def ticket(name: str, technician: Technician | None = None, **fields: object) -> Ticket:
            values: dict[str, object] = {
                "number": f"T-{name}",
                "client_id": acme.id,
                "site_id": site.id,
                "title": name,
                "category": "incident",
                "priority": "high",
                "channel": "phone",
                "skill_id": lifts.id,
                "technician_id": technician.id if technician else None,
                "status": "assigned" if technician else "new",
                "created_at": NOW - timedelta(hours=1),
            }
            made = Ticket(**(values | fields))
            session.add(made)
            session.flush()
            ids[name] = made.id
            return made

        for number, (priority, work) in enumerate(
            [("high", 60), ("high", 90), ("high", 120), ("normal", 30), ("normal", 50)]
        ):
            done = ticket(
                f"old{number}",
                boris,
                priority=priority,
                status="closed",
                created_at=NOW - timedelta(days=7),
                resolved_at=NOW - timedelta(days=6),
                resolution_due_at=NOW - timedelta(days=5),
                resolution_state="met",
            )
            session.add(
                WorkLog(
                    ticket_id=done.id, technician_id=boris.id, minutes=work, logged_at=NOW - timedelta(days=6)
                )
            )
        ticket(
            "I",
            site_id=None,
            category="consultation",
            priority="low",
            resolution_due_at=NOW + minutes(30),
            resolution_state="running",
        )
        ticket("B", anna, status="accepted", arrival_due_at=NOW + minutes(10), arrival_state="critical")
        c = ticket(
            "C",
            carl,
            status="on_site",
            arrived_at=NOW - minutes(30),
            arrival_due_at=NOW - minutes(20),
            arrival_state="met",
            resolution_due_at=NOW + minutes(60),
            resolution_state="warning",
        )
        session.add(WorkLog(ticket_id=c.id, technician_id=carl.id, minutes=20, logged_at=NOW - minutes(5)))
        ticket(
            "G",
            boris,
            priority="normal",
            arrival_due_at=NOW - minutes(10),
            arrival_state="breached",
            resolution_due_at=NOW + minutes(40),
            resolution_state="running",
        )
        ticket("D", boris, priority="normal", resolution_due_at=NOW + minutes(60), resolution_state="running")
        ticket(
            "A",
            arrival_due_at=NOW + timedelta(hours=3),
            arrival_state="running",
            resolution_due_at=NOW + timedelta(hours=8),
            resolution_state="running",
        )
        ticket(
            "F",
            boris,
            status="en_route",
            resolution_due_at=NOW + timedelta(days=2),
            resolution_state="running",
        )
        ticket("E", arrival_due_at=NOW + minutes(5), arrival_state="paused")
        ticket(
            "H",
            boris,
            status="closed",
            resolved_at=NOW - minutes(5),
            arrival_due_at=NOW + minutes(5),
            arrival_state="running",
        )
    return ids


def _by_name(forecasts: list[BreachForecast]) -> dict[str, BreachForecast]:
    return {f.number.removeprefix("T-"): f for f in forecasts}


def test_forecasts_are_sorted_by_slack_with_their_estimates(db: Database, world: dict[str, int]) -> None:
    forecasts = predicted_breaches(db, now=NOW)
    assert [f.number for f in forecasts] == ["T-I", "T-B", "T-C", "T-G", "T-D", "T-A"]
    found = _by_name(forecasts)
    expected = {
        # name: (kind, waiting, travel, work, slack in minutes)
        "I": ("resolution", 15, 0, 60, -45),
        "B": ("arrival", 0, 10 * MINUTES_PER_KM, 0, 10 - 10 * MINUTES_PER_KM),
        "C": ("resolution", 0, 0, 70, -10),
        "G": ("resolution", 0, 2 * MINUTES_PER_KM, 40, 40 - 40 - 2 * MINUTES_PER_KM),
        "D": ("resolution", 0, 2 * MINUTES_PER_KM, 40, 60 - 40 - 2 * MINUTES_PER_KM),
        "A": ("arrival", 15, 2 * MINUTES_PER_KM, 0, 180 - 15 - 2 * MINUTES_PER_KM),
    }
    for name, (kind, waiting, travel, work, slack) in expected.items():
        forecast = found[name]
        assert forecast.ticket_id == world[name]
        assert forecast.kind == kind
        assert forecast.waiting_minutes == pytest.approx(waiting)
        assert forecast.travel_minutes == pytest.approx(travel, abs=1e-6)
        assert forecast.work_minutes == pytest.approx(work)
        assert forecast.slack.total_seconds() / 60 == pytest.approx(slack, abs=1e-6)
        assert forecast.predicted_finish == forecast.deadline - forecast.slack
    assert found["C"].client == "Acme"
    assert (found["C"].technician, found["A"].technician) == ("Carl", None)


def test_suggested_actions(db: Database, world: dict[str, int]) -> None:
    found = _by_name(predicted_breaches(db, now=NOW))
    actions = {
        name: (f.action.code, f.action.template.format(**f.action.params)) for name, f in found.items()
    }
    assert actions == {
        "I": ("escalate", "Tell the client and escalate: about 45 min late"),
        "B": ("reassign", "Reassign to Boris, 5 min away instead of 26 min"),
        "C": ("escalate", "Tell the client and escalate: about 10 min late"),
        "G": ("escalate", "Tell the client and escalate: about 6 min late"),
        "D": ("dispatch_now", "Send Boris now: 14 min to spare"),
        "A": ("assign", "Assign Boris, 5 min away"),
    }
    assert found["A"].action.params == {"technician": "Boris", "minutes": 5}


def test_horizon_and_limit(db: Database, world: dict[str, int]) -> None:
    wide = _by_name(predicted_breaches(db, now=NOW, horizon=timedelta(days=3)))
    assert wide["F"].action.code == "on_track"
    assert "E" not in wide and "H" not in wide
    # Only predicted breaches when the horizon is zero.
    assert [f.number for f in predicted_breaches(db, now=NOW, horizon=timedelta(0))] == [
        "T-I",
        "T-B",
        "T-C",
        "T-G",
    ]
    assert [f.number for f in predicted_breaches(db, now=NOW, limit=2)] == ["T-I", "T-B"]


def test_query_count_stays_small(db: Database, world: dict[str, int]) -> None:
    statements: list[str] = []
    event.listen(db.engine, "before_cursor_execute", lambda *args: statements.append(args[2]))
    predicted_breaches(db, now=NOW)
    selects = [s for s in statements if s.lstrip().upper().startswith("SELECT")]
    # Three of its own, and at most five per look-up: A (unassigned), B and G (assigned, late).
    assert len(selects) <= 3 + 3 * 5


def test_bad_arguments_are_refused(db: Database) -> None:
    with pytest.raises(ValueError, match="aware"):
        predicted_breaches(db, now=NOW.replace(tzinfo=None))
    with pytest.raises(ValueError, match="limit"):
        predicted_breaches(db, now=NOW, limit=-1)
