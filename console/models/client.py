"""Client companies, their service tiers, and the contact persons who speak for them."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import CheckConstraint, ForeignKey, Index, String, Text
from sqlalchemy.orm import Mapped, mapped_column, relationship

from console.models.base import AUTHORITY_SCOPES, Base, UtcDateTime, one_of, utcnow
from console.models.user import User


class ClientTier(Base):
    """A client category (e.g. Platinum) and what it grants; rank 1 is served first."""

    __tablename__ = "client_tiers"
    __table_args__ = (CheckConstraint("rank >= 1", name="rank_positive"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(60), unique=True)
    rank: Mapped[int] = mapped_column(unique=True)
    grants: Mapped[str] = mapped_column(Text, default="")
    priority_support: Mapped[bool] = mapped_column(default=False)


class Client(Base):
    __tablename__ = "clients"
    __table_args__ = (Index("ix_clients_name", "name"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(200))
    legal_name: Mapped[str] = mapped_column(String(300))
    tax_number: Mapped[str | None] = mapped_column(String(20), unique=True)
    tier_id: Mapped[int] = mapped_column(ForeignKey("client_tiers.id"))
    manager_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"))
    phone: Mapped[str | None] = mapped_column(String(40))
    email: Mapped[str | None] = mapped_column(String(200))
    address: Mapped[str | None] = mapped_column(String(300))
    created_at: Mapped[datetime] = mapped_column(UtcDateTime, default=utcnow)
    version: Mapped[int] = mapped_column(default=1)

    tier: Mapped[ClientTier] = relationship()
    manager: Mapped[User | None] = relationship()
    contacts: Mapped[list[Contact]] = relationship(back_populates="client")

    __mapper_args__ = {"version_id_col": version}


class Contact(Base):
    """A person at the client; `scope` says which sites they may speak for.

    A store administrator has scope "site" (one site), a territorial manager "territory" (every
    site whose territory matches), a head-office manager "client" (all sites).
    """

    __tablename__ = "contacts"
    __table_args__ = (
        one_of("scope", AUTHORITY_SCOPES),
        CheckConstraint("scope <> 'site' OR site_id IS NOT NULL", name="site_scope_has_site"),
        CheckConstraint(
            "scope <> 'territory' OR territory IS NOT NULL", name="territory_scope_has_territory"
        ),
        Index("ix_contacts_client", "client_id"),
        Index("ix_contacts_phone", "phone"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    client_id: Mapped[int] = mapped_column(ForeignKey("clients.id", ondelete="CASCADE"))
    full_name: Mapped[str] = mapped_column(String(200))
    position: Mapped[str | None] = mapped_column(String(120))
    phone: Mapped[str | None] = mapped_column(String(40))
    mobile: Mapped[str | None] = mapped_column(String(40))
    email: Mapped[str | None] = mapped_column(String(200))
    scope: Mapped[str] = mapped_column(String(16))
    site_id: Mapped[int | None] = mapped_column(ForeignKey("sites.id", ondelete="CASCADE"))
    territory: Mapped[str | None] = mapped_column(String(120))
    may_request: Mapped[bool] = mapped_column(default=True)
    may_approve: Mapped[bool] = mapped_column(default=False)
    version: Mapped[int] = mapped_column(default=1)

    client: Mapped[Client] = relationship(back_populates="contacts")

    __mapper_args__ = {"version_id_col": version}
