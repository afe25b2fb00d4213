"""Initial schema: the whole domain (clients to change log).

Revision ID: 0001
Revises:
Create Date: 2026-11-23 17:11:27.772007
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0001"
down_revision = None
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "calendars",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("name", sa.String(length=120), nullable=False),
        sa.Column("timezone", sa.String(length=64), nullable=False),
        sa.Column("weekly_hours", sa.JSON(), nullable=False),
        sa.Column("holiday_country", sa.String(length=8), nullable=True),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_calendars")),
        sa.UniqueConstraint("name", name=op.f("uq_calendars_name")),
    )
    op.create_table(
        "change_log",
        sa.Column("id", sa.BigInteger().with_variant(sa.Integer(), "sqlite"), nullable=False),
        sa.Column("at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("entity", sa.String(length=40), nullable=False),
        sa.Column("entity_id", sa.Integer(), nullable=False),
        sa.Column("op", sa.String(length=8), nullable=False),
        sa.Column("origin", sa.String(length=64), nullable=True),
        sa.CheckConstraint("op IN ('insert', 'update', 'delete')", name=op.f("ck_change_log_op_valid")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_change_log")),
    )
    with op.batch_alter_table("change_log", schema=None) as batch_op:
        batch_op.create_index("ix_change_log_at", ["at"], unique=False)

    op.create_table(
        "client_tiers",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("name", sa.String(length=60), nullable=False),
        sa.Column("rank", sa.Integer(), nullable=False),
        sa.Column("grants", sa.Text(), nullable=False),
        sa.Column("priority_support", sa.Boolean(), nullable=False),
        sa.CheckConstraint("rank >= 1", name=op.f("ck_client_tiers_rank_positive")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_client_tiers")),
        sa.UniqueConstraint("name", name=op.f("uq_client_tiers_name")),
        sa.UniqueConstraint("rank", name=op.f("uq_client_tiers_rank")),
    )
    op.create_table(
        "skills",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("code", sa.String(length=40), nullable=False),
        sa.Column("name", sa.String(length=120), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_skills")),
        sa.UniqueConstraint("code", name=op.f("uq_skills_code")),
    )
    op.create_table(
        "users",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("login", sa.String(length=64), nullable=False),
        sa.Column("full_name", sa.String(length=200), nullable=False),
        sa.Column("role", sa.String(length=16), nullable=False),
        sa.Column("email", sa.String(length=200), nullable=True),
        sa.Column("phone", sa.String(length=40), nullable=True),
        sa.Column("password_hash", sa.String(length=255), nullable=True),
        sa.Column("active", sa.Boolean(), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.CheckConstraint("role IN ('dispatcher', 'supervisor', 'admin')", name=op.f("ck_users_role_valid")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_users")),
        sa.UniqueConstraint("login", name=op.f("uq_users_login")),
    )
    op.create_table(
        "calendar_days",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("calendar_id", sa.Integer(), nullable=False),
        sa.Column("day", sa.Date(), nullable=False),
        sa.Column("kind", sa.String(length=8), nullable=False),
        sa.Column("hours", sa.JSON(), nullable=True),
        sa.Column("name", sa.String(length=120), nullable=True),
        sa.CheckConstraint(
            "kind = 'holiday' OR hours IS NOT NULL", name=op.f("ck_calendar_days_working_day_has_hours")
        ),
        sa.CheckConstraint("kind IN ('holiday', 'working')", name=op.f("ck_calendar_days_kind_valid")),
        sa.ForeignKeyConstraint(
            ["calendar_id"],
            ["calendars.id"],
            name=op.f("fk_calendar_days_calendar_id_calendars"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_calendar_days")),
        sa.UniqueConstraint("calendar_id", "day", name=op.f("uq_calendar_days_calendar_id_day")),
    )
    op.create_table(
        "clients",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("name", sa.String(length=200), nullable=False),
        sa.Column("legal_name", sa.String(length=300), nullable=False),
        sa.Column("tax_number", sa.String(length=20), nullable=True),
        sa.Column("tier_id", sa.Integer(), nullable=False),
        sa.Column("manager_id", sa.Integer(), nullable=True),
        sa.Column("phone", sa.String(length=40), nullable=True),
        sa.Column("email", sa.String(length=200), nullable=True),
        sa.Column("address", sa.String(length=300), nullable=True),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(["manager_id"], ["users.id"], name=op.f("fk_clients_manager_id_users")),
        sa.ForeignKeyConstraint(
            ["tier_id"], ["client_tiers.id"], name=op.f("fk_clients_tier_id_client_tiers")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_clients")),
        sa.UniqueConstraint("tax_number", name=op.f("uq_clients_tax_number")),
    )
    with op.batch_alter_table("clients", schema=None) as batch_op:
        batch_op.create_index("ix_clients_name", ["name"], unique=False)

    op.create_table(
        "equipment_models",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("manufacturer", sa.String(length=120), nullable=False),
        sa.Column("name", sa.String(length=120), nullable=False),
        sa.Column("kind", sa.String(length=80), nullable=False),
        sa.Column("skill_id", sa.Integer(), nullable=False),
        sa.Column("service_interval_days", sa.Integer(), nullable=True),
        sa.ForeignKeyConstraint(
            ["skill_id"], ["skills.id"], name=op.f("fk_equipment_models_skill_id_skills")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_equipment_models")),
        sa.UniqueConstraint("manufacturer", "name", name=op.f("uq_equipment_models_manufacturer_name")),
    )
    op.create_table(
        "sla_policies",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("name", sa.String(length=120), nullable=False),
        sa.Column("calendar_id", sa.Integer(), nullable=True),
        sa.Column("warning_ratio", sa.Double(), nullable=False),
        sa.Column("critical_ratio", sa.Double(), nullable=False),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.CheckConstraint("critical_ratio < 1", name=op.f("ck_sla_policies_critical_range")),
        sa.CheckConstraint(
            "warning_ratio > 0 AND warning_ratio < critical_ratio", name=op.f("ck_sla_policies_warning_range")
        ),
        sa.ForeignKeyConstraint(
            ["calendar_id"], ["calendars.id"], name=op.f("fk_sla_policies_calendar_id_calendars")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_sla_policies")),
        sa.UniqueConstraint("name", name=op.f("uq_sla_policies_name")),
    )
    op.create_table(
        "technicians",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("full_name", sa.String(length=200), nullable=False),
        sa.Column("phone", sa.String(length=40), nullable=True),
        sa.Column("team", sa.String(length=80), nullable=False),
        sa.Column("home_latitude", sa.Double(), nullable=False),
        sa.Column("home_longitude", sa.Double(), nullable=False),
        sa.Column("last_latitude", sa.Double(), nullable=True),
        sa.Column("last_longitude", sa.Double(), nullable=True),
        sa.Column("last_position_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("state", sa.String(length=16), nullable=False),
        sa.Column("calendar_id", sa.Integer(), nullable=True),
        sa.Column("cost_rate", sa.Numeric(precision=10, scale=2), nullable=False),
        sa.Column("active", sa.Boolean(), nullable=False),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.CheckConstraint(
            "state IN ('free', 'en_route', 'on_site', 'off_shift')", name=op.f("ck_technicians_state_valid")
        ),
        sa.CheckConstraint(
            "(last_latitude IS NULL) = (last_position_at IS NULL)",
            name=op.f("ck_technicians_position_has_time"),
        ),
        sa.CheckConstraint("cost_rate >= 0", name=op.f("ck_technicians_cost_rate_not_negative")),
        sa.CheckConstraint(
            "home_latitude BETWEEN -90 AND 90", name=op.f("ck_technicians_home_latitude_range")
        ),
        sa.CheckConstraint(
            "home_longitude BETWEEN -180 AND 180", name=op.f("ck_technicians_home_longitude_range")
        ),
        sa.CheckConstraint(
            "last_latitude IS NULL OR last_latitude BETWEEN -90 AND 90",
            name=op.f("ck_technicians_last_latitude_range"),
        ),
        sa.CheckConstraint(
            "last_longitude IS NULL OR last_longitude BETWEEN -180 AND 180",
            name=op.f("ck_technicians_last_longitude_range"),
        ),
        sa.ForeignKeyConstraint(
            ["calendar_id"], ["calendars.id"], name=op.f("fk_technicians_calendar_id_calendars")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_technicians")),
    )
    with op.batch_alter_table("technicians", schema=None) as batch_op:
        batch_op.create_index("ix_technicians_state", ["state"], unique=False)

    op.create_table(
        "contracts",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("client_id", sa.Integer(), nullable=False),
        sa.Column("number", sa.String(length=40), nullable=False),
        sa.Column("starts_on", sa.Date(), nullable=False),
        sa.Column("ends_on", sa.Date(), nullable=True),
        sa.Column("status", sa.String(length=16), nullable=False),
        sa.Column("subscription_fee", sa.Numeric(precision=12, scale=2), nullable=False),
        sa.Column("billing_unit", sa.String(length=8), nullable=False),
        sa.Column("unit_price", sa.Numeric(precision=12, scale=2), nullable=False),
        sa.Column("sla_policy_id", sa.Integer(), nullable=True),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.CheckConstraint(
            "billing_unit IN ('hours', 'units', 'points')", name=op.f("ck_contracts_billing_unit_valid")
        ),
        sa.CheckConstraint(
            "status IN ('active', 'suspended', 'terminated')", name=op.f("ck_contracts_status_valid")
        ),
        sa.CheckConstraint("ends_on IS NULL OR ends_on >= starts_on", name=op.f("ck_contracts_period_order")),
        sa.CheckConstraint("subscription_fee >= 0", name=op.f("ck_contracts_fee_not_negative")),
        sa.CheckConstraint("unit_price >= 0", name=op.f("ck_contracts_unit_price_not_negative")),
        sa.ForeignKeyConstraint(
            ["client_id"], ["clients.id"], name=op.f("fk_contracts_client_id_clients"), ondelete="CASCADE"
        ),
        sa.ForeignKeyConstraint(
            ["sla_policy_id"], ["sla_policies.id"], name=op.f("fk_contracts_sla_policy_id_sla_policies")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_contracts")),
        sa.UniqueConstraint("number", name=op.f("uq_contracts_number")),
    )
    with op.batch_alter_table("contracts", schema=None) as batch_op:
        batch_op.create_index("ix_contracts_client", ["client_id"], unique=False)

    op.create_table(
        "knowledge_articles",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("equipment_model_id", sa.Integer(), nullable=True),
        sa.Column("title", sa.String(length=200), nullable=False),
        sa.Column("body", sa.Text(), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(
            ["equipment_model_id"],
            ["equipment_models.id"],
            name=op.f("fk_knowledge_articles_equipment_model_id_equipment_models"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_knowledge_articles")),
    )
    with op.batch_alter_table("knowledge_articles", schema=None) as batch_op:
        batch_op.create_index("ix_knowledge_articles_model", ["equipment_model_id"], unique=False)

    op.create_table(
        "sites",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("client_id", sa.Integer(), nullable=False),
        sa.Column("name", sa.String(length=200), nullable=False),
        sa.Column("address", sa.String(length=300), nullable=False),
        sa.Column("territory", sa.String(length=120), nullable=True),
        sa.Column("latitude", sa.Double(), nullable=False),
        sa.Column("longitude", sa.Double(), nullable=False),
        sa.Column("timezone", sa.String(length=64), nullable=False),
        sa.Column("calendar_id", sa.Integer(), nullable=True),
        sa.Column("access_notes", sa.String(length=500), nullable=True),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.CheckConstraint("latitude BETWEEN -90 AND 90", name=op.f("ck_sites_latitude_range")),
        sa.CheckConstraint("longitude BETWEEN -180 AND 180", name=op.f("ck_sites_longitude_range")),
        sa.ForeignKeyConstraint(
            ["calendar_id"], ["calendars.id"], name=op.f("fk_sites_calendar_id_calendars")
        ),
        sa.ForeignKeyConstraint(
            ["client_id"], ["clients.id"], name=op.f("fk_sites_client_id_clients"), ondelete="CASCADE"
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_sites")),
    )
    with op.batch_alter_table("sites", schema=None) as batch_op:
        batch_op.create_index("ix_sites_address", ["address"], unique=False)
        batch_op.create_index("ix_sites_client", ["client_id"], unique=False)

    op.create_table(
        "sla_pause_statuses",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("policy_id", sa.Integer(), nullable=False),
        sa.Column("status", sa.String(length=24), nullable=False),
        sa.CheckConstraint(
            "status IN ('new', 'assigned', 'accepted', 'en_route', 'on_site', 'waiting_client', 'waiting_parts', 'contractor', 'resolved', 'closed', 'reopened', 'cancelled')",
            name=op.f("ck_sla_pause_statuses_status_valid"),
        ),
        sa.ForeignKeyConstraint(
            ["policy_id"],
            ["sla_policies.id"],
            name=op.f("fk_sla_pause_statuses_policy_id_sla_policies"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_sla_pause_statuses")),
        sa.UniqueConstraint("policy_id", "status", name=op.f("uq_sla_pause_statuses_policy_id_status")),
    )
    op.create_table(
        "sla_targets",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("policy_id", sa.Integer(), nullable=False),
        sa.Column("priority", sa.String(length=16), nullable=False),
        sa.Column("reaction_minutes", sa.Integer(), nullable=False),
        sa.Column("arrival_minutes", sa.Integer(), nullable=True),
        sa.Column("resolution_minutes", sa.Integer(), nullable=False),
        sa.CheckConstraint(
            "priority IN ('critical', 'high', 'normal', 'low')", name=op.f("ck_sla_targets_priority_valid")
        ),
        sa.CheckConstraint(
            "arrival_minutes IS NULL OR arrival_minutes > 0", name=op.f("ck_sla_targets_arrival_positive")
        ),
        sa.CheckConstraint("reaction_minutes > 0", name=op.f("ck_sla_targets_reaction_positive")),
        sa.CheckConstraint(
            "resolution_minutes >= reaction_minutes", name=op.f("ck_sla_targets_resolution_after_reaction")
        ),
        sa.ForeignKeyConstraint(
            ["policy_id"],
            ["sla_policies.id"],
            name=op.f("fk_sla_targets_policy_id_sla_policies"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_sla_targets")),
        sa.UniqueConstraint("policy_id", "priority", name=op.f("uq_sla_targets_policy_id_priority")),
    )
    op.create_table(
        "technician_skills",
        sa.Column("technician_id", sa.Integer(), nullable=False),
        sa.Column("skill_id", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(
            ["skill_id"], ["skills.id"], name=op.f("fk_technician_skills_skill_id_skills"), ondelete="CASCADE"
        ),
        sa.ForeignKeyConstraint(
            ["technician_id"],
            ["technicians.id"],
            name=op.f("fk_technician_skills_technician_id_technicians"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("technician_id", "skill_id", name=op.f("pk_technician_skills")),
    )
    with op.batch_alter_table("technician_skills", schema=None) as batch_op:
        batch_op.create_index("ix_technician_skills_skill", ["skill_id"], unique=False)

    op.create_table(
        "contacts",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("client_id", sa.Integer(), nullable=False),
        sa.Column("full_name", sa.String(length=200), nullable=False),
        sa.Column("position", sa.String(length=120), nullable=True),
        sa.Column("phone", sa.String(length=40), nullable=True),
        sa.Column("mobile", sa.String(length=40), nullable=True),
        sa.Column("email", sa.String(length=200), nullable=True),
        sa.Column("scope", sa.String(length=16), nullable=False),
        sa.Column("site_id", sa.Integer(), nullable=True),
        sa.Column("territory", sa.String(length=120), nullable=True),
        sa.Column("may_request", sa.Boolean(), nullable=False),
        sa.Column("may_approve", sa.Boolean(), nullable=False),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.CheckConstraint(
            "scope <> 'site' OR site_id IS NOT NULL", name=op.f("ck_contacts_site_scope_has_site")
        ),
        sa.CheckConstraint(
            "scope <> 'territory' OR territory IS NOT NULL",
            name=op.f("ck_contacts_territory_scope_has_territory"),
        ),
        sa.CheckConstraint("scope IN ('site', 'territory', 'client')", name=op.f("ck_contacts_scope_valid")),
        sa.ForeignKeyConstraint(
            ["client_id"], ["clients.id"], name=op.f("fk_contacts_client_id_clients"), ondelete="CASCADE"
        ),
        sa.ForeignKeyConstraint(
            ["site_id"], ["sites.id"], name=op.f("fk_contacts_site_id_sites"), ondelete="CASCADE"
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_contacts")),
    )
    with op.batch_alter_table("contacts", schema=None) as batch_op:
        batch_op.create_index("ix_contacts_client", ["client_id"], unique=False)
        batch_op.create_index("ix_contacts_phone", ["phone"], unique=False)

    op.create_table(
        "contract_services",
        sa.Column("contract_id", sa.Integer(), nullable=False),
        sa.Column("category", sa.String(length=16), nullable=False),
        sa.CheckConstraint(
            "category IN ('incident', 'request', 'maintenance', 'installation', 'consultation')",
            name=op.f("ck_contract_services_category_valid"),
        ),
        sa.ForeignKeyConstraint(
            ["contract_id"],
            ["contracts.id"],
            name=op.f("fk_contract_services_contract_id_contracts"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("contract_id", "category", name=op.f("pk_contract_services")),
    )
    op.create_table(
        "contract_sites",
        sa.Column("contract_id", sa.Integer(), nullable=False),
        sa.Column("site_id", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(
            ["contract_id"],
            ["contracts.id"],
            name=op.f("fk_contract_sites_contract_id_contracts"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["site_id"], ["sites.id"], name=op.f("fk_contract_sites_site_id_sites"), ondelete="CASCADE"
        ),
        sa.PrimaryKeyConstraint("contract_id", "site_id", name=op.f("pk_contract_sites")),
    )
    with op.batch_alter_table("contract_sites", schema=None) as batch_op:
        batch_op.create_index("ix_contract_sites_site", ["site_id"], unique=False)

    op.create_table(
        "equipment",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("site_id", sa.Integer(), nullable=False),
        sa.Column("model_id", sa.Integer(), nullable=False),
        sa.Column("parent_id", sa.Integer(), nullable=True),
        sa.Column("serial_number", sa.String(length=60), nullable=False),
        sa.Column("inventory_number", sa.String(length=60), nullable=True),
        sa.Column("installed_on", sa.Date(), nullable=True),
        sa.Column("decommissioned_on", sa.Date(), nullable=True),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.CheckConstraint("parent_id IS NULL OR parent_id <> id", name=op.f("ck_equipment_not_own_parent")),
        sa.ForeignKeyConstraint(
            ["model_id"], ["equipment_models.id"], name=op.f("fk_equipment_model_id_equipment_models")
        ),
        sa.ForeignKeyConstraint(
            ["parent_id"],
            ["equipment.id"],
            name=op.f("fk_equipment_parent_id_equipment"),
            ondelete="SET NULL",
        ),
        sa.ForeignKeyConstraint(
            ["site_id"], ["sites.id"], name=op.f("fk_equipment_site_id_sites"), ondelete="CASCADE"
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_equipment")),
        sa.UniqueConstraint("model_id", "serial_number", name=op.f("uq_equipment_model_id_serial_number")),
    )
    with op.batch_alter_table("equipment", schema=None) as batch_op:
        batch_op.create_index("ix_equipment_inventory", ["inventory_number"], unique=False)
        batch_op.create_index("ix_equipment_parent", ["parent_id"], unique=False)
        batch_op.create_index("ix_equipment_serial", ["serial_number"], unique=False)
        batch_op.create_index("ix_equipment_site", ["site_id"], unique=False)

    op.create_table(
        "knowledge_attachments",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("article_id", sa.Integer(), nullable=False),
        sa.Column("file_name", sa.String(length=255), nullable=False),
        sa.Column("media_type", sa.String(length=100), nullable=False),
        sa.Column("location", sa.String(length=1000), nullable=False),
        sa.ForeignKeyConstraint(
            ["article_id"],
            ["knowledge_articles.id"],
            name=op.f("fk_knowledge_attachments_article_id_knowledge_articles"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_knowledge_attachments")),
    )
    with op.batch_alter_table("knowledge_attachments", schema=None) as batch_op:
        batch_op.create_index("ix_knowledge_attachments_article", ["article_id"], unique=False)

    op.create_table(
        "contract_equipment",
        sa.Column("contract_id", sa.Integer(), nullable=False),
        sa.Column("equipment_id", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(
            ["contract_id"],
            ["contracts.id"],
            name=op.f("fk_contract_equipment_contract_id_contracts"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["equipment_id"],
            ["equipment.id"],
            name=op.f("fk_contract_equipment_equipment_id_equipment"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("contract_id", "equipment_id", name=op.f("pk_contract_equipment")),
    )
    with op.batch_alter_table("contract_equipment", schema=None) as batch_op:
        batch_op.create_index("ix_contract_equipment_equipment", ["equipment_id"], unique=False)

    op.create_table(
        "maintenance_plans",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("name", sa.String(length=200), nullable=False),
        sa.Column("contract_id", sa.Integer(), nullable=True),
        sa.Column("site_id", sa.Integer(), nullable=True),
        sa.Column("equipment_id", sa.Integer(), nullable=True),
        sa.Column("equipment_model_id", sa.Integer(), nullable=True),
        sa.Column("rrule", sa.String(length=500), nullable=False),
        sa.Column("starts_on", sa.Date(), nullable=False),
        sa.Column("ends_on", sa.Date(), nullable=True),
        sa.Column("duration_minutes", sa.Integer(), nullable=False),
        sa.Column("skill_id", sa.Integer(), nullable=False),
        sa.Column("checklist", sa.JSON(), nullable=False),
        sa.Column("window_start", sa.Time(), nullable=True),
        sa.Column("window_end", sa.Time(), nullable=True),
        sa.Column("after_previous_done", sa.Boolean(), nullable=False),
        sa.Column("non_working_day", sa.String(length=24), nullable=False),
        sa.Column("horizon_days", sa.Integer(), nullable=False),
        sa.Column("generated_until", sa.Date(), nullable=True),
        sa.Column("active", sa.Boolean(), nullable=False),
        sa.Column("notes", sa.Text(), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.CheckConstraint(
            "non_working_day IN ('keep', 'skip', 'next_working_day', 'previous_working_day')",
            name=op.f("ck_maintenance_plans_non_working_day_valid"),
        ),
        sa.CheckConstraint("duration_minutes > 0", name=op.f("ck_maintenance_plans_duration_positive")),
        sa.CheckConstraint(
            "ends_on IS NULL OR ends_on >= starts_on", name=op.f("ck_maintenance_plans_period_order")
        ),
        sa.CheckConstraint(
            "equipment_id IS NOT NULL OR (site_id IS NOT NULL AND equipment_model_id IS NOT NULL) OR contract_id IS NOT NULL",
            name=op.f("ck_maintenance_plans_has_target"),
        ),
        sa.CheckConstraint("horizon_days BETWEEN 1 AND 730", name=op.f("ck_maintenance_plans_horizon_range")),
        sa.CheckConstraint(
            "window_start IS NULL OR window_end IS NULL OR window_end > window_start",
            name=op.f("ck_maintenance_plans_window_order"),
        ),
        sa.ForeignKeyConstraint(
            ["contract_id"],
            ["contracts.id"],
            name=op.f("fk_maintenance_plans_contract_id_contracts"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["equipment_id"],
            ["equipment.id"],
            name=op.f("fk_maintenance_plans_equipment_id_equipment"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["equipment_model_id"],
            ["equipment_models.id"],
            name=op.f("fk_maintenance_plans_equipment_model_id_equipment_models"),
        ),
        sa.ForeignKeyConstraint(
            ["site_id"], ["sites.id"], name=op.f("fk_maintenance_plans_site_id_sites"), ondelete="CASCADE"
        ),
        sa.ForeignKeyConstraint(
            ["skill_id"], ["skills.id"], name=op.f("fk_maintenance_plans_skill_id_skills")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_maintenance_plans")),
    )
    with op.batch_alter_table("maintenance_plans", schema=None) as batch_op:
        batch_op.create_index("ix_maintenance_plans_contract", ["contract_id"], unique=False)
        batch_op.create_index("ix_maintenance_plans_equipment", ["equipment_id"], unique=False)

    op.create_table(
        "tickets",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("number", sa.String(length=24), nullable=False),
        sa.Column("client_id", sa.Integer(), nullable=False),
        sa.Column("site_id", sa.Integer(), nullable=True),
        sa.Column("contact_id", sa.Integer(), nullable=True),
        sa.Column("equipment_id", sa.Integer(), nullable=True),
        sa.Column("contract_id", sa.Integer(), nullable=True),
        sa.Column("maintenance_plan_id", sa.Integer(), nullable=True),
        sa.Column("category", sa.String(length=16), nullable=False),
        sa.Column("priority", sa.String(length=16), nullable=False),
        sa.Column("skill_id", sa.Integer(), nullable=True),
        sa.Column("channel", sa.String(length=16), nullable=False),
        sa.Column("status", sa.String(length=24), nullable=False),
        sa.Column("stage", sa.String(length=16), nullable=False),
        sa.Column("title", sa.String(length=200), nullable=False),
        sa.Column("description", sa.Text(), nullable=False),
        sa.Column("billable", sa.Boolean(), nullable=False),
        sa.Column("technician_id", sa.Integer(), nullable=True),
        sa.Column("created_by_id", sa.Integer(), nullable=True),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("planned_for", sa.DateTime(timezone=True), nullable=True),
        sa.Column("reaction_due_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("arrival_due_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("resolution_due_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("reacted_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("arrived_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("resolved_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("closed_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("paused_since", sa.DateTime(timezone=True), nullable=True),
        sa.Column("pause_seconds", sa.Integer(), nullable=False),
        sa.Column("sla_state", sa.String(length=16), nullable=False),
        sa.Column("reopen_count", sa.Integer(), nullable=False),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.CheckConstraint(
            "category IN ('incident', 'request', 'maintenance', 'installation', 'consultation')",
            name=op.f("ck_tickets_category_valid"),
        ),
        sa.CheckConstraint(
            "channel IN ('phone', 'email', 'portal', 'mobile', 'planned')",
            name=op.f("ck_tickets_channel_valid"),
        ),
        sa.CheckConstraint(
            "priority IN ('critical', 'high', 'normal', 'low')", name=op.f("ck_tickets_priority_valid")
        ),
        sa.CheckConstraint(
            "sla_state IN ('none', 'running', 'paused', 'warning', 'critical', 'breached', 'met')",
            name=op.f("ck_tickets_sla_state_valid"),
        ),
        sa.CheckConstraint(
            "stage IN ('intake', 'diagnostics', 'repair', 'parts', 'contractor', 'acceptance', 'done')",
            name=op.f("ck_tickets_stage_valid"),
        ),
        sa.CheckConstraint(
            "status IN ('new', 'assigned', 'accepted', 'en_route', 'on_site', 'waiting_client', 'waiting_parts', 'contractor', 'resolved', 'closed', 'reopened', 'cancelled')",
            name=op.f("ck_tickets_status_valid"),
        ),
        sa.CheckConstraint("pause_seconds >= 0", name=op.f("ck_tickets_pause_not_negative")),
        sa.CheckConstraint("reopen_count >= 0", name=op.f("ck_tickets_reopen_not_negative")),
        sa.CheckConstraint(
            "resolved_at IS NULL OR resolved_at >= created_at", name=op.f("ck_tickets_resolved_after_created")
        ),
        sa.ForeignKeyConstraint(["client_id"], ["clients.id"], name=op.f("fk_tickets_client_id_clients")),
        sa.ForeignKeyConstraint(
            ["contact_id"], ["contacts.id"], name=op.f("fk_tickets_contact_id_contacts"), ondelete="SET NULL"
        ),
        sa.ForeignKeyConstraint(
            ["contract_id"], ["contracts.id"], name=op.f("fk_tickets_contract_id_contracts")
        ),
        sa.ForeignKeyConstraint(["created_by_id"], ["users.id"], name=op.f("fk_tickets_created_by_id_users")),
        sa.ForeignKeyConstraint(
            ["equipment_id"],
            ["equipment.id"],
            name=op.f("fk_tickets_equipment_id_equipment"),
            ondelete="SET NULL",
        ),
        sa.ForeignKeyConstraint(
            ["maintenance_plan_id"],
            ["maintenance_plans.id"],
            name=op.f("fk_tickets_maintenance_plan_id_maintenance_plans"),
            ondelete="SET NULL",
        ),
        sa.ForeignKeyConstraint(["site_id"], ["sites.id"], name=op.f("fk_tickets_site_id_sites")),
        sa.ForeignKeyConstraint(["skill_id"], ["skills.id"], name=op.f("fk_tickets_skill_id_skills")),
        sa.ForeignKeyConstraint(
            ["technician_id"],
            ["technicians.id"],
            name=op.f("fk_tickets_technician_id_technicians"),
            ondelete="SET NULL",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_tickets")),
        sa.UniqueConstraint("number", name=op.f("uq_tickets_number")),
    )
    with op.batch_alter_table("tickets", schema=None) as batch_op:
        batch_op.create_index("ix_tickets_category_status", ["category", "status"], unique=False)
        batch_op.create_index("ix_tickets_client_created", ["client_id", "created_at"], unique=False)
        batch_op.create_index("ix_tickets_contract", ["contract_id"], unique=False)
        batch_op.create_index("ix_tickets_created", ["created_at"], unique=False)
        batch_op.create_index("ix_tickets_equipment", ["equipment_id"], unique=False)
        batch_op.create_index("ix_tickets_plan", ["maintenance_plan_id"], unique=False)
        batch_op.create_index("ix_tickets_resolution_due", ["resolution_due_at"], unique=False)
        batch_op.create_index("ix_tickets_site_created", ["site_id", "created_at"], unique=False)
        batch_op.create_index("ix_tickets_skill_status", ["skill_id", "status"], unique=False)
        batch_op.create_index("ix_tickets_sla_state", ["sla_state"], unique=False)
        batch_op.create_index("ix_tickets_status", ["status"], unique=False)
        batch_op.create_index("ix_tickets_technician_status", ["technician_id", "status"], unique=False)

    op.create_table(
        "feedback",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("ticket_id", sa.Integer(), nullable=False),
        sa.Column("client_id", sa.Integer(), nullable=False),
        sa.Column("contact_id", sa.Integer(), nullable=True),
        sa.Column("score", sa.Integer(), nullable=False),
        sa.Column("comment", sa.Text(), nullable=False),
        sa.Column("received_at", sa.DateTime(timezone=True), nullable=False),
        sa.CheckConstraint("score BETWEEN 1 AND 5", name=op.f("ck_feedback_score_range")),
        sa.ForeignKeyConstraint(
            ["client_id"], ["clients.id"], name=op.f("fk_feedback_client_id_clients"), ondelete="CASCADE"
        ),
        sa.ForeignKeyConstraint(
            ["contact_id"], ["contacts.id"], name=op.f("fk_feedback_contact_id_contacts"), ondelete="SET NULL"
        ),
        sa.ForeignKeyConstraint(
            ["ticket_id"], ["tickets.id"], name=op.f("fk_feedback_ticket_id_tickets"), ondelete="CASCADE"
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_feedback")),
        sa.UniqueConstraint("ticket_id", name=op.f("uq_feedback_ticket_id")),
    )
    with op.batch_alter_table("feedback", schema=None) as batch_op:
        batch_op.create_index("ix_feedback_client_at", ["client_id", "received_at"], unique=False)

    op.create_table(
        "ticket_history",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("ticket_id", sa.Integer(), nullable=False),
        sa.Column("at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("user_id", sa.Integer(), nullable=True),
        sa.Column("field", sa.String(length=40), nullable=False),
        sa.Column("old_value", sa.Text(), nullable=True),
        sa.Column("new_value", sa.Text(), nullable=True),
        sa.ForeignKeyConstraint(
            ["ticket_id"],
            ["tickets.id"],
            name=op.f("fk_ticket_history_ticket_id_tickets"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(["user_id"], ["users.id"], name=op.f("fk_ticket_history_user_id_users")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_ticket_history")),
    )
    with op.batch_alter_table("ticket_history", schema=None) as batch_op:
        batch_op.create_index("ix_ticket_history_ticket_at", ["ticket_id", "at"], unique=False)

    op.create_table(
        "visits",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("ticket_id", sa.Integer(), nullable=False),
        sa.Column("technician_id", sa.Integer(), nullable=False),
        sa.Column("status", sa.String(length=16), nullable=False),
        sa.Column("planned_start", sa.DateTime(timezone=True), nullable=False),
        sa.Column("planned_end", sa.DateTime(timezone=True), nullable=False),
        sa.Column("actual_start", sa.DateTime(timezone=True), nullable=True),
        sa.Column("actual_end", sa.DateTime(timezone=True), nullable=True),
        sa.Column("travel_minutes", sa.Integer(), nullable=False),
        sa.Column("pinned", sa.Boolean(), nullable=False),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.CheckConstraint(
            "status IN ('planned', 'en_route', 'on_site', 'done', 'cancelled')",
            name=op.f("ck_visits_status_valid"),
        ),
        sa.CheckConstraint(
            "actual_end IS NULL OR actual_end >= actual_start", name=op.f("ck_visits_actual_order")
        ),
        sa.CheckConstraint(
            "actual_end IS NULL OR actual_start IS NOT NULL", name=op.f("ck_visits_ended_after_started")
        ),
        sa.CheckConstraint("planned_end > planned_start", name=op.f("ck_visits_planned_order")),
        sa.CheckConstraint("travel_minutes >= 0", name=op.f("ck_visits_travel_not_negative")),
        sa.ForeignKeyConstraint(
            ["technician_id"], ["technicians.id"], name=op.f("fk_visits_technician_id_technicians")
        ),
        sa.ForeignKeyConstraint(
            ["ticket_id"], ["tickets.id"], name=op.f("fk_visits_ticket_id_tickets"), ondelete="CASCADE"
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_visits")),
    )
    with op.batch_alter_table("visits", schema=None) as batch_op:
        batch_op.create_index("ix_visits_technician_start", ["technician_id", "planned_start"], unique=False)
        batch_op.create_index("ix_visits_ticket", ["ticket_id"], unique=False)

    op.create_table(
        "work_logs",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("ticket_id", sa.Integer(), nullable=False),
        sa.Column("visit_id", sa.Integer(), nullable=True),
        sa.Column("technician_id", sa.Integer(), nullable=False),
        sa.Column("logged_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("minutes", sa.Integer(), nullable=False),
        sa.Column("units", sa.Numeric(precision=10, scale=2), nullable=False),
        sa.Column("description", sa.Text(), nullable=False),
        sa.CheckConstraint("minutes >= 0", name=op.f("ck_work_logs_minutes_not_negative")),
        sa.CheckConstraint("units >= 0", name=op.f("ck_work_logs_units_not_negative")),
        sa.ForeignKeyConstraint(
            ["technician_id"], ["technicians.id"], name=op.f("fk_work_logs_technician_id_technicians")
        ),
        sa.ForeignKeyConstraint(
            ["ticket_id"], ["tickets.id"], name=op.f("fk_work_logs_ticket_id_tickets"), ondelete="CASCADE"
        ),
        sa.ForeignKeyConstraint(
            ["visit_id"], ["visits.id"], name=op.f("fk_work_logs_visit_id_visits"), ondelete="SET NULL"
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_work_logs")),
    )
    with op.batch_alter_table("work_logs", schema=None) as batch_op:
        batch_op.create_index("ix_work_logs_technician_at", ["technician_id", "logged_at"], unique=False)
        batch_op.create_index("ix_work_logs_ticket", ["ticket_id"], unique=False)

    op.create_table(
        "consumables",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("work_log_id", sa.Integer(), nullable=False),
        sa.Column("name", sa.String(length=200), nullable=False),
        sa.Column("quantity", sa.Numeric(precision=10, scale=2), nullable=False),
        sa.Column("unit_cost", sa.Numeric(precision=12, scale=2), nullable=False),
        sa.CheckConstraint("quantity > 0", name=op.f("ck_consumables_quantity_positive")),
        sa.CheckConstraint("unit_cost >= 0", name=op.f("ck_consumables_unit_cost_not_negative")),
        sa.ForeignKeyConstraint(
            ["work_log_id"],
            ["work_logs.id"],
            name=op.f("fk_consumables_work_log_id_work_logs"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_consumables")),
    )
    with op.batch_alter_table("consumables", schema=None) as batch_op:
        batch_op.create_index("ix_consumables_work_log", ["work_log_id"], unique=False)


def downgrade() -> None:
    with op.batch_alter_table("consumables", schema=None) as batch_op:
        batch_op.drop_index("ix_consumables_work_log")

    op.drop_table("consumables")
    with op.batch_alter_table("work_logs", schema=None) as batch_op:
        batch_op.drop_index("ix_work_logs_ticket")
        batch_op.drop_index("ix_work_logs_technician_at")

    op.drop_table("work_logs")
    with op.batch_alter_table("visits", schema=None) as batch_op:
        batch_op.drop_index("ix_visits_ticket")
        batch_op.drop_index("ix_visits_technician_start")

    op.drop_table("visits")
    with op.batch_alter_table("ticket_history", schema=None) as batch_op:
        batch_op.drop_index("ix_ticket_history_ticket_at")

    op.drop_table("ticket_history")
    with op.batch_alter_table("feedback", schema=None) as batch_op:
        batch_op.drop_index("ix_feedback_client_at")

    op.drop_table("feedback")
    with op.batch_alter_table("tickets", schema=None) as batch_op:
        batch_op.drop_index("ix_tickets_technician_status")
        batch_op.drop_index("ix_tickets_status")
        batch_op.drop_index("ix_tickets_sla_state")
        batch_op.drop_index("ix_tickets_skill_status")
        batch_op.drop_index("ix_tickets_site_created")
        batch_op.drop_index("ix_tickets_resolution_due")
        batch_op.drop_index("ix_tickets_plan")
        batch_op.drop_index("ix_tickets_equipment")
        batch_op.drop_index("ix_tickets_created")
        batch_op.drop_index("ix_tickets_contract")
        batch_op.drop_index("ix_tickets_client_created")
        batch_op.drop_index("ix_tickets_category_status")

    op.drop_table("tickets")
    with op.batch_alter_table("maintenance_plans", schema=None) as batch_op:
        batch_op.drop_index("ix_maintenance_plans_equipment")
        batch_op.drop_index("ix_maintenance_plans_contract")

    op.drop_table("maintenance_plans")
    with op.batch_alter_table("contract_equipment", schema=None) as batch_op:
        batch_op.drop_index("ix_contract_equipment_equipment")

    op.drop_table("contract_equipment")
    with op.batch_alter_table("knowledge_attachments", schema=None) as batch_op:
        batch_op.drop_index("ix_knowledge_attachments_article")

    op.drop_table("knowledge_attachments")
    with op.batch_alter_table("equipment", schema=None) as batch_op:
        batch_op.drop_index("ix_equipment_site")
        batch_op.drop_index("ix_equipment_serial")
        batch_op.drop_index("ix_equipment_parent")
        batch_op.drop_index("ix_equipment_inventory")

    op.drop_table("equipment")
    with op.batch_alter_table("contract_sites", schema=None) as batch_op:
        batch_op.drop_index("ix_contract_sites_site")

    op.drop_table("contract_sites")
    op.drop_table("contract_services")
    with op.batch_alter_table("contacts", schema=None) as batch_op:
        batch_op.drop_index("ix_contacts_phone")
        batch_op.drop_index("ix_contacts_client")

    op.drop_table("contacts")
    with op.batch_alter_table("technician_skills", schema=None) as batch_op:
        batch_op.drop_index("ix_technician_skills_skill")

    op.drop_table("technician_skills")
    op.drop_table("sla_targets")
    op.drop_table("sla_pause_statuses")
    with op.batch_alter_table("sites", schema=None) as batch_op:
        batch_op.drop_index("ix_sites_client")
        batch_op.drop_index("ix_sites_address")

    op.drop_table("sites")
    with op.batch_alter_table("knowledge_articles", schema=None) as batch_op:
        batch_op.drop_index("ix_knowledge_articles_model")

    op.drop_table("knowledge_articles")
    with op.batch_alter_table("contracts", schema=None) as batch_op:
        batch_op.drop_index("ix_contracts_client")

    op.drop_table("contracts")
    with op.batch_alter_table("technicians", schema=None) as batch_op:
        batch_op.drop_index("ix_technicians_state")

    op.drop_table("technicians")
    op.drop_table("sla_policies")
    op.drop_table("equipment_models")
    with op.batch_alter_table("clients", schema=None) as batch_op:
        batch_op.drop_index("ix_clients_name")

    op.drop_table("clients")
    op.drop_table("calendar_days")
    op.drop_table("users")
    op.drop_table("skills")
    op.drop_table("client_tiers")
    with op.batch_alter_table("change_log", schema=None) as batch_op:
        batch_op.drop_index("ix_change_log_at")

    op.drop_table("change_log")
    op.drop_table("calendars")
