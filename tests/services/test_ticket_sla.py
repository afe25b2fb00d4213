"""SLA clocks on tickets, end to end on both databases: pauses, reopening, priority, policy and calendar
changes re-time tickets from their history, threshold crossings are recorded once, and tickets
without an SLA say why.

The world: office hours Mon-Fri 09:00-13:00 and 14:00-18:00 in Moscow (UTC+3, no DST), a policy
with normal priority at 60 / 240 / 480 business minutes (reaction / arrival / resolution), whose
resolution clock stops while waiting for the client or for parts, and whose reaction and arrival
clocks stop while waiting for the client. Week of Monday 2026-11-16, no holidays.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta

import pytest
from sqlalchemy import select

from console.models import (
    Calendar,
    Client,
    ClientTier,
    Contract,
    Equipment,
    EquipmentModel,
    Site,
    Skill,
    SlaPauseStatus,
    SlaPolicy,
    SlaTarget,
    Ticket,
    TicketHistory,
    contract_equipment,
)
from console.services.calendars import OFFICE_HOURS, weekly_hours_to_json
from console.services.sla_monitor import advance_clocks
from console.services.sla_rules import (
    RulesConflict,
    RulesError,
    TargetEdit,
    set_contract_policy,
    update_calendar,
    update_policy,
)
from console.services.tickets import (
    TicketDraft,
    assign_technician,
    change_priority,
    change_status,
    create_ticket,
)
from console.store.database import Database

MSK = timedelta(hours=3)


def msk(day: int, hour: int, minute: int = 0) -> datetime:
    """A Moscow wall-clock time in the week of Monday 2026-11-16, as an aware UTC datetime."""
    return datetime(2026, 11, day, hour, minute, tzinfo=UTC) - MSK


@dataclass
class World:
    client_id: int
    site_id: int
    contract_id: int
    policy_id: int
    fast_policy_id: int
    calendar_id: int
    covered_equipment: int
    uncovered_equipment: int


@pytest.fixture
def world(db: Database) -> World:
    with db.transaction() as session:
        office = Calendar(
            name="Office", timezone="Europe/Moscow", weekly_hours=weekly_hours_to_json(OFFICE_HOURS)
        )
        always = Calendar(
            name="Always",
            timezone="Europe/Moscow",
            weekly_hours={str(d): [["00:00", "24:00"]] for d in range(7)},
        )
        session.add_all([office, always])
        session.flush()
        policy = SlaPolicy(name="Standard", calendar_id=office.id, use_site_calendar=True)
        fast = SlaPolicy(name="Fast 24x7", calendar_id=always.id, use_site_calendar=False)
        session.add_all([policy, fast])
        session.flush()
        session.add_all(
            [
                SlaTarget(
                    policy_id=policy.id,
                    priority="normal",
                    reaction_minutes=60,
                    arrival_minutes=240,
                    resolution_minutes=480,
                ),
                SlaTarget(
                    policy_id=policy.id,
                    priority="high",
                    reaction_minutes=30,
                    arrival_minutes=120,
                    resolution_minutes=240,
                ),
                SlaTarget(
                    policy_id=fast.id,
                    priority="normal",
                    reaction_minutes=15,
                    arrival_minutes=60,
                    resolution_minutes=120,
                ),
            ]
        )
        session.add_all(
            [
                SlaPauseStatus(policy_id=policy.id, clock="resolution", status="waiting_client"),
                SlaPauseStatus(policy_id=policy.id, clock="resolution", status="waiting_parts"),
                SlaPauseStatus(policy_id=policy.id, clock="reaction", status="waiting_client"),
                SlaPauseStatus(policy_id=policy.id, clock="arrival", status="waiting_client"),
                SlaPauseStatus(policy_id=fast.id, clock="resolution", status="waiting_client"),
            ]
        )
        tier = ClientTier(name="Gold", rank=1)
        session.add(tier)
        session.flush()
        client = Client(name="Acme Retail", legal_name="Acme Retail LLC", tier_id=tier.id)
        session.add(client)
        session.flush()
        site = Site(
            client_id=client.id,
            name="Store 1",
            address="Tverskaya 1",
            latitude=55.76,
            longitude=37.61,
            timezone="Europe/Moscow",
        )
        session.add(site)
        skill = Skill(code="hvac", name="HVAC")
        session.add(skill)
        session.flush()
        model = EquipmentModel(manufacturer="Daikin", name="FTXM35", kind="AC", skill_id=skill.id)
        session.add(model)
        session.flush()
        covered = Equipment(site_id=site.id, model_id=model.id, serial_number="A1")
        uncovered = Equipment(site_id=site.id, model_id=model.id, serial_number="B2")
        session.add_all([covered, uncovered])
        session.flush()
        contract = Contract(
            client_id=client.id,
            number="C-1",
            starts_on=date(2026, 1, 1),
            ends_on=None,
            subscription_fee=1000,
            billing_unit="hours",
            unit_price=100,
            sla_policy_id=policy.id,
        )
        contract.sites.append(site)
        session.add(contract)
        session.flush()
        session.execute(contract_equipment.insert().values(contract_id=contract.id, equipment_id=covered.id))
        return World(client.id, site.id, contract.id, policy.id, fast.id, office.id, covered.id, uncovered.id)


def _ticket(db: Database, world: World, at: datetime, **draft: object) -> int:
    fields: dict[str, object] = {
        "client_id": world.client_id,
        "site_id": world.site_id,
        "title": "No cooling",
    }
    fields.update(draft)
    return create_ticket(db, TicketDraft(**fields), user_id=None, now=at)  # type: ignore[arg-type]


def _get(db: Database, ticket_id: int) -> Ticket:
    with db.session() as session:
        return session.get_one(Ticket, ticket_id)


def _status(db: Database, ticket_id: int, status: str, at: datetime) -> None:
    change_status(db, ticket_id, status, expected_version=_get(db, ticket_id).version, now=at)


def _history(db: Database, ticket_id: int, *fields: str) -> list[tuple[str, str | None, str | None]]:
    with db.session() as session:
        rows = session.scalars(
            select(TicketHistory)
            .where(TicketHistory.ticket_id == ticket_id, TicketHistory.field.in_(fields))
            .order_by(TicketHistory.id)
        )
        return [(h.field, h.old_value, h.new_value) for h in rows]


def test_a_new_ticket_runs_three_clocks_on_office_hours(db: Database, world: World) -> None:
    ticket = _get(db, _ticket(db, world, msk(16, 10)))
    assert ticket.sla_issue is None
    assert (ticket.reaction_state, ticket.arrival_state, ticket.resolution_state) == ("running",) * 3
    assert ticket.reaction_due_at == msk(16, 11)
    assert ticket.arrival_due_at == msk(16, 15)  # 10-13 and 14-15
    assert ticket.resolution_due_at == msk(17, 10)  # 7 h on Monday, 1 h on Tuesday
    assert ticket.sla_next_check_at == msk(16, 10, 45)  # 75 % of the reaction target


def test_waiting_for_the_client_pauses_and_resuming_moves_the_deadline(db: Database, world: World) -> None:
    ticket_id = _ticket(db, world, msk(16, 10))
    _status(db, ticket_id, "accepted", msk(16, 10, 30))
    _status(db, ticket_id, "waiting_client", msk(16, 11))
    paused = _get(db, ticket_id)
    assert paused.resolution_state == "paused" and paused.sla_state == "paused"
    assert paused.resolution_due_at is None
    assert paused.paused_since == msk(16, 11)
    assert paused.sla_left_seconds == 7 * 3600  # 1 h used of 8
    assert paused.reaction_state == "met"

    _status(db, ticket_id, "accepted", msk(17, 11))
    resumed = _get(db, ticket_id)
    assert resumed.resolution_state == "running"
    # 7 h left from Tuesday 11:00: 11-13, 14-18, Wednesday 09-10.
    assert resumed.resolution_due_at == msk(18, 10)
    assert resumed.resolution_pause_seconds == 8 * 3600  # Monday 11-13, 14-18 and Tuesday 09-11
    assert resumed.paused_since is None
    assert _history(db, ticket_id, "sla_resolution") == [
        ("sla_resolution", "none", "running"),
        ("sla_resolution", "running", "paused"),
        ("sla_resolution", "paused", "running"),
    ]
    assert ("resolution_due_at", None, msk(18, 10).isoformat()) in _history(
        db, ticket_id, "resolution_due_at"
    )


def test_waiting_for_parts_stops_only_the_resolution_clock(db: Database, world: World) -> None:
    ticket_id = _ticket(db, world, msk(16, 10))
    _status(db, ticket_id, "waiting_parts", msk(16, 10, 20))
    ticket = _get(db, ticket_id)
    assert ticket.resolution_state == "paused"
    assert ticket.reaction_state == "running" and ticket.reaction_due_at == msk(16, 11)


def test_reopening_resumes_the_resolution_clock_where_it_stopped(db: Database, world: World) -> None:
    ticket_id = _ticket(db, world, msk(16, 10))
    _status(db, ticket_id, "on_site", msk(16, 11))
    _status(db, ticket_id, "resolved", msk(16, 15))  # 4 h used
    resolved = _get(db, ticket_id)
    assert resolved.resolution_state == "met" and resolved.sla_state == "met"
    assert resolved.sla_next_check_at is None

    _status(db, ticket_id, "reopened", msk(18, 10))
    reopened = _get(db, ticket_id)
    assert reopened.reopen_count == 1
    assert reopened.resolution_state == "running"
    # 4 h left from Wednesday 10:00: 10-13 and 14-15.
    assert reopened.resolution_due_at == msk(18, 15)
    assert reopened.reaction_state == "met" and reopened.arrival_state == "met"
    assert _history(db, ticket_id, "sla_resolution")[-2:] == [
        ("sla_resolution", "running", "met"),
        ("sla_resolution", "met", "running"),
    ]


def test_a_priority_change_retimes_from_the_history_and_keeps_the_pause(db: Database, world: World) -> None:
    ticket_id = _ticket(db, world, msk(16, 10))
    _status(db, ticket_id, "waiting_client", msk(16, 11))
    _status(db, ticket_id, "accepted", msk(16, 12))
    before = _get(db, ticket_id)
    assert before.resolution_pause_seconds == 3600
    assert before.resolution_due_at == msk(17, 11)

    change_priority(db, ticket_id, "high", expected_version=before.version, now=msk(16, 12, 30))
    after = _get(db, ticket_id)
    # High: 240 minutes from Monday 10:00, the 11-12 pause excluded: 10-11, 12-13, 14-16.
    assert after.resolution_due_at == msk(16, 16)
    assert after.resolution_pause_seconds == 3600
    assert _history(db, ticket_id, "priority", "resolution_due_at")[-2:] == [
        ("priority", "normal", "high"),
        ("resolution_due_at", msk(17, 11).isoformat(), msk(16, 16).isoformat()),
    ]


def test_a_policy_change_retimes_open_tickets_without_losing_their_pause(db: Database, world: World) -> None:
    ticket_id = _ticket(db, world, msk(16, 10))
    _status(db, ticket_id, "waiting_client", msk(16, 10, 30))
    _status(db, ticket_id, "accepted", msk(16, 11))
    with db.session() as session:
        version = session.get_one(Contract, world.contract_id).version
    result = set_contract_policy(
        db, world.contract_id, world.fast_policy_id, expected_version=version, now=msk(16, 11, 5)
    )
    assert result.tickets == 1
    ticket = _get(db, ticket_id)
    # Fast 24x7: 120 minutes, the 30-minute wait for the client still excluded.
    assert ticket.resolution_due_at == msk(16, 12, 30)
    assert ticket.resolution_pause_seconds == 1800
    # Its 15-minute reaction target, which no wait stops, was missed: accepted after an hour.
    assert ticket.reaction_state == "breached"
    assert _history(db, ticket_id, "sla_reaction")[-1] == ("sla_reaction", "met", "breached")


def test_editing_the_holidays_retimes_every_open_ticket_on_that_calendar(db: Database, world: World) -> None:
    first = _ticket(db, world, msk(16, 10))
    second = _ticket(db, world, msk(16, 12))
    assert _get(db, first).resolution_due_at == msk(17, 10)
    with db.session() as session:
        version = session.get_one(Calendar, world.calendar_id).version
    result = update_calendar(
        db, world.calendar_id, expected_version=version, holidays={date(2026, 11, 17)}, now=msk(16, 12, 30)
    )
    assert result.tickets == 2
    assert _get(db, first).resolution_due_at == msk(18, 10)  # Tuesday is now a holiday
    assert _get(db, second).resolution_due_at == msk(18, 12)
    assert _history(db, first, "resolution_due_at")[-1] == (
        "resolution_due_at",
        msk(17, 10).isoformat(),
        msk(18, 10).isoformat(),
    )


def test_editing_weekly_hours_retimes_and_bad_hours_are_refused(db: Database, world: World) -> None:
    ticket_id = _ticket(db, world, msk(16, 10))
    with db.session() as session:
        version = session.get_one(Calendar, world.calendar_id).version
    with pytest.raises(RulesError, match="not valid"):
        update_calendar(
            db, world.calendar_id, expected_version=version, weekly_hours={0: [("18:00", "09:00")]}
        )
    assert _get(db, ticket_id).resolution_due_at == msk(17, 10)
    long_days = {d: [("08:00", "20:00")] for d in range(5)}
    update_calendar(
        db, world.calendar_id, expected_version=version, weekly_hours=long_days, now=msk(16, 10, 5)
    )
    assert _get(db, ticket_id).resolution_due_at == msk(16, 18)  # 8 h straight from 10:00
    with pytest.raises(RulesConflict):
        update_calendar(db, world.calendar_id, expected_version=version, weekly_hours=long_days)


def test_a_target_change_retimes_and_bad_targets_are_refused(db: Database, world: World) -> None:
    ticket_id = _ticket(db, world, msk(16, 10))
    with db.session() as session:
        version = session.get_one(SlaPolicy, world.policy_id).version
    with pytest.raises(RulesError):
        update_policy(
            db, world.policy_id, expected_version=version, targets={"normal": TargetEdit(60, 240, 30)}
        )
    with pytest.raises(RulesError):
        update_policy(db, world.policy_id, expected_version=version, warning_ratio=0.95)
    update_policy(
        db,
        world.policy_id,
        expected_version=version,
        targets={"normal": TargetEdit(60, 240, 120), "high": TargetEdit(30, 120, 60)},
        now=msk(16, 10, 5),
    )
    assert _get(db, ticket_id).resolution_due_at == msk(16, 12)


def test_threshold_crossings_are_recorded_once_and_do_not_touch_the_version(
    db: Database, world: World
) -> None:
    ticket_id = _ticket(db, world, msk(16, 10))
    _status(db, ticket_id, "accepted", msk(16, 10, 10))
    _status(db, ticket_id, "on_site", msk(16, 10, 20))
    version = _get(db, ticket_id).version

    assert advance_clocks(db, msk(16, 10, 30)) == []  # nothing due yet
    # 75 % of 8 business hours from Monday 10:00 is Monday 17:00, 90 % is Tuesday 09:12, 100 % Tuesday 10:00.
    moments = {"warning": msk(16, 17), "critical": msk(17, 9, 12), "breached": msk(17, 10)}
    for state, at in moments.items():
        transitions = advance_clocks(db, at)
        assert [(t.ticket_id, t.clock, t.new) for t in transitions] == [(ticket_id, "resolution", state)]
        assert advance_clocks(db, at) == []  # a second console checking at the same time finds nothing
        assert _get(db, ticket_id).sla_state == state
    assert _history(db, ticket_id, "sla_resolution") == [
        ("sla_resolution", "none", "running"),
        ("sla_resolution", "running", "warning"),
        ("sla_resolution", "warning", "critical"),
        ("sla_resolution", "critical", "breached"),
    ]
    assert _get(db, ticket_id).version == version
    assign_technician(
        db, ticket_id, None, expected_version=version
    )  # the dispatcher's save still goes through


def test_tickets_without_an_sla_say_why(db: Database, world: World) -> None:
    uncovered = _get(db, _ticket(db, world, msk(16, 10), equipment_id=world.uncovered_equipment))
    assert (uncovered.sla_state, uncovered.sla_issue, uncovered.billable) == (
        "none",
        "uncovered_equipment",
        True,
    )
    assert uncovered.resolution_due_at is None

    covered = _get(db, _ticket(db, world, msk(16, 10), equipment_id=world.covered_equipment))
    assert covered.sla_issue is None and covered.sla_state == "running"

    with db.session() as session:
        contract_version = session.get_one(Contract, world.contract_id).version
    set_contract_policy(db, world.contract_id, None, expected_version=contract_version, now=msk(16, 10, 1))
    assert _get(db, covered.id).sla_issue == "no_policy"
    assert _get(db, covered.id).sla_state == "none"


def test_a_site_calendar_without_working_hours_is_reported(db: Database, world: World) -> None:
    with db.transaction() as session:
        closed = Calendar(
            name="Closed", timezone="Europe/Moscow", weekly_hours={str(d): [] for d in range(7)}
        )
        session.add(closed)
        session.flush()
        session.get_one(Site, world.site_id).calendar_id = closed.id
    ticket = _get(db, _ticket(db, world, msk(16, 10)))
    assert (ticket.sla_state, ticket.sla_issue) == ("none", "no_working_hours")


def test_public_holidays_come_from_the_calendars_country(db: Database, world: World) -> None:
    with db.session() as session:
        version = session.get_one(Calendar, world.calendar_id).version
    update_calendar(db, world.calendar_id, expected_version=version, holiday_country="ru", now=msk(2, 10))
    tuesday_before_unity_day = datetime(2026, 11, 3, 7, tzinfo=UTC)  # 10:00 Moscow; 4 November is a holiday
    ticket_id = _ticket(db, world, tuesday_before_unity_day)
    assert _get(db, ticket_id).resolution_due_at == datetime(2026, 11, 5, 7, tzinfo=UTC)  # Thursday 10:00

    with db.session() as session:
        version = session.get_one(Calendar, world.calendar_id).version
    update_calendar(db, world.calendar_id, expected_version=version, holiday_country="DE", now=msk(2, 10))
    assert _get(db, ticket_id).resolution_due_at == datetime(
        2026, 11, 4, 7, tzinfo=UTC
    )  # a working day in Germany

    with db.session() as session:
        version = session.get_one(Calendar, world.calendar_id).version
    # The calendar's own working day overrides the country's holiday.
    update_calendar(
        db,
        world.calendar_id,
        expected_version=version,
        holiday_country="RU",
        working_days={date(2026, 11, 4): [("09:00", "13:00")]},
        now=msk(2, 10),
    )
    assert _get(db, ticket_id).resolution_due_at == datetime(
        2026, 11, 4, 7, tzinfo=UTC
    )  # Wednesday 10:00 again


def test_impossible_calendar_edits_are_refused_whole(db: Database, world: World) -> None:
    ticket_id = _ticket(db, world, msk(16, 10))
    with db.session() as session:
        version = session.get_one(Calendar, world.calendar_id).version
    with pytest.raises(RulesError, match="not valid"):
        update_calendar(db, world.calendar_id, expected_version=version, holiday_country="XX")
    with pytest.raises(RulesError, match="both a holiday and a working day"):
        update_calendar(
            db,
            world.calendar_id,
            expected_version=version,
            holidays={date(2026, 11, 17)},
            working_days={date(2026, 11, 17): [("09:00", "18:00")]},
        )
    with db.session() as session:
        calendar = session.get_one(Calendar, world.calendar_id)
        assert calendar.version == version and calendar.holiday_country is None and not calendar.days
    assert _get(db, ticket_id).resolution_due_at == msk(17, 10)
