"""Visits (a technician's planned and actual trip to a ticket's site) and the work logged on them."""

from __future__ import annotations

from datetime import datetime
from decimal import Decimal

from sqlalchemy import CheckConstraint, ForeignKey, Index, Numeric, String, Text
from sqlalchemy.orm import Mapped, mapped_column, relationship

from console.models.base import VISIT_STATUSES, Base, UtcDateTime, one_of, utcnow
from console.models.technician import Technician
from console.models.ticket import Ticket


class Visit(Base):
    __tablename__ = "visits"
    __table_args__ = (
        one_of("status", VISIT_STATUSES),
        CheckConstraint("planned_end > planned_start", name="planned_order"),
        CheckConstraint("actual_end IS NULL OR actual_start IS NOT NULL", name="ended_after_started"),
        CheckConstraint("actual_end IS NULL OR actual_end >= actual_start", name="actual_order"),
        CheckConstraint("travel_minutes >= 0", name="travel_not_negative"),
        Index("ix_visits_technician_start", "technician_id", "planned_start"),
        Index("ix_visits_technician_end", "technician_id", "planned_end"),
        Index("ix_visits_technician_actual_end", "technician_id", "actual_end"),
        Index("ix_visits_ticket", "ticket_id"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    ticket_id: Mapped[int] = mapped_column(ForeignKey("tickets.id", ondelete="CASCADE"))
    technician_id: Mapped[int] = mapped_column(ForeignKey("technicians.id"))
    status: Mapped[str] = mapped_column(String(16), default="planned")
    planned_start: Mapped[datetime] = mapped_column(UtcDateTime)
    planned_end: Mapped[datetime] = mapped_column(UtcDateTime)
    actual_start: Mapped[datetime | None] = mapped_column(UtcDateTime)
    actual_end: Mapped[datetime | None] = mapped_column(UtcDateTime)
    travel_minutes: Mapped[int] = mapped_column(default=0)
    pinned: Mapped[bool] = mapped_column(default=False)
    version: Mapped[int] = mapped_column(default=1)

    ticket: Mapped[Ticket] = relationship()
    technician: Mapped[Technician] = relationship()

    __mapper_args__ = {"version_id_col": version}


class WorkLog(Base):
    """Labour on a ticket: minutes and billable units, with the consumables used."""

    __tablename__ = "work_logs"
    __table_args__ = (
        CheckConstraint("minutes >= 0", name="minutes_not_negative"),
        CheckConstraint("units >= 0", name="units_not_negative"),
        Index("ix_work_logs_ticket", "ticket_id"),
        Index("ix_work_logs_technician_at", "technician_id", "logged_at"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    ticket_id: Mapped[int] = mapped_column(ForeignKey("tickets.id", ondelete="CASCADE"))
    visit_id: Mapped[int | None] = mapped_column(ForeignKey("visits.id", ondelete="SET NULL"))
    technician_id: Mapped[int] = mapped_column(ForeignKey("technicians.id"))
    logged_at: Mapped[datetime] = mapped_column(UtcDateTime, default=utcnow)
    minutes: Mapped[int]
    units: Mapped[Decimal] = mapped_column(Numeric(10, 2), default=Decimal("0"))
    description: Mapped[str] = mapped_column(Text, default="")

    consumables: Mapped[list[Consumable]] = relationship(
        back_populates="work_log", cascade="all, delete-orphan"
    )


class Consumable(Base):
    __tablename__ = "consumables"
    __table_args__ = (
        CheckConstraint("quantity > 0", name="quantity_positive"),
        CheckConstraint("unit_cost >= 0", name="unit_cost_not_negative"),
        Index("ix_consumables_work_log", "work_log_id"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    work_log_id: Mapped[int] = mapped_column(ForeignKey("work_logs.id", ondelete="CASCADE"))
    name: Mapped[str] = mapped_column(String(200))
    quantity: Mapped[Decimal] = mapped_column(Numeric(10, 2))
    unit_cost: Mapped[Decimal] = mapped_column(Numeric(12, 2))

    work_log: Mapped[WorkLog] = relationship(back_populates="consumables")
