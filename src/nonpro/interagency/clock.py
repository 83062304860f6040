"""The EO 12981 review clock: every due date of the chain from the referral date.

The day counts, units and their sources are configuration (``data/clock.yaml``), so a corrected
count is an edit of that file. A hold for missing information stops the clock: the steps marked
``paused_by_hold`` (and, through the chain, all that follow them) move by the days held.
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date, timedelta
from functools import lru_cache
from importlib import resources
from pathlib import Path
from typing import Literal

import holidays
import yaml
from pydantic import BaseModel, Field, ValidationError, model_validator

from nonpro.core.errors import InvalidInput

REGISTRATION = "registration"
# Dates a referral can carry: the holiday calendars and date arithmetic end somewhere.
EARLIEST, LATEST = date(1950, 1, 1), date(2200, 12, 31)
MAX_HOLD_DAYS = 3650
Unit = Literal["calendar", "working"]


class ClockStep(BaseModel):
    key: str
    label: str
    days: int = Field(ge=0)
    unit: Unit = "calendar"
    after: str
    basis: str
    verified: bool
    note: str = ""
    paused_by_hold: bool = False


class ClockConfig(BaseModel):
    source: str
    as_of: date
    holiday_calendar: str = "US"
    information_hold_days: int = Field(ge=0)
    information_hold_basis: str = ""
    information_hold_verified: bool = False
    steps: list[ClockStep]

    @model_validator(mode="after")
    def _chain_points_backwards(self) -> ClockConfig:
        seen = {REGISTRATION}
        for step in self.steps:
            if step.key in seen:
                raise ValueError(f"step {step.key!r} appears twice")
            if step.after not in seen:
                raise ValueError(f"step {step.key!r} follows {step.after!r}, not an earlier step")
            seen.add(step.key)
        return self

    def step(self, key: str) -> ClockStep:
        for step in self.steps:
            if step.key == key:
                return step
        raise KeyError(key)


class Deadline(BaseModel):
    key: str
    label: str
    due: date
    days: int
    unit: Unit
    after: str
    basis: str
    verified: bool
    note: str = ""
    weekday: str
    holiday: str | None = Field(default=None, description="the federal holiday it falls on")
    happened_on: date | None = Field(default=None, description="when the step actually happened")


class Schedule(BaseModel):
    referred: date
    registered: date
    registered_assumed: bool = Field(description="no registration date given: day 9 assumed")
    hold_days: int
    source: str
    as_of: date
    deadlines: list[Deadline]

    def due(self, key: str) -> date:
        return next(d.due for d in self.deadlines if d.key == key)


def load_config(path: Path | None = None) -> ClockConfig:
    """The clock configuration; a malformed file fails loudly, naming the problem."""
    if path is None:
        return _packaged_config()
    return _parse(path.read_text("utf-8"), str(path))


@lru_cache(maxsize=1)
def _packaged_config() -> ClockConfig:
    text = resources.files("nonpro.interagency").joinpath("data/clock.yaml").read_text("utf-8")
    return _parse(text, "clock.yaml")


def _parse(text: str, name: str) -> ClockConfig:
    try:
        return ClockConfig.model_validate(yaml.safe_load(text))
    except ValidationError as exc:
        error = exc.errors()[0]
        where = ".".join(str(p) for p in error["loc"])
        raise ValueError(f"{name}: {where}: {error['msg']}") from None


@lru_cache(maxsize=8)
def holiday_calendar(name: str) -> holidays.HolidayBase:
    """The federal holidays of ``name`` (a country code); years are filled in as asked."""
    return holidays.country_holidays(name)


def is_working_day(day: date, calendar: str = "US") -> bool:
    return day.weekday() < 5 and day not in holiday_calendar(calendar)


def add_days(start: date, days: int, unit: Unit, calendar: str = "US") -> date:
    """``days`` after ``start``: calendar days, or working days skipping weekends and holidays."""
    if unit == "calendar":
        return start + timedelta(days=days)
    day, counted = start, 0
    while counted < days:
        day += timedelta(days=1)
        if is_working_day(day, calendar):
            counted += 1
    return day


def deadlines(
    referred: date,
    *,
    registered: date | None = None,
    hold_days: int = 0,
    happened: Mapping[str, date] | None = None,
    config: ClockConfig | None = None,
) -> Schedule:
    """Every due date of the chain. ``happened`` gives steps that already took place (an OC
    decision on day 40): the steps after them count from the real date, not the deadline."""
    if hold_days < 0:
        raise InvalidInput("hold_days", "cannot be negative")
    if hold_days > MAX_HOLD_DAYS:
        raise InvalidInput("hold_days", f"{hold_days} is more than {MAX_HOLD_DAYS} days")
    for field, day in (("referred", referred), ("registered", registered)):
        if day is not None and not EARLIEST <= day <= LATEST:
            raise InvalidInput(field, f"{day} is outside {EARLIEST.year}–{LATEST.year}")
    config = config or load_config()
    referral = config.step("referral") if any(s.key == "referral" for s in config.steps) else None
    assumed = registered is None
    if registered is None:
        # Without the registration date, take the latest one a timely referral allows.
        registered = referred - timedelta(days=referral.days if referral else 0)
    actual = {"referral": referred, **(happened or {})}
    anchors: dict[str, date] = {REGISTRATION: registered}
    found: list[Deadline] = []
    calendar = holiday_calendar(config.holiday_calendar)
    for step in config.steps:
        due = add_days(anchors[step.after], step.days, step.unit, config.holiday_calendar)
        if step.paused_by_hold:
            due += timedelta(days=hold_days)
        anchors[step.key] = actual.get(step.key, due)
        found.append(
            Deadline(
                **step.model_dump(exclude={"paused_by_hold"}),
                due=due,
                weekday=due.strftime("%A"),
                holiday=calendar.get(due),
                happened_on=actual.get(step.key),
            )
        )
    return Schedule(
        referred=referred,
        registered=registered,
        registered_assumed=assumed,
        hold_days=hold_days,
        source=config.source,
        as_of=config.as_of,
        deadlines=found,
    )
