"""Registering a ticket from a call with the keyboard alone, through the real dialog."""

from __future__ import annotations

from collections.abc import Callable

import shiboken6
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QWidget
from pytestqt.qtbot import QtBot
from sqlalchemy import delete, select

from console.models import Contact, Contract, Equipment, Site, Ticket, contract_equipment, contract_sites
from console.store.database import Database
from console.views.main_window import MainWindow
from console.views.ticket_intake_dialog import TicketIntakeDialog

OpenWindow = Callable[..., MainWindow]
ANSWER_MS = 15_000
"""How long an answer from the thread pool may take: generous, as CI runs on two shared cores."""


def _closed(dialog: QWidget) -> bool:
    """The dialog closed (and, deleting itself on close, may be gone)."""
    return not shiboken6.isValid(dialog) or not dialog.isVisible()


def _window(qtbot: QtBot, db: Database, open_window: OpenWindow) -> MainWindow:
    window = open_window(db, seed_demo=False, with_map=False)
    qtbot.waitUntil(
        lambda: window.queues.current_tab().is_loaded and bool(window.queues.lists.skills), timeout=10_000
    )
    window.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is window, timeout=ANSWER_MS)
    return window


def _dialog(qtbot: QtBot, window: MainWindow) -> TicketIntakeDialog:
    qtbot.keyClick(window, Qt.Key.Key_N, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(lambda: window.findChild(TicketIntakeDialog) is not None, timeout=ANSWER_MS)
    dialog = window.findChild(TicketIntakeDialog)
    assert isinstance(dialog, TicketIntakeDialog)
    qtbot.waitUntil(lambda: dialog.search.hasFocus(), timeout=ANSWER_MS)
    return dialog


def _site_contact(db: Database) -> tuple[Contact, Site, Equipment]:
    """A site-scoped contact who may request work, at a covered site with a covered unit."""
    with db.session() as session:
        row = session.execute(
            select(Contact, Site, Equipment)
            .join(Site, Site.id == Contact.site_id)
            .join(contract_sites, contract_sites.c.site_id == Site.id)
            .join(Contract, Contract.id == contract_sites.c.contract_id)
            .join(Equipment, Equipment.site_id == Site.id)
            .join(
                contract_equipment,
                (contract_equipment.c.equipment_id == Equipment.id)
                & (contract_equipment.c.contract_id == Contract.id),
            )
            .where(
                Contact.scope == "site",
                Contact.may_request.is_(True),
                Contact.phone.is_not(None),
                Contract.status == "active",
                Equipment.decommissioned_on.is_(None),
            )
            .order_by(Contact.id)
            .limit(1)
        ).one()
        session.expunge_all()
        return row[0], row[1], row[2]


def test_a_call_is_registered_with_the_keyboard_alone(
    qtbot: QtBot, live_demo_db: Database, open_window: OpenWindow
) -> None:
    contact, site, _unit = _site_contact(live_demo_db)
    window = _window(qtbot, live_demo_db, open_window)
    dialog = _dialog(qtbot, window)

    # The caller's number as the phone shows it, digits only.
    digits = "".join(ch for ch in contact.phone or "" if ch.isdigit())
    qtbot.keyClicks(dialog.search, digits[-7:])
    qtbot.waitUntil(lambda: dialog.matches.rowCount() > 0, timeout=ANSWER_MS)
    qtbot.keyClick(dialog.search, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: dialog.title.hasFocus(), timeout=ANSWER_MS)
    assert dialog.contact.currentData() == contact.id
    assert dialog.site.currentData() == site.id
    qtbot.waitUntil(lambda: window.client.client_id == contact.client_id, timeout=ANSWER_MS)
    qtbot.waitUntil(lambda: dialog.priority_reason.isVisible(), timeout=ANSWER_MS)
    assert dialog.authority.isHidden(), "a site contact calling about their own site raises no warning"

    qtbot.keyClicks(dialog.title, "Till does not print receipts")
    qtbot.keyClick(dialog.title, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(lambda: _closed(dialog), timeout=ANSWER_MS)

    with live_demo_db.session() as session:
        ticket = session.scalars(select(Ticket).where(Ticket.title == "Till does not print receipts")).one()
        assert (ticket.client_id, ticket.site_id, ticket.contact_id) == (
            contact.client_id,
            site.id,
            contact.id,
        )
        assert ticket.channel == "phone" and ticket.status == "new"
    qtbot.waitUntil(lambda: window.selection.ticket_id == ticket.id, timeout=ANSWER_MS)


def test_a_contact_asking_for_another_site_is_warned_about(
    qtbot: QtBot, live_demo_db: Database, open_window: OpenWindow
) -> None:
    contact, site, _unit = _site_contact(live_demo_db)
    with live_demo_db.session() as session:
        other = session.scalars(
            select(Site.id).where(Site.client_id == contact.client_id, Site.id != site.id).limit(1)
        ).first()
    assert other is not None
    window = _window(qtbot, live_demo_db, open_window)
    dialog = _dialog(qtbot, window)
    digits = "".join(ch for ch in contact.phone or "" if ch.isdigit())
    qtbot.keyClicks(dialog.search, digits[-7:])
    qtbot.waitUntil(lambda: dialog.matches.rowCount() > 0, timeout=ANSWER_MS)
    qtbot.keyClick(dialog.search, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: dialog.contact.currentData() == contact.id, timeout=ANSWER_MS)
    dialog.site.setCurrentIndex(dialog.site.findData(other))
    qtbot.waitUntil(lambda: dialog.authority.isVisible(), timeout=ANSWER_MS)
    assert contact.full_name in dialog.authority.text()


def test_uncovered_work_needs_the_billable_tick_and_missing_fields_are_named(
    qtbot: QtBot, live_demo_db: Database, open_window: OpenWindow
) -> None:
    contact, _site, unit = _site_contact(live_demo_db)
    uncovered = unit.id
    with live_demo_db.transaction() as session:
        session.execute(delete(contract_equipment).where(contract_equipment.c.equipment_id == uncovered))
    window = _window(qtbot, live_demo_db, open_window)
    dialog = _dialog(qtbot, window)
    digits = "".join(ch for ch in contact.phone or "" if ch.isdigit())
    qtbot.keyClicks(dialog.search, digits[-7:])
    qtbot.waitUntil(lambda: dialog.matches.rowCount() > 0, timeout=ANSWER_MS)
    qtbot.keyClick(dialog.search, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: dialog.title.hasFocus(), timeout=ANSWER_MS)

    qtbot.keyClick(dialog.title, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(lambda: dialog.errors["title"].isVisible(), timeout=ANSWER_MS)
    assert dialog.isVisible() and dialog.title.hasFocus()

    qtbot.waitUntil(lambda: dialog.equipment.findData(uncovered) > 0, timeout=ANSWER_MS)
    dialog.equipment.setCurrentIndex(dialog.equipment.findData(uncovered))
    qtbot.waitUntil(lambda: dialog.billable.isVisible(), timeout=ANSWER_MS)
    assert dialog.coverage_note.isVisible()
    dialog.title.setText("Compressor noise")
    dialog.submit()
    assert dialog.form_error.isVisible() and "billable" in dialog.form_error.text()
    qtbot.keyClick(dialog.billable, Qt.Key.Key_Space)
    assert dialog.billable.isChecked()
    dialog.submit()
    qtbot.waitUntil(lambda: _closed(dialog), timeout=ANSWER_MS)
    with live_demo_db.session() as session:
        ticket = session.scalars(select(Ticket).where(Ticket.title == "Compressor noise")).one()
        assert ticket.billable and ticket.equipment_id == uncovered


def test_a_suspended_contract_covers_no_new_ticket_and_says_why(
    qtbot: QtBot, live_demo_db: Database, open_window: OpenWindow
) -> None:
    contact, site, _unit = _site_contact(live_demo_db)
    with live_demo_db.transaction() as session:
        contract = session.scalars(
            select(Contract).join(contract_sites).where(contract_sites.c.site_id == site.id)
        ).one()
        contract.status = "suspended"
        number = contract.number
    window = _window(qtbot, live_demo_db, open_window)
    dialog = _dialog(qtbot, window)
    digits = "".join(ch for ch in contact.phone or "" if ch.isdigit())
    qtbot.keyClicks(dialog.search, digits[-7:])
    qtbot.waitUntil(lambda: dialog.matches.rowCount() > 0, timeout=ANSWER_MS)
    qtbot.keyClick(dialog.search, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: dialog.coverage_note.isVisible(), timeout=ANSWER_MS)
    assert f"Contract {number} is suspended." in dialog.coverage_note.text()
    assert dialog.billable.isVisible() and not dialog.billable.isChecked()
    dialog.title.setText("Door jammed")
    dialog.submit()
    assert dialog.form_error.isVisible() and "billable" in dialog.form_error.text()
    with live_demo_db.session() as session:
        assert session.scalars(select(Ticket).where(Ticket.title == "Door jammed")).first() is None
