"""The audit log: who changed what in the records a team answers for, with the old and new values.

One row per changed field of an update, and one per insert or delete (holding the record's values).
A record is named by its numeric id, or by `record_key` where its key is a name or several parts.
The database refuses to change or delete its rows (triggers of migration 0011), so the console
cannot edit the log and neither can anyone using the console's own connection to the database.
"""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import BigInteger, ForeignKey, Index, Integer, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from console.models.base import CHANGE_OPS, Base, UtcDateTime, one_of, utcnow


class AuditEntry(Base):
    __tablename__ = "audit_log"
    __table_args__ = (
        one_of("op", CHANGE_OPS),
        Index("ix_audit_log_at", "at"),
        Index("ix_audit_log_entity", "entity", "entity_id"),
        Index("ix_audit_log_user", "user_id"),
    )

    id: Mapped[int] = mapped_column(BigInteger().with_variant(Integer, "sqlite"), primary_key=True)
    at: Mapped[datetime] = mapped_column(UtcDateTime, default=utcnow)
    user_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"))
    entity: Mapped[str] = mapped_column(String(40))
    entity_id: Mapped[int | None]
    # The key of a record whose key is not one number (a team setting's name, a workflow's category).
    record_key: Mapped[str | None] = mapped_column(String(120))
    op: Mapped[str] = mapped_column(String(8))
    field: Mapped[str | None] = mapped_column(String(64))
    old_value: Mapped[str | None] = mapped_column(Text)
    new_value: Mapped[str | None] = mapped_column(Text)
