"""What the supervisor's maintenance plan editor shows and picks from, read without Qt.

The list of plans is one query for all of them (what each serves, its skill, its next date); the
form's short lists (skills, contracts) come at once, while a contract's sites and a site's units and
models are read when chosen, since a large book has tens of thousands of units. The preview of a rule
is computed here too, so that the editor shows exactly the dates the service would use.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import aliased

from console.errors import QT_TRANSLATE_NOOP
from console.models import (
    Client,
    Contract,
    Equipment,
    EquipmentModel,
    MaintenancePlan,
    Site,
    Skill,
    contract_sites,
)
from console.models.base import utcnow
from console.services.maintenance_plans import PlanDraft
from console.services.pick_lists import Choice
from console.services.recurrence import Recurrence, RuleError, check
from console.services.ticket_intake import Notice
from console.store.database import Database

PREVIEW_COUNT = 6


@dataclass(frozen=True, slots=True)
class PlanRow:
    """One plan in the editor's list; `serves` is a translatable text ("maintenance" context)."""

    id: int
    version: int
    name: str
    serves: Notice
    rrule: str
    next_due: date | None
    active: bool
    skill: str

    @property
    def serves_text(self) -> str:
        """What the plan serves, in English (the views translate `serves` instead)."""
        return self.serves.template.format(**self.serves.params)


@dataclass(frozen=True, slots=True)
class PlanChoices:
    """The form's short lists: skills by name, contracts by number (as "number — client")."""

    skills: list[Choice]
    contracts: list[Choice]


@dataclass(frozen=True, slots=True)
class StoredPlan:
    """A plan opened for editing: its draft and version, and where the form finds its target.

    `contract_id` and `site_id` are what the form's contract and site lists show: the plan's own, or
    for a unit plan its unit's site and, when the plan names no contract, the site's covering one.
    """

    plan_id: int
    version: int
    draft: PlanDraft
    contract_id: int | None
    site_id: int | None


def plan_rows(db: Database, today: date) -> list[PlanRow]:
    """Every plan by name, with what it serves and its next nominal date from `today` (None if inactive)."""
    unit, unit_model, unit_site = aliased(Equipment), aliased(EquipmentModel), aliased(Site)
    plan_model, plan_site = aliased(EquipmentModel), aliased(Site)
    query = (
        select(
            MaintenancePlan,
            Skill.name.label("skill"),
            unit.serial_number.label("serial"),
            unit_model.name.label("unit_model"),
            unit_site.name.label("unit_site"),
            plan_model.name.label("plan_model"),
            plan_site.name.label("plan_site"),
            Contract.number.label("contract"),
        )
        .join(Skill, Skill.id == MaintenancePlan.skill_id)
        .outerjoin(unit, unit.id == MaintenancePlan.equipment_id)
        .outerjoin(unit_model, unit_model.id == unit.model_id)
        .outerjoin(unit_site, unit_site.id == unit.site_id)
        .outerjoin(plan_model, plan_model.id == MaintenancePlan.equipment_model_id)
        .outerjoin(plan_site, plan_site.id == MaintenancePlan.site_id)
        .outerjoin(Contract, Contract.id == MaintenancePlan.contract_id)
        .order_by(MaintenancePlan.name, MaintenancePlan.id)
    )
    with db.session() as session:
        return [
            PlanRow(
                id=row.MaintenancePlan.id,
                version=row.MaintenancePlan.version,
                name=row.MaintenancePlan.name,
                serves=_serves(row),
                rrule=row.MaintenancePlan.rrule,
                next_due=_next_due(row.MaintenancePlan, today),
                active=row.MaintenancePlan.active,
                skill=row.skill,
            )
            for row in session.execute(query)
        ]


def _serves(row: Any) -> Notice:
    """What the plan of a `plan_rows` result row serves: a unit, a model at a site, or a contract."""
    plan: MaintenancePlan = row.MaintenancePlan
    if plan.equipment_id is not None:
        return Notice(
            "unit",
            QT_TRANSLATE_NOOP("maintenance", "{model} {serial} at {site}"),
            {"model": row.unit_model, "serial": row.serial, "site": row.unit_site},
        )
    if plan.site_id is not None and plan.equipment_model_id is not None:
        return Notice(
            "model",
            QT_TRANSLATE_NOOP("maintenance", "all {model} at {site}"),
            {"model": row.plan_model, "site": row.plan_site},
        )
    return Notice(
        "contract",
        QT_TRANSLATE_NOOP("maintenance", "contract {number}, all sites"),
        {"number": row.contract},
    )


def _next_due(plan: MaintenancePlan, today: date) -> date | None:
    """The plan's first nominal date on or after `today`; None when inactive, over, or unreadable."""
    if not plan.active:
        return None
    try:
        return Recurrence(plan.rrule, plan.starts_on, plan.ends_on).first_after(today - timedelta(days=1))
    except RuleError:
        return None


def plan_choices(db: Database) -> PlanChoices:
    """Skills by name and contracts by number, each contract named with its client."""
    with db.session() as session:
        skills = [
            Choice(i, name) for i, name in session.execute(select(Skill.id, Skill.name).order_by(Skill.name))
        ]
        contracts = [
            Choice(i, f"{number} \u2014 {client}")
            for i, number, client in session.execute(
                select(Contract.id, Contract.number, Client.name)
                .join(Client, Client.id == Contract.client_id)
                .order_by(Contract.number)
            )
        ]
        return PlanChoices(skills, contracts)


def sites_of_contract(db: Database, contract_id: int) -> list[Choice]:
    """The sites the contract covers, by name."""
    query = (
        select(Site.id, Site.name)
        .join(contract_sites, contract_sites.c.site_id == Site.id)
        .where(contract_sites.c.contract_id == contract_id)
        .order_by(Site.name, Site.id)
    )
    with db.session() as session:
        return [Choice(i, name) for i, name in session.execute(query)]


def units_of_site(db: Database, site_id: int) -> list[Choice]:
    """The units at the site, named "model serial", by model and serial."""
    query = (
        select(Equipment.id, EquipmentModel.name, Equipment.serial_number)
        .join(EquipmentModel, EquipmentModel.id == Equipment.model_id)
        .where(Equipment.site_id == site_id)
        .order_by(EquipmentModel.name, Equipment.serial_number, Equipment.id)
    )
    with db.session() as session:
        return [Choice(i, f"{model} {serial}") for i, model, serial in session.execute(query)]


def models_of_site(db: Database, site_id: int) -> list[Choice]:
    """The models of which the site has units, by name."""
    query = (
        select(EquipmentModel.id, EquipmentModel.name)
        .where(EquipmentModel.id.in_(select(Equipment.model_id).where(Equipment.site_id == site_id)))
        .order_by(EquipmentModel.name, EquipmentModel.id)
    )
    with db.session() as session:
        return [Choice(i, name) for i, name in session.execute(query)]


def load_plan(db: Database, plan_id: int) -> StoredPlan | None:
    """The plan as the form edits it, or None when it was deleted meanwhile."""
    with db.session() as session:
        plan = session.get(MaintenancePlan, plan_id)
        if plan is None:
            return None
        site_id = plan.site_id
        if plan.equipment_id is not None:
            site_id = session.scalar(select(Equipment.site_id).where(Equipment.id == plan.equipment_id))
        contract_id = plan.contract_id
        if contract_id is None and site_id is not None:
            contract_id = session.scalar(
                select(contract_sites.c.contract_id)
                .where(contract_sites.c.site_id == site_id)
                .order_by(contract_sites.c.contract_id)
                .limit(1)
            )
        return StoredPlan(plan.id, plan.version, PlanDraft.of(plan), contract_id, site_id)


def preview_dates(
    rule: str, starts_on: date, ends_on: date | None, count: int = PREVIEW_COUNT, *, today: date | None = None
) -> list[date]:
    """The rule's next `count` nominal dates from max(starts_on, today); RuleError when it is unusable.

    The rule is checked as a save would check it, so the preview refuses what Save would refuse.
    """
    recurrence = check(rule, starts_on, ends_on)
    day = max(starts_on, today or utcnow().date()) - timedelta(days=1)
    found: list[date] = []
    while len(found) < count:
        following = recurrence.first_after(day)
        if following is None:
            break
        found.append(following)
        day = following
    return found
