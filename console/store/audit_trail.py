"""Writing the audit log: every change to the records a team answers for, from the flush that made it.

A session hook turns each flushed insert, update and delete of an audited table into audit rows in
the same transaction, so a change and its audit entry commit or roll back together and an accepted
change is logged exactly once. The acting user is the one the service checked the rights of
(`ACTOR_KEY` in the session's info, set by `access.require`), else the user the console signed in
as; without either it is the system (headless commands, the scheduler). Changes written without
the ORM (planned jobs made in bulk) are logged with `append`.
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from datetime import date, datetime
from decimal import Decimal
from typing import Any, Final, cast

from sqlalchemy import Table, event, inspect
from sqlalchemy.orm import Session, SessionTransaction

from console.models import AuditEntry, Base
from console.models.base import utcnow
from console.store.bulk import RowEncoder, insert_encoded

ACTOR_KEY: Final = "acting_user_id"
_PENDING_KEY: Final = "audit_inserted"
# The tables whose changes are audited: tickets, contracts and their terms, SLA policies and
# calendars, maintenance plans, users, team settings and the reference data they rest on.
AUDITED: Final = frozenset(
    {
        "tickets",
        "contracts",
        "contract_services",
        "sla_policies",
        "sla_targets",
        "sla_pause_statuses",
        "calendars",
        "calendar_days",
        "maintenance_plans",
        "users",
        "shared_settings",
        "clients",
        "contacts",
        "sites",
        "equipment",
        "technicians",
        "category_workflows",
        "workflow_statuses",
        "workflow_transitions",
        "checklist_items",
    }
)
SKIPPED: Final = frozenset({"version", "updated_at"})  # the log's own row says when
SECRET: Final = frozenset({"password_hash"})
HIDDEN_VALUE: Final = "•••"
_COLUMNS: Final = (
    "at",
    "user_id",
    "entity",
    "entity_id",
    "record_key",
    "op",
    "field",
    "old_value",
    "new_value",
)

# (table, the record's id or key, op, field, old value, new value)
AuditRow = tuple[str, int | str, str, str | None, str | None, str | None]


def as_text(value: Any) -> str | None:
    """A stored value as the audit log keeps it: readable, and the same for equal values."""
    if value is None:
        return None
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, datetime | date):
        return value.isoformat()
    if isinstance(value, Decimal):
        return format(value, "f")
    if isinstance(value, dict | list):
        return json.dumps(value, ensure_ascii=False, sort_keys=True, default=str)
    return str(value)


def _shown(column: str, value: Any) -> str | None:
    return HIDDEN_VALUE if column in SECRET and value is not None else as_text(value)


def _record(obj: Base, *, load: bool = False) -> str:
    """The record's values as JSON; `load` reads attributes expired by a bulk update first."""
    values = inspect(obj).dict
    return json.dumps(
        {
            attr.key: _shown(attr.key, getattr(obj, attr.key) if load else values.get(attr.key))
            for attr in obj.__mapper__.column_attrs
            if attr.key not in SKIPPED
        },
        ensure_ascii=False,
    )


def _pk(obj: Base) -> int | str | None:
    """The record's id, or its key written out ("incident/resolved") when that is not one number."""
    identity = obj.__mapper__.primary_key_from_instance(obj)
    if any(part is None for part in identity):
        return None
    if len(identity) == 1 and isinstance(identity[0], int):
        return identity[0]
    return "/".join(str(part) for part in identity)


def _updates(obj: Base, entity_id: int | str) -> Iterable[AuditRow]:
    state = inspect(obj)
    for attr in obj.__mapper__.column_attrs:
        if attr.key in SKIPPED:
            continue
        history = state.attrs[attr.key].history
        if not history.added and not history.deleted:
            continue
        old = history.deleted[0] if history.deleted else None
        new = history.added[0] if history.added else None
        if as_text(old) == as_text(new):
            continue
        yield (obj.__tablename__, entity_id, "update", attr.key, _shown(attr.key, old), _shown(attr.key, new))


def acting_user(session: Session) -> int | None:
    """Who the changes of this session are made by (None: the system)."""
    return cast("int | None", session.info.get(ACTOR_KEY))


def append(session: Session, rows: Iterable[AuditRow]) -> None:
    """Log changes: (table, record id or key, op, field, old value, new value) each, by the acting user.

    Updates of a record inserted in the same transaction are left to its insert entry.
    """
    found = list(rows)
    inserted = {(obj.__tablename__, _pk(obj)) for obj in session.info.get(_PENDING_KEY, {}).values()}
    if inserted:
        found = [row for row in found if row[2] != "update" or (row[0], row[1]) not in inserted]
    if not found:
        return
    connection = session.connection()
    encoder = RowEncoder(connection, cast(Table, AuditEntry.__table__), _COLUMNS)
    at, user_id = encoder.encode([utcnow(), acting_user(session)], only=("at", "user_id"))
    insert_encoded(
        connection,
        encoder,
        [
            (at, user_id, entity, *((record, None) if isinstance(record, int) else (None, record)), *rest)
            for entity, record, *rest in found
        ],
    )


def _audited(obj: object) -> Base | None:
    return obj if isinstance(obj, Base) and obj.__tablename__ in AUDITED else None


def _pending(session: Session) -> dict[int, Base]:
    return cast("dict[int, Base]", session.info.setdefault(_PENDING_KEY, {}))


def record_audit(session: Session, _flush_context: Any) -> None:
    """Session `after_flush` hook: audit what this flush updated or deleted, and note what it inserted.

    A record inserted in this transaction is logged once, as it is at commit, however many flushes
    shaped it (a ticket gets its number after its id): see `log_inserts`.
    """
    pending = _pending(session)
    rows: list[AuditRow] = []
    for obj in map(_audited, session.new):
        if obj is not None:
            pending[id(obj)] = obj
    for obj in map(_audited, session.dirty):
        if obj is not None and id(obj) not in pending and (entity_id := _pk(obj)) is not None:
            rows.extend(_updates(obj, entity_id))
    for obj in map(_audited, session.deleted):
        if obj is None or pending.pop(id(obj), None) is not None or (entity_id := _pk(obj)) is None:
            continue
        rows.append((obj.__tablename__, entity_id, "delete", None, _record(obj), None))
    append(session, rows)


def log_inserts(session: Session) -> None:
    """Session `before_commit` hook: log the records this transaction inserted, as they are now."""
    if not session.info.get(_PENDING_KEY):
        return
    session.flush()
    pending = session.info.pop(_PENDING_KEY, {})
    append(
        session,
        (
            (obj.__tablename__, entity_id, "insert", None, None, _record(obj, load=True))
            for obj in pending.values()
            if inspect(obj).persistent and (entity_id := _pk(obj)) is not None
        ),
    )


def forget_inserts(session: Session, transaction: SessionTransaction) -> None:
    """Session `after_transaction_end` hook: a transaction rolled back leaves nothing to log."""
    if transaction.parent is None:
        session.info.pop(_PENDING_KEY, None)


def install(session_class: type[Session]) -> None:
    """Attach the audit recorder to every session of `session_class`."""
    for name, hook in (
        ("after_flush", record_audit),
        ("before_commit", log_inserts),
        ("after_transaction_end", forget_inserts),
    ):
        if not event.contains(session_class, name, hook):
            event.listen(session_class, name, hook)
