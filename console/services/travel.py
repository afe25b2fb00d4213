"""Travel between two points of the map: distance and driving time, behind one interface.

Everything that needs to know how far a technician is from a site (the nearest-technician list, the
day-plan optimiser) asks a `TravelModel`, so a road-network service (OSRM, a routing API) can replace
the straight-line estimate later without touching its callers. Points are (latitude, longitude) pairs
in degrees.

`StraightLine` is the estimate available offline: the great-circle distance stretched by a detour
factor, driven at an average speed. Its defaults describe urban Moscow driving during the working day.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Final, Protocol

Point = tuple[float, float]
"""A (latitude, longitude) pair in degrees."""

EARTH_RADIUS_KM: Final = 6371.0088
"""The mean Earth radius (IUGG); the sphere's error against the ellipsoid stays under 0.5%."""

DETOUR_FACTOR: Final = 1.3
"""Road distance over straight-line distance in a dense city.

Streets rarely run straight from a technician to a site: Moscow's radial-ring layout, one-way streets
and river and railway crossings make a trip about 1.2-1.4 times the crow-flies distance, so 1.3.
"""

SPEED_KMH: Final = 30.0
"""Average door-to-door driving speed in Moscow during the working day, traffic lights and jams
included (navigation services report 25-35 km/h for daytime city trips); parking is not counted."""


class TravelModel(Protocol):
    """How far apart two points are and how long it takes to drive between them."""

    def distance_km(self, a: Point, b: Point) -> float:
        """The travelled distance from `a` to `b` in kilometres."""
        ...

    def minutes(self, a: Point, b: Point) -> float:
        """The driving time from `a` to `b` in minutes."""
        ...

    def matrix(self, points: Sequence[Point]) -> list[list[float]]:
        """Driving minutes between all `points`: row i, column j is the time from i to j."""
        ...


def haversine_km(a: Point, b: Point) -> float:
    """The great-circle distance between `a` and `b` in kilometres, on a sphere of EARTH_RADIUS_KM."""
    lat_a, lon_a = math.radians(a[0]), math.radians(a[1])
    lat_b, lon_b = math.radians(b[0]), math.radians(b[1])
    h = (
        math.sin((lat_b - lat_a) / 2) ** 2
        + math.cos(lat_a) * math.cos(lat_b) * math.sin((lon_b - lon_a) / 2) ** 2
    )
    # Rounding can push h a hair above 1 for nearly antipodal points, where asin is undefined.
    return 2 * EARTH_RADIUS_KM * math.asin(math.sqrt(min(h, 1.0)))


@dataclass(frozen=True, slots=True)
class StraightLine:
    """Travel estimated from the great-circle distance: times `detour_factor` on the road, at `speed_kmh`.

    Both parameters must be positive finite numbers (ValueError otherwise). The model is symmetric:
    going from a to b takes as long as coming back.
    """

    detour_factor: float = DETOUR_FACTOR
    speed_kmh: float = SPEED_KMH

    def __post_init__(self) -> None:
        for name in ("detour_factor", "speed_kmh"):
            value = getattr(self, name)
            if isinstance(value, bool) or not isinstance(value, int | float):
                raise ValueError(f"{name} must be a number, got {value!r}")
            if not (value > 0 and math.isfinite(value)):
                raise ValueError(f"{name} must be a positive finite number, got {value!r}")

    def distance_km(self, a: Point, b: Point) -> float:
        """The estimated road distance: the great-circle distance times the detour factor."""
        return haversine_km(a, b) * self.detour_factor

    def minutes(self, a: Point, b: Point) -> float:
        """The estimated driving time for the road distance at the average speed."""
        return self.distance_km(a, b) / self.speed_kmh * 60.0

    def matrix(self, points: Sequence[Point]) -> list[list[float]]:
        """Driving minutes between all `points`, each pair computed once (the model is symmetric)."""
        size = len(points)
        result = [[0.0] * size for _ in range(size)]
        for i in range(size):
            for j in range(i + 1, size):
                result[i][j] = result[j][i] = self.minutes(points[i], points[j])
        return result


DEFAULT_TRAVEL: Final = StraightLine()
"""The model used when a caller names none: straight lines at urban Moscow's detour and speed."""
