"""Which solver for the day-plan optimiser: OR-Tools' routing solver (guided local search) vs PyVRP.

Both get the same scaled integer problem built by `console.services.solomon` and the same time
limit; both answers are re-evaluated the same way (distance in double precision, `route_check`
and the real-number time-window check). OR-Tools is imported here only; it is not a dependency
of the console.

    python -m benchmarks.solomon_compare C101 C201 R101 R201 RC101 RC201 --seconds 30
"""

from __future__ import annotations

import argparse
import time
from pathlib import Path

from console.services.route_check import violations
from console.services.route_solver import solve
from console.services.routing import Route, RoutingProblem, RoutingSolution, Stop
from console.services.solomon import (
    SolomonInstance,
    exact_distance,
    exact_violations,
    read_instance,
    to_problem,
)

INSTANCES = Path(__file__).resolve().parent / "solomon" / "instances"


def solve_ortools(problem: RoutingProblem, seconds: float, first: str) -> RoutingSolution:
    """OR-Tools' routing solver on a single-depot problem: arc cost = distance, a time dimension with
    waiting allowed, a capacity dimension; the `first` solution strategy, then guided local search."""
    from ortools.constraint_solver import pywrapcp, routing_enums_pb2  # type: ignore[import-untyped]

    started = time.perf_counter()
    jobs = {job.place: job for job in problem.jobs}
    vehicles = problem.vehicles
    depot = vehicles[0]
    manager = pywrapcp.RoutingIndexManager(len(problem.distance), len(vehicles), depot.start)
    routing = pywrapcp.RoutingModel(manager)

    def distance(i: int, j: int) -> int:
        return int(problem.distance[manager.IndexToNode(i)][manager.IndexToNode(j)])

    def time_(i: int, j: int) -> int:
        a, b = manager.IndexToNode(i), manager.IndexToNode(j)
        service = jobs[a].service if a in jobs else 0
        return int(service + problem.duration[a][b])

    def demand(i: int) -> int:
        node = manager.IndexToNode(i)
        return jobs[node].demand if node in jobs else 0

    routing.SetArcCostEvaluatorOfAllVehicles(routing.RegisterTransitCallback(distance))
    horizon = depot.shift_end
    routing.AddDimension(routing.RegisterTransitCallback(time_), horizon, horizon, False, "time")
    clock = routing.GetDimensionOrDie("time")
    for place, job in jobs.items():
        clock.CumulVar(manager.NodeToIndex(place)).SetRange(job.earliest, job.latest)
    for number in range(len(vehicles)):
        clock.CumulVar(routing.Start(number)).SetRange(depot.shift_start, depot.shift_end)
        clock.CumulVar(routing.End(number)).SetRange(depot.shift_start, depot.shift_end)
    capacities = [vehicle.capacity or 0 for vehicle in vehicles]
    routing.AddDimensionWithVehicleCapacity(
        routing.RegisterUnaryTransitCallback(demand), 0, capacities, True, "load"
    )
    parameters = pywrapcp.DefaultRoutingSearchParameters()
    parameters.first_solution_strategy = getattr(routing_enums_pb2.FirstSolutionStrategy, first)
    parameters.local_search_metaheuristic = routing_enums_pb2.LocalSearchMetaheuristic.GUIDED_LOCAL_SEARCH
    parameters.time_limit.FromMilliseconds(int(seconds * 1000))
    assignment = routing.SolveWithParameters(parameters)
    routes: list[Route] = []
    if assignment is not None:
        for number, vehicle in enumerate(vehicles):
            index = routing.Start(number)
            stops: list[Stop] = []
            travelled = 0
            while not routing.IsEnd(index):
                following = assignment.Value(routing.NextVar(index))
                travelled += routing.GetArcCostForVehicle(index, following, number)
                index = following
                if not routing.IsEnd(index):
                    node = manager.IndexToNode(index)
                    stops.append(Stop(jobs[node].key, assignment.Min(clock.CumulVar(index))))
            if stops:
                departure = assignment.Min(clock.CumulVar(routing.Start(number)))
                arrival = assignment.Min(clock.CumulVar(routing.End(number)))
                routes.append(
                    Route(vehicle.key, tuple(stops), departure, arrival, travelled, arrival - departure)
                )
    served = {stop.job for route in routes for stop in route.stops}
    return RoutingSolution(
        routes=tuple(routes),
        unserved=tuple(job.key for job in problem.jobs if job.key not in served),
        late=(),
        feasible=assignment is not None,
        cost=sum(route.distance for route in routes),
        seconds=time.perf_counter() - started,
    )


def _row(instance: SolomonInstance, problem: RoutingProblem, solution: RoutingSolution) -> str:
    feasible = (
        solution.feasible and not violations(problem, solution) and not exact_violations(instance, solution)
    )
    distance = exact_distance(instance, solution)
    return f"{len(solution.routes):>3} {distance:>9.2f} {'yes' if feasible else 'NO':>4}"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("instances", nargs="+", help="instance names (C101 ...) or paths")
    parser.add_argument("--seconds", type=float, default=30.0)
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument(
        "--first",
        default="PATH_CHEAPEST_ARC",
        help="OR-Tools first-solution strategy (PATH_CHEAPEST_ARC, PARALLEL_CHEAPEST_INSERTION, ...)",
    )
    parser.add_argument("--skip-pyvrp", action="store_true", help="run OR-Tools only")
    args = parser.parse_args()
    print(f"OR-Tools: {args.first} + GUIDED_LOCAL_SEARCH; {args.seconds:g} s per instance and solver")
    print(f"{'instance':<8} | {'OR-Tools GLS: veh distance ok':>29} | {'PyVRP: veh distance ok':>22}")
    for name in args.instances:
        path = Path(name) if name.endswith(".txt") else INSTANCES / f"{name}.txt"
        instance = read_instance(path)
        problem = to_problem(instance)
        left = _row(instance, problem, solve_ortools(problem, args.seconds, args.first))
        right = (
            "-" if args.skip_pyvrp else _row(instance, problem, solve(problem, args.seconds, seed=args.seed))
        )
        print(f"{instance.name:<8} | {left:>29} | {right:>22}", flush=True)


if __name__ == "__main__":
    main()
