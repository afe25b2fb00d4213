"""Maintenance plans as a supervisor edits them: checked before they are saved, and their jobs kept true.

Saving a plan is one transaction: the plan, and what it changes in its jobs. A new plan makes its
jobs up to its horizon at once. An edited plan re-plans the jobs not yet started whose planned
start is still ahead: each keeps its place when the new rule still has its occurrence (moved to
the new time, skill and checklist, with its planned visit cancelled if its day moved), and is
cancelled otherwise; then the new rule's missing jobs are made. Jobs done, under way, accepted by
their technician or already due are left alone. Deleting a plan cancels its future jobs the same
way; every cancellation is in the job's history.
"""

from __future__ import annotations

from dataclasses import dataclass, field, fields
from datetime import date, datetime, time, timedelta
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session
from sqlalchemy.orm.exc import StaleDataError

from console.errors import QT_TRANSLATE_NOOP, ConsoleError
from console.models import (
    Calendar,
    Contract,
    Equipment,
    EquipmentModel,
    MaintenancePlan,
    Site,
    Skill,
    Technician,
    Ticket,
    Visit,
    technician_skills,
)
from console.models.base import NON_WORKING_DAY_RULES, utcnow
from console.services.access import require
from console.services.calendars import clock_minutes, weekly_hours_from_json
from console.services.maintenance_generation import (
    CATEGORY,
    DEFAULT_HORIZON_DAYS,
    JobBuilder,
    checklist_text,
    generate_in_session,
    plan_targets,
)
from console.services.recurrence import Recurrence, RuleError, check, occurrences
from console.services.sla_retime import retime
from console.services.tickets import enter_status, record_change
from console.services.workflow import load_workflow
from console.store.database import Database

# Jobs a plan change may still move or cancel: nobody has accepted or started them.
NOT_STARTED = ("new", "assigned")
MAX_HORIZON_DAYS = 730


class PlanRejected(ConsoleError):
    """A plan that cannot be saved; `field` names the input to correct."""

    context = "maintenance"

    def __init__(self, field_name: str, template: str, **params: object) -> None:
        self.field = field_name
        super().__init__(template, **params)


class PlanConflict(ConsoleError):
    """Someone else saved or deleted the plan since it was opened."""

    context = "maintenance"

    def __init__(self, name: str | None) -> None:
        if name is None:
            super().__init__(QT_TRANSLATE_NOOP("maintenance", "The plan was deleted by someone else."))
            return
        super().__init__(
            QT_TRANSLATE_NOOP(
                "maintenance",
                "The plan \u201c{name}\u201d was changed by someone else; reopen it and try again.",
            ),
            name=name,
        )


@dataclass(frozen=True, slots=True)
class PlanDraft:
    """A plan as typed: what it serves (a unit; a model at a site; or a contract), when, and how."""

    name: str
    rrule: str
    starts_on: date
    duration_minutes: int
    skill_id: int | None
    equipment_id: int | None = None
    site_id: int | None = None
    equipment_model_id: int | None = None
    contract_id: int | None = None
    ends_on: date | None = None
    checklist: tuple[str, ...] = ()
    window_start: time | None = None
    window_end: time | None = None
    after_previous_done: bool = False
    non_working_day: str = "next_working_day"
    horizon_days: int = DEFAULT_HORIZON_DAYS
    active: bool = True
    notes: str = field(default="")

    @classmethod
    def of(cls, plan: MaintenancePlan) -> PlanDraft:
        """The draft a stored plan would be saved from."""
        values = {f.name: getattr(plan, f.name) for f in fields(cls)}
        values["checklist"] = tuple(str(item) for item in plan.checklist or ())
        return cls(**values)


@dataclass(frozen=True, slots=True)
class PlanSaved:
    """What a save did: the plan, its new version, and its jobs made, moved and cancelled."""

    plan_id: int
    version: int
    created: int
    moved: int
    cancelled: int


def validate(session: Session, draft: PlanDraft) -> Recurrence:
    """The draft's recurrence, or PlanRejected naming the field to correct."""
    if not draft.name.strip():
        raise PlanRejected("name", QT_TRANSLATE_NOOP("maintenance", "Give the plan a name."))
    _check_target(session, draft)
    if draft.skill_id is None or session.get(Skill, draft.skill_id) is None:
        raise PlanRejected("skill", QT_TRANSLATE_NOOP("maintenance", "Choose the skill the work needs."))
    if draft.non_working_day not in NON_WORKING_DAY_RULES:
        raise PlanRejected(
            "non_working_day", QT_TRANSLATE_NOOP("maintenance", "Choose what happens on a non-working day.")
        )
    if not 1 <= draft.horizon_days <= MAX_HORIZON_DAYS:
        raise PlanRejected(
            "horizon_days",
            QT_TRANSLATE_NOOP("maintenance", "Jobs are made from 1 to {most} days ahead."),
            most=MAX_HORIZON_DAYS,
        )
    try:
        recurrence = check(draft.rrule, draft.starts_on, draft.ends_on)
    except RuleError as error:
        raise PlanRejected(
            "ends_on" if error.code == "period" else "rrule", error.template, **error.params
        ) from error
    _check_duration(session, draft)
    return recurrence


def _check_target(session: Session, draft: PlanDraft) -> None:
    if draft.equipment_id is not None:
        if session.get(Equipment, draft.equipment_id) is None:
            raise PlanRejected(
                "target", QT_TRANSLATE_NOOP("maintenance", "Unit {id} does not exist."), id=draft.equipment_id
            )
    elif draft.site_id is not None or draft.equipment_model_id is not None:
        if draft.site_id is None or session.get(Site, draft.site_id) is None:
            raise PlanRejected("target", QT_TRANSLATE_NOOP("maintenance", "Choose the site of the model."))
        if draft.equipment_model_id is None or session.get(EquipmentModel, draft.equipment_model_id) is None:
            raise PlanRejected("target", QT_TRANSLATE_NOOP("maintenance", "Choose the model to service."))
    elif draft.contract_id is None:
        raise PlanRejected(
            "target",
            QT_TRANSLATE_NOOP(
                "maintenance", "Choose what the plan serves: a unit, a model at a site, or a contract."
            ),
        )
    if draft.contract_id is not None and session.get(Contract, draft.contract_id) is None:
        raise PlanRejected(
            "target", QT_TRANSLATE_NOOP("maintenance", "Contract {id} does not exist."), id=draft.contract_id
        )


def _check_duration(session: Session, draft: PlanDraft) -> None:
    if draft.duration_minutes <= 0:
        raise PlanRejected("duration", QT_TRANSLATE_NOOP("maintenance", "The work must take some time."))
    if draft.window_start is not None and draft.window_end is not None:
        if draft.window_end <= draft.window_start:
            raise PlanRejected(
                "window", QT_TRANSLATE_NOOP("maintenance", "The time window must end after it starts.")
            )
        window = _minutes(draft.window_end) - _minutes(draft.window_start)
        if draft.duration_minutes > window:
            raise PlanRejected(
                "duration",
                QT_TRANSLATE_NOOP(
                    "maintenance", "The work takes {work} min but the time window is {window} min long."
                ),
                work=draft.duration_minutes,
                window=window,
            )
    longest = longest_shift_minutes(session, draft.skill_id)
    if longest is not None and draft.duration_minutes > longest:
        raise PlanRejected(
            "duration",
            QT_TRANSLATE_NOOP(
                "maintenance",
                "The work takes {work} min, longer than any shift of a technician with this skill "
                "({shift} min); split it into several jobs.",
            ),
            work=draft.duration_minutes,
            shift=longest,
        )


def _minutes(moment: time) -> int:
    return moment.hour * 60 + moment.minute


def longest_shift_minutes(session: Session, skill_id: int | None) -> int | None:
    """The longest unbroken working period of a week of any technician with the skill; None: none known."""
    shifts = (
        select(Technician.calendar_id)
        .join(technician_skills, technician_skills.c.technician_id == Technician.id)
        .where(technician_skills.c.skill_id == skill_id)
    )
    query = select(Calendar.weekly_hours).where(Calendar.id.in_(shifts))
    longest: int | None = None
    for (weekly,) in session.execute(query):
        for periods in weekly_hours_from_json(weekly).values():
            run_start: int | None = None
            run_end = -1
            for begin, end in sorted((clock_minutes(a), clock_minutes(b)) for a, b in periods):
                if run_start is None or begin > run_end:
                    run_start, run_end = begin, end
                else:
                    run_end = max(run_end, end)
                longest = max(longest or 0, run_end - run_start)
    return longest


def create_plan(
    db: Database, draft: PlanDraft, *, now: datetime | None = None, user_id: int | None = None
) -> PlanSaved:
    """Save a new plan and make its jobs up to its horizon, in one transaction (supervisors)."""
    moment = now or utcnow()
    with db.transaction() as session:
        require(session, user_id, "maintenance_plans")
        validate(session, draft)
        plan = MaintenancePlan(**_columns(draft), updated_at=moment)
        session.add(plan)
        session.flush()
        first = max(moment.date(), draft.starts_on)
        created = generate_in_session(session, [plan.id], None, moment, first=first)
        session.refresh(plan)
        return PlanSaved(plan.id, plan.version, created, 0, 0)


def update_plan(
    db: Database,
    plan_id: int,
    draft: PlanDraft,
    *,
    expected_version: int,
    now: datetime | None = None,
    user_id: int | None = None,
) -> PlanSaved:
    """Save an edited plan and re-plan its jobs not yet started, in one transaction (supervisors)."""
    moment = now or utcnow()
    with db.transaction() as session:
        require(session, user_id, "maintenance_plans")
        plan = _locked(session, plan_id, expected_version)
        validate(session, draft)
        for name, value in _columns(draft).items():
            setattr(plan, name, value)
        plan.updated_at = moment
        try:
            session.flush()
        except StaleDataError as error:
            raise PlanConflict(draft.name) from error
        moved, cancelled = _replan(session, plan, moment, user_id)
        until = max(plan.generated_until or moment.date(), moment.date() + timedelta(days=plan.horizon_days))
        first = max(moment.date(), plan.starts_on)
        created = generate_in_session(session, [plan.id], until, moment, first=first) if plan.active else 0
        session.refresh(plan)
        return PlanSaved(plan.id, plan.version, created, moved, cancelled)


def delete_plan(
    db: Database,
    plan_id: int,
    *,
    expected_version: int,
    now: datetime | None = None,
    user_id: int | None = None,
) -> int:
    """Delete a plan and cancel its jobs not yet started; returns how many were cancelled (supervisors)."""
    moment = now or utcnow()
    with db.transaction() as session:
        require(session, user_id, "maintenance_plans")
        plan = _locked(session, plan_id, expected_version)
        cancelled = 0
        for job in _movable_jobs(session, plan.id, moment):
            _cancel(session, job, plan.name, user_id, moment)
            cancelled += 1
        session.flush()
        session.delete(plan)
        return cancelled


def _locked(session: Session, plan_id: int, expected_version: int) -> MaintenancePlan:
    plan = session.get(MaintenancePlan, plan_id, with_for_update=True)
    if plan is None:
        raise PlanConflict(None)
    if plan.version != expected_version:
        raise PlanConflict(plan.name)
    return plan


def _columns(draft: PlanDraft) -> dict[str, Any]:
    values = {f.name: getattr(draft, f.name) for f in fields(draft)}
    values["name"] = draft.name.strip()
    values["rrule"] = draft.rrule.strip()
    values["checklist"] = [item.strip() for item in draft.checklist if item.strip()]
    return values


def _movable_jobs(session: Session, plan_id: int, now: datetime) -> list[Ticket]:
    """The plan's jobs nobody has accepted or started, planned to start later, that may be cancelled."""
    workflow = load_workflow(session, CATEGORY)
    found = session.scalars(
        select(Ticket)
        .where(
            Ticket.maintenance_plan_id == plan_id,
            Ticket.maintenance_due_on.is_not(None),
            Ticket.status.in_(NOT_STARTED),
            Ticket.planned_for > now,
        )
        .order_by(Ticket.id)
        .with_for_update()
    )
    return [job for job in found if workflow.allows(job.status, "cancelled")]


def _replan(session: Session, plan: MaintenancePlan, now: datetime, user_id: int | None) -> tuple[int, int]:
    """Move or cancel the plan's jobs not yet started; returns (moved, cancelled)."""
    jobs = _movable_jobs(session, plan.id, now)
    if not jobs:
        return 0, 0
    targets = plan_targets(session, [plan]).get(plan.id, [])
    builder = JobBuilder.for_sites(
        session, now, {t.site_id for t in targets} | {j.site_id for j in jobs if j.site_id}
    )
    wanted: dict[tuple[date, int, int | None], date] = {}
    if plan.active:
        recurrence = Recurrence(plan.rrule, plan.starts_on, plan.ends_on)
        last = max(j.maintenance_due_on for j in jobs if j.maintenance_due_on is not None)
        for target in targets:
            for occurrence in occurrences(
                recurrence, now.date(), last, plan.non_working_day, builder.working_test(target.site_id)
            ):
                if target.in_service(occurrence.due):
                    wanted[(occurrence.nominal, target.site_id, target.equipment_id)] = occurrence.due
    moved = cancelled = 0
    retimed: list[int] = []
    for job in jobs:
        assert job.maintenance_due_on is not None and job.site_id is not None
        due = wanted.get((job.maintenance_due_on, job.site_id, job.equipment_id))
        if due is None:
            _cancel(session, job, plan.name, user_id, now)
            cancelled += 1
            continue
        start = builder.planned_start(plan, job.site_id, due)
        changes = {
            "planned_for": start,
            "skill_id": plan.skill_id,
            "description": checklist_text(plan.checklist),
        }
        changed = [name for name, value in changes.items() if getattr(job, name) != value]
        if not changed:
            continue
        for name in changed:
            record_change(session, job, name, _shown(getattr(job, name)), _shown(changes[name]), user_id, now)
            setattr(job, name, changes[name])
        moved += 1
        retimed.append(job.id)
        _cancel_visits_off_day(session, job, user_id, now)
    session.flush()
    if retimed:
        retime(session, retimed, now=now, user_id=user_id)
    return moved, cancelled


def _shown(value: object) -> object:
    return value.isoformat() if isinstance(value, datetime) else value


def _cancel(session: Session, job: Ticket, plan_name: str, user_id: int | None, now: datetime) -> None:
    """Cancel a job its plan no longer has, and free its occurrence for the plan's new rule."""
    record_change(session, job, "maintenance_plan", plan_name, None, user_id, now)
    record_change(session, job, "maintenance_due_on", job.maintenance_due_on, None, user_id, now)
    job.maintenance_due_on = None
    enter_status(session, job, load_workflow(session, job.category), "cancelled", user_id, now)
    for visit in session.scalars(select(Visit).where(Visit.ticket_id == job.id, Visit.status == "planned")):
        visit.status = "cancelled"
    session.flush()
    retime(session, [job.id], now=now, user_id=user_id)


def _cancel_visits_off_day(session: Session, job: Ticket, user_id: int | None, now: datetime) -> None:
    """A job moved to another day loses the visits planned for the old one (the dispatcher plans anew)."""
    assert job.planned_for is not None
    day = job.planned_for.date()
    for visit in session.scalars(select(Visit).where(Visit.ticket_id == job.id, Visit.status == "planned")):
        if visit.planned_start.date() != day:
            visit.status = "cancelled"
            record_change(session, job, "visit", visit.planned_start.isoformat(), None, user_id, now)
