"""A contract's price of a trip to a site, billed with one-off work (a visit is a trip).

Revision ID: 0010
Revises: 0009
Create Date: 2026-11-24 06:20:00
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0010"
down_revision = "0009"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("contracts") as batch:
        batch.add_column(sa.Column("trip_price", sa.Numeric(12, 2), nullable=False, server_default="0"))
        batch.create_check_constraint(op.f("ck_contracts_trip_price_not_negative"), "trip_price >= 0")


def downgrade() -> None:
    with op.batch_alter_table("contracts") as batch:
        batch.drop_constraint(op.f("ck_contracts_trip_price_not_negative"), type_="check")
        batch.drop_column("trip_price")
