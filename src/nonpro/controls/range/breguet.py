"""Breguet range of UAVs and cruise missiles.

The Annex measures UAV range one way, on the most fuel-efficient profile, in still standard
air. For a cruising aircraft that is the Breguet equation: weight falls as fuel burns while
lift-to-drag ratio, speed and specific fuel consumption stay at their cruise values.
- jet: R = (V / (c_T·g)) · (L/D) · ln(m0/m1), with c_T the thrust-specific fuel consumption;
- propeller: R = (η / (c_P·g)) · (L/D) · ln(m0/m1), with c_P the brake-specific consumption.
Climb, descent, reserves and the fuel left in the lines are ignored: the result is the upper
bound the Annex asks for, not an operational radius.
"""

from __future__ import annotations

import math

from nonpro.controls.range.atmosphere import G0
from nonpro.controls.range.schemas import AircraftSpec


def fuel_for_payload(spec: AircraftSpec, payload_kg: float) -> float:
    """Fuel that can be carried with this payload: tank capacity, or what the take-off mass
    limit leaves (trading payload for fuel is the Annex trade-off for UAVs)."""
    fuel = spec.fuel_mass_kg
    if spec.max_takeoff_mass_kg is not None:
        fuel = min(fuel, spec.max_takeoff_mass_kg - spec.empty_mass_kg - payload_kg)
    return max(fuel, 0.0)


def can_carry(spec: AircraftSpec, payload_kg: float) -> bool:
    if spec.max_takeoff_mass_kg is None:
        return True
    return spec.empty_mass_kg + payload_kg < spec.max_takeoff_mass_kg


def breguet_range_m(spec: AircraftSpec, payload_kg: float) -> float:
    """One-way cruise range with this payload, metres (0 if the payload cannot be carried)."""
    if not can_carry(spec, payload_kg):
        return 0.0
    fuel = fuel_for_payload(spec, payload_kg)
    m_end = spec.empty_mass_kg + payload_kg
    log_ratio = math.log((m_end + fuel) / m_end)
    if spec.tsfc_kg_per_n_h is not None:
        c_t = spec.tsfc_kg_per_n_h / 3600.0  # kg/(N·s)
        return spec.cruise_speed_m_s / (c_t * G0) * spec.lift_to_drag * log_ratio
    assert spec.bsfc_kg_per_kwh is not None  # the spec validator requires one of the two
    c_p = spec.bsfc_kg_per_kwh / 3.6e6  # kg/J
    return spec.propeller_efficiency / (c_p * G0) * spec.lift_to_drag * log_ratio
