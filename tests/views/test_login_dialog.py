"""Signing in to a shared PostgreSQL server through the real dialog: first administrator, wrong and
right passwords, an unreachable server, and the database password kept in (or refused by) the keyring."""

from __future__ import annotations

import socket
import threading
import uuid
from collections.abc import Iterator

import keyring
import pytest
from keyring.backend import KeyringBackend
from keyring.errors import KeyringError, PasswordDeleteError
from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import QDialog
from pytestqt.qtbot import QtBot
from sqlalchemy import URL, make_url

from console.services import server_sign_in
from console.services.users import UserDraft, create_first_admin
from console.store.credentials import account, saved_password
from console.store.database import open_database
from console.store.errors import DatabasePasswordRefused
from console.views.background import wait_for_background
from console.views.login_dialog import LoginDialog
from tests import pg_server


class MemoryKeyring(KeyringBackend):
    priority = 1  # type: ignore[assignment]

    def __init__(self) -> None:
        super().__init__()
        self.entries: dict[tuple[str, str], str] = {}

    def get_password(self, service: str, username: str) -> str | None:
        return self.entries.get((service, username))

    def set_password(self, service: str, username: str, password: str) -> None:
        self.entries[(service, username)] = password

    def delete_password(self, service: str, username: str) -> None:
        if self.entries.pop((service, username), None) is None:
            raise PasswordDeleteError(username)


class BrokenKeyring(MemoryKeyring):
    def set_password(self, service: str, username: str, password: str) -> None:
        raise KeyringError("locked")


@pytest.fixture
def memory_keyring() -> Iterator[MemoryKeyring]:
    previous = keyring.get_keyring()
    store = MemoryKeyring()
    keyring.set_keyring(store)
    yield store
    keyring.set_keyring(previous)


@pytest.fixture
def server_db(pg_url: str) -> URL:
    return make_url(pg_server.create_database(pg_url, f"login_{uuid.uuid4().hex[:10]}"))


def _dialog(qtbot: QtBot, url: URL, saved: str | None = "x") -> LoginDialog:
    dialog = LoginDialog(url, saved_db_password=saved)
    qtbot.addWidget(dialog)
    dialog.show()
    return dialog


def _submit(qtbot: QtBot, dialog: LoginDialog) -> None:
    qtbot.mouseClick(dialog.sign_in_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: dialog.sign_in_button.isEnabled(), timeout=15_000)


def _seed_admin(url: URL) -> None:
    db = open_database(url.render_as_string(hide_password=False))
    create_first_admin(db, UserDraft("olga", "Olga Admin", "admin", password="right password"))
    db.dispose()


def test_the_first_person_on_an_empty_server_makes_the_administrator(qtbot: QtBot, server_db: URL) -> None:
    dialog = _dialog(qtbot, server_db)
    assert dialog.full_name.isHidden() and dialog.db_password.isHidden()
    qtbot.keyClicks(dialog.login, "olga")
    qtbot.keyClicks(dialog.password, "right password")
    _submit(qtbot, dialog)
    assert dialog.isVisible() and "no users yet" in dialog.intro.text()
    assert not dialog.full_name.isHidden() and not dialog.repeat.isHidden()
    qtbot.keyClicks(dialog.full_name, "Olga Admin")
    qtbot.keyClicks(dialog.repeat, "wrong repeat")
    qtbot.mouseClick(dialog.sign_in_button, Qt.MouseButton.LeftButton)
    assert dialog.repeat_error.isVisible() and dialog.isVisible()
    dialog.repeat.clear()
    qtbot.keyClicks(dialog.repeat, "right password")
    with qtbot.waitSignal(dialog.finished, timeout=15_000):
        qtbot.mouseClick(dialog.sign_in_button, Qt.MouseButton.LeftButton)
    assert dialog.result() == QDialog.DialogCode.Accepted and dialog.signed_in is not None
    assert dialog.signed_in.user.role == "admin" and dialog.signed_in.user.login == "olga"
    assert dialog.signed_in.db.acting_user_id == dialog.signed_in.user.id
    dialog.signed_in.db.dispose()


def test_a_wrong_password_is_told_under_the_field_and_the_right_one_signs_in(
    qtbot: QtBot, server_db: URL
) -> None:
    _seed_admin(server_db)
    dialog = _dialog(qtbot, server_db)
    qtbot.keyClicks(dialog.login, "olga")
    qtbot.keyClicks(dialog.password, "wrong password")
    _submit(qtbot, dialog)
    assert dialog.password_error.isVisible() and "wrong" in dialog.password_error.text()
    assert dialog.isVisible() and dialog.login.text() == "olga" and dialog.password.text() == ""
    qtbot.keyClicks(dialog.password, "right password")
    with qtbot.waitSignal(dialog.finished, timeout=15_000):
        qtbot.mouseClick(dialog.sign_in_button, Qt.MouseButton.LeftButton)
    assert dialog.signed_in is not None and dialog.signed_in.user.full_name == "Olga Admin"
    dialog.signed_in.db.dispose()


def test_an_unreachable_server_is_reported_and_the_input_kept(qtbot: QtBot) -> None:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    dialog = _dialog(qtbot, make_url(f"postgresql+psycopg://console@127.0.0.1:{port}/team"))
    qtbot.keyClicks(dialog.login, "olga")
    qtbot.keyClicks(dialog.password, "right password")
    _submit(qtbot, dialog)
    assert dialog.general_error.isVisible() and "Cannot open the database" in dialog.general_error.text()
    assert dialog.isVisible() and dialog.password.text() == "right password"


def test_a_typed_database_password_is_kept_in_the_keyring(
    qtbot: QtBot, server_db: URL, memory_keyring: MemoryKeyring
) -> None:
    _seed_admin(server_db)
    dialog = _dialog(qtbot, server_db, saved=None)
    assert not dialog.db_password.isHidden() and dialog.remember.isChecked()
    qtbot.keyClicks(dialog.db_password, "db secret")
    qtbot.keyClicks(dialog.login, "olga")
    qtbot.keyClicks(dialog.password, "right password")
    with qtbot.waitSignal(dialog.finished, timeout=15_000):
        qtbot.mouseClick(dialog.sign_in_button, Qt.MouseButton.LeftButton)
    assert saved_password(server_db) == "db secret"
    assert memory_keyring.entries == {("dispatch-console", account(server_db)): "db secret"}
    assert dialog.keyring_note is None
    assert dialog.signed_in is not None
    dialog.signed_in.db.dispose()


class SlowKeyring(MemoryKeyring):
    """A Secret Service that takes its time: storing waits until the test lets it go."""

    def __init__(self) -> None:
        super().__init__()
        self.entered = threading.Event()
        self.release = threading.Event()

    def set_password(self, service: str, username: str, password: str) -> None:
        self.entered.set()
        self.release.wait(timeout=20)
        super().set_password(service, username, password)


def test_a_slow_keyring_does_not_freeze_the_dialog(qtbot: QtBot, server_db: URL) -> None:
    _seed_admin(server_db)
    store = SlowKeyring()
    previous = keyring.get_keyring()
    keyring.set_keyring(store)
    try:
        dialog = _dialog(qtbot, server_db, saved=None)
        qtbot.keyClicks(dialog.db_password, "db secret")
        qtbot.keyClicks(dialog.login, "olga")
        qtbot.keyClicks(dialog.password, "right password")
        qtbot.mouseClick(dialog.sign_in_button, Qt.MouseButton.LeftButton)
        qtbot.waitUntil(store.entered.is_set, timeout=15_000)
        ticks: list[int] = []
        QTimer.singleShot(0, lambda: ticks.append(1))
        qtbot.waitUntil(lambda: bool(ticks), timeout=2_000)
        assert dialog.busy.isVisible() and dialog.result() == 0
        with qtbot.waitSignal(dialog.finished, timeout=15_000):
            store.release.set()
    finally:
        store.release.set()
        keyring.set_keyring(previous)
    assert store.entries == {("dispatch-console", account(server_db)): "db secret"}
    assert dialog.signed_in is not None
    dialog.signed_in.db.dispose()


def test_no_usable_keyring_is_told_and_nothing_is_written_elsewhere(qtbot: QtBot, server_db: URL) -> None:
    _seed_admin(server_db)
    previous = keyring.get_keyring()
    keyring.set_keyring(BrokenKeyring())
    try:
        dialog = _dialog(qtbot, server_db, saved=None)
        qtbot.keyClicks(dialog.db_password, "db secret")
        qtbot.keyClicks(dialog.login, "olga")
        qtbot.keyClicks(dialog.password, "right password")
        with qtbot.waitSignal(dialog.finished, timeout=15_000):
            qtbot.mouseClick(dialog.sign_in_button, Qt.MouseButton.LeftButton)
    finally:
        keyring.set_keyring(previous)
    assert dialog.keyring_note is not None and "keyring" in dialog.keyring_note
    assert dialog.signed_in is not None
    dialog.signed_in.db.dispose()


def test_a_remembered_password_the_server_refuses_is_forgotten_and_asked_for(
    qtbot: QtBot, memory_keyring: MemoryKeyring, monkeypatch: pytest.MonkeyPatch
) -> None:
    url = make_url("postgresql+psycopg://console@db.example:5432/team")
    memory_keyring.set_password("dispatch-console", account(url), "old secret")

    def refuse(request: server_sign_in.SignInRequest) -> server_sign_in.SignedIn:
        raise DatabasePasswordRefused(request.url.username or "")

    monkeypatch.setattr("console.views.login_dialog.connect_and_sign_in", refuse)
    dialog = _dialog(qtbot, url, saved="old secret")
    assert dialog.db_password.isHidden()
    qtbot.keyClicks(dialog.login, "olga")
    qtbot.keyClicks(dialog.password, "right password")
    _submit(qtbot, dialog)
    assert wait_for_background(5_000)
    assert not dialog.db_password.isHidden() and dialog.db_password_error.isVisible()
    assert "refused the password of its user console" in dialog.db_password_error.text()
    assert memory_keyring.entries == {}
