"""The supervisor's editor of the team's dispatch rules: every weight with what it means.

The rules are read and saved off the GUI thread; a value out of range is named next to its field, and
a save over someone else's newer change is refused (the form keeps what was typed, and Reload shows
the stored rules).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import fields, replace
from typing import Any

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import (
    QCheckBox,
    QDialogButtonBox,
    QDoubleSpinBox,
    QFormLayout,
    QLabel,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from console.services.dispatch_rules import (
    SETTING_KEY as RULES_KEY,
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
from console.views.errors_text import error_text
from console.views.team_setting_dialog import TeamSettingDialog

Editor = QSpinBox | QDoubleSpinBox | QCheckBox


def _rule_text(text: str) -> str:
    return QCoreApplication.translate("dispatch_rules", text)


class DispatchRulesDialog(TeamSettingDialog):
    setting_key = RULES_KEY

    def __init__(self, db: Database, *, user_id: int | None = None, parent: QWidget | None = None) -> None:
        super().__init__(
            db, user_id, "rules_message", parent, QDialogButtonBox.StandardButton.RestoreDefaults
        )
        self.setObjectName("dispatch_rules_dialog")
        self.setWindowTitle(self.tr("Dispatch rules"))
        self.editors: dict[str, Editor] = {}
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
        tier_error = self.error_label("tier_factors")
        defaults = self.buttons.button(QDialogButtonBox.StandardButton.RestoreDefaults)
        defaults.clicked.connect(lambda: self.show_rules(DispatchRules()))
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addLayout(self.form)
        layout.addWidget(QLabel("<b>" + _rule_text(limit("tier_factors").label) + "</b>"))
        layout.addWidget(tier_help)
        layout.addLayout(self.tier_form)
        layout.addWidget(tier_error)
        layout.addWidget(self.message)
        layout.addWidget(self.buttons)
        self.load()

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
        column.addWidget(self.error_label(name))
        self.form.addRow(_rule_text(bounds.label), column)

    # Loading and saving ----------------------------------------------------------------------------------

    def reader(self) -> Callable[[], tuple[StoredRules, list[Choice]]]:
        db = self.db
        return lambda: (load_rules(db), tier_choices(db))

    def show_loaded(self, answer: tuple[StoredRules, list[Choice]]) -> int:
        stored, tiers = answer
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
        return stored.version

    def writer(self, version: int) -> Callable[[], int]:
        rules, db, user = self.edited_rules(), self.db, self.user_id
        return lambda: save_rules(db, rules, expected_version=version, user_id=user)

    def refused_field(self, exc: BaseException) -> str | None:
        return exc.field if isinstance(exc, RulesRejected) else None

    def conflict_text(self, exc: BaseException) -> str | None:
        if isinstance(exc, RulesConflict):
            return error_text(exc) + " " + self.tr("Your values are kept; Reload shows the stored ones.")
        return None

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
