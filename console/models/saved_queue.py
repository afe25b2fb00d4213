"""A dispatcher's own queues: a named, saved filter over tickets, in the dispatcher's order."""

from __future__ import annotations

from sqlalchemy import CheckConstraint, ForeignKey, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from console.models.base import Base


class SavedQueue(Base):
    """One saved queue of one user; `filter_json` is the queue filter as the queue service writes it."""

    __tablename__ = "saved_queues"
    __table_args__ = (
        UniqueConstraint("user_id", "name"),
        CheckConstraint("trim(name) <> ''", name="name_not_empty"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"))
    name: Mapped[str] = mapped_column(String(80))
    filter_json: Mapped[str] = mapped_column(Text, default="{}")
    position: Mapped[int] = mapped_column(default=0)
    version: Mapped[int] = mapped_column(default=1)

    __mapper_args__ = {"version_id_col": version}
