"""Sign-in rate limiting: sliding windows of failed attempts, per user name and per address.

The two are counted apart. Per user name (in its one normalised form, so "Alice " and "ＡＬＩＣＥ"
are the same name) stops guessing one account's password from many addresses; per address
stops one client trying a few passwords on each of many accounts.
"""

from __future__ import annotations

import threading
import time
from collections import defaultdict, deque

from nonpro.accounts.rules import normalise_username
from nonpro.core.errors import RateLimited


class SignInThrottle:
    """Kept in memory of one server process; enough to stop password guessing through the UI.

    A multi-worker deployment multiplies the allowance by its worker count, which still bounds
    guessing far below what a brute force needs.
    """

    def __init__(self, *, attempts: int, address_attempts: int, window_seconds: int) -> None:
        self._limits = {"name": attempts, "address": address_attempts}
        self._window = window_seconds
        self._failures: dict[tuple[str, str], deque[float]] = defaultdict(deque)
        self._lock = threading.Lock()

    @staticmethod
    def _keys(username: str, address: str) -> tuple[tuple[str, str], tuple[str, str]]:
        return ("name", normalise_username(username)), ("address", address)

    def check(self, username: str, address: str) -> None:
        """Raise ``RateLimited`` if this user name, or this address, failed too often lately."""
        with self._lock:
            for key in self._keys(username, address):
                if key not in self._failures:  # no entry made for every name a guesser tries
                    continue
                recent = self._recent(key)
                if len(recent) >= self._limits[key[0]]:
                    retry_after = int(recent[0] + self._window - time.monotonic()) + 1
                    raise RateLimited(
                        f"too many failed sign-ins; try again in {retry_after} seconds",
                        retry_after,
                    )

    def failed(self, username: str, address: str) -> None:
        now = time.monotonic()
        with self._lock:
            for key in self._keys(username, address):
                self._recent(key).append(now)

    def succeeded(self, username: str, address: str) -> None:
        # Only the name's count is forgiven: an address that guessed its way through one account
        # keeps its record against the others.
        with self._lock:
            self._failures.pop(self._keys(username, address)[0], None)

    def _recent(self, key: tuple[str, str]) -> deque[float]:
        window_start = time.monotonic() - self._window
        failures = self._failures[key]
        while failures and failures[0] < window_start:
            failures.popleft()
        return failures
