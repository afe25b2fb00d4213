"""What every editor of a team setting does alike (dispatch rules, company details).

The stored value is read and saved off the GUI thread, saved over the version the form was loaded
from. A refused value is named under its field, and a save over someone else's newer change is
refused, naming who saved in between and what they changed; either way the dialog stays open with
what was typed, and Reload shows the stored value.
Subclasses build the form and say how to read, show, collect and store their value.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QDialog, QDialogButtonBox, QLabel, QPushButton, QWidget

from console.store.database import Database
from console.views.background import run_in_background
from console.views.errors_text import error_text
from console.views.field_errors import ERROR_STYLE, error_label
from console.views.other_change import show_other_change


class TeamSettingDialog(QDialog):
    saved = Signal(int)
    """The new version of the stored setting."""
    setting_key = ""
    """The team setting's key in `shared_settings`, set by each subclass."""

    def __init__(
        self,
        db: Database,
        user_id: int | None,
        message_name: str,
        parent: QWidget | None = None,
        extra_buttons: QDialogButtonBox.StandardButton = QDialogButtonBox.StandardButton.NoButton,
    ) -> None:
        super().__init__(parent)
        self.db = db
        self.user_id = user_id
        self.version: int | None = None
        """The version the form was loaded from; None until the first load answers."""
        self.errors: dict[str, QLabel] = {}
        self.message = QLabel()
        self.message.setObjectName(message_name)
        self.message.setWordWrap(True)
        self.message.setStyleSheet(ERROR_STYLE)
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel | extra_buttons
        )
        self.buttons.accepted.connect(self.save)
        self.buttons.rejected.connect(self.reject)
        self.reload_button = QPushButton(self.tr("Reload"))
        self.reload_button.clicked.connect(self.load)
        self.buttons.addButton(self.reload_button, QDialogButtonBox.ButtonRole.ResetRole)
        self.save_button = self.buttons.button(QDialogButtonBox.StandardButton.Save)
        self.save_button.setEnabled(False)

    def error_label(self, name: str) -> QLabel:
        """A hidden label for the refusal of field `name`, kept in `errors`."""
        label = self.errors[name] = error_label(name)
        return label

    # What a subclass says -----------------------------------------------------------------------------

    def reader(self) -> Callable[[], Any]:
        """The work that reads the stored value (run on the pool)."""
        raise NotImplementedError

    def show_loaded(self, answer: Any) -> int:
        """Show what `reader` read; returns the version it was stored at."""
        raise NotImplementedError

    def writer(self, version: int) -> Callable[[], int]:
        """The work that stores the form's value over `version` (run on the pool); returns the new version."""
        raise NotImplementedError

    def refused_field(self, exc: BaseException) -> str | None:
        """The field a refusal names, if it is one of the form's."""
        raise NotImplementedError

    def conflict_text(self, exc: BaseException) -> str | None:
        """What to say when `exc` is a save over a newer version; None for any other error."""
        raise NotImplementedError

    # The shared flow ---------------------------------------------------------------------------------

    def load(self) -> None:
        """Read the stored value; the form (and Save) waits for the answer."""
        self.message.clear()
        run_in_background(self.reader(), self._on_loaded, self._on_failed)

    def _on_loaded(self, answer: Any) -> None:
        self.version = self.show_loaded(answer)
        self.save_button.setEnabled(True)

    def _on_failed(self, exc: BaseException) -> None:
        self.message.setText(error_text(exc))

    def save(self) -> None:
        """Store the form's value over the version it was loaded from (refused if that is stale)."""
        if self.version is None:
            return
        work = self.writer(self.version)
        for label in self.errors.values():
            label.hide()
        self.message.clear()
        self.save_button.setEnabled(False)
        run_in_background(work, self._on_saved, self._on_refused)

    def _on_saved(self, version: int) -> None:
        self.version = version
        self.saved.emit(version)
        self.accept()

    def _on_refused(self, exc: BaseException) -> None:
        self.save_button.setEnabled(True)
        field = self.refused_field(exc)
        if field is not None and field in self.errors:
            self.errors[field].setText(error_text(exc))
            self.errors[field].show()
            return
        conflict = self.conflict_text(exc)
        self.message.setText(conflict or error_text(exc))
        if conflict is not None:
            show_other_change(
                self.db,
                self.user_id,
                "shared_settings",
                self.setting_key,
                lambda text: self.message.setText(f"{conflict}\n{text}"),
            )
