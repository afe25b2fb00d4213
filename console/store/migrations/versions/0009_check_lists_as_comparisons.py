"""CHECKs of the form `column IN ('a', 'b', ...)` rewritten as `column = 'a' OR column = 'b' ...`.

Same meaning (NULL still passes), but SQLite builds a temporary lookup table for an IN list each
time it checks a row: the ten lists of `tickets` cost more than the row and its sixteen indexes
(60 µs against 24 µs a row when planned maintenance inserts a year of jobs). PostgreSQL is
indifferent; one form for both keeps the two schemas alike.

Revision ID: 0009
Revises: 0008
Create Date: 2026-11-24 06:00:00
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0009"
down_revision = "0008"
branch_labels = None
depends_on = None

OCCURRENCE_INDEX = "uq_tickets_maintenance_occurrence"
OCCURRENCE_FILTER = "maintenance_due_on IS NOT NULL"
CATEGORIES = ("incident", "request", "maintenance", "installation", "consultation")
STATUSES = (
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
STAGES = ("intake", "diagnostics", "repair", "parts", "contractor", "acceptance", "done")
PRIORITIES = ("critical", "high", "normal", "low")
SLA_STATES = ("none", "running", "paused", "warning", "critical", "breached", "met")
SLA_ISSUES = (
    "no_contract",
    "contract_inactive",
    "no_policy",
    "no_target",
    "uncovered_equipment",
    "no_working_hours",
)
CHECKS: dict[str, list[tuple[str, str, tuple[str, ...]]]] = {
    "category_workflows": [("category_valid", "category", CATEGORIES)],
    "change_log": [("op_valid", "op", ("insert", "update", "delete"))],
    "users": [("role_valid", "role", ("dispatcher", "supervisor", "admin"))],
    "calendar_days": [("kind_valid", "kind", ("holiday", "working"))],
    "technicians": [("state_valid", "state", ("free", "en_route", "on_site", "off_shift"))],
    "workflow_statuses": [("status_valid", "status", STATUSES), ("stage_valid", "stage", STAGES)],
    "contracts": [
        ("billing_unit_valid", "billing_unit", ("hours", "units", "points")),
        ("status_valid", "status", ("active", "suspended", "terminated")),
    ],
    "sla_pause_statuses": [
        ("clock_valid", "clock", ("reaction", "arrival", "resolution")),
        ("status_valid", "status", STATUSES),
    ],
    "sla_targets": [("priority_valid", "priority", PRIORITIES)],
    "technician_positions": [("source_valid", "source", ("app", "import"))],
    "workflow_transitions": [
        ("from_status_valid", "from_status", STATUSES),
        ("to_status_valid", "to_status", STATUSES),
    ],
    "contacts": [("scope_valid", "scope", ("site", "territory", "client"))],
    "contract_services": [("category_valid", "category", CATEGORIES)],
    "maintenance_plans": [
        (
            "non_working_day_valid",
            "non_working_day",
            ("keep", "skip", "next_working_day", "previous_working_day"),
        )
    ],
    "tickets": [
        ("category_valid", "category", CATEGORIES),
        ("arrival_state_valid", "arrival_state", SLA_STATES),
        ("channel_valid", "channel", ("phone", "email", "portal", "mobile", "planned")),
        ("resolution_state_valid", "resolution_state", SLA_STATES),
        ("priority_valid", "priority", PRIORITIES),
        ("stage_valid", "stage", STAGES),
        ("sla_issue_valid", "sla_issue", SLA_ISSUES),
        ("sla_state_valid", "sla_state", SLA_STATES),
        ("status_valid", "status", STATUSES),
        ("reaction_state_valid", "reaction_state", SLA_STATES),
    ],
    "visits": [("status_valid", "status", ("planned", "en_route", "on_site", "done", "cancelled"))],
}


def _as_list(column: str, values: tuple[str, ...]) -> str:
    return f"{column} IN ({', '.join(repr(v) for v in values)})"


def _as_comparisons(column: str, values: tuple[str, ...]) -> str:
    return " OR ".join(f"{column} = {v!r}" for v in values)


def _rewrite(form: object) -> None:
    # SQLite rebuilds the table, and the rebuild knows no expression index: this one is made again.
    op.drop_index(OCCURRENCE_INDEX, table_name="tickets")
    for table, checks in CHECKS.items():
        with op.batch_alter_table(table) as batch:
            for suffix, column, values in checks:
                name = op.f(f"ck_{table}_{suffix}")
                batch.drop_constraint(name, type_="check")
                batch.create_check_constraint(name, form(column, values))  # type: ignore[operator]
    op.create_index(
        OCCURRENCE_INDEX,
        "tickets",
        [
            "maintenance_plan_id",
            "maintenance_due_on",
            sa.text("coalesce(site_id, 0)"),
            sa.text("coalesce(equipment_id, 0)"),
        ],
        unique=True,
        sqlite_where=sa.text(OCCURRENCE_FILTER),
        postgresql_where=sa.text(OCCURRENCE_FILTER),
    )


def upgrade() -> None:
    _rewrite(_as_comparisons)


def downgrade() -> None:
    _rewrite(_as_list)
