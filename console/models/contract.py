"""Service contracts: period, fee, billing unit, SLA policy, and what exactly they cover."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

from sqlalchemy import CheckConstraint, Column, ForeignKey, Index, Numeric, String, Table
from sqlalchemy.orm import Mapped, mapped_column, relationship

from console.models.base import BILLING_UNITS, CATEGORIES, CONTRACT_STATUSES, Base, one_of
from console.models.client import Client
from console.models.equipment import Equipment
from console.models.site import Site
from console.models.sla_policy import SlaPolicy

contract_sites = Table(
    "contract_sites",
    Base.metadata,
    Column("contract_id", ForeignKey("contracts.id", ondelete="CASCADE"), primary_key=True),
    Column("site_id", ForeignKey("sites.id", ondelete="CASCADE"), primary_key=True),
    Index("ix_contract_sites_site", "site_id"),
)

contract_equipment = Table(
    "contract_equipment",
    Base.metadata,
    Column("contract_id", ForeignKey("contracts.id", ondelete="CASCADE"), primary_key=True),
    Column("equipment_id", ForeignKey("equipment.id", ondelete="CASCADE"), primary_key=True),
    Index("ix_contract_equipment_equipment", "equipment_id"),
)


class Contract(Base):
    __tablename__ = "contracts"
    __table_args__ = (
        one_of("billing_unit", BILLING_UNITS),
        one_of("status", CONTRACT_STATUSES),
        CheckConstraint("ends_on IS NULL OR ends_on >= starts_on", name="period_order"),
        CheckConstraint("subscription_fee >= 0", name="fee_not_negative"),
        CheckConstraint("unit_price >= 0", name="unit_price_not_negative"),
        CheckConstraint("trip_price >= 0", name="trip_price_not_negative"),
        Index("ix_contracts_client", "client_id"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    client_id: Mapped[int] = mapped_column(ForeignKey("clients.id", ondelete="CASCADE"))
    number: Mapped[str] = mapped_column(String(40), unique=True)
    starts_on: Mapped[date]
    ends_on: Mapped[date | None]
    status: Mapped[str] = mapped_column(String(16), default="active")
    subscription_fee: Mapped[Decimal] = mapped_column(Numeric(12, 2))
    billing_unit: Mapped[str] = mapped_column(String(8))
    unit_price: Mapped[Decimal] = mapped_column(Numeric(12, 2))
    # A trip to a site (one visit) billed with one-off work; covered work includes its trips.
    trip_price: Mapped[Decimal] = mapped_column(Numeric(12, 2), default=Decimal("0"), server_default="0")
    sla_policy_id: Mapped[int | None] = mapped_column(ForeignKey("sla_policies.id"))
    version: Mapped[int] = mapped_column(default=1)

    client: Mapped[Client] = relationship()
    sla_policy: Mapped[SlaPolicy | None] = relationship()
    sites: Mapped[list[Site]] = relationship(secondary=contract_sites)
    equipment: Mapped[list[Equipment]] = relationship(secondary=contract_equipment)
    services: Mapped[list[ContractService]] = relationship(
        back_populates="contract", cascade="all, delete-orphan"
    )

    __mapper_args__ = {"version_id_col": version}


class ContractService(Base):
    """A category of work the contract covers (work outside these categories is billed separately)."""

    __tablename__ = "contract_services"
    __table_args__ = (one_of("category", CATEGORIES),)

    contract_id: Mapped[int] = mapped_column(ForeignKey("contracts.id", ondelete="CASCADE"), primary_key=True)
    category: Mapped[str] = mapped_column(String(16), primary_key=True)

    contract: Mapped[Contract] = relationship(back_populates="services")
