"""Inputs and outputs of HCOC notifications and the annual declaration."""

from __future__ import annotations

import datetime as dt
import uuid
from typing import Self

from pydantic import BaseModel, Field, field_validator, model_validator

from nonpro.core.inputs import InputModel, OutputModel
from nonpro.multilateral.rules import (
    LaunchOutcome,
    VehicleClass,
)


class NotificationIn(InputModel):
    vehicle_class: VehicleClass
    window_opens: dt.datetime
    window_closes: dt.datetime
    launch_area: str = Field(min_length=1, max_length=200)
    general_direction: str = Field(min_length=1, max_length=100)
    notified_at: dt.datetime | None = Field(
        default=None, description="When the notice went to the Central Contact; now if omitted"
    )
    state: str = Field(default="USA", min_length=2, max_length=60)
    note: str = ""

    @field_validator("window_opens", "window_closes", "notified_at")
    @classmethod
    def _aware(cls, value: dt.datetime | None) -> dt.datetime | None:
        if value is not None and value.tzinfo is None:
            return value.replace(tzinfo=dt.UTC)  # a time without a zone is read as UTC
        return value

    @model_validator(mode="after")
    def _window(self) -> Self:
        if self.window_closes <= self.window_opens:
            raise ValueError("window_closes must be after window_opens")
        return self


class OutcomeIn(InputModel):
    outcome: LaunchOutcome
    launched_on: dt.date | None = None


class NotificationOut(OutputModel):
    id: uuid.UUID
    state: str
    vehicle_class: VehicleClass
    kind: str
    window_opens: dt.datetime
    window_closes: dt.datetime
    launch_area: str
    general_direction: str
    notified_at: dt.datetime
    lead_hours: float
    late: bool
    outcome: LaunchOutcome
    launched_on: dt.date | None
    note: str
    recorded_by: str


class PolicyIn(InputModel):
    ballistic_missile_policy: str = Field(min_length=1)
    space_launch_policy: str = Field(min_length=1)


class ClassCount(BaseModel):
    vehicle_class: VehicleClass
    kind: str
    launches: int


class Declaration(BaseModel):
    """The HCOC annual declaration for a year, built from the notifications recorded."""

    state: str
    year: int
    subscribing: bool | None  # None: the loaded data cannot say for the year (a "by" date)
    subscribing_states: int  # known to subscribe at the year's end
    subscribing_unknown: int = 0  # may subscribe; their dates cannot say
    ballistic_missile_policy: str | None
    space_launch_policy: str | None
    policy_year: int | None
    ballistic_missile_launches: int
    space_launch_vehicle_launches: int
    by_class: list[ClassCount]
    notifications: list[NotificationOut]
    late_notifications: int
    warnings: list[str]
