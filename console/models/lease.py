"""Leases: which console process runs a team-wide duty (the maintenance scheduler) right now.

A lease is held by one process until it expires; the holder renews it well before that, and when
the holder dies another process takes it over once it has expired. APScheduler cannot share its
job store between processes, so only the lease holder runs it.
"""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import String
from sqlalchemy.orm import Mapped, mapped_column

from console.models.base import Base, UtcDateTime


class Lease(Base):
    __tablename__ = "leases"

    name: Mapped[str] = mapped_column(String(40), primary_key=True)
    holder: Mapped[str] = mapped_column(String(120))
    acquired_at: Mapped[datetime] = mapped_column(UtcDateTime)
    expires_at: Mapped[datetime] = mapped_column(UtcDateTime)
