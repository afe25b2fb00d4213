"""A ticket opened from the queue: edits, assignment, workflow moves, checklist, refusals in place, stale saves."""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, datetime, timedelta

from PySide6.QtCore import QDateTime, Qt
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot
from sqlalchemy import select, update

from console.models import Ticket, TicketHistory
from console.models.base import OPEN_STATUSES
from console.services.tickets import update_ticket
from console.services.users import local_user
from console.store.database import Database
from console.views.main_window import MainWindow
from console.views.ticket_dialog import TicketDialog

OpenWindow = Callable[..., MainWindow]


def _window(qtbot: QtBot, db: Database, open_window: OpenWindow) -> MainWindow:
    window = open_window(db, seed_demo=False, with_map=False)
    qtbot.waitUntil(
        lambda: window.queues.current_tab().is_loaded and bool(window.queues.lists.technicians),
        timeout=10_000,
    )
    window.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is window, timeout=5_000)
    return window


def _open(
    qtbot: QtBot, window: MainWindow, status: str, keys: tuple[Qt.Key, Qt.KeyboardModifier]
) -> TicketDialog:
    """Select a `status` incident in the Unassigned queue and open it with `keys`."""
    window.queues.show_queue(1)
    tab = window.queues.current_tab()
    qtbot.waitUntil(lambda: tab.is_loaded, timeout=5_000)
    row = next(r for r in tab.model.rows() if r.status == status and r.category == "incident")
    assert tab.select_ticket(row.id)
    tab.table.setFocus()
    qtbot.keyClick(tab.table if keys[0] == Qt.Key.Key_Return else window, keys[0], keys[1])
    qtbot.waitUntil(lambda: window.findChild(TicketDialog) is not None, timeout=5_000)
    dialog = window.findChild(TicketDialog)
    assert isinstance(dialog, TicketDialog)
    qtbot.waitUntil(lambda: dialog.card is not None and dialog.card.id == row.id, timeout=5_000)
    return dialog


def _version(db: Database, ticket_id: int) -> int:
    with db.session() as session:
        return session.get_one(Ticket, ticket_id).version


def test_enter_opens_the_ticket_and_the_keyboard_assigns_it(
    qtbot: QtBot, live_demo_db: Database, open_window: OpenWindow
) -> None:
    window = _window(qtbot, live_demo_db, open_window)
    dialog = _open(qtbot, window, "new", (Qt.Key.Key_Return, Qt.KeyboardModifier.NoModifier))
    assert dialog.card is not None
    ticket_id, number = dialog.card.id, dialog.card.number
    assert number in dialog.header.text()

    qtbot.keyClick(dialog, Qt.Key.Key_T, Qt.KeyboardModifier.ControlModifier)
    assert dialog.technician.hasFocus()
    name = dialog.technician.itemText(3)
    dialog.technician.setCurrentIndex(3)
    line = dialog.technician.lineEdit()
    assert line is not None
    qtbot.keyClick(line, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: dialog.card is not None and dialog.card.technician == name, timeout=5_000)
    assert dialog.card is not None and dialog.card.status == "assigned"
    assert any(e.field == "technician" for e in dialog.card.history)
    assert dialog.history.rowCount() == len(dialog.card.history)
    with live_demo_db.session() as session:
        ticket = session.get_one(Ticket, ticket_id)
        assert ticket.technician_id == dialog.technician.currentData() and ticket.status == "assigned"


def test_a_workflow_move_and_a_refused_one_say_why_next_to_the_status(
    qtbot: QtBot, live_demo_db: Database, open_window: OpenWindow
) -> None:
    window = _window(qtbot, live_demo_db, open_window)
    dialog = _open(
        qtbot,
        window,
        "new",
        (Qt.Key.Key_S, Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier),
    )
    qtbot.waitUntil(lambda: dialog.status.hasFocus(), timeout=5_000)
    assert dialog.card is not None
    offered = [dialog.status.itemData(i) for i in range(dialog.status.count())]
    assert "resolved" not in offered, "a new incident cannot jump to resolved"
    assert offered, "a new ticket can move on"
    # A move the workflow does not allow (as a list gone stale could offer) is refused by the service.
    dialog.status.addItem("Resolved", "resolved")
    dialog.status.setCurrentIndex(dialog.status.count() - 1)
    before = _version(live_demo_db, dialog.card.id)
    qtbot.mouseClick(dialog.status_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: dialog.errors["status"].isVisible(), timeout=5_000)
    assert _version(live_demo_db, dialog.card.id) == before, "nothing saved"

    dialog.status.setCurrentIndex(dialog.status.findData(offered[0]))
    qtbot.mouseClick(dialog.status_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: dialog.card is not None and dialog.card.status == offered[0], timeout=5_000)
    assert not dialog.errors["status"].isVisible()


def test_bad_edits_are_refused_next_to_their_field_and_nothing_is_saved(
    qtbot: QtBot, live_demo_db: Database, open_window: OpenWindow
) -> None:
    window = _window(qtbot, live_demo_db, open_window)
    dialog = _open(qtbot, window, "new", (Qt.Key.Key_O, Qt.KeyboardModifier.ControlModifier))
    assert dialog.card is not None
    ticket_id, version = dialog.card.id, dialog.card.version

    dialog.title.clear()
    qtbot.keyClick(dialog, Qt.Key.Key_S, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(lambda: dialog.errors["title"].isVisible(), timeout=5_000)

    dialog.title.setText("x" * 201)
    qtbot.keyClick(dialog, Qt.Key.Key_S, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(lambda: "200" in dialog.errors["title"].text(), timeout=5_000)

    dialog.title.setText("Lift stuck between floors")
    dialog.has_visit.setChecked(True)
    yesterday = datetime.now(UTC) - timedelta(days=1)
    dialog.planned_for.setDateTime(QDateTime.fromSecsSinceEpoch(int(yesterday.timestamp())))
    qtbot.keyClick(dialog, Qt.Key.Key_S, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(lambda: dialog.errors["planned_for"].isVisible(), timeout=5_000)
    assert "past" in dialog.errors["planned_for"].text()
    assert _version(live_demo_db, ticket_id) == version, "nothing partial was saved"

    tomorrow = datetime.now(UTC) + timedelta(days=1)
    dialog.planned_for.setDateTime(QDateTime.fromSecsSinceEpoch(int(tomorrow.timestamp())))
    qtbot.keyClick(dialog, Qt.Key.Key_S, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(lambda: dialog.card is not None and dialog.card.version > version, timeout=5_000)
    with live_demo_db.session() as session:
        ticket = session.get_one(Ticket, ticket_id)
        assert ticket.title == "Lift stuck between floors" and ticket.planned_for is not None
        fields = set(session.scalars(select(TicketHistory.field).where(TicketHistory.ticket_id == ticket_id)))
        assert {"title", "planned_for"} <= fields


def test_a_stale_save_shows_the_other_change_and_keeps_mine(
    qtbot: QtBot, live_demo_db: Database, open_window: OpenWindow
) -> None:
    window = _window(qtbot, live_demo_db, open_window)
    dialog = _open(qtbot, window, "new", (Qt.Key.Key_Return, Qt.KeyboardModifier.NoModifier))
    assert dialog.card is not None
    ticket_id = dialog.card.id
    colleague = local_user(live_demo_db, "olga", "Olga Colleague").id
    update_ticket(
        live_demo_db,
        ticket_id,
        expected_version=dialog.card.version,
        user_id=colleague,
        title="Changed by Olga",
    )

    dialog.description.setPlainText("Caller says the display shows E42")
    qtbot.keyClick(dialog, Qt.Key.Key_S, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(lambda: dialog.conflict.isVisible(), timeout=5_000)
    assert "Olga Colleague" in dialog.conflict.text() and "Changed by Olga" in dialog.conflict.text()
    assert dialog.description.toPlainText() == "Caller says the display shows E42", "my input is kept"
    assert dialog.title.text() == "Changed by Olga", "fields I did not touch show the new value"

    qtbot.keyClick(dialog, Qt.Key.Key_S, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(lambda: not dialog.conflict.isVisible(), timeout=5_000)
    with live_demo_db.session() as session:
        ticket = session.get_one(Ticket, ticket_id)
        assert (ticket.title, ticket.description) == ("Changed by Olga", "Caller says the display shows E42")


def test_the_checklist_must_be_done_before_resolving(
    qtbot: QtBot, live_demo_db: Database, open_window: OpenWindow
) -> None:
    with live_demo_db.transaction() as session:
        ticket_id = session.scalars(
            select(Ticket.id)
            .where(Ticket.category == "maintenance", Ticket.status.in_(OPEN_STATUSES))
            .limit(1)
        ).one()
        session.execute(update(Ticket).where(Ticket.id == ticket_id).values(status="on_site"))
    window = _window(qtbot, live_demo_db, open_window)
    dialog = window.open_ticket(ticket_id)
    qtbot.waitUntil(lambda: dialog.card is not None, timeout=5_000)
    assert dialog.checklist.rowCount() > 0
    dialog.status.setCurrentIndex(dialog.status.findData("resolved"))
    qtbot.mouseClick(dialog.status_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(
        lambda: dialog.errors["checklist"].isVisible() or dialog.errors["status"].isVisible(), timeout=5_000
    )

    for position in range(dialog.checklist.rowCount()):
        version = dialog.card.version if dialog.card else 0
        dialog.checklist.setData(
            dialog.checklist.index(position), Qt.CheckState.Checked.value, Qt.ItemDataRole.CheckStateRole
        )
        qtbot.waitUntil(lambda v=version: dialog.card is not None and dialog.card.version > v, timeout=5_000)
    assert dialog.checklist.undone() == []
    dialog.status.setCurrentIndex(dialog.status.findData("resolved"))
    qtbot.mouseClick(dialog.status_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: dialog.card is not None and dialog.card.status == "resolved", timeout=5_000)
