"""The client's address: X-Forwarded-For believed only from configured proxies (issue 19, 7)."""

from __future__ import annotations

from ipaddress import ip_network
from typing import Any

import pytest

from nonpro.http.client_address import client_address

PROXIES = [ip_network("10.0.0.0/8"), ip_network("::1/128")]


def _scope(peer: str, *forwarded: str) -> dict[str, Any]:
    headers = [(b"x-forwarded-for", value.encode()) for value in forwarded]
    return {"type": "http", "client": (peer, 1234), "headers": headers}


def test_without_trusted_proxies_the_header_is_ignored() -> None:
    assert client_address(_scope("10.1.1.1", "198.51.100.7"), []) == "10.1.1.1"


def test_a_peer_that_is_no_trusted_proxy_cannot_forge_the_header() -> None:
    assert client_address(_scope("203.0.113.5", "198.51.100.7"), PROXIES) == "203.0.113.5"


def test_a_trusted_proxy_names_the_client() -> None:
    assert client_address(_scope("10.1.1.1", "198.51.100.7"), PROXIES) == "198.51.100.7"


@pytest.mark.parametrize(
    "forwarded",
    [
        ("6.6.6.6, 198.51.100.7, 10.2.2.2",),  # the client put 6.6.6.6 in; two proxies appended
        ("6.6.6.6", "198.51.100.7, 10.2.2.2"),  # the same hops over two header lines
    ],
)
def test_only_the_hops_the_proxies_added_are_believed(forwarded: tuple[str, ...]) -> None:
    assert client_address(_scope("10.1.1.1", *forwarded), PROXIES) == "198.51.100.7"


def test_without_a_header_the_proxy_itself_is_the_client() -> None:
    assert client_address(_scope("::1"), PROXIES) == "::1"
