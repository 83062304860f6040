"""Powered and ballistic flight of a rocket as a point mass, many trajectories at once.

Model, and why:
- Point mass in the plane of flight over a spherical, **non-rotating** Earth (mean radius
  6371 km, inverse-square gravity). The Annex defines range as a ground-track distance with the
  range-maximising trajectory; leaving out rotation makes the answer independent of launch
  site and azimuth (rotation adds or removes a few percent depending on direction).
- Thrust varies with back-pressure as for a fixed nozzle: F = F_vac - A_e·p(h), with A_e taken
  from the sea-level and vacuum Isp. Mass flow is constant during a stage's burn; stages
  separate the moment they burn out and the next ignites at once (no coast between stages).
- Drag 0.5·ρ·v²·Cd·A with A the body cross-section (one diameter for all stages) in the
  standard atmosphere; Cd is constant if given, otherwise a typical slender-missile Mach curve.
- Launch profile: vertical rise, then a pitch kick (the velocity is tilted downrange by a small
  angle) and a zero-angle-of-attack gravity turn through all stages. The kick angle is the one
  free parameter; ``best_kick`` searches it coarse-to-fine for maximum range.
- After burnout the last stage and payload coast together with drag. Once above 100 km, where
  drag no longer matters, the rest of the flight is the Kepler arc down to the surface; re-entry
  drag below 100 km is then ignored (for a dense warhead it costs about 1 % of range).
Integration is fourth-order Runge–Kutta with fixed steps (about 1 s), vectorised over a batch.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from nonpro.controls.range.atmosphere import G0, Array, Atmosphere, standard_atmosphere

MU_EARTH = 3.986004418e14  # m³/s²
R_EARTH = 6_371_008.8  # m, mean radius
EXO_ALTITUDE = 100_000.0  # m: above this the coast is a drag-free Kepler arc
MAX_RANGE_M = np.pi * R_EARTH  # half the circumference: an orbital vehicle "reaches anywhere"
STEP_S = 1.0

# Typical Cd of a slender ogive-cylinder missile against Mach number (subsonic ~0.2, transonic
# peak, slow decline when supersonic); used only when no drag coefficient is given.
_MACH = np.array([0.0, 0.6, 0.8, 1.0, 1.2, 1.5, 2.0, 3.0, 4.0, 6.0, 10.0])
_CD = np.array([0.20, 0.20, 0.24, 0.40, 0.42, 0.38, 0.32, 0.26, 0.23, 0.21, 0.20])


@dataclass(frozen=True)
class Stage:
    dry_kg: float
    propellant_kg: float
    mass_flow_kg_s: float
    thrust_vac_n: float
    nozzle_exit_area_m2: float  # back-pressure term: F(h) = F_vac - A_e·p(h)

    @property
    def burn_time_s(self) -> float:
        return self.propellant_kg / self.mass_flow_kg_s


@dataclass(frozen=True)
class Vehicle:
    stages: tuple[Stage, ...]
    reference_area_m2: float
    drag_coefficient: float | None

    def liftoff_mass(self, payload_kg: Array) -> Array:
        return payload_kg + sum(s.dry_kg + s.propellant_kg for s in self.stages)


@dataclass(frozen=True)
class Trajectories:
    """Outcome per trajectory of a batch."""

    range_m: Array
    burnout_speed: Array
    burnout_altitude: Array
    burnout_flight_path: Array  # rad above local horizontal


def _drag_accel(vehicle: Vehicle, atm: Atmosphere, h: Array, speed: Array, mass: Array) -> Array:
    """Drag deceleration magnitude."""
    h_clip = np.maximum(h, 0.0)
    cd: Array
    if vehicle.drag_coefficient is None:
        cd = np.interp(speed / atm.speed_of_sound(h_clip), _MACH, _CD)
    else:
        cd = np.full_like(speed, vehicle.drag_coefficient)
    accel: Array = 0.5 * atm.density(h_clip) * speed * speed * cd * vehicle.reference_area_m2
    return accel / mass


def _derivative(
    state: Array,
    mass: Array,
    stage: Stage | None,
    vertical: bool,
    vehicle: Vehicle,
    atm: Atmosphere,
) -> Array:
    x, y, vx, vy = state
    r = np.hypot(x, y)
    h = r - R_EARTH
    speed = np.hypot(vx, vy)
    safe_speed = np.maximum(speed, 1e-9)
    drag = _drag_accel(vehicle, atm, h, speed, mass)
    g = MU_EARTH / r**3
    ax = -g * x - drag * vx / safe_speed
    ay = -g * y - drag * vy / safe_speed
    if stage is not None:
        thrust = np.maximum(
            stage.thrust_vac_n - stage.nozzle_exit_area_m2 * atm.pressure(np.maximum(h, 0.0)), 0.0
        )
        acc = thrust / mass
        # Vertical rise thrusts along the local vertical; the gravity turn along the velocity.
        ux, uy = (x / r, y / r) if vertical else (vx / safe_speed, vy / safe_speed)
        ax = ax + acc * ux
        ay = ay + acc * uy
    return np.stack([vx, vy, ax, ay])


def _rk4_step(
    state: Array,
    dt: float,
    mass: tuple[Array, Array, Array],
    stage: Stage | None,
    vertical: bool,
    vehicle: Vehicle,
    atm: Atmosphere,
) -> Array:
    """One classical Runge-Kutta step; ``mass`` at the step's start, middle and end."""
    start, middle, end = mass
    k1 = _derivative(state, start, stage, vertical, vehicle, atm)
    k2 = _derivative(state + dt / 2 * k1, middle, stage, vertical, vehicle, atm)
    k3 = _derivative(state + dt / 2 * k2, middle, stage, vertical, vehicle, atm)
    k4 = _derivative(state + dt * k3, end, stage, vertical, vehicle, atm)
    return state + dt / 6 * (k1 + 2 * k2 + 2 * k3 + k4)


def _rk4_segment(
    state: Array,
    mass0: Array,
    duration: float,
    stage: Stage | None,
    vertical: bool,
    vehicle: Vehicle,
    atm: Atmosphere,
    min_alt: Array,
) -> tuple[Array, Array]:
    """Integrate a burn (or a part of one) of fixed length; returns state and lowest altitude."""
    n = max(4, int(np.ceil(duration / STEP_S)))
    dt = duration / n
    flow = stage.mass_flow_kg_s if stage is not None else 0.0
    for i in range(n):
        m0 = mass0 - flow * dt * i
        m_half = m0 - flow * dt / 2
        m1 = m0 - flow * dt
        state = _rk4_step(state, dt, (m0, m_half, m1), stage, vertical, vehicle, atm)
        min_alt = np.minimum(min_alt, np.hypot(state[0], state[1]) - R_EARTH)
    return state, min_alt


def kepler_angle_to_impact(state: Array) -> Array:
    """Central angle still to fly on a drag-free conic before reaching the surface.

    Orbital or escaping trajectories get the cap (half the Earth's circumference).
    """
    x, y, vx, vy = state
    r = np.hypot(x, y)
    h_mom = np.abs(x * vy - y * vx)
    energy = 0.5 * (vx * vx + vy * vy) - MU_EARTH / r
    p = h_mom * h_mom / MU_EARTH
    e = np.sqrt(np.maximum(1.0 + 2.0 * energy * h_mom * h_mom / MU_EARTH**2, 1e-12))
    radial_v = (x * vx + y * vy) / r
    cos_now = np.clip((p / r - 1.0) / e, -1.0, 1.0)
    cos_ground = (p / R_EARTH - 1.0) / e
    # Perigee above the surface (orbit) or escaping: it never comes down.
    never_lands = (cos_ground > 1.0) | ((e >= 1.0) & (radial_v >= 0))
    nu_now = np.where(radial_v >= 0, np.arccos(cos_now), 2 * np.pi - np.arccos(cos_now))
    nu_impact = 2 * np.pi - np.arccos(np.clip(cos_ground, -1.0, 1.0))
    angle = np.maximum(nu_impact - nu_now, 0.0)
    return np.where(never_lands, np.pi, angle)


def simulate(
    vehicle: Vehicle,
    payload_kg: Array,
    kick_rad: Array,
    vertical_rise_s: float,
    atm: Atmosphere | None = None,
) -> Trajectories:
    """Fly a batch: trajectory i carries ``payload_kg[i]`` and pitches over by ``kick_rad[i]``."""
    atm = atm or standard_atmosphere()
    payload_kg = np.asarray(payload_kg, dtype=np.float64)
    kick_rad = np.asarray(kick_rad, dtype=np.float64)
    zeros = np.zeros_like(payload_kg)
    state = np.stack([zeros, zeros + R_EARTH, zeros, zeros])
    min_alt = zeros.copy()
    above = np.array(
        [
            sum(s.dry_kg + s.propellant_kg for s in vehicle.stages[i + 1 :])
            for i in range(len(vehicle.stages))
        ]
    )
    for i, stage in enumerate(vehicle.stages):
        mass0 = payload_kg + above[i] + stage.dry_kg + stage.propellant_kg
        burn = stage.burn_time_s
        if i == 0:
            rise = min(vertical_rise_s, burn)
            state, min_alt = _rk4_segment(state, mass0, rise, stage, True, vehicle, atm, min_alt)
            state = _pitch_kick(state, kick_rad)
            mass0 = mass0 - stage.mass_flow_kg_s * rise
            burn -= rise
        if burn > 0:
            state, min_alt = _rk4_segment(state, mass0, burn, stage, False, vehicle, atm, min_alt)
    burnout = _describe(state)
    # Anything that touched the ground while under power (too heavy, kicked too hard) is a
    # failed flight: range zero.
    crashed = min_alt < -1.0
    final_mass = payload_kg + vehicle.stages[-1].dry_kg
    angle = _coast(state, final_mass, vehicle, atm)
    range_m = np.where(crashed, 0.0, np.minimum(angle, np.pi) * R_EARTH)
    return Trajectories(range_m, *burnout)


def _pitch_kick(state: Array, kick_rad: Array) -> Array:
    """Tilt the velocity downrange by the kick angle, keeping its magnitude."""
    x, y, vx, vy = state
    r = np.hypot(x, y)
    speed = np.hypot(vx, vy)
    ur = (x / r, y / r)
    ut = (y / r, -x / r)  # downrange (increasing central angle)
    nvx = speed * (np.cos(kick_rad) * ur[0] + np.sin(kick_rad) * ut[0])
    nvy = speed * (np.cos(kick_rad) * ur[1] + np.sin(kick_rad) * ut[1])
    return np.stack([x, y, nvx, nvy])


def _describe(state: Array) -> tuple[Array, Array, Array]:
    x, y, vx, vy = state
    r = np.hypot(x, y)
    speed = np.hypot(vx, vy)
    radial = (x * vx + y * vy) / r
    gamma = np.arcsin(np.clip(radial / np.maximum(speed, 1e-9), -1.0, 1.0))
    return speed, r - R_EARTH, gamma


def _coast(state: Array, mass: Array, vehicle: Vehicle, atm: Atmosphere) -> Array:
    """Central angle from launch to impact for the unpowered rest of the flight."""
    state = state.copy()
    angle_now = np.arctan2(state[0], state[1])
    result = np.full(state.shape[1], np.nan)
    h = np.hypot(state[0], state[1]) - R_EARTH
    exo = h >= EXO_ALTITUDE
    result[exo] = angle_now[exo] + kepler_angle_to_impact(state[:, exo])
    active = ~exo
    dt = STEP_S
    for _ in range(20_000):  # a lob inside the atmosphere lasts minutes, not hours
        if not active.any():
            break
        s = state[:, active]
        m = mass[active]
        h_prev = np.hypot(s[0], s[1]) - R_EARTH
        s_new = _rk4_step(s, dt, (m, m, m), None, False, vehicle, atm)
        h_new = np.hypot(s_new[0], s_new[1]) - R_EARTH
        idx = np.flatnonzero(active)
        landed = h_new <= 0.0
        if landed.any():
            # Interpolate the impact point linearly between the last two steps.
            frac = h_prev[landed] / np.maximum(h_prev[landed] - h_new[landed], 1e-9)
            a0 = np.arctan2(s[0, landed], s[1, landed])
            a1 = np.arctan2(s_new[0, landed], s_new[1, landed])
            result[idx[landed]] = a0 + frac * (a1 - a0)
        leaving = (~landed) & (h_new >= EXO_ALTITUDE)
        if leaving.any():
            sl = s_new[:, leaving]
            result[idx[leaving]] = np.arctan2(sl[0], sl[1]) + kepler_angle_to_impact(sl)
        state[:, active] = s_new
        active[idx[landed | leaving]] = False
    done: Array = np.nan_to_num(result, nan=0.0)
    return done


def best_kick(
    vehicle: Vehicle,
    payloads_kg: Array,
    vertical_rise_s: float,
    coarse: int = 18,
    fine: int = 7,
    rounds: int = 3,
) -> tuple[Array, Array, Trajectories]:
    """Maximum range per payload over the pitch-kick angle: a coarse grid, then zoom in.

    Returns (range_m, kick_rad, trajectories at the best kick), one entry per payload.
    """
    payloads_kg = np.asarray(payloads_kg, dtype=np.float64)
    n_pay = payloads_kg.size
    # Kick angles from a fraction of a degree (long-range, high-thrust) to steep tilts (slow,
    # low-thrust rockets in thick air); spaced geometrically because both ends matter.
    grid = np.tile(np.radians(np.geomspace(0.01, 75.0, coarse)), (n_pay, 1))
    for round_no in range(rounds + 1):
        width = grid.shape[1]
        flights = simulate(vehicle, np.repeat(payloads_kg, width), grid.ravel(), vertical_rise_s)
        ranges = flights.range_m.reshape(n_pay, width)
        best = np.argmax(ranges, axis=1)
        if round_no == rounds:
            break
        lo = grid[np.arange(n_pay), np.maximum(best - 1, 0)]
        hi = grid[np.arange(n_pay), np.minimum(best + 1, width - 1)]
        grid = lo[:, None] + (hi - lo)[:, None] * np.linspace(0.0, 1.0, fine)[None, :]
    rows = np.arange(n_pay)
    kick = grid[rows, best]
    final = simulate(vehicle, payloads_kg, kick, vertical_rise_s)
    return ranges[rows, best], kick, final


def stage_from_inputs(
    gross_kg: float,
    propellant_kg: float,
    isp_sl: float | None,
    isp_vac: float | None,
    burn_time_s: float | None,
    thrust_sl_n: float | None,
) -> Stage:
    """Derive mass flow, vacuum thrust and the back-pressure term from what the spec gives.

    With one Isp only, thrust is taken as independent of altitude.
    """
    sl = isp_sl if isp_sl is not None else isp_vac
    vac = isp_vac if isp_vac is not None else isp_sl
    assert sl is not None and vac is not None  # the spec validator guarantees one of them
    if burn_time_s is not None:
        flow = propellant_kg / burn_time_s
    else:
        assert thrust_sl_n is not None
        flow = thrust_sl_n / (G0 * sl)
    thrust_vac = flow * G0 * vac
    thrust_sl = flow * G0 * sl
    exit_area = (thrust_vac - thrust_sl) / 101_325.0
    return Stage(gross_kg - propellant_kg, propellant_kg, flow, thrust_vac, exit_area)
