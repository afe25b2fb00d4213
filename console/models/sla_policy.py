"""SLA policies: what a contract promises per priority, by which calendar, and what stops the clock."""

from __future__ import annotations

from sqlalchemy import CheckConstraint, ForeignKey, String, UniqueConstraint, true
from sqlalchemy.orm import Mapped, mapped_column, relationship

from console.models.base import PRIORITIES, TICKET_STATUSES, Base, one_of
from console.models.calendar import Calendar


class SlaPolicy(Base):
    """Targets per priority, thresholds for warnings, and the calendar the clocks run on.

    With `use_site_calendar` the clocks follow the ticket's site calendar when the site has one
    (service only while the site is open); otherwise, or for a site without a calendar, the
    policy's own calendar; without either, around the clock.
    """

    __tablename__ = "sla_policies"
    __table_args__ = (
        CheckConstraint("warning_ratio > 0 AND warning_ratio < critical_ratio", name="warning_range"),
        CheckConstraint("critical_ratio < 1", name="critical_range"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(120), unique=True)
    calendar_id: Mapped[int | None] = mapped_column(ForeignKey("calendars.id"))
    warning_ratio: Mapped[float] = mapped_column(default=0.75)
    critical_ratio: Mapped[float] = mapped_column(default=0.9)
    use_site_calendar: Mapped[bool] = mapped_column(default=True, server_default=true())
    version: Mapped[int] = mapped_column(default=1)

    calendar: Mapped[Calendar | None] = relationship()
    targets: Mapped[list[SlaTarget]] = relationship(back_populates="policy", cascade="all, delete-orphan")
    pause_statuses: Mapped[list[SlaPauseStatus]] = relationship(
        back_populates="policy", cascade="all, delete-orphan"
    )

    __mapper_args__ = {"version_id_col": version}


class SlaTarget(Base):
    """Minutes of business time allowed per priority; arrival is empty for remote-only service."""

    __tablename__ = "sla_targets"
    __table_args__ = (
        UniqueConstraint("policy_id", "priority"),
        one_of("priority", PRIORITIES),
        CheckConstraint("reaction_minutes > 0", name="reaction_positive"),
        CheckConstraint("arrival_minutes IS NULL OR arrival_minutes > 0", name="arrival_positive"),
        CheckConstraint("resolution_minutes >= reaction_minutes", name="resolution_after_reaction"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    policy_id: Mapped[int] = mapped_column(ForeignKey("sla_policies.id", ondelete="CASCADE"))
    priority: Mapped[str] = mapped_column(String(16))
    reaction_minutes: Mapped[int]
    arrival_minutes: Mapped[int | None]
    resolution_minutes: Mapped[int]

    policy: Mapped[SlaPolicy] = relationship(back_populates="targets")


class SlaPauseStatus(Base):
    """A ticket status during which one of the policy's clocks stops (resolution while waiting for parts)."""

    __tablename__ = "sla_pause_statuses"
    __table_args__ = (
        UniqueConstraint("policy_id", "clock", "status"),
        one_of("status", TICKET_STATUSES),
        one_of("clock", ("reaction", "arrival", "resolution")),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    policy_id: Mapped[int] = mapped_column(ForeignKey("sla_policies.id", ondelete="CASCADE"))
    clock: Mapped[str] = mapped_column(String(16))
    status: Mapped[str] = mapped_column(String(24))

    policy: Mapped[SlaPolicy] = relationship(back_populates="pause_statuses")
