"""Making planned maintenance jobs: every occurrence of every plan up to a date, exactly once.

Exactly once by construction, not by care. A job's identity is its occurrence (plan, the date the
rule gives, site, unit), unique in the database, and jobs are inserted with ON CONFLICT DO
NOTHING: consoles and the headless command may generate at the same time, and a run killed
half-way may be run again, and the database still holds one job per occurrence. Plans are taken
in batches, each one transaction that also moves the batch's `generated_until`, so a rerun skips
what is done and the work held in memory is one batch, however long the history.

What a plan serves: a unit; every unit of a model at a site (one job per unit, each with its own
history); or every site of a contract (one job per site). Jobs get the plan's skill, checklist,
duration and window, the contract's SLA (clocks starting at the planned time, see sla_retime), and
the site's calendar decides working days. A plan generated "after the previous job is done" has at
most one open job per unit or site; its next is the rule's first date after the previous one's
and not before it was done.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable, Hashable, Iterable, Sequence
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, time, timedelta
from typing import Any, NamedTuple, cast
from zoneinfo import ZoneInfo

from sqlalchemy import Table, bindparam, func, or_, select, update
from sqlalchemy.orm import Session

from console.models import (
    Contract,
    Equipment,
    MaintenancePlan,
    Site,
    Ticket,
    TicketHistory,
    contract_sites,
)
from console.models.base import CLOSED_STATUSES, utcnow
from console.services.calendars import DayHours, load_business_calendars
from console.services.recurrence import Occurrence, Recurrence, RuleError, occurrences
from console.services.sla import BusinessCalendar
from console.services.sla_retime import SLA_FIELDS, Rulebook, evaluate_with, stored_columns
from console.services.ticket_intake import PRIORITY_RULES
from console.services.ticket_sla import SlaRules, TicketTimeline
from console.services.workflow import load_workflow
from console.store import audit_trail, changefeed
from console.store.bulk import RowEncoder, insert_encoded, insert_new, reserve_ids
from console.store.database import Database

# A batch is one transaction: about half a second of holding the write lock on SQLite.
BATCH_PLANS = 1000
DEFAULT_HORIZON_DAYS = 60
# When a plan has no window and the site's calendar has no hours that day.
DEFAULT_START = time(9, 0)
CATEGORY = "maintenance"
PRIORITY = PRIORITY_RULES[CATEGORY][1]


@dataclass(frozen=True, slots=True)
class GenerationResult:
    """What a run did: plans looked at, jobs made, and the day it generated up to."""

    plans: int
    created: int
    until: date


@dataclass(frozen=True, slots=True)
class Target:
    """Where one job of a plan is done: a site, and the unit when the plan serves units."""

    site_id: int
    equipment_id: int | None
    label: str
    installed_on: date | None = None
    decommissioned_on: date | None = None

    def in_service(self, day: date) -> bool:
        if self.installed_on is not None and day < self.installed_on:
            return False
        return self.decommissioned_on is None or day < self.decommissioned_on


@dataclass(frozen=True, slots=True)
class _SiteFacts:
    client_id: int
    timezone: str
    calendar_id: int | None
    contract_id: int | None


class _Reference(NamedTuple):
    contract_id: int | None
    site_id: int


@dataclass(frozen=True, slots=True)
class _JobFacts:
    """What the SLA rules of a job depend on, in the shape `Rulebook` reads."""

    contract_id: int | None
    site_id: int
    priority: str
    billable: bool
    created_at: datetime
    planned_for: datetime
    maintenance_due_on: date
    reacted_at: None = None
    arrived_at: None = None


def generate(
    db: Database,
    until: date | None = None,
    *,
    now: datetime | None = None,
    plan_ids: Sequence[int] | None = None,
    batch_size: int = BATCH_PLANS,
    after_batch: Callable[[int], None] | None = None,
) -> GenerationResult:
    """Make every job due up to `until` (inclusive) that is not made yet, batch by batch.

    Without `until` each plan is generated up to its own horizon from today. `after_batch(created
    so far)` is called after each committed batch (progress, and the tests' way to interrupt a run).
    """
    moment = now or utcnow()
    with db.session() as session:
        ids = pending_plans(session, until, moment.date(), plan_ids)
    created = 0
    sla_memo = SlaMemo()
    for start in range(0, len(ids), batch_size):
        with db.transaction() as session:
            created += generate_in_session(
                session, ids[start : start + batch_size], until, moment, sla_memo=sla_memo
            )
        if after_batch is not None:
            after_batch(created)
    return GenerationResult(len(ids), created, until or moment.date())


def pending_plans(
    session: Session, until: date | None, today: date, plan_ids: Sequence[int] | None = None
) -> list[int]:
    """Active plans with jobs still to make (plans gated on the previous job are always looked at)."""
    query = select(
        MaintenancePlan.id,
        MaintenancePlan.starts_on,
        MaintenancePlan.generated_until,
        MaintenancePlan.horizon_days,
        MaintenancePlan.after_previous_done,
    ).where(MaintenancePlan.active.is_(True))
    if until is not None:
        query = query.where(
            MaintenancePlan.starts_on <= until,
            or_(
                MaintenancePlan.generated_until.is_(None),
                MaintenancePlan.generated_until < until,
                MaintenancePlan.after_previous_done.is_(True),
            ),
        )
    if plan_ids is not None:
        query = query.where(MaintenancePlan.id.in_(list(plan_ids)))
    pending = []
    for row in session.execute(query.order_by(MaintenancePlan.id)):
        horizon = until or today + timedelta(days=row.horizon_days)
        if row.after_previous_done or (
            row.starts_on <= horizon and (row.generated_until is None or row.generated_until < horizon)
        ):
            pending.append(row.id)
    return pending


def generate_in_session(
    session: Session,
    plan_ids: Sequence[int],
    until: date | None,
    now: datetime,
    first: date | None = None,
    sla_memo: SlaMemo | None = None,
) -> int:
    """Make the jobs of these plans in the caller's transaction; returns how many were new.

    Jobs are made up to `until`, or each plan's horizon from today, starting the day after the
    plan's `generated_until` (or its start), or at `first` when given (a plan just saved). The
    plans' rows are locked first, so an edit of a plan and a generation of it take turns.
    """
    if not plan_ids:
        return 0
    plans = list(
        session.scalars(
            select(MaintenancePlan)
            .where(MaintenancePlan.id.in_(list(plan_ids)), MaintenancePlan.active.is_(True))
            .order_by(MaintenancePlan.id)
            .with_for_update()
        )
    )
    if not plans:
        return 0
    targets = plan_targets(session, plans)
    builder = JobBuilder.for_sites(
        session, now, {t.site_id for found in targets.values() for t in found}, sla_memo
    )
    builder.rulebook.load_for(
        [
            _Reference(plan.contract_id or builder.sites[target.site_id].contract_id, target.site_id)
            for plan in plans
            for target in targets.get(plan.id, ())
        ]
    )
    previous = _last_jobs(session, [p.id for p in plans if p.after_previous_done])
    reached: list[dict[str, Any]] = []
    for plan in plans:
        plan_until = until or now.date() + timedelta(days=plan.horizon_days)
        reached.append({"plan_id": plan.id, "until": plan_until})
        try:
            recurrence = Recurrence(plan.rrule, plan.starts_on, plan.ends_on)
        except RuleError:
            continue  # refused when saved; a rule broken behind the console's back makes nothing
        start = first or (
            plan.generated_until + timedelta(days=1) if plan.generated_until else plan.starts_on
        )
        for target in targets.get(plan.id, ()):
            is_working = builder.working_test(target.site_id)
            if plan.after_previous_done:
                last = previous.get((plan.id, target.site_id, target.equipment_id))
                found = _next_after_done(recurrence, plan, last, start, plan_until, is_working)
            else:
                found = occurrences(recurrence, start, plan_until, plan.non_working_day, is_working)
            for occurrence in found:
                if target.in_service(occurrence.due):
                    builder.add(plan, target, occurrence)
    created = builder.insert()
    plans_table = cast(Table, MaintenancePlan.__table__)
    session.connection().execute(
        update(plans_table)
        .where(
            plans_table.c.id == bindparam("plan_id"),
            or_(plans_table.c.generated_until.is_(None), plans_table.c.generated_until < bindparam("until")),
        )
        .values(generated_until=bindparam("until")),
        reached,
    )
    return created


def plan_targets(session: Session, plans: Iterable[MaintenancePlan]) -> dict[int, list[Target]]:
    """Each plan's units or sites, read in three queries for the whole batch."""
    chosen = list(plans)
    targets: dict[int, list[Target]] = defaultdict(list)
    unit_plans = {p.id: p.equipment_id for p in chosen if p.equipment_id is not None}
    model_plans = {
        p.id: (p.site_id, p.equipment_model_id)
        for p in chosen
        if p.equipment_id is None and p.site_id is not None and p.equipment_model_id is not None
    }
    contract_plans = {
        p.id: p.contract_id
        for p in chosen
        if p.id not in unit_plans and p.id not in model_plans and p.contract_id is not None
    }
    columns = (
        Equipment.id,
        Equipment.site_id,
        Equipment.model_id,
        Equipment.serial_number,
        Equipment.installed_on,
        Equipment.decommissioned_on,
    )
    units: dict[int, Any] = {}
    if unit_plans:
        for row in session.execute(select(*columns).where(Equipment.id.in_(set(unit_plans.values())))):
            units[row.id] = row
    by_model: dict[tuple[int, int], list[Any]] = defaultdict(list)
    if model_plans:
        wanted = set(model_plans.values())
        query = (
            select(*columns).where(Equipment.site_id.in_({site for site, _ in wanted})).order_by(Equipment.id)
        )
        for row in session.execute(query):
            if (row.site_id, row.model_id) in wanted:
                by_model[(row.site_id, row.model_id)].append(row)
    for plan_id, unit_id in unit_plans.items():
        if unit_id in units:
            targets[plan_id].append(_unit_target(units[unit_id]))
    for plan_id, key in model_plans.items():
        targets[plan_id].extend(_unit_target(row) for row in by_model.get(key, ()))
    if contract_plans:
        sites_of: dict[int, list[Target]] = defaultdict(list)
        query = (
            select(contract_sites.c.contract_id, Site.id, Site.name)
            .join(Site, Site.id == contract_sites.c.site_id)
            .where(contract_sites.c.contract_id.in_(set(contract_plans.values())))
            .order_by(Site.id)
        )
        for row in session.execute(query):
            sites_of[row.contract_id].append(Target(row.id, None, row.name))
        for plan_id, contract_id in contract_plans.items():
            targets[plan_id].extend(sites_of.get(contract_id, ()))
    return targets


def _unit_target(row: Any) -> Target:
    return Target(row.site_id, row.id, row.serial_number, row.installed_on, row.decommissioned_on)


def site_facts(session: Session, site_ids: set[int]) -> dict[int, _SiteFacts]:
    """Client, time zone, calendar and the covering active contract (the lowest numbered) of each site."""
    if not site_ids:
        return {}
    covering: dict[int, int] = {}
    query = (
        select(contract_sites.c.site_id, func.min(Contract.id))
        .join(Contract, Contract.id == contract_sites.c.contract_id)
        .where(contract_sites.c.site_id.in_(site_ids), Contract.status == "active")
        .group_by(contract_sites.c.site_id)
    )
    for site_id, contract_id in session.execute(query):
        covering[site_id] = contract_id
    return {
        row.id: _SiteFacts(row.client_id, row.timezone, row.calendar_id, covering.get(row.id))
        for row in session.execute(
            select(Site.id, Site.client_id, Site.timezone, Site.calendar_id).where(Site.id.in_(site_ids))
        )
    }


def _last_jobs(session: Session, plan_ids: list[int]) -> dict[tuple[int, int, int | None], Any]:
    """The latest occurrence made so far per (plan, site, unit) of plans gated on the previous job."""
    if not plan_ids:
        return {}
    latest: dict[tuple[int, int, int | None], Any] = {}
    query = (
        select(
            Ticket.maintenance_plan_id,
            Ticket.site_id,
            Ticket.equipment_id,
            Ticket.maintenance_due_on,
            Ticket.status,
            Ticket.resolved_at,
            Ticket.closed_at,
            Ticket.updated_at,
        )
        .where(Ticket.maintenance_plan_id.in_(plan_ids), Ticket.maintenance_due_on.is_not(None))
        .order_by(Ticket.maintenance_due_on)
    )
    for row in session.execute(query):
        latest[(row.maintenance_plan_id, row.site_id, row.equipment_id)] = row
    return latest


def _next_after_done(
    recurrence: Recurrence,
    plan: MaintenancePlan,
    last: Any,
    first: date,
    until: date,
    is_working: Callable[[date], bool],
) -> list[Occurrence]:
    """The next job of a plan gated on the previous one: none while that one is open."""
    if last is None:
        start = first
    elif last.status not in CLOSED_STATUSES:
        return []
    else:
        done = last.resolved_at or last.closed_at or last.updated_at
        start = max(last.maintenance_due_on + timedelta(days=1), done.date())
    return occurrences(recurrence, start, until, plan.non_working_day, is_working)[:1]


# A job's row: its own id and number, what all jobs of a plan at a target share, its day and start,
# and its SLA columns (shared by all jobs with the same rules and start).
_OWN = ("id", "number")
_COMMON = (
    "client_id",
    "site_id",
    "equipment_id",
    "contract_id",
    "maintenance_plan_id",
    "category",
    "priority",
    "skill_id",
    "channel",
    "status",
    "stage",
    "status_since",
    "title",
    "description",
    "billable",
    "created_at",
    "updated_at",
    "reopen_count",
    "version",
)
_WHEN = ("maintenance_due_on", "stage_due_at", "planned_for")
_COLUMNS = (*_OWN, *_COMMON, *_WHEN, *SLA_FIELDS)


@dataclass(slots=True)
class SlaMemo:
    """Encoded SLA columns of jobs not yet begun, by the kind of their rules and their planned start.

    A kind is a small number for each distinct `_identity` of rules: what the columns depend on,
    whichever contract the rules came from.
    """

    kinds: dict[Hashable, int] = field(default_factory=dict)
    columns: dict[tuple[int, datetime], tuple[Any, ...]] = field(default_factory=dict)


class JobBuilder:
    """The rows of one batch's new jobs, built from parts each worked out and encoded once.

    A year of jobs for thousands of plans is a hundred thousand rows; each is the part its plan
    and target share, its day and start, and SLA columns shared by every job with the same rules
    starting at the same time, so the work per job is a few lookups.
    """

    def __init__(
        self,
        session: Session,
        now: datetime,
        sites: dict[int, _SiteFacts],
        calendars: dict[int, BusinessCalendar],
        sla_memo: SlaMemo | None = None,
    ) -> None:
        self.session = session
        self.now = now
        self.sites = sites
        self.calendars = calendars
        self.rulebook = Rulebook(session)
        self.encoder = RowEncoder(session.connection(), cast(Table, Ticket.__table__), _COLUMNS)
        self.rows: list[tuple[tuple[Any, ...], tuple[Any, ...], tuple[Any, ...]]] = []
        self._rules: dict[tuple[int | None, int | None, bool], tuple[SlaRules | str, int]] = {}
        self.sla_memo = sla_memo if sla_memo is not None else SlaMemo()
        self._by_contract: dict[tuple[int | None, int | None, datetime], tuple[Any, ...]] = {}
        self._commons: dict[tuple[int, int, int | None], tuple[int | None, tuple[Any, ...]]] = {}
        self._starts: dict[tuple[str, int | None, time | None, date], tuple[datetime, Any]] = {}
        self._days: dict[date, Any] = {}
        self._hours_of: dict[int, DayHours] = {}
        self.step = load_workflow(session, CATEGORY).step("new")

    @classmethod
    def for_sites(
        cls, session: Session, now: datetime, site_ids: set[int], sla_memo: SlaMemo | None = None
    ) -> JobBuilder:
        """A builder that knows these sites, their calendars and their covering contracts.

        Builders of one run may share `sla_memo`: its entries depend only on rules and start.
        """
        sites = site_facts(session, site_ids)
        calendars = load_business_calendars(
            session, {s.calendar_id for s in sites.values() if s.calendar_id is not None}, now.date()
        )
        return cls(session, now, sites, calendars, sla_memo)

    def working_test(self, site_id: int) -> Callable[[date], bool]:
        """Whether a day is a working day at the site (every day is, for a site without a calendar)."""
        hours = self._hours(site_id)
        if hours is None:
            return lambda _day: True
        return lambda day: bool(hours(day))

    def _hours(self, site_id: int) -> DayHours | None:
        facts = self.sites.get(site_id)
        calendar_id = facts.calendar_id if facts else None
        if calendar_id is None or calendar_id not in self.calendars:
            return None
        if calendar_id not in self._hours_of:
            self._hours_of[calendar_id] = DayHours(self.calendars[calendar_id])
        return self._hours_of[calendar_id]

    def planned_start(self, plan: MaintenancePlan, site_id: int, day: date) -> datetime:
        """The job's start in the site's time zone: the plan's window, else `start_without_window`.

        A wall-clock time a daylight-saving switch skips takes the offset in force before it (02:30
        on a spring-forward night is 03:30 summer time).
        """
        return self._start(plan, site_id, day)[0]

    def _start(self, plan: MaintenancePlan, site_id: int, day: date) -> tuple[datetime, Any]:
        """The planned start and its encoded form, worked out once per time zone, hours, window and day."""
        facts = self.sites[site_id]
        key = (facts.timezone, facts.calendar_id, plan.window_start, day)
        found = self._starts.get(key)
        if found is None:
            start = plan.window_start
            if start is None:
                hours_on = self._hours(site_id)
                start = start_without_window(hours_on(day) if hours_on is not None else ())
            moment = datetime.combine(day, start, tzinfo=ZoneInfo(facts.timezone)).astimezone(UTC)
            found = self._starts[key] = (moment, self.encoder.encode([moment], only=("planned_for",))[0])
        return found

    def add(self, plan: MaintenancePlan, target: Target, occurrence: Occurrence) -> None:
        planned_for, encoded_start = self._start(plan, target.site_id, occurrence.due)
        contract_id, common = self._common(plan, target)
        due = self._days.get(occurrence.nominal)
        if due is None:
            due = self._days[occurrence.nominal] = self.encoder.encode(
                [occurrence.nominal], only=("maintenance_due_on",)
            )[0]
        self.rows.append(
            (
                common,
                # Assigned before the work is due to start, however far ahead the job was made.
                (due, encoded_start, encoded_start),
                self._sla_part(contract_id, target.site_id, planned_for),
            )
        )

    def _common(self, plan: MaintenancePlan, target: Target) -> tuple[int | None, tuple[Any, ...]]:
        """The contract and the encoded columns every job of a plan at a target shares (once per pair)."""
        key = (plan.id, target.site_id, target.equipment_id)
        if key not in self._commons:
            facts = self.sites[target.site_id]
            title = plan.name if plan.equipment_id is not None else f"{plan.name}: {target.label}"
            contract_id = plan.contract_id or facts.contract_id
            values = {
                "client_id": facts.client_id,
                "site_id": target.site_id,
                "equipment_id": target.equipment_id,
                "contract_id": contract_id,
                "maintenance_plan_id": plan.id,
                "category": CATEGORY,
                "priority": PRIORITY,
                "skill_id": plan.skill_id,
                "channel": "planned",
                "status": "new",
                "stage": self.step.stage,
                "status_since": self.now,
                "title": title[:200],
                "description": checklist_text(plan.checklist),
                "billable": False,
                "created_at": self.now,
                "updated_at": self.now,
                "reopen_count": 0,
                "version": 1,
            }
            self._commons[key] = (
                contract_id,
                self.encoder.encode([values[n] for n in _COMMON], only=_COMMON),
            )
        return self._commons[key]

    def _sla_part(self, contract_id: int | None, site_id: int, planned_for: datetime) -> tuple[Any, ...]:
        """A new job's encoded SLA columns, worked out once per distinct rules and start.

        Contracts with the same policy and calendar have the same rules, so a year of jobs needs
        one evaluation per rules and start time, not one per contract.
        """
        calendar_id = self.sites[site_id].calendar_id
        found = self._by_contract.get((contract_id, calendar_id, planned_for))
        if found is not None:
            return found
        in_force = contract_id in self.rulebook.contracts and self.rulebook.in_force(
            contract_id, planned_for.date()
        )
        known = self._rules.get((contract_id, calendar_id, in_force))
        if known is None:
            facts = _JobFacts(
                contract_id, site_id, PRIORITY, False, self.now, planned_for, planned_for.date()
            )
            rules = self.rulebook.rules_for(facts)
            kind = self.sla_memo.kinds.setdefault(_identity(rules), len(self.sla_memo.kinds))
            known = self._rules[(contract_id, calendar_id, in_force)] = (rules, kind)
        rules, kind = known
        found = self.sla_memo.columns.get((kind, planned_for))
        if found is None:
            result = (
                rules
                if isinstance(rules, str)
                else evaluate_with(
                    rules, TicketTimeline(planned_for, [(self.now, "new")], None, None), self.now
                )
            )
            stored = stored_columns(result)
            found = self.sla_memo.columns[(kind, planned_for)] = self.encoder.encode(
                [stored[n] for n in SLA_FIELDS], only=SLA_FIELDS
            )
        self._by_contract[(contract_id, calendar_id, planned_for)] = found
        return found

    def insert(self) -> int:
        """Insert the rows not made yet; the ones another run made first are left out."""
        if not self.rows:
            return 0
        connection = self.session.connection()
        table = cast(Table, Ticket.__table__)
        year = self.now.year
        values = [
            (ticket_id, f"{year}-{ticket_id:06d}", *common, *when, *sla)
            for (common, when, sla), ticket_id in zip(
                self.rows, reserve_ids(connection, table, len(self.rows)), strict=True
            )
        ]
        made = insert_new(connection, self.encoder, values)
        if not made:
            return 0
        history = RowEncoder(
            connection,
            cast(Table, TicketHistory.__table__),
            ("ticket_id", "at", "field", "new_value", "version"),
        )
        at = history.encode([self.now], only=("at",))[0]
        insert_encoded(connection, history, [(ticket_id, at, "status", "new", 1) for ticket_id in made])
        changefeed.append(self.session, [("tickets", ticket_id, "insert") for ticket_id in made])
        audit_trail.append(
            self.session,
            (
                (
                    "tickets",
                    ticket_id,
                    "insert",
                    None,
                    None,
                    f'{{"number": "{year}-{ticket_id:06d}", "status": "new"}}',
                )
                for ticket_id in made
            ),
        )
        return len(made)


def _identity(rules: SlaRules | str) -> Hashable:
    """What makes two contracts' rules the same: calendar, targets, pause statuses and thresholds."""
    if isinstance(rules, str):
        return rules
    return (
        rules.calendar,
        tuple(sorted(rules.targets.items())),
        tuple(sorted(rules.pause_statuses.items())),
        rules.warning_ratio,
        rules.critical_ratio,
    )


def start_without_window(hours: Sequence[tuple[str, str]]) -> time:
    """When a job without a window starts at a site: 09:00, or the site's opening if later.

    A site open around the clock (or from early morning) still gets its planned work in the
    working day, not at midnight; a site that opens at 11:00 gets it at 11:00.
    """
    for begin, end in hours:
        opening, closing = time.fromisoformat(begin), end
        if closing == "24:00" or time.fromisoformat(closing) > DEFAULT_START:
            return max(opening, DEFAULT_START)
    return time.fromisoformat(hours[0][0]) if hours else DEFAULT_START


def checklist_text(checklist: Sequence[Any]) -> str:
    """The plan's checklist as the job's description, one item per line."""
    return "\n".join(f"- {item}" for item in checklist if str(item).strip())
