"""Billing for a period: what each client is billed, line by line, exported for accounting or put in an act.

The dispatcher picks a client (or all clients) and a period, by default the previous calendar month. The
lines are computed by `services.billing` off the GUI thread; an answer that comes after the choice has
changed again is dropped. The lines can be exported to CSV or Excel, and for one client the work
completion act of the period is previewed, printed or saved as PDF.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, timedelta
from decimal import Decimal
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QDate
from PySide6.QtWidgets import (
    QComboBox,
    QDateEdit,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from console.services.billing import (
    KIND_LABELS,
    UNIT_LABELS,
    BillingLine,
    ClientBilling,
    client_billing,
    period_billing,
)
from console.services.billing_export import write_csv, write_xlsx
from console.services.pick_lists import PickLists, pick_lists
from console.services.work_act import WorkAct, client_act
from console.store.database import Database
from console.views.act_document import ActPreviewDialog
from console.views.background import run_in_background
from console.views.equipment_tab import record_table
from console.views.errors_text import error_text
from console.views.field_errors import ERROR_STYLE
from console.views.labels import date_format, day_text, money_text, month_text, quantity_text
from console.views.record_model import Column, RecordTableModel


def billing_text(text: str) -> str:
    """A billing template or label in the user's language (context "billing")."""
    return QCoreApplication.translate("billing", text)


def previous_month(today: date) -> tuple[date, date]:
    """The first and last day of the calendar month before `today`'s."""
    last = today.replace(day=1) - timedelta(days=1)
    return last.replace(day=1), last


def _qdate(day: date) -> QDate:
    return QDate(day.year, day.month, day.day)


def _pydate(value: QDate) -> date:
    return date(value.year(), value.month(), value.day())


@dataclass(frozen=True, slots=True)
class BillingRow:
    """One line of the table with the client it is billed to."""

    client: str
    line: BillingLine


class BillingDialog(QDialog):
    def __init__(
        self,
        db: Database,
        parent: QWidget | None = None,
        *,
        today: Callable[[], date] | None = None,
        user_id: int | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("billing_dialog")
        self.setWindowTitle(self.tr("Billing"))
        self.setModal(False)
        self.db = db
        self.user_id = user_id
        self.bills: list[ClientBilling] = []
        self._generation = 0
        self._loaded_generation = -1
        self.preview: ActPreviewDialog | None = None
        first, last = previous_month((today or date.today)())

        self.client = QComboBox(self)
        self.client.setObjectName("billing_client")
        self.client.addItem(self.tr("All clients"), None)
        self.client.setMinimumContentsLength(30)
        self.first = self._date_edit("billing_from", first)
        self.last = self._date_edit("billing_to", last)
        period = QHBoxLayout()
        period.addWidget(self.first)
        period.addWidget(QLabel(self.tr("to")))
        period.addWidget(self.last)
        period.addStretch(1)
        form = QFormLayout()
        form.addRow(self.tr("&Client:"), self.client)
        period_label = QLabel(self.tr("&Period from:"), self)
        period_label.setBuddy(self.first)
        form.addRow(period_label, period)

        self.model = RecordTableModel(self._columns(), self)
        self.table = record_table(self, "billing_lines", self.model)
        self.totals = QLabel()
        self.totals.setObjectName("billing_totals")
        self.status = QLabel()
        self.status.setObjectName("billing_status")
        self.status.setWordWrap(True)

        self.csv_button = QPushButton(self.tr("Export CSV…"))
        self.csv_button.setObjectName("billing_export_csv")
        self.csv_button.clicked.connect(lambda: self.export("csv"))
        self.xlsx_button = QPushButton(self.tr("Export Excel…"))
        self.xlsx_button.setObjectName("billing_export_xlsx")
        self.xlsx_button.clicked.connect(lambda: self.export("xlsx"))
        self.act_button = QPushButton(self.tr("Work completion act…"))
        self.act_button.setObjectName("billing_act")
        self.act_button.clicked.connect(self.open_act)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        for button in (self.csv_button, self.xlsx_button, self.act_button):
            buttons.addButton(button, QDialogButtonBox.ButtonRole.ActionRole)
        buttons.rejected.connect(self.reject)

        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.totals)
        layout.addWidget(self.status)
        layout.addWidget(buttons)
        self.resize(1200, 640)
        self._enable_actions()

        self.client.currentIndexChanged.connect(self.reload)
        self.first.dateChanged.connect(self.reload)
        self.last.dateChanged.connect(self.reload)
        run_in_background(lambda: pick_lists(db), self._on_clients, self._on_failed)
        self.reload()

    # Building --------------------------------------------------------------------------------------

    def _date_edit(self, name: str, day: date) -> QDateEdit:
        edit = QDateEdit(_qdate(day), self)
        edit.setObjectName(name)
        edit.setCalendarPopup(True)
        edit.setDisplayFormat(date_format())
        return edit

    def _columns(self) -> list[Column]:
        return [
            Column(self.tr("Client"), lambda r: r.client),
            Column(self.tr("Contract"), lambda r: r.line.contract_number or ""),
            Column(self.tr("Kind"), lambda r: billing_text(KIND_LABELS[r.line.kind])),
            Column(self.tr("Ticket"), lambda r: r.line.ticket_number or ""),
            Column(self.tr("Date"), lambda r: day_text(r.line.day)),
            Column(self.tr("Site"), lambda r: r.line.site_name or ""),
            Column(self.tr("Equipment"), lambda r: r.line.equipment_label or ""),
            Column(self.tr("Description"), lambda r: r.line.describe(billing_text, month_text)),
            Column(self.tr("Quantity"), lambda r: quantity_text(r.line.quantity), numeric=True),
            Column(self.tr("Unit"), lambda r: billing_text(UNIT_LABELS[r.line.unit])),
            Column(self.tr("Unit price"), lambda r: money_text(r.line.unit_price), numeric=True),
            Column(self.tr("Amount"), lambda r: money_text(r.line.amount), numeric=True),
        ]

    # Choices ---------------------------------------------------------------------------------------

    def client_id(self) -> int | None:
        value = self.client.currentData()
        return int(value) if value is not None else None

    def period(self) -> tuple[date, date]:
        return _pydate(self.first.date()), _pydate(self.last.date())

    def _on_clients(self, lists: PickLists) -> None:
        chosen = self.client_id()
        self.client.blockSignals(True)
        for choice in lists.clients:
            self.client.addItem(choice.name, choice.id)
        if chosen is not None:
            self.client.setCurrentIndex(max(0, self.client.findData(chosen)))
        self.client.blockSignals(False)

    # Loading ---------------------------------------------------------------------------------------

    def reload(self) -> None:
        """Compute the lines for the current choice off the GUI thread; older answers are dropped."""
        self._generation += 1
        generation, db, client_id = self._generation, self.db, self.client_id()
        first, last = self.period()
        self.bills = []
        self.model.set_rows([])
        self.totals.clear()
        self._enable_actions()
        if last < first:
            self._show_error(self.tr("The period ends before it starts."))
            return
        self.status.setStyleSheet("")
        self.status.setText(self.tr("Loading…"))

        user = self.user_id

        def work() -> tuple[int, list[ClientBilling]]:
            with db.session() as session:
                if client_id is None:
                    return generation, period_billing(session, first, last, user_id=user)
                return generation, [client_billing(session, client_id, first, last, user_id=user)]

        run_in_background(work, self._on_loaded, self._on_failed)

    def _on_loaded(self, answer: tuple[int, list[ClientBilling]]) -> None:
        generation, bills = answer
        if generation != self._generation:
            return
        self._loaded_generation = generation
        self.bills = bills
        self.model.set_rows([BillingRow(bill.client_name, line) for bill in bills for line in bill.lines])
        self.totals.setText(self.totals_text())
        self.status.clear()
        if not any(bill.lines for bill in bills):
            self.status.setText(self.tr("Nothing to bill in this period."))
        self._enable_actions()

    def _on_failed(self, exc: BaseException) -> None:
        self._show_error(error_text(exc))

    def _show_error(self, text: str) -> None:
        self.status.setStyleSheet(ERROR_STYLE)
        self.status.setText(text)

    def totals_text(self) -> str:
        """Net, VAT and gross of what is shown (summed over the clients when all are shown)."""
        net = sum((bill.net for bill in self.bills), Decimal("0.00"))
        vat = sum((bill.vat for bill in self.bills), Decimal("0.00"))
        gross = sum((bill.gross for bill in self.bills), Decimal("0.00"))
        rates = {bill.vat_percent for bill in self.bills}
        rate = quantity_text(rates.pop()) if len(rates) == 1 else "?"
        return (
            self.tr("Total without VAT: %1    VAT %2%: %3    Total with VAT: %4")
            .replace("%1", money_text(net))
            .replace("%2", rate)
            .replace("%3", money_text(vat))
            .replace("%4", money_text(gross))
        )

    def is_loaded(self) -> bool:
        """Whether the table shows the answer for the current choice."""
        return self._loaded_generation == self._generation

    def _enable_actions(self) -> None:
        has_lines = self.is_loaded() and any(bill.lines for bill in self.bills)
        self.csv_button.setEnabled(has_lines)
        self.xlsx_button.setEnabled(has_lines)
        self.act_button.setEnabled(self.is_loaded() and self.client_id() is not None and has_lines)

    # Exports and the act ---------------------------------------------------------------------------

    def export(self, kind: str) -> None:
        """Ask where, then write the lines shown as CSV or Excel off the GUI thread."""
        first, last = self.period()
        suggested = f"billing-{first:%Y%m%d}-{last:%Y%m%d}.{kind}"
        if kind == "csv":
            name, _ = QFileDialog.getSaveFileName(
                self, self.tr("Export billing as CSV"), suggested, self.tr("CSV files (*.csv)")
            )
        else:
            name, _ = QFileDialog.getSaveFileName(
                self, self.tr("Export billing to Excel"), suggested, self.tr("Excel workbooks (*.xlsx)")
            )
        if not name:
            return
        path = Path(name) if name.lower().endswith(f".{kind}") else Path(f"{name}.{kind}")
        bills = list(self.bills)
        writer = write_csv if kind == "csv" else write_xlsx
        self.status.setStyleSheet("")
        self.status.setText(self.tr("Writing %1…").replace("%1", str(path)))

        def work() -> Path:
            writer(bills, path, billing_text)
            return path

        run_in_background(work, self._on_exported, self._on_failed)

    def _on_exported(self, path: Path) -> None:
        self.status.setStyleSheet("")
        self.status.setText(self.tr("Written to %1.").replace("%1", str(path)))

    def open_act(self) -> None:
        """Make the client's act for the period off the GUI thread, then preview it."""
        client_id = self.client_id()
        if client_id is None:
            return
        db, (first, last) = self.db, self.period()
        self.act_button.setEnabled(False)

        user = self.user_id

        def work() -> WorkAct:
            with db.session() as session:
                return client_act(session, client_id, first, last, user_id=user)

        run_in_background(work, self._on_act, self._on_act_failed)

    def _on_act(self, act: WorkAct) -> None:
        self._enable_actions()
        self.preview = ActPreviewDialog(act, self)
        self.preview.show()

    def _on_act_failed(self, exc: BaseException) -> None:
        self._enable_actions()
        self._on_failed(exc)
