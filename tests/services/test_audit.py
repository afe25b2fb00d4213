"""The audit log: every accepted change once, with who, when, old and new; unchangeable; searchable.

Runs on SQLite and PostgreSQL: the refusal to change the log is the database's own (triggers), so
it must hold on both.
"""

from __future__ import annotations

import json
from datetime import UTC, datetime, timedelta

import pytest
from sqlalchemy import func, select, text
from sqlalchemy.exc import DBAPIError

from console.models import AuditEntry, SlaPolicy, Ticket, User
from console.services.access import AccessDenied
from console.services.audit_log import AuditQuery, search_audit
from console.services.dispatch_rules import DispatchRules, load_rules, save_rules
from console.services.sla_rules import update_policy
from console.services.tickets import TicketConflict, TicketDraft, change_priority, create_ticket
from console.services.users import UserDraft, save_user
from console.services.workflow import update_workflow, workflow_for
from console.store.database import Database
from tests.services.maintenance_world import NOW, Book, build_book


def _staff(db: Database) -> dict[str, int]:
    with db.transaction() as session:
        made = {
            role: User(login=f"a-{role}", full_name=f"Anna {role.title()}", role=role)
            for role in ("dispatcher", "supervisor", "admin")
        }
        session.add_all(made.values())
        session.flush()
        return {role: user.id for role, user in made.items()}


def _ticket(db: Database, book: Book, user_id: int) -> int:
    return create_ticket(
        db,
        TicketDraft(
            client_id=book.client, site_id=book.berlin, title="Lift stuck on floor 2", priority="normal"
        ),
        user_id=user_id,
        now=NOW,
    )


def _version(db: Database, ticket_id: int) -> int:
    with db.session() as session:
        return session.get_one(Ticket, ticket_id).version


def _entries(db: Database, entity: str, entity_id: int) -> list[AuditEntry]:
    with db.session() as session:
        return list(
            session.scalars(
                select(AuditEntry)
                .where(AuditEntry.entity == entity, AuditEntry.entity_id == entity_id)
                .order_by(AuditEntry.id)
            )
        )


def test_a_ticket_edit_is_logged_once_with_who_old_and_new(db: Database) -> None:
    book = build_book(db)
    staff = _staff(db)
    ticket_id = _ticket(db, book, staff["dispatcher"])
    created = _entries(db, "tickets", ticket_id)
    assert [(e.op, e.user_id) for e in created] == [("insert", staff["dispatcher"])]
    values = json.loads(created[0].new_value or "")
    assert values["title"] == "Lift stuck on floor 2" and values["priority"] == "normal"
    assert "version" not in values

    change_priority(
        db,
        ticket_id,
        "critical",
        expected_version=_version(db, ticket_id),
        user_id=staff["supervisor"],
        now=NOW,
    )
    updates = [e for e in _entries(db, "tickets", ticket_id) if e.op == "update"]
    priority = [e for e in updates if e.field == "priority"]
    assert [(e.user_id, e.old_value, e.new_value) for e in priority] == [
        (staff["supervisor"], "normal", "critical")
    ]
    assert all(e.field != "version" for e in updates)
    assert priority[0].at is not None and abs(priority[0].at - datetime.now(UTC)) < timedelta(minutes=1)


def test_a_refused_change_leaves_nothing_in_the_log(db: Database) -> None:
    book = build_book(db)
    staff = _staff(db)
    ticket_id = _ticket(db, book, staff["dispatcher"])
    before = len(_entries(db, "tickets", ticket_id))
    with pytest.raises(TicketConflict):
        change_priority(db, ticket_id, "low", expected_version=7, user_id=staff["dispatcher"], now=NOW)
    assert len(_entries(db, "tickets", ticket_id)) == before


def test_policies_and_users_are_logged_and_passwords_never_are(db: Database) -> None:
    build_book(db)
    staff = _staff(db)
    with db.session() as session:
        policy = session.scalars(select(SlaPolicy)).first()
        assert policy is not None
        policy_id, version, old_ratio = policy.id, policy.version, policy.warning_ratio
    update_policy(db, policy_id, expected_version=version, warning_ratio=0.55, user_id=staff["supervisor"])
    ratio = [e for e in _entries(db, "sla_policies", policy_id) if e.field == "warning_ratio"]
    assert [(e.user_id, float(e.old_value or 0), float(e.new_value or 0)) for e in ratio] == [
        (staff["supervisor"], float(old_ratio), 0.55)
    ]

    made = save_user(
        db, UserDraft("boris", "Boris Petrov", "dispatcher", password="correct horse"), user_id=staff["admin"]
    )
    save_user(
        db,
        UserDraft("boris", "Boris Petrov", "supervisor", password="battery staple"),
        user_id=staff["admin"],
        record_id=made.id,
        expected_version=made.version,
    )
    logged = _entries(db, "users", made.id)
    assert "correct horse" not in str([(e.old_value, e.new_value) for e in logged])
    assert json.loads(logged[0].new_value or "")["password_hash"] == "•••"
    fields = {e.field: (e.old_value, e.new_value) for e in logged if e.op == "update"}
    assert fields["role"] == ("dispatcher", "supervisor")
    assert fields["password_hash"] == ("•••", "•••")


@pytest.mark.parametrize("statement", ["UPDATE audit_log SET new_value = 'x'", "DELETE FROM audit_log"])
def test_the_database_refuses_to_change_the_log(db: Database, statement: str) -> None:
    book = build_book(db)
    staff = _staff(db)
    _ticket(db, book, staff["dispatcher"])
    with db.session() as session:
        count = session.scalar(select(func.count()).select_from(AuditEntry))
    with pytest.raises(DBAPIError, match="audit log cannot be changed"), db.transaction() as session:
        session.execute(text(statement))
    with db.session() as session:
        assert session.scalar(select(func.count()).select_from(AuditEntry)) == count
        assert (
            session.scalar(select(func.count()).select_from(AuditEntry).where(AuditEntry.new_value == "x"))
            == 0
        )


def test_supervisors_search_the_log_and_dispatchers_may_not(db: Database) -> None:
    book = build_book(db)
    staff = _staff(db)
    first = _ticket(db, book, staff["dispatcher"])
    second = _ticket(db, book, staff["dispatcher"])
    change_priority(
        db, second, "high", expected_version=_version(db, second), user_id=staff["supervisor"], now=NOW
    )
    with db.session() as session:
        number = session.get_one(Ticket, second).number

    found = search_audit(
        db, AuditQuery(entity="tickets", actor_id=staff["supervisor"]), user_id=staff["supervisor"]
    )
    assert {(r.record, r.field, r.old, r.new, r.actor) for r in found if r.field == "priority"} == {
        (number, "priority", "normal", "high", "Anna Supervisor")
    }
    assert all(r.entity_id == second for r in found)
    assert search_audit(db, AuditQuery(text="hi_h"), user_id=staff["admin"]) == []
    by_text = search_audit(db, AuditQuery(text="HIGH"), user_id=staff["admin"])
    assert any(r.entity_id == second and r.field == "priority" for r in by_text)
    one_ticket = search_audit(db, AuditQuery(entity="tickets", entity_id=first), user_id=staff["admin"])
    assert {r.entity_id for r in one_ticket} == {first} and one_ticket[-1].op == "insert"
    newest_first = [r.id for r in search_audit(db, AuditQuery(), user_id=staff["admin"])]
    assert newest_first == sorted(newest_first, reverse=True)
    future = search_audit(
        db, AuditQuery(since=datetime.now(UTC) + timedelta(hours=1)), user_id=staff["admin"]
    )
    assert future == []
    with pytest.raises(AccessDenied):
        search_audit(db, AuditQuery(), user_id=staff["dispatcher"])


def test_records_keyed_by_name_are_logged_under_their_key(db: Database) -> None:
    build_book(db)
    staff = _staff(db)
    save_rules(db, DispatchRules(), expected_version=load_rules(db).version, user_id=staff["admin"])
    workflow = workflow_for(db, "incident")
    update_workflow(
        db, "incident", expected_version=workflow.version, reopen_days=9, user_id=staff["supervisor"]
    )
    found = search_audit(db, AuditQuery(), user_id=staff["admin"])
    settings = [r for r in found if r.entity == "shared_settings"]
    assert settings and {r.entity_id for r in settings} == {None}
    assert {r.record for r in settings} == {"dispatch_rules"} and settings[0].actor == "Anna Admin"
    reopen = [r for r in found if r.entity == "category_workflows" and r.field == "reopen_days"]
    assert [(r.record, r.new, r.actor) for r in reopen] == [("incident", "9", "Anna Supervisor")]
