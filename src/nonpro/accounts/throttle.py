"""Sign-in rate limiting: a sliding window of failed attempts per user name and address."""

from __future__ import annotations

import threading
import time
from collections import defaultdict, deque

from nonpro.core.errors import RateLimited


class SignInThrottle:
    """Kept in memory of one server process; enough to stop password guessing through the UI.

    A multi-worker deployment multiplies the allowance by its worker count, which still bounds
    guessing far below what a brute force needs.
    """

    def __init__(self, *, attempts: int, window_seconds: int) -> None:
        self._attempts = attempts
        self._window = window_seconds
        self._failures: dict[tuple[str, str], deque[float]] = defaultdict(deque)
        self._lock = threading.Lock()

    def check(self, username: str, address: str) -> None:
        """Raise ``RateLimited`` if this user name from this address failed too often lately."""
        with self._lock:
            recent = self._recent(username.lower(), address)
            if len(recent) >= self._attempts:
                retry_after = int(recent[0] + self._window - time.monotonic()) + 1
                raise RateLimited(
                    f"too many failed sign-ins; try again in {retry_after} seconds", retry_after
                )

    def failed(self, username: str, address: str) -> None:
        with self._lock:
            self._recent(username.lower(), address).append(time.monotonic())

    def succeeded(self, username: str, address: str) -> None:
        with self._lock:
            self._failures.pop((username.lower(), address), None)

    def _recent(self, username: str, address: str) -> deque[float]:
        window_start = time.monotonic() - self._window
        failures = self._failures[(username, address)]
        while failures and failures[0] < window_start:
            failures.popleft()
        return failures
