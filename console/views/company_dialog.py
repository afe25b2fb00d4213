"""The editor of our own company's details, which every work completion act and bill of the team prints.

The details are read and saved off the GUI thread. A refused detail is named right under its field,
and a save over someone else's newer change is refused; in both cases the dialog stays open with what
was typed, and Reload shows the stored details.
"""

from __future__ import annotations

from decimal import Decimal

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QDoubleSpinBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from console.services.company import (
    CompanyConflict,
    CompanyDetails,
    CompanyRejected,
    StoredCompany,
    load_stored_company,
    save_company,
)
from console.store.database import Database
from console.views.background import run_in_background
from console.views.errors_text import error_text

ERROR_STYLE = "color: #b91c1c;"


def _read_company(db: Database) -> StoredCompany:
    """The stored details with their version, in a read session of their own (runs on the pool)."""
    with db.session() as session:
        return load_stored_company(session)


class CompanyDialog(QDialog):
    """Name, legal name, ИНН, КПП, address, bank details, VAT and signatory, saved for the whole team."""

    saved = Signal(int)
    """The new version of the stored details."""

    def __init__(self, db: Database, user_id: int | None, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("company_dialog")
        self.setWindowTitle(self.tr("Company details"))
        self.db = db
        self.user_id = user_id
        self.version: int | None = None
        """The version the form was loaded from; None until the first load answers."""
        self.errors: dict[str, QLabel] = {}
        self.name = QLineEdit()
        self.legal_name = QLineEdit()
        self.tax_number = QLineEdit()
        self.registration_code = QLineEdit()
        self.address = QLineEdit()
        self.bank_details = QPlainTextEdit()
        self.bank_details.setTabChangesFocus(True)
        self.bank_details.setFixedHeight(self.bank_details.fontMetrics().lineSpacing() * 4 + 12)
        self.vat = QDoubleSpinBox()
        self.vat.setRange(0, 100)
        self.vat.setDecimals(2)
        self.vat.setSuffix(self.tr(" %"))
        self.signatory = QLineEdit()
        self.signatory.setPlaceholderText(self.tr("Position and name, as printed on acts"))
        self.form = QFormLayout()
        self._add_field("name", self.tr("Name"), self.name)
        self._add_field("legal_name", self.tr("Legal name"), self.legal_name)
        self._add_field("tax_number", self.tr("Tax number (INN)"), self.tax_number)
        self._add_field("registration_code", self.tr("Registration code (KPP)"), self.registration_code)
        self._add_field("address", self.tr("Address"), self.address)
        self._add_field("bank_details", self.tr("Bank details"), self.bank_details)
        self._add_field("vat_percent", self.tr("VAT"), self.vat)
        self._add_field("signatory", self.tr("Signatory"), self.signatory)
        self.message = QLabel()
        self.message.setObjectName("company_message")
        self.message.setWordWrap(True)
        self.message.setStyleSheet(ERROR_STYLE)
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel
        )
        self.buttons.accepted.connect(self.save)
        self.buttons.rejected.connect(self.reject)
        self.reload_button = QPushButton(self.tr("Reload"))
        self.reload_button.clicked.connect(self.load)
        self.buttons.addButton(self.reload_button, QDialogButtonBox.ButtonRole.ResetRole)
        self.save_button = self.buttons.button(QDialogButtonBox.StandardButton.Save)
        self.save_button.setEnabled(False)
        layout = QVBoxLayout(self)
        layout.addLayout(self.form)
        layout.addWidget(self.message)
        layout.addWidget(self.buttons)
        self.resize(560, self.sizeHint().height())
        self.load()

    def _add_field(self, name: str, label: str, editor: QWidget) -> None:
        """A form row: the editor with its (hidden) error label right under it."""
        editor.setObjectName(f"company_{name}")
        error = QLabel()
        error.setObjectName(f"error_{name}")
        error.setStyleSheet(ERROR_STYLE)
        error.setWordWrap(True)
        error.hide()
        self.errors[name] = error
        column = QVBoxLayout()
        column.setSpacing(1)
        column.addWidget(editor)
        column.addWidget(error)
        self.form.addRow(label, column)

    # Loading and saving ----------------------------------------------------------------------------------

    def load(self) -> None:
        """Read the stored details; the form (and Save) waits for the answer."""
        db = self.db
        self.message.clear()
        run_in_background(lambda: _read_company(db), self._on_loaded, self._on_failed)

    def _on_loaded(self, stored: StoredCompany) -> None:
        self.version = stored.version
        self.show_details(stored.details)
        self.save_button.setEnabled(True)

    def _on_failed(self, exc: BaseException) -> None:
        self.message.setText(error_text(exc))

    def show_details(self, details: CompanyDetails) -> None:
        """Fill the form with `details`, clearing any earlier refusal."""
        self.name.setText(details.name)
        self.legal_name.setText(details.legal_name)
        self.tax_number.setText(details.tax_number)
        self.registration_code.setText(details.registration_code)
        self.address.setText(details.address)
        self.bank_details.setPlainText(details.bank_details)
        self.vat.setValue(float(details.vat_percent))
        self.signatory.setText(details.signatory)
        for label in self.errors.values():
            label.hide()

    def edited_details(self) -> CompanyDetails:
        """The details as the form shows them, text trimmed; VAT to the spin box's two decimals."""
        return CompanyDetails(
            name=self.name.text().strip(),
            legal_name=self.legal_name.text().strip(),
            tax_number=self.tax_number.text().strip(),
            registration_code=self.registration_code.text().strip(),
            address=self.address.text().strip(),
            bank_details=self.bank_details.toPlainText().strip(),
            vat_percent=Decimal(f"{self.vat.value():.2f}"),
            signatory=self.signatory.text().strip(),
        )

    def save(self) -> None:
        """Store the form's details over the version it was loaded from (refused if that is stale)."""
        if self.version is None:
            return
        details, db, version, user = self.edited_details(), self.db, self.version, self.user_id
        for label in self.errors.values():
            label.hide()
        self.message.clear()
        self.save_button.setEnabled(False)
        run_in_background(lambda: save_company(db, details, version, user), self._on_saved, self._on_refused)

    def _on_saved(self, version: int) -> None:
        self.version = version
        self.saved.emit(version)
        self.accept()

    def _on_refused(self, exc: BaseException) -> None:
        self.save_button.setEnabled(True)
        if isinstance(exc, CompanyRejected) and exc.field in self.errors:
            self.errors[exc.field].setText(error_text(exc))
            self.errors[exc.field].show()
            return
        if isinstance(exc, CompanyConflict):
            self.message.setText(self.tr("Someone else changed the company details; reload to see them."))
            return
        self.message.setText(error_text(exc))
