"""The straight-line travel model: great-circle distances, detour and speed, refused parameters."""

from __future__ import annotations

import math

import pytest

from console.services.travel import (
    DEFAULT_TRAVEL,
    DETOUR_FACTOR,
    EARTH_RADIUS_KM,
    SPEED_KMH,
    StraightLine,
    TravelModel,
    haversine_km,
)

RED_SQUARE = (55.7539, 37.6208)
PALACE_SQUARE = (59.9390, 30.3158)


def test_moscow_to_st_petersburg_within_one_percent() -> None:
    assert haversine_km(RED_SQUARE, PALACE_SQUARE) == pytest.approx(634, rel=0.01)


def test_known_arcs_of_the_sphere() -> None:
    one_degree = 2 * math.pi * EARTH_RADIUS_KM / 360
    assert haversine_km((0.0, 0.0), (0.0, 1.0)) == pytest.approx(one_degree)
    assert haversine_km((10.0, 20.0), (11.0, 20.0)) == pytest.approx(one_degree)
    assert haversine_km((0.0, 0.0), (0.0, 180.0)) == pytest.approx(math.pi * EARTH_RADIUS_KM)
    assert haversine_km((90.0, 0.0), (-90.0, 0.0)) == pytest.approx(math.pi * EARTH_RADIUS_KM)


def test_distance_is_symmetric_and_crosses_the_antimeridian() -> None:
    assert haversine_km(RED_SQUARE, PALACE_SQUARE) == haversine_km(PALACE_SQUARE, RED_SQUARE)
    assert haversine_km((0.0, 179.5), (0.0, -179.5)) == pytest.approx(haversine_km((0.0, 0.0), (0.0, 1.0)))


def test_zero_distance() -> None:
    assert haversine_km(RED_SQUARE, RED_SQUARE) == 0.0
    model = StraightLine()
    assert model.distance_km(RED_SQUARE, RED_SQUARE) == 0.0
    assert model.minutes(RED_SQUARE, RED_SQUARE) == 0.0


def test_detour_and_speed_are_applied() -> None:
    straight = haversine_km(RED_SQUARE, PALACE_SQUARE)
    model = StraightLine(detour_factor=1.5, speed_kmh=60.0)
    assert model.distance_km(RED_SQUARE, PALACE_SQUARE) == pytest.approx(straight * 1.5)
    assert model.minutes(RED_SQUARE, PALACE_SQUARE) == pytest.approx(straight * 1.5)  # 60 km/h: 1 km a minute


def test_defaults_are_urban_moscow_driving() -> None:
    assert StraightLine() == DEFAULT_TRAVEL == StraightLine(DETOUR_FACTOR, SPEED_KMH)
    assert (DETOUR_FACTOR, SPEED_KMH) == (1.3, 30.0)
    ten_km_north = (RED_SQUARE[0] + 10 / (2 * math.pi * EARTH_RADIUS_KM / 360), RED_SQUARE[1])
    # 10 km as the crow flies is 13 km of streets at 30 km/h: 26 minutes.
    assert DEFAULT_TRAVEL.minutes(RED_SQUARE, ten_km_north) == pytest.approx(26.0)


def test_matrix_holds_the_minutes_of_every_pair() -> None:
    model: TravelModel = StraightLine()
    points = [RED_SQUARE, PALACE_SQUARE, (55.6, 37.5)]
    matrix = model.matrix(points)
    assert len(matrix) == 3 and all(len(row) == 3 for row in matrix)
    for i, a in enumerate(points):
        for j, b in enumerate(points):
            assert matrix[i][j] == pytest.approx(model.minutes(a, b))
    assert [matrix[i][i] for i in range(3)] == [0.0, 0.0, 0.0]
    assert model.matrix([]) == []


@pytest.mark.parametrize("value", [0, 0.0, -1.3, math.inf, math.nan, "1.3", None, True])
@pytest.mark.parametrize("name", ["detour_factor", "speed_kmh"])
def test_invalid_parameters_are_refused(name: str, value: object) -> None:
    with pytest.raises(ValueError, match=name):
        StraightLine(**{name: value})  # type: ignore[arg-type]


def test_model_is_immutable() -> None:
    model = StraightLine()
    with pytest.raises(AttributeError):
        model.speed_kmh = 60.0  # type: ignore[misc]
