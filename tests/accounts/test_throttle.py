"""Sign-in rate limiting."""

from __future__ import annotations

import pytest

from nonpro.accounts.throttle import SignInThrottle
from nonpro.core.errors import RateLimited


def test_blocks_after_the_allowed_failures_and_resets_on_success() -> None:
    throttle = SignInThrottle(attempts=3, window_seconds=60)
    for _ in range(3):
        throttle.check("alice", "10.0.0.1")
        throttle.failed("alice", "10.0.0.1")
    with pytest.raises(RateLimited) as caught:
        throttle.check("Alice", "10.0.0.1")
    assert 0 < caught.value.retry_after <= 61
    throttle.check("alice", "10.0.0.2")  # another address is not blocked
    throttle.succeeded("alice", "10.0.0.1")
    throttle.check("alice", "10.0.0.1")


def test_failures_expire_after_the_window() -> None:
    throttle = SignInThrottle(attempts=1, window_seconds=0)
    throttle.failed("bob", "a")
    throttle.check("bob", "a")
