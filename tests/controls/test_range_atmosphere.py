"""The standard atmosphere against tabulated U.S. Standard Atmosphere 1976 values."""

from __future__ import annotations

import numpy as np
import pytest

from nonpro.controls.range.atmosphere import standard_atmosphere


@pytest.mark.parametrize(
    ("altitude_m", "density", "pressure"),
    [
        (0.0, 1.2250, 101_325.0),
        (5_000.0, 0.73643, 54_048.0),
        (11_000.0, 0.36480, 22_700.0),
        (20_000.0, 0.08891, 5_529.3),
        (32_000.0, 0.013555, 889.06),
        (50_000.0, 0.0010269, 79.779),
        (80_000.0, 1.8458e-5, 1.0524),
    ],
)
def test_matches_the_1976_standard(altitude_m: float, density: float, pressure: float) -> None:
    atm = standard_atmosphere()
    h = np.array([altitude_m])
    assert atm.density(h)[0] == pytest.approx(density, rel=0.01)
    assert atm.pressure(h)[0] == pytest.approx(pressure, rel=0.01)


def test_speed_of_sound_at_sea_level_and_tropopause() -> None:
    atm = standard_atmosphere()
    a = atm.speed_of_sound(np.array([0.0, 15_000.0]))
    assert a[0] == pytest.approx(340.29, abs=0.1)
    assert a[1] == pytest.approx(295.07, abs=0.2)


def test_thin_above_the_karman_line_and_empty_above_the_table() -> None:
    atm = standard_atmosphere()
    rho = atm.density(np.array([100_000.0, 150_000.0, 400_000.0]))
    assert rho[0] == pytest.approx(5.604e-7, rel=0.01)
    assert rho[1] == pytest.approx(2.076e-9, rel=0.01)
    assert rho[2] == 0.0
    heights = np.linspace(0, 290_000, 300)
    assert np.all(np.diff(atm.density(heights)) < 0)
