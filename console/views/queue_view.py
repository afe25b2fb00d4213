"""The queue panel: one tab per queue, each a live, sortable table of tickets.

Rows are loaded on the thread pool; when the change feed names changed tickets, each queue asks
the database only about those tickets and updates, inserts or removes just their rows.
"""

from __future__ import annotations

from datetime import UTC, datetime

from PySide6.QtCore import (
    QCoreApplication,
    QItemSelectionModel,
    QModelIndex,
    QSortFilterProxyModel,
    Qt,
    QTimer,
)
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHeaderView,
    QLineEdit,
    QTableView,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from console.services.queues import QUEUES, QueueDefinition, QueueRow, queue_rows
from console.store.database import Database
from console.views.background import run_in_background
from console.views.feed_bridge import FeedBridge
from console.views.queue_model import CLIENT_ID_ROLE, COLUMNS, SORT_ROLE, TICKET_ID_ROLE, QueueTableModel
from console.views.selection import Selection

CLOCK_REFRESH_MS = 30_000
MAX_TEXT_COLUMN_WIDTH = 240


class QueueTab(QWidget):
    """One queue: its model, a sorting proxy and the table view."""

    def __init__(
        self, db: Database, queue: QueueDefinition, selection: Selection, parent: QWidget | None = None
    ):
        super().__init__(parent)
        self.db = db
        self.queue = queue
        self.selection = selection
        self.loaded = False
        self.model = QueueTableModel(self)
        self.proxy = QSortFilterProxyModel(self)
        self.proxy.setSourceModel(self.model)
        self.proxy.setSortRole(SORT_ROLE)
        self.proxy.setFilterCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
        self.proxy.setFilterKeyColumn(-1)
        self.proxy.setDynamicSortFilter(True)
        self.table = QTableView(self)
        self.table.setObjectName(f"queue_table_{queue.key}")
        self.table.setModel(self.proxy)
        self.table.setSortingEnabled(True)
        self.table.sortByColumn(COLUMNS.index("sla"), Qt.SortOrder.AscendingOrder)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setAlternatingRowColors(True)
        self.table.verticalHeader().setVisible(False)
        self.table.verticalHeader().setDefaultSectionSize(24)
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        self.table.horizontalHeader().setStretchLastSection(True)
        self.table.selectionModel().currentRowChanged.connect(self._on_current)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.table)

    def title(self) -> str:
        name = QCoreApplication.translate("queues", self.queue.title)
        return f"{name} ({self.model.rowCount()})" if self.loaded else name

    def reload(self) -> None:
        queue, db = self.queue, self.db
        run_in_background(lambda: queue_rows(db, queue), self._on_loaded)

    def refresh(self, ticket_ids: set[int]) -> None:
        queue, db, wanted = self.queue, self.db, set(ticket_ids)
        run_in_background(lambda: (wanted, queue_rows(db, queue, wanted)), self._on_refreshed)

    def _on_loaded(self, rows: list[QueueRow]) -> None:
        self.model.now = datetime.now(UTC)
        self.model.set_rows(rows)
        self.loaded = True
        self.table.resizeColumnsToContents()
        for column in ("sla", "client", "site"):
            position = COLUMNS.index(column)
            self.table.setColumnWidth(position, min(self.table.columnWidth(position), MAX_TEXT_COLUMN_WIDTH))
        self.parent_panel().update_titles()

    def _on_refreshed(self, result: tuple[set[int], list[QueueRow]]) -> None:
        wanted, rows = result
        present = {row.id for row in rows}
        self.model.apply(rows, wanted - present)
        self.parent_panel().update_titles()

    def parent_panel(self) -> QueuePanel:
        widget = self.parentWidget()
        while widget is not None and not isinstance(widget, QueuePanel):
            widget = widget.parentWidget()
        assert widget is not None, "a queue tab lives inside a queue panel"
        return widget

    def select_ticket(self, ticket_id: int) -> bool:
        position = self.model.row_of(ticket_id)
        if position is None:
            return False
        index = self.proxy.mapFromSource(self.model.index(position, 0))
        if not index.isValid():
            return False
        self.table.selectionModel().setCurrentIndex(
            index, QItemSelectionModel.SelectionFlag.ClearAndSelect | QItemSelectionModel.SelectionFlag.Rows
        )
        self.table.scrollTo(index)
        return True

    def _on_current(self, current: QModelIndex, _previous: QModelIndex) -> None:
        if current.isValid():
            self.selection.select_ticket(current.data(TICKET_ID_ROLE), current.data(CLIENT_ID_ROLE))


class QueuePanel(QWidget):
    """Tabs of queues with a quick filter above them."""

    def __init__(self, db: Database, feed: FeedBridge, selection: Selection, parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("queue_panel")
        self.filter = QLineEdit(self)
        self.filter.setObjectName("queue_filter")
        self.filter.setPlaceholderText(self.tr("Filter by number, client, site, technician..."))
        self.filter.setClearButtonEnabled(True)
        self.tabs = QTabWidget(self)
        self.tabs.setObjectName("queue_tabs")
        self.queue_tabs: list[QueueTab] = []
        for queue in QUEUES:
            tab = QueueTab(db, queue, selection, self.tabs)
            self.queue_tabs.append(tab)
            self.tabs.addTab(tab, tab.title())
        layout = QVBoxLayout(self)
        layout.setContentsMargins(4, 4, 4, 4)
        layout.addWidget(self.filter)
        layout.addWidget(self.tabs)
        self.filter.textChanged.connect(self._on_filter)
        feed.changed.connect(self._on_changes)
        selection.ticket_selected.connect(self._follow_selection)
        self._clock = QTimer(self)
        self._clock.setInterval(CLOCK_REFRESH_MS)
        self._clock.timeout.connect(self._tick)
        self._clock.start()

    def load(self) -> None:
        for tab in self.queue_tabs:
            tab.reload()

    def shutdown(self) -> None:
        """Stop the clock; the panel is closing."""
        self._clock.stop()

    def tab(self, key: str) -> QueueTab:
        for tab in self.queue_tabs:
            if tab.queue.key == key:
                return tab
        raise KeyError(key)

    def update_titles(self) -> None:
        for position, tab in enumerate(self.queue_tabs):
            self.tabs.setTabText(position, tab.title())

    def _on_filter(self, text: str) -> None:
        for tab in self.queue_tabs:
            tab.proxy.setFilterFixedString(text)

    def _on_changes(self, by_entity: dict[str, set[int]], _changes: list[object]) -> None:
        ticket_ids = by_entity.get("tickets")
        if ticket_ids:
            for tab in self.queue_tabs:
                if tab.loaded:
                    tab.refresh(ticket_ids)

    def _follow_selection(self, ticket_id: int) -> None:
        current = self.tabs.currentWidget()
        if isinstance(current, QueueTab):
            index = current.table.currentIndex()
            if index.isValid() and index.data(TICKET_ID_ROLE) == ticket_id:
                return
            current.select_ticket(ticket_id)

    def _tick(self) -> None:
        now = datetime.now(UTC)
        for tab in self.queue_tabs:
            tab.model.refresh_clock(now)
