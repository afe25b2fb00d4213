"""The short lists a dispatcher picks from in filters and dialogs: clients, skills, technicians."""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import Select, select
from sqlalchemy.orm import Session

from console.models import Client, ClientTier, Site, Skill, Technician
from console.store.database import Database


@dataclass(frozen=True, slots=True)
class Choice:
    id: int
    name: str


@dataclass(frozen=True, slots=True)
class PickLists:
    clients: list[Choice]
    skills: list[Choice]
    technicians: list[Choice]


def _choices(session: Session, query: Select[int, str]) -> list[Choice]:
    return [Choice(ident, name) for ident, name in session.execute(query)]


def pick_lists(db: Database) -> PickLists:
    """Clients, skills and technicians in name order."""
    with db.session() as session:
        return PickLists(
            clients=_choices(session, select(Client.id, Client.name).order_by(Client.name)),
            skills=_choices(session, select(Skill.id, Skill.name).order_by(Skill.name)),
            technicians=_choices(
                session, select(Technician.id, Technician.full_name).order_by(Technician.full_name)
            ),
        )


def site_choices(db: Database, client_id: int) -> list[Choice]:
    """The client's sites, by address."""
    with db.session() as session:
        return _choices(
            session, select(Site.id, Site.address).where(Site.client_id == client_id).order_by(Site.address)
        )


def tier_choices(db: Database) -> list[Choice]:
    """The client tiers by rank (1, the highest, first); `Choice.id` is the rank."""
    with db.session() as session:
        return _choices(session, select(ClientTier.rank, ClientTier.name).order_by(ClientTier.rank))


def team_names(db: Database) -> list[str]:
    """The teams of the active technicians, in name order."""
    with db.session() as session:
        return list(
            session.scalars(
                select(Technician.team)
                .where(Technician.active.is_(True))
                .distinct()
                .order_by(Technician.team)
            )
        )
