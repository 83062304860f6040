"""Settings: bad values are named; placeholder secrets refused; the embedded key is generated."""

from __future__ import annotations

import stat
from pathlib import Path

import pytest

from nonpro.core.errors import ConfigurationError
from nonpro.core.settings import Settings, load_settings, resolve_secret_key


@pytest.mark.parametrize(
    ("url", "fragment"),
    [
        ("mysql://root@localhost/x", "not supported"),
        ("::not a url::", "cannot parse"),
        ("sqlite://", "needs a file path"),
    ],
)
def test_bad_database_url_names_the_setting(
    monkeypatch: pytest.MonkeyPatch, url: str, fragment: str
) -> None:
    monkeypatch.setenv("NONPRO_DATABASE_URL", url)
    with pytest.raises(ConfigurationError) as caught:
        load_settings()
    assert caught.value.field == "NONPRO_DATABASE_URL"
    assert fragment in caught.value.problem


def test_bad_port_names_the_setting(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("NONPRO_PORT", "eighty")
    with pytest.raises(ConfigurationError) as caught:
        load_settings()
    assert caught.value.field == "NONPRO_PORT"


@pytest.mark.parametrize("key", ["changeme", "secret", "short-key"])
def test_placeholder_secret_refused(key: str) -> None:
    with pytest.raises(ConfigurationError) as caught:
        resolve_secret_key(Settings(secret_key=key))
    assert caught.value.field == "NONPRO_SECRET_KEY"


def test_server_database_requires_a_secret() -> None:
    settings = Settings(database_url="postgresql+psycopg://u@127.0.0.1/db")
    with pytest.raises(ConfigurationError, match="must be set"):
        resolve_secret_key(settings)


def test_embedded_secret_generated_once_and_private(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    monkeypatch.chdir(tmp_path)
    first = resolve_secret_key(Settings())
    second = resolve_secret_key(Settings())
    assert first == second
    assert len(first) >= 32
    mode = (tmp_path / "var" / "secret_key").stat().st_mode
    assert stat.S_IMODE(mode) == 0o600


def test_masked_settings_hide_password_and_secret() -> None:
    shown = Settings(
        database_url="postgresql+psycopg://app:hunter2@db/nonpro", secret_key="k" * 40
    ).masked()
    assert "hunter2" not in shown["NONPRO_DATABASE_URL"]
    assert shown["NONPRO_SECRET_KEY"] == "****"
    assert set(shown) >= {"NONPRO_DATABASE_URL", "NONPRO_LISTS_DIR", "NONPRO_HOST", "NONPRO_PORT"}
