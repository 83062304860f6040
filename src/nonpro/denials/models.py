"""Table of the register of MTCR denial notifications."""

from __future__ import annotations

from datetime import date

from sqlalchemy import Date, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from nonpro.core.db import Base, CountryCode, Username, UUIDPrimaryKey, WrittenAt


class DenialNotification(UUIDPrimaryKey, Base):
    """A licence denial notified to the MTCR partners, by a partner or by the United States."""

    __tablename__ = "denial_notifications"

    reference: Mapped[str] = mapped_column(String(100), unique=True)
    notifying_partner: Mapped[CountryCode]  # ISO alpha-3; "USA" for our own denials
    notified_on: Mapped[date] = mapped_column(Date, index=True)
    item_description: Mapped[str] = mapped_column(Text)
    # None for a catch-all denial of an unlisted item: the commitment does not cover it, but
    # partners often consider it, so it is kept and matched by its description.
    annex_entry: Mapped[str | None] = mapped_column(String(40), nullable=True, index=True)
    annex_version: Mapped[str | None] = mapped_column(String(40), nullable=True)
    end_user: Mapped[str] = mapped_column(Text)
    end_user_country: Mapped[CountryCode]  # ISO alpha-3
    reason: Mapped[str] = mapped_column(Text, default="")
    source: Mapped[str] = mapped_column(Text, default="")
    status: Mapped[str] = mapped_column(String(20), index=True)
    withdrawn_on: Mapped[date | None] = mapped_column(Date, nullable=True)
    withdrawal_note: Mapped[str] = mapped_column(Text, default="")
    created_by: Mapped[Username]
    created_at: Mapped[WrittenAt]
    updated_at: Mapped[WrittenAt]
