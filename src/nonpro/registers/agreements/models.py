"""Table of the register of nuclear cooperation agreements and safeguards arrangements."""

from __future__ import annotations

from datetime import date

from sqlalchemy import Date, Integer, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from nonpro.core.db import Base, Username, UUIDPrimaryKey, WrittenAt


class Agreement(UUIDPrimaryKey, Base):
    """A bilateral nuclear cooperation agreement, safeguards or sister-laboratory arrangement."""

    __tablename__ = "register_agreements"

    key: Mapped[str] = mapped_column(String(80), unique=True)
    kind: Mapped[str] = mapped_column(String(30), index=True)
    title: Mapped[str] = mapped_column(String(300))
    # ISO alpha-3 for a state; an organisation's code (EURATOM, IAEA, TWN-AIT) otherwise
    partner: Mapped[str] = mapped_column(String(20), index=True)
    partner_name: Mapped[str] = mapped_column(String(200))
    signed: Mapped[date | None] = mapped_column(Date, nullable=True)
    in_force: Mapped[date | None] = mapped_column(Date, nullable=True)
    expires: Mapped[date | None] = mapped_column(Date, nullable=True, index=True)
    terminated: Mapped[date | None] = mapped_column(Date, nullable=True)
    scope: Mapped[str] = mapped_column(Text, default="")
    consent_rights: Mapped[str] = mapped_column(Text, default="")
    safeguards_basis: Mapped[str] = mapped_column(Text, default="")
    remind_days: Mapped[int] = mapped_column(Integer, default=365)
    source: Mapped[str] = mapped_column(Text, default="")
    note: Mapped[str] = mapped_column(Text, default="")
    created_by: Mapped[Username]
    updated_at: Mapped[WrittenAt]
