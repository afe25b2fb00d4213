"""SLA clocks per ticket: state and pause per clock, next check, reasons for no SLA; per-clock pause statuses.

Revision ID: 0002
Revises: 0001
Create Date: 2026-11-23 18:11:50
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0002"
down_revision = "0001"
branch_labels = None
depends_on = None

STATES = "'none', 'running', 'paused', 'warning', 'critical', 'breached', 'met'"
ISSUES = (
    "'no_contract', 'contract_inactive', 'no_policy', 'no_target', 'uncovered_equipment', 'no_working_hours'"
)
OPEN = "'new', 'assigned', 'accepted', 'en_route', 'on_site', 'waiting_client', 'waiting_parts', 'contractor', 'reopened'"


def _met_or_breached(met: str, due: str) -> str:
    return (
        f"CASE WHEN {due} IS NULL THEN 'none' WHEN {met} IS NULL THEN 'running' "
        f"WHEN {met} <= {due} THEN 'met' ELSE 'breached' END"
    )


def upgrade() -> None:
    with op.batch_alter_table("sla_pause_statuses") as batch:
        batch.add_column(sa.Column("clock", sa.String(16), nullable=False, server_default="resolution"))
        batch.drop_constraint(op.f("uq_sla_pause_statuses_policy_id_status"), type_="unique")
    # A policy's pause statuses stopped every clock before; keep that meaning for each clock.
    for clock in ("reaction", "arrival"):
        op.execute(
            "INSERT INTO sla_pause_statuses (policy_id, clock, status) "
            f"SELECT policy_id, '{clock}', status FROM sla_pause_statuses WHERE clock = 'resolution'"
        )
    with op.batch_alter_table("sla_pause_statuses") as batch:
        batch.alter_column("clock", server_default=None, existing_type=sa.String(16), existing_nullable=False)
        batch.create_unique_constraint(
            op.f("uq_sla_pause_statuses_policy_id_clock_status"), ["policy_id", "clock", "status"]
        )
        batch.create_check_constraint(
            op.f("ck_sla_pause_statuses_clock_valid"), "clock IN ('reaction', 'arrival', 'resolution')"
        )

    with op.batch_alter_table("sla_policies") as batch:
        batch.add_column(
            sa.Column("use_site_calendar", sa.Boolean(), nullable=False, server_default=sa.true())
        )

    with op.batch_alter_table("tickets") as batch:
        batch.drop_constraint(op.f("ck_tickets_pause_not_negative"), type_="check")
        batch.alter_column(
            "pause_seconds",
            new_column_name="resolution_pause_seconds",
            existing_type=sa.Integer(),
            existing_nullable=False,
        )
        for clock in ("reaction", "arrival", "resolution"):
            batch.add_column(
                sa.Column(f"{clock}_state", sa.String(16), nullable=False, server_default="none")
            )
        for clock in ("reaction", "arrival"):
            batch.add_column(
                sa.Column(f"{clock}_pause_seconds", sa.Integer(), nullable=False, server_default="0")
            )
        batch.add_column(sa.Column("sla_left_seconds", sa.Integer(), nullable=True))
        batch.add_column(sa.Column("sla_next_check_at", sa.DateTime(timezone=True), nullable=True))
        batch.add_column(sa.Column("sla_issue", sa.String(24), nullable=True))

    op.execute(
        "UPDATE tickets SET "
        f"reaction_state = {_met_or_breached('reacted_at', 'reaction_due_at')}, "
        f"arrival_state = {_met_or_breached('arrived_at', 'arrival_due_at')}, "
        "resolution_state = sla_state"
    )
    # Open tickets under an SLA are re-evaluated by the console at its next SLA check.
    op.execute(
        "UPDATE tickets SET sla_next_check_at = created_at "
        f"WHERE status IN ({OPEN}) AND resolution_due_at IS NOT NULL"
    )

    with op.batch_alter_table("tickets") as batch:
        for clock in ("reaction", "arrival", "resolution"):
            batch.alter_column(
                f"{clock}_state", server_default=None, existing_type=sa.String(16), existing_nullable=False
            )
            batch.create_check_constraint(
                op.f(f"ck_tickets_{clock}_state_valid"), f"{clock}_state IN ({STATES})"
            )
            batch.create_check_constraint(
                op.f(f"ck_tickets_{clock}_pause_not_negative"), f"{clock}_pause_seconds >= 0"
            )
        for clock in ("reaction", "arrival"):
            batch.alter_column(
                f"{clock}_pause_seconds",
                server_default=None,
                existing_type=sa.Integer(),
                existing_nullable=False,
            )
        batch.create_check_constraint(op.f("ck_tickets_sla_issue_valid"), f"sla_issue IN ({ISSUES})")
        batch.create_index("ix_tickets_sla_next_check", ["sla_next_check_at"], unique=False)
    op.create_index("ix_ticket_history_field_at", "ticket_history", ["field", "at"], unique=False)


def downgrade() -> None:
    op.drop_index("ix_ticket_history_field_at", table_name="ticket_history")
    with op.batch_alter_table("tickets") as batch:
        batch.drop_index("ix_tickets_sla_next_check")
        batch.drop_constraint(op.f("ck_tickets_sla_issue_valid"), type_="check")
        for clock in ("reaction", "arrival", "resolution"):
            batch.drop_constraint(op.f(f"ck_tickets_{clock}_state_valid"), type_="check")
            batch.drop_constraint(op.f(f"ck_tickets_{clock}_pause_not_negative"), type_="check")
        for column in ("sla_issue", "sla_next_check_at", "sla_left_seconds"):
            batch.drop_column(column)
        for clock in ("reaction", "arrival"):
            batch.drop_column(f"{clock}_pause_seconds")
        for clock in ("reaction", "arrival", "resolution"):
            batch.drop_column(f"{clock}_state")
        batch.alter_column(
            "resolution_pause_seconds",
            new_column_name="pause_seconds",
            existing_type=sa.Integer(),
            existing_nullable=False,
        )
        batch.create_check_constraint(op.f("ck_tickets_pause_not_negative"), "pause_seconds >= 0")

    with op.batch_alter_table("sla_policies") as batch:
        batch.drop_column("use_site_calendar")

    op.execute("DELETE FROM sla_pause_statuses WHERE clock <> 'resolution'")
    with op.batch_alter_table("sla_pause_statuses") as batch:
        batch.drop_constraint(op.f("ck_sla_pause_statuses_clock_valid"), type_="check")
        batch.drop_constraint(op.f("uq_sla_pause_statuses_policy_id_clock_status"), type_="unique")
        batch.create_unique_constraint(
            op.f("uq_sla_pause_statuses_policy_id_status"), ["policy_id", "status"]
        )
        batch.drop_column("clock")
