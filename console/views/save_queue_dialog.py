"""Asking for the name of a new saved queue, with a refusal shown under the name field."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtWidgets import QDialog, QDialogButtonBox, QFormLayout, QLabel, QLineEdit, QWidget

from console.services.queues import Queue
from console.services.saved_queues import NAME_MAX
from console.views.background import run_in_background
from console.views.errors_text import error_text


class SaveQueueDialog(QDialog):
    """Saves on the thread pool; on success `saved` is called with the new queue and the dialog closes."""

    def __init__(
        self, save: Callable[[str], Queue], saved: Callable[[Queue], None], parent: QWidget | None = None
    ):
        super().__init__(parent)
        self.setObjectName("save_queue_dialog")
        self.setWindowTitle(self.tr("Save as queue"))
        self._save = save
        self._saved = saved
        self.name = QLineEdit(self)
        self.name.setObjectName("queue_name")
        self.name.setMaxLength(NAME_MAX + 1)
        self.name.setPlaceholderText(self.tr("e.g. Elevators, Moscow, critical"))
        self.error = QLabel(self)
        self.error.setObjectName("queue_name_error")
        self.error.setStyleSheet("color: #c92a2a;")
        self.error.hide()
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel, self
        )
        buttons.accepted.connect(self._on_save)
        buttons.rejected.connect(self.reject)
        self.buttons = buttons
        form = QFormLayout(self)
        form.addRow(self.tr("Queue name:"), self.name)
        form.addRow("", self.error)
        form.addRow(buttons)

    def _on_save(self) -> None:
        self.buttons.setEnabled(False)
        name, save = self.name.text(), self._save
        run_in_background(lambda: save(name), self._on_saved, self._on_refused)

    def _on_saved(self, queue: Queue) -> None:
        self._saved(queue)
        self.accept()

    def _on_refused(self, exc: BaseException) -> None:
        self.buttons.setEnabled(True)
        self.error.setText(error_text(exc))
        self.error.show()
        self.name.setFocus()
