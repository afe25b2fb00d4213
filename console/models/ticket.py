"""Tickets and their change history.

A ticket carries its SLA timestamps (deadlines and the moments each clock was met) so that queues
can filter and sort by them in the database; `version` guards against two dispatchers
overwriting each other.
"""

from __future__ import annotations

from datetime import date, datetime

from sqlalchemy import CheckConstraint, ForeignKey, Index, String, Text, func, text
from sqlalchemy.orm import Mapped, mapped_column, relationship

from console.models.base import (
    CATEGORIES,
    CHANNELS,
    PRIORITIES,
    STAGES,
    TICKET_STATUSES,
    Base,
    UtcDateTime,
    one_of,
    utcnow,
)
from console.models.client import Client, Contact
from console.models.contract import Contract
from console.models.equipment import Equipment
from console.models.site import Site
from console.models.skill import Skill
from console.models.technician import Technician

SLA_STATES = ("none", "running", "paused", "warning", "critical", "breached", "met")
SLA_CLOCKS = ("reaction", "arrival", "resolution")
# Why a ticket has no SLA clock, shown to the dispatcher instead of a silent 24x7 clock.
SLA_ISSUES = (
    "no_contract",
    "contract_inactive",
    "no_policy",
    "no_target",
    "uncovered_equipment",
    "no_working_hours",
)


class Ticket(Base):
    __tablename__ = "tickets"
    __table_args__ = (
        one_of("category", CATEGORIES),
        one_of("priority", PRIORITIES),
        one_of("channel", CHANNELS),
        one_of("status", TICKET_STATUSES),
        one_of("stage", STAGES),
        one_of("sla_state", SLA_STATES),
        one_of("reaction_state", SLA_STATES),
        one_of("arrival_state", SLA_STATES),
        one_of("resolution_state", SLA_STATES),
        one_of("sla_issue", SLA_ISSUES),
        CheckConstraint("reaction_pause_seconds >= 0", name="reaction_pause_not_negative"),
        CheckConstraint("arrival_pause_seconds >= 0", name="arrival_pause_not_negative"),
        CheckConstraint("resolution_pause_seconds >= 0", name="resolution_pause_not_negative"),
        CheckConstraint("reopen_count >= 0", name="reopen_not_negative"),
        CheckConstraint("resolved_at IS NULL OR resolved_at >= created_at", name="resolved_after_created"),
        Index("ix_tickets_status", "status"),
        Index("ix_tickets_technician_status", "technician_id", "status"),
        Index("ix_tickets_skill_status", "skill_id", "status"),
        Index("ix_tickets_sla_state", "sla_state"),
        Index("ix_tickets_resolution_due", "resolution_due_at"),
        Index("ix_tickets_client_created", "client_id", "created_at"),
        Index("ix_tickets_site_created", "site_id", "created_at"),
        Index("ix_tickets_equipment", "equipment_id"),
        Index("ix_tickets_category_status", "category", "status"),
        Index("ix_tickets_created", "created_at"),
        Index("ix_tickets_contract", "contract_id"),
        Index("ix_tickets_plan", "maintenance_plan_id"),
        Index("ix_tickets_sla_next_check", "sla_next_check_at"),
        Index("ix_tickets_stage_due", "stage_due_at"),
        Index(
            "uq_tickets_maintenance_occurrence",
            "maintenance_plan_id",
            "maintenance_due_on",
            func.coalesce(text("site_id"), 0),
            func.coalesce(text("equipment_id"), 0),
            unique=True,
            sqlite_where=text("maintenance_due_on IS NOT NULL"),
            postgresql_where=text("maintenance_due_on IS NOT NULL"),
        ),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    number: Mapped[str] = mapped_column(String(24), unique=True)
    client_id: Mapped[int] = mapped_column(ForeignKey("clients.id"))
    site_id: Mapped[int | None] = mapped_column(ForeignKey("sites.id"))
    contact_id: Mapped[int | None] = mapped_column(ForeignKey("contacts.id", ondelete="SET NULL"))
    equipment_id: Mapped[int | None] = mapped_column(ForeignKey("equipment.id", ondelete="SET NULL"))
    contract_id: Mapped[int | None] = mapped_column(ForeignKey("contracts.id"))
    maintenance_plan_id: Mapped[int | None] = mapped_column(
        ForeignKey("maintenance_plans.id", ondelete="SET NULL")
    )
    category: Mapped[str] = mapped_column(String(16))
    priority: Mapped[str] = mapped_column(String(16))
    skill_id: Mapped[int | None] = mapped_column(ForeignKey("skills.id"))
    channel: Mapped[str] = mapped_column(String(16))
    status: Mapped[str] = mapped_column(String(24), default="new")
    stage: Mapped[str] = mapped_column(String(16), default="intake")
    # When the ticket entered its current status, and when it is late in it (the status's deadline in
    # the category's workflow; None when the status has none).
    status_since: Mapped[datetime | None] = mapped_column(UtcDateTime)
    stage_due_at: Mapped[datetime | None] = mapped_column(UtcDateTime)
    # The department or contractor the ticket is handed to while it is in the workflow's hand-off status.
    handed_to: Mapped[str | None] = mapped_column(String(200))
    title: Mapped[str] = mapped_column(String(200))
    description: Mapped[str] = mapped_column(Text, default="")
    billable: Mapped[bool] = mapped_column(default=False)
    technician_id: Mapped[int | None] = mapped_column(ForeignKey("technicians.id", ondelete="SET NULL"))
    created_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"))
    created_at: Mapped[datetime] = mapped_column(UtcDateTime, default=utcnow)
    updated_at: Mapped[datetime] = mapped_column(UtcDateTime, default=utcnow, onupdate=utcnow)
    planned_for: Mapped[datetime | None] = mapped_column(UtcDateTime)
    # A planned maintenance job's occurrence: the date its plan's rule gives (the job itself may be
    # moved off a non-working day). With the plan, site and unit it is the job's identity, unique in
    # the database, so that no generator run, however concurrent or interrupted, makes a job twice.
    maintenance_due_on: Mapped[date | None]

    reaction_due_at: Mapped[datetime | None] = mapped_column(UtcDateTime)
    arrival_due_at: Mapped[datetime | None] = mapped_column(UtcDateTime)
    resolution_due_at: Mapped[datetime | None] = mapped_column(UtcDateTime)
    reacted_at: Mapped[datetime | None] = mapped_column(UtcDateTime)
    arrived_at: Mapped[datetime | None] = mapped_column(UtcDateTime)
    resolved_at: Mapped[datetime | None] = mapped_column(UtcDateTime)
    closed_at: Mapped[datetime | None] = mapped_column(UtcDateTime)
    paused_since: Mapped[datetime | None] = mapped_column(UtcDateTime)
    # SLA clocks: each clock's state and its accumulated pause (business seconds the clock stood still);
    # `sla_state` is the most urgent of them, for queues. `sla_left_seconds` is the resolution clock's
    # business time left as of the last evaluation (exact while paused); `sla_next_check_at` is when a
    # running clock next crosses a warning threshold or its deadline.
    reaction_state: Mapped[str] = mapped_column(String(16), default="none")
    arrival_state: Mapped[str] = mapped_column(String(16), default="none")
    resolution_state: Mapped[str] = mapped_column(String(16), default="none")
    reaction_pause_seconds: Mapped[int] = mapped_column(default=0)
    arrival_pause_seconds: Mapped[int] = mapped_column(default=0)
    resolution_pause_seconds: Mapped[int] = mapped_column(default=0)
    sla_state: Mapped[str] = mapped_column(String(16), default="none")
    sla_left_seconds: Mapped[int | None]
    sla_next_check_at: Mapped[datetime | None] = mapped_column(UtcDateTime)
    sla_issue: Mapped[str | None] = mapped_column(String(24))
    reopen_count: Mapped[int] = mapped_column(default=0)
    version: Mapped[int] = mapped_column(default=1)

    client: Mapped[Client] = relationship()
    site: Mapped[Site | None] = relationship()
    contact: Mapped[Contact | None] = relationship()
    equipment: Mapped[Equipment | None] = relationship()
    contract: Mapped[Contract | None] = relationship()
    skill: Mapped[Skill | None] = relationship()
    technician: Mapped[Technician | None] = relationship()
    history: Mapped[list[TicketHistory]] = relationship(
        back_populates="ticket", cascade="all, delete-orphan", order_by="TicketHistory.id"
    )

    __mapper_args__ = {"version_id_col": version}


class TicketHistory(Base):
    """One changed field of a ticket: who, when, the old and the new value (as text), and the version."""

    __tablename__ = "ticket_history"
    __table_args__ = (
        Index("ix_ticket_history_ticket_field_at", "ticket_id", "field", "at"),
        Index("ix_ticket_history_field_at", "field", "at"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    ticket_id: Mapped[int] = mapped_column(ForeignKey("tickets.id", ondelete="CASCADE"))
    at: Mapped[datetime] = mapped_column(UtcDateTime, default=utcnow)
    user_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"))
    field: Mapped[str] = mapped_column(String(40))
    old_value: Mapped[str | None] = mapped_column(Text)
    new_value: Mapped[str | None] = mapped_column(Text)
    # The ticket version the change produced (None for derived changes that do not bump the version, such
    # as SLA clock moves), so that a refused stale save can be told what changed since its version.
    version: Mapped[int | None]

    ticket: Mapped[Ticket] = relationship(back_populates="history")
