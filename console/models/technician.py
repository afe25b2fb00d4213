"""Field technicians: skills, home base, shift pattern, last known position and current state."""

from __future__ import annotations

from datetime import datetime
from decimal import Decimal

from sqlalchemy import CheckConstraint, Column, ForeignKey, Index, Numeric, String, Table
from sqlalchemy.orm import Mapped, mapped_column, relationship

from console.models.base import TECHNICIAN_STATES, Base, UtcDateTime, one_of
from console.models.calendar import Calendar
from console.models.skill import Skill

technician_skills = Table(
    "technician_skills",
    Base.metadata,
    Column("technician_id", ForeignKey("technicians.id", ondelete="CASCADE"), primary_key=True),
    Column("skill_id", ForeignKey("skills.id", ondelete="CASCADE"), primary_key=True),
    Index("ix_technician_skills_skill", "skill_id"),
)


class Technician(Base):
    __tablename__ = "technicians"
    __table_args__ = (
        one_of("state", TECHNICIAN_STATES),
        CheckConstraint("home_latitude BETWEEN -90 AND 90", name="home_latitude_range"),
        CheckConstraint("home_longitude BETWEEN -180 AND 180", name="home_longitude_range"),
        CheckConstraint(
            "last_latitude IS NULL OR last_latitude BETWEEN -90 AND 90", name="last_latitude_range"
        ),
        CheckConstraint(
            "last_longitude IS NULL OR last_longitude BETWEEN -180 AND 180", name="last_longitude_range"
        ),
        CheckConstraint("(last_latitude IS NULL) = (last_position_at IS NULL)", name="position_has_time"),
        CheckConstraint("cost_rate >= 0", name="cost_rate_not_negative"),
        Index("ix_technicians_state", "state"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    full_name: Mapped[str] = mapped_column(String(200))
    phone: Mapped[str | None] = mapped_column(String(40))
    team: Mapped[str] = mapped_column(String(80))
    home_latitude: Mapped[float]
    home_longitude: Mapped[float]
    last_latitude: Mapped[float | None]
    last_longitude: Mapped[float | None]
    last_position_at: Mapped[datetime | None] = mapped_column(UtcDateTime)
    state: Mapped[str] = mapped_column(String(16), default="off_shift")
    calendar_id: Mapped[int | None] = mapped_column(ForeignKey("calendars.id"))
    cost_rate: Mapped[Decimal] = mapped_column(Numeric(10, 2), default=Decimal("0"))
    active: Mapped[bool] = mapped_column(default=True)
    version: Mapped[int] = mapped_column(default=1)

    skills: Mapped[list[Skill]] = relationship(secondary=technician_skills)
    calendar: Mapped[Calendar | None] = relationship()

    __mapper_args__ = {"version_id_col": version}
