"""The supervisor's editor of planned maintenance: the plans listed on the left, one edited on the right.

A plan serves a unit, every unit of a model at a site, or every site of a contract; the form picks it
contract first, then site, then unit or model, each list read off the GUI thread when its parent is
chosen (a large book has tens of thousands of units). The rule is picked from presets or typed as an
RRULE, and its next dates are previewed as it is edited, with the reason when the rule is unusable.
Saving and deleting go through `maintenance_plans`, which re-plans the jobs in the same transaction;
the form keeps what was typed when a save is refused, with the reason next to the field to correct.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from datetime import UTC, date, datetime, time
from typing import Any

from PySide6.QtCore import QDate, QTime, Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDateEdit,
    QDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPlainTextEdit,
    QPushButton,
    QSpinBox,
    QSplitter,
    QTimeEdit,
    QVBoxLayout,
    QWidget,
)

from console.services.maintenance_generation import DEFAULT_HORIZON_DAYS
from console.services.maintenance_plans import (
    MAX_HORIZON_DAYS,
    PlanConflict,
    PlanDraft,
    PlanRejected,
    PlanSaved,
    create_plan,
    delete_plan,
    update_plan,
)
from console.services.pick_lists import Choice
from console.services.plan_catalogue import (
    PlanChoices,
    PlanRow,
    StoredPlan,
    load_plan,
    models_of_site,
    plan_choices,
    plan_rows,
    preview_dates,
    sites_of_contract,
    units_of_site,
)
from console.services.recurrence import LAST_WORKING_DAY_OF_MONTH, RuleError
from console.store.database import Database
from console.views.background import run_in_background
from console.views.equipment_tab import record_table
from console.views.errors_text import error_text, notice_text
from console.views.field_errors import ERROR_STYLE, error_label
from console.views.other_change import show_other_change
from console.views.record_model import Column, RecordTableModel

# The fields a refusal may name (PlanRejected.field), each with an error label beside its input.
FIELDS = (
    "name",
    "target",
    "skill",
    "rrule",
    "ends_on",
    "duration",
    "window",
    "horizon_days",
    "non_working_day",
)
TARGET_KINDS = ("unit", "model", "contract")
PRESETS = ("monthly", "quarterly_first_tuesday", "last_working_day", "weekly", "custom")
QUARTERLY_FIRST_TUESDAY = "FREQ=MONTHLY;INTERVAL=3;BYDAY=1TU"
WEEKDAYS = ("MO", "TU", "WE", "TH", "FR", "SA", "SU")
_MONTHLY = re.compile(r"FREQ=MONTHLY;BYMONTHDAY=(\d{1,2})")
_WEEKLY = re.compile(r"FREQ=WEEKLY;BYDAY=((?:MO|TU|WE|TH|FR|SA|SU)(?:,(?:MO|TU|WE|TH|FR|SA|SU))*)")
GOOD_STYLE = "color: #15803d;"


def _qdate(day: date) -> QDate:
    return QDate(day.year, day.month, day.day)


def _pydate(value: QDate) -> date:
    return date(value.year(), value.month(), value.day())


def preset_of(rule: str, non_working_day: str) -> tuple[str, int, tuple[str, ...]]:
    """The preset a stored rule is shown with: (preset, day of month, weekdays); "custom" otherwise."""
    text = rule.strip().upper()
    if (found := _MONTHLY.fullmatch(text)) and 1 <= int(found.group(1)) <= 28:
        return "monthly", int(found.group(1)), ()
    if text == QUARTERLY_FIRST_TUESDAY:
        return "quarterly_first_tuesday", 1, ()
    if text == LAST_WORKING_DAY_OF_MONTH and non_working_day == "previous_working_day":
        return "last_working_day", 1, ()
    if found := _WEEKLY.fullmatch(text):
        return "weekly", 1, tuple(found.group(1).split(","))
    return "custom", 1, ()


class MaintenancePlanDialog(QDialog):
    saved = Signal(object)
    """The PlanSaved of a plan created or edited."""
    deleted = Signal(int)
    """The id of a deleted plan."""

    def __init__(
        self,
        db: Database,
        *,
        now: Callable[[], datetime] | None = None,
        user_id: int | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.user_id = user_id
        self.setObjectName("maintenance_plan_dialog")
        self.setWindowTitle(self.tr("Maintenance plans"))
        self.setModal(False)
        self.db = db
        self.now = now or (lambda: datetime.now(UTC))
        self.plan_id: int | None = None
        self.version: int | None = None
        self.notes = ""
        self._last_preset = PRESETS[0]
        self._opening: int | None = None  # the plan whose reading is awaited, to drop older answers
        # What the lists filled off the GUI thread should show once they come: the plan's own choices.
        self._wanted: dict[str, int | None] = {}
        self.errors: dict[str, QLabel] = {}

        self.plans = RecordTableModel(self._columns(), self)
        self.table = record_table(self, "plan_table", self.plans)
        self.table.selectionModel().selectionChanged.connect(self._on_row_chosen)
        self.new_button = QPushButton(self.tr("&New plan"))
        self.new_button.setObjectName("new_plan")
        self.new_button.clicked.connect(self.new_plan)
        self.delete_button = QPushButton(self.tr("&Delete plan"))
        self.delete_button.setObjectName("delete_plan")
        self.delete_button.setEnabled(False)
        self.delete_button.clicked.connect(self.confirm_delete)
        list_buttons = QHBoxLayout()
        list_buttons.addWidget(self.new_button)
        list_buttons.addWidget(self.delete_button)
        list_buttons.addStretch(1)
        left = QWidget(self)
        left_layout = QVBoxLayout(left)
        left_layout.setContentsMargins(0, 0, 0, 0)
        left_layout.addWidget(self.table, 1)
        left_layout.addLayout(list_buttons)

        splitter = QSplitter(self)
        splitter.addWidget(left)
        splitter.addWidget(self._build_form())
        splitter.setStretchFactor(0, 3)
        splitter.setStretchFactor(1, 2)
        self.status = QLabel()
        self.status.setObjectName("status")
        self.status.setWordWrap(True)
        layout = QVBoxLayout(self)
        layout.addWidget(splitter, 1)
        layout.addWidget(self.status)
        self.resize(1200, 720)
        self.new_plan()
        run_in_background(lambda: plan_choices(db), self._on_choices, self._on_failed)
        self.reload()

    # Building --------------------------------------------------------------------------------------

    def _columns(self) -> list[Column]:
        return [
            Column(self.tr("Plan"), lambda r: r.name),
            Column(self.tr("Serves"), lambda r: notice_text(r.serves, "maintenance")),
            Column(self.tr("Rule"), lambda r: r.rrule),
            Column(
                self.tr("Next due"),
                lambda r: r.next_due.isoformat() if r.next_due is not None else "\u2014",
            ),
            Column(self.tr("Skill"), lambda r: r.skill),
            Column(self.tr("Active"), lambda r: self.tr("yes") if r.active else self.tr("no")),
        ]

    def _error_label(self, name: str) -> QLabel:
        label = self.errors[name] = error_label(name)
        return label

    def _row(self, form: QFormLayout, title: str, content: QWidget | QHBoxLayout, error: str | None) -> None:
        """A form row: the input(s), and below them the error label of the field `error`, if any."""
        column = QVBoxLayout()
        column.setSpacing(1)
        if isinstance(content, QWidget):
            column.addWidget(content)
        else:
            column.addLayout(content)
        if error is not None:
            column.addWidget(self._error_label(error))
        form.addRow(title, column)

    def _combo(self, name: str) -> QComboBox:
        combo = QComboBox(self)
        combo.setObjectName(name)
        return combo

    def _build_form(self) -> QWidget:
        form_widget = QWidget(self)
        form = QFormLayout(form_widget)

        self.name = QLineEdit(self)
        self.name.setObjectName("plan_name")
        self._row(form, self.tr("Name"), self.name, "name")

        self.target_kind = self._combo("target_kind")
        for kind, title in zip(
            TARGET_KINDS,
            (self.tr("A unit"), self.tr("A model at a site"), self.tr("A contract, all its sites")),
            strict=True,
        ):
            self.target_kind.addItem(title, kind)
        self.contract = self._combo("target_contract")
        self.contract.currentIndexChanged.connect(self._on_contract)
        self.site = self._combo("target_site")
        self.site.currentIndexChanged.connect(self._on_site)
        self.unit = self._combo("target_unit")
        self.model = self._combo("target_model")
        self.target_kind.currentIndexChanged.connect(self._on_target_kind)
        target = QVBoxLayout()
        target.addWidget(self.target_kind)
        target.addWidget(self.contract)
        target.addWidget(self.site)
        target.addWidget(self.unit)
        target.addWidget(self.model)
        target_box = QWidget(self)
        target_box.setLayout(target)
        target.setContentsMargins(0, 0, 0, 0)
        self._row(form, self.tr("Serves"), target_box, "target")

        self.preset = self._combo("rule_preset")
        for preset, title in zip(
            PRESETS,
            (
                self.tr("Monthly on day \u2026"),
                self.tr("Every 3 months on the first Tuesday"),
                self.tr("Last working day of the month"),
                self.tr("Weekly on \u2026"),
                self.tr("Custom RRULE"),
            ),
            strict=True,
        ):
            self.preset.addItem(title, preset)
        self.month_day = QSpinBox(self)
        self.month_day.setObjectName("rule_month_day")
        self.month_day.setRange(1, 28)
        self.month_day.valueChanged.connect(self.update_preview)
        self.weekdays: dict[str, QCheckBox] = {}
        days = QHBoxLayout()
        days.setContentsMargins(0, 0, 0, 0)
        for code, title in zip(
            WEEKDAYS,
            (
                self.tr("Mon"),
                self.tr("Tue"),
                self.tr("Wed"),
                self.tr("Thu"),
                self.tr("Fri"),
                self.tr("Sat"),
                self.tr("Sun"),
            ),
            strict=True,
        ):
            box = QCheckBox(title, self)
            box.setObjectName(f"rule_weekday_{code}")
            box.toggled.connect(self.update_preview)
            self.weekdays[code] = box
            days.addWidget(box)
        self.weekday_box = QWidget(self)
        self.weekday_box.setLayout(days)
        self.custom_rule = QLineEdit(self)
        self.custom_rule.setObjectName("rule_custom")
        self.custom_rule.setPlaceholderText("FREQ=MONTHLY;BYMONTHDAY=1")
        self.custom_rule.textChanged.connect(self.update_preview)
        self.preset.currentIndexChanged.connect(self._on_preset)
        rule = QVBoxLayout()
        rule.setContentsMargins(0, 0, 0, 0)
        for widget in (self.preset, self.month_day, self.weekday_box, self.custom_rule):
            rule.addWidget(widget)
        rule_box = QWidget(self)
        rule_box.setLayout(rule)
        self._row(form, self.tr("Repeats"), rule_box, "rrule")

        today = self.now().date()
        self.starts_on = QDateEdit(_qdate(today), self)
        self.starts_on.setObjectName("starts_on")
        self.starts_on.setCalendarPopup(True)
        self.starts_on.dateChanged.connect(self.update_preview)
        self._row(form, self.tr("Starts on"), self.starts_on, None)
        self.ends_on = QDateEdit(_qdate(today), self)
        self.ends_on.setObjectName("ends_on")
        self.ends_on.setCalendarPopup(True)
        self.ends_on.dateChanged.connect(self.update_preview)
        self.no_end = QCheckBox(self.tr("No end"), self)
        self.no_end.setObjectName("no_end")
        self.no_end.toggled.connect(self._on_no_end)
        ends = QHBoxLayout()
        ends.addWidget(self.ends_on, 1)
        ends.addWidget(self.no_end)
        self._row(form, self.tr("Ends on"), ends, "ends_on")

        self.preview = QLabel()
        self.preview.setObjectName("preview")
        self.preview.setWordWrap(True)
        self._row(form, self.tr("Next dates"), self.preview, None)

        self.duration = QSpinBox(self)
        self.duration.setObjectName("duration")
        self.duration.setRange(1, 24 * 60)
        self.duration.setSuffix(self.tr(" min"))
        self._row(form, self.tr("Work takes"), self.duration, "duration")

        self.skill = self._combo("skill")
        self._row(form, self.tr("Skill"), self.skill, "skill")

        self.checklist = QPlainTextEdit(self)
        self.checklist.setObjectName("checklist")
        self.checklist.setPlaceholderText(self.tr("One item per line"))
        self.checklist.setMaximumHeight(90)
        self._row(form, self.tr("Checklist"), self.checklist, None)

        self.has_window = QCheckBox(self.tr("Only between"), self)
        self.has_window.setObjectName("has_window")
        self.has_window.toggled.connect(self._on_has_window)
        self.window_start = QTimeEdit(QTime(8, 0), self)
        self.window_start.setObjectName("window_start")
        self.window_end = QTimeEdit(QTime(17, 0), self)
        self.window_end.setObjectName("window_end")
        window = QHBoxLayout()
        window.addWidget(self.has_window)
        window.addWidget(self.window_start)
        window.addWidget(QLabel("\u2013"))
        window.addWidget(self.window_end)
        self._row(form, self.tr("Time window"), window, "window")

        self.after_previous_done = QCheckBox(
            self.tr("Make the next job only after the previous one is done"), self
        )
        self.after_previous_done.setObjectName("after_previous_done")
        form.addRow("", self.after_previous_done)

        self.non_working_day = self._combo("non_working_day")
        for rule_name, title in (
            ("keep", self.tr("Keep the date")),
            ("skip", self.tr("Skip that occurrence")),
            ("next_working_day", self.tr("Move to the next working day")),
            ("previous_working_day", self.tr("Move to the previous working day")),
        ):
            self.non_working_day.addItem(title, rule_name)
        self._row(form, self.tr("On a non-working day"), self.non_working_day, "non_working_day")

        self.horizon_days = QSpinBox(self)
        self.horizon_days.setObjectName("horizon_days")
        self.horizon_days.setRange(1, MAX_HORIZON_DAYS)
        self.horizon_days.setSuffix(self.tr(" days ahead"))
        self._row(form, self.tr("Make jobs"), self.horizon_days, "horizon_days")

        self.active = QCheckBox(self.tr("Active: make its jobs"), self)
        self.active.setObjectName("active")
        form.addRow("", self.active)

        self.save_button = QPushButton(self.tr("&Save plan"))
        self.save_button.setObjectName("save_plan")
        self.save_button.clicked.connect(self.save)
        form.addRow("", self.save_button)
        return form_widget

    # The list --------------------------------------------------------------------------------------

    def reload(self) -> None:
        """Read the plans again (off the GUI thread); the plan being edited stays selected."""
        db, today = self.db, self.now().date()
        run_in_background(lambda: plan_rows(db, today), self._on_rows, self._on_failed)

    def _on_rows(self, rows: list[PlanRow]) -> None:
        self.plans.set_rows(rows)
        for row, record in enumerate(rows):
            if record.id == self.plan_id:
                self.table.selectRow(row)
                break

    def _on_row_chosen(self, *_: Any) -> None:
        chosen = self.table.selectionModel().selectedRows()
        if not chosen:
            return
        record: PlanRow = self.plans.record(chosen[0].row())
        if record.id == self.plan_id and record.version == self.version:
            return
        db, plan_id = self.db, record.id
        self._opening = plan_id
        run_in_background(lambda: (plan_id, load_plan(db, plan_id)), self._on_plan_loaded, self._on_failed)

    def _on_plan_loaded(self, answer: tuple[int, StoredPlan | None]) -> None:
        plan_id, stored = answer
        if plan_id != self._opening:
            return  # another plan was chosen meanwhile
        if stored is None:
            self._say(False, self.tr("The plan was deleted meanwhile."))
            self.reload()
            return
        self.show_plan(stored)

    def _on_failed(self, exc: BaseException) -> None:
        self._say(False, error_text(exc))

    def _on_choices(self, choices: PlanChoices) -> None:
        self.skill.clear()
        for skill in choices.skills:
            self.skill.addItem(skill.name, skill.id)
        self._select(self.skill, self._wanted.get("skill"))
        self.contract.blockSignals(True)
        self.contract.clear()
        for contract in choices.contracts:
            self.contract.addItem(contract.name, contract.id)
        self._select(self.contract, self._wanted.get("contract"))
        self.contract.blockSignals(False)
        self._on_contract()

    # The form --------------------------------------------------------------------------------------

    def new_plan(self) -> None:
        """An empty form for a new plan: monthly on the 1st, from today, two hours, no end."""
        self.table.clearSelection()
        today = self.now().date()
        self.show_plan(
            StoredPlan(
                0,
                0,
                PlanDraft(
                    name="",
                    rrule="FREQ=MONTHLY;BYMONTHDAY=1",
                    starts_on=today,
                    duration_minutes=120,
                    skill_id=None,
                    horizon_days=DEFAULT_HORIZON_DAYS,
                ),
                self.contract.currentData(),
                None,
            ),
            new=True,
        )
        self.name.setFocus()

    def show_plan(self, stored: StoredPlan, *, new: bool = False) -> None:
        """Fill the form with a plan (a new one when `new`); the target lists follow off the GUI thread."""
        draft = stored.draft
        self.plan_id = None if new else stored.plan_id
        self.version = None if new else stored.version
        self.notes = draft.notes
        self.delete_button.setEnabled(not new)
        self._clear_errors()
        self.name.setText(draft.name)
        preset, month_day, days = preset_of(draft.rrule, draft.non_working_day)
        self.month_day.setValue(month_day)
        for code, box in self.weekdays.items():
            box.setChecked(code in days)
        self.custom_rule.setText(draft.rrule if preset == "custom" else "")
        self.preset.blockSignals(True)
        self._select(self.preset, preset)
        self.preset.blockSignals(False)
        self._show_rule_inputs()
        self.starts_on.setDate(_qdate(draft.starts_on))
        self.no_end.setChecked(draft.ends_on is None)
        self.ends_on.setDate(_qdate(draft.ends_on or draft.starts_on))
        self._on_no_end(draft.ends_on is None)
        self.duration.setValue(draft.duration_minutes)
        self._select(self.skill, draft.skill_id)
        self.checklist.setPlainText("\n".join(draft.checklist))
        self.has_window.setChecked(draft.window_start is not None)
        self.window_start.setTime(self._qtime(draft.window_start, time(8, 0)))
        self.window_end.setTime(self._qtime(draft.window_end, time(17, 0)))
        self._on_has_window(draft.window_start is not None)
        self.after_previous_done.setChecked(draft.after_previous_done)
        self._select(self.non_working_day, draft.non_working_day)
        self.horizon_days.setValue(draft.horizon_days)
        self.active.setChecked(draft.active)
        if draft.equipment_id is not None:
            kind = "unit"
        elif draft.site_id is not None:
            kind = "model"
        else:
            kind = "contract" if not new else "unit"
        self._wanted = {
            "skill": draft.skill_id if draft.skill_id is not None else self.skill.currentData(),
            "contract": stored.contract_id,
            "site": stored.site_id,
            "unit": draft.equipment_id,
            "model": draft.equipment_model_id,
        }
        self.target_kind.blockSignals(True)
        self._select(self.target_kind, kind)
        self.target_kind.blockSignals(False)
        self._show_target_inputs()
        self.contract.blockSignals(True)
        self._select(self.contract, stored.contract_id)
        self.contract.blockSignals(False)
        self._on_contract()
        self.update_preview()

    @staticmethod
    def _qtime(value: time | None, default: time) -> QTime:
        moment = value or default
        return QTime(moment.hour, moment.minute)

    @staticmethod
    def _select(combo: QComboBox, data: object) -> None:
        if data is None:
            return
        index = combo.findData(data)
        if index >= 0:
            combo.setCurrentIndex(index)

    def _on_no_end(self, no_end: bool) -> None:
        self.ends_on.setEnabled(not no_end)
        self.update_preview()

    def _on_has_window(self, has_window: bool) -> None:
        self.window_start.setEnabled(has_window)
        self.window_end.setEnabled(has_window)

    def _on_target_kind(self) -> None:
        self._show_target_inputs()
        self._on_site()

    def _show_target_inputs(self) -> None:
        kind = self.target_kind.currentData()
        self.site.setVisible(kind != "contract")
        self.unit.setVisible(kind == "unit")
        self.model.setVisible(kind == "model")

    def _on_preset(self) -> None:
        """Show the chosen preset's inputs; the custom rule starts from the rule shown before."""
        preset = self.preset.currentData()
        if preset == "custom" and not self.custom_rule.text().strip():
            self.custom_rule.setText(self._preset_rule(self._last_preset))
        if preset == "last_working_day":
            self._select(self.non_working_day, "previous_working_day")
        if preset == "weekly" and not any(box.isChecked() for box in self.weekdays.values()):
            self.weekdays[WEEKDAYS[_pydate(self.starts_on.date()).weekday()]].setChecked(True)
        self._show_rule_inputs()
        self.update_preview()

    def _show_rule_inputs(self) -> None:
        preset = self.preset.currentData()
        self._last_preset = str(preset)
        self.month_day.setVisible(preset == "monthly")
        self.weekday_box.setVisible(preset == "weekly")
        self.custom_rule.setVisible(preset == "custom")

    def _preset_rule(self, preset: str) -> str:
        if preset == "monthly":
            return f"FREQ=MONTHLY;BYMONTHDAY={self.month_day.value()}"
        if preset == "quarterly_first_tuesday":
            return QUARTERLY_FIRST_TUESDAY
        if preset == "last_working_day":
            return LAST_WORKING_DAY_OF_MONTH
        if preset == "weekly":
            chosen = [code for code, box in self.weekdays.items() if box.isChecked()]
            return "FREQ=WEEKLY;BYDAY=" + ",".join(chosen) if chosen else ""
        return self.custom_rule.text().strip()

    def rule(self) -> str:
        """The RRULE the form gives ("" for a weekly rule with no day ticked)."""
        return self._preset_rule(str(self.preset.currentData()))

    def _rule_missing_text(self) -> str | None:
        if self.preset.currentData() == "weekly" and not self.rule():
            return self.tr("Tick at least one weekday.")
        return None

    def _ends_on(self) -> date | None:
        return None if self.no_end.isChecked() else _pydate(self.ends_on.date())

    def update_preview(self) -> None:
        """Show the rule's next dates from today or its start, or why the rule cannot be used."""
        missing = self._rule_missing_text()
        if missing is not None:
            self._preview_says(False, missing)
            return
        try:
            dates = preview_dates(
                self.rule(), _pydate(self.starts_on.date()), self._ends_on(), today=self.now().date()
            )
        except RuleError as error:
            self._preview_says(False, error_text(error))
            return
        if not dates:
            self._preview_says(False, self.tr("No date ahead: the plan is over."))
            return
        self._preview_says(True, ", ".join(day.isoformat() for day in dates) + " \u2026")

    def _preview_says(self, good: bool, text: str) -> None:
        self.preview.setStyleSheet("" if good else ERROR_STYLE)
        self.preview.setText(text)

    # Target lists, read off the GUI thread --------------------------------------------------------------

    def _on_contract(self) -> None:
        contract_id = self.contract.currentData()
        self.site.clear()
        self.unit.clear()
        self.model.clear()
        if contract_id is None:
            return
        db = self.db
        run_in_background(
            lambda: (contract_id, sites_of_contract(db, contract_id)), self._on_sites, self._on_failed
        )

    def _on_sites(self, answer: tuple[int, list[Choice]]) -> None:
        contract_id, sites = answer
        if contract_id != self.contract.currentData():
            return
        self.site.blockSignals(True)
        self.site.clear()
        for site in sites:
            self.site.addItem(site.name, site.id)
        self._select(self.site, self._wanted.get("site"))
        self.site.blockSignals(False)
        self._on_site()

    def _on_site(self) -> None:
        site_id = self.site.currentData()
        self.unit.clear()
        self.model.clear()
        if site_id is None or self.target_kind.currentData() == "contract":
            return
        db = self.db
        run_in_background(
            lambda: (site_id, units_of_site(db, site_id), models_of_site(db, site_id)),
            self._on_units,
            self._on_failed,
        )

    def _on_units(self, answer: tuple[int, list[Choice], list[Choice]]) -> None:
        site_id, units, models = answer
        if site_id != self.site.currentData():
            return
        self.unit.clear()
        self.model.clear()
        for unit in units:
            self.unit.addItem(unit.name, unit.id)
        for model in models:
            self.model.addItem(model.name, model.id)
        self._select(self.unit, self._wanted.get("unit"))
        self._select(self.model, self._wanted.get("model"))

    # Saving and deleting ---------------------------------------------------------------------------

    def draft(self) -> PlanDraft:
        """The plan as the form shows it."""
        kind = self.target_kind.currentData()
        contract_id = self.contract.currentData()
        has_window = self.has_window.isChecked()
        start, end = self.window_start.time(), self.window_end.time()
        return PlanDraft(
            name=self.name.text(),
            rrule=self.rule(),
            starts_on=_pydate(self.starts_on.date()),
            ends_on=self._ends_on(),
            duration_minutes=self.duration.value(),
            skill_id=self.skill.currentData(),
            equipment_id=self.unit.currentData() if kind == "unit" else None,
            site_id=self.site.currentData() if kind == "model" else None,
            equipment_model_id=self.model.currentData() if kind == "model" else None,
            contract_id=contract_id,
            checklist=tuple(line for line in self.checklist.toPlainText().splitlines() if line.strip()),
            window_start=time(start.hour(), start.minute()) if has_window else None,
            window_end=time(end.hour(), end.minute()) if has_window else None,
            after_previous_done=self.after_previous_done.isChecked(),
            non_working_day=str(self.non_working_day.currentData()),
            horizon_days=self.horizon_days.value(),
            active=self.active.isChecked(),
            notes=self.notes,
        )

    def save(self) -> None:
        """Create or update the plan off the GUI thread; its jobs are re-planned in the same save."""
        self._clear_errors()
        missing = self._rule_missing_text()
        if missing is not None:
            self._show_error("rrule", missing)
            return
        draft, db, plan_id, version, now = self.draft(), self.db, self.plan_id, self.version, self.now()
        user = self.user_id
        self.save_button.setEnabled(False)
        self._say(True, self.tr("Saving\u2026"))
        if plan_id is None or version is None:
            run_in_background(
                lambda: create_plan(db, draft, now=now, user_id=user), self._on_saved, self._on_refused
            )
        else:
            run_in_background(
                lambda: update_plan(db, plan_id, draft, expected_version=version, now=now, user_id=user),
                self._on_saved,
                self._on_refused,
            )

    def _on_saved(self, result: PlanSaved) -> None:
        self.save_button.setEnabled(True)
        self.plan_id, self.version = result.plan_id, result.version
        self.delete_button.setEnabled(True)
        self._say(
            True,
            self.tr("Saved: %1 jobs made, %2 moved, %3 cancelled.")
            .replace("%1", str(result.created))
            .replace("%2", str(result.moved))
            .replace("%3", str(result.cancelled)),
        )
        self.saved.emit(result)
        self.reload()

    def _on_refused(self, exc: BaseException) -> None:
        self.save_button.setEnabled(True)
        if isinstance(exc, PlanRejected) and exc.field in self.errors:
            self._show_error(exc.field, error_text(exc))
            self._say(False, self.tr("Nothing was saved; correct the field marked in red."))
            return
        if isinstance(exc, PlanConflict):
            refused = error_text(exc) + " " + self.tr("Your input is kept.")
            self._say(False, refused)
            if self.plan_id is not None:
                show_other_change(
                    self.db,
                    self.user_id,
                    "maintenance_plans",
                    self.plan_id,
                    lambda text: self._say(False, f"{refused}\n{text}"),
                )
            return
        self._say(False, error_text(exc))

    def confirm_delete(self) -> None:
        """Ask before deleting the plan: its jobs not yet started are cancelled."""
        if self.plan_id is None:
            return
        box = QMessageBox(
            QMessageBox.Icon.Question,
            self.tr("Delete plan"),
            self.tr(
                "Delete the plan \u201c%1\u201d? Its jobs not yet started are cancelled; done work stays."
            ).replace("%1", self.name.text()),
            QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No,
            self,
        )
        box.setObjectName("confirm_delete")
        yes = box.button(QMessageBox.StandardButton.Yes)
        box.buttonClicked.connect(lambda clicked: self.delete() if clicked is yes else None)
        box.open()

    def delete(self) -> None:
        """Delete the plan being edited off the GUI thread (after the confirmation)."""
        if self.plan_id is None or self.version is None:
            return
        db, plan_id, version, now, user = self.db, self.plan_id, self.version, self.now(), self.user_id
        self.delete_button.setEnabled(False)
        run_in_background(
            lambda: (plan_id, delete_plan(db, plan_id, expected_version=version, now=now, user_id=user)),
            self._on_deleted,
            self._on_delete_refused,
        )

    def _on_deleted(self, answer: tuple[int, int]) -> None:
        plan_id, cancelled = answer
        self.new_plan()
        self._say(True, self.tr("Deleted: %1 jobs cancelled.").replace("%1", str(cancelled)))
        self.deleted.emit(plan_id)
        self.reload()

    def _on_delete_refused(self, exc: BaseException) -> None:
        self.delete_button.setEnabled(self.plan_id is not None)
        self._say(False, error_text(exc))

    # Messages --------------------------------------------------------------------------------------

    def _clear_errors(self) -> None:
        for label in self.errors.values():
            label.clear()
            label.hide()

    def _show_error(self, field_name: str, text: str) -> None:
        self.errors[field_name].setText(text)
        self.errors[field_name].show()

    def _say(self, good: bool, text: str) -> None:
        self.status.setStyleSheet(GOOD_STYLE if good else ERROR_STYLE)
        self.status.setText(text)
