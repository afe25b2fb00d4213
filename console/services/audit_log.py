"""Searching the audit log: who changed what, when, from which value to which (supervisors only).

The log itself is written by the data layer from every change (store/audit_trail.py) and cannot be
changed; this module only reads it, newest first, naming each record the way people know it
(a ticket by its number, a user by their login) rather than by its row id.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Final

from sqlalchemy import ColumnElement, or_, select
from sqlalchemy.orm import Session

from console.models import (
    AuditEntry,
    Calendar,
    Client,
    Contract,
    MaintenancePlan,
    Site,
    SlaPolicy,
    Ticket,
    User,
)
from console.services.access import require
from console.store.audit_trail import AUDITED
from console.store.database import Database

SEARCH_LIMIT: Final = 2000
# How a record of each table is named on screen.
_NAMES: Final = {
    "tickets": Ticket.number,
    "contracts": Contract.number,
    "users": User.login,
    "clients": Client.name,
    "sites": Site.name,
    "maintenance_plans": MaintenancePlan.name,
    "sla_policies": SlaPolicy.name,
    "calendars": Calendar.name,
}


@dataclass(frozen=True, slots=True)
class AuditQuery:
    """What to look for; every part left None matches everything."""

    since: datetime | None = None
    until: datetime | None = None
    entity: str | None = None
    entity_id: int | None = None
    actor_id: int | None = None
    text: str | None = None
    limit: int = SEARCH_LIMIT


@dataclass(frozen=True, slots=True)
class AuditRecord:
    """One audit row as a supervisor reads it; `actor` None is the system."""

    id: int
    at: datetime
    actor: str | None
    entity: str
    entity_id: int | None
    record: str
    op: str
    field: str | None
    old: str | None
    new: str | None


def audited_entities() -> list[str]:
    """The tables whose changes the log holds, for a filter's choices."""
    return sorted(AUDITED)


def actors(db: Database, *, user_id: int | None) -> list[tuple[int, str]]:
    """(id, full name) of every user, disabled ones too, by name: who the log may name, for a filter.

    Needs only the "audit" right: a supervisor searching the log is not allowed the user list itself.
    """
    with db.session() as session:
        require(session, user_id, "audit")
        rows = session.execute(select(User.id, User.full_name).order_by(User.full_name, User.login))
        return [(actor_id, name) for actor_id, name in rows]


def _conditions(query: AuditQuery) -> list[ColumnElement[bool]]:
    conditions: list[ColumnElement[bool]] = []
    if query.since is not None:
        conditions.append(AuditEntry.at >= query.since)
    if query.until is not None:
        conditions.append(AuditEntry.at < query.until)
    if query.entity is not None:
        conditions.append(AuditEntry.entity == query.entity)
    if query.entity_id is not None:
        conditions.append(AuditEntry.entity_id == query.entity_id)
    if query.actor_id is not None:
        conditions.append(AuditEntry.user_id == query.actor_id)
    if query.text:
        literal = query.text.strip().replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
        pattern = f"%{literal}%"
        conditions.append(
            or_(
                AuditEntry.old_value.ilike(pattern, escape="\\"),
                AuditEntry.new_value.ilike(pattern, escape="\\"),
                AuditEntry.field.ilike(pattern, escape="\\"),
            )
        )
    return conditions


def _record_names(session: Session, wanted: dict[str, set[int]]) -> dict[tuple[str, int], str]:
    names: dict[tuple[str, int], str] = {}
    for entity, ids in wanted.items():
        column = _NAMES.get(entity)
        if column is None:
            continue
        key = column.class_.id
        for record_id, name in session.execute(select(key, column).where(key.in_(ids))):
            names[(entity, record_id)] = str(name)
    return names


def search_audit(db: Database, query: AuditQuery, *, user_id: int | None) -> list[AuditRecord]:
    """The audit rows matching `query`, newest first, at most `query.limit` of them."""
    with db.session() as session:
        require(session, user_id, "audit")
        rows = session.execute(
            select(AuditEntry, User.full_name)
            .outerjoin(User, User.id == AuditEntry.user_id)
            .where(*_conditions(query))
            .order_by(AuditEntry.id.desc())
            .limit(query.limit)
        ).all()
        wanted: dict[str, set[int]] = defaultdict(set)
        for entry, _actor in rows:
            if entry.entity_id is not None:
                wanted[entry.entity].add(entry.entity_id)
        names = _record_names(session, wanted)
    return [
        AuditRecord(
            entry.id,
            entry.at,
            actor,
            entry.entity,
            entry.entity_id,
            entry.record_key or names.get((entry.entity, entry.entity_id or 0), f"#{entry.entity_id}"),
            entry.op,
            entry.field,
            entry.old_value,
            entry.new_value,
        )
        for entry, actor in rows
    ]


def latest_change(db: Database, entity: str, record: int | str, *, user_id: int | None) -> list[AuditRecord]:
    """The newest change of one record (all its fields), for telling a refused editor what happened.

    Any active user may ask: it only says who changed the record they are editing, and what.
    """
    column = AuditEntry.entity_id if isinstance(record, int) else AuditEntry.record_key
    with db.session() as session:
        require(session, user_id, "tickets")
        newest = session.scalar(
            select(AuditEntry.at)
            .where(AuditEntry.entity == entity, column == record)
            .order_by(AuditEntry.id.desc())
            .limit(1)
        )
    if newest is None:
        return []
    found = search_audit(
        db,
        AuditQuery(since=newest, until=newest + timedelta(microseconds=1), entity=entity, limit=SEARCH_LIMIT),
        user_id=None,
    )
    return [r for r in found if (r.entity_id if isinstance(record, int) else r.record) == record]
