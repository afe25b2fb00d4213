"""A ticket's SLA clocks (reaction, arrival, resolution), worked out from its history; plain data in and out.

Every clock starts when the ticket is created and counts business time on the ticket's calendar.
It stands still while the ticket is in one of the policy's pause statuses for that clock, and it
stops for good when it is met: reaction when the ticket was first accepted, arrival when a
technician first reached the site, resolution when the ticket was resolved. Reopening a resolved
ticket starts the resolution clock again from where it stopped, so the time between resolution and
reopening is not counted.

Because the state is computed from the status history each time, changing the priority (the
targets), the policy or the calendar of an open ticket re-times it without losing the pause it
has accumulated: the same history gives the same pauses under the new rules.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta

from console.services.sla import (
    BusinessCalendar,
    NoWorkingTimeError,
    add_business_time,
    business_time_between,
)

CLOCKS = ("reaction", "arrival", "resolution")
STOPPED_STATUSES = frozenset({"resolved", "closed", "cancelled"})
# Most urgent first: the ticket's overall state is the first of these any of its clocks is in.
URGENCY = ("breached", "critical", "warning", "paused", "running", "met", "none")

Interval = tuple[datetime, datetime | None]


@dataclass(frozen=True, slots=True)
class SlaRules:
    """What the policy says for this ticket: targets for its priority, thresholds, and pause statuses."""

    calendar: BusinessCalendar
    targets: Mapping[str, timedelta | None]
    pause_statuses: Mapping[str, frozenset[str]]
    warning_ratio: float = 0.75
    critical_ratio: float = 0.9


@dataclass(frozen=True, slots=True)
class TicketTimeline:
    """What happened to a ticket: its creation, its status changes in order, first reaction and arrival."""

    created_at: datetime
    status_changes: Sequence[tuple[datetime, str]]
    reacted_at: datetime | None = None
    arrived_at: datetime | None = None

    @property
    def status(self) -> str:
        return self.status_changes[-1][1] if self.status_changes else "new"


@dataclass(frozen=True, slots=True)
class ClockState:
    """One clock at a moment: its state, deadline, business time used, left and paused."""

    clock: str
    state: str
    target: timedelta | None
    due_at: datetime | None
    met_at: datetime | None
    elapsed: timedelta
    paused: timedelta
    left: timedelta | None
    warning_at: datetime | None
    critical_at: datetime | None
    paused_since: datetime | None


@dataclass(frozen=True, slots=True)
class TicketSla:
    clocks: Mapping[str, ClockState]
    state: str
    next_check_at: datetime | None


def _intervals(changes: Sequence[tuple[datetime, str]], statuses: frozenset[str]) -> list[Interval]:
    """The spans of time the ticket spent in `statuses`; the last is open (None) if it is still in one."""
    spans: list[Interval] = []
    begin: datetime | None = None
    for at, status in changes:
        if status in statuses and begin is None:
            begin = at
        elif status not in statuses and begin is not None:
            spans.append((begin, at))
            begin = None
    if begin is not None:
        spans.append((begin, None))
    return spans


def _resolved_at(timeline: TicketTimeline) -> datetime | None:
    if timeline.status not in ("resolved", "closed"):
        return None
    stops = _intervals(timeline.status_changes, frozenset({"resolved", "closed"}))
    return stops[-1][0] if stops else None


def _met_at(clock: str, timeline: TicketTimeline) -> datetime | None:
    """When the clock stopped for good; a resolution counts as the reaction if none came before."""
    if clock == "reaction":
        return timeline.reacted_at or _resolved_at(timeline)
    if clock == "arrival":
        return timeline.arrived_at
    return _resolved_at(timeline)


def _pauses(clock: str, rules: SlaRules, timeline: TicketTimeline, met_at: datetime | None) -> list[Interval]:
    pauses = _intervals(timeline.status_changes, rules.pause_statuses.get(clock, frozenset()))
    if clock == "resolution":
        # Time between a resolution and its reopening is not the provider's time.
        pauses += [(a, b) for a, b in _intervals(timeline.status_changes, STOPPED_STATUSES) if b is not None]
    if met_at is not None:
        pauses = [(a, b if b is not None and b <= met_at else met_at) for a, b in pauses if a < met_at]
    return pauses


def _state_for(ratio: float, rules: SlaRules) -> str:
    if ratio >= 1:
        return "breached"
    if ratio >= rules.critical_ratio:
        return "critical"
    return "warning" if ratio >= rules.warning_ratio else "running"


def evaluate_clock(clock: str, rules: SlaRules, timeline: TicketTimeline, now: datetime) -> ClockState:
    """The state of one clock at `now`; raises NoWorkingTimeError when the calendar has no working time."""
    target = rules.targets.get(clock)
    met_at = _met_at(clock, timeline)
    finished_without = met_at is None and timeline.status in STOPPED_STATUSES
    if target is None or finished_without:
        # No target, or a ticket cancelled (or fixed remotely, for arrival) before this clock was met.
        return ClockState(
            clock, "none", target, None, met_at, timedelta(0), timedelta(0), None, None, None, None
        )
    cal = rules.calendar
    start = timeline.created_at
    pauses = _pauses(clock, rules, timeline, met_at)
    end = met_at or now
    elapsed = business_time_between(cal, start, end, pauses)
    paused = business_time_between(cal, start, end) - elapsed
    open_pause = next((a for a, b in pauses if b is None), None)
    due_at = add_business_time(cal, start, target, pauses)
    left = target - elapsed
    if met_at is not None:
        state = "met" if elapsed <= target else "breached"
        return ClockState(clock, state, target, due_at, met_at, elapsed, paused, left, None, None, None)
    ratio = elapsed / target if target else 1.0
    # Thresholds already behind the clock need no instant: only the next one is ever waited for.
    warning_at = (
        add_business_time(cal, start, target * rules.warning_ratio, pauses)
        if ratio < rules.warning_ratio
        else None
    )
    critical_at = (
        add_business_time(cal, start, target * rules.critical_ratio, pauses)
        if ratio < rules.critical_ratio
        else None
    )
    state = "breached" if ratio >= 1 else ("paused" if open_pause is not None else _state_for(ratio, rules))
    return ClockState(
        clock, state, target, due_at, None, elapsed, paused, left, warning_at, critical_at, open_pause
    )


def evaluate(rules: SlaRules, timeline: TicketTimeline, now: datetime) -> TicketSla:
    """All three clocks at `now`, the ticket's most urgent state and when it next needs a look."""
    clocks = {clock: evaluate_clock(clock, rules, timeline, now) for clock in CLOCKS}
    states = {c.state for c in clocks.values()}
    state = next(s for s in URGENCY if s in states)
    if timeline.status in ("resolved", "closed"):
        state = clocks["resolution"].state
    upcoming = [
        moment
        for c in clocks.values()
        if c.met_at is None and c.paused_since is None
        for moment in (c.warning_at, c.critical_at, c.due_at)
        if moment is not None and moment > now
    ]
    return TicketSla(clocks, state, min(upcoming) if upcoming else None)


__all__ = [
    "CLOCKS",
    "ClockState",
    "NoWorkingTimeError",
    "SlaRules",
    "TicketSla",
    "TicketTimeline",
    "evaluate",
    "evaluate_clock",
]
