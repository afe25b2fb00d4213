"""Solomon's VRPTW benchmark instances as `RoutingProblem`s, solved by the console's own route solver.

The instances are the yardstick for `route_solver`: same code as the day-plan optimiser, a problem
with published reference distances. The interface is integer, so coordinates' Euclidean distances
are scaled by `SCALE`; travel times are rounded up, so a schedule that fits the windows in integers
fits them in real numbers too, and distances to the nearest unit. The reported distance and the
time-window check are then redone in double precision from the coordinates, as the literature
does.
"""

from __future__ import annotations

import itertools
import math
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from console.errors import ConsoleError
from console.services.route_check import violations
from console.services.route_solver import solve
from console.services.routing import Job, RoutingProblem, RoutingSolution, Vehicle

SCALE = 10_000
CUSTOMER_FIELDS = 7


class SolomonFileError(ConsoleError):
    """The file is not a Solomon instance; `line` is 1-based, 0 when the whole file is at fault."""

    def __init__(self, path: Path, line: int, reason: str) -> None:
        where = f"line {line}: " if line else ""
        super().__init__(
            "Cannot read the Solomon file {path}: {where}{reason}.",
            path=str(path),
            where=where,
            reason=reason,
        )
        self.line = line


@dataclass(frozen=True, slots=True)
class Customer:
    """One row of the file; number 0 is the depot."""

    number: int
    x: float
    y: float
    demand: int
    ready: int
    due: int
    service: int


@dataclass(frozen=True, slots=True)
class SolomonInstance:
    """An instance as read: its name, fleet and rows (the depot first)."""

    name: str
    vehicles: int
    capacity: int
    customers: tuple[Customer, ...]

    def distance(self, a: int, b: int) -> float:
        """Euclidean distance between rows `a` and `b`, in double precision."""
        first, second = self.customers[a], self.customers[b]
        return math.hypot(first.x - second.x, first.y - second.y)


def read_instance(path: Path) -> SolomonInstance:
    """Parse a Solomon file: name, VEHICLE section (number, capacity), CUSTOMER rows of seven numbers."""
    try:
        lines = path.read_text(encoding="ascii").splitlines()
    except (OSError, UnicodeDecodeError) as exc:
        raise SolomonFileError(path, 0, str(exc)) from exc
    numbered = [(n, line.split()) for n, line in enumerate(lines, start=1) if line.strip()]
    if not numbered:
        raise SolomonFileError(path, 0, "the file is empty")
    name = numbered[0][1][0]
    fleet: tuple[int, int] | None = None
    customers: list[Customer] = []
    section = ""
    for number, fields in numbered[1:]:
        head = fields[0].upper()
        if head in ("VEHICLE", "CUSTOMER"):
            section = head
        elif not fields[0].lstrip("-").isdigit():
            continue
        elif section == "VEHICLE" and fleet is None:
            values = _integers(path, number, fields, 2)
            fleet = (values[0], values[1])
        elif section == "CUSTOMER":
            values = _integers(path, number, fields, CUSTOMER_FIELDS)
            if values[0] != len(customers):
                raise SolomonFileError(path, number, f"expected customer {len(customers)}, found {values[0]}")
            if values[4] > values[5]:
                raise SolomonFileError(path, number, "ready time after due date")
            customers.append(Customer(values[0], values[1], values[2], *values[3:]))
        else:
            raise SolomonFileError(path, number, "numbers outside the VEHICLE and CUSTOMER sections")
    if fleet is None:
        raise SolomonFileError(path, 0, "no VEHICLE section with the number and capacity")
    if len(customers) < 2:
        raise SolomonFileError(path, 0, "no CUSTOMER rows after the depot")
    return SolomonInstance(name, fleet[0], fleet[1], tuple(customers))


def _integers(path: Path, line: int, fields: list[str], count: int) -> list[int]:
    if len(fields) != count:
        raise SolomonFileError(path, line, f"expected {count} numbers, found {len(fields)}")
    try:
        return [int(field) for field in fields]
    except ValueError as exc:
        raise SolomonFileError(path, line, f"not a whole number: {exc}") from exc


def to_problem(instance: SolomonInstance) -> RoutingProblem:
    """The instance in scaled integers: place i is row i, every customer required."""
    size = len(instance.customers)
    exact = [[instance.distance(a, b) * SCALE for b in range(size)] for a in range(size)]
    depot = instance.customers[0]
    jobs = [
        Job(
            key=c.number,
            place=c.number,
            service=c.service * SCALE,
            earliest=c.ready * SCALE,
            latest=c.due * SCALE,
            demand=c.demand,
        )
        for c in instance.customers[1:]
    ]
    vehicles = [
        Vehicle(
            key=n,
            start=0,
            end=0,
            shift_start=depot.ready * SCALE,
            shift_end=depot.due * SCALE,
            capacity=instance.capacity,
        )
        for n in range(1, instance.vehicles + 1)
    ]
    return RoutingProblem(
        distance=[[round(value) for value in row] for row in exact],
        duration=[[math.ceil(value) for value in row] for row in exact],
        jobs=jobs,
        vehicles=vehicles,
    )


def exact_distance(instance: SolomonInstance, solution: RoutingSolution) -> float:
    """Total distance of the routes, in double precision from the coordinates."""
    total = 0.0
    for route in solution.routes:
        path = [0, *(int(stop.job) for stop in route.stops), 0]  # type: ignore[call-overload]
        total += sum(instance.distance(a, b) for a, b in itertools.pairwise(path))
    return total


def exact_violations(instance: SolomonInstance, solution: RoutingSolution) -> list[str]:
    """Time windows and the depot's closing checked in real numbers, each service as early as allowed."""
    problems: list[str] = []
    depot = instance.customers[0]
    for route in solution.routes:
        clock, place = float(depot.ready), 0
        for stop in route.stops:
            customer = instance.customers[int(stop.job)]  # type: ignore[call-overload]
            clock = max(clock + instance.distance(place, customer.number), customer.ready)
            if clock > customer.due:
                problems.append(f"customer {customer.number}: starts at {clock:.4f} after {customer.due}")
            clock += customer.service
            place = customer.number
        back = clock + instance.distance(place, 0)
        if back > depot.due:
            problems.append(f"vehicle {route.vehicle}: back at {back:.4f} after {depot.due}")
    return problems


def solve_instance(path: Path, seconds: float, seed: int = 0) -> dict[str, Any]:
    """Solve one file and summarise it as the benchmark reports it."""
    started = time.perf_counter()
    instance = read_instance(path)
    problem = to_problem(instance)
    solution = solve(problem, seconds, seed=seed)
    feasible = (
        solution.feasible and not violations(problem, solution) and not exact_violations(instance, solution)
    )
    return {
        "instance": instance.name,
        "vehicles": len(solution.routes),
        "distance": round(exact_distance(instance, solution), 2),
        "feasible": feasible,
        "seconds": round(time.perf_counter() - started, 1),
    }
