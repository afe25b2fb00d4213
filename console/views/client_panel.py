"""The client context panel: everything about the caller's company while the call is on.

It follows the selected ticket or the client picked in a search. The header and the contracts come
first (one quick read on a worker thread); sites, contacts and recent tickets follow in a second
read, and the equipment tree, repair history, failure statistics and knowledge base load when
their tab needs them. Every answer is tagged with the client it was asked for, so a late answer
for a previous caller never overwrites the current one. When the change feed reports changes,
`affected_sections` says which parts concern this client, and only those are read again.
"""

from __future__ import annotations

from collections.abc import Callable, Collection
from typing import Any

from PySide6.QtCore import QModelIndex, Qt, QTimer, Signal
from PySide6.QtWidgets import (
    QLabel,
    QLineEdit,
    QPushButton,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from console.services.client_overview import (
    ContractCard,
    SiteCard,
    affected_sections,
    client_contact_cards,
    client_contracts,
    client_header,
    client_site_cards,
    recent_tickets,
)
from console.services.equipment_history import ArticleSummary, knowledge_for_model
from console.services.ticket_context import TicketContext, ticket_context
from console.store.database import Database
from console.views.background import run_in_background
from console.views.client_columns import (
    article_columns,
    contact_columns,
    contract_columns,
    recent_ticket_columns,
    site_columns,
)
from console.views.client_header_view import ClientHeaderView
from console.views.equipment_tab import EquipmentTab, record_table
from console.views.feed_bridge import FeedBridge
from console.views.labels import priority_label, target_text
from console.views.record_model import RecordTableModel
from console.views.selection import Selection

FIRST_SCREEN = frozenset({"header", "contracts"})
REST = frozenset({"sites", "contacts", "recent"})
REFRESH_DELAY_MS = 300
SEARCH_DELAY_MS = 250
_TICKET_ENTITIES = ("contracts", "contacts", "sites", "equipment")


def _load_sections(db: Database, client_id: int, sections: Collection[str]) -> dict[str, Any]:
    """The named sections of the client's panel, read on a worker thread."""
    readers: dict[str, Callable[[Database, int], Any]] = {
        "header": client_header,
        "contracts": client_contracts,
        "sites": client_site_cards,
        "contacts": client_contact_cards,
        "recent": recent_tickets,
    }
    return {name: readers[name](db, client_id) for name in readers if name in sections}


class ClientPanel(QWidget):
    first_screen_shown = Signal(int)
    """The header and contracts of this client are on screen."""
    filled = Signal(int)
    """Sites, contacts and recent tickets of this client are on screen too."""
    ticket_open_requested = Signal(int)
    queue_requested = Signal(int)
    """Show this client's tickets in the queue."""

    def __init__(self, db: Database, feed: FeedBridge, selection: Selection, parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("client_panel")
        self.db = db
        self.selection = selection
        self.client_id: int | None = None
        self.context: TicketContext | None = None
        self._generation = 0
        self._pending: dict[str, set[int]] = {}
        self._ticket_stale = False
        self._model_id: int | None = None
        self._model_name = ""

        self.header = ClientHeaderView(self)
        self.contracts = RecordTableModel(contract_columns(), self)
        self.contracts_view = record_table(self, "client_contracts", self.contracts)
        self.contract_detail = QLabel(self)
        self.contract_detail.setObjectName("contract_detail")
        self.contract_detail.setTextFormat(Qt.TextFormat.PlainText)
        self.contract_detail.setWordWrap(True)
        self.sites = RecordTableModel(site_columns(), self)
        self.sites_view = record_table(self, "client_sites", self.sites)
        self.equipment = EquipmentTab(db, self)
        self.contacts = RecordTableModel(contact_columns(), self)
        self.contacts_view = record_table(self, "client_contacts", self.contacts)
        self.articles = RecordTableModel(article_columns(), self)
        self.articles_view = record_table(self, "knowledge_articles", self.articles)
        self.knowledge_search = QLineEdit(self)
        self.knowledge_search.setObjectName("knowledge_search")
        self.knowledge_search.setPlaceholderText(self.tr("Search the model's articles…"))
        self.knowledge_search.setClearButtonEnabled(True)
        self.knowledge_hint = QLabel(
            self.tr("Select a unit on the Equipment tab to see its model's articles."), self
        )
        self.recent = RecordTableModel(recent_ticket_columns(), self)
        self.recent_view = record_table(self, "recent_tickets", self.recent)
        self.show_in_queue = QPushButton(self.tr("Show this client's tickets in the queue"), self)
        self.show_in_queue.setObjectName("show_in_queue")
        self.show_in_queue.setEnabled(False)

        self.tabs = QTabWidget(self)
        self.tabs.setObjectName("client_tabs")
        self.tabs.addTab(self._page(self.contracts_view, self.contract_detail), self.tr("Contracts"))
        site_hint = QLabel(self.tr("Click a site to show it on the map and its equipment here."), self)
        self.tabs.addTab(self._page(site_hint, self.sites_view), self.tr("Sites"))
        self.tabs.addTab(self.equipment, self.tr("Equipment"))
        self.tabs.addTab(self.contacts_view, self.tr("Contacts"))
        self.tabs.addTab(
            self._page(self.knowledge_search, self.knowledge_hint, self.articles_view), self.tr("Knowledge")
        )
        self.tabs.addTab(self._page(self.recent_view, self.show_in_queue), self.tr("Recent tickets"))
        layout = QVBoxLayout(self)
        layout.setContentsMargins(4, 4, 4, 4)
        layout.addWidget(self.header)
        layout.addWidget(self.tabs, 1)

        self._refresh_timer = QTimer(self)
        self._refresh_timer.setSingleShot(True)
        self._refresh_timer.setInterval(REFRESH_DELAY_MS)
        self._refresh_timer.timeout.connect(self._refresh_pending)
        self._search_timer = QTimer(self)
        self._search_timer.setSingleShot(True)
        self._search_timer.setInterval(SEARCH_DELAY_MS)
        self._search_timer.timeout.connect(self.load_knowledge)

        selection.client_selected.connect(self.show_client)
        selection.ticket_selected.connect(self.show_ticket)
        feed.changed.connect(self._on_changes)
        self.contracts_view.selectionModel().currentRowChanged.connect(self._on_contract)
        self.sites_view.clicked.connect(self._on_site_clicked)
        self.recent_view.clicked.connect(self._on_recent_clicked)
        self.recent_view.activated.connect(self._on_recent_activated)
        self.show_in_queue.clicked.connect(self._on_show_in_queue)
        self.equipment.unit_selected.connect(self._on_unit)
        self.knowledge_search.textChanged.connect(self._search_timer.start)

    def _page(self, *widgets: QWidget) -> QWidget:
        page = QWidget(self)
        box = QVBoxLayout(page)
        box.setContentsMargins(0, 0, 0, 0)
        for widget in widgets:
            box.addWidget(widget, 1 if widget.inherits("QAbstractItemView") else 0)
        return page

    # Which client -------------------------------------------------------------------------------------

    def show_client(self, client_id: int) -> None:
        """Show the client: the first screen at once, the rest right after."""
        if client_id != self.client_id:
            self.client_id = client_id
            self._generation += 1
            self._pending.clear()
            self.header.clear_header()
            for model in (self.contracts, self.sites, self.contacts, self.recent, self.articles):
                model.set_rows([])
            self.contract_detail.clear()
            self.equipment.clear()
            self._model_id, self._model_name = None, ""
            self.knowledge_hint.setText(
                self.tr("Select a unit on the Equipment tab to see its model's articles.")
            )
            self.show_in_queue.setEnabled(True)
            if self.context is None or self.context.client_id != client_id:
                self.header.show_ticket(None)
        self._load(FIRST_SCREEN)

    def _load(self, sections: Collection[str]) -> None:
        db, client_id, generation = self.db, self.client_id, self._generation
        if client_id is None:
            return
        wanted = frozenset(sections)
        run_in_background(lambda: (generation, _load_sections(db, client_id, wanted)), self._on_sections)

    def _on_sections(self, result: tuple[int, dict[str, Any]]) -> None:
        generation, sections = result
        if generation != self._generation or self.client_id is None or not self._apply(sections):
            return
        if sections.keys() >= FIRST_SCREEN:
            self.first_screen_shown.emit(self.client_id)
            self._load(REST)
        elif sections.keys() >= REST:
            self.filled.emit(self.client_id)

    def _apply(self, sections: dict[str, Any]) -> bool:
        """Show what was read; False when the client is gone."""
        if "header" in sections:
            if sections["header"] is None:
                self.header.title.setText(self.tr("This client no longer exists."))
                return False
            self.header.show_header(sections["header"])
        if "contracts" in sections:
            self._show_contracts(sections["contracts"])
        if "sites" in sections:
            self.sites.set_rows(sections["sites"])
            preferred = (
                self.context.site_id if self.context and self.context.client_id == self.client_id else None
            )
            self.equipment.set_sites(sections["sites"], preferred)
        if "contacts" in sections:
            self.contacts.set_rows(sections["contacts"])
        if "recent" in sections:
            self.recent.set_rows(sections["recent"])
        return True

    def _show_contracts(self, cards: list[ContractCard]) -> None:
        current = self.contracts_view.currentIndex().row()
        self.contracts.set_rows(cards)
        if cards:
            self.contracts_view.selectRow(min(max(current, 0), len(cards) - 1))
        else:
            self.contract_detail.setText(
                self.tr("No contract: every ticket of this client is billable work without an SLA.")
            )

    def _on_contract(self, current: QModelIndex, _previous: QModelIndex) -> None:
        if not current.isValid():
            return
        card: ContractCard = self.contracts.record(current.row())
        lines = [
            self.tr("Contract %1, SLA policy %2, calendar %3.")
            .replace("%1", card.number)
            .replace("%2", card.sla_policy or self.tr("none"))
            .replace("%3", card.sla_calendar or "—")
        ]
        for priority, reaction, arrival, resolution in card.sla_targets:
            lines.append(
                self.tr("%1: reaction %2, arrival %3, resolution %4")
                .replace("%1", priority_label(priority))
                .replace("%2", target_text(reaction))
                .replace("%3", target_text(arrival) if arrival is not None else self.tr("remote only"))
                .replace("%4", target_text(resolution))
            )
        if card.effective_state in ("suspended", "terminated", "expired", "not_started"):
            lines.append(self.tr("New tickets under this contract are not covered: the work will be billed."))
        self.contract_detail.setText("\n".join(lines))

    # The selected ticket ------------------------------------------------------------------------------

    def show_ticket(self, ticket_id: int) -> None:
        db = self.db
        run_in_background(lambda: ticket_context(db, ticket_id), self._on_ticket_context)

    def _on_ticket_context(self, context: TicketContext | None) -> None:
        if context is None or context.ticket_id != self.selection.ticket_id:
            return
        self.context = context
        if context.client_id != self.client_id:
            self.show_client(context.client_id)
        self.header.show_ticket(context)
        self.equipment.focus_unit(context.site_id, context.equipment_id)

    # Clicks --------------------------------------------------------------------------------------------

    def _on_site_clicked(self, index: QModelIndex) -> None:
        card: SiteCard = self.sites.record(index.row())
        self.selection.select_site(card.id)
        self.equipment.focus_unit(card.id, None)

    def _on_recent_clicked(self, index: QModelIndex) -> None:
        if self.client_id is not None:
            self.selection.select_ticket(self.recent.record(index.row()).id, self.client_id)

    def _on_recent_activated(self, index: QModelIndex) -> None:
        self.ticket_open_requested.emit(self.recent.record(index.row()).id)

    def _on_show_in_queue(self) -> None:
        if self.client_id is not None:
            self.queue_requested.emit(self.client_id)

    # Knowledge base ------------------------------------------------------------------------------------

    def _on_unit(self, _equipment_id: int, model_id: int, model_name: str) -> None:
        if model_id != self._model_id:
            self._model_id, self._model_name = model_id, model_name
            self.load_knowledge()

    def load_knowledge(self) -> None:
        model_id = self._model_id
        if model_id is None:
            return
        db, text = self.db, self.knowledge_search.text()
        run_in_background(
            lambda: (model_id, text, knowledge_for_model(db, model_id, text)), self._on_articles
        )

    def _on_articles(self, result: tuple[int, str, list[ArticleSummary]]) -> None:
        model_id, text, articles = result
        if model_id != self._model_id or text != self.knowledge_search.text():
            return
        self.articles.set_rows(articles)
        model = self._model_name
        if articles:
            self.knowledge_hint.setText(
                self.tr("%1 articles for %2.").replace("%1", str(len(articles))).replace("%2", model)
            )
        else:
            self.knowledge_hint.setText(self.tr("No articles for %1 match.").replace("%1", model))

    # Live updates --------------------------------------------------------------------------------------

    def _on_changes(self, by_entity: dict[str, set[int]], _changes: list[object]) -> None:
        if self.client_id is None:
            return
        for entity, ids in by_entity.items():
            self._pending.setdefault(entity, set()).update(ids)
        if self.context is not None and (
            self.context.ticket_id in by_entity.get("tickets", set())
            or any(entity in by_entity for entity in _TICKET_ENTITIES)
        ):
            self._ticket_stale = True
        self._refresh_timer.start()

    def _refresh_pending(self) -> None:
        changes, self._pending = self._pending, {}
        if self._ticket_stale and self.context is not None:
            self._ticket_stale = False
            self.show_ticket(self.context.ticket_id)
        db, client_id, generation = self.db, self.client_id, self._generation
        if client_id is None or not changes:
            return

        def work() -> tuple[int, dict[str, Any], frozenset[str]]:
            stale = affected_sections(db, client_id, changes)
            return generation, _load_sections(db, client_id, stale), stale

        run_in_background(work, self._on_refreshed)

    def _on_refreshed(self, result: tuple[int, dict[str, Any], frozenset[str]]) -> None:
        generation, sections, stale = result
        if generation != self._generation:
            return
        self._apply(sections)
        if "equipment" in stale:
            self.equipment.reload()
