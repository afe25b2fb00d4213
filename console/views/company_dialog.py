"""The editor of our own company's details, which every work completion act and bill of the team prints.

Read and saved as every team setting is (see TeamSettingDialog): a refused detail is named right
under its field, and a save over someone else's newer change is refused with the input kept.
"""

from __future__ import annotations

from collections.abc import Callable
from decimal import Decimal

from PySide6.QtWidgets import QDoubleSpinBox, QFormLayout, QLineEdit, QPlainTextEdit, QVBoxLayout, QWidget

from console.services.company import (
    SETTING_KEY as COMPANY_KEY,
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
from console.views.team_setting_dialog import TeamSettingDialog


def _read_company(db: Database) -> StoredCompany:
    """The stored details with their version, in a read session of their own (runs on the pool)."""
    with db.session() as session:
        return load_stored_company(session)


class CompanyDialog(TeamSettingDialog):
    """Name, legal name, ИНН, КПП, address, bank details, VAT and signatory, saved for the whole team."""

    setting_key = COMPANY_KEY

    def __init__(self, db: Database, user_id: int | None, parent: QWidget | None = None) -> None:
        super().__init__(db, user_id, "company_message", parent)
        self.setObjectName("company_dialog")
        self.setWindowTitle(self.tr("Company details"))
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
        layout = QVBoxLayout(self)
        layout.addLayout(self.form)
        layout.addWidget(self.message)
        layout.addWidget(self.buttons)
        self.resize(560, self.sizeHint().height())
        self.load()

    def _add_field(self, name: str, label: str, editor: QWidget) -> None:
        """A form row: the editor with its (hidden) error label right under it."""
        editor.setObjectName(f"company_{name}")
        column = QVBoxLayout()
        column.setSpacing(1)
        column.addWidget(editor)
        column.addWidget(self.error_label(name))
        self.form.addRow(label, column)

    def reader(self) -> Callable[[], StoredCompany]:
        db = self.db
        return lambda: _read_company(db)

    def show_loaded(self, answer: StoredCompany) -> int:
        self.show_details(answer.details)
        return answer.version

    def writer(self, version: int) -> Callable[[], int]:
        details, db, user = self.edited_details(), self.db, self.user_id
        return lambda: save_company(db, details, version, user)

    def refused_field(self, exc: BaseException) -> str | None:
        return exc.field if isinstance(exc, CompanyRejected) else None

    def conflict_text(self, exc: BaseException) -> str | None:
        if isinstance(exc, CompanyConflict):
            return self.tr("Someone else changed the company details; reload to see them.")
        return None

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
