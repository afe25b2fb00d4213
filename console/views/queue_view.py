"""The queue panel: a filter bar and one tab per queue, each a live table sorted and filtered by the database.

A tab loads its rows (a page at a time, on the thread pool) when it is first shown. From then on,
when the change feed names changed tickets, every loaded tab asks the database where just those
tickets stand now and moves, inserts or drops their rows, so switching back to it is instant. A
tab last loaded under another filter reloads when shown. A request whose answer comes after a
newer one was made is dropped, so fast typing never shows stale rows.
"""

from __future__ import annotations

import logging
from datetime import UTC, datetime

from PySide6.QtCore import QCoreApplication, QItemSelectionModel, QLocale, QModelIndex, Qt, QTimer, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QTableView,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from console.services.pick_lists import PickLists, pick_lists
from console.services.queues import (
    BUILT_IN,
    Queue,
    QueueChanges,
    QueueFilter,
    QueuePage,
    my_queue,
    queue_changes,
    queue_counts,
    queue_page,
    skill_queues,
)
from console.services.saved_queues import delete_saved_queue, save_queue, saved_queues
from console.store.database import Database
from console.views.background import run_in_background
from console.views.feed_bridge import FeedBridge
from console.views.queue_filter_bar import QueueFilterBar
from console.views.queue_model import CLIENT_ID_ROLE, COLUMNS, TICKET_ID_ROLE, QueueTableModel
from console.views.save_queue_dialog import SaveQueueDialog
from console.views.selection import Selection

log = logging.getLogger(__name__)

CLOCK_REFRESH_MS = 30_000
# Starting widths in pixels, by column: measuring the contents would read every loaded row.
COLUMN_WIDTHS = {
    "number": 105,
    "sla": 190,
    "priority": 80,
    "client": 190,
    "site": 220,
    "status": 130,
    "technician": 150,
    "category": 130,
    "age": 80,
}


class QueueTab(QWidget):
    """One queue: its model over the database's order and the table view."""

    loaded = Signal()
    refreshed = Signal()
    opened = Signal(int)

    def __init__(self, db: Database, queue: Queue, selection: Selection, parent: QWidget | None = None):
        super().__init__(parent)
        self.db = db
        self.queue = queue
        self.selection = selection
        self.filter = QueueFilter()
        self.is_loaded = False
        self._generation = 0
        self._loading = False
        self._waiting_ids: set[int] = set()
        self.model = QueueTableModel(self)
        self.model.sort_requested.connect(self._on_sort)
        self.model.more_wanted.connect(self._load_more)
        self.table = QTableView(self)
        self.table.setObjectName(f"queue_table_{queue.key}")
        self.table.setModel(self.model)
        self.table.setSortingEnabled(True)
        self.table.horizontalHeader().setSortIndicator(COLUMNS.index("sla"), Qt.SortOrder.AscendingOrder)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setDragEnabled(True)
        self.table.setDragDropMode(QAbstractItemView.DragDropMode.DragOnly)
        self.table.setAlternatingRowColors(True)
        # One line per ticket; wrapping would also lay out every cell's text twice per paint.
        self.table.setWordWrap(False)
        self.table.verticalHeader().setVisible(False)
        self.table.verticalHeader().setDefaultSectionSize(24)
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        self.table.horizontalHeader().setStretchLastSection(True)
        for position, column in enumerate(COLUMNS):
            self.table.setColumnWidth(position, COLUMN_WIDTHS[column])
        self.table.selectionModel().currentRowChanged.connect(self._on_current)
        self.table.activated.connect(self._on_activated)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.table)

    def title(self, count: int | None) -> str:
        name = (
            QCoreApplication.translate("queues", self.queue.title)
            if self.queue.translatable
            else self.queue.title
        )
        return name if count is None else f"{name} ({count})"

    def current_ticket(self) -> int | None:
        index = self.table.currentIndex()
        return index.data(TICKET_ID_ROLE) if index.isValid() else None

    # Loading ---------------------------------------------------------------------------------------

    def reload(self, flt: QueueFilter | None = None) -> None:
        """Load the first page for the filter (the last one when not given) and the current sort."""
        if flt is not None:
            self.filter = flt
        self._generation += 1
        self._loading = True
        generation, db, queue, current, order = (
            self._generation,
            self.db,
            self.queue,
            self.filter,
            self.model.order,
        )
        run_in_background(
            lambda: (generation, queue_page(db, queue, current, order)), self._on_loaded, self._on_failed
        )

    def _on_sort(self, _sort: object) -> None:
        """A new order: reload, unless the tab was never asked for its rows (it is still being built)."""
        if self.is_loaded or self._loading:
            self.reload()

    def _load_more(self) -> None:
        generation, db, queue, current, order = (
            self._generation,
            self.db,
            self.queue,
            self.filter,
            self.model.order,
        )
        offset = len(self.model.rows())
        run_in_background(
            lambda: (generation, queue_page(db, queue, current, order, offset=offset)),
            self._on_more,
            self._on_failed,
        )

    def refresh(self, ticket_ids: set[int]) -> None:
        """The feed named changed tickets: find where they stand now (later, if a load is under way)."""
        if self._loading:
            self._waiting_ids |= ticket_ids
            return
        generation, db, queue, current, order = (
            self._generation,
            self.db,
            self.queue,
            self.filter,
            self.model.order,
        )
        wanted = set(ticket_ids)
        run_in_background(
            lambda: (generation, queue_changes(db, queue, wanted, current, order)),
            self._on_refreshed,
            self._on_failed,
        )

    def _on_loaded(self, result: tuple[int, QueuePage]) -> None:
        generation, page = result
        if generation != self._generation:
            return
        self._loading = False
        keep = self.selection.ticket_id
        self.model.now = datetime.now(UTC)
        self.model.set_rows(page.rows, page.total)
        self.is_loaded = True
        if keep is not None:
            self.select_ticket(keep, scroll=True)
        self.loaded.emit()
        if self._waiting_ids:
            waiting, self._waiting_ids = self._waiting_ids, set()
            self.refresh(waiting)

    def _on_more(self, result: tuple[int, QueuePage]) -> None:
        generation, page = result
        if generation == self._generation:
            self.model.append_page(page.rows, page.total)
        else:
            self.model.fetching = False

    def _on_refreshed(self, result: tuple[int, QueueChanges]) -> None:
        generation, changes = result
        if generation != self._generation or self._loading:
            return
        self.model.apply(changes)
        self.refreshed.emit()

    def _on_failed(self, exc: BaseException) -> None:
        self._loading = False
        self.model.fetching = False
        log.warning("queue %s could not be loaded: %s", self.queue.key, exc)

    # Selection -------------------------------------------------------------------------------------

    def select_ticket(self, ticket_id: int, *, scroll: bool = True) -> bool:
        position = self.model.row_of(ticket_id)
        if position is None:
            return False
        index = self.model.index(position, 0)
        self.table.selectionModel().setCurrentIndex(
            index, QItemSelectionModel.SelectionFlag.ClearAndSelect | QItemSelectionModel.SelectionFlag.Rows
        )
        if scroll:
            self.table.scrollTo(index)
        return True

    def _on_current(self, current: QModelIndex, _previous: QModelIndex) -> None:
        if current.isValid():
            self.selection.select_ticket(current.data(TICKET_ID_ROLE), current.data(CLIENT_ID_ROLE))

    def _on_activated(self, index: QModelIndex) -> None:
        if index.isValid():
            self.opened.emit(index.data(TICKET_ID_ROLE))


class QueuePanel(QWidget):
    """Queues as tabs under one filter bar; tab titles carry live counts."""

    ticket_opened = Signal(int)

    def __init__(
        self,
        db: Database,
        feed: FeedBridge,
        selection: Selection,
        user_id: int | None = None,
        parent: QWidget | None = None,
    ):
        super().__init__(parent)
        self.setObjectName("queue_panel")
        self.db = db
        self.selection = selection
        self.user_id = user_id
        self.filter_bar = QueueFilterBar(db, self)
        self.filter_bar.setObjectName("queue_filter_bar")
        self.shown = QLabel(self)
        self.shown.setObjectName("queue_shown")
        self.tabs = QTabWidget(self)
        self.tabs.setObjectName("queue_tabs")
        self.tabs.setUsesScrollButtons(True)
        self.queue_tabs: list[QueueTab] = []
        self.counts: dict[str, int] = {}
        self.lists = PickLists([], [], [])
        self._counting = False
        self._count_again = False
        self._started = False
        for queue in self._fixed_queues():
            self.add_queue(queue)
        header = QHBoxLayout()
        header.setContentsMargins(0, 0, 0, 0)
        header.addStretch(1)
        header.addWidget(self.shown)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(4, 4, 4, 4)
        layout.addWidget(self.filter_bar)
        layout.addLayout(header)
        layout.addWidget(self.tabs)
        self.filter_bar.changed.connect(self._on_filter)
        self.filter_bar.save_requested.connect(self.save_current_filter)
        self.tabs.currentChanged.connect(self._on_tab_changed)
        feed.changed.connect(self._on_changes)
        selection.ticket_selected.connect(self._follow_selection)
        self._clock = QTimer(self)
        self._clock.setInterval(CLOCK_REFRESH_MS)
        self._clock.timeout.connect(self._tick)
        self._clock.start()

    def _fixed_queues(self) -> list[Queue]:
        queues = list(BUILT_IN)
        if self.user_id is not None:
            queues.append(my_queue(self.user_id))
        return queues

    def add_queue(self, queue: Queue) -> QueueTab:
        tab = QueueTab(self.db, queue, self.selection, self.tabs)
        tab.loaded.connect(self._update_shown)
        tab.refreshed.connect(self._update_shown)
        tab.opened.connect(self.ticket_opened)
        self.queue_tabs.append(tab)
        self.tabs.addTab(tab, tab.title(self.counts.get(queue.key)))
        return tab

    def remove_queue(self, key: str) -> None:
        tab = self.tab(key)
        self.queue_tabs.remove(tab)
        self.tabs.removeTab(self.tabs.indexOf(tab))
        tab.deleteLater()

    def load(self) -> None:
        """Load the current queue, the counts, the filter's pick lists and one queue per skill."""
        self._started = True
        db, user_id = self.db, self.user_id
        run_in_background(
            lambda: (pick_lists(db), skill_queues(db), saved_queues(db, user_id) if user_id else []),
            self._on_lists,
        )
        self.current_tab().reload(self.filter_bar.current())
        self.refresh_counts()

    def _on_lists(self, result: tuple[PickLists, list[Queue], list[Queue]]) -> None:
        lists, by_skill, own = result
        self.lists = lists
        self.filter_bar.set_choices(lists)
        for queue in [*by_skill, *own]:
            if not any(tab.queue.key == queue.key for tab in self.queue_tabs):
                self.add_queue(queue)
        self.refresh_counts()

    def shutdown(self) -> None:
        """Stop the clock; the panel is closing."""
        self._clock.stop()

    def tab(self, key: str) -> QueueTab:
        for tab in self.queue_tabs:
            if tab.queue.key == key:
                return tab
        raise KeyError(key)

    def current_tab(self) -> QueueTab:
        widget = self.tabs.currentWidget()
        assert isinstance(widget, QueueTab), "the queue panel always has a current queue"
        return widget

    def show_queue(self, position: int) -> None:
        """Make the queue at `position` (0-based; negative counts from the end) current."""
        count = self.tabs.count()
        if count:
            self.tabs.setCurrentIndex(position % count)

    def step_queue(self, step: int) -> None:
        self.show_queue(self.tabs.currentIndex() + step)

    def filter_by_client(self, client_id: int) -> bool:
        """Show the client's open tickets: the first queue, filtered by the client."""
        self.tabs.setCurrentIndex(0)
        return self.filter_bar.set_client(client_id)

    def focus_search(self) -> None:
        self.filter_bar.search.setFocus(Qt.FocusReason.ShortcutFocusReason)
        self.filter_bar.search.selectAll()

    def focus_table(self) -> None:
        self.current_tab().table.setFocus(Qt.FocusReason.ShortcutFocusReason)

    def current_ticket(self) -> int | None:
        return self.current_tab().current_ticket()

    # Counts ----------------------------------------------------------------------------------------

    def refresh_counts(self) -> None:
        """Recount every queue in one read; a request while one is under way runs once after it."""
        if self._counting:
            self._count_again = True
            return
        self._counting = True
        db, queues = self.db, [tab.queue for tab in self.queue_tabs]
        run_in_background(lambda: queue_counts(db, queues), self._on_counts, self._on_count_failed)

    def _on_counts(self, counts: dict[str, int]) -> None:
        self._counting = False
        self.counts = counts
        for tab in self.queue_tabs:
            self.tabs.setTabText(self.tabs.indexOf(tab), tab.title(counts.get(tab.queue.key)))
        self._update_shown()
        if self._count_again:
            self._count_again = False
            self.refresh_counts()

    def _on_count_failed(self, exc: BaseException) -> None:
        self._counting = False
        log.warning("queue counts could not be read: %s", exc)

    def _update_shown(self) -> None:
        tab = self.current_tab()
        if not tab.is_loaded:
            self.shown.clear()
            return
        total = self.counts.get(tab.queue.key)
        if tab.filter.is_empty() or total is None:
            self.shown.setText(self.tr("%1 tickets").replace("%1", QLocale().toString(tab.model.total)))
        else:
            self.shown.setText(
                self.tr("%1 of %2 tickets match the filter")
                .replace("%1", QLocale().toString(tab.model.total))
                .replace("%2", QLocale().toString(total))
            )

    # Reactions -------------------------------------------------------------------------------------

    def _on_filter(self, flt: QueueFilter) -> None:
        tab = self.current_tab()
        if flt != tab.filter or not tab.is_loaded:
            tab.reload(flt)

    def _on_tab_changed(self, _position: int) -> None:
        if not self._started:
            return
        tab = self.current_tab()
        wanted = self.filter_bar.current()
        if tab.is_loaded and tab.filter != wanted:
            # Rows of another filter would be wrong for a moment and cost a repaint.
            tab.model.set_rows([], 0)
        if not tab.is_loaded or tab.filter != wanted:
            tab.reload(wanted)
        self._update_shown()

    def _on_changes(self, by_entity: dict[str, set[int]], _changes: list[object]) -> None:
        ticket_ids = by_entity.get("tickets")
        if not ticket_ids or not self._started:
            return
        wanted = self.filter_bar.current()
        for tab in self.queue_tabs:
            # Tabs under another filter reload when shown; the rest stay live, so switching is instant.
            if tab.is_loaded and tab.filter == wanted:
                tab.refresh(ticket_ids)
        self.refresh_counts()

    def save_current_filter(self) -> SaveQueueDialog | None:
        """Ask for a name and save the current queue with the current filter as the user's own queue."""
        if self.user_id is None:
            return None
        db, user_id, base, flt = self.db, self.user_id, self.current_tab().queue, self.filter_bar.current()
        dialog = SaveQueueDialog(lambda name: save_queue(db, user_id, name, base, flt), self._on_saved, self)
        dialog.open()
        return dialog

    def _on_saved(self, queue: Queue) -> None:
        tab = self.add_queue(queue)
        self.filter_bar.reset()
        self.tabs.setCurrentWidget(tab)
        self.refresh_counts()

    def delete_current_queue(self) -> bool:
        """Delete the current queue if it is one of the user's own."""
        tab = self.current_tab()
        saved_id, user_id = tab.queue.saved_id, self.user_id
        if saved_id is None or user_id is None:
            return False
        db = self.db
        run_in_background(lambda: delete_saved_queue(db, user_id, saved_id), lambda _gone: None)
        self.remove_queue(tab.queue.key)
        return True

    def _follow_selection(self, ticket_id: int) -> None:
        current = self.current_tab()
        if current.current_ticket() != ticket_id:
            current.select_ticket(ticket_id)

    def _tick(self) -> None:
        now = datetime.now(UTC)
        self.current_tab().model.refresh_clock(now)
