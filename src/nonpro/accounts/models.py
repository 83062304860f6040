"""Tables of the accounts capability."""

from __future__ import annotations

import uuid
from datetime import datetime

from sqlalchemy import Boolean, ForeignKey, String
from sqlalchemy.orm import Mapped, mapped_column, relationship

from nonpro.accounts.rules import Role
from nonpro.core.db import Base, UTCDateTime, UUIDPrimaryKey, WrittenAt, parent_key


class Agency(UUIDPrimaryKey, Base):
    __tablename__ = "agencies"

    code: Mapped[str] = mapped_column(String(40), unique=True)
    name: Mapped[str] = mapped_column(String(200))
    active: Mapped[bool] = mapped_column(Boolean, default=True)
    created_at: Mapped[WrittenAt]


class User(UUIDPrimaryKey, Base):
    __tablename__ = "users"

    username: Mapped[str] = mapped_column(String(80), unique=True)
    display_name: Mapped[str] = mapped_column(String(200), default="")
    role: Mapped[str] = mapped_column(String(40))
    agency_id: Mapped[uuid.UUID | None] = mapped_column(
        ForeignKey("agencies.id", ondelete="RESTRICT"), nullable=True, index=True
    )
    password_hash: Mapped[str] = mapped_column(String(200))
    active: Mapped[bool] = mapped_column(Boolean, default=True)
    created_at: Mapped[WrittenAt]
    last_sign_in_at: Mapped[datetime | None] = mapped_column(UTCDateTime(), nullable=True)
    # Set by an administrator's reset and on the bootstrap admin: until the user chooses their
    # own password, every page sends them to the change page and the API answers 403.
    must_change_password: Mapped[bool] = mapped_column(Boolean, default=False)

    agency: Mapped[Agency | None] = relationship(lazy="joined")

    @property
    def role_enum(self) -> Role:
        return Role(self.role)


class ApiToken(UUIDPrimaryKey, Base):
    __tablename__ = "api_tokens"

    user_id: Mapped[uuid.UUID] = parent_key("users.id")
    name: Mapped[str] = mapped_column(String(100))
    # The first characters, shown in listings so a user can tell tokens apart.
    prefix: Mapped[str] = mapped_column(String(16))
    # SHA-256 of the whole token: tokens are 256-bit random, so a slow hash adds nothing.
    token_hash: Mapped[str] = mapped_column(String(64), unique=True)
    created_at: Mapped[WrittenAt]
    last_used_at: Mapped[datetime | None] = mapped_column(UTCDateTime(), nullable=True)
    revoked_at: Mapped[datetime | None] = mapped_column(UTCDateTime(), nullable=True)
    expires_at: Mapped[datetime | None] = mapped_column(UTCDateTime(), nullable=True)

    user: Mapped[User] = relationship(lazy="joined")


class WebSession(UUIDPrimaryKey, Base):
    """A web sign-in, kept on the server so signing out (or a disable, or a password change)
    ends it for every copy of the cookie; the cookie carries only its random key."""

    __tablename__ = "web_sessions"

    user_id: Mapped[uuid.UUID] = parent_key("users.id")
    # SHA-256 of the random key in the signed cookie, as for API tokens: a copy of this table
    # is no set of live sessions.
    key_hash: Mapped[str] = mapped_column(String(64), unique=True)
    created_at: Mapped[WrittenAt]
    last_seen_at: Mapped[datetime] = mapped_column(UTCDateTime())
    ended_at: Mapped[datetime | None] = mapped_column(UTCDateTime(), nullable=True)

    user: Mapped[User] = relationship(lazy="joined")
