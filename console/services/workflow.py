"""Ticket workflows per category: what may follow what, stages and their deadlines, checklists, hand-offs.

A `Workflow` is the plain, read-only picture of one category's settings (see
console/models/workflow.py): its statuses in menu order, each with the stage a ticket is in
there and how long it may stay; the allowed next statuses of each; how many days after
resolution a ticket may be reopened; the fields a ticket must have; the checklist to complete
before resolving. The ticket service (tickets.py) enforces it on every status change; this
module reads it, checks a supervisor's edit of it, and carries the two ticket actions that only
exist because of it: ticking checklist items and handing a ticket to another department or a
contractor.

A ticket whose status is not in its category's workflow (data from before the workflow, or a
status a supervisor dropped) may move to any status of the workflow, so that no ticket is stuck.

The ticket actions here use the ticket service's loading, history and saving, so that version
checks, history rows and SLA re-timing work as for every other change; tickets.py imports this
module for the rules, so those imports are made inside the functions.
"""

from __future__ import annotations

from collections import deque
from collections.abc import Collection, Iterable, Mapping, Sequence
from dataclasses import dataclass, replace
from datetime import datetime, timedelta

from sqlalchemy import delete, exists, select
from sqlalchemy.orm import Session
from sqlalchemy.orm.attributes import flag_modified

from console.errors import QT_TRANSLATE_NOOP, ConsoleError
from console.models import (
    MANDATORY_FIELDS,
    CategoryWorkflow,
    ChecklistItem,
    Contact,
    Equipment,
    Site,
    Skill,
    Ticket,
    TicketChecklistMark,
    User,
    WorkflowStatus,
    WorkflowTransition,
)
from console.models.base import CATEGORIES, utcnow
from console.services.access import require
from console.store.database import Database

HAND_OFF_STAGE = "contractor"
FINAL_STAGE = "done"
ENTRY_STATUS = "new"
CHECKLIST_TEXT_MAX = 200
HANDED_TO_MAX = 200
NOTE_MAX = 4000


class WorkflowError(ConsoleError):
    """A workflow could not be read or changed; nothing was saved."""


class WorkflowNotFound(WorkflowError):
    def __init__(self, category: str) -> None:
        self.category = category
        super().__init__(
            QT_TRANSLATE_NOOP("errors", "No workflow is defined for {category} tickets."), category=category
        )


class WorkflowConflict(WorkflowError):
    def __init__(self, category: str) -> None:
        self.category = category
        super().__init__(
            QT_TRANSLATE_NOOP(
                "errors",
                "The workflow of {category} tickets was changed by someone else since you opened it; reload "
                "it and apply your change again.",
            ),
            category=category,
        )


class InvalidWorkflow(WorkflowError):
    """A supervisor's edit was refused; `field` names the setting the message is about."""

    def __init__(self, field: str, template: str, **params: object) -> None:
        self.field = field
        super().__init__(template, **params)


@dataclass(frozen=True, slots=True)
class WorkflowStep:
    """A status of a workflow: the stage a ticket is in there and how long it may stay (None: no limit)."""

    status: str
    stage: str
    deadline_minutes: int | None

    def due(self, since: datetime) -> datetime | None:
        """When a ticket that entered this status at `since` is late in it."""
        return None if self.deadline_minutes is None else since + timedelta(minutes=self.deadline_minutes)


@dataclass(frozen=True, slots=True)
class ChecklistItemInfo:
    id: int
    text: str


@dataclass(frozen=True, slots=True)
class ChecklistEntry:
    """A checklist item as it stands on one ticket; `done_at` is None while it is not done."""

    item_id: int
    text: str
    done_at: datetime | None
    done_by: str | None

    @property
    def done(self) -> bool:
        return self.done_at is not None


@dataclass(frozen=True, slots=True)
class Workflow:
    """One category's workflow as stored; `version` is what `update_workflow` expects back."""

    category: str
    statuses: tuple[WorkflowStep, ...]
    transitions: Mapping[str, tuple[str, ...]]
    reopen_days: int
    mandatory_fields: tuple[str, ...]
    checklist: tuple[ChecklistItemInfo, ...]
    version: int

    def has(self, status: str) -> bool:
        return any(step.status == status for step in self.statuses)

    def step(self, status: str) -> WorkflowStep:
        """The step of `status`; KeyError if the workflow has no such status."""
        for step in self.statuses:
            if step.status == status:
                return step
        raise KeyError(status)

    def next_statuses(self, status: str) -> tuple[str, ...]:
        """The statuses a ticket in `status` may move to, in menu order."""
        if not self.has(status):
            return tuple(step.status for step in self.statuses)
        return self.transitions.get(status, ())

    def allows(self, old: str, new: str) -> bool:
        return new in self.next_statuses(old)

    @property
    def hand_off_status(self) -> str | None:
        """The status of handing a ticket to another department or a contractor, if the workflow has one."""
        return next((step.status for step in self.statuses if step.stage == HAND_OFF_STAGE), None)

    def reopen_limit(self, resolved_at: datetime | None, closed_at: datetime | None) -> datetime | None:
        """The last moment a ticket may be reopened: `reopen_days` after its resolution (else its closure)."""
        finished = resolved_at or closed_at
        return None if finished is None else finished + timedelta(days=self.reopen_days)


def load_workflow(session: Session, category: str) -> Workflow:
    """The workflow of `category` as stored in the session's transaction."""
    settings = session.get(CategoryWorkflow, category)
    if settings is None:
        raise WorkflowNotFound(category)
    steps = tuple(
        WorkflowStep(row.status, row.stage, row.deadline_minutes)
        for row in session.scalars(
            select(WorkflowStatus)
            .where(WorkflowStatus.category == category)
            .order_by(WorkflowStatus.position, WorkflowStatus.status)
        )
    )
    order = {step.status: index for index, step in enumerate(steps)}
    targets: dict[str, list[str]] = {}
    for old, new in session.execute(
        select(WorkflowTransition.from_status, WorkflowTransition.to_status).where(
            WorkflowTransition.category == category
        )
    ):
        targets.setdefault(old, []).append(new)
    checklist = tuple(
        ChecklistItemInfo(item.id, item.text)
        for item in session.scalars(
            select(ChecklistItem).where(ChecklistItem.category == category).order_by(ChecklistItem.position)
        )
    )
    return Workflow(
        category=category,
        statuses=steps,
        transitions={old: tuple(sorted(new, key=order.__getitem__)) for old, new in targets.items()},
        reopen_days=settings.reopen_days,
        mandatory_fields=_split_fields(settings.mandatory_fields),
        checklist=checklist,
        version=settings.version,
    )


def workflow_for(db: Database, category: str) -> Workflow:
    with db.session() as session:
        return load_workflow(session, category)


def all_workflows(db: Database) -> dict[str, Workflow]:
    """Every category's workflow, in the order of CATEGORIES."""
    with db.session() as session:
        stored = set(session.scalars(select(CategoryWorkflow.category)))
        return {category: load_workflow(session, category) for category in CATEGORIES if category in stored}


def _split_fields(text: str) -> tuple[str, ...]:
    named = {name.strip() for name in text.split(",")}
    return tuple(name for name in MANDATORY_FIELDS if name in named)


def check_workflow(workflow: Workflow) -> None:
    """Refuse a workflow a ticket could get lost in.

    It must have the status "new" (every ticket starts there), every status must be reachable
    from "new", every status outside the final stage must have a way out, and transitions may
    only join statuses of the workflow.
    """
    names = {step.status for step in workflow.statuses}
    if ENTRY_STATUS not in names:
        raise InvalidWorkflow(
            "statuses",
            QT_TRANSLATE_NOOP("errors", "The workflow has no status {status}."),
            status=ENTRY_STATUS,
        )
    for old, targets in workflow.transitions.items():
        strangers = sorted({old, *targets} - names)
        if strangers:
            raise InvalidWorkflow(
                "transitions",
                QT_TRANSLATE_NOOP(
                    "errors", "Transitions may only join statuses of the workflow, not {statuses}."
                ),
                statuses=", ".join(strangers),
            )
    reached = {ENTRY_STATUS}
    waiting = deque([ENTRY_STATUS])
    while waiting:
        for new in workflow.transitions.get(waiting.popleft(), ()):
            if new not in reached:
                reached.add(new)
                waiting.append(new)
    unreachable = [step.status for step in workflow.statuses if step.status not in reached]
    if unreachable:
        raise InvalidWorkflow(
            "transitions",
            QT_TRANSLATE_NOOP("errors", "No ticket can reach {statuses} from {entry}."),
            statuses=", ".join(unreachable),
            entry=ENTRY_STATUS,
        )
    stuck = [
        step.status
        for step in workflow.statuses
        if step.stage != FINAL_STAGE and not workflow.transitions.get(step.status)
    ]
    if stuck:
        raise InvalidWorkflow(
            "transitions",
            QT_TRANSLATE_NOOP("errors", "A ticket in {statuses} could never leave it."),
            statuses=", ".join(stuck),
        )


def missing_fields(
    session: Session,
    workflow: Workflow,
    *,
    client_id: int,
    site_id: int | None,
    contact_id: int | None,
    equipment_id: int | None,
    skill_id: int | None,
    description: str,
) -> tuple[str, ...]:
    """The category's mandatory fields a ticket leaves empty, in MANDATORY_FIELDS order.

    A field only counts as missing when the registry offers something to fill it with: a client
    without registered sites (or contacts), or a site without registered equipment, does not stop
    the dispatcher from registering the call.
    """
    missing: list[str] = []
    for name in workflow.mandatory_fields:
        if name == "description":
            if not description.strip():
                missing.append(name)
        elif name == "site":
            if site_id is None and session.scalar(select(exists().where(Site.client_id == client_id))):
                missing.append(name)
        elif name == "contact":
            if contact_id is None and session.scalar(select(exists().where(Contact.client_id == client_id))):
                missing.append(name)
        elif name == "equipment":
            if equipment_id is None:
                where = (
                    Equipment.site_id == site_id
                    if site_id is not None
                    else Equipment.site_id.in_(select(Site.id).where(Site.client_id == client_id))
                )
                if session.scalar(select(exists().where(where))):
                    missing.append(name)
        elif name == "skill" and skill_id is None and session.scalar(select(exists().select_from(Skill))):
            missing.append(name)
    return tuple(missing)


def undone_items(session: Session, ticket_id: int, workflow: Workflow) -> tuple[ChecklistItemInfo, ...]:
    """The items of the workflow's checklist not yet done on the ticket."""
    done = set(
        session.scalars(select(TicketChecklistMark.item_id).where(TicketChecklistMark.ticket_id == ticket_id))
    )
    return tuple(item for item in workflow.checklist if item.id not in done)


def next_statuses(db: Database, ticket_id: int) -> tuple[str, ...]:
    """The statuses the ticket's workflow lets it move to now: what its status menu offers.

    Moves refused for other reasons (an incomplete checklist, a reopening period that ran out)
    are still offered, so the dispatcher who picks one is told why it is refused.
    """
    from console.services.tickets import TicketNotFound

    with db.session() as session:
        row = session.execute(select(Ticket.category, Ticket.status).where(Ticket.id == ticket_id)).first()
        if row is None:
            raise TicketNotFound(ticket_id)
        return load_workflow(session, row.category).next_statuses(row.status)


def ticket_checklist(db: Database, ticket_id: int) -> list[ChecklistEntry]:
    """The checklist of the ticket's category, each item with when and by whom it was done on the ticket."""
    from console.services.tickets import TicketNotFound

    with db.session() as session:
        category = session.scalar(select(Ticket.category).where(Ticket.id == ticket_id))
        if category is None:
            raise TicketNotFound(ticket_id)
        rows = session.execute(
            select(ChecklistItem.id, ChecklistItem.text, TicketChecklistMark.done_at, User.full_name)
            .outerjoin(
                TicketChecklistMark,
                (TicketChecklistMark.item_id == ChecklistItem.id)
                & (TicketChecklistMark.ticket_id == ticket_id),
            )
            .outerjoin(User, User.id == TicketChecklistMark.done_by_id)
            .where(ChecklistItem.category == category)
            .order_by(ChecklistItem.position)
        )
        return [ChecklistEntry(item_id, text, done_at, done_by) for item_id, text, done_at, done_by in rows]


def set_checklist_item(
    db: Database,
    ticket_id: int,
    item_id: int,
    done: bool,
    *,
    expected_version: int,
    user_id: int | None = None,
    now: datetime | None = None,
) -> int:
    """Mark a checklist item done (or not done) on a ticket; returns the ticket's new version.

    The history gets a "checklist" row: the item's text as the new value when it is done, as the
    old value when it is undone. Setting an item to the state it already has changes nothing.
    """
    from console.services.tickets import InvalidTicket, _load, _save, record_change

    moment = now or utcnow()
    with db.transaction() as session:
        require(session, user_id, "tickets")
        ticket = _load(session, ticket_id, expected_version)
        item = session.get(ChecklistItem, item_id)
        if item is None or item.category != ticket.category:
            raise InvalidTicket(
                "checklist",
                QT_TRANSLATE_NOOP("errors", "Item {id} is not on the checklist of {category} tickets."),
                id=item_id,
                category=ticket.category,
            )
        mark = session.get(TicketChecklistMark, (ticket_id, item_id))
        if (mark is not None) == done:
            return ticket.version
        if mark is None:
            session.add(
                TicketChecklistMark(ticket_id=ticket_id, item_id=item_id, done_at=moment, done_by_id=user_id)
            )
            record_change(session, ticket, "checklist", None, item.text, user_id, moment)
        else:
            session.delete(mark)
            record_change(session, ticket, "checklist", item.text, None, user_id, moment)
        return _save(session, ticket, moment, user_id)


def hand_off(
    db: Database,
    ticket_id: int,
    to: str,
    *,
    expected_version: int,
    user_id: int | None = None,
    now: datetime | None = None,
    note: str = "",
) -> int:
    """Hand the ticket to a department or contractor `to`; returns the ticket's new version.

    The ticket moves to its workflow's hand-off status (the one in the "contractor" stage) under
    the usual transition rules, keeping its number, history and SLA clocks; the clocks stop only
    if the contract's SLA policy pauses them in that status. A ticket already handed off may be
    handed on to someone else. `handed_to` says who has it while it stays in the hand-off status;
    any status change out of it clears `handed_to` (the history keeps who had it). A note goes
    into the history as a "note" row.
    """
    from console.services.tickets import InvalidTicket, _load, _save, enter_status, record_change

    receiver = to.strip()
    if not receiver:
        raise InvalidTicket(
            "handed_to", QT_TRANSLATE_NOOP("errors", "Name the department or contractor the ticket goes to.")
        )
    if len(receiver) > HANDED_TO_MAX:
        raise InvalidTicket(
            "handed_to",
            QT_TRANSLATE_NOOP("errors", "The name is longer than {limit} characters."),
            limit=HANDED_TO_MAX,
        )
    if len(note) > NOTE_MAX:
        raise InvalidTicket(
            "note", QT_TRANSLATE_NOOP("errors", "The note is longer than {limit} characters."), limit=NOTE_MAX
        )
    moment = now or utcnow()
    with db.transaction() as session:
        require(session, user_id, "tickets")
        ticket = _load(session, ticket_id, expected_version)
        workflow = load_workflow(session, ticket.category)
        status = workflow.hand_off_status
        if status is None:
            raise InvalidTicket(
                "status",
                QT_TRANSLATE_NOOP("errors", "The workflow of {category} tickets has no hand-off."),
                category=ticket.category,
            )
        if ticket.status == status and ticket.handed_to == receiver:
            raise InvalidTicket(
                "handed_to",
                QT_TRANSLATE_NOOP("errors", "Ticket {number} is already with {receiver}."),
                number=ticket.number,
                receiver=receiver,
            )
        if ticket.status != status:
            enter_status(session, ticket, workflow, status, user_id, moment)
        record_change(session, ticket, "handed_to", ticket.handed_to, receiver, user_id, moment)
        ticket.handed_to = receiver
        if note.strip():
            record_change(session, ticket, "note", None, note.strip(), user_id, moment)
        return _save(session, ticket, moment, user_id)


def update_workflow(
    db: Database,
    category: str,
    *,
    expected_version: int,
    reopen_days: int | None = None,
    mandatory_fields: Collection[str] | None = None,
    deadlines: Mapping[str, int | None] | None = None,
    transitions: Mapping[str, Collection[str]] | None = None,
    checklist: Sequence[str] | None = None,
    user_id: int | None = None,
) -> int:
    """Change a category's workflow (a supervisor's edit); returns its new version.

    Only the given settings change. `deadlines` maps statuses to minutes (None: no deadline);
    `transitions` replaces every allowed move (a status left out gets no way out); `checklist`
    replaces the items in the given order, keeping an item that keeps its text (and its ticks on
    tickets) and dropping the ticks of removed items. Tickets keep the stage deadline they got on
    entering their status; new deadlines apply from their next status change. A workflow a ticket
    could get lost in is refused (see `check_workflow`), as is a save against a stale version.
    """
    with db.transaction() as session:
        require(session, user_id, "workflows")
        settings = session.get(CategoryWorkflow, category, with_for_update=True)
        if settings is None:
            raise WorkflowNotFound(category)
        if settings.version != expected_version:
            raise WorkflowConflict(category)
        current = load_workflow(session, category)
        statuses = {step.status for step in current.statuses}
        if reopen_days is not None and reopen_days < 0:
            raise InvalidWorkflow(
                "reopen_days", QT_TRANSLATE_NOOP("errors", "The reopening period cannot be negative.")
            )
        fields = None if mandatory_fields is None else ",".join(_mandatory(mandatory_fields))
        if deadlines is not None:
            _set_deadlines(session, category, statuses, deadlines)
        if transitions is not None:
            moves = _transitions(current, statuses, transitions)
            check_workflow(replace(current, transitions=moves))
            session.execute(delete(WorkflowTransition).where(WorkflowTransition.category == category))
            session.add_all(
                WorkflowTransition(category=category, from_status=old, to_status=new)
                for old, targets in moves.items()
                for new in targets
            )
        if checklist is not None:
            _replace_checklist(session, category, _checklist_texts(checklist))
        # The settings row changes last, so that it is written (and its version bumped) once.
        if reopen_days is not None:
            settings.reopen_days = reopen_days
        if fields is not None:
            settings.mandatory_fields = fields
        if not session.is_modified(settings):
            flag_modified(settings, "reopen_days")  # a new version even when only other tables changed
        session.flush()
        return settings.version


def _mandatory(fields: Iterable[str]) -> tuple[str, ...]:
    chosen = set(fields)
    unknown = sorted(chosen - set(MANDATORY_FIELDS))
    if unknown:
        raise InvalidWorkflow(
            "mandatory_fields",
            QT_TRANSLATE_NOOP("errors", "These fields cannot be made mandatory: {fields}."),
            fields=", ".join(unknown),
        )
    return tuple(name for name in MANDATORY_FIELDS if name in chosen)


def _set_deadlines(
    session: Session, category: str, statuses: set[str], deadlines: Mapping[str, int | None]
) -> None:
    for status, minutes in deadlines.items():
        if status not in statuses:
            raise InvalidWorkflow(
                "deadlines",
                QT_TRANSLATE_NOOP("errors", "{status} is not a status of the {category} workflow."),
                status=status,
                category=category,
            )
        if minutes is not None and minutes <= 0:
            raise InvalidWorkflow(
                "deadlines",
                QT_TRANSLATE_NOOP("errors", "The deadline of {status} must be at least one minute."),
                status=status,
            )
        session.get_one(WorkflowStatus, (category, status)).deadline_minutes = minutes


def _transitions(
    current: Workflow, statuses: set[str], wanted: Mapping[str, Collection[str]]
) -> dict[str, tuple[str, ...]]:
    moves: dict[str, tuple[str, ...]] = {}
    for old, targets in wanted.items():
        strangers = sorted(({old} | set(targets)) - statuses)
        if strangers:
            raise InvalidWorkflow(
                "transitions",
                QT_TRANSLATE_NOOP("errors", "{statuses} are not statuses of the {category} workflow."),
                statuses=", ".join(strangers),
                category=current.category,
            )
        if old in targets:
            raise InvalidWorkflow(
                "transitions",
                QT_TRANSLATE_NOOP("errors", "{status} cannot lead to itself."),
                status=old,
            )
        order = [step.status for step in current.statuses]
        moves[old] = tuple(sorted(set(targets), key=order.index))
    return moves


def _checklist_texts(texts: Sequence[str]) -> list[str]:
    cleaned = [text.strip() for text in texts]
    for text in cleaned:
        if not text:
            raise InvalidWorkflow("checklist", QT_TRANSLATE_NOOP("errors", "A checklist item needs a text."))
        if len(text) > CHECKLIST_TEXT_MAX:
            raise InvalidWorkflow(
                "checklist",
                QT_TRANSLATE_NOOP("errors", "A checklist item is longer than {limit} characters."),
                limit=CHECKLIST_TEXT_MAX,
            )
    doubles = sorted({text for text in cleaned if cleaned.count(text) > 1})
    if doubles:
        raise InvalidWorkflow(
            "checklist",
            QT_TRANSLATE_NOOP("errors", "The checklist has these items twice: {items}."),
            items="; ".join(doubles),
        )
    return cleaned


def _replace_checklist(session: Session, category: str, texts: list[str]) -> None:
    existing = {
        item.text: item
        for item in session.scalars(select(ChecklistItem).where(ChecklistItem.category == category))
    }
    for text, item in existing.items():
        if text not in texts:
            session.delete(item)
    # Positions are unique per category: park the kept items out of the way before renumbering them.
    for item in existing.values():
        item.position = -item.position
    session.flush()
    for position, text in enumerate(texts, start=1):
        if text in existing:
            existing[text].position = position
        else:
            session.add(ChecklistItem(category=category, position=position, text=text))
