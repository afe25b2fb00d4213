"""The company details dialog through its widgets, on an empty SQLite database."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import replace
from decimal import Decimal

import pytest
from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from console.services.company import CompanyDetails, load_company, save_company
from console.store.database import Database
from console.views.background import wait_for_background
from console.views.company_dialog import CompanyDialog

STORED = CompanyDetails(
    name="Service Co",
    legal_name="Service Company LLC",
    tax_number="7700000001",
    registration_code="770001001",
    address="Moscow, Tverskaya 1",
    bank_details="Account 40702810000000000001\nBIC 044525000",
    vat_percent=Decimal("10"),
    signatory="Director I. Petrov",
)

OpenDialog = Callable[[], CompanyDialog]


@pytest.fixture
def open_dialog(qtbot: QtBot, sqlite_db: Database) -> Iterator[OpenDialog]:
    """A factory: open_dialog() shows the dialog once its details are loaded; all are closed afterwards."""
    dialogs: list[CompanyDialog] = []

    def factory() -> CompanyDialog:
        dialog = CompanyDialog(sqlite_db, None)
        qtbot.addWidget(dialog)
        dialog.show()
        qtbot.waitUntil(dialog.save_button.isEnabled, timeout=10_000)
        dialogs.append(dialog)
        return dialog

    yield factory
    for dialog in dialogs:
        dialog.close()
    assert wait_for_background(30_000)


def test_the_stored_details_are_shown(sqlite_db: Database, open_dialog: OpenDialog) -> None:
    save_company(sqlite_db, STORED, 0)
    dialog = open_dialog()
    assert dialog.windowTitle() == "Company details"
    assert dialog.name.text() == "Service Co"
    assert dialog.legal_name.text() == "Service Company LLC"
    assert dialog.tax_number.text() == "7700000001"
    assert dialog.registration_code.text() == "770001001"
    assert dialog.address.text() == "Moscow, Tverskaya 1"
    assert dialog.bank_details.toPlainText() == "Account 40702810000000000001\nBIC 044525000"
    assert dialog.vat.value() == 10.0
    assert dialog.vat.suffix() == " %"
    assert dialog.signatory.text() == "Director I. Petrov"
    assert dialog.edited_details() == STORED


def test_typed_details_are_saved(qtbot: QtBot, sqlite_db: Database, open_dialog: OpenDialog) -> None:
    dialog = open_dialog()
    assert dialog.vat.value() == 20.0, "never saved: the default VAT"
    qtbot.keyClicks(dialog.name, "Lift Service")
    dialog.vat.lineEdit().selectAll()
    qtbot.keyClicks(dialog.vat, "0")
    qtbot.keyClick(dialog.vat, Qt.Key.Key_Tab)
    assert dialog.vat.value() == 0.0
    with qtbot.waitSignal(dialog.saved, timeout=10_000) as saved:
        dialog.save_button.click()
    assert saved.args == [1]
    assert dialog.result() == CompanyDialog.DialogCode.Accepted
    with sqlite_db.session() as session:
        stored = load_company(session)
    assert stored.name == "Lift Service"
    assert stored.vat_percent == Decimal("0")


def test_a_save_over_a_newer_version_is_refused_and_the_input_kept(
    qtbot: QtBot,
    sqlite_db: Database,
    open_dialog: OpenDialog,
) -> None:
    first = save_company(sqlite_db, STORED, 0)
    dialog = open_dialog()
    save_company(sqlite_db, replace(STORED, name="Changed elsewhere"), first)
    dialog.name.clear()
    qtbot.keyClicks(dialog.name, "My own name")
    dialog.save_button.click()
    qtbot.waitUntil(lambda: "Saved meanwhile" in dialog.message.text(), timeout=10_000)
    refusal, other = dialog.message.text().split("\n")
    assert refusal == "Someone else changed the company details; reload to see them."
    assert other.startswith("Saved meanwhile by the system at ")
    assert other.endswith(f": Name: {STORED.name} → Changed elsewhere")
    assert dialog.isVisible()
    assert dialog.name.text() == "My own name"
    assert dialog.save_button.isEnabled()
    with sqlite_db.session() as session:
        assert load_company(session).name == "Changed elsewhere"
