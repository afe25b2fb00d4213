"""Changing one's own password on a shared server: the current one, then the new one twice."""

from __future__ import annotations

from PySide6.QtWidgets import QDialog, QDialogButtonBox, QFormLayout, QLabel, QLineEdit, QVBoxLayout, QWidget

from console.services.users import MIN_PASSWORD, UserRejected, change_own_password
from console.store.database import Database
from console.views.background import run_in_background
from console.views.errors_text import error_text
from console.views.field_errors import error_label


class PasswordDialog(QDialog):
    """Accepted once the new password is stored; a refusal is shown under its field."""

    def __init__(self, db: Database, user_id: int, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("password_dialog")
        self.setWindowTitle(self.tr("Change my password"))
        self._db = db
        self._user_id = user_id
        self.current = self._secret("current")
        self.new = self._secret("new")
        self.repeat = self._secret("repeat")
        self.errors = {name: error_label(name) for name in ("current", "new", "repeat", "general")}
        form = QFormLayout()
        form.addRow(self._buddy(self.tr("&Current password:"), self.current), self.current)
        form.addRow("", self.errors["current"])
        form.addRow(self._buddy(self.tr("&New password:"), self.new), self.new)
        form.addRow("", self.errors["new"])
        form.addRow(self._buddy(self.tr("&Repeat it:"), self.repeat), self.repeat)
        form.addRow("", self.errors["repeat"])
        hint = QLabel(self.tr("At least %1 characters.").replace("%1", str(MIN_PASSWORD)))
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        self.buttons.accepted.connect(self.save)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(hint)
        layout.addWidget(self.errors["general"])
        layout.addWidget(self.buttons)

    def _secret(self, name: str) -> QLineEdit:
        field = QLineEdit(self)
        field.setObjectName(f"password_{name}")
        field.setEchoMode(QLineEdit.EchoMode.Password)
        return field

    def _buddy(self, text: str, field: QLineEdit) -> QLabel:
        label = QLabel(text, self)
        label.setBuddy(field)
        return label

    def _refuse(self, name: str, text: str) -> None:
        self.errors[name].setText(text)
        self.errors[name].show()

    def save(self) -> None:
        """Store the new password off the GUI thread, after checking the two copies agree."""
        for label in self.errors.values():
            label.hide()
        if self.new.text() != self.repeat.text():
            self._refuse("repeat", self.tr("The two new passwords differ."))
            return
        db, user_id, current, new = self._db, self._user_id, self.current.text(), self.new.text()
        self.buttons.setEnabled(False)
        run_in_background(
            lambda: change_own_password(db, user_id, current, new), self._on_saved, self._on_refused
        )

    def _on_saved(self, _result: object) -> None:
        self.buttons.setEnabled(True)
        self.accept()

    def _on_refused(self, exc: BaseException) -> None:
        self.buttons.setEnabled(True)
        field = exc.field if isinstance(exc, UserRejected) else ""
        self._refuse({"current": "current", "password": "new"}.get(field, "general"), error_text(exc))
