"""What goes in and out of the accounts services."""

from __future__ import annotations

import re
import uuid
from datetime import datetime
from typing import TYPE_CHECKING

from pydantic import BaseModel, ConfigDict, Field, ValidationInfo, field_validator

from nonpro.accounts.rules import Permission, Role, normalise_username, permits
from nonpro.accounts.strength import password_problem
from nonpro.core.inputs import OutputModel

if TYPE_CHECKING:
    from nonpro.accounts.models import User

USERNAME_PATTERN = re.compile(r"^[a-z0-9][a-z0-9._-]{1,79}$")
AGENCY_CODE_PATTERN = re.compile(r"^[A-Z0-9][A-Z0-9_]{1,39}$")


class Principal(BaseModel):
    """Who is acting: a signed-in user, a token's owner, or the local operator of the CLI."""

    model_config = ConfigDict(frozen=True)

    username: str
    role: Role
    agency_code: str | None = None

    def can(self, permission: Permission) -> bool:
        return permits(self.role, permission)


def local_operator(os_user: str) -> Principal:
    """The CLI runs with the rights of whoever can read the database file: an administrator."""
    return Principal(username=f"cli:{os_user}", role=Role.ADMIN)


class AgencyIn(BaseModel):
    code: str = Field(description="Short code, upper case, e.g. COMMERCE_BIS")
    name: str = Field(min_length=2, max_length=200)

    @field_validator("code")
    @classmethod
    def _code_shape(cls, value: str) -> str:
        value = value.strip().upper()
        if not AGENCY_CODE_PATTERN.match(value):
            raise ValueError("2 to 40 characters: capital letters, digits and underscores")
        return value


class AgencyUpdate(BaseModel):
    name: str | None = Field(default=None, min_length=2, max_length=200)
    active: bool | None = None


class AgencyOut(OutputModel):
    id: uuid.UUID
    code: str
    name: str
    active: bool


class UserIn(BaseModel):
    username: str
    role: Role
    password: str = Field(repr=False)
    display_name: str = ""
    agency: str | None = Field(default=None, description="Agency code")

    @field_validator("username")
    @classmethod
    def _username_shape(cls, value: str) -> str:
        value = normalise_username(value)
        if not USERNAME_PATTERN.match(value):
            raise ValueError(
                "2 to 80 characters: lower-case letters, digits, dots, dashes, underscores"
            )
        return value

    @field_validator("password")
    @classmethod
    def _password_strength(cls, value: str, info: ValidationInfo) -> str:
        problem = password_problem(value, username=info.data.get("username"))
        if problem is not None:
            raise ValueError(problem)
        return value


class UserOut(OutputModel):
    id: uuid.UUID
    username: str
    display_name: str
    role: Role
    agency: str | None
    active: bool
    created_at: datetime
    last_sign_in_at: datetime | None

    @classmethod
    def of(cls, user: User) -> UserOut:
        return cls(
            id=user.id,
            username=user.username,
            display_name=user.display_name,
            role=user.role_enum,
            agency=user.agency.code if user.agency else None,
            active=user.active,
            created_at=user.created_at,
            last_sign_in_at=user.last_sign_in_at,
        )


class TokenOut(OutputModel):
    id: uuid.UUID
    name: str
    prefix: str
    created_at: datetime
    last_used_at: datetime | None
    revoked_at: datetime | None
    expires_at: datetime | None


class TokenCreated(TokenOut):
    token: str = Field(description="The bearer token; shown this once and never again")


class PasswordChange(BaseModel):
    """A user's own password change: the current password proves it is them."""

    current_password: str = Field(repr=False)
    new_password: str = Field(repr=False)


class PasswordReset(BaseModel):
    """An administrator's reset: the one-time password, to be changed at the next sign-in."""

    username: str
    password: str = Field(description="One-time password; shown this once")
