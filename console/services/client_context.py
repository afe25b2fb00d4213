"""What the dispatcher needs to know about a client during a call, gathered in one read."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from sqlalchemy import func, select

from console.models import Client, ClientTier, Contract, Equipment, Site, SlaPolicy, Ticket, User
from console.models.base import OPEN_STATUSES
from console.store.database import Database


@dataclass(frozen=True, slots=True)
class ContractSummary:
    number: str
    starts_on: date
    ends_on: date | None
    status: str
    billing_unit: str
    sla_policy: str | None


@dataclass(frozen=True, slots=True)
class ClientSummary:
    id: int
    name: str
    legal_name: str
    tax_number: str | None
    tier: str
    tier_grants: str
    priority_support: bool
    manager: str | None
    phone: str | None
    sites: int
    equipment: int
    open_tickets: int
    contracts: tuple[ContractSummary, ...]


def client_summary(db: Database, client_id: int) -> ClientSummary | None:
    """The client's card, or None if the client no longer exists."""
    with db.session() as session:
        row = session.execute(
            select(Client, ClientTier, User.full_name)
            .join(ClientTier, ClientTier.id == Client.tier_id)
            .outerjoin(User, User.id == Client.manager_id)
            .where(Client.id == client_id)
        ).one_or_none()
        if row is None:
            return None
        client, tier, manager = row
        sites = session.scalar(select(func.count()).select_from(Site).where(Site.client_id == client_id)) or 0
        equipment = (
            session.scalar(
                select(func.count())
                .select_from(Equipment)
                .join(Site, Site.id == Equipment.site_id)
                .where(Site.client_id == client_id)
            )
            or 0
        )
        open_tickets = (
            session.scalar(
                select(func.count())
                .select_from(Ticket)
                .where(Ticket.client_id == client_id, Ticket.status.in_(OPEN_STATUSES))
            )
            or 0
        )
        contracts = tuple(
            ContractSummary(c.number, c.starts_on, c.ends_on, c.status, c.billing_unit, policy)
            for c, policy in session.execute(
                select(Contract, SlaPolicy.name)
                .outerjoin(SlaPolicy, SlaPolicy.id == Contract.sla_policy_id)
                .where(Contract.client_id == client_id)
                .order_by(Contract.starts_on.desc())
            )
        )
        return ClientSummary(
            id=client.id,
            name=client.name,
            legal_name=client.legal_name,
            tax_number=client.tax_number,
            tier=tier.name,
            tier_grants=tier.grants,
            priority_support=tier.priority_support,
            manager=manager,
            phone=client.phone,
            sites=sites,
            equipment=equipment,
            open_tickets=open_tickets,
            contracts=contracts,
        )
