"""The client's address: the one answer the sign-in throttle and the request log both use.

``X-Forwarded-For`` is anyone's to write, so it is believed only when the connection comes from
a configured proxy (``NONPRO_TRUSTED_PROXIES``), and then only as far back as the proxies go:
read from the right, the first address that is not a trusted proxy is the client. Without
trusted proxies the header is ignored and the connection's peer is the client.
"""

from __future__ import annotations

from collections.abc import Sequence
from ipaddress import IPv4Network, IPv6Network, ip_address

from starlette.types import Scope

UNKNOWN = "unknown"

ProxyList = Sequence[IPv4Network | IPv6Network]


def _is_trusted(address: str, proxies: ProxyList) -> bool:
    try:
        parsed = ip_address(address)
    except ValueError:
        return False
    return any(parsed in network for network in proxies)


def client_address(scope: Scope, proxies: ProxyList) -> str:
    """Who sent this request, as far as the trusted proxies vouch for it."""
    peer = scope.get("client")
    address: str = peer[0] if peer else UNKNOWN
    if not proxies or not _is_trusted(address, proxies):
        return address
    forwarded = [
        value.decode("latin-1")
        for name, value in scope.get("headers", [])
        if name == b"x-forwarded-for"
    ]
    hops = [hop.strip() for line in forwarded for hop in line.split(",") if hop.strip()]
    for hop in reversed(hops):
        address = hop
        if not _is_trusted(hop, proxies):
            break
    return address


def request_client_address(scope: Scope) -> str:
    """``client_address`` with the app's configured proxies (settings on ``app.state``)."""
    app = scope.get("app")
    settings = getattr(getattr(app, "state", None), "settings", None)
    proxies: ProxyList = getattr(settings, "trusted_proxies", ())
    return client_address(scope, proxies)
