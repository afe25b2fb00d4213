"""The administrators' user list: who may sign in, in which role, with which password.

The list is read and each save is made off the GUI thread by services.users, which checks the
right and every field. A refused field is named in red right under it, and a save over someone
else's newer change of the user is refused; either way the dialog keeps what was typed, and Reload
shows the stored user. Users are disabled rather than deleted, so the audit log keeps naming them.
"""

from __future__ import annotations

from typing import TypeVar

from PySide6.QtCore import QModelIndex, Qt
from PySide6.QtGui import QColor
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from console.models.base import ROLES
from console.services.users import (
    MIN_PASSWORD,
    UserConflict,
    UserDraft,
    UserInfo,
    UserRecord,
    UserRejected,
    list_users,
    save_user,
)
from console.store.database import Database
from console.views.background import run_in_background
from console.views.equipment_tab import record_table
from console.views.errors_text import error_text
from console.views.field_errors import ERROR_STYLE, error_label
from console.views.labels import role_label
from console.views.record_model import Column, RecordTableModel

DISABLED_COLOUR = QColor("#6b7280")
Editor = TypeVar("Editor", bound=QWidget)


def _greyed(record: UserRecord) -> QColor | None:
    """Disabled users stay listed, greyed, since the log still names them."""
    return None if record.active else DISABLED_COLOUR


class UsersDialog(QDialog):
    """The users in a table on the left; the selected (or a new) user's form on the right."""

    def __init__(self, db: Database, user: UserInfo, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("users_dialog")
        self.setWindowTitle(self.tr("Users"))
        self.db = db
        self.user = user
        self.record_id: int | None = None
        """The user the form edits; None for a new one."""
        self.version = 0
        """The version of that user the form was filled from."""
        self._generation = 0
        self._wanted: int | None = None
        self.errors: dict[str, QLabel] = {}

        self.model = RecordTableModel(self._columns(), self)
        self.table = record_table(self, "users_table", self.model)
        self.table.selectionModel().currentRowChanged.connect(self._on_current)
        self.new_button = QPushButton(self.tr("&New user"))
        self.new_button.setObjectName("users_new")
        self.new_button.setAutoDefault(False)
        self.new_button.clicked.connect(self.new_user)
        left = QVBoxLayout()
        left.addWidget(self.table, 1)
        left.addWidget(self.new_button, 0, Qt.AlignmentFlag.AlignLeft)

        self.form_box = QGroupBox()
        self.form_box.setEnabled(False)
        self.form = QFormLayout(self.form_box)
        self.login = self._field("login", self.tr("&Login"), QLineEdit())
        self.full_name = self._field("full_name", self.tr("&Full name"), QLineEdit())
        self.role = self._field("role", self.tr("&Role"), QComboBox())
        for role in ROLES:
            self.role.addItem(role_label(role), role)
        self.email = self._field("email", self.tr("&Email"), QLineEdit())
        self.phone = self._field("phone", self.tr("P&hone"), QLineEdit())
        self.active = self._field("active", "", QCheckBox(self.tr("&Active (may sign in)")))
        self.password = self._field("password", self.tr("New &password"), QLineEdit())
        self.repeat = self._field("repeat", self.tr("Re&peat it"), QLineEdit())
        for edit in (self.password, self.repeat):
            edit.setEchoMode(QLineEdit.EchoMode.Password)
        self.message = QLabel()
        self.message.setObjectName("users_message")
        self.message.setWordWrap(True)
        self.form.addRow(self.message)
        self.reload_button = QPushButton(self.tr("&Reload"))
        self.reload_button.setObjectName("users_reload")
        self.reload_button.setAutoDefault(False)
        self.reload_button.clicked.connect(lambda: self.load(self.record_id))
        self.reload_button.hide()
        self.save_button = QPushButton(self.tr("&Save"))
        self.save_button.setObjectName("users_save")
        self.save_button.setDefault(True)
        self.save_button.clicked.connect(self.save)
        form_buttons = QHBoxLayout()
        form_buttons.addStretch(1)
        form_buttons.addWidget(self.reload_button)
        form_buttons.addWidget(self.save_button)
        self.form.addRow(form_buttons)

        close_button = QPushButton(self.tr("Close"))
        close_button.setAutoDefault(False)
        close_button.clicked.connect(self.reject)
        right = QVBoxLayout()
        right.addWidget(self.form_box)
        right.addStretch(1)
        right.addWidget(close_button, 0, Qt.AlignmentFlag.AlignRight)
        layout = QHBoxLayout(self)
        layout.addLayout(left, 3)
        layout.addLayout(right, 2)
        self.resize(1040, 520)
        self.load()

    def _columns(self) -> list[Column]:
        return [
            Column(self.tr("Login"), lambda r: r.login, colour=_greyed),
            Column(self.tr("Full name"), lambda r: r.full_name, colour=_greyed),
            Column(self.tr("Role"), lambda r: role_label(r.role), colour=_greyed),
            Column(
                self.tr("Active"), lambda r: self.tr("yes") if r.active else self.tr("no"), colour=_greyed
            ),
            Column(
                self.tr("Password"),
                lambda r: self.tr("set") if r.has_password else self.tr("none"),
                colour=_greyed,
            ),
        ]

    def _field(self, name: str, label: str, editor: Editor) -> Editor:
        """A form row: the editor with its (hidden) refusal label right under it."""
        editor.setObjectName(f"user_{name}")
        column = QVBoxLayout()
        column.setSpacing(1)
        column.addWidget(editor)
        self.errors[name] = error_label(name)
        column.addWidget(self.errors[name])
        buddy = QLabel(label)
        buddy.setBuddy(editor)
        self.form.addRow(buddy, column)
        return editor

    # The list --------------------------------------------------------------------------------------

    def load(self, select: int | None = None) -> None:
        """Read the users off the GUI thread, then select `select` (else the first user)."""
        self._generation += 1
        self._wanted = select
        generation, db, actor = self._generation, self.db, self.user.id
        self.reload_button.hide()
        self._say("")
        run_in_background(lambda: (generation, list_users(db, actor)), self._on_listed, self._on_failed)

    def _on_listed(self, answer: tuple[int, list[UserRecord]]) -> None:
        generation, users = answer
        if generation != self._generation:
            return
        self.model.set_rows(users)
        self.form_box.setEnabled(True)
        row = next((i for i, found in enumerate(users) if found.id == self._wanted), 0)
        if users:
            self.table.setCurrentIndex(self.model.index(row, 0))
        else:
            self.new_user()

    def _on_failed(self, exc: BaseException) -> None:
        self._say(error_text(exc), error=True)

    def _on_current(self, current: QModelIndex, _previous: QModelIndex) -> None:
        if current.isValid():
            self.show_record(self.model.record(current.row()))

    # The form --------------------------------------------------------------------------------------

    def show_record(self, record: UserRecord) -> None:
        """Fill the form with a stored user; the password fields stay empty (empty keeps it)."""
        self.record_id, self.version = record.id, record.version
        self.form_box.setTitle(self.tr("User %1").replace("%1", record.login))
        self._fill(record.login, record.full_name, record.role, record.email, record.phone, record.active)
        placeholder = self.tr("Leave empty to keep the current one")
        self.password.setPlaceholderText(placeholder if record.has_password else "")

    def new_user(self) -> None:
        """Clear the selection and the form for a user to be added."""
        self.table.selectionModel().clear()
        self.record_id, self.version = None, 0
        self.form_box.setTitle(self.tr("New user"))
        self._fill("", "", "dispatcher", None, None, True)
        self.password.setPlaceholderText(self.tr("At least %1 characters").replace("%1", str(MIN_PASSWORD)))
        self._say("")
        self.login.setFocus()

    def _fill(
        self, login: str, full_name: str, role: str, email: str | None, phone: str | None, active: bool
    ) -> None:
        self.login.setText(login)
        self.full_name.setText(full_name)
        self.role.setCurrentIndex(max(0, self.role.findData(role)))
        self.email.setText(email or "")
        self.phone.setText(phone or "")
        self.active.setChecked(active)
        self.password.clear()
        self.repeat.clear()
        self._clear_refusals()

    def draft(self) -> UserDraft:
        """The user as the form shows it; an empty password keeps the current one."""
        return UserDraft(
            login=self.login.text().strip(),
            full_name=self.full_name.text().strip(),
            role=str(self.role.currentData()),
            email=self.email.text().strip() or None,
            phone=self.phone.text().strip() or None,
            active=self.active.isChecked(),
            password=self.password.text() or None,
        )

    # Saving ----------------------------------------------------------------------------------------

    def save(self) -> None:
        """Save the form off the GUI thread, over the version it was filled from."""
        self._clear_refusals()
        self._say("")
        if self.password.text() != self.repeat.text():
            self._refuse("repeat", self.tr("The two passwords differ; type the same one twice."))
            return
        draft, db, actor = self.draft(), self.db, self.user.id
        record_id, version = self.record_id, self.version
        self.save_button.setEnabled(False)
        run_in_background(
            lambda: save_user(db, draft, user_id=actor, record_id=record_id, expected_version=version),
            self._on_saved,
            self._on_refused,
        )

    def _on_saved(self, record: UserRecord) -> None:
        self.save_button.setEnabled(True)
        self.load(record.id)
        self._say(self.tr("User %1 saved.").replace("%1", record.login))

    def _on_refused(self, exc: BaseException) -> None:
        self.save_button.setEnabled(True)
        if isinstance(exc, UserRejected) and exc.field in self.errors:
            self._refuse(exc.field, error_text(exc))
            return
        if isinstance(exc, UserConflict):
            self.reload_button.show()
        self._say(error_text(exc), error=True)

    def _refuse(self, field: str, text: str) -> None:
        self.errors[field].setText(text)
        self.errors[field].show()

    def _clear_refusals(self) -> None:
        for label in self.errors.values():
            label.hide()

    def _say(self, text: str, *, error: bool = False) -> None:
        self.message.setStyleSheet(ERROR_STYLE if error else "")
        self.message.setText(text)
        self.message.setVisible(bool(text))
