"""The client panel, driven as the dispatcher drives it: select a ticket, read what the panel says.

A small hand-made world on SQLite: Acme with a live contract covering one lift and not the other,
a client whose contract expired, a suspended one, and a client with no contract at all.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta
from decimal import Decimal

import pytest
from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from console.models import (
    Calendar,
    Client,
    ClientTier,
    Contact,
    Contract,
    ContractService,
    Equipment,
    EquipmentModel,
    Feedback,
    Invoice,
    KnowledgeArticle,
    Site,
    Skill,
    SlaPolicy,
    SlaTarget,
    Ticket,
    User,
)
from console.services.calendars import ALWAYS, weekly_hours_to_json
from console.store.database import Database
from console.views.background import wait_for_background
from console.views.client_panel import ClientPanel
from console.views.feed_bridge import FeedBridge
from console.views.record_model import ALARM_COLOUR, RECORD_ROLE
from console.views.selection import Selection

TODAY = datetime.now(UTC).date()
NOW = datetime.now(UTC)


@dataclass
class World:
    acme: int
    expired: int
    suspended: int
    no_contract: int
    acme_store: int
    tickets: dict[str, int]
    units: dict[str, int]
    invoice: int


def _site(session: object, client: Client, name: str, territory: str) -> Site:
    site = Site(
        client_id=client.id,
        name=name,
        address=f"{name}, Tverskaya 1",
        territory=territory,
        latitude=55.75,
        longitude=37.61,
        timezone="Europe/Moscow",
    )
    session.add(site)  # type: ignore[attr-defined]
    return site


@pytest.fixture
def world(sqlite_db: Database) -> World:
    db = sqlite_db
    with db.transaction() as session:
        tier = ClientTier(name="Gold", rank=1, grants="Engineer on site within 4 h", priority_support=True)
        manager = User(login="anna", full_name="Anna Manager", role="supervisor")
        always = Calendar(name="Always", timezone="UTC", weekly_hours=weekly_hours_to_json(ALWAYS))
        skill = Skill(code="lifts", name="Lifts")
        session.add_all([tier, manager, always, skill])
        session.flush()
        policy = SlaPolicy(name="Gold 24/7", calendar_id=always.id)
        policy.targets = [
            SlaTarget(priority=p, reaction_minutes=30, arrival_minutes=240, resolution_minutes=480)
            for p in ("critical", "high", "normal", "low")
        ]
        session.add(policy)
        clients = {
            key: Client(name=name, legal_name=f"{name} LLC", tier_id=tier.id, manager_id=manager.id)
            for key, name in (
                ("acme", "Acme"),
                ("expired", "Old Times"),
                ("suspended", "Paused Inc"),
                ("none", "Walk-in"),
            )
        }
        session.add_all(clients.values())
        session.flush()
        store = _site(session, clients["acme"], "Acme Store", "North")
        depot = _site(session, clients["acme"], "Acme Depot", "South")
        old = _site(session, clients["expired"], "Old Shop", "North")
        paused = _site(session, clients["suspended"], "Paused Shop", "North")
        walk_in = _site(session, clients["none"], "Walk-in Kiosk", "North")
        session.flush()
        model = EquipmentModel(manufacturer="KONE", name="MonoSpace", kind="Lift", skill_id=skill.id)
        session.add(model)
        session.flush()
        units = {
            key: Equipment(site_id=site.id, model_id=model.id, serial_number=f"SN-{key}")
            for key, site in (
                ("lift_1", store),
                ("lift_2", store),
                ("old", old),
                ("paused", paused),
                ("walk_in", walk_in),
            )
        }
        session.add_all(units.values())
        session.flush()
        units["drive"] = Equipment(
            site_id=store.id, model_id=model.id, serial_number="SN-drive", parent_id=units["lift_1"].id
        )
        session.add(units["drive"])
        session.add(
            KnowledgeArticle(
                equipment_model_id=model.id, title="Door sensor reset", body="Reset the door sensor first."
            )
        )
        contacts = {
            "zed": Contact(
                client_id=clients["acme"].id, full_name="Zed Head", scope="client", may_approve=True
            ),
            "bob": Contact(
                client_id=clients["acme"].id, full_name="Bob Store", scope="site", site_id=store.id
            ),
            "olga": Contact(client_id=clients["expired"].id, full_name="Olga Old", scope="client"),
            "pia": Contact(client_id=clients["suspended"].id, full_name="Pia Paused", scope="client"),
            "walt": Contact(client_id=clients["none"].id, full_name="Walt Walk", scope="client"),
        }
        session.add_all(contacts.values())

        def contract(key: str, number: str, status: str, starts: date, ends: date | None) -> Contract:
            made = Contract(
                client_id=clients[key].id,
                number=number,
                status=status,
                starts_on=starts,
                ends_on=ends,
                subscription_fee=Decimal("1000.00"),
                billing_unit="hours",
                unit_price=Decimal("50.00"),
                sla_policy_id=policy.id,
            )
            made.services = [ContractService(category="incident")]
            session.add(made)
            return made

        live = contract("acme", "K-ACME", "active", TODAY - timedelta(days=300), TODAY + timedelta(days=20))
        live.sites = [store, depot]
        live.equipment = [units["lift_1"], units["drive"]]
        expired = contract(
            "expired", "K-OLD", "active", TODAY - timedelta(days=400), TODAY - timedelta(days=10)
        )
        expired.sites = [old]
        expired.equipment = [units["old"]]
        suspended = contract("suspended", "K-PAUSE", "suspended", TODAY - timedelta(days=100), None)
        suspended.sites = [paused]
        suspended.equipment = [units["paused"]]
        session.flush()

        def ticket(number: str, key: str, site: Site, unit: str, contact: str, **extra: object) -> Ticket:
            made = Ticket(
                number=number,
                client_id=clients[key].id,
                site_id=site.id,
                equipment_id=units[unit].id,
                contact_id=contacts[contact].id,
                category="incident",
                priority="normal",
                channel="phone",
                title=f"Lift stuck ({number})",
                created_at=NOW - timedelta(hours=2),
                **extra,
            )
            session.add(made)
            return made

        tickets = {
            "covered": ticket("T-COVERED", "acme", store, "lift_1", "zed", contract_id=live.id),
            "uncovered": ticket(
                "T-UNCOVERED", "acme", store, "lift_2", "zed", contract_id=live.id, billable=True
            ),
            "outside": ticket("T-OUTSIDE", "acme", depot, "lift_1", "bob", contract_id=live.id),
            "expired": ticket("T-EXPIRED", "expired", old, "old", "olga", billable=True),
            "suspended": ticket("T-PAUSED", "suspended", paused, "paused", "pia", billable=True),
            "none": ticket("T-NONE", "none", walk_in, "walk_in", "walt", billable=True),
            "old_repair": ticket(
                "T-REPAIR",
                "acme",
                store,
                "lift_1",
                "zed",
                status="closed",
                resolved_at=NOW - timedelta(days=40),
            ),
        }
        tickets["old_repair"].created_at = NOW - timedelta(days=41)
        session.flush()
        session.add_all(
            [
                Feedback(
                    ticket_id=tickets["old_repair"].id,
                    client_id=clients["acme"].id,
                    score=2,
                    received_at=NOW - timedelta(days=40),
                ),
                Feedback(
                    ticket_id=tickets["covered"].id,
                    client_id=clients["acme"].id,
                    score=5,
                    received_at=NOW - timedelta(minutes=5),
                ),
            ]
        )
        invoice = Invoice(
            client_id=clients["acme"].id,
            contract_id=live.id,
            number="INV-1",
            issued_on=TODAY - timedelta(days=45),
            due_on=TODAY - timedelta(days=30),
            amount=Decimal("1000.00"),
            paid_amount=Decimal("0.00"),
        )
        session.add(invoice)
        session.flush()
        return World(
            acme=clients["acme"].id,
            expired=clients["expired"].id,
            suspended=clients["suspended"].id,
            no_contract=clients["none"].id,
            acme_store=store.id,
            tickets={key: t.id for key, t in tickets.items()},
            units={key: u.id for key, u in units.items()},
            invoice=invoice.id,
        )


@pytest.fixture
def panel(qtbot: QtBot, sqlite_db: Database) -> Iterator[ClientPanel]:
    selection = Selection()
    widget = ClientPanel(sqlite_db, FeedBridge(sqlite_db), selection)
    qtbot.addWidget(widget)
    widget.resize(1000, 800)
    widget.show()
    yield widget
    widget.close()
    assert wait_for_background(30_000)


def _select(qtbot: QtBot, panel: ClientPanel, ticket_id: int, client_id: int) -> None:
    """Select the ticket as the queue does, and wait for everything the panel loads for it."""
    with qtbot.waitSignal(panel.filled, timeout=10_000):
        panel.selection.select_ticket(ticket_id, client_id)
    qtbot.waitUntil(
        lambda: panel.context is not None and panel.context.ticket_id == ticket_id, timeout=10_000
    )
    qtbot.waitUntil(lambda: panel.header.ticket_box.isVisible(), timeout=5_000)


def _colour(label: object) -> str:
    return label.styleSheet()  # type: ignore[attr-defined]


def test_a_covered_ticket_shows_the_client_contract_unit_and_its_history(
    qtbot: QtBot, panel: ClientPanel, world: World
) -> None:
    _select(qtbot, panel, world.tickets["covered"], world.acme)
    header = panel.header
    assert header.title.text() == "Acme"
    assert "Gold — Engineer on site within 4 h" in header.fields["tier"].text()
    assert "priority support" in header.fields["tier"].text()
    assert header.fields["manager"].text() == "Anna Manager"
    assert header.fields["open_tickets"].text() == "3"
    payment = header.fields["payment"].text()
    assert "OVERDUE" in payment and "1,000.00" in payment
    assert ALARM_COLOUR.name() in _colour(header.fields["payment"])
    assert header.chart.bar_heights() == [2.0, 5.0]

    assert "✔" in header.coverage_note.text() and "K-ACME" in header.coverage_note.text()
    assert "Zed Head may request this work and approve it." in header.authority_note.text()

    contracts = panel.contracts
    assert contracts.rowCount() == 1
    assert contracts.index(0, 2).data() == "20 d"  # the last 30 days are highlighted
    assert "reaction 30 min, arrival 4 h, resolution 8 h" in panel.contract_detail.text()

    tree = panel.equipment.tree_model
    qtbot.waitUntil(lambda: panel.equipment.unit_id == world.units["lift_1"], timeout=5_000)
    lift = tree.index_of(world.units["lift_1"])
    assert tree.rowCount(lift) == 1  # the drive is mounted in the lift
    assert tree.index(0, 5, lift).data() == "Covered"
    qtbot.waitUntil(lambda: panel.equipment.repairs.rowCount() == 3, timeout=5_000)
    numbers = [entry.number for entry in panel.equipment.repairs.rows()]
    assert numbers[0] == "T-REPAIR"  # oldest first
    qtbot.waitUntil(lambda: panel.articles.rowCount() == 1, timeout=5_000)
    assert panel.articles.index(0, 0).data() == "Door sensor reset"


def test_an_uncovered_unit_is_billable_and_says_so(qtbot: QtBot, panel: ClientPanel, world: World) -> None:
    _select(qtbot, panel, world.tickets["uncovered"], world.acme)
    note = panel.header.coverage_note.text()
    assert note.startswith("✖ Not covered: the work is billable.")
    assert "KONE MonoSpace (serial SN-lift_2) is not covered by contract K-ACME" in note
    assert ALARM_COLOUR.name() in _colour(panel.header.coverage_note)
    tree = panel.equipment.tree_model
    qtbot.waitUntil(lambda: panel.equipment.unit_id == world.units["lift_2"], timeout=5_000)
    cell = tree.index_of(world.units["lift_2"]).siblingAtColumn(5)
    assert cell.data() == "Not covered: billable"


def test_an_expired_contract_is_shown_as_such_and_covers_no_new_work(
    qtbot: QtBot, panel: ClientPanel, world: World
) -> None:
    _select(qtbot, panel, world.tickets["expired"], world.expired)
    expired_on = (TODAY - timedelta(days=10)).isoformat()
    note = panel.header.coverage_note.text()
    assert note.startswith("✖")
    assert f"Contract K-OLD expired on {expired_on}." in note
    assert panel.contracts.index(0, 3).data() == "Expired"
    assert panel.contracts.index(0, 2).data() == "ended 10 d ago"
    assert panel.contracts.index(0, 3).data(RECORD_ROLE).effective_state == "expired"
    assert "are not covered: the work will be billed" in panel.contract_detail.text()


def test_a_suspended_contract_stops_covered_work(qtbot: QtBot, panel: ClientPanel, world: World) -> None:
    _select(qtbot, panel, world.tickets["suspended"], world.suspended)
    assert "Contract K-PAUSE is suspended." in panel.header.coverage_note.text()
    assert panel.contracts.index(0, 3).data() == "Suspended"


def test_a_contact_outside_their_authority_is_flagged(qtbot: QtBot, panel: ClientPanel, world: World) -> None:
    _select(qtbot, panel, world.tickets["outside"], world.acme)
    note = panel.header.authority_note.text()
    assert note.startswith("⚠")
    assert "Bob Store speaks only for Acme Store (Acme Store, Tverskaya 1), not for Acme Depot." in note


def test_a_client_without_contract(qtbot: QtBot, panel: ClientPanel, world: World) -> None:
    _select(qtbot, panel, world.tickets["none"], world.no_contract)
    assert panel.header.title.text() == "Walk-in"
    assert panel.contracts.rowCount() == 0
    assert panel.contract_detail.text().startswith("No contract")
    assert panel.header.coverage_note.text().startswith("✖")
    assert panel.header.fields["payment"].text() == "Paid up"
    assert not panel.header.chart.isVisible()


def test_recent_tickets_and_sites_lead_into_the_queue_and_the_map(
    qtbot: QtBot, panel: ClientPanel, world: World
) -> None:
    _select(qtbot, panel, world.tickets["covered"], world.acme)
    assert panel.recent.rowCount() == 4
    panel.tabs.setCurrentIndex(5)
    row = [t.id for t in panel.recent.rows()].index(world.tickets["outside"])
    rect = panel.recent_view.visualRect(panel.recent.index(row, 0))
    with qtbot.waitSignal(panel.selection.ticket_selected, timeout=2_000) as picked:
        qtbot.mouseClick(panel.recent_view.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    assert picked.args == [world.tickets["outside"]]
    with qtbot.waitSignal(panel.queue_requested, timeout=2_000) as asked:
        panel.show_in_queue.click()
    assert asked.args == [world.acme]

    panel.tabs.setCurrentIndex(1)
    row = [s.id for s in panel.sites.rows()].index(world.acme_store)
    rect = panel.sites_view.visualRect(panel.sites.index(row, 1))
    with qtbot.waitSignal(panel.selection.site_selected, timeout=2_000) as shown:
        qtbot.mouseClick(panel.sites_view.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    assert shown.args == [world.acme_store]


def test_the_panel_follows_the_change_feed(qtbot: QtBot, sqlite_db: Database, world: World) -> None:
    feed = FeedBridge(sqlite_db)
    selection = Selection()
    panel = ClientPanel(sqlite_db, feed, selection)
    qtbot.addWidget(panel)
    panel.show()
    feed.start()
    try:
        _select(qtbot, panel, world.tickets["covered"], world.acme)
        assert "OVERDUE" in panel.header.fields["payment"].text()
        with sqlite_db.transaction() as session:
            invoice = session.get_one(Invoice, world.invoice)
            invoice.paid_amount = invoice.amount
            invoice.paid_on = TODAY
            invoice.version += 1
        qtbot.waitUntil(lambda: panel.header.fields["payment"].text() == "Paid up", timeout=10_000)
        with sqlite_db.transaction() as session:
            session.get_one(Contract, panel.contracts.record(0).id).status = "suspended"
        qtbot.waitUntil(lambda: panel.contracts.index(0, 3).data() == "Suspended", timeout=10_000)
        qtbot.waitUntil(lambda: "is suspended" in panel.header.coverage_note.text(), timeout=10_000)
    finally:
        feed.stop()
        panel.close()
        assert wait_for_background(30_000)
