"""Tables of the UN Register of Conventional Arms: the state's own transfers and background
information, and the data sets imported from other states' reports and from SIPRI.

Registers hold facts over time: rows are added with their date and source and corrected by a
new row or an edit that the audit log records; nothing here is a workflow with states.
"""

from __future__ import annotations

import uuid
from typing import Any

from sqlalchemy import JSON, ForeignKey, Integer, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from nonpro.core.db import Base, CountryCode, Username, UUIDPrimaryKey, WrittenAt


class ArmsDataset(UUIDPrimaryKey, Base):
    """One import of transfers: another state's report for a year, or the SIPRI trade register.

    The state's own transfers are recorded one by one and belong to no data set.
    """

    __tablename__ = "register_arms_datasets"

    kind: Mapped[str] = mapped_column(String(20), index=True)  # state_report | sipri
    reporting_state: Mapped[CountryCode | None]
    year: Mapped[int | None] = mapped_column(Integer, nullable=True)
    origin: Mapped[str] = mapped_column(Text)
    file_hash: Mapped[str] = mapped_column(String(64))
    counts: Mapped[dict[str, Any]] = mapped_column(JSON, default=dict)
    imported_by: Mapped[Username]
    imported_at: Mapped[WrittenAt]


class ArmsTransfer(UUIDPrimaryKey, Base):
    """One reported export or import in one Register category for one calendar year."""

    __tablename__ = "register_arms_transfers"

    # own: recorded here for the state's national report; state_report / sipri: imported
    source_kind: Mapped[str] = mapped_column(String(20), index=True)
    dataset_id: Mapped[uuid.UUID | None] = mapped_column(
        ForeignKey("register_arms_datasets.id", ondelete="CASCADE"), nullable=True, index=True
    )
    reporting_state: Mapped[CountryCode | None]
    direction: Mapped[str] = mapped_column(String(10))  # export | import
    year: Mapped[int] = mapped_column(Integer, index=True)
    category: Mapped[str] = mapped_column(String(20), index=True)  # I..VII, SALW_SA, SALW_LW
    subcategory: Mapped[str] = mapped_column(String(40), default="")  # VII.b MANPADS, ...
    exporter: Mapped[CountryCode | None]
    exporter_name: Mapped[str] = mapped_column(String(200))
    importer: Mapped[CountryCode | None]
    importer_name: Mapped[str] = mapped_column(String(200))
    number_of_items: Mapped[int | None] = mapped_column(Integer, nullable=True)
    state_of_origin: Mapped[str] = mapped_column(String(200), default="")
    intermediate_location: Mapped[str] = mapped_column(String(200), default="")
    description: Mapped[str] = mapped_column(Text, default="")
    comments: Mapped[str] = mapped_column(Text, default="")
    remarks: Mapped[str] = mapped_column(Text, default="")
    source: Mapped[str] = mapped_column(Text, default="")
    created_by: Mapped[Username]
    created_at: Mapped[WrittenAt]


class ArmsBackground(UUIDPrimaryKey, Base):
    """Background information: military holdings or procurement through national production."""

    __tablename__ = "register_arms_background"
    __table_args__ = (UniqueConstraint("reporting_state", "year", "kind", "category"),)

    reporting_state: Mapped[CountryCode]
    year: Mapped[int] = mapped_column(Integer, index=True)
    kind: Mapped[str] = mapped_column(String(20))  # holdings | national_production
    category: Mapped[str] = mapped_column(String(20))
    number_of_items: Mapped[int | None] = mapped_column(Integer, nullable=True)
    description: Mapped[str] = mapped_column(Text, default="")
    remarks: Mapped[str] = mapped_column(Text, default="")
    created_by: Mapped[Username]
    created_at: Mapped[WrittenAt]
