"""Registering a ticket from a call, on both databases: the client's sites, contacts and equipment,
who may ask for what, what the contract covers (and what will be billed), and the suggested
priority and specialisation.

The world, on Wednesday 2026-11-18: "Северная звезда" (Platinum, priority support) has one active
contract covering stores 1, 2, 3 and 5 but not the warehouse, which an expired and a suspended
contract name; it lists lift 1 at store 1 but not the lift's drive, and a lift decommissioned in
October. "Полюс" (Standard) has only a terminated contract, "Вектор" none at all.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, date, datetime

import pytest
from sqlalchemy import select

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
    Ticket,
)
from console.models.base import CATEGORIES
from console.services.ticket_intake import (
    PRIORITY_RULES,
    ContactOption,
    EquipmentOption,
    Notice,
    SiteOption,
    client_contacts,
    client_sites,
    contact_authority,
    coverage,
    site_equipment,
    suggest,
)
from console.services.tickets import TicketDraft, create_ticket
from console.store.database import Database

AT = datetime(2026, 11, 18, 9, 0, tzinfo=UTC)
MAIN_CONTRACT = "ДС-2025/001"


@dataclass
class World:
    north: int
    pole: int
    vector: int
    store_1: int
    store_2: int
    store_3: int
    warehouse: int
    store_5: int
    pole_site: int
    vector_site: int
    lift: int
    drive: int
    old_lift: int
    head: int
    territorial: int
    admin: int
    silent: int
    petrova: int
    elevators: int


def _site(session: object, client_id: int, name: str, territory: str | None) -> Site:
    site = Site(
        client_id=client_id,
        name=name,
        address=f"Москва, {name}",
        territory=territory,
        latitude=55.75,
        longitude=37.61,
        timezone="Europe/Moscow",
    )
    session.add(site)  # type: ignore[attr-defined]
    return site


def _contract(number: str, client_id: int, starts: date, ends: date | None, status: str) -> Contract:
    return Contract(
        number=number,
        client_id=client_id,
        starts_on=starts,
        ends_on=ends,
        status=status,
        subscription_fee=100_000,
        billing_unit="hours",
        unit_price=3_500,
    )


@pytest.fixture
def world(db: Database) -> World:
    with db.transaction() as session:
        platinum = ClientTier(name="Platinum", rank=1, priority_support=True)
        standard = ClientTier(name="Standard", rank=4)
        elevators = Skill(code="elevators", name="Elevators and escalators")
        session.add_all([platinum, standard, elevators])
        session.flush()
        north = Client(name="Северная звезда", legal_name="ООО «Северная звезда»", tier_id=platinum.id)
        pole = Client(name="Полюс", legal_name="ПАО «Полюс»", tier_id=standard.id)
        vector = Client(name="Вектор", legal_name="ООО «Вектор»", tier_id=standard.id)
        session.add_all([north, pole, vector])
        session.flush()
        store_1 = _site(session, north.id, "Магазин №1", "ЦАО")
        store_2 = _site(session, north.id, "Магазин №2", "ЦАО")
        store_3 = _site(session, north.id, "Магазин №3", "ВАО")
        warehouse = _site(session, north.id, "Склад", "ЦАО")
        store_5 = _site(session, north.id, "Магазин №5", None)
        pole_site = _site(session, pole.id, "Офис", "САО")
        vector_site = _site(session, vector.id, "Цех", "ЗАО")
        model = EquipmentModel(manufacturer="KONE", name="MonoSpace 500", kind="Лифт", skill_id=elevators.id)
        session.add(model)
        session.flush()
        lift = Equipment(site_id=store_1.id, model_id=model.id, serial_number="SN1", inventory_number="ИНВ-1")
        old_lift = Equipment(
            site_id=store_1.id, model_id=model.id, serial_number="SN3", decommissioned_on=date(2026, 10, 1)
        )
        session.add_all([lift, old_lift])
        session.flush()
        drive = Equipment(site_id=store_1.id, model_id=model.id, serial_number="SN2", parent_id=lift.id)
        session.add(drive)
        main = _contract(MAIN_CONTRACT, north.id, date(2025, 1, 1), None, "active")
        main.sites = [store_1, store_2, store_3, store_5]
        main.equipment = [lift, old_lift]
        main.services = [ContractService(category=c) for c in ("incident", "request", "maintenance")]
        expired = _contract("ДС-2023/002", north.id, date(2023, 1, 1), date(2024, 12, 31), "active")
        expired.sites = [warehouse]
        suspended = _contract("ДС-2026/003", north.id, date(2026, 1, 1), None, "suspended")
        suspended.sites = [warehouse]
        terminated = _contract("ДС-2024/010", pole.id, date(2024, 1, 1), None, "terminated")
        terminated.sites = [pole_site]
        session.add_all([main, expired, suspended, terminated])
        head = Contact(client_id=north.id, full_name="Яковлев Ян", scope="client", may_approve=True)
        silent = Contact(client_id=north.id, full_name="Абрамов Олег", scope="client", may_request=False)
        territorial = Contact(
            client_id=north.id, full_name="Борисова Вера", scope="territory", territory="ЦАО"
        )
        admin = Contact(
            client_id=north.id,
            full_name="Васильев Пётр",
            position="Администратор",
            phone="+7 (916) 000-00-01",
            scope="site",
            site_id=store_1.id,
        )
        petrova = Contact(client_id=pole.id, full_name="Петрова Анна", scope="client")
        session.add_all([head, silent, territorial, admin, petrova])
        session.flush()
        return World(
            north=north.id,
            pole=pole.id,
            vector=vector.id,
            store_1=store_1.id,
            store_2=store_2.id,
            store_3=store_3.id,
            warehouse=warehouse.id,
            store_5=store_5.id,
            pole_site=pole_site.id,
            vector_site=vector_site.id,
            lift=lift.id,
            drive=drive.id,
            old_lift=old_lift.id,
            head=head.id,
            territorial=territorial.id,
            admin=admin.id,
            silent=silent.id,
            petrova=petrova.id,
            elevators=elevators.id,
        )


def _codes(notices: tuple[Notice, ...]) -> list[str]:
    return [n.code for n in notices]


# What the client has ------------------------------------------------------------------------------


def test_sites_say_which_contract_covers_them(db: Database, world: World) -> None:
    assert client_sites(db, world.north, at=AT) == [
        SiteOption(world.store_1, "Магазин №1", "Москва, Магазин №1", "ЦАО", MAIN_CONTRACT),
        SiteOption(world.store_2, "Магазин №2", "Москва, Магазин №2", "ЦАО", MAIN_CONTRACT),
        SiteOption(world.store_3, "Магазин №3", "Москва, Магазин №3", "ВАО", MAIN_CONTRACT),
        SiteOption(world.warehouse, "Склад", "Москва, Склад", "ЦАО", None),
        SiteOption(world.store_5, "Магазин №5", "Москва, Магазин №5", None, MAIN_CONTRACT),
    ]
    assert [s.covered_by_contract for s in client_sites(db, world.pole, at=AT)] == [None]


def test_contacts_widest_authority_first(db: Database, world: World) -> None:
    contacts = client_contacts(db, world.north)
    assert [(c.full_name, c.scope) for c in contacts] == [
        ("Абрамов Олег", "client"),
        ("Яковлев Ян", "client"),
        ("Борисова Вера", "territory"),
        ("Васильев Пётр", "site"),
    ]
    assert contacts[-1] == ContactOption(
        id=world.admin,
        full_name="Васильев Пётр",
        position="Администратор",
        phone="+7 (916) 000-00-01",
        mobile=None,
        email=None,
        scope="site",
        site_id=world.store_1,
        territory=None,
        may_request=True,
        may_approve=False,
    )
    assert (contacts[0].may_request, contacts[1].may_approve, contacts[2].territory) == (False, True, "ЦАО")


def test_equipment_of_a_site_with_assemblies_and_coverage(db: Database, world: World) -> None:
    assert site_equipment(db, world.store_1, at=AT) == [
        EquipmentOption(
            id=world.lift,
            parent_id=None,
            model="KONE MonoSpace 500",
            kind="Лифт",
            serial="SN1",
            inventory="ИНВ-1",
            skill_id=world.elevators,
            covered=True,
            decommissioned_on=None,
        ),
        EquipmentOption(
            id=world.old_lift,
            parent_id=None,
            model="KONE MonoSpace 500",
            kind="Лифт",
            serial="SN3",
            inventory=None,
            skill_id=world.elevators,
            covered=False,
            decommissioned_on=date(2026, 10, 1),
        ),
        EquipmentOption(
            id=world.drive,
            parent_id=world.lift,
            model="KONE MonoSpace 500",
            kind="Лифт",
            serial="SN2",
            inventory=None,
            skill_id=world.elevators,
            covered=False,
            decommissioned_on=None,
        ),
    ]
    before_decommissioning = site_equipment(db, world.store_1, at=datetime(2026, 9, 1, tzinfo=UTC))
    assert [u.covered for u in before_decommissioning] == [True, True, False]
    assert site_equipment(db, world.store_2, at=AT) == []


# Who may ask ---------------------------------------------------------------------------------------


def test_contacts_within_their_scope_may_ask(db: Database, world: World) -> None:
    for contact, site in (
        (world.head, world.store_3),
        (world.head, None),
        (world.territorial, world.store_2),
        (world.admin, world.store_1),
    ):
        check = contact_authority(db, contact, site)
        assert (check.allowed, check.may_request, check.warnings) == (True, True, ()), (contact, site)
    assert contact_authority(db, world.head, world.store_1).may_approve is True
    assert contact_authority(db, world.admin, world.store_1).may_approve is False


def test_a_contact_without_the_right_to_request(db: Database, world: World) -> None:
    check = contact_authority(db, world.silent, None)
    assert (check.allowed, check.may_request, check.may_approve) == (False, False, False)
    assert check.warnings == (
        Notice(
            "may_not_request",
            "{contact} may not request work for {client}.",
            {"contact": "Абрамов Олег", "client": "Северная звезда"},
        ),
    )


def test_a_store_administrator_speaks_only_for_their_store(db: Database, world: World) -> None:
    check = contact_authority(db, world.admin, world.store_2)
    assert (check.allowed, _codes(check.warnings)) == (False, ["other_site"])
    assert check.warnings[0].params == {
        "contact": "Васильев Пётр",
        "own_site": "Магазин №1",
        "own_address": "Москва, Магазин №1",
        "site": "Магазин №2",
    }


def test_a_territorial_manager_speaks_only_for_their_territory(db: Database, world: World) -> None:
    other = contact_authority(db, world.territorial, world.store_3)
    assert (other.allowed, _codes(other.warnings)) == (False, ["other_territory"])
    assert other.warnings[0].params["site_territory"] == "ВАО"
    assert "{site_territory}" in other.warnings[0].template
    none = contact_authority(db, world.territorial, world.store_5)
    assert (none.allowed, _codes(none.warnings)) == (False, ["other_territory"])
    assert "belongs to no territory" in none.warnings[0].template


def test_a_contact_of_another_client(db: Database, world: World) -> None:
    check = contact_authority(db, world.petrova, world.store_1)
    assert (check.allowed, _codes(check.warnings)) == (False, ["other_client"])
    assert check.warnings[0].params == {
        "contact": "Петрова Анна",
        "client": "Полюс",
        "site": "Магазин №1",
        "owner": "Северная звезда",
    }


def test_every_reason_is_given_and_templates_fill_in(db: Database, world: World) -> None:
    check = contact_authority(db, world.silent, world.pole_site)
    assert _codes(check.warnings) == ["may_not_request", "other_client"]
    for notice in check.warnings:
        assert "{" not in notice.template.format(**notice.params)
    missing = contact_authority(db, 999_999, None)
    assert (missing.allowed, _codes(missing.warnings)) == (False, ["contact_missing"])


# What the contract covers --------------------------------------------------------------------------


def test_covered_work(db: Database, world: World) -> None:
    check = coverage(db, world.north, world.store_1, world.lift, "incident", AT)
    assert check.contract_number == MAIN_CONTRACT and check.contract_id is not None
    assert (check.covered, check.billable, check.warnings) == (True, False, ())
    anywhere = coverage(db, world.north, None, None, "request", AT)
    assert (anywhere.contract_number, anywhere.covered, anywhere.billable) == (MAIN_CONTRACT, True, False)


def test_equipment_outside_the_contract_is_an_idle_trip(db: Database, world: World) -> None:
    check = coverage(db, world.north, world.store_1, world.drive, "incident", AT)
    assert (check.contract_number, check.covered, check.billable) == (MAIN_CONTRACT, False, True)
    assert check.warnings == (
        Notice(
            "equipment_not_covered",
            "{model} (serial {serial}) is not covered by contract {number}: the trip and the work will be "
            "billed. Make sure the client agrees.",
            {"model": "KONE MonoSpace 500", "serial": "SN2", "number": MAIN_CONTRACT},
        ),
    )


def test_decommissioned_equipment_is_no_longer_covered(db: Database, world: World) -> None:
    check = coverage(db, world.north, world.store_1, world.old_lift, "incident", AT)
    assert (check.covered, check.billable, _codes(check.warnings)) == (
        False,
        True,
        ["equipment_decommissioned"],
    )
    assert check.warnings[0].params["day"] == date(2026, 10, 1)
    earlier = coverage(
        db, world.north, world.store_1, world.old_lift, "incident", datetime(2026, 9, 1, tzinfo=UTC)
    )
    assert (earlier.covered, earlier.warnings) == (True, ())


def test_a_service_the_contract_does_not_include_is_billed(db: Database, world: World) -> None:
    check = coverage(db, world.north, world.store_1, world.lift, "installation", AT)
    assert (check.contract_number, check.covered, check.billable) == (MAIN_CONTRACT, True, True)
    assert _codes(check.warnings) == ["service_not_in_contract"]
    assert check.warnings[0].params == {"number": MAIN_CONTRACT, "category": "installation"}


def test_a_site_outside_the_contract_names_the_contracts_that_lapsed(db: Database, world: World) -> None:
    check = coverage(db, world.north, world.warehouse, None, "incident", AT)
    assert (check.contract_id, check.contract_number, check.covered, check.billable) == (
        None,
        None,
        False,
        True,
    )
    assert [(n.code, n.params.get("number")) for n in check.warnings] == [
        ("site_not_covered", MAIN_CONTRACT),
        ("contract_suspended", "ДС-2026/003"),
        ("contract_expired", "ДС-2023/002"),
    ]
    assert check.warnings[2].params["ends_on"] == date(2024, 12, 31)


def test_a_contract_that_has_not_started(db: Database, world: World) -> None:
    """In June 2024 only the 2023 contract (for the warehouse) was in force."""
    check = coverage(db, world.north, world.store_1, None, "incident", datetime(2024, 6, 1, tzinfo=UTC))
    assert check.contract_number is None
    assert [(n.code, n.params.get("number")) for n in check.warnings] == [
        ("site_not_covered", "ДС-2023/002"),
        ("contract_not_started", MAIN_CONTRACT),
    ]
    assert check.warnings[1].params["starts_on"] == date(2025, 1, 1)


def test_a_client_without_an_active_contract(db: Database, world: World) -> None:
    terminated = coverage(db, world.pole, world.pole_site, None, "incident", AT)
    assert (terminated.covered, terminated.billable) == (False, True)
    assert _codes(terminated.warnings) == ["no_contract", "contract_terminated"]
    assert terminated.warnings[0].params == {"client": "Полюс"}
    never = coverage(db, world.vector, world.vector_site, None, "incident", AT)
    assert _codes(never.warnings) == ["no_contract"]


def test_a_new_ticket_gets_the_contract_and_billing_the_check_announced(db: Database, world: World) -> None:
    for site, unit, category in (
        (world.store_1, world.lift, "incident"),
        (world.store_1, world.drive, "incident"),
        (world.store_1, world.old_lift, "incident"),
        (world.warehouse, None, "request"),
        (world.store_2, None, "request"),
    ):
        check = coverage(db, world.north, site, unit, category, AT)
        draft = TicketDraft(
            client_id=world.north,
            title="Лифт остановился",
            category=category,
            site_id=site,
            contact_id=world.head,
            equipment_id=unit,
            skill_id=world.elevators,
            description="Застрял между этажами",
        )
        ticket_id = create_ticket(db, draft, now=AT)
        with db.session() as session:
            ticket = session.get_one(Ticket, ticket_id)
            assert (ticket.contract_id, ticket.billable) == (check.contract_id, not check.covered), (
                site,
                unit,
            )


# What to preselect -----------------------------------------------------------------------------------


def test_the_priority_rules_cover_every_category() -> None:
    assert set(PRIORITY_RULES) == set(CATEGORIES)


def test_an_incident_of_a_priority_support_client_is_high(db: Database, world: World) -> None:
    suggestion = suggest(db, world.north, world.store_1, world.lift, "incident", at=AT)
    assert (suggestion.priority, suggestion.priority_reason.code) == ("high", "priority_support")
    assert suggestion.priority_reason.params == {"category": "incident", "tier": "Platinum"}
    assert (suggestion.skill_id, suggestion.skill_reason.code) == (world.elevators, "skill_of_model")
    assert suggestion.skill_reason.params == {
        "model": "KONE MonoSpace 500",
        "skill": "Elevators and escalators",
    }


def test_priority_support_needs_covered_work(db: Database, world: World) -> None:
    suggestion = suggest(db, world.north, world.store_1, world.drive, "incident", at=AT)
    assert (suggestion.priority, suggestion.priority_reason.code) == (
        "normal",
        "priority_support_not_covered",
    )
    assert suggestion.skill_id == world.elevators


def test_usual_priorities_by_category(db: Database, world: World) -> None:
    assert suggest(db, world.vector, world.vector_site, None, "incident", at=AT).priority == "normal"
    for category, expected in (("request", "normal"), ("maintenance", "low"), ("consultation", "low")):
        suggestion = suggest(db, world.north, world.store_1, None, category, at=AT)
        assert (suggestion.priority, suggestion.priority_reason.code) == (expected, "usual_priority"), (
            category
        )
        assert (suggestion.skill_id, suggestion.skill_reason.code) == (None, "no_equipment")


def test_an_unknown_category_is_refused(db: Database, world: World) -> None:
    with pytest.raises(ValueError, match="unknown category"):
        suggest(db, world.north, None, None, "party", at=AT)


def test_the_demo_contracts_decide_like_the_demo_tickets(demo_db: Database) -> None:
    """The demo data marks tickets billable by the same rule; its open tickets agree with `coverage`."""
    with demo_db.session() as session:
        tickets = session.scalars(
            select(Ticket).where(Ticket.status == "new", Ticket.contract_id.is_not(None)).limit(40)
        ).all()
        assert tickets
        contracts = {c.id: c for c in session.scalars(select(Contract))}
    for ticket in tickets:
        if contracts[ticket.contract_id].status != "active":
            continue
        check = coverage(
            demo_db, ticket.client_id, ticket.site_id, ticket.equipment_id, ticket.category, ticket.created_at
        )
        assert (check.contract_id, check.covered) == (ticket.contract_id, not ticket.billable), ticket.number
