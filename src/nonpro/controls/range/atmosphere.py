"""The U.S. Standard Atmosphere 1976, vectorised.

The Annex range definition asks for the ICAO standard atmosphere; the 1976 U.S. Standard
Atmosphere is identical to it up to 32 km and extends it to 86 km with the same hydrostatic
layer model. Above 86 km we interpolate log-density in a short table of the 1976 values (the
composition changes there, so the layer formulas no longer hold); drag above ~100 km is
negligible for range anyway. Everything is tabulated once and read with ``np.interp`` so a
batch of trajectories costs a few array operations per step.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache

import numpy as np
import numpy.typing as npt

Array = npt.NDArray[np.float64]

G0 = 9.80665  # m/s², standard gravity (also the Isp convention)
R_AIR = 287.05287  # J/(kg·K), specific gas constant of dry air
GAMMA = 1.4
R0_GEOPOTENTIAL = 6_356_766.0  # m, Earth radius used by the standard for geopotential height

# Layer bases: geopotential altitude (m), base temperature (K), lapse rate (K/m).
_LAYERS = (
    (0.0, 288.15, -0.0065),
    (11_000.0, 216.65, 0.0),
    (20_000.0, 216.65, 0.001),
    (32_000.0, 228.65, 0.0028),
    (47_000.0, 270.65, 0.0),
    (51_000.0, 270.65, -0.0028),
    (71_000.0, 214.65, -0.002),
    (84_852.0, 186.946, 0.0),
)
P0 = 101_325.0

# Above 86 km (geometric): 1976 standard densities, kg/m³.
_UPPER_DENSITY = (
    (86_000.0, 6.958e-6),
    (90_000.0, 3.416e-6),
    (100_000.0, 5.604e-7),
    (110_000.0, 9.708e-8),
    (120_000.0, 2.222e-8),
    (150_000.0, 2.076e-9),
    (200_000.0, 2.541e-10),
    (300_000.0, 1.916e-11),
)
TOP_M = 300_000.0  # above this the density is taken as zero


def _layer_state(h_geopotential: float) -> tuple[float, float]:
    """Temperature and pressure at a geopotential altitude from the hydrostatic layers."""
    pressure = P0
    for i, (base, t_base, lapse) in enumerate(_LAYERS):
        top = _LAYERS[i + 1][0] if i + 1 < len(_LAYERS) else float("inf")
        dh = min(h_geopotential, top) - base
        if lapse == 0.0:
            p_end = pressure * np.exp(-G0 * dh / (R_AIR * t_base))
        else:
            p_end = pressure * ((t_base + lapse * dh) / t_base) ** (-G0 / (R_AIR * lapse))
        if h_geopotential <= top:
            return t_base + lapse * dh, float(p_end)
        pressure = float(p_end)
    raise AssertionError("unreachable")  # pragma: no cover


@dataclass(frozen=True)
class Atmosphere:
    """Tabulated density, pressure and speed of sound against geometric altitude."""

    altitude_m: Array
    log_density: Array
    log_pressure: Array
    sound_speed: Array

    def density(self, h: Array) -> Array:
        rho = np.exp(np.interp(h, self.altitude_m, self.log_density))
        return np.where(h > TOP_M, 0.0, rho)

    def pressure(self, h: Array) -> Array:
        p = np.exp(np.interp(h, self.altitude_m, self.log_pressure))
        return np.where(h > TOP_M, 0.0, p)

    def speed_of_sound(self, h: Array) -> Array:
        return np.interp(h, self.altitude_m, self.sound_speed)


def build_atmosphere(step_m: float = 250.0) -> Atmosphere:
    """Tabulate the atmosphere from sea level to 300 km."""
    h_low = np.arange(0.0, 86_000.0 + step_m, step_m)
    temps, pressures = [], []
    for h in h_low:
        t, p = _layer_state(R0_GEOPOTENTIAL * h / (R0_GEOPOTENTIAL + h))
        temps.append(t)
        pressures.append(p)
    t_low = np.array(temps)
    p_low = np.array(pressures)
    rho_low = p_low / (R_AIR * t_low)
    up_h = np.array([h for h, _ in _UPPER_DENSITY[1:]])
    up_rho = np.array([r for _, r in _UPPER_DENSITY[1:]])
    # Pressure above 86 km only matters for nozzle back-pressure, where it is ~0: scale it
    # with density at the 86 km temperature.
    t_top = float(t_low[-1])
    altitude = np.concatenate([h_low, up_h])
    log_rho = np.log(np.concatenate([rho_low, up_rho]))
    log_p = np.log(np.concatenate([p_low, up_rho * R_AIR * t_top]))
    sound = np.sqrt(GAMMA * R_AIR * np.concatenate([t_low, np.full(up_h.size, t_top)]))
    return Atmosphere(altitude, log_rho, log_p, sound)


@cache
def standard_atmosphere() -> Atmosphere:
    """The shared table, built on first use rather than at import."""
    return build_atmosphere()
