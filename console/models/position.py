"""The technicians' position log: every reported position, kept, so a day's route can be replayed.

`technicians.last_latitude`/`last_longitude`/`last_position_at` stay the current position the map
draws; this table is the history behind it, written by the mobile app's reports and by
`dispatch-console positions import`. A technician reports at most one position per instant, so
re-importing a file adds nothing twice. The unique constraint's index on (technician_id,
reported_at) also serves "a technician's reports over a period", so there is no second index.
"""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import CheckConstraint, ForeignKey, String, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from console.models.base import Base, UtcDateTime, one_of, utcnow

POSITION_SOURCES = ("app", "import")


class TechnicianPositionReport(Base):
    __tablename__ = "technician_positions"
    __table_args__ = (
        one_of("source", POSITION_SOURCES),
        CheckConstraint("latitude BETWEEN -90 AND 90", name="latitude_range"),
        CheckConstraint("longitude BETWEEN -180 AND 180", name="longitude_range"),
        CheckConstraint("accuracy_m IS NULL OR accuracy_m >= 0", name="accuracy_not_negative"),
        UniqueConstraint("technician_id", "reported_at"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    technician_id: Mapped[int] = mapped_column(ForeignKey("technicians.id", ondelete="CASCADE"))
    reported_at: Mapped[datetime] = mapped_column(UtcDateTime)
    latitude: Mapped[float]
    longitude: Mapped[float]
    accuracy_m: Mapped[float | None]
    source: Mapped[str] = mapped_column(String(16))
    received_at: Mapped[datetime] = mapped_column(UtcDateTime, default=utcnow)
