"""Sites: the client's serviced locations, with coordinates, time zone and working calendar."""

from __future__ import annotations

from sqlalchemy import CheckConstraint, ForeignKey, Index, String
from sqlalchemy.orm import Mapped, mapped_column, relationship

from console.models.base import Base
from console.models.calendar import Calendar
from console.models.client import Client


class Site(Base):
    __tablename__ = "sites"
    __table_args__ = (
        CheckConstraint("latitude BETWEEN -90 AND 90", name="latitude_range"),
        CheckConstraint("longitude BETWEEN -180 AND 180", name="longitude_range"),
        Index("ix_sites_client", "client_id"),
        Index("ix_sites_address", "address"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    client_id: Mapped[int] = mapped_column(ForeignKey("clients.id", ondelete="CASCADE"))
    name: Mapped[str] = mapped_column(String(200))
    address: Mapped[str] = mapped_column(String(300))
    territory: Mapped[str | None] = mapped_column(String(120))
    latitude: Mapped[float]
    longitude: Mapped[float]
    timezone: Mapped[str] = mapped_column(String(64))
    calendar_id: Mapped[int | None] = mapped_column(ForeignKey("calendars.id"))
    access_notes: Mapped[str | None] = mapped_column(String(500))
    version: Mapped[int] = mapped_column(default=1)

    client: Mapped[Client] = relationship()
    calendar: Mapped[Calendar | None] = relationship()

    __mapper_args__ = {"version_id_col": version}
