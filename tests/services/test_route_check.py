"""The independent checker: a correct hand-made plan passes, and each broken rule is named."""

from __future__ import annotations

from dataclasses import replace

import pytest

from console.services.route_check import violations
from console.services.routing import Job, Route, RoutingProblem, RoutingSolution, Stop, Vehicle

# Depot 0, places 1 and 2 near each other, place 3 far away.
MATRIX = [
    [0, 10, 10, 30],
    [10, 0, 5, 35],
    [10, 5, 0, 35],
    [30, 35, 35, 0],
]

PROBLEM = RoutingProblem(
    distance=MATRIX,
    duration=MATRIX,
    jobs=[
        Job("a", 1, 10, 0, 100, demand=4, skills=frozenset({"lift"})),
        Job("b", 2, 10, 30, 100, demand=4, late_latest=200, late_penalty=50),
        Job("c", 3, 10, 0, 500, vehicles=frozenset({"bob"})),
        Job("d", 3, 10, 0, 500, required=False, prize=5),
    ],
    vehicles=[
        Vehicle("ann", 0, 0, 0, 200, skills=frozenset({"lift"}), capacity=10, max_overtime=20),
        Vehicle("bob", 0, 0, 0, 100),
    ],
)

GOOD = RoutingSolution(
    routes=(
        Route("ann", (Stop("a", 10), Stop("b", 30)), departure=0, arrival=50, distance=25, duration=50),
        Route("bob", (Stop("c", 30),), departure=0, arrival=70, distance=60, duration=70),
    ),
    unserved=("d",),
    late=(),
    feasible=True,
    cost=90,
    seconds=0.1,
)


def _with_route(index: int, **changes: object) -> RoutingSolution:
    routes = list(GOOD.routes)
    routes[index] = replace(routes[index], **changes)  # type: ignore[arg-type]
    return replace(GOOD, routes=tuple(routes))


def test_a_correct_plan_passes() -> None:
    assert violations(PROBLEM, GOOD) == []


def test_late_service_within_the_late_window_passes_when_reported() -> None:
    late = _with_route(0, stops=(Stop("a", 10), Stop("b", 150)), arrival=170, duration=170)
    assert violations(PROBLEM, replace(late, late=("b",))) == []
    assert violations(PROBLEM, late) == ["job b: starts late at 150 but is not reported late"]


@pytest.mark.parametrize(
    ("solution", "expected"),
    [
        (replace(GOOD, unserved=()), "job d: neither served nor reported unserved"),
        (
            replace(_with_route(1, stops=(), distance=0, arrival=0, duration=0), unserved=("d", "c")),
            "job c: required but left unserved",
        ),
        (
            _with_route(1, stops=(Stop("c", 30), Stop("a", 75)), arrival=95, distance=75, duration=95),
            "job a: served 2 times",
        ),
        (replace(GOOD, unserved=("d", "c")), "job c: reported unserved but is on a route"),
        (replace(GOOD, late=("a",)), "job a: reported late but may not be late"),
        (
            _with_route(0, stops=(Stop("a", 10), Stop("b", 12))),
            "job b: starts at 12, before 25 (after the service of job a and travel)",
        ),
        (
            _with_route(0, stops=(Stop("a", 5), Stop("b", 30))),
            "job a: starts at 5, before 10 (after the departure and travel)",
        ),
        (
            _with_route(0, stops=(Stop("b", 20), Stop("a", 35)), distance=25),
            "job b: starts at 20, before its window opens at 30",
        ),
        (
            _with_route(0, stops=(Stop("a", 110), Stop("b", 125)), departure=100, arrival=135, duration=35),
            "job a: starts at 110, after its latest start 100",
        ),
        (
            _with_route(0, stops=(Stop("a", 10), Stop("b", 210)), arrival=230, duration=230),
            "job b: starts at 210, after its latest start 200",
        ),
        (
            _with_route(0, departure=-5, duration=55),
            "vehicle ann: departs at -5, before its shift starts at 0",
        ),
        (
            _with_route(0, arrival=45, duration=45),
            "vehicle ann: arrives at 45, before 50 (after the service of job b and travel)",
        ),
        (
            _with_route(0, arrival=221, duration=221),
            "vehicle ann: back at 221, after its shift end plus overtime 220",
        ),
        (
            replace(
                GOOD,
                routes=(
                    Route("bob", (Stop("a", 10), Stop("b", 30)), 0, 50, 25, 50),
                    Route("ann", (Stop("c", 30),), 0, 70, 60, 70),
                ),
            ),
            "job a: vehicle bob lacks skills lift",
        ),
        (
            replace(
                GOOD,
                routes=(
                    Route("bob", (Stop("a", 10), Stop("b", 30)), 0, 50, 25, 50),
                    Route("ann", (Stop("c", 30),), 0, 70, 60, 70),
                ),
            ),
            "job c: vehicle ann is not among the vehicles allowed",
        ),
        (_with_route(0, distance=24), "vehicle ann: route distance 24, the matrix gives 25"),
        (_with_route(0, duration=49), "vehicle ann: route duration 49 is not arrival minus departure"),
        (
            replace(GOOD, routes=(*GOOD.routes, Route("bob", (), 0, 0, 0, 0))),
            "vehicle bob: 2 routes",
        ),
        (
            replace(GOOD, routes=(*GOOD.routes, Route("eve", (), 0, 0, 0, 0))),
            "vehicle eve: not in the problem",
        ),
        (
            _with_route(1, stops=(Stop("c", 30), Stop("z", 80))),
            "job z: not in the problem",
        ),
    ],
)
def test_each_broken_rule_is_named(solution: RoutingSolution, expected: str) -> None:
    assert expected in violations(PROBLEM, solution)


def test_capacity() -> None:
    heavy = replace(PROBLEM, jobs=[replace(PROBLEM.jobs[0], demand=8), *PROBLEM.jobs[1:]])
    assert violations(heavy, GOOD) == ["vehicle ann: load 12 exceeds its capacity 10"]


def test_job_nobody_may_serve_can_be_reported_unserved() -> None:
    gas = Job("gas", 1, 10, 0, 100, skills=frozenset({"gas"}))
    problem = replace(PROBLEM, jobs=[*PROBLEM.jobs, gas])
    assert violations(problem, replace(GOOD, unserved=("d", "gas"))) == []
