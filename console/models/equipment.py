"""Equipment models and the serviced units installed at sites (with parent/child assemblies)."""

from __future__ import annotations

from datetime import date

from sqlalchemy import CheckConstraint, ForeignKey, Index, String, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from console.models.base import Base
from console.models.site import Site
from console.models.skill import Skill


class EquipmentModel(Base):
    """A make and model; failure statistics and knowledge-base articles hang off it."""

    __tablename__ = "equipment_models"
    __table_args__ = (UniqueConstraint("manufacturer", "name"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    manufacturer: Mapped[str] = mapped_column(String(120))
    name: Mapped[str] = mapped_column(String(120))
    kind: Mapped[str] = mapped_column(String(80))
    skill_id: Mapped[int] = mapped_column(ForeignKey("skills.id"))
    service_interval_days: Mapped[int | None]

    skill: Mapped[Skill] = relationship()


class Equipment(Base):
    __tablename__ = "equipment"
    __table_args__ = (
        UniqueConstraint("model_id", "serial_number"),
        CheckConstraint("parent_id IS NULL OR parent_id <> id", name="not_own_parent"),
        Index("ix_equipment_site", "site_id"),
        Index("ix_equipment_serial", "serial_number"),
        Index("ix_equipment_inventory", "inventory_number"),
        Index("ix_equipment_parent", "parent_id"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    site_id: Mapped[int] = mapped_column(ForeignKey("sites.id", ondelete="CASCADE"))
    model_id: Mapped[int] = mapped_column(ForeignKey("equipment_models.id"))
    parent_id: Mapped[int | None] = mapped_column(ForeignKey("equipment.id", ondelete="SET NULL"))
    serial_number: Mapped[str] = mapped_column(String(60))
    inventory_number: Mapped[str | None] = mapped_column(String(60))
    installed_on: Mapped[date | None]
    decommissioned_on: Mapped[date | None]
    version: Mapped[int] = mapped_column(default=1)

    site: Mapped[Site] = relationship()
    model: Mapped[EquipmentModel] = relationship()
    parent: Mapped[Equipment | None] = relationship(remote_side=[id], back_populates="children")
    children: Mapped[list[Equipment]] = relationship(back_populates="parent")

    __mapper_args__ = {"version_id_col": version}
