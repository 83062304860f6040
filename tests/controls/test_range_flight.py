"""Flight mechanics checked against closed forms: vacuum ballistics and the rocket equation."""

from __future__ import annotations

import numpy as np
import pytest

from nonpro.controls.range import flight
from nonpro.controls.range.atmosphere import G0, standard_atmosphere


def _surface_range_km(speed: float, elevation_deg: float) -> float:
    """Drag-free range over a spherical Earth from the surface (closed form)."""
    g = np.radians(elevation_deg)
    nu = speed**2 * flight.R_EARTH / flight.MU_EARTH
    psi = 2 * np.arctan(np.sin(g) * np.cos(g) / (1 / nu - np.cos(g) ** 2))
    return float(psi * flight.R_EARTH / 1e3)


@pytest.mark.parametrize("speed", [1_000.0, 3_000.0, 6_000.0])
def test_vacuum_coast_matches_the_spherical_earth_closed_form(speed: float) -> None:
    vehicle = flight.Vehicle((), 1.0, 1e-15)  # no drag to speak of
    g = np.radians(45.0)
    state = np.array([[0.0], [flight.R_EARTH + 1.0], [speed * np.cos(g)], [speed * np.sin(g)]])
    angle = flight._coast(state, np.array([1_000.0]), vehicle, standard_atmosphere())
    assert angle[0] * flight.R_EARTH / 1e3 == pytest.approx(_surface_range_km(speed, 45), rel=1e-3)


def test_orbital_speed_is_capped_at_half_the_circumference() -> None:
    state = np.array([[0.0], [flight.R_EARTH + 200e3], [8_000.0], [0.0]])
    assert flight.kepler_angle_to_impact(state)[0] == pytest.approx(np.pi)


def test_burnout_speed_stays_below_the_ideal_rocket_equation() -> None:
    first = flight.stage_from_inputs(20_000, 17_000, 250, 280, 80, None)
    second = flight.stage_from_inputs(5_000, 4_300, None, 300, 70, None)
    vehicle = flight.Vehicle((first, second), np.pi * 1.2**2 / 4, None)
    payload = 800.0
    _, _, result = flight.best_kick(vehicle, np.array([payload]), vertical_rise_s=6.0)
    m0 = payload + 25_000
    ideal = G0 * 280 * np.log(m0 / (m0 - 17_000)) + G0 * 300 * np.log(
        (payload + 5_000) / (payload + 700)
    )
    speed = result.burnout_speed[0]
    # Gravity and drag losses: a few hundred to ~1,500 m/s for a 150 s burn.
    assert ideal - 1_800 < speed < ideal - 200


def test_more_payload_flies_less_far_and_too_heavy_does_not_fly() -> None:
    stage = flight.stage_from_inputs(4_875, 3_770, 226, None, None, 129_000)
    vehicle = flight.Vehicle((stage,), np.pi * 0.88**2 / 4, None)
    ranges, _, _ = flight.best_kick(vehicle, np.array([0.0, 500.0, 1_000.0, 9_000.0]), 4.0)
    assert ranges[0] > ranges[1] > ranges[2] > 0
    assert ranges[3] == 0.0  # 13.9 t on 129 kN never leaves the pad


def test_the_optimum_beats_neighbouring_kick_angles() -> None:
    stage = flight.stage_from_inputs(4_875, 3_770, 226, None, None, 129_000)
    vehicle = flight.Vehicle((stage,), np.pi * 0.88**2 / 4, None)
    best, kick, _ = flight.best_kick(vehicle, np.array([985.0]), 4.0)
    around = flight.simulate(vehicle, np.full(2, 985.0), kick[0] * np.array([0.8, 1.2]), 4.0)
    assert np.all(around.range_m <= best[0] + 1.0)
