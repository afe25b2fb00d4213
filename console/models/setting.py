"""Team-wide settings kept in the database, so every console of a team works by the same rules.

One row per setting: a JSON document under a key (for example "dispatch_rules"), versioned so that
two supervisors editing it at once cannot overwrite each other unnoticed. Per-desk preferences (window
layout, map tiles) stay in QSettings; these are the ones a team must share.
"""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import ForeignKey, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from console.models.base import Base, UtcDateTime, utcnow


class SharedSetting(Base):
    __tablename__ = "shared_settings"

    key: Mapped[str] = mapped_column(String(80), primary_key=True)
    value: Mapped[str] = mapped_column(Text)
    updated_at: Mapped[datetime] = mapped_column(UtcDateTime, default=utcnow)
    updated_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"))
    version: Mapped[int] = mapped_column(default=1)

    __mapper_args__ = {"version_id_col": version}
