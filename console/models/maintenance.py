"""Planned preventive maintenance: a recurrence rule that generates tickets ahead of time."""

from __future__ import annotations

from datetime import date, datetime, time
from typing import Any

from sqlalchemy import JSON, CheckConstraint, ForeignKey, Index, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from console.models.base import NON_WORKING_DAY_RULES, Base, UtcDateTime, one_of


class MaintenancePlan(Base):
    """What to service (a unit, a model at a site, or a whole contract), when (RRULE) and how long."""

    __tablename__ = "maintenance_plans"
    __table_args__ = (
        one_of("non_working_day", NON_WORKING_DAY_RULES),
        CheckConstraint(
            "equipment_id IS NOT NULL OR (site_id IS NOT NULL AND equipment_model_id IS NOT NULL) "
            "OR contract_id IS NOT NULL",
            name="has_target",
        ),
        CheckConstraint("ends_on IS NULL OR ends_on >= starts_on", name="period_order"),
        CheckConstraint("duration_minutes > 0", name="duration_positive"),
        CheckConstraint("horizon_days BETWEEN 1 AND 730", name="horizon_range"),
        CheckConstraint(
            "window_start IS NULL OR window_end IS NULL OR window_end > window_start", name="window_order"
        ),
        Index("ix_maintenance_plans_contract", "contract_id"),
        Index("ix_maintenance_plans_equipment", "equipment_id"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(200))
    contract_id: Mapped[int | None] = mapped_column(ForeignKey("contracts.id", ondelete="CASCADE"))
    site_id: Mapped[int | None] = mapped_column(ForeignKey("sites.id", ondelete="CASCADE"))
    equipment_id: Mapped[int | None] = mapped_column(ForeignKey("equipment.id", ondelete="CASCADE"))
    equipment_model_id: Mapped[int | None] = mapped_column(ForeignKey("equipment_models.id"))
    rrule: Mapped[str] = mapped_column(String(500))
    starts_on: Mapped[date]
    ends_on: Mapped[date | None]
    duration_minutes: Mapped[int]
    skill_id: Mapped[int] = mapped_column(ForeignKey("skills.id"))
    checklist: Mapped[list[Any]] = mapped_column(JSON, default=list)
    window_start: Mapped[time | None]
    window_end: Mapped[time | None]
    after_previous_done: Mapped[bool] = mapped_column(default=False)
    non_working_day: Mapped[str] = mapped_column(String(24), default="next_working_day")
    horizon_days: Mapped[int] = mapped_column(default=60)
    generated_until: Mapped[date | None]
    active: Mapped[bool] = mapped_column(default=True)
    notes: Mapped[str] = mapped_column(Text, default="")
    updated_at: Mapped[datetime | None] = mapped_column(UtcDateTime)
    version: Mapped[int] = mapped_column(default=1)

    __mapper_args__ = {"version_id_col": version}
