"""Declarative base, column types and the value sets shared by the ORM entities.

Every timestamp is stored as UTC: `UtcDateTime` refuses naive datetimes on the way in and hands
back aware ones on the way out, so SQLite (which has no time zones) and PostgreSQL behave alike.
Enumerations are plain strings guarded by CHECK constraints, so the database itself refuses a
status or priority the code does not know.
"""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

from sqlalchemy import CheckConstraint, DateTime, Dialect, MetaData, TypeDecorator
from sqlalchemy.orm import DeclarativeBase

NAMING_CONVENTION = {
    "ix": "ix_%(column_0_label)s",
    "uq": "uq_%(table_name)s_%(column_0_N_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}


class Base(DeclarativeBase):
    metadata = MetaData(naming_convention=NAMING_CONVENTION)


class UtcDateTime(TypeDecorator[datetime]):
    """An aware datetime stored as UTC (naive UTC on SQLite, timestamptz on PostgreSQL)."""

    impl = DateTime(timezone=True)
    cache_ok = True

    def process_bind_param(self, value: datetime | None, dialect: Dialect) -> datetime | None:
        if value is None:
            return None
        if value.tzinfo is None or value.utcoffset() is None:
            raise ValueError(f"naive datetime {value!r} cannot be stored; give it a time zone")
        utc = value.astimezone(UTC)
        return utc.replace(tzinfo=None) if dialect.name == "sqlite" else utc

    def process_result_value(self, value: Any, dialect: Dialect) -> datetime | None:
        if value is None:
            return None
        if isinstance(value, str):
            value = datetime.fromisoformat(value)
        if value.tzinfo is None:
            return value.replace(tzinfo=UTC)  # type: ignore[no-any-return]
        return value.astimezone(UTC)  # type: ignore[no-any-return]


def utcnow() -> datetime:
    return datetime.now(UTC)


def one_of(column: str, values: tuple[str, ...], name: str | None = None) -> CheckConstraint:
    """CHECK that `column` holds one of `values` (NULL passes, as SQL defines it).

    Written as comparisons, not `IN (...)`: SQLite builds a lookup table for an IN list on every
    row it checks, which made inserting a ticket cost twice what it does this way (migration 0009).
    """
    return CheckConstraint(" OR ".join(f"{column} = '{v}'" for v in values), name=name or f"{column}_valid")


ROLES = ("dispatcher", "supervisor", "admin")
PRIORITIES = ("critical", "high", "normal", "low")
CATEGORIES = ("incident", "request", "maintenance", "installation", "consultation")
CHANNELS = ("phone", "email", "portal", "mobile", "planned")
TICKET_STATUSES = (
    "new",
    "assigned",
    "accepted",
    "en_route",
    "on_site",
    "waiting_client",
    "waiting_parts",
    "contractor",
    "resolved",
    "closed",
    "reopened",
    "cancelled",
)
CLOSED_STATUSES = ("resolved", "closed", "cancelled")
OPEN_STATUSES = tuple(s for s in TICKET_STATUSES if s not in CLOSED_STATUSES)
WAITING_STATUSES = ("waiting_client", "waiting_parts", "contractor")
STAGES = ("intake", "diagnostics", "repair", "parts", "contractor", "acceptance", "done")
BILLING_UNITS = ("hours", "units", "points")
CONTRACT_STATUSES = ("active", "suspended", "terminated")
AUTHORITY_SCOPES = ("site", "territory", "client")
TECHNICIAN_STATES = ("free", "en_route", "on_site", "off_shift")
VISIT_STATUSES = ("planned", "en_route", "on_site", "done", "cancelled")
CHANGE_OPS = ("insert", "update", "delete")
NON_WORKING_DAY_RULES = ("keep", "skip", "next_working_day", "previous_working_day")
