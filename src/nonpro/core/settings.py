"""Settings in effect, from ``NONPRO_*`` environment variables.

Built once by the cached ``get_settings()`` and passed in; nothing reads the environment at import
time, and no setting is frozen into a default argument.
"""

from __future__ import annotations

import json
import os
import secrets
from functools import lru_cache
from ipaddress import IPv4Network, IPv6Network, ip_network
from pathlib import Path
from typing import Annotated, Literal

from pydantic import Field, ValidationError, ValidationInfo, field_validator
from pydantic_settings import BaseSettings, NoDecode, SettingsConfigDict

from nonpro.core.db import parse_database_url
from nonpro.core.errors import ConfigurationError

DEFAULT_DATABASE_URL = "sqlite:///var/nonpro.db"
SECRET_KEY_FILE = Path("var/secret_key")
PLACEHOLDER_SECRETS = {"", "changeme", "change-me", "secret", "placeholder", "dev", "test"}
MIN_SECRET_LENGTH = 32


def _default_lists_dir() -> Path | None:
    candidate = Path("../shared/data/lists")
    return candidate.resolve() if candidate.is_dir() else None


class Settings(BaseSettings):
    """Every setting nonpro reads. The environment variable is ``NONPRO_`` + the upper-case name."""

    model_config = SettingsConfigDict(env_prefix="NONPRO_", extra="ignore")

    database_url: str = Field(
        default=DEFAULT_DATABASE_URL,
        description="SQLAlchemy URL: sqlite:///path or postgresql+psycopg://user@host/db",
    )
    secret_key: str | None = Field(
        default=None,
        description="Signs web sessions; generated and kept in var/secret_key for the embedded "
        "SQLite default, required otherwise",
    )
    lists_dir: Path | None = Field(
        default_factory=_default_lists_dir,
        description="Folder of local sanctions list files; ../shared/data/lists when it exists",
    )
    list_urls: dict[str, str] = Field(
        default_factory=dict,
        description='JSON object overriding list download URLs, e.g. {"un": "https://mirror/un.xml"}',
    )
    treaty_urls: dict[str, str] = Field(
        default_factory=dict,
        description="JSON object overriding where `nonpro treaties update` downloads, e.g. "
        '{"untc": "https://mirror/untc/{page}.html"}',
    )
    jobs_dir: Path = Field(
        default=Path("var/jobs"),
        description="Folder of background jobs' files (bulk screening uploads and results), "
        "one folder per job, deleted with the job",
    )
    jobs_keep_days: int = Field(
        default=30,
        ge=1,
        description="Days a finished background job and its files are kept; older ones are "
        "deleted when a server starts",
    )
    host: str = Field(default="127.0.0.1", description="Address the web server listens on")
    port: int = Field(default=8000, ge=1, le=65535, description="Port the web server listens on")
    session_max_age: int = Field(
        default=8 * 3600,
        ge=60,
        description="Seconds a web sign-in stays valid unused (the idle timeout); each request "
        "starts the count again",
    )
    session_lifetime: int = Field(
        default=12 * 3600,
        ge=60,
        description="Seconds a web sign-in lasts at most, however busy (the absolute timeout)",
    )
    sign_in_attempts: int = Field(
        default=5, ge=1, description="Failed sign-ins allowed per user name per window"
    )
    sign_in_address_attempts: int = Field(
        default=20,
        ge=1,
        description="Failed sign-ins allowed per client address per window, whatever the names",
    )
    trusted_proxies: Annotated[list[IPv4Network | IPv6Network], NoDecode] = Field(
        default_factory=list,
        description="Reverse proxies whose X-Forwarded-For is believed, as addresses or CIDR "
        "ranges separated by commas (e.g. 127.0.0.1,10.0.0.0/8); none by default",
    )
    sign_in_window: int = Field(
        default=900, ge=1, description="Seconds of the sign-in rate-limit window"
    )
    secure_cookies: Literal["auto", "always", "never"] = Field(
        default="auto",
        description="Mark the session cookie Secure: auto = when the request came over HTTPS "
        "(directly or through a proxy that sends X-Forwarded-Proto), always, or never",
    )
    request_threads: int = Field(
        default=4,
        ge=1,
        le=500,
        description="Threads per server worker that run request handlers (each may hold one "
        "database connection at a time)",
    )
    max_body_bytes: int = Field(
        # The largest upload (20 MiB, nonpro.http.uploads.MAX_UPLOAD_BYTES) and its form around it.
        default=25 * 2**20,
        ge=1024,
        description="Largest request body the server reads, in bytes; larger ones get 413",
    )
    warm_index: bool = Field(
        default=True,
        description="Build the screening index when a server worker starts, not on its first "
        "screening request",
    )
    ssl_certfile: Path | None = Field(
        default=None, description="TLS certificate (PEM) for `nonpro serve` to serve HTTPS itself"
    )
    ssl_keyfile: Path | None = Field(
        default=None, description="TLS private key (PEM) matching NONPRO_SSL_CERTFILE"
    )
    marking_scheme: str | None = Field(
        default=None,
        description="Markings of exported reports: unclassified, cui, or a YAML/JSON scheme file; "
        "unset, every export must choose one (--marking, the form, the API)",
    )
    report_records: Path | None = Field(
        default=None,
        description="YAML/JSON file of the office's MTCR, HCOC and regulatory records for the "
        "reports (docs/reports.md); unset: none recorded",
    )
    log_level: Literal["DEBUG", "INFO", "WARNING", "ERROR", "CRITICAL"] = Field(
        default="INFO", description="Least severe log records written (to standard error)"
    )
    log_format: Literal["text", "json"] = Field(
        default="text",
        description="Log lines for people (text) or one JSON object per line for a log "
        "collector (json)",
    )

    @field_validator("log_level", "log_format", mode="before")
    @classmethod
    def _any_case(cls, value: object, info: ValidationInfo) -> object:
        if not isinstance(value, str):
            return value
        return value.strip().upper() if info.field_name == "log_level" else value.strip().lower()

    @field_validator("trusted_proxies", mode="before")
    @classmethod
    def _address_list(cls, value: object) -> object:
        if not isinstance(value, str):
            return value
        try:
            return [ip_network(part.strip()) for part in value.split(",") if part.strip()]
        except ValueError as exc:
            raise ValueError(f"not an address or CIDR range: {exc}") from None

    @field_validator("database_url")
    @classmethod
    def _parseable_url(cls, value: str) -> str:
        parse_database_url(value)
        return value

    @property
    def is_embedded(self) -> bool:
        return self.database_url.startswith("sqlite")

    def masked(self) -> dict[str, str]:
        """The settings for display, secrets masked, each under its environment variable."""
        shown: dict[str, str] = {}
        for name in type(self).model_fields:
            value = getattr(self, name)
            if name == "secret_key":
                text = "(generated, in var/secret_key)" if value is None else "****"
            elif name == "database_url":
                text = _mask_password(str(value))
            elif isinstance(value, dict):
                text = json.dumps(value) if value else ""
            elif isinstance(value, list):
                text = ",".join(str(item) for item in value)
            else:
                text = "" if value is None else str(value)
            shown[f"NONPRO_{name.upper()}"] = text
        return shown


def _mask_password(url: str) -> str:
    return str(parse_database_url(url).render_as_string(hide_password=True))


def load_settings() -> Settings:
    """Read the environment; a bad value becomes a ``ConfigurationError`` naming the variable."""
    try:
        return Settings()
    except ValidationError as exc:
        first = exc.errors()[0]
        field = str(first["loc"][0]) if first["loc"] else "settings"
        cause = first.get("ctx", {}).get("error")
        problem = cause.message if isinstance(cause, ConfigurationError) else first["msg"]
        raise ConfigurationError(f"NONPRO_{field.upper()}", problem) from None


@lru_cache(maxsize=1)
def get_settings() -> Settings:
    return load_settings()


def resolve_secret_key(settings: Settings) -> str:
    """The key that signs sessions; refuses placeholders, generates one for the embedded default."""
    if settings.secret_key is not None:
        key = settings.secret_key.strip()
        if key.lower() in PLACEHOLDER_SECRETS or len(key) < MIN_SECRET_LENGTH:
            raise ConfigurationError(
                "NONPRO_SECRET_KEY",
                f"refused: a placeholder or shorter than {MIN_SECRET_LENGTH} characters; "
                "generate one with: python -c 'import secrets; print(secrets.token_urlsafe(48))'",
            )
        return key
    if not settings.is_embedded:
        raise ConfigurationError(
            "NONPRO_SECRET_KEY", "must be set when the database is not the embedded SQLite file"
        )
    return _stored_secret_key(SECRET_KEY_FILE)


def _stored_secret_key(path: Path) -> str:
    if path.exists():
        return path.read_text(encoding="utf-8").strip()
    path.parent.mkdir(parents=True, exist_ok=True)
    key = secrets.token_urlsafe(48)
    # Created readable by the owner only: the key signs every web session.
    descriptor = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    with os.fdopen(descriptor, "w", encoding="utf-8") as handle:
        handle.write(key + "\n")
    return key
