"""Input and output models of the range/payload estimator.

Two kinds of vehicle: rockets (a list of stages, simulated) and aircraft-like UAVs and cruise
missiles (Breguet cruise). A spec without ``kind`` is a rocket if it has ``stages``.
"""

from __future__ import annotations

from typing import Annotated, Any, Literal

from pydantic import BaseModel, ConfigDict, Discriminator, Field, Tag

Category = Literal["I", "II", "none"]


class StageSpec(BaseModel):
    """One rocket stage, from first to last; masses are the stage's own, without what sits above.

    Bounds keep inputs physical (no rocket burns for a day or has an Isp of 5 s): beyond them
    the trajectory model gives nonsense or overflows, so they are refused naming the field.
    """

    model_config = ConfigDict(extra="forbid", populate_by_name=True)

    gross_mass_kg: float = Field(
        ge=1, le=1e7, description="structure + propellant of this stage only"
    )
    propellant_mass_kg: float = Field(ge=0.1, le=1e7)
    isp_sl_s: float | None = Field(
        default=None, ge=50, le=1000, description="sea-level specific impulse"
    )
    isp_vac_s: float | None = Field(
        default=None, ge=50, le=1000, description="vacuum specific impulse"
    )
    burn_time_s: float | None = Field(default=None, ge=0.1, le=3600)
    thrust_sl_n: float | None = Field(
        default=None, ge=1, le=1e8, alias="thrust_sl_N", description="sea-level thrust, N"
    )


class RocketSpec(BaseModel):
    """A complete rocket system (ballistic missile, space launch vehicle, sounding rocket)."""

    model_config = ConfigDict(extra="forbid")

    kind: Literal["rocket"] = "rocket"
    name: str = Field(min_length=1)
    payload_kg: float = Field(ge=0, le=2e5)
    diameter_m: float = Field(ge=0.01, le=20)
    drag_coefficient: float | None = Field(
        default=None, ge=0.01, le=5, description="constant Cd; default: a Mach-dependent curve"
    )
    stages: list[StageSpec] = Field(min_length=1, max_length=6)
    source: str | None = Field(default=None, description="where the inputs come from")
    published_range_km: float | None = Field(default=None, gt=0, le=50_000)


class AircraftSpec(BaseModel):
    """A UAV or cruise missile, flown at its most fuel-efficient cruise (Breguet range)."""

    model_config = ConfigDict(extra="forbid", populate_by_name=True)

    kind: Literal["uav"] = "uav"
    name: str = Field(min_length=1)
    payload_kg: float = Field(ge=0, le=2e5)
    empty_mass_kg: float = Field(ge=1, le=1e6, description="everything but fuel and payload")
    fuel_mass_kg: float = Field(ge=0.1, le=1e6, description="fuel capacity")
    max_takeoff_mass_kg: float | None = Field(
        default=None, ge=1, le=2e6, description="limits payload + fuel when trading one for another"
    )
    lift_to_drag: float = Field(ge=1, le=100, description="cruise L/D")
    cruise_speed_m_s: float = Field(ge=1, le=3000)
    tsfc_kg_per_n_h: float | None = Field(
        default=None, ge=0.001, le=10, alias="tsfc_kg_per_N_h", description="jet fuel per thrust"
    )
    bsfc_kg_per_kwh: float | None = Field(
        default=None,
        ge=0.01,
        le=5,
        alias="bsfc_kg_per_kWh",
        description="piston/turboprop fuel use",
    )
    propeller_efficiency: float = Field(default=0.8, gt=0, le=1)
    source: str | None = None
    published_range_km: float | None = Field(default=None, gt=0, le=50_000)


def _spec_kind(data: Any) -> str:
    """Rockets have stages; anything else must say ``kind: uav``."""
    if isinstance(data, dict):
        kind = data.get("kind")
        if kind is not None:
            return str(kind)
        aircraft_keys = {"lift_to_drag", "fuel_mass_kg", "empty_mass_kg", "cruise_speed_m_s"}
        # Without a kind, only aircraft keys make it a UAV; a rocket missing its stages should
        # hear "stages: field required", not about aircraft fields.
        return "uav" if "stages" not in data and aircraft_keys & data.keys() else "rocket"
    return str(getattr(data, "kind", "rocket"))


MissileSpec = Annotated[
    Annotated[RocketSpec, Tag("rocket")] | Annotated[AircraftSpec, Tag("uav")],
    Discriminator(_spec_kind),
]


class TradeoffPoint(BaseModel):
    payload_kg: float
    range_km: float


class FlightProfile(BaseModel):
    """The range-maximising launch profile found for the declared payload (rockets only)."""

    pitch_kick_deg: float = Field(description="velocity tilt from vertical at pitch-over")
    vertical_rise_s: float
    burnout_speed_m_s: float
    burnout_altitude_km: float
    burnout_flight_path_deg: float = Field(description="above the local horizontal")


class RangeEstimate(BaseModel):
    name: str
    kind: Literal["rocket", "uav"]
    max_range_km: float = Field(description="range with the declared payload")
    payload_kg: float
    category: Category
    annex_item: str | None = Field(description="1.A.1/1.A.2 (Cat I), 19.A.1/19.A.2 (Cat II)")
    finding: str = Field(description="why the category, in one sentence")
    range_at_500kg_km: float | None = Field(description="None if 500 kg cannot be carried")
    borderline: bool = Field(
        default=False, description="a deciding range is within the ±15 % validation band of 300 km"
    )
    tradeoff: list[TradeoffPoint]
    profile: FlightProfile | None = None
    assumptions: list[str]
