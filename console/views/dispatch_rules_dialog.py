"""The supervisor's editor of the team's dispatch rules: every weight with what it means.

The rules are read and saved off the GUI thread; a value out of range is named next to its field, and
a save over someone else's newer change is refused (the form keeps what was typed, and Reload shows
the stored rules).
"""

from __future__ import annotations

from dataclasses import fields, replace
from typing import Any

from PySide6.QtCore import QCoreApplication, Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QDialog,
    QDialogButtonBox,
    QDoubleSpinBox,
    QFormLayout,
    QLabel,
    QPushButton,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from console.services.dispatch_rules import (
    DispatchRules,
    RulesConflict,
    RulesRejected,
    StoredRules,
    limit,
    load_rules,
    save_rules,
)
from console.services.pick_lists import Choice, tier_choices
from console.store.database import Database
from console.views.background import run_in_background
from console.views.errors_text import error_text

Editor = QSpinBox | QDoubleSpinBox | QCheckBox


def _rule_text(text: str) -> str:
    return QCoreApplication.translate("dispatch_rules", text)


class DispatchRulesDialog(QDialog):
    saved = Signal(int)
    """The new version of the stored rules."""

    def __init__(self, db: Database, *, user_id: int | None = None, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("dispatch_rules_dialog")
        self.setWindowTitle(self.tr("Dispatch rules"))
        self.db = db
        self.user_id = user_id
        self.version: int | None = None
        self.editors: dict[str, Editor] = {}
        self.errors: dict[str, QLabel] = {}
        self.tier_editors: dict[int, QDoubleSpinBox] = {}
        intro = QLabel(
            self.tr(
                "How technicians are ranked for a ticket, for the whole team. Scores are penalty points: "
                "lower is better, and one point is about one minute of driving. Nobody without the "
                "ticket's skill is ever suggested."
            )
        )
        intro.setWordWrap(True)
        self.form = QFormLayout()
        for f in fields(DispatchRules):
            if f.name == "tier_factors":
                continue
            self._add_rule(f.name, f.type)
        self.tier_form = QFormLayout()
        tier_help = QLabel(_rule_text(limit("tier_factors").help))
        tier_help.setWordWrap(True)
        tier_help.setStyleSheet("color: #6b7280;")
        self.errors["tier_factors"] = self._error_label("tier_factors")
        self.message = QLabel()
        self.message.setObjectName("rules_message")
        self.message.setWordWrap(True)
        self.message.setStyleSheet("color: #b91c1c;")
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Save
            | QDialogButtonBox.StandardButton.Cancel
            | QDialogButtonBox.StandardButton.RestoreDefaults
        )
        self.buttons.accepted.connect(self.save)
        self.buttons.rejected.connect(self.reject)
        defaults = self.buttons.button(QDialogButtonBox.StandardButton.RestoreDefaults)
        defaults.clicked.connect(lambda: self.show_rules(DispatchRules()))
        self.reload_button = QPushButton(self.tr("Reload"))
        self.reload_button.clicked.connect(self.load)
        self.buttons.addButton(self.reload_button, QDialogButtonBox.ButtonRole.ResetRole)
        self.save_button = self.buttons.button(QDialogButtonBox.StandardButton.Save)
        self.save_button.setEnabled(False)
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addLayout(self.form)
        layout.addWidget(QLabel("<b>" + _rule_text(limit("tier_factors").label) + "</b>"))
        layout.addWidget(tier_help)
        layout.addLayout(self.tier_form)
        layout.addWidget(self.errors["tier_factors"])
        layout.addWidget(self.message)
        layout.addWidget(self.buttons)
        self.load()

    def _error_label(self, name: str) -> QLabel:
        label = QLabel()
        label.setObjectName(f"error_{name}")
        label.setStyleSheet("color: #b91c1c;")
        label.setWordWrap(True)
        label.hide()
        return label

    def _add_rule(self, name: str, kind: Any) -> None:
        bounds = limit(name)
        editor: Editor
        if kind in ("bool", bool):
            editor = QCheckBox()
        elif kind in ("int", int):
            editor = QSpinBox()
            editor.setRange(int(bounds.low), int(bounds.high))
        else:
            editor = QDoubleSpinBox()
            editor.setDecimals(2)
            editor.setRange(bounds.low, bounds.high)
        editor.setObjectName(f"rule_{name}")
        editor.setToolTip(_rule_text(bounds.help))
        self.editors[name] = editor
        help_label = QLabel(_rule_text(bounds.help))
        help_label.setWordWrap(True)
        help_label.setStyleSheet("color: #6b7280;")
        column = QVBoxLayout()
        column.setSpacing(1)
        column.addWidget(editor)
        column.addWidget(help_label)
        self.errors[name] = self._error_label(name)
        column.addWidget(self.errors[name])
        self.form.addRow(_rule_text(bounds.label), column)

    # Loading and saving ----------------------------------------------------------------------------------

    def load(self) -> None:
        db = self.db
        self.message.clear()
        run_in_background(lambda: (load_rules(db), tier_choices(db)), self._on_loaded, self._on_failed)

    def _on_loaded(self, answer: tuple[StoredRules, list[Choice]]) -> None:
        stored, tiers = answer
        self.version = stored.version
        if not self.tier_editors:
            for tier in tiers:
                editor = QDoubleSpinBox()
                editor.setObjectName(f"tier_factor_{tier.id}")
                bounds = limit("tier_factors")
                editor.setRange(bounds.low, bounds.high)
                editor.setDecimals(2)
                editor.setSingleStep(0.1)
                self.tier_editors[tier.id] = editor
                self.tier_form.addRow(
                    self.tr("%1 (rank %2)").replace("%1", tier.name).replace("%2", str(tier.id)), editor
                )
        self.show_rules(stored.rules)
        self.save_button.setEnabled(True)

    def _on_failed(self, exc: BaseException) -> None:
        self.message.setText(error_text(exc))

    def show_rules(self, rules: DispatchRules) -> None:
        for name, editor in self.editors.items():
            value = getattr(rules, name)
            if isinstance(editor, QCheckBox):
                editor.setChecked(bool(value))
            else:
                editor.setValue(value)
        for rank, editor in self.tier_editors.items():
            editor.setValue(rules.tier_factor(rank))
        for label in self.errors.values():
            label.hide()

    def edited_rules(self) -> DispatchRules:
        """The rules as the form shows them."""
        values: dict[str, Any] = {}
        for name, editor in self.editors.items():
            values[name] = editor.isChecked() if isinstance(editor, QCheckBox) else editor.value()
        values["tier_factors"] = {
            rank: round(editor.value(), 2)
            for rank, editor in self.tier_editors.items()
            if editor.value() != 1.0
        }
        return replace(DispatchRules(), **values)

    def save(self) -> None:
        if self.version is None:
            return
        rules, db, version, user = self.edited_rules(), self.db, self.version, self.user_id
        for label in self.errors.values():
            label.hide()
        self.message.clear()
        self.save_button.setEnabled(False)
        run_in_background(
            lambda: save_rules(db, rules, expected_version=version, user_id=user),
            self._on_saved,
            self._on_refused,
        )

    def _on_saved(self, version: int) -> None:
        self.version = version
        self.saved.emit(version)
        self.accept()

    def _on_refused(self, exc: BaseException) -> None:
        self.save_button.setEnabled(True)
        if isinstance(exc, RulesRejected) and exc.field in self.errors:
            self.errors[exc.field].setText(error_text(exc))
            self.errors[exc.field].show()
            return
        if isinstance(exc, RulesConflict):
            self.message.setText(
                error_text(exc) + " " + self.tr("Your values are kept; Reload shows the stored ones.")
            )
            return
        self.message.setText(error_text(exc))
