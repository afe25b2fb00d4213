"""The equipment part of the client context panel, on both databases.

The world, on Wednesday 2026-11-18. Client "Северная звезда" has store A under an active contract
that lists lift 1, its drive and lift 2 (decommissioned in October) but not the lift's control
panel. Client "Полюс" has a warehouse B without any contract. Three models with known failures
and unit-days in service:

* KONE MonoSpace 500: lift 1 (730 days, 2 incidents and a cancelled one), lift 2 (317 days until
  decommissioning, 1), lift 3 (no installation date; 180 days since its first ticket, 1):
  4 failures in 1227 days.
* Otis Gen2 drive: drive and panel (365 days each, 1 incident on the drive), lift 4 (1096 days),
  a spare without installation date or tickets (no exposure): 1 failure in 1826 days.
* Schindler 3300: lift 5 installed 90 days ago, 2 incidents: the highest rate, but too little
  exposure to be called most failing.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, date, datetime
from decimal import Decimal

import pytest
from sqlalchemy import func, select
from sqlalchemy.orm import Session

from console.models import (
    Client,
    ClientTier,
    Consumable,
    Contract,
    Equipment,
    EquipmentModel,
    KnowledgeArticle,
    KnowledgeAttachment,
    MaintenancePlan,
    Site,
    Skill,
    Technician,
    Ticket,
    WorkLog,
)
from console.services.equipment_history import (
    Attachment,
    EquipmentNode,
    Part,
    equipment_tree,
    knowledge_for_model,
    model_failure_stats,
    next_occurrence,
    repair_history,
)
from console.store.database import Database
from tests.conftest import DEMO_NOW

TODAY = date(2026, 11, 18)


@dataclass
class World:
    store: int
    warehouse: int
    lift_1: int
    lift_2: int
    drive: int
    panel: int
    kone: int
    otis: int
    schindler: int
    tickets: dict[str, int]


def _at(month: int, day: int, hour: int = 10) -> datetime:
    return datetime(2026, month, day, hour, 0, tzinfo=UTC)


class _Builder:
    def __init__(self, session: Session) -> None:
        self.session = session
        self.tickets: dict[str, int] = {}

    def site(self, client_id: int, name: str) -> Site:
        site = Site(
            client_id=client_id,
            name=name,
            address=f"Москва, {name}",
            latitude=55.75,
            longitude=37.61,
            timezone="Europe/Moscow",
        )
        self.session.add(site)
        self.session.flush()
        return site

    def unit(self, site: Site, model: EquipmentModel, serial: str, **fields: object) -> Equipment:
        unit = Equipment(site_id=site.id, model_id=model.id, serial_number=serial, **fields)
        self.session.add(unit)
        self.session.flush()
        return unit

    def ticket(
        self, number: str, unit: Equipment, category: str, status: str, created: datetime, **fields: object
    ) -> Ticket:
        site = self.session.get_one(Site, unit.site_id)
        ticket = Ticket(
            number=number,
            client_id=site.client_id,
            site_id=site.id,
            equipment_id=unit.id,
            category=category,
            priority="normal",
            channel="phone",
            status=status,
            title=f"{category} {number}",
            created_at=created,
            **fields,
        )
        self.session.add(ticket)
        self.session.flush()
        self.tickets[number] = ticket.id
        return ticket


@pytest.fixture
def world(db: Database) -> World:
    with db.transaction() as session:
        build = _Builder(session)
        tier = ClientTier(name="Gold", rank=1)
        skill = Skill(code="elevators", name="Elevators")
        session.add_all([tier, skill])
        session.flush()
        north = Client(name="Северная звезда", legal_name="ООО «Северная звезда»", tier_id=tier.id)
        pole = Client(name="Полюс", legal_name="ПАО «Полюс»", tier_id=tier.id)
        session.add_all([north, pole])
        session.flush()
        store, warehouse = build.site(north.id, "Магазин A"), build.site(pole.id, "Склад B")
        kone = EquipmentModel(manufacturer="KONE", name="MonoSpace 500", kind="Лифт", skill_id=skill.id)
        otis = EquipmentModel(manufacturer="Otis", name="Gen2 drive", kind="Привод", skill_id=skill.id)
        schindler = EquipmentModel(manufacturer="Schindler", name="3300", kind="Лифт", skill_id=skill.id)
        unused = EquipmentModel(manufacturer="Orona", name="3G", kind="Лифт", skill_id=skill.id)
        session.add_all([kone, otis, schindler, unused])
        session.flush()

        lift_1 = build.unit(store, kone, "K-1", inventory_number="ИНВ-1", installed_on=date(2024, 11, 18))
        lift_2 = build.unit(
            store, kone, "K-2", installed_on=date(2025, 11, 18), decommissioned_on=date(2026, 10, 1)
        )
        drive = build.unit(store, otis, "O-1", parent_id=lift_1.id, installed_on=date(2025, 11, 18))
        panel = build.unit(store, otis, "O-2", parent_id=lift_1.id, installed_on=date(2025, 11, 18))
        lift_3 = build.unit(warehouse, kone, "K-3")
        build.unit(warehouse, otis, "O-3", installed_on=date(2023, 11, 18))
        build.unit(warehouse, otis, "O-4")
        lift_5 = build.unit(warehouse, schindler, "S-1", installed_on=date(2026, 8, 20))

        contract = Contract(
            number="ДС-1",
            client_id=north.id,
            starts_on=date(2025, 1, 1),
            status="active",
            subscription_fee=Decimal("100000"),
            billing_unit="hours",
            unit_price=Decimal("3500"),
        )
        contract.sites = [store]
        contract.equipment = [lift_1, drive, lift_2]
        session.add(contract)

        ivanov, petrov, sidorov = (
            Technician(full_name=name, team="Лифты", home_latitude=55.7, home_longitude=37.6)
            for name in ("Иванов Иван", "Петров Пётр", "Сидоров Семён")
        )
        session.add_all([ivanov, petrov, sidorov])
        session.flush()

        # Lift 1: maintenance and incidents, in the order they were created.
        maint_june = build.ticket(
            "T-01", lift_1, "maintenance", "resolved", _at(6, 1), resolved_at=_at(6, 10)
        )
        build.ticket("T-02", lift_1, "maintenance", "closed", _at(9, 10), resolved_at=_at(9, 15, 23))
        incident = build.ticket("T-03", lift_1, "incident", "resolved", _at(10, 20), resolved_at=_at(10, 21))
        build.ticket("T-04", lift_1, "maintenance", "reopened", _at(10, 28), resolved_at=_at(11, 1))
        build.ticket("T-05", lift_1, "incident", "cancelled", _at(11, 5))
        build.ticket("T-06", lift_1, "maintenance", "assigned", _at(11, 10))
        build.ticket("T-07", lift_1, "incident", "on_site", _at(11, 17), technician_id=sidorov.id)
        # The other failures.
        build.ticket("T-08", lift_2, "incident", "closed", _at(3, 1), resolved_at=_at(3, 2))
        build.ticket("T-09", lift_3, "incident", "closed", _at(5, 22), resolved_at=_at(5, 23))
        build.ticket("T-10", lift_3, "request", "new", _at(11, 1))
        build.ticket("T-11", drive, "incident", "closed", _at(4, 1), resolved_at=_at(4, 2))
        build.ticket("T-12", lift_5, "incident", "closed", _at(9, 1), resolved_at=_at(9, 2))
        build.ticket("T-13", lift_5, "incident", "closed", _at(10, 1), resolved_at=_at(10, 2))

        brakes = WorkLog(
            ticket_id=incident.id,
            technician_id=ivanov.id,
            logged_at=_at(10, 21, 9),
            minutes=90,
            description="  Замена тормозной колодки ",
            consumables=[
                Consumable(name="Колодка тормозная", quantity=Decimal("2"), unit_cost=Decimal("1500.00")),
                Consumable(name="Смазка", quantity=Decimal("0.5"), unit_cost=Decimal("800.00")),
            ],
        )
        check = WorkLog(
            ticket_id=incident.id,
            technician_id=petrov.id,
            logged_at=_at(10, 21, 11),
            minutes=30,
            description="",
        )
        service = WorkLog(
            ticket_id=maint_june.id,
            technician_id=ivanov.id,
            logged_at=_at(6, 10),
            minutes=60,
            description="Плановое ТО",
        )
        session.add_all([check, brakes, service])

        def plan(name: str, rule: str, starts: date, **target: object) -> MaintenancePlan:
            return MaintenancePlan(
                name=name, rrule=rule, starts_on=starts, duration_minutes=60, skill_id=skill.id, **target
            )

        session.add_all(
            [
                plan(
                    "Лифт 1 ежемесячно", "FREQ=MONTHLY;BYMONTHDAY=5", date(2026, 1, 1), equipment_id=lift_1.id
                ),
                plan(
                    "Лифт 1 ежедневно", "FREQ=DAILY", date(2026, 1, 1), equipment_id=lift_1.id, active=False
                ),
                plan(
                    "Лифт 1 первый вторник",
                    "FREQ=MONTHLY;BYDAY=1TU",
                    date(2026, 1, 1),
                    equipment_id=lift_1.id,
                ),
                plan(
                    "Приводы магазина",
                    "RRULE:FREQ=WEEKLY;INTERVAL=2",
                    date(2026, 11, 2),
                    site_id=store.id,
                    equipment_model_id=otis.id,
                ),
                plan(
                    "Приводы склада",
                    "FREQ=DAILY",
                    date(2026, 1, 1),
                    site_id=warehouse.id,
                    equipment_model_id=otis.id,
                ),
                plan(
                    "Лифт 2 (списан)",
                    "FREQ=DAILY",
                    date(2026, 1, 1),
                    equipment_id=lift_2.id,
                    ends_on=date(2027, 1, 1),
                ),
            ]
        )

        def article(model: EquipmentModel, title: str, body: str, updated: datetime) -> KnowledgeArticle:
            entry = KnowledgeArticle(equipment_model_id=model.id, title=title, body=body, updated_at=updated)
            session.add(entry)
            return entry

        article(
            kone,
            "Замена троса",
            "Порядок замены тягового ТРОСА.\nОбесточить лифт.",
            _at(3, 1),
        ).attachments = [
            KnowledgeAttachment(file_name="трос.pdf", media_type="application/pdf", location="kb/1/трос.pdf"),
            KnowledgeAttachment(file_name="схема.png", media_type="image/png", location="kb/1/схема.png"),
        ]
        article(kone, "ТРОС: проверка натяжения", "Натяжение проверяют динамометром.", _at(5, 1))
        article(
            kone,
            "Door sensor calibration",
            "word " * 60 + "Калибровка Датчика двери " + "tail " * 60,
            _at(7, 1),
        )
        article(otis, "Трос привода", "Не про KONE.", _at(8, 1))
        session.flush()
        return World(
            store=store.id,
            warehouse=warehouse.id,
            lift_1=lift_1.id,
            lift_2=lift_2.id,
            drive=drive.id,
            panel=panel.id,
            kone=kone.id,
            otis=otis.id,
            schindler=schindler.id,
            tickets=build.tickets,
        )


# The equipment tree ----------------------------------------------------------------------------------


def test_tree_nests_assemblies_with_coverage_service_and_plans(db: Database, world: World) -> None:
    tree = equipment_tree(db, world.store, today=TODAY)

    drive = EquipmentNode(
        id=world.drive,
        model_id=world.otis,
        model="Otis Gen2 drive",
        kind="Привод",
        serial="O-1",
        inventory=None,
        installed_on=date(2025, 11, 18),
        decommissioned_on=None,
        covered=True,
        last_service=None,
        next_maintenance=date(2026, 11, 30),
        open_tickets=0,
        children=(),
    )
    panel = EquipmentNode(
        id=world.panel,
        model_id=world.otis,
        model="Otis Gen2 drive",
        kind="Привод",
        serial="O-2",
        inventory=None,
        installed_on=date(2025, 11, 18),
        decommissioned_on=None,
        covered=False,
        last_service=None,
        next_maintenance=date(2026, 11, 30),
        open_tickets=0,
        children=(),
    )
    lift_1 = EquipmentNode(
        id=world.lift_1,
        model_id=world.kone,
        model="KONE MonoSpace 500",
        kind="Лифт",
        serial="K-1",
        inventory="ИНВ-1",
        installed_on=date(2024, 11, 18),
        decommissioned_on=None,
        covered=True,
        # T-02 (closed, resolved late on 15 September); the reopened T-04 is not a finished service.
        last_service=date(2026, 9, 15),
        # The first-Tuesday plan (1 December) comes before the monthly one on the 5th; the inactive daily
        # plan does not count.
        next_maintenance=date(2026, 12, 1),
        open_tickets=3,
        children=(drive, panel),
    )
    lift_2 = EquipmentNode(
        id=world.lift_2,
        model_id=world.kone,
        model="KONE MonoSpace 500",
        kind="Лифт",
        serial="K-2",
        inventory=None,
        installed_on=date(2025, 11, 18),
        decommissioned_on=date(2026, 10, 1),
        covered=False,
        last_service=None,
        next_maintenance=None,
        open_tickets=0,
        children=(),
    )
    assert tree == [lift_1, lift_2]


def test_tree_of_a_site_without_contract_and_of_no_site(db: Database, world: World) -> None:
    tree = equipment_tree(db, world.warehouse, today=TODAY)
    assert [(n.serial, n.covered, n.open_tickets, n.children) for n in tree] == [
        ("K-3", False, 1, ()),
        ("O-3", False, 0, ()),
        ("O-4", False, 0, ()),
        ("S-1", False, 0, ()),
    ]
    # The warehouse's daily plan for the Otis model applies to its Otis units only.
    assert [n.next_maintenance for n in tree] == [None, TODAY, TODAY, None]
    assert equipment_tree(db, 999_999, today=TODAY) == []


def test_tree_coverage_follows_the_contract_period(db: Database, world: World) -> None:
    before_contract = equipment_tree(db, world.store, today=date(2024, 12, 31))
    assert [n.covered for n in before_contract] == [False, False]
    assert [c.covered for c in before_contract[0].children] == [False, False]


@pytest.mark.parametrize(
    ("rule", "starts", "ends", "after", "expected"),
    [
        ("FREQ=DAILY;INTERVAL=3", date(2026, 11, 1), None, date(2026, 11, 18), date(2026, 11, 19)),
        ("FREQ=DAILY", date(2026, 12, 1), None, date(2026, 11, 18), date(2026, 12, 1)),
        ("FREQ=WEEKLY", date(2026, 11, 4), None, date(2026, 11, 18), date(2026, 11, 18)),
        ("FREQ=MONTHLY", date(2026, 1, 31), None, date(2026, 2, 1), date(2026, 3, 31)),
        (
            "FREQ=MONTHLY;INTERVAL=3;BYMONTHDAY=10",
            date(2026, 1, 15),
            None,
            date(2026, 1, 15),
            date(2026, 4, 10),
        ),
        ("freq=monthly;bymonthday=10", date(2026, 1, 5), None, date(2026, 1, 5), date(2026, 1, 10)),
        ("FREQ=MONTHLY;BYMONTHDAY=5", date(2026, 1, 1), date(2026, 11, 30), date(2026, 11, 18), None),
        ("FREQ=MONTHLY;INTERVAL=12;BYMONTHDAY=30", date(2026, 2, 1), None, date(2026, 2, 1), None),
        ("FREQ=YEARLY", date(2026, 1, 1), None, date(2026, 11, 18), date(2027, 1, 1)),
        ("FREQ=WEEKLY;BYDAY=MO", date(2026, 1, 1), None, date(2026, 11, 18), date(2026, 11, 23)),
        ("FREQ=DAILY;COUNT=3", date(2026, 1, 1), None, date(2026, 11, 18), None),
        ("FREQ=MONTHLY;BYDAY=1TU", date(2026, 1, 1), None, date(2026, 11, 18), date(2026, 12, 1)),
        (
            "FREQ=MONTHLY;BYDAY=MO,TU,WE,TH,FR;BYSETPOS=-1",
            date(2026, 1, 1),
            None,
            date(2026, 11, 18),
            date(2026, 11, 30),
        ),
        ("NOT A RULE", date(2026, 1, 1), None, date(2026, 11, 18), None),
    ],
)
def test_next_occurrence(
    rule: str, starts: date, ends: date | None, after: date, expected: date | None
) -> None:
    assert next_occurrence(rule, starts, ends, after) == expected


# Repair history --------------------------------------------------------------------------------------


def test_repair_history_in_time_order_with_work_people_and_parts(db: Database, world: World) -> None:
    history = repair_history(db, world.lift_1)

    assert [e.number for e in history] == ["T-01", "T-02", "T-03", "T-04", "T-05", "T-06", "T-07"]
    june, _, incident, *_, open_incident = history
    assert (june.category, june.status, june.work, june.minutes, june.technicians) == (
        "maintenance",
        "resolved",
        ("Плановое ТО",),
        60,
        ("Иванов Иван",),
    )
    assert june.resolved_at == _at(6, 10)
    assert incident.ticket_id == world.tickets["T-03"]
    assert incident.title == "incident T-03"
    assert incident.created_at == _at(10, 20)
    assert incident.work == ("Замена тормозной колодки",)  # Petrov's log has no description
    assert incident.minutes == 120
    assert incident.technicians == ("Иванов Иван", "Петров Пётр")
    assert incident.parts == (
        Part("Колодка тормозная", Decimal("2"), Decimal("1500"), Decimal("3000")),
        Part("Смазка", Decimal("0.5"), Decimal("800"), Decimal("400")),
    )
    assert incident.parts_cost == Decimal("3400")
    # Nobody has logged work on the open incident yet: the assigned technician is shown.
    assert (open_incident.work, open_incident.minutes, open_incident.technicians) == (
        (),
        0,
        ("Сидоров Семён",),
    )
    assert (open_incident.parts, open_incident.parts_cost, open_incident.resolved_at) == (
        (),
        Decimal("0"),
        None,
    )


def test_repair_history_limit_keeps_the_latest_tickets(db: Database, world: World) -> None:
    assert [e.number for e in repair_history(db, world.lift_1, limit=2)] == ["T-06", "T-07"]
    assert [e.number for e in repair_history(db, world.panel)] == []


# Failure statistics ----------------------------------------------------------------------------------


def test_failure_stats_rates_mtbf_and_most_failing(db: Database, world: World) -> None:
    stats = model_failure_stats(db, today=TODAY)

    assert [(s.model, s.kind, s.units_in_service, s.failures, s.most_failing) for s in stats] == [
        ("Schindler 3300", "Лифт", 1, 2, False),  # highest rate, but 90 unit-days are too few
        ("KONE MonoSpace 500", "Лифт", 2, 4, True),
        ("Otis Gen2 drive", "Привод", 4, 1, True),
    ]
    schindler, kone, otis = stats
    assert schindler.model_id == world.schindler
    assert kone.model_id == world.kone
    assert otis.model_id == world.otis
    assert schindler.exposure_years == pytest.approx(90 / 365.25)
    assert kone.exposure_years == pytest.approx(1227 / 365.25)
    assert otis.exposure_years == pytest.approx(1826 / 365.25)
    assert schindler.failure_rate == pytest.approx(2 / (90 / 365.25))
    assert kone.failure_rate == pytest.approx(4 / (1227 / 365.25))
    assert otis.failure_rate == pytest.approx(1 / (1826 / 365.25))
    assert (schindler.mtbf_days, kone.mtbf_days, otis.mtbf_days) == pytest.approx((45, 306.75, 1826))


def test_failure_stats_top_and_minimum_exposure(db: Database, world: World) -> None:
    marked = {s.model: s.most_failing for s in model_failure_stats(db, today=TODAY, top=1)}
    assert marked == {"Schindler 3300": False, "KONE MonoSpace 500": True, "Otis Gen2 drive": False}
    tiny = {
        s.model: s.most_failing for s in model_failure_stats(db, today=TODAY, top=1, min_exposure_years=0.1)
    }
    assert tiny == {"Schindler 3300": True, "KONE MonoSpace 500": False, "Otis Gen2 drive": False}


def test_failure_stats_before_any_installation(db: Database, world: World) -> None:
    stats = {s.model: s for s in model_failure_stats(db, today=date(2023, 1, 1))}
    # Nothing is installed yet: no exposure, so no rate; the tickets are in the future but counted.
    assert stats["KONE MonoSpace 500"].exposure_years == 0
    assert stats["KONE MonoSpace 500"].failure_rate is None
    assert stats["KONE MonoSpace 500"].mtbf_days is None
    assert stats["Otis Gen2 drive"].units_in_service == 1  # the spare, which has no installation date
    assert not any(s.most_failing for s in stats.values())


def test_failure_stats_on_demo_data_count_every_incident(demo_db: Database) -> None:
    stats = model_failure_stats(demo_db, today=DEMO_NOW.date())
    with demo_db.session() as session:
        incidents = session.scalar(
            select(func.count()).where(
                Ticket.category == "incident", Ticket.status != "cancelled", Ticket.equipment_id.is_not(None)
            )
        )
        models_with_units = session.scalar(select(func.count(func.distinct(Equipment.model_id))))
    assert sum(s.failures for s in stats) == incidents
    assert len(stats) == models_with_units
    rates = [s.failure_rate for s in stats if s.failure_rate is not None]
    assert rates == sorted(rates, reverse=True)
    assert 0 < sum(s.most_failing for s in stats) <= 10


# Knowledge base --------------------------------------------------------------------------------------


def test_knowledge_search_folds_cyrillic_case(db: Database, world: World) -> None:
    everything = knowledge_for_model(db, world.kone)
    assert [a.title for a in everything] == [
        "Door sensor calibration",
        "ТРОС: проверка натяжения",
        "Замена троса",
    ]
    for text in ("трос", "ТРОС", "Трос", "тРоС"):
        assert [a.title for a in knowledge_for_model(db, world.kone, text)] == [
            "ТРОС: проверка натяжения",
            "Замена троса",
        ]
    assert [a.title for a in knowledge_for_model(db, world.kone, "датчика ДВЕРИ")] == [
        "Door sensor calibration"
    ]
    assert [a.title for a in knowledge_for_model(db, world.kone, "SENSOR")] == ["Door sensor calibration"]
    assert knowledge_for_model(db, world.kone, "эскалатор") == []


def test_knowledge_summary_has_excerpt_date_and_attachments(db: Database, world: World) -> None:
    rope = knowledge_for_model(db, world.kone, "замены")[0]
    assert rope.title == "Замена троса"
    assert rope.excerpt == "Порядок замены тягового ТРОСА. Обесточить лифт."
    assert rope.updated_at == _at(3, 1)
    assert rope.attachments == (
        Attachment("трос.pdf", "application/pdf", "kb/1/трос.pdf"),
        Attachment("схема.png", "image/png", "kb/1/схема.png"),
    )
    sensor = knowledge_for_model(db, world.kone, "калибровка")[0]
    assert sensor.excerpt.startswith("…word ")
    assert "Калибровка Датчика двери" in sensor.excerpt
    assert sensor.excerpt.endswith("…")
    assert len(sensor.excerpt) <= 202
    assert sensor.attachments == ()
    unsearched = knowledge_for_model(db, world.kone)[0]
    assert unsearched.excerpt.startswith("word word ")
