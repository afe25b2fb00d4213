"""The filter bar above the queues: quick text search and filters by client, site, skill, priority,
status, technician and creation period. It only collects the dispatcher's choices; the database
does the filtering.
"""

from __future__ import annotations

from datetime import UTC, datetime

from PySide6.QtCore import QDate, Qt, Signal
from PySide6.QtWidgets import (
    QComboBox,
    QCompleter,
    QDateEdit,
    QHBoxLayout,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from console.models.base import PRIORITIES, TICKET_STATUSES
from console.services.pick_lists import Choice, PickLists, site_choices
from console.services.queues import PERIODS, QueueFilter
from console.store.database import Database
from console.views.background import run_in_background
from console.views.labels import date_format, priority_label, status_label

UNASSIGNED = 0


COMBO_CHARS = 8


class QueueFilterBar(QWidget):
    """Emits `changed` with the new QueueFilter whenever the dispatcher changes any field."""

    changed = Signal(object)
    save_requested = Signal()

    def __init__(self, db: Database, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.db = db
        self._quiet = False
        self.search = QLineEdit(self)
        self.search.setObjectName("queue_search")
        self.search.setPlaceholderText(self.tr("Search number, title, client, site, technician (Ctrl+F)"))
        self.search.setClearButtonEnabled(True)
        self.client = self._combo("filter_client", self.tr("Any client"), searchable=True)
        self.site = self._combo("filter_site", self.tr("Any site"), searchable=True)
        self.site.setEnabled(False)
        self.skill = self._combo("filter_skill", self.tr("Any skill"))
        self.priority = self._combo("filter_priority", self.tr("Any priority"))
        for priority in PRIORITIES:
            self.priority.addItem(priority_label(priority), priority)
        self.status = self._combo("filter_status", self.tr("Any status"))
        for status in TICKET_STATUSES:
            self.status.addItem(status_label(status), status)
        self.technician = self._combo("filter_technician", self.tr("Any technician"), searchable=True)
        self.technician.addItem(self.tr("Unassigned"), UNASSIGNED)
        self.period = QComboBox(self)
        self.period.setObjectName("filter_period")
        for key, text in zip(
            PERIODS,
            (
                self.tr("Any time"),
                self.tr("Created today"),
                self.tr("Last 24 hours"),
                self.tr("Last 7 days"),
                self.tr("Last 30 days"),
                self.tr("From... to..."),
            ),
            strict=True,
        ):
            self.period.addItem(text, key)
        today = QDate.currentDate()
        self.date_from = self._date("filter_from", today.addDays(-7))
        self.date_to = self._date("filter_to", today)
        self.clear = QPushButton(self.tr("Clear"), self)
        self.clear.setObjectName("filter_clear")
        self.clear.setToolTip(self.tr("Clear every filter (Ctrl+Shift+X)"))
        self.save = QPushButton(self.tr("Save as queue..."), self)
        self.save.setObjectName("filter_save")
        self.save.setToolTip(self.tr("Keep this filter as a named queue of your own"))

        top = QHBoxLayout()
        top.setContentsMargins(0, 0, 0, 0)
        top.addWidget(self.search, 3)
        top.addWidget(self.client, 2)
        top.addWidget(self.site, 2)
        bottom = QHBoxLayout()
        bottom.setContentsMargins(0, 0, 0, 0)
        for widget in (self.skill, self.priority, self.status, self.technician, self.period):
            bottom.addWidget(widget, 1)
        bottom.addWidget(self.date_from)
        bottom.addWidget(self.date_to)
        bottom.addWidget(self.clear)
        bottom.addWidget(self.save)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(2)
        layout.addLayout(top)
        layout.addLayout(bottom)

        self.search.textChanged.connect(self._emit)
        for combo in (self.site, self.skill, self.priority, self.status, self.technician):
            combo.currentIndexChanged.connect(self._emit)
        self.client.currentIndexChanged.connect(self._on_client)
        self.period.currentIndexChanged.connect(self._on_period)
        self.date_from.dateChanged.connect(self._emit)
        self.date_to.dateChanged.connect(self._emit)
        self.clear.clicked.connect(self.reset)
        self.save.clicked.connect(self.save_requested)
        self._on_period()

    def _combo(self, name: str, any_text: str, *, searchable: bool = False) -> QComboBox:
        combo = QComboBox(self)
        combo.setObjectName(name)
        # Sized by a few characters, not by the longest name in the list, so that the bar still fits
        # a narrow dock (and Russian texts, longer than English ones); the list opens wide anyway.
        combo.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
        combo.setMinimumContentsLength(COMBO_CHARS)
        combo.addItem(any_text, None)
        if searchable:
            combo.setEditable(True)
            combo.setInsertPolicy(QComboBox.InsertPolicy.NoInsert)
            completer = combo.completer()
            assert completer is not None, "an editable combo box has a completer"
            completer.setFilterMode(Qt.MatchFlag.MatchContains)
            completer.setCompletionMode(QCompleter.CompletionMode.PopupCompletion)
            line = combo.lineEdit()
            assert line is not None, "an editable combo box has a line edit"
            # A narrow box shows the start of the chosen name ("Any techn"), not its end ("y technician").
            combo.currentIndexChanged.connect(lambda _index: line.setCursorPosition(0))
            line.setCursorPosition(0)
        return combo

    def _date(self, name: str, value: QDate) -> QDateEdit:
        edit = QDateEdit(value, self)
        edit.setObjectName(name)
        edit.setCalendarPopup(True)
        edit.setDisplayFormat(date_format())
        return edit

    def set_choices(self, lists: PickLists) -> None:
        """Fill the client, skill and technician lists (loaded off the GUI thread by the caller)."""
        self._quiet = True
        for combo, choices in (
            (self.client, lists.clients),
            (self.skill, lists.skills),
            (self.technician, lists.technicians),
        ):
            for choice in choices:
                combo.addItem(choice.name, choice.id)
        self._quiet = False

    def _on_client(self) -> None:
        self._quiet = True
        self.site.clear()
        self.site.addItem(self.tr("Any site"), None)
        self.site.setEnabled(False)
        self._quiet = False
        client_id = self.client.currentData()
        if client_id is not None:
            db = self.db
            run_in_background(lambda: (client_id, site_choices(db, client_id)), self._on_sites)
        self._emit()

    def _on_sites(self, result: tuple[int, list[Choice]]) -> None:
        client_id, sites = result
        if client_id != self.client.currentData():
            return
        self._quiet = True
        for site in sites:
            self.site.addItem(site.name, site.id)
        self.site.setEnabled(True)
        self._quiet = False

    def _on_period(self) -> None:
        custom = self.period.currentData() == "custom"
        self.date_from.setVisible(custom)
        self.date_to.setVisible(custom)
        self._emit()

    def set_client(self, client_id: int) -> bool:
        """Filter by the client (the rest of the filter stays); False if the client is not in the list."""
        at = self.client.findData(client_id)
        if at < 0:
            return False
        self.client.setCurrentIndex(at)
        return True

    def reset(self) -> None:
        """Back to the whole queue."""
        self._quiet = True
        self.search.clear()
        for combo in (self.client, self.site, self.skill, self.priority, self.status, self.technician):
            combo.setCurrentIndex(0)
        self.period.setCurrentIndex(0)
        self._quiet = False
        self._on_period()

    def current(self) -> QueueFilter:
        """The filter as the fields say now."""
        period = self.period.currentData()
        custom = period == "custom"
        return QueueFilter(
            text=self.search.text().strip(),
            client_id=self.client.currentData(),
            site_id=self.site.currentData(),
            skill_id=self.skill.currentData(),
            priority=self.priority.currentData(),
            status=self.status.currentData(),
            technician_id=self.technician.currentData(),
            period=period,
            created_from=_local_day_start(self.date_from.date()) if custom else None,
            created_to=_local_day_start(self.date_to.date().addDays(1)) if custom else None,
        )

    def _emit(self) -> None:
        if not self._quiet:
            self.changed.emit(self.current())


def _local_day_start(day: QDate) -> datetime:
    return datetime(day.year(), day.month(), day.day()).astimezone().astimezone(UTC)
