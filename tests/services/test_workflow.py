"""Ticket workflows per category: allowed moves, stages and their deadlines, mandatory fields, checklists,
reopening periods, hand-offs, edits of a ticket and of a workflow, and what a refused stale save is told.
"""

from __future__ import annotations

import re
from collections import deque
from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta

import pytest
from sqlalchemy import func, inspect, select, text

from console.models import (
    Client,
    ClientTier,
    Contact,
    Contract,
    Equipment,
    SlaPolicy,
    Ticket,
    User,
    contract_sites,
)
from console.models.base import CATEGORIES, STAGES
from console.services.tickets import (
    MISSING_FIELD_MESSAGES,
    InvalidTicket,
    TicketConflict,
    TicketDraft,
    assign_technician,
    change_priority,
    change_status,
    create_ticket,
    ticket_history,
    update_ticket,
)
from console.services.workflow import (
    InvalidWorkflow,
    Workflow,
    WorkflowConflict,
    all_workflows,
    check_workflow,
    hand_off,
    next_statuses,
    set_checklist_item,
    ticket_checklist,
    update_workflow,
    workflow_for,
)
from console.store import schema
from console.store.database import Database
from console.store.engine import make_engine, parse_url

T0 = datetime(2026, 11, 20, 9, 0, tzinfo=UTC)  # a Friday, after the demo set's "now"
MAINTENANCE_CHECKLIST = ["Checklist of the service regulation done", "Next service date agreed"]


@dataclass(frozen=True)
class Place:
    """A client with a site under an active contract, equipment at that site and a contact."""

    client_id: int
    site_id: int
    equipment_id: int
    contact_id: int


def _place(db: Database, policy: str = "Platinum 24/7") -> Place:
    with db.session() as session:
        row = session.execute(
            select(Contract.client_id, contract_sites.c.site_id, Equipment.id, Contact.id)
            .join(contract_sites, contract_sites.c.contract_id == Contract.id)
            .join(SlaPolicy, SlaPolicy.id == Contract.sla_policy_id)
            .join(Equipment, Equipment.site_id == contract_sites.c.site_id)
            .join(Contact, Contact.client_id == Contract.client_id)
            .where(
                Contract.status == "active",
                Contract.ends_on.is_(None) | (Contract.ends_on > T0.date()),
                SlaPolicy.name == policy,
            )
            .order_by(contract_sites.c.site_id, Equipment.id, Contact.id)
            .limit(1)
        ).one()
    return Place(*row)


def _ticket(
    db: Database, place: Place, category: str = "incident", at: datetime = T0, **fields: object
) -> int:
    values: dict[str, object] = {
        "client_id": place.client_id,
        "site_id": place.site_id,
        "equipment_id": place.equipment_id,
        "contact_id": place.contact_id,
        "category": category,
        "title": "Lift stopped between floors",
    }
    values.update(fields)
    return create_ticket(db, TicketDraft(**values), user_id=6, now=at)  # type: ignore[arg-type]


def _get(db: Database, ticket_id: int) -> Ticket:
    with db.session() as session:
        return session.get_one(Ticket, ticket_id)


def _move(db: Database, ticket_id: int, *steps: tuple[str, datetime], user_id: int | None = 6) -> int:
    version = _get(db, ticket_id).version
    for status, at in steps:
        version = change_status(db, ticket_id, status, expected_version=version, user_id=user_id, now=at)
    return version


def _user_name(db: Database, user_id: int) -> str:
    with db.session() as session:
        return session.get_one(User, user_id).full_name


# The default workflows -------------------------------------------------------------------------------


def test_every_category_gets_a_consistent_default_workflow(db: Database) -> None:
    workflows = all_workflows(db)
    assert list(workflows) == list(CATEGORIES)
    for category, workflow in workflows.items():
        names = [step.status for step in workflow.statuses]
        assert names[0] == "new", category
        assert all(step.stage in STAGES for step in workflow.statuses), category
        for old, targets in workflow.transitions.items():
            assert old in names and set(targets) <= set(names) and old not in targets, category
        reached, waiting = {"new"}, deque(["new"])
        while waiting:
            for new in workflow.transitions.get(waiting.popleft(), ()):
                if new not in reached:
                    reached.add(new)
                    waiting.append(new)
        assert reached == set(names), f"{category}: {set(names) - reached} cannot be reached from new"
        for step in workflow.statuses:
            if step.stage != "done":
                assert workflow.transitions.get(step.status), f"{category}: {step.status} has no way out"
        check_workflow(workflow)

    incident = workflows["incident"]
    assert incident.next_statuses("new")[:2] == ("assigned", "accepted")
    assert "resolved" in incident.next_statuses("on_site") and "resolved" not in incident.next_statuses("new")
    assert "reopened" in incident.next_statuses("resolved") and "reopened" in incident.next_statuses("closed")
    assert incident.next_statuses("cancelled") == ()
    assert incident.hand_off_status == "contractor"
    assert incident.reopen_days == 14 and incident.mandatory_fields == ("site",)
    assert incident.step("new").deadline_minutes == 30 and incident.step("closed").deadline_minutes is None
    assert [step.status for step in workflows["consultation"].statuses] == [
        "new",
        "resolved",
        "closed",
        "reopened",
        "cancelled",
    ]
    assert workflows["maintenance"].mandatory_fields == ("site", "equipment")
    assert workflows["maintenance"].hand_off_status is None
    assert [item.text for item in workflows["maintenance"].checklist] == MAINTENANCE_CHECKLIST
    assert workflows["request"].mandatory_fields == ("contact",)


# Transitions, stages and stage deadlines --------------------------------------------------------------


def test_a_move_the_workflow_does_not_allow_is_refused_and_nothing_is_saved(demo_db: Database) -> None:
    ticket_id = _ticket(demo_db, _place(demo_db))
    before = _get(demo_db, ticket_id)
    history = ticket_history(demo_db, ticket_id)
    assert "resolved" not in next_statuses(demo_db, ticket_id)
    with pytest.raises(
        InvalidTicket, match="cannot go from new to resolved; it can go to: assigned"
    ) as caught:
        change_status(demo_db, ticket_id, "resolved", expected_version=before.version, now=T0)
    assert caught.value.field == "status"
    after = _get(demo_db, ticket_id)
    assert (after.status, after.version) == ("new", before.version)
    assert ticket_history(demo_db, ticket_id) == history

    _move(
        demo_db, ticket_id, ("accepted", T0 + timedelta(minutes=5)), ("on_site", T0 + timedelta(minutes=40))
    )
    assert _get(demo_db, ticket_id).status == "on_site"
    with pytest.raises(InvalidTicket, match="cannot go from on_site to assigned"):
        _move(demo_db, ticket_id, ("assigned", T0 + timedelta(hours=1)))


def test_a_consultation_goes_straight_from_new_to_resolved(demo_db: Database) -> None:
    ticket_id = _ticket(demo_db, _place(demo_db), "consultation", title="How to reset the till")
    assert next_statuses(demo_db, ticket_id) == ("resolved", "closed", "cancelled")
    with pytest.raises(InvalidTicket, match="cannot go from new to on_site"):
        _move(demo_db, ticket_id, ("on_site", T0 + timedelta(minutes=5)))
    _move(demo_db, ticket_id, ("resolved", T0 + timedelta(minutes=10)))
    ticket = _get(demo_db, ticket_id)
    assert (ticket.status, ticket.stage) == ("resolved", "acceptance")


def test_each_status_sets_the_stage_and_when_the_ticket_is_late_in_it(demo_db: Database) -> None:
    ticket_id = _ticket(demo_db, _place(demo_db))
    created = _get(demo_db, ticket_id)
    assert (created.stage, created.status_since, created.stage_due_at) == (
        "intake",
        T0,
        T0 + timedelta(minutes=30),
    )

    steps = [
        ("accepted", T0 + timedelta(minutes=10), "diagnostics", timedelta(minutes=120)),
        ("waiting_parts", T0 + timedelta(hours=2), "parts", timedelta(days=7)),
        ("on_site", T0 + timedelta(days=2), "repair", timedelta(minutes=480)),
        ("closed", T0 + timedelta(days=2, hours=3), "done", None),
    ]
    for status, at, stage, deadline in steps:
        _move(demo_db, ticket_id, (status, at))
        ticket = _get(demo_db, ticket_id)
        assert (ticket.status, ticket.stage, ticket.status_since) == (status, stage, at)
        assert ticket.stage_due_at == (at + deadline if deadline else None)


def test_assigning_a_new_ticket_moves_it_to_assigned_with_its_stage(demo_db: Database) -> None:
    place = _place(demo_db)
    incident = _ticket(demo_db, place)
    consultation = _ticket(demo_db, place, "consultation", title="Which filter fits")
    at = T0 + timedelta(minutes=3)
    for ticket_id in (incident, consultation):
        assign_technician(demo_db, ticket_id, 1, expected_version=_get(demo_db, ticket_id).version, now=at)
    assigned = _get(demo_db, incident)
    assert (assigned.status, assigned.stage, assigned.technician_id) == ("assigned", "diagnostics", 1)
    assert (assigned.status_since, assigned.stage_due_at) == (at, at + timedelta(minutes=60))
    # A consultation's workflow has no "assigned": the technician is set, the status stays.
    untouched = _get(demo_db, consultation)
    assert (untouched.status, untouched.technician_id, untouched.status_since) == ("new", 1, T0)


# Mandatory fields -------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("category", "left_out", "field"),
    [
        ("incident", ("site_id", "equipment_id"), "site"),
        ("request", ("contact_id",), "contact"),
        ("maintenance", ("site_id", "equipment_id"), "site"),
        ("maintenance", ("equipment_id",), "equipment"),
        ("installation", ("site_id", "equipment_id"), "site"),
    ],
)
def test_a_new_ticket_without_a_mandatory_field_is_refused_naming_it(
    demo_db: Database, category: str, left_out: tuple[str, ...], field: str
) -> None:
    with demo_db.session() as session:
        before = session.scalar(select(func.count()).select_from(Ticket))
    with pytest.raises(InvalidTicket, match=re.escape(MISSING_FIELD_MESSAGES[field])) as caught:
        _ticket(demo_db, _place(demo_db), category, **dict.fromkeys(left_out))
    assert caught.value.field == field
    with demo_db.session() as session:
        assert session.scalar(select(func.count()).select_from(Ticket)) == before


def test_fields_made_mandatory_by_a_supervisor_are_required_too(demo_db: Database) -> None:
    place = _place(demo_db)
    version = workflow_for(demo_db, "consultation").version
    update_workflow(
        demo_db, "consultation", expected_version=version, mandatory_fields=["description", "site"]
    )
    with pytest.raises(InvalidTicket) as caught:
        _ticket(demo_db, place, "consultation", description="  ")
    assert caught.value.field == "description"
    assert _ticket(demo_db, place, "consultation", description="Asks about the warranty")


def test_a_client_without_registered_sites_can_still_report_an_incident(db: Database) -> None:
    with db.transaction() as session:
        tier = ClientTier(name="Silver", rank=2)
        session.add(tier)
        session.flush()
        client = Client(name="New client", legal_name="New client LLC", tier_id=tier.id)
        session.add(client)
        session.flush()
        client_id = client.id
    ticket_id = create_ticket(db, TicketDraft(client_id=client_id, title="Alarm keeps ringing"), now=T0)
    assert _get(db, ticket_id).site_id is None


# Checklists -------------------------------------------------------------------------------------------


def test_the_checklist_must_be_complete_before_the_ticket_is_resolved(demo_db: Database) -> None:
    ticket_id = _ticket(demo_db, _place(demo_db), "maintenance", title="Monthly lift service")
    steps = ("assigned", "accepted", "en_route", "on_site")
    version = _move(
        demo_db, ticket_id, *((s, T0 + timedelta(minutes=10 * n)) for n, s in enumerate(steps, 1))
    )
    entries = ticket_checklist(demo_db, ticket_id)
    assert [(e.text, e.done) for e in entries] == [(text, False) for text in MAINTENANCE_CHECKLIST]

    with pytest.raises(InvalidTicket, match="; ".join(MAINTENANCE_CHECKLIST)) as caught:
        change_status(demo_db, ticket_id, "resolved", expected_version=version, now=T0 + timedelta(hours=2))
    assert caught.value.field == "checklist"
    assert _get(demo_db, ticket_id).version == version

    ticked_at = T0 + timedelta(hours=2)
    version = set_checklist_item(
        demo_db, ticket_id, entries[0].item_id, True, expected_version=version, user_id=6, now=ticked_at
    )
    with pytest.raises(InvalidTicket, match=f"resolving the ticket: {MAINTENANCE_CHECKLIST[1]}\\.$"):
        change_status(demo_db, ticket_id, "resolved", expected_version=version, now=ticked_at)
    version = set_checklist_item(
        demo_db, ticket_id, entries[1].item_id, True, expected_version=version, user_id=6, now=ticked_at
    )
    entries = ticket_checklist(demo_db, ticket_id)
    assert all(e.done_at == ticked_at and e.done_by == _user_name(demo_db, 6) for e in entries)

    change_status(
        demo_db, ticket_id, "resolved", expected_version=version, now=ticked_at + timedelta(minutes=1)
    )
    assert _get(demo_db, ticket_id).status == "resolved"
    assert [
        (h.field, h.old, h.new) for h in ticket_history(demo_db, ticket_id) if h.field == "checklist"
    ] == [("checklist", None, text) for text in MAINTENANCE_CHECKLIST]


def test_ticking_a_checklist_item_bumps_the_version_refuses_stale_saves_and_can_be_undone(
    demo_db: Database,
) -> None:
    ticket_id = _ticket(demo_db, _place(demo_db), "maintenance", title="Monthly lift service")
    item = ticket_checklist(demo_db, ticket_id)[0]
    version = _get(demo_db, ticket_id).version
    ticked = set_checklist_item(demo_db, ticket_id, item.item_id, True, expected_version=version, now=T0)
    assert ticked == version + 1
    with pytest.raises(TicketConflict) as caught:
        set_checklist_item(demo_db, ticket_id, item.item_id, False, expected_version=version, now=T0)
    assert [(c.field, c.new) for c in caught.value.changes] == [("checklist", item.text)]

    undone = set_checklist_item(demo_db, ticket_id, item.item_id, False, expected_version=ticked, now=T0)
    assert undone == ticked + 1
    assert not ticket_checklist(demo_db, ticket_id)[0].done
    assert [(h.old, h.new) for h in ticket_history(demo_db, ticket_id) if h.field == "checklist"] == [
        (None, item.text),
        (item.text, None),
    ]

    maintenance_item = workflow_for(demo_db, "maintenance").checklist[0].id
    incident = _ticket(demo_db, _place(demo_db))
    with pytest.raises(InvalidTicket, match="not on the checklist of incident tickets"):
        set_checklist_item(
            demo_db,
            incident,
            maintenance_item,
            True,
            expected_version=_get(demo_db, incident).version,
            now=T0,
        )


# Reopening --------------------------------------------------------------------------------------------


def test_a_ticket_can_be_reopened_within_the_period_and_not_after(demo_db: Database) -> None:
    ticket_id = _ticket(demo_db, _place(demo_db))
    resolved = T0 + timedelta(hours=3)
    _move(demo_db, ticket_id, ("on_site", T0 + timedelta(hours=1)), ("resolved", resolved))
    _move(demo_db, ticket_id, ("reopened", resolved + timedelta(days=13)))
    reopened = _get(demo_db, ticket_id)
    assert (reopened.status, reopened.reopen_count, reopened.stage) == ("reopened", 1, "repair")

    again = resolved + timedelta(days=14)
    _move(demo_db, ticket_id, ("resolved", again), ("closed", again + timedelta(days=1)))
    closed = _get(demo_db, ticket_id)
    late = again + timedelta(days=14, minutes=1)
    with pytest.raises(
        InvalidTicket, match=f"reopened until {again + timedelta(days=14):%Y-%m-%d %H:%M} UTC"
    ):
        change_status(demo_db, ticket_id, "reopened", expected_version=closed.version, now=late)
    after = _get(demo_db, ticket_id)
    assert (after.status, after.version, after.reopen_count) == ("closed", closed.version, 1)


# Hand-off ---------------------------------------------------------------------------------------------


def test_a_hand_off_keeps_number_history_and_sla_deadlines(demo_db: Database) -> None:
    ticket_id = _ticket(demo_db, _place(demo_db, "Platinum 24/7"))
    version = _move(demo_db, ticket_id, ("accepted", T0 + timedelta(minutes=5)))
    before = _get(demo_db, ticket_id)
    history_before = ticket_history(demo_db, ticket_id)

    at = T0 + timedelta(minutes=30)
    new_version = hand_off(
        demo_db,
        ticket_id,
        " Lift Service LLC ",
        expected_version=version,
        user_id=6,
        now=at,
        note="Licensed work",
    )
    ticket = _get(demo_db, ticket_id)
    assert new_version == ticket.version == version + 1
    assert (ticket.status, ticket.stage, ticket.handed_to) == ("contractor", "contractor", "Lift Service LLC")
    assert (ticket.status_since, ticket.stage_due_at) == (at, at + timedelta(days=5))
    assert ticket.number == before.number and ticket.created_at == before.created_at
    # Platinum does not stop any clock while a contractor works: every deadline stays where it was.
    assert (ticket.reaction_due_at, ticket.arrival_due_at, ticket.resolution_due_at) == (
        before.reaction_due_at,
        before.arrival_due_at,
        before.resolution_due_at,
    )
    assert ticket.resolution_state == "running"
    history = ticket_history(demo_db, ticket_id)
    assert history[: len(history_before)] == history_before
    assert [(h.field, h.old, h.new, h.user) for h in history if h.version == new_version] == [
        ("status", "accepted", "contractor", _user_name(demo_db, 6)),
        ("handed_to", None, "Lift Service LLC", _user_name(demo_db, 6)),
        ("note", None, "Licensed work", _user_name(demo_db, 6)),
    ]

    back = T0 + timedelta(days=1)
    _move(demo_db, ticket_id, ("on_site", back))
    taken_back = _get(demo_db, ticket_id)
    assert (taken_back.status, taken_back.handed_to) == ("on_site", None)
    assert ("handed_to", "Lift Service LLC", None) in [
        (h.field, h.old, h.new) for h in ticket_history(demo_db, ticket_id)
    ]


def test_a_hand_off_pauses_the_sla_only_where_the_policy_says_so(demo_db: Database) -> None:
    # Business hours pauses the resolution clock while a contractor has the ticket.
    ticket_id = _ticket(demo_db, _place(demo_db, "Business hours"))
    hand_off(demo_db, ticket_id, "Vendor", expected_version=_get(demo_db, ticket_id).version, now=T0)
    ticket = _get(demo_db, ticket_id)
    assert ticket.resolution_state == "paused" and ticket.resolution_due_at is None


def test_a_hand_off_is_refused_where_the_workflow_has_none_or_the_name_is_missing(demo_db: Database) -> None:
    place = _place(demo_db)
    maintenance = _ticket(demo_db, place, "maintenance", title="Monthly lift service")
    version = _get(demo_db, maintenance).version
    with pytest.raises(InvalidTicket, match="maintenance tickets has no hand-off"):
        hand_off(demo_db, maintenance, "Vendor", expected_version=version, now=T0)
    incident = _ticket(demo_db, place)
    with pytest.raises(InvalidTicket) as caught:
        hand_off(demo_db, incident, "   ", expected_version=_get(demo_db, incident).version, now=T0)
    assert caught.value.field == "handed_to"
    assert _get(demo_db, maintenance).version == version and _get(demo_db, incident).status == "new"


# Editing a ticket -------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("change", "field", "message"),
    [
        ({"title": "  "}, "title", "Describe the problem"),
        ({"title": "x" * 201}, "title", "longer than 200"),
        ({"description": "x" * 4001}, "description", "longer than 4000"),
        ({"planned_for": T0 - timedelta(minutes=1)}, "planned_for", "cannot be in the past"),
        ({"site_id": None}, "site", "Choose the site"),
        ({"priority": "urgent"}, "priority", "Unknown priority"),
    ],
)
def test_a_bad_edit_is_refused_and_nothing_is_saved(
    demo_db: Database, change: dict[str, object], field: str, message: str
) -> None:
    ticket_id = _ticket(demo_db, _place(demo_db))
    before = _get(demo_db, ticket_id)
    history = ticket_history(demo_db, ticket_id)
    edit: dict[str, object] = {"title": "A valid new title", **change}
    with pytest.raises(InvalidTicket, match=message) as caught:
        update_ticket(demo_db, ticket_id, expected_version=before.version, now=T0, **edit)  # type: ignore[arg-type]
    assert caught.value.field == field
    after = _get(demo_db, ticket_id)
    assert (after.version, after.title, after.site_id, after.planned_for) == (
        before.version,
        before.title,
        before.site_id,
        None,
    )
    assert ticket_history(demo_db, ticket_id) == history


def test_an_edit_changes_only_the_given_fields_each_with_its_history(demo_db: Database) -> None:
    place = _place(demo_db)
    ticket_id = _ticket(demo_db, place, description="Stuck at the 3rd floor")
    before = _get(demo_db, ticket_id)
    planned = T0 + timedelta(days=2)
    version = update_ticket(
        demo_db,
        ticket_id,
        expected_version=before.version,
        user_id=6,
        now=T0 + timedelta(minutes=5),
        title="Lift stuck with people inside",
        priority="critical",
        contact_id=None,
        planned_for=planned,
        description="Stuck at the 3rd floor",  # unchanged: no history row
    )
    after = _get(demo_db, ticket_id)
    assert version == after.version == before.version + 1
    assert (after.title, after.priority, after.contact_id, after.planned_for) == (
        "Lift stuck with people inside",
        "critical",
        None,
        planned,
    )
    assert (after.site_id, after.equipment_id, after.description) == (
        place.site_id,
        place.equipment_id,
        "Stuck at the 3rd floor",
    )
    changed = [(h.field, h.old, h.new) for h in ticket_history(demo_db, ticket_id) if h.version == version]
    assert ("title", "Lift stuck with people inside") in [(f, n) for f, _, n in changed]
    assert ("priority", "normal", "critical") in changed
    assert ("contact", str(place.contact_id), None) in changed
    assert ("planned_for", None, planned.isoformat()) in changed
    assert "description" not in {f for f, _, _ in changed}
    # Critical priority under Platinum: a tighter resolution deadline, re-timed in the same save.
    assert before.resolution_due_at is not None and after.resolution_due_at is not None
    assert after.resolution_due_at < before.resolution_due_at

    assert update_ticket(demo_db, ticket_id, expected_version=version, now=T0, title=after.title) == version


def test_the_second_of_two_dispatchers_is_told_what_the_first_changed(demo_db: Database) -> None:
    ticket_id = _ticket(demo_db, _place(demo_db))
    opened = _get(demo_db, ticket_id).version
    change_priority(
        demo_db, ticket_id, "high", expected_version=opened, user_id=6, now=T0 + timedelta(minutes=1)
    )

    with pytest.raises(TicketConflict, match="changed by someone else") as caught:
        update_ticket(
            demo_db,
            ticket_id,
            expected_version=opened,
            user_id=7,
            now=T0 + timedelta(minutes=2),
            title="Lift noisy",
        )
    assert [(c.field, c.old, c.new, c.user) for c in caught.value.changes] == [
        ("priority", "normal", "high", _user_name(demo_db, 6))
    ]
    assert caught.value.number == _get(demo_db, ticket_id).number
    assert _get(demo_db, ticket_id).title == "Lift stopped between floors"


# Editing a workflow -----------------------------------------------------------------------------------


def test_a_supervisor_changes_a_workflow_and_tickets_follow_it(demo_db: Database) -> None:
    place = _place(demo_db)
    ticket_id = _ticket(demo_db, place, "maintenance", title="Monthly lift service")
    first, second = ticket_checklist(demo_db, ticket_id)
    set_checklist_item(
        demo_db, ticket_id, first.item_id, True, expected_version=_get(demo_db, ticket_id).version, now=T0
    )

    workflow = workflow_for(demo_db, "maintenance")
    moves = {status: list(targets) for status, targets in workflow.transitions.items()}
    moves["new"] = [*moves["new"], "on_site"]
    version = update_workflow(
        demo_db,
        "maintenance",
        expected_version=workflow.version,
        reopen_days=45,
        mandatory_fields=["site"],
        deadlines={"on_site": 240, "resolved": None},
        transitions=moves,
        checklist=["Lubrication done", first.text],
    )
    changed = workflow_for(demo_db, "maintenance")
    assert version == changed.version == workflow.version + 1
    assert (changed.reopen_days, changed.mandatory_fields) == (45, ("site",))
    assert (changed.step("on_site").deadline_minutes, changed.step("resolved").deadline_minutes) == (
        240,
        None,
    )
    assert "on_site" in changed.next_statuses("new")
    assert [item.text for item in changed.checklist] == ["Lubrication done", first.text]
    # The kept item keeps its tick; the removed one is gone.
    assert [(e.text, e.done) for e in ticket_checklist(demo_db, ticket_id)] == [
        ("Lubrication done", False),
        (first.text, True),
    ]
    assert second.text not in {e.text for e in ticket_checklist(demo_db, ticket_id)}

    moved_at = T0 + timedelta(minutes=20)
    _move(demo_db, ticket_id, ("on_site", moved_at))
    assert _get(demo_db, ticket_id).stage_due_at == moved_at + timedelta(minutes=240)
    assert _ticket(demo_db, place, "maintenance", title="No equipment needed now", equipment_id=None)

    with pytest.raises(WorkflowConflict):
        update_workflow(demo_db, "maintenance", expected_version=workflow.version, reopen_days=1)


def _without_exits_from_assigned(workflow: Workflow) -> dict[str, object]:
    return {"transitions": {s: t for s, t in workflow.transitions.items() if s != "assigned"}}


def _nothing_leads_to_waiting_parts(workflow: Workflow) -> dict[str, object]:
    return {
        "transitions": {s: [n for n in t if n != "waiting_parts"] for s, t in workflow.transitions.items()}
    }


@pytest.mark.parametrize(
    ("edit", "field", "message"),
    [
        (_without_exits_from_assigned, "transitions", "A ticket in assigned could never leave it"),
        (_nothing_leads_to_waiting_parts, "transitions", "No ticket can reach waiting_parts from new"),
        ({"transitions": {"new": ["new"]}}, "transitions", "new cannot lead to itself"),
        ({"transitions": {"new": ["contractor"]}}, "transitions", "contractor are not statuses"),
        ({"reopen_days": -1}, "reopen_days", "cannot be negative"),
        ({"mandatory_fields": ["site", "colour"]}, "mandatory_fields", "colour"),
        ({"deadlines": {"on_site": 0}}, "deadlines", "at least one minute"),
        ({"deadlines": {"contractor": 60}}, "deadlines", "not a status of the maintenance workflow"),
        ({"checklist": ["Oil", "Oil"]}, "checklist", "twice: Oil"),
    ],
)
def test_a_bad_workflow_edit_is_refused_and_nothing_is_saved(
    demo_db: Database,
    edit: dict[str, object] | Callable[[Workflow], dict[str, object]],
    field: str,
    message: str,
) -> None:
    workflow = workflow_for(demo_db, "maintenance")
    if callable(edit):
        edit = edit(workflow)
    with pytest.raises(InvalidWorkflow, match=message) as caught:
        update_workflow(demo_db, "maintenance", expected_version=workflow.version, **edit)  # type: ignore[arg-type]
    assert caught.value.field == field
    assert workflow_for(demo_db, "maintenance") == workflow


# Migration --------------------------------------------------------------------------------------------


def test_migration_0003_upgrades_a_populated_database_and_downgrades_it_back(empty_database_url: str) -> None:
    engine = make_engine(parse_url(empty_database_url))
    try:
        schema.upgrade(engine, "0002")
        with engine.begin() as connection:
            for statement in (
                "INSERT INTO client_tiers (id, name, rank, grants, priority_support) VALUES (1, 'Gold', 1, '', false)",
                "INSERT INTO clients (id, name, legal_name, tier_id, created_at, version) "
                "VALUES (1, 'Acme', 'Acme LLC', 1, '2026-01-01 00:00:00', 1)",
                "INSERT INTO tickets (id, number, client_id, category, priority, channel, status, stage, title, "
                "description, billable, created_at, updated_at, resolution_pause_seconds, reaction_pause_seconds, "
                "arrival_pause_seconds, reaction_state, arrival_state, resolution_state, sla_state, reopen_count, "
                "version) VALUES (1, 'T-1', 1, 'incident', 'normal', 'phone', 'accepted', 'diagnostics', 'Lift', '', "
                "false, '2026-11-16 07:00:00', '2026-11-16 08:30:00', 0, 0, 0, 'none', 'none', 'none', 'none', 0, 3)",
                "INSERT INTO ticket_history (ticket_id, at, field, old_value, new_value) "
                "VALUES (1, '2026-11-16 08:30:00', 'status', 'new', 'accepted')",
            ):
                connection.execute(text(statement))

        schema.upgrade(engine)
        with engine.connect() as connection:
            since = connection.execute(text("SELECT status_since = updated_at FROM tickets")).scalar_one()
            history_version = connection.execute(text("SELECT version FROM ticket_history")).scalar_one()
            counts = {
                table: connection.execute(text(f"SELECT count(*) FROM {table}")).scalar_one()
                for table in (
                    "category_workflows",
                    "workflow_statuses",
                    "workflow_transitions",
                    "checklist_items",
                )
            }
        assert since in (True, 1), "status_since is the last change"
        assert history_version is None
        assert counts["category_workflows"] == len(CATEGORIES)
        assert counts["workflow_statuses"] > len(CATEGORIES) and counts["workflow_transitions"] > 0
        assert counts["checklist_items"] == 5

        schema.downgrade(engine, "0002")
        tables = set(inspect(engine).get_table_names())
        assert not tables & {"category_workflows", "workflow_statuses", "checklist_items", "saved_queues"}
        columns = {c["name"] for c in inspect(engine).get_columns("tickets")}
        assert not columns & {"status_since", "stage_due_at", "handed_to"}
        with engine.connect() as connection:
            assert connection.execute(text("SELECT version, status FROM tickets")).one() == (3, "accepted")

        schema.upgrade(engine)
        with engine.connect() as connection:
            assert schema.current_revision(connection) == schema.head_revision()
    finally:
        engine.dispose()
