"""Registering a ticket from a phone call: what the chosen client has, and what the call may ask for.

Once the dispatcher has found the client (see `client_lookup`), the intake dialog offers the
client's sites, contacts and equipment, and checks the draft as it is filled in:

* `contact_authority`: may this caller ask for work at this site? A store administrator speaks
  for one store, a territorial manager for the stores of a territory, a head-office manager for
  all of them; some contacts may not request work at all.
* `coverage`: which contract the work falls under, and what will be billed on top of it. Sending
  a technician to equipment the contract does not cover is an "idle trip" unless the client
  knows the work is billable.
* `suggest`: the priority and specialisation to preselect, each with the reason shown next to it.

Warnings and reasons are `Notice`s: a `QT_TRANSLATE_NOOP("intake", ...)` template the view
translates, with its values. Values that are keys (a category) stay keys, for the view to label.

The contract rule is shared with `tickets.create_ticket` through `contract_cover`, so what the
dialog promises is what the saved ticket gets.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import date, datetime

from sqlalchemy import ColumnElement, case, select
from sqlalchemy.orm import Session

from console.errors import QT_TRANSLATE_NOOP
from console.models import (
    Client,
    ClientTier,
    Contact,
    Contract,
    ContractService,
    Equipment,
    EquipmentModel,
    Site,
    Skill,
    contract_equipment,
    contract_sites,
)
from console.models.base import CATEGORIES, utcnow
from console.store.database import Database

PRIORITY_RULES: dict[str, tuple[str, str]] = {
    "incident": ("high", "normal"),
    "request": ("normal", "normal"),
    "installation": ("normal", "normal"),
    "maintenance": ("low", "low"),
    "consultation": ("low", "low"),
}
"""The suggested priority per category: (for a client with priority support, for any other client).

An incident means something the client needs has stopped working. Tiers that grant priority
support (Platinum and Gold in the demo) are paid for to be served first, so their incidents start
high, but only for work their contract covers: priority support is part of the contract. Requests
and installations are agreed work with a date, hence normal. Planned maintenance is scheduled
ahead and a consultation is answered remotely; nothing is broken, so low keeps them from
crowding out failures. "critical" is never suggested: only the caller can tell that a whole site
is down.
"""

_SCOPE_ORDER = {"client": 0, "territory": 1, "site": 2}


@dataclass(frozen=True, slots=True)
class Notice:
    """A message for the dispatcher: a translatable template ("intake" context), its values, and a key."""

    code: str
    template: str
    params: Mapping[str, object] = field(default_factory=dict)


@dataclass(frozen=True, slots=True)
class SiteOption:
    """A site of the client; `covered_by_contract` is the number of the active contract covering it."""

    id: int
    name: str
    address: str
    territory: str | None
    covered_by_contract: str | None


@dataclass(frozen=True, slots=True)
class ContactOption:
    id: int
    full_name: str
    position: str | None
    phone: str | None
    mobile: str | None
    email: str | None
    scope: str
    site_id: int | None
    territory: str | None
    may_request: bool
    may_approve: bool


@dataclass(frozen=True, slots=True)
class EquipmentOption:
    """A unit at the site; `parent_id` lets the view nest assemblies under the unit they belong to."""

    id: int
    parent_id: int | None
    model: str
    kind: str
    serial: str
    inventory: str | None
    skill_id: int
    covered: bool
    decommissioned_on: date | None


@dataclass(frozen=True, slots=True)
class AuthorityCheck:
    """Whether the contact may request work at the site; `warnings` say why not."""

    allowed: bool
    may_request: bool
    may_approve: bool
    warnings: tuple[Notice, ...]


@dataclass(frozen=True, slots=True)
class CoverageCheck:
    """The contract the work falls under and what it means for the bill.

    `covered`: an active contract covers the site and the (working) unit, so the ticket runs on
    the contract's SLA; `create_ticket` stores `billable = not covered`. `billable`: the work will
    be invoiced on top of the subscription, which is also the case when the contract does not
    include the category of work.
    """

    contract_id: int | None
    contract_number: str | None
    covered: bool
    billable: bool
    warnings: tuple[Notice, ...]


@dataclass(frozen=True, slots=True)
class Suggestion:
    priority: str
    priority_reason: Notice
    skill_id: int | None
    skill_reason: Notice


# The contract rule, shared with tickets.create_ticket --------------------------------------------


def _in_force(day: date) -> ColumnElement[bool]:
    """The contract is active and its period includes `day`."""
    return (
        (Contract.status == "active")
        & (Contract.starts_on <= day)
        & (Contract.ends_on.is_(None) | (Contract.ends_on >= day))
    )


def _covering_contract(session: Session, client_id: int, site_id: int | None, day: date) -> Contract | None:
    """The client's contract in force on `day` (covering the site when given); the latest begun wins."""
    query = select(Contract).where(Contract.client_id == client_id, _in_force(day))
    if site_id is not None:
        query = query.join(contract_sites, contract_sites.c.contract_id == Contract.id).where(
            contract_sites.c.site_id == site_id
        )
    return session.scalars(query.order_by(Contract.starts_on.desc(), Contract.id.desc())).first()


def _in_service(equipment: Equipment, day: date) -> bool:
    """Not decommissioned on or before `day`: a decommissioned unit is no longer serviced."""
    return equipment.decommissioned_on is None or equipment.decommissioned_on > day


def _listed(session: Session, contract_id: int, equipment_id: int) -> bool:
    return (
        session.execute(
            select(contract_equipment.c.equipment_id).where(
                contract_equipment.c.contract_id == contract_id,
                contract_equipment.c.equipment_id == equipment_id,
            )
        ).first()
        is not None
    )


def _unit_covered(session: Session, contract_id: int, equipment_id: int, day: date) -> bool:
    """The contract lists the unit and the unit was still in service on `day`."""
    equipment = session.get(Equipment, equipment_id)
    return (
        equipment is not None and _in_service(equipment, day) and _listed(session, contract_id, equipment_id)
    )


def contract_cover(
    session: Session, client_id: int, site_id: int | None, equipment_id: int | None, at: datetime
) -> tuple[int | None, bool]:
    """The contract the work falls under, and whether it covers the work (the site and the unit)."""
    day = at.date()
    contract = _covering_contract(session, client_id, site_id, day)
    if contract is None:
        return None, False
    if equipment_id is None:
        return contract.id, True
    return contract.id, _unit_covered(session, contract.id, equipment_id, day)


# What the client has ------------------------------------------------------------------------------


def _covering_numbers(session: Session, client_id: int, day: date) -> dict[int, str]:
    """Site id -> number of the contract `_covering_contract` would choose for it."""
    rows = session.execute(
        select(contract_sites.c.site_id, Contract.number)
        .join(Contract, Contract.id == contract_sites.c.contract_id)
        .where(Contract.client_id == client_id, _in_force(day))
        .order_by(Contract.starts_on.desc(), Contract.id.desc())
    )
    numbers: dict[int, str] = {}
    for site_id, number in rows:
        numbers.setdefault(site_id, number)
    return numbers


def client_sites(db: Database, client_id: int, *, at: datetime | None = None) -> list[SiteOption]:
    """The client's sites in the order they were added, each with the contract covering it (now or `at`)."""
    day = (at or utcnow()).date()
    with db.session() as session:
        numbers = _covering_numbers(session, client_id, day)
        sites = session.scalars(select(Site).where(Site.client_id == client_id).order_by(Site.id))
        return [SiteOption(s.id, s.name, s.address, s.territory, numbers.get(s.id)) for s in sites]


def client_contacts(db: Database, client_id: int) -> list[ContactOption]:
    """The client's contacts, widest authority first (head office, territories, sites), then by name."""
    order = case(_SCOPE_ORDER, value=Contact.scope, else_=len(_SCOPE_ORDER))
    with db.session() as session:
        contacts = session.scalars(
            select(Contact)
            .where(Contact.client_id == client_id)
            .order_by(order, Contact.full_name, Contact.id)
        )
        return [
            ContactOption(
                id=c.id,
                full_name=c.full_name,
                position=c.position,
                phone=c.phone,
                mobile=c.mobile,
                email=c.email,
                scope=c.scope,
                site_id=c.site_id,
                territory=c.territory,
                may_request=c.may_request,
                may_approve=c.may_approve,
            )
            for c in contacts
        ]


def _model_name(model: EquipmentModel) -> str:
    return f"{model.manufacturer} {model.name}"


def _covered_units(session: Session, site: Site, day: date) -> set[int]:
    """Ids of the site's units listed by the contract covering the site on `day`."""
    contract = _covering_contract(session, site.client_id, site.id, day)
    if contract is None:
        return set()
    return set(
        session.scalars(
            select(contract_equipment.c.equipment_id)
            .join(Equipment, Equipment.id == contract_equipment.c.equipment_id)
            .where(contract_equipment.c.contract_id == contract.id, Equipment.site_id == site.id)
        )
    )


def site_equipment(db: Database, site_id: int, *, at: datetime | None = None) -> list[EquipmentOption]:
    """The units at the site in the order they were registered; `covered` as `coverage` decides it."""
    day = (at or utcnow()).date()
    with db.session() as session:
        site = session.get(Site, site_id)
        if site is None:
            return []
        listed = _covered_units(session, site, day)
        rows = session.execute(
            select(Equipment, EquipmentModel)
            .join(EquipmentModel, EquipmentModel.id == Equipment.model_id)
            .where(Equipment.site_id == site_id)
            .order_by(Equipment.id)
        )
        return [
            EquipmentOption(
                id=unit.id,
                parent_id=unit.parent_id,
                model=_model_name(model),
                kind=model.kind,
                serial=unit.serial_number,
                inventory=unit.inventory_number,
                skill_id=model.skill_id,
                covered=unit.id in listed and _in_service(unit, day),
                decommissioned_on=unit.decommissioned_on,
            )
            for unit, model in rows
        ]


# Who may ask ---------------------------------------------------------------------------------------


def _scope_warning(session: Session, contact: Contact, site: Site) -> Notice | None:
    """Why the site lies outside what the contact speaks for, or None when it does not."""
    if site.client_id != contact.client_id:
        owner = session.get_one(Client, site.client_id)
        return Notice(
            "other_client",
            QT_TRANSLATE_NOOP(
                "intake", "{contact} is a contact of {client}; the site {site} belongs to {owner}."
            ),
            {
                "contact": contact.full_name,
                "client": contact.client.name,
                "site": site.name,
                "owner": owner.name,
            },
        )
    if contact.scope == "site" and contact.site_id != site.id:
        own = session.get_one(Site, contact.site_id)
        return Notice(
            "other_site",
            QT_TRANSLATE_NOOP(
                "intake", "{contact} speaks only for {own_site} ({own_address}), not for {site}."
            ),
            {
                "contact": contact.full_name,
                "own_site": own.name,
                "own_address": own.address,
                "site": site.name,
            },
        )
    if contact.scope == "territory" and contact.territory != site.territory:
        return Notice(
            "other_territory",
            QT_TRANSLATE_NOOP(
                "intake", "{contact} is responsible for territory {territory}; {site} is in {site_territory}."
            )
            if site.territory
            else QT_TRANSLATE_NOOP(
                "intake",
                "{contact} is responsible for territory {territory}; {site} belongs to no territory.",
            ),
            {
                "contact": contact.full_name,
                "territory": contact.territory,
                "site": site.name,
                "site_territory": site.territory,
            },
        )
    return None


def contact_authority(db: Database, contact_id: int, site_id: int | None) -> AuthorityCheck:
    """Whether the contact may request work (at the site, when one is chosen), and if not, why."""
    with db.session() as session:
        contact = session.get(Contact, contact_id)
        if contact is None:
            missing = Notice("contact_missing", QT_TRANSLATE_NOOP("intake", "This contact no longer exists."))
            return AuthorityCheck(False, False, False, (missing,))
        warnings: list[Notice] = []
        if not contact.may_request:
            warnings.append(
                Notice(
                    "may_not_request",
                    QT_TRANSLATE_NOOP("intake", "{contact} may not request work for {client}."),
                    {"contact": contact.full_name, "client": contact.client.name},
                )
            )
        site = session.get(Site, site_id) if site_id is not None else None
        scope = _scope_warning(session, contact, site) if site is not None else None
        if scope is not None:
            warnings.append(scope)
        return AuthorityCheck(not warnings, contact.may_request, contact.may_approve, tuple(warnings))


# What the contract covers --------------------------------------------------------------------------


def _inactive_reason(contract: Contract, day: date) -> Notice:
    """Why a contract that names the site does not cover work on `day`."""
    values: dict[str, object] = {"number": contract.number}
    if contract.status == "suspended":
        return Notice(
            "contract_suspended", QT_TRANSLATE_NOOP("intake", "Contract {number} is suspended."), values
        )
    if contract.status == "terminated":
        return Notice(
            "contract_terminated", QT_TRANSLATE_NOOP("intake", "Contract {number} was terminated."), values
        )
    if contract.starts_on > day:
        return Notice(
            "contract_not_started",
            QT_TRANSLATE_NOOP("intake", "Contract {number} only starts on {starts_on}."),
            {**values, "starts_on": contract.starts_on},
        )
    return Notice(
        "contract_expired",
        QT_TRANSLATE_NOOP("intake", "Contract {number} expired on {ends_on}."),
        {**values, "ends_on": contract.ends_on},
    )


def _no_contract_warnings(session: Session, client_id: int, site_id: int | None, day: date) -> list[Notice]:
    """No contract covers the work: whether another contract exists, and the site's inactive ones."""
    elsewhere = _covering_contract(session, client_id, None, day) if site_id is not None else None
    if elsewhere is not None:
        site = session.get_one(Site, site_id)
        first = Notice(
            "site_not_covered",
            QT_TRANSLATE_NOOP(
                "intake", "Contract {number} does not cover {site} ({address}); the work will be billed."
            ),
            {"number": elsewhere.number, "site": site.name, "address": site.address},
        )
    else:
        client = session.get_one(Client, client_id)
        first = Notice(
            "no_contract",
            QT_TRANSLATE_NOOP("intake", "{client} has no active contract; the work will be billed."),
            {"client": client.name},
        )
    inactive = select(Contract).where(Contract.client_id == client_id, ~_in_force(day))
    if site_id is not None:
        inactive = inactive.join(contract_sites, contract_sites.c.contract_id == Contract.id).where(
            contract_sites.c.site_id == site_id
        )
    contracts = session.scalars(inactive.order_by(Contract.starts_on.desc(), Contract.id.desc()))
    return [first, *(_inactive_reason(c, day) for c in contracts)]


def _unit_warnings(
    session: Session, contract: Contract | None, equipment: Equipment, day: date
) -> list[Notice]:
    """An idle trip (the contract does not list the unit) and a decommissioned unit."""
    values: dict[str, object] = {"model": _model_name(equipment.model), "serial": equipment.serial_number}
    warnings: list[Notice] = []
    if contract is not None and not _listed(session, contract.id, equipment.id):
        warnings.append(
            Notice(
                "equipment_not_covered",
                QT_TRANSLATE_NOOP(
                    "intake",
                    "{model} (serial {serial}) is not covered by contract {number}: the trip and the work "
                    "will be billed. Make sure the client agrees.",
                ),
                {**values, "number": contract.number},
            )
        )
    if not _in_service(equipment, day):
        warnings.append(
            Notice(
                "equipment_decommissioned",
                QT_TRANSLATE_NOOP("intake", "{model} (serial {serial}) was decommissioned on {day}."),
                {**values, "day": equipment.decommissioned_on},
            )
        )
    return warnings


def _service_warning(session: Session, contract: Contract, category: str) -> Notice | None:
    """The contract lists the kinds of work it includes, and this one is not among them."""
    listed = set(
        session.scalars(select(ContractService.category).where(ContractService.contract_id == contract.id))
    )
    if not listed or category in listed:
        return None
    return Notice(
        "service_not_in_contract",
        QT_TRANSLATE_NOOP(
            "intake", "Contract {number} does not include {category} work; it will be billed separately."
        ),
        {"number": contract.number, "category": category},
    )


def coverage(
    db: Database,
    client_id: int,
    site_id: int | None,
    equipment_id: int | None,
    category: str,
    at: datetime,
) -> CoverageCheck:
    """The contract for work of `category` at the site and unit on `at`, with everything the bill implies."""
    day = at.date()
    with db.session() as session:
        contract_id, covered = contract_cover(session, client_id, site_id, equipment_id, at)
        contract = session.get(Contract, contract_id) if contract_id is not None else None
        warnings = [] if contract is not None else _no_contract_warnings(session, client_id, site_id, day)
        equipment = session.get(Equipment, equipment_id) if equipment_id is not None else None
        if equipment is not None:
            warnings.extend(_unit_warnings(session, contract, equipment, day))
        service = _service_warning(session, contract, category) if contract is not None else None
        if service is not None:
            warnings.append(service)
        return CoverageCheck(
            contract_id=contract_id,
            contract_number=contract.number if contract is not None else None,
            covered=covered,
            billable=not covered or service is not None,
            warnings=tuple(warnings),
        )


# What to preselect -----------------------------------------------------------------------------------


def _priority(category: str, tier: ClientTier, covered: bool) -> tuple[str, Notice]:
    """The priority from `PRIORITY_RULES`, and which of its columns applied and why."""
    if category not in PRIORITY_RULES:
        raise ValueError(f"unknown category {category!r}; expected one of {CATEGORIES}")
    supported, usual = PRIORITY_RULES[category]
    values: dict[str, object] = {"category": category, "tier": tier.name}
    if supported == usual or not tier.priority_support:
        return usual, Notice(
            "usual_priority", QT_TRANSLATE_NOOP("intake", "The usual priority for {category} work."), values
        )
    if not covered:
        return usual, Notice(
            "priority_support_not_covered",
            QT_TRANSLATE_NOOP(
                "intake",
                "{tier} clients have priority support, but the contract does not cover this work.",
            ),
            values,
        )
    return supported, Notice(
        "priority_support",
        QT_TRANSLATE_NOOP("intake", "{tier} clients have priority support for {category} work."),
        values,
    )


def _skill(session: Session, equipment_id: int | None) -> tuple[int | None, Notice]:
    """The specialisation servicing the unit's model, or None (with why) when there is no unit."""
    row = (
        session.execute(
            select(EquipmentModel, Skill)
            .join(Equipment, Equipment.model_id == EquipmentModel.id)
            .join(Skill, Skill.id == EquipmentModel.skill_id)
            .where(Equipment.id == equipment_id)
        ).one_or_none()
        if equipment_id is not None
        else None
    )
    if row is None:
        return None, Notice(
            "no_equipment", QT_TRANSLATE_NOOP("intake", "No equipment chosen: choose the specialisation.")
        )
    model, skill = row
    return skill.id, Notice(
        "skill_of_model",
        QT_TRANSLATE_NOOP("intake", "{model} is serviced by the {skill} specialisation."),
        {"model": _model_name(model), "skill": skill.name},
    )


def suggest(
    db: Database,
    client_id: int,
    site_id: int | None,
    equipment_id: int | None,
    category: str,
    *,
    at: datetime | None = None,
) -> Suggestion:
    """The priority and specialisation to preselect for the draft, each with its reason."""
    with db.session() as session:
        tier = session.execute(
            select(ClientTier).join(Client, Client.tier_id == ClientTier.id).where(Client.id == client_id)
        ).scalar_one()
        _, covered = contract_cover(session, client_id, site_id, equipment_id, at or utcnow())
        priority, priority_reason = _priority(category, tier, covered)
        skill_id, skill_reason = _skill(session, equipment_id)
        return Suggestion(priority, priority_reason, skill_id, skill_reason)
