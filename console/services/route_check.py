"""Check a `RoutingSolution` against its `RoutingProblem`, rule by rule, without asking any solver.

Written from the problem's definition alone, so that a mistake in how `route_solver` maps the
problem onto PyVRP (or reads PyVRP's answer back) shows up as a violation instead of a bad plan.
"""

from __future__ import annotations

import itertools
from collections import Counter
from collections.abc import Hashable

from console.services.routing import Job, Route, RoutingProblem, RoutingSolution, Vehicle


def violations(problem: RoutingProblem, solution: RoutingSolution) -> list[str]:
    """Every broken rule as one readable sentence naming the job or vehicle; empty when all hold."""
    jobs = {job.key: job for job in problem.jobs}
    vehicles = {vehicle.key: vehicle for vehicle in problem.vehicles}
    found: list[str] = []
    served = Counter(stop.job for route in solution.routes for stop in route.stops)
    found += [f"job {key}: served {count} times" for key, count in served.items() if count > 1]
    found += [f"job {key}: not in the problem" for key in served if key not in jobs]
    found += _unserved(problem, solution, served)
    found += _late(jobs, solution, served)
    routes_per_vehicle = Counter(route.vehicle for route in solution.routes)
    found += [f"vehicle {key}: {count} routes" for key, count in routes_per_vehicle.items() if count > 1]
    for route in solution.routes:
        vehicle = vehicles.get(route.vehicle)
        if vehicle is None:
            found.append(f"vehicle {route.vehicle}: not in the problem")
            continue
        stops = [jobs[stop.job] for stop in route.stops if stop.job in jobs]
        found += _assignment(vehicle, stops)
        found += _schedule(problem, vehicle, route, jobs, set(solution.late))
        found += _totals(problem, vehicle, route, stops)
    return found


def _can_be_served(problem: RoutingProblem, job: Job) -> bool:
    return any(_assignment(vehicle, [job]) == [] for vehicle in problem.vehicles)


def _unserved(problem: RoutingProblem, solution: RoutingSolution, served: Counter[Hashable]) -> list[str]:
    found: list[str] = []
    reported = set(solution.unserved)
    for job in problem.jobs:
        if job.key in served:
            if job.key in reported:
                found.append(f"job {job.key}: reported unserved but is on a route")
        elif job.key not in reported:
            found.append(f"job {job.key}: neither served nor reported unserved")
        elif job.required and _can_be_served(problem, job):
            found.append(f"job {job.key}: required but left unserved")
    return found


def _late(jobs: dict[Hashable, Job], solution: RoutingSolution, served: Counter[Hashable]) -> list[str]:
    found: list[str] = []
    for key in solution.late:
        job = jobs.get(key)
        if job is None or key not in served:
            found.append(f"job {key}: reported late but not served")
        elif job.late_latest is None:
            found.append(f"job {key}: reported late but may not be late")
    return found


def _assignment(vehicle: Vehicle, stops: list[Job]) -> list[str]:
    found: list[str] = []
    for job in stops:
        missing = job.skills - vehicle.skills
        if missing:
            found.append(f"job {job.key}: vehicle {vehicle.key} lacks skills {', '.join(sorted(missing))}")
        if job.vehicles is not None and vehicle.key not in job.vehicles:
            found.append(f"job {job.key}: vehicle {vehicle.key} is not among the vehicles allowed")
    return found


def _schedule(
    problem: RoutingProblem, vehicle: Vehicle, route: Route, jobs: dict[Hashable, Job], late: set[Hashable]
) -> list[str]:
    found: list[str] = []
    duration = problem.duration
    if route.departure < vehicle.shift_start:
        found.append(
            f"vehicle {vehicle.key}: departs at {route.departure}, before its shift starts at "
            f"{vehicle.shift_start}"
        )
    place, ready, what = vehicle.start, route.departure, "departure"
    for stop in route.stops:
        job = jobs.get(stop.job)
        if job is None:
            continue
        reachable = ready + duration[place][job.place]
        if stop.start < reachable:
            found.append(
                f"job {job.key}: starts at {stop.start}, before {reachable} (after the {what} and travel)"
            )
        if stop.start < job.earliest:
            found.append(f"job {job.key}: starts at {stop.start}, before its window opens at {job.earliest}")
        if stop.start > job.latest:
            if job.late_latest is None or stop.start > job.late_latest:
                limit = job.latest if job.late_latest is None else job.late_latest
                found.append(f"job {job.key}: starts at {stop.start}, after its latest start {limit}")
            elif job.key not in late:
                found.append(f"job {job.key}: starts late at {stop.start} but is not reported late")
        elif job.key in late:
            found.append(f"job {job.key}: reported late but starts on time at {stop.start}")
        place, ready, what = job.place, stop.start + job.service, f"service of job {job.key}"
    back = ready + duration[place][vehicle.end]
    if route.arrival < back:
        found.append(
            f"vehicle {vehicle.key}: arrives at {route.arrival}, before {back} (after the {what} and travel)"
        )
    limit = vehicle.shift_end + vehicle.max_overtime
    if route.arrival > limit:
        found.append(
            f"vehicle {vehicle.key}: back at {route.arrival}, after its shift end plus overtime {limit}"
        )
    return found


def _totals(problem: RoutingProblem, vehicle: Vehicle, route: Route, stops: list[Job]) -> list[str]:
    found: list[str] = []
    path = [vehicle.start, *(job.place for job in stops), vehicle.end]
    distance = sum(problem.distance[a][b] for a, b in itertools.pairwise(path))
    if route.distance != distance:
        found.append(f"vehicle {vehicle.key}: route distance {route.distance}, the matrix gives {distance}")
    if route.duration != route.arrival - route.departure:
        found.append(f"vehicle {vehicle.key}: route duration {route.duration} is not arrival minus departure")
    load = sum(job.demand for job in stops)
    if vehicle.capacity is not None and load > vehicle.capacity:
        found.append(f"vehicle {vehicle.key}: load {load} exceeds its capacity {vehicle.capacity}")
    return found
