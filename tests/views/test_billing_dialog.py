"""The billing dialog through its widgets, on the hand-built book of billing_world (SQLite)."""

from __future__ import annotations

import csv
from collections.abc import Iterator
from datetime import date
from decimal import Decimal
from pathlib import Path

import pytest
from openpyxl import load_workbook
from pytestqt.qtbot import QtBot

from console.store.database import Database
from console.views.background import wait_for_background
from console.views.billing_dialog import BillingDialog, previous_month
from tests.services.billing_world import ACME_NET, BillingBook, build_billing_book


@pytest.fixture
def book(sqlite_db: Database) -> BillingBook:
    return build_billing_book(sqlite_db)


@pytest.fixture
def dialog(qtbot: QtBot, sqlite_db: Database, book: BillingBook) -> Iterator[BillingDialog]:
    """The dialog on 15 December 2026, so that the period is November 2026; clients listed."""
    shown = BillingDialog(sqlite_db, today=lambda: date(2026, 12, 15))
    qtbot.addWidget(shown)
    shown.show()
    qtbot.waitUntil(lambda: shown.client.count() == 4 and shown.is_loaded(), timeout=10_000)
    yield shown
    shown.close()
    assert wait_for_background(30_000)


def choose_client(qtbot: QtBot, dialog: BillingDialog, client_id: int) -> None:
    index = dialog.client.findData(client_id)
    assert index >= 0
    dialog.client.setCurrentIndex(index)
    qtbot.waitUntil(dialog.is_loaded, timeout=10_000)


def test_the_previous_month_is_the_default_period() -> None:
    assert previous_month(date(2026, 12, 15)) == (date(2026, 11, 1), date(2026, 11, 30))
    assert previous_month(date(2027, 1, 1)) == (date(2026, 12, 1), date(2026, 12, 31))
    assert previous_month(date(2026, 3, 31)) == (date(2026, 2, 1), date(2026, 2, 28))


def test_all_clients_then_one_client(qtbot: QtBot, dialog: BillingDialog, book: BillingBook) -> None:
    assert dialog.period() == (date(2026, 11, 1), date(2026, 11, 30))
    assert dialog.first.calendarPopup() and dialog.last.calendarPopup()
    assert dialog.client.currentText() == "All clients"
    # Acme 8 lines, Beta 1, Gamma 1; nets 29241.00 + 1033.33 + 0 = 30274.33, VAT 5848.20 + 206.67 = 6054.87,
    # gross 36329.20
    assert dialog.model.rowCount() == 10
    assert dialog.totals.text() == (
        "Total without VAT: 30,274.33    VAT 20%: 6,054.87    Total with VAT: 36,329.20"
    )
    assert not dialog.act_button.isEnabled()
    choose_client(qtbot, dialog, book.acme)
    assert dialog.model.rowCount() == 8
    assert dialog.totals.text() == (
        "Total without VAT: 29,241.00    VAT 20%: 5,848.20    Total with VAT: 35,089.20"
    )
    assert dialog.act_button.isEnabled() and dialog.csv_button.isEnabled()
    # The T-1 work line as the table shows it (en_US): 2.25 h x 3,000.00 = 6,750.00
    row = next(r for r in range(8) if dialog.model.record(r).line.ticket_number == "T-1")
    shown = [dialog.model.index(row, column).data() for column in range(dialog.model.columnCount())]
    assert shown[2:5] == ["Work", "T-1", "11/10/26"]
    assert shown[-4:] == ["2.25", "hour", "3,000.00", "6,750.00"]


def test_a_period_that_ends_before_it_starts_is_refused(qtbot: QtBot, dialog: BillingDialog) -> None:
    dialog.last.setDate(dialog.first.date().addDays(-1))
    assert dialog.model.rowCount() == 0
    assert dialog.status.text() == "The period ends before it starts."
    assert not dialog.csv_button.isEnabled()


def test_exports_and_the_act(
    qtbot: QtBot, dialog: BillingDialog, book: BillingBook, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    choose_client(qtbot, dialog, book.acme)
    targets = iter([str(tmp_path / "november.csv"), str(tmp_path / "november")])
    monkeypatch.setattr(
        "console.views.billing_dialog.QFileDialog.getSaveFileName",
        lambda *args, **kwargs: (next(targets), ""),
    )
    dialog.export("csv")
    qtbot.waitUntil(lambda: dialog.status.text().startswith("Written to"), timeout=10_000)
    with (tmp_path / "november.csv").open(encoding="utf-8-sig", newline="") as handle:
        rows = list(csv.DictReader(handle, delimiter=";"))
    assert sum(Decimal(row["Amount"]) for row in rows) == ACME_NET
    dialog.status.clear()
    dialog.export("xlsx")
    qtbot.waitUntil(lambda: dialog.status.text().startswith("Written to"), timeout=10_000)
    totals = list(load_workbook(tmp_path / "november.xlsx")["Totals"].iter_rows(min_row=2, values_only=True))
    assert [(row[0], Decimal(str(row[2]))) for row in totals] == [("Acme LLC", ACME_NET)]

    dialog.act_button.click()
    qtbot.waitUntil(lambda: dialog.preview is not None, timeout=10_000)
    assert dialog.preview is not None
    assert dialog.preview.act.number == f"А-{book.acme}-202611"
    assert dialog.preview.act.net == ACME_NET
    dialog.preview.close()
