"""Signing in to the team's shared server: the database password if none is remembered, then the
person's own login and password.

The attempt runs on the thread pool (a server that does not answer takes seconds to give up), and
each refusal is shown under the field it concerns: the database password, the login or password,
or the server itself at the top. A server with no users yet turns the dialog into choosing its
first administrator. A database password that worked is kept in the system keyring when asked.
"""

from __future__ import annotations

from PySide6.QtWidgets import (
    QCheckBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QVBoxLayout,
    QWidget,
)
from sqlalchemy import URL

from console.services.server_sign_in import FirstAdminNeeded, SignedIn, SignInRequest, connect_and_sign_in
from console.services.users import SignInRefused, UserRejected
from console.store.credentials import account, forget_password, remember_password
from console.store.errors import DatabasePasswordRefused
from console.views.background import run_in_background
from console.views.errors_text import error_text
from console.views.field_errors import error_label


def _sign_in_and_keep(request: SignInRequest, *, keep: str | None, saved_used: bool) -> tuple[SignedIn, bool]:
    """Sign in, then keep the typed database password in the keyring (`keep`), or forget a remembered
    one the server refused; returns the sign-in and whether the keyring took what it was asked to keep.
    Runs on the pool with the sign-in, as a Secret Service that hangs must not freeze the dialog."""
    try:
        signed = connect_and_sign_in(request)
    except DatabasePasswordRefused:
        if saved_used:
            forget_password(request.url)
        raise
    return signed, remember_password(request.url, keep) if keep is not None else True


class LoginDialog(QDialog):
    """Accepted once signed in: `signed_in` then holds the open database and the user."""

    def __init__(
        self, url: URL, *, saved_db_password: str | None, login: str = "", parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Sign in to the dispatcher console"))
        self.setMinimumWidth(460)
        self.signed_in: SignedIn | None = None
        self.keyring_note: str | None = None
        self._url = url
        self._saved_db_password = saved_db_password
        self._first_admin = False

        self.server = QLabel(self.tr("Server: %1").replace("%1", account(url)))
        self.server.setWordWrap(True)
        self.general_error = error_label("general")
        self.intro = QLabel()
        self.intro.setWordWrap(True)
        self.intro.hide()

        self.db_password = QLineEdit()
        self.db_password.setObjectName("db_password")
        self.db_password.setEchoMode(QLineEdit.EchoMode.Password)
        self.remember = QCheckBox(self.tr("Remember in the system keyring"))
        self.remember.setChecked(True)
        self.db_password_error = error_label("db_password")
        self.login = QLineEdit(login)
        self.login.setObjectName("login")
        self.login_error = error_label("login")
        self.full_name = QLineEdit()
        self.full_name.setObjectName("full_name")
        self.full_name_error = error_label("full_name")
        self.password = QLineEdit()
        self.password.setObjectName("password")
        self.password.setEchoMode(QLineEdit.EchoMode.Password)
        self.password_error = error_label("password")
        self.repeat = QLineEdit()
        self.repeat.setObjectName("repeat")
        self.repeat.setEchoMode(QLineEdit.EchoMode.Password)
        self.repeat_error = error_label("repeat")

        self.form = QFormLayout()
        self.form.addRow(self.tr("Database &password:"), self.db_password)
        self.form.addRow("", self.remember)
        self.form.addRow("", self.db_password_error)
        self.form.addRow(self.tr("&Login:"), self.login)
        self.form.addRow("", self.login_error)
        self.form.addRow(self.tr("&Full name:"), self.full_name)
        self.form.addRow("", self.full_name_error)
        self.form.addRow(self.tr("Pass&word:"), self.password)
        self.form.addRow("", self.password_error)
        self.form.addRow(self.tr("&Repeat the password:"), self.repeat)
        self.form.addRow("", self.repeat_error)

        self.busy = QLabel(self.tr("Connecting..."))
        self.busy.hide()
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        self.sign_in_button = self.buttons.button(QDialogButtonBox.StandardButton.Ok)
        self.sign_in_button.setText(self.tr("&Sign in"))
        self.buttons.accepted.connect(self.attempt)
        self.buttons.rejected.connect(self.reject)

        layout = QVBoxLayout(self)
        layout.addWidget(self.server)
        layout.addWidget(self.intro)
        layout.addWidget(self.general_error)
        layout.addLayout(self.form)
        layout.addWidget(self.busy)
        layout.addWidget(self.buttons)
        self._show_db_password(saved_db_password is None and url.password is None)
        self._show_first_admin(False)
        if not self.db_password.isHidden():
            self.db_password.setFocus()
        else:
            (self.password if self.login.text() else self.login).setFocus()

    def _show_db_password(self, shown: bool) -> None:
        self.form.setRowVisible(self.db_password, shown)
        self.form.setRowVisible(self.remember, shown)

    def _show_first_admin(self, shown: bool) -> None:
        self._first_admin = shown
        self.form.setRowVisible(self.full_name, shown)
        self.form.setRowVisible(self.repeat, shown)
        self.intro.setVisible(shown)
        self.sign_in_button.setText(self.tr("&Create and sign in") if shown else self.tr("&Sign in"))

    def _clear_errors(self) -> None:
        for label in (
            self.general_error,
            self.db_password_error,
            self.login_error,
            self.full_name_error,
            self.password_error,
            self.repeat_error,
        ):
            label.hide()

    def _refuse(self, label: QLabel, text: str, field: QLineEdit | None = None) -> None:
        label.setText(text)
        label.setVisible(True)
        if field is not None:
            field.setFocus()
            field.selectAll()

    def _db_password_value(self) -> str | None:
        if not self.db_password.isHidden():
            return self.db_password.text() or None
        return self._saved_db_password

    def attempt(self) -> None:
        """Connect and sign in on the thread pool with what the form holds."""
        self._clear_errors()
        if not self.login.text().strip():
            self._refuse(self.login_error, self.tr("Type your login."), self.login)
            return
        if self._first_admin and self.password.text() != self.repeat.text():
            self._refuse(self.repeat_error, self.tr("The two passwords differ."), self.repeat)
            return
        request = SignInRequest(
            url=self._url,
            db_password=self._db_password_value(),
            login=self.login.text().strip(),
            password=self.password.text(),
            first_admin_name=self.full_name.text() if self._first_admin else None,
        )
        typed = self.db_password.text()
        keep = typed if not self.db_password.isHidden() and typed and self.remember.isChecked() else None
        saved_used = self.db_password.isHidden()
        self._set_busy(True)
        run_in_background(
            lambda: _sign_in_and_keep(request, keep=keep, saved_used=saved_used),
            self._on_signed_in,
            self._on_refused,
        )

    def _set_busy(self, busy: bool) -> None:
        self.busy.setVisible(busy)
        self.sign_in_button.setEnabled(not busy)
        for field in (
            self.db_password,
            self.remember,
            self.login,
            self.full_name,
            self.password,
            self.repeat,
        ):
            field.setEnabled(not busy)

    def _on_signed_in(self, outcome: tuple[SignedIn, bool]) -> None:
        self._set_busy(False)
        signed, kept = outcome
        if not kept:
            self.keyring_note = self.tr(
                "No system keyring could keep the database password; you will be asked for it again."
            )
        self.signed_in = signed
        self.accept()

    def _on_refused(self, exc: BaseException) -> None:
        self._set_busy(False)
        if isinstance(exc, FirstAdminNeeded):
            self._show_first_admin(True)
            self.intro.setText(error_text(exc))
            self.full_name.setFocus()
        elif isinstance(exc, DatabasePasswordRefused):
            if self.db_password.isHidden():
                self._saved_db_password = None
                self._show_db_password(True)
            self._refuse(self.db_password_error, error_text(exc), self.db_password)
        elif isinstance(exc, SignInRefused):
            self.password.clear()
            self._refuse(self.password_error, error_text(exc), self.password)
        elif isinstance(exc, UserRejected):
            fields = {
                "login": (self.login_error, self.login),
                "full_name": (self.full_name_error, self.full_name),
                "password": (self.password_error, self.password),
            }
            label, field = fields.get(exc.field, (self.general_error, None))
            self._refuse(label, error_text(exc), field)
        else:
            self._refuse(self.general_error, error_text(exc))
