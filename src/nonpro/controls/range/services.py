"""Use cases of the range estimator: read a spec, estimate range, payload trade-off, MTCR finding.

The MTCR finding follows the Annex (see ``shared/domain/mtcr_annex.md`` §2.2–2.4; the wording
of the range/payload definitions and trade-off rule there is marked unverified):
- Category I (1.A.1 rockets, 1.A.2 UAVs) if the system can deliver ≥ 500 kg to ≥ 300 km when
  range and payload are traded, i.e. its range carrying 500 kg is ≥ 300 km;
- Category II (19.A.1 / 19.A.2) if it reaches ≥ 300 km with any payload, down to none;
- otherwise below the Annex thresholds for complete systems.
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from pathlib import Path
from typing import Any

import numpy as np
import yaml
from pydantic import TypeAdapter, ValidationError

from nonpro.controls.range import breguet, flight
from nonpro.controls.range.atmosphere import G0
from nonpro.controls.range.errors import InvalidInput, UnreadableSpec
from nonpro.controls.range.plot import tradeoff_png as tradeoff_png
from nonpro.controls.range.schemas import (
    AircraftSpec,
    Category,
    FlightProfile,
    MissileSpec,
    RangeEstimate,
    RocketSpec,
    TradeoffPoint,
)

CAT_I_PAYLOAD_KG = 500.0
CAT_RANGE_KM = 300.0
VALIDATION_BAND = 0.15  # estimates matched published ranges within ±15 % (docs/controls-range.md)
ORBITAL_KM = round(flight.MAX_RANGE_M / 1e3, 1)

_ADAPTER: TypeAdapter[RocketSpec | AircraftSpec] = TypeAdapter(MissileSpec)

ROCKET_ASSUMPTIONS = [
    "point mass over a spherical, non-rotating Earth (radius 6371 km, inverse-square gravity)",
    "U.S. Standard Atmosphere 1976 (= ICAO standard atmosphere to 32 km), zero wind",
    "vertical rise, pitch kick, then zero-angle-of-attack gravity turn; kick angle optimised "
    "for maximum range",
    "all propellant burnt; stages separate at burnout and the next ignites at once",
    "thrust varies with back-pressure between sea-level and vacuum Isp; with one Isp given, "
    "thrust is constant",
    "one body diameter for all stages; the last stage and payload coast together",
    "above 100 km the coast is a drag-free Kepler arc; re-entry drag below 100 km is ignored "
    "for those trajectories",
    "range is the great-circle ground distance from launch to impact",
]
UAV_ASSUMPTIONS = [
    "Breguet cruise: constant L/D, speed and specific fuel consumption; one way, no reserves",
    "climb and descent are not modelled; all fuel is burnt in cruise",
    "payload traded for fuel up to the maximum take-off mass when one is given",
]


def _field_path(loc: tuple[int | str, ...]) -> str:
    path = ""
    for item in loc:
        path += f"[{item}]" if isinstance(item, int) else ("." if path else "") + item
    return path or "spec"


def parse_spec(data: Mapping[str, Any]) -> RocketSpec | AircraftSpec:
    """Validate a spec given as a mapping; errors name the field (``stages[1].isp_vac_s``)."""
    try:
        spec = _ADAPTER.validate_python(dict(data))
    except ValidationError as exc:
        first = exc.errors()[0]
        if first["type"] == "union_tag_invalid":
            raise InvalidInput("kind", "must be 'rocket' or 'uav'") from None
        loc = tuple(first["loc"])
        if loc and loc[0] in ("rocket", "uav"):  # the union's tag, not a field
            loc = loc[1:]
        raise InvalidInput(_field_path(loc), first["msg"]) from None
    _check_consistency(spec)
    return spec


def _check_consistency(spec: RocketSpec | AircraftSpec) -> None:
    """Cross-field rules a type cannot express."""
    if isinstance(spec, AircraftSpec):
        if (spec.tsfc_kg_per_n_h is None) == (spec.bsfc_kg_per_kwh is None):
            raise InvalidInput("tsfc_kg_per_N_h", "give exactly one of it and bsfc_kg_per_kWh")
        if spec.max_takeoff_mass_kg is not None and spec.max_takeoff_mass_kg <= (
            spec.empty_mass_kg + spec.payload_kg
        ):
            raise InvalidInput("max_takeoff_mass_kg", "must exceed empty_mass_kg + payload_kg")
        return
    for i, stage in enumerate(spec.stages):
        where = f"stages[{i}]"
        if stage.propellant_mass_kg >= stage.gross_mass_kg:
            raise InvalidInput(f"{where}.propellant_mass_kg", "must be less than gross_mass_kg")
        if stage.isp_sl_s is None and stage.isp_vac_s is None:
            raise InvalidInput(f"{where}.isp_sl_s", "give isp_sl_s and/or isp_vac_s")
        if stage.isp_sl_s and stage.isp_vac_s and stage.isp_sl_s > stage.isp_vac_s:
            raise InvalidInput(f"{where}.isp_sl_s", "must not exceed isp_vac_s")
        if (stage.burn_time_s is None) == (stage.thrust_sl_n is None):
            raise InvalidInput(f"{where}.burn_time_s", "give exactly one of it and thrust_sl_N")


def load_spec(path: Path) -> RocketSpec | AircraftSpec:
    """Read a spec from a YAML or JSON file (JSON is YAML, but its errors read better)."""
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, ValueError) as exc:
        raise UnreadableSpec(str(path), f"cannot read the spec: {exc}") from None
    return parse_spec_text(text, json_text=path.suffix.lower() == ".json", source=str(path))


def parse_spec_text(
    text: str, *, json_text: bool = False, source: str = "spec"
) -> RocketSpec | AircraftSpec:
    """A spec given as YAML (or JSON) text, e.g. an uploaded file; ``source`` names it in errors.

    A syntax error is one line with its place ("line 2, column 1: ..."), so the CLI and the
    web form can show it as they show any other bad field.
    """
    try:
        data = json.loads(text) if json_text else yaml.safe_load(text)
    except ValueError as exc:
        raise UnreadableSpec(source, f"cannot read the spec: {exc}") from None
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        where = f"line {mark.line + 1}, column {mark.column + 1}: " if mark else ""
        problem = getattr(exc, "problem", None) or str(exc).splitlines()[0]
        raise UnreadableSpec(source, f"cannot read the spec: {where}{problem}") from None
    if not isinstance(data, dict):
        raise UnreadableSpec(source, "the spec must be a mapping of keys to values")
    return parse_spec(data)


def example_specs() -> dict[str, Path]:
    """The validation specs shipped in ``data/`` (historical missiles), by file stem."""
    folder = Path(__file__).parent / "data"
    return {path.stem: path for path in sorted(folder.glob("*.yaml"))}


def tradeoff_payloads(declared_kg: float) -> list[float]:
    """Payloads of the trade-off curve: none to twice the declared (at least 1 t), plus 500 kg."""
    top = max(2.0 * declared_kg, 2.0 * CAT_I_PAYLOAD_KG)
    grid = set(np.round(np.linspace(0.0, top, 11), 3).tolist())
    return sorted(grid | {declared_kg, CAT_I_PAYLOAD_KG})


def vehicle_of(spec: RocketSpec) -> flight.Vehicle:
    stages = tuple(
        flight.stage_from_inputs(
            s.gross_mass_kg,
            s.propellant_mass_kg,
            s.isp_sl_s,
            s.isp_vac_s,
            s.burn_time_s,
            s.thrust_sl_n,
        )
        for s in spec.stages
    )
    area = np.pi * spec.diameter_m**2 / 4.0
    return flight.Vehicle(stages, float(area), spec.drag_coefficient)


def vertical_rise_s(vehicle: flight.Vehicle, payload_kg: float) -> float:
    """Rise vertically until about 50 m/s (clear of the pad) before the pitch kick."""
    first = vehicle.stages[0]
    thrust_sl = first.thrust_vac_n - first.nozzle_exit_area_m2 * 101_325.0
    weight = float(vehicle.liftoff_mass(np.array([payload_kg]))[0]) * G0
    if thrust_sl <= weight:
        raise InvalidInput(
            "stages[0]",
            f"lift-off thrust {thrust_sl / 1e3:.0f} kN does not exceed the weight "
            f"{weight / 1e3:.0f} kN with a {payload_kg:g} kg payload",
        )
    return float(np.clip(50.0 / (G0 * (thrust_sl / weight - 1.0)), 2.0, 25.0))


def _rocket(spec: RocketSpec) -> tuple[list[TradeoffPoint], float, FlightProfile]:
    vehicle = vehicle_of(spec)
    rise = vertical_rise_s(vehicle, spec.payload_kg)
    payloads = tradeoff_payloads(spec.payload_kg)
    ranges, kicks, flights = flight.best_kick(vehicle, np.array(payloads), rise)
    i = payloads.index(spec.payload_kg)
    profile = FlightProfile(
        pitch_kick_deg=round(float(np.degrees(kicks[i])), 3),
        vertical_rise_s=round(rise, 2),
        burnout_speed_m_s=round(float(flights.burnout_speed[i]), 1),
        burnout_altitude_km=round(float(flights.burnout_altitude[i]) / 1e3, 2),
        burnout_flight_path_deg=round(float(np.degrees(flights.burnout_flight_path[i])), 2),
    )
    curve = [
        TradeoffPoint(payload_kg=p, range_km=round(float(r) / 1e3, 1))
        for p, r in zip(payloads, ranges, strict=True)
    ]
    return curve, rise, profile


def _uav(spec: AircraftSpec) -> list[TradeoffPoint]:
    payloads = tradeoff_payloads(spec.payload_kg)
    return [
        TradeoffPoint(payload_kg=p, range_km=round(breguet.breguet_range_m(spec, p) / 1e3, 1))
        for p in payloads
    ]


def mtcr_finding(
    kind: str, curve: list[TradeoffPoint], can_carry_500: bool
) -> tuple[Category, str | None, str, float | None]:
    """Category, Annex item, the reason in words, and the range with 500 kg."""
    at_500 = next(p.range_km for p in curve if p.payload_kg == CAT_I_PAYLOAD_KG)
    range_500 = at_500 if can_carry_500 else None
    best = max(curve, key=lambda p: p.range_km)
    cat_i, cat_ii = ("1.A.1", "19.A.1") if kind == "rocket" else ("1.A.2", "19.A.2")
    if range_500 is not None and range_500 >= CAT_RANGE_KM:
        return (
            "I",
            cat_i,
            (
                f"can deliver 500 kg to {range_500:,.0f} km (≥ 300 km) trading range and payload "
                f"→ {cat_i}, Category I"
            ),
            range_500,
        )
    if best.range_km >= CAT_RANGE_KM:
        why_500 = (
            f"with 500 kg it reaches only {range_500:,.0f} km"
            if range_500 is not None
            else "it cannot carry 500 kg"
        )
        return (
            "II",
            cat_ii,
            (
                f"reaches {best.range_km:,.0f} km (≥ 300 km) with {best.payload_kg:g} kg, but "
                f"{why_500} → {cat_ii}, Category II"
            ),
            range_500,
        )
    return (
        "none",
        None,
        (
            f"at most {best.range_km:,.0f} km with any payload (< 300 km): below the Annex "
            "thresholds for complete systems (Items 1 and 19)"
        ),
        range_500,
    )


def estimate_range(spec: RocketSpec | AircraftSpec) -> RangeEstimate:
    """Maximum range with the declared payload, the payload–range curve and the MTCR finding."""
    profile: FlightProfile | None = None
    if isinstance(spec, RocketSpec):
        curve, _, profile = _rocket(spec)
        # A rocket that cannot fly with 500 kg (too heavy to lift off) shows range 0 there.
        can_500 = any(p.payload_kg == CAT_I_PAYLOAD_KG and p.range_km > 0 for p in curve)
        assumptions = list(ROCKET_ASSUMPTIONS)
        if any(p.range_km >= ORBITAL_KM for p in curve):
            assumptions.append(
                "orbital capability at some payloads: range shown as half the Earth's "
                f"circumference ({ORBITAL_KM:,.0f} km)"
            )
        if spec.drag_coefficient is None:
            assumptions.append("drag coefficient: a typical slender-missile curve against Mach")
        else:
            assumptions.append(f"drag coefficient {spec.drag_coefficient:g} at all Mach numbers")
    else:
        curve = _uav(spec)
        can_500 = breguet.can_carry(spec, CAT_I_PAYLOAD_KG)
        assumptions = list(UAV_ASSUMPTIONS)
    category, item, finding, range_500 = mtcr_finding(spec.kind, curve, can_500)
    deciding = [r for r in (range_500, max(p.range_km for p in curve)) if r is not None]
    borderline = any(abs(r - CAT_RANGE_KM) <= VALIDATION_BAND * CAT_RANGE_KM for r in deciding)
    if borderline:
        finding += (
            f" Borderline: a deciding range lies within ±{VALIDATION_BAND:.0%} of 300 km, the "
            "band the estimator is validated to; confirm with better data."
        )
    declared = next(p.range_km for p in curve if p.payload_kg == spec.payload_kg)
    return RangeEstimate(
        name=spec.name,
        kind=spec.kind,
        max_range_km=declared,
        payload_kg=spec.payload_kg,
        category=category,
        annex_item=item,
        finding=finding,
        range_at_500kg_km=range_500,
        borderline=borderline,
        tradeoff=curve,
        profile=profile,
        assumptions=assumptions,
    )
