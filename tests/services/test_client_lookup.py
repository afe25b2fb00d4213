"""Finding the client while the dispatcher types, on both databases: by name (any case, е for ё),
tax number, phone in any format, site address, serial and inventory number; best matches first.

The world: four clients with Cyrillic (and one Latin) names, their sites, contacts with phones
written in different formats, and two lifts with serial and inventory numbers.
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass

import pytest
from sqlalchemy import select

from console.models import Client, ClientTier, Contact, Equipment, EquipmentModel, Site, Skill
from console.services.client_lookup import ClientMatch, find_clients
from console.services.demo_data import build_demo_data
from console.store.database import Database, open_database
from tests import pg_server
from tests.conftest import DEMO_NOW, SMALL


@dataclass
class World:
    north: int
    road: int
    pole: int
    latin: int
    tverskaya_12: int
    shchelkovo: int
    star_street: int
    khimki: int
    ivanov: int
    petrova: int
    sidorov: int
    lift: int
    pole_lift: int


def _site(session: object, client_id: int, name: str, address: str) -> Site:
    site = Site(
        client_id=client_id,
        name=name,
        address=address,
        territory="ЦАО",
        latitude=55.75,
        longitude=37.61,
        timezone="Europe/Moscow",
    )
    session.add(site)  # type: ignore[attr-defined]
    return site


@pytest.fixture
def world(db: Database) -> World:
    with db.transaction() as session:
        platinum = ClientTier(name="Platinum", rank=1, priority_support=True)
        standard = ClientTier(name="Standard", rank=4)
        skill = Skill(code="elevators", name="Elevators")
        session.add_all([platinum, standard, skill])
        session.flush()
        north = Client(
            name="Северная звезда",
            legal_name="ООО «Северная звезда»",
            tax_number="7701234567",
            phone="+7 (495) 111-22-33",
            tier_id=platinum.id,
        )
        road = Client(
            name="Звёздный путь",
            legal_name="АО «Звёздный путь»",
            tax_number="7709876543",
            tier_id=standard.id,
        )
        pole = Client(name="Полюс", legal_name="ПАО «Полюс»", tax_number="5001112223", tier_id=standard.id)
        latin = Client(name="Severstal Service", legal_name="Severstal Service LLC", tier_id=standard.id)
        session.add_all([north, road, pole, latin])
        session.flush()
        tverskaya_12 = _site(session, north.id, "Магазин №1", "Москва, ул. Тверская, д. 12")
        shchelkovo = _site(session, north.id, "Магазин №2", "Москва, Щёлковское ш., д. 5")
        star_street = _site(session, road.id, "Офис", "Москва, ул. Звёздная, д. 3")
        khimki = _site(session, pole.id, "Склад", "Химки, ул. Тверская, д. 120")
        session.flush()
        ivanov = Contact(
            client_id=north.id, full_name="Иванов Иван", phone="8 (916) 123-45-67", scope="client"
        )
        petrova = Contact(
            client_id=pole.id,
            full_name="Петрова Анна",
            mobile="+7 916 765 43 21",
            scope="site",
            site_id=khimki.id,
        )
        sidorov = Contact(
            client_id=road.id,
            full_name="Сидоров Пётр",
            phone="+7 (926) 555-00-11",
            mobile="8 926 555 00 11",
            scope="client",
        )
        model = EquipmentModel(manufacturer="KONE", name="MonoSpace 500", kind="Лифт", skill_id=skill.id)
        session.add_all([ivanov, petrova, sidorov, model])
        session.flush()
        lift = Equipment(
            site_id=tverskaya_12.id,
            model_id=model.id,
            serial_number="SN100234",
            inventory_number="ИНВ-001-00042",
        )
        pole_lift = Equipment(
            site_id=khimki.id, model_id=model.id, serial_number="AB-5501", inventory_number="ИНВ-003-00007"
        )
        session.add_all([lift, pole_lift])
        session.flush()
        return World(
            north=north.id,
            road=road.id,
            pole=pole.id,
            latin=latin.id,
            tverskaya_12=tverskaya_12.id,
            shchelkovo=shchelkovo.id,
            star_street=star_street.id,
            khimki=khimki.id,
            ivanov=ivanov.id,
            petrova=petrova.id,
            sidorov=sidorov.id,
            lift=lift.id,
            pole_lift=pole_lift.id,
        )


def _hits(matches: list[ClientMatch]) -> list[tuple[str, int]]:
    return [(m.matched_on, m.client_id) for m in matches]


def test_a_name_prefix_finds_the_client_with_its_tier(db: Database, world: World) -> None:
    assert find_clients(db, "Север") == [
        ClientMatch(
            client_id=world.north,
            client_name="Северная звезда",
            tier="Platinum",
            matched_on="name",
            detail="Северная звезда",
        )
    ]


def test_cyrillic_names_match_in_any_case(db: Database, world: World) -> None:
    for typed in ("северная звезда", "СЕВЕРНАЯ ЗВЕЗДА", "  сЕВЕРНАЯ   Звезда ", "ЗВЕЗДА"):
        matches = find_clients(db, typed)
        assert _hits(matches) == [("name", world.north)], typed
        assert matches[0].detail == "Северная звезда"


def test_latin_names_match_in_any_case(db: Database, world: World) -> None:
    assert _hits(find_clients(db, "SEVERSTAL serv")) == [("name", world.latin)]


def test_e_and_yo_match_each_other_and_prefix_beats_word_start(db: Database, world: World) -> None:
    """ "звезд" starts "Звёздный путь", starts a word in "Северная звезда" and in the street name."""
    matches = find_clients(db, "звезд")
    assert [(m.matched_on, m.client_id, m.site_id) for m in matches] == [
        ("name", world.road, None),
        ("name", world.north, None),
        ("address", world.road, world.star_street),
    ]
    assert matches[1].detail == "Северная звезда", "the name and the legal name are one match"


def test_the_tax_number_whole_or_its_start(db: Database, world: World) -> None:
    assert find_clients(db, "7701234567")[0] == ClientMatch(
        client_id=world.north,
        client_name="Северная звезда",
        tier="Platinum",
        matched_on="tax_number",
        detail="7701234567",
    )
    assert _hits(find_clients(db, "770")) == [("tax_number", world.north), ("tax_number", world.road)]


def test_a_contact_phone_in_any_format_finds_the_contact(db: Database, world: World) -> None:
    for typed in (
        "+7 (916) 123-45-67",
        "8 916 1234567",
        "9161234567",
        "79161234567",
        "123-45-67",
        "8 916 12",
    ):
        [match] = find_clients(db, typed)
        assert (match.matched_on, match.client_id, match.contact_id) == (
            "phone",
            world.north,
            world.ivanov,
        ), typed
        assert match.detail == "Иванов Иван, 8 (916) 123-45-67"


def test_a_mobile_finds_the_contact_and_preselects_their_site(db: Database, world: World) -> None:
    [match] = find_clients(db, "916 765-43-21")
    assert (match.client_id, match.contact_id, match.site_id) == (world.pole, world.petrova, world.khimki)
    assert match.detail == "Петрова Анна, +7 916 765 43 21"


def test_the_same_number_as_phone_and_mobile_is_one_match(db: Database, world: World) -> None:
    matches = find_clients(db, "9265550011")
    assert [(m.matched_on, m.contact_id) for m in matches] == [("phone", world.sidorov)]


def test_the_clients_own_phone(db: Database, world: World) -> None:
    [match] = find_clients(db, "495 111 22 33")
    assert (match.matched_on, match.client_id, match.contact_id, match.detail) == (
        "phone",
        world.north,
        None,
        "+7 (495) 111-22-33",
    )


def test_an_address_fragment_finds_the_site(db: Database, world: World) -> None:
    matches = find_clients(db, "тверская 12")
    assert [(m.matched_on, m.client_id, m.site_id) for m in matches] == [
        ("address", world.north, world.tverskaya_12),
        ("address", world.pole, world.khimki),
    ]
    assert matches[0].detail == "Москва, ул. Тверская, д. 12"
    assert [m.site_id for m in find_clients(db, "щелковское")] == [world.shchelkovo]
    assert [m.site_id for m in find_clients(db, "МОСКВА, ул. тверская")] == [world.tverskaya_12]


def test_a_serial_number_finds_the_unit_and_its_site(db: Database, world: World) -> None:
    for typed in ("SN100234", "sn1002", "100234"):
        [match] = find_clients(db, typed)
        assert (match.matched_on, match.client_id, match.site_id, match.equipment_id) == (
            "serial",
            world.north,
            world.tverskaya_12,
            world.lift,
        ), typed
        assert match.detail == "KONE MonoSpace 500, SN100234"


def test_an_inventory_number_in_lower_case(db: Database, world: World) -> None:
    [match] = find_clients(db, "инв-003")
    assert (match.matched_on, match.client_id, match.equipment_id) == (
        "inventory",
        world.pole,
        world.pole_lift,
    )
    assert match.detail == "KONE MonoSpace 500, ИНВ-003-00007"


def test_an_exact_serial_comes_before_a_name_that_only_contains_it(db: Database, world: World) -> None:
    with db.transaction() as session:
        tier_id = session.scalars(select(ClientTier.id).where(ClientTier.name == "Standard")).one()
        warehouse = Client(name="Склад AB-5501-Б", legal_name="ООО «Склад»", tier_id=tier_id)
        session.add(warehouse)
        session.flush()
        warehouse_id = warehouse.id
    assert _hits(find_clients(db, "ab-5501")) == [("serial", world.pole), ("name", warehouse_id)]


def test_too_little_text_finds_nothing(db: Database, world: World) -> None:
    for typed in ("", " ", "С", " 7 ", "%", ",,"):
        assert find_clients(db, typed) == [], typed


def test_pattern_characters_only_separate_words(db: Database, world: World) -> None:
    assert find_clients(db, "%%") == []
    assert find_clients(db, "_*") == []
    assert _hits(find_clients(db, "северная*[звезда]")) == [("name", world.north)]


def test_demo_clients_are_found_by_every_key(demo_db: Database) -> None:
    with demo_db.session() as session:
        client = session.get_one(Client, 5)
        site = session.scalars(select(Site).where(Site.client_id == client.id)).first()
        assert site is not None
        contact = session.scalars(select(Contact).where(Contact.site_id == site.id)).one()
        unit = session.scalars(select(Equipment).where(Equipment.site_id == site.id)).first()
        assert unit is not None and unit.inventory_number and contact.phone and client.tax_number
    digits = "".join(c for c in contact.phone if c.isdigit())
    expectations = {
        client.name[:6].lower(): ("name", None, None),
        client.tax_number: ("tax_number", None, None),
        f"8 {digits[1:4]} {digits[4:]}": ("phone", contact.id, None),
        unit.inventory_number.lower(): ("inventory", None, unit.id),
        unit.serial_number: ("serial", None, unit.id),
    }
    for typed, (kind, contact_id, equipment_id) in expectations.items():
        found = {
            (m.matched_on, m.client_id, m.contact_id, m.equipment_id) for m in find_clients(demo_db, typed)
        }
        assert (kind, client.id, contact_id, equipment_id) in found, typed


def test_at_most_limit_matches_all_distinct_best_first(demo_db: Database) -> None:
    matches = find_clients(demo_db, "Москва", limit=7)
    assert len(matches) == 7
    assert len({(m.matched_on, m.client_id, m.site_id) for m in matches}) == 7
    assert all(m.matched_on == "address" and m.detail.startswith("Москва") for m in matches)
    assert find_clients(demo_db, "Москва", limit=0) == []


QUERIES = (
    "вол",
    "Тверская",
    "щелк",
    "ИНВ-00",
    "инв-012",
    "SN1000",
    "7700",
    "+7 (916",
    "8 495",
    "берёз",
    "ул. арбат 1",
)


@pytest.mark.postgres
def test_postgresql_finds_what_sqlite_finds(demo_db: Database, pg_url: str) -> None:
    """The same demo data on both databases; every query gives the same matches in the same order."""
    postgres = open_database(pg_server.create_database(pg_url, f"t_{uuid.uuid4().hex[:12]}"))
    try:
        build_demo_data(postgres, tickets=SMALL.tickets, seed=7, now=DEMO_NOW, size=SMALL)
        for text in QUERIES:
            expected = find_clients(demo_db, text)
            assert expected, text
            assert find_clients(postgres, text) == expected, text
    finally:
        postgres.dispose()
