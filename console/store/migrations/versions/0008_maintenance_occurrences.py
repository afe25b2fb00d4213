"""Planned maintenance jobs known by their occurrence, and leases for the one scheduler of a team.

`tickets.maintenance_due_on` is the date a plan's rule gives for a job; (plan, that date, site,
unit) is unique among tickets, so that generation is idempotent whatever runs it and however
often. `leases` names the console process that runs the team's scheduled generation.

Revision ID: 0008
Revises: 0007
Create Date: 2026-11-24 03:30:00
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0008"
down_revision = "0007"
branch_labels = None
depends_on = None

OCCURRENCE_FILTER = "maintenance_due_on IS NOT NULL"


def upgrade() -> None:
    op.add_column("tickets", sa.Column("maintenance_due_on", sa.Date(), nullable=True))
    op.create_index(
        "uq_tickets_maintenance_occurrence",
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
    op.create_table(
        "leases",
        sa.Column("name", sa.String(length=40), nullable=False),
        sa.Column("holder", sa.String(length=120), nullable=False),
        sa.Column("acquired_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("expires_at", sa.DateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint("name", name=op.f("pk_leases")),
    )


def downgrade() -> None:
    op.drop_table("leases")
    op.drop_index("uq_tickets_maintenance_occurrence", table_name="tickets")
    with op.batch_alter_table("tickets") as batch:
        batch.drop_column("maintenance_due_on")
