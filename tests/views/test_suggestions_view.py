"""The suggested technicians and the dispatch rules editor through the real widgets.

The world is the one of tests/services/test_suggestions.py (Monday 10:00 in Moscow, a Gold client's
lift ticket; Anna knows the unit, Ivan stands at the store, Boris is booked all day, Petr has no
shift calendar, Olga lacks the skill), on SQLite, with the panel's clock fixed at that Monday.
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialogButtonBox
from pytestqt.qtbot import QtBot
from sqlalchemy import select

from console.models import Ticket, Visit
from console.services.dispatch_rules import DispatchRules, load_rules, save_rules
from console.store.database import Database
from console.views.dispatch_rules_dialog import DispatchRulesDialog
from console.views.feed_bridge import FeedBridge
from console.views.record_model import RECORD_ROLE
from console.views.selection import Selection
from console.views.suggestions_view import SuggestionsPanel
from tests.services.test_suggestions import NOW, World, at, build_world


def _panel(qtbot: QtBot, db: Database) -> tuple[SuggestionsPanel, Selection]:
    selection = Selection()
    panel = SuggestionsPanel(db, FeedBridge(db), selection, clock=lambda: NOW)
    qtbot.addWidget(panel)
    panel.resize(900, 500)
    panel.show()
    return panel, selection


def _names(panel: SuggestionsPanel) -> list[str]:
    return [panel.model.index(row, 1).data() for row in range(panel.model.rowCount())]


def _loaded(qtbot: QtBot, panel: SuggestionsPanel, selection: Selection, ticket: int) -> None:
    selection.select_ticket(ticket)
    qtbot.waitUntil(lambda: panel.model.rowCount() == 4, timeout=10_000)


def test_the_selected_ticket_gets_its_ranked_technicians_with_reasons(
    qtbot: QtBot, sqlite_db: Database
) -> None:
    world = build_world(sqlite_db)
    panel, selection = _panel(qtbot, sqlite_db)
    _loaded(qtbot, panel, selection, world.ticket)

    assert _names(panel) == ["Anna", "Ivan", "Boris", "Petr"]
    assert "T1" in panel.title.text() and "Lifts" in panel.title.text()
    assert "1 lack the skill" in panel.title.text() and "2 can take it" in panel.title.text()
    assert panel.model.index(0, 3).data() == "10:30\u202fAM–11:30\u202fAM"  # en_US, as the tests run
    assert panel.model.index(0, 5).data() == "in time"
    assert panel.model.index(2, 0).data() == "—"
    assert "No free 60 min" in panel.model.index(2, 7).data()
    assert panel.table.currentIndex().row() == 0
    reasons = panel.reasons.text()
    assert "Serviced this unit 1 times" in reasons and "-45" in reasons
    assert "drive from the reported position" in reasons
    assert panel.assign_button.isEnabled()


def test_enter_plans_the_highlighted_slot_and_records_the_assignment(
    qtbot: QtBot, sqlite_db: Database
) -> None:
    world = build_world(sqlite_db)
    panel, selection = _panel(qtbot, sqlite_db)
    _loaded(qtbot, panel, selection, world.ticket)
    panel.table.setFocus()

    qtbot.keyClick(panel.table, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: "Visit planned" in panel.message.text(), timeout=10_000)

    assert "Anna" in panel.message.text() and "10:30\u202fAM–11:30\u202fAM" in panel.message.text()
    with sqlite_db.session() as session:
        visit = session.scalars(select(Visit).where(Visit.ticket_id == world.ticket)).one()
        assert (visit.technician_id, visit.planned_start, visit.planned_end) == (
            world.anna,
            at(10, 30),
            at(11, 30),
        )
        assert session.get_one(Ticket, world.ticket).technician_id == world.anna


def test_a_slot_taken_meanwhile_is_refused_and_nothing_is_saved(qtbot: QtBot, sqlite_db: Database) -> None:
    world = build_world(sqlite_db)
    panel, selection = _panel(qtbot, sqlite_db)
    _loaded(qtbot, panel, selection, world.ticket)
    with sqlite_db.transaction() as session:
        session.add(
            Visit(
                ticket_id=world.other_ticket,
                technician_id=world.anna,
                planned_start=at(10),
                planned_end=at(12),
            )
        )

    qtbot.keyClick(panel.table, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: panel.message.text().startswith("✖"), timeout=10_000)

    assert "Anna is on visit T2 from 10:00 to 12:00" in panel.message.text()
    with sqlite_db.session() as session:
        assert session.scalars(select(Visit).where(Visit.ticket_id == world.ticket)).all() == []


def test_a_technician_who_cannot_take_it_is_explained_not_planned(qtbot: QtBot, sqlite_db: Database) -> None:
    world = build_world(sqlite_db)
    panel, selection = _panel(qtbot, sqlite_db)
    _loaded(qtbot, panel, selection, world.ticket)

    panel.table.selectRow(3)
    assert not panel.assign_button.isEnabled()
    qtbot.keyClick(panel.table, Qt.Key.Key_Return)

    assert panel.message.text() == "✖ Has no shift calendar"
    with sqlite_db.session() as session:
        assert session.scalars(select(Visit).where(Visit.ticket_id == world.ticket)).all() == []


def test_double_click_shows_the_technician_everywhere(qtbot: QtBot, sqlite_db: Database) -> None:
    world = build_world(sqlite_db)
    panel, selection = _panel(qtbot, sqlite_db)
    _loaded(qtbot, panel, selection, world.ticket)
    picked: list[int] = []
    selection.technician_selected.connect(picked.append)

    index = panel.model.index(1, 1)
    assert index.data(RECORD_ROLE).suggestion.technician_id == world.ivan
    panel.table.setCurrentIndex(index)
    panel.table.doubleClicked.emit(index)

    assert picked == [world.ivan]


def _world_and_dialog(qtbot: QtBot, db: Database) -> tuple[World, DispatchRulesDialog]:
    world = build_world(db)
    dialog = DispatchRulesDialog(db)
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitUntil(lambda: dialog.save_button.isEnabled(), timeout=10_000)
    return world, dialog


def test_the_rules_editor_saves_for_the_team_and_the_list_follows(qtbot: QtBot, sqlite_db: Database) -> None:
    world, dialog = _world_and_dialog(qtbot, sqlite_db)
    assert dialog.editors["equipment_bonus"].value() == 45.0
    assert dialog.tier_editors[1].value() == 2.0
    dialog.editors["equipment_bonus"].setValue(0)
    dialog.editors["client_bonus"].setValue(0)
    dialog.tier_editors[1].setValue(1.0)

    with qtbot.waitSignal(dialog.saved, timeout=10_000):
        dialog.buttons.button(QDialogButtonBox.StandardButton.Save).click()

    stored = load_rules(sqlite_db)
    assert stored.version == 1
    assert (stored.rules.equipment_bonus, stored.rules.client_bonus, stored.rules.tier_factors) == (0, 0, {})
    panel, selection = _panel(qtbot, sqlite_db)
    _loaded(qtbot, panel, selection, world.ticket)
    assert _names(panel)[:2] == ["Ivan", "Anna"]


def test_a_save_over_a_newer_change_is_refused_keeping_the_form(qtbot: QtBot, sqlite_db: Database) -> None:
    _world, dialog = _world_and_dialog(qtbot, sqlite_db)
    save_rules(sqlite_db, DispatchRules(visit_minutes=90), expected_version=0)
    dialog.editors["visit_minutes"].setValue(45)

    dialog.buttons.button(QDialogButtonBox.StandardButton.Save).click()
    qtbot.waitUntil(lambda: "changed by someone else" in dialog.message.text(), timeout=10_000)

    assert dialog.isVisible() and dialog.editors["visit_minutes"].value() == 45
    assert load_rules(sqlite_db).rules.visit_minutes == 90
