"""CSV imports of clients, sites and equipment, on both databases, against a small world built here.

The world: tiers Gold and Silver; calendar "Moscow office hours"; client "Аптеки Плюс" (ИНН
7701000001) with site "Store 1" and its Otis Gen2 lift A-1; "ИП Иванов" without a tax number; two
clients both named "Twins"; equipment models Otis Gen2 and KONE MonoSpace.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from pathlib import Path

import pytest
from sqlalchemy import func, select, text

from console.models import (
    AuditEntry,
    Base,
    Calendar,
    ChangeLogEntry,
    Client,
    ClientTier,
    Equipment,
    EquipmentModel,
    Site,
    Skill,
    User,
)
from console.services.access import AccessDenied
from console.services.reference_import import (
    ImportResult,
    ReferenceFileError,
    Rejection,
    import_records,
    read_reference_file,
)
from console.store.database import Database

PHARMACY_TAX = "7701000001"
PHARMACY = "Аптеки Плюс"
CLIENT_HEADER = "name;legal_name;tax_number;tier;phone;email;address"
SITE_HEADER = "client;name;address;territory;latitude;longitude;timezone;calendar;access_notes"
EQUIPMENT_HEADER = "client;site;manufacturer;model;serial_number;inventory_number;installed_on;decommissioned_on;parent_serial"
MODELS: dict[str, type[Base]] = {"clients": Client, "sites": Site, "equipment": Equipment}


@dataclass(frozen=True)
class World:
    pharmacy: int
    sole_trader: int
    store: int
    lift: int
    gold: int
    silver: int
    calendar: int


def build_world(db: Database) -> World:
    """The world the module docstring describes."""
    with db.transaction() as session:
        skill = Skill(code="lifts", name="Lifts")
        gold = ClientTier(name="Gold", rank=1)
        silver = ClientTier(name="Silver", rank=2)
        calendar = Calendar(
            name="Moscow office hours", timezone="Europe/Moscow", weekly_hours={"0": [["09:00", "18:00"]]}
        )
        session.add_all([skill, gold, silver, calendar])
        session.flush()
        otis = EquipmentModel(manufacturer="Otis", name="Gen2", kind="elevator", skill_id=skill.id)
        kone = EquipmentModel(manufacturer="KONE", name="MonoSpace", kind="elevator", skill_id=skill.id)
        pharmacy = Client(
            name=PHARMACY, legal_name="ООО «Аптеки Плюс»", tax_number=PHARMACY_TAX, tier_id=gold.id
        )
        sole_trader = Client(name="Иванов", legal_name="ИП Иванов", tier_id=silver.id)
        twins = [
            Client(name="Twins", legal_name=f"Twins {n}", tax_number=f"770200000{n}", tier_id=silver.id)
            for n in (1, 2)
        ]
        session.add_all([otis, kone, pharmacy, sole_trader, *twins])
        session.flush()
        store = Site(
            client_id=pharmacy.id,
            name="Store 1",
            address="Москва, ул. Тверская, 1",
            latitude=55.76,
            longitude=37.61,
            timezone="Europe/Moscow",
        )
        session.add(store)
        session.flush()
        lift = Equipment(
            site_id=store.id, model_id=otis.id, serial_number="A-1", installed_on=date(2020, 5, 1)
        )
        session.add(lift)
        session.flush()
        return World(pharmacy.id, sole_trader.id, store.id, lift.id, gold.id, silver.id, calendar.id)


@pytest.fixture
def world(db: Database) -> World:
    return build_world(db)


def _count(db: Database, model: type[Base]) -> int:
    with db.session() as session:
        return session.scalar(select(func.count()).select_from(model)) or 0


def _write(path: Path, header: str, rows: list[str], *, delimiter: str = ";", bom: bool = False) -> Path:
    content = "\n".join([header, *rows]) + "\n"
    if delimiter != ";":
        content = content.replace(";", delimiter)
    path.write_bytes((b"\xef\xbb\xbf" if bom else b"") + content.encode("utf-8"))
    return path


# The acceptance test: 1,000 rows, 100 of them bad ---------------------------------------------------

# Per kind: the header, a good row i, and ten ways of spoiling row i (given the line of the good row
# before it), each with the reason the import must give.
BadRow = Callable[[int, int], tuple[str, str]]


def _good_client(i: int) -> str:
    return f"Client {i};ООО Client {i};78{i:08d};{'Gold' if i % 2 else 'Silver'};+7 495 {i:07d};c{i}@example.ru;Addr {i}"


CLIENT_BAD: list[BadRow] = [
    lambda i, _: (f"Client {i};ООО Client {i};12345;Gold;;;", "tax number '12345' is not 10 or 12 digits"),
    lambda i, _: (
        f"Client {i};ООО Client {i};77010000AB;Gold;;;",
        "tax number '77010000AB' is not 10 or 12 digits",
    ),
    lambda i, _: (
        f"Client {i};ООО Client {i};79{i:08d};Bronze;;;",
        "no client tier named 'Bronze' (there are: Gold, Silver)",
    ),
    lambda i, _: (f"Client {i};ООО Client {i};79{i:08d};;;;", "tier is missing"),
    lambda i, _: (f";ООО Client {i};79{i:08d};Gold;;;", "name is missing"),
    lambda i, _: (
        f"Client {i};ООО Client {i};79{i:08d};Gold;;nobody.example.ru;",
        "email 'nobody.example.ru' is not an email address",
    ),
    lambda i, _: (
        f"{'Я' * 201};ООО Client {i};79{i:08d};Gold;;;",
        "name is 201 characters long; at most 200 fit",
    ),
    lambda i, line: (_good_client(i - 1), f"tax number 78{i - 1:08d} is already on line {line}"),
    # No tax number: found by its legal name, which the row before has just created.
    lambda i, line: (
        f"Client {i};ООО Client {i - 1};;Gold;;;",
        f"legal name 'ООО Client {i - 1}' is already on line {line}",
    ),
    lambda i, _: (
        f"Client {i};ООО Client {i};79{i:08d};Gold;{'1' * 41};;",
        "phone is 41 characters long; at most 40 fit",
    ),
]


def _good_site(i: int) -> str:
    return (
        f"{PHARMACY_TAX};Site {i};Addr {i};North;55,{i:04d};37.6;Europe/Moscow;Moscow office hours;Code {i}"
    )


SITE_BAD: list[BadRow] = [
    lambda i, _: (
        f"{PHARMACY_TAX};Site {i};Addr;;95.2;37.6;Europe/Moscow;;",
        "latitude 95.2 is outside -90..90",
    ),
    lambda i, _: (
        f"{PHARMACY_TAX};Site {i};Addr;;55.7;east;Europe/Moscow;;",
        "longitude 'east' is not a number",
    ),
    lambda i, _: ("7709999999;Site;Addr;;55.7;37.6;Europe/Moscow;;", "no client with tax number 7709999999"),
    lambda i, _: ("Nobody;Site;Addr;;55.7;37.6;Europe/Moscow;;", "no client named 'Nobody'"),
    lambda i, _: (
        "Twins;Site;Addr;;55.7;37.6;Europe/Moscow;;",
        "2 clients are named 'Twins'; give the tax number instead",
    ),
    lambda i, _: (f"{PHARMACY_TAX};;Addr;;55.7;37.6;Europe/Moscow;;", "name is missing"),
    lambda i, _: (
        f"{PHARMACY_TAX};Site {i};Addr;;55.7;37.6;Europe/Moskva;;",
        "timezone 'Europe/Moskva' is not an IANA time zone such as Europe/Moscow",
    ),
    lambda i, _: (
        f"{PHARMACY_TAX};Site {i};{'д' * 301};;55.7;37.6;Europe/Moscow;;",
        "address is 301 characters long; at most 300 fit",
    ),
    lambda i, line: (
        _good_site(i - 1),
        f"site 'Site {i - 1}' of client '{PHARMACY}' is already on line {line}",
    ),
    lambda i, _: (
        f"{PHARMACY_TAX};Site {i};Addr;;55.7;37.6;Europe/Moscow;",
        "it has 8 values; the header line has 9 columns",
    ),
]


def _good_unit(i: int) -> str:
    installed = "2024-01-15" if i % 2 else "15.01.2024"
    parent = f"E{i - 1:05d}" if i % 10 == 5 else ""
    return f"{PHARMACY_TAX};Store 1;Otis;Gen2;E{i:05d};INV-{i};{installed};;{parent}"


EQUIPMENT_BAD: list[BadRow] = [
    lambda i, _: (
        f"{PHARMACY_TAX};Store 1;Otis;Gen2;E{i:05d};;2024-02-30;;",
        "installed_on '2024-02-30' is not a date (YYYY-MM-DD or DD.MM.YYYY)",
    ),
    lambda i, _: (
        f"{PHARMACY_TAX};Store 1;Otis;Gen2;E{i:05d};;15.01.2024;01.01.2020;",
        "decommissioned_on 2020-01-01 is before installed_on 2024-01-15",
    ),
    lambda i, _: (f"{PHARMACY_TAX};Store 1;Otis;Gen9;E{i:05d};;;;", "no equipment model 'Gen9' by 'Otis'"),
    lambda i, _: (
        f"{PHARMACY_TAX};Store 99;Otis;Gen2;E{i:05d};;;;",
        f"client '{PHARMACY}' has no site named 'Store 99'",
    ),
    lambda i, _: (f"7709999999;Store 1;Otis;Gen2;E{i:05d};;;;", "no client with tax number 7709999999"),
    lambda i, _: (f"{PHARMACY_TAX};Store 1;Otis;Gen2;;;;;", "serial_number is missing"),
    lambda i, _: (
        f"{PHARMACY_TAX};Store 1;Otis;Gen2;{'S' * 61};;;;",
        "serial_number is 61 characters long; at most 60 fit",
    ),
    lambda i, line: (
        _good_unit(i - 1),
        f"serial number 'E{i - 1:05d}' of Otis Gen2 is already on line {line}",
    ),
    lambda i, _: (
        f"{PHARMACY_TAX};Store 1;Otis;Gen2;E{i:05d};;;;NOPE",
        "no unit with serial number 'NOPE' at site 'Store 1'",
    ),
    lambda i, _: (
        f"{PHARMACY_TAX};Store 1;Otis;Gen2;E{i:05d};;;;E{i:05d}",
        "a unit cannot be its own parent",
    ),
]

CASES: dict[str, tuple[str, Callable[[int], str], list[BadRow]]] = {
    "clients": (CLIENT_HEADER, _good_client, CLIENT_BAD),
    "sites": (SITE_HEADER, _good_site, SITE_BAD),
    "equipment": (EQUIPMENT_HEADER, _good_unit, EQUIPMENT_BAD),
}


def _thousand_rows(kind: str, path: Path) -> tuple[Path, list[Rejection]]:
    """1,000 rows of `kind`, every tenth (from the fourth) bad in one of ten ways; and the rejections due."""
    header, good, bad = CASES[kind]
    rows: list[str] = []
    expected: list[Rejection] = []
    for i in range(1000):
        line = i + 2  # the header is line 1
        if i % 10 == 3:
            row, reason = bad[(i // 10) % len(bad)](i, line - 1)
            rows.append(row)
            expected.append(Rejection(line, reason))
        else:
            rows.append(good(i))
    return _write(path / f"{kind}.csv", header, rows), expected


@pytest.mark.parametrize("kind", list(CASES))
def test_a_thousand_rows_with_a_hundred_bad_ones(
    db: Database, world: World, tmp_path: Path, kind: str
) -> None:
    path, expected = _thousand_rows(kind, tmp_path)
    assert len(expected) == 100 and len({reason for _, reason in expected}) >= 10
    before = _count(db, MODELS[kind])

    result = import_records(db, kind, path)

    assert (result.created, result.updated, result.unchanged, result.saved) == (900, 0, 0, True)
    assert list(result.rejections) == expected
    assert _count(db, MODELS[kind]) == before + 900


@pytest.mark.parametrize("kind", list(CASES))
def test_atomic_saves_nothing_and_reports_the_same_hundred(
    db: Database, world: World, tmp_path: Path, kind: str
) -> None:
    path, expected = _thousand_rows(kind, tmp_path)
    before = (_count(db, MODELS[kind]), _count(db, AuditEntry), _count(db, ChangeLogEntry))

    result = import_records(db, kind, path, atomic=True)

    assert not result.saved
    assert list(result.rejections) == expected
    assert result.created == 900  # what would have been saved
    assert (_count(db, MODELS[kind]), _count(db, AuditEntry), _count(db, ChangeLogEntry)) == before


def test_a_thousand_good_rows_import_in_one_go_and_atomically(
    db: Database, world: World, tmp_path: Path
) -> None:
    path = _write(tmp_path / "sites.csv", SITE_HEADER, [_good_site(i) for i in range(1000)])
    result = import_records(db, "sites", path, atomic=True)
    assert (result.created, result.rejections, result.saved) == (1000, (), True)
    again = import_records(db, "sites", path, atomic=True)
    assert (again.created, again.updated, again.unchanged, again.saved) == (0, 0, 1000, True)


# Updating what is there -------------------------------------------------------------------------------


def test_known_clients_are_updated_identical_ones_unchanged(
    db: Database, world: World, tmp_path: Path
) -> None:
    path = _write(
        tmp_path / "clients.csv",
        CLIENT_HEADER,
        [
            f"Аптеки Плюс+;ООО «Аптеки Плюс»;{PHARMACY_TAX};Silver;+7 495 111-22-33;office@apteki.ru;Москва",
            "Twins;Twins 1;7702000001;Silver;;;",  # unchanged
            "Иванов;ИП Иванов;500100732259;Silver;;;",  # known by legal name: is given the tax number
            "New;ООО «Новый»;7703000003;Gold;;;",
        ],
    )
    result = import_records(db, "clients", path)
    assert (result.created, result.updated, result.unchanged, result.rejections) == (1, 2, 1, ())
    with db.session() as session:
        pharmacy = session.get_one(Client, world.pharmacy)
        assert (pharmacy.name, pharmacy.tier_id, pharmacy.email) == (
            "Аптеки Плюс+",
            world.silver,
            "office@apteki.ru",
        )
        assert pharmacy.version == 2
        assert session.get_one(Client, world.sole_trader).tax_number == "500100732259"
        changed = set(
            session.scalars(
                select(AuditEntry.field).where(
                    AuditEntry.entity == "clients",
                    AuditEntry.entity_id == world.pharmacy,
                    AuditEntry.op == "update",
                )
            )
        )
    assert changed == {"name", "tier_id", "phone", "email", "address"}
    assert import_records(db, "clients", path).unchanged == 4


def test_a_column_left_out_leaves_the_field_alone_an_empty_cell_clears_it(
    db: Database, world: World, tmp_path: Path
) -> None:
    with db.transaction() as session:
        store = session.get_one(Site, world.store)
        store.territory, store.access_notes = "North", "Key at the guard"
    path = _write(
        tmp_path / "sites.csv",
        "client;name;address;latitude;longitude;timezone;access_notes",
        [f"{PHARMACY_TAX};Store 1;Москва, ул. Тверская, 1;55.76;37.61;Europe/Moscow;"],
    )
    result = import_records(db, "sites", path)
    assert (result.updated, result.rejections) == (1, ())
    with db.session() as session:
        store = session.get_one(Site, world.store)
        assert (store.territory, store.access_notes) == ("North", None)


def test_equipment_parents_dates_and_moves(db: Database, world: World, tmp_path: Path) -> None:
    with db.transaction() as session:
        depot = Site(
            client_id=world.pharmacy,
            name="Depot",
            address="Химки",
            latitude=55.9,
            longitude=37.4,
            timezone="Europe/Moscow",
        )
        session.add(depot)
    path = _write(
        tmp_path / "equipment.csv",
        EQUIPMENT_HEADER,
        [
            f"{PHARMACY_TAX};Store 1;KONE;MonoSpace;K-1;INV-1;01.03.2021;;A-1",  # a part of the known lift
            f"{PHARMACY_TAX};Store 1;KONE;MonoSpace;K-2;;2021-03-02;;K-1",  # a part of the row above
            f"{PHARMACY_TAX};Store 1;Otis;Gen2;A-1;;2020-05-01;2019-12-31;",  # before it was installed
            f"{PHARMACY_TAX};Store 1;Otis;Gen2;A-1;;;;K-2",  # K-2 is below A-1 already: a loop
            f"{PHARMACY_TAX};Store 1;KONE;MonoSpace;K-1;;;;",  # K-1 again
        ],
    )
    result = import_records(db, "equipment", path)
    assert (result.created, result.updated) == (2, 0)
    assert list(result.rejections) == [
        Rejection(4, "decommissioned_on 2019-12-31 is before installed_on 2020-05-01"),
        Rejection(5, "unit 'K-2' is a part of this unit, so it cannot be its parent"),
        Rejection(6, "serial number 'K-1' of KONE MonoSpace is already on line 2"),
    ]
    with db.session() as session:
        units = {u.serial_number: u for u in session.scalars(select(Equipment))}
        assert units["K-1"].parent_id == world.lift and units["K-1"].installed_on == date(2021, 3, 1)
        assert units["K-2"].parent_id == units["K-1"].id

    # Moved to the depot and retired; the date column left out keeps the installation date.
    move = _write(
        tmp_path / "move.csv",
        "client;site;manufacturer;model;serial_number;decommissioned_on;parent_serial",
        [f"{PHARMACY_TAX};Depot;KONE;MonoSpace;K-2;10.01.2026;"],
    )
    moved = import_records(db, "equipment", move)
    assert (moved.updated, moved.rejections) == (1, ())
    with db.session() as session:
        k2 = session.scalars(select(Equipment).where(Equipment.serial_number == "K-2")).one()
        assert (k2.site_id, k2.parent_id, k2.installed_on) == (depot.id, None, date(2021, 3, 2))
        assert k2.decommissioned_on == date(2026, 1, 10)
    early = _write(
        tmp_path / "early.csv",
        "client;site;manufacturer;model;serial_number;decommissioned_on",
        [f"{PHARMACY_TAX};Depot;KONE;MonoSpace;K-2;2021-03-01"],
    )
    assert import_records(db, "equipment", early).rejections == (
        Rejection(2, "decommissioned_on 2021-03-01 is before installed_on 2021-03-02"),
    )


# The file itself ----------------------------------------------------------------------------------------


@pytest.mark.parametrize(("delimiter", "bom"), [(";", False), (",", False), (";", True), (",", True)])
def test_semicolons_commas_and_the_byte_order_mark(
    db: Database, world: World, tmp_path: Path, delimiter: str, bom: bool
) -> None:
    rows = ["Новый;ООО «Новый»;7703000003;Gold;+7 495 000-00-00;a@b.ru;Москва", ";;;;;;"]
    path = _write(tmp_path / "clients.csv", CLIENT_HEADER.upper(), rows, delimiter=delimiter, bom=bom)
    assert read_reference_file("clients", path).columns == tuple(CLIENT_HEADER.split(";"))
    result = import_records(db, "clients", path)
    assert (result.created, result.rejections) == (1, ())
    with db.session() as session:
        assert (
            session.scalars(select(Client.address).where(Client.tax_number == "7703000003")).one() == "Москва"
        )


def test_line_numbers_are_physical_lines(db: Database, world: World, tmp_path: Path) -> None:
    path = _write(
        tmp_path / "sites.csv",
        SITE_HEADER,
        [
            f'{PHARMACY_TAX};Site A;"Москва,\nдом 1";;55.7;37.6;Europe/Moscow;;"ключ\nу охраны"',
            "",
            f"{PHARMACY_TAX};Site B;Addr;;-91;37.6;Europe/Moscow;;",
        ],
    )
    result = import_records(db, "sites", path)
    assert result.created == 1
    assert result.rejections == (Rejection(6, "latitude -91 is outside -90..90"),)


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (
            (CLIENT_HEADER + ";vat\n").encode(),
            "clients have no column vat (the columns are: name, legal_name",
        ),
        (
            b"name;tax_number;phone\nX;7701000001;1\n",
            "the header line lacks the required column legal_name, tier",
        ),
        (CLIENT_HEADER.encode() + "\nКлиент;ООО;;Gold;;;\n".encode("cp1251"), "it is not UTF-8 text"),
        (b"", "it is empty"),
        (b"\xef\xbb\xbf\n\n", "it is empty"),
        (b"name;name;legal_name;tier\n", "the header line names name more than once"),
    ],
)
def test_a_file_refused_as_a_whole_saves_nothing(
    db: Database, world: World, tmp_path: Path, content: bytes, message: str
) -> None:
    path = tmp_path / "clients.csv"
    path.write_bytes(content)
    before = _count(db, Client)
    with pytest.raises(ReferenceFileError) as refused:
        import_records(db, "clients", path)
    assert message in str(refused.value)
    assert str(refused.value).endswith("nothing was saved.")
    assert _count(db, Client) == before


def test_a_missing_file_is_refused(tmp_path: Path) -> None:
    with pytest.raises(ReferenceFileError, match=r"Cannot import .*missing\.csv"):
        read_reference_file("sites", tmp_path / "missing.csv")


# Who may import, and what the database refuses ---------------------------------------------------------


def test_a_dispatcher_is_refused_and_nothing_is_saved(db: Database, world: World, tmp_path: Path) -> None:
    with db.transaction() as session:
        dispatcher = User(login="disp", full_name="Dispatcher", role="dispatcher")
        admin = User(login="adm", full_name="Admin", role="admin")
        session.add_all([dispatcher, admin])
        session.flush()
        dispatcher_id, admin_id = dispatcher.id, admin.id
    path = _write(tmp_path / "clients.csv", CLIENT_HEADER, ["New;ООО «Новый»;7703000003;Gold;;;"])
    before = (_count(db, Client), _count(db, AuditEntry))

    with pytest.raises(AccessDenied) as denied:
        import_records(db, "clients", path, user_id=dispatcher_id)

    assert denied.value.role == "dispatcher"
    assert (_count(db, Client), _count(db, AuditEntry)) == before
    assert import_records(db, "clients", path, user_id=admin_id).created == 1
    with db.session() as session:
        signed = session.scalars(
            select(AuditEntry.user_id).where(AuditEntry.entity == "clients", AuditEntry.op == "insert")
        )
        assert admin_id in set(signed)


def test_a_row_the_database_refuses_is_rejected_alone(db: Database, world: World, tmp_path: Path) -> None:
    # A rule the import knows nothing about: one site per address.
    with db.engine.begin() as connection:
        connection.execute(text("CREATE UNIQUE INDEX test_one_site_per_address ON sites (address)"))
    path = _write(
        tmp_path / "sites.csv",
        SITE_HEADER,
        [
            f"{PHARMACY_TAX};Site A;Addr A;;55.7;37.6;Europe/Moscow;;",
            f"{PHARMACY_TAX};Site B;Москва, ул. Тверская, 1;;55.7;37.6;Europe/Moscow;;",
            f"{PHARMACY_TAX};Site C;Addr C;;55.7;37.6;Europe/Moscow;;",
        ],
    )
    before = _count(db, AuditEntry)

    result = import_records(db, "sites", path)

    assert result.created == 2
    [(line, reason)] = result.rejections
    assert line == 3 and reason.startswith("the database refused it: ")
    assert "unique" in reason.lower()
    with db.session() as session:
        names = set(session.scalars(select(Site.name)))
    assert names == {"Store 1", "Site A", "Site C"}
    assert _count(db, AuditEntry) == before + 2  # the refused row left no audit entry behind

    atomic = import_records(db, "sites", path, atomic=True)
    assert (atomic.saved, atomic.unchanged, [line for line, _ in atomic.rejections]) == (False, 2, [3])


def test_the_result_reports_the_kind(db: Database, world: World, tmp_path: Path) -> None:
    path = _write(tmp_path / "equipment.csv", EQUIPMENT_HEADER, [])
    assert import_records(db, "equipment", path) == ImportResult("equipment", 0, 0, 0, (), True)
