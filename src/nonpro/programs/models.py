"""Tables of the programs capability: missile systems, flight tests, reported events, transfers.

Every row carries the data set it came from (``dataset``); loading a data set again replaces its
rows in one transaction, so a re-load never duplicates and a failed load changes nothing.
"""

from __future__ import annotations

import uuid
from datetime import date
from typing import Annotated, Any

from sqlalchemy import JSON, Date, Float, ForeignKey, Integer, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from nonpro.core.db import Base, CountryCode, Username, UUIDPrimaryKey, WrittenAt

# The data set a row came from (cns_nk_missile_tests, csis_nk_provocations, ...): each load
# replaces a data set's rows by this column.
Dataset = Annotated[str, mapped_column(String(60), index=True)]


class MissileSystem(UUIDPrimaryKey, Base):
    __tablename__ = "missile_systems"

    dataset: Mapped[Dataset]
    key: Mapped[str] = mapped_column(String(120), index=True)  # the source's own id, e.g. scud-b
    country: Mapped[CountryCode]
    name: Mapped[str] = mapped_column(String(200))
    aliases: Mapped[list[str]] = mapped_column(JSON, default=list)
    missile_class: Mapped[str] = mapped_column(String(40), index=True)
    range_km: Mapped[float | None] = mapped_column(Float, nullable=True)
    payload_kg: Mapped[float | None] = mapped_column(Float, nullable=True)
    source: Mapped[str] = mapped_column(Text)


class FlightTest(UUIDPrimaryKey, Base):
    """One missile flight test or space launch attempt (CNS counts one row per missile)."""

    __tablename__ = "flight_tests"

    dataset: Mapped[Dataset]
    country: Mapped[CountryCode]
    day: Mapped[date] = mapped_column(Date, index=True)
    # "month" where the source gives only the month (1984-09): ``day`` is then its first day.
    date_precision: Mapped[str] = mapped_column(String(10), default="day")
    time_of_day: Mapped[str | None] = mapped_column(String(40), nullable=True)
    system_id: Mapped[uuid.UUID | None] = mapped_column(
        ForeignKey("missile_systems.id", ondelete="SET NULL"), nullable=True, index=True
    )
    system_name: Mapped[str] = mapped_column(String(200))
    missile_class: Mapped[str] = mapped_column(String(40), index=True)
    site: Mapped[str | None] = mapped_column(String(200), nullable=True)
    landing: Mapped[str | None] = mapped_column(String(100), nullable=True)
    apogee_km: Mapped[float | None] = mapped_column(Float, nullable=True)
    distance_km: Mapped[float | None] = mapped_column(Float, nullable=True)
    outcome: Mapped[str] = mapped_column(String(20))  # success, failure, unknown
    description: Mapped[str] = mapped_column(Text, default="")
    source: Mapped[str] = mapped_column(Text)


class ReportedEvent(UUIDPrimaryKey, Base):
    """An event a chronology reports (CSIS provocations): launches, tests, other provocations."""

    __tablename__ = "program_events"

    dataset: Mapped[Dataset]
    country: Mapped[CountryCode]
    day: Mapped[date] = mapped_column(Date, index=True)
    category: Mapped[str] = mapped_column(String(60), index=True)  # "Missile Provocation"
    event: Mapped[str] = mapped_column(String(300))
    missile_class: Mapped[str | None] = mapped_column(String(40), nullable=True, index=True)
    description: Mapped[str] = mapped_column(Text, default="")
    source: Mapped[str] = mapped_column(Text)


class MissileTransfer(UUIDPrimaryKey, Base):
    """A deal for missiles or launchers in the SIPRI trade register."""

    __tablename__ = "missile_transfers"

    dataset: Mapped[Dataset]
    supplier: Mapped[str | None] = mapped_column(String(3), nullable=True, index=True)
    supplier_name: Mapped[str] = mapped_column(String(200))
    recipient: Mapped[str | None] = mapped_column(String(3), nullable=True, index=True)
    recipient_name: Mapped[str] = mapped_column(String(200))
    order_year: Mapped[int | None] = mapped_column(Integer, nullable=True, index=True)
    order_year_uncertain: Mapped[bool] = mapped_column(default=False)
    number_ordered: Mapped[int | None] = mapped_column(Integer, nullable=True)
    designation: Mapped[str] = mapped_column(String(200))
    description: Mapped[str] = mapped_column(String(200))
    number_delivered: Mapped[int | None] = mapped_column(Integer, nullable=True)
    delivery_years: Mapped[list[int]] = mapped_column(JSON, default=list)
    status: Mapped[str] = mapped_column(String(40), default="")
    comments: Mapped[str] = mapped_column(Text, default="")
    source: Mapped[str] = mapped_column(Text)


class ProgramImport(UUIDPrimaryKey, Base):
    """One load of one data set: what it held and which file (by hash) it came from."""

    __tablename__ = "program_imports"

    dataset: Mapped[Dataset]
    origin: Mapped[str] = mapped_column(Text)
    file_hash: Mapped[str] = mapped_column(String(64))
    data_as_of: Mapped[date | None] = mapped_column(Date, nullable=True)
    counts: Mapped[dict[str, Any]] = mapped_column(JSON, default=dict)
    loaded_by: Mapped[Username]
    loaded_at: Mapped[WrittenAt]
