"""Registering a ticket from a call, with the keyboard alone.

Type anything the caller says (company, tax number, phone, address, serial or inventory number),
Enter picks the best match and preselects the contact, site and unit it came from; the focus then
lands on the title. The contact's authority, the contract's coverage and the suggested priority
and skill follow every choice; work the contract does not cover can be saved only once the
dispatcher ticks "register as billable work". Ctrl+Enter registers. Every lookup runs on the
thread pool; answers to superseded questions are dropped.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

from PySide6.QtCore import QEvent, QObject, Qt, QTimer, Signal
from PySide6.QtGui import QKeyEvent, QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QListView,
    QPlainTextEdit,
    QVBoxLayout,
    QWidget,
)

from console.models.base import CATEGORIES, CHANNELS, PRIORITIES
from console.services.client_lookup import ClientMatch, find_clients
from console.services.pick_lists import Choice
from console.services.ticket_intake import (
    AuthorityCheck,
    ContactOption,
    CoverageCheck,
    EquipmentOption,
    Notice,
    SiteOption,
    Suggestion,
    client_contacts,
    client_sites,
    contact_authority,
    coverage,
    site_equipment,
    suggest,
)
from console.services.tickets import TITLE_MAX, InvalidTicket, TicketDraft, create_ticket
from console.store.database import Database
from console.views.background import run_in_background
from console.views.client_match_model import ClientMatchModel
from console.views.errors_text import error_text, notice_text
from console.views.labels import category_label, priority_label

SEARCH_DELAY_MS = 120
ERROR_STYLE = "color: #c92a2a;"
WARNING_STYLE = "color: #b35c00;"


@dataclass(frozen=True, slots=True)
class _ClientData:
    contacts: list[ContactOption]
    sites: list[SiteOption]


@dataclass(frozen=True, slots=True)
class _Checks:
    authority: AuthorityCheck | None
    coverage: CoverageCheck
    suggestion: Suggestion


class _ArrowsToList(QObject):
    """Down/Up in the search box move through the matches; Enter picks the highlighted one."""

    def __init__(self, dialog: TicketIntakeDialog) -> None:
        super().__init__(dialog)
        self.dialog = dialog

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.KeyPress and isinstance(event, QKeyEvent):
            if event.key() in (Qt.Key.Key_Down, Qt.Key.Key_Up):
                self.dialog.move_match(1 if event.key() == Qt.Key.Key_Down else -1)
                return True
            if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter) and not event.modifiers():
                self.dialog.pick_current_match()
                return True
        return False


class TicketIntakeDialog(QDialog):
    """The new-ticket form; `registered(ticket_id)` is emitted once the ticket is saved."""

    registered = Signal(int)
    checked = Signal()
    client_picked = Signal(int)

    def __init__(
        self, db: Database, user_id: int | None, skills: list[Choice], parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.setObjectName("ticket_intake")
        self.setWindowTitle(self.tr("New ticket from a call"))
        self.db = db
        self.user_id = user_id
        self.client: ClientMatch | None = None
        self._search_generation = 0
        self._check_generation = 0
        self._checks: _Checks | None = None
        self._preselect: ClientMatch | None = None
        self.errors: dict[str, QLabel] = {}

        self.search = QLineEdit(self)
        self.search.setObjectName("intake_search")
        self.search.setPlaceholderText(
            self.tr("Company, tax number, phone, site address, serial or inventory number")
        )
        self.matches = ClientMatchModel(self)
        self.match_list = QListView(self)
        self.match_list.setObjectName("intake_matches")
        self.match_list.setModel(self.matches)
        self.match_list.setFixedHeight(120)
        self.match_list.activated.connect(lambda index: self.pick(self.matches.match_at(index.row())))
        self.search.installEventFilter(_ArrowsToList(self))
        self._search_timer = QTimer(self)
        self._search_timer.setSingleShot(True)
        self._search_timer.setInterval(SEARCH_DELAY_MS)
        self._search_timer.timeout.connect(self._run_search)
        self.search.textEdited.connect(lambda _text: self._search_timer.start())

        self.client_label = QLabel(self.tr("No client chosen yet"), self)
        self.client_label.setObjectName("intake_client")
        self.contact = self._combo("intake_contact")
        self.authority = self._note("intake_authority")
        self.site = self._combo("intake_site")
        self.equipment = self._combo("intake_equipment")
        self.category = self._combo("intake_category")
        for category in CATEGORIES:
            self.category.addItem(category_label(category), category)
        self.priority = self._combo("intake_priority")
        for priority in PRIORITIES:
            self.priority.addItem(priority_label(priority), priority)
        self.priority_reason = self._note("intake_priority_reason", style="color: #555;")
        self.skill = self._combo("intake_skill")
        self.skill.addItem(self.tr("No particular skill"), None)
        for skill in skills:
            self.skill.addItem(skill.name, skill.id)
        self.skill_reason = self._note("intake_skill_reason", style="color: #555;")
        self.channel = self._combo("intake_channel")
        for channel in CHANNELS:
            self.channel.addItem(self._channel_label(channel), channel)
        self.title = QLineEdit(self)
        self.title.setObjectName("intake_title")
        self.title.setMaxLength(TITLE_MAX + 50)
        self.title.setPlaceholderText(self.tr("What is wrong, in a few words"))
        self.description = QPlainTextEdit(self)
        self.description.setObjectName("intake_description")
        self.description.setTabChangesFocus(True)
        self.description.setMaximumHeight(90)
        self.coverage_note = self._note("intake_coverage")
        self.billable = QCheckBox(self.tr("Register as billable work (not covered by the contract)"), self)
        self.billable.setObjectName("intake_billable")
        self.billable.hide()
        self.form_error = self._note("intake_error", style=ERROR_STYLE)

        self.buttons = QDialogButtonBox(self)
        self.register = self.buttons.addButton(self.tr("Register"), QDialogButtonBox.ButtonRole.AcceptRole)
        self.register.setObjectName("intake_register")
        self.register.setToolTip(self.tr("Register the ticket (Ctrl+Enter)"))
        self.buttons.addButton(QDialogButtonBox.StandardButton.Cancel)
        self.buttons.accepted.connect(self.submit)
        self.buttons.rejected.connect(self.reject)
        for keys in ("Ctrl+Return", "Ctrl+Enter"):
            QShortcut(QKeySequence(keys), self, self.submit)

        form = QFormLayout()
        form.addRow(self.tr("Caller / client:"), self.search)
        form.addRow("", self.match_list)
        form.addRow(self.tr("Client:"), self.client_label)
        self._row(form, self.tr("Contact:"), self.contact, "contact", self.authority)
        self._row(form, self.tr("Site:"), self.site, "site")
        self._row(form, self.tr("Equipment:"), self.equipment, "equipment")
        self._row(form, self.tr("Category:"), self.category, "category")
        self._row(form, self.tr("Priority:"), self.priority, "priority", self.priority_reason)
        self._row(form, self.tr("Skill:"), self.skill, "skill", self.skill_reason)
        self._row(form, self.tr("Channel:"), self.channel, "channel")
        self._row(form, self.tr("Title:"), self.title, "title")
        self._row(form, self.tr("Description:"), self.description, "description")
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.coverage_note)
        layout.addWidget(self.billable)
        layout.addWidget(self.form_error)
        layout.addStretch(1)
        layout.addWidget(self.buttons)
        self.resize(760, 640)

        self.contact.currentIndexChanged.connect(self._recheck)
        self.site.currentIndexChanged.connect(self._on_site)
        self.equipment.currentIndexChanged.connect(self._recheck)
        self.category.currentIndexChanged.connect(self._recheck)
        self.priority.activated.connect(lambda _index: self.priority_reason.hide())
        self.skill.activated.connect(lambda _index: self.skill_reason.hide())
        self._set_client_fields_enabled(False)
        self.search.setFocus()

    # Building --------------------------------------------------------------------------------------

    def _combo(self, name: str) -> QComboBox:
        combo = QComboBox(self)
        combo.setObjectName(name)
        return combo

    def _note(self, name: str, style: str = WARNING_STYLE) -> QLabel:
        label = QLabel(self)
        label.setObjectName(name)
        label.setWordWrap(True)
        label.setStyleSheet(style)
        label.hide()
        return label

    def _row(
        self, form: QFormLayout, text: str, field: QWidget, key: str, note: QLabel | None = None
    ) -> None:
        form.addRow(text, field)
        if note is not None:
            form.addRow("", note)
        error = self._note(f"intake_error_{key}", style=ERROR_STYLE)
        self.errors[key] = error
        form.addRow("", error)

    def _channel_label(self, channel: str) -> str:
        return {
            "phone": self.tr("Phone"),
            "email": self.tr("Email"),
            "portal": self.tr("Portal"),
            "mobile": self.tr("Mobile app"),
            "planned": self.tr("Planned"),
        }.get(channel, channel)

    def _set_client_fields_enabled(self, enabled: bool) -> None:
        for widget in (self.contact, self.site, self.equipment):
            widget.setEnabled(enabled)
        self.register.setEnabled(enabled)

    # Finding the client ----------------------------------------------------------------------------

    def _run_search(self) -> None:
        self._search_generation += 1
        generation, db, text = self._search_generation, self.db, self.search.text()
        run_in_background(lambda: (generation, find_clients(db, text)), self._on_found)

    def _on_found(self, result: tuple[int, list[ClientMatch]]) -> None:
        generation, found = result
        if generation != self._search_generation:
            return
        self.matches.set_matches(found)
        if found:
            self.match_list.setCurrentIndex(self.matches.index(0))

    def move_match(self, step: int) -> None:
        count = self.matches.rowCount()
        if count:
            row = (self.match_list.currentIndex().row() + step) % count
            self.match_list.setCurrentIndex(self.matches.index(row))

    def pick_current_match(self) -> None:
        if self._search_timer.isActive():
            self._search_timer.stop()
            self._run_search_then_pick()
            return
        self.pick(self.matches.match_at(self.match_list.currentIndex().row()))

    def _run_search_then_pick(self) -> None:
        self._search_generation += 1
        generation, db, text = self._search_generation, self.db, self.search.text()

        def found(result: tuple[int, list[ClientMatch]]) -> None:
            self._on_found(result)
            if result[0] == self._search_generation and result[1]:
                self.pick(result[1][0])

        run_in_background(lambda: (generation, find_clients(db, text)), found)

    def pick(self, match: ClientMatch | None) -> None:
        """Take the client of `match`, preselecting the contact, site and unit it came from."""
        if match is None:
            return
        self.client = match
        self._preselect = match
        self.client_picked.emit(match.client_id)
        self.client_label.setText(f"{match.client_name} · {match.tier}")
        db, client_id = self.db, match.client_id
        run_in_background(
            lambda: (client_id, _ClientData(client_contacts(db, client_id), client_sites(db, client_id))),
            self._on_client_data,
            self._on_error,
        )

    def _on_client_data(self, result: tuple[int, _ClientData]) -> None:
        client_id, data = result
        if self.client is None or client_id != self.client.client_id:
            return
        preselect = self._preselect
        self._fill(
            self.contact,
            self.tr("Caller not among the contacts"),
            [(self._contact_text(c), c.id) for c in data.contacts],
            preselect.contact_id if preselect else None,
        )
        site_id = preselect.site_id if preselect else None
        if site_id is None and preselect and preselect.contact_id is not None:
            site_id = next((c.site_id for c in data.contacts if c.id == preselect.contact_id), None)
        if site_id is None and len(data.sites) == 1:
            site_id = data.sites[0].id
        self._fill(
            self.site,
            self.tr("No particular site"),
            [(self._site_text(s), s.id) for s in data.sites],
            site_id,
        )
        self._set_client_fields_enabled(True)
        self._on_site()
        self.title.setFocus()

    def _fill(
        self, combo: QComboBox, none_text: str, items: list[tuple[str, int]], current: int | None
    ) -> None:
        combo.blockSignals(True)
        combo.clear()
        combo.addItem(none_text, None)
        for text, ident in items:
            combo.addItem(text, ident)
        position = combo.findData(current) if current is not None else 0
        combo.setCurrentIndex(max(position, 0))
        combo.blockSignals(False)

    def _contact_text(self, contact: ContactOption) -> str:
        scope = {
            "client": self.tr("whole client"),
            "territory": self.tr("territory %1").replace("%1", contact.territory or ""),
            "site": self.tr("one site"),
        }.get(contact.scope, contact.scope)
        rights = [self.tr("may request") if contact.may_request else self.tr("may NOT request")]
        if contact.may_approve:
            rights.append(self.tr("may approve"))
        phone = contact.phone or contact.mobile or ""
        position = f", {contact.position}" if contact.position else ""
        return f"{contact.full_name}{position} · {phone} · {scope}; {', '.join(rights)}"

    def _site_text(self, site: SiteOption) -> str:
        if site.covered_by_contract:
            cover = self.tr("contract %1").replace("%1", site.covered_by_contract)
        else:
            cover = self.tr("not covered")
        return f"{site.name} — {site.address} ({cover})"

    def _equipment_text(self, unit: EquipmentOption) -> str:
        inventory = f", {self.tr('inv.')} {unit.inventory}" if unit.inventory else ""
        covered = "" if unit.covered else f" — {self.tr('not covered')}"
        child = "    " if unit.parent_id is not None else ""
        return f"{child}{unit.kind} {unit.model}, {self.tr('s/n')} {unit.serial}{inventory}{covered}"

    def _on_site(self) -> None:
        site_id = self.site.currentData()
        if site_id is None:
            self._fill(self.equipment, self.tr("No particular unit"), [], None)
            self._recheck()
            return
        db = self.db
        run_in_background(lambda: (site_id, site_equipment(db, site_id)), self._on_equipment, self._on_error)

    def _on_equipment(self, result: tuple[int, list[EquipmentOption]]) -> None:
        site_id, units = result
        if site_id != self.site.currentData():
            return
        wanted = self._preselect.equipment_id if self._preselect else None
        self._fill(
            self.equipment,
            self.tr("No particular unit"),
            [(self._equipment_text(u), u.id) for u in units],
            wanted,
        )
        self._recheck()

    # Checks ----------------------------------------------------------------------------------------

    def _recheck(self) -> None:
        """Ask again whether the contact may request this, what the contract covers and what to suggest."""
        if self.client is None:
            return
        self._check_generation += 1
        generation, db = self._check_generation, self.db
        client_id = self.client.client_id
        contact_id, site_id = self.contact.currentData(), self.site.currentData()
        equipment_id, category = self.equipment.currentData(), self.category.currentData()

        def work() -> tuple[int, _Checks]:
            authority = contact_authority(db, contact_id, site_id) if contact_id is not None else None
            return generation, _Checks(
                authority,
                coverage(db, client_id, site_id, equipment_id, category, datetime.now(UTC)),
                suggest(db, client_id, site_id, equipment_id, category),
            )

        run_in_background(work, self._on_checked, self._on_error)

    def _on_checked(self, result: tuple[int, _Checks]) -> None:
        generation, checks = result
        if generation != self._check_generation:
            return
        self._checks = checks
        self._show_notes(self.authority, checks.authority.warnings if checks.authority else ())
        self._show_notes(self.coverage_note, checks.coverage.warnings)
        self.billable.setVisible(not checks.coverage.covered)
        if checks.coverage.covered:
            self.billable.setChecked(False)
        suggestion = checks.suggestion
        self.priority.setCurrentIndex(max(self.priority.findData(suggestion.priority), 0))
        self.priority_reason.setText(
            self.tr("Suggested: %1").replace("%1", notice_text(suggestion.priority_reason))
        )
        self.priority_reason.show()
        if suggestion.skill_id is not None:
            self.skill.setCurrentIndex(max(self.skill.findData(suggestion.skill_id), 0))
        self.skill_reason.setText(
            self.tr("Suggested: %1").replace("%1", notice_text(suggestion.skill_reason))
        )
        self.skill_reason.show()
        self.checked.emit()

    def _show_notes(self, label: QLabel, notices: tuple[Notice, ...]) -> None:
        label.setText("\n".join(f"⚠ {notice_text(n)}" for n in notices))
        label.setVisible(bool(notices))

    # Saving ----------------------------------------------------------------------------------------

    def _clear_errors(self) -> None:
        for label in (*self.errors.values(), self.form_error):
            label.hide()

    def _refuse(self, key: str, text: str) -> None:
        label = self.errors.get(key, self.form_error)
        label.setText(text)
        label.show()
        focus: dict[str, QWidget] = {
            "title": self.title,
            "site": self.site,
            "contact": self.contact,
            "equipment": self.equipment,
            "description": self.description,
            "skill": self.skill,
            "category": self.category,
        }
        focus.get(key, self.search).setFocus()

    def draft(self) -> TicketDraft | None:
        """The form as a draft, or None (with the reason shown) when no client is chosen yet."""
        if self.client is None:
            self._refuse("client", self.tr("Find and pick the client first."))
            return None
        return TicketDraft(
            client_id=self.client.client_id,
            title=self.title.text(),
            category=self.category.currentData(),
            priority=self.priority.currentData(),
            channel=self.channel.currentData(),
            site_id=self.site.currentData(),
            contact_id=self.contact.currentData(),
            equipment_id=self.equipment.currentData(),
            skill_id=self.skill.currentData(),
            description=self.description.toPlainText(),
        )

    def submit(self) -> None:
        """Register the ticket on the thread pool; refusals are shown next to their field."""
        self._clear_errors()
        draft = self.draft()
        if draft is None:
            return
        if self.billable.isVisible() and not self.billable.isChecked():
            self._refuse(
                "billable",
                self.tr("The contract does not cover this work: tick “Register as billable work” to go on."),
            )
            self.billable.setFocus()
            return
        self.register.setEnabled(False)
        db, user_id = self.db, self.user_id
        run_in_background(
            lambda: create_ticket(db, draft, user_id=user_id), self._on_registered, self._on_refused
        )

    def _on_registered(self, ticket_id: int) -> None:
        self.registered.emit(ticket_id)
        self.accept()

    def _on_refused(self, exc: BaseException) -> None:
        self.register.setEnabled(True)
        field = exc.field if isinstance(exc, InvalidTicket) else "form"
        self._refuse(field, error_text(exc))

    def _on_error(self, exc: BaseException) -> None:
        self.form_error.setText(error_text(exc))
        self.form_error.show()


def open_intake(
    db: Database,
    user_id: int | None,
    skills: list[Choice],
    parent: QWidget,
    on_registered: Callable[[int], Any],
    on_client: Callable[[int], Any],
) -> TicketIntakeDialog:
    """Show the new-ticket dialog (not modal for the rest of the console's updates)."""
    dialog = TicketIntakeDialog(db, user_id, skills, parent)
    dialog.registered.connect(on_registered)
    dialog.client_picked.connect(on_client)
    dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
    dialog.open()
    return dialog
