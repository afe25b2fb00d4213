"""Changing one's own password through the real dialog: refusals under their fields, then success."""

from __future__ import annotations

import pytest
from PySide6.QtWidgets import QDialog
from pytestqt.qtbot import QtBot

from console.services.users import SignInRefused, UserDraft, create_first_admin, sign_in
from console.store.database import Database
from console.views.password_dialog import PasswordDialog


def _dialog(qtbot: QtBot, db: Database) -> PasswordDialog:
    admin = create_first_admin(db, UserDraft("olga", "Olga Admin", "admin", password="old password"))
    dialog = PasswordDialog(db, admin.id)
    qtbot.addWidget(dialog)
    dialog.show()
    return dialog


def _fill(qtbot: QtBot, dialog: PasswordDialog, current: str, new: str, repeat: str) -> None:
    for field, text in ((dialog.current, current), (dialog.new, new), (dialog.repeat, repeat)):
        field.clear()
        qtbot.keyClicks(field, text)


def test_refusals_are_shown_under_their_fields_then_the_password_changes(
    qtbot: QtBot, sqlite_db: Database
) -> None:
    dialog = _dialog(qtbot, sqlite_db)
    _fill(qtbot, dialog, "old password", "new password", "other password")
    dialog.save()
    assert dialog.errors["repeat"].isVisible() and dialog.isVisible()

    _fill(qtbot, dialog, "wrong password", "new password", "new password")
    dialog.save()
    qtbot.waitUntil(lambda: dialog.errors["current"].isVisible(), timeout=10_000)
    assert "current password is wrong" in dialog.errors["current"].text()

    _fill(qtbot, dialog, "old password", "short", "short")
    dialog.save()
    qtbot.waitUntil(lambda: dialog.errors["new"].isVisible(), timeout=10_000)
    assert "at least 8 characters" in dialog.errors["new"].text()

    _fill(qtbot, dialog, "old password", "new password", "new password")
    with qtbot.waitSignal(dialog.finished, timeout=10_000):
        dialog.save()
    assert dialog.result() == QDialog.DialogCode.Accepted
    assert sign_in(sqlite_db, "olga", "new password").login == "olga"
    with pytest.raises(SignInRefused):
        sign_in(sqlite_db, "olga", "old password")
