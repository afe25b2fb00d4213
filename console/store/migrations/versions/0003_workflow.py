"""Ticket workflows per category (statuses, stages, deadlines, transitions, checklists), saved queues.

Tickets learn when they entered their status, when their stage is late and whom they are handed
to; history rows learn the ticket version they produced. Every category gets a default workflow,
written out here rather than imported from the console so that this migration always seeds the
same rows, whatever the console's code later says.

Revision ID: 0003
Revises: 0002
Create Date: 2026-11-24 10:00:00
"""

from __future__ import annotations

from typing import Any

import sqlalchemy as sa
from alembic import op

revision = "0003"
down_revision = "0002"
branch_labels = None
depends_on = None

CATEGORIES = "'incident', 'request', 'maintenance', 'installation', 'consultation'"
STATUSES = (
    "'new', 'assigned', 'accepted', 'en_route', 'on_site', 'waiting_client', 'waiting_parts', "
    "'contractor', 'resolved', 'closed', 'reopened', 'cancelled'"
)
STAGES = "'intake', 'diagnostics', 'repair', 'parts', 'contractor', 'acceptance', 'done'"

DAY = 24 * 60

# The field-service flow of incidents, requests and installations: new -> assigned -> accepted ->
# en_route -> on_site -> resolved -> closed, with short cuts where the technician is already there;
# waiting for the client, for parts or for a contractor from the working statuses and back;
# reopening from resolved or closed; cancelling before the work starts. Any open ticket may be
# closed outright (a duplicate, or solved over the phone).
FIELD_SERVICE_STAGES = {
    "new": "intake",
    "assigned": "diagnostics",
    "accepted": "diagnostics",
    "en_route": "diagnostics",
    "on_site": "repair",
    "waiting_client": "acceptance",
    "waiting_parts": "parts",
    "contractor": "contractor",
    "resolved": "acceptance",
    "closed": "done",
    "reopened": "repair",
    "cancelled": "done",
}
FIELD_SERVICE_TRANSITIONS = {
    "new": (
        "assigned",
        "accepted",
        "on_site",
        "waiting_client",
        "waiting_parts",
        "contractor",
        "closed",
        "cancelled",
    ),
    "assigned": (
        "accepted",
        "en_route",
        "on_site",
        "waiting_client",
        "waiting_parts",
        "contractor",
        "closed",
        "cancelled",
    ),
    "accepted": (
        "en_route",
        "on_site",
        "waiting_client",
        "waiting_parts",
        "contractor",
        "closed",
        "cancelled",
    ),
    "en_route": ("on_site", "waiting_client", "waiting_parts", "contractor", "closed", "cancelled"),
    "on_site": ("resolved", "waiting_client", "waiting_parts", "contractor", "closed"),
    "waiting_client": ("assigned", "accepted", "en_route", "on_site", "resolved", "closed", "cancelled"),
    "waiting_parts": ("accepted", "en_route", "on_site", "contractor", "closed"),
    "contractor": ("accepted", "en_route", "on_site", "waiting_parts", "resolved", "closed"),
    "resolved": ("closed", "reopened"),
    "closed": ("reopened",),
    "reopened": (
        "assigned",
        "accepted",
        "en_route",
        "on_site",
        "waiting_client",
        "waiting_parts",
        "contractor",
        "resolved",
        "closed",
    ),
}

# Planned maintenance: the visit is planned ahead, so no short cuts and no contractor.
MAINTENANCE_STAGES = {s: FIELD_SERVICE_STAGES[s] for s in FIELD_SERVICE_STAGES if s != "contractor"}
MAINTENANCE_TRANSITIONS = {
    "new": ("assigned", "waiting_client", "closed", "cancelled"),
    "assigned": ("accepted", "waiting_client", "closed", "cancelled"),
    "accepted": ("en_route", "on_site", "waiting_client", "closed", "cancelled"),
    "en_route": ("on_site", "waiting_client", "closed"),
    "on_site": ("resolved", "waiting_client", "waiting_parts", "closed"),
    "waiting_client": ("assigned", "accepted", "en_route", "on_site", "closed", "cancelled"),
    "waiting_parts": ("accepted", "on_site", "closed"),
    "resolved": ("closed", "reopened"),
    "closed": ("reopened",),
    "reopened": ("assigned", "accepted", "on_site", "resolved", "closed"),
}

# A consultation is answered at once: new -> resolved -> closed.
CONSULTATION_STAGES = {
    "new": "intake",
    "resolved": "acceptance",
    "closed": "done",
    "reopened": "diagnostics",
    "cancelled": "done",
}
CONSULTATION_TRANSITIONS = {
    "new": ("resolved", "closed", "cancelled"),
    "resolved": ("closed", "reopened"),
    "closed": ("reopened",),
    "reopened": ("resolved", "closed"),
}

# Per category: stages, transitions, deadline minutes per status (missing: none), reopen days,
# mandatory fields, checklist.
DEFAULTS: dict[str, dict[str, Any]] = {
    "incident": {
        "stages": FIELD_SERVICE_STAGES,
        "transitions": FIELD_SERVICE_TRANSITIONS,
        "deadlines": {
            "new": 30,
            "assigned": 60,
            "accepted": 120,
            "en_route": 180,
            "on_site": 480,
            "waiting_client": 3 * DAY,
            "waiting_parts": 7 * DAY,
            "contractor": 5 * DAY,
            "resolved": 3 * DAY,
            "reopened": 60,
        },
        "reopen_days": 14,
        "mandatory": "site",
        "checklist": (),
    },
    "request": {
        "stages": FIELD_SERVICE_STAGES,
        "transitions": FIELD_SERVICE_TRANSITIONS,
        "deadlines": {
            "new": 120,
            "assigned": 480,
            "accepted": DAY,
            "en_route": 240,
            "on_site": 480,
            "waiting_client": 3 * DAY,
            "waiting_parts": 7 * DAY,
            "contractor": 5 * DAY,
            "resolved": 3 * DAY,
            "reopened": 240,
        },
        "reopen_days": 7,
        "mandatory": "contact",
        "checklist": (),
    },
    "maintenance": {
        "stages": MAINTENANCE_STAGES,
        "transitions": MAINTENANCE_TRANSITIONS,
        "deadlines": {
            "new": DAY,
            "assigned": DAY,
            "en_route": 180,
            "on_site": 480,
            "waiting_client": 3 * DAY,
            "waiting_parts": 7 * DAY,
            "resolved": 3 * DAY,
            "reopened": DAY,
        },
        "reopen_days": 30,
        "mandatory": "site,equipment",
        "checklist": ("Checklist of the service regulation done", "Next service date agreed"),
    },
    "installation": {
        "stages": FIELD_SERVICE_STAGES,
        "transitions": FIELD_SERVICE_TRANSITIONS,
        "deadlines": {
            "new": 240,
            "assigned": DAY,
            "accepted": 2 * DAY,
            "en_route": 240,
            "on_site": 960,
            "waiting_client": 3 * DAY,
            "waiting_parts": 10 * DAY,
            "contractor": 7 * DAY,
            "resolved": 3 * DAY,
            "reopened": DAY,
        },
        "reopen_days": 30,
        "mandatory": "site",
        "checklist": (
            "Equipment commissioned and tested",
            "Client staff instructed",
            "Work completion act signed",
        ),
    },
    "consultation": {
        "stages": CONSULTATION_STAGES,
        "transitions": CONSULTATION_TRANSITIONS,
        "deadlines": {"new": 60, "resolved": DAY, "reopened": 60},
        "reopen_days": 3,
        "mandatory": "",
        "checklist": (),
    },
}


def _seed() -> None:
    workflows = sa.table(
        "category_workflows",
        sa.column("category", sa.String),
        sa.column("reopen_days", sa.Integer),
        sa.column("mandatory_fields", sa.String),
        sa.column("version", sa.Integer),
    )
    statuses = sa.table(
        "workflow_statuses",
        sa.column("category", sa.String),
        sa.column("status", sa.String),
        sa.column("stage", sa.String),
        sa.column("deadline_minutes", sa.Integer),
        sa.column("position", sa.Integer),
    )
    transitions = sa.table(
        "workflow_transitions",
        sa.column("category", sa.String),
        sa.column("from_status", sa.String),
        sa.column("to_status", sa.String),
    )
    checklist = sa.table(
        "checklist_items",
        sa.column("category", sa.String),
        sa.column("position", sa.Integer),
        sa.column("text", sa.String),
    )
    for category, spec in DEFAULTS.items():
        op.bulk_insert(
            workflows,
            [
                {
                    "category": category,
                    "reopen_days": spec["reopen_days"],
                    "mandatory_fields": spec["mandatory"],
                    "version": 1,
                }
            ],
        )
        op.bulk_insert(
            statuses,
            [
                {
                    "category": category,
                    "status": status,
                    "stage": stage,
                    "deadline_minutes": spec["deadlines"].get(status),
                    "position": position,
                }
                for position, (status, stage) in enumerate(spec["stages"].items(), start=1)
            ],
        )
        op.bulk_insert(
            transitions,
            [
                {"category": category, "from_status": old, "to_status": new}
                for old, targets in spec["transitions"].items()
                for new in targets
            ],
        )
        if spec["checklist"]:
            op.bulk_insert(
                checklist,
                [
                    {"category": category, "position": position, "text": text}
                    for position, text in enumerate(spec["checklist"], start=1)
                ],
            )


def upgrade() -> None:
    op.create_table(
        "category_workflows",
        sa.Column("category", sa.String(length=16), nullable=False),
        sa.Column("reopen_days", sa.Integer(), nullable=False),
        sa.Column("mandatory_fields", sa.String(length=120), nullable=False),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.CheckConstraint(f"category IN ({CATEGORIES})", name=op.f("ck_category_workflows_category_valid")),
        sa.CheckConstraint("reopen_days >= 0", name=op.f("ck_category_workflows_reopen_days_not_negative")),
        sa.PrimaryKeyConstraint("category", name=op.f("pk_category_workflows")),
    )
    op.create_table(
        "workflow_statuses",
        sa.Column("category", sa.String(length=16), nullable=False),
        sa.Column("status", sa.String(length=24), nullable=False),
        sa.Column("stage", sa.String(length=16), nullable=False),
        sa.Column("deadline_minutes", sa.Integer(), nullable=True),
        sa.Column("position", sa.Integer(), nullable=False),
        sa.CheckConstraint(f"status IN ({STATUSES})", name=op.f("ck_workflow_statuses_status_valid")),
        sa.CheckConstraint(f"stage IN ({STAGES})", name=op.f("ck_workflow_statuses_stage_valid")),
        sa.CheckConstraint(
            "deadline_minutes IS NULL OR deadline_minutes > 0",
            name=op.f("ck_workflow_statuses_deadline_positive"),
        ),
        sa.ForeignKeyConstraint(
            ["category"],
            ["category_workflows.category"],
            name=op.f("fk_workflow_statuses_category_category_workflows"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("category", "status", name=op.f("pk_workflow_statuses")),
    )
    op.create_table(
        "workflow_transitions",
        sa.Column("category", sa.String(length=16), nullable=False),
        sa.Column("from_status", sa.String(length=24), nullable=False),
        sa.Column("to_status", sa.String(length=24), nullable=False),
        sa.CheckConstraint(
            f"from_status IN ({STATUSES})", name=op.f("ck_workflow_transitions_from_status_valid")
        ),
        sa.CheckConstraint(
            f"to_status IN ({STATUSES})", name=op.f("ck_workflow_transitions_to_status_valid")
        ),
        sa.CheckConstraint("from_status <> to_status", name=op.f("ck_workflow_transitions_changes_status")),
        sa.ForeignKeyConstraint(
            ["category"],
            ["category_workflows.category"],
            name=op.f("fk_workflow_transitions_category_category_workflows"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["category", "from_status"],
            ["workflow_statuses.category", "workflow_statuses.status"],
            name=op.f("fk_workflow_transitions_from_status_workflow_statuses"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["category", "to_status"],
            ["workflow_statuses.category", "workflow_statuses.status"],
            name=op.f("fk_workflow_transitions_to_status_workflow_statuses"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("category", "from_status", "to_status", name=op.f("pk_workflow_transitions")),
    )
    op.create_table(
        "checklist_items",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("category", sa.String(length=16), nullable=False),
        sa.Column("position", sa.Integer(), nullable=False),
        sa.Column("text", sa.String(length=200), nullable=False),
        sa.CheckConstraint("trim(text) <> ''", name=op.f("ck_checklist_items_text_not_empty")),
        sa.ForeignKeyConstraint(
            ["category"],
            ["category_workflows.category"],
            name=op.f("fk_checklist_items_category_category_workflows"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_checklist_items")),
        sa.UniqueConstraint("category", "position", name=op.f("uq_checklist_items_category_position")),
    )
    op.create_table(
        "ticket_checklist",
        sa.Column("ticket_id", sa.Integer(), nullable=False),
        sa.Column("item_id", sa.Integer(), nullable=False),
        sa.Column("done_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("done_by_id", sa.Integer(), nullable=True),
        sa.ForeignKeyConstraint(
            ["done_by_id"],
            ["users.id"],
            name=op.f("fk_ticket_checklist_done_by_id_users"),
            ondelete="SET NULL",
        ),
        sa.ForeignKeyConstraint(
            ["item_id"],
            ["checklist_items.id"],
            name=op.f("fk_ticket_checklist_item_id_checklist_items"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["ticket_id"],
            ["tickets.id"],
            name=op.f("fk_ticket_checklist_ticket_id_tickets"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("ticket_id", "item_id", name=op.f("pk_ticket_checklist")),
    )
    op.create_table(
        "saved_queues",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("user_id", sa.Integer(), nullable=False),
        sa.Column("name", sa.String(length=80), nullable=False),
        sa.Column("filter_json", sa.Text(), nullable=False),
        sa.Column("position", sa.Integer(), nullable=False),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.CheckConstraint("trim(name) <> ''", name=op.f("ck_saved_queues_name_not_empty")),
        sa.ForeignKeyConstraint(
            ["user_id"], ["users.id"], name=op.f("fk_saved_queues_user_id_users"), ondelete="CASCADE"
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_saved_queues")),
        sa.UniqueConstraint("user_id", "name", name=op.f("uq_saved_queues_user_id_name")),
    )

    with op.batch_alter_table("tickets") as batch:
        batch.add_column(sa.Column("status_since", sa.DateTime(timezone=True), nullable=True))
        batch.add_column(sa.Column("stage_due_at", sa.DateTime(timezone=True), nullable=True))
        batch.add_column(sa.Column("handed_to", sa.String(length=200), nullable=True))
        batch.create_index("ix_tickets_stage_due", ["stage_due_at"], unique=False)
    # The last change of an existing ticket is the best guess at when it entered its status; its stage
    # deadline is set by its next status change.
    op.execute("UPDATE tickets SET status_since = COALESCE(updated_at, created_at)")

    with op.batch_alter_table("ticket_history") as batch:
        batch.add_column(sa.Column("version", sa.Integer(), nullable=True))

    _seed()


def downgrade() -> None:
    with op.batch_alter_table("ticket_history") as batch:
        batch.drop_column("version")
    with op.batch_alter_table("tickets") as batch:
        batch.drop_index("ix_tickets_stage_due")
        batch.drop_column("handed_to")
        batch.drop_column("stage_due_at")
        batch.drop_column("status_since")
    op.drop_table("saved_queues")
    op.drop_table("ticket_checklist")
    op.drop_table("checklist_items")
    op.drop_table("workflow_transitions")
    op.drop_table("workflow_statuses")
    op.drop_table("category_workflows")
