"""Ticket workflows per category: statuses with their stage and deadline, allowed transitions, checklists.

A category's workflow is data a supervisor can change, not code: which status may follow which,
the stage a ticket is in while in a status and how long it may stay there, which fields a ticket
of the category must have, how many days after resolution it may still be reopened for rework,
and the checklist that must be complete before it is resolved. `ticket_checklist` holds the
items done on each ticket (a row per done item: who ticked it and when).
"""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import CheckConstraint, ForeignKey, ForeignKeyConstraint, String, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from console.models.base import CATEGORIES, STAGES, TICKET_STATUSES, Base, UtcDateTime, one_of

# The ticket fields a category can make mandatory, in the order the ticket dialog shows them.
MANDATORY_FIELDS = ("site", "contact", "equipment", "description", "skill")


class CategoryWorkflow(Base):
    """The workflow settings of one ticket category; `version` guards two supervisors' edits."""

    __tablename__ = "category_workflows"
    __table_args__ = (
        one_of("category", CATEGORIES),
        CheckConstraint("reopen_days >= 0", name="reopen_days_not_negative"),
    )

    category: Mapped[str] = mapped_column(String(16), primary_key=True)
    reopen_days: Mapped[int] = mapped_column(default=0)
    # Comma-separated names from MANDATORY_FIELDS.
    mandatory_fields: Mapped[str] = mapped_column(String(120), default="")
    version: Mapped[int] = mapped_column(default=1)

    __mapper_args__ = {"version_id_col": version}


class WorkflowStatus(Base):
    """A status a ticket of the category can be in: its stage, its deadline, its place in menus."""

    __tablename__ = "workflow_statuses"
    __table_args__ = (
        one_of("status", TICKET_STATUSES),
        one_of("stage", STAGES),
        CheckConstraint("deadline_minutes IS NULL OR deadline_minutes > 0", name="deadline_positive"),
    )

    category: Mapped[str] = mapped_column(
        ForeignKey("category_workflows.category", ondelete="CASCADE"), primary_key=True
    )
    status: Mapped[str] = mapped_column(String(24), primary_key=True)
    stage: Mapped[str] = mapped_column(String(16))
    # How long a ticket may stay in this status before its stage is late; None: no limit.
    deadline_minutes: Mapped[int | None]
    position: Mapped[int]


class WorkflowTransition(Base):
    """A status change the category's workflow allows (both ends are statuses of the same workflow)."""

    __tablename__ = "workflow_transitions"
    __table_args__ = (
        one_of("from_status", TICKET_STATUSES),
        one_of("to_status", TICKET_STATUSES),
        CheckConstraint("from_status <> to_status", name="changes_status"),
        # Named explicitly: the naming convention would give both the same name (after `category`).
        ForeignKeyConstraint(
            ["category", "from_status"],
            ["workflow_statuses.category", "workflow_statuses.status"],
            name="fk_workflow_transitions_from_status_workflow_statuses",
            ondelete="CASCADE",
        ),
        ForeignKeyConstraint(
            ["category", "to_status"],
            ["workflow_statuses.category", "workflow_statuses.status"],
            name="fk_workflow_transitions_to_status_workflow_statuses",
            ondelete="CASCADE",
        ),
    )

    category: Mapped[str] = mapped_column(
        ForeignKey("category_workflows.category", ondelete="CASCADE"), primary_key=True
    )
    from_status: Mapped[str] = mapped_column(String(24), primary_key=True)
    to_status: Mapped[str] = mapped_column(String(24), primary_key=True)


class ChecklistItem(Base):
    """One item of a category's checklist, which must be done before a ticket is resolved."""

    __tablename__ = "checklist_items"
    __table_args__ = (
        UniqueConstraint("category", "position"),
        CheckConstraint("trim(text) <> ''", name="text_not_empty"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    category: Mapped[str] = mapped_column(ForeignKey("category_workflows.category", ondelete="CASCADE"))
    position: Mapped[int]
    text: Mapped[str] = mapped_column(String(200))


class TicketChecklistMark(Base):
    """A checklist item done on a ticket; an item without a row is not done."""

    __tablename__ = "ticket_checklist"

    ticket_id: Mapped[int] = mapped_column(ForeignKey("tickets.id", ondelete="CASCADE"), primary_key=True)
    item_id: Mapped[int] = mapped_column(
        ForeignKey("checklist_items.id", ondelete="CASCADE"), primary_key=True
    )
    done_at: Mapped[datetime] = mapped_column(UtcDateTime)
    done_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"))
