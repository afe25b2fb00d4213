"""How a form names a refused value: a red label right under the field, hidden until a refusal."""

from __future__ import annotations

from PySide6.QtWidgets import QLabel

ERROR_STYLE = "color: #b91c1c;"


def error_label(name: str) -> QLabel:
    """A hidden, word-wrapped red label for the refusal of field `name` (object name "error_<name>")."""
    label = QLabel()
    label.setObjectName(f"error_{name}")
    label.setStyleSheet(ERROR_STYLE)
    label.setWordWrap(True)
    label.hide()
    return label
