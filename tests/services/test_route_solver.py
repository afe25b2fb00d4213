"""The route solver on small hand-made problems, and on one Solomon instance against its reference."""

from __future__ import annotations

import time
from pathlib import Path

import pytest
from pyvrp import CostEvaluator, Model, Solution

from console.services.route_check import violations
from console.services.route_solver import solve
from console.services.routing import Job, RoutingProblem, RoutingSolution, Vehicle
from console.services.solomon import solve_instance

SOLOMON = Path(__file__).resolve().parents[2] / "benchmarks" / "solomon" / "instances"
ITERATIONS = 300

# Place 0 is the depot; places 1 and 2 are close to each other, place 3 is far from both.
MATRIX = [
    [0, 10, 10, 30],
    [10, 0, 5, 35],
    [10, 5, 0, 35],
    [30, 35, 35, 0],
]


def _problem(jobs: list[Job], vehicles: list[Vehicle]) -> RoutingProblem:
    return RoutingProblem(distance=MATRIX, duration=MATRIX, jobs=jobs, vehicles=vehicles)


def _solve(problem: RoutingProblem) -> RoutingSolution:
    solution = solve(problem, 10.0, iterations=ITERATIONS)
    assert violations(problem, solution) == []
    return solution


def _served_by(solution: RoutingSolution) -> dict[object, object]:
    return {stop.job: route.vehicle for route in solution.routes for stop in route.stops}


def test_skills_decide_who_serves() -> None:
    jobs = [
        Job("lift", 1, 10, 0, 500, skills=frozenset({"lift"})),
        Job("hvac", 2, 10, 0, 500, skills=frozenset({"hvac"})),
        Job("any", 3, 10, 0, 500),
    ]
    vehicles = [
        Vehicle("ann", 0, 0, 0, 1000, skills=frozenset({"lift"})),
        Vehicle("bob", 0, 0, 0, 1000, skills=frozenset({"hvac"})),
    ]
    solution = _solve(_problem(jobs, vehicles))
    served = _served_by(solution)
    assert served["lift"] == "ann"
    assert served["hvac"] == "bob"
    assert solution.feasible and solution.unserved == ()


def test_pinned_job_goes_to_its_vehicle() -> None:
    jobs = [Job("pinned", 1, 10, 40, 50, vehicles=frozenset({"bob"})), Job("other", 2, 10, 0, 500)]
    vehicles = [Vehicle("ann", 0, 0, 0, 1000), Vehicle("bob", 0, 3, 0, 1000)]
    solution = _solve(_problem(jobs, vehicles))
    assert _served_by(solution)["pinned"] == "bob"


def test_identical_vehicles_each_get_their_own_route() -> None:
    jobs = [Job(n, place, 100, 0, 100) for n, place in enumerate((1, 2, 3))]
    vehicles = [Vehicle(f"v{n}", 0, 0, 0, 1000) for n in range(3)]
    solution = _solve(_problem(jobs, vehicles))
    assert {route.vehicle for route in solution.routes} == {"v0", "v1", "v2"}


def test_shift_end_is_respected_and_overtime_paid() -> None:
    jobs = [Job("a", 1, 20, 0, 500), Job("b", 3, 20, 0, 500, required=False, prize=1_000)]
    tight = _solve(_problem(jobs, [Vehicle("v", 0, 0, 0, 60)]))
    assert tight.unserved == ("b",)
    assert tight.routes[0].arrival <= 60
    with_overtime = _solve(_problem(jobs, [Vehicle("v", 0, 0, 0, 60, max_overtime=100, overtime_cost=2)]))
    assert with_overtime.unserved == ()
    route = with_overtime.routes[0]
    overtime = route.arrival - 60
    assert overtime > 0
    assert with_overtime.cost == route.distance + 2 * overtime


def test_late_copy_only_when_on_time_is_impossible() -> None:
    possible = Job("a", 3, 10, 0, 40, late_latest=500, late_penalty=1_000)
    on_time = _solve(_problem([possible], [Vehicle("v", 0, 0, 0, 1000)]))
    assert on_time.late == ()
    impossible = Job("a", 3, 10, 0, 20, late_latest=500, late_penalty=1_000)
    late = _solve(_problem([impossible], [Vehicle("v", 0, 0, 0, 1000)]))
    assert late.late == ("a",)
    assert late.feasible
    assert late.cost == late.routes[0].distance + 1_000


def test_pyvrp_charges_the_late_copy_its_penalty() -> None:
    """The modelling trick itself: in a required mutually exclusive group of two optional copies,
    PyVRP's objective for the late copy exceeds the on-time one by the on-time copy's prize."""
    model = Model()
    depot = model.add_depot(model.add_location(0, 0))
    where = model.add_location(1, 1)
    group = model.add_client_group(required=True)
    model.add_client(where, tw_late=100, prize=700, required=False, group=group)
    model.add_client(where, tw_late=500, prize=0, required=False, group=group)
    model.add_vehicle_type(start_depot=depot, end_depot=depot)
    model.add_edge(model.locations[0], where, distance=10, duration=10)
    model.add_edge(where, model.locations[0], distance=10, duration=10)
    data = model.data()
    evaluator = CostEvaluator([], 0, 0)
    on_time, late = Solution(data, [[0]]), Solution(data, [[1]])
    assert on_time.is_feasible() and late.is_feasible()
    assert evaluator.cost(late) - evaluator.cost(on_time) == 700
    assert not Solution(data, []).is_complete()


def test_optional_job_dropped_when_its_prize_is_below_its_cost() -> None:
    jobs = [
        Job("cheap", 3, 10, 0, 500, required=False, prize=20),
        Job("worth", 1, 10, 0, 500, required=False, prize=50),
    ]
    solution = _solve(_problem(jobs, [Vehicle("v", 0, 0, 0, 1000)]))
    assert solution.unserved == ("cheap",)
    assert solution.cost == 20 + 20


def test_job_nobody_can_serve_is_reported_not_fatal() -> None:
    jobs = [Job("gas", 1, 10, 0, 500, skills=frozenset({"gas"})), Job("plain", 2, 10, 0, 500)]
    solution = _solve(_problem(jobs, [Vehicle("v", 0, 0, 0, 1000)]))
    assert solution.unserved == ("gas",)
    assert solution.feasible
    assert _served_by(solution) == {"plain": "v"}
    assert any("gas" in note for note in solution.notes)


def test_capacity_splits_the_load() -> None:
    jobs = [Job(n, place, 5, 0, 500, demand=6) for n, place in enumerate((1, 2))]
    vehicles = [Vehicle("small", 0, 0, 0, 1000, capacity=10), Vehicle("other", 0, 0, 0, 1000, capacity=10)]
    solution = _solve(_problem(jobs, vehicles))
    assert len(solution.routes) == 2


def test_same_seed_same_routes() -> None:
    jobs = [Job(n, 1 + n % 3, 5, 0, 1000) for n in range(6)]
    problem = _problem(jobs, [Vehicle("a", 0, 0, 0, 1000), Vehicle("b", 0, 3, 0, 1000)])
    first = solve(problem, 10.0, seed=3, iterations=ITERATIONS)
    second = solve(problem, 10.0, seed=3, iterations=ITERATIONS)
    assert first.routes == second.routes


def test_cancel_returns_quickly_with_the_best_so_far() -> None:
    problem = _problem([Job("a", 1, 5, 0, 500)], [Vehicle("v", 0, 0, 0, 1000)])
    calls: list[float] = []
    started = time.perf_counter()
    solution = solve(problem, 30.0, should_stop=lambda: len(calls) > 2, progress=calls.append)
    assert time.perf_counter() - started < 5
    assert solution.cancelled
    assert violations(problem, solution) == []


def test_progress_reported_a_few_times_a_second() -> None:
    problem = _problem([Job("a", 1, 5, 0, 500), Job("b", 3, 5, 0, 500)], [Vehicle("v", 0, 0, 0, 1000)])
    calls: list[float] = []
    solution = solve(problem, 0.5, progress=calls.append)
    assert not solution.cancelled
    assert 2 <= len(calls) <= 10
    assert calls == sorted(calls)
    assert calls[-1] == 1.0 and all(0.0 <= value <= 1.0 for value in calls)


@pytest.mark.slow
def test_solomon_c101_reaches_the_reference() -> None:
    summary = solve_instance(SOLOMON / "C101.txt", 3.0)
    assert summary["feasible"]
    assert summary["vehicles"] <= 25
    assert summary["distance"] == pytest.approx(828.94, rel=0.02)
