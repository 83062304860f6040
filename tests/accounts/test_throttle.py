"""Sign-in rate limiting: per normalised user name, and separately per address (issue 19, 7)."""

from __future__ import annotations

import pytest

from nonpro.accounts.throttle import SignInThrottle
from nonpro.core.errors import RateLimited


def _throttle(window: int = 60) -> SignInThrottle:
    return SignInThrottle(attempts=3, address_attempts=5, window_seconds=window)


def test_blocks_after_the_allowed_failures_and_resets_on_success() -> None:
    throttle = _throttle()
    for _ in range(3):
        throttle.check("alice", "10.0.0.1")
        throttle.failed("alice", "10.0.0.1")
    with pytest.raises(RateLimited) as caught:
        throttle.check("alice", "10.0.0.1")
    assert 0 < caught.value.retry_after <= 61
    throttle.succeeded("alice", "10.0.0.1")
    throttle.check("alice", "10.0.0.1")


@pytest.mark.parametrize("variant", ["Alice", " alice ", "ALICE\t", "ａｌｉｃｅ", "ＡＬＩＣＥ"])
def test_a_locked_name_is_locked_in_every_spelling_from_every_address(variant: str) -> None:
    throttle = _throttle()
    for address in ("10.0.0.1", "10.0.0.2", "10.0.0.3"):
        throttle.failed("alice", address)
    with pytest.raises(RateLimited):
        throttle.check(variant, "192.0.2.99")


def test_spelling_variants_count_as_one_name() -> None:
    throttle = _throttle()
    for variant in ("alice", "Alice ", "ＡＬＩＣＥ"):
        throttle.failed(variant, f"10.0.0.{len(variant)}")
    with pytest.raises(RateLimited):
        throttle.check("alice", "10.0.0.1")


def test_an_address_trying_many_names_is_locked() -> None:
    throttle = _throttle()
    for name in ("a1", "a2", "a3", "a4", "a5"):
        throttle.failed(name, "10.0.0.1")
    with pytest.raises(RateLimited):
        throttle.check("someone-new", "10.0.0.1")
    throttle.check("someone-new", "10.0.0.2")  # another address is not


def test_failures_expire_after_the_window() -> None:
    throttle = _throttle(window=0)
    throttle.failed("bob", "a")
    throttle.check("bob", "a")
