"""The change log: one row per committed insert, update or delete of a tracked entity.

Consoles read it incrementally (rows after the last id they saw) to refresh only what changed.
Rows are written inside the same transaction as the change, so a change and its log entry commit
or roll back together.
"""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import BigInteger, Index, Integer, String
from sqlalchemy.orm import Mapped, mapped_column

from console.models.base import CHANGE_OPS, Base, UtcDateTime, one_of, utcnow


class ChangeLogEntry(Base):
    __tablename__ = "change_log"
    __table_args__ = (one_of("op", CHANGE_OPS), Index("ix_change_log_at", "at"))

    id: Mapped[int] = mapped_column(BigInteger().with_variant(Integer, "sqlite"), primary_key=True)
    at: Mapped[datetime] = mapped_column(UtcDateTime, default=utcnow)
    entity: Mapped[str] = mapped_column(String(40))
    entity_id: Mapped[int]
    op: Mapped[str] = mapped_column(String(8))
    origin: Mapped[str | None] = mapped_column(String(64))
