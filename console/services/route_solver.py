"""Solve a `RoutingProblem` with PyVRP: the one solver behind the day plans and the Solomon benchmark.

Why PyVRP and not OR-Tools: measured, not assumed. On one Solomon VRPTW instance of each class
(C101, C201, R101, R201, RC101, RC201; distance only, at most the file's vehicles, 30 s per
instance on one core of an AMD EPYC), PyVRP 0.14.1 with default parameters matched the reference
distance (LKH-3's tours, re-evaluated in double precision) on five and was 0.03 % above it on the
sixth. OR-Tools 9.15's routing solver with guided local search, taking the better of two
first-solution strategies per instance, was 1.3-5.9 % above it on five of the six; with the
cheapest-arc start it found no solution at all for R101 and RC101 in 30 s. Over all 56
instances at 30 s, as committed (two searches side by side, `NEIGHBOURS` = 30), every answer was
feasible and within 1 % of the reference (mean +0.08 %, worst +0.83 %); one search with PyVRP's
defaults had 53 within 1 % (mean +0.20 %, worst +1.63 %). Tables and how to rerun them:
benchmarks/solomon/README.md.

How the console's problem maps onto PyVRP's model:

- Every job gets its own PyVRP location (clients at the same place stay distinct), so that who
  may serve a job can be expressed on the edges into it. Vehicles allowed the same set of jobs
  (by skills and pins) share a routing profile in which the edges into every other job are
  prohibitively long; vehicles that agree on everything else too become one vehicle type with
  `num_available` > 1. Jobs no vehicle may serve are left out up front and reported.
- A shift is the vehicle type's time window. Overtime: PyVRP charges route duration beyond
  `shift_duration`, while a route here is late when it returns after `shift_end`; the two agree
  once the route is made to start at `shift_start` (`start_late`), so that is what a vehicle with
  overtime gets. The reported departure is then moved as late as the first stop allows.
- A job that may be served late (`late_latest`) becomes a mutually exclusive group of two optional
  copies, on time and late, whose prizes differ by the late penalty: leaving the on-time copy out
  costs its prize. The group is required when the job is.
- PyVRP's "distance" carries the whole travel cost (`distance_cost` * distance + `duration_cost` *
  travel time), because PyVRP's own duration cost would also charge service and waiting.

Service start times are recomputed from the problem's own matrices (each stop as early as its
window and the previous stop allow), so they are exactly what `route_check` expects.
"""

from __future__ import annotations

import itertools
import os
import threading
import time
from collections import defaultdict
from collections.abc import Callable, Hashable, Sequence
from dataclasses import dataclass
from typing import Any, NamedTuple

import numpy as np
from pyvrp import IteratedLocalSearchParams, Model, ProblemData, Result, Solution, SolveParams
from pyvrp import solve as pyvrp_solve
from pyvrp.constants import MAX_VALUE
from pyvrp.search import NeighbourhoodParams

from console.services.routing import Job, Route, RoutingProblem, RoutingSolution, Stop, Vehicle

PROGRESS_INTERVAL_S = 0.1
# PyVRP's local search looks at this many nearest clients per client (its default is 50). Fewer
# means more, cheaper iterations in the same time; on the 56 Solomon instances at 30 s, 30 gave a
# mean gap of +0.14 % instead of +0.20 % and a worst of +1.15 % instead of +1.63 % (see
# benchmarks/solomon/README.md).
NEIGHBOURS = 30
# Two searches run side by side, one thread each, and the better answer is taken. PyVRP's local
# search releases the GIL (two threads on two cores each ran 85 % of one thread's iterations), and
# the two are made to differ in more than the seed: the first is PyVRP's iterated local search as
# it comes, the second restarts from a fresh solution after `RESTART_AFTER` iterations without a
# better one. Over the 56 Solomon instances at 30 s, each alone missed 1 % on one instance (RC203
# without restarts, RC108 with them); see benchmarks/solomon/README.md.
RESTART_AFTER = 20_000
SEARCHES = (
    IteratedLocalSearchParams(),
    IteratedLocalSearchParams(num_iters_no_improvement=RESTART_AFTER),
)


def parallel_searches() -> int:
    """How many of `SEARCHES` run at once: one per core, at most all of them."""
    return max(1, min(len(SEARCHES), os.cpu_count() or 1))


@dataclass(frozen=True, slots=True)
class _Visit:
    """What a PyVRP client stands for: a job (by its index in the problem), on time or late."""

    index: int
    job: Job
    late: bool


class _TypeKey(NamedTuple):
    """What vehicles must share to be one PyVRP vehicle type."""

    start: int
    end: int
    shift_start: int
    shift_end: int
    capacity: int | None
    max_overtime: int
    overtime_cost: int
    jobs: frozenset[int]


class _Stop:
    """PyVRP's stopping criterion: the time limit, the caller's cancel flag, and progress reports."""

    def __init__(
        self,
        seconds: float,
        should_stop: Callable[[], bool] | None,
        progress: Callable[[float], None] | None,
        iterations: int | None,
    ) -> None:
        self._seconds = max(seconds, 0.0)
        self._should_stop = should_stop
        self._progress = progress
        self._iterations = iterations
        self._started = time.perf_counter()
        self._reported = -PROGRESS_INTERVAL_S
        self._done = 0
        self.cancelled = False

    def __call__(self, best_cost: int) -> bool:
        elapsed = time.perf_counter() - self._started
        if self._progress is not None and elapsed - self._reported >= PROGRESS_INTERVAL_S:
            self._reported = elapsed
            self._progress(min(elapsed / self._seconds, 1.0) if self._seconds else 1.0)
        if self._should_stop is not None and self._should_stop():
            self.cancelled = True
            return True
        self._done += 1
        if self._iterations is not None:
            return self._done > self._iterations
        return elapsed >= self._seconds


def _best_of(
    data: ProblemData, searches: Sequence[IteratedLocalSearchParams], stops: Sequence[_Stop], seed: int
) -> Solution:
    """Run the searches at once (seeds `seed`, `seed` + 1, ...) and return the best feasible answer."""
    results: list[Result | None] = [None] * len(searches)
    failures: list[BaseException] = []

    def search(index: int) -> None:
        try:
            results[index] = pyvrp_solve(
                data,
                stops[index],
                seed=seed + index,
                collect_stats=False,
                display=False,
                params=SolveParams(
                    ils=searches[index], neighbourhood=NeighbourhoodParams(num_neighbours=NEIGHBOURS)
                ),
            )
        except BaseException as error:  # re-raised in the caller's thread below
            failures.append(error)

    threads = [
        threading.Thread(target=search, args=(index,), daemon=True) for index in range(1, len(searches))
    ]
    for thread in threads:
        thread.start()
    search(0)
    for thread in threads:
        thread.join()
    if failures:
        raise failures[0]
    found = [result for result in results if result is not None]
    return min(found, key=lambda result: result.cost()).best


def _may_serve(vehicle: Vehicle, job: Job) -> bool:
    return job.skills <= vehicle.skills and (job.vehicles is None or vehicle.key in job.vehicles)


def _visits(index: int, job: Job) -> list[_Visit]:
    if job.late_latest is None:
        return [_Visit(index, job, late=False)]
    return [_Visit(index, job, late=False), _Visit(index, job, late=True)]


class _Builder:
    """Builds the PyVRP model for one problem and remembers what each PyVRP index stands for."""

    def __init__(self, problem: RoutingProblem) -> None:
        self.problem = problem
        self.notes: list[str] = []
        allowed = {
            vehicle.key: frozenset(i for i, job in enumerate(problem.jobs) if _may_serve(vehicle, job))
            for vehicle in problem.vehicles
        }
        servable = frozenset[int]().union(*allowed.values())
        self.jobs = sorted(servable)
        for i, job in enumerate(problem.jobs):
            if i not in servable:
                self.notes.append(f"job {job.key}: no vehicle has the skills or is allowed to serve it")
        self._allowed = allowed
        self.model = Model()
        self.visits: list[_Visit] = []
        self.vehicle_keys: list[list[Hashable]] = []
        self._places: list[int] = []
        self._job_location: dict[int, int] = {}

    def build(self) -> ProblemData:
        problem, model = self.problem, self.model
        depot_places = sorted({v.start for v in problem.vehicles} | {v.end for v in problem.vehicles})
        depots = {}
        for place in depot_places:
            depots[place] = model.add_depot(model.add_location(0, 0))
            self._places.append(place)
        with_load = any(v.capacity is not None for v in problem.vehicles)
        for index in self.jobs:
            job = problem.jobs[index]
            self._job_location[index] = len(self._places)
            self._places.append(job.place)
            location = model.add_location(0, 0, name=str(job.key))
            copies = _visits(index, job)
            group = model.add_client_group(required=job.required) if len(copies) > 1 else None
            for visit in copies:
                model.add_client(
                    location,
                    delivery=[job.demand] if with_load else [],
                    service_duration=job.service,
                    tw_early=job.earliest,
                    tw_late=_late_limit(job) if visit.late else job.latest,
                    prize=_prize(visit),
                    required=job.required and group is None,
                    group=group,
                    name=f"{job.key}{' late' if visit.late else ''}",
                )
                self.visits.append(visit)
        unlimited = sum(problem.jobs[index].demand for index in self.jobs) + 1
        job_sets = sorted({self._allowed[v.key] for v in problem.vehicles}, key=sorted)
        profiles = {job_set: model.add_profile() for job_set in job_sets}
        types: dict[_TypeKey, list[Hashable]] = defaultdict(list)
        for vehicle in problem.vehicles:
            types[self._type_key(vehicle)].append(vehicle.key)
        for (start, end, early, late, capacity, overtime, overtime_cost, job_set), keys in types.items():
            model.add_vehicle_type(
                num_available=len(keys),
                capacity=[unlimited if capacity is None else capacity] if with_load else [],
                start_depot=depots[start],
                end_depot=depots[end],
                tw_early=early,
                tw_late=late + overtime,
                shift_duration=late - early,
                start_late=early if overtime else None,
                max_overtime=overtime,
                unit_overtime_cost=overtime_cost,
                profile=profiles[job_set],
            )
            self.vehicle_keys.append(keys)
        data = model.data()
        return data.replace(
            distance_matrices=[self._matrix(job_set, cost=True) for job_set in job_sets],
            duration_matrices=[self._matrix(job_set, cost=False) for job_set in job_sets],
        )

    def _type_key(self, vehicle: Vehicle) -> _TypeKey:
        return _TypeKey(
            vehicle.start,
            vehicle.end,
            vehicle.shift_start,
            vehicle.shift_end,
            vehicle.capacity,
            vehicle.max_overtime,
            vehicle.overtime_cost if vehicle.max_overtime else 0,
            self._allowed[vehicle.key],
        )

    def _matrix(self, job_set: frozenset[int], *, cost: bool) -> Any:
        """Edge costs (or travel times) between PyVRP locations for vehicles allowed `job_set`:
        every edge into another job is too long to take."""
        problem = self.problem
        index = np.array(self._places)
        duration = np.asarray(problem.duration, dtype=np.int64)[np.ix_(index, index)]
        if cost:
            distance = np.asarray(problem.distance, dtype=np.int64)[np.ix_(index, index)]
            matrix = problem.distance_cost * distance + problem.duration_cost * duration
        else:
            matrix = duration.copy()
        forbidden = [location for index, location in self._job_location.items() if index not in job_set]
        matrix[:, forbidden] = MAX_VALUE
        np.fill_diagonal(matrix, 0)
        return matrix


def _late_limit(job: Job) -> int:
    return job.latest if job.late_latest is None else job.late_latest


def _prize(visit: _Visit) -> int:
    """Prizes such that, relative to serving on time, being late costs the late penalty and leaving
    an optional job out costs its prize (a late penalty above the prize makes late as bad as out)."""
    job = visit.job
    if job.late_latest is None:
        return 0 if job.required else job.prize
    if job.required:
        return 0 if visit.late else job.late_penalty
    return max(job.prize - job.late_penalty, 0) if visit.late else job.prize


def _route(problem: RoutingProblem, vehicle: Vehicle, jobs: Sequence[Job]) -> tuple[Route, list[Job]]:
    """The route with each service started as early as possible; also the jobs it serves late."""
    distance, duration = problem.distance, problem.duration
    stops: list[Stop] = []
    late: list[Job] = []
    place, clock, travelled = vehicle.start, vehicle.shift_start, 0
    for job in jobs:
        start = max(clock + duration[place][job.place], job.earliest)
        stops.append(Stop(job.key, start))
        if job.latest < start and job.late_latest is not None:
            late.append(job)
        travelled += distance[place][job.place]
        place, clock = job.place, start + job.service
    arrival = clock + duration[place][vehicle.end]
    travelled += distance[place][vehicle.end]
    departure = vehicle.shift_start
    if jobs:
        departure = max(departure, stops[0].start - duration[vehicle.start][jobs[0].place])
    route = Route(vehicle.key, tuple(stops), departure, arrival, travelled, arrival - departure)
    return route, late


def _objective(
    problem: RoutingProblem, routes: Sequence[Route], served: set[int], late: Sequence[Job]
) -> int:
    """The problem's objective: lost prizes, late penalties, travel and overtime."""
    vehicles = {vehicle.key: vehicle for vehicle in problem.vehicles}
    places = {job.key: job.place for job in problem.jobs}
    total = sum(job.prize for i, job in enumerate(problem.jobs) if i not in served and not job.required)
    total += sum(job.late_penalty for job in late)
    for route in routes:
        vehicle = vehicles[route.vehicle]
        path = [vehicle.start, *(places[stop.job] for stop in route.stops), vehicle.end]
        travel = sum(problem.duration[a][b] for a, b in itertools.pairwise(path))
        total += problem.distance_cost * route.distance + problem.duration_cost * travel
        total += vehicle.overtime_cost * max(route.arrival - vehicle.shift_end, 0)
    return total


def solve(
    problem: RoutingProblem,
    seconds: float,
    *,
    seed: int = 0,
    should_stop: Callable[[], bool] | None = None,
    progress: Callable[[float], None] | None = None,
    iterations: int | None = None,
) -> RoutingSolution:
    """The best routes found within `seconds`.

    `should_stop()` returning True cancels the search, which then returns its best so far with
    `cancelled` set; `progress(fraction)` hears how far the time limit has run, at most ten times a
    second. The search is deterministic for a given `seed` and number of iterations; with a time
    limit, a slower or busier machine runs fewer of them, so `iterations` (a cap instead of the
    time limit) gives results that do not depend on the machine. `feasible` covers the jobs the
    solver was given: jobs that no vehicle may serve are in `unserved` with a note, not a failure.
    """
    started = time.perf_counter()
    builder = _Builder(problem)
    if not builder.jobs:
        return RoutingSolution(
            routes=(),
            unserved=tuple(job.key for job in problem.jobs),
            late=(),
            feasible=True,
            cost=sum(job.prize for job in problem.jobs if not job.required),
            seconds=time.perf_counter() - started,
            notes=tuple(builder.notes),
        )
    data = builder.build()
    remaining = seconds - (time.perf_counter() - started)
    searches = SEARCHES[: parallel_searches()]
    stops = [
        _Stop(remaining, should_stop, progress if index == 0 else None, iterations)
        for index in range(len(searches))
    ]
    best = _best_of(data, searches, stops, seed)

    by_vehicle: dict[Hashable, list[Job]] = {}
    used = {key: 0 for key in range(len(builder.vehicle_keys))}
    served: set[int] = set()
    for pyvrp_route in best.routes():
        type_index = pyvrp_route.vehicle_type()
        key = builder.vehicle_keys[type_index][used[type_index]]
        used[type_index] += 1
        visits = [builder.visits[activity.idx] for activity in pyvrp_route if activity.is_client()]
        by_vehicle[key] = [visit.job for visit in visits]
        served.update(visit.index for visit in visits)
    routes: list[Route] = []
    late: list[Job] = []
    for vehicle in problem.vehicles:
        if vehicle.key in by_vehicle:
            route, route_late = _route(problem, vehicle, by_vehicle[vehicle.key])
            routes.append(route)
            late.extend(route_late)
    unserved = [job for i, job in enumerate(problem.jobs) if i not in served]
    if progress is not None:
        progress(1.0)
    return RoutingSolution(
        routes=tuple(routes),
        unserved=tuple(job.key for job in unserved),
        late=tuple(job.key for job in late),
        feasible=best.is_feasible() and best.is_complete(),
        cost=_objective(problem, routes, served, late),
        seconds=time.perf_counter() - started,
        cancelled=any(stop.cancelled for stop in stops),
        notes=tuple(builder.notes),
    )
