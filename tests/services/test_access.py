"""Every guarded service, called directly by each role: refused below its right, and nothing changes.

A hidden button is not the only guard: a dispatcher calling the SLA policy service with their own id
is refused by the service, inside its transaction, by the role stored in the database.
"""

from __future__ import annotations

import tempfile
from collections.abc import Callable
from datetime import date, timedelta
from decimal import Decimal
from pathlib import Path

import pytest
from sqlalchemy import func, select

from console.models import (
    Calendar,
    Client,
    ClientTier,
    Contract,
    MaintenancePlan,
    SlaPolicy,
    Ticket,
    User,
    Visit,
)
from console.services.access import RIGHTS, AccessDenied, allows, require
from console.services.audit_log import AuditQuery, search_audit
from console.services.billing import period_billing
from console.services.company import CompanyDetails, load_stored_company, save_company
from console.services.dispatch_rules import DispatchRules, load_rules, save_rules
from console.services.maintenance_plans import create_plan, delete_plan, update_plan
from console.services.reference_import import import_records
from console.services.report_catalogue import build_report
from console.services.sla_rules import set_contract_policy, update_calendar, update_policy
from console.services.tickets import (
    TicketDraft,
    assign_technician,
    change_priority,
    change_status,
    create_ticket,
    update_ticket,
)
from console.services.users import UserDraft, list_users, local_user, save_user, set_password
from console.services.visit_planning import plan_visit
from console.services.work_act import ticket_act
from console.services.workflow import update_workflow, workflow_for
from console.store.database import Database
from tests.services.maintenance_world import NOW, Book, build_book, lift_plan, make_plan

ROLES = ("dispatcher", "supervisor", "admin")


def _users(db: Database) -> dict[str, int]:
    with db.transaction() as session:
        made = {role: User(login=f"u-{role}", full_name=role, role=role) for role in ROLES}
        made["retired admin"] = User(login="u-retired", full_name="retired", role="admin", active=False)
        session.add_all(made.values())
        session.flush()
        return {role: user.id for role, user in made.items()}


def _version(
    db: Database,
    model: type[Calendar] | type[SlaPolicy] | type[Contract] | type[Ticket] | type[MaintenancePlan],
    record_id: int,
) -> int:
    with db.session() as session:
        return int(session.get_one(model, record_id).version)


def _calls(db: Database, book: Book) -> dict[str, tuple[str, Callable[[int], object], Callable[[], object]]]:
    """Per service: its right, a call as a given user, and what the database holds that it would change."""
    with db.session() as session:
        calendar_id = session.scalars(select(Calendar.id).order_by(Calendar.id)).first()
        policy_id = session.scalars(select(SlaPolicy.id)).first()
    assert calendar_id is not None and policy_id is not None
    ticket_id = create_ticket(
        db, TicketDraft(client_id=book.client, site_id=book.berlin, title="Lift stuck"), now=NOW
    )
    cancelled_id = create_ticket(
        db, TicketDraft(client_id=book.client, site_id=book.berlin, title="Called by mistake"), now=NOW
    )
    plan_id = make_plan(db, lift_plan(book, name="Escalator weekly"))
    visit_start = NOW + timedelta(days=1, hours=3)
    return {
        "create_ticket": (
            "tickets",
            lambda user: create_ticket(
                db,
                TicketDraft(client_id=book.client, site_id=book.berlin, title="Door noise"),
                user_id=user,
                now=NOW,
            ),
            lambda: _count(db, Ticket),
        ),
        "change_priority": (
            "tickets",
            lambda user: change_priority(
                db, ticket_id, "high", expected_version=_version(db, Ticket, ticket_id), user_id=user, now=NOW
            ),
            lambda: _version(db, Ticket, ticket_id),
        ),
        "assign_technician": (
            "tickets",
            lambda user: assign_technician(
                db,
                ticket_id,
                book.technician,
                expected_version=_version(db, Ticket, ticket_id),
                user_id=user,
                now=NOW,
            ),
            lambda: _version(db, Ticket, ticket_id),
        ),
        "update_workflow": (
            "workflows",
            lambda user: update_workflow(
                db,
                "incident",
                expected_version=workflow_for(db, "incident").version,
                reopen_days=9,
                user_id=user,
            ),
            lambda: workflow_for(db, "incident").version,
        ),
        "save_user": (
            "users",
            lambda user: save_user(
                db, UserDraft("newcomer", "New Comer", "dispatcher", password="long enough"), user_id=user
            ),
            lambda: _count(db, User),
        ),
        "list_users": ("users", lambda user: list_users(db, user), lambda: None),
        "import_records": (
            "reference_data",
            lambda user: import_records(db, "clients", _clients_file(db), user_id=user),
            lambda: _count(db, Client),
        ),
        "search_audit": ("audit", lambda user: search_audit(db, AuditQuery(), user_id=user), lambda: None),
        "update_calendar": (
            "calendars",
            lambda user: update_calendar(
                db,
                calendar_id,
                expected_version=_version(db, Calendar, calendar_id),
                holidays=[date(2027, 5, 3)],
                user_id=user,
            ),
            lambda: _version(db, Calendar, calendar_id),
        ),
        "update_policy": (
            "sla_policies",
            lambda user: update_policy(
                db,
                policy_id,
                expected_version=_version(db, SlaPolicy, policy_id),
                warning_ratio=0.7,
                user_id=user,
            ),
            lambda: _version(db, SlaPolicy, policy_id),
        ),
        "set_contract_policy": (
            "contracts",
            lambda user: set_contract_policy(
                db, book.contract, None, expected_version=_version(db, Contract, book.contract), user_id=user
            ),
            lambda: _version(db, Contract, book.contract),
        ),
        "update_ticket": (
            "tickets",
            lambda user: update_ticket(
                db,
                ticket_id,
                expected_version=_version(db, Ticket, ticket_id),
                title="Lift stuck, floor 2",
                user_id=user,
            ),
            lambda: _version(db, Ticket, ticket_id),
        ),
        "change_status": (
            "tickets",
            lambda user: change_status(
                db,
                cancelled_id,
                "cancelled",
                expected_version=_version(db, Ticket, cancelled_id),
                user_id=user,
                now=NOW,
            ),
            lambda: _version(db, Ticket, cancelled_id),
        ),
        "plan_visit": (
            "tickets",
            lambda user: plan_visit(
                db,
                ticket_id=ticket_id,
                technician_id=book.technician,
                start=visit_start,
                end=visit_start + timedelta(hours=1),
                user_id=user,
                now=NOW,
            ),
            lambda: _count(db, Visit),
        ),
        "update_plan": (
            "maintenance_plans",
            lambda user: update_plan(
                db,
                plan_id,
                lift_plan(book, name="Escalator weekly", duration_minutes=75),
                expected_version=_version(db, MaintenancePlan, plan_id),
                now=NOW,
                user_id=user,
            ),
            lambda: _version(db, MaintenancePlan, plan_id),
        ),
        "delete_plan": (
            "maintenance_plans",
            lambda user: delete_plan(
                db, plan_id, expected_version=_version(db, MaintenancePlan, plan_id), now=NOW, user_id=user
            ),
            lambda: _count_plans(db),
        ),
        "set_password": (
            "users",
            lambda user: set_password(db, "u-dispatcher", "a new password", user_id=user),
            lambda: _password_hash(db, "u-dispatcher"),
        ),
        "work_act": ("billing", lambda user: _act(db, ticket_id, user), lambda: None),
        "create_plan": (
            "maintenance_plans",
            lambda user: create_plan(db, lift_plan(book), now=NOW, user_id=user),
            lambda: _count_plans(db),
        ),
        "save_rules": (
            "settings",
            lambda user: save_rules(
                db, DispatchRules(), expected_version=load_rules(db).version, user_id=user
            ),
            lambda: load_rules(db).version,
        ),
        "save_company": (
            "settings",
            lambda user: save_company(
                db, CompanyDetails(vat_percent=Decimal(10)), _company_version(db), user
            ),
            lambda: _company_version(db),
        ),
        "build_report": (
            "reports",
            lambda user: build_report(db, "sla", date(2026, 11, 1), date(2026, 11, 30), user_id=user),
            lambda: None,
        ),
        "period_billing": (
            "billing",
            lambda user: _billing(db, user),
            lambda: None,
        ),
    }


def _clients_file(db: Database) -> Path:
    with db.session() as session:
        tier = session.scalars(select(ClientTier.name)).first()
    path = Path(tempfile.mkdtemp()) / "clients.csv"
    path.write_text(f"name;legal_name;tier\nVesna;OOO Vesna;{tier}\n", encoding="utf-8")
    return path


def _password_hash(db: Database, login: str) -> str | None:
    with db.session() as session:
        return session.scalar(select(User.password_hash).where(User.login == login))


def _act(db: Database, ticket_id: int, user: int) -> object:
    with db.session() as session:
        number = session.get_one(Ticket, ticket_id).number
        return ticket_act(session, number, user_id=user)


def _count(db: Database, model: type[Ticket] | type[User] | type[Client] | type[Visit]) -> int:
    with db.session() as session:
        return int(session.scalar(select(func.count()).select_from(model)) or 0)


def _count_plans(db: Database) -> int:
    with db.session() as session:
        return int(session.scalar(select(func.count()).select_from(MaintenancePlan)) or 0)


def _company_version(db: Database) -> int:
    with db.session() as session:
        return load_stored_company(session).version


def _billing(db: Database, user: int) -> object:
    with db.session() as session:
        return period_billing(session, date(2026, 11, 1), date(2026, 11, 30), user_id=user)


@pytest.mark.parametrize("role", [*ROLES, "retired admin"])
def test_each_service_refuses_the_roles_below_its_right_and_changes_nothing(db: Database, role: str) -> None:
    book = build_book(db)
    users = _users(db)
    for name, (right, call, state) in _calls(db, book).items():
        allowed = role != "retired admin" and allows(role, right)
        before = state()
        if allowed:
            call(users[role])
        else:
            with pytest.raises(AccessDenied) as refused:
                call(users[role])
            assert refused.value.right == right, name
            assert state() == before, f"{name} changed something for a {role}"


def test_the_rights_of_each_role() -> None:
    assert [right for right in RIGHTS if allows("dispatcher", right)] == ["tickets"]
    assert {right for right in RIGHTS if allows("supervisor", right)} == {
        "tickets",
        "sla_policies",
        "calendars",
        "workflows",
        "maintenance_plans",
        "reports",
        "billing",
        "audit",
    }
    assert all(allows("admin", right) for right in RIGHTS)
    assert not allows("visitor", "tickets")


def test_a_dispatcher_is_told_what_they_may_not_do(db: Database) -> None:
    users = _users(db)
    with db.session() as session, pytest.raises(AccessDenied) as refused:
        require(session, users["dispatcher"], "sla_policies")
    assert str(refused.value) == "Your role (dispatcher) may not change SLA policies; ask a supervisor."


def test_the_desk_owner_is_an_administrator_and_the_first_user_of_a_shared_server_too(db: Database) -> None:
    first = local_user(db, "anna")
    second = local_user(db, "boris")
    assert first.role == "admin"
    assert second.role == ("admin" if db.backend == "sqlite" else "dispatcher")
