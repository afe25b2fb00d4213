"""A routing problem and its solution as plain data, independent of any solver.

The day-plan optimiser and the Solomon benchmark both describe their problem in these terms and hand
it to `route_solver.solve`; `route_check.violations` checks a solution against the same description
without asking the solver, so a solver bug cannot pass unnoticed.

All times, durations and distances are integers in one unit of the caller's choosing (seconds for
day plans, scaled hundredths of a unit for Solomon). Places are indices into the problem's matrices.
"""

from __future__ import annotations

from collections.abc import Hashable, Sequence
from dataclasses import dataclass, field


@dataclass(frozen=True, slots=True)
class Job:
    """A visit to make: where, how long, when it may start, and who may make it.

    Service may start in [`earliest`, `latest`]. When `late_latest` is set, it may also start after
    `latest` up to `late_latest`, at a cost of `late_penalty` (a predicted SLA breach): the solver
    prefers being on time and falls back to being late rather than leaving the job out. A job that is
    not `required` may be left unserved at a cost of `prize`. `vehicles`, when set, names the only
    vehicles allowed to serve it (a pinned visit); `skills` must all be held by the vehicle.
    """

    key: Hashable
    place: int
    service: int
    earliest: int
    latest: int
    demand: int = 0
    skills: frozenset[str] = frozenset()
    required: bool = True
    prize: int = 0
    late_latest: int | None = None
    late_penalty: int = 0
    vehicles: frozenset[Hashable] | None = None


@dataclass(frozen=True, slots=True)
class Vehicle:
    """A technician's (or truck's) day: where it starts and ends, its shift, skills and capacity.

    The route leaves `start` no earlier than `shift_start` and must be back at `end` by `shift_end`
    plus at most `max_overtime`, each unit of overtime costing `overtime_cost`. `capacity` None means
    no capacity limit.
    """

    key: Hashable
    start: int
    end: int
    shift_start: int
    shift_end: int
    skills: frozenset[str] = frozenset()
    capacity: int | None = None
    max_overtime: int = 0
    overtime_cost: int = 0


@dataclass(frozen=True, slots=True)
class RoutingProblem:
    """Jobs and vehicles over square matrices: `distance[i][j]` and `duration[i][j]` from place i to j.

    The objective, lowest first: unserved required jobs are not allowed; then lost prizes and late
    penalties; then `distance_cost` per distance unit plus `duration_cost` per travel-time unit plus
    overtime.
    """

    distance: Sequence[Sequence[int]]
    duration: Sequence[Sequence[int]]
    jobs: Sequence[Job]
    vehicles: Sequence[Vehicle]
    distance_cost: int = 1
    duration_cost: int = 0


@dataclass(frozen=True, slots=True)
class Stop:
    """One job on a route and the time its service starts."""

    job: Hashable
    start: int


@dataclass(frozen=True, slots=True)
class Route:
    """One vehicle's sequence of stops; `departure` from its start place and `arrival` back at its end."""

    vehicle: Hashable
    stops: tuple[Stop, ...]
    departure: int
    arrival: int
    distance: int
    duration: int


@dataclass(frozen=True, slots=True)
class RoutingSolution:
    """The routes found, the jobs left out, and whether the solver considers the result feasible.

    Vehicles that stay at their start place have no route. `late` names the jobs served after their
    `latest`. `cost` is the solver's objective value; `seconds` the wall time spent.
    """

    routes: tuple[Route, ...]
    unserved: tuple[Hashable, ...]
    late: tuple[Hashable, ...]
    feasible: bool
    cost: int
    seconds: float
    cancelled: bool = False
    notes: tuple[str, ...] = field(default=())
