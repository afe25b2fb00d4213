"""Business calendars: weekly working hours in a time zone, plus days off and transferred working days.

A calendar is used by sites (their working hours), by SLA policies (when the clock runs) and by
technicians (their shift pattern). Weekly hours are stored as JSON keyed by weekday (Monday = "0"),
each a list of ["HH:MM", "HH:MM"] periods; the SLA service validates and interprets them.
"""

from __future__ import annotations

from datetime import date
from typing import Any

from sqlalchemy import JSON, CheckConstraint, ForeignKey, String, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from console.models.base import Base, one_of


class Calendar(Base):
    __tablename__ = "calendars"

    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(120), unique=True)
    timezone: Mapped[str] = mapped_column(String(64))
    weekly_hours: Mapped[dict[str, Any]] = mapped_column(JSON)
    holiday_country: Mapped[str | None] = mapped_column(String(8))
    version: Mapped[int] = mapped_column(default=1)

    days: Mapped[list[CalendarDay]] = relationship(
        back_populates="calendar", cascade="all, delete-orphan", order_by="CalendarDay.day"
    )

    __mapper_args__ = {"version_id_col": version}


class CalendarDay(Base):
    """A day that differs from the weekly pattern: a holiday, or a working day with its own hours."""

    __tablename__ = "calendar_days"
    __table_args__ = (
        UniqueConstraint("calendar_id", "day"),
        one_of("kind", ("holiday", "working")),
        CheckConstraint("kind = 'holiday' OR hours IS NOT NULL", name="working_day_has_hours"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    calendar_id: Mapped[int] = mapped_column(ForeignKey("calendars.id", ondelete="CASCADE"))
    day: Mapped[date]
    kind: Mapped[str] = mapped_column(String(8))
    hours: Mapped[list[list[str]] | None] = mapped_column(JSON)
    name: Mapped[str | None] = mapped_column(String(120))

    calendar: Mapped[Calendar] = relationship(back_populates="days")
