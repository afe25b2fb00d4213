"""What the client panel says about the selected ticket: is the work covered, may the caller ask for it.

The verdicts are the intake rules (`ticket_intake.coverage` and `contact_authority`) applied to the
ticket as it stands now, so a ticket registered under a contract that has since expired or been
suspended shows why new work on it is no longer covered.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime

from console.models import Contact, Contract, Equipment, EquipmentModel, Site, Ticket
from console.services.ticket_intake import AuthorityCheck, CoverageCheck, contact_authority, coverage
from console.store.database import Database


@dataclass(frozen=True, slots=True)
class TicketContext:
    ticket_id: int
    number: str
    client_id: int
    category: str
    site_id: int | None
    site_name: str | None
    equipment_id: int | None
    equipment_model_id: int | None
    equipment_label: str | None
    contact_name: str | None
    registered_contract: str | None
    """The contract the ticket was registered under, or None for work outside any contract."""
    registered_billable: bool
    coverage: CoverageCheck
    """The contract rules applied to the ticket's site, unit and category as of now."""
    authority: AuthorityCheck | None
    """The contact's authority at the ticket's site; None when the ticket names no contact."""


def ticket_context(db: Database, ticket_id: int, *, now: datetime | None = None) -> TicketContext | None:
    """The selected ticket's coverage and caller authority, or None when the ticket no longer exists."""
    moment = now or datetime.now(UTC)
    with db.session() as session:
        ticket = session.get(Ticket, ticket_id)
        if ticket is None:
            return None
        site = session.get(Site, ticket.site_id) if ticket.site_id is not None else None
        unit = session.get(Equipment, ticket.equipment_id) if ticket.equipment_id is not None else None
        model = session.get(EquipmentModel, unit.model_id) if unit is not None else None
        contact = session.get(Contact, ticket.contact_id) if ticket.contact_id is not None else None
        contract = session.get(Contract, ticket.contract_id) if ticket.contract_id is not None else None
        fields = (
            ticket.number,
            ticket.client_id,
            ticket.category,
            ticket.site_id,
            ticket.equipment_id,
            ticket.contact_id,
            ticket.billable,
        )
        equipment_label = (
            f"{model.manufacturer} {model.name} ({unit.serial_number})"
            if unit is not None and model is not None
            else None
        )
        site_name = site.name if site is not None else None
        contact_name = contact.full_name if contact is not None else None
        contract_number = contract.number if contract is not None else None
    number, client_id, category, site_id, equipment_id, contact_id, billable = fields
    return TicketContext(
        ticket_id=ticket_id,
        number=number,
        client_id=client_id,
        category=category,
        site_id=site_id,
        site_name=site_name,
        equipment_id=equipment_id,
        equipment_model_id=model.id if model is not None else None,
        equipment_label=equipment_label,
        contact_name=contact_name,
        registered_contract=contract_number,
        registered_billable=billable,
        coverage=coverage(db, client_id, site_id, equipment_id, category, moment),
        authority=contact_authority(db, contact_id, site_id) if contact_id is not None else None,
    )
